use super::line_chart::{LineChart, Series};
use crate::chart::min_max_last;
use crate::format::format_number;
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
    /// On a log scale (where the values allow it).
    #[prop(optional, into)]
    log: Signal<bool>,
    /// The "Log scale" box's changes; no box without it.
    #[prop(optional)]
    on_log: Option<Callback<bool>>,
    /// `(version, deployments)`: the versions deployments serve now, marked
    /// on the chart and said under it.
    #[prop(optional, into)]
    served: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let summary = if points.is_empty() {
        format!("No version on this page has {metric}.")
    } else {
        let parts: Vec<String> = points
            .iter()
            .map(|(v, x)| format!("version {v}: {}", format_number(*x)))
            .collect();
        format!("{metric} by version: {}.", parts.join(", "))
    };
    // Stated beside the chart: lowest, highest, and the newest version's.
    let values: Vec<f64> = points.iter().map(|p| p.1).collect();
    let stated = min_max_last(&values).map(|(lo, hi, last)| {
        format!(
            "{metric}: min {}, max {}, newest version {}",
            format_number(lo),
            format_number(hi),
            format_number(last)
        )
    });
    let series = vec![Series {
        name: metric,
        points: points
            .iter()
            .filter_map(|(v, x)| Some((v.parse::<f64>().ok()?, *x)))
            .collect(),
    }];
    let marks = Signal::derive(move || {
        served
            .get()
            .into_iter()
            .filter_map(|(v, by)| Some((v.parse::<f64>().ok()?, by)))
            .collect::<Vec<_>>()
    });
    let served_line = move || {
        let list = served.get();
        (!list.is_empty()).then(|| {
            let parts: Vec<String> = list.iter().map(|(v, by)| format!("v{v} by {by}")).collect();
            format!("Served now: {}.", parts.join("; "))
        })
    };
    view! {
        <div class="metric-trend">
            <LineChart series=series x_name="Version" summary=summary x_at_points=true log=log on_log=on_log marks=marks />
            <p class="metric-trend__summary muted">{stated}</p>
            <p class="metric-trend__served muted">{served_line}</p>
        </div>
    }
}
