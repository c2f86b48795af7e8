use crate::components::app_link::exact;
use crate::components::{
    chips, AppLink, Breadcrumbs, Crumb, Deployments, DeploymentsState, ErrorState, LocalTime,
    MlflowUiButton, Pager, TableSkeleton,
};
use crate::context::AppContext;
use crate::deploy::{deployed_versions, ModelFacts};
use crate::format::description_summary;
use crate::hooks::{use_token_paging, Loaded, TokenPaging};
use crate::links::{model_href, models_href, version_href};
use crate::mlflow::capabilities::has_aliases;
use crate::mlflow::client::{search_registered_models, ModelOrder, ModelSearch};
use crate::mlflow::filter::{model_search_filter, FilterError};
use crate::mlflow::types::{user_tags, Alias, KeyValue, RegisteredModel};
use crate::mlflow::MlflowError;
use crate::query::{ModelListState, PAGE_SIZES};
use gloo_timers::callback::Timeout;
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use stylers_macro::style;
use wasm_bindgen::JsCast;

const HEADERS: [&str; 7] = [
    "Name",
    "Latest Version",
    "Aliases",
    "Tags",
    "Created",
    "Last Modified",
    "Description",
];

/// The headers a loading table shows: Aliases only once the rows tell.
fn skeleton_headers() -> Vec<&'static str> {
    HEADERS.into_iter().filter(|h| *h != "Aliases").collect()
}

/// Milliseconds the search waits after the last keystroke.
const SEARCH_DEBOUNCE_MS: u32 = 300;

/// Why the list could not be shown.
#[derive(Clone, Debug)]
enum ListError {
    /// The search text cannot be written as an MLflow filter; no request made.
    Filter(FilterError),
    Mlflow(MlflowError),
}

/// The view a page token belongs to: search, sort and size.
fn trail_key(s: &ModelListState) -> String {
    format!("{}\u{0}{}\u{0}{}", s.q, s.order.key(), s.size)
}

/// `models`: every registered model of the group's MLflow, searched, sorted
/// and paged on the server. The view lives in the query string.
#[component]
pub fn ModelListPage() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let base = ctx.base.clone();
    let location = use_location();
    let navigate = use_navigate();
    let state = Memo::new(move |_| ModelListState::from_query(&location.search.get()));
    let deployments = Deployments::for_page();
    let deployed = deployments
        .enabled()
        .then(|| Signal::derive(move || deployments.state()));

    let api = ctx.api();
    let page = LocalResource::new(move || {
        let s = state.get();
        let api = api.clone();
        async move {
            let filter = model_search_filter(&s.q).map_err(ListError::Filter)?;
            let search = ModelSearch {
                filter,
                order: s.order,
                max_results: s.size,
                page_token: s.token.clone(),
            };
            search_registered_models(&api, &search)
                .await
                .map_err(ListError::Mlflow)
        }
    });

    let go = {
        let base = base.clone();
        let navigate = navigate.clone();
        move |next: ModelListState, replace: bool| {
            let href = format!("{}{}", models_href(&base), next.to_query());
            navigate(&href, exact(replace, false));
        }
    };

    // The search box: typed text, sent after a pause (or at once on Enter).
    let search_input = NodeRef::<html::Input>::new();
    let text = RwSignal::new(state.get_untracked().q);
    let pending = StoredValue::new_local(None::<Timeout>);
    let submit_search = {
        let go = go.clone();
        move || {
            pending.update_value(|t| drop(t.take()));
            let s = state.get_untracked();
            let q = text.get_untracked();
            if q != s.q {
                go(
                    ModelListState {
                        q,
                        ..s.first_page()
                    },
                    true,
                );
            }
        }
    };
    // Back/forward or a link changed the search: show it in the box.
    Effect::new(move |_| {
        let q = state.read().q.clone();
        if pending.with_value(Option::is_none) && q != text.get_untracked() {
            text.set(q);
        }
    });
    let on_input = {
        let submit_search = submit_search.clone();
        move |ev: ev::Event| {
            text.set(event_target_value(&ev));
            let submit_search = submit_search.clone();
            pending.set_value(Some(Timeout::new(SEARCH_DEBOUNCE_MS, move || {
                submit_search()
            })));
        }
    };
    let on_submit = {
        let submit_search = submit_search.clone();
        move |ev: ev::SubmitEvent| {
            ev.prevent_default();
            submit_search();
        }
    };
    let clear_search = {
        let go = go.clone();
        Callback::new(move |_: ()| {
            pending.update_value(|t| drop(t.take()));
            text.set(String::new());
            go(
                ModelListState {
                    q: String::new(),
                    ..state.get_untracked().first_page()
                },
                false,
            );
        })
    };

    // "/" focuses the search box from anywhere on the page.
    let slash = window_event_listener(ev::keydown, move |ev| {
        if ev.key() != "/" || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let typing = document().active_element().is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.has_attribute("contenteditable")
        });
        if !typing {
            if let Some(input) = search_input.get_untracked() {
                ev.prevent_default();
                let _ = input.focus();
            }
        }
    });
    on_cleanup(move || slash.remove());

    let sort_by = {
        let go = go.clone();
        Callback::new(move |order: ModelOrder| {
            go(
                ModelListState {
                    order,
                    ..state.get_untracked().first_page()
                },
                false,
            )
        })
    };
    let on_size = {
        let go = go.clone();
        move |ev: ev::Event| {
            let size = event_target_value(&ev).parse().unwrap_or(PAGE_SIZES[0]);
            go(
                ModelListState {
                    size,
                    ..state.get_untracked().first_page()
                },
                false,
            );
        }
    };
    let TokenPaging {
        on_next,
        on_previous,
    } = use_token_paging(
        move || {
            let p = page.get()?.ok()?;
            let s = state.get_untracked();
            Some(Loaded {
                page: s.page,
                token: s.token,
                next: p.next_page_token,
                rows: p.registered_models.len(),
            })
        },
        move || trail_key(&state.get_untracked()),
        {
            let api = ctx.api();
            move |token: Option<String>| {
                let s = state.get_untracked();
                let search = model_search_filter(&s.q).ok().map(|filter| ModelSearch {
                    filter,
                    order: s.order,
                    max_results: s.size,
                    page_token: token,
                });
                let api = api.clone();
                async move {
                    search_registered_models(&api, &search?)
                        .await
                        .ok()
                        .and_then(|p| p.next_page_token)
                }
            }
        },
        {
            let go = go.clone();
            move |page, token| {
                go(
                    ModelListState {
                        page,
                        token,
                        ..state.get_untracked()
                    },
                    false,
                )
            }
        },
    );

    let class = style! {
        .model-list__toolbar {
            display: flex;
            flex-wrap: wrap;
            align-items: flex-end;
            gap: 0.75rem 1.5rem;
            margin-bottom: 0.75rem;
        }
        .model-list__search {
            flex: 1 1 24rem;
            max-width: 40rem;
        }
        .model-list__search-input {
            width: 100%;
            box-sizing: border-box;
            padding: 0.45rem 0.7rem;
            border: 1px solid var(--pm-border);
            border-radius: var(--pm-radius);
            background: var(--pm-bg);
            color: var(--pm-text);
            font: inherit;
        }
        .model-list__hint {
            margin: 0.25rem 0 0 0;
            font-size: 0.85rem;
            color: var(--pm-muted);
        }
        .model-list__filter-error {
            margin: 0.25rem 0 0 0;
            color: var(--pm-danger);
        }
    };

    let filter_error = move || match page.get() {
        Some(Err(ListError::Filter(e))) => Some(e.to_string()),
        _ => None,
    };

    let body = {
        let base = base.clone();
        move || match page.get() {
            None => view! { <TableSkeleton headers=skeleton_headers() /> }.into_any(),
            Some(Err(ListError::Filter(_))) => ().into_any(),
            Some(Err(ListError::Mlflow(e))) => {
                view! { <ErrorState error=e on_retry=move |_| page.refetch() /> }.into_any()
            }
            Some(Ok(p)) => {
                let s = state.get_untracked();
                if p.registered_models.is_empty() && s.page > 1 {
                    view! {
                        <p class="empty-state">"There are no more models."</p>
                        <Pager position="" has_previous=true has_next=false on_previous=on_previous on_next=on_next />
                    }
                    .into_any()
                } else if p.registered_models.is_empty() {
                    empty_view(&s, clear_search).into_any()
                } else {
                    let has_next = p.next_page_token.is_some();
                    view! {
                        <ModelTable
                            models=p.registered_models.clone()
                            base=base.clone()
                            order=s.order
                            on_sort=sort_by
                            deployments=deployed
                        />
                        <Pager
                            position=s.position(p.registered_models.len())
                            has_previous={s.page > 1}
                            has_next=has_next
                            on_previous=on_previous
                            on_next=on_next
                        />
                    }
                    .into_any()
                }
            }
        }
    };

    let announcement = move || match page.get() {
        None => "Loading models…".to_string(),
        Some(Ok(p)) if p.registered_models.is_empty() => "No models found".to_string(),
        Some(Ok(p)) => format!(
            "Showing models {}",
            state.get_untracked().position(p.registered_models.len())
        ),
        Some(Err(ListError::Filter(e))) => e.to_string(),
        Some(Err(ListError::Mlflow(e))) => e.to_string(),
    };

    view! {
        <Breadcrumbs items=vec![Crumb::current("Models")] />
        <div class="page-head">
            <h1>"Models"</h1>
            <MlflowUiButton fragment="models" />
        </div>
        <div class=format!("model-list__toolbar {class}")>
            <form class=format!("model-list__search {class}") role="search" on:submit=on_submit>
                <label for="model-search">"Search models"</label>
                <input
                    id="model-search"
                    class=format!("model-list__search-input {class}")
                    type="search"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder="Name, or tags.key = 'value' … (press / to search)"
                    aria-describedby="model-search-hint"
                    aria-invalid=move || filter_error().map(|_| "true")
                    node_ref=search_input
                    prop:value=move || text.get()
                    on:input=on_input
                />
                <p id="model-search-hint" class=format!("model-list__hint {class}")>
                    "Matches names containing the text, ignoring case; % and _ are wildcards. "
                    "Add conditions such as tags.team = 'ml' joined with AND."
                </p>
                {move || {
                    filter_error()
                        .map(|e| {
                            view! {
                                <p class=format!("model-list__filter-error {class}") role="alert">
                                    {e}
                                </p>
                            }
                        })
                }}
            </form>
            <label>
                "Rows per page "
                <select on:change=on_size prop:value=move || state.get().size.to_string()>
                    {PAGE_SIZES
                        .map(|n| {
                            view! {
                                <option value=n.to_string() selected=move || state.get().size == n>
                                    {n}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        </div>
        <p class="visually-hidden" role="status" aria-live="polite">{announcement}</p>
        {body}
    }
}

/// The two empty states: nothing registered, or nothing matching the search.
fn empty_view(s: &ModelListState, clear_search: Callback<()>) -> AnyView {
    if s.q.trim().is_empty() && s.page == 1 {
        view! {
            <div class="empty-state">
                <h2>"No models registered yet"</h2>
                <p>
                    "Register a model in MLflow (for example with mlflow.register_model) and it appears here."
                </p>
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="empty-state">
                <h2>{format!("No model matches \u{201c}{}\u{201d}", s.q.trim())}</h2>
                <p>"Check the spelling, or search for part of the name."</p>
                <button type="button" class="button" on:click=move |_| clear_search.run(())>
                    "Clear search"
                </button>
            </div>
        }
        .into_any()
    }
}

/// Arrow keys move between the rows' name links.
fn move_between_rows(ev: ev::KeyboardEvent) {
    let step = match ev.key().as_str() {
        "ArrowDown" => 1,
        "ArrowUp" => -1,
        _ => return,
    };
    let Some(row) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("tr").ok().flatten())
    else {
        return;
    };
    let sibling = if step > 0 {
        row.next_element_sibling()
    } else {
        row.previous_element_sibling()
    };
    if let Some(link) = sibling
        .and_then(|r| r.query_selector("th a").ok().flatten())
        .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok())
    {
        ev.prevent_default();
        let _ = link.focus();
    }
}

/// "deployed v2, v3": which versions of a model some deployment serves.
fn deployed_marker(versions: &[String], class: &'static str) -> impl IntoView {
    let short: Vec<String> = versions.iter().map(|v| format!("v{v}")).collect();
    let long = if versions.len() == 1 {
        format!("Version {} is deployed", versions[0])
    } else {
        format!("Versions {} are deployed", versions.join(", "))
    };
    let title = long.clone();
    view! {
        <span class=format!("model-table__deployed {class}") title=title>
            <span aria-hidden="true">{format!("deployed {}", short.join(", "))}</span>
            <span class="visually-hidden">{long}</span>
        </span>
    }
}

/// The table of registered models.
#[component]
pub fn ModelTable(
    /// The models to show, in order.
    models: Vec<RegisteredModel>,
    /// The router base for links.
    #[prop(into)]
    base: String,
    /// The order the rows are in, for the sortable headers.
    #[prop(optional)]
    order: ModelOrder,
    /// Called with the order the user asks for; without it headers do not sort.
    #[prop(optional, into)]
    on_sort: Option<Callback<ModelOrder>>,
    /// The group's deployments, for the "deployed" marker; `None` when
    /// deployment is not enabled.
    #[prop(optional_no_strip)]
    deployments: Option<Signal<DeploymentsState>>,
) -> impl IntoView {
    let class = style! {
        .model-table__name {
            white-space: pre-wrap;
            overflow-wrap: anywhere;
            max-width: 28rem;
        }
        .model-table__description {
            max-width: 24rem;
            overflow-wrap: anywhere;
            color: var(--pm-muted);
        }
        .model-table__deployed {
            display: inline-block;
            margin-left: 0.5rem;
            padding: 0 0.4rem;
            border-radius: 999px;
            font-size: 0.8rem;
            white-space: nowrap;
            background: var(--pm-ok-bg);
            color: var(--pm-ok);
            border: 1px solid var(--pm-ok);
        }
        .model-table__sort {
            border: none;
            background: none;
            padding: 0;
            font: inherit;
            color: inherit;
            cursor: pointer;
        }
    };
    // Aliases (MLflow 2.3 and newer): a column once this server has shown
    // any, never a column of dashes on a server without them.
    let show_aliases = models.iter().any(|m| !m.aliases.is_empty())
        || use_context::<AppContext>().is_some_and(|c| has_aliases(&c.api()) == Some(true));
    let rows = models
        .into_iter()
        .map(|m| {
            let latest = m.latest_version().map(|v| {
                let href = version_href(&base, &m.name, &v.version);
                view! { <AppLink href=href>{format!("Version {}", v.version)}</AppLink> }
            });
            let aliases = m.aliases.iter().map(Alias::label).collect::<Vec<_>>();
            let tags = user_tags(&m.tags).map(KeyValue::label).collect::<Vec<_>>();
            let facts = ModelFacts::of_model(&m);
            let marker = deployments.map(|d| {
                move || {
                    let versions = d.with(|s| s.list().map(|l| deployed_versions(l, &facts)))?;
                    (!versions.is_empty()).then(|| deployed_marker(&versions, class))
                }
            });
            view! {
                <tr>
                    <th scope="row" class=format!("model-table__name {class}")>
                        <AppLink href=model_href(&base, &m.name)>{m.name.clone()}</AppLink>
                        {marker}
                    </th>
                    <td>{latest.map(|l| l.into_any()).unwrap_or_else(|| "-".into_any())}</td>
                    {show_aliases.then(|| view! { <td>{chips(aliases)}</td> })}
                    <td>{chips(tags)}</td>
                    <td>
                        <LocalTime ms=m.creation_timestamp />
                    </td>
                    <td>
                        <LocalTime ms=m.last_updated_timestamp />
                    </td>
                    <td class=format!("model-table__description {class}")>
                        {description_summary(&m.description)}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let header = move |h: &'static str| {
        let sortable = match (h, on_sort) {
            ("Name", Some(cb)) => Some((cb, ModelOrder::NameAsc, ModelOrder::NameDesc)),
            ("Last Modified", Some(cb)) => {
                Some((cb, ModelOrder::UpdatedDesc, ModelOrder::UpdatedAsc))
            }
            _ => None,
        };
        match sortable {
            Some((cb, first, second)) => {
                let aria = if order == first || order == second {
                    if matches!(order, ModelOrder::NameAsc | ModelOrder::UpdatedAsc) {
                        "ascending"
                    } else {
                        "descending"
                    }
                } else {
                    "none"
                };
                let next = if order == first { second } else { first };
                let arrow = match aria {
                    "ascending" => " \u{2191}",
                    "descending" => " \u{2193}",
                    _ => "",
                };
                view! {
                    <th scope="col" aria-sort=aria>
                        <button
                            type="button"
                            class=format!("model-table__sort {class}")
                            on:click=move |_| cb.run(next)
                        >
                            {h}
                            {arrow}
                        </button>
                    </th>
                }
                .into_any()
            }
            None => view! { <th scope="col">{h}</th> }.into_any(),
        }
    };
    view! {
        <table class="data-table model-table">
            <caption class="visually-hidden">"Registered models"</caption>
            <thead>
                <tr>
                    {HEADERS
                        .into_iter()
                        .filter(|h| show_aliases || *h != "Aliases")
                        .map(header)
                        .collect_view()}
                </tr>
            </thead>
            <tbody on:keydown=move_between_rows>{rows}</tbody>
        </table>
    }
}
