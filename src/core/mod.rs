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
pub mod normalize;
pub mod options;
pub mod porter2;
pub mod render;
pub mod sections;
pub mod sentences;
pub mod summary;

use article::Article;
use options::Options;

/// Structures `input` into an [`Article`]. Never fails and never panics.
pub fn structure(input: &str, options: &Options) -> Article {
    if options.input == options::InputFormat::Html {
        return structure_html(input, options);
    }
    let normalize::Normalized { lines, diagnostics } = normalize::normalize(input, options);
    let units = blocks::units(&lines);
    // The lines are done with: freed before the later stages allocate (peak memory, issue 13).
    drop(lines);
    let items = classify::classify(units, options.remove_boilerplate);
    finish(items, diagnostics, options)
}

/// The HTML path: the article's units come from the markup (`html`); inputs with no markup or no
/// text in it go the plain-text way, with a diagnostic.
fn structure_html(input: &str, options: &Options) -> Article {
    let mut input = input;
    let mut diagnostics = Vec::new();
    if input.len() > options.max_input_bytes {
        // The same cut and message as the plain-text path (normalize).
        input = &input[..options::cut_at(input, options.max_input_bytes)];
        diagnostics.push(article::Diagnostic {
            code: "input-truncated".into(),
            message: format!(
                "The input is longer than {} bytes; only the first part was structured.",
                options.max_input_bytes
            ),
        });
    }
    match html::classify(input, options.remove_boilerplate) {
        html::Outcome::Article(items) => finish(items, diagnostics, options),
        html::Outcome::Fallback { text, diagnostic } => {
            let normalize::Normalized { lines, diagnostics: cut } = normalize::normalize(&text, options);
            let units = blocks::units(&lines);
            drop((lines, text));
            diagnostics.extend(cut);
            let items = classify::classify(units, options.remove_boilerplate);
            diagnostics.push(diagnostic);
            finish(items, diagnostics, options)
        }
    }
}

/// The stages after classification, shared by both paths: dedup, sections, summary.
fn finish(mut items: Vec<classify::Classified>, diagnostics: Vec<article::Diagnostic>, options: &Options) -> Article {
    if options.remove_duplicates {
        let threshold = options.near_duplicate_threshold.clamp(0.5, 1.0);
        dedup::dedup(&mut items, threshold);
        sections::place_headings(&mut items);
    }
    let mut article = Article::empty();
    sections::assemble(items, &mut article);
    article.diagnostics = diagnostics;
    summary::summarize(&mut article, options);
    article
}
