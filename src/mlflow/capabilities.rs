//! What the MLflow server behind an API prefix can do, learned from its
//! answers during the session, never from a configured release.

use std::cell::RefCell;
use std::collections::HashMap;

thread_local! {
    /// Per API prefix: `true` once an answer carried aliases or the alias
    /// endpoint answered; `false` once that endpoint was missing (< 2.3).
    static ALIASES: RefCell<HashMap<String, bool>> = RefCell::new(HashMap::new());
    /// Per API prefix: `false` once `metrics/get-history-bulk-interval` was
    /// missing (MLflow 2.9 and older).
    static SAMPLED_HISTORY: RefCell<HashMap<String, bool>> = RefCell::new(HashMap::new());
}

/// Whether the server samples metric histories, if known yet.
pub fn has_sampled_history(api: &str) -> Option<bool> {
    SAMPLED_HISTORY.with(|a| a.borrow().get(api).copied())
}

/// Records whether the sampled-history endpoint answered.
pub fn learn_sampled_history(api: &str, has: bool) {
    SAMPLED_HISTORY.with(|a| a.borrow_mut().insert(api.to_string(), has));
}

/// Whether the server has aliases, if known yet.
pub fn has_aliases(api: &str) -> Option<bool> {
    ALIASES.with(|a| a.borrow().get(api).copied())
}

/// Records what an answer showed about aliases.
pub fn learn_aliases(api: &str, has: bool) {
    ALIASES.with(|a| a.borrow_mut().insert(api.to_string(), has));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_per_api_prefix() {
        assert_eq!(has_aliases("/a"), None);
        learn_aliases("/a", false);
        learn_aliases("/b", true);
        assert_eq!(has_aliases("/a"), Some(false));
        assert_eq!(has_aliases("/b"), Some(true));
        assert_eq!(has_sampled_history("/a"), None);
        learn_sampled_history("/a", false);
        assert_eq!(has_sampled_history("/a"), Some(false));
        assert_eq!(has_sampled_history("/b"), None);
    }
}
