//! The Deploy dialog's pre-flight checks (README: Deploy, "Pre-flight"):
//! what a version needs to serve, and what changes for callers when it
//! replaces the version a deployment serves now. Plain Rust over what the
//! Model section already reads (`mlflow::model_files::ModelFacts`).

use crate::format::bytes;
use crate::mlflow::model_files::ModelFacts;
use crate::mlflow::types::VersionStatus;
use crate::mlmodel::{MlModel, ParamSpec, Schema, Signature};
use crate::model_env::Environment;

/// How a check came out, mildest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Pass,
    /// Its data could not be had: never a pass.
    NotChecked,
    Warning,
    /// Callers or the server will break: OK asks for a confirmation.
    Problem,
}

impl Level {
    /// `pass`, `not checked`, `warning`, `problem`: said in words beside
    /// each check's icon.
    pub fn word(self) -> &'static str {
        match self {
            Self::Pass => "pass",
            Self::NotChecked => "not checked",
            Self::Warning => "warning",
            Self::Problem => "problem",
        }
    }

    /// The CSS modifier and test hook: `pass`, `unknown`, `warning`, `problem`.
    pub fn key(self) -> &'static str {
        match self {
            Self::Pass => "pass",
            Self::NotChecked => "unknown",
            Self::Warning => "warning",
            Self::Problem => "problem",
        }
    }
}

/// One line of the list: what was checked, how it came out, one line of why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    pub what: &'static str,
    /// `None` while its data is on its way.
    pub level: Option<Level>,
    pub why: String,
}

impl Check {
    fn new(what: &'static str, level: Level, why: impl Into<String>) -> Self {
        Self {
            what,
            level: Some(level),
            why: why.into(),
        }
    }

    fn loading(what: &'static str, why: impl Into<String>) -> Self {
        Self {
            what,
            level: None,
            why: why.into(),
        }
    }
}

/// The version being deployed: its number, status and facts (`None` while
/// they load).
pub struct Candidate<'a> {
    pub version: &'a str,
    pub status: VersionStatus,
    pub facts: Option<&'a ModelFacts>,
}

/// The version the chosen deployment serves now, when it serves another
/// version of the same model (`facts` `None` while they load).
pub struct Served<'a> {
    pub version: &'a str,
    pub facts: Option<&'a ModelFacts>,
}

/// The checks for deploying `this`, replacing `served` when updating a
/// deployment of the same model; `also_served_by` names the other live
/// deployments serving this version already.
pub fn preflight(
    this: &Candidate,
    served: Option<&Served>,
    also_served_by: &[String],
) -> Vec<Check> {
    let mut out = vec![status_check(&this.status)];
    let model = this.facts.map(|f| f.mlmodel.as_ref().map(|(m, _)| m));
    out.push(match model {
        None => Check::loading("Flavor", "Reading the model's description…"),
        Some(Err(why)) => Check::new("Flavor", Level::NotChecked, not_checked(why)),
        Some(Ok(m)) if m.servable() => Check::new(
            "Flavor",
            Level::Pass,
            "python_function: MLflow's model server can load it.",
        ),
        Some(Ok(m)) => Check::new(
            "Flavor",
            Level::Problem,
            format!(
                "No python_function flavor (it has {}): MLflow's model server cannot load it.",
                flavor_names(m)
            ),
        ),
    });
    out.push(files_check(this.facts));
    let served_model = served.map(|s| (s, s.facts.map(|f| f.mlmodel.as_ref().map(|(m, _)| m))));
    out.push(signature_check(model, served_model.as_ref()));
    out.push(environment_check(this.facts, served));
    out.push(size_check(this.facts, served));
    out.push(if also_served_by.is_empty() {
        Check::new(
            "Other deployments",
            Level::Pass,
            "No other deployment serves this version.",
        )
    } else {
        Check::new(
            "Other deployments",
            Level::Warning,
            format!("Already served by {}.", also_served_by.join(", ")),
        )
    });
    out
}

/// The problems, for the confirmation OK asks for: "input plan removed; …".
pub fn problems(checks: &[Check]) -> Vec<&Check> {
    checks
        .iter()
        .filter(|c| c.level == Some(Level::Problem))
        .collect()
}

fn status_check(status: &VersionStatus) -> Check {
    match status.not_deployable() {
        None => Check::new("Status", Level::Pass, "READY."),
        Some(why) => Check::new("Status", Level::Problem, why),
    }
}

fn not_checked(why: &str) -> String {
    let why = why.trim_end_matches('.');
    if why.is_empty() {
        "Not checked: the model's description could not be read.".to_string()
    } else {
        format!("Not checked: {why}.")
    }
}

fn flavor_names(m: &MlModel) -> String {
    let names: Vec<&str> = m.flavors.keys().map(String::as_str).collect();
    if names.is_empty() {
        "no flavor".to_string()
    } else {
        names.join(", ")
    }
}

type ModelState<'a> = Option<Result<&'a MlModel, &'a String>>;

fn signature_check(this: ModelState, served: Option<&(&Served, ModelState)>) -> Check {
    const WHAT: &str = "Signature";
    let m = match this {
        None => return Check::loading(WHAT, "Reading the model's description…"),
        Some(Err(why)) => return Check::new(WHAT, Level::NotChecked, not_checked(why)),
        Some(Ok(m)) => m,
    };
    let sig = match m.signature() {
        Err(e) => return Check::new(WHAT, Level::NotChecked, not_checked(&e.to_string())),
        Ok(None) => {
            return Check::new(
                WHAT,
                Level::Warning,
                "Logged without a signature: the model server will not check requests.",
            )
        }
        Ok(Some(s)) => s,
    };
    let Some((s, old)) = served else {
        return Check::new(WHAT, Level::Pass, describe_signature(&sig));
    };
    let old = match old {
        None => return Check::loading(WHAT, format!("Reading v{}'s description…", s.version)),
        Some(Err(why)) => {
            return Check::new(
                WHAT,
                Level::NotChecked,
                format!(
                    "Not checked against v{}: {}",
                    s.version,
                    not_checked(why).trim_start_matches("Not checked: ")
                ),
            )
        }
        Some(Ok(old)) => old,
    };
    let old = match old.signature() {
        Ok(Some(old)) => old,
        Ok(None) => {
            return Check::new(
                WHAT,
                Level::Pass,
                format!(
                    "{} (v{} has none to compare with).",
                    describe_signature(&sig).trim_end_matches('.'),
                    s.version
                ),
            )
        }
        Err(e) => {
            return Check::new(
                WHAT,
                Level::NotChecked,
                format!("Not checked against v{}: {e}.", s.version),
            )
        }
    };
    let changes = signature_changes(&old, &sig);
    let level = changes.iter().map(|c| c.0).max().unwrap_or(Level::Pass);
    if changes.is_empty() {
        return Check::new(WHAT, Level::Pass, format!("The same as v{}'s.", s.version));
    }
    let list: Vec<String> = changes.into_iter().map(|c| c.1).collect();
    Check::new(
        WHAT,
        level,
        format!("Against v{}: {}.", s.version, list.join("; ")),
    )
}

/// "Inputs: 3 columns; outputs: 1 column; 2 params."
fn describe_signature(s: &Signature) -> String {
    fn part(schema: &Schema) -> String {
        match schema {
            Schema::Columns(c) if c.len() == 1 => "1 column".to_string(),
            Schema::Columns(c) => format!("{} columns", c.len()),
            Schema::Tensors(t) if t.len() == 1 => {
                format!("a {} tensor {}", t[0].dtype, t[0].shape_label())
            }
            Schema::Tensors(t) => format!("{} tensors", t.len()),
        }
    }
    let mut s2 = format!("Inputs: {}; outputs: {}", part(&s.inputs), part(&s.outputs));
    match s.params.len() {
        0 => {}
        1 => s2.push_str("; 1 param"),
        n => s2.push_str(&format!("; {n} params")),
    }
    s2.push('.');
    s2
}

/// What changes for callers from `old` to `new`, each with its level:
/// an input or output removed or retyped is a problem (callers break), a
/// required one added a warning, an optional one added passes; a column
/// that became required is a warning. Params: removed or retyped are
/// problems, added ones pass (they have defaults).
pub fn signature_changes(old: &Signature, new: &Signature) -> Vec<(Level, String)> {
    let mut out = schema_changes("input", &old.inputs, &new.inputs);
    out.extend(schema_changes("output", &old.outputs, &new.outputs));
    out.extend(param_changes(&old.params, &new.params));
    out
}

fn schema_changes(part: &str, old: &Schema, new: &Schema) -> Vec<(Level, String)> {
    match (old, new) {
        (Schema::Columns(old), Schema::Columns(new)) => {
            let name =
                |i: usize, n: &Option<String>| n.clone().unwrap_or_else(|| format!("#{}", i + 1));
            let old: Vec<(String, &crate::mlmodel::ColumnSpec)> = old
                .iter()
                .enumerate()
                .map(|(i, c)| (name(i, &c.name), c))
                .collect();
            let new: Vec<(String, &crate::mlmodel::ColumnSpec)> = new
                .iter()
                .enumerate()
                .map(|(i, c)| (name(i, &c.name), c))
                .collect();
            let mut out = Vec::new();
            for (n, o) in &old {
                match new.iter().find(|(m, _)| m == n) {
                    None => out.push((Level::Problem, format!("{part} {n} removed"))),
                    Some((_, c)) if c.ty != o.ty => out.push((
                        Level::Problem,
                        format!("{part} {n} retyped {} \u{2192} {}", o.ty, c.ty),
                    )),
                    Some((_, c)) if c.required && !o.required => {
                        out.push((Level::Warning, format!("{part} {n} now required")))
                    }
                    Some(_) => {}
                }
            }
            for (n, c) in &new {
                if !old.iter().any(|(m, _)| m == n) {
                    out.push(if c.required {
                        (
                            Level::Warning,
                            format!("required {part} {n} added ({})", c.ty),
                        )
                    } else {
                        (Level::Pass, format!("optional {part} {n} added ({})", c.ty))
                    });
                }
            }
            out
        }
        (Schema::Tensors(old), Schema::Tensors(new)) => {
            let mut out = Vec::new();
            for (i, o) in old.iter().enumerate() {
                let label = o
                    .name
                    .clone()
                    .unwrap_or_else(|| format!("tensor #{}", i + 1));
                match new.get(i) {
                    None => out.push((Level::Problem, format!("{part} {label} removed"))),
                    Some(t) if t.dtype != o.dtype || t.shape != o.shape => out.push((
                        Level::Problem,
                        format!(
                            "{part} {label} {} {} \u{2192} {} {}",
                            o.dtype,
                            o.shape_label(),
                            t.dtype,
                            t.shape_label()
                        ),
                    )),
                    Some(_) => {}
                }
            }
            for t in new.iter().skip(old.len()) {
                let label = t.name.clone().unwrap_or_else(|| "a tensor".to_string());
                out.push((Level::Warning, format!("{part} {label} added")));
            }
            out
        }
        (Schema::Columns(_), Schema::Tensors(_)) => {
            vec![(
                Level::Problem,
                format!("{part}s changed from columns to tensors"),
            )]
        }
        (Schema::Tensors(_), Schema::Columns(_)) => {
            vec![(
                Level::Problem,
                format!("{part}s changed from tensors to columns"),
            )]
        }
    }
}

fn param_changes(old: &[ParamSpec], new: &[ParamSpec]) -> Vec<(Level, String)> {
    let mut out = Vec::new();
    for o in old {
        match new.iter().find(|p| p.name == o.name) {
            None => out.push((Level::Problem, format!("param {} removed", o.name))),
            Some(p) if p.ty != o.ty || p.shape != o.shape => out.push((
                Level::Problem,
                format!("param {} retyped {} \u{2192} {}", o.name, o.ty, p.ty),
            )),
            Some(_) => {}
        }
    }
    for p in new {
        if !old.iter().any(|o| o.name == p.name) {
            out.push((
                Level::Pass,
                format!("param {} added (default {})", p.name, p.default),
            ));
        }
    }
    out
}

/// A version's environment as the checks read it: `None` while loading,
/// `Err` with why it cannot be had.
fn environment_of(f: &ModelFacts) -> Result<(Environment, Option<String>), String> {
    let (m, _) = f.mlmodel.as_ref().map_err(Clone::clone)?;
    let env = match &f.environment {
        Some(Ok((env, _))) => env.clone(),
        Some(Err(why)) => return Err(why.clone()),
        None => {
            return Err(
                "the requirements are read through mlflow_root, which this site's configuration does not set"
                    .to_string(),
            )
        }
    };
    Ok((env, m.mlflow_version.clone()))
}

/// What changed from the served version's environment to this one's:
/// Python, MLflow, and each requirement re-pinned or removed are warnings;
/// a requirement added passes.
pub fn environment_changes(
    old: &Environment,
    old_mlflow: Option<&str>,
    new: &Environment,
    new_mlflow: Option<&str>,
) -> Vec<(Level, String)> {
    let mut out = Vec::new();
    let changed = |what: &str, a: Option<&str>, b: Option<&str>| match (a, b) {
        (Some(a), Some(b)) if a != b => Some((Level::Warning, format!("{what} {a} \u{2192} {b}"))),
        _ => None,
    };
    out.extend(changed(
        "Python",
        old.python.as_deref(),
        new.python.as_deref(),
    ));
    out.extend(changed("MLflow", old_mlflow, new_mlflow));
    for o in old.requirements.iter().filter(|r| r.is_package()) {
        match new.requirements.iter().find(|r| r.key() == o.key()) {
            None => out.push((Level::Warning, format!("{} removed", o.key()))),
            Some(r) if r.spec_label() != o.spec_label() => out.push((
                Level::Warning,
                format!("{} {} \u{2192} {}", o.key(), o.spec_label(), r.spec_label()),
            )),
            Some(_) => {}
        }
    }
    for r in new.requirements.iter().filter(|r| r.is_package()) {
        if !old.requirements.iter().any(|o| o.key() == r.key()) {
            out.push((Level::Pass, format!("{} {} added", r.key(), r.spec_label())));
        }
    }
    out
}

fn environment_check(this: Option<&ModelFacts>, served: Option<&Served>) -> Check {
    const WHAT: &str = "Environment";
    let Some(this) = this else {
        return Check::loading(WHAT, "Reading the model's environment…");
    };
    let (env, mlflow) = match environment_of(this) {
        Ok(e) => e,
        Err(why) => return Check::new(WHAT, Level::NotChecked, not_checked(&why)),
    };
    let Some(s) = served else {
        let mut parts = Vec::new();
        if let Some(p) = &env.python {
            parts.push(format!("Python {p}"));
        }
        if let Some(m) = &mlflow {
            parts.push(format!("MLflow {m}"));
        }
        let n = env.requirements.iter().filter(|r| r.is_package()).count();
        parts.push(match n {
            1 => "1 requirement".to_string(),
            n => format!("{n} requirements"),
        });
        return Check::new(WHAT, Level::Pass, format!("{}.", parts.join(", ")));
    };
    let Some(old) = s.facts else {
        return Check::loading(WHAT, format!("Reading v{}'s environment…", s.version));
    };
    let (old_env, old_mlflow) = match environment_of(old) {
        Ok(e) => e,
        Err(why) => {
            return Check::new(
                WHAT,
                Level::NotChecked,
                format!(
                    "Not checked against v{}: {}",
                    s.version,
                    not_checked(&why).trim_start_matches("Not checked: ")
                ),
            )
        }
    };
    let changes = environment_changes(&old_env, old_mlflow.as_deref(), &env, mlflow.as_deref());
    if changes.is_empty() {
        return Check::new(
            WHAT,
            Level::Pass,
            format!(
                "The same Python, MLflow and requirements as v{}.",
                s.version
            ),
        );
    }
    let level = changes.iter().map(|c| c.0).max().unwrap_or(Level::Pass);
    let list: Vec<String> = changes.into_iter().map(|c| c.1).collect();
    Check::new(
        WHAT,
        level,
        format!("Against v{}: {}.", s.version, list.join("; ")),
    )
}

/// Whether the model's files are there to serve: MLflow lists them (a
/// description from the run's history tag outlives deleted files).
fn files_check(this: Option<&ModelFacts>) -> Check {
    const WHAT: &str = "Files";
    let Some(this) = this else {
        return Check::loading(WHAT, "Listing the model's files…");
    };
    match &this.files {
        Err(why) => Check::new(WHAT, Level::NotChecked, not_checked(why)),
        Ok(files) if files.is_empty() => Check::new(
            WHAT,
            Level::Problem,
            "MLflow lists no files for this version: they may have been deleted, or they are in an artifact store this MLflow server cannot read. The model server cannot load it.",
        ),
        Ok(files) => Check::new(
            WHAT,
            Level::Pass,
            match files.len() {
                1 => "MLflow lists 1 entry in the model's folder.".to_string(),
                n => format!("MLflow lists {n} entries in the model's folder."),
            },
        ),
    }
}

/// The model's size: MLflow's own figure (`model_size_bytes`, MLflow 2.x+),
/// else the listed files of its folder (folders' contents not counted);
/// none when MLflow lists no files (deleted ones have no size to deploy).
pub fn model_size(f: &ModelFacts) -> Option<u64> {
    if f.files.as_ref().is_ok_and(Vec::is_empty) {
        return None;
    }
    if let Ok((m, _)) = &f.mlmodel {
        if let Some(n) = m.model_size_bytes {
            return Some(n);
        }
    }
    let files = f.files.as_ref().ok()?;
    if files.is_empty() {
        return None;
    }
    Some(
        files
            .iter()
            .filter(|e| !e.is_dir)
            .map(|e| e.file_size.unwrap_or(0))
            .sum(),
    )
}

fn size_check(this: Option<&ModelFacts>, served: Option<&Served>) -> Check {
    const WHAT: &str = "Size";
    let Some(this) = this else {
        return Check::loading(WHAT, "Listing the model's files…");
    };
    let Some(n) = model_size(this) else {
        let why = match &this.files {
            Err(why) => not_checked(why),
            Ok(_) => "Not checked: MLflow lists no files for this version.".to_string(),
        };
        return Check::new(WHAT, Level::NotChecked, why);
    };
    let old = served.map(|s| (s.version, s.facts.map(model_size)));
    let why = match old {
        Some((v, Some(Some(o)))) if o != n => {
            let sign = if n > o { "+" } else { "\u{2212}" };
            format!(
                "{} ({sign}{} from v{v}'s {}).",
                bytes(n),
                bytes(n.abs_diff(o)),
                bytes(o)
            )
        }
        Some((v, Some(Some(_)))) => format!("{}, as v{v}.", bytes(n)),
        _ => format!("{}.", bytes(n)),
    };
    Check::new(WHAT, Level::Pass, why)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mlflow::model_files::{Described, FileEntry, ModelLocation};
    use crate::model_env::parse_requirements;

    fn facts(mlmodel: &str, requirements: &str, python: &str) -> ModelFacts {
        let m = MlModel::from_yaml(mlmodel).expect("test MLmodel");
        ModelFacts {
            location: ModelLocation::Unknown,
            files: Ok(vec![FileEntry {
                path: "model.pkl".into(),
                is_dir: false,
                file_size: Some(2048),
            }]),
            mlmodel: Ok((m, Described::File)),
            environment: Some(Ok((
                Environment {
                    python: Some(python.into()),
                    requirements: parse_requirements(requirements),
                },
                "requirements.txt".into(),
            ))),
            readable: true,
        }
    }

    const V1: &str = r#"
flavors:
  python_function: {loader_module: mlflow.pyfunc.model, python_version: 3.11.4}
mlflow_version: 2.9.2
model_size_bytes: 10240
signature:
  inputs: '[{"type": "long", "name": "age", "required": true}, {"type": "string", "name": "plan", "required": true}, {"type": "double", "name": "monthly_charges", "required": true}]'
  outputs: '[{"type": "double", "name": "churn_probability", "required": true}]'
"#;
    const V2: &str = r#"
flavors:
  python_function: {loader_module: mlflow.pyfunc.model, python_version: 3.11.4}
mlflow_version: 2.9.2
model_size_bytes: 12288
signature:
  inputs: '[{"type": "double", "name": "age", "required": true}, {"type": "double", "name": "monthly_charges", "required": true}, {"type": "long", "name": "tenure_months", "required": true}, {"type": "string", "name": "promo", "required": false}]'
  outputs: '[{"type": "double", "name": "churn_probability", "required": true}]'
  params: '[{"name": "temperature", "type": "double", "default": 0.5, "shape": null}]'
"#;

    fn levels(checks: &[Check]) -> Vec<(&str, Option<&str>)> {
        checks
            .iter()
            .map(|c| (c.what, c.level.map(Level::word)))
            .collect()
    }

    #[test]
    fn a_new_deployment_checks_what_the_version_needs() {
        let f = facts(V1, "mlflow==2.9.2\npandas==2.1.4\n", "3.11.4");
        let this = Candidate {
            version: "1",
            status: VersionStatus::Ready,
            facts: Some(&f),
        };
        let checks = preflight(&this, None, &[]);
        assert_eq!(
            levels(&checks),
            [
                ("Status", Some("pass")),
                ("Flavor", Some("pass")),
                ("Files", Some("pass")),
                ("Signature", Some("pass")),
                ("Environment", Some("pass")),
                ("Size", Some("pass")),
                ("Other deployments", Some("pass")),
            ]
        );
        assert_eq!(checks[2].why, "MLflow lists 1 entry in the model's folder.");
        assert_eq!(checks[3].why, "Inputs: 3 columns; outputs: 1 column.");
        assert_eq!(
            checks[4].why,
            "Python 3.11.4, MLflow 2.9.2, 2 requirements."
        );
        assert_eq!(checks[5].why, "10.0 KiB.");
        assert!(problems(&checks).is_empty());
    }

    #[test]
    fn replacing_a_served_version_names_what_breaks_callers() {
        let old = facts(
            V1,
            "mlflow==2.9.2\nscikit-learn==1.5.2\ncloudpickle==3.1.0\n",
            "3.10.12",
        );
        let new = facts(
            V2,
            "mlflow==2.9.2\nscikit-learn==1.6.1\nnumpy==1.26.4\n",
            "3.11.4",
        );
        let this = Candidate {
            version: "2",
            status: VersionStatus::Ready,
            facts: Some(&new),
        };
        let served = Served {
            version: "1",
            facts: Some(&old),
        };
        let checks = preflight(&this, Some(&served), &["churn-canary".to_string()]);
        let sig = &checks[3];
        assert_eq!(sig.level, Some(Level::Problem));
        assert_eq!(
            sig.why,
            "Against v1: input age retyped long \u{2192} double; input plan removed; \
             required input tenure_months added (long); optional input promo added (string); \
             param temperature added (default 0.5)."
        );
        let env = &checks[4];
        assert_eq!(env.level, Some(Level::Warning));
        assert_eq!(
            env.why,
            "Against v1: Python 3.10.12 \u{2192} 3.11.4; scikit-learn ==1.5.2 \u{2192} ==1.6.1; \
             cloudpickle removed; numpy ==1.26.4 added."
        );
        assert_eq!(checks[5].why, "12.0 KiB (+2.0 KiB from v1's 10.0 KiB).");
        assert_eq!(checks[6].level, Some(Level::Warning));
        assert_eq!(checks[6].why, "Already served by churn-canary.");
        assert_eq!(problems(&checks).len(), 1);
        // The other way round: nothing callers send is removed... but age
        // changes type back, and tenure_months and promo go.
        let back = signature_changes(
            &new.mlmodel
                .as_ref()
                .map(|m| m.0.signature())
                .unwrap()
                .unwrap()
                .unwrap(),
            &old.mlmodel
                .as_ref()
                .map(|m| m.0.signature())
                .unwrap()
                .unwrap()
                .unwrap(),
        );
        assert!(back
            .iter()
            .any(|c| c == &(Level::Problem, "input promo removed".to_string())));
        assert!(back
            .iter()
            .any(|c| c == &(Level::Problem, "param temperature removed".to_string())));
    }

    #[test]
    fn what_is_not_known_is_never_a_pass() {
        let this = Candidate {
            version: "5",
            status: VersionStatus::Ready,
            facts: None,
        };
        let checks = preflight(&this, None, &[]);
        assert_eq!(checks[1].level, None, "still loading");
        let deleted = ModelFacts {
            location: ModelLocation::Unknown,
            files: Ok(Vec::new()),
            mlmodel: Err(
                "MLflow lists no MLmodel file for this version: its files may have been deleted."
                    .into(),
            ),
            environment: None,
            readable: true,
        };
        let this = Candidate {
            facts: Some(&deleted),
            ..this
        };
        let checks = preflight(&this, None, &[]);
        assert_eq!(
            levels(&checks)[1..6],
            [
                ("Flavor", Some("not checked")),
                ("Files", Some("problem")),
                ("Signature", Some("not checked")),
                ("Environment", Some("not checked")),
                ("Size", Some("not checked")),
            ]
        );
        assert_eq!(
            checks[1].why,
            "Not checked: MLflow lists no MLmodel file for this version: its files may have been deleted."
        );
        // Against a served version whose files are gone: not checked either.
        let f = facts(V2, "mlflow==2.9.2\n", "3.11.4");
        let served = Served {
            version: "5",
            facts: Some(&deleted),
        };
        let this = Candidate {
            version: "2",
            status: VersionStatus::Ready,
            facts: Some(&f),
        };
        let checks = preflight(&this, Some(&served), &[]);
        assert_eq!(checks[3].level, Some(Level::NotChecked));
        assert!(
            checks[3]
                .why
                .starts_with("Not checked against v5: MLflow lists no MLmodel"),
            "{}",
            checks[3].why
        );
        // A description from the run's tag outlives deleted files: the
        // flavor is known, the files are a problem, the size is not known.
        let tagged = ModelFacts {
            mlmodel: facts(V1, "", "3.11.4").mlmodel,
            environment: Some(Err("requirements.txt is not listed".into())),
            ..deleted.clone()
        };
        let this = Candidate {
            facts: Some(&tagged),
            ..this
        };
        let checks = preflight(&this, None, &[]);
        assert_eq!(
            levels(&checks)[1..6],
            [
                ("Flavor", Some("pass")),
                ("Files", Some("problem")),
                ("Signature", Some("pass")),
                ("Environment", Some("not checked")),
                ("Size", Some("not checked")),
            ]
        );
        // Without mlflow_root the requirements cannot be read: not a pass.
        let unreadable = ModelFacts {
            environment: None,
            ..facts(V1, "", "3.11.4")
        };
        let this = Candidate {
            facts: Some(&unreadable),
            ..this
        };
        let env = &preflight(&this, None, &[])[4];
        assert_eq!(env.level, Some(Level::NotChecked));
        assert!(env.why.contains("mlflow_root"), "{}", env.why);
    }

    #[test]
    fn tensors_and_flavors() {
        let tensor = r#"
flavors:
  sklearn: {sklearn_version: 1.5.2}
signature:
  inputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 4]}}]'
  outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1]}}]'
"#;
        let m = MlModel::from_yaml(tensor).expect("yaml");
        let s = m.signature().expect("sig").expect("some");
        let cols = MlModel::from_yaml(V1)
            .expect("yaml")
            .signature()
            .expect("sig")
            .expect("some");
        assert_eq!(
            signature_changes(&cols, &s)[0],
            (
                Level::Problem,
                "inputs changed from columns to tensors".to_string()
            )
        );
        let mut wider = s.clone();
        if let Schema::Tensors(t) = &mut wider.inputs {
            t[0].shape = vec![-1, 5];
        }
        assert_eq!(
            signature_changes(&s, &wider),
            [(
                Level::Problem,
                "input tensor #1 float32 (-1, 4) \u{2192} float32 (-1, 5)".to_string()
            )]
        );
        let f = ModelFacts {
            location: ModelLocation::Unknown,
            files: Ok(Vec::new()),
            mlmodel: Ok((m, Described::File)),
            environment: None,
            readable: false,
        };
        let this = Candidate {
            version: "3",
            status: VersionStatus::Ready,
            facts: Some(&f),
        };
        let checks = preflight(&this, None, &[]);
        assert_eq!(checks[1].level, Some(Level::Problem));
        assert_eq!(
            checks[1].why,
            "No python_function flavor (it has sklearn): MLflow's model server cannot load it."
        );
        assert_eq!(
            checks[3].why,
            "Inputs: a float32 tensor (-1, 4); outputs: a float32 tensor (-1,)."
        );
    }
}
