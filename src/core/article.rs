//! The output contract: Article JSON, schema 1.
//!
//! This is the public format of the CLI, the JS API and the exports. Fields may be added in later
//! versions; none is ever removed or renamed. Line numbers are 1-based and inclusive, and refer to the
//! lines of the input as given (before any normalization).

use serde::{Deserialize, Serialize};

/// The schema version written into every [`Article`].
pub const SCHEMA_VERSION: u32 = 1;

/// A first and last input line, 1-based and inclusive.
pub type Lines = [u32; 2];

/// A piece of text and the input lines it came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Span {
    /// The cleaned text.
    pub text: String,
    /// The input lines it was taken from.
    pub lines: Lines,
    /// For `Article::published`: the day the text names, as ISO 8601 (`YYYY-MM-DD`), when it names
    /// one (additive; absent elsewhere).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

impl Span {
    /// A span of `text` over `lines`, with no date.
    pub fn new(text: impl Into<String>, lines: Lines) -> Span {
        Span { text: text.into(), lines, date: None }
    }
}

/// A labelled list that the article carries itself: its key points or its takeaways.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Callout {
    /// The label line that introduced the list ("KEY POINTS"), when there was one.
    pub label: Option<Span>,
    /// The items, in input order.
    pub items: Vec<Span>,
}

/// What a block of body text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// Running prose.
    Paragraph,
    /// A bulleted or numbered list; its entries are in `items`.
    List,
    /// A figure caption or photo credit.
    Caption,
    /// A quotation or pull quote.
    Quote,
    /// Preformatted text or code.
    Code,
    /// Tabular text; its rows are in `items`.
    Table,
}

impl BlockKind {
    /// The name used in the JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Paragraph => "paragraph",
            BlockKind::List => "list",
            BlockKind::Caption => "caption",
            BlockKind::Quote => "quote",
            BlockKind::Code => "code",
            BlockKind::Table => "table",
        }
    }
}

/// One block of body text inside a section.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// The block's text (for lists and tables, the items joined by newlines).
    pub text: String,
    /// List items or table rows; empty for other kinds.
    #[serde(default)]
    pub items: Vec<String>,
    /// The input lines the block spans.
    pub lines: Lines,
}

/// A heading and the blocks it names. The first section may have no heading: the lead.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// The section's heading, or `None` for the lead.
    pub heading: Option<Span>,
    /// Heading level, 2 to 6 (the title is level 1).
    pub level: u8,
    /// The section's body, in reading order.
    pub blocks: Vec<Block>,
}

/// One sentence of the extractive summary.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SummarySentence {
    /// The sentence as it stands in the article.
    pub text: String,
    /// Index into `Article::sections` of the section it comes from.
    pub section: usize,
    /// Index into that section's `blocks` of the block it comes from (added in schema 1, additive).
    #[serde(default)]
    pub block: usize,
    /// Byte range `[start, end)` of the sentence in that block's `text` (additive).
    #[serde(default)]
    pub range: [usize; 2],
    /// The input lines of that block (additive).
    #[serde(default)]
    pub lines: Lines,
}

/// The extractive summary and keyphrases.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Summary sentences, in reading order.
    pub sentences: Vec<SummarySentence>,
    /// Keyphrases, best first.
    pub keywords: Vec<String>,
    /// One sentence per section that has prose, in section order: the section's gist, for the table
    /// of contents (additive).
    #[serde(default)]
    pub gists: Vec<SummarySentence>,
}

/// Why a piece of the input is not part of the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RemovedReason {
    /// An exact copy of text that is kept elsewhere.
    Duplicate,
    /// An edited copy of text that is kept elsewhere.
    NearDuplicate,
    /// A copy of a heading that sits in the wrong place.
    MisplacedHeading,
    /// Navigation, share and follow lines, advertisements, newsletter pitches, cookie lines.
    Boilerplate,
    /// Running headers and footers, page numbers.
    PageFurniture,
    /// Related links, "read more" lists.
    Related,
    /// Reader comments.
    Comments,
}

impl RemovedReason {
    /// The name used in the JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            RemovedReason::Duplicate => "duplicate",
            RemovedReason::NearDuplicate => "near-duplicate",
            RemovedReason::MisplacedHeading => "misplaced-heading",
            RemovedReason::Boilerplate => "boilerplate",
            RemovedReason::PageFurniture => "page-furniture",
            RemovedReason::Related => "related",
            RemovedReason::Comments => "comments",
        }
    }

    /// Whether this reason counts towards `Stats::duplicates_removed`.
    pub fn is_duplicate(self) -> bool {
        matches!(self, RemovedReason::Duplicate | RemovedReason::NearDuplicate | RemovedReason::MisplacedHeading)
    }
}

/// A piece of the input that was left out of the article, and why. The user can restore it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Removed {
    /// Why it was removed.
    pub reason: RemovedReason,
    /// Its text.
    pub text: String,
    /// The input lines it spans.
    pub lines: Lines,
    /// For duplicates: the lines of the copy that was kept.
    pub duplicate_of: Option<Lines>,
}

/// Counts about the article.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// Words in the article body (key points, sections and takeaways).
    pub words: usize,
    /// Sentences in the article body.
    pub sentences: usize,
    /// Estimated reading time in minutes.
    pub reading_minutes: f64,
    /// Entries of `removed` that are duplicates or misplaced copies.
    pub duplicates_removed: usize,
    /// Entries of `removed` that are boilerplate, furniture, related links or comments.
    pub boilerplate_removed: usize,
}

/// Something the structurer could not do, or chose to do in a degraded way.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// A stable machine-readable code, such as `input-truncated`.
    pub code: String,
    /// A sentence for people.
    pub message: String,
    /// The input lines it is about, when it points somewhere: for `little-kept`, the largest run of
    /// removed lines (additive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lines: Option<Lines>,
}

impl Diagnostic {
    /// A diagnostic that points at no lines.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic { code: code.into(), message: message.into(), lines: None }
    }
}

/// The structured article: the output of [`crate::structure`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Always [`SCHEMA_VERSION`].
    pub schema: u32,
    /// BCP 47 code of the article's main language ("en", "ja"), or "und" when unknown.
    pub language: String,
    /// The article's title.
    pub title: Option<Span>,
    /// The author line.
    pub byline: Option<Span>,
    /// The publication date line.
    pub published: Option<Span>,
    /// The article's own key-points list.
    pub key_points: Option<Callout>,
    /// The body: headings over the blocks they name. The first may be the lead, with no heading.
    pub sections: Vec<Section>,
    /// The article's own takeaways list.
    pub takeaways: Option<Callout>,
    /// Extractive summary and keyphrases.
    pub summary: Summary,
    /// Everything left out, with reasons, in input order.
    pub removed: Vec<Removed>,
    /// Counts.
    pub stats: Stats,
    /// What the structurer could not do.
    #[serde(default)]
    pub diagnostics: Vec<Diagnostic>,
    /// What kind of page the text was pasted from, when the line models read it as a page:
    /// "article", "service", "product", "collection", "forum", "listing" or "documentation"
    /// (additive; absent for texts that are not pages, such as Markdown or a clean document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_type: Option<String>,
}

impl Article {
    /// An article with nothing in it.
    pub fn empty() -> Article {
        Article {
            schema: SCHEMA_VERSION,
            language: "und".to_string(),
            title: None,
            byline: None,
            published: None,
            key_points: None,
            sections: Vec::new(),
            takeaways: None,
            summary: Summary::default(),
            removed: Vec::new(),
            stats: Stats::default(),
            diagnostics: Vec::new(),
            page_type: None,
        }
    }

    /// The article as pretty-printed JSON (schema 1).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".to_string())
    }
}
