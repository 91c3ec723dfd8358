//! Impact and effort on optimizations (docs/format.md#format-4-impact-and-effort):
//! in the file only when a team scored something, so every other map keeps its
//! bytes; refused off the 1–5 scale where they stand; a rescore in the diff;
//! merged field by field; in every export and back through CSV; and the
//! report's impact/effort matrix across maps.

mod common;

use cjm::diff::merge::merge;
use cjm::export;
use cjm::format::{load_str, write};
use cjm::model::{JourneyMap, Quadrant};

const GOLDEN: &str = include_str!("data/design-example.ron");
const ESPRESSO: &str = include_str!("../maps/espresso.ron");

fn espresso() -> JourneyMap {
    load_str(ESPRESSO).unwrap().map
}

fn golden() -> JourneyMap {
    load_str(GOLDEN).unwrap().map
}

/// The golden map with its first optimization scored.
fn scored(impact: Option<u8>, effort: Option<u8>) -> JourneyMap {
    let mut m = golden();
    m.stages[0].optimizations[0].impact = impact;
    m.stages[0].optimizations[0].effort = effort;
    m
}

fn err(text: &str) -> String {
    load_str(text).unwrap_err().to_string()
}

/// `LINE:COL` of the value after the first `key: ` in `text`.
fn value_at(text: &str, key: &str) -> String {
    let needle = format!("{key}: ");
    text.lines()
        .enumerate()
        .find_map(|(i, l)| {
            l.find(&needle)
                .map(|c| format!("{}:{}", i + 1, c + needle.len() + 1))
        })
        .unwrap()
}

// ---------------------------------------------------------------- the format

#[test]
fn every_map_without_scores_keeps_its_bytes_and_its_format() {
    let mut n = 0;
    for (path, text, map) in common::maps_below(4) {
        assert!(!text.contains("impact:"), "{}", path.display());
        assert_eq!(write(&map), text, "{} changed", path.display());
        n += 1;
    }
    // Every format 1-3 map: the SaaS trial example is format 5 now.
    assert!(n >= 5, "expected the example maps and fixtures, found {n}");
}

#[test]
fn the_scored_example_is_format_4_valid_and_canonical() {
    let text = include_str!("../maps/hospital-visit.ron");
    let map = load_str(text).unwrap().map;
    assert_eq!(map.format_version(), 4);
    assert!(text.starts_with("JourneyMap(\n    format: 4,\n"));
    assert_eq!(write(&map), text);
}

#[test]
fn a_scored_map_is_written_as_format_4_and_reads_back() {
    let m = scored(Some(4), Some(2));
    let text = write(&m);
    assert!(text.starts_with("JourneyMap(\n    format: 4,\n"), "{text}");
    assert!(
        text.contains("                    impact: 4,\n                    effort: 2,\n"),
        "{text}"
    );
    assert_eq!(load_str(&text).unwrap().map, m);
    // Half a score is kept as it is: only the scored field is written.
    let half = write(&scored(None, Some(5)));
    assert!(half.contains("effort: 5,") && !half.contains("impact:"));
    assert_eq!(load_str(&half).unwrap().map, scored(None, Some(5)));
    // Unscoring every optimization takes the map back to the format it had.
    assert_eq!(write(&scored(None, None)), GOLDEN);
}

#[test]
fn scores_in_an_older_format_are_refused_with_the_fix() {
    for old in ["1", "2", "3"] {
        let text =
            write(&scored(Some(4), None)).replacen("format: 4,", &format!("format: {old},"), 1);
        let e = err(&text);
        assert!(
            e.contains(&format!(
                "`impact` needs format 4; this map says format {old}"
            )),
            "{e}"
        );
        assert!(e.contains("write `format: 4,`"), "{e}");
        assert!(
            e.starts_with(&format!("{}:", value_at(&text, "impact"))),
            "{e}"
        );
    }
}

#[test]
fn scores_off_the_scale_are_refused_where_they_stand() {
    let text = write(&scored(Some(4), Some(2)));
    for (key, from, bad, message) in [
        (
            "impact",
            "impact: 4,",
            "0",
            "impact 0 is outside 1–5 (1 least, 5 most)",
        ),
        ("impact", "impact: 4,", "6", "impact 6 is outside 1–5"),
        ("effort", "effort: 2,", "-1", "effort -1 is outside 1–5"),
        ("effort", "effort: 2,", "300", "effort 300 is outside 1–5"),
        (
            "impact",
            "impact: 4,",
            "2.5",
            "expected a whole number for `impact`, found",
        ),
        (
            "effort",
            "effort: 2,",
            "\"2\"",
            "expected a whole number for `effort`, found",
        ),
    ] {
        let bad_text = text.replace(from, &format!("{key}: {bad},"));
        let e = err(&bad_text);
        assert!(e.contains(message), "{bad}: {e}");
        assert!(
            e.starts_with(&format!("{}:", value_at(&bad_text, key))),
            "{bad}: {e}"
        );
    }
    // On the command line the error names the file, and the file is untouched.
    let dir = tempfile::tempdir().unwrap();
    let bad = text.replace("impact: 4,", "impact: 6,");
    let file = common::write(dir.path(), "m.ron", &bad);
    let out = common::cjm().arg("fmt").arg(&file).output().unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let at = format!(
        "m.ron:{}: impact 6 is outside 1–5",
        value_at(&bad, "impact")
    );
    assert!(stderr.contains(&at), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), bad);
}

#[test]
fn a_map_built_elsewhere_with_a_score_off_the_scale_is_invalid() {
    let m = scored(Some(9), Some(1));
    let errors = cjm::format::errors(&m);
    assert!(
        errors
            .iter()
            .any(|d| d.code == "score-range"
                && d.message == "impact 9 is outside 1–5 (1 least, 5 most)"),
        "{errors:?}"
    );
}

#[test]
fn a_newer_format_is_still_named_as_newer() {
    let text = write(&scored(Some(4), Some(2))).replacen("format: 4,", "format: 8,", 1);
    let e = err(&text);
    assert!(
        e.contains("written by a newer cjm (format 8); this cjm reads format 7"),
        "{e}"
    );
}

// ---------------------------------------------------------------- diff and merge

fn diff(a: &JourneyMap, b: &JourneyMap) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = common::cjm()
        .arg("diff")
        .arg(common::write(dir.path(), "a.ron", &write(a)))
        .arg(common::write(dir.path(), "b.ron", &write(b)))
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_diff_says_which_score_moved() {
    let text = "Comparison page with the three machines side by side";
    let _ = text;
    let name = golden().stages[0].optimizations[0].text.clone();
    let d = diff(&scored(Some(2), Some(3)), &scored(Some(4), Some(3)));
    assert!(
        d.contains(&format!("~ rescored: {name} (impact 2 → 4)")),
        "{d}"
    );
    let d = diff(&golden(), &scored(Some(4), Some(1)));
    assert!(
        d.contains(&format!(
            "~ rescored: {name} (impact unscored → 4, effort unscored → 1)"
        )),
        "{d}"
    );
    // Markdown words it the same way.
    let dir = tempfile::tempdir().unwrap();
    let out = common::cjm()
        .args(["diff", "--format", "markdown"])
        .arg(common::write(
            dir.path(),
            "a.ron",
            &write(&scored(Some(2), Some(3))),
        ))
        .arg(common::write(
            dir.path(),
            "b.ron",
            &write(&scored(Some(2), Some(1))),
        ))
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.contains("**rescored**:") && md.contains("(effort 3 → 1)"),
        "{md}"
    );
}

#[test]
fn concurrent_scores_merge_field_by_field() {
    let base = scored(Some(2), None);
    // Ours raises impact; theirs scores effort and rewords the owner.
    let ours = scored(Some(4), None);
    let mut theirs = scored(Some(2), Some(1));
    theirs.stages[0].optimizations[0].owner = "Web squad".into();
    let (m, conflicts) = merge(&base, &ours, &theirs);
    assert!(conflicts.is_empty(), "{conflicts:?}");
    let o = &m.stages[0].optimizations[0];
    assert_eq!((o.impact, o.effort), (Some(4), Some(1)));
    assert_eq!(o.owner, "Web squad");
    assert_eq!(
        merge(&base, &theirs, &ours).0,
        m,
        "either branch merges the other"
    );
    // Both sides giving impact different values is a conflict, ours kept in place.
    let (m, conflicts) = merge(&base, &scored(Some(4), None), &scored(Some(5), None));
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(m.stages[0].optimizations[0].impact, Some(4));
    // Both giving the same value is one change.
    let (m, conflicts) = merge(&base, &scored(Some(5), None), &scored(Some(5), None));
    assert!(conflicts.is_empty());
    assert_eq!(m.stages[0].optimizations[0].impact, Some(5));
}

// ---------------------------------------------------------------- exports

#[test]
fn every_export_shows_the_scores() {
    let m = scored(Some(4), Some(2));
    let name = m.stages[0].optimizations[0].text.clone();
    let md = export::markdown::export(&m);
    assert!(md.contains(" — I4 E2"), "{md}");
    let html = export::html::export(&m);
    assert!(html.contains(">I4 E2</span>"), "{html}");
    let svg = export::svg::export(&m);
    assert!(svg.contains("I4 E2"));
    let json: serde_json::Value = serde_json::from_str(&export::json::export(&m)).unwrap();
    assert_eq!(json["format"], 4);
    assert_eq!(json["stages"][0]["optimizations"][0]["impact"], 4);
    assert_eq!(json["stages"][0]["optimizations"][0]["effort"], 2);
    assert_eq!(json["stages"][0]["optimizations"][0]["text"], name.as_str());
    // The schema knows both fields and their scale (tests/export.rs validates
    // every export against it, the scored example map included).
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../src/export/journey-map.schema.json")).unwrap();
    assert_eq!(schema["$defs"]["rating"]["minimum"], 1);
    assert_eq!(schema["$defs"]["rating"]["maximum"], 5);
    let opt = &schema["$defs"]["stage"]["properties"]["optimizations"]["items"]["properties"];
    assert_eq!(opt["impact"]["$ref"], "#/$defs/rating");
    assert_eq!(opt["effort"]["$ref"], "#/$defs/rating");
    // Unscored maps export as before: no field, no label.
    let plain = export::json::export(&golden());
    assert!(!plain.contains("impact") && !plain.contains("effort"));
    assert!(!export::markdown::export(&golden()).contains(" — I"));
}

#[test]
fn csv_round_trips_the_scores_and_refuses_a_bad_cell() {
    let mut m = espresso();
    m.stages[0].optimizations[0].impact = Some(4);
    m.stages[0].optimizations[0].effort = Some(2);
    m.stages[1].optimizations[0].effort = Some(5);
    let csv = export::csv::export(&m);
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with(",votes,impact,effort"), "{header}");
    assert_eq!(cjm::import::csv::parse(&csv).unwrap(), m);
    // The example map, too.
    let hospital = load_str(include_str!("../maps/hospital-visit.ron"))
        .unwrap()
        .map;
    let back = cjm::import::csv::parse(&export::csv::export(&hospital)).unwrap();
    assert_eq!(back, hospital);
    assert_eq!(write(&back), include_str!("../maps/hospital-visit.ron"));
    // A cell off the scale is refused at its row and column.
    let bad = csv.replacen(",4,2\r\n", ",4,7\r\n", 1);
    assert_ne!(bad, csv);
    let e = cjm::import::csv::parse(&bad).unwrap_err().to_string();
    assert!(
        e.contains("effort `7` is not a whole number from 1 to 5"),
        "{e}"
    );
}

#[test]
fn json_round_trip_of_the_example_keeps_every_score() {
    let hospital = load_str(include_str!("../maps/hospital-visit.ron"))
        .unwrap()
        .map;
    let json: serde_json::Value = serde_json::from_str(&export::json::export(&hospital)).unwrap();
    let mut n = 0;
    for (s, stage) in hospital.stages.iter().enumerate() {
        for (i, o) in stage.optimizations.iter().enumerate() {
            let j = &json["stages"][s]["optimizations"][i];
            assert_eq!(
                j.get("impact").and_then(|v| v.as_u64()),
                o.impact.map(u64::from)
            );
            assert_eq!(
                j.get("effort").and_then(|v| v.as_u64()),
                o.effort.map(u64::from)
            );
            n += usize::from(o.impact.is_some());
        }
    }
    assert!(n >= 8, "{n}");
}

// ---------------------------------------------------------------- report

fn report(format: &str, maps: &[(&str, &JourneyMap)]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = common::cjm();
    cmd.args(["report", "--format", format]);
    for (name, m) in maps {
        cmd.arg(common::write(dir.path(), name, &write(m)));
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Two maps scored into every quadrant, one optimization done (left out of the
/// matrix) and one unscored.
fn scored_maps() -> (JourneyMap, JourneyMap) {
    let mut a = espresso();
    a.title = "Alpha".into();
    let mut b = espresso();
    b.title = "Beta".into();
    let set = |m: &mut JourneyMap, s: usize, i: usize, text: &str, impact: u8, effort: u8| {
        let o = &mut m.stages[s].optimizations[i];
        o.text = text.into();
        o.impact = Some(impact);
        o.effort = Some(effort);
        o.status = cjm::model::Status::Planned;
    };
    set(&mut a, 0, 0, "Quick one", 4, 2);
    set(&mut b, 0, 0, "Quicker one", 5, 1);
    set(&mut a, 1, 0, "Bet big", 5, 4);
    set(&mut b, 1, 0, "Small thing", 2, 1);
    set(&mut a, 2, 0, "Pit of money", 2, 5);
    set(&mut b, 2, 0, "Already done", 5, 1);
    b.stages[2].optimizations[0].status = cjm::model::Status::Done;
    (a, b)
}

#[test]
fn the_report_draws_the_matrix_with_quick_wins_first() {
    let (a, b) = scored_maps();
    let maps = [("a.ron", &a), ("b.ron", &b)];
    let text = report("text", &maps);
    let matrix = text.split("IMPACT/EFFORT MATRIX").nth(1).expect(&text);
    assert!(
        matrix.contains("impact 4–5  Quick wins: 2       Big bets: 1"),
        "{text}"
    );
    assert!(
        matrix.contains("impact 1–3  Fillers: 1          Money pits: 1"),
        "{text}"
    );
    let order: Vec<usize> = [
        "I5 E1 Quicker one",
        "I4 E2 Quick one",
        "I5 E4 Bet big",
        "I2 E1 Small thing",
        "I2 E5 Pit of money",
    ]
    .iter()
    .map(|l| matrix.find(l).unwrap_or_else(|| panic!("{l}: {text}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
    assert!(
        !matrix
            .split("ACTION PLAN")
            .next()
            .unwrap()
            .contains("Already done")
    );
    // "Fix first" lists the quick wins.
    let fix = text.split("IMPACT/EFFORT MATRIX").next().unwrap();
    assert!(fix.contains("Quick wins: impact 4–5, effort 1–2"), "{text}");
    assert!(fix.contains("1. I5 E1 Quicker one"), "{text}");

    let md = report("markdown", &maps);
    assert!(
        md.contains("## Impact/effort matrix (open optimizations with both scores)"),
        "{md}"
    );
    assert!(
        md.contains("| **impact 4–5** | Quick wins: 2 | Big bets: 1 |"),
        "{md}"
    );
    assert!(md.contains("### Money pits (1)"), "{md}");
    assert!(md.contains("| impact/effort |"), "{md}");

    let html = report("html", &maps);
    assert!(html.contains("<table class=\"matrix\">"), "{html}");
    assert!(html.contains("<h3>Quick wins (2)</h3>"), "{html}");
    assert!(
        html.contains("<span class=\"scores\">I5 E1</span>Quicker one"),
        "{html}"
    );
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    if let Err(e) = roxmltree::Document::parse_with_options(&html, opts) {
        panic!("the HTML is not well-formed XHTML: {e}");
    }

    let json: serde_json::Value = serde_json::from_str(&report("json", &maps)).unwrap();
    assert_eq!(json["matrix"]["quick_wins"][0]["text"], "Quicker one");
    assert_eq!(json["fix_first"]["quick_wins"][1]["impact"], 4);

    let csv = report("csv", &maps);
    assert!(csv.lines().next().unwrap().ends_with(",impact,effort"));
}

#[test]
fn the_action_plan_ranks_scored_work_by_quadrant() {
    let (mut a, _) = scored_maps();
    // One owner, one status: the quick win comes before the big bet and the
    // money pit, whatever their priorities, and unscored work comes last.
    for s in &mut a.stages {
        for o in &mut s.optimizations {
            o.owner = "Team".into();
            o.status = cjm::model::Status::Planned;
        }
    }
    a.stages[0].optimizations[0].priority = cjm::model::Level::Low;
    a.stages[2].optimizations[0].priority = cjm::model::Level::High;
    let text = report("text", &[("a.ron", &a)]);
    let plan = text.split("ACTION PLAN").nth(1).unwrap();
    let at = |t: &str| plan.find(t).unwrap_or_else(|| panic!("{t}: {plan}"));
    assert!(at("I4 E2 Quick one") < at("I5 E4 Bet big"), "{plan}");
    assert!(at("I5 E4 Bet big") < at("I2 E5 Pit of money"), "{plan}");
    let unscored = &espresso().stages[3].optimizations[0].text;
    assert!(at("I2 E5 Pit of money") < at(unscored), "{plan}");
    assert_eq!(Quadrant::of(4, 2), Quadrant::QuickWin);
}

#[test]
fn a_report_without_scores_has_no_matrix() {
    let text = report("text", &[("g.ron", &golden())]);
    assert!(
        !text.contains("MATRIX") && !text.contains("Quick wins"),
        "{text}"
    );
    let json = report("json", &[("g.ron", &golden())]);
    assert!(
        !json.contains("matrix") && !json.contains("impact"),
        "{json}"
    );
}
