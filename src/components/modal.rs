use leptos::html;
use leptos::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use stylers_macro::style;
use wasm_bindgen::JsCast;

/// Focuses the first control inside `dialog` (the dialog itself if none).
fn focus_first_control(dialog: &web_sys::HtmlDialogElement) {
    let first = dialog
        .query_selector("input, select, textarea, button, a[href], [tabindex]:not([tabindex='-1'])")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    match first {
        Some(el) => {
            let _ = el.focus();
        }
        None => {
            let _ = dialog.focus();
        }
    }
}

/// A modal `<dialog>`: focus stays inside while it is open, Escape or a click
/// outside closes it, and focus returns to where it was.
#[component]
pub fn Modal(
    /// Open while true; the dialog sets it false when it closes.
    open: RwSignal<bool>,
    /// The dialog's heading (also its accessible name).
    #[prop(into)]
    title: String,
    children: ChildrenFn,
) -> impl IntoView {
    let class = style! {
        .modal {
            border: 1px solid var(--pm-border);
            border-radius: var(--pm-radius);
            background: var(--pm-bg);
            color: var(--pm-text);
            padding: 1.25rem 1.5rem;
            box-sizing: border-box;
            max-width: min(40rem, 92vw);
            max-height: 85vh;
        }
        .modal__title {
            margin: 0 0 1rem 0;
            font-size: 1.2rem;
        }
    };
    let dialog = NodeRef::<html::Dialog>::new();
    let returns_to = StoredValue::new_local(None::<web_sys::HtmlElement>);
    static NEXT_ID: AtomicUsize = AtomicUsize::new(0);
    let heading_id = format!("modal-title-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed));
    Effect::new(move |_| {
        let Some(d) = dialog.get() else { return };
        if open.get() {
            if !d.open() {
                let active = document()
                    .active_element()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                returns_to.set_value(active);
                let _ = d.show_modal();
                // The content renders in the same tick: focus its first control after it.
                request_animation_frame(move || focus_first_control(&d));
            }
        } else if d.open() {
            d.close();
        }
    });
    let labelled_by = heading_id.clone();
    let on_close = move |_| {
        open.set(false);
        // Back to the control that opened it, if it is still on the page.
        if let Some(el) = returns_to.with_value(|r| r.clone()) {
            if el.is_connected() {
                let _ = el.focus();
            }
        }
    };
    // A click on the backdrop lands on the dialog element, outside its box.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(d) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlDialogElement>().ok())
        else {
            return;
        };
        let r = d.get_bounding_client_rect();
        let (x, y) = (ev.client_x() as f64, ev.client_y() as f64);
        if x < r.left() || x > r.right() || y < r.top() || y > r.bottom() {
            open.set(false);
        }
    };
    view! {
        <dialog
            node_ref=dialog
            class=format!("modal {class}")
            aria-labelledby=labelled_by
            on:close=on_close
            on:click=on_click
        >
            <h2 id=heading_id class=format!("modal__title {class}")>{title}</h2>
            {move || open.get().then(|| children())}
        </dialog>
    }
}
