//! A generated article for the robustness tests (`tests/hostile.rs`, `tests/linear.rs`): a title, a
//! byline, paragraphs of three distinct sentences of plain words, a heading every fourth paragraph.
//! Deterministic (a 64-bit LCG), so a failure names a size and a seed that reproduce it.
#![allow(dead_code)]

/// A small deterministic generator (64-bit LCG).
pub struct Rng(pub u64);

impl Rng {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

pub const WORDS: &[&str] = &[
    "harbour",
    "ferries",
    "council",
    "timetable",
    "residents",
    "bridge",
    "tolls",
    "island",
    "school",
    "morning",
    "passengers",
    "winter",
    "pier",
    "route",
    "fares",
    "meeting",
    "hall",
    "budget",
    "railway",
    "market",
    "river",
    "storm",
    "library",
    "village",
    "summer",
    "museum",
    "election",
    "minister",
    "forest",
    "water",
    "the",
    "of",
    "and",
    "to",
    "in",
    "was",
    "for",
    "on",
    "with",
    "by",
];

/// A sentence of 9 to 20 words, capitalised, with a full stop.
pub fn sentence(rng: &mut Rng) -> String {
    let n = 9 + rng.below(12);
    let mut out = (0..n).map(|_| WORDS[rng.below(WORDS.len())]).collect::<Vec<_>>().join(" ");
    out[..1].make_ascii_uppercase();
    out.push('.');
    out
}

/// `n` paragraphs of distinct sentences under a title, with a heading every fourth.
pub fn article(n: usize, seed: u64) -> String {
    let mut rng = Rng(seed);
    let mut s = String::from("Council Approves New Ferry Timetable\n\nBy Ada Lindqvist\n\n");
    for i in 0..n {
        if i % 4 == 3 {
            s.push_str(&format!("What Changes for the {} {i}\n\n", WORDS[rng.below(20)]));
        }
        let p: Vec<String> = (0..3).map(|_| sentence(&mut rng)).collect();
        s.push_str(&p.join(" "));
        s.push_str("\n\n");
    }
    s
}
