//! PrimeHub Models: the MLflow model-registry browser.
//!
//! `App` loads the runtime configuration, then routes under the base path.
//! [`boot`] runs it as the standalone page; [`mount`] inside a host's element;
//! [`open_deploy_dialog`] shows only the Deploy Model dialog (all three are
//! exported to JavaScript by the binary).

pub mod chart;
pub mod compare;
pub mod components;
pub mod config;
pub mod context;
pub mod deploy;
pub mod format;
pub mod hooks;
pub mod input_example;
pub mod links;
pub mod markdown;
pub mod metric_direction;
pub mod mlflow;
pub mod mlmodel;
pub mod model_env;
pub mod pages;
pub mod paging;
pub mod query;
pub mod routes;
pub mod runtime;
pub mod summary;

use components::AppHeader;
use config::Config;
use context::AppContext;
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::{path, Lazy};
use pages::{ConfigErrorPage, NotFoundPage};
use routes::*;
use std::sync::Arc;

/// The whole app: configuration first (the host's object, else
/// `config.json`), then the routed pages.
#[component]
pub fn App() -> impl IntoView {
    // The page's module is asked for by its route, just after the page's
    // first requests (routes::Started): asked here, beside the
    // configuration, its compiling held the configuration and those
    // requests back by tens of milliseconds (README: "Where a cold load
    // spends its time").
    let loaded = crate::hooks::local_resource(runtime::load_config);
    view! {
        <div class="pm-app">
            {move || match loaded.get() {
                None => view! { <p class="app-loading" aria-busy="true">"Loading Models…"</p> }.into_any(),
                Some(result) => configured(result).into_any(),
            }}
        </div>
    }
}

/// The app for a configuration already given (a host's `mount`).
#[component]
pub fn AppWithConfig(result: Result<Config, config::ConfigError>) -> impl IntoView {
    view! { <div class="pm-app">{configured(result)}</div> }
}

fn configured(result: Result<Config, config::ConfigError>) -> AnyView {
    match result {
        Ok(config) => view! { <Shell config=config /> }.into_any(),
        Err(error) => view! { <ConfigErrorPage error=error /> }.into_any(),
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
    // Inside a host's page the host owns the `<main>` landmark: the app is a
    // named region in it.
    let embedded = use_context::<Embedded>().is_some();
    // Built inside the router (Routes needs it).
    let routes = move || {
        let home = home.clone();
        view! {
            <Routes fallback=NotFoundPage>
                <Route path=path!("") view=move || view! { <Redirect path=home.clone() options=components::app_link::exact(true, true) /> } />
                <Route path=path!("models") view={Lazy::<ModelListRoute>::new()} />
                <Route path=path!("models/:name") view={Lazy::<ModelVersionsRoute>::new()} />
                <Route path=path!("models/:name/versions/:version") view={Lazy::<ModelVersionRoute>::new()} />
                <Route path=path!("models/:name/compare") view={Lazy::<CompareRoute>::new()} />
                <Route path=path!("deployments/create") view={Lazy::<HandoffRoute>::new()} />
                <Route path=path!("deployments/:id/edit") view={Lazy::<HandoffRoute>::new()} />
                <Route path=path!("deployments/:id") view={Lazy::<DeploymentRoute>::new()} />
            </Routes>
        }
    };
    // While the next page's module (or its view) is on its way, the old page
    // stays: the main area says it is busy (and dims, style/main.css).
    // Counted by the routes themselves (`routes::Routing`), not by the
    // router's `set_is_routing`: with it, the router waits for every
    // resource that runs while the next page loads, the page being left's
    // included, so a slow request of that page held the next one back.
    let routing = routes::Routing::provide();
    let busy = move || routing.busy().then_some("true");
    view! {
        <Router base=base>
            <div
                class="app-shell"
                on:pointerover=|ev: leptos::ev::PointerEvent| routes::preload_link(ev.target())
                on:focusin=|ev: leptos::ev::FocusEvent| routes::preload_link(ev.target())
            >
                <AppHeader />
                {move || if embedded {
                    view! { <section class="app-main" aria-label="Models" aria-busy=busy>{routes()}</section> }.into_any()
                } else {
                    view! { <main class="app-main" id="main" aria-busy=busy>{routes()}</main> }.into_any()
                }}
            </div>
        </Router>
    }
}

/// Provided when the app is mounted into a host's element (`mount`, the
/// deploy popup).
#[derive(Clone, Copy, Debug)]
pub struct Embedded;

/// The standalone page: the app on `<body>`, for the life of the page.
/// `take`: how to take the requests its loader started (`mlflow::early`).
pub fn boot(take: wasm_bindgen::JsValue) {
    mlflow::early::adopt(take);
    leptos::mount::mount_to_body(App);
}

/// Something mounted for a host; dropping the closure unmounts it.
pub type Unmount = Box<dyn FnOnce()>;

/// The configuration a host passed, or `None` to use the usual sources.
fn host_given(config: &wasm_bindgen::JsValue) -> Option<Result<Config, config::ConfigError>> {
    match runtime::js_value_to_config_json(config) {
        Ok(None) => None,
        Ok(Some(v)) => Some(config::parse_config(&v)),
        Err(e) => Some(Err(e)),
    }
}

/// Renders the app inside `element`; `config` as `PRIMEHUB_MODELS_CONFIG`
/// (or `undefined` for the usual sources).
pub fn mount(element: web_sys::HtmlElement, config: wasm_bindgen::JsValue) -> Unmount {
    let result = host_given(&config);
    mounted(element, move || {
        provide_context(Embedded);
        match result {
            Some(result) => view! { <AppWithConfig result=result /> }.into_any(),
            None => view! { <App /> }.into_any(),
        }
    })
}

/// `view` mounted in `element`, and what unmounts it. Unmounting takes the
/// view out and cleans up everything it owns at once: Leptos defers some
/// owners' cleanup to a later task, and tasks queued before would still run
/// for the gone page (start requests, answer them); cleaned up, its
/// resources stop and abort their requests (`hooks::local_resource`).
fn mounted<V: IntoView + 'static>(
    element: web_sys::HtmlElement,
    view: impl FnOnce() -> V + 'static,
) -> Unmount {
    let root = Owner::new();
    let handle = root.with(|| leptos::mount::mount_to(element, view));
    Box::new(move || {
        drop(handle);
        root.cleanup();
    })
}

/// See [`open_deploy_dialog`]: no link on a host page lives under it.
const POPUP_ROUTER_BASE: &str = "/__primehub-models-deploy-dialog__";

/// Shows only the Deploy Model dialog for `name`/`version` inside `element`,
/// with the same hand-off as the app's Deploy buttons (always a full-page
/// navigation: the host has no router of ours).
pub fn open_deploy_dialog(
    element: web_sys::HtmlElement,
    name: String,
    version: String,
    config: wasm_bindgen::JsValue,
) -> Result<Unmount, config::ConfigError> {
    let config = match host_given(&config) {
        Some(c) => c?,
        None => {
            return Err(config::ConfigError {
                key: String::new(),
                problem: "open_deploy_dialog needs the configuration object".into(),
            })
        }
    };
    let base = config
        .base_path
        .clone()
        .unwrap_or_else(runtime::document_base_path);
    Ok(mounted(element, move || {
        provide_context(Embedded);
        provide_context(AppContext {
            config: Arc::new(config),
            base,
        });
        view! {
            <div class="pm-app pm-app--popup">
                // A router only for the dialog's own needs. Leptos' router
                // takes over clicks on same-origin links under its base; this
                // base matches no page, so the host's links stay the host's.
                <Router base=POPUP_ROUTER_BASE>
                    {routes::deploy_popup(name, version)}
                </Router>
            </div>
        }
    }))
}
