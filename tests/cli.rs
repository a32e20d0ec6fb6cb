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
    // A run that fails on its arguments exits before it reads: a closed pipe is no error here.
    if let Err(e) = child.stdin.take().unwrap().write_all(stdin) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "writing to standard input: {e}");
    }
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

#[test]
fn html_no_reads_the_input_as_text() {
    // Issue 13: `--html=no` turned HTML on.
    let o = run(&["--html=no", "-f", "text"], b"<p>Literal markup</p>\n");
    assert!(o.status.success());
    assert!(stdout(&o).contains("<p>Literal markup</p>"), "{}", stdout(&o));
    let o = run(&["--html=yes", "-f", "text"], b"<p>Read as markup</p>\n");
    assert_eq!(stdout(&o).trim(), "Read as markup");
    assert_clean_failure(&run(&["--html=maybe"], b"x"), "--html takes yes or no");
}

#[test]
fn a_double_dash_ends_the_options() {
    // Issue 13: `--` was rejected; after it a name starting with '-' is a file.
    let dir = std::env::temp_dir().join(format!("structure-cli-dashes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("-article.txt"), ARTICLE).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_structure"))
        .current_dir(&dir)
        .args(["-f", "text", "--", "-article.txt"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("A Plain Title For The Test"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn utf16_without_a_bom_is_read_in_either_byte_order() {
    // Issue 13: without a BOM only ASCII came through (as UTF-8 with NULs).
    let text = "Café Ferries Return\n\nThe harbour ferries are running again after three winters, naïvely.\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for bytes in [le, be] {
        let o = run(&["-f", "text"], &bytes);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stdout(&o).contains("Café Ferries Return") && stdout(&o).contains("naïvely"), "{}", stdout(&o));
    }
}

#[test]
fn an_input_over_the_size_limit_names_the_limit_and_the_option() {
    // Issue 13: over 16 MiB the input was cut silently mid-word.
    let o = run(&["--max-input-bytes", "20"], ARTICLE.as_bytes());
    assert_clean_failure(&o, "over the limit of 20 bytes; raise the limit with --max-input-bytes");
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["--max-input-bytes", "1000", "-f", "text"], ARTICLE.as_bytes());
    assert!(o.status.success());
    assert_clean_failure(&run(&["--max-input-bytes", "lots"], b"x"), "--max-input-bytes takes a number");
}
