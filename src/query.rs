//! The query string, parsed once and exactly (the router's own map decodes
//! values a second time, which corrupts text holding `%`).

use crate::mlflow::client::ModelOrder;
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
    /// Reads the state from a query string; anything invalid falls back to
    /// the default (a hand-edited link still opens a sensible view).
    pub fn from_query(search: &str) -> Self {
        let q = QueryState::parse(search);
        let d = Self::default();
        let token = q.get("token").filter(|t| !t.is_empty());
        let page = q
            .get("page")
            .and_then(|p| p.parse::<u32>().ok())
            .filter(|p| *p >= 1)
            .unwrap_or(1);
        Self {
            q: q.get("q").unwrap_or_default(),
            order: q
                .get("sort")
                .and_then(|s| ModelOrder::from_key(&s))
                .unwrap_or(d.order),
            size: q
                .get("size")
                .and_then(|s| s.parse::<u32>().ok())
                .filter(|s| PAGE_SIZES.contains(s))
                .unwrap_or(d.size),
            // Without a token there is no way to be past page 1.
            page: if token.is_some() { page.max(2) } else { 1 },
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
        if self.size != d.size {
            q.set("size", &self.size.to_string());
        }
        if let Some(token) = &self.token {
            q.set("page", &self.page.to_string());
            q.set("token", token);
        }
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
        let start = (self.page as u64 - 1) * self.size as u64 + 1;
        if rows == 0 {
            return String::new();
        }
        format!("{start}-{}", start + rows as u64 - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
