//! The summary card: the summary sentences (with a control for how many), keyphrases as chips,
//! reading time, language, word count and how long structuring took.

use leptos::prelude::*;

use super::{dom, Page};
use crate::view_model;

/// The summary card.
#[component]
pub fn SummaryCard() -> impl IntoView {
    let page = expect_context::<Page>();
    let on_count = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        page.settings.update(|s| s.summary_sentences = v.parse::<usize>().ok().map(|n| n.clamp(1, 10)));
        page.restructure();
    };
    let selected = page.settings.with_untracked(|s| s.summary_sentences.map(|n| n.to_string()).unwrap_or_default());
    let choices = std::iter::once(("".to_string(), "Auto".to_string()))
        .chain((1..=10).map(|n| (n.to_string(), n.to_string())))
        .map(|(value, label)| {
            let chosen = value == selected;
            view! { <option value=value selected=chosen>{label}</option> }
        })
        .collect_view();

    // One reactive closure for the card's content (fewer closures keep the wasm small).
    let content = move || {
        let ms = page.run.with(|r| r.ms);
        page.shown.with(|a| {
            let took = if ms < 1.0 { "under 1 ms".to_string() } else { format!("{} ms", ms.round() as u64) };
            let sentences = a
                .summary
                .sentences
                .iter()
                .map(|s| {
                    let lines = s.lines;
                    let reveal = move |_| {
                        if dom::reveal(lines) {
                            page.highlight.set(Some(lines));
                        }
                    };
                    view! { <li><button class="sentence" title="Show in the article" on:click=reveal>{s.text.clone()}</button></li> }
                })
                .collect_view();
            let chips = a.summary.keywords.iter().map(|k| view! { <li class="chip">{k.clone()}</li> }).collect_view();
            view! {
                <dl class="facts">
                    <div><dt>"Reading time"</dt><dd data-testid="reading-time">{view_model::reading_time(a.stats.reading_minutes)}</dd></div>
                    <div><dt>"Language"</dt><dd data-testid="language">{dom::language_name(&a.language)}</dd></div>
                    {a.page_type.clone().map(|t| view! {
                        <div><dt>"Page"</dt><dd data-testid="page-type">{view_model::page_type_name(&t)}</dd></div>
                    })}
                    <div><dt>"Words"</dt><dd>{view_model::thousands(a.stats.words)}</dd></div>
                    <div><dt>"Structured in"</dt><dd data-testid="timing">{took}</dd></div>
                </dl>
                <h3 class="box-label">"Keyphrases"</h3>
                <ul class="chips" data-testid="keyphrases">{chips}</ul>
                <h3 class="box-label">"Key sentences"</h3>
                <ol class="summary-sentences" data-testid="summary-sentences">{sentences}</ol>
            }
        })
    };

    view! {
        <section class="card summary-card" aria-labelledby="summary-heading" data-testid="summary">
            <div class="card-head">
                <h2 id="summary-heading">"Summary"</h2>
                <label class="inline-control">
                    "Sentences"
                    <select data-testid="summary-count" on:change=on_count>{choices}</select>
                </label>
            </div>
            {content}
        </section>
    }
}
