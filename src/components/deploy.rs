//! Everything a page needs to deploy a version: the group's deployments
//! (fetched once per page view), the "Deployed By" chips, the "Deploy Model"
//! dialog and the hand-off to the Deployments route.

use super::app_link::exact;
use super::{AppLink, Modal};
use crate::config::DeploymentsConfig;
use crate::context::AppContext;
use crate::deploy::source::{load, DeploymentsError};
use crate::deploy::{
    deployed_by, deployment_href, handoff_create_url, handoff_edit_url, is_external_route,
    model_uri, Deployment, ModelFacts,
};
use crate::query::QueryState;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use std::sync::Arc;
use stylers_macro::style;

/// The group's deployments as a page sees them.
#[derive(Clone, Debug, PartialEq)]
pub enum DeploymentsState {
    /// Still being fetched.
    Loading,
    /// The list, in the source's order (newest first for PrimeHub).
    Ready(Arc<Vec<Deployment>>),
    /// The source failed; creating a deployment still works.
    Failed(DeploymentsError),
}

impl DeploymentsState {
    /// The list when it is there.
    pub fn list(&self) -> Option<&[Deployment]> {
        match self {
            Self::Ready(l) => Some(l),
            _ => None,
        }
    }
}

/// One page view's deployments: `None` when deployment is not enabled.
#[derive(Clone, Copy)]
pub struct Deployments {
    config: Option<StoredValue<DeploymentsConfig>>,
    list: Option<LocalResource<Result<Arc<Vec<Deployment>>, DeploymentsError>>>,
    base: StoredValue<String>,
}

impl Deployments {
    /// Starts fetching the group's deployments for this page view, when a
    /// source is configured. Call once per page.
    pub fn for_page() -> Self {
        let ctx = expect_context::<AppContext>();
        let config = ctx.config.deployments.clone();
        let list = config
            .as_ref()
            .and_then(|d| d.source.clone())
            .map(|source| {
                LocalResource::new(move || {
                    let source = source.clone();
                    async move { load(&source).await.map(Arc::new) }
                })
            });
        Self {
            config: config.map(StoredValue::new),
            list,
            base: StoredValue::new(ctx.base.clone()),
        }
    }

    /// True when deployment is enabled for the group.
    pub fn enabled(&self) -> bool {
        self.config.is_some()
    }

    /// What is known now (tracked).
    pub fn state(&self) -> DeploymentsState {
        match self.list {
            None => DeploymentsState::Ready(Arc::new(Vec::new())),
            Some(r) => match r.get() {
                None => DeploymentsState::Loading,
                Some(Ok(l)) => DeploymentsState::Ready(l),
                Some(Err(e)) => DeploymentsState::Failed(e),
            },
        }
    }

    /// Fetches the list again.
    pub fn refetch(&self) {
        if let Some(r) = self.list {
            r.refetch();
        }
    }

    /// The route and base that links and hand-offs are built on.
    pub fn links(&self) -> Option<DeploymentLinks> {
        Some(DeploymentLinks {
            route: self.config?.with_value(|c| c.route.clone()),
            base: self.base.get_value(),
        })
    }
}

/// Where deployment links and hand-offs go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeploymentLinks {
    pub route: String,
    pub base: String,
}

/// The "Deployed By" cell or field: a chip per deployment, each linking to
/// that deployment; `-` when none, `…` while loading. Only this cell follows
/// the list as it arrives (the rest of the table, with its focused buttons,
/// stays).
#[component]
pub fn DeployedBy(
    #[prop(into)] state: Signal<DeploymentsState>,
    links: DeploymentLinks,
    #[prop(into)] model: Signal<ModelFacts>,
    #[prop(into)] version: String,
) -> impl IntoView {
    move || match state.get() {
        DeploymentsState::Loading => view! { <span aria-busy="true">"…"</span> }.into_any(),
        DeploymentsState::Failed(e) => {
            let why = format!("Existing deployments could not be loaded: {e}");
            let title = why.clone();
            view! {
                <span class="muted" title=title>
                    <span aria-hidden="true">"unknown"</span>
                    <span class="visually-hidden">{why}</span>
                </span>
            }
            .into_any()
        }
        DeploymentsState::Ready(list) => {
            let found = model.with(|m| {
                deployed_by(&list, m, &version)
                    .into_iter()
                    .cloned()
                    .collect::<Vec<_>>()
            });
            if found.is_empty() {
                return "-".into_any();
            }
            let items = found
                .into_iter()
                .map(|d| {
                    let href = deployment_href(&links.route, &links.base, &d.id);
                    let label = d.label().to_string();
                    // The host's page: a plain link the app's router leaves alone.
                    let link = if is_external_route(&links.route) {
                        view! { <a href=href rel="external">{label}</a> }.into_any()
                    } else {
                        view! { <AppLink href=href>{label}</AppLink> }.into_any()
                    };
                    view! { <li class="chip chip--link">{link}</li> }
                })
                .collect_view();
            view! { <ul class="chips deployed-by__chips">{items}</ul> }.into_any()
        }
    }
}

/// What the Deploy buttons of a page do.
#[derive(Clone, Copy)]
pub struct DeployAction {
    /// The version the dialog is about.
    target: RwSignal<Option<String>>,
    /// The "Deploy Model" dialog.
    dialog: RwSignal<bool>,
    /// The "Feature not available" notice.
    notice: RwSignal<bool>,
    name: Signal<String>,
    deployments: Deployments,
    /// Set when OK hands off: the page is being left, the URL is not ours.
    leaving: StoredValue<bool>,
    /// Hand off with a full-page navigation even to a relative route (the
    /// dialog alone in a host page, where no router of ours runs).
    full_page: StoredValue<bool>,
}

impl DeployAction {
    /// Deploy button pressed for `version`.
    pub fn open(&self, version: String) {
        if self.deployments.enabled() {
            self.target.set(Some(version));
            self.dialog.set(true);
        } else {
            self.notice.set(true);
        }
    }

    /// True while the dialog or the notice shows.
    pub fn is_open(&self) -> bool {
        self.dialog.get() || self.notice.get()
    }
}

/// The deploy action of a page about model `name`.
pub fn use_deploy_action(name: Signal<String>, deployments: Deployments) -> DeployAction {
    DeployAction {
        target: RwSignal::new(None),
        dialog: RwSignal::new(false),
        notice: RwSignal::new(false),
        name,
        deployments,
        leaving: StoredValue::new(false),
        full_page: StoredValue::new(false),
    }
}

/// The Deploy Model dialog alone, open for one version: what a host page
/// gets from `openDeployDialog`.
#[component]
pub fn DeployPopup(#[prop(into)] name: String, #[prop(into)] version: String) -> impl IntoView {
    let deployments = Deployments::for_page();
    let action = use_deploy_action(Signal::stored(name), deployments);
    action.full_page.set_value(true);
    Effect::new(move |_| action.open(version.clone()));
    view! { <DeployDialogs action=action /> }
}

/// Opens the dialog when the URL asks for it (`?deploy=N`, or `?deploy` with
/// `version` given: empty until the page's version has loaded) and drops the
/// parameter again once it closes, so Back and reload do not reopen it.
pub fn open_from_url(action: DeployAction, version: Option<Signal<String>>) {
    let location = use_location();
    let navigate = use_navigate();
    // A version number, or (on a version page) the version once it is known
    // to exist; anything else is ignored.
    let asked = Memo::new(move |_| {
        let q = QueryState::parse(&location.search.get());
        let v = q.get("deploy")?;
        let v = match version {
            Some(s) => s.get(),
            None => v.trim().to_string(),
        };
        (!v.is_empty() && v.bytes().all(|b| b.is_ascii_digit())).then_some(v)
    });
    Effect::new(move |_| {
        if let Some(v) = asked.get() {
            action.open(v);
        }
    });
    Effect::new(move |was_open: Option<bool>| {
        let open = action.is_open();
        let leaving = action.leaving.get_value();
        if was_open == Some(true) && !open && !leaving && asked.get_untracked().is_some() {
            let mut q = QueryState::parse(&location.search.get_untracked());
            q.set("deploy", "");
            let href = format!(
                "{}{}",
                // The browser's own path: still encoded, with the base.
                window().location().pathname().unwrap_or_default(),
                q.to_query_string()
            );
            navigate(&href, exact(true, false));
        }
        open
    });
}

/// Rewrites the current history entry without `?deploy`, so Back after a
/// hand-off does not open the dialog again.
fn forget_deploy_parameter() {
    let location = window().location();
    let search = location.search().unwrap_or_default();
    let mut q = QueryState::parse(&search);
    if q.get("deploy").is_none() {
        return;
    }
    q.set("deploy", "");
    let url = format!(
        "{}{}{}",
        location.pathname().unwrap_or_default(),
        q.to_query_string(),
        location.hash().unwrap_or_default()
    );
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// The user's pick in the dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Choice {
    Create,
    Update(String),
}

impl Choice {
    fn from_value(v: &str) -> Option<Self> {
        match v {
            "create" => Some(Self::Create),
            _ => v.strip_prefix("update:").map(|id| Self::Update(id.into())),
        }
    }
}

/// Where OK goes for `choice`.
fn handoff_href(links: &DeploymentLinks, name: &str, version: &str, choice: &Choice) -> String {
    let uri = model_uri(name, version);
    match choice {
        Choice::Create => handoff_create_url(&links.route, &links.base, &uri),
        Choice::Update(id) => handoff_edit_url(&links.route, &links.base, id, &uri),
    }
}

/// The dialogs behind a page's Deploy buttons: "Deploy Model" when
/// deployment is enabled, else "Feature not available".
#[component]
pub fn DeployDialogs(action: DeployAction) -> impl IntoView {
    let notice = action.notice;
    view! {
        <Modal open=notice title="Feature not available">
            <p>
                "Model Deployment is not enabled for this group. Please contact your administrator to enable it."
            </p>
            <div class="modal__actions">
                <button type="button" class="button" on:click=move |_| notice.set(false)>
                    "OK"
                </button>
            </div>
        </Modal>
        <Modal open=action.dialog title="Deploy Model">
            <DeployForm action=action />
        </Modal>
    }
}

/// The dialog's content; rendered afresh on every opening, so nothing
/// carries over from the last one.
#[component]
fn DeployForm(action: DeployAction) -> impl IntoView {
    let class = style! {
        .deploy-form__what {
            margin: 0 0 1rem 0;
            overflow-wrap: anywhere;
            white-space: pre-wrap;
        }
        .deploy-form__field {
            display: flex;
            flex-direction: column;
            gap: 0.35rem;
            margin-bottom: 0.75rem;
        }
        .deploy-form__field select {
            max-width: 100%;
        }
        .deploy-form__problem {
            color: var(--pm-danger);
            margin: 0 0 0.75rem 0;
        }
        .deploy-form__note {
            margin: 0 0 0.75rem 0;
            overflow-wrap: anywhere;
        }
    };
    let name = action.name.get_untracked();
    let version = action.target.get_untracked().unwrap_or_default();
    let choice = RwSignal::new(None::<Choice>);
    let problem = RwSignal::new(None::<&'static str>);
    let navigate = use_navigate();
    let links = action.deployments.links();
    let deployments = action.deployments;

    let submit = {
        let (name, version) = (name.clone(), version.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(links) = links.as_ref() else { return };
            let Some(c) = choice.get_untracked() else {
                problem.set(Some(
                    "Choose a deployment: create a new one, or pick one to update.",
                ));
                return;
            };
            let href = handoff_href(links, &name, &version, &c);
            action.leaving.set_value(true);
            action.dialog.set(false);
            forget_deploy_parameter();
            if action.full_page.get_value() || is_external_route(&links.route) {
                let _ = window().location().set_href(&href);
            } else {
                navigate(&href, exact(false, true));
            }
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        choice.set(Choice::from_value(&event_target_value(&ev)));
        problem.set(None);
    };
    let existing = move || match deployments.state() {
        DeploymentsState::Loading => view! {
            <optgroup label="Update existing deployments">
                <option disabled=true>"Loading deployments…"</option>
            </optgroup>
        }
        .into_any(),
        DeploymentsState::Ready(list) if list.is_empty() => ().into_any(),
        DeploymentsState::Ready(list) => {
            let options = list
                .iter()
                .map(|d| {
                    let text = format!("{} (serves {})", d.label(), d.serving_label());
                    view! { <option value=format!("update:{}", d.id)>{text}</option> }
                })
                .collect_view();
            view! { <optgroup label="Update existing deployments">{options}</optgroup> }.into_any()
        }
        DeploymentsState::Failed(_) => ().into_any(),
    };
    let failure = move || match deployments.state() {
        DeploymentsState::Failed(e) => Some(view! {
            <p class=format!("deploy-form__note {class}") role="alert">
                {format!("Existing deployments could not be loaded: {e}. You can still create a new deployment.")}
                " "
                <button type="button" class="button button--secondary" on:click=move |_| deployments.refetch()>
                    "Retry"
                </button>
            </p>
        }),
        _ => None,
    };
    let close = move |_| action.dialog.set(false);
    view! {
        <form on:submit=submit novalidate=true>
            <p class=format!("deploy-form__what {class}")>
                "Model " <strong class="deploy-form__name">{name.clone()}</strong>
                ", version " <strong>{version.clone()}</strong>
            </p>
            <div class=format!("deploy-form__field {class}")>
                <label for="deploy-target">"Deployment"</label>
                <select
                    id="deploy-target"
                    name="deployment"
                    required=true
                    aria-describedby="deploy-problem"
                    aria-invalid=move || problem.get().is_some().then_some("true")
                    on:change=on_change
                >
                    <option value="" disabled=true selected=true>"Choose a deployment"</option>
                    <option value="create">"+ Create new deployment"</option>
                    {existing}
                </select>
            </div>
            {failure}
            <p id="deploy-problem" class=format!("deploy-form__problem {class}") role="status">
                {move || problem.get()}
            </p>
            <div class="modal__actions">
                <button type="button" class="button button--secondary" on:click=close>"Cancel"</button>
                <button type="submit" class="button">"OK"</button>
            </div>
        </form>
    }
}
