//! The Leptos page: an input pane and the structured article. A thin shell around `structure()`.

use leptos::prelude::*;

use crate::{structure, Article, BlockKind, Options};

/// The built-in demo article.
pub const SAMPLE: &str = include_str!("../../assets/sample.txt");

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let (input, set_input) = signal(String::new());
    let article = Memo::new(move |_| structure(&input.get(), &Options::default()));
    view! {
        <header class="topbar"><h1>"Article Structurer"</h1></header>
        <main class="panes">
            <section class="pane input-pane" aria-label="Input">
                <div class="toolbar">
                    <button data-testid="sample" on:click=move |_| set_input.set(SAMPLE.to_string())>"Try the sample"</button>
                </div>
                <textarea
                    data-testid="input"
                    aria-label="Pasted article"
                    placeholder="Paste an article here"
                    prop:value=move || input.get()
                    on:input=move |ev| set_input.set(event_target_value(&ev))
                ></textarea>
            </section>
            <section class="pane output-pane" aria-label="Structured article">
                <ArticleView article=article />
            </section>
        </main>
    }
}

/// Renders an [`Article`] as text (never as HTML).
#[component]
pub fn ArticleView(
    /// The article to show.
    #[prop(into)]
    article: Signal<Article>,
) -> impl IntoView {
    move || {
        let a = article.get();
        let title = a.title.map(|t| view! { <h1 data-testid="title">{t.text}</h1> });
        let sections = a
            .sections
            .into_iter()
            .map(|s| {
                let heading = s.heading.map(|h| view! { <h2 data-testid="section-heading">{h.text}</h2> });
                let blocks = s
                    .blocks
                    .into_iter()
                    .map(|b| match b.kind {
                        BlockKind::Caption => view! { <p class="caption">{b.text}</p> }.into_any(),
                        _ => view! { <p>{b.text}</p> }.into_any(),
                    })
                    .collect_view();
                view! { <section>{heading}{blocks}</section> }
            })
            .collect_view();
        view! { <article data-testid="article">{title}{sections}</article> }
    }
}
