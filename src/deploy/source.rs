//! Where the group's deployments come from: PrimeHub's GraphQL endpoint or a
//! static JSON list (README: Configuration, Deploy). Parsing is plain Rust with
//! native tests; `load` does the request.

use super::Deployment;
use crate::config::DeploymentSource;
use serde::Deserialize;
use thiserror::Error;

/// Why the group's deployments could not be listed.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum DeploymentsError {
    /// PrimeHub answered with GraphQL `errors`.
    #[error("PrimeHub refused the query: {0}")]
    Graphql(String),
    /// 403 (401 when it is not the sign-in's: never from PrimeHub): the
    /// session is not allowed to list them.
    #[error("access was denied (HTTP {0}); sign in again or ask your administrator")]
    Denied(u16),
    /// 401, a redirect (to sign in) or a sign-in page: the user's session
    /// ended ([`crate::mlflow::MlflowError::SessionEnded`]).
    #[error("your session has ended")]
    SessionEnded,
    /// 404/405: nothing answers at the configured address.
    #[error(
        "nothing answers at {url} (HTTP {status}); check `deployments.source` in the configuration"
    )]
    NotFound { url: String, status: u16 },
    /// 502-504, network failure or timeout.
    #[error("the service did not answer ({0}); try again later")]
    Unreachable(String),
    /// Another status code.
    #[error("the service answered with HTTP {0}")]
    Status(u16),
    /// A success whose body is not a deployment list.
    #[error("the answer is not a list of deployments ({0})")]
    Undecodable(String),
}

/// The GraphQL request for the group's deployments. The group id is written
/// into the query as a string literal (JSON string syntax is GraphQL's), so the
/// request does not depend on the name of PrimeHub's input type.
pub fn graphql_request_body(group_id: &str) -> String {
    let literal = serde_json::Value::String(group_id.to_string()).to_string();
    let query = format!(
        "query {{ phDeployments(where: {{ groupId_in: [{literal}] }}) {{ id name modelURI status }} }}"
    );
    serde_json::json!({ "query": query }).to_string()
}

#[derive(Deserialize)]
struct GraphqlAnswer {
    data: Option<GraphqlData>,
    #[serde(default)]
    errors: Vec<GraphqlError>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GraphqlData {
    ph_deployments: Option<Vec<Deployment>>,
}

#[derive(Deserialize)]
struct GraphqlError {
    #[serde(default)]
    message: String,
}

fn status_error(status: u16, url: &str) -> DeploymentsError {
    match status {
        0 | 401 => DeploymentsError::SessionEnded,
        403 => DeploymentsError::Denied(status),
        404 | 405 => DeploymentsError::NotFound {
            url: url.to_string(),
            status,
        },
        502..=504 => DeploymentsError::Unreachable(format!("HTTP {status}")),
        _ => DeploymentsError::Status(status),
    }
}

/// Reads PrimeHub's answer: `{"data": {"phDeployments": [...]}}`; GraphQL
/// `errors` are errors even in a 200 answer.
pub fn parse_graphql_answer(
    status: u16,
    body: &str,
    url: &str,
) -> Result<Vec<Deployment>, DeploymentsError> {
    let answer: Result<GraphqlAnswer, _> = serde_json::from_str(body);
    if let Ok(a) = &answer {
        if !a.errors.is_empty() {
            let messages: Vec<&str> = a
                .errors
                .iter()
                .map(|e| e.message.trim())
                .filter(|m| !m.is_empty())
                .collect();
            return Err(DeploymentsError::Graphql(if messages.is_empty() {
                "an error without a message".to_string()
            } else {
                messages.join("; ")
            }));
        }
    }
    if !(200..300).contains(&status) {
        return Err(status_error(status, url));
    }
    if answer.is_err() && crate::mlflow::error::looks_like_sign_in(body) {
        return Err(DeploymentsError::SessionEnded);
    }
    match answer {
        Ok(GraphqlAnswer {
            data: Some(GraphqlData {
                ph_deployments: Some(list),
            }),
            ..
        }) => Ok(list),
        Ok(_) => Err(DeploymentsError::Undecodable(
            "no phDeployments in the data".to_string(),
        )),
        Err(e) => Err(DeploymentsError::Undecodable(e.to_string())),
    }
}

/// Reads a static list: a JSON array of `{id, name, modelURI, status?}`.
pub fn parse_static_answer(
    status: u16,
    body: &str,
    url: &str,
) -> Result<Vec<Deployment>, DeploymentsError> {
    if !(200..300).contains(&status) {
        return Err(status_error(status, url));
    }
    if crate::mlflow::error::looks_like_sign_in(body) {
        return Err(DeploymentsError::SessionEnded);
    }
    serde_json::from_str(body).map_err(|e| DeploymentsError::Undecodable(e.to_string()))
}

/// Fetches the group's deployments from `source`.
pub async fn load(source: &DeploymentSource) -> Result<Vec<Deployment>, DeploymentsError> {
    use crate::mlflow::request::send;
    let transport = |e: crate::mlflow::MlflowError| match e {
        crate::mlflow::MlflowError::Timeout { secs } => {
            DeploymentsError::Unreachable(format!("no answer within {secs} s"))
        }
        other => DeploymentsError::Unreachable(match other {
            crate::mlflow::MlflowError::Network { detail } => detail,
            o => o.to_string(),
        }),
    };
    let (url, body) = request_of(source);
    let x = send(&url, body).await.map_err(transport)?;
    match source {
        DeploymentSource::Primehub { graphql, .. } => {
            parse_graphql_answer(x.status, &x.body, graphql)
        }
        DeploymentSource::Static { url } => parse_static_answer(x.status, &x.body, url),
    }
}

/// The request that lists `source`'s deployments: URL, and the JSON body
/// of a POST (GraphQL) or `None` for a GET.
pub fn request_of(source: &DeploymentSource) -> (String, Option<String>) {
    match source {
        DeploymentSource::Primehub { graphql, group_id } => {
            (graphql.clone(), Some(graphql_request_body(group_id)))
        }
        DeploymentSource::Static { url } => (url.clone(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_names_the_group_as_a_literal() {
        let body: serde_json::Value =
            serde_json::from_str(&graphql_request_body("team \"a\"")).unwrap();
        assert_eq!(
            body["query"],
            "query { phDeployments(where: { groupId_in: [\"team \\\"a\\\"\"] }) { id name modelURI status } }"
        );
    }

    #[test]
    fn reads_primehub_answers() {
        let ok = r#"{"data":{"phDeployments":[
            {"id":"iris-prod-x1y2z","name":"iris prod","modelURI":"models:/iris/2"},
            {"id":"image-only","name":"image","modelURI":null}]}}"#;
        let list = parse_graphql_answer(200, ok, "/api/graphql").unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].id, "iris-prod-x1y2z");
        assert_eq!(list[0].model_uri.as_deref(), Some("models:/iris/2"));
        assert_eq!(list[1].model_uri, None);
        assert_eq!(
            parse_graphql_answer(200, r#"{"data":{"phDeployments":[]}}"#, "/g").unwrap(),
            vec![]
        );
    }

    #[test]
    fn graphql_errors_are_errors_even_with_200() {
        let body = r#"{"errors":[{"message":"Not authorised","extensions":{"code":"FORBIDDEN"}}],"data":null}"#;
        assert_eq!(
            parse_graphql_answer(200, body, "/g"),
            Err(DeploymentsError::Graphql("Not authorised".into()))
        );
        assert_eq!(
            parse_graphql_answer(400, r#"{"errors":[{"message":"Syntax Error"}]}"#, "/g"),
            Err(DeploymentsError::Graphql("Syntax Error".into()))
        );
        assert_eq!(
            parse_graphql_answer(200, r#"{"data":null}"#, "/g"),
            Err(DeploymentsError::Undecodable(
                "no phDeployments in the data".into()
            ))
        );
        assert!(matches!(
            parse_graphql_answer(200, "<html>", "/g"),
            Err(DeploymentsError::Undecodable(_))
        ));
    }

    #[test]
    fn http_failures_are_named() {
        assert_eq!(
            parse_graphql_answer(403, "Forbidden", "/g"),
            Err(DeploymentsError::Denied(403))
        );
        assert_eq!(
            parse_static_answer(404, "<html>", "d.json")
                .unwrap_err()
                .to_string(),
            "nothing answers at d.json (HTTP 404); check `deployments.source` in the configuration"
        );
        assert_eq!(
            parse_static_answer(502, "", "d.json"),
            Err(DeploymentsError::Unreachable("HTTP 502".into()))
        );
        assert_eq!(
            parse_static_answer(500, "", "d.json"),
            Err(DeploymentsError::Status(500))
        );
    }

    #[test]
    fn reads_static_lists() {
        let list = parse_static_answer(
            200,
            r#"[{"id":"a","name":"A","modelURI":"models:/x/1","status":"Deployed"},{"id":"b"}]"#,
            "d.json",
        )
        .unwrap();
        assert_eq!(list[0].status.as_deref(), Some("Deployed"));
        assert_eq!(list[1].label(), "b");
        assert!(matches!(
            parse_static_answer(200, r#"{"id":"a"}"#, "d.json"),
            Err(DeploymentsError::Undecodable(_))
        ));
    }
}
