//! The metadata a page declares: `<title>`, `<meta>` (Open Graph, `article:`, Twitter, Dublin
//! Core, `author`, `description`) and JSON-LD (`headline`, `name`, `author`, `datePublished`).
//! Each value keeps the source range of the element it came from, so that it has input lines.

use serde_json::Value;

use super::tree::{Data, Document};

/// A declared value and the byte range of the element that declared it.
#[derive(Clone, Debug, PartialEq)]
pub struct Declared {
    /// The value, whitespace collapsed.
    pub text: String,
    /// Byte range of the declaring element in the source.
    pub range: (usize, usize),
}

/// What the page declares about itself.
#[derive(Clone, Debug, Default)]
pub struct Meta {
    /// `<title>`.
    pub title_tag: Option<Declared>,
    /// JSON-LD `headline` / `name` of an article object (the one closer to `<title>`).
    pub ld_title: Option<Declared>,
    /// `og:title`, `twitter:title`, `dc:title` (in that order of preference).
    pub meta_title: Option<Declared>,
    /// `og:site_name` or a JSON-LD publisher name.
    pub site_name: Option<String>,
    /// Author names: JSON-LD `author`, `<meta name=author>`, `article:author` when not a URL.
    pub author: Option<Declared>,
    /// JSON-LD `datePublished`, `article:published_time` and the like.
    pub published: Option<Declared>,
    /// `description`, `og:description`.
    pub description: Option<Declared>,
    /// Whether `author` came from JSON-LD (which is preferred to `<meta>`).
    author_from_ld: bool,
}

/// Collapses whitespace runs to one space and trims.
pub fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "AdvertiserContentArticle",
    "NewsArticle",
    "AnalysisNewsArticle",
    "AskPublicNewsArticle",
    "BackgroundNewsArticle",
    "BlogPosting",
    "DiscussionForumPosting",
    "LiveBlogPosting",
    "OpinionNewsArticle",
    "ReportageNewsArticle",
    "ReviewNewsArticle",
    "Report",
    "SatiricalArticle",
    "ScholarlyArticle",
    "MedicalScholarlyArticle",
    "SocialMediaPosting",
    "TechArticle",
];

/// Reads the metadata of a parsed document.
pub fn read(doc: &Document) -> Meta {
    let mut meta = Meta::default();
    let mut titles: [Option<Declared>; 3] = [None, None, None];
    for node in &doc.nodes {
        let Data::Element { name, foreign: false, .. } = &node.data else {
            continue;
        };
        let range = (node.start, node.end);
        match name.as_str() {
            "title" if meta.title_tag.is_none() => {
                let text = collapse(&text_of(doc, node));
                if !text.is_empty() {
                    meta.title_tag = Some(Declared { text, range });
                }
            }
            "meta" => {
                let key = node.attr("property").or_else(|| node.attr("name")).unwrap_or("").trim().to_ascii_lowercase();
                let Some(content) = node.attr("content").map(collapse).filter(|c| !c.is_empty()) else {
                    continue;
                };
                let d = Declared { text: content, range };
                // A property attribute may list several names ("og:title twitter:title").
                for k in key.split_whitespace() {
                    match k {
                        "og:title" => titles[0].get_or_insert(d.clone()),
                        "twitter:title" => titles[1].get_or_insert(d.clone()),
                        "dc:title" | "dcterm:title" | "dcterms:title" => titles[2].get_or_insert(d.clone()),
                        "og:site_name" => {
                            meta.site_name.get_or_insert(d.text.clone());
                            continue;
                        }
                        "author" | "article:author" | "dc:creator" | "dcterm:creator" | "byl" | "parsely-author"
                            if !looks_like_url(&d.text) =>
                        {
                            meta.author.get_or_insert(d.clone())
                        }
                        "article:published_time"
                        | "og:article:published_time"
                        | "datepublished"
                        | "date"
                        | "pubdate"
                        | "publishdate"
                        | "dc.date"
                        | "dc:date"
                        | "parsely-pub-date"
                        | "sailthru.date" => meta.published.get_or_insert(d.clone()),
                        "description" | "og:description" | "twitter:description" => {
                            meta.description.get_or_insert(d.clone())
                        }
                        _ => continue,
                    };
                }
            }
            "script" if node.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) => {
                json_ld(&text_of(doc, node), range, &mut meta);
            }
            _ => {}
        }
    }
    meta.meta_title = titles.into_iter().flatten().next();
    // JSON-LD's name and headline may differ: the ld_title was chosen by json_ld already.
    meta
}

fn looks_like_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("//") || s.starts_with('/')
}

/// The text of an element's text children.
fn text_of(doc: &Document, node: &super::tree::Node) -> String {
    let mut s = String::new();
    for &c in &node.children {
        if let Some(t) = doc.nodes[c as usize].text() {
            s.push_str(t);
        }
    }
    s
}

/// A JSON-LD string as text: character references decoded (pages write `&#x27;` and `&amp;` into
/// their JSON-LD as into their markup; issue 13), white space collapsed.
fn ld_text(s: &str) -> String {
    collapse(&super::tokenizer::decode(s, false))
}

/// Reads one JSON-LD script: the first article object's headline, author and date.
fn json_ld(source: &str, range: (usize, usize), meta: &mut Meta) {
    let s = source.trim();
    let s = s.strip_prefix("<![CDATA[").and_then(|r| r.strip_suffix("]]>")).unwrap_or(s).trim();
    let Ok(value) = serde_json::from_str::<Value>(s) else {
        return;
    };
    // Objects to look at: the value itself, array members, `@graph` members (one level).
    let mut objects: Vec<&Value> = Vec::new();
    let mut queue: Vec<&Value> = vec![&value];
    while let Some(v) = queue.pop() {
        if objects.len() > 256 {
            break;
        }
        match v {
            Value::Array(a) => queue.extend(a.iter().rev()),
            Value::Object(o) => {
                objects.push(v);
                if let Some(Value::Array(a)) = o.get("@graph") {
                    queue.extend(a.iter().rev());
                }
            }
            _ => {}
        }
    }
    for v in objects {
        let types: Vec<&str> = match v.get("@type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        if !types.iter().any(|t| ARTICLE_TYPES.contains(t)) {
            continue;
        }
        let name = v.get("name").and_then(Value::as_str).map(ld_text).filter(|s| !s.is_empty());
        let headline = v.get("headline").and_then(Value::as_str).map(ld_text).filter(|s| !s.is_empty());
        let title = match (name, headline) {
            (Some(n), Some(h)) if n != h => {
                // The one closer to the page's <title>.
                let page = meta.title_tag.as_ref().map(|t| t.text.to_lowercase()).unwrap_or_default();
                if word_overlap(&h.to_lowercase(), &page) >= word_overlap(&n.to_lowercase(), &page) {
                    Some(h)
                } else {
                    Some(n)
                }
            }
            (n, h) => h.or(n),
        };
        if meta.ld_title.is_none() {
            if let Some(t) = title {
                meta.ld_title = Some(Declared { text: t, range });
            }
        }
        if let Some(a) = v.get("author").and_then(author_names) {
            if !meta.author_from_ld {
                meta.author = Some(Declared { text: a, range });
                meta.author_from_ld = true;
            }
        }
        if meta.published.is_none() {
            if let Some(d) = v.get("datePublished").and_then(Value::as_str).map(ld_text).filter(|s| !s.is_empty()) {
                meta.published = Some(Declared { text: d, range });
            }
        }
        if meta.site_name.is_none() {
            if let Some(p) = v.get("publisher").and_then(|p| p.get("name")).and_then(Value::as_str) {
                meta.site_name = Some(ld_text(p));
            }
        }
        break;
    }
}

/// Author names from a JSON-LD `author`: a string, an object with a name, or a list of them.
fn author_names(v: &Value) -> Option<String> {
    let names: Vec<String> = match v {
        Value::String(s) => vec![ld_text(s)],
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(ld_text).into_iter().collect(),
        Value::Array(a) => a
            .iter()
            .take(20)
            .filter_map(|x| match x {
                Value::String(s) => Some(ld_text(s)),
                Value::Object(o) => o.get("name").and_then(Value::as_str).map(ld_text),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let names: Vec<String> = names.into_iter().filter(|n| !n.is_empty() && !looks_like_url(n)).collect();
    (!names.is_empty()).then(|| names.join(", "))
}

/// Share of the words of `a` that occur in `b`.
pub fn word_overlap(a: &str, b: &str) -> f64 {
    let words: Vec<&str> = a.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return 0.0;
    }
    let other: std::collections::HashSet<&str> = b.split(|c: char| !c.is_alphanumeric()).collect();
    words.iter().filter(|w| other.contains(*w)).count() as f64 / words.len() as f64
}

#[cfg(test)]
mod tests {
    use super::super::tree::parse;
    use super::*;

    #[test]
    fn reads_meta_and_json_ld() {
        let html = r#"<html><head><title>Rivers return | The Town Paper</title>
<meta property="og:title" content="Rivers return to the city">
<meta name="author" content="https://example.org/staff/1">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Town"},
{"@type":"NewsArticle","headline":"Rivers return","author":[{"@type":"Person","name":"Ada Park"},{"name":"Li Wen"}],
"datePublished":"2024-05-02T08:00:00Z","publisher":{"name":"The Town Paper"}}]}</script></head><body></body></html>"#;
        let m = read(&parse(html));
        assert_eq!(m.title_tag.unwrap().text, "Rivers return | The Town Paper");
        assert_eq!(m.meta_title.unwrap().text, "Rivers return to the city");
        assert_eq!(m.ld_title.unwrap().text, "Rivers return");
        assert_eq!(m.author.unwrap().text, "Ada Park, Li Wen");
        assert_eq!(m.published.unwrap().text, "2024-05-02T08:00:00Z");
        assert_eq!(m.site_name.as_deref(), Some("The Town Paper"));
    }

    #[test]
    fn broken_json_ld_is_ignored() {
        let m = read(&parse(r#"<script type="application/ld+json">{"@type": "Article", "headline": </script>"#));
        assert!(m.ld_title.is_none());
    }
}
