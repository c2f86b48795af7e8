//! The chosen metric charted across the page's versions.

use super::table::{metric_of, run_of, RunMap};
use crate::components::MetricTrend;
use crate::mlflow::types::SearchModelVersions;
use crate::query::VersionListState;
use leptos::ev;
use leptos::prelude::*;

/// The chosen metric across the page's versions, oldest version first.
#[component]
pub(super) fn VersionsTrend(
    page: SearchModelVersions,
    runs: Option<RunMap>,
    state: VersionListState,
    on_trend: impl Fn(ev::Event) + Clone + 'static,
    /// The "Log scale" box's changes for the charted metric.
    on_log: Callback<bool>,
    /// `(version, deployments)` served now, marked on the chart.
    served: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let metrics = state.metrics.clone();
    let Some(metric) = state.trend_metric() else {
        return ().into_any();
    };
    let mut points: Vec<(String, f64)> = page
        .model_versions
        .iter()
        .filter_map(|v| metric_of(run_of(&runs, v), &metric).map(|x| (v.version.clone(), x)))
        .collect();
    points.sort_by_key(|(v, _)| v.parse::<u64>().unwrap_or(0));
    let chosen = metric.clone();
    let log = state.log.contains(&metric);
    view! {
        <section class="versions-trend" aria-label="Metric trend">
            <label>
                "Trend of "
                <select on:change=on_trend>
                    {metrics
                        .into_iter()
                        .map(|m| {
                            let selected = m == chosen;
                            view! { <option value=m.clone() selected=selected>{m.clone()}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
            <MetricTrend metric=metric points=points log=log on_log=on_log served=served />
        </section>
    }
    .into_any()
}
