//! # article-structurer
//!
//! Turns a messy pasted article (text copied from a news page, a scraper's output, a PDF, Markdown)
//! into a clean, structured one: deduplicated, sectioned and summarized, with nothing lost.
//!
//! ```
//! use article_structurer::{structure, Options};
//!
//! let text = "Rivers Return to the City\n\nThe old canals of the city were opened again this spring, and the water is back.\n";
//! let article = structure(text, &Options::default());
//! assert_eq!(article.title.unwrap().text, "Rivers Return to the City");
//! assert_eq!(article.sections[0].blocks[0].text, "The old canals of the city were opened again this spring, and the water is back.");
//! ```
//!
//! The core (`core`) is pure: no web-sys, no Leptos; it builds and tests natively and on wasm32.
//! The page (`app`), the JS API and widget (`web`) and the CLI (`src/bin/structure.rs`) are thin
//! shells around [`structure`].
#![deny(missing_docs)]

pub mod core;
pub mod view_model;
pub mod wire;

#[cfg(target_arch = "wasm32")]
pub mod app;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use crate::core::article::{
    Article, Block, BlockKind, Callout, Diagnostic, Removed, RemovedReason, Section, Span, Stats, Summary,
    SummarySentence, SCHEMA_VERSION,
};
pub use crate::core::options::{InputFormat, Options};
pub use crate::core::render::{render, Format};
pub use crate::core::structure;
