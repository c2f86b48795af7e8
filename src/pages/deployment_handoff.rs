use crate::components::{Breadcrumbs, Crumb};
use crate::context::AppContext;
use crate::links::models_href;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map};

/// The in-app Deployments route that receives the deploy hand-off
/// (`deployments/create` and `deployments/:id/edit`).
#[component]
pub fn DeploymentHandoffPage() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let params = use_params_map();
    let location = use_location();
    // Read the raw query ourselves: the router's query map decodes twice.
    let model_uri = move || {
        let search = location.search.get();
        crate::query::QueryState::parse(&search)
            .get("modelURI")
            .unwrap_or_default()
    };
    let title = move || match params.read().get("id") {
        Some(id) => format!("Update deployment {id}"),
        None => "Create deployment".to_string(),
    };
    view! {
        <Breadcrumbs items=vec![Crumb::link("Models", models_href(&ctx.base)), Crumb::current("Deploy")] />
        <h1>{title}</h1>
        <dl class="field-list">
            <dt>"Model URI"</dt>
            <dd><code class="handoff__uri">{model_uri}</code></dd>
        </dl>
    }
}
