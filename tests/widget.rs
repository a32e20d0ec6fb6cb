//! Browser tests of the JS shell (`src/web/`): the element holds an instance only while it is
//! connected, defining it again is harmless, and the API returns plain objects and rejects bad input.
//! Run by `cargo test --target wasm32-unknown-unknown`; natively this file is empty.
#![cfg(target_arch = "wasm32")]

use article_structurer::app::SAMPLE;
use article_structurer::web::{api, element};
use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

#[wasm_bindgen_test]
fn an_element_holds_an_instance_only_while_connected() {
    element::define();
    assert!(!element::define(), "a second definition is skipped");
    let document = web_sys::window().unwrap().document().unwrap();
    let body = document.body().unwrap();
    let before = element::live_instances();

    let el = document.create_element(element::TAG).unwrap();
    el.set_attribute("text", "A Title For The Browser Test\n\nA paragraph of prose, long enough to be read as one.\n")
        .unwrap();
    body.append_child(&el).unwrap();
    assert_eq!(element::live_instances(), before + 1);
    let shadow = el.shadow_root().expect("an open shadow root");
    let title = shadow.query_selector("h1").unwrap().expect("the title is rendered at once");
    assert_eq!(title.text_content().unwrap(), "A Title For The Browser Test");
    assert_eq!(get(&get(&get(&el, "article"), "title"), "text"), "A Title For The Browser Test");

    el.remove();
    assert_eq!(element::live_instances(), before, "removing the element drops its instance");
    assert_eq!(shadow.child_nodes().length(), 0, "and empties its shadow root");
    assert!(get(&el, "article").is_null());

    body.append_child(&el).unwrap();
    assert_eq!(element::live_instances(), before + 1);
    el.remove();
    assert_eq!(element::live_instances(), before);
}

#[wasm_bindgen_test]
fn structure_returns_plain_objects_and_render_reads_them_back() {
    let article = api::structure_js(JsValue::from_str(SAMPLE), JsValue::UNDEFINED).unwrap();
    assert_eq!(Object::get_prototype_of(&article), Object::get_prototype_of(&Object::new().into()));
    assert_eq!(get(&article, "schema"), 1);
    let stats = get(&article, "stats");
    assert!(stats.is_object() && !stats.is_instance_of::<js_sys::Map>());
    let markdown = api::render_js(article.clone(), JsValue::from_str("markdown")).unwrap();
    assert!(markdown.starts_with("# "), "{markdown}");

    let options = Object::new();
    Reflect::set(&options, &"keyphrases".into(), &2.into()).unwrap();
    let fewer = api::structure_js(JsValue::from_str(SAMPLE), options.into()).unwrap();
    let keywords: js_sys::Array = get(&get(&fewer, "summary"), "keywords").unchecked_into();
    assert!(keywords.length() <= 2);
}

#[wasm_bindgen_test]
fn bad_input_is_a_type_error() {
    let is_type_error = |r: Result<JsValue, JsValue>| r.unwrap_err().is_instance_of::<js_sys::TypeError>();
    assert!(is_type_error(api::structure_js(JsValue::from_f64(1.0), JsValue::UNDEFINED)));
    let options = Object::new();
    Reflect::set(&options, &"summarySentences".into(), &3.into()).unwrap();
    assert!(is_type_error(api::structure_js(JsValue::from_str("text"), options.into())));
    assert!(is_type_error(api::structure_js(JsValue::from_str("text"), JsValue::from_str("options"))));
    let render = |a: JsValue, f: &str| api::render_js(a, JsValue::from_str(f)).map(JsValue::from);
    assert!(is_type_error(render(Object::new().into(), "markdown")));
    let article = api::structure_js(JsValue::from_str(SAMPLE), JsValue::NULL).unwrap();
    assert!(is_type_error(render(article, "pdf")));
}
