//! MLflow search filters. Strings go in `'...'` or `"..."` and MLflow has no
//! escape, so a value is quoted with whichever quote it does not contain.

use std::fmt;

/// Text that cannot be written as an MLflow filter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilterError(pub String);

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Quotes a string value for a filter; `None` when it holds both quote kinds.
pub fn quote(value: &str) -> Option<String> {
    if !value.contains('\'') {
        Some(format!("'{value}'"))
    } else if !value.contains('"') {
        Some(format!("\"{value}\""))
    } else {
        None
    }
}

/// `name = '<exact name>'`, for `model-versions/search`.
pub fn exact_name_filter(name: &str) -> Result<String, FilterError> {
    quote(name).map(|q| format!("name = {q}")).ok_or_else(|| {
        FilterError(
            "This name holds both ' and \", which MLflow's search cannot express.".to_string(),
        )
    })
}

/// The versions filter for a model name, and whether the answer must be
/// narrowed to the exact name afterwards. A name holding both quote kinds
/// cannot be written exactly: it is matched with `LIKE`, each quote a `_`
/// wildcard, and the caller keeps only the exact name.
pub fn versions_of_model_filter(name: &str) -> (String, bool) {
    match exact_name_filter(name) {
        Ok(f) => (f, false),
        Err(_) => (
            format!("name LIKE '{}'", name.replace(['\'', '"'], "_")),
            true,
        ),
    }
}

/// Explains text that both quote kinds make impossible to search.
const BOTH_QUOTES: &str =
    "A search can hold ' or \" but not both: MLflow's filter language has no way to escape quotes.";

/// Builds the `registered-models/search` filter from the search box.
///
/// Plain text becomes `name ILIKE '%text%'` (so `%` and `_` stay MLflow
/// wildcards). Conditions such as `tags.team = 'ml'` or `name LIKE 'iris%'`
/// may be joined with `AND`, mixed with plain text. Empty text is no filter.
pub fn model_search_filter(text: &str) -> Result<String, FilterError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(String::new());
    }
    let parts = split_and(text);
    let has_condition = parts.iter().any(|p| looks_like_condition(p));
    let parts = if has_condition {
        parts
    } else {
        vec![text.to_string()]
    };
    let mut clauses = Vec::with_capacity(parts.len());
    for part in parts {
        if looks_like_condition(&part) {
            clauses.push(parse_condition(&part)?);
        } else {
            let q = quote(&format!("%{part}%")).ok_or_else(|| FilterError(BOTH_QUOTES.into()))?;
            clauses.push(format!("name ILIKE {q}"));
        }
    }
    Ok(clauses.join(" AND "))
}

/// Splits on the keyword `AND` (any case) outside quotes.
fn split_and(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut quote_char: Option<char> = None;
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match quote_char {
            Some(q) if c == q => quote_char = None,
            Some(_) => {}
            None if c == '\'' || c == '"' || c == '`' => quote_char = Some(c),
            None if c.is_whitespace() => {
                // Compared as chars: the text after a space may be any
                // character ("模型 🚀" once panicked slicing inside 🚀).
                let rest = &chars[i + 1..];
                if rest.len() >= 4
                    && rest[..3]
                        .iter()
                        .zip("and".chars())
                        .all(|(c, k)| c.eq_ignore_ascii_case(&k))
                    && rest[3].is_whitespace()
                {
                    parts.push(current.trim().to_string());
                    current.clear();
                    i += 4;
                    continue;
                }
            }
            None => {}
        }
        current.push(c);
        i += 1;
    }
    parts.push(current.trim().to_string());
    parts.into_iter().filter(|p| !p.is_empty()).collect()
}

fn looks_like_condition(part: &str) -> bool {
    let lower = part.to_ascii_lowercase();
    lower.starts_with("tags.")
        || [
            "name =",
            "name=",
            "name !=",
            "name!=",
            "name like ",
            "name ilike ",
        ]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// Checks one `key OP 'value'` condition and writes it back normalised.
fn parse_condition(part: &str) -> Result<String, FilterError> {
    let bad = || {
        FilterError(format!(
            "\"{part}\" is not a condition MLflow understands. Write name or tags.<key>, then =, !=, LIKE or ILIKE, then a value in quotes, e.g. tags.team = 'ml'."
        ))
    };
    let (key, rest) = if let Some(after) = part.strip_prefix("tags.").or_else(|| {
        part.get(..5)
            .filter(|p| p.eq_ignore_ascii_case("tags."))
            .map(|_| &part[5..])
    }) {
        if let Some(inner) = after.strip_prefix('`') {
            let end = inner.find('`').ok_or_else(bad)?;
            (format!("tags.`{}`", &inner[..end]), &inner[end + 1..])
        } else {
            let end = after
                .find(|c: char| c.is_whitespace() || c == '=' || c == '!')
                .ok_or_else(bad)?;
            let key = &after[..end];
            if key.is_empty() {
                return Err(bad());
            }
            (format!("tags.{key}"), &after[end..])
        }
    } else {
        ("name".to_string(), &part[4..])
    };
    let rest = rest.trim_start();
    let upper = rest.to_ascii_uppercase();
    let op = ["!=", "=", "ILIKE", "LIKE"]
        .into_iter()
        .find(|op| upper.starts_with(op))
        .ok_or_else(bad)?;
    let value = rest[op.len()..].trim();
    let quoted = value.len() >= 2
        && ((value.starts_with('\'')
            && value.ends_with('\'')
            && !value[1..value.len() - 1].contains('\''))
            || (value.starts_with('"')
                && value.ends_with('"')
                && !value[1..value.len() - 1].contains('"')));
    if !quoted {
        return Err(bad());
    }
    Ok(format!("{key} {op} {value}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_filter_falls_back_to_like_for_both_quotes() {
        assert_eq!(
            versions_of_model_filter("iris"),
            ("name = 'iris'".to_string(), false)
        );
        assert_eq!(
            versions_of_model_filter("it's"),
            ("name = \"it's\"".to_string(), false)
        );
        assert_eq!(
            versions_of_model_filter("both ' and \" quotes"),
            ("name LIKE 'both _ and _ quotes'".to_string(), true)
        );
    }

    #[test]
    fn plain_text_is_a_name_substring() {
        assert_eq!(model_search_filter("").unwrap(), "");
        assert_eq!(model_search_filter("   ").unwrap(), "");
        assert_eq!(
            model_search_filter(" iris ").unwrap(),
            "name ILIKE '%iris%'"
        );
        assert_eq!(
            model_search_filter("it's").unwrap(),
            "name ILIKE \"%it's%\""
        );
        assert_eq!(
            model_search_filter("say \"hi\"").unwrap(),
            "name ILIKE '%say \"hi\"%'"
        );
        // % and _ stay wildcards: MLflow has no escape for them.
        assert_eq!(
            model_search_filter("100%_x").unwrap(),
            "name ILIKE '%100%_x%'"
        );
        // "and" inside plain text is just text.
        assert_eq!(
            model_search_filter("rock and roll").unwrap(),
            "name ILIKE '%rock and roll%'"
        );
    }

    #[test]
    fn both_quote_kinds_cannot_be_searched() {
        let e = model_search_filter("both ' and \"").unwrap_err();
        assert!(e.to_string().contains("not both"));
    }

    #[test]
    fn tag_and_name_conditions_join_with_and() {
        assert_eq!(
            model_search_filter("tags.team = 'ml-team'").unwrap(),
            "tags.team = 'ml-team'"
        );
        assert_eq!(
            model_search_filter("iris AND tags.task='classification' and name != \"x\"").unwrap(),
            "name ILIKE '%iris%' AND tags.task = 'classification' AND name != \"x\""
        );
        assert_eq!(
            model_search_filter("tags.`my key` LIKE 'a%' AND name ilike '%b'").unwrap(),
            "tags.`my key` LIKE 'a%' AND name ILIKE '%b'"
        );
        // AND inside a quoted value does not split.
        assert_eq!(
            model_search_filter("tags.note = 'this and that'").unwrap(),
            "tags.note = 'this and that'"
        );
    }

    #[test]
    fn malformed_conditions_are_explained() {
        for bad in [
            "tags.team = ml",
            "tags.team",
            "tags. = 'x'",
            "tags.team > '1'",
            "name = 'a'b'",
        ] {
            let e = model_search_filter(bad).unwrap_err();
            assert!(e.to_string().contains("tags.<key>"), "{bad}: {e}");
        }
    }

    #[test]
    fn text_of_any_script_after_a_space_is_searched_as_typed() {
        // A space then a character of more than one byte: split_and once
        // sliced inside it and panicked (the app stopped).
        assert_eq!(
            model_search_filter("  模型 🚀 ").as_deref(),
            Ok("name ILIKE '%模型 🚀%'")
        );
        assert_eq!(
            model_search_filter("a 🚀 and é").as_deref(),
            Ok("name ILIKE '%a 🚀 and é%'")
        );
        assert_eq!(
            model_search_filter("name = 'ü' AND\u{3000}模型").as_deref(),
            Ok("name = 'ü' AND name ILIKE '%模型%'")
        );
    }

    #[test]
    fn quotes_with_the_quote_the_value_lacks() {
        assert_eq!(quote("iris").as_deref(), Some("'iris'"));
        assert_eq!(quote("it's").as_deref(), Some("\"it's\""));
        assert_eq!(quote("say \"hi\"").as_deref(), Some("'say \"hi\"'"));
        assert_eq!(quote("both ' and \""), None);
        assert_eq!(
            exact_name_filter("spe(c)ial'#?").unwrap(),
            "name = \"spe(c)ial'#?\""
        );
        assert!(exact_name_filter("both ' and \"").is_err());
    }
}
