//! View pieces shared by pages.

pub mod app_link;
pub mod breadcrumbs;
pub mod chips;
pub mod code_block;
pub mod copy_button;
pub mod deploy;
pub mod error_state;
pub mod field;
pub mod header;
pub mod key_value_table;
pub mod line_chart;
pub mod markdown;
pub mod metric_history;
pub mod metric_trend;
pub mod modal;
pub mod pager;
pub mod skeleton;
pub mod source_run;
pub mod time;
pub mod value_text;
pub mod version_use;

pub use app_link::AppLink;
pub use breadcrumbs::{Breadcrumbs, Crumb};
pub use chips::{chips, tag_chips};
pub use code_block::CodeBlock;
pub use copy_button::CopyButton;
pub use deploy::{
    open_from_url, use_deploy_action, CompareWithServing, DanglingNote, DeployAction, DeployButton,
    DeployDialogs, DeployedBy, DeploymentLinks, Deployments, DeploymentsState,
};
pub use error_state::{ErrorState, Problem};
pub use field::Field;
pub use header::{AppHeader, MlflowUiButton};
pub use key_value_table::{KeyValueTable, KvRow};
pub use line_chart::{LineChart, Series};
pub use markdown::Markdown;
pub use metric_history::MetricHistory;
pub use metric_trend::MetricTrend;
pub use modal::Modal;
pub use pager::Pager;
pub use skeleton::TableSkeleton;
pub use source_run::SourceRun;
pub use time::LocalTime;
pub use value_text::ValueText;
pub use version_use::VersionUse;
