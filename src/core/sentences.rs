//! Sentence segmentation: byte ranges of the sentences of a text, for every script the core meets.
//!
//! Hand-written (see ARCHITECTURE.md): no Rust library met the golden-rule gates at a browser-sized
//! cost. The rules are the classic ones of rule-based segmenters (pragmatic_segmenter, pySBD):
//!
//! - A sentence ends at `.`, `!`, `?`, `…` and their clusters (`?!`, `...`, `. . .`), at the CJK
//!   full stops `。！？`, the Devanagari dandas `।॥` and the Arabic `؟`, followed by the closing
//!   quotes, brackets and reference marks (`[1]`) that belong to it.
//! - Whether a full stop ends the sentence depends on the word before it (plain word, number,
//!   single letter or initial, title such as "Dr.", abbreviation that may end a sentence such as
//!   "U.S." or "Inc.", unit or time after a number) and on what follows (capital letter, a
//!   function word that usually starts sentences, lowercase, digit, punctuation).
//! - No boundary inside numbers, URLs and e-mail addresses, short brackets, or short quotations.
//! - Numbered, lettered and bulleted list items that run together on one line are split apart.
//! - A blank line always ends a sentence; a single line break is a wrap when the line runs on in
//!   lowercase inside a paragraph that ends as prose, and a boundary otherwise.
//! - Text with (almost) no capital letters, such as the lowercased and tokenised news benchmarks,
//!   and scripts without case are segmented on punctuation alone.
//!
//! Every returned range is trimmed, non-empty, on char boundaries and in order; nothing panics.

use std::ops::Range;

use rustc_hash::FxHashSet;

use crate::core::lang::{self, Lang};

/// Longest quotation, in bytes, inside which full stops do not end sentences.
const QUOTE_SPAN_MAX: usize = 600;
/// Longest bracket span, in bytes, inside which full stops do not end sentences.
const BRACKET_SPAN_MAX: usize = 300;
/// Longest token, in bytes, read as the word before a full stop. A run without white space longer
/// than this ("a.a.a.…", a long URL or base64) is no word that a rule could name, and reading it
/// back from every full stop in it would cost time quadratic in its length (issue 13).
const TOKEN_MAX: usize = 128;

/// The sentences of `text` as byte ranges, in order. The language is detected from the text.
pub fn split(text: &str) -> Vec<Range<usize>> {
    split_lang(text, lang::detect(text))
}

/// The sentences of `text` as byte ranges, using `lang` for its sentence-starting function words.
pub fn split_lang(text: &str, lang: Lang) -> Vec<Range<usize>> {
    let caseless = is_caseless(text);
    let mut out = Vec::new();
    for run in hard_runs(text) {
        let seg = Segmenter::new(text, run, lang, caseless);
        seg.run(&mut out);
    }
    out
}

/// The sentences of `text` as string slices.
pub fn sentences(text: &str) -> Vec<&str> {
    split(text).into_iter().map(|r| &text[r]).collect()
}

/// Text whose cased letters are nearly all lowercase (under 1 in 100 capitals, at least 40 cased
/// letters): capitals then carry no sentence-start signal.
fn is_caseless(text: &str) -> bool {
    let (mut upper, mut cased) = (0usize, 0usize);
    if text.is_ascii() {
        let upper = lang::count_bytes(text.as_bytes(), |b| b.is_ascii_uppercase());
        let cased = lang::count_bytes(text.as_bytes(), |b| b.is_ascii_alphabetic());
        return cased >= 40 && upper * 100 < cased;
    }
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_uppercase() {
                upper += 1;
                cased += 1;
            } else if c.is_ascii_lowercase() {
                cased += 1;
            }
            continue;
        }
        if c.is_uppercase() {
            upper += 1;
            cased += 1;
        } else if c.is_lowercase() {
            cased += 1;
        }
    }
    cased >= 40 && upper * 100 < cased
}

// ---------------------------------------------------------------------------------------------
// Lines: blank lines and single line breaks
// ---------------------------------------------------------------------------------------------

/// Splits `text` into runs that no sentence crosses: paragraphs, and the lines of paragraphs whose
/// line breaks are real (lists, headings, lines that end in punctuation).
fn hard_runs(text: &str) -> Vec<Range<usize>> {
    // Lines with their ranges (without the line break).
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    while let Some(k) = lang::position_byte(&bytes[start..], |b| b == b'\n' || b == b'\r') {
        let i = start + k;
        lines.push(start..i);
        start = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') { i + 2 } else { i + 1 };
    }
    lines.push(start..text.len());

    let mut runs = Vec::new();
    let mut para: Vec<Range<usize>> = Vec::new();
    let flush = |para: &mut Vec<Range<usize>>, runs: &mut Vec<Range<usize>>| {
        if para.is_empty() {
            return;
        }
        let ends_as_prose = para.last().is_some_and(|l| ends_with_terminal(text[l.clone()].trim_end()));
        let mut cur = para[0].clone();
        for next in para[1..].iter() {
            let prev_text = text[cur.clone()].trim_end();
            let next_text = text[next.clone()].trim_start();
            let wrap = ends_as_prose
                && !ends_with_terminal(prev_text)
                && !prev_text.ends_with(':')
                && next_text.chars().next().is_some_and(|c| c.is_lowercase())
                && !starts_with_list_marker(next_text);
            if wrap {
                cur.end = next.end;
            } else {
                runs.push(cur);
                cur = next.clone();
            }
        }
        runs.push(cur);
        para.clear();
    };
    for line in lines {
        if text[line.clone()].trim().is_empty() {
            flush(&mut para, &mut runs);
        } else {
            para.push(line);
        }
    }
    flush(&mut para, &mut runs);
    runs
}

/// Whether `s` ends with sentence-final punctuation, possibly followed by closing quotes/brackets.
fn ends_with_terminal(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| is_closer_char(c) || c == '\'' || c == '"' || c.is_whitespace());
    t.chars().next_back().is_some_and(is_terminal_char)
}

fn starts_with_list_marker(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if is_bullet(c) || c == '-' || c == '*' => true,
        Some(c) if c.is_ascii_digit() => {
            let rest = s.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.starts_with(". ") || rest.starts_with(") ") || rest.starts_with(".) ")
        }
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// Character classes
// ---------------------------------------------------------------------------------------------

fn is_terminal_char(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉' | '؟' | '۔') || is_hard_terminal(c)
}

/// Terminals that end a sentence whatever follows: CJK full stops, Devanagari dandas.
fn is_hard_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '｡' | '।' | '॥' | '።' | '፧')
}

fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '⁃' | '◦' | '▪' | '‣' | '●' | '○' | '■' | '□' | '►' | '▸')
}

/// Closing brackets and unambiguous closing quotes.
fn is_closer_char(c: char) -> bool {
    matches!(c, ')' | ']' | '}' | '”' | '’' | '»' | '」' | '』' | '】' | '〕' | '）' | '］' | '｝' | '〉' | '》' | '›')
}

/// Opening brackets and unambiguous opening quotes.
fn is_opener_char(c: char) -> bool {
    matches!(
        c,
        '(' | '['
            | '{'
            | '“'
            | '‘'
            | '«'
            | '„'
            | '「'
            | '『'
            | '【'
            | '〔'
            | '（'
            | '［'
            | '｛'
            | '〈'
            | '《'
            | '‹'
            | '¿'
            | '¡'
    )
}

fn is_quote_char(c: char) -> bool {
    matches!(c, '"' | '\'' | '`' | '“' | '”' | '‘' | '’' | '«' | '»' | '„' | '‹' | '›')
}

/// The largest char boundary of `t` at or below `i`.
fn floor_boundary(t: &str, i: usize) -> usize {
    let mut i = i.min(t.len());
    while !t.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn char_at(t: &str, i: usize) -> Option<char> {
    t.get(i..).and_then(|s| s.chars().next())
}

fn char_before(t: &str, i: usize) -> Option<char> {
    t.get(..i).and_then(|s| s.chars().next_back())
}

// ---------------------------------------------------------------------------------------------
// Abbreviations
// ---------------------------------------------------------------------------------------------

/// Words written before a name or number, which never end a sentence: "Dr. Watson", "p. 55".
static TITLES: &str = "mr mrs ms dr prof mt st gen gov sen rep rev sgt capt col lt maj cmdr adm hon pres supt messrs mmes mme mlle fr msgr gens cpl pvt brig no nos vol vols fig figs p pp art ch chap sec sect para op ed eds vs v cf viz approx ca esp incl e.g i.e eg ie al ave blvd rd hwy dept jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat z.b d.h u.a usw bzw vgl nr s.o sog ggf evtl inkl sr sra srta dña ud uds av pág núm etc.al";

/// Abbreviations that may also end a sentence: they do when a sentence-starting word follows.
static ENDABLE: &str = "etc co corp inc ltd llc plc jr sr bros assn univ govt dept est esq ph.d m.d b.a m.a b.sc m.sc ll.b ll.m ll.d j.d d.d.s m.b.a u.s u.s.a u.k e.u u.n a.k.a";

/// Units and times that follow a number: "5 lb.", "6 p.m.", "44 B.C.".
static AFTER_NUMBER: &str = "a.m p.m am pm b.c a.d b.c.e c.e bc ad lb lbs oz ft in mi yd yds sq fl gal pt qt hr hrs min mins sec secs km kg cm mm mg ml";

/// Words that open a clause with a fronted time or place: "At 5 a.m. Mr. Smith went".
static FRONTING: &str = "at in on by around about after before since until till from during near circa toward towards within through throughout under over between by";

/// Function words that begin sentences (English); other languages use their stop-word list.
static STARTERS_EN: &str = "a an the this that these those there here it its he she they we you i his her their our my your what when where why how who whom which whose while if but and or so yet then however meanwhile also although though because since after before as at in on for from by with to of no not nor all some many most each every both either neither is are was were be been has have had do does did can could will would shall should may might must let now still thus instead later today yesterday such other another one two three";

fn in_list(list: &'static str, word: &str) -> bool {
    // The lists above as sets, built once and found by the list's address (they are statics); any
    // other list is read word by word.
    static SETS: std::sync::OnceLock<Vec<(&'static str, FxHashSet<&'static str>)>> = std::sync::OnceLock::new();
    let sets = SETS.get_or_init(|| {
        [TITLES, ENDABLE, AFTER_NUMBER, FRONTING, STARTERS_EN, DEGREES]
            .iter()
            .map(|l| (*l, l.split(' ').collect()))
            .collect()
    });
    match sets.iter().find(|(l, _)| std::ptr::eq(*l, list)) {
        Some((_, set)) => set.contains(word),
        None => list.split(' ').any(|w| w == word),
    }
}

/// What the word before a full stop is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Prev {
    /// Nothing before (the stop opens the run).
    None,
    /// A title or reference word that precedes what it names.
    Title,
    /// An abbreviation that may end a sentence.
    Endable,
    /// A unit or time after a number.
    AfterNumber,
    /// A single letter: an initial, or "I".
    Letter,
    /// The pronoun "I".
    PronounI,
    /// Digits.
    Number,
    /// An ordinary word (also URLs, e-mail addresses, codes).
    Word,
}

/// A URL or an e-mail address (also the mangled "https,//www." of some scrapes).
fn looks_like_link(tok: &str) -> bool {
    if !tok.bytes().any(|b| matches!(b, b':' | b'/' | b'@')) && !tok.starts_with("www.") {
        return false;
    }
    tok.contains("://")
        || tok.contains("//www.")
        || tok.starts_with("www.")
        || tok.find('@').is_some_and(|at| at > 0 && tok[at..].contains('.'))
}

/// Academic degrees, which after "a", "an" or a possessive end their noun phrase.
static DEGREES: &str = "ph.d m.d b.a m.a b.sc m.sc ll.b ll.m ll.d j.d d.d.s m.b.a b.s m.s m.phil d.phil";

fn classify_prev(run: &str, tok_start: usize, tok: &str, lang: Lang) -> Prev {
    if looks_like_link(tok) {
        return Prev::Word;
    }
    // The token may carry leading openers or a slash-joined part ("171/U.S").
    let tok = tok.rsplit(['/', '(', '[', '{', '"', '\'', '“', '‘', '«', '`']).next().unwrap_or(tok);
    if tok.is_empty() {
        return Prev::None;
    }
    let lower = tok.to_lowercase();
    let bare = lower.trim_end_matches('.');
    let letters: String = bare.chars().filter(|c| c.is_alphanumeric() || *c == '.').collect();
    if letters.is_empty() {
        return Prev::Word;
    }
    if letters.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        || bare.ends_with(|c: char| c.is_ascii_digit())
    {
        return Prev::Number;
    }
    // A unit glued to its number ("7a.m", "5ft").
    let unit_part = letters.trim_start_matches(|c: char| c.is_ascii_digit());
    if unit_part.len() < letters.len() && in_list(AFTER_NUMBER, unit_part) {
        return Prev::AfterNumber;
    }
    let key = letters.as_str();
    if in_list(AFTER_NUMBER, key) && previous_is_number(run, tok_start) {
        return Prev::AfterNumber;
    }
    if matches!(key, "a.m" | "p.m" | "b.c" | "a.d" | "b.c.e" | "c.e") {
        return Prev::AfterNumber;
    }
    if in_list(TITLES, key) {
        return Prev::Title;
    }
    if in_list(DEGREES, key) {
        // "her Ph.D. Tom was": the degree is the head of its noun phrase; "Smith, Ph.D." is not.
        let det = word_before(run, tok_start).map(|w| w.to_lowercase());
        if det.is_some_and(|d| in_list("a an her his their my your our its", &d)) {
            return Prev::Word;
        }
    }
    if in_list(ENDABLE, key) || in_list(DEGREES, key) {
        return Prev::Endable;
    }
    let n_letters = key.chars().filter(|c| c.is_alphabetic()).count();
    if n_letters == 1 && !key.contains('.') {
        // "I" after a lowercase word is the pronoun ("you and I."); after a name it is an initial.
        if key == "i" && tok == "I" {
            let before = word_before(run, tok_start);
            if before.is_none_or(|w| w.chars().next().is_some_and(|c| !c.is_uppercase())) {
                return Prev::PronounI;
            }
        }
        let _ = lang;
        return Prev::Letter;
    }
    if key.contains('.') {
        // Dotted letters: "N.E", "U.A.E", "S.W": an acronym.
        return Prev::Endable;
    }
    Prev::Word
}

/// Whether the token before `tok_start` is a number (or a unit after a number: "fl. oz.").
fn previous_is_number(run: &str, tok_start: usize) -> bool {
    match word_before(run, tok_start) {
        Some(w) => {
            let w = w.trim_end_matches('.').to_lowercase();
            w.chars().any(|c| c.is_ascii_digit())
                || in_list(AFTER_NUMBER, &w)
                || in_list("six five four three two one ten several few", &w)
        }
        None => false,
    }
}

/// The whitespace-delimited token that ends before `pos` (skipping whitespace).
fn word_before(run: &str, pos: usize) -> Option<&str> {
    let head = run.get(..pos)?.trim_end();
    let start = head.rfind(char::is_whitespace).map_or(0, |i| i + head[i..].chars().next().map_or(1, char::len_utf8));
    let w = &head[start..];
    (!w.is_empty()).then_some(w)
}

// ---------------------------------------------------------------------------------------------
// Spans that no sentence boundary may fall inside
// ---------------------------------------------------------------------------------------------

/// URLs and e-mail addresses (without trailing punctuation).
fn protected_spans(run: &str) -> Vec<Range<usize>> {
    // Only a whitespace-separated token that holds ':', '/' or '@', or starts with "www.", can look
    // like a link: the scan goes from one such byte to the next, and reads the token around it.
    let bytes = run.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = lang::position_byte(&bytes[from..], |b| matches!(b, b':' | b'/' | b'@' | b'w')) {
        let p = from + k;
        if bytes[p] == b'w' && !run[p..].starts_with("www.") {
            from = p + 1;
            continue;
        }
        let start = run[..p].char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
        let end = run[p..].find(char::is_whitespace).map_or(run.len(), |e| p + e);
        let tok = &run[start..end];
        if looks_like_link(tok) {
            let trimmed = tok.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '"', '\'']);
            out.push(start..start + trimmed.len());
        }
        from = end;
    }
    out
}

/// Paired brackets no longer than [`BRACKET_SPAN_MAX`]: open..close (the close included).
fn bracket_spans(run: &str) -> Vec<Range<usize>> {
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut out = Vec::new();
    let bytes = run.as_bytes();
    let mut next = 0;
    // ASCII that is no bracket is passed over in one go.
    while let Some(k) =
        lang::position_byte(&bytes[next..], |b| b >= 0x80 || matches!(b, b'(' | b')' | b'[' | b']' | b'{' | b'}'))
    {
        let i = next + k;
        let Some(c) = run[i..].chars().next() else { break };
        next = i + c.len_utf8();
        let want = match c {
            '(' | '[' | '{' | '（' | '［' | '｛' | '【' | '〔' | '《' | '〈' | '「' | '『' => {
                if stack.len() < 64 {
                    stack.push((c, i));
                }
                continue;
            }
            ')' => '(',
            ']' => '[',
            '}' => '{',
            '）' => '（',
            '］' => '［',
            '｝' => '｛',
            '】' => '【',
            '〕' => '〔',
            '》' => '《',
            '〉' => '〈',
            '」' => '「',
            '』' => '『',
            _ => continue,
        };
        if let Some(pos) = stack.iter().rposition(|(o, _)| *o == want) {
            let (_, open) = stack[pos];
            stack.truncate(pos);
            let end = i + c.len_utf8();
            if end - open <= BRACKET_SPAN_MAX {
                out.push(open..end);
            }
        }
    }
    out
}

/// A quotation mark and how it sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum QRole {
    Open,
    Close,
    /// Spaces on both sides (tokenised text): direction unknown.
    Either,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

#[derive(Clone, Copy, Debug)]
struct QuoteMark {
    start: usize,
    end: usize,
    family: Family,
    role: QRole,
}

/// Elided words that begin with an apostrophe: not quotations.
fn is_elision(after: &str) -> bool {
    let word: String = after.chars().take_while(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
    word.chars().next().is_some_and(|c| c.is_ascii_digit())
        || matches!(
            word.as_str(),
            "tis"
                | "twas"
                | "em"
                | "til"
                | "cause"
                | "n"
                | "bout"
                | "round"
                | "s"
                | "d"
                | "ll"
                | "re"
                | "ve"
                | "m"
                | "t"
        )
}

/// Every quotation mark of `run`, with its family and role; apostrophes are left out.
fn quote_marks(run: &str) -> Vec<QuoteMark> {
    let mut out = Vec::new();
    let bytes = run.as_bytes();
    let mut next = 0;
    // Only '"', '\'', '`' and non-ASCII characters can be quotation marks: other bytes are passed over.
    while let Some(k) = lang::position_byte(&bytes[next..], |b| b >= 0x80 || matches!(b, b'"' | b'\'' | b'`')) {
        let i = next + k;
        let Some(c) = run[i..].chars().next() else { break };
        next = i + c.len_utf8();
        if !is_quote_char(c) {
            continue;
        }
        // Doubled ASCII marks are one mark: `` and ''.
        let mut end = next;
        let doubled = (c == '`' || c == '\'') && bytes.get(end) == Some(&(c as u8));
        if doubled {
            end += 1;
            next = end;
        }
        let family = match c {
            '"' | '“' | '”' | '„' | '«' | '»' => Family::Double,
            '`' | '\'' if doubled => Family::Double,
            _ => Family::Single,
        };
        let before = char_before(run, i);
        let after = char_at(run, end);
        let left_word = before.is_some_and(|b| b.is_alphanumeric());
        let right_word = after.is_some_and(|a| a.is_alphanumeric());
        let left_space = before.is_none_or(|b| b.is_whitespace() || is_opener_char(b));
        let right_space = after.is_none_or(|a| a.is_whitespace());
        let apostrophe_like = !doubled && (c == '\'' || c == '’');
        let role = match c {
            '“' | '„' | '«' | '‹' | '‘' => QRole::Open,
            '”' | '»' | '›' => QRole::Close,
            // A backtick closing a quotation ("`word.`") sits on the left of a non-word.
            '`' if !left_space && !right_word => QRole::Close,
            '`' => QRole::Open,
            _ => {
                if apostrophe_like && left_word && right_word {
                    continue; // an apostrophe inside a word: "don't", "L'Hôpital"
                }
                if apostrophe_like && left_space && !right_space && is_elision(&run[end..]) {
                    continue; // "'80s", "'Tis"
                }
                if left_space && right_space {
                    // Tokenised text: the neighbours tell the direction when they are punctuation.
                    let ahead = run[end..].trim_start();
                    let r2 = ahead.chars().next();
                    let ellipsis = ahead.starts_with("..") || ahead.starts_with(". .") || ahead.starts_with('…');
                    let l2 = run[..i].trim_end().chars().next_back();
                    if !ellipsis && r2.is_none_or(|r| matches!(r, ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '}'))
                    {
                        QRole::Close
                    } else if l2.is_none_or(is_opener_char) {
                        QRole::Open
                    } else {
                        QRole::Either
                    }
                } else if left_space {
                    QRole::Open
                } else {
                    QRole::Close
                }
            }
        };
        out.push(QuoteMark { start: i, end, family, role });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The segmenter of one run
// ---------------------------------------------------------------------------------------------

struct Cluster {
    /// First terminal char.
    start: usize,
    /// After the last terminal char.
    end: usize,
    dots: usize,
    bang_or_question: bool,
    /// "word. . . ." : a full stop on the word, then a spaced ellipsis.
    stop_then_ellipsis: bool,
    hard: bool,
}

struct Segmenter<'a> {
    /// The run's offset in `text`.
    base: usize,
    run: &'a str,
    lang: Lang,
    caseless: bool,
    protected: Vec<Range<usize>>,
    brackets: Vec<Range<usize>>,
    marks: Vec<QuoteMark>,
    /// Paired quotation spans: (open mark index, close mark index).
    quote_spans: Vec<(usize, usize)>,
    /// For each mark: 1 when it opens a paired span, 2 when it closes one, else 0.
    span_role: Vec<u8>,
    /// Starts of list items that run together ("1. a 2. b"), and their marker ends.
    items: Vec<(usize, usize)>,
    /// What [`Segmenter::fronted`] last found, so that a long sentence is read once, not once per
    /// full stop in it (issue 13).
    fronted_memo: std::cell::Cell<FrontedMemo>,
    /// Search hints: protected spans, marks (two), list items.
    hints: [Hint; 4],
}

/// Where the last search of one sorted list ended: the segmenter's searches move forward through
/// the run, so each starts from the last answer and gallops (a binary search of the whole list at
/// every character was n log n with a cache miss a step: issue 13's slowness harness).
#[derive(Default)]
struct Hint(std::cell::Cell<usize>);

impl Hint {
    /// `v.partition_point(pred)`, found from the last answer.
    fn find<T>(&self, v: &[T], pred: impl Fn(&T) -> bool) -> usize {
        let len = v.len();
        let h = self.0.get().min(len);
        let (lo, hi) = if h > 0 && !pred(&v[h - 1]) {
            // The answer is before `h`: gallop left.
            let mut step = 1;
            while step < h && !pred(&v[h - 1 - step]) {
                step *= 2;
            }
            (h.saturating_sub(step + 1), h - 1)
        } else {
            // At or after `h`: gallop right.
            let mut step = 0;
            while h + step < len && pred(&v[h + step]) {
                step = step * 2 + 1;
            }
            (h + (step.saturating_sub(1)) / 2, (h + step).min(len))
        };
        let k = lo + v[lo..hi].partition_point(&pred);
        self.0.set(k);
        k
    }
}

/// [`Segmenter::fronted`]'s memo for one sentence: how far it has looked for `": "`, where the
/// current clause starts, and whether that clause opens with a fronting word (`None`: not read yet).
#[derive(Clone, Copy, Default)]
struct FrontedMemo {
    sent_start: usize,
    scanned_to: usize,
    clause_start: usize,
    fronted: Option<bool>,
}

impl<'a> Segmenter<'a> {
    fn new(text: &'a str, run: Range<usize>, lang: Lang, caseless: bool) -> Self {
        let base = run.start;
        let run = &text[run];
        let marks = quote_marks(run);
        let mut seg = Segmenter {
            base,
            run,
            lang,
            caseless,
            protected: protected_spans(run),
            brackets: bracket_spans(run),
            marks,
            quote_spans: Vec::new(),
            span_role: Vec::new(),
            items: list_items(run),
            fronted_memo: std::cell::Cell::new(FrontedMemo::default()),
            hints: Default::default(),
        };
        let mut spans = seg.pair_quotes();
        spans.sort_unstable();
        let mut role = vec![0u8; seg.marks.len()];
        for &(o, c) in &spans {
            role[o] = 1;
            role[c] = 2;
        }
        seg.quote_spans = spans;
        seg.span_role = role;
        seg.brackets.sort_unstable_by_key(|r| r.start);
        seg
    }

    fn in_protected(&self, i: usize) -> bool {
        // Spans are in order and disjoint: only the last one starting at or before `i` can hold it.
        let k = self.hints[0].find(&self.protected, |r| r.start <= i);
        k > 0 && i < self.protected[k - 1].end
    }

    /// Index range of the marks that start in `from..to`.
    fn marks_in(&self, from: usize, to: usize) -> Range<usize> {
        self.hints[1].find(&self.marks, |m| m.start < from)..self.hints[2].find(&self.marks, |m| m.start < to)
    }

    /// Pairs quotation marks into spans. A mark with spaces on both sides right after a sentence
    /// end opens a quotation only when another mark of its family follows before the next sentence
    /// end; otherwise it closes one that began before the text.
    fn pair_quotes(&self) -> Vec<(usize, usize)> {
        let mut spans = Vec::new();
        let mut open: [Option<usize>; 2] = [None, None];
        for (k, m) in self.marks.iter().enumerate() {
            let f = m.family as usize;
            let role = match m.role {
                QRole::Either if open[f].is_none() && self.follows_terminal(m.start) => {
                    if self.quote_ahead(m.end, m.family) {
                        QRole::Open
                    } else {
                        continue;
                    }
                }
                QRole::Either => {
                    if open[f].is_some() {
                        QRole::Close
                    } else {
                        QRole::Open
                    }
                }
                r => r,
            };
            match role {
                QRole::Open => open[f] = Some(k),
                QRole::Close | QRole::Either => {
                    if let Some(o) = open[f].take() {
                        if m.end - self.marks[o].start <= QUOTE_SPAN_MAX {
                            spans.push((o, k));
                        }
                    }
                }
            }
        }
        spans
    }

    /// Whether the non-space text before `i` (closing quotes and brackets skipped) ends with a
    /// sentence terminal.
    fn follows_terminal(&self, i: usize) -> bool {
        let head =
            self.run[..i].trim_end_matches(|c: char| c.is_whitespace() || is_closer_char(c) || c == '\'' || c == '"');
        head.chars().next_back().is_some_and(is_terminal_char)
    }

    /// Whether a quotation mark of `family` occurs after `from` before the end of the next sentence
    /// (its terminal and the closers right after it included).
    fn quote_ahead(&self, from: usize, family: Family) -> bool {
        // Looking further than a long sentence ahead would make one-line walls of text quadratic.
        let rest = &self.run[from..floor_boundary(self.run, from + 2000)];
        let mut limit = rest.len();
        let mut seen_terminal = false;
        for (i, c) in rest.char_indices() {
            if is_terminal_char(c) {
                seen_terminal = true;
            } else if seen_terminal && !(c.is_whitespace() || is_closer_char(c) || is_quote_char(c)) {
                limit = i;
                break;
            }
        }
        self.marks[self.marks_in(from, from + limit)].iter().any(|m| m.family == family)
    }

    fn mark_at(&self, i: usize) -> Option<usize> {
        let k = self.hints[1].find(&self.marks, |m| m.start < i);
        (self.marks.get(k).is_some_and(|m| m.start == i)).then_some(k)
    }

    /// Whether position `i` lies strictly inside a paired quotation that closes after `after`.
    /// Spans are sorted by their opening mark and at most [`QUOTE_SPAN_MAX`] long.
    fn inside_quote(&self, i: usize, after: usize) -> bool {
        let lo = self.quote_spans.partition_point(|&(o, _)| self.marks[o].start + QUOTE_SPAN_MAX < i);
        self.quote_spans[lo..]
            .iter()
            .take_while(|&&(o, _)| self.marks[o].start < i)
            .any(|&(o, c)| self.marks[o].end <= i && self.marks[c].start >= after)
    }

    /// Whether `i` lies inside a paired bracket span that closes after `after` (spans sorted by
    /// start, at most [`BRACKET_SPAN_MAX`] long).
    fn inside_brackets(&self, i: usize, after: usize) -> bool {
        let lo = self.brackets.partition_point(|r| r.start + BRACKET_SPAN_MAX < i);
        self.brackets[lo..].iter().take_while(|r| r.start < i).any(|r| r.start < i && r.end > after)
    }

    fn run(self, out: &mut Vec<Range<usize>>) {
        let run = self.run;
        let mut sent_start = 0usize;
        let mut item_idx = 0usize;
        let mut i = 0usize;
        let cut = |out: &mut Vec<Range<usize>>, from: usize, to: usize| {
            let piece = &run[from..to];
            let lead = piece.len() - piece.trim_start().len();
            let trimmed = piece.trim();
            if !trimmed.is_empty() {
                let s = self.base + from + lead;
                out.push(s..s + trimmed.len());
            }
        };
        while i < run.len() {
            // List items that run together start new sentences.
            while item_idx < self.items.len() && self.items[item_idx].0 < i {
                item_idx += 1;
            }
            if item_idx < self.items.len() && self.items[item_idx].0 == i && !run[sent_start..i].trim().is_empty() {
                cut(out, sent_start, i);
                sent_start = i;
            }
            // ASCII that cannot end a sentence is passed over in one go, up to the next list item.
            let bytes = run.as_bytes();
            if bytes[i] < 0x80 && !matches!(bytes[i], b'.' | b'!' | b'?') {
                let next_item = self.items[item_idx..].iter().map(|it| it.0).find(|&s| s > i).unwrap_or(run.len());
                let skip =
                    lang::position_byte(&bytes[i + 1..next_item], |b| b >= 0x80 || matches!(b, b'.' | b'!' | b'?'));
                i = skip.map_or(next_item, |k| i + 1 + k);
                continue;
            }
            let Some(c) = char_at(run, i) else { break };
            if !is_terminal_char(c) || self.in_protected(i) {
                i += c.len_utf8();
                continue;
            }
            let cl = self.cluster(i);
            let at = self.hints[3].find(&self.items, |it| it.0 <= i);
            if let Some(marker_end) = at.checked_sub(1).map(|k| self.items[k]).filter(|it| i < it.1).map(|it| it.1) {
                // The full stop of a list marker ("2.") ends nothing.
                i = marker_end.max(cl.end);
                continue;
            }
            match self.decide(&cl, sent_start) {
                Some(b) => {
                    cut(out, sent_start, b);
                    sent_start = b;
                    i = b.max(cl.end);
                }
                None => i = cl.end,
            }
        }
        cut(out, sent_start, run.len());
    }

    /// The terminal cluster that starts at `i`: "...", "?!", ". . .", "! ! !".
    fn cluster(&self, i: usize) -> Cluster {
        let run = self.run;
        let first = char_at(run, i).unwrap_or('.');
        let attached = char_before(run, i).is_some_and(|b| !b.is_whitespace());
        let mut end = i;
        let mut dots = 0;
        let mut bq = false;
        let mut hard = false;
        let mut spaced_after_first = false;
        let mut count = 0;
        loop {
            match char_at(run, end) {
                Some(c) if is_terminal_char(c) => {
                    match c {
                        '.' => dots += 1,
                        '…' => dots += 3,
                        '!' | '?' | '‼' | '⁇' | '⁈' | '⁉' | '؟' => bq = true,
                        _ => hard = true,
                    }
                    end += c.len_utf8();
                    count += 1;
                }
                Some(' ') => {
                    // A spaced cluster: ". . ." or "! ! !" (the next mark followed by space or end).
                    let next = char_at(run, end + 1);
                    let after = next.and_then(|n| char_at(run, end + 1 + n.len_utf8()));
                    let continues = matches!(next, Some('.' | '!' | '?'))
                        && after.is_none_or(|a| {
                            a.is_whitespace() || a == '.' || is_closer_char(a) || a == '\'' || a == '"'
                        });
                    if continues && !hard {
                        if count == 1 {
                            spaced_after_first = true;
                        }
                        end += 1;
                        continue;
                    }
                    break;
                }
                _ => break,
            }
        }
        let stop_then_ellipsis = first == '.' && attached && spaced_after_first && dots >= 4 && !bq;
        Cluster { start: i, end, dots, bang_or_question: bq, stop_then_ellipsis, hard }
    }

    /// Where the sentence that `cl` may end actually ends, or `None` when it does not end there.
    fn decide(&self, cl: &Cluster, sent_start: usize) -> Option<usize> {
        let run = self.run;
        // Decimal points, version numbers, domain names, "U.S" inner dots: no space, word on both sides.
        if cl.dots == 1 && !cl.bang_or_question && cl.end - cl.start == 1 {
            let before = char_before(run, cl.start);
            let after = char_at(run, cl.end);
            if before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric) {
                return self.glued_boundary(cl);
            }
        }
        if char_before(run, cl.start).is_some_and(is_opener_char) {
            // "[...]", "(...)": an omission mark, not an end.
            return None;
        }
        let after = self.absorb_closers(cl.end, sent_start);
        if self.inside_brackets(cl.start, after) {
            return None;
        }
        if self.inside_quote(cl.start, after) {
            return None;
        }
        if cl.hard {
            // 「行こう。」と言った: a quoted sentence inside a sentence goes on right after its closer.
            let embedded = after > cl.end
                && char_at(run, after)
                    .is_some_and(|n| !n.is_whitespace() && !is_opener_char(n) && !is_terminal_char(n));
            return (!embedded).then_some(after);
        }
        let rest = &run[after..];
        let ws = rest.len() - rest.trim_start().len();
        if rest.trim_start().is_empty() {
            return Some(after);
        }
        if ws == 0 {
            // Something glued on: "Yahoo!in", "?!)" ... no boundary, except a capitalised word right
            // after a terminal and a closer ("great.\"She").
            return None;
        }
        let next_start = after + ws;
        let next = Next::read(run, next_start);
        if next.punct_continues {
            return None;
        }
        // Ellipses.
        let is_ellipsis = cl.dots >= 3 && !cl.bang_or_question;
        if cl.stop_then_ellipsis && next.capital && !next.is_pronoun_i {
            // "compounds. . . . The practice": the stop ends the sentence, the ellipsis opens the next.
            return Some(cl.start + 1);
        }
        if is_ellipsis {
            let starts = if self.caseless { cl.dots >= 4 && next.word_like } else { next.capital };
            if starts && (cl.dots >= 4 || !next.is_pronoun_i) {
                return Some(after);
            }
            return None;
        }
        if cl.bang_or_question {
            let starts = next.capital || next.digit || (self.caseless && next.word_like) || next.uncased;
            if starts {
                return Some(after);
            }
            return None;
        }
        // A full stop (or a stop after ?/! handled above). What is the word before it?
        let (tok_start, tok) = self.token_before(cl.start);
        let prev = match tok {
            Some(t) => classify_prev(run, tok_start, t, self.lang),
            None => Prev::None,
        };
        let starter = next.word.is_some_and(|w| self.is_starter(w));
        let split = if self.caseless || next.uncased {
            match prev {
                Prev::Title | Prev::Letter => false,
                Prev::Endable | Prev::AfterNumber => starter || next.uncased,
                _ => next.word_like,
            }
        } else {
            match prev {
                Prev::None | Prev::Word | Prev::Number | Prev::PronounI => {
                    next.capital || (next.digit && prev != Prev::Number)
                }
                Prev::Title => false,
                Prev::Endable => next.capital && (starter || next.opener),
                Prev::AfterNumber => next.capital && (starter || next.opener || !self.fronted(sent_start, tok_start)),
                Prev::Letter => next.capital && !next.initial && starter,
            }
        };
        split.then_some(after)
    }

    /// "world.Today": a full stop glued between a lowercase word and a capitalised word.
    fn glued_boundary(&self, cl: &Cluster) -> Option<usize> {
        let run = self.run;
        let (tok_start, tok) = self.token_before(cl.start);
        let tok = tok?;
        let _ = tok_start;
        let before_ok = tok.chars().count() >= 2
            && tok.chars().all(|c| c.is_alphanumeric() || c == ',')
            && tok.chars().next_back().is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
            && !tok.chars().any(|c| c.is_uppercase() && tok.starts_with(c) && tok.len() <= 3);
        if !before_ok || self.caseless {
            return None;
        }
        let rest = &run[cl.end..];
        let mut chars = rest.chars();
        let first = chars.next()?;
        if !first.is_uppercase() {
            return None;
        }
        let word: String = std::iter::once(first).chain(chars.take_while(|c| c.is_alphanumeric())).collect();
        let all_lower_after = word.chars().skip(1).all(|c| c.is_lowercase());
        if word.chars().count() >= 2 && all_lower_after {
            Some(cl.end)
        } else {
            None
        }
    }

    /// Moves past closing quotes, brackets and reference marks after a terminal cluster, and past
    /// further terminals that follow them ("great.\".", "Dad ! '' ."). Returns the end position.
    fn absorb_closers(&self, from: usize, sent_start: usize) -> usize {
        let run = self.run;
        let mut end = from;
        loop {
            let Some(c) = char_at(run, end) else { return end };
            // Attached closers.
            if is_closer_char(c) {
                end += c.len_utf8();
                continue;
            }
            if let Some(k) = self.mark_at(end) {
                if self.marks[k].role != QRole::Open {
                    end = self.marks[k].end;
                    continue;
                }
                if char_before(run, end).is_some_and(|b| !b.is_whitespace()) {
                    // Attached to the terminal: it closes.
                    end = self.marks[k].end;
                    continue;
                }
            }
            if c == '[' {
                if let Some(e) = reference_mark(run, end) {
                    end = e;
                    continue;
                }
            }
            if c.is_whitespace() {
                // Spaced closers: a standalone quotation mark, a reference mark, or a spaced stop.
                let ws_end = end + run[end..].len() - run[end..].trim_start().len();
                let Some(n) = char_at(run, ws_end) else { return end };
                if n == '[' {
                    if let Some(e) = reference_mark(run, ws_end) {
                        end = e;
                        continue;
                    }
                }
                if let Some(k) = self.mark_at(ws_end) {
                    if self.spaced_quote_closes(k, sent_start) {
                        end = self.marks[k].end;
                        continue;
                    }
                    return end;
                }
                if n == '.'
                    && run[ws_end..].chars().nth(1).is_none_or(char::is_whitespace)
                    && self.after_closing_quote(end)
                {
                    // "Dad ! '' ." : a stop after the closing quote.
                    end = ws_end + 1;
                    continue;
                }
                return end;
            }
            if c == '.' && self.after_closing_quote(end) {
                end += 1;
                continue;
            }
            return end;
        }
    }

    fn after_closing_quote(&self, end: usize) -> bool {
        let head = self.run[..end].trim_end();
        head.ends_with(['"', '\'', '”', '’', '»', '`', ')'])
    }

    /// Whether the spaced quotation mark `k`, right after a sentence end, closes the sentence (else
    /// it opens the next one).
    fn spaced_quote_closes(&self, k: usize, sent_start: usize) -> bool {
        let m = self.marks[k];
        match m.role {
            QRole::Close => return true,
            QRole::Open if !char_at(self.run, m.end).is_some_and(char::is_whitespace) => return false,
            _ => {}
        }
        if self.span_role[k] == 2 {
            return true;
        }
        if self.span_role[k] == 1 {
            return false;
        }
        let count = self.marks[self.marks_in(sent_start, m.start)].iter().filter(|q| q.family == m.family).count();
        if count % 2 == 1 {
            return true;
        }
        if self.quote_ahead(m.end, m.family) {
            return false;
        }
        count == 0
    }

    /// The token that ends at `pos` (the word a full stop follows), skipping one space for
    /// tokenised text ("Mr . Robinson"). `None` when there is none, or when it is longer than
    /// [`TOKEN_MAX`] bytes (only that much is read back).
    fn token_before(&self, pos: usize) -> (usize, Option<&'a str>) {
        let run = self.run;
        let head = &run[..pos];
        let trimmed = head.trim_end();
        if trimmed.is_empty() {
            return (0, None);
        }
        let mut floor = trimmed.len().saturating_sub(TOKEN_MAX + 1);
        while !trimmed.is_char_boundary(floor) {
            floor -= 1;
        }
        let start = match trimmed[floor..].char_indices().rev().find(|(_, c)| c.is_whitespace()) {
            Some((i, c)) => floor + i + c.len_utf8(),
            None if floor == 0 => 0,
            None => return (floor, None),
        };
        let tok = &trimmed[start..];
        // Strip closing punctuation the token may carry ("(see", "]", "''").
        let tok = tok.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '°');
        if tok.is_empty() {
            return (start, Some(&trimmed[start..]));
        }
        (start, Some(tok))
    }

    /// Whether the clause that holds `pos` opens with a preposition ("At 5 a.m.", "In 44 B.C."):
    /// a fronted time or place, after which a name does not start a new sentence. The clause starts
    /// after the last `": "` of the sentence before `pos`; calls for one sentence come in order of
    /// `pos`, so each part of it is read once ([`FrontedMemo`]).
    fn fronted(&self, sent_start: usize, pos: usize) -> bool {
        let mut memo = self.fronted_memo.get();
        if memo.sent_start != sent_start || memo.scanned_to > pos || memo.scanned_to < sent_start {
            memo = FrontedMemo { sent_start, scanned_to: sent_start, clause_start: sent_start, fronted: None };
        }
        // A ": " that straddles the last scan's end is found by starting one byte before it.
        let mut from = memo.scanned_to.saturating_sub(1).max(sent_start);
        while !self.run.is_char_boundary(from) {
            from -= 1;
        }
        if let Some(k) = self.run[from..pos].rfind(": ") {
            memo.clause_start = from + k + 2;
            memo.fronted = None;
        }
        memo.scanned_to = pos;
        let fronted = match memo.fronted {
            Some(f) => f,
            None => {
                let clause = &self.run[memo.clause_start..pos];
                let first = clause.split(|c: char| c.is_whitespace()).find(|w| w.chars().any(char::is_alphanumeric));
                let f = match first {
                    Some(w) => {
                        let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
                        in_list(FRONTING, &w)
                    }
                    None => false,
                };
                // Only a clause with a word in it is settled: more text may still bring its first word.
                if first.is_some() {
                    memo.fronted = Some(f);
                }
                f
            }
        };
        self.fronted_memo.set(memo);
        fronted
    }

    fn is_starter(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        if self.lang == Lang::EN || !lang::has_stopwords(self.lang) {
            in_list(STARTERS_EN, &lower)
        } else {
            lang::is_stopword(self.lang, &lower) || in_list(STARTERS_EN, &lower)
        }
    }
}

/// A reference mark "[1]", "[2–11]", "[a]", "[citation needed]" at `i`; returns its end.
fn reference_mark(run: &str, i: usize) -> Option<usize> {
    let rest = &run[i..];
    let close = rest.find(']')?;
    let inner = &rest[1..close];
    let ok = !inner.is_empty()
        && inner.len() <= 20
        && (inner.chars().all(|c| c.is_ascii_digit() || matches!(c, ',' | '-' | '–' | ' '))
            || (inner.chars().count() == 1 && inner.chars().all(char::is_alphabetic))
            || inner == "citation needed");
    ok.then_some(i + close + 1)
}

/// What follows a possible sentence end.
struct Next<'a> {
    word: Option<&'a str>,
    /// Starts with an uppercase letter (after opening quotes and brackets).
    capital: bool,
    digit: bool,
    /// Starts with a letter, digit, opening quote or bracket (not punctuation such as ",").
    word_like: bool,
    /// A letter of a script without case.
    uncased: bool,
    /// An opening quote or bracket comes first.
    opener: bool,
    /// The word is a single letter with a full stop: another initial.
    initial: bool,
    is_pronoun_i: bool,
    /// Punctuation that continues the sentence: , ; : ) and the like.
    punct_continues: bool,
}

impl<'a> Next<'a> {
    fn read(run: &'a str, at: usize) -> Next<'a> {
        let rest = &run[at..];
        let first = rest.chars().next();
        let punct_continues =
            first.is_some_and(|c| matches!(c, ',' | ';' | ':' | ')' | ']' | '}' | '-' | '–' | '—' | '%' | '/'));
        let body = rest.trim_start_matches(|c: char| is_opener_char(c) || is_quote_char(c) || c == ' ');
        let opener = body.len() < rest.len();
        let word_end = body.find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')).unwrap_or(body.len());
        let word = (word_end > 0).then(|| &body[..word_end]);
        let c = body.chars().next();
        let capital = c.is_some_and(char::is_uppercase);
        let uncased = c.is_some_and(|c| c.is_alphabetic() && !c.is_uppercase() && !c.is_lowercase());
        let digit = c.is_some_and(|c| c.is_numeric());
        let word_like = c.is_some_and(char::is_alphanumeric);
        let initial = word.is_some_and(|w| w.chars().count() == 1) && body[word_end..].starts_with('.');
        let is_pronoun_i = word == Some("I") || word.is_some_and(|w| w.starts_with("I'") || w.starts_with("I’"));
        Next { word, capital, digit, word_like, uncased, opener, initial, is_pronoun_i, punct_continues }
    }
}

/// The end of an enumerator ("9.", "10)", "b.)") at `j`, when there is one followed by a space.
fn enumerator_end(run: &str, j: usize) -> Option<usize> {
    let rest = run.get(j..)?;
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let k = if digits > 0 && digits <= 3 {
        j + digits
    } else if rest.starts_with(|c: char| c.is_ascii_lowercase()) {
        j + 1
    } else {
        return None;
    };
    let tail = &run[k..];
    let m = if tail.starts_with(".)") {
        2
    } else if tail.starts_with('.') || tail.starts_with(')') {
        1
    } else {
        return None;
    };
    run[k + m..].starts_with(' ').then_some(k + m)
}

/// List items run together on one line ("1) a 2) b", "a. x b. y", "• x • y"): the start of each
/// item and the end of its marker. Only sequences (1 then 2, a then b) and bullets count, so a lone
/// number before a full stop is not taken for a list.
fn list_items(run: &str) -> Vec<(usize, usize)> {
    #[derive(Clone, Copy)]
    struct Cand {
        start: usize,
        marker_end: usize,
        value: u32,
        style: u8,
    }
    let mut cands: Vec<Cand> = Vec::new();
    let mut bullets = Vec::new();
    let bytes = run.as_bytes();
    // The characters that may open an item: bullets, and ASCII digits and lowercase letters at the
    // start of the run or right after white space or a bullet (a marker starts a token). The scan
    // goes from one white space or non-ASCII character to the next.
    // (A lowercase letter opens a marker only with '.' or ')' right after it.)
    let opens = |i: usize| match bytes.get(i) {
        Some(b) if b.is_ascii_digit() => true,
        Some(b) if b.is_ascii_lowercase() => matches!(bytes.get(i + 1), Some(b'.' | b')')),
        _ => false,
    };
    let mut next = 0;
    let mut pending = opens(0).then_some(0);
    let starts = std::iter::from_fn(|| loop {
        if let Some(i) = pending.take() {
            return Some((i, char::from(bytes[i])));
        }
        let k = bytes[next..].iter().position(|&b| b >= 0x80 || b == b' ' || (b'\t'..=b'\r').contains(&b))?;
        let i = next + k;
        if bytes[i] < 0x80 {
            next = i + 1;
            pending = opens(next).then_some(next);
            continue;
        }
        let c = run[i..].chars().next()?;
        next = i + c.len_utf8();
        if c.is_whitespace() || is_bullet(c) {
            pending = opens(next).then_some(next);
        }
        if is_bullet(c) {
            return Some((i, c));
        }
    });
    for (i, c) in starts {
        let before = char_before(run, i);
        let at_token_start = before.is_none_or(|b| b.is_whitespace() || is_bullet(b));
        if is_bullet(c) {
            if before.is_none_or(char::is_whitespace) {
                let after = i + c.len_utf8();
                let j = after + run[after..].len() - run[after..].trim_start().len();
                bullets.push((i, enumerator_end(run, j).unwrap_or(after)));
            }
            continue;
        }
        if !at_token_start {
            continue;
        }
        // Digits or one lowercase letter, then ".", ")" or ".)", then a space.
        let (value, mut j, kind) = if c.is_ascii_digit() {
            let mut j = i;
            let mut v: u32 = 0;
            while j < bytes.len() && bytes[j].is_ascii_digit() && j - i < 3 {
                v = v * 10 + u32::from(bytes[j] - b'0');
                j += 1;
            }
            if j < bytes.len() && bytes[j].is_ascii_digit() {
                continue;
            }
            (v, j, 0u8)
        } else if c.is_ascii_lowercase() {
            (u32::from(c as u8 - b'a') + 1, i + 1, 3u8)
        } else {
            continue;
        };
        let style = match (bytes.get(j), bytes.get(j + 1)) {
            (Some(b'.'), Some(b')')) => {
                j += 2;
                kind + 1
            }
            (Some(b'.'), _) => {
                j += 1;
                kind
            }
            (Some(b')'), _) => {
                j += 1;
                kind + 2
            }
            _ => continue,
        };
        if bytes.get(j) != Some(&b' ') {
            continue;
        }
        // The item's text must start with a capital letter or digit... or anything for ")" styles.
        let next = run[j..].trim_start().chars().next();
        if !next.is_some_and(|n| n.is_uppercase() || n.is_numeric()) {
            continue;
        }
        cands.push(Cand { start: i, marker_end: j, value, style });
    }
    // Where each (style, value) first and last occurs: a marker is in a sequence when its successor
    // occurs after it or its predecessor before it.
    let mut seen: std::collections::HashMap<(u8, u32), (usize, usize)> = std::collections::HashMap::new();
    for c in &cands {
        let e = seen.entry((c.style, c.value)).or_insert((c.start, c.start));
        e.0 = e.0.min(c.start);
        e.1 = e.1.max(c.start);
    }
    let mut out: Vec<(usize, usize)> = Vec::new();
    for c in &cands {
        let next_after = seen.get(&(c.style, c.value + 1)).is_some_and(|&(_, last)| last > c.start);
        let prev_before = c.value > 0 && seen.get(&(c.style, c.value - 1)).is_some_and(|&(first, _)| first < c.start);
        if next_after || prev_before {
            out.push((c.start, c.marker_end));
        }
    }
    // A bullet followed by an enumerator: the bullet starts the item.
    // (bullets are in order and disjoint)
    out.retain(|o| {
        let k = bullets.partition_point(|b: &(usize, usize)| b.0 <= o.0);
        !(k > 0 && o.0 < bullets[k - 1].1)
    });
    out.extend(bullets);
    out.sort_unstable();
    out.dedup_by_key(|o| o.0);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_hinted_search_finds_what_a_binary_search_finds() {
        let v: Vec<usize> = (0..200).map(|i| i * 3 / 2).collect();
        let hint = super::Hint::default();
        let mut x = 7u64;
        for _ in 0..5_000 {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let q = (x >> 33) as usize % 320;
            assert_eq!(hint.find(&v, |&e| e < q), v.partition_point(|&e| e < q), "{q}");
        }
        let empty: Vec<usize> = Vec::new();
        assert_eq!(hint.find(&empty, |&e| e < 3), 0);
    }

    use super::*;

    fn seg(text: &str) -> Vec<String> {
        split_lang(text, Lang::EN)
            .into_iter()
            .map(|r| text[r].split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(
            seg("The rain stopped. We walked home! Did you see it?"),
            ["The rain stopped.", "We walked home!", "Did you see it?"]
        );
        assert_eq!(seg("No final stop here"), ["No final stop here"]);
        assert!(seg("").is_empty());
        assert!(seg("  \n\n ").is_empty());
    }

    #[test]
    fn abbreviations_and_titles() {
        assert_eq!(
            seg("Prof. Brown met Gov. Reyes at St. Paul's today."),
            ["Prof. Brown met Gov. Reyes at St. Paul's today."]
        );
        assert_eq!(seg("The firm is Acme Corp. It makes anvils."), ["The firm is Acme Corp.", "It makes anvils."]);
        assert_eq!(seg("Acme Corp. shares rose."), ["Acme Corp. shares rose."]);
        assert_eq!(seg("See fig. 3 for details."), ["See fig. 3 for details."]);
        assert_eq!(seg("She moved to the U.K. Then she left."), ["She moved to the U.K.", "Then she left."]);
        assert_eq!(seg("The U.K. Parliament voted."), ["The U.K. Parliament voted."]);
    }

    #[test]
    fn initials_and_numbers() {
        assert_eq!(seg("The poem is by T. S. Eliot. Read it."), ["The poem is by T. S. Eliot.", "Read it."]);
        assert_eq!(seg("Growth was 2.5 percent. Prices fell."), ["Growth was 2.5 percent.", "Prices fell."]);
        assert_eq!(seg("It cost $4.99. Nobody bought it."), ["It cost $4.99.", "Nobody bought it."]);
        assert_eq!(
            seg("The meeting ends at 4 p.m. The staff then leaves."),
            ["The meeting ends at 4 p.m.", "The staff then leaves."]
        );
        assert_eq!(seg("By 8 p.m. Anna was asleep."), ["By 8 p.m. Anna was asleep."]);
    }

    #[test]
    fn links_and_addresses() {
        assert_eq!(
            seg("Write to ops.team@mail.example.org. Or visit https://example.org/a.b/c.html. Thanks."),
            ["Write to ops.team@mail.example.org.", "Or visit https://example.org/a.b/c.html.", "Thanks."]
        );
    }

    #[test]
    fn quotes_brackets_and_ellipses() {
        assert_eq!(seg("He shouted, \"Stop.\" Then he ran."), ["He shouted, \"Stop.\"", "Then he ran."]);
        assert_eq!(seg("He shouted \"stop.\" and ran."), ["He shouted \"stop.\" and ran."]);
        assert_eq!(seg("It rained (as forecast.) all day."), ["It rained (as forecast.) all day."]);
        assert_eq!(seg("Well... maybe. Wait... No way."), ["Well... maybe.", "Wait...", "No way."]);
        assert_eq!(seg("Hydrogen burns.[4] Helium does not."), ["Hydrogen burns.[4]", "Helium does not."]);
        assert_eq!(seg("\"Sit down. Eat,\" she said."), ["\"Sit down. Eat,\" she said."]);
    }

    #[test]
    fn lists_and_lines() {
        assert_eq!(seg("1. Buy milk 2. Feed cat 3. Sleep"), ["1. Buy milk", "2. Feed cat", "3. Sleep"]);
        assert_eq!(seg("• Red apples • Green pears"), ["• Red apples", "• Green pears"]);
        assert_eq!(seg("Menu\nHome\nAbout us"), ["Menu", "Home", "About us"]);
        assert_eq!(seg("The text was\nwrapped by a PDF tool."), ["The text was wrapped by a PDF tool."]);
        assert_eq!(seg("First paragraph\n\nSecond paragraph."), ["First paragraph", "Second paragraph."]);
    }

    #[test]
    fn other_scripts() {
        assert_eq!(
            seg("今日は晴れです。明日は雨でしょう！本当？"),
            ["今日は晴れです。", "明日は雨でしょう！", "本当？"]
        );
        assert_eq!(seg("「行こう。」と彼は言った。"), ["「行こう。」と彼は言った。"]);
        assert_eq!(seg("यह पहला वाक्य है। यह दूसरा है।"), ["यह पहला वाक्य है।", "यह दूसरा है।"]);
    }

    #[test]
    fn lowercased_tokenised_text() {
        let text = "( cnn ) the storm hit on monday . officials said 3 people died . `` we are safe , '' one man said . mr. lee , of st. louis , agreed .";
        assert_eq!(
            seg(text),
            [
                "( cnn ) the storm hit on monday .",
                "officials said 3 people died .",
                "`` we are safe , '' one man said .",
                "mr. lee , of st. louis , agreed ."
            ]
        );
    }

    #[test]
    fn ranges_are_trimmed_and_ordered() {
        let text = "  One.  Two!\n\nThree?  ";
        let r = split_lang(text, Lang::EN);
        assert_eq!(r.len(), 3);
        for w in r.windows(2) {
            assert!(w[0].end <= w[1].start);
        }
        for x in &r {
            assert_eq!(text[x.clone()].trim(), &text[x.clone()]);
        }
    }

    #[test]
    fn odd_input_never_panics() {
        let odd = [
            "...",
            ". . .",
            "!?!?",
            "''",
            "``",
            "' '",
            "(((",
            ")))",
            "[1]",
            "a.",
            ".a",
            "1.",
            "•",
            "。",
            "\u{0}",
            "x \u{a0}. \u{2003}y",
            "é.É",
            "'.'",
            "\"\"\".",
            ". '' .",
            "1) 2) 3)",
            "a. b. c.",
            "http://",
            "@.",
            "\r\n\r\n",
            "?'\"",
            "… …",
        ];
        for a in odd {
            for b in odd {
                let t = format!("{a}{b} {a} X{b}");
                for r in split(&t) {
                    assert!(t.is_char_boundary(r.start) && t.is_char_boundary(r.end) && r.start < r.end);
                }
            }
        }
    }
}
