//! A task that belongs to the page that started it.

use futures::future::{AbortHandle, Abortable};
use leptos::prelude::*;
use std::future::Future;

/// One background task at a time, owned by the reactive owner this was
/// made in (a page): starting a task stops the one before it (a second
/// click supersedes the first), and leaving the page or cleaning the owner
/// up stops the last one (a walk answered while the user leaves never
/// takes them back). A stopped task is dropped where it waits and never polled again,
/// so it touches nothing of a page that is gone and its requests are
/// aborted (`mlflow::request` aborts a fetch whose future is dropped).
#[derive(Clone, Copy)]
pub struct OwnedTask(StoredValue<Option<AbortHandle>>);

impl OwnedTask {
    /// A slot for tasks, stopped when the current owner is cleaned up or
    /// its page starts being left.
    pub fn new() -> Self {
        let slot = StoredValue::new(None::<AbortHandle>);
        let stop = move || {
            if let Some(Some(running)) = slot.try_update_value(Option::take) {
                running.abort();
            }
        };
        super::on_leaving(stop);
        on_cleanup(stop);
        Self(slot)
    }

    /// Runs `task` in place of the one running, if any. Does nothing once
    /// the owner is gone.
    pub fn spawn(&self, task: impl Future<Output = ()> + 'static) {
        let (abort, registration) = AbortHandle::new_pair();
        match self.0.try_update_value(|slot| slot.replace(abort)) {
            None => return,
            Some(Some(before)) => before.abort(),
            Some(None) => {}
        }
        leptos::task::spawn_local(async move {
            // Err(Aborted): stopped, nothing to do.
            let _ = Abortable::new(task, registration).await;
        });
    }
}

impl Default for OwnedTask {
    fn default() -> Self {
        Self::new()
    }
}
