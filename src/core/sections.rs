//! Stage 5: roles -> the article's sections.
//!
//! Puts each heading over the blocks it names. When a heading appears more than once (scrapers
//! double headings and drop copies earlier or later than the real one), the copy to keep is chosen
//! by evidence, not by a fixed keep-first or keep-last rule: the placement whose sections are not
//! empty, whose text shares the heading's words, and whose sections do not open with a paragraph
//! that continues the one before ("Furthermore, ..."). The other copies are recorded as removed.

use std::collections::HashMap;

use crate::core::article::{Article, Block, BlockKind, Callout, Removed, RemovedReason, Section, Span};
use crate::core::classify::{opens_with_continuation, StemKeys};
use crate::core::evidence;
use crate::core::types::{Classified, LabelKind, Role, Shape};

fn lines_of(c: &Classified) -> [u32; 2] {
    [c.unit.first, c.unit.last]
}

fn span(c: &Classified) -> Span {
    Span::new(c.unit.text.clone(), lines_of(c))
}

fn is_content(role: Role) -> bool {
    matches!(role, Role::Paragraph | Role::Item | Role::Caption | Role::Quote | Role::Code | Role::Table)
}

/// Content terms of a unit (words of four characters or more that are not function words, cut to
/// six), as stem keys in the order of their values, without repeats. Read from its fold when dedup
/// left it one (an ASCII fold is split at spaces, see [`StemKeys::each_key`]).
fn terms(c: &Classified, keys: &mut StemKeys) -> Vec<u64> {
    let mut out: Vec<u64> = Vec::new();
    match &c.folded {
        Some(f) => keys.each_key(&c.unit.text, f, 4, |k| out.push(k)),
        None => out.extend(evidence::tokens(&c.unit.text).filter_map(|w| keys.key(w, 4))),
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Chooses one copy of each repeated heading and removes the others.
pub fn place_headings(items: &mut [Classified]) {
    let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    for (i, c) in items.iter().enumerate() {
        if let Role::Heading(_) = c.role {
            let key = evidence::fold(&c.unit.text);
            if key.is_empty() {
                continue;
            }
            let e = groups.entry(key.clone()).or_default();
            if e.is_empty() {
                order.push(key);
            }
            e.push(i);
        }
    }
    let multi: Vec<Vec<usize>> = order.iter().map(|k| groups[k].clone()).filter(|g| g.len() > 1).collect();
    if multi.is_empty() {
        return;
    }
    let total_copies: usize = multi.iter().map(Vec::len).sum();
    // Start: in each group, the last copy that is directly followed by content.
    let followed_by_content = |i: usize| items.get(i + 1).is_some_and(|n| is_content(n.role));
    let mut choice: Vec<usize> = multi
        .iter()
        .map(|g| g.iter().rev().copied().find(|&i| followed_by_content(i)).unwrap_or(*g.last().unwrap_or(&0)))
        .collect();

    if total_copies <= 64 {
        let mut keys = StemKeys::default();
        let unit_terms: Vec<Vec<u64>> = items
            .iter()
            .map(|c| {
                if is_content(c.role) || matches!(c.role, Role::Heading(_)) {
                    terms(c, &mut keys)
                } else {
                    Vec::new()
                }
            })
            .collect();
        // A heading's terms in the order of their texts: its weights are summed in that order.
        let heading_terms: Vec<Vec<u64>> = items
            .iter()
            .zip(&unit_terms)
            .map(|(c, t)| {
                let mut t = if matches!(c.role, Role::Heading(_)) { t.clone() } else { Vec::new() };
                t.sort_unstable_by(|a, b| keys.cmp_text(*a, *b));
                t
            })
            .collect();
        // Inverse document frequency over content units, so that rare shared words count most.
        let mut df: rustc_hash::FxHashMap<u64, usize> = rustc_hash::FxHashMap::default();
        let mut docs = 0usize;
        for (c, t) in items.iter().zip(&unit_terms) {
            if is_content(c.role) {
                docs += 1;
                for &w in t {
                    *df.entry(w).or_default() += 1;
                }
            }
        }
        let idf = |w: &u64| -> f64 { ((docs as f64 + 1.0) / (*df.get(w).unwrap_or(&0) as f64 + 1.0)).ln() + 0.1 };

        // The placement's score is the sum over its kept headings, in order, of each one's section
        // (from the heading to the next kept one). A section's part depends only on those two ends,
        // so it is worked out once per pair (`memo`) and the sum replayed in the same order, with
        // the same operations, as the section-by-section pass it replaces.
        #[derive(Clone, Copy)]
        enum Part {
            /// No content under the heading.
            Empty,
            /// The share of the heading's terms found (when they weigh anything), and whether the
            /// first content unit continues the one before.
            Content(Option<f64>, bool),
        }
        let section = |i: usize, end: usize| -> Part {
            let h_terms = &heading_terms[i];
            let mut found = vec![false; h_terms.len()];
            let mut first_content: Option<usize> = None;
            for j in i + 1..end {
                if is_content(items[j].role) {
                    first_content.get_or_insert(j);
                    for (k, t) in h_terms.iter().enumerate() {
                        if !found[k] && unit_terms[j].binary_search(t).is_ok() {
                            found[k] = true;
                        }
                    }
                }
            }
            match first_content {
                None => Part::Empty,
                Some(f) => {
                    let weight: f64 = h_terms.iter().map(&idf).sum();
                    let share = (weight > 0.0).then(|| {
                        let hit: f64 = h_terms.iter().zip(&found).filter(|(_, f)| **f).map(|(t, _)| idf(t)).sum();
                        hit / weight
                    });
                    Part::Content(share, opens_with_continuation(&items[f].unit.text))
                }
            }
        };
        let headings: Vec<usize> = (0..items.len()).filter(|&i| matches!(items[i].role, Role::Heading(_))).collect();
        let mut memo: rustc_hash::FxHashMap<(usize, usize), Part> = rustc_hash::FxHashMap::default();
        let score = |choice: &[usize], memo: &mut rustc_hash::FxHashMap<(usize, usize), Part>| -> f64 {
            let mut dropped: Vec<usize> = Vec::new();
            for (g, &keep) in multi.iter().zip(choice) {
                dropped.extend(g.iter().copied().filter(|&i| i != keep));
            }
            dropped.sort_unstable();
            let kept: Vec<usize> = headings.iter().copied().filter(|i| dropped.binary_search(i).is_err()).collect();
            let mut total = 0.0;
            for (k, &i) in kept.iter().enumerate() {
                let end = kept.get(k + 1).copied().unwrap_or(items.len());
                match *memo.entry((i, end)).or_insert_with(|| section(i, end)) {
                    Part::Empty => total -= 2.0,
                    Part::Content(share, continues) => {
                        if let Some(x) = share {
                            total += x;
                        }
                        if continues {
                            total -= 0.6;
                        }
                    }
                }
            }
            total
        };
        let mut best = score(&choice, &mut memo);
        for _round in 0..3 {
            let mut changed = false;
            for g in 0..multi.len() {
                for &cand in &multi[g] {
                    if cand == choice[g] {
                        continue;
                    }
                    let old = choice[g];
                    choice[g] = cand;
                    let s = score(&choice, &mut memo);
                    if s > best + 1e-9 {
                        best = s;
                        changed = true;
                    } else {
                        choice[g] = old;
                    }
                }
            }
            if !changed {
                break;
            }
        }
    }

    // A copy with only removed units between it and the kept one is a plain duplicate; the count of
    // units still standing between two places is kept in a Fenwick tree, so that a heading repeated
    // thousands of times over a long input costs no scan of the units between each pair.
    let mut standing = Fenwick::new(items.len());
    for (i, c) in items.iter().enumerate() {
        if !matches!(c.role, Role::Removed(_)) {
            standing.add(i, 1);
        }
    }
    for (g, &keep) in multi.iter().zip(&choice) {
        let kept = lines_of(&items[keep]);
        for &i in g {
            if i == keep {
                continue;
            }
            let (a, b) = if i < keep { (i, keep) } else { (keep, i) };
            let adjacent = standing.before(b) == standing.before(a + 1);
            if !matches!(items[i].role, Role::Removed(_)) {
                standing.add(i, -1);
            }
            items[i].role =
                Role::Removed(if adjacent { RemovedReason::Duplicate } else { RemovedReason::MisplacedHeading });
            items[i].duplicate_of = Some(kept);
        }
    }
}

/// A Fenwick (binary indexed) tree of counts: add at a place, sum of the places before one, each in
/// O(log n).
struct Fenwick(Vec<i64>);

impl Fenwick {
    fn new(n: usize) -> Self {
        Fenwick(vec![0; n + 1])
    }
    fn add(&mut self, i: usize, v: i64) {
        let mut k = i + 1;
        while k < self.0.len() {
            self.0[k] += v;
            k += k & k.wrapping_neg();
        }
    }
    /// The sum of places `0..i`.
    fn before(&self, i: usize) -> i64 {
        let mut k = i.min(self.0.len() - 1);
        let mut sum = 0;
        while k > 0 {
            sum += self.0[k];
            k &= k - 1;
        }
        sum
    }
}

/// Builds the article's title, meta, callouts, sections and removed list from classified units.
pub fn assemble(items: Vec<Classified>, article: &mut Article) {
    let mut sections: Vec<Section> = Vec::new();
    let mut current = Section { heading: None, level: 2, blocks: Vec::new() };
    let mut key_points: Option<Callout> = None;
    let mut takeaways: Option<Callout> = None;
    // Which callout the last label opened.
    let mut open: Option<LabelKind> = None;
    let mut list: Option<Block> = None;
    let mut last_item_blank_before = false;
    // The CommonMark bullet and depth of the last list item (`commonmark_bullet`).
    let mut last_bullet: Option<(char, u8)> = None;

    let flush_list = |list: &mut Option<Block>, current: &mut Section| {
        if let Some(b) = list.take() {
            current.blocks.push(b);
        }
    };

    for c in items {
        let role = c.role;
        if !matches!(role, Role::Item | Role::Removed(_)) {
            flush_list(&mut list, &mut current);
        }
        if !matches!(role, Role::KeyPoint | Role::Takeaway | Role::Removed(_)) {
            open = None;
        }
        match role {
            Role::Title if article.title.is_none() => article.title = Some(span(&c)),
            Role::Byline if article.byline.is_none() => article.byline = Some(span(&c)),
            Role::Date if article.published.is_none() => {
                let mut s = span(&c);
                s.date = evidence::iso_date(&s.text);
                article.published = Some(s);
            }
            Role::Title | Role::Byline | Role::Date => push_block(&mut current, &c, BlockKind::Paragraph),
            Role::Label(kind) => {
                let target = if kind == LabelKind::Takeaways { &mut takeaways } else { &mut key_points };
                if target.is_none() {
                    *target = Some(Callout { label: Some(span(&c)), items: Vec::new() });
                    open = Some(kind);
                } else {
                    push_block(&mut current, &c, BlockKind::Paragraph);
                }
            }
            Role::KeyPoint | Role::Takeaway => {
                let kind = if role == Role::Takeaway { LabelKind::Takeaways } else { LabelKind::KeyPoints };
                let target = if kind == LabelKind::Takeaways { &mut takeaways } else { &mut key_points };
                match (open, target.as_mut()) {
                    (Some(k), Some(callout)) if k == kind => callout.items.push(span(&c)),
                    _ => push_item(&mut list, &c),
                }
            }
            Role::Heading(level) => {
                if current.heading.is_some() || !current.blocks.is_empty() {
                    sections
                        .push(std::mem::replace(&mut current, Section { heading: None, level: 2, blocks: Vec::new() }));
                }
                current.heading = Some(span(&c));
                current.level = level.clamp(2, 6);
            }
            Role::Paragraph => push_block(&mut current, &c, BlockKind::Paragraph),
            Role::Caption => push_block(&mut current, &c, BlockKind::Caption),
            Role::Quote => push_block(&mut current, &c, BlockKind::Quote),
            Role::Code => push_block(&mut current, &c, BlockKind::Code),
            Role::Table => {
                current.blocks.push(Block {
                    kind: BlockKind::Table,
                    text: c.unit.text.clone(),
                    items: c.unit.rows.clone(),
                    lines: lines_of(&c),
                });
            }
            Role::Item => {
                // A blank line before an item whose list was set close together starts another list;
                // so does another CommonMark bullet at the same depth ("- a" then "* b"), as in
                // CommonMark: the Markdown export sets adjacent lists apart so.
                let bullet = commonmark_bullet(&c.unit.shape);
                let other_bullet = matches!((bullet, last_bullet), (Some((b, d)), Some((p, e))) if b != p && d == e);
                if list.is_some() && (c.unit.blank_before && !last_item_blank_before || other_bullet) {
                    flush_list(&mut list, &mut current);
                }
                last_item_blank_before = c.unit.blank_before;
                last_bullet = bullet;
                push_item(&mut list, &c)
            }
            Role::Removed(reason) => article.removed.push(Removed {
                reason,
                text: c.unit.text.clone(),
                lines: lines_of(&c),
                duplicate_of: c.duplicate_of,
            }),
        }
    }
    flush_list(&mut list, &mut current);
    if current.heading.is_some() || !current.blocks.is_empty() {
        sections.push(current);
    }
    article.sections = sections;
    article.key_points = key_points.filter(|k| !k.items.is_empty() || k.label.is_some());
    article.takeaways = takeaways.filter(|k| !k.items.is_empty() || k.label.is_some());
    article.removed.sort_by_key(|r| r.lines);
    article.stats.duplicates_removed = article.removed.iter().filter(|r| r.reason.is_duplicate()).count();
    article.stats.boilerplate_removed = article.removed.len() - article.stats.duplicates_removed;
}

/// Makes the article's head what its Markdown export reads back as. The export writes the title,
/// the byline and the date, then the key points' label (a bold line) or the first section; read
/// back, the text lines right under the title (plain or italic) give the byline and the date by their
/// cues (`classify`, in Markdown). So, when the article has no key points, the paragraphs and
/// captions that open a first section without a heading become the byline or the date they read as
/// while the article has none (a date first, as the reader asks).
pub fn head_as_exported(a: &mut Article) {
    if a.key_points.is_some() {
        return;
    }
    let Some(first) = a.sections.first_mut().filter(|s| s.heading.is_none()) else {
        return;
    };
    while let Some(b) = first.blocks.first().filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::Caption)) {
        let is_byline = evidence::is_byline(&b.text);
        let span = Span::new(b.text.clone(), b.lines);
        if a.published.is_none() && !is_byline && evidence::is_date_line(&b.text) {
            let mut s = span;
            s.date = evidence::iso_date(&s.text);
            a.published = Some(s);
        } else if a.byline.is_none() && is_byline {
            a.byline = Some(span);
        } else {
            break;
        }
        first.blocks.remove(0);
    }
    if first.blocks.is_empty() {
        a.sections.remove(0);
    }
}

/// The bullet of an unordered list item when it is one of CommonMark's (`-`, `*`, `+`), with the
/// item's depth.
fn commonmark_bullet(shape: &Shape) -> Option<(char, u8)> {
    match shape {
        Shape::Item { ordered: false, marker, depth } if matches!(marker.as_str(), "-" | "*" | "+") => {
            marker.chars().next().map(|b| (b, *depth))
        }
        _ => None,
    }
}

fn push_block(section: &mut Section, c: &Classified, kind: BlockKind) {
    section.blocks.push(Block { kind, text: c.unit.text.clone(), items: Vec::new(), lines: lines_of(c) });
}

fn push_item(list: &mut Option<Block>, c: &Classified) {
    let b = list.get_or_insert_with(|| Block {
        kind: BlockKind::List,
        text: String::new(),
        items: Vec::new(),
        lines: lines_of(c),
    });
    if !b.text.is_empty() {
        b.text.push('\n');
    }
    b.text.push_str(&c.unit.text);
    b.items.push(c.unit.text.clone());
    b.lines[1] = c.unit.last;
}

#[cfg(test)]
mod fenwick_tests {
    use super::Fenwick;

    #[test]
    fn fenwick_sums_agree_with_a_plain_count() {
        let mut counts = vec![0i64; 37];
        let mut tree = Fenwick::new(counts.len());
        let mut x: u64 = 7;
        for _ in 0..500 {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let i = (x >> 33) as usize % counts.len();
            let v = if x & 1 == 0 { 1 } else { -1 };
            counts[i] += v;
            tree.add(i, v);
            let j = (x >> 40) as usize % (counts.len() + 2);
            assert_eq!(tree.before(j), counts[..j.min(counts.len())].iter().sum::<i64>());
        }
    }
}
