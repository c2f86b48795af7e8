//! What a model needs to run: the Python version and the pip requirements,
//! from `requirements.txt`, else `python_env.yaml` or `conda.yaml` (the files
//! MLflow writes beside `MLmodel`, `mlflow/utils/environment.py`). Plain
//! Rust, natively tested.

use crate::mlmodel::{from_yaml, ParseError};
use serde::Deserialize;
use serde_json::Value;

/// One requirement line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requirement {
    /// The package as written (`scikit-learn`, `mlflow[extras]`); for a
    /// line that names no package (`-r other.txt`, `--index-url ...`, a path
    /// or URL), the whole line.
    pub name: String,
    /// The version part: `==1.5.2`, `>=2,<3`, `@ https://...`; empty for
    /// "any version".
    pub spec: String,
    /// The environment marker (`python_version < "3.9"`), if any.
    pub marker: Option<String>,
    /// The line as shown: comments left out, a URL's password masked as pip
    /// masks it.
    pub line: String,
}

impl Requirement {
    /// Whether the line names a package (not an option, path or URL).
    pub fn is_package(&self) -> bool {
        self.name != self.line
            || !self.spec.is_empty()
            || self.marker.is_some()
            || is_name(&self.line)
    }

    /// The key two versions' requirements are matched on: the package name
    /// as pip compares it (case-insensitive, `_` and `.` as `-`), extras
    /// left out, with its marker (one package may be listed per platform);
    /// other lines whole.
    pub fn key(&self) -> String {
        if !self.is_package() {
            return self.line.clone();
        }
        let base = self.name.split('[').next().unwrap_or(&self.name).trim();
        let name = base.to_ascii_lowercase().replace(['_', '.'], "-");
        match &self.marker {
            Some(m) => format!("{name}; {m}"),
            None => name,
        }
    }

    /// `==1.5.2`, or "any version".
    pub fn spec_label(&self) -> &str {
        if self.spec.is_empty() {
            "any version"
        } else {
            &self.spec
        }
    }
}

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
}

/// Reads `requirements.txt` as pip does: `\` continues a line, `#` at a
/// line's start or after whitespace starts a comment, blank lines are left
/// out.
pub fn parse_requirements(text: &str) -> Vec<Requirement> {
    let mut lines: Vec<String> = Vec::new();
    let mut pending = String::new();
    for raw in text.lines() {
        match raw.strip_suffix('\\') {
            Some(head) => pending.push_str(head),
            None => {
                pending.push_str(raw);
                lines.push(std::mem::take(&mut pending));
            }
        }
    }
    if !pending.is_empty() {
        lines.push(pending);
    }
    lines
        .iter()
        .filter_map(|line| {
            let line = strip_comment(line).trim();
            (!line.is_empty()).then(|| requirement(line))
        })
        .collect()
}

fn strip_comment(line: &str) -> &str {
    let mut prev_space = true;
    for (i, c) in line.char_indices() {
        if c == '#' && prev_space {
            return &line[..i];
        }
        prev_space = c.is_whitespace();
    }
    line
}

/// `https://user:secret@host` -> `https://user:****@host`.
fn mask_password(line: &str) -> String {
    let Some(scheme) = line.find("://") else {
        return line.to_string();
    };
    let rest = &line[scheme + 3..];
    let end = rest.find(['/', ' ']).unwrap_or(rest.len());
    match rest[..end]
        .rfind('@')
        .and_then(|at| rest[..at].find(':').map(|colon| (colon, at)))
    {
        Some((colon, at)) => format!(
            "{}://{}:****{}",
            &line[..scheme],
            &rest[..colon],
            &rest[at..]
        ),
        None => line.to_string(),
    }
}

fn requirement(line: &str) -> Requirement {
    let line = mask_password(line);
    let whole = |line: String| Requirement {
        name: line.clone(),
        spec: String::new(),
        marker: None,
        line,
    };
    // The name, then extras (`[...]`, spaces allowed before it).
    let name_end = line
        .find(|c: char| !(c.is_ascii_alphanumeric() || "-_.".contains(c)))
        .unwrap_or(line.len());
    if name_end == 0
        || line.starts_with(['-', '.', '/'])
        || line[name_end..].starts_with("://")
        || line[name_end..].starts_with('+')
    {
        return whole(line);
    }
    let mut rest = line[name_end..].trim_start();
    let mut name = line[..name_end].to_string();
    if let Some(extras) = rest.strip_prefix('[') {
        let Some(close) = extras.find(']') else {
            return whole(line);
        };
        name = format!("{name}[{}]", &extras[..close]);
        rest = extras[close + 1..].trim_start();
    }
    // `name @ url ; marker` keeps its URL whole; else `spec ; marker`.
    let (spec, marker) = match rest.strip_prefix('@') {
        Some(url) => match url.find(" ;").or_else(|| url.find("; ")) {
            Some(i) => (
                format!("@ {}", url[..i].trim()),
                Some(url[i..].trim_start_matches([' ', ';']).trim()),
            ),
            None => (format!("@ {}", url.trim()), None),
        },
        None => match rest.split_once(';') {
            Some((spec, marker)) => (spec.trim().to_string(), Some(marker.trim())),
            None => (rest.trim().to_string(), None),
        },
    };
    Requirement {
        name,
        spec,
        marker: marker.filter(|m| !m.is_empty()).map(str::to_string),
        line,
    }
}

/// A model's environment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Environment {
    /// `3.11.7`.
    pub python: Option<String>,
    pub requirements: Vec<Requirement>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PythonEnv {
    python: Option<Value>,
    dependencies: Vec<Value>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CondaEnv {
    dependencies: Vec<Value>,
}

/// Reads `python_env.yaml`: `python` and the `dependencies` (which MLflow
/// writes as `-r requirements.txt`: `requirements` is that file's text,
/// when read).
///
/// # Errors
/// The YAML parser's message.
pub fn parse_python_env(text: &str, requirements: Option<&str>) -> Result<Environment, ParseError> {
    let env: PythonEnv = from_yaml(text, "python_env.yaml")?;
    let mut out = Vec::new();
    for dep in env.dependencies.iter().filter_map(Value::as_str) {
        match (dep.strip_prefix("-r ").map(str::trim), requirements) {
            (Some(_), Some(reqs)) => out.extend(parse_requirements(reqs)),
            _ => out.extend(parse_requirements(dep)),
        }
    }
    Ok(Environment {
        python: env.python.as_ref().and_then(text_of),
        requirements: out,
    })
}

/// Reads `conda.yaml`: Python from `python=3.11.7`, the requirements from
/// its `pip:` list.
///
/// # Errors
/// The YAML parser's message.
pub fn parse_conda(text: &str) -> Result<Environment, ParseError> {
    let env: CondaEnv = from_yaml(text, "conda.yaml")?;
    let mut python = None;
    let mut requirements = Vec::new();
    for dep in &env.dependencies {
        match dep {
            Value::String(s) => {
                if let Some(v) = s
                    .strip_prefix("python==")
                    .or_else(|| s.strip_prefix("python="))
                {
                    python = Some(v.to_string());
                }
            }
            Value::Object(o) => {
                for pip in o.get("pip").and_then(Value::as_array).into_iter().flatten() {
                    if let Some(line) = pip.as_str() {
                        requirements.extend(parse_requirements(line));
                    }
                }
            }
            _ => {}
        }
    }
    Ok(Environment {
        python,
        requirements,
    })
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The environment as the compare page's rows: `Python`, `MLflow` and
/// `requirement <package>` -> its pin. A requirement added, removed or
/// re-pinned is then a row that differs.
pub fn environment_pairs(env: &Environment, mlflow_version: Option<&str>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(p) = &env.python {
        out.push(("Python".to_string(), p.clone()));
    }
    if let Some(m) = mlflow_version {
        out.push(("MLflow (logged with)".to_string(), m.to_string()));
    }
    for r in &env.requirements {
        out.push((
            format!("requirement {}", r.key()),
            r.spec_label().to_string(),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requirement_lines_split_into_package_and_pin() {
        let text = "# written by MLflow\nmlflow==2.9.2\nscikit-learn==1.5.2  # pinned\npandas\n\
                    numpy>=1.24,<2; python_version >= \"3.9\"\nnumpy==1.21; python_version < \"3.9\"\n\
                    My_Pkg [extra] == 1.0\n-r more.txt\n  \ntensorflow\t# tab comment\npandas\\\n==2.2.0\n\
                    mypkg @ https://example.com/p.whl\n./local_pkg\ngit+https://github.com/a/b.git\n\
                    --extra-index-url https://user:s3cret@pypi.example.com/simple\n";
        let r = parse_requirements(text);
        let got: Vec<(&str, &str)> = r
            .iter()
            .map(|r| (r.name.as_str(), r.spec.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("mlflow", "==2.9.2"),
                ("scikit-learn", "==1.5.2"),
                ("pandas", ""),
                ("numpy", ">=1.24,<2"),
                ("numpy", "==1.21"),
                ("My_Pkg[extra]", "== 1.0"),
                ("-r more.txt", ""),
                ("tensorflow", ""),
                ("pandas", "==2.2.0"),
                ("mypkg", "@ https://example.com/p.whl"),
                ("./local_pkg", ""),
                ("git+https://github.com/a/b.git", ""),
                (
                    "--extra-index-url https://user:****@pypi.example.com/simple",
                    ""
                ),
            ]
        );
        assert_eq!(
            r[3].key(),
            "numpy; python_version >= \"3.9\"",
            "one key per platform"
        );
        assert_eq!(r[4].key(), "numpy; python_version < \"3.9\"");
        assert_eq!(r[5].key(), "my-pkg");
        assert_eq!(r[2].spec_label(), "any version");
        assert_eq!(
            r[9].line, "mypkg @ https://example.com/p.whl",
            "shown as written"
        );
        assert_eq!(r[10].key(), "./local_pkg", "a path is its own key");
        assert_eq!(
            r[12].key(),
            "--extra-index-url https://user:****@pypi.example.com/simple"
        );
    }

    #[test]
    fn python_env_and_conda_files() {
        let py = "build_dependencies:\n- pip==23.3.1\n- setuptools\ndependencies:\n- -r requirements.txt\npython: 3.11.7\n";
        let env = parse_python_env(py, Some("mlflow==2.9.2\npandas==2.1.4\n")).unwrap();
        assert_eq!(env.python.as_deref(), Some("3.11.7"));
        assert_eq!(env.requirements.len(), 2);
        let without = parse_python_env(py, None).unwrap();
        assert_eq!(without.requirements[0].name, "-r requirements.txt");

        assert_eq!(
            parse_conda("dependencies:\n- python==3.10.12\n")
                .unwrap()
                .python
                .as_deref(),
            Some("3.10.12")
        );
        let conda = "channels:\n- conda-forge\ndependencies:\n- python=3.8.10\n- pip<=23.0\n- pip:\n  - mlflow==1.30.1\n  - cloudpickle==2.2.0\nname: mlflow-env\n";
        let env = parse_conda(conda).unwrap();
        assert_eq!(env.python.as_deref(), Some("3.8.10"));
        let names: Vec<&str> = env.requirements.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, vec!["mlflow", "cloudpickle"]);
        assert!(parse_conda("dependencies: [unclosed").is_err());
    }

    #[test]
    fn environment_rows_match_packages_across_spellings() {
        let a = Environment {
            python: Some("3.11.7".into()),
            requirements: parse_requirements("Scikit_Learn==1.5.2\npandas==2.1.4\n"),
        };
        assert_eq!(
            environment_pairs(&a, Some("2.9.2")),
            vec![
                ("Python".to_string(), "3.11.7".to_string()),
                ("MLflow (logged with)".to_string(), "2.9.2".to_string()),
                (
                    "requirement scikit-learn".to_string(),
                    "==1.5.2".to_string()
                ),
                ("requirement pandas".to_string(), "==2.1.4".to_string()),
            ]
        );
    }
}
