use leptos::prelude::*;

/// Small labels in a list (`alias → vN`, `key: value`); `-` when there are none.
pub fn chips(items: Vec<String>) -> AnyView {
    if items.is_empty() {
        return "-".into_any();
    }
    view! {
        <ul class="chips">
            {items.into_iter().map(|t| view! { <li class="chip">{t}</li> }).collect_view()}
        </ul>
    }
    .into_any()
}
