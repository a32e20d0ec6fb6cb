//! The pure structuring core, one module per pipeline stage.
//!
//! `structure()` runs normalize -> blocks -> classify -> dedup -> sections -> summary, and never fails: what it
//! cannot do goes into `Article::diagnostics`.

pub mod article;
pub mod blocks;
pub mod classify;
pub mod dedup;
pub mod evidence;
pub mod keyphrases;
pub mod lang;
pub mod normalize;
pub mod options;
pub mod render;
pub mod sections;
pub mod sentences;
pub mod summary;

use article::Article;
use options::Options;

/// Structures `input` into an [`Article`]. Never fails and never panics.
pub fn structure(input: &str, options: &Options) -> Article {
    let normalized = normalize::normalize(input, options);
    let units = blocks::units(&normalized.lines);
    let mut items = classify::classify(units, options.remove_boilerplate);
    if options.remove_duplicates {
        let threshold = options.near_duplicate_threshold.clamp(0.5, 1.0);
        dedup::dedup(&mut items, threshold);
        sections::place_headings(&mut items);
    }
    let mut article = Article::empty();
    sections::assemble(items, &mut article);
    article.diagnostics = normalized.diagnostics;
    summary::summarize(&mut article, options);
    article
}
