//! Inputs that used to hang a command or eat the machine's memory: named pipes
//! where a map should be, git sides that are folders, files made of millions
//! of tiny values. Every command runs with a deadline, so a hang fails the test
//! instead of blocking CI.
#![cfg(unix)]

mod common;

mod gitrepo;

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use gitrepo::{Repo, example};

const GOLDEN: &str = include_str!("data/design-example.ron");

/// Long enough for a debug build on a loaded machine; a hang lasts for ever.
const DEADLINE: Duration = Duration::from_secs(20);

/// Runs `cmd` and waits at most `DEADLINE`; one still running then is killed
/// by its PID and fails the test.
fn within(mut cmd: Command, what: &str) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "{what} still running after {DEADLINE:?} (a hang); stderr: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn cjm(args: &[&str]) -> Output {
    let mut c = common::cjm();
    c.args(args);
    within(c, &format!("cjm {args:?}"))
}

fn in_repo(repo: &Repo, args: &[&str]) -> Output {
    let mut c = common::cjm();
    c.args(args);
    repo.env(&mut c);
    within(c, &format!("cjm {args:?}"))
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn mkfifo(p: &Path) {
    let ok = Command::new("mkfifo").arg(p).status().unwrap();
    assert!(ok.success());
}

#[test]
fn a_named_pipe_given_as_a_map_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("m.ron");
    mkfifo(&fifo);
    let map = dir.path().join("real.ron");
    fs::write(&map, GOLDEN).unwrap();
    let f = fifo.to_str().unwrap();
    let m = map.to_str().unwrap();
    for args in [
        vec!["check", f],
        vec!["show", f],
        vec!["fmt", f],
        vec!["export", f, "--format", "json"],
        vec!["diff", m, f],
        vec!["compare", f, m],
        vec![f],
    ] {
        let o = cjm(&args);
        assert_eq!(code(&o), 2, "{args:?}: {}", err(&o));
        assert!(
            err(&o).contains("is a FIFO (named pipe), not a regular file"),
            "{args:?}: {}",
            err(&o)
        );
    }
    // Still a FIFO: nothing was written in its place.
    use std::os::unix::fs::FileTypeExt;
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn diff_git_says_a_map_replaced_by_a_named_pipe_cannot_be_read_and_goes_on() {
    let repo = Repo::new();
    repo.write_map("maps/a.ron", &example("espresso.ron"));
    repo.write_map("maps/b.ron", &example("hospital-visit.ron"));
    repo.commit("two maps");
    // b changes for real; a is replaced by a FIFO in the work tree.
    let mut b = example("hospital-visit.ron");
    b.title = "Hospital visit, revised".into();
    repo.write_map("maps/b.ron", &b);
    fs::remove_file(repo.path("maps/a.ron")).unwrap();
    mkfifo(&repo.path("maps/a.ron"));
    let o = in_repo(&repo, &["diff", "--git", "HEAD"]);
    let all = out(&o) + &err(&o);
    assert!(all.contains("not a regular file"), "{all}");
    assert!(
        all.contains("Hospital visit, revised"),
        "b is still reviewed: {all}"
    );
}

#[test]
fn a_git_folder_given_as_a_side_is_called_a_folder() {
    let repo = Repo::new();
    repo.write_map("maps/a.ron", &example("espresso.ron"));
    repo.commit("a map");
    for args in [
        vec!["compare", "HEAD:maps", "maps/a.ron"],
        vec!["diff", "HEAD:maps", "maps/a.ron"],
    ] {
        let o = in_repo(&repo, &args);
        assert_eq!(code(&o), 2, "{args:?}: {}", err(&o));
        let e = err(&o);
        assert!(
            e.contains("HEAD:maps") && e.contains("is a folder"),
            "{args:?}: {e}"
        );
        assert!(!e.contains("UTF-8"), "{args:?}: {e}");
    }
}

/// A 20 MB file of `0,` tokens used to take 571 MB while being read (a tree
/// node for every two bytes). Under an address-space limit of 350 MB it is now
/// refused with a clear message, where it used to abort.
#[cfg(target_os = "linux")]
#[test]
fn a_file_of_tiny_values_is_refused_within_a_few_times_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("zeros.ron");
    let mut text = String::from("JourneyMap(format: 1, title: [");
    text.push_str(&"0,".repeat(10_000_000));
    text.push_str("0])");
    fs::write(&p, &text).unwrap();
    drop(text);
    let mut c = Command::new("sh");
    c.arg("-c")
        .arg("ulimit -v 350000 && exec \"$0\" check \"$1\"")
        .arg(common::bin::BIN)
        .arg(&p);
    let o = within(c, "cjm check zeros.ron");
    assert_eq!(code(&o), 1, "{}", err(&o));
    assert!(
        out(&o).contains("too many values for a file of this size"),
        "{}{}",
        out(&o),
        err(&o)
    );
    // Real maps are nowhere near the limit, written out or on one line.
    let espresso = fs::read_to_string(gitrepo::root().join("maps/espresso.ron")).unwrap();
    let one_line: String = espresso.lines().map(str::trim).collect();
    assert!(cjm::format::load_str(&one_line).is_ok());
}
