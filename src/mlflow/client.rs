//! Typed MLflow calls. Each builds its URL with [`api_url`] and goes through
//! the one request helper.

use super::error::MlflowError;
use super::request::get_json;
use super::types::{
    GetModelVersion, GetRegisteredModel, ModelVersion, RegisteredModel, SearchRegisteredModels,
};
use super::url::api_url;

/// Sort orders the registered-models search accepts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ModelOrder {
    #[default]
    NameAsc,
    NameDesc,
    UpdatedDesc,
    UpdatedAsc,
}

impl ModelOrder {
    /// Every order, in the order the sort menu shows them.
    pub const ALL: [ModelOrder; 4] = [
        Self::NameAsc,
        Self::NameDesc,
        Self::UpdatedDesc,
        Self::UpdatedAsc,
    ];

    /// The value used in the query string.
    pub fn key(self) -> &'static str {
        match self {
            Self::NameAsc => "name",
            Self::NameDesc => "-name",
            Self::UpdatedDesc => "-updated",
            Self::UpdatedAsc => "updated",
        }
    }

    /// Reads [`ModelOrder::key`] back; `None` for anything else.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.key() == key)
    }

    /// MLflow's `order_by` clause.
    pub fn order_by(self) -> &'static str {
        match self {
            Self::NameAsc => "name ASC",
            Self::NameDesc => "name DESC",
            Self::UpdatedDesc => "last_updated_timestamp DESC",
            Self::UpdatedAsc => "last_updated_timestamp ASC",
        }
    }
}

/// One page request of `registered-models/search`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ModelSearch {
    /// A complete MLflow filter expression, or empty for all models.
    pub filter: String,
    pub order: ModelOrder,
    /// 1..=1000; MLflow rejects anything else.
    pub max_results: u32,
    pub page_token: Option<String>,
}

/// URL of one page of `registered-models/search`.
pub fn search_registered_models_url(api: &str, search: &ModelSearch) -> String {
    let max = search.max_results.clamp(1, 1000).to_string();
    let mut query: Vec<(&str, &str)> = vec![("max_results", &max)];
    query.push(("order_by", search.order.order_by()));
    if !search.filter.is_empty() {
        query.push(("filter", &search.filter));
    }
    if let Some(token) = search.page_token.as_deref().filter(|t| !t.is_empty()) {
        query.push(("page_token", token));
    }
    api_url(api, "registered-models/search", &query)
}

/// One page of registered models, prompts removed.
pub async fn search_registered_models(
    api: &str,
    search: &ModelSearch,
) -> Result<SearchRegisteredModels, MlflowError> {
    let mut page: SearchRegisteredModels =
        get_json(&search_registered_models_url(api, search)).await?;
    page.registered_models.retain(|m| !m.is_prompt());
    Ok(page)
}

/// URL of `registered-models/get` for `name`.
pub fn get_registered_model_url(api: &str, name: &str) -> String {
    api_url(api, "registered-models/get", &[("name", name)])
}

/// One registered model by its exact name.
pub async fn get_registered_model(api: &str, name: &str) -> Result<RegisteredModel, MlflowError> {
    let got: GetRegisteredModel = get_json(&get_registered_model_url(api, name)).await?;
    Ok(got.registered_model)
}

/// URL of `model-versions/get`.
pub fn get_model_version_url(api: &str, name: &str, version: &str) -> String {
    api_url(
        api,
        "model-versions/get",
        &[("name", name), ("version", version)],
    )
}

/// One version of a model.
pub async fn get_model_version(
    api: &str,
    name: &str,
    version: &str,
) -> Result<ModelVersion, MlflowError> {
    let got: GetModelVersion = get_json(&get_model_version_url(api, name, version)).await?;
    Ok(got.model_version)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_url_always_bounds_max_results() {
        let s = ModelSearch {
            max_results: 0,
            ..Default::default()
        };
        assert_eq!(
            search_registered_models_url("/api/mlflow", &s),
            "/api/mlflow/2.0/mlflow/registered-models/search?max_results=1&order_by=name%20ASC"
        );
        let s = ModelSearch {
            max_results: 5000,
            order: ModelOrder::UpdatedDesc,
            filter: "name ILIKE '%a%'".into(),
            page_token: Some("eyJvZmZzZXQiOiAyfQ==".into()),
        };
        assert_eq!(
            search_registered_models_url("/api/mlflow", &s),
            "/api/mlflow/2.0/mlflow/registered-models/search?max_results=1000&order_by=last_updated_timestamp%20DESC&filter=name%20ILIKE%20'%25a%25'&page_token=eyJvZmZzZXQiOiAyfQ%3D%3D"
        );
    }

    #[test]
    fn get_url_encodes_hostile_names() {
        assert_eq!(
            get_registered_model_url("/api/mlflow", "spe(c)ial-chars_ok.+=@!~&'\"#?"),
            "/api/mlflow/2.0/mlflow/registered-models/get?name=spe(c)ial-chars_ok.%2B%3D%40!~%26'%22%23%3F"
        );
    }
}
