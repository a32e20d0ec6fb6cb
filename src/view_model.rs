//! The page's logic that needs no browser, compiled and tested natively (`cargo test`): restoring
//! removed items into an article, grouping the removed list, the article as a flat list of keyed rows
//! (so the page re-renders only the blocks that changed), source lines as offsets in the input, counts,
//! file names and kinds. The Leptos components in `src/app/` are thin views over these functions.
//!
//! Restoring is a view-level operation: the core's [`Article`] is never edited in place; the page keeps
//! the user's [`RestoreKey`]s and shows (and exports) `apply_restores(&article, &keys)`.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::{Article, Block, BlockKind, Removed, RemovedReason, Section};

/// Input lines, 1-based and inclusive, as in the Article JSON.
pub type Lines = [u32; 2];

/// Identifies a removed item the user restored, across re-structurings and reloads: the item's
/// input lines plus a fingerprint of its text, so that a key never restores a different text that
/// happens to sit on the same lines after an edit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RestoreKey {
    /// The removed item's input lines.
    pub lines: Lines,
    /// FNV-1a hash of the item's text.
    pub text: u32,
}

impl RestoreKey {
    /// The key of a removed item.
    pub fn of(item: &Removed) -> RestoreKey {
        RestoreKey { lines: item.lines, text: fnv1a(&item.text) }
    }

    /// Whether `block` is the restored copy of the item this key names.
    pub fn matches_block(&self, block: &Block) -> bool {
        block.lines == self.lines && block.kind == BlockKind::Paragraph && fnv1a(&block.text) == self.text
    }
}

/// 32-bit FNV-1a: a small, stable fingerprint (stored in localStorage, so it must not change).
fn fnv1a(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// The article with the removed items named by `keys` put back as paragraphs, each after the block
/// or heading that precedes it in the input; those items leave `removed`, the removal counts in
/// `stats` drop with them, and the summary's section and block indices are shifted to stay true.
/// Keys that name no removed item are ignored. Word counts and reading time stay the core's.
pub fn apply_restores(article: &Article, keys: &[RestoreKey]) -> Article {
    let mut out = article.clone();
    if keys.is_empty() || out.removed.is_empty() {
        return out;
    }
    let (mut back, kept): (Vec<Removed>, Vec<Removed>) =
        std::mem::take(&mut out.removed).into_iter().partition(|r| keys.contains(&RestoreKey::of(r)));
    out.removed = kept;
    back.sort_by_key(|r| r.lines);
    for item in back {
        if item.reason.is_duplicate() {
            out.stats.duplicates_removed = out.stats.duplicates_removed.saturating_sub(1);
        } else {
            out.stats.boilerplate_removed = out.stats.boilerplate_removed.saturating_sub(1);
        }
        let block = Block { kind: BlockKind::Paragraph, text: item.text, items: Vec::new(), lines: item.lines };
        insert_block(&mut out, block);
    }
    out
}

/// Inserts `block` after the last heading or block that starts on or before its first line (the
/// latest such in reading order); before everything, it opens the lead section.
fn insert_block(article: &mut Article, block: Block) {
    let line = block.lines[0];
    let mut best: Option<(u32, usize, usize)> = None;
    let mut consider = |start: u32, section: usize, at: usize| {
        if start <= line && best.is_none_or(|(b, _, _)| start >= b) {
            best = Some((start, section, at));
        }
    };
    for (si, s) in article.sections.iter().enumerate() {
        if let Some(h) = &s.heading {
            consider(h.lines[0], si, 0);
        }
        for (bi, b) in s.blocks.iter().enumerate() {
            consider(b.lines[0], si, bi + 1);
        }
    }
    let (section, at) = match best {
        Some((_, s, a)) => (s, a),
        None if article.sections.first().is_some_and(|s| s.heading.is_none()) => (0, 0),
        None => {
            article.sections.insert(0, Section { heading: None, level: 2, blocks: Vec::new() });
            let summary = &mut article.summary;
            for s in summary.sentences.iter_mut().chain(summary.gists.iter_mut()) {
                s.section += 1;
            }
            (0, 0)
        }
    };
    article.sections[section].blocks.insert(at, block);
    let summary = &mut article.summary;
    for s in summary.sentences.iter_mut().chain(summary.gists.iter_mut()) {
        if s.section == section && s.block >= at {
            s.block += 1;
        }
    }
}

/// One reason's share of the removed list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemovedGroup {
    /// Why these items were removed.
    pub reason: RemovedReason,
    /// Indices into `Article::removed`, in input order.
    pub items: Vec<usize>,
}

/// The removed list grouped by reason (in the order of [`RemovedReason`]), items in input order.
pub fn group_removed(removed: &[Removed]) -> Vec<RemovedGroup> {
    let mut groups: Vec<RemovedGroup> = Vec::new();
    let mut order: Vec<usize> = (0..removed.len()).collect();
    order.sort_by_key(|&i| (removed[i].reason, removed[i].lines, i));
    for i in order {
        match groups.last_mut() {
            Some(g) if g.reason == removed[i].reason => g.items.push(i),
            _ => groups.push(RemovedGroup { reason: removed[i].reason, items: vec![i] }),
        }
    }
    groups
}

/// A short name for a removal reason and a sentence that explains it, for people.
pub fn reason_label(reason: RemovedReason) -> (&'static str, &'static str) {
    match reason {
        RemovedReason::Duplicate => ("Duplicates", "Exact copies of text that is kept elsewhere."),
        RemovedReason::NearDuplicate => ("Near duplicates", "Edited copies of text that is kept elsewhere."),
        RemovedReason::MisplacedHeading => {
            ("Misplaced heading copies", "Copies of a heading that stood away from the text it names.")
        }
        RemovedReason::Boilerplate => ("Page chrome", "Navigation, share and follow lines, ads, newsletter pitches."),
        RemovedReason::PageFurniture => ("Running headers and page numbers", "Repeated on every printed page."),
        RemovedReason::Related => ("Related links", "Lists of other articles."),
        RemovedReason::Comments => ("Comments", "Readers' comments under the article."),
    }
}

/// "line 9" or "lines 9–12".
pub fn lines_label(lines: Lines) -> String {
    if lines[0] == lines[1] {
        format!("line {}", lines[0])
    } else {
        format!("lines {}–{}", lines[0], lines[1])
    }
}

/// What a row of the article body is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RowKind {
    /// A section heading with its level (2 to 6).
    Heading(u8),
    /// A block of body text.
    Block(BlockKind),
}

/// One heading or block of the article body, in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Index of the section in `Article::sections`.
    pub section: usize,
    /// What the row is.
    pub kind: RowKind,
    /// The text (heading text, or the block's text).
    pub text: String,
    /// List items or table rows.
    pub items: Vec<String>,
    /// The input lines.
    pub lines: Lines,
    /// Whether the row is a removed item the user restored.
    pub restored: bool,
}

/// The article body as a flat list of rows: each section's heading (when it has one), then its blocks.
pub fn rows(article: &Article, restored: &[RestoreKey]) -> Vec<Row> {
    let mut out = Vec::new();
    for (si, s) in article.sections.iter().enumerate() {
        if let Some(h) = &s.heading {
            out.push(Row {
                section: si,
                kind: RowKind::Heading(s.level.clamp(2, 6)),
                text: h.text.clone(),
                items: Vec::new(),
                lines: h.lines,
                restored: false,
            });
        }
        for b in &s.blocks {
            out.push(Row {
                section: si,
                kind: RowKind::Block(b.kind),
                text: b.text.clone(),
                items: b.items.clone(),
                lines: b.lines,
                restored: restored.iter().any(|k| k.matches_block(b)),
            });
        }
    }
    out
}

/// One entry of the table of contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TocEntry {
    /// Index of the section.
    pub section: usize,
    /// Heading level, 2 to 6.
    pub level: u8,
    /// The heading.
    pub heading: String,
    /// The section's gist sentence, when the summary has one.
    pub gist: Option<String>,
}

/// The table of contents: every section with a heading and its gist; empty when fewer than three
/// sections have headings (a short article needs none).
pub fn toc(article: &Article) -> Vec<TocEntry> {
    let entries: Vec<TocEntry> = article
        .sections
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let heading = s.heading.as_ref()?.text.clone();
            let gist = article.summary.gists.iter().find(|g| g.section == i).map(|g| g.text.clone());
            Some(TocEntry { section: i, level: s.level.clamp(2, 6), heading, gist })
        })
        .collect();
    if entries.len() >= 3 {
        entries
    } else {
        Vec::new()
    }
}

/// The anchor id of a section's heading.
pub fn section_id(section: usize) -> String {
    format!("section-{section}")
}

/// Byte range of input lines `lines` (1-based, inclusive) in `text`, without the last line's break.
/// Lines end where the core's lines end (`core::normalize::line_end_at`: `\n`, `\r\n`, a lone `\r`,
/// VT, FF, NEL, U+2028, U+2029). `None` when the text has
/// fewer lines than `lines[0]`; a range past the end is cut at the end.
pub fn line_range(text: &str, lines: Lines) -> Option<Range<usize>> {
    let (first, last) = (lines[0].max(1), lines[1].max(lines[0]).max(1));
    let bytes = text.as_bytes();
    let mut line = 1u32;
    let mut start = if first == 1 { Some(0) } else { None };
    let mut i = 0;
    while i < bytes.len() {
        if let Some(len) = crate::core::normalize::line_end_at(bytes, i) {
            if line == last {
                return start.map(|s| s..i);
            }
            i += len;
            line += 1;
            if line == first {
                start = Some(i);
            }
            continue;
        }
        i += 1;
    }
    start.map(|s| s..bytes.len())
}

/// Word and character counts of the input (Unicode words, as the core counts them; characters are
/// Unicode scalar values).
pub fn counts(text: &str) -> (usize, usize) {
    (text.unicode_words().count(), text.chars().count())
}

/// Formats a count with thousands separators: 12,345.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A size in bytes as megabytes (2^20 bytes) with one decimal: 16777216 -> "16.0".
pub fn megabytes(bytes: usize) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

/// How a file the user opened or dropped is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// Plain text or Markdown.
    Text,
    /// An HTML document.
    Html,
}

/// The kind of a file from its name (and, failing that, its MIME type); `None` for files the page
/// does not read (the page says so).
pub fn file_kind(name: &str, mime: &str) -> Option<FileKind> {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "txt" | "text" | "md" | "markdown" | "mdown" | "mkd" => Some(FileKind::Text),
        "html" | "htm" | "xhtml" => Some(FileKind::Html),
        _ => match mime {
            "text/html" | "application/xhtml+xml" => Some(FileKind::Html),
            m if m.starts_with("text/") => Some(FileKind::Text),
            _ => None,
        },
    }
}

/// A file name stem for downloads, from the article's title: lowercase ASCII words joined by
/// hyphens, at most 60 characters; "article" when the title gives nothing usable.
pub fn file_stem(title: Option<&str>) -> String {
    let mut out = String::new();
    for word in title.unwrap_or("").split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        if out.len() + word.len() + 1 > 60 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    if out.is_empty() {
        "article".to_string()
    } else {
        out
    }
}

/// Reading time for people: "< 1 min", "1 min", "12 min".
pub fn reading_time(minutes: f64) -> String {
    if minutes >= 0.5 {
        format!("{} min", minutes.round() as u64)
    } else {
        "< 1 min".to_string() // also NaN
    }
}

/// The page's colour theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follow the system (`prefers-color-scheme`): the default.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// The reader's settings, remembered across reloads.
///
/// Stored as `theme=dark;summary=3;formatting=1` rather than JSON: serde_json's deserializer costs
/// the page about 13 KB of gzipped wasm for three fields (measured), and the page has a size budget.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Colour theme. Default: follow the system.
    pub theme: Theme,
    /// Number of summary sentences (`Options::summary_sentences`); `None` lets the core choose.
    pub summary_sentences: Option<usize>,
    /// Structure a paste from the clipboard's HTML when it carries some. Default: `true`.
    pub use_formatting: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { theme: Theme::System, summary_sentences: None, use_formatting: true }
    }
}

impl Settings {
    /// Reads stored settings; unknown or unreadable entries keep their defaults (a bad entry never
    /// breaks the page).
    pub fn decode(stored: &str) -> Settings {
        let mut s = Settings::default();
        for (key, value) in stored.split(';').filter_map(|kv| kv.split_once('=')) {
            match (key.trim(), value.trim()) {
                ("theme", "light") => s.theme = Theme::Light,
                ("theme", "dark") => s.theme = Theme::Dark,
                ("theme", _) => s.theme = Theme::System,
                ("summary", n) => s.summary_sentences = n.parse::<usize>().ok().map(|n| n.clamp(1, 10)),
                ("formatting", f) => s.use_formatting = f != "0",
                _ => {}
            }
        }
        s
    }

    /// The settings in their stored form.
    pub fn encode(&self) -> String {
        let theme = match self.theme {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        };
        let summary = self.summary_sentences.map(|n| n.to_string()).unwrap_or_default();
        format!("theme={theme};summary={summary};formatting={}", u8::from(self.use_formatting))
    }
}

/// Restore keys in their stored form: `first-last:hash` (hash in hex), comma-separated.
pub fn encode_restore_keys(keys: &[RestoreKey]) -> String {
    keys.iter().map(|k| format!("{}-{}:{:x}", k.lines[0], k.lines[1], k.text)).collect::<Vec<_>>().join(",")
}

/// Reads stored restore keys, skipping any entry that does not parse.
pub fn decode_restore_keys(stored: &str) -> Vec<RestoreKey> {
    stored
        .split(',')
        .filter_map(|entry| {
            let (lines, hash) = entry.trim().split_once(':')?;
            let (a, b) = lines.split_once('-')?;
            Some(RestoreKey { lines: [a.parse().ok()?, b.parse().ok()?], text: u32::from_str_radix(hash, 16).ok()? })
        })
        .collect()
}

/// The block kind named `name` in the Article JSON ("paragraph", "list", ...).
pub fn block_kind_named(name: &str) -> Option<BlockKind> {
    use BlockKind::*;
    [Paragraph, List, Caption, Quote, Code, Table].into_iter().find(|k| k.as_str() == name)
}

/// The removal reason named `name` in the Article JSON ("duplicate", "boilerplate", ...).
pub fn reason_named(name: &str) -> Option<RemovedReason> {
    use RemovedReason::*;
    [Duplicate, NearDuplicate, MisplacedHeading, Boilerplate, PageFurniture, Related, Comments]
        .into_iter()
        .find(|r| r.as_str() == name)
}

/// A page type of the Article JSON as the page names it ("product" -> "Product page").
pub fn page_type_name(t: &str) -> String {
    match t {
        "article" => "Article".to_string(),
        "documentation" => "Documentation".to_string(),
        "forum" => "Forum thread".to_string(),
        other => {
            let mut c = other.chars();
            let first: String = c.next().map(|f| f.to_uppercase().collect()).unwrap_or_default();
            format!("{first}{} page", c.as_str())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{structure, Options, Span, SummarySentence};

    fn span(text: &str, line: u32) -> Span {
        Span::new(text, [line, line])
    }

    fn para(text: &str, line: u32) -> Block {
        Block { kind: BlockKind::Paragraph, text: text.to_string(), items: Vec::new(), lines: [line, line] }
    }

    fn removed(reason: RemovedReason, text: &str, line: u32, of: Option<u32>) -> Removed {
        Removed { reason, text: text.to_string(), lines: [line, line], duplicate_of: of.map(|l| [l, l]) }
    }

    fn sentence(section: usize, block: usize) -> SummarySentence {
        SummarySentence { text: String::new(), section, block, range: [0, 0], lines: [0, 0] }
    }

    /// Title on line 1, a lead (line 2), a removed heading copy (line 3), a section headed on line 4
    /// with blocks on lines 5 and 7, boilerplate on line 6 and a line-0 item before everything.
    fn article() -> Article {
        let mut a = Article::empty();
        a.title = Some(span("Title", 1));
        a.sections = vec![
            Section { heading: None, level: 2, blocks: vec![para("Lead.", 2)] },
            Section { heading: Some(span("Heading", 4)), level: 2, blocks: vec![para("Body.", 5), para("More.", 7)] },
        ];
        a.removed = vec![
            removed(RemovedReason::MisplacedHeading, "Heading", 3, Some(4)),
            removed(RemovedReason::Boilerplate, "Share this", 6, None),
        ];
        a.stats.duplicates_removed = 1;
        a.stats.boilerplate_removed = 1;
        a.summary.sentences = vec![sentence(0, 0), sentence(1, 1)];
        a.summary.gists = vec![sentence(1, 0)];
        a
    }

    fn texts(a: &Article) -> Vec<Vec<&str>> {
        a.sections.iter().map(|s| s.blocks.iter().map(|b| b.text.as_str()).collect()).collect()
    }

    #[test]
    fn no_keys_changes_nothing() {
        assert_eq!(apply_restores(&article(), &[]), article());
    }

    #[test]
    fn a_restored_item_goes_back_after_what_precedes_it_in_the_input() {
        let a = article();
        let out = apply_restores(&a, &[RestoreKey::of(&a.removed[1])]);
        assert_eq!(texts(&out), [vec!["Lead."], vec!["Body.", "Share this", "More."]]);
        assert_eq!(out.sections[1].blocks[1].lines, [6, 6]);
        assert_eq!(out.removed.len(), 1, "the restored item leaves the removed list");
        assert_eq!((out.stats.duplicates_removed, out.stats.boilerplate_removed), (1, 0));
        assert_eq!(out.summary.sentences[1].block, 2, "the summary still points at 'More.'");
        assert_eq!(out.summary.sentences[0].block, 0);
        assert_eq!(out.summary.gists[0].block, 0, "'Body.' did not move");
    }

    #[test]
    fn an_item_between_sections_ends_the_earlier_section() {
        let a = article();
        let out = apply_restores(&a, &[RestoreKey::of(&a.removed[0])]);
        assert_eq!(texts(&out), [vec!["Lead.", "Heading"], vec!["Body.", "More."]]);
        assert_eq!(out.stats.duplicates_removed, 0);
    }

    #[test]
    fn an_item_before_everything_opens_a_lead_section() {
        let mut a = article();
        a.sections.remove(0);
        a.summary.sentences = vec![sentence(0, 1)];
        a.summary.gists = vec![sentence(0, 0)];
        a.removed.insert(0, removed(RemovedReason::Boilerplate, "Skip to content", 1, None));
        let out = apply_restores(&a, &[RestoreKey::of(&a.removed[0])]);
        assert_eq!(texts(&out), [vec!["Skip to content"], vec!["Body.", "More."]]);
        assert!(out.sections[0].heading.is_none());
        assert_eq!(out.summary.sentences[0].section, 1);
        assert_eq!(out.summary.gists[0].section, 1);
    }

    #[test]
    fn a_key_restores_only_the_same_text_on_the_same_lines() {
        let a = article();
        let mut key = RestoreKey::of(&a.removed[1]);
        key.text ^= 1;
        assert_eq!(apply_restores(&a, &[key]), a);
        let moved = RestoreKey { lines: [9, 9], ..RestoreKey::of(&a.removed[1]) };
        assert_eq!(apply_restores(&a, &[moved]), a);
    }

    #[test]
    fn restoring_everything_keeps_every_line() {
        let a = article();
        let keys: Vec<RestoreKey> = a.removed.iter().map(RestoreKey::of).collect();
        let out = apply_restores(&a, &keys);
        assert!(out.removed.is_empty());
        let mut lines: Vec<u32> = out.sections.iter().flat_map(|s| s.blocks.iter().map(|b| b.lines[0])).collect();
        lines.sort();
        assert_eq!(lines, [2, 3, 5, 6, 7]);
    }

    #[test]
    fn rows_mark_restored_blocks() {
        let a = article();
        let keys = [RestoreKey::of(&a.removed[1])];
        let out = apply_restores(&a, &keys);
        let rows = rows(&out, &keys);
        let shown: Vec<(&str, bool)> = rows.iter().map(|r| (r.text.as_str(), r.restored)).collect();
        assert_eq!(
            shown,
            [("Lead.", false), ("Heading", false), ("Body.", false), ("Share this", true), ("More.", false)]
        );
        assert_eq!((rows[1].kind, rows[1].section), (RowKind::Heading(2), 1));
        assert_eq!(rows[2].kind, RowKind::Block(BlockKind::Paragraph));
    }

    #[test]
    fn groups_follow_reason_order_with_counts() {
        let list = vec![
            removed(RemovedReason::Boilerplate, "Advertisement", 9, None),
            removed(RemovedReason::Duplicate, "Copy", 3, Some(2)),
            removed(RemovedReason::Boilerplate, "Share", 5, None),
        ];
        let g = group_removed(&list);
        assert_eq!(g.len(), 2);
        assert_eq!((g[0].reason, g[0].items.clone()), (RemovedReason::Duplicate, vec![1]));
        assert_eq!((g[1].reason, g[1].items.clone()), (RemovedReason::Boilerplate, vec![2, 0]));
    }

    #[test]
    fn toc_needs_three_headed_sections_and_carries_gists() {
        let mut a = article();
        assert!(toc(&a).is_empty());
        for (i, h) in ["Two", "Three"].iter().enumerate() {
            a.sections.push(Section { heading: Some(span(h, 10 + i as u32)), level: 3, blocks: Vec::new() });
        }
        a.summary.gists[0].text = "The gist.".into();
        let t = toc(&a);
        assert_eq!(t.iter().map(|e| e.heading.as_str()).collect::<Vec<_>>(), ["Heading", "Two", "Three"]);
        assert_eq!(t[0].gist.as_deref(), Some("The gist."));
        assert_eq!((t[0].section, t[1].level, t[2].gist.clone()), (1, 3, None));
    }

    #[test]
    fn line_ranges_follow_the_cores_line_breaks() {
        let text = "one\ntwo\r\nthree\rfour";
        let slice = |l: Lines| line_range(text, l).map(|r| &text[r]);
        assert_eq!(slice([1, 1]), Some("one"));
        assert_eq!(slice([2, 2]), Some("two"));
        assert_eq!(slice([3, 3]), Some("three"));
        assert_eq!(slice([4, 4]), Some("four"));
        assert_eq!(slice([2, 3]), Some("two\r\nthree"));
        assert_eq!(slice([3, 9]), Some("three\rfour"), "a range past the end stops at the end");
        assert_eq!(slice([5, 5]), None);
        assert_eq!(line_range("", [1, 1]), Some(0..0));
        assert_eq!(line_range("a\n", [2, 2]), Some(2..2));
    }

    #[test]
    fn line_ranges_hold_the_text_the_core_took_from_them() {
        let text = "A Title For The Test\n\nThe first paragraph of the article, which has a sentence.\n\nMore text here, in a second paragraph.\n";
        let a = structure(text, &Options::default());
        let t = a.title.expect("a title");
        assert_eq!(&text[line_range(text, t.lines).unwrap()], t.text);
        for b in a.sections.iter().flat_map(|s| &s.blocks) {
            assert_eq!(&text[line_range(text, b.lines).unwrap()], b.text);
        }
    }

    #[test]
    fn counts_words_and_characters() {
        assert_eq!(counts(""), (0, 0));
        assert_eq!(counts("Héllo, wörld! It's 3.5 km."), (5, 26));
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(megabytes(16 * 1024 * 1024), "16.0");
        assert_eq!(megabytes(10_500_000), "10.0");
    }

    #[test]
    fn file_kinds_by_extension_then_type() {
        assert_eq!(file_kind("notes.TXT", ""), Some(FileKind::Text));
        assert_eq!(file_kind("post.md", ""), Some(FileKind::Text));
        assert_eq!(file_kind("page.html", ""), Some(FileKind::Html));
        assert_eq!(file_kind("page", "text/html"), Some(FileKind::Html));
        assert_eq!(file_kind("readme", "text/plain"), Some(FileKind::Text));
        assert_eq!(file_kind("photo.png", "image/png"), None);
        assert_eq!(file_kind("report.pdf", "application/pdf"), None);
    }

    #[test]
    fn settings_survive_a_round_trip_and_garbage_gives_defaults() {
        for s in [
            Settings::default(),
            Settings { theme: Theme::Dark, summary_sentences: Some(3), use_formatting: false },
            Settings { theme: Theme::Light, summary_sentences: None, use_formatting: true },
        ] {
            assert_eq!(Settings::decode(&s.encode()), s);
        }
        assert_eq!(Settings::decode("not settings"), Settings::default());
        assert_eq!(Settings::decode("").theme, Theme::System);
        assert_eq!(Settings::decode("theme=light").theme, Theme::Light);
        assert!(Settings::decode("theme=light").use_formatting, "missing fields keep defaults");
        assert_eq!(Settings::decode("summary=99").summary_sentences, Some(10));
        assert_eq!(Settings::decode("summary=x").summary_sentences, None);
        let keys = vec![RestoreKey { lines: [3, 4], text: 7 }, RestoreKey { lines: [10, 10], text: u32::MAX }];
        assert_eq!(decode_restore_keys(&encode_restore_keys(&keys)), keys);
        assert_eq!(decode_restore_keys(""), []);
        assert_eq!(decode_restore_keys("3-4:7,junk,5-x:1,6-6:zz"), [RestoreKey { lines: [3, 4], text: 7 }]);
    }

    #[test]
    fn restoring_a_heading_copy_of_the_sample() {
        let text = include_str!("../assets/sample.txt");
        let a = structure(text, &Options::default());
        let copy = a.removed.iter().find(|r| r.reason == RemovedReason::MisplacedHeading).expect("a heading copy");
        let out = apply_restores(&a, &[RestoreKey::of(copy)]);
        assert_eq!(out.removed.len(), a.removed.len() - 1);
        let shown = rows(&out, &[RestoreKey::of(copy)]);
        let back: Vec<&Row> = shown.iter().filter(|r| r.restored).collect();
        assert_eq!(back.len(), 1);
        assert_eq!((back[0].text.as_str(), back[0].lines), (copy.text.as_str(), copy.lines));
        let before = shown.iter().take_while(|r| !r.restored).last().expect("something precedes it");
        assert!(before.lines[0] < copy.lines[0], "it follows what precedes it in the input");
        for s in out.summary.sentences.iter().chain(&out.summary.gists) {
            let block = &out.sections[s.section].blocks[s.block];
            assert!(block.text.contains(&s.text), "summary indices still point at their sentences");
        }
    }

    #[test]
    fn kinds_and_reasons_by_their_json_names() {
        for k in [
            BlockKind::Paragraph,
            BlockKind::List,
            BlockKind::Caption,
            BlockKind::Quote,
            BlockKind::Code,
            BlockKind::Table,
        ] {
            assert_eq!(block_kind_named(k.as_str()), Some(k));
        }
        assert_eq!(reason_named("near-duplicate"), Some(RemovedReason::NearDuplicate));
        assert_eq!(reason_named("comments"), Some(RemovedReason::Comments));
        assert_eq!(block_kind_named("figure"), None);
        assert_eq!(reason_named(""), None);
    }

    #[test]
    fn file_stems_and_labels() {
        assert_eq!(file_stem(Some("India & Japan: a <new> Alliance!")), "india-japan-a-new-alliance");
        assert_eq!(file_stem(Some("日本語")), "article");
        assert_eq!(file_stem(None), "article");
        assert!(file_stem(Some(&"word ".repeat(40))).len() <= 60);
        assert_eq!(lines_label([9, 9]), "line 9");
        assert_eq!(lines_label([9, 12]), "lines 9–12");
        assert_eq!(reading_time(0.2), "< 1 min");
        assert_eq!(reading_time(4.0), "4 min");
        assert_eq!(reading_time(f64::NAN), "< 1 min");
    }
}
