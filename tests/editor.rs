//! The editor's `update` and `view` without a terminal: every action, forms and
//! prompts, random key sequences, and snapshots of the screen on TestBackend.

mod common;

use cjm::edit::History;
use cjm::format::{self, load_str, write};
use cjm::model::Lane;
use cjm::tui::app::{App, Cursor, Effect, Overlay, Prompt};
use cjm::tui::update::update;
use cjm::tui::view::view;
use common::keys::press;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

const GOLDEN: &str = include_str!("data/design-example.ron");
const ESPRESSO: &str = include_str!("../maps/espresso.ron");

fn app(text: &str) -> App {
    let mut a = App::new(load_str(text).unwrap().map, "map.ron".into());
    a.size = (120, 40);
    a
}

fn key(code: KeyCode, mods: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, mods))
}

fn at(app: &App) -> (usize, Lane, usize) {
    (app.cursor.stage, app.cursor.lane, app.cursor.item)
}

#[test]
fn moving_between_stages_lanes_and_items() {
    let mut a = app(ESPRESSO);
    press(&mut a, &["l", "l"]);
    assert_eq!(at(&a), (2, Lane::Actions, 0));
    press(&mut a, &["h"]);
    assert_eq!(at(&a).0, 1);
    press(&mut a, &["j"]);
    assert_eq!(at(&a), (1, Lane::Actions, 1));
    let n = a.doc.map.stages[1].actions.len();
    for _ in 1..n {
        press(&mut a, &["j"]);
    }
    assert_eq!(
        at(&a).1,
        Lane::Thoughts,
        "down past the last item enters the next lane"
    );
    press(&mut a, &["k"]);
    assert_eq!(
        at(&a),
        (1, Lane::Actions, n - 1),
        "up from the first item ends on the previous lane's last"
    );
    press(&mut a, &["tab", "tab"]);
    assert_eq!(at(&a), (1, Lane::Touchpoints, 0));
    press(&mut a, &["shift-tab"]);
    assert_eq!(at(&a).1, Lane::Thoughts);
    press(&mut a, &["G"]);
    assert_eq!(at(&a).0, 4);
    press(&mut a, &["l"]);
    assert_eq!(at(&a).0, 4, "no stage after the last");
    press(&mut a, &["g"]);
    assert_eq!(at(&a).0, 0);
}

#[test]
fn add_an_item_by_typing_enter_keeps_esc_drops() {
    let mut a = app(GOLDEN);
    press(&mut a, &["a", "Reads the manual", "enter"]);
    assert_eq!(
        a.doc.map.stages[0].actions,
        ["Watches a latte-art reel", "Reads the manual"]
    );
    assert_eq!(at(&a), (0, Lane::Actions, 1));
    assert!(a.doc.is_dirty());
    press(&mut a, &["a", "Dropped text", "esc", "y"]);
    assert_eq!(a.doc.map.stages[0].actions.len(), 2);
    // Structured lanes take the main text and defaults.
    press(&mut a, &["tab", "tab", "tab", "a", "Hopeful", "enter"]);
    let e = &a.doc.map.stages[0].emotions[1];
    assert_eq!((e.label.as_str(), e.score), ("Hopeful", 3));
    press(&mut a, &["u", "u"]);
    assert_eq!(write(&a.doc.map), GOLDEN);
    assert!(!a.doc.is_dirty());
}

/// Seventy characters typed and one Esc: the box asks before it throws them
/// away, as a form with changes does; `n` goes back to typing with the text
/// whole, `y` discards it and says so. A box with nothing typed closes at once.
#[test]
fn esc_in_the_edit_box_asks_before_it_drops_what_was_typed() {
    let mut a = app(GOLDEN);
    let long = "Asks the barista which grinder suits a small kitchen and a tight budget";
    assert!(long.chars().count() >= 70);
    press(&mut a, &["a", long, "esc"]);
    match &a.overlay {
        Overlay::Insert(b) => assert_eq!(b.input.text(), long, "still there"),
        o => panic!("Esc dropped the text: {o:?}, {:?}", a.message),
    }
    let s = screen(&a, 120, 40);
    assert!(s.contains("Discard what you typed?"), "{s}");
    assert!(s.contains("y discard the text"), "{s}");
    // A paste while it asks is not typed into the text.
    update(&mut a, Event::Paste("pasted".into()));
    assert!(
        matches!(&a.overlay, Overlay::Insert(b) if b.confirm_discard && b.input.text() == long)
    );
    press(&mut a, &["n", " now", "enter"]);
    assert_eq!(
        a.doc.map.stages[0].actions.last().map(String::as_str),
        Some(format!("{long} now").as_str())
    );
    press(&mut a, &["a", long, "esc", "y"]);
    assert!(matches!(a.overlay, Overlay::None));
    assert_eq!(a.doc.map.stages[0].actions.len(), 2);
    assert!(
        a.message
            .as_ref()
            .is_some_and(|(m, _)| m.contains("discarded"))
    );
    press(&mut a, &["a", "esc"]);
    assert!(
        matches!(a.overlay, Overlay::None),
        "nothing typed, nothing asked"
    );
    // Editing an item and changing nothing closes at once too.
    press(&mut a, &["e", "esc"]);
    assert!(matches!(a.overlay, Overlay::None));
}

/// A form's text fields wrap as the edit box does: a touchpoint's long name is
/// seen whole on a laptop's 80×24, while it is typed and after, and typing in
/// the middle of it keeps the cursor on the word being typed.
#[test]
fn a_long_value_in_a_form_wraps_and_stays_in_view() {
    let name =
        "Booking confirmation email with the hotel's address, check-in time and a link to the app";
    assert!(name.chars().count() > 80);
    let squash = |lines: Vec<String>| -> String {
        lines
            .join(" ")
            .replace('│', " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut a = app(GOLDEN);
    a.size = (80, 24);
    press(&mut a, &["tab", "tab", "enter", "ctrl-u", name]);
    assert!(matches!(a.overlay, Overlay::Form(_)));
    // Inside the form's box, which is centred and at most 72 wide.
    let inside = ratatui::layout::Rect::new(5, 0, 70, 24);
    let typing = squash(common::screen::text_of(
        &common::screen::draw(&a, 80, 24),
        inside,
    ));
    assert!(typing.contains(name), "while typing:\n{typing}");
    press(&mut a, &["tab"]);
    let after = squash(common::screen::text_of(
        &common::screen::draw(&a, 80, 24),
        inside,
    ));
    assert!(after.contains(name), "after typing:\n{after}");
    assert!(after.contains("Channel"), "the next field is on screen too");
    press(&mut a, &["enter"]);
    assert_eq!(a.doc.map.stages[0].touchpoints[0].name, name);
}

/// A KPI's card reads as the detail panel, the slides and every export word
/// it, `120000 (target 150000)`, not with the diff's old → new arrow.
#[test]
fn a_kpi_card_words_its_numbers_as_everywhere_else() {
    let a = app(GOLDEN);
    let m = &a.doc.map.stages[0].metrics[0];
    let want = cjm::model::wording::metric(m);
    let values = want.trim_start_matches("Reel reach: ");
    assert_eq!(values, "120000 (target 150000)");
    let s = screen(&a, 120, 40);
    assert!(s.contains(values), "{s}");
    assert!(!s.contains("120000 → 150000"), "{s}");
}

#[test]
fn edit_text_inline_and_structured_items_in_a_form() {
    let mut a = app(GOLDEN);
    press(&mut a, &["e", "ctrl-u", "Scrolls past a reel", "enter"]);
    assert_eq!(a.doc.map.stages[0].actions[0], "Scrolls past a reel");
    press(&mut a, &["tab", "tab", "enter"]);
    assert!(matches!(a.overlay, Overlay::Form(_)));
    press(&mut a, &["tab", "esc"]);
    assert!(matches!(a.overlay, Overlay::None));
    press(&mut a, &["e", "tab", "Email", "enter"]);
    assert_eq!(a.doc.map.stages[0].touchpoints[0].channel, "SocialEmail");
    // A KPI: numbers are checked; a bad one keeps the form open with the error.
    press(
        &mut a,
        &[
            "tab", "tab", "tab", "tab", "e", "tab", "ctrl-u", "lots", "enter",
        ],
    );
    match &a.overlay {
        Overlay::Form(f) => assert!(f.error.as_deref().unwrap().contains("must be a number")),
        o => panic!("{o:?}"),
    }
    press(
        &mut a,
        &["ctrl-u", "125000,5", "tab", "tab", "views", "enter"],
    );
    let m = &a.doc.map.stages[0].metrics[0];
    assert_eq!((m.current, m.unit.as_str()), (Some(125000.5), "views"));
    // An empty required field is refused.
    press(&mut a, &["e", "ctrl-u", "enter"]);
    match &a.overlay {
        Overlay::Form(f) => assert!(f.error.as_deref().unwrap().contains("cannot be empty")),
        o => panic!("{o:?}"),
    }
    press(&mut a, &["esc"]);
    assert_eq!(a.doc.map.stages[0].metrics[0].name, "Reel reach");
}

#[test]
fn choices_in_forms() {
    let mut a = app(GOLDEN);
    // Optimization: text, owner, priority, status.
    press(
        &mut a,
        &[
            "tab", "tab", "tab", "tab", "tab", "e", "tab", "tab", "left", "tab", "d", "enter",
        ],
    );
    let o = &a.doc.map.stages[0].optimizations[0];
    assert_eq!(o.priority, cjm::model::Level::Medium);
    assert_eq!(o.status, cjm::model::Status::Done);
}

/// Impact and effort are choices in the optimization form: a digit scores,
/// `n` takes a score back, the card shows `I4 E2`, and undo restores each step.
#[test]
fn impact_and_effort_in_the_optimization_form() {
    let mut a = app(GOLDEN);
    // Optimization: text, owner, priority, status, impact, effort.
    press(&mut a, &["tab", "tab", "tab", "tab", "tab", "e"]);
    press(
        &mut a,
        &["tab", "tab", "tab", "tab", "4", "tab", "2", "enter"],
    );
    let o = &a.doc.map.stages[0].optimizations[0];
    assert_eq!((o.impact, o.effort), (Some(4), Some(2)));
    assert_eq!(a.doc.map.format_version(), 4);
    assert!(
        screen(&a, 120, 40).contains("I4 E2"),
        "{}",
        screen(&a, 120, 40)
    );
    press(&mut a, &["e", "tab", "tab", "tab", "tab", "n", "enter"]);
    let o = &a.doc.map.stages[0].optimizations[0];
    assert_eq!((o.impact, o.effort), (None, Some(2)));
    press(&mut a, &["u"]);
    assert_eq!(a.doc.map.stages[0].optimizations[0].impact, Some(4));
    press(&mut a, &["u"]);
    assert_eq!(write(&a.doc.map), GOLDEN, "back to the format-1 bytes");
}

#[test]
fn delete_and_undo_redo() {
    let mut a = app(GOLDEN);
    press(&mut a, &["d"]);
    assert!(a.doc.map.stages[0].actions.is_empty());
    press(&mut a, &["d"]);
    assert_eq!(a.message.as_ref().unwrap().0, "Nothing to delete here");
    press(&mut a, &["ctrl-z"]);
    assert_eq!(a.doc.map.stages[0].actions.len(), 1);
    press(&mut a, &["ctrl-r"]);
    assert!(a.doc.map.stages[0].actions.is_empty());
    press(&mut a, &["u", "ctrl-y"]);
    assert!(a.doc.map.stages[0].actions.is_empty());
    press(&mut a, &["u"]);
    assert_eq!(write(&a.doc.map), GOLDEN);
}

#[test]
fn stages_add_rename_move_delete() {
    let mut a = app(GOLDEN);
    press(&mut a, &["A", "Consideration", "enter"]);
    assert_eq!(a.doc.map.stages.len(), 2);
    assert_eq!(a.doc.map.stages[1].id, "consideration");
    assert_eq!(at(&a).0, 1);
    press(&mut a, &["A", "Consideration", "enter"]);
    assert_eq!(a.doc.map.stages[2].id, "consideration-2", "ids stay unique");
    press(
        &mut a,
        &[
            "r",
            "ctrl-u",
            "Decision",
            "tab",
            "Make paying easy",
            "enter",
        ],
    );
    assert_eq!(a.doc.map.stages[2].name, "Decision");
    assert_eq!(a.doc.map.stages[2].goal, "Make paying easy");
    assert_eq!(
        a.doc.map.stages[2].id, "consideration-2",
        "a rename keeps the id"
    );
    press(&mut a, &["H", "H"]);
    assert_eq!(a.doc.map.stages[0].name, "Decision");
    assert_eq!(at(&a).0, 0);
    press(&mut a, &["H"]);
    assert_eq!(
        a.doc.map.stages[0].name, "Decision",
        "no move past the edge"
    );
    press(&mut a, &["L"]);
    assert_eq!(a.doc.map.stages[1].name, "Decision");
    press(&mut a, &["D"]);
    assert!(matches!(a.overlay, Overlay::Prompt(Prompt::DeleteStage(1))));
    press(&mut a, &["n"]);
    assert_eq!(a.doc.map.stages.len(), 3);
    press(&mut a, &["D", "y"]);
    assert_eq!(a.doc.map.stages.len(), 2);
    assert!(format::errors(&a.doc.map).is_empty());
    while a.doc.history.can_undo() {
        press(&mut a, &["u"]);
    }
    assert_eq!(write(&a.doc.map), GOLDEN);
}

#[test]
fn move_items_within_a_lane() {
    let mut a = app(ESPRESSO);
    let first = a.doc.map.stages[0].actions[0].clone();
    press(&mut a, &["J"]);
    assert_eq!(a.doc.map.stages[0].actions[1], first);
    assert_eq!(at(&a).2, 1, "the selection follows the item");
    press(&mut a, &["K", "K"]);
    assert_eq!(a.doc.map.stages[0].actions[0], first);
}

#[test]
fn scores_severities_priorities() {
    let mut a = app(GOLDEN);
    press(&mut a, &["tab", "tab", "tab"]);
    press(&mut a, &["+", "+", "+"]);
    assert_eq!(a.doc.map.stages[0].emotions[0].score, 5, "clamped at 5");
    press(&mut a, &["1"]);
    assert_eq!(a.doc.map.stages[0].emotions[0].score, 1);
    press(&mut a, &["-"]);
    assert_eq!(a.doc.map.stages[0].emotions[0].score, 1);
    press(&mut a, &["4"]);
    press(&mut a, &["tab", "-"]);
    assert_eq!(
        a.doc.map.stages[0].pain_points[0].severity,
        cjm::model::Level::Medium
    );
    press(&mut a, &["tab", "-", "-"]);
    assert_eq!(
        a.doc.map.stages[0].optimizations[0].priority,
        cjm::model::Level::Low
    );
    press(&mut a, &["tab", "+"]);
    assert!(a.message.as_ref().unwrap().0.contains("+ and -"));
    press(&mut a, &["3"]);
    assert!(a.message.as_ref().unwrap().0.contains("emotion"));
}

#[test]
fn persona_and_map_info_forms() {
    let mut a = app(GOLDEN);
    press(&mut a, &["p"]);
    let Overlay::Form(f) = &a.overlay else {
        panic!()
    };
    let labels: Vec<_> = f.fields.iter().map(|f| f.label.as_str()).collect();
    assert_eq!(&labels[..4], ["Name", "Role", "Quote", "Summary"]);
    // Down to the empty goal after the existing one, type a new goal.
    press(
        &mut a,
        &[
            "down",
            "down",
            "down",
            "down",
            "down",
            "Pull a shot in 30 s",
            "enter",
        ],
    );
    assert_eq!(
        a.doc.map.persona.goals,
        ["Make a good flat white at home", "Pull a shot in 30 s"]
    );
    assert_eq!(a.doc.map.persona.traits.len(), 2, "traits survive the form");
    press(&mut a, &["i", "ctrl-u", "New title", "enter"]);
    assert_eq!(a.doc.map.title, "New title");
    press(&mut a, &["i", "ctrl-u", "enter"]);
    assert!(
        matches!(a.overlay, Overlay::Form(_)),
        "an empty title is refused"
    );
    press(&mut a, &["esc", "y", "u", "u"]);
    assert_eq!(write(&a.doc.map), GOLDEN);
}

#[test]
fn search_moves_to_each_match() {
    let mut a = app(ESPRESSO);
    press(&mut a, &["/", "grinder", "enter"]);
    let first = a.cursor;
    assert!(a.message.as_ref().unwrap().0.starts_with("Match 1 of"));
    press(&mut a, &["n"]);
    assert_ne!(a.cursor, first);
    press(&mut a, &["N"]);
    assert_eq!(a.cursor, first);
    press(&mut a, &["/", "ctrl-u", "zzzz-nothing", "enter"]);
    assert!(a.message.as_ref().unwrap().0.starts_with("No match"));
}

#[test]
fn quit_asks_when_dirty() {
    let mut a = app(GOLDEN);
    assert_eq!(press(&mut a, &["q"]), vec![Effect::Quit]);
    press(&mut a, &["d"]);
    assert!(press(&mut a, &["q"]).is_empty());
    assert!(matches!(a.overlay, Overlay::Prompt(Prompt::Quit)));
    assert!(press(&mut a, &["esc"]).is_empty());
    assert!(matches!(a.overlay, Overlay::None));
    press(&mut a, &["q"]);
    assert_eq!(
        press(&mut a, &["y"]),
        vec![Effect::Save {
            force: false,
            then_quit: true
        }]
    );
    press(&mut a, &["ctrl-c"]);
    assert_eq!(press(&mut a, &["n"]), vec![Effect::Quit]);
}

#[test]
fn save_and_external_edit_are_effects() {
    let mut a = app(GOLDEN);
    assert_eq!(
        press(&mut a, &["ctrl-s"]),
        vec![Effect::Save {
            force: false,
            then_quit: false
        }]
    );
    assert_eq!(
        press(&mut a, &["E"]),
        vec![Effect::ExternalEdit(GOLDEN.to_string())]
    );
    a.doc.has_comments = true;
    assert!(press(&mut a, &["ctrl-s"]).is_empty());
    assert!(matches!(
        a.overlay,
        Overlay::Prompt(Prompt::DropComments { .. })
    ));
    assert_eq!(
        press(&mut a, &["y"]),
        vec![Effect::Save {
            force: false,
            then_quit: false
        }]
    );
    assert_eq!(
        press(&mut a, &["ctrl-s"]),
        vec![Effect::Save {
            force: false,
            then_quit: false
        }],
        "asked once"
    );
}

#[test]
fn saving_for_real_and_the_changed_on_disk_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    std::fs::write(&path, GOLDEN).unwrap();
    let mut a = cjm::tui::run::open(&path).unwrap();
    press(&mut a, &["a", "Another action", "enter"]);
    assert!(cjm::tui::session::save(&mut a, false));
    assert!(!a.doc.is_dirty());
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains("\"Another action\""));
    // Someone else leaves a file that cannot be merged (it does not load):
    // saving asks instead of overwriting. (One that loads is merged: tests/sync.rs.)
    std::fs::write(&path, "<<<<<<< not a map").unwrap();
    press(&mut a, &["d"]);
    assert!(!cjm::tui::session::save(&mut a, false));
    assert!(matches!(
        a.overlay,
        Overlay::Prompt(Prompt::ChangedOnDisk { .. })
    ));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "<<<<<<< not a map");
    std::fs::write(&path, GOLDEN).unwrap();
    assert_eq!(press(&mut a, &["r"]), vec![Effect::Reload]);
    cjm::tui::session::reload(&mut a);
    assert_eq!(write(&a.doc.map), GOLDEN);
    assert!(!a.doc.is_dirty());
    press(&mut a, &["u"]);
    assert!(a.doc.is_dirty(), "undo brings back our version");
}

#[test]
fn a_missing_file_offers_templates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new-journey.ron");
    let mut a = cjm::tui::run::open(&path).unwrap();
    assert!(matches!(
        a.overlay,
        Overlay::Templates(cjm::tui::app::Templates { selected: 0 })
    ));
    press(&mut a, &["j", "enter"]);
    assert_eq!(a.doc.map.framework, "six-stage");
    assert_eq!(a.doc.map.title, "New journey");
    assert!(a.doc.is_dirty());
    assert!(cjm::tui::session::save(&mut a, false));
    assert!(load_str(&std::fs::read_to_string(&path).unwrap()).is_ok());
}

#[test]
fn a_picked_template_is_one_undoable_change_and_the_new_file_stays_unsaved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new-journey.ron");
    let mut a = cjm::tui::run::open(&path).unwrap();
    let blank = a.doc.map.clone();
    press(&mut a, &["j", "enter"]);
    assert_eq!(a.doc.map.framework, "six-stage");
    press(&mut a, &["u"]);
    assert_eq!(a.doc.map, blank, "undo takes the template back");
    assert!(a.doc.is_dirty(), "a file not on disk yet is unsaved");
    press(&mut a, &["ctrl-r"]);
    assert_eq!(a.doc.map.framework, "six-stage", "redo brings it again");
}

#[test]
fn invalid_file_is_refused_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, GOLDEN.replace("score: 4", "score: 9")).unwrap();
    let e = cjm::tui::run::open(&path).err().unwrap();
    assert!(
        e.to_string().contains("bad.ron:50:28: emotion score 9"),
        "{e}"
    );
}

#[test]
fn paste_inserts_text_without_control_characters() {
    let mut a = app(GOLDEN);
    press(&mut a, &["a"]);
    update(&mut a, Event::Paste("pasted\u{1b}[31m text\n".into()));
    press(&mut a, &["enter"]);
    assert_eq!(a.doc.map.stages[0].actions[1], "pasted[31m text ");
}

#[test]
fn mouse_click_selects_and_wheel_scrolls() {
    let mut a = app(ESPRESSO);
    // The grid alone: the detail panel (on from 30 rows) would take the lines
    // that show Touchpoints.
    a.panels.detail = Some(false);
    // In the lane of the click, so that its cards are in view.
    a.cursor.lane = Lane::Touchpoints;
    let g = cjm::tui::layout::grid(&a, ratatui::layout::Rect::new(0, 0, 120, 40));
    let col = g.columns[2].clone();
    let row = g
        .rows
        .iter()
        .find(|r| r.lane == Lane::Touchpoints)
        .unwrap()
        .clone();
    let click = |x, y| {
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: x,
            row: y,
            modifiers: KeyModifiers::NONE,
        })
    };
    // The first card takes two lines: its name, then its channel.
    update(&mut a, click(col.x + 2, row.y + 2));
    assert_eq!(
        a.cursor,
        Cursor {
            stage: 2,
            lane: Lane::Touchpoints,
            item: 1
        }
    );
    let wheel = Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 0,
        row: 0,
        modifiers: KeyModifiers::NONE,
    });
    update(&mut a, wheel);
    assert_eq!(a.cursor.item, 2);
}

#[test]
fn key_release_events_are_ignored() {
    let mut a = app(GOLDEN);
    let mut release = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    update(&mut a, Event::Key(release));
    assert_eq!(a.doc.map.stages[0].actions.len(), 1);
}

#[test]
fn an_empty_map_asks_for_a_stage() {
    let mut a = app(GOLDEN);
    a.doc.map.stages.clear();
    a.doc.history = History::new();
    press(&mut a, &["a"]);
    assert!(a.message.as_ref().unwrap().0.contains("A adds one"));
    press(&mut a, &["j", "k", "l", "h", "d", "J", "+", "e", "r", "D"]);
    press(&mut a, &["A", "First", "enter"]);
    assert_eq!(a.doc.map.stages.len(), 1);
}

#[test]
fn a_bad_external_edit_is_only_discarded_on_d() {
    let mut a = app(GOLDEN);
    a.overlay = Overlay::Prompt(Prompt::ExternalError {
        text: "JourneyMap(".into(),
        error: "map:1:12: …".into(),
    });
    press(&mut a, &["esc"]);
    assert!(
        matches!(a.overlay, Overlay::Prompt(Prompt::ExternalError { .. })),
        "Esc does not throw the edit away"
    );
    assert_eq!(
        press(&mut a, &["e"]),
        vec![Effect::ExternalEdit("JourneyMap(".into())],
        "e reopens the edited text"
    );
    a.overlay = Overlay::Prompt(Prompt::ExternalError {
        text: "x".into(),
        error: "e".into(),
    });
    press(&mut a, &["d"]);
    assert!(matches!(a.overlay, Overlay::None));
    assert_eq!(write(&a.doc.map), GOLDEN);
}

#[test]
fn ctrl_c_cancels_typing_forms_and_search() {
    let mut a = app(GOLDEN);
    // Typed text is asked about first, as a changed form is.
    press(&mut a, &["a", "half typed", "ctrl-c"]);
    assert!(matches!(&a.overlay, Overlay::Insert(b) if b.confirm_discard));
    press(&mut a, &["y"]);
    assert!(matches!(a.overlay, Overlay::None));
    assert_eq!(a.doc.map.stages[0].actions.len(), 1);
    press(&mut a, &["p", "ctrl-c"]);
    assert!(matches!(a.overlay, Overlay::None));
    press(&mut a, &["/", "x", "ctrl-c"]);
    assert!(matches!(a.overlay, Overlay::None));
}

#[test]
fn a_first_letter_cycles_through_choices() {
    let mut a = app(GOLDEN);
    // Optimization form: text, owner, priority, status (Planned).
    // From Planned: i → InProgress, i → Idea, i → InProgress.
    press(
        &mut a,
        &[
            "tab", "tab", "tab", "tab", "tab", "e", "tab", "tab", "tab", "i", "i", "i", "enter",
        ],
    );
    assert_eq!(
        a.doc.map.stages[0].optimizations[0].status,
        cjm::model::Status::InProgress
    );
}

#[test]
fn restore_prompt_replaces_the_map_undoably() {
    let mut a = app(GOLDEN);
    let mut other = a.doc.map.clone();
    other.title = "Recovered".into();
    a.overlay = Overlay::Prompt(Prompt::Restore {
        offers: vec![cjm::tui::app::Offer {
            found: cjm::recovery::Found {
                path: "recovery.ron".into(),
                kind: cjm::recovery::Kind::Autosave,
                session: "1-2".into(),
                text: write(&other),
                written: std::time::SystemTime::now(),
                older: false,
            },
            when: "now".into(),
            content: cjm::tui::app::Offered::Map(Box::new(other)),
        }],
        selected: 0,
    });
    press(&mut a, &["y"]);
    assert_eq!(a.doc.map.title, "Recovered");
    assert!(a.doc.is_dirty());
    press(&mut a, &["u"]);
    assert_eq!(write(&a.doc.map), GOLDEN);
}

// ---- random key sequences ----

fn any_key() -> impl Strategy<Value = Event> {
    let keys: Vec<Event> = "hjklaAdDJKHLeE+-12345rpiuUnNq/?gGyxoé🎉 z"
        // Space (above) shows and hides the detail panel, P the persona panel;
        // v V vote, S sorts a lane by votes; m and y (above) ask where to move
        // or copy an item, > and < move it a stage.
        .chars()
        // b opens the lane menu ([ ] move a lane); after ', f and s reach
        // a blueprint's frontstage and support lanes.
        .chain("PvVSm<>b[]fs".chars())
        .map(|c| {
            key(
                KeyCode::Char(c),
                if c.is_uppercase() {
                    KeyModifiers::SHIFT
                } else {
                    KeyModifiers::NONE
                },
            )
        })
        .chain([
            key(KeyCode::Enter, KeyModifiers::NONE),
            key(KeyCode::Esc, KeyModifiers::NONE),
            key(KeyCode::Tab, KeyModifiers::NONE),
            key(KeyCode::BackTab, KeyModifiers::SHIFT),
            key(KeyCode::Backspace, KeyModifiers::NONE),
            key(KeyCode::Left, KeyModifiers::NONE),
            key(KeyCode::Right, KeyModifiers::NONE),
            key(KeyCode::Up, KeyModifiers::NONE),
            key(KeyCode::Down, KeyModifiers::NONE),
            key(KeyCode::Char('z'), KeyModifiers::CONTROL),
            key(KeyCode::Char('r'), KeyModifiers::CONTROL),
            key(KeyCode::Char('w'), KeyModifiers::CONTROL),
            key(KeyCode::Char('u'), KeyModifiers::CONTROL),
            key(KeyCode::PageDown, KeyModifiers::NONE),
            // Presentation mode: F5 in, its own keys, 6–9 jump to stages.
            key(KeyCode::F(5), KeyModifiers::NONE),
            key(KeyCode::PageUp, KeyModifiers::NONE),
            key(KeyCode::Home, KeyModifiers::NONE),
            key(KeyCode::End, KeyModifiers::NONE),
            key(KeyCode::Char('7'), KeyModifiers::NONE),
            key(KeyCode::Char('\''), KeyModifiers::NONE), // lane prefix (then d t c e p o k)
            key(KeyCode::Char('c'), KeyModifiers::NONE), // ' c: Touchpoints; alone, c toggles the compare curve
            key(KeyCode::Char('t'), KeyModifiers::NONE), // ' t: Thinking
            key(KeyCode::Char('s'), KeyModifiers::CONTROL), // form save; the discard question
            Event::Paste("p\u{1b}\n".into()),
        ])
        .collect();
    prop::sample::select(keys)
}

/// A click, release, drag or wheel turn anywhere on (or just off) the screen.
fn any_mouse() -> impl Strategy<Value = Event> {
    let kinds = vec![
        MouseEventKind::Down(MouseButton::Left),
        MouseEventKind::Up(MouseButton::Left),
        MouseEventKind::Drag(MouseButton::Left),
        MouseEventKind::Down(MouseButton::Right),
        MouseEventKind::ScrollDown,
        MouseEventKind::ScrollUp,
        MouseEventKind::Moved,
    ];
    (prop::sample::select(kinds), 0u16..150, 0u16..60).prop_map(|(kind, column, row)| {
        Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    })
}

/// Keys mostly, then mouse events and resizes to any size.
fn any_event() -> impl Strategy<Value = Event> {
    prop_oneof![
        8 => any_key(),
        2 => any_mouse(),
        1 => (1u16..140, 1u16..50).prop_map(|(w, h)| Event::Resize(w, h)),
    ]
}

fn example(i: usize) -> &'static str {
    [
        GOLDEN,
        ESPRESSO,
        include_str!("../maps/saas-trial.ron"),
        include_str!("../maps/magazine-subscription.ron"),
        include_str!("../maps/hospital-visit.ron"),
        include_str!("../maps/hotel-blueprint.ron"),
    ][i % 6]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_key_sequence_keeps_the_map_valid_and_undoes_to_the_original(
        which in 0usize..6,
        keys in prop::collection::vec(any_event(), 0..80),
        w in 1u16..140,
        h in 1u16..50,
        compare in any::<bool>(),
    ) {
        let original = example(which);
        let mut a = app(original);
        // Half the runs compare with another example, so `c` and the dimmed
        // curve meet every key and size too.
        if compare {
            a.compare = Some(cjm::tui::app::Comparison::new(
                "HEAD~1:map.ron",
                load_str(example(which + 1)).unwrap().map,
            ));
        }
        // Laid out and drawn at the size drawn for the run, and at each new
        // size a resize brings.
        a.size = (w, h);
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        for k in keys {
            if let Event::Resize(w, h) = k {
                term = Terminal::new(TestBackend::new(w, h)).unwrap();
            }
            update(&mut a, k);
            prop_assert_eq!(a.size, {
                let r = term.backend().buffer().area;
                (r.width, r.height)
            });
            prop_assert!(format::errors(&a.doc.map).is_empty(), "{:?}", format::errors(&a.doc.map));
            term.draw(|f| view(&a, f)).unwrap();
        }
        for _ in 0..3 {
            update(&mut a, key(KeyCode::Esc, KeyModifiers::NONE));
        }
        while a.doc.history.can_undo() {
            prop_assert!(a.doc.history.undo(&mut a.doc.map));
        }
        prop_assert_eq!(write(&a.doc.map), original);
    }
}

// ---- snapshots of the screen ----

fn screen(a: &App, w: u16, h: u16) -> String {
    common::screen::text(a, w, h)
}

fn sized(text: &str, w: u16, h: u16) -> App {
    let mut a = app(text);
    a.size = (w, h);
    a
}

#[test]
fn snapshot_grids_of_every_example_at_two_sizes() {
    for name in [
        "espresso",
        "saas-trial",
        "magazine-subscription",
        "hospital-visit",
    ] {
        let text =
            std::fs::read_to_string(format!("{}/maps/{name}.ron", env!("CARGO_MANIFEST_DIR")))
                .unwrap();
        for (w, h) in [(120, 40), (80, 24)] {
            let a = sized(&text, w, h);
            insta::assert_snapshot!(format!("grid-{name}-{w}x{h}"), screen(&a, w, h));
        }
    }
}

#[test]
fn snapshot_overlays() {
    let mut a = sized(ESPRESSO, 100, 30);
    press(&mut a, &["?"]);
    insta::assert_snapshot!("help", screen(&a, 100, 30));
    press(&mut a, &["esc", "tab", "tab", "tab", "tab", "tab", "e"]);
    insta::assert_snapshot!("form-optimization", screen(&a, 100, 30));
    press(&mut a, &["esc", "d", "q"]);
    insta::assert_snapshot!("quit-prompt", screen(&a, 100, 30));
    press(&mut a, &["esc", "a", "Typing a new pain point"]);
    insta::assert_snapshot!("insert", screen(&a, 100, 30));
}

#[test]
fn snapshot_too_small() {
    let a = sized(ESPRESSO, 30, 8);
    insta::assert_snapshot!("too-small", screen(&a, 30, 8));
}

/// However small the terminal, the editor says it is too small (as much of the
/// sentence as fits, from its start) and draws nothing of the grid; at the minimum
/// size the grid is back.
#[test]
fn a_terminal_of_any_size_below_the_minimum_shows_only_that_it_is_too_small() {
    for (w, h) in [
        (1, 1),
        (0, 0),
        (2, 40),
        (200, 1),
        (200, 11),
        (39, 12),
        (39, 200),
    ] {
        let shown = screen(&sized(ESPRESSO, w, h), w, h);
        let lines: Vec<&str> = shown
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let size = format!("{w}×{h}, need 40×12");
        for l in &lines {
            assert!(
                "Terminal too small".starts_with(l) || size.starts_with(l),
                "{w}×{h}: {l:?} is not part of the message:\n{shown}"
            );
        }
        if w > 0 && h > 0 {
            let first = lines.first().copied().unwrap_or_default();
            assert!(
                !first.is_empty() && "Terminal too small".starts_with(first),
                "{w}×{h}: no message:\n{shown}"
            );
        }
        if w >= 18 {
            assert_eq!(lines.first(), Some(&"Terminal too small"), "{w}×{h}");
        }
        if w >= 18 && h >= 2 {
            assert_eq!(lines.get(1), Some(&size.as_str()), "{w}×{h}");
        }
    }
    let shown = screen(&sized(ESPRESSO, 40, 12), 40, 12);
    assert!(!shown.contains("too small"), "{shown}");
    assert!(shown.contains("Awareness"), "{shown}");
}

#[test]
fn snapshot_many_stages_scrolled_to_the_last() {
    let mut m = load_str(ESPRESSO).unwrap().map;
    let base = m.stages.clone();
    for round in 1..4 {
        for s in &base {
            let mut s = s.clone();
            s.id = format!("{}-{round}", s.id);
            s.name = format!("{} {round}", s.name);
            m.stages.push(s);
        }
    }
    let mut a = App::new(m, "many.ron".into());
    a.size = (120, 40);
    press(&mut a, &["G"]);
    let shot = screen(&a, 120, 40);
    assert!(shot.contains("20 Advocacy 3"), "{shot}");
    insta::assert_snapshot!("many-stages-last", shot);
}

#[test]
fn hostile_text_is_escaped_on_screen() {
    let hostile = GOLDEN.replace(
        "Watches a latte-art reel",
        "\\u{1b}]0;pwned\\u{7}\\u{1b}[2J reel\\u{202e}",
    );
    let a = sized(&hostile, 120, 40);
    let s = screen(&a, 120, 40);
    assert!(s.contains("\\u{1b}]0;pwned"), "{s}");
    assert!(!s.contains('\u{1b}') && !s.contains('\u{7}') && !s.contains('\u{202e}'));
}

// ---- merge conflicts recorded in the map ----

/// Espresso merged from a branch that changed the first emotion's score to 2
/// while ours changed it to 3, and one that renamed the title both ways.
fn conflicted() -> String {
    let base = load_str(ESPRESSO).unwrap().map;
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.stages[0].emotions[0].score = 3;
    theirs.stages[0].emotions[0].score = 2;
    ours.title = "Ours".into();
    theirs.title = "Theirs".into();
    let labels = [
        "base".to_string(),
        "HEAD".to_string(),
        "feature".to_string(),
    ];
    let (m, _) = cjm::diff::merge::merge_recorded(&base, &ours, &theirs, &labels);
    assert_eq!(m.conflicts.len(), 2);
    write(&m)
}

#[test]
fn a_conflicted_map_opens_says_how_many_and_steps_through_them() {
    let text = conflicted();
    let mut a = app(&text);
    let (msg, _) = a.message.clone().unwrap();
    assert!(
        msg.contains("2 merge conflicts") && msg.contains("x steps"),
        "{msg}"
    );
    assert!(screen(&a, 120, 40).contains("⚠ 2 CONFLICTS"));
    press(&mut a, &["x"]);
    let Overlay::Conflict(r) = a.overlay.clone() else {
        panic!("x opens the resolver: {:?}", a.overlay)
    };
    assert_eq!(r.index, 0);
    let s = screen(&a, 120, 40);
    assert!(s.contains("Merge conflict 1 of 2"), "{s}");
    assert!(
        s.contains("ours (HEAD) — in the map now") && s.contains("theirs (feature)"),
        "{s}"
    );
    // The next conflict is the emotion: its cell is selected on the grid.
    press(&mut a, &["x"]);
    assert!(matches!(a.overlay, Overlay::Conflict(r) if r.index == 1));
    assert_eq!(at(&a), (0, Lane::Emotions, 0));
    press(&mut a, &["esc"]);
    assert!(matches!(a.overlay, Overlay::None));
}

#[test]
fn each_resolution_is_one_undo_step_and_brings_the_conflict_back() {
    let text = conflicted();
    let mut a = app(&text);
    press(&mut a, &["x", "t"]);
    assert_eq!(a.doc.map.title, "Theirs");
    assert_eq!(a.doc.map.conflicts.len(), 1);
    // The resolver stays open on the one left; base is taken for it.
    press(&mut a, &["b"]);
    assert_eq!(a.doc.map.stages[0].emotions[0].score, 4);
    assert!(a.doc.map.conflicts.is_empty());
    assert!(matches!(a.overlay, Overlay::None));
    assert!(format::errors(&a.doc.map).is_empty());
    press(&mut a, &["u"]);
    assert_eq!(a.doc.map.conflicts.len(), 1);
    assert_eq!(
        a.doc.map.stages[0].emotions[0].score, 3,
        "ours is back in place"
    );
    press(&mut a, &["u"]);
    assert_eq!(
        write(&a.doc.map),
        text,
        "undoing both gives back the merged file"
    );
    assert!(!a.doc.is_dirty());
}

#[test]
fn a_hand_edit_is_kept_as_the_resolution() {
    let mut a = app(&conflicted());
    // Past the title's conflict, to the emotion: edit its score by hand…
    press(&mut a, &["x", "x", "esc", "5"]);
    assert_eq!(a.doc.map.stages[0].emotions[0].score, 5);
    // …and then taking ours cannot find what the merge left: it says so.
    press(&mut a, &["x", "x", "o"]);
    let (msg, _) = a.message.clone().unwrap();
    assert!(msg.contains("edited since the merge"), "{msg}");
    assert_eq!(a.doc.map.conflicts.len(), 2);
    press(&mut a, &["k"]);
    assert_eq!(a.doc.map.conflicts.len(), 1);
    assert_eq!(a.doc.map.stages[0].emotions[0].score, 5);
    press(&mut a, &["o"]);
    assert_eq!(a.doc.map.title, "Ours");
    assert!(a.doc.map.conflicts.is_empty());
    // No conflicts left: x says so instead of opening anything.
    press(&mut a, &["x"]);
    assert!(matches!(a.overlay, Overlay::None));
    assert!(a.message.clone().unwrap().0.contains("No merge conflicts"));
}

#[test]
fn taking_a_side_that_would_make_the_map_invalid_is_refused() {
    let base = load_str(ESPRESSO).unwrap().map;
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.stages[0].name = "Seeing".into();
    theirs.stages[0].name = "Noticing".into();
    let mut m = cjm::diff::merge::merge_recorded(
        &base,
        &ours,
        &theirs,
        &cjm::model::Conflict::plain_labels(),
    )
    .0;
    // A base side that is empty (as a stage name may be in a hand-made record).
    m.conflicts[0].base = Some(cjm::model::Element::Text(String::new()));
    let mut a = app(&write(&m));
    press(&mut a, &["x", "b"]);
    let (msg, _) = a.message.clone().unwrap();
    assert!(msg.contains("Cannot take that side"), "{msg}");
    assert_eq!(a.doc.map.stages[0].name, "Seeing");
    assert_eq!(a.doc.map.conflicts.len(), 1);
}

#[test]
fn the_resolver_draws_at_every_size_with_long_versions() {
    let base = load_str(ESPRESSO).unwrap().map;
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    let long = "a sentence a facilitator would type in a hurry ".repeat(40);
    ours.stages[0].pain_points[0].text = format!("Ours: {long}");
    theirs.stages[0].pain_points[0].text = format!("Theirs: {long}");
    let m = cjm::diff::merge::merge_recorded(
        &base,
        &ours,
        &theirs,
        &cjm::model::Conflict::plain_labels(),
    )
    .0;
    let mut a = app(&write(&m));
    press(&mut a, &["x"]);
    for (w, h) in [(80, 24), (120, 36), (200, 50), (20, 6), (1, 1)] {
        a.size = (w, h);
        let s = screen(&a, w, h);
        if w >= 80 {
            assert!(s.contains("Merge conflict 1 of 1"), "{w}x{h}\n{s}");
            assert!(s.contains("o take ours"), "{w}x{h}\n{s}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]

    /// Resolving, editing, undoing and redoing in any order: no panic, the map
    /// stays valid, and undoing everything gives back the merged file.
    #[test]
    fn any_keys_on_a_conflicted_map_keep_it_valid_and_undo_to_the_merge(
        keys in prop::collection::vec(prop::sample::select(vec![
            "x", "X", "n", "o", "t", "b", "k", "q", "esc", "u", "ctrl-r", "j", "l", "d", "5", "D", "y",
        ]), 0..60),
        w in 1u16..140,
        h in 1u16..50,
    ) {
        let original = conflicted();
        let mut a = app(&original);
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        for k in keys {
            press(&mut a, &[k]);
            prop_assert!(format::errors(&a.doc.map).is_empty());
            term.draw(|f| view(&a, f)).unwrap();
        }
        press(&mut a, &["esc", "esc"]);
        while a.doc.history.can_undo() {
            prop_assert!(a.doc.history.undo(&mut a.doc.map));
        }
        prop_assert_eq!(write(&a.doc.map), original);
    }
}

// ------------------------------------------------ moving cards between stages

fn message(a: &App) -> String {
    a.message
        .as_ref()
        .map(|(m, _)| m.clone())
        .unwrap_or_default()
}

fn pains(a: &App, stage: usize) -> Vec<(String, u32)> {
    a.doc.map.stages[stage]
        .pain_points
        .iter()
        .map(|p| (p.text.clone(), p.votes))
        .collect()
}

const TICKETS: &str = "Our name never appears in the reels she saves";

#[test]
fn greater_than_walks_a_card_along_the_stages_with_its_votes_one_undo_step_each() {
    let mut a = app(ESPRESSO);
    // The second pain point of Awareness, with two votes and high severity.
    press(&mut a, &["'", "p", "j", "v", "v", "+"]);
    let before = a.doc.map.stages[0].pain_points[1].clone();
    assert_eq!(before.votes, 2);
    press(&mut a, &[">"]);
    assert!(pains(&a, 0).iter().all(|(t, _)| t != TICKETS));
    assert_eq!(at(&a), (1, Lane::PainPoints, 1), "the card stays selected");
    assert_eq!(
        a.doc.map.stages[1].pain_points[1], before,
        "every field kept"
    );
    assert_eq!(
        message(&a),
        "Move pain point \"Our name never appears in the reels she…\" from Awareness to Consideration (u undoes)"
    );
    press(&mut a, &[">", ">"]);
    assert_eq!(at(&a), (3, Lane::PainPoints, 1));
    assert_eq!(a.doc.map.stages[3].pain_points[1], before);
    // One undo step per move, each naming the card and both stages.
    press(&mut a, &["u"]);
    assert_eq!(at(&a), (2, Lane::PainPoints, 1));
    assert_eq!(
        message(&a),
        "Undone: move pain point \"Our name never appears in the reels she…\" from Decision to Retention"
    );
    press(&mut a, &["u", "u"]);
    assert_eq!(a.doc.map.stages[0].pain_points[1], before);
    assert_eq!(at(&a), (0, Lane::PainPoints, 1));
    press(&mut a, &["ctrl-r"]);
    assert_eq!(at(&a), (1, Lane::PainPoints, 1));
    assert!(message(&a).starts_with("Redone: move pain point"));
    press(&mut a, &["<"]);
    assert_eq!(a.doc.map.stages[0].pain_points[1], before);
    assert_eq!(at(&a), (0, Lane::PainPoints, 1));
}

#[test]
fn a_card_that_cannot_move_says_why() {
    let mut a = app(ESPRESSO);
    press(&mut a, &["G", "'", "p"]);
    let map = a.doc.map.clone();
    press(&mut a, &[">"]);
    assert_eq!(
        message(&a),
        "Advocacy is the last stage: no stage after it to move the pain point to"
    );
    press(&mut a, &["g", "<"]);
    assert_eq!(
        message(&a),
        "Awareness is the first stage: no stage before it to move the pain point to"
    );
    press(&mut a, &["K"]);
    assert_eq!(message(&a), "Already the first pain point in Awareness");
    press(&mut a, &["j", "J"]);
    assert_eq!(message(&a), "Already the last pain point in Awareness");
    assert_eq!(a.doc.map, map, "nothing moved");
    assert!(!a.doc.is_dirty());
}

#[test]
fn m_sends_a_card_to_any_stage_and_lane_and_y_copies_it() {
    let mut a = app(ESPRESSO);
    press(&mut a, &["'", "p", "j", "v", "v"]);
    let card = a.doc.map.stages[0].pain_points[1].clone();
    // m, the stage's number, the lane's key (as after ').
    press(&mut a, &["m"]);
    assert!(matches!(a.overlay, Overlay::MoveTo(_)));
    press(&mut a, &["4"]);
    press(&mut a, &["enter"]);
    assert!(matches!(a.overlay, Overlay::None));
    assert_eq!(at(&a), (3, Lane::PainPoints, 1));
    assert_eq!(a.doc.map.stages[3].pain_points[1], card);
    press(&mut a, &["u"]);
    assert_eq!(a.doc.map.stages[0].pain_points[1], card);
    // Into another lane: a pain point becomes an optimization, keeping its
    // text, votes and level; undo brings the pain point back exactly.
    press(&mut a, &["m", "right", "enter", "o"]);
    let o = &a.doc.map.stages[1].optimizations[1];
    assert_eq!((o.text.as_str(), o.votes), (TICKETS, 2));
    assert_eq!(at(&a), (1, Lane::Optimizations, 1));
    assert!(
        message(&a).contains("to Optimizations in Consideration"),
        "{}",
        message(&a)
    );
    press(&mut a, &["u"]);
    assert_eq!(a.doc.map.stages[0].pain_points[1], card);
    // Esc asks nothing more and changes nothing.
    let map = a.doc.map.clone();
    press(&mut a, &["m", "3", "esc"]);
    assert_eq!(a.doc.map, map);
    assert_eq!(message(&a), "Not moved");
    // A stage number the map does not have is not on the list: nothing happens.
    press(&mut a, &["m", "9"]);
    assert!(matches!(&a.overlay, Overlay::MoveTo(m) if !m.lane_step));
    press(&mut a, &["esc"]);
    // y copies: the original stays, the copy carries no votes; one undo step.
    press(&mut a, &["y", "5", "p"]);
    assert_eq!(a.doc.map.stages[0].pain_points[1], card);
    let copy = &a.doc.map.stages[4].pain_points[1];
    assert_eq!((copy.text.as_str(), copy.votes), (TICKETS, 0));
    assert_eq!(at(&a), (4, Lane::PainPoints, 1));
    assert!(
        message(&a).starts_with("Copied pain point"),
        "{}",
        message(&a)
    );
    press(&mut a, &["u"]);
    assert_eq!(a.doc.map, map);
    // A copy in its own cell lands right after the original.
    press(&mut a, &["g", "y", "enter", "enter"]);
    assert_eq!(a.doc.map.stages[0].pain_points[2].text, TICKETS);
    assert_eq!(at(&a), (0, Lane::PainPoints, 2));
}

#[test]
fn the_move_question_names_the_stages_and_lanes_on_screen() {
    let mut a = app(ESPRESSO);
    press(&mut a, &["'", "p", "m"]);
    let s = screen(&a, 120, 40);
    assert!(s.contains("Move pain point"), "{s}");
    assert!(s.contains("4 Retention"), "{s}");
    assert!(s.contains("MOVE TO"), "{s}");
    press(&mut a, &["4"]);
    let s = screen(&a, 120, 40);
    assert!(s.contains("To which lane of Retention?"), "{s}");
    assert!(s.contains("o 6   Optimizations"), "{s}");
    // At 80×24 it still draws, keys and all.
    let s = screen(&a, 80, 24);
    assert!(s.contains("Esc cancel"), "{s}");
}

// ------------------------------------------------------------- votes that rank

#[test]
fn a_vote_names_its_card_and_a_lane_without_votes_says_so() {
    let mut a = app(ESPRESSO);
    press(&mut a, &["'", "p", "v", "v"]);
    assert_eq!(
        message(&a),
        "2 votes ●● on pain point \"Cannot tell machines apart: every listi…\" (u undoes)"
    );
    press(&mut a, &["'", "d", "v"]);
    assert_eq!(
        message(&a),
        "Doing takes no votes: votes go on pain points ('p) and optimizations ('o)"
    );
    // Undo says what the undo did: the number the card shows afterwards.
    press(&mut a, &["'", "p", "u"]);
    assert_eq!(a.doc.map.stages[0].pain_points[0].votes, 1);
    assert_eq!(
        message(&a),
        "Undone: the votes on pain point \"Cannot tell machines apart: every listi…\" in Awareness back to 1"
    );
    press(&mut a, &["ctrl-r"]);
    assert_eq!(
        message(&a),
        "Redone: set the votes on pain point \"Cannot tell machines apart: every listi…\" in Awareness to 2"
    );
}

#[test]
fn l_and_h_keep_the_lane_land_on_the_nearest_item_and_say_when_it_is_empty() {
    let mut a = app(ESPRESSO);
    // Consideration has three pain points, Decision two.
    press(&mut a, &["l", "'", "p", "j", "j"]);
    assert_eq!(at(&a), (1, Lane::PainPoints, 2));
    press(&mut a, &["l"]);
    assert_eq!(
        at(&a),
        (2, Lane::PainPoints, 1),
        "the nearest: the lane's last"
    );
    press(&mut a, &["h"]);
    assert_eq!(at(&a), (1, Lane::PainPoints, 1));
    // An empty lane: the selection stays in it, and the footer says so.
    press(&mut a, &["d", "d", "d"]);
    assert!(a.doc.map.stages[1].pain_points.is_empty());
    press(&mut a, &["h", "l"]);
    assert_eq!(at(&a), (1, Lane::PainPoints, 0));
    assert_eq!(
        message(&a),
        "Pain points in Consideration is empty — the selection is on its empty cell"
    );
    press(&mut a, &["v"]);
    assert_eq!(
        message(&a),
        "No pain point here to vote on in Consideration"
    );
}

#[test]
fn a_stage_renamed_before_the_first_save_takes_its_new_names_id() {
    let t = cjm::model::templates::find("six-stage").unwrap();
    let mut a = App::new(t.instantiate("T", "P"), "new.ron".into());
    a.size = (120, 40);
    // As the editor opens a file that does not exist yet.
    a.doc.new_map = true;
    assert_eq!(a.doc.map.stages[0].id, "awareness");
    press(&mut a, &["r", "ctrl-u", "Search & book", "enter"]);
    assert_eq!(a.doc.map.stages[0].id, "search-book");
    press(&mut a, &["u"]);
    assert_eq!(
        a.doc.map.stages[0].id, "awareness",
        "undo brings the id back"
    );
    // Once the file exists, the id stays, so diffs see a rename.
    a.doc.new_map = false;
    press(&mut a, &["r", "ctrl-u", "Search & book", "enter"]);
    assert_eq!(a.doc.map.stages[0].name, "Search & book");
    assert_eq!(a.doc.map.stages[0].id, "awareness");
}

// ------------------------------------------------- templates without leftovers

#[test]
fn a_new_map_from_a_template_holds_prompts_not_items_and_ids_follow_names_until_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hotel.ron");
    let mut a = cjm::tui::run::open(&path).unwrap();
    a.size = (120, 36);
    press(&mut a, &["j", "enter"]);
    assert_eq!(a.doc.map.framework, "six-stage");
    assert_eq!(a.doc.map.item_count(), 0, "no example items to delete");
    // The example KPIs are a dimmed placeholder in the empty KPI cell.
    press(&mut a, &["'", "k"]);
    let backend = TestBackend::new(120, 36);
    let mut term = Terminal::new(backend).unwrap();
    press(&mut a, &["l"]);
    term.draw(|f| view(&a, f)).unwrap();
    let buf = term.backend().buffer().clone();
    let rows: Vec<String> = (0..36)
        .map(|y| (0..120).map(|x| buf[(x, y)].symbol()).collect())
        .collect();
    let (y, row) = rows
        .iter()
        .enumerate()
        .find(|(_, r)| r.contains("e.g. Impressions"))
        .unwrap_or_else(|| panic!("{}", rows.join("\n")));
    let x = row[..row.find("e.g. Impressions").unwrap()].chars().count() as u16;
    let cell = &buf[(x, y as u16)];
    assert!(
        cell.modifier.contains(ratatui::style::Modifier::ITALIC) && cell.fg == a.theme.muted,
        "a prompt, drawn as one: {cell:?}"
    );
    press(&mut a, &["h", "d"]);
    assert_eq!(message(&a), "Nothing to delete here");
    // Renamed before the first save: the id follows the name, and the form
    // that renames it next says so.
    press(&mut a, &["r", "ctrl-u", "Search & book", "enter"]);
    assert_eq!(a.doc.map.stages[0].id, "search-book");
    press(&mut a, &["r"]);
    match &a.overlay {
        Overlay::Form(f) => assert_eq!(f.title, "Stage `search-book`"),
        o => panic!("{o:?}"),
    }
    press(&mut a, &["esc"]);
    // The prompts stay with the renamed stage.
    assert_eq!(
        cjm::model::templates::stage_prompt(&a.doc.map, 0, Lane::Thoughts).as_deref(),
        Some("What question is on their mind?")
    );
    // Saved once, the ids stay: a rename is a rename to a diff.
    assert!(cjm::tui::session::save(&mut a, false));
    press(&mut a, &["r", "ctrl-u", "Find a hotel", "enter"]);
    assert_eq!(a.doc.map.stages[0].name, "Find a hotel");
    assert_eq!(a.doc.map.stages[0].id, "search-book");
}

// ---- evidence: the research behind the cards ----

const SAAS: &str = include_str!("../maps/saas-trial.ron");

fn message_of(a: &App) -> String {
    a.message
        .as_ref()
        .map(|(m, _)| m.clone())
        .unwrap_or_default()
}

/// The screen line (120×36) that holds the start of a card's text.
fn card_line(a: &App, text_start: &str) -> String {
    screen(a, 120, 36)
        .lines()
        .find(|l| l.contains(text_start))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn evidence_added_then_cited_from_a_pain_point_shows_research_and_undo_takes_it_back() {
    let mut a = sized(SAAS, 120, 36);
    let held = a.doc.map.evidence.len();
    press(&mut a, &["'", "p"]);
    assert!(
        card_line(&a, "Every tool").contains("? [M] Every tool"),
        "{}",
        card_line(&a, "Every tool")
    );
    // R, a: a new entry; the id is left blank and made from the text.
    press(
        &mut a,
        &[
            "R",
            "a",
            "tab",
            "Three partners found us through peers",
            "enter",
        ],
    );
    assert_eq!(a.doc.map.evidence.len(), held + 1);
    let new = a.doc.map.evidence.last().unwrap().clone();
    assert_eq!(new.id, "three-partners-found-us");
    assert_eq!(new.source, cjm::model::Source::Interview);
    assert!(
        matches!(a.overlay, Overlay::Evidence(e) if e.selected == held),
        "back on the list, on the new entry"
    );
    // Cite it on Awareness's first pain point: C, down to it, Space.
    press(&mut a, &["esc", "'", "p", "C"]);
    for _ in 0..held {
        press(&mut a, &["j"]);
    }
    press(&mut a, &["space"]);
    assert_eq!(
        a.doc.map.stages[0].pain_points[0].evidence,
        ["three-partners-found-us"]
    );
    assert!(message_of(&a).contains("Cite `three-partners-found-us` on pain point"));
    press(&mut a, &["esc"]);
    assert!(
        card_line(&a, "Every tool").contains("◐ [M] Every tool"),
        "{}",
        card_line(&a, "Every tool")
    );
    assert!(format::errors(&a.doc.map).is_empty());
    // The detail panel lists it.
    press(&mut a, &["space"]);
    let s = screen(&a, 120, 36);
    if !s.contains("Three partners found us") {
        press(&mut a, &["space"]);
    }
    let s = screen(&a, 120, 36);
    assert!(
        s.contains("◐ Evidence three-partners-found-us · interview"),
        "{s}"
    );
    assert!(s.contains("◐ research (1 cited)"), "{s}");
    // Undo: first the citation, then the evidence.
    press(&mut a, &["u"]);
    assert!(a.doc.map.stages[0].pain_points[0].evidence.is_empty());
    assert_eq!(a.doc.map.evidence.len(), held + 1);
    assert!(card_line(&a, "Every tool").contains("? [M] Every tool"));
    press(&mut a, &["u"]);
    assert_eq!(a.doc.map.evidence.len(), held);
    assert!(
        message_of(&a).contains("add evidence `three-partners-found-us`"),
        "{}",
        message_of(&a)
    );
}

#[test]
fn deleting_cited_evidence_asks_then_takes_its_citations_in_one_undo_step() {
    let mut a = app(SAAS);
    let before = a.doc.map.clone();
    let i = a
        .doc
        .map
        .evidence
        .iter()
        .position(|e| e.id == "ga-import")
        .unwrap();
    let citing = a.doc.map.cited_by("ga-import").len();
    assert!(citing > 0);
    press(&mut a, &["R"]);
    for _ in 0..i {
        press(&mut a, &["j"]);
    }
    press(&mut a, &["d"]);
    assert!(matches!(a.overlay, Overlay::Evidence(e) if e.confirm_delete));
    let s = screen(&a, 100, 30);
    assert!(s.contains("Delete it and its citations?"), "{s}");
    assert_eq!(a.doc.map, before, "asking changes nothing");
    press(&mut a, &["n"]);
    assert_eq!(a.doc.map, before);
    press(&mut a, &["d", "y"]);
    assert!(a.doc.map.evidence_by_id("ga-import").is_none());
    assert!(a.doc.map.cited_by("ga-import").is_empty());
    assert!(format::errors(&a.doc.map).is_empty(), "the map stays valid");
    assert!(
        message_of(&a).contains(&format!("its {citing} citation")),
        "{}",
        message_of(&a)
    );
    press(&mut a, &["esc", "u"]);
    assert_eq!(
        a.doc.map, before,
        "one undo brings the evidence and its citations back"
    );
}

#[test]
fn a_bad_date_or_id_is_refused_in_words_and_the_form_stays() {
    let mut a = app(SAAS);
    let before = a.doc.map.clone();
    press(
        &mut a,
        &[
            "R",
            "a",
            "tab",
            "A quote",
            "tab",
            "tab",
            "tab",
            "2026-02-30",
            "enter",
        ],
    );
    let Overlay::Form(f) = &a.overlay else {
        panic!("the form stays open: {:?}", a.overlay)
    };
    let e = f.error.clone().unwrap_or_default();
    assert!(e.contains("`2026-02-30` is not a calendar date"), "{e}");
    assert!(e.contains("YYYY-MM-DD"), "{e}");
    assert!(screen(&a, 100, 30).contains("is not a calendar date"));
    assert_eq!(a.doc.map, before);
    // An id that is taken or not a slug is said too.
    press(
        &mut a,
        &["ctrl-u", "2026-02-28", "tab", "tab", "int-03", "enter"],
    );
    let Overlay::Form(f) = &a.overlay else {
        panic!("{:?}", a.overlay)
    };
    assert!(
        f.error
            .as_deref()
            .unwrap_or("")
            .contains("`int-03` is already another entry's"),
        "{:?}",
        f.error
    );
    press(&mut a, &["ctrl-u", "Int 03", "enter"]);
    let Overlay::Form(f) = &a.overlay else {
        panic!("{:?}", a.overlay)
    };
    assert!(
        f.error.as_deref().unwrap_or("").contains("not a slug"),
        "{:?}",
        f.error
    );
    press(&mut a, &["ctrl-u", "int-99", "enter"]);
    assert_eq!(a.doc.map.evidence.last().unwrap().date, "2026-02-28");
    assert_eq!(a.doc.map.evidence.last().unwrap().id, "int-99");
}

#[test]
fn c_on_a_map_without_evidence_says_how_to_add_some() {
    let mut a = app(ESPRESSO);
    press(&mut a, &["C"]);
    assert!(matches!(a.overlay, Overlay::None));
    assert!(message_of(&a).contains("R adds some"), "{}", message_of(&a));
}

#[test]
fn snapshot_the_evidence_overlays() {
    let mut a = sized(SAAS, 100, 30);
    press(&mut a, &["R", "j"]);
    insta::assert_snapshot!("evidence-list", screen(&a, 100, 30));
    press(&mut a, &["esc", "'", "p", "l", "l", "C"]);
    insta::assert_snapshot!("evidence-cite", screen(&a, 100, 30));
}
