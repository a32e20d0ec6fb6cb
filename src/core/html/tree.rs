//! HTML source -> an inert tree (an arena of nodes; nothing in it can run).
//!
//! Tokens come from `tokenizer` (character references, raw text, comments, attributes, broken
//! markup, read as the WHATWG standard reads them). The tree construction on top is a hand-written
//! subset of the WHATWG algorithm: what changes the shape of text and blocks is
//! kept (void elements, implied end tags for `p`, `li`, `dd`/`dt`, headings, table parts and
//! `option`, end tags matched within their scope, special elements that inline end tags cannot
//! close, foreign content in `svg`/`math`, the tokenizer's raw-text states); what only matters to
//! a browser is not (the adoption agency for misnested formatting, foster parenting, template
//! contents, quirks). `html`, `head` and `body` tags are transparent: everything hangs from the
//! document node, in source order.
//!
//! Bounded on hostile input: nesting deeper than [`MAX_DEPTH`] open elements adds siblings instead
//! of children (as browsers cap depth), so every stack walk is bounded and the work is linear in
//! the input; nothing here recurses.

use rustc_hash::FxHashMap;

use super::tokenizer::{Raw, Token, Tokenizer};

/// Deepest nesting of open elements; deeper elements become siblings.
pub const MAX_DEPTH: usize = 400;

/// No node (the document's parent).
pub const NONE: u32 = u32::MAX;

/// What a node is.
#[derive(Clone, Debug, PartialEq)]
pub enum Data {
    /// The root.
    Document,
    /// An element: its lower-case name and the attributes the extractor reads.
    Element {
        /// Lower-case tag name.
        name: String,
        /// Kept attributes (see [`KEPT_ATTRIBUTES`]), names lower-case, values as decoded.
        attrs: Vec<(String, String)>,
        /// Inside `svg` or `math`.
        foreign: bool,
    },
    /// Text, character references decoded.
    Text(String),
}

/// One node of the tree.
#[derive(Clone, Debug)]
pub struct Node {
    /// Parent index, [`NONE`] for the document.
    pub parent: u32,
    /// Children, in source order.
    pub children: Vec<u32>,
    /// What it is.
    pub data: Data,
    /// Byte offset in the source where it starts.
    pub start: usize,
    /// Byte offset in the source where it ends (exclusive).
    pub end: usize,
}

/// Attributes the extractor reads; the others are not kept.
pub const KEPT_ATTRIBUTES: &[&str] = &[
    "id",
    "class",
    "role",
    "hidden",
    "aria-hidden",
    "style",
    "itemprop",
    "itemtype",
    "rel",
    "property",
    "name",
    "content",
    "type",
    "datetime",
    "href",
];

/// A parsed document: nodes in source order (a parent always comes before its children).
#[derive(Clone, Debug)]
pub struct Document {
    /// The nodes; index 0 is the document.
    pub nodes: Vec<Node>,
    /// Whether the source held any tag at all.
    pub had_tags: bool,
}

impl Node {
    /// The element's name, or "" for other nodes.
    pub fn name(&self) -> &str {
        match &self.data {
            Data::Element { name, .. } => name,
            _ => "",
        }
    }

    /// An attribute's value.
    pub fn attr(&self, key: &str) -> Option<&str> {
        match &self.data {
            Data::Element { attrs, .. } => attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()),
            _ => None,
        }
    }

    /// The text of a text node.
    pub fn text(&self) -> Option<&str> {
        match &self.data {
            Data::Text(t) => Some(t),
            _ => None,
        }
    }
}

const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "image", "input", "keygen",
    "link", "meta", "param", "source", "track", "wbr",
];

/// Elements that an inline end tag cannot close (the WHATWG "special" category, less the voids).
const SPECIAL: &[&str] = &[
    "address",
    "applet",
    "article",
    "aside",
    "blockquote",
    "button",
    "caption",
    "center",
    "colgroup",
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
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "iframe",
    "li",
    "listing",
    "main",
    "marquee",
    "menu",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "p",
    "plaintext",
    "pre",
    "script",
    "search",
    "section",
    "select",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
    "xmp",
    "svg",
    "math",
];

/// Start tags that end foreign content (the WHATWG "breakout" list; `font` only with some
/// attributes there, always here).
const BREAKOUT: &[&str] = &[
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
    "font",
];

/// Start tags that close an open `p` first.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
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
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "listing",
    "search",
    "section",
    "summary",
    "table",
    "ul",
    "li",
    "dd",
    "dt",
    "plaintext",
    "xmp",
];

/// Elements that bound the "in scope" search for an end tag.
const SCOPE: &[&str] = &["applet", "caption", "html", "table", "td", "th", "marquee", "object", "template"];

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

struct Builder {
    nodes: Vec<Node>,
    /// Open elements; `stack[0]` is the document.
    stack: Vec<u32>,
    /// How many open elements are `svg` or `math` (foreign content).
    foreign_depth: usize,
    /// How many elements of each name are open: a search of the stack for a name that is not open
    /// is skipped (under 400 open `div`s, every `<li>` searched them all for a `p`: issue 13).
    open: FxHashMap<String, u32>,
}

/// Phrasing elements that change only how text looks: without attributes they are not kept in
/// the tree (their text joins their parent's), so a flood of `<i>a</i>` is one text node, not two
/// nodes per eight bytes (issue 13). With a kept attribute (`class`, `hidden`, `style`...) they stay.
const TRANSPARENT: &[&str] = &[
    "b", "i", "em", "strong", "u", "s", "strike", "small", "big", "mark", "sub", "sup", "span", "font", "tt", "abbr",
    "cite", "dfn", "kbd", "samp", "var", "ins", "bdi", "bdo", "nobr", "wbr",
];

impl Builder {
    fn current(&self) -> u32 {
        *self.stack.last().unwrap_or(&0)
    }

    fn name_at(&self, idx: u32) -> &str {
        self.nodes[idx as usize].name()
    }

    fn is_foreign(&self, idx: u32) -> bool {
        matches!(self.nodes[idx as usize].data, Data::Element { foreign: true, .. })
    }

    fn append(&mut self, data: Data, start: usize, end: usize) -> u32 {
        let parent = self.current();
        let idx = self.nodes.len() as u32;
        self.nodes.push(Node { parent, children: Vec::new(), data, start, end });
        self.nodes[parent as usize].children.push(idx);
        idx
    }

    fn text(&mut self, text: &str, start: usize, end: usize) {
        if self.foreign_depth > 0 && self.at_integration_point() && !text.trim().is_empty() {
            self.leave_foreign(start);
        }
        let parent = self.current();
        if let Some(&last) = self.nodes[parent as usize].children.last() {
            if let Data::Text(t) = &mut self.nodes[last as usize].data {
                t.push_str(text);
                self.nodes[last as usize].end = end;
                return;
            }
        }
        self.append(Data::Text(text.to_string()), start, end);
    }

    /// Pops open elements down to and including `stack[pos]`; each ends at `end`.
    fn pop_to(&mut self, pos: usize, end: usize) {
        while self.stack.len() > pos.max(1) {
            let idx = self.stack.pop().unwrap_or(0);
            let n = &mut self.nodes[idx as usize];
            n.end = n.end.max(end);
            if let Some(count) = self.open.get_mut(n.name()) {
                *count = count.saturating_sub(1);
            }
            let n = &self.nodes[idx as usize];
            if matches!(n.data, Data::Element { ref name, .. } if name == "svg" || name == "math") {
                self.foreign_depth = self.foreign_depth.saturating_sub(1);
            }
        }
    }

    /// Position in the stack of the nearest open `name`, searching down to a scope boundary
    /// (`extra` adds boundaries).
    fn in_scope(&self, name: &str, extra: &[&str]) -> Option<usize> {
        if !self.is_open(name) {
            return None;
        }
        for pos in (1..self.stack.len()).rev() {
            let n = self.name_at(self.stack[pos]);
            if n == name {
                return Some(pos);
            }
            if SCOPE.contains(&n) || extra.contains(&n) {
                return None;
            }
        }
        None
    }

    /// Whether an element named `name` is open.
    fn is_open(&self, name: &str) -> bool {
        self.open.get(name).is_some_and(|&n| n > 0)
    }

    /// Pushes `idx` on the stack of open elements.
    fn push_open(&mut self, idx: u32) {
        let name = self.nodes[idx as usize].name();
        match self.open.get_mut(name) {
            Some(n) => *n += 1,
            None => {
                self.open.insert(name.to_string(), 1);
            }
        }
        self.stack.push(idx);
    }

    fn close_p(&mut self, at: usize) {
        if let Some(pos) = self.in_scope("p", &["button"]) {
            self.pop_to(pos, at);
        }
    }

    /// Leaves foreign content for HTML that browsers show: a start tag that breaks out of `svg` or
    /// `math` (`<p>`, `<div>`, `<b>`...), or markup or text inside an integration point
    /// (`foreignObject`, MathML's `mi`, `mo`, `mn`, `ms`, `mtext`). The open foreign elements are
    /// closed, so the HTML after them is read as HTML (issue 13: `<svg><p>Visible</p></svg>` lost
    /// its text). Browsers keep integration points' HTML inside the drawing; for text, outside is the
    /// same.
    fn leave_foreign(&mut self, at: usize) {
        if let Some(pos) = (1..self.stack.len()).find(|&p| self.is_foreign(self.stack[p])) {
            self.pop_to(pos, at);
        }
    }

    /// Whether the current node is an HTML or MathML text integration point.
    fn at_integration_point(&self) -> bool {
        self.is_foreign(self.current())
            && matches!(self.name_at(self.current()), "foreignobject" | "mi" | "mo" | "mn" | "ms" | "mtext")
    }

    fn start_tag(&mut self, name: &str, attrs: Vec<(String, String)>, self_closing: bool, start: usize, end: usize) {
        if self.foreign_depth > 0 && (BREAKOUT.contains(&name) || self.at_integration_point()) {
            self.leave_foreign(start);
        }
        if self.foreign_depth > 0 {
            let idx = self.append(Data::Element { name: name.to_string(), attrs, foreign: true }, start, end);
            if !self_closing && self.stack.len() < MAX_DEPTH {
                self.push_open(idx);
                if name == "svg" || name == "math" {
                    self.foreign_depth += 1;
                }
            }
            return;
        }
        match name {
            "html" | "head" | "body" => return,
            _ if attrs.is_empty() && TRANSPARENT.contains(&name) => return,
            _ if is_heading(name) => {
                self.close_p(start);
                if is_heading(self.name_at(self.current())) {
                    let top = self.stack.len() - 1;
                    self.pop_to(top, start);
                }
            }
            "li" | "dd" | "dt" => {
                let siblings: &[&str] = if name == "li" { &["li"] } else { &["dd", "dt"] };
                let any_open = siblings.iter().any(|s| self.is_open(s));
                for pos in (1..self.stack.len()).rev().take_while(|_| any_open) {
                    let n = self.name_at(self.stack[pos]);
                    if siblings.contains(&n) {
                        self.pop_to(pos, start);
                        break;
                    }
                    if SPECIAL.contains(&n) && !matches!(n, "address" | "div" | "p") {
                        break;
                    }
                }
                self.close_p(start);
            }
            "td" | "th" => {
                if let Some(pos) = self.in_scope("td", &[]).or_else(|| self.in_scope("th", &[])) {
                    self.pop_to(pos, start);
                }
            }
            "tr" => {
                if let Some(pos) = self.in_scope("tr", &["td", "th"]).or_else(|| self.cell_row(start)) {
                    self.pop_to(pos, start);
                }
            }
            "tbody" | "thead" | "tfoot" => {
                for section in ["tbody", "thead", "tfoot"] {
                    if let Some(pos) = self.in_scope(section, &[]) {
                        self.pop_to(pos, start);
                        break;
                    }
                }
            }
            "option" | "optgroup" if self.name_at(self.current()) == "option" => {
                let top = self.stack.len() - 1;
                self.pop_to(top, start);
            }
            "a" => {
                // A link inside a link closes the first one (as the adoption agency does).
                let open = self.is_open("a");
                for pos in (1..self.stack.len()).rev().take_while(|_| open) {
                    let n = self.name_at(self.stack[pos]);
                    if n == "a" {
                        self.pop_to(pos, start);
                        break;
                    }
                    if SPECIAL.contains(&n) {
                        break;
                    }
                }
            }
            _ if CLOSES_P.contains(&name) => self.close_p(start),
            _ => {}
        }
        let foreign = name == "svg" || name == "math";
        let idx = self.append(Data::Element { name: name.to_string(), attrs, foreign }, start, end);
        if VOID.contains(&name) || self.stack.len() >= MAX_DEPTH || (foreign && self_closing) {
            return;
        }
        self.push_open(idx);
        if foreign {
            self.foreign_depth += 1;
        }
    }

    /// A `tr` start tag inside an open cell: the row that holds the cell.
    fn cell_row(&self, _start: usize) -> Option<usize> {
        let cell = self.in_scope("td", &[]).or_else(|| self.in_scope("th", &[]))?;
        (1..cell).rev().find(|&pos| self.name_at(self.stack[pos]) == "tr")
    }

    fn end_tag(&mut self, name: &str, start: usize, end: usize) {
        match name {
            "html" | "head" | "body" => return,
            "br" => {
                if self.foreign_depth == 0 {
                    self.append(Data::Element { name: "br".into(), attrs: Vec::new(), foreign: false }, start, end);
                }
                return;
            }
            _ => {}
        }
        let special = SPECIAL.contains(&name) && (self.foreign_depth == 0 || matches!(name, "svg" | "math"));
        if special {
            let extra: &[&str] = match name {
                "p" => &["button"],
                "li" => &["ol", "ul"],
                "table" | "tbody" | "thead" | "tfoot" | "tr" => &[],
                _ => &[],
            };
            let found = if is_heading(name) {
                let open = ["h1", "h2", "h3", "h4", "h5", "h6"].iter().any(|h| self.is_open(h));
                (1..self.stack.len()).rev().take_while(|&p| open && !SCOPE.contains(&self.name_at(self.stack[p]))).find(
                    |&p| {
                        let n = self.name_at(self.stack[p]);
                        is_heading(n)
                    },
                )
            } else {
                self.in_scope(name, extra)
            };
            if let Some(pos) = found {
                self.pop_to(pos, end);
            }
            return;
        }
        // Any other end tag: the nearest open element of that name, unless a special (block)
        // element stands between.
        if !self.is_open(name) {
            return;
        }
        for pos in (1..self.stack.len()).rev() {
            let idx = self.stack[pos];
            let n = self.name_at(idx);
            if n == name {
                self.pop_to(pos, end);
                return;
            }
            if SPECIAL.contains(&n) && !self.is_foreign(idx) {
                return;
            }
        }
    }
}

/// How the text after a start tag is read (outside foreign content).
fn raw_state(name: &str) -> Option<Raw> {
    match name {
        "textarea" | "title" => Some(Raw::RcData),
        "plaintext" => Some(Raw::PlainText),
        "script" => Some(Raw::Script),
        "style" | "iframe" | "xmp" | "noembed" | "noframes" | "noscript" => Some(Raw::RawText),
        _ => None,
    }
}

fn kept(name: &str) -> bool {
    KEPT_ATTRIBUTES.contains(&name)
}

/// Parses HTML into a [`Document`]. Never fails: any input gives a tree.
pub fn parse(input: &str) -> Document {
    parse_with(input, true)
}

/// Parses HTML as a browser with scripting on (`scripting`: `noscript` holds raw text, as in
/// [`parse`]) or off: then `noscript` holds markup and leaves no node, its content read as the
/// page's (what a reader without scripts sees).
pub fn parse_with(input: &str, scripting: bool) -> Document {
    let mut b = Builder {
        nodes: vec![Node { parent: NONE, children: Vec::new(), data: Data::Document, start: 0, end: input.len() }],
        stack: vec![0],
        foreign_depth: 0,
        open: FxHashMap::default(),
    };
    let mut had_tags = false;
    let mut tokens = Tokenizer::new(input, kept);
    while let Some(token) = tokens.next_token() {
        match token {
            Token::Start { name, .. } | Token::End { name, .. } if !scripting && name == "noscript" => had_tags = true,
            Token::Start { name, attrs, self_closing, range } => {
                had_tags = true;
                b.start_tag(&name, attrs, self_closing, range.0, range.1);
                // Raw text only outside foreign content (a breakout tag has just left it).
                if b.foreign_depth == 0 {
                    if let Some(raw) = raw_state(&name) {
                        tokens.set_raw(raw, &name);
                    }
                }
            }
            Token::End { name, range } => {
                had_tags = true;
                b.end_tag(&name, range.0, range.1);
            }
            Token::Text { text, range } => b.text(&text, range.0, range.1),
            Token::Markup => had_tags = true,
        }
    }
    let len = input.len();
    b.pop_to(1, len);
    // An element ends where its last descendant ends, at the latest (children follow parents in
    // the arena, so one backward pass settles it).
    for i in (1..b.nodes.len()).rev() {
        let (parent, end) = (b.nodes[i].parent, b.nodes[i].end);
        if parent != NONE {
            let p = &mut b.nodes[parent as usize];
            p.end = p.end.max(end);
        }
    }
    Document { nodes: b.nodes, had_tags }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compact rendering of the tree: elements as `name(children)`, text in quotes.
    fn shape(d: &Document) -> String {
        fn walk(d: &Document, i: u32, out: &mut String) {
            let n = &d.nodes[i as usize];
            match &n.data {
                Data::Text(t) => out.push_str(&format!("{t:?}")),
                Data::Element { name, .. } => {
                    out.push_str(name);
                    if !n.children.is_empty() {
                        out.push('(');
                        for (k, &c) in n.children.iter().enumerate() {
                            if k > 0 {
                                out.push(' ');
                            }
                            walk(d, c, out);
                        }
                        out.push(')');
                    }
                }
                Data::Document => {
                    for (k, &c) in n.children.iter().enumerate() {
                        if k > 0 {
                            out.push(' ');
                        }
                        walk(d, c, out);
                    }
                }
            }
        }
        let mut s = String::new();
        walk(d, 0, &mut s);
        s
    }

    #[test]
    fn implied_end_tags() {
        assert_eq!(shape(&parse("<p>a<p>b<div>c</div>")), r#"p("a") p("b") div("c")"#);
        assert_eq!(shape(&parse("<ul><li>a<li>b</ul>")), r#"ul(li("a") li("b"))"#);
        assert_eq!(shape(&parse("<dl><dt>a<dd>b<dt>c</dl>")), r#"dl(dt("a") dd("b") dt("c"))"#);
        assert_eq!(shape(&parse("<h2>a<h3>b</h3>")), r#"h2("a") h3("b")"#);
        assert_eq!(
            shape(&parse("<table><tr><td>a<td>b<tr><td>c</table>")),
            r#"table(tr(td("a") td("b")) tr(td("c")))"#
        );
        assert_eq!(shape(&parse("<ul><li>a<ul><li>b</ul><li>c</ul>")), r#"ul(li("a" ul(li("b"))) li("c"))"#);
    }

    #[test]
    fn inline_end_tags_do_not_close_blocks() {
        assert_eq!(shape(&parse("<div><b class=x>a</div>b</b>")), r#"div(b("a")) "b""#);
        assert_eq!(shape(&parse("<p><span class=x>a</p><p>b</p>")), r#"p(span("a")) p("b")"#);
        assert_eq!(shape(&parse("<div><q>a</div>b</q>")), r#"div(q("a")) "b""#);
        assert_eq!(shape(&parse("<a>x<a>y</a>")), r#"a("x") a("y")"#);
        assert_eq!(shape(&parse("<p>a</span>b</p>")), r#"p("ab")"#);
    }

    #[test]
    fn raw_text_and_references() {
        let d = parse("<script>if (a<b) { x = '<p>no</p>' }</script><p>x &amp; y &lt;b&gt; &#x41;&nbsp;</p>");
        assert_eq!(shape(&d), "script(\"if (a<b) { x = '<p>no</p>' }\") p(\"x & y <b> A\\u{a0}\")");
        let d = parse("<title>a <b> c</title><textarea><p>t</p></textarea><style>p{}</style>");
        assert_eq!(shape(&d), r#"title("a <b> c") textarea("<p>t</p>") style("p{}")"#);
        assert_eq!(shape(&parse("<p>a<!-- <p>b</p> -->c</p>")), r#"p("ac")"#);
    }

    #[test]
    fn foreign_content_and_voids() {
        assert_eq!(shape(&parse("<svg><title>t</title><path/><g/></svg><p>x")), r#"svg(title("t") path g) p("x")"#);
        assert_eq!(shape(&parse("<p>a<br>b<img src=x>c</p>")), r#"p("a" br "b" img "c")"#);
        assert_eq!(shape(&parse("<div/>x</div>")), r#"div("x")"#);
        assert_eq!(
            shape(&parse("<html><head><title>t</title></head><body><p>x</body></html>y")),
            r#"title("t") p("xy")"#
        );
    }

    #[test]
    fn depth_is_bounded_and_offsets_cover_children() {
        let deep = "<div>".repeat(10_000) + "x";
        let d = parse(&deep);
        assert!(d.nodes.len() > 10_000);
        let mut depth = 0;
        let mut i = d.nodes.len() as u32 - 1;
        while i != NONE {
            depth += 1;
            i = d.nodes[i as usize].parent;
        }
        assert!(depth <= MAX_DEPTH + 1, "{depth}");
        let d = parse("<div><p>a</p>\n<p>b");
        assert_eq!((d.nodes[1].start, d.nodes[1].end), (0, 18));
    }

    #[test]
    fn formatting_elements_without_attributes_leave_no_node() {
        // A flood of `<i>a</i>` is one text node (issue 13: two nodes per eight bytes before).
        assert_eq!(shape(&parse(&"<i>a</i>".repeat(5))), r#""aaaaa""#);
        assert_eq!(shape(&parse("<p>x <b>bold</b> <em>em</em> y</p>")), r#"p("x bold em y")"#);
        assert_eq!(shape(&parse("<p><span hidden>secret</span> shown</p>")), r#"p(span("secret") " shown")"#);
        assert_eq!(parse(&"<b><i>x".repeat(1000)).nodes.len(), 2, "the document and one text node");
    }
}
