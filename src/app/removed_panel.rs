//! The removed panel: everything the core left out, grouped by reason with counts; each item with
//! its text, its source lines, for copies a link to the kept copy, and "Restore".

use leptos::prelude::*;

use super::{dom, Page};
use crate::view_model::{self, RestoreKey};

/// Items shown per group until the reader asks for all (a page of chrome can have thousands).
const FIRST_ITEMS: usize = 50;

/// The removed panel.
#[component]
pub fn RemovedPanel() -> impl IntoView {
    let page = expect_context::<Page>();
    // Long groups show their first items until the reader asks for all.
    let show_all = RwSignal::new(false);
    // One reactive closure for the panel's content (fewer closures keep the wasm small).
    let content = move || {
        let restored = page.restored.get();
        let limit = if show_all.get() { usize::MAX } else { FIRST_ITEMS };
        page.article.with(|a| {
            let hint = if a.removed.is_empty() {
                "Nothing was left out: every line of the text is in the article."
            } else {
                "Nothing is lost. Restore an item to put it back into the article."
            };
            let groups = view_model::group_removed(&a.removed)
                .into_iter()
                .map(|g| {
                    let (name, about) = view_model::reason_label(g.reason);
                    let count = g.items.len();
                    let items =
                        g.items.iter().take(limit).map(|&i| item(page, &a.removed[i], &restored)).collect_view();
                    let more = (count > limit).then(|| {
                        view! {
                            <button class="btn small more" data-testid="show-all" on:click=move |_| show_all.set(true)>
                                {format!("Show all {count}")}
                            </button>
                        }
                    });
                    view! {
                        <div class="group" data-testid="removed-group" data-reason=g.reason.as_str()>
                            <h3>{name}" "<span class="count">{count}</span></h3>
                            <p class="hint">{about}</p>
                            <ul class="removed-list">{items}</ul>
                            {more}
                        </div>
                    }
                })
                .collect_view();
            view! {
                <div class="card-head">
                    <h2 id="removed-heading">"Removed "<span class="count">{a.removed.len()}</span></h2>
                </div>
                <p class="hint">{hint}</p>
                {groups}
            }
        })
    };
    view! {
        <section class="card removed-panel" aria-labelledby="removed-heading" data-testid="removed">
            {content}
        </section>
    }
}

fn item(page: Page, r: &crate::Removed, restored: &[RestoreKey]) -> impl IntoView {
    let key = RestoreKey::of(r);
    let is_restored = restored.contains(&key);
    let kept = r.duplicate_of.map(|lines| {
        let reveal = move |_| {
            if dom::reveal(lines) {
                page.highlight.set(Some(lines));
            }
        };
        view! {
            <button class="linkish" data-testid="kept-copy" on:click=reveal>
                {format!("Go to the kept copy ({})", view_model::lines_label(lines))}
            </button>
        }
    });
    let lines = r.lines;
    let (label, testid, class) = if is_restored {
        ("Remove again", "unrestore", "btn small ghost")
    } else {
        ("Restore", "restore", "btn small")
    };
    let toggle = move |_| {
        page.set_restored(key, !is_restored);
        if !is_restored {
            request_animation_frame(move || {
                dom::reveal(lines);
            });
        }
    };
    view! {
        <li class="removed-item" class:is-restored=is_restored data-testid="removed-item" data-lines=dom::lines_attr(lines)>
            <p class="removed-text">{r.text.clone()}</p>
            <div class="removed-meta">
                <span class="src">{view_model::lines_label(lines)}</span>
                {kept}
                <span class="grow"></span>
                {is_restored.then(|| view! { <span class="tag">"Restored"</span> })}
                <button class=class data-testid=testid on:click=toggle>{label}</button>
            </div>
        </li>
    }
}
