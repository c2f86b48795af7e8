//! Requests a route starts before its page's code has arrived, picked up
//! by the page's own requests.
//!
//! A route's `data` (`routes::Started`) runs in the shell as soon as the
//! router matches the address, while the page's wasm module is still on
//! its way. It starts the page's first requests here ([`Prefetch::get`]);
//! when the page is built, its resources ask for the same URLs as always
//! and [`send`](super::request::send) hands them the exchange already in
//! flight (or done) instead of asking again. The page's code is unchanged
//! and parses the answers as before: the shell only knows URLs, not the
//! page's types (starting the page's resources in the shell instead put
//! their decoding there, and the list's cold load went from 235,604 to
//! 281,255 B, over its 250 KB budget).
//!
//! Each answer is taken once, by the first request for the same method, URL
//! and body. A URL the page does not ask for (the page chose otherwise) is
//! never used: it is aborted and forgotten with the rest when the route's
//! data is cleaned up (the page is left), so an answer never outlives its
//! page view. A prefetch that failed is handed over as it failed, like the
//! request it stands for.

use super::error::{MlflowError, TIMEOUT_SECS};
use super::request::{send_now, Exchange};
use futures::channel::oneshot;
use futures::future::{AbortHandle, Abortable};
use leptos::prelude::on_cleanup;
use std::cell::{Cell, RefCell};

type Answer = Result<Exchange, MlflowError>;

/// One request started ahead and not taken yet: who started it, the
/// request and its answer to come.
struct Started {
    group: u32,
    key: Key,
    answer: oneshot::Receiver<Answer>,
}

thread_local! {
    // A handful at a time (a page's first requests): lists, not maps.
    static STARTED: RefCell<Vec<Started>> = const { RefCell::new(Vec::new()) };
    /// How to stop each group's requests, taken or not.
    static STOPS: RefCell<Vec<(u32, AbortHandle)>> = const { RefCell::new(Vec::new()) };
    static GROUPS: Cell<u32> = const { Cell::new(0) };
}

/// Method (by the body: GET without, POST with), URL and body.
type Key = (String, Option<String>);

/// The requests one route started for its page view; stopped and forgotten
/// when the owner it was made in is cleaned up.
#[derive(Clone, Copy, Debug)]
pub struct Prefetch(u32);

impl Prefetch {
    /// A new group, tied to the current owner's cleanup.
    pub fn new() -> Self {
        let group = GROUPS.with(|g| {
            let next = g.get().wrapping_add(1);
            g.set(next);
            next
        });
        on_cleanup(move || forget(group));
        Self(group)
    }

    /// Starts a GET of `url` now (unless the same is already started);
    /// `then` sees the exchange before it is handed over, to start the
    /// requests that follow from it (a version's run).
    pub fn get(self, url: String, then: impl FnOnce(&Exchange) + 'static) {
        self.send(url, None, then);
    }

    /// [`Prefetch::get`], or a JSON POST of `body` (a GraphQL query), as
    /// `request::send` takes them.
    pub fn send(self, url: String, body: Option<String>, then: impl FnOnce(&Exchange) + 'static) {
        let key = (url, body);
        if STARTED.with(|s| s.borrow().iter().any(|v| v.key == key)) {
            return;
        }
        let (tx, rx) = oneshot::channel();
        let (stop, registration) = AbortHandle::new_pair();
        let (url, body) = key.clone();
        let run = async move {
            let answer = send_now(&url, body, TIMEOUT_SECS).await;
            if let Ok(x) = &answer {
                then(x);
            }
            // Nobody waits any more when the page has gone: nothing to do.
            let _ = tx.send(answer);
        };
        STARTED.with(|s| {
            s.borrow_mut().push(Started {
                group: self.0,
                key,
                answer: rx,
            })
        });
        STOPS.with(|s| s.borrow_mut().push((self.0, stop)));
        leptos::task::spawn_local(async move {
            let _ = Abortable::new(run, registration).await;
        });
    }
}

impl Default for Prefetch {
    fn default() -> Self {
        Self::new()
    }
}

/// The answer to come for a request started ahead, taken (once).
pub(super) fn take(url: &str, body: Option<&str>) -> Option<oneshot::Receiver<Answer>> {
    STARTED.with(|s| {
        let mut s = s.borrow_mut();
        let at = s
            .iter()
            .position(|v| v.key.0 == url && v.key.1.as_deref() == body)?;
        Some(s.swap_remove(at).answer)
    })
}

/// Stops what `group` started, taken or not (the page that took an answer
/// is gone as well), and forgets what nobody took.
fn forget(group: u32) {
    // The first page view is over: what the loader started and nobody
    // took is not needed either.
    super::early::forget();
    STARTED.with(|s| s.borrow_mut().retain(|v| v.group != group));
    let stops: Vec<AbortHandle> = STOPS.with(|s| {
        let mut s = s.borrow_mut();
        let (gone, kept): (Vec<_>, Vec<_>) = s.drain(..).partition(|(g, _)| *g == group);
        *s = kept;
        gone.into_iter().map(|(_, stop)| stop).collect()
    });
    for stop in stops {
        stop.abort();
    }
}
