//! The exports: content of each format for the golden map, safety for hostile and
//! generated maps, Mermaid's own parser over every Mermaid export, the JSON Schema,
//! and the `cjm export` / `cjm schema` commands.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use cjm::export::{self, Format};
use cjm::model::JourneyMap;
use cjm::text::display;
use serde_json::Value;

fn exports(map: &JourneyMap) -> Vec<(Format, String)> {
    Format::ALL
        .iter()
        .map(|&f| (f, String::from_utf8(export::export(map, f)).unwrap()))
        .collect()
}

// ---------------------------------------------------------------- golden map

#[test]
fn golden_mermaid_is_exact() {
    assert_eq!(
        export::mermaid::export(&common::golden()),
        "%%{init: {\"theme\": \"base\", \"themeVariables\": {\"fillType0\": \"#a6cee3\"}}}%%\njourney\n    title Buying a first espresso machine\n    accTitle: Buying a first espresso machine\n    accDescr: From a latte-art reel to recommending us to friends.\n    section Awareness\n        Instagram reel: 4: Social\n"
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
        "```mermaid\n%%{init: ",
        "}}}%%\njourney\n    title Buying a first espresso machine\n",
        "## 1. Awareness\n\n*Goal:* Be the brand she remembers",
        "**Doing**\n\n- Watches a latte-art reel",
        "**Thinking**\n\n- Could I make this at home?",
        "- Instagram reel *(Social)*",
        "- 🙂 **4/5** Curious",
        "- **High** Cannot tell machines apart",
        "- **High** Beginner's comparison guide *(planned)* — owner: Content team",
        "- Reel reach: 120000 (target 150000)",
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

/// The golden map as JSON, written by hand from the schema's field names: what a
/// consumer of `cjm export --format json` reads.
const GOLDEN_JSON: &str = r#"{
  "format": 1,
  "title": "Buying a first espresso machine",
  "summary": "From a latte-art reel to recommending us to friends.",
  "framework": "five-stage",
  "objectives": ["Cut cart abandonment from 68% to 55%"],
  "persona": {
    "name": "Maya Ortiz",
    "role": "First-time home barista",
    "quote": "I want cafe coffee without a cafe budget.",
    "summary": "34, works from home in Lyon, buys after long research.",
    "goals": ["Make a good flat white at home"],
    "needs": ["Honest comparisons"],
    "frustrations": ["Jargon-heavy product pages"],
    "behaviors": ["Reads reviews on her phone in the evening"],
    "traits": [["Age", "34"], ["Budget", "up to 500 EUR"]]
  },
  "stages": [
    {
      "id": "awareness",
      "name": "Awareness",
      "goal": "Be the brand she remembers",
      "actions": ["Watches a latte-art reel"],
      "thoughts": ["Could I make this at home?"],
      "touchpoints": [{ "name": "Instagram reel", "channel": "Social", "note": "" }],
      "emotions": [{ "score": 4, "label": "Curious", "note": "" }],
      "pain_points": [{ "text": "Cannot tell machines apart", "severity": "High" }],
      "optimizations": [
        {
          "text": "Beginner's comparison guide",
          "owner": "Content team",
          "priority": "High",
          "status": "Planned"
        }
      ],
      "metrics": [
        { "name": "Reel reach", "current": 120000.0, "target": 150000.0, "unit": "" }
      ]
    },
    {
      "id": "quiet",
      "name": "Quiet \"time\"",
      "goal": "",
      "actions": [],
      "thoughts": ["Line one\nline two\twith a tab, a \\ and é 🎉"],
      "touchpoints": [],
      "emotions": [{ "score": 1, "label": "Let down", "note": "by the price" }],
      "pain_points": [{ "text": "Slow delivery", "severity": "Medium" }],
      "optimizations": [
        { "text": "Ship in two days", "owner": "", "priority": "Low", "status": "InProgress" }
      ],
      "metrics": [
        { "name": "Returns", "current": null, "target": 2.5, "unit": "%" },
        { "name": "Visits", "current": -3.0, "target": null, "unit": "" }
      ]
    }
  ]
}"#;

/// The golden map plus a stage with what the golden one lacks: empty lanes, a
/// missing number, a negative one, the other levels and statuses, quotes, line
/// breaks and non-ASCII text.
fn golden_plus_quiet_stage() -> JourneyMap {
    use cjm::model::{Emotion, Level, Metric, Optimization, PainPoint, Stage, Status};
    let mut map = common::golden();
    let mut s = Stage::named("Quiet \"time\"");
    s.id = "quiet".into();
    s.thoughts = vec!["Line one\nline two\twith a tab, a \\ and é 🎉".into()];
    s.emotions = vec![Emotion {
        persona: String::new(),
        score: 1,
        label: "Let down".into(),
        note: "by the price".into(),
        evidence: Vec::new(),
    }];
    s.pain_points = vec![PainPoint {
        personas: Vec::new(),
        text: "Slow delivery".into(),
        severity: Level::Medium,
        votes: 0,
        evidence: Vec::new(),
    }];
    s.optimizations = vec![Optimization {
        personas: Vec::new(),
        text: "Ship in two days".into(),
        owner: String::new(),
        priority: Level::Low,
        status: Status::InProgress,
        votes: 0,
        impact: None,
        effort: None,
        evidence: Vec::new(),
    }];
    s.metrics = vec![
        Metric {
            personas: Vec::new(),
            name: "Returns".into(),
            current: None,
            target: Some(2.5),
            unit: "%".into(),
            evidence: Vec::new(),
        },
        Metric {
            personas: Vec::new(),
            name: "Visits".into(),
            current: Some(-3.0),
            target: None,
            unit: String::new(),
            evidence: Vec::new(),
        },
    ];
    map.stages.push(s);
    assert!(cjm::format::errors(&map).is_empty());
    map
}

#[test]
fn golden_json_is_the_hand_written_document() {
    let out = export::json::export(&golden_plus_quiet_stage());
    let got: Value = serde_json::from_str(&out).unwrap();
    let expected: Value = serde_json::from_str(GOLDEN_JSON).unwrap();
    // Values, not text: the layout and the choice of escapes are free, the fields,
    // their names and their values (120000.0 stays a float, a missing number is
    // null) are not.
    assert_eq!(got, expected, "{out}");
    assert!(out.ends_with("}\n"));
}

#[test]
fn golden_html_and_svg_hold_every_text() {
    let map = common::golden();
    for format in [Format::Html, Format::Svg] {
        let out = String::from_utf8(export::export(&map, format)).unwrap();
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
            "Reel reach: 120000 (target 150000)",
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
        "a",
        // A map of several personas' curves and legend.
        "line",
        "circle",
        "rect",
    ];
    let allowed_svg = [
        "svg", "title", "desc", "rect", "text", "tspan", "path", "circle", "g",
    ];
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
            if a.name() == "href" {
                let v = a.value().trim().to_lowercase();
                let scheme = v
                    .split_once(':')
                    .map(|(s, _)| s)
                    .filter(|s| !s.contains('/'));
                assert!(
                    matches!(scheme, None | Some("http" | "https" | "mailto")),
                    "{format:?}: live link {v}"
                );
            }
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
            for lane in map.lane_sequence() {
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
                Format::Pdf | Format::Png => {} // bytes, not in Format::ALL: tests/export_pdf.rs
                Format::Json => assert_json_holds(map, &serde_json::from_str(&out).unwrap()),
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
                // Binary: not in `Format::ALL`, checked in tests/xlsx.rs.
                Format::Xlsx => unreachable!("a binary format among the text ones"),
            }
        }
    }
}

/// Every field of `map` at its documented place in the JSON export, read by name
/// (not through the serializer that wrote it), text exactly as in the map.
fn assert_json_holds(map: &JourneyMap, v: &Value) {
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    };
    let num = |x: Option<f64>| x.map_or(Value::Null, Value::from);
    // Format 2 when an item carries votes, as in the map file.
    assert_eq!(v["format"], map.format_version());
    assert_eq!(v["title"], map.title.as_str());
    assert_eq!(v["summary"], map.summary.as_str());
    assert_eq!(v["framework"], map.framework.as_str());
    assert_eq!(strings(&v["objectives"]), map.objectives);
    let (p, jp) = (&map.persona, &v["persona"]);
    for (key, text) in [
        ("name", &p.name),
        ("role", &p.role),
        ("quote", &p.quote),
        ("summary", &p.summary),
    ] {
        assert_eq!(jp[key], text.as_str(), "persona.{key}");
    }
    for (key, list) in [
        ("goals", &p.goals),
        ("needs", &p.needs),
        ("frustrations", &p.frustrations),
        ("behaviors", &p.behaviors),
    ] {
        assert_eq!(&strings(&jp[key]), list, "persona.{key}");
    }
    let traits: Vec<(String, String)> = jp["traits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t[0].as_str().unwrap().into(), t[1].as_str().unwrap().into()))
        .collect();
    assert_eq!(traits, p.traits);
    let stages = v["stages"].as_array().unwrap();
    assert_eq!(stages.len(), map.stages.len());
    for (s, js) in map.stages.iter().zip(stages) {
        assert_eq!(js["id"], s.id.as_str());
        assert_eq!(js["name"], s.name.as_str());
        assert_eq!(js["goal"], s.goal.as_str());
        assert_eq!(strings(&js["actions"]), s.actions);
        assert_eq!(strings(&js["thoughts"]), s.thoughts);
        let items = |key: &str| js[key].as_array().unwrap().clone();
        let tps = items("touchpoints");
        assert_eq!(tps.len(), s.touchpoints.len());
        for (t, jt) in s.touchpoints.iter().zip(&tps) {
            assert_eq!(jt["name"], t.name.as_str());
            assert_eq!(jt["channel"], t.channel.as_str());
            assert_eq!(jt["note"], t.note.as_str());
        }
        let ems = items("emotions");
        assert_eq!(ems.len(), s.emotions.len());
        for (e, je) in s.emotions.iter().zip(&ems) {
            assert_eq!(je["score"], e.score);
            assert_eq!(je["label"], e.label.as_str());
            assert_eq!(je["note"], e.note.as_str());
        }
        let pains = items("pain_points");
        assert_eq!(pains.len(), s.pain_points.len());
        for (x, jx) in s.pain_points.iter().zip(&pains) {
            assert_eq!(jx["text"], x.text.as_str());
            assert_eq!(jx["severity"], x.severity.name());
            assert_eq!(jx["votes"].as_u64().unwrap_or(0), u64::from(x.votes));
        }
        let opts = items("optimizations");
        assert_eq!(opts.len(), s.optimizations.len());
        for (o, jo) in s.optimizations.iter().zip(&opts) {
            assert_eq!(jo["text"], o.text.as_str());
            assert_eq!(jo["owner"], o.owner.as_str());
            assert_eq!(jo["priority"], o.priority.name());
            assert_eq!(jo["status"], o.status.name());
            assert_eq!(jo["votes"].as_u64().unwrap_or(0), u64::from(o.votes));
        }
        let mets = items("metrics");
        assert_eq!(mets.len(), s.metrics.len());
        for (m, jm) in s.metrics.iter().zip(&mets) {
            assert_eq!(jm["name"], m.name.as_str());
            assert_eq!(jm["current"], num(m.current));
            assert_eq!(jm["target"], num(m.target));
            assert_eq!(jm["unit"], m.unit.as_str());
        }
    }
}

/// A text field of a map, and where the CSV export puts it: the `lane` of its row
/// (none for a stage's name, which every row of the stage carries) and its column.
struct Field {
    marker: String,
    lane: Option<&'static str>,
    column: &'static str,
}

/// A map whose every text field (map, persona, stage name and goal, every field of
/// every kind of item) holds `text(marker)` with a marker of its own (`F00`,
/// `F01`…), and the list of those fields.
fn marked_map(text: impl Fn(&str) -> String) -> (JourneyMap, Vec<Field>) {
    use cjm::model::{Emotion, Level, Metric, Optimization, PainPoint, Stage, Status, Touchpoint};
    let mut fields = Vec::new();
    let mut next = |lane: Option<&'static str>, column: &'static str| {
        let marker = format!("F{:02}", fields.len());
        let t = text(&marker);
        fields.push(Field {
            marker,
            lane,
            column,
        });
        t
    };
    let one = |lane: &'static str| (Some(lane), "text");
    let mut m = JourneyMap::new("", "");
    m.title = next(Some("title"), "text");
    m.summary = next(Some("summary"), "text");
    m.framework = next(Some("framework"), "text");
    m.objectives = vec![
        next(Some("objectives"), "text"),
        next(Some("objectives"), "text"),
    ];
    let p = &mut m.persona;
    p.name = next(Some("persona.name"), "text");
    p.role = next(Some("persona.role"), "text");
    p.quote = next(Some("persona.quote"), "text");
    p.summary = next(Some("persona.summary"), "text");
    p.goals = vec![next(Some("persona.goals"), "text")];
    p.needs = vec![next(Some("persona.needs"), "text")];
    p.frustrations = vec![next(Some("persona.frustrations"), "text")];
    p.behaviors = vec![next(Some("persona.behaviors"), "text")];
    p.traits = vec![(
        next(Some("persona.traits"), "text"),
        next(Some("persona.traits"), "note"),
    )];
    for i in 0..2 {
        let mut s = Stage::named(&next(None, "stage"));
        s.id = format!("s{i}");
        let (lane, col) = one("goal");
        s.goal = next(lane, col);
        let (lane, col) = one("actions");
        s.actions = vec![next(lane, col)];
        let (lane, col) = one("thoughts");
        s.thoughts = vec![next(lane, col)];
        s.touchpoints = vec![Touchpoint {
            personas: Vec::new(),
            name: next(Some("touchpoints"), "text"),
            channel: next(Some("touchpoints"), "channel"),
            note: next(Some("touchpoints"), "note"),
            evidence: Vec::new(),
        }];
        s.emotions = vec![Emotion {
            persona: String::new(),
            score: 2,
            label: next(Some("emotions"), "text"),
            note: next(Some("emotions"), "note"),
            evidence: Vec::new(),
        }];
        s.pain_points = vec![PainPoint {
            personas: Vec::new(),
            text: next(Some("pain_points"), "text"),
            severity: Level::High,
            votes: 0,
            evidence: Vec::new(),
        }];
        s.optimizations = vec![Optimization {
            personas: Vec::new(),
            text: next(Some("optimizations"), "text"),
            owner: next(Some("optimizations"), "owner"),
            priority: Level::Low,
            status: Status::Done,
            votes: 0,
            impact: None,
            effort: None,
            evidence: Vec::new(),
        }];
        s.metrics = vec![Metric {
            personas: Vec::new(),
            name: next(Some("metrics"), "text"),
            current: Some(1.0),
            target: None,
            unit: next(Some("metrics"), "unit"),
            evidence: Vec::new(),
        }];
        m.stages.push(s);
    }
    assert!(
        cjm::format::errors(&m).is_empty(),
        "{:?}",
        cjm::format::errors(&m)
    );
    (m, fields)
}

/// Markdown syntax of every kind, a formula start, terminal controls, a bidi
/// override and a line break that would start a list.
const MD_HOSTILE: &str =
    "=1+1 *a* _b_ `c` [d](e) <i>&amp; # | ~ $ \\ \u{1b}]0;t\u{7}\u{202e}\r\n- f ";
/// `MD_HOSTILE` as inert Markdown, escaped by hand: syntax backslashed, controls as
/// visible escapes (whose backslash is escaped in turn), the line break as `<br>`,
/// and the leading `=` escaped where the text starts a Markdown line or item.
const MD_ESCAPED: &str = "\\=1+1 \\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\<i\\>\\&amp; \\# \\| \\~ \\$ \\\\ \\\\u{1b}\\]0;t\\\\u{7}\\\\u{202e}\\\\r<br>- f ";

#[test]
fn every_text_field_comes_out_of_the_markdown_export_escaped() {
    let (map, fields) = marked_map(|marker| format!("{MD_HOSTILE}{marker}"));
    let md = export::markdown::export(&map);
    for f in &fields {
        // A metric's unit follows its number inside one item, so it starts no line.
        let expected = if f.column == "unit" {
            format!(": 1 {}{}", &MD_ESCAPED[1..], f.marker)
        } else {
            format!("{MD_ESCAPED}{}", f.marker)
        };
        assert!(
            md.contains(&expected),
            "{} ({:?} {}) is not escaped as {expected:?}:\n{md}",
            f.marker,
            f.lane,
            f.column
        );
    }
    // No terminal control anywhere, the Mermaid diagram included; no live markup
    // outside the diagram (a code block, which Markdown does not read as markup).
    for raw in ["\u{1b}", "\u{7}", "\u{202e}", "\r"] {
        assert!(!md.contains(raw), "raw {raw:?} in\n{md}");
    }
    let (before, rest) = md.split_once("```mermaid\n").unwrap();
    let (_, after) = rest.split_once("```\n").unwrap();
    for raw in ["<i>", "*a*", "_b_", "[d](e)", "\n- f", "\n="] {
        assert!(
            !before.contains(raw) && !after.contains(raw),
            "raw {raw:?} in\n{md}"
        );
    }
}

/// CSV syntax (a quote, a comma, a line break), a formula start, a tab and a
/// terminal control.
const CSV_HOSTILE: &str = "=HYPERLINK(\"http://x\"), \"q\"\r\n;\t\u{1b}[2J ";

#[test]
fn every_text_field_comes_out_of_the_csv_export_in_its_own_cell_defused() {
    let (map, fields) = marked_map(|marker| format!("{CSV_HOSTILE}{marker}"));
    let out = export::csv::export(&map);
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows: Vec<Vec<String>> = r
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert!(rows.iter().all(|r| r.len() == header.len()));
    let lane_at = header.iter().position(|h| h == "lane").unwrap();
    for f in &fields {
        // The spreadsheet sees text, not a formula: one `'` in front, the rest exact.
        let expected = format!("'{CSV_HOSTILE}{}", f.marker);
        let mut found = 0;
        for row in &rows {
            for (col, cell) in row.iter().enumerate() {
                if !cell.contains(&f.marker) {
                    continue;
                }
                found += 1;
                assert_eq!(header[col], f.column, "{} in the wrong column", f.marker);
                if let Some(lane) = f.lane {
                    assert_eq!(row[lane_at], lane, "{} on the wrong row", f.marker);
                }
                assert_eq!(cell, &expected, "{} ({:?} {})", f.marker, f.lane, f.column);
            }
        }
        assert!(
            found > 0,
            "{} ({:?} {}) is missing",
            f.marker,
            f.lane,
            f.column
        );
    }
}

#[test]
fn every_text_field_comes_out_of_the_json_export_exactly() {
    let hostile = format!("{MD_HOSTILE}{CSV_HOSTILE}\u{0}\u{7f}\u{85}\u{2066}\u{feff}");
    let (map, fields) = marked_map(|marker| format!("{hostile}{marker}"));
    assert_json_holds(
        &map,
        &serde_json::from_str(&export::json::export(&map)).unwrap(),
    );
    assert_eq!(fields.len(), 43);
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
    let mut maps = vec![common::golden(), common::hostile(), hotel_blueprint()];
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

/// A map of one stage per `(name, score, touchpoint)`.
fn stages(specs: &[(&str, i64, &str)]) -> JourneyMap {
    let mut m = JourneyMap::new("Journey", "P");
    for (i, (name, score, tp)) in specs.iter().enumerate() {
        let mut s = cjm::model::Stage::named(name);
        s.id = format!("s{i}");
        s.emotions.push(cjm::model::Emotion {
            persona: String::new(),
            score: *score,
            label: "E".into(),
            note: String::new(),
            evidence: Vec::new(),
        });
        s.touchpoints.push(cjm::model::Touchpoint {
            personas: Vec::new(),
            name: (*tp).into(),
            channel: "Web".into(),
            note: String::new(),
            evidence: Vec::new(),
        });
        m.stages.push(s);
    }
    m
}

#[test]
fn mermaid_colours_sections_by_emotion_or_wraps_long_names() {
    use export::mermaid::EMOTION_FILLS;
    let first = |m: &JourneyMap| {
        export::mermaid::export(m)
            .lines()
            .next()
            .unwrap()
            .to_string()
    };
    // Short names: each section filled by its stage's emotion.
    let five = stages(&[
        ("A", 1, "a"),
        ("B", 2, "b"),
        ("C", 3, "c"),
        ("D", 4, "d"),
        ("E", 5, "e"),
    ]);
    let vars: Vec<String> = EMOTION_FILLS
        .iter()
        .enumerate()
        .map(|(i, f)| format!("\"fillType{i}\": \"{f}\""))
        .collect();
    assert_eq!(
        first(&five),
        format!(
            "%%{{init: {{\"theme\": \"base\", \"themeVariables\": {{{}}}}}}}%%",
            vars.join(", ")
        )
    );
    // Mermaid cycles through 7 fills: an 8th stage must agree with the first.
    let mut eight = stages(&[("A", 4, "a"); 7]);
    eight.stages.push(stages(&[("H", 4, "h")]).stages.remove(0));
    assert!(first(&eight).contains("fillType0"));
    eight.stages[7].emotions[0].score = 1;
    assert_eq!(first(&eight), "journey", "a wrong colour would mislead");

    // A long name wraps at `<br>`, drawn as lines with tspan text; the section
    // colours are then off, or they would hide the section titles.
    let long = stages(&[(
        "Appointment letter and preparation",
        2,
        "Patient Advice and Liaison Service (PALS)",
    )]);
    let out = export::mermaid::export(&long);
    assert_eq!(
        out.lines().next().unwrap(),
        r#"%%{init: {"theme": "base", "themeVariables": {"fillType0": ""}, "journey": {"textPlacement": "tspan"}}}%%"#
    );
    assert!(
        out.contains("        Patient Advice and<br>Liaison Service<br>(PALS): 2: Web\n"),
        "{out}"
    );
    assert!(
        out.contains("    section Appointment letter<br>and preparation\n"),
        "{out}"
    );
    // Read back, the breaks are the spaces they stand for.
    let back = cjm::import::import(out.as_bytes(), cjm::import::From::Mermaid)
        .unwrap()
        .map;
    assert_eq!(back.stages[0].name, "Appointment letter and preparation");
    assert_eq!(
        back.stages[0].touchpoints[0].name,
        "Patient Advice and Liaison Service (PALS)"
    );

    // A `<br>` typed in the map is not a line break Mermaid would draw.
    let typed = stages(&[("A", 3, "x<br>y <BR/> z")]);
    let out = export::mermaid::export(&typed);
    assert!(out.contains("        x＜br>y ＜BR/> z: 3: Web\n"), "{out}");
    assert!(!out.contains("tspan"));

    // Mermaid's own parser takes every one of them.
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = [&five, &eight, &long, &typed]
        .iter()
        .enumerate()
        .map(|(i, m)| common::write(dir.path(), &format!("{i}.mmd"), &export::mermaid::export(m)))
        .collect();
    let (ok, text) = mermaid_parse(&files);
    assert!(ok, "{text}");
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
    if let (Some(p), Some(s)) = (schema.get("pattern").and_then(Value::as_str), v.as_str())
        && !matches_pattern(p, s)
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
            if let Some(names) = schema.get("propertyNames") {
                errs.extend(validate(
                    names,
                    root,
                    &Value::from(k.as_str()),
                    &format!("{at} key {k}"),
                ));
            }
            match (
                props.and_then(|p| p.get(k)),
                schema.get("additionalProperties"),
            ) {
                (Some(s), _) => errs.extend(validate(s, root, val, &format!("{at}.{k}"))),
                (None, Some(Value::Bool(false))) => errs.push(format!("{at}: unexpected {k}")),
                (None, Some(s)) if s.is_object() => {
                    errs.extend(validate(s, root, val, &format!("{at}.{k}")))
                }
                _ => {}
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

/// The example service blueprint (format 6): blueprint lanes, a retitled
/// Doing, a custom lane.
fn hotel_blueprint() -> cjm::model::JourneyMap {
    cjm::format::load_str(include_str!("../maps/hotel-blueprint.ron"))
        .unwrap()
        .map
}

/// The schema's two patterns: a slug, and a lane id (a slug or a journey
/// lane's field name, such as `pain_points`).
fn matches_pattern(pattern: &str, s: &str) -> bool {
    match pattern {
        "^[a-z0-9-]+$" => cjm::model::is_slug(s),
        "^[a-z0-9_-]+$" => {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        }
        "^([0-9]{4}-[0-9]{2}-[0-9]{2})?$" => {
            s.is_empty()
                || s.len() == 10
                    && s.chars().enumerate().all(|(i, c)| {
                        if i == 4 || i == 7 {
                            c == '-'
                        } else {
                            c.is_ascii_digit()
                        }
                    })
        }
        other => panic!("the validator does not know the pattern {other}"),
    }
}

#[test]
fn json_exports_match_the_schema_that_cjm_schema_prints() {
    let out = common::cjm().arg("schema").output().unwrap();
    assert!(out.status.success());
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let mut maps = vec![common::golden(), common::hostile()];
    maps.extend(common::sample(40));
    // Impact and effort (format 4): the scored example map.
    maps.push(
        cjm::format::load_str(include_str!("../maps/hospital-visit.ron"))
            .unwrap()
            .map,
    );
    // Blueprint and custom lanes (format 6).
    maps.push(hotel_blueprint());
    for m in &maps {
        let v: Value = serde_json::from_str(&export::json::export(m)).unwrap();
        let errs = validate(&schema, &schema, &v, "$");
        assert!(errs.is_empty(), "{errs:?}");
    }
    // The validator does reject what the schema forbids.
    let mut v: Value = serde_json::from_str(&export::json::export(&common::golden())).unwrap();
    v["stages"][0]["emotions"][0]["score"] = 9.into();
    v["stages"][0]["extra"] = 1.into();
    v["stages"][0]["optimizations"][0]["impact"] = 6.into();
    assert_eq!(validate(&schema, &schema, &v, "$").len(), 3);
    let mut v: Value = serde_json::from_str(&export::json::export(&hotel_blueprint())).unwrap();
    v["lanes"][0]["kind"] = "Sideways".into();
    v["stages"][0]["lanes"]["frontstage"][0]["when"] = "now".into();
    v["stages"][0]["lanes"]["Not A Slug"] = serde_json::json!([{ "text": "x" }]);
    assert_eq!(validate(&schema, &schema, &v, "$").len(), 3);
}

#[test]
fn the_json_of_a_blueprint_lists_its_lanes_in_order_and_each_stage_s_items_by_lane() {
    let map = hotel_blueprint();
    let v: Value = serde_json::from_str(&export::json::export(&map)).unwrap();
    // Format 7: the example blueprint also has two personas.
    assert_eq!(v["format"], 7);
    let ids: Vec<&str> = v["lanes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        map.lane_sequence()
            .iter()
            .map(|l| l.key())
            .collect::<Vec<_>>()
    );
    assert_eq!(v["lanes"][1]["title"], "Customer actions");
    assert_eq!(v["lanes"][2]["kind"], "Frontstage");
    assert_eq!(v["lanes"][2]["holds"], "Owned");
    let desk = &v["stages"][1]["lanes"]["frontstage"][0];
    assert_eq!(desk["owner"], "Front desk");
    assert_eq!(desk["channel"], "In person");
    assert_eq!(desk["serves"], "Checks in at the front desk");
    // A stage leaves out the lanes it has no items in.
    assert!(v["stages"][2]["lanes"].get("support").is_none());
    // A map without lanes has neither.
    let plain: Value = serde_json::from_str(&export::json::export(&common::golden())).unwrap();
    assert!(plain.get("lanes").is_none());
    assert!(plain["stages"][0].get("lanes").is_none());
}

// ---------------------------------------------------------------- the command

fn cjm() -> std::process::Command {
    common::cjm()
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
        assert_eq!(out.stdout, export::export(&common::golden(), format));
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
        .args(["export", "--format", "docx"])
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

#[test]
fn client_exports_name_a_framework_only_when_a_person_chose_one() {
    // A map made from a template records the template's name: cjm's, not the
    // author's, so the pages a client reads leave it out.
    let made = cjm::model::templates::find("six-stage")
        .unwrap()
        .instantiate("Hotel stay", "Business traveller");
    assert_eq!(made.framework, "six-stage");
    for f in [Format::Markdown, Format::Html, Format::Svg] {
        let out = String::from_utf8(export::export(&made, f)).unwrap();
        assert!(!out.contains("Framework"), "{f:?}:\n{out}");
        assert!(!out.contains("six-stage"), "{f:?}:\n{out}");
    }
    // The data exports keep it, so that an import gets the map back.
    assert!(
        String::from_utf8(export::export(&made, Format::Json))
            .unwrap()
            .contains("\"framework\": \"six-stage\"")
    );
    assert!(
        String::from_utf8(export::export(&made, Format::Csv))
            .unwrap()
            .contains("six-stage")
    );
    // A framework a person wrote into the map is shown.
    let mut own = made.clone();
    own.framework = "Service blueprint".into();
    for f in [Format::Markdown, Format::Html, Format::Svg] {
        let out = String::from_utf8(export::export(&own, f)).unwrap();
        assert!(out.contains("Framework"), "{f:?}");
        assert!(out.contains("Service blueprint"), "{f:?}");
    }
}

// ------------------------------------------------------------------ evidence

fn saas_trial() -> JourneyMap {
    let bytes = std::fs::read(common::root().join("maps/saas-trial.ron")).unwrap();
    cjm::format::load(&bytes).unwrap().map
}

#[test]
fn drawn_exports_show_confidence_and_name_every_piece_of_evidence() {
    let m = saas_trial();
    assert!(m.has_evidence());
    let md = String::from_utf8(export::export(&m, Format::Markdown)).unwrap();
    let html = String::from_utf8(export::export(&m, Format::Html)).unwrap();
    let svg = String::from_utf8(export::export(&m, Format::Svg)).unwrap();
    check_markup(&m, Format::Html, &html);
    check_markup(&m, Format::Svg, &svg);
    let html_text: String = roxmltree::Document::parse_with_options(&html, xml_options())
        .unwrap()
        .descendants()
        .filter_map(|n| n.text())
        .collect();
    for out in [&md, &html_text, &svg] {
        for mark in ["? assumption", "◐ research", "● measured"] {
            assert!(out.contains(mark), "{mark}");
        }
    }
    // Markdown: a footnote-style id on the citing card, a row per entry, the
    // stage's own citation with the stage.
    assert!(md.contains("\n## Evidence\n"));
    assert!(md.contains("*Doing and thinking:* ◐ research \\[obs-setup\\]"));
    assert!(md.contains("| \\[int-03\\] | interview | P3, studio manager"));
    assert!(
        md.contains("[research/interviews/2026-03-p3.md](<research/interviews/2026-03-p3.md>)")
    );
    // HTML: a linked row per entry with its row heading, a legend, a tooltip.
    let doc = roxmltree::Document::parse_with_options(&html, xml_options()).unwrap();
    for e in &m.evidence {
        let id = format!("[{}]", e.id);
        assert!(
            md.contains(&id.replace('[', "\\[").replace(']', "\\]")),
            "{id}"
        );
        assert!(svg.contains(&id), "{id}");
        let row = doc
            .descendants()
            .find(|n| n.attribute("id") == Some(&format!("ev-{}", e.id)))
            .unwrap_or_else(|| panic!("no row for {}", e.id));
        let th = row.children().find(|n| n.has_tag_name("th")).unwrap();
        assert_eq!(th.attribute("scope"), Some("row"));
        let text: String = row.descendants().filter_map(|n| n.text()).collect();
        assert!(
            text.contains(&e.text) && text.contains(e.source.label()),
            "{text}"
        );
        if !m.cited_by(&e.id).is_empty() {
            assert!(html.contains(&format!("<a href=\"#ev-{0}\">[{0}]</a>", e.id)));
        }
    }
    assert!(html.contains("title=\"research: cites interviews"));
    assert!(html.contains(
        "Confidence: <span aria-hidden=\"true\">?</span> assumption (cites no evidence)"
    ));
    assert!(html.contains("<a href=\"https://analytics.example.com/dashboards/import-funnel\">"));
    // SVG: the description says what the marks are.
    let desc = roxmltree::Document::parse_with_options(&svg, xml_options())
        .unwrap()
        .descendants()
        .find(|n| n.has_tag_name("desc"))
        .and_then(|n| n.text().map(str::to_string))
        .unwrap();
    assert!(
        desc.contains("confidence (? assumption, ◐ research, ● measured)"),
        "{desc}"
    );
    assert!(desc.contains("8 pieces of evidence"), "{desc}");
}

#[test]
fn an_evidence_link_that_is_not_a_web_mail_or_file_address_stays_text() {
    let mut m = saas_trial();
    m.evidence[0].link = "javascript:alert(1)".into();
    let html = String::from_utf8(export::export(&m, Format::Html)).unwrap();
    check_markup(&m, Format::Html, &html);
    assert!(html.contains("<td>javascript:alert(1)</td>"));
    let md = String::from_utf8(export::export(&m, Format::Markdown)).unwrap();
    assert!(!md.contains("(<javascript"));
}

#[test]
fn a_map_without_evidence_shows_no_confidence_in_any_drawn_export() {
    for m in [common::golden(), common::hostile()] {
        for (f, out) in exports(&m) {
            for mark in ["◐", "● measured", "? assumption", "Doing and thinking"] {
                assert!(!out.contains(mark), "{f:?} shows {mark}");
            }
        }
    }
}

#[test]
fn hostile_evidence_text_stays_inert_text_in_every_drawn_export() {
    let mut m = saas_trial();
    let nasty = "</td><script>x</script> | ]( [x](javascript:1) \u{1b}[2J \u{202e} & \"'";
    for e in &mut m.evidence {
        e.text = nasty.into();
        e.from = nasty.into();
        e.link = format!("https://x.example/{nasty}");
    }
    for f in [Format::Html, Format::Svg] {
        let out = String::from_utf8(export::export(&m, f)).unwrap();
        check_markup(&m, f, &out);
    }
    let md = String::from_utf8(export::export(&m, Format::Markdown)).unwrap();
    assert!(!md.contains('\u{1b}') && !md.contains('\u{202e}'));
    assert!(!md.replace("\\<", "").contains("<script"));
    // Each evidence row keeps its six cells: no unescaped `|` from the text.
    for line in md.lines().filter(|l| l.starts_with("| \\[")) {
        let cells = line.replace("\\|", "").matches('|').count();
        assert_eq!(cells, 7, "{line}");
    }
}

// ------------------------------------------------ blueprint and custom lanes

/// The text of an HTML or SVG export, whitespace squeezed.
fn markup_text(out: &str) -> String {
    roxmltree::Document::parse_with_options(out, xml_options())
        .unwrap()
        .descendants()
        .filter(|n| n.is_text())
        .map(|n| n.text().unwrap_or(""))
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn drawn_exports_show_a_blueprint_s_lanes_in_order_with_its_lines_between_them() {
    let m = hotel_blueprint();
    let titles: Vec<String> = m.lane_sequence().iter().map(|l| m.lane_title(*l)).collect();
    let lines = [
        (
            "line of interaction",
            "Customer actions",
            "Frontstage (front desk, concierge)",
        ),
        (
            "line of visibility",
            "Frontstage (front desk, concierge)",
            "Backstage (housekeeping, night audit)",
        ),
        (
            "line of internal interaction",
            "Backstage (housekeeping, night audit)",
            "Support processes (systems, suppliers)",
        ),
    ];
    let md = export::markdown::export(&m);
    let html = export::html::export(&m);
    let svg = export::svg::export(&m);
    check_markup(&m, Format::Html, &html);
    check_markup(&m, Format::Svg, &svg);
    // The SVG wraps a long lane heading in small capitals: compare its words.
    let words = |s: &str| {
        s.to_uppercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    // From the grid's lanes on: the stage headings say "Doing and thinking".
    let svg_text = words(&markup_text(&svg));
    let svg_text = svg_text
        .rsplit_once("EMOTION CURVE")
        .map(|(_, grid)| grid.to_string())
        .unwrap();
    for (name, text) in [
        ("markdown", md.clone()),
        ("html", markup_text(&html)),
        ("svg", svg_text),
    ] {
        let find = |t: &str| {
            let t = if name == "svg" {
                words(t)
            } else {
                t.to_string()
            };
            text.find(&t)
                .unwrap_or_else(|| panic!("{name} misses {t:?}"))
        };
        // Every lane, in the map's order (the stages' first, "Physical
        // evidence", comes before the journey lanes in every stage).
        let at: Vec<usize> = titles.iter().map(|t| find(t)).collect();
        assert!(
            at.windows(2).all(|w| w[0] < w[1]),
            "{name}: lanes out of order {at:?} {titles:?}"
        );
        for (line, above, below) in lines {
            let l = find(line);
            assert!(
                find(above) < l && l < find(below),
                "{name}: {line} misplaced"
            );
        }
        if name != "svg" {
            find("Marta Silva");
        }
        // An owned item with its owner, channel and the action it serves.
        for t in [
            "Receptionist checks the guest in and offers to store the luggage",
            "Front desk",
            "In person",
            "Checks in at the front desk",
            "The first five minutes at the desk decide the review",
        ] {
            find(t);
        }
    }
    assert!(
        md.contains("*┄┄┄ line of visibility ┄┄┄*\n\n**Backstage (housekeeping, night audit)**")
    );
    assert!(md.contains(
        "- Receptionist checks the guest in and offers to store the luggage — **Front desk** *(In person)* — serves: Checks in at the front desk"
    ));
    assert!(
        md.contains("**Moments of truth:** —"),
        "an empty custom lane"
    );
    assert!(!md.contains("**Doing"), "Doing is retitled");
    assert!(html.contains(
        "<tr class=\"bp-line\"><td colspan=\"5\"><span>line of visibility</span></td></tr>"
    ));
    assert!(html.contains("<span class=\"note\">Owner: Front desk</span><span class=\"note\">Serves: Checks in at the front desk</span>"));
    // The three lines, in the accent colour (Jonas's curve is dashed too).
    assert_eq!(
        svg.matches("stroke=\"#2f5d8a\" stroke-width=\"2\" stroke-dasharray=\"8 5\"")
            .count(),
        3
    );
    assert!(svg.contains(">Marta Silva<"));
}

#[test]
fn maps_without_lanes_draw_no_blueprint_line() {
    for m in [common::golden(), common::hostile(), saas_trial()] {
        assert!(!m.has_lanes());
        for (f, out) in exports(&m) {
            for t in ["line of interaction", "bp-line", "stroke-dasharray=\"8 5\""] {
                assert!(!out.contains(t), "{f:?} shows {t}");
            }
        }
    }
}

#[test]
fn a_lane_title_of_hostile_text_stays_inert_in_every_drawn_export() {
    let mut m = hotel_blueprint();
    let nasty = "</th><script>x</script> **bold** | \u{1b}[2J \u{202e} & \"'";
    let lane = m.lane_by_id("moments").unwrap();
    assert!(m.rename_lane(lane, nasty));
    for f in [Format::Html, Format::Svg] {
        let out = String::from_utf8(export::export(&m, f)).unwrap();
        check_markup(&m, f, &out);
        assert!(!out.contains("<script>"), "{f:?}");
    }
    let md = export::markdown::export(&m);
    assert!(md.contains("\\*\\*bold\\*\\* \\|"), "{md}");
    assert!(!md.contains('\u{1b}'));
}

// ---------------------------------------------------------------- several personas

/// The text of every `<text>` element of an SVG, joined: the poster wraps
/// long names over several elements.
fn svg_text(svg: &str) -> String {
    svg.split("<text ")
        .skip(1)
        .filter_map(|t| t.split_once('>').map(|(_, rest)| rest))
        .filter_map(|t| t.split_once("</text>").map(|(inner, _)| inner))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn drawn_exports_name_every_persona_and_lane_and_whose_each_item_is() {
    let map = hotel_blueprint();
    assert_eq!(map.persona_count(), 2);
    let md = export::markdown::export(&map);
    let html = export::html::export(&map);
    let svg = export::svg::export(&map);
    let svg_words = svg_text(&svg);
    for (name, text) in [("markdown", &md), ("html", &html), ("svg", &svg_words)] {
        for p in map.personas() {
            assert!(text.contains(&p.name), "{name}: {}", p.name);
            let role_start: String = p.role.chars().take(20).collect();
            assert!(text.contains(&role_start), "{name}: {}", p.role);
        }
        for lane in map.lane_sequence() {
            let title = map.lane_title(lane);
            let first = title.split(' ').next().unwrap();
            assert!(
                text.to_lowercase().contains(&first.to_lowercase()),
                "{name}: lane {title}"
            );
        }
        // An item of one persona says so; an emotion says whose it is.
        assert!(text.contains("Jonas Weber only"), "{name}");
        assert!(text.contains("Jonas Weber:"), "{name}");
        // The legend names each curve's marker and line in words.
        assert!(text.contains("square, dashed line"), "{name}");
        assert!(text.contains("circle, solid line"), "{name}");
    }
    assert!(md.contains("## Emotion curves"));
    assert!(
        md.contains("| Stage | ● Marta Silva | ■ Jonas Weber |"),
        "{md}"
    );
    assert!(html.contains("Mean emotion: Jonas Weber"));
    // The SVG's description reads each persona's curve in words.
    assert!(
        svg.contains("one per persona. Marta Silva: Booking 4.0"),
        "{svg}"
    );
}

#[test]
fn each_persona_s_curve_has_its_own_line_style_marker_and_colour() {
    let map = hotel_blueprint();
    let svg = export::svg::export(&map);
    let html = export::html::export(&map);
    let ink = cjm::export::palette::persona(0);
    let blue = cjm::export::palette::persona(1);
    assert_ne!(ink, blue);
    for (name, doc) in [("svg", &svg), ("html", &html)] {
        // Marta's curve: solid, in ink; Jonas's: dashed, in blue.
        assert!(
            doc.contains(&format!("stroke=\"{ink}\" stroke-width=\"3\"/>")),
            "{name}: a solid curve in ink"
        );
        assert!(
            doc.contains(&format!(
                "stroke=\"{blue}\" stroke-width=\"3\" stroke-dasharray=\"8 5\"/>"
            )),
            "{name}: a dashed curve in blue"
        );
        // Marta's points are circles, Jonas's squares.
        assert!(
            doc.contains(&format!("fill=\"{ink}\" stroke=\"#ffffff\"")),
            "{name}"
        );
        assert!(
            doc.contains("<rect") && doc.contains(&format!("fill=\"{blue}\" stroke=\"#ffffff\"")),
            "{name}"
        );
    }
    // One point per persona per stage where she has an emotion, each with
    // her name in its tooltip.
    let tips = svg.matches("<title>Jonas Weber: ").count();
    let jonas_points = map.curves()[1].2.iter().flatten().count();
    assert_eq!(tips, jonas_points);
    assert!(jonas_points >= 3);
    // The drawn SVG is still one that the PDF and PNG renderer reads.
    cjm::export::raster::tree(svg.as_bytes()).unwrap();
}

#[test]
fn one_persona_s_journey_exports_as_a_map_of_one() {
    let out = common::cjm()
        .args(["export", "--format", "json", "--persona", "jonas"])
        .arg(common::root().join("maps/hotel-blueprint.ron"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["persona"]["name"], "Jonas Weber");
    assert!(v.get("other_personas").is_none());
    assert_eq!(v["format"], 6, "a map of one persona needs no format 7");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("corporate rate is missing"));
    assert!(text.contains("Indifferent: the travel desk books it"));
    assert!(!text.contains("\"Hopeful\""), "Marta's emotion is left out");
    // The drawn exports then show one curve, as any map of one persona.
    let out = common::cjm()
        .args(["export", "--format", "svg", "--persona", "Jonas"])
        .arg(common::root().join("maps/hotel-blueprint.ron"))
        .output()
        .unwrap();
    let svg = String::from_utf8_lossy(&out.stdout);
    assert!(svg.contains("for the persona Jonas Weber."));
    assert!(!svg.contains("Marta Silva"));
    assert!(!svg.contains("EMOTION CURVES"));

    let out = common::cjm()
        .args(["export", "--format", "markdown", "--persona", "ola"])
        .arg(common::root().join("maps/hotel-blueprint.ron"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "no persona `ola` in this map; it has Marta Silva (marta), Jonas Weber (jonas)"
        ),
        "{err}"
    );
}

#[test]
fn the_json_of_several_personas_carries_them_all_and_the_schema_checks_them() {
    let map = hotel_blueprint();
    let v: Value = serde_json::from_str(&export::json::export(&map)).unwrap();
    assert_eq!(v["format"], 7);
    assert_eq!(v["persona"]["id"], "marta");
    assert_eq!(v["other_personas"][0]["id"], "jonas");
    assert_eq!(v["other_personas"][0]["name"], "Jonas Weber");
    assert_eq!(v["stages"][0]["emotions"][1]["persona"], "jonas");
    assert!(v["stages"][0]["emotions"][0].get("persona").is_none());
    assert_eq!(v["stages"][0]["pain_points"][1]["personas"][0], "jonas");
    let out = common::cjm().arg("schema").output().unwrap();
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(validate(&schema, &schema, &v, "$").is_empty());
    let mut bad = v.clone();
    bad["other_personas"][0]["id"] = "Not A Slug".into();
    bad["stages"][0]["emotions"][1]["persona"] = "Jonas!".into();
    bad["stages"][0]["pain_points"][1]["personas"][0] = "Jonas Weber".into();
    assert_eq!(validate(&schema, &schema, &bad, "$").len(), 3);
}

#[test]
fn mermaid_gives_each_persona_her_own_task_scored_by_her_emotion() {
    let map = hotel_blueprint();
    let m = export::mermaid::export(&map);
    // Booking: Marta feels 4, Jonas 3; the travel tool is Jonas's only.
    assert!(
        m.contains("Hotel website<br>booking engine: 4: Marta Silva\n"),
        "{m}"
    );
    assert!(
        m.contains("Hotel website<br>booking engine: 3: Jonas Weber\n"),
        "{m}"
    );
    assert!(
        m.contains("Company travel<br>booking tool: 3: Jonas Weber\n"),
        "{m}"
    );
    assert!(!m.contains("booking tool: 4: Marta Silva"), "{m}");
}
