//! What a version's model takes and needs, loaded once its run is known.

use super::RunResource;
use crate::mlflow::model_files::{model_facts, ModelFacts};
use crate::mlflow::types::ModelVersion;
use leptos::prelude::*;
use std::rc::Rc;

/// The facts of `version` (`None` while loading). Waits for the version's
/// own run, which says where a run-based model's folder is and carries the
/// `mlflow.log-model.history` tag (a run that failed to load leaves only what
/// the files say). The run resource may still hold its value from before
/// the run id was known (no run): that is waited out, so the facts are
/// worked out once.
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
            let has_run = !v.run_id.is_empty();
            let run = match run {
                None => return None,
                Some(None) if has_run => return None,
                Some(None) => None,
                Some(Some(r)) => match r.as_ref() {
                    Ok(run) if run.info.run_id != v.run_id && run.info.run_uuid != v.run_id => {
                        return None
                    }
                    Ok(run) => Some(run.clone()),
                    Err(_) => None,
                },
            };
            Some(model_facts(&api, root.as_deref(), &v, run.as_ref()).await)
        }
    })
}
