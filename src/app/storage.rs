//! localStorage, with every failure turned into a message for the page (never a panic): storage may
//! be disabled, full (`QuotaExceededError`) or throw for a file:// page.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// The keys the page keeps, all under one prefix.
pub const DRAFT: &str = "article-structurer.draft";
/// How the draft is read: "text", "html" (the draft is an HTML file's source) or "clipboard".
pub const DRAFT_MODE: &str = "article-structurer.draft-mode";
/// The clipboard HTML the draft was pasted with (mode "clipboard").
pub const DRAFT_HTML: &str = "article-structurer.draft-html";
/// The restored items' keys (JSON).
pub const RESTORED: &str = "article-structurer.restored";
/// The settings (JSON).
pub const SETTINGS: &str = "article-structurer.settings";
/// "indexeddb" when the draft is too long for localStorage and kept in IndexedDB instead.
pub const DRAFT_STORE: &str = "article-structurer.draft-store";

/// Drafts longer than this (bytes) are kept in IndexedDB (`assets/drafts.js`): localStorage holds
/// about five million characters per site, shared by every key.
pub const LOCAL_DRAFT_MAX: usize = 1_000_000;

fn storage() -> Result<web_sys::Storage, String> {
    let window = web_sys::window().ok_or("no window")?;
    match window.local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err("this browser offers no local storage".to_string()),
        Err(e) => Err(describe(&e)),
    }
}

/// A DOMException's name and message, or the value as text.
pub fn describe(e: &JsValue) -> String {
    let get = |k: &str| js_sys::Reflect::get(e, &JsValue::from_str(k)).ok().and_then(|v| v.as_string());
    match (get("name"), get("message")) {
        (Some(n), Some(m)) if !m.is_empty() => format!("{n}: {m}"),
        (Some(n), _) => n,
        _ => e.as_string().unwrap_or_else(|| "unknown error".to_string()),
    }
}

/// Reads a key; `Ok(None)` when absent.
pub fn get(key: &str) -> Result<Option<String>, String> {
    storage()?.get_item(key).map_err(|e| describe(&e))
}

/// Writes a key.
pub fn set(key: &str, value: &str) -> Result<(), String> {
    storage()?.set_item(key, value).map_err(|e| describe(&e))
}

/// Removes a key.
pub fn remove(key: &str) -> Result<(), String> {
    storage()?.remove_item(key).map_err(|e| describe(&e))
}

/// Calls `articleStructurerDrafts[method](arg)` (`assets/drafts.js`, IndexedDB) and awaits it.
async fn drafts(method: &str, arg: Option<&JsValue>) -> Result<JsValue, String> {
    let api = Reflect::get(&js_sys::global(), &"articleStructurerDrafts".into()).map_err(|e| describe(&e))?;
    let f = Reflect::get(&api, &method.into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or("this page has no IndexedDB draft store")?;
    let promise = match arg {
        Some(a) => f.call1(&api, a),
        None => f.call0(&api),
    }
    .map_err(|e| describe(&e))?;
    wasm_bindgen_futures::JsFuture::from(promise.unchecked_into::<Promise>()).await.map_err(|e| describe(&e))
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `articleStructurerDrafts.blob(bytes)` (`assets/drafts.js`): a Blob of `bytes`, which the glue
    /// passes as a view of the wasm memory, so the text is copied once, by the browser.
    #[wasm_bindgen(catch, js_namespace = articleStructurerDrafts, js_name = blob)]
    fn drafts_blob(bytes: &[u8]) -> Result<web_sys::Blob, JsValue>;
}

/// The text as a Blob of its UTF-8 bytes: what a long draft is saved as, and how a text goes to the
/// engine worker (by reference). One copy; a JavaScript string of 10 MB would take encoding to
/// UTF-16 on the main thread, and its copy into the worker's message, some 20 ms more each.
pub fn text_blob(text: &str) -> Result<web_sys::Blob, String> {
    drafts_blob(text.as_bytes()).map_err(|e| describe(&e))
}

/// Saves a long draft (as [`text_blob`] made it) in IndexedDB.
pub async fn save_long_draft(draft: &web_sys::Blob) -> Result<(), String> {
    drafts("save", Some(draft)).await.map(|_| ())
}

/// The long draft kept in IndexedDB, if any (converted by the browser's encoder: [`super::dom::utf8_of`]).
pub async fn load_long_draft() -> Result<Option<String>, String> {
    drafts("load", None).await.map(|v| v.dyn_ref::<js_sys::JsString>().map(super::dom::utf8_of))
}

/// Removes the long draft from IndexedDB.
pub async fn clear_long_draft() -> Result<(), String> {
    drafts("clear", None).await.map(|_| ())
}
