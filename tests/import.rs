//! The imports: CSV round trips exactly and neutralises formulas, Mermaid's
//! documented journey imports, Mermaid exports import back with what Mermaid can
//! carry, bad input is rejected with `PATH:LINE:COL`, and `cjm import` exit codes.

mod common;

use std::process::Command;

use cjm::export;
use cjm::format::{self, Pos};
use cjm::import::{self, From};
use cjm::model::JourneyMap;
use proptest::prelude::*;

fn csv_round_trip(m: &JourneyMap) -> JourneyMap {
    import::import(export::csv::export(m).as_bytes(), From::Csv)
        .unwrap()
        .map
}

// ---------------------------------------------------------------------- CSV

#[test]
fn csv_round_trips_the_golden_and_the_hostile_map() {
    for m in [common::golden(), common::hostile()] {
        assert_eq!(csv_round_trip(&m), m);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]
    #[test]
    fn csv_round_trips_generated_maps(m in common::map()) {
        prop_assert_eq!(csv_round_trip(&m), m);
    }
}

/// Columns cjm writes from numbers: never neutralised, always numbers.
const NUMBER_COLUMNS: [usize; 4] = [3, 6, 11, 12];

#[test]
fn csv_cells_never_start_a_formula() {
    let mut maps = vec![common::hostile()];
    maps.extend(common::sample(40));
    for m in &maps {
        let out = export::csv::export(m);
        let mut r = csv::Reader::from_reader(out.as_bytes());
        for rec in r.records() {
            let rec = rec.unwrap();
            for (i, cell) in rec.iter().enumerate() {
                if NUMBER_COLUMNS.contains(&i) {
                    assert!(cell.is_empty() || cell.parse::<f64>().is_ok(), "{cell:?}");
                    continue;
                }
                let first = cell.chars().next();
                assert!(
                    !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')),
                    "live formula cell {cell:?}"
                );
            }
        }
    }
    let out = export::csv::export(&common::hostile());
    assert!(out.contains(",'=1+1"));
    assert!(out.contains(",'@SUM(A1)"));
    assert!(out.contains(",\"'=HYPERLINK(\"\"http://x\"\")obj\","));
    // A text that really starts with ' gets a second one, and comes back as typed.
    assert!(out.contains(",'''obj,"), "objective \"''obj\"");
}

#[test]
fn pythons_csv_module_reads_the_same_cells() {
    let dir = tempfile::tempdir().unwrap();
    let m = common::hostile();
    let out = export::csv::export(&m);
    let path = common::write(dir.path(), "map.csv", &out);
    let py = Command::new("python3")
        .arg("-c")
        .arg(
            "import csv, json, sys\n\
             with open(sys.argv[1], newline='', encoding='utf-8') as f:\n\
             \x20   print(json.dumps(list(csv.reader(f))))",
        )
        .arg(&path)
        .output()
        .expect("python3 runs");
    assert!(
        py.status.success(),
        "{}",
        String::from_utf8_lossy(&py.stderr)
    );
    let rows: Vec<Vec<String>> = serde_json::from_slice(&py.stdout).unwrap();
    let ours: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(out.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert_eq!(rows, ours);
    assert!(rows.iter().all(|r| r.len() == export::csv::HEADER.len()));
}

#[test]
fn csv_rows_in_another_order_import_by_position() {
    let m = common::golden();
    let out = export::csv::export(&m);
    let mut lines: Vec<&str> = out.split_inclusive("\r\n").collect();
    let header = lines.remove(0);
    lines.reverse();
    let shuffled = format!("{header}{}", lines.concat());
    assert_eq!(
        import::import(shuffled.as_bytes(), From::Csv).unwrap().map,
        m
    );
}

#[test]
fn a_hand_written_csv_with_few_columns_imports() {
    let text = "stage,lane,text,score\nDiscover,actions,Searches the web,\nDiscover,emotions,Curious,4\nBuy,pain_points,Checkout is slow,\n";
    let m = import::import(text.as_bytes(), From::Csv).unwrap().map;
    assert_eq!(m.title, import::DEFAULT_TITLE);
    assert_eq!(m.stages.len(), 2);
    assert_eq!(m.stages[0].id, "discover");
    assert_eq!(m.stages[0].emotions[0].score, 4);
    assert_eq!(m.stages[1].pain_points[0].text, "Checkout is slow");
    assert!(format::errors(&m).is_empty());
}

#[test]
fn csv_export_of_every_map_in_the_repository_imports_back_through_the_command() {
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<_> = std::fs::read_dir(common::root().join("maps"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.push(common::root().join("tests/data/design-example.ron"));
    assert!(files.len() >= 5);
    for map in files {
        let csv = dir.path().join("map.csv");
        let export = cjm()
            .args(["export", "--format", "csv", "--force", "-o"])
            .arg(&csv)
            .arg(&map)
            .output()
            .unwrap();
        assert_eq!(export.status.code(), Some(0), "{}", map.display());
        let back = cjm()
            .args(["import", "--from", "csv"])
            .arg(&csv)
            .output()
            .unwrap();
        assert_eq!(
            back.status.code(),
            Some(0),
            "{}: {}",
            map.display(),
            String::from_utf8_lossy(&back.stderr)
        );
        let original = format::load(&std::fs::read(&map).unwrap()).unwrap().map;
        assert_eq!(format::load(&back.stdout).unwrap().map, original);
    }
}

#[test]
fn a_cell_in_a_column_that_does_not_apply_to_its_lane_is_an_error_at_that_cell() {
    let h = "stage_id,stage,lane,position,text,channel,score,severity,owner,note\n";
    let cases = [
        // A score on a touchpoint: the 7th column.
        (
            format!("{h}a,A,touchpoints,1,Email,Mail,4,,,\n"),
            (2, 30),
            "`score`",
            "`touchpoints`",
        ),
        (
            format!("{h}a,A,actions,1,Call,,,High,,\n"),
            (2, 22),
            "`severity`",
            "`actions`",
        ),
        (
            format!("{h}a,A,pain_points,1,Slow,,,High,Ann,\n"),
            (2, 31),
            "`owner`",
            "`pain_points`",
        ),
        (
            format!("{h}a,A,emotions,1,Calm,Web,3,,,\n"),
            (2, 21),
            "`channel`",
            "`emotions`",
        ),
        (
            format!("{h}a,A,goal,1,Find it,,,,,\n"),
            (2, 10),
            "`position`",
            "`goal`",
        ),
        (
            format!("{h},,title,,Trip,,,,,aside\n"),
            (2, 19),
            "`note`",
            "`title`",
        ),
        (
            format!("{h},,objectives,1,Sell,,5,,,\n"),
            (2, 22),
            "`score`",
            "`objectives`",
        ),
    ];
    for (text, (line, col), column, lane) in cases {
        let e = import::import(text.as_bytes(), From::Csv).unwrap_err();
        assert!(
            e.message.contains(column) && e.message.contains(lane),
            "{:?} lacks {column} / {lane}",
            e.message
        );
        assert!(e.message.contains("does not apply"), "{}", e.message);
        assert_eq!((e.pos.line, e.pos.col), (line, col), "{}", e.message);
    }
    // Through the command: PATH:LINE:COL, exit 1, nothing written.
    let dir = tempfile::tempdir().unwrap();
    let bad = common::write(
        dir.path(),
        "scores.csv",
        "stage,lane,text,score\nBuy,touchpoints,Shop,5\n",
    );
    let target = dir.path().join("out.ron");
    let out = cjm()
        .args(["import", "--from", "csv", "-o"])
        .arg(&target)
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("scores.csv:2:22: "), "{err}");
    assert!(err.contains("column `score` does not apply"), "{err}");
    assert!(!target.exists());
}

/// Twenty thousand stages come in whole and in order; how fast is measured in
/// `benches/import.rs`, not here.
#[test]
fn csv_import_of_twenty_thousand_stages_keeps_every_stage() {
    let mut text = String::from("stage_id,stage,lane,position,text\n");
    for s in 0..20_000 {
        text.push_str(&format!("s{s},Stage {s},goal,,Goal {s}\n"));
        text.push_str(&format!("s{s},Stage {s},actions,1,Act {s}\n"));
    }
    let m = import::import(text.as_bytes(), From::Csv).unwrap().map;
    assert_eq!(m.stages.len(), 20_000);
    assert_eq!(m.stages[19_999].actions, ["Act 19999"]);
    assert_eq!(m.stages[12_345].goal, "Goal 12345");
}

fn csv_error(text: &str) -> (Pos, String) {
    let e = import::import(text.as_bytes(), From::Csv).unwrap_err();
    (e.pos, e.message)
}

#[test]
fn bad_csv_is_rejected_with_a_position() {
    let h = "stage_id,stage,lane,text,score,severity,current\n";
    let cases = [
        (format!("{h}a,A,emotions,Happy,9,,\n"), (2, 20), "score `9`"),
        (
            format!("{h}a,A,pain_points,Slow,,Huge,\n"),
            (2, 23),
            "severity `Huge`",
        ),
        (
            format!("{h}a,A,metrics,Reach,,,lots\n"),
            (2, 21),
            "current `lots`",
        ),
        (
            format!("{h}a,A,feelings,x,,,\n"),
            (2, 5),
            "unknown lane `feelings`",
        ),
        (format!("{h}a,A,actions,,,,\n"), (2, 13), "no text"),
        (format!("{h}a,A,actions,x\n"), (2, 1), "4 cells"),
        (format!("{h}Bad Id,A,actions,x,,,\n"), (2, 1), "not a slug"),
        (
            format!("{h}a,A,actions,x,,,\na,B,actions,y,,,\n"),
            (3, 3),
            "named `A`",
        ),
        (
            "stage,lane,txt\n".to_string(),
            (1, 12),
            "unknown column `txt`",
        ),
        (
            format!("{h}a,\"A\nB\",emotions,Happy,0,,\n"),
            (3, 19),
            "score `0`",
        ),
    ];
    for (text, (line, col), needle) in cases {
        let (pos, message) = csv_error(&text);
        assert!(message.contains(needle), "{message:?} lacks {needle:?}");
        assert_eq!((pos.line, pos.col), (line, col), "{message}");
    }
    let e = import::import(b"lane,text\ntitle,caf\xe9\n", From::Csv).unwrap_err();
    assert_eq!((e.pos.line, e.pos.col), (2, 10));
    assert!(e.message.contains("UTF-8"));
}

fn saas_trial() -> JourneyMap {
    let bytes = std::fs::read(common::root().join("maps/saas-trial.ron")).unwrap();
    format::load(&bytes).unwrap().map
}

#[test]
fn csv_carries_evidence_and_citations_only_for_a_map_that_holds_evidence() {
    let m = saas_trial();
    assert!(m.has_evidence());
    assert_eq!(csv_round_trip(&m), m);
    let csv = export::csv::export(&m);
    let header = csv.lines().next().unwrap();
    assert!(
        header.ends_with(",effort,evidence,evidence_id,source,from,date,link"),
        "{header}"
    );
    for e in &m.evidence {
        assert!(
            csv.contains(&format!(",{},{},", e.id, e.source.name())),
            "{}",
            e.id
        );
    }
    let golden = export::csv::export(&common::golden());
    assert!(golden.lines().next().unwrap().ends_with(",impact,effort"));
}

fn hotel_blueprint() -> JourneyMap {
    format::load_str(include_str!("../maps/hotel-blueprint.ron"))
        .unwrap()
        .map
}

#[test]
fn csv_round_trips_a_service_blueprint_with_its_lanes_and_their_items() {
    let m = hotel_blueprint();
    assert_eq!(csv_round_trip(&m), m);
    let csv = export::csv::export(&m);
    let header = csv.lines().next().unwrap();
    assert!(
        header.ends_with(
            ",effort,evidence,evidence_id,source,from,date,link,lane_id,kind,holds,serves,persona,personas"
        ),
        "{header}"
    );
    // One `lane` row per lane, in the grid's order, then each item under its
    // lane's id with owner, channel and the action it serves.
    assert!(
        csv.contains(",,lane,2,Customer actions,,,,,,,,,,,,,,,,,,,,actions,Journey,Text,,,\r\n")
    );
    assert!(
        csv.contains(",,lane,9,Moments of truth,,,,,,,,,,,,,,,,,,,,moments,Custom,Text,,,\r\n")
    );
    assert!(csv.contains(
        "arrival,Arrival,frontstage,1,Receptionist checks the guest in and offers to store the luggage,In person,,,Front desk,"
    ));
    assert!(csv.contains(",Checks in at the front desk,,\r\n"));
    // The `lane` rows anywhere (a sorted spreadsheet): they are read first.
    let mut lines: Vec<&str> = csv.split_inclusive("\r\n").collect();
    let head = lines.remove(0);
    let (defs, rest): (Vec<&str>, Vec<&str>) =
        lines.into_iter().partition(|l| l.starts_with(",,lane,"));
    let moved = format!("{head}{}{}", rest.concat(), defs.concat());
    let back = import::import(moved.as_bytes(), From::Csv).unwrap().map;
    assert!(back == m, "the lanes read last changed the map");
    // The canonical file comes back byte for byte.
    assert_eq!(
        format::write(&csv_round_trip(&m)),
        include_str!("../maps/hotel-blueprint.ron")
    );
}

#[test]
fn csv_carries_every_persona_whose_emotions_and_items_name_them() {
    let m = hotel_blueprint();
    let csv = export::csv::export(&m);
    // Each persona's rows carry her id, her name row her place.
    assert!(csv.contains(",,persona.name,1,Marta Silva,") && csv.contains(",marta,\r\n"));
    assert!(csv.contains(",,persona.name,2,Jonas Weber,"));
    assert!(csv.contains(",,persona.traits,1,Arrives,"));
    // Jonas's emotion names him; the first persona's names nobody.
    assert!(csv.contains("booking,Booking,emotions,2,Indifferent: the travel desk books it,,3,"));
    let jonas_emotion = csv
        .lines()
        .find(|l| l.contains("Indifferent: the travel desk books it"))
        .unwrap();
    assert!(jonas_emotion.ends_with(",jonas,"), "{jonas_emotion}");
    let marta_emotion = csv.lines().find(|l| l.contains(",Hopeful,")).unwrap();
    assert!(marta_emotion.ends_with(",,"), "{marta_emotion}");
    let travel = csv
        .lines()
        .find(|l| l.contains("Company travel booking tool"))
        .unwrap();
    assert!(travel.ends_with(",,jonas"), "{travel}");
    // Sorted by lane, the personas still come back in their order.
    let mut lines: Vec<&str> = csv.split_inclusive("\r\n").collect();
    let head = lines.remove(0);
    lines.sort_by_key(|l| l.split(',').nth(2).unwrap_or("").to_string());
    lines.reverse();
    let sorted = format!("{head}{}", lines.concat());
    let back = import::import(sorted.as_bytes(), From::Csv).unwrap().map;
    assert_eq!(back.persona.name, "Marta Silva");
    assert_eq!(back.other_personas[0].name, "Jonas Weber");
    // An item that names a persona the map does not hold is refused at its cell.
    let bad = csv.replacen(",,jonas\r\n", ",,jonaz\r\n", 1);
    assert_ne!(bad, csv);
    let e = import::import(bad.as_bytes(), From::Csv).unwrap_err();
    assert_eq!(e.message, "no persona `jonaz` in this map");
    assert_eq!(e.hint.as_deref(), Some("did you mean `jonas`?"));
    // An emotion is one persona's; a persona id is a slug.
    let h = "stage,lane,position,text,score,persona\n,persona.name,1,Ann,,ann\n,persona.name,2,Bo,,bo\n";
    let e = import::import(
        format!("{h}S,emotions,1,Glad,4,\"ann, bo\"\n").as_bytes(),
        From::Csv,
    )
    .unwrap_err();
    assert_eq!(
        (e.pos.line, e.message.as_str()),
        (4, "an emotion is one persona's")
    );
    let e = import::import(
        format!("{h},persona.role,,Guest,,Bo!\n").as_bytes(),
        From::Csv,
    )
    .unwrap_err();
    assert!(
        e.message.contains("persona id `Bo!` is not a slug"),
        "{}",
        e.message
    );
    let ok = import::import(format!("{h}S,emotions,1,Glad,4,bo\n").as_bytes(), From::Csv)
        .unwrap()
        .map;
    assert_eq!(ok.curves()[1].2, vec![Some(4.0)]);
    // A one-persona map has no persona columns.
    let golden = export::csv::export(&common::golden());
    assert!(!golden.lines().next().unwrap().contains("persona"));
}

#[test]
fn a_hand_written_csv_may_list_only_its_own_lanes() {
    let text = "stage,lane,position,text,lane_id,kind,owner,serves\n\
        ,lane,1,Front desk,front-desk,Frontstage,,\n\
        Arrival,actions,1,Checks in,,,,\n\
        Arrival,front-desk,1,Hands over the key,,,Receptionist,Checks in\n";
    let m = import::import(text.as_bytes(), From::Csv).unwrap().map;
    let lanes: Vec<&str> = m.lane_sequence().iter().map(|l| l.key()).collect();
    assert_eq!(
        lanes,
        [
            "actions",
            "thoughts",
            "touchpoints",
            "emotions",
            "pain_points",
            "optimizations",
            "metrics",
            "front-desk"
        ]
    );
    let lane = m.lane_by_id("front-desk").unwrap();
    assert_eq!(
        m.lane_holds(lane),
        cjm::model::Holds::Owned,
        "the kind's default"
    );
    let item = &m.stages[0].extra_items(lane)[0];
    assert_eq!(
        (item.owner.as_str(), item.serves.as_str()),
        ("Receptionist", "Checks in")
    );
    assert!(format::errors(&m).is_empty());
}

#[test]
fn bad_lane_rows_are_refused_at_their_cell() {
    let h = "stage_id,stage,lane,position,text,lane_id,kind,holds\n";
    let cases = [
        (
            format!("{h},,lane,1,Front,front,Frontstge,\n"),
            (2, 22),
            "lane kind `Frontstge`",
            Some("Frontstage"),
        ),
        (
            format!("{h},,lane,1,Front,Front Desk,Frontstage,\n"),
            (2, 16),
            "not a slug",
            None,
        ),
        (
            format!("{h},,lane,1,,front,Frontstage,\n"),
            (2, 10),
            "has no title",
            None,
        ),
        (
            format!("{h},,lane,1,Front,front,Frontstage,\n,,lane,2,Again,front,Custom,\n"),
            (3, 16),
            "used twice",
            None,
        ),
        (
            format!("{h},,lane,1,Doing,actions,Custom,\n"),
            (2, 24),
            "its kind is Journey",
            None,
        ),
        (
            format!("{h},,lane,1,Front,front,Frontstage,Lots\n"),
            (2, 33),
            "holds `Lots`",
            None,
        ),
        (
            format!("{h},,lane,1,,,Frontstage,\n"),
            (2, 11),
            "needs a `lane_id`",
            None,
        ),
        // An item of a lane no `lane` row declares: unknown, as before lanes.
        (
            format!("{h}a,A,frontstage,1,Greets,,,\n"),
            (2, 5),
            "unknown lane `frontstage`",
            None,
        ),
        (
            format!("{h}a,A,lane,1,Front,front,Frontstage,\n"),
            (2, 1),
            "does not apply to lane `lane`",
            None,
        ),
    ];
    for (text, (line, col), needle, hint) in cases {
        let e = import::import(text.as_bytes(), From::Csv).unwrap_err();
        assert!(
            e.message.contains(needle),
            "{:?} lacks {needle:?}",
            e.message
        );
        assert_eq!((e.pos.line, e.pos.col), (line, col), "{}", e.message);
        if let Some(h) = hint {
            assert!(e.to_string().contains(h), "{e}");
        }
    }
}

#[test]
fn a_csv_citing_evidence_it_does_not_hold_is_refused_at_the_citing_cell() {
    let h = "stage_id,stage,lane,position,text,severity,evidence,evidence_id,source,date\n";
    let ev = "evidence,1,Setup took two days,,,int-01,Interview,\n";
    let cases = [
        (
            format!("{h}a,A,pain_points,1,Slow,High,int-09,,,\n,,{ev}"),
            (2, 29),
            "pain point cites evidence `int-09`, which the map does not hold",
        ),
        (
            format!("{h}a,A,goal,,Try it,,\"int-01, int-01\",,,\n,,{ev}"),
            (2, 19),
            "`int-01` is cited twice",
        ),
        (
            format!("{h},,{ev},,evidence,2,Again,,,int-01,Survey,\n"),
            (3, 22),
            "evidence id `int-01` is used twice (first at 2:36)",
        ),
        (
            format!("{h},,evidence,1,Said so,,,int-01,Podcast,\n"),
            (2, 31),
            "source `Podcast` is not one of Interview, Survey",
        ),
        (
            format!("{h},,evidence,1,Said so,,,int-01,,2026-02-30\n"),
            (2, 32),
            "date `2026-02-30` is not a calendar date (YYYY-MM-DD)",
        ),
        (
            format!("{h},,evidence,1,Said so,,,Int 1,,\n"),
            (2, 24),
            "evidence id `Int 1` is not a slug",
        ),
        (
            format!("{h}a,A,actions,1,Signs up,,int-01,,,\n,,{ev}"),
            (2, 25),
            "column `evidence` does not apply to lane `actions`",
        ),
    ];
    for (text, (line, col), needle) in cases {
        let (pos, message) = csv_error(&text);
        assert!(message.contains(needle), "{message:?} lacks {needle:?}");
        assert_eq!((pos.line, pos.col), (line, col), "{message}");
    }
    let e = import::import(
        format!("{h}a,A,pain_points,1,Slow,High,int-1,,,\n,,{ev}").as_bytes(),
        From::Csv,
    )
    .unwrap_err();
    assert_eq!(e.hint.as_deref(), Some("did you mean `int-01`?"));
}

// ------------------------------------------------------------------ Mermaid

#[test]
fn mermaids_documented_example_imports() {
    let text = std::fs::read(common::root().join("tests/data/mermaid-docs-journey.mmd")).unwrap();
    let m = import::import(&text, From::Mermaid)
        .unwrap()
        .strict()
        .unwrap();
    assert_eq!(m.title, "My working day");
    let names: Vec<&str> = m.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Go to work", "Go home"]);
    let work = &m.stages[0];
    let tasks: Vec<(&str, &str)> = work
        .touchpoints
        .iter()
        .map(|t| (t.name.as_str(), t.channel.as_str()))
        .collect();
    assert_eq!(
        tasks,
        [
            ("Make tea", "Me"),
            ("Go upstairs", "Me"),
            ("Do work", "Me, Cat")
        ]
    );
    let scores: Vec<i64> = work.emotions.iter().map(|e| e.score).collect();
    assert_eq!(scores, [5, 3, 1]);
    assert_eq!(work.emotions[2].note, "Do work");
    assert_eq!(
        m.stages[1].emotions.len(),
        1,
        "one emotion per distinct score"
    );
    assert_eq!(m.stages[1].emotions[0].note, "Go downstairs, Sit down");
}

#[test]
fn mermaid_syntax_mermaid_accepts_imports() {
    // As in Mermaid, a task line starting with `title ` is a title statement; the
    // export guards such a task with a zero-width space, which the import removes.
    let text = "---\ntitle: ignored\n---\n%% a comment\njourney\n  accTitle: Trip\n  accDescr {\n    many\n    lines\n  }\n  title Ignored\n  Early task: 2\n  section Morning # comment\n    Coffee: 4: Me, Barista\n    \u{200b}Title search: 3\n    title Trip: day one\n";
    let imported = import::import(text.as_bytes(), From::Mermaid).unwrap();
    let m = &imported.map;
    assert_eq!(m.title, "Trip: day one");
    assert_eq!(m.summary, "many lines");
    assert_eq!(m.stages.len(), 2);
    assert_eq!(imported.warnings.len(), 1, "{:?}", imported.warnings);
    assert_eq!(imported.warnings[0].pos, Pos { line: 12, col: 3 });
    assert_eq!(m.stages[0].touchpoints[0].name, "Early task");
    assert_eq!(m.stages[1].name, "Morning");
    assert_eq!(m.stages[1].touchpoints[0].channel, "Me, Barista");
    assert_eq!(m.stages[1].touchpoints[1].name, "Title search");
}

#[test]
fn mermaid_exports_import_back_with_what_mermaid_carries() {
    let mut maps = vec![common::golden(), common::hostile()];
    maps.extend(common::sample(60));
    for m in &maps {
        let back = import::import(export::mermaid::export(m).as_bytes(), From::Mermaid)
            .unwrap()
            .strict()
            .unwrap();
        assert_eq!(back.stages.len(), m.stages.len());
        for (a, b) in m.stages.iter().zip(&back.stages) {
            assert_eq!(b.touchpoints.len(), a.touchpoints.len().max(1));
            let score = export::mermaid::score(a);
            assert!(b.emotions.iter().all(|e| e.score == score));
        }
    }
    // Plain text comes back exactly.
    let g = common::golden();
    let back = import::import(export::mermaid::export(&g).as_bytes(), From::Mermaid)
        .unwrap()
        .strict()
        .unwrap();
    assert_eq!(back.title, g.title);
    assert_eq!(back.stages[0].name, "Awareness");
    assert_eq!(back.stages[0].touchpoints, g.stages[0].touchpoints);
    assert_eq!(back.stages[0].emotions[0].score, 4);
}

/// A warning the import must give: line, column and part of its message.
type Expected = (u32, u32, &'static str);

/// One journey of `tests/data/` per construct that Mermaid draws but a map cannot
/// hold as written, with the warnings the import must give.
fn mermaid_journeys() -> Vec<(&'static str, Vec<Expected>)> {
    vec![
        ("mermaid-docs-journey.mmd", vec![]),
        (
            "mermaid-scores-mermaid-draws.mmd",
            vec![
                (
                    4,
                    17,
                    "score `7` is not a whole number from 1 to 5: clamped to 5",
                ),
                (
                    5,
                    21,
                    "score `Dad` is not a number: the task is kept without an emotion",
                ),
                (
                    6,
                    20,
                    "score `3.5` is not a whole number from 1 to 5: rounded to 4",
                ),
                (
                    7,
                    16,
                    "score `0` is not a whole number from 1 to 5: clamped to 1",
                ),
                (
                    10,
                    17,
                    "score `-2` is not a whole number from 1 to 5: clamped to 1",
                ),
            ],
        ),
        (
            "mermaid-tasks-before-any-section.mmd",
            vec![(
                3,
                5,
                "before any `section`: a first stage `Journey` is made",
            )],
        ),
        ("mermaid-accessibility.mmd", vec![]),
        ("mermaid-accdescr-block.mmd", vec![]),
        ("mermaid-front-matter-and-directives.mmd", vec![]),
    ]
}

fn data(name: &str) -> std::path::PathBuf {
    common::root().join("tests/data").join(name)
}

#[test]
fn what_mermaid_draws_imports_with_one_warning_per_adjustment() {
    for (file, expected) in mermaid_journeys() {
        let i = import::import(&std::fs::read(data(file)).unwrap(), From::Mermaid)
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        let got: Vec<(u32, u32, String)> = i
            .warnings
            .iter()
            .map(|w| (w.pos.line, w.pos.col, w.message()))
            .collect();
        assert_eq!(got.len(), expected.len(), "{file}: {got:#?}");
        for ((line, col, message), (l, c, needle)) in got.iter().zip(&expected) {
            assert_eq!((*line, *col), (*l, *c), "{file}: {message}");
            assert!(
                message.contains(needle),
                "{file}: {message:?} lacks {needle:?}"
            );
        }
        assert!(format::errors(&i.map).is_empty());
    }
    let load = |f: &str| {
        import::import(&std::fs::read(data(f)).unwrap(), From::Mermaid)
            .unwrap()
            .map
    };

    // Scores: clamped or rounded into 1–5; a score that is not a number leaves the
    // task without an emotion (and, as in Mermaid, without actors).
    let m = load("mermaid-scores-mermaid-draws.mmd");
    let work = &m.stages[0];
    let tasks: Vec<(&str, &str)> = work
        .touchpoints
        .iter()
        .map(|t| (t.name.as_str(), t.channel.as_str()))
        .collect();
    assert_eq!(
        tasks,
        [
            ("Make tea", "Me"),
            ("Get car keys", ""),
            ("Go upstairs", "Me"),
            ("Do work", "Me, Cat")
        ]
    );
    let emotions: Vec<(i64, &str)> = work
        .emotions
        .iter()
        .map(|e| (e.score, e.note.as_str()))
        .collect();
    assert_eq!(
        emotions,
        [(5, "Make tea"), (4, "Go upstairs"), (1, "Do work")]
    );
    let home: Vec<(i64, &str)> = m.stages[1]
        .emotions
        .iter()
        .map(|e| (e.score, e.note.as_str()))
        .collect();
    assert_eq!(home, [(5, "Go downstairs"), (1, "Sit down")]);

    // Tasks before any section: a first stage holds them.
    let m = load("mermaid-tasks-before-any-section.mmd");
    let names: Vec<&str> = m.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Journey", "Go to work"]);
    assert_eq!(m.stages[0].touchpoints.len(), 2);

    // accTitle and accDescr: the title (when there is no `title`) and the summary.
    let m = load("mermaid-accessibility.mmd");
    assert_eq!(m.title, "My working day");
    assert_eq!(m.summary, "How a working day feels, from tea to the sofa");
    let m = load("mermaid-accdescr-block.mmd");
    assert_eq!(m.title, "My working day", "`title` wins over accTitle");
    assert_eq!(
        m.summary,
        "How a working day feels, from the first tea to the sofa."
    );
    assert_eq!(m.stages.len(), 2);

    // Front matter (its title is the drawing's title) and directives.
    let m = load("mermaid-front-matter-and-directives.mmd");
    assert_eq!(m.title, "My working day");
    let names: Vec<&str> = m.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Go to work", "Go home"]);
    assert_eq!(m.stages[0].touchpoints[1].channel, "Me, Cat");
}

#[test]
fn import_prints_the_warnings_and_strict_refuses_what_needs_adjusting() {
    let dir = tempfile::tempdir().unwrap();
    for (file, expected) in mermaid_journeys() {
        let target = dir.path().join(format!("{file}.ron"));
        let run = |strict: bool| {
            let mut c = cjm();
            c.args(["import", "--from", "mermaid", "-o"]).arg(&target);
            if strict {
                c.arg("--strict");
            }
            c.arg(data(file)).output().unwrap()
        };
        let path = data(file).to_string_lossy().into_owned();

        let strict = run(true);
        let err = String::from_utf8_lossy(&strict.stderr);
        if let Some((line, col, _)) = expected.first() {
            assert_eq!(strict.status.code(), Some(1), "{file}: {err}");
            assert!(
                err.starts_with(&format!("cjm: {path}:{line}:{col}: ")),
                "{file}: {err}"
            );
            assert!(err.contains("--strict"), "{err}");
            assert!(!target.exists(), "--strict wrote {file}");
        } else {
            assert_eq!(strict.status.code(), Some(0), "{file}: {err}");
            assert!(err.is_empty(), "{err}");
            std::fs::remove_file(&target).unwrap();
        }

        let out = run(false);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{file}: {err}");
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), expected.len(), "{file}: {err}");
        for (l, (line, col, needle)) in lines.iter().zip(&expected) {
            let head = format!("{path}:{line}:{col}: warning: ");
            assert!(l.starts_with(&head), "{l:?} is not at {head:?}");
            assert!(l.contains(needle), "{l}");
        }
        let written = std::fs::read(&target).unwrap();
        assert!(format::load(&written).is_ok(), "{file}");
    }
}

/// The journeys above are what Mermaid accepts: its own parser says so, when
/// `.ci/setup-mermaid.sh` has installed it (tests/export.rs always installs it).
#[test]
fn the_mermaid_journeys_in_tests_data_pass_mermaids_own_parser() {
    let tool = common::root().join("tools/mermaid");
    if !tool.join("node_modules/mermaid/package.json").exists() {
        eprintln!("Mermaid's parser is not installed (.ci/setup-mermaid.sh): not checked");
        return;
    }
    let files: Vec<_> = mermaid_journeys().iter().map(|(f, _)| data(f)).collect();
    let out = Command::new("node")
        .current_dir(&tool)
        .arg("parse.mjs")
        .arg("--journey")
        .args(&files)
        .output()
        .expect("node runs");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        said.lines()
            .filter(|l| l.starts_with("ok journey "))
            .count(),
        files.len()
    );
}

#[test]
fn bad_mermaid_is_rejected_with_a_position() {
    let cases = [
        ("graph TD\n  A-->B\n", (1, 1), "expected `journey`"),
        (
            "journey\n  section A\n    Task without score\n",
            (3, 5),
            "has no score",
        ),
        ("journey\n  section A; B\n", (2, 12), "`;`"),
        ("journey\n  section A: B\n", (2, 12), "`:`"),
        ("journey\n    : 3: Me\n", (2, 5), "no name"),
        ("", (1, 1), "no `journey`"),
    ];
    for (text, (line, col), needle) in cases {
        let e = import::import(text.as_bytes(), From::Mermaid).unwrap_err();
        assert!(
            e.message.contains(needle),
            "{:?} lacks {needle:?}",
            e.message
        );
        assert_eq!((e.pos.line, e.pos.col), (line, col), "{}", e.message);
    }
}

// ---------------------------------------------------------------- the command

fn cjm() -> std::process::Command {
    common::cjm()
}

#[test]
fn import_prints_a_canonical_map_and_writes_files_safely() {
    let dir = tempfile::tempdir().unwrap();
    let csv = common::write(
        dir.path(),
        "map.csv",
        &export::csv::export(&common::golden()),
    );
    let out = cjm()
        .args(["import", "--from", "csv"])
        .arg(&csv)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let golden =
        std::fs::read_to_string(common::root().join("tests/data/design-example.ron")).unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), golden);

    let target = dir.path().join("map.ron");
    let run = |extra: &[&str]| {
        cjm()
            .args(["import", "--from", "mermaid", "-o"])
            .arg(&target)
            .args(extra)
            .arg(common::root().join("tests/data/mermaid-docs-journey.mmd"))
            .output()
            .unwrap()
    };
    assert_eq!(run(&[]).status.code(), Some(0));
    let written = std::fs::read(&target).unwrap();
    assert_eq!(
        format::write(&format::load(&written).unwrap().map).as_bytes(),
        written.as_slice()
    );
    std::fs::write(&target, "mine").unwrap();
    let refused = run(&[]);
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "mine");
    assert_eq!(run(&["--force"]).status.code(), Some(0));
    assert_eq!(std::fs::read(&target).unwrap(), written);
}

#[test]
fn import_of_bad_input_exits_1_with_path_line_col_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = common::write(
        dir.path(),
        "bad.mmd",
        "journey\n  section A\n    Task: 9: Me\n",
    );
    let target = dir.path().join("out.ron");
    let out = cjm()
        .args(["import", "--strict", "--from", "mermaid", "-o"])
        .arg(&target)
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("cjm: ") && err.contains("bad.mmd:3:11: "),
        "{err}"
    );
    assert!(!target.exists());
    let missing = cjm()
        .args(["import", "--from", "csv"])
        .arg(dir.path().join("nope.csv"))
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    let usage = cjm()
        .args(["import", "--from", "ods", "x"])
        .output()
        .unwrap();
    assert_eq!(usage.status.code(), Some(2));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    /// Any input: an error or a valid map, never a panic.
    #[test]
    fn imports_never_panic(
        text in "(journey|section |title |accTitle: |accDescr \\{|\\}|%%\\{|\\}%%|---|stage_id,lane,text,score|emotions|,|:|\"|;|#|%%|\n|\r|[a-z ]|[0-9]|\u{200b}|é|🎉){0,60}",
        bytes in prop::collection::vec(any::<u8>(), 0..64),
    ) {
        for from in [From::Mermaid, From::Csv, From::Xlsx] {
            for input in [text.as_bytes(), &bytes[..]] {
                if let Ok(i) = import::import(input, from) {
                    prop_assert!(format::errors(&i.map).is_empty());
                }
            }
        }
    }
}

// ------------------------------------------------ Enablement Map Studio

fn ems(text: &str) -> Result<import::Imported, cjm::format::ReadError> {
    import::import(text.as_bytes(), From::Ems)
}

#[test]
fn an_enablement_map_studio_file_imports_as_one_map_with_blueprint_lanes() {
    let text = std::fs::read_to_string(data("ems-clinic.yaml")).unwrap();
    let imported = ems(&text).unwrap();
    let m = &imported.map;
    assert!(format::errors(m).is_empty());
    assert_eq!(m.persona.name, "Aiko Tanaka");
    assert!(m.persona.summary.starts_with("Office worker booking"));
    // Phases are the stages, actions Doing, with their thoughts, touchpoints
    // and scores (-2..2 read as 1..5).
    let names: Vec<&str> = m.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Booking", "First visit", "Follow-up"]);
    let visit = &m.stages[1];
    assert_eq!(
        visit.actions,
        ["Checks in at reception", "Gets the first treatment"]
    );
    assert_eq!(visit.thoughts, ["Why do I fill in the same form again?"]);
    let scores: Vec<i64> = m
        .stages
        .iter()
        .flat_map(|s| s.emotions.iter().map(|e| e.score))
        .collect();
    assert_eq!(scores, [4, 1, 5, 3]);
    assert_eq!(m.stages[0].touchpoints.len(), 2);
    // The blueprint's lanes in the studio's order under the customer lane:
    // human is frontstage, team backstage, system support.
    let lanes: Vec<(String, cjm::model::LaneKind)> = m
        .lane_sequence()
        .iter()
        .take(4)
        .map(|l| (m.lane_title(*l), m.lane_kind(*l)))
        .collect();
    use cjm::model::LaneKind::*;
    assert_eq!(
        lanes,
        [
            ("Doing".to_string(), Journey),
            ("Reception".to_string(), Frontstage),
            ("Therapists".to_string(), Backstage),
            ("Booking system".to_string(), Support),
        ]
    );
    // Each task in the stage of the action it links to, serving it.
    let reception = m.lane_by_id("reception").unwrap();
    let greet = &visit.extra_items(reception)[0];
    assert_eq!(greet.text, "Greets the patient and checks the referral");
    assert_eq!(greet.serves, "Checks in at reception");
    assert!(m.dangling_serves().is_empty());
    // A task linked only by a connection joins its neighbour's stage, with
    // its description on a second line.
    let therapists = m.lane_by_id("therapists").unwrap();
    assert!(
        visit.extra_items(therapists)[0]
            .text
            .ends_with("\nThe form arrives on paper, so it is often read in the corridor.")
    );
    // An unlinked, unconnected task goes under the nearest action, said so.
    let systems = m.lane_by_id("booking-system").unwrap();
    let booking: Vec<&str> = m.stages[0]
        .extra_items(systems)
        .iter()
        .map(|i| i.text.as_str())
        .collect();
    assert_eq!(
        booking,
        [
            "Sends the booking confirmation",
            "Texts a reminder the day before"
        ]
    );
    // The outcome: the KGI an objective, the KPI in the stage of its CSF's task.
    assert_eq!(m.objectives, ["Patients finish their treatment plan"]);
    let kpi = &m.stages[2].metrics[0];
    assert_eq!(
        (kpi.name.as_str(), kpi.target, kpi.unit.as_str()),
        ("Plans opened within a day", Some(80.0), "%")
    );
    // What was adjusted or dropped is said, at its line.
    let w: Vec<String> = imported
        .warnings
        .iter()
        .map(|w| format!("{}: {}", w.pos, w.message()))
        .collect();
    assert_eq!(w.len(), 3, "{w:?}");
    assert!(
        w[0].starts_with(
            "130:9: task `sbp:task:remind` is linked to no action: put in stage `Booking`"
        ),
        "{w:?}"
    );
    assert!(w[1].contains("1 connection between tasks"), "{w:?}");
    assert!(w[2].contains("the `em` document"), "{w:?}");
}

#[test]
fn import_reads_a_yaml_file_as_enablement_map_studio_without_from() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("clinic.ron");
    let run = |extra: &[&str]| {
        cjm()
            .arg("import")
            .arg(data("ems-clinic.yaml"))
            .args(extra)
            .output()
            .unwrap()
    };
    let o = run(&["-o", out.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("ems-clinic.yaml:161:1: warning: the `em` document"),
        "{stderr}"
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(format::load_str(&text).unwrap().map.is_blueprint());
    // --strict refuses the file, since it would lose something.
    let o = run(&["--strict"]);
    assert_eq!(o.status.code(), Some(1));
    // A name that says no format.
    let o = cjm().args(["import", "journey.txt"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--from"));
}

#[test]
fn bad_enablement_map_studio_files_are_refused_with_a_position() {
    let cjm_doc = "kind: cjm\nversion: '1.0'\nid: cjm:x\nphases:\n  - id: cjm:phase:a\n    name: A\nactions:\n  - id: cjm:action:go\n    name: Goes\n    phase: cjm:phase:a\n    emotion_score: 1\n";
    let cases: Vec<(String, (u32, u32), &str)> = vec![
        (
            "kind: sbp\nversion: '1.0'\nlanes: []\ntasks: []\n".into(),
            (1, 1),
            "no `kind: cjm` document",
        ),
        ("kind: cjm\nphases: [\n".into(), (3, 1), "not YAML"),
        (
            format!("{cjm_doc}---\nkind: journey\n"),
            (13, 1),
            "unknown document kind `journey`",
        ),
        (
            cjm_doc.replace("phase: cjm:phase:a", "phase: cjm:phase:b"),
            (8, 9),
            "which the cjm document does not have",
        ),
        (
            "kind: cjm\nid: cjm:x\nphases: []\nactions: []\n".into(),
            (1, 1),
            "has no phases",
        ),
        (
            cjm_doc.replace("    name: Goes\n", ""),
            (1, 1),
            "missing field `name`",
        ),
        (
            format!(
                "{cjm_doc}---\nkind: sbp\nlanes:\n  - id: sbp:lane:front\n    name: Front\n    kind: human\ntasks:\n  - id: sbp:task:t\n    lane: sbp:lane:back\n    name: Greets\n"
            ),
            (19, 9),
            "task `sbp:task:t` is in lane `sbp:lane:back`",
        ),
        (
            format!(
                "{cjm_doc}---\nkind: sbp\nlanes:\n  - id: sbp:lane:front\n    name: Front\n    kind: human\ntasks:\n  - id: sbp:task:t\n    lane: sbp:lane:front\n    name: Greets\n    source_id: cjm:action:gone\n"
            ),
            (19, 9),
            "links to `cjm:action:gone`, which is no action",
        ),
    ];
    for (text, (line, col), needle) in cases {
        let e = ems(&text)
            .err()
            .unwrap_or_else(|| panic!("accepted: {text}"));
        assert!(
            e.message.contains(needle),
            "{:?} lacks {needle:?}",
            e.message
        );
        assert_eq!((e.pos.line, e.pos.col), (line, col), "{}", e.message);
    }
}
