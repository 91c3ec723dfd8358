//! End to end: the real binary in a pseudo-terminal, keys typed as a person would,
//! the screen read back through a terminal emulator, and the saved file checked.
#![cfg(unix)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const GOLDEN: &str = include_str!("data/design-example.ron");
const ESPRESSO: &str = include_str!("../maps/espresso.ron");

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// Autosave every second instead of every five, for tests that wait for it.
    fn with_fast_autosave() -> Env {
        let env = Env::new();
        let config = env.dir.path().join("config");
        std::fs::create_dir_all(&config).unwrap();
        std::fs::write(config.join("settings.ron"), "(autosave_seconds: 1)").unwrap();
        env
    }

    fn file(&self, name: &str, text: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn recovery_files(&self) -> Vec<PathBuf> {
        std::fs::read_dir(self.data().join("recovery"))
            .map(|rd| rd.flatten().map(|e| e.path()).collect())
            .unwrap_or_default()
    }

    fn open(&self, file: &Path, extra_env: &[(&str, &str)]) -> Session {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_cjm"));
        cmd.arg(file);
        cmd.cwd(self.dir.path());
        cmd.env("TERM", "xterm-256color");
        cmd.env("CJM_DATA_DIR", self.data());
        cmd.env("CJM_CONFIG_DIR", self.dir.path().join("config"));
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(40, 120, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Session {
            parser,
            raw,
            writer,
            child,
            _master: pair.master,
        }
    }
}

impl Session {
    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, needle: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if self.screen().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!(
            "timed out waiting for {needle:?}; screen:\n{}",
            self.screen()
        );
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(60));
    }

    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.send(&c.to_string());
        }
    }

    /// Adds an action to the first stage and waits until it is on screen.
    fn add_action(&mut self, text: &str) {
        self.send("a");
        self.type_text(text);
        self.send(ENTER);
        self.wait_for(text);
    }

    /// Sends SIGTERM, as a closing terminal or a shutdown would, and returns
    /// the exit code.
    fn terminate(&mut self) -> u32 {
        let pid = self.child.process_id().unwrap();
        let ok = std::process::Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .unwrap();
        assert!(ok.success());
        self.wait_exit()
    }

    fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        let _ = self.child.kill();
        panic!("the editor did not exit; screen:\n{}", self.screen());
    }
}

const ENTER: &str = "\r";
const ESC: &str = "\x1b";
const CTRL_S: &str = "\x13";

#[test]
fn add_a_stage_and_an_item_save_then_undo_back_to_the_original_bytes() {
    let env = Env::new();
    let file = env.file("map.ron", GOLDEN);
    let mut s = env.open(&file, &[]);
    s.wait_for("Buying a first espresso machine");
    s.send("A");
    s.wait_for("New stage name");
    s.type_text("Loyalty");
    s.send(ENTER);
    s.wait_for("2 Loyalty");
    s.send("a");
    s.type_text("Joins the club");
    s.send(ENTER);
    s.wait_for("Joins the club");
    s.send(CTRL_S);
    s.wait_for("Saved map.ron");
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(
        saved.contains("id: \"loyalty\"") && saved.contains("\"Joins the club\""),
        "{saved}"
    );
    s.send("u");
    s.send("u");
    s.wait_for("[+]");
    s.send(CTRL_S);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), GOLDEN);
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(env.recovery_files().is_empty());
}

#[test]
fn the_quit_prompt() {
    let env = Env::new();
    let file = env.file("map.ron", GOLDEN);
    let mut s = env.open(&file, &[]);
    s.wait_for("Awareness");
    s.send("d");
    s.send("q");
    s.wait_for("Save before quitting?");
    s.send(ESC);
    std::thread::sleep(Duration::from_millis(200));
    assert!(!s.screen().contains("Save before quitting?"));
    s.send("q");
    s.wait_for("Save before quitting?");
    s.send("n");
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        GOLDEN,
        "n quits without saving"
    );

    let mut s = env.open(&file, &[]);
    s.wait_for("Awareness");
    s.send("d");
    s.send("q");
    s.wait_for("Save before quitting?");
    s.send("y");
    assert_eq!(s.wait_exit(), 0);
    assert!(
        !std::fs::read_to_string(&file)
            .unwrap()
            .contains("Watches a latte-art reel")
    );
}

#[test]
fn sigterm_leaves_a_recovery_file_that_the_next_start_offers() {
    let env = Env::new();
    let file = env.file("map.ron", GOLDEN);
    let mut s = env.open(&file, &[]);
    s.wait_for("Awareness");
    s.add_action("Unsaved workshop idea");
    assert_eq!(s.terminate(), 128 + 15);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        GOLDEN,
        "the user's file is never the target"
    );
    let rec = env.recovery_files();
    assert_eq!(rec.len(), 1);
    assert!(
        std::fs::read_to_string(&rec[0])
            .unwrap()
            .contains("Unsaved workshop idea")
    );

    let mut s = env.open(&file, &[]);
    s.wait_for("Unsaved work found");
    s.send("y");
    s.wait_for("Unsaved workshop idea");
    s.send(CTRL_S);
    s.wait_for("Saved");
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("Unsaved workshop idea")
    );
    assert!(
        env.recovery_files().is_empty(),
        "a save clears the recovery file"
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn autosave_writes_the_recovery_file_while_editing() {
    let env = Env::with_fast_autosave();
    let file = env.file("map.ron", GOLDEN);
    let mut s = env.open(&file, &[]);
    s.wait_for("Awareness");
    s.send("d");
    let start = Instant::now();
    while env.recovery_files().is_empty() && start.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(env.recovery_files().len(), 1);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), GOLDEN);
    s.send("q");
    s.send("n");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn escape_sequences_in_a_map_cannot_drive_the_terminal() {
    let env = Env::new();
    let hostile = GOLDEN
        .replace(
            "Buying a first espresso machine",
            "\\u{1b}]0;pwned-title\\u{7}Title",
        )
        .replace("Watches a latte-art reel", "\\u{1b}[2J\\u{1b}[31mCleared");
    let file = env.file("map.ron", &hostile);
    let mut s = env.open(&file, &[]);
    s.wait_for("\\u{1b}]0;pwned-title\\u{7}Title");
    s.wait_for("\\u{1b}[2J");
    let raw = s.raw.lock().unwrap().clone();
    let has = |needle: &[u8]| raw.windows(needle.len()).any(|w| w == needle);
    assert!(
        !has(b"\x1b]0;pwned-title"),
        "the title escape reached the terminal"
    );
    assert!(
        !has(b"\x1b[2J\x1b[31mCleared"),
        "the clear-screen escape reached the terminal"
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn external_editor_round_trip_and_a_bad_edit() {
    let env = Env::new();
    let file = env.file("map.ron", GOLDEN);
    let good = env.file(
        "good-editor.sh",
        "#!/bin/sh\nsed -i 's/Buying a first espresso machine/Edited outside/' \"$1\"\n",
    );
    let bad = env.file(
        "bad-editor.sh",
        "#!/bin/sh\nsed -i 's/score: 4/score: 11/' \"$1\"\n",
    );
    for f in [&good, &bad] {
        std::process::Command::new("chmod")
            .arg("+x")
            .arg(f)
            .status()
            .unwrap();
    }
    let mut s = env.open(&file, &[("VISUAL", good.to_str().unwrap())]);
    s.wait_for("Buying a first espresso machine");
    s.send("E");
    s.wait_for("Edited outside");
    s.send("u");
    s.wait_for("Buying a first espresso machine");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    let mut s = env.open(&file, &[("VISUAL", bad.to_str().unwrap())]);
    s.wait_for("Awareness");
    s.send("E");
    s.wait_for("The edited map does not load");
    s.wait_for("score 11 is outside");
    s.send("d");
    s.wait_for("External edit discarded");
    s.send("q");
    assert_eq!(s.wait_exit(), 0, "nothing changed, so no prompt");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), GOLDEN);
}

#[test]
fn a_tiny_terminal_shows_a_message_and_resizing_redraws() {
    let env = Env::new();
    let file = env.file("map.ron", ESPRESSO);
    let mut s = env.open(&file, &[]);
    s.wait_for("Awareness");
    s._master
        .resize(PtySize {
            rows: 6,
            cols: 20,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    s.parser.lock().unwrap().screen_mut().set_size(6, 20);
    s.wait_for("Terminal too small");
    s._master
        .resize(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    s.parser.lock().unwrap().screen_mut().set_size(40, 120);
    s.wait_for("Awareness");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_new_file_is_offered_the_templates_and_created_on_save() {
    let env = Env::new();
    let file = env.dir.path().join("workshop.ron");
    let mut s = env.open(&file, &[]);
    s.wait_for("pick a framework");
    s.send("j");
    s.send("j");
    s.send(ENTER);
    s.wait_for("Aware");
    assert!(!file.exists());
    s.send(CTRL_S);
    s.wait_for("Saved workshop.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("framework: \"value-journey\""));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn recovery_kept_for_later_is_never_overwritten_and_an_older_one_is_still_offered() {
    let env = Env::with_fast_autosave();
    let file = env.file("map.ron", GOLDEN);
    let mut s = env.open(&file, &[]);
    s.wait_for("Awareness");
    s.add_action("Crashed idea");
    s.terminate();

    // A `git pull` after the crash makes the map newer than the recovery file:
    // the work is offered all the same, and said to be older.
    std::thread::sleep(Duration::from_millis(1100));
    std::fs::write(&file, GOLDEN).unwrap();
    let mut s = env.open(&file, &[]);
    s.wait_for("older than the map file");
    // While the offer is open, autosave does not touch the recovery file.
    std::thread::sleep(Duration::from_millis(1500));
    let rec = env.recovery_files();
    assert_eq!(rec.len(), 1);
    assert!(
        std::fs::read_to_string(&rec[0])
            .unwrap()
            .contains("Crashed idea")
    );
    // Esc keeps it aside; this session's own autosaves go elsewhere.
    s.send(ESC);
    s.wait_for("Recovery file kept as");
    s.add_action("Second session");
    std::thread::sleep(Duration::from_millis(1500));
    let files = env.recovery_files();
    let kept: Vec<_> = files
        .iter()
        .filter(|p| p.to_string_lossy().contains("-kept-"))
        .collect();
    assert_eq!(kept.len(), 1, "{files:?}");
    assert!(
        std::fs::read_to_string(kept[0])
            .unwrap()
            .contains("Crashed idea")
    );
    assert_eq!(files.len(), 2, "this session autosaved beside it");
    // Undo to the saved state, quit: only this session's own file goes away.
    s.send("u");
    std::thread::sleep(Duration::from_millis(1500));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let files = env.recovery_files();
    assert_eq!(files.len(), 1);
    assert!(files[0].to_string_lossy().contains("-kept-"));
}
