//! `models/:name/compare?versions=1,3`: two to ten versions side by side,
//! differences first, deltas against a baseline, histories on one chart.
//! The rules are in `crate::compare`; this file loads and wires.

mod header;
mod history;
mod model;
mod sections;

use crate::compare::{metric_rows, tallies, CompareState, MAX_COMPARED};
use crate::components::{
    open_from_url, use_deploy_action, AppLink, Breadcrumbs, Crumb, DeployDialogs, Deployments,
    ErrorState, Problem,
};
use crate::context::AppContext;
use crate::links::{compare_href, model_href, models_href};
use crate::metric_direction::Directions;
use crate::mlflow::client::{get_model_version, get_run_cached};
use crate::mlflow::types::{ModelVersion, Run};
use crate::mlflow::MlflowError;
use header::CompareHeader;
use history::CompareHistory;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_params_map};
use model::ModelSections;
use sections::{metric_columns, MetricDirections, Sections};
use std::collections::HashMap;
use std::rc::Rc;

/// One compared version: what MLflow said of it, and of its run.
#[derive(Clone)]
pub(crate) struct Column {
    pub version: String,
    pub found: Result<ModelVersion, MlflowError>,
    /// `None` while loading or when the version has no run.
    pub run: Option<Rc<Result<Run, MlflowError>>>,
}

impl Column {
    /// The version, when MLflow has it.
    pub fn model_version(&self) -> Option<&ModelVersion> {
        self.found.as_ref().ok()
    }

    /// The run, when it loaded.
    pub fn run(&self) -> Option<&Run> {
        self.run.as_deref().and_then(|r| r.as_ref().ok())
    }
}

#[component]
pub fn CompareVersionsPage() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let base = ctx.base.clone();
    let params = use_params_map();
    let location = use_location();
    let navigate = use_navigate();
    let name = Memo::new(move |_| params.read().get("name").unwrap_or_default());
    let state = Memo::new(move |_| CompareState::from_query(&location.search.get()));
    // What the tables are drawn from: the chart's choices (metric, scale)
    // change the chart alone.
    let table_state = Memo::new(move |_| CompareState {
        history: None,
        log: Vec::new(),
        ..state.get()
    });
    let asked = Memo::new(move |_| state.with(|s| s.shown().to_vec()));
    let api = ctx.api();

    // Every version at once; then each distinct run once (session cache).
    let found = {
        let api = api.clone();
        crate::hooks::local_resource(move || {
            let (api, name, versions) = (api.clone(), name.get(), asked.get());
            async move {
                futures::future::join_all(versions.iter().map(|v| {
                    let (api, name) = (api.clone(), name.clone());
                    async move { (v.clone(), get_model_version(&api, &name, v).await) }
                }))
                .await
            }
        })
    };
    // The distinct runs of the versions found; `None` until they are known.
    let run_ids = Memo::new(move |_| {
        found.get().map(|list| {
            let mut ids: Vec<String> = list
                .iter()
                .filter_map(|(_, r)| r.as_ref().ok())
                .filter(|v| !v.run_id.is_empty())
                .map(|v| v.run_id.clone())
                .collect();
            ids.sort();
            ids.dedup();
            ids
        })
    });
    // Each answer carries the runs it was asked for, so the page never
    // draws the versions found with an earlier answer's runs.
    let runs = {
        let api = api.clone();
        crate::hooks::local_resource(move || {
            let (api, ids) = (api.clone(), run_ids.get());
            async move {
                let ids = ids?;
                let got = futures::future::join_all(ids.iter().map(|id| {
                    let api = api.clone();
                    async move { (id.clone(), get_run_cached(&api, id).await) }
                }))
                .await;
                Some((ids, got.into_iter().collect::<HashMap<_, _>>()))
            }
        })
    };
    // Drawn once the versions and their runs have answered: sections and
    // the history's metrics come from the runs, so drawing before them would
    // say "no parameters" and then change under the reader's eyes.
    let build = move || -> Option<Vec<Column>> {
        let list = found.get()?;
        let (asked_runs, runs) = runs.get().flatten()?;
        if run_ids.get().as_ref() != Some(&asked_runs) {
            return None;
        }
        Some(
            list.into_iter()
                .map(|(version, found)| {
                    let run = found
                        .as_ref()
                        .ok()
                        .and_then(|m| runs.get(&m.run_id).cloned());
                    Column {
                        version,
                        found,
                        run,
                    }
                })
                .collect(),
        )
    };

    // What each version's model takes and needs, once versions and runs are in.
    let facts = {
        let (api, root) = (api.clone(), ctx.root());
        crate::hooks::local_resource(move || {
            let (api, root, cols) = (api.clone(), root.clone(), build());
            async move {
                let cols = cols?;
                let got = futures::future::join_all(cols.iter().map(|c| {
                    let (api, root) = (api.clone(), root.clone());
                    async move {
                        let v = c.model_version()?;
                        Some(
                            crate::mlflow::model_files::model_facts(
                                &api,
                                root.as_deref(),
                                v,
                                c.run(),
                            )
                            .await,
                        )
                    }
                }))
                .await;
                Some(got)
            }
        })
    };

    let go = {
        let (base, navigate) = (base.clone(), navigate.clone());
        move |next: CompareState| {
            let href = format!(
                "{}/compare{}",
                model_href(&base, &name.get_untracked()),
                next.to_query()
            );
            navigate(&href, crate::components::app_link::exact(true, false));
        }
    };
    let on_choose = {
        let go = go.clone();
        Callback::new(move |metric: String| {
            go(CompareState {
                history: (!metric.is_empty()).then_some(metric),
                ..state.get_untracked()
            })
        })
    };
    let on_log = {
        let go = go.clone();
        Callback::new(move |on: bool| {
            let s = state.get_untracked();
            if let Some(metric) = s.history.clone() {
                go(CompareState {
                    log: crate::query::toggled(&s.log, &metric, on),
                    ..s
                });
            }
        })
    };
    // Directions the user flipped on any comparison: the browser's memory,
    // under the URL's own choices.
    let remembered = RwSignal::new(stored_directions());
    let on_flip = {
        let go = go.clone();
        Callback::new(move |metric: String| {
            let s = state.get_untracked();
            let next = s
                .directions
                .of(&metric, &remembered.get_untracked())
                .flipped();
            remembered.update(|r| *r = r.with(&metric, next));
            store_directions(&remembered.get_untracked());
            go(CompareState {
                directions: s.directions.with(&metric, next),
                ..s
            });
            refocus_direction(metric);
        })
    };
    let deployments = Deployments::for_page();
    let deploy_action = use_deploy_action(name.into(), deployments);
    open_from_url(deploy_action, None);

    let body = {
        let (base, go) = (base.clone(), go.clone());
        move || {
            let s = table_state.get();
            if s.versions.len() > MAX_COMPARED {
                let first = compare_href(&base, &name.get_untracked(), s.shown());
                return view! {
                    <div class="empty-state" role="alert">
                        <h2>{format!("At most {MAX_COMPARED} versions can be compared")}</h2>
                        <p>{format!("This link names {} versions. Choose fewer on the versions page, or compare the first {MAX_COMPARED}.", s.versions.len())}</p>
                        <p><AppLink href=first>{format!("Compare the first {MAX_COMPARED}")}</AppLink></p>
                    </div>
                }
                .into_any();
            }
            let Some(cols) = build() else {
                return view! { <p aria-busy="true">"Loading the versions…"</p> }.into_any();
            };
            // No permission, a session or workspace gone: one message for
            // the page, not one per column.
            if let Some(e) = cols
                .iter()
                .find_map(|c| c.found.as_ref().err().filter(|e| e.is_access()))
            {
                let e = Problem::from(e.clone()).about_model(&name.get_untracked());
                return view! { <ErrorState error=e on_retry=|_| () /> }.into_any();
            }
            let hint = (cols.len() < 2).then(|| {
                view! {
                    <p class="compare__hint" role="status">
                        {if cols.is_empty() { "No version chosen. " } else { "Only one version to compare. " }}
                        "Select two or more versions on the "
                        <AppLink href=model_href(&base, &name.get_untracked())>"versions page"</AppLink>
                        ", or add one to the link's "<code>"versions"</code>" list."
                    </p>
                }
            });
            let set_base = {
                let go = go.clone();
                Callback::new(move |v: String| {
                    go(CompareState {
                        baseline: Some(v),
                        ..state.get_untracked()
                    });
                })
            };
            let toggle_diff = {
                let go = go.clone();
                move |ev: leptos::ev::Event| {
                    go(CompareState {
                        only_differences: event_target_checked(&ev),
                        ..state.get_untracked()
                    });
                }
            };
            let base_index = s.base_index();
            let directions = {
                let (chosen, remembered) = (s.directions.clone(), remembered.get());
                MetricDirections {
                    of: Callback::new(move |k: String| chosen.of(&k, &remembered)),
                    on_flip,
                }
            };
            let metrics = metric_rows(&metric_columns(&cols), base_index, |k| {
                directions.of.run(k.to_string())
            });
            let tally = tallies(&metrics, base_index, cols.len());
            let cols = Rc::new(cols);
            view! {
                {hint}
                <CompareHeader
                    columns=cols.clone()
                    base_index=base_index
                    tallies=tally
                    on_baseline=set_base
                    deployments=deployments
                    on_deploy=Callback::new(move |v: String| deploy_action.open(v))
                />
                <label class="compare__diff">
                    <input type="checkbox" prop:checked=s.only_differences on:change=toggle_diff />
                    " Only differences"
                </label>
                <Sections
                    columns=cols.clone()
                    metrics=metrics
                    directions=directions
                    base_index=base_index
                    only_differences=s.only_differences
                />
                <CompareHistory
                    columns=cols.clone()
                    api=api.clone()
                    chosen=Signal::derive(move || state.with(|s| s.history.clone().unwrap_or_default()))
                    log=Signal::derive(move || state.with(|s| s.history.as_ref().is_some_and(|h| s.log.contains(h))))
                    on_choose=on_choose
                    on_log=on_log
                />
                <ModelSections
                    facts=facts
                    versions=cols.iter().map(|c| c.version.clone()).collect()
                    base_index=base_index
                    only_differences=s.only_differences
                />
            }
            .into_any()
        }
    };

    view! {
        <Breadcrumbs items=vec![
            Crumb::link("Models", models_href(&base)),
            Crumb::link(name.get_untracked(), model_href(&base, &name.get_untracked())),
            Crumb::current("Compare"),
        ] />
        <div class="page-head">
            <h1>{move || format!("Compare versions of {}", name.get())}</h1>
        </div>
        {body}
        <DeployDialogs action=deploy_action />
    }
}

const DIRECTIONS_KEY: &str = "primehub-models:metric-directions";

/// The directions flipped on earlier comparisons, by metric name.
fn stored_directions() -> Directions {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(DIRECTIONS_KEY).ok().flatten())
        .map(|v| Directions::from_storage(&v))
        .unwrap_or_default()
}

fn store_directions(d: &Directions) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        // Storage can be full or disabled; the URL still carries the choice.
        let _ = storage.set_item(DIRECTIONS_KEY, &d.to_storage());
    }
}

/// The tables are drawn afresh with the new direction: the focus goes back
/// to the flipped metric's button.
fn refocus_direction(metric: String) {
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        let Some(list) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector_all(".compare__direction").ok())
        else {
            return;
        };
        for i in 0..list.length() {
            let el = list
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(el) =
                el.filter(|e| e.get_attribute("data-metric").as_deref() == Some(&metric))
            {
                let _ = el.focus();
                return;
            }
        }
    });
}
