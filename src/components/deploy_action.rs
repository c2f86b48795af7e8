use super::Modal;
use crate::context::AppContext;
use crate::deploy::{handoff_create_url, is_external_route, model_uri};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// What a Deploy button does on a page about model `name`.
#[derive(Clone, Copy)]
pub struct DeployAction {
    /// Deploy the given version.
    pub deploy: Callback<String>,
    /// Open while the "not enabled" notice shows.
    pub notice: RwSignal<bool>,
}

/// Without `deployments` configured, Deploy explains that deployment is not
/// enabled; with it, Deploy hands the version's model URI to the
/// Deployments route (an absolute route is a full-page navigation).
pub fn use_deploy_action(name: Signal<String>) -> DeployAction {
    let ctx = expect_context::<AppContext>();
    let notice = RwSignal::new(false);
    let navigate = use_navigate();
    let deployments = ctx.config.deployments.clone();
    let base = ctx.base.clone();
    let deploy = Callback::new(move |version: String| match &deployments {
        None => notice.set(true),
        Some(d) => {
            let uri = model_uri(&name.get_untracked(), &version);
            let href = handoff_create_url(&d.route, &base, &uri);
            if is_external_route(&d.route) {
                let _ = window().location().set_href(&href);
            } else {
                navigate(&href, NavigateOptions::default());
            }
        }
    });
    DeployAction { deploy, notice }
}

/// The "Feature not available" notice of [`use_deploy_action`].
#[component]
pub fn DeployNotice(action: DeployAction) -> impl IntoView {
    let open = action.notice;
    view! {
        <Modal open=open title="Feature not available">
            <p>
                "Model Deployment is not enabled for this group. Please contact your administrator to enable it."
            </p>
            <div class="modal__actions">
                <button type="button" class="button" on:click=move |_| open.set(false)>
                    "OK"
                </button>
            </div>
        </Modal>
    }
}
