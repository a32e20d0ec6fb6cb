//! HTML source -> tokens: start tags (with the attributes the extractor reads), end tags and text,
//! each with its byte range in the source.
//!
//! A hand-written subset of the WHATWG tokenizer (ARCHITECTURE.md says why): tag names and attribute
//! names lower-cased; attribute values double-, single- or un-quoted, first of duplicates kept; a tag
//! cut off by the end of the input is dropped; comments (`<!-- -->`, `<!-->`, `--!>`), doctypes,
//! `<?...>`, `</ ...>` and CDATA outside foreign content are bogus comments up to the next `>`; a `<`
//! that opens no tag is text. Character references as the standard decodes them: the 2231 named ones
//! (legacy names without `;` too, except in attribute values before `=` or an alphanumeric),
//! decimal and hexadecimal ones with the Windows-1252 repairs, U+FFFD for zero, surrogates and
//! out-of-range numbers. The tree builder switches the raw-text states (`script`, `style`, `title`,
//! `textarea`, `plaintext`...) with [`Tokenizer::set_raw`]; raw text ends at the first matching end
//! tag (the script "double escaped" states are not modelled).
//!
//! Every step consumes input, so tokenizing is linear in the input and never loops.

use std::borrow::Cow;

use super::entities;

/// A token and its byte range in the source.
#[derive(Clone, Debug, PartialEq)]
pub enum Token {
    /// `<name attr=value>`.
    Start {
        /// Lower-case name.
        name: String,
        /// Attributes whose names `keep` accepted, values decoded; first of duplicates.
        attrs: Vec<(String, String)>,
        /// Ends with `/>`.
        self_closing: bool,
        /// Byte range.
        range: (usize, usize),
    },
    /// `</name>`.
    End {
        /// Lower-case name.
        name: String,
        /// Byte range.
        range: (usize, usize),
    },
    /// Text, character references decoded.
    Text {
        /// The text.
        text: String,
        /// Byte range.
        range: (usize, usize),
    },
    /// A comment, doctype or processing instruction: markup with nothing to keep.
    Markup,
}

/// How the text after a start tag is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Raw {
    /// `style`, `xmp`, `iframe`, `noembed`, `noframes`, `noscript`: text up to the end tag.
    RawText,
    /// `title`, `textarea`: text up to the end tag, character references decoded.
    RcData,
    /// `script`: text up to the end tag.
    Script,
    /// `plaintext`: the rest of the input is text.
    PlainText,
}

/// Reads tokens from HTML source.
pub struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
    raw: Option<(Raw, String)>,
    keep: fn(&str) -> bool,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Windows-1252 characters that numeric references to 0x80-0x9F stand for.
const C1_REPAIRS: [u32; 32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D,
    0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,
    0x017E, 0x0178,
];

/// The characters a named reference (`amp;`, `copy`) stands for.
pub fn named(name: &str) -> Option<&'static str> {
    let t = entities::TABLE.as_bytes();
    let (mut lo, mut hi) = (0usize, t.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = t[..mid].iter().rposition(|&b| b == 1).map_or(0, |p| p + 1).max(lo);
        let end = t[start..hi].iter().position(|&b| b == 1).map_or(hi, |p| start + p);
        let record = &entities::TABLE[start..end];
        let (key, value) = record.split_once('\0')?;
        match key.as_bytes().cmp(name.as_bytes()) {
            std::cmp::Ordering::Equal => return Some(value),
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    None
}

/// Decodes character references in `s` (text, or an attribute value).
pub fn decode(s: &str, in_attribute: bool) -> Cow<'_, str> {
    if !s.contains('&') && !s.contains('\0') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let b = s.as_bytes();
    let mut i = 0;
    let mut done = 0;
    while i < b.len() {
        if b[i] == 0 {
            out.push_str(&s[done..i]);
            if in_attribute {
                out.push('\u{FFFD}');
            }
            i += 1;
            done = i;
            continue;
        }
        if b[i] != b'&' {
            i += 1;
            continue;
        }
        out.push_str(&s[done..i]);
        let (text, used) = reference(&s[i + 1..], in_attribute);
        match text {
            Some(t) => {
                out.push_str(&t);
                i += 1 + used;
            }
            None => {
                out.push('&');
                i += 1;
            }
        }
        done = i;
    }
    out.push_str(&s[done..]);
    Cow::Owned(out)
}

/// The reference at the start of `s` (just after a `&`): its characters and how many bytes it
/// takes, or `None` when the `&` is a plain ampersand.
fn reference(s: &str, in_attribute: bool) -> (Option<Cow<'static, str>>, usize) {
    let b = s.as_bytes();
    if b.first() == Some(&b'#') {
        let hex = matches!(b.get(1), Some(b'x' | b'X'));
        let digits_at = if hex { 2 } else { 1 };
        let digits =
            b[digits_at..].iter().take_while(|c| if hex { c.is_ascii_hexdigit() } else { c.is_ascii_digit() }).count();
        if digits == 0 {
            return (None, 0);
        }
        let mut value: u32 = 0;
        for &c in &b[digits_at..digits_at + digits] {
            let d = (c as char).to_digit(16).unwrap_or(0);
            value = value.saturating_mul(if hex { 16 } else { 10 }).saturating_add(d);
        }
        let mut used = digits_at + digits;
        if b.get(used) == Some(&b';') {
            used += 1;
        }
        let value = match value {
            0 => 0xFFFD,
            0x80..=0x9F => C1_REPAIRS[(value - 0x80) as usize],
            0xD800..=0xDFFF => 0xFFFD,
            v if v > 0x10FFFF => 0xFFFD,
            v => v,
        };
        let c = char::from_u32(value).unwrap_or('\u{FFFD}');
        return (Some(Cow::Owned(c.to_string())), used);
    }
    let run = b.iter().take(40).take_while(|c| c.is_ascii_alphanumeric()).count();
    if run == 0 {
        return (None, 0);
    }
    if b.get(run) == Some(&b';') {
        if let Some(v) = named(&s[..=run]) {
            return (Some(Cow::Borrowed(v)), run + 1);
        }
    }
    // Legacy names without `;`, longest first ("&notit" is "¬it").
    for len in (2..=run.min(6)).rev() {
        if let Some(v) = named(&s[..len]) {
            let next = b.get(len).copied();
            if in_attribute && next.is_some_and(|c| c == b'=' || c.is_ascii_alphanumeric()) {
                return (None, 0);
            }
            return (Some(Cow::Borrowed(v)), len);
        }
    }
    (None, 0)
}

impl<'a> Tokenizer<'a> {
    /// A tokenizer over `src` that keeps the attributes whose (lower-case) names `keep` accepts.
    pub fn new(src: &'a str, keep: fn(&str) -> bool) -> Tokenizer<'a> {
        Tokenizer { src, pos: 0, raw: None, keep }
    }

    /// Reads the text after the start tag just returned as raw text of this kind, up to `</name`.
    pub fn set_raw(&mut self, raw: Raw, name: &str) {
        self.raw = Some((raw, name.to_string()));
    }

    fn bytes(&self) -> &'a [u8] {
        self.src.as_bytes()
    }

    /// The next token, or `None` at the end of the input.
    pub fn next_token(&mut self) -> Option<Token> {
        let len = self.src.len();
        if let Some((raw, name)) = self.raw.take() {
            let start = self.pos;
            let end = if raw == Raw::PlainText { len } else { self.find_end_tag(&name) };
            self.pos = end;
            if end > start {
                let body = &self.src[start..end];
                let text = match raw {
                    Raw::RcData => decode(body, false).into_owned(),
                    _ => body.replace('\0', "\u{FFFD}"),
                };
                return Some(Token::Text { text, range: (start, end) });
            }
        }
        if self.pos < len {
            let start = self.pos;
            if self.bytes()[start] == b'<' {
                if let Some(t) = self.markup() {
                    return Some(t);
                }
                if self.pos > start {
                    // A tag cut off by the end of the input: no text, but markup all the same (so
                    // that `<p title="<script>...` alone is not read as a plain-text page: issue 13).
                    return Some(Token::Markup);
                }
            }
            // Text up to the next `<` that opens markup.
            let mut end = start + 1;
            loop {
                match self.bytes()[end.min(len)..].iter().position(|&c| c == b'<') {
                    Some(p) => end += p,
                    None => {
                        end = len;
                        break;
                    }
                }
                if self.opens_markup(end) {
                    break;
                }
                end += 1;
            }
            self.pos = end;
            let text = decode(&self.src[start..end], false).into_owned();
            return Some(Token::Text { text, range: (start, end) });
        }
        None
    }

    /// Whether the `<` at `at` opens a tag, a comment or other markup (rather than being text).
    fn opens_markup(&self, at: usize) -> bool {
        let b = self.bytes();
        match b.get(at + 1) {
            Some(c) if c.is_ascii_alphabetic() => true,
            Some(b'!' | b'?') => true,
            Some(b'/') => b.get(at + 2).is_some(),
            _ => false,
        }
    }

    /// Position of the `</name` (followed by a space, `/` or `>`) that ends raw text, or the end.
    fn find_end_tag(&self, name: &str) -> usize {
        let b = self.bytes();
        let n = name.len();
        let mut i = self.pos;
        while let Some(p) = b[i..].iter().position(|&c| c == b'<') {
            let at = i + p;
            if b.get(at + 1) == Some(&b'/')
                && b.len() >= at + 2 + n
                && b[at + 2..at + 2 + n].eq_ignore_ascii_case(name.as_bytes())
                && b.get(at + 2 + n).is_none_or(|&c| is_space(c) || c == b'/' || c == b'>')
            {
                return at;
            }
            i = at + 1;
        }
        b.len()
    }

    /// Reads the markup at `self.pos` (a `<`). Returns `None` and leaves `pos` when the `<` is
    /// text; returns `None` with `pos` at the end when a tag is cut off by the end of the input.
    fn markup(&mut self) -> Option<Token> {
        let b = self.bytes();
        let start = self.pos;
        match b.get(start + 1) {
            Some(c) if c.is_ascii_alphabetic() => self.tag(start, false),
            Some(b'/') => match b.get(start + 2) {
                Some(c) if c.is_ascii_alphabetic() => self.tag(start, true),
                Some(b'>') => {
                    self.pos = start + 3;
                    Some(Token::Markup)
                }
                None => None,
                _ => Some(self.bogus_comment(start + 2)),
            },
            Some(b'!') => {
                if b[start..].starts_with(b"<!--") {
                    Some(self.comment(start + 4))
                } else {
                    Some(self.bogus_comment(start + 2))
                }
            }
            Some(b'?') => Some(self.bogus_comment(start + 1)),
            _ => None,
        }
    }

    /// A comment whose body starts at `from` (after `<!--`).
    fn comment(&mut self, from: usize) -> Token {
        let b = self.bytes();
        // `<!-->` and `<!--->` are whole (empty) comments.
        if b.get(from) == Some(&b'>') {
            self.pos = from + 1;
            return Token::Markup;
        }
        if b.get(from) == Some(&b'-') && b.get(from + 1) == Some(&b'>') {
            self.pos = from + 2;
            return Token::Markup;
        }
        let mut i = from;
        while let Some(p) = b[i..].iter().position(|&c| c == b'-') {
            let at = i + p;
            if b[at..].starts_with(b"-->") {
                self.pos = at + 3;
                return Token::Markup;
            }
            if b[at..].starts_with(b"--!>") {
                self.pos = at + 4;
                return Token::Markup;
            }
            i = at + 1;
        }
        self.pos = b.len();
        Token::Markup
    }

    /// Markup up to the next `>` (doctypes, `<?...>`, CDATA in HTML content, `</ ...>`).
    fn bogus_comment(&mut self, from: usize) -> Token {
        let b = self.bytes();
        self.pos = b[from.min(b.len())..].iter().position(|&c| c == b'>').map_or(b.len(), |p| from + p + 1);
        Token::Markup
    }

    /// A start or end tag at `start`. `None` (with `pos` at the end) when the input ends inside it.
    fn tag(&mut self, start: usize, end_tag: bool) -> Option<Token> {
        let b = self.bytes();
        let len = b.len();
        let mut i = start + if end_tag { 2 } else { 1 };
        let name_start = i;
        while i < len && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
            i += 1;
        }
        let name = self.src[name_start..i].to_ascii_lowercase().replace('\0', "\u{FFFD}");
        let mut attrs: Vec<(String, String)> = Vec::new();
        let mut self_closing = false;
        loop {
            while i < len && is_space(b[i]) {
                i += 1;
            }
            if i >= len {
                self.pos = len;
                return None;
            }
            match b[i] {
                b'>' => {
                    i += 1;
                    break;
                }
                b'/' => {
                    i += 1;
                    if b.get(i) == Some(&b'>') {
                        self_closing = true;
                        i += 1;
                        break;
                    }
                    continue;
                }
                _ => {}
            }
            // An attribute name: its first character may be `=`.
            let a_start = i;
            i += 1;
            while i < len && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
                i += 1;
            }
            let a_end = i;
            while i < len && is_space(b[i]) {
                i += 1;
            }
            let mut value: Option<(usize, usize)> = None;
            if i < len && b[i] == b'=' {
                i += 1;
                while i < len && is_space(b[i]) {
                    i += 1;
                }
                if i >= len {
                    self.pos = len;
                    return None;
                }
                match b[i] {
                    q @ (b'"' | b'\'') => {
                        let v_start = i + 1;
                        match b[v_start..].iter().position(|&c| c == q) {
                            Some(p) => {
                                value = Some((v_start, v_start + p));
                                i = v_start + p + 1;
                            }
                            None => {
                                self.pos = len;
                                return None;
                            }
                        }
                    }
                    b'>' => value = Some((i, i)),
                    _ => {
                        let v_start = i;
                        while i < len && !is_space(b[i]) && b[i] != b'>' {
                            i += 1;
                        }
                        value = Some((v_start, i));
                    }
                }
            }
            if end_tag {
                continue;
            }
            let a_name = self.src[a_start..a_end].to_ascii_lowercase();
            if (self.keep)(&a_name) && !attrs.iter().any(|(k, _)| *k == a_name) {
                let v = value.map(|(s, e)| decode(&self.src[s..e], true).into_owned()).unwrap_or_default();
                attrs.push((a_name, v));
            }
        }
        self.pos = i;
        let range = (start, i);
        Some(if end_tag { Token::End { name, range } } else { Token::Start { name, attrs, self_closing, range } })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(src: &str) -> Vec<Token> {
        let mut t = Tokenizer::new(src, |_| true);
        let mut out = Vec::new();
        while let Some(tok) = t.next_token() {
            if let Token::Start { name, .. } = &tok {
                if name == "script" {
                    t.set_raw(Raw::Script, "script");
                }
            }
            out.push(tok);
        }
        out
    }

    fn texts(src: &str) -> Vec<String> {
        all(src)
            .into_iter()
            .filter_map(|t| match t {
                Token::Text { text, .. } => Some(text),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_entity_table_is_sorted_and_complete() {
        let records: Vec<&str> = entities::TABLE.split('\u{1}').filter(|r| !r.is_empty()).collect();
        assert_eq!(records.len(), entities::COUNT);
        assert!(records.windows(2).all(|w| w[0].as_bytes() < w[1].as_bytes()));
        for r in records {
            let (name, value) = r.split_once('\0').unwrap_or_default();
            assert_eq!(named(name), Some(value), "{name}");
        }
        assert_eq!(named("nosuch;"), None);
    }

    #[test]
    fn character_references_decode_as_browsers_do() {
        for (src, want) in [
            ("a &amp; b", "a & b"),
            ("&lt;p&gt;", "<p>"),
            ("&copy 2024", "\u{a9} 2024"),
            ("&notit;", "\u{ac}it;"),
            ("&nosuchentity;", "&nosuchentity;"),
            ("&#65;&#x42;&#X43", "ABC"),
            ("&#0;&#x110000;&#xD800;", "\u{FFFD}\u{FFFD}\u{FFFD}"),
            ("&#150;&#x80;", "\u{2013}\u{20AC}"),
            ("&#99999999999999999999;", "\u{FFFD}"),
            ("& &# &#x; &;", "& &# &#x; &;"),
            ("&NewLine;&Tab;", "\n\t"),
            ("&nbsp&nbsp;", "\u{a0}\u{a0}"),
        ] {
            assert_eq!(decode(src, false), want, "{src}");
        }
        // In attribute values a legacy name before `=` or a letter stays as written.
        assert_eq!(decode("?a=1&copy=2", true), "?a=1&copy=2");
        assert_eq!(decode("x&copy;y", true), "x\u{a9}y");
    }

    #[test]
    fn tags_attributes_and_text() {
        let t = all("<P Class=\"a b\" id='x' data-y=z hidden CLASS=dup>Hi</p >");
        assert_eq!(
            t[0],
            Token::Start {
                name: "p".into(),
                attrs: vec![
                    ("class".into(), "a b".into()),
                    ("id".into(), "x".into()),
                    ("data-y".into(), "z".into()),
                    ("hidden".into(), String::new())
                ],
                self_closing: false,
                range: (0, 48)
            }
        );
        assert_eq!(t[1], Token::Text { text: "Hi".into(), range: (48, 50) });
        assert_eq!(t[2], Token::End { name: "p".into(), range: (50, 55) });
        assert!(matches!(all("<br/>")[0], Token::Start { self_closing: true, .. }));
        assert!(matches!(all("<a href=x/>")[0], Token::Start { self_closing: false, .. }));
    }

    #[test]
    fn text_that_is_not_markup_and_markup_that_is_not_text() {
        assert_eq!(texts("a < b <3 c <= d"), ["a < b <3 c <= d"]);
        assert_eq!(texts("x<!-- <p>no</p> -->y<!-->z<!--->w<!-- a --!>v"), ["x", "y", "z", "w", "v"]);
        assert_eq!(texts("<!DOCTYPE html>a<?php echo 1 ?>b</ x>c<![CDATA[ d ]]>e</>f"), ["a", "b", "c", "e", "f"]);
        assert_eq!(texts("a<p class=\"unterminated"), ["a"]);
        assert_eq!(texts("a<p"), ["a"]);
        assert_eq!(texts("a<!-- never closed <p>x"), ["a"]);
    }

    #[test]
    fn raw_text_runs_to_its_end_tag() {
        assert_eq!(
            texts("<script>if (a<b && c>d) x = '</div>';</script >after"),
            ["if (a<b && c>d) x = '</div>';", "after"]
        );
        assert_eq!(texts("<script>var s = '</scripts>';</SCRIPT>z"), ["var s = '</scripts>';", "z"]);
        assert_eq!(texts("<script>never closed <p>"), ["never closed <p>"]);
    }
}
