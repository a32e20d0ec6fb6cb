//! Runs the core for the page and times it.

use crate::view_model;
use crate::{structure, Article, InputFormat, Options};

/// What to structure.
#[derive(Clone, Debug, PartialEq)]
pub struct Job {
    /// The input handed to the core (the text box's text, or the clipboard's HTML).
    pub input: String,
    /// How the core reads it.
    pub format: InputFormat,
    /// `Options::summary_sentences`.
    pub summary_sentences: Option<usize>,
}

/// What came back.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// The structured article.
    pub article: Article,
    /// Time spent in `structure()`, in milliseconds.
    pub ms: f64,
}

/// The options the page passes to `structure()`: the defaults plus the reader's settings.
pub fn options(job: &Job) -> Options {
    Options { input: job.format, summary_sentences: job.summary_sentences, ..Options::default() }
}

/// Structures `job` on this thread.
pub fn run(job: &Job) -> Outcome {
    let t0 = super::dom::now_ms();
    let article = structure(&job.input, &options(job));
    Outcome { article, ms: super::dom::now_ms() - t0 }
}

thread_local! {
    static READS_HTML: bool = view_model::core_reads_html();
}

/// Whether the core has its HTML path (probed once per page load).
pub fn core_reads_html() -> bool {
    READS_HTML.with(|r| *r)
}
