//! MLflow REST client: wire types, URLs, requests and the error type.

pub mod capabilities;
pub mod client;
pub mod early;
pub mod error;
pub mod filter;
pub mod history;
pub mod model_files;
pub mod prefetch;
pub mod request;
pub mod types;
pub mod url;
pub mod version_paging;

pub use error::MlflowError;
