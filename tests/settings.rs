//! `settings.ron` in `CJM_CONFIG_DIR`, through the editor's own start-up
//! (`tui::run::open`): key overrides change what a key does, and entries the
//! editor cannot understand are reported on screen instead of silently ignored.
//! Every check is in one test, because it points environment variables of the
//! whole process at temporary folders.

mod common;

use std::path::Path;

use cjm::tui::App;
use cjm::tui::app::Overlay;
use cjm::tui::view::view;
use common::keys::press;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn screen(app: &App) -> String {
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    term.draw(|f| view(app, f)).unwrap();
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..40 {
        for x in 0..120 {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn open(map: &Path) -> App {
    let mut app = cjm::tui::run::open(map).unwrap();
    app.size = (120, 40);
    app
}

/// The editor as it opens with no settings file, whatever `config` holds now.
fn open_without_settings(map: &Path, config: &Path) -> App {
    let saved = std::fs::read(config.join("settings.ron")).ok();
    let _ = std::fs::remove_file(config.join("settings.ron"));
    let app = open(map);
    if let Some(bytes) = saved {
        std::fs::write(config.join("settings.ron"), bytes).unwrap();
    }
    app
}

fn settings(dir: &Path, text: &str) {
    std::fs::write(dir.join("settings.ron"), text).unwrap();
}

#[test]
fn key_overrides_in_settings_rebind_keys_and_unknown_entries_are_reported() {
    let Some(folders) = common::folders::own_folders(
        "key_overrides_in_settings_rebind_keys_and_unknown_entries_are_reported",
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

    // Without settings: `w` does nothing, `q` asks whether to quit.
    let mut plain = open(&map);
    assert_eq!(plain.message, None);
    let start = plain.cursor;
    press(&mut plain, &["w"]);
    assert_eq!(plain.cursor, start);

    // `w` becomes "down" (a key that had no action), `q` becomes "help" (a key
    // that had one); an unknown action and an unknown key are reported, by name.
    settings(
        config.as_path(),
        r#"(keys: {"w": "down", "q": "help", "ctrl-b": "frobnicate", "hyper-x": "up"})"#,
    );
    let mut app = open(&map);
    let shown = screen(&app);
    assert!(
        shown.contains("Unknown key settings ignored: ctrl-b = frobnicate, hyper-x = up"),
        "{shown}"
    );
    // `w` moves as `j` does without settings, and `j` still moves down.
    let mut reference = open_without_settings(&map, config.as_path());
    let start = reference.cursor;
    press(&mut reference, &["j"]);
    assert_ne!(reference.cursor, start);
    press(&mut app, &["w"]);
    assert_eq!(app.cursor, reference.cursor, "w did not move down");
    press(&mut reference, &["j"]);
    press(&mut app, &["j"]);
    assert_eq!(app.cursor, reference.cursor, "j stopped moving down");
    press(&mut app, &["q"]);
    assert!(
        matches!(app.overlay, Overlay::Help(_)),
        "q did not open the help: {:?}",
        app.overlay
    );
    // The help is made from the keymap in use, so it names the new keys.
    let help = screen(&app);
    assert!(
        help.lines()
            .any(|l| l.contains("down") && l.split_whitespace().any(|w| w == "w")),
        "{help}"
    );

    // A field the settings file does not have: reported with the file's path, and
    // the defaults are used (`w` does nothing again).
    settings(
        config.as_path(),
        r#"(autosave_secs: 3, keys: {"w": "down"})"#,
    );
    let mut app = open(&map);
    let (message, _) = app.message.clone().unwrap();
    assert!(message.contains("settings.ron"), "{message}");
    assert!(message.contains("autosave_secs"), "{message}");
    assert!(message.contains("using default settings"), "{message}");
    let start = app.cursor;
    press(&mut app, &["w"]);
    assert_eq!(app.cursor, start);
}
