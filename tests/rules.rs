//! Team rules in `cjm check`: every rule broken at its `LINE:COL` and kept,
//! `cjm.ron` found from a nested folder, a bad `cjm.ron` reported at its
//! position, `--deny-warnings`, `--explain`, and `--format sarif` validated
//! against the SARIF 2.1.0 JSON schema (tests/data/sarif/, from the OASIS
//! SARIF TC's repository) by Python's `jsonschema`.

mod common;

use common::bin::{cjm_in, cjm_within};
use std::path::Path;
use std::process::Command as Std;

/// A map that keeps every rule, even with every lint at `deny`.
const KEEPS: &str = r#"JourneyMap(
    format: 5,
    title: "Rules",
    persona: Persona(
        name: "Sam",
    ),
    stages: [
        Stage(
            id: "buy",
            name: "Buy",
            touchpoints: [
                Touchpoint(
                    name: "Shop",
                ),
            ],
            emotions: [
                Emotion(
                    score: 4,
                    label: "Happy",
                ),
            ],
            pain_points: [
                PainPoint(
                    text: "Slow checkout",
                    severity: High, evidence: ["obs-1"],
                ),
            ],
            optimizations: [
                Optimization(
                    text: "One-page checkout",
                    owner: "Web team",
                ),
            ],
            metrics: [
                Metric(
                    name: "Conversion",
                    current: 2.0,
                    target: 3.0,
                ),
            ],
        ),
    ],
    evidence: [Evidence(id: "obs-1", text: "Three of five gave up at the card form", source: Observation)],
)
"#;

const OPTIMIZATIONS: &str = r#"            optimizations: [
                Optimization(
                    text: "One-page checkout",
                    owner: "Web team",
                ),
            ],
"#;

/// Every lint at `deny`, so that a finding of any rule fails the check.
fn deny_all() -> String {
    let mut s = String::from("Config(\n    rules: [\n");
    for r in cjm::format::RULES.iter().filter(|r| !r.invalidates) {
        s.push_str(&format!("        (\"{}\", deny),\n", r.id));
    }
    s.push_str("    ],\n)\n");
    s
}

/// Checks `map` under `deny_all` and returns (exit code, the findings as
/// `LINE:COL rule` strings).
fn findings(map: &str) -> (i32, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("cjm.ron"), deny_all()).unwrap();
    std::fs::write(dir.path().join("m.ron"), map).unwrap();
    let r = cjm_in(dir.path(), &["check", "--format", "json", "m.ron"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let found = v[0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{}:{} {}", d["line"], d["col"], d["code"].as_str().unwrap()))
        .collect();
    (r.code, found)
}

fn breaks(rule: &str, map: &str, at: &str) {
    let (code, found) = findings(map);
    assert_eq!(code, 1, "{rule}: {found:?}");
    let want = format!("{at} {rule}");
    assert!(found.contains(&want), "{rule}: want {want}, got {found:?}");
    // Still kept by the untouched map.
    let (code, found) = findings(KEEPS);
    assert_eq!((code, found), (0, vec![]));
}

fn replaced(from: &str, to: &str) -> String {
    assert!(KEEPS.contains(from), "{from}");
    KEEPS.replacen(from, to, 1)
}

#[test]
fn the_keeping_map_keeps_every_rule() {
    assert_eq!(findings(KEEPS), (0, vec![]));
}

#[test]
fn rule_read() {
    breaks("read", &replaced("title:", "titel:"), "3:5");
}

#[test]
fn rule_empty_text() {
    breaks(
        "empty-text",
        &replaced("\"Slow checkout\"", "\" \""),
        "24:27",
    );
}

#[test]
fn rule_bad_id() {
    breaks("bad-id", &replaced("id: \"buy\"", "id: \"Buy\""), "9:17");
}

#[test]
fn rule_duplicate_id() {
    let stage =
        &KEEPS[KEEPS.find("        Stage(").unwrap()..KEEPS.find("    ],\n    evidence:").unwrap()];
    let map = replaced(stage, &format!("{stage}{stage}"));
    // The second stage's id, 34 lines below the first.
    breaks("duplicate-id", &map, "43:17");
}

/// `LINE:COL` of `needle` in `map`, for the rules whose findings point at a
/// value on a line the other rules share.
fn at(map: &str, needle: &str) -> String {
    map.lines()
        .enumerate()
        .find_map(|(i, l)| l.find(needle).map(|c| format!("{}:{}", i + 1, c + 1)))
        .unwrap()
}

#[test]
fn rule_unknown_evidence() {
    let map = replaced("evidence: [\"obs-1\"]", "evidence: [\"obs-2\"]");
    breaks("unknown-evidence", &map, &at(&map, "[\"obs-2\"]"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("m.ron"), &map).unwrap();
    let r = cjm_in(dir.path(), &["check", "m.ron"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains(
            "error[unknown-evidence]: pain point cites evidence `obs-2`, which the map does not hold (did you mean `obs-1`?)"
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn rule_unknown_action() {
    let map = replaced("format: 5,", "format: 6,")
        .replace(
            "    stages: [",
            "    lanes: [Lane(id: \"front\", title: \"Front desk\", kind: Frontstage)],\n    stages: [",
        )
        .replace(
            "            metrics: [",
            "            lanes: {\"front\": [LaneItem(text: \"Takes the card\", serves: \"Pays at the till\")]},\n            metrics: [",
        );
    breaks("unknown-action", &map, &at(&map, "\"Pays at the till\""));
    // Once the stage has that action, the link holds.
    let kept = map.replace(
        "            name: \"Buy\",",
        "            name: \"Buy\",\n            actions: [\"Pays at the till\"],",
    );
    assert_eq!(findings(&kept), (0, vec![]));
}

#[test]
fn rule_unknown_persona() {
    let map = replaced("format: 5,", "format: 7,")
        .replace(
            "    persona: Persona(\n        name: \"Sam\",\n    ),",
            "    personas: [Persona(id: \"sam\", name: \"Sam\"), Persona(id: \"kim\", name: \"Kim\")],",
        )
        .replace(
            "                    label: \"Happy\",",
            "                    label: \"Happy\",\n                    persona: \"kym\",",
        );
    breaks("unknown-persona", &map, &at(&map, "\"kym\""));
    // Naming a persona the map holds is fine, but Kim then has the only
    // emotion, which leaves a gap in Sam's curve: that is the lint's.
    let kept = map.replace("\"kym\"", "\"kim\"");
    let (_, found) = findings(&kept);
    assert!(
        !found.iter().any(|f| f.contains("unknown-persona")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|f| f.ends_with("no-emotions")),
        "{found:?}"
    );
}

#[test]
fn rule_bad_date() {
    let map = replaced(
        "source: Observation",
        "source: Observation, date: \"2026-02-30\"",
    );
    breaks("bad-date", &map, &at(&map, "\"2026-02-30\""));
}

#[test]
fn rule_uncited_evidence() {
    let map = replaced("severity: High, evidence: [\"obs-1\"],", "severity: High,");
    breaks("uncited-evidence", &map, &at(&map, "Evidence("));
}

#[test]
fn rule_unsupported_high_pain_point() {
    let map = replaced("severity: High, evidence: [\"obs-1\"],", "severity: High,");
    breaks("unsupported-high-pain-point", &map, "23:17");
    // Its stage's citations do not count for it.
    let map = replaced("severity: High, evidence: [\"obs-1\"],", "severity: High,").replace(
        "            ],\n        ),\n    ],",
        "            ],\n            evidence: [\"obs-1\"],\n        ),\n    ],",
    );
    assert!(map.contains("            evidence: [\"obs-1\"],\n        ),"));
    breaks("unsupported-high-pain-point", &map, "23:17");
}

#[test]
fn rule_score_range() {
    breaks("score-range", &replaced("score: 4", "score: 9"), "18:28");
}

#[test]
fn rule_bad_number() {
    // The reader cannot produce a number that is not finite, so the rule guards
    // maps made in memory (importers, the editor): checked on the model.
    let mut map = cjm::format::load_str(KEEPS).unwrap().map;
    map.stages[0].metrics[0].target = Some(f64::INFINITY);
    let found = cjm::format::errors(&map);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code, "bad-number");
    let parsed = cjm::format::parse_text(KEEPS).unwrap();
    assert_eq!(parsed.source.pos(found[0].path).to_string(), "38:29");
    map.stages[0].metrics[0].target = Some(3.0);
    assert!(cjm::format::errors(&map).is_empty());
}

#[test]
fn rule_no_touchpoints() {
    let tp = "            touchpoints: [\n                Touchpoint(\n                    name: \"Shop\",\n                ),\n            ],\n";
    breaks("no-touchpoints", &replaced(tp, ""), "8:9");
}

#[test]
fn rule_no_emotions() {
    let e = "            emotions: [\n                Emotion(\n                    score: 4,\n                    label: \"Happy\",\n                ),\n            ],\n";
    breaks("no-emotions", &replaced(e, ""), "8:9");
}

#[test]
fn rule_unaddressed_pain_point() {
    let map = replaced(OPTIMIZATIONS, "").replace("severity: High", "severity: Low");
    breaks("unaddressed-pain-point", &map, "23:17");
    let (_, found) = findings(&map);
    assert!(
        !found
            .iter()
            .any(|f| f.ends_with("unaddressed-high-pain-point"))
    );
}

#[test]
fn rule_unaddressed_high_pain_point() {
    breaks(
        "unaddressed-high-pain-point",
        &replaced(OPTIMIZATIONS, ""),
        "23:17",
    );
}

#[test]
fn rule_no_owner() {
    breaks(
        "no-owner",
        &replaced("                    owner: \"Web team\",\n", ""),
        "29:17",
    );
}

#[test]
fn rule_no_target() {
    breaks(
        "no-target",
        &replaced("                    target: 3.0,\n", ""),
        "35:17",
    );
}

#[test]
fn rule_duplicate_item() {
    let tp =
        "                Touchpoint(\n                    name: \"Shop\",\n                ),\n";
    breaks(
        "duplicate-item",
        &replaced(tp, &format!("{tp}{tp}")),
        "15:17",
    );
}

#[test]
fn rule_target_without_current() {
    breaks(
        "target-without-current",
        &replaced("                    current: 2.0,\n", ""),
        "35:17",
    );
}

#[test]
fn rule_conflict() {
    // A merge conflict recorded in the map: it loads, but check fails on it.
    let record = "    conflicts: [\n        Conflict(\n            field: \"title\",\n            ours: \"A\",\n            theirs: \"B\",\n        ),\n    ],\n)\n";
    let map = KEEPS
        .replacen("format: 1,", "format: 3,", 1)
        .trim_end()
        .strip_suffix(')')
        .unwrap()
        .to_string()
        + record;
    assert!(
        cjm::format::load_str(&map).is_ok(),
        "a conflicted map still loads"
    );
    let line = map.lines().position(|l| l.contains("Conflict(")).unwrap() + 1;
    breaks("conflict", &map, &format!("{line}:9"));
    // No team can wave a conflict through.
    let e = cjm::format::rules::parse_config(b"Config(rules: [(\"conflict\", warn)])").unwrap_err();
    assert!(
        e.message.contains("rule `conflict` is always `deny`"),
        "{}",
        e.message
    );
}

#[test]
fn every_rule_has_a_test_and_a_rationale() {
    let me = include_str!("rules.rs");
    for r in cjm::format::RULES {
        let name = format!("fn rule_{}()", r.id.replace('-', "_"));
        assert!(me.contains(&name), "no test for {}", r.id);
        assert!(!r.rationale.is_empty() && !r.rationale.contains('\n'));
    }
}

/// No `cjm.ron`: the two new rules are `allow`, the lints `warn`, exactly as
/// `check` was before team rules.
#[test]
fn without_cjm_ron_the_defaults_apply() {
    let dir = tempfile::tempdir().unwrap();
    let map = replaced(OPTIMIZATIONS, "").replace("                    target: 3.0,\n", "");
    std::fs::write(dir.path().join("m.ron"), map).unwrap();
    let r = cjm_in(dir.path(), &["check", "m.ron"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "m.ron:23:17: warning[unaddressed-pain-point]: pain point \"Slow checkout\" in stage `buy` has no optimization in its stage\n\
         m.ron: valid (0 errors, 1 warning)\n"
    );
}

#[test]
fn the_nearest_cjm_ron_wins_from_a_nested_folder() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("team/product/maps");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::write(
        dir.path().join("cjm.ron"),
        "Config(rules: [(\"no-target\", deny)])\n",
    )
    .unwrap();
    let map = KEEPS.replace("                    target: 3.0,\n", "");
    std::fs::write(nested.join("m.ron"), &map).unwrap();
    // Found from two folders up, whether the map is named from above or beside it.
    let r = cjm_in(dir.path(), &["check", "team/product/maps/m.ron"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stdout
            .contains("team/product/maps/m.ron:35:17: error[no-target]")
    );
    assert!(
        r.stdout
            .contains("valid, but breaks the team's rules (1 error, 0 warnings)")
    );
    let r = cjm_in(&nested, &["check", "--format", "json", "m.ron"]);
    assert_eq!(r.code, 1);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let used = v[0]["rules_file"].as_str().unwrap();
    // The one two folders up, named so that a person can open it.
    assert_eq!(
        std::fs::read_to_string(used).unwrap(),
        "Config(rules: [(\"no-target\", deny)])\n"
    );
    assert_eq!(
        (v[0]["valid"].clone(), v[0]["errors"].clone()),
        (true.into(), 1.into())
    );
    // A nearer cjm.ron wins over the one above.
    std::fs::write(
        dir.path().join("team/cjm.ron"),
        "Config(rules: [(\"no-target\", warn)])\n",
    )
    .unwrap();
    let r = cjm_in(dir.path(), &["check", "team/product/maps/m.ron"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains("warning[no-target]"));
    // … and standard input is checked under the rules of the current folder.
    let out = common::bin::output_with_stdin(
        common::cjm().current_dir(dir.path()).args(["check", "-"]),
        map,
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_bad_cjm_ron_is_reported_at_its_position_and_nothing_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "Config(\n    rules: [\n        (\"no-targt\", deny),\n    ],\n)\n",
            "cjm.ron:3:10: unknown rule `no-targt` (hint: did you mean `no-target`?",
        ),
        (
            "Config(\n    rules: [\n        (\"no-owner\", forbid),\n    ],\n)\n",
            "cjm.ron:3:22: unknown level `forbid` (hint: the levels are `allow`, `warn` and `deny`)",
        ),
        (
            "Config(\n    rules: [\n        (\"no-owner\", Deny),\n    ],\n)\n",
            "cjm.ron:3:22: unknown level `Deny` (hint: did you mean `deny`?)",
        ),
        (
            "Config(\n    rule: [],\n)\n",
            "cjm.ron:2:5: unknown field `rule` in cjm.ron (hint: did you mean `rules`?)",
        ),
        (
            "Config(rules: [(\"score-range\", allow)])\n",
            "cjm.ron:1:32: rule `score-range` makes a map invalid, so it is always `deny`",
        ),
        ("Config(rules: [(\"no-owner\" deny)])\n", "cjm.ron:1:28:"),
    ];
    std::fs::write(dir.path().join("m.ron"), KEEPS).unwrap();
    for (config, want) in cases {
        std::fs::write(dir.path().join("cjm.ron"), config).unwrap();
        let r = cjm_in(dir.path(), &["check", "m.ron", "m.ron"]);
        assert_eq!(r.code, 2, "{config}");
        assert_eq!(r.stdout, "", "{config}: nothing checked");
        assert!(
            r.stderr.starts_with(&format!("cjm: {want}")),
            "{config}: {}",
            r.stderr
        );
        assert_eq!(r.stderr.lines().count(), 1, "reported once: {}", r.stderr);
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("m.ron")).unwrap(),
        KEEPS
    );
}

#[test]
fn deny_warnings_counts_the_team_levels() {
    let dir = tempfile::tempdir().unwrap();
    let map = KEEPS.replace("                    owner: \"Web team\",\n", "");
    std::fs::write(dir.path().join("m.ron"), &map).unwrap();
    // no-owner warns by default: only --deny-warnings fails.
    assert_eq!(cjm_in(dir.path(), &["check", "m.ron"]).code, 0);
    assert_eq!(
        cjm_in(dir.path(), &["check", "--deny-warnings", "m.ron"]).code,
        1
    );
    // Allowed by the team: not even --deny-warnings sees it.
    std::fs::write(
        dir.path().join("cjm.ron"),
        "Config(rules: [(\"no-owner\", allow)])\n",
    )
    .unwrap();
    let r = cjm_in(dir.path(), &["check", "--deny-warnings", "m.ron"]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout, "m.ron: valid (0 errors, 0 warnings)\n");
    // Raised to warn a rule that is allowed by default: --deny-warnings fails on it.
    std::fs::write(
        dir.path().join("cjm.ron"),
        "Config(rules: [(\"no-owner\", allow), (\"no-target\", warn)])\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("m.ron"),
        map.replace("                    target: 3.0,\n", ""),
    )
    .unwrap();
    assert_eq!(cjm_in(dir.path(), &["check", "m.ron"]).code, 0);
    assert_eq!(
        cjm_in(dir.path(), &["check", "--deny-warnings", "m.ron"]).code,
        1
    );
}

#[test]
fn explain_gives_the_rationale_and_the_level() {
    let dir = tempfile::tempdir().unwrap();
    let r = cjm_in(dir.path(), &["check", "--explain", "no-owner"]);
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout,
        "no-owner: An optimization without an owner is a wish, not a plan: someone must carry it.\n\
         level: warn by default; set it in cjm.ron: Config(rules: [(\"no-owner\", deny)])\n"
    );
    let r = cjm_in(dir.path(), &["check", "--explain", "bad-id"]);
    assert!(r.stdout.contains("deny, always"));
    let r = cjm_in(dir.path(), &["check", "--explain"]);
    assert_eq!(r.stdout.lines().count(), cjm::format::RULES.len());
    let r = cjm_in(dir.path(), &["check", "--explain", "no-ownr"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("did you mean `no-owner`?"),
        "{}",
        r.stderr
    );
}

fn jsonschema_installed() -> bool {
    Std::new("python3")
        .args(["-c", "import jsonschema"])
        .status()
        .is_ok_and(|s| s.success())
}

/// Validates `sarif` against the vendored schema; Err is the validator's complaint.
fn validate_sarif(sarif: &str) -> Result<(), String> {
    common::tools::ensure(
        &common::root().join(".ci/setup-jsonschema.sh"),
        jsonschema_installed,
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.sarif");
    std::fs::write(&file, sarif).unwrap();
    let schema = common::root().join("tests/data/sarif/sarif-schema-2.1.0.json");
    let out = Std::new("python3")
        .arg("-c")
        .arg(
            "import json, sys, jsonschema\n\
             schema = json.load(open(sys.argv[1]))\n\
             cls = jsonschema.validators.validator_for(schema)\n\
             cls.check_schema(schema)\n\
             v = cls(schema, format_checker=cls.FORMAT_CHECKER)\n\
             errors = sorted(v.iter_errors(json.load(open(sys.argv[2]))), key=str)\n\
             for e in errors: print(list(e.absolute_path), e.message)\n\
             sys.exit(1 if errors else 0)\n",
        )
        .arg(&schema)
        .arg(&file)
        .output()
        .unwrap();
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

#[test]
fn sarif_validates_against_the_schema_and_points_at_the_lines() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("maps/sub dir")).unwrap();
    std::fs::write(dir.path().join("cjm.ron"), deny_all()).unwrap();
    std::fs::write(
        dir.path().join("maps/sub dir/m.ron"),
        replaced(OPTIMIZATIONS, ""),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("maps/bad.ron"),
        replaced("score: 4", "score: 9"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("maps/broken.ron"),
        "JourneyMap(format: 1, title: \"x\"",
    )
    .unwrap();
    std::fs::write(dir.path().join("maps/good.ron"), KEEPS).unwrap();
    let r = cjm_in(
        dir.path(),
        &[
            "check",
            "--format",
            "sarif",
            "maps/sub dir/m.ron",
            "maps/bad.ron",
            "maps/broken.ron",
            "maps/good.ron",
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    validate_sarif(&r.stdout).unwrap();
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), cjm::format::RULES.len());
    let results: Vec<String> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let loc = &r["locations"][0]["physicalLocation"];
            let rule = r["ruleId"].as_str().unwrap();
            assert_eq!(rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"], rule);
            format!(
                "{} {}:{} {} {}",
                loc["artifactLocation"]["uri"].as_str().unwrap(),
                loc["region"]["startLine"],
                loc["region"]["startColumn"],
                r["level"].as_str().unwrap(),
                rule,
            )
        })
        .collect();
    assert_eq!(
        results,
        [
            // One problem, one alert: the high rule alone, since it is on.
            "maps/sub%20dir/m.ron 23:17 error unaddressed-high-pain-point",
            "maps/bad.ron 18:28 error score-range",
            "maps/broken.ron 1:33 error read",
        ]
    );
    // A run with nothing to report is valid SARIF too, and an unreadable file is a
    // notification, not a result.
    let r = cjm_in(
        dir.path(),
        &["check", "--format", "sarif", "maps/good.ron", "nope.ron"],
    );
    assert_eq!(r.code, 2);
    validate_sarif(&r.stdout).unwrap();
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["runs"][0]["results"].as_array().unwrap().len(), 0);
    assert_eq!(v["runs"][0]["invocations"][0]["executionSuccessful"], false);
}

#[test]
fn the_validator_refuses_what_is_not_sarif() {
    // So that a pass above means something.
    assert!(validate_sarif("{\"version\": \"2.1.0\", \"runs\": [{}]}").is_err());
    assert!(validate_sarif("{\"version\": \"2.0.0\", \"runs\": []}").is_err());
}

/// A map whose stage has a high and a low pain point and no optimization.
fn two_pains() -> String {
    replaced(OPTIMIZATIONS, "").replace(
        "            pain_points: [\n",
        "            pain_points: [\n                PainPoint(\n                    text: \"Small print\",\n                    severity: Low,\n                ),\n",
    )
}

#[test]
fn one_problem_is_one_alert() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("m.ron"), two_pains()).unwrap();
    // The high rule is off by default: the general rule reports both pain points.
    let r = cjm_in(dir.path(), &["check", "m.ron"]);
    assert_eq!(
        r.stdout.matches("warning[unaddressed-pain-point]").count(),
        2
    );
    assert!(!r.stdout.contains("high-pain-point"), "{}", r.stdout);
    // Switched on, it alone reports the high one; the low one keeps the general rule.
    std::fs::write(
        dir.path().join("cjm.ron"),
        "Config(rules: [(\"unaddressed-high-pain-point\", deny)])\n",
    )
    .unwrap();
    let r = cjm_in(dir.path(), &["check", "m.ron"]);
    assert_eq!(r.code, 1);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "m.ron:23:17: warning[unaddressed-pain-point]: pain point \"Small print\" in stage `buy` has no optimization in its stage",
            "m.ron:27:17: error[unaddressed-high-pain-point]: high-severity pain point \"Slow checkout\" in stage `buy` has no optimization in its stage",
            "m.ron: valid, but breaks the team's rules (1 error, 1 warning)",
        ]
    );
}

/// Every rule's `help` says why the rule exists, which is what code scanning shows
/// under an alert.
#[test]
fn sarif_rules_carry_their_rationale_as_help() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("m.ron"), KEEPS).unwrap();
    let r = cjm_in(dir.path(), &["check", "--format", "sarif", "m.ron"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    for (sarif, rule) in rules.iter().zip(cjm::format::RULES) {
        assert_eq!(sarif["id"], rule.id);
        for key in ["text", "markdown"] {
            let help = sarif["help"][key].as_str().unwrap();
            assert!(help.starts_with(rule.rationale), "{}: {help}", rule.id);
        }
    }
}

fn git(dir: &Path, args: &[&str]) {
    let ok = Std::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
        .status
        .success();
    assert!(ok, "git {args:?}");
}

/// `(uri, uriBaseId)` of each result, and the run's `%SRCROOT%`.
fn sarif_paths(sarif: &str) -> (Vec<(String, String)>, String) {
    let v: serde_json::Value = serde_json::from_str(sarif).unwrap();
    let run = &v["runs"][0];
    let paths = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let a = &r["locations"][0]["physicalLocation"]["artifactLocation"];
            (
                a["uri"].as_str().unwrap().to_string(),
                a["uriBaseId"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap()
        .to_string();
    (paths, root)
}

fn file_uri(dir: &Path) -> String {
    format!("file://{}/", dir.canonicalize().unwrap().display())
}

/// Code scanning resolves a result's path against the repository root, so the
/// same file is named the same way from the root, from a subfolder, and by an
/// absolute path.
#[test]
fn sarif_paths_are_relative_to_the_repository_root_wherever_check_runs() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir_all(repo.join("maps")).unwrap();
    std::fs::create_dir_all(repo.join("docs/deep")).unwrap();
    git(&repo, &["init", "-q"]);
    std::fs::write(repo.join("maps/visit.ron"), two_pains()).unwrap();
    let absolute = repo.join("maps/visit.ron").display().to_string();
    let want = (
        vec![("maps/visit.ron".to_string(), "%SRCROOT%".to_string()); 2],
        file_uri(&repo),
    );
    for (cwd, path) in [
        (repo.clone(), "maps/visit.ron"),
        (repo.join("docs/deep"), "../../maps/visit.ron"),
        (repo.join("maps"), "visit.ron"),
        (repo.join("docs"), absolute.as_str()),
    ] {
        let r = cjm_in(&cwd, &["check", "--format", "sarif", path]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        validate_sarif(&r.stdout).unwrap();
        assert_eq!(sarif_paths(&r.stdout), want, "from {cwd:?}: {path}");
    }
    // Outside a repository the current folder is the root; a file outside it
    // keeps an absolute URI.
    let plain = dir.path().join("plain");
    std::fs::create_dir_all(plain.join("sub")).unwrap();
    std::fs::write(plain.join("m.ron"), two_pains()).unwrap();
    let r = cjm_in(&plain, &["check", "--format", "sarif", "m.ron"]);
    validate_sarif(&r.stdout).unwrap();
    let (paths, root) = sarif_paths(&r.stdout);
    assert_eq!(root, file_uri(&plain));
    assert_eq!(paths[0], ("m.ron".to_string(), "%SRCROOT%".to_string()));
    let r = cjm_in(
        &plain.join("sub"),
        &["check", "--format", "sarif", "../m.ron"],
    );
    validate_sarif(&r.stdout).unwrap();
    let (paths, root) = sarif_paths(&r.stdout);
    assert_eq!(root, file_uri(&plain.join("sub")));
    let real = plain.canonicalize().unwrap().join("m.ron");
    assert_eq!(
        paths[0],
        (format!("file://{}", real.display()), String::new())
    );
}

/// A typo in `cjm.ron` stops the check (exit 2). The SARIF must not say "ran
/// fine, no findings", which an upload would take as every alert fixed.
#[test]
fn a_failed_run_says_so_in_sarif() {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q"]);
    std::fs::create_dir_all(dir.path().join("maps")).unwrap();
    std::fs::write(dir.path().join("maps/m.ron"), two_pains()).unwrap();
    std::fs::write(
        dir.path().join("maps/cjm.ron"),
        "Config(\n    rules: [\n        (\"no-targt\", deny),\n    ],\n)\n",
    )
    .unwrap();
    let r = cjm_in(dir.path(), &["check", "--format", "sarif", "maps/m.ron"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("cjm: maps/cjm.ron:3:10: unknown rule `no-targt`"),
        "{}",
        r.stderr
    );
    validate_sarif(&r.stdout).unwrap();
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let invocation = &v["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let note = &invocation["toolExecutionNotifications"][0];
    assert_eq!(note["level"], "error");
    let text = note["message"]["text"].as_str().unwrap();
    assert!(text.contains("unknown rule `no-targt`"), "{text}");
    assert!(text.contains("not checked"), "{text}");
    let at = &note["locations"][0]["physicalLocation"];
    assert_eq!(at["artifactLocation"]["uri"], "maps/cjm.ron");
    assert_eq!(at["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(at["region"]["startLine"], 3);
    assert_eq!(v["runs"][0]["results"].as_array().unwrap().len(), 0);
    // The same for a cjm.ron that cannot be read at all.
    std::fs::remove_file(dir.path().join("maps/cjm.ron")).unwrap();
    std::fs::create_dir(dir.path().join("maps/cjm.ron")).unwrap();
    let r = cjm_in(dir.path(), &["check", "--format", "sarif", "maps/m.ron"]);
    assert_eq!(r.code, 2);
    validate_sarif(&r.stdout).unwrap();
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["runs"][0]["invocations"][0]["executionSuccessful"], false);
}

/// A `cjm.ron` that is there but cannot be read as a file is refused like an
/// unreadable one: the map is never checked at the defaults (or at a parent's
/// levels) instead of the team's.
#[cfg(unix)]
#[test]
fn a_cjm_ron_that_is_not_a_regular_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let team = dir.path().join("team");
    std::fs::create_dir_all(&team).unwrap();
    // A parent's rules that the map would pass under.
    std::fs::write(
        dir.path().join("cjm.ron"),
        "Config(rules: [(\"unaddressed-pain-point\", allow)])\n",
    )
    .unwrap();
    std::fs::write(team.join("m.ron"), two_pains()).unwrap();
    let rules = team.join("cjm.ron");
    let cases: [(&str, &dyn Fn()); 5] = [
        ("a symbolic link to nothing", &|| {
            std::os::unix::fs::symlink("gone.ron", &rules).unwrap()
        }),
        ("a loop of symbolic links", &|| {
            std::os::unix::fs::symlink("cjm.ron", &rules).unwrap()
        }),
        ("is a folder, not a regular file", &|| {
            std::fs::create_dir(&rules).unwrap()
        }),
        ("is a FIFO (named pipe), not a regular file", &|| {
            let ok = Std::new("mkfifo").arg(&rules).status().unwrap().success();
            assert!(ok, "mkfifo");
        }),
        ("is a device, not a regular file", &|| {
            std::os::unix::fs::symlink("/dev/zero", &rules).unwrap()
        }),
    ];
    for (reason, make) in cases {
        make();
        for format in ["text", "json", "sarif"] {
            let r = cjm_within(dir.path(), &["check", "--format", format, "team/m.ron"]);
            assert_eq!(r.code, 2, "{reason}: {}{}", r.stdout, r.stderr);
            assert_eq!(
                r.stderr,
                format!("cjm: team/cjm.ron: {reason}; team rules are not read from it\n"),
            );
        }
        // Named among the maps too (a glob): still refused, and told once.
        let r = cjm_within(dir.path(), &["check", "team/cjm.ron", "team/m.ron"]);
        assert_eq!(r.code, 2, "{reason}");
        assert_eq!(
            r.stderr,
            format!("cjm: team/cjm.ron: {reason}; team rules are not read from it\n"),
        );
        if std::fs::symlink_metadata(&rules).unwrap().is_dir() {
            std::fs::remove_dir(&rules).unwrap();
        } else {
            std::fs::remove_file(&rules).unwrap();
        }
    }
}

#[test]
fn cjm_ron_edges_repeated_field_and_only_a_comment() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("m.ron"), two_pains()).unwrap();
    std::fs::write(
        dir.path().join("cjm.ron"),
        "Config(\n    rules: [(\"unaddressed-pain-point\", allow)],\n    rules: [(\"no-owner\", deny)],\n)\n",
    )
    .unwrap();
    let r = cjm_in(dir.path(), &["check", "m.ron"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "cjm: cjm.ron:3:5: field `rules` appears twice in cjm.ron (first at 2:5) (hint: put every rule in one `rules: [ … ]` list)\n"
    );
    // Only a comment: empty team rules, the defaults apply.
    std::fs::write(dir.path().join("cjm.ron"), "// rules to come\n").unwrap();
    let r = cjm_in(dir.path(), &["check", "m.ron", "cjm.ron"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    assert!(
        r.stdout
            .ends_with("m.ron: valid (0 errors, 2 warnings)\ncjm.ron: valid team rules\n"),
        "{}",
        r.stdout
    );
}

/// The README's own example, `cjm check maps/*.ron`, meets the team's `cjm.ron`
/// in the glob: it is validated as team rules, not as a broken map.
#[test]
fn cjm_ron_among_the_maps_is_checked_as_team_rules() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("maps")).unwrap();
    std::fs::write(dir.path().join("maps/m.ron"), KEEPS).unwrap();
    let good = "// ours\nConfig(rules: [(\"no-target\", deny)])\n";
    std::fs::write(dir.path().join("maps/cjm.ron"), good).unwrap();
    let r = cjm_in(dir.path(), &["check", "maps/cjm.ron", "maps/m.ron"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(
        r.stdout,
        "maps/cjm.ron: valid team rules\nmaps/m.ron: valid (0 errors, 0 warnings)\n"
    );
    let r = cjm_in(dir.path(), &["check", "--format", "json", "maps/cjm.ron"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        (v[0]["kind"].clone(), v[0]["valid"].clone()),
        ("rules".into(), true.into())
    );
    let r = cjm_in(
        dir.path(),
        &["check", "--format", "sarif", "maps/cjm.ron", "maps/m.ron"],
    );
    assert_eq!(r.code, 0);
    validate_sarif(&r.stdout).unwrap();
    // Recognised by its content under another name too.
    std::fs::write(dir.path().join("maps/team-rules.ron"), good).unwrap();
    let r = cjm_in(dir.path(), &["check", "maps/team-rules.ron"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.stdout, "maps/team-rules.ron: valid team rules\n");
    // Wrong: its mistake at its position, like a map's.
    std::fs::write(
        dir.path().join("maps/cjm.ron"),
        "Config(rules: [(\"no-targt\", deny)])\n",
    )
    .unwrap();
    let r = cjm_in(dir.path(), &["check", "maps/cjm.ron"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stdout,
        "maps/cjm.ron:1:17: error[read]: unknown rule `no-targt` (hint: did you mean `no-target`? `cjm check --explain` lists the rules)\n\
         maps/cjm.ron: invalid team rules (1 error)\n"
    );
    // … and the maps under it are not checked at all (exit 2).
    let r = cjm_in(dir.path(), &["check", "maps/cjm.ron", "maps/m.ron"]);
    assert_eq!(r.code, 2);
    assert!(!r.stdout.contains("maps/m.ron"), "{}", r.stdout);
}

/// The hooks in `.pre-commit-hooks.yaml`, run as pre-commit runs them (the entry
/// and the staged `.ron` files), pass on a commit that stages `cjm.ron`; and git's
/// textconv shows it as it is, without a warning.
#[test]
fn cjm_ron_passes_the_pre_commit_hooks_and_textconv() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("maps")).unwrap();
    let rules = "// ours\nConfig(rules: [(\"no-target\", deny)])\n";
    std::fs::write(dir.path().join("maps/cjm.ron"), rules).unwrap();
    // Canonical, as `fmt --check` wants it (KEEPS keeps its evidence on one line).
    let canonical = cjm::format::write(&cjm::format::load_str(KEEPS).unwrap().map);
    std::fs::write(dir.path().join("maps/m.ron"), canonical).unwrap();
    let hooks = std::fs::read_to_string(common::root().join(".pre-commit-hooks.yaml")).unwrap();
    let entries: Vec<&str> = hooks
        .lines()
        .filter_map(|l| l.trim().strip_prefix("entry: "))
        .collect();
    assert_eq!(entries.len(), 2, "{hooks}");
    for entry in entries {
        let mut words = entry.split_whitespace();
        assert_eq!(words.next(), Some("cjm"));
        let mut args: Vec<&str> = words.collect();
        args.extend(["maps/cjm.ron", "maps/m.ron"]);
        let r = cjm_in(dir.path(), &args);
        assert_eq!(r.code, 0, "{entry}: {}{}", r.stdout, r.stderr);
        assert!(!r.stderr.contains("warning"), "{entry}: {}", r.stderr);
    }
    let r = cjm_in(dir.path(), &["show", "--textconv", "maps/cjm.ron"]);
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (0, rules, "")
    );
    // `fmt` says why it leaves the file alone; a command that needs a map says
    // what the file is.
    let r = cjm_in(dir.path(), &["fmt", "maps/cjm.ron"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stderr.contains("maps/cjm.ron: team rules"),
        "{}",
        r.stderr
    );
    let r = cjm_in(dir.path(), &["export", "maps/cjm.ron", "--format", "json"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("(this file holds team rules for `cjm check`, not a journey map)"),
        "{}",
        r.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("maps/cjm.ron")).unwrap(),
        rules
    );
}
