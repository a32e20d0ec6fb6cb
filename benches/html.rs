//! Benchmark (not a test): the HTML path's own stage (`core::html::classify`: tokenizer, tree,
//! metadata, article search, roles) takes time in proportion to the input's size, on real-looking
//! pages and on the shapes that make HTML parsers quadratic. (The stages after it, shared with the
//! plain-text path, have their own benchmark: `benches/structure.rs`.)
//!
//! Families: a news page (navigation, article, asides, comments, scripts, repeated), one `<div>`
//! holding text split by `<br><br>` (many blocks, one owner), one `<ol>` of list items, a flat run
//! of same-class `<div>`s (many candidate containers), text under 400 levels of nesting, one data
//! table, and a flood of character references. For each, inputs of 80 KB and 640 KB (eight times
//! the first, plus 5 MB unless `quick`), the fastest of several runs of `html::classify` (the least
//! disturbed on a shared machine), MB/s and the ratio time(8n) / time(n), all measured in this run. Linear time means a ratio near 8; the process
//! exits with status 1 when a ratio exceeds 10.
//!
//! Run: `cargo bench --bench html` (add `-- quick` to stop at 640 KB).

use std::hint::black_box;
use std::time::{Duration, Instant};

use article_structurer::core::html;

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

#[rustfmt::skip]
const WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "that", "is", "was", "for", "on", "with", "as", "by", "council", "river",
    "bridge", "market", "prices", "school", "water", "storm", "residents", "officials", "building", "summer",
    "winter", "railway", "harbour", "library", "museum", "budget", "election", "minister", "village", "forest",
];

/// A sentence of varied words (so that the dedup stage sees no copies).
fn sentence(rng: &mut Rng) -> String {
    let n = 8 + rng.below(14);
    let words: Vec<&str> = (0..n).map(|_| WORDS[rng.below(WORDS.len())]).collect();
    format!("{}, {} {}.", words[0], words[1..].join(" "), rng.next() % 100_000)
}

fn paragraph(rng: &mut Rng) -> String {
    (0..2 + rng.below(4)).map(|_| sentence(rng)).collect::<Vec<_>>().join(" ")
}

fn family(name: &str, bytes: usize) -> String {
    let mut rng = Rng(11);
    let mut out = String::with_capacity(bytes + 4096);
    match name {
        "news page" => {
            out.push_str("<html><head><title>A Page | Site</title><script>var x = '<p>';</script></head><body>");
            while out.len() < bytes {
                out.push_str(
                    "<nav><ul><li><a href=/>Home</a><li><a href=/w>World</a><li><a href=/s>Sport</a></ul></nav>",
                );
                out.push_str("<article class=story><h1>Headline of the day</h1><p class=byline>By Jane Roe</p>");
                for k in 0..10 {
                    if k % 4 == 3 {
                        out.push_str(&format!("<h2>{}</h2><div class=ad>Advertisement</div>", sentence(&mut rng)));
                    }
                    out.push_str(&format!("<p>{}</p>\n", paragraph(&mut rng)));
                }
                out.push_str("<figure><img src=x><figcaption>A caption here.</figcaption></figure></article>");
                out.push_str("<aside class=related><h3>Related</h3><ul>");
                for _ in 0..4 {
                    out.push_str(&format!("<li><a href=/r>{}</a></li>", sentence(&mut rng)));
                }
                out.push_str("</ul></aside><section class=comments><p>Reply</p></section>\n");
            }
        }
        "br-split text" => {
            out.push_str("<div>");
            while out.len() < bytes {
                out.push_str(&sentence(&mut rng));
                out.push_str("<br><br>\n");
            }
        }
        "list items" => {
            out.push_str("<ol>");
            while out.len() < bytes {
                out.push_str(&format!("<li>{}\n", sentence(&mut rng)));
            }
        }
        "same-class divs" => {
            while out.len() < bytes {
                out.push_str(&format!("<div class=chunk><p>{}</p></div>\n", paragraph(&mut rng)));
            }
        }
        "deep nesting" => {
            out.push_str(&"<div><span>".repeat(400));
            while out.len() < bytes {
                out.push_str(&format!("<p>{}</p>\n", sentence(&mut rng)));
            }
        }
        "data table" => {
            out.push_str("<table><tr><th>a<th>b<th>c</tr>");
            while out.len() < bytes {
                out.push_str(&format!(
                    "<tr><td>{}<td>{}<td>{}\n",
                    rng.next(),
                    rng.next(),
                    WORDS[rng.below(WORDS.len())]
                ));
            }
        }
        _ => {
            out.push_str("<p>");
            while out.len() < bytes {
                out.push_str("&amp; &notit; &#x41; &#99999; &eacute; & ");
                out.push_str(WORDS[rng.below(WORDS.len())]);
                out.push(' ');
            }
        }
    }
    out
}

const FAMILIES: &[&str] =
    &["news page", "br-split text", "list items", "same-class divs", "deep nesting", "data table", "references"];

fn time(input: &str, runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            black_box(html::classify(black_box(input), true));
            t.elapsed()
        })
        .collect();
    // The fastest run: the least disturbed by other work on a shared machine.
    times.sort();
    times[0]
}

fn main() {
    let quick = std::env::args().any(|a| a == "quick");
    // From 80 KB: below that, fixed costs and caches dominate the time.
    let mut sizes = vec![80_000usize, 640_000];
    if !quick {
        sizes.push(5_120_000);
    }
    let mut worst: f64 = 0.0;
    println!("{:<16} {:>10} {:>11} {:>9} {:>13}", "family", "bytes", "time", "MB/s", "time(8n)/t(n)");
    for name in FAMILIES {
        let mut prev: Option<(usize, Duration)> = None;
        for &bytes in &sizes {
            let input = family(name, bytes);
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
    println!("\nworst time(8n)/time(n): {worst:.2} (linear is 8, quadratic 64; the bound is 16)");
    if worst > 16.0 {
        eprintln!("the HTML path grows faster than linearly");
        std::process::exit(1);
    }
}
