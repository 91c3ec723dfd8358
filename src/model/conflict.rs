//! Merge conflicts recorded in the map itself. A conflict printed on standard error
//! scrolls away, and during a rebase "ours" is the upstream: a user who ran
//! `git add` as git asked silently lost their side. So the merge writes every
//! conflict it could not resolve into the file, with all three versions, and the
//! map is "not done" (`check` fails) until a person resolves each one. The map
//! keeps loading, so the editor can open it and resolve them.

use super::{Emotion, Metric, Optimization, PainPoint, Stage, Touchpoint, wording};

/// One element of any list or text field of a map: what a conflict records of each
/// side, and what a diff carries.
#[derive(Debug, Clone, PartialEq)]
pub enum Element {
    Text(String),
    Trait(String, String),
    Touchpoint(Touchpoint),
    Emotion(Emotion),
    PainPoint(PainPoint),
    Optimization(Optimization),
    Metric(Metric),
    Stage(Box<Stage>),
}

impl Element {
    /// The element as one line of text, as the outline and the diff word it.
    pub fn describe(&self) -> String {
        match self {
            Element::Text(t) => t.clone(),
            Element::Trait(l, x) => format!("{l}: {x}"),
            Element::Touchpoint(t) => wording::touchpoint(t),
            Element::Emotion(e) => wording::emotion(e),
            Element::PainPoint(p) => wording::pain_point(p),
            Element::Optimization(x) => wording::optimization(x),
            Element::Metric(m) => wording::metric(m),
            Element::Stage(s) => format!("stage {} [{}]", s.name, s.id),
        }
    }
}

/// A stage in a line, with what it holds, so that two versions of one stage can
/// be told apart: `stage New [new]: goal "…"; doing: Signs up; pain points: …`.
fn stage_words(s: &Stage) -> String {
    let mut out = format!("stage {} [{}]", s.name, s.id);
    let mut parts = Vec::new();
    if !s.goal.is_empty() {
        parts.push(format!("goal \"{}\"", s.goal));
    }
    // A stage alone does not know its map's lane titles: extra lanes go by id.
    let extra = s
        .extra
        .0
        .keys()
        .map(|id| super::Lane::Extra(super::intern(id)));
    for lane in super::Lane::ALL.into_iter().chain(extra) {
        let items: Vec<String> = match lane {
            super::Lane::Actions => s.actions.clone(),
            super::Lane::Thoughts => s.thoughts.clone(),
            super::Lane::Touchpoints => s.touchpoints.iter().map(wording::touchpoint).collect(),
            super::Lane::Emotions => s.emotions.iter().map(wording::emotion).collect(),
            super::Lane::PainPoints => s.pain_points.iter().map(wording::pain_point).collect(),
            super::Lane::Optimizations => {
                s.optimizations.iter().map(wording::optimization).collect()
            }
            super::Lane::Metrics => s.metrics.iter().map(wording::metric).collect(),
            super::Lane::Extra(_) => s.extra_items(lane).iter().map(wording::lane_item).collect(),
        };
        let name = match lane {
            super::Lane::Extra(id) => id.to_string(),
            _ => lane.title().to_lowercase(),
        };
        if !items.is_empty() {
            parts.push(format!("{name}: {}", items.join(" · ")));
        }
    }
    if !parts.is_empty() {
        out.push_str(": ");
        out.push_str(&parts.join("; "));
    }
    out
}

/// Which side of a three-way merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Base,
    Ours,
    Theirs,
}

impl Side {
    pub const ALL: [Side; 3] = [Side::Base, Side::Ours, Side::Theirs];

    pub fn word(self) -> &'static str {
        match self {
            Side::Base => "base",
            Side::Ours => "ours",
            Side::Theirs => "theirs",
        }
    }
}

/// A conflict the merge could not resolve. The map holds our version of the
/// element (as git's own merge leaves ours in place for a binary file); the record
/// keeps all three so nothing is lost until a person chooses.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Conflict {
    /// The stage the element is in (its id), empty for the map's own fields.
    pub stage: String,
    /// Which field or list: `title`, `objectives`, `persona.name`, `persona.goals`,
    /// `stages`; within a stage `name`, `goal` or a lane's key.
    pub field: String,
    /// How the sides clashed, in words ("both changed it").
    pub what: String,
    /// Each side's version; `None` where that side does not have the element (never
    /// had it, or removed it).
    pub base: Option<Element>,
    pub ours: Option<Element>,
    pub theirs: Option<Element>,
    /// What git calls each side (`%S`, `%X`, `%Y`: a branch or commit), or "base",
    /// "ours" and "theirs" when git did not say.
    pub labels: [String; 3],
}

impl Conflict {
    pub fn side(&self, side: Side) -> Option<&Element> {
        match side {
            Side::Base => self.base.as_ref(),
            Side::Ours => self.ours.as_ref(),
            Side::Theirs => self.theirs.as_ref(),
        }
    }

    pub fn label(&self, side: Side) -> &str {
        let [b, o, t] = &self.labels;
        match side {
            Side::Base => b,
            Side::Ours => o,
            Side::Theirs => t,
        }
    }

    /// The default labels, for a merge that git did not name.
    pub fn plain_labels() -> [String; 3] {
        Side::ALL.map(|s| s.word().to_string())
    }

    /// One side in a line: the element's wording, or "(removed)" ("(absent)" for
    /// the base of an element both sides added). Unescaped map text.
    pub fn side_text(&self, side: Side) -> String {
        match self.side(side) {
            // Two versions of one stage differ in what they hold: say it.
            Some(Element::Stage(s)) => stage_words(s),
            Some(e) => e.describe(),
            None if side == Side::Base => "(absent)".to_string(),
            None => "(removed)".to_string(),
        }
    }

    /// "stage `decision`, emotions: both changed it; ours (HEAD): 3/5 Unsure;
    /// theirs (feature): 4/5 Unsure". Unescaped map text: the caller escapes it
    /// for its output.
    pub fn line(&self) -> String {
        let mut s = self.place();
        if !self.what.is_empty() {
            s.push_str(": ");
            s.push_str(&self.what);
        }
        for side in [Side::Ours, Side::Theirs] {
            s.push_str(&format!(
                "; {}: {}",
                self.side_name(side),
                self.side_text(side)
            ));
        }
        s
    }

    /// An order conflict: both sides moved the element to different places, so
    /// every side holds the same element and only the words say where.
    pub fn is_placement(&self) -> bool {
        self.base.is_some() && self.base == self.ours && self.ours == self.theirs
    }

    /// "ours (HEAD)", or just "ours" when git gave no better name.
    pub fn side_name(&self, side: Side) -> String {
        let label = self.label(side);
        if label == side.word() {
            label.to_string()
        } else {
            format!("{} ({label})", side.word())
        }
    }

    /// Where the element is, for a person: "stage `decision`, emotions", "title".
    pub fn place(&self) -> String {
        let field = self.field.replace(['_', '.'], " ");
        if self.stage.is_empty() {
            field
        } else {
            format!("stage `{}`, {field}", self.stage)
        }
    }
}

/// The map's and the persona's own fields, by the names the CSV export's rows and
/// recorded conflicts give them.
pub const MAP_FIELD_KEYS: [&str; 13] = [
    "title",
    "summary",
    "framework",
    "objectives",
    "persona.name",
    "persona.role",
    "persona.quote",
    "persona.summary",
    "persona.goals",
    "persona.needs",
    "persona.frustrations",
    "persona.behaviors",
    "persona.traits",
];

/// The fields a conflict may name outside a stage: the map's own, or `stages`
/// for a whole stage.
pub fn is_map_conflict_field(field: &str) -> bool {
    field == "stages" || MAP_FIELD_KEYS.contains(&field)
}

/// The fields a conflict may name inside a stage (besides the lanes' keys).
pub const STAGE_CONFLICT_FIELDS: &[&str] = &["name", "goal"];
