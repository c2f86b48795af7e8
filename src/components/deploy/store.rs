//! The group's deployments, fetched once per page view, and where their
//! links go.

use crate::config::DeploymentsConfig;
use crate::context::AppContext;
use crate::deploy::resolve::dangling_in_mlflow;
use crate::deploy::source::{load, DeploymentsError};
use crate::deploy::{dangling_of, Dangling, Deployment, ModelFacts, ModelRef};
use crate::mlflow::client::get_registered_model;
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
    /// servable version (`deploy::resolve::dangling_in`), once the list is
    /// in. Each model comes with whether its facts are whole (from
    /// `registered-models/get` or `search`: aliases and latest versions);
    /// for one that is not, the model is asked for once. Then only a version
    /// the model does not list as a latest is asked for, each URI once.
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
                // Each model some deployment names, with its URIs.
                let named: Vec<(&ModelFacts, bool, Vec<Uri>)> = models
                    .iter()
                    .filter_map(|(m, whole)| {
                        let mut uris: Vec<Uri> = Vec::new();
                        for d in &list {
                            let (Some(uri), Some(r)) = (d.model_uri.clone(), d.model_ref()) else {
                                continue;
                            };
                            if r.names(&m.name) && !uris.iter().any(|(u, _)| *u == uri) {
                                uris.push((uri, r));
                            }
                        }
                        (!uris.is_empty()).then_some((m, *whole, uris))
                    })
                    .collect();
                let got = futures::future::join_all(named.into_iter().map(|(m, whole, uris)| {
                    let api = api.clone();
                    async move {
                        let facts = if whole {
                            Ok(m.clone())
                        } else {
                            match get_registered_model(&api, &m.name).await {
                                Ok(found) => Ok(ModelFacts::of_model(&found)),
                                Err(e) if e.is_not_found() => {
                                    Err(format!("MLflow has no model {}", m.name))
                                }
                                // Not known: nothing is said.
                                Err(_) => return Vec::new(),
                            }
                        };
                        let mut out = Vec::new();
                        for (uri, r) in uris {
                            let found = match &facts {
                                Ok(f) => dangling_in_mlflow(&api, f, &r).await,
                                Err(why) => Some((why.clone(), false)),
                            };
                            out.push((uri, found));
                        }
                        out
                    }
                }))
                .await;
                let got: Vec<(String, Option<(String, bool)>)> =
                    got.into_iter().flatten().collect();
                list.iter()
                    .filter_map(|d| {
                        let uri = d.model_uri.as_ref()?;
                        let (why, failed) = got.iter().find(|(u, _)| u == uri)?.1.clone()?;
                        dangling_of(d, why, failed)
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

/// A deployment's model URI as written, and parsed.
type Uri = (String, ModelRef);

/// Where deployment links and hand-offs go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeploymentLinks {
    pub route: String,
    pub base: String,
}
