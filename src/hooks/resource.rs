//! `LocalResource` with its fetcher and future behind `dyn`.
//!
//! `LocalResource::new` is generic over the fetcher closure and its future,
//! so every call site got its own copy of Leptos' resource machinery in the
//! wasm (about 2.7 KB each, issue 16). Through [`local_resource`] the copy
//! is made once per output type; the call site's closure and future are
//! reached through a pointer.

use futures::future::{AbortHandle, Abortable, Aborted};
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

type BoxedFuture<T> = Pin<Box<dyn Future<Output = T>>>;
type Fetcher<T> = Box<dyn Fn() -> BoxedFuture<T>>;

/// The same as `LocalResource::new(fetcher)`.
#[track_caller]
pub fn local_resource<T, Fut>(fetcher: impl Fn() -> Fut + 'static) -> LocalResource<T>
where
    T: 'static,
    Fut: Future<Output = T> + 'static,
{
    erased(Box::new(move || Box::pin(fetcher()) as BoxedFuture<T>))
}

#[inline(never)]
#[track_caller]
fn erased<T: 'static>(fetcher: Fetcher<T>) -> LocalResource<T> {
    // False once the owner that made the resource (its page) is cleaned up.
    // Leptos may still call the fetcher after that, from a task queued
    // before: nothing is then started for a page that is gone.
    let live = Arc::new(AtomicBool::new(true));
    {
        let live = Arc::clone(&live);
        on_cleanup(move || live.store(false, Ordering::Relaxed));
    }
    LocalResource::new(move || {
        // Leptos polls a run to its end even once the resource is disposed:
        // the run would read the page's disposed signals and send requests
        // for a page that is gone. This call runs in the resource's own
        // owner, which is cleaned up when the resource is disposed: the run
        // in flight is then dropped where it waits (its fetch aborted, see
        // `mlflow::request`) and the resource never resolves with it.
        let (abort, registration) = AbortHandle::new_pair();
        on_cleanup(move || abort.abort());
        let run = live
            .load(Ordering::Relaxed)
            .then(|| Abortable::new(fetcher(), registration));
        async move {
            match run {
                Some(run) => match run.await {
                    Ok(value) => value,
                    Err(Aborted) => std::future::pending().await,
                },
                None => std::future::pending().await,
            }
        }
    })
}
