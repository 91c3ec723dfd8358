//! The journey map as plain data. Nothing here knows about files, text formats or
//! terminals: the reader, the writer, the editor and the exporters all meet here.

mod conflict;
mod evidence;
mod lanes;
mod path;
mod personas;
mod slug;
pub mod templates;
pub mod wording;

pub use conflict::{
    Conflict, Element, MAP_FIELD_KEYS, STAGE_CONFLICT_FIELDS, Side, is_map_conflict_field,
};
pub use evidence::{Confidence, Evidence, Source, is_calendar_date};
pub use lanes::{BlueprintLine, Cells, Holds, LaneDef, LaneItem, LaneKind, intern};
pub use path::{Path, item_noun};
pub use personas::{PersonaStyle, persona_style};
pub use slug::{is_slug, slugify, unique_slug};

use serde::Serialize;

/// The newest file format version this build reads and writes
/// (docs/format.md#versioning). A map is written in the lowest version that holds
/// it ([`JourneyMap::format_version`]), so maps that use nothing new keep format 1.
pub const FORMAT_VERSION: u64 = 7;

/// The version that introduced votes on pain points and optimizations.
pub const VOTES_FORMAT: u64 = 2;

/// The version that introduced merge conflicts recorded in the map.
pub const CONFLICTS_FORMAT: u64 = 3;

/// The version that introduced impact and effort scores on optimizations.
pub const SCORES_FORMAT: u64 = 4;

/// The version that introduced evidence and the citations that point at it.
pub const EVIDENCE_FORMAT: u64 = 5;

/// The version that introduced lanes beyond the seven (blueprint and custom lanes).
pub const LANES_FORMAT: u64 = 6;

/// The version that introduced several personas on one map.
pub const PERSONAS_FORMAT: u64 = 7;

/// The scale of an optimization's impact and effort: 1 (least) to 5 (most).
pub const RATING_RANGE: std::ops::RangeInclusive<u8> = 1..=5;

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct JourneyMap {
    pub title: String,
    pub summary: String,
    pub framework: String,
    pub objectives: Vec<String>,
    /// The first persona: a map's only one, or the first of several.
    pub persona: Persona,
    /// The personas after the first (docs/format.md#format-7-personas). Kept
    /// apart from `persona` so that the many readers of a one-persona map stay
    /// as they were; [`JourneyMap::personas`] walks them all.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other_personas: Vec<Persona>,
    /// Every lane in the grid's order once the map has one of its own, else
    /// empty (docs/format.md#format-6-lanes); left out of the JSON when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lanes: Vec<LaneDef>,
    pub stages: Vec<Stage>,
    /// Research the cards cite (docs/format.md#format-5-evidence); left out of
    /// the JSON when empty, so maps without it export as before.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// Merge conflicts not yet resolved by a person (docs/format.md#format-3-conflicts).
    /// Not data of the journey: the JSON export leaves them out.
    #[serde(skip)]
    pub conflicts: Vec<Conflict>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Persona {
    /// The slug items name the persona by; empty on a map with one persona
    /// that never had a second, whose file says `persona:` without an id.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub name: String,
    pub role: String,
    pub quote: String,
    pub summary: String,
    pub goals: Vec<String>,
    pub needs: Vec<String>,
    pub frustrations: Vec<String>,
    pub behaviors: Vec<String>,
    /// Ordered `(label, value)` pairs such as `("Age", "34")`; order is the author's.
    pub traits: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Stage {
    pub id: String,
    pub name: String,
    pub goal: String,
    pub actions: Vec<String>,
    pub thoughts: Vec<String>,
    pub touchpoints: Vec<Touchpoint>,
    pub emotions: Vec<Emotion>,
    pub pain_points: Vec<PainPoint>,
    pub optimizations: Vec<Optimization>,
    pub metrics: Vec<Metric>,
    /// Ids of the map's evidence the stage cites for its actions and thoughts; empty (and so left out of
    /// the file and the JSON) for an assumption.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// Items of the map's extra lanes, by lane id; left out when there are none.
    #[serde(rename = "lanes", skip_serializing_if = "Cells::is_empty")]
    pub extra: Cells,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Touchpoint {
    pub name: String,
    pub channel: String,
    pub note: String,
    /// Ids of the map's evidence this element cites; empty (and so left out of
    /// the file and the JSON) for an assumption.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// Ids of the personas this item belongs to; empty (and so left out of the
    /// file and the JSON) for an item of every persona.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub personas: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Emotion {
    /// 1 = very negative, 3 = neutral, 5 = very positive. Kept wide so that a bad
    /// file can be loaded far enough to be reported with its position.
    pub score: i64,
    pub label: String,
    pub note: String,
    /// Ids of the map's evidence this element cites; empty (and so left out of
    /// the file and the JSON) for an assumption.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// The id of the persona who feels this; empty for the first persona, so
    /// a one-persona map's emotions read as before and adding a persona
    /// leaves them alone.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub persona: String,
}

impl Default for Emotion {
    fn default() -> Self {
        Emotion {
            score: 3,
            label: String::new(),
            note: String::new(),
            evidence: Vec::new(),
            persona: String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct PainPoint {
    pub text: String,
    pub severity: Level,
    /// Dot votes from a workshop; 0 is "not voted on" and is left out of the file
    /// and the JSON, which so stay as format 1 wrote them.
    #[serde(skip_serializing_if = "is_zero")]
    pub votes: u32,
    /// Ids of the map's evidence this element cites; empty (and so left out of
    /// the file and the JSON) for an assumption.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// Ids of the personas this item belongs to; empty (and so left out of the
    /// file and the JSON) for an item of every persona.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub personas: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Optimization {
    pub text: String,
    pub owner: String,
    pub priority: Level,
    pub status: Status,
    /// Dot votes, as on a pain point.
    #[serde(skip_serializing_if = "is_zero")]
    pub votes: u32,
    /// How much the change would help, 1 to 5, once a team has scored it; `None`
    /// (not scored) is left out of the file and the JSON, so unscored maps keep
    /// the format they had.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub impact: Option<u8>,
    /// How much work the change is, 1 to 5, scored like `impact`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effort: Option<u8>,
    /// Ids of the map's evidence this element cites; empty (and so left out of
    /// the file and the JSON) for an assumption.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// Ids of the personas this item belongs to; empty (and so left out of the
    /// file and the JSON) for an item of every persona.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub personas: Vec<String>,
}

/// Where a scored optimization falls on the impact/effort matrix. Quick wins come
/// first because they are what a team should do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Quadrant {
    /// High impact (4 or 5), low effort (1 or 2).
    QuickWin,
    /// High impact, more effort.
    BigBet,
    /// Lower impact, low effort.
    Filler,
    /// Lower impact, more effort.
    MoneyPit,
}

impl Quadrant {
    pub const ALL: [Quadrant; 4] = [
        Quadrant::QuickWin,
        Quadrant::BigBet,
        Quadrant::Filler,
        Quadrant::MoneyPit,
    ];

    /// The quadrant of an impact and an effort: impact 4 or more is high, effort
    /// 2 or less is low, so a middling 3 never counts as a quick win.
    pub fn of(impact: u8, effort: u8) -> Quadrant {
        match (impact >= 4, effort <= 2) {
            (true, true) => Quadrant::QuickWin,
            (true, false) => Quadrant::BigBet,
            (false, true) => Quadrant::Filler,
            (false, false) => Quadrant::MoneyPit,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Quadrant::QuickWin => "Quick wins",
            Quadrant::BigBet => "Big bets",
            Quadrant::Filler => "Fillers",
            Quadrant::MoneyPit => "Money pits",
        }
    }

    /// What the quadrant holds, in a few words for a reader new to the matrix.
    pub fn hint(self) -> &'static str {
        match self {
            Quadrant::QuickWin => "high impact, low effort: do these first",
            Quadrant::BigBet => "high impact, high effort: plan them",
            Quadrant::Filler => "low impact, low effort: when there is time",
            Quadrant::MoneyPit => "low impact, high effort: question them",
        }
    }
}

impl Optimization {
    /// Both scores, when the team gave both; half a score places nothing.
    pub fn scores(&self) -> Option<(u8, u8)> {
        Some((self.impact?, self.effort?))
    }

    /// True when `other` is this optimization with only its impact or effort
    /// changed: the diff words that as a rescore, not a new item.
    pub fn scores_differ_only(&self, other: &Optimization) -> bool {
        (self.impact, self.effort) != (other.impact, other.effort)
            && Optimization {
                impact: other.impact,
                effort: other.effort,
                ..self.clone()
            } == *other
    }

    pub fn quadrant(&self) -> Option<Quadrant> {
        self.scores().map(|(i, e)| Quadrant::of(i, e))
    }

    /// The compact score a card and a list show, `I4 E2`, or the half that is
    /// scored; empty when neither is.
    pub fn score_label(&self) -> String {
        match (self.impact, self.effort) {
            (Some(i), Some(e)) => format!("I{i} E{e}"),
            (Some(i), None) => format!("I{i}"),
            (None, Some(e)) => format!("E{e}"),
            (None, None) => String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Metric {
    pub name: String,
    pub current: Option<f64>,
    pub target: Option<f64>,
    pub unit: String,
    /// Ids of the map's evidence this element cites; empty (and so left out of
    /// the file and the JSON) for an assumption.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// Ids of the personas this item belongs to; empty (and so left out of the
    /// file and the JSON) for an item of every persona.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub personas: Vec<String>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Severity of a pain point and priority of an optimization share one scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub enum Level {
    Low,
    #[default]
    Medium,
    High,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Low, Level::Medium, Level::High];
    /// The names the file uses, in order: the one table the reader, the forms and
    /// the exports share.
    pub const NAMES: [&'static str; 3] = ["Low", "Medium", "High"];

    pub fn name(self) -> &'static str {
        match self {
            Level::Low => "Low",
            Level::Medium => "Medium",
            Level::High => "High",
        }
    }

    /// Human wording for outlines and diffs: "high" rather than the identifier.
    pub fn label(self) -> &'static str {
        match self {
            Level::Low => "low",
            Level::Medium => "medium",
            Level::High => "high",
        }
    }

    pub fn from_name(name: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.name() == name)
    }

    /// One step up, saturating: `+` on the highest level stays there.
    pub fn raised(self) -> Level {
        match self {
            Level::Low => Level::Medium,
            _ => Level::High,
        }
    }

    pub fn lowered(self) -> Level {
        match self {
            Level::High => Level::Medium,
            _ => Level::Low,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub enum Status {
    #[default]
    Idea,
    Planned,
    InProgress,
    Done,
    Dropped,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Idea,
        Status::Planned,
        Status::InProgress,
        Status::Done,
        Status::Dropped,
    ];
    /// The names the file uses, in order (see `Level::NAMES`).
    pub const NAMES: [&'static str; 5] = ["Idea", "Planned", "InProgress", "Done", "Dropped"];

    pub fn name(self) -> &'static str {
        match self {
            Status::Idea => "Idea",
            Status::Planned => "Planned",
            Status::InProgress => "InProgress",
            Status::Done => "Done",
            Status::Dropped => "Dropped",
        }
    }

    pub fn from_name(name: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Human wording for outlines and exports ("in progress" rather than the identifier).
    pub fn label(self) -> &'static str {
        match self {
            Status::Idea => "idea",
            Status::Planned => "planned",
            Status::InProgress => "in progress",
            Status::Done => "done",
            Status::Dropped => "dropped",
        }
    }
}

/// The rows of the grid: the seven journey lanes in the order of the file
/// format, and a map's extra lanes by their id ([`JourneyMap::lane_sequence`]
/// gives a map's order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Lane {
    #[default]
    Actions,
    Thoughts,
    Touchpoints,
    Emotions,
    PainPoints,
    Optimizations,
    Metrics,
    /// A blueprint or custom lane, by its id ([`intern`]ed).
    Extra(&'static str),
}

impl Lane {
    pub const ALL: [Lane; 7] = [
        Lane::Actions,
        Lane::Thoughts,
        Lane::Touchpoints,
        Lane::Emotions,
        Lane::PainPoints,
        Lane::Optimizations,
        Lane::Metrics,
    ];

    /// The field name in the file; an extra lane's id.
    pub fn key(self) -> &'static str {
        match self {
            Lane::Extra(id) => id,
            Lane::Actions => "actions",
            Lane::Thoughts => "thoughts",
            Lane::Touchpoints => "touchpoints",
            Lane::Emotions => "emotions",
            Lane::PainPoints => "pain_points",
            Lane::Optimizations => "optimizations",
            Lane::Metrics => "metrics",
        }
    }

    /// The row heading a workshop reads; an extra lane's title is the map's
    /// ([`JourneyMap::lane_title`]).
    pub fn title(self) -> &'static str {
        match self {
            Lane::Extra(_) => "Lane",
            Lane::Actions => "Doing",
            Lane::Thoughts => "Thinking",
            Lane::Touchpoints => "Touchpoints",
            Lane::Emotions => "Emotions",
            Lane::PainPoints => "Pain points",
            Lane::Optimizations => "Optimizations",
            Lane::Metrics => "KPIs",
        }
    }

    /// The place among the seven; extra lanes come after them.
    pub fn index(self) -> usize {
        Lane::ALL
            .iter()
            .position(|l| *l == self)
            .unwrap_or(Lane::ALL.len())
    }

    pub fn is_extra(self) -> bool {
        matches!(self, Lane::Extra(_))
    }

    pub fn next(self) -> Option<Lane> {
        Lane::ALL.get(self.index() + 1).copied()
    }

    pub fn prev(self) -> Option<Lane> {
        self.index()
            .checked_sub(1)
            .and_then(|i| Lane::ALL.get(i).copied())
    }

    pub fn from_key(key: &str) -> Option<Lane> {
        Lane::ALL.into_iter().find(|l| l.key() == key)
    }
}

impl Stage {
    /// A new stage whose id is derived from its name.
    pub fn named(name: &str) -> Stage {
        Stage {
            id: slugify(name),
            name: name.to_string(),
            ..Stage::default()
        }
    }

    /// The stage's point on the first persona's emotion curve: the mean score,
    /// or `None` (a gap in the curve, not a zero) when the stage records no
    /// emotion of hers. Every surface that draws one curve draws this one; a
    /// persona filter ([`JourneyMap::for_persona`]) makes its persona the first.
    pub fn curve_point(&self) -> Option<f64> {
        self.curve_point_of("")
    }

    /// The stage's point on one persona's curve, by the persona id emotions
    /// carry (empty for the first persona).
    pub fn curve_point_of(&self, persona: &str) -> Option<f64> {
        let scores: Vec<i64> = self
            .emotions
            .iter()
            .filter(|e| e.persona == persona)
            .map(|e| e.score)
            .collect();
        if scores.is_empty() {
            return None;
        }
        Some(scores.iter().sum::<i64>() as f64 / scores.len() as f64)
    }

    /// The list behind a lane of plain text (actions, thoughts); `None` for the
    /// lanes of structured items.
    pub fn text_lane(&self, lane: Lane) -> Option<&[String]> {
        match lane {
            Lane::Actions => Some(&self.actions),
            Lane::Thoughts => Some(&self.thoughts),
            _ => None,
        }
    }

    /// How many items the lane holds.
    pub fn lane_len(&self, lane: Lane) -> usize {
        match lane {
            Lane::Actions => self.actions.len(),
            Lane::Thoughts => self.thoughts.len(),
            Lane::Touchpoints => self.touchpoints.len(),
            Lane::Emotions => self.emotions.len(),
            Lane::PainPoints => self.pain_points.len(),
            Lane::Optimizations => self.optimizations.len(),
            Lane::Metrics => self.metrics.len(),
            Lane::Extra(id) => self.extra.items(id).len(),
        }
    }

    /// The main text of every item in a lane, in order: what search, duplicate
    /// lints and item matching look at.
    pub fn lane_texts(&self, lane: Lane) -> Vec<&str> {
        match lane {
            Lane::Actions => self.actions.iter().map(String::as_str).collect(),
            Lane::Thoughts => self.thoughts.iter().map(String::as_str).collect(),
            Lane::Touchpoints => self.touchpoints.iter().map(|t| t.name.as_str()).collect(),
            Lane::Emotions => self.emotions.iter().map(|e| e.label.as_str()).collect(),
            Lane::PainPoints => self.pain_points.iter().map(|p| p.text.as_str()).collect(),
            Lane::Optimizations => self.optimizations.iter().map(|o| o.text.as_str()).collect(),
            Lane::Metrics => self.metrics.iter().map(|m| m.name.as_str()).collect(),
            Lane::Extra(id) => self
                .extra
                .items(id)
                .iter()
                .map(|i| i.text.as_str())
                .collect(),
        }
    }

    pub fn item_count(&self) -> usize {
        Lane::ALL.iter().map(|&l| self.lane_len(l)).sum::<usize>()
            + self.extra.0.values().map(Vec::len).sum::<usize>()
    }
}

impl JourneyMap {
    /// A minimal valid map: what `new --template blank` starts from.
    pub fn new(title: &str, persona_name: &str) -> JourneyMap {
        JourneyMap {
            title: title.to_string(),
            persona: Persona {
                name: persona_name.to_string(),
                ..Persona::default()
            },
            ..JourneyMap::default()
        }
    }

    pub fn stage_index(&self, id: &str) -> Option<usize> {
        self.stages.iter().position(|s| s.id == id)
    }

    pub fn item_count(&self) -> usize {
        self.stages.iter().map(Stage::item_count).sum()
    }

    /// The lowest file format version that can hold this map: 7 when its
    /// personas have ids (several, or items that name one), 6 when it lists
    /// its lanes (an extra lane, a title or an order of its own), 5 when it holds
    /// evidence or an element cites some, 4 when an
    /// optimization is scored for impact or effort, 3 when it records merge
    /// conflicts, 2 when an item carries votes, else 1. Writing the lowest keeps maps that use nothing new
    /// byte-identical to what older builds wrote, and readable by them.
    pub fn format_version(&self) -> u64 {
        let votes = self.stages.iter().any(|s| {
            s.pain_points.iter().any(|p| p.votes > 0) || s.optimizations.iter().any(|o| o.votes > 0)
        });
        let scored = self.stages.iter().any(|s| {
            s.optimizations
                .iter()
                .any(|o| o.impact.is_some() || o.effort.is_some())
        });
        if self.has_personas() {
            PERSONAS_FORMAT
        } else if self.has_lanes() {
            LANES_FORMAT
        } else if self.has_evidence() || self.has_citations() {
            EVIDENCE_FORMAT
        } else if scored {
            SCORES_FORMAT
        } else if !self.conflicts.is_empty() {
            CONFLICTS_FORMAT
        } else if votes {
            VOTES_FORMAT
        } else {
            1
        }
    }

    /// The emotion curve: one point per stage, `None` where a stage has no emotion.
    pub fn curve(&self) -> Vec<Option<f64>> {
        self.stages.iter().map(Stage::curve_point).collect()
    }

    /// This map's curve beside `other`'s, one pair per stage of this map: its own
    /// point and the point of `other`'s stage with the same id. Stages match by id
    /// because an id survives a rename, so a renamed stage keeps its comparison;
    /// a stage `other` lacks has `None` beside it, and stages only `other` has
    /// are left out. The editor's `--compare` and `cjm compare` pair curves this
    /// way, so both show the same gap.
    pub fn curve_against(&self, other: &JourneyMap) -> Vec<(Option<f64>, Option<f64>)> {
        let theirs: std::collections::HashMap<&str, Option<f64>> = other
            .stages
            .iter()
            .rev()
            .map(|s| (s.id.as_str(), s.curve_point()))
            .collect();
        self.stages
            .iter()
            .map(|s| {
                let other = theirs.get(s.id.as_str()).copied().flatten();
                (s.curve_point(), other)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The name tables and the enums cannot drift apart.
    #[test]
    fn name_tables_follow_the_enums() {
        assert_eq!(Level::ALL.map(Level::name), Level::NAMES);
        assert_eq!(Status::ALL.map(Status::name), Status::NAMES);
        for l in Level::ALL {
            assert_eq!(Level::from_name(l.name()), Some(l));
            assert_eq!(l.label(), l.name().to_lowercase());
        }
    }

    #[test]
    fn curve_is_the_mean_and_a_gap_without_emotions() {
        let mut s = Stage::named("Decision");
        assert_eq!(s.curve_point(), None);
        s.emotions.push(Emotion {
            score: 2,
            label: "Torn".into(),
            ..Emotion::default()
        });
        s.emotions.push(Emotion {
            score: 5,
            label: "Relieved".into(),
            ..Emotion::default()
        });
        assert_eq!(s.curve_point(), Some(3.5));
    }

    #[test]
    fn curves_pair_by_stage_id_whatever_the_names_and_order() {
        let stage = |id: &str, name: &str, scores: &[i64]| {
            let mut s = Stage::named(name);
            s.id = id.into();
            s.emotions = scores
                .iter()
                .map(|&score| Emotion {
                    score,
                    ..Emotion::default()
                })
                .collect();
            s
        };
        let mut live = JourneyMap::new("Live", "P");
        live.stages = vec![
            stage("decision", "Choosing", &[4]),
            stage("aware", "Awareness", &[2, 3]),
            stage("new", "Brand new", &[5]),
            stage("quiet", "No feelings", &[]),
        ];
        let mut other = JourneyMap::new("Other", "P");
        other.stages = vec![
            stage("aware", "Awareness", &[1]),
            stage("decision", "Decision", &[2]),
            stage("gone", "Only there", &[3]),
            stage("quiet", "Quiet", &[4]),
        ];
        assert_eq!(
            live.curve_against(&other),
            vec![
                (Some(4.0), Some(2.0)),
                (Some(2.5), Some(1.0)),
                (Some(5.0), None),
                (None, Some(4.0)),
            ]
        );
    }

    #[test]
    fn quadrants_split_at_four_and_two() {
        assert_eq!(Quadrant::of(4, 2), Quadrant::QuickWin);
        assert_eq!(Quadrant::of(5, 3), Quadrant::BigBet);
        assert_eq!(Quadrant::of(3, 1), Quadrant::Filler);
        assert_eq!(Quadrant::of(3, 3), Quadrant::MoneyPit);
        let o = Optimization {
            impact: Some(4),
            ..Optimization::default()
        };
        assert_eq!(o.quadrant(), None);
        assert_eq!(o.score_label(), "I4");
    }

    #[test]
    fn levels_saturate() {
        assert_eq!(Level::High.raised(), Level::High);
        assert_eq!(Level::Low.lowered(), Level::Low);
        assert_eq!(Level::Low.raised(), Level::Medium);
    }
}
