use leptos::html;
use leptos::prelude::*;
use std::cell::Cell;

thread_local! {
    /// The pager button pressed last, until the next page's pager has taken
    /// the focus back: the new page renders a new pager, and the keyboard
    /// user stays where they were instead of at the top of the page.
    static PRESSED: Cell<Option<Side>> = const { Cell::new(None) };
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Previous,
    Next,
}

/// Previous, the rows shown ("101-125"), Next.
#[component]
pub fn Pager(
    /// The rows on this page, e.g. "101-125".
    #[prop(into)]
    position: String,
    has_previous: bool,
    has_next: bool,
    #[prop(into)] on_previous: Callback<()>,
    #[prop(into)] on_next: Callback<()>,
) -> impl IntoView {
    let previous = NodeRef::<html::Button>::new();
    let next = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        let (Some(p), Some(n)) = (previous.get(), next.get()) else {
            return;
        };
        let Some(side) = PRESSED.with(Cell::take) else {
            return;
        };
        // The same button when it can still be pressed, else the other one.
        let target = match side {
            Side::Next if has_next => n,
            Side::Previous if has_previous => p,
            _ if has_next => n,
            _ => p,
        };
        let _ = target.focus();
    });
    view! {
        <nav class="pager" aria-label="Pages">
            <button
                type="button"
                class="button button--secondary"
                disabled=!has_previous
                node_ref=previous
                on:click=move |_| {
                    PRESSED.with(|p| p.set(Some(Side::Previous)));
                    on_previous.run(())
                }
            >
                "Previous"
            </button>
            <span class="pager__position">{position}</span>
            <button
                type="button"
                class="button button--secondary"
                disabled=!has_next
                node_ref=next
                on:click=move |_| {
                    PRESSED.with(|p| p.set(Some(Side::Next)));
                    on_next.run(())
                }
            >
                "Next"
            </button>
        </nav>
    }
}
