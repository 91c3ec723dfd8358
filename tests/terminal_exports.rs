//! Exports printed to a terminal cannot drive it: the real binary in a
//! pseudo-terminal, with a map whose text holds ESC, BEL, CR, DEL, C1 and bidi
//! characters. A pipe still gets the exact bytes.
#![cfg(unix)]

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// Retitles the terminal, rings the bell, moves the cursor home, a C1 CSI that
/// turns text red, a C1 NEL, DEL, and a right-to-left override.
const HOSTILE: &str = "Tea\u{1b}]0;pwned\u{7}\rtime\u{9b}31m\u{85}x\u{7f}y\u{202e}gnp.exe";

fn hostile_map(dir: &Path) -> PathBuf {
    let mut map = cjm::model::JourneyMap::new(HOSTILE, HOSTILE);
    map.summary = format!("summary {HOSTILE}");
    let p = dir.join("hostile.ron");
    std::fs::write(&p, cjm::format::write(&map)).unwrap();
    p
}

/// Runs cjm in a pseudo-terminal (stdout and stderr both the terminal) and
/// returns everything it wrote, once it has exited on its own.
fn in_terminal(dir: &Path, args: &[&str]) -> (u32, String) {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(common::bin::BIN);
    cmd.args(args);
    cmd.cwd(dir);
    cmd.env("TERM", "xterm-256color");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            all.extend_from_slice(&buf[..n]);
        }
        let _ = tx.send(all);
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("cjm {args:?} did not exit");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    drop(pair.master);
    let out = rx.recv_timeout(Duration::from_secs(10)).unwrap();
    (status.exit_code(), String::from_utf8(out).unwrap())
}

/// What the terminal would act on: ESC, BEL, a CR that is not part of a line end
/// (the terminal driver turns "\n" into "\r\n"), DEL, C1 and bidi characters.
fn drivers(out: &str) -> Vec<char> {
    let lines = out.replace("\r\r\n", "\n").replace("\r\n", "\n");
    lines
        .chars()
        .filter(|&c| c != '\n' && (c.is_control() || cjm::text::is_bidi(c)))
        .collect()
}

#[test]
fn csv_export_to_a_terminal_shows_escapes_and_says_how_to_get_the_bytes() {
    let dir = tempfile::tempdir().unwrap();
    hostile_map(dir.path());
    let (code, out) = in_terminal(dir.path(), &["export", "hostile.ron", "--format", "csv"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(drivers(&out), Vec::<char>::new(), "{out:?}");
    assert!(
        out.contains(r"Tea\u{1b}]0;pwned\u{7}\rtime\u{9b}31m\u{85}x\u{7f}y\u{202e}gnp.exe"),
        "{out}"
    );
    assert!(
        out.contains("`-o FILE` or a pipe gives the exact bytes"),
        "{out}"
    );
}

#[test]
fn csv_export_through_a_pipe_or_to_a_file_is_exact() {
    let dir = tempfile::tempdir().unwrap();
    let map = hostile_map(dir.path());
    let o = common::cjm()
        .args(["export", map.to_str().unwrap(), "--format", "csv"])
        .output()
        .unwrap();
    assert!(o.status.success());
    let csv = String::from_utf8(o.stdout).unwrap();
    assert!(csv.contains(HOSTILE), "{csv:?}");
    assert_eq!(
        String::from_utf8(o.stderr).unwrap(),
        "",
        "no note for a pipe"
    );
    let (code, _) = in_terminal(
        dir.path(),
        &["export", "hostile.ron", "--format", "csv", "-o", "out.csv"],
    );
    assert_eq!(code, 0);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out.csv")).unwrap(),
        csv
    );
}

#[test]
fn json_export_escapes_them_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let map = hostile_map(dir.path());
    let (code, out) = in_terminal(dir.path(), &["export", "hostile.ron", "--format", "json"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(drivers(&out), Vec::<char>::new(), "{out:?}");
    let escaped = r#""Tea\u001b]0;pwned\u0007\rtime\u009b31m\u0085x\u007fy\u202egnp.exe""#;
    assert!(out.contains(escaped), "{out}");
    // Piped: the same escapes, and the same data for a JSON reader.
    let o = common::cjm()
        .args(["export", map.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let json = String::from_utf8(o.stdout).unwrap();
    assert!(json.contains(escaped), "{json}");
    assert_eq!(drivers(&json), Vec::<char>::new());
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["title"], HOSTILE);
    assert_eq!(v["persona"]["name"], HOSTILE);
}

#[test]
fn a_workbook_is_not_written_to_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    hostile_map(dir.path());
    let (code, out) = in_terminal(dir.path(), &["export", "hostile.ron", "--format", "xlsx"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("--format xlsx is a binary file; write it with -o FILE (or pipe it)"),
        "{out}"
    );
    assert!(
        !out.contains("PK"),
        "workbook bytes on the terminal: {out:?}"
    );
    let (code, _) = in_terminal(
        dir.path(),
        &["export", "hostile.ron", "--format", "xlsx", "-o", "m.xlsx"],
    );
    assert_eq!(code, 0);
    assert!(
        std::fs::read(dir.path().join("m.xlsx"))
            .unwrap()
            .starts_with(b"PK")
    );
}
