//! The renderers: Article -> Markdown, plain text, standalone HTML or JSON.
//!
//! The HTML renderer escapes every piece of text; nothing from the input is ever emitted as markup.
//! The Markdown renderer writes a dialect that `structure()` reads back into the same article.

use crate::core::article::{Article, Block, BlockKind, Callout};
use crate::core::evidence;

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
        Format::Markdown => markdown(article),
        Format::Text => text(article),
        Format::Html => html(article),
    }
}

/// Escapes characters that Markdown would read as markup at the start of a line.
fn md_line(s: &str) -> String {
    let t = s.trim_start();
    let needs = t.starts_with('#')
        || t.starts_with('>')
        || t.starts_with("- ")
        || t.starts_with("* ")
        || t.starts_with("+ ")
        || t.starts_with("```")
        || t.starts_with('|')
        || t.starts_with('*')
        || t.starts_with('_');
    if needs {
        format!("\\{t}")
    } else if ordered_marker(t) {
        // "12. Sections" as text, not an ordered list item: escape the marker's punctuation.
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        format!("{}\\{}", &t[..digits], &t[digits..])
    } else {
        t.to_string()
    }
}

/// Escapes text set inside Markdown markup (`**...**`, `*...*`, a heading): backslashes, asterisks
/// and a trailing `#` that the reader would take for markup.
fn md_inline(s: &str) -> String {
    let mut out = s.replace('\\', "\\\\").replace('*', "\\*");
    if out.ends_with('#') {
        let n = out.len() - out.trim_end_matches('#').len();
        out.truncate(out.len() - n);
        out.push_str(&"\\#".repeat(n));
    }
    out
}

fn ordered_marker(t: &str) -> bool {
    let digits = t.bytes().take_while(|b| b.is_ascii_digit()).count();
    digits > 0 && digits < 10 && matches!(t.as_bytes().get(digits), Some(b'.') | Some(b')'))
}

fn md_callout(out: &mut String, c: &Callout, fallback: &str) {
    let label = c.label.as_ref().map(|l| l.text.as_str()).unwrap_or(fallback);
    out.push_str(&format!("**{}**\n\n", md_inline(label)));
    for item in &c.items {
        out.push_str(&format!("- {}\n", item.text));
    }
    out.push('\n');
}

fn md_block(out: &mut String, b: &Block) {
    match b.kind {
        BlockKind::Paragraph => out.push_str(&md_line(&b.text)),
        BlockKind::List => {
            for item in &b.items {
                out.push_str(&format!("- {item}\n"));
            }
            out.pop();
        }
        BlockKind::Caption => out.push_str(&format!("*{}*", md_inline(&b.text))),
        BlockKind::Quote => {
            let quoted: Vec<String> = b.text.lines().map(|l| format!("> {l}")).collect();
            out.push_str(&quoted.join("\n"));
        }
        BlockKind::Code => {
            let fence = if b.text.contains("```") { "~~~~" } else { "```" };
            out.push_str(&format!("{fence}\n{}\n{fence}", b.text));
        }
        BlockKind::Table => {
            for row in &b.items {
                out.push_str(&format!("| {} |\n", row.replace('\t', " | ")));
            }
            out.pop();
        }
    }
    out.push_str("\n\n");
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
        out.push_str(&format!("{}\n\n", md_line(&byline_line(&b.text))));
    }
    if let Some(d) = &a.published {
        out.push_str(&format!("{}\n\n", md_line(&d.text)));
    }
    if let Some(k) = &a.key_points {
        md_callout(&mut out, k, "Key points");
    }
    for s in &a.sections {
        if let Some(h) = &s.heading {
            out.push_str(&format!("{} {}\n\n", "#".repeat(s.level.clamp(2, 6) as usize), md_inline(&h.text)));
        }
        for b in &s.blocks {
            md_block(&mut out, b);
        }
    }
    if let Some(t) = &a.takeaways {
        md_callout(&mut out, t, "Key takeaways");
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

    #[test]
    fn escapes_markup() {
        assert_eq!(escape_html("<script>alert('x')</script>&"), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;");
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
