use crate::markdown::render_markdown;
use leptos::prelude::*;

/// A description rendered from markdown, with nothing of the author's markup
/// (see [`render_markdown`]); `-` when empty.
#[component]
pub fn Markdown(
    /// The markdown text.
    #[prop(into)]
    source: String,
) -> impl IntoView {
    if source.trim().is_empty() {
        return view! { <span>"-"</span> }.into_any();
    }
    view! { <div class="markdown" inner_html=render_markdown(&source)></div> }.into_any()
}
