//! The hand-off to the Deployments page: where Deploy goes (create or update
//! a deployment), where a deployment's own page is, and what the in-app
//! Deployments route reads back from its query string.

use super::{parse_model_uri, ModelRef};
use crate::mlflow::url::encode_component;

/// Where "create a deployment of `uri`" goes: `{route}/create?modelURI=..&defaultValue=..`.
/// A relative `route` is resolved under the app's `base`.
pub fn handoff_create_url(route: &str, base: &str, uri: &str) -> String {
    handoff_url(route, base, "create", uri)
}

/// Where "update deployment `id` to `uri`" goes: `{route}/{id}/edit?...`.
pub fn handoff_edit_url(route: &str, base: &str, id: &str, uri: &str) -> String {
    handoff_url(route, base, &format!("{}/edit", encode_component(id)), uri)
}

/// `{route}/{id}`: the page of one deployment.
pub fn deployment_href(route: &str, base: &str, id: &str) -> String {
    format!("{}/{}", route_root(route, base), encode_component(id))
}

/// True when `route` is the host's: an absolute URL or an absolute path
/// (full-page navigation). A relative route (`deployments`) is the app's own.
pub fn is_external_route(route: &str) -> bool {
    route.contains("://") || route.starts_with('/')
}

fn route_root(route: &str, base: &str) -> String {
    let route = route.trim_end_matches('/');
    if is_external_route(route) || route.starts_with('/') {
        route.to_string()
    } else {
        format!("{base}/{route}")
    }
}

fn handoff_url(route: &str, base: &str, tail: &str, uri: &str) -> String {
    let default_value = serde_json::json!({ "modelURI": uri }).to_string();
    format!(
        "{}/{tail}?modelURI={}&defaultValue={}",
        route_root(route, base),
        encode_component(uri),
        encode_component(&default_value)
    )
}

/// What the Deployments route received, read back from its query string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Received {
    /// A model URI naming a registered model.
    Model { uri: String, model: ModelRef },
    /// No `modelURI` and no usable `defaultValue`.
    Missing,
    /// A value that is not a `models:/` URI of a registered model.
    Garbled { value: String },
}

/// Reads `modelURI`, else `defaultValue`'s `modelURI` (PrimeHub's pages read
/// the latter).
pub fn received_uri(model_uri: Option<&str>, default_value: Option<&str>) -> Received {
    let from_default = || {
        let v: serde_json::Value = serde_json::from_str(default_value?).ok()?;
        v.get("modelURI")?.as_str().map(str::to_string)
    };
    let uri = match model_uri.filter(|u| !u.trim().is_empty()) {
        Some(u) => u.to_string(),
        None => match from_default() {
            Some(u) if !u.trim().is_empty() => u,
            _ => return Received::Missing,
        },
    };
    match parse_model_uri(&uri) {
        Some(model) => Received::Model { uri, model },
        None => Received::Garbled { value: uri },
    }
}
