use super::ValueText;
use crate::format::cut_text;
use crate::mlflow::types::KeyValue;
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

/// Characters of a tag's value a chip shows before "Show all".
const CHIP_VALUE_CHARS: usize = 40;

/// Tags as chips, `key: value`: an empty value reads `(empty)`, a long one
/// is cut with a "Show all" that opens the whole value; "-" for none.
pub fn tag_chips<'a>(tags: impl IntoIterator<Item = &'a KeyValue>) -> AnyView {
    let items: Vec<AnyView> = tags
        .into_iter()
        .map(|t| {
            let long = cut_text(&t.value, CHIP_VALUE_CHARS).is_some();
            let title = (!long).then(|| t.label());
            view! {
                <li class="chip chip--tag" class:chip--long=long title=title>
                    {format!("{}: ", t.key)}
                    <ValueText text=t.value.clone() name=t.key.clone() max=CHIP_VALUE_CHARS />
                </li>
            }
            .into_any()
        })
        .collect();
    if items.is_empty() {
        return "-".into_any();
    }
    view! { <ul class="chips">{items}</ul> }.into_any()
}
