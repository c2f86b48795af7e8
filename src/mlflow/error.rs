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
    /// A plain-text 401/403 from MLflow's security layer or the proxy
    /// refusing the proxy itself: a wrong Host header, credentials MLflow's
    /// basic-auth app does not know (its 401 "You are not authenticated…").
    #[error("MLflow denied access (HTTP {status}: {detail}). The proxy must send the Host header MLflow allows and the credentials it needs; ask your administrator.")]
    Denied { status: u16, detail: String },
    /// MLflow knows who asks and does not let them read this: its
    /// basic-auth app's 403 `Permission denied` (text/plain), or a JSON
    /// `PERMISSION_DENIED` (MLflow source: `mlflow/server/auth/__init__.py`,
    /// `make_forbidden_response`). Retrying cannot help; the owner can.
    #[error(
        "You do not have permission to read this on this MLflow server; ask its owner for access."
    )]
    PermissionDenied,
    /// The user's sign-in is gone: a 401 from the proxy (not MLflow's own),
    /// a sign-in form where JSON was expected, or a redirect (an API request
    /// to MLflow is never redirected; a console whose session expired sends
    /// its sign-in page). Reloading the page signs in again.
    #[error("Your session has ended. Reload the page to sign in again.")]
    SessionEnded,
    /// The proxy answered with a redirect. MLflow's API never redirects and
    /// requests do not follow one (a sign-in page is often on another
    /// origin): most likely the session ended, else the proxy is set up to
    /// redirect (to https, to a moved address), which reloading cannot mend.
    #[error("The proxy answered with a redirect, as when your session has ended. Reload the page to sign in again; if that does not help, ask your administrator.")]
    Redirected,
    /// MLflow runs with workspaces and the one the proxy names does not exist
    /// (`RESOURCE_DOES_NOT_EXIST` "Workspace '<name>' not found").
    #[error("MLflow has no workspace \u{201c}{name}\u{201d}. The proxy chooses the workspace (MLFLOW_WORKSPACE); ask your administrator to create it or to choose one that exists.")]
    NoSuchWorkspace { name: String },
    /// MLflow runs with workspaces, the proxy named none and the server has
    /// no default workspace to fall back on.
    #[error("No MLflow workspace was chosen for this page. The proxy chooses it (MLFLOW_WORKSPACE); ask your administrator to set it.")]
    NoWorkspace,
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

    /// True when the answer is about who asks or where, not about what was
    /// asked: no permission, a session that ended, a workspace missing.
    /// Every request of the page would fail alike, so a page shows this one
    /// message in place of its content.
    pub fn is_access(&self) -> bool {
        matches!(
            self,
            Self::PermissionDenied
                | Self::SessionEnded
                | Self::Redirected
                | Self::NoSuchWorkspace { .. }
                | Self::NoWorkspace
        )
    }

    /// Why a version's run cannot be shown, in a few words that follow
    /// "Version 2: " or stand in a table cell's title.
    pub fn run_unreadable(&self) -> String {
        match self {
            Self::PermissionDenied => "its run is in an experiment you may not read".into(),
            e if e.is_not_found() => "its run no longer exists".into(),
            e => format!("its run could not be loaded: {e}"),
        }
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

/// The start of the 401 MLflow's basic-auth app sends for credentials it
/// does not know: the proxy's, so it is the administrator's to mend.
const MLFLOW_UNAUTHENTICATED: &str = "You are not authenticated.";
/// The whole 403 body MLflow's basic-auth app sends for a denied read.
const MLFLOW_PERMISSION_DENIED: &str = "Permission denied";

/// True for an HTML page that asks to sign in: a password field, or a form
/// whose action goes to sign in (a single sign-on button: oauth2-proxy's
/// `/oauth2/start`, Keycloak's `openid-connect/auth`, `/login`).
/// Case-insensitive. A page with only a search form, a "Log in" link or no
/// form at all (a proxy's error page, an app's index.html) is not one.
pub fn looks_like_sign_in(body: &str) -> bool {
    let page = body.to_ascii_lowercase();
    let password = ["type=\"password\"", "type='password'", "type=password"];
    if password.iter().any(|p| page.contains(p)) {
        return true;
    }
    let to_sign_in = [
        "login", "log-in", "signin", "sign-in", "sign_in", "oauth", "openid", "saml", "sso",
        "/auth",
    ];
    page.split("<form").skip(1).any(|form| {
        let tag = &form[..form.find('>').unwrap_or(form.len())];
        let action = tag
            .split("action=")
            .nth(1)
            .and_then(|a| a.split_whitespace().next())
            .unwrap_or("");
        to_sign_in.iter().any(|w| action.contains(w))
    })
}

/// MLflow's JSON errors that are about the workspace or a permission, not
/// about the thing asked for (MLflow 3 with `--enable-workspaces`:
/// `mlflow/server/workspace_helpers.py`, `mlflow/store/workspace/`).
fn workspace_or_permission(code: &str, message: &str) -> Option<MlflowError> {
    if code == "PERMISSION_DENIED" {
        return Some(MlflowError::PermissionDenied);
    }
    let quoted = |prefix: &str| {
        let rest = message.strip_prefix(prefix)?;
        let end = rest.find('\'')?;
        Some(rest[..end].to_string())
    };
    match code {
        "RESOURCE_DOES_NOT_EXIST" if message.ends_with("' not found") => {
            quoted("Workspace '").map(|name| MlflowError::NoSuchWorkspace { name })
        }
        "INVALID_PARAMETER_VALUE" if message.starts_with("Active workspace is required") => {
            Some(MlflowError::NoWorkspace)
        }
        "INVALID_PARAMETER_VALUE" => {
            quoted("Workspace name '").map(|name| MlflowError::NoSuchWorkspace { name })
        }
        _ => None,
    }
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
    // A sign-in page, whether the proxy answers it with 200, 401 or 403.
    if matches!(status, 200..=299 | 401 | 403)
        && looks_like_html(content_type, body)
        && looks_like_sign_in(body)
    {
        return Err(MlflowError::SessionEnded);
    }
    // Any 401 but the one MLflow's basic-auth app sends the proxy itself,
    // JSON or not: MLflow's API has no other.
    if status == 401 && !body.trim_start().starts_with(MLFLOW_UNAUTHENTICATED) {
        return Err(MlflowError::SessionEnded);
    }
    if (200..300).contains(&status) {
        return serde_json::from_str(body).map_err(|e| MlflowError::Undecodable {
            detail: if looks_like_html(content_type, body) {
                "an HTML page instead of JSON".to_string()
            } else {
                e.to_string()
            },
        });
    }
    if status == 0 {
        // An opaque redirect (requests do not follow redirects): the proxy
        // sent the browser elsewhere, most likely to sign in.
        return Err(MlflowError::Redirected);
    }
    if let Ok(err) = serde_json::from_str::<ErrorBody>(body) {
        if !err.error_code.is_empty() || !err.message.is_empty() {
            if let Some(e) = workspace_or_permission(&err.error_code, &err.message) {
                return Err(e);
            }
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
        403 if body.trim() == MLFLOW_PERMISSION_DENIED => MlflowError::PermissionDenied,
        401 | 403 => MlflowError::Denied {
            status,
            // MLflow's own words come as text/html: kept unless they are a page.
            detail: if body.trim_start().starts_with('<') {
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
    fn a_401_from_the_proxy_is_a_session_that_ended() {
        assert_eq!(
            fail(
                401,
                "text/html",
                "<html><body>401 Authorization Required</body></html>"
            ),
            MlflowError::SessionEnded
        );
        assert_eq!(fail(401, "text/plain", ""), MlflowError::SessionEnded);
        // MLflow's basic-auth app refusing the proxy's own credentials is
        // the administrator's to mend, not the user's to sign in.
        let e = fail(
            401,
            "text/html; charset=utf-8",
            "You are not authenticated. Please see https://www.mlflow.org/docs/latest/auth/index.html#authenticating-to-mlflow on how to authenticate.",
        );
        assert!(
            matches!(&e, MlflowError::Denied { status: 401, detail } if detail.starts_with("You are not authenticated")),
            "{e:?}"
        );
        assert!(e.to_string().contains("ask your administrator"));
    }

    #[test]
    fn a_sign_in_page_or_a_redirect_is_a_session_that_ended() {
        let form = r#"<!doctype html><html><body><h1>PrimeHub</h1><form action="/login" method="post"><input name="username"><input type="password" name="password"><button>Sign in</button></form></body></html>"#;
        assert_eq!(fail(200, "text/html", form), MlflowError::SessionEnded);
        let sso = r#"<html><body><form method="post" action="/auth/realms/primehub/protocol/openid-connect/auth"><button>Log in with SSO</button></form></body></html>"#;
        assert_eq!(fail(200, "text/html", sso), MlflowError::SessionEnded);
        let oauth2_proxy = r#"<html><body><form method="GET" action="/oauth2/start"><input type="hidden" name="rd" value="/"><button type="submit">Sign in with Google</button></form></body></html>"#;
        assert_eq!(
            fail(200, "text/html", oauth2_proxy),
            MlflowError::SessionEnded
        );
        let keycloak = r#"<HTML><BODY><FORM id=kc-form-login ACTION=https://id.example/x><INPUT TYPE=PASSWORD name=p></FORM></BODY></HTML>"#;
        assert_eq!(fail(200, "text/html", keycloak), MlflowError::SessionEnded);
        // Answered 401 or 403, a sign-in page is still one; any 401 from
        // the proxy is, JSON or not.
        assert_eq!(fail(403, "text/html", form), MlflowError::SessionEnded);
        assert_eq!(
            fail(
                401,
                "application/json",
                r#"{"error_code": "UNAUTHENTICATED", "message": "token expired"}"#
            ),
            MlflowError::SessionEnded
        );
        // Fetches do not follow redirects: a redirect arrives as status 0.
        assert_eq!(fail(0, "", ""), MlflowError::Redirected);
        assert!(MlflowError::Redirected
            .to_string()
            .contains("Reload the page to sign in again"));
        // An HTML page without a form is a misconfiguration, as before.
        assert!(matches!(
            fail(200, "text/html", "<!doctype html><html><body><div id=root></div><script src=app.js></script></body></html>"),
            MlflowError::Undecodable { detail } if detail.contains("HTML")
        ));
        // So is an intranet page with a search form and a "Log in" link.
        let intranet = r#"<html><body><a href="/login">Log in</a><form action="/search"><input name=q></form></body></html>"#;
        assert!(matches!(
            fail(200, "text/html", intranet),
            MlflowError::Undecodable { .. }
        ));
        // So is a 404 from the proxy.
        assert_eq!(
            fail(404, "text/html", "<html><form><input name=q></form></html>"),
            MlflowError::NoSuchEndpoint { status: 404 }
        );
    }

    #[test]
    fn a_denied_read_is_a_permission_not_a_proxy_problem() {
        // MLflow 3.17.2 with --app-name basic-auth, measured.
        assert_eq!(
            fail(403, "text/html; charset=utf-8", "Permission denied"),
            MlflowError::PermissionDenied
        );
        assert_eq!(
            fail(
                403,
                "application/json",
                r#"{"error_code": "PERMISSION_DENIED", "message": "User alice may not read model x"}"#
            ),
            MlflowError::PermissionDenied
        );
        let e = MlflowError::PermissionDenied;
        assert!(!e.is_unreachable() && !e.is_missing());
    }

    #[test]
    fn workspace_errors_are_not_about_the_model() {
        let e = fail(
            404,
            "application/json",
            r#"{"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "Workspace 'team-z' not found"}"#,
        );
        assert_eq!(
            e,
            MlflowError::NoSuchWorkspace {
                name: "team-z".into()
            }
        );
        assert!(!e.is_not_found() && !e.is_missing());
        assert!(e.to_string().contains("\u{201c}team-z\u{201d}"), "{e}");
        let e = fail(
            400,
            "application/json",
            r#"{"error_code": "INVALID_PARAMETER_VALUE", "message": "Workspace name 'Team_Z' must match the pattern ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ (lowercase alphanumeric with optional internal hyphens)."}"#,
        );
        assert_eq!(
            e,
            MlflowError::NoSuchWorkspace {
                name: "Team_Z".into()
            }
        );
        assert_eq!(
            fail(
                400,
                "application/json",
                r#"{"error_code": "INVALID_PARAMETER_VALUE", "message": "Active workspace is required for artifact operations. Ensure X-MLFLOW-WORKSPACE is set or call mlflow.set_workspace()."}"#
            ),
            MlflowError::NoWorkspace
        );
        // A model that does not exist is still that.
        assert!(fail(404, "application/json", r#"{"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "Registered Model with name=Workspace 'x' not found"}"#).is_not_found());
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
