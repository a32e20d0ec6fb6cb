//! Writes the line model's feature rows for a set of pages, for the training script
//! (`eval/learn/train.py`, run by `scripts/train`).
//!
//! Usage: cargo run --release --example features -- DATA IDS OUT [P]
//!   DATA  a folder in the WCXB layout (`pages/<id>/pasted.txt`)
//!   IDS   a file with one page id a line
//!   OUT   a folder; written: `names.txt` (one feature name a line), `units.tsv` (page id, unit
//!         index, first and last input line of each unit), `features.f32` (the rows, little-endian
//!         f32, one row of `names.txt`'s length per line of `units.tsv`)
//!   P     (second stage) the first model's probabilities, little-endian f64, one per line of
//!         `OUT/units.tsv`: then only the context rows (`context_names.txt`, `context.f32`), the
//!         page rows (`page_names.txt`, `page.f32`, one row a page with units, in IDS order) and
//!         whether the rules keep each unit (`rule_kept.u8`, one byte a unit) are written
//!
//! The rows come from `article_structurer::core::model::text_features`, the function the
//! structurer itself uses, so training and inference see the same numbers.

use std::io::Write;

use article_structurer::core::model::{features, text_context_features, text_features};
use article_structurer::Options;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (data, ids, out, p) = match args.as_slice() {
        [d, i, o] => (d, i, o, None),
        [d, i, o, p] => (d, i, o, Some(p)),
        _ => {
            eprintln!("usage: features DATA IDS OUT [P]");
            std::process::exit(2);
        }
    };
    let out = std::path::Path::new(out);
    std::fs::create_dir_all(out).expect("create OUT");
    let ids = std::fs::read_to_string(ids).expect("read IDS");
    let options = Options::default();
    if let Some(p) = p {
        let p: Vec<f64> = std::fs::read(p)
            .expect("read P")
            .chunks_exact(8)
            .map(|b| f64::from_le_bytes(b.try_into().expect("8 bytes")))
            .collect();
        let names = features::context_names().join("\n") + "\n";
        std::fs::write(out.join("context_names.txt"), names).expect("write context_names.txt");
        std::fs::write(out.join("page_names.txt"), features::page_names().join("\n") + "\n").expect("page_names.txt");
        let mut rows = std::io::BufWriter::new(std::fs::File::create(out.join("context.f32")).expect("context.f32"));
        let mut pages = std::io::BufWriter::new(std::fs::File::create(out.join("page.f32")).expect("page.f32"));
        let mut kept = std::io::BufWriter::new(std::fs::File::create(out.join("rule_kept.u8")).expect("rule_kept.u8"));
        let mut at = 0;
        for id in ids.split_whitespace() {
            let text = read_page(data, id);
            let n = text_features(&text, &options).0.len();
            let slice = p.get(at..at + n).expect("P has a probability for every unit");
            at += n;
            let (context, page, rule_kept) = text_context_features(&text, &options, slice);
            for v in context {
                rows.write_all(&v.to_le_bytes()).expect("write context.f32");
            }
            for v in page {
                pages.write_all(&v.to_le_bytes()).expect("write page.f32");
            }
            kept.write_all(&rule_kept.iter().map(|&k| u8::from(k)).collect::<Vec<u8>>()).expect("write rule_kept.u8");
        }
        assert_eq!(at, p.len(), "P has as many probabilities as the pages have units");
        return;
    }
    std::fs::write(out.join("names.txt"), features::names().join("\n") + "\n").expect("write names.txt");
    let mut units = std::io::BufWriter::new(std::fs::File::create(out.join("units.tsv")).expect("units.tsv"));
    let mut rows = std::io::BufWriter::new(std::fs::File::create(out.join("features.f32")).expect("features.f32"));
    for id in ids.split_whitespace() {
        let text = read_page(data, id);
        let (lines, values) = text_features(&text, &options);
        for (k, l) in lines.iter().enumerate() {
            writeln!(units, "{id}\t{k}\t{}\t{}", l[0], l[1]).expect("write units.tsv");
        }
        for v in values {
            rows.write_all(&v.to_le_bytes()).expect("write features.f32");
        }
    }
}

/// A page's pasted text (an absent page reads as empty, as the eval's scorer counts it).
fn read_page(data: &str, id: &str) -> String {
    let path = std::path::Path::new(data).join("pages").join(id).join("pasted.txt");
    String::from_utf8_lossy(&std::fs::read(path).unwrap_or_default()).into_owned()
}
