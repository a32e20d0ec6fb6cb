//! The types passed between the stages, shared by the plain-text and the HTML paths.
//!
//! `blocks` (or the HTML path's `extract`) makes [`Unit`]s with their [`Shape`]; `evidence` measures
//! their text ([`Measure`]) and tells page [`Chrome`] and summary-list labels ([`LabelKind`]);
//! `classify` (or `html::classify`) gives each a [`Role`], and the [`Classified`] units go on to
//! `dedup` and `sections`.

use crate::core::article::RemovedReason;

/// What a unit looks like on the page, before anyone decides what it means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Text: a line, or hard-wrapped lines joined into one paragraph.
    Text,
    /// A list item with its marker (`-`, `•`, `1.`, `a)`...).
    Item {
        /// Whether the marker is a number or a letter.
        ordered: bool,
        /// The marker as written, without the following space.
        marker: String,
        /// Nesting depth from indentation (0 for top level).
        depth: u8,
    },
    /// A Markdown heading (`## Title` or a setext underline), with its level.
    MdHeading(u8),
    /// A Markdown quote (`> `), consecutive lines joined.
    Quote,
    /// Fenced code; the text keeps its line breaks and spacing.
    Code,
    /// Rows of a table (Markdown pipes or tab-separated cells); rows are in `rows`.
    Table,
    /// A thematic break (`---`, `***`) or a line of decoration.
    Rule,
    /// A running page header or footer, or a page number.
    Furniture,
}

/// Inline emphasis that wraps a whole unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Emphasis {
    /// None.
    None,
    /// `**bold**` or `__bold__`.
    Bold,
    /// `*italic*` or `_italic_`.
    Italic,
}

/// A unit of the input: one paragraph, list item, heading, quote, code block or table.
#[derive(Clone, Debug, PartialEq)]
pub struct Unit {
    /// What it looks like.
    pub shape: Shape,
    /// Its cleaned text, without list markers, `#`s, `>`s or emphasis markers.
    pub text: String,
    /// Table rows, cells separated by tabs; empty for other shapes.
    pub rows: Vec<String>,
    /// First input line (1-based).
    pub first: u32,
    /// Last input line (1-based, inclusive).
    pub last: u32,
    /// Whether a blank line (or the start of the input) comes before it.
    pub blank_before: bool,
    /// Whether a blank line (or the end of the input) comes after it.
    pub blank_after: bool,
    /// Emphasis wrapping the whole text.
    pub emphasis: Emphasis,
    /// How many input lines were joined into it.
    pub joined: u32,
    /// Lines inside `first..=last` that are not part of the text (furniture skipped over).
    pub skipped: Vec<u32>,
    /// Whether its single line stands centred in the width of a monospaced text.
    pub centred: bool,
    /// Whether its single line is laid out in columns (runs of three or more spaces inside it).
    pub columns: bool,
}

impl Unit {
    pub(crate) fn new(shape: Shape, text: String, first: u32, last: u32) -> Unit {
        Unit {
            shape,
            text,
            rows: Vec::new(),
            first,
            last,
            blank_before: false,
            blank_after: false,
            emphasis: Emphasis::None,
            joined: 1,
            skipped: Vec::new(),
            centred: false,
            columns: false,
        }
    }
}

/// Measurements of one piece of text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Measure {
    /// Characters (not bytes).
    pub chars: usize,
    /// Words; CJK characters count one each.
    pub words: usize,
    /// Whether most letters belong to a script without spaces (Chinese, Japanese, Thai).
    pub cjk: bool,
    /// Share of words that are function words (0 for CJK text).
    pub function_ratio: f64,
    /// Share of alphabetic words that start with a capital letter.
    pub capitalised_ratio: f64,
    /// Whether every cased letter is upper case (and there are at least three).
    pub all_caps: bool,
    /// Whether the text ends like a sentence: `.`, `!`, `?`, `…`, `。` and the like, with closing
    /// quotes or brackets allowed after it.
    pub terminal: bool,
    /// Whether it ends with `.` (or `。`) specifically, not `?` or `!`.
    pub ends_with_period: bool,
    /// Rough count of sentence ends inside the text.
    pub sentences: usize,
    /// Whether the first letter is upper case (or the script has no case).
    pub starts_upper: bool,
    /// Share of characters that are digits.
    pub digit_ratio: f64,
}

/// Kinds of page chrome a short line can be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chrome {
    /// Advertising, sharing, following, newsletters, sign-in, cookies, copyright, menus.
    Boilerplate,
    /// "Related stories", "Read more", "You may also like".
    Related,
    /// "Comments", "Leave a reply", "12 comments".
    Comments,
}

/// Which kind of summary list a label introduces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelKind {
    /// Key points, highlights, summary: usually before the body.
    KeyPoints,
    /// Takeaways, conclusions, bottom line: usually after the body.
    Takeaways,
    /// A label that could be either; position decides.
    Either,
}

/// What a unit is in the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The article's title.
    Title,
    /// The author line.
    Byline,
    /// The publication date line.
    Date,
    /// The label line of a summary list.
    Label(LabelKind),
    /// An item of the key points.
    KeyPoint,
    /// An item of the takeaways.
    Takeaway,
    /// A section heading with its level (2 to 6).
    Heading(u8),
    /// A paragraph.
    Paragraph,
    /// A list item (consecutive items make a list).
    Item,
    /// A caption or photo credit.
    Caption,
    /// A quotation.
    Quote,
    /// Code.
    Code,
    /// A table.
    Table,
    /// Left out of the article, with the reason.
    Removed(RemovedReason),
}

/// A unit with its measurements and role.
#[derive(Clone, Debug)]
pub struct Classified {
    /// The unit.
    pub unit: Unit,
    /// Measurements of its text.
    pub m: Measure,
    /// What it is.
    pub role: Role,
    /// For removed copies: the lines of the copy that was kept.
    pub duplicate_of: Option<[u32; 2]>,
    /// Its text folded ([`crate::core::evidence::fold`]) when classification already did it (dedup takes it and
    /// hands it back for the headings' placement); `None`: not folded yet (or its text changed since).
    pub folded: Option<String>,
}
