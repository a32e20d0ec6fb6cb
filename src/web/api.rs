//! The JS API: `structure(text, options?)` and `render(article, format)`. The widget's entry point
//! (`src/widget.rs`) exports them with `#[wasm_bindgen]`, so that only the widget's wasm carries them
//! (exports in the library would be linked into the page's wasm too); `widget.js` re-exports them.
//! Types for TypeScript are in `web/widget.d.ts`.
//!
//! Values cross the boundary as plain JavaScript objects in the Article JSON shape (schema 1):
//! `serde_wasm_bindgen::Serializer::json_compatible()` writes objects (never `Map`) and `null` for
//! absent values, so `JSON.stringify(structure(text))` is exactly the CLI's JSON.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{render as render_article, structure as structure_article, Article, Format, Options, SCHEMA_VERSION};

/// Converts any serializable value into a plain JavaScript value (objects, arrays, `null`).
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| type_error(&format!("could not convert to a JavaScript value: {e}")))
}

pub(crate) fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

/// The option names a JS caller may use: the fields of [`Options`], as in its JSON form.
fn option_names() -> Vec<String> {
    match serde_json::to_value(Options::default()) {
        Ok(serde_json::Value::Object(map)) => map.keys().cloned().collect(),
        _ => Vec::new(),
    }
}

/// Reads the `options` argument: `undefined` or `null` give the defaults; otherwise it must be an
/// object whose keys are option names (snake_case, as in the JSON); each missing key keeps its
/// default. Unknown keys are an error, so that a misspelt option never goes unnoticed.
pub(crate) fn options_from_js(options: &JsValue) -> Result<Options, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(Options::default());
    }
    if !options.is_object() || js_sys::Array::is_array(options) {
        return Err(type_error("structure(text, options): options must be an object, such as { keyphrases: 5 }"));
    }
    let known = option_names();
    for key in js_sys::Object::keys::<JsValue>(options.unchecked_ref()).iter() {
        let key = key.as_string().unwrap_or_default();
        if !known.contains(&key) {
            return Err(type_error(&format!(
                "structure(text, options): unknown option \"{key}\" (options are: {})",
                known.join(", ")
            )));
        }
    }
    serde_wasm_bindgen::from_value(options.clone())
        .map_err(|e| type_error(&format!("structure(text, options): bad options: {e}")))
}

/// Reads an Article JSON object (schema 1), as `structure()` returns it.
pub(crate) fn article_from_js(article: &JsValue, what: &str) -> Result<Article, JsValue> {
    let parsed: Article = serde_wasm_bindgen::from_value(article.clone())
        .map_err(|e| type_error(&format!("{what}: not an Article (schema {SCHEMA_VERSION}): {e}")))?;
    if parsed.schema != SCHEMA_VERSION {
        return Err(type_error(&format!(
            "{what}: Article schema {} is not supported (this build reads schema {SCHEMA_VERSION})",
            parsed.schema
        )));
    }
    Ok(parsed)
}

/// `structure(text, options?)`: structures `text` and returns the Article JSON (schema 1) as a plain
/// object. Throws a `TypeError` when `text` is not a string or `options` is not valid, and a
/// `RangeError` when `text` is longer than `max_input_bytes` (UTF-8 bytes; default 16 MiB), naming
/// the limit and the option that raises it, in the CLI's words; never fails otherwise.
pub fn structure_js(text: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let text = text.as_string().ok_or_else(|| type_error("structure(text, options): text must be a string"))?;
    let options = options_from_js(&options)?;
    if text.len() > options.max_input_bytes {
        let message =
            crate::core::options::size_limit_message(text.len(), options.max_input_bytes, "the max_input_bytes option");
        return Err(js_sys::RangeError::new(&format!("structure(text, options): {message}")).into());
    }
    let article = structure_article(&text, &options);
    // One JSON string through `JSON.parse` is several times faster than building the objects field
    // by field across the boundary, and gives the same plain objects (the Article JSON is JSON).
    let json = serde_json::to_string(&article)
        .map_err(|e| type_error(&format!("could not convert to a JavaScript value: {e}")))?;
    js_sys::JSON::parse(&json)
}

/// The page's engine worker's call (`assets/engine-worker.js`; not part of the API): structures the
/// UTF-8 text `bytes` as `structure(text, options)` does and returns the article in the page's wire
/// form ([`crate::wire`]), one byte buffer that reaches the page's main thread without a copy and is
/// read there in a few milliseconds. Throws as `structure` does, and a `TypeError` for bytes that are
/// not UTF-8.
pub fn structure_wire_js(bytes: &[u8], options: JsValue) -> Result<Vec<u8>, JsValue> {
    let text = std::str::from_utf8(bytes).map_err(|_| type_error("structureWire(bytes, options): not UTF-8 text"))?;
    let options = options_from_js(&options)?;
    if text.len() > options.max_input_bytes {
        let message =
            crate::core::options::size_limit_message(text.len(), options.max_input_bytes, "the max_input_bytes option");
        return Err(js_sys::RangeError::new(&format!("structureWire(bytes, options): {message}")).into());
    }
    Ok(crate::wire::pack(&structure_article(text, &options)))
}

/// `render(article, format)`: the article as `"markdown"`, `"html"` (a standalone document with all
/// text escaped), `"text"` or `"json"`. Throws a `TypeError` for anything that is not Article JSON
/// (schema 1) or for an unknown format.
pub fn render_js(article: JsValue, format: JsValue) -> Result<String, JsValue> {
    let name = format.as_string().unwrap_or_default();
    let format = match name.as_str() {
        "markdown" => Format::Markdown,
        "html" => Format::Html,
        "text" => Format::Text,
        "json" => Format::Json,
        _ => {
            return Err(type_error(&format!(
                "render(article, format): format must be \"markdown\", \"html\", \"text\" or \"json\", not {:?}",
                name
            )))
        }
    };
    let article = article_from_js(&article, "render(article, format)")?;
    Ok(render_article(&article, format))
}
