//! MLflow REST wire types. MLflow omits empty fields, so every field has a
//! default and a missing one never fails a whole page.

use serde::Deserialize;

/// A `key`/`value` pair (model, version and run tags; run params).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct KeyValue {
    pub key: String,
    pub value: String,
}

/// An alias of a registered model and the version it points at.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct Alias {
    pub alias: String,
    pub version: String,
}

/// One version of a registered model (`model_version`).
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct ModelVersion {
    pub name: String,
    /// A string on the wire ("3").
    pub version: String,
    /// Epoch milliseconds.
    pub creation_timestamp: Option<i64>,
    pub last_updated_timestamp: Option<i64>,
    pub current_stage: String,
    pub description: String,
    pub source: String,
    pub run_id: String,
    /// `READY`, `PENDING_REGISTRATION` or `FAILED_REGISTRATION`.
    pub status: String,
    pub status_message: String,
    pub tags: Vec<KeyValue>,
    pub run_link: String,
    /// Only `model-versions/get` fills these; search leaves them empty.
    pub aliases: Vec<String>,
}

/// A registered model (`registered_model`).
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct RegisteredModel {
    pub name: String,
    pub creation_timestamp: Option<i64>,
    pub last_updated_timestamp: Option<i64>,
    pub description: String,
    pub latest_versions: Vec<ModelVersion>,
    pub tags: Vec<KeyValue>,
    pub aliases: Vec<Alias>,
}

/// Tags a user set: MLflow's own (`mlflow.*`) are left out.
pub fn user_tags(tags: &[KeyValue]) -> impl Iterator<Item = &KeyValue> {
    tags.iter().filter(|t| !t.key.starts_with("mlflow."))
}

impl KeyValue {
    /// `key: value`, as a chip shows it; `key: (empty)` for `""`.
    pub fn label(&self) -> String {
        let value = if self.value.is_empty() {
            crate::format::EMPTY_VALUE
        } else {
            &self.value
        };
        format!("{}: {value}", self.key)
    }
}

/// Where a version's registration stands (`status` on the wire).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VersionStatus {
    /// `READY`, or no status at all.
    Ready,
    /// `PENDING_REGISTRATION`: artifacts still being copied.
    Pending,
    /// `FAILED_REGISTRATION`.
    Failed,
    /// Anything else MLflow may send one day.
    Other(String),
}

impl VersionStatus {
    /// The one word a table shows.
    pub fn label(&self) -> &str {
        match self {
            Self::Ready => "Ready",
            Self::Pending => "Pending",
            Self::Failed => "Failed",
            Self::Other(s) => s,
        }
    }

    /// The sentence a version page leads with; `None` when ready.
    pub fn alert(&self) -> Option<&'static str> {
        match self {
            Self::Ready => None,
            Self::Pending => Some("This version is still being registered."),
            Self::Failed => Some("Registering this version failed."),
            Self::Other(_) => Some("This version is not ready."),
        }
    }

    /// Why the version cannot be deployed; `None` when it can (it is ready).
    pub fn not_deployable(&self) -> Option<&'static str> {
        match self {
            Self::Ready => None,
            Self::Pending => {
                Some("Not deployable yet: the version is still being registered. Deploy it once its status is Ready.")
            }
            Self::Failed => {
                Some("Not deployable: registering this version failed, so MLflow has no model to serve.")
            }
            Self::Other(_) => Some("Not deployable: the version is not ready."),
        }
    }

    /// A short class for the status's look (`ready`, `pending`, `failed`).
    pub fn key(&self) -> &'static str {
        match self {
            Self::Ready => "ready",
            Self::Pending => "pending",
            Self::Failed | Self::Other(_) => "failed",
        }
    }
}

impl ModelVersion {
    /// The stage as a person reads it: MLflow's `None` (no stage) and an
    /// absent stage (MLflow 3 without stages) are `-`.
    pub fn stage_label(&self) -> &str {
        match self.current_stage.as_str() {
            "" | "None" => "-",
            s => s,
        }
    }

    /// The version's registration status.
    pub fn status(&self) -> VersionStatus {
        match self.status.as_str() {
            "" | "READY" => VersionStatus::Ready,
            "PENDING_REGISTRATION" => VersionStatus::Pending,
            "FAILED_REGISTRATION" => VersionStatus::Failed,
            other => VersionStatus::Other(other.to_string()),
        }
    }
}

/// The aliases among `aliases` (a model's) that point at `version`.
pub fn aliases_of(aliases: &[Alias], version: &str) -> Vec<String> {
    aliases
        .iter()
        .filter(|a| a.version == version)
        .map(|a| a.alias.clone())
        .collect()
}

impl Alias {
    /// `alias → vN`, as a chip shows it.
    pub fn label(&self) -> String {
        format!("{} \u{2192} v{}", self.alias, self.version)
    }
}

/// The tag MLflow puts on prompts, which share the model registry.
pub const PROMPT_TAG: &str = "mlflow.prompt.is_prompt";

impl RegisteredModel {
    /// Prompts are registered models tagged `mlflow.prompt.is_prompt = true`;
    /// they are not models.
    pub fn is_prompt(&self) -> bool {
        self.tags
            .iter()
            .any(|t| t.key == PROMPT_TAG && t.value.eq_ignore_ascii_case("true"))
    }

    /// The highest version number among `latest_versions` (one per stage).
    pub fn latest_version(&self) -> Option<&ModelVersion> {
        self.latest_versions
            .iter()
            .max_by_key(|v| v.version.parse::<u64>().unwrap_or(0))
    }
}

/// `registered-models/search` answer; `{}` is a valid empty page.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct SearchRegisteredModels {
    pub registered_models: Vec<RegisteredModel>,
    pub next_page_token: Option<String>,
}

/// `registered-models/get` answer.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct GetRegisteredModel {
    pub registered_model: RegisteredModel,
}

/// `model-versions/search` answer.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct SearchModelVersions {
    pub model_versions: Vec<ModelVersion>,
    pub next_page_token: Option<String>,
}

/// `model-versions/get` answer.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct GetModelVersion {
    pub model_version: ModelVersion,
}

/// One logged metric value.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Metric {
    pub key: String,
    /// MLflow writes NaN and the infinities as the strings `"NaN"`,
    /// `"Infinity"` and `"-Infinity"` (protobuf's JSON form).
    #[serde(deserialize_with = "mlflow_double")]
    pub value: f64,
    pub timestamp: Option<i64>,
    pub step: i64,
}

/// A protobuf `double` as MLflow's JSON writes it: a number, or one of the
/// strings protobuf uses for the values JSON numbers cannot hold.
fn mlflow_double<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    struct Double;
    impl serde::de::Visitor<'_> for Double {
        type Value = f64;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a number, \"NaN\", \"Infinity\" or \"-Infinity\"")
        }
        fn visit_f64<E>(self, v: f64) -> Result<f64, E> {
            Ok(v)
        }
        fn visit_i64<E>(self, v: i64) -> Result<f64, E> {
            Ok(v as f64)
        }
        fn visit_u64<E>(self, v: u64) -> Result<f64, E> {
            Ok(v as f64)
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<f64, E> {
            match v {
                "NaN" => Ok(f64::NAN),
                "Infinity" => Ok(f64::INFINITY),
                "-Infinity" => Ok(f64::NEG_INFINITY),
                other => other.parse().map_err(E::custom),
            }
        }
    }
    d.deserialize_any(Double)
}

/// `run.info`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct RunInfo {
    pub run_id: String,
    pub run_uuid: String,
    pub experiment_id: String,
    pub run_name: String,
    pub user_id: String,
    pub status: String,
    pub start_time: Option<i64>,
    pub end_time: Option<i64>,
    pub artifact_uri: String,
    pub lifecycle_stage: String,
}

/// `run.data`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct RunData {
    pub metrics: Vec<Metric>,
    pub params: Vec<KeyValue>,
    pub tags: Vec<KeyValue>,
}

/// A tracking run.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct Run {
    pub info: RunInfo,
    pub data: RunData,
}

/// `runs/get` answer.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct GetRun {
    pub run: Run,
}

/// `metrics/get-history` answer (one page of it).
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct MetricHistory {
    pub metrics: Vec<Metric>,
    pub next_page_token: Option<String>,
}

/// `model-versions/get-download-uri` answer.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct DownloadUri {
    pub artifact_uri: String,
}

/// `logged-models/{id}` `model.info` (MLflow 3 only).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct LoggedModelInfo {
    pub model_id: String,
    pub experiment_id: String,
    pub name: String,
    pub creation_timestamp_ms: Option<i64>,
    pub status: String,
    pub source_run_id: String,
    pub tags: Vec<KeyValue>,
}

/// `logged-models/{id}` `model`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct LoggedModel {
    pub info: LoggedModelInfo,
    pub data: RunData,
}

/// `logged-models/{id}` answer.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct GetLoggedModel {
    pub model: LoggedModel,
}

/// MLflow's JSON error body.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct ErrorBody {
    pub error_code: String,
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metric_values_read_as_mlflow_writes_them() {
        let value = |json: &str| {
            serde_json::from_str::<Metric>(&format!(r#"{{"key":"m","value":{json},"step":0}}"#))
                .map(|m| m.value)
        };
        assert_eq!(value("0.5").ok(), Some(0.5));
        assert_eq!(value("2").ok(), Some(2.0));
        assert_eq!(value("1e-09").ok(), Some(1e-9));
        assert!(value(r#""NaN""#).is_ok_and(f64::is_nan));
        assert_eq!(value(r#""Infinity""#).ok(), Some(f64::INFINITY));
        assert_eq!(value(r#""-Infinity""#).ok(), Some(f64::NEG_INFINITY));
        assert!(value(r#""lots""#).is_err());
    }

    #[test]
    fn a_versions_aliases_are_picked_from_the_models() {
        let a = |alias: &str, version: &str| Alias {
            alias: alias.into(),
            version: version.into(),
        };
        let all = [a("champion", "2"), a("challenger", "3"), a("stable", "2")];
        assert_eq!(aliases_of(&all, "2"), ["champion", "stable"]);
        assert!(aliases_of(&all, "1").is_empty());
    }

    #[test]
    fn no_stage_reads_as_a_dash() {
        let v = |s: &str| ModelVersion {
            current_stage: s.into(),
            ..Default::default()
        };
        assert_eq!(v("None").stage_label(), "-");
        assert_eq!(v("").stage_label(), "-");
        assert_eq!(v("Staging").stage_label(), "Staging");
        assert_eq!(v("Archived").stage_label(), "Archived");
    }

    #[test]
    fn a_version_that_is_not_ready_cannot_be_deployed() {
        let v = |s: &str| ModelVersion {
            status: s.into(),
            ..Default::default()
        };
        assert_eq!(v("READY").status().not_deployable(), None);
        assert_eq!(v("").status().not_deployable(), None);
        let pending = v("PENDING_REGISTRATION").status();
        assert!(pending
            .not_deployable()
            .is_some_and(|w| w.contains("still being registered")));
        let failed = v("FAILED_REGISTRATION").status();
        assert!(failed
            .not_deployable()
            .is_some_and(|w| w.contains("registering this version failed")));
        // Pending and failed look different.
        assert_ne!(pending.key(), failed.key());
        assert_eq!(v("READY").status().key(), "ready");
    }

    #[test]
    fn version_status_is_read_once() {
        let v = |s: &str| ModelVersion {
            status: s.into(),
            ..Default::default()
        };
        assert_eq!(v("").status(), VersionStatus::Ready);
        assert_eq!(v("READY").status().alert(), None);
        assert_eq!(v("PENDING_REGISTRATION").status().label(), "Pending");
        assert_eq!(
            v("FAILED_REGISTRATION").status().alert(),
            Some("Registering this version failed.")
        );
        assert_eq!(v("ODD").status().label(), "ODD");
        assert_eq!(
            v("ODD").status().alert(),
            Some("This version is not ready.")
        );
    }

    #[test]
    fn user_tags_and_labels() {
        let tags = vec![
            KeyValue {
                key: "mlflow.user".into(),
                value: "root".into(),
            },
            KeyValue {
                key: "team".into(),
                value: "<b>ml</b>".into(),
            },
        ];
        let labels: Vec<String> = user_tags(&tags).map(KeyValue::label).collect();
        assert_eq!(labels, ["team: <b>ml</b>"]);
        let a = Alias {
            alias: "champion".into(),
            version: "2".into(),
        };
        assert_eq!(a.label(), "champion \u{2192} v2");
    }
}
