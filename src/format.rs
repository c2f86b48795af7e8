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

/// The first block (paragraph, heading, list item) of a markdown
/// description as plain text: what a person reads in it, without the marks
/// (`*beta*` is "beta", a link is its text). HTML is kept as the text it is.
pub fn description_summary(description: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::new();
    for event in Parser::new(description) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock,
            ) if !out.trim().is_empty() => break,
            _ => {}
        }
    }
    out.trim().to_string()
}

/// A metric value for a table cell: at most 3 decimals, trailing zeros
/// dropped; very small or very large values in exponent form.
pub fn format_metric(v: f64) -> String {
    if v.is_nan() {
        return "NaN".to_string();
    }
    if v.is_infinite() {
        return if v > 0.0 { "∞" } else { "-∞" }.to_string();
    }
    let a = v.abs();
    if a != 0.0 && !(1e-3..1e9).contains(&a) {
        return format!("{v:.2e}");
    }
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metrics_are_short_and_exact_enough() {
        assert_eq!(format_metric(0.9731), "0.973");
        assert_eq!(format_metric(0.95), "0.95");
        assert_eq!(format_metric(2.0), "2");
        assert_eq!(format_metric(0.0), "0");
        assert_eq!(format_metric(-0.0001), "-1.00e-4");
        assert_eq!(format_metric(1234.56789), "1234.568");
        assert_eq!(format_metric(3.2e12), "3.20e12");
        assert_eq!(format_metric(f64::NAN), "NaN");
        assert_eq!(format_metric(-0.0004999), "-5.00e-4");
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

    #[test]
    fn summary_is_the_first_line_as_plain_text() {
        assert_eq!(
            description_summary("\n# Iris classifier\n\nLogistic **regression**."),
            "Iris classifier"
        );
        assert_eq!(description_summary("* owner: `ml-team`"), "owner: ml-team");
        assert_eq!(description_summary(""), "");
        assert_eq!(
            description_summary("Payload <script>alert(1)</script>"),
            "Payload <script>alert(1)</script>"
        );
        assert_eq!(
            description_summary("A *beta* model, _fast_"),
            "A beta model, fast"
        );
        assert_eq!(
            description_summary("See [the docs](https://x.y) and ~~old~~\nnext line"),
            "See the docs and ~~old~~ next line"
        );
        assert_eq!(
            description_summary("> quoted **bold**\n\nrest"),
            "quoted bold"
        );
        assert_eq!(description_summary("1. first\n2. second"), "first");
        assert_eq!(description_summary("   \n\n"), "");
    }
}
