//! The table of one page of versions, with run parameter and metric columns.

use crate::components::{
    chips, AppLink, CompareWithServing, DeployButton, DeployedBy, DeploymentLinks,
    DeploymentsState, LocalTime, ValueText,
};
use crate::deploy::ModelFacts;
use crate::format::{exact_number, format_number, format_param};
use crate::links::version_href;
use crate::mlflow::types::{aliases_of, ModelVersion, Run, SearchModelVersions, VersionStatus};
use crate::query::VersionListState;
use leptos::prelude::*;

/// Characters of a parameter a cell shows before "Show all".
const PARAM_CELL_CHARS: usize = 60;

/// Runs of the visible page, by run id.
pub use crate::hooks::RunMap;

/// The run of a version, when it has one and MLflow still has it.
pub(super) fn run_of<'a>(runs: &'a Option<RunMap>, v: &ModelVersion) -> Option<&'a Run> {
    runs.as_ref()?
        .get(&v.run_id)
        .and_then(|r| r.as_ref().as_ref().ok())
}

/// A metric's latest value on a run.
pub(super) fn metric_of(run: Option<&Run>, key: &str) -> Option<f64> {
    run?.data
        .metrics
        .iter()
        .find(|m| m.key == key)
        .map(|m| m.value)
}

/// The table of one page of versions.
#[component]
pub fn VersionsTable(
    /// The versions of this page, in order.
    page: SearchModelVersions,
    /// Their runs; `None` while they load.
    runs: Option<RunMap>,
    /// Which parameter and metric columns to show.
    state: VersionListState,
    /// The model's aliases and stages (versions search leaves aliases empty).
    model: ModelFacts,
    /// The router base for links.
    #[prop(into)]
    base: String,
    /// The model's name.
    #[prop(into)]
    name: String,
    /// The Deployed By column's data; the column shows when deployment is
    /// enabled (`None` hides it).
    deployed: Option<(Signal<DeploymentsState>, DeploymentLinks)>,
    /// Versions deployments point at that MLflow does not have (`None`
    /// until known: no "Compare with" before).
    #[prop(optional, into)]
    missing: Signal<Option<Vec<String>>>,
    /// Called with the version whose Deploy was pressed.
    #[prop(into)]
    on_deploy: Callback<String>,
    /// The versions selected for comparing (any page's).
    #[prop(into)]
    selected: Signal<Vec<String>>,
    /// Called with versions to select (`true`) or unselect.
    #[prop(into)]
    on_select: Callback<(Vec<String>, bool)>,
    /// The page's scoped style class.
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let loading_runs = runs.is_none();
    // No Aliases column for a model without aliases (and so on servers
    // before MLflow 2.3, which have none): not a column of dashes.
    let show_aliases = !model.aliases.is_empty();
    let rows = page
        .model_versions
        .iter()
        .map(|v| {
            let run = run_of(&runs, v);
            // A run that could not be read: its cells say "not known" and why,
            // never "-" (not logged).
            let unreadable = runs
                .as_ref()
                .and_then(|m| m.get(&v.run_id))
                .and_then(|r| r.as_ref().as_ref().err())
                .map(|e| e.run_unreadable());
            let not_logged = move || match &unreadable {
                Some(why) => view! { <span title=why.clone()>"not known"</span> }.into_any(),
                None => "-".into_any(),
            };
            let version_aliases = aliases_of(&model.aliases, &v.version);
            let status = match v.status() {
                VersionStatus::Ready => view! { <span>"Ready"</span> }.into_any(),
                s => view! {
                    <span class=format!("status status--{}", s.key())>
                        {s.label().to_string()}
                        <span class=format!("versions__status-message {class}")>{v.status_message.clone()}</span>
                    </span>
                }
                .into_any(),
            };
            let param_cells = state
                .params
                .iter()
                .map(|k| {
                    let value = run
                        .and_then(|r| r.data.params.iter().find(|p| &p.key == k))
                        .map(|p| p.value.clone());
                    match (value, loading_runs) {
                        (Some(v), _) => {
                            let shown = format_param(&v);
                            let exact = (shown != v).then_some(v);
                            view! {
                                <td class="param-cell" title=exact>
                                    <ValueText text=shown name=k.clone() max=PARAM_CELL_CHARS />
                                </td>
                            }
                            .into_any()
                        }
                        (None, true) => view! { <td class="param-cell">"…"</td> }.into_any(),
                        (None, false) => view! { <td class="param-cell">{not_logged()}</td> }.into_any(),
                    }
                })
                .collect_view();
            let metric_cells = state
                .metrics
                .iter()
                .map(|k| match metric_of(run, k) {
                    Some(x) => view! { <td class="num metric-cell" title=exact_number(x)>{format_number(x)}</td> }.into_any(),
                    None if loading_runs => view! { <td class="num metric-cell">"…"</td> }.into_any(),
                    None => view! { <td class="num metric-cell">{not_logged()}</td> }.into_any(),
                })
                .collect_view();
            let version = v.version.clone();
            view! {
                <tr>
                    <td class="versions__select">
                        <input
                            type="checkbox"
                            aria-label=format!("Select version {}", v.version)
                            prop:checked={
                                let v = v.version.clone();
                                move || selected.with(|s| s.contains(&v))
                            }
                            on:change={
                                let v = v.version.clone();
                                move |ev| on_select.run((vec![v.clone()], event_target_checked(&ev)))
                            }
                        />
                    </td>
                    <th scope="row" class="nowrap">
                        <AppLink href=version_href(&base, &name, &v.version)>{format!("Version {}", v.version)}</AppLink>
                    </th>
                    <td><LocalTime ms=v.creation_timestamp /></td>
                    <td>{v.stage_label().to_string()}</td>
                    <td>{status}</td>
                    {show_aliases.then(|| view! { <td>{chips(version_aliases)}</td> })}
                    {deployed.clone().map(|(state, links)| view! {
                        <td class="deployed-by">
                            <DeployedBy state=state links=links model=Signal::stored(model.clone()) version=v.version.clone() />
                        </td>
                    })}
                    {param_cells}
                    {metric_cells}
                    <td>
                        <DeployButton version=version.clone() status=v.status() on_deploy=on_deploy secondary=true />
                        {deployed.clone().map(|(state, _)| view! {
                            <CompareWithServing base=base.clone() state=state model=Signal::stored(model.clone()) version=version compact=true missing=missing />
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let mut headers: Vec<String> = ["Version", "Registered At", "Stage", "Status"]
        .map(String::from)
        .to_vec();
    if show_aliases {
        headers.push("Aliases".into());
    }
    if deployed.is_some() {
        headers.push("Deployed By".into());
    }
    headers.extend(state.params.iter().cloned());
    headers.extend(state.metrics.iter().cloned());
    headers.push("Actions".into());
    let page_versions: Vec<String> = page
        .model_versions
        .iter()
        .map(|v| v.version.clone())
        .collect();
    let all_selected = {
        let page_versions = page_versions.clone();
        move || {
            !page_versions.is_empty()
                && selected.with(|s| page_versions.iter().all(|v| s.contains(v)))
        }
    };
    view! {
        <table class="data-table versions-table">
            <caption class="visually-hidden">"Versions"</caption>
            <thead>
                <tr>
                    <th scope="col" class="versions__select">
                        <input
                            type="checkbox"
                            aria-label="Select every version on this page"
                            prop:checked=all_selected
                            on:change=move |ev| on_select.run((page_versions.clone(), event_target_checked(&ev)))
                        />
                    </th>
                    {headers.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
