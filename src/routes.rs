//! The routed pages, each loaded on demand (issue 16).
//!
//! The release build is split by `wasm-split` (scripts/trunk-post-build.py)
//! at the functions marked `#[wasm_split(..)]` below: the first load
//! fetches the shell (header, configuration, router, MLflow client) and the
//! module of the page the address shows; other modules arrive when first
//! needed. Three modules: the model list; a model's pages (versions,
//! version, compare: one visit usually leads to the others); deployments
//! (hand-off, deployment, the host's deploy dialog). wasm-split puts the
//! code two or three of them share in modules of its own, so each further
//! module is one more file: few, larger modules load and compress better.
//! Outside the browser (native tests) the split functions are plain calls.

use crate::components::error_state::Problem;
use crate::components::ErrorState;
use crate::pages::*;
use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use leptos_router::params::ParamsMap;
use leptos_router::LazyRoute;
use send_wrapper::SendWrapper;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// A page's code did not arrive (network error, a deploy replaced the
/// files mid-session, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageLoadError;

impl From<SplitLoaderError> for PageLoadError {
    fn from(_: SplitLoaderError) -> Self {
        Self
    }
}

/// What the user reads instead of a blank page.
pub fn page_load_problem() -> Problem {
    Problem {
        title: "This page could not be loaded",
        message: "The code for this page did not arrive from the server. Check your \
                  connection, then press Retry to load the page again."
            .into(),
        remedy: crate::components::error_state::Remedy::Retry,
    }
}

/// Loads a module and builds its view (again, for Retry).
type Loader =
    Arc<dyn Fn() -> Pin<Box<dyn Future<Output = Result<AnyView, PageLoadError>>>> + Send + Sync>;

/// The view, or the failure with a Retry that loads the module again in
/// place (the loader keeps no failure; a host's page is never reloaded).
fn shown(page: Result<AnyView, PageLoadError>, again: Loader) -> AnyView {
    page.unwrap_or_else(|_| view! { <LoadFailed again=again /> }.into_any())
}

#[component]
fn LoadFailed(again: Loader) -> impl IntoView {
    let attempts = RwSignal::new(0u32);
    let failed = move || {
        let retry = Callback::new(move |()| attempts.update(|n| *n += 1));
        view! { <ErrorState error=page_load_problem() on_retry=retry /> }.into_any()
    };
    move || {
        if attempts.get() == 0 {
            return failed();
        }
        let load = again();
        until_loaded(async move { load.await.unwrap_or_else(|_| failed()) }).into_any()
    }
}

/// The view `view` resolves to, saying "Loading…" until then (where no
/// page shows yet): it waits for the module alone, then the page shows its
/// own loading states. Leptos' `<Suspense>` costs little (measured
/// 2026-11-30: shell 129,115 -> 130,263 B, list cold load 235,604 ->
/// 237,435 B) but waits for every resource the page reads: "Loading…"
/// replaces the page until its data is in, and with `Suspense` again on
/// each refetch (its inputs leave the DOM); `<Transition>` (list cold load
/// 237,412 B with the standard sorts) still hides the page until its first
/// data is in. Shown in headless Chromium with a page whose resource takes
/// 300 ms: here the page's own "loading" text, there "Loading…".
fn until_loaded(view: impl Future<Output = AnyView> + 'static) -> impl IntoView {
    let waiting = RwSignal::new(true);
    let view = SendWrapper::new(async move {
        let view = view.await;
        waiting.set(false);
        view
    });
    view! {
        {move || waiting.get().then(|| view! { <p class="app-loading" aria-busy="true">"Loading…"</p> })}
        {Suspend::new(view)}
    }
}

/// How many pages are on their way (module and view), for the app's busy
/// state; provided by the app around its router.
#[derive(Clone, Copy)]
pub struct Routing(RwSignal<u32>);

impl Routing {
    /// A count of none, provided as context.
    pub fn provide() -> Self {
        let routing = Self(RwSignal::new(0));
        provide_context(routing);
        routing
    }

    /// Whether a page is on its way.
    pub fn busy(self) -> bool {
        self.0.get() > 0
    }

    /// Counts one page on its way until the guard is dropped (the page is
    /// built, or its loading was given up for another).
    fn start() -> Option<RoutingGuard> {
        let routing = use_context::<Routing>()?;
        routing.0.try_update(|n| *n += 1)?;
        Some(RoutingGuard(routing))
    }
}

/// See [`Routing::start`].
struct RoutingGuard(Routing);

impl Drop for RoutingGuard {
    fn drop(&mut self) {
        self.0 .0.try_update(|n| *n = n.saturating_sub(1));
    }
}

/// A page's first requests, started by its route in the shell
/// (`LazyRoute::data`, `pages::first_requests`) while the page's module is
/// still on its way; the page's resources take their answers
/// (`mlflow::prefetch`).
///
/// The router calls `data` in an owner it keeps until the *next* page has
/// loaded (the first page's one for the router's life), while this page's
/// view still shows: the requests get an owner of their own beside it,
/// under the routes, with the route's parameters as context. It is cleaned
/// up with the page's view once the view is built ([`Started::keep`]), else
/// with the router's owner (a page left before its module arrived); what
/// was started is then stopped.
pub struct Started {
    owner: Owner,
    kept: Arc<AtomicBool>,
    /// Cleaned up: the app was unmounted (or the load given up) before the
    /// page's module arrived.
    gone: Arc<AtomicBool>,
}

impl Started {
    /// Runs `start` in the requests' owner; called where the router calls
    /// `LazyRoute::data`.
    pub fn start(start: fn()) -> Self {
        let here = Owner::current();
        let params = use_context::<ArcMemo<ParamsMap>>();
        let owner = here
            .as_ref()
            .and_then(Owner::parent)
            .map(|routes| routes.child())
            .unwrap_or_default();
        let gone = Arc::new(AtomicBool::new(false));
        owner.with(|| {
            let gone = Arc::clone(&gone);
            on_cleanup(move || gone.store(true, Ordering::Relaxed));
            if let Some(params) = params {
                provide_context(params);
            }
            start()
        });
        let kept = Arc::new(AtomicBool::new(false));
        {
            let (owner, kept) = (owner.clone(), Arc::clone(&kept));
            // The router gave this load up for another page.
            on_cleanup(move || {
                if !kept.load(Ordering::Relaxed) {
                    owner.cleanup();
                }
            });
        }
        Self { owner, kept, gone }
    }

    /// Ties the requests to the view being built (call in its owner);
    /// false when the app is gone already: the router still builds the
    /// page once its module arrives after a host unmounted the app, and
    /// the page must then touch nothing (the router's state is disposed).
    pub fn keep(&self) -> bool {
        if self.gone.load(Ordering::Relaxed) {
            return false;
        }
        self.kept.store(true, Ordering::Relaxed);
        let owner = self.owner.clone();
        on_cleanup(move || owner.cleanup());
        true
    }

    /// Stops and forgets the requests: the page's module did not arrive,
    /// and the page Retry builds asks afresh.
    pub fn stop(&self) {
        self.owner.cleanup();
    }
}

/// One lazily loaded page: a route type for the router whose `data` starts
/// the page's first requests in the shell ([`Started`]), the split function
/// that builds the view (its own wasm module), and a preload for [`Page`].
macro_rules! lazy_page {
    ($route:ident, $module:ident, $build:ident, $preload:ident, $first:path, $view:expr) => {
        #[doc = concat!("The route of `", stringify!($module), "`, loaded on first visit.")]
        pub struct $route(Started);

        #[wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible, preload($preload))]
        fn $build() -> Result<AnyView, PageLoadError> {
            Ok($view.into_any())
        }

        impl LazyRoute for $route {
            fn data() -> Self {
                Self(Started::start($first))
            }

            async fn view(this: Self) -> AnyView {
                let started = this.0;
                if !started.keep() {
                    return ().into_any();
                }
                crate::hooks::provide_leaving();
                let _loading = Routing::start();
                let page = $build().await;
                if page.is_err() {
                    started.stop();
                }
                shown(page, Arc::new(|| Box::pin($build())))
            }

            async fn preload() {
                let _ = $preload().await;
            }
        }
    };
}

lazy_page!(
    ModelListRoute,
    model_list,
    model_list_view,
    preload_model_list,
    first_requests::model_list,
    view! { <ModelListPage /> }
);
lazy_page!(
    ModelVersionsRoute,
    model_pages,
    model_versions_view,
    preload_model_versions,
    first_requests::model_versions,
    view! { <ModelVersionsPage /> }
);
lazy_page!(
    ModelVersionRoute,
    model_pages,
    model_version_view,
    preload_model_version,
    first_requests::model_version,
    view! { <ModelVersionPage /> }
);
lazy_page!(
    CompareRoute,
    model_pages,
    compare_view,
    preload_compare,
    first_requests::compare,
    view! { <CompareVersionsPage /> }
);
lazy_page!(
    HandoffRoute,
    deployments,
    handoff_view,
    preload_handoff,
    first_requests::deployments_pages,
    view! { <DeploymentHandoffPage /> }
);
lazy_page!(
    DeploymentRoute,
    deployments,
    deployment_view,
    preload_deployment,
    first_requests::deployments_pages,
    view! { <DeploymentPage /> }
);

/// The Deploy Model dialog alone (a host's `openDeployDialog`), in the
/// deployments module: a host page that only opens it loads no model page,
/// and the list's first load does not carry it.
#[wasm_split(deployments, wasm_split_path = ::leptos::wasm_split, fallible)]
fn deploy_popup_view(name: String, version: String) -> Result<AnyView, PageLoadError> {
    Ok(view! { <crate::components::deploy::DeployPopup name=name version=version /> }.into_any())
}

/// The dialog of [`deploy_popup_view`] (saying it is loading until its
/// module arrives), or what to do when it did not load.
pub fn deploy_popup(name: String, version: String) -> impl IntoView {
    let again: Loader =
        Arc::new(move || Box::pin(deploy_popup_view(name.clone(), version.clone())));
    let first = again();
    until_loaded(async move { shown(first.await, again) })
}

/// `path` with the base path (`<base>`'s, or the router's) taken off; as it
/// is when it is not under `base`.
pub fn under_base<'a>(path: &'a str, base: &str) -> &'a str {
    path.strip_prefix(base)
        .filter(|rest| rest.is_empty() || rest.starts_with('/'))
        .unwrap_or(path)
}

/// The page an address shows, guessed before the configuration arrives
/// (which may set another base path, or none when a host mounts the app):
/// read from the end of the path, once `<base>`'s path is taken off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    ModelList,
    ModelVersions,
    ModelVersion,
    Compare,
    Deployments,
    Other,
}

impl Page {
    /// Best guess from a URL path and the page's base path (`<base>`,
    /// "" at the site root); [`Page::Other`] when none fits.
    pub fn for_path(path: &str, base: &str) -> Page {
        let path = under_base(path, base);
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let from_end = |i: usize| segments.len().checked_sub(i + 1).map(|j| segments[j]);
        match (from_end(0), from_end(1), from_end(2), from_end(3)) {
            (Some("models"), ..) => Page::ModelList,
            (Some("compare"), Some(_), Some("models"), _) => Page::Compare,
            (Some(_), Some("versions"), Some(_), Some("models")) => Page::ModelVersion,
            (Some(_), Some("models"), ..) => Page::ModelVersions,
            (Some("create"), Some("deployments"), ..)
            | (Some("edit"), Some(_), Some("deployments"), _)
            | (Some(_), Some("deployments"), ..) => Page::Deployments,
            // The app's root redirects to the list.
            (None, ..) => Page::ModelList,
            _ => Page::Other,
        }
    }

    /// Starts fetching this page's code, so it loads beside the
    /// configuration instead of after it.
    pub async fn preload(self) {
        match self {
            Page::ModelList => ModelListRoute::preload().await,
            Page::ModelVersions => ModelVersionsRoute::preload().await,
            Page::ModelVersion => ModelVersionRoute::preload().await,
            Page::Compare => CompareRoute::preload().await,
            Page::Deployments => HandoffRoute::preload().await,
            Page::Other => {}
        }
    }
}

/// A link of the app the pointer rests on or the keyboard reaches: its
/// page's module starts loading, so the click finds it there.
pub fn preload_link(target: Option<web_sys::EventTarget>) {
    use wasm_bindgen::JsCast;
    let link = target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("a[href]").ok().flatten())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    let here = web_sys::window().and_then(|w| w.location().origin().ok());
    if let (Some(link), Some(here)) = (link, here) {
        if link.origin() == here {
            preload_path(&link.pathname());
        }
    }
}

/// Starts loading the module of the page at `path` (a path under `<base>`).
pub fn preload_path(path: &str) {
    let base = crate::runtime::document_base_path();
    leptos::task::spawn_local(Page::for_path(path, &base).preload());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_is_read_from_the_end_of_the_path() {
        assert_eq!(Page::for_path("/models", ""), Page::ModelList);
        assert_eq!(Page::for_path("/models-app/models/", ""), Page::ModelList);
        assert_eq!(Page::for_path("/", ""), Page::ModelList);
        assert_eq!(
            Page::for_path("/models/iris%20model", ""),
            Page::ModelVersions
        );
        assert_eq!(
            Page::for_path("/x/models/iris/versions/3", ""),
            Page::ModelVersion
        );
        assert_eq!(Page::for_path("/models/iris/compare", ""), Page::Compare);
        assert_eq!(Page::for_path("/deployments/create", ""), Page::Deployments);
        assert_eq!(
            Page::for_path("/deployments/d-1/edit", ""),
            Page::Deployments
        );
        assert_eq!(Page::for_path("/deployments/d-1", ""), Page::Deployments);
        assert_eq!(Page::for_path("/console/g/x", ""), Page::Other);
        // Under a sub-path its root is the list, and its pages read as usual.
        assert_eq!(
            Page::for_path("/models-app/", "/models-app"),
            Page::ModelList
        );
        assert_eq!(
            Page::for_path("/models-app", "/models-app"),
            Page::ModelList
        );
        assert_eq!(
            Page::for_path("/models-app/models/x", "/models-app"),
            Page::ModelVersions
        );
        assert_eq!(
            Page::for_path("/models-apple/models", "/models-app"),
            Page::ModelList
        );
        assert_eq!(Page::for_path("/elsewhere/x", "/models-app"), Page::Other);
        // A guess only (the router decides what shows): a model named
        // "models" preloads the list; one named "compare" its versions page.
        assert_eq!(Page::for_path("/models/models", ""), Page::ModelList);
        assert_eq!(Page::for_path("/models/compare", ""), Page::ModelVersions);
    }

    #[test]
    fn a_failed_load_says_what_happened_and_what_to_do() {
        let p = page_load_problem();
        assert_eq!(p.title, "This page could not be loaded");
        assert!(p.message.contains("Retry"), "{}", p.message);
    }
}
