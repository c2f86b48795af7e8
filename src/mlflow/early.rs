//! Requests the standalone page's loader started before the app's wasm had
//! arrived, taken by the app's own requests for the same URL.
//!
//! The loader (`src/loader/early.js`, inside `models-<hash>.js`) fetches
//! `config.json` and, once it is in, the address's first MLflow requests,
//! and hands `boot` its `take(url, signal)`: the promise of the fetch
//! `Response` (body unread) started for `url` (resolved against the page's
//! base URL), once, or `undefined`; aborting `signal` then aborts that
//! fetch. So a request that takes an answer waits for it instead of
//! fetching, under its own time limit and cancellation. `take()` without a
//! URL aborts and forgets what nobody took ([`forget`], when the first page
//! view ends). Hosts (`mount`, the deploy popup) start nothing early: there
//! is no `take` and every request fetches.

use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    static TAKE: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Keeps the loader's `take` (`boot`'s argument); anything but a function
/// is ignored.
pub fn adopt(take: JsValue) {
    if let Ok(take) = take.dyn_into::<js_sys::Function>() {
        TAKE.with(|t| *t.borrow_mut() = Some(take));
    }
}

/// The answer to come for the GET of `url` the loader started, taken once;
/// `signal` aborts it.
pub(super) fn take(url: &str, signal: Option<&web_sys::AbortSignal>) -> Option<js_sys::Promise> {
    let take = TAKE.with(|t| t.borrow().clone())?;
    take.call2(
        &JsValue::NULL,
        &JsValue::from_str(url),
        &JsValue::from(signal),
    )
    .ok()?
    .dyn_into::<js_sys::Promise>()
    .ok()
}

/// Aborts and forgets every request nobody took (the first page view is
/// over: nothing later asks for them).
pub(super) fn forget() {
    if let Some(take) = TAKE.with(|t| t.borrow_mut().take()) {
        let _ = take.call0(&JsValue::NULL);
    }
}
