use super::AppLink;
use crate::context::AppContext;
use crate::links::{mlflow_ui_href, models_href};
use leptos::prelude::*;

/// The app's header: product title linking to the model list.
#[component]
pub fn AppHeader() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let group = ctx.config.group.clone();
    let workspace = ctx.config.workspace.clone().map(|w| {
        view! {
            <span class="app-header__workspace" title="The MLflow workspace these models are in">
                "Workspace "<strong>{w}</strong>
            </span>
        }
    });
    view! {
        <header class="app-header">
            <AppLink class="app-header__title" href=models_href(&ctx.base)>"Models"</AppLink>
            {group.map(|g| view! { <span class="app-header__group">{g}</span> })}
            {workspace}
        </header>
    }
}

/// "MLflow UI" opening MLflow's own page in a new tab; nothing when
/// `mlflow_ui` is not configured.
#[component]
pub fn MlflowUiButton(
    /// The part after `#/`, names already encoded (e.g. `models`).
    #[prop(into)]
    fragment: String,
) -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    mlflow_ui_href(ctx.mlflow_ui().as_ref(), &fragment).map(|href| {
        view! {
            <a class="button button--secondary" href=href target="_blank" rel="noopener noreferrer">
                "MLflow UI"
            </a>
        }
    })
}
