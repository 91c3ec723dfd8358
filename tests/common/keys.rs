//! Keys as the help and the settings file write them (`a`, `J`, `ctrl-s`,
//! `enter`, `shift-tab`, `f5`…), read by the keymap's own parser, so a test
//! presses exactly what a person binds.
use cjm::tui::App;
use cjm::tui::app::Effect;
use cjm::tui::keymap::Key;
use cjm::tui::update::update;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// The key event a terminal sends for key `name`, or `None` when the keymap
/// does not read `name` as a key. An upper-case letter and Shift-Tab come with
/// Shift held, as a terminal sends them.
pub fn event(name: &str) -> Option<Event> {
    let k = Key::parse(name)?;
    let mut mods = KeyModifiers::NONE;
    if k.ctrl {
        mods |= KeyModifiers::CONTROL;
    }
    if k.alt {
        mods |= KeyModifiers::ALT;
    }
    match k.code {
        KeyCode::Char(c) if c.is_uppercase() => mods |= KeyModifiers::SHIFT,
        KeyCode::BackTab => mods |= KeyModifiers::SHIFT,
        _ => {}
    }
    Some(Event::Key(KeyEvent::new(k.code, mods)))
}

/// Presses each of `keys` in turn; a name the keymap does not read as a key
/// (`"one two"`) is typed character by character. Returns what the presses
/// asked the runtime to do.
pub fn press(app: &mut App, keys: &[&str]) -> Vec<Effect> {
    let mut effects = Vec::new();
    for k in keys {
        match event(k) {
            Some(e) => effects.extend(update(app, e)),
            None => {
                for c in k.chars() {
                    let e = event(&c.to_string()).unwrap_or_else(|| {
                        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
                    });
                    effects.extend(update(app, e));
                }
            }
        }
    }
    effects
}
