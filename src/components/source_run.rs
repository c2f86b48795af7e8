//! A version's source run: "Run <name>", linked into MLflow's UI when that
//! is configured and the run (so its experiment) is known.

use crate::hooks::RunResource;
use crate::links::{run_href, MlflowUi};
use crate::mlflow::types::Run;
use crate::mlflow::MlflowError;
use leptos::prelude::*;

/// The label of run `run_id` and its experiment id (empty while the run is
/// unknown): its name when it has one, else its id.
pub fn run_label(run_id: &str, run: Option<&Result<Run, MlflowError>>) -> (String, String) {
    match run {
        Some(Ok(r)) if !r.info.run_name.is_empty() => (
            format!("Run {}", r.info.run_name),
            r.info.experiment_id.clone(),
        ),
        Some(Ok(r)) => (format!("Run {run_id}"), r.info.experiment_id.clone()),
        _ => (format!("Run {run_id}"), String::new()),
    }
}

/// The Source Run field's value; `-` for a version registered without a run.
#[component]
pub fn SourceRun(run_id: String, run: RunResource, ui: Option<MlflowUi>) -> impl IntoView {
    move || {
        if run_id.is_empty() {
            return view! { <span>"-"</span> }.into_any();
        }
        let got = run.get().flatten();
        let (label, experiment) = run_label(&run_id, got.as_deref());
        match run_href(ui.as_ref(), &experiment, &run_id) {
            Some(href) => view! {
                <a class="source-run" href=href target="_blank" rel="noopener noreferrer">{label}</a>
            }
            .into_any(),
            None => view! { <span class="source-run">{label}</span> }.into_any(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mlflow::types::RunInfo;

    #[test]
    fn a_run_is_named_by_its_name_else_its_id() {
        let run = |name: &str| Run {
            info: RunInfo {
                run_name: name.into(),
                experiment_id: "7".into(),
                ..Default::default()
            },
            ..Default::default()
        };
        assert_eq!(
            run_label("r1", Some(&Ok(run("train-2")))),
            ("Run train-2".into(), "7".into())
        );
        assert_eq!(
            run_label("r1", Some(&Ok(run("")))),
            ("Run r1".into(), "7".into())
        );
        assert_eq!(run_label("r1", None), ("Run r1".into(), String::new()));
        assert_eq!(
            run_label("r1", Some(&Err(MlflowError::Timeout { secs: 10 }))),
            ("Run r1".into(), String::new())
        );
    }
}
