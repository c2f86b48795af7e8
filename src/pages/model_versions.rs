use crate::components::{AppLink, Breadcrumbs, Crumb, ErrorState, LocalTime, MlflowUiButton};
use crate::context::AppContext;
use crate::links::{models_href, version_href};
use crate::mlflow::client::get_registered_model;
use crate::mlflow::url::encode_component;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `models/:name`: one registered model and its versions.
#[component]
pub fn ModelVersionsPage() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let params = use_params_map();
    // The router decodes the path segment once; that is the exact name.
    let name = Memo::new(move |_| params.read().get("name").unwrap_or_default());
    let api = ctx.api();
    let model = LocalResource::new(move || {
        let api = api.clone();
        let name = name.get();
        async move { get_registered_model(&api, &name).await }
    });
    let base = ctx.base.clone();
    let models = models_href(&base);
    view! {
        <Breadcrumbs items=vec![Crumb::link("Models", models.clone()), Crumb::current(name.get_untracked())] />
        <div class="page-head">
            <h1 class="page-head__name">{move || name.get()}</h1>
            <MlflowUiButton fragment=format!("models/{}", encode_component(&name.get_untracked())) />
        </div>
        {move || match model.get() {
            None => view! { <p aria-busy="true">"Loading…"</p> }.into_any(),
            Some(Err(e)) if e.is_not_found() => view! {
                <div class="empty-state" role="alert">
                    <h2>{format!("No model named \"{}\"", name.get_untracked())}</h2>
                    <p><AppLink href=models.clone()>"Back to Models"</AppLink></p>
                </div>
            }
            .into_any(),
            Some(Err(e)) => view! { <ErrorState error=e on_retry=move |_| model.refetch() /> }.into_any(),
            Some(Ok(m)) => {
                let mut versions = m.latest_versions.clone();
                versions.sort_by_key(|v| std::cmp::Reverse(v.version.parse::<u64>().unwrap_or(0)));
                let base = base.clone();
                view! {
                    <dl class="field-list">
                        <dt>"Created"</dt><dd><LocalTime ms=m.creation_timestamp /></dd>
                        <dt>"Last Modified"</dt><dd><LocalTime ms=m.last_updated_timestamp /></dd>
                        <dt>"Description"</dt><dd class="prose-text">{if m.description.is_empty() { "-".to_string() } else { m.description.clone() }}</dd>
                    </dl>
                    <h2>"Latest versions"</h2>
                    <ul class="version-links">
                        {versions.into_iter().map(|v| {
                            let href = version_href(&base, &m.name, &v.version);
                            view! { <li><AppLink href=href>{format!("Version {}", v.version)}</AppLink> " " <span class="muted">{v.current_stage.clone()}</span></li> }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }
        }}
    }
}
