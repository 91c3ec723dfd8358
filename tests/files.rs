//! What cjm does to the files around a map: saves keep owner and group and clean
//! up after a killed save; `-o`/`--force` replace nothing but regular files;
//! inputs are bounded and devices refused at once.
#![cfg(unix)]

mod common;

use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

const GOLDEN: &str = include_str!("data/design-example.ron");

fn is_root() -> bool {
    // The owner of a file we just made is who we are.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("me");
    fs::write(&p, "").unwrap();
    fs::metadata(&p).unwrap().uid() == 0
}

/// Runs cjm with a deadline: a command that hangs or reads forever fails the test
/// instead of hanging it.
/// Runs `cjm` and fails the test if it is still running after `deadline`: a
/// guard against hanging, not a measure of speed (that is the benches' job).
fn run_within(args: &[&str], stdin: Stdio, deadline: Duration) -> Output {
    let start = Instant::now();
    let mut child = common::cjm()
        .args(args)
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > deadline {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "cjm {args:?} still running after {deadline:?}; stderr: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().unwrap()
}

fn run(args: &[&str]) -> Output {
    run_within(args, Stdio::null(), Duration::from_secs(30))
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The golden map with a blank line added: valid, but not canonical, so `fmt`
/// rewrites it.
fn unformatted() -> String {
    GOLDEN.replacen("(\n", "(\n\n", 1)
}

// ------------------------------------------------------------------ saves

#[test]
fn fmt_keeps_the_owner_and_group_of_a_file_it_rewrites() {
    if !is_root() {
        eprintln!("skipped: only root can give a file to another user");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("theirs.ron");
    fs::write(&p, unformatted()).unwrap();
    std::os::unix::fs::chown(&p, Some(4321), Some(8765)).unwrap();
    fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
    let o = run(&["fmt", s(&p)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&p).unwrap(), GOLDEN, "rewritten");
    let m = fs::metadata(&p).unwrap();
    assert_eq!((m.uid(), m.gid()), (4321, 8765), "owner and group kept");
    assert_eq!(m.permissions().mode() & 0o7777, 0o640);
}

/// A process id that is no longer running: a child that has exited.
fn dead_pid() -> u32 {
    let mut c = Command::new("true").spawn().unwrap();
    let pid = c.id();
    c.wait().unwrap();
    pid
}

fn set_age(p: &Path, age: Duration) {
    let f = fs::File::options().write(true).open(p).unwrap();
    f.set_modified(SystemTime::now() - age).unwrap();
}

#[test]
fn a_save_removes_the_temporary_file_a_killed_save_left_but_not_a_running_one() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("m.ron");
    fs::write(&p, unformatted()).unwrap();
    let t = |name: &str| dir.path().join(name);
    // What `kill -9` during a save leaves: the temporary file, named with the
    // pid of a process that is gone.
    let killed = t(&format!(".m.ron.cjm-{}-Xy12Zq.tmp", dead_pid()));
    // A save in progress in a live process (this test's).
    let running = t(&format!(".m.ron.cjm-{}-Ab34Cd.tmp", std::process::id()));
    // Left by an older cjm (no pid in the name): removed once it is old.
    let old_style = t(".m.ron.k3J9aQ.tmp");
    let recent_old_style = t(".m.ron.P0o9Iu.tmp");
    // Another map's temporary file is never touched.
    let other_map = t(&format!(".other.ron.cjm-{}-Zz99Yy.tmp", dead_pid()));
    for f in [&killed, &running, &old_style, &recent_old_style, &other_map] {
        fs::write(f, "half a map").unwrap();
    }
    set_age(&old_style, Duration::from_secs(2 * 3600));

    let o = run(&["fmt", s(&p)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&p).unwrap(), GOLDEN);
    assert!(!killed.exists(), "the killed save's leftover is removed");
    assert!(!old_style.exists(), "an old leftover is removed");
    assert!(running.exists(), "a running save's file is left alone");
    assert!(
        recent_old_style.exists(),
        "a recent file of unknown writer is left alone"
    );
    assert!(other_map.exists(), "another map's file is left alone");
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 4, "{names:?}");
}

// ------------------------------------------------------------------ -o and --force

/// Things that are not regular files, made in `dir`: a folder, a FIFO, a socket,
/// and a device node: as root one made in `dir` (the same device as /dev/null),
/// otherwise /dev/null itself, which anyone may open (a write that got through
/// would succeed there, so the refusal is still seen).
fn specials(dir: &Path) -> Vec<(PathBuf, &'static str)> {
    let mut out = Vec::new();
    let folder = dir.join("folder");
    fs::create_dir(&folder).unwrap();
    out.push((folder, "folder"));
    let fifo = dir.join("fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    out.push((fifo, "fifo"));
    let socket = dir.join("socket");
    let listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    std::mem::forget(listener);
    out.push((socket, "socket"));
    if is_root() {
        let dev = dir.join("null");
        let ok = Command::new("mknod")
            .arg(&dev)
            .args(["c", "1", "3"])
            .status()
            .unwrap();
        assert!(ok.success());
        out.push((dev, "device"));
    } else {
        out.push((PathBuf::from("/dev/null"), "device"));
    }
    out
}

fn kind(p: &Path) -> &'static str {
    let t = fs::symlink_metadata(p).unwrap().file_type();
    if t.is_dir() {
        "folder"
    } else if t.is_fifo() {
        "fifo"
    } else if t.is_socket() {
        "socket"
    } else if t.is_char_device() {
        "device"
    } else if t.is_symlink() {
        "symlink"
    } else {
        "file"
    }
}

#[test]
fn force_never_replaces_a_device_fifo_socket_or_folder() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("m.ron");
    fs::write(&map, GOLDEN).unwrap();
    let csv = dir.path().join("m.csv");
    fs::write(&csv, run(&["export", s(&map), "--format", "csv"]).stdout).unwrap();
    for (target, what) in specials(dir.path()) {
        let link = dir.path().join(format!("link-to-{what}"));
        std::os::unix::fs::symlink(&target, &link).unwrap();
        for out in [&target, &link] {
            let o = s(out);
            for args in [
                vec!["export", s(&map), "--format", "html", "-o", o, "--force"],
                vec!["import", s(&csv), "--from", "csv", "-o", o, "--force"],
                vec!["new", o, "--force"],
            ] {
                let r = run(&args);
                assert_eq!(code(&r), 2, "{args:?}: {}", stderr(&r));
                let err = stderr(&r);
                assert!(
                    err.starts_with("cjm: ") && err.contains("not a regular file"),
                    "{args:?}: {err}"
                );
                assert_eq!(kind(&target), what, "{args:?} replaced the {what}");
            }
        }
        assert_eq!(kind(&link), "symlink");
    }
    if let Ok(entries) = fs::read_dir(dir.path().join("folder")) {
        assert_eq!(entries.count(), 0, "nothing written into the folder");
    }
}

#[test]
fn force_writes_through_a_symlink_to_a_regular_file() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("m.ron");
    fs::write(&map, GOLDEN).unwrap();
    let real = dir.path().join("real.json");
    fs::write(&real, "old").unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let o = run(&[
        "export",
        s(&map),
        "--format",
        "json",
        "-o",
        s(&link),
        "--force",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(kind(&link), "symlink");
    assert!(fs::read_to_string(&real).unwrap().starts_with("{\n"));
}

#[test]
fn output_dash_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("m.ron");
    fs::write(&map, GOLDEN).unwrap();
    let o = common::cjm()
        .current_dir(dir.path())
        .args(["export", "m.ron", "--format", "json", "-o", "-"])
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["title"], "Buying a first espresso machine");
    assert!(!dir.path().join("-").exists(), "no file named `-`");
    let csv = common::cjm()
        .current_dir(dir.path())
        .args(["export", "m.ron", "--format", "csv", "-o", "m.csv"])
        .output()
        .unwrap();
    assert_eq!(code(&csv), 0);
    let o = common::cjm()
        .current_dir(dir.path())
        .args(["import", "m.csv", "--from", "csv", "-o", "-"])
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(String::from_utf8(o.stdout).unwrap(), GOLDEN);
    assert!(!dir.path().join("-").exists());
}

// ------------------------------------------------------------------ size limit

#[test]
fn check_dev_zero_is_refused_at_once() {
    let o = run_within(
        &["check", "/dev/zero"],
        Stdio::null(),
        Duration::from_secs(20),
    );
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("/dev/zero: is a device"),
        "{}",
        stderr(&o)
    );
    // Given as standard input, and to the editor, too.
    let o = run_within(
        &["fmt", "-"],
        Stdio::from(fs::File::open("/dev/zero").unwrap()),
        Duration::from_secs(20),
    );
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let o = run_within(&["/dev/zero"], Stdio::null(), Duration::from_secs(20));
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("is a device"), "{}", stderr(&o));
}

#[test]
fn a_file_over_the_size_limit_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.ron");
    // Sparse: 300 MB on paper, nothing on disk.
    fs::File::create(&big)
        .unwrap()
        .set_len(300 * 1024 * 1024)
        .unwrap();
    for args in [
        vec!["check", s(&big)],
        vec!["fmt", s(&big)],
        vec!["show", s(&big)],
        vec!["export", s(&big), "--format", "json"],
        vec![s(&big)],
    ] {
        let o = run_within(&args, Stdio::null(), Duration::from_secs(20));
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("larger than 256 MB"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    assert_eq!(fs::metadata(&big).unwrap().len(), 300 * 1024 * 1024);
}

#[test]
fn pipes_and_dev_stdin_are_still_read() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("m.ron");
    fs::write(&map, unformatted()).unwrap();
    for args in [
        vec!["fmt", "-"],
        vec!["export", "-", "--format", "json"],
        vec!["export", "/dev/stdin", "--format", "json"],
        vec!["check", "/dev/stdin"],
    ] {
        let mut cat = Command::new("cat")
            .arg(&map)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let pipe = Stdio::from(cat.stdout.take().unwrap());
        let o = run_within(&args, pipe, Duration::from_secs(20));
        cat.wait().unwrap();
        assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
        assert!(!o.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn new_refuses_a_dangling_symlink_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("m.ron");
    let target = dir.path().join("elsewhere").join("gone.ron");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let r = run(&["new", s(&link)]);
    assert_eq!(code(&r), 2, "{}", stderr(&r));
    assert!(
        stderr(&r).contains("already exists (a symlink to a file that does not exist)"),
        "{}",
        stderr(&r)
    );
    assert_eq!(kind(&link), "symlink", "the link is left as it was");
    assert_eq!(fs::read_link(&link).unwrap(), target);
    assert!(!target.exists());
}
