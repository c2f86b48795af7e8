//! `LocalResource` with its fetcher and future behind `dyn`.
//!
//! `LocalResource::new` is generic over the fetcher closure and its future,
//! so every call site got its own copy of Leptos' resource machinery in the
//! wasm (about 2.7 KB each, issue 16). Through [`local_resource`] the copy
//! is made once per output type; the call site's closure and future are
//! reached through a pointer.

use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;

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
    LocalResource::new(fetcher)
}
