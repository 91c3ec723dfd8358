//! Service-blueprint and custom lanes in the editor: the grid in the map's
//! lane order with the lanes' own titles and the blueprint's lines, the lane
//! menu (`b`: add, rename, move, remove, what a lane holds), each change one
//! undo step, the `'` jump reaching the map's own lanes, cards of those lanes
//! edited in a form, and an action's new text followed by the cards serving it.

mod common;

use cjm::format::{load_str, write};
use cjm::model::{Holds, Lane, LaneKind};
use cjm::tui::app::{App, LaneStep, Overlay};
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

fn titles(a: &App) -> Vec<String> {
    let m = &a.doc.map;
    m.lane_sequence().iter().map(|l| m.lane_title(*l)).collect()
}

#[test]
fn the_grid_shows_the_maps_lanes_in_order_with_titles_and_lines() {
    for (w, h) in [(80, 24), (120, 36), (200, 50)] {
        let mut a = app(HOTEL);
        a.size = (w, h);
        let s = common::screen::text(&a, w, h);
        // The first lanes and the line between the customer and the staff.
        assert!(s.contains("Physical"), "{w}x{h}:\n{s}");
        assert!(s.contains("Customer"), "{w}x{h}:\n{s}");
        assert!(!s.contains("Doing"), "Doing is retitled: {w}x{h}:\n{s}");
        // The next lane down comes with the line above it.
        press(&mut a, &["tab"]);
        let s = common::screen::text(&a, w, h);
        assert!(s.contains("╌╌ line of interaction ╌╌"), "{w}x{h}:\n{s}");
        assert!(s.contains("Frontstage"), "{w}x{h}:\n{s}");
        // Further down, scrolled to: the other lines, the custom lane.
        press(&mut a, &["'", "s"]);
        let s = common::screen::text(&a, w, h);
        assert!(s.contains("Support"), "{w}x{h}:\n{s}");
        assert!(
            s.contains("╌╌ line of internal interaction"),
            "{w}x{h}:\n{s}"
        );
        press(&mut a, &["'", "m"]);
        let s = common::screen::text(&a, w, h);
        assert!(s.contains("Moments of"), "{w}x{h}:\n{s}");
        assert_eq!(a.cursor.lane, Lane::Extra("moments"));
    }
    // Tall enough for every lane: all three lines at once, in order.
    let mut a = app(HOTEL);
    a.size = (200, 80);
    let s = common::screen::text(&a, 200, 80);
    let at = |what: &str| s.find(what).unwrap_or_else(|| panic!("{what}:\n{s}"));
    assert!(at("line of interaction") < at("line of visibility"));
    assert!(at("line of visibility") < at("line of internal interaction"));
    assert!(at("line of internal interaction") < at("Thinking"));
}

#[test]
fn up_and_down_follow_the_maps_lane_order() {
    let mut a = app(HOTEL);
    assert_eq!(a.cursor.lane, Lane::Actions);
    press(&mut a, &["tab"]);
    assert_eq!(a.cursor.lane, Lane::Extra("frontstage"));
    press(&mut a, &["tab", "tab", "tab"]);
    assert_eq!(a.cursor.lane, Lane::Thoughts);
    press(&mut a, &["shift-tab"]);
    assert_eq!(a.cursor.lane, Lane::Extra("support"));
    press(&mut a, &["g", "'", "1", "k"]);
    assert_eq!(a.cursor.lane, Lane::Extra("physical-evidence"));
    press(&mut a, &["k"]);
    assert_eq!(
        a.cursor.lane,
        Lane::Extra("physical-evidence"),
        "first lane"
    );
}

#[test]
fn the_lane_jump_reaches_the_maps_own_lanes_and_says_their_keys() {
    let mut a = app(HOTEL);
    press(&mut a, &["'"]);
    let s = common::screen::text(&a, 200, 40);
    assert!(s.contains("f Frontstage (front desk, concierge)"), "{s}");
    assert!(s.contains("d Customer actions"), "{s}");
    press(&mut a, &["b"]);
    assert_eq!(a.cursor.lane, Lane::Extra("backstage"));
    assert!(
        a.overlay == Overlay::None,
        "b after ' jumps, not the lane menu"
    );
    press(&mut a, &["'", "8"]);
    assert_eq!(a.cursor.lane, Lane::Extra("physical-evidence"));
    press(&mut a, &["'", "d"]);
    assert_eq!(a.cursor.lane, Lane::Actions);
    press(&mut a, &["'", "z"]);
    assert_eq!(a.cursor.lane, Lane::Actions);
    assert!(message(&a).contains("No lane on that key"));
}

#[test]
fn adding_renaming_moving_and_removing_lanes_each_undo_in_one_step() {
    let mut a = app(ESPRESSO);
    // A kind, then a title: after the selected lane (Doing).
    press(&mut a, &["b", "a", "j", "enter", "Baristas", "enter"]);
    let front = Lane::Extra("baristas");
    assert_eq!(a.doc.map.lane_kind(front), LaneKind::Frontstage);
    assert_eq!(a.doc.map.lane_holds(front), Holds::Owned);
    assert_eq!(a.doc.map.lane_sequence().get(1), Some(&front));
    assert_eq!(a.cursor.lane, front, "the new lane is selected");
    assert!(
        message(&a).contains("Add lane \"Baristas\""),
        "{}",
        message(&a)
    );
    let s = common::screen::text(&a, 120, 40);
    assert!(s.contains("╌╌ line of i"), "{s}");
    // Renamed, moved up, what it holds, each one step.
    press(&mut a, &["r", "Front counter", "enter"]);
    assert_eq!(a.doc.map.lane_title(front), "Front counter");
    press(&mut a, &["["]);
    assert_eq!(a.doc.map.lane_sequence().first(), Some(&front));
    press(&mut a, &["o"]);
    assert_eq!(a.doc.map.lane_holds(front), Holds::Text);
    // A journey lane renamed: the team's word for Doing.
    press(&mut a, &["j", "r", "Customer actions", "enter"]);
    assert_eq!(a.doc.map.lane_title(Lane::Actions), "Customer actions");
    press(&mut a, &["d"]);
    assert!(message(&a).contains("journey lanes every map keeps"));
    press(&mut a, &["esc"]);
    assert!(a.overlay == Overlay::None);
    for _ in 0..4 {
        press(&mut a, &["u"]);
    }
    assert_eq!(a.doc.map.lane_title(front), "Baristas");
    assert_eq!(a.doc.map.lane_sequence().get(1), Some(&front));
    press(&mut a, &["u"]);
    assert!(message(&a).contains("Undone: add lane \"Baristas\""));
    assert!(write(&a.doc.map) == ESPRESSO, "back to the file bytes");
    assert!(!a.doc.is_dirty());
    assert_eq!(a.cursor.lane, Lane::Actions, "off the lane that went");
}

#[test]
fn removing_a_lane_with_cards_asks_and_undo_brings_them_back() {
    let mut a = app(HOTEL);
    press(&mut a, &["'", "f", "b", "d"]);
    assert!(matches!(&a.overlay, Overlay::Lanes(m) if m.step == LaneStep::Remove));
    let s = common::screen::text(&a, 120, 40);
    assert!(
        s.contains("Remove Frontstage (front desk, concierge) and its 6 cards?"),
        "{s}"
    );
    press(&mut a, &["n"]);
    assert_eq!(a.doc.map.extra_lanes().len(), 5);
    press(&mut a, &["d", "y"]);
    assert_eq!(a.doc.map.extra_lanes().len(), 4);
    assert!(
        a.doc
            .map
            .stages
            .iter()
            .all(|s| s.lane_len(Lane::Extra("frontstage")) == 0)
    );
    assert!(
        message(&a).contains("Delete lane \"Frontstage (front desk, concierge)\" and its 6 cards")
    );
    press(&mut a, &["esc", "u"]);
    assert!(write(&a.doc.map) == HOTEL);
    // A lane without cards goes without asking.
    press(&mut a, &["b", "a", "k", "enter", "enter"]);
    assert_eq!(a.doc.map.extra_lanes().len(), 6);
    press(&mut a, &["d"]);
    assert_eq!(a.doc.map.extra_lanes().len(), 5);
}

#[test]
fn a_card_of_an_extra_lane_is_edited_in_a_form_choosing_the_action_it_serves() {
    let mut a = app(HOTEL);
    press(&mut a, &["'", "f"]);
    assert_eq!(a.cursor.lane, Lane::Extra("frontstage"));
    press(&mut a, &["e"]);
    let Overlay::Form(f) = &a.overlay else {
        panic!("{:?}", a.overlay)
    };
    assert_eq!(
        f.fields.len(),
        5,
        "text, owner, channel, serves, and whose it is on a map of two personas"
    );
    let s = common::screen::text(&a, 120, 40);
    assert!(s.contains("◂ Books direct on the hotel's website"), "{s}");
    // To the serves field; left goes to the stage's other action, then none.
    press(&mut a, &["tab", "tab", "tab", "left"]);
    let s = common::screen::text(&a, 120, 40);
    assert!(s.contains("◂ Compares three hotels"), "{s}");
    press(&mut a, &["left", "enter"]);
    let item = &a.doc.map.stages[0].extra_items(Lane::Extra("frontstage"))[0];
    assert_eq!(item.serves, "");
    assert_eq!(item.owner, "Reservations");
    press(&mut a, &["u"]);
    assert!(write(&a.doc.map) == HOTEL);
    // The detail panel names the lane.
    let s = common::screen::text(&a, 120, 40);
    assert!(s.contains("Card 1 of 1 in Frontstage"), "{s}");
    // Inline, a new card in the lane.
    press(&mut a, &["a", "Offers a late checkout", "enter"]);
    assert_eq!(
        a.doc.map.stages[0].extra_items(Lane::Extra("frontstage"))[1].text,
        "Offers a late checkout"
    );
}

#[test]
fn an_actions_new_text_is_followed_by_the_cards_serving_it_in_one_step() {
    let mut a = app(HOTEL);
    // Arrival's second action, which two cards serve.
    press(&mut a, &["l", "'", "d", "j"]);
    assert_eq!(a.doc.map.serving(1, "Checks in at the front desk").len(), 3);
    let s = common::screen::text(&a, 120, 40);
    assert!(s.contains("Served by"), "{s}");
    press(&mut a, &["e", "ctrl-u", "Checks in at the desk", "enter"]);
    assert_eq!(a.doc.map.stages[1].actions[1], "Checks in at the desk");
    assert_eq!(a.doc.map.serving(1, "Checks in at the desk").len(), 3);
    assert!(a.doc.map.dangling_serves().is_empty());
    press(&mut a, &["u"]);
    assert!(write(&a.doc.map) == HOTEL, "one undo takes both back");
}

#[test]
fn a_participant_may_not_change_the_lanes() {
    let mut a = app(HOTEL);
    a.role = cjm::tui::role::Role::Participant {
        may: cjm::format::rules::Participants {
            add: true,
            vote: true,
        },
        name: "Ana".into(),
    };
    press(&mut a, &["b"]);
    assert!(a.overlay == Overlay::None);
    assert!(message(&a).contains("the facilitator does the rest"));
    // Looking around the map's lanes is open to everyone.
    press(&mut a, &["'", "m"]);
    assert_eq!(a.cursor.lane, Lane::Extra("moments"));
}

#[test]
fn a_service_blueprint_map_prompts_in_every_blueprint_lane() {
    let t = cjm::model::templates::find("service-blueprint").unwrap();
    let map = t.instantiate("Stay", "Guest");
    assert!(map.is_blueprint());
    assert_eq!(
        titles(&App::new(map.clone(), "new.ron".into())),
        [
            "Physical evidence",
            "Customer actions",
            "Frontstage",
            "Backstage",
            "Support processes",
            "Thinking",
            "Touchpoints",
            "Emotions",
            "Pain points",
            "Optimizations",
            "KPIs"
        ]
    );
    for lane in map.extra_lanes() {
        for s in 0..map.stages.len() {
            assert!(
                cjm::model::templates::stage_prompt(&map, s, lane).is_some(),
                "{lane:?} in stage {s}"
            );
        }
    }
    let text = write(&map);
    assert_eq!(load_str(&text).unwrap().map, map, "reads back as written");
    let mut a = App::new(map, "new.ron".into());
    a.size = (120, 40);
    press(&mut a, &["'", "f"]);
    let s = common::screen::text(&a, 120, 40);
    assert!(s.contains("Who answers their questions"), "{s}");
}

#[test]
fn a_map_without_lanes_keeps_its_seven_rows_and_bytes() {
    let mut a = app(ESPRESSO);
    let s = common::screen::text(&a, 120, 40);
    assert!(!s.contains("line of"), "{s}");
    press(&mut a, &["b", "[", "]", "[", "esc"]);
    assert!(!a.doc.map.has_lanes(), "up and down again is no change");
    assert!(write(&a.doc.map) == ESPRESSO);
}

#[test]
fn search_walks_the_lanes_in_the_maps_order() {
    let mut a = app(HOTEL);
    press(&mut a, &["l", "/", "housekeeping", "enter"]);
    assert_eq!(
        (a.cursor.stage, a.cursor.lane),
        (1, Lane::Extra("backstage")),
        "backstage comes before the optimizations here"
    );
    press(&mut a, &["n"]);
    assert_eq!((a.cursor.stage, a.cursor.lane), (1, Lane::Optimizations));
}
