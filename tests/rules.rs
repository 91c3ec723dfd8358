//! Team rules in `cjm check`: every rule broken at its `LINE:COL` and kept,
//! `cjm.ron` found from a nested folder, a bad `cjm.ron` reported at its
//! position, `--deny-warnings`, `--explain`, and `--format sarif` validated
//! against the SARIF 2.1.0 JSON schema (tests/data/sarif/, from the OASIS
//! SARIF TC's repository) by Python's `jsonschema`.

mod common;

use std::path::Path;
use std::process::Command as Std;

use assert_cmd::Command;

/// A map that keeps every rule, even with every lint at `deny`.
const KEEPS: &str = r#"JourneyMap(
    format: 1,
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
                    severity: High,
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

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn cjm_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::cargo_bin("cjm")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
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
    let stage = &KEEPS[KEEPS.find("        Stage(").unwrap()..KEEPS.find("    ],\n)").unwrap()];
    let map = replaced(stage, &format!("{stage}{stage}"));
    // The second stage's id, 34 lines below the first.
    breaks("duplicate-id", &map, "43:17");
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
    let out = Command::cargo_bin("cjm")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "-"])
        .write_stdin(map)
        .output()
        .unwrap();
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
            r.stderr.contains(&format!("/{want}")),
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
            "maps/sub%20dir/m.ron 23:17 error unaddressed-pain-point",
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
