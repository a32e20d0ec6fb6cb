//! Evidence any article carries, measured on one piece of text: words, sentence punctuation,
//! capitalisation, function-word density, dates, bylines, and the stock phrases of page chrome
//! ("Advertisement", "Share", "Related stories") in several languages.
//!
//! Everything here looks at one string; the classifier combines it with position and neighbours.

use rustc_hash::FxHashSet;

use crate::core::types::{Chrome, LabelKind, Measure};

/// Whether `c` belongs to a script written without spaces between words (Chinese, Japanese, Thai...).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff | 0xac00..=0xd7af
        | 0x0e00..=0x0e7f | 0xff66..=0xff9f | 0x20000..=0x2fa1f)
}

/// Word-like tokens: runs of letters, digits and inner apostrophes or hyphens. Each CJK character
/// counts as a token.
pub fn tokens(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let (word, after) = next_token(rest)?;
        rest = after;
        Some(word)
    })
}

/// The first token of `text` and the text after it. ASCII is read byte by byte; other characters
/// are decoded (the rules are the same for both).
fn next_token(text: &str) -> Option<(&str, &str)> {
    let b = text.as_bytes();
    let mut start = 0;
    let first = loop {
        let x = *b.get(start)?;
        if x < 0x80 {
            if ASCII_ALNUM[usize::from(x)] {
                break x as char;
            }
            start += 1;
        } else {
            let c = text[start..].chars().next()?;
            if c.is_alphanumeric() {
                break c;
            }
            start += c.len_utf8();
        }
    };
    if !first.is_ascii() && is_cjk(first) {
        let end = start + first.len_utf8();
        return Some((&text[start..end], &text[end..]));
    }
    let mut end = start;
    let mut prev_alnum = false;
    let mut i = start;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            if ASCII_ALNUM[usize::from(x)] {
                // A run of ASCII letters and digits, read in one go.
                i += 1;
                while i < b.len() && ASCII_ALNUM[usize::from(b[i])] {
                    i += 1;
                }
                end = i;
                prev_alnum = true;
            } else if prev_alnum && matches!(x, b'\'' | b'-' | b'.') {
                i += 1;
                prev_alnum = false;
            } else {
                break;
            }
        } else {
            let Some(c) = text[i..].chars().next() else { break };
            if c.is_alphanumeric() && !is_cjk(c) {
                i += c.len_utf8();
                end = i;
                prev_alnum = true;
            } else if prev_alnum && c == '\u{2019}' {
                i += c.len_utf8();
                prev_alnum = false;
            } else {
                break;
            }
        }
    }
    Some((&text[start..end], &text[end..]))
}

/// Which bytes are ASCII letters or digits (a table: cheaper than the comparisons).
static ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// The class of each ASCII byte for [`measure`]: 0 other, 1 upper-case letter, 2 lower-case
/// letter, 3 digit.
static ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let x = b as u8;
        t[b] = if x.is_ascii_uppercase() {
            1
        } else if x.is_ascii_lowercase() {
            2
        } else if x.is_ascii_digit() {
            3
        } else {
            0
        };
        b += 1;
    }
    t
};

/// Which bytes [`count_sentence_ends`] stops at: sentence punctuation and the lead bytes of other
/// characters than ASCII.
static SENTENCE_STOPS: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b >= 0x80 || b == b'.' as usize || b == b'!' as usize || b == b'?' as usize;
        b += 1;
    }
    t
};

/// Function words of the languages we meet most, in one set: enough to tell running prose (many
/// function words) from labels, names and menus (few). Language identification is not needed for
/// that question.
#[rustfmt::skip]
const FUNCTION_WORDS: &[&str] = &[
    // English
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "because", "been", "but",
    "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "his", "how",
    "i", "if", "in", "into", "is", "it", "its", "more", "most", "my", "no", "not", "of", "on", "one", "only",
    "or", "our", "out", "she", "so", "some", "than", "that", "the", "their", "them", "then", "there", "these",
    "they", "this", "those", "to", "up", "was", "we", "were", "what", "when", "which", "who", "will", "with",
    "would", "you", "your", "very", "just", "over", "such", "through", "while", "where", "being", "should",
    "may", "might", "must", "each", "both", "between", "other", "own", "same", "under", "again", "against",
    // French
    "le", "la", "les", "un", "une", "des", "du", "de", "et", "est", "en", "que", "qui", "dans", "pour", "pas",
    "sur", "au", "aux", "ce", "cette", "il", "elle", "ils", "sont", "avec", "par", "plus", "ont", "son", "sa",
    "ses", "leur", "mais", "ou", "nous", "vous", "été", "être", "qu", "ne", "se",
    // German
    "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "zu", "den", "dem", "mit", "sich", "auf", "für",
    "von", "im", "es", "auch", "als", "an", "wie", "dass", "er", "sie", "wir", "bei", "nach", "aus", "wird",
    "werden", "hat", "haben", "noch", "oder", "aber", "einer", "eines", "zum", "zur", "vor", "sind", "war",
    // Spanish, Portuguese, Italian
    "el", "los", "las", "y", "es", "del", "por", "con", "para", "una", "lo", "como", "más", "pero", "sus", "al",
    "se", "su", "fue", "ha", "o", "e", "da", "do", "dos", "das", "em", "no", "na", "não", "um", "uma", "os",
    "il", "di", "che", "è", "per", "non", "sono", "della", "delle", "nel", "alla", "gli", "anche", "come",
    // Dutch
    "het", "een", "van", "en", "dat", "op", "te", "zijn", "voor", "niet", "met", "ook", "maar", "bij", "wordt",
    // Czech, Polish, Russian
    "a", "je", "se", "na", "v", "ve", "že", "to", "do", "jako", "by", "s", "z", "i", "w", "nie", "jest", "się",
    "и", "в", "не", "на", "что", "с", "по", "это", "как", "а", "к", "из", "но", "у", "за", "от", "о",
];

/// Whether `w` is a function word ("the", "und", "que") of one of the languages we know.
pub fn is_function_word(w: &str) -> bool {
    if w.len() > 8 {
        return false;
    }
    match ascii_key(w) {
        Some(key) => is_function_key(key),
        None => {
            static ALL: std::sync::OnceLock<FxHashSet<&'static str>> = std::sync::OnceLock::new();
            ALL.get_or_init(|| FUNCTION_WORDS.iter().copied().collect()).contains(w.to_lowercase().as_str())
        }
    }
}

/// Whether an [`ascii_key`] is that of a function word.
pub(crate) fn is_function_key(key: u64) -> bool {
    /// The ASCII function words' keys in an open-addressing table (512 slots, under half full;
    /// 0, the empty word, marks a free slot): a lookup is a multiplication and a probe or two.
    static TABLE: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    const BITS: u32 = 9;
    let slot = |k: u64| (k.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - BITS)) as usize;
    let table = TABLE.get_or_init(|| {
        let mut t = vec![0u64; 1 << BITS];
        for k in FUNCTION_WORDS.iter().filter_map(|w| ascii_key(w)) {
            let mut i = slot(k);
            while t[i] != 0 && t[i] != k {
                i = (i + 1) & ((1 << BITS) - 1);
            }
            t[i] = k;
        }
        t
    });
    let mut i = slot(key);
    loop {
        match table[i] {
            0 => return false,
            k if k == key => return true,
            _ => i = (i + 1) & ((1 << BITS) - 1),
        }
    }
}

/// `w` lower-cased and packed into a `u64` (first byte in the lowest bits), when `w` is ASCII and at
/// most eight bytes long: a key for sets of short words that needs no allocation and no string
/// hashing. Distinct words have distinct keys (no word holds a NUL byte).
pub(crate) fn ascii_key(w: &str) -> Option<u64> {
    let b = w.as_bytes();
    if b.len() > 8 {
        return None;
    }
    // Packed and checked for ASCII in one pass.
    let mut key = 0u64;
    let mut high = 0u8;
    for (k, &x) in b.iter().enumerate() {
        high |= x;
        key |= u64::from(x.to_ascii_lowercase()) << (8 * k);
    }
    (high < 0x80).then_some(key)
}

/// The [`ascii_key`] of the first eight bytes (at most) of ASCII `w`.
pub(crate) fn ascii_key_of(w: &[u8]) -> u64 {
    let mut key = 0u64;
    for (k, &x) in w.iter().take(8).enumerate() {
        key |= u64::from(x.to_ascii_lowercase()) << (8 * k);
    }
    key
}

/// `w` in lower case in `buf`, when `w` is ASCII and fits; `None` otherwise.
pub(crate) fn ascii_lower<'b>(w: &str, buf: &'b mut [u8]) -> Option<&'b str> {
    let out = buf.get_mut(..w.len())?;
    if !w.is_ascii() {
        return None;
    }
    for (o, b) in out.iter_mut().zip(w.bytes()) {
        *o = b.to_ascii_lowercase();
    }
    std::str::from_utf8(out).ok()
}

/// Measures `text`.
pub fn measure(text: &str) -> Measure {
    measure_into(text, None)
}

/// [`measure`] and [`fold`] of `text`, from one reading of its words.
pub(crate) fn measure_folded(text: &str) -> (Measure, String) {
    let mut f = String::with_capacity(text.len());
    let m = measure_into(text, Some(&mut f));
    f.make_ascii_lowercase();
    (m, f)
}

/// Measures `text`; folds it into `fold` as well when asked.
fn measure_into(text: &str, mut fold: Option<&mut String>) -> Measure {
    let mut m = Measure::default();
    let mut chars = 0usize;
    let mut cjk_chars = 0usize;
    let mut letters = 0usize;
    let mut upper = 0usize;
    let mut lower = 0usize;
    let mut digits = 0usize;
    // ASCII counted by class from a table, byte by byte; other characters decoded.
    let bytes = text.as_bytes();
    let mut ascii = [0usize; 4];
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            ascii[usize::from(ASCII_CLASS[usize::from(b)])] += 1;
            i += 1;
            continue;
        }
        chars += 1;
        let Some(c) = text[i..].chars().next() else { break };
        i += c.len_utf8();
        if is_cjk(c) {
            cjk_chars += 1;
        }
        if c.is_alphabetic() {
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
            } else if c.is_lowercase() {
                lower += 1;
            }
        }
    }
    let [other, ascii_upper, ascii_lower, ascii_digits] = ascii;
    chars += other + ascii_upper + ascii_lower + ascii_digits;
    letters += ascii_upper + ascii_lower;
    upper += ascii_upper;
    lower += ascii_lower;
    digits += ascii_digits;
    m.chars = chars;
    m.cjk = cjk_chars * 2 > letters.max(1);
    m.all_caps = upper >= 3 && lower == 0;
    m.digit_ratio = digits as f64 / m.chars.max(1) as f64;
    let mut words = 0usize;
    let mut function = 0usize;
    let mut alpha_words = 0usize;
    let mut capitalised = 0usize;
    let mut prev_cjk = false;
    // ASCII words one space apart are folded by copying the stretch of text that holds them
    // (`text[run.0..run.1]`, written out when the next word does not continue it).
    let mut run: Option<(usize, usize)> = None;
    let flush = |out: &mut String, run: &mut Option<(usize, usize)>| {
        if let Some((a, b)) = run.take() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&text[a..b]);
        }
    };
    let mut rest = text;
    while let Some((w, after)) = next_token(rest) {
        rest = after;
        let end = text.len() - after.len();
        let start = end - w.len();
        words += 1;
        if is_function_word(w) {
            function += 1;
        }
        // An ASCII first letter is read from its byte.
        let (alphabetic, uppercase, cjk) = match w.as_bytes().first() {
            Some(&b) if b < 0x80 => (b.is_ascii_alphabetic(), b.is_ascii_uppercase(), false),
            _ => {
                let first = w.chars().next().unwrap_or(' ');
                let cjk = is_cjk(first);
                (first.is_alphabetic() && !cjk, first.is_uppercase(), cjk)
            }
        };
        if alphabetic {
            alpha_words += 1;
            if uppercase {
                capitalised += 1;
            }
        }
        if let Some(out) = fold.as_deref_mut() {
            if w.is_ascii() {
                match run {
                    Some((a, b)) if start == b + 1 && text.as_bytes()[b] == b' ' => run = Some((a, end)),
                    _ => {
                        flush(out, &mut run);
                        run = Some((start, end));
                    }
                }
            } else {
                flush(out, &mut run);
                push_folded(out, w, cjk, prev_cjk);
            }
            prev_cjk = cjk;
        }
    }
    if let Some(out) = fold {
        flush(out, &mut run);
    }
    m.words = words;
    m.function_ratio = if m.cjk { 0.0 } else { function as f64 / words.max(1) as f64 };
    m.capitalised_ratio = capitalised as f64 / alpha_words.max(1) as f64;
    m.starts_upper = text
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || !(c.is_lowercase()));
    let trimmed = strip_citations(text).trim_end_matches(|c: char| {
        matches!(
            c,
            '"' | '\''
                | ')'
                | ']'
                | '\u{201d}'
                | '\u{2019}'
                | '\u{bb}'
                | '\u{300d}'
                | '\u{300f}'
                | '\u{ff09}'
                | '*'
                | '_'
                | ' '
        )
    });
    let last = trimmed.chars().last();
    m.terminal = matches!(
        last,
        Some('.' | '!' | '?' | '\u{2026}' | '\u{3002}' | '\u{ff01}' | '\u{ff1f}' | '\u{964}' | '\u{61f}' | '\u{6d4}')
    );
    m.ends_with_period = matches!(last, Some('.' | '\u{3002}')) && !trimmed.ends_with("...");
    m.sentences = count_sentence_ends(text);
    m
}

/// Drops trailing citation markers: "...destinations.[206]" -> "...destinations.".
fn strip_citations(text: &str) -> &str {
    let mut t = text.trim_end();
    while let Some(open) = t.strip_suffix(']').and_then(|r| r.rfind('[')) {
        let inner = &t[open + 1..t.len() - 1];
        if inner.is_empty() || inner.chars().count() > 6 || inner.contains(' ') {
            break;
        }
        t = t[..open].trim_end();
    }
    t
}

/// Counts sentence ends: terminal punctuation followed by a space and a capital (or end of text),
/// and CJK/Devanagari full stops.
fn count_sentence_ends(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Other ASCII passed over in one go.
        while i < bytes.len() && !SENTENCE_STOPS[usize::from(bytes[i])] {
            i += 1;
        }
        let Some(&b) = bytes.get(i) else { break };
        if b >= 0x80 {
            let c = text[i..].chars().next().unwrap_or(' ');
            if matches!(c, '\u{3002}' | '\u{ff01}' | '\u{ff1f}' | '\u{964}') {
                n += 1;
            }
            i += c.len_utf8();
            continue;
        }
        i += 1;
        if matches!(b, b'.' | b'!' | b'?') {
            let mut rest = text[i..].chars();
            let next = rest.next();
            let after = rest.next();
            match next {
                None => n += 1,
                Some(' ') if after.is_some_and(|a| a.is_uppercase() || a == '"' || a == '\u{201c}') => {
                    // "Mr. Smith" and initials are not ends: the word before must be longer than 2
                    // letters or end in a lower-case letter after a lower-case one.
                    // "Mr. Smith", "U.S. Army" and initials are not ends; "of. Then" is.
                    let (mut letters, mut first_letter_upper) = (0usize, false);
                    for c in text[..i - 1].chars().rev().take_while(|c| c.is_alphabetic()) {
                        letters += 1;
                        first_letter_upper = c.is_uppercase();
                    }
                    let abbreviation = letters == 1 || letters <= 3 && first_letter_upper;
                    if !abbreviation || b != b'.' {
                        n += 1;
                    }
                }
                _ => {}
            }
        }
    }
    n.max(usize::from(!text.trim().is_empty()))
}

/// Lower-cases and strips everything but letters, digits and single spaces: the key used to compare
/// texts for equality ("Share this!" and "share this" are the same).
pub fn fold(text: &str) -> String {
    fold_limited(text, usize::MAX).0
}

/// [`fold`], when the folded text has at most `max_words` words (`None` otherwise, found without
/// folding the rest of a long text).
pub fn fold_upto(text: &str, max_words: usize) -> Option<String> {
    let (f, complete) = fold_limited(text, max_words);
    complete.then_some(f)
}

/// The first `words` words of [`fold`]`(text)`.
pub fn fold_prefix(text: &str, words: usize) -> String {
    fold_limited(text, words).0
}

/// Folds at most `max_words` words; says whether that was the whole text.
fn fold_limited(text: &str, max_words: usize) -> (String, bool) {
    let mut out = String::with_capacity(text.len().min(max_words.saturating_mul(8)));
    let mut words = 0usize;
    // Whether the last token was a CJK character: CJK runs are one word, with no spaces.
    let mut prev_cjk = false;
    let mut rest = text;
    while let Some((w, after)) = next_token(rest) {
        rest = after;
        let first = w.chars().next().unwrap_or(' ');
        let cjk = !first.is_ascii() && is_cjk(first);
        if (out.is_empty() || !(cjk && prev_cjk)) && words == max_words {
            out.make_ascii_lowercase();
            return (out, false);
        }
        if out.is_empty() || !(cjk && prev_cjk) {
            words += 1;
        }
        push_folded(&mut out, w, cjk, prev_cjk);
        prev_cjk = cjk;
    }
    out.make_ascii_lowercase();
    (out, true)
}

/// Appends token `w` to the folded text `out`, after a space unless it continues a run of CJK
/// characters (`cjk`: `w` is one; `prev_cjk`: so was the token before). Other than ASCII is
/// lower-cased here; ASCII is left for one `make_ascii_lowercase` over the whole (lower case
/// never holds an ASCII capital, so that pass changes nothing else).
fn push_folded(out: &mut String, w: &str, cjk: bool, prev_cjk: bool) {
    if !(out.is_empty() || cjk && prev_cjk) {
        out.push(' ');
    }
    if w.is_ascii() {
        out.push_str(w);
    } else {
        for c in w.chars() {
            out.extend(c.to_lowercase());
        }
    }
}

/// How many words a folded text has (the words of [`fold`] are never empty).
pub(crate) fn folded_words(f: &str) -> usize {
    if f.is_empty() {
        0
    } else {
        f.bytes().filter(|&b| b == b' ').count() + 1
    }
}

/// The first `n` words of a folded text: [`fold_prefix`]`(text, n)` from [`fold`]`(text)`.
pub(crate) fn first_words(f: &str, n: usize) -> &str {
    if n == 0 {
        return "";
    }
    match f.match_indices(' ').nth(n - 1) {
        Some((k, _)) => &f[..k],
        None => f,
    }
}

/// [`fold_upto`]`(text, max_words)` from [`fold`]`(text)`.
fn upto_words(f: &str, max_words: usize) -> Option<&str> {
    // At most `max_words` words: no space after the first `max_words - 1`.
    let fits = match max_words {
        0 => f.is_empty(),
        n => f.bytes().filter(|&b| b == b' ').nth(n - 1).is_none(),
    };
    fits.then_some(f)
}

/// Whether `text` in lower case starts with `prefix` (ASCII), without a lower-case copy of `text`.
fn lower_starts_with(text: &str, prefix: &str) -> bool {
    let mut want = prefix.chars();
    for c in text.chars() {
        for l in c.to_lowercase() {
            match want.next() {
                None => return true,
                Some(w) if w == l => {}
                Some(_) => return false,
            }
        }
    }
    want.next().is_none()
}

/// Whether `text` holds one of the separators of menus and link lists (`|`, `▪`, `•`, `·`, `›`),
/// read from the bytes.
fn has_separator(text: &str) -> bool {
    if text.is_ascii() {
        return text.contains('|');
    }
    let b = text.as_bytes();
    b.iter().enumerate().any(|(i, &x)| match x {
        b'|' => true,
        0xc2 => b.get(i + 1) == Some(&0xb7),
        0xe2 => matches!((b.get(i + 1), b.get(i + 2)), (Some(0x80), Some(0xa2 | 0xba)) | (Some(0x96), Some(0xaa))),
        _ => false,
    })
}

/// Whether folded `f` starts with the words `phrase` and goes on (`f.starts_with(&format!("{phrase} "))`).
pub fn starts_with_word(f: &str, phrase: &str) -> bool {
    f.len() > phrase.len() && f.starts_with(phrase) && f.as_bytes()[phrase.len()] == b' '
}

/// Whether folded `f` ends with the words `phrase` after others (`f.ends_with(&format!(" {phrase}"))`).
pub fn ends_with_word(f: &str, phrase: &str) -> bool {
    f.len() > phrase.len() && f.ends_with(phrase) && f.as_bytes()[f.len() - phrase.len() - 1] == b' '
}

/// Phrases that, alone on a short line, are page chrome. Folded (lower case, no punctuation).
#[rustfmt::skip]
const BOILERPLATE: &[&str] = &[
    "advertisement", "advertising", "advertisements", "ad", "ads", "sponsored", "sponsored content", "paid content",
    "paid post", "promoted", "promoted links", "partner content", "skip to content", "skip to main content",
    "skip to navigation", "jump to navigation", "jump to search", "jump to content", "main menu", "menu", "open menu",
    "close menu", "navigation", "toggle navigation", "search", "close", "home", "share", "share this", "share this article",
    "share this story", "share this post", "share on facebook", "share on twitter", "share on linkedin", "share via email",
    "share article", "tweet", "pin it", "pin", "email", "e mail", "print", "copy link", "link copied", "whatsapp",
    "facebook", "twitter", "linkedin", "reddit", "pinterest", "instagram", "youtube", "tiktok", "flipboard", "x",
    "follow", "follow us", "follow us on", "subscribe", "subscribe now", "subscribe to our newsletter", "newsletter",
    "sign up", "sign up for our newsletter", "sign in", "log in", "login", "log out", "sign out", "register",
    "create account", "create an account", "my account", "accept", "accept all", "accept cookies", "reject all", "cookie settings",
    "manage cookies", "cookies", "cookie policy", "privacy policy", "privacy", "terms of use", "terms of service",
    "terms and conditions", "terms", "contact", "contact us", "about us", "about", "help", "faq", "faqs", "careers",
    "all rights reserved", "back to top", "top", "loading", "please wait", "watch", "listen", "play", "pause",
    "mute", "unmute", "fullscreen", "captions", "playlist", "autoplay", "next", "previous", "prev", "more", "less",
    "show more", "show less", "load more", "see more", "view more", "continue reading", "read full article",
    "cerrar", "fermer", "schließen", "chiudi", "fechar", "tags", "topics", "filed under", "posted in", "categories", "category", "undo", "thanks", "no thanks",
    "get started", "learn more", "download", "download the app", "get the app", "open in app", "listen to this article",
    "min read", "read on", "written by", "like it share it", "gift this article", "save", "saved", "bookmark", "report", "report an error", "feedback",
    "image", "photo", "video", "gallery", "photos", "videos", "view gallery", "enlarge", "expand", "zoom",
    "edit", "edit this page", "view source", "view history", "talk", "discussion", "permalink",
    // French, German, Spanish, Italian, Portuguese, Dutch
    "publicité", "pub", "annonce", "partager", "partagez", "suivez nous", "abonnez vous", "s abonner", "connexion",
    "se connecter", "lire aussi", "lire la suite", "anzeige", "werbung", "teilen", "drucken", "abonnieren",
    "anmelden", "mehr zum thema", "publicidad", "compartir", "suscríbete", "iniciar sesión", "seguir leyendo",
    "pubblicità", "condividi", "iscriviti", "accedi", "publicidade", "compartilhar", "partilhar", "assine",
    "advertentie", "delen", "inloggen",
    // Russian, Czech, Polish
    "реклама", "поделиться", "подписаться", "reklama", "sdílet", "udostępnij",
    // Japanese, Chinese, Korean
    "広告", "シェア", "ツイート", "共有", "ログイン", "広告を非表示", "广告", "分享", "登录", "광고", "공유",
];

#[rustfmt::skip]
const RELATED: &[&str] = &[
    "related", "related stories", "related articles", "related posts", "related content", "related news",
    "related links", "related coverage", "related topics", "artículos relacionados", "notas relacionadas",
    "articles liés", "verwandte artikel", "articoli correlati", "read more", "read next", "read this next", "more stories",
    "more from", "more on this", "more on this story", "more news", "more articles", "you may also like",
    "you might also like", "recommended", "recommended for you", "recommended stories", "most popular", "most read",
    "trending", "trending now", "popular", "latest", "latest news", "latest stories", "up next", "most viewed",
    "las más leídas", "lo más leído", "lo más visto", "les plus lus", "les plus partagés", "meistgelesen",
    "am meisten gelesen", "i più letti", "più letti", "mais lidas", "in case you missed it",
    "also read", "don t miss", "editor s picks", "what to read next", "more to explore", "keep reading",
    "lire aussi", "à lire aussi", "sur le même sujet", "mehr zum thema", "das könnte sie auch interessieren",
    "lesen sie auch", "noticias relacionadas", "te puede interesar", "leggi anche", "articoli correlati",
    "関連記事", "関連ニュース", "相关新闻", "相关文章", "推荐阅读", "читайте также",
];

#[rustfmt::skip]
const COMMENTS: &[&str] = &[
    "regístrate o inicia sesión para comentar", "inicia sesión para comentar", "comments", "comment", "leave a comment", "leave a reply", "post a comment", "add a comment", "show comments",
    "view comments", "reader comments", "join the discussion", "join the conversation", "discussion", "reply",
    "responses", "commentaires", "kommentare", "comentarios", "commenti", "comentários", "reacties",
    "комментарии", "コメント", "评论", "댓글",
];

/// Whether a short line is page chrome, and which kind. Only lines of at most eight words count;
/// longer lines are judged as prose.
pub fn chrome(text: &str) -> Option<Chrome> {
    chrome_folded(text, &fold(text))
}

/// [`chrome`] with [`fold`]`(text)` at hand.
pub(crate) fn chrome_folded(text: &str, f: &str) -> Option<Chrome> {
    if f.is_empty() {
        return None;
    }
    // Cross-references standing before a section ("Main article: X", "See also: Y"). Lower-casing
    // keeps colons and spaces where they are, so the head is cut before lower-casing it; it can
    // match only when short (lower-casing at most divides a length by three).
    let head = text.split_once(':').map(|(head, _)| head.trim()).filter(|h| h.len() <= 64);
    if let Some(head) = head {
        let head = head.to_lowercase();
        if [
            "main article",
            "main articles",
            "previous",
            "next",
            "up next",
            "topics",
            "tags",
            "filed under",
            "filed to",
            "categories",
            "related topics",
            "themen",
            "thèmes",
            "temas",
            "previous post",
            "next post",
            "previous article",
            "next article",
            "see also",
            "further information",
            "related",
            "read more",
            "more",
            "read also",
            "also read",
            "learn more",
            "lire aussi",
            "à lire aussi",
            "voir aussi",
            "siehe auch",
            "véase también",
            "vedi anche",
        ]
        .contains(&head.as_str())
        {
            return Some(Chrome::Related);
        }
    }
    if let Some(kind) = chrome_pattern(text, f) {
        return Some(kind);
    }
    let words = folded_words(f);
    if words > 8 {
        return None;
    }
    let lower = text.to_lowercase();
    let stripped = strip_counts(f);
    let key = stripped.as_str();
    if COMMENTS.contains(&key) {
        return Some(Chrome::Comments);
    }
    if RELATED.contains(&key) || RELATED.iter().any(|p| starts_with_word(key, p) && words <= 5) {
        return Some(Chrome::Related);
    }
    if BOILERPLATE.contains(&key) {
        return Some(Chrome::Boilerplate);
    }
    // A line made only of chrome words ("Share Tweet Email", "Facebook Twitter LinkedIn").
    let parts: Vec<&str> = key.split(' ').collect();
    if parts.len() >= 2 && parts.iter().all(|w| BOILERPLATE.contains(w)) {
        return Some(Chrome::Boilerplate);
    }
    // "Sign In | Join", "Home | News | Sport": segments of chrome.
    if text.contains('|') {
        let segs: Vec<String> = text.split('|').map(fold).filter(|s| !s.is_empty()).collect();
        if segs.len() >= 2
            && segs.iter().any(|s| BOILERPLATE.contains(&s.as_str()))
            && segs.iter().all(|s| s.split(' ').count() <= 3)
        {
            return Some(Chrome::Boilerplate);
        }
    }
    // "Follow us on Twitter", "Suivre le Monde sur Twitter".
    const SOCIAL: &[&str] = &[
        "twitter",
        "facebook",
        "instagram",
        "linkedin",
        "youtube",
        "tiktok",
        "telegram",
        "whatsapp",
        "mastodon",
        "threads",
        "pinterest",
        "rss",
    ];
    const FOLLOW: &[&str] =
        &["follow", "suivre", "suivez", "folgen", "folge", "seguir", "siga", "segui", "volg", "like", "join"];
    if parts.len() <= 7 && FOLLOW.contains(&parts[0]) && parts.iter().any(|w| SOCIAL.contains(w)) {
        return Some(Chrome::Boilerplate);
    }
    if lower.contains('\u{a9}') || lower.starts_with("copyright") || lower.contains("all rights reserved") {
        return Some(Chrome::Boilerplate);
    }
    for p in [
        "sign up for",
        "subscribe to",
        "follow us on",
        "share on",
        "share this",
        "click here",
        "advertisement",
        "cookies to",
        "we use cookies",
        "this site uses cookies",
        "newsletter",
    ] {
        if key.starts_with(p) || (p.len() > 12 && key.contains(p)) {
            return Some(Chrome::Boilerplate);
        }
    }
    None
}

/// Chrome told by its form rather than its words, at any length: copyright lines, menus of links
/// between separators, "› link" lines, teasers that end in "Read more", and a headline printed twice
/// or three times in one line (a card's title, alt text and link run together).
fn chrome_pattern(text: &str, folded: &str) -> Option<Chrome> {
    const SEPARATORS: &[char] = &['|', '\u{25aa}', '\u{2022}', '\u{b7}', '\u{203a}'];
    let separated = has_separator(text);
    // Only lines of chrome's length: a whole article that ends "© 2011 AP" or "Read more" is not.
    let words = folded_words(folded);
    if words > 40 {
        let segments = if separated {
            text.split(SEPARATORS).filter(|s| !s.trim().is_empty()).count()
        } else {
            usize::from(!text.trim().is_empty())
        };
        if segments * 4 < words {
            return None;
        }
    }
    // (The copyright sign is its own lower case.)
    if text.contains('\u{a9}') || lower_starts_with(text, "copyright ") {
        return Some(Chrome::Boilerplate);
    }
    let segments: Vec<&str> =
        if separated { text.split(SEPARATORS).map(str::trim).filter(|s| !s.is_empty()).collect() } else { Vec::new() };
    if segments.len() >= 4 {
        let words: usize = segments.iter().map(|s| s.split_whitespace().count()).sum();
        if words <= segments.len() * 4 {
            return Some(Chrome::Boilerplate);
        }
    }
    // A lone social handle: "@someone". (A lone address may be a reference the article lists.)
    let t = text.trim();
    if t.starts_with('@') && t.len() > 1 && !t.contains(' ') {
        return Some(Chrome::Boilerplate);
    }
    // "Up Next Governments suck at ...": a teaser behind a label with no colon.
    if ["up next ", "read next ", "next up ", "watch next "].iter().any(|p| lower_starts_with(text, p)) {
        return Some(Chrome::Related);
    }
    let first = text.trim_start().chars().next();
    if matches!(first, Some('\u{203a}' | '\u{bb}' | '\u{2192}' | '\u{2190}' | '\u{ab}' | '\u{2039}')) && words <= 10 {
        return Some(Chrome::Related);
    }
    #[rustfmt::skip]
    const TEASER_ENDS: &[&str] = &[
        "read more", "continue reading", "keep reading", "read the full story", "lire la suite", "weiterlesen",
        "mehr lesen", "leer más", "seguir leyendo", "leggi tutto", "continua a leggere", "続きを読む", "阅读全文",
    ];
    if TEASER_ENDS.iter().any(|e| folded.ends_with(e)) && words > 3 {
        return Some(Chrome::Related);
    }
    // "Title Title Title": the same words twice or three times in a row. Equal runs of words are
    // equal pieces of the folded text, one space apart.
    for times in [2usize, 3] {
        if words >= 2 * times && words.is_multiple_of(times) && (folded.len() + 1).is_multiple_of(times) {
            let piece = (folded.len() + 1) / times - 1;
            let b = folded.as_bytes();
            let first = &b[..piece];
            if (1..times)
                .all(|t| b[t * (piece + 1) - 1] == b' ' && &b[t * (piece + 1)..t * (piece + 1) + piece] == first)
            {
                return Some(Chrome::Related);
            }
        }
    }
    None
}

/// "12 comments" -> "comments", "comments (3)" -> "comments".
fn strip_counts(f: &str) -> String {
    f.split(' ').filter(|w| !w.chars().all(|c| c.is_ascii_digit())).collect::<Vec<_>>().join(" ")
}

#[rustfmt::skip]
const KEY_POINT_LABELS: &[&str] = &[
    "key points", "highlights", "story highlights", "summary", "in brief", "at a glance", "tl dr", "tldr",
    "what you need to know", "the gist", "quick read", "in short", "key facts", "main points", "the big picture",
    "points clés", "l essentiel", "en bref", "en résumé", "das wichtigste", "das wichtigste in kürze", "auf einen blick",
    "in kürze", "puntos clave", "lo más importante", "en resumen", "claves", "punti chiave", "in sintesi",
    "pontos principais", "em resumo", "ключевые моменты", "главное", "要点", "ポイント", "要約", "概要", "摘要", "要闻",
    "मुख्य बातें", "मुख्य बिंदु",
];

#[rustfmt::skip]
const TAKEAWAY_LABELS: &[&str] = &[
    "key takeaways", "takeaways", "takeaway", "the takeaway", "main takeaways", "what this means", "what it means",
    "why it matters", "bottom line", "the bottom line", "conclusions", "lessons learned", "what s next",
    "à retenir", "ce qu il faut retenir", "fazit", "conclusiones", "conclusioni", "まとめ", "总结", "结论",
];

/// Whether a short line is a label that introduces the article's own summary list
/// ("KEY POINTS", "Highlights:", "Key takeaways", "要点").
pub fn summary_label(text: &str) -> Option<LabelKind> {
    summary_label_folded(&fold_upto(text, 7)?)
}

/// [`summary_label`] with [`fold`]`(text)` at hand.
pub(crate) fn summary_label_folded(f: &str) -> Option<LabelKind> {
    let f = upto_words(f, 7)?;
    let words = f.split(' ').filter(|w| !w.is_empty()).count();
    if f.is_empty() || words > 7 {
        return None;
    }
    let hit =
        |list: &[&str]| list.iter().any(|l| f == *l || ends_with_word(f, l) || starts_with_word(f, l) && words <= 4);
    let key = hit(KEY_POINT_LABELS);
    let take = hit(TAKEAWAY_LABELS);
    match (key, take) {
        (true, true) => Some(LabelKind::Either),
        (true, false) => Some(LabelKind::KeyPoints),
        (false, true) => Some(LabelKind::Takeaways),
        _ => None,
    }
}

/// Month names (lower case) with their numbers: English (with abbreviations), French, German,
/// Spanish, Italian, Portuguese and Czech (genitive forms, as dates write them).
#[rustfmt::skip]
const MONTHS: &[(&str, u8)] = &[
    ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6), ("july", 7),
    ("august", 8), ("september", 9), ("october", 10), ("november", 11), ("december", 12),
    ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9), ("sept", 9),
    ("oct", 10), ("nov", 11), ("dec", 12),
    ("janvier", 1), ("février", 2), ("mars", 3), ("avril", 4), ("mai", 5), ("juin", 6), ("juillet", 7),
    ("août", 8), ("septembre", 9), ("octobre", 10), ("novembre", 11), ("décembre", 12),
    ("januar", 1), ("februar", 2), ("märz", 3), ("juni", 6), ("juli", 7), ("oktober", 10), ("dezember", 12),
    ("enero", 1), ("febrero", 2), ("marzo", 3), ("abril", 4), ("mayo", 5), ("junio", 6), ("julio", 7),
    ("agosto", 8), ("septiembre", 9), ("octubre", 10), ("noviembre", 11), ("diciembre", 12),
    ("gennaio", 1), ("febbraio", 2), ("aprile", 4), ("maggio", 5), ("giugno", 6), ("luglio", 7),
    ("settembre", 9), ("ottobre", 10), ("dicembre", 12),
    ("janeiro", 1), ("fevereiro", 2), ("março", 3), ("maio", 5), ("junho", 6), ("julho", 7), ("setembro", 9),
    ("outubro", 10), ("novembro", 11), ("dezembro", 12),
    ("ledna", 1), ("února", 2), ("března", 3), ("dubna", 4), ("května", 5), ("června", 6), ("července", 7),
    ("srpna", 8), ("září", 9), ("října", 10), ("listopadu", 11), ("prosince", 12),
];

#[rustfmt::skip]
const DATE_WORDS: &[&str] = &[
    "published", "updated", "posted", "last", "modified", "on", "at", "am", "pm", "est", "edt", "pst", "pdt", "gmt",
    "utc", "bst", "cet", "cest", "et", "pt", "min", "read", "mins", "minute", "minutes", "ago", "hours", "hour",
    "days", "day", "today", "yesterday", "date", "time", "publié", "le", "mis", "à", "jour", "veröffentlicht",
    "aktualisiert", "am", "um", "uhr", "publicado", "actualizado", "el", "a", "las", "pubblicato", "aggiornato",
    "il", "alle", "de", "del", "of", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "wed", "thu", "fri", "sat", "sun", "reading", "first", "and", "by",
];

/// Whether `text` is a date line: a date and little else ("January 18, 2017 11:00 PM PST",
/// "Published on: 25/06/2024", "2019年4月28日").
pub fn is_date_line(text: &str) -> bool {
    fold_upto(text, 14).is_some_and(|f| is_date_line_folded(text, &f))
}

/// [`is_date_line`] with [`fold`]`(text)` at hand.
pub(crate) fn is_date_line_folded(text: &str, f: &str) -> bool {
    let Some(f) = upto_words(f, 14) else { return false };
    let words = folded_words(f);
    if words == 0 {
        return false;
    }
    if has_cjk_date(text) {
        return text.chars().count() <= 40;
    }
    let mut month = false;
    let mut year = false;
    let mut numeric_date = false;
    let mut other = 0usize;
    let mut buf = [0u8; 32];
    let mut owned;
    for w in text.split(|c: char| c.is_whitespace() || c == ',' || c == '|' || c == '\u{b7}') {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '/' && c != '-' && c != '.' && c != ':');
        // Lower-cased on the stack when ASCII.
        let wl: &str = match ascii_lower(w, &mut buf) {
            Some(l) => l,
            None => {
                owned = w.to_lowercase();
                &owned
            }
        };
        if wl.is_empty() {
            continue;
        }
        let alpha = wl.trim_end_matches('.');
        if is_month(alpha) {
            month = true;
        } else if alpha.len() == 4
            && alpha.chars().all(|c| c.is_ascii_digit())
            && (alpha.starts_with("19") || alpha.starts_with("20"))
        {
            year = true;
        } else if is_numeric_date(wl) {
            numeric_date = true;
        } else if wl.chars().all(|c| c.is_ascii_digit() || c == ':' || c == '.') || is_ordinal(alpha) {
            // day numbers, times
        } else if alpha.len() <= 1 || is_date_word(alpha) {
            // connective words of date lines
        } else {
            other += 1;
        }
    }
    (numeric_date || (month && (year || words <= 6))) && other <= 2
}

/// Whether lower-cased `w` names a month ([`MONTHS`]).
fn is_month(w: &str) -> bool {
    month_number(w).is_some()
}

/// The number of the month lower-cased `w` names ([`MONTHS`]), looked up in a map.
fn month_number(w: &str) -> Option<u8> {
    static MAP: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, u8>> = std::sync::OnceLock::new();
    MAP.get_or_init(|| MONTHS.iter().copied().collect()).get(w).copied()
}

/// The earliest and latest years a publication date is read with: the web's years, with room.
const YEARS: std::ops::RangeInclusive<u32> = 1900..=2100;

/// A valid day as ISO 8601 (`YYYY-MM-DD`).
fn iso_day(y: u32, m: u32, d: u32) -> Option<String> {
    let leap = y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400));
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (YEARS.contains(&y) && (1..=days).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// A day of the month written as digits, an ordinal ("4th", "1er") or with a full stop ("4.").
fn day_number(w: &str) -> Option<u32> {
    let digits: &str = &w[..w.bytes().take_while(u8::is_ascii_digit).count()];
    let rest = &w[digits.len()..];
    let suffix_ok = matches!(rest, "" | "." | "st" | "nd" | "rd" | "th" | "er" | "e" | "º" | "°");
    (!digits.is_empty() && digits.len() <= 2 && suffix_ok).then(|| digits.parse().ok()).flatten()
}

fn year_number(w: &str) -> Option<u32> {
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())).then(|| w.parse().ok()).flatten()
}

/// The day written as one numeric token: `2025-09-04` (an ISO time after it is ignored),
/// `2025/09/04`, `04.09.2025`, `4-9-2025`, `9/4/2025`. With the year last, the order is told by a
/// number over 12; when both could be months, slashes read month first (as American dates do)
/// and dots and dashes day first (as most others do).
fn numeric_day(w: &str) -> Option<String> {
    let w = w.split(['T', 't']).next().unwrap_or(w);
    for sep in ['-', '/', '.'] {
        let parts: Vec<&str> = w.split(sep).collect();
        let [a, b, c] = parts.as_slice() else { continue };
        let num = |p: &str| {
            (!p.is_empty() && p.len() <= 4 && p.bytes().all(|x| x.is_ascii_digit()))
                .then(|| p.parse::<u32>().ok())
                .flatten()
        };
        let (Some(x), Some(y), Some(z)) = (num(a), num(b), num(c)) else { continue };
        if a.len() == 4 {
            return iso_day(x, y, z);
        }
        if c.len() == 4 {
            let month_first = y > 12 || (x <= 12 && sep == '/');
            let (m, d) = if month_first { (x, y) } else { (y, x) };
            return iso_day(z, m, d);
        }
    }
    None
}

/// The day a date line names, as ISO 8601 (`YYYY-MM-DD`): numeric dates, a month's name with a
/// day and a year in either order ("September 4, 2025", "4 septembre 2025", "4. März 2025"), and
/// CJK dates ("2025年9月4日"). `None` when the text names no day (a month alone, "3 days ago").
pub fn iso_date(text: &str) -> Option<String> {
    if let Some(d) = cjk_day(text) {
        return Some(d);
    }
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '/' | '-' | '.')).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    for (k, w) in words.iter().enumerate() {
        if let Some(d) = w.as_bytes().first().filter(|b| b.is_ascii_digit()).and_then(|_| numeric_day(w)) {
            return Some(d);
        }
        let Some(m) = month_number(w.trim_end_matches('.')) else { continue };
        let next = |j: usize| words.get(j).map(String::as_str);
        // "September 4, 2025", "Sep. 4th 2025"
        if let (Some(d), Some(y)) = (next(k + 1).and_then(day_number), next(k + 2).and_then(year_number)) {
            return iso_day(y, u32::from(m), d);
        }
        // "4 September 2025", "4. März 2025", "4 de septiembre de 2025"
        let before = if k >= 2 && words[k - 1] == "de" { Some(k - 2) } else { k.checked_sub(1) };
        let after = if next(k + 1) == Some("de") { k + 2 } else { k + 1 };
        if let (Some(d), Some(y)) = (before.and_then(next).and_then(day_number), next(after).and_then(year_number)) {
            return iso_day(y, u32::from(m), d);
        }
    }
    None
}

/// "2025年9月4日" (digits ASCII or full-width).
fn cjk_day(text: &str) -> Option<String> {
    let digits: String = text
        .chars()
        .map(|c| if ('\u{ff10}'..='\u{ff19}').contains(&c) { char::from(b'0' + (c as u32 - 0xff10) as u8) } else { c })
        .collect();
    let (y, rest) = digits.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let (d, _) = rest.split_once('日')?;
    let tail_number = |s: &str| -> Option<u32> {
        let t: String =
            s.chars().rev().take_while(char::is_ascii_digit).collect::<Vec<_>>().into_iter().rev().collect();
        t.parse().ok()
    };
    let lead = |s: &str| -> Option<u32> { s.trim().parse().ok() };
    iso_day(tail_number(y)?, lead(m)?, lead(d)?)
}

/// Whether lower-cased `w` is one of the other words of date lines ([`DATE_WORDS`]), looked up in
/// a set.
fn is_date_word(w: &str) -> bool {
    static SET: std::sync::OnceLock<FxHashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| DATE_WORDS.iter().copied().collect()).contains(w)
}

fn is_ordinal(w: &str) -> bool {
    let digits = w.chars().take_while(|c| c.is_ascii_digit()).count();
    digits > 0 && matches!(&w[digits..], "st" | "nd" | "rd" | "th" | "er" | "e")
}

fn is_numeric_date(w: &str) -> bool {
    // Three groups of digits need at least five bytes and two separators.
    if w.len() < 5 || !w.as_bytes()[0].is_ascii_digit() {
        return false;
    }
    for sep in ['-', '/', '.'] {
        let mut parts = w.split(sep);
        let (Some(a), Some(b), Some(c), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let parts = [a, b, c];
        if parts.iter().all(|p| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit())) {
            return parts.iter().any(|p| p.len() == 4) || parts.iter().all(|p| p.len() <= 2);
        }
    }
    false
}

fn has_cjk_date(text: &str) -> bool {
    let mut prev_digit = false;
    for c in text.chars() {
        if prev_digit && (c == '年' || c == '月' || c == '日') {
            return text.contains('年') && (text.contains('月') || text.contains('/'));
        }
        prev_digit = c.is_ascii_digit() || ('\u{ff10}'..='\u{ff19}').contains(&c);
    }
    false
}

#[rustfmt::skip]
const BYLINE_PREFIXES: &[&str] = &[
    "by", "written by", "words by", "story by", "author", "authors", "reporter", "reporting by", "von", "par",
    "por", "di", "door", "av", "przez", "autor", "autorka", "автор", "text", "texte", "posted by", "published by",
];

/// Whether `text` holds a full date somewhere ("July 26, 2016", "2016-07-26", "26 juillet 2016").
pub fn has_date(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '/' && c != '-' && c != '.').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    let is_year =
        |w: &str| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()) && (w.starts_with("19") || w.starts_with("20"));
    let is_day = |w: &str| !w.is_empty() && w.len() <= 2 && w.chars().all(|c| c.is_ascii_digit());
    words.iter().any(|w| is_numeric_date(w))
        || has_cjk_date(text)
        || words.windows(3).any(|t| {
            let month = |w: &str| is_month(w.trim_end_matches('.'));
            (month(&t[0]) && is_day(&t[1]) && is_year(&t[2])) || (is_day(&t[0]) && month(&t[1]) && is_year(&t[2]))
        })
}

/// Whether `text` is a line of article metadata that mixes a date with an author or source
/// ("Le Monde | 04.05.2015 à 13h36 | Par Martin Untersinger").
pub fn is_meta_line(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().take(31).collect();
    if words.len() > 30 {
        return false;
    }
    let has_date = words.iter().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        is_numeric_date(&w) || is_month(w.trim_end_matches('.'))
    }) || has_cjk_date(text);
    let has_author = words.iter().any(|w| BYLINE_PREFIXES.contains(&w.to_lowercase().as_str()) && w.len() <= 4);
    has_date && (has_author || text.contains('|') || text.contains('\u{2022}'))
}

/// Whether `text` is a byline: "By Jane Doe", "By Jane Doe and John Roe, Reuters", "Author: X".
pub fn is_byline(text: &str) -> bool {
    // A character takes one to four bytes: too short or too long to count them.
    let t = text.trim();
    if t.len() < 4 || t.len() > 480 {
        return false;
    }
    is_byline_folded(text, &fold(t))
}

/// [`is_byline`] with [`fold`]`(text)` at hand.
pub(crate) fn is_byline_folded(text: &str, f: &str) -> bool {
    let t = text.trim();
    if t.len() < 4 || t.len() > 480 {
        return false;
    }
    let n = t.chars().count();
    if !(4..=120).contains(&n) {
        return false;
    }
    for p in BYLINE_PREFIXES {
        if let Some(rest) = f.strip_prefix(p) {
            if !rest.starts_with(' ') {
                continue;
            }
            // The rest must start with a capitalised name in the original text.
            // Skip the prefix in the original text: as many word characters as it has.
            let want = p.chars().filter(|c| c.is_alphanumeric()).count();
            let mut seen = 0;
            let mut cut = t.len();
            for (k, ch) in t.char_indices() {
                if seen == want {
                    cut = k;
                    break;
                }
                if ch.is_alphanumeric() {
                    seen += 1;
                }
            }
            let original_rest = t[cut..].trim_start_matches([':', ' ', '\u{a0}']);
            let words: Vec<&str> = original_rest.split_whitespace().collect();
            if words.is_empty() || words.len() > 16 {
                return false;
            }
            let caps = words.iter().filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase())).count();
            return caps >= 1 && caps * 2 >= words.iter().filter(|w| w.len() > 3).count();
        }
    }
    t.starts_with('\u{6587}') && t.contains('/') && n < 30
}

/// Whether `text` looks like a person's name alone: two to four capitalised words.
pub fn is_name(text: &str) -> bool {
    // More than 40 characters for certain (a character is at most four bytes).
    if text.len() > 160 {
        return false;
    }
    let words = text.split_whitespace().take(5).count();
    if !(2..=4).contains(&words) || text.chars().count() > 40 {
        return false;
    }
    text.split_whitespace().all(|w| {
        let mut cs = w.chars();
        let first = cs.next().unwrap_or(' ');
        first.is_uppercase() && w.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\''))
    })
}

/// Caption and credit cues: "Photo: ...", "(Getty Images)", "Illustration by ...".
pub fn caption_cue(text: &str) -> bool {
    let short = is_short_caption(text);
    // A long text is read for its first two words only (the rest counts for short ones).
    let f = if short { fold(text) } else { fold_prefix(text, 2) };
    caption_cue_with(text, short, &f)
}

/// [`caption_cue`] with [`fold`]`(text)` at hand.
pub(crate) fn caption_cue_folded(text: &str, full: &str) -> bool {
    let short = is_short_caption(text);
    caption_cue_with(text, short, if short { full } else { first_words(full, 2) })
}

/// Whether `text` is short enough to be read whole for caption cues (at most 200 characters).
fn is_short_caption(text: &str) -> bool {
    text.len() <= 200 || text.len() <= 800 && text.chars().count() <= 200
}

/// [`caption_cue`], given whether `text` is short and its fold (whole when short, else two words).
fn caption_cue_with(text: &str, short: bool, f: &str) -> bool {
    #[rustfmt::skip]
    const STARTS: &[&str] = &[
        "photo", "photos", "photograph", "image", "images", "picture", "illustration", "credit", "credits", "graphic",
        "video", "source", "foto", "fotos", "bild", "photo credit", "image credit", "image source", "pictured",
        "above", "below", "top", "file photo", "figure", "fig", "chart", "map",
    ];
    let mut words = f.split(' ');
    let first = words.next().unwrap_or("");
    let start_cue = STARTS.contains(&first)
        && (text.contains(':')
            || words.next().is_some_and(|w| w == "by" || w == "courtesy" || w.chars().all(|c| c.is_ascii_digit())));
    #[rustfmt::skip]
    const AGENCIES: &[&str] = &[
        "getty images", "associated press", "ap photo", "shutterstock", "istock", "alamy",
        "courtesy of", "via getty", "wikimedia commons", "unsplash", "photo by", "image by", "photograph by",
        "illustration by", "credit:", "photo:", "image:", "(photo", "(image", "foto:", "bild:", "source: supplied",
        "图注", "图片来源", "圖說", "写真：", "画像：", "(写真", "（写真",
    ];
    const AGENCY_STARTS: [u64; 256] = first_byte_masks(AGENCIES);
    // "...in 2023.CreditCreditJeon Heon-Kyun/EPA": a credit glued to the caption.
    let glued_credit = positions(text, b'C').any(|k| {
        text[k..].starts_with("Credit") && text[k + 6..].chars().next().is_some_and(|c| c.is_uppercase() || c == ':')
    });
    start_cue
        || glued_credit
        || short && {
            let lower = text.to_lowercase();
            // "/AP" as a credit ("Jane Doe/AP"), not inside an address ("example.org/api").
            let ap_credit = positions(&lower, b'/')
                .any(|k| lower[k..].starts_with("/ap") && !lower[k + 3..].starts_with(|c: char| c.is_alphanumeric()));
            // Agency names as whole words ("Reuters", "AFP", "EPA"), not inside other words ("department").
            const AGENCY_WORDS: &[&str] = &["reuters", "afp", "epa", "dpa", "ansa", "efe", "xinhua", "tass"];
            let agency_word = f.split(' ').any(|w| AGENCY_WORDS.contains(&w));
            ap_credit || agency_word || contains_any(&lower, AGENCIES, &AGENCY_STARTS)
        }
}

/// The positions of ASCII byte `b` in `text`, found with a fast byte search.
fn positions(text: &str, b: u8) -> impl Iterator<Item = usize> + '_ {
    debug_assert!(b.is_ascii());
    let mut from = 0;
    std::iter::from_fn(move || {
        let k = from + text[from..].find(char::from(b))?;
        from = k + 1;
        Some(k)
    })
}

/// For each byte, the needles (bits by index, at most 64 of them) that start with it.
const fn first_byte_masks(needles: &[&str]) -> [u64; 256] {
    assert!(needles.len() <= 64);
    let mut masks = [0u64; 256];
    let mut i = 0;
    while i < needles.len() {
        masks[needles[i].as_bytes()[0] as usize] |= 1 << i;
        i += 1;
    }
    masks
}

/// Whether `hay` holds one of `needles` (`masks` from [`first_byte_masks`]): one pass over `hay`,
/// each position compared only with the needles that start with its byte.
fn contains_any(hay: &str, needles: &[&str], masks: &[u64; 256]) -> bool {
    let h = hay.as_bytes();
    (0..h.len()).any(|p| {
        let mut m = masks[usize::from(h[p])];
        while m != 0 {
            if h[p..].starts_with(needles[m.trailing_zeros() as usize].as_bytes()) {
                return true;
            }
            m &= m - 1;
        }
        false
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_line_gives_its_day_in_iso_form() {
        for (text, want) in [
            ("September 4, 2025", Some("2025-09-04")),
            ("Published Sep. 4th, 2025 at 5:50 am", Some("2025-09-04")),
            ("By Jane Roe | 4 September 2025", Some("2025-09-04")),
            ("4. März 2025", Some("2025-03-04")),
            ("4 de septiembre de 2025", Some("2025-09-04")),
            ("2025-09-04T05:50:00Z", Some("2025-09-04")),
            ("Updated 2025/9/4", Some("2025-09-04")),
            ("04.09.2025", Some("2025-09-04")),
            ("9/4/2025", Some("2025-09-04")),
            ("25/12/2024", Some("2024-12-25")),
            ("2025年9月4日 12:00", Some("2025-09-04")),
            ("February 30, 2025", None),
            ("September 2025", None),
            ("3 days ago", None),
            ("May the force be with you", None),
        ] {
            assert_eq!(iso_date(text).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn measures_prose_and_labels() {
        let p = measure("The committee said on Tuesday that it would not change the rules this year.");
        assert!(p.terminal && p.function_ratio > 0.3 && p.words == 14);
        let l = measure("KEY TAKEAWAYS");
        assert!(l.all_caps && !l.terminal);
        let j = measure("東京は日本の首都です。人口は多い。");
        assert!(j.cjk && j.terminal && j.sentences == 2);
    }

    #[test]
    fn folded_prefixes_match_folding_a_prefix() {
        for text in [
            "",
            "One",
            "It's well-known, 3.5% of U.S. 東京 and more",
            "東京 大阪 Kyoto",
            "a b c d e f g h",
            "  Don\u{2019}t  STOP, Über-Café  now.  ",
        ] {
            let f = fold(text);
            assert_eq!(measure_folded(text), (measure(text), f.clone()), "{text}");
            for n in 0..10 {
                assert_eq!(first_words(&f, n), fold_prefix(text, n), "{text} {n}");
                assert_eq!(upto_words(&f, n).map(str::to_string), fold_upto(text, n), "{text} {n}");
            }
        }
    }

    #[test]
    fn function_words_ignore_case() {
        assert!(is_function_word("The") && is_function_word("UND") && is_function_word("Что"));
        assert!(!is_function_word("Theory") && !is_function_word("") && !is_function_word("because1"));
    }

    #[test]
    fn tokens_split_words_and_cjk() {
        let t: Vec<_> = tokens("It's well-known, 3.5% of U.S. 東京").collect();
        assert_eq!(t, ["It's", "well-known", "3.5", "of", "U.S", "東", "京"]);
    }

    #[test]
    fn finds_chrome() {
        assert_eq!(chrome("Advertisement"), Some(Chrome::Boilerplate));
        assert_eq!(chrome("Share this article"), Some(Chrome::Boilerplate));
        assert_eq!(chrome("Facebook Twitter LinkedIn"), Some(Chrome::Boilerplate));
        assert_eq!(chrome("Related Stories"), Some(Chrome::Related));
        assert_eq!(chrome("12 Comments"), Some(Chrome::Comments));
        assert_eq!(chrome("Anzeige"), Some(Chrome::Boilerplate));
        assert_eq!(chrome("The share of voters who said they would vote rose sharply."), None);
        // Regression: a whole article that ends with a copyright or "Read more" is not chrome.
        let story = "The council met on Tuesday and decided to rebuild the old bridge over the river, which has been \
                     closed since the floods, and to open it again to cyclists and walkers next summer. \
                     Work will start in May. \u{a9} 2011 The Associated Press. Read more";
        assert_eq!(chrome(story), None);
    }

    #[test]
    fn finds_labels() {
        assert_eq!(summary_label("IR SUMMARY — KEY POINTS"), Some(LabelKind::KeyPoints));
        assert_eq!(summary_label("KEY TAKEAWAYS"), Some(LabelKind::Takeaways));
        assert_eq!(summary_label("Highlights:"), Some(LabelKind::KeyPoints));
        assert_eq!(summary_label("要点"), Some(LabelKind::KeyPoints));
        assert_eq!(summary_label("The summary of the meeting was long and dull"), None);
    }

    #[test]
    fn finds_dates() {
        for d in [
            "January 18, 2017 11:00 PM PST",
            "Published on: June 25, 2024",
            "2019-04-28",
            "Oct 18, 2019 · 8 min read",
            "28 avril 2019",
            "2019年4月28日",
            "Updated 12/03/2021",
        ] {
            assert!(is_date_line(d), "{d}");
        }
        for d in ["May the best team win", "The 2019 season was a disaster for the club"] {
            assert!(!is_date_line(d), "{d}");
        }
    }

    #[test]
    fn finds_bylines() {
        assert!(is_byline("By Jane Doe"));
        assert!(is_byline("by Steven Musil January 18, 2017 11:00 PM PST"));
        assert!(is_byline("Von Anna Schmidt"));
        assert!(!is_byline("By the end of the year, sales had doubled"));
        assert!(is_name("John C. Welch"));
        assert!(!is_name("Read more"));
    }

    #[test]
    fn finds_captions() {
        assert!(caption_cue("Photo by James Martin/CNET"));
        assert!(caption_cue("Protesters in the square on Monday. (Getty Images)"));
        assert!(!caption_cue("The photo shows how the committee voted."));
    }
}
