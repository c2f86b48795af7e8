//! MLflow REST client: wire types, URLs, requests and the error type.

pub mod capabilities;
pub mod client;
pub mod error;
pub mod filter;
pub mod request;
pub mod types;
pub mod url;

pub use error::MlflowError;
