//! Metric histories: every logged value page by page, or a sample as wide
//! as the chart where the server can sample (MLflow 2.10 and newer).

use super::error::MlflowError;
use super::request::{get_json, get_json_within};
use super::types::{Metric, MetricHistory};
use super::url::api_url;
use crate::paging::collect_all_pages;

/// Points of a metric's history asked for per request.
pub const HISTORY_PAGE: u32 = 1000;

/// URL of one page of `metrics/get-history`.
pub fn metric_history_url(api: &str, run_id: &str, key: &str, token: Option<&str>) -> String {
    let max = HISTORY_PAGE.to_string();
    let mut query = vec![
        ("run_id", run_id),
        ("metric_key", key),
        ("max_results", max.as_str()),
    ];
    if let Some(t) = token.filter(|t| !t.is_empty()) {
        query.push(("page_token", t));
    }
    api_url(api, "metrics/get-history", &query)
}

/// Points a sampled history asks for at most (MLflow's own limit is 1,000).
pub const SAMPLED_POINTS: usize = 1000;

/// How long a page of a whole history may take. MLflow 2.9 and older answer
/// `get-history` unpaged: a 100,000-step history is one 12 MB answer that
/// MLflow 2.9.2 took 8.7-9.8 s to send on the bench machine, so the usual
/// 10 s would fail a history the server is still sending.
pub const HISTORY_TIMEOUT_SECS: u32 = 60;

/// Steps `start..=end` of a history (a chart zoomed in).
pub type StepRange = (i64, i64);

/// URL of `metrics/get-history-bulk-interval`: at most `max` points spread
/// over the history of `key` in run `run_id`, or over `range` of its steps
/// (MLflow 2.10 and newer).
pub fn sampled_history_url(
    api: &str,
    run_id: &str,
    key: &str,
    max: usize,
    range: Option<StepRange>,
) -> String {
    let max = max.clamp(2, SAMPLED_POINTS).to_string();
    let (start, end) = range.map_or((String::new(), String::new()), |(a, b)| {
        (a.to_string(), b.to_string())
    });
    let mut query = vec![
        ("run_ids", run_id),
        ("metric_key", key),
        ("max_results", max.as_str()),
    ];
    if range.is_some() {
        query.push(("start_step", start.as_str()));
        query.push(("end_step", end.as_str()));
    }
    api_url(api, "metrics/get-history-bulk-interval", &query)
}

/// A metric's history as a chart `max` points wide can show: one sampled
/// answer where the server has the endpoint; else (learned once per
/// session from its answer) the whole history, fetched page by page with
/// `progress` told the points so far, then thinned on the client. The flag
/// is true when the points are a sample of a longer history.
pub async fn get_history_for_chart(
    api: &str,
    run_id: &str,
    key: &str,
    max: usize,
    range: Option<StepRange>,
    progress: impl Fn(usize),
) -> Result<(Vec<Metric>, bool), MlflowError> {
    if super::capabilities::has_sampled_history(api) != Some(false) {
        let got: Result<MetricHistory, MlflowError> =
            get_json(&sampled_history_url(api, run_id, key, max, range)).await;
        match got {
            Ok(page) => {
                super::capabilities::learn_sampled_history(api, true);
                let mut points = page.metrics;
                points.sort_by_key(|m| (m.step, m.timestamp));
                // The server samples by step: values logged without a step
                // all sit at one step, and only the whole history has them
                // all (charted in the order logged).
                if !one_step(&points) {
                    let sampled = points.len() >= max.clamp(2, SAMPLED_POINTS);
                    return Ok((points, sampled));
                }
            }
            Err(e) if e.is_missing_endpoint() => {
                super::capabilities::learn_sampled_history(api, false)
            }
            Err(e) => return Err(e),
        }
    }
    let mut all = get_metric_history_with_progress(api, run_id, key, progress).await?;
    if let Some((a, b)) = range {
        all.retain(|m| (a..=b).contains(&m.step));
    }
    Ok((all, false))
}

/// More than one value, all at one step (a metric logged without `step`).
pub fn one_step(points: &[Metric]) -> bool {
    points.len() > 1 && points.iter().all(|m| m.step == points[0].step)
}

/// Every logged value of one metric of a run, paged through to the end
/// (at most 100 pages), ordered by step.
pub async fn get_metric_history(
    api: &str,
    run_id: &str,
    key: &str,
) -> Result<Vec<Metric>, MlflowError> {
    get_metric_history_with_progress(api, run_id, key, |_| ()).await
}

/// [`get_metric_history`], telling `progress` the points loaded so far
/// after each page.
async fn get_metric_history_with_progress(
    api: &str,
    run_id: &str,
    key: &str,
    progress: impl Fn(usize),
) -> Result<Vec<Metric>, MlflowError> {
    let seen = std::cell::Cell::new(0usize);
    let (seen, progress) = (&seen, &progress);
    let mut all = collect_all_pages(100, |token: Option<String>| {
        let url = metric_history_url(api, run_id, key, token.as_deref());
        async move {
            let page: MetricHistory = get_json_within(&url, HISTORY_TIMEOUT_SECS).await?;
            seen.set(seen.get() + page.metrics.len());
            progress(seen.get());
            Ok::<_, MlflowError>((page.metrics, page.next_page_token))
        }
    })
    .await?;
    all.sort_by_key(|m| (m.step, m.timestamp));
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sampled_history_asks_for_the_chart_width_and_a_step_range() {
        assert_eq!(
            sampled_history_url("/api/mlflow", "r1", "loss", 640, None),
            "/api/mlflow/2.0/mlflow/metrics/get-history-bulk-interval?run_ids=r1&metric_key=loss&max_results=640"
        );
        assert_eq!(
            sampled_history_url("/api/mlflow", "r1", "a b", 5000, Some((1000, 2000))),
            "/api/mlflow/2.0/mlflow/metrics/get-history-bulk-interval?run_ids=r1&metric_key=a%20b&max_results=1000&start_step=1000&end_step=2000"
        );
    }
}
