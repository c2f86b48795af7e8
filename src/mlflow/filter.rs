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

#[cfg(test)]
mod tests {
    use super::*;

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
