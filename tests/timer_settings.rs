//! The workshop timer's length from `settings.ron` (`timer_minutes`), through the
//! editor's own start-up (`tui::run::open`). One test in its own binary, because
//! it points the process's environment at temporary folders.

mod common;

use std::path::Path;

use cjm::tui::app::Overlay;
use common::keys::press;

fn offered(app: &cjm::tui::App) -> String {
    match &app.overlay {
        Overlay::Timer(t) => t.input.text().to_string(),
        other => panic!("no timer prompt: {other:?}"),
    }
}

#[test]
fn timer_minutes_in_settings_is_what_t_offers_and_a_bad_one_is_reported() {
    let Some(folders) = common::folders::own_folders(
        "timer_minutes_in_settings_is_what_t_offers_and_a_bad_one_is_reported",
    ) else {
        return;
    };
    let (config, maps) = (folders.config, tempfile::tempdir().unwrap());
    let map = maps.path().join("espresso.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("maps/espresso.ron"),
        &map,
    )
    .unwrap();
    let settings = config.as_path().join("settings.ron");

    let mut app = cjm::tui::run::open(&map).unwrap();
    press(&mut app, &["t"]);
    assert_eq!(offered(&app), "10", "the default without settings");

    std::fs::write(&settings, "(timer_minutes: 15)").unwrap();
    let mut app = cjm::tui::run::open(&map).unwrap();
    assert!(app.message.is_none(), "{:?}", app.message);
    press(&mut app, &["t"]);
    assert_eq!(offered(&app), "15");

    std::fs::write(&settings, "(timer_minutes: 0)").unwrap();
    let mut app = cjm::tui::run::open(&map).unwrap();
    let (msg, _) = app.message.clone().unwrap();
    assert!(
        msg.contains("timer_minutes in settings.ron must be 1 to 1440"),
        "{msg}"
    );
    press(&mut app, &["t"]);
    assert_eq!(offered(&app), "10");
}
