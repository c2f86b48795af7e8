//! `models/:name`: a model, its versions and their runs side by side; the
//! page and its wiring here, its table, trend, columns and header beside it.

mod columns;
mod header;
mod select;
mod table;
mod trend;

use columns::{store_columns, stored_columns, ColumnsForm};
use header::model_header;
use select::{use_selection, Selection, SelectionBar};
pub use table::{RunMap, VersionsTable};
use trend::VersionsTrend;

use crate::components::app_link::exact;
use crate::components::{
    open_from_url, use_deploy_action, AppLink, Breadcrumbs, Crumb, DanglingNote, DeployDialogs,
    Deployments, ErrorState, MlflowUiButton, Modal, Pager, Problem, TableSkeleton,
};
use crate::context::AppContext;
use crate::deploy::ModelFacts;
use crate::hooks::{use_runs, use_token_paging, Loaded, TokenPaging};
use crate::links::{model_href, models_href};
use crate::mlflow::client::{
    get_registered_model, search_model_versions, VersionOrder, VersionSearch,
};
use crate::mlflow::url::encode_component;
use crate::query::{page_position, toggled, VersionListState, PAGE_SIZES};
use leptos::ev;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_params_map};
use std::collections::BTreeSet;
use stylers_macro::style;

/// `models/:name`: one registered model and its versions, their runs'
/// parameters and metrics side by side.
#[component]
pub fn ModelVersionsPage() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let base = ctx.base.clone();
    let params = use_params_map();
    let location = use_location();
    let navigate = use_navigate();
    // The router decodes the path segment once; that is the exact name.
    let name = Memo::new(move |_| params.read().get("name").unwrap_or_default());
    let state = Memo::new(move |_| {
        let s = VersionListState::from_query(&location.search.get());
        if s.columns_in_url {
            return s;
        }
        match stored_columns(&name.get()) {
            Some(c) => s.with_stored_columns(&c),
            None => s,
        }
    });
    let paging = Memo::new(move |_| state.with(|s| s.search(name.get())));

    let api = ctx.api();
    let model = {
        let api = api.clone();
        crate::hooks::local_resource(move || {
            let api = api.clone();
            let name = name.get();
            async move { get_registered_model(&api, &name).await }
        })
    };
    let answered = {
        let api = api.clone();
        crate::hooks::local_resource(move || {
            let api = api.clone();
            let search = paging.get();
            // The page number travels with its rows, so the position shown
            // never mixes a new page number with the previous page's rows;
            // so does the request, so a stale page shows as one.
            let page_no = state.with_untracked(|s| s.page);
            async move {
                let result = search_model_versions(&api, &search).await;
                (search, page_no, result)
            }
        })
    };
    let versions = move || answered.get().map(|(_, page_no, r)| (page_no, r));
    let refetching = move || {
        answered
            .get()
            .is_some_and(|(asked, _, _)| asked != paging.get())
    };
    // The distinct runs of the visible page; `None` until its versions are known.
    let page_runs = Memo::new(move |_| {
        versions().and_then(|(_, r)| r.ok()).map(|p| {
            p.model_versions
                .iter()
                .filter(|v| !v.run_id.is_empty())
                .map(|v| v.run_id.clone())
                .collect::<BTreeSet<String>>()
        })
    });
    let runs = use_runs(api.clone(), page_runs);

    let go = {
        let base = base.clone();
        let navigate = navigate.clone();
        move |next: VersionListState| {
            let href = format!(
                "{}{}",
                model_href(&base, &name.get_untracked()),
                next.to_query()
            );
            navigate(&href, exact(false, false));
        }
    };

    // The selection lives in the URL; the table is drawn from the rest of
    // the state, so ticking a box keeps the table (and the focus) as it is.
    let view_state = Memo::new(move |_| VersionListState {
        select: Vec::new(),
        ..state.get()
    });
    let Selection {
        selected,
        on_select,
        on_clear,
    } = use_selection(state, name, base.clone());

    let on_order = {
        let go = go.clone();
        move |ev: ev::Event| {
            let order = VersionOrder::from_key(&event_target_value(&ev)).unwrap_or_default();
            go(VersionListState {
                order,
                ..state.get_untracked().first_page()
            });
        }
    };
    let on_size = {
        let go = go.clone();
        move |ev: ev::Event| {
            let size = event_target_value(&ev).parse().unwrap_or(PAGE_SIZES[0]);
            go(VersionListState {
                size,
                ..state.get_untracked().first_page()
            });
        }
    };
    let on_trend = {
        let go = go.clone();
        move |ev: ev::Event| {
            let v = event_target_value(&ev);
            go(VersionListState {
                trend: (!v.is_empty()).then_some(v),
                columns_in_url: true,
                ..state.get_untracked()
            });
        }
    };
    let on_log = {
        let go = go.clone();
        Callback::new(move |on: bool| {
            let s = state.get_untracked();
            if let Some(metric) = s.trend_metric() {
                go(VersionListState {
                    log: toggled(&s.log, &metric, on),
                    columns_in_url: true,
                    ..s
                });
            }
        })
    };
    let TokenPaging {
        on_next,
        on_previous,
    } = use_token_paging(
        move || {
            // Only a current answer: a click while another page or sort
            // loads must not follow the previous answer's token.
            let current = answered
                .get()
                .filter(|(asked, _, _)| *asked == paging.get());
            current.and_then(|(_, page, r)| {
                let p = r.ok()?;
                Some(Loaded {
                    page,
                    token: state.with_untracked(|s| s.token.clone()),
                    next: p.next_page_token,
                    rows: p.model_versions.len(),
                })
            })
        },
        move || {
            let p = paging.get_untracked();
            format!("{}\u{0}{}\u{0}{}", p.name, p.order.key(), p.max_results)
        },
        {
            let api = api.clone();
            move |token: Option<String>| {
                let search = VersionSearch {
                    page_token: token,
                    ..paging.get_untracked()
                };
                let api = api.clone();
                async move {
                    search_model_versions(&api, &search)
                        .await
                        .ok()
                        .and_then(|p| p.next_page_token)
                }
            }
        },
        {
            let go = go.clone();
            move |page, token| {
                go(VersionListState {
                    page,
                    token,
                    ..state.get_untracked()
                })
            }
        },
    );

    let columns_open = RwSignal::new(false);
    let apply_columns = {
        let go = go.clone();
        Callback::new(move |(params, metrics): (Vec<String>, Vec<String>)| {
            let s = state.get_untracked();
            let mut next = VersionListState {
                params,
                metrics,
                columns_in_url: true,
                ..s
            };
            next.trend = next.trend_metric();
            store_columns(&name.get_untracked(), &next.columns_to_storage());
            columns_open.set(false);
            go(next);
        })
    };

    let deployments = Deployments::for_page();
    let deploy_action = use_deploy_action(name.into(), deployments);
    open_from_url(deploy_action, None);
    let on_deploy = Callback::new(move |v: String| deploy_action.open(v));
    // Deployments of this model whose URI leads to no servable version.
    let found = deployments.dangling(Signal::derive(move || {
        model
            .get()
            .and_then(Result::ok)
            .map(|m| vec![(ModelFacts::of_model(&m), true)])
            .unwrap_or_default()
    }));
    let missing = Signal::derive(move || found.get().map(|g| crate::deploy::missing_versions(&g)));
    // The versions live deployments serve now, for the trend chart's marks.
    let served = Signal::derive(move || {
        let Some(Ok(m)) = model.get() else {
            return Vec::new();
        };
        let facts = ModelFacts::of_model(&m);
        deployments.state().list().map_or_else(Vec::new, |l| {
            let gone = missing.get().unwrap_or_default();
            crate::deploy::served_baselines(l, &facts, None)
                .into_iter()
                .filter(|b| !gone.contains(&b.version))
                .map(|b| (b.version, b.deployments.join(", ")))
                .collect()
        })
    });
    let dangling = deployments.links().map(|links| {
        view! { <DanglingNote dangling=Signal::derive(move || found.get().unwrap_or_default()) links=links /> }
    });

    let class = style! {
        .versions__header {
            margin-bottom: 1rem;
        }
        .versions__status-message {
            display: block;
            font-size: 0.85rem;
        }
    };

    let models = models_href(&base);
    let header = {
        let models = models.clone();
        move || match model.get() {
            None => view! { <p aria-busy="true">"Loading…"</p> }.into_any(),
            Some(Err(e)) if e.is_not_found() => view! {
                <div class="empty-state" role="alert">
                    <h2>{format!("No model named \"{}\"", name.get_untracked())}</h2>
                    <p>
                        <AppLink href=models.clone()>"Back to Models"</AppLink>
                    </p>
                </div>
            }
            .into_any(),
            Some(Err(e)) => {
                let e = Problem::from(e).about_model(&name.get_untracked());
                view! { <ErrorState error=e on_retry=move |_| model.refetch() /> }.into_any()
            }
            Some(Ok(m)) => model_header(&m, class).into_any(),
        }
    };

    let table = {
        let base = base.clone();
        move || {
            // The model's own errors are shown by the header; its aliases
            // decide the table's columns, so no row is drawn before it has
            // answered (the two requests run in parallel).
            let model_known = match model.get() {
                Some(Err(_)) => return ().into_any(),
                known => known.is_some(),
            };
            match versions().filter(|_| model_known).map(|(page_no, r)| r.map(|p| (page_no, p))) {
                None => view! { <TableSkeleton headers=vec!["Version", "Registered At", "Stage", "Status"] /> }.into_any(),
                Some(Err(e)) => view! { <ErrorState error=e on_retry=move |_| answered.refetch() /> }.into_any(),
                Some(Ok((1, p))) if p.model_versions.is_empty() => view! {
                    <div class="empty-state">
                        <h2>"No versions yet"</h2>
                        <p>"Register a version of this model in MLflow and it appears here."</p>
                    </div>
                }
                .into_any(),
                Some(Ok((_, p))) if p.model_versions.is_empty() => view! {
                    <p class="empty-state">"There are no more versions."</p>
                    <Pager position="" has_previous=true has_next=false on_previous=on_previous on_next=on_next />
                }
                .into_any(),
                Some(Ok((page_no, p))) => {
                    let s = view_state.get();
                    let facts = model
                        .get()
                        .and_then(Result::ok)
                        .map(|m| ModelFacts::of_model(&m))
                        .unwrap_or_default();
                    let deployed = deployments
                        .links()
                        .map(|l| (Signal::derive(move || deployments.state()), l));
                    let run_map = runs();
                    view! {
                        <VersionsTrend page=p.clone() runs=run_map.clone() state=s.clone() on_trend=on_trend.clone() on_log=on_log served=served />
                        <div class="table-frame">
                            <VersionsTable
                                page=p.clone()
                                runs=run_map
                                state=s.clone()
                                model=facts
                                base=base.clone()
                                name=name.get_untracked()
                                deployed=deployed
                                missing=missing
                                on_deploy=on_deploy
                                selected=selected
                                on_select=on_select
                                class=class
                            />
                        </div>
                        <Pager
                            position=page_position(s.size, page_no, p.model_versions.len())
                            has_previous={page_no > 1}
                            has_next={p.next_page_token.is_some() && !p.model_versions.is_empty()}
                            on_previous=on_previous
                            on_next=on_next
                        />
                    }
                    .into_any()
                }
            }
        }
    };

    // `None` while the page's runs load: the dialog says so, then offers them.
    let available = Signal::derive(move || {
        let map = runs()?;
        let mut params = BTreeSet::new();
        let mut metrics = BTreeSet::new();
        for run in map.values() {
            if let Ok(r) = run.as_ref() {
                params.extend(r.data.params.iter().map(|p| p.key.clone()));
                metrics.extend(r.data.metrics.iter().map(|m| m.key.clone()));
            }
        }
        Some((params, metrics))
    });

    view! {
        <Breadcrumbs items=vec![Crumb::link("Models", models.clone()), Crumb::current(name.get_untracked())] />
        <div class="page-head">
            <h1 class="page-head__name">{move || name.get()}</h1>
            <MlflowUiButton fragment=format!("models/{}", encode_component(&name.get_untracked())) />
        </div>
        {header}
        {dangling}
        <div class="toolbar" hidden=move || matches!(model.get(), Some(Err(_)))>
            <button type="button" class="button button--secondary" on:click=move |_| columns_open.set(true)>
                "Columns"
            </button>
            <label>
                "Sort "
                <select on:change=on_order prop:value=move || state.get().order.key()>
                    {VersionOrder::ALL
                        .map(|o| view! { <option value=o.key() selected=move || state.get().order == o>{o.label()}</option> })
                        .collect_view()}
                </select>
            </label>
            <label>
                "Rows per page "
                <select on:change=on_size prop:value=move || state.get().size.to_string()>
                    {PAGE_SIZES
                        .map(|n| view! { <option value=n.to_string() selected=move || state.get().size == n>{n}</option> })
                        .collect_view()}
                </select>
            </label>
            <SelectionBar name=name selected=selected on_clear=on_clear />
        </div>
        <p class="visually-hidden" role="status" aria-live="polite">
            {move || if refetching() { "Loading versions…" } else { "" }}
        </p>
        <div class="refetchable" aria-busy=move || refetching().to_string()>{table}</div>
        <Modal open=columns_open title="Columns">
            <ColumnsForm
                available=available
                chosen=(state.get_untracked().params, state.get_untracked().metrics)
                on_apply=apply_columns
                on_cancel=move |_| columns_open.set(false)
            />
        </Modal>
        <DeployDialogs action=deploy_action />
    }
}
