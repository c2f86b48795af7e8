//! The "Deployed By" chips of a version.

use super::*;
use crate::components::AppLink;
use crate::deploy::{deployed_by, deployment_href, is_external_route, ModelFacts};
use leptos::prelude::*;

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
                    let link = deployment_link(&links, &d.id, d.label().to_string());
                    // Not live: said in words, not by colour alone.
                    let state = d.not_live();
                    let class = if state.is_some() { "chip chip--link chip--not-live" } else { "chip chip--link" };
                    view! {
                        <li class=class>
                            {link}
                            {state.map(|s| view! { <span class="chip__state">{format!(" ({s})")}</span> })}
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="chips deployed-by__chips">{items}</ul> }.into_any()
        }
    }
}

/// The deployments of a model that point at nothing, each with what it
/// points at and what is missing, linking to the deployment; nothing when
/// there are none (or while that is being found out).
#[component]
pub fn DanglingNote(
    #[prop(into)] dangling: Signal<Vec<crate::deploy::Dangling>>,
    links: DeploymentLinks,
) -> impl IntoView {
    move || {
        let list = dangling.get();
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .map(|d| {
                    let link = deployment_link(&links, &d.id, d.label.clone());
                    view! { <li>{link}{format!(" serves {}: {}.", d.points_at, d.why)}</li> }
                })
                .collect_view();
            view! {
                <div class="dangling-note" role="status">
                    <strong>"Deployments that point at nothing"</strong>
                    <ul>{items}</ul>
                </div>
            }
        })
    }
}

/// A link to deployment `id` labelled `label`: the host's page is a plain
/// link the app's router leaves alone, the app's own route an `AppLink`.
fn deployment_link(links: &DeploymentLinks, id: &str, label: String) -> AnyView {
    let href = deployment_href(&links.route, &links.base, id);
    if is_external_route(&links.route) {
        view! { <a href=href rel="external">{label}</a> }.into_any()
    } else {
        view! { <AppLink href=href>{label}</AppLink> }.into_any()
    }
}
