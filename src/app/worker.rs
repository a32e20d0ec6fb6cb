//! The engine off the main thread: HTML input (a paste with formatting, an opened `.html` file) and
//! long texts go to `assets/engine.js`, which structures them in a Web Worker
//! (`assets/engine-worker.js`) with the widget's JS API, `structure(text, options)`, from `widget.js`.
//! That module carries the core's HTML path, which the page's own wasm leaves out: linked in, it
//! costs about 50 KB gzip (measured), more than the page's size budget has room for. Where workers
//! fail, `engine.js` runs the module on the page; from disk it refuses, and the page reads the plain
//! text itself.
//!
//! The article comes back as a plain object in the Article JSON shape (schema 1) and is read here
//! field by field through `Reflect` ([`article_from_js`]); serde's deserializer for `Article` would
//! cost the page 21 KB gzip (measured).

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use super::engine::Outcome;
use crate::view_model::{block_kind_named, reason_named};
use crate::{
    Article, Block, Callout, Diagnostic, Removed, Section, Span, Stats, Summary, SummarySentence, SCHEMA_VERSION,
};

/// Texts at least this long (in bytes) are structured in the worker even when they are plain text:
/// above it, `structure()` takes long enough to freeze the page (about 60 ms per 100 KB here).
pub const MIN_BYTES: usize = 100_000;

/// What the worker sends back.
pub struct Answer {
    /// The article and the time `structure()` took.
    pub outcome: Outcome,
    /// Words and characters of the input, when they were asked for.
    pub counts: Option<(usize, usize)>,
}

/// Structures `input` (HTML when `html`) off the main thread; with `count`, the worker also counts
/// the input's words and characters. Fails (with a message) when the engine cannot be loaded or
/// returns something that is not an Article.
pub async fn run(input: &str, html: bool, summary_sentences: Option<usize>, count: bool) -> Result<Answer, String> {
    let describe = |e: JsValue| super::storage::describe(&e);
    let call = Reflect::get(&js_sys::global(), &"articleStructurerRun".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or("the engine script is not part of this page")?;
    let options = js_sys::Object::new();
    let _ = Reflect::set(&options, &"input".into(), &(if html { "html" } else { "text" }).into());
    if let Some(n) = summary_sentences {
        let _ = Reflect::set(&options, &"summary_sentences".into(), &(n as f64).into());
    }
    let args = Array::of3(&input.into(), &options, &count.into());
    let promise: Promise = call.apply(&JsValue::NULL, &args).map_err(describe)?.unchecked_into();
    let value = wasm_bindgen_futures::JsFuture::from(promise).await.map_err(describe)?;
    let article =
        article_from_js(&get(&value, "article")).ok_or("the engine returned something that is not an Article")?;
    let (words, chars) = (get(&value, "words").as_f64(), get(&value, "chars").as_f64());
    Ok(Answer {
        outcome: Outcome { article, ms: number(&value, "ms") },
        counts: words.zip(chars).map(|(w, c)| (w as usize, c as usize)),
    })
}

fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn string(o: &JsValue, key: &str) -> Option<String> {
    get(o, key).as_string()
}

fn number(o: &JsValue, key: &str) -> f64 {
    get(o, key).as_f64().unwrap_or(0.0)
}

fn list(o: &JsValue, key: &str) -> Vec<JsValue> {
    let v = get(o, key);
    if Array::is_array(&v) {
        Array::from(&v).iter().collect()
    } else {
        Vec::new()
    }
}

fn pair(v: &JsValue) -> Option<[u32; 2]> {
    if !Array::is_array(v) {
        return None;
    }
    let a = Array::from(v);
    Some([a.get(0).as_f64()? as u32, a.get(1).as_f64()? as u32])
}

fn lines(o: &JsValue) -> [u32; 2] {
    pair(&get(o, "lines")).unwrap_or([0, 0])
}

fn span(v: JsValue) -> Option<Span> {
    Some(Span { text: string(&v, "text")?, lines: lines(&v), date: string(&v, "date") })
}

fn callout(v: JsValue) -> Option<Callout> {
    if !v.is_object() {
        return None;
    }
    Some(Callout { label: span(get(&v, "label")), items: list(&v, "items").into_iter().filter_map(span).collect() })
}

fn sentence(v: &JsValue) -> Option<SummarySentence> {
    let range = pair(&get(v, "range")).unwrap_or([0, 0]);
    Some(SummarySentence {
        text: string(v, "text")?,
        section: number(v, "section") as usize,
        block: number(v, "block") as usize,
        range: [range[0] as usize, range[1] as usize],
        lines: lines(v),
    })
}

/// Reads an Article from a plain object in the Article JSON shape (schema 1), as the JS API returns
/// it; `None` when it is not one (wrong schema, a block kind or removal reason this build does not
/// know). Fields that are absent get their empty values, as serde's defaults would.
pub fn article_from_js(v: &JsValue) -> Option<Article> {
    if number(v, "schema") as u32 != SCHEMA_VERSION {
        return None;
    }
    let sections = list(v, "sections")
        .iter()
        .map(|s| {
            let blocks = list(s, "blocks")
                .iter()
                .map(|b| {
                    Some(Block {
                        kind: block_kind_named(&string(b, "kind")?)?,
                        text: string(b, "text").unwrap_or_default(),
                        items: list(b, "items").iter().filter_map(JsValue::as_string).collect(),
                        lines: lines(b),
                    })
                })
                .collect::<Option<Vec<Block>>>()?;
            Some(Section { heading: span(get(s, "heading")), level: number(s, "level") as u8, blocks })
        })
        .collect::<Option<Vec<Section>>>()?;
    let removed = list(v, "removed")
        .iter()
        .map(|r| {
            Some(Removed {
                reason: reason_named(&string(r, "reason")?)?,
                text: string(r, "text").unwrap_or_default(),
                lines: lines(r),
                duplicate_of: pair(&get(r, "duplicate_of")),
            })
        })
        .collect::<Option<Vec<Removed>>>()?;
    let summary = get(v, "summary");
    let stats = get(v, "stats");
    Some(Article {
        schema: SCHEMA_VERSION,
        language: string(v, "language").unwrap_or_else(|| "und".to_string()),
        title: span(get(v, "title")),
        byline: span(get(v, "byline")),
        published: span(get(v, "published")),
        key_points: callout(get(v, "key_points")),
        sections,
        takeaways: callout(get(v, "takeaways")),
        summary: Summary {
            sentences: list(&summary, "sentences").iter().filter_map(sentence).collect(),
            keywords: list(&summary, "keywords").iter().filter_map(JsValue::as_string).collect(),
            gists: list(&summary, "gists").iter().filter_map(sentence).collect(),
        },
        removed,
        stats: Stats {
            words: number(&stats, "words") as usize,
            sentences: number(&stats, "sentences") as usize,
            reading_minutes: number(&stats, "reading_minutes"),
            duplicates_removed: number(&stats, "duplicates_removed") as usize,
            boilerplate_removed: number(&stats, "boilerplate_removed") as usize,
        },
        diagnostics: list(v, "diagnostics")
            .iter()
            .filter_map(|d| {
                let mut diagnostic = Diagnostic::new(string(d, "code")?, string(d, "message")?);
                diagnostic.lines = pair(&get(d, "lines"));
                Some(diagnostic)
            })
            .collect(),
        page_type: string(v, "page_type"),
    })
}
