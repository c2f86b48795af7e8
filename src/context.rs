//! What every page needs from the shell: the configuration and the base path.

use crate::config::Config;
use std::sync::Arc;

/// Provided once by the shell; pages read it with `expect_context`.
#[derive(Clone, Debug)]
pub struct AppContext {
    pub config: Arc<Config>,
    /// The router base, `""` at the root or e.g. `/console/g/demo`.
    pub base: String,
}

impl AppContext {
    /// The proxy prefix for MLflow's `/api`.
    pub fn api(&self) -> String {
        self.config.mlflow_api.clone()
    }

    /// The proxy prefix for MLflow's root (model files), when configured.
    pub fn root(&self) -> Option<String> {
        self.config.mlflow_root.clone()
    }

    /// MLflow's UI and the workspace its links open in, when configured.
    pub fn mlflow_ui(&self) -> Option<crate::links::MlflowUi> {
        self.config.ui()
    }
}
