//! The slowness fuzzer (issue 13, after pulldown-cmark's): inputs grown from repeated units, each
//! stage timed at n and 8n, failing when time(8n) / time(n) exceeds [`MAX_RATIO`] (linear work
//! gives 8, a quadratic step 64).
//!
//! Units: the issue's reproducers and families of shapes (punctuation runs, abbreviations, nesting,
//! long tokens, repeated lines, mixed scripts), plus units drawn by a seeded generator from an
//! alphabet of pieces (so each run tries the same few hundred compositions: deterministic, and a
//! failure names the unit). Stages: sentence splitting, the summary (with keyphrases), keyphrases
//! alone, dedup, sections (heading placement and assembly), the HTML path, and `structure()` whole.
//!
//! Time is the thread's CPU time (`common/cpu_time.rs`, as `tests/linear.rs`), the least of a few
//! runs; n grows until time(n) is at least [`MIN_BASE_MS`], within [`MAX_BYTES`] for 8n; a unit over
//! the bound is measured again (noise only adds time; a quadratic step stays over it). The sizes are
//! small in `scripts/test` (n = 256 KB, 8n = 2 MB); `SLOWNESS_BYTES=8000000` tries larger ones.
//! Release only, and not in `scripts/test` yet: at n = 256 KB most stages measure 8 to 10.5 on most
//! units, and a spread of units 10 to 12 across every stage at once (the working set of n and 8n
//! meeting the caches differently, not one hot loop: profiles show none); `keyphrases` on a run of
//! `"` measures 16 and is open. The issue's reproducers run in `scripts/test` through
//! `tests/linear.rs` (n, 2n, 4n; bound 6), where each measures 3.6 to 4.9. Run this one with
//! `SLOWNESS_VERBOSE=1 cargo test --release --test slowness -- --include-ignored --nocapture`.

use article_structurer::core::{
    blocks, classify, dedup, html, keyphrases, lang, normalize, sections, sentences, types,
};
use article_structurer::{structure, Article, InputFormat, Options};

#[path = "common/cpu_time.rs"]
mod cpu_time;
#[path = "common/generate.rs"]
mod generate;

/// time(8n) / time(n) above this fails.
const MAX_RATIO: f64 = 10.0;
/// time(n) is at least this many milliseconds, or 8n is at the size limit.
const MIN_BASE_MS: f64 = 2.0;
/// The 8n input, in bytes (`SLOWNESS_BYTES` overrides): n is an eighth of it at least, so that n and
/// 8n are both out of the caches (from 64 KB to 512 KB, cache misses alone add a factor of 1.5).
const MAX_BYTES: usize = 2 << 20;

fn max_bytes() -> usize {
    std::env::var("SLOWNESS_BYTES").ok().and_then(|v| v.parse().ok()).unwrap_or(MAX_BYTES)
}

fn cpu_ns() -> u64 {
    cpu_time::cpu_time().as_nanos() as u64
}

/// The least CPU time of `runs` runs of `work(input)`.
fn cost(input: &str, work: &dyn Fn(&str), runs: usize) -> u64 {
    (0..runs)
        .map(|_| {
            let t = cpu_ns();
            work(std::hint::black_box(input));
            cpu_ns().saturating_sub(t).max(1)
        })
        .min()
        .unwrap_or(1)
}

/// A stage under test: a name and the work it does on an input.
struct Stage {
    name: &'static str,
    html: bool,
    work: fn(&str),
}

fn text_items(text: &str) -> Vec<types::Classified> {
    let n = normalize::normalize(text, &Options::default());
    classify::classify(blocks::units(&n.lines), true, &mut Vec::new())
}

fn article_of(text: &str) -> Article {
    let mut a = structure(text, &Options { keyphrases: 1, summary_sentences: Some(1), ..Options::default() });
    a.summary = Default::default();
    a
}

const STAGES: &[Stage] = &[
    Stage { name: "sentences", html: false, work: |t| drop(std::hint::black_box(sentences::split(t))) },
    Stage {
        name: "keyphrases",
        html: false,
        work: |t| {
            let s = sentences::sentences(t);
            drop(std::hint::black_box(keyphrases::extract(&s, None, lang::Lang::EN, 8)));
        },
    },
    Stage {
        name: "dedup",
        html: false,
        work: |t| {
            let mut items = text_items(t);
            dedup::dedup(&mut items, 0.8);
            std::hint::black_box(items);
        },
    },
    Stage {
        name: "sections",
        html: false,
        work: |t| {
            let mut items = text_items(t);
            dedup::dedup(&mut items, 0.8);
            sections::place_headings(&mut items);
            let mut a = Article::empty();
            sections::assemble(items, &mut a);
            std::hint::black_box(a);
        },
    },
    Stage {
        name: "summary",
        html: false,
        work: |t| {
            let mut a = article_of(t);
            article_structurer::core::summary::summarize(&mut a, &Options::default());
            std::hint::black_box(a);
        },
    },
    Stage { name: "structure", html: false, work: |t| drop(std::hint::black_box(structure(t, &Options::default()))) },
    Stage {
        name: "html",
        html: true,
        work: |t| {
            drop(std::hint::black_box(html::classify(t, true)));
        },
    },
    Stage {
        name: "structure --html",
        html: true,
        work: |t| {
            drop(std::hint::black_box(structure(t, &Options { input: InputFormat::Html, ..Options::default() })));
        },
    },
];

/// Text units: the issue's reproducers and the families it names.
const TEXT_UNITS: &[(&str, &str)] = &[
    ("dotted run", "a."),
    ("U.S.A. run", "U.S.A."),
    ("abbreviations in prose", "Mr. Smith and 6 p.m. Mrs. Jones and "),
    ("fronted time", "At 5 a.m. Dr. Lee met 6 p.m. Mr. Ng: "),
    ("ellipses", "... "),
    ("question-bang run", "?!"),
    ("colons", ": a "),
    ("quotes", "\"a\" 'b' “c” "),
    ("brackets", "(a [b {c "),
    ("numbers", "1.2.3. 4) (5) "),
    ("long token", "abcdefghijklmnopqrstuvwxyz0123456789+/"),
    ("repeated line", "The same line again\n"),
    ("repeated paragraph", "The harbour ferries are running again after three winters tied up.\n\n"),
    ("title-case lines", "The Harbour Of The River\n"),
    ("list markers", "- item\n"),
    ("ordered items", "1. Item\n"),
    ("markdown headings", "## Heading\n\nText.\n\n"),
    ("fences", "```\ncode\n```\n"),
    ("tabs", "a\tb\tc\n"),
    ("mixed scripts", "日本語のテキスト English words العربية текст "),
    ("CJK stops", "これは文です。"),
    ("combining marks", "e\u{301}\u{302}"),
    ("emoji ZWJ", "👩\u{200d}🔬 "),
    ("controls", "\u{1b}[0m\u{7}"),
    ("line separators", "a\u{2028}b\u{85}"),
    ("all capitals", "THE HARBOUR FERRIES RETURN. "),
];

/// HTML units.
const HTML_UNITS: &[(&str, &str)] = &[
    ("div nesting", "<div>"),
    ("i flood", "<i>a</i>"),
    ("unclosed inline", "<b><i>x"),
    ("li", "<li>item "),
    ("p", "<p>A paragraph of text, with commas, and words.</p>\n"),
    ("nested links", "<a href=x>link "),
    ("table cells", "<td>cell"),
    ("entities", "&amp;&notin;&#x1F600;&bogus;"),
    ("svg breakout", "<svg><p>text</p>"),
    ("svg text", "<svg><text>t</text></svg>"),
    ("math", "<math><mi>x</mi></math>"),
    ("noscript", "<noscript><p>text</p></noscript>"),
    ("comments", "<!-- c --><p>x</p>"),
    ("br", "word<br>"),
    ("headings", "<h2>Head</h2><p>Text.</p>"),
    ("attributes", "<p class=\"a b\" id=x hidden>t</p>"),
];

/// Pieces the generator composes units from.
const PIECES: &[&str] = &[
    "a",
    "U.S.",
    "Mr.",
    " ",
    "\n",
    "\n\n",
    ".",
    "!",
    "?",
    ":",
    ";",
    ",",
    "\"",
    "'",
    "(",
    ")",
    "[",
    "]",
    "-",
    "*",
    "#",
    "|",
    "\t",
    "1.",
    "p.m.",
    "The",
    "word",
    "日本",
    "العربية",
    "\u{301}",
    "<",
    ">",
    "&",
    "`",
    "~",
    "\\",
];
const HTML_PIECES: &[&str] = &[
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "<li>",
    "<ul>",
    "<b>",
    "<i>",
    "<a href=x>",
    "</a>",
    "<svg>",
    "<td>",
    "text ",
    "&amp;",
    "<br>",
    "<h2>",
];

/// Units drawn from `pieces` by a seeded generator: `count` units of 1 to 4 pieces.
fn drawn(seed: u64, pieces: &[&str], count: usize) -> Vec<String> {
    let mut rng = generate::Rng(seed);
    (0..count).map(|_| (0..1 + rng.below(4)).map(|_| pieces[rng.below(pieces.len())]).collect()).collect()
}

/// `unit` repeated to about `bytes` bytes.
fn grown(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len().max(1) + 1)
}

/// Keeps freed memory in the process (glibc: no `mmap` for large blocks, no trimming), so that the
/// least of several runs pays no page faults: the kernel zeroing fresh pages for each large vector
/// is time that grows with the heap, not with the algorithm, and counts in thread CPU time.
fn keep_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn mallopt(param: i32, value: i32) -> i32;
        }
        const M_TRIM_THRESHOLD: i32 = -1;
        const M_MMAP_THRESHOLD: i32 = -3;
        // SAFETY: mallopt only sets allocator parameters; the values are in their documented ranges.
        unsafe {
            mallopt(M_MMAP_THRESHOLD, 1 << 30);
            mallopt(M_TRIM_THRESHOLD, i32::MAX);
        }
    }
}

/// One harness test at a time: tests run in parallel threads, and two measurements sharing the
/// caches and the memory bus would each inflate the other's times.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// time(8n) / time(n) of `stage` on `unit`, with the sizes and times.
fn ratio(stage: &Stage, unit: &str) -> (usize, f64, f64, f64) {
    ratio_within(stage, unit, max_bytes())
}

/// [`ratio`] with 8n about `limit` bytes.
fn ratio_within(stage: &Stage, unit: &str, limit: usize) -> (usize, f64, f64, f64) {
    let mut n = (limit / 8).max(unit.len());
    let mut small = grown(unit, n);
    while (cost(&small, &stage.work, 2) as f64) < MIN_BASE_MS * 1e6 && 16 * n <= 4 * limit {
        n *= 2;
        small = grown(unit, n);
    }
    let big = grown(unit, 8 * n);
    let (mut a, mut b) = (u64::MAX, u64::MAX);
    let mut r = f64::INFINITY;
    for attempt in 0..3 {
        a = a.min(cost(&small, &stage.work, 2 + attempt));
        b = b.min(cost(&big, &stage.work, 1 + attempt));
        r = b as f64 / a as f64;
        if r <= MAX_RATIO {
            break;
        }
    }
    (small.len(), a as f64 / 1e6, b as f64 / 1e6, r)
}

fn run(units: &[(String, String)], html: bool) {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    keep_freed_memory();
    let mut failures = Vec::new();
    let mut worst = (0.0f64, String::new());
    for stage in STAGES.iter().filter(|s| s.html == html) {
        for (name, unit) in units {
            let (bytes, t1, t8, r) = ratio(stage, unit);
            if r > worst.0 {
                worst = (r, format!("{} on {name}", stage.name));
            }
            if std::env::var("SLOWNESS_VERBOSE").is_ok() || r > MAX_RATIO {
                println!("{:<16} {name:<40} {bytes:>9} B {t1:>8.2} ms  8n {t8:>8.2} ms  {r:5.2}", stage.name);
            }
            if r > MAX_RATIO {
                failures.push(format!(
                    "{}: {name} ({unit:?}): time(8n)/time(n) = {r:.1} ({t1:.2} ms at {bytes} B, {t8:.2} ms at 8n)",
                    stage.name
                ));
            }
        }
    }
    println!("{} units x stages, worst time(8n)/time(n) {:.2} ({})", units.len(), worst.0, worst.1);
    assert!(failures.is_empty(), "superlinear: {failures:#?}");
}

fn named(units: &[(&str, &str)]) -> Vec<(String, String)> {
    units.iter().map(|(n, u)| (n.to_string(), u.to_string())).collect()
}

#[test]
#[ignore = "open: superlinear stages found (module docs)"]
fn text_units_grow_linearly_in_every_stage() {
    run(&named(TEXT_UNITS), false);
}

#[test]
#[ignore = "open: superlinear stages found (module docs)"]
fn drawn_text_units_grow_linearly_in_every_stage() {
    let units: Vec<(String, String)> = drawn(13, PIECES, 24).into_iter().map(|u| (format!("drawn {u:?}"), u)).collect();
    run(&units, false);
}

#[test]
#[ignore = "open: superlinear stages found (module docs)"]
fn html_units_grow_linearly() {
    let mut units = named(HTML_UNITS);
    units.extend(drawn(31, HTML_PIECES, 16).into_iter().map(|u| (format!("drawn {u:?}"), u)));
    run(&units, true);
}

#[test]
#[cfg_attr(debug_assertions, ignore = "release only: scripts/test robust")]
fn the_harness_catches_a_quadratic_stage() {
    let quadratic = Stage {
        name: "quadratic",
        html: false,
        work: |t| {
            let b = t.as_bytes();
            let mut k = 0usize;
            for i in (0..b.len()).step_by(16) {
                k += b[..i].iter().filter(|&&x| x == b'a').count();
            }
            std::hint::black_box(k);
        },
    };
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let (_, _, _, r) = ratio_within(&quadratic, "abcd", 64 << 10);
    assert!(r > MAX_RATIO, "a quadratic step measures {r:.1}, which must fail");
}
