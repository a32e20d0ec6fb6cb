//! The input pane: the text box (paste, type, drop or open a file), "Try the sample", "Clear" with
//! undo, word and character counts, how the text is read, and the highlight of source lines.
//!
//! The text box is uncontrolled: typing never copies its text into wasm; the page reads it on each
//! keystroke when the text was structured quickly last time ([`super::INSTANT_MS`]), else once the
//! reader pauses ([`super::DEBOUNCE_MS`]), and at once after a paste.

use std::time::Duration;

use leptos::html::{Div, Input};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{dom, storage, Mode, Page, DEBOUNCE_MS, INSTANT_MS, SAMPLE};
use crate::view_model::{self, FileKind};

/// The input pane.
#[component]
pub fn InputPane() -> impl IntoView {
    let page = expect_context::<Page>();
    let textarea = page.textarea;
    let file_input = NodeRef::<Input>::new();
    let backdrop = NodeRef::<Div>::new();
    let timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    // Set by a paste, read by the input event that follows it: `Some(html)` when the core should read
    // the clipboard's HTML.
    let pasted: StoredValue<Option<Option<String>>> = StoredValue::new(None);
    let dragging = RwSignal::new(false);

    let current = move || textarea.get_untracked().map(|t| t.value()).unwrap_or_default();

    let on_input = move |_| {
        page.highlight.set(None);
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        let next_mode = move || match page.mode.get_untracked() {
            Mode::Html => Mode::Html,
            _ => Mode::Text,
        };
        if let Some(paste) = pasted.get_value() {
            pasted.set_value(None);
            let mode = paste.map(Mode::Clipboard).unwrap_or_else(next_mode);
            page.structure_text(current(), mode);
            return;
        }
        page.pending.set(true);
        // A long text waits longer: the pause grows with the last structuring's time, so typing
        // into a huge text is not interrupted by a freeze after every short pause.
        let last = page.run.with_untracked(|r| r.ms);
        let wait =
            if last < INSTANT_MS { 0 } else { DEBOUNCE_MS + if last > 50.0 { last.min(1000.0) as u64 } else { 0 } };
        let handle =
            set_timeout_with_handle(move || page.structure_text(current(), next_mode()), Duration::from_millis(wait));
        timer.set_value(handle.ok());
    };

    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        let Some(t) = textarea.get_untracked() else { return };
        if page.large.with_untracked(Option::is_some) {
            // The box holds a read-only preview: nothing to paste into.
            ev.prevent_default();
            return;
        }
        let value = t.value();
        let (start, end) = (t.selection_start().ok().flatten(), t.selection_end().ok().flatten());
        let data = ev.clipboard_data();
        let mut html = None;
        let replaces_all = value.is_empty() || (start == Some(0) && end == Some(value.encode_utf16().count() as u32));
        if replaces_all && page.settings.with_untracked(|s| s.use_formatting) {
            html = data.as_ref().and_then(|d| dom::clipboard_data(d, "text/html")).filter(|h| !h.trim().is_empty());
        }
        let plain = data.and_then(|d| dom::clipboard_data(&d, "text/plain")).unwrap_or_default();
        if plain.len() > super::LARGE_TEXT_BYTES {
            // Large text mode: the paste never reaches the box (laying out megabytes there holds up
            // the page for seconds); the page puts the new text together itself.
            ev.prevent_default();
            let at = |u: Option<u32>| {
                let mut n = 0;
                value
                    .char_indices()
                    .find(|(_, c)| {
                        n += c.len_utf16() as u32;
                        n > u.unwrap_or(0)
                    })
                    .map_or(value.len(), |(i, _)| i)
            };
            let (a, b) = (at(start), at(end).max(at(start)));
            // The paste is the whole text unless the box keeps some of its own (no 10 MB copy).
            let text = if a == 0 && b == value.len() { plain } else { [&value[..a], &plain, &value[b..]].concat() };
            let mode = match html {
                Some(h) => Mode::Clipboard(h),
                None if replaces_all => Mode::Text,
                None => match page.mode.get_untracked() {
                    Mode::Html => Mode::Html,
                    _ => Mode::Text,
                },
            };
            // The text is read (this event is the only time it can be); the page takes it up in a
            // task of its own, so that the browser can answer a click between the two.
            leptos::task::spawn_local(async move {
                dom::next_task().await;
                page.load(text, mode, Vec::new());
            });
            return;
        }
        pasted.set_value(Some(html));
    };

    let read_file = move |file: web_sys::File| {
        let name = file.name();
        let Some(kind) = view_model::file_kind(&name, &file.type_()) else {
            page.notify(format!("“{name}” is not a text file: open a .txt, .md or .html file."), false, true);
            return;
        };
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(text) => {
                    let text = text.as_string().unwrap_or_default();
                    let mode = if kind == FileKind::Html { Mode::Html } else { Mode::Text };
                    page.load(text, mode, Vec::new());
                    page.notify(format!("Opened “{name}”."), false, false);
                }
                Err(e) => page.notify(format!("“{name}” could not be read: {}", storage::describe(&e)), false, true),
            }
        });
    };

    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
            read_file(file);
        }
    };
    let on_dragover = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(true);
    };
    let on_file = move |_| {
        if let Some(input) = file_input.get_untracked() {
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                read_file(file);
            }
            input.set_value("");
        }
    };

    // The highlight: the text box's text behind it, with the chosen lines marked.
    let marked = Memo::new(move |_| {
        let lines = page.highlight.get()?;
        if matches!(page.mode.get(), Mode::Clipboard(_)) {
            return None;
        }
        let text = match page.large.get() {
            Some(_) => textarea.get_untracked()?.value(),
            None => page.text(),
        };
        let r = view_model::line_range(&text, lines)?;
        Some((text[..r.start].to_string(), text[r.clone()].to_string(), text[r.end..].to_string()))
    });
    Effect::new(move |_| {
        if marked.with(Option::is_some) {
            request_animation_frame(move || {
                let (Some(t), Some(b)) = (textarea.get_untracked(), backdrop.get_untracked()) else { return };
                if let Ok(Some(mark)) = b.query_selector("mark") {
                    let top = mark.unchecked_ref::<web_sys::HtmlElement>().offset_top();
                    t.set_scroll_top((top - 48).max(0));
                    b.set_scroll_top(t.scroll_top());
                }
            });
        }
    });
    let on_scroll = move |_| {
        if let (Some(t), Some(b)) = (textarea.get_untracked(), backdrop.get_untracked()) {
            b.set_scroll_top(t.scroll_top());
        }
    };

    // The pane's changing parts below the text box, in one reactive closure (fewer closures keep
    // the wasm small): counts and status, how the text is read, storage trouble.
    // Seconds since the page started on the current text, while it works (the progress of a long
    // text, which the worker structures in one piece).
    let elapsed = RwSignal::new(0u64);
    Effect::new(move |prev: Option<Option<IntervalHandle>>| {
        if let Some(Some(h)) = prev {
            h.clear();
        }
        if !page.pending.get() {
            return None;
        }
        elapsed.set(0);
        set_interval_with_handle(move || elapsed.update(|s| *s += 1), Duration::from_secs(1)).ok()
    });

    let foot = move || {
        let (w, c) = page.run.with(|r| (r.words, r.chars));
        let counts = match page.too_long.get() {
            // Not counted: counting 16 MB and more would hold up the page for what the message says.
            Some(bytes) => format!("{} MB · not structured", view_model::megabytes(bytes)),
            None => format!("{} words · {} characters", view_model::thousands(w), view_model::thousands(c)),
        };
        let long = page.text.with_value(String::len);
        let long = (long >= super::worker::MIN_BYTES).then_some(long);
        let progress = long.filter(|_| page.pending.get()).map(|_| {
            view! { <progress class="progress" data-testid="progress" aria-label="Structuring the text"></progress> }
        });
        let status = if page.pending.get() {
            match long {
                Some(bytes) => format!("Structuring {} MB… {} s", view_model::megabytes(bytes), elapsed.get()),
                None => "Updating…".to_string(),
            }
        } else if let Some(l) = page.highlight.get() {
            if marked.with(Option::is_some) {
                format!("Showing {}", view_model::lines_label(l))
            } else if page.large.with(Option::is_some) && !matches!(page.mode.get(), Mode::Clipboard(_)) {
                format!("From {}, past the preview", view_model::lines_label(l))
            } else {
                format!("From {} of the pasted page's HTML", view_model::lines_label(l))
            }
        } else {
            String::new()
        };
        let note = match page.mode.get() {
            Mode::Clipboard(_) => Some(("Structured from the formatting that came with the paste.", "Use the plain text")),
            Mode::Html => Some(("Read as an HTML document.", "Read as plain text")),
            Mode::Text => None,
        }
        .map(|(note, action)| {
            view! {
                <p class="mode-note" data-testid="mode-note">
                    {note}" "
                    <button class="linkish" on:click=move |_| page.structure_text(page.text(), Mode::Text)>{action}</button>
                </p>
            }
        });
        let error = page
            .storage_error
            .get()
            .map(|e| view! { <p class="error" role="alert" data-testid="storage-error">{e}</p> });
        view! {
            // The progress bar lies over the gap above the foot: nothing below the text box changes
            // size while it works, so a long text in the box is not laid out again.
            <div class="pane-foot">
                <span id="counts" data-testid="counts">{counts}</span>
                <span class="status" data-testid="input-status">{status}</span>
                {progress}
            </div>
            {note}
            {error}
        }
    };
    let large = move || {
        page.large.get().map(|(shown, whole)| {
            view! {
                <p class="large-note" role="status" data-testid="large-note">
                    {format!(
                        "Showing the first {} KB of this {} MB text; all of it is structured. ",
                        shown.div_ceil(1024),
                        view_model::megabytes(whole)
                    )}
                    <button class="linkish" data-testid="edit-whole" on:click=move |_| page.edit_whole()>"Edit the whole text"</button>
                    " · "
                    <button class="linkish" on:click=move |_| page.clear()>"Clear"</button>
                </p>
            }
        })
    };

    view! {
        <section class="pane input-pane" aria-labelledby="input-heading"
            class:dragging=move || dragging.get()
            on:dragover=on_dragover
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <div class="pane-head">
                <h2 id="input-heading">"Your text"</h2>
                <button class="btn ghost small" data-testid="clear" on:click=move |_| page.clear()>"Clear"</button>
            </div>
            <div class="actions">
                    <button class="btn" data-testid="open" on:click=move |_| { if let Some(i) = file_input.get_untracked() { i.click() } }>
                        "Open file…"
                    </button>
                    <input node_ref=file_input type="file" hidden data-testid="file"
                        accept=".txt,.text,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html"
                        on:change=on_file />
                    <button class="btn" data-testid="sample" on:click=move |_| page.load(SAMPLE.to_string(), Mode::Text, Vec::new())>
                        "Try the sample"
                    </button>
            </div>
            {large}
            <div class="editor">
                <div class="backdrop" node_ref=backdrop aria-hidden="true">
                    {move || marked.get().map(|(before, mark, after)| view! {
                        <div class="backdrop-text">{before}<mark>{mark}</mark>{after}</div>
                    })}
                </div>
                <label for="input" class="visually-hidden">"Article text"</label>
                <textarea
                    id="input"
                    node_ref=textarea
                    data-testid="input"
                    class:highlighting=move || marked.with(Option::is_some)
                    spellcheck="false"
                    readonly=move || page.large.with(Option::is_some)
                    aria-describedby="input-help counts"
                    placeholder="Paste an article here: text copied from a news page, a blog, a PDF or Markdown. Or drop a file."
                    on:input=on_input
                    on:paste=on_paste
                    on:scroll=on_scroll
                >
                    {page.text()}
                </textarea>
                <div class="drop-hint" aria-hidden="true">"Drop the file to open it"</div>
            </div>
            {foot}
            <p id="input-help" class="help">"The article updates as you type. Click any part of it to see where it came from."</p>
            <label class="check">
                <input type="checkbox" data-testid="use-formatting"
                    prop:checked=move || page.settings.with(|s| s.use_formatting)
                    on:change=move |ev| page.settings.update(|s| s.use_formatting = event_target_checked(&ev)) />
                "Use formatting from the clipboard"
            </label>
        </section>
    }
}
