//! Model URIs and the hand-off to the Deployments page (CONTRACTS.md section 4).

use crate::mlflow::url::encode_component;

/// `models:/` + encodeURIComponent(name) + `/` + version: the form PrimeHub
/// writes and matches.
pub fn model_uri(name: &str, version: &str) -> String {
    format!("models:/{}/{}", encode_component(name), version)
}

/// Python that loads the model: `mlflow.pyfunc.load_model("<uri>")`. The URI's
/// name is percent-encoded, so it holds no `"` or `\\` to escape.
pub fn load_model_snippet(uri: &str) -> String {
    format!("import mlflow\n\nmodel = mlflow.pyfunc.load_model(\"{uri}\")")
}

/// Where "create a deployment of `uri`" goes: `{route}/create?modelURI=..&defaultValue=..`.
/// A relative `route` is resolved under the app's `base`.
pub fn handoff_create_url(route: &str, base: &str, uri: &str) -> String {
    handoff_url(route, base, "create", uri)
}

/// Where "update deployment `id` to `uri`" goes: `{route}/{id}/edit?...`.
pub fn handoff_edit_url(route: &str, base: &str, id: &str, uri: &str) -> String {
    handoff_url(route, base, &format!("{}/edit", encode_component(id)), uri)
}

/// True when `route` is an absolute URL (a host's page: full navigation).
pub fn is_external_route(route: &str) -> bool {
    route.contains("://")
}

fn handoff_url(route: &str, base: &str, tail: &str, uri: &str) -> String {
    let route = route.trim_end_matches('/');
    let root = if is_external_route(route) || route.starts_with('/') {
        route.to_string()
    } else {
        format!("{base}/{route}")
    };
    let default_value = serde_json::json!({ "modelURI": uri }).to_string();
    format!(
        "{root}/{tail}?modelURI={}&defaultValue={}",
        encode_component(uri),
        encode_component(&default_value)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_uri_encodes_the_name() {
        assert_eq!(
            model_uri("iris-classifier", "2"),
            "models:/iris-classifier/2"
        );
        assert_eq!(model_uri("a b#?%", "10"), "models:/a%20b%23%3F%25/10");
    }

    #[test]
    fn snippet_quotes_the_uri() {
        let uri = model_uri("say \"hi\" \\ it's", "2");
        assert_eq!(uri, "models:/say%20%22hi%22%20%5C%20it's/2");
        assert_eq!(
            load_model_snippet(&uri),
            "import mlflow\n\nmodel = mlflow.pyfunc.load_model(\"models:/say%20%22hi%22%20%5C%20it's/2\")"
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
        assert!(is_external_route("https://console.example/d"));
        assert!(!is_external_route("deployments"));
    }
}
