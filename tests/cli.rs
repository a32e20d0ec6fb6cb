//! The `structure` CLI as a user runs it: formats, standard input, and clear errors (never a panic).
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

const ARTICLE: &str =
    "A Plain Title For The Test\n\nThe first paragraph of the article, long enough to be read as prose by anyone.\n";

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_structure"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the structure binary starts");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A failed run: non-zero exit, nothing on stdout, one clear `structure:` line on stderr, no panic.
fn assert_clean_failure(o: &Output, expected: &str) {
    let err = stderr(o);
    assert!(!o.status.success(), "exit status {:?}", o.status);
    assert!(o.stdout.is_empty(), "stdout: {}", stdout(o));
    assert!(err.starts_with("structure: "), "stderr: {err}");
    assert!(err.contains(expected), "stderr {err:?} mentions {expected:?}");
    assert!(!err.contains("panicked"), "stderr: {err}");
}

#[test]
fn reads_standard_input_and_prints_json_by_default() {
    for args in [&[][..], &["-"][..]] {
        let o = run(args, ARTICLE.as_bytes());
        assert!(o.status.success(), "{}", stderr(&o));
        let json: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
        assert_eq!(json["schema"], 1);
        assert_eq!(json["title"]["text"], "A Plain Title For The Test");
    }
}

#[test]
fn reads_a_file_and_prints_markdown_and_text() {
    let dir = std::env::temp_dir().join(format!("structure-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("article.txt");
    std::fs::write(&path, ARTICLE).unwrap();
    let path = path.to_str().unwrap();

    let md = run(&[path, "--format", "markdown"], b"");
    assert!(md.status.success(), "{}", stderr(&md));
    assert!(stdout(&md).starts_with("# A Plain Title For The Test\n"), "{}", stdout(&md));

    let text = run(&["--format=text", path], b"");
    assert!(text.status.success(), "{}", stderr(&text));
    assert!(stdout(&text).contains("The first paragraph of the article"), "{}", stdout(&text));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_missing_file_is_a_clear_error() {
    assert_clean_failure(&run(&["/nonexistent/article.txt"], b""), "no such file");
}

#[test]
fn a_directory_is_a_clear_error() {
    let dir = std::env::temp_dir();
    assert_clean_failure(&run(&[dir.to_str().unwrap()], b""), "directory");
}

#[test]
fn input_that_is_not_text_is_a_clear_error() {
    assert_clean_failure(&run(&[], b"caf\xe9 \xff\xfe"), "not UTF-8");
}

#[test]
fn bad_arguments_are_clear_errors() {
    assert_clean_failure(&run(&["--format", "pdf"], b""), "unknown format");
    assert_clean_failure(&run(&["--bogus"], b""), "unknown option");
    assert_clean_failure(&run(&["--format"], b""), "needs");
}

#[test]
fn help_and_version() {
    let help = run(&["--help"], b"");
    assert!(help.status.success());
    assert!(stdout(&help).contains("Usage: structure [FILE|-]"));
    let version = run(&["--version"], b"");
    assert!(version.status.success());
    assert!(stdout(&version).starts_with("structure "));
}

#[test]
fn html_flag_reads_markup_and_survives_hostile_markup() {
    let page = "<html><head><title>Tide Tables | Harbour News</title></head><body><nav><a href=/>Home</a></nav>\
                <article><h1>Tide Tables</h1><p>High water comes about fifty minutes later each day, and the \
                harbour master posts the times on the quay every morning.</p></article></body></html>";
    let o = run(&["--html"], page.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    assert_eq!(json["title"]["text"], "Tide Tables");
    assert_eq!(json["sections"][0]["blocks"][0]["text"].as_str().map(|t| t.starts_with("High water")), Some(true));
    assert_eq!(json["removed"][0]["text"], "Home");
    for hostile in [
        "<script>alert(1)</script>".to_string(),
        "<svg><script>alert(1)</script></svg><img src=x onerror=alert(1)>".to_string(),
        "<div>".repeat(20_000),
        "<!--".to_string() + &"<p>".repeat(10_000),
        "<a href=\"javascript:alert(1)\">x".repeat(5_000),
    ] {
        let o = run(&["--html", "--format", "markdown"], hostile.as_bytes());
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(!stdout(&o).contains("alert(1)"), "{}", stdout(&o));
    }
}
