use super::line_chart::{ChartPoint, LineChart};
use crate::format::format_metric;
use leptos::prelude::*;

/// One metric across versions: a small line chart, version on the x axis.
/// The values are also in the table and in the chart's text alternative.
#[component]
pub fn MetricTrend(
    /// The metric's key.
    #[prop(into)]
    metric: String,
    /// `(version, value)` in ascending version order; versions without the
    /// metric are left out.
    points: Vec<(String, f64)>,
) -> impl IntoView {
    let summary = if points.is_empty() {
        format!("No version on this page has {metric}.")
    } else {
        let parts: Vec<String> = points
            .iter()
            .map(|(v, x)| format!("version {v}: {}", format_metric(*x)))
            .collect();
        format!("{metric} by version: {}.", parts.join(", "))
    };
    let points = points
        .into_iter()
        .map(|(version, value)| ChartPoint {
            x_label: format!("v{version}"),
            title: format!("Version {version}: {metric} {}", format_metric(value)),
            value,
        })
        .collect();
    view! {
        <div class="metric-trend">
            <LineChart points=points summary=summary />
        </div>
    }
}
