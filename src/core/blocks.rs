//! Stage 2: lines -> units.
//!
//! Rejoins hard-wrapped lines into paragraphs and undoes end-of-line hyphenation (keeping real
//! hyphens such as "well-known"); recognises list items, Markdown headings, quotes, fenced code and
//! tables; sets running page headers and page numbers apart so that a paragraph broken by a page
//! boundary is joined again. Every non-blank line ends up in exactly one unit.
//!
//! A Markdown document (one with an ATX heading, as the Markdown export writes `# Title`) has no
//! printed pages, so no page furniture is looked for; and its code without fences
//! is a run of lines, never one line alone (the export fences its code and sets every paragraph,
//! however many figures or symbols it holds, on a line of its own), nor lines that all carry list,
//! table or quote markup.

use std::collections::HashMap;

use crate::core::normalize::Line;
use crate::core::types::{Emphasis, Shape, Unit};

/// Splits normalized lines into units.
pub fn units(lines: &[Line]) -> Vec<Unit> {
    let units = units_as(lines, false);
    // An ATX heading ("# Title", "## Part": what the Markdown export writes) makes the text a
    // Markdown document: read again as one. (A heading read the first time is one the second time
    // too: a Markdown reading sets fewer lines apart as furniture or code; and `classify`, which
    // reads any text with a Markdown heading as Markdown, reads it so.)
    let first_no = lines.first().map_or(1, |l| l.no);
    let atx = |u: &Unit| {
        matches!(u.shape, Shape::MdHeading(_))
            && lines.get((u.first - first_no) as usize).is_some_and(|l| atx_heading(&l.text).is_some())
    };
    if units.iter().any(atx) {
        drop(units);
        return units_as(lines, true);
    }
    units
}

/// [`units`], with `lines` read as a Markdown document or not.
fn units_as(lines: &[Line], markdown: bool) -> Vec<Unit> {
    let furniture = if markdown { vec![false; lines.len()] } else { furniture_lines(lines) };
    let wrap = wrap_width(lines, &furniture);
    let code = CodeLines::new(lines, &furniture, markdown);
    // Read only if some line ends with a hyphen that breaks a word.
    let words = std::cell::OnceCell::new();
    let mut out: Vec<Unit> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if line.is_blank() {
            i += 1;
            continue;
        }
        if furniture[i] {
            out.push(Unit::new(Shape::Furniture, line.text.clone(), line.no, line.no));
            i += 1;
            continue;
        }
        if let Some(fence) = fence_of(&line.text) {
            i = code_block(lines, i, fence, &mut out);
            continue;
        }
        if let Some((level, text)) = atx_heading(&line.text) {
            out.push(Unit::new(Shape::MdHeading(level), text, line.no, line.no));
            i += 1;
            continue;
        }
        if let Some(j) = code.run(lines, i).filter(|&j| j - i >= 2 && names_only(&lines[i..j])) {
            // A column of bare names ("json()", "text()"): a list of identifiers, not a program.
            for l in &lines[i..j] {
                let marker = String::new();
                out.push(Unit::new(Shape::Item { ordered: false, marker, depth: 0 }, l.text.clone(), l.no, l.no));
            }
            i = j;
            continue;
        }
        if let Some(mut j) = code.run(lines, i) {
            // Runs of code separated by a blank line or two are one listing (a query and its output,
            // a function and the next).
            loop {
                let mut k = j;
                while k < lines.len() && k - j < 2 && lines[k].is_blank() {
                    k += 1;
                }
                match (k > j).then(|| code.run(lines, k)).flatten() {
                    Some(next) => j = next,
                    None => break,
                }
            }
            let body: Vec<&str> = lines[i..j].iter().map(|l| l.raw.as_str()).collect();
            let mut u = Unit::new(Shape::Code, dedent(&body), line.no, lines[j - 1].no);
            u.joined = (j - i) as u32;
            out.push(u);
            i = j;
            continue;
        }
        if is_rule(&line.text) {
            out.push(Unit::new(Shape::Rule, line.text.clone(), line.no, line.no));
            i += 1;
            continue;
        }
        if let Some(level) = lines.get(i + 1).and_then(|n| setext_level(&n.text)) {
            if line.text.chars().count() <= 120 && list_marker(&line.text).is_none() {
                let mut u = Unit::new(Shape::MdHeading(level), line.text.clone(), line.no, lines[i + 1].no);
                u.joined = 2;
                out.push(u);
                i += 2;
                continue;
            }
        }
        if let Some(text) = quote_text(&line.text) {
            let mut parts = vec![text.to_string()];
            let mut j = i + 1;
            while j < lines.len() {
                match quote_text(&lines[j].text) {
                    Some(t) => parts.push(t.to_string()),
                    None => break,
                }
                j += 1;
            }
            let mut u = Unit::new(Shape::Quote, join_parts(&parts), line.no, lines[j - 1].no);
            u.joined = (j - i) as u32;
            out.push(u);
            i = j;
            continue;
        }
        if is_table_row(line) && lines.get(i + 1).is_some_and(is_table_row) {
            let mut j = i;
            let mut rows = Vec::new();
            while j < lines.len() && is_table_row(&lines[j]) {
                if let Some(row) = table_row(&lines[j]) {
                    rows.push(row);
                }
                j += 1;
            }
            let mut u = Unit::new(Shape::Table, rows.join("\n"), line.no, lines[j - 1].no);
            u.rows = rows;
            u.joined = (j - i) as u32;
            out.push(u);
            i = j;
            continue;
        }
        if let Some((marker, ordered, rest)) = list_marker(&line.text) {
            let depth = (line.indent / 2).min(6) as u8;
            let mut u = Unit::new(
                Shape::Item { ordered, marker: marker.to_string(), depth },
                rest.to_string(),
                line.no,
                line.no,
            );
            i = continue_text(lines, i, &furniture, wrap, &words, &mut u, line.indent + 2);
            push_with_skipped(&mut out, u, lines);
            continue;
        }
        // "By" alone on a line, the name on the next: one byline.
        if is_lone_byline_word(&line.text) && lines.get(i + 1).is_some_and(|n| crate::core::evidence::is_name(&n.text))
        {
            let mut u =
                Unit::new(Shape::Text, format!("{} {}", line.text, lines[i + 1].text), line.no, lines[i + 1].no);
            u.joined = 2;
            out.push(u);
            i += 2;
            continue;
        }
        let mut u = Unit::new(Shape::Text, line.text.clone(), line.no, line.no);
        i = continue_text(lines, i, &furniture, wrap, &words, &mut u, 0);
        push_with_skipped(&mut out, u, lines);
    }
    mark_blanks(lines, &mut out);
    mark_layout(lines, wrap, &mut out);
    for u in &mut out {
        strip_emphasis(u);
    }
    out
}

/// Pushes a unit, then the furniture lines its paragraph was joined across (they stay visible as
/// units of their own, so that they can be reported as removed).
fn push_with_skipped(out: &mut Vec<Unit>, u: Unit, lines: &[Line]) {
    let skipped = u.skipped.clone();
    out.push(u);
    let first_no = lines.first().map(|l| l.no).unwrap_or(1);
    for no in skipped {
        if let Some(l) = lines.get((no - first_no) as usize) {
            out.push(Unit::new(Shape::Furniture, l.text.clone(), no, no));
        }
    }
}

/// Appends the wrapped continuation lines of `u` (which starts at `lines[i]`); returns the index of
/// the first line after it.
fn continue_text(
    lines: &[Line],
    i: usize,
    furniture: &[bool],
    wrap: Option<usize>,
    words: &std::cell::OnceCell<HashMap<String, u32>>,
    u: &mut Unit,
    item_indent: u16,
) -> usize {
    let mut prev = i;
    let mut j = i + 1;
    loop {
        // Skip page furniture (and the blanks around it) between two halves of a paragraph.
        let mut k = j;
        let mut skipped = Vec::new();
        let mut crossed_furniture = false;
        while k < lines.len() && (lines[k].is_blank() || furniture[k]) {
            if furniture[k] {
                crossed_furniture = true;
                skipped.push(lines[k].no);
            }
            k += 1;
        }
        if k >= lines.len() || (k > j && !crossed_furniture) {
            return j;
        }
        let next = &lines[k];
        let ok = if crossed_furniture {
            continues_across_page(&lines[prev].text, &next.text)
        } else {
            joins(&lines[prev], next, wrap, item_indent)
        };
        if !ok {
            return j;
        }
        append_wrapped(&mut u.text, &next.text, || words.get_or_init(|| word_set(lines)));
        u.last = next.no;
        u.joined += 1;
        u.skipped.extend(skipped);
        prev = k;
        j = k + 1;
    }
}

/// Whether `next` continues the paragraph whose previous line is `prev` (no blank line between).
fn joins(prev: &Line, next: &Line, wrap: Option<usize>, item_indent: u16) -> bool {
    let next_text = next.text.as_str();
    if fence_of(next_text).is_some()
        || atx_heading(next_text).is_some()
        || quote_text(next_text).is_some()
        || is_rule(next_text)
        || is_table_row(next)
    {
        return false;
    }
    if list_marker(next_text).is_some() {
        return false;
    }
    if item_indent > 0 && next.indent >= item_indent {
        return true;
    }
    // "Can you spot it?" then "Photo by A. Person": a caption and its credit, one unit.
    let credit = next_text.split_whitespace().nth(12).is_none()
        && prev.text.split_whitespace().nth(25).is_none()
        && crate::core::evidence::caption_cue(next_text)
        && !crate::core::evidence::caption_cue(&prev.text);
    if credit {
        return true;
    }
    let local = continues_sentence(&prev.text, next_text);
    let Some(width) = wrap else {
        return local;
    };
    let prev_len = prev.text.chars().count();
    let first_word = next_text.split(' ').next().map(|w| w.chars().count()).unwrap_or(0);
    let hyphen_break = ends_with_break_hyphen(&prev.text) && starts_lower(next_text);
    // The next word would not have fitted on the previous line: the break is the wrapper's.
    let full = (prev_len + 1 + first_word) as f64 >= width as f64 * 0.84;
    // A line that stops mid-sentence and a next line that starts in lower case: one sentence.
    let mid_sentence = !prev.text.trim_end().ends_with(['.', '!', '?', ':', ';']) && starts_lower(next_text);
    full || hyphen_break || mid_sentence || local
}

/// "By", "Von", "Par"... alone on a line.
fn is_lone_byline_word(t: &str) -> bool {
    let f = t.trim().trim_end_matches(':');
    // Lower-casing at most divides a length by three: longer lines cannot match.
    if f.len() > 32 {
        return false;
    }
    let f = f.to_lowercase();
    ["by", "von", "par", "por", "di", "door", "av", "text", "texte", "written by", "words by"].contains(&f.as_str())
}

/// Whether a long line that stops mid-sentence ("... passed to the") is continued by the next line,
/// even in an input that is not hard-wrapped throughout (text copied from a page whose source
/// carried line breaks).
fn continues_sentence(prev: &str, next: &str) -> bool {
    let prev = prev.trim_end();
    if prev.chars().count() < 40 || prev.ends_with(['.', '!', '?', ':', ';', '"', '\u{201d}', '\u{2026}', ')']) {
        return false;
    }
    if crate::core::evidence::is_byline(next) || crate::core::evidence::is_date_line(next) {
        return false;
    }
    let last_word = prev.rsplit(' ').next().unwrap_or("");
    let first_word = next.split(' ').next().unwrap_or("");
    let address = |w: &str| w.starts_with("http://") || w.starts_with("https://") || w.starts_with("www.");
    if address(last_word) || address(first_word) {
        return false;
    }
    // "... does not allow it via" + "Access-Control-Expose-Headers.": a short tail that ends the
    // sentence the long line began.
    let closing_tail = prev.chars().count() >= 50
        && next.chars().count() * 2 < prev.chars().count()
        && crate::core::evidence::measure(next).terminal
        && crate::core::evidence::measure(next).sentences <= 1;
    // A lower-case start continues a long line; a shorter one may be a list item of its own.
    let lower_continues = starts_lower(next) && prev.chars().count() >= 60;
    closing_tail || lower_continues || prev.ends_with(',') || crate::core::evidence::is_function_word(last_word)
}

/// Whether the text after a page break continues the sentence before it.
fn continues_across_page(prev: &str, next: &str) -> bool {
    let ends_sentence = prev.trim_end().ends_with(['.', '!', '?', ':', '"', '\u{201d}']);
    (!ends_sentence && starts_lower(next)) || (ends_with_break_hyphen(prev) && starts_lower(next))
}

fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_lowercase())
}

fn ends_with_break_hyphen(s: &str) -> bool {
    let mut rev = s.chars().rev();
    matches!(rev.next(), Some('-') | Some('\u{2010}')) && rev.next().is_some_and(|c| c.is_alphabetic())
}

/// Prefixes that keep their hyphen when a compound is broken at the end of a line.
#[rustfmt::skip]
const COMPOUND_PREFIXES: &[&str] = &[
    "self", "well", "non", "co", "ex", "anti", "pre", "post", "multi", "long", "short", "high", "low", "full",
    "half", "cross", "cutting", "all", "semi", "mid", "over", "under", "one", "two", "three", "state", "world",
    "end", "real", "so", "re", "open", "off", "on", "out", "up", "down", "e", "x",
];

/// The lower-cased words of the whole input, to tell a compound broken at its hyphen
/// ("water-|saving", both halves words of the text) from a word broken into syllables
/// ("inter-|national").
fn word_set(lines: &[Line]) -> HashMap<String, u32> {
    let mut counts = HashMap::new();
    for l in lines {
        for w in l.text.split(|c: char| !c.is_alphanumeric()) {
            if w.chars().count() >= 2 {
                *counts.entry(w.to_lowercase()).or_insert(0) += 1;
            }
        }
    }
    counts
}

/// Appends a wrapped line to a paragraph, undoing end-of-line hyphenation.
fn append_wrapped<'w>(text: &mut String, next: &str, words: impl FnOnce() -> &'w HashMap<String, u32>) {
    if ends_with_break_hyphen(text) && starts_lower(next) {
        // Just after the last character that is not part of the word (which may take more than
        // one byte: a right-to-left mark, a no-break space).
        let head_start = text
            .char_indices()
            .rev()
            .find(|&(_, c)| !c.is_alphanumeric() && c != '-' && c != '\u{2010}')
            .map_or(0, |(p, c)| p + c.len_utf8());
        let head = &text[head_start..text.len() - text.chars().last().map(char::len_utf8).unwrap_or(1)];
        let last_part = head.rsplit(['-', '\u{2010}']).next().unwrap_or(head).to_lowercase();
        let tail: String = next.chars().take_while(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
        let has_digit = head.chars().any(|c| c.is_ascii_digit());
        // The first half stands as a word elsewhere in the text, and the joined form never does.
        let joined = format!("{last_part}{tail}");
        let words = words();
        let seen = |w: &str| words.get(w).copied().unwrap_or(0);
        let halves_are_words = seen(&last_part) >= 2 && tail.chars().count() >= 3 && seen(&joined) == 0;
        let keep =
            head.contains('-') || has_digit || COMPOUND_PREFIXES.contains(&last_part.as_str()) || halves_are_words;
        if !keep {
            text.pop();
        }
        text.push_str(next);
    } else {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(next);
    }
}

fn join_parts(parts: &[String]) -> String {
    let mut s = String::new();
    for p in parts {
        if p.is_empty() {
            if !s.is_empty() && !s.ends_with('\n') {
                s.push('\n');
            }
            continue;
        }
        if !s.is_empty() && !s.ends_with('\n') {
            s.push(' ');
        }
        s.push_str(p);
    }
    s.trim_end().to_string()
}

/// Estimates the width a hard-wrapped input was wrapped at, or `None` when lines are not wrapped.
fn wrap_width(lines: &[Line], furniture: &[bool]) -> Option<usize> {
    let mut lens: Vec<usize> = Vec::new();
    let mut followed = 0usize;
    for (i, l) in lines.iter().enumerate() {
        if l.is_blank() || furniture[i] || list_marker(&l.text).is_some() {
            continue;
        }
        lens.push(l.text.chars().count());
        if lines.get(i + 1).is_some_and(|n| !n.is_blank()) {
            followed += 1;
        }
    }
    if lens.len() < 4 || followed * 2 < lens.len() {
        return None;
    }
    let mut sorted = lens.clone();
    sorted.sort_unstable();
    let p90 = sorted[((sorted.len() - 1) * 9) / 10];
    if !(30..=130).contains(&p90) {
        return None;
    }
    let near_full = lens.iter().filter(|&&n| n as f64 >= p90 as f64 * 0.7 && n <= p90 + p90 / 8).count();
    let too_long = lens.iter().filter(|&&n| n > p90 + p90 / 4).count();
    if near_full * 100 >= lens.len() * 45 && too_long * 100 <= lens.len() * 5 {
        Some(*sorted.iter().filter(|&&n| n <= p90 + p90 / 8).max().unwrap_or(&p90))
    } else {
        None
    }
}

/// Marks running headers and footers and page numbers. Only inputs that show pages (page numbers in
/// sequence, or a repeated line whose numbers change) have furniture.
fn furniture_lines(lines: &[Line]) -> Vec<bool> {
    let mut marks = vec![false; lines.len()];
    // Page numbers count only when they run in sequence (3, 4, 5...) a page apart; a lone "12" or
    // a column of figures is text.
    let numbered: Vec<(usize, u32)> =
        lines.iter().enumerate().filter_map(|(i, l)| page_number(&l.text).map(|v| (i, v))).collect();
    let mut in_sequence = vec![false; numbered.len()];
    for k in 1..numbered.len() {
        let ((i0, v0), (i1, v1)) = (numbered[k - 1], numbered[k]);
        if (v0 + 1..=v0 + 2).contains(&v1) && i1 - i0 >= 8 {
            in_sequence[k - 1] = true;
            in_sequence[k] = true;
        }
    }
    let mut page_numbers = 0;
    for (k, &(i, _)) in numbered.iter().enumerate() {
        if in_sequence[k] {
            marks[i] = true;
            page_numbers += 1;
        }
    }
    // Group short lines by their text with digits masked.
    let mut groups: rustc_hash::FxHashMap<String, Vec<usize>> = rustc_hash::FxHashMap::default();
    for (i, l) in lines.iter().enumerate() {
        if l.is_blank() || l.text.len() > 280 || marks[i] || l.text.chars().count() > 70 {
            continue;
        }
        let key: String = if l.text.is_ascii() {
            l.text.bytes().map(|b| if b.is_ascii_digit() { '#' } else { b.to_ascii_lowercase() as char }).collect()
        } else {
            l.text.to_lowercase().chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect()
        };
        groups.entry(key).or_default().push(i);
    }
    for (key, idx) in &groups {
        if idx.len() < 3 {
            continue;
        }
        let varying_numbers = key.contains('#') && {
            let first = &lines[idx[0]].text;
            idx.iter().any(|&i| &lines[i].text != first)
        };
        let spread = idx.windows(2).all(|w| w[1] - w[0] >= 8);
        if spread && (varying_numbers || page_numbers >= 2) {
            for &i in idx {
                marks[i] = true;
            }
        }
    }
    marks
}

/// The number of a page-number line: "12", "- 12 -", "Page 12", "Page 12 of 40", "12 / 40", or a
/// line ending in "[Page 12]".
fn page_number(t: &str) -> Option<u32> {
    let t = t.trim();
    if t.is_empty() || t.len() > 60 {
        return None;
    }
    let lower = t.to_lowercase();
    if lower.ends_with(']') {
        if let Some(p) = lower.rfind("[page ") {
            return lower[p + 6..lower.len() - 1].parse().ok();
        }
    }
    let core = lower.trim_matches(|c: char| c == '-' || c == '\u{2013}' || c == ' ' || c == '|');
    let core = core.strip_prefix("page").or_else(|| core.strip_prefix("p.")).unwrap_or(core).trim();
    let mut parts = core.splitn(2, [' ', '/']);
    let first = parts.next().unwrap_or("");
    if first.is_empty() || first.len() > 4 || !first.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let value = first.parse().ok();
    match parts.next().map(str::trim) {
        None => value,
        Some(rest) => {
            let rest = rest.strip_prefix("of").or_else(|| rest.strip_prefix('/')).unwrap_or(rest).trim();
            (!rest.is_empty() && rest.len() <= 4 && rest.chars().all(|c| c.is_ascii_digit())).then_some(value).flatten()
        }
    }
}

/// Marks single-line units that a monospaced text centres, or lays out in columns.
fn mark_layout(lines: &[Line], wrap: Option<usize>, units: &mut [Unit]) {
    let Some(first_no) = lines.first().map(|l| l.no) else {
        return;
    };
    // The width of the text: the wrap width, or what most lines stay within.
    let mut lens: Vec<usize> = lines.iter().filter(|l| !l.is_blank()).map(|l| l.raw.chars().count()).collect();
    lens.sort_unstable();
    let typical = lens.get(lens.len().saturating_sub(1) * 95 / 100).copied().unwrap_or(0);
    let width = wrap.unwrap_or(typical).max(typical);
    for u in units.iter_mut().filter(|u| u.first == u.last) {
        let Some(l) = lines.get((u.first - first_no) as usize) else {
            continue;
        };
        let body = l.raw.trim();
        u.columns = has_three_spaces(body);
        let len = body.chars().count();
        let indent = l.indent as usize;
        u.centred = width <= 100 && indent >= 8 && len * 2 < width && (indent * 2 + len).abs_diff(width) <= width / 8;
    }
}

/// Whether `s` holds three spaces in a row (`s.contains("   ")`, in one pass over the bytes).
fn has_three_spaces(s: &str) -> bool {
    let mut run = 0;
    for &b in s.as_bytes() {
        run = if b == b' ' { run + 1 } else { 0 };
        if run == 3 {
            return true;
        }
    }
    false
}

fn mark_blanks(lines: &[Line], units: &mut [Unit]) {
    let Some(first_no) = lines.first().map(|l| l.no) else {
        return;
    };
    let blank = |no: u32| -> bool {
        if no < first_no {
            return true;
        }
        match lines.get((no - first_no) as usize) {
            Some(l) => l.is_blank(),
            None => true,
        }
    };
    for u in units.iter_mut() {
        u.blank_before = u.first <= first_no || blank(u.first - 1);
        u.blank_after = blank(u.last + 1);
    }
}

/// Removes `**...**`, `__...__`, `*...*` or `_..._` wrapping the whole text, remembering it, and
/// Markdown's backslash escapes (`\*`, `\<`, `\#`: what `render` writes to keep text from reading as
/// markup, issue 13).
fn strip_emphasis(u: &mut Unit) {
    if !matches!(u.shape, Shape::Text | Shape::Item { .. } | Shape::MdHeading(_) | Shape::Quote) {
        return;
    }
    let t = u.text.trim();
    if u.shape != Shape::Quote {
        for (mark, kind) in
            [("**", Emphasis::Bold), ("__", Emphasis::Bold), ("*", Emphasis::Italic), ("_", Emphasis::Italic)]
        {
            if t.len() > 2 * mark.len()
                && t.starts_with(mark)
                && t.ends_with(mark)
                && !escaped_at(t, t.len() - mark.len())
            {
                let inner = &t[mark.len()..t.len() - mark.len()];
                let bad_edge = inner.starts_with(' ')
                    || inner.ends_with(' ')
                    || inner.starts_with(mark.chars().next().unwrap_or('*'));
                if !bad_edge && !contains_unescaped(inner, mark) {
                    u.text = unescape_md(inner);
                    u.emphasis = kind;
                    return;
                }
            }
        }
    }
    if t.contains('\\') {
        u.text = unescape_md(t);
    }
}

/// Whether the character at byte `at` of `t` is backslash-escaped: an odd run of backslashes
/// stands before it (`\\*` is an escaped backslash, then a `*`).
fn escaped_at(t: &str, at: usize) -> bool {
    t.as_bytes()[..at].iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1
}

/// Whether `s` holds `mark` other than right after a backslash escape.
fn contains_unescaped(s: &str, mark: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i..].starts_with(mark.as_bytes()) {
            return true;
        }
        i += 1;
    }
    false
}

/// Removes Markdown backslash escapes before punctuation.
fn unescape_md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&n) = chars.peek() {
                if n.is_ascii_punctuation() {
                    out.push(n);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

/// A code fence (```` ``` ```` or `~~~`, three or more), returned as the fence string.
fn fence_of(t: &str) -> Option<&str> {
    for ch in ['`', '~'] {
        let n = t.chars().take_while(|&c| c == ch).count();
        if n >= 3 {
            let fence = &t[..n];
            if ch == '`' && t[n..].contains('`') {
                return None;
            }
            return Some(fence);
        }
    }
    None
}

fn code_block(lines: &[Line], i: usize, fence: &str, out: &mut Vec<Unit>) -> usize {
    let mut j = i + 1;
    let mut body = Vec::new();
    let mut closed = false;
    while j < lines.len() {
        let t = lines[j].text.as_str();
        if t.starts_with(fence) && t[fence.len()..].trim().chars().all(|c| c == fence.chars().next().unwrap_or('`')) {
            closed = true;
            break;
        }
        body.push(lines[j].raw.as_str());
        j += 1;
    }
    let last = if closed { j } else { j.saturating_sub(1).max(i) };
    let mut u = Unit::new(Shape::Code, dedent(&body), lines[i].no, lines[last].no);
    u.joined = (last - i + 1) as u32;
    out.push(u);
    last + 1
}

fn dedent(body: &[&str]) -> String {
    let indent = body
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.chars().take_while(|c| *c == ' ').count())
        .min()
        .unwrap_or(0);
    body.iter()
        .map(|l| l.chars().skip(indent).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
        .trim_matches('\n')
        .to_string()
}

/// The symbols that code is dense with (brackets, operators, quotes, `$`, `#`, `@`), as a byte table.
static CODE_SYMBOLS: [bool; 256] = {
    let mut t = [false; 256];
    let symbols = b"{}[]();=<>|&*/\\_$#@`+:\"'";
    let mut i = 0;
    while i < symbols.len() {
        t[symbols[i] as usize] = true;
        i += 1;
    }
    t
};

/// Whether one line looks like code or program output rather than prose.
fn code_like(l: &Line) -> bool {
    let t = l.text.as_str();
    if !t.is_ascii() && t.chars().any(|c| ('\u{2500}'..='\u{257f}').contains(&c)) {
        return true;
    }
    // The symbols are ASCII: counted by byte.
    let symbols = t.bytes().filter(|&b| CODE_SYMBOLS[usize::from(b)]).count();
    // The first token, cut at the first bracket ("console.log(x);" starts with "console.log").
    let first = t.split(' ').next().unwrap_or("");
    let first = first.split(['(', '[', '{']).next().filter(|f| !f.is_empty()).unwrap_or(first);
    #[rustfmt::skip]
    const KEYWORDS: &[&str] = &[
        "SELECT", "FROM", "WITH", "WHERE", "GROUP", "ORDER", "INSERT", "UPDATE", "DELETE", "CREATE", "JOIN", "LIMIT",
        "def", "class", "import", "return", "const", "let", "var", "function", "fn", "pub", "#include", "if", "for",
        "while", "}", "{", "//", "/*", "*/", "#!", "$", ">>>", "end", "else", "elif", "try", "catch", "async", "await",
        "package", "use", "struct", "impl", "echo", "export", "print", "println!", "console.log",
    ];
    let has_letters = t.chars().any(char::is_alphabetic);
    let figures = !has_letters && t.bytes().any(|b| b.is_ascii_digit());
    let dense = symbols * 100 >= t.chars().count().max(1) * 8;
    let keyword_first = KEYWORDS.contains(&first);
    // A line without indentation, keyword or dense code ending is code only when it holds figures
    // and no letters (then it has no function words either): no need to measure it.
    if l.indent == 0 && !keyword_first && !dense {
        return figures;
    }
    // What the line ends with, before a trailing line comment ("f(x); // note").
    let code_part = t.split_once(" //").map_or(t, |(code, _)| code.trim_end());
    let ends_code = code_part.ends_with(['{', '}', ';', '(', ')', ',', '[', ']']) || code_part.ends_with("=>");
    if l.indent == 0 && !keyword_first && !(dense && ends_code) {
        return figures;
    }
    let m = crate::core::evidence::measure(t);
    if m.function_ratio >= 0.3 && m.words >= 6 {
        return false;
    }
    // Program output: numbers only, or indented numbers.
    if l.indent > 0 && m.digit_ratio >= 0.4 || figures {
        return true;
    }
    let keyword = keyword_first && (l.indent > 0 || symbols > 0 || !m.terminal);
    (l.indent >= 2 && (dense || ends_code || keyword))
        || (keyword && (ends_code || dense || t.split(' ').count() <= 3))
        || (dense && ends_code && !m.terminal)
}

/// What the code detector knows of every line, computed once: whether it looks like code, where
/// its block of consecutive non-blank lines ends, and running counts of code-like lines, so that
/// each run is judged in constant time.
struct CodeLines {
    like: Vec<bool>,
    block_end: Vec<usize>,
    prefix: Vec<usize>,
    /// For each line, the index of the first line from it on that carries no list marker (in a
    /// Markdown document: no list, table or quote markup), so that "all lines of a run are list
    /// items" is one comparison, not a scan (linear time, issue 8).
    list_end: Vec<usize>,
    /// A Markdown document: one line alone is no code.
    markdown: bool,
}

impl CodeLines {
    fn new(lines: &[Line], furniture: &[bool], markdown: bool) -> CodeLines {
        let like: Vec<bool> = lines.iter().map(code_like).collect();
        let mut block_end = vec![lines.len(); lines.len()];
        let mut end = lines.len();
        for i in (0..lines.len()).rev() {
            if lines[i].is_blank() || furniture[i] {
                end = i;
            }
            block_end[i] = end;
        }
        let mut prefix = Vec::with_capacity(lines.len() + 1);
        prefix.push(0);
        for &l in &like {
            prefix.push(prefix.last().copied().unwrap_or(0) + usize::from(l));
        }
        let mut list_end = vec![lines.len(); lines.len()];
        let mut end = lines.len();
        for i in (0..lines.len()).rev() {
            let l = &lines[i];
            let markup =
                list_marker(&l.text).is_some() || markdown && (is_table_row(l) || quote_text(&l.text).is_some());
            if !markup {
                end = i;
            }
            list_end[i] = end;
        }
        CodeLines { like, block_end, prefix, list_end, markdown }
    }

    /// A run of consecutive lines (no blank line between) starting at `i` that is mostly code:
    /// returns the index after it. Two or more lines, or one plain program statement.
    fn run(&self, lines: &[Line], i: usize) -> Option<usize> {
        if i >= lines.len() || lines[i].is_blank() {
            return None;
        }
        let indented_fragment = lines[i].indent > 0 && !crate::core::evidence::measure(&lines[i].text).terminal;
        let starts = self.like[i] || indented_fragment && self.like.get(i + 1).copied().unwrap_or(false);
        if !starts {
            return None;
        }
        let j = self.block_end[i].max(i + 1);
        // Lines that all carry list markers are a list, whatever their items hold ("- json()").
        if self.list_end[i] >= j {
            return None;
        }
        let n = j - i;
        let code = self.prefix[j] - self.prefix[i];
        let single_statement = n == 1 && !self.markdown && statement_like(&lines[i].text);
        (n >= 2 && code >= 2 && code * 10 >= n * 6 || single_statement).then_some(j)
    }
}

/// Whether every line is one bare name, perhaps with empty brackets ("json()", "Array.from"): no
/// spaces, no operators, no statement ends.
fn names_only(lines: &[Line]) -> bool {
    lines.iter().all(|l| {
        let t = l.text.trim_end_matches("()");
        l.indent == 0
            && !t.is_empty()
            && t.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '$'))
            && t.chars().next().is_some_and(char::is_alphabetic)
    })
}

/// One line that is plainly a statement of a program: it ends like one (`;`, `{`, `}`, or opens a
/// bracket) or carries
/// a line comment after code, and is dense with symbols.
fn statement_like(t: &str) -> bool {
    let symbols = t.chars().filter(|c| "{}[]();=<>&*/\\_$#@`+:\"'.".contains(*c)).count();
    let dense = symbols * 100 >= t.chars().count().max(1) * 12;
    let ends = t.ends_with([';', '{', '}', '(', '[']) || t.contains(");") || t.contains("); //");
    dense && ends && !t.contains(". ")
}

/// `# Heading` to `###### Heading`, with the level and text (closing `#`s removed).
pub(crate) fn atx_heading(t: &str) -> Option<(u8, String)> {
    let n = t.chars().take_while(|&c| c == '#').count();
    if n == 0 || n > 6 {
        return None;
    }
    let rest = &t[n..];
    if !rest.starts_with(' ') {
        return None;
    }
    // The closing sequence: trailing `#`s after a space (an escaped `\#` is text).
    let rest = rest.trim();
    let closed = rest.trim_end_matches('#');
    let text = if closed.is_empty() || closed.ends_with(' ') { closed.trim_end() } else { rest };
    if text.is_empty() {
        return None;
    }
    // Backslash escapes are undone with the other units' (`strip_emphasis`).
    Some((n as u8, text.to_string()))
}

fn setext_level(t: &str) -> Option<u8> {
    let t = t.trim();
    if t.len() >= 3 && t.chars().all(|c| c == '=') {
        Some(1)
    } else if t.len() >= 3 && t.chars().all(|c| c == '-') {
        Some(2)
    } else {
        None
    }
}

/// A line of three or more of one rule character (`---`, `* * *`, `═══`), spaces aside.
fn is_rule(t: &str) -> bool {
    let mut visible = t.chars().filter(|c| !c.is_whitespace());
    let Some(first) = visible.next() else {
        return false;
    };
    if !matches!(
        first,
        '-' | '*' | '_' | '=' | '~' | '\u{2014}' | '\u{2500}' | '\u{2550}' | '#' | '+' | '.' | '\u{2022}'
    ) {
        return false;
    }
    let mut n = 1;
    for c in visible {
        if c != first {
            return false;
        }
        n += 1;
    }
    n >= 3
}

fn quote_text(t: &str) -> Option<&str> {
    let rest = t.strip_prefix('>')?;
    Some(rest.strip_prefix(' ').unwrap_or(rest).trim_end())
}

fn is_table_row(l: &Line) -> bool {
    let t = l.text.as_str();
    if t.starts_with('|') && t.len() > 2 && t[1..].contains('|') {
        return true;
    }
    // Two cells need a tab between them.
    l.raw.contains('\t') && l.raw.trim().split('\t').filter(|c| !c.trim().is_empty()).count() >= 2
}

fn table_row(l: &Line) -> Option<String> {
    let t = l.text.as_str();
    if t.starts_with('|') {
        let inner = t.strip_prefix('|').unwrap_or(t);
        let inner = if inner.ends_with('|') && !inner.ends_with("\\|") { &inner[..inner.len() - 1] } else { inner };
        // Cells split at pipes that are not escaped ("a\|b" is one cell, as `render` writes it).
        let mut cells: Vec<&str> = Vec::new();
        let (b, mut from, mut i) = (inner.as_bytes(), 0, 0);
        while i < b.len() {
            match b[i] {
                b'\\' => i += 1,
                b'|' => {
                    cells.push(inner[from..i].trim());
                    from = i + 1;
                }
                _ => {}
            }
            i += 1;
        }
        cells.push(inner[from.min(inner.len())..].trim());
        if cells.iter().all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' '))) {
            return None;
        }
        let cells: Vec<String> =
            cells.iter().map(|c| if c.contains('\\') { unescape_md(c) } else { c.to_string() }).collect();
        return Some(cells.join("\t"));
    }
    let cells: Vec<String> =
        l.raw.trim().split('\t').map(crate::core::normalize::clean_line).filter(|c| !c.is_empty()).collect();
    Some(cells.join("\t"))
}

/// What tells one list from the next by its markers: the bullet of an unordered item ('-', '*',
/// '•'), the delimiter of a numbered one ('.' of "1.", ')' of "2)" and "(3)").
pub(crate) fn marker_kind(marker: &str, ordered: bool) -> Option<char> {
    if ordered {
        marker.chars().last()
    } else {
        marker.chars().next()
    }
}

/// A list marker at the start of `t`: (marker, ordered, rest).
pub(crate) fn list_marker(t: &str) -> Option<(&str, bool, &str)> {
    let mut chars = t.char_indices();
    let (_, c0) = chars.next()?;
    if matches!(
        c0,
        '-' | '*'
            | '+'
            | '\u{2022}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{b7}'
            | '\u{25aa}'
            | '\u{25ba}'
            | '\u{25e6}'
            | '\u{2023}'
            | '\u{25cf}'
            | '\u{25a0}'
            | '\u{2043}'
            | '\u{27a2}'
            | '\u{2713}'
            | '\u{2714}'
    ) {
        let after = &t[c0.len_utf8()..];
        let rest = after.strip_prefix(' ')?.trim_start();
        if rest.is_empty() {
            return None;
        }
        return Some((&t[..c0.len_utf8()], false, rest));
    }
    // "1." "12)" "(3)" "a)" "iv)" "1.2." are ordered markers; "a." is not (initials).
    let (inner_start, close) = if c0 == '(' { (1, ')') } else { (0, '\0') };
    let body = &t[inner_start..];
    let digits = body.bytes().take_while(|b| b.is_ascii_digit()).count();
    let end = if digits > 0 && digits <= 3 {
        let after = &body[digits..];
        let ok = if close == ')' { after.starts_with(')') } else { after.starts_with('.') || after.starts_with(')') };
        if !ok {
            return None;
        }
        inner_start + digits + 1
    } else {
        let letters = body.chars().take_while(|c| c.is_ascii_lowercase()).count();
        let roman = letters > 0 && body[..letters].chars().all(|c| matches!(c, 'i' | 'v' | 'x'));
        if !(letters == 1 || (roman && letters <= 4)) || !body[letters..].starts_with(')') {
            return None;
        }
        inner_start + letters + 1
    };
    let rest = t[end..].strip_prefix(' ')?.trim_start();
    if rest.is_empty() {
        return None;
    }
    Some((&t[..end], true, rest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::normalize::normalize;
    use crate::core::options::Options;

    fn units_of(s: &str) -> Vec<Unit> {
        units(&normalize(s, &Options::default()).lines)
    }

    #[test]
    fn recognises_list_markers() {
        for (line, marker) in [
            ("- a", "-"),
            ("• b", "•"),
            ("1. c", "1."),
            ("2) d", "2)"),
            ("a) e", "a)"),
            ("(3) f", "(3)"),
            ("– g", "–"),
            ("* h", "*"),
        ] {
            assert_eq!(list_marker(line).map(|m| m.0), Some(marker), "{line}");
        }
        for line in ["A. Smith said", "-5 degrees", "1.5 million", "2024 was", "a.m. today"] {
            assert_eq!(list_marker(line), None, "{line}");
        }
    }

    #[test]
    fn rejoins_hard_wrapped_paragraphs_and_undoes_hyphenation() {
        let text = "The committee met on Tuesday to discuss the well-\nknown problem of the inter-\nnational supply of widgets, which has\nbeen getting worse for several years now and shows no sign of\nimproving any time soon, said the chair.\n\nA second paragraph starts here and it is also wrapped at about\nsixty characters so that the detector can see the pattern.\n";
        let u = units_of(text);
        assert_eq!(u.len(), 2, "{u:#?}");
        assert!(u[0].text.contains("well-known"));
        assert!(u[0].text.contains("international"));
        assert_eq!((u[0].first, u[0].last), (1, 5));
    }

    /// The text fuzz target found a panic here: the word broken at the line's end followed a
    /// right-to-left mark (three bytes), and the word's start was taken one byte after it.
    #[test]
    fn a_hyphen_broken_word_after_a_multibyte_mark_is_rejoined() {
        let words = HashMap::new();
        for (before, next, joined) in [
            ("mixed \u{200f}right-", "to-left marks", "mixed \u{200f}rightto-left marks"),
            ("a\u{a0}inter-", "national day", "a\u{a0}international day"),
            ("\u{200f}well-", "known", "\u{200f}well-known"),
        ] {
            let mut text = before.to_string();
            append_wrapped(&mut text, next, || &words);
            assert_eq!(text, joined);
        }
    }

    #[test]
    fn finds_code_without_fences() {
        let u = units_of("Run this query:\n\nSELECT avg(n)\nFROM unnest(array[2, 3, 5]) AS n;\n\n   avg\n────────\n 3.3333\n\nThe mean is 3.33.\n");
        let shapes: Vec<_> = u.iter().map(|u| u.shape.clone()).collect();
        assert_eq!(shapes, [Shape::Text, Shape::Code, Shape::Text], "the query and its output are one listing: {u:#?}");
        assert!(
            u[1].text.starts_with("SELECT avg(n)\nFROM") && u[1].text.contains("\n\n") && u[1].text.ends_with("3.3333")
        );
    }

    #[test]
    fn code_at_the_end_of_the_input_followed_by_blank_lines() {
        // Regression: the search for a following code run once indexed past the last line.
        for input in ["SELECT a\nFROM b;\n\n", "x = f(y);\n\n\n", "let x = 1;\n\n"] {
            let u = units_of(input);
            assert_eq!(u.last().map(|u| u.shape.clone()), Some(Shape::Code), "{input:?}: {u:#?}");
        }
    }

    #[test]
    fn keeps_unwrapped_lines_apart() {
        let u = units_of("Home\nNews\nSport\nA long paragraph of text that is on its own line.\n");
        assert_eq!(u.len(), 4);
    }

    #[test]
    fn reads_markdown() {
        let u = units_of("# Title\n\nSome text.\n\n## Part\n\n> a quote\n> more\n\n```\nlet x = 1;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        let shapes: Vec<_> = u.iter().map(|u| u.shape.clone()).collect();
        assert_eq!(
            shapes,
            [Shape::MdHeading(1), Shape::Text, Shape::MdHeading(2), Shape::Quote, Shape::Code, Shape::Table]
        );
        assert_eq!(u[3].text, "a quote more");
        assert_eq!(u[4].text, "let x = 1;");
        assert_eq!(u[5].rows, ["a\tb", "1\t2"]);
    }

    #[test]
    fn reads_a_markdown_document_by_its_markup() {
        // Paragraphs as the Markdown export writes them, a blank line between: a short line repeated
        // with changing numbers (what running footers are on printed pages), and one line of code's
        // symbols; then a listing without fences and a table of figures.
        let mut body = String::new();
        for k in 1..=3 {
            body.push_str(&format!(
                "Rated {k}.5 by readers\n\nThe harbour reopened after the storm and the ferries ran again.\n\n"
            ));
            body.push_str("The council met the owners of the boats on the quay that week.\n\n");
            body.push_str("Residents came to see the new wall before it opened.\n\n");
        }
        body.push_str("rows = csv.reader(f, delimiter=\";\");\n\nSELECT avg(n)\nFROM unnest(array[2, 3, 5]) AS n;\n\n| 1 | 2 |\n| 3 | 4 |\n");
        let shapes = |text: &str| units_of(text).into_iter().map(|u| u.shape).collect::<Vec<_>>();
        let pasted = shapes(&body);
        assert!(pasted.contains(&Shape::Furniture), "a pasted text has running footers: {pasted:?}");
        assert_eq!(pasted[pasted.len() - 2..], [Shape::Text, Shape::Code], "one listing of the last lines: {pasted:?}");
        let markdown = shapes(&format!("# Harbour notes\n\n{body}"));
        assert!(!markdown.contains(&Shape::Furniture), "{markdown:?}");
        assert_eq!(
            markdown[markdown.len() - 3..],
            [Shape::Text, Shape::Code, Shape::Table],
            "one line of symbols is a paragraph, a listing is code, a table of figures a table"
        );
    }

    #[test]
    fn sets_page_furniture_apart_and_joins_across_it() {
        let pages = [
            (
                "The results of the spring were mixed across the regions we",
                "serve, with growth in the north offset by declines in the south",
                "and a flat performance in the capital region overall this year",
                "and the board expects a recovery in the coming twelve months as",
            ),
            (
                "Costs fell for the first time in a decade as the new plants in",
                "the east came into service and the old ones were finally closed",
                "after long talks with the unions and the local councils there",
                "which means that the savings will show in next year's accounts.",
            ),
            (
                "Our people remain the heart of the company and we thank them for",
                "another year of hard work in difficult and changing conditions",
                "that asked a great deal of every team in every one of our sites",
                "and we look forward to welcoming many new colleagues soon.",
            ),
        ];
        let mut text = String::new();
        for (page, (a, b, c, d)) in pages.iter().enumerate() {
            text.push_str("ACME Annual Report 2024\n\n");
            text.push_str(&format!("{a}\n{b}\n{c}\n\nPage {} of 3\n\n{d}\n\n", page + 1));
        }
        let u = units_of(&text);
        let furniture = u.iter().filter(|u| u.shape == Shape::Furniture).count();
        assert_eq!(furniture, 6, "{u:#?}");
        let texts: Vec<_> = u.iter().filter(|u| u.shape == Shape::Text).collect();
        assert_eq!(texts.len(), 3, "{texts:#?}");
        assert!(texts[0].text.contains("overall this year and the board expects"));
    }
}
