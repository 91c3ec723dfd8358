//! The audience view's state without a terminal: what it shows as an editor's
//! live file changes, breaks and goes away (the end-to-end test in
//! `e2e_follow.rs` runs the two programs in pseudo-terminals).

mod common;

use std::time::Instant;

use cjm::live::{State, Writer};
use cjm::tui::follow::Follower;

static WRITES: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

fn published(w: &mut Writer, map: &str, slide: usize) {
    w.set(State {
        map: map.to_string(),
        slide,
        stage: String::new(),
        timer: None,
        voting: None,
    });
    // Each write a heartbeat after the one before, so it is due.
    let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
    let at = Instant::now() + cjm::live::HEARTBEAT * n;
    assert!(w.tick(at).unwrap());
}

#[test]
fn an_editors_map_that_does_not_load_keeps_the_last_good_slides_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::write(dir.path(), "map.ron", common::pty::GOLDEN);
    let golden = common::golden();
    let mut w = Writer::new(&file, "1-1");
    let mut f = Follower::new(&file, true);
    let mut edited = golden.clone();
    edited.title = "Edited, not saved".into();
    published(&mut w, &cjm::format::write(&edited), 1);
    f.poll(Instant::now());
    assert_eq!(f.map().unwrap().title, "Edited, not saved");
    assert_eq!(f.slide(), 1);
    assert!(f.status().0.starts_with("Live · following the editor on"));
    assert_eq!(f.status().1, None);

    published(&mut w, "(title: ", 1);
    f.poll(Instant::now());
    assert_eq!(
        f.map().unwrap().title,
        "Edited, not saved",
        "the last good map stays"
    );
    let why = f.status().1.unwrap();
    assert!(
        why.starts_with("Showing the last good slides: the editor's map does not load: map:1:"),
        "{why}"
    );

    // Fixed: shown, and the complaint is gone.
    published(&mut w, &cjm::format::write(&golden), 0);
    f.poll(Instant::now());
    assert_eq!(f.map().unwrap(), &golden);
    assert_eq!(f.status().1, None);
    assert_eq!(f.slide(), 0);

    // The editor quits: the saved file, said so.
    w.remove();
    f.poll(Instant::now());
    assert_eq!(
        f.status().0,
        "No editor has map.ron open · showing the saved file"
    );
    assert_eq!(f.map().unwrap(), &golden);
}

#[test]
fn a_garbage_live_file_is_not_followed_and_the_saved_file_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::write(dir.path(), "map.ron", common::pty::GOLDEN);
    let folder = dir.path().join(cjm::live::FOLDER);
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("map.ron.5-5.live"), "not a live file\n\nat all").unwrap();
    let mut f = Follower::new(&file, true);
    f.poll(Instant::now());
    assert_eq!(f.map().unwrap(), &common::golden());
    assert!(f.status().0.starts_with("No editor has map.ron open"));
}

#[test]
fn a_map_that_does_not_exist_yet_is_waited_for() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("new.ron");
    let mut f = Follower::new(&file, true);
    f.poll(Instant::now());
    assert!(f.map().is_none());
    assert_eq!(f.status().1.as_deref(), Some("new.ron does not exist"));
    let mut w = Writer::new(&file, "2-2");
    published(&mut w, &cjm::format::write(&common::golden()), 1);
    f.poll(Instant::now());
    assert_eq!(f.map().unwrap(), &common::golden());
    assert_eq!(f.status().1, None);
    w.remove();
}

#[test]
fn with_no_editor_and_no_file_it_says_both_and_claims_nothing_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = Follower::new(&dir.path().join("nothing.ron"), true);
    f.poll(Instant::now());
    assert_eq!(f.status().0, "No editor has nothing.ron open");
    assert_eq!(f.status().1.as_deref(), Some("nothing.ron does not exist"));
}
