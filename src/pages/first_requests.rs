//! What each page asks MLflow (and the deployments source) first, started
//! by its route in the shell while the page's module is on its way
//! (`routes::Started`, `mlflow::prefetch`).
//!
//! Each function reads the address the route matched and starts the same
//! requests, with the same URLs, as the page's resources will make when
//! the page is built; those then take the answers. A request asked here
//! and not by the page (a guess gone wrong) costs a request, never a wrong
//! answer: it is only handed to a request for the same URL.
//!
//! Only URLs are known here, never the page's types: the shell stays
//! small (see `mlflow::prefetch`). Requests that follow from an answer (a
//! version's run) read the one field they need from the JSON.

use crate::compare::CompareState;
use crate::context::AppContext;
use crate::deploy::source::request_of;
use crate::mlflow::client::{
    get_model_version_url, get_registered_model_url, get_run_url, logged_model_id,
    logged_model_url, run_is_cached, search_model_versions_request, search_registered_models_url,
};
use crate::mlflow::prefetch::Prefetch;
use crate::mlflow::request::Exchange;
use crate::query::{ModelListState, VersionListState};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map};
use serde_json::Value;

/// The route's query string and a path parameter, as the page reads them.
fn query() -> String {
    use_location().search.get_untracked()
}

fn param(key: &str) -> String {
    use_params_map()
        .with_untracked(|p| p.get(key))
        .unwrap_or_default()
}

/// The group's deployments, where the configuration names a source (every
/// page that shows which deployment serves what).
fn deployments(prefetch: Prefetch) {
    let ctx = expect_context::<AppContext>();
    if let Some(source) = ctx
        .config
        .deployments
        .as_ref()
        .and_then(|d| d.source.as_ref())
    {
        let (url, body) = request_of(source);
        prefetch.send(url, body, |_| ());
    }
}

/// `models`: the page of registered models the address shows.
pub fn model_list() {
    let prefetch = Prefetch::new();
    let api = expect_context::<AppContext>().api();
    let state = ModelListState::from_query(&query());
    if let Ok(search) = state.search(state.token.clone()) {
        prefetch.get(search_registered_models_url(&api, &search), |_| ());
    }
    deployments(prefetch);
}

/// `models/:name`: the model and its page of versions, then their runs.
pub fn model_versions() {
    let prefetch = Prefetch::new();
    let api = expect_context::<AppContext>().api();
    let name = param("name");
    prefetch.get(get_registered_model_url(&api, &name), |_| ());
    let search = VersionListState::from_query(&query()).search(name);
    let (url, _) = search_model_versions_request(&api, &search);
    let rows = search.max_results as usize;
    prefetch.get(url, move |x| {
        // A server that does not page (MLflow 1.x) sends every version:
        // the page then picks its rows itself, so no runs are guessed.
        let body = json(x);
        let Some(versions) = body["model_versions"].as_array() else {
            return;
        };
        if versions.len() <= rows {
            for v in versions {
                run(prefetch, &api, &v["run_id"]);
            }
        }
    });
    deployments(prefetch);
}

/// `models/:name/versions/:version`: the version, then its run and its
/// logged model.
pub fn model_version() {
    let prefetch = Prefetch::new();
    let api = expect_context::<AppContext>().api();
    let url = get_model_version_url(&api, &param("name"), &param("version"));
    prefetch.get(url, move |x| {
        let body = json(x);
        let v = &body["model_version"];
        run(prefetch, &api, &v["run_id"]);
        if let Some(id) = v["source"].as_str().and_then(logged_model_id) {
            prefetch.get(logged_model_url(&api, id), |_| ());
        }
    });
    deployments(prefetch);
}

/// `models/:name/compare`: every compared version, then each one's run.
pub fn compare() {
    let prefetch = Prefetch::new();
    let api = expect_context::<AppContext>().api();
    let name = param("name");
    for version in CompareState::from_query(&query()).shown() {
        let api = api.clone();
        prefetch.get(get_model_version_url(&api, &name, version), move |x| {
            run(prefetch, &api, &json(x)["model_version"]["run_id"]);
        });
    }
    deployments(prefetch);
}

/// The deployments pages: the group's deployments.
pub fn deployments_pages() {
    deployments(Prefetch::new());
}

/// `runs/get` of `run_id` (a JSON string), unless it is empty or the
/// session already has the run.
fn run(prefetch: Prefetch, api: &str, run_id: &Value) {
    if let Some(id) = run_id.as_str().filter(|id| !id.is_empty()) {
        if !run_is_cached(api, id) {
            prefetch.get(get_run_url(api, id), |_| ());
        }
    }
}

/// The JSON of a successful answer; `null` otherwise (nothing follows).
fn json(x: &Exchange) -> Value {
    if (200..300).contains(&x.status) {
        serde_json::from_str(&x.body).unwrap_or(Value::Null)
    } else {
        Value::Null
    }
}
