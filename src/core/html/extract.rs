//! An inert tree -> the article's blocks, each with its role, found by evidence from the markup.
//!
//! 1. Text blocks: the text of each innermost block element (`p`, `li`, `h1`-`h6`, `pre`,
//!    `figcaption`, `td`..., or text standing directly in a `div`), whitespace collapsed, split at
//!    double `<br>`s; `pre` keeps its spacing; data tables become one block of rows. Scripts,
//!    styles, templates, `noscript`, embedded media and form fields carry no text.
//! 2. Chrome set apart before scoring: hidden elements (`hidden`, `aria-hidden`, inline
//!    `display:none`/`visibility:hidden`), `nav`, `aside`, `footer`, `dialog`, buttons, ARIA
//!    landmarks that are not content (`navigation`, `complementary`, `contentinfo`, `search`,
//!    `dialog`, `menu`...), and elements whose class or id names a common page part (comments,
//!    sidebar, related, share, ad, menu, breadcrumbs, newsletter, cookie consent...), unless it also
//!    names content (`article`, `content`, `main`, `body`...).
//! 3. The article's container, scored as Readability does: each paragraph of 25+ characters adds
//!    1 + its commas + its length (up to 3) to its parent, half to the grandparent and less to
//!    three more ancestors; containers start from their tag and the class/id evidence; scores
//!    are scaled by 1 - link density. The best container, moved up when its parent or several
//!    close rivals say so, plus the siblings that score near it or are clean prose paragraphs.
//! 4. Inside it, lists, tables, divs and forms that are link-heavy, list-heavy, image-heavy,
//!    field-heavy or empty are left out, innermost first (Readability's conditional cleaning).
//! 5. Roles from the tags: headings with levels, paragraphs, list items (ordered, depth), quotes,
//!    code, captions, tables; short stock chrome lines ("Advertisement", "Share this") inside the
//!    article are left out by the same evidence as the plain-text path. What is left out keeps its
//!    text and lines in `removed`, with a reason (comments, related links, boilerplate).
//!
//! When the class/id evidence leaves too little (under 500 characters), the search is run again
//! without it, then without conditional cleaning, and the longest result is kept.

use crate::core::article::RemovedReason;
use crate::core::evidence;
use crate::core::normalize;
use crate::core::types::{Classified, Role, Shape, Unit};

use super::tree::{Data, Document, NONE};

/// What a text block is, from its markup.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// `h1`-`h6`, with the level.
    Heading(u8),
    /// `p`, text in a `div` or a layout table cell.
    Paragraph,
    /// `li`: ordered, marker, nesting depth.
    Item(bool, String, u8),
    /// Inside a `blockquote`.
    Quote,
    /// `pre`.
    Code,
    /// `figcaption` or a table `caption`.
    Caption,
    /// A data table; the rows, cells separated by tabs.
    Table(Vec<String>),
}

/// One block of text and where it came from.
#[derive(Clone, Debug)]
pub struct TextBlock {
    /// The innermost block element that holds it (0: the document).
    pub owner: u32,
    /// What it is.
    pub kind: Kind,
    /// The text, whitespace collapsed (code keeps its spacing).
    pub text: String,
    /// Characters of text inside links.
    pub link_chars: usize,
    /// Byte range in the source.
    pub range: (usize, usize),
}

/// Why a block is left out, decided per element before scoring.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Pruned {
    Keep,
    Skip,
    Out(RemovedReason),
}

/// Elements whose content is not text a reader sees (or not text at all).
const SKIP: &[&str] = &[
    "script", "style", "template", "noscript", "textarea", "select", "datalist", "svg", "math", "canvas", "iframe",
    "object", "embed", "video", "audio", "map", "head", "title", "meta", "link", "base", "noembed", "noframes",
    "frameset", "frame", "applet", "param", "source", "track", "input", "img", "picture",
];

/// Elements that start a new block of text.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "ul",
    "legend",
    "search",
    "button",
    "label",
    "option",
    "listing",
    "xmp",
    "plaintext",
];

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// Lower-case words of a class or id: split at punctuation and at lower-to-upper case changes.
fn name_tokens(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        cur.extend(c.to_lowercase());
        if out.len() > 64 {
            break;
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn class_and_id(node: &super::tree::Node) -> Vec<String> {
    let mut t = name_tokens(node.attr("class").unwrap_or(""));
    t.extend(name_tokens(node.attr("id").unwrap_or("")));
    t
}

fn has_token(tokens: &[String], exact: &[&str], prefixes: &[&str]) -> bool {
    tokens.iter().any(|t| exact.contains(&t.as_str()) || prefixes.iter().any(|p| t.starts_with(p)))
}

/// Class/id words that name reader comments.
fn names_comments(t: &[String]) -> bool {
    has_token(t, &["replies", "reply", "respond", "responses"], &["comment", "disqus"])
}

/// Class/id words that name related-content widgets.
fn names_related(t: &[String]) -> bool {
    has_token(t, &["recirc", "outbrain", "taboola"], &["related", "recommend"])
}

/// Class/id words that name other page parts.
fn names_chrome(t: &[String]) -> bool {
    has_token(
        t,
        &[
            "ad",
            "ads",
            "adv",
            "banner",
            "breadcrumb",
            "breadcrumbs",
            "combx",
            "consent",
            "gdpr",
            "menu",
            "navbar",
            "nav",
            "navigation",
            "masthead",
            "footer",
            "header",
            "pagination",
            "pager",
            "popup",
            "modal",
            "skyscraper",
            "shoutbox",
            "toolbar",
            "agegate",
            "paywall",
            "signup",
            "community",
            "remark",
            "rss",
            "legends",
            "supplemental",
            "extra",
        ],
        &["advert", "sidebar", "sponsor", "newsletter", "cookie", "promo", "subscri", "social"],
    )
}

/// Class/id words that name content.
fn names_content(t: &[String]) -> bool {
    has_token(t, &["and", "article", "body", "column", "content", "main", "story", "shadow", "mathjax"], &[])
}

/// Class/id words of share widgets (left out when small).
fn names_share(t: &[String]) -> bool {
    has_token(t, &["share", "sharing", "sharedaddy", "sharebar", "shares"], &[])
}

/// Readability's class weight: +25 for content words, -25 for chrome words, per attribute.
fn class_weight(node: &super::tree::Node) -> f64 {
    const POSITIVE: &[&str] =
        &["article", "body", "content", "entry", "hentry", "main", "page", "post", "text", "blog", "story"];
    const NEGATIVE: &[&str] = &[
        "hidden",
        "hid",
        "banner",
        "combx",
        "comment",
        "com",
        "contact",
        "footer",
        "gdpr",
        "masthead",
        "media",
        "meta",
        "outbrain",
        "promo",
        "related",
        "scroll",
        "share",
        "shoutbox",
        "sidebar",
        "skyscraper",
        "sponsor",
        "shopping",
        "tags",
        "widget",
        "ad",
    ];
    let mut w = 0.0;
    for attr in ["class", "id"] {
        let t = name_tokens(node.attr(attr).unwrap_or(""));
        if t.is_empty() {
            continue;
        }
        if t.iter().any(|x| NEGATIVE.contains(&x.as_str())) {
            w -= 25.0;
        }
        if t.iter().any(|x| POSITIVE.contains(&x.as_str())) {
            w += 25.0;
        }
    }
    w
}

fn is_hidden(node: &super::tree::Node) -> bool {
    if node.attr("hidden").is_some() || node.attr("aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if let Some(style) = node.attr("style") {
        let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

/// Per-element counts, summed over descendants.
#[derive(Clone, Copy, Debug, Default)]
struct Stats {
    chars: u32,
    link_chars: u32,
    commas: u32,
    list_chars: u32,
    heading_chars: u32,
    p: u32,
    img: u32,
    li: u32,
    input: u32,
    embed: u32,
}

/// A count for [`Stats`] (32 bits: ten of them per node of the tree; an input has fewer than 2^32
/// characters, and the sums saturate).
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Stats {
    fn add(&mut self, o: &Stats) {
        self.chars = self.chars.saturating_add(o.chars);
        self.link_chars = self.link_chars.saturating_add(o.link_chars);
        self.commas = self.commas.saturating_add(o.commas);
        self.list_chars = self.list_chars.saturating_add(o.list_chars);
        self.heading_chars = self.heading_chars.saturating_add(o.heading_chars);
        self.p = self.p.saturating_add(o.p);
        self.img = self.img.saturating_add(o.img);
        self.li = self.li.saturating_add(o.li);
        self.input = self.input.saturating_add(o.input);
        self.embed = self.embed.saturating_add(o.embed);
    }

    fn sub(&mut self, o: &Stats) {
        self.chars = self.chars.saturating_sub(o.chars);
        self.link_chars = self.link_chars.saturating_sub(o.link_chars);
        self.commas = self.commas.saturating_sub(o.commas);
        self.list_chars = self.list_chars.saturating_sub(o.list_chars);
        self.heading_chars = self.heading_chars.saturating_sub(o.heading_chars);
        self.p = self.p.saturating_sub(o.p);
        self.img = self.img.saturating_sub(o.img);
        self.li = self.li.saturating_sub(o.li);
        self.input = self.input.saturating_sub(o.input);
        self.embed = self.embed.saturating_sub(o.embed);
    }

    fn link_density(&self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f64 / self.chars as f64
        }
    }
}

fn is_comma(c: char) -> bool {
    matches!(
        c,
        ',' | '\u{060C}' | '\u{FE50}' | '\u{FE10}' | '\u{FE11}' | '\u{2E41}' | '\u{2E34}' | '\u{2E32}' | '\u{FF0C}'
    )
}

/// Characters of text with whitespace runs counted once, and the commas in it.
fn collapsed_len(s: &str) -> (usize, usize) {
    let mut n = 0;
    let mut commas = 0;
    let mut space = true;
    for c in s.chars() {
        if c.is_whitespace() {
            if !space {
                n += 1;
                space = true;
            }
        } else {
            n += 1;
            space = false;
            if is_comma(c) {
                commas += 1;
            }
        }
    }
    (n, commas)
}

/// Everything the extractor knows about the tree, per node.
pub struct Analysis<'a> {
    doc: &'a Document,
    /// Index of the last node in each node's subtree.
    last: Vec<u32>,
    /// Whether a node is inside a link.
    in_link: Vec<bool>,
    stats: Vec<Stats>,
    /// Whether an element has block elements (or tables) among its children.
    block_children: Vec<bool>,
    /// For `li` elements: their position among the `li` children of their parent.
    li_index: Vec<u32>,
    /// The text blocks, in source order.
    pub blocks: Vec<TextBlock>,
}

impl<'a> Analysis<'a> {
    /// Measures a parsed document and cuts it into text blocks.
    pub fn new(doc: &'a Document) -> Analysis<'a> {
        let n = doc.nodes.len();
        let mut last: Vec<u32> = (0..n as u32).collect();
        for i in (1..n).rev() {
            let p = doc.nodes[i].parent;
            if p != NONE && last[p as usize] < last[i] {
                last[p as usize] = last[i];
            }
        }
        let mut in_link = vec![false; n];
        let mut skipped = vec![false; n];
        for i in 1..n {
            let node = &doc.nodes[i];
            let p = node.parent as usize;
            in_link[i] = in_link[p] || node.name() == "a";
            skipped[i] = skipped[p] || SKIP.contains(&node.name());
        }
        let mut stats = vec![Stats::default(); n];
        let mut in_list = vec![false; n];
        let mut in_heading = vec![false; n];
        for i in 1..n {
            let p = doc.nodes[i].parent as usize;
            let name = doc.nodes[i].name();
            in_list[i] = in_list[p] || matches!(name, "ul" | "ol");
            in_heading[i] = in_heading[p] || heading_level(name).is_some();
        }
        for i in (1..n).rev() {
            let node = &doc.nodes[i];
            let mut s = stats[i];
            match &node.data {
                Data::Text(t) if !skipped[i] => {
                    let (chars, commas) = collapsed_len(t);
                    let (chars, commas) = (count(chars), count(commas));
                    s.chars = s.chars.saturating_add(chars);
                    s.commas = s.commas.saturating_add(commas);
                    if in_link[i] {
                        s.link_chars = s.link_chars.saturating_add(chars);
                    }
                    if in_list[i] {
                        s.list_chars = s.list_chars.saturating_add(chars);
                    }
                    if in_heading[i] {
                        s.heading_chars = s.heading_chars.saturating_add(chars);
                    }
                }
                Data::Element { name, .. } => match name.as_str() {
                    "p" => s.p = s.p.saturating_add(1),
                    "img" | "picture" => s.img = s.img.saturating_add(1),
                    "li" => s.li = s.li.saturating_add(1),
                    "input" | "select" | "textarea" | "button" => s.input = s.input.saturating_add(1),
                    "iframe" | "object" | "embed" | "video" | "audio" => s.embed = s.embed.saturating_add(1),
                    _ => {}
                },
                _ => {}
            }
            stats[i] = s;
            let p = node.parent;
            if p != NONE {
                let add = stats[i];
                stats[p as usize].add(&add);
            }
        }
        let mut block_children = vec![false; n];
        let mut li_index = vec![0u32; n];
        for node in &doc.nodes {
            let mut lis = 0u32;
            for &c in &node.children {
                let name = doc.nodes[c as usize].name();
                if BLOCK.contains(&name) || name == "table" {
                    if let Some(p) = block_children.get_mut(doc.nodes[c as usize].parent as usize) {
                        *p = true;
                    }
                }
                if name == "li" {
                    li_index[c as usize] = lis;
                    lis += 1;
                }
            }
        }
        let mut a = Analysis { doc, last, in_link, stats, block_children, li_index, blocks: Vec::new() };
        a.blocks = a.cut_blocks(&skipped);
        a
    }

    fn name(&self, i: u32) -> &str {
        self.doc.nodes[i as usize].name()
    }

    fn parent(&self, i: u32) -> u32 {
        self.doc.nodes[i as usize].parent
    }

    /// Ancestors of `i`, nearest first (not `i` itself, not the document).
    fn ancestors(&self, i: u32) -> impl Iterator<Item = u32> + '_ {
        let mut cur = i;
        std::iter::from_fn(move || {
            let p = self.parent(cur);
            if p == NONE || p == 0 {
                return None;
            }
            cur = p;
            Some(p)
        })
    }

    /// Ancestors of `i`, nearest first, ending with the document itself: what a paragraph's score
    /// goes to (a pasted fragment has no container but the document).
    fn score_ancestors(&self, i: u32) -> impl Iterator<Item = u32> + '_ {
        let mut cur = i;
        std::iter::from_fn(move || {
            let p = self.parent(cur);
            if p == NONE {
                return None;
            }
            cur = p;
            Some(p)
        })
    }

    fn is_ancestor(&self, a: u32, of: u32) -> bool {
        a <= of && of <= self.last[a as usize]
    }

    /// The text of a subtree: collapsed, or raw for code.
    fn subtree_text(&self, root: u32, raw: bool) -> (String, usize, (usize, usize)) {
        let mut s = String::new();
        let mut link = 0;
        let mut range = (usize::MAX, 0);
        let mut i = root as usize + 1;
        let end = self.last[root as usize] as usize;
        while i <= end {
            let node = &self.doc.nodes[i];
            match &node.data {
                Data::Element { name, .. } if SKIP.contains(&name.as_str()) => {
                    i = self.last[i] as usize + 1;
                    continue;
                }
                Data::Element { name, .. } if name == "br" => s.push(if raw { '\n' } else { ' ' }),
                Data::Element { name, .. } if !raw && BLOCK.contains(&name.as_str()) => s.push(' '),
                Data::Text(t) => {
                    s.push_str(t);
                    if self.in_link[i] {
                        link += collapsed_len(t).0;
                    }
                    range.0 = range.0.min(node.start);
                    range.1 = range.1.max(node.end);
                }
                _ => {}
            }
            i += 1;
        }
        let text = if raw { trim_blank_lines(&s) } else { super::meta::collapse(&s) };
        if range.0 == usize::MAX {
            let n = &self.doc.nodes[root as usize];
            range = (n.start, n.end);
        }
        (text, link, range)
    }

    /// A data table read as a grid of rows: a data table whose cells hold no lists, headings or
    /// quotes.
    fn is_grid_table(&self, t: u32) -> bool {
        self.table_kind(t) == (true, false)
    }

    /// A data table, as Readability tells them apart: marked as data (`th`, `thead`, `caption`,
    /// `col`) or rows of short cells; left alone by the conditional cleaning.
    fn is_data_table(&self, t: u32) -> bool {
        self.table_kind(t).0
    }

    /// (data table, cells hold structure: lists, headings, quotes).
    fn table_kind(&self, t: u32) -> (bool, bool) {
        let node = &self.doc.nodes[t as usize];
        if node.attr("role").is_some_and(|r| matches!(r.trim(), "presentation" | "none")) {
            return (false, false);
        }
        let (mut rows, mut cols, mut marked, mut blocks, mut structured) = (0usize, 0usize, false, false, false);
        let mut cells_in_row = 0usize;
        let mut i = t as usize + 1;
        let end = self.last[t as usize] as usize;
        while i <= end {
            match self.doc.nodes[i].name() {
                "table" => return (false, true),
                "tr" => {
                    rows += 1;
                    cols = cols.max(cells_in_row);
                    cells_in_row = 0;
                }
                "td" | "th" => {
                    cells_in_row += 1;
                    if self.doc.nodes[i].name() == "th" {
                        marked = true;
                    }
                }
                "thead" | "tfoot" | "caption" | "col" | "colgroup" => marked = true,
                "p" | "div" => blocks = true,
                "ul" | "ol" | "dl" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "pre" => {
                    structured = true
                }
                _ => {}
            }
            i += 1;
        }
        cols = cols.max(cells_in_row);
        // Cells that hold lists, headings or quotes are read as blocks, cell by cell (an infobox,
        // a layout grid); unmarked tables of paragraphs are layout.
        let data = if marked {
            true
        } else if blocks || rows <= 1 || cols <= 1 {
            false
        } else {
            rows >= 10 || cols > 4 || rows * cols > 10
        };
        (data, structured)
    }

    /// A data table as one block of rows, and its caption as a block of its own (before it).
    fn table_block(&self, t: u32) -> (Option<TextBlock>, TextBlock) {
        let mut rows: Vec<String> = Vec::new();
        let mut caption: Option<TextBlock> = None;
        let mut i = t as usize + 1;
        let end = self.last[t as usize] as usize;
        let mut row: Vec<String> = Vec::new();
        let mut link = 0;
        while i <= end {
            let name = self.doc.nodes[i].name();
            match name {
                "tr" => {
                    if !row.is_empty() {
                        rows.push(row.join("\t"));
                    }
                    row = Vec::new();
                }
                "td" | "th" | "caption" => {
                    let (text, l, range) = self.subtree_text(i as u32, false);
                    if name == "caption" {
                        if !text.is_empty() && caption.is_none() {
                            caption =
                                Some(TextBlock { owner: i as u32, kind: Kind::Caption, text, link_chars: l, range });
                        }
                    } else {
                        link += l;
                        row.push(text.replace('\t', " "));
                    }
                    i = self.last[i] as usize + 1;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
        if !row.is_empty() {
            rows.push(row.join("\t"));
        }
        rows.retain(|r| !r.trim().is_empty());
        let n = &self.doc.nodes[t as usize];
        let table = TextBlock {
            owner: t,
            text: rows.join("\n"),
            kind: Kind::Table(rows),
            link_chars: link,
            range: (n.start, n.end),
        };
        (caption, table)
    }

    /// Cuts the document into text blocks, in source order.
    fn cut_blocks(&self, skipped: &[bool]) -> Vec<TextBlock> {
        let n = self.doc.nodes.len();
        let mut out: Vec<TextBlock> = Vec::new();
        // Open block elements: (node, last index of its subtree).
        let mut open: Vec<u32> = vec![0];
        let mut cur = Building::default();
        let mut i = 1;
        while i < n {
            while open.len() > 1 && (i as u32) > self.last[*open.last().unwrap_or(&0) as usize] {
                open.pop();
                self.flush(&mut cur, &mut out);
            }
            let node = &self.doc.nodes[i];
            if skipped[i] {
                i = self.last[i] as usize + 1;
                continue;
            }
            match &node.data {
                Data::Element { name, .. } => {
                    let name = name.as_str();
                    if !BLOCK.contains(&name) && is_hidden(node) {
                        // Hidden inline text is no part of the paragraph around it: a block of its
                        // own, which the pruning leaves out.
                        let (text, link_chars, range) = self.subtree_text(i as u32, false);
                        if !text.is_empty() {
                            out.push(TextBlock { owner: i as u32, kind: Kind::Paragraph, text, link_chars, range });
                        }
                        i = self.last[i] as usize + 1;
                        continue;
                    }
                    if name == "br" {
                        cur.brs += 1;
                    } else if name == "hr" {
                        self.flush(&mut cur, &mut out);
                    } else if name == "pre" || name == "listing" || name == "xmp" || name == "plaintext" {
                        self.flush(&mut cur, &mut out);
                        let (text, link_chars, range) = self.subtree_text(i as u32, true);
                        if !text.trim().is_empty() {
                            out.push(TextBlock { owner: i as u32, kind: Kind::Code, text, link_chars, range });
                        }
                        i = self.last[i] as usize + 1;
                        continue;
                    } else if let Some(level) = heading_level(name) {
                        self.flush(&mut cur, &mut out);
                        let (text, link_chars, range) = self.subtree_text(i as u32, false);
                        if !text.is_empty() {
                            out.push(TextBlock {
                                owner: i as u32,
                                kind: Kind::Heading(level),
                                text,
                                link_chars,
                                range,
                            });
                        }
                        i = self.last[i] as usize + 1;
                        continue;
                    } else if name == "table" && self.is_grid_table(i as u32) {
                        self.flush(&mut cur, &mut out);
                        let (caption, b) = self.table_block(i as u32);
                        out.extend(caption);
                        if !b.text.is_empty() {
                            out.push(b);
                        }
                        i = self.last[i] as usize + 1;
                        continue;
                    } else if BLOCK.contains(&name) {
                        self.flush(&mut cur, &mut out);
                        open.push(i as u32);
                    }
                }
                Data::Text(t) => {
                    let owner = *open.last().unwrap_or(&0);
                    if cur.owner != owner || cur.brs >= 2 && !t.trim().is_empty() {
                        self.flush(&mut cur, &mut out);
                        cur.owner = owner;
                    }
                    if !t.trim().is_empty() {
                        if cur.brs == 1 {
                            cur.space = true;
                        }
                        cur.brs = 0;
                    }
                    cur.push(t, self.in_link[i], node.start, node.end);
                }
                Data::Document => {}
            }
            i += 1;
        }
        self.flush(&mut cur, &mut out);
        out
    }

    fn flush(&self, cur: &mut Building, out: &mut Vec<TextBlock>) {
        let b = std::mem::take(cur);
        if b.text.is_empty() {
            return;
        }
        let kind = self.kind_of(b.owner);
        out.push(TextBlock { owner: b.owner, kind, text: b.text, link_chars: b.link_chars, range: b.range });
    }

    /// What the text of a block element is, from the element and its ancestors.
    fn kind_of(&self, owner: u32) -> Kind {
        if owner == 0 {
            return Kind::Paragraph;
        }
        let mut chain = std::iter::once(owner).chain(self.ancestors(owner));
        let mut quote = false;
        for a in chain.by_ref().take(64) {
            match self.name(a) {
                "figcaption" | "caption" => return Kind::Caption,
                "blockquote" => quote = true,
                "article" | "main" | "body" => break,
                _ => {}
            }
        }
        if quote {
            return Kind::Quote;
        }
        if self.name(owner) == "li" {
            let parent = self.parent(owner);
            let ordered = self.name(parent) == "ol";
            let depth = self.ancestors(owner).take(64).filter(|&a| self.name(a) == "li").count().min(6) as u8;
            let marker = if ordered { format!("{}.", self.li_index[owner as usize] + 1) } else { "-".to_string() };
            return Kind::Item(ordered, marker, depth);
        }
        Kind::Paragraph
    }
}

/// A block being built from text nodes.
#[derive(Default)]
struct Building {
    owner: u32,
    text: String,
    link_chars: usize,
    range: (usize, usize),
    /// A space is due before the next word.
    space: bool,
    /// `<br>`s since the last text.
    brs: u32,
}

impl Building {
    fn push(&mut self, t: &str, link: bool, start: usize, end: usize) {
        if t.starts_with(char::is_whitespace) {
            self.space = true;
        }
        // Clean text (`normalize`'s table) before the words are counted: a text of controls alone is
        // no text.
        let cleaned;
        let t = if t.bytes().all(|b| (0x20..0x7f).contains(&b) || b.is_ascii_whitespace()) {
            t
        } else {
            cleaned = normalize::clean_text(t);
            cleaned.as_str()
        };
        let mut words = t.split_whitespace().peekable();
        if words.peek().is_none() {
            return;
        }
        if self.text.is_empty() {
            self.range = (start, end);
        } else {
            self.range.1 = end;
        }
        for w in words {
            if self.space && !self.text.is_empty() {
                self.text.push(' ');
                if link {
                    self.link_chars += 1;
                }
            }
            self.text.push_str(w);
            if link {
                self.link_chars += w.chars().count();
            }
            self.space = true;
        }
        self.space = t.ends_with(char::is_whitespace);
    }
}

fn trim_blank_lines(s: &str) -> String {
    let lines: Vec<&str> = s.lines().collect();
    let first = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(lines.len());
    let last = lines.iter().rposition(|l| !l.trim().is_empty()).map(|p| p + 1).unwrap_or(first);
    lines[first..last.max(first)].iter().map(|l| l.trim_end()).collect::<Vec<_>>().join("\n")
}

/// How hard the search for the article may lean on class/id evidence and cleaning.
#[derive(Clone, Copy)]
struct Flags {
    /// Take the whole document as the container (the last resort when no container holds
    /// enough text: a page of short blocks, such as a product page or a list of features).
    whole: bool,
    strip_unlikely: bool,
    weight_classes: bool,
    clean_conditionally: bool,
}

/// The outcome of the article search: a reason per block for those left out.
pub struct Selection {
    /// `None`: the block is article; otherwise why it is left out.
    pub removed: Vec<Option<RemovedReason>>,
    /// Characters of article text found.
    pub chars: usize,
}

impl<'a> Analysis<'a> {
    /// Why each element is set apart before scoring (inherited by its subtree).
    fn prune(&self, flags: Flags) -> Vec<Pruned> {
        let n = self.doc.nodes.len();
        let mut out = vec![Pruned::Keep; n];
        for (i, node) in self.doc.nodes.iter().enumerate().skip(1) {
            let parent = out[node.parent as usize];
            if parent != Pruned::Keep {
                out[i] = parent;
                continue;
            }
            let Data::Element { name, .. } = &node.data else {
                continue;
            };
            let name = name.as_str();
            if SKIP.contains(&name) {
                out[i] = Pruned::Skip;
                continue;
            }
            if is_hidden(node) {
                out[i] = Pruned::Out(RemovedReason::Boilerplate);
                continue;
            }
            let role = node.attr("role").map(|r| r.trim().to_ascii_lowercase()).unwrap_or_default();
            let tokens = class_and_id(node);
            let comments = names_comments(&tokens);
            let related = names_related(&tokens);
            let landmark = matches!(
                role.as_str(),
                "navigation"
                    | "menu"
                    | "menubar"
                    | "complementary"
                    | "contentinfo"
                    | "search"
                    | "dialog"
                    | "alertdialog"
                    | "alert"
                    | "banner"
                    | "tooltip"
            );
            if matches!(name, "nav" | "aside" | "footer" | "dialog" | "button") || landmark {
                out[i] = Pruned::Out(if related {
                    RemovedReason::Related
                } else if comments {
                    RemovedReason::Comments
                } else {
                    RemovedReason::Boilerplate
                });
                continue;
            }
            if matches!(name, "body" | "article" | "main" | "a") {
                continue;
            }
            if flags.strip_unlikely
                && !self.ancestors(i as u32).take(64).any(|a| matches!(self.name(a), "table" | "code"))
            {
                if names_share(&tokens) && self.stats[i].chars < 500 {
                    out[i] = Pruned::Out(RemovedReason::Boilerplate);
                    continue;
                }
                let content = names_content(&tokens);
                if !content {
                    if comments {
                        out[i] = Pruned::Out(RemovedReason::Comments);
                    } else if related {
                        out[i] = Pruned::Out(RemovedReason::Related);
                    } else if names_chrome(&tokens) {
                        out[i] = Pruned::Out(RemovedReason::Boilerplate);
                    }
                }
            }
        }
        out
    }

    /// The article: the best-scored container and its siblings, cleaned. Tries with all the
    /// class/id evidence first, then with less, and keeps the first result with 500+ characters
    /// (or the longest).
    pub fn select(&self, remove_boilerplate: bool) -> Selection {
        if !remove_boilerplate {
            return Selection { removed: vec![None; self.blocks.len()], chars: self.total_chars() };
        }
        let attempts = [
            Flags { whole: false, strip_unlikely: true, weight_classes: true, clean_conditionally: true },
            Flags { whole: false, strip_unlikely: false, weight_classes: true, clean_conditionally: true },
            Flags { whole: false, strip_unlikely: false, weight_classes: false, clean_conditionally: true },
            Flags { whole: false, strip_unlikely: false, weight_classes: false, clean_conditionally: false },
            Flags { whole: true, strip_unlikely: true, weight_classes: true, clean_conditionally: true },
        ];
        let mut best: Option<Selection> = None;
        for flags in attempts {
            let s = self.select_with(flags);
            if s.chars >= 500 {
                return s;
            }
            if best.as_ref().is_none_or(|b| s.chars > b.chars) {
                best = Some(s);
            }
        }
        best.unwrap_or(Selection { removed: vec![None; self.blocks.len()], chars: 0 })
    }

    fn total_chars(&self) -> usize {
        self.blocks.iter().map(|b| b.text.chars().count()).sum()
    }

    fn select_with(&self, flags: Flags) -> Selection {
        let n = self.doc.nodes.len();
        let pruned = self.prune(flags);
        // Scores of containers.
        let mut score: Vec<Option<f64>> = vec![None; n];
        let init = |i: u32, score: &mut Vec<Option<f64>>| {
            if score[i as usize].is_none() {
                let base = match self.name(i) {
                    "div" => 5.0,
                    "pre" | "td" | "blockquote" => 3.0,
                    "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
                    _ => 0.0,
                };
                let w = if flags.weight_classes { class_weight(&self.doc.nodes[i as usize]) } else { 0.0 };
                score[i as usize] = Some(base + w);
            }
        };
        for b in &self.blocks {
            if pruned[b.owner as usize] != Pruned::Keep {
                continue;
            }
            let owner_name = self.name(b.owner);
            let scored_tag = matches!(
                owner_name,
                "p" | "td" | "pre" | "section" | "h2" | "h3" | "h4" | "h5" | "h6" | "div" | "article" | "main"
            ) || matches!(b.kind, Kind::Paragraph | Kind::Code);
            if !scored_tag {
                continue;
            }
            let chars = b.text.chars().count();
            if chars < 25 {
                continue;
            }
            let commas = b.text.chars().filter(|&c| is_comma(c)).count();
            let value = 1.0 + commas as f64 + (chars / 100).min(3) as f64;
            // A `p` (or a block element with no block children) is the paragraph: its parent
            // is level 0. Text standing in a container beside blocks: the container is level 0.
            let has_block_children = self.block_children[b.owner as usize];
            let first: Box<dyn Iterator<Item = u32>> = if owner_name == "p" || !has_block_children {
                Box::new(self.score_ancestors(b.owner))
            } else {
                Box::new(std::iter::once(b.owner).chain(self.score_ancestors(b.owner)))
            };
            for (level, a) in first.take(5).enumerate() {
                init(a, &mut score);
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f64 * 3.0,
                };
                if let Some(s) = score[a as usize].as_mut() {
                    *s += value / divider;
                }
            }
        }
        let final_score = |i: usize, score: &[Option<f64>]| -> f64 {
            score[i].map(|s| s * (1.0 - self.stats[i].link_density())).unwrap_or(f64::MIN)
        };
        let mut ranked: Vec<(f64, u32)> = (0..n)
            .filter(|&i| score[i].is_some() && pruned[i] == Pruned::Keep)
            .map(|i| (final_score(i, &score), i as u32))
            .collect();
        ranked.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal).then(a.1.cmp(&b.1)));
        let mut removed: Vec<Option<RemovedReason>> = vec![Some(RemovedReason::Boilerplate); self.blocks.len()];
        let Some(&(top_score, mut top)) = ranked.first() else {
            // No paragraph anywhere: everything not set apart is the article.
            for (k, b) in self.blocks.iter().enumerate() {
                removed[k] = match pruned[b.owner as usize] {
                    Pruned::Out(r) => Some(r),
                    _ => None,
                };
            }
            let chars = self.kept_chars(&removed);
            return Selection { removed, chars };
        };
        let mut top_score = top_score;
        if flags.whole {
            top = 0;
        }
        // Several close rivals under one ancestor: that ancestor holds the article.
        let rivals: Vec<u32> =
            ranked.iter().skip(1).take(5).filter(|(s, _)| *s >= top_score * 0.75).map(|&(_, i)| i).collect();
        if rivals.len() >= 3 && !flags.whole {
            for a in self.ancestors(top).take(64).collect::<Vec<_>>() {
                let holding = rivals.iter().filter(|&&r| self.is_ancestor(a, r)).count();
                if holding >= 3 {
                    top = a;
                    init(top, &mut score);
                    top_score = final_score(top as usize, &score);
                    break;
                }
            }
        }
        // A parent that scores higher than its best child holds more of the article.
        let mut last_score = top_score;
        let threshold = last_score / 3.0;
        for p in self.score_ancestors(top).take(64).collect::<Vec<_>>() {
            if score[p as usize].is_none() {
                continue;
            }
            let ps = final_score(p as usize, &score);
            if ps < threshold {
                break;
            }
            if ps > last_score {
                top = p;
                top_score = ps;
                break;
            }
            last_score = ps;
        }
        // The only child of its parent: the parent is the container.
        loop {
            let p = self.parent(top);
            if p == 0 || p == NONE {
                break;
            }
            let element_children = self.doc.nodes[p as usize]
                .children
                .iter()
                .filter(|&&c| self.doc.nodes[c as usize].name() != "")
                .count();
            if element_children != 1 {
                break;
            }
            top = p;
            init(top, &mut score);
            top_score = top_score.max(final_score(top as usize, &score));
        }
        // Siblings that belong with it.
        let parent = self.parent(top);
        let mut roots: Vec<u32> = Vec::new();
        if parent == NONE {
            roots.push(top);
        } else {
            let threshold = (top_score * 0.2).max(10.0);
            let top_class = self.doc.nodes[top as usize].attr("class").unwrap_or("");
            for &s in &self.doc.nodes[parent as usize].children {
                if s == top {
                    roots.push(s);
                    continue;
                }
                let node = &self.doc.nodes[s as usize];
                if node.name().is_empty() || pruned[s as usize] != Pruned::Keep {
                    continue;
                }
                let bonus =
                    if !top_class.is_empty() && node.attr("class") == Some(top_class) { top_score * 0.2 } else { 0.0 };
                let own = if score[s as usize].is_some() { final_score(s as usize, &score) } else { f64::MIN };
                if own != f64::MIN && own + bonus >= threshold {
                    roots.push(s);
                    continue;
                }
                // A paragraph: a `p`, or a div holding only text (as Readability reads it).
                let paragraph_like =
                    node.name() == "p" || matches!(node.name(), "div" | "section") && !self.block_children[s as usize];
                if paragraph_like {
                    let st = &self.stats[s as usize];
                    let (text, _, _) = self.subtree_text(s, false);
                    let ld = st.link_density();
                    let len = text.chars().count();
                    let sentence_end = text.contains(". ") || text.ends_with('.');
                    if len > 80 && ld < 0.25 || len < 80 && len > 0 && ld == 0.0 && sentence_end {
                        roots.push(s);
                    }
                }
            }
        }
        // An article split into chunks of the same kind (the same tag and class as the container
        // or its parent, with ads or widgets between them): the other chunks that score as prose.
        if !flags.whole && top != 0 {
            let threshold = (top_score * 0.2).max(10.0);
            let mut kinds: Vec<(&str, &str)> = Vec::new();
            for k in [top, self.parent(top)] {
                if k != 0 && k != NONE {
                    let nd = &self.doc.nodes[k as usize];
                    if let Some(c) = nd.attr("class").filter(|c| !c.trim().is_empty()) {
                        kinds.push((nd.name(), c));
                    }
                }
            }
            if !kinds.is_empty() {
                let inside = self.inside(&roots);
                // Elements that hold a root (they would hold the article twice).
                let mut holds = vec![false; n];
                for &r in &roots {
                    holds[r as usize] = true;
                }
                for i in (1..n).rev() {
                    let p = self.doc.nodes[i].parent;
                    if holds[i] && p != NONE {
                        holds[p as usize] = true;
                    }
                }
                let mut i = 1;
                while i < n {
                    let nd = &self.doc.nodes[i];
                    let same = kinds.iter().any(|(t, c)| nd.name() == *t && nd.attr("class") == Some(*c));
                    let candidate = same
                        && pruned[i] == Pruned::Keep
                        && score[i].is_some()
                        && !inside[i]
                        && !holds[i]
                        && final_score(i, &score) >= threshold;
                    if candidate {
                        roots.push(i as u32);
                        i = self.last[i] as usize + 1;
                        continue;
                    }
                    i += 1;
                }
            }
        }
        // Conditional cleaning inside the roots, innermost first.
        let mut cleaned = vec![false; n];
        if flags.clean_conditionally {
            let mut stats = self.stats.clone();
            for &root in &roots {
                let end = self.last[root as usize] as usize;
                for i in (root as usize..=end).rev() {
                    if pruned[i] != Pruned::Keep {
                        continue;
                    }
                    let name = self.name(i as u32);
                    if !matches!(name, "form" | "fieldset" | "table" | "ul" | "ol" | "div" | "section") {
                        continue;
                    }
                    // Over a whole page, wrappers are not judged by their counts (they hold
                    // everything); its lists, tables and forms are.
                    if flags.whole && matches!(name, "div" | "section") {
                        continue;
                    }
                    if i as u32 == root && name != "ul" && name != "ol" && name != "table" {
                        continue;
                    }
                    if name == "table" && self.is_data_table(i as u32) {
                        continue;
                    }
                    let w = if flags.weight_classes { class_weight(&self.doc.nodes[i]) } else { 0.0 };
                    if self.should_clean(i as u32, &stats[i], w, score[i].unwrap_or(0.0)) {
                        cleaned[i] = true;
                        let gone = stats[i];
                        for a in self.ancestors(i as u32).take(MAX_WALK) {
                            stats[a as usize].sub(&gone);
                            if a == root {
                                break;
                            }
                        }
                    }
                }
            }
        }
        let inside = self.inside(&roots);
        for i in 1..n {
            let p = self.doc.nodes[i].parent as usize;
            if cleaned[p] {
                cleaned[i] = true;
            }
        }
        for (k, b) in self.blocks.iter().enumerate() {
            let owner = b.owner;
            removed[k] = match pruned[owner as usize] {
                Pruned::Out(r) => Some(r),
                Pruned::Skip => Some(RemovedReason::Boilerplate),
                Pruned::Keep => {
                    if !inside[owner as usize] {
                        Some(self.outside_reason(owner))
                    } else if cleaned[owner as usize] {
                        Some(if b.link_chars * 2 > b.text.chars().count() {
                            RemovedReason::Related
                        } else {
                            RemovedReason::Boilerplate
                        })
                    } else {
                        None
                    }
                }
            };
        }
        let chars = self.kept_chars(&removed);
        Selection { removed, chars }
    }

    /// Which nodes lie inside one of `roots` (the roots included): one pass in source order.
    fn inside(&self, roots: &[u32]) -> Vec<bool> {
        let n = self.doc.nodes.len();
        let mut inside = vec![false; n];
        for &r in roots {
            inside[r as usize] = true;
        }
        for i in 1..n {
            let p = self.doc.nodes[i].parent as usize;
            if inside[p] {
                inside[i] = true;
            }
        }
        inside
    }

    fn kept_chars(&self, removed: &[Option<RemovedReason>]) -> usize {
        self.blocks.iter().zip(removed).filter(|(_, r)| r.is_none()).map(|(b, _)| b.text.chars().count()).sum()
    }

    /// Why a block outside the article is left out: comments or related links when an enclosing
    /// element says so, boilerplate otherwise.
    fn outside_reason(&self, owner: u32) -> RemovedReason {
        for a in std::iter::once(owner).chain(self.ancestors(owner)).take(MAX_WALK) {
            let t = class_and_id(&self.doc.nodes[a as usize]);
            if names_comments(&t) {
                return RemovedReason::Comments;
            }
            if names_related(&t) {
                return RemovedReason::Related;
            }
        }
        RemovedReason::Boilerplate
    }

    /// Readability's conditional cleaning: whether a list, table, div or form inside the
    /// article is chrome by its counts.
    fn should_clean(&self, i: u32, s: &Stats, weight: f64, score: f64) -> bool {
        if weight + score < 0.0 {
            return true;
        }
        if s.commas >= 10 {
            return false;
        }
        let name = self.name(i);
        let is_list = matches!(name, "ul" | "ol") || s.chars > 0 && s.list_chars as f64 / s.chars as f64 > 0.9;
        let in_figure = self.ancestors(i).take(MAX_WALK).any(|a| self.name(a) == "figure");
        let p = s.p as f64;
        let img = s.img as f64;
        let li = s.li as f64 - 100.0;
        let heading_density = if s.chars == 0 { 0.0 } else { s.heading_chars as f64 / s.chars as f64 };
        let ld = s.link_density();
        let len = s.chars;
        (img > 1.0 && p / img < 0.5 && !in_figure)
            || (!is_list && li > p)
            || (s.input as f64 > (p / 3.0).floor())
            || (!is_list && heading_density < 0.9 && len < 25 && (img == 0.0 || img > 2.0) && !in_figure)
            || (!is_list && weight < 25.0 && ld > 0.2)
            || (weight >= 25.0 && ld > 0.5)
            || (s.embed == 1 && len < 75 || s.embed > 1)
    }
}

/// Longest walk up the tree.
const MAX_WALK: usize = 512;

/// A unit for the classified list (built with the blocks stage's constructor, so that fields
/// added there get their defaults here too).
/// Its text and rows are cleaned here, the one place every unit of the HTML path passes
/// ([`normalize::clean_text`]: controls, invisible, bidi and tag characters go, as on the plain-text
/// path).
pub fn unit(shape: Shape, text: String, rows: Vec<String>, first: u32, last: u32) -> Unit {
    let clean = |t: String| if t.bytes().all(|b| (0x20..0x7f).contains(&b)) { t } else { normalize::clean_text(&t) };
    let mut u = Unit::new(shape, clean(text), first, last.max(first));
    u.rows = rows.into_iter().map(clean).collect();
    u.blank_before = true;
    u.blank_after = true;
    u.joined = last.max(first) - first + 1;
    u
}

/// A classified unit with its measurements.
pub fn classified(unit: Unit, role: Role) -> Classified {
    let m = evidence::measure(&unit.text);
    Classified { unit, m, role, duplicate_of: None, folded: None }
}

#[cfg(test)]
mod tests {
    use super::super::tree::parse;
    use super::*;

    fn blocks(html: &str) -> Vec<(Kind, String)> {
        let d = parse(html);
        let a = Analysis::new(&d);
        a.blocks.iter().map(|b| (b.kind.clone(), b.text.clone())).collect()
    }

    #[test]
    fn cuts_text_blocks_from_markup() {
        let b = blocks(
            "<div>Lead <b>text</b><p>One <a href=x>two</a>\n three.</p>tail<h2>Part <i>B</i></h2><ul><li>a<li>b<ol><li>c</ol></ul>\
             <blockquote><p>Q</p></blockquote><figure><img src=x><figcaption>Cap</figcaption></figure><pre>  x = 1;\n  y</pre>\
             <p>line one<br>line two<br><br>next para</p></div>",
        );
        assert_eq!(
            b,
            vec![
                (Kind::Paragraph, "Lead text".into()),
                (Kind::Paragraph, "One two three.".into()),
                (Kind::Paragraph, "tail".into()),
                (Kind::Heading(2), "Part B".into()),
                (Kind::Item(false, "-".into(), 0), "a".into()),
                (Kind::Item(false, "-".into(), 0), "b".into()),
                (Kind::Item(true, "1.".into(), 1), "c".into()),
                (Kind::Quote, "Q".into()),
                (Kind::Caption, "Cap".into()),
                (Kind::Code, "  x = 1;\n  y".into()),
                (Kind::Paragraph, "line one line two".into()),
                (Kind::Paragraph, "next para".into()),
            ]
        );
    }

    #[test]
    fn data_tables_are_one_block_layout_tables_are_not() {
        let b = blocks("<table><tr><th>Year<th>Rain</tr><tr><td>2023<td>801 mm</tr></table>");
        assert_eq!(
            b,
            vec![(Kind::Table(vec!["Year\tRain".into(), "2023\t801 mm".into()]), "Year\tRain\n2023\t801 mm".into())]
        );
        let b = blocks("<table><tr><td><p>Body text here.</p></td><td>Side</td></tr></table>");
        assert_eq!(b, vec![(Kind::Paragraph, "Body text here.".into()), (Kind::Paragraph, "Side".into())]);
    }

    #[test]
    fn class_names_are_split_into_words() {
        assert_eq!(name_tokens("post-body commentList sidebar_2"), ["post", "body", "comment", "list", "sidebar", "2"]);
        assert!(names_comments(&name_tokens("comments-area")));
        assert!(!names_chrome(&name_tokens("headline add-to-list")));
        assert!(names_chrome(&name_tokens("ad-slot")));
    }
}
