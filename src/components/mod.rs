//! View pieces shared by pages.

pub mod app_link;
pub mod breadcrumbs;
pub mod error_state;
pub mod header;
pub mod skeleton;
pub mod time;

pub use app_link::AppLink;
pub use breadcrumbs::{Breadcrumbs, Crumb};
pub use error_state::ErrorState;
pub use header::{AppHeader, MlflowUiButton};
pub use skeleton::TableSkeleton;
pub use time::LocalTime;
