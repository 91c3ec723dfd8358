//! A map full of hostile text (escape sequences, bidi overrides, markup, mentions),
//! under a file name with an escape sequence in it, through `diff --git`,
//! `history` and `compare`: nothing reaches the reviewer's terminal raw, and the
//! Markdown has no live markup from the map.

mod common;
mod gitrepo;

use cjm::model::Status;
use gitrepo::{Repo, stderr, stdout};

const NAME: &str = "maps/\u{1b}[31mred\u{202e}.ron";

fn repo() -> Repo {
    let r = Repo::new();
    let m = common::hostile();
    r.write_map(NAME, &m);
    r.commit("Hostile \u{1b}[2J subject \u{202e}");
    let mut n = m.clone();
    for s in &mut n.stages {
        for e in &mut s.emotions {
            e.score = 5;
        }
        s.pain_points.clear();
        for o in &mut s.optimizations {
            o.status = Status::Done;
        }
    }
    r.write_map(NAME, &n);
    r.commit("Second \u{1b}]0;title\u{7}");
    r
}

fn assert_inert(what: &str, out: &str) {
    for c in ['\u{1b}', '\u{202e}', '\u{7}'] {
        assert!(!out.contains(c), "{what}: raw {c:?} in\n{out}");
    }
}

#[test]
fn review_history_and_compare_show_hostile_text_escaped() {
    let r = repo();
    for f in ["text", "markdown"] {
        let o = r.cjm(&["diff", "--git", "HEAD~1", "HEAD", "--format", f]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let out = stdout(&o);
        assert_inert(f, &out);
        assert!(
            out.contains("\\u{1b}[31mred\\u{202e}.ron") || out.contains("\\\\u{1b}"),
            "{out}"
        );
        if f == "markdown" {
            assert!(!out.contains("<script>"), "{out}");
        }
    }
    let path = r.path(NAME);
    // CSV to a pipe keeps the exact bytes, as `cjm export --format csv` does.
    for f in ["text", "markdown", "json"] {
        let o = r.cjm(&["history", path.to_str().unwrap(), "--format", f]);
        assert_eq!(o.status.code(), Some(0), "{f}: {}", stderr(&o));
        assert_inert(f, &stdout(&o));
    }
    let o = r.cjm(&["history", path.to_str().unwrap(), "--format", "csv"]);
    let mut rd = csv::Reader::from_reader(o.stdout.as_slice());
    assert!(rd.headers().unwrap().iter().any(|h| h.contains('\u{202e}')));
    assert_eq!(rd.records().count(), 2);
    let old = format!("HEAD~1:{NAME}");
    for f in ["text", "markdown", "svg", "html", "json"] {
        let o = r.cjm(&["compare", &old, path.to_str().unwrap(), "--format", f]);
        assert_eq!(o.status.code(), Some(0), "{f}: {}", stderr(&o));
        let out = stdout(&o);
        assert_inert(f, &out);
        if f == "svg" || f == "html" {
            assert!(!out.contains("<script>"), "{out}");
        }
    }
}

/// Git's textconv and external diff on hostile files: an invalid map's flagged
/// outline (a stage id that is not a slug, holding escapes) and another tool's
/// `.ron` with escapes in it, shown as a text diff; nothing reaches the terminal
/// raw, in stdout or in a warning.
#[test]
fn textconv_and_external_diff_show_hostile_text_escaped() {
    let r = repo();
    let bin = std::path::PathBuf::from(common::bin::BIN);
    let mut m = common::hostile();
    m.stages[0].id = "\u{1b}[2J bad \u{202e}".into();
    r.write_map("maps/invalid.ron", &m);
    r.write(
        "tools/config.ron",
        "(name: \"\u{1b}]0;owned\u{7}\", jobs: 2)\n",
    );
    r.commit("Hostile extras");
    r.write(
        "tools/config.ron",
        "(name: \"\u{1b}[31mred\u{202e}\", jobs: 3)\n",
    );
    let o = r.cjm(&["show", "--textconv", "maps/invalid.ron"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_inert("flagged outline", &stdout(&o));
    assert_inert("textconv warning", &stderr(&o));
    assert!(stdout(&o).contains("⚠ bad-id: "), "{}", stdout(&o));
    for f in ["text", "markdown"] {
        let ext = format!("diff.external='{}' diff --format {f}", bin.display());
        let o = r.git(&["-c", &ext, "diff", "--", "tools/config.ron"]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_inert(f, &stdout(&o));
        assert!(stdout(&o).contains("jobs: 3"), "{}", stdout(&o));
    }
}
