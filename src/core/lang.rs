//! Language tools for the other stages: language detection, scripts, words, stop words and stemming.
//!
//! - Language detection ([`detect`]) reads the script, then the function words, of a bounded sample
//!   of the text, so that a 10 MB paste costs no more than a long article.
//! - Words are Unicode words (UAX #29, [`unicode_segmentation`]).
//! - Stemming is Snowball ([`rust_stemmers`]) for the 18 languages it covers; other languages are
//!   only lowercased.
//! - Stop words are short hand-written lists of function words for the languages the core meets most
//!   (see [`has_stopwords`]). Library lists were measured and rejected for size: the `stop-words`
//!   crate adds 122 KB gzip to the wasm (ISO lists) or 63 KB (NLTK lists), these lists about 6 KB.
//! - Scripts come from Unicode block ranges ([`script_of`]); they drive the CJK and Indic cases of
//!   the sentence splitter, the summarizer and the reading-time estimate.
//!
//! Nothing here allocates per call except where a lowercase copy is needed, and nothing panics.

use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use unicode_segmentation::UnicodeSegmentation;

/// A natural language, or "undetermined": an index into [`LANGS`].
///
/// `Lang::default()` is [`Lang::UND`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Lang(Option<u8>);

/// Longest stretch of text given to the detector, in bytes (taken from three places of the text).
const DETECT_SAMPLE_BYTES: usize = 6 * 1024;

/// The languages the core names: BCP 47 code (ISO 639-1 where there is one), ISO 639-3 code and
/// English name. Those with a stop-word list ([`STOPWORDS`]) are told apart by it; the others by
/// their script, which only they write among the languages here.
#[rustfmt::skip]
const LANGS: &[(&str, &str, &str)] = &[
    ("en", "eng", "English"), ("fr", "fra", "French"), ("de", "deu", "German"), ("es", "spa", "Spanish"),
    ("it", "ita", "Italian"), ("pt", "por", "Portuguese"), ("nl", "nld", "Dutch"), ("sv", "swe", "Swedish"),
    ("da", "dan", "Danish"), ("nb", "nob", "Norwegian"), ("fi", "fin", "Finnish"), ("ru", "rus", "Russian"),
    ("pl", "pol", "Polish"), ("tr", "tur", "Turkish"), ("id", "ind", "Indonesian"), ("hu", "hun", "Hungarian"),
    ("ro", "ron", "Romanian"), ("ca", "cat", "Catalan"), ("cs", "ces", "Czech"), ("uk", "ukr", "Ukrainian"),
    ("el", "ell", "Greek"), ("ja", "jpn", "Japanese"), ("zh", "cmn", "Mandarin"), ("ko", "kor", "Korean"),
    ("la", "lat", "Latin"), ("ar", "ara", "Arabic"), ("he", "heb", "Hebrew"), ("hi", "hin", "Hindi"),
    ("bn", "ben", "Bengali"), ("pa", "pan", "Punjabi"), ("gu", "guj", "Gujarati"), ("or", "ori", "Oriya"),
    ("ta", "tam", "Tamil"), ("te", "tel", "Telugu"), ("kn", "kan", "Kannada"), ("ml", "mal", "Malayalam"),
    ("si", "sin", "Sinhalese"), ("th", "tha", "Thai"), ("km", "khm", "Khmer"), ("my", "mya", "Burmese"),
    ("hy", "hye", "Armenian"), ("ka", "kat", "Georgian"), ("am", "amh", "Amharic"),
];

/// The language whose BCP 47 code is `code` (a code of [`LANGS`]).
const fn lang_index(code: &str) -> u8 {
    let mut i = 0;
    while i < LANGS.len() {
        let c = LANGS[i].0.as_bytes();
        let b = code.as_bytes();
        if c.len() == b.len() && c[0] == b[0] && c[1] == b[1] {
            return i as u8;
        }
        i += 1;
    }
    panic!("unknown language code")
}

impl Lang {
    /// Undetermined: no letters, or too little text to tell.
    pub const UND: Lang = Lang(None);
    /// English.
    pub const EN: Lang = Lang(Some(lang_index("en")));
    /// Japanese.
    pub const JA: Lang = Lang(Some(lang_index("ja")));
    /// Chinese (Mandarin).
    pub const ZH: Lang = Lang(Some(lang_index("zh")));

    /// The BCP 47 code: the ISO 639-1 code ("en", "ja", "zh"); "und" when undetermined.
    pub fn code(self) -> &'static str {
        self.entry().map_or("und", |e| e.0)
    }

    fn entry(self) -> Option<&'static (&'static str, &'static str, &'static str)> {
        self.0.and_then(|i| LANGS.get(usize::from(i)))
    }

    /// The language for a BCP 47 or ISO 639 code ("en", "en-GB", "eng", "zh-Hans"); `UND` for codes
    /// it does not know. Case-insensitive.
    pub fn from_code(code: &str) -> Lang {
        let primary = code.split(['-', '_']).next().unwrap_or("").trim().to_ascii_lowercase();
        if primary.is_empty() || primary == "und" {
            return Lang::UND;
        }
        let found = LANGS.iter().position(|(c, c3, _)| *c == primary || *c3 == primary);
        match (found, primary.as_str()) {
            (Some(i), _) => Lang(Some(i as u8)),
            // Common codes that name the same languages differently.
            (None, "no" | "nn" | "nor") => Lang(Some(lang_index("nb"))),
            (None, "zho" | "chi") => Lang::ZH,
            _ => Lang::UND,
        }
    }

    /// The language's English name ("English"), or "Undetermined".
    pub fn name(self) -> &'static str {
        self.entry().map_or("Undetermined", |e| e.2)
    }

    /// Whether the language is written without spaces between words (Chinese, Japanese, Thai, ...):
    /// then text is measured in characters, not words.
    pub fn is_unspaced(self) -> bool {
        matches!(self.code(), "zh" | "ja" | "th" | "km" | "my")
    }

    /// Whether the language is determined.
    pub fn is_known(self) -> bool {
        self.0.is_some()
    }
}

/// Function words of languages that the detector tells apart but that have no stop-word list of
/// their own: Latin (placeholder text is Latin).
const DETECT_ONLY: &[(&str, &str)] = &[(
    "la",
    "a ab ac ad an ante at atque aut autem cum de dum e ea eam eas ego eius enim eo eos erat esse est et etiam ex hic hoc iam id in inter ipse is ita me mihi nam ne nec neque nisi non nos nunc per post pro quae quam qui quia quid quis quo quod sed si sic sine sit sub sunt tam tamen te tibi tu tum ubi ut vel vero",
)];

/// The language whose script alone tells it, for letters of such a script.
fn script_language(c: char) -> Option<&'static str> {
    Some(match c as u32 {
        0x0370..=0x03FF | 0x1F00..=0x1FFF => "el",
        0x0530..=0x058F => "hy",
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => "he",
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => "ar",
        0x0900..=0x097F | 0xA8E0..=0xA8FF => "hi",
        0x0980..=0x09FF => "bn",
        0x0A00..=0x0A7F => "pa",
        0x0A80..=0x0AFF => "gu",
        0x0B00..=0x0B7F => "or",
        0x0B80..=0x0BFF => "ta",
        0x0C00..=0x0C7F => "te",
        0x0C80..=0x0CFF => "kn",
        0x0D00..=0x0D7F => "ml",
        0x0D80..=0x0DFF => "si",
        0x0E00..=0x0E7F => "th",
        0x1000..=0x109F => "my",
        0x1780..=0x17FF => "km",
        0x10A0..=0x10FF | 0x2D00..=0x2D2F => "ka",
        0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xAC00..=0xD7FF => "ko",
        0x1200..=0x139F | 0x2D80..=0x2DDF => "am",
        _ => return None,
    })
}

/// Detects the main language of `text`. Returns [`Lang::UND`] for text with too few letters to tell
/// (under 12), and for text in the Latin or Cyrillic script whose function words do not say which
/// language it is (under 200 letters, at least 15% of its words must be function words of the
/// language; longer text needs any).
///
/// The script decides first: kana is Japanese, Chinese characters without kana Chinese, Hangul
/// Korean, and each script that only one language here writes is that language. Text in the Latin
/// or Cyrillic script is the language whose function words ([`STOPWORDS`], and Latin's) cover most
/// of its words. Long texts are sampled (beginning, middle and end, [`DETECT_SAMPLE_BYTES`] in
/// all), so the cost is bounded whatever the input's size. (A trigram detector, `whatlang`, did
/// this before; it cost 73 KB of the page's gzipped wasm, and the eval's texts get the same
/// languages.)
pub fn detect(text: &str) -> Lang {
    let sample = sample(text);
    let (mut letters, mut latin, mut cyrillic, mut han, mut kana) = (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut other: Vec<(&'static str, usize)> = Vec::new();
    // ASCII letters are Latin letters: counted by byte.
    let ascii_letters = count_bytes(sample.as_bytes(), |b| b.is_ascii_alphabetic());
    letters += ascii_letters;
    latin += ascii_letters;
    for c in sample.chars().filter(|c| !c.is_ascii()) {
        if !c.is_alphabetic() {
            continue;
        }
        letters += 1;
        match script_of(c) {
            Some(Script::Latin) => latin += 1,
            Some(Script::Cyrillic) => cyrillic += 1,
            Some(Script::Han) => han += 1,
            Some(Script::Hiragana | Script::Katakana) => kana += 1,
            _ => {
                if let Some(code) = script_language(c) {
                    match other.iter_mut().find(|(k, _)| *k == code) {
                        Some((_, n)) => *n += 1,
                        None => other.push((code, 1)),
                    }
                }
            }
        }
    }
    if letters < 12 {
        return Lang::UND;
    }
    let (top_other, n_other) = other.iter().copied().max_by_key(|&(_, n)| n).unwrap_or(("", 0));
    let cjk = han + kana;
    let best = latin.max(cyrillic).max(cjk).max(n_other);
    if best == 0 {
        return Lang::UND;
    }
    if cjk == best {
        return if kana > 0 && kana * 20 >= cjk { Lang::JA } else { Lang::ZH };
    }
    if n_other == best && n_other > latin.max(cyrillic) {
        return Lang::from_code(top_other);
    }
    // Latin or Cyrillic letters: the language whose function words cover most words.
    let (total, counts) = stopword_counts(&sample);
    let floor = if letters < 200 { 0.15 } else { f64::MIN_POSITIVE };
    let script = if cyrillic > latin { Script::Cyrillic } else { Script::Latin };
    let mut choice = (Lang::UND, 0.0f64);
    for (i, (code, list)) in STOPWORDS.iter().chain(DETECT_ONLY).enumerate() {
        // Only the lists written in the text's script.
        if list.chars().find(|c| c.is_alphabetic()).and_then(script_of) != Some(script) {
            continue;
        }
        let lang = Lang::from_code(code);
        let r = if total == 0 { 0.0 } else { counts[i] as f64 / total as f64 };
        if r > choice.1 {
            choice = (lang, r);
        }
    }
    if choice.1 >= floor {
        choice.0
    } else {
        Lang::UND
    }
}

/// At most [`DETECT_SAMPLE_BYTES`] of `text`: all of it when short, else three slices.
fn sample(text: &str) -> Cow<'_, str> {
    if text.len() <= DETECT_SAMPLE_BYTES {
        return Cow::Borrowed(text);
    }
    let part = DETECT_SAMPLE_BYTES / 3;
    let mut out = String::with_capacity(DETECT_SAMPLE_BYTES + 4);
    for start in [0, text.len() / 2 - part / 2, text.len() - part] {
        let s = floor_boundary(text, start);
        let e = floor_boundary(text, start + part);
        out.push_str(&text[s..e]);
        out.push(' ');
    }
    Cow::Owned(out)
}

/// The largest char boundary of `text` at or below `i`.
fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The Unicode words of `text` (UAX #29): runs of letters and digits, with inner apostrophes and
/// dots kept ("don't", "U.S"); punctuation and spaces are skipped. In Chinese and Japanese every
/// ideograph and kana is a word of its own (katakana runs stay together).
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    // The same words as `text.unicode_words()`: ASCII text by `AsciiWords`, other text piece by
    // piece (see `pieces`).
    let (ascii, mixed) = if text.is_ascii() {
        (Some(AsciiWords::new(text).map(|(_, w)| w)), None)
    } else {
        (None, Some(pieces(text).flat_map(|(_, piece)| piece_words(piece))))
    };
    ascii.into_iter().flatten().chain(mixed.into_iter().flatten())
}

/// Like [`words`], with each word's byte offset in `text`.
pub fn word_indices(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let (ascii, mixed) = if text.is_ascii() {
        (Some(AsciiWords::new(text)), None)
    } else {
        (None, Some(pieces(text).flat_map(|(at, piece)| piece_word_indices(piece).map(move |(i, w)| (at + i, w)))))
    };
    ascii.into_iter().flatten().chain(mixed.into_iter().flatten())
}

/// The words of one piece of [`pieces`], as [`words`] has them.
fn piece_words(piece: &str) -> impl Iterator<Item = &str> {
    let (ascii, unicode) = if piece.is_ascii() {
        (Some(AsciiWords::new(piece).map(|(_, w)| w)), None)
    } else {
        (None, Some(piece.unicode_words()))
    };
    ascii.into_iter().flatten().chain(unicode.into_iter().flatten())
}

/// The words of one piece of [`pieces`] with their offsets in it, as [`word_indices`] has them.
fn piece_word_indices(piece: &str) -> impl Iterator<Item = (usize, &str)> {
    let (ascii, unicode) = if piece.is_ascii() {
        (Some(AsciiWords::new(piece)), None)
    } else {
        (None, Some(piece.split_word_bound_indices().filter(|(_, w)| w.chars().any(char::is_alphanumeric))))
    };
    ascii.into_iter().flatten().chain(unicode.into_iter().flatten())
}

/// The UAX #29 words of ASCII text with their offsets, in one pass over the bytes: what
/// `unicode_word_indices` gives for ASCII (unit tests compare the two on random text), at a
/// fraction of the cost of its general state machine, on the hottest path of the summary. In
/// ASCII the rules come down to: letters, digits and '_' hold together (WB5, WB8-WB10, WB13a-b);
/// ':', '.' and '\'' join two letters (WB6-WB7); ',', ';', '.' and '\'' join two digits
/// (WB11-WB12); everything else breaks; a word is a segment with a letter or digit.
struct AsciiWords<'t> {
    text: &'t str,
    pos: usize,
}

impl<'t> AsciiWords<'t> {
    fn new(text: &'t str) -> Self {
        debug_assert!(text.is_ascii());
        AsciiWords { text, pos: 0 }
    }
}

impl<'t> Iterator for AsciiWords<'t> {
    type Item = (usize, &'t str);

    fn next(&mut self) -> Option<Self::Item> {
        let b = self.text.as_bytes();
        let holds = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
        let joins = |before: u8, mid: u8, after: u8| {
            (before.is_ascii_alphabetic() && after.is_ascii_alphabetic() && matches!(mid, b':' | b'.' | b'\''))
                || (before.is_ascii_digit() && after.is_ascii_digit() && matches!(mid, b',' | b';' | b'.' | b'\''))
        };
        loop {
            let start = self.pos + b.get(self.pos..)?.iter().position(|&c| holds(c))?;
            let mut end = start + 1;
            loop {
                end += b[end..].iter().position(|&c| !holds(c)).unwrap_or(b.len() - end);
                match (b.get(end), b.get(end + 1)) {
                    (Some(&mid), Some(&after)) if joins(b[end - 1], mid, after) => end += 2,
                    _ => break,
                }
            }
            self.pos = end;
            let w = &self.text[start..end];
            if b[start] != b'_' || w.bytes().any(|c| c != b'_') {
                return Some((start, w));
            }
        }
    }
}

/// `text` cut into pieces, with their offsets, where no UAX #29 word boundary depends on what lies
/// across the cut: after an ASCII space, tab or line break that an ASCII character follows. (The
/// rules look at most two characters beyond a boundary, skipping only combining and format
/// characters, which are not ASCII; a space breaks every word.) The pieces that are all ASCII take
/// the segmenter's ASCII shortcut, so a few curly quotes or dashes do not send a whole paragraph
/// down the general path, which costs several times more.
fn pieces(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let is_cut = move |c: usize| bytes[c - 1].is_ascii_whitespace() && bytes[c] < 0x80;
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        pos = match bytes[start..].iter().position(|&b| b >= 0x80) {
            None => bytes.len(),
            Some(k) => {
                let first = start + k;
                // The ASCII before the last cut ahead of the first non-ASCII character, if any;
                // else the rest up to the first cut after it.
                match (start + 1..first).rev().find(|&c| is_cut(c)) {
                    Some(c) => c,
                    None => (first + 1..bytes.len()).find(|&c| is_cut(c)).unwrap_or(bytes.len()),
                }
            }
        };
        Some((start, &text[start..pos]))
    })
}

/// How many bytes of `bytes` satisfy `pred`: summed in runs of 255 with byte-wide counters, a
/// loop the compiler turns into vector instructions where it can.
pub(crate) fn count_bytes(bytes: &[u8], pred: impl Fn(u8) -> bool) -> usize {
    bytes.chunks(255).map(|run| usize::from(run.iter().fold(0u8, |n, &b| n + u8::from(pred(b))))).sum()
}

/// The position of the first byte of `bytes` that satisfies `pred`. Runs of 32 bytes without one
/// are passed over with a single test each, which the compiler turns into vector instructions
/// where it can: for scans that stop rarely (line breaks, brackets, quotation marks).
pub(crate) fn position_byte(bytes: &[u8], pred: impl Fn(u8) -> bool) -> Option<usize> {
    let mut at = 0;
    for run in bytes.chunks(32) {
        if run.iter().fold(false, |any, &b| any | pred(b)) {
            return run.iter().position(|&b| pred(b)).map(|k| at + k);
        }
        at += run.len();
    }
    None
}

/// A writing system, as far as the core needs to tell them apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Script {
    /// Latin letters.
    Latin,
    /// Cyrillic.
    Cyrillic,
    /// Greek.
    Greek,
    /// Armenian.
    Armenian,
    /// Georgian.
    Georgian,
    /// Hebrew.
    Hebrew,
    /// Arabic (also Persian, Urdu).
    Arabic,
    /// Devanagari (Hindi, Marathi, Nepali, ...).
    Devanagari,
    /// Bengali and the other Brahmic scripts of India and Sri Lanka.
    Indic,
    /// Thai, Lao, Khmer, Myanmar: written without spaces between words.
    SoutheastAsian,
    /// Chinese characters (also in Japanese and Korean text).
    Han,
    /// Japanese hiragana.
    Hiragana,
    /// Japanese katakana.
    Katakana,
    /// Korean hangul.
    Hangul,
    /// Ethiopic (Amharic).
    Ethiopic,
    /// Any other letters.
    Other,
}

impl Script {
    /// Chinese, Japanese or Korean characters: text read in characters per minute.
    pub fn is_cjk(self) -> bool {
        matches!(self, Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul)
    }

    /// Scripts written without spaces between words.
    pub fn is_unspaced(self) -> bool {
        matches!(self, Script::Han | Script::Hiragana | Script::Katakana | Script::SoutheastAsian)
    }
}

/// The script of a letter; `None` for anything that is not a letter or mark (digits, punctuation,
/// spaces, symbols).
pub fn script_of(c: char) -> Option<Script> {
    let u = c as u32;
    if u < 0x80 {
        return c.is_ascii_alphabetic().then_some(Script::Latin);
    }
    // CJK punctuation, full-width forms and the like are not letters.
    if !(c.is_alphabetic() || is_mark(u)) {
        return None;
    }
    Some(match u {
        0x00C0..=0x024F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF | 0xFF21..=0xFF5A => Script::Latin,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x0530..=0x058F => Script::Armenian,
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => Script::Hebrew,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Script::Arabic,
        0x0900..=0x097F | 0xA8E0..=0xA8FF => Script::Devanagari,
        0x0980..=0x0DFF => Script::Indic,
        0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF => Script::SoutheastAsian,
        0x10A0..=0x10FF | 0x2D00..=0x2D2F => Script::Georgian,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xAC00..=0xD7FF => Script::Hangul,
        0x1200..=0x139F | 0x2D80..=0x2DDF => Script::Ethiopic,
        0x3040..=0x309F => Script::Hiragana,
        0x30A0..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => Script::Katakana,
        0x2E80..=0x2FDF | 0x3005..=0x3007 | 0x3021..=0x3029 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF => Script::Han,
        0xF900..=0xFAFF | 0x20000..=0x3FFFF => Script::Han,
        _ => Script::Other,
    })
}

/// Combining marks of the Indic and other scripts (vowel signs are marks, not letters).
fn is_mark(u: u32) -> bool {
    matches!(u, 0x0300..=0x036F | 0x0591..=0x05C7 | 0x064B..=0x065F | 0x0900..=0x0DFF | 0x0E31..=0x0E4E)
}

/// Whether `c` is a Chinese, Japanese or Korean character.
pub fn is_cjk(c: char) -> bool {
    script_of(c).is_some_and(Script::is_cjk)
}

/// The script of most letters of `text`. Japanese, which mixes kanji and kana, is returned as
/// [`Script::Hiragana`] when kana make up at least a twentieth of the commonest script's count.
/// `None` when `text` has no letters.
pub fn dominant_script(text: &str) -> Option<Script> {
    let mut counts: Vec<(Script, usize)> = Vec::with_capacity(4);
    for s in text.chars().filter_map(script_of) {
        match counts.iter_mut().find(|(k, _)| *k == s) {
            Some((_, n)) => *n += 1,
            None => counts.push((s, 1)),
        }
    }
    let count = |s: Script| counts.iter().find(|(k, _)| *k == s).map_or(0, |(_, n)| *n);
    let kana = count(Script::Hiragana) + count(Script::Katakana);
    let (top, n) = counts.iter().copied().max_by_key(|&(_, n)| n)?;
    if top.is_cjk() && top != Script::Hangul && kana * 20 >= n {
        return Some(Script::Hiragana);
    }
    Some(top)
}

/// Hand-written lists of function words: pronouns, articles, prepositions, conjunctions, auxiliary
/// verbs and the commonest adverbs. One space-separated string per language, lowercase.
const STOPWORDS: &[(&str, &str)] = &[
    ("en", "a about above across after again against ago all almost along already also amid amidst although always am among an and another any anyone anything are aren't around as at be became because become been before behind being below beneath beside besides between beyond both but by can can't cannot could couldn't did didn't do does doesn't doing don't done down during despite each either else enough even ever every except few for from further get gets got had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how how's however i i'd i'll i'm i've if in inside into is isn't it it's its itself just last least less let's like made make many may me might mine more most much must mustn't my myself neither never new no nor not now of off often on once one only onto or other others ought our ours ourselves out outside over own per perhaps put quite rather really said same say says see seem seemed several shall shan't she she'd she'll she's should shouldn't since so some something still such than that that's the their theirs them themselves then there there's these they they'd they'll they're they've thing things this those though through thus to too toward towards under unlike until up upon us very via was wasn't we we'd we'll we're we've well were weren't what what's whatever when when's where where's whereas whether which while who who's whom whose why why's will with within without won't would wouldn't yes yet you you'd you'll you're you've your yours yourself yourselves n't 's 're 've 'll 'd 'm"),
    ("fr", "a à afin ai aie aient ainsi alors as au aucun aupres auquel aura aurai auraient aurais aurait auras aurez auriez aurions aurons auront aussi autre autres aux avaient avais avait avant avec avez aviez avions avoir avons ayant ayez ayons c ça car ce ceci cela celle celles celui cependant certains ces cet cette ceux chaque chez ci comme comment d dans de depuis des donc dont du elle elles en encore entre es est et étaient étais était étant été être eu eue eues eurent eus eut eux fait faire fois furent fut ici il ils j je jusqu l la là le les leur leurs lors lorsque lui m ma mais me même mes moi moins mon n ne ni non nos notre nous on ont or ou où par parce pas pendant peu peut plus plutôt pour pourquoi puis qu quand que quel quelle quelles quels qui quoi s sa sans se selon ses si sien soi soit sommes son sont sous suis sur t ta tandis te tes toi ton tous tout toute toutes très tu un une vers vos votre vous y"),
    ("de", "aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes anders auch auf aus bei beim bin bis bist da dabei dadurch daher damit dann darauf darin darum das dass daß dein deine dem den denen denn der deren des dessen dich die dies diese diesem diesen dieser dieses dir doch dort du durch ein eine einem einen einer eines einige einmal er es etwa etwas euch euer eure für gegen gewesen habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im immer in indem ins ist ja jede jedem jeden jeder jedes jedoch jene jetzt kann kein keine keinem keinen keiner können könnte machen man manche mehr mein meine mich mir mit muss musste nach nicht nichts noch nun nur ob oder ohne schon sehr sein seine seinem seinen seiner seit selbst sich sie sind so solche soll sollte sondern sowie über um und uns unser unsere unter viel vom von vor während war waren warum was weil welche welchem welchen welcher welches wenn wer werde werden wie wieder will wir wird wo wollen worden würde würden zu zum zur zwar zwischen"),
    ("es", "a al algo algunas algunos ante antes aquí así aun aunque cada como con contra cual cuando de del desde donde dos durante e el él ella ellas ellos en entre era eran es esa esas ese eso esos esta está están estaba estado estar estas este esto estos fue fueron ha había habían han hasta hay la las le les lo los más me mi mientras muy nada ni no nos nosotros o otra otras otro otros para pero poco por porque pues que qué quien se sea según ser si sí sido sin sino sobre son su sus también tan tanto te tiene tienen todo todos tras tu tú un una uno unos y ya yo"),
    ("it", "a ad agli ai al alla alle allo anche ancora avere aveva avevano c che chi ci come con contro cosa così cui da dagli dai dal dalla dalle dallo degli dei del della delle dello dentro di dopo dove e è ed era erano essere fa fino fra fu gli ha hanno ho i il in io la le lei li lo loro lui ma mai me mi molto ne negli nei nel nella nelle nello no noi non nostro o ogni oltre per perché però più poi quale quando quanto quella quelle quelli quello questa queste questi questo qui se sempre senza si sia siamo sono sopra sotto stato su sua sue sui sul sulla sulle suo suoi tra tra tutti tutto un una uno voi"),
    ("pt", "a à ao aos aquela aquele aqueles as às até com como da das de dela dele deles depois do dos e é ela elas ele eles em entre era eram essa essas esse esses esta está estão estava este estes eu foi foram há isso isto já la lhe lhes mais mas me mesmo meu minha muito na nas não nem no nos nós nossa nosso num numa o os ou para pela pelas pelo pelos por porque quando que quem se seja sem ser seu seus só sua suas também te tem têm tinha um uma umas uns você"),
    ("nl", "aan al alle als alleen altijd ben bij daar dan dat de der deze die dit doch doen door dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren was wat we wel werd wie wij wil worden wordt zal ze zei zelf zich zij zijn zo zonder zou"),
    ("sv", "alla allt att av blev bli blir de dem den denna deras dess det detta dig din dina ditt du där efter ej eller en er era ert ett från för ha hade han hans har hela henne hennes hon honom hur här i icke ingen inom inte jag ju kan kunde man med mellan men mig min mina mitt mot mycket ni nu när någon något några och om oss på samma sedan sig sin sina sitta själv skulle som så till under upp ut utan vad var vara varför varit vars vi vid vilka vilken vilket vår våra vårt än är åt över"),
    ("da", "af alle alt anden at blev blive bliver da de dem den denne der deres det dette dig din disse dog du efter eller en end er et for fra ham han hans har havde have hende hendes her hos hun hvad hvis hvor i ikke ind jeg jer jo kunne man mange med meget men mig min mine mit mod ned noget nogle nu når og også om op os over på selv sig sin sine sit skal skulle som sådan thi til ud under var vi vil ville vor være været"),
    ("nb", "alle at av bare begge ble blei bli blir blitt både da de deg dei deim deira deires dem den denne der dere deres det dette di din disse ditt du dykk dykkar då eg ein eit eitt eller elles en enn er et ett etter for fordi fra før ha hadde han hans har hennar henne hennes her hjå ho hoe honom hoss hossen hun hva hvem hver hvilke hvilken hvis hvor hvordan hvorfor i ikke ikkje ingen ingi inkje inn inni ja jeg kan kom korleis kun kunne kva kvar kvarhelst kven kvi kvifor man mange me med medan meg meget mellom men mi min mine mitt mot mykje ned no noe noen noka noko nokon nokor nokre nå når og også om opp oss over på samme seg selv si sia sidan siden sin sine sitt sjøl skal skulle slik so som somme somt så sånn til um upp ut uten var vart varte ved vere verte vi vil ville vore vors vort vår være vært å"),
    ("fi", "ei eivät emme en et ette että he heidän heidät heihin heille heillä heiltä heissä heistä heitä hän häneen hänelle hänellä häneltä hänen hänessä hänestä hänet häntä itse ja johon joiden joihin joiksi joilla joille joilta joina joissa joista joita joka joksi jolla jolle jolta jona jonka jos jossa josta jota jotka kanssa keiden keihin keiksi keille keillä keiltä keinä keissä keistä keitä keneen keneksi kenelle kenellä keneltä kenen kenenä kenessä kenestä kenet ketkä ketä koska kuin kuka kun me meidän meidät meihin meille meillä meiltä meissä meistä meitä mihin miksi mikä mille millä miltä minkä minua minulla minulle minulta minun minussa minusta minut minuun minä missä mistä mitkä mitä mukaan mutta ne niiden niihin niiksi niille niillä niiltä niin niinä niissä niistä niitä noiden noihin noiksi noilla noille noilta noin noina noissa noista noita nuo nyt näiden näihin näiksi näille näillä näiltä näinä näissä näistä näitä nämä ole olemme olen olet olette oli olimme olin olisi olisimme olisin olisit olisitte olisivat olit olitte olivat olla olleet ollut on ovat poikki se sekä sen siihen siinä siitä siksi sille sillä siltä sinua sinulla sinulle sinulta sinun sinussa sinusta sinut sinuun sinä sitä tai te teidän teidät teihin teille teillä teiltä teissä teistä teitä tuo tuohon tuoksi tuolla tuolle tuolta tuon tuona tuossa tuosta tuota tähän täksi tälle tällä tältä tämä tämän tänä tässä tästä tätä vaan vai vaikka yli"),
    ("ru", "а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да даже для до его ее ей ему если есть еще же за здесь и из или им их к как какая какой когда кто ли либо мне может мы на над надо наш не него нее нет ни них но ну о об однако он она они оно от очень по под после при про с так также такой там те тем то того тоже той только том ты у уже хотя чего чей чем что чтобы чье чья эта эти это я"),
    ("pl", "a aby ale bardzo bez bo być był była było były będzie co czy dla do gdy gdzie go i ich im innych iż ja jak jako je jego jej jest jestem jeszcze jeśli już każdy kiedy kto która które którego której który których którym ku lub ma mi może mnie mu na nad nas nawet nie nich nic nim niż o od oraz po pod ponieważ przed przez przy się sobie są ta tak także tam te tego tej ten też to tu tylko w we więc wszystko z za ze że żeby"),
    ("tr", "acaba ama aslında az bazı belki biri birkaç birşey biz bu çok çünkü da daha de defa diye eğer en gibi hem hep hepsi her hiç için ile ise kez ki kim mı mi mu mü nasıl ne neden nerde nerede nereye niçin niye o sanki şey siz şu tüm ve veya ya yani bir olarak olan"),
    ("id", "ada adalah agar akan aku anda antara apa atau bagi bahwa banyak beberapa belum bisa dalam dan dapat dari demikian dengan di dia harus hingga ia ini itu jika juga kami kamu karena ke kepada ketika kita lagi lain lalu maka masih mereka namun oleh pada para saat saja sangat sebagai sebelum sedang sejak sekarang sementara seperti setelah sudah tak tanpa telah tentang terhadap tersebut tetapi tidak untuk yaitu yang"),
    ("hu", "a az egy és hogy nem is meg de van volt már csak el ki mint még mi ha be után vagy pedig azt ez ezt én te ő mi ti ők vele neki amely ami aki akkor most itt ott nagyon lesz lett sem"),
    ("ro", "a acea aceasta această aceea acei aceia acel acela acest acesta aceste acestea acestei acestia acestui ai al ale am ar are au avea că ca care ce cel cea cei cele cu da dacă dar de deci din după după este eu fi fie fost iar în între la le lor lui mai mult ne nici nu o or ori pe pentru prin sa să se si și sub sunt tot toate un una unei unui va vor"),
    ("ca", "a al als amb aquest aquesta aquests aquestes com de del dels els en és era està i la les li lo no o per però perquè que qui se ser si sobre són també tot un una uns unes va"),
    ("cs", "a aby ale ani asi až bez bude by byl byla byli bylo být co což či do i jak jako je jeho jej její jen ještě jsem jsme jsou k kde když který která které kteří ke mezi mi na nad než ne není o od po pod pro proto při s se si tak také tam to tu už v ve však z za že"),
    ("uk", "а але б без був була були було бути в від він вона вони воно все вже да для до є же з за і й із їх й к коли ми на не ні о от по при про та так також те ти то тощо у це цей ці що як якщо я"),
    ("el", "ένα έναν αλλά από αυτά αυτές αυτή αυτό αυτός για δε δεν εγώ είναι εκεί η θα και κατά με μετά μια μου να ο οι όπως ότι πιο που προς σε στα στη στην στο στον στους τα την της τι τις το τον του τους των ως"),
    ("ja", "の に は を た が で て と し れ さ ある いる も する から な こと として い や れる など なっ ない この ため その あっ よう また もの という あり まで られ なる へ か だ これ によって により おり より による ず なり られる において ば なかっ なく しかし について せ だっ できる それ う ので なお のみ でき き つ における および いう さらに でも ら たり たち ます ん なら に対して 特に せる 及び これら とき では にて ほか ながら うち そして とともに ただし または お ほど ものの に対する です とも ところ ここ"),
    ("zh", "的 了 在 是 我 有 和 就 不 人 都 一 一个 上 也 很 到 说 要 去 你 会 着 没有 看 好 自己 这 他 她 它 们 那 与 及 而 或 之 其 被 把 对 从 以 为 于 将 等 但 并 所 此 由 该 已 中 后 个 年 月 日"),
    ("ko", "이 그 저 것 수 등 및 또는 그리고 하지만 그러나 또 더 때 중 위해 대한 있는 있다 없다 하는 했다 한다 이다 있습니다 합니다 것이다 그는 그녀는 우리 나는"),
];

/// The stop-word lists as sets, which list each language has, and for each word the languages
/// whose list holds it (bit `i` for `STOPWORDS[i]`); built on first use.
struct StopWords {
    sets: Vec<FxHashSet<&'static str>>,
    /// For each language of [`LANGS`], by its index, the index of its list in `sets`.
    index: Vec<Option<usize>>,
    langs_of: FxHashMap<&'static str, u32>,
}

fn stopwords() -> &'static StopWords {
    static SETS: OnceLock<StopWords> = OnceLock::new();
    SETS.get_or_init(|| {
        let sets: Vec<FxHashSet<&'static str>> = STOPWORDS.iter().map(|(_, list)| list.split(' ').collect()).collect();
        // A language's list is the one whose code is the language's code.
        let index =
            (0..LANGS.len()).map(|l| STOPWORDS.iter().position(|(c, _)| *c == Lang(Some(l as u8)).code())).collect();
        // Bit i: STOPWORDS[i], then the detector's own lists.
        let mut langs_of: FxHashMap<&'static str, u32> = FxHashMap::default();
        for (i, (_, list)) in STOPWORDS.iter().chain(DETECT_ONLY).enumerate() {
            for w in list.split(' ') {
                *langs_of.entry(w).or_default() |= 1 << i;
            }
        }
        StopWords { sets, index, langs_of }
    })
}

/// The stop-word set of `lang`, built on first use.
fn stopword_set(lang: Lang) -> Option<&'static FxHashSet<&'static str>> {
    let s = stopwords();
    let i = s.index.get(usize::from(lang.0?)).copied().flatten()?;
    s.sets.get(i)
}

/// The number of words of `text`, and for each list of `STOPWORDS` and then `DETECT_ONLY` how many
/// of them it holds.
fn stopword_counts(text: &str) -> (usize, Vec<usize>) {
    let s = stopwords();
    let mut counts = vec![0usize; STOPWORDS.len() + DETECT_ONLY.len()];
    let mut total = 0usize;
    let mut lower = String::new();
    for w in words(text) {
        total += 1;
        let mut langs = s.langs_of.get(lowercase(w, &mut lower)).copied().unwrap_or(0);
        while langs != 0 {
            counts[langs.trailing_zeros() as usize] += 1;
            langs &= langs - 1;
        }
    }
    (total, counts)
}

/// `w` in lower case (in `buf` when it has capitals; as it is otherwise).
fn lowercase<'w>(w: &'w str, buf: &'w mut String) -> &'w str {
    if w.is_ascii() {
        if !w.bytes().any(|b| b.is_ascii_uppercase()) {
            return w;
        }
        buf.clear();
        buf.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return buf.as_str();
    }
    if w.chars().any(char::is_uppercase) {
        buf.clear();
        buf.extend(w.chars().flat_map(char::to_lowercase));
        buf.as_str()
    } else {
        w
    }
}

/// Whether there is a stop-word list for `lang` (English, French, German, Spanish, Italian,
/// Portuguese, Dutch, Swedish, Danish, Norwegian, Finnish, Russian, Polish, Turkish, Indonesian,
/// Hungarian, Romanian, Catalan, Czech, Ukrainian, Greek, Japanese, Chinese, Korean).
pub fn has_stopwords(lang: Lang) -> bool {
    stopword_set(lang).is_some()
}

/// Whether `word` is a function word of `lang` (case-insensitive). For an undetermined language or
/// one without a list, English is used: English words are the likeliest in mixed or tiny input.
pub fn is_stopword(lang: Lang, word: &str) -> bool {
    let set = stopword_set(lang).or_else(|| stopword_set(Lang::EN));
    let Some(set) = set else { return false };
    if word.is_ascii() {
        // Lower-cased on the stack (ASCII lower case is what `to_lowercase` gives).
        let mut buf = [0u8; 24];
        if !word.bytes().any(|b| b.is_ascii_uppercase()) {
            return set.contains(word);
        }
        if let Some(lower) = crate::core::evidence::ascii_lower(word, &mut buf) {
            return set.contains(lower);
        }
    }
    if word.chars().any(char::is_uppercase) {
        set.contains(word.to_lowercase().as_str())
    } else {
        set.contains(word)
    }
}

/// The share of the words of `text` that are stop words of `lang`, 0.0 to 1.0 (0.0 for text
/// without words). Prose sits around 0.35 to 0.55 in its own language; lists of names, navigation
/// and code sit far lower.
pub fn stopword_ratio(lang: Lang, text: &str) -> f64 {
    let Some(set) = stopword_set(lang) else {
        return 0.0;
    };
    let (mut total, mut stop) = (0usize, 0usize);
    let mut lower = String::new();
    for w in words(text) {
        total += 1;
        let w = if w.chars().any(char::is_uppercase) {
            lower.clear();
            lower.extend(w.chars().flat_map(char::to_lowercase));
            lower.as_str()
        } else {
            w
        };
        if set.contains(w) {
            stop += 1;
        }
    }
    if total == 0 {
        0.0
    } else {
        stop as f64 / total as f64
    }
}

/// The Snowball algorithm for `lang`, when there is one.
fn algorithm(lang: Lang) -> Option<rust_stemmers::Algorithm> {
    use rust_stemmers::Algorithm as A;
    Some(match lang.code() {
        "ar" => A::Arabic,
        "da" => A::Danish,
        "nl" => A::Dutch,
        "en" => A::English,
        "fi" => A::Finnish,
        "fr" => A::French,
        "de" => A::German,
        "el" => A::Greek,
        "hu" => A::Hungarian,
        "it" => A::Italian,
        "nb" => A::Norwegian,
        "pt" => A::Portuguese,
        "ro" => A::Romanian,
        "ru" => A::Russian,
        "es" => A::Spanish,
        "sv" => A::Swedish,
        "ta" => A::Tamil,
        "tr" => A::Turkish,
        _ => return None,
    })
}

/// Whether [`stem`] does more than lowercase for `lang`.
pub fn has_stemmer(lang: Lang) -> bool {
    algorithm(lang).is_some()
}

/// The stem of `word` in `lang`, lowercased ("Running" -> "run"). Languages without a Snowball
/// stemmer, and words that hold anything but letters, apostrophes and hyphens (numbers, codes), are
/// only lowercased.
pub fn stem(lang: Lang, word: &str) -> Cow<'_, str> {
    let lowered: Cow<'_, str> = if has_upper(word) { Cow::Owned(word.to_lowercase()) } else { Cow::Borrowed(word) };
    stem_lowered(algorithm(lang), lowered)
}

/// Whether `word` has an upper-case letter.
fn has_upper(word: &str) -> bool {
    if word.is_ascii() {
        word.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        word.chars().any(char::is_uppercase)
    }
}

/// [`stem`] of a word already lower-cased, by `lang`'s algorithm `alg`.
fn stem_lowered(alg: Option<rust_stemmers::Algorithm>, lowered: Cow<'_, str>) -> Cow<'_, str> {
    let Some(alg) = alg else {
        return lowered;
    };
    if alg == rust_stemmers::Algorithm::English {
        // Plain a-z words (nearly all English ones): the same stems as rust-stemmers, several times
        // faster (`porter2`).
        match &lowered {
            Cow::Borrowed(w) => {
                if let Some(st) = crate::core::porter2::stem(w) {
                    return st;
                }
            }
            Cow::Owned(w) => {
                if let Some(st) = crate::core::porter2::stem(w) {
                    return Cow::Owned(st.into_owned());
                }
            }
        }
    }
    if lowered.is_empty()
        || !lowered.chars().all(|c| c.is_alphabetic() || is_mark(c as u32) || matches!(c, '\'' | '’' | '-'))
    {
        return lowered;
    }
    let stemmer = rust_stemmers::Stemmer::create(alg);
    match lowered {
        Cow::Borrowed(w) => stemmer.stem(w),
        Cow::Owned(w) => Cow::Owned(stemmer.stem(&w).into_owned()),
    }
}

/// Each distinct word's [`stem`], computed once and kept for the whole call: the summary's terms
/// and the keyphrases stem the same words, and Snowball is the costly part of both. Words are
/// found as written, then in lower case ("The" and "the" share one stem: `stem` lowercases first).
pub struct StemMemo<'t> {
    lang: Lang,
    /// `lang`'s Snowball algorithm, looked up once.
    alg: Option<rust_stemmers::Algorithm>,
    /// Word as written -> index into `stems`.
    by_word: FxHashMap<&'t str, u32>,
    /// Lower-cased copy of a word written with capitals -> index into `stems`.
    by_lower: FxHashMap<String, u32>,
    /// Each stem, and whether it is a stop word of the language.
    stems: Vec<(Cow<'t, str>, bool)>,
}

impl<'t> StemMemo<'t> {
    /// An empty memo for words of `lang`.
    pub fn new(lang: Lang) -> Self {
        StemMemo {
            lang,
            alg: algorithm(lang),
            by_word: FxHashMap::default(),
            by_lower: FxHashMap::default(),
            stems: Vec::new(),
        }
    }

    /// The language the memo stems for.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// `stem(lang, word)`, and whether that stem is a stop word of the language.
    pub fn stem(&mut self, word: &'t str) -> (&str, bool) {
        let k = match self.by_word.get(word) {
            Some(&k) => k,
            None => {
                let k = self.stem_new(word);
                self.by_word.insert(word, k);
                k
            }
        };
        let (st, stop) = &self.stems[k as usize];
        (st, *stop)
    }

    /// The index of the stem of a word not met as written before.
    fn stem_new(&mut self, word: &'t str) -> u32 {
        let (st, lower) = if has_upper(word) {
            let lower = word.to_lowercase();
            if let Some(&k) = self.by_word.get(lower.as_str()).or_else(|| self.by_lower.get(&lower)) {
                return k;
            }
            (Cow::Owned(stem_lowered(self.alg, Cow::Borrowed(lower.as_str())).into_owned()), Some(lower))
        } else {
            // `word` itself is not in `by_word` (the caller looked); a capitalised form of it may have
            // been met.
            if let Some(&k) = self.by_lower.get(word) {
                return k;
            }
            (stem_lowered(self.alg, Cow::Borrowed(word)), None)
        };
        let stop = is_stopword(self.lang, &st);
        let k = self.stems.len() as u32;
        self.stems.push((st, stop));
        if let Some(lower) = lower {
            self.by_lower.insert(lower, k);
        }
        k
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_common_languages() {
        let cases = [
            ("The committee said on Tuesday that it would not change the rules before the next election, despite the protests.", "en"),
            ("Le gouvernement a annoncé mardi qu'il ne changerait pas les règles avant les prochaines élections, malgré les protestations.", "fr"),
            ("Die Regierung hat am Dienstag angekündigt, dass sie die Regeln vor der nächsten Wahl nicht ändern wird.", "de"),
            ("El gobierno anunció el martes que no cambiará las reglas antes de las próximas elecciones, a pesar de las protestas.", "es"),
            ("政府は火曜日、次の選挙の前に規則を変更しないと発表した。抗議にもかかわらず、方針は変わらない。", "ja"),
            ("政府周二宣布，在下次选举之前不会改变规则，尽管有人抗议。", "zh"),
            ("Правительство объявило во вторник, что не будет менять правила до следующих выборов.", "ru"),
            ("सरकार ने मंगलवार को घोषणा की कि वह अगले चुनाव से पहले नियम नहीं बदलेगी।", "hi"),
        ];
        for (text, code) in cases {
            assert_eq!(detect(text).code(), code, "{text}");
        }
    }

    #[test]
    fn detects_by_script_and_function_words() {
        let cases = [
            ("Il governo ha annunciato martedì che non cambierà le regole prima delle prossime elezioni.", "it"),
            ("O governo anunciou na terça-feira que não vai mudar as regras antes das próximas eleições.", "pt"),
            ("De regering heeft dinsdag aangekondigd dat zij de regels voor de volgende verkiezingen niet zal wijzigen.", "nl"),
            ("Regeringen meddelade på tisdagen att den inte kommer att ändra reglerna före nästa val.", "sv"),
            ("Rząd zapowiedział we wtorek, że nie zmieni zasad przed kolejnymi wyborami, mimo protestów.", "pl"),
            ("Уряд оголосив у вівторок, що не змінюватиме правила до наступних виборів, і це вже відомо.", "uk"),
            ("Η κυβέρνηση ανακοίνωσε την Τρίτη ότι δεν θα αλλάξει τους κανόνες πριν από τις εκλογές.", "el"),
            ("정부는 화요일 다음 선거 전에 규칙을 바꾸지 않겠다고 발표했다.", "ko"),
            ("أعلنت الحكومة يوم الثلاثاء أنها لن تغير القواعد قبل الانتخابات المقبلة.", "ar"),
            ("הממשלה הודיעה ביום שלישי כי לא תשנה את הכללים לפני הבחירות הבאות.", "he"),
            ("รัฐบาลประกาศเมื่อวันอังคารว่าจะไม่เปลี่ยนกฎก่อนการเลือกตั้งครั้งหน้า", "th"),
            ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.", "la"),
        ];
        for (text, code) in cases {
            assert_eq!(detect(text).code(), code, "{text}");
        }
    }

    #[test]
    fn lowercase_tokenised_english_is_english() {
        let text = "( cnn ) the mayor said on monday that the city 's new budget would not cut services , '' we are not going to do that , '' she said .";
        assert_eq!(detect(text), Lang::EN);
    }

    #[test]
    fn too_little_text_is_undetermined() {
        for text in ["", "   ", "12:30 — 45%", "OK", "→ ★ ✓"] {
            assert_eq!(detect(text), Lang::UND, "{text:?}");
            assert_eq!(detect(text).code(), "und");
        }
    }

    #[test]
    fn ascii_words_take_the_shortcut_to_the_same_result() {
        let alphabet = b"aZ09 .,;:'\"_-\t\r\n\x0b\x0c!?()/@#";
        let mut x: u64 = 7;
        for _ in 0..20_000 {
            let mut s = String::new();
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            for _ in 0..(x >> 59) {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                s.push(char::from(alphabet[((x >> 33) % alphabet.len() as u64) as usize]));
            }
            let general: Vec<(usize, &str)> =
                s.split_word_bound_indices().filter(|(_, w)| w.chars().any(char::is_alphanumeric)).collect();
            assert_eq!(word_indices(&s).collect::<Vec<_>>(), general, "{s:?}");
        }
    }

    #[test]
    fn ascii_words_are_the_segmenters_words() {
        let mut x: u64 = 5;
        for round in 0..100_000 {
            // All ASCII classes; then mostly word characters and the marks that join them.
            let alphabet: &[u8] = if round % 2 == 0 { b"aZ09 .,;:'\"_-\t\r\n\x0b\x0c!?()/@#" } else { b"aZ09_.,;:' " };
            let mut s = String::new();
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            for _ in 0..(x >> 59) {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                s.push(char::from(alphabet[((x >> 33) % alphabet.len() as u64) as usize]));
            }
            assert_eq!(AsciiWords::new(&s).collect::<Vec<_>>(), s.unicode_word_indices().collect::<Vec<_>>(), "{s:?}");
            assert_eq!(words(&s).collect::<Vec<_>>(), s.unicode_words().collect::<Vec<_>>(), "{s:?}");
        }
    }

    #[test]
    fn words_by_pieces_are_the_words_of_the_whole() {
        // Mixed ASCII and non-ASCII, with the characters UAX #29 treats specially: combining and
        // format marks, joiners, regional indicators, Hebrew and quotes, CJK, kana, line breaks.
        let alphabet: Vec<char> = "aZ09 .,;:'\"_-\t\r\n\x0b\x0c!?()/@#\u{301}\u{200d}\u{ad}\u{200b}\u{a0}\u{2060}\u{1f1e6}\u{1f1e8}\u{5d0}\u{5f4}“”’—…東京カタひらé\u{3000}\u{1f600}"
            .chars()
            .collect();
        let mut x: u64 = 11;
        for _ in 0..20_000 {
            let mut s = String::new();
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            for _ in 0..(x >> 58) {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                s.push(alphabet[((x >> 33) % alphabet.len() as u64) as usize]);
            }
            let whole: Vec<&str> = s.unicode_words().collect();
            assert_eq!(words(&s).collect::<Vec<_>>(), whole, "{s:?}");
            let whole: Vec<(usize, &str)> =
                s.split_word_bound_indices().filter(|(_, w)| w.chars().any(char::is_alphanumeric)).collect();
            assert_eq!(word_indices(&s).collect::<Vec<_>>(), whole, "{s:?}");
        }
    }

    #[test]
    fn codes_round_trip() {
        for (l, entry) in LANGS.iter().enumerate() {
            let lang = Lang(Some(l as u8));
            assert_eq!(Lang::from_code(lang.code()), lang, "{}", lang.code());
            assert_eq!(Lang::from_code(entry.1), lang, "{}", entry.1);
        }
        assert_eq!(Lang::from_code("EN-gb"), Lang::EN);
        assert_eq!(Lang::from_code("zh-Hans"), Lang::ZH);
        assert_eq!(Lang::from_code("xx"), Lang::UND);
        assert_eq!(Lang::from_code(""), Lang::UND);
    }

    #[test]
    fn stopwords_and_ratio() {
        assert!(is_stopword(Lang::EN, "The"));
        assert!(is_stopword(Lang::EN, "n't"));
        assert!(!is_stopword(Lang::EN, "election"));
        assert!(is_stopword(Lang::from_code("de"), "und"));
        assert!(is_stopword(Lang::JA, "の"));
        assert!(is_stopword(Lang::UND, "the"), "undetermined falls back to English");
        let prose = "It was one of the best days of the year, and we spent it on the beach with our friends.";
        let nav = "Home News Sport Weather iPlayer Sounds Bitesize CBeebies";
        assert!(stopword_ratio(Lang::EN, prose) > 0.4);
        assert!(stopword_ratio(Lang::EN, nav) < 0.1);
        assert_eq!(stopword_ratio(Lang::EN, ""), 0.0);
        for (code, list) in STOPWORDS {
            assert!(list.split(' ').all(|w| !w.is_empty() && w.to_lowercase() == w), "{code}");
            assert!(has_stopwords(Lang::from_code(code)), "{code} has no Lang");
        }
    }

    #[test]
    fn stems() {
        assert_eq!(stem(Lang::EN, "Running"), "run");
        assert_eq!(stem(Lang::EN, "elections"), "elect");
        assert_eq!(stem(Lang::from_code("fr"), "élections"), "élect");
        assert_eq!(stem(Lang::EN, "COVID-19"), "covid-19");
        assert_eq!(stem(Lang::JA, "東京"), "東京");
        assert_eq!(stem(Lang::UND, "Cats"), "cats");
    }

    #[test]
    fn stemming_odd_input_never_panics() {
        let odd = [
            "",
            "'",
            "-",
            "''",
            "a'b",
            "ʼnʼnʼn",
            "ǉǉǉ",
            "ßßß",
            "İİİ",
            "ﬁﬂ",
            "x\u{301}\u{301}",
            "ئئئ",
            "ΐΐ",
            "ііі",
            "ẞ",
        ];
        for l in 0..LANGS.len() {
            for w in odd {
                let _ = stem(Lang(Some(l as u8)), w);
                let _ = stem(Lang(Some(l as u8)), &w.repeat(7));
            }
        }
    }

    #[test]
    fn scripts() {
        assert_eq!(script_of('a'), Some(Script::Latin));
        assert_eq!(script_of('é'), Some(Script::Latin));
        assert_eq!(script_of('ж'), Some(Script::Cyrillic));
        assert_eq!(script_of('東'), Some(Script::Han));
        assert_eq!(script_of('の'), Some(Script::Hiragana));
        assert_eq!(script_of('カ'), Some(Script::Katakana));
        assert_eq!(script_of('한'), Some(Script::Hangul));
        assert_eq!(script_of('क'), Some(Script::Devanagari));
        assert_eq!(script_of('ש'), Some(Script::Hebrew));
        assert_eq!(script_of('ع'), Some(Script::Arabic));
        assert_eq!(script_of('。'), None);
        assert_eq!(script_of('7'), None);
        assert!(is_cjk('漢') && !is_cjk('a'));
        assert_eq!(dominant_script("東京都の人口は増えた"), Some(Script::Hiragana));
        assert_eq!(dominant_script("北京是中国的首都"), Some(Script::Han));
        assert_eq!(dominant_script("Hello, 世界"), Some(Script::Latin));
        assert_eq!(dominant_script("12 + 3"), None);
    }

    #[test]
    fn words_skip_punctuation() {
        let w: Vec<_> = words("Don't stop — the U.S. economy grew 3.5% in 2024!").collect();
        assert_eq!(w, ["Don't", "stop", "the", "U.S", "economy", "grew", "3.5", "in", "2024"]);
        let idx: Vec<_> = word_indices("a, bc").collect();
        assert_eq!(idx, [(0, "a"), (3, "bc")]);
    }

    #[test]
    fn huge_input_is_sampled() {
        let text = "The quick brown fox jumps over the lazy dog and then runs away. ".repeat(50_000);
        assert!(sample(&text).len() <= DETECT_SAMPLE_BYTES + 4);
        assert_eq!(detect(&text), Lang::EN);
    }
}
