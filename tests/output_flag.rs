//! `-o OUT [--force]` on every command that writes a document (`compare`, `diff`,
//! `diff --git`, `history`, `report`, `schema`), with the rules of `export -o`:
//! the file holds exactly what standard output would have, nothing is printed,
//! an existing file is kept without `--force`, and a folder or a FIFO is never
//! replaced, even with it.

mod common;
mod gitrepo;

use std::fs;
use std::path::Path;

use gitrepo::{Repo, example, stderr, stdout};

/// A repository with two commits of one map (a pain point added in the second)
/// and a changed work tree, so that every command has something to say.
fn repo() -> Repo {
    let r = Repo::new();
    let mut m = example("saas-trial.ron");
    r.write_map("maps/a.ron", &m);
    r.commit("First");
    m.stages[0].pain_points.push(cjm::model::PainPoint {
        text: "The trial form asks for a phone number".into(),
        ..Default::default()
    });
    r.write_map("maps/a.ron", &m);
    r.commit("Second");
    r.write_map("maps/b.ron", &example("saas-trial.ron"));
    m.title = "Trial, redesigned".into();
    r.write_map("maps/a.ron", &m);
    r
}

/// Each command's arguments, without `-o`.
const COMMANDS: [&[&str]; 7] = [
    &["compare", "maps/b.ron", "maps/a.ron", "--format", "svg"],
    &["compare", "maps/b.ron", "maps/a.ron"],
    &["diff", "maps/b.ron", "maps/a.ron", "--format", "markdown"],
    &["diff", "--git", "HEAD"],
    &["history", "maps/a.ron", "--format", "csv"],
    &["report", "maps", "--format", "html"],
    &["schema"],
];

fn with_out<'a>(args: &[&'a str], out: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut v = args.to_vec();
    v.extend(["-o", out]);
    v.extend(extra);
    v
}

#[test]
fn each_command_writes_what_it_prints_and_keeps_stdout_without_o() {
    let r = repo();
    for args in COMMANDS {
        let printed = r.cjm(args);
        let code = printed.status.code();
        assert!(
            matches!(code, Some(0 | 1)),
            "{args:?}: {}",
            stderr(&printed)
        );
        assert!(!printed.stdout.is_empty(), "{args:?}");

        let written = r.cjm(&with_out(args, "out.doc", &[]));
        assert_eq!(
            written.status.code(),
            code,
            "{args:?}: {}",
            stderr(&written)
        );
        assert!(written.stdout.is_empty(), "{args:?} printed with -o");
        assert_eq!(
            fs::read(r.path("out.doc")).unwrap(),
            printed.stdout,
            "{args:?}"
        );

        // `-o -` is standard output, as with export.
        let dash = r.cjm(&with_out(args, "-", &[]));
        assert_eq!(dash.stdout, printed.stdout, "{args:?}");
        fs::remove_file(r.path("out.doc")).unwrap();
    }
}

#[test]
fn each_command_keeps_an_existing_file_without_force() {
    let r = repo();
    for args in COMMANDS {
        fs::write(r.path("mine.txt"), "mine").unwrap();
        let refused = r.cjm(&with_out(args, "mine.txt", &[]));
        assert_eq!(refused.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&refused).contains("mine.txt already exists; nothing written (use --force"),
            "{args:?}: {}",
            stderr(&refused)
        );
        assert!(refused.stdout.is_empty(), "{args:?}");
        assert_eq!(fs::read_to_string(r.path("mine.txt")).unwrap(), "mine");

        let forced = r.cjm(&with_out(args, "mine.txt", &["--force"]));
        assert!(
            matches!(forced.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            stderr(&forced)
        );
        assert_ne!(
            fs::read_to_string(r.path("mine.txt")).unwrap(),
            "mine",
            "{args:?}"
        );
    }
    // Atomic saves leave no temporary file behind.
    let left: Vec<_> = fs::read_dir(r.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn each_command_refuses_a_folder_and_a_fifo_even_with_force() {
    let r = repo();
    fs::create_dir(r.path("folder")).unwrap();
    let fifo = r.path("pipe");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    for args in COMMANDS {
        for target in ["folder", "pipe"] {
            let mut c = common::cjm();
            c.args(with_out(args, target, &["--force"]));
            r.env(&mut c);
            // A FIFO must be refused without being opened: a deadline, not a hang.
            let o = common::bin::output_within(&mut c, std::time::Duration::from_secs(20))
                .unwrap_or_else(|| panic!("{args:?} -o {target} hung"));
            assert_eq!(o.status.code(), Some(2), "{args:?} -o {target}");
            assert!(
                String::from_utf8_lossy(&o.stderr).contains("not a regular file"),
                "{args:?} -o {target}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            assert!(o.stdout.is_empty());
        }
        assert!(r.path("folder").is_dir());
        assert!(fs::read_dir(r.path("folder")).unwrap().next().is_none());
        assert!(is_fifo(&fifo));
    }
}

fn is_fifo(p: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    fs::symlink_metadata(p).unwrap().file_type().is_fifo()
}

#[test]
fn compare_svg_to_a_file_is_no_longer_an_unexpected_argument() {
    let r = repo();
    let o = r.cjm(&[
        "compare",
        "maps/b.ron",
        "maps/a.ron",
        "--format",
        "svg",
        "-o",
        "x.svg",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    let svg = fs::read_to_string(r.path("x.svg")).unwrap();
    assert!(svg.starts_with("<?xml") && svg.contains("<svg"));
}

#[test]
fn git_external_diff_does_not_take_o() {
    let r = repo();
    let o = r.cjm(&[
        "diff",
        "maps/a.ron",
        "maps/a.ron",
        "0",
        "100644",
        "maps/b.ron",
        "0",
        "100644",
        "-o",
        "x.txt",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("-o is for `cjm diff OLD NEW`"),
        "{}",
        stderr(&o)
    );
    assert!(!r.path("x.txt").exists());
}
