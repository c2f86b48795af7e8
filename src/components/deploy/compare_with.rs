//! "Compare with v3, serving in churn-prod": a version beside the one each
//! live deployment serves, as the baseline.

use super::*;
use crate::components::AppLink;
use crate::deploy::{served_baselines, ModelFacts};
use crate::links::compare_with_href;
use leptos::prelude::*;

/// A link per version that live deployments of the model serve, other than
/// `version`; nothing while the deployments load, when they failed, or when
/// nothing else serves (the action is absent, not disabled); a version MLflow
/// does not have is no baseline.
/// `compact` is the versions table's form: "Compare with v3", the
/// deployments said to screen readers and on hover.
#[component]
pub fn CompareWithServing(
    /// The router base the links are built on.
    #[prop(into)]
    base: String,
    #[prop(into)] state: Signal<DeploymentsState>,
    #[prop(into)] model: Signal<ModelFacts>,
    #[prop(into)] version: String,
    #[prop(optional)] compact: bool,
    /// Versions deployments point at that MLflow does not have: no baseline.
    /// Nothing is offered until they are known (`None`).
    #[prop(into)]
    missing: Signal<Option<Vec<String>>>,
) -> impl IntoView {
    move || {
        let list = state.with(|s| s.list().map(<[_]>::to_vec))?;
        let (name, mut baselines) =
            model.with(|m| (m.name.clone(), served_baselines(&list, m, Some(&version))));
        let gone = missing.get()?;
        baselines.retain(|b| !gone.contains(&b.version));
        if baselines.is_empty() {
            return None;
        }
        let items = baselines
            .into_iter()
            .map(|b| {
                let href = compare_with_href(&base, &name, &b.version, &version);
                let label = b.label();
                // The short form's visible words begin its accessible name.
                let link = if compact {
                    view! {
                        <AppLink href=href attr:title=label.clone() attr:aria-label=label>
                            {format!("Compare with v{}", b.version)}
                        </AppLink>
                    }
                    .into_any()
                } else {
                    view! { <AppLink href=href>{label}</AppLink> }.into_any()
                };
                view! { <li>{link}</li> }
            })
            .collect_view();
        Some(view! { <ul class="compare-with">{items}</ul> })
    }
}
