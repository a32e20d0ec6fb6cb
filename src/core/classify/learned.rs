//! Roles from the line models' decision ([`model::decide`]): the pass that the plain-text path
//! takes for a pasted page.
//!
//! The models say which units are the article's content, which of those are headings, and which
//! units are the title, the byline and the date. What kind of body block a content unit is (a
//! paragraph, a list item, a caption, a quote, code, a table) and why a unit outside the article
//! was left out (boilerplate, related links, comments, page furniture) are told here from the
//! unit's shape and the evidence of its text, as in the rest of `classify`.

use super::{chrome_reason, is_short_line, is_standalone_quote, section_number};
use crate::core::article::RemovedReason;
use crate::core::classify::Folds;
use crate::core::evidence;
use crate::core::model::decode::State;
use crate::core::model::Decision;
use crate::core::render;
use crate::core::types::{Chrome, Classified, Emphasis, Role, Shape};

/// Labels of summary lists are a few words ("What you need to know").
const SUMMARY_LABEL_WORDS: usize = 6;

/// Captions and credits are short: a longer text with a caption cue is a paragraph that mentions
/// a photo.
const CAPTION_WORDS: usize = 40;

/// Gives every unit its role from `decision`; returns which units' text changed (a numbered line
/// that became a heading takes its number back), whose folds are then stale.
pub(super) fn apply(
    items: &mut [Classified],
    folds: &Folds,
    chrome: &[Option<Chrome>],
    decision: &Decision,
) -> Vec<bool> {
    let mut retexted = vec![false; items.len()];
    // After the article, units go under the last related-links or comments label seen since its end.
    let mut tail = RemovedReason::Boilerplate;
    for i in 0..items.len() {
        if decision.states[i] == State::After {
            match chrome[i] {
                Some(Chrome::Related) => tail = RemovedReason::Related,
                Some(Chrome::Comments) => tail = RemovedReason::Comments,
                _ => {}
            }
        }
        items[i].role = if Some(i) == decision.title {
            Role::Title
        } else if Some(i) == decision.byline {
            Role::Byline
        } else if Some(i) == decision.date {
            Role::Date
        } else {
            match decision.states[i] {
                // Page chrome told by its stock phrases or its form ("Advertisement", "Share",
                // "Related stories", "Leave a reply") is left out wherever it stands. The models see
                // it as a feature yet may keep such a line inside the article, where its neighbours
                // are content; and the text's other readers (a clean text, the Markdown export read
                // back) leave it out, so the article reads the same both ways. On the train pages
                // such lines are content 3% of the time (mostly an "FAQs" heading).
                State::Body | State::Heading if chrome[i].is_some() => {
                    outside(&items[i], chrome[i], RemovedReason::Boilerplate)
                }
                State::Body => body_kind(items, folds, i),
                // A heading is a line: code, a table or a quote the heading model leans to stays what
                // it is (its lines would not read back as one heading).
                State::Heading if matches!(items[i].unit.shape, Shape::Code | Shape::Table | Shape::Quote) => {
                    body_kind(items, folds, i)
                }
                State::Heading => heading(&mut items[i], &mut retexted[i]),
                State::Before | State::Gap => outside(&items[i], chrome[i], RemovedReason::Boilerplate),
                State::After => outside(&items[i], chrome[i], tail),
            }
        };
    }
    summary_labels(items, folds, chrome);
    lists(items);
    meta_as_exported(items, folds, chrome);
    retexted
}

/// A summary list's label ("Key points", "要点") over content is the article's, wherever the models
/// put it: the list under it is then the article's key points or takeaways. (Not a label that is
/// page chrome: the text's other readers leave that out, as they do wherever it stands.)
fn summary_labels(items: &mut [Classified], folds: &Folds, chrome: &[Option<Chrome>]) {
    for i in 0..items.len().saturating_sub(1) {
        let next_kept = !matches!(items[i + 1].role, Role::Removed(_) | Role::Title | Role::Byline | Role::Date);
        if matches!(items[i].role, Role::Removed(RemovedReason::Boilerplate))
            && chrome[i].is_none()
            && next_kept
            && items[i].m.words <= SUMMARY_LABEL_WORDS
            && evidence::summary_label_folded(folds.get(items, i)).is_some()
        {
            items[i].role = Role::Paragraph;
        }
    }
}

/// Units after the title within which a text's byline and date are looked for (as `classify`'s
/// head pass reads a pasted text).
const HEAD_UNITS: usize = 8;

/// Makes the article's byline and date what its Markdown export reads back as. The export writes
/// the title, then the byline (with "By " before it when it has no such cue, `render::byline_line`)
/// and the date; reading it, the lines under the title give the byline or the date by their cues
/// (`evidence::is_byline`, `is_date_line`). So a byline or a date the models chose that does not
/// read as one even so is a body unit, as the reader takes its line (page chrome left out, else the
/// kind its shape and text give); and a unit near the title that carries the cue becomes the
/// byline or the date the models left unfilled, as the head pass of a pasted text finds them (the
/// export then writes it under the title). A paragraph that the export sets right under the title
/// and that reads as a byline or a date becomes one when the article is assembled
/// (`sections::head_as_exported`).
fn meta_as_exported(items: &mut [Classified], folds: &Folds, chrome: &[Option<Chrome>]) {
    let reads_as_date = |t: &str, f: &str| evidence::is_date_line_folded(t, f) && !evidence::is_byline_folded(t, f);
    let mut byline = false;
    let mut date = false;
    for i in 0..items.len() {
        let (t, f) = (items[i].unit.text.as_str(), folds.get(items, i));
        let reads_back = match items[i].role {
            Role::Byline => evidence::is_byline(&render::byline_line(t)),
            Role::Date => reads_as_date(t, f),
            _ => continue,
        };
        if reads_back {
            byline |= items[i].role == Role::Byline;
            date |= items[i].role == Role::Date;
        } else {
            items[i].role = match chrome[i] {
                Some(_) => outside(&items[i], chrome[i], RemovedReason::Boilerplate),
                None => body_kind(items, folds, i),
            };
        }
    }
    let Some(title) = items.iter().position(|c| c.role == Role::Title) else {
        return;
    };
    // The units the export writes after the title and its meta, in order.
    let mut offset = usize::from(byline) + usize::from(date);
    for i in title + 1..items.len() {
        if matches!(items[i].role, Role::Removed(_) | Role::Title | Role::Byline | Role::Date) {
            continue;
        }
        offset += 1;
        if offset > HEAD_UNITS {
            break;
        }
        let (t, f) = (items[i].unit.text.as_str(), folds.get(items, i));
        // (Code and tables stay: the export writes the byline and the date as one line of text.)
        if matches!(items[i].role, Role::Code | Role::Table) || t.contains('\n') {
            continue;
        }
        if !date && reads_as_date(t, f) {
            items[i].role = Role::Date;
            date = true;
        } else if !byline && evidence::is_byline_folded(t, f) {
            items[i].role = Role::Byline;
            byline = true;
        }
    }
}

/// Why a unit outside the article is left out: page furniture by its shape, chrome by its kind,
/// else `default`.
fn outside(c: &Classified, chrome: Option<Chrome>, default: RemovedReason) -> Role {
    Role::Removed(match (&c.unit.shape, chrome) {
        (Shape::Furniture | Shape::Rule, _) => RemovedReason::PageFurniture,
        (_, Some(k)) => chrome_reason(Some(k)),
        _ => default,
    })
}

/// A content unit's kind, from its shape and its text.
fn body_kind(items: &[Classified], folds: &Folds, i: usize) -> Role {
    let c = &items[i];
    match c.unit.shape {
        Shape::Code => Role::Code,
        Shape::Table => Role::Table,
        Shape::Quote => Role::Quote,
        Shape::MdHeading(level) => Role::Heading(level.clamp(2, 6)),
        Shape::Item { .. } => Role::Item,
        Shape::Furniture | Shape::Rule => Role::Removed(RemovedReason::PageFurniture),
        Shape::Text => {
            let text = c.unit.text.as_str();
            let short = c.m.words <= CAPTION_WORDS;
            if short && (evidence::caption_cue_folded(text, folds.get(items, i)) || c.unit.emphasis == Emphasis::Italic)
            {
                Role::Caption
            } else if is_standalone_quote(text, &c.m) {
                Role::Quote
            } else {
                Role::Paragraph
            }
        }
    }
}

/// A heading's role and level: from the Markdown, a section number ("2.1" is level 3), bold (a
/// sub-heading), else level 2. A numbered list line that is a heading takes its number back.
fn heading(c: &mut Classified, retexted: &mut bool) -> Role {
    let level = match &c.unit.shape {
        Shape::MdHeading(l) => *l,
        Shape::Item { marker, ordered: true, .. } => {
            let depth = marker.matches('.').count().saturating_sub(1) as u8;
            c.unit.text = format!("{marker} {}", c.unit.text);
            *retexted = true;
            2 + depth
        }
        _ => match section_number(&c.unit.text) {
            Some(depth) => 1 + depth,
            None if c.unit.emphasis == Emphasis::Bold => 3,
            None => 2,
        },
    };
    Role::Heading(level.clamp(2, 6))
}

/// Runs of short paragraphs set line under line (no blank line between) are list items.
fn lists(items: &mut [Classified]) {
    let short = |c: &Classified| c.role == Role::Paragraph && is_short_line(c);
    let mut i = 0;
    while i < items.len() {
        if !short(&items[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < items.len() && !items[j].unit.blank_after && short(&items[j + 1]) {
            j += 1;
        }
        if j > i {
            for c in &mut items[i..=j] {
                c.role = Role::Item;
            }
        }
        i = j + 1;
    }
}
