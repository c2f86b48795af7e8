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

/// A link into MLflow's own UI, only when `mlflow_ui` is configured
/// (config validation already allows http(s) only). `fragment` is the part
/// after `#/`, with names already encoded.
pub fn mlflow_ui_href(mlflow_ui: Option<&str>, fragment: &str) -> Option<String> {
    mlflow_ui.map(|ui| format!("{ui}/#/{fragment}"))
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
    fn mlflow_ui_links_only_when_configured() {
        assert_eq!(mlflow_ui_href(None, "models"), None);
        assert_eq!(
            mlflow_ui_href(Some("https://mlflow.example"), "models").as_deref(),
            Some("https://mlflow.example/#/models")
        );
    }
}
