use crate::deploy::source::DeploymentsError;
use crate::mlflow::MlflowError;
use leptos::prelude::*;
use stylers_macro::style;

/// A failure as the app shows it: a headline saying what failed, a
/// message saying why and what to do, and the one thing the user can do
/// about it here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub title: &'static str,
    pub message: String,
    pub remedy: Remedy,
}

/// What the error's button does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Remedy {
    /// Ask again: the failure may pass (unreachable, slow, a server error).
    Retry,
    /// The session ended: reload the page (inside a host, tell the host;
    /// [`session_ended`]).
    SignIn,
    /// Nothing the user can do here (no permission): no button.
    None,
}

impl Problem {
    /// The same problem told about the registered model `name`: a denied
    /// read names it.
    pub fn about_model(mut self, name: &str) -> Self {
        if self.remedy == Remedy::None && self.title == NO_PERMISSION {
            self.message = format!(
                "You do not have permission to read \u{201c}{name}\u{201d} on this MLflow server; ask its owner for access."
            );
        }
        self
    }
}

const NO_PERMISSION: &str = "No permission";

impl From<MlflowError> for Problem {
    fn from(error: MlflowError) -> Self {
        let (title, remedy) = match &error {
            MlflowError::Timeout { .. } => ("MLflow is slow to answer", Remedy::Retry),
            e if e.is_unreachable() => ("MLflow is not reachable", Remedy::Retry),
            MlflowError::Denied { .. } => ("MLflow denied access", Remedy::Retry),
            MlflowError::PermissionDenied => (NO_PERMISSION, Remedy::None),
            // Not "Your session has ended" twice: the message says it.
            MlflowError::SessionEnded | MlflowError::Redirected => ("Signed out", Remedy::SignIn),
            MlflowError::NoSuchWorkspace { .. } | MlflowError::NoWorkspace => {
                ("No such workspace", Remedy::None)
            }
            _ => ("MLflow could not answer this request", Remedy::Retry),
        };
        Self {
            title,
            message: error.to_string(),
            remedy,
        }
    }
}

impl From<DeploymentsError> for Problem {
    fn from(error: DeploymentsError) -> Self {
        let title = match error {
            DeploymentsError::Unreachable(_) => "Deployments are not reachable",
            DeploymentsError::Denied(_) => "Access to deployments was denied",
            _ => "Deployments could not be loaded",
        };
        if error == DeploymentsError::SessionEnded {
            return MlflowError::SessionEnded.into();
        }
        let mut message = error.to_string();
        if let Some(first) = message.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        message.push('.');
        Self {
            title,
            message,
            remedy: Remedy::Retry,
        }
    }
}

/// A failed request, said plainly, with Retry.
#[component]
pub fn ErrorState(
    /// What went wrong: any error the app shows.
    #[prop(into)]
    error: Problem,
    /// Called when the user presses Retry.
    #[prop(into)]
    on_retry: Callback<()>,
) -> impl IntoView {
    let class = style! {
        .error-state {
            border: 1px solid var(--pm-danger);
            border-left-width: 4px;
            border-radius: var(--pm-radius);
            background: var(--pm-danger-bg);
            padding: 1rem 1.25rem;
            margin: 1rem 0;
        }
        .error-state__title {
            margin: 0 0 0.5rem 0;
            font-size: 1.05rem;
        }
        .error-state__message {
            margin: 0 0 0.75rem 0;
            overflow-wrap: anywhere;
        }
    };
    view! {
        <div class=format!("error-state {class}") role="alert">
            <h2 class=format!("error-state__title {class}")>{error.title}</h2>
            <p class=format!("error-state__message {class}")>{error.message}</p>
            {match error.remedy {
                Remedy::Retry => Some(view! {
                    <button type="button" class="button" on:click=move |_| on_retry.run(())>
                        "Retry"
                    </button>
                }.into_any()),
                Remedy::SignIn => Some(view! { <SignInAgain /> }.into_any()),
                Remedy::None => None,
            }}
        </div>
    }
}

/// The event a host page hears when the app finds the user's session has
/// ended and the user asks to sign in again (README: Embedding). It
/// bubbles from the app's element (and out of a shadow root).
pub const SESSION_ENDED_EVENT: &str = "primehub-models-session-ended";

/// "Reload": the standalone page reloads (its proxy then asks the user to
/// sign in); inside a host (`mount`, the deploy popup) the button sends
/// [`SESSION_ENDED_EVENT`] instead, and the host decides.
#[component]
pub fn SignInAgain() -> impl IntoView {
    let hosted = use_context::<crate::Embedded>().is_some();
    let press = move |ev: leptos::ev::MouseEvent| session_ended(hosted, ev.target());
    view! {
        <button type="button" class="button" on:click=press>
            {if hosted { "Sign in again" } else { "Reload" }}
        </button>
    }
}

/// Reloads the page, or (`hosted`) dispatches [`SESSION_ENDED_EVENT`] from
/// `from` (the pressed button).
fn session_ended(hosted: bool, from: Option<web_sys::EventTarget>) {
    if !hosted {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
        return;
    }
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    if let (Some(target), Ok(event)) = (
        from,
        web_sys::Event::new_with_event_init_dict(SESSION_ENDED_EVENT, &init),
    ) {
        let _ = target.dispatch_event(&event);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_mlflow_error_is_headed_by_what_failed() {
        let p = Problem::from(MlflowError::Unreachable { status: 502 });
        assert_eq!(p.title, "MLflow is not reachable");
        assert!(p.message.contains("HTTP 502"), "{}", p.message);
        let p = Problem::from(MlflowError::Denied {
            status: 403,
            detail: "no".into(),
        });
        assert_eq!(p.title, "MLflow denied access");
        let p = Problem::from(MlflowError::Timeout { secs: 60 });
        assert_eq!(p.title, "MLflow is slow to answer");
        assert!(p.message.contains("within 60 s"), "{}", p.message);
        let p = Problem::from(MlflowError::Status {
            status: 418,
            detail: "teapot".into(),
        });
        assert_eq!(p.title, "MLflow could not answer this request");
    }

    #[test]
    fn each_problem_offers_what_can_help() {
        let p = Problem::from(MlflowError::PermissionDenied).about_model("churn \"v2\"");
        assert_eq!(p.title, "No permission");
        assert_eq!(p.remedy, Remedy::None);
        assert_eq!(
            p.message,
            "You do not have permission to read \u{201c}churn \"v2\"\u{201d} on this MLflow server; ask its owner for access."
        );
        let p = Problem::from(MlflowError::SessionEnded).about_model("x");
        assert_eq!(p.title, "Signed out");
        assert_eq!(
            p.message,
            "Your session has ended. Reload the page to sign in again."
        );
        assert_eq!(p.remedy, Remedy::SignIn);
        assert_eq!(Problem::from(DeploymentsError::SessionEnded), p);
        let p = Problem::from(MlflowError::NoSuchWorkspace {
            name: "team-z".into(),
        });
        assert_eq!((p.title, p.remedy), ("No such workspace", Remedy::None));
        // Only a denied read is reworded about the model.
        let p = Problem::from(MlflowError::Unreachable { status: 502 });
        assert_eq!(p.clone().about_model("x"), p);
        assert_eq!(p.remedy, Remedy::Retry);
    }

    #[test]
    fn a_deployments_error_reads_as_a_sentence() {
        let p = Problem::from(DeploymentsError::NotFound {
            url: "/graphql".into(),
            status: 404,
        });
        assert_eq!(p.title, "Deployments could not be loaded");
        assert_eq!(
            p.message,
            "Nothing answers at /graphql (HTTP 404); check `deployments.source` in the configuration."
        );
        let p = Problem::from(DeploymentsError::Unreachable("timeout".into()));
        assert_eq!(p.title, "Deployments are not reachable");
        assert_eq!(
            p.message,
            "The service did not answer (timeout); try again later."
        );
        assert_eq!(
            Problem::from(DeploymentsError::Denied(401)).title,
            "Access to deployments was denied"
        );
    }
}
