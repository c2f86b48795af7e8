//! PrimeHub Models: the MLflow model-registry browser.

pub mod config;
pub mod mlflow;
