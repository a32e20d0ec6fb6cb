//! Benchmark (not a test): the core's native speed, the first part of `scripts/bench`.
//!
//! `cargo bench --bench speed -- DIR [PAGES]`
//!
//! Writes the benchmark's inputs into `DIR` (the sample, generated articles of 10 KB, 100 KB, 1 MB
//! and 10 MB from `benches/common`, and a 5,000-word article for the typing test), times
//! `structure()` (structure and summary, default options) natively on each (median of several
//! runs), and, when `PAGES` (`../shared/eval/structure/pages`) is given, on each page's
//! `source.html` through the HTML path and its `pasted.txt` through the plain-text path. Prints a
//! table and writes `DIR/native.json` for `scripts/bench.mjs`, which times the same files as
//! WebAssembly in Chromium and runs the peers on them.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use article_structurer::core::options::InputFormat;
use article_structurer::{structure, Options};

mod common;

/// The inputs: (name, text). Names are file names in `DIR`.
fn inputs() -> Vec<(String, String)> {
    let mut v = vec![("sample.txt".to_string(), include_str!("../assets/sample.txt").to_string())];
    for (label, bytes) in [("10KB", 10_000), ("100KB", 100_000), ("1MB", 1_000_000), ("10MB", 10_000_000)] {
        v.push((format!("article-{label}.txt"), common::article(bytes)));
    }
    v
}

/// Median and minimum seconds of `structure(text)` over runs chosen by size (at least 3, and at
/// least about half a second of work for small inputs).
fn time(text: &str, options: &Options) -> (f64, f64, usize) {
    let once = || {
        let t = Instant::now();
        black_box(structure(black_box(text), options));
        t.elapsed().as_secs_f64()
    };
    let first = once();
    let runs = ((0.5 / first.max(1e-6)) as usize).clamp(3, 400);
    let mut times: Vec<f64> = (0..runs).map(|_| once()).collect();
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], times[0], runs)
}

fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let Some(dir) = args.first().map(PathBuf::from) else {
        eprintln!("usage: cargo bench --bench speed -- DIR [PAGES]");
        std::process::exit(2);
    };
    let pages = args.get(1).map(PathBuf::from);
    std::fs::create_dir_all(&dir).expect("cannot create the output folder");
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text) {
            std::fs::write(&path, text).expect("cannot write an input");
        }
    };
    write("typing-5000-words.txt", &common::words(5000));

    let text_options = Options::default();
    let html_options = Options { input: InputFormat::Html, ..Options::default() };
    let mut records: Vec<String> = Vec::new();
    println!("{:<28} {:>10} {:>11} {:>11} {:>9} {:>5}", "input", "bytes", "median", "min", "MB/s", "runs");
    let mut report = |name: &str, bytes: usize, (median, min, runs): (f64, f64, usize), kind: &str| {
        println!(
            "{:<28} {:>10} {:>9.3}ms {:>9.3}ms {:>9.2} {:>5}",
            name,
            bytes,
            median * 1e3,
            min * 1e3,
            bytes as f64 / 1e6 / median,
            runs
        );
        records.push(format!(
            "{{\"kind\":{},\"name\":{},\"bytes\":{bytes},\"median_ms\":{},\"min_ms\":{},\"runs\":{runs}}}",
            json_str(kind),
            json_str(name),
            median * 1e3,
            min * 1e3
        ));
    };
    for (name, text) in inputs() {
        write(&name, &text);
        report(&name, text.len(), time(&text, &text_options), "input");
    }
    if let Some(pages) = pages {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&pages)
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        names.sort();
        for page in names {
            let name = page.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
            for (file, kind, options) in
                [("source.html", "html", &html_options), ("pasted.txt", "pasted", &text_options)]
            {
                if let Ok(text) = std::fs::read_to_string(Path::new(&page).join(file)) {
                    report(&format!("{name}/{file}"), text.len(), time(&text, options), kind);
                }
            }
        }
    }
    let json = format!("[\n{}\n]\n", records.join(",\n"));
    std::fs::write(dir.join("native.json"), json).expect("cannot write native.json");
}
