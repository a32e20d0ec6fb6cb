//! # article-structurer
//!
//! Turns a messy pasted article (text copied from a news page, a scraper's output, a PDF, Markdown)
//! into a clean, structured one: deduplicated, sectioned and summarized, with nothing lost.
//!
//! ```
//! use article_structurer::{structure, Options};
//!
//! let article = structure("My Title\n\nFirst paragraph of the article, long enough to read.\n", &Options::default());
//! assert_eq!(article.title.unwrap().text, "My Title");
//! ```
//!
//! The core (`core`) is pure: no web-sys, no Leptos; it builds and tests natively and on wasm32.
//! The page (`app`), the JS API and widget (`web`) and the CLI (`src/bin/structure.rs`) are thin
//! shells around [`structure`].
#![deny(missing_docs)]

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod app;

pub use crate::core::article::{
    Article, Block, BlockKind, Callout, Diagnostic, Removed, RemovedReason, Section, Span, Stats, Summary,
    SummarySentence, SCHEMA_VERSION,
};
pub use crate::core::options::{InputFormat, Options};
pub use crate::core::render::{render, Format};
pub use crate::core::structure;
