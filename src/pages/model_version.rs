use crate::components::{AppLink, Breadcrumbs, Crumb, ErrorState, LocalTime, MlflowUiButton};
use crate::context::AppContext;
use crate::links::{model_href, models_href};
use crate::mlflow::client::get_model_version;
use crate::mlflow::url::encode_component;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `models/:name/versions/:version`: one version of a model.
#[component]
pub fn ModelVersionPage() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let params = use_params_map();
    let name = Memo::new(move |_| params.read().get("name").unwrap_or_default());
    let version = Memo::new(move |_| params.read().get("version").unwrap_or_default());
    let api = ctx.api();
    let found = LocalResource::new(move || {
        let api = api.clone();
        let (name, version) = (name.get(), version.get());
        async move { get_model_version(&api, &name, &version).await }
    });
    let base = ctx.base.clone();
    let model_link = model_href(&base, &name.get_untracked());
    view! {
        <Breadcrumbs items=vec![
            Crumb::link("Models", models_href(&base)),
            Crumb::link(name.get_untracked(), model_link.clone()),
            Crumb::current(format!("Version {}", version.get_untracked())),
        ] />
        <div class="page-head">
            <h1>{move || format!("Version {}", version.get())}</h1>
            <MlflowUiButton fragment=format!(
                "models/{}/versions/{}",
                encode_component(&name.get_untracked()),
                encode_component(&version.get_untracked())
            ) />
        </div>
        {move || match found.get() {
            None => view! { <p aria-busy="true">"Loading…"</p> }.into_any(),
            Some(Err(e)) if e.is_not_found() => view! {
                <div class="empty-state" role="alert">
                    <h2>{format!("\"{}\" has no version {}", name.get_untracked(), version.get_untracked())}</h2>
                    <p><AppLink href=model_link.clone()>"Back to the model"</AppLink></p>
                </div>
            }
            .into_any(),
            Some(Err(e)) => view! { <ErrorState error=e on_retry=move |_| found.refetch() /> }.into_any(),
            Some(Ok(v)) => view! {
                <dl class="field-list">
                    <dt>"Registered At"</dt><dd><LocalTime ms=v.creation_timestamp /></dd>
                    <dt>"Last Modified"</dt><dd><LocalTime ms=v.last_updated_timestamp /></dd>
                    <dt>"Stage"</dt><dd>{v.current_stage.clone()}</dd>
                    <dt>"Status"</dt><dd>{v.status.clone()}</dd>
                    <dt>"Source"</dt><dd><code>{v.source.clone()}</code></dd>
                </dl>
            }
            .into_any(),
        }}
    }
}
