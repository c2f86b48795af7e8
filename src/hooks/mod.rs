//! Page controllers as hooks: reactive wiring that more than one page needs.
//! The rules they apply live in plain functions elsewhere (`paging`).

mod leaving;
mod log_scales;
mod model_facts;
mod owned_task;
mod resource;
mod run;
mod token_paging;

pub use leaving::{on_leaving, provide_leaving, Leaving};
pub use log_scales::{use_log_scales, LogScales};
pub use model_facts::use_model_facts;
pub use owned_task::OwnedTask;
pub use resource::local_resource;
pub use run::{use_run, use_runs, RunMap, RunResource};
pub use token_paging::{use_token_paging, Loaded, TokenPaging};
