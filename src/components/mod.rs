//! View pieces shared by pages.

pub mod app_link;
pub mod breadcrumbs;
pub mod error_state;
pub mod header;
pub mod markdown;
pub mod metric_trend;
pub mod modal;
pub mod pager;
pub mod skeleton;
pub mod time;

pub use app_link::AppLink;
pub use breadcrumbs::{Breadcrumbs, Crumb};
pub use error_state::ErrorState;
pub use header::{AppHeader, MlflowUiButton};
pub use markdown::Markdown;
pub use metric_trend::MetricTrend;
pub use modal::Modal;
pub use pager::Pager;
pub use skeleton::TableSkeleton;
pub use time::LocalTime;
