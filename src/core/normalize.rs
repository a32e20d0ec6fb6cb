//! Stage 1: line endings, odd spaces and control characters. Original line numbers are kept.
//!
//! # Clean text
//!
//! One normalization of control, format and bidi characters, shared by every input path: the plain
//! text path cleans each line here ([`clean_line`], [`keep_spacing`]), the HTML path cleans the text
//! of every unit it makes with [`clean_text`] (text nodes, attribute values, JSON-LD: issue 13), and
//! the text renderer drops what is left of it (an `Article` may come from elsewhere, through the JS
//! API). What each character becomes:
//!
//! | characters | become |
//! |---|---|
//! | `\n`, `\r\n`, lone `\r`, and VT, FF, NEL (U+0085), LINE SEPARATOR (U+2028), PARAGRAPH SEPARATOR (U+2029) | line ends ([`split_lines`]; inside a unit's text, a space) |
//! | tab | kept in `raw` (code, tables), a space in `text` |
//! | no-break space U+00A0, U+2000–U+200A, U+202F, U+205F, ideographic space U+3000 | a space |
//! | every other C0 control (NUL, BEL, BS, ESC, ...), DEL, the C1 controls U+0080–U+009F | dropped: terminal escapes cannot pass |
//! | soft hyphen U+00AD, zero-width space U+200B, word joiner U+2060, invisible operators U+2061–U+2064, deprecated format characters U+206A–U+206F, BOM U+FEFF, interlinear annotation U+FFF9–U+FFFB, Mongolian vowel separator U+180E | dropped: invisible |
//! | bidi embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069 | dropped: they reorder what is shown (the "Trojan Source" trick) |
//! | tag characters U+E0000–U+E007F | dropped: invisible text (emoji tag flags lose their region and show the black flag) |
//! | zero-width joiner and non-joiner U+200D, U+200C, the marks LRM, RLM, ALM (U+200E, U+200F, U+061C), variation selectors, everything else | kept: emoji sequences and Persian, Indic and Arabic text need them, and a mark moves no other character |

use crate::core::article::Diagnostic;
use crate::core::options::Options;

/// One input line after normalization.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// 1-based number of the line in the input.
    pub no: u32,
    /// The line with odd spaces and control characters cleaned, runs of spaces collapsed and the ends
    /// trimmed.
    pub text: String,
    /// The line with control and invisible characters removed but spacing kept (tabs, indentation):
    /// what code and tables are built from.
    pub raw: String,
    /// Leading spaces before the first visible character (a tab counts as four).
    pub indent: u16,
}

impl Line {
    /// Whether the line holds nothing visible.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// The normalized input.
#[derive(Clone, Debug, Default)]
pub struct Normalized {
    /// Every input line, blank ones included, in order.
    pub lines: Vec<Line>,
    /// What normalization had to do that the user should know.
    pub diagnostics: Vec<Diagnostic>,
}

/// Splits `input` into lines (`\n`, `\r\n` or `\r`) and cleans each one.
pub fn normalize(input: &str, options: &Options) -> Normalized {
    let mut out = Normalized::default();
    let mut input = input;
    if input.len() > options.max_input_bytes {
        input = &input[..crate::core::options::cut_at(input, options.max_input_bytes)];
        out.diagnostics.push(Diagnostic::new(
            "input-truncated",
            format!("The input is longer than {} bytes; only the first part was structured.", options.max_input_bytes),
        ));
    }
    for (i, raw) in split_lines(input).enumerate() {
        let no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        // Most lines need no cleaning at all: copied as they are.
        let plain_line = is_plain_line(raw);
        let kept = if plain_line { raw.to_string() } else { keep_spacing(raw) };
        let indent = kept
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .map(|c| if c == '\t' { 4u16 } else { 1 })
            .fold(0u16, u16::saturating_add);
        let text = if plain_line { raw.to_string() } else { clean_line(raw) };
        out.lines.push(Line { no, text, raw: kept, indent });
    }
    out
}

/// Splits text into lines the way the core numbers them: at `\n`, `\r\n`, lone `\r`, and the other
/// line ends of Unicode (VT, FF, NEL, U+2028, U+2029; [`line_end_at`]).
pub fn split_lines(input: &str) -> impl Iterator<Item = &str> {
    let bytes = input.as_bytes();
    // Without carriage returns and the rarer line ends, lines end at `\n`, found with a fast search.
    let plain = !bytes.iter().any(|&b| matches!(b, b'\r' | 0x0b | 0x0c | 0xc2 | 0xe2));
    let mut start = 0;
    let mut i = 0;
    let mut done = input.is_empty();
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        if plain {
            if let Some(k) = input[i..].find('\n') {
                let line = &input[start..i + k];
                i += k + 1;
                start = i;
                return Some(line);
            }
            i = bytes.len();
        }
        while i < bytes.len() {
            if let Some(len) = line_end_at(bytes, i) {
                let line = &input[start..i];
                i += len;
                start = i;
                return Some(line);
            }
            i += 1;
        }
        done = true;
        Some(&input[start..])
    })
}

/// The length in bytes of the line end that starts at byte `i` of `s`, if one does: `\n`, `\r\n`,
/// `\r`, VT, FF, NEL (U+0085), U+2028 or U+2029. The page's source-line highlighting counts lines
/// with it too.
pub fn line_end_at(s: &[u8], i: usize) -> Option<usize> {
    match s[i] {
        b'\n' | 0x0b | 0x0c => Some(1),
        b'\r' => Some(if s.get(i + 1) == Some(&b'\n') { 2 } else { 1 }),
        0xc2 if s.get(i + 1) == Some(&0x85) => Some(2),
        0xe2 if s.get(i + 1) == Some(&0x80) && matches!(s.get(i + 2), Some(0xa8 | 0xa9)) => Some(3),
        _ => None,
    }
}

/// Cleans the text of a unit that did not come through [`normalize`] (the HTML path's): the table
/// of the module docs, with line ends and tabs kept (code and tables need them) and the rest of the
/// spacing left as it is.
pub fn clean_text(s: &str) -> String {
    let b = s.as_bytes();
    if b.iter().all(|&x| (0x20..0x7f).contains(&x) || x == b'\n' || x == b'\t') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if (0x20..0x7f).contains(&x) || x == b'\n' || x == b'\t' {
            i += 1;
            continue;
        }
        if x == b'\r' {
            out.push_str(&s[run..i]);
            out.push('\n');
            run = i + if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            i = run;
            continue;
        }
        let (class, len) = class_at(b, i);
        if class != Class::Keep {
            out.push_str(&s[run..i]);
            if class == Class::Space {
                out.push(' ');
            }
            run = i + len;
        }
        i += len;
    }
    out.push_str(&s[run..]);
    out
}

/// Whether `c` is dropped by the cleaning of the module docs' table (controls, invisible, bidi
/// embeddings, overrides and isolates, tags); tabs and line ends are not.
pub fn is_dropped(c: char) -> bool {
    let mut buf = [0u8; 4];
    let enc = c.encode_utf8(&mut buf).as_bytes();
    c != '\t' && line_end_at(enc, 0).is_none() && class_at(enc, 0).0 == Class::Drop
}

/// What cleaning does with one character.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Kept as it is.
    Keep,
    /// A tab.
    Tab,
    /// An odd space (no-break, thin, ideographic, line and paragraph separators): a space.
    Space,
    /// Invisible (soft hyphen, zero-width space, word joiner, byte-order mark) or a control
    /// character: removed.
    Drop,
}

/// The class of the character that starts at byte `i` of `s`, and its length in bytes. Read from
/// the bytes: the odd characters are few and have short encodings (the table of the module docs).
fn class_at(s: &[u8], i: usize) -> (Class, usize) {
    let b = s[i];
    let at = |k: usize| s.get(i + k).copied().unwrap_or(0);
    match b {
        b'\t' => (Class::Tab, 1),
        b' ' => (Class::Space, 1),
        // VT and FF are line ends; inside a line (a unit's text) they part words.
        0x0b | 0x0c => (Class::Space, 1),
        0x00..=0x1f | 0x7f => (Class::Drop, 1),
        0x21..=0x7e => (Class::Keep, 1),
        // NEL (a line end), U+0080..U+009F (controls), U+00A0 (no-break space), U+00AD (soft hyphen).
        0xc2 => match at(1) {
            0x85 => (Class::Space, 2),
            0x80..=0x9f | 0xad => (Class::Drop, 2),
            0xa0 => (Class::Space, 2),
            _ => (Class::Keep, 2),
        },
        0xc0..=0xdf => (Class::Keep, 2),
        // U+180E (Mongolian vowel separator).
        0xe1 if at(1) == 0xa0 && at(2) == 0x8e => (Class::Drop, 3),
        // U+2000..U+200A, U+2028, U+2029, U+202F, U+205F (spaces); U+200B, U+2060..U+2064,
        // U+206A..U+206F (invisible); U+202A..U+202E, U+2066..U+2069 (bidi embeddings, overrides,
        // isolates).
        0xe2 => match (at(1), at(2)) {
            (0x80, 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf) | (0x81, 0x9f) => (Class::Space, 3),
            (0x80, 0x8b | 0xaa..=0xae) | (0x81, 0xa0..=0xa4 | 0xa6..=0xaf) => (Class::Drop, 3),
            _ => (Class::Keep, 3),
        },
        // U+3000 (ideographic space).
        0xe3 if at(1) == 0x80 && at(2) == 0x80 => (Class::Space, 3),
        // U+FEFF (byte-order mark), U+FFF9..U+FFFB (interlinear annotation).
        0xef if at(1) == 0xbb && at(2) == 0xbf => (Class::Drop, 3),
        0xef if at(1) == 0xbf && matches!(at(2), 0xb9..=0xbb) => (Class::Drop, 3),
        0xe0..=0xef => (Class::Keep, 3),
        // U+E0000..U+E007F (tags): F3 A0 80..81 xx.
        0xf3 if at(1) == 0xa0 && matches!(at(2), 0x80 | 0x81) => (Class::Drop, 4),
        _ => (Class::Keep, 4),
    }
}

/// Whether cleaning leaves `raw` as it is: printable ASCII, single spaces between words, none at
/// the ends. (Folded over every byte without stopping early, which compilers turn into wide steps.)
fn is_plain_line(raw: &str) -> bool {
    let b = raw.as_bytes();
    let printable = b.iter().fold(true, |ok, &x| ok & (0x20..=0x7e).contains(&x));
    let single_spaces = b.iter().zip(b.iter().skip(1)).fold(true, |ok, (&x, &y)| ok & !(x == b' ' && y == b' '));
    printable && single_spaces && b.first() != Some(&b' ') && b.last() != Some(&b' ')
}

/// Printable ASCII other than the space: always kept as it is.
fn plain(b: u8) -> bool {
    (0x21..=0x7e).contains(&b)
}

/// Removes control and invisible characters and turns odd spaces into spaces, keeping tabs and
/// indentation; trailing spaces go.
pub fn keep_spacing(raw: &str) -> String {
    let mut s = String::with_capacity(raw.len());
    let b = raw.as_bytes();
    // Runs of characters kept as they are (spaces and tabs too) are copied whole.
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        if plain(b[i]) || b[i] == b' ' || b[i] == b'\t' {
            i += 1;
            continue;
        }
        let (class, len) = class_at(b, i);
        if class != Class::Keep {
            s.push_str(&raw[run..i]);
            match class {
                Class::Tab => s.push('\t'),
                Class::Space => s.push(' '),
                _ => {}
            }
            run = i + len;
        }
        i += len;
    }
    s.push_str(&raw[run..]);
    let end = s.trim_end().len();
    s.truncate(end);
    s
}

/// Cleans one line: odd spaces become spaces, invisible and control characters go, runs of spaces
/// collapse, ends are trimmed.
pub fn clean_line(raw: &str) -> String {
    let mut s = String::with_capacity(raw.len());
    let b = raw.as_bytes();
    let mut pending_space = false;
    // Runs of characters kept as they are are copied whole; `raw[run..i]` is the current run.
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        // Printable ASCII, and a single space inside a run before more of it, stay as they are.
        let x = b[i];
        let (class, len) = if plain(x) || x == b' ' && i > run && b.get(i + 1).is_some_and(|&n| plain(n)) {
            (Class::Keep, 1)
        } else {
            class_at(b, i)
        };
        if class == Class::Keep {
            // A run starts here: the spaces before it become one.
            if pending_space {
                s.push(' ');
                pending_space = false;
            }
        } else {
            s.push_str(&raw[run..i]);
            if matches!(class, Class::Tab | Class::Space) {
                pending_space = !s.is_empty();
            }
            run = i + len;
        }
        i += len;
    }
    s.push_str(&raw[run..]);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_every_line_ending() {
        let lines: Vec<_> = split_lines("a\r\nb\rc\n\nd").collect();
        assert_eq!(lines, ["a", "b", "c", "", "d"]);
        let lines: Vec<_> = split_lines("a\nb\n\nc\n").collect();
        assert_eq!(lines, ["a", "b", "", "c", ""]);
    }

    /// The rules read character by character: what the byte-level cleaning must match.
    fn reference(raw: &str, keep_tabs: bool) -> String {
        let mut s = String::new();
        let mut pending_space = false;
        for c in raw.chars() {
            let c = match c {
                '\t' if keep_tabs => '\t',
                '\t'
                | '\u{a0}'
                | '\u{2000}'..='\u{200a}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{2028}'
                | '\u{2029}' => ' ',
                '\u{b}' | '\u{c}' | '\u{85}' => ' ',
                '\u{ad}'
                | '\u{200b}'
                | '\u{2060}'..='\u{2064}'
                | '\u{206a}'..='\u{206f}'
                | '\u{feff}'
                | '\u{180e}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{e0000}'..='\u{e007f}' => continue,
                c if c.is_control() => continue,
                c => c,
            };
            if keep_tabs {
                s.push(c);
            } else if c == ' ' {
                pending_space = !s.is_empty();
            } else {
                if pending_space {
                    s.push(' ');
                    pending_space = false;
                }
                s.push(c);
            }
        }
        if keep_tabs {
            s.truncate(s.trim_end().len());
        }
        s
    }

    #[test]
    fn byte_level_cleaning_matches_the_character_rules() {
        let alphabet = [
            "a",
            "Z",
            " ",
            "\t",
            "\u{7}",
            "\u{7f}",
            "\u{85}",
            "\u{9f}",
            "\u{a0}",
            "\u{a1}",
            "\u{ad}",
            "\u{e9}",
            "\u{1fff}",
            "\u{2000}",
            "\u{200a}",
            "\u{200b}",
            "\u{200c}",
            "\u{2010}",
            "\u{2028}",
            "\u{2029}",
            "\u{202f}",
            "\u{205f}",
            "\u{2060}",
            "\u{2061}",
            "\u{3000}",
            "\u{3001}",
            "\u{feff}",
            "\u{fefe}",
            "\u{1f600}",
            "\u{b}",
            "\u{c}",
            "\u{85}",
            "\u{180e}",
            "\u{200d}",
            "\u{200e}",
            "\u{202a}",
            "\u{202e}",
            "\u{202f}",
            "\u{2064}",
            "\u{2065}",
            "\u{2066}",
            "\u{2069}",
            "\u{206f}",
            "\u{fffa}",
            "\u{e0041}",
            "\u{e007f}",
            "\u{e0100}",
        ];
        for a in alphabet {
            for b in alphabet {
                for c in alphabet {
                    let raw = format!("{a}{b}{c}{a}");
                    assert_eq!(clean_line(&raw), reference(&raw, false), "{raw:?}");
                    assert_eq!(keep_spacing(&raw), reference(&raw, true), "{raw:?}");
                }
            }
        }
    }

    #[test]
    fn plain_lines_are_those_cleaning_keeps() {
        for raw in
            ["", "a", "a b", "a  b", " a", "a ", "a\tb", "caf\u{e9}", "x\u{7}", "A plain line, with punctuation!"]
        {
            if is_plain_line(raw) {
                assert!(clean_line(raw) == raw && keep_spacing(raw) == raw, "{raw:?}");
            }
        }
        assert!(is_plain_line("A plain line, with punctuation!") && !is_plain_line("a  b") && !is_plain_line("a\tb"));
    }

    #[test]
    fn unicode_line_ends_end_lines() {
        let lines: Vec<_> = split_lines("Plan\u{85}The\u{b}next\u{c}page\u{2028}line\u{2029}para\r\nend").collect();
        assert_eq!(lines, ["Plan", "The", "next", "page", "line", "para", "end"]);
    }

    #[test]
    fn clean_text_drops_terminal_escapes_bidi_overrides_and_tags_and_keeps_line_ends() {
        assert_eq!(clean_text("Hi \u{1b}]0;PWNED\u{7}\u{1b}[2J there"), "Hi ]0;PWNED[2J there");
        assert_eq!(clean_text("a\u{202e}b\u{2066}c\u{2069}d\u{e0041}e\u{ad}f\u{200b}g"), "abcdefg");
        assert_eq!(clean_text("code\n\tline\r\nnext\rlast"), "code\n\tline\nnext\nlast");
        assert_eq!(clean_text("Plan\u{85}The\u{2028}x"), "Plan The x");
        assert_eq!(
            clean_text("\u{1f469}\u{200d}\u{1f52c} \u{645}\u{200c}\u{200f}"),
            "\u{1f469}\u{200d}\u{1f52c} \u{645}\u{200c}\u{200f}"
        );
        for c in ['\u{0}', '\u{1b}', '\u{7f}', '\u{9b}', '\u{202d}', '\u{2067}', '\u{e007f}'] {
            assert!(is_dropped(c), "{c:?}");
        }
        for c in ['a', '\t', '\n', '\u{200d}', ' '] {
            assert!(!is_dropped(c), "{c:?}");
        }
    }

    #[test]
    fn cleans_odd_spaces_and_controls() {
        assert_eq!(clean_line("\u{feff} a\u{a0}\u{a0}b\u{200b}c\u{0007}\td  "), "a bc d");
    }
}
