//! Several personas in the editor: one emotion curve per persona, told apart
//! by marker and line as well as colour, with a legend naming them; the
//! persona filter (`F`) showing one persona's journey, the cursor stepping
//! over the others' cards and new cards becoming hers; the persona menu
//! (`W`: add, edit, remove, each one undo step); whose a card is in its form;
//! and participants kept off the personas.

mod common;

use cjm::format::{load_str, write};
use cjm::model::Lane;
use cjm::tui::app::{App, Overlay, PersonaStep};
use common::keys::press;

const HOTEL: &str = include_str!("../maps/hotel-blueprint.ron");
const ESPRESSO: &str = include_str!("../maps/espresso.ron");

fn app(text: &str) -> App {
    let mut a = App::new(load_str(text).unwrap().map, "map.ron".into());
    a.size = (120, 40);
    a
}

fn message(a: &App) -> String {
    a.message
        .as_ref()
        .map(|(m, _)| m.clone())
        .unwrap_or_default()
}

/// The pain points of the Booking stage on screen, as the grid shows them.
fn booking_pain_points(a: &mut App) -> String {
    press(a, &["g", "'", "p"]);
    common::screen::text(a, 120, 40)
}

#[test]
fn each_persona_has_a_curve_with_her_marker_and_line_and_a_legend() {
    for (w, h) in [(80, 24), (120, 36), (200, 50)] {
        let mut a = app(HOTEL);
        a.size = (w, h);
        let s = common::screen::text(&a, w, h);
        if h >= 30 {
            assert!(s.contains("● Marta Silva ──"), "{w}x{h}:\n{s}");
            assert!(s.contains("■ Jonas Weber ┄┄"), "{w}x{h}:\n{s}");
        } else {
            // Short: the legend beside the plot, keeping the lanes' row.
            assert!(s.contains("● Marta Si"), "{w}x{h}:\n{s}");
            assert!(s.contains("■ Jonas We"), "{w}x{h}:\n{s}");
        }
        if h >= 36 {
            // Both curves: Marta's solid, Jonas's dashed, each point with
            // its persona's marker.
            assert!(s.contains("●4.0"), "{w}x{h}:\n{s}");
            assert!(s.contains("■3.0"), "{w}x{h}:\n{s}");
            assert!(s.contains("┄┄┄"), "{w}x{h}:\n{s}");
        }
    }
    // A map of one persona looks as it always did: no legend line.
    let a = app(ESPRESSO);
    let s = common::screen::text(&a, 120, 36);
    assert!(!s.contains("■"), "{s}");
    assert!(s.contains("Emotion"), "{s}");
}

#[test]
fn emotion_cards_and_items_say_whose_they_are() {
    let mut a = app(HOTEL);
    press(&mut a, &["'", "e"]);
    let s = common::screen::text(&a, 120, 40);
    assert!(s.contains("●4 Hopeful"), "{s}");
    assert!(s.contains("■3 Indifferent"), "{s}");
    let s = booking_pain_points(&mut a);
    assert!(s.contains("for ■ Jonas Weber"), "{s}");
}

#[test]
fn the_filter_shows_one_personas_journey_then_the_next_then_everyone() {
    let mut a = app(HOTEL);
    let s = booking_pain_points(&mut a);
    assert!(s.contains("corporate rate"), "both journeys: {s}");
    press(&mut a, &["F"]);
    assert_eq!(a.filter(), Some(0));
    let s = booking_pain_points(&mut a);
    assert!(
        s.contains("Persona: Marta Silva"),
        "the header says whose: {s}"
    );
    assert!(!s.contains("corporate rate"), "Jonas's card is hidden: {s}");
    assert!(
        s.contains("City tax appears"),
        "a card of everyone stays: {s}"
    );
    assert!(s.contains("●4.0"), "her curve: {s}");
    assert!(!s.contains("■3.0"), "only her curve: {s}");
    // On a screen with room for the legend line, it says so.
    let tall = common::screen::text(&a, 120, 60);
    assert!(tall.contains("this persona's curve only"), "{tall}");
    assert!(!tall.contains("■ Jonas Weber ┄┄"), "{tall}");
    press(&mut a, &["F"]);
    assert_eq!(a.filter(), Some(1));
    assert!(
        message(&a).contains("Persona: Jonas Weber"),
        "{}",
        message(&a)
    );
    let s = booking_pain_points(&mut a);
    assert!(s.contains("Persona: Jonas Weber"), "{s}");
    assert!(s.contains("corporate rate"), "{s}");
    press(&mut a, &["F"]);
    assert_eq!(a.filter(), None);
    assert!(message(&a).contains("Every persona's journey"));
    let s = booking_pain_points(&mut a);
    assert!(!s.contains("Persona: "), "{s}");
}

#[test]
fn the_cursor_steps_over_hidden_cards_and_edits_land_on_the_real_ones() {
    let mut a = app(HOTEL);
    // Arrival's pain points: Marta's (0), then Jonas's (1).
    press(&mut a, &["F", "F", "l", "'", "p"]);
    assert_eq!(a.cursor.lane, Lane::PainPoints);
    assert_eq!(a.cursor.item, 1, "on Jonas's card, Marta's stepped over");
    press(&mut a, &["k"]);
    assert_ne!(a.cursor.lane, Lane::PainPoints, "nothing of his above it");
    press(&mut a, &["j"]);
    assert_eq!((a.cursor.lane, a.cursor.item), (Lane::PainPoints, 1));
    press(&mut a, &["d"]);
    let pains = &a.doc.map.stages[1].pain_points;
    assert_eq!(pains.len(), 1);
    assert!(pains[0].text.starts_with("Room not ready"), "Marta's stays");
    press(&mut a, &["u"]);
    assert!(write(&a.doc.map) == HOTEL);
    // Marta's emotion row in Arrival: the cursor on her emotion, then his.
    press(&mut a, &["F", "F", "'", "e"]);
    assert_eq!(a.filter(), Some(0));
    let e = &a.doc.map.stages[1].emotions[a.cursor.item];
    assert_eq!(e.persona, "", "Marta's");
    press(&mut a, &["F", "'", "e"]);
    let e = &a.doc.map.stages[1].emotions[a.cursor.item];
    assert_eq!(e.persona, "jonas");
}

#[test]
fn a_card_added_while_filtered_is_that_personas() {
    let mut a = app(HOTEL);
    press(
        &mut a,
        &["F", "F", "'", "p", "a", "No quiet room on request", "enter"],
    );
    let added = a.doc.map.stages[0]
        .pain_points
        .iter()
        .find(|p| p.text == "No quiet room on request")
        .cloned()
        .unwrap();
    assert_eq!(added.personas, vec!["jonas".to_string()]);
    press(&mut a, &["'", "e", "a", "Bored", "enter"]);
    assert!(
        a.doc.map.stages[0]
            .emotions
            .iter()
            .any(|e| e.label == "Bored" && e.persona == "jonas")
    );
    // Without the filter, a new card is everyone's, as on a map of one.
    press(&mut a, &["F", "'", "p", "a", "Shared", "enter"]);
    let shared = a.doc.map.stages[0]
        .pain_points
        .iter()
        .find(|p| p.text == "Shared")
        .unwrap();
    assert!(shared.personas.is_empty());
}

#[test]
fn adding_editing_and_removing_personas_each_undo_in_one_step() {
    let mut a = app(ESPRESSO);
    press(&mut a, &["W"]);
    assert!(matches!(&a.overlay, Overlay::Personas(m) if m.step == PersonaStep::List));
    press(&mut a, &["a", "Ben Ortiz", "enter"]);
    assert_eq!(a.doc.map.persona_count(), 2);
    assert!(
        message(&a).contains("Add persona \"Ben Ortiz\""),
        "{}",
        message(&a)
    );
    let s = common::screen::text(&a, 120, 40);
    assert!(s.contains("■ Ben Ortiz"), "{s}");
    // Edit him in the persona form: renamed, his id kept.
    press(&mut a, &["e"]);
    assert!(matches!(&a.overlay, Overlay::Form(_)));
    press(&mut a, &["ctrl-u", "Ben Ortega", "enter"]);
    let ben = a.doc.map.persona_at(1).unwrap();
    assert_eq!(
        (ben.name.as_str(), ben.id.as_str()),
        ("Ben Ortega", "ben-ortiz")
    );
    // Removed without asking: nothing of his yet.
    press(&mut a, &["W", "j", "d"]);
    assert_eq!(a.doc.map.persona_count(), 1);
    press(&mut a, &["esc", "u"]);
    assert_eq!(a.doc.map.persona_count(), 2);
    press(&mut a, &["u"]);
    assert!(
        message(&a).contains("Undone: rename persona \"Ben Ortiz\" to \"Ben Ortega\""),
        "{}",
        message(&a)
    );
    press(&mut a, &["u"]);
    assert!(write(&a.doc.map) == ESPRESSO, "back to the file's bytes");
}

#[test]
fn removing_a_persona_with_cards_asks_and_undo_brings_them_back() {
    let mut a = app(HOTEL);
    press(&mut a, &["F", "F", "W"]);
    assert!(matches!(&a.overlay, Overlay::Personas(m) if m.selected == 1));
    press(&mut a, &["d"]);
    assert!(matches!(&a.overlay, Overlay::Personas(m) if m.step == PersonaStep::Remove));
    let s = common::screen::text(&a, 120, 40);
    assert!(s.contains("Remove Jonas Weber and the"), "{s}");
    press(&mut a, &["n"]);
    assert_eq!(a.doc.map.persona_count(), 2);
    press(&mut a, &["d", "y"]);
    assert_eq!(a.doc.map.persona_count(), 1);
    assert!(
        a.doc
            .map
            .stages
            .iter()
            .all(|s| s.emotions.iter().all(|e| e.persona.is_empty()))
    );
    assert_eq!(a.filter(), None, "the filter on him goes with him");
    press(&mut a, &["esc", "u"]);
    assert!(write(&a.doc.map) == HOTEL);
    // The last persona stays.
    let mut a = app(ESPRESSO);
    press(&mut a, &["W", "d"]);
    assert!(message(&a).contains("at least one persona"));
}

#[test]
fn the_item_form_chooses_whose_the_card_is() {
    let mut a = app(HOTEL);
    // Booking's first pain point, everyone's: made Jonas's in its form.
    press(&mut a, &["'", "p", "e"]);
    let Overlay::Form(f) = &a.overlay else {
        panic!("{:?}", a.overlay)
    };
    let last = f.fields.last().unwrap();
    assert_eq!(last.label, "Personas");
    let s = common::screen::text(&a, 120, 40);
    assert!(s.contains("Everyone"), "{s}");
    press(&mut a, &["shift-tab", "right", "right", "enter"]);
    assert_eq!(
        a.doc.map.stages[0].pain_points[0].personas,
        vec!["jonas".to_string()]
    );
    assert_eq!(
        a.doc.map.stages[0].pain_points[0].evidence,
        vec!["survey-2026-q3".to_string()],
        "the rest of the card stays"
    );
    press(&mut a, &["u"]);
    assert!(write(&a.doc.map) == HOTEL);
    // An emotion belongs to one persona.
    press(&mut a, &["'", "e", "e"]);
    let Overlay::Form(f) = &a.overlay else {
        panic!("{:?}", a.overlay)
    };
    assert_eq!(f.fields.last().unwrap().label, "Persona");
    press(&mut a, &["shift-tab", "right", "enter"]);
    assert_eq!(a.doc.map.stages[0].emotions[0].persona, "jonas");
    // Editing a card keeps whose it is.
    press(&mut a, &["u", "'", "p", "j", "e", "enter"]);
    assert!(write(&a.doc.map) == HOTEL);
    // A map of one persona has no such field.
    let mut a = app(ESPRESSO);
    press(&mut a, &["'", "p", "e"]);
    let Overlay::Form(f) = &a.overlay else {
        panic!("{:?}", a.overlay)
    };
    assert!(f.fields.iter().all(|f| !f.label.starts_with("Persona")));
}

#[test]
fn p_edits_the_persona_whose_journey_is_shown_keeping_her_id() {
    let mut a = app(HOTEL);
    press(&mut a, &["F", "F", "p"]);
    let Overlay::Form(f) = &a.overlay else {
        panic!("{:?}", a.overlay)
    };
    assert!(f.title.contains("Persona 2 of 2"), "{}", f.title);
    press(&mut a, &["tab", "ctrl-u", "Consultant", "enter"]);
    let jonas = a.doc.map.persona_at(1).unwrap();
    assert_eq!(
        (jonas.id.as_str(), jonas.role.as_str()),
        ("jonas", "Consultant")
    );
    // The first persona keeps her id too.
    press(&mut a, &["F", "p", "tab", "ctrl-u", "Guest", "enter"]);
    assert_eq!(a.doc.map.persona.id, "marta");
    assert_eq!(a.doc.map.persona.role, "Guest");
}

#[test]
fn a_participant_may_filter_but_not_change_the_personas() {
    let mut a = app(HOTEL);
    a.role = cjm::tui::role::Role::Participant {
        may: cjm::format::rules::Participants {
            add: true,
            vote: true,
        },
        name: "Ana".into(),
    };
    press(&mut a, &["W"]);
    assert!(a.overlay == Overlay::None);
    assert!(message(&a).contains("the facilitator does the rest"));
    press(&mut a, &["F"]);
    assert_eq!(a.filter(), Some(0), "looking at one journey is open to all");
}

#[test]
fn the_slides_draw_every_personas_curve_or_the_filtered_ones_journey() {
    let mut a = app(HOTEL);
    a.size = (160, 48);
    press(&mut a, &["f5"]);
    let s = common::screen::text(&a, 160, 48);
    assert!(s.contains("● Marta Silva ──"), "{s}");
    assert!(s.contains("■ Jonas Weber ┄┄"), "{s}");
    assert!(s.contains("■3.0"), "{s}");
    // Jonas's journey alone: his name on the overview, his curve only.
    press(&mut a, &["esc", "F", "F", "f5"]);
    let s = common::screen::text(&a, 160, 48);
    assert!(s.contains("Jonas Weber"), "{s}");
    assert!(!s.contains("Marta Silva"), "{s}");
    assert!(!s.contains("■ Jonas Weber ┄┄"), "a map of one: no key: {s}");
}

#[test]
fn the_persona_panel_and_search_reach_every_persona() {
    let mut a = app(HOTEL);
    a.size = (200, 50);
    let s = common::screen::text(&a, 200, 50);
    assert!(s.contains("● Persona 1 of 2 · Marta Silva"), "{s}");
    assert!(s.contains("■ Persona 2 of 2 · Jonas Weber"), "{s}");
    // Filtered: hers alone.
    press(&mut a, &["F", "F"]);
    let s = common::screen::text(&a, 200, 50);
    assert!(s.contains("■ Persona 2 of 2 · Jonas Weber"), "{s}");
    assert!(!s.contains("Persona 1 of 2"), "{s}");
    // The second persona's text is found.
    press(&mut a, &["F", "/", "Business guest", "enter"]);
    assert!(!message(&a).contains("No match"), "{}", message(&a));
}

#[test]
fn a_hidden_card_is_never_scored_voted_or_deleted_from_the_grid() {
    let mut a = app(HOTEL);
    // Marta's journey: in each stage, her emotion is scored, his is not.
    press(&mut a, &["F", "'", "e", "1"]);
    let e = &a.doc.map.stages[0].emotions;
    assert_eq!((e[0].score, e[1].score), (1, 3), "hers set, his untouched");
    // A cell holding only Jonas's pain point, seen on Marta's journey.
    let mut a = app(HOTEL);
    a.doc.map.stages[0]
        .pain_points
        .retain(|p| !p.personas.is_empty());
    let his = a.doc.map.clone();
    press(&mut a, &["F", "'", "p"]);
    let s = common::screen::text(&a, 120, 40);
    assert!(s.contains("no pain points for Marta"), "{s}");
    press(&mut a, &["v", "+", "d"]);
    assert_eq!(a.doc.map, his, "his card is untouched");
    // Enter on the empty-looking cell adds a card of hers, as on any empty cell.
    press(&mut a, &["enter"]);
    assert!(matches!(a.overlay, Overlay::Insert(_)));
}

#[test]
fn search_steps_only_to_the_cards_on_screen() {
    let mut a = app(HOTEL);
    // "corporate rate" is on Jonas's card only: not found on Marta's journey.
    press(&mut a, &["F", "/", "corporate rate", "enter"]);
    assert!(message(&a).contains("No match"), "{}", message(&a));
    press(&mut a, &["F", "/", "corporate rate", "enter"]);
    assert_eq!((a.cursor.stage, a.cursor.lane), (0, Lane::PainPoints));
}
