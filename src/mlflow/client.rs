//! Typed MLflow calls. Each builds its URL with [`api_url`] and goes through
//! the one request helper.

use super::capabilities::{has_aliases, learn_aliases};
use super::error::MlflowError;
use super::filter::versions_of_model_filter;
use super::request::get_json;
use super::types::{
    GetLoggedModel, GetModelVersion, GetRegisteredModel, GetRun, LoggedModel, ModelVersion,
    RegisteredModel, Run, SearchModelVersions, SearchRegisteredModels,
};
use super::url::api_url;
use super::version_paging::{local_offset, versions_page};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// Sort orders the registered-models search accepts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ModelOrder {
    #[default]
    NameAsc,
    NameDesc,
    UpdatedDesc,
    UpdatedAsc,
}

impl ModelOrder {
    /// Every order, in the order the sort menu shows them.
    pub const ALL: [ModelOrder; 4] = [
        Self::NameAsc,
        Self::NameDesc,
        Self::UpdatedDesc,
        Self::UpdatedAsc,
    ];

    /// The value used in the query string.
    pub fn key(self) -> &'static str {
        match self {
            Self::NameAsc => "name",
            Self::NameDesc => "-name",
            Self::UpdatedDesc => "-updated",
            Self::UpdatedAsc => "updated",
        }
    }

    /// Reads [`ModelOrder::key`] back; `None` for anything else.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.key() == key)
    }

    /// MLflow's `order_by` clause.
    pub fn order_by(self) -> &'static str {
        match self {
            Self::NameAsc => "name ASC",
            Self::NameDesc => "name DESC",
            Self::UpdatedDesc => "last_updated_timestamp DESC",
            Self::UpdatedAsc => "last_updated_timestamp ASC",
        }
    }
}

/// One page request of `registered-models/search`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ModelSearch {
    /// A complete MLflow filter expression, or empty for all models.
    pub filter: String,
    pub order: ModelOrder,
    /// 1..=1000; MLflow rejects anything else.
    pub max_results: u32,
    pub page_token: Option<String>,
}

/// URL of one page of `registered-models/search`.
pub fn search_registered_models_url(api: &str, search: &ModelSearch) -> String {
    let max = search.max_results.clamp(1, 1000).to_string();
    let mut query: Vec<(&str, &str)> = vec![("max_results", &max)];
    query.push(("order_by", search.order.order_by()));
    if !search.filter.is_empty() {
        query.push(("filter", &search.filter));
    }
    if let Some(token) = search.page_token.as_deref().filter(|t| !t.is_empty()) {
        query.push(("page_token", token));
    }
    api_url(api, "registered-models/search", &query)
}

/// One page of registered models, prompts removed.
pub async fn search_registered_models(
    api: &str,
    search: &ModelSearch,
) -> Result<SearchRegisteredModels, MlflowError> {
    let mut page: SearchRegisteredModels =
        get_json(&search_registered_models_url(api, search)).await?;
    page.next_page_token = trusted_token(
        page.next_page_token,
        page.registered_models.len(),
        search.max_results,
    );
    page.registered_models.retain(|m| !m.is_prompt());
    if page.registered_models.iter().any(|m| !m.aliases.is_empty()) {
        learn_aliases(api, true);
    }
    Ok(page)
}

/// MLflow's next-page token, kept only when the page was full: a short page
/// is the last one, whatever token came with it (MLflow sends tokens that
/// lead to empty pages). Following tokens can then never loop.
pub fn trusted_token(token: Option<String>, rows: usize, max_results: u32) -> Option<String> {
    token.filter(|t| !t.is_empty() && rows >= max_results.clamp(1, 1000) as usize)
}

/// URL of `registered-models/get` for `name`.
pub fn get_registered_model_url(api: &str, name: &str) -> String {
    api_url(api, "registered-models/get", &[("name", name)])
}

/// Whether the server keeps its models in workspaces (`--enable-workspaces`):
/// `workspaces_enabled` of `GET {api}/3.0/mlflow/server-info`, which MLflow 3
/// answers without sign-in and before any workspace is chosen
/// (`mlflow/server/handlers.py`, `build_server_info_payload`, 3.17.2); an
/// HTML 404 before; `false` when it cannot be told. Read as a JSON value
/// from the plain exchange: only the model list's empty state asks, and a
/// typed, decoded answer cost its cold load 1.7-4 KB (its budget is 250 KB).
pub async fn has_workspaces(api: &str) -> bool {
    let Ok(x) = crate::mlflow::request::send(&format!("{api}/3.0/mlflow/server-info"), None).await
    else {
        return false;
    };
    x.status == 200
        && serde_json::from_str::<serde_json::Value>(&x.body)
            .is_ok_and(|info| info["workspaces_enabled"] == true)
}

/// One registered model by its exact name.
pub async fn get_registered_model(api: &str, name: &str) -> Result<RegisteredModel, MlflowError> {
    let got: GetRegisteredModel = get_json(&get_registered_model_url(api, name)).await?;
    if !got.registered_model.aliases.is_empty() {
        learn_aliases(api, true);
    }
    Ok(got.registered_model)
}

/// URL of `registered-models/alias` (MLflow 2.3 and newer).
pub fn alias_url(api: &str, name: &str, alias: &str) -> String {
    api_url(
        api,
        "registered-models/alias",
        &[("name", name), ("alias", alias)],
    )
}

/// Whether the server has aliases at all: known from earlier answers, else
/// asked of `registered-models/alias` for `name@alias` (any JSON answer,
/// even "not found", means yes; a missing endpoint means MLflow < 2.3).
pub async fn server_has_aliases(api: &str, name: &str, alias: &str) -> Result<bool, MlflowError> {
    if let Some(known) = has_aliases(api) {
        return Ok(known);
    }
    let has = match get_json::<serde_json::Value>(&alias_url(api, name, alias)).await {
        Ok(_) => true,
        Err(MlflowError::NoSuchEndpoint { .. }) => false,
        Err(MlflowError::Api { .. }) => true,
        Err(e) => return Err(e),
    };
    learn_aliases(api, has);
    Ok(has)
}

/// URL of `model-versions/get`.
pub fn get_model_version_url(api: &str, name: &str, version: &str) -> String {
    api_url(
        api,
        "model-versions/get",
        &[("name", name), ("version", version)],
    )
}

/// One version of a model.
pub async fn get_model_version(
    api: &str,
    name: &str,
    version: &str,
) -> Result<ModelVersion, MlflowError> {
    let got: GetModelVersion = get_json(&get_model_version_url(api, name, version)).await?;
    Ok(got.model_version)
}

/// Sort orders of a model's versions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum VersionOrder {
    #[default]
    NewestFirst,
    OldestFirst,
    RegisteredDesc,
    RegisteredAsc,
}

impl VersionOrder {
    /// The order as the Sort menu names it.
    pub fn label(self) -> &'static str {
        match self {
            Self::NewestFirst => "Newest version first",
            Self::OldestFirst => "Oldest version first",
            Self::RegisteredDesc => "Registered, newest first",
            Self::RegisteredAsc => "Registered, oldest first",
        }
    }

    /// Every order.
    pub const ALL: [VersionOrder; 4] = [
        Self::NewestFirst,
        Self::OldestFirst,
        Self::RegisteredDesc,
        Self::RegisteredAsc,
    ];

    /// MLflow's `order_by` clause.
    pub fn order_by(self) -> &'static str {
        match self {
            Self::NewestFirst => "version_number DESC",
            Self::OldestFirst => "version_number ASC",
            Self::RegisteredDesc => "creation_timestamp DESC",
            Self::RegisteredAsc => "creation_timestamp ASC",
        }
    }

    /// The value used in the query string.
    pub fn key(self) -> &'static str {
        match self {
            Self::NewestFirst => "-version",
            Self::OldestFirst => "version",
            Self::RegisteredDesc => "-registered",
            Self::RegisteredAsc => "registered",
        }
    }

    /// Reads [`VersionOrder::key`] back.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.key() == key)
    }
}

/// One page request of a model's versions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VersionSearch {
    pub name: String,
    pub order: VersionOrder,
    pub max_results: u32,
    pub page_token: Option<String>,
}

/// URL of one page of `model-versions/search` for one model; `true` when the
/// answer must be narrowed to the exact name (see [`versions_of_model_filter`]).
pub fn search_model_versions_url(api: &str, search: &VersionSearch) -> (String, bool) {
    let (filter, narrow) = versions_of_model_filter(&search.name);
    // MLflow's default page is huge: always bound it.
    let max = search.max_results.clamp(1, 1000).to_string();
    let mut query: Vec<(&str, &str)> = vec![
        ("filter", &filter),
        ("max_results", &max),
        ("order_by", search.order.order_by()),
    ];
    if let Some(token) = search.page_token.as_deref().filter(|t| !t.is_empty()) {
        query.push(("page_token", token));
    }
    (api_url(api, "model-versions/search", &query), narrow)
}

/// One page of a model's versions.
///
/// MLflow 1.x ignores `max_results`, `order_by` and `page_token` here and
/// sends every version, last modified first. That is detected from the
/// answer (more rows than asked for, or rows out of order) and the page is
/// then cut and sorted here, with local page tokens, so the page looks the
/// same as on a server that pages.
pub async fn search_model_versions(
    api: &str,
    search: &VersionSearch,
) -> Result<SearchModelVersions, MlflowError> {
    let (url, narrow) = search_model_versions_request(api, search);
    let answer: SearchModelVersions = get_json(&url).await?;
    Ok(versions_page(answer, search, narrow))
}

/// The URL [`search_model_versions`] asks for `search` (and whether its
/// answer is narrowed): a local token means the server does not page, so
/// it is never sent (a server that pages would reject it).
pub fn search_model_versions_request(api: &str, search: &VersionSearch) -> (String, bool) {
    if local_offset(search.page_token.as_deref()).is_some() {
        let first = VersionSearch {
            page_token: None,
            ..search.clone()
        };
        search_model_versions_url(api, &first)
    } else {
        search_model_versions_url(api, search)
    }
}

/// URL of `runs/get`.
pub fn get_run_url(api: &str, run_id: &str) -> String {
    api_url(api, "runs/get", &[("run_id", run_id)])
}

thread_local! {
    /// Runs fetched this session: a run's params and metrics do not change
    /// once a version points at it, so each is asked for once.
    static RUNS: RefCell<HashMap<String, Rc<Result<Run, MlflowError>>>> = RefCell::new(HashMap::new());
}

/// A run's key in the session cache.
fn run_key(api: &str, run_id: &str) -> String {
    format!("{api}\u{0}{run_id}")
}

/// Whether the session cache holds the run (no request will be made).
pub fn run_is_cached(api: &str, run_id: &str) -> bool {
    RUNS.with(|c| c.borrow().contains_key(&run_key(api, run_id)))
}

/// A run, from the session cache or MLflow. Failures other than "gone" are
/// not cached, so a later page view tries again.
pub async fn get_run_cached(api: &str, run_id: &str) -> Rc<Result<Run, MlflowError>> {
    let key = run_key(api, run_id);
    if let Some(hit) = RUNS.with(|c| c.borrow().get(&key).cloned()) {
        return hit;
    }
    let got = get_json::<GetRun>(&get_run_url(api, run_id))
        .await
        .map(|g| g.run);
    let got = Rc::new(got);
    let keep = match got.as_ref() {
        Ok(_) => true,
        Err(e) => e.is_not_found(),
    };
    if keep {
        RUNS.with(|c| c.borrow_mut().insert(key, Rc::clone(&got)));
    }
    got
}

pub use super::history::{
    get_history_for_chart, get_metric_history, metric_history_url, sampled_history_url, StepRange,
    HISTORY_PAGE, SAMPLED_POINTS,
};

/// URL of `logged-models/{id}` (MLflow 3).
pub fn logged_model_url(api: &str, model_id: &str) -> String {
    api_url(
        api,
        &format!("logged-models/{}", super::url::encode_component(model_id)),
        &[],
    )
}

/// A logged model (MLflow 3). `Ok(None)` on servers without logged models
/// (MLflow 2 answers an HTML 404) or when it is gone.
pub async fn get_logged_model(
    api: &str,
    model_id: &str,
) -> Result<Option<LoggedModel>, MlflowError> {
    match get_json::<GetLoggedModel>(&logged_model_url(api, model_id)).await {
        Ok(got) => Ok(Some(got.model)),
        Err(MlflowError::NoSuchEndpoint { .. }) => Ok(None),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    }
}

/// The logged model id of an MLflow 3 source such as `models:/m-1da9...`.
pub fn logged_model_id(source: &str) -> Option<&str> {
    source
        .strip_prefix("models:/")
        .filter(|id| id.starts_with("m-") && !id.contains('/'))
}

/// The model version a copied version came from: `copy_model_version`
/// stores `models:/<source model>/<version>` as the copy's source (MLflow
/// `_copy_model_version_impl`); the name is taken as it is (MLflow does not
/// percent-decode `models:/` URIs). `None` for any other source, an alias
/// or a stage.
pub fn copied_from(source: &str) -> Option<(&str, &str)> {
    let (name, version) = source.strip_prefix("models:/")?.rsplit_once('/')?;
    let numbered = !version.is_empty() && version.bytes().all(|b| b.is_ascii_digit());
    (numbered && !name.is_empty()).then_some((name, version))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_local_page_token_is_never_sent_and_a_servers_is() {
        let s = VersionSearch {
            name: "iris".into(),
            max_results: 25,
            page_token: Some("offset:25".into()),
            ..Default::default()
        };
        let (local, _) = search_model_versions_request("/api", &s);
        assert!(!local.contains("page_token"), "{local}");
        assert_eq!(
            local,
            search_model_versions_url(
                "/api",
                &VersionSearch {
                    page_token: None,
                    ..s.clone()
                }
            )
            .0
        );
        let server = VersionSearch {
            page_token: Some("abc=".into()),
            ..s
        };
        let (url, _) = search_model_versions_request("/api", &server);
        assert!(url.ends_with("&page_token=abc%3D"), "{url}");
    }

    #[test]
    fn search_url_always_bounds_max_results() {
        let s = ModelSearch {
            max_results: 0,
            ..Default::default()
        };
        assert_eq!(
            search_registered_models_url("/api/mlflow", &s),
            "/api/mlflow/2.0/mlflow/registered-models/search?max_results=1&order_by=name%20ASC"
        );
        let s = ModelSearch {
            max_results: 5000,
            order: ModelOrder::UpdatedDesc,
            filter: "name ILIKE '%a%'".into(),
            page_token: Some("eyJvZmZzZXQiOiAyfQ==".into()),
        };
        assert_eq!(
            search_registered_models_url("/api/mlflow", &s),
            "/api/mlflow/2.0/mlflow/registered-models/search?max_results=1000&order_by=last_updated_timestamp%20DESC&filter=name%20ILIKE%20%27%25a%25%27&page_token=eyJvZmZzZXQiOiAyfQ%3D%3D"
        );
    }

    #[test]
    fn versions_url_filters_orders_and_bounds() {
        let s = VersionSearch {
            name: "a#b 100%".into(),
            order: VersionOrder::RegisteredAsc,
            max_results: 25,
            page_token: Some("t=".into()),
        };
        assert_eq!(
            search_model_versions_url("/api/mlflow", &s),
            (
                "/api/mlflow/2.0/mlflow/model-versions/search?filter=name%20%3D%20%27a%23b%20100%25%27&max_results=25&order_by=creation_timestamp%20ASC&page_token=t%3D".to_string(),
                false
            )
        );
        let s = VersionSearch {
            name: "both ' and \"".into(),
            max_results: 0,
            ..Default::default()
        };
        let (url, narrow) = search_model_versions_url("/a", &s);
        assert!(narrow);
        assert!(
            url.contains("max_results=1&order_by=version_number%20DESC"),
            "{url}"
        );
        assert_eq!(
            VersionOrder::from_key("-registered"),
            Some(VersionOrder::RegisteredDesc)
        );
        assert_eq!(VersionOrder::from_key("x"), None);
    }

    #[test]
    fn history_and_logged_model_urls() {
        assert_eq!(
            metric_history_url("/a", "r 1", "loss/val", Some("t=")),
            "/a/2.0/mlflow/metrics/get-history?run_id=r%201&metric_key=loss%2Fval&max_results=1000&page_token=t%3D"
        );
        assert_eq!(
            logged_model_url("/a", "m-1da9"),
            "/a/2.0/mlflow/logged-models/m-1da9"
        );
        assert_eq!(
            logged_model_id("models:/m-1da9c26db5404127"),
            Some("m-1da9c26db5404127")
        );
        assert_eq!(logged_model_id("models:/iris/2"), None);
        assert_eq!(logged_model_id("runs:/abc/model"), None);
        assert_eq!(copied_from("models:/iris/2"), Some(("iris", "2")));
        assert_eq!(
            copied_from("models:/it's a/b 100%/12"),
            Some(("it's a/b 100%", "12"))
        );
        for other in [
            "models:/m-1da9c26db5404127",
            "models:/iris@champion",
            "models:/iris/Production",
            "models:/iris/",
            "models://3",
            "runs:/abc/2",
            "s3://bucket/models:/x/1",
        ] {
            assert_eq!(copied_from(other), None, "{other}");
        }
    }

    #[test]
    fn short_pages_have_no_next_page() {
        let t = || Some("eyJvZmZzZXQiOiAyfQ==".to_string());
        assert_eq!(trusted_token(t(), 25, 25), t());
        assert_eq!(trusted_token(t(), 24, 25), None);
        assert_eq!(trusted_token(t(), 0, 25), None);
        assert_eq!(trusted_token(Some(String::new()), 25, 25), None);
        assert_eq!(trusted_token(None, 25, 25), None);
    }

    #[test]
    fn get_url_encodes_hostile_names() {
        assert_eq!(
            get_registered_model_url("/api/mlflow", "spe(c)ial-chars_ok.+=@!~&'\"#?"),
            "/api/mlflow/2.0/mlflow/registered-models/get?name=spe(c)ial-chars_ok.%2B%3D%40!~%26%27%22%23%3F"
        );
    }
}
