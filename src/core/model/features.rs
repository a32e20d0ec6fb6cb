//! What the line model sees: one row of numbers per unit.
//!
//! Three kinds of evidence go into a row: the unit's own (its [`Measure`], shape, blank lines, the
//! page-chrome phrases, dates, bylines and other cues `evidence` recognises), its neighbourhood (the
//! same for the two units before and after it, and sums over windows of 3, 10 and 30 units each way),
//! and its place in the page (position by units and by words, how much of the page's prose lies
//! before it, how dense the prose is around it compared with the densest part of the page). Page-level
//! figures (units, words, share of chrome and list lines) let one model serve pastes of every kind.
//!
//! Every feature is a count, a share or a flag computed with integer arithmetic and one division
//! (no logarithm or other libm function), so a row is the same natively and in WebAssembly, and
//! the trees' comparisons (`x <= threshold`, both `f32`) decide the same way everywhere. Trees do
//! not care about monotone transforms, so raw counts serve as well as their logarithms.
//!
//! The training script reads these rows through `examples/features.rs`, which calls
//! [`page_features`], so training and inference see exactly the same numbers.

use crate::core::article::RemovedReason;
use crate::core::classify::{self, Folds};
use crate::core::evidence;
use crate::core::model::lexical;
use crate::core::types::{Chrome, Classified, Emphasis, Role, Shape};

/// Units longer than this many words are not read for short-line cues (dates, bylines, names,
/// captions, calls to action, labels): those cues are all short, and skipping long units keeps the
/// cost of a row bounded.
const SHORT_CUE_WORDS: usize = 40;

/// Units of at most this many words are counted for repetition on the page (a menu item or a
/// heading printed twice); longer texts repeat only as copied paragraphs, which dedup handles.
const REPEAT_WORDS: usize = 16;

/// Half-widths of the windows whose sums describe a unit's neighbourhood: the next few lines, a
/// screenful, a long stretch of the page.
const WINDOWS: [usize; 3] = [3, 10, 30];

/// Half-widths of the windows over which the prose mass is smoothed to find the densest part of the
/// page (a paragraph or two; a section).
const DENSITY_WINDOWS: [usize; 2] = [5, 15];

/// Offsets of the neighbours whose own features are repeated in a row.
const NEIGHBOURS: [isize; 4] = [-2, -1, 1, 2];

/// The features of one unit on its own (also read for its neighbours).
#[derive(Clone, Copy, Default)]
struct Own {
    words: f32,
    chars: f32,
    function_ratio: f32,
    capitalised_ratio: f32,
    terminal: f32,
    ends_with_period: f32,
    sentences: f32,
    starts_upper: f32,
    digit_ratio: f32,
    all_caps: f32,
    shape: f32,
    ordered: f32,
    blank_before: f32,
    blank_after: f32,
    chrome: f32,
    link: f32,
    repeats: f32,
    emphasis: f32,
    ends_colon: f32,
    letter_ratio: f32,
    separators: f32,
    date_line: f32,
    byline: f32,
    name: f32,
    caption_cue: f32,
    call_to_action: f32,
    summary_label: f32,
    section_depth: f32,
    has_date: f32,
    continuation: f32,
    quote: f32,
    meta_line: f32,
    cjk: f32,
    md_level: f32,
    item_depth: f32,
    centred: f32,
    columns: f32,
    joined: f32,
    commas: f32,
    prose: f32,
    /// Function words in the unit (words x function-word share): running prose weighs most.
    mass: f32,
    /// The role the rules give the unit (`classify::rule_roles`), as a code (see [`role_code`]).
    rule_role: f32,
    /// The rules keep the unit in the body (not removed, not title, byline or date).
    rule_kept: f32,
    /// The rules make it the title, a heading, the byline, the date.
    rule_title: f32,
    rule_heading: f32,
    rule_byline: f32,
    rule_date: f32,
    /// A price: a currency sign beside a digit ("$ 335.00", "12,99 €").
    price: f32,
    /// Ends with a question mark (forum titles, FAQ entries).
    question: f32,
    /// What its words say: the lexical model's log-odds that it is content ([`lexical`]).
    lex: f32,
}

/// The names of [`Own`]'s fields, in row order.
const OWN_NAMES: [&str; 50] = [
    "words",
    "chars",
    "function_ratio",
    "capitalised_ratio",
    "terminal",
    "ends_with_period",
    "sentences",
    "starts_upper",
    "digit_ratio",
    "all_caps",
    "shape",
    "ordered",
    "blank_before",
    "blank_after",
    "chrome",
    "link",
    "repeats",
    "emphasis",
    "ends_colon",
    "letter_ratio",
    "separators",
    "date_line",
    "byline",
    "name",
    "caption_cue",
    "call_to_action",
    "summary_label",
    "section_depth",
    "has_date",
    "continuation",
    "quote",
    "meta_line",
    "cjk",
    "md_level",
    "item_depth",
    "centred",
    "columns",
    "joined",
    "commas",
    "prose",
    "mass",
    "rule_role",
    "rule_kept",
    "rule_title",
    "rule_heading",
    "rule_byline",
    "rule_date",
    "price",
    "question",
    "lex",
];

impl Own {
    fn values(&self) -> [f32; 50] {
        [
            self.words,
            self.chars,
            self.function_ratio,
            self.capitalised_ratio,
            self.terminal,
            self.ends_with_period,
            self.sentences,
            self.starts_upper,
            self.digit_ratio,
            self.all_caps,
            self.shape,
            self.ordered,
            self.blank_before,
            self.blank_after,
            self.chrome,
            self.link,
            self.repeats,
            self.emphasis,
            self.ends_colon,
            self.letter_ratio,
            self.separators,
            self.date_line,
            self.byline,
            self.name,
            self.caption_cue,
            self.call_to_action,
            self.summary_label,
            self.section_depth,
            self.has_date,
            self.continuation,
            self.quote,
            self.meta_line,
            self.cjk,
            self.md_level,
            self.item_depth,
            self.centred,
            self.columns,
            self.joined,
            self.commas,
            self.prose,
            self.mass,
            self.rule_role,
            self.rule_kept,
            self.rule_title,
            self.rule_heading,
            self.rule_byline,
            self.rule_date,
            self.price,
            self.question,
            self.lex,
        ]
    }

    /// The subset repeated for each neighbour, in row order.
    fn neighbour_values(&self) -> [f32; NEIGHBOUR_FIELDS.len()] {
        [
            self.words,
            self.function_ratio,
            self.terminal,
            self.shape,
            self.chrome,
            self.repeats,
            self.prose,
            self.starts_upper,
            self.digit_ratio,
            self.ends_with_period,
            self.date_line,
            self.byline,
            self.link,
            self.blank_after,
            self.rule_kept,
            self.rule_heading,
            self.lex,
        ]
    }
}

/// The names of [`Own::neighbour_values`].
const NEIGHBOUR_FIELDS: [&str; 17] = [
    "words",
    "function_ratio",
    "terminal",
    "shape",
    "chrome",
    "repeats",
    "prose",
    "starts_upper",
    "digit_ratio",
    "ends_with_period",
    "date_line",
    "byline",
    "link",
    "blank_after",
    "rule_kept",
    "rule_heading",
    "lex",
];

/// Sums kept per window: words, prose units, chrome units, list items, prose mass, and the lexical
/// model's log-odds (each clipped to [`LEX_CLIP`], so that one odd unit does not outweigh a window).
const WINDOW_FIELDS: [&str; 6] = ["words", "prose", "chrome", "items", "mass", "lex"];

/// The lexical log-odds summed over a window are clipped to this magnitude (odds of about 50 to 1:
/// beyond that a unit's words leave no doubt, and more would only let one unit dominate the sum).
const LEX_CLIP: f32 = 4.0;

/// Position and density features.
const PLACE_FIELDS: [&str; 10] = [
    "index",
    "from_end",
    "position",
    "words_before_share",
    "mass_before_share",
    "density5_rel",
    "density15_rel",
    "peak_distance",
    "peak_distance_share",
    "first_occurrence",
];

/// Page-level features (the same in every row of a page).
const PAGE_FIELDS: [&str; 9] = [
    "page_units",
    "page_words",
    "page_prose_share",
    "page_chrome_share",
    "page_item_share",
    "page_max_words",
    "page_md_headings",
    "page_blank_share",
    "page_mass",
];

/// The index of `words` in a row.
pub(crate) const WORDS: usize = 0;

/// Number of features in a row.
pub const N_FEATURES: usize = OWN_NAMES.len()
    + NEIGHBOURS.len() * NEIGHBOUR_FIELDS.len()
    + WINDOWS.len() * 2 * WINDOW_FIELDS.len()
    + PLACE_FIELDS.len()
    + PAGE_FIELDS.len();

/// The names of the features, in row order (the training script's column names).
pub fn names() -> Vec<String> {
    let mut v: Vec<String> = OWN_NAMES.iter().map(|s| s.to_string()).collect();
    for o in NEIGHBOURS {
        v.extend(NEIGHBOUR_FIELDS.iter().map(|f| format!("n{o:+}_{f}")));
    }
    for w in WINDOWS {
        for side in ["before", "after"] {
            v.extend(WINDOW_FIELDS.iter().map(|f| format!("w{w}_{side}_{f}")));
        }
    }
    v.extend(PLACE_FIELDS.iter().map(|s| s.to_string()));
    v.extend(PAGE_FIELDS.iter().map(|s| s.to_string()));
    debug_assert_eq!(v.len(), N_FEATURES);
    v
}

fn flag(b: bool) -> f32 {
    if b {
        1.0
    } else {
        0.0
    }
}

/// The shape as a small number (trees split it like any other feature).
fn shape_code(s: &Shape) -> f32 {
    match s {
        Shape::Text => 0.0,
        Shape::Item { .. } => 1.0,
        Shape::MdHeading(_) => 2.0,
        Shape::Quote => 3.0,
        Shape::Code => 4.0,
        Shape::Table => 5.0,
        Shape::Rule => 6.0,
        Shape::Furniture => 7.0,
    }
}

fn chrome_code(c: Option<Chrome>) -> f32 {
    match c {
        None => 0.0,
        Some(Chrome::Boilerplate) => 1.0,
        Some(Chrome::Related) => 2.0,
        Some(Chrome::Comments) => 3.0,
    }
}

/// A share as `f32`: `part / whole`, 0 when `whole` is 0.
fn share(part: f64, whole: f64) -> f32 {
    if whole > 0.0 {
        (part / whole) as f32
    } else {
        0.0
    }
}

/// Whether the rules keep a unit with this role in the article's body.
pub(crate) fn rule_keeps(r: Role) -> bool {
    !matches!(r, Role::Removed(_) | Role::Title | Role::Byline | Role::Date)
}

/// A role as a small number: removed (by reason), meta, heading, and the body's kinds.
fn role_code(r: Role) -> f32 {
    match r {
        Role::Removed(RemovedReason::Boilerplate) => 0.0,
        Role::Removed(RemovedReason::Related) => 1.0,
        Role::Removed(RemovedReason::Comments) => 2.0,
        Role::Removed(_) => 3.0,
        Role::Title => 4.0,
        Role::Byline => 5.0,
        Role::Date => 6.0,
        Role::Heading(_) => 7.0,
        Role::Paragraph => 8.0,
        Role::Item => 9.0,
        Role::Caption => 10.0,
        Role::Quote => 11.0,
        Role::Code | Role::Table => 12.0,
        Role::Label(_) | Role::KeyPoint | Role::Takeaway => 13.0,
    }
}

/// The features of one unit on its own; `lex` is its lexical score.
fn own(
    items: &[Classified],
    folds: &Folds,
    chrome: &[Option<Chrome>],
    repeats: &[u32],
    rule: Role,
    lex: f32,
    i: usize,
) -> Own {
    let c = &items[i];
    let (u, m) = (&c.unit, &c.m);
    let text = u.text.as_str();
    let short = m.words <= SHORT_CUE_WORDS;
    let f = if short { folds.get(items, i) } else { "" };
    let letters = text.chars().filter(|ch| ch.is_alphabetic()).count();
    let (ordered, item_depth) = match &u.shape {
        Shape::Item { ordered, depth, .. } => (*ordered, *depth),
        _ => (false, 0),
    };
    Own {
        words: m.words as f32,
        chars: m.chars as f32,
        function_ratio: m.function_ratio as f32,
        capitalised_ratio: m.capitalised_ratio as f32,
        terminal: flag(m.terminal),
        ends_with_period: flag(m.ends_with_period),
        sentences: m.sentences as f32,
        starts_upper: flag(m.starts_upper),
        digit_ratio: m.digit_ratio as f32,
        all_caps: flag(m.all_caps),
        shape: shape_code(&u.shape),
        ordered: flag(ordered),
        blank_before: flag(u.blank_before),
        blank_after: flag(u.blank_after),
        chrome: chrome_code(chrome[i]),
        link: flag(classify::is_address(text) || text.contains("http://") || text.contains("https://")),
        repeats: repeats[i] as f32,
        emphasis: match u.emphasis {
            Emphasis::None => 0.0,
            Emphasis::Bold => 1.0,
            Emphasis::Italic => 2.0,
        },
        ends_colon: flag(text.ends_with(':')),
        letter_ratio: share(letters as f64, m.chars as f64),
        separators: text.chars().filter(|ch| matches!(ch, '|' | '\u{b7}' | '\u{2022}')).count() as f32,
        date_line: flag(short && evidence::is_date_line_folded(text, f)),
        byline: flag(short && evidence::is_byline_folded(text, f)),
        name: flag(short && evidence::is_name(text)),
        caption_cue: flag(short && evidence::caption_cue_folded(text, f)),
        call_to_action: flag(short && classify::call_to_action(f)),
        summary_label: flag(short && evidence::summary_label_folded(f).is_some()),
        section_depth: if short { classify::section_number(text).unwrap_or(0) as f32 } else { 0.0 },
        has_date: flag(short && evidence::has_date(text)),
        continuation: flag(classify::opens_with_continuation(text)),
        quote: flag(classify::is_standalone_quote(text, m)),
        meta_line: flag(short && evidence::is_meta_line(text)),
        cjk: flag(m.cjk),
        md_level: match u.shape {
            Shape::MdHeading(l) => l as f32,
            _ => 0.0,
        },
        item_depth: item_depth as f32,
        centred: flag(u.centred),
        columns: flag(u.columns),
        joined: u.joined as f32,
        commas: text.chars().filter(|&ch| ch == ',').count() as f32,
        prose: flag(classify::is_prose(m)),
        mass: (m.words as f64 * m.function_ratio) as f32,
        rule_role: role_code(rule),
        rule_kept: flag(rule_keeps(rule)),
        rule_title: flag(rule == Role::Title),
        rule_heading: flag(matches!(rule, Role::Heading(_))),
        rule_byline: flag(rule == Role::Byline),
        rule_date: flag(rule == Role::Date),
        price: flag(has_price(text)),
        question: flag(text.trim_end().ends_with('?')),
        lex,
    }
}

/// Currency signs that mark a price.
const CURRENCIES: &[char] = &['$', '\u{20ac}', '\u{a3}', '\u{a5}', '\u{20b9}', '\u{20a9}'];

/// Only a unit's first characters are read for a price (prices sit in short lines).
const PRICE_CHARS: usize = 200;

/// Whether a currency sign stands next to a digit (a space between allowed).
fn has_price(text: &str) -> bool {
    let chars: Vec<char> = text.chars().take(PRICE_CHARS).collect();
    let digit_at = |j: Option<usize>| j.and_then(|j| chars.get(j)).is_some_and(char::is_ascii_digit);
    (0..chars.len()).any(|k| {
        let after = if chars.get(k + 1) == Some(&' ') { k + 2 } else { k + 1 };
        let before = if k >= 1 && chars[k - 1] == ' ' { k.checked_sub(2) } else { k.checked_sub(1) };
        CURRENCIES.contains(&chars[k]) && (digit_at(Some(after)) || digit_at(before))
    })
}

/// Prefix sums of one per-unit quantity, for window sums in constant time.
struct Prefix(Vec<f64>);

impl Prefix {
    fn new(values: impl Iterator<Item = f64>) -> Prefix {
        let mut v = vec![0.0];
        let mut s = 0.0;
        for x in values {
            s += x;
            v.push(s);
        }
        Prefix(v)
    }

    /// The sum over units `from..to` (clamped to the page).
    fn sum(&self, from: usize, to: usize) -> f64 {
        let n = self.0.len() - 1;
        let (a, b) = (from.min(n), to.min(n));
        if b <= a {
            0.0
        } else {
            self.0[b] - self.0[a]
        }
    }
}

/// The lexical model's score for each unit ([`lexical`]).
pub(crate) fn lexical_scores(lexicon: &lexical::Lexicon, items: &[Classified]) -> Vec<f32> {
    let mut tokens = Vec::new();
    items
        .iter()
        .map(|c| {
            lexical::buckets(&c.unit.text, &mut tokens);
            lexicon.score(&tokens)
        })
        .collect()
}

/// One row of [`N_FEATURES`] numbers per unit, row after row; `lex` is each unit's lexical score
/// ([`lexical_scores`], or the training script's out-of-fold scores).
pub(crate) fn page_features(
    items: &[Classified],
    folds: &Folds,
    chrome: &[Option<Chrome>],
    rules: &[Role],
    lex: &[f32],
) -> Vec<f32> {
    let n = items.len();
    debug_assert_eq!(lex.len(), n);
    if n == 0 {
        return Vec::new();
    }
    // How often each short text occurs on the page, and whether a unit is its first occurrence.
    let mut counts: rustc_hash::FxHashMap<&str, u32> = rustc_hash::FxHashMap::default();
    let mut first_occurrence = vec![true; n];
    for (i, c) in items.iter().enumerate() {
        if c.m.words <= REPEAT_WORDS {
            let e = counts.entry(folds.get(items, i)).or_default();
            first_occurrence[i] = *e == 0;
            *e += 1;
        }
    }
    let repeats: Vec<u32> =
        (0..n).map(|i| if items[i].m.words <= REPEAT_WORDS { counts[folds.get(items, i)] } else { 1 }).collect();
    let own: Vec<Own> = (0..n).map(|i| own(items, folds, chrome, &repeats, rules[i], lex[i], i)).collect();

    let words = Prefix::new(own.iter().map(|o| o.words as f64));
    let prose = Prefix::new(own.iter().map(|o| o.prose as f64));
    let chromes = Prefix::new(own.iter().map(|o| flag(o.chrome > 0.0) as f64));
    let list_items = Prefix::new(own.iter().map(|o| flag(o.shape == 1.0) as f64));
    let mass = Prefix::new(own.iter().map(|o| o.mass as f64));
    let lexes = Prefix::new(own.iter().map(|o| f64::from(o.lex.clamp(-LEX_CLIP, LEX_CLIP))));
    let sums = [&words, &prose, &chromes, &list_items, &mass, &lexes];

    // Prose mass smoothed over windows, and the unit where it peaks.
    let density: Vec<Vec<f64>> =
        DENSITY_WINDOWS.iter().map(|&w| (0..n).map(|i| mass.sum(i.saturating_sub(w), i + w + 1)).collect()).collect();
    let peaks: Vec<f64> = density.iter().map(|d| d.iter().copied().fold(0.0, f64::max)).collect();
    // The first unit where the wider density peaks.
    let peak_at = density[1].iter().position(|&d| d == peaks[1]).unwrap_or(0);

    let total_words = words.sum(0, n);
    let total_mass = mass.sum(0, n);
    let page = [
        n as f32,
        total_words as f32,
        share(prose.sum(0, n), n as f64),
        share(chromes.sum(0, n), n as f64),
        share(list_items.sum(0, n), n as f64),
        own.iter().map(|o| o.words).fold(0.0, f32::max),
        own.iter().filter(|o| o.md_level > 0.0).count() as f32,
        share(own.iter().filter(|o| o.blank_before > 0.0).count() as f64, n as f64),
        total_mass as f32,
    ];

    let mut out = Vec::with_capacity(n * N_FEATURES);
    for i in 0..n {
        out.extend_from_slice(&own[i].values());
        for o in NEIGHBOURS {
            let k = i as isize + o;
            if k >= 0 && (k as usize) < n {
                out.extend_from_slice(&own[k as usize].neighbour_values());
            } else {
                // Beyond the page's edge: a missing neighbour reads as an empty unit, marked by a
                // shape no unit has.
                let mut edge = Own::default().neighbour_values();
                edge[3] = -1.0;
                out.extend_from_slice(&edge);
            }
        }
        for w in WINDOWS {
            for (from, to) in [(i.saturating_sub(w), i), (i + 1, i + 1 + w)] {
                out.extend(sums.iter().map(|s| s.sum(from, to) as f32));
            }
        }
        out.extend_from_slice(&[
            i as f32,
            (n - 1 - i) as f32,
            share(i as f64, n as f64),
            share(words.sum(0, i), total_words),
            share(mass.sum(0, i), total_mass),
            share(density[0][i], peaks[0]),
            share(density[1][i], peaks[1]),
            (i as f32) - (peak_at as f32),
            share(i as f64 - peak_at as f64, n as f64),
            flag(first_occurrence[i]),
        ]);
        out.extend_from_slice(&page);
    }
    debug_assert_eq!(out.len(), n * N_FEATURES);
    out
}

/// A unit counts as content for the context features when the first model gives it at least this
/// probability: the decision boundary of a calibrated binary model.
const CONTENT_P: f64 = 0.5;

/// Half-widths of the windows over which the first model's probabilities are averaged.
const CONTEXT_WINDOWS: [usize; 3] = [3, 10, 30];

/// Units of at most this many words are compared with the content's terms, and are the candidates
/// for title, byline and date (all three are short; the comparison costs a pass over the words).
pub(crate) const META_WORDS: usize = 40;

/// Whether a unit is a candidate for the title, the byline and the date: a short line of text (not
/// a list item, a table or code, and not the label of a summary list, which stays with its list).
/// `eval/learn/train.py` takes the same candidates from the rows (`words`, `shape`, `summary_label`).
pub(crate) fn meta_candidate(c: &Classified, folds: &Folds, k: usize, items: &[Classified]) -> bool {
    c.m.words <= META_WORDS
        && matches!(c.unit.shape, Shape::Text | Shape::MdHeading(_))
        && evidence::summary_label_folded(folds.get(items, k)).is_none()
}

/// Terms of at least this many characters count for the overlap with the content ("AI" and "UN"
/// are too ambiguous, as in the headings' placement).
const OVERLAP_TERM_CHARS: usize = 3;

/// The most frequent terms of the content that count as its topic.
const TOPIC_TERMS: usize = 5;

/// The names of the context features, in row order.
pub fn context_names() -> Vec<String> {
    let mut v: Vec<String> = ["p", "p_prev", "p_next", "p_prev2", "p_next2"].iter().map(|s| s.to_string()).collect();
    for w in CONTEXT_WINDOWS {
        v.push(format!("p_mean{w}_before"));
        v.push(format!("p_mean{w}_after"));
    }
    v.extend(
        [
            "p_max_before",
            "p_max_after",
            "p_mass_before_share",
            "to_first_content",
            "to_last_content",
            "content_overlap",
            "content_overlap_terms",
            "content_topic_terms",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    v
}

/// Number of context features in a row.
pub fn n_context() -> usize {
    5 + 2 * CONTEXT_WINDOWS.len() + 8
}

/// What the second-stage models see beyond a unit's own row: the first model's probability that
/// each unit is content (`p`), around the unit and over the page, and how much of the unit's
/// wording the likely content shares. One row of [`n_context`] numbers per unit.
pub(crate) fn context_features(items: &[Classified], folds: &Folds, p: &[f64]) -> Vec<f32> {
    let n = items.len();
    debug_assert_eq!(p.len(), n);
    let width = n_context();
    if n == 0 {
        return Vec::new();
    }
    let at = |k: isize| if k >= 0 && (k as usize) < n { p[k as usize] as f32 } else { -1.0 };
    let pre = Prefix::new(p.iter().copied());
    let weighted = Prefix::new(p.iter().zip(items).map(|(p, c)| p * c.m.words as f64));
    let mut max_before = vec![0.0f64; n];
    for i in 1..n {
        max_before[i] = max_before[i - 1].max(p[i - 1]);
    }
    let mut max_after = vec![0.0f64; n];
    for i in (0..n.saturating_sub(1)).rev() {
        max_after[i] = max_after[i + 1].max(p[i + 1]);
    }
    let first = p.iter().position(|&x| x >= CONTENT_P);
    let last = p.iter().rposition(|&x| x >= CONTENT_P);

    // Term counts over the likely content, for the short units' overlap with it.
    let mut stems = classify::StemKeys::default();
    let mut tf: rustc_hash::FxHashMap<u64, u32> = rustc_hash::FxHashMap::default();
    for (k, c) in items.iter().enumerate() {
        if p[k] >= CONTENT_P {
            stems.each_key(&c.unit.text, folds.get(items, k), OVERLAP_TERM_CHARS, |t| *tf.entry(t).or_default() += 1);
        }
    }
    let topic: Vec<u64> = {
        let mut v: Vec<(u64, u32)> = tf.iter().map(|(&t, &c)| (t, c)).collect();
        // Most frequent first; ties by key, so that the choice does not depend on hashing.
        v.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.into_iter().take(TOPIC_TERMS).map(|(t, _)| t).collect()
    };
    let total_weighted = weighted.sum(0, n);

    let mut out = Vec::with_capacity(n * width);
    let mut terms: Vec<u64> = Vec::new();
    for i in 0..n {
        let ii = i as isize;
        out.extend_from_slice(&[at(ii), at(ii - 1), at(ii + 1), at(ii - 2), at(ii + 2)]);
        for w in CONTEXT_WINDOWS {
            let (a, b) = (i.saturating_sub(w), i);
            out.push(share(pre.sum(a, b), (b - a) as f64));
            let (a, b) = (i + 1, (i + 1 + w).min(n));
            out.push(share(pre.sum(a, b), b.saturating_sub(a) as f64));
        }
        // Overlap with the content, leaving the unit's own terms out of the counts.
        let (mut distinct, mut found, mut topical) = (0usize, 0usize, 0usize);
        terms.clear();
        if items[i].m.words <= META_WORDS {
            stems.each_key(&items[i].unit.text, folds.get(items, i), OVERLAP_TERM_CHARS, |t| terms.push(t));
            terms.sort_unstable();
            let own_content = p[i] >= CONTENT_P;
            for run in terms.chunk_by(|a, b| a == b) {
                let t = run[0];
                let mine = if own_content { run.len() as u32 } else { 0 };
                distinct += 1;
                if tf.get(&t).copied().unwrap_or(0) > mine {
                    found += 1;
                }
                if topic.contains(&t) {
                    topical += 1;
                }
            }
        }
        out.extend_from_slice(&[
            max_before[i] as f32,
            max_after[i] as f32,
            share(weighted.sum(0, i), total_weighted),
            first.map_or(0.0, |f| i as f32 - f as f32),
            last.map_or(0.0, |l| i as f32 - l as f32),
            share(found as f64, distinct as f64),
            distinct as f32,
            topical as f32,
        ]);
    }
    debug_assert_eq!(out.len(), n * width);
    out
}

/// Unit features whose page means describe a page's kind (an article, a product, a listing...).
const PAGE_MEANS: [&str; 19] = [
    "words",
    "link",
    "has_date",
    "date_line",
    "byline",
    "name",
    "price",
    "question",
    "prose",
    "terminal",
    "digit_ratio",
    "ends_colon",
    "separators",
    "chrome",
    "rule_kept",
    "rule_heading",
    "md_level",
    "commas",
    "lex",
];

/// Shapes whose share of the page's units is a page feature: list items, code, tables.
const PAGE_SHAPES: [(&str, f32); 3] = [("items", 1.0), ("code", 4.0), ("tables", 5.0)];

/// The names of the page-type model's features, in row order.
pub fn page_names() -> Vec<String> {
    let mut v: Vec<String> = PAGE_FIELDS.iter().map(|s| s.to_string()).collect();
    v.extend(PAGE_MEANS.iter().map(|s| format!("mean_{s}")));
    v.extend(PAGE_SHAPES.iter().map(|(s, _)| format!("share_{s}")));
    v.extend(
        ["repeated_share", "content_mean", "content_share", "content_words_share", "content_units"].map(String::from),
    );
    v
}

/// One row describing the whole page, for the page-type model: the page-level features, the means
/// of some unit features over the page, the shares of list items, code and tables, of lines that
/// repeat, and how much of the page the first content model takes (`p`). Read off the unit rows
/// (`rows`, [`N_FEATURES`] a unit), so it is computed from the same numbers the line models see.
pub(crate) fn page_row(rows: &[f32], p: &[f64]) -> Vec<f32> {
    let n = p.len();
    debug_assert_eq!(rows.len(), n * N_FEATURES);
    let col = |name: &str| OWN_NAMES.iter().position(|x| *x == name).expect("an own feature");
    let page_at = OWN_NAMES.len()
        + NEIGHBOURS.len() * NEIGHBOUR_FIELDS.len()
        + WINDOWS.len() * 2 * WINDOW_FIELDS.len()
        + PLACE_FIELDS.len();
    let mut out: Vec<f32> =
        if n > 0 { rows[page_at..page_at + PAGE_FIELDS.len()].to_vec() } else { vec![0.0; PAGE_FIELDS.len()] };
    let unit = |k: usize| &rows[k * N_FEATURES..(k + 1) * N_FEATURES];
    let mean = |f: &dyn Fn(&[f32]) -> f64| share((0..n).map(|k| f(unit(k))).sum(), n as f64);
    for name in PAGE_MEANS {
        let c = col(name);
        // Counts and codes are read as "more than none" (a chrome kind, a separator, a heading level).
        let flagged = matches!(name, "separators" | "chrome" | "md_level");
        out.push(mean(&|r: &[f32]| if flagged { f64::from(flag(r[c] > 0.0)) } else { f64::from(r[c]) }));
    }
    let shape = col("shape");
    for (_, code) in PAGE_SHAPES {
        out.push(mean(&|r: &[f32]| f64::from(flag(r[shape] == code))));
    }
    let repeats = col("repeats");
    out.push(mean(&|r: &[f32]| f64::from(flag(r[repeats] > 2.0))));
    let words = col("words");
    let total_words: f64 = (0..n).map(|k| f64::from(unit(k)[words])).sum();
    let content_words: f64 = (0..n).filter(|&k| p[k] >= CONTENT_P).map(|k| f64::from(unit(k)[words])).sum();
    let content_units = p.iter().filter(|&&x| x >= CONTENT_P).count();
    out.push(share(p.iter().sum(), n as f64));
    out.push(share(content_units as f64, n as f64));
    out.push(share(content_words, total_words));
    out.push(content_units as f32);
    debug_assert_eq!(out.len(), page_names().len());
    out
}

/// The names of the selector's features beyond the page row, in row order.
const SELECTOR_FIELDS: [&str; 8] = [
    "agree_units",
    "agree_words",
    "model_words",
    "rules_words",
    "model_only_words",
    "rules_only_words",
    "p_where_rules_keep",
    "p_where_rules_drop",
];

/// The names of the selector's features: the page row's, then how the models' reading and the
/// rules' reading of the page compare.
pub fn selector_names() -> Vec<String> {
    let mut v = page_names();
    v.extend(SELECTOR_FIELDS.iter().map(|s| s.to_string()));
    v
}

/// The selector's row: the page row, then how much the models' decoded content (`kept`) and the
/// rules' (`rule_kept`) agree, by units and by words (`words`), how much each keeps alone, and the
/// second content model's mean probability (`p`) where the rules keep and where they drop units.
/// `eval/learn/train.py` computes the same numbers (`selector_extra`) from its decoding of the
/// train pages.
pub(crate) fn selector_row(page: &[f32], kept: &[bool], rule_kept: &[bool], words: &[f32], p: &[f64]) -> Vec<f32> {
    let n = kept.len();
    let w = |k: usize| f64::from(words[k]);
    let total: f64 = (0..n).map(w).sum();
    let sum_where = |f: &dyn Fn(usize) -> bool, v: &dyn Fn(usize) -> f64| (0..n).filter(|&k| f(k)).map(v).sum::<f64>();
    let mean_p = |keep: bool| {
        let m = (0..n).filter(|&k| rule_kept[k] == keep).count();
        share(sum_where(&|k| rule_kept[k] == keep, &|k| p[k]), m as f64)
    };
    let mut out = page.to_vec();
    out.extend_from_slice(&[
        share((0..n).filter(|&k| kept[k] == rule_kept[k]).count() as f64, n as f64),
        share(sum_where(&|k| kept[k] == rule_kept[k], &w), total),
        share(sum_where(&|k| kept[k], &w), total),
        share(sum_where(&|k| rule_kept[k], &w), total),
        share(sum_where(&|k| kept[k] && !rule_kept[k], &w), total),
        share(sum_where(&|k| rule_kept[k] && !kept[k], &w), total),
        mean_p(true),
        mean_p(false),
    ]);
    out
}
