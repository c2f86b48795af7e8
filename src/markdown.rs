//! Model and version descriptions: CommonMark rendered to HTML that can hold
//! no markup of the author's. Raw HTML becomes text, links are kept only when
//! they are http(s), and images are replaced by their alt text (never loaded).

use crate::config::is_http_url;
use pulldown_cmark::{html, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The description sits under the page's h1: its headings become h2, h3,
/// ... in the order of the levels the author used, with no level skipped
/// (`###` alone is h2), so the page's outline stays whole.
fn outline(source: &str, options: Options) -> impl Fn(HeadingLevel) -> HeadingLevel {
    let mut used: Vec<HeadingLevel> = Parser::new_ext(source, options)
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(level),
            _ => None,
        })
        .collect();
    used.sort();
    used.dedup();
    move |level| {
        let rank = used.iter().position(|l| *l == level).unwrap_or(0);
        match rank {
            0 => HeadingLevel::H2,
            1 => HeadingLevel::H3,
            2 => HeadingLevel::H4,
            3 => HeadingLevel::H5,
            _ => HeadingLevel::H6,
        }
    }
}

/// Renders `source` to safe HTML.
pub fn render_markdown(source: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let demote = outline(source, options);
    // For each open link: whether it was kept.
    let mut links: Vec<bool> = Vec::new();
    let events = Parser::new_ext(source, options).filter_map(|event| match event {
        Event::Html(s) | Event::InlineHtml(s) => Some(Event::Text(s)),
        Event::Start(Tag::Link { ref dest_url, .. }) => {
            let keep = is_http_url(dest_url);
            links.push(keep);
            keep.then_some(event)
        }
        Event::End(TagEnd::Link) => links.pop().unwrap_or(false).then_some(event),
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Some(Event::Start(Tag::Heading {
            level: demote(level),
            id,
            classes,
            attrs,
        })),
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(demote(level)))),
        // The alt text stays as plain text; the image is never requested.
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        other => Some(other),
    });
    let mut out = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_common_markdown() {
        let html = render_markdown("# Iris\n\nLogistic **regression**.\n\n* a\n* `b`");
        assert!(html.contains("<h2>Iris</h2>"), "{html}");
        assert!(html.contains("<strong>regression</strong>"));
        assert!(html.contains("<li><code>b</code></li>"));
    }

    #[test]
    fn headings_follow_the_page_outline_without_gaps() {
        assert!(render_markdown("### Only").contains("<h2>Only</h2>"));
        let html = render_markdown("## A\n\n#### B\n\n## C\n\n###### D");
        assert!(
            html.contains("<h2>A</h2>") && html.contains("<h3>B</h3>"),
            "{html}"
        );
        assert!(
            html.contains("<h2>C</h2>") && html.contains("<h4>D</h4>"),
            "{html}"
        );
    }

    #[test]
    fn raw_html_is_text() {
        let html = render_markdown("x <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(
            html.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "{html}"
        );
    }

    #[test]
    fn only_http_links_survive_and_images_are_not_loaded() {
        let html = render_markdown(
            "[docs](https://mlflow.org/x?a=1&b=\"2\") [bad](javascript:alert(1)) [rel](/x) ![alt text](https://evil.example/pixel.png)",
        );
        assert!(
            html.contains("<a href=\"https://mlflow.org/x?a=1&amp;b=%222%22\">docs</a>"),
            "{html}"
        );
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains(" bad "), "{html}");
        assert!(!html.contains("href=\"/x\""), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("evil.example"), "{html}");
        assert!(html.contains("alt text"), "{html}");
    }
}
