//! The exports: content of each format for the golden map, safety for hostile and
//! generated maps, Mermaid's own parser over every Mermaid export, the JSON Schema,
//! and the `cjm export` / `cjm schema` commands.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;
use cjm::export::{self, Format};
use cjm::format::escape::display;
use cjm::model::{JourneyMap, Lane};
use serde_json::Value;

fn exports(map: &JourneyMap) -> Vec<(Format, String)> {
    Format::ALL
        .iter()
        .map(|&f| (f, export::export(map, f)))
        .collect()
}

// ---------------------------------------------------------------- golden map

#[test]
fn golden_mermaid_is_exact() {
    assert_eq!(
        export::mermaid::export(&common::golden()),
        "journey\n    title Buying a first espresso machine\n    section Awareness\n        Instagram reel: 4: Social\n"
    );
}

#[test]
fn golden_markdown_has_card_objectives_curve_diagram_and_every_lane() {
    let md = export::markdown::export(&common::golden());
    for needle in [
        "# Buying a first espresso machine\n",
        "> ### 👤 Maya Ortiz\n> *First-time home barista*",
        "> “I want cafe coffee without a cafe budget.”",
        "> - Make a good flat white at home",
        "> **Age:** 34 · **Budget:** up to 500 EUR",
        "## Objectives\n\n- Cut cart abandonment from 68% to 55%",
        "| Awareness | 4.0 | 🙂 ●●●●○ |",
        "```mermaid\njourney\n    title Buying a first espresso machine\n",
        "## 1. Awareness\n\n*Goal:* Be the brand she remembers",
        "**Doing**\n\n- Watches a latte-art reel",
        "**Thinking**\n\n- Could I make this at home?",
        "- Instagram reel *(Social)*",
        "- 🙂 **4/5** Curious",
        "- **High** Cannot tell machines apart",
        "- **High** Beginner's comparison guide *(planned)* — owner: Content team",
        "- Reel reach: 120000 → 150000",
    ] {
        assert!(md.contains(needle), "missing {needle:?} in\n{md}");
    }
}

#[test]
fn golden_csv_rows_carry_every_item_with_its_numbers_and_enums() {
    let csv = export::csv::export(&common::golden());
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        export::csv::HEADER.to_vec()
    );
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let find = |lane: &str| {
        rows.iter()
            .find(|r| r[2] == lane)
            .unwrap_or_else(|| panic!("no {lane} row"))
            .clone()
    };
    assert_eq!(find("title")[4], "Buying a first espresso machine");
    assert_eq!(find("persona.traits")[14], "34");
    assert_eq!(find("touchpoints")[4..6], ["Instagram reel", "Social"]);
    let e = find("emotions");
    assert_eq!(
        (e[0].as_str(), e[4].as_str(), e[6].as_str()),
        ("awareness", "Curious", "4")
    );
    assert_eq!(find("pain_points")[7], "High");
    let o = find("optimizations");
    assert_eq!(o[8..11], ["Content team", "High", "Planned"]);
    let m = find("metrics");
    assert_eq!(m[11..13], ["120000", "150000"]);
    assert!(csv.ends_with("\r\n"));
}

#[test]
fn golden_json_is_the_model_with_its_field_names() {
    let map = common::golden();
    let v: Value = serde_json::from_str(&export::json::export(&map)).unwrap();
    assert_eq!(v["format"], 1);
    assert_eq!(v["title"], "Buying a first espresso machine");
    assert_eq!(v["persona"]["traits"][1][1], "up to 500 EUR");
    let s = &v["stages"][0];
    assert_eq!(s["id"], "awareness");
    assert_eq!(s["emotions"][0]["score"], 4);
    assert_eq!(s["pain_points"][0]["severity"], "High");
    assert_eq!(s["optimizations"][0]["status"], "Planned");
    assert_eq!(s["metrics"][0]["current"], 120000.0);
    assert_eq!(s["metrics"][0]["unit"], "");
    let mut expected = serde_json::to_value(&map).unwrap();
    expected["format"] = 1.into();
    assert_eq!(v, expected);
}

#[test]
fn golden_html_and_svg_hold_every_text() {
    let map = common::golden();
    for format in [Format::Html, Format::Svg] {
        let out = export::export(&map, format);
        let doc = roxmltree::Document::parse_with_options(&out, xml_options()).unwrap();
        let all: String = doc
            .descendants()
            .filter(|n| n.is_text())
            .map(|n| n.text().unwrap_or(""))
            .collect::<Vec<_>>()
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for t in [
            "Buying a first espresso machine",
            "Maya Ortiz",
            "Awareness",
            "Be the brand she remembers",
            "Watches a latte-art reel",
            "Instagram reel",
            "Social",
            "Curious",
            "Cannot tell machines apart",
            "Content team",
            "Reel reach: 120000 → 150000",
            "Age",
            "up to 500 EUR",
        ] {
            assert!(all.contains(t), "{format:?} misses {t:?}");
        }
    }
}

// ------------------------------------------------ hostile and generated maps

fn xml_options() -> roxmltree::ParsingOptions {
    roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    }
}

/// Well-formed XML, no element or attribute that map text could have made live,
/// and every map text present as escaped text.
fn check_markup(map: &JourneyMap, format: Format, out: &str) {
    let doc = roxmltree::Document::parse_with_options(out, xml_options())
        .unwrap_or_else(|e| panic!("{format:?} is not well-formed: {e}\n{out}"));
    let allowed_html = [
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "h1",
        "h2",
        "h3",
        "p",
        "section",
        "div",
        "blockquote",
        "ul",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "colgroup",
        "col",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "span",
        "br",
        "footer",
        "svg",
        "path",
    ];
    let allowed_svg = ["svg", "title", "rect", "text", "tspan", "path", "circle"];
    for n in doc.descendants().filter(|n| n.is_element()) {
        let name = n.tag_name().name();
        let allowed: &[&str] = if format == Format::Html {
            &allowed_html
        } else {
            &allowed_svg
        };
        assert!(allowed.contains(&name), "{format:?}: unexpected <{name}>");
        for a in n.attributes() {
            assert!(
                !a.name().starts_with("on"),
                "{format:?}: event handler {}",
                a.name()
            );
        }
    }
    // Map text never reaches the output raw: control characters are escapes.
    assert!(!out.contains('\u{1b}') && !out.contains('\u{202e}'));
    assert!(!out.to_lowercase().contains("<script"));
    if format == Format::Html {
        let all: String = doc
            .descendants()
            .filter(|n| n.is_text())
            .map(|n| n.text().unwrap_or(""))
            .collect();
        for s in &map.stages {
            for lane in Lane::ALL {
                for t in s.lane_texts(lane) {
                    for line in t.split('\n') {
                        // XML 1.0 cannot hold U+FFFE, so it is escaped like a control.
                        let shown = display(line).replace('\u{fffe}', "\\u{fffe}");
                        assert!(all.contains(&shown), "HTML misses {line:?}");
                    }
                }
            }
        }
    }
}

#[test]
fn hostile_and_generated_maps_export_to_inert_well_formed_markup() {
    let mut maps = vec![common::hostile(), common::golden()];
    maps.extend(common::sample(60));
    for map in &maps {
        for (format, out) in exports(map) {
            assert!(!out.is_empty());
            match format {
                Format::Html | Format::Svg => check_markup(map, format, &out),
                Format::Json => {
                    let v: Value = serde_json::from_str(&out).unwrap();
                    let mut expected = serde_json::to_value(map).unwrap();
                    expected["format"] = 1.into();
                    assert_eq!(v, expected);
                }
                Format::Markdown => {
                    for (i, _) in map.stages.iter().enumerate() {
                        assert!(out.contains(&format!("\n## {}. ", i + 1)));
                    }
                    assert!(!out.contains('\u{1b}'));
                }
                Format::Mermaid => {
                    let sections = out
                        .lines()
                        .filter(|l| l.starts_with("    section "))
                        .count();
                    assert_eq!(sections, map.stages.len());
                    let tasks = out.lines().filter(|l| l.starts_with("        ")).count();
                    let expected: usize =
                        map.stages.iter().map(|s| s.touchpoints.len().max(1)).sum();
                    assert_eq!(tasks, expected);
                }
                Format::Csv => {
                    let rows = csv::Reader::from_reader(out.as_bytes()).records().count();
                    let items: usize = map.stages.iter().map(|s| s.item_count() + 1).sum();
                    assert!(rows >= items);
                }
            }
        }
    }
}

#[test]
fn mermaid_scores_are_rounded_means_and_three_without_emotions() {
    let mut map = common::golden();
    let mut s = map.stages[0].clone();
    s.id = "two".into();
    s.emotions[0].score = 1;
    s.emotions.push(s.emotions[0].clone());
    s.emotions[1].score = 2; // mean 1.5 rounds to 2
    let mut empty = cjm::model::Stage::named("Quiet: time");
    empty.id = "quiet".into();
    map.stages.push(s);
    map.stages.push(empty);
    let out = export::mermaid::export(&map);
    assert!(out.contains("    section Awareness\n        Instagram reel: 4: Social\n"));
    assert!(out.contains("        Instagram reel: 2: Social\n"), "{out}");
    assert!(
        out.contains("    section Quiet： time\n        Quiet： time: 3\n"),
        "{out}"
    );
}

// -------------------------------------------------------- Mermaid's parser

/// Mermaid's own parser, installed by `.ci/setup-mermaid.sh` (run here when
/// missing, so a plain `cargo test` works on a fresh machine). Never skipped: if it
/// cannot be installed, the test fails.
fn mermaid_parser() -> PathBuf {
    let dir = common::root().join("tools/mermaid");
    let modules = dir.join("node_modules");
    common::tools::ensure(&common::root().join(".ci/setup-mermaid.sh"), || {
        modules.join("mermaid/package.json").exists() && modules.join("jsdom/package.json").exists()
    });
    dir.join("parse.mjs")
}

fn mermaid_parse(files: &[PathBuf]) -> (bool, String) {
    let out = Command::new("node")
        .arg(mermaid_parser())
        .arg("--journey")
        .args(files)
        .output()
        .expect("node runs");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert_ne!(
        out.status.code(),
        Some(2),
        "the parser did not start: {text}"
    );
    (out.status.success(), text)
}

#[test]
fn mermaids_parser_accepts_every_export() {
    let dir = tempfile::tempdir().unwrap();
    let mut maps = vec![common::golden(), common::hostile()];
    maps.extend(common::sample(250));
    let files: Vec<PathBuf> = maps
        .iter()
        .enumerate()
        .map(|(i, m)| common::write(dir.path(), &format!("{i}.mmd"), &export::mermaid::export(m)))
        .collect();
    let (ok, out) = mermaid_parse(&files);
    assert!(
        ok,
        "Mermaid rejected exports:\n{}",
        out.lines()
            .filter(|l| !l.starts_with("ok "))
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert_eq!(
        out.lines().filter(|l| l.starts_with("ok journey")).count(),
        maps.len()
    );
}

#[test]
fn the_parser_check_really_rejects_bad_diagrams() {
    let dir = tempfile::tempdir().unwrap();
    let bad = common::write(
        dir.path(),
        "bad.mmd",
        "journey\n    section A\n        t#1: 3: Me\n",
    );
    let (ok, _) = mermaid_parse(&[bad]);
    assert!(!ok);
    let flow = common::write(dir.path(), "flow.mmd", "graph TD\n  A-->B\n");
    let (ok, _) = mermaid_parse(&[flow]);
    assert!(!ok, "not a journey");
}

// ---------------------------------------------------------------- the schema

/// The subset of JSON Schema that `journey-map.schema.json` uses.
fn validate(schema: &Value, root: &Value, v: &Value, at: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let def = r.trim_start_matches("#/$defs/");
        return validate(&root["$defs"][def], root, v, at);
    }
    if let Some(c) = schema.get("const")
        && c != v
    {
        errs.push(format!("{at}: not {c}"));
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array)
        && !e.contains(v)
    {
        errs.push(format!("{at}: {v} not in enum"));
    }
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let ok = types.iter().any(|t| match *t {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "integer" => v.is_i64() || v.is_u64(),
            "number" => v.is_number(),
            "null" => v.is_null(),
            _ => false,
        });
        if !ok {
            errs.push(format!("{at}: {v} is not {types:?}"));
        }
    }
    if let (Some(min), Some(n)) = (schema.get("minimum").and_then(Value::as_f64), v.as_f64())
        && n < min
    {
        errs.push(format!("{at}: below minimum"));
    }
    if let (Some(max), Some(n)) = (schema.get("maximum").and_then(Value::as_f64), v.as_f64())
        && n > max
    {
        errs.push(format!("{at}: above maximum"));
    }
    if let (Some(_), Some(s)) = (schema.get("pattern"), v.as_str())
        && !cjm::model::is_slug(s)
    {
        errs.push(format!("{at}: {s} does not match the pattern"));
    }
    if let (Some(min), Some(s)) = (schema.get("minLength").and_then(Value::as_u64), v.as_str())
        && (s.chars().count() as u64) < min
    {
        errs.push(format!("{at}: too short"));
    }
    if let Some(obj) = v.as_object() {
        let props = schema.get("properties").and_then(Value::as_object);
        for r in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !obj.contains_key(r.as_str().unwrap()) {
                errs.push(format!("{at}: missing {r}"));
            }
        }
        for (k, val) in obj {
            match props.and_then(|p| p.get(k)) {
                Some(s) => errs.extend(validate(s, root, val, &format!("{at}.{k}"))),
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    errs.push(format!("{at}: unexpected {k}"))
                }
                None => {}
            }
        }
    }
    if let Some(arr) = v.as_array() {
        let prefix = schema.get("prefixItems").and_then(Value::as_array);
        for (i, item) in arr.iter().enumerate() {
            let s = match prefix.and_then(|p| p.get(i)) {
                Some(s) => Some(s),
                None => schema.get("items"),
            };
            match s {
                Some(Value::Bool(false)) => errs.push(format!("{at}[{i}]: no item allowed")),
                Some(s) if s.is_object() => {
                    errs.extend(validate(s, root, item, &format!("{at}[{i}]")))
                }
                _ => {}
            }
        }
    }
    errs
}

#[test]
fn json_exports_match_the_schema_that_cjm_schema_prints() {
    let out = Command::cargo_bin("cjm")
        .unwrap()
        .arg("schema")
        .output()
        .unwrap();
    assert!(out.status.success());
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let mut maps = vec![common::golden(), common::hostile()];
    maps.extend(common::sample(40));
    for m in &maps {
        let v: Value = serde_json::from_str(&export::json::export(m)).unwrap();
        let errs = validate(&schema, &schema, &v, "$");
        assert!(errs.is_empty(), "{errs:?}");
    }
    // The validator does reject what the schema forbids.
    let mut v: Value = serde_json::from_str(&export::json::export(&common::golden())).unwrap();
    v["stages"][0]["emotions"][0]["score"] = 9.into();
    v["stages"][0]["extra"] = 1.into();
    assert_eq!(validate(&schema, &schema, &v, "$").len(), 2);
}

// ---------------------------------------------------------------- the command

fn cjm() -> Command {
    Command::cargo_bin("cjm").unwrap()
}

fn golden_path() -> PathBuf {
    common::root().join("tests/data/design-example.ron")
}

#[test]
fn export_prints_each_format_to_stdout() {
    for (name, format) in [
        ("markdown", Format::Markdown),
        ("mermaid", Format::Mermaid),
        ("csv", Format::Csv),
        ("html", Format::Html),
        ("svg", Format::Svg),
        ("json", Format::Json),
    ] {
        let out = cjm()
            .args(["export", "--format", name])
            .arg(golden_path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{name}");
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            export::export(&common::golden(), format)
        );
    }
}

#[test]
fn export_writes_a_file_and_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("map.html");
    let run = |extra: &[&str]| {
        cjm()
            .args(["export", "--format", "html", "-o"])
            .arg(&out_path)
            .args(extra)
            .arg(golden_path())
            .output()
            .unwrap()
    };
    let first = run(&[]);
    assert_eq!(first.status.code(), Some(0));
    assert!(first.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(&out_path).unwrap(),
        export::html::export(&common::golden())
    );
    std::fs::write(&out_path, "mine").unwrap();
    let refused = run(&[]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&out_path).unwrap(), "mine");
    assert_eq!(run(&["--force"]).status.code(), Some(0));
    assert_ne!(std::fs::read_to_string(&out_path).unwrap(), "mine");
    // No temporary files left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn export_exit_codes_for_bad_input_and_usage() {
    let dir = tempfile::tempdir().unwrap();
    let bad = common::write(dir.path(), "bad.ron", "JourneyMap(format: 1, title: \"\")");
    let out = cjm()
        .args(["export", "--format", "csv"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.ron:"));
    let missing = dir.path().join("missing.ron");
    let out = cjm()
        .args(["export", "--format", "csv"])
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = cjm()
        .args(["export", "--format", "pdf"])
        .arg(golden_path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let target = dir.path().join("out.md");
    let out = cjm()
        .args(["export", "--format", "markdown", "-o"])
        .arg(&target)
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!Path::new(&target).exists());
}
