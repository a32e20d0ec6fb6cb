//! Export: copy as Markdown or plain text, download `.md`, `.json` (schema 1) or a standalone
//! `.html`, all through the core's renderers, of the article as shown (restored items included);
//! and print (the print stylesheet shows the article alone).

use leptos::prelude::*;

use super::{dom, Page};
use crate::view_model;
use crate::{render, Format};

/// The export panel.
#[component]
pub fn ExportPanel() -> impl IntoView {
    let page = expect_context::<Page>();
    let rendered = move |format: Format| page.shown.with_untracked(|a| render(a, format));
    let stem = move || page.shown.with_untracked(|a| view_model::file_stem(a.title.as_ref().map(|t| t.text.as_str())));
    let copy = move |format: Format, what: &'static str| {
        let text = rendered(format);
        leptos::task::spawn_local(async move {
            match dom::copy_text(&text).await {
                Ok(()) => page.notify(format!("Copied the article as {what}."), false, false),
                Err(e) => {
                    page.notify(format!("The clipboard refused the text ({e}). Try a download instead."), false, true)
                }
            }
        });
    };
    let download = move |format: Format, ext: &'static str, mime: &'static str| {
        let name = format!("{}.{ext}", stem());
        match dom::download(&name, mime, &rendered(format)) {
            Ok(()) => page.notify(format!("Downloaded {name}."), false, false),
            Err(e) => page.notify(format!("The download failed: {e}"), false, true),
        }
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <section class="card export-panel" aria-labelledby="export-heading" data-testid="export">
            <h2 id="export-heading">"Export"</h2>
            <div class="button-row">
                <button class="btn" data-testid="copy-markdown" on:click=move |_| copy(Format::Markdown, "Markdown")>"Copy Markdown"</button>
                <button class="btn" data-testid="copy-text" on:click=move |_| copy(Format::Text, "plain text")>"Copy text"</button>
                <button class="btn" data-testid="print" on:click=print>"Print"</button>
            </div>
            <div class="button-row">
                <span class="row-label" aria-hidden="true">"Download"</span>
                <button class="btn" data-testid="download-md" aria-label="Download .md" on:click=move |_| download(Format::Markdown, "md", "text/markdown;charset=utf-8")>".md"</button>
                <button class="btn" data-testid="download-json" aria-label="Download .json" on:click=move |_| download(Format::Json, "json", "application/json")>".json"</button>
                <button class="btn" data-testid="download-html" aria-label="Download .html" on:click=move |_| download(Format::Html, "html", "text/html;charset=utf-8")>".html"</button>
            </div>
        </section>
    }
}
