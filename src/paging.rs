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

/// Where Previous leads to: page `target` with the token the trail `known`
/// holds for it, else with the token found by walking from page 1; page 1
/// when the walk comes up short (the pages changed meanwhile).
pub async fn previous_page<F, Fut>(
    target: u32,
    known: Option<Option<String>>,
    next_of: F,
) -> (u32, Option<String>)
where
    F: Fn(Option<String>) -> Fut,
    Fut: Future<Output = Option<String>>,
{
    if let Some(token) = known {
        return (target, token);
    }
    match walk_to_page(target, next_of).await {
        Some(token) => (target, Some(token)),
        None => (1, None),
    }
}

/// Collects every item of a paged answer: follows tokens until one is
/// missing or a page is empty, and never more than `max_pages` pages.
pub async fn collect_all_pages<T, E, F, Fut>(max_pages: usize, fetch: F) -> Result<Vec<T>, E>
where
    F: Fn(Option<String>) -> Fut,
    Fut: Future<Output = Result<(Vec<T>, Option<String>), E>>,
{
    let mut all = Vec::new();
    let mut token = None;
    for _ in 0..max_pages {
        let (items, next) = fetch(token).await?;
        let empty = items.is_empty();
        all.extend(items);
        match next.filter(|t| !t.is_empty()) {
            Some(t) if !empty => token = Some(t),
            _ => break,
        }
    }
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn previous_uses_the_trail_else_walks() {
        use futures::executor::block_on;
        let next_of = |token: Option<String>| async move {
            match token.as_deref() {
                None => Some("t2".to_string()),
                Some("t2") => Some("t3".to_string()),
                _ => None,
            }
        };
        assert_eq!(
            block_on(previous_page(2, Some(Some("k".into())), next_of)),
            (2, Some("k".into()))
        );
        assert_eq!(block_on(previous_page(1, Some(None), next_of)), (1, None));
        assert_eq!(
            block_on(previous_page(3, None, next_of)),
            (3, Some("t3".into()))
        );
        assert_eq!(block_on(previous_page(7, None, next_of)), (1, None));
    }

    #[test]
    fn collecting_follows_tokens_and_stops() {
        use futures::executor::block_on as block;
        // Three pages, the last without a token.
        let fetch = |token: Option<String>| async move {
            Ok::<_, ()>(match token.as_deref() {
                None => (vec![1, 2], Some("b".to_string())),
                Some("b") => (vec![3], Some("c".to_string())),
                _ => (vec![4], None),
            })
        };
        assert_eq!(block(collect_all_pages(10, fetch)), Ok(vec![1, 2, 3, 4]));
        // A token with an empty page (MLflow does send those) ends it.
        let endless = |_t: Option<String>| async {
            Ok::<(Vec<i32>, _), ()>((vec![], Some("again".to_string())))
        };
        assert_eq!(block(collect_all_pages(10, endless)), Ok(vec![]));
        // Never more than max_pages.
        let forever = |_t: Option<String>| async { Ok::<_, ()>((vec![0], Some("x".to_string()))) };
        assert_eq!(block(collect_all_pages(3, forever)), Ok(vec![0, 0, 0]));
        // Errors stop it.
        let failing = |_t: Option<String>| async { Err::<(Vec<i32>, Option<String>), _>("down") };
        assert_eq!(block(collect_all_pages(3, failing)), Err("down"));
    }

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
