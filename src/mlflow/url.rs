//! URL pieces for MLflow requests and in-app links. Pages never format URLs
//! themselves: they call these.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Characters `encodeURIComponent` leaves as they are: A-Z a-z 0-9 - _ . ! ~ * ' ( )
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// What a query key or value encodes: as `encodeURIComponent`, and `'` too.
/// The browser's URL parser percent-encodes `'` in a query, so a URL built
/// without it would not be the URL that is requested.
const QUERY: &AsciiSet = &COMPONENT.add(b'\'');

/// Percent-encodes with JavaScript's `encodeURIComponent` semantics.
pub fn encode_component(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

/// Decodes one path segment exactly once. `None` when the bytes are not UTF-8
/// (a hand-edited URL), so the caller can show "not found" instead of guessing.
pub fn decode_component(s: &str) -> Option<String> {
    percent_decode_str(s)
        .decode_utf8()
        .ok()
        .map(|c| c.into_owned())
}

/// Encodes one query key or value so that the browser sends it unchanged.
pub fn encode_query(s: &str) -> String {
    utf8_percent_encode(s, QUERY).to_string()
}

/// Builds `{api_base}/2.0/mlflow/{endpoint}?k=v&...` with every value encoded;
/// no `?` without a pair, no `&` without a pair after it.
pub fn api_url(api_base: &str, endpoint: &str, query: &[(&str, &str)]) -> String {
    let mut url = format!(
        "{}/2.0/mlflow/{}",
        api_base.trim_end_matches('/'),
        endpoint.trim_start_matches('/')
    );
    for (i, (k, v)) in query.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        url.push_str(&encode_query(k));
        url.push('=');
        url.push_str(&encode_query(v));
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_like_encode_uri_component() {
        assert_eq!(encode_component("a b"), "a%20b");
        assert_eq!(
            encode_component("spe(c)ial-chars_ok.+=@!~&'\"#?"),
            "spe(c)ial-chars_ok.%2B%3D%40!~%26'%22%23%3F"
        );
        assert_eq!(encode_component("100%"), "100%25");
        assert_eq!(
            encode_component("模型 🚀"),
            "%E6%A8%A1%E5%9E%8B%20%F0%9F%9A%80"
        );
        assert_eq!(encode_component("a/b:c"), "a%2Fb%3Ac");
    }

    #[test]
    fn decodes_exactly_once() {
        assert_eq!(decode_component("100%2525").as_deref(), Some("100%25"));
        assert_eq!(
            decode_component("%20%20padded%20%20").as_deref(),
            Some("  padded  ")
        );
        assert_eq!(decode_component("%FF"), None);
        for name in [
            "  padded  ",
            "a#b?c&d=e",
            "100% sure",
            "Modèle 🚀",
            "q'\"uote",
        ] {
            assert_eq!(
                decode_component(&encode_component(name)).as_deref(),
                Some(name)
            );
        }
    }

    #[test]
    fn api_url_encodes_every_query_value() {
        assert_eq!(
            api_url(
                "/api/mlflow/",
                "registered-models/get",
                &[("name", "a&b=c #1")]
            ),
            "/api/mlflow/2.0/mlflow/registered-models/get?name=a%26b%3Dc%20%231"
        );
        assert_eq!(
            api_url("/api/mlflow", "registered-models/search", &[]),
            "/api/mlflow/2.0/mlflow/registered-models/search"
        );
        assert_eq!(
            api_url(
                "http://h/api",
                "registered-models/search",
                &[("filter", "name ILIKE '%x%'"), ("max_results", "25")]
            ),
            "http://h/api/2.0/mlflow/registered-models/search?filter=name%20ILIKE%20%27%25x%25%27&max_results=25"
        );
    }
}
