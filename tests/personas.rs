//! Several personas on one map (docs/format.md#format-7-personas): in the file
//! only when a map has them, so every other map keeps its bytes; refused in an
//! older format and where a persona is wrong, with the position; each
//! persona's journey and curve; `check` names a persona that is not there.

mod common;

use cjm::format::{diagnostics, load_str, write};
use cjm::model::{JourneyMap, Lane, Path};

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

/// A one-persona map, to which each test adds what it needs.
const ONE: &str = "JourneyMap(\n    format: 7,\n    title: \"T\",\n    persona: Persona(\n        name: \"Sam\",\n    ),\n)\n";

#[test]
fn every_map_of_an_older_format_keeps_its_bytes() {
    let mut n = 0;
    for (path, text, map) in common::maps_below(7) {
        assert!(!map.has_personas(), "{}", path.display());
        assert_eq!(write(&map), text, "{} changed", path.display());
        n += 1;
    }
    assert!(n >= 7, "expected the example maps and fixtures, found {n}");
}

#[test]
fn the_example_has_two_personas_and_is_valid_canonical_and_format_7() {
    let m = hotel();
    assert_eq!(m.format_version(), 7);
    assert_eq!(write(&m), HOTEL, "read then written gives the same bytes");
    assert!(diagnostics(&m).is_empty(), "{:?}", diagnostics(&m));
    let names: Vec<&str> = m.personas().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Marta Silva", "Jonas Weber"]);
    let ids: Vec<&str> = m.personas().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["marta", "jonas"]);
    // Two curves that differ: Marta's arrival is her low, Jonas's is the stay.
    let curves = m.curves();
    assert_eq!(curves.len(), 2);
    assert_eq!(curves[0].2, [Some(4.0), Some(2.0), Some(4.0), Some(3.0)]);
    assert_eq!(curves[1].2, [Some(3.0), Some(3.0), Some(2.0), Some(2.0)]);
    // The single curve every older surface draws is the first persona's.
    assert_eq!(m.curve(), curves[0].2);
}

#[test]
fn one_personas_journey_is_a_whole_map_of_one_persona() {
    let m = hotel();
    let jonas = m.for_persona(m.find_persona("Jonas").unwrap()).unwrap();
    assert_eq!(jonas.persona.name, "Jonas Weber");
    assert!(jonas.other_personas.is_empty());
    assert!(!jonas.has_personas(), "a filtered map names no persona");
    assert_eq!(jonas.curve(), [Some(3.0), Some(3.0), Some(2.0), Some(2.0)]);
    let pains: Vec<&str> = jonas.stages[1]
        .pain_points
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(
        pains,
        ["Late arrivals wait while the night receptionist also runs the bar"],
        "Marta's own pain point is not his"
    );
    let marta = m.for_persona(0).unwrap();
    assert_eq!(marta.stages[1].pain_points.len(), 1);
    assert_eq!(
        marta.stages[1].extra.items("frontstage").len(),
        2,
        "the night receptionist's card is Jonas's"
    );
    // Shared items stay in both journeys.
    assert_eq!(marta.stages[3].optimizations, jonas.stages[3].optimizations);
    // What a filtered map writes reads back as itself, valid.
    let text = write(&jonas);
    assert_eq!(load_str(&text).unwrap().map, jonas);
    // Valid; Marta's interview is now cited by no card, which is a lint.
    let codes: Vec<&str> = diagnostics(&jonas).iter().map(|d| d.code).collect();
    assert_eq!(codes, ["uncited-evidence"]);
    // The persona is found by id, by name in any case, or by the start of one name.
    assert_eq!(m.find_persona("jonas"), Some(1));
    assert_eq!(m.find_persona("MARTA SILVA"), Some(0));
    assert_eq!(m.find_persona("ma"), Some(0));
    assert_eq!(m.find_persona("Ola"), None);
}

#[test]
fn adding_a_second_persona_touches_nothing_already_written() {
    let mut m = load_str(include_str!("../maps/espresso.ron")).unwrap().map;
    let before = write(&m);
    let emotions_before: Vec<_> = m.stages.iter().map(|s| s.emotions.clone()).collect();
    m.add_persona("Barista");
    let after = write(&m);
    assert!(after.contains("    format: 7,\n"));
    assert!(after.contains("    personas: [\n        Persona(\n            id: "));
    assert!(after.contains("            id: \"barista\",\n            name: \"Barista\",\n"));
    // Every stage line is where it was: only the persona block grew.
    let stages = |t: &str| t.split_once("    stages: [").map(|(_, s)| s.to_string());
    assert_eq!(stages(&before), stages(&after));
    let emotions_after: Vec<_> = m.stages.iter().map(|s| s.emotions.clone()).collect();
    assert_eq!(emotions_before, emotions_after);
    assert_eq!(load_str(&after).unwrap().map, m);
}

#[test]
fn an_older_format_with_personas_is_refused_at_the_value() {
    let e = err(&replaced("format: 7,", "format: 6,"));
    assert!(e.starts_with("10:15:"), "{e}");
    assert!(
        e.contains("`personas` needs format 7; this map says format 6"),
        "{e}"
    );
    assert!(
        e.contains("write `format: 7,` at the top of the map"),
        "{e}"
    );
    // An item's `personas` and an emotion's `persona` too.
    let one = |extra: &str| {
        ONE.replacen("format: 7,", "format: 6,", 1).replace(
            "    ),\n)",
            &format!("    ),\n    stages: [Stage(name: \"S\", {extra})],\n)"),
        )
    };
    let e = err(&one(
        "pain_points: [PainPoint(text: \"x\", personas: [\"sam\"])]",
    ));
    assert!(e.contains("`personas` needs format 7"), "{e}");
    let e = err(&one(
        "emotions: [Emotion(score: 3, label: \"x\", persona: \"sam\")]",
    ));
    assert!(e.contains("`persona` needs format 7"), "{e}");
}

#[test]
fn wrong_personas_are_refused_with_where_and_why() {
    // Both spellings at once.
    let e = err(&ONE.replace(
        "    ),\n)",
        "    ),\n    personas: [Persona(id: \"a\", name: \"A\")],\n)",
    ));
    assert!(e.starts_with("4:14:"), "{e}");
    assert!(
        e.contains("either `persona` or `personas`, not both"),
        "{e}"
    );
    // Neither.
    let e = err("JourneyMap(\n    format: 7,\n    title: \"T\",\n)\n");
    assert!(e.contains("missing its required field `persona`"), "{e}");
    assert!(e.contains("`personas: [...]` for several"), "{e}");
    // An empty list.
    let e = err(&ONE.replace(
        "persona: Persona(\n        name: \"Sam\",\n    ),",
        "personas: [],",
    ));
    assert!(e.contains("`personas` is empty"), "{e}");
    // An id on the only persona.
    let e = err(&ONE.replace("name: \"Sam\",", "id: \"sam\",\n        name: \"Sam\","));
    assert!(e.starts_with("5:13:"), "{e}");
    assert!(e.contains("a map's only persona has no id"), "{e}");
    // One id twice.
    let e = err(&replaced("id: \"jonas\",", "id: \"marta\","));
    assert!(
        e.contains("the persona id `marta` is used twice (also by persona 1)"),
        "{e}"
    );
    // A persona that is not a list of personas.
    let e = err(&replaced("    personas: [", "    personas: [3,"));
    assert!(e.contains("Persona"), "{e}");
}

#[test]
fn a_persona_without_an_id_gets_one_from_her_name() {
    let text = replaced("            id: \"jonas\",\n", "");
    // Jonas's items name `jonas`, which is now nobody: the map is refused at
    // the first of them, with the id he got.
    let e = err(&text);
    assert!(e.starts_with("130:30:"), "{e}");
    assert!(
        e.contains("names persona `jonas`, which the map does not hold"),
        "{e}"
    );
    let renamed = text.replace("\"jonas\"", "\"jonas-weber\"");
    let m = load_str(&renamed).unwrap().map;
    assert_eq!(m.other_personas[0].id, "jonas-weber");
}

#[test]
fn check_names_a_persona_the_map_does_not_hold() {
    let text = replaced("persona: \"jonas\",", "persona: \"jon\",");
    let e = err(&text);
    assert!(e.starts_with("131:30:"), "{e}");
    assert!(
        e.contains("emotion \"Indifferent: the travel desk books it\" names persona `jon`, which the map does not hold (did you mean `jonas`?)"),
        "{e}"
    );
    // The same finding from the model, where the editor meets it.
    let mut m = hotel();
    m.stages[0].emotions[1].persona = "jon".into();
    let d = diagnostics(&m);
    let found = d
        .iter()
        .find(|d| d.code == "unknown-persona")
        .expect("an unknown persona is found");
    assert_eq!(found.path, Path::ItemField(0, Lane::Emotions, 1, "persona"));
    // On a one-persona map no item may name a persona.
    let one = ONE.replace(
        "    ),\n)",
        "    ),\n    stages: [Stage(name: \"S\", pain_points: [PainPoint(text: \"x\", personas: [\"sam\"])])],\n)",
    );
    let e = err(&one);
    assert!(e.contains("names persona `sam`, which the map does not hold (the map has one persona; items name none)"), "{e}");
}

#[test]
fn the_first_personas_emotions_name_nobody_in_the_file() {
    // Written by hand with her id, read as hers, written back without it.
    let text = replaced(
        "                    label: \"Hopeful\",\n",
        "                    label: \"Hopeful\",\n                    persona: \"marta\",\n",
    );
    let m = load_str(&text).unwrap().map;
    assert_eq!(write(&m), HOTEL);
}

#[test]
fn removing_a_persona_takes_her_emotions_and_her_own_items() {
    let mut m = hotel();
    assert!(m.remove_persona(1));
    assert_eq!(m.persona_count(), 1);
    assert!(
        m.stages
            .iter()
            .flat_map(|s| &s.emotions)
            .all(|e| e.persona.is_empty())
    );
    let text = write(&m);
    assert!(!text.contains("jonas"), "nothing names Jonas");
    assert!(!text.contains("Jonas Weber"), "his persona is gone");
    assert!(!text.contains("VAT number"), "so is his own pain point");
    // Marta still has an id and her one item still names her: valid, format 7.
    // Jonas's interview is now cited by no card, which is a lint.
    let codes: Vec<&str> = diagnostics(&m).iter().map(|d| d.code).collect();
    assert_eq!(codes, ["uncited-evidence"]);
    assert_eq!(m.format_version(), 7);
}
