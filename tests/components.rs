//! Every overlay is a component whose footer hints come from the table its keys
//! are handled by: pressing any key a hint names does something a user sees
//! (the overlay changes or closes, the map, the selection or the message
//! changes, or the runtime is asked to act). A hint for a key that does nothing
//! would fail here.

use cjm::format::load_str;
use cjm::recovery::{Found, Kind};
use cjm::tui::app::{App, Offer, Offered, Overlay, Prompt};
use cjm::tui::keymap::Key;
use cjm::tui::update::update;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

const ESPRESSO: &str = include_str!("../maps/espresso.ron");

fn event(k: &Key) -> Event {
    let mut m = KeyModifiers::NONE;
    if k.ctrl {
        m |= KeyModifiers::CONTROL;
    }
    if k.alt {
        m |= KeyModifiers::ALT;
    }
    let code = match k.code {
        KeyCode::BackTab => {
            m |= KeyModifiers::SHIFT;
            KeyCode::Tab
        }
        KeyCode::Char(c) if c.is_uppercase() => {
            m |= KeyModifiers::SHIFT;
            KeyCode::Char(c)
        }
        c => c,
    };
    Event::Key(KeyEvent::new(code, m))
}

fn typed(a: &mut App, keys: &str) {
    for k in keys.split(' ').filter(|k| !k.is_empty()) {
        let key = Key::parse(k).unwrap_or_else(|| panic!("{k}"));
        update(a, event(&key));
    }
}

fn app(text: &str, dir: &std::path::Path) -> App {
    let mut a = App::new(load_str(text).unwrap().map, dir.join("map.ron"));
    a.size = (120, 40);
    a
}

fn conflicted() -> String {
    let base = load_str(ESPRESSO).unwrap().map;
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.stages[1].goal = "Our goal".into();
    theirs.stages[1].goal = "Their goal".into();
    // Two conflicts, so that next and previous have somewhere to go.
    ours.stages[2].goal = "Our other goal".into();
    theirs.stages[2].goal = "Their other goal".into();
    let labels = ["base".to_string(), "HEAD".to_string(), "other".to_string()];
    let (m, _) = cjm::diff::merge::merge_recorded(&base, &ours, &theirs, &labels);
    cjm::format::write(&m)
}

fn offer(text: &str, content: Offered) -> Offer {
    Offer {
        found: Found {
            path: "/nonexistent/recovery".into(),
            kind: Kind::Autosave,
            session: "other".into(),
            text: text.into(),
            written: std::time::SystemTime::now(),
            older: false,
        },
        when: "now".into(),
        content,
    }
}

/// Each overlay, reached as a user reaches it (or set where only the runtime
/// opens it), in a state where each of its keys has something to do.
fn states(dir: &std::path::Path) -> Vec<(&'static str, App)> {
    let mut out = Vec::new();
    let mut a = app(ESPRESSO, dir);
    typed(&mut a, "a t w o space w o r d s");
    assert!(matches!(a.overlay, Overlay::Insert(_)));
    out.push(("insert", a));
    let mut a = app(ESPRESSO, dir);
    typed(&mut a, "/ a b space c d");
    assert!(matches!(a.overlay, Overlay::Search(_)));
    out.push(("search", a));
    let mut a = app(ESPRESSO, dir);
    typed(&mut a, "t");
    assert!(matches!(a.overlay, Overlay::Timer(_)));
    out.push(("timer", a));
    let mut a = app(ESPRESSO, dir);
    typed(&mut a, "tab tab enter left");
    assert!(matches!(a.overlay, Overlay::Form(_)));
    out.push(("form", a));
    let mut a = app(ESPRESSO, dir);
    typed(&mut a, "tab tab enter x esc");
    assert!(matches!(&a.overlay, Overlay::Form(f) if f.confirm_discard));
    out.push(("form discard", a));
    let mut a = app(ESPRESSO, dir);
    typed(&mut a, "? down");
    assert!(matches!(
        a.overlay,
        Overlay::Help(cjm::tui::app::Help { scroll: 1 })
    ));
    out.push(("help", a));
    let mut a = app(ESPRESSO, dir);
    a.overlay = Overlay::Templates(cjm::tui::app::Templates { selected: 1 });
    out.push(("templates", a));
    let mut a = app(&conflicted(), dir);
    typed(&mut a, "x");
    assert!(matches!(a.overlay, Overlay::Conflict(_)));
    out.push(("conflict", a));
    let prompts = vec![
        Prompt::Quit,
        Prompt::DeleteStage(0),
        Prompt::ChangedOnDisk { then_quit: false },
        Prompt::DropComments { then_quit: false },
        Prompt::ExternalError {
            text: "not a map".into(),
            error: "expected JourneyMap".into(),
        },
        Prompt::Restore {
            offers: vec![offer(ESPRESSO, Offered::Text { error: "x".into() })],
            selected: 0,
        },
        Prompt::Restore {
            offers: vec![
                offer(ESPRESSO, Offered::Text { error: "x".into() }),
                offer(ESPRESSO, Offered::Text { error: "y".into() }),
                offer(ESPRESSO, Offered::Text { error: "z".into() }),
            ],
            selected: 1,
        },
    ];
    for p in prompts {
        let mut a = app(ESPRESSO, dir);
        a.overlay = Overlay::Prompt(p);
        out.push(("prompt", a));
    }
    out
}

/// What a user can see of the editor's state.
fn seen(a: &App) -> String {
    format!(
        "{:?} {:?} {:?} {:?} {}",
        a.overlay,
        a.cursor,
        a.message,
        a.timer.is_some(),
        cjm::format::write(&a.doc.map)
    )
}

#[test]
fn every_key_a_component_hints_at_does_something() {
    let dir = tempfile::tempdir().unwrap();
    let n = states(dir.path()).len();
    for i in 0..n {
        let (name, state) = states(dir.path()).swap_remove(i);
        let hints = state.overlay.hints();
        assert!(!hints.is_empty(), "{name} names its keys");
        for hint in &hints {
            assert!(!hint.keys.is_empty(), "{name}: `{}` names a key", hint.what);
            for key in &hint.keys {
                let (_, mut a) = states(dir.path()).swap_remove(i);
                let before = seen(&a);
                let effect = update(&mut a, event(key));
                assert!(
                    effect.is_some() || seen(&a) != before,
                    "{name}: the hint `{} {}` names {} but pressing it does nothing",
                    key.label(),
                    hint.what,
                    key.label()
                );
            }
        }
    }
}

#[test]
fn the_footer_shows_the_component_hints() {
    let dir = tempfile::tempdir().unwrap();
    for (name, a) in states(dir.path()) {
        let line = cjm::tui::keymap::hint_line(&a.overlay.hints());
        let backend = ratatui::backend::TestBackend::new(240, 40);
        let mut term = ratatui::Terminal::new(backend).unwrap();
        let mut a = a;
        a.size = (240, 40);
        term.draw(|f| cjm::tui::view::view(&a, f)).unwrap();
        let screen: String = term
            .backend()
            .buffer()
            .content()
            .iter()
            .map(|c| c.symbol())
            .collect();
        assert!(
            screen.contains(a.overlay.mode()),
            "{name}: the footer names the mode {}",
            a.overlay.mode()
        );
        let first = line.split(" · ").next().unwrap_or_default();
        assert!(screen.contains(first), "{name}: the footer shows `{first}`");
    }
}
