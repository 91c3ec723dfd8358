//! Every overlay is a component whose footer hints come from the table its keys
//! are handled by: pressing any key a hint names does something a user sees
//! (the overlay changes or closes, the map, the selection or the message
//! changes, or the runtime is asked to act). A hint for a key that does nothing
//! would fail here. Every kind of overlay is reached (an exhaustive match names
//! them, so a new one must be added), and a form acts on no key its table does
//! not list, so a key cannot work unhinted either.

use std::sync::Mutex;

use cjm::format::load_str;
use cjm::model::JourneyMap;
use cjm::recovery::{Found, Kind};
use cjm::tui::app::{App, LaneStep, Offer, Offered, Overlay, PersonaStep, Prompt};
use cjm::tui::keymap::Key;
use cjm::tui::update::update;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

const ESPRESSO: &str = include_str!("../maps/espresso.ron");
const SAAS: &str = include_str!("../maps/saas-trial.ron");
const HOTEL: &str = include_str!("../maps/hotel-blueprint.ron");

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

/// The editor on `text`, each map read once: the tests below build their
/// states afresh for every key they press.
fn app(text: &str, dir: &std::path::Path) -> App {
    static READ: Mutex<Vec<(String, JourneyMap)>> = Mutex::new(Vec::new());
    let mut read = READ.lock().unwrap();
    let map = match read.iter().find(|(t, _)| t == text) {
        Some((_, m)) => m.clone(),
        None => {
            let m = load_str(text).unwrap().map;
            read.push((text.to_string(), m.clone()));
            m
        }
    };
    drop(read);
    let mut a = App::new(map, dir.join("map.ron"));
    a.size = (120, 40);
    a
}

fn conflicted() -> String {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(conflicted_text).clone()
}

fn conflicted_text() -> String {
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
    build(dir, None)
}

/// The `i`th of `states`, built alone.
fn state_at(dir: &std::path::Path, i: usize) -> (&'static str, App) {
    build(dir, Some(i)).swap_remove(0)
}

fn build(dir: &std::path::Path, only: Option<usize>) -> Vec<(&'static str, App)> {
    let mut out = Vec::new();
    let mut n = 0;
    let mut want = || {
        n += 1;
        only.is_none_or(|o| o + 1 == n)
    };
    if want() {
        let mut a = app(ESPRESSO, dir);
        typed(&mut a, "a t w o space w o r d s");
        assert!(matches!(a.overlay, Overlay::Insert(_)));
        out.push(("insert", a));
    }
    if want() {
        let mut a = app(ESPRESSO, dir);
        typed(&mut a, "a t w o esc");
        assert!(matches!(&a.overlay, Overlay::Insert(b) if b.confirm_discard));
        out.push(("insert discard", a));
    }
    if want() {
        let mut a = app(ESPRESSO, dir);
        typed(&mut a, "/ a b space c d");
        assert!(matches!(a.overlay, Overlay::Search(_)));
        out.push(("search", a));
    }
    if want() {
        let mut a = app(ESPRESSO, dir);
        typed(&mut a, "t");
        assert!(matches!(a.overlay, Overlay::Timer(_)));
        out.push(("timer", a));
    }
    if want() {
        let mut a = app(ESPRESSO, dir);
        typed(&mut a, "tab tab enter left");
        assert!(matches!(a.overlay, Overlay::Form(_)));
        out.push(("form", a));
    }
    if want() {
        let mut a = app(ESPRESSO, dir);
        typed(&mut a, "tab tab enter x esc");
        assert!(matches!(&a.overlay, Overlay::Form(f) if f.confirm_discard));
        out.push(("form discard", a));
    }
    if want() {
        let mut a = app(ESPRESSO, dir);
        typed(&mut a, "? down");
        assert!(matches!(
            a.overlay,
            Overlay::Help(cjm::tui::app::Help { scroll: 1 })
        ));
        out.push(("help", a));
    }
    if want() {
        let mut a = app(ESPRESSO, dir);
        a.overlay = Overlay::Templates(cjm::tui::app::Templates { selected: 1 });
        out.push(("templates", a));
    }
    if want() {
        let mut a = app(ESPRESSO, dir);
        typed(&mut a, "' p m");
        assert!(matches!(a.overlay, Overlay::MoveTo(_)));
        out.push(("move to", a));
    }
    if want() {
        let mut a = app(ESPRESSO, dir);
        typed(&mut a, "' p y right enter");
        assert!(matches!(&a.overlay, Overlay::MoveTo(m) if m.lane_step));
        out.push(("move to: lane", a));
    }
    if want() {
        let mut a = app(&conflicted(), dir);
        typed(&mut a, "x");
        assert!(matches!(a.overlay, Overlay::Conflict(_)));
        out.push(("conflict", a));
    }
    // The evidence list on its second entry (cited, so `d` asks), the
    // question, and the citation picker of a pain point.
    if want() {
        let mut a = app(SAAS, dir);
        typed(&mut a, "R j");
        assert!(matches!(a.overlay, Overlay::Evidence(e) if e.selected == 1));
        out.push(("evidence", a));
    }
    if want() {
        let mut a = app(SAAS, dir);
        typed(&mut a, "R j d");
        assert!(matches!(a.overlay, Overlay::Evidence(e) if e.confirm_delete));
        out.push(("evidence delete", a));
    }
    if want() {
        let mut a = app(SAAS, dir);
        typed(&mut a, "' p l l C j");
        assert!(matches!(a.overlay, Overlay::Cite(c) if c.selected == 1));
        out.push(("cite", a));
    }
    // The lane menu on Frontstage (a lane with cards, neither first nor
    // last), its kind chooser, a title being typed, and the removal question.
    for (name, keys) in [
        ("lanes", "' f b"),
        ("lanes: kind", "' f b a j"),
        ("lanes: title", "' f b r"),
        ("lanes: remove", "' f b d"),
    ] {
        if want() {
            let mut a = app(HOTEL, dir);
            typed(&mut a, keys);
            assert_eq!(component_name(&a.overlay), Some(name), "{keys}");
            out.push((name, a));
        }
    }
    // The persona menu on each of the hotel's two guests, a new persona's name being
    // typed, and the question before removing one with cards of her own.
    for (name, keys) in [
        ("personas", "W"),
        ("personas", "W j"),
        ("personas: name", "W a"),
        ("personas: remove", "W j d"),
    ] {
        if want() {
            let mut a = app(HOTEL, dir);
            typed(&mut a, keys);
            assert_eq!(component_name(&a.overlay), Some(name), "{keys}");
            out.push((name, a));
        }
    }
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
        if want() {
            let mut a = app(ESPRESSO, dir);
            a.overlay = Overlay::Prompt(p);
            out.push(("prompt", a));
        }
    }
    // Slides: on the first stage, and scrolled down a tall second one, so that
    // every slide key has somewhere to go from one of them.
    if want() {
        let mut a = app(&slides_map(), dir);
        typed(&mut a, "f5 right");
        assert!(matches!(a.overlay, Overlay::Present(p) if p.slide == 1));
        out.push(("present", a));
    }
    if want() {
        let mut a = app(&slides_map(), dir);
        typed(&mut a, "f5 right right down");
        assert!(matches!(a.overlay, Overlay::Present(p) if p.slide == 2 && p.scroll > 0));
        out.push(("present", a));
    }
    out
}

/// Nine stages (a slide for each digit key), the first two taller than the screen.
fn slides_map() -> String {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(slides_text).clone()
}

fn slides_text() -> String {
    let mut m = load_str(ESPRESSO).unwrap().map;
    while m.stages.len() < 9 {
        let mut s = m.stages[0].clone();
        s.id = format!("extra-{}", m.stages.len());
        m.stages.push(s);
    }
    for s in m.stages.iter_mut().take(2) {
        s.actions = (0..60)
            .map(|i| format!("Step {i} of a long stage"))
            .collect();
    }
    cjm::format::write(&m)
}

/// The component each overlay is, by name. The match has no wildcard: a new
/// overlay does not compile here until it has a name, and then
/// `every_component_is_pressed` fails until `states` reaches it.
fn component_name(o: &Overlay) -> Option<&'static str> {
    Some(match o {
        Overlay::None => return None,
        Overlay::Insert(b) if b.confirm_discard => "insert discard",
        Overlay::Insert(_) => "insert",
        Overlay::Form(f) if f.confirm_discard => "form discard",
        Overlay::Form(_) => "form",
        Overlay::Search(_) => "search",
        Overlay::Help(_) => "help",
        Overlay::Prompt(_) => "prompt",
        Overlay::Templates(_) => "templates",
        Overlay::Present(_) => "present",
        Overlay::Timer(_) => "timer",
        Overlay::Conflict(_) => "conflict",
        Overlay::MoveTo(m) if m.lane_step => "move to: lane",
        Overlay::MoveTo(_) => "move to",
        Overlay::Evidence(e) if e.confirm_delete => "evidence delete",
        Overlay::Evidence(_) => "evidence",
        Overlay::Cite(_) => "cite",
        Overlay::Lanes(m) => match m.step {
            LaneStep::List => "lanes",
            LaneStep::Kind(_) => "lanes: kind",
            LaneStep::Title { .. } => "lanes: title",
            LaneStep::Remove => "lanes: remove",
        },
        Overlay::Personas(m) => match m.step {
            PersonaStep::List => "personas",
            PersonaStep::Name(_) => "personas: name",
            PersonaStep::Remove => "personas: remove",
        },
    })
}

#[test]
fn every_component_is_pressed() {
    let dir = tempfile::tempdir().unwrap();
    let all = [
        "insert",
        "insert discard",
        "form",
        "form discard",
        "search",
        "help",
        "prompt",
        "templates",
        "present",
        "timer",
        "conflict",
        "move to",
        "move to: lane",
        "evidence",
        "evidence delete",
        "cite",
        "lanes",
        "lanes: kind",
        "lanes: title",
        "lanes: remove",
        "personas",
        "personas: name",
        "personas: remove",
    ];
    let reached: Vec<&str> = states(dir.path())
        .iter()
        .map(|(name, a)| {
            assert_eq!(component_name(&a.overlay), Some(*name));
            *name
        })
        .collect();
    for name in all {
        assert!(reached.contains(&name), "no state reaches {name}");
    }
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
    let all = states(dir.path());
    let mut pressed = 0;
    for (i, (name, state)) in all.iter().enumerate() {
        let hints = state.overlay.hints();
        assert!(!hints.is_empty(), "{name} names its keys");
        for hint in &hints {
            assert!(!hint.keys.is_empty(), "{name}: `{}` names a key", hint.what);
            for key in &hint.keys {
                // Acts in this state, or in another state of the same
                // component that it names the same key in (a slide key for
                // the stage on screen does nothing there, but does elsewhere).
                let acts = |j: usize| {
                    let (_, mut a) = state_at(dir.path(), j);
                    let before = seen(&a);
                    let effect = update(&mut a, event(key));
                    effect.is_some() || seen(&a) != before
                };
                let same = all
                    .iter()
                    .enumerate()
                    .filter(|(_, (n, a))| {
                        n == name && a.overlay.hints().iter().any(|h| h.keys.contains(key))
                    })
                    .map(|(j, _)| j);
                assert!(
                    acts(i) || same.into_iter().any(acts),
                    "{name}: the hint `{} {}` names {} but pressing it does nothing",
                    key.label(),
                    hint.what,
                    key.label()
                );
                pressed += 1;
            }
        }
    }
    assert!(pressed > 80, "{pressed} keys pressed");
}

#[test]
fn the_footer_shows_the_component_hints() {
    let dir = tempfile::tempdir().unwrap();
    for (name, a) in states(dir.path()) {
        if a.overlay.component().is_some_and(|c| c.fills_screen()) {
            // Slides fill the screen for the room, with no footer.
            continue;
        }
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

/// A form does at its own level (moves between fields, saves, asks, closes)
/// only what its table lists, so its footer cannot leave a key out: keys with
/// a modifier the table does not give are not taken for their plain key.
#[test]
fn a_form_takes_no_key_its_table_does_not_list() {
    let dir = tempfile::tempdir().unwrap();
    let form = |a: &App| match &a.overlay {
        Overlay::Form(f) => Some((f.focus, f.confirm_discard)),
        _ => None,
    };
    for k in [
        "esc",
        "ctrl-c",
        "enter",
        "ctrl-s",
        "tab",
        "shift-tab",
        "up",
        "down",
        "alt-enter",
        "ctrl-up",
        "ctrl-down",
        "alt-up",
        "alt-down",
        "ctrl-enter",
        "pageup",
        "pagedown",
        "f1",
    ] {
        let key = Key::parse(k).unwrap();
        let (_, mut a) = states(dir.path())
            .into_iter()
            .find(|(n, _)| *n == "form")
            .unwrap();
        let hints = a.overlay.hints();
        let before = (form(&a), cjm::format::write(&a.doc.map));
        let effect = update(&mut a, event(&key));
        let after = (form(&a), cjm::format::write(&a.doc.map));
        let listed = hints.iter().any(|h| h.keys.contains(&key));
        let acted = effect.is_some() || after != before;
        assert_eq!(
            acted,
            listed,
            "{k} {} on the form, but its table {} it",
            if acted { "acts" } else { "does nothing" },
            if listed { "lists" } else { "does not list" }
        );
    }
}

/// The components without a text field take no key their table does not list:
/// any other key leaves everything as it was (the help alone closes on any
/// other key, as its module says). With the test above, a key works if and
/// only if a hint names it.
#[test]
fn a_key_no_hint_names_does_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut keys: Vec<String> = ('a'..='z').chain('0'..='9').map(String::from).collect();
    for k in [
        "esc",
        "enter",
        "tab",
        "shift-tab",
        "up",
        "down",
        "left",
        "right",
        "home",
        "end",
        "pageup",
        "pagedown",
        "space",
        "backspace",
        "delete",
        "ctrl-c",
        "ctrl-s",
        "alt-enter",
        "f1",
        "f5",
    ] {
        keys.push(k.to_string());
    }
    let all = states(dir.path());
    let mut checked = 0;
    for (i, (name, state)) in all.iter().enumerate() {
        if matches!(
            *name,
            "insert" | "search" | "timer" | "form" | "help" | "lanes: title" | "personas: name"
        ) {
            continue;
        }
        let hints = state.overlay.hints();
        for k in &keys {
            let key = Key::parse(k).unwrap_or_else(|| panic!("{k}"));
            if hints.iter().any(|h| h.keys.contains(&key)) {
                continue;
            }
            let (_, mut a) = state_at(dir.path(), i);
            let before = seen(&a);
            let effect = update(&mut a, event(&key));
            assert!(
                effect.is_none() && seen(&a) == before,
                "{name}: {k}, which no hint names, did something: {effect:?}"
            );
            checked += 1;
        }
    }
    assert!(checked > 300, "{checked} keys checked");
}
