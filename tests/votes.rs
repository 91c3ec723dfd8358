//! Dot votes (docs/format.md#versioning, format 2): in the file only when a map
//! has them, so every map without votes keeps its bytes; in every export; and
//! added up, not in conflict, when two branches vote on one item.

mod common;

use cjm::diff::merge::merge;
use cjm::export;
use cjm::format::{load_str, write};
use cjm::model::JourneyMap;

const GOLDEN: &str = include_str!("data/design-example.ron");

fn golden() -> JourneyMap {
    load_str(GOLDEN).unwrap().map
}

/// The golden map with votes on its first pain point and optimization.
fn voted(pain: u32, opt: u32) -> JourneyMap {
    let mut m = golden();
    m.stages[0].pain_points[0].votes = pain;
    m.stages[0].optimizations[0].votes = opt;
    m
}

fn err(text: &str) -> String {
    load_str(text).unwrap_err().to_string()
}

// ---------------------------------------------------------------- the format

#[test]
fn every_map_without_votes_keeps_its_bytes_and_format_1() {
    let mut n = 0;
    for (path, text, map) in common::maps_below(2) {
        assert!(
            text.starts_with("JourneyMap(\n    format: 1,\n"),
            "{}",
            path.display()
        );
        assert_eq!(write(&map), text, "{} changed", path.display());
        n += 1;
    }
    // The SaaS trial example cites evidence (format 5); five others stay format 1.
    assert!(n >= 5, "expected the example maps and fixtures, found {n}");
    // The templates `cjm new` starts from are format 1 too, but the service
    // blueprint, whose lanes are format 6.
    for t in cjm::model::templates::TEMPLATES {
        let m = t.instantiate("T", "P");
        let format = if t.lanes.is_empty() { 1 } else { 6 };
        assert!(write(&m).contains(&format!("\n    format: {format},\n")));
    }
}

#[test]
fn a_map_with_votes_is_written_as_format_2_and_reads_back() {
    let m = voted(3, 1);
    let text = write(&m);
    assert!(text.starts_with("JourneyMap(\n    format: 2,\n"));
    assert!(text.contains("                    severity: High,\n                    votes: 3,\n"));
    assert_eq!(
        text.matches("votes:").count(),
        2,
        "none written for 0 votes"
    );
    assert_eq!(load_str(&text).unwrap().map, m);
    // Taking the votes away again gives back the format 1 bytes.
    assert_eq!(write(&voted(0, 0)), GOLDEN);
}

#[test]
fn a_format_2_file_without_votes_is_written_as_format_1() {
    let text = GOLDEN.replacen("format: 1,", "format: 2,", 1);
    assert_eq!(write(&load_str(&text).unwrap().map), GOLDEN);
}

#[test]
fn votes_in_a_file_that_says_format_1_are_refused_with_the_fix() {
    let text = write(&voted(3, 0)).replacen("format: 2,", "format: 1,", 1);
    let e = err(&text);
    assert!(
        e.contains("`votes` needs format 2; this map says format 1"),
        "{e}"
    );
    assert!(e.contains("write `format: 2,`"), "{e}");
    let (line, col) = text
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.find("votes: ").map(|c| (i + 1, c + 8)))
        .unwrap();
    assert!(e.starts_with(&format!("{line}:{col}:")), "{e}");
}

#[test]
fn votes_that_are_not_a_count_are_refused_where_they_stand() {
    let text = write(&voted(3, 0));
    for (bad, message) in [
        ("-1", "votes cannot be negative, found -1"),
        ("4294967296", "4294967296 votes is more than cjm can count"),
        ("1.5", "expected a whole number for `votes`, found"),
        ("\"3\"", "expected a whole number for `votes`, found"),
    ] {
        let e = err(&text.replace("votes: 3,", &format!("votes: {bad},")));
        assert!(e.contains(message), "{bad}: {e}");
    }
}

#[test]
fn a_newer_format_is_named_before_any_field_it_adds() {
    // What a format-1 build saw when it met format 2, as this build sees format 8:
    // the version is read before the fields, so fields it cannot know do not matter.
    let text = write(&voted(3, 0))
        .replacen("format: 2,", "format: 8,", 1)
        .replace("votes: 3,", "stickers: 3,");
    let e = err(&text);
    assert!(
        e.contains("written by a newer cjm (format 8); this cjm reads format 7"),
        "{e}"
    );
    assert!(!e.contains("unknown field"), "{e}");
}

#[test]
fn fmt_writes_the_lowest_format_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::write(
        dir.path(),
        "m.ron",
        &GOLDEN.replacen("format: 1,", "format: 2,", 1),
    );
    assert!(
        common::cjm()
            .arg("fmt")
            .arg(&file)
            .status()
            .unwrap()
            .success()
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), GOLDEN);
}

// ---------------------------------------------------------------- merge

#[test]
fn votes_added_on_both_sides_add_up() {
    let base = voted(1, 0);
    let ours = voted(3, 2);
    let theirs = voted(2, 1);
    let (m, conflicts) = merge(&base, &ours, &theirs);
    assert!(conflicts.is_empty(), "{conflicts:?}");
    assert_eq!(m.stages[0].pain_points[0].votes, 4, "1 + 2 ours + 1 theirs");
    assert_eq!(m.stages[0].optimizations[0].votes, 3);
    // Whichever branch merges the other.
    assert_eq!(merge(&base, &theirs, &ours).0, m);
}

#[test]
fn two_identical_sides_are_one_change_not_two_votes() {
    // What git never hands a merge driver, and what `merge(b, x, x) == x` says.
    let (m, conflicts) = merge(&voted(1, 0), &voted(2, 0), &voted(2, 0));
    assert!(conflicts.is_empty());
    assert_eq!(m, voted(2, 0));
}

#[test]
fn votes_merge_beside_a_change_to_the_item_and_never_go_below_zero() {
    let base = voted(2, 0);
    let mut ours = voted(0, 0);
    ours.stages[0].pain_points[0].severity = cjm::model::Level::Low;
    let theirs = voted(1, 0);
    let (m, conflicts) = merge(&base, &ours, &theirs);
    assert!(conflicts.is_empty(), "{conflicts:?}");
    let p = &m.stages[0].pain_points[0];
    assert_eq!(p.severity, cjm::model::Level::Low);
    assert_eq!(p.votes, 0, "2 - 2 - 1 stops at 0");
    // Two different changes to the rest of one item are still a conflict (ours
    // kept), and the votes still add up.
    let mut theirs = voted(3, 0);
    theirs.stages[0].pain_points[0].text.push_str(" (checked)");
    let (m, conflicts) = merge(&base, &ours, &theirs);
    assert_eq!(conflicts.len(), 1);
    let p = &m.stages[0].pain_points[0];
    assert_eq!((p.severity, p.votes), (cjm::model::Level::Low, 1));
}

#[test]
fn cjm_merge_adds_votes_and_writes_format_2() {
    let dir = tempfile::tempdir().unwrap();
    let base = common::write(dir.path(), "base.ron", &write(&voted(1, 0)));
    let ours = common::write(dir.path(), "ours.ron", &write(&voted(3, 0)));
    let theirs = common::write(dir.path(), "theirs.ron", &write(&voted(2, 0)));
    assert!(
        common::cjm()
            .args(["merge"])
            .args([&base, &ours, &theirs])
            .status()
            .unwrap()
            .success()
    );
    let merged = std::fs::read_to_string(&ours).unwrap();
    assert_eq!(merged, write(&voted(4, 0)));
}

#[test]
fn the_diff_shows_the_votes() {
    let out = common::cjm()
        .arg("diff")
        .args([
            common::write(
                tempfile::tempdir().unwrap().keep().as_path(),
                "a.ron",
                GOLDEN,
            ),
            common::write(
                tempfile::tempdir().unwrap().keep().as_path(),
                "b.ron",
                &write(&voted(3, 0)),
            ),
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("●●●"), "{text}");
}

// ---------------------------------------------------------------- exports

#[test]
fn every_export_carries_the_votes() {
    let m = voted(3, 12);
    let md = export::markdown::export(&m);
    assert!(md.contains("Cannot tell machines apart ●●●\n"), "{md}");
    assert!(md.contains("●×12"));
    let html = export::html::export(&m);
    assert!(html.contains("<span class=\"votes\" title=\"3 votes\">●●●</span>"));
    assert!(html.contains("title=\"12 votes\">●×12</span>"));
    let svg = export::svg::export(&m);
    assert!(svg.contains("●●●") && svg.contains("●×12"));
    let json: serde_json::Value = serde_json::from_str(&export::json::export(&m)).unwrap();
    assert_eq!(json["format"], 2);
    assert_eq!(json["stages"][0]["pain_points"][0]["votes"], 3);
    assert_eq!(json["stages"][0]["optimizations"][0]["votes"], 12);
    assert!(
        json["stages"][0]["pain_points"][1].get("votes").is_none(),
        "no votes, no field"
    );
    // A map without votes exports as before: format 1, no votes field, no dots.
    let plain = golden();
    let json = export::json::export(&plain);
    assert!(json.contains("\"format\": 1,") && !json.contains("votes"));
    assert!(!export::markdown::export(&plain).contains("apart ●"));
}

#[test]
fn the_csv_has_a_votes_column_and_its_import_gives_them_back() {
    let m = voted(3, 12);
    let csv = export::csv::export(&m);
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let header = r.headers().unwrap().clone();
    let col = header.iter().position(|h| h == "votes").unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let first_pain = rows.iter().find(|r| &r[2] == "pain_points").unwrap();
    assert_eq!(&first_pain[col], "3");
    let first_opt = rows.iter().find(|r| &r[2] == "optimizations").unwrap();
    assert_eq!(&first_opt[col], "12");
    let back = cjm::import::csv::parse(&csv).unwrap();
    assert_eq!(back, m);
    // A spreadsheet's empty cell is no votes; a word is refused where it stands.
    let emptied = csv.replacen(",3,,\r\n", ",,,\r\n", 1);
    assert_eq!(
        cjm::import::csv::parse(&emptied).unwrap().stages[0].pain_points[0].votes,
        0
    );
    let bad = csv.replacen(",3,,\r\n", ",lots,,\r\n", 1);
    let e = cjm::import::csv::parse(&bad).unwrap_err().to_string();
    assert!(
        e.contains("votes `lots` is not a whole number from 0"),
        "{e}"
    );
}

// ---------------------------------------------------------------- report

#[test]
fn the_report_ranks_pain_points_of_one_severity_by_votes() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = load_str(include_str!("../maps/espresso.ron")).unwrap().map;
    let voted = &mut m.stages[0].pain_points[1];
    assert_eq!(voted.severity, cjm::model::Level::Medium);
    voted.votes = 4;
    let text = voted.text.clone();
    let file = common::write(dir.path(), "e.ron", &write(&m));
    let out = common::cjm()
        .args(["report", "--format", "csv"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).unwrap();
    let mediums: Vec<&str> = csv
        .lines()
        .filter(|l| l.starts_with("pain-point,") && l.contains(",Medium,"))
        .collect();
    assert!(mediums[0].contains(&text), "{csv}");
    assert!(mediums[0].contains(",Medium,4,"), "{csv}");
}
