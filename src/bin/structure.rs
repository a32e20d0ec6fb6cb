//! `structure`: the command-line shell around the core.
//!
//! Reads a file or standard input, structures it and prints the article. Errors go to stderr with a
//! non-zero exit status; the program never panics on bad input.

use std::io::{Read, Write};
use std::process::ExitCode;

use article_structurer::core::sentences::split as split_sentences;
use article_structurer::{render, structure, Format, InputFormat, Options};

const USAGE: &str = "\
Usage: structure [FILE|-] [options]

Turns a messy pasted article into a clean, structured one.
Reads FILE, or standard input when FILE is '-' or absent.

Options:
  -f, --format FORMAT          json (default), markdown, text or html; or sentences: the input's
                               sentences, one per line (for the segmentation eval)
      --html                   read the input as HTML (the clipboard's text/html)
      --summary-sentences N    number of summary sentences (1 to 10; default: from length)
      --keyphrases N           number of keyphrases (1 to 20; default: 8)
  -h, --help                   print this help
  -V, --version                print the version
";

/// What to print.
#[derive(Clone, Copy)]
enum Output {
    /// The structured article in one of the renderer's formats.
    Article(Format),
    /// The input's sentences, one per line, inner whitespace collapsed.
    Sentences,
}

struct Args {
    path: Option<String>,
    output: Output,
    options: Options,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut parsed = Args { path: None, output: Output::Article(Format::Json), options: Options::default() };
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |what: &str| -> Result<String, String> {
            inline.clone().or_else(|| args.next()).ok_or_else(|| format!("{name} needs {what}"))
        };
        match name.as_str() {
            "-h" | "--help" => {
                print!("{USAGE}");
                return Ok(None);
            }
            "-V" | "--version" => {
                println!("structure {}", env!("CARGO_PKG_VERSION"));
                return Ok(None);
            }
            "-f" | "--format" => {
                let v = value("a format")?;
                parsed.output =
                    if v.trim().eq_ignore_ascii_case("sentences") {
                        Output::Sentences
                    } else {
                        Output::Article(Format::parse(&v).ok_or_else(|| {
                            format!("unknown format '{v}': use json, markdown, text, html or sentences")
                        })?)
                    };
            }
            "--html" => parsed.options.input = InputFormat::Html,
            "--summary-sentences" => {
                let v = value("a number")?;
                let n: usize =
                    v.parse().map_err(|_| format!("--summary-sentences takes a number from 1 to 10, not '{v}'"))?;
                if !(1..=10).contains(&n) {
                    return Err(format!("--summary-sentences takes a number from 1 to 10, not {n}"));
                }
                parsed.options.summary_sentences = Some(n);
            }
            "--keyphrases" => {
                let v = value("a number")?;
                let n: usize = v.parse().map_err(|_| format!("--keyphrases takes a number from 1 to 20, not '{v}'"))?;
                if !(1..=20).contains(&n) {
                    return Err(format!("--keyphrases takes a number from 1 to 20, not {n}"));
                }
                parsed.options.keyphrases = n;
            }
            "-" => parsed.path = None,
            s if s.starts_with('-') => return Err(format!("unknown option '{s}'")),
            _ => {
                if parsed.path.is_some() {
                    return Err(format!("only one input file may be given ('{arg}' is a second one)"));
                }
                parsed.path = Some(arg);
            }
        }
    }
    Ok(Some(parsed))
}

/// Decodes input bytes: UTF-8 (with or without a BOM) or UTF-16 with a BOM.
fn decode(bytes: Vec<u8>, source: &str) -> Result<String, String> {
    if let Some(rest) = bytes.strip_prefix(&[0xff, 0xfe]) {
        return utf16(rest, u16::from_le_bytes, source);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        return utf16(rest, u16::from_be_bytes, source);
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{source} is not UTF-8 text (invalid byte at offset {}); convert it first, e.g. with iconv",
            e.utf8_error().valid_up_to()
        )
    })
}

fn utf16(bytes: &[u8], word: fn([u8; 2]) -> u16, source: &str) -> Result<String, String> {
    if !bytes.len().is_multiple_of(2) {
        return Err(format!("{source} looks like UTF-16 but has an odd number of bytes"));
    }
    let units = bytes.chunks_exact(2).map(|c| word([c[0], c[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|_| format!("{source} looks like UTF-16 but holds an unpaired surrogate"))
}

fn run() -> Result<(), String> {
    let Some(args) = parse_args(std::env::args().skip(1))? else {
        return Ok(());
    };
    let (bytes, source) = match &args.path {
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => format!("cannot read '{path}': no such file"),
                std::io::ErrorKind::PermissionDenied => format!("cannot read '{path}': permission denied"),
                _ if std::path::Path::new(path).is_dir() => format!("cannot read '{path}': it is a directory"),
                _ => format!("cannot read '{path}': {e}"),
            })?;
            (bytes, format!("'{path}'"))
        }
        None => {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("cannot read standard input: {e}"))?;
            (bytes, "standard input".to_string())
        }
    };
    let text = decode(bytes, &source)?;
    let mut out = match args.output {
        Output::Article(format) => render(&structure(&text, &args.options), format),
        Output::Sentences => split_sentences(&text)
            .into_iter()
            .map(|r| text[r].split_whitespace().collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("\n"),
    };
    if !out.ends_with('\n') {
        out.push('\n');
    }
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(out.as_bytes()).and_then(|_| stdout.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`structure x | head`) is not an error worth reporting.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("cannot write the output: {e}")),
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("structure: {message}");
            if message.starts_with("unknown option") || message.contains("needs") {
                eprintln!("Try 'structure --help'.");
            }
            ExitCode::from(2)
        }
    }
}
