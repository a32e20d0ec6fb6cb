//! A crash is not data loss. If the page's wasm ever panics, the panic hook ([`hook`], installed by
//! `src/main.rs`) logs the panic, notes in storage that the page stopped, and shows a plain error
//! with a "Reload" action, built with the DOM alone: after a panic the wasm instance is not to be
//! called again, so the action is a link to the page itself (no event handler into wasm, no inline
//! script). The draft was saved before structuring began, so a reload brings it back; and because
//! the note says the page stopped on it, the reloaded page puts the draft in the text box without
//! structuring it at once ([`take_crash_note`]), so that one bad text cannot crash the page in a
//! loop.
//!
//! Tests force a panic through a hook compiled only with the `panic-test` feature (never in the
//! shipped build: `tests/e2e/crash.test.mjs` checks that the release wasm does not carry it).

use wasm_bindgen::JsCast;

use super::storage;

/// The storage key of the note "the page stopped while structuring the draft".
pub const CRASHED: &str = "article-structurer.crashed";

/// The panic hook: the panic on the console, the note in storage, the error on the page.
pub fn hook(info: &std::panic::PanicHookInfo) {
    console_error_panic_hook::hook(info);
    let _ = storage::set(CRASHED, "1");
    show();
}

/// Shows the error and the "Reload" link over the page (once).
fn show() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    if doc.get_element_by_id("crash").is_some() {
        return;
    }
    let make = |tag: &str, text: &str| {
        let el = doc.create_element(tag).ok()?;
        el.set_text_content(Some(text));
        Some(el)
    };
    let build = || -> Option<web_sys::Element> {
        let overlay = doc.create_element("div").ok()?;
        overlay.set_id("crash");
        overlay.set_class_name("crash");
        overlay.set_attribute("role", "alertdialog").ok()?;
        overlay.set_attribute("aria-labelledby", "crash-title").ok()?;
        overlay.set_attribute("data-testid", "crash").ok()?;
        let card = doc.create_element("div").ok()?;
        card.set_class_name("crash-card");
        let title = make("h2", "Something went wrong")?;
        title.set_id("crash-title");
        let text = make(
            "p",
            "The page ran into an internal error and stopped. Your text is saved in this browser: reload the page \
             to get it back.",
        )?;
        // A link to the page itself, without its #fragment, so that following it loads the page anew.
        let location = web_sys::window()?.location();
        let href = format!("{}{}", location.pathname().ok()?, location.search().ok()?);
        let reload = make("a", "Reload")?;
        reload.set_attribute("href", &href).ok()?;
        reload.set_class_name("btn primary");
        reload.set_attribute("data-testid", "reload").ok()?;
        for child in [&title, &text, &reload] {
            card.append_child(child).ok()?;
        }
        overlay.append_child(&card).ok()?;
        doc.body()?.append_child(&overlay).ok()?;
        if let Some(link) = reload.dyn_ref::<web_sys::HtmlElement>() {
            let _ = link.focus();
        }
        Some(overlay)
    };
    let _ = build();
}

/// Whether the page stopped on the draft last time; clears the note, so that the next load
/// structures the draft as usual.
pub fn take_crash_note() -> bool {
    let crashed = matches!(storage::get(CRASHED), Ok(Some(_)));
    if crashed {
        let _ = storage::remove(CRASHED);
    }
    crashed
}

/// The test-only panic: a text holding this marker panics the page's engine in a build with the
/// `panic-test` feature. Not compiled into the shipped page.
#[cfg(feature = "panic-test")]
pub const PANIC_MARKER: &str = "\u{1}panic-test\u{1}";
