//! The standalone loader's first requests (`src/loader/early.js`, run here by
//! Node) are the app's own URLs, byte for byte: each one the loader starts
//! must be one the app asks for the same address (`pages::first_requests`
//! through the pure functions it calls), or the app asks again and the
//! loader's answer is wasted. The plain cases must be started in full; the
//! rest (conditions, both quote kinds, local page tokens) may be left to
//! the app, never guessed differently.
#![cfg(not(target_arch = "wasm32"))]

use primehub_models::compare::CompareState;
use primehub_models::mlflow::client::{
    get_model_version_url, get_registered_model_url, get_run_url, search_model_versions_request,
    search_registered_models_url,
};
use primehub_models::query::{ModelListState, VersionListState};
use std::path::PathBuf;
use std::process::Command;

const API: &str = "/api/mlflow";

/// An address: its page, decoded path parameters and query string.
enum Page {
    List,
    Versions(&'static str),
    Version(&'static str, &'static str),
    Compare(&'static str),
    Other,
}

/// `encodeURIComponent`, for the path the loader reads.
fn enc(s: &str) -> String {
    primehub_models::mlflow::url::encode_component(s)
}

impl Page {
    /// The address's path under `base`.
    fn path(&self, base: &str) -> String {
        match self {
            Page::List => format!("{base}/models"),
            Page::Versions(n) => format!("{base}/models/{}", enc(n)),
            Page::Version(n, v) => format!("{base}/models/{}/versions/{v}", enc(n)),
            Page::Compare(n) => format!("{base}/models/{}/compare", enc(n)),
            Page::Other => format!("{base}/deployments/x1"),
        }
    }

    /// What the app asks first for this address (pages::first_requests),
    /// before any answer.
    fn app_urls(&self, query: &str) -> Vec<String> {
        match self {
            Page::List => {
                let state = ModelListState::from_query(query);
                state
                    .search(state.token.clone())
                    .map(|s| vec![search_registered_models_url(API, &s)])
                    .unwrap_or_default()
            }
            Page::Versions(name) => {
                let search = VersionListState::from_query(query).search(name.to_string());
                vec![
                    get_registered_model_url(API, name),
                    search_model_versions_request(API, &search).0,
                ]
            }
            Page::Version(name, v) => vec![get_model_version_url(API, name, v)],
            Page::Compare(name) => CompareState::from_query(query)
                .shown()
                .iter()
                .map(|v| get_model_version_url(API, name, v))
                .collect(),
            Page::Other => Vec::new(),
        }
    }
}

const BOTH_QUOTES: &str = "spe(c)ial-chars_ok.+=@!~&'\"#?";

/// (page, query, whether the loader must start every first request).
fn cases() -> Vec<(Page, &'static str, bool)> {
    vec![
        (Page::List, "", true),
        (Page::List, "?q=iris&sort=-updated&size=50", true),
        (Page::List, "?q=bulk+model&token=tok%2F1%3D&page=3", true),
        (Page::List, "?q=it's%20100%25", true),
        (Page::List, "?q=say%20%22hi%22&sort=name", true),
        (
            Page::List,
            "?q=%20%20%E6%A8%A1%E5%9E%8B%20%F0%9F%9A%80%20",
            true,
        ),
        (Page::List, "?sort=__proto__&size=7&page=2", true),
        (Page::List, "?size=100&sort=updated&q=", true),
        (Page::List, "?q=name%20LIKE%20'iris%25'", false),
        (Page::List, "?q=tags.team%20%3D%20'ml'", false),
        (Page::List, "?q=fraud%20AND%20v2", false),
        // Both quote kinds: no filter can hold it; neither asks MLflow.
        (Page::List, "?q=both%20'%20%22", true),
        (Page::Versions("it's a model"), "", true),
        (
            Page::Versions("Modèle ünïcødé 模型 🚀"),
            "?sort=version&size=100",
            true,
        ),
        (
            Page::Versions("100% sure_model"),
            "?sort=-registered&p=lr&m=acc",
            true,
        ),
        (Page::Versions("hash#and?query&amp=1"), "", true),
        (Page::Versions("  padded  "), "?size=50", true),
        (Page::Versions(BOTH_QUOTES), "", false),
        (
            Page::Versions("iris-classifier"),
            "?token=abc&page=2",
            false,
        ),
        (Page::Version("pct%name", "3"), "", true),
        (
            Page::Version("<img src=x onerror=alert(1)>", "12"),
            "?tab=model",
            true,
        ),
        (
            Page::Compare("iris-classifier"),
            "?versions=3,%2002,1,1,x,000",
            true,
        ),
        (
            Page::Compare("say \"hello\""),
            "?versions=1,2,3,4,5,6,7,8,9,10,11,12",
            true,
        ),
        (Page::Compare("iris-classifier"), "", true),
        (Page::Other, "", true),
    ]
}

/// Runs `firstRequests` of src/loader/early.js for each (path, query)
/// under `base`, and `follow` of each request on `body`.
fn loader(
    base: &str,
    addresses: &[(String, String)],
    body: &str,
) -> Vec<Vec<(String, Vec<String>)>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let module = format!("file://{}", root.join("src/loader/early.js").display());
    let script = format!(
        "import {{ firstRequests }} from {module:?};
         const [base, addresses, body] = JSON.parse(process.argv[1]);
         console.log(JSON.stringify(addresses.map(([path, search]) =>
           firstRequests(path, search, base, {API:?}).map((r) => [r.url, r.follow ? r.follow(body) : []]))));"
    );
    let input = serde_json::json!([
        base,
        addresses,
        serde_json::from_str::<serde_json::Value>(body).unwrap()
    ]);
    let out = Command::new("node")
        .args(["--input-type=module", "-e", &script, &input.to_string()])
        .output()
        .expect("node runs (scripts/setup.sh installs it)");
    assert!(
        out.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_loaders_first_requests_are_the_apps() {
    for base in ["", "/console/g/demo"] {
        let cases = cases();
        let addresses: Vec<(String, String)> = cases
            .iter()
            .map(|(page, query, _)| (page.path(base), query.to_string()))
            .collect();
        let started = loader(base, &addresses, "{}");
        for ((page, query, plain), started) in cases.iter().zip(started) {
            let app = page.app_urls(query);
            let urls: Vec<String> = started.into_iter().map(|(url, _)| url).collect();
            let at = format!("{}{query}", page.path(base));
            for url in &urls {
                assert!(
                    app.contains(url),
                    "{at}: the loader starts {url}, the app asks {app:?}"
                );
            }
            if *plain {
                assert_eq!(urls, app, "{at}: the loader starts every first request");
            } else {
                assert!(
                    urls.len() < app.len(),
                    "{at}: left to the app, {urls:?} of {app:?}"
                );
            }
        }
    }
}

#[test]
fn the_loader_follows_a_version_to_its_run_as_the_app_does() {
    let version = (Page::Version("iris", "1").path(""), String::new());
    let compare = (Page::Compare("iris").path(""), "?versions=1,2".to_string());
    let run = r#"{"model_version": {"run_id": "0a1b2c"}}"#;
    let followed = loader("", &[version.clone(), compare], run);
    let want = vec![get_run_url(API, "0a1b2c")];
    assert_eq!(followed[0][0].1, want);
    assert_eq!(followed[1][0].1, want);
    assert_eq!(followed[1][1].1, want);
    // No run: nothing follows.
    let none = loader("", &[version], r#"{"model_version": {"run_id": ""}}"#);
    assert!(none[0][0].1.is_empty());
}

#[test]
fn the_loader_follows_a_page_of_versions_to_their_runs_only_when_the_server_paged() {
    let versions = (Page::Versions("iris").path(""), "?size=25".to_string());
    let page = r#"{"model_versions": [{"run_id": "r1"}, {"run_id": "r2"}, {"run_id": "r1"}, {}]}"#;
    let followed = loader("", std::slice::from_ref(&versions), page);
    assert_eq!(
        followed[0][1].1,
        vec![get_run_url(API, "r1"), get_run_url(API, "r2")]
    );
    // MLflow 1.x sends every version: more than a page, so no runs.
    let all = serde_json::json!({
        "model_versions": (0..26).map(|i| serde_json::json!({"run_id": format!("r{i}")})).collect::<Vec<_>>()
    });
    let followed = loader("", &[versions], &all.to_string());
    assert!(followed[0][1].1.is_empty());
}
