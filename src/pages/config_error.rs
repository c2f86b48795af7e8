use crate::config::ConfigError;
use leptos::prelude::*;

/// The whole page when the configuration is missing or wrong.
#[component]
pub fn ConfigErrorPage(error: ConfigError) -> impl IntoView {
    let key = (!error.key.is_empty()).then(|| error.key.clone());
    view! {
        <main class="app-main config-error" role="alert">
            <h1>"The Models page is not configured correctly"</h1>
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
