//! Evidence behind the cards (docs/format.md#format-5-evidence): in the file only
//! when a map holds research, so every other map keeps its bytes; refused in an
//! older format, and refused where a citation, an id or a date is wrong; the two
//! lints; and the JSON export carries it.

mod common;

use common::bin::cjm_in;

use cjm::format::{diagnostics, load_str, write};
use cjm::model::{Confidence, JourneyMap, Lane, Source};

const SAAS: &str = include_str!("../maps/saas-trial.ron");
const GOLDEN: &str = include_str!("data/design-example.ron");

fn saas() -> JourneyMap {
    load_str(SAAS).unwrap().map
}

fn err(text: &str) -> String {
    load_str(text).unwrap_err().to_string()
}

fn replaced(from: &str, to: &str) -> String {
    assert!(SAAS.contains(from), "{from}");
    SAAS.replacen(from, to, 1)
}

// ---------------------------------------------------------------- the format

#[test]
fn every_map_without_evidence_keeps_its_bytes_and_its_format() {
    let mut n = 0;
    for (path, text, map) in common::maps_below(5) {
        assert!(!text.contains("evidence:"), "{}", path.display());
        assert_eq!(write(&map), text, "{} changed", path.display());
        n += 1;
    }
    assert!(n >= 6, "expected the example maps and fixtures, found {n}");
}

#[test]
fn the_example_cites_its_research_and_is_format_5_valid_and_canonical() {
    let m = saas();
    assert_eq!(m.format_version(), 5);
    assert!(SAAS.starts_with("JourneyMap(\n    format: 5,\n"));
    assert_eq!(write(&m), SAAS, "read then written gives the same bytes");
    assert!((6..=10).contains(&m.evidence.len()));
    for s in [
        Source::Interview,
        Source::Survey,
        Source::Analytics,
        Source::SupportTicket,
        Source::Observation,
    ] {
        assert!(m.evidence.iter().any(|e| e.source == s), "{s:?}");
    }
    // Cited by a stage, pain points, an emotion, a KPI and an optimization.
    assert!(m.stages.iter().any(|s| !s.evidence.is_empty()));
    for lane in [
        Lane::PainPoints,
        Lane::Emotions,
        Lane::Metrics,
        Lane::Optimizations,
    ] {
        let cited = m.stages.iter().enumerate().any(|(s, st)| {
            (0..st.lane_len(lane)).any(|i| !m.citations(s, lane, i).unwrap().is_empty())
        });
        assert!(cited, "{lane:?}");
    }
    assert!(diagnostics(&m).is_empty(), "{:?}", diagnostics(&m));
}

#[test]
fn confidence_follows_the_sources_cited() {
    let m = saas();
    let onboarding = m.stage_index("onboarding").unwrap();
    let st = &m.stages[onboarding];
    let csv = st
        .pain_points
        .iter()
        .position(|p| p.text.starts_with("CSV import"))
        .unwrap();
    // An interview and analytics: measured.
    assert_eq!(
        m.confidence_of(onboarding, Lane::PainPoints, csv),
        Some(Confidence::Measured)
    );
    // The stage cites an observation: its actions are research.
    assert_eq!(
        m.confidence_of(onboarding, Lane::Actions, 0),
        Some(Confidence::Researched)
    );
    let human = st
        .pain_points
        .iter()
        .position(|p| p.text.starts_with("Human help"))
        .unwrap();
    assert_eq!(
        m.confidence_of(onboarding, Lane::PainPoints, human),
        Some(Confidence::Assumption)
    );
    // A map without evidence shows none.
    let golden = load_str(GOLDEN).unwrap().map;
    assert_eq!(golden.confidence_of(0, Lane::PainPoints, 0), None);
}

#[test]
fn a_map_given_evidence_is_written_as_format_5_and_reads_back() {
    let mut m = load_str(GOLDEN).unwrap().map;
    m.evidence = vec![cjm::model::Evidence {
        id: "int-01".into(),
        text: "\"I just want to pay,\" said P2".into(),
        source: Source::Interview,
        ..Default::default()
    }];
    m.stages[0].pain_points[0].evidence = vec!["int-01".into()];
    let text = write(&m);
    assert!(text.starts_with("JourneyMap(\n    format: 5,\n"));
    assert!(
        text.contains("                    evidence: [\n                        \"int-01\",\n                    ],\n                ),\n"),
        "{text}"
    );
    assert!(text.ends_with(
        "    evidence: [\n        Evidence(\n            id: \"int-01\",\n            text: \"\\\"I just want to pay,\\\" said P2\",\n            source: Interview,\n        ),\n    ],\n)\n"
    ), "{text}");
    assert_eq!(load_str(&text).unwrap().map, m);
    // Taking the evidence away gives back the format-1 bytes.
    m.evidence.clear();
    m.stages[0].pain_points[0].evidence.clear();
    assert_eq!(write(&m), GOLDEN);
}

// ---------------------------------------------------------------- rejections

#[test]
fn evidence_in_an_older_format_is_refused_with_the_fix() {
    let e = err(&replaced("format: 5,", "format: 4,"));
    assert!(
        e.contains("`evidence` needs format 5; this map says format 4")
            && e.contains("write `format: 5,` at the top of the map"),
        "{e}"
    );
    // At the first citation, where an older build would have stopped.
    let first = SAAS
        .lines()
        .position(|l| l.trim() == "evidence: [")
        .unwrap();
    assert!(e.starts_with(&format!("{}:", first + 1)), "{e}");
    // The map's own list alone is refused too.
    let golden = GOLDEN.replacen(
        "\n)\n",
        "\n    evidence: [\n        Evidence(\n            id: \"a\",\n            text: \"b\",\n        ),\n    ],\n)\n",
        1,
    );
    assert!(
        err(&golden).contains("`evidence` needs format 5; this map says format 1"),
        "{}",
        err(&golden)
    );
}

#[test]
fn a_newer_format_is_still_named_as_newer() {
    let e = err(&replaced("format: 5,", "format: 8,"));
    assert!(
        e.contains("written by a newer cjm (format 8); this cjm reads format 7"),
        "{e}"
    );
}

#[test]
fn a_citation_of_unknown_evidence_is_refused_with_the_nearest_id() {
    let e = err(&replaced("\"int-03\",\n", "\"int-09\",\n"));
    assert!(
        e.contains(
            "emotion cites evidence `int-09`, which the map does not hold (did you mean `int-03`?)"
        ),
        "{e}"
    );
}

#[test]
fn a_duplicate_or_bad_evidence_id_is_refused() {
    let e = err(&replaced("id: \"int-07\"", "id: \"int-03\""));
    assert!(
        e.contains("evidence id `int-03` is used by earlier evidence too"),
        "{e}"
    );
    let e = err(&replaced("id: \"int-03\"", "id: \"Int 03\""));
    assert!(
        e.contains(
            "evidence id `Int 03` is not a slug (lowercase letters, digits and `-`); try `int-03`"
        ),
        "{e}"
    );
}

#[test]
fn a_date_that_is_not_on_the_calendar_is_refused_where_it_stands() {
    let text = replaced("date: \"2026-03-12\"", "date: \"2026-02-30\"");
    let e = err(&text);
    let line = text.lines().position(|l| l.contains("2026-02-30")).unwrap();
    assert_eq!(
        e,
        format!(
            "{}:19: date `2026-02-30` is not a calendar date (YYYY-MM-DD)",
            line + 1
        )
    );
    let e = err(&replaced("date: \"2026-03-12\"", "date: \"12/03/2026\""));
    assert!(
        e.contains("date `12/03/2026` is not a calendar date"),
        "{e}"
    );
}

#[test]
fn the_same_evidence_cited_twice_by_one_card_is_refused() {
    let e = err(&replaced(
        "\"int-03\",\n                        \"ga-import\",",
        "\"int-03\",\n                        \"int-03\",",
    ));
    assert!(e.contains("`int-03` is cited twice"), "{e}");
}

#[test]
fn an_unknown_source_is_refused_with_a_hint() {
    let e = err(&replaced("source: Observation,", "source: Observaton,"));
    assert!(
        e.contains("expected a source (Interview, Survey, Analytics, SupportTicket, Observation, Other), found `Observaton`")
            && e.contains("did you mean `Observation`?"),
        "{e}"
    );
}

#[test]
fn evidence_with_blank_text_is_refused() {
    let e = err(&replaced(
        "text: \"Our developers will not type their hours twice. If it isn't in Jira, it didn't happen.\"",
        "text: \" \"",
    ));
    assert!(e.contains("the text of evidence `int-11` is empty"), "{e}");
}

// ---------------------------------------------------------------- lints

fn check(dir: &std::path::Path, map: &str, rules: Option<&str>) -> (i32, String) {
    std::fs::write(dir.join("m.ron"), map).unwrap();
    if let Some(r) = rules {
        std::fs::write(dir.join("cjm.ron"), r).unwrap();
    }
    let r = cjm_in(dir, &["check", "m.ron"]);
    (r.code, r.stdout)
}

#[test]
fn evidence_nothing_cites_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let text = SAAS.replace(
        "                    evidence: [\n                        \"srv-nps\",\n                    ],\n",
        "",
    );
    assert_ne!(text, SAAS);
    let (code, out) = check(dir.path(), &text, None);
    assert_eq!(code, 0, "{out}");
    let line = text
        .lines()
        .position(|l| l.contains("id: \"srv-nps\""))
        .unwrap();
    assert!(
        out.contains(&format!(
            "m.ron:{line}:9: warning[uncited-evidence]: evidence `srv-nps` is cited by no card"
        )),
        "{out}"
    );
}

#[test]
fn a_team_can_ask_every_high_pain_point_to_cite_research() {
    let dir = tempfile::tempdir().unwrap();
    let rules = "Config(rules: [(\"unsupported-high-pain-point\", warn)])\n";
    // The example backs every high-severity pain point.
    let (code, out) = check(dir.path(), SAAS, Some(rules));
    assert_eq!(code, 0, "{out}");
    assert!(
        out.ends_with("m.ron: valid (0 errors, 0 warnings)\n"),
        "{out}"
    );
    // Off by default: a map without evidence is checked as before.
    let plain = tempfile::tempdir().unwrap();
    let text = replaced(
        "                    severity: High,\n                    evidence: [\n                        \"tix-invites\",\n                    ],\n",
        "                    severity: High,\n",
    );
    let (_, out) = check(plain.path(), &text, None);
    assert!(!out.contains("unsupported-high-pain-point"), "{out}");
    // Switched on, the uncited one is named; its stage's citation does not count.
    let (code, out) = check(dir.path(), &text, Some(rules));
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("warning[unsupported-high-pain-point]: high-severity pain point \"Invitations from a no-reply address get caught in spam filters\" in stage `onboarding` cites no evidence"),
        "{out}"
    );
}

// ---------------------------------------------------------------- JSON

#[test]
fn the_json_export_carries_evidence_and_citations() {
    let m = saas();
    let json = cjm::export::json::export(&m);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["format"], 5);
    assert_eq!(v["evidence"][0]["id"], "int-03");
    assert_eq!(v["evidence"][0]["source"], "Interview");
    assert_eq!(
        v["evidence"][0]["from"],
        "P3, studio manager, 14-person agency, Lisbon"
    );
    let onboarding = &v["stages"][2];
    assert_eq!(onboarding["id"], "onboarding");
    assert_eq!(onboarding["evidence"], serde_json::json!(["obs-setup"]));
    assert_eq!(
        onboarding["pain_points"][0]["evidence"],
        serde_json::json!(["int-03", "ga-import"])
    );
    // Elements that cite nothing carry no empty list.
    assert!(onboarding["pain_points"][2].get("evidence").is_none());
    // A map without evidence exports as before: no `evidence` anywhere.
    let golden = load_str(GOLDEN).unwrap().map;
    assert!(!cjm::export::json::export(&golden).contains("\"evidence\""));
}
