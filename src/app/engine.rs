//! Runs the core for the page and times it.
//!
//! Short plain text is structured here, in the page's own wasm, always with `InputFormat::Text`: the
//! core's HTML path is not linked into the page (it would take the page's wasm past its size
//! budget). HTML input and long texts go to the worker ([`super::worker`]).

use crate::{structure, Article, InputFormat, Options};

/// What came back.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// The structured article.
    pub article: Article,
    /// Time spent structuring, in milliseconds.
    pub ms: f64,
}

/// Structures plain text (or Markdown) on this thread.
pub fn run_text(text: &str, summary_sentences: Option<usize>) -> Outcome {
    // Test builds only (`--features panic-test`): a way to see the page survive a panic of the core.
    #[cfg(feature = "panic-test")]
    if text.contains(super::crash::PANIC_MARKER) {
        panic!("panic-test: a panic forced by the text (this build has the panic-test feature)");
    }
    let options = Options { input: InputFormat::Text, summary_sentences, ..Options::default() };
    let t0 = super::dom::now_ms();
    let article = structure(text, &options);
    Outcome { article, ms: super::dom::now_ms() - t0 }
}
