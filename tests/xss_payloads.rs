//! DOMPurify's 223 XSS payloads (vendored in `tests/data/`, see its README) through the CLI as a
//! user runs it, `structure --html`: each payload alone, and all of them in one document (bare, and
//! each inside an article between paragraphs of prose). Every run exits 0 with valid Article JSON
//! (schema 1), nothing on stderr, no panic, within a generous time bound (a hang or a blow-up, not a
//! speed measurement: the benches measure speed); and the article, rendered as a standalone HTML page,
//! holds no markup but the renderer's own.
//!
//! The page's side of the same payloads (pasted as HTML in Chromium) is `tests/e2e/xss.test.mjs`.
#![cfg(not(target_arch = "wasm32"))]

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use article_structurer::{render, Article, Format};

const PAYLOADS: &str = include_str!("data/xss-payloads.json");

/// A hang guard, not a speed test (speed is measured by the benchmarks): far above what any of these
/// inputs needs (a debug build structures each in milliseconds), so a loaded shared machine does not
/// fail the test, while a hang does not hang the suite.
const LIMIT: Duration = Duration::from_secs(30);

struct Payload {
    /// What the payload tests (DOMPurify names most of them), else the payload's first characters.
    title: String,
    payload: String,
}

fn payloads() -> Vec<Payload> {
    let json: serde_json::Value = serde_json::from_str(PAYLOADS).expect("tests/data/xss-payloads.json is JSON");
    let list = json.as_array().expect("a list of payloads");
    let payloads: Vec<Payload> = list
        .iter()
        .map(|p| {
            let payload = p["payload"].as_str().expect("a payload").to_string();
            let title = match p["title"].as_str() {
                Some(t) => t.to_string(),
                None => format!("{:?}", payload.chars().take(60).collect::<String>()),
            };
            Payload { title, payload }
        })
        .collect();
    assert_eq!(payloads.len(), 223, "the vendored file holds DOMPurify's 223 payloads");
    payloads
}

/// Runs `structure --html` on `input` (standard input) and checks the run; returns the article and
/// the time the process took.
fn structure_html(name: &str, input: &str) -> (Article, Duration) {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_structure"))
        .arg("--html")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the structure binary starts");
    // Threads write the input and read the output, so that no pipe fills up while the process runs.
    let mut stdin = child.stdin.take().unwrap();
    let bytes = input.as_bytes().to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&bytes);
    });
    let read = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut out = Vec::new();
            pipe.read_to_end(&mut out).expect("reading the output of structure");
            out
        })
    };
    let stdout = read(Box::new(child.stdout.take().unwrap()));
    let stderr = read(Box::new(child.stderr.take().unwrap()));
    // Wait up to the limit; past it, kill the process and fail (a hang must not hang the suite).
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for structure") {
            break status;
        }
        if started.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{name}: structure --html still running after {LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let elapsed = started.elapsed();
    writer.join().unwrap();
    let (stdout, stderr) = (stdout.join().unwrap(), stderr.join().unwrap());
    let stderr = String::from_utf8_lossy(&stderr);
    assert!(status.success(), "{name}: exit status {status:?}, stderr: {stderr}");
    assert!(stderr.is_empty(), "{name}: stderr: {stderr}");
    let stdout = String::from_utf8(stdout).unwrap_or_else(|e| panic!("{name}: stdout is not UTF-8: {e}"));
    let article: Article =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{name}: not Article JSON ({e}): {stdout}"));
    assert_eq!(article.schema, 1, "{name}");
    (article, elapsed)
}

/// The tags `core::render`'s standalone page is made of; text is escaped, so any other `<` in its
/// output would be markup that came from the input.
const RENDERER_TAGS: &str = "html head meta title style body article section aside h1 h2 h3 h4 h5 h6 p ul li \
    figure figcaption blockquote pre code table tr td";

fn assert_renders_inert(name: &str, article: &Article) {
    let page = render(article, Format::Html);
    let mut rest = page.as_str();
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if rest.starts_with("!DOCTYPE html>") {
            continue;
        }
        let tag = rest.trim_start_matches('/');
        let end = tag.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(tag.len());
        assert!(
            RENDERER_TAGS.split_whitespace().any(|t| t == &tag[..end]),
            "{name}: markup in the rendered page: <{}",
            rest.chars().take(80).collect::<String>()
        );
        let close = tag.find('>').expect("a closed tag");
        let attributes = &tag[end..close];
        assert!(
            !attributes.split_whitespace().any(|a| a.to_ascii_lowercase().starts_with("on")),
            "{name}: an event handler in the rendered page: <{}>",
            &tag[..close]
        );
    }
}

#[test]
fn each_payload_alone_gives_an_article() {
    let mut slowest = (Duration::ZERO, String::new());
    for (i, p) in payloads().iter().enumerate() {
        let name = format!("payload {i} ({})", p.title);
        let (article, elapsed) = structure_html(&name, &p.payload);
        assert_renders_inert(&name, &article);
        if elapsed > slowest.0 {
            slowest = (elapsed, name);
        }
    }
    eprintln!("slowest payload: {:?}, {}", slowest.0, slowest.1);
}

#[test]
fn all_payloads_in_one_document_give_an_article() {
    let payloads = payloads();
    let bare: String = payloads.iter().map(|p| p.payload.as_str()).collect::<Vec<_>>().join("\n");
    // Twice over, so that 446 payloads follow one another in one document.
    let bare = format!("{bare}\n{bare}");
    let (article, elapsed) = structure_html("all payloads, bare", &bare);
    assert_renders_inert("all payloads, bare", &article);
    eprintln!("446 payloads in one document ({} bytes): {elapsed:?}", bare.len());

    // Each payload inside an article, between paragraphs of prose, where the article finder keeps
    // what stands beside the body.
    let mut page = String::from(
        "<!DOCTYPE html><html><head><title>Harbour News</title></head><body><article><h1>The Harbour Reopens</h1>\n",
    );
    for (i, p) in payloads.iter().enumerate() {
        page.push_str(&format!(
            "<h2>Part {i}</h2>\n<p>The ferries ran again on the morning of day {i}, and the fishermen, who had waited all winter, were the first to cross.</p>\n{}\n<p>By noon the quay was full of people, and the market stalls had opened along the water.</p>\n",
            p.payload
        ));
    }
    page.push_str("</article></body></html>\n");
    let (article, elapsed) = structure_html("all payloads in an article", &page);
    assert_renders_inert("all payloads in an article", &article);
    eprintln!("223 payloads inside an article ({} bytes): {elapsed:?}", page.len());
}
