//! In-app links. Every path the app renders comes from here, so names are
//! encoded once and links never escape the base path.

use crate::mlflow::url::encode_component;

/// `{base}/models`.
pub fn models_href(base: &str) -> String {
    format!("{base}/models")
}

/// `{base}/models/{encoded name}`.
pub fn model_href(base: &str, name: &str) -> String {
    format!("{base}/models/{}", encode_component(name))
}

/// `{base}/models/{encoded name}/versions/{encoded version}`.
pub fn version_href(base: &str, name: &str, version: &str) -> String {
    format!(
        "{base}/models/{}/versions/{}",
        encode_component(name),
        encode_component(version)
    )
}

/// `{base}/models/{encoded name}/compare?versions=1,3`.
pub fn compare_href(base: &str, name: &str, versions: &[String]) -> String {
    let state = crate::compare::CompareState {
        versions: versions.to_vec(),
        ..Default::default()
    };
    format!("{}/compare{}", model_href(base, name), state.to_query())
}

/// `{base}/models/{name}/compare?versions=3,5&base=3`: `version` beside
/// `baseline`, which is the baseline.
pub fn compare_with_href(base: &str, name: &str, baseline: &str, version: &str) -> String {
    let state = crate::compare::CompareState {
        versions: vec![baseline.to_string(), version.to_string()],
        baseline: Some(baseline.to_string()),
        ..Default::default()
    };
    format!("{}/compare{}", model_href(base, name), state.to_query())
}

/// Where MLflow's own web UI is (`mlflow_ui`, http(s) only, no trailing
/// slash) and the workspace its pages open in (MLflow 3 with
/// `--enable-workspaces`; `None`: the UI's own choice).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MlflowUi {
    pub url: String,
    pub workspace: Option<String>,
}

/// A link into MLflow's own UI, only when `mlflow_ui` is configured.
/// `fragment` is the part after `#/`, with names already encoded; the
/// workspace goes in the route's query as MLflow's UI writes it
/// (`#/models?workspace=team-a`, read in MLflow 3.17.2's bundle).
pub fn mlflow_ui_href(mlflow_ui: Option<&MlflowUi>, fragment: &str) -> Option<String> {
    mlflow_ui.map(|ui| match &ui.workspace {
        Some(w) => format!("{}/#/{fragment}?workspace={}", ui.url, encode_component(w)),
        None => format!("{}/#/{fragment}", ui.url),
    })
}

/// `{ui}/#/experiments/{exp}/runs/{run}`, ids encoded; `None` without a UI
/// or without ids.
pub fn run_href(mlflow_ui: Option<&MlflowUi>, experiment_id: &str, run_id: &str) -> Option<String> {
    if experiment_id.is_empty() || run_id.is_empty() {
        return None;
    }
    mlflow_ui_href(
        mlflow_ui,
        &format!(
            "experiments/{}/runs/{}",
            encode_component(experiment_id),
            encode_component(run_id)
        ),
    )
}

/// `{ui}/#/experiments/{exp}/models/{model id}` for an MLflow 3 logged model.
pub fn logged_model_href(
    mlflow_ui: Option<&MlflowUi>,
    experiment_id: &str,
    model_id: &str,
) -> Option<String> {
    if experiment_id.is_empty() || model_id.is_empty() {
        return None;
    }
    mlflow_ui_href(
        mlflow_ui,
        &format!(
            "experiments/{}/models/{}",
            encode_component(experiment_id),
            encode_component(model_id)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_stay_under_the_base_and_encode_names() {
        assert_eq!(models_href(""), "/models");
        assert_eq!(models_href("/console/g/demo"), "/console/g/demo/models");
        assert_eq!(model_href("", "a#b?c"), "/models/a%23b%3Fc");
        assert_eq!(
            model_href("/x", "  padded  "),
            "/x/models/%20%20padded%20%20"
        );
        assert_eq!(model_href("", "100% sure"), "/models/100%25%20sure");
        assert_eq!(
            version_href("/x", "Modèle 🚀", "3"),
            "/x/models/Mod%C3%A8le%20%F0%9F%9A%80/versions/3"
        );
    }

    #[test]
    fn run_and_logged_model_links_encode_ids() {
        let ui = &ui("https://mlflow.example", None);
        let ui = Some(ui);
        assert_eq!(
            run_href(ui, "1", "abc").as_deref(),
            Some("https://mlflow.example/#/experiments/1/runs/abc")
        );
        assert_eq!(
            run_href(ui, "1/../x", "a#b?c").as_deref(),
            Some("https://mlflow.example/#/experiments/1%2F..%2Fx/runs/a%23b%3Fc")
        );
        assert_eq!(run_href(None, "1", "abc"), None);
        assert_eq!(run_href(ui, "", "abc"), None);
        assert_eq!(
            logged_model_href(ui, "1", "m-1").as_deref(),
            Some("https://mlflow.example/#/experiments/1/models/m-1")
        );
    }

    fn ui(url: &str, workspace: Option<&str>) -> MlflowUi {
        MlflowUi {
            url: url.into(),
            workspace: workspace.map(Into::into),
        }
    }

    #[test]
    fn mlflow_ui_links_only_when_configured() {
        assert_eq!(mlflow_ui_href(None, "models"), None);
        assert_eq!(
            mlflow_ui_href(Some(&ui("https://mlflow.example", None)), "models").as_deref(),
            Some("https://mlflow.example/#/models")
        );
    }

    #[test]
    fn mlflow_ui_links_open_the_workspace() {
        let ui = ui("https://mlflow.example", Some("team-a"));
        assert_eq!(
            mlflow_ui_href(Some(&ui), "models/a%20b").as_deref(),
            Some("https://mlflow.example/#/models/a%20b?workspace=team-a")
        );
        assert_eq!(
            run_href(Some(&ui), "1", "r").as_deref(),
            Some("https://mlflow.example/#/experiments/1/runs/r?workspace=team-a")
        );
    }
}
