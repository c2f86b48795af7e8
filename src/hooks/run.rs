//! The source run of a version, through the session's run cache.

use crate::mlflow::client::get_run_cached;
use crate::mlflow::types::Run;
use crate::mlflow::MlflowError;
use leptos::prelude::*;
use std::rc::Rc;

/// A version's source run, fetched again when `run_id` changes; `None` inside
/// when there is no run id (a version registered without a run).
pub type RunResource = LocalResource<Option<Rc<Result<Run, MlflowError>>>>;

/// The run `run_id` names, loaded once per session for every page that asks.
pub fn use_run(api: String, run_id: Signal<String>) -> RunResource {
    LocalResource::new(move || {
        let (api, id) = (api.clone(), run_id.get());
        async move {
            if id.is_empty() {
                return None;
            }
            Some(get_run_cached(&api, &id).await)
        }
    })
}
