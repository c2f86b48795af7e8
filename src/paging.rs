//! Paging over MLflow's opaque page tokens: which token opens which page.

use std::collections::HashMap;
use std::future::Future;

/// Tokens seen so far, per view (search, sort, size...): page 1 has none.
#[derive(Clone, Debug, Default)]
pub struct TokenTrail(HashMap<String, Vec<Option<String>>>);

impl TokenTrail {
    /// Records that `page` of `view` opened with `token` and offered `next`.
    pub fn record(&mut self, view: &str, page: u32, token: Option<String>, next: Option<String>) {
        let list = self.0.entry(view.to_string()).or_default();
        let idx = page.max(1) as usize;
        if list.len() <= idx {
            list.resize(idx + 1, None);
        }
        list[idx - 1] = token;
        list[idx] = next;
    }

    /// The token that opens `page` of `view`: `Some(None)` for page 1,
    /// `None` when not seen yet.
    pub fn token_for(&self, view: &str, page: u32) -> Option<Option<String>> {
        if page <= 1 {
            return Some(None);
        }
        self.0
            .get(view)
            .and_then(|l| l.get(page as usize - 1).cloned().flatten())
            .map(Some)
    }
}

/// Finds the token of page `target` by walking from page 1: at most
/// `target - 1` requests, stopping where there is no next page. `next_of`
/// fetches the page a token opens and returns that page's next token.
pub async fn walk_to_page<F, Fut>(target: u32, next_of: F) -> Option<String>
where
    F: Fn(Option<String>) -> Fut,
    Fut: Future<Output = Option<String>>,
{
    let mut token = None;
    for _ in 1..target {
        token = Some(next_of(token).await?);
    }
    token
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trail_remembers_tokens_per_view() {
        let mut t = TokenTrail::default();
        assert_eq!(t.token_for("a", 1), Some(None));
        assert_eq!(t.token_for("a", 2), None);
        t.record("a", 1, None, Some("t2".into()));
        t.record("a", 2, Some("t2".into()), Some("t3".into()));
        assert_eq!(t.token_for("a", 2), Some(Some("t2".into())));
        assert_eq!(t.token_for("a", 3), Some(Some("t3".into())));
        assert_eq!(t.token_for("b", 2), None);
        // A page opened from a link, without the ones before it.
        t.record("b", 5, Some("t5".into()), None);
        assert_eq!(t.token_for("b", 5), Some(Some("t5".into())));
        assert_eq!(t.token_for("b", 4), None);
    }

    #[test]
    fn walking_stops_at_the_last_page() {
        let pages = ["t2", "t3"];
        let next_of = |token: Option<String>| async move {
            let i = token
                .map(|t| t[1..].parse::<usize>().unwrap() - 1)
                .unwrap_or(0);
            pages.get(i).map(|s| s.to_string())
        };
        let block = |f| futures::executor::block_on(f);
        assert_eq!(block(walk_to_page(1, next_of)), None);
        assert_eq!(block(walk_to_page(3, next_of)), Some("t3".into()));
        assert_eq!(block(walk_to_page(9, next_of)), None);
    }
}
