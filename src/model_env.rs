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
    /// The package as written (`scikit-learn`, `mlflow[extras]`); an option
    /// line (`-r other.txt`, `--index-url ...`) whole.
    pub name: String,
    /// What follows the name: `==1.5.2`, `>=2,<3; python_version < "3.9"`;
    /// empty for "any version".
    pub spec: String,
}

impl Requirement {
    /// The key two versions' requirements are matched on: the package name
    /// as pip compares it (case-insensitive, `_` and `.` as `-`), extras
    /// left out.
    pub fn key(&self) -> String {
        let base = self.name.split('[').next().unwrap_or(&self.name);
        base.to_ascii_lowercase().replace(['_', '.'], "-")
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

/// Reads `requirements.txt`: one requirement per line, comments and blank
/// lines left out.
pub fn parse_requirements(text: &str) -> Vec<Requirement> {
    text.lines()
        .filter_map(|line| {
            // `#` starts a comment at the line's start or after a space
            // (pip's rule); a URL's fragment keeps it.
            let line = match line.find(" #") {
                Some(i) => &line[..i],
                None if line.trim_start().starts_with('#') => "",
                None => line,
            }
            .trim();
            (!line.is_empty()).then(|| requirement(line))
        })
        .collect()
}

fn requirement(line: &str) -> Requirement {
    if line.starts_with('-') {
        return Requirement {
            name: line.to_string(),
            spec: String::new(),
        };
    }
    // The name (with extras) ends where the version or a marker starts.
    let mut end = 0;
    let mut in_extras = false;
    for (i, c) in line.char_indices() {
        match c {
            '[' => in_extras = true,
            ']' => in_extras = false,
            c if in_extras || c.is_ascii_alphanumeric() || "-_.".contains(c) => {}
            _ => break,
        }
        end = i + c.len_utf8();
    }
    if end == 0 {
        end = line.len();
    }
    Requirement {
        name: line[..end].to_string(),
        spec: line[end..].trim().to_string(),
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
            _ => out.push(requirement(dep.trim())),
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
                    .strip_prefix("python=")
                    .or_else(|| s.strip_prefix("python=="))
                {
                    python = Some(v.to_string());
                }
            }
            Value::Object(o) => {
                for pip in o.get("pip").and_then(Value::as_array).into_iter().flatten() {
                    if let Some(line) = pip.as_str() {
                        requirements.push(requirement(line.trim()));
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
                    numpy>=1.24,<2; python_version >= \"3.9\"\nMy_Pkg[extra]==1.0\n-r more.txt\n  \n";
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
                ("numpy", ">=1.24,<2; python_version >= \"3.9\""),
                ("My_Pkg[extra]", "==1.0"),
                ("-r more.txt", ""),
            ]
        );
        assert_eq!(r[4].key(), "my-pkg");
        assert_eq!(r[2].spec_label(), "any version");
    }

    #[test]
    fn python_env_and_conda_files() {
        let py = "build_dependencies:\n- pip==23.3.1\n- setuptools\ndependencies:\n- -r requirements.txt\npython: 3.11.7\n";
        let env = parse_python_env(py, Some("mlflow==2.9.2\npandas==2.1.4\n")).unwrap();
        assert_eq!(env.python.as_deref(), Some("3.11.7"));
        assert_eq!(env.requirements.len(), 2);
        let without = parse_python_env(py, None).unwrap();
        assert_eq!(without.requirements[0].name, "-r requirements.txt");

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
