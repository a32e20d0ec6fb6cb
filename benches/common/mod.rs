//! Generated articles for the speed benchmark (`benches/speed.rs`, `scripts/bench`).
//!
//! `article(bytes)` writes about `bytes` of a pasted news page: a menu, a title, a byline and a
//! date, a key-points list, then the body (headed sections of paragraphs over a Zipf-distributed
//! vocabulary of made-up words with English function words, list items, captions with credits,
//! "Advertisement" lines, a pull quote now and then), and the page's tail (related links,
//! comments). The body grows with the size; head and tail stay the same, so that a 10 MB input is
//! one long article, not a thousand pages glued together. Deterministic: the same size gives the
//! same text on every machine.

/// A small deterministic generator (64-bit LCG).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[rustfmt::skip]
const FUNCTION: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "that", "is", "was", "for", "on", "with", "as", "by", "at", "from", "it",
    "which", "this", "be", "have", "were", "has", "their", "after", "about", "more", "will", "said", "but", "not",
    "they", "its", "an", "or", "had", "been", "would", "who", "when", "there", "than", "into", "over",
];
#[rustfmt::skip]
const SYLLABLES: &[&str] = &[
    "ba", "con", "der", "el", "fa", "gri", "hol", "in", "jo", "ka", "lun", "mer", "no", "por", "qua", "ri", "sta",
    "tor", "um", "ver", "wes", "xi", "yor", "zan", "ment", "tion", "ing", "er", "al", "ic", "sen", "dro", "pal",
];

/// The generator's state: vocabulary and its Zipf weights.
pub struct Writer {
    rng: Rng,
    vocab: Vec<String>,
    names: Vec<String>,
    cum: Vec<f64>,
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

impl Writer {
    pub fn new(seed: u64) -> Writer {
        let mut rng = Rng(seed);
        let word = |rng: &mut Rng, min: usize| {
            let k = min + rng.below(3);
            (0..k).map(|_| SYLLABLES[rng.below(SYLLABLES.len())]).collect::<String>()
        };
        let vocab: Vec<String> = (0..5000).map(|_| word(&mut rng, 2)).collect();
        let names: Vec<String> = (0..300).map(|_| capitalise(&word(&mut rng, 2))).collect();
        let cum: Vec<f64> = (0..vocab.len())
            .scan(0.0, |acc, r| {
                *acc += 1.0 / (r as f64 + 1.0);
                Some(*acc)
            })
            .collect();
        Writer { rng, vocab, names, cum }
    }

    fn content_word(&mut self) -> String {
        let total = *self.cum.last().unwrap_or(&1.0);
        let x = (self.rng.next() as f64 / (1u64 << 31) as f64) * total;
        let r = self.cum.partition_point(|&c| c < x).min(self.vocab.len() - 1);
        self.vocab[r].clone()
    }

    fn word(&mut self) -> String {
        match self.rng.below(100) {
            0..=42 => FUNCTION[self.rng.below(FUNCTION.len())].to_string(),
            43..=47 => self.names[self.rng.below(self.names.len())].clone(),
            48..=49 => format!("{}", 2 + self.rng.below(990)),
            _ => self.content_word(),
        }
    }

    /// One sentence of 6 to 30 words, capitalised, with a comma now and then.
    pub fn sentence(&mut self) -> String {
        let n = 6 + self.rng.below(25);
        let mut s = String::new();
        for k in 0..n {
            let w = self.word();
            if k == 0 {
                s.push_str(&capitalise(&w));
            } else {
                s.push(' ');
                s.push_str(&w);
                if k + 2 < n && self.rng.below(12) == 0 {
                    s.push(',');
                }
            }
        }
        s.push(match self.rng.below(30) {
            0 => '?',
            1 => '!',
            _ => '.',
        });
        if self.rng.below(15) == 0 {
            s.insert(0, '\u{201c}');
            s.push_str(&format!("\u{201d} said {}.", self.names[self.rng.below(self.names.len())]));
        }
        s
    }

    pub fn paragraph(&mut self) -> String {
        let n = 2 + self.rng.below(5);
        (0..n).map(|_| self.sentence()).collect::<Vec<_>>().join(" ")
    }

    /// A heading: two to six words, capitalised, no full stop.
    pub fn heading(&mut self) -> String {
        let n = 2 + self.rng.below(5);
        let mut h: Vec<String> = Vec::new();
        for k in 0..n {
            let w = if k == 0 || self.rng.below(3) > 0 { self.content_word() } else { self.word() };
            h.push(if k == 0 || self.rng.below(2) == 0 { capitalise(&w) } else { w });
        }
        h.join(" ")
    }
}

/// About `bytes` of a pasted news page with one long article in it.
pub fn article(bytes: usize) -> String {
    let mut w = Writer::new(42);
    let mut out = String::with_capacity(bytes + 4096);
    for nav in ["Skip to content", "Home", "World", "Business", "Science", "Sport", "Subscribe", "Sign in", ""] {
        out.push_str(nav);
        out.push('\n');
    }
    let title = w.heading();
    out.push_str(&format!("{title}\n\nBy {} and {}\nMarch 3, 2024\n\nShare\n\n", w.names[1], w.names[2]));
    out.push_str("Key points\n");
    for _ in 0..3 {
        out.push_str(&format!("- {}\n", w.sentence()));
    }
    out.push('\n');
    let tail = "Related stories\n\nFirst story of the week\n\nAnother story people read\n\n\
                12 Comments\n\nReply\n\n\u{a9} 2024 The Daily Paper. All rights reserved.\n";
    let body_end = bytes.saturating_sub(tail.len());
    let mut k = 0usize;
    let mut last_paragraph = String::new();
    while out.len() < body_end {
        if k % 7 == 6 {
            out.push_str(&w.heading());
            out.push_str("\n\n");
        }
        match w.rng.below(40) {
            0 => out.push_str("Advertisement\n\n"),
            1 => {
                for _ in 0..3 + w.rng.below(4) {
                    out.push_str(&format!("- {}\n", w.sentence()));
                }
                out.push('\n');
            }
            2 => {
                let credit = w.names[w.rng.below(w.names.len())].clone();
                out.push_str(&format!("{} Photo: {credit}/Reuters\n\n", w.sentence()));
            }
            3 if !last_paragraph.is_empty() => {
                // A pull quote: one sentence of the paragraph before, printed again.
                let s = last_paragraph.split_inclusive(". ").next().unwrap_or("").trim().to_string();
                out.push_str(&format!("{s}\n\n"));
            }
            _ => {}
        }
        last_paragraph = w.paragraph();
        out.push_str(&last_paragraph);
        out.push_str("\n\n");
        k += 1;
    }
    out.push_str(tail);
    out
}

/// About `words` words of article (headed paragraphs, no page chrome): the typing benchmark's text.
pub fn words(words: usize) -> String {
    let mut w = Writer::new(7);
    let mut out = format!("{}\n\n", w.heading());
    let mut count = out.split_whitespace().count();
    let mut k = 0;
    while count < words {
        if k % 6 == 5 {
            let h = w.heading();
            count += h.split_whitespace().count();
            out.push_str(&h);
            out.push_str("\n\n");
        }
        let p = w.paragraph();
        count += p.split_whitespace().count();
        out.push_str(&p);
        out.push_str("\n\n");
        k += 1;
    }
    out
}
