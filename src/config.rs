//! Runtime configuration (README: Configuration): parsed and validated here,
//! without touching the DOM, so every rule has a native test.

use serde_json::{Map, Value};
use std::fmt;

use crate::mlflow::url::encode_component;

/// Where the app finds the group's deployments (README: Configuration).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeploymentSource {
    /// PrimeHub's GraphQL endpoint, asked for the group's `phDeployments`.
    Primehub { graphql: String, group_id: String },
    /// A JSON array of `{id, name, modelURI, status?}` at `url`.
    Static { url: String },
}

/// The `deployments` key: present means deployment is enabled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeploymentsConfig {
    /// An in-app path or an absolute http(s) URL of the Deployments route.
    pub route: String,
    /// Where existing deployments are listed; `None` offers "create" only.
    pub source: Option<DeploymentSource>,
}

/// The validated configuration the whole app runs on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// URL prefix standing for MLflow's `/api` behind the proxy, with
    /// `{group}` already replaced and no trailing slash.
    pub mlflow_api: String,
    /// URL prefix standing for MLflow's root (`/`) behind the proxy, for
    /// model files only (`/model-versions/get-artifact`, `/get-artifact`,
    /// logged models' `artifacts/files`); `{group}` replaced, no trailing
    /// slash. Without it the app shows what `/api` gives.
    pub mlflow_root: Option<String>,
    /// Base URL of MLflow's web UI (http or https), no trailing slash.
    pub mlflow_ui: Option<String>,
    /// The PrimeHub group the page works for.
    pub group: Option<String>,
    /// The MLflow workspace the proxy browses (MLflow 3 with
    /// `--enable-workspaces`), as the configuration names it or the proxy
    /// echoes it with `config.json` ([`Config::with_echoed_workspace`]).
    /// Shown in the header, and MLflow UI links open in it; the proxy, not
    /// the page, sends it to MLflow.
    pub workspace: Option<String>,
    /// Path the routes live under, without trailing slash (`""` for the root).
    pub base_path: Option<String>,
    /// Deployment hand-off; `None` means deployment is not enabled.
    pub deployments: Option<DeploymentsConfig>,
}

/// What is wrong with a configuration, naming the key at fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// The key at fault (`mlflow_api`, `deployments.route`, ...); empty when the
    /// whole document is wrong.
    pub key: String,
    /// What is wrong with it, written for the person who edits the file.
    pub problem: String,
}

impl ConfigError {
    fn new(key: &str, problem: impl Into<String>) -> Self {
        Self {
            key: key.to_string(),
            problem: problem.into(),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.key.is_empty() {
            write!(f, "{}", self.problem)
        } else {
            write!(f, "`{}`: {}", self.key, self.problem)
        }
    }
}

impl std::error::Error for ConfigError {}

/// Parses configuration text (the body of `config.json`).
pub fn parse_config_text(text: &str) -> Result<Config, ConfigError> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        ConfigError::new(
            "",
            format!("the configuration is not valid JSON ({e}); it must be one JSON object"),
        )
    })?;
    parse_config(&value)
}

/// Validates a configuration object, whether it came from `config.json` or
/// from `window.PRIMEHUB_MODELS_CONFIG`.
pub fn parse_config(value: &Value) -> Result<Config, ConfigError> {
    let obj = value.as_object().ok_or_else(|| {
        ConfigError::new(
            "",
            "the configuration must be a JSON object such as {\"mlflow_api\": \"/api/mlflow\"}",
        )
    })?;

    let group = optional_string(obj, "group")?;
    if let Some(g) = &group {
        if g.trim().is_empty() {
            return Err(ConfigError::new("group", "must not be empty when given"));
        }
        // Written into proxy paths: `..` (or `%2e%2e`, which URL parsers
        // read as `..`) and slashes, encoded or not, would lead a request
        // to another group's prefix.
        if g.trim() == "." || g.trim() == ".." || g.contains(['/', '\\', '%']) {
            return Err(ConfigError::new(
                "group",
                "must be a group's name: not . or .., and without /, \\ or %",
            ));
        }
    }
    let workspace = match optional_string(obj, "workspace")? {
        None => None,
        Some(w) if w.trim().is_empty() => None,
        Some(w) if is_workspace_name(w.trim()) => Some(w.trim().to_string()),
        Some(_) => return Err(ConfigError::new(
            "workspace",
            "must be an MLflow workspace name: 2 to 63 lowercase letters, digits and inner hyphens",
        )),
    };

    let mlflow_api = match obj.get("mlflow_api") {
        None | Some(Value::Null) => return Err(ConfigError::new(
            "mlflow_api",
            "is missing: set it to the proxy's URL prefix for MLflow's /api, e.g. \"/api/mlflow\"",
        )),
        Some(Value::String(s)) => s.trim().to_string(),
        Some(_) => return Err(ConfigError::new("mlflow_api", "must be a string")),
    };
    if mlflow_api.is_empty() {
        return Err(ConfigError::new(
            "mlflow_api",
            "is empty: set it to the proxy's URL prefix for MLflow's /api, e.g. \"/api/mlflow\"",
        ));
    }
    let mlflow_api = proxy_prefix("mlflow_api", &mlflow_api, group.as_deref())?;
    let mlflow_root = match optional_string(obj, "mlflow_root")? {
        None => None,
        Some(s) if s.trim().is_empty() => None,
        Some(s) => Some(proxy_prefix("mlflow_root", s.trim(), group.as_deref())?),
    };

    let mlflow_ui =
        match optional_string(obj, "mlflow_ui")? {
            None => None,
            Some(s) if s.trim().is_empty() => None,
            Some(s) if is_http_url(s.trim()) => Some(s.trim().trim_end_matches('/').to_string()),
            Some(_) => return Err(ConfigError::new(
                "mlflow_ui",
                "must be an http:// or https:// URL (or be left out to hide the MLflow UI links)",
            )),
        };

    let base_path = match optional_string(obj, "base_path")? {
        None => None,
        Some(s) => Some(normalize_base_path(&s).ok_or_else(|| {
            ConfigError::new(
                "base_path",
                "must be a path starting with /, without ?, # or ..",
            )
        })?),
    };

    let deployments =
        match obj.get("deployments") {
            None | Some(Value::Null) => None,
            Some(Value::Object(d)) => Some(parse_deployments(d)?),
            Some(_) => return Err(ConfigError::new(
                "deployments",
                "must be an object with a `route` (or be left out when deployment is not enabled)",
            )),
        };

    Ok(Config {
        mlflow_api,
        mlflow_root,
        mlflow_ui,
        group,
        workspace,
        base_path,
        deployments,
    })
}

impl Config {
    /// MLflow's UI and the workspace its links open in; `None` without
    /// `mlflow_ui`.
    pub fn ui(&self) -> Option<crate::links::MlflowUi> {
        self.mlflow_ui.clone().map(|url| crate::links::MlflowUi {
            url,
            workspace: self.workspace.clone(),
        })
    }

    /// The configuration with the workspace the proxy echoed beside
    /// `config.json` (`X-MLFLOW-WORKSPACE`, set by `render-nginx.sh`), when
    /// it names none itself and the echo is a workspace name.
    pub fn with_echoed_workspace(mut self, echoed: Option<&str>) -> Self {
        if self.workspace.is_none() {
            self.workspace = echoed
                .map(str::trim)
                .filter(|w| is_workspace_name(w))
                .map(str::to_string);
        }
        self
    }
}

/// MLflow's rule for workspace names (`WorkspaceNameValidator`,
/// `mlflow/store/workspace/abstract_store.py`): 2-63 of `a-z`, `0-9` and
/// `-`, a letter or digit at each end.
fn is_workspace_name(w: &str) -> bool {
    let b = w.as_bytes();
    (2..=63).contains(&b.len())
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && b[0] != b'-'
        && b[b.len() - 1] != b'-'
}

/// A proxy prefix (`mlflow_api`, `mlflow_root`): a path or an http(s) URL,
/// `{group}` replaced by the group (percent-encoded), no trailing slash.
fn proxy_prefix(key: &str, value: &str, group: Option<&str>) -> Result<String, ConfigError> {
    if !(value.starts_with('/') || is_http_url(value)) {
        return Err(ConfigError::new(
            key,
            "must be a path starting with / or an http(s) URL",
        ));
    }
    let value = if value.contains("{group}") {
        let Some(g) = group else {
            return Err(ConfigError::new(
                "group",
                format!(
                    "is missing, but `{key}` contains {{group}}: set the group this page works for"
                ),
            ));
        };
        value.replace("{group}", &encode_component(g))
    } else {
        value.to_string()
    };
    Ok(value.trim_end_matches('/').to_string())
}

fn parse_deployments(d: &Map<String, Value>) -> Result<DeploymentsConfig, ConfigError> {
    let route = match d.get("route") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        _ => {
            return Err(ConfigError::new(
                "deployments.route",
                "is required: an in-app path such as \"deployments\" or an http(s) URL of the Deployments page",
            ))
        }
    };
    if route.contains("://") && !is_http_url(&route) {
        return Err(ConfigError::new(
            "deployments.route",
            "must be a path or an http(s) URL",
        ));
    }
    let route = route.trim_end_matches('/').to_string();
    let source = match d.get("source") {
        None | Some(Value::Null) => None,
        Some(Value::Object(s)) => Some(parse_source(s)?),
        Some(_) => {
            return Err(ConfigError::new(
                "deployments.source",
                "must be an object with a `kind` of \"primehub\" or \"static\"",
            ))
        }
    };
    Ok(DeploymentsConfig { route, source })
}

fn parse_source(s: &Map<String, Value>) -> Result<DeploymentSource, ConfigError> {
    let field = |key: &str| -> Result<String, ConfigError> {
        match s.get(key) {
            Some(Value::String(v)) if !v.trim().is_empty() => Ok(v.trim().to_string()),
            _ => Err(ConfigError::new(
                &format!("deployments.source.{key}"),
                "is required and must be a non-empty string",
            )),
        }
    };
    match s.get("kind").and_then(Value::as_str) {
        Some("primehub") => Ok(DeploymentSource::Primehub {
            graphql: field("graphql")?,
            group_id: field("group_id")?,
        }),
        Some("static") => Ok(DeploymentSource::Static { url: field("url")? }),
        _ => Err(ConfigError::new(
            "deployments.source.kind",
            "must be \"primehub\" or \"static\"",
        )),
    }
}

fn optional_string(obj: &Map<String, Value>, key: &str) -> Result<Option<String>, ConfigError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(ConfigError::new(key, "must be a string")),
    }
}

/// True for an absolute `http://` or `https://` URL with a host.
pub fn is_http_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    matches!(rest, Some(r) if !r.is_empty() && !r.starts_with('/'))
}

/// Turns `/console/g/demo/` or `/` into the router's base (`/console/g/demo`
/// or `""`). `None` when the text is not a plain absolute path.
pub fn normalize_base_path(s: &str) -> Option<String> {
    let s = s.trim();
    if !s.starts_with('/')
        || s.contains(['?', '#', '\\'])
        || s.split('/').any(|seg| seg == "..")
        || s.starts_with("//")
    {
        return None;
    }
    Some(s.trim_end_matches('/').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn err_key(v: Value) -> String {
        parse_config(&v).unwrap_err().key
    }

    #[test]
    fn minimal_config_needs_only_mlflow_api() {
        let c = parse_config(&json!({"mlflow_api": "/api/mlflow/"})).unwrap();
        assert_eq!(c.mlflow_api, "/api/mlflow");
        assert_eq!(c.mlflow_ui, None);
        assert_eq!(c.deployments, None);
        assert_eq!(c.base_path, None);
        assert_eq!(c.mlflow_root, None);
    }

    #[test]
    fn mlflow_root_is_a_prefix_like_mlflow_api() {
        let c = parse_config(&json!({
            "mlflow_api": "/api/groups/{group}/mlflow",
            "mlflow_root": "/api/groups/{group}/mlflow-root/",
            "group": "data science",
        }))
        .unwrap();
        assert_eq!(
            c.mlflow_root.as_deref(),
            Some("/api/groups/data%20science/mlflow-root")
        );
        assert_eq!(
            err_key(json!({"mlflow_api": "/a", "mlflow_root": "files"})),
            "mlflow_root"
        );
        assert_eq!(
            err_key(json!({"mlflow_api": "/a", "mlflow_root": 3})),
            "mlflow_root"
        );
        assert_eq!(
            err_key(json!({"mlflow_api": "/a", "mlflow_root": "/r/{group}"})),
            "group"
        );
        let blank = parse_config(&json!({"mlflow_api": "/a", "mlflow_root": " "})).unwrap();
        assert_eq!(blank.mlflow_root, None);
    }

    #[test]
    fn missing_or_bad_mlflow_api_names_the_key() {
        assert_eq!(err_key(json!({})), "mlflow_api");
        assert_eq!(err_key(json!({"mlflow_api": ""})), "mlflow_api");
        assert_eq!(err_key(json!({"mlflow_api": 5})), "mlflow_api");
        assert_eq!(err_key(json!({"mlflow_api": "api/mlflow"})), "mlflow_api");
        assert_eq!(
            err_key(json!({"mlflow_api": "javascript:alert(1)"})),
            "mlflow_api"
        );
    }

    #[test]
    fn group_placeholder_is_replaced_and_encoded() {
        let c =
            parse_config(&json!({"mlflow_api": "/api/groups/{group}/mlflow", "group": "team a#1"}))
                .unwrap();
        assert_eq!(c.mlflow_api, "/api/groups/team%20a%231/mlflow");
        assert_eq!(
            err_key(json!({"mlflow_api": "/api/groups/{group}/mlflow"})),
            "group"
        );
    }

    #[test]
    fn a_group_cannot_lead_to_another_groups_prefix() {
        // `..` stays `..` when encoded and URL parsers read `%2e%2e` as
        // `..`; nginx decodes `%2F` before it matches a location.
        for g in [
            "..",
            ".",
            "../team-b",
            "a/../team-b",
            "team-b%2F..",
            "%2e%2e",
            "a\\b",
        ] {
            assert_eq!(
                err_key(json!({"mlflow_api": "/api/groups/{group}/mlflow", "group": g})),
                "group",
                "{g}"
            );
        }
    }

    #[test]
    fn the_workspace_is_mlflows_kind_of_name() {
        let c = parse_config(
            &json!({"mlflow_api": "/a", "workspace": "team-a", "mlflow_ui": "http://m"}),
        )
        .unwrap();
        assert_eq!(c.workspace.as_deref(), Some("team-a"));
        assert_eq!(c.ui().and_then(|u| u.workspace).as_deref(), Some("team-a"));
        for bad in ["Team-A", "team_a", "-a", "a-", "a", "team a"] {
            assert_eq!(
                err_key(json!({"mlflow_api": "/a", "workspace": bad})),
                "workspace",
                "{bad}"
            );
        }
        // The proxy's echo fills in only what the configuration leaves out.
        let plain = parse_config(&json!({"mlflow_api": "/a"})).unwrap();
        assert_eq!(
            plain
                .clone()
                .with_echoed_workspace(Some("team-b"))
                .workspace
                .as_deref(),
            Some("team-b")
        );
        assert_eq!(
            plain
                .clone()
                .with_echoed_workspace(Some("<b>x</b>"))
                .workspace,
            None
        );
        assert_eq!(plain.with_echoed_workspace(None).workspace, None);
        assert_eq!(
            c.with_echoed_workspace(Some("team-b")).workspace.as_deref(),
            Some("team-a")
        );
    }

    #[test]
    fn mlflow_ui_must_be_http() {
        let c = parse_config(&json!({"mlflow_api": "/a", "mlflow_ui": "https://mlflow.example/"}))
            .unwrap();
        assert_eq!(c.mlflow_ui.as_deref(), Some("https://mlflow.example"));
        assert_eq!(
            err_key(json!({"mlflow_api": "/a", "mlflow_ui": "javascript:alert(1)"})),
            "mlflow_ui"
        );
        assert_eq!(
            err_key(json!({"mlflow_api": "/a", "mlflow_ui": "//evil.example"})),
            "mlflow_ui"
        );
        let blank = parse_config(&json!({"mlflow_api": "/a", "mlflow_ui": " "})).unwrap();
        assert_eq!(blank.mlflow_ui, None);
    }

    #[test]
    fn base_path_is_normalized() {
        let c =
            parse_config(&json!({"mlflow_api": "/a", "base_path": "/console/g/demo/"})).unwrap();
        assert_eq!(c.base_path.as_deref(), Some("/console/g/demo"));
        let root = parse_config(&json!({"mlflow_api": "/a", "base_path": "/"})).unwrap();
        assert_eq!(root.base_path.as_deref(), Some(""));
        assert_eq!(
            err_key(json!({"mlflow_api": "/a", "base_path": "console"})),
            "base_path"
        );
        assert_eq!(
            err_key(json!({"mlflow_api": "/a", "base_path": "/a/../b"})),
            "base_path"
        );
    }

    #[test]
    fn deployments_sources_parse_and_name_their_bad_keys() {
        let c = parse_config(&json!({"mlflow_api": "/a", "deployments": {
            "route": "deployments",
            "source": {"kind": "primehub", "graphql": "/api/graphql", "group_id": "g1"}
        }}))
        .unwrap();
        assert_eq!(
            c.deployments,
            Some(DeploymentsConfig {
                route: "deployments".into(),
                source: Some(DeploymentSource::Primehub {
                    graphql: "/api/graphql".into(),
                    group_id: "g1".into()
                })
            })
        );
        let s = parse_config(&json!({"mlflow_api": "/a", "deployments": {
            "route": "https://console.example/g/x/deployments/",
            "source": {"kind": "static", "url": "deployments.json"}
        }}))
        .unwrap();
        let d = s.deployments.unwrap();
        assert_eq!(d.route, "https://console.example/g/x/deployments");
        assert_eq!(
            d.source,
            Some(DeploymentSource::Static {
                url: "deployments.json".into()
            })
        );
        assert_eq!(
            err_key(json!({"mlflow_api": "/a", "deployments": {}})),
            "deployments.route"
        );
        assert_eq!(
            err_key(
                json!({"mlflow_api": "/a", "deployments": {"route": "d", "source": {"kind": "ftp"}}})
            ),
            "deployments.source.kind"
        );
        assert_eq!(
            err_key(
                json!({"mlflow_api": "/a", "deployments": {"route": "d", "source": {"kind": "primehub", "graphql": "/g"}}})
            ),
            "deployments.source.group_id"
        );
        assert_eq!(
            err_key(json!({"mlflow_api": "/a", "deployments": {"route": "javascript://x"}})),
            "deployments.route"
        );
        assert_eq!(
            err_key(json!({"mlflow_api": "/a", "deployments": true})),
            "deployments"
        );
    }

    #[test]
    fn text_that_is_not_an_object_is_explained() {
        let e = parse_config_text("{not json").unwrap_err();
        assert_eq!(e.key, "");
        assert!(e.problem.contains("not valid JSON"));
        let e = parse_config_text("[1,2]").unwrap_err();
        assert!(e.problem.contains("JSON object"));
        assert_eq!(
            e.to_string(),
            "the configuration must be a JSON object such as {\"mlflow_api\": \"/api/mlflow\"}"
        );
        let e = parse_config_text("{}").unwrap_err();
        assert!(e.to_string().starts_with("`mlflow_api`: is missing"));
    }
}
