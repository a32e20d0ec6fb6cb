//! Properties over generated inputs. Any input at all: nothing is lost and the output is
//! deterministic. Generated articles (title, meta, key points, sections of paragraphs, lists,
//! captions and quotes, takeaways, page chrome and duplicated lines around them): the Markdown
//! rendering structures back into the same article.
#![cfg(not(target_arch = "wasm32"))] // proptest is a native-only dev-dependency (Cargo.toml)

mod common;

use proptest::prelude::*;

const WORDS: &[&str] = &[
    "the",
    "council",
    "said",
    "on",
    "Tuesday",
    "that",
    "it",
    "would",
    "build",
    "a",
    "new",
    "bridge",
    "over",
    "river",
    "and",
    "residents",
    "were",
    "asked",
    "for",
    "their",
    "views",
    "before",
    "summer",
    "of",
    "in",
    "market",
    "prices",
    "rose",
    "sharply",
    "after",
    "storm",
    "water",
    "school",
    "children",
    "will",
    "move",
    "to",
    "building",
    "next",
    "year",
    "officials",
    "expect",
    "costs",
    "fall",
];

fn words(n: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), n).prop_map(|w| w.join(" "))
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

fn sentence() -> impl Strategy<Value = String> {
    words(6..18).prop_map(|s| format!("{}.", capitalise(&s)))
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(sentence(), 2..5).prop_map(|s| s.join(" "))
}

fn heading() -> impl Strategy<Value = String> {
    words(2..6).prop_map(|w| w.split(' ').map(capitalise).collect::<Vec<_>>().join(" "))
}

/// Lines of arbitrary kinds, including garbage, for the safety properties.
fn any_line() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => paragraph(),
        2 => heading(),
        1 => sentence().prop_map(|s| format!("- {s}")),
        1 => sentence().prop_map(|s| format!("2. {s}")),
        1 => words(2..6).prop_map(|w| format!("## {w}")),
        1 => prop::sample::select(vec![
            "Advertisement", "Share", "Related stories", "12 Comments", "KEY POINTS", "Key takeaways", "By Jane Roe",
            "March 3, 2021", "```", "> quoted words here", "---", "Page 3 of 9", "| a | b |", "\tcell\tcell",
        ]).prop_map(str::to_string),
        1 => Just(String::new()),
        1 => "\\PC{0,40}",
        1 => any::<String>().prop_map(|s| s.chars().take(60).collect()),
    ]
}

fn any_document() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(any_line(), 0..40),
        prop::collection::vec(any::<prop::sample::Index>(), 0..6),
        prop::sample::select(vec!["\n", "\r\n", "\r"]),
    )
        .prop_map(|(mut lines, dups, eol)| {
            // Repeat some lines elsewhere, as scrapers do.
            for d in dups {
                if !lines.is_empty() {
                    let l = lines[d.index(lines.len())].clone();
                    lines.insert(d.index(lines.len() + 1), l);
                }
            }
            lines.join(eol)
        })
}

/// A section: a heading, then paragraphs with the odd list or caption.
fn section() -> impl Strategy<Value = Vec<String>> {
    (
        heading(),
        prop::collection::vec(
            prop_oneof![
                4 => paragraph().prop_map(|p| vec![p]),
                1 => prop::collection::vec(sentence(), 2..4).prop_map(|items| items.into_iter().map(|s| format!("- {s}")).collect()),
                1 => words(4..10).prop_map(|w| vec![format!("Photo: {}", capitalise(&w))]),
            ],
            1..4,
        ),
    )
        .prop_map(|(h, blocks)| {
            let mut out = vec![h];
            out.extend(blocks.into_iter().flatten());
            out
        })
}

/// A pasted article: chrome, title, byline, date, optional key points, lead, sections, optional
/// takeaways, chrome; blank lines between blocks or not.
fn article() -> impl Strategy<Value = String> {
    (
        heading(),
        any::<bool>(),
        prop::collection::vec(sentence(), 0..4),
        paragraph(),
        prop::collection::vec(section(), 0..4),
        prop::collection::vec(sentence(), 0..3),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(title, byline, key_points, lead, sections, takeaways, chrome, blank)| {
            let mut lines: Vec<String> = Vec::new();
            if chrome {
                lines.extend(["Menu", "Home", "World", "Sign in"].map(String::from));
            }
            lines.push(format!("{title} Of The Year"));
            if byline {
                lines.push("By Jane Roe".into());
                lines.push("March 3, 2021".into());
            }
            if key_points.len() >= 2 {
                lines.push("KEY POINTS".into());
                lines.extend(key_points.iter().map(|k| format!("- {k}")));
            }
            lines.push(lead);
            for s in sections {
                lines.extend(s);
            }
            if takeaways.len() >= 2 {
                lines.push("Key takeaways".into());
                lines.extend(takeaways);
            }
            if chrome {
                lines.extend(["Share", "Related stories", "Privacy Policy"].map(String::from));
            }
            lines.join(if blank { "\n\n" } else { "\n" })
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn any_input_loses_nothing_and_is_deterministic(doc in any_document()) {
        common::check_safe(&doc);
    }

    #[test]
    fn generated_articles_survive_the_markdown_round_trip(doc in article()) {
        common::check(&doc);
    }
}
