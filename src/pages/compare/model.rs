//! Signature and Environment, compared: a row per input, output, parameter,
//! Python, MLflow and requirement, marked where they differ like every other
//! section (`mlmodel::signature_pairs`, `model_env::environment_pairs`).

use super::sections::Section;
use crate::compare::text_rows;
use crate::mlflow::model_files::ModelFacts;
use crate::mlmodel::signature_pairs;
use crate::model_env::{environment_pairs, Environment};
use leptos::prelude::*;
use std::rc::Rc;

/// The facts of each compared version (`None` for a version MLflow did not
/// find), or `None` while they load.
pub(super) type FactsColumns = Option<Vec<Option<Rc<ModelFacts>>>>;

#[component]
pub(super) fn ModelSections(
    facts: LocalResource<FactsColumns>,
    versions: Vec<String>,
    base_index: usize,
    only_differences: bool,
) -> impl IntoView {
    move || {
        let Some(columns) = facts.get().flatten() else {
            return view! {
                <section class="compare__section" aria-labelledby="compare-signature-title">
                    <h2 id="compare-signature-title">"Signature and environment"</h2>
                    <p aria-busy="true">"Loading the models' descriptions…"</p>
                </section>
            }
            .into_any();
        };
        let signatures: Vec<Option<Vec<(String, String)>>> = columns
            .iter()
            .map(|f| {
                let (m, _) = f.as_ref()?.mlmodel.as_ref().ok()?;
                match m.signature().ok()? {
                    Some(s) => Some(signature_pairs(&s)),
                    None => Some(vec![("(signature)".into(), "logged without one".into())]),
                }
            })
            .collect();
        // The environment of a version whose description is not known is
        // not known either: its MLflow version is not "different".
        let environments: Vec<Option<Vec<(String, String)>>> = columns
            .iter()
            .map(|f| {
                let f = f.as_ref()?;
                let (model, _) = f.mlmodel.as_ref().ok()?;
                let env = match &f.environment {
                    Some(Ok((env, _))) => env.clone(),
                    _ => Environment {
                        python: model.python_version(),
                        requirements: Vec::new(),
                    },
                };
                let pairs = environment_pairs(&env, model.mlflow_version.as_deref());
                (!pairs.is_empty()).then_some(pairs)
            })
            .collect();
        // Versions whose description or signature could not be read take
        // no part: say why.
        let unknown = columns
            .iter()
            .zip(&versions)
            .filter_map(|(f, v)| {
                let why = match &f.as_ref()?.mlmodel {
                    Err(why) => why.clone(),
                    Ok((m, _)) => format!("{}.", m.signature().err()?),
                };
                Some(view! { <li>{format!("Version {v}: {why}")}</li> })
            })
            .collect::<Vec<_>>();
        let unknown = (!unknown.is_empty())
            .then(|| view! { <ul class="compare__unknown muted">{unknown}</ul> });
        let sig_unknown: Vec<bool> = signatures.iter().map(Option::is_none).collect();
        let env_unknown: Vec<bool> = environments.iter().map(Option::is_none).collect();
        let note = columns
            .iter()
            .flatten()
            .any(|f| !f.readable)
            .then(|| view! {
                <p class="muted compare__note">
                    "Requirements are read from the models' files, which need "<code>"mlflow_root"</code>" in the configuration; without it only Python and MLflow versions are compared."
                </p>
            });
        view! {
            <Section id="compare-signature" title="Signature" rows=text_rows(&signatures, base_index, false) versions=versions.clone() base_index=base_index only_differences=only_differences unknown=sig_unknown absent="not in this version" />
            {unknown}
            <Section id="compare-environment" title="Environment" rows=text_rows(&environments, base_index, false) versions=versions.clone() base_index=base_index only_differences=only_differences unknown=env_unknown absent="not in this version" />
            {note}
        }
        .into_any()
    }
}
