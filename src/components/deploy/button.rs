//! The Deploy button of a version: pressable when the version is ready,
//! else disabled with the reason said (tooltip and screen-reader text).

use crate::mlflow::types::VersionStatus;
use leptos::prelude::*;

/// "Deploy" for `version`; `on_deploy` gets the version number.
#[component]
pub fn DeployButton(
    version: String,
    status: VersionStatus,
    #[prop(into)] on_deploy: Callback<String>,
    /// The quieter look of a button in a table row.
    #[prop(optional)]
    secondary: bool,
) -> impl IntoView {
    let class = if secondary {
        "button button--secondary"
    } else {
        "button"
    };
    match status.not_deployable() {
        None => view! {
            <button type="button" class=class on:click=move |_| on_deploy.run(version.clone())>
                "Deploy"
            </button>
        }
        .into_any(),
        // `aria-disabled` rather than `disabled`: the button stays reachable
        // by keyboard, so the reason can be read.
        Some(why) => {
            let id = format!("deploy-blocked-{version}");
            view! {
                <button type="button" class=class aria-disabled="true" title=why aria-describedby=id.clone()>
                    "Deploy"
                </button>
                <span id=id class="visually-hidden">{why}</span>
            }
            .into_any()
        }
    }
}
