//! The query string, parsed once and exactly (the router's own map decodes
//! values a second time, which corrupts text holding `%`).

use crate::mlflow::client::{ModelOrder, ModelSearch, VersionOrder, VersionSearch};
use crate::mlflow::filter::{model_search_filter, FilterError};
use crate::mlflow::url::encode_component;
use percent_encoding::percent_decode_str;

/// Ordered `key=value` pairs of a query string.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueryState(Vec<(String, String)>);

fn decode(s: &str) -> String {
    let spaced = s.replace('+', " ");
    percent_decode_str(&spaced).decode_utf8_lossy().into_owned()
}

impl QueryState {
    /// Parses `a=1&b=x%20y` (with or without the leading `?`).
    pub fn parse(search: &str) -> Self {
        let search = search.strip_prefix('?').unwrap_or(search);
        Self(
            search
                .split('&')
                .filter(|p| !p.is_empty())
                .map(|pair| match pair.split_once('=') {
                    Some((k, v)) => (decode(k), decode(v)),
                    None => (decode(pair), String::new()),
                })
                .collect(),
        )
    }

    /// The first value of `key`.
    pub fn get(&self, key: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }

    /// Every value of a repeated `key`, in order.
    pub fn get_all(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// Replaces `key` by one pair per value.
    pub fn set_all(&mut self, key: &str, values: &[String]) {
        self.0.retain(|(k, _)| k != key);
        for v in values {
            self.0.push((key.to_string(), v.clone()));
        }
    }

    /// Sets `key` (replacing earlier values); an empty value removes it.
    pub fn set(&mut self, key: &str, value: &str) {
        self.0.retain(|(k, _)| k != key);
        if !value.is_empty() {
            self.0.push((key.to_string(), value.to_string()));
        }
    }

    /// `?a=1&b=x%20y`, or `""` when empty.
    pub fn to_query_string(&self) -> String {
        if self.0.is_empty() {
            return String::new();
        }
        let pairs: Vec<String> = self
            .0
            .iter()
            .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
            .collect();
        format!("?{}", pairs.join("&"))
    }
}

/// The metrics whose charts are on a log scale: `log=<metric>`, repeated
/// (README: Numbers and charts), each once.
pub fn log_scales(q: &QueryState) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for k in q.get_all("log") {
        if !k.is_empty() && !out.contains(&k) {
            out.push(k);
        }
    }
    out
}

/// `list` with `key` added (`on`, at the end, once) or taken out.
pub fn toggled(list: &[String], key: &str, on: bool) -> Vec<String> {
    let mut out: Vec<String> = list.iter().filter(|k| *k != key).cloned().collect();
    if on {
        out.push(key.to_string());
    }
    out
}

/// Page sizes the lists offer.
pub const PAGE_SIZES: [u32; 3] = [25, 50, 100];

/// The model list's view, as it lives in the query string
/// (`?q=&sort=&size=&page=&token=`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelListState {
    /// The search box text, as typed.
    pub q: String,
    pub order: ModelOrder,
    /// One of [`PAGE_SIZES`].
    pub size: u32,
    /// 1-based page number, for the position shown.
    pub page: u32,
    /// MLflow's token for this page; `None` on the first page.
    pub token: Option<String>,
}

impl Default for ModelListState {
    fn default() -> Self {
        Self {
            q: String::new(),
            order: ModelOrder::NameAsc,
            size: PAGE_SIZES[0],
            page: 1,
            token: None,
        }
    }
}

impl ModelListState {
    /// The `registered-models/search` this view asks for, from `page_token`
    /// on; an error when the search text cannot be an MLflow filter.
    pub fn search(&self, page_token: Option<String>) -> Result<ModelSearch, FilterError> {
        model_search_filter(&self.q).map(|filter| ModelSearch {
            filter,
            order: self.order,
            max_results: self.size,
            page_token,
        })
    }

    /// Reads the state from a query string; anything invalid falls back to
    /// the default (a hand-edited link still opens a sensible view).
    pub fn from_query(search: &str) -> Self {
        let q = QueryState::parse(search);
        let d = Self::default();
        let (size, page, token) = paging_from(&q, d.size);
        Self {
            q: q.get("q").unwrap_or_default(),
            order: q
                .get("sort")
                .and_then(|s| ModelOrder::from_key(&s))
                .unwrap_or(d.order),
            size,
            page,
            token,
        }
    }

    /// The query string for this state; defaults are left out.
    pub fn to_query(&self) -> String {
        let d = Self::default();
        let mut q = QueryState::default();
        q.set("q", &self.q);
        if self.order != d.order {
            q.set("sort", self.order.key());
        }
        paging_into(&mut q, self.size, d.size, self.page, &self.token);
        q.to_query_string()
    }

    /// The same search, sort and size, back on the first page.
    pub fn first_page(&self) -> Self {
        Self {
            page: 1,
            token: None,
            ..self.clone()
        }
    }

    /// "101-125": the position of a page holding `rows` rows.
    pub fn position(&self, rows: usize) -> String {
        page_position(self.size, self.page, rows)
    }
}

/// The versions page's view (`?sort=&size=&page=&token=&p=&m=&trend=`):
/// paging, and the parameter and metric columns shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionListState {
    pub order: VersionOrder,
    pub size: u32,
    pub page: u32,
    pub token: Option<String>,
    /// Parameter keys shown as columns, in order.
    pub params: Vec<String>,
    /// Metric keys shown as columns, in order.
    pub metrics: Vec<String>,
    /// The metric charted across the page's versions.
    pub trend: Option<String>,
    /// True when the query string said which columns to show (`cols=1`),
    /// so the browser's remembered choice does not override a shared link.
    pub columns_in_url: bool,
    /// Versions selected for comparing (`select=1,3`), across pages.
    pub select: Vec<String>,
    /// Metrics charted on a log scale (`log=<metric>`, repeated).
    pub log: Vec<String>,
}

impl VersionListState {
    /// The metric the trend charts: the chosen one while it is still a
    /// column, else the first metric column; `None` without metric columns.
    pub fn trend_metric(&self) -> Option<String> {
        self.trend
            .clone()
            .filter(|t| self.metrics.contains(t))
            .or_else(|| self.metrics.first().cloned())
    }
}

impl Default for VersionListState {
    fn default() -> Self {
        Self {
            order: VersionOrder::NewestFirst,
            size: PAGE_SIZES[0],
            page: 1,
            token: None,
            params: Vec::new(),
            metrics: Vec::new(),
            trend: None,
            columns_in_url: false,
            select: Vec::new(),
            log: Vec::new(),
        }
    }
}

impl VersionListState {
    /// The `model-versions/search` this view asks for `name`'s versions.
    pub fn search(&self, name: String) -> VersionSearch {
        VersionSearch {
            name,
            order: self.order,
            max_results: self.size,
            page_token: self.token.clone(),
        }
    }

    /// Reads the state from a query string; invalid values fall back.
    pub fn from_query(search: &str) -> Self {
        let q = QueryState::parse(search);
        let d = Self::default();
        let (size, page, token) = paging_from(&q, d.size);
        let keys = |k: &str| {
            let mut seen = Vec::new();
            for v in q.get_all(k) {
                if !v.is_empty() && !seen.contains(&v) {
                    seen.push(v);
                }
            }
            seen
        };
        Self {
            order: q
                .get("sort")
                .and_then(|s| VersionOrder::from_key(&s))
                .unwrap_or(d.order),
            size,
            page,
            token,
            params: keys("p"),
            metrics: keys("m"),
            trend: q.get("trend").filter(|t| !t.is_empty()),
            columns_in_url: q.get("cols").is_some(),
            select: crate::compare::parse_versions(&q.get("select").unwrap_or_default()),
            log: log_scales(&q),
        }
    }

    /// The query string; defaults left out.
    pub fn to_query(&self) -> String {
        let d = Self::default();
        let mut q = QueryState::default();
        if self.order != d.order {
            q.set("sort", self.order.key());
        }
        paging_into(&mut q, self.size, d.size, self.page, &self.token);
        if self.columns_in_url || !self.params.is_empty() || !self.metrics.is_empty() {
            q.set("cols", "1");
        }
        q.set_all("p", &self.params);
        q.set_all("m", &self.metrics);
        q.set("trend", self.trend.as_deref().unwrap_or(""));
        q.set("select", &self.select.join(","));
        q.set_all("log", &self.log);
        q.to_query_string()
    }

    /// Same columns and size, first page.
    pub fn first_page(&self) -> Self {
        Self {
            page: 1,
            token: None,
            ..self.clone()
        }
    }

    /// The chosen columns as one line for the browser's storage.
    pub fn columns_to_storage(&self) -> String {
        let mut q = QueryState::default();
        q.set_all("p", &self.params);
        q.set_all("m", &self.metrics);
        q.to_query_string()
    }

    /// Applies columns remembered by [`Self::columns_to_storage`].
    pub fn with_stored_columns(&self, stored: &str) -> Self {
        let from = Self::from_query(stored);
        Self {
            params: from.params,
            metrics: from.metrics,
            ..self.clone()
        }
    }
}

/// Reads `size`, `page` and `token`: a page past the first needs a token.
fn paging_from(q: &QueryState, default_size: u32) -> (u32, u32, Option<String>) {
    let token = q.get("token").filter(|t| !t.is_empty());
    let page = q
        .get("page")
        .and_then(|p| p.parse::<u32>().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1);
    let size = q
        .get("size")
        .and_then(|s| s.parse::<u32>().ok())
        .filter(|s| PAGE_SIZES.contains(s))
        .unwrap_or(default_size);
    let page = if token.is_some() { page.max(2) } else { 1 };
    (size, page, token)
}

/// Writes `size` (when not the default), `page` and `token`.
fn paging_into(
    q: &mut QueryState,
    size: u32,
    default_size: u32,
    page: u32,
    token: &Option<String>,
) {
    if size != default_size {
        q.set("size", &size.to_string());
    }
    if let Some(token) = token {
        q.set("page", &page.to_string());
        q.set("token", token);
    }
}

/// "101-125": the rows a page of `size` at `page` holds.
pub fn page_position(size: u32, page: u32, rows: usize) -> String {
    if rows == 0 {
        return String::new();
    }
    let start = (page.max(1) as u64 - 1) * size as u64 + 1;
    format!("{start}-{}", start + rows as u64 - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_asks_for_its_view_from_the_token_given() {
        let s = ModelListState::from_query("?q=iris&sort=-updated&size=50&page=2&token=t1");
        let search = s.search(s.token.clone()).expect("a plain name is a filter");
        assert_eq!(search.filter, "name ILIKE '%iris%'");
        assert_eq!(search.order, ModelOrder::UpdatedDesc);
        assert_eq!(search.max_results, 50);
        assert_eq!(search.page_token.as_deref(), Some("t1"));
        assert!(s.search(None).is_ok_and(|x| x.page_token.is_none()));
        // Text that cannot be a filter asks for nothing.
        let bad = ModelListState::from_query("?q=tags.x%20%3D");
        assert!(bad.search(None).is_err());
    }

    #[test]
    fn the_trend_follows_the_metric_columns() {
        let s = |trend: Option<&str>, metrics: &[&str]| VersionListState {
            trend: trend.map(String::from),
            metrics: metrics.iter().map(|m| m.to_string()).collect(),
            ..Default::default()
        };
        assert_eq!(
            s(Some("f1"), &["acc", "f1"]).trend_metric().as_deref(),
            Some("f1")
        );
        assert_eq!(
            s(Some("gone"), &["acc", "f1"]).trend_metric().as_deref(),
            Some("acc")
        );
        assert_eq!(s(None, &["acc"]).trend_metric().as_deref(), Some("acc"));
        assert_eq!(s(Some("acc"), &[]).trend_metric(), None);
    }

    #[test]
    fn version_state_round_trips_columns_and_trend() {
        let s = VersionListState {
            order: VersionOrder::RegisteredAsc,
            size: 100,
            page: 2,
            token: Some("abc".into()),
            params: vec!["C".into(), "learning rate/x".into()],
            metrics: vec!["accuracy".into()],
            trend: Some("loss".into()),
            columns_in_url: true,
            select: vec!["3".into(), "1".into()],
            log: vec!["loss".into()],
        };
        let q = s.to_query();
        assert_eq!(
            q,
            "?sort=registered&size=100&page=2&token=abc&cols=1&p=C&p=learning%20rate%2Fx&m=accuracy&trend=loss&select=3%2C1&log=loss"
        );
        assert_eq!(VersionListState::from_query(&q), s);
        assert_eq!(VersionListState::default().to_query(), "");
        // Duplicate keys are shown once.
        assert_eq!(
            VersionListState::from_query("?p=a&p=a&p=b").params,
            ["a", "b"]
        );
    }

    #[test]
    fn stored_columns_apply_to_any_page() {
        let s = VersionListState {
            params: vec!["C".into()],
            metrics: vec!["f1".into(), "loss".into()],
            ..Default::default()
        };
        let stored = s.columns_to_storage();
        assert_eq!(stored, "?p=C&m=f1&m=loss");
        let other = VersionListState {
            size: 50,
            ..Default::default()
        }
        .with_stored_columns(&stored);
        assert_eq!(other.params, ["C"]);
        assert_eq!(other.metrics, ["f1", "loss"]);
        assert_eq!(other.size, 50);
        assert!(!other.columns_in_url);
    }

    #[test]
    fn list_state_round_trips_through_the_query_string() {
        let s = ModelListState {
            q: "100% it's".into(),
            order: ModelOrder::UpdatedDesc,
            size: 50,
            page: 3,
            token: Some("eyJvZmZzZXQiOiAxMDB9".into()),
        };
        let q = s.to_query();
        assert_eq!(
            q,
            "?q=100%25%20it's&sort=-updated&size=50&page=3&token=eyJvZmZzZXQiOiAxMDB9"
        );
        assert_eq!(ModelListState::from_query(&q), s);
        assert_eq!(ModelListState::default().to_query(), "");
        assert_eq!(ModelListState::from_query(""), ModelListState::default());
    }

    #[test]
    fn list_state_ignores_invalid_values() {
        let s = ModelListState::from_query("?sort=creation&size=7&page=-2");
        assert_eq!(s, ModelListState::default());
        // A page number without a token is page 1.
        assert_eq!(ModelListState::from_query("?page=4").page, 1);
        assert_eq!(ModelListState::from_query("?token=abc").page, 2);
    }

    #[test]
    fn position_counts_from_the_page_start() {
        let s = ModelListState {
            size: 25,
            page: 5,
            token: Some("t".into()),
            ..Default::default()
        };
        assert_eq!(s.position(25), "101-125");
        assert_eq!(s.position(3), "101-103");
        assert_eq!(s.position(0), "");
        assert_eq!(s.first_page().position(25), "1-25");
    }

    #[test]
    fn decodes_each_value_exactly_once() {
        let q = QueryState::parse("?q=100%2525&modelURI=models%3A%2Fa%2520b%2F1&x=a+b");
        assert_eq!(q.get("q").as_deref(), Some("100%25"));
        assert_eq!(q.get("modelURI").as_deref(), Some("models:/a%20b/1"));
        assert_eq!(q.get("x").as_deref(), Some("a b"));
        assert_eq!(q.get("missing"), None);
    }

    #[test]
    fn round_trips_hostile_text() {
        let mut q = QueryState::default();
        q.set("q", "it's \"50%\" & #1?");
        q.set("page", "2");
        let s = q.to_query_string();
        assert_eq!(s, "?q=it's%20%2250%25%22%20%26%20%231%3F&page=2");
        assert_eq!(QueryState::parse(&s), q);
        q.set("q", "");
        assert_eq!(q.to_query_string(), "?page=2");
    }

    #[test]
    fn log_scales_live_in_the_query_string() {
        let q = QueryState::parse("?log=grad_norm&log=a%2Fb%20c&log=grad_norm&log=");
        assert_eq!(log_scales(&q), ["grad_norm", "a/b c"]);
        let s = VersionListState::from_query("?cols=1&m=grad_norm&log=grad_norm");
        assert_eq!(s.log, ["grad_norm"]);
        assert_eq!(VersionListState::from_query(&s.to_query()), s);
        let on = toggled(&s.log, "loss", true);
        assert_eq!(on, ["grad_norm", "loss"]);
        assert_eq!(toggled(&on, "grad_norm", false), ["loss"]);
        assert_eq!(toggled(&on, "loss", true), ["grad_norm", "loss"]);
    }
}
