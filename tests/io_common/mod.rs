//! Shared by the export and import tests: the golden map, a map full of hostile
//! text, and a generator of valid maps whose text is as hostile as the format
//! allows (quotes, markup, Mermaid and CSV syntax, control characters, bidi
//! marks, emoji, formula starts).
#![allow(dead_code)]

#[path = "../common/mod.rs"]
mod base;

use std::path::{Path, PathBuf};

use cjm::format;
use cjm::model::*;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn golden() -> JourneyMap {
    let bytes = std::fs::read(root().join("tests/data/design-example.ron")).unwrap();
    format::load(&bytes).unwrap().map
}

/// Pieces that break one format or another.
pub const HOSTILE: &[&str] = &[
    "plain",
    "Word",
    ":",
    "a: b",
    "#",
    "#1",
    ";",
    "%",
    "%%",
    "%%{init: {\"theme\":\"dark\"}}%%",
    "\"",
    "'",
    "''",
    "\n",
    "\r\n",
    "\t",
    "\u{1b}[2J",
    "\u{1b}]0;pwned\u{7}",
    "\u{0}",
    "\u{7f}",
    "\u{85}",
    "\u{202e}",
    "\u{2066}",
    "\u{feff}",
    "\u{a0}",
    "\u{2028}",
    "\u{200b}",
    "\u{fffe}",
    "🎉",
    "👩‍👩‍👧",
    "漢字",
    "e\u{301}",
    "<script>alert(1)</script>",
    "<b>",
    "&amp;",
    "&",
    "]]>",
    "<!--",
    "=1+1",
    "=HYPERLINK(\"http://x\")",
    "+",
    "-",
    "@SUM(A1)",
    "title ",
    "section ",
    "journey",
    "accDescr {",
    "accTitle: x",
    ",",
    "`",
    "```",
    "|",
    "*",
    "_",
    "[x](y)",
    "\\",
    "{",
    "}",
    " ",
    "1. ",
    "> ",
    "$x$",
];

/// Text made of hostile pieces, never blank (required texts must not be).
pub fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(HOSTILE), 1..5).prop_map(|v| {
        let s = v.concat();
        if s.trim().is_empty() {
            format!("x{s}")
        } else {
            s
        }
    })
}

/// Any text, blank included, for optional fields.
pub fn opt_text() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), text()]
}

fn texts(max: usize) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), 0..max)
}

fn number() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![
        Just(None),
        prop::num::f64::NORMAL.prop_map(Some),
        (-1000i32..1000).prop_map(|v| Some(f64::from(v) / 10.0)),
        Just(Some(0.0)),
    ]
}

fn level() -> impl Strategy<Value = Level> {
    prop::sample::select(Level::ALL.to_vec())
}

fn stage() -> impl Strategy<Value = Stage> {
    base::stage_with(text().boxed(), opt_text().boxed(), number().boxed())
}

/// Valid maps (`format::errors` is empty) with hostile text everywhere.
pub fn map() -> impl Strategy<Value = JourneyMap> {
    (
        (text(), opt_text(), opt_text(), texts(3)),
        (text(), opt_text(), opt_text(), opt_text()),
        (texts(2), texts(2), texts(2), texts(2)),
        prop::collection::vec((text(), opt_text()), 0..3),
        prop::collection::vec(stage(), 0..6),
    )
        .prop_map(
            |(
                (title, summary, framework, objectives),
                (name, role, quote, psum),
                lists,
                traits,
                stages,
            )| {
                let mut m = JourneyMap {
                    title,
                    summary,
                    framework,
                    objectives,
                    persona: Persona {
                        name,
                        role,
                        quote,
                        summary: psum,
                        goals: lists.0,
                        needs: lists.1,
                        frustrations: lists.2,
                        behaviors: lists.3,
                        traits,
                    },
                    stages: Vec::new(),
                };
                for mut s in stages {
                    let taken: Vec<String> = m.stages.iter().map(|s| s.id.clone()).collect();
                    s.id = unique_slug(&s.name, |x| taken.iter().any(|t| t == x));
                    m.stages.push(s);
                }
                assert!(format::errors(&m).is_empty(), "{:?}", format::errors(&m));
                m
            },
        )
}

/// `n` generated maps, the same on every run.
pub fn sample(n: usize) -> Vec<JourneyMap> {
    let mut runner = TestRunner::deterministic();
    let strategy = map();
    (0..n)
        .map(|_| strategy.new_tree(&mut runner).unwrap().current())
        .collect()
}

/// One map that holds every hostile piece in every kind of field, one stage per
/// piece (so each piece is also a whole stage name, task and channel).
pub fn hostile() -> JourneyMap {
    let mut m = JourneyMap::new(
        "Hostile: <script>alert(1)</script> & \"q\" # ; %%{init}%% \u{1b}[2J",
        "Eve <b>&amp;</b>",
    );
    m.summary = HOSTILE.concat();
    m.objectives = HOSTILE.iter().map(|s| format!("{s}obj")).collect();
    m.persona.quote = "\"'<>&\n\u{1b}".into();
    m.persona.traits = vec![("=cmd".into(), "-1".into()), ("'q".into(), "@x".into())];
    for (i, piece) in HOSTILE.iter().enumerate() {
        let name = if piece.trim().is_empty() {
            format!("x{piece}")
        } else {
            (*piece).to_string()
        };
        let mut s = Stage::named(&name);
        s.id = format!("s{i}");
        s.goal = format!("{piece}goal");
        s.actions = vec![name.clone(), format!("{piece}{piece}!")];
        s.touchpoints = vec![
            Touchpoint {
                name: name.clone(),
                channel: (*piece).to_string(),
                note: (*piece).to_string(),
            },
            Touchpoint {
                name: format!("{name} and {name}"),
                channel: format!("{piece}, {piece}"),
                note: String::new(),
            },
        ];
        if i % 3 != 0 {
            s.emotions = vec![Emotion {
                score: (i % 5) as i64 + 1,
                label: name.clone(),
                note: (*piece).to_string(),
            }];
        }
        s.pain_points = vec![PainPoint {
            text: name.clone(),
            severity: Level::High,
        }];
        s.optimizations = vec![Optimization {
            text: name.clone(),
            owner: (*piece).to_string(),
            priority: Level::Low,
            status: Status::InProgress,
        }];
        s.metrics = vec![Metric {
            name,
            current: Some(-1.5),
            target: Some(1e21),
            unit: (*piece).to_string(),
        }];
        m.stages.push(s);
    }
    assert!(format::errors(&m).is_empty(), "{:?}", format::errors(&m));
    m
}

/// Writes `text` to a fresh file in `dir`.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}
