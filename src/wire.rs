//! The Article in a compact binary form, for the page's worker: the worker structures a long text
//! with the widget's module and sends the article back as one byte buffer ([`pack`]), which the page
//! reads with [`unpack`].
//!
//! Why not the Article JSON as plain objects, which the JS API returns: a 10 MB paste makes an
//! article of some 36,000 objects (blocks and removed items) holding 10 MB of text. Handed to the
//! page as objects, the browser rebuilds all of them on the page's main thread when the message
//! arrives, and the page then reads them field by field across the wasm boundary (some 400,000
//! calls, each string converted from UTF-16): a few hundred milliseconds during which the page
//! answers no click. One buffer is transferred to the page without a copy, and reading it is a few
//! bulk copies in wasm (no serde: its deserializer would cost the page's wasm about 21 KB gzip).
//!
//! The form is private to one build (the page and its worker come from the same build, and the
//! service worker caches them together): it starts with [`MAGIC`], and [`unpack`] refuses anything
//! else. Numbers are little-endian: lengths, line numbers and the schema as `u32`, `usize` fields as
//! `u64`, `reading_minutes` as `f64`; a string is its UTF-8 length and bytes; an `Option` a `0`/`1`
//! byte before the value; a list its length before the items; block kinds and removal reasons by
//! their names in the Article JSON. Fields go in the order of the structs in `core::article`; every
//! struct is destructured in [`pack`], so a new field does not compile until it has its place here.

use crate::view_model::{block_kind_named, reason_named};
use crate::{Article, Block, Callout, Diagnostic, Removed, Section, Span, Stats, Summary, SummarySentence};

/// The first bytes of a packed article: the form's name and version.
pub const MAGIC: &[u8; 4] = b"ASw1";

/// The article as bytes (see the module docs for the form).
pub fn pack(article: &Article) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(1024));
    w.0.extend_from_slice(MAGIC);
    let Article {
        schema,
        language,
        title,
        byline,
        published,
        key_points,
        sections,
        takeaways,
        summary,
        removed,
        stats,
        diagnostics,
        page_type,
    } = article;
    w.u32(*schema);
    w.str(language);
    w.opt(title, Writer::span);
    w.opt(byline, Writer::span);
    w.opt(published, Writer::span);
    w.opt(key_points, Writer::callout);
    w.list(sections, |w, s| {
        let Section { heading, level, blocks } = s;
        w.opt(heading, Writer::span);
        w.0.push(*level);
        w.list(blocks, |w, b| {
            let Block { kind, text, items, lines } = b;
            w.str(kind.as_str());
            w.str(text);
            w.list(items, |w, i| w.str(i));
            w.lines(lines);
        });
    });
    w.opt(takeaways, Writer::callout);
    let Summary { sentences, keywords, gists } = summary;
    w.list(sentences, Writer::sentence);
    w.list(keywords, |w, k| w.str(k));
    w.list(gists, Writer::sentence);
    w.list(removed, |w, r| {
        let Removed { reason, text, lines, duplicate_of } = r;
        w.str(reason.as_str());
        w.str(text);
        w.lines(lines);
        w.opt(duplicate_of, Writer::lines);
    });
    let Stats { words, sentences, reading_minutes, duplicates_removed, boilerplate_removed } = stats;
    w.usize(*words);
    w.usize(*sentences);
    w.0.extend_from_slice(&reading_minutes.to_le_bytes());
    w.usize(*duplicates_removed);
    w.usize(*boilerplate_removed);
    w.list(diagnostics, |w, d| {
        let Diagnostic { code, message, lines } = d;
        w.str(code);
        w.str(message);
        w.opt(lines, Writer::lines);
    });
    w.opt(page_type, |w, t| w.str(t));
    w.0
}

/// Reads what [`pack`] wrote; `None` for anything else (another form, cut short, bytes left over,
/// a block kind or removal reason this build does not know, a string that is not UTF-8).
pub fn unpack(bytes: &[u8]) -> Option<Article> {
    let mut r = Reader { bytes: bytes.strip_prefix(MAGIC)?, at: 0 };
    let article = Article {
        schema: r.u32()?,
        language: r.str()?,
        title: r.opt(Reader::span)?,
        byline: r.opt(Reader::span)?,
        published: r.opt(Reader::span)?,
        key_points: r.opt(Reader::callout)?,
        sections: r.list(|r| {
            Some(Section {
                heading: r.opt(Reader::span)?,
                level: r.u8()?,
                blocks: r.list(|r| {
                    Some(Block {
                        kind: block_kind_named(r.name()?)?,
                        text: r.str()?,
                        items: r.list(Reader::str)?,
                        lines: r.lines()?,
                    })
                })?,
            })
        })?,
        takeaways: r.opt(Reader::callout)?,
        summary: Summary {
            sentences: r.list(Reader::sentence)?,
            keywords: r.list(Reader::str)?,
            gists: r.list(Reader::sentence)?,
        },
        removed: r.list(|r| {
            Some(Removed {
                reason: reason_named(r.name()?)?,
                text: r.str()?,
                lines: r.lines()?,
                duplicate_of: r.opt(Reader::lines)?,
            })
        })?,
        stats: Stats {
            words: r.usize()?,
            sentences: r.usize()?,
            reading_minutes: f64::from_le_bytes(r.take(8)?.try_into().ok()?),
            duplicates_removed: r.usize()?,
            boilerplate_removed: r.usize()?,
        },
        diagnostics: r
            .list(|r| Some(Diagnostic { code: r.str()?, message: r.str()?, lines: r.opt(Reader::lines)? }))?,
        page_type: r.opt(Reader::str)?,
    };
    (r.at == r.bytes.len()).then_some(article)
}

struct Writer(Vec<u8>);

impl Writer {
    fn u32(&mut self, n: u32) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }

    fn usize(&mut self, n: usize) {
        self.0.extend_from_slice(&(n as u64).to_le_bytes());
    }

    /// A length, which no text the core reads comes near `u32::MAX` of (its input limit is 16 MiB
    /// by default); saturated rather than wrapped, so that a larger one makes `unpack` fail.
    fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).unwrap_or(u32::MAX));
    }

    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }

    fn lines(&mut self, lines: &[u32; 2]) {
        self.u32(lines[0]);
        self.u32(lines[1]);
    }

    fn opt<T>(&mut self, value: &Option<T>, write: impl FnOnce(&mut Writer, &T)) {
        match value {
            Some(v) => {
                self.0.push(1);
                write(self, v);
            }
            None => self.0.push(0),
        }
    }

    fn list<T>(&mut self, items: &[T], mut write: impl FnMut(&mut Writer, &T)) {
        self.len(items.len());
        for item in items {
            write(self, item);
        }
    }

    fn span(&mut self, s: &Span) {
        let Span { text, lines, date } = s;
        self.str(text);
        self.lines(lines);
        self.opt(date, |w, d| w.str(d));
    }

    fn callout(&mut self, c: &Callout) {
        let Callout { label, items } = c;
        self.opt(label, Writer::span);
        self.list(items, Writer::span);
    }

    fn sentence(&mut self, s: &SummarySentence) {
        let SummarySentence { text, section, block, range, lines } = s;
        self.str(text);
        self.usize(*section);
        self.usize(*block);
        self.usize(range[0]);
        self.usize(range[1]);
        self.lines(lines);
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let part = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(part)
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn usize(&mut self) -> Option<usize> {
        usize::try_from(u64::from_le_bytes(self.take(8)?.try_into().ok()?)).ok()
    }

    /// A string, borrowed from the bytes (block kinds and reasons are looked up, not kept).
    fn name(&mut self) -> Option<&'a str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).ok()
    }

    fn str(&mut self) -> Option<String> {
        self.name().map(str::to_owned)
    }

    fn lines(&mut self) -> Option<[u32; 2]> {
        Some([self.u32()?, self.u32()?])
    }

    /// `Some(None)` for an absent value, `None` when the bytes are not an option.
    fn opt<T>(&mut self, read: impl FnOnce(&mut Reader<'a>) -> Option<T>) -> Option<Option<T>> {
        match self.u8()? {
            0 => Some(None),
            1 => read(self).map(Some),
            _ => None,
        }
    }

    fn list<T>(&mut self, mut read: impl FnMut(&mut Reader<'a>) -> Option<T>) -> Option<Vec<T>> {
        let n = self.u32()? as usize;
        // Every item takes at least one byte: a length past the bytes left is no list (and never
        // makes a huge allocation).
        let mut out = Vec::with_capacity(n.min(self.bytes.len() - self.at));
        for _ in 0..n {
            out.push(read(self)?);
        }
        Some(out)
    }

    fn span(&mut self) -> Option<Span> {
        Some(Span { text: self.str()?, lines: self.lines()?, date: self.opt(Reader::str)? })
    }

    fn callout(&mut self) -> Option<Callout> {
        Some(Callout { label: self.opt(Reader::span)?, items: self.list(Reader::span)? })
    }

    fn sentence(&mut self) -> Option<SummarySentence> {
        Some(SummarySentence {
            text: self.str()?,
            section: self.usize()?,
            block: self.usize()?,
            range: [self.usize()?, self.usize()?],
            lines: self.lines()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{structure, BlockKind, Options, RemovedReason};

    /// An article with every field set, every block kind and every removal reason.
    fn full() -> Article {
        let span = |t: &str, l: u32| Span::new(t, [l, l + 1]);
        let mut article = Article::empty();
        article.language = "de".into();
        article.title = Some(span("Fähren 🚢 fahren wieder", 1));
        article.byline = Some(span("Von A. Autor", 2));
        article.published = Some(Span { date: Some("2026-11-26".into()), ..span("26. November 2026", 3) });
        article.key_points = Some(Callout { label: Some(span("KEY POINTS", 4)), items: vec![span("one", 5)] });
        article.takeaways = Some(Callout { label: None, items: vec![span("two", 6), span("", 7)] });
        use BlockKind::*;
        article.sections = vec![
            Section { heading: None, level: 2, blocks: Vec::new() },
            Section {
                heading: Some(span("Heading", 8)),
                level: 3,
                blocks: [Paragraph, List, Caption, Quote, Code, Table]
                    .into_iter()
                    .enumerate()
                    .map(|(i, kind)| Block {
                        kind,
                        text: format!("block {i} \u{0} \u{2028} ✓"),
                        items: (0..i).map(|j| format!("item\t{j}")).collect(),
                        lines: [10 + i as u32, u32::MAX],
                    })
                    .collect(),
            },
        ];
        let sentence = |t: &str, s: usize| SummarySentence {
            text: t.into(),
            section: s,
            block: s + 1,
            range: [3, usize::MAX >> 12],
            lines: [s as u32, 9],
        };
        article.summary = Summary {
            sentences: vec![sentence("First.", 0), sentence("Second.", 1)],
            keywords: vec!["ferries".into(), "".into()],
            gists: vec![sentence("Gist.", 1)],
        };
        use RemovedReason::*;
        article.removed = [Duplicate, NearDuplicate, MisplacedHeading, Boilerplate, PageFurniture, Related, Comments]
            .into_iter()
            .enumerate()
            .map(|(i, reason)| Removed {
                reason,
                text: format!("removed {i}"),
                lines: [i as u32, i as u32],
                duplicate_of: (i % 2 == 0).then_some([1, 2]),
            })
            .collect();
        article.stats = Stats {
            words: 12,
            sentences: 3,
            reading_minutes: 0.1 + 0.2,
            duplicates_removed: 3,
            boilerplate_removed: 4,
        };
        article.diagnostics = vec![
            Diagnostic::new("input-truncated", "cut"),
            Diagnostic { lines: Some([4, 5]), ..Diagnostic::new("a", "b") },
        ];
        article.page_type = Some("product".into());
        article
    }

    #[test]
    fn every_field_comes_back() {
        let article = full();
        assert_eq!(unpack(&pack(&article)), Some(article));
        let empty = Article::empty();
        assert_eq!(unpack(&pack(&empty)), Some(empty));
    }

    #[test]
    fn structured_articles_come_back() {
        for text in [
            include_str!("../assets/sample.txt"),
            "",
            "Title\n\nSome text here.\n\nSome text here.\n\nMenu | Home | Share\n",
        ] {
            let article = structure(text, &Options::default());
            assert_eq!(unpack(&pack(&article)).as_ref(), Some(&article));
        }
    }

    #[test]
    fn anything_else_is_refused() {
        let bytes = pack(&full());
        assert_eq!(unpack(b""), None);
        assert_eq!(unpack(&bytes[4..]), None, "no magic");
        let mut other = bytes.clone();
        other[3] = b'2';
        assert_eq!(unpack(&other), None, "another version of the form");
        // Cut short anywhere, or with a byte left over.
        for end in MAGIC.len()..bytes.len() {
            assert_eq!(unpack(&bytes[..end]), None, "cut at {end}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(unpack(&longer), None);
        // A block kind this build does not know.
        let at = bytes.windows(9).position(|w| w == b"paragraph").unwrap();
        let mut unknown = bytes.clone();
        unknown[at..at + 9].copy_from_slice(b"paragrapx");
        assert_eq!(unpack(&unknown), None);
        // A huge list length is refused without allocating for it.
        let mut huge = MAGIC.to_vec();
        huge.extend_from_slice(&1u32.to_le_bytes());
        huge.extend_from_slice(&2u32.to_le_bytes());
        huge.extend_from_slice(b"en");
        huge.extend_from_slice(&[0, 0, 0, 0]);
        huge.extend_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(unpack(&huge), None);
    }

    #[test]
    fn text_that_is_not_utf8_is_refused() {
        let mut bytes = pack(&Article::empty());
        // The language "und" follows the magic and the schema: its first byte made invalid.
        let at = MAGIC.len() + 4 + 4;
        assert_eq!(&bytes[at..at + 3], b"und");
        bytes[at] = 0xff;
        assert_eq!(unpack(&bytes), None);
    }
}
