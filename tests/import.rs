//! The imports: CSV round trips exactly and neutralises formulas, Mermaid's
//! documented journey imports, Mermaid exports import back with what Mermaid can
//! carry, bad input is rejected with `PATH:LINE:COL`, and `cjm import` exit codes.

mod common;

use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;
use cjm::export;
use cjm::format::{self, Pos};
use cjm::import::{self, From};
use cjm::model::JourneyMap;
use proptest::prelude::*;

fn csv_round_trip(m: &JourneyMap) -> JourneyMap {
    import::import(export::csv::export(m).as_bytes(), From::Csv).unwrap()
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
    assert_eq!(import::import(shuffled.as_bytes(), From::Csv).unwrap(), m);
}

#[test]
fn a_hand_written_csv_with_few_columns_imports() {
    let text = "stage,lane,text,score\nDiscover,actions,Searches the web,\nDiscover,emotions,Curious,4\nBuy,pain_points,Checkout is slow,\n";
    let m = import::import(text.as_bytes(), From::Csv).unwrap();
    assert_eq!(m.title, import::DEFAULT_TITLE);
    assert_eq!(m.stages.len(), 2);
    assert_eq!(m.stages[0].id, "discover");
    assert_eq!(m.stages[0].emotions[0].score, 4);
    assert_eq!(m.stages[1].pain_points[0].text, "Checkout is slow");
    assert!(format::errors(&m).is_empty());
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

// ------------------------------------------------------------------ Mermaid

#[test]
fn mermaids_documented_example_imports() {
    let text = std::fs::read(common::root().join("tests/data/mermaid-docs-journey.mmd")).unwrap();
    let m = import::import(&text, From::Mermaid).unwrap();
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
    let m = import::import(text.as_bytes(), From::Mermaid).unwrap();
    assert_eq!(m.title, "Trip: day one");
    assert_eq!(m.stages.len(), 2);
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
        let back = import::import(export::mermaid::export(m).as_bytes(), From::Mermaid).unwrap();
        assert_eq!(back.stages.len(), m.stages.len());
        for (a, b) in m.stages.iter().zip(&back.stages) {
            assert_eq!(b.touchpoints.len(), a.touchpoints.len().max(1));
            let score = export::mermaid::score(a);
            assert!(b.emotions.iter().all(|e| e.score == score));
        }
    }
    // Plain text comes back exactly.
    let g = common::golden();
    let back = import::import(export::mermaid::export(&g).as_bytes(), From::Mermaid).unwrap();
    assert_eq!(back.title, g.title);
    assert_eq!(back.stages[0].name, "Awareness");
    assert_eq!(back.stages[0].touchpoints, g.stages[0].touchpoints);
    assert_eq!(back.stages[0].emotions[0].score, 4);
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
        ("journey\n  section A\n    Task: 7: Me\n", (3, 11), "`7`"),
        ("journey\n  section A\n    Task: x\n", (3, 11), "`x`"),
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

fn cjm() -> Command {
    Command::cargo_bin("cjm").unwrap()
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
        .args(["import", "--from", "mermaid", "-o"])
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
        .args(["import", "--from", "xlsx", "x"])
        .output()
        .unwrap();
    assert_eq!(usage.status.code(), Some(2));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    /// Any input: an error or a valid map, never a panic.
    #[test]
    fn imports_never_panic(
        text in "(journey|section |title |stage_id,lane,text,score|emotions|,|:|\"|;|#|%%|\n|\r|[a-z ]|[0-9]|\u{200b}|é|🎉){0,60}",
        bytes in prop::collection::vec(any::<u8>(), 0..64),
    ) {
        for from in [From::Mermaid, From::Csv] {
            for input in [text.as_bytes(), &bytes[..]] {
                if let Ok(m) = import::import(input, from) {
                    prop_assert!(format::errors(&m).is_empty());
                }
            }
        }
    }
}
