use super::ValueText;
use crate::format::{exact_number, format_number, format_param};
use leptos::prelude::*;

/// Rows above which a filter box is offered.
const FILTER_FROM: usize = 10;

/// One name/value row: the value as shown, and the exact value (on hover,
/// and in what is copied) where the shown one is shortened.
#[derive(Clone, Debug, PartialEq)]
pub struct KvRow {
    pub key: String,
    pub value: String,
    pub exact: Option<String>,
}

impl KvRow {
    /// Text shown as it is (tags).
    pub fn text(key: &str, value: &str) -> Self {
        Self {
            key: key.to_string(),
            value: value.to_string(),
            exact: None,
        }
    }

    /// A parameter: numbers without float noise, other text as it is.
    pub fn param(key: &str, value: &str) -> Self {
        let shown = format_param(value);
        let exact = (shown != value).then(|| value.to_string());
        Self {
            key: key.to_string(),
            value: shown,
            exact,
        }
    }

    /// A metric's value in the one number format.
    pub fn metric(key: &str, value: f64) -> Self {
        let (shown, exact) = (format_number(value), exact_number(value));
        Self {
            key: key.to_string(),
            exact: (exact != shown).then_some(exact),
            value: shown,
        }
    }

    fn matches(&self, filter: &str) -> bool {
        let has = |s: &str| s.to_lowercase().contains(filter);
        filter.is_empty() || has(&self.key) || has(&self.value)
    }
}

/// A name/value table sorted by name, with a filter box for long lists.
#[component]
pub fn KeyValueTable(
    /// The table's caption (also names the filter box).
    #[prop(into)]
    caption: String,
    /// The rows, in any order.
    rows: Vec<KvRow>,
    /// Shown instead of an empty table.
    #[prop(into)]
    empty: String,
) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="muted kv-empty">{empty}</p> }.into_any();
    }
    let mut rows = rows;
    rows.sort_by(|a, b| a.key.cmp(&b.key));
    let filter = RwSignal::new(String::new());
    let with_filter = rows.len() > FILTER_FROM;
    let filter_label = format!("Filter {}", caption.to_lowercase());
    let shown = move || {
        let f = filter.get().to_lowercase();
        rows.iter()
            .filter(|r| r.matches(&f))
            .map(|r| {
                view! {
                    <tr>
                        <th scope="row">{r.key.clone()}</th>
                        <td class="kv-value" title=r.exact.clone()>
                            <ValueText text=r.value.clone() name=r.key.clone() />
                        </td>
                    </tr>
                }
            })
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

#[cfg(test)]
mod tests {
    use super::KvRow;

    #[test]
    fn rows_show_short_numbers_and_keep_the_exact_ones() {
        let m = KvRow::metric("auc", 0.7 + 0.02 * 5.0 + 0.05 * 2.0);
        assert_eq!(m.value, "0.9");
        assert_eq!(m.exact.as_deref(), Some("0.8999999999999999"));
        assert_eq!(KvRow::metric("f1", 0.9).exact, None);
        let p = KvRow::param("lr", "0.30000000000000004");
        assert_eq!(
            (p.value.as_str(), p.exact.as_deref()),
            ("0.3", Some("0.30000000000000004"))
        );
        assert_eq!(KvRow::param("solver", "lbfgs").exact, None);
        assert!(KvRow::text("Team", "ML").matches("ml"));
        assert!(!KvRow::text("team", "ml").matches("x"));
    }
}
