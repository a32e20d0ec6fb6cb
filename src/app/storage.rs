//! localStorage, with every failure turned into a message for the page (never a panic): storage may
//! be disabled, full (`QuotaExceededError`) or throw for a file:// page.

use wasm_bindgen::JsValue;

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
