use crate::deploy::source::DeploymentsError;
use crate::mlflow::MlflowError;
use leptos::prelude::*;
use stylers_macro::style;

/// A failure as the app shows it: a headline saying what failed and a
/// message saying why and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub title: &'static str,
    pub message: String,
}

impl From<MlflowError> for Problem {
    fn from(error: MlflowError) -> Self {
        let title = if matches!(error, MlflowError::Timeout { .. }) {
            "MLflow is slow to answer"
        } else if error.is_unreachable() {
            "MLflow is not reachable"
        } else if matches!(error, MlflowError::Denied { .. }) {
            "MLflow denied access"
        } else {
            "MLflow could not answer this request"
        };
        Self {
            title,
            message: error.to_string(),
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
        let mut message = error.to_string();
        if let Some(first) = message.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        message.push('.');
        Self { title, message }
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
            <button type="button" class="button" on:click=move |_| on_retry.run(())>
                "Retry"
            </button>
        </div>
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
