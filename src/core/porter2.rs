//! The English (Porter2) Snowball stemmer for plain lower-case ASCII words, written out by hand.
//!
//! `lang::stem` sends English words made only of the letters a–z here and everything else (other
//! languages, apostrophes, hyphens, accents) to rust-stemmers. The result is the same as
//! rust-stemmers' `Algorithm::English` for every such word (checked by the tests below, over real
//! words and a property test over generated ones): this is the same algorithm, written for bytes
//! instead of the generated Snowball runtime, which costs about ten times as much per word and was
//! a fifth of the time of structuring a short article.

use std::borrow::Cow;

/// a e i o u y (a `y` marked `Y` at the start or after a vowel is a consonant).
fn is_v(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// Not a vowel, nor w, x or Y.
fn is_non_v_wxy(c: u8) -> bool {
    !is_v(c) && !matches!(c, b'w' | b'x' | b'Y')
}

/// Letters that may come before a deleted "li".
fn is_valid_li(c: u8) -> bool {
    matches!(c, b'c' | b'd' | b'e' | b'g' | b'h' | b'k' | b'm' | b'n' | b'r' | b't')
}

/// Whole words with their own stems (Snowball's `exception1`).
const EXCEPTIONS: [(&str, &str); 18] = [
    ("andes", "andes"),
    ("atlas", "atlas"),
    ("bias", "bias"),
    ("cosmos", "cosmos"),
    ("dying", "die"),
    ("early", "earli"),
    ("gently", "gentl"),
    ("howe", "howe"),
    ("idly", "idl"),
    ("lying", "lie"),
    ("news", "news"),
    ("only", "onli"),
    ("singly", "singl"),
    ("skies", "sky"),
    ("skis", "ski"),
    ("sky", "sky"),
    ("tying", "tie"),
    ("ugly", "ugli"),
];

/// Words left as they are after step 1a (Snowball's `exception2`).
const INVARIANT_AFTER_1A: [&[u8]; 8] =
    [b"succeed", b"proceed", b"exceed", b"canning", b"inning", b"earring", b"herring", b"outing"];

/// What a step does with the suffix it found (its region condition aside).
#[derive(Clone, Copy)]
enum Rule {
    /// Replace it.
    To(&'static [u8]),
    /// "ogi" -> "og" after an l.
    Ogi,
    /// "li" deleted after a valid li-ending.
    Li,
    /// Deleted when in R2 too ("ative" in step 3).
    InR2,
    /// "ion" deleted after s or t.
    Ion,
}

/// Step 2, longest suffixes first (so the first that matches is the longest).
const STEP_2: [(&[u8], Rule); 24] = [
    (b"ization", Rule::To(b"ize")),
    (b"ational", Rule::To(b"ate")),
    (b"iveness", Rule::To(b"ive")),
    (b"fulness", Rule::To(b"ful")),
    (b"ousness", Rule::To(b"ous")),
    (b"tional", Rule::To(b"tion")),
    (b"biliti", Rule::To(b"ble")),
    (b"lessli", Rule::To(b"less")),
    (b"entli", Rule::To(b"ent")),
    (b"ation", Rule::To(b"ate")),
    (b"alism", Rule::To(b"al")),
    (b"aliti", Rule::To(b"al")),
    (b"ousli", Rule::To(b"ous")),
    (b"iviti", Rule::To(b"ive")),
    (b"fulli", Rule::To(b"ful")),
    (b"enci", Rule::To(b"ence")),
    (b"anci", Rule::To(b"ance")),
    (b"abli", Rule::To(b"able")),
    (b"izer", Rule::To(b"ize")),
    (b"ator", Rule::To(b"ate")),
    (b"alli", Rule::To(b"al")),
    (b"bli", Rule::To(b"ble")),
    (b"ogi", Rule::Ogi),
    (b"li", Rule::Li),
];

/// Step 3, longest first.
const STEP_3: [(&[u8], Rule); 9] = [
    (b"ational", Rule::To(b"ate")),
    (b"tional", Rule::To(b"tion")),
    (b"alize", Rule::To(b"al")),
    (b"icate", Rule::To(b"ic")),
    (b"iciti", Rule::To(b"ic")),
    (b"ative", Rule::InR2),
    (b"ical", Rule::To(b"ic")),
    (b"ness", Rule::To(b"")),
    (b"ful", Rule::To(b"")),
];

/// Step 4 (all in R2), longest first.
const STEP_4: [(&[u8], Rule); 18] = [
    (b"ement", Rule::To(b"")),
    (b"ance", Rule::To(b"")),
    (b"ence", Rule::To(b"")),
    (b"able", Rule::To(b"")),
    (b"ible", Rule::To(b"")),
    (b"ment", Rule::To(b"")),
    (b"ate", Rule::To(b"")),
    (b"ive", Rule::To(b"")),
    (b"ize", Rule::To(b"")),
    (b"iti", Rule::To(b"")),
    (b"ism", Rule::To(b"")),
    (b"ous", Rule::To(b"")),
    (b"ant", Rule::To(b"")),
    (b"ent", Rule::To(b"")),
    (b"ion", Rule::Ion),
    (b"al", Rule::To(b"")),
    (b"er", Rule::To(b"")),
    (b"ic", Rule::To(b"")),
];

/// The stem of `word` when it is a word of the letters a–z only; `None` for anything else.
pub fn stem(word: &str) -> Option<Cow<'_, str>> {
    let b = word.as_bytes();
    if b.is_empty() || !b.iter().all(u8::is_ascii_lowercase) {
        return None;
    }
    if b.len() < 3 {
        return Some(Cow::Borrowed(word));
    }
    if let Some(&(_, s)) = EXCEPTIONS.iter().find(|(w, _)| w.as_bytes()[0] == b[0] && *w == word) {
        return Some(if s == word { Cow::Borrowed(word) } else { Cow::Owned(s.to_string()) });
    }
    let mut w = Word::new(b);
    w.run();
    Some(if w.b == b { Cow::Borrowed(word) } else { Cow::Owned(w.into_string()) })
}

/// A word being stemmed, with its regions.
struct Word {
    b: Vec<u8>,
    p1: usize,
    p2: usize,
}

impl Word {
    fn new(word: &[u8]) -> Word {
        // Prelude: a y at the start or after a vowel is a consonant, written Y.
        let mut b = word.to_vec();
        if b[0] == b'y' {
            b[0] = b'Y';
        }
        for i in 1..b.len() {
            if b[i] == b'y' && is_v(b[i - 1]) {
                b[i] = b'Y';
            }
        }
        // R1: after the first non-vowel that follows a vowel (or after one of three prefixes); R2:
        // the same again from R1.
        let after_vowel_consonant = |from: usize| -> Option<usize> {
            let v = from + b[from..].iter().position(|&c| is_v(c))?;
            let n = v + b[v..].iter().position(|&c| !is_v(c))?;
            Some(n + 1)
        };
        let n = b.len();
        let prefix = [&b"gener"[..], b"commun", b"arsen"].into_iter().find(|p| b.starts_with(p)).map(|p| p.len());
        let (p1, p2) = match prefix.or_else(|| after_vowel_consonant(0)) {
            Some(p1) => (p1, after_vowel_consonant(p1).unwrap_or(n)),
            None => (n, n),
        };
        Word { b, p1, p2 }
    }

    fn into_string(mut self) -> String {
        for c in &mut self.b {
            if *c == b'Y' {
                *c = b'y';
            }
        }
        // Only ASCII letters were ever written.
        String::from_utf8(self.b).unwrap_or_default()
    }

    /// The first (longest) suffix of `table` that the word ends with, with its start.
    fn find(&self, table: &[(&'static [u8], Rule)]) -> Option<(usize, &'static [u8], Rule)> {
        let last = *self.b.last()?;
        table
            .iter()
            .find(|(s, _)| s.last() == Some(&last) && self.ends(s))
            .map(|&(s, r)| (self.b.len() - s.len(), s, r))
    }

    /// Whether the word ends with `s` (compared from the last byte: most suffixes of a step's list
    /// fail there, with no call to `memcmp`).
    fn ends(&self, s: &[u8]) -> bool {
        let n = self.b.len();
        n >= s.len() && self.b[n - s.len()..].iter().rev().zip(s.iter().rev()).all(|(a, b)| a == b)
    }

    /// Replaces the last `n` bytes with `with`.
    fn replace_end(&mut self, n: usize, with: &[u8]) {
        self.b.truncate(self.b.len() - n);
        self.b.extend_from_slice(with);
    }

    /// Whether the word before position `at` ends in a short syllable.
    fn short_v(&self, at: usize) -> bool {
        let b = &self.b[..at];
        let n = b.len();
        (n >= 3 && is_non_v_wxy(b[n - 1]) && is_v(b[n - 2]) && !is_v(b[n - 3])) || (n == 2 && !is_v(b[1]) && is_v(b[0]))
    }

    fn run(&mut self) {
        self.step_1a();
        if INVARIANT_AFTER_1A.contains(&self.b.as_slice()) {
            return;
        }
        self.step_1b();
        self.step_1c();
        self.step(&STEP_2, self.p1);
        self.step(&STEP_3, self.p1);
        self.step(&STEP_4, self.p2);
        self.step_5();
    }

    fn step_1a(&mut self) {
        let n = self.b.len();
        if self.ends(b"sses") {
            self.replace_end(4, b"ss");
        } else if self.ends(b"ied") || self.ends(b"ies") {
            let with: &[u8] = if n - 3 >= 2 { b"i" } else { b"ie" };
            self.replace_end(3, with);
        } else if self.ends(b"us") || self.ends(b"ss") {
        } else if self.ends(b"s") && n >= 3 && self.b[..n - 2].iter().any(|&c| is_v(c)) {
            self.replace_end(1, b"");
        }
    }

    fn step_1b(&mut self) {
        let n = self.b.len();
        for s in [&b"eedly"[..], b"eed"] {
            if self.ends(s) {
                if n - s.len() >= self.p1 {
                    self.replace_end(s.len(), b"ee");
                }
                return;
            }
        }
        let Some(s) = [&b"ingly"[..], b"edly", b"ing", b"ed"].into_iter().find(|s| self.ends(s)) else {
            return;
        };
        if !self.b[..n - s.len()].iter().any(|&c| is_v(c)) {
            return;
        }
        self.replace_end(s.len(), b"");
        let m = self.b.len();
        if self.ends(b"at") || self.ends(b"bl") || self.ends(b"iz") {
            self.b.push(b'e');
        } else if m >= 2
            && self.b[m - 1] == self.b[m - 2]
            && matches!(self.b[m - 1], b'b' | b'd' | b'f' | b'g' | b'm' | b'n' | b'p' | b'r' | b't')
        {
            self.b.pop();
        } else if m == self.p1 && self.short_v(m) {
            self.b.push(b'e');
        }
    }

    fn step_1c(&mut self) {
        let n = self.b.len();
        if n >= 3 && matches!(self.b[n - 1], b'y' | b'Y') && !is_v(self.b[n - 2]) {
            self.b[n - 1] = b'i';
        }
    }

    /// Steps 2, 3 and 4: the longest suffix of the step's `table` decides, and its rule applies only
    /// when the suffix starts in the region from `region` (R1 or R2).
    fn step(&mut self, table: &[(&'static [u8], Rule)], region: usize) {
        let Some((start, s, rule)) = self.find(table) else { return };
        if start < region {
            return;
        }
        let before = start.checked_sub(1).map(|i| self.b[i]);
        match rule {
            Rule::To(r) => self.replace_end(s.len(), r),
            Rule::Ogi if before == Some(b'l') => self.replace_end(3, b"og"),
            Rule::Li if before.is_some_and(is_valid_li) => self.replace_end(2, b""),
            Rule::InR2 if start >= self.p2 => self.replace_end(s.len(), b""),
            Rule::Ion if matches!(before, Some(b's' | b't')) => self.replace_end(s.len(), b""),
            _ => {}
        }
    }

    fn step_5(&mut self) {
        let n = self.b.len();
        match self.b[n - 1] {
            b'e' => {
                let start = n - 1;
                if start >= self.p2 || (start >= self.p1 && !self.short_v(start)) {
                    self.b.pop();
                }
            }
            b'l' if n > self.p2 && n >= 2 && self.b[n - 2] == b'l' => {
                self.b.pop();
            }
            _ => {}
        }
    }
}

// Native only: proptest is a native dev-dependency, and the word test reads the repository's files.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn reference(w: &str) -> String {
        rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English).stem(w).into_owned()
    }

    #[test]
    fn same_as_rust_stemmers_on_the_words_of_the_repository_texts() {
        let mut words = std::collections::BTreeSet::new();
        let dirs = ["assets", "tests/fixtures", "README.md", "ARCHITECTURE.md", "src/core"];
        let mut files: Vec<std::path::PathBuf> = Vec::new();
        for d in dirs {
            let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(d);
            if p.is_file() {
                files.push(p);
            } else if let Ok(rd) = std::fs::read_dir(&p) {
                files.extend(rd.flatten().map(|e| e.path()).filter(|p| p.is_file()));
            }
        }
        for f in files {
            let Ok(text) = std::fs::read_to_string(&f) else { continue };
            for w in text.split(|c: char| !c.is_ascii_alphabetic()) {
                words.insert(w.to_ascii_lowercase());
            }
        }
        assert!(words.len() > 3000, "only {} words found", words.len());
        for w in &words {
            if let Some(ours) = stem(w) {
                assert_eq!(ours, reference(w), "the stem of {w:?}");
            }
        }
    }

    #[test]
    fn the_rules_and_exceptions() {
        for (w, s) in [
            ("caresses", "caress"),
            ("ponies", "poni"),
            ("ties", "tie"),
            ("cats", "cat"),
            ("gas", "gas"),
            ("agreed", "agre"),
            ("hoped", "hope"),
            ("hopping", "hop"),
            ("luxuriating", "luxuri"),
            ("cry", "cri"),
            ("say", "say"),
            ("generously", "generous"),
            ("communication", "communic"),
            ("skies", "sky"),
            ("succeeds", "succeed"),
            ("yelling", "yell"),
            ("relational", "relat"),
        ] {
            assert_eq!(stem(w).as_deref(), Some(s), "{w}");
            assert_eq!(reference(w), s, "{w} (rust-stemmers)");
        }
        assert!(stem("don't").is_none() && stem("Cats").is_none() && stem("café").is_none() && stem("").is_none());
    }

    /// Words built from pieces that the rules look at, so that every step and its conditions meet
    /// many cases.
    fn pieces() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "a", "e", "i", "o", "u", "y", "b", "c", "d", "g", "l", "n", "r", "s", "t", "w", "x", "ss", "ies", "ied",
            "us", "eed", "eedly", "ed", "edly", "ing", "ingly", "at", "bl", "iz", "bb", "tt", "ational", "tional",
            "enci", "anci", "abli", "entli", "izer", "ization", "ation", "ator", "alism", "aliti", "alli", "fulness",
            "ousli", "ousness", "iveness", "iviti", "biliti", "bli", "ogi", "fulli", "lessli", "li", "alize", "icate",
            "iciti", "ical", "ful", "ness", "ative", "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement",
            "ment", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion", "sion", "tion", "ll", "gener", "commun",
            "arsen", "yy", "ay", "oy",
        ]);
        prop::collection::vec(piece, 1..6).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]
        #[test]
        fn same_as_rust_stemmers_on_generated_words(w in pieces()) {
            prop_assert_eq!(stem(&w).unwrap(), reference(&w));
        }

        #[test]
        fn same_as_rust_stemmers_on_random_letters(w in "[a-z]{1,12}") {
            prop_assert_eq!(stem(&w).unwrap(), reference(&w));
        }
    }
}
