//! Stage 4: exact and near-duplicate blocks.
//!
//! Exact copies are found by hashing folded text; edited copies by MinHash signatures over word
//! shingles with banded locality-sensitive hashing; pull quotes that repeat a sentence of the body by
//! an inverted index from shingles to blocks. All of it is linear in the input (no all-pairs
//! comparison) and deterministic. The better-placed copy is kept (inside the article, first in
//! reading order); the other is recorded as removed, with the lines of the copy it repeats.
//!
//! Headings are left to the sections stage, which decides which copy of a doubled heading is the
//! real one.

use rustc_hash::FxHashMap as HashMap;

use crate::core::article::RemovedReason;
use crate::core::evidence;
use crate::core::types::{Classified, Role};

/// Whether a role is body text that may be a copy of other body text.
fn dedupable(role: Role) -> bool {
    matches!(role, Role::Paragraph | Role::Item | Role::Caption | Role::Quote | Role::Code | Role::Table)
}

fn lines_of(c: &Classified) -> [u32; 2] {
    [c.unit.first, c.unit.last]
}

/// A strong 64-bit mix (the finalizer of MurmurHash3): every input bit moves every output bit.
fn mix64(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^= x >> 33;
    x
}

/// A hash of a word sequence, eight bytes at a time, with each word's length folded in so that
/// word boundaries count. Deterministic across platforms and runs (no random keys, no `usize`).
fn words_hash(words: &[&str]) -> u64 {
    let mut h: u64 = 0x243f_6a88_85a3_08d3;
    for w in words {
        let bytes = w.as_bytes();
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            h = (h ^ v).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29);
        }
        let mut tail = [0u8; 8];
        tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        let v = u64::from_le_bytes(tail) ^ ((bytes.len() as u64) << 56);
        h = (h ^ v).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29);
    }
    mix64(h)
}

/// The hash of one band of a MinHash signature.
fn band_hash(rows: &[u32]) -> u64 {
    rows.iter().fold(0x1319_8a2e_0370_7344, |h, &r| mix64(h ^ u64::from(r)))
}

/// Word 3-shingles of folded text, as hashes.
fn shingles(folded: &str) -> Vec<u64> {
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    if words.len() < 3 {
        return if words.is_empty() { Vec::new() } else { vec![words_hash(&words)] };
    }
    let mut out: Vec<u64> = words.windows(3).map(words_hash).collect();
    out.sort_unstable();
    out.dedup();
    out
}

const MINHASHES: usize = 32;
const BANDS: usize = 8;
const ROWS: usize = MINHASHES / BANDS;

/// The MinHash signature: for each of [`MINHASHES`] hash functions, the least value over the
/// shingles. Each mix of the shingle's hash with a key gives two 32-bit functions (its halves).
fn minhash(sh: &[u64]) -> [u32; MINHASHES] {
    let mut sig = [u32::MAX; MINHASHES];
    for &s in sh {
        for (pair, key) in sig.chunks_exact_mut(2).zip(MINHASH_KEYS) {
            let v = mix64(s ^ key);
            pair[0] = pair[0].min(v as u32);
            pair[1] = pair[1].min((v >> 32) as u32);
        }
    }
    sig
}

/// The keys of the MinHash mixes: distinct odd multiples of the golden ratio's bits.
const MINHASH_KEYS: [u64; MINHASHES / 2] = {
    let mut keys = [0u64; MINHASHES / 2];
    let mut k = 0;
    while k < MINHASHES / 2 {
        keys[k] = ((k as u64) * 2 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        k += 1;
    }
    keys
};

fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - both;
    if union == 0 {
        0.0
    } else {
        both as f64 / union as f64
    }
}

/// A short text that may rightly stand more than once: a sentence (a refrain, a reply in
/// dialogue), an entry of two different lists, a caption or a credit in brackets under each
/// picture.
fn said_again(c: &Classified) -> bool {
    let t = c.unit.text.trim();
    c.m.terminal || matches!(c.role, Role::Caption | Role::Item) || t.starts_with('(') && t.ends_with(')')
}

/// Removes copies among `items`. `threshold` is the Jaccard similarity of shingles above which two
/// blocks are near-duplicates.
pub fn dedup(items: &mut [Classified], threshold: f64) {
    let folded: Vec<String> = items
        .iter_mut()
        .map(|c| match c.folded.take() {
            Some(f) => {
                debug_assert_eq!(f, evidence::fold(&c.unit.text), "a stale fold");
                f
            }
            None => evidence::fold(&c.unit.text),
        })
        .collect();
    // The title's copies.
    if let Some(t) = items.iter().position(|c| c.role == Role::Title) {
        let key = folded[t].clone();
        let kept = lines_of(&items[t]);
        for i in 0..items.len() {
            if i != t && folded[i] == key && !key.is_empty() && !matches!(items[i].role, Role::Removed(_)) {
                items[i].role = Role::Removed(RemovedReason::Duplicate);
                items[i].duplicate_of = Some(kept);
            }
        }
    }

    exact_copies(items, &folded, |role| !matches!(role, Role::Removed(_)));

    // Near copies: MinHash + LSH buckets, verified by the exact Jaccard of the shingle sets.
    let sh: Vec<Vec<u64>> = folded.iter().map(|f| shingles(f)).collect();
    let mut buckets = Buckets::default();
    let mut candidates: Vec<usize> = Vec::new();
    for i in 0..items.len() {
        if !dedupable(items[i].role) || items[i].m.words < 8 {
            continue;
        }
        let sig = minhash(&sh[i]);
        candidates.clear();
        for b in 0..BANDS {
            let key = (b, band_hash(&sig[b * ROWS..(b + 1) * ROWS]));
            buckets.visit_and_add(key, i, |k| {
                if !candidates.contains(&k) {
                    candidates.push(k);
                }
            });
        }
        let best = candidates
            .iter()
            .copied()
            .filter(|&k| dedupable(items[k].role))
            .map(|k| (jaccard(&sh[i], &sh[k]), k))
            .filter(|(j, _)| *j >= threshold)
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        if let Some((_, k)) = best {
            items[i].role = Role::Removed(RemovedReason::NearDuplicate);
            items[i].duplicate_of = Some(lines_of(&items[k]));
        }
    }

    // Pull quotes: a short block whose shingles almost all stand in one longer block.
    let long = |c: &Classified| matches!(c.role, Role::Paragraph | Role::Item) && c.m.words >= 12;
    // The inverted index: (shingle, block) of the long blocks as three u32s, sorted, so that a
    // shingle's blocks are one run in block order (12 bytes a shingle; a hash map of lists took
    // some 16 bytes per byte of input at its peak: issue 13).
    let indexed: usize = items.iter().zip(&sh).filter(|(c, _)| long(c)).map(|(_, s)| s.len()).sum();
    let mut index: Vec<[u32; 3]> = Vec::with_capacity(indexed);
    for i in 0..items.len() {
        if long(&items[i]) {
            index.extend(sh[i].iter().map(|&s| [(s >> 32) as u32, s as u32, i as u32]));
        }
    }
    index.sort_unstable();
    let shingle = |e: &[u32; 3]| (u64::from(e[0]) << 32) | u64::from(e[1]);
    let mut hits: Vec<(usize, usize)> = Vec::new();
    for i in 0..items.len() {
        let words = items[i].m.words;
        if !matches!(items[i].role, Role::Paragraph | Role::Quote | Role::Caption)
            || !(8..=60).contains(&words)
            || sh[i].len() < 3
        {
            continue;
        }
        hits.clear();
        for &s in &sh[i] {
            let from = index.partition_point(|e| shingle(e) < s);
            let list = index[from..].iter().take_while(|e| shingle(e) == s).take(INDEX_KEEP).map(|e| e[2] as usize);
            {
                for k in list {
                    if k != i && items[k].m.words as f64 >= words as f64 * 1.5 {
                        match hits.iter_mut().find(|(b, _)| *b == k) {
                            Some((_, n)) => *n += 1,
                            None => hits.push((k, 1)),
                        }
                    }
                }
            }
        }
        let best = hits.iter().copied().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
        if let Some((k, n)) = best {
            if n as f64 >= sh[i].len() as f64 * 0.85 && dedupable(items[k].role) {
                items[i].role = Role::Removed(RemovedReason::Duplicate);
                items[i].duplicate_of = Some(lines_of(&items[k]));
            }
        }
    }
    // The folds go back to the units (their texts are unchanged), for the headings' placement.
    for (c, f) in items.iter_mut().zip(folded) {
        c.folded = Some(f);
    }
}

/// Exact copies: keep the first. A short sentence said again further on (a refrain, a reply in
/// dialogue) is kept; a short sentence repeated right after itself (with only units between that
/// are not `between`: removed ones, or ones set elsewhere), a repeated label or caption, or a long
/// block anywhere, is a copy. `folded[i]` is the fold of `items[i]`'s text.
fn exact_copies(items: &mut [Classified], folded: &[String], between: impl Fn(Role) -> bool) {
    let substantial = |c: &Classified| c.m.words >= 4 || c.m.chars >= 20;
    let mut first: HashMap<&str, usize> = HashMap::default();
    // The last unit before `i` that stands between: only others stand between `k` and `i` when it
    // is at or before `k` (a scan of them was quadratic in a run of copies: issue 13).
    let mut last_between: Option<usize> = None;
    for i in 0..items.len() {
        if i > 0 && between(items[i - 1].role) {
            last_between = Some(i - 1);
        }
        if !dedupable(items[i].role) || !substantial(&items[i]) || folded[i].is_empty() {
            continue;
        }
        let adjacent = |k: usize| last_between.is_none_or(|l| l <= k);
        match first.get(folded[i].as_str()) {
            Some(&k) if items[i].m.words < 12 && said_again(&items[i]) && !adjacent(k) => {}
            Some(&k) => {
                items[i].role = Role::Removed(RemovedReason::Duplicate);
                items[i].duplicate_of = Some(lines_of(&items[k]));
            }
            None => {
                first.insert(folded[i].as_str(), i);
            }
        }
    }
}

/// Copies that the later stages brought together, as the Markdown export reads them: a short
/// sentence kept because something stood between it and its first copy (a block that the near-copy
/// or pull-quote search, or the headings' placement, then removed; a date or a label that the export
/// writes elsewhere) is a copy when only such units stand between. The export, read back, finds
/// the copies so: every removal is settled once the article is. Run after [`dedup`] (which left the
/// units their folds) and the headings' placement.
pub fn settle_copies(items: &mut [Classified]) {
    let folded: Vec<String> =
        items.iter_mut().map(|c| c.folded.take().unwrap_or_else(|| evidence::fold(&c.unit.text))).collect();
    exact_copies(items, &folded, |role| dedupable(role) || matches!(role, Role::Heading(_)));
    for (c, f) in items.iter_mut().zip(folded) {
        c.folded = Some(f);
    }
}

/// The LSH buckets: for each (band, band hash), the first [`BUCKET_KEEP`] blocks that fell in it,
/// in order, as lists threaded through one array (no allocation per bucket).
#[derive(Default)]
struct Buckets {
    /// (band, band hash) -> (first entry, last entry, entries).
    heads: HashMap<(usize, u64), (u32, u32, u32)>,
    /// Per entry: the block, and the next entry of the same bucket (`u32::MAX`: none).
    entries: Vec<(u32, u32)>,
}

/// A bucket keeps its first 64 blocks; a new block is compared with the first 16.
const BUCKET_KEEP: u32 = 64;
const BUCKET_COMPARE: usize = 16;

impl Buckets {
    /// Calls `visit` with the first [`BUCKET_COMPARE`] blocks of `key`'s bucket, in order, then
    /// adds `block` to it if it holds fewer than [`BUCKET_KEEP`].
    fn visit_and_add(&mut self, key: (usize, u64), block: usize, mut visit: impl FnMut(usize)) {
        let new = self.entries.len() as u32;
        match self.heads.get_mut(&key) {
            Some((first, last, len)) => {
                let mut e = *first;
                for _ in 0..BUCKET_COMPARE {
                    if e == u32::MAX {
                        break;
                    }
                    let (b, next) = self.entries[e as usize];
                    visit(b as usize);
                    e = next;
                }
                if *len < BUCKET_KEEP {
                    self.entries[*last as usize].1 = new;
                    self.entries.push((block as u32, u32::MAX));
                    *last = new;
                    *len += 1;
                }
            }
            None => {
                self.heads.insert(key, (new, new, 1));
                self.entries.push((block as u32, u32::MAX));
            }
        }
    }
}

/// A shingle's first this many long blocks (in reading order) are looked at for pull quotes.
const INDEX_KEEP: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{options::Options, structure};

    const FIRST: &str = "The harbour authority said on Tuesday that the northern pier would close for repairs \
        through the winter, after divers found that storms had loosened the old timber piles beneath it.";
    const EDITED: &str = "The harbour authority said on Tuesday that the northern pier would close for repairs \
        through the winter, after divers found that storms had loosened the ancient timber piles beneath it.";
    const OTHER: &str = "Fishing crews will use the southern quay meanwhile, where the council has added two \
        cranes and a cold store so that the morning catch can still be landed and sold on time.";

    fn removed(text: &str) -> Vec<(RemovedReason, String)> {
        structure(text, &Options::default()).removed.into_iter().map(|r| (r.reason, r.text)).collect()
    }

    #[test]
    fn an_edited_copy_is_a_near_duplicate_and_a_different_paragraph_stays() {
        let text = format!("Pier closes\n\n{FIRST}\n\n{OTHER}\n\n{EDITED}\n");
        let removed = removed(&text);
        assert_eq!(removed, vec![(RemovedReason::NearDuplicate, EDITED.to_string())]);
    }

    #[test]
    fn an_exact_copy_is_a_duplicate() {
        let text = format!("Pier closes\n\n{FIRST}\n\n{OTHER}\n\n{FIRST}\n");
        assert_eq!(removed(&text), vec![(RemovedReason::Duplicate, FIRST.to_string())]);
    }

    #[test]
    fn a_sentence_said_again_once_a_copy_between_is_gone_is_a_copy() {
        // The short sentence is said again with a block between, so it stays; then the block between
        // turns out to be an edited copy. Read again (the Markdown export), the two sentences stand
        // side by side: a copy, so it is one now.
        const AGAIN: &str = "Yes, it really was that bad.";
        let text = format!("Pier closes\n\n{FIRST}\n\n{AGAIN}\n\n{EDITED}\n\n{AGAIN}\n\n{OTHER}\n");
        assert_eq!(
            removed(&text),
            vec![(RemovedReason::NearDuplicate, EDITED.to_string()), (RemovedReason::Duplicate, AGAIN.to_string())]
        );
    }

    #[test]
    fn signatures_of_similar_shingle_sets_agree_more_than_those_of_different_ones() {
        let a = shingles(&evidence::fold(FIRST));
        let b = shingles(&evidence::fold(EDITED));
        let c = shingles(&evidence::fold(OTHER));
        let agree = |x: &[u64], y: &[u64]| minhash(x).iter().zip(minhash(y)).filter(|(p, q)| **p == *q).count();
        assert!(agree(&a, &b) > MINHASHES / 2, "{}", agree(&a, &b));
        assert!(agree(&a, &c) < MINHASHES / 8, "{}", agree(&a, &c));
        // Word boundaries count: the same letters split differently are different shingles.
        assert_ne!(words_hash(&["ab", "c"]), words_hash(&["a", "bc"]));
    }
}
