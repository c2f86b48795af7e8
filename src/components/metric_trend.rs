use crate::format::format_metric;
use leptos::prelude::*;
use stylers_macro::style;

const WIDTH: f64 = 520.0;
const HEIGHT: f64 = 160.0;
const PAD: f64 = 28.0;

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
    let class = style! {
        .metric-trend__svg {
            width: 100%;
            max-width: 36rem;
            height: auto;
            color: var(--pm-accent);
        }
        .metric-trend__axis {
            font-size: 11px;
            fill: var(--pm-muted);
        }
    };
    let summary = if points.is_empty() {
        format!("No version on this page has {metric}.")
    } else {
        let parts: Vec<String> = points
            .iter()
            .map(|(v, x)| format!("version {v}: {}", format_metric(*x)))
            .collect();
        format!("{metric} by version: {}.", parts.join(", "))
    };
    let lo = points.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let hi = points.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let span = if hi > lo { hi - lo } else { 1.0 };
    let n = points.len();
    let x_of = |i: usize| {
        if n <= 1 {
            WIDTH / 2.0
        } else {
            PAD + (WIDTH - 2.0 * PAD) * i as f64 / (n - 1) as f64
        }
    };
    let y_of = |v: f64| {
        if hi > lo {
            HEIGHT - PAD - (HEIGHT - 2.0 * PAD) * (v - lo) / span
        } else {
            HEIGHT / 2.0
        }
    };
    let line: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, (_, v))| format!("{:.1},{:.1}", x_of(i), y_of(*v)))
        .collect();
    let dots = points
        .iter()
        .enumerate()
        .map(|(i, (version, v))| {
            let label = format!("Version {version}: {metric} {}", format_metric(*v));
            view! {
                <circle class="metric-trend__point" cx=format!("{:.1}", x_of(i)) cy=format!("{:.1}", y_of(*v)) r="4" fill="currentColor">
                    <title>{label}</title>
                </circle>
                <text class=format!("metric-trend__axis {class}") x=format!("{:.1}", x_of(i)) y=HEIGHT - 6.0 text-anchor="middle">
                    {format!("v{version}")}
                </text>
            }
        })
        .collect_view();
    let range = (n > 0).then(|| {
        view! {
            <text class=format!("metric-trend__axis {class}") x="2" y=PAD - 10.0>{format_metric(hi)}</text>
            <text class=format!("metric-trend__axis {class}") x="2" y=HEIGHT - PAD + 4.0>{format_metric(lo)}</text>
        }
    });
    view! {
        <figure class="metric-trend">
            <svg
                class=format!("metric-trend__svg {class}")
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                role="img"
                aria-label=summary.clone()
            >
                <polyline points=line.join(" ") fill="none" stroke="currentColor" stroke-width="2" />
                {dots}
                {range}
            </svg>
            <figcaption class="visually-hidden">{summary}</figcaption>
        </figure>
    }
}
