//! What the integration tests share: the golden map, a map full of hostile text,
//! generators of valid maps (with any Unicode, or with text as hostile as the
//! format allows: quotes, markup, Mermaid and CSV syntax, control characters, bidi
//! marks, emoji, formula starts), and the one-time setup of external tools.
//! Each test binary uses part of it.
#![allow(dead_code)]

pub mod bin;
pub mod chromium;
pub mod folders;
pub mod keys;
pub mod pty;
pub mod screen;
pub mod tools;

#[allow(unused_imports)]
pub use bin::cjm;

use std::path::{Path, PathBuf};

use cjm::format;
use cjm::model::*;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every map file of `maps/` and `tests/data/` that loads and is written in a
/// format below `version`: its path, its text and the map. The format tests
/// check that these keep their bytes when a newer format arrives.
pub fn maps_below(version: u64) -> Vec<(PathBuf, String, JourneyMap)> {
    let mut out = Vec::new();
    for dir in ["maps", "tests/data"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "ron") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let Ok(loaded) = format::load_str(&text) else {
                continue;
            };
            if loaded.map.format_version() < version {
                out.push((path, text, loaded.map));
            }
        }
    }
    out
}

pub fn golden() -> JourneyMap {
    let bytes = std::fs::read(root().join("tests/data/design-example.ron")).unwrap();
    format::load(&bytes).unwrap().map
}

/// Pieces that break one format or another.
const HOSTILE: &[&str] = &[
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
fn text() -> impl Strategy<Value = String> {
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
fn opt_text() -> impl Strategy<Value = String> {
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

fn stage() -> impl Strategy<Value = Stage> {
    stage_with(text().boxed(), opt_text().boxed(), number().boxed())
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
                    other_personas: Vec::new(),
                    lanes: Vec::new(),
                    title,
                    summary,
                    framework,
                    objectives,
                    persona: Persona {
                        id: String::new(),
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
                    evidence: Vec::new(),
                    conflicts: Vec::new(),
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
                personas: Vec::new(),
                name: name.clone(),
                channel: (*piece).to_string(),
                note: (*piece).to_string(),
                evidence: Vec::new(),
            },
            Touchpoint {
                personas: Vec::new(),
                name: format!("{name} and {name}"),
                channel: format!("{piece}, {piece}"),
                note: String::new(),
                evidence: Vec::new(),
            },
        ];
        if i % 3 != 0 {
            s.emotions = vec![Emotion {
                persona: String::new(),
                score: (i % 5) as i64 + 1,
                label: name.clone(),
                note: (*piece).to_string(),
                evidence: Vec::new(),
            }];
        }
        s.pain_points = vec![PainPoint {
            personas: Vec::new(),
            text: name.clone(),
            severity: Level::High,
            // Votes in the exports too: dots, and a count past the most dots.
            votes: (i % 4) as u32,
            evidence: Vec::new(),
        }];
        s.optimizations = vec![Optimization {
            personas: Vec::new(),
            text: name.clone(),
            owner: (*piece).to_string(),
            priority: Level::Low,
            status: Status::InProgress,
            votes: if i % 2 == 0 { 0 } else { 12 },
            impact: None,
            effort: None,
            evidence: Vec::new(),
        }];
        s.metrics = vec![Metric {
            personas: Vec::new(),
            name,
            current: Some(-1.5),
            target: Some(1e21),
            unit: (*piece).to_string(),
            evidence: Vec::new(),
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

// ------------------------------------------------ maps with any Unicode text

/// Any Unicode, control and bidi characters included.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z '\"\\\\\n\t\r\u{1b}\u{7f}\u{85}\u{202e}\u{2066}é🎉漢\u{301}]{0,12}",
    ]
}

/// Text that validation accepts where a value is required (not blank).
pub fn required_text() -> impl Strategy<Value = String> {
    any_text().prop_map(|s| format!("x{s}"))
}

fn any_number() -> impl Strategy<Value = Option<f64>> {
    proptest::option::of(any::<f64>().prop_filter("finite", |v| v.is_finite()))
}

fn level() -> impl Strategy<Value = Level> {
    prop::sample::select(Level::ALL.to_vec())
}

fn status() -> impl Strategy<Value = Status> {
    prop::sample::select(Status::ALL.to_vec())
}

fn unicode_stage() -> impl Strategy<Value = Stage> {
    stage_with(
        required_text().boxed(),
        any_text().boxed(),
        any_number().boxed(),
    )
}

/// A valid stage (id left empty for the caller) from strategies for required
/// text, optional text and optional numbers, so each suite can choose how
/// hostile its text is.
fn stage_with(
    required: BoxedStrategy<String>,
    optional: BoxedStrategy<String>,
    number: BoxedStrategy<Option<f64>>,
) -> impl Strategy<Value = Stage> {
    let (r, o, n) = (required, optional, number);
    (
        (
            r.clone(),
            o.clone(),
            vec(r.clone(), 0..3),
            vec(r.clone(), 0..3),
        ),
        vec((r.clone(), o.clone(), o.clone()), 0..3),
        vec((1i64..=5, r.clone(), o.clone()), 0..3),
        vec((r.clone(), level(), votes()), 0..3),
        vec((r.clone(), o.clone(), level(), status(), votes()), 0..3),
        vec((r, n.clone(), n, o), 0..3),
    )
        .prop_map(
            |((name, goal, actions, thoughts), tps, ems, pains, opts, mets)| Stage {
                id: String::new(),
                extra: Default::default(),
                name,
                goal,
                actions,
                thoughts,
                touchpoints: tps
                    .into_iter()
                    .map(|(name, channel, note)| Touchpoint {
                        personas: Vec::new(),
                        name,
                        channel,
                        note,
                        evidence: Vec::new(),
                    })
                    .collect(),
                emotions: ems
                    .into_iter()
                    .map(|(score, label, note)| Emotion {
                        persona: String::new(),
                        score,
                        label,
                        note,
                        evidence: Vec::new(),
                    })
                    .collect(),
                pain_points: pains
                    .into_iter()
                    .map(|(text, severity, votes)| PainPoint {
                        personas: Vec::new(),
                        text,
                        severity,
                        votes,
                        evidence: Vec::new(),
                    })
                    .collect(),
                optimizations: opts
                    .into_iter()
                    .map(|(text, owner, priority, status, votes)| Optimization {
                        personas: Vec::new(),
                        text,
                        owner,
                        priority,
                        status,
                        votes,
                        impact: None,
                        effort: None,
                        evidence: Vec::new(),
                    })
                    .collect(),
                metrics: mets
                    .into_iter()
                    .map(|(name, current, target, unit)| Metric {
                        personas: Vec::new(),
                        name,
                        current,
                        target,
                        unit,
                        evidence: Vec::new(),
                    })
                    .collect(),
                evidence: Vec::new(),
            },
        )
}

/// Votes: mostly none, so that generated maps come in both formats (a map is
/// format 2 only when an item carries votes), sometimes a few, sometimes the most
/// the format holds.
pub fn votes() -> impl Strategy<Value = u32> {
    prop_oneof![
        8 => Just(0u32),
        2 => 1u32..12,
        1 => Just(u32::MAX),
    ]
}

fn unicode_persona() -> impl Strategy<Value = Persona> {
    (
        (required_text(), any_text(), any_text(), any_text()),
        (
            vec(required_text(), 0..3),
            vec(required_text(), 0..3),
            vec(required_text(), 0..2),
            vec(required_text(), 0..2),
        ),
        vec((required_text(), any_text()), 0..3),
    )
        .prop_map(
            |((name, role, quote, summary), (goals, needs, frustrations, behaviors), traits)| {
                Persona {
                    id: String::new(),
                    name,
                    role,
                    quote,
                    summary,
                    goals,
                    needs,
                    frustrations,
                    behaviors,
                    traits,
                }
            },
        )
}

/// A valid map with any Unicode text: unique slug ids, scores 1–5, no blank
/// required text.
pub fn unicode_map() -> impl Strategy<Value = JourneyMap> {
    (
        (
            required_text(),
            any_text(),
            any_text(),
            vec(required_text(), 0..3),
        ),
        unicode_persona(),
        vec(unicode_stage(), 0..5),
    )
        .prop_map(
            |((title, summary, framework, objectives), persona, mut stages)| {
                for (i, s) in stages.iter_mut().enumerate() {
                    s.id = format!("{}-{i}", slugify(&s.name));
                }
                JourneyMap {
                    other_personas: Vec::new(),
                    lanes: Vec::new(),
                    title,
                    summary,
                    framework,
                    objectives,
                    persona,
                    stages,
                    evidence: Vec::new(),
                    conflicts: Vec::new(),
                }
            },
        )
}
