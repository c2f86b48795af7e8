//! Line charts drawn at the size they are shown (so an 11 px label is
//! 11 px), with round-number axes, a legend when there are several series,
//! and values read by pointer or keyboard. The geometry is in `crate::chart`.

use crate::chart::{log_scale_possible, nearest_index, nice_ticks, thin, Frame, Scale, YAxis};
use crate::format::format_number;
use leptos::html;
use leptos::prelude::*;
use stylers_macro::style;

const HEIGHT: f64 = 180.0;
/// Markers are drawn for a series of at most this many points.
const MARKERS_UP_TO: usize = 60;
/// Dash patterns, one per series, so lines differ by more than colour.
const DASHES: [&str; 4] = ["", "6 4", "2 3", "10 3 2 3"];

/// One line: its name (for the legend and readout) and its `(x, y)` points
/// in ascending x.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: String,
    pub points: Vec<(f64, f64)>,
}

/// A marker shape, one per series (circle, square, triangle, diamond).
fn marker(series: usize, x: f64, y: f64) -> String {
    let r = 4.0;
    match series % 4 {
        0 => format!(
            "M{:.1} {y:.1}a{r} {r} 0 1 0 {:.1} 0a{r} {r} 0 1 0 {:.1} 0",
            x - r,
            2.0 * r,
            -2.0 * r
        ),
        1 => format!(
            "M{:.1} {:.1}h{:.1}v{:.1}h{:.1}z",
            x - r,
            y - r,
            2.0 * r,
            2.0 * r,
            -2.0 * r
        ),
        2 => format!(
            "M{x:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}z",
            y - r - 1.0,
            x + r + 1.0,
            y + r,
            x - r - 1.0,
            y + r
        ),
        _ => format!(
            "M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}z",
            y - r - 1.0,
            x + r + 1.0,
            y + r + 1.0,
            x - r - 1.0
        ),
    }
}

/// A line chart of `series`; `x_name` says what x is ("Step", "Version"),
/// under the x axis and in the readout. With `x_at_points`, x ticks sit on
/// the data's own x values (versions). With `on_log`, a "Log scale" box
/// (checked while `log`) asks for a log y axis; where a value is 0 or below
/// the chart stays linear and says why.
#[component]
pub fn LineChart(
    series: Vec<Series>,
    #[prop(into)] x_name: String,
    /// Says in words what the chart shows (its text alternative).
    #[prop(into)]
    summary: String,
    #[prop(optional)] x_at_points: bool,
    /// A log y axis asked for (where the values allow it).
    #[prop(optional, into)]
    log: Signal<bool>,
    /// Called with the "Log scale" box's new state; no box without it.
    #[prop(default = None)]
    on_log: Option<Callback<bool>>,
    /// Xs marked by a labelled vertical line (the versions deployments
    /// serve); the caller says them in words too.
    #[prop(optional, into)]
    marks: Signal<Vec<(f64, String)>>,
) -> impl IntoView {
    let class = style! {
        .line-chart__plot {
            display: block;
            width: 100%;
            color: var(--pm-muted);
        }
        .line-chart__plot:focus-visible {
            outline: 2px solid var(--pm-focus);
            outline-offset: 2px;
        }
        .line-chart__axis {
            font-size: 11px;
            fill: var(--pm-muted);
        }
        .line-chart__grid {
            stroke: var(--pm-border);
            stroke-width: 1;
        }
        .line-chart__readout {
            min-height: 1.25rem;
            margin: 0.15rem 0 0 0;
            font-size: 0.85rem;
            font-variant-numeric: tabular-nums;
        }
        .line-chart__under {
            display: flex;
            flex-wrap: wrap;
            justify-content: space-between;
            align-items: baseline;
            gap: 0.25rem 1rem;
            font-size: 0.8rem;
            color: var(--pm-muted);
        }
        .line-chart__legend {
            display: flex;
            flex-wrap: wrap;
            gap: 0.25rem 1rem;
            list-style: none;
            margin: 0.25rem 0 0 0;
            padding: 0;
            font-size: 0.85rem;
        }
    };
    let holder = NodeRef::<html::Div>::new();
    let width = RwSignal::new(480.0_f64);
    let measure = move || {
        if let Some(el) = holder.get_untracked() {
            let w = f64::from(el.client_width());
            if w > 0.0 && (w - width.get_untracked()).abs() >= 1.0 {
                width.set(w);
            }
        }
    };
    Effect::new(move |_| {
        if holder.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    // Every x any series has, ascending: what the pointer and keys step through.
    let mut xs: Vec<f64> = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.0))
        .filter(|x| x.is_finite())
        .collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    let ys = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1))
        .filter(|y| y.is_finite());
    let (lo, hi) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), y| {
        (a.min(y), b.max(y))
    });
    let has_data = lo.is_finite() && !xs.is_empty();
    let log_possible = log_scale_possible(series.iter().flat_map(|s| s.points.iter().map(|p| p.1)));
    let axis = Memo::new(move |_| {
        let scale = if log.get() && log_possible {
            Scale::Log
        } else {
            Scale::Linear
        };
        YAxis::new(lo, hi, scale)
    });
    let x_range = (
        xs.first().copied().unwrap_or(0.0),
        xs.last().copied().unwrap_or(0.0),
    );
    let series = StoredValue::new(series);
    let xs = StoredValue::new(xs);
    let active = RwSignal::new(None::<usize>);
    let x_name = StoredValue::new(x_name);
    let frame = Memo::new(move |_| {
        axis.with(|a| Frame::new(x_range, a.domain, &a.labels(), width.get(), HEIGHT))
    });

    let drawing = move || {
        let w = width.get();
        let f = frame.get();
        let ax = axis.get();
        let plot_px = (f.right - f.left).max(1.0) as usize;
        let grid = ax
            .ticks
            .iter()
            .map(|t| {
                let y = f.y_px(ax.pos(*t));
                view! {
                    <line class=format!("line-chart__grid {class}") x1=f.left x2=f.right y1=y y2=y />
                    <text class=format!("line-chart__axis {class}") x=f.left - 6.0 y=y + 4.0 text-anchor="end">
                        {format_number(*t)}
                    </text>
                }
            })
            .collect_view();
        let x_ticks: Vec<f64> = xs.with_value(|xs| {
            let room = (w / 80.0).max(2.0) as usize;
            if x_at_points {
                let every = xs.len().div_ceil(room).max(1);
                xs.iter().step_by(every).copied().collect()
            } else {
                nice_ticks(x_range.0, x_range.1, room)
            }
        });
        let x_axis = x_ticks
            .into_iter()
            .map(|t| {
                let label = if x_at_points { format!("v{}", format_number(t)) } else { format_number(t) };
                view! {
                    <text class=format!("line-chart__axis {class}") x=f.x_px(t) y=HEIGHT - 6.0 text-anchor="middle">{label}</text>
                }
            })
            .collect_view();
        let lines = series.with_value(|all| {
            all.iter()
                .enumerate()
                .map(|(i, s)| {
                    let drawn: Vec<(f64, f64)> =
                        s.points.iter().copied().filter(|p| p.0.is_finite() && p.1.is_finite()).collect();
                    let d = thin(&drawn, plot_px)
                        .iter()
                        .enumerate()
                        .map(|(k, (x, y))| format!("{}{:.1} {:.1}", if k == 0 { 'M' } else { 'L' }, f.x_px(*x), f.y_px(ax.pos(*y))))
                        .collect::<String>();
                    let markers = (drawn.len() <= MARKERS_UP_TO).then(|| {
                        drawn
                            .iter()
                            .map(|(x, y)| {
                                let title = if all.len() > 1 {
                                    format!("{}, {} {}: {}", s.name, x_name.get_value(), format_number(*x), format_number(*y))
                                } else {
                                    format!("{} {}: {}", x_name.get_value(), format_number(*x), format_number(*y))
                                };
                                view! {
                                    <path class="line-chart__point" d=marker(i, f.x_px(*x), f.y_px(ax.pos(*y))) fill="currentColor">
                                        <title>{title}</title>
                                    </path>
                                }
                            })
                            .collect_view()
                    });
                    view! {
                        <g class=format!("line-chart__series line-chart__series--{}", i % 4)>
                            <path d=d fill="none" stroke="currentColor" stroke-width="2" stroke-dasharray=DASHES[i % 4] />
                            {markers}
                        </g>
                    }
                })
                .collect_view()
        });
        // The point being read: a guide and a ring on each series' value there.
        let cursor = active.get().and_then(|k| xs.with_value(|xs| xs.get(k).copied())).map(|x| {
            let px = f.x_px(x);
            let rings = series.with_value(|all| {
                all.iter()
                    .enumerate()
                    .filter_map(|(i, s)| {
                        let (_, y) = s.points.iter().find(|p| p.0 == x && p.1.is_finite())?;
                        Some(view! {
                            <circle class=format!("line-chart__series--{}", i % 4) cx=px cy=f.y_px(ax.pos(*y)) r="6" fill="none" stroke="currentColor" stroke-width="2" />
                        })
                    })
                    .collect_view()
            });
            view! {
                <line class=format!("line-chart__grid {class}") x1=px x2=px y1=f.top y2=f.bottom stroke-dasharray="3 3" />
                {rings}
            }
        });
        let marked = marks
            .get()
            .into_iter()
            .filter(|(x, _)| *x >= x_range.0 && *x <= x_range.1)
            .enumerate()
            .map(|(i, (x, label))| {
                let px = f.x_px(x);
                // Labels right of the middle read leftwards, so none runs
                // off the chart; each on its own line, so none overprints.
                let right_half = px > (f.left + f.right) / 2.0;
                let (tx, anchor) = if right_half { (px - 3.0, "end") } else { (px + 3.0, "start") };
                let ty = f.top + 10.0 + 12.0 * i as f64;
                view! {
                    <g class="line-chart__mark">
                        <line x1=px x2=px y1=f.top y2=f.bottom stroke="currentColor" stroke-width="1.5" stroke-dasharray="1 3" />
                        <text class=format!("line-chart__axis {class}") x=tx y=ty text-anchor=anchor>{label}</text>
                    </g>
                }
            })
            .collect_view();
        view! {
            <svg width=w height=HEIGHT viewBox=format!("0 0 {w} {HEIGHT}") aria-hidden="true">
                {grid}
                <line class=format!("line-chart__grid {class}") x1=f.left x2=f.right y1=f.bottom y2=f.bottom />
                {x_axis}
                {marked}
                {lines}
                {cursor}
            </svg>
        }
    };

    let readout = move || {
        let k = active.get()?;
        let x = xs.with_value(|xs| xs.get(k).copied())?;
        let values = series.with_value(|all| {
            all.iter()
                .filter_map(|s| {
                    let (_, y) = s.points.iter().find(|p| p.0 == x)?;
                    Some(if all.len() > 1 {
                        format!("{} {}", s.name, format_number(*y))
                    } else {
                        format_number(*y)
                    })
                })
                .collect::<Vec<_>>()
                .join(", ")
        });
        Some(format!(
            "{} {}: {values}",
            x_name.get_value(),
            format_number(x)
        ))
    };
    let on_move = move |ev: leptos::ev::MouseEvent| {
        let x = frame.get_untracked().x_at(f64::from(ev.offset_x()));
        active.set(xs.with_value(|xs| nearest_index(xs, x)));
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let n = xs.with_value(Vec::len);
        if n == 0 {
            return;
        }
        let now = active.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowUp" => now.map_or(0, |k| (k + 1).min(n - 1)),
            "ArrowLeft" | "ArrowDown" => now.map_or(n - 1, |k| k.saturating_sub(1)),
            "Home" => 0,
            "End" => n - 1,
            "Escape" => {
                active.set(None);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        active.set(Some(next));
    };
    let legend = series.with_value(|all| {
        (all.len() > 1).then(|| {
            let items = all
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    view! {
                        <li class=format!("line-chart__series--{}", i % 4)>
                            <svg width="34" height="12" aria-hidden="true">
                                <line x1="1" x2="33" y1="6" y2="6" stroke="currentColor" stroke-width="2" stroke-dasharray=DASHES[i % 4] />
                                <path d=marker(i, 17.0, 6.0) fill="currentColor" />
                            </svg>
                            " "
                            <span class="line-chart__legend-name">{s.name.clone()}</span>
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class=format!("line-chart__legend {class}")>{items}</ul> }
        })
    });
    // Under the plot: what x is, and the scale choice.
    let log_choice = on_log.map(|on_log| {
        if log_possible {
            view! {
                <label class="line-chart__log">
                    <input
                        type="checkbox"
                        prop:checked=move || log.get()
                        on:change=move |ev| on_log.run(event_target_checked(&ev))
                    />
                    " Log scale"
                </label>
            }
            .into_any()
        } else {
            view! {
                <span class="line-chart__log line-chart__log--unavailable">
                    "No log scale: this chart has values of 0 or below."
                </span>
            }
            .into_any()
        }
    });
    let under = view! {
        <div class=format!("line-chart__under {class}")>
            <span class="line-chart__x-name">{x_name.get_value()}" \u{2192}"</span>
            {log_choice}
        </div>
    };
    let label = format!("{summary} Use the arrow keys to read each value.");
    view! {
        <figure class="line-chart">
            <div
                class=format!("line-chart__plot {class}")
                node_ref=holder
                tabindex=has_data.then_some("0")
                role="img"
                aria-label=label
                on:mousemove=on_move
                on:mouseleave=move |_| active.set(None)
                on:keydown=on_key
                on:blur=move |_| active.set(None)
            >
                {drawing}
            </div>
            {under}
            <p class=format!("line-chart__readout {class}") aria-live="polite">{readout}</p>
            {legend}
            <figcaption class="visually-hidden">{summary}</figcaption>
        </figure>
    }
}
