//! One metric's history for every compared version, on one chart: asked
//! for when a metric is chosen, one request per run, kept for the page.

use super::Column;
use crate::chart::{history_points, history_x, HistoryX};
use crate::components::{ErrorState, LineChart, Series};
use crate::mlflow::client::get_metric_history;
use crate::mlflow::types::Metric;
use crate::mlflow::MlflowError;
use leptos::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

type Histories = HashMap<(String, String), Rc<Result<Vec<Metric>, MlflowError>>>;

/// `chosen` is the metric charted (`""`: none yet), `log` whether on a log
/// scale; both live in the URL, changed through `on_choose` and `on_log`.
#[component]
pub(super) fn CompareHistory(
    columns: Rc<Vec<Column>>,
    api: String,
    #[prop(into)] chosen: Signal<String>,
    #[prop(into)] log: Signal<bool>,
    on_choose: Callback<String>,
    on_log: Callback<bool>,
) -> impl IntoView {
    let keys: BTreeSet<String> = columns
        .iter()
        .filter_map(Column::run)
        .flat_map(|r| r.data.metrics.iter().map(|m| m.key.clone()))
        .collect();
    if keys.is_empty() {
        return ().into_any();
    }
    // (version, run id) of every version with a run.
    let runs: Vec<(String, String)> = columns
        .iter()
        .filter_map(|c| Some((c.version.clone(), c.run()?.info.run_id.clone())))
        .collect();
    let cache = StoredValue::new_local(Histories::new());
    let loaded = crate::hooks::local_resource(move || {
        let (metric, runs, api) = (chosen.get(), runs.clone(), api.clone());
        async move {
            if metric.is_empty() {
                return None;
            }
            let got = futures::future::join_all(runs.iter().map(|(version, run_id)| {
                let (api, metric) = (api.clone(), metric.clone());
                async move {
                    let key = (run_id.clone(), metric.clone());
                    let hit = cache.with_value(|c| c.get(&key).cloned());
                    let history = match hit {
                        Some(h) => h,
                        None => {
                            let h = Rc::new(get_metric_history(&api, run_id, &metric).await);
                            cache.update_value(|c| {
                                c.insert(key, h.clone());
                            });
                            h
                        }
                    };
                    (version.clone(), history)
                }
            }))
            .await;
            Some((metric, got))
        }
    });
    let chart = move || {
        let (metric, got) = loaded.get().flatten()?;
        if let Some(e) = got
            .iter()
            .find_map(|(_, h)| h.as_ref().as_ref().err().cloned())
        {
            return Some(
                view! { <ErrorState error=e on_retry=move |_| loaded.refetch() /> }.into_any(),
            );
        }
        let histories: Vec<(&String, &Vec<Metric>)> = got
            .iter()
            .filter_map(|(version, h)| Some((version, h.as_ref().as_ref().ok()?)))
            .collect();
        // A metric logged without steps is drawn in the order logged.
        let x = history_x(
            &histories
                .iter()
                .map(|(_, h)| h.as_slice())
                .collect::<Vec<_>>(),
        );
        let series: Vec<Series> = histories
            .iter()
            .map(|(version, h)| Series {
                name: format!("Version {version}"),
                points: history_points(h, x),
            })
            .collect();
        let by = match x {
            HistoryX::Step => "by step".to_string(),
            HistoryX::Logged { .. } => "in the order logged".to_string(),
        };
        let summary = format!(
            "{metric} {by} for {}.",
            series
                .iter()
                .map(|s| format!("{} ({} points)", s.name, s.points.len()))
                .collect::<Vec<_>>()
                .join(", ")
        );
        Some(
            view! { <LineChart series=series x_name=x.name() summary=summary log=log on_log=Some(on_log) /> }
                .into_any(),
        )
    };
    let loading = move || chosen.with(|c| !c.is_empty()) && loaded.get().flatten().is_none();
    view! {
        <section class="compare__section compare__history" aria-labelledby="compare-history-title">
            <h2 id="compare-history-title">"History"</h2>
            <label>
                "Metric "
                <select on:change=move |ev| on_choose.run(event_target_value(&ev))>
                    <option value="" selected=move || chosen.with(String::is_empty)>"Choose a metric to chart"</option>
                    {keys
                        .into_iter()
                        .map(|k| {
                            let value = k.clone();
                            let key = k.clone();
                            view! { <option value=value selected=move || chosen.with(|c| *c == key)>{k}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
            {move || loading().then(|| view! { <p aria-busy="true">"Loading the histories…"</p> })}
            {chart}
        </section>
    }
    .into_any()
}
