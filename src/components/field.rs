//! Field lists (`<dl class="field-list">`): a label beside its value.

use leptos::prelude::*;

/// One field of a field list: its label (`<dt>`) and its value (`<dd>`),
/// wrapped together so that a field that is there or not, or a value made of
/// several parts, never shifts the labels of the fields after it (each field
/// is a row of the list's grid; see `.field-list` in `style/main.css`).
#[component]
pub fn Field(
    #[prop(into)] label: String,
    /// A class for the value (`<dd>`), which the tests and styles find it by.
    #[prop(optional, into)]
    class: Option<String>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="field">
            <dt>{label}</dt>
            <dd class=class>{children()}</dd>
        </div>
    }
}
