//! Benchmark (not a test): `structure()` takes time in proportion to the input's size.
//!
//! For each family of input the core meets (a pasted web page, a hard-wrapped report with page
//! furniture, a wall of text on one line, a scraper's output full of doubled headings and repeated
//! paragraphs, a list of 200,000 short lines), builds inputs of 10 KB, 80 KB, 640 KB and 5 MB (each
//! eight times the last) plus 10 MB, times `structure()` on each (the least thread CPU time of several runs,
//! fewer for the big ones: on a shared machine the minimum is the least disturbed) and prints time, MB/s and the ratio time(8n) / time(n), all measured in this run.
//! Linear time means a ratio near 8; the process exits with status 1 when a ratio exceeds 10.
//!
//! Run: `cargo bench --bench structure` (add `-- quick` to stop at 640 KB; with `BENCH_WRITE_INPUTS=DIR`
//! set, each input is also written to DIR for profiling).

use std::hint::black_box;
use std::time::Duration;

#[path = "../tests/common/cpu_time.rs"]
mod cpu_time;
use cpu_time::cpu_time;

use article_structurer::{structure, Options};

/// A small deterministic generator (64-bit LCG).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "that",
    "is",
    "was",
    "for",
    "on",
    "with",
    "as",
    "by",
    "council",
    "river",
    "bridge",
    "market",
    "prices",
    "school",
    "water",
    "storm",
    "residents",
    "officials",
    "building",
    "summer",
    "winter",
    "railway",
    "harbour",
    "library",
    "museum",
    "budget",
    "election",
    "minister",
    "village",
    "forest",
];

fn sentence(rng: &mut Rng) -> String {
    let n = 8 + rng.below(14);
    let mut s: Vec<&str> = (0..n).map(|_| WORDS[rng.below(WORDS.len())]).collect();
    let first = s[0].to_string();
    let cap = first[..1].to_uppercase() + &first[1..];
    s[0] = Box::leak(cap.into_boxed_str());
    format!("{}.", s.join(" "))
}

fn paragraph(rng: &mut Rng) -> String {
    (0..2 + rng.below(4)).map(|_| sentence(rng)).collect::<Vec<_>>().join(" ")
}

fn heading(rng: &mut Rng) -> String {
    (0..2 + rng.below(4))
        .map(|_| {
            let w = WORDS[10 + rng.below(WORDS.len() - 10)];
            w[..1].to_uppercase() + &w[1..]
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The families, each a function from a target size in bytes to an input of about that size.
fn family(name: &str, bytes: usize) -> String {
    let mut rng = Rng(7);
    let mut out = String::with_capacity(bytes + 1024);
    match name {
        "web page" => {
            while out.len() < bytes {
                for nav in ["Home", "World", "Business", "Sport", "Subscribe", "Sign in"] {
                    out.push_str(nav);
                    out.push('\n');
                }
                out.push_str(&format!("{}\nBy Jane Roe\nMarch 3, 2021\nShare\n\n", heading(&mut rng)));
                for k in 0..12 {
                    if k % 4 == 3 {
                        out.push_str(&format!("{}\n\nAdvertisement\n\n", heading(&mut rng)));
                    }
                    out.push_str(&paragraph(&mut rng));
                    out.push_str("\n\n");
                }
                out.push_str("Related stories\n");
                for _ in 0..4 {
                    out.push_str(&heading(&mut rng));
                    out.push('\n');
                }
                out.push_str("12 Comments\nReply\n\n");
            }
        }
        "wrapped report" => {
            let mut page = 1;
            while out.len() < bytes {
                let text = (0..8).map(|_| paragraph(&mut rng)).collect::<Vec<_>>().join("\n\n");
                let mut col = 0;
                for word in text.split(' ') {
                    if col + word.len() > 68 {
                        out.push('\n');
                        col = 0;
                    } else if col > 0 {
                        out.push(' ');
                        col += 1;
                    }
                    out.push_str(word);
                    col += word.len();
                }
                out.push_str(&format!("\n\nANNUAL REPORT 2024                          Page {page}\n\n"));
                page += 1;
            }
        }
        "wall of text" => {
            while out.len() < bytes {
                out.push_str(&sentence(&mut rng));
                out.push(' ');
            }
        }
        "scraper doubles" => {
            let mut last_heading = heading(&mut rng);
            while out.len() < bytes {
                let h = heading(&mut rng);
                out.push_str(&format!("{h}\n{h}\n"));
                let p = paragraph(&mut rng);
                out.push_str(&format!("{p}\n{last_heading}\n{p}\n"));
                out.push_str(&format!("{}\n", sentence(&mut rng)));
                last_heading = h;
            }
        }
        _ => {
            while out.len() < bytes {
                out.push_str(WORDS[rng.below(WORDS.len())]);
                out.push('\n');
            }
        }
    }
    out
}

const FAMILIES: &[&str] = &["web page", "wrapped report", "wall of text", "scraper doubles", "short lines"];

/// The least CPU time of `runs` runs: on a shared machine the minimum is the run least disturbed by
/// others (cache and memory bandwidth are still shared).
fn time(input: &str, runs: usize) -> Duration {
    let options = Options::default();
    (0..runs)
        .map(|_| {
            let t = cpu_time();
            black_box(structure(black_box(input), &options));
            cpu_time().saturating_sub(t)
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let quick = std::env::args().any(|a| a == "quick");
    let mut sizes = vec![10_000usize, 80_000, 640_000];
    if !quick {
        sizes.extend([5_120_000, 10_000_000]);
    }
    let mut worst: f64 = 0.0;
    println!("{:<16} {:>10} {:>11} {:>9} {:>13}", "family", "bytes", "time", "MB/s", "time(8n)/t(n)");
    for name in FAMILIES {
        let mut prev: Option<(usize, Duration)> = None;
        for &bytes in &sizes {
            let input = family(name, bytes);
            if let Some(dir) = std::env::var_os("BENCH_WRITE_INPUTS") {
                let path = std::path::Path::new(&dir).join(format!("{}-{bytes}.txt", name.replace(' ', "-")));
                std::fs::write(&path, &input).expect("cannot write an input");
            }
            let runs = if bytes <= 100_000 {
                15
            } else if bytes <= 1_000_000 {
                5
            } else {
                3
            };
            let t = time(&input, runs);
            let mbps = input.len() as f64 / 1e6 / t.as_secs_f64();
            let ratio = match prev {
                Some((b, pt)) if bytes == b * 8 => {
                    let r = t.as_secs_f64() / pt.as_secs_f64();
                    worst = worst.max(r);
                    format!("{r:.2}")
                }
                _ => "-".to_string(),
            };
            println!("{:<16} {:>10} {:>9.2}ms {:>9.1} {:>13}", name, input.len(), t.as_secs_f64() * 1e3, mbps, ratio);
            prev = Some((bytes, t));
        }
    }
    println!("\nworst time(8n)/time(n): {worst:.2} (linear is 8; the bound is 10)");
    if worst > 10.0 {
        eprintln!("structure() grows faster than linearly");
        std::process::exit(1);
    }
}
