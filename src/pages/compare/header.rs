//! The compared versions' own fields, one column per version.

use super::Column;
use crate::components::{
    chips, AppLink, DeployButton, DeployedBy, Deployments, LocalTime, SourceRun,
};
use crate::context::AppContext;
use crate::deploy::ModelFacts;
use crate::format::description_summary;
use crate::links::version_href;
use crate::metric_direction::Tally;
use crate::mlflow::types::Alias;
use crate::mlflow::MlflowError;
use leptos::prelude::*;
use std::rc::Rc;

/// Version, Registered At, Stage, Status, Aliases, Deployed By, Source Run,
/// Description and Deploy, each a row with a cell per version.
#[component]
pub(super) fn CompareHeader(
    columns: Rc<Vec<Column>>,
    base_index: usize,
    /// Per version, its metrics against the baseline's.
    tallies: Vec<Option<Tally>>,
    on_baseline: Callback<String>,
    deployments: Deployments,
    on_deploy: Callback<String>,
) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let (base, ui) = (ctx.base.clone(), ctx.mlflow_ui());
    let name = columns
        .iter()
        .find_map(|c| c.model_version().map(|v| v.name.clone()))
        .unwrap_or_default();
    // What resolves the deployments' URIs: every compared version's aliases.
    let known = ModelFacts {
        name: name.clone(),
        aliases: columns
            .iter()
            .filter_map(Column::model_version)
            .flat_map(|v| {
                v.aliases.iter().map(|a| Alias {
                    alias: a.clone(),
                    version: v.version.clone(),
                })
            })
            .collect(),
        stages: Vec::new(),
    };
    let facts = deployments.facts_of(name, known);
    let heads = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let title = format!("Version {}", c.version);
            let link = match c.model_version() {
                Some(v) => view! { <AppLink href=version_href(&base, &v.name, &v.version)>{title}</AppLink> }.into_any(),
                None => view! { <span>{title}</span> }.into_any(),
            };
            let mark = if i == base_index {
                view! { <span class="compare__baseline">"Baseline"</span> }.into_any()
            } else if c.model_version().is_none() {
                // Nothing to compare against: a version MLflow does not have.
                ().into_any()
            } else {
                let v = c.version.clone();
                view! {
                    <button type="button" class="button button--secondary compare__make-baseline" on:click=move |_| on_baseline.run(v.clone())>
                        "Make baseline"
                        <span class="visually-hidden">{format!(" (version {})", c.version)}</span>
                    </button>
                }
                .into_any()
            };
            view! { <th scope="col" class="compare__version">{link}<br />{mark}</th> }
        })
        .collect_view();
    // One row: `label`, and a cell per version from `cell` (a missing
    // version says so in each of its cells).
    let row = |label: &'static str, cell: &dyn Fn(&Column) -> AnyView| {
        let cells = columns
            .iter()
            .map(|c| match &c.found {
                Ok(_) => view! { <td>{cell(c)}</td> }.into_any(),
                Err(e) if e.is_missing() => view! {
                    <td class="compare__missing">{format!("No version {} in this model", c.version)}</td>
                }
                .into_any(),
                Err(e) => view! { <td class="compare__missing">{format!("Could not be loaded: {e}")}</td> }.into_any(),
            })
            .collect_view();
        view! { <tr><th scope="row">{label}</th>{cells}</tr> }
    };
    let v = |c: &Column| c.model_version().cloned().unwrap_or_default();
    let deployed = deployments.links().map(|links| {
        row("Deployed By", &|c| {
            view! {
                <DeployedBy
                    state=Signal::derive(move || deployments.state())
                    links=links.clone()
                    model=facts
                    version=c.version.clone()
                />
            }
            .into_any()
        })
    });
    let show_aliases = columns
        .iter()
        .any(|c| c.model_version().is_some_and(|v| !v.aliases.is_empty()));
    let against = tallies.iter().any(Option::is_some).then(|| {
        let cells = tallies
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let text = if i == base_index {
                    "Baseline".to_string()
                } else {
                    t.and_then(|t| t.summary())
                        .unwrap_or_else(|| "No metric shared with the baseline".to_string())
                };
                view! { <td class="compare__tally">{text}</td> }
            })
            .collect_view();
        view! { <tr><th scope="row">"Metrics"</th>{cells}</tr> }
    });
    let ui = ui.clone();
    view! {
        <div class="table-frame">
            <table class="data-table compare-table compare-header">
                <caption class="visually-hidden">"The compared versions"</caption>
                <thead><tr><th scope="col">"Field"</th>{heads}</tr></thead>
                <tbody>
                    {row("Registered At", &|c| view! { <LocalTime ms=v(c).creation_timestamp /> }.into_any())}
                    {row("Stage", &|c| v(c).stage_label().to_string().into_any())}
                    {row("Status", &|c| {
                        let s = v(c).status();
                        view! { <span class=format!("status status--{}", s.key())>{s.label().to_string()}</span> }.into_any()
                    })}
                    {show_aliases.then(|| row("Aliases", &|c| chips(v(c).aliases.clone())))}
                    {deployed}
                    {against}
                    {row("Source Run", &|c| {
                        let m = v(c);
                        if m.run_id.is_empty() {
                            return "No run: registered without one".into_any();
                        }
                        match c.run.as_deref() {
                            Some(Err(e)) if e.is_not_found() => format!("Run {} no longer exists", m.run_id).into_any(),
                            Some(Err(MlflowError::PermissionDenied)) => format!("Run {}: in an experiment you may not read", m.run_id).into_any(),
                            _ => {
                                let got = c.run.clone();
                                let run = crate::hooks::local_resource(move || {
                                    let got = got.clone();
                                    async move { got }
                                });
                                view! { <SourceRun run_id=m.run_id.clone() run=run ui=ui.clone() /> }.into_any()
                            }
                        }
                    })}
                    {row("Description", &|c| {
                        let d = description_summary(&v(c).description);
                        if d.is_empty() { "-".into_any() } else { d.into_any() }
                    })}
                    {row("Deploy", &|c| {
                        let m = v(c);
                        view! { <DeployButton version=m.version.clone() status=m.status() on_deploy=on_deploy secondary=true /> }.into_any()
                    })}
                </tbody>
            </table>
        </div>
    }
}
