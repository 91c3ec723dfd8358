//! The audience view end to end: the editor in one pseudo-terminal and
//! `cjm present FILE --follow` in another, as a facilitator's laptop and the
//! projector. The projector follows the editor's stage and its edits, saved or
//! not, within a second; falls back to the saved file when the editor is
//! killed, and follows the next editor that opens the map.
#![cfg(unix)]

mod common;

use std::ffi::OsStr;
use std::time::{Duration, Instant};

use common::pty::*;

/// The spec's "within a second of each change", measured from the moment the
/// editor has read the key.
const FOLLOW_WITHIN: Duration = Duration::from_secs(1);

fn shows_within(s: &Session, needle: &str, limit: Duration) {
    let start = Instant::now();
    s.wait_for(needle);
    let took = start.elapsed();
    assert!(
        took <= limit,
        "{needle:?} took {took:?} to show, more than {limit:?}"
    );
}

fn follow(env: &Env, file: &std::path::Path) -> Session {
    env.open_args(
        &[
            OsStr::new("present"),
            file.as_os_str(),
            OsStr::new("--follow"),
        ],
        &[],
    )
}

#[test]
fn the_projector_follows_the_editors_stage_and_edits_and_a_restarted_editor() {
    let env = Env::new();
    let file = env.file("map.ron", ESPRESSO);
    let mut editor = env.open(&file, &[]);
    editor.wait_for("Awareness");
    let view = follow(&env, &file);
    view.wait_for("following the editor on");
    view.wait_for(&format!("(pid {})", editor.pid));
    view.wait_for("Stage 1 of 5");

    // The live file sits beside the map, where a machine sharing the folder
    // finds it; git does not see it, and a folder of maps reads as before.
    let live = env.dir.path().join(".cjm-live");
    assert!(live.is_dir());
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(args)
            .current_dir(env.dir.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    git(&["init", "-q", "."]);
    let untracked = git(&["status", "--porcelain", "--untracked-files=all", "--", "."]);
    assert!(!untracked.contains(".cjm-live"), "{untracked}");
    assert!(untracked.contains("map.ron"), "{untracked}");
    let report = common::cjm()
        .arg("report")
        .arg(env.dir.path())
        .output()
        .unwrap();
    assert_eq!(report.status.code(), Some(0), "{report:?}");
    assert!(!String::from_utf8_lossy(&report.stdout).contains(".live"));

    // The facilitator moves on: the projector follows.
    editor.send("l");
    shows_within(&view, "Stage 2 of 5", FOLLOW_WITHIN);
    editor.send("l");
    shows_within(&view, "Stage 3 of 5", FOLLOW_WITHIN);

    // A card typed and not saved shows; then saved, it stays.
    editor.send("a");
    editor.type_text("Asks the barista about grinders");
    editor.send(ENTER);
    shows_within(&view, "Asks the barista about grinders", FOLLOW_WITHIN);
    assert!(
        !std::fs::read_to_string(&file)
            .unwrap()
            .contains("Asks the barista"),
        "not saved yet: the projector showed the editor's unsaved map"
    );
    editor.send(CTRL_S);
    editor.wait_for("Saved map.ron");
    assert!(view.screen().contains("Asks the barista about grinders"));

    // The editor is killed: the projector says so and shows the saved file,
    // still on the stage it was on.
    editor.kill("-KILL", &editor.pid.to_string());
    editor.wait_exit();
    view.wait_for("has ended · showing the saved file");
    assert!(view.screen().contains("Asks the barista about grinders"));
    assert!(view.screen().contains("Stage 3 of 5"));

    // A new editor on the map: followed, on its own stage.
    let mut again = env.open(&file, &[]);
    again.wait_for("Awareness");
    view.wait_for(&format!("(pid {})", again.pid));
    view.wait_for("Stage 1 of 5");
    again.send("l");
    shows_within(&view, "Stage 2 of 5", FOLLOW_WITHIN);

    // Quitting the editor removes its live file and folder: nothing is left
    // beside the map, and the projector falls back to the saved file.
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
    view.wait_for("No editor has map.ron open · showing the saved file");
    assert!(
        !env.dir.path().join(".cjm-live").exists(),
        "the live folder is removed with the last live file"
    );
    // The view ends by its terminal closing (checked when `view` drops).
    drop(view);
}

#[test]
fn looking_around_on_the_projector_stops_following_until_f() {
    let env = Env::new();
    let file = env.file("map.ron", ESPRESSO);
    let mut editor = env.open(&file, &[]);
    editor.wait_for("Awareness");
    let mut view = follow(&env, &file);
    view.wait_for("Stage 1 of 5");
    // → on the projector: its own slide, and it says it is not following.
    view.send("\x1b[C");
    view.wait_for("Stage 2 of 5");
    view.wait_for("looking around on this screen · f follows the editor");
    editor.send("l");
    editor.send("l");
    editor.send("l");
    holds_for(
        "the projector stays on its own slide",
        Duration::from_millis(600),
        || view.screen().contains("Stage 2 of 5"),
    );
    view.send("f");
    shows_within(&view, "Stage 4 of 5", FOLLOW_WITHIN);
    view.wait_for("following the editor on");
    // While the facilitator presents with F5, the projector shows the slide
    // on the laptop's screen; back in the grid, the selected stage's again.
    editor.send("\x1b[15~");
    shows_within(&view, "Overview · 5 stages", FOLLOW_WITHIN);
    editor.send("3");
    shows_within(&view, "Stage 3 of 5", FOLLOW_WITHIN);
    editor.send(ESC);
    shows_within(&view, "Stage 4 of 5", FOLLOW_WITHIN);
    // The workshop timer shows on the projector too.
    editor.send("t");
    editor.send(ENTER);
    editor.wait_for("⏱ 9:5");
    shows_within(&view, "⏱ 9:5", FOLLOW_WITHIN);
    // q ends the view, never the editor.
    view.send("q");
    assert_eq!(view.wait_exit(), 0);
    editor.send("q");
    assert_eq!(editor.wait_exit(), 0);
}

#[test]
fn with_no_editor_the_saved_file_is_shown_and_a_save_from_elsewhere_appears() {
    let env = Env::new();
    let file = env.file("map.ron", ESPRESSO);
    let mut view = follow(&env, &file);
    view.wait_for("No editor has map.ron open · showing the saved file");
    view.wait_for("Overview · 5 stages");
    // A save by any means (git pull, another tool) shows.
    let changed = ESPRESSO.replace("Awareness", "Discovery");
    std::fs::write(&file, changed).unwrap();
    view.wait_for("Discovery");
    // A broken save keeps the last good slides and says why.
    std::fs::write(&file, "(title: ").unwrap();
    view.wait_for("Showing the last good slides: map.ron:1:");
    assert!(view.screen().contains("Discovery"));
    // Ended by its PID, as a shutdown would.
    assert_eq!(view.terminate(), 128 + 15);
}

#[test]
fn present_without_follow_shows_the_saved_file_read_only() {
    let env = Env::new();
    let file = env.file("map.ron", ESPRESSO);
    let mut view = env.open_args(&[OsStr::new("present"), file.as_os_str()], &[]);
    view.wait_for("map.ron as saved · read-only");
    view.wait_for("Overview · 5 stages");
    view.send("3");
    view.wait_for("Stage 3 of 5");
    // Keys that edit in the editor do nothing here, and nothing is written.
    for k in ["a", "d", "x", "u", "\x13"] {
        view.send(k);
    }
    view.send("q");
    assert_eq!(view.wait_exit(), 0);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), ESPRESSO);
    assert!(!env.dir.path().join(".cjm-live").exists());
}

#[test]
fn present_without_follow_refuses_a_map_that_does_not_load_before_taking_the_terminal() {
    let env = Env::new();
    let file = env.file("bad.ron", "(title: ");
    let out = common::cjm().arg("present").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.ron:"), "{err}");
    let out = common::cjm()
        .arg("present")
        .arg(env.dir.path().join("missing.ron"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file"));
    // A folder is never a map, following or not.
    let out = common::cjm()
        .args(["present", "--follow"])
        .arg(env.dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("folder"),
        "{out:?}"
    );
}

/// A folder where the live file cannot be written (here a regular file stands
/// where `.cjm-live` goes, as a read-only folder would refuse it): the editor
/// says the audience view cannot follow, once, and edits and saves as ever;
/// the projector shows the saved file and says no editor has the map open.
#[test]
fn a_live_file_that_cannot_be_written_is_said_and_nothing_else_changes() {
    let env = Env::new();
    let file = env.file("map.ron", ESPRESSO);
    let in_the_way = env.file(".cjm-live", "someone else's file");
    let mut editor = env.open(&file, &[]);
    editor.wait_for("The audience view cannot follow this map");
    let mut view = follow(&env, &file);
    view.wait_for("No editor has map.ron open · showing the saved file");
    view.send("1");
    view.wait_for("Stage 1 of 5");
    editor.add_action("Saved all the same");
    editor.send(CTRL_S);
    editor.wait_for("Saved map.ron");
    view.wait_for("Saved all the same");
    assert_eq!(
        std::fs::read_to_string(&in_the_way).unwrap(),
        "someone else's file"
    );
    editor.send("q");
    assert_eq!(editor.wait_exit(), 0);
    drop(view);
}
