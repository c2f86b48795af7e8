//! Parameters, Metrics, Version tags and Run tags: a row per key, a cell per
//! version, differences marked in words and shape, not colour alone.

use super::Column;
use crate::compare::{hidden_label, only_differences as differing_rows, text_rows, Cell, Row};
use crate::components::ValueText;
use crate::metric_direction::{Direction, Verdict};
use crate::mlflow::types::user_tags;
use leptos::prelude::*;
use std::rc::Rc;

/// Each version's metrics (`None` without a run): what the Metrics rows and
/// the header's tally are made from.
pub(super) fn metric_columns(columns: &[Column]) -> Vec<Option<Vec<(String, f64)>>> {
    columns
        .iter()
        .map(|c| {
            c.run().map(|r| {
                r.data
                    .metrics
                    .iter()
                    .map(|m| (m.key.clone(), m.value))
                    .collect()
            })
        })
        .collect()
}

/// A metric's direction and its flip, for the Metrics section's keys.
#[derive(Clone, Copy)]
pub(super) struct MetricDirections {
    pub of: Callback<String, Direction>,
    pub on_flip: Callback<String>,
}

#[component]
pub(super) fn Sections(
    columns: Rc<Vec<Column>>,
    /// The Metrics rows (`compare::metric_rows`), made with the page's
    /// directions.
    metrics: Vec<Row>,
    directions: MetricDirections,
    base_index: usize,
    only_differences: bool,
) -> impl IntoView {
    // `None` for a version without the data (missing, no run, run failed).
    let params: Vec<Option<Vec<(String, String)>>> = columns
        .iter()
        .map(|c| {
            c.run().map(|r| {
                r.data
                    .params
                    .iter()
                    .map(|p| (p.key.clone(), p.value.clone()))
                    .collect()
            })
        })
        .collect();
    let version_tags: Vec<Option<Vec<(String, String)>>> = columns
        .iter()
        .map(|c| {
            c.model_version().map(|v| {
                user_tags(&v.tags)
                    .map(|t| (t.key.clone(), t.value.clone()))
                    .collect()
            })
        })
        .collect();
    let run_tags: Vec<Option<Vec<(String, String)>>> = columns
        .iter()
        .map(|c| {
            c.run().map(|r| {
                user_tags(&r.data.tags)
                    .map(|t| (t.key.clone(), t.value.clone()))
                    .collect()
            })
        })
        .collect();
    let versions: Vec<String> = columns.iter().map(|c| c.version.clone()).collect();
    // Versions whose run could not be read: their run cells are "not
    // known", never "not logged", and a note says why.
    let unreadable: Vec<Option<String>> = columns
        .iter()
        .map(|c| match c.run.as_deref() {
            Some(Err(e)) => Some(e.run_unreadable()),
            _ => None,
        })
        .collect();
    let run_unknown: Vec<bool> = unreadable.iter().map(Option::is_some).collect();
    let why = unreadable
        .iter()
        .zip(&versions)
        .filter_map(|(why, v)| {
            Some(view! { <li>{format!("Version {v}: {}.", why.as_ref()?)}</li> })
        })
        .collect::<Vec<_>>();
    let why = (!why.is_empty()).then(|| view! { <ul class="compare__unknown muted">{why}</ul> });
    let section = |id: &'static str, title: &'static str, rows: Vec<Row>, unknown: Vec<bool>| {
        view! {
            <Section id=id title=title rows=rows versions=versions.clone() base_index=base_index only_differences=only_differences unknown=unknown />
        }
    };
    view! {
        {why}
        {section("compare-params", "Parameters", text_rows(&params, base_index, true), run_unknown.clone())}
        <Section id="compare-metrics" title="Metrics" rows=metrics versions=versions.clone() base_index=base_index only_differences=only_differences directions=directions unknown=run_unknown.clone() />
        {section("compare-version-tags", "Version tags", text_rows(&version_tags, base_index, false), Vec::new())}
        {section("compare-run-tags", "Run tags", text_rows(&run_tags, base_index, false), run_unknown)}
    }
}

#[component]
pub(super) fn Section(
    id: &'static str,
    title: &'static str,
    rows: Vec<Row>,
    versions: Vec<String>,
    base_index: usize,
    only_differences: bool,
    /// Per version: its data could not be had, so its cells say "not
    /// known" rather than `absent`.
    #[prop(optional)]
    unknown: Vec<bool>,
    /// What a missing value is to a screen reader.
    #[prop(default = "not logged")]
    absent: &'static str,
    /// Metrics: each key says which way is better, and flips it.
    #[prop(optional)]
    directions: Option<MetricDirections>,
) -> impl IntoView {
    let total = rows.len();
    let (rows, hidden) = if only_differences {
        differing_rows(rows)
    } else {
        (rows, 0)
    };
    let hidden_note =
        (hidden > 0).then(|| view! { <p class="compare__hidden muted">{hidden_label(hidden)}</p> });
    let body = if total == 0 {
        let none = if unknown.contains(&true) {
            format!(
                "No version that could be read has {}.",
                title.to_lowercase()
            )
        } else {
            format!("No version here has {}.", title.to_lowercase())
        };
        view! { <p class="muted">{none}</p> }.into_any()
    } else if rows.is_empty() {
        view! { <p class="muted">"Every version has the same values."</p> }.into_any()
    } else {
        let heads = versions
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let base = (i == base_index).then_some(" (baseline)");
                view! { <th scope="col">{format!("Version {v}")}{base}</th> }
            })
            .collect_view();
        let rows = rows
            .into_iter()
            .map(|r| {
                let cells = r
                    .cells
                    .into_iter()
                    .zip(r.differs)
                    .enumerate()
                    .map(|(i, (c, differs))| {
                        let missing = if unknown.get(i).copied().unwrap_or(false) { "not known" } else { absent };
                        cell(&r.key, c, differs, missing)
                    })
                    .collect_view();
                let flip = directions.map(|d| view! { <td class="compare__better">{direction_button(&r.key, d)}</td> });
                view! { <tr class:compare__row--differs=!r.all_equal><th scope="row">{r.key}</th>{cells}{flip}</tr> }
            })
            .collect_view();
        view! {
            <div class="table-frame">
                <table class="data-table compare-table">
                    <caption class="visually-hidden">{title}</caption>
                    <thead><tr><th scope="col">"Key"</th>{heads}{directions.map(|_| view! { <th scope="col">"Better when"</th> })}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let (heading, labelled_by) = (format!("{id}-title"), format!("{id}-title"));
    view! {
        <section class="compare__section" aria-labelledby=labelled_by>
            <h2 id=heading>{title}</h2>
            {hidden_note}
            {body}
        </section>
    }
}

/// "lower is better" at the end of a metric's row: pressing it flips the
/// direction (the page keeps the choice in the URL and the browser).
fn direction_button(key: &str, d: MetricDirections) -> impl IntoView {
    let direction = d.of.run(key.to_string());
    let arrow = match direction {
        Direction::LowerIsBetter => "\u{2193}",
        Direction::HigherIsBetter => "\u{2191}",
    };
    let key = key.to_string();
    let flip = key.clone();
    let title = format!(
        "{key}: {}. Press for {}.",
        direction.label(),
        direction.flipped().label()
    );
    view! {
        <button
            type="button"
            class="compare__direction"
            data-metric=key.clone()
            title=title
            on:click=move |_| d.on_flip.run(flip.clone())
        >
            <span aria-hidden="true">{arrow}" "</span>
            {direction.label()}
            <span class="visually-hidden">{format!(" for {key}: press to flip")}</span>
        </button>
    }
}

/// A value (`(empty)` for an empty one, long ones cut with "Show all");
/// its delta from the baseline; "≠" with words wherever it differs from the
/// baseline, a missing value included; an explicit mark where the version
/// has no such key.
fn cell(key: &str, c: Option<Cell>, differs: bool, missing: &'static str) -> AnyView {
    let mark = differs.then(|| {
        view! {
            <span class="compare__differs" aria-hidden="true">" \u{2260}"</span>
            <span class="visually-hidden">" (differs from the baseline)"</span>
        }
    });
    match c {
        None => view! {
            <td class="compare__cell compare__cell--missing" class:compare__cell--differs=differs>
                <span aria-hidden="true">"\u{2014}"</span>
                <span class="visually-hidden">{missing}</span>
                {mark}
            </td>
        }
        .into_any(),
        Some(c) => {
            let delta = c.delta.map(|d| {
                let word = c.verdict.map(|v| format!(", {}", v.word())).unwrap_or_default();
                let icon = c.verdict.map(|v| match v {
                    Verdict::Better => "\u{2714}",
                    Verdict::Worse => "\u{2718}",
                });
                view! {
                    <span
                        class="compare__delta"
                        class:compare__delta--better=c.verdict == Some(Verdict::Better)
                        class:compare__delta--worse=c.verdict == Some(Verdict::Worse)
                    >
                        {format!(" ({d}{word})")}
                        {icon.map(|i| view! { <span class="compare__verdict" aria-hidden="true">{format!(" {i}")}</span> })}
                    </span>
                }
            });
            view! {
                <td class="compare__cell num" class:compare__cell--differs=differs title=c.exact>
                    <ValueText text=c.shown name=key.to_string() />{delta}{mark}
                </td>
            }
            .into_any()
        }
    }
}
