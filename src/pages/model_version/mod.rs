use crate::components::error_state::{Remedy, SignInAgain};
use crate::components::{
    open_from_url, tag_chips, use_deploy_action, AppLink, Breadcrumbs, CompareWithServing, Crumb,
    DeployButton, DeployDialogs, DeployedBy, Deployments, ErrorState, Field, KeyValueTable, KvRow,
    LocalTime, Markdown, MetricHistory, MlflowUiButton, Problem, SourceRun, VersionUse,
};
use crate::context::AppContext;
use crate::deploy::ModelFacts;
use crate::hooks::{use_log_scales, use_run, RunResource};
use crate::links::{logged_model_href, model_href, models_href, version_href};
use crate::mlflow::client::{copied_from, get_logged_model, get_model_version, logged_model_id};
use crate::mlflow::types::{user_tags, ModelVersion};
use crate::mlflow::url::encode_component;
use crate::mlflow::MlflowError;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use model::ModelSection;
use stylers_macro::style;

mod model;

/// `models/:name/versions/:version`: everything about one version, its run
/// and its metrics' history.
#[component]
pub fn ModelVersionPage() -> impl IntoView {
    let ctx = expect_context::<AppContext>();
    let params = use_params_map();
    let name = Memo::new(move |_| params.read().get("name").unwrap_or_default());
    let version = Memo::new(move |_| params.read().get("version").unwrap_or_default());
    let api = ctx.api();
    let found = {
        let api = api.clone();
        crate::hooks::local_resource(move || {
            let api = api.clone();
            let (name, version) = (name.get(), version.get());
            async move { get_model_version(&api, &name, &version).await }
        })
    };
    // Once the version is known, its run and its logged model, in parallel.
    let run_id = Memo::new(move |_| {
        found
            .get()
            .and_then(Result::ok)
            .map(|v| v.run_id)
            .unwrap_or_default()
    });
    let run = use_run(api.clone(), run_id.into());
    let source = Memo::new(move |_| {
        found
            .get()
            .and_then(Result::ok)
            .map(|v| v.source)
            .unwrap_or_default()
    });
    let logged_model = {
        let api = api.clone();
        crate::hooks::local_resource(move || {
            let api = api.clone();
            let id = logged_model_id(&source.get()).map(str::to_string);
            async move {
                match id {
                    Some(id) => get_logged_model(&api, &id).await.ok().flatten(),
                    None => None,
                }
            }
        })
    };

    let base = ctx.base.clone();
    let ui = ctx.mlflow_ui();
    let root = ctx.root();
    let model_link = model_href(&base, &name.get_untracked());
    let deployments = Deployments::for_page();
    let deploy_action = use_deploy_action(name.into(), deployments);
    // `?deploy` opens the dialog once the version is known to exist and be ready.
    open_from_url(
        deploy_action,
        Some(Signal::derive(move || {
            found
                .get()
                .and_then(Result::ok)
                .filter(|v| v.status().not_deployable().is_none())
                .map(|v| v.version)
                .unwrap_or_default()
        })),
    );
    let class = style! {
        .version-page__model {
            margin: -0.75rem 0 1rem 0;
            color: var(--pm-muted);
            white-space: pre-wrap;
            overflow-wrap: anywhere;
        }
        .version-page__histories {
            display: grid;
            grid-template-columns: repeat(auto-fill, minmax(22rem, 1fr));
            gap: 1rem;
        }
    };

    let body = {
        let (model_link, base) = (model_link.clone(), base.clone());
        move || {
            match found.get() {
            None => view! { <p aria-busy="true">"Loading…"</p> }.into_any(),
            Some(Err(e)) if e.is_missing() => view! {
                <div class="empty-state" role="alert">
                    <h2>{format!("\u{201c}{}\u{201d} has no version {}", name.get_untracked(), version.get_untracked())}</h2>
                    <p><AppLink href=model_link.clone()>"Back to the model"</AppLink></p>
                </div>
            }
            .into_any(),
            Some(Err(e)) => {
                let e = Problem::from(e).about_model(&name.get_untracked());
                view! { <ErrorState error=e on_retry=move |_| found.refetch() /> }.into_any()
            }
            Some(Ok(v)) => {
                let ui = ui.clone();
                let facts = crate::hooks::use_model_facts(api.clone(), root.clone(), v.clone(), run);
                // Aliases come with the version; a deployment written with a
                // stage or `latest` needs the model's latest versions, asked
                // for only then.
                let served = deployments.facts_of(v.name.clone(), ModelFacts::of_version(&v));
                // Versions deployments point at that MLflow lacks: no baseline.
                let missing = if deployments.enabled() {
                    let gone = deployments.dangling(Signal::stored(vec![(ModelFacts::of_version(&v), false)]));
                    Signal::derive(move || gone.get().map(|g| crate::deploy::missing_versions(&g)))
                } else {
                    Signal::stored(Some(Vec::new()))
                };
                view! {
                    {status_alert(&v)}
                    <VersionFields v=v.clone() run=run logged_model=logged_model ui=ui.clone() deployments=deployments facts=served />
                    <p>
                        <DeployButton version=v.version.clone() status=v.status() on_deploy=move |n| deploy_action.open(n) />
                    </p>
                    <CompareWithServing base=base.clone() state=Signal::derive(move || deployments.state()) model=served version=v.version.clone() missing=missing />
                    <RunSections v=v.clone() run=run api=api.clone() class=class />
                    <ModelSection facts=facts version=v root=root.clone() api=api.clone() />
                }
                .into_any()
            }
        }
        }
    };

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
        <p class=format!("version-page__model {class}")>
            "of " <AppLink href=model_link>{move || name.get()}</AppLink>
        </p>
        {body}
        <DeployDialogs action=deploy_action />
    }
}

/// A visible alert for a version that is not READY.
fn status_alert(v: &ModelVersion) -> Option<impl IntoView> {
    let what = v.status().alert()?;
    let message =
        (!v.status_message.is_empty()).then(|| format!(" MLflow says: {}", v.status_message));
    Some(view! {
        <div class="version-alert" role="alert">
            <strong>{what}</strong>
            {message}
        </div>
    })
}

/// The version's own fields, its source run and source, and how to use it.
#[component]
fn VersionFields(
    v: ModelVersion,
    run: RunResource,
    logged_model: LocalResource<Option<crate::mlflow::types::LoggedModel>>,
    ui: Option<crate::links::MlflowUi>,
    deployments: Deployments,
    /// What resolves the deployments' URIs (`Deployments::facts_of`).
    facts: Signal<ModelFacts>,
) -> impl IntoView {
    let this_version = v.version.clone();
    let deployed_by = deployments.links().map(|links| {
        view! {
            <Field label="Deployed By" class="deployed-by">
                <DeployedBy
                    state=Signal::derive(move || deployments.state())
                    links=links
                    model=facts
                    version=this_version.clone()
                />
            </Field>
        }
    });
    let source_run = view! { <SourceRun run_id=v.run_id.clone() run=run ui=ui.clone() /> };
    // Known from the source at once (the field is there from the first
    // drawing); its name and link once MLflow has answered.
    let logged = logged_model_id(&v.source).map(|id| {
        let id = id.to_string();
        view! {
            <Field label="Logged Model" class="logged-model">
                {move || match logged_model.get().flatten() {
                    Some(m) => {
                        let label = format!("{} ({})", m.info.name, m.info.model_id);
                        match logged_model_href(ui.as_ref(), &m.info.experiment_id, &m.info.model_id) {
                            Some(href) => view! { <a href=href target="_blank" rel="noopener noreferrer">{label}</a> }.into_any(),
                            None => label.into_any(),
                        }
                    }
                    None => id.clone().into_any(),
                }}
            </Field>
        }
    });
    let base = expect_context::<AppContext>().base;
    let copied = copied_from(&v.source).map(|(model, version)| {
        view! {
            <p class="version-copied">
                <AppLink href=version_href(&base, model, version)>
                    {format!("Copied from {model} version {version}")}
                </AppLink>
            </p>
        }
    });
    // Only where there are some: servers before MLflow 2.3 have none at all.
    let aliases = (!v.aliases.is_empty()).then(|| {
        let aliases = v.aliases.join(", ");
        view! { <Field label="Aliases" class="version-aliases">{aliases}</Field> }
    });
    let status_key = v.status().key();
    let status = v.status().label().to_string();
    let stage = v.stage_label().to_string();
    let tags = tag_chips(user_tags(&v.tags));
    let (created, updated) = (v.creation_timestamp, v.last_updated_timestamp);
    let ModelVersion {
        name,
        version,
        description,
        source,
        ..
    } = v;
    view! {
        <dl class="field-list version-fields">
            <Field label="Registered At"><LocalTime ms=created /></Field>
            <Field label="Last Modified"><LocalTime ms=updated /></Field>
            <Field label="Stage">{stage}</Field>
            <Field label="Status" class=format!("version-status status status--{status_key}")>{status}</Field>
            {aliases}
            {deployed_by}
            <Field label="Version Tags" class="version-tags">{tags}</Field>
            <Field label="Description" class="version-description"><Markdown source=description /></Field>
            <Field label="Source Run">{source_run}</Field>
            <Field label="Source" class="version-source-field">
                {copied}
                <code class="version-source">{source}</code>
            </Field>
            {logged}
            <VersionUse name=name version=version snippet=true />
        </dl>
    }
}

/// Parameters, metrics (with their history) and tags of the source run, or
/// why they are empty.
#[component]
fn RunSections(
    v: ModelVersion,
    run: RunResource,
    api: String,
    class: &'static str,
) -> impl IntoView {
    if v.run_id.is_empty() {
        return view! {
            <section aria-labelledby="run-sections">
                <h2 id="run-sections">"Parameters, metrics and tags"</h2>
                <p class="muted run-missing">"This version was registered without a source run, so it has no parameters, metrics or run tags."</p>
            </section>
        }
        .into_any();
    }
    let run_id = v.run_id.clone();
    let log_scales = use_log_scales(version_href(
        &expect_context::<AppContext>().base,
        &v.name,
        &v.version,
    ));
    view! {
        {move || match run.get().flatten() {
            None => view! { <p aria-busy="true">"Loading the source run…"</p> }.into_any(),
            Some(got) => match got.as_ref() {
                Err(e) => {
                    let why = if e.is_not_found() {
                        format!("The source run {run_id} no longer exists in MLflow, so its parameters, metrics and tags cannot be shown.")
                    } else if *e == MlflowError::PermissionDenied {
                        format!("The source run {run_id} is in an experiment you do not have permission to read, so its parameters, metrics and tags cannot be shown; ask the experiment's owner for access.")
                    } else {
                        format!("The source run could not be loaded: {e}")
                    };
                    // What can help, as the pages' error states decide it:
                    // signing in again, asking again, or nothing.
                    let retry = match Problem::from(e.clone()).remedy {
                        Remedy::SignIn => Some(view! { <SignInAgain /> }.into_any()),
                        Remedy::None => None,
                        Remedy::Retry => Some(view! {
                            <button type="button" class="button button--secondary" on:click=move |_| run.refetch()>"Retry"</button>
                        }.into_any()),
                    };
                    view! {
                        <section aria-labelledby="run-sections">
                            <h2 id="run-sections">"Parameters, metrics and tags"</h2>
                            <p class="run-missing" role="status">{why}</p>
                            {retry}
                        </section>
                    }
                    .into_any()
                }
                Ok(r) => {
                    let params: Vec<KvRow> = r.data.params.iter().map(|p| KvRow::param(&p.key, &p.value)).collect();
                    let metrics: Vec<KvRow> = r.data.metrics.iter().map(|m| KvRow::metric(&m.key, m.value)).collect();
                    let tags: Vec<KvRow> = user_tags(&r.data.tags).map(|t| KvRow::text(&t.key, &t.value)).collect();
                    // A metric whose latest value is past step 0 has a history
                    // to draw; one at step 0 was logged once or without steps,
                    // which its history tells (after the stepped ones).
                    let mut charted: Vec<(bool, String)> = r
                        .data
                        .metrics
                        .iter()
                        .map(|m| (m.step == 0, m.key.clone()))
                        .collect();
                    charted.sort();
                    let api = api.clone();
                    let run_id = r.info.run_id.clone();
                    view! {
                        <section aria-labelledby="params-title">
                            <h2 id="params-title">"Parameters"</h2>
                            <KeyValueTable caption="Parameters" rows=params empty="The run logged no parameters." />
                        </section>
                        <section aria-labelledby="metrics-title">
                            <h2 id="metrics-title">"Metrics"</h2>
                            <KeyValueTable caption="Metrics" rows=metrics empty="The run logged no metrics." />
                            {(!charted.is_empty()).then(|| view! {
                                <h3>"History"</h3>
                                <div class=format!("version-page__histories {class}")>
                                    {charted
                                        .into_iter()
                                        .map(|(at_zero, m)| view! {
                                            <MetricHistory
                                                api=api.clone()
                                                run_id=run_id.clone()
                                                metric=m.clone()
                                                at_step_zero=at_zero
                                                log=log_scales.on(m.clone())
                                                on_log=log_scales.set(m)
                                            />
                                        })
                                        .collect_view()}
                                </div>
                            })}
                        </section>
                        <section aria-labelledby="tags-title">
                            <h2 id="tags-title">"Tags"</h2>
                            <KeyValueTable caption="Tags" rows=tags empty="The run has no tags of its own." />
                        </section>
                    }
                    .into_any()
                }
            },
        }}
    }
    .into_any()
}
