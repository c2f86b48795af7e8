//! A text value as every table, field and chip shows it: an empty one says
//! so, a long one is cut with a button that opens the whole text (readable,
//! selectable and copyable) in a dialog.

use super::{CopyButton, Modal};
use crate::format::{count, cut_text, EMPTY_VALUE, SHOWN_CHARS};
use leptos::prelude::*;
use stylers_macro::style;

/// `text` as shown in a cell: `(empty)` (marked, so it never reads as "not
/// logged") for `""`; the first [`SHOWN_CHARS`] characters and "Show all"
/// for a longer one. `name` says whose value it is (the dialog's title and
/// the button's accessible name).
#[component]
pub fn ValueText(
    #[prop(into)] text: String,
    #[prop(into)] name: String,
    /// Characters shown before the cut; [`SHOWN_CHARS`] when unset.
    #[prop(optional)]
    max: Option<usize>,
) -> impl IntoView {
    if text.is_empty() {
        return view! { <span class="value-empty">{EMPTY_VALUE}</span> }.into_any();
    }
    let Some(shown) = cut_text(&text, max.unwrap_or(SHOWN_CHARS)).map(str::to_string) else {
        return text.into_any();
    };
    view! { <LongValue shown=shown text=text name=name /> }.into_any()
}

/// The cut text, its "Show all" button and the dialog it opens.
#[component]
fn LongValue(shown: String, text: String, name: String) -> impl IntoView {
    let class = style! {
        .long-value__whole {
            margin: 0;
            max-height: 55vh;
            overflow: auto;
            white-space: pre-wrap;
            overflow-wrap: anywhere;
            padding: 0.5rem 0.75rem;
            background: var(--pm-surface);
            border-radius: var(--pm-radius);
            font-size: 0.85rem;
        }
        .long-value__actions {
            display: flex;
            flex-wrap: wrap;
            gap: 0.5rem;
            align-items: center;
            margin-top: 0.75rem;
        }
    };
    let open = RwSignal::new(false);
    let chars = count(text.chars().count());
    let more = format!("Show all {chars} characters of {name}");
    let title = format!("{name} ({chars} characters)");
    let text = StoredValue::new(text);
    view! {
        <span class="long-value">
            <span class="long-value__start">{shown}"\u{2026}"</span>
            " "
            <button type="button" class="link-button long-value__more" aria-label=more on:click=move |_| open.set(true)>
                "Show all"
            </button>
        </span>
        <Modal open=open title=title>
            <pre class=format!("long-value__whole {class}") tabindex="0">{text.get_value()}</pre>
            <div class=format!("long-value__actions {class}")>
                <CopyButton text=text.get_value() label="Copy the whole value" />
                <button type="button" class="button button--secondary" on:click=move |_| open.set(false)>"Close"</button>
            </div>
        </Modal>
    }
}
