//! The HTML path (`InputFormat::Html`): HTML source -> classified units, for the same dedup,
//! sections and summary stages as plain text.
//!
//! `tokenizer` reads tags and text as the WHATWG tokenizer does, `tree` builds an inert arena from
//! them (a hand-written subset of the WHATWG tree construction); `meta` reads what the page declares (`<title>`, `<meta>`,
//! JSON-LD); `extract` cuts the tree into text blocks and finds the article by evidence from the
//! markup (hidden elements, landmarks, class/id words, link density, a Readability-style score).
//! This module gives each block its role (title, byline, date, headings, paragraphs, list items,
//! quotes, code, captions, tables, or removed with a reason) and its lines: for HTML input, the
//! lines of the HTML source.
//!
//! Nothing here can fail or run anything: the tree holds strings, and what the HTML path cannot
//! use (no markup at all, or no text in it) falls back to the plain-text path with a diagnostic.

pub mod entities;
pub mod extract;
pub mod meta;
pub mod tokenizer;
pub mod tree;

use crate::core::article::{Diagnostic, RemovedReason};
use crate::core::evidence;
use crate::core::normalize;
use crate::core::types::{Chrome, Classified, LabelKind, Role, Shape};

use extract::{classified, unit, Analysis, Kind};
use meta::{collapse, Declared, Meta};
use tree::{Data, Document};

/// What the HTML path made of an input.
pub enum Outcome {
    /// The article's units, classified, in source order.
    Article(Vec<Classified>),
    /// The HTML could not be used: structure this text (same line numbers as the source) as plain
    /// text instead, and report the diagnostic.
    Fallback {
        /// Text to structure on the plain-text path.
        text: String,
        /// Why.
        diagnostic: Diagnostic,
    },
}

/// Byte offsets of line starts, for turning source ranges into 1-based line numbers. Lines end
/// where `normalize::split_lines` ends them ([`normalize::line_end_at`]: `\n`, `\r\n`, a lone `\r`,
/// VT, FF, NEL, U+2028, U+2029), so that the HTML path's line numbers are the text path's.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(s: &str) -> LineIndex {
        let b = s.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < b.len() {
            match normalize::line_end_at(b, i) {
                Some(len) => {
                    i += len;
                    starts.push(i);
                }
                None => i += 1,
            }
        }
        LineIndex { starts }
    }

    fn line(&self, offset: usize) -> u32 {
        let n = self.starts.partition_point(|&s| s <= offset);
        u32::try_from(n.max(1)).unwrap_or(u32::MAX)
    }

    fn lines(&self, range: (usize, usize)) -> (u32, u32) {
        let first = self.line(range.0);
        let last = self.line(range.1.saturating_sub(1).max(range.0));
        (first, last.max(first))
    }
}

/// Whitespace-insensitive, case-insensitive comparison key.
fn key(s: &str) -> String {
    evidence::fold(s)
}

/// Whether two titles are the same title: equal when folded, or one holds the other and most of
/// its words.
fn same_title(a: &str, b: &str) -> bool {
    let (ka, kb) = (key(a), key(b));
    if ka.is_empty() || kb.is_empty() {
        return false;
    }
    if ka == kb {
        return true;
    }
    let (short, long) = if ka.len() <= kb.len() { (&ka, &kb) } else { (&kb, &ka) };
    let ratio = short.chars().count() as f64 / long.chars().count().max(1) as f64;
    (long.contains(short.as_str()) && ratio >= 0.6)
        || meta::word_overlap(short, long) >= 0.9 && meta::word_overlap(long, short) >= 0.75
        // "Headline | Site": one of the two parts around a separator.
        || [a, b].iter().any(|t| {
            SEPARATORS.iter().any(|sep| {
                let parts: Vec<&str> = t.split(sep).collect();
                parts.len() == 2 && parts.iter().any(|part| key(part) == short.as_str())
            })
        })
}

/// Separators between a page title and the site name.
const SEPARATORS: &[&str] = &[" | ", " - ", " \u{2013} ", " \u{2014} ", " \u{bb} ", " / ", " :: ", " \u{b7} "];

/// The `<title>` without the site's name: the part before the last separator, when what is left
/// still reads as a title (three words or more); the site name itself is dropped wherever it is.
fn clean_title(title: &str, site: Option<&str>) -> String {
    if let Some(site) = site.map(key).filter(|s| !s.is_empty()) {
        for sep in SEPARATORS {
            let parts: Vec<&str> = title.split(sep).collect();
            if parts.len() >= 2 {
                let kept: Vec<&str> = parts.iter().copied().filter(|p| key(p) != site).collect();
                if kept.len() < parts.len() && !kept.is_empty() {
                    return kept.join(sep);
                }
            }
        }
    }
    for sep in SEPARATORS {
        if let Some(pos) = title.rfind(sep) {
            let head = title[..pos].trim();
            if head.split_whitespace().count() >= 3 {
                return head.to_string();
            }
        }
    }
    title.to_string()
}

/// The title the page declares, best first: JSON-LD, Open Graph / Twitter / Dublin Core, then
/// `<title>` without the site name.
fn declared_titles(meta: &Meta) -> Vec<Declared> {
    let mut out = Vec::new();
    if let Some(t) = &meta.ld_title {
        out.push(t.clone());
    }
    if let Some(t) = &meta.meta_title {
        out.push(t.clone());
    }
    if let Some(t) = &meta.title_tag {
        out.push(Declared { text: clean_title(&t.text, meta.site_name.as_deref()), range: t.range });
    }
    out
}

/// Visible text at the same line numbers as the source: what the plain-text path gets when the
/// HTML holds nothing to extract.
fn visible_text(doc: &Document, lines: &LineIndex) -> String {
    let mut out = String::new();
    let mut line = 1u32;
    let mut hidden_until = 0usize;
    for (i, node) in doc.nodes.iter().enumerate() {
        if i < hidden_until {
            continue;
        }
        match &node.data {
            Data::Element { name, .. } if extract_skip(name) => {
                // Skip the subtree: children follow their parent in the arena.
                let mut j = i + 1;
                while j < doc.nodes.len() && doc.nodes[j].start < node.end {
                    j += 1;
                }
                hidden_until = j;
            }
            Data::Text(t) => {
                let (at, last) = lines.lines((node.start, node.end));
                while line < at {
                    out.push('\n');
                    line += 1;
                }
                if !out.is_empty() && !out.ends_with(['\n', ' ']) {
                    out.push(' ');
                }
                // Line breaks where the source has them, as many as the node's source lines: a line
                // end that a reference decoded (`&#13;`, `&#12`, `&#8232;`) never adds a line the
                // source does not have, and the text path counts the same line ends as LineIndex.
                let b = t.as_bytes();
                let (mut i, mut from) = (0, 0);
                while i < b.len() {
                    let Some(len) = normalize::line_end_at(b, i) else {
                        i += 1;
                        continue;
                    };
                    out.push_str(&t[from..i]);
                    if line < last {
                        out.push('\n');
                        line += 1;
                    } else {
                        out.push(' ');
                    }
                    i += len;
                    from = i;
                }
                out.push_str(&t[from..]);
            }
            _ => {}
        }
    }
    out
}

fn extract_skip(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "template"
            | "noscript"
            | "textarea"
            | "select"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "title"
    )
}

/// Runs the HTML path on `input`.
pub fn classify(input: &str, remove_boilerplate: bool) -> Outcome {
    let outcome = classify_parsed(input, tree::parse(input), remove_boilerplate);
    // A page whose article stands in `<noscript>` (we run no scripts, so that is what a reader of
    // it sees here): read again with `noscript` as markup when the first reading found no article
    // (issue 13: such pages came out empty, their title too).
    if matches!(outcome, Outcome::Fallback { .. })
        && input.as_bytes().windows(9).any(|w| w.eq_ignore_ascii_case(b"<noscript"))
    {
        let again = classify_parsed(input, tree::parse_with(input, false), remove_boilerplate);
        if matches!(again, Outcome::Article(_)) {
            return again;
        }
    }
    outcome
}

fn classify_parsed(input: &str, doc: tree::Document, remove_boilerplate: bool) -> Outcome {
    if !doc.had_tags {
        return Outcome::Fallback {
            text: input.to_string(),
            diagnostic: Diagnostic::new(
                "html-not-found",
                "The input was given as HTML but holds no markup; it was structured as plain text.",
            ),
        };
    }
    let lines = LineIndex::new(input);
    let analysis = Analysis::new(&doc);
    let selection = analysis.select(remove_boilerplate);
    if selection.chars == 0 {
        return Outcome::Fallback {
            text: visible_text(&doc, &lines),
            diagnostic: Diagnostic::new("html-no-article", "The HTML holds no article text the HTML path could find; its visible text was structured as plain text."),
        };
    }
    let meta = meta::read(&doc);
    let blocks = &analysis.blocks;
    let mut roles: Vec<Role> = blocks
        .iter()
        .zip(&selection.removed)
        .map(|(b, r)| match r {
            // A label left out with the page around it still says what it labels.
            Some(RemovedReason::Boilerplate) => match evidence::chrome(&b.text) {
                Some(Chrome::Related) => Role::Removed(RemovedReason::Related),
                Some(Chrome::Comments) => Role::Removed(RemovedReason::Comments),
                _ => Role::Removed(RemovedReason::Boilerplate),
            },
            Some(reason) => Role::Removed(*reason),
            None => content_role(&b.kind, &b.text, remove_boilerplate),
        })
        .collect();
    if remove_boilerplate {
        related_link_lists(blocks, &mut roles);
    }
    summary_lists(blocks, &mut roles);
    let mut extra: Vec<(usize, Classified)> = Vec::new();

    // Title: the declared title, shown by the page's own heading when one matches it.
    let declared = declared_titles(&meta);
    let heading_match = |want: &str, levels: &[u8]| {
        blocks
            .iter()
            .position(|b| matches!(b.kind, Kind::Heading(l) if levels.contains(&l)) && same_title(&b.text, want))
    };
    let mut title_at: Option<usize> = None;
    let mut title_text: Option<String> = None;
    for d in &declared {
        if let Some(k) = heading_match(&d.text, &[1]).or_else(|| heading_match(&d.text, &[2, 3])) {
            title_at = Some(k);
            break;
        }
    }
    if let Some(k) = title_at {
        roles[k] = Role::Title;
        title_text = Some(blocks[k].text.clone());
    } else if let Some(d) = declared.first() {
        let (first, last) = lines.lines(d.range);
        extra.push((d.range.0, classified(unit(Shape::Text, d.text.clone(), Vec::new(), first, last), Role::Title)));
        title_text = Some(d.text.clone());
    } else if let Some(k) =
        blocks.iter().enumerate().position(|(k, b)| b.kind == Kind::Heading(1) && selection.removed[k].is_none())
    {
        roles[k] = Role::Title;
        title_text = Some(blocks[k].text.clone());
    }
    // Copies of the title among the headings of the article.
    if let Some(t) = &title_text {
        for (k, b) in blocks.iter().enumerate() {
            if Some(k) != title_at && matches!(roles[k], Role::Heading(_)) && same_title(&b.text, t) {
                roles[k] = Role::Removed(RemovedReason::Duplicate);
            }
        }
    }

    // Byline: an element marked as the author's (rel, itemprop, class), else the declared author.
    let byline = blocks.iter().enumerate().position(|(k, b)| {
        let words = b.text.split_whitespace().count();
        matches!(b.kind, Kind::Paragraph | Kind::Item(..))
            && (1..=12).contains(&words)
            && b.text.chars().count() < 100
            && !matches!(roles[k], Role::Removed(RemovedReason::Comments | RemovedReason::Related) | Role::Title)
            && analysis_marks_author(&doc, b.owner, b.range)
    });
    if let Some(k) = byline {
        roles[k] = Role::Byline;
    } else if let Some(a) = &meta.author {
        let (first, last) = lines.lines(a.range);
        extra.push((a.range.0, classified(unit(Shape::Text, a.text.clone(), Vec::new(), first, last), Role::Byline)));
    }

    // Date: a `<time>` that says when the article was published, else the declared date.
    let published = published_time(&doc, &meta);
    let mut date_done = false;
    if let Some((text, range)) = published {
        // The block that holds the time element, when it says little else.
        let holder = blocks.iter().position(|b| {
            b.range.0 < range.1
                && range.0 < b.range.1
                && b.text.split_whitespace().count() <= 15
                && matches!(b.kind, Kind::Paragraph | Kind::Item(..))
        });
        match holder {
            Some(k) if !matches!(roles[k], Role::Title | Role::Byline) => roles[k] = Role::Date,
            _ => {
                let (first, last) = lines.lines(range);
                extra.push((range.0, classified(unit(Shape::Text, text, Vec::new(), first, last), Role::Date)));
            }
        }
        date_done = true;
    }
    if !date_done {
        if let Some(d) = &meta.published {
            let (first, last) = lines.lines(d.range);
            extra.push((d.range.0, classified(unit(Shape::Text, d.text.clone(), Vec::new(), first, last), Role::Date)));
        }
    }

    if !roles.iter().any(|&r| is_body(r)) {
        return Outcome::Fallback {
            text: visible_text(&doc, &lines),
            diagnostic: Diagnostic::new("html-no-article", "The HTML holds no article text the HTML path could find; its visible text was structured as plain text."),
        };
    }
    // The units take the blocks' texts, and the tree goes first: they are not all held at once
    // (peak memory, issue 13).
    let Analysis { blocks, .. } = analysis;
    drop(doc);
    let mut items: Vec<(usize, Classified)> = blocks
        .into_iter()
        .zip(roles)
        .map(|(b, role)| {
            let (first, last) = lines.lines(b.range);
            let (shape, rows) = match b.kind {
                Kind::Heading(l) => (Shape::MdHeading(l), Vec::new()),
                Kind::Item(ordered, marker, depth) => (Shape::Item { ordered, marker, depth }, Vec::new()),
                Kind::Quote => (Shape::Quote, Vec::new()),
                Kind::Code => (Shape::Code, Vec::new()),
                Kind::Table(rows) => (Shape::Table, rows),
                Kind::Paragraph | Kind::Caption => (Shape::Text, Vec::new()),
            };
            (b.range.0, classified(unit(shape, b.text, rows, first, last), role))
        })
        .collect();
    items.extend(extra);
    items.sort_by_key(|(start, _)| *start);
    Outcome::Article(items.into_iter().map(|(_, c)| c).collect())
}

/// A "Related stories" / "Most read" label inside the article takes the links right under it:
/// list items and lines that are all link text, up to the first block that is not.
fn related_link_lists(blocks: &[extract::TextBlock], roles: &mut [Role]) {
    let mut k = 0;
    while k < blocks.len() {
        let label = roles[k] == Role::Removed(RemovedReason::Related) && blocks[k].text.split_whitespace().count() <= 6;
        k += 1;
        if !label {
            continue;
        }
        while k < blocks.len() {
            let b = &blocks[k];
            let chars = b.text.chars().count().max(1);
            let all_link = b.link_chars * 10 >= chars * 8;
            let kept = matches!(roles[k], Role::Paragraph | Role::Item | Role::Removed(_));
            if !(all_link && kept && matches!(b.kind, Kind::Paragraph | Kind::Item(..))) {
                break;
            }
            roles[k] = Role::Removed(RemovedReason::Related);
            k += 1;
        }
    }
}

/// The article's own key points and takeaways: a label (`evidence::summary_label`: "Key points",
/// "Highlights", "Key takeaways"...) on a heading or a line, directly followed by list items. Key
/// points stand before the body's first paragraph, takeaways after its last.
fn summary_lists(blocks: &[extract::TextBlock], roles: &mut [Role]) {
    let first_para = roles.iter().position(|r| *r == Role::Paragraph);
    let last_para = roles.iter().rposition(|r| *r == Role::Paragraph);
    for k in 0..blocks.len() {
        if !matches!(roles[k], Role::Heading(_) | Role::Paragraph) {
            continue;
        }
        let Some(kind) = evidence::summary_label(&blocks[k].text) else {
            continue;
        };
        let mut items = Vec::new();
        for (j, role) in roles.iter().enumerate().skip(k + 1) {
            match role {
                Role::Item => items.push(j),
                Role::Removed(_) => {}
                _ => break,
            }
        }
        let before = first_para.is_none_or(|p| k < p);
        let after = last_para.is_none_or(|p| k > p);
        let kind = match kind {
            LabelKind::Either if before => LabelKind::KeyPoints,
            LabelKind::Either => LabelKind::Takeaways,
            other => other,
        };
        let (label, item) = match kind {
            LabelKind::KeyPoints if before => (Role::Label(LabelKind::KeyPoints), Role::KeyPoint),
            LabelKind::Takeaways if after => (Role::Label(LabelKind::Takeaways), Role::Takeaway),
            _ => continue,
        };
        if items.len() < 2 {
            continue;
        }
        roles[k] = label;
        for j in items {
            roles[j] = item;
        }
    }
}

fn is_body(role: Role) -> bool {
    matches!(
        role,
        Role::Paragraph | Role::Item | Role::Quote | Role::Code | Role::Table | Role::Caption | Role::Heading(_)
    )
}

/// The role of a block inside the article, from its markup; stock chrome lines are left out.
fn content_role(kind: &Kind, text: &str, remove_boilerplate: bool) -> Role {
    if remove_boilerplate && matches!(kind, Kind::Paragraph | Kind::Item(..) | Kind::Heading(_)) {
        if let Some(ch) = evidence::chrome(text) {
            return Role::Removed(match ch {
                Chrome::Related => RemovedReason::Related,
                Chrome::Comments => RemovedReason::Comments,
                Chrome::Boilerplate => RemovedReason::Boilerplate,
            });
        }
    }
    match kind {
        Kind::Heading(l) => Role::Heading((*l).clamp(2, 6)),
        Kind::Paragraph => Role::Paragraph,
        Kind::Item(..) => Role::Item,
        Kind::Quote => Role::Quote,
        Kind::Code => Role::Code,
        Kind::Caption => Role::Caption,
        Kind::Table(_) => Role::Table,
    }
}

/// Whether the element holding a block (or one of its near ancestors, or an element inside it)
/// is marked as the author's: `rel=author`, `itemprop=author`, or a class/id naming the byline.
fn analysis_marks_author(doc: &Document, owner: u32, range: (usize, usize)) -> bool {
    let marks = |n: &tree::Node| {
        n.attr("rel").is_some_and(|r| r.split_whitespace().any(|w| w.eq_ignore_ascii_case("author")))
            || n.attr("itemprop").is_some_and(|r| r.to_ascii_lowercase().contains("author"))
            || {
                let c =
                    format!("{} {}", n.attr("class").unwrap_or(""), n.attr("id").unwrap_or("")).to_ascii_lowercase();
                ["byline", "author", "dateline", "writtenby", "p-author", "by-line"].iter().any(|w| c.contains(w))
            }
    };
    // The owner and two ancestors.
    let mut cur = owner;
    for _ in 0..3 {
        if cur == 0 || cur == tree::NONE {
            break;
        }
        if marks(&doc.nodes[cur as usize]) {
            return true;
        }
        cur = doc.nodes[cur as usize].parent;
    }
    // Inline elements within the block's range (nodes are in source order: find the first one).
    let from = doc.nodes.partition_point(|n| n.start < range.0).max(owner as usize + 1);
    doc.nodes.iter().enumerate().skip(from).take_while(|(_, n)| n.start < range.1).any(|(_, n)| {
        n.start >= range.0 && matches!(n.data, Data::Element { .. }) && marks(n) && {
            // Only a marked element that holds most of the block's text.
            let t = text_under(doc, n);
            !t.is_empty()
        }
    })
}

fn text_under(doc: &Document, n: &tree::Node) -> String {
    let mut s = String::new();
    let mut stack: Vec<u32> = n.children.iter().rev().copied().collect();
    while let Some(c) = stack.pop() {
        let node = &doc.nodes[c as usize];
        if let Some(t) = node.text() {
            s.push_str(t);
        }
        stack.extend(node.children.iter().rev());
        if s.len() > 400 {
            break;
        }
    }
    collapse(&s)
}

/// The publication time: the first `<time>` marked as published or matching the declared date,
/// else the first `<time>` with a `datetime` before the first paragraph-sized text.
fn published_time(doc: &Document, meta: &Meta) -> Option<(String, (usize, usize))> {
    let declared_day: Option<String> = meta.published.as_ref().map(|d| d.text.chars().take(10).collect());
    let mut first: Option<(String, (usize, usize))> = None;
    for n in &doc.nodes {
        if n.name() != "time" {
            continue;
        }
        let text = text_under(doc, n);
        let dt = n.attr("datetime").unwrap_or("");
        if text.is_empty() {
            continue;
        }
        let marked = n.attr("itemprop").is_some_and(|p| p.contains("datePublished"))
            || n.attr("class").is_some_and(|c| c.to_ascii_lowercase().contains("publish"));
        let matches_declared = declared_day.as_ref().is_some_and(|d| d.len() == 10 && dt.starts_with(d.as_str()));
        if marked || matches_declared {
            return Some((text, (n.start, n.end)));
        }
        if first.is_none() && !dt.is_empty() && declared_day.is_none() {
            first = Some((text, (n.start, n.end)));
        }
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_counts_like_the_text_path() {
        let l = LineIndex::new("a\nb\r\nc\rd");
        assert_eq!([l.line(0), l.line(2), l.line(5), l.line(7)], [1, 2, 3, 4]);
        assert_eq!(l.lines((2, 6)), (2, 3));
        // The rarer line ends count as the text path counts them (normalize::split_lines).
        let s = "a\u{b}b\u{c}c\u{85}d\u{2028}e\u{2029}f";
        let l = LineIndex::new(s);
        assert_eq!(l.line(s.find('f').unwrap()) as usize, normalize::split_lines(s).count());
    }

    /// A reference that decodes to a line end the text path counts (`&#12` is FF, `&#8232;` is
    /// U+2028) in a page the HTML path finds no article in: the visible text handed to the text
    /// path has no more lines than the source (the HTML fuzz target found a span past the last line).
    #[test]
    fn decoded_line_ends_add_no_lines_to_the_visible_text() {
        for src in ["<time datetime=3>&#12~", "<time>a&#8232;b&#11;c</time>\n<x>d&#133;e", "<i>a&#12;b</i>"] {
            let n = normalize::split_lines(src).count();
            let a = crate::structure(src, &crate::Options { input: crate::InputFormat::Html, ..Default::default() });
            let mut spans: Vec<[u32; 2]> = a.removed.iter().map(|r| r.lines).collect();
            spans.extend(a.sections.iter().flat_map(|s| s.blocks.iter().map(|b| b.lines)));
            spans.extend([&a.title, &a.byline, &a.published].into_iter().flatten().map(|t| t.lines));
            assert!(!spans.is_empty(), "{src:?}");
            for sp in spans {
                assert!(sp[0] >= 1 && sp[1] as usize <= n, "span {sp:?} past line {n} of {src:?}");
            }
        }
    }

    #[test]
    fn titles_lose_the_site_name() {
        assert_eq!(
            clean_title("Rivers return to the city | Town Paper", Some("Town Paper")),
            "Rivers return to the city"
        );
        assert_eq!(clean_title("Rivers return to the city - Town Paper", None), "Rivers return to the city");
        assert_eq!(clean_title("News - Rivers", None), "News - Rivers");
        assert!(same_title("Rivers Return to the City", "rivers return to the city"));
        assert!(!same_title("Rivers", "Rivers return to the city and more"));
    }

    #[test]
    fn fallback_when_there_is_no_markup_or_no_text() {
        assert!(
            matches!(classify("just words\n\nmore words", true), Outcome::Fallback { ref diagnostic, .. } if diagnostic.code == "html-not-found")
        );
        match classify("<div>\n<script>x()</script>\n</div>\n<p>\n</p>", true) {
            Outcome::Fallback { diagnostic, text } => {
                assert_eq!(diagnostic.code, "html-no-article");
                assert_eq!(text.lines().count(), 4, "{text:?}");
            }
            Outcome::Article(_) => panic!("expected a fallback"),
        }
    }
}
