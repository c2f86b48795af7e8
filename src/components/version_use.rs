//! How to use a version: its Model URI, the Python that loads it and the
//! command that serves it. One view for every page that shows a version.

use super::{CodeBlock, CopyButton, Field};
use crate::deploy::{load_model_snippet, mlflow_model_uri, serve_command};
use leptos::prelude::*;

/// Fields of a field list: "Model URI" in the form MLflow's
/// loaders read (the name as it is) with its Copy button, "Use this model"
/// when `snippet`, and "Serve it".
#[component]
pub fn VersionUse(
    name: String,
    version: String,
    /// Show the Python that loads the version.
    #[prop(optional)]
    snippet: bool,
) -> impl IntoView {
    let uri = mlflow_model_uri(&name, &version);
    let serve = serve_command(&name, &version);
    let snippet = snippet.then(|| {
        let code = load_model_snippet(&name, &version);
        view! {
            <Field label="Use this model">
                <CodeBlock text=code label="Copy code" code_class="use-snippet" />
            </Field>
        }
    });
    view! {
        <Field label="Model URI">
            <code class="model-uri">{uri.clone()}</code>
            " "
            <CopyButton text=uri label="Copy model URI" />
        </Field>
        {snippet}
        <Field label="Serve it">
            <CodeBlock text=serve label="Copy command" code_class="serve-command" />
        </Field>
    }
}
