//! The group's deployments, fetched once per page view, and where their
//! links go.

use crate::config::DeploymentsConfig;
use crate::context::AppContext;
use crate::deploy::resolve::{dangling_why, resolve_in_mlflow};
use crate::deploy::source::{load, DeploymentsError};
use crate::deploy::UriTarget;
use crate::deploy::{Dangling, Deployment, ModelFacts, ModelRef};
use crate::mlflow::client::{get_model_version, get_registered_model, server_has_aliases};
use leptos::prelude::*;
use std::sync::Arc;

/// The group's deployments as a page sees them.
#[derive(Clone, Debug, PartialEq)]
pub enum DeploymentsState {
    /// Still being fetched.
    Loading,
    /// The list, in the source's order (newest first for PrimeHub).
    Ready(Arc<Vec<Deployment>>),
    /// The source failed; creating a deployment still works.
    Failed(DeploymentsError),
}

impl DeploymentsState {
    /// The list when it is there.
    pub fn list(&self) -> Option<&[Deployment]> {
        match self {
            Self::Ready(l) => Some(l),
            _ => None,
        }
    }
}

/// One page view's deployments: `None` when deployment is not enabled.
#[derive(Clone, Copy)]
pub struct Deployments {
    config: Option<StoredValue<DeploymentsConfig>>,
    list: Option<LocalResource<Result<Arc<Vec<Deployment>>, DeploymentsError>>>,
    base: StoredValue<String>,
}

impl Deployments {
    /// Starts fetching the group's deployments for this page view, when a
    /// source is configured. Call once per page.
    pub fn for_page() -> Self {
        let ctx = expect_context::<AppContext>();
        let config = ctx.config.deployments.clone();
        let list = config
            .as_ref()
            .and_then(|d| d.source.clone())
            .map(|source| {
                crate::hooks::local_resource(move || {
                    let source = source.clone();
                    async move { load(&source).await.map(Arc::new) }
                })
            });
        Self {
            config: config.map(StoredValue::new),
            list,
            base: StoredValue::new(ctx.base.clone()),
        }
    }

    /// True when deployment is enabled for the group.
    pub fn enabled(&self) -> bool {
        self.config.is_some()
    }

    /// What is known now (tracked).
    pub fn state(&self) -> DeploymentsState {
        match self.list {
            None => DeploymentsState::Ready(Arc::new(Vec::new())),
            Some(r) => match r.get() {
                None => DeploymentsState::Loading,
                Some(Ok(l)) => DeploymentsState::Ready(l),
                Some(Err(e)) => DeploymentsState::Failed(e),
            },
        }
    }

    /// Fetches the list again.
    pub fn refetch(&self) {
        if let Some(r) = self.list {
            r.refetch();
        }
    }

    /// What resolving this list's URIs for model `name` needs: `known`
    /// (aliases, for one) until a deployment of the model is written with
    /// a stage or `latest`; then the model's latest versions, asked for once.
    pub fn facts_of(&self, name: String, known: ModelFacts) -> Signal<ModelFacts> {
        let deployments = *self;
        let asked = name.clone();
        let needs_model = Memo::new(move |_| {
            deployments.state().list().is_some_and(|l| {
                l.iter().any(|d| {
                    d.model_ref()
                        .is_some_and(|r| r.needs_model() && r.names(&asked))
                })
            })
        });
        let fetched = {
            let api = expect_context::<AppContext>().api();
            crate::hooks::local_resource(move || {
                let (api, name, need) = (api.clone(), name.clone(), needs_model.get());
                async move {
                    if !need {
                        return None;
                    }
                    get_registered_model(&api, &name)
                        .await
                        .ok()
                        .map(|m| ModelFacts::of_model(&m))
                }
            })
        };
        Signal::derive(move || fetched.get().flatten().unwrap_or_else(|| known.clone()))
    }

    /// The deployments of the models in `models` whose URI leads to no
    /// servable version (`deploy::resolve::dangling_why`), once the list is
    /// in. Each model comes with whether its facts are whole (from
    /// `registered-models/get` or `search`: aliases and latest versions):
    /// then only a version it does not list is asked for; otherwise the URI
    /// is resolved through MLflow. Each URI once.
    pub fn dangling(
        &self,
        models: Signal<Vec<(ModelFacts, bool)>>,
    ) -> LocalResource<Vec<Dangling>> {
        let deployments = *self;
        let api = expect_context::<AppContext>().api();
        crate::hooks::local_resource(move || {
            let api = api.clone();
            let list = deployments.state().list().map(<[_]>::to_vec);
            let models = models.get();
            async move {
                let list = list.unwrap_or_default();
                let mut asked: Vec<(String, ModelRef, ModelFacts, bool)> = Vec::new();
                for d in &list {
                    let (Some(uri), Some(r)) = (d.model_uri.clone(), d.model_ref()) else {
                        continue;
                    };
                    let Some((m, whole)) = models.iter().find(|(m, _)| r.names(&m.name)) else {
                        continue;
                    };
                    if !asked.iter().any(|(u, ..)| *u == uri) {
                        asked.push((uri, r, m.clone(), *whole));
                    }
                }
                let got = futures::future::join_all(asked.iter().map(|(uri, r, m, whole)| {
                    let api = api.clone();
                    async move {
                        let found = if *whole {
                            dangling_in(&api, m, r).await
                        } else {
                            let got = resolve_in_mlflow(&api, r).await;
                            dangling_why(&got).map(|why| (why, got.is_ok()))
                        };
                        (uri.clone(), found)
                    }
                }))
                .await;
                list.iter()
                    .filter_map(|d| {
                        let uri = d.model_uri.as_ref()?;
                        let (why, failed) = got.iter().find(|(u, _)| u == uri)?.1.clone()?;
                        let r = d.model_ref()?;
                        Some(Dangling {
                            id: d.id.clone(),
                            label: d.label().to_string(),
                            model: r.display_name(),
                            points_at: r.describe(),
                            target: r.target.clone(),
                            why,
                            failed,
                        })
                    })
                    .collect()
            }
        })
    }

    /// The route and base that links and hand-offs are built on.
    pub fn links(&self) -> Option<DeploymentLinks> {
        Some(DeploymentLinks {
            route: self.config?.with_value(|c| c.route.clone()),
            base: self.base.get_value(),
        })
    }
}

/// Why `r`, a URI of model `m` whose aliases and latest versions are known,
/// points at nothing (and whether at a failed version): a version the model
/// does not list is asked for; an alias it does not have is missing on a
/// server with aliases.
async fn dangling_in(api: &str, m: &ModelFacts, r: &ModelRef) -> Option<(String, bool)> {
    let Some(v) = r.resolve(m) else {
        return match &r.target {
            UriTarget::Alias(a) => server_has_aliases(api, &m.name, a)
                .await
                .ok()
                .filter(|has| *has)
                .map(|_| (format!("{} has no alias {a}", m.name), false)),
            UriTarget::Stage(s) => Some((format!("{} has no version in stage {s}", m.name), false)),
            UriTarget::Latest => Some((format!("{} has no version at all", m.name), false)),
            UriTarget::Version(_) => None,
        };
    };
    if m.stages.iter().any(|(_, s)| *s == v) {
        return None;
    }
    match get_model_version(api, &m.name, &v).await {
        Ok(found) if found.status() == crate::mlflow::types::VersionStatus::Failed => Some((
            format!("it leads to {} v{v}, which failed registration", m.name),
            true,
        )),
        Ok(_) => None,
        Err(e) if e.is_missing() => Some((format!("{} has no version {v}", m.name), false)),
        Err(_) => None,
    }
}

/// Where deployment links and hand-offs go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeploymentLinks {
    pub route: String,
    pub base: String,
}
