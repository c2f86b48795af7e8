use leptos::prelude::*;

/// Rows above which a filter box is offered.
const FILTER_FROM: usize = 10;

/// A name/value table sorted by name, with a filter box for long lists.
#[component]
pub fn KeyValueTable(
    /// The table's caption (also names the filter box).
    #[prop(into)]
    caption: String,
    /// `(name, value)` pairs in any order.
    rows: Vec<(String, String)>,
    /// Shown instead of an empty table.
    #[prop(into)]
    empty: String,
) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="muted kv-empty">{empty}</p> }.into_any();
    }
    let mut rows = rows;
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let filter = RwSignal::new(String::new());
    let with_filter = rows.len() > FILTER_FROM;
    let filter_label = format!("Filter {}", caption.to_lowercase());
    let shown = move || {
        let f = filter.get().to_lowercase();
        rows.iter()
            .filter(|(k, v)| f.is_empty() || k.to_lowercase().contains(&f) || v.to_lowercase().contains(&f))
            .map(|(k, v)| view! { <tr><th scope="row">{k.clone()}</th><td class="kv-value">{v.clone()}</td></tr> })
            .collect_view()
    };
    view! {
            <div class="kv">
                {with_filter.then(|| view! {
                    <input
                        class="kv-filter"
                        type="search"
                        aria-label=filter_label
                        placeholder="Filter…"
                        prop:value=move || filter.get()
                        on:input=move |ev| filter.set(event_target_value(&ev))
                    />
                })}
                <div class="table-frame">
    <table class="data-table kv-table">
                    <caption class="visually-hidden">{caption}</caption>
                    <thead><tr><th scope="col">"Name"</th><th scope="col">"Value"</th></tr></thead>
                    <tbody>{shown}</tbody>
                </table>
    </div>
            </div>
        }
    .into_any()
}
