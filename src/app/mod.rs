//! The Leptos page: paste an article, read it structured, see what was removed, export it.
//!
//! A thin shell around `structure()` and `render()`: the state lives in one [`Page`] (signals, in
//! context); the components are small views over it; the logic that needs no browser is in
//! [`crate::view_model`] and tested natively.
//!
//! | module | what |
//! |---|---|
//! | `mod.rs` | [`App`], [`Page`] (state and actions), header, notices, footer |
//! | `input_pane` | the text box: paste, type, drop or open a file, sample, clear and undo, counts |
//! | `article_view` | [`ArticleView`], the reusable article component |
//! | `summary_card` | summary sentences and their count, keyphrases, reading time, language, timing |
//! | `removed_panel` | the removed items by reason, with restore |
//! | `export` | copy and download through the core's renderers, print |
//! | `engine` | runs and times the core on the page (plain text) |
//! | `worker` | HTML input and long texts in a Web Worker, through the widget's module |
//! | `storage` | localStorage, failures turned into messages |
//! | `crash` | the panic hook: an error with "Reload", the draft kept |
//! | `dom` | browser helpers |

mod article_view;
pub mod crash;
pub mod dom;
mod engine;
mod export;
mod input_pane;
mod removed_panel;
pub(crate) mod storage;
mod summary_card;
pub mod worker;

use leptos::html::Textarea;
use leptos::prelude::*;

pub use article_view::ArticleView;

use crate::view_model::{self, apply_restores, Lines, RestoreKey, Settings, Theme};
use crate::Article;

/// The built-in demo article.
pub const SAMPLE: &str = include_str!("../../assets/sample.txt");

/// Milliseconds of quiet typing before the page structures a slow text again.
pub const DEBOUNCE_MS: u64 = 150;

/// A text whose last structuring took less than this many milliseconds is structured again at once
/// on each keystroke (in the next task, so that one burst of input events is one run): the view
/// follows the typing with no pause. Slower texts wait for [`DEBOUNCE_MS`] of quiet.
pub const INSTANT_MS: f64 = 25.0;

/// The longest text the page structures, in bytes (UTF-8): the core's own cut-off
/// (`Options::max_input_bytes`, 16 MiB). A longer text is kept in the box and saved, and the page
/// says plainly that it does not structure it (rather than structure a part of it unasked).
pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;

/// A text longer than this (bytes) is in "large text" mode: the box shows only its first
/// [`PREVIEW_BYTES`] (cut at a line end), read-only, and the page keeps the whole text aside (the
/// browser takes seconds to lay out megabytes in a text box, and no page code runs meanwhile).
pub const LARGE_TEXT_BYTES: usize = 1_000_000;

/// The size of the large text mode's preview, in bytes.
pub const PREVIEW_BYTES: usize = 100 * 1024;

/// The first [`PREVIEW_BYTES`] of `text`, cut at a line end (or at a character when the part has none).
pub fn preview(text: &str) -> &str {
    let mut end = PREVIEW_BYTES.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let part = &text[..end];
    part.rfind('\n').map_or(part, |i| &part[..i])
}

/// How the text in the box is read.
#[derive(Clone, Debug, PartialEq)]
pub enum Mode {
    /// Plain text or Markdown.
    Text,
    /// The box holds an HTML document's source (an opened `.html` file).
    Html,
    /// The box holds a paste's plain text; the core reads the HTML that came with it, until the
    /// reader edits the text.
    Clipboard(String),
}

impl Mode {
    fn name(&self) -> &'static str {
        match self {
            Mode::Text => "text",
            Mode::Html => "html",
            Mode::Clipboard(_) => "clipboard",
        }
    }
}

/// A short message at the bottom of the page.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// The message.
    pub text: String,
    /// Whether an "Undo" button (undo Clear) goes with it.
    pub undo: bool,
    /// An error rather than news.
    pub error: bool,
    id: u64,
}

/// Facts about the last structuring (one signal, not four: each signal type costs wasm).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Run {
    /// Time `structure()` took, in ms.
    pub ms: f64,
    /// Words in the text box.
    pub words: usize,
    /// Characters in the text box.
    pub chars: usize,
    /// How many times the page has structured its text (the benchmark and tests wait on it).
    pub generation: u64,
}

/// What Clear keeps so that Undo can bring it back.
#[derive(Clone)]
struct Cleared {
    text: String,
    mode: Mode,
    restored: Vec<RestoreKey>,
}

/// The page's state and actions, shared through context. `Copy`: every field is a handle.
#[derive(Clone, Copy)]
pub struct Page {
    /// The core's article for the current text.
    pub article: RwSignal<Article>,
    /// The removed items the reader restored.
    pub restored: RwSignal<Vec<RestoreKey>>,
    /// The article as shown and exported: `article` with the restored items put back.
    pub shown: Memo<Article>,
    /// The reader's settings.
    pub settings: RwSignal<Settings>,
    /// Facts about the last structuring.
    pub run: RwSignal<Run>,
    /// The reader typed and the page has not structured the text yet.
    pub pending: RwSignal<bool>,
    /// How the text is read.
    pub mode: RwSignal<Mode>,
    /// Input lines highlighted in the text box.
    pub highlight: RwSignal<Option<Lines>>,
    /// The message shown at the bottom, if any.
    pub notice: RwSignal<Option<Notice>>,
    /// The last storage failure, until a later save of the draft succeeds.
    pub storage_error: RwSignal<Option<String>>,
    /// The size in bytes of a text over [`MAX_TEXT_BYTES`], which the page keeps but does not structure.
    pub too_long: RwSignal<Option<usize>>,
    /// Large text mode: the preview's and the whole text's sizes in bytes, while the box holds only
    /// the preview (read-only) and `text` holds the whole text.
    pub large: RwSignal<Option<(usize, usize)>>,
    /// The text that was last structured (the text box's value then).
    text: StoredValue<String>,
    /// Numbers the structuring requests, so that a late answer never overwrites a newer one.
    job: StoredValue<u64>,
    cleared: StoredValue<Option<Cleared>>,
    /// The text box.
    pub textarea: NodeRef<Textarea>,
}

impl Page {
    /// Reads the settings, the draft and the restored items from storage and structures the draft.
    fn new() -> Page {
        let storage_error = RwSignal::new(None);
        let load = |key: &str| match storage::get(key) {
            Ok(v) => v,
            Err(e) => {
                storage_error.set(Some(storage_message(&e)));
                None
            }
        };
        let settings = Settings::decode(&load(storage::SETTINGS).unwrap_or_default());
        let draft = load(storage::DRAFT).unwrap_or_default();
        let mode = match load(storage::DRAFT_MODE).as_deref() {
            Some("html") => Mode::Html,
            Some("clipboard") => match load(storage::DRAFT_HTML) {
                Some(html) => Mode::Clipboard(html),
                None => Mode::Text,
            },
            _ => Mode::Text,
        };
        let restored = view_model::decode_restore_keys(&load(storage::RESTORED).unwrap_or_default());

        let article = RwSignal::new(Article::empty());
        let restored = RwSignal::new(restored);
        // Never compared (every change of its inputs is a change of the article): no `PartialEq` code.
        let shown =
            Memo::new_with_compare(move |_| article.with(|a| restored.with(|r| apply_restores(a, r))), |_, _| true);
        let page = Page {
            article,
            restored,
            shown,
            settings: RwSignal::new(settings),
            run: RwSignal::new(Run::default()),
            pending: RwSignal::new(false),
            mode: RwSignal::new(Mode::Text),
            highlight: RwSignal::new(None),
            notice: RwSignal::new(None),
            storage_error,
            too_long: RwSignal::new(None),
            large: RwSignal::new(None),
            text: StoredValue::new(String::new()),
            job: StoredValue::new(0),
            cleared: StoredValue::new(None),
            textarea: NodeRef::new(),
        };
        let long_draft = load(storage::DRAFT_STORE).is_some();
        if long_draft {
            // A long draft is in IndexedDB: it comes back asynchronously, into the box and the article.
            let crashed = crash::take_crash_note();
            leptos::task::spawn_local(async move {
                match storage::load_long_draft().await {
                    Ok(Some(text)) if crashed => {
                        page.load_text_only(text);
                        page.notify(CRASHED_NOTE, false, true);
                    }
                    Ok(Some(text)) => page.load(text, mode, page.restored.get_untracked()),
                    Ok(None) => {}
                    Err(e) => page.storage_error.set(Some(storage_message(&e))),
                }
            });
        } else if !draft.is_empty() {
            if crash::take_crash_note() {
                // The page stopped while structuring this draft: show it, but do not structure it
                // again until the reader edits it or asks (no crash loop).
                page.text.set_value(draft);
                page.notify(CRASHED_NOTE, false, true);
            } else {
                page.structure_text(draft, mode);
            }
        }
        page
    }

    /// The text last structured.
    pub fn text(&self) -> String {
        self.text.get_value()
    }

    /// Puts `text` in the box without structuring it (a draft the page stopped on last time).
    fn load_text_only(&self, text: String) {
        self.job.set_value(self.job.get_value() + 1);
        self.fill_box(&text);
        self.text.set_value(text);
    }

    /// Puts `text` in the box, or only its preview (large text mode) when it is over [`LARGE_TEXT_BYTES`].
    fn fill_box(&self, text: &str) {
        let shown = if text.len() > LARGE_TEXT_BYTES { preview(text) } else { text };
        if let Some(t) = self.textarea.get_untracked() {
            t.set_value(shown);
        }
        self.large.set((shown.len() < text.len()).then_some((shown.len(), text.len())));
    }

    /// Leaves large text mode: the whole text goes into the box, to be edited.
    pub fn edit_whole(&self) {
        if let Some(t) = self.textarea.get_untracked() {
            t.set_value(&self.text());
        }
        self.large.set(None);
        self.notify("The whole text is in the box: the browser may take a few seconds to lay it out.", false, false);
    }

    /// Structures `text` read as `mode` and saves it as the draft. Short plain text is structured at
    /// once, on the page; HTML and long texts go to the worker (asynchronous; on failure the page
    /// structures the plain text itself, and for HTML a notice says why). A result that arrives after
    /// a newer request is dropped.
    ///
    /// A long text is never copied whole on the page: it moves into [`Page::text`], and its bytes
    /// go to the worker and to the draft store as one Blob ([`storage::text_blob`]).
    pub fn structure_text(&self, text: String, mode: Mode) {
        let job = self.job.get_value() + 1;
        self.job.set_value(job);
        let summary = self.settings.with_untracked(|s| s.summary_sentences);
        if text.len() > MAX_TEXT_BYTES {
            // Kept (in the box and in storage), not structured: the reading pane says why, in place
            // of an article that would no longer match the text.
            self.save_draft(&text, &mode, None);
            self.too_long.set(Some(text.len()));
            self.text.set_value(text);
            self.article.set(Article::empty());
            self.pending.set(false);
            return;
        }
        if self.too_long.with_untracked(Option::is_some) {
            self.too_long.set(None);
        }
        // Whether the worker reads the text itself (long plain text, an HTML document); a paste with
        // formatting sends the HTML that came with it instead.
        let reads_text = match mode {
            Mode::Text => text.len() >= worker::MIN_BYTES,
            Mode::Html => true,
            Mode::Clipboard(_) => false,
        };
        let text_blob = (reads_text || text.len() > storage::LOCAL_DRAFT_MAX).then(|| storage::text_blob(&text));
        self.save_draft(&text, &mode, text_blob.clone());
        let (input, html) = match &mode {
            Mode::Clipboard(html) => (Some(storage::text_blob(html)), true),
            Mode::Html => (text_blob, true),
            Mode::Text => (text_blob.filter(|_| reads_text), false),
        };
        // The worker counts the text when it is the text it structures (a long one).
        let count = reads_text && text.len() >= worker::MIN_BYTES;
        let Some(input) = input else {
            let counts = view_model::counts(&text);
            let outcome = engine::run_text(&text, summary);
            self.text.set_value(text);
            self.mode.set(mode);
            self.apply(job, counts, outcome);
            return;
        };
        self.text.set_value(text);
        self.mode.set(mode);
        self.pending.set(true);
        let page = *self;
        leptos::task::spawn_local(async move {
            let answer = match input {
                Ok(blob) => worker::run(&blob, html, summary, count).await,
                Err(e) => Err(e),
            };
            if page.job.get_value() != job {
                return;
            }
            // `page.text` is still the text of this request (every request is a new job).
            let (outcome, counts) = match answer {
                Ok(a) => (a.outcome, a.counts),
                Err(e) => {
                    if html {
                        page.notify(
                            format!("The formatting could not be read ({e}), so the plain text is used."),
                            false,
                            true,
                        );
                        page.mode.set(Mode::Text);
                        page.text.with_value(|t| page.save_draft(t, &Mode::Text, None));
                    }
                    (page.text.with_value(|t| engine::run_text(t, summary)), None)
                }
            };
            // The answer was read in this task; the page shows it in the next one, so that a click
            // made meanwhile is answered between the two rather than after both.
            dom::next_task().await;
            if page.job.get_value() != job {
                return;
            }
            let counts = counts.unwrap_or_else(|| page.text.with_value(|t| view_model::counts(t)));
            page.apply(job, counts, outcome);
        });
    }

    /// Shows the outcome of request `job`, unless a newer one was made since.
    fn apply(&self, job: u64, (words, chars): (usize, usize), outcome: engine::Outcome) {
        if self.job.get_value() != job {
            return;
        }
        let generation = self.run.with_untracked(|r| r.generation) + 1;
        self.run.set(Run { ms: outcome.ms, words, chars, generation });
        self.article.set(outcome.article);
        self.pending.set(false);
    }

    /// Structures the last text again (after a settings change).
    pub fn restructure(&self) {
        self.structure_text(self.text(), self.mode.get_untracked());
    }

    /// Replaces the whole text (sample, file, undo): new text, so no restored items carry over.
    pub fn load(&self, text: String, mode: Mode, restored: Vec<RestoreKey>) {
        self.fill_box(&text);
        self.highlight.set(None);
        self.restored.set(restored);
        self.structure_text(text, mode);
    }

    /// Empties the text box, keeping what was there for Undo.
    pub fn clear(&self) {
        let text = match self.textarea.get_untracked() {
            Some(t) if self.large.with_untracked(Option::is_none) => t.value(),
            _ => self.text(),
        };
        if text.is_empty() {
            return;
        }
        self.cleared.set_value(Some(Cleared {
            text,
            mode: self.mode.get_untracked(),
            restored: self.restored.get_untracked(),
        }));
        self.load(String::new(), Mode::Text, Vec::new());
        self.notify("Cleared the text.", true, false);
        if let Some(t) = self.textarea.get_untracked() {
            let _ = t.focus();
        }
    }

    /// Brings back what Clear removed.
    pub fn undo_clear(&self) {
        if let Some(c) = self.cleared.get_value() {
            self.cleared.set_value(None);
            self.load(c.text, c.mode, c.restored);
            self.notify("Restored the text.", false, false);
        }
    }

    /// Shows a message for a few seconds.
    pub fn notify(&self, text: impl Into<String>, undo: bool, error: bool) {
        let id = self.notice.with_untracked(|n| n.as_ref().map_or(0, |n| n.id)) + 1;
        self.notice.set(Some(Notice { text: text.into(), undo, error, id }));
        let notice = self.notice;
        let secs = if undo || error { 10 } else { 4 };
        set_timeout(
            move || {
                if notice.with_untracked(|n| n.as_ref().is_some_and(|n| n.id == id)) {
                    notice.set(None);
                }
            },
            std::time::Duration::from_secs(secs),
        );
    }

    /// Marks the removed item with `key` restored, or no longer restored.
    pub fn set_restored(&self, key: RestoreKey, on: bool) {
        self.restored.update(|r| {
            r.retain(|k| *k != key);
            if on {
                r.push(key);
            }
        });
    }

    /// Saves the draft: in localStorage, or, when long, in IndexedDB as `blob` (the text's Blob, made
    /// here when not given).
    fn save_draft(&self, text: &str, mode: &Mode, blob: Option<Result<web_sys::Blob, String>>) {
        // A long draft goes to IndexedDB (localStorage is too small for it), and so does nothing
        // else: the HTML that came with a long paste is not kept, so the draft is read as text.
        let long = text.len() > storage::LOCAL_DRAFT_MAX
            || matches!(mode, Mode::Clipboard(html) if html.len() > storage::LOCAL_DRAFT_MAX);
        let mode = match mode {
            Mode::Clipboard(_) if long => &Mode::Text,
            m => m,
        };
        let was_long = matches!(storage::get(storage::DRAFT_STORE), Ok(Some(_)));
        let mut result = if long {
            storage::remove(storage::DRAFT).and_then(|_| storage::set(storage::DRAFT_STORE, "indexeddb"))
        } else {
            storage::set(storage::DRAFT, text).and_then(|_| storage::remove(storage::DRAFT_STORE))
        }
        .and_then(|_| storage::set(storage::DRAFT_MODE, mode.name()));
        if result.is_ok() {
            result = match mode {
                Mode::Clipboard(html) => storage::set(storage::DRAFT_HTML, html),
                _ => storage::remove(storage::DRAFT_HTML),
            };
        }
        if long || was_long {
            let page = *self;
            let blob = long.then(|| blob.unwrap_or_else(|| storage::text_blob(text)));
            leptos::task::spawn_local(async move {
                let saved = match blob {
                    Some(Ok(b)) => storage::save_long_draft(&b).await,
                    Some(Err(e)) => Err(e),
                    None => storage::clear_long_draft().await,
                };
                if let Err(e) = saved {
                    page.storage_error.set(Some(storage_message(&e)));
                }
            });
        }
        match result {
            Ok(()) => {
                if self.storage_error.with_untracked(Option::is_some) {
                    self.storage_error.set(None);
                }
            }
            Err(e) => {
                let _ = storage::remove(storage::DRAFT);
                self.storage_error.set(Some(storage_message(&e)));
            }
        }
    }
}

/// What the page says after a reload when it stopped (panicked) on the draft last time.
const CRASHED_NOTE: &str =
    "The page stopped while structuring this text last time. It is kept in the box: edit it to try again.";

/// What the page says when localStorage fails.
fn storage_message(error: &str) -> String {
    format!(
        "Your draft, restored items and settings cannot be saved in this browser ({error}). \
         The page still works, but they will not survive a reload."
    )
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let page = Page::new();
    provide_context(page);

    Effect::new(move |_| dom::apply_theme(page.settings.with(|s| s.theme)));
    Effect::new(move |first: Option<()>| {
        let json = page.settings.with(Settings::encode);
        if first.is_some() {
            if let Err(e) = storage::set(storage::SETTINGS, &json) {
                page.storage_error.set(Some(storage_message(&e)));
            }
        }
    });
    Effect::new(move |first: Option<()>| {
        let json = page.restored.with(|r| view_model::encode_restore_keys(r));
        if first.is_some() {
            if let Err(e) = storage::set(storage::RESTORED, &json) {
                page.storage_error.set(Some(storage_message(&e)));
            }
        }
    });

    let has_article = Memo::new(move |_| page.shown.with(|a| a.title.is_some() || !a.sections.is_empty()));
    let on_source = Callback::new(move |lines: Lines| page.highlight.set(Some(lines)));

    view! {
        <a class="skip-link" href="#reader">"Skip to the article"</a>
        <header class="topbar">
            <div class="brand">
                <svg class="logo" viewBox="0 0 24 24" aria-hidden="true" width="24" height="24">
                    <path d="M5 4h14M5 9h9M5 14h14M5 19h9" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round"/>
                </svg>
                <h1>"Article Structurer"</h1>
            </div>
            <p class="tagline">"Paste a messy article, read a clean one. Everything stays on your machine."</p>
            <ThemeSwitch/>
        </header>
        <main
            class="layout"
            data-generation=move || page.run.with(|r| r.generation)
            data-pending=move || page.pending.get().then_some("true")
        >
            <input_pane::InputPane/>
            // Shown or hidden, never mounted and unmounted: `hidden` costs the wasm less than `<Show>`.
            <section id="reader" class="reader" aria-label="Structured article" tabindex="-1">
                <div hidden=move || !has_article.get()>
                    <ArticleView
                        article=page.shown
                        restored=page.restored
                        on_source=on_source
                        active=page.highlight
                        title_level=2
                    />
                </div>
                <div hidden=move || has_article.get() || page.too_long.with(Option::is_some)>
                    <EmptyState/>
                </div>
                <TooLong/>
            </section>
            <div class="panels" hidden=move || !has_article.get()>
                <summary_card::SummaryCard/>
                <export::ExportPanel/>
                <removed_panel::RemovedPanel/>
            </div>
        </main>
        <footer class="footer">
            <p>"Runs entirely in your browser: nothing you paste is sent anywhere."</p>
        </footer>
        <NoticeBar/>
    }
}

/// What the reading pane shows before there is an article.
#[component]
fn EmptyState() -> impl IntoView {
    let page = expect_context::<Page>();
    view! {
        <div class="empty">
            <h2>"Your article will appear here"</h2>
            <p class="lede">"Paste an article into the text box, or drop a file on it."</p>
            <ol class="steps">
                <li><strong>"Paste anything"</strong>"Text copied from a news page, a blog or a PDF, Markdown, or an .html file."</li>
                <li><strong>"Read it clean"</strong>"The title, the key points, each section under its heading, and a short summary."</li>
                <li><strong>"Nothing is lost"</strong>"Every line left out is listed with its reason, and you can put it back."</li>
            </ol>
            <button class="btn primary" on:click=move |_| page.load(SAMPLE.to_string(), Mode::Text, Vec::new())>
                "Try it with a sample article"
            </button>
        </div>
    }
}

/// What the reading pane shows for a text over [`MAX_TEXT_BYTES`]: that it was kept, not structured.
#[component]
fn TooLong() -> impl IntoView {
    let page = expect_context::<Page>();
    move || {
        page.too_long.get().map(|bytes| {
            let size = format!(
                "This text is {} MB, and the page structures texts of up to {} MB, so it has not structured it.",
                view_model::megabytes(bytes),
                view_model::megabytes(MAX_TEXT_BYTES)
            );
            view! {
                <div class="too-long" role="alert" data-testid="too-long">
                    <h2>"This text is too long to structure here"</h2>
                    <p>{size}</p>
                    <p>"Your text is kept in the box and saved in this browser. Shorten it, or split it into parts \
                        and paste one at a time, to structure it."</p>
                </div>
            }
        })
    }
}

/// Light, dark or the system's theme.
#[component]
fn ThemeSwitch() -> impl IntoView {
    let page = expect_context::<Page>();
    let option = move |theme: Theme, label: &'static str| {
        view! {
            <label class="seg">
                <input
                    type="radio"
                    name="theme"
                    prop:checked=move || page.settings.with(|s| s.theme == theme)
                    on:change=move |_| page.settings.update(|s| s.theme = theme)
                />
                <span>{label}</span>
            </label>
        }
    };
    view! {
        <fieldset class="theme-switch">
            <legend class="visually-hidden">"Theme"</legend>
            {option(Theme::System, "Auto")}
            {option(Theme::Light, "Light")}
            {option(Theme::Dark, "Dark")}
        </fieldset>
    }
}

/// The message bar (a live region, so screen readers announce it).
#[component]
fn NoticeBar() -> impl IntoView {
    let page = expect_context::<Page>();
    view! {
        <div class="notice-region" role="status" aria-live="polite">
            {move || page.notice.get().map(|n| {
                let undo = n.undo.then(|| view! {
                    <button class="btn small" data-testid="undo" on:click=move |_| page.undo_clear()>"Undo"</button>
                });
                view! {
                    <div class="notice" class:error=n.error data-testid="notice">
                        <span>{n.text}</span>
                        {undo}
                        <button class="btn small ghost" aria-label="Dismiss" on:click=move |_| page.notice.set(None)>"×"</button>
                    </div>
                }
            })}
        </div>
    }
}
