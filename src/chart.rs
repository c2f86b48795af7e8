//! Chart geometry, plain Rust with native tests: axis ticks a person reads
//! at a glance, the frame that maps values to pixels, the point nearest the
//! pointer, and thinning a long series to what a chart's width can show.

use crate::format::format_number;

/// At most `max` ticks covering `lo..=hi` at a step of 1, 2 or 5 times a
/// power of ten, all inside the range. One tick when the range is a point.
pub fn nice_ticks(lo: f64, hi: f64, max: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || max == 0 {
        return Vec::new();
    }
    if hi <= lo {
        return vec![lo];
    }
    let rough = (hi - lo) / max.max(1) as f64;
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|s| (hi - lo) / s <= max as f64)
        .unwrap_or(10.0 * power);
    // Written with the step's decimals, so binary noise goes (0.6, not
    // 0.6000000000000001).
    let decimals = (-step.log10().floor()).max(0.0) as usize;
    let exact = |k: f64| {
        format!("{:.decimals$}", k * step)
            .parse::<f64>()
            .unwrap_or(k * step)
    };
    let mut ticks = Vec::new();
    let eps = (hi - lo) * 1e-12;
    let mut k = ((lo - eps) / step).ceil();
    while k * step <= hi + eps && ticks.len() <= max {
        if k * step >= lo - eps {
            ticks.push(exact(k) + 0.0);
        }
        k += 1.0;
    }
    ticks
}

/// The value range drawn for data spanning `lo..=hi`: the data itself, or,
/// when every value is the same, a band around it so the line sits mid-chart.
pub fn y_domain(lo: f64, hi: f64) -> (f64, f64) {
    if hi > lo {
        (lo, hi)
    } else {
        let pad = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
        (lo - pad, hi + pad)
    }
}

/// How values are laid along a chart's y axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    Linear,
    /// Decades equally spaced: 1e-13 and 1e-4 both visible. Only for
    /// values above 0.
    Log,
}

/// A chart's y axis: its scale, the range drawn (in the scale's own
/// terms: `log10` of the values for [`Scale::Log`]) and its ticks (values).
#[derive(Clone, Debug, PartialEq)]
pub struct YAxis {
    pub scale: Scale,
    pub domain: (f64, f64),
    pub ticks: Vec<f64>,
}

impl YAxis {
    /// The axis for values spanning `lo..=hi`: on `scale` where it can
    /// show them (a log scale needs `lo > 0`), else linear.
    pub fn new(lo: f64, hi: f64, scale: Scale) -> Self {
        if scale == Scale::Log && lo > 0.0 && hi.is_finite() {
            let (a, b) = (lo.log10(), hi.log10());
            // One value, or values within a hair: half a decade either side.
            let domain = if b - a > 1e-9 {
                (a, b)
            } else {
                (a - 0.5, b + 0.5)
            };
            return Self {
                scale,
                domain,
                ticks: log_ticks(10f64.powf(domain.0), 10f64.powf(domain.1), 5),
            };
        }
        let domain = y_domain(lo, hi);
        Self {
            scale: Scale::Linear,
            domain,
            ticks: nice_ticks(domain.0, domain.1, 4),
        }
    }

    /// Where `value` sits on the axis, in the terms of [`YAxis::domain`].
    pub fn pos(&self, value: f64) -> f64 {
        match self.scale {
            Scale::Linear => value,
            Scale::Log => value.log10(),
        }
    }

    /// The tick labels, in the one number format.
    pub fn labels(&self) -> Vec<String> {
        tick_labels(&self.ticks)
    }
}

/// At most about `max` ticks for a log axis over `lo..=hi` (`lo > 0`):
/// powers of ten (every second or more when there are many decades); within
/// one or two decades 1, 2 and 5 times them; within a few percent, linear
/// round numbers.
pub fn log_ticks(lo: f64, hi: f64, max: usize) -> Vec<f64> {
    if !(lo > 0.0 && hi >= lo && hi.is_finite()) || max == 0 {
        return Vec::new();
    }
    let eps = 1e-9;
    let (a, b) = (lo.log10(), hi.log10());
    let first = (a - eps).ceil() as i32;
    let last = (b + eps).floor() as i32;
    let decades = (last - first + 1).max(0) as usize;
    // Powers of ten written exactly (1e-13, not 1.0000000000000001e-13).
    let power = |k: i32| format!("1e{k}").parse::<f64>().unwrap_or(10f64.powi(k));
    if decades >= 2 {
        let every = decades.div_ceil(max).max(1);
        return (first..=last).step_by(every).map(power).collect();
    }
    let multiples: Vec<f64> = ((a.floor() as i32)..=(b.ceil() as i32))
        .flat_map(|k| {
            [1.0, 2.0, 5.0].map(|m| format!("{m}e{k}").parse::<f64>().unwrap_or(m * power(k)))
        })
        .filter(|v| *v >= lo * (1.0 - eps) && *v <= hi * (1.0 + eps))
        .collect();
    if multiples.len() >= 2 {
        multiples
    } else {
        nice_ticks(lo, hi, max.min(4))
    }
}

/// Every finite value of the series is above 0, so a log scale can show
/// them all.
pub fn log_scale_possible(values: impl IntoIterator<Item = f64>) -> bool {
    let mut any = false;
    for v in values.into_iter().filter(|v| v.is_finite()) {
        if v <= 0.0 {
            return false;
        }
        any = true;
    }
    any
}

/// How a metric's history is laid along x.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryX {
    /// By step, as MLflow's `step` says.
    Step,
    /// Every series has all its values at one step (`log_metric` without a
    /// `step` writes step 0): value 1, 2, 3... in the order they were logged
    /// (by timestamp). `step` is that one step when all series share it.
    Logged { step: Option<i64> },
}

impl HistoryX {
    /// What x is, as the axis and the readout say it.
    pub fn name(self) -> String {
        match self {
            Self::Step => "Step".to_string(),
            Self::Logged { step: Some(s) } => {
                format!("Value no. (in the order logged, all at step {s})")
            }
            Self::Logged { step: None } => "Value no. (in the order logged)".to_string(),
        }
    }
}

/// The x axis for these histories: [`HistoryX::Logged`] when no series has
/// two different steps and some series has more than one value.
pub fn history_x(histories: &[&[crate::mlflow::types::Metric]]) -> HistoryX {
    let mut steps = std::collections::BTreeSet::new();
    let mut several = false;
    for h in histories {
        let Some(first) = h.first() else { continue };
        if h.iter().any(|m| m.step != first.step) {
            return HistoryX::Step;
        }
        several |= h.len() > 1;
        steps.insert(first.step);
    }
    if !several {
        return HistoryX::Step;
    }
    HistoryX::Logged {
        step: (steps.len() == 1).then(|| steps.first().copied()).flatten(),
    }
}

/// A history's `(x, value)` points along `x`: by step (in step order), or
/// numbered from 1 in the order logged (timestamp, then the order MLflow
/// sent them).
pub fn history_points(history: &[crate::mlflow::types::Metric], x: HistoryX) -> Vec<(f64, f64)> {
    match x {
        HistoryX::Step => history.iter().map(|m| (m.step as f64, m.value)).collect(),
        HistoryX::Logged { .. } => {
            let mut ordered: Vec<&crate::mlflow::types::Metric> = history.iter().collect();
            ordered.sort_by_key(|m| m.timestamp);
            ordered
                .iter()
                .enumerate()
                .map(|(i, m)| ((i + 1) as f64, m.value))
                .collect()
        }
    }
}

/// Maps data to pixels inside a `width` x `height` box, leaving margins for
/// the axis labels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub x: (f64, f64),
    pub y: (f64, f64),
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

/// Pixels of an 11 px label's average character, for the left margin.
const CHAR_PX: f64 = 6.6;

impl Frame {
    /// A frame for x in `x` and y in `y` (already a [`y_domain`]), whose
    /// y labels are `y_labels`.
    pub fn new(x: (f64, f64), y: (f64, f64), y_labels: &[String], width: f64, height: f64) -> Self {
        let widest = y_labels
            .iter()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(1);
        let left = 10.0 + widest as f64 * CHAR_PX;
        Self {
            x,
            y,
            left,
            right: (width - 14.0).max(left + 1.0),
            top: 10.0,
            bottom: (height - 24.0).max(11.0),
        }
    }

    /// The pixel column of `x`; a lone x is in the middle.
    pub fn x_px(&self, x: f64) -> f64 {
        let (a, b) = self.x;
        if b > a {
            self.left + (self.right - self.left) * (x - a) / (b - a)
        } else {
            (self.left + self.right) / 2.0
        }
    }

    /// The pixel row of `y` (up is larger).
    pub fn y_px(&self, y: f64) -> f64 {
        let (a, b) = self.y;
        if b > a {
            self.bottom - (self.bottom - self.top) * (y - a) / (b - a)
        } else {
            (self.top + self.bottom) / 2.0
        }
    }

    /// The x value at pixel column `px`.
    pub fn x_at(&self, px: f64) -> f64 {
        let (a, b) = self.x;
        if self.right > self.left {
            a + (b - a) * (px - self.left) / (self.right - self.left)
        } else {
            a
        }
    }
}

/// The index in `xs` (ascending) of the value nearest `x`; `None` when empty.
pub fn nearest_index(xs: &[f64], x: f64) -> Option<usize> {
    if xs.is_empty() {
        return None;
    }
    let i = xs.partition_point(|v| *v < x);
    if i == 0 {
        return Some(0);
    }
    if i == xs.len() {
        return Some(xs.len() - 1);
    }
    Some(if x - xs[i - 1] <= xs[i] - x { i - 1 } else { i })
}

/// `points` (ascending x) thinned to at most about `2 * columns` points:
/// per pixel column its lowest and highest value, in x order, plus the first
/// and last point, so spikes and the line's shape survive. Short series are
/// returned as they are.
pub fn thin(points: &[(f64, f64)], columns: usize) -> Vec<(f64, f64)> {
    if points.len() <= 2 * columns.max(1) + 2 {
        return points.to_vec();
    }
    let (x0, x1) = (points[0].0, points[points.len() - 1].0);
    let span = (x1 - x0).max(f64::MIN_POSITIVE);
    let mut out = Vec::with_capacity(2 * columns + 2);
    out.push(points[0]);
    let mut i = 1;
    let last = points.len() - 1;
    for c in 0..columns {
        let end_x = x0 + span * (c + 1) as f64 / columns as f64;
        let start = i;
        while i < last && points[i].0 <= end_x {
            i += 1;
        }
        let bucket = &points[start..i];
        if bucket.is_empty() {
            continue;
        }
        let lo = bucket
            .iter()
            .enumerate()
            .min_by(|a, b| a.1 .1.total_cmp(&b.1 .1));
        let hi = bucket
            .iter()
            .enumerate()
            .max_by(|a, b| a.1 .1.total_cmp(&b.1 .1));
        if let (Some((li, l)), Some((hi_i, h))) = (lo, hi) {
            if li == hi_i {
                out.push(*l);
            } else if li < hi_i {
                out.extend([*l, *h]);
            } else {
                out.extend([*h, *l]);
            }
        }
    }
    out.push(points[last]);
    out
}

/// "min 0.085, max 0.7, last 0.085" of finite `values`, as a chart's
/// caption states them; `None` when there is none.
pub fn min_max_last(values: &[f64]) -> Option<(f64, f64, f64)> {
    let finite = values.iter().copied().filter(|v| v.is_finite());
    let lo = finite.clone().fold(f64::INFINITY, f64::min);
    let hi = finite.fold(f64::NEG_INFINITY, f64::max);
    let last = values.iter().rev().copied().find(|v| v.is_finite())?;
    Some((lo, hi, last))
}

/// The labels of `ticks`, in the one number format.
pub fn tick_labels(ticks: &[f64]) -> Vec<String> {
    ticks.iter().map(|t| format_number(*t)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_numbers_inside_the_range() {
        assert_eq!(nice_ticks(0.0, 1.0, 5), [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        assert_eq!(nice_ticks(0.085, 0.7, 5), [0.2, 0.4, 0.6]);
        assert_eq!(
            nice_ticks(0.085, 0.7, 8),
            [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]
        );
        assert_eq!(nice_ticks(0.0, 100_000.0, 4), [0.0, 50_000.0, 100_000.0]);
        assert_eq!(nice_ticks(1.0, 3.0, 6), [1.0, 1.5, 2.0, 2.5, 3.0]);
        assert_eq!(
            tick_labels(&nice_ticks(0.1, 0.3, 4)),
            ["0.1", "0.15", "0.2", "0.25", "0.3"]
        );
        assert_eq!(nice_ticks(-2.0, 2.0, 4), [-2.0, -1.0, 0.0, 1.0, 2.0]);
        assert_eq!(nice_ticks(5.0, 5.0, 4), [5.0]);
        assert!(nice_ticks(f64::NAN, 1.0, 4).is_empty());
        for (lo, hi) in [(0.0, 7.0), (1e-9, 3e-9), (3.0, 1e12), (0.9, 0.9731)] {
            let t = nice_ticks(lo, hi, 5);
            assert!(!t.is_empty() && t.len() <= 6, "{lo}..{hi}: {t:?}");
            assert!(
                t.iter().all(|v| *v >= lo - 1e-12 && *v <= hi + 1e-12),
                "{lo}..{hi}: {t:?}"
            );
        }
    }

    #[test]
    fn one_value_or_equal_values_get_a_band_around_them() {
        assert_eq!(y_domain(0.2, 0.9), (0.2, 0.9));
        assert_eq!(y_domain(0.0, 0.0), (-1.0, 1.0));
        let (a, b) = y_domain(5.0, 5.0);
        assert!(a < 5.0 && b > 5.0);
        let f = Frame::new((3.0, 3.0), (a, b), &["5".into()], 400.0, 180.0);
        // A lone point is drawn in the middle, not on an edge.
        assert_eq!(f.x_px(3.0), (f.left + f.right) / 2.0);
        assert!((f.y_px(5.0) - (f.top + f.bottom) / 2.0).abs() < 1e-9);
    }

    #[test]
    fn the_frame_maps_values_to_pixels_and_back() {
        let f = Frame::new((0.0, 10.0), (0.0, 1.0), &["0.25".into()], 400.0, 180.0);
        assert!(f.left > 30.0, "room for the labels");
        assert_eq!(f.x_px(0.0), f.left);
        assert_eq!(f.x_px(10.0), f.right);
        assert_eq!(f.y_px(1.0), f.top);
        assert_eq!(f.y_px(0.0), f.bottom);
        assert!((f.x_at(f.x_px(7.5)) - 7.5).abs() < 1e-9);
    }

    #[test]
    fn the_nearest_point_is_found() {
        let xs = [0.0, 1.0, 2.0, 10.0];
        assert_eq!(nearest_index(&xs, -5.0), Some(0));
        assert_eq!(nearest_index(&xs, 1.4), Some(1));
        assert_eq!(nearest_index(&xs, 1.6), Some(2));
        assert_eq!(nearest_index(&xs, 7.0), Some(3));
        assert_eq!(nearest_index(&xs, 99.0), Some(3));
        assert_eq!(nearest_index(&[], 1.0), None);
    }

    #[test]
    fn a_long_series_is_thinned_keeping_its_extremes() {
        let points: Vec<(f64, f64)> = (0..100_000)
            .map(|i| {
                (
                    i as f64,
                    if i == 53_210 {
                        9.0
                    } else {
                        (i as f64 / 1000.0).sin()
                    },
                )
            })
            .collect();
        let thin = thin(&points, 500);
        assert!(thin.len() <= 1002, "{}", thin.len());
        assert_eq!(thin.first(), points.first());
        assert_eq!(thin.last(), points.last());
        assert!(thin.contains(&(53_210.0, 9.0)), "the spike survives");
        assert!(
            thin.windows(2).all(|w| w[0].0 < w[1].0),
            "still in step order"
        );
        let short = [(0.0, 1.0), (1.0, 2.0)];
        assert_eq!(super::thin(&short, 500), short);
    }

    #[test]
    fn min_max_last_ignore_what_cannot_be_drawn() {
        assert_eq!(min_max_last(&[0.7, 0.1, 0.3]), Some((0.1, 0.7, 0.3)));
        assert_eq!(min_max_last(&[0.5, f64::NAN]), Some((0.5, 0.5, 0.5)));
        assert_eq!(min_max_last(&[f64::NAN]), None);
        assert_eq!(min_max_last(&[]), None);
    }

    #[test]
    fn log_axes_tick_round_decades() {
        assert_eq!(log_ticks(1e-13, 1e-4, 5), [1e-13, 1e-11, 1e-9, 1e-7, 1e-5]);
        assert_eq!(log_ticks(1.1e-13, 1.2e-4, 10).len(), 9);
        assert_eq!(log_ticks(0.01, 10.0, 5), [0.01, 0.1, 1.0, 10.0]);
        assert_eq!(log_ticks(0.15, 3.0, 5), [0.2, 0.5, 1.0, 2.0]);
        assert_eq!(log_ticks(2.0, 2.1, 5), [2.0, 2.05, 2.1]);
        assert!(log_ticks(0.0, 1.0, 5).is_empty());
        assert!(log_ticks(-1.0, 1.0, 5).is_empty());
        let tiny = YAxis::new(1.1e-13, 1.2e-4, Scale::Log);
        assert_eq!(tiny.scale, Scale::Log);
        // 1.1e-13 and 2.5e-13 are far apart on a log axis, not on a linear one.
        let frame = Frame::new((0.0, 1.0), tiny.domain, &tiny.labels(), 400.0, 180.0);
        let (a, b) = (frame.y_px(tiny.pos(1.1e-13)), frame.y_px(tiny.pos(2.5e-13)));
        assert!(a - b > 4.0, "{a} {b}");
        let lin = YAxis::new(1.1e-13, 1.2e-4, Scale::Linear);
        let frame = Frame::new((0.0, 1.0), lin.domain, &lin.labels(), 400.0, 180.0);
        assert!((frame.y_px(lin.pos(1.1e-13)) - frame.y_px(lin.pos(2.5e-13))).abs() < 0.01);
        // Not above 0: linear, whatever was asked.
        assert_eq!(YAxis::new(-1.0, 2.0, Scale::Log).scale, Scale::Linear);
        assert_eq!(YAxis::new(0.0, 2.0, Scale::Log).scale, Scale::Linear);
        let one = YAxis::new(3.0, 3.0, Scale::Log);
        assert!(one.domain.0 < 3f64.log10() && one.domain.1 > 3f64.log10());
        assert!(log_scale_possible([1e-13, 0.5, f64::NAN]));
        assert!(!log_scale_possible([1.0, 0.0]));
        assert!(!log_scale_possible([1.0, -2.0]));
        assert!(!log_scale_possible([f64::NAN]));
    }

    fn m(step: i64, timestamp: i64, value: f64) -> crate::mlflow::types::Metric {
        crate::mlflow::types::Metric {
            key: "loss".into(),
            value,
            timestamp: Some(timestamp),
            step,
        }
    }

    #[test]
    fn histories_without_steps_are_laid_out_in_the_order_logged() {
        let stepless = [m(0, 30, 0.3), m(0, 10, 0.9), m(0, 20, 0.5)];
        let x = history_x(&[&stepless]);
        assert_eq!(x, HistoryX::Logged { step: Some(0) });
        assert_eq!(
            history_points(&stepless, x),
            [(1.0, 0.9), (2.0, 0.5), (3.0, 0.3)]
        );
        assert_eq!(x.name(), "Value no. (in the order logged, all at step 0)");
        let stepped = [m(0, 1, 0.9), m(1, 2, 0.5)];
        assert_eq!(history_x(&[&stepped]), HistoryX::Step);
        assert_eq!(history_x(&[&stepped, &stepless]), HistoryX::Step);
        assert_eq!(
            history_points(&stepped, HistoryX::Step),
            [(0.0, 0.9), (1.0, 0.5)]
        );
        // One value each: by step, nothing to order.
        assert_eq!(history_x(&[&[m(0, 1, 0.5)], &[]]), HistoryX::Step);
        // Two versions, each at its own single step.
        let other = [m(5, 1, 0.1), m(5, 2, 0.2)];
        assert_eq!(
            history_x(&[&stepless, &other]),
            HistoryX::Logged { step: None }
        );
    }
}
