//! The query string, parsed once and exactly (the router's own map decodes
//! values a second time, which corrupts text holding `%`).

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

#[cfg(test)]
mod tests {
    use super::*;

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
