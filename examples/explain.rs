//! Shows what the line models decide about a plain-text page, unit by unit: the first line, the
//! decoded state, the probabilities of content and heading, the rankers' scores as title, byline
//! and date, and the text.
//!
//! Usage: cargo run --release --example explain -- FILE [MODELS]
//!   MODELS  a folder of model files as `scripts/train` writes them (default: the committed ones);
//!           `scripts/test`'s learn stage runs this on a fixture page with the fixture-trained models

use article_structurer::core::model::{explain, models, Explained, Models};
use article_structurer::Options;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: explain FILE [MODELS]");
    let text = String::from_utf8_lossy(&std::fs::read(path).expect("read FILE")).into_owned();
    let owned;
    let models: &Models = match args.next() {
        Some(dir) => {
            let dir = std::path::PathBuf::from(dir);
            owned = Models::read_named(|name| std::fs::read(dir.join(name)).map_err(|e| format!("{name}: {e}")))
                .unwrap_or_else(|e| {
                    eprintln!("the models in {} do not read: {e}", dir.display());
                    std::process::exit(1);
                });
            &owned
        }
        None => models().expect("the committed models read"),
    };
    let Explained { units, decision: d } = explain(models, &text, &Options::default());
    let mark = |k: usize| {
        if Some(k) == d.title {
            "TITLE"
        } else if Some(k) == d.byline {
            "BYLINE"
        } else if Some(k) == d.date {
            "DATE"
        } else {
            ""
        }
    };
    for (k, (line, t)) in units.iter().enumerate() {
        let short: String = t.chars().take(70).collect();
        println!(
            "{line:5} {:8} {:6} c={:.2} h={:.2} t={:5.2} b={:5.2} d={:5.2} | {short}",
            format!("{:?}", d.states[k]),
            mark(k),
            d.content[k],
            d.heading[k],
            d.meta[k][0],
            d.meta[k][1],
            d.meta[k][2]
        );
    }
    let content = d.states.iter().filter(|s| s.is_content()).count();
    println!(
        "{} units, {content} in the article, title {:?}, page type {}, rules better {:.2}{}",
        units.len(),
        d.title.map(|k| units[k].0),
        article_structurer::core::model::PAGE_TYPES[d.page_type],
        d.rules_better,
        if d.use_rules { " (the rules' reading is taken)" } else { "" }
    );
}
