//! Model URIs, which deployment serves which version, and the hand-off to the
//! Deployments page (README: Deploy, Deployed By). Plain Rust: every rule has a
//! native test.

pub mod handoff;
pub mod options;
pub mod preflight;
pub mod resolve;
pub mod scoring;
pub mod source;

pub use handoff::{
    deployment_href, handoff_create_url, handoff_edit_url, is_external_route, received_uri,
    Received,
};
pub use options::{update_options, UpdateOption};

use crate::mlflow::types::{Alias, ModelVersion, RegisteredModel};
use crate::mlflow::url::{decode_component, encode_component};
use serde::Deserialize;

/// `models:/` + encodeURIComponent(name) + `/` + version: the form PrimeHub
/// writes, matches and hands to its Deployments page.
pub fn model_uri(name: &str, version: &str) -> String {
    format!("models:/{}/{}", encode_component(name), version)
}

/// `models:/<name>/<version>` with the name as it is: the form MLflow's own
/// loaders take (they do not percent-decode the name).
pub fn mlflow_model_uri(name: &str, version: &str) -> String {
    format!("models:/{name}/{version}")
}

/// What the Deployments route says of the URI it `received` for `version`
/// of `name`, when it differs from the Model URI it shows (MLflow's form).
pub fn handed_over_note(received: &str, name: &str, version: &str) -> Option<&'static str> {
    if received == mlflow_model_uri(name, version) {
        None
    } else if received == model_uri(name, version) {
        Some(
            "PrimeHub's form, the name percent-encoded: what the Deployments page receives and \
             matches deployments by. MLflow reads the Model URI below.",
        )
    } else {
        Some("As it was handed over; it names the version below, whose Model URI MLflow reads.")
    }
}

/// Python that loads the version with MLflow, the name written as a Python
/// string literal whatever it holds.
pub fn load_model_snippet(name: &str, version: &str) -> String {
    format!(
        "import mlflow\n\nmodel = mlflow.pyfunc.load_model({})",
        python_string(&mlflow_model_uri(name, version))
    )
}

/// `mlflow models serve -m <uri>`, the URI quoted for a POSIX shell when it
/// needs to be.
pub fn serve_command(name: &str, version: &str) -> String {
    format!(
        "mlflow models serve -m {}",
        shell_word(&mlflow_model_uri(name, version))
    )
}

/// A double-quoted Python string literal.
pub(crate) fn python_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `s` as one POSIX shell word: as is when it holds only safe characters,
/// else single-quoted (a `'` inside becomes `'\''`).
pub(crate) fn shell_word(s: &str) -> String {
    let safe = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:@%+=,".contains(c));
    if safe {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// What a `models:/` URI points at within its model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UriTarget {
    /// `models:/name/3`
    Version(String),
    /// `models:/name@champion`
    Alias(String),
    /// `models:/name/Production`: the newest version in that stage.
    Stage(String),
    /// `models:/name/latest`: the newest version.
    Latest,
}

/// A parsed `models:/` URI naming a registered model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelRef {
    /// The name as written in the URI: percent-encoded or raw.
    pub written_name: String,
    pub target: UriTarget,
}

/// Parses `models:/<name>/<version|stage|latest>` and `models:/<name>@<alias>`.
/// `None` for anything else (a logged-model id `models:/m-...`, another
/// scheme, an empty name).
pub fn parse_model_uri(uri: &str) -> Option<ModelRef> {
    let rest = uri.trim().strip_prefix("models:/")?;
    let (name, target) = if let Some((name, tail)) = rest.rsplit_once('/') {
        let target = if !tail.is_empty() && tail.bytes().all(|b| b.is_ascii_digit()) {
            UriTarget::Version(normalize_version(tail))
        } else if tail.eq_ignore_ascii_case("latest") {
            UriTarget::Latest
        } else if tail.is_empty() {
            return None;
        } else {
            UriTarget::Stage(tail.to_string())
        };
        (name, target)
    } else {
        let (name, alias) = rest.rsplit_once('@')?;
        if alias.is_empty() {
            return None;
        }
        (name, UriTarget::Alias(alias.to_string()))
    };
    if name.is_empty() || name.contains('/') {
        return None;
    }
    Some(ModelRef {
        written_name: name.to_string(),
        target,
    })
}

/// `"007"` -> `"7"`; MLflow's versions are plain numbers.
fn normalize_version(v: &str) -> String {
    let t = v.trim_start_matches('0');
    if t.is_empty() {
        "0".to_string()
    } else {
        t.to_string()
    }
}

fn version_number(v: &str) -> u64 {
    v.parse().unwrap_or(0)
}

impl ModelRef {
    /// True when the URI's name is `name`, written raw or percent-encoded.
    pub fn names(&self, name: &str) -> bool {
        self.written_name == name || decode_component(&self.written_name).as_deref() == Some(name)
    }

    /// The model name to show and to ask MLflow about: decoded when the URI
    /// holds valid percent-encoding, else as written.
    pub fn display_name(&self) -> String {
        decode_component(&self.written_name).unwrap_or_else(|| self.written_name.clone())
    }

    /// The version this URI resolves to, given what is known of the model.
    pub fn resolve(&self, model: &ModelFacts) -> Option<String> {
        match &self.target {
            UriTarget::Version(v) => Some(v.clone()),
            UriTarget::Alias(a) => model
                .aliases
                .iter()
                .find(|x| &x.alias == a)
                .map(|x| x.version.clone()),
            UriTarget::Stage(s) => model
                .stages
                .iter()
                .filter(|(stage, _)| stage.eq_ignore_ascii_case(s))
                .map(|(_, v)| v)
                .max_by_key(|v| version_number(v))
                .cloned(),
            UriTarget::Latest => model
                .stages
                .iter()
                .map(|(_, v)| v)
                .max_by_key(|v| version_number(v))
                .cloned(),
        }
    }

    /// True for stage and `latest` URIs: resolving them needs the model's
    /// `latest_versions`, not just one version.
    pub fn needs_model(&self) -> bool {
        matches!(self.target, UriTarget::Stage(_) | UriTarget::Latest)
    }

    /// A short description for people: `iris v3`, `iris @champion`,
    /// `iris (Production)`, `iris (latest)`.
    pub fn describe(&self) -> String {
        let name = self.display_name();
        match &self.target {
            UriTarget::Version(v) => format!("{name} v{v}"),
            UriTarget::Alias(a) => format!("{name} @{a}"),
            UriTarget::Stage(s) => format!("{name} ({s})"),
            UriTarget::Latest => format!("{name} (latest)"),
        }
    }
}

/// What a URI needs to be resolved: the model's aliases, and the newest
/// version in each stage (`registered_model.latest_versions`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ModelFacts {
    pub name: String,
    pub aliases: Vec<Alias>,
    /// `(stage, version)`, one per stage MLflow reports.
    pub stages: Vec<(String, String)>,
}

impl ModelFacts {
    /// From `registered-models/get` or `registered-models/search`.
    pub fn of_model(m: &RegisteredModel) -> Self {
        Self {
            name: m.name.clone(),
            aliases: m.aliases.clone(),
            stages: m
                .latest_versions
                .iter()
                .map(|v| (v.current_stage.clone(), v.version.clone()))
                .collect(),
        }
    }

    /// From one `model-versions/get` answer: its own aliases. Stages are left
    /// out: which version is the newest in a stage, or the latest, cannot be
    /// told from one version (see [`ModelRef::needs_model`]).
    pub fn of_version(v: &ModelVersion) -> Self {
        Self {
            name: v.name.clone(),
            aliases: v
                .aliases
                .iter()
                .map(|a| Alias {
                    alias: a.clone(),
                    version: v.version.clone(),
                })
                .collect(),
            stages: Vec::new(),
        }
    }
}

/// A deployment of the group, as PrimeHub or the static list gives it.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct Deployment {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(rename = "modelURI", default)]
    pub model_uri: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
}

impl Deployment {
    /// Its name, or its id when it has none.
    pub fn label(&self) -> &str {
        match self.name.as_deref() {
            Some(n) if !n.trim().is_empty() => n,
            _ => &self.id,
        }
    }

    /// Its model URI, parsed; `None` when it serves no registered model.
    pub fn model_ref(&self) -> Option<ModelRef> {
        parse_model_uri(self.model_uri.as_deref()?)
    }

    /// The version of `model` it serves, if it serves that model.
    pub fn serves(&self, model: &ModelFacts) -> Option<String> {
        let r = self.model_ref()?;
        if !r.names(&model.name) {
            return None;
        }
        r.resolve(model)
    }

    /// Why it serves nothing now: `Some("stopped")` or `Some("failed")`;
    /// `None` when it is live or deploying (or its state is not known).
    pub fn not_live(&self) -> Option<&'static str> {
        let status = self.status.as_deref()?.trim().to_ascii_lowercase();
        match status.as_str() {
            "stopped" | "stopping" => Some("stopped"),
            "failed" | "error" => Some("failed"),
            _ => None,
        }
    }

    /// What it serves, for people ("iris v2"), or the raw URI.
    pub fn serving_label(&self) -> String {
        match (self.model_ref(), self.model_uri.as_deref()) {
            (Some(r), _) => r.describe(),
            (None, Some(u)) if !u.trim().is_empty() => u.to_string(),
            _ => "no model".to_string(),
        }
    }
}

/// Every deployment serving `version` of `model`, in the source's order.
pub fn deployed_by<'a>(
    deployments: &'a [Deployment],
    model: &ModelFacts,
    version: &str,
) -> Vec<&'a Deployment> {
    let version = normalize_version(version);
    deployments
        .iter()
        .filter(|d| d.serves(model).as_deref() == Some(version.as_str()))
        .collect()
}

/// The versions of `model` that some deployment serves, lowest first: those
/// a live deployment serves, and those only stopped or failed ones do.
pub fn deployed_versions(
    deployments: &[Deployment],
    model: &ModelFacts,
) -> (Vec<String>, Vec<String>) {
    let of = |live: bool| {
        let mut versions: Vec<String> = deployments
            .iter()
            .filter(|d| d.not_live().is_none() == live)
            .filter_map(|d| d.serves(model))
            .collect();
        versions.sort_by_key(|v| version_number(v));
        versions.dedup();
        versions
    };
    let live = of(true);
    let stopped = of(false)
        .into_iter()
        .filter(|v| !live.contains(v))
        .collect();
    (live, stopped)
}

/// A deployment whose model URI leads to no version that can serve.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dangling {
    pub id: String,
    /// Its name, or id.
    pub label: String,
    /// The model its URI names, decoded.
    pub model: String,
    /// `churn-predictor v99`, `churn @champion`.
    pub points_at: String,
    pub target: UriTarget,
    /// `churn-predictor has no version 99`.
    pub why: String,
    /// It leads to a version that failed registration (else: to nothing).
    pub failed: bool,
}

impl Dangling {
    /// "churn-canary serves churn-predictor v99: churn-predictor has no version 99".
    pub fn sentence(&self) -> String {
        format!("{} serves {}: {}", self.label, self.points_at, self.why)
    }

    /// `v99 (missing)`, `@champion (failed)`: the model list's form.
    pub fn short(&self) -> String {
        let target = match &self.target {
            UriTarget::Version(v) => format!("v{v}"),
            UriTarget::Alias(a) => format!("@{a}"),
            UriTarget::Stage(s) => s.clone(),
            UriTarget::Latest => "latest".to_string(),
        };
        let state = if self.failed { "failed" } else { "missing" };
        format!("{target} ({state})")
    }

    /// The version its URI names, for a version URI.
    pub fn version(&self) -> Option<&str> {
        match &self.target {
            UriTarget::Version(v) => Some(v),
            _ => None,
        }
    }
}

/// The versions `dangling` deployments name that MLflow does not have (one
/// that failed registration exists): no baseline to compare with.
pub fn missing_versions(dangling: &[Dangling]) -> Vec<String> {
    dangling
        .iter()
        .filter(|d| !d.failed)
        .filter_map(|d| d.version().map(str::to_string))
        .collect()
}

/// "churn has no version 99", "churn has no alias gone", "churn has no
/// version in stage Production", "churn has no version at all": what a URI
/// of `model` asks for that it lacks.
pub fn missing_target(model: &str, target: &UriTarget) -> String {
    match target {
        UriTarget::Version(v) => format!("{model} has no version {v}"),
        UriTarget::Alias(a) => format!("{model} has no alias {a}"),
        UriTarget::Stage(s) => format!("{model} has no version in stage {s}"),
        UriTarget::Latest => format!("{model} has no version at all"),
    }
}

/// Deployment `d` of model `m` as [`Dangling`], when `why` it points at
/// nothing is known.
pub fn dangling_of(d: &Deployment, why: String, failed: bool) -> Option<Dangling> {
    let r = d.model_ref()?;
    Some(Dangling {
        id: d.id.clone(),
        label: d.label().to_string(),
        model: r.display_name(),
        points_at: r.describe(),
        target: r.target,
        why,
        failed,
    })
}

/// Whether deployment `d` of model `m` points at nothing as far as the
/// model's own facts tell, without asking MLflow (the model list): a
/// version newer than any the model lists among its latest, an alias it
/// lacks (when the server is known to have `aliases`), a stage or `latest`
/// without a version. A deleted version older than the newest is not seen
/// here; the versions page asks MLflow.
pub fn dangling_by_facts(d: &Deployment, m: &ModelFacts, aliases: bool) -> Option<Dangling> {
    let r = d.model_ref()?;
    if !r.names(&m.name) || r.resolve(m).is_some() && !matches!(r.target, UriTarget::Version(_)) {
        return None;
    }
    let gone = match &r.target {
        // MLflow numbers versions from 1.
        UriTarget::Version(v) if version_number(v) == 0 => true,
        UriTarget::Version(v) => {
            let newest = m.stages.iter().map(|(_, x)| version_number(x)).max()?;
            version_number(v) > newest
        }
        UriTarget::Alias(_) => aliases,
        UriTarget::Stage(_) | UriTarget::Latest => true,
    };
    gone.then(|| dangling_of(d, missing_target(&m.name, &r.target), false))
        .flatten()
}

/// A version some live deployment serves, as a baseline to compare another
/// version of the model with: "Compare with v3, serving in churn-prod".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServedBaseline {
    pub version: String,
    /// The labels of the live deployments serving it, in the source's order.
    pub deployments: Vec<String>,
}

impl ServedBaseline {
    /// "Compare with v3, serving in churn-prod" ("in a and b", "in a, b and c").
    pub fn label(&self) -> String {
        let names = match self.deployments.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        };
        format!("Compare with v{}, serving in {names}", self.version)
    }
}

/// The versions of `model` that live deployments serve (other than `but`,
/// when given), each once with the deployments serving it, in the order the
/// source lists them; empty when nothing (else) serves.
pub fn served_baselines(
    deployments: &[Deployment],
    model: &ModelFacts,
    but: Option<&str>,
) -> Vec<ServedBaseline> {
    let but = but.map(normalize_version);
    let mut out: Vec<ServedBaseline> = Vec::new();
    for d in deployments.iter().filter(|d| d.not_live().is_none()) {
        let Some(served) = d.serves(model).filter(|v| Some(v) != but.as_ref()) else {
            continue;
        };
        match out.iter_mut().find(|b| b.version == served) {
            Some(b) => b.deployments.push(d.label().to_string()),
            None => out.push(ServedBaseline {
                version: served,
                deployments: vec![d.label().to_string()],
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iris() -> ModelFacts {
        ModelFacts {
            name: "iris classifier".into(),
            aliases: vec![
                Alias {
                    alias: "champion".into(),
                    version: "2".into(),
                },
                Alias {
                    alias: "challenger".into(),
                    version: "3".into(),
                },
            ],
            stages: vec![
                ("Archived".into(), "1".into()),
                ("Production".into(), "2".into()),
                ("Staging".into(), "3".into()),
            ],
        }
    }

    fn dep(id: &str, uri: &str) -> Deployment {
        Deployment {
            id: id.into(),
            name: Some(format!("{id}-name")),
            model_uri: Some(uri.into()),
            status: None,
        }
    }

    #[test]
    fn stopped_and_failed_deployments_are_not_live() {
        let d = |s: Option<&str>| Deployment {
            status: s.map(str::to_string),
            ..Default::default()
        };
        assert_eq!(d(Some("Stopped")).not_live(), Some("stopped"));
        assert_eq!(d(Some("STOPPING")).not_live(), Some("stopped"));
        assert_eq!(d(Some("Failed")).not_live(), Some("failed"));
        assert_eq!(d(Some("Deployed")).not_live(), None);
        assert_eq!(d(Some("Deploying")).not_live(), None);
        assert_eq!(d(None).not_live(), None);
    }

    #[test]
    fn the_hand_off_says_which_uri_form_is_which() {
        // Nothing to tell apart: the name needs no encoding.
        assert_eq!(handed_over_note("models:/iris/3", "iris", "3"), None);
        let primehub =
            handed_over_note("models:/fraud%20detector%20v2/1", "fraud detector v2", "1");
        assert!(primehub.is_some_and(|n| n.starts_with("PrimeHub's form")));
        assert_eq!(
            handed_over_note("models:/fraud detector v2/1", "fraud detector v2", "1"),
            None
        );
        let alias = handed_over_note("models:/iris@champion", "iris", "2");
        assert!(alias.is_some_and(|n| n.starts_with("As it was handed over")));
    }

    #[test]
    fn model_uri_encodes_the_name() {
        assert_eq!(
            model_uri("iris-classifier", "2"),
            "models:/iris-classifier/2"
        );
        assert_eq!(model_uri("a b#?%", "10"), "models:/a%20b%23%3F%25/10");
    }

    #[test]
    fn snippet_and_serve_command_use_the_raw_name_quoted() {
        assert_eq!(
            load_model_snippet("say \"hi\" \\ it's", "2"),
            "import mlflow\n\nmodel = mlflow.pyfunc.load_model(\"models:/say \\\"hi\\\" \\\\ it's/2\")"
        );
        assert_eq!(
            serve_command("iris-classifier", "3"),
            "mlflow models serve -m models:/iris-classifier/3"
        );
        assert_eq!(
            serve_command("it's a model", "1"),
            "mlflow models serve -m 'models:/it'\\''s a model/1'"
        );
        assert_eq!(
            serve_command("hash#and?q&$x", "1"),
            "mlflow models serve -m 'models:/hash#and?q&$x/1'"
        );
    }

    #[test]
    fn parses_every_uri_form() {
        let p = |u: &str| parse_model_uri(u).map(|r| (r.written_name, r.target));
        assert_eq!(
            p("models:/iris%20classifier/3"),
            Some(("iris%20classifier".into(), UriTarget::Version("3".into())))
        );
        assert_eq!(
            p("models:/iris classifier/03"),
            Some(("iris classifier".into(), UriTarget::Version("3".into())))
        );
        assert_eq!(
            p("models:/a@b@champion"),
            Some(("a@b".into(), UriTarget::Alias("champion".into())))
        );
        assert_eq!(
            p("models:/a@b/2"),
            Some(("a@b".into(), UriTarget::Version("2".into())))
        );
        assert_eq!(
            p("models:/iris/Production"),
            Some(("iris".into(), UriTarget::Stage("Production".into())))
        );
        assert_eq!(
            p(" models:/iris/latest "),
            Some(("iris".into(), UriTarget::Latest))
        );
        for bad in [
            "",
            "models:/",
            "models:/m-0123abc",
            "models:/iris/",
            "models:/@champion",
            "models:/iris@",
            "models://iris/1",
            "runs:/abc/model",
            "iris/1",
        ] {
            assert_eq!(parse_model_uri(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn names_match_raw_or_encoded() {
        for name in [
            "iris classifier",
            "100% sure_model",
            "pct%name",
            "Modèle ünïcødé 模型 🚀",
            "spe(c)ial-chars_ok.+=@!~&'\"#?",
        ] {
            let encoded = parse_model_uri(&model_uri(name, "1")).unwrap();
            assert!(encoded.names(name), "encoded {name:?}");
            assert_eq!(encoded.display_name(), name);
            let raw = parse_model_uri(&mlflow_model_uri(name, "1")).unwrap();
            assert!(raw.names(name), "raw {name:?}");
        }
        let r = parse_model_uri("models:/iris%20classifier/1").unwrap();
        assert!(!r.names("iris"));
        assert!(!r.names("iris%20classifier2"));
    }

    #[test]
    fn matching_finds_encoded_raw_alias_and_stage_uris() {
        let deployments = vec![
            dep("encoded", "models:/iris%20classifier/3"),
            dep("raw", "models:/iris classifier/2"),
            dep("alias", "models:/iris%20classifier@champion"),
            dep("stage", "models:/iris classifier/production"),
            dep("latest", "models:/iris classifier/latest"),
            dep("unknown-alias", "models:/iris classifier@nobody"),
            dep("other", "models:/iris/2"),
            dep("garbled", "s3://bucket/model"),
            Deployment {
                id: "image".into(),
                ..Default::default()
            },
        ];
        let ids = |v: &str| -> Vec<String> {
            deployed_by(&deployments, &iris(), v)
                .into_iter()
                .map(|d| d.id.clone())
                .collect()
        };
        assert_eq!(ids("1"), Vec::<String>::new());
        assert_eq!(ids("2"), ["raw", "alias", "stage"]);
        assert_eq!(ids("3"), ["encoded", "latest"]);
        assert_eq!(deployed_versions(&deployments, &iris()).0, ["2", "3"]);
        // Stopped ones apart; a version also served live is live.
        let mut with_stopped = deployments.clone();
        for (id, uri) in [
            ("old", "models:/iris classifier/1"),
            ("spare", "models:/iris classifier/3"),
        ] {
            with_stopped.push(Deployment {
                id: id.into(),
                model_uri: Some(uri.into()),
                status: Some("Stopped".into()),
                ..Default::default()
            });
        }
        let (live, stopped) = deployed_versions(&with_stopped, &iris());
        assert_eq!(
            (live.as_slice(), stopped.as_slice()),
            (
                &["2".to_string(), "3".to_string()][..],
                &["1".to_string()][..]
            )
        );
    }

    #[test]
    fn facts_from_one_version() {
        let v = ModelVersion {
            name: "iris classifier".into(),
            version: "2".into(),
            current_stage: "Production".into(),
            aliases: vec!["champion".into()],
            ..Default::default()
        };
        let facts = ModelFacts::of_version(&v);
        let d = [
            dep("a", "models:/iris classifier@champion"),
            dep("s", "models:/iris%20classifier/Production"),
            dep("l", "models:/iris classifier/latest"),
            dep("x", "models:/iris classifier@challenger"),
        ];
        let ids: Vec<&str> = deployed_by(&d, &facts, "2")
            .iter()
            .map(|d| d.id.as_str())
            .collect();
        // Stage and latest need the whole model: not guessed from one version.
        assert_eq!(ids, ["a"]);
        assert!(d[1].model_ref().unwrap().needs_model());
        assert!(!d[0].model_ref().unwrap().needs_model());
    }

    #[test]
    fn serving_labels() {
        assert_eq!(
            dep("a", "models:/iris%20classifier/3").serving_label(),
            "iris classifier v3"
        );
        assert_eq!(
            dep("a", "models:/iris@champion").serving_label(),
            "iris @champion"
        );
        assert_eq!(dep("a", "s3://x").serving_label(), "s3://x");
        assert_eq!(Deployment::default().serving_label(), "no model");
        assert_eq!(
            Deployment {
                id: "d-1".into(),
                ..Default::default()
            }
            .label(),
            "d-1"
        );
    }

    #[test]
    fn handoff_urls_carry_both_parameters() {
        let uri = model_uri("a b", "3");
        assert_eq!(
            handoff_create_url("deployments", "/console/g/x", &uri),
            "/console/g/x/deployments/create?modelURI=models%3A%2Fa%2520b%2F3&defaultValue=%7B%22modelURI%22%3A%22models%3A%2Fa%2520b%2F3%22%7D"
        );
        assert_eq!(
            handoff_edit_url("https://console.example/g/x/deployments/", "", "d-1", &uri),
            "https://console.example/g/x/deployments/d-1/edit?modelURI=models%3A%2Fa%2520b%2F3&defaultValue=%7B%22modelURI%22%3A%22models%3A%2Fa%2520b%2F3%22%7D"
        );
        assert_eq!(
            deployment_href("/console/deployments", "/base", "d 1"),
            "/console/deployments/d%201"
        );
        assert_eq!(
            deployment_href("deployments", "", "d-1"),
            "/deployments/d-1"
        );
        assert!(is_external_route("https://console.example/d"));
        assert!(is_external_route("/console/g/demo/deployments"));
        assert!(!is_external_route("deployments"));
    }

    #[test]
    fn received_uri_reads_either_parameter() {
        let uri = model_uri("it's \"x\"", "4");
        let dv = serde_json::json!({ "modelURI": uri }).to_string();
        let expect = Received::Model {
            uri: uri.clone(),
            model: parse_model_uri(&uri).unwrap(),
        };
        assert_eq!(received_uri(Some(&uri), Some(&dv)), expect);
        assert_eq!(received_uri(None, Some(&dv)), expect);
        assert_eq!(received_uri(Some(""), None), Received::Missing);
        assert_eq!(received_uri(None, Some("{not json")), Received::Missing);
        assert_eq!(
            received_uri(Some("s3://bucket"), None),
            Received::Garbled {
                value: "s3://bucket".into()
            }
        );
    }
}

#[cfg(test)]
mod baseline_tests {
    use super::*;

    #[test]
    fn the_model_list_tells_what_points_at_nothing_from_the_models_own_facts() {
        let model = ModelFacts {
            name: "churn".into(),
            aliases: vec![Alias {
                alias: "champion".into(),
                version: "3".into(),
            }],
            stages: vec![
                ("None".into(), "3".into()),
                ("Production".into(), "2".into()),
            ],
        };
        let why = |uri: &str, aliases: bool| {
            dangling_by_facts(&dep("d", uri, "Deployed"), &model, aliases).map(|d| d.short())
        };
        assert_eq!(
            why("models:/churn/99", true).as_deref(),
            Some("v99 (missing)")
        );
        assert_eq!(why("models:/churn/3", true), None);
        assert_eq!(
            why("models:/churn/1", true),
            None,
            "older: not told without asking"
        );
        assert_eq!(why("models:/churn@champion", true), None);
        assert_eq!(
            why("models:/churn@gone", true).as_deref(),
            Some("@gone (missing)")
        );
        assert_eq!(
            why("models:/churn@gone", false),
            None,
            "no aliases on this server"
        );
        assert_eq!(
            why("models:/churn/Staging", true).as_deref(),
            Some("Staging (missing)")
        );
        assert_eq!(why("models:/churn/Production", true), None);
        assert_eq!(why("models:/other/99", true), None);
        let d = dangling_by_facts(
            &dep("churn gone", "models:/churn/99", "Deployed"),
            &model,
            true,
        )
        .expect("dangling");
        assert_eq!(
            d.sentence(),
            "churn gone serves churn v99: churn has no version 99"
        );
        let empty = ModelFacts {
            name: "churn".into(),
            ..Default::default()
        };
        assert_eq!(
            dangling_by_facts(&dep("d", "models:/churn/99", "Deployed"), &empty, true),
            None,
            "no latest versions: not known"
        );
    }

    fn dep(name: &str, uri: &str, status: &str) -> Deployment {
        Deployment {
            id: format!("{name}-id"),
            name: Some(name.into()),
            model_uri: Some(uri.into()),
            status: Some(status.into()),
        }
    }

    #[test]
    fn each_served_version_is_one_baseline_naming_its_live_deployments() {
        let model = ModelFacts {
            name: "churn model".into(),
            aliases: vec![Alias {
                alias: "champion".into(),
                version: "3".into(),
            }],
            stages: Vec::new(),
        };
        let list = vec![
            dep("churn-prod", "models:/churn%20model/3", "Deployed"),
            dep("churn-canary", "models:/churn model@champion", "Deployed"),
            dep("churn-old", "models:/churn model/1", "Stopped"),
            dep("churn-shadow", "models:/churn model/4", "Deploying"),
            dep("churn-a", "models:/churn model/5", "Deployed"),
            dep("other", "models:/iris/3", "Deployed"),
        ];
        let got = served_baselines(&list, &model, Some("5"));
        let labels: Vec<String> = got.iter().map(ServedBaseline::label).collect();
        assert_eq!(
            labels,
            [
                "Compare with v3, serving in churn-prod and churn-canary",
                "Compare with v4, serving in churn-shadow",
            ],
            "a stopped deployment serves nothing; this version is no baseline to itself"
        );
        assert!(served_baselines(&list[..1], &model, Some("3")).is_empty());
        assert!(served_baselines(&[], &model, Some("3")).is_empty());
        let three = ServedBaseline {
            version: "2".into(),
            deployments: vec!["a".into(), "b".into(), "c".into()],
        };
        assert_eq!(three.label(), "Compare with v2, serving in a, b and c");
    }
}
