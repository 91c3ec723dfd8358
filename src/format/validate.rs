//! The rules of docs/format.md (#validation-errors, #lints): errors make a map invalid; warnings are lints that
//! `cjm check` reports but that never block a save. Both work on the model alone,
//! so the editor and the importers get the same answers as the file reader.

use std::collections::HashSet;

use serde::Serialize;

use crate::model::{JourneyMap, Lane, Path, is_slug, item_noun, slugify};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable name for the rule, for `--format json` and for people searching docs.
    pub code: &'static str,
    pub path: Path,
    pub message: String,
}

impl Diagnostic {
    fn error(code: &'static str, path: Path, message: String) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code,
            path,
            message,
        }
    }

    fn warning(code: &'static str, path: Path, message: String) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            code,
            path,
            message,
        }
    }
}

/// Every error and warning of the map, errors first, each in file order.
pub fn diagnostics(map: &JourneyMap) -> Vec<Diagnostic> {
    let mut out = errors(map);
    out.extend(lints(map));
    out
}

/// The rules a valid map keeps.
pub fn errors(map: &JourneyMap) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut empty = |path: Path, what: String| {
        out.push(Diagnostic::error(
            "empty-text",
            path,
            format!("{what} is empty"),
        ));
    };
    if map.title.trim().is_empty() {
        empty(Path::MapField("title"), "the title".into());
    }
    for (i, o) in map.objectives.iter().enumerate() {
        if o.trim().is_empty() {
            empty(Path::Objective(i), format!("objective {}", i + 1));
        }
    }
    let p = &map.persona;
    if p.name.trim().is_empty() {
        empty(Path::PersonaField("name"), "the persona's name".into());
    }
    for (key, items) in [
        ("goals", &p.goals),
        ("needs", &p.needs),
        ("frustrations", &p.frustrations),
        ("behaviors", &p.behaviors),
    ] {
        for (i, t) in items.iter().enumerate() {
            if t.trim().is_empty() {
                empty(
                    Path::PersonaItem(key, i),
                    format!("persona {key} {}", i + 1),
                );
            }
        }
    }
    for (i, (label, _)) in p.traits.iter().enumerate() {
        if label.trim().is_empty() {
            empty(
                Path::PersonaItem("traits", i),
                format!("the label of persona trait {}", i + 1),
            );
        }
    }
    let mut seen_ids = HashSet::new();
    for (s, stage) in map.stages.iter().enumerate() {
        let id_path = Path::StageField(s, "id");
        if !is_slug(&stage.id) {
            out.push(Diagnostic::error(
                "bad-id",
                id_path,
                format!(
                    "stage id `{}` is not a slug (lowercase letters, digits and `-`); try `{}`",
                    stage.id,
                    slugify(&stage.id)
                ),
            ));
        } else if !seen_ids.insert(stage.id.as_str()) {
            out.push(Diagnostic::error(
                "duplicate-id",
                id_path,
                format!("stage id `{}` is used by an earlier stage too", stage.id),
            ));
        }
        if stage.name.trim().is_empty() {
            out.push(Diagnostic::error(
                "empty-text",
                Path::StageField(s, "name"),
                format!("the name of stage {} is empty", s + 1),
            ));
        }
        for lane in Lane::ALL {
            let key = match lane {
                Lane::Touchpoints | Lane::Metrics => "name",
                Lane::Emotions => "label",
                Lane::PainPoints | Lane::Optimizations => "text",
                Lane::Actions | Lane::Thoughts => "",
            };
            for (i, t) in stage.lane_texts(lane).iter().enumerate() {
                if t.trim().is_empty() {
                    let path = if key.is_empty() {
                        Path::Item(s, lane, i)
                    } else {
                        Path::ItemField(s, lane, i, key)
                    };
                    out.push(Diagnostic::error(
                        "empty-text",
                        path,
                        format!(
                            "{} {} of stage `{}` has no {}",
                            item_noun(lane),
                            i + 1,
                            stage.id,
                            if key.is_empty() { "text" } else { key }
                        ),
                    ));
                }
            }
        }
        for (i, e) in stage.emotions.iter().enumerate() {
            if !(1..=5).contains(&e.score) {
                out.push(Diagnostic::error(
                    "score-range",
                    Path::ItemField(s, Lane::Emotions, i, "score"),
                    format!(
                        "emotion score {} is outside 1–5 (1 very negative, 3 neutral, 5 very positive)",
                        e.score
                    ),
                ));
            }
        }
        for (i, m) in stage.metrics.iter().enumerate() {
            for (key, v) in [("current", m.current), ("target", m.target)] {
                if v.is_some_and(|v| !v.is_finite()) {
                    out.push(Diagnostic::error(
                        "bad-number",
                        Path::ItemField(s, Lane::Metrics, i, key),
                        format!("KPI `{}` has a {key} that is not a finite number", m.name),
                    ));
                }
            }
        }
    }
    out
}

/// The lints: signs of an unfinished map, never a reason to refuse it.
pub fn lints(map: &JourneyMap) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (s, stage) in map.stages.iter().enumerate() {
        let id = &stage.id;
        if stage.touchpoints.is_empty() {
            out.push(Diagnostic::warning(
                "no-touchpoints",
                Path::Stage(s),
                format!("stage `{id}` has no touchpoints"),
            ));
        }
        if stage.emotions.is_empty() {
            out.push(Diagnostic::warning(
                "no-emotions",
                Path::Stage(s),
                format!("stage `{id}` has no emotions (a gap in the emotion curve)"),
            ));
        }
        if stage.optimizations.is_empty() {
            for (i, p) in stage.pain_points.iter().enumerate() {
                out.push(Diagnostic::warning(
                    "unaddressed-pain-point",
                    Path::Item(s, Lane::PainPoints, i),
                    format!(
                        "pain point \"{}\" in stage `{id}` has no optimization in its stage",
                        p.text
                    ),
                ));
            }
        }
        for (i, o) in stage.optimizations.iter().enumerate() {
            if o.owner.trim().is_empty() {
                out.push(Diagnostic::warning(
                    "no-owner",
                    Path::Item(s, Lane::Optimizations, i),
                    format!("optimization \"{}\" in stage `{id}` has no owner", o.text),
                ));
            }
        }
        for lane in Lane::ALL {
            let mut seen = HashSet::new();
            for (i, t) in stage.lane_texts(lane).iter().enumerate() {
                if !t.trim().is_empty() && !seen.insert(t.trim()) {
                    out.push(Diagnostic::warning(
                        "duplicate-item",
                        Path::Item(s, lane, i),
                        format!(
                            "\"{t}\" appears twice in {} of stage `{id}`",
                            lane.title().to_lowercase()
                        ),
                    ));
                }
            }
        }
        for (i, m) in stage.metrics.iter().enumerate() {
            if m.target.is_some() && m.current.is_none() {
                out.push(Diagnostic::warning(
                    "target-without-current",
                    Path::Item(s, Lane::Metrics, i),
                    format!(
                        "KPI \"{}\" in stage `{id}` has a target but no current value",
                        m.name
                    ),
                ));
            }
        }
    }
    out
}
