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
fn a_pasted_string_reaches_rust_as_wasm_bindgen_would_convert_it() {
    use article_structurer::app::dom::utf8_of;

    let long_mixed = "Fähre ⛴ fährt. 渡し船。🚢 ".repeat(5_000);
    let cases = [
        String::new(),
        "plain ASCII text\n\nwith lines".to_string(),
        "é".to_string(),
        "ü at the start, then ASCII".to_string(),
        "ASCII, then 日本語 at the end".to_string(),
        "🚢".to_string(),
        "a lone \u{FFFD} replacement".to_string(),
        long_mixed,
    ];
    for case in cases {
        let js = js_sys::JsString::from(case.as_str());
        assert_eq!(utf8_of(&js), case);
    }
    // A lone surrogate (possible in a JavaScript string) becomes U+FFFD, as wasm-bindgen makes it.
    let lone = js_sys::JsString::from_char_code(&[u16::from(b'a'), 0xD800, u16::from(b'b')]);
    assert_eq!(utf8_of(&lone), "a\u{FFFD}b");
    assert_eq!(utf8_of(&lone), lone.as_string().unwrap());
}

#[wasm_bindgen_test]
fn the_worker_answer_comes_back_whole_through_a_js_byte_array() {
    use article_structurer::app::worker::article_from_wire;
    use article_structurer::web::api::structure_wire_js;

    // What the engine worker calls (the widget's module) and what the page reads, across JavaScript.
    let text = format!("{SAMPLE}\n\nKey takeaways\n\n- One.\n- Two.\n\nShare on Facebook\n");
    let options = js_sys::JSON::parse(r#"{"summary_sentences": 2}"#).unwrap();
    let packed = structure_wire_js(text.as_bytes(), options).unwrap();
    let bytes: wasm_bindgen::JsValue = js_sys::Uint8Array::from(&packed[..]).into();
    let expected = structure(&text, &Options { summary_sentences: Some(2), ..Options::default() });
    assert!(!expected.removed.is_empty());
    assert_eq!(article_from_wire(&bytes), Some(expected));

    assert_eq!(article_from_wire(&js_sys::Uint8Array::from(&packed[1..]).into()), None, "not the wire form");
    assert_eq!(article_from_wire(&wasm_bindgen::JsValue::from_str("not an article")), None);
    assert!(structure_wire_js(&[0xff, 0xfe], wasm_bindgen::JsValue::UNDEFINED).is_err(), "bytes that are not UTF-8");
}
