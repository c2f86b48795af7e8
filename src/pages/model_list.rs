use crate::components::{
    AppLink, Breadcrumbs, Crumb, ErrorState, LocalTime, MlflowUiButton, TableSkeleton,
};
use crate::context::AppContext;
use crate::links::{model_href, version_href};
use crate::mlflow::client::{search_registered_models, ModelSearch};
use crate::mlflow::types::RegisteredModel;
use leptos::prelude::*;
use stylers_macro::style;

const HEADERS: [&str; 4] = ["Name", "Latest Version", "Created", "Last Modified"];

/// `models`: the registered models of the group's MLflow.
#[component]
pub fn ModelListPage() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let api = ctx.api();
    let models = LocalResource::new(move || {
        let api = api.clone();
        async move {
            let search = ModelSearch {
                max_results: 100,
                ..Default::default()
            };
            search_registered_models(&api, &search).await
        }
    });
    let base = ctx.base.clone();
    view! {
        <Breadcrumbs items=vec![Crumb::current("Models")] />
        <div class="page-head">
            <h1>"Models"</h1>
            <MlflowUiButton fragment="models" />
        </div>
        {move || match models.get() {
            None => view! { <TableSkeleton headers=HEADERS.to_vec() /> }.into_any(),
            Some(Err(e)) => view! { <ErrorState error=e on_retry=move |_| models.refetch() /> }.into_any(),
            Some(Ok(page)) if page.registered_models.is_empty() => view! {
                <div class="empty-state">
                    <h2>"No models registered yet"</h2>
                    <p>"Register a model in MLflow (for example with mlflow.register_model) and it appears here."</p>
                </div>
            }
            .into_any(),
            Some(Ok(page)) => view! { <ModelTable models=page.registered_models base=base.clone() /> }.into_any(),
        }}
    }
}

/// The table of registered models.
#[component]
pub fn ModelTable(
    /// The models to show, in order.
    models: Vec<RegisteredModel>,
    /// The router base for links.
    #[prop(into)]
    base: String,
) -> impl IntoView {
    let class = style! {
        .model-table__name {
            white-space: pre-wrap;
            overflow-wrap: anywhere;
            max-width: 40rem;
        }
    };
    let rows = models
        .into_iter()
        .map(|m| {
            let latest = m.latest_version().map(|v| {
                let href = version_href(&base, &m.name, &v.version);
                view! { <AppLink href=href>{format!("Version {}", v.version)}</AppLink> }
            });
            view! {
                <tr>
                    <th scope="row" class=format!("model-table__name {class}")>
                        <AppLink href=model_href(&base, &m.name)>{m.name.clone()}</AppLink>
                    </th>
                    <td>{latest.map(|l| l.into_any()).unwrap_or_else(|| "-".into_any())}</td>
                    <td><LocalTime ms=m.creation_timestamp /></td>
                    <td><LocalTime ms=m.last_updated_timestamp /></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data-table model-table">
            <caption class="visually-hidden">"Registered models"</caption>
            <thead>
                <tr>{HEADERS.map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
