//! Time is linear in the input, for the shapes an attacker (or an unlucky paste) would pick: in the
//! style of a denial-of-service fuzzer, each pathological family is structured at n, 2n and 4n, and
//! the test fails when time(4n) / time(n) exceeds [`MAX_RATIO`] (linear work gives 4, n log n about
//! 4.5, a quadratic step 16).
//!
//! Robust on a shared, noisy machine: time is the thread's CPU time (which other processes do not
//! inflate; wall time where it cannot be read), each size is measured several times and the
//! minimum kept, n is doubled from the given start until time(n) is at least [`MIN_BASE_MS`] (so
//! fixed costs and clock resolution do not hide the growth), and a family over the bound is measured
//! again (noise only ever adds time; a quadratic step stays over the bound every time).
//!
//! Release only (`scripts/test robust`, which CI runs): debug code is 30 to 50 times slower, and
//! the sizes that make the measurement meaningful would take minutes there.

use article_structurer::{structure, InputFormat, Options};

/// time(4n) / time(n) above this fails: between linear (4) and quadratic (16), with room for the
/// cache effects of a four times larger input.
const MAX_RATIO: f64 = 6.0;

/// time(n) is at least this many milliseconds (n doubles until it is, while 4n stays under 12 MB).
const MIN_BASE_MS: f64 = 20.0;

#[path = "common/cpu_time.rs"]
mod cpu_time;
#[path = "common/generate.rs"]
mod generate;

use generate::{article, sentence, Rng, WORDS};

/// Nanoseconds of CPU time this thread has used ([`cpu_time::cpu_time`]).
fn cpu_ns() -> u64 {
    cpu_time::cpu_time().as_nanos() as u64
}

/// The least CPU time of `runs` runs of `work(input)`, in nanoseconds.
fn cost(input: &str, work: &impl Fn(&str), runs: usize) -> u64 {
    (0..runs)
        .map(|_| {
            let t = cpu_ns();
            work(std::hint::black_box(input));
            cpu_ns().saturating_sub(t).max(1)
        })
        .min()
        .unwrap_or(1)
}

/// How time grows: the inputs' sizes, the least times of `work` on `make(n)`, `make(2n)` and
/// `make(4n)` (n doubled first until time(n) >= MIN_BASE_MS), and time(4n) / time(n).
fn growth(mut n: usize, make: impl Fn(usize) -> String, work: impl Fn(&str)) -> ([usize; 3], [u64; 3], f64) {
    let mut first = make(n);
    while (cost(&first, &work, 2) as f64) < MIN_BASE_MS * 1e6 && first.len() * 8 <= 12_000_000 {
        n *= 2;
        first = make(n);
    }
    let inputs = [first, make(2 * n), make(4 * n)];
    let mut best = [u64::MAX; 3];
    let mut ratio = f64::INFINITY;
    for attempt in 0..4 {
        for (i, input) in inputs.iter().enumerate() {
            best[i] = best[i].min(cost(input, &work, 2 + attempt));
        }
        ratio = best[2] as f64 / best[0] as f64;
        if ratio <= MAX_RATIO {
            break;
        }
    }
    (inputs.map(|i| i.len()), best, ratio)
}

/// Structures `make(n)`, `make(2n)` and `make(4n)` and fails when time grows faster than linearly.
fn assert_linear(name: &str, input: InputFormat, n: usize, make: impl Fn(usize) -> String) {
    let options = Options { input, ..Options::default() };
    let (bytes, best, ratio) = growth(n, make, |text| {
        std::hint::black_box(structure(text, &options));
    });
    assert!(bytes[2] <= options.max_input_bytes, "{name}: 4n must not be cut short");
    let ms = |ns: u64| ns as f64 / 1e6;
    println!(
        "{name:<28} {:>9} B {:>9.1} ms | 2n {:>9.1} ms | 4n {:>9.1} ms | 4n/n {ratio:.2}",
        bytes[0],
        ms(best[0]),
        ms(best[1]),
        ms(best[2])
    );
    assert!(
        ratio <= MAX_RATIO,
        "{name}: time(4n)/time(n) = {ratio:.2} > {MAX_RATIO} ({:.1} ms, {:.1} ms, {:.1} ms for {:?} bytes): superlinear",
        ms(best[0]),
        ms(best[1]),
        ms(best[2]),
        bytes
    );
}

#[test]
#[cfg_attr(debug_assertions, ignore = "release only: scripts/test robust")]
fn the_check_catches_a_quadratic_step() {
    // Each line compared with every other line: what a naive duplicate finder does.
    let quadratic = |text: &str| {
        let lines: Vec<&str> = text.lines().collect();
        let same = lines.iter().map(|a| lines.iter().filter(|b| a.len() == b.len()).count()).sum::<usize>();
        std::hint::black_box(same);
    };
    let (_, _, ratio) = growth(500, |n| "a line of text\n".repeat(n), quadratic);
    assert!(ratio > MAX_RATIO, "a quadratic step measures {ratio:.2}, which must fail the check");
    let linear = |text: &str| {
        std::hint::black_box(text.lines().map(str::len).sum::<usize>());
    };
    let (_, _, ratio) = growth(500, |n| "a line of text\n".repeat(n), linear);
    assert!(ratio <= MAX_RATIO, "a linear step measures {ratio:.2}");
}

const PARAGRAPH: &str = "The harbour ferries are running again after three winters tied up at the old pier, and the \
                         first boat left at six in the morning with forty passengers on board.";

#[test]
#[cfg_attr(debug_assertions, ignore = "release only: scripts/test robust")]
fn pathological_text_families_take_linear_time() {
    let t = InputFormat::Text;
    // Issue 8's families.
    assert_linear("line with no spaces", t, 100_000, |n| "abcdefghij".repeat(n / 10));
    assert_linear("one-character lines", t, 5_000, |n| "a\n".repeat(n));
    assert_linear("copies of one paragraph", t, 500, |n| format!("{PARAGRAPH}\n\n").repeat(n));
    assert_linear("all-capitals article", t, 150, |n| article(n, 3).to_uppercase());
    assert_linear("article", t, 150, |n| article(n, 5));
    assert_linear("combining marks on a letter", t, 50_000, |n| {
        std::iter::once('a').chain(std::iter::repeat_n('\u{301}', n)).collect()
    });
    assert_linear("emoji ZWJ run", t, 30_000, |n| "👩\u{200d}".repeat(n));
    assert_linear("NUL between characters", t, 50_000, |n| {
        PARAGRAPH.chars().cycle().take(n).flat_map(|c| [c, '\0']).collect()
    });
    assert_linear("right-to-left paragraphs", t, 100, |n| {
        let mut rng = Rng(9);
        let words = ["العبارات", "الميناء", "المجلس", "السكان", "صباح", "اليوم", "قارب", "راكبًا", "في", "من"];
        (0..n).map(|_| (0..30).map(|_| words[rng.below(words.len())]).collect::<Vec<_>>().join(" ") + ".\n\n").collect()
    });
    assert_linear("naughty strings, repeated", t, 1, |n| {
        let strings: Vec<String> = serde_json::from_str(include_str!("data/blns.json")).unwrap();
        strings.join("\n").repeat(n * 4)
    });
    // Shapes that meet the core's pairwise steps.
    assert_linear("near copies of a paragraph", t, 600, |n| {
        (0..n).map(|i| format!("{PARAGRAPH} Number {i}.\n\n")).collect()
    });
    assert_linear("one sentence, no full stop", t, 10_000, |n| {
        let mut rng = Rng(1);
        (0..n).map(|_| WORDS[rng.below(WORDS.len())]).collect::<Vec<_>>().join(" ")
    });
    assert_linear("title-case lines", t, 1_500, |n| {
        let mut rng = Rng(2);
        (0..n).map(|_| format!("The {} of the {}\n", WORDS[rng.below(30)], WORDS[rng.below(30)])).collect()
    });
    assert_linear("numbered list items", t, 2_000, |n| (1..=n).map(|i| format!("{i}. Item {i}\n")).collect());
    assert_linear("nested Markdown lists", t, 2_000, |n| {
        (0..n).map(|i| format!("{}- item {i}\n", "  ".repeat(i % 40))).collect()
    });
    assert_linear("a title repeated", t, 2_500, |n| "Ferries Return\n".repeat(n));
    // Issue 13's reproducers.
    assert_linear("'a.' run", t, 20_000, |n| "a.".repeat(n));
    assert_linear("'U.S.A.' run", t, 10_000, |n| "U.S.A.".repeat(n));
    assert_linear("abbreviations in prose", t, 2_000, |n| {
        format!("At 5 a.m. {}", "Mr. Smith and 6 p.m. Mrs. Jones and ".repeat(n))
    });
    assert_linear("one paragraph of distinct words", t, 5_000, |n| {
        (0..n).map(|i| format!("w{i:x}q")).collect::<Vec<_>>().join(" ")
    });
    assert_linear("a base64 line", t, 20_000, |n| {
        let mut rng = Rng(8);
        let b64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        (0..n).map(|_| b64[rng.below(64)] as char).collect()
    });
    assert_linear("copies of a short paragraph", t, 1_000, |n| {
        "The harbour ferries are running again after three winters tied up.\n\n".repeat(n)
    });
    assert_linear("backtick-question run", t, 20_000, |n| "`?".repeat(n));
}

#[test]
#[cfg_attr(debug_assertions, ignore = "release only: scripts/test robust")]
fn pathological_html_families_take_linear_time() {
    let h = InputFormat::Html;
    assert_linear("html: nested divs", h, 5_000, |n| format!("{}text{}", "<div>".repeat(n), "</div>".repeat(n)));
    assert_linear("html: unclosed inline tags", h, 20_000, |n| "<b><i>x".repeat(n));
    assert_linear("html: nested links", h, 10_000, |n| "<a href=x>link ".repeat(n));
    assert_linear("html: paragraphs", h, 1_000, |n| {
        let mut rng = Rng(4);
        (0..n).map(|_| format!("<p>{}</p>\n", sentence(&mut rng))).collect()
    });
    assert_linear("html: br flood", h, 10_000, |n| "word<br>".repeat(n));
    assert_linear("html: table cells", h, 3_000, |n| format!("<table><tr>{}</table>", "<td>cell".repeat(n)));
    assert_linear("html: entities", h, 5_000, |n| "&amp;&notin;&#x1F600;&bogus;".repeat(n));
    assert_linear("html: attributes", h, 20_000, |n| format!("<p {}>text</p>", "a=\"b\" ".repeat(n)));
    assert_linear("html: unterminated comment", h, 100_000, |n| format!("<p>x</p><!--{}", "-".repeat(n)));
    assert_linear("html: unterminated script", h, 100_000, |n| format!("<p>x</p><script>{}", "<".repeat(n)));
    assert_linear("html: list items", h, 5_000, |n| format!("<ul>{}</ul>", "<li>item".repeat(n)));
    assert_linear("html: <li> under 400 <div>s", h, 5_000, |n| "<div>".repeat(400) + &"<li>item ".repeat(n));
    assert_linear("html: <i>a</i> flood", h, 20_000, |n| "<i>a</i>".repeat(n));
    assert_linear("html: copies of a paragraph", h, 2_000, |n| {
        "<p>A paragraph of text, with commas, and words.</p>\n".repeat(n)
    });
    assert_linear("html: svg breakout", h, 5_000, |n| "<svg><p>text</p>".repeat(n));
    assert_linear("html: same-class divs", h, 500, |n| {
        let mut rng = Rng(6);
        (0..n).map(|_| format!("<div class=\"c\"><p>{}</p></div>", sentence(&mut rng))).collect()
    });
}
