//! `models`: every registered model, searched, sorted and paged on the
//! server. The page and its wiring here; the table beside it.

mod search;
mod table;

use search::{use_search_box, SearchBox};
pub use table::ModelTable;
use table::{empty_view, skeleton_headers};

use crate::components::app_link::exact;
use crate::components::{Deployments, ErrorState, MlflowUiButton, Pager, TableSkeleton};
use crate::context::AppContext;
use crate::hooks::{use_token_paging, Loaded, TokenPaging};
use crate::links::models_href;
use crate::mlflow::client::{search_registered_models, ModelOrder};
use crate::mlflow::filter::FilterError;
use crate::mlflow::MlflowError;
use crate::query::{ModelListState, PAGE_SIZES};
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use stylers_macro::style;

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
    let page = crate::hooks::local_resource(move || {
        let s = state.get();
        let api = api.clone();
        async move {
            // The answer carries the view it answers: while the next one
            // loads, the page can tell that the rows shown are the old ones.
            let result = match s.search(s.token.clone()).map_err(ListError::Filter) {
                Ok(search) => search_registered_models(&api, &search)
                    .await
                    .map_err(ListError::Mlflow),
                Err(e) => Err(e),
            };
            (s, result)
        }
    });
    let answer = move || page.get().map(|(_, r)| r);
    let refetching = move || page.get().is_some_and(|(asked, _)| asked != state.get());

    let go = {
        let base = base.clone();
        let navigate = navigate.clone();
        move |next: ModelListState, replace: bool| {
            let href = format!("{}{}", models_href(&base), next.to_query());
            navigate(&href, exact(replace, false));
        }
    };

    let search_input = NodeRef::<html::Input>::new();
    let SearchBox {
        text,
        typed_error,
        on_input,
        on_submit,
        clear: clear_search,
    } = use_search_box(state, go.clone());

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
            // Only a current answer: a click while another page, sort or
            // search loads must not follow the previous answer's token.
            let (asked, answer) = page.get()?;
            let p = answer.ok().filter(|_| asked == state.get())?;
            Some(Loaded {
                page: asked.page,
                token: asked.token,
                next: p.next_page_token,
                rows: p.registered_models.len(),
            })
        },
        move || trail_key(&state.get_untracked()),
        {
            let api = ctx.api();
            move |token: Option<String>| {
                let search = state.get_untracked().search(token).ok();
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

    // What was typed, else a search the URL carried (a link, Back).
    let filter_error = move || {
        typed_error.get().or_else(|| match answer() {
            Some(Err(ListError::Filter(e))) => Some(e.to_string()),
            _ => None,
        })
    };

    let body = {
        let base = base.clone();
        move || match answer() {
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

    let announcement = move || match answer() {
        _ if refetching() => "Loading models…".to_string(),
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
        // The top page: no trail, and a title the header does not repeat.
        <div class="page-head">
            <h1>"Registered models"</h1>
            <MlflowUiButton fragment="models" />
        </div>
        <div class=format!("model-list__toolbar {class}")>
            <form class=format!("model-list__search {class}") role="search" on:submit=move |ev: ev::SubmitEvent| {
                ev.prevent_default();
                on_submit.run(());
            }>
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
                    on:input=move |ev| on_input.run(event_target_value(&ev))
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
        <div class="refetchable" aria-busy=move || refetching().to_string()>{body}</div>
    }
}
