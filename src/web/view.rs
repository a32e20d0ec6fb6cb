//! The element's view: the summary card and the page's own [`ArticleView`], inside a themed box.
//! Text only: every string from the article reaches the DOM as a text node.

use leptos::prelude::*;

use super::element::{Mode, Theme};
use crate::app::ArticleView;
use crate::Article;

pub(super) fn widget_view(
    article: ArcRwSignal<Article>,
    mode: ArcRwSignal<Mode>,
    theme: ArcRwSignal<Theme>,
) -> impl IntoView {
    let article: Signal<Article> = article.into();
    let class = move || format!("widget {}", theme.get().as_str());
    view! {
        <div class=class part="widget">
            {move || {
                let empty = {
                    let a = article.read();
                    a.title.is_none() && a.sections.is_empty()
                };
                if empty {
                    return view! { <p class="empty">"No article to show yet."</p> }.into_any();
                }
                match mode.get() {
                    Mode::Full => view! { <SummaryCard article=article /> <ArticleView article=article /> }.into_any(),
                    Mode::Article => view! { <ArticleView article=article /> }.into_any(),
                    Mode::Summary => {
                        let title = move || article.read().title.as_ref().map(|t| t.text.clone());
                        view! { <h1 class="title">{title}</h1> <SummaryCard article=article /> }.into_any()
                    }
                }
            }}
        </div>
    }
}

/// Reading time, language, keyphrases and the summary sentences.
#[component]
fn SummaryCard(article: Signal<Article>) -> impl IntoView {
    move || {
        let a = article.get();
        let minutes = a.stats.reading_minutes.ceil().max(1.0) as u64;
        let mut meta = format!("{minutes} min read · {} words · language: {}", a.stats.words, a.language);
        if let Some(t) = &a.page_type {
            meta.push_str(&format!(" · {}", crate::view_model::page_type_name(t)));
        }
        let sentences = a.summary.sentences.into_iter().map(|s| view! { <li>{s.text}</li> }).collect_view();
        let keywords = a.summary.keywords.into_iter().map(|k| view! { <li>{k}</li> }).collect_view();
        view! {
            <aside class="summary" aria-label="Summary">
                <p class="meta">{meta}</p>
                <ul class="keywords" aria-label="Keyphrases">{keywords}</ul>
                <ul class="sentences">{sentences}</ul>
            </aside>
        }
    }
}
