//! The table of registered models: sortable headers, chips, the deployed
//! marker, arrow keys between rows.

use crate::components::{chips, AppLink, DeploymentsState, LocalTime};
use crate::context::AppContext;
use crate::deploy::{dangling_by_facts, deployed_versions, Dangling, ModelFacts};
use crate::format::description_summary;
use crate::links::{model_href, version_href};
use crate::mlflow::capabilities::has_aliases;
use crate::mlflow::client::{has_workspaces, ModelOrder};
use crate::mlflow::types::{user_tags, Alias, KeyValue, RegisteredModel};
use crate::query::ModelListState;
use leptos::ev;
use leptos::prelude::*;
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
pub(super) fn skeleton_headers() -> Vec<&'static str> {
    HEADERS.into_iter().filter(|h| *h != "Aliases").collect()
}

/// The two empty states: nothing registered, or nothing matching the search.
pub(super) fn empty_view(s: &ModelListState, clear_search: Callback<()>) -> AnyView {
    if s.q.trim().is_empty() && s.page == 1 {
        let ctx = expect_context::<AppContext>();
        // MLflow lists only what the user may read, and an empty answer
        // does not tell "none there" from "none shared with you".
        let (heading, shared) = match &ctx.config.workspace {
            Some(w) => (
                format!("No models in workspace {w} yet"),
                Some(
                    view! { <p>"If your team's models should be here, ask the workspace's owner for read access."</p> },
                ),
            ),
            None => ("No models registered yet".to_string(), None),
        };
        // No workspace named: a server with workspaces shows its default
        // one, which may not be where the user's models are.
        // A task and a flag, not a resource: this answer never changes,
        // and a resource of its own cost the list's module about 3 KB.
        let unnamed = ctx.config.workspace.is_none().then(|| {
            let api = ctx.api();
            let on = RwSignal::new(false);
            leptos::task::spawn_local(async move {
                if has_workspaces(&api).await {
                    // Gone with the page when the user has moved on.
                    let _ = on.try_set(true);
                }
            });
            move || {
                on.get().then(|| {
                    view! {
                        <p class="empty-state__workspace">
                            "This MLflow server has workspaces, and this page shows its default one. If your models are in another, ask your administrator to set the proxy's workspace (MLFLOW_WORKSPACE)."
                        </p>
                    }
                })
            }
        });
        view! {
            <div class="empty-state">
                <h2>{heading}</h2>
                <p>
                    "Register a model in MLflow (for example with mlflow.register_model) and it appears here."
                </p>
                {shared}
                {unnamed}
            </div>
        }
        .into_any()
    } else {
        // Where users have permissions (workspaces), MLflow leaves out
        // what they may not read.
        let unlisted = expect_context::<AppContext>()
            .config
            .workspace
            .is_some()
            .then(|| {
                view! { <p>"Models you do not have permission to read are not listed."</p> }
            });
        view! {
            <div class="empty-state">
                <h2>{format!("No model matches \u{201c}{}\u{201d}", s.q.trim())}</h2>
                <p>"Check the spelling, or search for part of the name."</p>
                {unlisted}
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

/// "deployed v2, v3": which versions of a model some deployment serves;
/// `dangling` marks what points at nothing: "v99 (missing)".
fn deployed_marker(
    versions: &[String],
    live: bool,
    dangling: &[Dangling],
    class: &'static str,
) -> impl IntoView {
    let mut short: Vec<String> = versions
        .iter()
        .map(|v| match dangling.iter().find(|d| d.version() == Some(v)) {
            Some(d) => d.short(),
            None => format!("v{v}"),
        })
        .collect();
    short.extend(
        dangling
            .iter()
            .filter(|d| d.version().is_none())
            .map(Dangling::short),
    );
    let state = if live {
        "deployed"
    } else {
        "deployed but stopped"
    };
    let mut long = match versions {
        [] => String::new(),
        [one] => format!("Version {one} is {state}"),
        _ => format!("Versions {} are {state}", versions.join(", ")),
    };
    for d in dangling {
        if !long.is_empty() {
            long.push_str("; ");
        }
        long.push_str(&d.sentence());
    }
    let title = long.clone();
    let (word, look) = if live {
        ("deployed", "model-table__deployed")
    } else {
        (
            "stopped",
            "model-table__deployed model-table__deployed--stopped",
        )
    };
    view! {
        <span class=format!("{look} {class}") title=title>
            <span aria-hidden="true">{format!("{word} {}", short.join(", "))}</span>
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
        .model-table__description {
            min-width: 12rem;
            max-width: 24rem;
            overflow-wrap: break-word;
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
        .model-table__deployed--stopped {
            background: transparent;
            color: var(--pm-muted);
            border: 1px dashed var(--pm-muted);
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
            let full_name = m.name.clone();
            let marker = deployments.map(|d| {
                move || {
                    let (live, stopped) = d.with(|s| s.list().map(|l| deployed_versions(l, &facts)))?;
                    // What points at nothing, as far as the model's own facts
                    // tell (no request; the versions page asks MLflow).
                    let gone: Vec<Dangling> = d.with(|s| {
                        s.list().map_or_else(Vec::new, |l| {
                            l.iter().filter_map(|x| dangling_by_facts(x, &facts, show_aliases)).collect()
                        })
                    });
                    let of = |versions: &[String], others: bool| -> Vec<Dangling> {
                        gone.iter()
                            .filter(|x| x.version().map_or(others, |v| versions.iter().any(|l| l == v)))
                            .cloned()
                            .collect()
                    };
                    let (gone_live, gone_stopped) = (of(&live, true), of(&stopped, false));
                    let live = (!live.is_empty() || !gone_live.is_empty()).then(|| deployed_marker(&live, true, &gone_live, class));
                    let stopped = (!stopped.is_empty()).then(|| deployed_marker(&stopped, false, &gone_stopped, class));
                    Some(view! { {live}{stopped} })
                }
            });
            view! {
                <tr>
                    <th scope="row" class="model-table__name nowrap">
                        <span class="truncate" title=full_name>
                            <AppLink href=model_href(&base, &m.name)>{m.name.clone()}</AppLink>
                        </span>
                        {marker}
                    </th>
                    <td class="nowrap">{latest.map(|l| l.into_any()).unwrap_or_else(|| "-".into_any())}</td>
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
    let header = move |h: &'static str| match on_sort.zip(header_sort(h, order)) {
        Some((cb, HeaderSort { aria, next, arrow })) => view! {
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
        .into_any(),
        None => view! { <th scope="col">{h}</th> }.into_any(),
    };
    view! {
            <div class="table-frame">
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
    </div>
        }
}

/// A sortable column header's state: what it tells screen readers, the
/// order a click asks for, and its arrow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeaderSort {
    pub aria: &'static str,
    pub next: ModelOrder,
    pub arrow: &'static str,
}

/// The sort state of the column headed `header` while the list is in
/// `order`; `None` for columns MLflow cannot sort by. Keyed by the header's
/// name, so reordering the columns cannot move a sort to another column.
pub fn header_sort(header: &str, order: ModelOrder) -> Option<HeaderSort> {
    let (first, second) = match header {
        "Name" => (ModelOrder::NameAsc, ModelOrder::NameDesc),
        "Last Modified" => (ModelOrder::UpdatedDesc, ModelOrder::UpdatedAsc),
        _ => return None,
    };
    let (aria, arrow) = if order != first && order != second {
        ("none", "")
    } else if matches!(order, ModelOrder::NameAsc | ModelOrder::UpdatedAsc) {
        ("ascending", " \u{2191}")
    } else {
        ("descending", " \u{2193}")
    };
    let next = if order == first { second } else { first };
    Some(HeaderSort { aria, next, arrow })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_headers_are_keyed_by_column_name() {
        let name = header_sort("Name", ModelOrder::NameAsc).expect("sortable");
        assert_eq!(
            (name.aria, name.next, name.arrow),
            ("ascending", ModelOrder::NameDesc, " \u{2191}")
        );
        let name = header_sort("Name", ModelOrder::NameDesc).expect("sortable");
        assert_eq!((name.aria, name.next), ("descending", ModelOrder::NameAsc));
        // Another column's order: this one is unsorted and starts at its first order.
        let name = header_sort("Name", ModelOrder::UpdatedDesc).expect("sortable");
        assert_eq!(
            (name.aria, name.next, name.arrow),
            ("none", ModelOrder::NameAsc, "")
        );
        let updated = header_sort("Last Modified", ModelOrder::UpdatedDesc).expect("sortable");
        assert_eq!(
            (updated.aria, updated.next),
            ("descending", ModelOrder::UpdatedAsc)
        );
        assert_eq!(header_sort("Created", ModelOrder::NameAsc), None);
        assert_eq!(header_sort("Aliases", ModelOrder::NameAsc), None);
    }
}
