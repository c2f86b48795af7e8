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
    crate::hooks::local_resource(move || {
        let (api, id) = (api.clone(), run_id.get());
        async move {
            if id.is_empty() {
                return None;
            }
            Some(get_run_cached(&api, &id).await)
        }
    })
}

/// Runs by id.
pub type RunMap = std::collections::HashMap<String, Rc<Result<Run, MlflowError>>>;

/// The runs `ids` names (`None` while the ids are not known), each fetched
/// once in parallel through the session cache. What it returns is `None`
/// until the runs of the current `ids` have arrived: the answer carries the
/// ids it is for, so a previous page's runs never pass for this page's.
pub fn use_runs(
    api: String,
    ids: Memo<Option<std::collections::BTreeSet<String>>>,
) -> impl Fn() -> Option<RunMap> + Copy {
    let fetched = crate::hooks::local_resource(move || {
        let (api, ids) = (api.clone(), ids.get());
        async move {
            let list = ids.clone().unwrap_or_default();
            let got = futures::future::join_all(list.iter().map(|id| {
                let api = api.clone();
                async move { (id.clone(), get_run_cached(&api, id).await) }
            }))
            .await;
            (ids, got.into_iter().collect::<RunMap>())
        }
    });
    move || {
        let (answered, map) = fetched.get()?;
        (answered.is_some() && answered == ids.get()).then_some(map)
    }
}
