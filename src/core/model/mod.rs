//! The learned parts of the plain-text path, apart from the rules: what the line models see
//! ([`features`]), the tree ensembles they are ([`gbdt`]), and how their per-unit probabilities
//! become roles that hold together over the page ([`decode`]).
//!
//! The models are trained by `scripts/train` (see `eval/learn/README.md`) on the train split of the
//! WCXB pages and committed as data files under `src/core/model/data/`, included at compile time.
//! [`decide`] runs them on a page: the content model on each unit's row, then, with the context
//! of its probabilities (stacking), the second content model, the heading model and the meta model
//! (title, byline, date); the decoder turns the content and heading probabilities into states.

pub mod decode;
pub mod features;
pub mod gbdt;
pub mod lexical;

use std::sync::OnceLock;

use crate::core::blocks;
use crate::core::classify::{self, Folds};
use crate::core::normalize;
use crate::core::options::Options;
use crate::core::types::{Chrome, Classified, Role};
use decode::{Decoder, State};
use gbdt::Ensemble;
use lexical::Lexicon;

/// The committed models and the decoder's numbers.
pub struct Models {
    /// The lexical model: what a unit's words say ([`lexical`]), a feature of the rows.
    lexicon: Lexicon,
    content: Ensemble,
    content2: Ensemble,
    heading: Ensemble,
    /// Rankers of the short units for title, byline and date.
    meta: [Ensemble; 3],
    /// The page's type, from its page row ([`features::page_row`]).
    page_type: Ensemble,
    /// Whether the rules' reading of the page is the better one ([`features::selector_row`]).
    selector: Ensemble,
    decoder: Decoder,
}

/// The kinds of page the page-type model tells apart (WCXB's), in its classes' order.
pub const PAGE_TYPES: [&str; 7] = ["article", "service", "product", "collection", "forum", "listing", "documentation"];

/// What the models decide about a page.
#[derive(Clone, Debug)]
pub struct Decision {
    /// Each unit's state.
    pub states: Vec<State>,
    /// The unit that is the title, if one is likely enough.
    pub title: Option<usize>,
    /// The unit that is the byline.
    pub byline: Option<usize>,
    /// The unit that is the date line.
    pub date: Option<usize>,
    /// Each unit's probability of being content (the second content model's).
    pub content: Vec<f64>,
    /// Each unit's probability of being a heading if it is content.
    pub heading: Vec<f64>,
    /// Each unit's scores as the title, the byline and the date (the rankers' raw scores; minus
    /// infinity for long units, which are never candidates).
    pub meta: Vec<[f64; 3]>,
    /// The decoder placed no unit in the article, so the region the content model leans to most
    /// was kept instead (see [`FALLBACK_SHARE`]).
    pub fallback: bool,
    /// The page's type: an index into [`PAGE_TYPES`].
    pub page_type: usize,
    /// The selector's probability that the rules' reading of the page is the better one.
    pub rules_better: f64,
    /// Whether to take the rules' reading (`rules_better` at least the decoder's selector threshold,
    /// and the rules keep some of the page).
    pub use_rules: bool,
}

/// When the decoder keeps nothing of a page that has text, the article is the run of units around
/// the likeliest one whose content probability is at least this share of its: the region the model
/// leans to, even when it leans nowhere with confidence. Half keeps a product's few lines together
/// without reaching into the menus around them (whose probabilities are a small fraction of it).
pub const FALLBACK_SHARE: f64 = 0.5;

/// The model files, as `scripts/train` writes them (file names in `src/core/model/data/`).
pub struct ModelFiles<'a> {
    /// `lexicon.aslx`
    pub lexicon: &'a [u8],
    /// `content.asgb`
    pub content: &'a [u8],
    /// `content2.asgb`
    pub content2: &'a [u8],
    /// `heading.asgb`
    pub heading: &'a [u8],
    /// `title.asgb`, `byline.asgb`, `date.asgb`
    pub meta: [&'a [u8]; 3],
    /// `page-type.asgb`
    pub page_type: &'a [u8],
    /// `selector.asgb`
    pub selector: &'a [u8],
    /// `decoder.json`
    pub decoder: &'a str,
}

/// The committed models, included at compile time.
const COMMITTED: ModelFiles<'static> = ModelFiles {
    lexicon: include_bytes!("data/lexicon.aslx"),
    content: include_bytes!("data/content.asgb"),
    content2: include_bytes!("data/content2.asgb"),
    heading: include_bytes!("data/heading.asgb"),
    meta: [include_bytes!("data/title.asgb"), include_bytes!("data/byline.asgb"), include_bytes!("data/date.asgb")],
    page_type: include_bytes!("data/page-type.asgb"),
    selector: include_bytes!("data/selector.asgb"),
    decoder: include_str!("data/decoder.json"),
};

/// Models set in place of the committed ones ([`use_models`]).
static IN_PLACE: OnceLock<&'static Models> = OnceLock::new();

/// The models the structurer uses: those set by [`use_models`], else the committed ones, read once;
/// `None` if any of them does not read (a test checks they do).
pub fn models() -> Option<&'static Models> {
    if let Some(m) = IN_PLACE.get() {
        return Some(m);
    }
    static MODELS: OnceLock<Option<Models>> = OnceLock::new();
    MODELS.get_or_init(|| Models::read(&COMMITTED).ok()).as_ref()
}

/// Makes the structurer use `models` instead of the committed ones for the rest of the process
/// (the CLI's `--models DIR`, with which the eval scores pages with models that never saw them);
/// `false` when models were set already.
pub fn use_models(models: Models) -> bool {
    IN_PLACE.set(Box::leak(Box::new(models))).is_ok()
}

/// The model files' names in a folder as `scripts/train` writes it.
pub const FILE_NAMES: [&str; 10] = [
    "lexicon.aslx",
    "content.asgb",
    "content2.asgb",
    "heading.asgb",
    "title.asgb",
    "byline.asgb",
    "date.asgb",
    "page-type.asgb",
    "selector.asgb",
    "decoder.json",
];

impl Models {
    /// Reads the model files that `get` gives for each of [`FILE_NAMES`] (a folder's, say).
    pub fn read_named(get: impl Fn(&str) -> Result<Vec<u8>, String>) -> Result<Models, String> {
        let f: Vec<Vec<u8>> = FILE_NAMES.iter().map(|n| get(n)).collect::<Result<_, _>>()?;
        let decoder = std::str::from_utf8(&f[9]).map_err(|_| "decoder.json: not UTF-8".to_string())?;
        Models::read(&ModelFiles {
            lexicon: &f[0],
            content: &f[1],
            content2: &f[2],
            heading: &f[3],
            meta: [&f[4], &f[5], &f[6]],
            page_type: &f[7],
            selector: &f[8],
            decoder,
        })
    }

    /// Reads a set of model files, checking each against the feature layout.
    pub fn read(files: &ModelFiles) -> Result<Models, String> {
        let n1 = features::N_FEATURES;
        let n2 = n1 + features::n_context();
        let read_k = |name: &str, bytes: &[u8], n: usize, k: usize| match Ensemble::read(bytes) {
            Ok(m) if m.n_features == n && m.n_classes == k => Ok(m),
            Ok(m) => {
                Err(format!("{name}: {} features and {} classes, {n} and {k} expected", m.n_features, m.n_classes))
            }
            Err(e) => Err(format!("{name}: {}", e.0)),
        };
        let read = |name: &str, bytes: &[u8], n: usize| read_k(name, bytes, n, 1);
        let [t, b, d] = files.meta;
        Ok(Models {
            lexicon: Lexicon::read(files.lexicon).map_err(|e| format!("lexicon: {}", e.0))?,
            content: read("content", files.content, n1)?,
            content2: read("content2", files.content2, n2)?,
            heading: read("heading", files.heading, n2)?,
            meta: [read("title", t, n2)?, read("byline", b, n2)?, read("date", d, n2)?],
            page_type: read_k("page-type", files.page_type, features::page_names().len(), PAGE_TYPES.len())?,
            selector: read("selector", files.selector, features::selector_names().len())?,
            decoder: Decoder::read(files.decoder).ok_or("decoder.json: not the decoder's shape")?,
        })
    }

    /// The feature-name fingerprints the models were trained on, against the current layout.
    pub fn layout_matches(&self) -> bool {
        let base = gbdt::names_hash(&features::names());
        let mut all = features::names();
        all.extend(features::context_names());
        let full = gbdt::names_hash(&all);
        self.content.names_hash == base
            && [&self.content2, &self.heading].into_iter().chain(&self.meta).all(|m| m.names_hash == full)
            && self.page_type.names_hash == gbdt::names_hash(&features::page_names())
            && self.selector.names_hash == gbdt::names_hash(&features::selector_names())
    }
}

/// The probability of the positive class of a binary model for each row of `rows`.
fn binary(model: &Ensemble, rows: &[f32], width: usize) -> Vec<f64> {
    rows.chunks_exact(width).map(|r| model.probabilities(r)[1]).collect()
}

/// Runs the models on a page's units.
pub(crate) fn decide(
    models: &Models,
    items: &[Classified],
    folds: &Folds,
    chrome: &[Option<Chrome>],
    rules: &[Role],
) -> Decision {
    let n = items.len();
    let n1 = features::N_FEATURES;
    let lex = features::lexical_scores(&models.lexicon, items);
    let rows = features::page_features(items, folds, chrome, rules, &lex);
    let p1 = binary(&models.content, &rows, n1);
    let context = features::context_features(items, folds, &p1);
    let nc = features::n_context();
    let width = n1 + nc;
    let mut rows2 = Vec::with_capacity(n * width);
    for k in 0..n {
        rows2.extend_from_slice(&rows[k * n1..(k + 1) * n1]);
        rows2.extend_from_slice(&context[k * nc..(k + 1) * nc]);
    }
    let content = binary(&models.content2, &rows2, width);
    let heading = binary(&models.heading, &rows2, width);
    let page_row = features::page_row(&rows, &p1);
    let page = models.page_type.probabilities(&page_row);
    // The likeliest type; ties to the first (the article).
    let page_type = (0..page.len()).fold(0, |b, k| if page[k] > page[b] { k } else { b });
    let rule_kept: Vec<bool> = rules.iter().map(|r| features::rule_keeps(*r)).collect();
    let mut states = models.decoder.decode(&content, &heading, &rule_kept, models.decoder.rule_weight(page_type));
    // The selector reads the decoding as it came (before any fallback), as in training.
    let kept: Vec<bool> = states.iter().map(|s| s.is_content()).collect();
    let words: Vec<f32> = rows.chunks_exact(n1).map(|r| r[features::WORDS]).collect();
    let rules_better =
        models.selector.probabilities(&features::selector_row(&page_row, &kept, &rule_kept, &words, &content))[1];
    let use_rules = rules_better >= models.decoder.selector_threshold && rule_kept.iter().any(|&k| k);
    let fallback = !states.iter().any(|s| s.is_content()) && items.iter().any(|c| c.m.words > 0);
    if fallback {
        keep_likeliest_region(&mut states, &content, chrome);
    }

    // The best-ranked candidate for each of title, byline and date, when its score reaches the
    // threshold; one unit is at most one of them.
    let mut best = [(f64::NEG_INFINITY, None::<usize>); 3];
    let mut meta = vec![[f64::NEG_INFINITY; 3]; n];
    for (k, row) in rows2.chunks_exact(width).enumerate() {
        if !features::meta_candidate(&items[k], folds, k, items) {
            continue;
        }
        for (c, ranker) in models.meta.iter().enumerate() {
            let mut s = [0.0];
            ranker.score(row, &mut s);
            meta[k][c] = s[0];
            if s[0] > best[c].0 {
                best[c] = (s[0], Some(k));
            }
        }
    }
    let t = &models.decoder.meta_thresholds;
    let pick = |c: usize, threshold: f64| best[c].1.filter(|_| best[c].0 >= threshold);
    let title = pick(0, t.title);
    let byline = pick(1, t.byline).filter(|&b| Some(b) != title);
    let date = pick(2, t.date).filter(|&d| Some(d) != title && Some(d) != byline);
    Decision { states, title, byline, date, content, heading, meta, fallback, page_type, rules_better, use_rules }
}

/// Makes the run around the likeliest unit (see [`FALLBACK_SHARE`]) the article's body; chrome
/// phrases stay out.
fn keep_likeliest_region(states: &mut [State], content: &[f64], chrome: &[Option<Chrome>]) {
    let Some(top) = (0..content.len())
        .filter(|&k| chrome[k].is_none())
        .max_by(|&a, &b| content[a].total_cmp(&content[b]).then(b.cmp(&a)))
    else {
        return;
    };
    let bar = content[top] * FALLBACK_SHARE;
    let inside = |k: usize| content[k] >= bar && chrome[k].is_none();
    let (mut a, mut b) = (top, top);
    while a > 0 && inside(a - 1) {
        a -= 1;
    }
    while b + 1 < content.len() && inside(b + 1) {
        b += 1;
    }
    for (k, s) in states.iter_mut().enumerate() {
        *s = if k < a {
            State::Before
        } else if k <= b {
            State::Body
        } else {
            State::After
        };
    }
}

/// A plain-text input's units as the classifier prepares them (normalized, cut into units, folded):
/// what every function below starts from, as `classify` does.
fn prepare_text(input: &str, options: &Options) -> classify::Prepared {
    classify::prepare(blocks::units(&normalize::normalize(input, options).lines))
}

/// The `[first, last]` input lines of each prepared unit.
fn unit_lines(prepared: &classify::Prepared) -> Vec<[u32; 2]> {
    prepared.items.iter().map(|c| [c.unit.first, c.unit.last]).collect()
}

/// The units of a plain-text input, as `[first, last]` input lines, and each unit's lexical tokens
/// ([`lexical::buckets`]): what the training script's lexical model learns from
/// (`examples/features.rs`).
pub fn text_tokens(input: &str, options: &Options) -> (Vec<[u32; 2]>, Vec<Vec<u32>>) {
    let prepared = prepare_text(input, options);
    let lines = unit_lines(&prepared);
    let tokens = prepared
        .items
        .iter()
        .map(|c| {
            let mut t = Vec::new();
            lexical::buckets(&c.unit.text, &mut t);
            t
        })
        .collect();
    (lines, tokens)
}

/// The units of a plain-text input, as `[first, last]` input lines, and their feature rows
/// ([`features::N_FEATURES`] numbers a unit) given each unit's lexical score (`lex`, in unit
/// order; the training script passes out-of-fold scores): what the training script reads
/// (`examples/features.rs`).
pub fn text_features(input: &str, options: &Options, lex: &[f32]) -> (Vec<[u32; 2]>, Vec<f32>) {
    let prepared = prepare_text(input, options);
    let lines = unit_lines(&prepared);
    let rules = classify::rule_roles(&prepared);
    let rows = features::page_features(&prepared.items, &prepared.folds, &prepared.chrome, &rules, lex);
    (lines, rows)
}

/// A page's units (first input line, text) and what the models decide about them.
pub struct Explained {
    /// Each unit's first input line and text.
    pub units: Vec<(u32, String)>,
    /// The decision.
    pub decision: Decision,
}

/// What `models` decide about a plain-text input, for looking at a page's decisions
/// (`examples/explain.rs`, which can also read models from a folder).
pub fn explain(models: &Models, input: &str, options: &Options) -> Explained {
    let prepared = prepare_text(input, options);
    let rules = classify::rule_roles(&prepared);
    let decision = decide(models, &prepared.items, &prepared.folds, &prepared.chrome, &rules);
    let units = prepared.items.iter().map(|c| (c.unit.first, c.unit.text.clone())).collect();
    Explained { units, decision }
}

/// The context rows ([`features::n_context`] numbers a unit) of a plain-text input and its page
/// row ([`features::page_row`]), given the first model's probability for each of its units (in the
/// order of [`text_features`]), and whether the rules keep each unit.
pub fn text_context_features(
    input: &str,
    options: &Options,
    lex: &[f32],
    p: &[f64],
) -> (Vec<f32>, Vec<f32>, Vec<bool>) {
    let prepared = prepare_text(input, options);
    let rules = classify::rule_roles(&prepared);
    let rows = features::page_features(&prepared.items, &prepared.folds, &prepared.chrome, &rules, lex);
    let context = features::context_features(&prepared.items, &prepared.folds, p);
    let kept = rules.iter().map(|r| features::rule_keeps(*r)).collect();
    (context, features::page_row(&rows, p), kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_models_read_and_match_the_features() {
        let m = models().expect("the models in src/core/model/data/ read");
        assert!(m.layout_matches(), "the models were trained on another feature layout: run scripts/train");
    }
}
