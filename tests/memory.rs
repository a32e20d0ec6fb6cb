//! Peak memory is bounded by the input (issue 13): structuring a text or an HTML page and rendering
//! its JSON allocates at most [`MAX_BYTES_PER_BYTE`] bytes at any one time per byte of input, on
//! an ordinary article and on the shapes that used to blow up: a flood of `<i>a</i>`, unclosed
//! `<b><i>`, runs of dotted abbreviations, a line with no spaces. (Not yet bounded so: an HTML page
//! of short paragraphs, about 9 bytes per byte, and inputs of very many tiny blocks, whose
//! per-block records cost some hundreds of bytes each; README, "Hostile input".)
//!
//! Measured exactly, not sampled: this test binary's global allocator counts the bytes live and
//! keeps their peak, so the figure is the heap the core and the renderer hold, whatever else runs on
//! the machine. (The CLI's resident set adds the input it read, the output it prints and the
//! program itself: README "Hostile input".) Release only (`scripts/test robust`): the inputs are
//! megabytes.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use article_structurer::{render, structure, Format, InputFormat, Options};

#[path = "common/generate.rs"]
mod generate;

/// At most this many bytes live at once per byte of input (the 8 MB per MB).
const MAX_BYTES_PER_BYTE: f64 = 8.0;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; the counters only observe.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let live = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size - layout.size();
                PEAK.fetch_max(live, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes allocated at the peak of structuring `input` and rendering its JSON, beyond what was live
/// before (the input itself).
fn peak_bytes(input: &str, format: InputFormat) -> usize {
    let options = Options { input: format, ..Options::default() };
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let article = structure(input, &options);
    let json = render(&article, Format::Json);
    std::hint::black_box(&json);
    drop(json);
    drop(article);
    PEAK.load(Ordering::Relaxed) - before
}

/// `make` grown to about `target` bytes.
fn grown(unit: &str, target: usize) -> String {
    unit.repeat(target / unit.len() + 1)
}

#[test]
#[cfg_attr(debug_assertions, ignore = "release only: scripts/test robust")]
fn peak_memory_is_at_most_8_bytes_per_input_byte() {
    const MB: usize = 1 << 20;
    let article = generate::article(6_000, 5);
    let cases: Vec<(&str, InputFormat, String)> = vec![
        ("text: article", InputFormat::Text, article),
        ("text: one line with no spaces", InputFormat::Text, grown("abcdefghij", 2 * MB)),
        ("text: 'a.' run", InputFormat::Text, grown("a.", 2 * MB)),
        ("text: 'U.S.A.' run", InputFormat::Text, grown("U.S.A.", 2 * MB)),
        ("html: <i>a</i> flood", InputFormat::Html, grown("<i>a</i>", 2 * MB)),
        ("html: <b><i>x", InputFormat::Html, grown("<b><i>x", 2 * MB)),
    ];
    let mut worst = 0.0f64;
    let mut failures = Vec::new();
    for (name, format, input) in &cases {
        let peak = peak_bytes(input, *format);
        let per_byte = peak as f64 / input.len() as f64;
        worst = worst.max(per_byte);
        println!("{name:<40} {:>9} B in, peak {:>11} B, {per_byte:5.2} B per byte", input.len(), peak);
        if per_byte > MAX_BYTES_PER_BYTE {
            failures.push(format!("{name}: {per_byte:.2} bytes per byte"));
        }
    }
    println!("worst {worst:.2} bytes per byte (bound {MAX_BYTES_PER_BYTE})");
    assert!(failures.is_empty(), "peak memory over {MAX_BYTES_PER_BYTE} bytes per input byte: {failures:?}");
}
