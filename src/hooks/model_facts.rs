//! What a version's model takes and needs, loaded once its run is known.

use super::RunResource;
use crate::mlflow::model_files::{model_facts, ModelFacts};
use crate::mlflow::types::ModelVersion;
use leptos::prelude::*;
use std::rc::Rc;

/// The facts of `version` (`None` while loading). Waits for the version's
/// run, which says where a run-based model's folder is and carries the
/// `mlflow.log-model.history` tag; a run that failed to load leaves only what
/// the files say.
pub fn use_model_facts(
    api: String,
    root: Option<String>,
    version: ModelVersion,
    run: RunResource,
) -> LocalResource<Option<Rc<ModelFacts>>> {
    crate::hooks::local_resource(move || {
        let (api, root, v) = (api.clone(), root.clone(), version.clone());
        let run = run.get();
        async move {
            let run = match run {
                None if !v.run_id.is_empty() => return None,
                None | Some(None) => None,
                Some(Some(r)) => (*r).as_ref().ok().cloned(),
            };
            Some(model_facts(&api, root.as_deref(), &v, run.as_ref()).await)
        }
    })
}
