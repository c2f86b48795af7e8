use crate::mlflow::MlflowError;
use leptos::prelude::*;
use stylers_macro::style;

/// A failed request, said plainly, with Retry when trying again can help.
#[component]
pub fn ErrorState(
    /// What went wrong.
    error: MlflowError,
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
    let title = if error.is_unreachable() {
        "MLflow is not reachable"
    } else if matches!(error, MlflowError::Denied { .. }) {
        "MLflow denied access"
    } else {
        "MLflow could not answer this request"
    };
    view! {
        <div class=format!("error-state {class}") role="alert">
            <h2 class=format!("error-state__title {class}")>{title}</h2>
            <p class=format!("error-state__message {class}")>{error.to_string()}</p>
            <button type="button" class="button" on:click=move |_| on_retry.run(())>
                "Retry"
            </button>
        </div>
    }
}
