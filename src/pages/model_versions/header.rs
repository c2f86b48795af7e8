//! The model's own fields above its versions.

use crate::components::{chips, LocalTime, Markdown};
use crate::mlflow::types::{user_tags, Alias, KeyValue, RegisteredModel};
use leptos::prelude::*;

/// Created, Last Modified, Description (markdown), tags and aliases.
pub(super) fn model_header(m: &RegisteredModel, class: &'static str) -> impl IntoView {
    let tags: Vec<String> = user_tags(&m.tags).map(KeyValue::label).collect();
    let aliases: Vec<String> = m.aliases.iter().map(Alias::label).collect();
    view! {
        <dl class=format!("field-list versions__header {class}")>
            <dt>"Created"</dt>
            <dd><LocalTime ms=m.creation_timestamp /></dd>
            <dt>"Last Modified"</dt>
            <dd><LocalTime ms=m.last_updated_timestamp /></dd>
            <dt>"Description"</dt>
            <dd class="model-description"><Markdown source=m.description.clone() /></dd>
            <dt>"Tags"</dt>
            <dd class="model-tags">{chips(tags)}</dd>
            {(!aliases.is_empty()).then(|| view! {
                <dt>"Aliases"</dt>
                <dd class="model-aliases">{chips(aliases)}</dd>
            })}
        </dl>
    }
}
