//! PrimeHub Models: the MLflow model-registry browser.
//!
//! `App` loads the runtime configuration, then routes under the base path.

pub mod components;
pub mod config;
pub mod context;
pub mod deploy;
pub mod format;
pub mod links;
pub mod markdown;
pub mod mlflow;
pub mod pages;
pub mod paging;
pub mod query;
pub mod runtime;

use components::AppHeader;
use config::Config;
use context::AppContext;
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;
use pages::*;
use std::sync::Arc;

/// The whole app: configuration first, then the routed pages.
#[component]
pub fn App() -> impl IntoView {
    let loaded = LocalResource::new(runtime::load_config);
    move || match loaded.get() {
        None => view! { <p class="app-loading" aria-busy="true">"Loading Models…"</p> }.into_any(),
        Some(Ok(config)) => view! { <Shell config=config /> }.into_any(),
        Some(Err(error)) => view! { <ConfigErrorPage error=error /> }.into_any(),
    }
}

/// Header and routes for a valid configuration.
#[component]
pub fn Shell(config: Config) -> impl IntoView {
    let base = config
        .base_path
        .clone()
        .unwrap_or_else(runtime::document_base_path);
    provide_context(AppContext {
        config: Arc::new(config),
        base: base.clone(),
    });
    let home = links::models_href(&base);
    view! {
        <Router base=base>
            <div class="app">
                <AppHeader />
                <main class="app-main" id="main">
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("") view=move || view! { <Redirect path=home.clone() /> } />
                        <Route path=path!("models") view=ModelListPage />
                        <Route path=path!("models/:name") view=ModelVersionsPage />
                        <Route path=path!("models/:name/versions/:version") view=ModelVersionPage />
                        <Route path=path!("deployments/create") view=DeploymentHandoffPage />
                        <Route path=path!("deployments/:id/edit") view=DeploymentHandoffPage />
                        <Route path=path!("deployments/:id") view=DeploymentPage />
                    </Routes>
                </main>
            </div>
        </Router>
    }
}

/// Mounts the app on `<body>`.
pub fn start() {
    leptos::mount::mount_to_body(App);
}
