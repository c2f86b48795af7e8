//! The group's deployments, fetched once per page view, and where their
//! links go.

use crate::config::DeploymentsConfig;
use crate::context::AppContext;
use crate::deploy::source::{load, DeploymentsError};
use crate::deploy::{Deployment, ModelFacts};
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

    /// The route and base that links and hand-offs are built on.
    pub fn links(&self) -> Option<DeploymentLinks> {
        Some(DeploymentLinks {
            route: self.config?.with_value(|c| c.route.clone()),
            base: self.base.get_value(),
        })
    }
}

/// Where deployment links and hand-offs go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeploymentLinks {
    pub route: String,
    pub base: String,
}
