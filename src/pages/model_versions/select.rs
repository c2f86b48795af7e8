//! Versions picked for comparing: "Compare (N)" and "Clear"; Escape clears.

use crate::compare::{toggle, MAX_COMPARED};
use crate::components::app_link::exact;
use crate::components::AppLink;
use crate::context::AppContext;
use crate::links::{compare_href, model_href};
use crate::query::VersionListState;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The selection in the URL (`select=1,3`) and what changes it.
#[derive(Clone, Copy)]
pub(super) struct Selection {
    pub selected: Memo<Vec<String>>,
    /// Versions to select (`true`) or unselect.
    pub on_select: Callback<(Vec<String>, bool)>,
    pub on_clear: Callback<()>,
}

/// The page's [`Selection`].
pub(super) fn use_selection(
    state: Memo<VersionListState>,
    name: Memo<String>,
    base: String,
) -> Selection {
    let navigate = use_navigate();
    let selected = Memo::new(move |_| state.with(|s| s.select.clone()));
    let select_to = move |select: Vec<String>| {
        let next = VersionListState {
            select,
            ..state.get_untracked()
        };
        let href = format!(
            "{}{}",
            model_href(&base, &name.get_untracked()),
            next.to_query()
        );
        navigate(&href, exact(true, false));
    };
    let on_select = {
        let select_to = select_to.clone();
        Callback::new(move |(versions, on): (Vec<String>, bool)| {
            select_to(toggle(&selected.get_untracked(), &versions, on));
        })
    };
    let on_clear = Callback::new(move |_: ()| select_to(Vec::new()));
    Selection {
        selected,
        on_select,
        on_clear,
    }
}

/// What is selected, and where it leads.
#[component]
pub(super) fn SelectionBar(
    name: Memo<String>,
    selected: Memo<Vec<String>>,
    on_clear: Callback<()>,
) -> impl IntoView {
    let base = expect_context::<AppContext>().base.clone();
    // Escape empties the selection (a dialog's Escape is the dialog's).
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        let in_dialog = document()
            .query_selector("dialog[open]")
            .ok()
            .flatten()
            .is_some();
        if ev.key() == "Escape" && !in_dialog && !selected.with_untracked(Vec::is_empty) {
            on_clear.run(());
        }
    });
    on_cleanup(move || escape.remove());
    move || {
        let picked = selected.get();
        let n = picked.len();
        let compare = if (2..=MAX_COMPARED).contains(&n) {
            view! {
                <AppLink class="button" href=compare_href(&base, &name.get_untracked(), &picked)>
                    {format!("Compare ({n})")}
                </AppLink>
            }
            .into_any()
        } else {
            let why = if n > MAX_COMPARED {
                format!("At most {MAX_COMPARED} versions can be compared; {n} are selected.")
            } else {
                "Select two or more versions to compare them.".to_string()
            };
            view! {
                <button type="button" class="button" aria-disabled="true" title=why.clone() aria-describedby="compare-why">
                    {format!("Compare ({n})")}
                </button>
                <span id="compare-why" class="visually-hidden">{why}</span>
            }
            .into_any()
        };
        view! {
            <div class="selection-bar" role="group" aria-label="Selected versions">
                {compare}
                {(n > 0).then(|| view! {
                    <button type="button" class="button button--secondary" on:click=move |_| on_clear.run(())>"Clear"</button>
                })}
            </div>
        }
    }
}
