//! Benchmark (not a test): summarizing stays near-linear in the article's length.
//!
//! Builds synthetic English-like articles of 100 KB and 1 MB (Zipf-distributed vocabulary,
//! function words, paragraphs under headings; and the same text as one line, the shape of pasted
//! walls of text), structures each once, then times `summary::summarize` on copies of the
//! structured article (median of several runs). Prints both times and their ratio, measured in the
//! same run; the goal is time(1 MB) / time(100 KB) < 10, and the process exits with status 1 when a
//! ratio misses it.
//!
//! Run: `cargo bench --bench summary`

use std::hint::black_box;
use std::time::Instant;

use article_structurer::core::summary::summarize;
use article_structurer::{structure, Options};

/// A small deterministic generator (64-bit LCG).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const FUNCTION: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "that", "is", "was", "for", "on", "with", "as", "by", "at", "from", "it",
    "which", "this", "be", "have", "were", "has", "their", "after", "about", "more", "will", "said",
];
const SYLLABLES: &[&str] = &[
    "ba", "con", "der", "el", "fa", "gri", "hol", "in", "jo", "ka", "lun", "mer", "no", "por", "qua", "ri", "sta",
    "tor", "um", "ver", "wes", "xi", "yor", "zan", "ment", "tion", "ing", "er", "al", "ic",
];

fn vocabulary(rng: &mut Rng, n: usize) -> Vec<String> {
    (0..n)
        .map(|_| {
            let k = 2 + rng.below(3) as usize;
            (0..k).map(|_| SYLLABLES[rng.below(SYLLABLES.len() as u64) as usize]).collect::<String>()
        })
        .collect()
}

/// About `bytes` of article text: a title, then headed sections of paragraphs.
fn article_text(bytes: usize, one_line: bool) -> String {
    let mut rng = Rng(42);
    let vocab = vocabulary(&mut rng, 4000);
    // Zipf: rank r drawn with weight 1/r via cumulative sums.
    let cum: Vec<f64> = vocab
        .iter()
        .enumerate()
        .scan(0.0, |acc, (r, _)| {
            *acc += 1.0 / (r as f64 + 1.0);
            Some(*acc)
        })
        .collect();
    let total = *cum.last().unwrap_or(&1.0);
    let word = |rng: &mut Rng| -> String {
        if rng.below(100) < 45 {
            return FUNCTION[rng.below(FUNCTION.len() as u64) as usize].to_string();
        }
        let x = (rng.next() as f64 / (1u64 << 31) as f64) * total;
        let r = cum.partition_point(|&c| c < x).min(vocab.len() - 1);
        vocab[r].clone()
    };
    let sep = if one_line { " " } else { "\n\n" };
    let mut out = String::from("Synthetic report on the conmenting of holderstation");
    out.push_str(sep);
    let mut para = 0;
    while out.len() < bytes {
        if !one_line && para % 8 == 0 {
            out.push_str(&format!("Section {} on {} {}\n\n", para / 8 + 1, word(&mut rng), word(&mut rng)));
        }
        let sentences = 3 + rng.below(4);
        for s in 0..sentences {
            let len = 8 + rng.below(18);
            let mut sent: Vec<String> = (0..len).map(|_| word(&mut rng)).collect();
            if let Some(first) = sent.first_mut() {
                let mut c = first.chars();
                *first = c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default();
            }
            if rng.below(10) == 0 {
                sent.insert(2, format!("Mr. {}", word(&mut rng)));
            }
            out.push_str(&sent.join(" "));
            out.push_str(if rng.below(12) == 0 { "?" } else { "." });
            if s + 1 < sentences {
                out.push(' ');
            }
        }
        out.push_str(sep);
        para += 1;
    }
    out
}

/// Median seconds of `summarize` on copies of the structured `text`.
fn time_summarize(text: &str, runs: usize) -> (f64, usize) {
    let opts = Options::default();
    let base = structure(text, &opts);
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let mut a = base.clone();
        let t = Instant::now();
        summarize(&mut a, &opts);
        times.push(t.elapsed().as_secs_f64());
        black_box(&a);
    }
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], base.stats.sentences)
}

fn main() {
    let mut ok = true;
    println!("{:<12} {:>10} {:>10} {:>12} {:>12} {:>7}", "shape", "size", "sentences", "time", "per KB", "ratio");
    for (shape, one_line) in [("paragraphs", false), ("one line", true)] {
        let small = article_text(100 * 1024, one_line);
        let large = article_text(1024 * 1024, one_line);
        let (t_small, n_small) = time_summarize(&small, 7);
        let (t_large, n_large) = time_summarize(&large, 3);
        let ratio = t_large / t_small;
        for (label, bytes, n, t) in [("100 KB", small.len(), n_small, t_small), ("1 MB", large.len(), n_large, t_large)]
        {
            println!(
                "{:<12} {:>10} {:>10} {:>10.1}ms {:>10.3}ms {:>7}",
                shape,
                label,
                n,
                t * 1e3,
                t * 1e3 / (bytes as f64 / 1024.0),
                if label == "1 MB" { format!("{ratio:.2}") } else { String::new() }
            );
        }
        if ratio >= 10.0 {
            ok = false;
            println!("{shape}: time(1 MB) / time(100 KB) = {ratio:.2} >= 10: not near-linear");
        }
    }
    if ok {
        println!("near-linear: every time(1 MB) / time(100 KB) ratio is under 10");
    } else {
        std::process::exit(1);
    }
}
