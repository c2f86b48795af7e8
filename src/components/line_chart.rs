use crate::format::format_metric;
use leptos::prelude::*;
use stylers_macro::style;

const WIDTH: f64 = 520.0;
const HEIGHT: f64 = 160.0;
const PAD: f64 = 28.0;

/// One point of a [`LineChart`].
#[derive(Clone, Debug, PartialEq)]
pub struct ChartPoint {
    /// Under the x axis (e.g. `v3`); empty for none.
    pub x_label: String,
    pub value: f64,
    /// Shown on hover (e.g. `Version 3: accuracy 0.973`).
    pub title: String,
}

/// A small line chart, points evenly spaced left to right, with a text
/// alternative (`summary`) for screen readers.
#[component]
pub fn LineChart(
    points: Vec<ChartPoint>,
    /// Says in words what the chart shows.
    #[prop(into)]
    summary: String,
) -> impl IntoView {
    let class = style! {
        .line-chart__svg {
            width: 100%;
            max-width: 36rem;
            height: auto;
            color: var(--pm-accent);
        }
        .line-chart__axis {
            font-size: 11px;
            fill: var(--pm-muted);
        }
    };
    let lo = points.iter().map(|p| p.value).fold(f64::INFINITY, f64::min);
    let hi = points
        .iter()
        .map(|p| p.value)
        .fold(f64::NEG_INFINITY, f64::max);
    let n = points.len();
    let x_of = move |i: usize| {
        if n <= 1 {
            WIDTH / 2.0
        } else {
            PAD + (WIDTH - 2.0 * PAD) * i as f64 / (n - 1) as f64
        }
    };
    let y_of = move |v: f64| {
        if hi > lo {
            HEIGHT - PAD - (HEIGHT - 2.0 * PAD) * (v - lo) / (hi - lo)
        } else {
            HEIGHT / 2.0
        }
    };
    let line: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{:.1},{:.1}", x_of(i), y_of(p.value)))
        .collect();
    // Label at most ~12 x positions so they never overlap.
    let every = n.div_ceil(12).max(1);
    let dots = points
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let label = (i % every == 0 && !p.x_label.is_empty()).then(|| {
                view! {
                    <text class=format!("line-chart__axis {class}") x=format!("{:.1}", x_of(i)) y=HEIGHT - 6.0 text-anchor="middle">
                        {p.x_label.clone()}
                    </text>
                }
            });
            view! {
                <circle class="line-chart__point" cx=format!("{:.1}", x_of(i)) cy=format!("{:.1}", y_of(p.value)) r="4" fill="currentColor">
                    <title>{p.title}</title>
                </circle>
                {label}
            }
        })
        .collect_view();
    let range = (n > 0).then(|| {
        view! {
            <text class=format!("line-chart__axis {class}") x="2" y=PAD - 10.0>{format_metric(hi)}</text>
            <text class=format!("line-chart__axis {class}") x="2" y=HEIGHT - PAD + 4.0>{format_metric(lo)}</text>
        }
    });
    view! {
        <figure class="line-chart">
            <svg
                class=format!("line-chart__svg {class}")
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
