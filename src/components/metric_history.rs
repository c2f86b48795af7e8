use super::line_chart::{LineChart, Series};
use super::ErrorState;
use crate::chart::{history_points, history_x, min_max_last, HistoryX};
use crate::format::{count, format_number};
use crate::mlflow::client::{get_history_for_chart, StepRange, SAMPLED_POINTS};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// A metric's values by step (or, logged without steps, in the order
/// logged), fetched and drawn only once scrolled into view.
#[component]
pub fn MetricHistory(
    /// The proxy prefix for MLflow's /api.
    #[prop(into)]
    api: String,
    #[prop(into)] run_id: String,
    /// The metric's key.
    #[prop(into)]
    metric: String,
    /// The metric's latest value is at step 0: it may have been logged once
    /// (then it says so instead of drawing one point) or many times
    /// without a step.
    #[prop(optional)]
    at_step_zero: bool,
    /// On a log scale (where the values allow it).
    #[prop(optional, into)]
    log: Signal<bool>,
    /// The "Log scale" box's changes; no box without it.
    #[prop(optional)]
    on_log: Option<Callback<bool>>,
) -> impl IntoView {
    let holder = NodeRef::<html::Div>::new();
    let seen = RwSignal::new(false);
    // Watch the placeholder; the first time it is visible, load the history.
    Effect::new(move |_| {
        let Some(el) = holder.get() else { return };
        let callback = Closure::<dyn FnMut(js_sys::Array, web_sys::IntersectionObserver)>::new(
            move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
                let visible = entries.iter().any(|e| {
                    e.unchecked_into::<web_sys::IntersectionObserverEntry>()
                        .is_intersecting()
                });
                if visible {
                    seen.set(true);
                    observer.disconnect();
                }
            },
        );
        match web_sys::IntersectionObserver::new(callback.as_ref().unchecked_ref()) {
            Ok(observer) => {
                observer.observe(&el);
                let observer = send_wrapper::SendWrapper::new(observer);
                let callback = send_wrapper::SendWrapper::new(callback);
                on_cleanup(move || {
                    // Entries queued for this observer but not yet delivered
                    // would still call the callback after it is dropped (a
                    // page left as its charts scroll into view): taking them
                    // leaves the browser nothing to deliver.
                    observer.take_records();
                    observer.disconnect();
                    drop(callback);
                });
            }
            // No observer (very old browser): load at once.
            Err(_) => seen.set(true),
        }
    });
    let key = metric.clone();
    // Points loaded so far, while a long history comes page by page.
    let loaded_points = RwSignal::new(0usize);
    // As many points as the chart has pixel columns (one request), or the
    // whole history thinned by the chart where the server cannot sample.
    // The steps zoomed into; `None` for the whole history.
    let range = RwSignal::new(None::<StepRange>);
    let history = crate::hooks::local_resource(move || {
        let (api, run_id, key, go) = (api.clone(), run_id.clone(), key.clone(), seen.get());
        let range = range.get();
        async move {
            if !go {
                return None;
            }
            let width = holder
                .try_get_untracked()
                .flatten()
                .map_or(500, |el| el.client_width().max(0) as usize);
            let max = width.clamp(200, SAMPLED_POINTS);
            Some(
                get_history_for_chart(&api, &run_id, &key, max, range, |n| loaded_points.set(n))
                    .await,
            )
        }
    });
    let (attr_name, title) = (metric.clone(), metric.clone());
    view! {
        <div class="metric-history" node_ref=holder data-metric=attr_name>
            <h4 class="metric-history__title">{title}</h4>
            {move || match history.get().flatten() {
                None => view! {
                    <div class="metric-history__placeholder" aria-busy="true">
                        "Loading history…"
                        {move || (loaded_points.get() > 0).then(|| format!(" {} points so far", loaded_points.get()))}
                    </div>
                }
                .into_any(),
                Some(Err(e)) => view! { <ErrorState error=e on_retry=move |_| history.refetch() /> }.into_any(),
                Some(Ok((points, _))) if at_step_zero && points.len() <= 1 => view! {
                    <p class="metric-history__once muted">
                        {format!("Logged once ({}): no history to chart.", points.first().map_or("no value".to_string(), |p| format_number(p.value)))}
                    </p>
                }
                .into_any(),
                Some(Ok((points, sampled))) => {
                    let values: Vec<f64> = points.iter().map(|p| p.value).collect();
                    let x = history_x(&[&points]);
                    let stated = match min_max_last(&values) {
                        Some((lo, hi, last)) => format!(
                            "min {}, max {}, last {}",
                            format_number(lo),
                            format_number(hi),
                            format_number(last)
                        ),
                        None => "no value that can be drawn".to_string(),
                    };
                    let steps = match points.len() {
                        n if x != HistoryX::Step => format!(
                            "{} values logged at step {}, in the order logged",
                            count(n),
                            points.first().map_or(0, |p| p.step)
                        ),
                        1 => "1 step".to_string(),
                        n if sampled => format!(
                            "steps {} to {} ({n} sampled points)",
                            points.first().map_or(0, |p| p.step),
                            points.last().map_or(0, |p| p.step)
                        ),
                        n => format!("{n} steps"),
                    };
                    let summary = format!("{metric} over {steps}: {stated}.");
                    let series = vec![Series {
                        name: metric.clone(),
                        points: history_points(&points, x),
                    }];
                    view! {
                        <LineChart series=series x_name=x.name() summary=summary.clone() log=log on_log=on_log />
                        <p class="metric-history__summary muted">{summary}</p>
                    }
                    .into_any()
                }
            }}
            <ZoomForm range=range />
        </div>
    }
}

/// "Steps from .. to ..": asks again for that range, as finely as the
/// chart can show it; "All steps" goes back.
#[component]
fn ZoomForm(range: RwSignal<Option<StepRange>>) -> impl IntoView {
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<&'static str>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let parse = |s: String| s.trim().parse::<i64>().ok();
        match (parse(from.get_untracked()), parse(to.get_untracked())) {
            (Some(a), Some(b)) if a < b => {
                problem.set(None);
                range.set(Some((a, b)));
            }
            _ => problem.set(Some(
                "Give two whole step numbers, the first below the second.",
            )),
        }
    };
    view! {
        <form class="metric-history__zoom" on:submit=submit novalidate=true>
            <label>"Steps from " <input type="number" inputmode="numeric" size="7" prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev)) /></label>
            <label>" to " <input type="number" inputmode="numeric" size="7" prop:value=move || to.get() on:input=move |ev| to.set(event_target_value(&ev)) /></label>
            " "
            <button type="submit" class="button button--secondary">"Zoom"</button>
            {move || range.get().is_some().then(|| view! {
                " "
                <button type="button" class="button button--secondary" on:click=move |_| range.set(None)>"All steps"</button>
            })}
            <span class="metric-history__zoom-problem" role="status">{move || problem.get()}</span>
        </form>
    }
}
