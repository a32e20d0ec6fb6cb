//! What a unit's words say: a linear model over hashed words, learned from the train pages.
//!
//! The evidence of `evidence` and `lang` reads a unit's form (length, punctuation, function words,
//! capitals) and a few hand-written lists of chrome phrases. Much of what tells a menu, a cookie
//! banner, a share line, a product card or a comment header from an article's prose is its words
//! ("subscribe", "cart", "reply", "min read", "©"), in every language and site's idiom; a list
//! written by hand never covers them. This model learns them: a logistic regression over the unit's
//! words, its first and last word, the bigrams of its opening words, its punctuated ending and its
//! length, each hashed into [`BUCKETS`] buckets. Its score (a log-odds that the unit is content) is
//! one feature of the line models' rows (`features::Own::lex`), for the unit and its neighbours.
//!
//! The tokens are read here, in Rust, both for training (`examples/features.rs` writes each unit's
//! buckets, `eval/learn/train.py` fits the weights) and at inference, so the two cannot differ.
//! Scoring adds integer weights and takes one square root and one division in `f64` (IEEE exact
//! operations): the same score natively and in WebAssembly, and in the training script, which
//! computes the out-of-fold scores the same way.
//!
//! The file format ("ASLX", little-endian, version 1):
//!
//! ```text
//! magic b"ASLX"   version u32 = 1   n u32   bias f32   scale f32
//! buckets: n varints (LEB128), each the gap to the previous bucket (the first from 0), ascending
//! weights: n x i8 (the weight is q x scale)
//! ```
//!
//! Only the weights that matter most are kept (the training script keeps the largest in
//! magnitude); a bucket not listed weighs 0.

use super::gbdt::{FormatError, Reader};

/// Buckets the tokens are hashed into: 2^18, so that collisions between the few thousand tokens
/// that carry weight are rare.
pub const BUCKETS: u32 = 1 << 18;

/// Words read from a unit for unigrams: a paragraph's opening says what it is; reading all of a
/// long one would cost time and add only its topic.
const MAX_WORDS: usize = 48;

/// Opening words whose bigrams are tokens ("posted by", "add to", "sign up").
const BIGRAM_WORDS: usize = 8;

/// Lengths above this many words share one length token.
const MAX_LENGTH_TOKEN: usize = 20;

/// Characters of a word that are read: longer tokens (URLs, hashes) are cut.
const MAX_WORD_CHARS: usize = 24;

/// FNV-1a (32 bits) of a tag byte and a token's bytes, reduced to a bucket.
fn bucket(tag: u8, parts: &[&str]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    let mut eat = |b: u8| h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    eat(tag);
    for (k, p) in parts.iter().enumerate() {
        if k > 0 {
            eat(b' ');
        }
        p.bytes().for_each(&mut eat);
    }
    h % BUCKETS
}

/// The unit's words: lowercased runs of letters and digits (digits read as `0`, so that a year or
/// a price is one token), at most [`MAX_WORD_CHARS`] characters each, the first [`MAX_WORDS`] of
/// them, and the total count.
fn words(text: &str) -> (Vec<String>, usize) {
    let mut out: Vec<String> = Vec::new();
    let mut count = 0;
    let mut cur = String::new();
    let mut cur_chars = 0;
    let flush = |cur: &mut String, cur_chars: &mut usize, out: &mut Vec<String>, count: &mut usize| {
        if !cur.is_empty() {
            *count += 1;
            if out.len() < MAX_WORDS {
                out.push(std::mem::take(cur));
            } else {
                cur.clear();
            }
        }
        *cur_chars = 0;
    };
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            if cur_chars < MAX_WORD_CHARS {
                if ch.is_numeric() {
                    cur.push('0');
                } else {
                    cur.extend(ch.to_lowercase());
                }
            }
            cur_chars += 1;
        } else {
            flush(&mut cur, &mut cur_chars, &mut out, &mut count);
        }
    }
    flush(&mut cur, &mut cur_chars, &mut out, &mut count);
    (out, count)
}

/// The buckets of a unit's tokens, ascending and distinct, into `out` (cleared first).
pub fn buckets(text: &str, out: &mut Vec<u32>) {
    out.clear();
    let (w, count) = words(text);
    for word in &w {
        out.push(bucket(b'w', &[word]));
    }
    if let (Some(first), Some(last)) = (w.first(), w.last()) {
        out.push(bucket(b'^', &[first]));
        // The last word read (the unit's own last word when it has at most MAX_WORDS).
        out.push(bucket(b'$', &[last]));
    }
    for pair in w.iter().take(BIGRAM_WORDS).collect::<Vec<_>>().windows(2) {
        out.push(bucket(b'b', &[pair[0], pair[1]]));
    }
    let length = count.min(MAX_LENGTH_TOKEN).to_string();
    out.push(bucket(b'#', &[&length]));
    // How the unit ends: a full stop, a colon, a question mark, a closing bracket... or a word.
    let end = text.trim_end().chars().last().filter(|c| !c.is_alphanumeric()).map(String::from).unwrap_or_default();
    out.push(bucket(b'e', &[&end]));
    out.sort_unstable();
    out.dedup();
}

/// A trained lexical model.
pub struct Lexicon {
    bias: f64,
    scale: f64,
    keys: Vec<u32>,
    weights: Vec<i8>,
}

impl Lexicon {
    /// Reads a model file ([module docs](self)).
    pub fn read(bytes: &[u8]) -> Result<Lexicon, FormatError> {
        let mut r = Reader::new(bytes);
        if r.take::<4>()? != *b"ASLX" {
            return Err(FormatError("not a lexical model (magic)"));
        }
        if r.u32()? != 1 {
            return Err(FormatError("unknown version"));
        }
        let n = r.u32()? as usize;
        let bias = r.f32()?;
        let scale = r.f32()?;
        let mut keys = Vec::with_capacity(n.min(BUCKETS as usize));
        let mut prev: u64 = 0;
        for k in 0..n {
            let mut gap: u64 = 0;
            let mut shift = 0;
            loop {
                let b = r.u8()?;
                gap |= u64::from(b & 0x7f) << shift;
                if b & 0x80 == 0 {
                    break;
                }
                shift += 7;
                if shift > 28 {
                    return Err(FormatError("bad varint"));
                }
            }
            let key = prev + gap;
            if key >= u64::from(BUCKETS) || (k > 0 && gap == 0) {
                return Err(FormatError("buckets out of range or not ascending"));
            }
            keys.push(key as u32);
            prev = key;
        }
        let weights = (0..n).map(|_| r.i8()).collect::<Result<Vec<i8>, _>>()?;
        if !r.is_done() {
            return Err(FormatError("trailing bytes"));
        }
        Ok(Lexicon { bias: f64::from(bias), scale: f64::from(scale), keys, weights })
    }

    /// The log-odds that a unit with these tokens ([`buckets`]: ascending, distinct) is content:
    /// the bias plus the sum of the tokens' weights, the token vector normalized to unit length.
    pub fn score(&self, tokens: &[u32]) -> f32 {
        if tokens.is_empty() {
            return self.bias as f32;
        }
        // Both lists ascend: one merge.
        let (mut i, mut j, mut sum) = (0, 0, 0i64);
        while i < tokens.len() && j < self.keys.len() {
            match tokens[i].cmp(&self.keys[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    sum += i64::from(self.weights[j]);
                    i += 1;
                    j += 1;
                }
            }
        }
        (self.bias + self.scale * sum as f64 / (tokens.len() as f64).sqrt()) as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(bias: f32, scale: f32, entries: &[(u32, i8)]) -> Vec<u8> {
        let mut b = b"ASLX".to_vec();
        b.extend(1u32.to_le_bytes());
        b.extend((entries.len() as u32).to_le_bytes());
        b.extend(bias.to_le_bytes());
        b.extend(scale.to_le_bytes());
        let mut prev = 0;
        for &(k, _) in entries {
            let mut gap = k - prev;
            prev = k;
            loop {
                let byte = (gap & 0x7f) as u8;
                gap >>= 7;
                if gap == 0 {
                    b.push(byte);
                    break;
                }
                b.push(byte | 0x80);
            }
        }
        b.extend(entries.iter().map(|&(_, w)| w as u8));
        b
    }

    #[test]
    fn tokens_are_distinct_sorted_and_read_digits_as_zero() {
        let mut a = Vec::new();
        let mut b = Vec::new();
        buckets("Posted on May 5, 2025 by Jane", &mut a);
        buckets("posted ON may 7, 1999 BY jane", &mut b);
        assert_eq!(a, b, "case and digits do not matter");
        assert!(a.windows(2).all(|w| w[0] < w[1]));
        buckets("Subscribe to our newsletter", &mut b);
        assert_ne!(a, b);
        buckets("", &mut b);
        assert_eq!(b.len(), 2, "an empty unit has only its length and ending");
    }

    #[test]
    fn the_score_adds_the_weights_of_the_tokens_listed() {
        let mut t = Vec::new();
        buckets("Add to cart", &mut t);
        let lex = Lexicon::read(&file(0.5, 0.25, &[(t[0], 4), (t[2], -8), (BUCKETS - 1, 100)])).unwrap();
        let expect = 0.5 + 0.25 * (4.0 - 8.0) / (t.len() as f64).sqrt();
        assert_eq!(lex.score(&t), expect as f32);
        assert_eq!(lex.score(&[]), 0.5);
    }

    #[test]
    fn broken_files_are_refused() {
        let good = file(0.0, 1.0, &[(3, 1), (9, -1)]);
        assert!(Lexicon::read(&good).is_ok());
        assert!(Lexicon::read(&good[..good.len() - 1]).is_err());
        assert!(Lexicon::read(&file(0.0, 1.0, &[(3, 1), (3, -1)])).is_err(), "a bucket twice");
        assert!(Lexicon::read(&file(0.0, 1.0, &[(BUCKETS, 1)])).is_err(), "a bucket out of range");
        let mut bad = good.clone();
        bad.push(0);
        assert!(Lexicon::read(&bad).is_err());
    }
}
