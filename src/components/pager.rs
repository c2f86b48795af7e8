use leptos::prelude::*;

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
    view! {
        <nav class="pager" aria-label="Pages">
            <button
                type="button"
                class="button button--secondary"
                disabled=!has_previous
                on:click=move |_| on_previous.run(())
            >
                "Previous"
            </button>
            <span class="pager__position">{position}</span>
            <button
                type="button"
                class="button button--secondary"
                disabled=!has_next
                on:click=move |_| on_next.run(())
            >
                "Next"
            </button>
        </nav>
    }
}
