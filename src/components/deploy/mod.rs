//! Everything a page needs to deploy a version: the group's deployments
//! (fetched once per page view), the "Deployed By" chips, the "Deploy Model"
//! dialog and the hand-off to the Deployments route.

mod action;
mod button;
mod compare_with;
mod deployed_by;
mod dialog;
mod preflight;
mod store;

pub use action::{open_from_url, use_deploy_action, DeployAction, DeployPopup};
pub use button::DeployButton;
pub use compare_with::CompareWithServing;
pub use deployed_by::{DanglingNote, DeployedBy};
pub use dialog::DeployDialogs;
pub use store::{DeploymentLinks, Deployments, DeploymentsState};
