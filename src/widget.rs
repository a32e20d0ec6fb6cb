//! The widget's entry point (bin `widget-core`): its wasm holds the JS API and the
//! `<article-structurer>` element (`src/web/`). Trunk builds it beside the page (index.html, a
//! `data-type="worker"` Rust asset, so nothing is injected into the page); `scripts/post-build.mjs`
//! names its files by content and writes the `widget.js` loader that hosts include.
//!
//! The exports are declared here, not in the library, so that the page's wasm does not carry them.

#[cfg(target_arch = "wasm32")]
mod exports {
    use article_structurer::web::api;
    use wasm_bindgen::prelude::*;

    /// `structure(text, options?)`: the Article JSON (schema 1) as a plain object.
    #[wasm_bindgen(js_name = structure, skip_typescript)]
    pub fn structure(text: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        api::structure_js(text, options)
    }

    /// For the page's engine worker, not part of the API: UTF-8 bytes in, the article in the page's
    /// wire form out (`article_structurer::wire`). `widget.js` exports it as `_structureWire`.
    #[wasm_bindgen(js_name = structureWire, skip_typescript)]
    pub fn structure_wire(bytes: &[u8], options: JsValue) -> Result<Vec<u8>, JsValue> {
        api::structure_wire_js(bytes, options)
    }

    /// `render(article, format)`: Markdown, standalone HTML, plain text or JSON.
    #[wasm_bindgen(js_name = render, skip_typescript)]
    pub fn render(article: JsValue, format: JsValue) -> Result<String, JsValue> {
        api::render_js(article, format)
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    // wasm-bindgen runs this when widget.js initializes the wasm.
    console_error_panic_hook::set_once();
    article_structurer::web::element::define();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The widget runs in the browser: `trunk build --release` writes dist/widget.js (see README.md).");
}
