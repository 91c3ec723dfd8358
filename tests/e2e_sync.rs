//! Two editors on one map, each in its own pseudo-terminal, as two people at
//! two keyboards (or two SSH logins): what one saves shows in the other within
//! a second, merged with the other's unsaved work, and the other's save keeps
//! both. A save lock left by a killed session does not block saving.
#![cfg(unix)]

mod common;

use std::time::{Duration, Instant};

use common::pty::*;

/// The spec's "within a second" of the other session's save.
const MERGE_WITHIN: Duration = Duration::from_secs(1);

fn shows_within(s: &Session, needle: &str, limit: Duration) {
    let start = Instant::now();
    s.wait_for(needle);
    let took = start.elapsed();
    assert!(
        took <= limit,
        "{needle:?} took {took:?} to show, more than {limit:?}"
    );
}

fn actions(file: &std::path::Path) -> Vec<String> {
    let text = std::fs::read_to_string(file).unwrap();
    let map = cjm::format::load_str(&text).unwrap().map;
    map.stages[0].actions.clone()
}

#[test]
fn two_editors_on_one_map_merge_each_others_saves() {
    let env = Env::new();
    let file = env.file("map.ron", ESPRESSO);
    let mut a = env.open(&file, &[]);
    a.wait_for("Awareness");
    let mut b = env.open(&file, &[]);
    b.wait_for("Awareness");
    // B has work of its own, not saved.
    b.add_action("Card B1");

    a.add_action("Card A1");
    a.send(CTRL_S);
    a.wait_for("Saved map.ron");
    assert!(actions(&file).contains(&"Card A1".to_string()));
    shows_within(&b, "Card A1", MERGE_WITHIN);
    b.wait_for("Merged 1 change saved by another session");
    assert!(b.screen().contains("Card B1"), "B's own card stays");

    b.send(CTRL_S);
    b.wait_for("Saved map.ron");
    let saved = actions(&file);
    assert!(
        saved.contains(&"Card A1".to_string()) && saved.contains(&"Card B1".to_string()),
        "{saved:?}"
    );
    shows_within(&a, "Card B1", MERGE_WITHIN);

    // Both hold exactly the file: each quits without being asked.
    a.send("q");
    assert_eq!(a.wait_exit(), 0);
    b.send("q");
    assert_eq!(b.wait_exit(), 0);
}

#[test]
fn a_killed_sessions_save_lock_does_not_block_saving_but_a_living_one_does() {
    let env = Env::new();
    let file = env.file("map.ron", ESPRESSO);
    let lock = cjm::live::lock_path(&file);
    std::fs::create_dir_all(lock.parent().unwrap()).unwrap();
    let mut dead = std::process::Command::new("true").spawn().unwrap();
    let dead_pid = dead.id();
    dead.wait().unwrap();
    std::fs::write(
        &lock,
        format!("host: {}\npid: {dead_pid}\n", cjm::live::host()),
    )
    .unwrap();

    let mut s = env.open(&file, &[]);
    s.wait_for("Awareness");
    s.add_action("Saved past a dead lock");
    let start = Instant::now();
    s.send(CTRL_S);
    s.wait_for("Saved map.ron");
    assert!(start.elapsed() < Duration::from_secs(2));
    assert!(actions(&file).contains(&"Saved past a dead lock".to_string()));
    assert!(!lock.exists(), "the save let go of the lock");

    // A lock held by a running process (this test) is waited for, then the
    // save is refused with the reason, and the file is untouched.
    std::fs::write(
        &lock,
        format!("host: {}\npid: {}\n", cjm::live::host(), std::process::id()),
    )
    .unwrap();
    let before = std::fs::read_to_string(&file).unwrap();
    s.add_action("Waits for the lock");
    s.send(CTRL_S);
    s.wait_for("another cjm session is saving");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
    std::fs::remove_file(&lock).unwrap();
    s.send(CTRL_S);
    s.wait_for("Saved map.ron");
    assert!(actions(&file).contains(&"Waits for the lock".to_string()));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
