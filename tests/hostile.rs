//! Hostile and odd input (issue 8): the Big List of Naughty Strings, control characters and NUL,
//! right-to-left text, emoji ZWJ sequences, combining marks, a 5 MB line with no spaces, 200,000
//! one-character lines, 10,000 copies of one paragraph, an all-capitals article, empty and
//! whitespace-only input. For each: no panic, every span a valid range of input lines, every
//! non-blank line in the article or in `removed` (`common::assert_nothing_lost`), the same article
//! twice. The HTML path gets the same strings: no panic and spans within the source's lines.
//!
//! Lone surrogates cannot be a Rust `&str`; they arrive from JavaScript, and `tests/e2e/` passes
//! them to the JS API in Chromium. Time is checked in `tests/linear.rs`.

mod common;
#[path = "common/generate.rs"]
mod generate;

use article_structurer::{render, structure, Article, BlockKind, Format, InputFormat, Options};
use common::{assert_nothing_lost, check_safe, input_lines, spans};
use generate::article;

/// The Big List of Naughty Strings (MIT, `tests/data/LICENSE-blns`), vendored from its upstream
/// `blns.json` so that the tests need nothing outside the repo.
fn naughty_strings() -> Vec<String> {
    let json = include_str!("data/blns.json");
    serde_json::from_str(json).expect("tests/data/blns.json is a JSON array of strings")
}

/// The HTML path: no panic, spans within the source's lines, every format renders.
fn check_html(input: &str) -> Article {
    let options = Options { input: InputFormat::Html, ..Options::default() };
    let a = structure(input, &options);
    let n = input_lines(input).len() as u32;
    for (sp, what) in spans(&a) {
        assert!(
            sp[0] >= 1 && sp[0] <= sp[1] && sp[1] <= n.max(1),
            "html: {what} span {sp:?} outside 1..={n}: {input:?}"
        );
    }
    render_all(&a);
    a
}

fn render_all(a: &Article) {
    for format in [Format::Markdown, Format::Text, Format::Html, Format::Json] {
        let out = render(a, format);
        if format == Format::Json {
            let back: Article = serde_json::from_str(&out).expect("the JSON reads back");
            assert_eq!(back.sections.len(), a.sections.len());
        }
    }
}

/// A short article with `line` in its middle, so that each string also meets the classifier with
/// neighbours (a title above, prose around it).
fn in_article(line: &str) -> String {
    format!(
        "Harbour Ferries Return After Three Winters\n\nBy Ada Lindqvist\n\nThe harbour ferries are running again after \
         three winters tied up at the old pier, and the first boat left at six.\n\n{line}\n\nCouncillors approved the \
         timetable in January, and the service costs less than the bridge tolls it replaces.\n"
    )
}

#[test]
fn every_naughty_string_alone_in_an_article_and_as_html() {
    let strings = naughty_strings();
    assert!(strings.len() > 500, "the whole list: {}", strings.len());
    for s in &strings {
        let a = check_safe(s);
        render_all(&a);
        let doc = in_article(s);
        let a = check_safe(&doc);
        render_all(&a);
        check_html(s);
        check_html(&format!(
            "<article><h1>Title</h1><p>{s}</p><p>Prose after it, long enough to be read.</p></article>"
        ));
    }
}

#[test]
fn all_naughty_strings_as_one_document() {
    let strings = naughty_strings();
    let doc = strings.join("\n");
    render_all(&check_safe(&doc));
    let doc = strings.join("\n\n");
    render_all(&check_safe(&doc));
    check_html(&doc);
}

#[test]
fn control_characters_and_nul() {
    let controls: Vec<char> = (0u32..0x20).chain(0x7f..0xa0).filter_map(char::from_u32).collect();
    for &c in &controls {
        for doc in [
            c.to_string(),
            format!("{c}{c}{c}"),
            in_article(&format!("A line{c}with a control character{c}inside it, and more words.")),
            format!("Title{c}\n{c}\nBody text{c} that goes on for a while and ends here.{c}\n"),
        ] {
            render_all(&check_safe(&doc));
            check_html(&doc);
        }
    }
    let all: String = controls.iter().collect();
    render_all(&check_safe(&all));
    render_all(&check_safe(&in_article(&all)));
    // NUL everywhere: between every character of an article.
    let nul: String = in_article("A paragraph.").chars().flat_map(|c| [c, '\0']).collect();
    render_all(&check_safe(&nul));
    check_html(&nul);
    // Line and paragraph separators, the BOM, bidi controls and invisible characters on every line.
    let odd =
        "\u{feff}Title\u{2028}Second\u{2029}Third\u{85}Fourth\u{200b}\u{200d}\u{2060}\u{ad}\n\u{202e}evil\u{202c}\n";
    render_all(&check_safe(odd));
}

#[test]
fn right_to_left_text() {
    let arabic = "عودة العبارات إلى الميناء بعد ثلاثة شتاءات\n\nعادت العبارات للعمل صباح اليوم، وغادر أول قارب في \
                  السادسة ومعه أربعون راكبًا. وافق المجلس على الجدول في يناير.\n\nيقول السكان إنهم انتظروا طويلًا.\n";
    let hebrew = "המעבורות חוזרות לנמל\n\nהמעבורות חזרו לפעול הבוקר, והסירה הראשונה יצאה בשש עם ארבעים נוסעים.\n";
    let mixed = "Title \u{202b}عنوان\u{202c} with \u{2067}isolates\u{2069}\n\n\u{200f}Right-to-left mark at the start of an English paragraph that goes on.\n";
    for doc in [arabic, hebrew, mixed] {
        let a = check_safe(doc);
        render_all(&a);
        check_html(doc);
    }
    let a = check_safe(arabic);
    assert_eq!(a.language, "ar");
    assert_eq!(a.title.map(|t| t.text), Some("عودة العبارات إلى الميناء بعد ثلاثة شتاءات".to_string()));
}

#[test]
fn emoji_zwj_sequences_and_combining_marks() {
    let family = "👨\u{200d}👩\u{200d}👧\u{200d}👦";
    let emoji = format!("{family} Family Day at the Harbour 🇯🇵🇮🇳\n\nThe ferries 🚢 ran all day 👋🏽 and {family} \
                         families rode for free. Keycaps 1️⃣2️⃣ and tags 🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f} too.\n");
    render_all(&check_safe(&emoji));
    // A long run of ZWJ-joined emoji: one "grapheme" of 30,000 characters.
    let run: String = std::iter::repeat_n("👩\u{200d}", 10_000).collect();
    render_all(&check_safe(&in_article(&run)));
    // Zalgo: many combining marks on each letter, and one letter with 20,000 marks.
    let zalgo: String = "Harbour ferries return"
        .chars()
        .flat_map(|c| std::iter::once(c).chain("\u{301}\u{316}\u{34f}\u{360}".chars()))
        .collect();
    render_all(&check_safe(&format!("{zalgo}\n\n{zalgo} and more {zalgo}.\n")));
    let marks: String = std::iter::once('a').chain(std::iter::repeat_n('\u{301}', 20_000)).collect();
    render_all(&check_safe(&in_article(&marks)));
    check_html(&marks);
    // Decomposed and precomposed forms side by side (they are different strings).
    render_all(&check_safe("Café\n\nCafe\u{301}\n\nCafé opens. Cafe\u{301} opens.\n"));
}

#[test]
fn empty_and_whitespace_only_input() {
    for doc in [
        "",
        " ",
        "\n",
        "\r\n",
        "\r",
        "\t",
        "   \n\t\n  \r\n",
        "\u{a0}\u{3000}\u{2003}\n\u{feff}\n\u{200b}",
        &"\n".repeat(10_000),
    ] {
        let a = check_safe(doc);
        assert!(a.title.is_none() && a.sections.iter().all(|s| s.blocks.is_empty()), "nothing to show for {doc:?}");
        render_all(&a);
        check_html(doc);
    }
}

/// The same article, all in capitals.
fn all_caps_article(paragraphs: usize) -> String {
    article(paragraphs, 11).to_uppercase()
}

#[test]
fn an_all_capitals_article() {
    let doc = all_caps_article(40);
    let a = check_safe(&doc);
    render_all(&a);
    let paragraphs = a.sections.iter().flat_map(|s| &s.blocks).filter(|b| b.kind == BlockKind::Paragraph).count();
    assert!(paragraphs >= 36, "the paragraphs stay paragraphs in capitals: {paragraphs} of 40");
}

// The big ones, at issue 8's sizes. A debug build takes minutes over them (a 5 MB line is about
// 25 s of debug code per call), so `cargo test` skips them and `scripts/test robust` (CI) runs this
// file in release, where each takes about a second.

#[test]
#[cfg_attr(debug_assertions, ignore = "release only: scripts/test robust")]
fn a_5_mb_line_with_no_spaces() {
    let line: String = "abcdefghij".repeat(500_000);
    assert_eq!(line.len(), 5_000_000);
    let a = check_safe(&line);
    assert_eq!(a.sections.iter().flat_map(|s| &s.blocks).map(|b| b.text.len()).sum::<usize>(), 5_000_000);
    // Between other lines, and the HTML path.
    let a = structure(&in_article(&line), &Options::default());
    assert_nothing_lost(&in_article(&line), &a);
    check_html(&line);
}

#[test]
#[cfg_attr(debug_assertions, ignore = "release only: scripts/test robust")]
fn two_hundred_thousand_one_character_lines() {
    let doc: String = (0..200_000).map(|i| (b'a' + (i % 26) as u8) as char).flat_map(|c| [c, '\n']).collect();
    let a = check_safe(&doc);
    render_all(&a);
}

#[test]
#[cfg_attr(debug_assertions, ignore = "release only: scripts/test robust")]
fn ten_thousand_copies_of_one_paragraph() {
    let para = "The harbour ferries are running again after three winters tied up at the old pier, and the first \
                boat left at six in the morning with forty passengers on board.";
    let doc = format!("Ferries Return\n\n{}", format!("{para}\n\n").repeat(10_000));
    let a = check_safe(&doc);
    let kept = a.sections.iter().flat_map(|s| &s.blocks).filter(|b| b.text == para).count();
    assert_eq!(kept, 1, "one copy kept");
    assert_eq!(a.stats.duplicates_removed, 9_999, "the other copies are removed as duplicates");
    render_all(&a);
}

#[test]
fn options_out_of_range_do_not_panic() {
    let doc = in_article("A middle paragraph with some words in it, to be summarized and counted.");
    for options in [
        Options { summary_sentences: Some(0), keyphrases: 0, ..Options::default() },
        Options { summary_sentences: Some(usize::MAX), keyphrases: usize::MAX, ..Options::default() },
        Options {
            near_duplicate_threshold: f64::NAN,
            words_per_minute: 0.0,
            cjk_chars_per_minute: -1.0,
            ..Options::default()
        },
        Options { near_duplicate_threshold: f64::INFINITY, words_per_minute: f64::NAN, ..Options::default() },
        Options { max_input_bytes: 0, ..Options::default() },
        Options { max_input_bytes: 7, ..Options::default() },
        Options { remove_boilerplate: false, remove_duplicates: false, ..Options::default() },
    ] {
        for input in [InputFormat::Text, InputFormat::Html] {
            let a = structure(&doc, &Options { input, ..options.clone() });
            render_all(&a);
        }
    }
    // A cut inside a multi-byte character lands on a boundary.
    let a = structure("ééééé\nmore", &Options { max_input_bytes: 3, ..Options::default() });
    assert!(a.diagnostics.iter().any(|d| d.code == "input-truncated"));
}

// Issue 13's reproducers, each named after what it pins.

#[test]
fn a_numbered_heading_that_gets_its_number_back_hands_dedup_no_stale_fold() {
    // The text fuzz target's find: "2. S" becomes a heading ("2. S" again, number and all) and then
    // something else, and dedup got the fold of its text without the number (a debug assertion).
    let doc = "2. S\nC a r b t i a\tt.\nWhy it matters\n2. S\nm s e a b a s e i a w w";
    render_all(&check_safe(doc));
}

#[test]
fn an_input_over_the_limit_is_cut_at_a_line_end_with_a_diagnostic() {
    // Issue 13: the cut fell mid-word; the docs say at a line boundary.
    let doc = "First line of the text\nsecond line of the text\nthird";
    for input in [InputFormat::Text, InputFormat::Html] {
        let options = Options { input, max_input_bytes: 30, ..Options::default() };
        let a = structure(doc, &options);
        assert!(a.diagnostics.iter().any(|d| d.code == "input-truncated"), "{input:?}");
        let texts: Vec<&str> = a.sections.iter().flat_map(|s| &s.blocks).map(|b| b.text.as_str()).collect();
        let all = format!("{:?} {texts:?}", a.title.as_ref().map(|t| &t.text));
        assert!(!all.contains("secon"), "cut after the first line only: {all}");
    }
    assert_eq!(article_structurer::core::options::cut_at("ab\ncd\nef", 7), 6);
    assert_eq!(article_structurer::core::options::cut_at("abcdéf", 5), 4, "no line end: a char boundary");
}

#[test]
fn unicode_line_separators_part_words_and_paragraphs() {
    // Issue 13: NEL, VT and FF glued words ("PlanThe"); U+2028/U+2029 made one paragraph.
    for sep in ["\u{85}", "\u{b}", "\u{c}", "\u{2028}", "\u{2029}\u{2029}"] {
        let doc = format!("The Plan{sep}{sep}The harbour ferries are running again after three winters tied up.");
        let a = check_safe(&doc);
        let md = render(&a, Format::Markdown);
        assert!(!md.contains("PlanThe"), "{sep:?}: {md}");
    }
}

#[test]
fn terminal_escapes_and_bidi_overrides_reach_no_output() {
    // Issue 13: ESC, BEL and bidi overrides survived on the HTML path (and bidi on the text path).
    let html = "<p>Hi &#27;]0;PWNED&#7;&#27;[2J there, more words \u{202e}drawkcab\u{202c} and \u{e0041}tags.</p>";
    for (input, format) in [(html, InputFormat::Html), (html, InputFormat::Text)] {
        let a = structure(input, &Options { input: format, ..Options::default() });
        for f in [Format::Text, Format::Markdown, Format::Html, Format::Json] {
            let out = render(&a, f);
            assert!(
                !out.chars().any(|c| matches!(c, '\u{1b}' | '\u{7}' | '\u{202e}' | '\u{202c}' | '\u{e0041}')),
                "{format:?} {f:?}: {out:?}"
            );
        }
    }
}
