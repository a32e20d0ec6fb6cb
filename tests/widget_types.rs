//! `web/widget.d.ts` (the TypeScript types shipped beside widget.js) says exactly what the core
//! writes and reads: every interface names the fields of the JSON objects it types (walked from real
//! articles), the string unions list the serde names of the enums, and `Options` lists the options.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};

use article_structurer::{structure, BlockKind, Options, RemovedReason};
use serde_json::Value;

const DTS: &str = include_str!("../web/widget.d.ts");
const SAMPLE: &str = include_str!("../assets/sample.txt");

/// `export interface Name { field?: Type; ... }`: each interface's fields and their types.
fn interfaces() -> BTreeMap<String, BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    let mut current: Option<(String, BTreeMap<String, String>)> = None;
    for line in DTS.lines() {
        let t = line.trim();
        if let Some(rest) = t.strip_prefix("export interface ") {
            let name = rest.split(|c: char| !c.is_alphanumeric()).next().unwrap().to_string();
            current = Some((name, BTreeMap::new()));
        } else if t == "}" {
            if let Some((name, fields)) = current.take() {
                out.insert(name, fields);
            }
        } else if let Some((_, fields)) = current.as_mut() {
            // A field: `name: Type;` or `name?: Type;` (comments and methods are skipped).
            let Some((name, ty)) = t.split_once(':') else { continue };
            // An optional field (`name?:`) is recorded with a `?` before its type.
            let optional = name.ends_with('?');
            let name = name.trim_end_matches('?');
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') || !t.ends_with(';') {
                continue;
            }
            let ty = ty.trim().trim_end_matches(';');
            fields.insert(name.to_string(), if optional { format!("?{ty}") } else { ty.to_string() });
        }
    }
    out
}

/// `export type Name = 'a' | 'b';` (over one or more lines): the string literals.
fn string_union(name: &str) -> BTreeSet<String> {
    let start = DTS.find(&format!("export type {name} =")).unwrap_or_else(|| panic!("no type {name}"));
    let body = &DTS[start..start + DTS[start..].find(';').unwrap()];
    body.split('\'').skip(1).step_by(2).map(str::to_string).collect()
}

/// Checks `value` against interface `name`, and what it contains against the interfaces its
/// field types name. Records which interfaces were checked.
fn check(value: &Value, name: &str, all: &BTreeMap<String, BTreeMap<String, String>>, seen: &mut BTreeSet<String>) {
    let fields = all.get(name).unwrap_or_else(|| panic!("widget.d.ts has no interface {name}"));
    let object = value.as_object().unwrap_or_else(|| panic!("{name}: expected an object, got {value}"));
    let keys: BTreeSet<&String> = object.keys().collect();
    let declared: BTreeSet<&String> = fields.keys().collect();
    let required: BTreeSet<&String> = fields.iter().filter(|(_, t)| !t.starts_with('?')).map(|(f, _)| f).collect();
    assert!(
        keys.is_subset(&declared) && required.is_subset(&keys),
        "interface {name} in web/widget.d.ts must name exactly the JSON's fields (optional ones may be absent): \
         JSON {keys:?}, declared {declared:?}"
    );
    seen.insert(name.to_string());
    for (field, ty) in fields {
        // The interface a field's type refers to, if any: `Span | null`, `Section[]`.
        let base = ty
            .trim_start_matches('?')
            .split('|')
            .map(|p| p.trim().trim_end_matches("[]"))
            .find(|p| all.contains_key(*p));
        let Some(inner) = base else { continue };
        let Some(v) = object.get(field) else { continue };
        match v {
            Value::Null => {}
            Value::Array(items) => items.iter().for_each(|item| check(item, inner, all, seen)),
            other => check(other, inner, all, seen),
        }
    }
}

#[test]
fn interfaces_match_the_article_json() {
    let all = interfaces();
    let mut seen = BTreeSet::new();
    let articles = [
        structure(SAMPLE, &Options::default()),
        structure("", &Options::default()),
        // A cut input gives a diagnostic.
        structure(SAMPLE, &Options { max_input_bytes: 400, ..Options::default() }),
        // A pasted page: its page type and the ISO day of its date line (the optional fields).
        structure(include_str!("fixtures/news-page.txt"), &Options::default()),
    ];
    let page = &articles[3];
    assert!(page.page_type.is_some() && page.published.as_ref().is_some_and(|p| p.date.is_some()));
    for article in &articles {
        check(&serde_json::to_value(article).unwrap(), "Article", &all, &mut seen);
    }
    for name in [
        "Article",
        "Span",
        "Callout",
        "Section",
        "Block",
        "Summary",
        "SummarySentence",
        "Removed",
        "Stats",
        "Diagnostic",
    ] {
        assert!(seen.contains(name), "interface {name} was checked against real JSON (seen: {seen:?})");
    }
}

#[test]
fn options_interface_lists_every_option() {
    let all = interfaces();
    let Value::Object(options) = serde_json::to_value(Options::default()).unwrap() else { panic!() };
    let keys: BTreeSet<&String> = options.keys().collect();
    let declared: BTreeSet<&String> = all["Options"].keys().collect();
    assert_eq!(keys, declared);
    assert!(all["Options"].values().all(|t| !t.is_empty()));
}

#[test]
fn unions_list_the_enum_names() {
    // Exhaustive matches: a new variant fails to compile here until it is listed (and typed).
    fn kinds() -> Vec<BlockKind> {
        let all = vec![
            BlockKind::Paragraph,
            BlockKind::List,
            BlockKind::Caption,
            BlockKind::Quote,
            BlockKind::Code,
            BlockKind::Table,
        ];
        for k in &all {
            match k {
                BlockKind::Paragraph
                | BlockKind::List
                | BlockKind::Caption
                | BlockKind::Quote
                | BlockKind::Code
                | BlockKind::Table => {}
            }
        }
        all
    }
    fn reasons() -> Vec<RemovedReason> {
        use RemovedReason::*;
        let all = vec![Duplicate, NearDuplicate, MisplacedHeading, Boilerplate, PageFurniture, Related, Comments];
        for r in &all {
            match r {
                Duplicate | NearDuplicate | MisplacedHeading | Boilerplate | PageFurniture | Related | Comments => {}
            }
        }
        all
    }
    let names: BTreeSet<String> = kinds().into_iter().map(|k| k.as_str().to_string()).collect();
    assert_eq!(string_union("BlockKind"), names);
    let names: BTreeSet<String> = reasons().into_iter().map(|r| r.as_str().to_string()).collect();
    assert_eq!(string_union("RemovedReason"), names);
    // And the serde names are those `as_str` gives.
    for k in kinds() {
        assert_eq!(serde_json::to_value(k).unwrap(), Value::String(k.as_str().to_string()));
    }
    for r in reasons() {
        assert_eq!(serde_json::to_value(r).unwrap(), Value::String(r.as_str().to_string()));
    }
}
