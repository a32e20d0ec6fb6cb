//! The pure structuring core, one module per pipeline stage.
//!
//! `structure()` runs: normalize -> blocks -> classify -> dedup -> sections -> summary, and never
//! fails: what it cannot do goes into `Article::diagnostics`.

pub mod article;
pub mod lang;
pub mod normalize;
pub mod options;
pub mod render;

use article::{Article, Block, BlockKind, Section, Span};
use options::Options;

/// Structures `input` into an [`Article`]. Never fails and never panics.
pub fn structure(input: &str, options: &Options) -> Article {
    let lines = normalize::normalize(input, options);
    let mut article = Article::empty();
    let mut blocks = Vec::new();
    for line in lines.lines.iter().filter(|l| !l.text.is_empty()) {
        if article.title.is_none() {
            article.title = Some(Span { text: line.text.clone(), lines: [line.no, line.no] });
            continue;
        }
        blocks.push(Block {
            kind: BlockKind::Paragraph,
            text: line.text.clone(),
            items: Vec::new(),
            lines: [line.no, line.no],
        });
    }
    if !blocks.is_empty() {
        article.sections.push(Section { heading: None, level: 2, blocks });
    }
    article.diagnostics = lines.diagnostics;
    article
}
