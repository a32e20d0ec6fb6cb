//! What the fuzz targets share: arbitrary [`Options`] (through a small wrapper that derives
//! `Arbitrary`, so the main crate needs no fuzzing dependency) and the checks run on every article.
//!
//! A fuzz input is the options' bytes followed by the text: [`Case`] derives `Arbitrary` with the
//! text last, so the text takes the rest of the input as it is (its longest valid UTF-8 prefix).
//! The seed corpora (`fuzz/seeds/`) are written in that form by `fuzz/make-seeds.py`.

use arbitrary::Arbitrary;
use article_structurer::{render, structure, Article, Format, InputFormat, Options};

/// The options, as the fuzzer draws them. Every field of [`Options`] but `input` (the target picks
/// it), with the full range of each type: out-of-range counts, thresholds and speeds (zero,
/// negative, NaN, infinite) are what a JS caller can pass.
#[derive(Arbitrary, Debug, Clone)]
pub struct FuzzOptions {
    /// `summary_sentences`.
    pub summary_sentences: Option<u16>,
    /// `keyphrases`.
    pub keyphrases: u16,
    /// `remove_boilerplate`.
    pub remove_boilerplate: bool,
    /// `remove_duplicates`.
    pub remove_duplicates: bool,
    /// `near_duplicate_threshold`.
    pub near_duplicate_threshold: f64,
    /// `words_per_minute`.
    pub words_per_minute: f64,
    /// `cjk_chars_per_minute`.
    pub cjk_chars_per_minute: f64,
    /// `max_input_bytes`, or the default for `None`.
    pub max_input_bytes: Option<u16>,
}

impl FuzzOptions {
    /// The core's options for `input`.
    pub fn to_options(&self, input: InputFormat) -> Options {
        let d = Options::default();
        Options {
            input,
            summary_sentences: self.summary_sentences.map(usize::from),
            keyphrases: usize::from(self.keyphrases),
            remove_boilerplate: self.remove_boilerplate,
            remove_duplicates: self.remove_duplicates,
            near_duplicate_threshold: self.near_duplicate_threshold,
            words_per_minute: self.words_per_minute,
            cjk_chars_per_minute: self.cjk_chars_per_minute,
            max_input_bytes: self.max_input_bytes.map_or(d.max_input_bytes, usize::from),
        }
    }
}

/// One fuzz case: options, then the text.
#[derive(Arbitrary, Debug)]
pub struct Case {
    /// The options.
    pub options: FuzzOptions,
    /// The input text (the rest of the fuzz input).
    pub text: String,
}

/// Structures the case's text read as `input`, renders the article in every format and checks it:
/// no panic anywhere, and every line range the article reports lies within the input's lines.
/// For plain text that was not cut short, also: every non-blank input line is in the article or in
/// `removed` (nothing lost).
pub fn run(case: &Case, input: InputFormat) -> Article {
    let options = case.options.to_options(input);
    let article = structure(&case.text, &options);
    for format in [Format::Markdown, Format::Text, Format::Html, Format::Json] {
        std::hint::black_box(render(&article, format));
    }
    check_spans(&case.text, &article, input == InputFormat::Text);
    article
}

/// Every line range of the article's parts (title to removed items; the summary's sentences point
/// into blocks and are checked for range only).
pub fn spans(a: &Article) -> Vec<[u32; 2]> {
    let mut out = Vec::new();
    for s in [&a.title, &a.byline, &a.published].into_iter().flatten() {
        out.push(s.lines);
    }
    for c in [&a.key_points, &a.takeaways].into_iter().flatten() {
        out.extend(c.label.iter().map(|l| l.lines));
        out.extend(c.items.iter().map(|i| i.lines));
    }
    for s in &a.sections {
        out.extend(s.heading.iter().map(|h| h.lines));
        out.extend(s.blocks.iter().map(|b| b.lines));
    }
    out.extend(a.removed.iter().map(|r| r.lines));
    out
}

fn check_spans(text: &str, a: &Article, nothing_lost: bool) {
    let lines: Vec<&str> = article_structurer::core::normalize::split_lines(text).collect();
    let n = lines.len() as u32;
    let spans = spans(a);
    let summary = a.summary.sentences.iter().chain(&a.summary.gists).map(|s| s.lines);
    for sp in spans.iter().copied().chain(summary) {
        assert!(sp[0] >= 1 && sp[0] <= sp[1] && sp[1] <= n.max(1), "span {sp:?} outside 1..={n}");
    }
    if !nothing_lost || a.diagnostics.iter().any(|d| d.code == "input-truncated") {
        return;
    }
    let mut covered = vec![false; lines.len() + 2];
    for sp in &spans {
        for l in sp[0]..=sp[1] {
            if let Some(c) = covered.get_mut(l as usize) {
                *c = true;
            }
        }
    }
    for (i, line) in lines.iter().enumerate() {
        let visible = article_structurer::core::normalize::clean_line(line);
        assert!(visible.is_empty() || covered[i + 1], "line {} lost: {line:?}", i + 1);
    }
}
