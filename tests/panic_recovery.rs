//! A panic in the editor writes the unsaved map to the recovery file. The panic
//! hook is process-wide, so this test has its own binary.

use std::sync::{Arc, Mutex};

#[test]
fn a_panic_writes_the_unsaved_map_to_the_recovery_file() {
    let dir = tempfile::tempdir().unwrap();
    // SAFETY: this test binary runs this one test, on one thread.
    unsafe { std::env::set_var("CJM_DATA_DIR", dir.path()) };
    let mut map = cjm::format::load_str(include_str!("data/design-example.ron"))
        .unwrap()
        .map;
    map.title = "Unsaved when it crashed".into();
    let file = dir.path().join("map.ron");
    let snapshot = Arc::new(Mutex::new(Some((file.clone(), map.clone()))));
    cjm::tui::run::install_panic_hook(Arc::clone(&snapshot));
    let r = std::panic::catch_unwind(|| panic!("boom"));
    assert!(r.is_err());
    let _ = std::panic::take_hook();
    let rec = cjm::store::recovery_path(&file).unwrap();
    let text = std::fs::read_to_string(&rec).unwrap();
    assert_eq!(cjm::format::load_str(&text).unwrap().map, map);
    assert!(
        !file.exists(),
        "the user's file is never written by the hook"
    );
}
