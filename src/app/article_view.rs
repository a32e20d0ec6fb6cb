//! `ArticleView`: an [`Article`] as a page of text. Reusable (the page and the widget mount it):
//! everything it needs comes in through props. Pasted content reaches the DOM only as text nodes.
//!
//! The body is a keyed list of rows ([`view_model::rows`]): when the article changes, only the rows
//! whose content changed are rebuilt, so typing into a long article does not redraw all of it.

use leptos::prelude::*;

use super::dom::lines_attr;
use crate::view_model::{self, Lines, RestoreKey, Row, RowKind};
use crate::{Article, BlockKind, Callout};

/// A heading element of level `level` (clamped to 1..=6) with the given text and attributes. One
/// element type for every level (`custom`), which keeps the wasm small.
fn heading(
    level: u8,
    text: String,
    id: Option<String>,
    class: &'static str,
    testid: Option<&'static str>,
) -> impl IntoView {
    const TAGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];
    leptos::html::custom(TAGS[usize::from(level.clamp(1, 6)) - 1])
        .attr("id", id)
        .attr("class", class)
        .attr("data-testid", testid)
        .child(text)
}

/// Renders an [`Article`]: title, byline and date, key points, a table of contents (three or more
/// headed sections), the body (headings, paragraphs, lists, captions as figure captions, quotes,
/// code, tables) and the takeaways. Each block carries `data-lines` (its input lines) and, on hover
/// or focus, shows them; with `on_source`, blocks take focus, and clicking one (or Enter) calls it.
#[component]
pub fn ArticleView(
    /// The article to show.
    #[prop(into)]
    article: Signal<Article>,
    /// Keys of removed items the reader restored: those blocks are marked as restored.
    #[prop(optional, into)]
    restored: Option<Signal<Vec<RestoreKey>>>,
    /// Called with a block's input lines when the reader clicks it or presses Enter on it.
    #[prop(optional, into)]
    on_source: Option<Callback<Lines>>,
    /// The lines currently highlighted in the input: that block is marked too.
    #[prop(optional, into)]
    active: Option<Signal<Option<Lines>>>,
    /// The heading level of the title: 1 when the article is the document (the default), 2 when
    /// the host page has its own `<h1>`. Section headings follow from it.
    #[prop(default = 1)]
    title_level: u8,
) -> impl IntoView {
    let offset = title_level.clamp(1, 5) - 1;
    // How many rows of the body are shown: a very long article (a 10 MB paste is some 25,000 rows)
    // shows its first [`FIRST_ROWS`] until the reader asks for all of it, since the browser takes
    // seconds to lay out all of them, and the page would not answer meanwhile (issue 8, measured).
    let limit = RwSignal::new(FIRST_ROWS);

    let row_view = move |row: Row| {
        let lines = row.lines;
        let is_active = move || active.is_some_and(|a| a.get() == Some(lines));
        let select = move || {
            if let Some(cb) = on_source {
                cb.run(lines);
            }
        };
        let on_key = move |ev: leptos::ev::KeyboardEvent| {
            if ev.key() == "Enter" && ev.target() == ev.current_target() {
                ev.prevent_default();
                select();
            }
        };
        let src = view_model::lines_label(lines);
        let data_lines = lines_attr(lines);
        match row.kind {
            RowKind::Heading(level) => {
                let id = Some(view_model::section_id(row.section));
                view! {
                    <div class="heading-wrap" data-lines=data_lines data-src=src tabindex="-1">
                        {heading(level + offset, row.text, id, "section-heading", Some("section-heading"))}
                    </div>
                }
                .into_any()
            }
            RowKind::Block(kind) => {
                // The element that carries the block's attributes, and what goes inside it: one element
                // type for all kinds (`custom`) and three kinds of content.
                let (tag, class) = match kind {
                    BlockKind::Paragraph => ("div", "block paragraph"),
                    BlockKind::List => ("div", "block list"),
                    BlockKind::Caption => ("figure", "block caption"),
                    BlockKind::Quote => ("blockquote", "block quote"),
                    BlockKind::Code => ("pre", "block code"),
                    BlockKind::Table => ("div", "block table"),
                };
                let restored = row.restored;
                let tag_view = restored.then(|| view! { <span class="tag">"Restored"</span> });
                let body = match kind {
                    BlockKind::List => {
                        let items = row.items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view();
                        view! { <ul>{items}</ul> }.into_any()
                    }
                    BlockKind::Table => {
                        let rows = row
                            .items
                            .into_iter()
                            .map(|r| {
                                let cells = r.split('\t').map(|c| view! { <td>{c.to_string()}</td> }).collect_view();
                                view! { <tr>{cells}</tr> }
                            })
                            .collect_view();
                        view! { <table><tbody>{rows}</tbody></table> }.into_any()
                    }
                    _ => {
                        let inner = match kind {
                            BlockKind::Caption => "figcaption",
                            BlockKind::Code => "code",
                            _ => "p",
                        };
                        leptos::html::custom(inner).child((tag_view, row.text)).into_any()
                    }
                };
                leptos::html::custom(tag)
                    .attr("class", class)
                    .class(("restored", restored))
                    .class(("active", is_active))
                    .attr("data-lines", data_lines)
                    .attr("data-src", src)
                    .attr("tabindex", on_source.is_some().then_some("0"))
                    .on(leptos::ev::click, move |_| select())
                    .on(leptos::ev::keydown, on_key)
                    .child(body)
                    .into_any()
            }
        }
    };

    // One reactive closure for the whole article (fewer closures keep the wasm small). When the
    // article changes, tachys rebuilds the tree in place: elements stay, only changed text and
    // attributes are written, so typing into a long article does not recreate its DOM.
    move || {
        let keys = restored.map(|r| r.get()).unwrap_or_default();
        article.with(|a| {
            let title = a.title.as_ref().map(|t| {
                let level = title_level.clamp(1, 6);
                view! { <div class="title-wrap" data-lines=lines_attr(t.lines)>{heading(level, t.text.clone(), None, "title", Some("title"))}</div> }
            });
            let meta: Vec<_> = [(&a.byline, "byline"), (&a.published, "published")]
                .into_iter()
                .filter_map(|(s, class)| s.as_ref().map(|s| (s.text.clone(), s.lines, class)))
                .map(|(text, lines, class)| view! { <span class=class data-lines=lines_attr(lines)>{text}</span> })
                .collect();
            let meta = (!meta.is_empty()).then(|| view! { <p class="meta">{meta}</p> });
            let key_points = a.key_points.clone().map(|c| callout(c, "key-points", "Key points", offset + 2));
            let mut rows = view_model::rows(a, &keys);
            let total = rows.len();
            rows.truncate(limit.get());
            let last_section = rows.last().map_or(0, |r| r.section);
            let mut entries = view_model::toc(a);
            if rows.len() < total {
                entries.retain(|e| e.section <= last_section);
            }
            let contents = (!entries.is_empty()).then(|| {
                let level = (offset + 2).min(6);
                let items = entries
                    .into_iter()
                    .map(|e| {
                        let href = format!("#{}", view_model::section_id(e.section));
                        let class = format!("toc-entry toc-level-{}", e.level);
                        let gist = e.gist.map(|g| view! { <p class="gist">{g}</p> });
                        view! { <li class=class><a href=href>{e.heading}</a>{gist}</li> }
                    })
                    .collect_view();
                view! {
                    <nav class="toc" aria-labelledby="toc-heading">
                        {heading(level, "Contents".to_string(), Some("toc-heading".to_string()), "box-label", None)}
                        <ol>{items}</ol>
                    </nav>
                }
            });
            let more = (rows.len() < total).then(|| {
                let text = format!(
                    "This article is long: the first {} of its {} parts are shown.",
                    view_model::thousands(rows.len()),
                    view_model::thousands(total)
                );
                view! {
                    <div class="article-more" data-testid="article-more">
                        <p>{text}</p>
                        <button class="btn" data-testid="show-whole-article" on:click=move |_| limit.set(usize::MAX)>
                            "Show all of it"
                        </button>
                    </div>
                }
            });
            let body = rows.into_iter().map(row_view).collect_view();
            let takeaways = a.takeaways.clone().map(|c| callout(c, "takeaways", "Key takeaways", offset + 2));
            let lang = (a.language != "und").then(|| a.language.clone());
            view! {
                <article data-testid="article" class="article" lang=lang>
                    <header class="article-head">{title}{meta}</header>
                    {key_points}
                    {contents}
                    <div class="body">{body}</div>
                    {more}
                    {takeaways}
                </article>
            }
        })
    }
}

/// The rows of the body shown at first (headings and blocks): far more than any ordinary article has.
pub const FIRST_ROWS: usize = 1000;

/// A key-points or takeaways box: its label as a heading, then the list.
fn callout(c: Callout, class: &'static str, fallback: &'static str, level: u8) -> impl IntoView {
    let label = c.label.as_ref().map(|l| l.text.clone()).unwrap_or_else(|| fallback.to_string());
    let label_lines = c.label.as_ref().map(|l| lines_attr(l.lines));
    let items = c.items.into_iter().map(|i| view! { <li data-lines=lines_attr(i.lines)>{i.text}</li> }).collect_view();
    view! {
        <section class=format!("callout {class}") data-testid=class>
            <div data-lines=label_lines>{heading(level.min(6), label, None, "box-label", None)}</div>
            <ul>{items}</ul>
        </section>
    }
}
