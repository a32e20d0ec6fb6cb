//! The pure structuring core, one module per pipeline stage.
//!
//! `structure()` runs normalize -> blocks -> classify -> dedup -> sections -> summary, and never fails: what it
//! cannot do goes into `Article::diagnostics`. For HTML input (`InputFormat::Html`), `html` takes the place of
//! normalize, blocks and classify.

pub mod article;
pub mod blocks;
pub mod classify;
pub mod dedup;
pub mod evidence;
pub mod html;
pub mod keyphrases;
pub mod lang;
pub mod model;
pub mod normalize;
pub mod options;
pub mod porter2;
pub mod render;
pub mod sections;
pub mod sentences;
pub mod summary;
pub mod types;

use article::Article;
use options::Options;

/// Structures `input` into an [`Article`]. Never fails and never panics.
pub fn structure(input: &str, options: &Options) -> Article {
    if options.input == options::InputFormat::Html {
        return structure_html(input, options);
    }
    let normalize::Normalized { lines, mut diagnostics } = normalize::normalize(input, options);
    let units = blocks::units(&lines);
    // The lines are done with: freed before the later stages allocate (peak memory, issue 13).
    drop(lines);
    let (items, page_type) = classify::classify_page(units, options.remove_boilerplate, &mut diagnostics);
    let mut article = finish(items, diagnostics, options, Path::Text);
    article.page_type = page_type.map(String::from);
    article
}

/// [`structure`] of a pasted page (plain text) with `decision` taken for the line models' decision
/// about its units (`model::explain` gives the units and the models' own decision): what the tests
/// run on arbitrary decisions, to check that what follows the models holds whatever they decide. A
/// decision for another count of units is not taken (the rules read the text).
pub fn structure_decided(input: &str, options: &Options, decision: &model::Decision) -> Article {
    let normalize::Normalized { lines, mut diagnostics } = normalize::normalize(input, options);
    let units = blocks::units(&lines);
    drop(lines);
    let (items, page_type) = classify::classify_decided(units, decision, &mut diagnostics);
    let mut article = finish(items, diagnostics, options, Path::Text);
    article.page_type = page_type.map(String::from);
    article
}

/// Which path classified the units [`finish`] takes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Path {
    /// The plain-text path (`classify`): its byline and date are the lines its Markdown export reads
    /// back as ([`sections::head_as_exported`]).
    Text,
    /// The HTML path: its byline and date come from the markup.
    Html,
}

/// The HTML path: the article's units come from the markup (`html`); inputs with no markup or no
/// text in it go the plain-text way, with a diagnostic.
fn structure_html(input: &str, options: &Options) -> Article {
    let mut input = input;
    let mut diagnostics = Vec::new();
    if input.len() > options.max_input_bytes {
        // The same cut and message as the plain-text path (normalize).
        input = &input[..options::cut_at(input, options.max_input_bytes)];
        diagnostics.push(article::Diagnostic::new(
            "input-truncated",
            format!("The input is longer than {} bytes; only the first part was structured.", options.max_input_bytes),
        ));
    }
    match html::classify(input, options.remove_boilerplate) {
        html::Outcome::Article(items) => finish(items, diagnostics, options, Path::Html),
        html::Outcome::Fallback { text, diagnostic } => {
            let normalize::Normalized { lines, diagnostics: cut } = normalize::normalize(&text, options);
            let units = blocks::units(&lines);
            drop((lines, text));
            diagnostics.extend(cut);
            diagnostics.push(diagnostic);
            let (items, page_type) = classify::classify_page(units, options.remove_boilerplate, &mut diagnostics);
            let mut article = finish(items, diagnostics, options, Path::Text);
            article.page_type = page_type.map(String::from);
            article
        }
    }
}

/// The stages after classification, shared by both paths: dedup, sections, summary.
fn finish(
    mut items: Vec<types::Classified>,
    diagnostics: Vec<article::Diagnostic>,
    options: &Options,
    path: Path,
) -> Article {
    if options.remove_duplicates {
        let threshold = options.near_duplicate_threshold.clamp(0.5, 1.0);
        dedup::dedup(&mut items, threshold);
        sections::place_headings(&mut items);
        dedup::settle_copies(&mut items);
    }
    let mut article = Article::empty();
    sections::assemble(items, &mut article);
    if path == Path::Text {
        sections::head_as_exported(&mut article);
    }
    article.diagnostics = diagnostics;
    summary::summarize(&mut article, options);
    if let Some(d) = little_kept(&article) {
        article.diagnostics.push(d);
    }
    article
}

/// An article that keeps less than this share of the input's words says so: a reader who pasted a
/// page should hear that most of it was left out, and where the largest part went.
const LITTLE_KEPT_SHARE: f64 = 0.25;

/// The `little-kept` diagnostic, when the article keeps under [`LITTLE_KEPT_SHARE`] of the words of
/// its input (the article's words against those of the article and of everything removed, copies
/// aside): the share, and the largest run of adjacent removed lines, which the page can show.
fn little_kept(a: &Article) -> Option<article::Diagnostic> {
    let words = |t: &str| t.split_whitespace().count();
    let removed: Vec<&article::Removed> = a.removed.iter().filter(|r| !r.reason.is_duplicate()).collect();
    let removed_words: usize = removed.iter().map(|r| words(&r.text)).sum();
    let total = a.stats.words + removed_words;
    if total == 0 || a.stats.words as f64 >= total as f64 * LITTLE_KEPT_SHARE {
        return None;
    }
    // Runs of removed entries whose lines follow each other (blank lines between count as adjacent).
    // (words, lines) of the largest run so far and of the current one.
    type Run = (usize, article::Lines);
    let (mut best, mut run): (Run, Option<Run>) = ((0, [0, 0]), None);
    let adjacent = |prev_last: u32, first: u32| first <= prev_last + 2;
    for r in &removed {
        let w = words(&r.text);
        run = match run {
            Some((n, [f, l])) if adjacent(l, r.lines[0]) => Some((n + w, [f, r.lines[1].max(l)])),
            _ => Some((w, r.lines)),
        };
        if let Some(x) = run {
            if x.0 > best.0 {
                best = x;
            }
        }
    }
    let share = a.stats.words as f64 / total as f64;
    let mut d = article::Diagnostic::new(
        "little-kept",
        format!(
            "Only {:.0}% of the text's words are in the article; the largest part left out is lines {} to {} ({} words).",
            share * 100.0,
            best.1[0],
            best.1[1],
            best.0
        ),
    );
    d.lines = Some(best.1);
    Some(d)
}
