//! Previous/Next over MLflow's opaque page tokens, for any paged list.

use crate::paging::{previous_page, TokenTrail};
use leptos::prelude::*;
use std::future::Future;

/// The page on screen: which page it is, the token that opened it, the
/// token MLflow offered for the next one, and how many rows it had.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loaded {
    pub page: u32,
    pub token: Option<String>,
    pub next: Option<String>,
    pub rows: usize,
}

/// What a pager needs.
#[derive(Clone, Copy)]
pub struct TokenPaging {
    pub on_next: Callback<()>,
    pub on_previous: Callback<()>,
}

/// Token paging for one list.
///
/// * `loaded` reads (tracked) the page on screen, `None` while there is none;
/// * `view_key` names the view the tokens belong to (search, sort, size);
/// * `next_of` fetches the page a token opens and returns its next token
///   (used to walk from page 1 when Previous has no remembered token);
/// * `go` shows page `n` opened with a token.
///
/// Every token seen is remembered per view, so Previous usually needs no
/// request; a token with an empty page is never followed.
pub fn use_token_paging<L, K, N, NF, G>(loaded: L, view_key: K, next_of: N, go: G) -> TokenPaging
where
    L: Fn() -> Option<Loaded> + Send + Sync + 'static,
    K: Fn() -> String + Send + Sync + 'static,
    N: Fn(Option<String>) -> NF + Clone + Send + Sync + 'static,
    NF: Future<Output = Option<String>> + 'static,
    G: Fn(u32, Option<String>) + Clone + Send + Sync + 'static,
{
    let loaded = std::sync::Arc::new(loaded);
    let view_key = std::sync::Arc::new(view_key);
    let trail = StoredValue::new(TokenTrail::default());
    // The walk from page 1 belongs to the page: stopped when the page goes
    // (or Previous is pressed again), so `go` never runs for a page that is
    // gone.
    let walk = super::OwnedTask::new();
    {
        let (loaded, view_key) = (loaded.clone(), view_key.clone());
        Effect::new(move |_| {
            if let Some(l) = loaded() {
                let key = untrack(|| view_key());
                trail.update_value(|t| t.record(&key, l.page, l.token, l.next));
            }
        });
    }
    let on_next = {
        let (loaded, go) = (loaded.clone(), go.clone());
        Callback::new(move |_: ()| {
            if let Some(l) = untrack(|| loaded()) {
                if let Some(token) = l.next.filter(|_| l.rows > 0) {
                    go(l.page + 1, Some(token));
                }
            }
        })
    };
    let on_previous = Callback::new(move |_: ()| {
        let Some(l) = untrack(|| loaded()) else {
            return;
        };
        let target = l.page.saturating_sub(1).max(1);
        let known = trail.with_value(|t| t.token_for(&untrack(|| view_key()), target));
        let (next_of, go) = (next_of.clone(), go.clone());
        walk.spawn(async move {
            let (page, token) = previous_page(target, known, next_of).await;
            go(page, token);
        });
    });
    TokenPaging {
        on_next,
        on_previous,
    }
}
