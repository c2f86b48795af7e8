use leptos::prelude::*;

/// Small labels in a list (`alias → vN`, `key: value`); `-` when there are none.
pub fn chips(items: Vec<String>) -> AnyView {
    if items.is_empty() {
        return "-".into_any();
    }
    view! {
        <ul class="chips">
            {items
                .into_iter()
                .map(|t| {
                    let title = t.clone();
                    view! { <li class="chip" title=title>{t}</li> }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
