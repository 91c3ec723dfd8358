//! A panic in the editor writes the unsaved map, and an `$EDITOR` edit that did
//! not load, to recovery files. The panic hook is process-wide, so this test has
//! its own binary.

mod common;

use std::sync::{Arc, Mutex};

use cjm::recovery::{self, Kind, Session};
use cjm::tui::run::Unsaved;

#[test]
fn a_panic_writes_the_unsaved_map_and_the_rejected_edit_to_recovery_files() {
    let Some(folders) = common::folders::own_folders(
        "a_panic_writes_the_unsaved_map_and_the_rejected_edit_to_recovery_files",
    ) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    assert!(!folders.data.starts_with(dir.path()));
    let mut map = cjm::format::load_str(include_str!("data/design-example.ron"))
        .unwrap()
        .map;
    map.title = "Unsaved when it crashed".into();
    let rejected = "(title: \"half-typed edit".to_string();
    let file = dir.path().join("map.ron");
    let snapshot = Arc::new(Mutex::new(Some(Unsaved {
        path: file.clone(),
        session: Session::new(),
        map: Some(map.clone()),
        rejected_edit: Some(rejected.clone()),
        base: None,
    })));
    cjm::tui::run::install_panic_hook(Arc::clone(&snapshot));
    let r = std::panic::catch_unwind(|| panic!("boom"));
    assert!(r.is_err());
    let _ = std::panic::take_hook();

    let found = recovery::find(&file);
    assert_eq!(found.len(), 2, "{found:?}");
    let autosave = found.iter().find(|f| f.kind == Kind::Autosave).unwrap();
    assert_eq!(cjm::format::load_str(&autosave.text).unwrap().map, map);
    let edit = found.iter().find(|f| f.kind == Kind::RejectedEdit).unwrap();
    assert_eq!(edit.text, rejected);
    assert!(
        !file.exists(),
        "the user's file is never written by the hook"
    );
}
