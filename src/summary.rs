//! The one-line summary of a markdown description (model list, compare
//! header), without a markdown parser.
//!
//! The list is the first page most people load, and a CommonMark parser
//! (pulldown-cmark, with its table of 2,000 HTML entities) would add half
//! again to the list's modules for this one line: the summary read with
//! pulldown-cmark's parser takes the list's cold load from 235,604 to
//! 282,668 B (its modules 91,139 -> 138,323 B), over the 250 KB budget
//! (measured 2026-11-30, issue 26). The full renderer stays where whole
//! descriptions are shown (`crate::markdown`).
//! What is read here is the first block's text, with the marks people use
//! in a first line taken off; anything unusual stays as the text it is,
//! which is always safe: the summary is shown as text, never as HTML.

/// The first block (paragraph, heading, list item, quote, code block) of a
/// markdown description as plain text: `*beta*` is "beta", a link is its
/// text, an image its alt text; HTML stays the text it is.
pub fn description_summary(description: &str) -> String {
    // The first block with text: an image alone or an empty heading above
    // the text (a logo line) is passed over.
    let mut lines = description.lines().map(strip_quote).peekable();
    for _ in 0..MAX_BLOCKS {
        let Some(block) = next_block(&mut lines) else {
            break;
        };
        let text = block_text(&block);
        if !text.is_empty() {
            return text;
        }
    }
    String::new()
}

/// The most characters of the first block a summary reads.
const SUMMARY_CHARS: usize = 1_000;
/// The most blocks without text passed over before giving up.
const MAX_BLOCKS: usize = 20;

/// A block's text, whitespace collapsed; a block longer than
/// [`SUMMARY_CHARS`] is cut with an ellipsis (a line to read, not a
/// document; it also bounds the work per row).
fn block_text(block: &Block) -> String {
    let joined = block.lines.join(" ");
    let (head, cut) = match joined.char_indices().nth(SUMMARY_CHARS) {
        Some((at, _)) => (&joined[..at], true),
        None => (joined.as_str(), false),
    };
    let text = if block.code {
        head.to_string()
    } else {
        inline_text(head)
    };
    let mut out = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if cut && !out.is_empty() {
        out.push('…');
    }
    out
}

struct Block<'a> {
    lines: Vec<&'a str>,
    /// A code block: its text is shown as written.
    code: bool,
}

/// The next block's lines with its block marks (`#`, `>`, list markers,
/// fences) taken off; its lines are consumed.
fn next_block<'a, I: Iterator<Item = &'a str>>(
    lines: &mut std::iter::Peekable<I>,
) -> Option<Block<'a>> {
    while lines.peek().is_some_and(|l| is_blank(l) || is_rule(l)) {
        lines.next();
    }
    let first = lines.next()?;
    let trimmed = first.trim_start();
    let block = |lines, code| Some(Block { lines, code });
    if let Some(fence) = fence_of(trimmed) {
        let body = lines
            .by_ref()
            .take_while(|l| !l.trim_start().starts_with(fence))
            .collect::<Vec<_>>();
        return block(body, true);
    }
    if first.starts_with("    ") || first.starts_with('\t') {
        return block(vec![trimmed], true);
    }
    if let Some(heading) = atx_heading(trimmed) {
        return block(vec![heading], false);
    }
    let (start, in_item) = match list_item(trimmed) {
        Some(rest) => (rest, true),
        None => (trimmed, false),
    };
    let mut out = vec![start];
    while let Some(line) = lines.peek() {
        let t = line.trim_start();
        if is_setext_underline(t) && !in_item {
            lines.next();
            break;
        }
        if interrupts(t, in_item) {
            break;
        }
        out.push(t);
        lines.next();
    }
    block(out, false)
}

/// Whether `line` ends a paragraph (or list item): a blank line, a rule,
/// a heading, a fence, or a list item - in a paragraph only an item with
/// text, and of a numbered list only one starting at 1 (as CommonMark).
fn interrupts(line: &str, in_item: bool) -> bool {
    let item = list_item(line).is_some_and(|rest| {
        in_item
            || !rest.is_empty()
                && (!line.starts_with(|c: char| c.is_ascii_digit())
                    || line.starts_with("1.")
                    || line.starts_with("1)"))
    });
    is_blank(line)
        || is_rule(line)
        || atx_heading(line).is_some()
        || fence_of(line).is_some()
        || item
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// `---`, `***`, `___` (spaces allowed), alone on a line.
fn is_rule(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    t.len() >= 3 && ['-', '*', '_'].iter().any(|&m| t.chars().all(|x| x == m))
}

fn is_setext_underline(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && (t.chars().all(|c| c == '=') || t.chars().all(|c| c == '-'))
}

/// A quote's text without its `>` marks.
fn strip_quote(line: &str) -> &str {
    let mut rest = line;
    loop {
        let t = rest.trim_start();
        match t.strip_prefix('>') {
            Some(inner) => rest = inner.strip_prefix(' ').unwrap_or(inner),
            None => return rest,
        }
    }
}

fn fence_of(line: &str) -> Option<&'static str> {
    ["```", "~~~"].into_iter().find(|f| line.starts_with(f))
}

/// `# Title #` is "Title".
fn atx_heading(line: &str) -> Option<&str> {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &line[hashes..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let rest = rest.trim();
    let closed = rest.trim_end_matches('#');
    Some(if closed.is_empty() || closed.ends_with(' ') {
        closed.trim_end()
    } else {
        rest
    })
}

/// The text after a list marker (`*`, `-`, `+`, `1.`, `1)`).
fn list_item(line: &str) -> Option<&str> {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let after = if digits > 0 && digits <= 9 {
        line[digits..].strip_prefix(['.', ')'])?
    } else {
        line.strip_prefix(['*', '-', '+'])?
    };
    if after.is_empty() {
        return Some(after);
    }
    after.starts_with([' ', '\t']).then(|| after.trim_start())
}

/// One line of inline markdown as text: escapes, code spans, links,
/// images, emphasis and entities resolved; anything else kept.
fn inline_text(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out: Vec<Piece> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if chars.get(i + 1).is_some_and(char::is_ascii_punctuation) => {
                out.push(Piece::Text(chars[i + 1].to_string()));
                i += 2;
            }
            '`' => {
                let run = run_len(&chars, i, '`');
                match find_run(&chars, i + run, '`', run) {
                    Some(end) => {
                        let code: String = chars[i + run..end].iter().collect();
                        out.push(Piece::Text(code.trim().to_string()));
                        i = end + run;
                    }
                    None => {
                        out.push(Piece::Text("`".repeat(run)));
                        i += run;
                    }
                }
            }
            '*' | '_' | '~' => {
                let run = run_len(&chars, i, c);
                let before = i.checked_sub(1).map(|j| chars[j]);
                let after = chars.get(i + run).copied();
                out.push(Piece::Delim {
                    ch: c,
                    len: run,
                    opens: opens(c, before, after),
                    closes: opens(c, after, before),
                });
                i += run;
            }
            _ => {
                // A link or image (its text), an autolink (its address), a
                // character reference; else the character as it is.
                let span = match c {
                    '[' => link(&chars, i),
                    '!' if chars.get(i + 1) == Some(&'[') => link(&chars, i + 1),
                    '<' => autolink(&chars, i),
                    '&' => entity(&chars, i).map(|(decoded, end)| (decoded.to_string(), end)),
                    _ => None,
                };
                match span {
                    Some((text, end)) => {
                        out.push(Piece::Text(text));
                        i = end;
                    }
                    None => {
                        out.push(Piece::Text(c.to_string()));
                        i += 1;
                    }
                }
            }
        }
    }
    pair_delimiters(&mut out);
    out.into_iter()
        .map(|p| match p {
            Piece::Text(t) => t,
            Piece::Delim { ch, len, .. } => ch.to_string().repeat(len),
        })
        .collect()
}

enum Piece {
    Text(String),
    /// A run of `*`, `_` or `~` that may open or close emphasis.
    Delim {
        ch: char,
        len: usize,
        opens: bool,
        closes: bool,
    },
}

/// Whether a delimiter run between `before` and `after` can open emphasis
/// (swap the two for closing): followed by a non-space, and for `_` not
/// inside a word (`snake_case_name` keeps its underscores).
fn opens(c: char, before: Option<char>, after: Option<char>) -> bool {
    let Some(next) = after.filter(|a| !a.is_whitespace()) else {
        return false;
    };
    if c == '_' {
        let word = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
        return !word(before) || !next.is_alphanumeric() && !word(before);
    }
    true
}

/// Removes delimiter runs that pair up (an opener with a later closer of
/// the same mark); the rest stay as text.
fn pair_delimiters(pieces: &mut [Piece]) {
    let mut open: Vec<usize> = Vec::new();
    for i in 0..pieces.len() {
        let Piece::Delim {
            ch,
            len,
            opens,
            closes,
        } = pieces[i]
        else {
            continue;
        };
        let partner = closes
            .then(|| {
                open.iter().rposition(|&j| {
                    matches!(pieces[j], Piece::Delim { ch: c, len: l, .. } if c == ch && (ch != '~' || l == len))
                })
            })
            .flatten();
        match partner {
            Some(k) => {
                let j = open[k];
                open.truncate(k);
                pieces[j] = Piece::Text(String::new());
                pieces[i] = Piece::Text(String::new());
            }
            None if opens => open.push(i),
            None => {}
        }
    }
}

fn run_len(chars: &[char], from: usize, c: char) -> usize {
    chars[from..].iter().take_while(|&&x| x == c).count()
}

/// Where the next run of exactly `len` `c` starts, from `from`.
fn find_run(chars: &[char], from: usize, c: char, len: usize) -> Option<usize> {
    let mut i = from;
    while i < chars.len() {
        if chars[i] == c {
            let run = run_len(chars, i, c);
            if run == len {
                return Some(i);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

/// `[label](destination)` or `[label][ref]` from the `[` at `at`: the
/// label's text and where the link ends.
fn link(chars: &[char], at: usize) -> Option<(String, usize)> {
    let mut depth = 0;
    let mut close = None;
    for (j, &c) in chars.iter().enumerate().skip(at) {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(j);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close?;
    let label = || inline_text(&chars[at + 1..close].iter().collect::<String>());
    let (open, end_char) = match chars.get(close + 1) {
        Some('(') => ('(', ')'),
        Some('[') => ('[', ']'),
        _ => return None,
    };
    let mut depth = 0;
    for (j, &c) in chars.iter().enumerate().skip(close + 1) {
        if c == open {
            depth += 1;
        } else if c == end_char {
            depth -= 1;
            if depth == 0 {
                return Some((label(), j + 1));
            }
        }
    }
    None
}

/// `<https://...>` or `<name@host>`: the address as text.
fn autolink(chars: &[char], at: usize) -> Option<(String, usize)> {
    let end = chars[at..].iter().position(|&c| c == '>')? + at;
    let inner: String = chars[at + 1..end].iter().collect();
    let scheme = inner.split_once(':').is_some_and(|(s, rest)| {
        s.len() >= 2
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
            && !rest.is_empty()
    });
    let email = inner.contains('@') && !inner.contains(' ');
    ((scheme || email) && !inner.contains(char::is_whitespace)).then(|| (inner, end + 1))
}

/// A character reference from the `&` at `at`: numeric ones and the named
/// ones people type; anything else stays as written.
fn entity(chars: &[char], at: usize) -> Option<(char, usize)> {
    let end = chars[at..].iter().take(34).position(|&c| c == ';')? + at;
    let name: String = chars[at + 1..end].iter().collect();
    let decoded = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{FFFD}')
    } else {
        match name.as_str() {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{a0}',
            "copy" => '©',
            "reg" => '®',
            "trade" => '™',
            "hellip" => '…',
            "mdash" => '—',
            "ndash" => '–',
            "rarr" => '→',
            "larr" => '←',
            "times" => '×',
            "deg" => '°',
            "plusmn" => '±',
            "le" => '≤',
            "ge" => '≥',
            _ => return None,
        }
    };
    Some((decoded, end + 1))
}

#[cfg(test)]
mod tests {
    use super::{description_summary as s, SUMMARY_CHARS};

    #[test]
    fn the_first_block_as_plain_text() {
        assert_eq!(
            s("\n# Iris classifier\n\nLogistic **regression**."),
            "Iris classifier"
        );
        assert_eq!(s("* owner: `ml-team`"), "owner: ml-team");
        assert_eq!(s(""), "");
        assert_eq!(s("   \n\n"), "");
        assert_eq!(s("A *beta* model, _fast_"), "A beta model, fast");
        assert_eq!(
            s("See [the docs](https://x.y) and ~~old~~\nnext line"),
            "See the docs and old next line"
        );
        assert_eq!(s("> quoted **bold**\n\nrest"), "quoted bold");
        assert_eq!(s("1. first\n2. second"), "first");
        assert_eq!(s("- a\n- b"), "a");
        assert_eq!(s("Title\n=====\n\nbody"), "Title");
        assert_eq!(s("Title\n---\nbody"), "Title");
        assert_eq!(s("## Usage ##\ntext"), "Usage");
        assert_eq!(s("---\n\nAfter the rule"), "After the rule");
        assert_eq!(s("> # Quoted heading\n> more"), "Quoted heading");
        // A first block without text is passed over.
        assert_eq!(s("![](logo.png)\n\nIris model"), "Iris model");
        assert_eq!(s("#\n\nAfter an empty heading"), "After an empty heading");
        assert_eq!(
            s("```\n```\n\nAfter an empty fence"),
            "After an empty fence"
        );
        assert_eq!(s("![](a.png)\n\n![](b.png)"), "");
        // A numbered list ends a paragraph only when it starts at 1.
        assert_eq!(s("Usage:\n1. Load\n2. Predict"), "Usage:");
        assert_eq!(s("In 2024\n2. place"), "In 2024 2. place");
        assert_eq!(s("Features:\n- fast"), "Features:");
    }

    #[test]
    fn html_and_payloads_stay_the_text_they_are() {
        assert_eq!(
            s("Payload <script>alert(1)</script>"),
            "Payload <script>alert(1)</script>"
        );
        assert_eq!(
            s("<img src=x onerror=alert(1)>"),
            "<img src=x onerror=alert(1)>"
        );
        assert_eq!(s("[click](javascript:alert(1))"), "click");
        assert_eq!(s("![alt *text*](https://x.y/a.png)"), "alt text");
    }

    #[test]
    fn marks_that_are_not_emphasis_are_kept() {
        assert_eq!(
            s("uses my_model_name and x_1"),
            "uses my_model_name and x_1"
        );
        assert_eq!(s("2 * 3 = 6"), "2 * 3 = 6");
        assert_eq!(s("a lone *star"), "a lone *star");
        assert_eq!(s(r"not \*emphasis\* here"), "not *emphasis* here");
        assert_eq!(s("``code with ` tick``"), "code with ` tick");
        assert_eq!(s("`**kept**`"), "**kept**");
        assert_eq!(s("[not a link] and [x]"), "[not a link] and [x]");
        assert_eq!(s("100% & 5 < 6"), "100% & 5 < 6");
        assert_eq!(s("50 % off #1 ?q=1"), "50 % off #1 ?q=1");
    }

    #[test]
    fn a_long_first_block_is_cut() {
        let long = format!("{} end", "word ".repeat(400));
        let out = s(&long);
        // The first 1,000 characters are 200 times "word ".
        assert_eq!(out, format!("{}…", ["word"; 200].join(" ")));
        assert_eq!(s(&"word ".repeat(199)), ["word"; 199].join(" "));
        // Pathological input stays quick: the scans are bounded by the cut.
        let brackets = "[".repeat(200_000);
        assert_eq!(s(&brackets).chars().count(), SUMMARY_CHARS + 1);
        let ticks = "`a ".repeat(50_000);
        assert!(s(&ticks).ends_with('…'));
    }

    #[test]
    fn links_entities_and_code() {
        assert_eq!(s("<https://mlflow.org> docs"), "https://mlflow.org docs");
        assert_eq!(
            s("R&amp;D &lt;team&gt; &#169; &#x1F600;"),
            "R&D <team> © 😀"
        );
        assert_eq!(s("&unknown; stays"), "&unknown; stays");
        assert_eq!(
            s("```python\nmodel.predict(x)\n```\nafter"),
            "model.predict(x)"
        );
        assert_eq!(s("    indented *code*\n\npara"), "indented *code*");
        assert_eq!(s("[ref link][1] here\n\n[1]: https://x.y"), "ref link here");
        assert_eq!(s("**Nested [link *em*](u)**"), "Nested link em");
        assert_eq!(s("émoji 🚀 **ünïcode**"), "émoji 🚀 ünïcode");
    }

    /// What a CommonMark parser reads as the first block's text (the
    /// summary before issue 16), for comparison on ordinary descriptions.
    fn by_parser(source: &str) -> String {
        use pulldown_cmark::{Event, Options, Parser, TagEnd};
        let mut out = String::new();
        for event in Parser::new_ext(source, Options::ENABLE_STRIKETHROUGH) {
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
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn agrees_with_a_commonmark_parser_on_ordinary_descriptions() {
        let corpus = [
            "# Iris classifier\n\nLogistic regression on the **iris** data set.\n\n* trained nightly\n* owner: `ml-team`",
            "Payload test <script>window.__pwned = true; alert('xss')</script>\n\n<img src=x onerror=\"x\">",
            "Gradient boosting, *beta*.",
            "Registered, never versioned.",
            "Best accuracy so far",
            "**Churn** model for the _EU_ region, see [runbook](https://wiki/x) & <https://mlflow.org>.",
            "## Overview\nText",
            "> Note: __deprecated__, use `v2`",
            "1) step one\n2) step two",
            "Trained on 2024-01-01 with lr=0.01 (50% of data) #nightly",
            "A ***strong*** claim and ~~struck~~ text",
            "Ünïcode 模型 🚀 with `code` and \\*escaped\\*",
            "Multi\nline\nparagraph\n\nsecond",
            "```\nfenced\n```",
            "Title\n===",
            "<div>block html</div>",
            "snake_case_name_v2 beats x*y*z",
            "![](logo.png)\n\nIris model",
            "Usage:\n1. Load\n2. Predict",
            "In 2024\n2. place",
            "- \n- second item",
            "Text\n---\nmore",
        ];
        for d in corpus {
            assert_eq!(s(d), by_parser(d), "{d:?}");
        }
    }
}
