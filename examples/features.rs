//! Writes what the line models learn from, for a set of pages, for the training script
//! (`eval/learn/train.py`, run by `scripts/train`). Three steps, each run by the script in turn:
//!
//! ```text
//! features tokens  DATA IDS OUT            units.tsv (page id, unit index, first and last input line
//!                                          of each unit) and tokens.u32 (each unit's lexical tokens:
//!                                          a count, then that many bucket numbers; little-endian u32)
//! features rows    DATA IDS OUT LEX        names.txt (one feature name a line) and features.f32 (the
//!                                          rows, little-endian f32, one row of names.txt's length per
//!                                          unit), given each unit's lexical score in LEX (f32)
//! features context DATA IDS OUT LEX P      context_names.txt, context.f32 (the context rows), page_names.txt,
//!                                          page.f32 (one row a page with units, in IDS order) and
//!                                          rule_kept.u8 (whether the rules keep each unit), given the
//!                                          first content model's probabilities in P (f64)
//! ```
//!
//! DATA is a folder in the WCXB layout (`pages/<id>/pasted.txt`), IDS a file with one page id a
//! line, OUT a folder. LEX and P hold one number per line of `OUT/units.tsv`, in its order.
//!
//! Everything comes from `article_structurer::core::model` (`text_tokens`, `text_features`,
//! `text_context_features`), the functions the structurer itself uses, so training and inference
//! see the same numbers.

use std::io::Write;

use article_structurer::core::model::{features, text_context_features, text_features, text_tokens};
use article_structurer::Options;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = || -> ! {
        eprintln!("usage: features tokens DATA IDS OUT | rows DATA IDS OUT LEX | context DATA IDS OUT LEX P");
        std::process::exit(2);
    };
    let [step, data, ids, out, rest @ ..] = args.as_slice() else { usage() };
    let out = std::path::Path::new(out);
    std::fs::create_dir_all(out).expect("create OUT");
    let ids = std::fs::read_to_string(ids).expect("read IDS");
    let ids: Vec<&str> = ids.split_whitespace().collect();
    let options = Options::default();
    let file = |name: &str| std::io::BufWriter::new(std::fs::File::create(out.join(name)).expect(name));
    match (step.as_str(), rest) {
        ("tokens", []) => {
            let mut units = file("units.tsv");
            let mut tokens = file("tokens.u32");
            for id in ids {
                let (lines, toks) = text_tokens(&read_page(data, id), &options);
                for (k, (l, t)) in lines.iter().zip(&toks).enumerate() {
                    writeln!(units, "{id}\t{k}\t{}\t{}", l[0], l[1]).expect("write units.tsv");
                    tokens.write_all(&(t.len() as u32).to_le_bytes()).expect("write tokens.u32");
                    for b in t {
                        tokens.write_all(&b.to_le_bytes()).expect("write tokens.u32");
                    }
                }
            }
        }
        ("rows", [lex]) => {
            let lex = read_numbers(lex, 4, |b| f64::from(f32::from_le_bytes(b.try_into().expect("4 bytes"))));
            std::fs::write(out.join("names.txt"), features::names().join("\n") + "\n").expect("write names.txt");
            let mut rows = file("features.f32");
            let mut at = 0;
            for id in ids {
                let text = read_page(data, id);
                let n = text_tokens(&text, &options).0.len();
                let slice: Vec<f32> =
                    lex.get(at..at + n).expect("LEX has a score for every unit").iter().map(|&v| v as f32).collect();
                at += n;
                for v in text_features(&text, &options, &slice).1 {
                    rows.write_all(&v.to_le_bytes()).expect("write features.f32");
                }
            }
            assert_eq!(at, lex.len(), "LEX has as many scores as the pages have units");
        }
        ("context", [lex, p]) => {
            let lex = read_numbers(lex, 4, |b| f64::from(f32::from_le_bytes(b.try_into().expect("4 bytes"))));
            let p = read_numbers(p, 8, |b| f64::from_le_bytes(b.try_into().expect("8 bytes")));
            assert_eq!(lex.len(), p.len(), "LEX and P have a number for every unit");
            std::fs::write(out.join("context_names.txt"), features::context_names().join("\n") + "\n")
                .expect("write context_names.txt");
            std::fs::write(out.join("page_names.txt"), features::page_names().join("\n") + "\n")
                .expect("page_names.txt");
            let mut rows = file("context.f32");
            let mut pages = file("page.f32");
            let mut kept = file("rule_kept.u8");
            let mut at = 0;
            for id in ids {
                let text = read_page(data, id);
                let n = text_tokens(&text, &options).0.len();
                let lex_slice: Vec<f32> = lex[at..at + n].iter().map(|&v| v as f32).collect();
                let slice = p.get(at..at + n).expect("P has a probability for every unit");
                at += n;
                let (context, page, rule_kept) = text_context_features(&text, &options, &lex_slice, slice);
                for v in context {
                    rows.write_all(&v.to_le_bytes()).expect("write context.f32");
                }
                for v in page {
                    pages.write_all(&v.to_le_bytes()).expect("write page.f32");
                }
                kept.write_all(&rule_kept.iter().map(|&k| u8::from(k)).collect::<Vec<u8>>())
                    .expect("write rule_kept.u8");
            }
            assert_eq!(at, p.len(), "P has as many probabilities as the pages have units");
        }
        _ => usage(),
    }
}

/// A file of little-endian numbers of `width` bytes each.
fn read_numbers(path: &str, width: usize, read: impl Fn(&[u8]) -> f64) -> Vec<f64> {
    std::fs::read(path).unwrap_or_else(|e| panic!("read {path}: {e}")).chunks_exact(width).map(read).collect()
}

/// A page's pasted text (an absent page reads as empty, as the eval's scorer counts it).
fn read_page(data: &str, id: &str) -> String {
    let path = std::path::Path::new(data).join("pages").join(id).join("pasted.txt");
    String::from_utf8_lossy(&std::fs::read(path).unwrap_or_default()).into_owned()
}
