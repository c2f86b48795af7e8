//! Text shown to users, computed without the DOM.

/// "5 minutes ago", "3 days ago", "in the future" for clock skew.
pub fn relative_age(now_ms: i64, then_ms: i64) -> String {
    let secs = (now_ms - then_ms) / 1000;
    if secs < -60 {
        return "in the future".to_string();
    }
    if secs < 60 {
        return "just now".to_string();
    }
    let (n, unit) = match secs {
        s if s < 3600 => (s / 60, "minute"),
        s if s < 86_400 => (s / 3600, "hour"),
        s if s < 86_400 * 30 => (s / 86_400, "day"),
        s if s < 86_400 * 365 => (s / (86_400 * 30), "month"),
        s => (s / (86_400 * 365), "year"),
    };
    format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" })
}

pub use crate::summary::description_summary;

/// A number as people read it, the one format for metrics and numeric
/// parameters everywhere: no float noise (`0.8999999999999999` is `0.9`),
/// four decimals at most (four significant digits below 1), trailing zeros
/// dropped, integers as integers, and exponent form below 1e-4 or from 1e9.
pub fn format_number(v: f64) -> String {
    if let Some(s) = non_finite(v) {
        return s.to_string();
    }
    if v == 0.0 {
        return "0".to_string();
    }
    let a = v.abs();
    if !(1e-4..1e9).contains(&a) {
        return exponent(v, 3);
    }
    let decimals = if a >= 1.0 {
        4
    } else {
        (3 - a.log10().floor() as i32).clamp(4, 8) as usize
    };
    trim_zeros(&format!("{v:.decimals$}"))
}

/// The exact value, for a tooltip or a copy: every digit MLflow stored, in
/// the shortest form that reads back to the same number.
pub fn exact_number(v: f64) -> String {
    if let Some(s) = non_finite(v) {
        return s.to_string();
    }
    let a = v.abs();
    if v == 0.0 || (1e-5..1e15).contains(&a) {
        // `Display` is the shortest round-trip form; `-0` is `0`.
        format!("{}", v + 0.0)
    } else {
        format!("{v:e}")
    }
}

/// What an empty value (`""`, which MLflow accepts for a parameter or a
/// tag) reads as: visible, and unlike "not logged".
pub const EMPTY_VALUE: &str = "(empty)";

/// Characters of a text value shown before it is cut; the whole value is a
/// click away (`ValueText`).
pub const SHOWN_CHARS: usize = 160;

/// `text` cut to its first `max` characters (on a character boundary, never
/// inside one), or `None` when it is no longer than that.
pub fn cut_text(text: &str, max: usize) -> Option<&str> {
    let (end, _) = text.char_indices().nth(max)?;
    Some(&text[..end])
}

/// "1,234": a count with thousands separators.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A parameter value: a number written with float noise or many digits is
/// shown short (its text stays the exact value); any other text as it is.
pub fn format_param(text: &str) -> String {
    let t = text.trim();
    let numeric = !t.is_empty()
        && t.bytes()
            .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b))
        && t.bytes().any(|b| b.is_ascii_digit());
    match t.parse::<f64>() {
        Ok(v) if numeric && v.is_finite() => {
            let short = format_number(v);
            // Only where digits are cut: "0.10" or "1e3" stay as written.
            if short.parse::<f64>().ok() != Some(v) && short.len() < t.len() {
                short
            } else {
                text.to_string()
            }
        }
        _ => text.to_string(),
    }
}

fn non_finite(v: f64) -> Option<&'static str> {
    if v.is_nan() {
        Some("NaN")
    } else if v == f64::INFINITY {
        Some("\u{221e}")
    } else if v == f64::NEG_INFINITY {
        Some("-\u{221e}")
    } else {
        None
    }
}

/// `v` as `m.mmme±x` with `digits` decimals in the mantissa, zeros trimmed.
fn exponent(v: f64, digits: usize) -> String {
    let s = format!("{v:.digits$e}");
    match s.split_once('e') {
        Some((m, e)) => format!("{}e{e}", trim_zeros(m)),
        None => s,
    }
}

fn trim_zeros(s: &str) -> String {
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    };
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// A size in bytes for reading: `512 B`, `1.5 KiB`, `2.3 MiB` (powers of
/// 1,024, named as such).
pub fn bytes(n: u64) -> String {
    bytesize::ByteSize::b(n).display().iec().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_without_float_noise() {
        let f = format_number;
        assert_eq!(f(0.7 + 0.02 * 5.0 + 0.05 * 2.0), "0.9");
        assert_eq!(f(0.8999999999999999), "0.9");
        assert_eq!(f(0.9731), "0.9731");
        assert_eq!(f(0.97312), "0.9731");
        assert_eq!(f(0.95), "0.95");
        assert_eq!(f(0.0123456), "0.01235");
        assert_eq!(f(0.00012346), "0.0001235");
        assert_eq!(f(1234.56789), "1234.5679");
        assert_eq!(f(0.99999), "1");
        // Integers stored as floats.
        assert_eq!(f(2.0), "2");
        assert_eq!(f(100.0), "100");
        assert_eq!(f(123_456_789.0), "123456789");
        // Zero and negatives.
        assert_eq!(f(0.0), "0");
        assert_eq!(f(-0.0), "0");
        assert_eq!(f(-0.5), "-0.5");
        assert_eq!(f(-1234.5), "-1234.5");
        // Very small and very large magnitudes.
        assert_eq!(f(1e-9), "1e-9");
        assert_eq!(f(-0.00004999), "-4.999e-5");
        assert_eq!(f(-0.000049999), "-5e-5");
        assert_eq!(f(1.23456e-7), "1.235e-7");
        assert_eq!(f(1e12), "1e12");
        assert_eq!(f(3.2e12), "3.2e12");
        assert_eq!(f(-6.02214e23), "-6.022e23");
        // What MLflow sends for non-finite values.
        assert_eq!(f(f64::NAN), "NaN");
        assert_eq!(f(f64::INFINITY), "\u{221e}");
        assert_eq!(f(f64::NEG_INFINITY), "-\u{221e}");
    }

    #[test]
    fn the_exact_value_keeps_every_digit() {
        assert_eq!(exact_number(0.8999999999999999), "0.8999999999999999");
        assert_eq!(exact_number(0.9731), "0.9731");
        assert_eq!(exact_number(2.0), "2");
        assert_eq!(exact_number(-0.0), "0");
        assert_eq!(exact_number(1e-9), "1e-9");
        assert_eq!(exact_number(3.2e15), "3.2e15");
        assert_eq!(exact_number(123_456_789.0), "123456789");
        assert_eq!(exact_number(f64::NAN), "NaN");
    }

    #[test]
    fn numeric_params_lose_only_their_noise() {
        assert_eq!(format_param("0.30000000000000004"), "0.3");
        assert_eq!(format_param("0.123456789"), "0.1235");
        assert_eq!(format_param("0.1"), "0.1");
        assert_eq!(format_param("0.10"), "0.10");
        assert_eq!(format_param("100"), "100");
        assert_eq!(format_param("1e-3"), "1e-3");
        assert_eq!(format_param("lbfgs"), "lbfgs");
        assert_eq!(format_param("1.2.3"), "1.2.3");
        assert_eq!(format_param("v1.5"), "v1.5");
        assert_eq!(format_param("-"), "-");
        assert_eq!(format_param(""), "");
    }

    #[test]
    fn long_text_is_cut_on_a_character_and_counts_read_with_commas() {
        assert_eq!(cut_text("abc", 3), None);
        assert_eq!(cut_text("abcd", 3), Some("abc"));
        assert_eq!(cut_text("模型🚀x", 2), Some("模型"));
        assert_eq!(cut_text("", 0), None);
        assert_eq!(count(7), "7");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(100_000), "100,000");
        assert_eq!(count(1_234_567), "1,234,567");
    }

    #[test]
    fn sizes_read_in_binary_units() {
        assert_eq!(bytes(512), "512 B");
        assert_eq!(bytes(1536), "1.5 KiB");
        assert_eq!(bytes(256 * 1024), "256.0 KiB");
    }

    #[test]
    fn ages_read_naturally() {
        let now = 1_800_000_000_000;
        assert_eq!(relative_age(now, now - 5_000), "just now");
        assert_eq!(relative_age(now, now - 60_000), "1 minute ago");
        assert_eq!(relative_age(now, now - 2 * 3_600_000), "2 hours ago");
        assert_eq!(relative_age(now, now - 3 * 86_400_000), "3 days ago");
        assert_eq!(relative_age(now, now - 65 * 86_400_000), "2 months ago");
        assert_eq!(relative_age(now, now - 800 * 86_400_000), "2 years ago");
        assert_eq!(relative_age(now, now + 3_600_000), "in the future");
    }
}
