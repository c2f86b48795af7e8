use super::CopyButton;
use leptos::prelude::*;
use stylers_macro::style;

/// Code to copy: a `<pre>` block and its Copy button.
#[component]
pub fn CodeBlock(
    /// The code, shown and copied as it is.
    #[prop(into)]
    text: String,
    /// The Copy button's accessible name, e.g. "Copy command".
    #[prop(into)]
    label: String,
    /// A class for the `<code>` element.
    #[prop(into)]
    code_class: String,
) -> impl IntoView {
    let class = style! {
        .code-block {
            margin: 0;
            padding: 0.5rem 0.75rem;
            background: var(--pm-surface);
            border-radius: var(--pm-radius);
            overflow-x: auto;
        }
    };
    view! {
        <pre class=format!("code-block {class}")><code class=code_class>{text.clone()}</code></pre>
        <CopyButton text=text label=label />
    }
}
