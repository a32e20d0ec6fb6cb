//! Helpers shared by the integration tests: the invariants every article must satisfy.
#![allow(dead_code)]

use article_structurer::{render, structure, Article, Format, Options};

/// Reads a fixture from `tests/fixtures`.
pub fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// Every line range the article reports, with what it is.
pub fn spans(a: &Article) -> Vec<([u32; 2], &'static str)> {
    let mut out = Vec::new();
    for (s, what) in [(&a.title, "title"), (&a.byline, "byline"), (&a.published, "published")] {
        if let Some(s) = s {
            out.push((s.lines, what));
        }
    }
    for c in [&a.key_points, &a.takeaways].into_iter().flatten() {
        if let Some(l) = &c.label {
            out.push((l.lines, "label"));
        }
        out.extend(c.items.iter().map(|i| (i.lines, "item")));
    }
    for s in &a.sections {
        if let Some(h) = &s.heading {
            out.push((h.lines, "heading"));
        }
        out.extend(s.blocks.iter().map(|b| (b.lines, "block")));
    }
    out.extend(a.removed.iter().map(|r| (r.lines, "removed")));
    out
}

/// The input's lines as the core numbers them (`\n`, `\r\n` or `\r`).
pub fn input_lines(input: &str) -> Vec<&str> {
    article_structurer::core::normalize::split_lines(input).collect()
}

/// Nothing lost: every non-blank input line lies inside some span; every span is a valid range of
/// input lines.
pub fn assert_nothing_lost(input: &str, a: &Article) {
    let lines = input_lines(input);
    let n = lines.len() as u32;
    let spans = spans(a);
    for (sp, what) in &spans {
        assert!(sp[0] >= 1 && sp[0] <= sp[1] && sp[1] <= n.max(1), "{what} span {sp:?} outside 1..={n}");
    }
    let mut covered = vec![false; lines.len() + 2];
    for (sp, _) in &spans {
        for l in sp[0]..=sp[1] {
            if let Some(c) = covered.get_mut(l as usize) {
                *c = true;
            }
        }
    }
    for (i, line) in lines.iter().enumerate() {
        let visible = article_structurer::core::normalize::clean_line(line);
        assert!(visible.is_empty() || covered[i + 1], "line {} lost: {:?}", i + 1, line);
    }
}

/// The article's content without line numbers: what a reader sees.
pub fn content(a: &Article) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(t) = &a.title {
        out.push(format!("title: {}", t.text));
    }
    for c in [&a.key_points, &a.takeaways].into_iter().flatten() {
        out.extend(c.items.iter().map(|i| format!("item: {}", i.text)));
    }
    for s in &a.sections {
        if let Some(h) = &s.heading {
            out.push(format!("h{}: {}", s.level, h.text));
        }
        for b in &s.blocks {
            out.push(format!("{}: {}", b.kind.as_str(), b.text));
        }
    }
    out
}

/// Nothing lost, and deterministic: what must hold for any input at all.
pub fn check_safe(input: &str) -> Article {
    let options = Options::default();
    let a = structure(input, &options);
    assert_nothing_lost(input, &a);
    assert_eq!(a, structure(input, &options), "structure() is deterministic");
    a
}

/// All the invariants: nothing lost, deterministic, and Markdown output structures back to the same
/// article.
pub fn check(input: &str) -> Article {
    let a = check_safe(input);
    assert_round_trip(input, &a);
    a
}

/// The Markdown rendering of `a` (structured from `input`) structures back into the same article.
pub fn assert_round_trip(input: &str, a: &Article) {
    let md = render(a, Format::Markdown);
    let again = structure(&md, &Options::default());
    let (before, after) = (content(a), content(&again));
    if before != after {
        let k = before.iter().zip(&after).take_while(|(x, y)| x == y).count();
        panic!(
            "Markdown round trip changed the article at item {k}:\n  before: {:?}\n  after:  {:?}\ninput: {input:?}\nmarkdown:\n{md}",
            before.get(k..(k + 2).min(before.len())),
            after.get(k..(k + 2).min(after.len())),
        );
    }
}
