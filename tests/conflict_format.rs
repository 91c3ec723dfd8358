//! The file format's record of merge conflicts (docs/format.md, format 3): every
//! kind of element round-trips, a map without conflicts keeps its exact bytes,
//! and a malformed record is refused at its position like any other field.

use cjm::diff::merge::merge_recorded;
use cjm::format::{self, load_str, write};
use cjm::model::{Conflict, JourneyMap};

const ESPRESSO: &str = include_str!("../maps/espresso.ron");

fn base() -> JourneyMap {
    load_str(ESPRESSO).unwrap().map
}

/// Both sides changed nearly everything differently: a conflict of every kind.
fn everything_conflicted() -> JourneyMap {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.title = "O".into();
    t.title = "T".into();
    o.persona.role = "Ours".into();
    t.persona.role = "Theirs".into();
    o.persona.traits[0].1 = "35".into();
    t.persona.traits[0].1 = "36".into();
    o.objectives[0].push_str(" (ours)");
    t.objectives[0].push_str(" (theirs)");
    o.stages[1].goal = "Ours".into();
    t.stages[1].goal = "Theirs".into();
    for (m, w) in [(&mut o, "ours"), (&mut t, "theirs")] {
        let s = &mut m.stages[0];
        s.actions[0].push_str(w);
        s.thoughts[0].push_str(w);
        s.touchpoints[0].channel = w.into();
        s.pain_points[0].text.push_str(w);
        s.optimizations[0].owner = w.into();
        s.metrics[0].unit = w.into();
    }
    o.stages[0].emotions[0].score = 1;
    t.stages[0].emotions[0].score = 5;
    // Removed by us, changed by them: a side that is absent.
    o.stages[2].pain_points.remove(0);
    t.stages[2].pain_points[0].votes = 0;
    t.stages[2].pain_points[0].text.push_str(" (and worse)");
    let (m, _) = merge_recorded(&b, &o, &t, &Conflict::plain_labels());
    m
}

#[test]
fn every_kind_of_conflict_round_trips_through_the_file() {
    let m = everything_conflicted();
    assert!(m.conflicts.len() >= 12, "{}", m.conflicts.len());
    let text = write(&m);
    assert!(text.starts_with("JourneyMap(\n    format: 3,\n"));
    let back = load_str(&text).unwrap().map;
    assert_eq!(back, m);
    assert_eq!(write(&back), text, "canonical");
    // ron's own parser reads it too: the record is plain RON.
    ron::from_str::<ron::Value>(&text).unwrap();
    let removed = m
        .conflicts
        .iter()
        .find(|c| c.ours.is_none())
        .expect("a side removed");
    assert!(removed.what.contains("removed by ours"), "{}", removed.what);
}

#[test]
fn resolving_every_conflict_gives_back_a_map_without_the_record() {
    let mut m = everything_conflicted();
    while !m.conflicts.is_empty() {
        m = cjm::edit::resolve(&m, 0, cjm::edit::Choice::Take(cjm::model::Side::Base)).unwrap();
    }
    // Base everywhere is the map as it was, and format 1 again; an element one
    // side removed comes back at the end of its lane (where it stood is not
    // recorded), so the only difference is that one move.
    assert!(write(&m).starts_with("JourneyMap(\n    format: 1,\n"));
    let changes = cjm::diff::diff(&base(), &m);
    assert!(
        changes
            .iter()
            .all(|c| matches!(c.edit, cjm::diff::Edit::Moved { .. })),
        "{changes:?}"
    );
    assert_eq!(changes.len(), 1);
}

fn refused(text: &str) -> (u32, u32, String) {
    let e = format::load_str(text).unwrap_err();
    (
        e.pos.line,
        e.pos.col,
        e.message.clone() + &e.hint.clone().unwrap_or_default(),
    )
}

fn with_record(format: u32, record: &str) -> String {
    format!(
        "JourneyMap(\n    format: {format},\n    title: \"T\",\n    persona: Persona(\n        name: \"P\",\n    ),\n    conflicts: [\n{record}\n    ],\n)\n"
    )
}

#[test]
fn a_malformed_record_is_refused_where_it_is() {
    let ok = "        Conflict(\n            field: \"title\",\n            ours: \"A\",\n            theirs: \"B\",\n        ),";
    assert!(format::load_str(&with_record(3, ok)).is_ok());
    let (line, col, msg) = refused(&with_record(2, ok));
    assert_eq!((line, col), (7, 16));
    assert!(
        msg.contains("`conflicts` needs format 3; this map says format 2"),
        "{msg}"
    );
    assert!(msg.contains("write `format: 3,`"), "{msg}");

    let (line, _, msg) = refused(&with_record(
        3,
        "        Conflict(\n            field: \"colour\",\n        ),",
    ));
    assert_eq!(line, 9);
    assert!(msg.contains("a conflict cannot be about `colour`"), "{msg}");

    let (line, _, msg) = refused(&with_record(
        3,
        "        Conflict(\n            stage: \"s\",\n            field: \"emotions\",\n            ours: \"text\",\n        ),",
    ));
    assert_eq!(line, 11);
    assert!(msg.contains("expected Emotion(…)"), "{msg}");

    let (_, _, msg) = refused(&with_record(
        3,
        "        Conflict(\n            field: \"title\",\n            labels: (\"a\", \"b\"),\n        ),",
    ));
    assert!(msg.contains("three strings"), "{msg}");

    let (_, _, msg) = refused(&with_record(
        3,
        "        Conflict(\n            field: \"title\",\n            mine: \"x\",\n        ),",
    ));
    assert!(msg.contains("unknown field `mine` in Conflict"), "{msg}");

    let (_, _, msg) = refused(&with_record(8, ok));
    assert!(
        msg.contains("written by a newer cjm (format 8); this cjm reads format 7"),
        "{msg}"
    );
}
