//! The in-app Deployments route: it receives the deploy hand-off
//! (`deployments/create`, `deployments/:id/edit`) and shows one deployment
//! (`deployments/:id`). Every URI is resolved through MLflow, so the page
//! says exactly what would be deployed.

use crate::components::{
    chips, AppLink, Breadcrumbs, Crumb, Deployments, DeploymentsState, ErrorState, Field, Problem,
    SourceRun, VersionUse,
};
use crate::context::AppContext;
use crate::deploy::resolve::{resolve_in_mlflow, ResolveError, Resolved};
use crate::deploy::{handed_over_note, received_uri, Deployment, Received};
use crate::hooks::use_run;
use crate::links::{model_href, models_href, version_href};
use crate::mlflow::types::aliases_of;
use crate::query::QueryState;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map};
use stylers_macro::style;

/// The version `deployment` serves, looked up in MLflow; `None` when its URI
/// names no registered model version.
fn resolve_deployment(
    api: String,
    deployment: &Deployment,
) -> LocalResource<Option<Result<Resolved, ResolveError>>> {
    let model_ref = deployment.model_ref();
    crate::hooks::local_resource(move || {
        let (api, r) = (api.clone(), model_ref.clone());
        async move {
            match r {
                Some(r) => Some(resolve_in_mlflow(&api, &r).await),
                None => None,
            }
        }
    })
}

/// `deployments/create` and `deployments/:id/edit`: what the Deploy dialog
/// handed over, checked against MLflow.
#[component]
pub fn DeploymentHandoffPage() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let params = use_params_map();
    let location = use_location();
    let id = Memo::new(move |_| params.read().get("id"));
    // Read the raw query ourselves: the router's query map decodes twice.
    let received = Memo::new(move |_| {
        let q = QueryState::parse(&location.search.get());
        received_uri(
            q.get("modelURI").as_deref(),
            q.get("defaultValue").as_deref(),
        )
    });
    let api = ctx.api();
    let target = {
        let api = api.clone();
        crate::hooks::local_resource(move || {
            let api = api.clone();
            let got = received.get();
            async move {
                match got {
                    Received::Model { model, .. } => Some(resolve_in_mlflow(&api, &model).await),
                    _ => None,
                }
            }
        })
    };
    let deployments = Deployments::for_page();
    let base = ctx.base.clone();
    let title = move || match id.get() {
        Some(id) => format!("Update deployment {id}"),
        None => "Create deployment".to_string(),
    };
    let ui = ctx.mlflow_ui();

    let body = {
        let base = base.clone();
        move || match received.get() {
            Received::Missing => problem(
                "No model was handed over",
                "This page needs a modelURI parameter such as ?modelURI=models:/<name>/<version>. \
                 Open a model version in Models and press Deploy to come here with one.",
                &base,
            )
            .into_any(),
            Received::Garbled { value } => problem(
                "This is not a model URI",
                &format!(
                    "\u{201c}{value}\u{201d} does not name a registered model version. \
                     A model URI looks like models:/<name>/<version> or models:/<name>@<alias>."
                ),
                &base,
            )
            .into_any(),
            Received::Model { uri, model } => {
                let name = model.display_name();
                let base = base.clone();
                let ui = ui.clone();
                let api = api.clone();
                (move || match target.get().flatten() {
                    None => view! { <p aria-busy="true">"Looking the model up in MLflow…"</p> }.into_any(),
                    Some(Err(e)) => resolve_problem(e, &name, &base, move || target.refetch()).into_any(),
                    Some(Ok(r)) => {
                        let change = id.get().map(|id| {
                            view! { <DeploymentChange id=id deployments=deployments target=r.clone() api=api.clone() /> }
                        });
                        view! {
                            {change}
                            <TargetFields uri=uri.clone() target=r ui=ui.clone() base=base.clone() />
                            <NextStep />
                        }
                        .into_any()
                    }
                })
                .into_any()
            }
        }
    };

    view! {
        <Breadcrumbs items=vec![Crumb::link("Models", models_href(&base)), Crumb::current("Deploy")] />
        <h1>{title}</h1>
        {body}
    }
}

/// A full-width message with a way back to the models.
fn problem(title: &str, text: &str, base: &str) -> impl IntoView {
    view! {
        <div class="empty-state handoff-problem" role="alert">
            <h2>{title.to_string()}</h2>
            <p>{text.to_string()}</p>
            <p><AppLink href=models_href(base)>"Go to Models"</AppLink></p>
        </div>
    }
}

fn resolve_problem(
    e: ResolveError,
    name: &str,
    base: &str,
    retry: impl Fn() + Send + Sync + 'static,
) -> AnyView {
    match e {
        ResolveError::NoModel(name) => problem(
            "No such model",
            &format!("MLflow has no registered model named \u{201c}{name}\u{201d}. It may have been renamed or deleted."),
            base,
        )
        .into_any(),
        ResolveError::NoVersion { model, what } => view! {
            <div class="empty-state handoff-problem" role="alert">
                <h2>"No such version"</h2>
                <p>{format!("The model \u{201c}{model}\u{201d} has no {what}. It may have been deleted, or the alias moved.")}</p>
                <p><AppLink href=model_href(base, &model)>"See its versions"</AppLink></p>
            </div>
        }
        .into_any(),
        ResolveError::NoAliases { uri_target } => problem(
            "This MLflow server has no aliases",
            &format!("The deployment names {uri_target}, but aliases came with MLflow 2.3 and this server is older, so the alias points at no version. Deploy a version by its number instead."),
            base,
        )
        .into_any(),
        ResolveError::Mlflow(e) => {
            let e = Problem::from(e).about_model(name);
            view! { <ErrorState error=e on_retry=move |_| retry() /> }.into_any()
        }
    }
}

/// What will be deployed: model, version, stage, aliases, source run, URI.
#[component]
fn TargetFields(
    uri: String,
    target: Resolved,
    ui: Option<crate::links::MlflowUi>,
    base: String,
) -> impl IntoView {
    let class = style! {
        .handoff__name {
            white-space: pre-wrap;
        }
    };
    let Resolved { model, version } = target;
    // As on the versions page: no Aliases field for a model without any.
    let model_has_aliases = !model.aliases.is_empty();
    let aliases = aliases_of(&model.aliases, &version.version);
    let model_link = model_href(&base, &version.name);
    let version_link = version_href(&base, &version.name, &version.version);
    let api = expect_context::<AppContext>().api();
    let run = use_run(api, Signal::stored(version.run_id.clone()));
    let source_run = view! { <SourceRun run_id=version.run_id.clone() run=run ui=ui.clone() /> };
    // Where the received URI is not the Model URI shown below, both are
    // shown and the page says which is which.
    let handed_over = handed_over_note(&uri, &version.name, &version.version).map(|note| {
        view! {
            <Field label="Handed over as">
                <code class="handoff__received">{uri.clone()}</code>
                <p class="field-note handoff__received-note">{note}</p>
            </Field>
        }
    });
    let status = version.status();
    let stage = version.stage_label().to_string();
    let usage = view! { <VersionUse name=version.name.clone() version=version.version.clone() /> };
    let blocked = status.not_deployable().map(|why| {
        view! { <p class="handoff__blocked version-alert" role="alert">{why}</p> }
    });
    view! {
        <h2>"Model to deploy"</h2>
        {blocked}
        <dl class="field-list handoff__fields">
            <Field label="Model" class=format!("handoff__name {class}")><AppLink href=model_link>{version.name.clone()}</AppLink></Field>
            <Field label="Version" class="handoff__version">
                <AppLink href=version_link>{format!("Version {}", version.version)}</AppLink>
            </Field>
            <Field label="Stage">{stage}</Field>
            <Field label="Status" class=format!("handoff__status status status--{}", status.key())>{status.label().to_string()}</Field>
            {model_has_aliases.then(|| view! {
                <Field label="Aliases">{chips(aliases)}</Field>
            })}
            <Field label="Source Run">{source_run}</Field>
            {handed_over}
            {usage}
        </dl>
    }
}

/// What to do from here: this site does not deploy (the app is the
/// Deployments route only when no platform is behind it).
#[component]
fn NextStep() -> impl IntoView {
    view! {
        <section class="handoff__next" aria-labelledby="next-step">
            <h2 id="next-step">"Next step"</h2>
            <p>
                "This site browses models; it does not run deployments, so nothing has been deployed or changed. To serve this version:"
            </p>
            <ul>
                <li>"on a machine with MLflow, run the command under \u{201c}Serve it\u{201d} above;"</li>
                <li>
                    "or, to deploy on your platform, ask the administrator of this site to set "
                    <code>"deployments.route"</code>
                    " in its configuration to the platform's Deployments page (for PrimeHub, "
                    <code>"https://<primehub>/console/g/<group>/deployments"</code>
                    "): Deploy then hands the version over there."
                </li>
            </ul>
        </section>
    }
}

/// The deployment being updated: what it serves now and what it will serve.
#[component]
fn DeploymentChange(
    id: String,
    deployments: Deployments,
    target: Resolved,
    api: String,
) -> impl IntoView {
    let to = target.label();
    let id_for_lookup = id.clone();
    let current = move || {
        let state = deployments.state();
        let found = state
            .list()
            .and_then(|l| l.iter().find(|d| d.id == id_for_lookup).cloned());
        (state, found)
    };
    let api = StoredValue::new(api);
    move || {
        match current() {
        (DeploymentsState::Loading, _) => view! { <p aria-busy="true">"Loading the deployment…"</p> }.into_any(),
        (DeploymentsState::Failed(e), _) => view! {
            <p class="handoff__change" role="alert">
                {format!("The deployment being updated could not be looked up: {e}. It will serve {to}.")}
            </p>
        }
        .into_any(),
        (DeploymentsState::Ready(_), None) => view! {
            <p class="handoff__change" role="alert">
                {format!("The group has no deployment with id \u{201c}{id}\u{201d}; it may have been deleted. Updating it would serve {to}.")}
            </p>
        }
        .into_any(),
        (DeploymentsState::Ready(_), Some(d)) => {
            view! { <CurrentlyServes deployment=d to=to.clone() api=api.get_value() /> }.into_any()
        }
    }
    }
}

/// "iris prod: v2 → v3", with the current URI resolved through MLflow.
#[component]
fn CurrentlyServes(deployment: Deployment, to: String, api: String) -> impl IntoView {
    let from = resolve_deployment(api, &deployment);
    let label = deployment.label().to_string();
    let fallback = deployment.serving_label();
    view! {
        <dl class="field-list handoff__deployment">
            <Field label="Deployment">{label}</Field>
            <Field label="Change" class="handoff__change">
                {move || {
                    let from = match from.get().flatten() {
                        Some(Ok(r)) => r.label(),
                        Some(Err(e @ ResolveError::NoAliases { .. })) => unresolved(&fallback, &e),
                        _ => fallback.clone(),
                    };
                    if from == to {
                        format!("{to} (already served)")
                    } else {
                        format!("{from} \u{2192} {to}")
                    }
                }}
            </Field>
        </dl>
    }
}

/// What a deployment serves when MLflow has no such version: its URI described, and why.
fn unresolved(described: &str, e: &ResolveError) -> String {
    match e {
        ResolveError::NoAliases { .. } => {
            format!("{described} (this MLflow server has no aliases)")
        }
        _ => format!("{described} (not found in MLflow)"),
    }
}

/// `deployments/:id`: one deployment of the group and what it serves.
#[component]
pub fn DeploymentPage() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let deployments = Deployments::for_page();
    let base = ctx.base.clone();
    let api = ctx.api();
    let body = {
        let base = base.clone();
        move || {
            let id = id.get();
            match deployments.state() {
                DeploymentsState::Loading => view! { <p aria-busy="true">"Loading deployments…"</p> }.into_any(),
                DeploymentsState::Failed(e) => {
                    view! { <ErrorState error=e on_retry=move |_| deployments.refetch() /> }.into_any()
                }
                DeploymentsState::Ready(list) => match list.iter().find(|d| d.id == id) {
                    None => problem(
                        "No such deployment",
                        &format!("The group has no deployment with id \u{201c}{id}\u{201d}."),
                        &base,
                    )
                    .into_any(),
                    Some(d) => view! { <DeploymentFields deployment=d.clone() api=api.clone() base=base.clone() /> }.into_any(),
                },
            }
        }
    };
    view! {
        <Breadcrumbs items=vec![Crumb::link("Models", models_href(&base)), Crumb::current("Deployment")] />
        <h1>{move || format!("Deployment {}", id.get())}</h1>
        {body}
    }
}

#[component]
fn DeploymentFields(deployment: Deployment, api: String, base: String) -> impl IntoView {
    let serves = resolve_deployment(api, &deployment);
    let fallback = deployment.serving_label();
    let serves_view = move || match serves.get().flatten() {
        Some(Ok(r)) => view! {
            <AppLink href=version_href(&base, &r.version.name, &r.version.version)>
                {r.label()}
            </AppLink>
        }
        .into_any(),
        Some(Err(e)) => view! { <span>{unresolved(&fallback, &e)}</span> }.into_any(),
        None => view! { <span>{fallback.clone()}</span> }.into_any(),
    };
    let name = deployment.label().to_string();
    let id = deployment.id.clone();
    let status = deployment.status.clone().unwrap_or_else(|| "-".into());
    let uri = deployment.model_uri.clone().unwrap_or_else(|| "-".into());
    view! {
        <dl class="field-list">
            <Field label="Name">{name}</Field>
            <Field label="Id"><code>{id}</code></Field>
            <Field label="Status">{status}</Field>
            <Field label="Model URI"><code>{uri}</code></Field>
            <Field label="Serves" class="deployment__serves">{serves_view}</Field>
        </dl>
    }
}
