//! One file per route.

pub mod compare;
pub mod config_error;
pub mod deployment_handoff;
pub mod first_requests;
pub mod model_list;
pub mod model_version;
pub mod model_versions;
pub mod not_found;

pub use compare::CompareVersionsPage;
pub use config_error::ConfigErrorPage;
pub use deployment_handoff::{DeploymentHandoffPage, DeploymentPage};
pub use model_list::ModelListPage;
pub use model_version::ModelVersionPage;
pub use model_versions::ModelVersionsPage;
pub use not_found::NotFoundPage;
