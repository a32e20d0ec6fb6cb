//! Keyphrases: the article's 5 to 10 (up to 20) most telling words and phrases, best first.
//!
//! Unsupervised and single-document, in the spirit of YAKE (Campos et al., 2020): candidates are
//! runs of one to three words between stop words and punctuation, compared by their stems (so
//! "elections" and "election" are one candidate, shown in its commonest written form). A word
//! weighs more the more often it occurs, the earlier it first appears, the more often it is
//! capitalised inside a sentence (names) and when the title holds it; a word spread evenly over
//! many different neighbours (a generic word) weighs less. A phrase of several words scores by
//! its words, only when it recurs as a unit, and by how much of its words' use it accounts for
//! ("Buenos Aires" always together beats "new" + "plan" met once). Phrases that only repeat a
//! better one are dropped. The title is read as the first sentence.

use std::cmp::Ordering;

use rustc_hash::{FxHashMap as HashMap, FxHashSet};

use crate::core::lang::{self, Lang, Script, StemMemo};

/// Longest candidate, in words.
const MAX_WORDS: usize = 3;
/// A phrase of several words counts only when it recurs as a unit this often...
const PHRASE_MIN_TF: f64 = 3.0;
/// ...and then weighs this much times (1 + the share of its rarest word's occurrences it holds):
/// single words are the safer keys, a phrase must earn its place by cohesion.
const PHRASE_WEIGHT: f64 = 0.5;

#[derive(Default)]
struct WordStat {
    tf: f64,
    first: usize,
    capitalised: f64,
    in_title: bool,
    /// Number of different words met right before it, and right after it.
    left: u32,
    right: u32,
}

/// Stem ids of a candidate, padded with `u32::MAX` (no allocation per occurrence).
type Key = [u32; MAX_WORDS];

struct Cand<'t> {
    key: Key,
    len: usize,
    tf: f64,
    first: usize,
    /// Up to four written forms with their counts (the first `n_forms`, kept in place: no
    /// allocation per candidate); the commonest is shown.
    forms: [(&'t str, u32); 4],
    n_forms: usize,
}

impl<'t> Cand<'t> {
    fn stems(&self) -> &[u32] {
        &self.key[..self.len]
    }

    fn forms(&self) -> &[(&'t str, u32)] {
        &self.forms[..self.n_forms]
    }
}

/// The `n` best keyphrases of a text given as sentences (in reading order) and a title.
pub fn extract(sentences: &[&str], title: Option<&str>, lang: Lang, n: usize) -> Vec<String> {
    extract_with(sentences, title, n, &mut StemMemo::new(lang))
}

/// [`extract`], stemming through `stems` (shared with the other users of the same words).
pub(crate) fn extract_with<'t>(
    sentences: &[&'t str],
    title: Option<&'t str>,
    n: usize,
    stems: &mut StemMemo<'t>,
) -> Vec<String> {
    let lang = stems.lang();
    // Maps sized for the text's likely vocabulary (growing them step by step costs more).
    let vocabulary = vocabulary_hint(sentences.iter().map(|s| s.len()).sum());
    let mut ids: HashMap<String, u32> = HashMap::with_capacity_and_hasher(vocabulary, Default::default());
    // Each distinct token's word id, or `None` when it cannot be part of a candidate (found once).
    let mut token_ids: HashMap<&str, Option<u32>> = HashMap::with_capacity_and_hasher(vocabulary, Default::default());
    let mut words: Vec<WordStat> = Vec::new();
    let mut cands: HashMap<Key, Cand<'t>> = HashMap::with_capacity_and_hasher(2 * vocabulary, Default::default());
    // Adjacent word pairs (left, right) met so far: each new one adds a neighbour to both words.
    let mut pairs: FxHashSet<(u32, u32)> = FxHashSet::with_capacity_and_hasher(2 * vocabulary, Default::default());
    let total_sents = sentences.len() + 1;

    let title_stems: FxHashSet<String> = title
        .map(|t| lang::words(t).filter(|w| !lang::is_stopword(lang, w)).map(|w| stems.stem(w).0.to_string()).collect())
        .unwrap_or_default();

    // The title is read first: it is the densest statement of the topic (and the only text of a
    // title-only paste). Its capitals (title case) say nothing about names.
    let title_sent = title.filter(|t| !t.trim().is_empty());
    let all: Vec<&'t str> = title_sent.iter().copied().chain(sentences.iter().copied()).collect();
    for (si, &sent) in all.iter().enumerate() {
        let is_title = si == 0 && title_sent.is_some();
        // Chunks: runs of content words not broken by punctuation or stop words.
        let mut chunk: Vec<(u32, usize, usize)> = Vec::new();
        let mut prev_end = 0usize;
        let mut first_word = true;
        let flush = |chunk: &mut Vec<(u32, usize, usize)>, cands: &mut HashMap<Key, Cand<'t>>| {
            for len in 1..=MAX_WORDS.min(chunk.len()) {
                for w in chunk.windows(len) {
                    let mut key = [u32::MAX; MAX_WORDS];
                    for (slot, &(id, _, _)) in key.iter_mut().zip(w) {
                        *slot = id;
                    }
                    let text = &sent[w[0].1..w[len - 1].2];
                    let c = cands.entry(key).or_insert(Cand {
                        key,
                        len,
                        tf: 0.0,
                        first: si,
                        forms: [("", 0); 4],
                        n_forms: 0,
                    });
                    c.tf += 1.0;
                    match c.forms().iter().position(|&(f, _)| f == text) {
                        Some(k) => c.forms[k].1 += 1,
                        None if c.n_forms < 4 => {
                            c.forms[c.n_forms] = (text, 1);
                            c.n_forms += 1;
                        }
                        None => {}
                    }
                }
            }
            chunk.clear();
        };
        for (start, w) in key_tokens(sent) {
            let gap = &sent[prev_end.min(start)..start];
            let broken = gap.chars().any(|c| !c.is_whitespace() && c != '-' && c != '\'' && c != '’');
            if broken {
                flush(&mut chunk, &mut cands);
            }
            prev_end = start + w.len();
            let is_first = first_word;
            first_word = false;
            let known = token_ids.get(w).copied();
            let id = known.unwrap_or_else(|| {
                let numeric = !w.chars().any(char::is_alphabetic);
                let kana_only = w.chars().all(|c| lang::script_of(c) == Some(Script::Hiragana));
                if lang::is_stopword(lang, w) || numeric || kana_only || w.chars().count() < 2 {
                    return None;
                }
                let (st, _) = stems.stem(w);
                Some(match ids.get(st) {
                    Some(&id) => id,
                    None => {
                        let id = words.len() as u32;
                        let in_title = title_stems.contains(st);
                        ids.insert(st.to_string(), id);
                        words.push(WordStat { first: si, in_title, ..WordStat::default() });
                        id
                    }
                })
            });
            if known.is_none() {
                token_ids.insert(w, id);
            }
            let Some(id) = id else {
                flush(&mut chunk, &mut cands);
                continue;
            };
            let ws = &mut words[id as usize];
            ws.tf += 1.0;
            if !is_first && !is_title && w.chars().next().is_some_and(char::is_uppercase) {
                ws.capitalised += 1.0;
            }
            if let Some(&(prev, _, _)) = chunk.last() {
                if pairs.insert((prev, id)) {
                    words[id as usize].left += 1;
                    words[prev as usize].right += 1;
                }
            }
            chunk.push((id, start, start + w.len()));
        }
        flush(&mut chunk, &mut cands);
    }
    if words.is_empty() {
        return Vec::new();
    }

    // Word weights.
    let mean_tf = words.iter().map(|w| w.tf).sum::<f64>() / words.len() as f64;
    let weight: Vec<f64> = words
        .iter()
        .map(|w| {
            let freq = w.tf / (mean_tf + 1.0);
            let position = 1.0 + 1.0 / (1.0 + (w.first as f64 / total_sents as f64) * 4.0);
            let case = 1.0 + (w.capitalised / w.tf).min(1.0);
            let title = if w.in_title { 1.5 } else { 1.0 };
            // Generic words meet many different neighbours.
            let spread = f64::from(w.left + w.right) / (2.0 * w.tf);
            let specific = 1.0 / (1.0 + spread);
            freq.ln_1p() * position * case * title * (0.5 + specific)
        })
        .collect();

    let mut scored: Vec<(f64, &Cand<'t>)> = cands
        .values()
        // Phrases met once made of words met once are noise; rarer phrases still fill short lists.
        .filter(|c| c.len == 1 || c.tf >= 2.0 || c.stems().iter().all(|&s| words[s as usize].tf >= 2.0))
        .map(|c| {
            let stems = c.stems();
            let mean = stems.iter().map(|&s| weight[s as usize]).sum::<f64>() / stems.len() as f64;
            let cohesion = if stems.len() > 1 {
                let min_tf = stems.iter().map(|&s| words[s as usize].tf).fold(f64::MAX, f64::min);
                if c.tf < PHRASE_MIN_TF {
                    0.0
                } else {
                    PHRASE_WEIGHT * (1.0 + c.tf / min_tf.max(1.0))
                }
            } else {
                1.0
            };
            (mean * cohesion, c)
        })
        .collect();
    // Best first; ties by first occurrence, then by stems (no two candidates have the same).
    let order = |a: &(f64, &Cand<'t>), b: &(f64, &Cand<'t>)| {
        b.0.total_cmp(&a.0).then(a.1.first.cmp(&b.1.first)).then(a.1.key.cmp(&b.1.key))
    };

    let mut out: Vec<(&[u32], &str)> = Vec::new();
    visit_sorted(&mut scored, order, |&(_, c)| {
        if out.len() >= n {
            return false;
        }
        // Skip a phrase that only repeats one already chosen (same words, or inside it).
        if out.iter().any(|(s, _)| contains(s, c.stems()) || contains(c.stems(), s) && c.tf <= 1.0) {
            return true;
        }
        let best = c.forms().iter().enumerate().max_by(|a, b| a.1 .1.cmp(&b.1 .1).then(b.0.cmp(&a.0)));
        let form = best.map_or("", |(_, &(f, _))| f);
        if !form.is_empty() {
            out.push((c.stems(), form));
        }
        true
    });
    out.into_iter().map(|(_, f)| f.to_string()).collect()
}

/// The words of `text` with their offsets, as candidates see them: Unicode words, except that
/// adjacent Chinese characters and katakana (which UAX #29 splits one by one) are merged into one
/// token, the way Japanese writes content words in kanji and katakana between hiragana particles.
/// Merged runs longer than 6 characters (Chinese clauses) are split after each 2 characters.
fn key_tokens<'t>(text: &'t str) -> Vec<(usize, &'t str)> {
    let is_content_cjk =
        |w: &str| w.chars().all(|c| matches!(lang::script_of(c), Some(Script::Han | Script::Katakana)) || c == 'ー');
    let mut out: Vec<(usize, &'t str)> = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    let flush = |run: &mut Option<(usize, usize)>, out: &mut Vec<(usize, &'t str)>| {
        if let Some((s, e)) = run.take() {
            let piece = &text[s..e];
            if piece.chars().count() <= 6 {
                out.push((s, piece));
            } else {
                let idx: Vec<usize> = piece.char_indices().map(|(i, _)| s + i).chain(std::iter::once(e)).collect();
                for k in (0..idx.len() - 1).step_by(2) {
                    let end = idx[(k + 2).min(idx.len() - 1)];
                    out.push((idx[k], &text[idx[k]..end]));
                }
            }
        }
    };
    for (start, w) in lang::word_indices(text) {
        if is_content_cjk(w) {
            match run {
                Some((s, e)) if e == start => run = Some((s, start + w.len())),
                _ => {
                    flush(&mut run, &mut out);
                    run = Some((start, start + w.len()));
                }
            }
            continue;
        }
        flush(&mut run, &mut out);
        out.push((start, w));
    }
    flush(&mut run, &mut out);
    out
}

/// Visits `items` in `order` (a total order: no two items compare equal) until `visit` returns
/// `false`. Only what is visited gets sorted: chunks of growing size are selected
/// (`select_nth_unstable_by`) and sorted in turn, so reading the best ten of thousands of
/// candidates costs little more than one pass over them. With a total order the visit is the
/// same as over the fully sorted slice.
pub(crate) fn visit_sorted<T>(items: &mut [T], order: impl Fn(&T, &T) -> Ordering, mut visit: impl FnMut(&T) -> bool) {
    let mut done = 0;
    let mut chunk = 16;
    while done < items.len() {
        let rest = &mut items[done..];
        let m = chunk.min(rest.len());
        if m < rest.len() {
            rest.select_nth_unstable_by(m - 1, &order);
        }
        rest[..m].sort_unstable_by(&order);
        for x in &rest[..m] {
            if !visit(x) {
                return;
            }
        }
        done += m;
        chunk *= 4;
    }
}

/// A starting capacity for maps of the distinct words of `bytes` of text: about one distinct word
/// in 16 bytes for an article, capped for long texts (whose vocabulary grows far slower).
pub(crate) fn vocabulary_hint(bytes: usize) -> usize {
    (bytes / 16).min(4096)
}

/// Whether `inner` is a contiguous part of `outer`.
fn contains(outer: &[u32], inner: &[u32]) -> bool {
    inner.len() <= outer.len() && outer.windows(inner.len()).any(|w| w == inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_topic() {
        let sents = [
            "The city council approved the new tram line on Tuesday after a long debate.",
            "The tram line will link the airport with the central station by 2028.",
            "Council members said the tram would cut car traffic in the centre.",
            "Critics of the tram line worry about the cost of the project.",
            "Mayor Ana Silva called the vote a turning point for the city.",
        ];
        let k = extract(&sents, Some("Council approves airport tram line"), Lang::EN, 6);
        assert!(!k.is_empty() && k.len() <= 6);
        assert!(k.iter().take(3).any(|p| p.to_lowercase().contains("tram")), "{k:?}");
        for p in &k {
            assert!(!lang::is_stopword(Lang::EN, p), "{p}");
        }
    }

    #[test]
    fn merges_inflections_and_skips_repeats() {
        let sents = ["Elections were held. The election was calm.", "Election results came late. Elections matter."];
        let k = extract(&sents, None, Lang::EN, 10);
        let n = k.iter().filter(|p| p.to_lowercase().starts_with("election")).count();
        assert_eq!(n, 1, "{k:?}");
    }

    #[test]
    fn empty_and_odd_input() {
        assert!(extract(&[], None, Lang::EN, 8).is_empty());
        assert!(extract(&["", "...", "the of and"], Some(""), Lang::EN, 8).is_empty());
        let k = extract(&["東京都の人口は増えた。東京都は大きい。"], None, Lang::JA, 5);
        assert!(k.len() <= 5);
        assert_eq!(k.first().map(String::as_str), Some("東京都"), "{k:?}");
    }
}
