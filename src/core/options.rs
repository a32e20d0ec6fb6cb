//! The one options struct, with documented defaults.

use serde::{Deserialize, Serialize};

/// How to read the input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// Plain text, Markdown or a mix: the default.
    #[default]
    Text,
    /// An HTML document or fragment (the clipboard's `text/html`).
    Html,
}

/// Everything a caller can tune. `Options::default()` is what the page, the CLI and the JS API use.
///
/// Every field has a serde default, so a JS caller may pass any subset (`{ summarySentences: 3 }` is
/// not accepted: names are snake_case, as in the Article JSON).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    /// How to read the input. Default: [`InputFormat::Text`].
    pub input: InputFormat,
    /// Number of summary sentences; `None` chooses from the article's length (1 to 10).
    /// Values outside 1..=10 are clamped. Default: `None`.
    pub summary_sentences: Option<usize>,
    /// Number of keyphrases to return, clamped to 1..=20. Default: 8.
    pub keyphrases: usize,
    /// Leave out navigation, share lines, advertisements and the like. Default: `true`.
    pub remove_boilerplate: bool,
    /// Leave out exact and near-duplicate copies. Default: `true`.
    pub remove_duplicates: bool,
    /// Share of shingles two blocks must have in common to count as near-duplicates (0.5 to 1.0).
    /// Default: 0.8.
    pub near_duplicate_threshold: f64,
    /// Reading speed for Latin, Cyrillic and similar scripts, in words per minute. Default: 230.
    pub words_per_minute: f64,
    /// Reading speed for Chinese, Japanese and Korean, in characters per minute. Default: 500.
    pub cjk_chars_per_minute: f64,
    /// Inputs longer than this many bytes are cut at a line boundary and a diagnostic says so; the
    /// CLI and the JS API refuse them instead ([`size_limit_message`]). Default: 16 MiB.
    pub max_input_bytes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            input: InputFormat::Text,
            summary_sentences: None,
            keyphrases: 8,
            remove_boilerplate: true,
            remove_duplicates: true,
            near_duplicate_threshold: 0.8,
            words_per_minute: 230.0,
            cjk_chars_per_minute: 500.0,
            max_input_bytes: 16 * 1024 * 1024,
        }
    }
}

/// What the shells say when an input is over [`Options::max_input_bytes`]: the CLI (exit status 2,
/// `raise` = `"--max-input-bytes"`) and the JS API (a `RangeError`, `raise` = `"the max_input_bytes
/// option"`) in the same words, naming the limit and how to raise it.
pub fn size_limit_message(len: usize, limit: usize, raise: &str) -> String {
    format!("the input is {len} bytes, over the limit of {limit} bytes; raise the limit with {raise}")
}

/// Where an input longer than `limit` bytes is cut: after the last line end at or before the
/// limit, or at the limit's character boundary when no line ends before it.
pub fn cut_at(input: &str, limit: usize) -> usize {
    if input.len() <= limit {
        return input.len();
    }
    let mut cut = limit;
    while !input.is_char_boundary(cut) {
        cut -= 1;
    }
    match input[..cut].rfind('\n') {
        Some(k) => k + 1,
        None => cut,
    }
}
