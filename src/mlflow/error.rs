//! One error type for everything that can go wrong between the page and
//! MLflow, each with a message a user can act on.

use super::types::ErrorBody;
use serde::de::DeserializeOwned;
use thiserror::Error;

/// Seconds a request may take before it is given up.
pub const TIMEOUT_SECS: u32 = 10;

/// Why a request to MLflow (through the proxy) did not give an answer.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum MlflowError {
    /// MLflow answered with its JSON error (400, 404, ...).
    #[error("MLflow refused the request: {message} ({code}).")]
    Api {
        status: u16,
        code: String,
        message: String,
    },
    /// An HTML 404/405: the proxy or MLflow has no such route or method.
    #[error("The MLflow API was not found behind the proxy (HTTP {status}). Check that `mlflow_api` in the configuration points at the proxy for MLflow's /api, and that the server runs MLflow 1.30 or newer.")]
    NoSuchEndpoint { status: u16 },
    /// A plain-text 401/403 from MLflow's security layer or the proxy.
    #[error("MLflow denied access (HTTP {status}: {detail}). The proxy must send the Host header MLflow allows and the credentials it needs; ask your administrator.")]
    Denied { status: u16, detail: String },
    /// The proxy could not reach MLflow (502, 503, 504).
    #[error("MLflow is not reachable: the proxy got no answer from the MLflow server (HTTP {status}). Check that the server is running, then retry.")]
    Unreachable { status: u16 },
    /// The browser could not reach the proxy at all.
    #[error("MLflow is not reachable: the request did not get through ({detail}). Check your network connection, then retry.")]
    Network { detail: String },
    /// No answer within `secs` ([`TIMEOUT_SECS`] for most requests).
    #[error("MLflow did not answer within {secs} s. Retry; if it keeps happening, the server may be overloaded.")]
    Timeout { secs: u32 },
    /// Any other status code.
    #[error("MLflow answered with an unexpected HTTP {status}: {detail}")]
    Status { status: u16, detail: String },
    /// A success status whose body is not what MLflow sends.
    #[error("MLflow sent an answer this page cannot read ({detail}). Check that `mlflow_api` points at an MLflow server.")]
    Undecodable { detail: String },
    /// The request was cancelled because the page that asked is gone.
    #[error("The request was cancelled.")]
    Cancelled,
}

impl MlflowError {
    /// True when the server could not be reached (network, 502/503/504,
    /// timeout): the view offers Retry.
    pub fn is_unreachable(&self) -> bool {
        matches!(
            self,
            Self::Unreachable { .. } | Self::Network { .. } | Self::Timeout { .. }
        )
    }

    /// True for MLflow's `RESOURCE_DOES_NOT_EXIST`.
    pub fn is_not_found(&self) -> bool {
        matches!(self, Self::Api { code, .. } if code == "RESOURCE_DOES_NOT_EXIST")
    }

    /// True when the server has no such endpoint: an HTML 404/405, or
    /// MLflow's own `ENDPOINT_NOT_FOUND`.
    pub fn is_missing_endpoint(&self) -> bool {
        matches!(self, Self::NoSuchEndpoint { .. })
            || matches!(self, Self::Api { code, .. } if code == "ENDPOINT_NOT_FOUND")
            || matches!(self, Self::Api { status: 404, code, .. } if code.is_empty())
    }

    /// True when the thing asked for is not there: MLflow's "does not exist"
    /// (404), or a 400 for an identifier it cannot read (`version=abc`).
    pub fn is_missing(&self) -> bool {
        self.is_not_found() || matches!(self, Self::Api { status: 400, .. })
    }
}

/// The first line of a text body, cut to a readable length.
fn short(body: &str) -> String {
    let line = body.trim().lines().next().unwrap_or("").trim();
    if line.is_empty() {
        return "no details".to_string();
    }
    let mut s: String = line.chars().take(160).collect();
    if line.chars().count() > 160 {
        s.push('…');
    }
    s
}

pub(crate) fn looks_like_html(content_type: &str, body: &str) -> bool {
    content_type.contains("html") || body.trim_start().starts_with('<')
}

/// Turns a finished HTTP exchange into a value or an [`MlflowError`].
/// Plain Rust so every failure class has a native test.
pub fn decode_response<T: DeserializeOwned>(
    status: u16,
    content_type: &str,
    body: &str,
) -> Result<T, MlflowError> {
    if (200..300).contains(&status) {
        return serde_json::from_str(body).map_err(|e| MlflowError::Undecodable {
            detail: if looks_like_html(content_type, body) {
                "an HTML page instead of JSON".to_string()
            } else {
                e.to_string()
            },
        });
    }
    if let Ok(err) = serde_json::from_str::<ErrorBody>(body) {
        if !err.error_code.is_empty() || !err.message.is_empty() {
            return Err(MlflowError::Api {
                status,
                code: if err.error_code.is_empty() {
                    format!("HTTP {status}")
                } else {
                    err.error_code
                },
                message: err.message,
            });
        }
    }
    Err(match status {
        502..=504 => MlflowError::Unreachable { status },
        404 | 405 => MlflowError::NoSuchEndpoint { status },
        401 | 403 => MlflowError::Denied {
            status,
            detail: if looks_like_html(content_type, body) {
                "the proxy refused the request".to_string()
            } else {
                short(body)
            },
        },
        _ => MlflowError::Status {
            status,
            detail: if looks_like_html(content_type, body) {
                "an HTML error page".to_string()
            } else {
                short(body)
            },
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mlflow::types::SearchRegisteredModels;

    fn fail(status: u16, ct: &str, body: &str) -> MlflowError {
        decode_response::<SearchRegisteredModels>(status, ct, body).unwrap_err()
    }

    #[test]
    fn json_errors_keep_mlflow_code_and_message() {
        let e = fail(
            404,
            "application/json",
            r#"{"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "Registered Model with name=x not found"}"#,
        );
        assert!(e.is_not_found());
        assert_eq!(
            e.to_string(),
            "MLflow refused the request: Registered Model with name=x not found (RESOURCE_DOES_NOT_EXIST)."
        );
        assert!(!e.is_unreachable());
    }

    #[test]
    fn html_404_and_405_are_missing_endpoints() {
        let html = "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>";
        assert_eq!(
            fail(404, "text/html; charset=utf-8", html),
            MlflowError::NoSuchEndpoint { status: 404 }
        );
        assert_eq!(
            fail(405, "text/html", html),
            MlflowError::NoSuchEndpoint { status: 405 }
        );
    }

    #[test]
    fn text_403_is_denied_with_the_servers_words() {
        let e = fail(
            403,
            "text/plain",
            "Invalid Host header - possible DNS rebinding attack detected\n",
        );
        assert_eq!(
            e,
            MlflowError::Denied {
                status: 403,
                detail: "Invalid Host header - possible DNS rebinding attack detected".into()
            }
        );
        assert!(e.to_string().contains("Host header"));
    }

    #[test]
    fn proxy_gateway_errors_are_unreachable() {
        for status in [502, 503, 504] {
            let e = fail(status, "text/html", "<html><body>Bad Gateway</body></html>");
            assert_eq!(e, MlflowError::Unreachable { status });
            assert!(e.is_unreachable());
        }
        assert!(MlflowError::Timeout { secs: 10 }.is_unreachable());
        assert!(MlflowError::Network { detail: "x".into() }.is_unreachable());
        assert!(MlflowError::Timeout { secs: 10 }
            .to_string()
            .contains("10 s"));
    }

    #[test]
    fn bodies_that_are_not_mlflow_json_are_undecodable() {
        assert!(matches!(
            fail(200, "text/html", "<!doctype html><title>app</title>"),
            MlflowError::Undecodable { detail } if detail.contains("HTML")
        ));
        assert!(matches!(
            fail(200, "application/json", "{\"registered_models\": 5}"),
            MlflowError::Undecodable { .. }
        ));
        assert!(matches!(
            fail(500, "text/plain", ""),
            MlflowError::Status { status: 500, detail } if detail == "no details"
        ));
    }

    #[test]
    fn long_text_is_cut() {
        let long = "x".repeat(500);
        match fail(418, "text/plain", &long) {
            MlflowError::Status { detail, .. } => assert_eq!(detail.chars().count(), 161),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn empty_object_is_an_empty_page() {
        let page: SearchRegisteredModels = decode_response(200, "application/json", "{}").unwrap();
        assert!(page.registered_models.is_empty());
        assert_eq!(page.next_page_token, None);
    }
}
