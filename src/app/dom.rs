//! Small browser helpers the components share: time, scrolling to a block, language names,
//! downloads, the clipboard, the theme attribute.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::view_model::{Lines, Theme};

/// Milliseconds from `performance.now()` (0 when there is no `performance`).
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// The `data-lines` value of an element that shows input lines `lines`.
pub fn lines_attr(lines: Lines) -> String {
    format!("{}-{}", lines[0], lines[1])
}

/// Scrolls the article's element for `lines` into view and focuses it (without a second scroll).
/// Returns whether there was one.
pub fn reveal(lines: Lines) -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return false };
    let selector = format!("[data-testid=article] [data-lines=\"{}\"]", lines_attr(lines));
    let Ok(Some(el)) = doc.query_selector(&selector) else { return false };
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    el.scroll_into_view_with_scroll_into_view_options(&options);
    if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
        let focus = web_sys::FocusOptions::new();
        focus.set_prevent_scroll(true);
        let _ = el.focus_with_options(&focus);
    }
    true
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = DisplayNames)]
    type DisplayNames;
    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = "DisplayNames")]
    fn new(locales: &JsValue, options: &JsValue) -> Result<DisplayNames, JsValue>;
    #[wasm_bindgen(catch, method, js_class = "DisplayNames")]
    fn of(this: &DisplayNames, code: &str) -> Result<JsValue, JsValue>;
}

/// The English name of a BCP 47 language code ("en" -> "English"), through `Intl.DisplayNames`;
/// "Unknown" for "und", the code itself when the browser has no name for it.
pub fn language_name(code: &str) -> String {
    if code.is_empty() || code == "und" {
        return "Unknown".to_string();
    }
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"type".into(), &"language".into());
    DisplayNames::new(&JsValue::from_str("en"), &options)
        .and_then(|names| names.of(code))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| code.to_string())
}

/// Offers `content` as a file download named `name`, of type `mime`.
pub fn download(name: &str, mime: &str, content: &str) -> Result<(), String> {
    let fail = |e: JsValue| crate::app::storage::describe(&e);
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let doc = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a").map_err(fail)?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // Revoke later: the download has started by the next turn of the event loop.
    let url2 = url.clone();
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url2);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}

/// Puts `text` on the clipboard.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.map(|_| ()).map_err(|e| crate::app::storage::describe(&e))
}

/// Sets the theme on the root element (`data-theme`; absent for the system's).
pub fn apply_theme(theme: Theme) {
    let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else {
        return;
    };
    let _ = match theme {
        Theme::System => root.remove_attribute("data-theme"),
        Theme::Light => root.set_attribute("data-theme", "light"),
        Theme::Dark => root.set_attribute("data-theme", "dark"),
    };
}

/// Resolves in a new task of the event loop (a `setTimeout` of 0), so that the browser can answer
/// input between two long pieces of work.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        } else {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = TextEncoder)]
    type Utf8Encoder;
    #[wasm_bindgen(constructor, js_class = "TextEncoder")]
    fn new() -> Utf8Encoder;
    /// `encodeInto`: the glue passes `into` as a view of the wasm memory, so the browser writes the
    /// bytes in place.
    #[wasm_bindgen(method, js_class = "TextEncoder", js_name = encodeInto)]
    fn encode_into(this: &Utf8Encoder, text: &js_sys::JsString, into: &mut [u8]) -> EncodeResult;
    type EncodeResult;
    #[wasm_bindgen(method, getter)]
    fn read(this: &EncodeResult) -> u32;
    #[wasm_bindgen(method, getter)]
    fn written(this: &EncodeResult) -> u32;
    /// A `DataTransfer` whose `getData` leaves the string in JavaScript.
    #[wasm_bindgen(js_name = DataTransfer)]
    type RawDataTransfer;
    #[wasm_bindgen(method, catch, js_class = "DataTransfer", js_name = getData)]
    fn get_data(this: &RawDataTransfer, format: &str) -> Result<JsValue, JsValue>;
}

/// A JavaScript string as a Rust string, written by the browser's UTF-8 encoder straight into the
/// wasm memory (`TextEncoder.encodeInto`, some 15 ms for 10 MB here). wasm-bindgen's own conversion
/// walks a string character by character in JavaScript (40 to 90 ms for a 10 MB paste), and
/// `TextEncoder.encode` allocates and zeroes a buffer three times the size (60 to 90 ms).
pub fn utf8_of(text: &js_sys::JsString) -> String {
    let encoder = Utf8Encoder::new();
    let mut rest = text.clone();
    let mut left = text.length() as usize;
    let mut out: Vec<u8> = Vec::new();
    let mut worst = false;
    while left > 0 {
        // Room for ASCII at first (a byte per UTF-16 unit); then for the rest at its worst (three).
        let start = out.len();
        out.resize(start + if worst { 3 * left } else { left }, 0);
        let done = encoder.encode_into(&rest, &mut out[start..]);
        let (read, written) = (done.read() as usize, done.written() as usize);
        out.truncate(start + written);
        if read == 0 && worst {
            break;
        }
        worst = true;
        left = left.saturating_sub(read);
        rest = rest.slice(read as u32, rest.length());
    }
    // The encoder writes well-formed UTF-8 (a lone surrogate becomes U+FFFD), so this never fails.
    String::from_utf8(out).unwrap_or_default()
}

/// The clipboard's data of type `format` (`text/plain`, `text/html`), as a Rust string ([`utf8_of`]);
/// `None` when there is none.
pub fn clipboard_data(data: &web_sys::DataTransfer, format: &str) -> Option<String> {
    let value = data.unchecked_ref::<RawDataTransfer>().get_data(format).ok()?;
    Some(utf8_of(value.dyn_ref::<js_sys::JsString>()?))
}
