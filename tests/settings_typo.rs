//! A typo in `settings.ron` is reported as a typo in a map or in `cjm.ron` is:
//! `PATH:LINE:COL: message (hint: did you mean …?)`, and the editor opens with
//! its defaults, the map untouched. One test, because it points the process's
//! environment at temporary folders.

use std::path::Path;

#[test]
fn a_settings_typo_is_reported_at_its_line_and_column_with_a_hint() {
    let (config, data, maps) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    // SAFETY: this binary has this one test, so no other thread reads the
    // environment while it changes.
    unsafe {
        std::env::set_var("CJM_CONFIG_DIR", config.path());
        std::env::set_var("CJM_DATA_DIR", data.path());
    }
    let map = maps.path().join("espresso.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("maps/espresso.ron"),
        &map,
    )
    .unwrap();
    let before = std::fs::read(&map).unwrap();
    let settings = config.path().join("settings.ron");

    std::fs::write(
        &settings,
        "(\n    theme: \"light\",\n    autosave_secs: 3,\n)\n",
    )
    .unwrap();
    let app = cjm::tui::run::open(&map).unwrap();
    let (message, _) = app.message.clone().unwrap();
    assert_eq!(
        message,
        format!(
            "{}:3:5: unknown field `autosave_secs` (hint: did you mean `autosave_seconds`?) \
             — using default settings",
            settings.display()
        )
    );

    // A value of the wrong kind is placed at the value.
    std::fs::write(&settings, "(timer_minutes: \"ten\")").unwrap();
    let app = cjm::tui::run::open(&map).unwrap();
    let (message, _) = app.message.clone().unwrap();
    assert!(
        message.starts_with(&format!("{}:1:17: ", settings.display())),
        "{message}"
    );

    // An empty file is the defaults, without a message; valid settings still apply.
    std::fs::write(&settings, "// nothing yet\n").unwrap();
    let app = cjm::tui::run::open(&map).unwrap();
    assert!(app.message.is_none(), "{:?}", app.message);
    std::fs::write(&settings, "(keys: {\"w\": \"up\"}, timer_minutes: 15)").unwrap();
    let app = cjm::tui::run::open(&map).unwrap();
    assert!(app.message.is_none(), "{:?}", app.message);

    assert_eq!(std::fs::read(&map).unwrap(), before, "the map is untouched");
}
