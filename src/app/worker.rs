//! The engine off the main thread: HTML input (a paste with formatting, an opened `.html` file) and
//! long texts go to `assets/engine.js`, which structures them in a Web Worker
//! (`assets/engine-worker.js`) with the widget's module (`widget.js`). That module carries the core's
//! HTML path, which the page's own wasm leaves out: linked in, it costs about 50 KB gzip (measured),
//! more than the page's size budget has room for. Where workers fail, `engine.js` runs the module on
//! the page; from disk it refuses, and the page reads the plain text itself.
//!
//! What crosses to the worker and back is made for a main thread that must keep answering while a
//! 10 MB paste is structured: the text goes as a Blob of its UTF-8 bytes (made once, passed by
//! reference, and the same Blob is the saved draft), and the article comes back in the wire form
//! ([`crate::wire`]), one transferred byte buffer read in plain Rust. As the Article JSON's plain
//! objects, the browser rebuilt some 36,000 objects on the main thread and the page read them field
//! by field across the wasm boundary: some 300 ms in one task, during which no click was answered.

use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Blob;

use super::engine::Outcome;
use crate::Article;

/// Texts at least this long (in bytes) are structured in the worker even when they are plain text:
/// above it, `structure()` takes long enough to freeze the page (about 60 ms per 100 KB here).
pub const MIN_BYTES: usize = 100_000;

/// What the worker sends back.
pub struct Answer {
    /// The article and the time `structure()` took.
    pub outcome: Outcome,
    /// Words and characters of the input, when they were asked for.
    pub counts: Option<(usize, usize)>,
}

/// Structures `input` (the text as [`super::storage::text_blob`] made it; HTML when `html`) off the
/// main thread; with `count`, the worker also counts the input's words and characters. Fails (with
/// a message) when the engine cannot be loaded or returns something that is not an Article.
pub async fn run(input: &Blob, html: bool, summary_sentences: Option<usize>, count: bool) -> Result<Answer, String> {
    let describe = |e: JsValue| super::storage::describe(&e);
    let call = Reflect::get(&js_sys::global(), &"articleStructurerRun".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or("the engine script is not part of this page")?;
    let options = js_sys::Object::new();
    let _ = Reflect::set(&options, &"input".into(), &(if html { "html" } else { "text" }).into());
    if let Some(n) = summary_sentences {
        let _ = Reflect::set(&options, &"summary_sentences".into(), &(n as f64).into());
    }
    let args = Array::of3(input, &options, &count.into());
    let promise: Promise = call.apply(&JsValue::NULL, &args).map_err(describe)?.unchecked_into();
    let value = wasm_bindgen_futures::JsFuture::from(promise).await.map_err(describe)?;
    let article =
        article_from_wire(&get(&value, "article")).ok_or("the engine returned something that is not an Article")?;
    let (words, chars) = (get(&value, "words").as_f64(), get(&value, "chars").as_f64());
    Ok(Answer {
        outcome: Outcome { article, ms: number(&value, "ms") },
        counts: words.zip(chars).map(|(w, c)| (w as usize, c as usize)),
    })
}

fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn number(o: &JsValue, key: &str) -> f64 {
    get(o, key).as_f64().unwrap_or(0.0)
}

/// Reads the article the worker sent in the wire form ([`crate::wire`]): one copy of its bytes into
/// the wasm memory, then plain Rust. `None` when it is not one.
pub fn article_from_wire(bytes: &JsValue) -> Option<Article> {
    crate::wire::unpack(&bytes.dyn_ref::<Uint8Array>()?.to_vec())
}
