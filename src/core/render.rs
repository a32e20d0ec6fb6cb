//! The renderers: Article -> Markdown, plain text, standalone HTML or JSON.
//!
//! The HTML renderer escapes every piece of text; nothing from the input is ever emitted as markup.
//! The Markdown renderer writes a dialect that `structure()` reads back into the same article.

use crate::core::article::{Article, Block, BlockKind, Callout};
use crate::core::evidence;
use crate::core::normalize;

/// An output format of [`render`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Article JSON, schema 1, pretty-printed.
    Json,
    /// Markdown.
    Markdown,
    /// Plain text.
    Text,
    /// A standalone HTML document with all input text escaped.
    Html,
}

impl Format {
    /// Parses a format name as used by the CLI and the JS API.
    pub fn parse(name: &str) -> Option<Format> {
        match name.trim().to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "markdown" | "md" => Some(Format::Markdown),
            "text" | "txt" | "plain" => Some(Format::Text),
            "html" => Some(Format::Html),
            _ => None,
        }
    }
}

/// Renders `article` in `format`.
pub fn render(article: &Article, format: Format) -> String {
    match format {
        Format::Json => article.to_json(),
        Format::Markdown => visible(markdown(article)),
        Format::Text => visible(text(article)),
        Format::Html => visible(html(article)),
    }
}

/// The last step of the text formats: characters that the input cleaning drops (controls but
/// newline and tab, bidi embeddings, overrides and isolates, tags, invisible characters:
/// `normalize`'s table) are dropped here too, for an article that did not come from `structure()`
/// (the JS API renders any Article JSON). The renderers write none of them themselves.
fn visible(out: String) -> String {
    if out.bytes().all(|b| (0x20..0x7f).contains(&b) || b == b'\n' || b == b'\t') {
        return out;
    }
    out.chars().filter(|&c| c == '\n' || c == '\t' || !(c.is_control() || normalize::is_dropped(c))).collect()
}

/// ASCII punctuation that CommonMark (with the GitHub extensions: tables, strikethrough) can read
/// as markup anywhere in a line: a backslash escapes it. `<` and `&` open raw HTML, autolinks and
/// character references; `[` and `]` links and images (`!` alone opens nothing); `` ` `` code
/// spans; `*` and `_` emphasis; `~` strikethrough; `|` table cells; `\` an escape.
fn md_escapes_inline(c: char) -> bool {
    matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '~' | '|')
}

/// One line of text as CommonMark text: every character that could open markup is escaped
/// ([`md_escapes_inline`]), leading white space goes (four spaces open a code block), and a line that
/// would start a block is escaped at its start: `#` (heading), `>` (quote), `-`, `+`, `=` (list
/// item, thematic break, setext underline), `.` (a rule of dots, to our reader), a number followed by
/// `.` or `)` (ordered list item).
fn md_text_line(s: &str) -> String {
    let t = s.trim_start();
    let mut out = String::with_capacity(t.len() + 8);
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let first = t.chars().next();
    if first.is_some_and(|c| matches!(c, '#' | '-' | '+' | '=' | '.')) {
        out.push('\\');
    }
    if digits > 0 && digits < 10 && matches!(t.as_bytes().get(digits), Some(b'.') | Some(b')')) {
        out.push_str(&t[..digits]);
        out.push('\\');
        md_escape_into(&mut out, &t[digits..]);
        return out;
    }
    md_escape_into(&mut out, t);
    out
}

/// Appends `s` with every [`md_escapes_inline`] character escaped, except where CommonMark's
/// flanking rules keep it from opening or closing emphasis, so that text keeps its look ("a * b",
/// "server_log_summary"): a `*` with white space on both sides, a `_` with letters or digits on
/// both sides.
fn md_escape_into(out: &mut String, s: &str) {
    md_escape_with(out, s, true);
}

/// [`md_escape_into`]; `inert_stars`: whether a `*` between spaces stays as it is (not inside
/// `*...*`, where the reader takes the first unescaped `*` for the end of the emphasis).
fn md_escape_with(out: &mut String, s: &str, inert_stars: bool) {
    let mut run = 0;
    let mut prev: Option<char> = None;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let inert = match c {
            '*' => inert_stars && prev.is_some_and(char::is_whitespace) && next.is_some_and(char::is_whitespace),
            '_' => prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric),
            _ => false,
        };
        prev = Some(c);
        if md_escapes_inline(c) && !inert {
            out.push_str(&s[run..i]);
            out.push('\\');
            out.push(c);
            run = i + 1;
        }
    }
    out.push_str(&s[run..]);
}

/// Text that may hold line breaks, each line as [`md_text_line`], each prefixed with `prefix`
/// (`"> "` for a quote).
fn md_text(s: &str, prefix: &str) -> String {
    let lines: Vec<String> = s.lines().map(|l| format!("{prefix}{}", md_text_line(l))).collect();
    if lines.is_empty() {
        return prefix.trim_end().to_string();
    }
    lines.join("\n")
}

/// Text set inside markup on one line (`**...**`, a heading, a list item, a table cell): line
/// breaks become spaces, every [`md_escapes_inline`] character is escaped, and a trailing `#`
/// (which would close a heading) too.
fn md_inline(s: &str) -> String {
    md_inline_with(s, true)
}

/// [`md_inline`] for the text inside `*...*`: every `*` escaped.
fn md_italic(s: &str) -> String {
    md_inline_with(s, false)
}

fn md_inline_with(s: &str, inert_stars: bool) -> String {
    let one_line: String = s.split(['\n', '\r']).map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(one_line.len() + 8);
    md_escape_with(&mut out, &one_line, inert_stars);
    if out.ends_with('#') {
        let n = out.len() - out.trim_end_matches('#').len();
        out.truncate(out.len() - n);
        out.push_str(&"\\#".repeat(n));
    }
    out
}

/// A code fence for `code`: backticks, one more than the longest run of backticks in it (three at
/// least), so that no line of the code can close it.
fn md_fence(code: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in code.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    "`".repeat((longest + 1).max(3))
}

/// The bullet for a list, given the bullet of the list written just before it (`None` when the
/// block before was no list): `-`, or `*` right after a `-` list, so that the reader (as CommonMark)
/// takes two adjacent lists for two (a blank line alone would not part them when the first has one
/// item).
fn md_bullet(after: Option<char>) -> char {
    if after == Some('-') {
        '*'
    } else {
        '-'
    }
}

fn md_callout(out: &mut String, c: &Callout, fallback: &str, last_list: &mut Option<char>) {
    let label = c.label.as_ref().map(|l| l.text.as_str()).unwrap_or(fallback);
    out.push_str(&format!("**{}**\n\n", md_inline(label)));
    let bullet = md_bullet(None);
    for item in &c.items {
        out.push_str(&format!("{bullet} {}\n", md_item(&item.text)));
    }
    out.push('\n');
    *last_list = (!c.items.is_empty()).then_some(bullet);
}

/// A list item's text: one line, escaped as a line of its own (a list item holds blocks).
fn md_item(s: &str) -> String {
    let one_line: String = s.split(['\n', '\r']).map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ");
    md_text_line(&one_line)
}

/// Writes block `b`; `last_list` is the bullet of the list written just before it, and becomes
/// this block's.
fn md_block(out: &mut String, b: &Block, last_list: &mut Option<char>) {
    let mut bullet = None;
    match b.kind {
        BlockKind::Paragraph => out.push_str(&md_text(&b.text, "")),
        BlockKind::List => {
            let this = md_bullet(*last_list);
            for item in &b.items {
                out.push_str(&format!("{this} {}\n", md_item(item)));
            }
            out.pop();
            bullet = Some(this);
        }
        BlockKind::Caption => out.push_str(&format!("*{}*", md_italic(&b.text))),
        // A line break in a quote parts its paragraphs: a blank quote line, as the reader joins them.
        BlockKind::Quote => {
            let parts: Vec<String> = b.text.split('\n').map(|p| md_text(p, "> ")).collect();
            out.push_str(&parts.join("\n>\n"));
        }
        BlockKind::Code => {
            let fence = md_fence(&b.text);
            out.push_str(&format!("{fence}\n{}\n{fence}", b.text));
        }
        BlockKind::Table => {
            for row in &b.items {
                // A row of dashes and colons alone would read as the table's delimiter row.
                let delimiter_like =
                    row.split('\t').all(|c| !c.trim().is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')));
                let cell = |c: &str| if delimiter_like { format!("\\{}", c.trim()) } else { md_inline(c) };
                let cells: Vec<String> = row.split('\t').map(cell).collect();
                out.push_str(&format!("| {} |\n", cells.join(" | ")));
            }
            out.pop();
        }
    }
    out.push_str("\n\n");
    *last_list = bullet;
}

/// The byline as the Markdown export writes it: as it is when it carries a byline's cue ("By ...",
/// "Author: ..."), else with "By " before it, so that the export read back (Markdown, where a name
/// alone is not taken for the byline) has it as its byline again.
pub(crate) fn byline_line(text: &str) -> std::borrow::Cow<'_, str> {
    if evidence::is_byline(text) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(format!("By {text}"))
    }
}

fn markdown(a: &Article) -> String {
    let mut out = String::new();
    if let Some(t) = &a.title {
        out.push_str(&format!("# {}\n\n", md_inline(&t.text)));
    }
    if let Some(b) = &a.byline {
        out.push_str(&format!("{}\n\n", md_text(&byline_line(&b.text), "")));
    }
    if let Some(d) = &a.published {
        out.push_str(&format!("{}\n\n", md_text(&d.text, "")));
    }
    let mut last_list = None;
    if let Some(k) = &a.key_points {
        md_callout(&mut out, k, "Key points", &mut last_list);
    }
    for s in &a.sections {
        if let Some(h) = &s.heading {
            out.push_str(&format!("{} {}\n\n", "#".repeat(s.level.clamp(2, 6) as usize), md_inline(&h.text)));
            last_list = None;
        }
        for b in &s.blocks {
            md_block(&mut out, b, &mut last_list);
        }
    }
    if let Some(t) = &a.takeaways {
        md_callout(&mut out, t, "Key takeaways", &mut last_list);
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn text(a: &Article) -> String {
    let mut out = String::new();
    if let Some(t) = &a.title {
        out.push_str(&format!("{}\n\n", t.text));
    }
    for m in [&a.byline, &a.published].into_iter().flatten() {
        out.push_str(&format!("{}\n", m.text));
    }
    if a.byline.is_some() || a.published.is_some() {
        out.push('\n');
    }
    let callout = |out: &mut String, c: &Callout, fallback: &str| {
        out.push_str(&format!("{}\n", c.label.as_ref().map(|l| l.text.as_str()).unwrap_or(fallback)));
        for i in &c.items {
            out.push_str(&format!("- {}\n", i.text));
        }
        out.push('\n');
    };
    if let Some(k) = &a.key_points {
        callout(&mut out, k, "Key points");
    }
    for s in &a.sections {
        if let Some(h) = &s.heading {
            out.push_str(&format!("{}\n\n", h.text));
        }
        for b in &s.blocks {
            match b.kind {
                BlockKind::List => {
                    for i in &b.items {
                        out.push_str(&format!("- {i}\n"));
                    }
                    out.push('\n');
                }
                BlockKind::Quote => out.push_str(&format!("\u{201c}{}\u{201d}\n\n", b.text)),
                _ => out.push_str(&format!("{}\n\n", b.text)),
            }
        }
    }
    if let Some(t) = &a.takeaways {
        callout(&mut out, t, "Key takeaways");
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn html(a: &Article) -> String {
    let e = escape_html;
    let mut body = String::new();
    if let Some(t) = &a.title {
        body.push_str(&format!("<h1>{}</h1>\n", e(&t.text)));
    }
    let meta: Vec<String> = [&a.byline, &a.published].into_iter().flatten().map(|s| e(&s.text)).collect();
    if !meta.is_empty() {
        body.push_str(&format!("<p class=\"meta\">{}</p>\n", meta.join(" · ")));
    }
    let callout = |body: &mut String, c: &Callout, class: &str, fallback: &str| {
        let label = c.label.as_ref().map(|l| l.text.as_str()).unwrap_or(fallback);
        body.push_str(&format!("<aside class=\"{class}\"><h2>{}</h2>\n<ul>\n", e(label)));
        for i in &c.items {
            body.push_str(&format!("<li>{}</li>\n", e(&i.text)));
        }
        body.push_str("</ul></aside>\n");
    };
    if let Some(k) = &a.key_points {
        callout(&mut body, k, "key-points", "Key points");
    }
    for s in &a.sections {
        body.push_str("<section>\n");
        if let Some(h) = &s.heading {
            let l = s.level.clamp(2, 6);
            body.push_str(&format!("<h{l}>{}</h{l}>\n", e(&h.text)));
        }
        for b in &s.blocks {
            match b.kind {
                BlockKind::Paragraph => body.push_str(&format!("<p>{}</p>\n", e(&b.text))),
                BlockKind::List => {
                    body.push_str("<ul>\n");
                    for i in &b.items {
                        body.push_str(&format!("<li>{}</li>\n", e(i)));
                    }
                    body.push_str("</ul>\n");
                }
                BlockKind::Caption => {
                    body.push_str(&format!("<figure><figcaption>{}</figcaption></figure>\n", e(&b.text)))
                }
                BlockKind::Quote => body.push_str(&format!("<blockquote><p>{}</p></blockquote>\n", e(&b.text))),
                BlockKind::Code => body.push_str(&format!("<pre><code>{}</code></pre>\n", e(&b.text))),
                BlockKind::Table => {
                    body.push_str("<table>\n");
                    for row in &b.items {
                        body.push_str("<tr>");
                        for cell in row.split('\t') {
                            body.push_str(&format!("<td>{}</td>", e(cell)));
                        }
                        body.push_str("</tr>\n");
                    }
                    body.push_str("</table>\n");
                }
            }
        }
        body.push_str("</section>\n");
    }
    if let Some(t) = &a.takeaways {
        callout(&mut body, t, "takeaways", "Key takeaways");
    }
    let title = a.title.as_ref().map(|t| e(&t.text)).unwrap_or_else(|| "Article".to_string());
    let lang = e(&a.language);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n\
<style>body{{max-width:42rem;margin:2rem auto;padding:0 1rem;font:1.05rem/1.6 Georgia,serif;color:#1c1c1c}}\
aside{{border-left:4px solid #3b6ea5;padding:.2rem 1rem;background:#f3f6fa}}figcaption{{font-style:italic;color:#555}}\
blockquote{{border-left:3px solid #aaa;margin-left:0;padding-left:1rem;color:#333}}.meta{{color:#666}}</style>\n\
</head>\n<body>\n<article>\n{body}</article>\n</body>\n</html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::article::Span;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape_html("<script>alert('x')</script>&"), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;");
    }

    #[test]
    fn markdown_escapes_what_can_open_markup_and_only_that() {
        assert_eq!(md_text_line("SELECT * FROM server_log_summary"), "SELECT * FROM server_log_summary");
        assert_eq!(
            md_text_line("*a* _b_ a*b* <x> [l](u) `c` ~d~ |e| &amp; \\"),
            "\\*a\\* \\_b\\_ a\\*b\\* \\<x\\> \\[l\\](u) \\`c\\` \\~d\\~ \\|e\\| \\&amp; \\\\"
        );
        assert_eq!(md_text_line("# h"), "\\# h");
        assert_eq!(md_text_line("12. x"), "12\\. x");
        assert_eq!(md_text_line("    ---"), "\\---");
        assert_eq!(md_fence("a ``` b ```` c"), "`````");
        assert_eq!(md_fence("no ticks"), "```");
    }

    /// An article titled "Harbour notes" with `blocks` in one section.
    fn article_of(blocks: Vec<Block>) -> Article {
        let mut a = Article::empty();
        a.title = Some(Span::new("Harbour notes", [1, 1]));
        a.sections.push(crate::core::article::Section { heading: None, level: 2, blocks });
        a
    }

    fn block(kind: BlockKind, text: &str, items: &[&str]) -> Block {
        Block { kind, text: text.to_string(), items: items.iter().map(|i| i.to_string()).collect(), lines: [2, 2] }
    }

    /// The kinds and texts of the blocks of `a`'s Markdown, structured again.
    fn read_back(a: &Article) -> Vec<(BlockKind, String, Vec<String>)> {
        let again = crate::core::structure(&render(a, Format::Markdown), &crate::core::options::Options::default());
        again.sections.iter().flat_map(|s| &s.blocks).map(|b| (b.kind, b.text.clone(), b.items.clone())).collect()
    }

    #[test]
    fn adjacent_lists_read_back_as_two_lists() {
        // A list of one item right before another: a blank line alone would not part them.
        let a = article_of(vec![
            block(BlockKind::List, "Posted by Ada", &["Posted by Ada"]),
            block(BlockKind::List, "Onions\nLeeks", &["Onions", "Leeks"]),
            block(BlockKind::List, "Carrots", &["Carrots"]),
        ]);
        let md = render(&a, Format::Markdown);
        assert!(md.contains("- Posted by Ada\n\n* Onions\n* Leeks\n\n- Carrots"), "{md}");
        let lists: Vec<Vec<String>> = read_back(&a).into_iter().map(|b| b.2).collect();
        assert_eq!(lists, [vec!["Posted by Ada"], vec!["Onions", "Leeks"], vec!["Carrots"]]);
    }

    #[test]
    fn captions_quotes_and_tables_read_back_as_written() {
        let kinds = [
            // A star between spaces inside `*...*` would end the caption's emphasis.
            block(BlockKind::Caption, "Photo: a * b grid of the harbour", &[]),
            // A backslash before the closing `*` is escaped, not an escape of the `*`.
            block(BlockKind::Caption, "Photo: the path C:\\", &[]),
            // A line break parts a quote's paragraphs.
            block(BlockKind::Quote, "The tide came in fast.\nWe ran for the wall.", &[]),
            // A row of dashes would read as the table's delimiter row.
            block(BlockKind::Table, "Tide\tHeight\n-\t--", &["Tide\tHeight", "-\t--"]),
        ];
        for b in kinds {
            let a = article_of(vec![b.clone()]);
            assert_eq!(read_back(&a), [(b.kind, b.text.clone(), b.items.clone())], "{}", render(&a, Format::Markdown));
        }
    }

    #[test]
    fn html_never_carries_input_markup() {
        let mut a = Article::empty();
        a.title = Some(crate::core::article::Span::new("<img src=x onerror=alert(1)>", [1, 1]));
        let out = render(&a, Format::Html);
        assert!(!out.contains("<img"));
        assert!(out.contains("&lt;img src=x onerror=alert(1)&gt;"));
    }
}
