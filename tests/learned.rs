//! Whatever the line models decide about a pasted page, what follows them keeps the invariants:
//! the learned reading's own steps (kinds of body units, reasons, labels, the head), dedup and the
//! sections lose nothing, and the article's Markdown export structures back into the same article.
//! The models are retrained from time to time; these properties must not depend on what they
//! learned. Arbitrary decisions (states, title, byline, date, the selector's choice) are run over
//! the repo's pasted pages (`tests/fixtures/pages/`, the learn fixtures, the news page), and the
//! committed models' own decisions on them too.
#![cfg(not(target_arch = "wasm32"))] // proptest is a native-only dev-dependency (Cargo.toml)

mod common;

use article_structurer::core::model::{self, decode::State, Decision};
use article_structurer::core::structure_decided;
use article_structurer::Options;
use proptest::prelude::*;

/// The pasted pages the decisions are made for.
fn pages() -> Vec<String> {
    let mut out: Vec<String> =
        ["forum-thread.txt", "product-listing.txt", "docs-page.txt", "news-with-labels.txt", "harbour-page.txt"]
            .iter()
            .map(|name| common::fixture(&format!("pages/{name}")))
            .collect();
    out.extend((1..=8).map(|k| common::fixture(&format!("learn/pages/{k:04}/pasted.txt"))));
    out.push(common::fixture("news-page.txt"));
    out
}

/// Each page with its units' count and the committed models' decision on it.
fn decided_pages() -> Vec<(String, Decision)> {
    let models = model::models().expect("the committed models read");
    pages()
        .into_iter()
        .map(|page| {
            let d = model::explain(models, &page, &Options::default()).decision;
            (page, d)
        })
        .collect()
}

/// A decision about `n` units, made of the given parts; the probabilities (which the steps after
/// the models do not read) are neutral.
fn decision(
    states: Vec<State>,
    meta: [Option<usize>; 3],
    use_rules: bool,
    fallback: bool,
    page_type: usize,
) -> Decision {
    let n = states.len();
    Decision {
        states,
        title: meta[0],
        byline: meta[1],
        date: meta[2],
        content: vec![0.5; n],
        heading: vec![0.5; n],
        meta: vec![[0.0; 3]; n],
        fallback,
        page_type,
        rules_better: if use_rules { 1.0 } else { 0.0 },
        use_rules,
    }
}

fn state() -> impl Strategy<Value = State> {
    prop::sample::select(vec![State::Before, State::Body, State::Heading, State::Gap, State::After])
}

/// `n` states: each drawn alone, or in runs as a decoder gives them (chrome, then body and
/// headings, gaps, then chrome).
fn states(n: usize) -> impl Strategy<Value = Vec<State>> {
    prop_oneof![
        prop::collection::vec(state(), n),
        prop::collection::vec((state(), 1..8usize), 1..n.max(2)).prop_map(move |runs| {
            let mut out: Vec<State> = runs.into_iter().flat_map(|(s, k)| std::iter::repeat_n(s, k)).collect();
            out.resize(n, State::After);
            out
        }),
    ]
}

/// A page and an arbitrary decision about its units.
fn page_and_decision() -> impl Strategy<Value = (String, Decision)> {
    let pages = decided_pages();
    (0..pages.len()).prop_flat_map(move |k| {
        let (page, real) = pages[k].clone();
        let n = real.states.len();
        // The rankers choose among their candidates, the short text lines (those they score); the
        // title ranker always takes one (`eval/learn/train.py`): a page that has one has a title.
        let candidates: Vec<usize> = (0..n).filter(|&u| real.meta[u][0].is_finite()).collect();
        let title = prop::sample::select(candidates.clone()).prop_map(Some);
        let meta = move || prop::option::weighted(0.8, prop::sample::select(candidates.clone()));
        (
            states(n),
            [title.boxed(), meta().boxed(), meta().boxed()],
            prop::bool::weighted(0.15),
            any::<bool>(),
            0..model::PAGE_TYPES.len(),
        )
            .prop_map(move |(states, meta, use_rules, fallback, page_type)| {
                (page.clone(), decision(states, meta, use_rules, fallback, page_type))
            })
    })
}

/// The harbour page (`pages/harbour-page.txt`) structured with a decision given by each unit's text:
/// `state` of each unit's text, and the units whose texts are the title, the byline and the date.
fn harbour(state: impl Fn(&str) -> State, meta: [Option<&str>; 3], use_rules: bool) -> article_structurer::Article {
    let page = common::fixture("pages/harbour-page.txt");
    let models = model::models().expect("the committed models read");
    let units = model::explain(models, &page, &Options::default()).units;
    let texts: Vec<&str> = units.iter().map(|u| u.1.as_str()).collect();
    let find = |t: Option<&str>| t.map(|t| texts.iter().position(|u| *u == t).expect(t));
    let d = decision(texts.iter().map(|t| state(t)).collect(), meta.map(find), use_rules, false, 0);
    let a = structure_decided(&page, &Options::default(), &d);
    common::assert_nothing_lost(&page, &a);
    common::assert_round_trip(&page, &a);
    a
}

/// The harbour page's chrome: before the title and after the last paragraph.
fn harbour_state(t: &str) -> State {
    match t {
        "Menu" | "Sign in" => State::Before,
        "Share" | "Privacy Policy" => State::After,
        _ => State::Body,
    }
}

/// Regression (train pages): a byline or a date the models chose that does not read as one was
/// kept as a paragraph, which the export's reader took for page chrome ("Advertisement") or a
/// caption ("Photo: ..."). It is the body unit its line reads as.
#[test]
fn meta_that_does_not_read_as_meta_is_what_its_line_reads_as() {
    let a = harbour(
        |t| if t.starts_with("Updated") || t.starts_with("By ") { State::Before } else { harbour_state(t) },
        [
            Some("Harbour Ferries Return After Three Winters"),
            Some("Photo: the first boat leaves the pier"),
            Some("Advertisement"),
        ],
        false,
    );
    assert!(a.byline.is_none() && a.published.is_none(), "{:?} {:?}", a.byline, a.published);
    let caption = a.sections.iter().flat_map(|s| &s.blocks).find(|b| b.text.starts_with("Photo:"));
    assert_eq!(caption.map(|b| b.kind), Some(article_structurer::BlockKind::Caption));
    assert!(a.removed.iter().any(|r| r.text == "Advertisement"), "{:?}", a.removed);
}

/// Regression (train pages): lines before the title that the models kept are written under it,
/// where a byline and a date are read. They are the article's byline and date. (And two lines of
/// figures under the title are code, not a date: the export writes the date as one line.)
#[test]
fn meta_lines_the_export_sets_under_the_title_are_the_byline_and_date() {
    let a = harbour(harbour_state, [Some("Harbour Ferries Return After Three Winters"), None, None], false);
    assert_eq!(a.byline.map(|b| b.text), Some("By Ada Lindqvist".to_string()));
    assert_eq!(a.published.and_then(|d| d.date), Some("2024-03-04".to_string()));
    let code = a.sections.iter().flat_map(|s| &s.blocks).find(|b| b.kind == article_structurer::BlockKind::Code);
    assert_eq!(code.map(|b| b.text.as_str()), Some("8/1/2024\n8/27/2024"));
}

/// Regression (random decisions): a table the heading model leaned to became a heading whose
/// lines the export joined into one.
#[test]
fn a_table_in_a_heading_state_stays_a_table() {
    let a = harbour(
        |t| if t.starts_with("Monday") { State::Heading } else { harbour_state(t) },
        [Some("Harbour Ferries Return After Three Winters"), None, None],
        false,
    );
    assert!(a.sections.iter().flat_map(|s| &s.blocks).any(|b| b.kind == article_structurer::BlockKind::Table));
}

/// Regression (train pages): a summary list's label that is page chrome ("Newsletter highlights")
/// became the key points' label, which the export's reader left out as chrome. It stays out.
#[test]
fn a_summary_label_that_is_chrome_stays_out() {
    let a = harbour(
        |t| if t == "Newsletter highlights" { State::Gap } else { harbour_state(t) },
        [Some("Harbour Ferries Return After Three Winters"), None, None],
        false,
    );
    assert!(a.key_points.is_none(), "{:?}", a.key_points);
    assert!(a.removed.iter().any(|r| r.text == "Newsletter highlights"));
}

/// Regression (train pages): when the selector took the rules' reading and the rules found no
/// title, the article had none, and its Markdown read back as a clean text whose first short line
/// was the title. The title ranker's line, which the rules left out, is the title.
#[test]
fn a_page_read_by_the_rules_has_the_rankers_title() {
    let page = common::fixture("pages/contact-strip.txt");
    let n = model::explain(model::models().expect("the committed models read"), &page, &Options::default()).units.len();
    let read = |title: Option<usize>| {
        let a = structure_decided(
            &page,
            &Options::default(),
            &decision(vec![State::Body; n], [title, None, None], true, false, 1),
        );
        common::assert_nothing_lost(&page, &a);
        a
    };
    assert!(read(None).title.is_none(), "the rules find no title on this page");
    let a = read(Some(0));
    assert_eq!(a.title.as_ref().map(|t| t.text.as_str()), Some("Menu"));
    common::assert_round_trip(&page, &a);
}

#[test]
fn the_committed_models_decisions_survive_the_markdown_round_trip() {
    for (page, d) in decided_pages() {
        let a = structure_decided(&page, &Options::default(), &d);
        assert_eq!(a, article_structurer::structure(&page, &Options::default()), "the decision is the models'");
        common::assert_nothing_lost(&page, &a);
        common::assert_round_trip(&page, &a);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn any_decision_loses_nothing_and_survives_the_markdown_round_trip((page, d) in page_and_decision()) {
        let a = structure_decided(&page, &Options::default(), &d);
        common::assert_nothing_lost(&page, &a);
        common::assert_round_trip(&page, &a);
    }
}
