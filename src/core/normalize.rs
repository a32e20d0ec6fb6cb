//! Stage 1: line endings, odd spaces and control characters. Original line numbers are kept.

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
        let mut cut = options.max_input_bytes;
        while !input.is_char_boundary(cut) {
            cut -= 1;
        }
        input = &input[..cut];
        out.diagnostics.push(Diagnostic {
            code: "input-truncated".into(),
            message: format!(
                "The input is longer than {} bytes; only the first part was structured.",
                options.max_input_bytes
            ),
        });
    }
    for (i, raw) in split_lines(input).enumerate() {
        let no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let kept = keep_spacing(raw);
        let indent = kept
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .map(|c| if c == '\t' { 4u16 } else { 1 })
            .fold(0u16, u16::saturating_add);
        out.lines.push(Line { no, text: clean_line(raw), raw: kept, indent });
    }
    out
}

/// Splits text into lines the way the core numbers them: at `\n`, `\r\n` and lone `\r`.
pub fn split_lines(input: &str) -> impl Iterator<Item = &str> {
    let bytes = input.as_bytes();
    let mut start = 0;
    let mut i = 0;
    let mut done = input.is_empty();
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        while i < bytes.len() {
            let b = bytes[i];
            if b == b'\n' || b == b'\r' {
                let line = &input[start..i];
                i += if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                start = i;
                return Some(line);
            }
            i += 1;
        }
        done = true;
        Some(&input[start..])
    })
}

/// Removes control and invisible characters and turns odd spaces into spaces, keeping tabs and
/// indentation; trailing spaces go.
pub fn keep_spacing(raw: &str) -> String {
    let mut s = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '\t' => s.push('\t'),
            '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{2028}' | '\u{2029}' => {
                s.push(' ')
            }
            '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{feff}' => {}
            c if c.is_control() => {}
            c => s.push(c),
        }
    }
    let end = s.trim_end().len();
    s.truncate(end);
    s
}

/// Cleans one line: odd spaces become spaces, invisible and control characters go, runs of spaces
/// collapse, ends are trimmed.
pub fn clean_line(raw: &str) -> String {
    let mut s = String::with_capacity(raw.len());
    let mut pending_space = false;
    for c in raw.chars() {
        let c = match c {
            '\t'
            | '\u{a0}'
            | '\u{2000}'..='\u{200a}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
            | '\u{2028}'
            | '\u{2029}' => ' ',
            '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{feff}' => continue,
            c if c.is_control() => continue,
            c => c,
        };
        if c == ' ' {
            pending_space = !s.is_empty();
        } else {
            if pending_space {
                s.push(' ');
                pending_space = false;
            }
            s.push(c);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_every_line_ending() {
        let lines: Vec<_> = split_lines("a\r\nb\rc\n\nd").collect();
        assert_eq!(lines, ["a", "b", "c", "", "d"]);
    }

    #[test]
    fn cleans_odd_spaces_and_controls() {
        assert_eq!(clean_line("\u{feff} a\u{a0}\u{a0}b\u{200b}c\u{0007}\td  "), "a bc d");
    }
}
