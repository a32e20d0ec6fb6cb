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

use std::hash::{Hash, Hasher};

use rustc_hash::FxHashMap as HashMap;

use crate::core::article::RemovedReason;
use crate::core::classify::{Classified, Role};
use crate::core::evidence;

/// Whether a role is body text that may be a copy of other body text.
fn dedupable(role: Role) -> bool {
    matches!(role, Role::Paragraph | Role::Item | Role::Caption | Role::Quote | Role::Code | Role::Table)
}

fn lines_of(c: &Classified) -> [u32; 2] {
    [c.unit.first, c.unit.last]
}

fn hash64<T: Hash + ?Sized>(t: &T, seed: u64) -> u64 {
    let mut h = Fnv(0xcbf2_9ce4_8422_2325 ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15));
    t.hash(&mut h);
    h.finish()
}

/// FNV-1a: deterministic across platforms and runs (unlike the std hasher's random keys).
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        // Final avalanche so that nearby inputs spread over the whole range.
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Word 3-shingles of folded text, as hashes.
fn shingles(folded: &str) -> Vec<u64> {
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    if words.len() < 3 {
        return if words.is_empty() { Vec::new() } else { vec![hash64(&words, 0)] };
    }
    let mut out: Vec<u64> = words.windows(3).map(|w| hash64(w, 0)).collect();
    out.sort_unstable();
    out.dedup();
    out
}

const MINHASHES: usize = 32;
const BANDS: usize = 8;
const ROWS: usize = MINHASHES / BANDS;

fn minhash(sh: &[u64]) -> [u64; MINHASHES] {
    let mut sig = [u64::MAX; MINHASHES];
    for &s in sh {
        for (k, slot) in sig.iter_mut().enumerate() {
            let v = hash64(&s, k as u64 + 1);
            if v < *slot {
                *slot = v;
            }
        }
    }
    sig
}

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

/// Whether only removed units stand between `a` and `b`.
fn adjacent(items: &[Classified], a: usize, b: usize) -> bool {
    items[a + 1..b].iter().all(|c| matches!(c.role, Role::Removed(_)))
}

/// Removes copies among `items`. `threshold` is the Jaccard similarity of shingles above which two
/// blocks are near-duplicates.
pub fn dedup(items: &mut [Classified], threshold: f64) {
    let folded: Vec<String> = items.iter().map(|c| evidence::fold(&c.unit.text)).collect();
    let substantial = |i: usize, items: &[Classified]| items[i].m.words >= 4 || items[i].m.chars >= 20;

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

    // Exact copies: keep the first. A short sentence said again further on (a refrain, a reply in
    // dialogue) is kept; a short sentence repeated right after itself, a repeated label or caption,
    // or a long block anywhere, is a copy.
    let mut first: HashMap<&str, usize> = HashMap::default();
    for i in 0..items.len() {
        if !dedupable(items[i].role) || !substantial(i, items) || folded[i].is_empty() {
            continue;
        }
        match first.get(folded[i].as_str()) {
            Some(&k) if items[i].m.words < 12 && said_again(&items[i]) && !adjacent(items, k, i) => {}
            Some(&k) => {
                items[i].role = Role::Removed(RemovedReason::Duplicate);
                items[i].duplicate_of = Some(lines_of(&items[k]));
            }
            None => {
                first.insert(folded[i].as_str(), i);
            }
        }
    }

    // Near copies: MinHash + LSH buckets, verified by the exact Jaccard of the shingle sets.
    let sh: Vec<Vec<u64>> = folded.iter().map(|f| shingles(f)).collect();
    let mut buckets: HashMap<(usize, u64), Vec<usize>> = HashMap::default();
    for i in 0..items.len() {
        if !dedupable(items[i].role) || items[i].m.words < 8 {
            continue;
        }
        let sig = minhash(&sh[i]);
        let mut candidates: Vec<usize> = Vec::new();
        for b in 0..BANDS {
            let key = (b, hash64(&sig[b * ROWS..(b + 1) * ROWS], 0));
            let bucket = buckets.entry(key).or_default();
            for &k in bucket.iter().take(16) {
                if !candidates.contains(&k) {
                    candidates.push(k);
                }
            }
            if bucket.len() < 64 {
                bucket.push(i);
            }
        }
        let best = candidates
            .into_iter()
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
    let mut index: HashMap<u64, Vec<usize>> = HashMap::default();
    for i in 0..items.len() {
        if matches!(items[i].role, Role::Paragraph | Role::Item) && items[i].m.words >= 12 {
            for &s in &sh[i] {
                let list = index.entry(s).or_default();
                if list.len() < 8 {
                    list.push(i);
                }
            }
        }
    }
    for i in 0..items.len() {
        let words = items[i].m.words;
        if !matches!(items[i].role, Role::Paragraph | Role::Quote | Role::Caption)
            || !(8..=60).contains(&words)
            || sh[i].len() < 3
        {
            continue;
        }
        let mut hits: HashMap<usize, usize> = HashMap::default();
        for s in &sh[i] {
            if let Some(list) = index.get(s) {
                for &k in list {
                    if k != i && items[k].m.words as f64 >= words as f64 * 1.5 {
                        *hits.entry(k).or_default() += 1;
                    }
                }
            }
        }
        let best = hits.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
        if let Some((k, n)) = best {
            if n as f64 >= sh[i].len() as f64 * 0.85 && dedupable(items[k].role) {
                items[i].role = Role::Removed(RemovedReason::Duplicate);
                items[i].duplicate_of = Some(lines_of(&items[k]));
            }
        }
    }
}
