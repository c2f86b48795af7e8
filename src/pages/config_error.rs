use crate::config::ConfigError;
use leptos::prelude::*;

/// The whole page when the configuration is missing or wrong.
#[component]
pub fn ConfigErrorPage(error: ConfigError) -> impl IntoView {
    let key = (!error.key.is_empty()).then(|| error.key.clone());
    // No MLflow at all is the common case of a group without a binding.
    let unbound = error.key == "mlflow_api" && error.problem.starts_with("is missing");
    let title = if unbound {
        "MLflow is not configured"
    } else {
        "The Models page is not configured correctly"
    };
    view! {
        <main class="app-main config-error" role="alert">
            <h1>{title}</h1>
            {unbound.then(|| view! {
                <p>"No MLflow server is bound to this page. An administrator sets the group's MLflow tracking URI in the group settings."</p>
            })}
            {key.map(|k| view! { <p>"The configuration key at fault: " <code class="config-error__key">{k}</code></p> })}
            <p class="config-error__problem">{error.to_string()}</p>
            <p>
                "The configuration comes from " <code>"window.PRIMEHUB_MODELS_CONFIG"</code>
                " set by the host page, or else from " <code>"config.json"</code>
                " next to index.html. Ask your administrator to fix it, then reload this page."
            </p>
        </main>
    }
}
