//! Lanes beyond the seven (docs/format.md#format-6-lanes): in the file only when
//! a map lists its lanes, so every other map keeps its bytes; refused in an
//! older format and where a lane is wrong, with the position; the blueprint's
//! lines follow the lanes' order; `check` reports a link to an action that is
//! not there.

mod common;

use common::bin::cjm_in;

use cjm::format::{diagnostics, load_str, parse_text, write};
use cjm::model::{BlueprintLine, Holds, JourneyMap, Lane, LaneKind, Path};

const HOTEL: &str = include_str!("../maps/hotel-blueprint.ron");

fn hotel() -> JourneyMap {
    load_str(HOTEL).unwrap().map
}

fn err(text: &str) -> String {
    load_str(text).unwrap_err().to_string()
}

fn replaced(from: &str, to: &str) -> String {
    assert!(HOTEL.contains(from), "{from}");
    HOTEL.replacen(from, to, 1)
}

#[test]
fn every_map_of_an_older_format_keeps_its_bytes() {
    let mut n = 0;
    for (path, text, map) in common::maps_below(6) {
        assert!(!map.has_lanes(), "{}", path.display());
        assert_eq!(write(&map), text, "{} changed", path.display());
        n += 1;
    }
    assert!(n >= 7, "expected the example maps and fixtures, found {n}");
}

#[test]
fn the_example_is_a_blueprint_valid_canonical_and_format_7() {
    let m = hotel();
    // Format 7 for its two personas; one persona's journey is format 6.
    assert_eq!(m.format_version(), 7);
    assert!(HOTEL.starts_with("JourneyMap(\n    format: 7,\n"));
    assert_eq!(m.for_persona(0).map(|m| m.format_version()), Some(6));
    assert_eq!(write(&m), HOTEL, "read then written gives the same bytes");
    assert!(diagnostics(&m).is_empty(), "{:?}", diagnostics(&m));
    let titles: Vec<String> = m.lane_sequence().iter().map(|l| m.lane_title(*l)).collect();
    assert_eq!(
        titles.get(..5).map(<[String]>::to_vec),
        Some(
            [
                "Physical evidence",
                "Customer actions",
                "Frontstage (front desk, concierge)",
                "Backstage (housekeeping, night audit)",
                "Support processes (systems, suppliers)",
            ]
            .map(String::from)
            .to_vec()
        )
    );
    assert_eq!(
        titles.len(),
        12,
        "seven journey lanes, four blueprint, one custom"
    );
    for kind in LaneKind::ADDABLE {
        assert!(
            m.extra_lanes().iter().any(|l| m.lane_kind(*l) == kind),
            "{kind:?}"
        );
    }
    let front = Lane::Extra("frontstage");
    assert_eq!(m.line_above(front), Some(BlueprintLine::Interaction));
    assert_eq!(
        m.line_above(Lane::Extra("backstage")),
        Some(BlueprintLine::Visibility)
    );
    assert_eq!(
        m.line_above(Lane::Extra("support")),
        Some(BlueprintLine::InternalInteraction)
    );
    assert_eq!(m.lane_holds(front), Holds::Owned);
    // Every frontstage item serves an action of its stage; so does the support lane's.
    let arrival = m.stages.iter().find(|s| s.id == "arrival").unwrap();
    assert!(
        arrival
            .extra_items(front)
            .iter()
            .all(|i| arrival.actions.contains(&i.serves))
    );
    // It cites research from a blueprint item too.
    assert!(m.has_evidence());
}

#[test]
fn positions_point_into_lanes_and_their_items() {
    let parsed = parse_text(HOTEL).unwrap();
    let arrival = parsed
        .map
        .stages
        .iter()
        .position(|s| s.id == "arrival")
        .unwrap();
    let at = parsed.source.pos(Path::ItemField(
        arrival,
        Lane::Extra("frontstage"),
        1,
        "serves",
    ));
    let line = HOTEL.lines().nth(at.line as usize - 1).unwrap();
    assert!(
        line.contains("serves: \"Waits in the lobby for the room\""),
        "{line}"
    );
    let at = parsed.source.pos(Path::LaneField(0, "kind"));
    let line = HOTEL.lines().nth(at.line as usize - 1).unwrap();
    assert!(line.contains("kind: PhysicalEvidence"), "{line}");
}

#[test]
fn an_older_format_with_lanes_is_refused_at_the_value() {
    let one = write(&hotel().for_persona(0).unwrap());
    let e = err(&one.replacen("format: 6,", "format: 5,", 1));
    assert!(
        e.contains("`lanes` needs format 6; this map says format 5"),
        "{e}"
    );
    assert!(
        e.contains("write `format: 6,` at the top of the map"),
        "{e}"
    );
}

#[test]
fn a_newer_format_is_still_named_as_newer() {
    let e = err(&replaced("format: 7,", "format: 8,"));
    assert!(
        e.contains("written by a newer cjm (format 8); this cjm reads format 7"),
        "{e}"
    );
}

#[test]
fn wrong_lanes_are_refused_with_where_and_why() {
    // An id that is not a journey lane, with no kind: a typo of `thoughts`.
    let e = err(&replaced(
        "        Lane(\n            id: \"thoughts\",\n        ),",
        "        Lane(\n            id: \"thougts\",\n        ),",
    ));
    assert!(
        e.contains("`thougts` is not a journey lane") && e.contains("did you mean `thoughts`?"),
        "{e}"
    );
    // A blueprint lane that takes a journey lane's key.
    let e = err(&replaced(
        "id: \"frontstage\",\n            title: \"Frontstage",
        "id: \"actions\",\n            title: \"Frontstage",
    ));
    assert!(
        e.contains(
            "the lane id `actions` is a journey lane's; give the frontstage lane another id"
        ) || e.contains("listed twice"),
        "{e}"
    );
    // An unknown kind, with the nearest.
    let e = err(&replaced("kind: Backstage,", "kind: Backstge,"));
    assert!(
        e.contains("expected a lane kind") && e.contains("did you mean `Backstage`?"),
        "{e}"
    );
    // `holds` on a journey lane.
    let e = err(&replaced(
        "        Lane(\n            id: \"thoughts\",\n        ),",
        "        Lane(\n            id: \"thoughts\",\n            holds: Owned,\n        ),",
    ));
    assert!(e.contains("`holds` is for a lane of the map's own"), "{e}");
    // A stage filling a lane the map does not list.
    let e = err(&replaced("\"moments\": [", "\"moment\": ["));
    assert!(
        e.contains("unknown lane `moment`") && e.contains("did you mean `moments`?"),
        "{e}"
    );
    // A lane id that is not a slug, and an extra lane without a title.
    let e = err(&replaced("id: \"moments\",", "id: \"Moments!\","));
    assert!(
        e.contains("is not a slug") || e.contains("unknown lane"),
        "{e}"
    );
    let e = err(&replaced("title: \"Moments of truth\",", "title: \" \","));
    assert!(e.contains("the lane `moments` has no title"), "{e}");
    let e = err(&replaced(
        "text: \"The first five minutes at the desk decide the review\",",
        "text: \"\",",
    ));
    assert!(e.contains("card 1 of stage `arrival` has no text"), "{e}");
}

#[test]
fn refusals_keep_the_file_and_say_where() {
    let dir = tempfile::tempdir().unwrap();
    let bad = replaced("kind: Backstage,", "kind: Backstge,");
    let path = common::write(dir.path(), "bad.ron", &bad);
    let out = cjm_in(dir.path(), &["fmt", "bad.ron"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let stderr = out.stderr;
    let line = bad
        .lines()
        .position(|l| l.contains("kind: Backstge,"))
        .unwrap()
        + 1;
    assert!(
        stderr.contains(&format!("bad.ron:{line}:")),
        "{stderr} (line {line})"
    );
    assert_eq!(std::fs::read_to_string(path).unwrap(), bad);
}

#[test]
fn check_reports_a_link_to_an_action_that_is_not_there() {
    let dir = tempfile::tempdir().unwrap();
    let text = replaced(
        "serves: \"Checks out at the desk\",",
        "serves: \"Checks out at the kiosk\",",
    );
    common::write(dir.path(), "hotel.ron", &text);
    let out = cjm_in(dir.path(), &["check", "hotel.ron"]);
    assert_eq!(out.code, 0, "a lint, not an error: {}", out.stderr);
    let stdout = out.stdout;
    assert!(
        stdout.contains("warning[unknown-action]")
            && stdout.contains(
                "serves \"Checks out at the kiosk\", which is not an action of that stage"
            ),
        "{stdout}"
    );
    let line = text
        .lines()
        .position(|l| l.contains("Checks out at the kiosk"))
        .unwrap()
        + 1;
    assert!(stdout.contains(&format!("hotel.ron:{line}:")), "{stdout}");
}

#[test]
fn a_hand_written_list_of_only_the_new_lanes_shows_every_lane() {
    let text = "JourneyMap(\n    format: 6,\n    title: \"T\",\n    persona: Persona(name: \"P\"),\n    lanes: [Lane(id: \"front\", title: \"Front\", kind: Frontstage)],\n    stages: [Stage(name: \"A\", actions: [\"Asks\"], lanes: {\"front\": [LaneItem(text: \"Answers\", serves: \"Asks\")]})],\n)\n";
    let m = load_str(text).unwrap().map;
    let seq = m.lane_sequence();
    assert_eq!(seq.first(), Some(&Lane::Extra("front")));
    assert_eq!(seq.len(), 8);
    assert!(Lane::ALL.iter().all(|l| seq.contains(l)));
    // Written back, the list names every lane, and reads back the same.
    let written = write(&m);
    assert!(written.contains("id: \"metrics\""), "{written}");
    assert_eq!(load_str(&written).unwrap().map, m);
}

#[test]
fn removing_the_last_extra_lane_writes_the_format_the_map_had() {
    let saas = include_str!("../maps/saas-trial.ron");
    let mut m = load_str(saas).unwrap().map;
    let lane = m.add_lane("Backstage", LaneKind::Backstage, Some(Lane::Actions));
    assert_eq!(m.format_version(), 6);
    assert!(write(&m).contains("kind: Backstage"));
    assert!(m.remove_lane(lane));
    assert_eq!(write(&m), saas);
}

/// Any map, given a blueprint lane and a custom lane filled from its own
/// text (any Unicode), reads back as it was written, in format 6.
fn with_lanes(mut m: JourneyMap, title: String, note: String) -> JourneyMap {
    let front = m.add_lane(&title, LaneKind::Frontstage, Some(Lane::Actions));
    let custom = m.add_lane("Notes", LaneKind::Custom, None);
    m.move_lane(custom, -3);
    for s in &mut m.stages {
        let serves = s.actions.first().cloned().unwrap_or_default();
        let name = s.name.clone();
        if let Some(items) = s.extra_items_mut(front) {
            items.push(cjm::model::LaneItem {
                personas: Vec::new(),
                text: name,
                owner: note.clone(),
                channel: note.clone(),
                serves,
                evidence: Vec::new(),
            });
        }
        if let Some(items) = s.extra_items_mut(custom) {
            items.push(cjm::model::LaneItem {
                text: title.clone(),
                ..Default::default()
            });
        }
    }
    m
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    #[test]
    fn maps_with_lanes_read_back_as_written(
        m in common::unicode_map(),
        title in common::required_text(),
        note in common::required_text(),
    ) {
        let m = with_lanes(m, title, note);
        proptest::prop_assert!(cjm::format::errors(&m).is_empty(), "{:?}", cjm::format::errors(&m));
        let text = write(&m);
        proptest::prop_assert!(text.starts_with("JourneyMap(\n    format: 6,\n"));
        let back = load_str(&text).unwrap().map;
        proptest::prop_assert_eq!(&back, &m);
        proptest::prop_assert_eq!(write(&back), text);
    }
}
