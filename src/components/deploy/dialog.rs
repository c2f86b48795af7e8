//! The "Deploy Model" dialog: the choice between creating and updating a
//! deployment, and the hand-off when OK is pressed.

use super::action::without_deploy;
use super::preflight::PreflightChecks;
use super::*;
use crate::components::app_link::exact;
use crate::components::Modal;
use crate::deploy::{
    deployed_by, handoff_create_url, handoff_edit_url, is_external_route, model_uri,
    update_options, ModelFacts, ServedBaseline, UpdateOption,
};
use crate::links::compare_with_href;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use stylers_macro::style;

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
    let confirmed = RwSignal::new(false);
    let problem = RwSignal::new(None::<&'static str>);
    let navigate = use_navigate();
    let links = action.deployments.links();
    let deployments = action.deployments;
    let facts = deployments.facts_of(
        name.clone(),
        ModelFacts {
            name: name.clone(),
            ..Default::default()
        },
    );
    // Deployments of this model that point at nothing, said in their options.
    let dangling = deployments.dangling(Signal::derive(move || vec![(facts.get(), false)]));
    let options = Memo::new({
        let version = version.clone();
        move |_| match deployments.state() {
            DeploymentsState::Ready(list) => {
                let gone = dangling.get().unwrap_or_default();
                facts.with(|f| update_options(&list, f, &version, &gone))
            }
            _ => Vec::new(),
        }
    });

    // Updating a deployment that serves another model replaces it: asked
    // for in the dialog before the hand-off.
    let replaces = Memo::new(move |_| match choice.get() {
        Some(Choice::Update(id)) => options
            .get()
            .into_iter()
            .find(|o| o.id == id)
            .and_then(|o| o.replaces.map(|r| (o.label, r))),
        _ => None,
    });
    // The version the chosen deployment serves now, when it is another
    // version of this model: the pre-flight's baseline, with its label.
    let served = Memo::new({
        let version = version.clone();
        move |_| {
            let Some(Choice::Update(id)) = choice.get() else {
                return None;
            };
            let state = deployments.state();
            let d = state.list()?.iter().find(|d| d.id == id)?;
            let v = facts.with(|f| d.serves(f))?;
            (v != version).then(|| (v, d.label().to_string()))
        }
    });
    // The other live deployments already serving this version.
    let also = Memo::new({
        let version = version.clone();
        move |_| {
            let target = match choice.get() {
                Some(Choice::Update(id)) => Some(id),
                _ => None,
            };
            let state = deployments.state();
            let Some(list) = state.list() else {
                return Vec::new();
            };
            facts.with(|f| {
                deployed_by(list, f, &version)
                    .into_iter()
                    .filter(|d| d.not_live().is_none() && Some(&d.id) != target.as_ref())
                    .map(|d| d.label().to_string())
                    .collect::<Vec<_>>()
            })
        }
    });
    // Problems the pre-flight found, and the ones the user confirmed.
    let found = RwSignal::new(Vec::<String>::new());
    let accepted = RwSignal::new(Vec::<String>::new());
    // OK pressed while checks are still on their way waits for them: a
    // problem is never handed over unseen.
    let checking = RwSignal::new(false);
    let waiting = RwSignal::new(false);
    let hand_off = {
        let (name, version) = (name.clone(), version.clone());
        std::rc::Rc::new(move || {
            let Some(links) = links.as_ref() else { return };
            let Some(c) = choice.get_untracked() else {
                problem.set(Some(
                    "Choose a deployment: create a new one, or pick one to update.",
                ));
                return;
            };
            if replaces.get_untracked().is_some() && !confirmed.get_untracked() {
                problem.set(Some(
                    "This deployment serves another model: tick the box to confirm replacing it, or choose another deployment.",
                ));
                return;
            }
            if checking.get_untracked() {
                waiting.set(true);
                problem.set(Some("Waiting for the pre-flight checks to finish…"));
                return;
            }
            let problems = found.get_untracked();
            if !problems.is_empty() && accepted.get_untracked() != problems {
                problem.set(Some(
                    "The pre-flight checks found a problem: tick the box to deploy anyway, or choose another deployment.",
                ));
                return;
            }
            let href = handoff_href(links, &name, &version, &c);
            action.leaving.set_value(true);
            action.dialog.set(false);
            // Back after the hand-off must not open the dialog again: the
            // current entry loses `?deploy` (through the router, which
            // writes history at once). A host page's URL is not ours.
            if !action.full_page.get_value() {
                let location = window().location();
                let search = location.search().unwrap_or_default();
                if let Some(query) = without_deploy(&search) {
                    let here = format!(
                        "{}{query}{}",
                        location.pathname().unwrap_or_default(),
                        location.hash().unwrap_or_default()
                    );
                    navigate(&here, exact(true, false));
                }
            }
            if action.full_page.get_value() || is_external_route(&links.route) {
                let _ = window().location().set_href(&href);
            } else {
                navigate(&href, exact(false, true));
            }
        })
    };
    let submit = {
        let hand_off = hand_off.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            hand_off();
        }
    };
    Effect::new(move |_| {
        if waiting.get() && !checking.get() {
            waiting.set(false);
            problem.set(None);
            hand_off();
        }
    });
    let on_change = move |ev: leptos::ev::Event| {
        waiting.set(false);
        choice.set(Choice::from_value(&event_target_value(&ev)));
        confirmed.set(false);
        accepted.set(Vec::new());
        problem.set(None);
    };
    let existing = move || match deployments.state() {
        DeploymentsState::Loading => view! {
            <optgroup label="Update existing deployments">
                <option disabled=true>"Loading deployments…"</option>
            </optgroup>
        }
        .into_any(),
        DeploymentsState::Ready(_) => {
            let (mine, others): (Vec<UpdateOption>, Vec<UpdateOption>) =
                options.get().into_iter().partition(|o| o.same_model);
            let group = |label: &'static str, list: Vec<UpdateOption>| {
                (!list.is_empty()).then(|| {
                    let items = list
                        .into_iter()
                        .map(|o| {
                            // Options are drawn again as what they serve
                            // becomes known: the one chosen stays chosen.
                            let picked = Choice::Update(o.id.clone());
                            view! {
                                <option value=format!("update:{}", o.id) selected=move || choice.get() == Some(picked.clone())>
                                    {o.text}
                                </option>
                            }
                        })
                        .collect_view();
                    view! { <optgroup label=label>{items}</optgroup> }
                })
            };
            view! {
                {group("Deployments of this model", mine)}
                {group("Other deployments", others)}
            }
            .into_any()
        }
        DeploymentsState::Failed(_) => ().into_any(),
    };
    let confirm = {
        let what = format!("{name} v{version}");
        move || {
            replaces.get().map(|(deployment, serves)| {
                view! {
                    <p class=format!("deploy-form__note deploy-form__confirm {class}")>
                        <label>
                            <input type="checkbox" prop:checked=move || confirmed.get() on:change=move |ev| {
                                confirmed.set(event_target_checked(&ev));
                                problem.set(None);
                            } />
                            " "
                            {format!("Replace what {deployment} serves now ({serves}) with {what}")}
                        </label>
                    </p>
                }
            })
        }
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
    // With a problem listed, OK asks for this box, which names it; a
    // problem found after the box was ticked unticks it.
    let accept = {
        let what = format!("{name} v{version}");
        move || {
            let list = found.get();
            (!list.is_empty()).then(|| {
                let text = format!("Deploy {what} despite: {}", list.join("; "));
                let ticked = move || accepted.with(|a| *a == found.get());
                view! {
                    <p class=format!("deploy-form__note deploy-form__accept {class}")>
                        <label>
                            <input type="checkbox" prop:checked=ticked on:change=move |ev| {
                                accepted.set(if event_target_checked(&ev) { found.get_untracked() } else { Vec::new() });
                                problem.set(None);
                            } />
                            " "
                            {text}
                        </label>
                    </p>
                }
            })
        }
    };
    // Only a live deployment serves, and only a version MLflow has is a baseline.
    let comparable = Memo::new(move |_| {
        let Some(Choice::Update(id)) = choice.get() else {
            return None;
        };
        let live = deployments
            .state()
            .list()
            .is_some_and(|l| l.iter().any(|d| d.id == id && d.not_live().is_none()));
        let gone = dangling.get()?.iter().any(|d| d.id == id);
        (live && !gone).then(|| served.get()).flatten()
    });
    let compare_link = {
        let (base, name, version) = (
            expect_context::<crate::context::AppContext>().base,
            name.clone(),
            version.clone(),
        );
        move || {
            comparable.get().map(|(v, deployment)| {
                let href = compare_with_href(&base, &name, &v, &version);
                let label = ServedBaseline {
                    version: v,
                    deployments: vec![deployment],
                }
                .label();
                view! {
                    <p class=format!("deploy-form__note {class}")>
                        <crate::components::AppLink href=href>{label}</crate::components::AppLink>
                    </p>
                }
            })
        }
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
            {confirm}
            {failure}
            <PreflightChecks
                name=name.clone()
                version=version.clone()
                shown=Signal::derive(move || choice.get().is_some())
                served=Signal::derive(move || served.get().map(|(v, _)| v))
                also=also
                problems_found=found
                checking=checking
            />
            {compare_link}
            {accept}
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
