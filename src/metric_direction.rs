//! Which way a metric is better (README: Compare versions, "Better or
//! worse"): lower for errors and costs, higher otherwise, as told by the
//! words of its name; the user's flips kept in the URL (`lower=`, `higher=`)
//! and remembered per metric name in the browser.

use crate::query::QueryState;

/// Which way a metric improves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Errors, losses, costs, latencies.
    LowerIsBetter,
    /// Everything else: accuracy, AUC, F1, R².
    HigherIsBetter,
}

impl Direction {
    /// `lower is better` / `higher is better`.
    pub fn label(self) -> &'static str {
        match self {
            Self::LowerIsBetter => "lower is better",
            Self::HigherIsBetter => "higher is better",
        }
    }

    /// The other way.
    pub fn flipped(self) -> Self {
        match self {
            Self::LowerIsBetter => Self::HigherIsBetter,
            Self::HigherIsBetter => Self::LowerIsBetter,
        }
    }

    /// The URL's and the browser's word for it: `lower`, `higher`.
    pub fn key(self) -> &'static str {
        match self {
            Self::LowerIsBetter => "lower",
            Self::HigherIsBetter => "higher",
        }
    }

    /// From [`Direction::key`].
    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "lower" => Some(Self::LowerIsBetter),
            "higher" => Some(Self::HigherIsBetter),
            _ => None,
        }
    }

    /// Whether going from `base` to `value` is better, worse or neither
    /// (equal, or a value that is not a number).
    pub fn verdict(self, base: f64, value: f64) -> Option<Verdict> {
        if base.is_nan() || value.is_nan() || base == value {
            return None;
        }
        let up = value > base;
        Some(if up == (self == Self::HigherIsBetter) {
            Verdict::Better
        } else {
            Verdict::Worse
        })
    }
}

/// A value against the baseline's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Better,
    Worse,
}

impl Verdict {
    /// `better` / `worse`.
    pub fn word(self) -> &'static str {
        match self {
            Self::Better => "better",
            Self::Worse => "worse",
        }
    }
}

/// Words of a metric name whose metric is better when lower: errors, losses,
/// costs, times, distances. Matched against whole words of the name.
const LOWER_WORDS: &[&str] = &[
    "loss",
    "losses",
    "logloss",
    "nll",
    "error",
    "errors",
    "err",
    "rmse",
    "mse",
    "mae",
    "mape",
    "smape",
    "msle",
    "rmsle",
    "mad",
    "medae",
    "perplexity",
    "ppl",
    "latency",
    "wer",
    "cer",
    "ter",
    "cost",
    "regret",
    "brier",
    "fpr",
    "fnr",
    "eer",
    "hamming",
    "divergence",
    "kl",
    "distance",
    "duration",
    "seconds",
    "runtime",
    "time",
    "entropy",
    "crossentropy",
    "misclassification",
];

/// Words that turn a lower-is-better name round: a negated score
/// (scikit-learn's `neg_...`), or a fall in an error that is the point
/// (`error_reduction`, `loss_improvement`).
const HIGHER_WORDS: &[&str] = &[
    "neg",
    "reduction",
    "improvement",
    "gain",
    "saving",
    "savings",
    "saved",
];

/// The words of a metric name, lower-cased: split at anything not a letter
/// or digit, where a lower-case letter or a digit meets an upper-case one
/// (`valLoss`), where an upper-case run meets a capitalised word
/// (`MSELoss`), and where a word of two or more letters meets a digit
/// (`loss2`; `p99`, `f1`, `r2` stay whole). `closs_rate` is `closs`, `rate`:
/// no loss in it.
pub fn name_words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        let prev = i
            .checked_sub(1)
            .map(|p| chars[p])
            .filter(|p| p.is_alphanumeric());
        let next = chars.get(i + 1).copied();
        let split = match prev {
            None => false,
            // valLoss, p99Latency
            Some(p) if c.is_uppercase() && (p.is_lowercase() || p.is_ascii_digit()) => true,
            // MSELoss: the L starts a word when a lower-case letter follows.
            Some(p) if c.is_uppercase() && p.is_uppercase() => next.is_some_and(char::is_lowercase),
            // loss2 (but not p99: a single letter keeps its digits)
            Some(p) if c.is_ascii_digit() && p.is_alphabetic() => current.chars().count() > 1,
            _ => false,
        };
        if split && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// The direction a metric's name says: lower is better when one of its words
/// is an error or a cost (`val_loss`, `test/rmse`, `p99_latency_ms`,
/// `mean_squared_error`, `val_binary_crossentropy`, `MSELoss`), unless a
/// word turns it round (`neg_mean_squared_error`, `error_reduction`);
/// higher otherwise.
pub fn default_direction(name: &str) -> Direction {
    let words = name_words(name);
    let lower = words.iter().any(|w| LOWER_WORDS.contains(&w.as_str()));
    let turned = words.iter().any(|w| HIGHER_WORDS.contains(&w.as_str()));
    if lower && !turned {
        Direction::LowerIsBetter
    } else {
        Direction::HigherIsBetter
    }
}

/// The directions the user chose, by metric name: from the URL
/// (`lower=<metric>`, `higher=<metric>`, repeated), else from the browser's
/// memory; a name in neither takes [`default_direction`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Directions {
    /// `(metric, direction)`, each metric once, in the order chosen.
    pub chosen: Vec<(String, Direction)>,
}

impl Directions {
    /// Reads `lower=` and `higher=` from a query; a metric named in both
    /// is taken as lower.
    pub fn from_query(q: &QueryState) -> Self {
        let mut out = Self::default();
        for d in [Direction::LowerIsBetter, Direction::HigherIsBetter] {
            for m in q.get_all(d.key()) {
                if !m.is_empty() && out.chosen_for(&m).is_none() {
                    out.chosen.push((m, d));
                }
            }
        }
        out
    }

    /// Writes them into a query: only the ones that differ from their
    /// name's default, so a plain comparison keeps a plain URL.
    pub fn write(&self, q: &mut QueryState) {
        for d in [Direction::LowerIsBetter, Direction::HigherIsBetter] {
            let names: Vec<String> = self
                .chosen
                .iter()
                .filter(|(m, x)| *x == d && default_direction(m) != d)
                .map(|(m, _)| m.clone())
                .collect();
            q.set_all(d.key(), &names);
        }
    }

    /// The choice for `metric`, if one was made.
    pub fn chosen_for(&self, metric: &str) -> Option<Direction> {
        self.chosen
            .iter()
            .find(|(m, _)| m == metric)
            .map(|(_, d)| *d)
    }

    /// The direction of `metric`: chosen here, else remembered, else by name.
    pub fn of(&self, metric: &str, remembered: &Directions) -> Direction {
        self.chosen_for(metric)
            .or_else(|| remembered.chosen_for(metric))
            .unwrap_or_else(|| default_direction(metric))
    }

    /// With `metric` set to `direction`; a direction equal to the name's
    /// default is dropped, not stored.
    pub fn with(&self, metric: &str, direction: Direction) -> Self {
        let mut chosen: Vec<(String, Direction)> = self
            .chosen
            .iter()
            .filter(|(m, _)| m != metric)
            .cloned()
            .collect();
        if direction != default_direction(metric) {
            chosen.push((metric.to_string(), direction));
        }
        Self { chosen }
    }

    /// What the browser keeps: `{"metric":"lower",...}`.
    pub fn to_storage(&self) -> String {
        let map: serde_json::Map<String, serde_json::Value> = self
            .chosen
            .iter()
            .map(|(m, d)| (m.clone(), serde_json::Value::from(d.key())))
            .collect();
        serde_json::Value::Object(map).to_string()
    }

    /// From [`Directions::to_storage`]; anything unreadable is no choice.
    pub fn from_storage(stored: &str) -> Self {
        let Ok(serde_json::Value::Object(map)) = serde_json::from_str(stored) else {
            return Self::default();
        };
        Self {
            chosen: map
                .into_iter()
                .filter_map(|(m, d)| Some((m, Direction::from_key(d.as_str()?)?)))
                .collect(),
        }
    }
}

/// How a version fares against the baseline across their shared metrics.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub better: usize,
    pub worse: usize,
    /// Metrics both have (equal ones included).
    pub shared: usize,
}

impl Tally {
    /// "Better on 4 of 6 metrics, worse on 1, than the baseline"; `None`
    /// with no shared metric.
    pub fn summary(&self) -> Option<String> {
        if self.shared == 0 {
            return None;
        }
        let metrics = if self.shared == 1 {
            "metric"
        } else {
            "metrics"
        };
        if self.better == 0 && self.worse == 0 {
            return Some(format!(
                "The same as the baseline on {} {metrics}",
                self.shared
            ));
        }
        let mut s = format!("Better on {} of {} {metrics}", self.better, self.shared);
        if self.worse > 0 {
            s.push_str(&format!(", worse on {}", self.worse));
        }
        s.push_str(" than the baseline");
        Some(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Direction::{HigherIsBetter as Higher, LowerIsBetter as Lower};

    #[test]
    fn errors_and_costs_are_better_lower_by_their_words() {
        for name in [
            "loss",
            "val_loss",
            "train/loss",
            "valLoss",
            "eval.log_loss",
            "logloss",
            "test-rmse",
            "RMSE",
            "mean_squared_error",
            "mae",
            "MAPE (%)",
            "perplexity",
            "p99_latency_ms",
            "wer",
            "cer",
            "error_rate",
            "training cost",
            "kl_divergence",
            "cross_entropy",
            "val_binary_crossentropy",
            "MSELoss",
            "BCELoss",
            "loss2",
            "misclassification_rate",
            "inference_time",
        ] {
            assert_eq!(default_direction(name), Lower, "{name}");
        }
    }

    #[test]
    fn other_names_and_words_inside_words_are_better_higher() {
        for name in [
            "accuracy",
            "auc",
            "f1",
            "r2",
            "closs_rate",
            "glossary_hits",
            "lossless_ratio",
            "terror_index",
            "errand_count",
            "performance",
            "precision@10",
            "ndcg",
            "neg_mean_squared_error",
            "neg_log_loss",
            "error_reduction",
            "loss_improvement",
            "time_saved_pct",
            "",
            "模型精度",
        ] {
            assert_eq!(default_direction(name), Higher, "{name}");
        }
    }

    #[test]
    fn words_split_at_separators_and_case() {
        assert_eq!(name_words("valLoss"), ["val", "loss"]);
        assert_eq!(name_words("train/top_5-Acc"), ["train", "top", "5", "acc"]);
        assert_eq!(name_words("RMSE"), ["rmse"]);
        assert_eq!(name_words("closs_rate"), ["closs", "rate"]);
        assert_eq!(name_words("p99Latency"), ["p99", "latency"]);
        assert_eq!(name_words("MSELoss"), ["mse", "loss"]);
        assert_eq!(name_words("loss2"), ["loss", "2"]);
        assert_eq!(name_words("f1"), ["f1"]);
        assert_eq!(name_words("top5Acc"), ["top", "5", "acc"]);
    }

    #[test]
    fn verdicts_follow_the_direction() {
        assert_eq!(Lower.verdict(0.2, 0.1), Some(Verdict::Better));
        assert_eq!(Lower.verdict(0.2, 0.3), Some(Verdict::Worse));
        assert_eq!(Higher.verdict(0.881, 0.912), Some(Verdict::Better));
        assert_eq!(Higher.verdict(0.9, 0.8), Some(Verdict::Worse));
        assert_eq!(Higher.verdict(0.9, 0.9), None);
        assert_eq!(Higher.verdict(f64::NAN, 0.9), None);
        assert_eq!(Higher.verdict(1.0, f64::INFINITY), Some(Verdict::Better));
    }

    #[test]
    fn choices_live_in_the_url_only_where_they_differ_from_the_name() {
        let q = QueryState::parse(
            "?versions=1,2&lower=accuracy&higher=loss&lower=loss&higher=val_loss",
        );
        let d = Directions::from_query(&q);
        let remembered = Directions::default();
        assert_eq!(d.of("accuracy", &remembered), Lower);
        assert_eq!(d.of("loss", &remembered), Lower, "named in both: lower");
        assert_eq!(d.of("auc", &remembered), Higher);
        assert_eq!(d.of("val_loss", &remembered), Higher);
        // Flipping back to the default drops the choice.
        let d2 = d.with("accuracy", Higher).with("loss", Higher);
        assert_eq!(
            d2.chosen,
            [
                ("val_loss".to_string(), Higher),
                ("loss".to_string(), Higher)
            ]
        );
        let mut q2 = QueryState::parse("?versions=1,2");
        d2.write(&mut q2);
        assert_eq!(
            q2.to_query_string(),
            "?versions=1%2C2&higher=val_loss&higher=loss"
        );
        assert_eq!(
            Directions::from_query(&q2).of("val_loss", &remembered),
            Higher
        );
    }

    #[test]
    fn the_url_wins_over_the_browser_and_the_browser_over_the_name() {
        let remembered =
            Directions::from_storage(r#"{"loss":"higher","auc":"lower","x":"sideways"}"#);
        assert_eq!(remembered.chosen.len(), 2, "an unknown word is no choice");
        let none = Directions::default();
        assert_eq!(none.of("loss", &remembered), Higher);
        assert_eq!(none.of("auc", &remembered), Lower);
        let url = Directions::default().with("loss", Lower);
        assert!(url.chosen.is_empty(), "lower is the name's own direction");
        let url = Directions {
            chosen: vec![("loss".into(), Lower)],
        };
        assert_eq!(url.of("loss", &remembered), Lower);
        assert_eq!(Directions::from_storage("not json"), Directions::default());
        let round = Directions::from_storage(&remembered.to_storage());
        assert_eq!(round.of("loss", &none), Higher);
    }

    #[test]
    fn the_tally_reads_as_a_sentence() {
        let t = Tally {
            better: 4,
            worse: 1,
            shared: 6,
        };
        assert_eq!(
            t.summary().as_deref(),
            Some("Better on 4 of 6 metrics, worse on 1 than the baseline")
        );
        let one = Tally {
            better: 0,
            worse: 0,
            shared: 1,
        };
        assert_eq!(
            one.summary().as_deref(),
            Some("The same as the baseline on 1 metric")
        );
        assert_eq!(Tally::default().summary(), None);
    }
}
