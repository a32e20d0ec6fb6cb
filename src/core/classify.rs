//! Stage 3: units -> roles.
//!
//! Decides what each unit is: title, byline, date, the labels and items of the article's own key
//! points and takeaways, headings (with levels), paragraphs, list items, captions, quotes, code,
//! tables, or page chrome to leave out. It uses evidence any article carries: length, function-word
//! density, sentence punctuation, capitalisation, blank lines around a line, position, the
//! neighbours' roles and the stock phrases of page chrome in several languages.
//!
//! Pasted web pages carry far more chrome than article (menus, share lines, related links,
//! comments). The article is found as the run of units with the most prose in it (a maximum-sum
//! segment over per-unit scores, as in Body Text Extraction); what lies outside is chrome.

use crate::core::article::{Diagnostic, RemovedReason};
use crate::core::evidence;
use crate::core::model;
use crate::core::types::{Chrome, Classified, Emphasis, LabelKind, Measure, Role, Shape, Unit};

mod learned;

/// How strongly a unit looks like running prose, for finding the article in a page.
fn prose_value(u: &Unit, m: &Measure, chrome: Option<Chrome>) -> f64 {
    match u.shape {
        Shape::Furniture | Shape::Rule => return 0.0,
        Shape::Code | Shape::Table => return (m.words as f64 * 0.3).min(30.0),
        Shape::MdHeading(_) => return 0.0,
        _ => {}
    }
    if let Some(c) = chrome {
        // A cross-reference line ("Main article: X") sits inside articles; a label does not.
        let cross_reference = c == Chrome::Related && u.text.contains(':') && m.words > 3;
        return match c {
            _ if cross_reference => -1.0,
            Chrome::Boilerplate => -4.0,
            _ => -6.0,
        };
    }
    let words = if m.cjk { m.chars as f64 / 2.0 } else { m.words as f64 };
    // Long paragraphs weigh most: teasers of a dozen words in a menu barely count.
    if is_prose(m) {
        return (words - 10.0).clamp(1.0, 150.0);
    }
    if m.terminal && words >= 5.0 {
        return 0.5;
    }
    if matches!(u.shape, Shape::Item { .. }) && words >= 6.0 {
        return words * 0.2;
    }
    if m.digit_ratio > 0.3 || m.chars <= 3 {
        return -3.0;
    }
    if u.blank_before && u.blank_after {
        -1.0
    } else {
        -2.5
    }
}

/// Running prose: enough words, and enough function words (or a script that has none).
pub fn is_prose(m: &Measure) -> bool {
    if m.cjk {
        return m.chars >= 30 && m.terminal || m.chars >= 60;
    }
    (m.words >= 12 && m.function_ratio >= 0.12) || (m.words >= 8 && m.terminal && m.function_ratio >= 0.15)
}

/// Finds the maximum-sum run of `values`: the article's extent in a page.
fn best_run(values: &[f64]) -> Option<(usize, usize)> {
    let mut best = (f64::MIN, 0, 0);
    let mut sum = 0.0;
    let mut start = 0;
    for (i, &v) in values.iter().enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += v;
        if sum > best.0 {
            best = (sum, start, i);
        }
    }
    (best.0 > 0.0).then_some((best.1, best.2))
}

/// Connective words that open a paragraph continuing the previous one; a section rarely starts so.
#[rustfmt::skip]
pub const CONTINUATIONS: &[&str] = &[
    "furthermore", "moreover", "additionally", "in addition", "also", "besides", "likewise", "similarly", "so",
    "however", "but", "and", "yet", "still", "nevertheless", "nonetheless", "meanwhile", "then", "thus",
    "therefore", "consequently", "hence", "as a result", "in turn", "that said", "even so", "on the other hand",
    "de plus", "en outre", "par ailleurs", "cependant", "toutefois", "außerdem", "zudem", "darüber hinaus",
    "jedoch", "allerdings", "además", "asimismo", "sin embargo", "inoltre", "tuttavia", "além disso", "porém",
];

/// Whether `text` opens with a continuation connective.
pub fn opens_with_continuation(text: &str) -> bool {
    // The longest connective has four words: five folded words tell.
    opens_with_continuation_folded(&evidence::fold_prefix(text, 5))
}

/// [`opens_with_continuation`] with [`evidence::fold`]`(text)` (or its first five words) at hand.
pub(crate) fn opens_with_continuation_folded(f: &str) -> bool {
    CONTINUATIONS.iter().any(|c| f.starts_with(c) && f[c.len()..].starts_with(' '))
}

/// Each unit's text folded ([`evidence::fold`]), computed once, when first asked for: the
/// predicates that read a unit's words share it.
#[derive(Clone)]
pub(crate) struct Folds(Vec<std::cell::OnceCell<String>>);

impl Folds {
    pub(crate) fn new(n: usize) -> Folds {
        Folds((0..n).map(|_| std::cell::OnceCell::new()).collect())
    }

    /// The fold of `items[i]`'s text (as it was when classification began).
    pub(crate) fn get(&self, items: &[Classified], i: usize) -> &str {
        self.0[i].get_or_init(|| evidence::fold(&items[i].unit.text))
    }
}

/// Units measured, with their folds (computed where needed) and the page chrome each one is:
/// what every pass of the classification, and the line model's features, read.
#[derive(Clone)]
pub struct Prepared {
    /// The units, each with its measurements; every role is still `Paragraph`.
    pub items: Vec<Classified>,
    /// The units' texts folded.
    pub(crate) folds: Folds,
    /// The page chrome each unit is, by its stock phrases or form (text and list items only).
    pub chrome: Vec<Option<Chrome>>,
}

/// Measures units and tells their chrome.
pub fn prepare(units: Vec<Unit>) -> Prepared {
    // Text is measured and folded in one reading (its fold is needed to find chrome); other units
    // are folded only if asked.
    let folds = Folds::new(units.len());
    let items: Vec<Classified> = units
        .into_iter()
        .enumerate()
        .map(|(i, unit)| {
            let m = if matches!(unit.shape, Shape::Text | Shape::Item { .. }) {
                let (m, f) = evidence::measure_folded(&unit.text);
                folds.0[i].get_or_init(|| f);
                m
            } else {
                evidence::measure(&unit.text)
            };
            Classified { unit, m, role: Role::Paragraph, duplicate_of: None, folded: None }
        })
        .collect();
    let chrome: Vec<Option<Chrome>> = items
        .iter()
        .enumerate()
        .map(|(i, c)| match c.unit.shape {
            Shape::Text | Shape::Item { .. } => evidence::chrome_folded(&c.unit.text, folds.get(&items, i)),
            _ => None,
        })
        .collect();
    Prepared { items, folds, chrome }
}

/// Whether the line models decide a page: a paste with page chrome to cut away. Markdown is
/// authored, not pasted from a page: its structure is in the markup; an input with no page chrome at
/// all has nothing to cut away. Both keep the rules (`rules`), which take them whole.
fn is_page(p: &Prepared, remove_boilerplate: bool) -> bool {
    let markdown = p.items.iter().any(|c| matches!(c.unit.shape, Shape::MdHeading(_)));
    remove_boilerplate && !markdown && p.chrome.iter().any(Option::is_some)
}

/// The roles the rules give a page's units (the `rules` pass on a copy): one of the line models'
/// inputs (`model::features`).
pub(crate) fn rule_roles(p: &Prepared) -> Vec<Role> {
    rules(p.clone(), true).into_iter().map(|c| c.role).collect()
}

/// Classifies units. `web` chrome is only removed when `remove_boilerplate` is set. What the
/// classification could only do in a degraded way is added to `diagnostics`.
pub fn classify(units: Vec<Unit>, remove_boilerplate: bool, diagnostics: &mut Vec<Diagnostic>) -> Vec<Classified> {
    classify_page(units, remove_boilerplate, diagnostics).0
}

/// [`classify`], with the page's type (`model::PAGE_TYPES`) when the line models read it as a page.
pub fn classify_page(
    units: Vec<Unit>,
    remove_boilerplate: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Classified>, Option<&'static str>) {
    let prepared = prepare(units);
    if prepared.items.is_empty() {
        return (prepared.items, None);
    }
    if is_page(&prepared, remove_boilerplate) {
        if let Some(models) = model::models() {
            let by_rules = rules(prepared.clone(), true);
            let roles: Vec<Role> = by_rules.iter().map(|c| c.role).collect();
            let decision = model::decide(models, &prepared.items, &prepared.folds, &prepared.chrome, &roles);
            return read_page(prepared, by_rules, &decision, diagnostics);
        }
    }
    (rules(prepared, remove_boilerplate), None)
}

/// [`classify_page`] of a pasted page with `decision` for the line models' (whatever they might
/// decide: the tests check on it that what follows them holds). A decision made for other units
/// than these (another count) is not taken: the rules read the page.
pub fn classify_decided(
    units: Vec<Unit>,
    decision: &model::Decision,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Classified>, Option<&'static str>) {
    let prepared = prepare(units);
    let n = prepared.items.len();
    let fits = |v: usize| v < n;
    let sound = n > 0
        && decision.states.len() == n
        && [decision.title, decision.byline, decision.date].into_iter().flatten().all(fits)
        && decision.page_type < model::PAGE_TYPES.len();
    if !sound {
        return (rules(prepared, true), None);
    }
    let by_rules = rules(prepared.clone(), true);
    read_page(prepared, by_rules, decision, diagnostics)
}

/// A page's roles given the models' `decision` (and the rules' reading of it, `by_rules`), with
/// its type.
fn read_page(
    prepared: Prepared,
    mut by_rules: Vec<Classified>,
    decision: &model::Decision,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Classified>, Option<&'static str>) {
    let page_type = Some(model::PAGE_TYPES[decision.page_type]);
    if decision.use_rules {
        // The selector expects the rules' reading of this page to be the better one. A page has a
        // title: where the rules found none, the title ranker's, when the rules left that line out
        // (their content stays theirs). An article with no title and no heading has a Markdown
        // export with no Markdown in it, which reads back as a clean text, by other rules.
        let untitled = by_rules.iter().all(|c| c.role != Role::Title);
        if let Some(t) = decision.title.filter(|&t| untitled && matches!(by_rules[t].role, Role::Removed(_))) {
            by_rules[t].role = Role::Title;
        }
        return (by_rules, page_type);
    }
    if decision.fallback {
        diagnostics.push(Diagnostic::new(
            "low-confidence",
            "The structurer found no part of the text that is clearly the article; it kept the part most \
             like one.",
        ));
    }
    let Prepared { mut items, folds, chrome } = prepared;
    let retexted = learned::apply(&mut items, &folds, &chrome, decision);
    let last = items.len() - 1;
    summary_lists(&mut items, &folds, 0, last, false);
    hand_back_folds(&mut items, folds, &retexted);
    (items, page_type)
}

/// The rules' classification: the article as the maximum-sum run of prose, the title by its score,
/// each unit by its evidence. It takes documents that are not pasted pages (Markdown, texts with no
/// page chrome), and its roles are features of the line models for pages.
fn rules(prepared: Prepared, remove_boilerplate: bool) -> Vec<Classified> {
    let Prepared { mut items, folds, chrome } = prepared;
    if items.is_empty() {
        return items;
    }
    let markdown = items.iter().any(|c| matches!(c.unit.shape, Shape::MdHeading(_)));
    let has_chrome = chrome.iter().any(Option::is_some);
    let values: Vec<f64> = items.iter().zip(&chrome).map(|(c, ch)| prose_value(&c.unit, &c.m, *ch)).collect();

    // The article's extent: the best run of prose. Inputs that are all article keep everything.
    let n = items.len();
    let find_run = remove_boilerplate && has_chrome && !markdown;
    let (mut start, mut end) = if find_run { best_run(&values).unwrap_or((0, n - 1)) } else { (0, n - 1) };
    if find_run {
        end = cut_at_comments(&items, &chrome, &values, start, end);
        end = trim_tail(&items, &folds, &chrome, start, end);
    }

    // Title: the best candidate before or at the start of the article.
    let title = if markdown {
        items.iter().take(3).position(|c| c.unit.shape == Shape::MdHeading(1))
    } else {
        find_title(&items, &folds, &chrome, start, end)
    };
    if let Some(t) = title {
        items[t].role = Role::Title;
        if t >= start {
            start = t + 1;
        }
    }
    let head_from = title.map(|t| t + 1).unwrap_or(start);

    // Units before the title (or the article) are chrome; between title and article, meta.
    let mut byline_done = false;
    let mut date_done = false;
    // After the article: the last related-links or comments label seen so far.
    let mut tail_label = RemovedReason::Boilerplate;
    for i in 0..n {
        if i > end {
            match chrome[i] {
                Some(Chrome::Related) => tail_label = RemovedReason::Related,
                Some(Chrome::Comments) => tail_label = RemovedReason::Comments,
                _ => {}
            }
        }
        if Some(i) == title {
            continue;
        }
        let inside = i >= start && i <= end;
        let in_head = !inside && i >= head_from && i < start;
        let c = &items[i];
        // Asked only where the answer counts.
        let is_date = || evidence::is_date_line_folded(&c.unit.text, folds.get(&items, i));
        let is_byline = || evidence::is_byline_folded(&c.unit.text, folds.get(&items, i));
        let near_title = title.is_some_and(|t| i > t && i <= t + 8);
        // Where a date and a byline are looked for. In Markdown: the text lines right under the title
        // (at the top when there is none), one after the other, as the export writes them; a bold
        // line is a label. Elsewhere: near the title, between it and the body, or at the body's start.
        let (date_place, byline_place) = if markdown {
            let under_title = c.unit.shape == Shape::Text
                && c.unit.emphasis != Emphasis::Bold
                && (i == head_from || i > head_from && matches!(items[i - 1].role, Role::Byline | Role::Date));
            (under_title, under_title)
        } else {
            // (A line: code and tables are no byline or date, which the export writes as one line.)
            let near = (inside || in_head || near_title) && !matches!(c.unit.shape, Shape::Code | Shape::Table);
            (near && (near_title || in_head || i < start + 4), near && (near_title || in_head || i < start + 6))
        };
        if date_place && !date_done && is_date() && !is_byline() {
            items[i].role = Role::Date;
            date_done = true;
            continue;
        }
        if byline_place && !byline_done && is_byline() {
            items[i].role = Role::Byline;
            byline_done = true;
            continue;
        }
        // A name alone is a byline only right under the title, with nothing but meta or chrome between.
        let before_body = title.is_some_and(|t| {
            i > t
                && i <= t + 4
                && (t + 1..i).all(|k| matches!(items[k].role, Role::Date | Role::Byline) || chrome[k].is_some())
        });
        let name_line = || c.unit.shape == Shape::Text && evidence::is_name(&c.unit.text);
        // (Not in Markdown, whose bylines carry their cue: the export writes "By " before a name.)
        if (in_head || inside) && !byline_done && near_title && before_body && !markdown && name_line() {
            items[i].role = Role::Byline;
            byline_done = true;
            continue;
        }
        if inside {
            continue;
        }
        if in_head && section_number(&c.unit.text).is_some() {
            items[i].role = Role::Paragraph;
            continue;
        }
        if in_head && matches!(c.unit.shape, Shape::Item { .. }) && chrome[i].is_none() {
            items[i].role = Role::Item;
            continue;
        }
        if in_head && evidence::summary_label_folded(folds.get(&items, i)).is_some() {
            items[i].role = Role::Paragraph;
            continue;
        }
        if in_head && (is_prose(&c.m) || c.m.terminal && c.m.words >= 6) && chrome[i].is_none() {
            items[i].role = Role::Paragraph;
            continue;
        }
        let reason = if !remove_boilerplate {
            None
        } else if matches!(c.unit.shape, Shape::Furniture | Shape::Rule) {
            Some(RemovedReason::PageFurniture)
        } else if i < start {
            Some(RemovedReason::Boilerplate)
        } else {
            Some(tail_reason(&items, &chrome, tail_label, i))
        };
        items[i].role = match reason {
            Some(r) => Role::Removed(r),
            None => Role::Paragraph,
        };
    }

    // Inside the article: decide each unit.
    let median_words = median_prose_words(&items[start.min(n)..=end.min(n - 1)]);
    // The head (between the title and the run of prose) kept as text is decided the same way.
    let from = head_from.min(start);
    let mut repeats: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    for i in (0..n).filter(|&i| items[i].m.words <= 16) {
        *repeats.entry(folds.get(&items, i)).or_default() += 1;
    }
    let ctx =
        Ctx { chrome: &chrome, folds: &folds, start: from, end, median_words, remove_boilerplate, repeats, markdown };
    let mut i = from;
    while i <= end && i < n {
        if items[i].role != Role::Paragraph || Some(i) == title {
            i += 1;
            continue;
        }
        i = classify_inside(&mut items, &ctx, i);
    }
    // Units whose text numbered headings gave its number back: their folds are stale.
    let mut retexted = vec![false; items.len()];
    if !markdown {
        numbered_headings(&mut items, head_from.min(start), end, &mut retexted);
    }
    summary_lists(&mut items, &folds, start, end, markdown);
    if remove_boilerplate && !markdown {
        chart_labels(&mut items);
        stray_bylines(&mut items);
    }
    hand_back_folds(&mut items, folds, &retexted);
    items
}

/// The folds go with the units for dedup, but a heading's text may have changed since it was
/// folded (numbered headings take their number back, and a later step may make such a heading
/// something else again: issue 13's "stale fold"): those units (`retexted`) keep none.
fn hand_back_folds(items: &mut [Classified], folds: Folds, retexted: &[bool]) {
    for ((c, f), &retexted) in items.iter_mut().zip(folds.0).zip(retexted) {
        if !matches!(c.role, Role::Heading(_)) && !retexted {
            c.folded = f.into_inner();
        }
    }
}

/// The reason for a unit after the article: related links or comments once their label has been
/// seen (`label`: the last such label from the article's end to this unit), boilerplate otherwise.
fn tail_reason(items: &[Classified], chrome: &[Option<Chrome>], label: RemovedReason, i: usize) -> RemovedReason {
    if matches!(items[i].unit.shape, Shape::Furniture | Shape::Rule) {
        return RemovedReason::PageFurniture;
    }
    if chrome[i] == Some(Chrome::Boilerplate) {
        return RemovedReason::Boilerplate;
    }
    label
}

/// Ends the article at a comments label, or at a related-links label followed by little prose, when
/// most of the run's prose stands before it.
fn cut_at_comments(items: &[Classified], chrome: &[Option<Chrome>], values: &[f64], start: usize, end: usize) -> usize {
    let total: f64 = values[start..=end].iter().filter(|v| **v > 0.0).sum();
    let mut before = 0.0;
    for i in start..=end {
        if let Some(kind @ (Chrome::Comments | Chrome::Related)) = chrome[i] {
            let standalone = items[i].m.words <= 4;
            let after = total - before;
            let cut = match kind {
                Chrome::Comments => before >= total * 0.5,
                _ => before >= total * 0.6 && after <= total * 0.1,
            };
            if standalone && cut && i > start {
                return i - 1;
            }
        }
        if values[i] > 0.0 {
            before += values[i];
        }
    }
    end
}

/// Ends the article after its last body of prose. The prose after the body comes in clusters; a
/// cluster that follows a gap holding page chrome is kept only while it stays on the body's topic
/// (enough of its content terms occur in the text kept so far). Teasers of other stories and reader
/// comments drift off the topic, or come in clusters too small to be a continuation.
fn trim_tail(items: &[Classified], folds: &Folds, chrome: &[Option<Chrome>], start: usize, end: usize) -> usize {
    const GAP: usize = 4;
    let body = body_start(items, start, end);
    // Clusters of prose units: (first, last).
    let mut clusters: Vec<(usize, usize)> = Vec::new();
    // A standalone "Related coverage" or "Comments" label always starts a new cluster.
    let label = |k: usize| matches!(chrome[k], Some(Chrome::Related | Chrome::Comments)) && items[k].m.words <= 4;
    for (i, item) in items.iter().enumerate().take(end + 1).skip(body) {
        if !is_prose(&item.m) {
            continue;
        }
        match clusters.last_mut() {
            Some(c) if i - c.1 <= GAP && !(c.1 + 1..i).any(label) => c.1 = i,
            _ => clusters.push((i, i)),
        }
    }
    // The body is the cluster with the most words; everything up to it stays, what follows it is
    // judged against it.
    let words =
        |c: &(usize, usize)| items[c.0..=c.1].iter().filter(|u| is_prose(&u.m)).map(|u| u.m.words).sum::<usize>();
    let Some(main) = (0..clusters.len()).max_by_key(|&k| (words(&clusters[k]), std::cmp::Reverse(k))) else {
        return end;
    };
    // The terms of the text kept so far, as stem keys. Clusters are added to it only when a later
    // cluster is to be judged against it (often none is).
    let mut stems = StemKeys::default();
    let mut kept: rustc_hash::FxHashSet<u64> = rustc_hash::FxHashSet::default();
    let mut pending: Vec<(usize, usize)> = clusters[..=main].to_vec();
    let mut terms: Vec<u64> = Vec::new();
    let mut kept_end = clusters[main].1;
    for w in clusters[main..].windows(2) {
        let (prev, next) = (w[0], w[1]);
        // Chrome between them; cross-references ("Main article: X") sit inside articles.
        let chrome_between = (prev.1 + 1..next.0).any(|k| match chrome[k] {
            Some(Chrome::Related) => items[k].m.words <= 4,
            Some(_) => true,
            None => false,
        });
        if chrome_between {
            // Content terms: four characters or more, as the headings' placement finds them too (`sections::terms`).
            for (from, to) in pending.drain(..) {
                for k in from..=to {
                    stems.each_key(&items[k].unit.text, folds.get(items, k), 4, |t| {
                        kept.insert(t);
                    });
                }
            }
            terms.clear();
            for k in (next.0..=next.1).filter(|&k| is_prose(&items[k].m)) {
                stems.each_key(&items[k].unit.text, folds.get(items, k), 4, |t| terms.push(t));
            }
            terms.sort_unstable();
            terms.dedup();
            let shared = terms.iter().filter(|t| kept.contains(*t)).count();
            // Off the topic: few shared terms, in a cluster small beside the article kept so far.
            let share = shared as f64 / terms.len().max(1) as f64;
            let relative_size = terms.len() as f64 / kept.len().max(1) as f64;
            if terms.is_empty() || share < 0.1 || (share < 0.35 && relative_size < 0.5) {
                break;
            }
        }
        pending.push(next);
        kept_end = next.1;
    }
    // Keep what directly follows the last kept prose unit (a list, a caption, a closing line).
    let mut e = kept_end;
    while e < end && !is_prose(&items[e + 1].m) && chrome[e + 1].is_none() && e + 1 - kept_end <= 3 {
        e += 1;
    }
    // ...and the list of addresses the article cites, under its label ("Sources & links"), even
    // where the run of prose ended before them.
    let label_then_address = |k: usize| {
        items.get(k + 1).is_some_and(|l| l.m.words <= 4 && chrome[k + 1].is_none())
            && items.get(k + 2).is_some_and(|a| is_address(&a.unit.text))
    };
    if e == kept_end && label_then_address(e) {
        e += 1;
    }
    while e + 1 < items.len() && is_address(&items[e + 1].unit.text) {
        e += 1;
    }
    e
}

/// A web address alone on a line.
pub(crate) fn is_address(t: &str) -> bool {
    let t = t.trim();
    !t.contains(' ') && (t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www."))
}

/// A byline away from the title ("Posted by Jane Roe on March 10" under the post): the byline
/// when none was found at the top, page chrome when one was.
fn stray_bylines(items: &mut [Classified]) {
    let mut have = items.iter().any(|c| c.role == Role::Byline);
    for c in items.iter_mut() {
        if matches!(c.role, Role::Paragraph)
            && c.unit.shape == Shape::Text
            && !is_prose(&c.m)
            && evidence::is_byline(&c.unit.text)
        {
            c.role = if have { Role::Removed(RemovedReason::Boilerplate) } else { Role::Byline };
            have = true;
        }
    }
}

/// What is left of a chart or an infographic: short labels ("Defense", "PROJECTED") among the
/// numbers already set aside. A label goes with them when a neighbour is such junk and the other
/// neighbour is junk or another label; the chart's title (a short line over two such units) and
/// its credit (a caption under two) go too.
fn chart_labels(items: &mut [Classified]) {
    let junk = |c: &Classified| {
        matches!(c.role, Role::Removed(RemovedReason::Boilerplate | RemovedReason::PageFurniture)) && c.m.words <= 4
    };
    let label = |c: &Classified| {
        matches!(c.role, Role::Paragraph | Role::Item)
            && c.unit.shape == Shape::Text
            && c.m.words <= 4
            && !c.m.terminal
            && !is_address(&c.unit.text)
    };
    for _ in 0..3 {
        let mut changed = false;
        for i in 1..items.len().saturating_sub(1) {
            if !label(&items[i]) {
                continue;
            }
            let (p, n) = (&items[i - 1], &items[i + 1]);
            if junk(p) && (junk(n) || label(n)) || junk(n) && label(p) {
                items[i].role = Role::Removed(RemovedReason::Boilerplate);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    // The chart's title above its numbers, and its credit line below them, go with them.
    let title = |c: &Classified| {
        matches!(c.role, Role::Paragraph | Role::Item)
            && c.unit.shape == Shape::Text
            && c.m.words <= 8
            && !c.m.terminal
            && !is_address(&c.unit.text)
    };
    let credit = |c: &Classified| c.role == Role::Caption && c.m.words <= 12;
    // Figures set aside (not page furniture: a line before a page break is no chart title).
    let figures = |c: &Classified| c.role == Role::Removed(RemovedReason::Boilerplate) && c.m.words <= 4;
    for i in 0..items.len() {
        let next_two_junk = items.len() > i + 2 && figures(&items[i + 1]) && figures(&items[i + 2]);
        let prev_two_junk = i >= 2 && figures(&items[i - 1]) && figures(&items[i - 2]);
        if title(&items[i]) && next_two_junk || credit(&items[i]) && prev_two_junk {
            items[i].role = Role::Removed(RemovedReason::Boilerplate);
        }
    }
}

/// Median word count of the prose paragraphs (not list items) in `items`.
fn median_prose_words(items: &[Classified]) -> usize {
    let mut w: Vec<usize> =
        items.iter().filter(|c| c.unit.shape == Shape::Text && is_prose(&c.m)).map(|c| c.m.words).collect();
    if w.is_empty() {
        return 0;
    }
    w.sort_unstable();
    w[w.len() / 2]
}

/// Where the body proper starts: the first cluster of prose units (gaps of at most three other
/// units) that holds a good share of the words of the biggest cluster. Teasers and standfirsts
/// stand alone or in small clusters.
fn body_start(items: &[Classified], start: usize, end: usize) -> usize {
    let mut clusters: Vec<(usize, usize)> = Vec::new(); // (words, first unit)
    let mut last_prose: Option<usize> = None;
    for (i, item) in items.iter().enumerate().take(end + 1).skip(start) {
        if !is_prose(&item.m) {
            continue;
        }
        match (last_prose, clusters.last_mut()) {
            (Some(p), Some(c)) if i - p <= 4 => c.0 += item.m.words,
            _ => clusters.push((item.m.words, i)),
        }
        last_prose = Some(i);
    }
    let biggest = clusters.iter().map(|c| c.0).max().unwrap_or(0);
    clusters.iter().find(|c| c.0 as f64 >= (biggest as f64 * 0.3).clamp(1.0, 80.0)).map(|c| c.1).unwrap_or(start)
}

/// Picks the title: a short line without a full stop, shortly before the body, that shares
/// distinctive words with it, is followed by a byline or date, or is repeated elsewhere on the page.
fn find_title(
    items: &[Classified],
    folds: &Folds,
    chrome: &[Option<Chrome>],
    start: usize,
    end: usize,
) -> Option<usize> {
    // An explicit `# Title` anywhere near the top wins.
    if let Some(i) = items.iter().take(start + 3).position(|c| c.unit.shape == Shape::MdHeading(1)) {
        return Some(i);
    }
    let body = body_start(items, start, end);
    let lo = body.saturating_sub(60);
    let hi = (body + 12).min(end).min(items.len() - 1);
    // How often each term (stems of three letters or more) occurs in the body's prose.
    let mut stems = StemKeys::default();
    let mut tf: rustc_hash::FxHashMap<u64, usize> = rustc_hash::FxHashMap::default();
    for k in (body..=end.max(body).min(items.len() - 1)).filter(|&k| is_prose(&items[k].m)) {
        stems.each_key(&items[k].unit.text, folds.get(items, k), 3, |t| *tf.entry(t).or_default() += 1);
    }
    let top = (1.0 + tf.values().copied().max().unwrap_or(0) as f64).ln().max(1.0);
    // The five most frequent, ties in the order of the stems' text.
    let top_terms: Vec<u64> = {
        let mut v: Vec<(u64, usize)> = tf.iter().map(|(&t, &n)| (t, n)).collect();
        let order = |a: &(u64, usize), b: &(u64, usize)| b.1.cmp(&a.1).then_with(|| stems.cmp_text(a.0, b.0));
        if v.len() > 5 {
            v.select_nth_unstable_by(4, order);
            v.truncate(5);
        }
        v.sort_by(order);
        v.into_iter().map(|(t, _)| t).collect()
    };
    let mut counts: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    for (i, c) in items.iter().enumerate() {
        if c.m.words <= 30 {
            *counts.entry(folds.get(items, i)).or_default() += 1;
        }
    }
    let mut best: Option<(f64, usize)> = None;
    for i in lo..=hi {
        let c = &items[i];
        if !matches!(c.unit.shape, Shape::Text | Shape::MdHeading(_)) || chrome[i].is_some() {
            continue;
        }
        let m = &c.m;
        let words = if m.cjk { m.chars / 2 } else { m.words };
        if words == 0 || words > 30 || m.chars > 220 || m.ends_with_period && m.words > 3 || m.sentences > 1 {
            continue;
        }
        let f = folds.get(items, i);
        if evidence::is_date_line_folded(&c.unit.text, f)
            || evidence::is_byline_folded(&c.unit.text, f)
            || evidence::summary_label_folded(f).is_some()
            || evidence::caption_cue_folded(&c.unit.text, f)
        {
            continue;
        }
        let mut score = 0.0;
        // Shares distinctive words with the body: how many of its terms, and how often they occur.
        // (In the order of their text, as the strengths are summed in that order.)
        let mut terms: Vec<u64> = evidence::tokens(&c.unit.text).filter_map(|w| stems.key(w, 3)).collect();
        terms.sort_unstable_by(|&a, &b| stems.cmp_text(a, b));
        terms.dedup();
        if !terms.is_empty() {
            let found = terms.iter().filter(|t| tf.contains_key(*t)).count() as f64;
            let strength: f64 = terms.iter().map(|t| (1.0 + *tf.get(t).unwrap_or(&0) as f64).ln() / top).sum();
            let n = terms.len() as f64;
            score += 2.0 * found / n * (n / 3.0).min(1.0) + 2.0 * strength / n;
        }
        if (5..=18).contains(&words) {
            score += 1.0;
        } else if (3..=4).contains(&words) {
            score += 0.4;
        } else if words > 22 {
            score -= 1.0;
        }
        if words <= 3 && evidence::is_name(&c.unit.text) {
            score -= 0.7;
        }
        let camel = c.unit.text.split(' ').next().is_some_and(|w| w.chars().skip(1).any(char::is_uppercase));
        if !m.starts_upper && !camel {
            score -= 1.5;
        }
        // Titles name the article's main topic: its most frequent terms.
        let topical = terms.iter().filter(|t| top_terms.contains(t)).count();
        score += 0.6 * topical.min(2) as f64;
        if c.unit.text.ends_with(':') {
            score -= 1.5;
        }
        // Close to the body.
        score -= (body.abs_diff(i) as f64 * 0.025).min(1.5);
        // Followed by a byline or date shortly.
        let is_meta = |k: usize| {
            let (d, f) = (&items[k].unit.text, folds.get(items, k));
            evidence::is_date_line_folded(d, f) || evidence::is_byline_folded(d, f) || evidence::is_meta_line(d)
        };
        let metas = (i + 1..items.len())
            .take(4)
            .take_while(|&k| is_meta(k) || !is_prose(&items[k].m))
            .filter(|&k| is_meta(k))
            .count();
        if metas > 0 {
            score += 1.0;
            // Title, then byline or date, then the body: the classic head of an article.
            let after = (i + 1..items.len()).take(5).find(|&k| !is_meta(k));
            if after.is_some_and(|k| is_prose(&items[k].m)) {
                score += 1.0;
            }
        } else if i > body {
            // Inside the body, only a line that heads the article's meta can be the title.
            continue;
        }
        // Repeated on the page (pages print the title in several places).
        match counts.get(f).copied().unwrap_or(0) {
            0 | 1 => {}
            2 => score += 0.8,
            _ => score += 1.2,
        }
        // A date line just before: "Sunday, Feb 1, 2015" then the headline.
        if i > 0 && evidence::is_date_line_folded(&items[i - 1].unit.text, folds.get(items, i - 1)) {
            score += 0.5;
        }
        // Plain-text typography: a centred line heads the text; a line in columns is a header table.
        if c.unit.centred {
            score += 1.5;
        }
        if c.unit.columns {
            score -= 1.5;
        }
        if m.digit_ratio > 0.2 {
            score -= 1.0;
        }
        // The very first line of a clean document.
        if i == 0 && start <= 1 {
            score += 2.5;
        }
        if m.terminal && !m.ends_with_period {
            score -= 0.3;
        }
        if c.unit.shape == Shape::MdHeading(2) {
            score -= 0.5;
        }
        if best.is_none_or(|(b, _)| score > b + 1e-9) {
            best = Some((score, i));
        }
    }
    best.filter(|(s, _)| *s >= 1.5).map(|(_, i)| i)
}

/// Compact keys for the stems of content words ([`stem_key`] of the lower-cased word): ASCII stems
/// (six bytes at most) packed in a `u64` ([`evidence::ascii_key`]), others numbered as they come.
/// Equal stems get equal keys, so sets and counts of stems need no string per word.
#[derive(Default)]
pub(crate) struct StemKeys {
    numbers: rustc_hash::FxHashMap<String, u64>,
    texts: Vec<String>,
}

/// [`StemKeys::key`] of an ASCII word.
fn ascii_stem_key(w: &[u8], min_chars: usize) -> Option<u64> {
    // Lower-casing keeps the length of ASCII; function words are looked up whatever their case.
    if w.len() < min_chars {
        return None;
    }
    // The stem is the first six bytes of the word's key (the lowest six bytes).
    let key = evidence::ascii_key_of(w);
    if w.len() <= 8 && evidence::is_function_key(key) {
        return None;
    }
    Some(key & ((1 << 48) - 1))
}

/// The bit that marks a numbered (non-ASCII) stem; packed ASCII stems leave it clear.
const NUMBERED: u64 = 1 << 63;

impl StemKeys {
    /// The key of `w`'s stem when `w` is a content word of at least `min_chars` characters (not
    /// a function word).
    pub(crate) fn key(&mut self, w: &str, min_chars: usize) -> Option<u64> {
        if w.is_ascii() {
            return ascii_stem_key(w.as_bytes(), min_chars);
        }
        let lower = w.to_lowercase();
        if lower.chars().count() < min_chars || evidence::is_function_word(&lower) {
            return None;
        }
        let stem = stem_key(&lower);
        if let Some(k) = evidence::ascii_key(&stem) {
            return Some(k);
        }
        if let Some(&k) = self.numbers.get(&stem) {
            return Some(k);
        }
        let k = NUMBERED | self.texts.len() as u64;
        self.texts.push(stem.clone());
        self.numbers.insert(stem, k);
        Some(k)
    }

    /// Calls `f` with the key of each content word of `min_chars` characters or more of a unit's
    /// `text`, whose fold is `folded`. An ASCII fold is read instead of the text: each of its words
    /// is then one word of the text, lower-cased, with the same key.
    pub(crate) fn each_key(&mut self, text: &str, folded: &str, min_chars: usize, mut f: impl FnMut(u64)) {
        if folded.is_ascii() {
            for w in folded.as_bytes().split(|&b| b == b' ') {
                if let Some(k) = ascii_stem_key(w, min_chars) {
                    f(k);
                }
            }
        } else {
            for w in evidence::tokens(text) {
                if let Some(k) = self.key(w, min_chars) {
                    f(k);
                }
            }
        }
    }

    /// Compares the texts of two stems (as `String`s compare).
    pub(crate) fn cmp_text(&self, a: u64, b: u64) -> std::cmp::Ordering {
        let (mut x, mut y) = ([0u8; 8], [0u8; 8]);
        self.text(a, &mut x).cmp(self.text(b, &mut y))
    }

    /// The text of a stem's key, as bytes (`buf` holds an unpacked ASCII stem).
    fn text<'a>(&'a self, key: u64, buf: &'a mut [u8; 8]) -> &'a [u8] {
        if key & NUMBERED != 0 {
            return self.texts[(key & !NUMBERED) as usize].as_bytes();
        }
        *buf = key.to_le_bytes();
        let len = buf.iter().position(|&b| b == 0).unwrap_or(8);
        &buf[..len]
    }
}

/// A crude stem: the first six letters (enough to match "strategy"/"strategic",
/// "technology"/"technological").
pub fn stem_key(word: &str) -> String {
    word.chars().take(6).collect()
}

/// What the per-unit decisions need to know about the whole input.
struct Ctx<'a> {
    chrome: &'a [Option<Chrome>],
    /// The units' texts folded.
    folds: &'a Folds,
    /// First unit of the article (after the title).
    start: usize,
    /// Last unit of the article.
    end: usize,
    /// Median length of the article's paragraphs, in words.
    median_words: usize,
    remove_boilerplate: bool,
    /// How often each short text (sixteen words at most, folded) occurs in the input.
    repeats: rustc_hash::FxHashMap<&'a str, usize>,
    /// The input marks its structure in Markdown (`#` headings, fences): headings and captions come
    /// from the markup only, never from typography or neighbours, and its text is its author's: only
    /// stock phrases of page chrome are left out, not lines by their form (a call to action, a
    /// date, figures), so that an article's Markdown export reads back as the same article.
    markdown: bool,
}

/// Decides one unit inside the article; returns the index of the next unit to decide.
fn classify_inside(items: &mut [Classified], ctx: &Ctx, i: usize) -> usize {
    let (chrome, start, end, median_words, remove_boilerplate) =
        (ctx.chrome, ctx.start, ctx.end, ctx.median_words, ctx.remove_boilerplate);
    let shape = items[i].unit.shape.clone();
    match shape {
        Shape::Furniture | Shape::Rule => {
            items[i].role = Role::Removed(RemovedReason::PageFurniture);
            return i + 1;
        }
        Shape::Code => {
            items[i].role = Role::Code;
            return i + 1;
        }
        Shape::Table => {
            items[i].role = Role::Table;
            return i + 1;
        }
        Shape::Quote => {
            items[i].role = Role::Quote;
            return i + 1;
        }
        Shape::MdHeading(level) => {
            items[i].role = Role::Heading(level.clamp(2, 6));
            return i + 1;
        }
        Shape::Item { .. } => {
            items[i].role = if remove_boilerplate && chrome[i].is_some() {
                Role::Removed(chrome_reason(chrome[i]))
            } else {
                Role::Item
            };
            return i + 1;
        }
        Shape::Text => {}
    }
    if remove_boilerplate {
        if let Some(ch) = chrome[i] {
            items[i].role = Role::Removed(chrome_reason(Some(ch)));
            // A "Related stories" label inside the article: the link list right under it goes too.
            let mut j = i + 1;
            if ch == Chrome::Related && items[i].m.words <= 4 {
                while j <= end
                    && j < items.len()
                    && items[j].role == Role::Paragraph
                    && !is_prose(&items[j].m)
                    && items[j].unit.shape == Shape::Text
                {
                    items[j].role = Role::Removed(RemovedReason::Related);
                    if items[j].unit.blank_after {
                        j += 1;
                        break;
                    }
                    j += 1;
                }
            }
            return j;
        }
    }
    let text = items[i].unit.text.clone();
    let m = items[i].m.clone();
    // Decoration: no letter or digit at all ("⭐⭐⭐⭐", "• • •").
    if remove_boilerplate && !ctx.markdown && !text.chars().any(char::is_alphanumeric) {
        items[i].role = Role::Removed(RemovedReason::PageFurniture);
        return i + 1;
    }
    // "Check out more articles on ...", "Save your spot now": a call to action, not the article.
    if remove_boilerplate
        && !ctx.markdown
        && m.words <= 10
        && !m.ends_with_period
        && call_to_action(ctx.folds.get(items, i))
    {
        items[i].role = Role::Removed(RemovedReason::Boilerplate);
        return i + 1;
    }
    if evidence::caption_cue_folded(&text, ctx.folds.get(items, i)) && m.words <= 40 {
        items[i].role = Role::Caption;
        return i + 1;
    }
    // An italic line: a caption, unless it is the prose right under the title (a standfirst). In
    // Markdown the italics are the markup the export writes for captions, wherever they stand.
    if items[i].unit.emphasis == Emphasis::Italic && !is_prose(&m)
        || items[i].unit.emphasis == Emphasis::Italic && m.words <= 40 && (i > start || ctx.markdown)
    {
        items[i].role = Role::Caption;
        return i + 1;
    }
    // Labels that a chart or a widget repeats ("billion", "Defense", "v t e").
    let label_like = m.words <= 2 && !m.terminal && !text.starts_with(['(', '"', '\u{201c}', '\'']);
    if remove_boilerplate
        && !ctx.markdown
        && label_like
        && ctx.repeats.get(ctx.folds.get(items, i)).copied().unwrap_or(0) >= 3
    {
        items[i].role = Role::Removed(RemovedReason::Boilerplate);
        return i + 1;
    }
    if remove_boilerplate && !ctx.markdown && (m.digit_ratio > 0.35 && m.words <= 4 || m.chars <= 2 && !m.cjk) {
        items[i].role = Role::Removed(RemovedReason::Boilerplate);
        return i + 1;
    }
    if remove_boilerplate
        && !ctx.markdown
        && evidence::is_date_line_folded(&text, ctx.folds.get(items, i))
        && !is_prose(&m)
    {
        items[i].role = Role::Removed(RemovedReason::Boilerplate);
        return i + 1;
    }
    if ctx.markdown {
        items[i].role = Role::Paragraph;
        return i + 1;
    }
    if let Some(depth) = section_number(&text) {
        let rest_ok = !m.ends_with_period && m.words <= 14 && m.sentences <= 1;
        let next_body = items.get(i + 1).is_some_and(|d| is_prose(&d.m) || section_number(&d.unit.text).is_some());
        if rest_ok && next_body && i < end {
            items[i].role = Role::Heading((1 + depth).clamp(2, 6));
            return i + 1;
        }
    }
    if is_heading_candidate(items, ctx, i) {
        let level = if items[i].unit.emphasis == Emphasis::Bold { 3 } else { 2 };
        items[i].role = Role::Heading(level);
        return i + 1;
    }
    // A line that is all quotation, standing apart between paragraphs: a quote (a pull quote when it
    // repeats the body; the dedup stage finds those).
    if is_standalone_quote(&text, &m) && i > start {
        items[i].role = Role::Quote;
        return i + 1;
    }
    if is_relative_caption(items, i, start, end, median_words) {
        items[i].role = Role::Caption;
        return i + 1;
    }
    // A run of short lines with no blank lines between: a list when prose surrounds it, a menu
    // when it sits at the article's edge.
    if is_short_line(&items[i]) && !items[i].unit.blank_after {
        // The run: short undecided lines, each followed directly (no blank line) by the next.
        let in_run = |k: usize, items: &[Classified]| {
            k <= end
                && is_short_line(&items[k])
                && chrome[k].is_none()
                && items[k].role == Role::Paragraph
                && !is_heading_candidate(items, ctx, k)
        };
        let mut j = i;
        while j < end && !items[j].unit.blank_after && in_run(j + 1, items) {
            j += 1;
        }
        if j > i {
            let prose_before = items[start..i].iter().any(|c| is_prose(&c.m));
            let prose_after = items[j + 1..=end].iter().any(|c| is_prose(&c.m));
            // A list of addresses the article cites is a list even at the article's end.
            let references = items[i..=j].iter().filter(|c| is_address(&c.unit.text)).count() * 2 > j - i + 1;
            let role = if prose_before && (prose_after || references) || !remove_boilerplate {
                Role::Item
            } else {
                Role::Removed(RemovedReason::Boilerplate)
            };
            for c in &mut items[i..=j] {
                c.role = role;
            }
            // "Sources & links" over a list of addresses: the list's heading.
            let labelled =
                !is_address(&items[i].unit.text) && items[i + 1..=j].iter().all(|c| is_address(&c.unit.text));
            if role == Role::Item && labelled && items[i].m.starts_upper && !items[i].m.terminal {
                items[i].role = Role::Heading(2);
            }
            return j + 1;
        }
    }
    items[i].role = Role::Paragraph;
    i + 1
}

pub(crate) fn chrome_reason(ch: Option<Chrome>) -> RemovedReason {
    match ch {
        Some(Chrome::Related) => RemovedReason::Related,
        Some(Chrome::Comments) => RemovedReason::Comments,
        _ => RemovedReason::Boilerplate,
    }
}

pub(crate) fn is_short_line(c: &Classified) -> bool {
    c.unit.shape == Shape::Text && !is_prose(&c.m) && c.m.words <= 14 && c.m.sentences <= 1
}

/// A heading: a short line without a full stop, starting with a capital (or uncased script),
/// followed by prose or a list that it can name.
fn is_heading_candidate(items: &[Classified], ctx: &Ctx, i: usize) -> bool {
    let (chrome, end) = (ctx.chrome, ctx.end);
    let c = &items[i];
    let m = &c.m;
    let words = if m.cjk { m.chars / 3 } else { m.words };
    if words == 0 || words > 16 || m.chars > 140 || m.ends_with_period || m.sentences > 1 || !m.starts_upper {
        return false;
    }
    if m.cjk && m.terminal {
        return false;
    }
    let text = c.unit.text.as_str();
    // Sentences in disguise: speech in quotes, asides in brackets, lead-ins to a quote or a list,
    // calls to action, dated teaser links.
    if text.ends_with([',', ';', ':']) {
        return false;
    }
    let quoted = text.starts_with(['"', '\u{201c}', '\u{201e}', '\u{ab}', '\u{300c}', '\'']);
    let bracketed = text.starts_with('(') && text.ends_with(')');
    if quoted || bracketed || call_to_action(ctx.folds.get(items, i)) || evidence::has_date(text) {
        return false;
    }
    // Headings seldom carry commas, bracketed details or many digits; captions and teasers do. They
    // start with a letter or a digit.
    if text.contains(',') || text.contains(" (") || m.digit_ratio > 0.1 {
        return false;
    }
    if !text.chars().next().is_some_and(char::is_alphanumeric) {
        return false;
    }
    let f = ctx.folds.get(items, i);
    if evidence::is_byline_folded(text, f) || evidence::caption_cue_folded(text, f) {
        return false;
    }
    // The line under a byline is the author's title ("Business reporter"), not a heading; what a
    // paragraph ending in a colon introduces (a figure, an example) is not a heading either.
    if i > 0 && (items[i - 1].role == Role::Byline || items[i - 1].unit.text.trim_end().ends_with(':')) {
        return false;
    }
    // What follows (past cross-references and other chrome) must be text it can name.
    let Some(k) = (i + 1..=end.min(items.len() - 1)).find(|&k| chrome[k].is_none()) else {
        return false;
    };
    let next = &items[k];
    let next_is_body = is_prose(&next.m)
        || matches!(next.unit.shape, Shape::Item { .. } | Shape::Code | Shape::Table | Shape::Quote)
        || next.m.terminal && next.m.words >= 5;
    let next_is_heading_like = next.unit.shape == Shape::Text
        && !next.m.terminal
        && next.m.words <= 16
        && items.get(k + 1).is_some_and(|n2| is_prose(&n2.m));
    if !(next_is_body || next_is_heading_like) {
        return false;
    }
    // A section does not open with "And ...", "But ...": the line above it is a caption. (A line
    // printed more than once is a doubled heading whose copies the sections stage places.)
    let copies = ctx.repeats.get(f).copied().unwrap_or(0);
    if next_is_body && copies < 2 && opens_with_continuation_folded(ctx.folds.get(items, k)) {
        return false;
    }
    // The first of several lines of the same form (a list of questions) is an item, not a heading.
    let same_form = !c.unit.blank_after
        && !is_prose(&next.m)
        && next.unit.shape == Shape::Text
        && next.m.words <= 16
        && next.unit.text.chars().last() == text.chars().last()
        && next.m.terminal == m.terminal;
    // ...and so is the last of them: the line before has the same form, set close to it.
    let prev_same_form = i > 0 && {
        let p = &items[i - 1];
        !p.unit.blank_after
            && p.unit.shape == Shape::Text
            && !is_prose(&p.m)
            && p.m.words <= 16
            && p.unit.text.chars().last() == text.chars().last()
            && p.m.terminal == m.terminal
    };
    if (same_form || prev_same_form) && m.terminal {
        return false;
    }
    // Label-like lines ending with a colon introduce lists; they are headings only when short.
    if c.unit.text.ends_with(':') && words > 6 {
        return false;
    }
    // A question or exclamation is a heading only when short and standing apart.
    if m.terminal && !(words <= 10 && (c.unit.blank_after || c.unit.blank_before)) {
        return false;
    }
    true
}

/// A section number before a heading ("2.1 Supply", "3. Results", "IV. Notes"): its depth (one
/// for "3.", two for "2.1"). The rest must start with a capital letter.
pub fn section_number(text: &str) -> Option<u8> {
    let (raw, rest) = text.split_once(' ')?;
    let num = raw.trim_end_matches('.');
    // "6 Days" is a title; "6. Days" and "6.1 Days" are numbered sections.
    if !num.contains('.') && !raw.ends_with('.') {
        return None;
    }
    let parts: Vec<&str> = num.split('.').collect();
    let arabic = parts.iter().all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()));
    let roman =
        parts.len() == 1 && !num.is_empty() && num.len() <= 4 && num.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    let starts_upper = rest.chars().next().is_some_and(char::is_uppercase);
    ((arabic && parts.len() <= 4 || roman) && starts_upper).then_some(parts.len() as u8)
}

/// "Learn more about X", "Read the full report", "Click here": a link, not a heading (`f` folded).
pub(crate) fn call_to_action(f: &str) -> bool {
    #[rustfmt::skip]
    const STARTS: &[&str] = &[
        "learn more", "read more", "read now", "find out more", "click here", "click to", "continue reading",
        "check out", "see more", "see all", "view all", "view more", "view in", "download the", "subscribe",
        "sign up", "take me", "join us", "save your", "register now", "book now", "buy now", "shop now",
        "get started", "start your", "try it", "try for free", "check out more", "get the latest",
        "en savoir plus", "lire la suite", "mehr erfahren", "weiterlesen", "leer más", "saber más", "scopri di più",
    ];
    STARTS.iter().any(|p| f == *p || evidence::starts_with_word(f, p))
}

/// A whole line in quotation marks, one or two sentences, with no attribution outside the marks.
pub(crate) fn is_standalone_quote(text: &str, m: &Measure) -> bool {
    let t = text.trim();
    let pairs = [
        ('"', '"'),
        ('\u{201c}', '\u{201d}'),
        ('\u{ab}', '\u{bb}'),
        ('\u{300c}', '\u{300d}'),
        ('\u{201e}', '\u{201c}'),
    ];
    pairs.iter().any(|&(open, close)| {
        let inner = t.strip_prefix(open).and_then(|r| r.strip_suffix(close));
        inner
            .is_some_and(|i| !i.contains(open) && !i.contains(close) && (4..=60).contains(&m.words) && m.sentences <= 2)
    })
}

/// A caption between paragraphs, told apart by length: a single sentence much shorter than the
/// article's paragraphs, sitting between two of them.
fn is_relative_caption(items: &[Classified], i: usize, start: usize, end: usize, median_words: usize) -> bool {
    let c = &items[i];
    if median_words < 50 || c.m.sentences > 1 || !c.m.terminal || c.m.words * 3 > median_words || i <= start || i >= end
    {
        return false;
    }
    let prev = &items[i - 1];
    let next = &items[i + 1];
    let long = |d: &Classified| is_prose(&d.m) && d.m.words * 2 >= median_words;
    long(prev) && (long(next) || next.unit.shape == Shape::Text && !next.m.terminal)
}

/// Key points and takeaways: a label line followed by list items or single-sentence lines. In
/// `markdown` the label is a bold line (as the export writes a callout's label: a heading or a plain
/// line there is the text it reads as) and its items are lines of one form, the first one's: list
/// items with its marker, or text lines (the export writes the items as a list, set apart from a
/// list after them by another marker).
fn summary_lists(items: &mut [Classified], folds: &Folds, start: usize, end: usize, markdown: bool) {
    let n = items.len();
    let first_prose = (start..=end.min(n - 1)).find(|&i| items[i].role == Role::Paragraph && is_prose(&items[i].m));
    let mut i = 0;
    while i < n {
        let numbered = matches!(items[i].unit.shape, Shape::Item { ordered: true, .. })
            || section_number(&items[i].unit.text).is_some();
        let label_form = !markdown || items[i].unit.shape == Shape::Text && items[i].unit.emphasis == Emphasis::Bold;
        let kind = match items[i].role {
            // (Only numbered items have had their text changed since it was folded.)
            Role::Paragraph | Role::Heading(_) | Role::Item if !numbered && label_form => {
                evidence::summary_label_folded(folds.get(items, i))
            }
            _ => None,
        };
        let Some(kind) = kind else {
            i += 1;
            continue;
        };
        if items[i].m.terminal && items[i].m.ends_with_period {
            i += 1;
            continue;
        }
        // Collect the items that follow.
        let mut j = i + 1;
        while j < n && j <= end + 1 {
            let c = &items[j];
            let is_item = match c.unit.shape {
                Shape::Item { .. } => !matches!(c.role, Role::Removed(_)),
                Shape::Text => {
                    matches!(c.role, Role::Paragraph | Role::Item)
                        && c.m.sentences <= 1
                        && c.m.words <= 60
                        && c.m.words >= 3
                }
                _ => false,
            };
            // A change of layout ends the list: items set close together, then a blank line before
            // another list.
            let layout_break = j > i + 1 && c.unit.blank_before && !items[j - 1].unit.blank_before;
            let other_form = markdown && j > i + 1 && !same_form(&items[i + 1].unit.shape, &c.unit.shape);
            if !is_item || layout_break || other_form {
                break;
            }
            j += 1;
        }
        if j - i < 2 {
            i += 1;
            continue;
        }
        let before_body = first_prose.is_none_or(|p| i < p);
        let at_end = (j..n).all(|k| {
            !matches!(
                items[k].role,
                Role::Paragraph
                    | Role::Heading(_)
                    | Role::Item
                    | Role::Quote
                    | Role::Code
                    | Role::Table
                    | Role::Caption
            )
        });
        let kind = match kind {
            LabelKind::Either => {
                if before_body {
                    LabelKind::KeyPoints
                } else {
                    LabelKind::Takeaways
                }
            }
            k => k,
        };
        // A key-points list belongs before the body, takeaways after it; elsewhere it is a list.
        let (label_role, item_role) = match kind {
            LabelKind::KeyPoints if before_body => (Role::Label(LabelKind::KeyPoints), Role::KeyPoint),
            LabelKind::Takeaways if at_end || !before_body => (Role::Label(LabelKind::Takeaways), Role::Takeaway),
            LabelKind::KeyPoints if at_end => (Role::Label(LabelKind::Takeaways), Role::Takeaway),
            _ => {
                i = j;
                continue;
            }
        };
        if label_role == Role::Label(LabelKind::Takeaways) && !at_end {
            i = j;
            continue;
        }
        items[i].role = label_role;
        for c in &mut items[i + 1..j] {
            c.role = item_role;
        }
        i = j;
    }
}

/// Whether two units are lines of one form in a list: both text lines, or both list items of one
/// kind of marker (CommonMark starts another list where the bullet or the numbers' delimiter changes).
fn same_form(a: &Shape, b: &Shape) -> bool {
    match (a, b) {
        (Shape::Item { marker: x, ordered: p, .. }, Shape::Item { marker: y, ordered: q, .. }) => {
            p == q && crate::core::blocks::marker_kind(x, *p) == crate::core::blocks::marker_kind(y, *q)
        }
        (Shape::Text, Shape::Text) => true,
        _ => false,
    }
}

/// Whether the unit after `i` is prose, or a numbered sub-heading ("2.1 Supply" under "2. Operations").
fn next_opens_section(items: &[Classified], i: usize) -> bool {
    items.get(i + 1).is_some_and(|d| {
        d.unit.shape == Shape::Text && (is_prose(&d.m) || section_number(&d.unit.text).is_some_and(|depth| depth >= 2))
    })
}

/// Listicles: numbered lines ("1. The first thing") each followed by prose are headings, not a list.
fn numbered_headings(items: &mut [Classified], start: usize, end: usize, retexted: &mut [bool]) {
    let n = items.len();
    let idx: Vec<usize> = (start..=end.min(n.saturating_sub(1)))
        .filter(|&i| matches!(items[i].unit.shape, Shape::Item { ordered: true, .. }) && items[i].role == Role::Item)
        .collect();
    if idx.len() < 2 {
        return;
    }
    let headed = idx
        .iter()
        .filter(|&&i| {
            let c = &items[i];
            next_opens_section(items, i) && c.m.words <= 16 && !c.m.ends_with_period && c.m.starts_upper
        })
        .count();
    if headed * 3 >= idx.len() * 2 {
        for &i in &idx {
            if next_opens_section(items, i) && !items[i].m.ends_with_period && items[i].m.starts_upper {
                let depth = match &items[i].unit.shape {
                    Shape::Item { marker, .. } => marker.matches('.').count().saturating_sub(1) as u8,
                    _ => 0,
                };
                items[i].role = Role::Heading((2 + depth).min(6));
                if let Shape::Item { marker, .. } = &items[i].unit.shape {
                    items[i].unit.text = format!("{marker} {}", items[i].unit.text);
                    retexted[i] = true;
                }
            }
        }
    }
}
