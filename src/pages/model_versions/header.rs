//! The model's own fields above its versions.

use crate::components::{chips, tag_chips, Field, LocalTime, Markdown};
use crate::mlflow::types::{user_tags, Alias, RegisteredModel};
use leptos::prelude::*;

/// Created, Last Modified, Description (markdown), tags and aliases.
pub(super) fn model_header(m: &RegisteredModel, class: &'static str) -> impl IntoView {
    let aliases: Vec<String> = m.aliases.iter().map(Alias::label).collect();
    let (created, updated) = (m.creation_timestamp, m.last_updated_timestamp);
    let description = m.description.clone();
    let tags = tag_chips(user_tags(&m.tags));
    view! {
        <dl class=format!("field-list versions__header {class}")>
            <Field label="Created"><LocalTime ms=created /></Field>
            <Field label="Last Modified"><LocalTime ms=updated /></Field>
            <Field label="Description" class="model-description"><Markdown source=description /></Field>
            <Field label="Tags" class="model-tags">{tags}</Field>
            {(!aliases.is_empty()).then(|| view! {
                <Field label="Aliases" class="model-aliases">{chips(aliases)}</Field>
            })}
        </dl>
    }
}
