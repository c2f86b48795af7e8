//! Parameters, Metrics, Version tags and Run tags: a row per key, a cell per
//! version, differences marked in words and shape, not colour alone.

use super::Column;
use crate::compare::{
    hidden_label, metric_rows, only_differences as differing_rows, text_rows, Cell, Row,
};
use crate::components::ValueText;
use crate::mlflow::types::user_tags;
use leptos::prelude::*;
use std::rc::Rc;

#[component]
pub(super) fn Sections(
    columns: Rc<Vec<Column>>,
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
    let metrics: Vec<Option<Vec<(String, f64)>>> = columns
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
    let section = |id: &'static str, title: &'static str, rows: Vec<Row>| {
        view! {
            <Section id=id title=title rows=rows versions=versions.clone() base_index=base_index only_differences=only_differences />
        }
    };
    view! {
        {section("compare-params", "Parameters", text_rows(&params, base_index, true))}
        {section("compare-metrics", "Metrics", metric_rows(&metrics, base_index))}
        {section("compare-version-tags", "Version tags", text_rows(&version_tags, base_index, false))}
        {section("compare-run-tags", "Run tags", text_rows(&run_tags, base_index, false))}
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
        view! { <p class="muted">{format!("No version here has {}.", title.to_lowercase())}</p> }
            .into_any()
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
                view! { <tr class:compare__row--differs=!r.all_equal><th scope="row">{r.key}</th>{cells}</tr> }
            })
            .collect_view();
        view! {
            <div class="table-frame">
                <table class="data-table compare-table">
                    <caption class="visually-hidden">{title}</caption>
                    <thead><tr><th scope="col">"Key"</th>{heads}</tr></thead>
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
            let delta = c
                .delta
                .map(|d| view! { <span class="compare__delta">{format!(" ({d})")}</span> });
            view! {
                <td class="compare__cell num" class:compare__cell--differs=differs title=c.exact>
                    <ValueText text=c.shown name=key.to_string() />{delta}{mark}
                </td>
            }
            .into_any()
        }
    }
}
