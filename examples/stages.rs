use article_structurer::core::*;
use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let input = std::fs::read_to_string(path).unwrap();
    let o = options::Options::default();
    let t = Instant::now();
    let n = normalize::normalize(&input, &o);
    eprintln!("normalize {:?}", t.elapsed());
    let t = Instant::now();
    let u = blocks::units(&n.lines);
    eprintln!("blocks {:?} ({} units)", t.elapsed(), u.len());
    let t = Instant::now();
    let mut items = classify::classify(u, true, &mut Vec::new());
    eprintln!("classify {:?}", t.elapsed());
    let t = Instant::now();
    dedup::dedup(&mut items, 0.8);
    eprintln!("dedup {:?}", t.elapsed());
    let t = Instant::now();
    sections::place_headings(&mut items);
    eprintln!("place {:?}", t.elapsed());
    let t = Instant::now();
    let a = structure(&input, &o);
    eprintln!("whole {:?} {}", t.elapsed(), a.sections.len());
}
