//! End to end: the real binary in a pseudo-terminal, keys typed as a person would,
//! the screen read back through a terminal emulator, and the saved file checked.
#![cfg(unix)]

mod common;

use portable_pty::PtySize;
use std::time::Duration;

use common::pty::*;

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
    wait_until("the file is back to its original bytes", || {
        std::fs::read_to_string(&file).unwrap() == GOLDEN
    });
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
    s.wait_gone("Save before quitting?");
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
    wait_until("autosave writes a recovery file", || {
        !env.recovery_files().is_empty()
    });
    assert_eq!(env.recovery_files().len(), 1);
    assert!(
        !env.recovered_has("Watches a latte-art reel"),
        "the deletion is in it"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), GOLDEN);
    // A private map's unsaved text is readable by its owner only.
    assert_eq!(mode(&env.recovery_files()[0]), 0o600);
    assert_eq!(mode(&env.data().join("recovery")), 0o700);
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
    s.master
        .as_ref()
        .unwrap()
        .resize(PtySize {
            rows: 6,
            cols: 20,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    s.parser.lock().unwrap().screen_mut().set_size(6, 20);
    s.wait_for("Terminal too small");
    s.master
        .as_ref()
        .unwrap()
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
fn closing_the_terminal_writes_the_recovery_file_and_exits_within_a_second() {
    let env = Env::new();
    let file = env.file("map.ron", GOLDEN);
    let mut s = env.open(&file, &[]);
    s.wait_for("Awareness");
    s.add_action("Typed before the window closed");
    // The window closes (or tmux is killed): the master side of the terminal
    // goes away for good.
    s.close_terminal();
    assert_eq!(s.wait_exit_within(EXIT_AFTER_HANGUP), 128 + 1);
    assert!(
        env.recovered_has("Typed before the window closed"),
        "{:?}",
        env.recovered()
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), GOLDEN);
}

#[test]
fn a_dropped_session_writes_the_recovery_file_and_exits_within_a_second() {
    let env = Env::new();
    let file = env.file("map.ron", GOLDEN);
    let mut s = env.open(&file, &[]);
    s.wait_for("Awareness");
    s.add_action("Typed before the connection dropped");
    // As a dropped SSH connection: SIGHUP to the session, terminal gone.
    s.hang_up();
    assert_eq!(s.wait_exit_within(EXIT_AFTER_HANGUP), 128 + 1);
    assert!(
        env.recovered_has("Typed before the connection dropped"),
        "{:?}",
        env.recovered()
    );
}

#[test]
fn two_editors_on_one_map_each_keep_their_own_work() {
    let env = Env::with_fast_autosave();
    let file = env.file("map.ron", GOLDEN);
    let mut first = env.open(&file, &[]);
    let mut second = env.open(&file, &[]);
    first.wait_for("Awareness");
    second.wait_for("Awareness");
    first.add_action("Idea from the first editor");
    second.add_action("Idea from the second editor");
    wait_until("both editors have autosaved", || {
        env.recovered_has("Idea from the first editor")
            && env.recovered_has("Idea from the second editor")
    });
    assert_eq!(env.recovery_files().len(), 2, "one file each");

    first.hang_up();
    assert_eq!(first.wait_exit_within(EXIT_AFTER_HANGUP), 128 + 1);
    // The survivor goes on and autosaves: the first editor's work stays.
    second.add_action("More from the second editor");
    wait_until("the survivor has autosaved", || {
        env.recovered_has("More from the second editor")
    });
    assert!(
        env.recovered_has("Idea from the first editor"),
        "the survivor destroyed the first editor's work: {:?}",
        env.recovered()
    );
    second.close_terminal();
    assert_eq!(second.wait_exit_within(EXIT_AFTER_HANGUP), 128 + 1);
    assert_eq!(env.recovery_files().len(), 2);

    // Reopening offers both, newest first, each with its time.
    let mut s = env.open(&file, &[]);
    s.wait_for("2 recovery files hold work");
    let screen = s.screen();
    let line = |pid: u32| {
        let tag = format!("editor pid {pid})");
        screen
            .lines()
            .position(|l| l.contains(&tag))
            .unwrap_or_else(|| panic!("{tag} not offered:\n{screen}"))
    };
    assert!(
        line(second.pid) < line(first.pid),
        "newest first:\n{screen}"
    );
    for pid in [first.pid, second.pid] {
        let l = screen.lines().nth(line(pid)).unwrap();
        assert!(l.contains(" UTC, "), "no time in {l:?}");
    }
    // y takes the chosen (newest) one; the other stays for next time.
    s.send("y");
    s.wait_for("More from the second editor");
    assert!(!s.screen().contains("Idea from the first editor"));
    s.send("q");
    s.wait_for("Save before quitting?");
    s.send("n");
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(env.recovery_files().len(), 1);

    let mut s = env.open(&file, &[]);
    s.wait_for("A recovery file holds work");
    s.send("y");
    s.wait_for("Idea from the first editor");
    s.send(CTRL_S);
    s.wait_for("Saved map.ron");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(env.recovery_files().is_empty());
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("Idea from the first editor")
    );
}

#[test]
fn a_rejected_editor_edit_survives_sigterm_and_is_offered_again() {
    let env = Env::new();
    let file = env.file("map.ron", GOLDEN);
    let bad = script(
        &env,
        "bad-editor.sh",
        "sed -i 's/score: 4/score: 11/' \"$1\"",
    );
    let fix = script(
        &env,
        "fix-editor.sh",
        "sed -i 's/score: 11/score: 4/; s/Buying a first espresso machine/Fixed after the crash/' \"$1\"",
    );
    let mut s = env.open(&file, &[("VISUAL", &bad)]);
    s.wait_for("Awareness");
    s.send("E");
    s.wait_for("The edited map does not load");
    assert_eq!(s.terminate(), 128 + 15);
    let kept = env.recovery_files();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(
        std::fs::read_to_string(&kept[0])
            .unwrap()
            .contains("score: 11")
    );
    s.wait_for("does not load was kept in");

    let mut s = env.open(&file, &[("VISUAL", &fix)]);
    s.wait_for("an edit that does not load");
    s.wait_for("emotion score 11");
    s.send("y");
    s.wait_for("Fixed after the crash");
    s.send(CTRL_S);
    s.wait_for("Saved map.ron");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(
        env.recovery_files().is_empty(),
        "{:?}",
        env.recovery_files()
    );
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("Fixed after the crash")
    );
}

#[test]
fn autosave_leaves_the_files_on_offer_alone_while_the_offer_is_open() {
    let env = Env::with_fast_autosave();
    // A map never saved: the editor has unsaved work from its first moment, so
    // autosave has something to write all the time the offer is open.
    let file = env.dir.path().join("workshop.ron");
    let mut s = env.open(&file, &[]);
    s.wait_for("pick a framework");
    s.send(ENTER);
    s.wait_for("Awareness");
    s.add_action("Lost work");
    assert_eq!(s.terminate(), 128 + 15);
    let before = env.recovered();
    assert_eq!(before.len(), 1);

    let mut s = env.open(&file, &[]);
    s.wait_for("Unsaved work found");
    holds_for(
        "the recovery files are as the crash left them",
        Duration::from_secs(3),
        || env.recovered() == before,
    );
    s.send(ESC);
    s.wait_for("pick a framework");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(env.recovered(), before, "kept for next time");
}

#[test]
fn work_kept_for_later_is_offered_again_and_an_older_one_is_said_to_be_older() {
    let env = Env::with_fast_autosave();
    let file = env.file("map.ron", GOLDEN);
    let mut s = env.open(&file, &[]);
    s.wait_for("Awareness");
    s.add_action("Crashed idea");
    assert_eq!(s.terminate(), 128 + 15);
    let crashed = env.recovered();
    assert_eq!(crashed.len(), 1);

    // A `git pull` after the crash makes the map newer than the recovery file:
    // the work is offered all the same, and said to be older. The pull's time
    // is set a second on: the file system's clock may be too coarse to tell
    // the crash and a write right after it apart.
    std::fs::write(&file, GOLDEN).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(1))
        .unwrap();
    let mut s = env.open(&file, &[]);
    s.wait_for("older than the map file");
    s.send(ESC);
    s.wait_for("offered again next time");
    s.add_action("Second session");
    wait_until("this session autosaves beside the kept file", || {
        env.recovery_files().len() == 2
    });
    assert!(env.recovered().contains(&crashed[0]), "kept as it was");
    // Undone to the saved state: this session's own file goes, not the other.
    s.send("u");
    wait_until("this session's own file is removed", || {
        env.recovery_files().len() == 1
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(env.recovered(), crashed);

    let mut s = env.open(&file, &[]);
    s.wait_for("older than the map file");
    s.send("n");
    s.wait_for("Discarded the recovery file");
    assert!(env.recovery_files().is_empty());
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_rejected_editor_edit_survives_a_dropped_session() {
    let env = Env::new();
    let file = env.file("map.ron", GOLDEN);
    let bad = script(
        &env,
        "bad-editor.sh",
        "sed -i 's/score: 4/score: 11/' \"$1\"",
    );
    let mut s = env.open(&file, &[("VISUAL", &bad)]);
    s.wait_for("Awareness");
    s.add_action("Typed before the edit");
    s.send("E");
    s.wait_for("The edited map does not load");
    s.hang_up();
    assert_eq!(s.wait_exit_within(EXIT_AFTER_HANGUP), 128 + 1);
    let texts = env.recovered();
    assert_eq!(texts.len(), 2, "the map and the edit: {texts:?}");
    assert!(
        texts
            .iter()
            .any(|t| t.contains("score: 11") && t.contains("Typed before the edit"))
    );
    assert!(
        texts
            .iter()
            .any(|t| !t.contains("score: 11") && t.contains("Typed before the edit"))
    );
}

// ------------------------------------------------------------------ long items, hostile $EDITOR, lost work

/// How long one key may take to show on screen with a 1 MB item, in a debug
/// build on a loaded machine: a person typing notices far less. Before, each
/// key took seconds in a release build and minutes in a debug one.
const PER_KEY: Duration = Duration::from_secs(3);

/// The golden map with its first action a pasted megabyte of words.
fn with_a_1mb_action() -> String {
    let words: String = "while comparing three clinics on her phone "
        .chars()
        .cycle()
        .take(1_000_000)
        .collect();
    let mut map = cjm::format::load_str(GOLDEN).unwrap().map;
    map.stages[0].actions[0] = format!("{words}ENDOFPASTE");
    cjm::format::write(&map)
}

/// The CPU time process `pid` has used so far, from /proc (`None` where there
/// is no /proc: the idle checks are then skipped).
fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The fields after the command name, which is in parentheses.
    let after = stat.get(stat.rfind(')')? + 2..)?;
    let f: Vec<&str> = after.split(' ').collect();
    let ticks = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Checks that the editor, left alone for two seconds, uses little CPU.
fn idles(s: &Session, what: &str) {
    let Some(before) = cpu_seconds(s.pid) else {
        return;
    };
    std::thread::sleep(Duration::from_secs(2));
    let busy = cpu_seconds(s.pid).unwrap_or(before) - before;
    assert!(busy < 0.5, "{busy:.2} s of CPU in 2 s of idling {what}");
}

/// Waits for `needle` on screen for at most `limit`.
fn shows_within(s: &Session, needle: &str, limit: Duration) {
    let start = std::time::Instant::now();
    while start.elapsed() < limit {
        if s.screen().contains(needle) {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!(
        "{needle:?} not on screen within {limit:?}; screen:\n{}",
        s.screen()
    );
}

#[test]
fn a_1mb_item_is_drawn_and_edited_at_typing_speed() {
    let env = Env::new();
    let file = env.file("map.ron", &with_a_1mb_action());
    let mut s = env.open(&file, &[]);
    s.wait_for("Awareness");
    // Moving about redraws the long card each time.
    for (key, shown) in [("j", "Thought 1 of 1"), ("k", "Action 1 of 1")] {
        s.send(key);
        shows_within(&s, shown, PER_KEY);
    }
    // Idle, it does next to nothing: before, every redraw wrapped the whole
    // item, five times a second, and kept a core busy.
    idles(&s, "on the grid");
    s.send("e");
    // The edit box opens on the end of the text, where the cursor is.
    shows_within(&s, "ENDOFPASTE", PER_KEY);
    // A burst of typing, as fast as a paste: every key is handled and drawn.
    s.send("Zq9abcdefghijklm");
    shows_within(&s, "ENDOFPASTEZq9abcdefghijklm", PER_KEY);
    s.send("\x7f");
    s.send("!");
    shows_within(&s, "ENDOFPASTEZq9abcdefghijkl!", PER_KEY);
    idles(&s, "in the edit box");
    s.send(ENTER);
    s.send(CTRL_S);
    shows_within(&s, "Saved map.ron", PER_KEY);
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(
        saved.contains("ENDOFPASTEZq9abcdefghijkl!\""),
        "the edit is saved whole"
    );
    assert!(saved.len() > 1_000_000);
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// `$VISUAL` that leaves something other than an edited file behind: the edit
/// is discarded and said so, and the editor goes on taking keys. Before, a FIFO
/// blocked the editor for ever (keys ignored, autosave stopped) and a removed
/// file or a folder ended the whole editor with "No such file or directory".
#[test]
fn an_external_editor_that_leaves_no_file_a_folder_or_a_fifo_discards_the_edit() {
    let env = Env::new();
    let file = env.file("map.ron", GOLDEN);
    for (name, body) in [
        ("removes", "rm -f \"$1\""),
        ("folder", "rm -f \"$1\" && mkdir \"$1\""),
        ("fifo", "rm -f \"$1\" && mkfifo \"$1\""),
    ] {
        let editor = script(&env, &format!("{name}.sh"), body);
        let mut s = env.open(&file, &[("VISUAL", &editor)]);
        s.wait_for("Awareness");
        s.add_action(&format!("Typed before the {name} edit"));
        s.send("E");
        s.wait_for("Edit discarded: the edited file");
        let screen = s.screen();
        match name {
            "removes" => assert!(screen.contains("is gone"), "{screen}"),
            "folder" => assert!(screen.contains("is a folder"), "{screen}"),
            _ => assert!(screen.contains("is a FIFO"), "{screen}"),
        }
        // Still editing, with the work as it was.
        s.add_action("Typed after it");
        assert!(
            s.screen()
                .contains(&format!("Typed before the {name} edit"))
        );
        s.send(CTRL_S);
        s.wait_for("Saved map.ron");
        s.send("q");
        assert_eq!(s.wait_exit(), 0, "{name}");
        let saved = std::fs::read_to_string(&file).unwrap();
        assert!(saved.contains("Typed after it"), "{name}");
    }
}

/// `$VISUAL` that leaves a file past the size limit: read no further than the
/// limit, refused, and not copied into a recovery file.
#[test]
fn an_external_edit_over_the_size_limit_is_discarded_without_being_kept() {
    let env = Env::new();
    let file = env.file("map.ron", GOLDEN);
    // Sparse: 300 MB on paper, nothing on disk.
    let editor = script(&env, "huge.sh", "truncate -s 300M \"$1\"");
    let mut s = env.open(&file, &[("VISUAL", &editor)]);
    s.wait_for("Awareness");
    s.send("E");
    s.wait_for("Edit discarded");
    assert!(s.screen().contains("larger than 256 MB"), "{}", s.screen());
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(
        env.recovery_files().is_empty(),
        "{:?}",
        env.recovery_files()
    );
}

/// With the recovery folder unwritable (here: its parent is a regular file, as
/// a full disk fails the write), a session killed with unsaved work says the
/// work could not be kept on the main screen, after leaving the alternate one
/// (before, the words were printed on the alternate screen and wiped with it);
/// while running, the status line says autosave fails.
#[test]
fn a_recovery_file_that_cannot_be_written_is_said_where_it_stays() {
    let env = Env::with_fast_autosave();
    let file = env.file("map.ron", GOLDEN);
    std::fs::write(env.data(), "a regular file where the data folder goes").unwrap();
    let mut s = env.open(&file, &[]);
    s.wait_for("Awareness");
    s.add_action("Work that cannot be kept");
    s.wait_for("Autosave failed");
    assert_eq!(s.terminate(), 128 + 15);
    let said = "could not write a recovery file";
    wait_until("the warning is printed", || {
        String::from_utf8_lossy(&s.raw.lock().unwrap()).contains(said)
    });
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
    let left_alternate = raw
        .rfind("\x1b[?1049l")
        .expect("the alternate screen is left");
    let warning = raw.rfind(said).unwrap();
    assert!(
        warning > left_alternate,
        "the warning must come after leaving the alternate screen: {:?}",
        &raw[left_alternate.min(warning)..]
    );
    assert!(
        raw[warning..].contains("map.ron are lost"),
        "{:?}",
        &raw[warning..]
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), GOLDEN);
}

/// Work restored from a recovery file is an edit of the map as its session
/// read it: a change saved to the map since (another session, a `git pull`) is
/// asked about on Ctrl-S, not silently overwritten.
#[test]
fn saving_restored_work_asks_before_overwriting_a_change_saved_since() {
    let env = Env::new();
    let file = env.file("map.ron", GOLDEN);
    let mut s = env.open(&file, &[]);
    s.wait_for("Awareness");
    s.add_action("Idea from the session that was killed");
    assert_eq!(s.terminate(), 128 + 15);
    assert_eq!(env.recovery_files().len(), 1);
    // Another session saves a change to the map afterwards (once the clock
    // has moved past the recovery file's time, so the two times differ).
    let written = std::fs::metadata(&env.recovery_files()[0])
        .unwrap()
        .modified()
        .unwrap();
    wait_until("the clock has moved on", || {
        std::time::SystemTime::now() > written
    });
    let theirs = GOLDEN.replace(
        "Buying a first espresso machine",
        "Saved by another session",
    );
    std::fs::write(&file, &theirs).unwrap();

    let mut s = env.open(&file, &[]);
    s.wait_for("Unsaved work found");
    s.send("y");
    s.wait_for("Idea from the session that was killed");
    s.send(CTRL_S);
    s.wait_for("File changed on disk");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        theirs,
        "nothing written before the answer"
    );
    s.send(ESC);
    s.wait_gone("File changed on disk");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), theirs);
    s.send("q");
    s.wait_for("Save before quitting?");
    s.send("n");
    assert_eq!(s.wait_exit(), 0);

    // Restored work whose map file is as its session read it saves at once.
    let mut s = env.open(&file, &[]);
    s.wait_for("Saved by another session");
    s.add_action("Second idea");
    assert_eq!(s.terminate(), 128 + 15);
    let mut s = env.open(&file, &[]);
    s.wait_for("Unsaved work found");
    s.send("y");
    s.wait_for("Second idea");
    s.send(CTRL_S);
    s.wait_for("Saved map.ron");
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("Second idea")
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// Pasted text holding the end-of-paste sequence: the terminal ends the paste
/// there, and the rest arrived as keys that ran as commands (`d` deleted the
/// selected item, Enter ended the edit and the next letters ran). Now the rest
/// is taken as pasted text, and the sequence itself is dropped.
#[test]
fn a_paste_holding_the_end_of_paste_sequence_does_not_run_as_keys() {
    let env = Env::new();
    let file = env.file("map.ron", GOLDEN);
    let mut s = env.open(&file, &[]);
    s.wait_for("Watches a latte-art reel");
    // Outside a text field a paste does nothing, its rest included.
    s.send("\x1b[200~pasted\x1b[201~dd\x1b[201~");
    holds_for(
        "the paste's rest runs no command",
        Duration::from_millis(300),
        || {
            let shown = s.screen();
            shown.contains("Watches a latte-art reel") && !shown.contains("Deleted")
        },
    );
    // In a text field, all of it is text.
    s.send("a");
    s.send("\x1b[200~First half\x1b[201~ second\rhalf\x1b[201~");
    // The paste is taken in once its rest has stopped coming; only then does
    // a key typed by a person follow.
    s.wait_for("First half second half");
    s.send(ENTER);
    s.wait_gone("New action");
    s.send(CTRL_S);
    s.wait_for("Saved map.ron");
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("\"First half second half\""), "{saved}");
    assert!(saved.contains("Watches a latte-art reel"));
    assert!(!saved.contains("201~"));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// A session killed during an autosave leaves its temporary file (as large as
/// the map) in the recovery folder; opening any map there removes the ones
/// over a minute old, and leaves a fresh one (another session's write).
#[test]
fn opening_a_map_removes_temporary_files_a_killed_autosave_left() {
    let env = Env::new();
    let file = env.file("map.ron", GOLDEN);
    let rec = env.data().join("recovery");
    std::fs::create_dir_all(&rec).unwrap();
    let stale = rec.join(".Xy12ab.tmp");
    let fresh = rec.join(".Cd34ef.tmp");
    std::fs::write(&stale, GOLDEN).unwrap();
    std::fs::write(&fresh, GOLDEN).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - Duration::from_secs(3600))
        .unwrap();
    let mut s = env.open(&file, &[]);
    s.wait_for("Awareness");
    wait_until("the stale temporary file is removed", || !stale.exists());
    assert!(
        fresh.exists(),
        "a write that may be under way is left alone"
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// A service blueprint in a real terminal: its lines drawn, a lane added
/// through `b`, saved into the file, and taken out again by one `u`.
#[test]
fn a_lane_added_in_the_lane_menu_is_saved_and_one_undo_takes_it_back() {
    const HOTEL: &str = include_str!("../maps/hotel-blueprint.ron");
    let env = Env::new();
    let file = env.file("hotel.ron", HOTEL);
    let mut s = env.open(&file, &[]);
    s.wait_for("Customer");
    s.send("\t");
    s.wait_for("line of interaction");
    s.send("b");
    s.wait_for("Lanes —");
    s.send("a");
    s.wait_for("Add a lane");
    s.send(ENTER);
    s.wait_for("Title of the new physical evidence lane");
    s.type_text("Signage");
    s.send(ENTER);
    s.wait_for("Add lane \"Signage\"");
    s.send("q");
    s.wait_gone("Lanes —");
    s.send(CTRL_S);
    s.wait_for("Saved hotel.ron");
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("id: \"signage\""), "{saved}");
    s.send("u");
    s.wait_for("Undone: add lane \"Signage\"");
    s.send(CTRL_S);
    wait_until("the file is back to its original bytes", || {
        std::fs::read_to_string(&file).unwrap() == HOTEL
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
