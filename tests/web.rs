//! Browser tests: mount the Leptos components in headless Chromium and check the DOM.
//! Run by `cargo test --target wasm32-unknown-unknown` (runner and browser: .cargo/config.toml,
//! webdriver.json); natively this file is empty.
#![cfg(target_arch = "wasm32")]

use article_structurer::app::{App, ArticleView, SAMPLE};
use article_structurer::view_model::{apply_restores, RestoreKey};
use article_structurer::{structure, Article, Block, BlockKind, Options, Removed, RemovedReason, Section, Span};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element in the document's body to mount into.
fn host() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

fn texts(root: &Element, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().text_content().unwrap_or_default()).collect()
}

fn span(text: &str, line: u32) -> Span {
    Span::new(text, [line, line])
}

fn block(kind: BlockKind, text: &str, line: u32) -> Block {
    Block { kind, text: text.to_string(), items: Vec::new(), lines: [line, line] }
}

#[wasm_bindgen_test]
fn article_view_shows_title_headings_and_captions() {
    let mut article = Article::empty();
    article.title = Some(span("A Title", 1));
    article.sections = vec![
        Section { heading: None, level: 2, blocks: vec![block(BlockKind::Paragraph, "The lead.", 2)] },
        Section {
            heading: Some(span("A Heading", 3)),
            level: 2,
            blocks: vec![block(BlockKind::Paragraph, "Body.", 4), block(BlockKind::Caption, "A caption.", 5)],
        },
    ];
    let host = host();
    let mounted = leptos::mount::mount_to(
        host.clone(),
        move || view! { <ArticleView article=Signal::stored(article.clone()) /> },
    );

    assert_eq!(texts(&host, "[data-testid=title]"), ["A Title"]);
    assert_eq!(texts(&host, "[data-testid=section-heading]"), ["A Heading"]);
    assert_eq!(texts(&host, "h2[data-testid=section-heading]").len(), 1, "a level-2 heading is an <h2>");
    assert_eq!(texts(&host, "article .body p"), ["The lead.", "Body."]);
    assert_eq!(texts(&host, "article figure figcaption"), ["A caption."]);
    assert_eq!(texts(&host, "[data-lines=\"5-5\"]"), ["A caption."], "each block names its input lines");
    assert!(texts(&host, "nav.toc").is_empty(), "no table of contents for one section");

    drop(mounted);
    assert_eq!(host.child_element_count(), 0, "unmounting removes the view");
    host.remove();
}

#[wasm_bindgen_test]
fn pasted_markup_is_shown_as_text_never_as_html() {
    let hostile =
        "Title <img src=x onerror=\"window.__pwned=1\">\n\n<script>window.__pwned=1</script> <b>bold</b> text";
    let article = structure(hostile, &Options::default());
    let host = host();
    let _mounted = leptos::mount::mount_to(
        host.clone(),
        move || view! { <ArticleView article=Signal::stored(article.clone()) /> },
    );

    assert!(host.query_selector("article img, article script, article b").unwrap().is_none());
    let text = host.text_content().unwrap();
    assert!(text.contains("<script>window.__pwned=1</script>"), "the markup is shown literally: {text}");
    assert!(text.contains("<img src=x"), "{text}");
    host.remove();
}

#[wasm_bindgen_test]
fn article_view_marks_restored_blocks_reports_clicks_and_offsets_headings() {
    let mut article = Article::empty();
    article.title = Some(span("A Title", 1));
    let headed = |h: &str, line: u32| Section {
        heading: Some(span(h, line)),
        level: 2,
        blocks: vec![block(BlockKind::Paragraph, &format!("Text under {h}."), line + 1)],
    };
    article.sections = vec![headed("One", 2), headed("Two", 4), headed("Three", 6)];
    article.removed = vec![Removed {
        reason: RemovedReason::Boilerplate,
        text: "Share this".into(),
        lines: [8, 8],
        duplicate_of: None,
    }];
    let keys = vec![RestoreKey::of(&article.removed[0])];
    let shown = apply_restores(&article, &keys);
    let clicked = RwSignal::new(None::<[u32; 2]>);
    let host = host();
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <ArticleView
                article=Signal::stored(shown.clone())
                restored=Signal::stored(keys.clone())
                on_source=Callback::new(move |l| clicked.set(Some(l)))
                title_level=2
            />
        }
    });

    assert_eq!(texts(&host, "h2[data-testid=title]"), ["A Title"], "title_level=2 makes the title an <h2>");
    assert_eq!(texts(&host, "h3[data-testid=section-heading]"), ["One", "Two", "Three"]);
    assert_eq!(texts(&host, "nav.toc a"), ["One", "Two", "Three"], "three headed sections get a table of contents");
    assert_eq!(texts(&host, ".block.restored p"), ["RestoredShare this"], "the restored block is marked");

    let block: HtmlElement = host.query_selector("[data-lines=\"5-5\"]").unwrap().unwrap().unchecked_into();
    block.click();
    assert_eq!(clicked.get_untracked(), Some([5, 5]), "a click reports the block's lines");
    host.remove();
}

#[wasm_bindgen_test]
async fn the_sample_button_loads_and_structures_the_sample() {
    web_sys::window().unwrap().local_storage().unwrap().unwrap().clear().unwrap();
    let host = host();
    let _mounted = leptos::mount::mount_to(host.clone(), App);
    assert!(texts(&host, "[data-testid=title]").is_empty(), "the page starts empty");

    let button: HtmlElement = host.query_selector("[data-testid=sample]").unwrap().unwrap().unchecked_into();
    button.click();
    leptos::task::tick().await;

    let input: web_sys::HtmlTextAreaElement =
        host.query_selector("[data-testid=input]").unwrap().unwrap().unchecked_into();
    assert_eq!(input.value(), SAMPLE);
    let expected = structure(SAMPLE, &Options::default());
    assert_eq!(texts(&host, "[data-testid=title]"), [expected.title.unwrap().text]);
    let article = host.query_selector("[data-testid=article]").unwrap().unwrap().text_content().unwrap();
    let first_section = expected.sections.first().and_then(|s| s.blocks.first()).map(|b| b.text.clone());
    assert!(article.contains(&first_section.unwrap()), "the article shows the core's first block");
    host.remove();
}

#[wasm_bindgen_test]
fn the_worker_answer_reader_reads_back_every_field_of_an_article() {
    use article_structurer::app::worker::article_from_js;
    use article_structurer::{Callout, Diagnostic};

    let mut a = structure(SAMPLE, &Options::default());
    assert!(!a.removed.is_empty() && a.removed.iter().any(|r| r.duplicate_of.is_some()));
    a.byline = Some(span("By A. Writer", 2));
    a.published = Some(span("1 May 2026", 3));
    a.takeaways = Some(Callout { label: None, items: vec![span("One.", 40)] });
    let mut table = block(BlockKind::Table, "a\tb\nc\td", 41);
    table.items = vec!["a\tb".into(), "c\td".into()];
    a.sections[0].blocks.push(table);
    a.diagnostics = vec![Diagnostic::new("input-truncated", "Cut.")];

    let js = js_sys::JSON::parse(&a.to_json()).unwrap();
    assert_eq!(article_from_js(&js), Some(a.clone()), "what the JSON says comes back unchanged");

    let unknown =
        js_sys::JSON::parse(&a.to_json().replacen("\"kind\": \"paragraph\"", "\"kind\": \"sidebar\"", 1)).unwrap();
    assert_eq!(article_from_js(&unknown), None, "a block kind this build does not know");
    let other_schema = js_sys::JSON::parse(&a.to_json().replacen("\"schema\": 1", "\"schema\": 2", 1)).unwrap();
    assert_eq!(article_from_js(&other_schema), None, "another schema");
    assert_eq!(article_from_js(&wasm_bindgen::JsValue::from_str("not an article")), None);
}
