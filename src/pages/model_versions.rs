use crate::components::app_link::exact;
use crate::components::{
    chips, open_from_url, use_deploy_action, AppLink, Breadcrumbs, Crumb, DeployDialogs,
    DeployedBy, DeploymentLinks, Deployments, DeploymentsState, ErrorState, LocalTime, Markdown,
    MetricTrend, MlflowUiButton, Modal, Pager, TableSkeleton,
};
use crate::context::AppContext;
use crate::deploy::ModelFacts;
use crate::format::format_metric;
use crate::hooks::{use_token_paging, Loaded, TokenPaging};
use crate::links::{model_href, models_href, version_href};
use crate::mlflow::client::{
    get_registered_model, get_run_cached, search_model_versions, VersionOrder, VersionSearch,
};
use crate::mlflow::types::{
    user_tags, Alias, KeyValue, ModelVersion, RegisteredModel, Run, SearchModelVersions,
    VersionStatus,
};
use crate::mlflow::url::encode_component;
use crate::mlflow::MlflowError;
use crate::query::{page_position, VersionListState, PAGE_SIZES};
use leptos::ev;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_params_map};
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;
use stylers_macro::style;

/// Runs of the visible page, by run id.
pub type RunMap = HashMap<String, Rc<Result<Run, MlflowError>>>;

const STORAGE_PREFIX: &str = "primehub-models:columns:";

fn stored_columns(name: &str) -> Option<String> {
    let storage = web_sys::window()?.local_storage().ok()??;
    storage
        .get_item(&format!("{STORAGE_PREFIX}{name}"))
        .ok()
        .flatten()
}

fn store_columns(name: &str, value: &str) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        // Storage can be full or disabled; the URL still carries the choice.
        let _ = storage.set_item(&format!("{STORAGE_PREFIX}{name}"), value);
    }
}

fn version_sort_label(o: VersionOrder) -> &'static str {
    match o {
        VersionOrder::NewestFirst => "Newest version first",
        VersionOrder::OldestFirst => "Oldest version first",
        VersionOrder::RegisteredDesc => "Registered, newest first",
        VersionOrder::RegisteredAsc => "Registered, oldest first",
    }
}

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
    let paging = Memo::new(move |_| {
        let s = state.get();
        VersionSearch {
            name: name.get(),
            order: s.order,
            max_results: s.size,
            page_token: s.token.clone(),
        }
    });

    let api = ctx.api();
    let model = {
        let api = api.clone();
        LocalResource::new(move || {
            let api = api.clone();
            let name = name.get();
            async move { get_registered_model(&api, &name).await }
        })
    };
    let versions = {
        let api = api.clone();
        LocalResource::new(move || {
            let api = api.clone();
            let search = paging.get();
            // The page number travels with its rows, so the position shown
            // never mixes a new page number with the previous page's rows.
            let page_no = state.with_untracked(|s| s.page);
            async move { (page_no, search_model_versions(&api, &search).await) }
        })
    };
    // Each distinct run of the visible page, once, in parallel; cached for the session.
    let runs = {
        let api = api.clone();
        LocalResource::new(move || {
            let api = api.clone();
            let ids: BTreeSet<String> = versions
                .get()
                .and_then(|(_, r)| r.ok())
                .map(|p| {
                    p.model_versions
                        .iter()
                        .filter(|v| !v.run_id.is_empty())
                        .map(|v| v.run_id.clone())
                        .collect()
                })
                .unwrap_or_default();
            async move {
                let fetched = futures::future::join_all(ids.iter().map(|id| {
                    let api = api.clone();
                    async move { (id.clone(), get_run_cached(&api, id).await) }
                }))
                .await;
                fetched.into_iter().collect::<RunMap>()
            }
        })
    };

    let go = {
        let base = base.clone();
        move |next: VersionListState| {
            let href = format!(
                "{}{}",
                model_href(&base, &name.get_untracked()),
                next.to_query()
            );
            navigate(&href, exact(false, false));
        }
    };

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
    let TokenPaging {
        on_next,
        on_previous,
    } = use_token_paging(
        move || {
            versions.get().and_then(|(page, r)| {
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
            let next = VersionListState {
                trend: s
                    .trend
                    .clone()
                    .filter(|t| metrics.contains(t))
                    .or_else(|| metrics.first().cloned()),
                params,
                metrics,
                columns_in_url: true,
                ..s
            };
            store_columns(&name.get_untracked(), &next.columns_to_storage());
            columns_open.set(false);
            go(next);
        })
    };

    let deployments = Deployments::for_page();
    let deploy_action = use_deploy_action(name.into(), deployments);
    open_from_url(deploy_action, None);
    let on_deploy = Callback::new(move |v: String| deploy_action.open(v));

    let class = style! {
        .versions__header {
            margin-bottom: 1rem;
        }
        .versions__table-wrap {
            overflow-x: auto;
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
                view! { <ErrorState error=e on_retry=move |_| model.refetch() /> }.into_any()
            }
            Some(Ok(m)) => model_header(&m, class).into_any(),
        }
    };

    let table = {
        let base = base.clone();
        move || {
            // The model's own errors are shown by the header.
            if matches!(model.get(), Some(Err(_))) {
                return ().into_any();
            }
            match versions.get().map(|(page_no, r)| r.map(|p| (page_no, p))) {
                None => view! { <TableSkeleton headers=vec!["Version", "Registered At", "Stage", "Status"] /> }.into_any(),
                Some(Err(e)) => view! { <ErrorState error=e on_retry=move |_| versions.refetch() /> }.into_any(),
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
                    let s = state.get();
                    let facts = model
                        .get()
                        .and_then(Result::ok)
                        .map(|m| ModelFacts::of_model(&m))
                        .unwrap_or_default();
                    let deployed = deployments
                        .links()
                        .map(|l| (Signal::derive(move || deployments.state()), l));
                    let run_map = runs.get();
                    view! {
                        <VersionsTrend page=p.clone() runs=run_map.clone() state=s.clone() on_trend=on_trend.clone() />
                        <div class=format!("versions__table-wrap {class}")>
                            <VersionsTable
                                page=p.clone()
                                runs=run_map
                                state=s.clone()
                                model=facts
                                base=base.clone()
                                name=name.get_untracked()
                                deployed=deployed
                                on_deploy=on_deploy
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

    let available = Signal::derive(move || {
        let mut params = BTreeSet::new();
        let mut metrics = BTreeSet::new();
        if let Some(map) = runs.get() {
            for run in map.values() {
                if let Ok(r) = run.as_ref() {
                    params.extend(r.data.params.iter().map(|p| p.key.clone()));
                    metrics.extend(r.data.metrics.iter().map(|m| m.key.clone()));
                }
            }
        }
        (params, metrics)
    });

    view! {
        <Breadcrumbs items=vec![Crumb::link("Models", models.clone()), Crumb::current(name.get_untracked())] />
        <div class="page-head">
            <h1 class="page-head__name">{move || name.get()}</h1>
            <MlflowUiButton fragment=format!("models/{}", encode_component(&name.get_untracked())) />
        </div>
        {header}
        <div class="toolbar" hidden=move || matches!(model.get(), Some(Err(_)))>
            <button type="button" class="button button--secondary" on:click=move |_| columns_open.set(true)>
                "Columns"
            </button>
            <label>
                "Sort "
                <select on:change=on_order prop:value=move || state.get().order.key()>
                    {VersionOrder::ALL
                        .map(|o| view! { <option value=o.key() selected=move || state.get().order == o>{version_sort_label(o)}</option> })
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
        </div>
        {table}
        <Modal open=columns_open title="Columns">
            <ColumnsForm
                available=available.get_untracked()
                chosen=(state.get_untracked().params, state.get_untracked().metrics)
                on_apply=apply_columns
                on_cancel=move |_| columns_open.set(false)
            />
        </Modal>
        <DeployDialogs action=deploy_action />
    }
}

/// Created, Last Modified, Description (markdown), tags and aliases.
fn model_header(m: &RegisteredModel, class: &'static str) -> impl IntoView {
    let tags: Vec<String> = user_tags(&m.tags).map(KeyValue::label).collect();
    let aliases: Vec<String> = m.aliases.iter().map(Alias::label).collect();
    view! {
        <dl class=format!("field-list versions__header {class}")>
            <dt>"Created"</dt>
            <dd><LocalTime ms=m.creation_timestamp /></dd>
            <dt>"Last Modified"</dt>
            <dd><LocalTime ms=m.last_updated_timestamp /></dd>
            <dt>"Description"</dt>
            <dd class="model-description"><Markdown source=m.description.clone() /></dd>
            <dt>"Tags"</dt>
            <dd class="model-tags">{chips(tags)}</dd>
            {(!aliases.is_empty()).then(|| view! {
                <dt>"Aliases"</dt>
                <dd class="model-aliases">{chips(aliases)}</dd>
            })}
        </dl>
    }
}

/// The run of a version, when it has one and MLflow still has it.
fn run_of<'a>(runs: &'a Option<RunMap>, v: &ModelVersion) -> Option<&'a Run> {
    runs.as_ref()?
        .get(&v.run_id)
        .and_then(|r| r.as_ref().as_ref().ok())
}

/// A metric's latest value on a run.
fn metric_of(run: Option<&Run>, key: &str) -> Option<f64> {
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
    /// Called with the version whose Deploy was pressed.
    #[prop(into)]
    on_deploy: Callback<String>,
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
            let version_aliases: Vec<String> = model
                .aliases
                .iter()
                .filter(|a| a.version == v.version)
                .map(|a| a.alias.clone())
                .collect();
            let status = match v.status() {
                VersionStatus::Ready => view! { <span>"Ready"</span> }.into_any(),
                s => view! {
                    <span class="status--bad">
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
                    let text = match (value, loading_runs) {
                        (Some(v), _) => v,
                        (None, true) => "…".to_string(),
                        (None, false) => "-".to_string(),
                    };
                    view! { <td class="param-cell">{text}</td> }
                })
                .collect_view();
            let metric_cells = state
                .metrics
                .iter()
                .map(|k| match metric_of(run, k) {
                    Some(x) => view! { <td class="num metric-cell" title=x.to_string()>{format_metric(x)}</td> }.into_any(),
                    None => view! { <td class="num metric-cell">{if loading_runs { "…" } else { "-" }}</td> }.into_any(),
                })
                .collect_view();
            let version = v.version.clone();
            view! {
                <tr>
                    <th scope="row">
                        <AppLink href=version_href(&base, &name, &v.version)>{format!("Version {}", v.version)}</AppLink>
                    </th>
                    <td><LocalTime ms=v.creation_timestamp /></td>
                    <td>{v.current_stage.clone()}</td>
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
                        <button type="button" class="button button--secondary" on:click=move |_| on_deploy.run(version.clone())>
                            "Deploy"
                        </button>
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
    view! {
        <table class="data-table versions-table">
            <caption class="visually-hidden">"Versions"</caption>
            <thead>
                <tr>{headers.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// The chosen metric across the page's versions, oldest version first.
#[component]
fn VersionsTrend(
    page: SearchModelVersions,
    runs: Option<RunMap>,
    state: VersionListState,
    on_trend: impl Fn(ev::Event) + Clone + 'static,
) -> impl IntoView {
    let metrics = state.metrics.clone();
    let Some(metric) = state
        .trend
        .clone()
        .filter(|t| metrics.contains(t))
        .or_else(|| metrics.first().cloned())
    else {
        return ().into_any();
    };
    let mut points: Vec<(String, f64)> = page
        .model_versions
        .iter()
        .filter_map(|v| metric_of(run_of(&runs, v), &metric).map(|x| (v.version.clone(), x)))
        .collect();
    points.sort_by_key(|(v, _)| v.parse::<u64>().unwrap_or(0));
    let chosen = metric.clone();
    view! {
        <section class="versions-trend" aria-label="Metric trend">
            <label>
                "Trend of "
                <select on:change=on_trend>
                    {metrics
                        .into_iter()
                        .map(|m| {
                            let selected = m == chosen;
                            view! { <option value=m.clone() selected=selected>{m.clone()}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
            <MetricTrend metric=metric points=points />
        </section>
    }
    .into_any()
}

/// The Columns dialog's form: parameter and metric keys of the page's runs.
#[component]
fn ColumnsForm(
    /// Keys the page's runs have: (params, metrics).
    available: (BTreeSet<String>, BTreeSet<String>),
    /// Keys shown now.
    chosen: (Vec<String>, Vec<String>),
    on_apply: Callback<(Vec<String>, Vec<String>)>,
    #[prop(into)] on_cancel: Callback<()>,
) -> impl IntoView {
    let (mut all_params, mut all_metrics) = available;
    // Keys chosen earlier stay offered, even when this page's runs lack them.
    all_params.extend(chosen.0.iter().cloned());
    all_metrics.extend(chosen.1.iter().cloned());
    let params = RwSignal::new(chosen.0);
    let metrics = RwSignal::new(chosen.1);
    let group = move |legend: &'static str,
                      keys: BTreeSet<String>,
                      picked: RwSignal<Vec<String>>| {
        if keys.is_empty() {
            let empty = format!("The runs of this page logged no {}.", legend.to_lowercase());
            return view! { <fieldset class="columns__group"><legend>{legend}</legend><p class="muted">{empty}</p></fieldset> }.into_any();
        }
        view! {
            <fieldset class="columns__group">
                <legend>{legend}</legend>
                {keys
                    .into_iter()
                    .map(|k| {
                        let key = k.clone();
                        let checked = picked.get_untracked().contains(&k);
                        view! {
                            <label class="columns__option">
                                <input
                                    type="checkbox"
                                    checked=checked
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        picked.update(|list| {
                                            list.retain(|x| x != &key);
                                            if on {
                                                list.push(key.clone());
                                            }
                                        });
                                    }
                                />
                                " "
                                {k}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
        }
        .into_any()
    };
    view! {
        <form
            class="columns"
            method="dialog"
            on:submit=move |ev| {
                ev.prevent_default();
                on_apply.run((params.get_untracked(), metrics.get_untracked()));
            }
        >
            {group("Parameters", all_params, params)}
            {group("Metrics", all_metrics, metrics)}
            <div class="modal__actions">
                <button type="button" class="button button--secondary" on:click=move |_| on_cancel.run(())>
                    "Cancel"
                </button>
                <button type="submit" class="button">"Apply"</button>
            </div>
        </form>
    }
}
