//! Comparing versions side by side (README: Compare versions): which
//! versions the URL asks for, and the rows of each section with their
//! differences and deltas against a baseline. Plain Rust, natively tested.

use crate::format::{exact_number, format_number, format_param};
use crate::metric_direction::{Direction, Directions, Tally, Verdict};

/// The most versions one comparison shows.
pub const MAX_COMPARED: usize = 10;

/// `versions=3,1,4`: version numbers in the order given, each once; what is
/// not a version number is left out.
pub fn parse_versions(value: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in value.split(',') {
        let v = part.trim().trim_start_matches('0');
        let v = if v.is_empty() && part.trim().starts_with('0') {
            "0"
        } else {
            v
        };
        if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) && !out.iter().any(|o| o == v) {
            out.push(v.to_string());
        }
    }
    out
}

/// The `versions` value for `versions`.
pub fn versions_value(versions: &[String]) -> String {
    versions.join(",")
}

/// A comparison as its URL holds it:
/// `?versions=3,1&diff=1&base=1` (the versions, only the rows that differ,
/// the baseline version; the first version when unset).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompareState {
    pub versions: Vec<String>,
    pub only_differences: bool,
    pub baseline: Option<String>,
    /// The metric the History charts (`history=`).
    pub history: Option<String>,
    /// Metrics charted on a log scale (`log=`, repeated).
    pub log: Vec<String>,
    /// Metrics whose direction the user flipped (`lower=`, `higher=`).
    pub directions: Directions,
}

impl CompareState {
    /// Reads the state from a query string.
    pub fn from_query(search: &str) -> Self {
        let q = crate::query::QueryState::parse(search);
        Self {
            versions: parse_versions(&q.get("versions").unwrap_or_default()),
            only_differences: q.get("diff").is_some_and(|d| d == "1"),
            baseline: q.get("base").filter(|b| !b.is_empty()),
            history: q.get("history").filter(|h| !h.is_empty()),
            log: crate::query::log_scales(&q),
            directions: Directions::from_query(&q),
        }
    }

    /// The query string; defaults left out.
    pub fn to_query(&self) -> String {
        let mut q = crate::query::QueryState::default();
        q.set("versions", &versions_value(&self.versions));
        q.set("diff", if self.only_differences { "1" } else { "" });
        q.set("base", self.baseline.as_deref().unwrap_or(""));
        q.set("history", self.history.as_deref().unwrap_or(""));
        q.set_all("log", &self.log);
        self.directions.write(&mut q);
        q.to_query_string()
    }

    /// The versions compared: at most [`MAX_COMPARED`].
    pub fn shown(&self) -> &[String] {
        &self.versions[..self.versions.len().min(MAX_COMPARED)]
    }

    /// The baseline's column: the chosen version's, else the first.
    pub fn base_index(&self) -> usize {
        self.baseline
            .as_ref()
            .and_then(|b| self.shown().iter().position(|v| v == b))
            .unwrap_or(0)
    }
}

/// `selected` with `versions` added (`on`) or taken out, in the order the
/// user picked them.
pub fn toggle(selected: &[String], versions: &[String], on: bool) -> Vec<String> {
    let mut out: Vec<String> = selected
        .iter()
        .filter(|v| on || !versions.contains(v))
        .cloned()
        .collect();
    if on {
        for v in versions {
            if !out.contains(v) {
                out.push(v.clone());
            }
        }
    }
    out
}

/// One cell of a comparison; a missing value is `None` in the row.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// The value as shown (the one number format for numbers); `""` for an
    /// empty value, which the page shows as `(empty)`.
    pub shown: String,
    /// The exact value, when the shown one is shortened.
    pub exact: Option<String>,
    /// A metric's difference from the baseline: `+0.031`.
    pub delta: Option<String>,
    /// A metric's value against the baseline's, by the metric's direction.
    pub verdict: Option<Verdict>,
}

/// One key across the compared versions.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub key: String,
    /// One per version, in column order.
    pub cells: Vec<Option<Cell>>,
    /// One per version: its value differs from the baseline's, a missing
    /// value against a present one (empty or not) included. A version
    /// without the data at all (no run), or the baseline lacking it, takes
    /// no part.
    pub differs: Vec<bool>,
    /// Every version with data has the same value.
    pub all_equal: bool,
}

/// The rows of a section whose values are text (parameters, tags).
/// `columns[i]` is `None` when version `i` has no such data at all (no run):
/// it takes no part in "equal". Numeric parameters lose only their noise.
pub fn text_rows(columns: &[Option<Vec<(String, String)>>], base: usize, params: bool) -> Vec<Row> {
    rows_of(columns, base, |_: &str, v: &String, _: Option<&String>| {
        let shown = if params { format_param(v) } else { v.clone() };
        Cell {
            exact: (shown != *v).then(|| v.clone()),
            shown,
            delta: None,
            verdict: None,
        }
    })
}

/// The rows of the Metrics section: each value with its delta from the
/// baseline's and whether that is better or worse by the metric's
/// `direction` (`0.912 (+0.031, better)`).
pub fn metric_rows(
    columns: &[Option<Vec<(String, f64)>>],
    base: usize,
    direction: impl Fn(&str) -> Direction,
) -> Vec<Row> {
    rows_of(columns, base, |key: &str, v: &f64, b: Option<&f64>| {
        let shown = format_number(*v);
        let exact = exact_number(*v);
        let delta = b.filter(|b| *b != v).map(|b| signed(*v - *b));
        Cell {
            exact: (exact != shown).then_some(exact),
            shown,
            delta,
            verdict: b.and_then(|b| direction(key).verdict(*b, *v)),
        }
    })
}

/// Per version, how it fares against the baseline over the metric `rows`
/// both have; `None` for the baseline and for a version without data.
pub fn tallies(rows: &[Row], base: usize, versions: usize) -> Vec<Option<Tally>> {
    (0..versions)
        .map(|i| {
            if i == base {
                return None;
            }
            let mut t = Tally::default();
            for r in rows {
                let both = r.cells.get(i).is_some_and(Option::is_some)
                    && r.cells.get(base).is_some_and(Option::is_some);
                if !both {
                    continue;
                }
                t.shared += 1;
                match r.cells[i].as_ref().and_then(|c| c.verdict) {
                    Some(Verdict::Better) => t.better += 1,
                    Some(Verdict::Worse) => t.worse += 1,
                    None => {}
                }
            }
            (t.shared > 0).then_some(t)
        })
        .collect()
}

/// `+0.031`, `-2`; the one number format with its sign.
pub fn signed(d: f64) -> String {
    let s = format_number(d);
    if d > 0.0 {
        format!("+{s}")
    } else {
        s
    }
}

fn rows_of<T: PartialEq>(
    columns: &[Option<Vec<(String, T)>>],
    base: usize,
    cell: impl Fn(&str, &T, Option<&T>) -> Cell,
) -> Vec<Row> {
    let mut keys: Vec<&str> = columns
        .iter()
        .flatten()
        .flat_map(|c| c.iter().map(|(k, _)| k.as_str()))
        .collect();
    keys.sort();
    keys.dedup();
    let value = |col: usize, key: &str| -> Option<&T> {
        columns
            .get(col)?
            .as_ref()?
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    };
    keys.into_iter()
        .map(|key| {
            let base_value = value(base, key);
            let cells: Vec<Option<Cell>> = (0..columns.len())
                .map(|i| {
                    let v = value(i, key)?;
                    Some(cell(key, v, if i == base { None } else { base_value }))
                })
                .collect();
            // Among the versions that have data: one value, present in each.
            let with_data: Vec<Option<&T>> = (0..columns.len())
                .filter(|i| columns[*i].is_some())
                .map(|i| value(i, key))
                .collect();
            let all_equal = with_data
                .first()
                .is_some_and(|first| first.is_some() && with_data.iter().all(|v| v == first));
            let differs = (0..columns.len())
                .map(|i| {
                    let has_data = |c: usize| columns.get(c).is_some_and(Option::is_some);
                    i != base && has_data(i) && has_data(base) && value(i, key) != base_value
                })
                .collect();
            Row {
                key: key.to_string(),
                cells,
                differs,
                all_equal,
            }
        })
        .collect()
}

/// The rows that differ, and how many equal ones were left out.
pub fn only_differences(rows: Vec<Row>) -> (Vec<Row>, usize) {
    let before = rows.len();
    let kept: Vec<Row> = rows.into_iter().filter(|r| !r.all_equal).collect();
    let hidden = before - kept.len();
    (kept, hidden)
}

/// "12 equal rows hidden" (or one row).
pub fn hidden_label(hidden: usize) -> String {
    match hidden {
        1 => "1 equal row hidden".to_string(),
        n => format!("{n} equal rows hidden"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kv(pairs: &[(&str, &str)]) -> Option<Vec<(String, String)>> {
        Some(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn the_url_names_versions_in_order_each_once() {
        assert_eq!(parse_versions("3,1,4"), ["3", "1", "4"]);
        assert_eq!(parse_versions("3, 1,3,,x,01, 4"), ["3", "1", "4"]);
        assert_eq!(parse_versions(""), Vec::<String>::new());
        assert_eq!(parse_versions("-1,2.5,7"), ["7"]);
        assert_eq!(versions_value(&parse_versions("2,1")), "2,1");
    }

    #[test]
    fn rows_mark_what_differs_and_what_is_missing() {
        let columns = vec![
            kv(&[("C", "2.0"), ("solver", "saga"), ("note", "x")]),
            kv(&[("C", "0.5"), ("solver", "saga")]),
            None, // a version without a run
        ];
        let rows = text_rows(&columns, 0, true);
        let keys: Vec<&str> = rows.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys, ["C", "note", "solver"]);
        let c = &rows[0];
        assert!(!c.all_equal);
        assert_eq!(c.differs, [false, true, false], "baseline, other, no run");
        assert_eq!(c.cells[2], None);
        // Missing in a version that has data: not equal, and marked.
        assert!(!rows[1].all_equal);
        assert_eq!(rows[1].cells[1], None);
        assert_eq!(rows[1].differs, [false, true, false]);
        // Equal wherever there is data (the run-less version takes no part).
        assert!(rows[2].all_equal);
        let (kept, hidden) = only_differences(rows);
        assert_eq!(kept.len(), 2);
        assert_eq!(hidden_label(hidden), "1 equal row hidden");
        assert_eq!(hidden_label(12), "12 equal rows hidden");
    }

    #[test]
    fn an_empty_value_is_a_value_unlike_a_missing_one() {
        let columns = vec![
            kv(&[("prefix", ""), ("other", "x")]),
            kv(&[("other", "x")]),
            kv(&[("prefix", ""), ("other", "x")]),
        ];
        let rows = text_rows(&columns, 1, true);
        let prefix = &rows[1];
        assert_eq!(prefix.key, "prefix");
        assert_eq!(prefix.cells[0].as_ref().map(|c| c.shown.as_str()), Some(""));
        assert_eq!(prefix.cells[1], None);
        // Against a baseline without the key, both empty values differ.
        assert_eq!(prefix.differs, [true, false, true]);
        assert!(!prefix.all_equal);
        // With an empty baseline, the version lacking the key differs.
        let rows = text_rows(&columns, 0, true);
        assert_eq!(rows[1].differs, [false, true, false]);
        assert!(rows[0].all_equal && rows[0].differs.iter().all(|d| !d));
    }

    #[test]
    fn metrics_show_their_delta_from_the_baseline() {
        let columns = vec![
            Some(vec![
                ("accuracy".to_string(), 0.881),
                ("loss".to_string(), 0.2),
            ]),
            Some(vec![
                ("accuracy".to_string(), 0.912),
                ("loss".to_string(), 0.2),
            ]),
            Some(vec![("accuracy".to_string(), 0.8999999999999999)]),
        ];
        let rows = metric_rows(&columns, 0, crate::metric_direction::default_direction);
        let acc = &rows[0];
        let shown: Vec<(String, Option<String>)> = acc
            .cells
            .iter()
            .flatten()
            .map(|c| (c.shown.clone(), c.delta.clone()))
            .collect();
        assert_eq!(
            shown,
            [
                ("0.881".to_string(), None),
                ("0.912".to_string(), Some("+0.031".to_string())),
                ("0.9".to_string(), Some("+0.019".to_string())),
            ]
        );
        assert_eq!(
            acc.cells[2]
                .as_ref()
                .and_then(|c| c.exact.clone())
                .as_deref(),
            Some("0.8999999999999999")
        );
        // Another baseline: deltas are against it.
        let rows = metric_rows(&columns, 1, crate::metric_direction::default_direction);
        assert_eq!(
            rows[0].cells[0]
                .as_ref()
                .and_then(|c| c.delta.clone())
                .as_deref(),
            Some("-0.031")
        );
        // Equal values have no delta; a key the baseline lacks has none either.
        assert_eq!(
            rows[1].cells[0].as_ref().and_then(|c| c.delta.clone()),
            None
        );
        assert!(!rows[1].all_equal, "the third version lacks loss");
    }

    #[test]
    fn deltas_say_better_or_worse_by_direction_and_versions_are_tallied() {
        use crate::metric_direction::{default_direction, Direction};
        let m = |pairs: &[(&str, f64)]| {
            Some(
                pairs
                    .iter()
                    .map(|(k, v)| (k.to_string(), *v))
                    .collect::<Vec<_>>(),
            )
        };
        let columns = vec![
            m(&[("accuracy", 0.881), ("val_loss", 0.30), ("closs_rate", 0.1)]),
            m(&[("accuracy", 0.912), ("val_loss", 0.25), ("closs_rate", 0.2)]),
            m(&[("accuracy", 0.85), ("val_loss", 0.30)]),
            None,
        ];
        let rows = metric_rows(&columns, 0, default_direction);
        let verdicts = |key: &str| -> Vec<Option<&str>> {
            let r = rows.iter().find(|r| r.key == key).expect("row");
            r.cells
                .iter()
                .map(|c| c.as_ref().and_then(|c| c.verdict).map(|v| v.word()))
                .collect()
        };
        assert_eq!(
            verdicts("accuracy"),
            [None, Some("better"), Some("worse"), None]
        );
        assert_eq!(
            verdicts("val_loss"),
            [None, Some("better"), None, None],
            "equal: neither"
        );
        assert_eq!(
            verdicts("closs_rate"),
            [None, Some("better"), None, None],
            "not a loss"
        );
        let t = tallies(&rows, 0, 4);
        assert_eq!(t[0], None, "the baseline");
        assert_eq!(
            t[1].and_then(|t| t.summary()).as_deref(),
            Some("Better on 3 of 3 metrics than the baseline")
        );
        assert_eq!(
            t[2].and_then(|t| t.summary()).as_deref(),
            Some("Better on 0 of 2 metrics, worse on 1 than the baseline")
        );
        assert_eq!(t[3], None, "no run");
        // A flipped direction turns the verdict round.
        let flipped = metric_rows(&columns, 0, |k: &str| {
            if k == "closs_rate" {
                Direction::LowerIsBetter
            } else {
                default_direction(k)
            }
        });
        let closs = flipped.iter().find(|r| r.key == "closs_rate").expect("row");
        assert_eq!(
            closs.cells[1]
                .as_ref()
                .and_then(|c| c.verdict)
                .map(|v| v.word()),
            Some("worse")
        );
    }

    #[test]
    fn the_state_round_trips_through_the_url() {
        let s = CompareState::from_query(
            "?versions=3%2C1%2C4&diff=1&base=1&history=train%2Floss&log=train%2Floss&higher=train%2Floss",
        );
        assert_eq!(
            s.directions.chosen_for("train/loss"),
            Some(crate::metric_direction::Direction::HigherIsBetter)
        );
        assert_eq!(s.versions, ["3", "1", "4"]);
        assert_eq!(s.history.as_deref(), Some("train/loss"));
        assert_eq!(s.log, ["train/loss"]);
        assert!(s.only_differences);
        assert_eq!(s.base_index(), 1);
        assert_eq!(CompareState::from_query(&s.to_query()), s);
        let plain = CompareState::from_query("?versions=2,1");
        assert_eq!((plain.base_index(), plain.only_differences), (0, false));
        assert_eq!(plain.to_query(), "?versions=2%2C1");
        // A baseline that is not compared falls back to the first version.
        assert_eq!(
            CompareState::from_query("?versions=2,1&base=9").base_index(),
            0
        );
        let many = CompareState::from_query(&format!(
            "?versions={}",
            (1..=12)
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(",")
        ));
        assert_eq!(many.shown().len(), MAX_COMPARED);
    }

    #[test]
    fn selecting_keeps_the_order_picked() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(toggle(&s(&["3"]), &s(&["1"]), true), s(&["3", "1"]));
        assert_eq!(toggle(&s(&["3", "1"]), &s(&["3"]), false), s(&["1"]));
        // The page's box: every version of the page, once.
        assert_eq!(
            toggle(&s(&["7", "2"]), &s(&["3", "2", "1"]), true),
            s(&["7", "2", "3", "1"])
        );
        assert_eq!(
            toggle(&s(&["7", "2"]), &s(&["3", "2", "1"]), false),
            s(&["7"])
        );
    }

    #[test]
    fn signs_are_written_out() {
        assert_eq!(signed(0.031), "+0.031");
        assert_eq!(signed(-2.0), "-2");
        assert_eq!(signed(0.0), "0");
    }
}
