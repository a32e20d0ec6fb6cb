//! Safe exports by construction (issue 13): every export of every hostile input, rendered as the
//! places it is pasted into render it, holds nothing live.
//!
//! The inputs are DOMPurify's 223 XSS payloads and the 515 strings of the Big List of Naughty Strings
//! (both vendored in `tests/data/`), each as plain text (alone, and in the middle of a short article)
//! and as HTML (alone, and inside an `<article>`), plus the issue's own reproducers. For each
//! article:
//!
//! - the Markdown export, rendered by a real CommonMark renderer (`pulldown-cmark`, with the GitHub
//!   table and strikethrough extensions), has only elements of [`MD_ELEMENTS`] and no attribute at
//!   all (so no `on*`, no `javascript:` URL, no image, no link), and structured again it gives the
//!   same article (`common::content`);
//! - the HTML export has only elements and attributes of [`HTML_ELEMENTS`] and [`HTML_ATTRIBUTES`],
//!   read back with the core's own WHATWG tokenizer;
//! - the text export has no C0 or C1 control character but newline and tab, and no bidi override,
//!   isolate or tag character.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use article_structurer::core::html::tokenizer::{Token, Tokenizer};
use article_structurer::{render, structure, Article, Format, InputFormat, Options};

/// What a CommonMark renderer may make of our Markdown: blocks and emphasis, nothing that loads,
/// links or runs.
const MD_ELEMENTS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "li",
    "blockquote",
    "pre",
    "code",
    "em",
    "strong",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
];

/// The HTML export's own markup.
const HTML_ELEMENTS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "article",
    "section",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "aside",
    "ul",
    "li",
    "figure",
    "figcaption",
    "blockquote",
    "pre",
    "code",
    "table",
    "tr",
    "td",
];

/// The HTML export's attributes (on `html`, `meta`, `p`, `aside`).
const HTML_ATTRIBUTES: &[&str] = &["lang", "charset", "http-equiv", "content", "name", "class"];

fn payloads() -> Vec<String> {
    let json: serde_json::Value =
        serde_json::from_str(include_str!("data/xss-payloads.json")).expect("tests/data/xss-payloads.json is JSON");
    json.as_array().expect("a list").iter().map(|p| p["payload"].as_str().expect("a payload").to_string()).collect()
}

fn naughty_strings() -> Vec<String> {
    serde_json::from_str(include_str!("data/blns.json")).expect("tests/data/blns.json is a JSON array of strings")
}

/// The issue's reproducers of injection through the exports, written for this test.
const REPRODUCERS: &[&str] = &[
    "&lt;script&gt;alert(1)&lt;/script&gt; in a paragraph of text that goes on for a while.",
    "![](http://evil.example/t.png) an image the renderer would fetch, in a paragraph.",
    "[x](javascript:alert(1)) a link that runs, in a paragraph of text.",
    "<!-- the rest of the document is a comment",
    "<textarea> the rest of the document is a text area",
    "~~~",
    "```",
    "---",
    "===",
    "*Photo* by x",
    "a|b",
    "<svg onload=alert(1)>",
    "<http://autolink.example/> and <javascript:alert(1)> and <a@b.example>",
    "&#x6A;avascript:alert(1) &amp; &copy; &#0; &#x110000;",
    "# heading?\n> quote?\n- item?\n1. item?\n    code?\n| a | b |\n***",
    "[ref]: javascript:alert(1)\n\n[ref]",
    "Hi \u{1b}]0;PWNED\u{7}\u{1b}[2J there, more words.",
];

/// A short article with `line` in its middle.
fn in_article(line: &str) -> String {
    format!(
        "Harbour Ferries Return After Three Winters\n\nBy Ada Lindqvist\n\nThe harbour ferries are running again after \
         three winters tied up at the old pier, and the first boat left at six.\n\n{line}\n\nCouncillors approved the \
         timetable in January, and the service costs less than the bridge tolls it replaces.\n"
    )
}

/// Every element and attribute name in `html`, read with the core's tokenizer (all attributes kept).
fn markup(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut tokens = Tokenizer::new(html, |_| true);
    let mut out = Vec::new();
    while let Some(t) = tokens.next_token() {
        if let Token::Start { name, attrs, .. } = t {
            out.push((name, attrs));
        }
    }
    out
}

/// What is wrong with the exports of `a` (empty: nothing).
fn check_exports(a: &Article, what: &str) -> Vec<String> {
    let mut problems = Vec::new();
    // Markdown, as a CommonMark renderer shows it.
    let md = render(a, Format::Markdown);
    let mut opts = pulldown_cmark::Options::empty();
    opts.insert(pulldown_cmark::Options::ENABLE_TABLES);
    opts.insert(pulldown_cmark::Options::ENABLE_STRIKETHROUGH);
    let mut rendered = String::new();
    pulldown_cmark::html::push_html(&mut rendered, pulldown_cmark::Parser::new_ext(&md, opts));
    for (name, attrs) in markup(&rendered) {
        if !MD_ELEMENTS.contains(&name.as_str()) {
            problems.push(format!("{what}: Markdown renders <{name}>"));
        }
        for (attr, value) in attrs {
            problems.push(format!("{what}: Markdown renders <{name} {attr}={value:?}>"));
        }
    }
    // HTML export.
    let html = render(a, Format::Html);
    for (name, attrs) in markup(&html) {
        if !HTML_ELEMENTS.contains(&name.as_str()) {
            problems.push(format!("{what}: HTML export has <{name}>"));
        }
        for (attr, value) in attrs {
            if !HTML_ATTRIBUTES.contains(&attr.as_str()) || value.to_ascii_lowercase().contains("javascript:") {
                problems.push(format!("{what}: HTML export has <{name} {attr}={value:?}>"));
            }
        }
    }
    // Text export.
    let text = render(a, Format::Text);
    if let Some(c) = text.chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{e0000}'..='\u{e007f}')
    }) {
        problems.push(format!("{what}: text export holds U+{:04X}", c as u32));
    }
    problems
}

/// Every text of the article: title, headings, blocks, callout items and removed items.
fn all_texts(a: &Article) -> Vec<String> {
    let mut out: Vec<String> = a.title.iter().map(|t| t.text.clone()).collect();
    out.extend(a.byline.iter().chain(&a.published).map(|s| s.text.clone()));
    for c in [&a.key_points, &a.takeaways].into_iter().flatten() {
        out.extend(c.label.iter().map(|l| l.text.clone()));
        out.extend(c.items.iter().map(|i| i.text.clone()));
    }
    for s in &a.sections {
        out.extend(s.heading.iter().map(|h| h.text.clone()));
        out.extend(s.blocks.iter().map(|b| b.text.clone()));
    }
    out.extend(a.removed.iter().map(|r| r.text.clone()));
    out
}

/// `s` without Markdown's backslash escapes.
fn unescaped(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        out.push(c);
    }
    out
}

/// Code blocks of `a` whose text, escapes undone, is a paragraph of the original: a one-line
/// paragraph of symbols ("]>&xxe;", a CSS rule) that the plain-text reader takes for code when it
/// reads the export (the one change the round trip allows; the text is all there, with its escapes
/// shown). Counted and printed by the tests.
fn read_as_code(a: &Article) -> Vec<String> {
    a.sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter(|b| b.kind.as_str() == "code")
        .map(|b| unescaped(&b.text))
        .collect()
}

/// The Markdown export structured again: the same article. For an article that came from HTML,
/// whose roles the markup gave, the same texts: the plain-text reader judges a lone short paragraph
/// ("123") a title, or a paragraph of punctuation page furniture, as it would in any pasted text.
fn check_round_trip(a: &Article, what: &str, from_html: bool) -> Option<String> {
    let md = render(a, Format::Markdown);
    let again = structure(&md, &Options::default());
    let code = read_as_code(&again);
    let text_of = |c: &String| c.split_once(": ").map_or(c.clone(), |(_, t)| t.to_string());
    if from_html {
        let mut after = all_texts(&again);
        after.sort();
        let missing: Vec<String> = common::content(a)
            .iter()
            .map(text_of)
            .filter(|t| after.binary_search(t).is_err() && !code.contains(t))
            .collect();
        return (!missing.is_empty()).then(|| format!("{what}: Markdown round trip lost or changed {missing:?}"));
    }
    let (before, after) = (common::content(a), common::content(&again));
    let same = |x: &String, y: &String| x == y || (y.starts_with("code: ") && code.contains(&text_of(x)));
    let equal = before.len() == after.len() && before.iter().zip(&after).all(|(x, y)| same(x, y));
    (!equal).then(|| {
        let k = before.iter().zip(&after).take_while(|(x, y)| x == y).count();
        format!("{what}: Markdown round trip changed item {k}: {:?} became {:?}", before.get(k), after.get(k))
    })
}

fn run_all(inputs: &[String], label: &str) {
    let text = Options::default();
    let html = Options { input: InputFormat::Html, ..Options::default() };
    let mut problems = Vec::new();
    let mut round_trips = Vec::new();
    let mut articles = 0;
    for (i, s) in inputs.iter().enumerate() {
        let wrapped =
            format!("<article><h1>Title</h1><p>{s}</p><p>Prose after it, long enough to be read.</p></article>");
        for (how, input, options) in [
            ("text", s.clone(), &text),
            ("text in an article", in_article(s), &text),
            ("html", s.clone(), &html),
            ("html in an article", wrapped, &html),
        ] {
            let what = format!("{label} {i} as {how}");
            let a = structure(&input, options);
            articles += 1;
            problems.extend(check_exports(&a, &what));
            round_trips.extend(check_round_trip(&a, &what, how.starts_with("html")));
        }
    }
    println!(
        "{label}: {articles} articles, {} export problems, {} round trips changed",
        problems.len(),
        round_trips.len()
    );
    for r in round_trips.iter().take(if std::env::var("SHOW_ROUND_TRIPS").is_ok() { 400 } else { 0 }) {
        println!("{r}");
    }
    assert!(problems.is_empty(), "{} problems, the first: {:#?}", problems.len(), &problems[..problems.len().min(20)]);
    assert!(
        round_trips.is_empty(),
        "{} round trips changed, the first: {:#?}",
        round_trips.len(),
        &round_trips[..round_trips.len().min(20)]
    );
}

#[test]
fn every_xss_payload_through_every_export_is_inert() {
    let p = payloads();
    assert_eq!(p.len(), 223);
    run_all(&p, "payload");
}

#[test]
fn every_naughty_string_through_every_export_is_inert() {
    let s = naughty_strings();
    assert!(s.len() >= 515, "the whole list: {}", s.len());
    run_all(&s, "naughty string");
}

#[test]
fn the_issue_reproducers_through_every_export_are_inert() {
    let r: Vec<String> = REPRODUCERS.iter().map(|s| s.to_string()).collect();
    run_all(&r, "reproducer");
}

#[test]
fn the_checks_catch_live_markup() {
    // The checks themselves: a Markdown export that let markup through would fail them.
    let mut a = Article::empty();
    let before = check_exports(&a, "empty");
    assert!(before.is_empty(), "{before:?}");
    a.title = Some(article_structurer::core::article::Span::new("x", [1, 1]));
    let live = "<img src=x onerror=alert(1)>";
    let mut rendered = String::new();
    pulldown_cmark::html::push_html(&mut rendered, pulldown_cmark::Parser::new(live));
    assert!(markup(&rendered).iter().any(|(n, _)| n == "img"), "the renderer passes raw HTML: {rendered}");
}

#[test]
fn code_holding_both_fence_kinds_keeps_its_fence() {
    let input = "Harbour Ferries Return\n\n````\n```\n~~~~\n<svg onload=alert(1)>\n````\n\nA closing paragraph of prose, long enough.\n";
    let a = structure(input, &Options::default());
    let code: Vec<&str> = a
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter(|b| b.kind.as_str() == "code")
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(code, ["```\n~~~~\n<svg onload=alert(1)>"]);
    assert!(check_exports(&a, "fences").is_empty());
    assert_eq!(check_round_trip(&a, "fences", false), None);
}
