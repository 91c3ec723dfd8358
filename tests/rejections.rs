//! Every way a file is rejected: one `PATH:LINE:COL: what is wrong` message at the
//! exact position, from `check`, `fmt` and `show` alike, and the file's bytes are
//! never touched.

mod common;

use std::path::Path;

const GOLDEN: &str = include_str!("data/design-example.ron");

fn replaced(from: &str, to: &str) -> Vec<u8> {
    assert!(GOLDEN.contains(from), "{from}");
    GOLDEN.replacen(from, to, 1).into_bytes()
}

fn cjm() -> std::process::Command {
    common::cjm()
}

/// Runs check, fmt and show on `bytes` and asserts the located message and that the
/// file is unchanged afterwards.
fn assert_rejected(bytes: &[u8], at: &str, message: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("map.ron");
    std::fs::write(&file, bytes).unwrap();
    let f = file.to_str().unwrap();
    let expected = format!("{f}:{at}: ");

    let out = cjm().args(["check", f]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "check exit");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let first = stdout.lines().next().unwrap_or_default();
    assert!(
        first.starts_with(&expected),
        "check said {stdout:?}, expected {expected}"
    );
    assert!(
        first.contains(message),
        "check said {first:?}, expected {message:?}"
    );

    for cmd in [&["fmt", f][..], &["fmt", "--check", f], &["show", f]] {
        let out = cjm().args(cmd).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{cmd:?} exit");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.starts_with(&format!("cjm: {expected}")) && stderr.contains(message),
            "{cmd:?} said {stderr:?}"
        );
        assert_eq!(
            std::fs::read(&file).unwrap(),
            bytes,
            "{cmd:?} touched the file"
        );
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "left a stray file"
    );
}

#[test]
fn syntax_error() {
    assert_rejected(
        &replaced("title: \"Buying", "title \"Buying"),
        "3:11",
        "expected `:`",
    );
}

#[test]
fn unknown_field_names_the_expected_ones_and_the_nearest() {
    let b = replaced("    title: ", "    titel: ");
    assert_rejected(
        &b,
        "3:5",
        "unknown field `titel` in JourneyMap; expected one of: format, title,",
    );
    assert_rejected(&b, "3:5", "did you mean `title`?");
    assert_rejected(
        &replaced("severity: High", "severty: High"),
        "57:21",
        "did you mean `severity`?",
    );
}

#[test]
fn wrong_type() {
    assert_rejected(
        &replaced("title: \"Buying a first espresso machine\"", "title: 5"),
        "3:12",
        "expected a string for `title`, found an integer",
    );
    assert_rejected(
        &replaced("severity: High", "severity: Hgih"),
        "57:31",
        "did you mean `High`?",
    );
}

#[test]
fn newer_format() {
    assert_rejected(
        &replaced("format: 1", "format: 8"),
        "2:13",
        "written by a newer cjm",
    );
}

#[test]
fn conflict_markers() {
    let b = replaced(
        "    summary:",
        "<<<<<<< HEAD\n    summary: \"a\",\n=======\n    summary: \"b\",\n>>>>>>> theirs\n    summary:",
    );
    assert_rejected(&b, "4:1", "unresolved merge conflict at line 4");
}

#[test]
fn not_utf8() {
    let mut b = GOLDEN.as_bytes().to_vec();
    let at = GOLDEN.find("Buying").unwrap();
    b[at] = 0xff;
    assert_rejected(&b, "3:13", "not UTF-8");
}

#[test]
fn nested_too_deep() {
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    assert_rejected(
        &replaced("\"Cut cart abandonment from 68% to 55%\"", &deep),
        "7:40",
        "nested too deeply",
    );
}

#[test]
fn empty_file() {
    assert_rejected(b"", "1:1", "the file is empty");
    assert_rejected(b"\n  // nothing\n", "3:1", "the file is empty");
}

#[test]
fn score_outside_range() {
    assert_rejected(
        &replaced("score: 4", "score: 7"),
        "50:28",
        "score 7 is outside 1–5",
    );
}

#[test]
fn duplicate_stage_id() {
    let b = replaced(
        "        ),\n    ],\n)",
        "        ),\n        Stage(\n            id: \"awareness\",\n            name: \"Again\",\n        ),\n    ],\n)",
    );
    assert_rejected(
        &b,
        "77:17",
        "stage id `awareness` is used by an earlier stage",
    );
}

#[test]
fn id_that_is_not_a_slug() {
    assert_rejected(
        &replaced("id: \"awareness\"", "id: \"Awareness Stage\""),
        "33:17",
        "not a slug",
    );
}

#[test]
fn empty_required_text() {
    assert_rejected(
        &replaced("title: \"Buying a first espresso machine\"", "title: \"\""),
        "3:12",
        "the title is empty",
    );
    assert_rejected(
        &replaced("text: \"Cannot tell machines apart\"", "text: \"  \""),
        "56:27",
        "pain point 1 of stage `awareness` has no text",
    );
}

#[test]
fn missing_required_fields() {
    let start = GOLDEN.find("    persona: Persona(").unwrap();
    let end = GOLDEN.find("    stages: [").unwrap();
    let mut b = GOLDEN.to_string();
    b.replace_range(start..end, "");
    assert_rejected(
        b.as_bytes(),
        "1:1",
        "JourneyMap is missing its required field `persona`",
    );
    assert_rejected(
        &replaced("                    label: \"Curious\",\n", ""),
        "49:17",
        "Emotion is missing its required field `label`",
    );
}

#[test]
fn unterminated_string() {
    assert_rejected(
        &GOLDEN.as_bytes()[..GOLDEN.find("remembers").unwrap()],
        "35:19",
        "never closed",
    );
}

#[test]
fn hostile_text_in_an_error_is_escaped() {
    let b = replaced("    title: ", "    t\u{1b}]0;pwned\u{7}: ");
    // The field name cannot hold that, so it is a syntax error; either way the
    // output must not carry the raw escape.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.ron");
    std::fs::write(&file, &b).unwrap();
    let out = cjm()
        .args(["check", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.stdout.contains(&0x1b) && !out.stderr.contains(&0x1b));
    let hostile = replaced(
        "\"Could I make",
        "\"\u{1b}]0;pwned\u{7}\u{1b}[2J\", \"Could I make",
    );
    std::fs::write(&file, &hostile).unwrap();
    let out = cjm()
        .args(["show", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("\\u{1b}]0;pwned\\u{7}\\u{1b}[2J"), "{s}");
    assert!(!s.contains('\u{1b}') && !s.contains('\u{7}'));
}

#[test]
fn a_missing_file_is_trouble_not_no() {
    let out = cjm()
        .args(["check", "/nonexistent/x.ron"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = cjm().args(["show", "/nonexistent/x.ron"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .starts_with("cjm: /nonexistent/x.ron: no such file")
    );
    assert!(!Path::new("/nonexistent/x.ron").exists());
}
