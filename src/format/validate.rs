//! The rules of docs/format.md (#validation-errors, #lints): errors make a map invalid; warnings are lints that
//! `cjm check` reports but that never block a save. Both work on the model alone,
//! so the editor and the importers get the same answers as the file reader.

use foldhash::{HashSet, HashSetExt};

use serde::Serialize;

use crate::model::{
    JourneyMap, Lane, LaneKind, Level, Path, RATING_RANGE, is_calendar_date, is_slug, item_noun,
    slugify,
};

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

/// What `cjm check` does with a rule's findings: `cjm.ron` sets it per rule
/// (docs/format.md#lints).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Allow,
    Warn,
    Deny,
}

impl RuleLevel {
    pub const NAMES: [&'static str; 3] = ["allow", "warn", "deny"];

    pub fn name(self) -> &'static str {
        match self {
            RuleLevel::Allow => "allow",
            RuleLevel::Warn => "warn",
            RuleLevel::Deny => "deny",
        }
    }

    pub fn from_name(name: &str) -> Option<RuleLevel> {
        match name {
            "allow" => Some(RuleLevel::Allow),
            "warn" => Some(RuleLevel::Warn),
            "deny" => Some(RuleLevel::Deny),
            _ => None,
        }
    }
}

/// One rule: its stable id (never renamed: `cjm.ron` files, CI logs and SARIF
/// baselines refer to it), whether breaking it makes a map invalid, its level
/// when no `cjm.ron` says otherwise, and why it exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub id: &'static str,
    /// A validation error: the map is refused by every reader, so no `cjm.ron`
    /// can lower it below `deny`.
    pub invalidates: bool,
    /// Always `deny`, whatever a `cjm.ron` says: validation errors, and recorded
    /// merge conflicts (a map that still holds one is not done, though it loads).
    pub fixed: bool,
    pub default: RuleLevel,
    pub rationale: &'static str,
}

const fn error_rule(id: &'static str, rationale: &'static str) -> Rule {
    Rule {
        id,
        invalidates: true,
        fixed: true,
        default: RuleLevel::Deny,
        rationale,
    }
}

const fn lint(id: &'static str, default: RuleLevel, rationale: &'static str) -> Rule {
    Rule {
        id,
        invalidates: false,
        fixed: false,
        default,
        rationale,
    }
}

/// Every rule `check` knows, errors first. `read` stands for a file the reader
/// refuses (syntax, unknown field, newer format); it has no finding of its own
/// here but is listed so that `--explain` and SARIF can name it. The two rules
/// added with team rules are `allow` by default, so a repository without a
/// `cjm.ron` is checked exactly as before.
pub const RULES: [Rule; 21] = [
    error_rule(
        "read",
        "The file must be a map this cjm can read: RON syntax, known fields, a format it knows.",
    ),
    error_rule(
        "empty-text",
        "A title, name or item with no text shows a blank where a decision was written down.",
    ),
    error_rule(
        "bad-id",
        "Stage, evidence and persona ids are how diff, merge, citations and persona filters recognise an element across versions, so they are slugs.",
    ),
    error_rule(
        "duplicate-id",
        "Two stages, two pieces of evidence or two personas with one id cannot be told apart by diff, merge and citations; an id cited twice by one card counts one source twice.",
    ),
    error_rule(
        "unknown-evidence",
        "A card that cites evidence the map does not hold claims research nobody can read.",
    ),
    error_rule(
        "unknown-persona",
        "An item or emotion that names a persona the map does not hold belongs to nobody's journey and vanishes from every persona's view.",
    ),
    error_rule(
        "bad-date",
        "An evidence date is a calendar date written YYYY-MM-DD, so that research sorts and ages the same everywhere.",
    ),
    error_rule(
        "score-range",
        "Emotion scores, impact and effort run from 1 to 5 so that every map's curve and matrix read on the same scale.",
    ),
    error_rule(
        "bad-number",
        "A KPI value that is not a finite number cannot be compared, plotted or exported.",
    ),
    Rule {
        id: CONFLICT_RULE,
        invalidates: false,
        fixed: true,
        default: RuleLevel::Deny,
        rationale: "A merge conflict recorded in the map holds two versions of one element; until a person picks one, the map is not done.",
    },
    lint(
        "no-touchpoints",
        RuleLevel::Warn,
        "A stage without touchpoints says what the customer does but not where the business meets them.",
    ),
    lint(
        "no-emotions",
        RuleLevel::Warn,
        "A stage without at least one emotion is a gap in the emotion curve.",
    ),
    lint(
        "unaddressed-pain-point",
        RuleLevel::Warn,
        "A pain point in a stage with no optimization is a problem nobody has proposed to fix.",
    ),
    lint(
        "unaddressed-high-pain-point",
        RuleLevel::Allow,
        "A high-severity pain point needs an optimization in its own stage before the map is done.",
    ),
    lint(
        "no-owner",
        RuleLevel::Warn,
        "An optimization without an owner is a wish, not a plan: someone must carry it.",
    ),
    lint(
        "uncited-evidence",
        RuleLevel::Warn,
        "Evidence that no card cites backs nothing on the map: cite it, or let it go.",
    ),
    lint(
        "unsupported-high-pain-point",
        RuleLevel::Allow,
        "A high-severity pain point drives the plan, so it should cite the research that shows it.",
    ),
    lint(
        "no-target",
        RuleLevel::Allow,
        "A KPI without a target cannot say whether the stage got better.",
    ),
    lint(
        "duplicate-item",
        RuleLevel::Warn,
        "The same item twice in one lane is usually a paste mistake, and reports count it twice.",
    ),
    lint(
        "unknown-action",
        RuleLevel::Warn,
        "A blueprint item that serves a customer action the stage no longer has is work nobody can trace to the customer.",
    ),
    lint(
        "target-without-current",
        RuleLevel::Warn,
        "A target without a current value leaves no gap to close.",
    ),
];

/// The rule of recorded merge conflicts: the map loads (the editor must open it
/// to resolve them), but `check` fails while one is left.
pub const CONFLICT_RULE: &str = "conflict";

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// Every error and warning of the map, errors first, each in file order; then
/// its recorded merge conflicts.
pub fn diagnostics(map: &JourneyMap) -> Vec<Diagnostic> {
    let mut out = errors(map);
    out.extend(lints(map));
    out.extend(conflicts(map));
    out
}

/// One finding per recorded merge conflict, naming the element and both sides.
/// They come as warnings, since the map is valid; the rule's level, `deny` and
/// fixed, makes each one an error in `check`.
pub fn conflicts(map: &JourneyMap) -> Vec<Diagnostic> {
    map.conflicts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            Diagnostic::warning(
                CONFLICT_RULE,
                Path::Conflict(i),
                format!("unresolved merge conflict: {}", c.line()),
            )
        })
        .collect()
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
        for lane in map.lane_sequence() {
            let key = match lane {
                Lane::Touchpoints | Lane::Metrics => "name",
                Lane::Emotions => "label",
                Lane::PainPoints | Lane::Optimizations => "text",
                Lane::Extra(_) => "text",
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
        for (i, o) in stage.optimizations.iter().enumerate() {
            for (key, v) in [("impact", o.impact), ("effort", o.effort)] {
                if let Some(v) = v.filter(|v| !RATING_RANGE.contains(v)) {
                    out.push(Diagnostic::error(
                        "score-range",
                        Path::ItemField(s, Lane::Optimizations, i, key),
                        format!("{key} {v} is outside 1–5 (1 least, 5 most)"),
                    ));
                }
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
    lane_errors(map, &mut out);
    evidence_errors(map, &mut out);
    persona_errors(map, &mut out);
    out
}

/// The rules of format 7 (docs/format.md#format-7-personas): the personas
/// after the first have names and distinct slug ids, and every persona an
/// item or emotion names is one of them.
fn persona_errors(map: &JourneyMap, out: &mut Vec<Diagnostic>) {
    let field = |i: usize, key: &'static str| match i {
        0 => Path::PersonaField(key),
        i => Path::OtherPersonaField(i, key),
    };
    let mut seen = HashSet::new();
    let several = map.persona.id.len() + map.other_personas.len() > 0;
    for (i, p) in map.personas().enumerate() {
        if i > 0 && p.name.trim().is_empty() {
            out.push(Diagnostic::error(
                "empty-text",
                field(i, "name"),
                format!("the name of persona {} is empty", i + 1),
            ));
        }
        if !several {
            continue;
        }
        if !is_slug(&p.id) {
            out.push(Diagnostic::error(
                "bad-id",
                field(i, "id"),
                format!(
                    "persona id `{}` is not a slug (lowercase letters, digits and `-`); try `{}`",
                    p.id,
                    slugify(if p.id.is_empty() { &p.name } else { &p.id })
                ),
            ));
        } else if !seen.insert(p.id.as_str()) {
            out.push(Diagnostic::error(
                "duplicate-id",
                field(i, "id"),
                format!("persona id `{}` is used by an earlier persona too", p.id),
            ));
        }
    }
    let ids: Vec<&str> = map
        .personas()
        .map(|p| p.id.as_str())
        .filter(|id| !id.is_empty())
        .collect();
    let unknown = |id: &str, what: String, at: Path, out: &mut Vec<Diagnostic>| {
        let hint = match crate::format::nearest(id, &ids) {
            Some(near) => format!(" (did you mean `{near}`?)"),
            None if ids.is_empty() => " (the map has one persona; items name none)".to_string(),
            None => String::new(),
        };
        out.push(Diagnostic::error(
            "unknown-persona",
            at,
            format!("{what} names persona `{id}`, which the map does not hold{hint}"),
        ));
    };
    for (s, stage) in map.stages.iter().enumerate() {
        for (i, e) in stage.emotions.iter().enumerate() {
            if map.emotion_persona(e).is_none() {
                let at = Path::ItemField(s, Lane::Emotions, i, "persona");
                unknown(&e.persona, format!("emotion \"{}\"", e.label), at, out);
            }
        }
        for lane in map.lane_sequence() {
            for (i, set) in stage.persona_sets(lane).into_iter().enumerate() {
                let at = Path::ItemField(s, lane, i, "personas");
                let mut named = HashSet::new();
                for id in set {
                    if !ids.contains(&id.as_str()) {
                        unknown(id, format!("{} {}", item_noun(lane), i + 1), at, out);
                    } else if !named.insert(id.as_str()) {
                        out.push(Diagnostic::error(
                            "duplicate-id",
                            at,
                            format!("persona `{id}` is named twice"),
                        ));
                    }
                }
            }
        }
    }
}

/// The rules of format 6 (docs/format.md#format-6-lanes): an extra lane's id
/// is a slug (the reader already refused repeats and journey keys), and it
/// has a title to show.
fn lane_errors(map: &JourneyMap, out: &mut Vec<Diagnostic>) {
    for (i, d) in map.lanes.iter().enumerate() {
        if d.kind == LaneKind::Journey {
            continue;
        }
        if !is_slug(&d.id) {
            out.push(Diagnostic::error(
                "bad-id",
                Path::LaneField(i, "id"),
                format!(
                    "lane id `{}` is not a slug (lowercase letters, digits and `-`); try `{}`",
                    d.id,
                    slugify(&d.id)
                ),
            ));
        }
        if d.title.trim().is_empty() {
            out.push(Diagnostic::error(
                "empty-text",
                Path::LaneField(i, "title"),
                format!("the lane `{}` has no title", d.id),
            ));
        }
    }
}

/// The rules of format 5 (docs/format.md#format-5-evidence): the evidence
/// entries themselves, then every citation, in map order.
fn evidence_errors(map: &JourneyMap, out: &mut Vec<Diagnostic>) {
    let mut seen = HashSet::new();
    for (i, e) in map.evidence.iter().enumerate() {
        let id_path = Path::EvidenceField(i, "id");
        if !is_slug(&e.id) {
            out.push(Diagnostic::error(
                "bad-id",
                id_path,
                format!(
                    "evidence id `{}` is not a slug (lowercase letters, digits and `-`); try `{}`",
                    e.id,
                    slugify(&e.id)
                ),
            ));
        } else if !seen.insert(e.id.as_str()) {
            out.push(Diagnostic::error(
                "duplicate-id",
                id_path,
                format!("evidence id `{}` is used by earlier evidence too", e.id),
            ));
        }
        if e.text.trim().is_empty() {
            out.push(Diagnostic::error(
                "empty-text",
                Path::EvidenceField(i, "text"),
                format!("the text of evidence `{}` is empty", e.id),
            ));
        }
        if !e.date.is_empty() && !is_calendar_date(&e.date) {
            out.push(Diagnostic::error(
                "bad-date",
                Path::EvidenceField(i, "date"),
                format!("date `{}` is not a calendar date (YYYY-MM-DD)", e.date),
            ));
        }
    }
    let ids: Vec<&str> = map.evidence.iter().map(|e| e.id.as_str()).collect();
    for (path, cites) in map.citing_elements() {
        let (at, noun) = match path {
            Path::Stage(s) => (Path::StageField(s, "evidence"), "stage"),
            Path::Item(s, lane, i) => (Path::ItemField(s, lane, i, "evidence"), item_noun(lane)),
            _ => continue,
        };
        let mut cited = HashSet::new();
        for id in cites {
            if !ids.contains(&id.as_str()) {
                let hint = match crate::format::nearest(id, &ids) {
                    Some(near) => format!(" (did you mean `{near}`?)"),
                    None => String::new(),
                };
                out.push(Diagnostic::error(
                    "unknown-evidence",
                    at,
                    format!("{noun} cites evidence `{id}`, which the map does not hold{hint}"),
                ));
            } else if !cited.insert(id.as_str()) {
                out.push(Diagnostic::error(
                    "duplicate-id",
                    at,
                    format!("`{id}` is cited twice"),
                ));
            }
        }
    }
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
        } else if !map.other_personas.is_empty() {
            // With several personas each curve has its own gaps.
            for (i, p) in map.personas().enumerate() {
                if stage.curve_point_of(map.emotion_key(i)).is_none() {
                    out.push(Diagnostic::warning(
                        "no-emotions",
                        Path::Stage(s),
                        format!(
                            "stage `{id}` has no emotion of {}'s (a gap in that persona's curve)",
                            p.name
                        ),
                    ));
                }
            }
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
                if p.severity == Level::High {
                    out.push(Diagnostic::warning(
                        "unaddressed-high-pain-point",
                        Path::Item(s, Lane::PainPoints, i),
                        format!(
                            "high-severity pain point \"{}\" in stage `{id}` has no optimization in its stage",
                            p.text
                        ),
                    ));
                }
            }
        }
        for (i, p) in stage.pain_points.iter().enumerate() {
            if p.severity == Level::High && p.evidence.is_empty() {
                out.push(Diagnostic::warning(
                    "unsupported-high-pain-point",
                    Path::Item(s, Lane::PainPoints, i),
                    format!(
                        "high-severity pain point \"{}\" in stage `{id}` cites no evidence",
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
        for lane in map.lane_sequence() {
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
            if m.target.is_none() {
                out.push(Diagnostic::warning(
                    "no-target",
                    Path::Item(s, Lane::Metrics, i),
                    format!("KPI \"{}\" in stage `{id}` has no target", m.name),
                ));
            }
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
    for (s, lane, i) in map.dangling_serves() {
        let (Some(stage), Some(item)) = (
            map.stages.get(s),
            map.stages.get(s).and_then(|st| st.extra_items(lane).get(i)),
        ) else {
            continue;
        };
        out.push(Diagnostic::warning(
            "unknown-action",
            Path::ItemField(s, lane, i, "serves"),
            format!(
                "\"{}\" in {} of stage `{}` serves \"{}\", which is not an action of that stage",
                item.text,
                map.lane_title(lane),
                stage.id,
                item.serves
            ),
        ));
    }
    let cited: HashSet<&str> = map
        .citing_elements()
        .into_iter()
        .flat_map(|(_, ids)| ids.iter().map(String::as_str))
        .collect();
    for (i, e) in map.evidence.iter().enumerate() {
        if !cited.contains(e.id.as_str()) {
            out.push(Diagnostic::warning(
                "uncited-evidence",
                Path::Evidence(i),
                format!("evidence `{}` is cited by no card", e.id),
            ));
        }
    }
    out
}
