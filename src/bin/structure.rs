//! `structure`: the command-line shell around the core.
//!
//! Reads a file or standard input, structures it and prints the article. Errors go to stderr with a
//! non-zero exit status; the program never panics on bad input.

use std::io::{Read, Write};
use std::process::ExitCode;

use article_structurer::core::model::{use_models, Models};
use article_structurer::core::options::size_limit_message;
use article_structurer::core::sentences::split as split_sentences;
use article_structurer::{render, structure, Format, InputFormat, Options};

const USAGE: &str = "\
Usage: structure [FILE|-] [options]

Turns a messy pasted article into a clean, structured one.
Reads FILE, or standard input when FILE is '-' or absent.

Options:
  -f, --format FORMAT          json (default), markdown, text or html; or sentences: the input's
                               sentences, one per line (for the segmentation eval)
      --html[=yes|no]          read the input as HTML (the clipboard's text/html); --html=no: as text
      --max-input-bytes N      refuse inputs over N bytes (default: 16777216, 16 MiB)
      --summary-sentences N    number of summary sentences (1 to 10; default: from length)
      --keyphrases N           number of keyphrases (1 to 20; default: 8)
      --models DIR             read the line models from DIR (as scripts/train writes them) instead
                               of the built-in ones: for scoring models on pages they never saw
  -h, --help                   print this help
  -V, --version                print the version
      --                       the next argument is the file, even if it starts with '-'
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
    models: Option<String>,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut parsed =
        Args { path: None, output: Output::Article(Format::Json), options: Options::default(), models: None };
    let mut only_files = false;
    while let Some(arg) = args.next() {
        if only_files || arg == "--" {
            if only_files {
                if parsed.path.is_some() {
                    return Err(format!("only one input file may be given ('{arg}' is a second one)"));
                }
                parsed.path = Some(arg);
            }
            only_files = true;
            continue;
        }
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
            "--html" => {
                parsed.options.input = match inline.as_deref().map(str::to_ascii_lowercase).as_deref() {
                    None | Some("yes" | "true" | "1") => InputFormat::Html,
                    Some("no" | "false" | "0") => InputFormat::Text,
                    Some(_) => return Err(format!("--html takes yes or no, not '{}'", inline.unwrap_or_default())),
                }
            }
            "--max-input-bytes" => {
                let v = value("a number")?;
                parsed.options.max_input_bytes =
                    v.parse().map_err(|_| format!("--max-input-bytes takes a number of bytes, not '{v}'"))?;
            }
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
            "--models" => parsed.models = Some(value("a folder")?),
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

/// Decodes input bytes: UTF-8 (with or without a BOM) or UTF-16, with a BOM or without one (told
/// by its zero bytes: text in UTF-16 has a zero in most pairs of its first kilobytes, on the high
/// side of the pair; UTF-8 text has none).
fn decode(bytes: Vec<u8>, source: &str) -> Result<String, String> {
    if let Some(rest) = bytes.strip_prefix(&[0xff, 0xfe]) {
        return utf16(rest, u16::from_le_bytes, source);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        return utf16(rest, u16::from_be_bytes, source);
    }
    match utf16_without_bom(&bytes) {
        Some(Endian::Little) => return utf16(&bytes, u16::from_le_bytes, source),
        Some(Endian::Big) => return utf16(&bytes, u16::from_be_bytes, source),
        None => {}
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{source} is not UTF-8 text (invalid byte at offset {}); convert it first, e.g. with iconv",
            e.utf8_error().valid_up_to()
        )
    })
}

enum Endian {
    Little,
    Big,
}

/// UTF-16 without a byte-order mark: an even number of bytes whose first 4,096 pairs have a zero
/// on one side in at least a third of them and none on the other (so UTF-8 text, where a zero byte
/// is a stray NUL, is never taken for it).
fn utf16_without_bom(bytes: &[u8]) -> Option<Endian> {
    if bytes.len() < 2 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = bytes.chunks_exact(2).take(4096);
    let n = pairs.len();
    let (mut low_zero, mut high_zero) = (0usize, 0usize);
    for p in pairs {
        low_zero += usize::from(p[0] == 0);
        high_zero += usize::from(p[1] == 0);
    }
    if high_zero * 3 >= n && low_zero == 0 {
        Some(Endian::Little)
    } else if low_zero * 3 >= n && high_zero == 0 {
        Some(Endian::Big)
    } else {
        None
    }
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
    if let Some(dir) = &args.models {
        let dir = std::path::Path::new(dir);
        let models = Models::read_named(|name| std::fs::read(dir.join(name)).map_err(|e| format!("{name}: {e}")))
            .map_err(|e| format!("the models in '{}' do not read: {e}", dir.display()))?;
        use_models(models);
    }
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
    let limit = args.options.max_input_bytes;
    if bytes.len() > limit {
        // Checked on the bytes read (UTF-16 input is measured as read, before decoding).
        return Err(size_limit_message(bytes.len(), limit, "--max-input-bytes"));
    }
    let text = decode(bytes, &source)?;
    if text.len() > limit {
        return Err(size_limit_message(text.len(), limit, "--max-input-bytes"));
    }
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
