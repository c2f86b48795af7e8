use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Copies `text` to the clipboard and says whether it worked.
#[component]
pub fn CopyButton(
    /// What is copied.
    #[prop(into)]
    text: String,
    /// The button's accessible name, e.g. "Copy model URI".
    #[prop(into)]
    label: String,
) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let on_click = move |_| {
        let text = text.clone();
        leptos::task::spawn_local(async move {
            let clipboard = window().navigator().clipboard();
            let done = JsFuture::from(clipboard.write_text(&text)).await;
            status.set(match done {
                Ok(_) => "Copied".to_string(),
                Err(_) => "Could not copy: select the text and copy it by hand".to_string(),
            });
        });
    };
    view! {
        <button type="button" class="button button--secondary copy-button" aria-label=label on:click=on_click>
            "Copy"
        </button>
        <span class="copy-button__status muted" role="status">{move || status.get()}</span>
    }
}
