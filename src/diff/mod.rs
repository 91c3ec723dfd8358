//! The diff wing: the semantic diff of two maps and the three-way merge, on one
//! matching. The diff is what a reviewer wants to read in a pull request ("stage
//! *Decision*: pain point added"), not which lines moved. Stages are matched by id,
//! items within their lane by content (see `matching`), so a rename is one rename,
//! a move one move, an edit one old → new change.
//!
//! Everything here returns plain data: `diff` the changes, `apply` replays them
//! (the property tests check that `apply(a, diff(a, b)) == b`), `merge` the merged
//! map and its conflicts. `render` alone turns changes and conflicts into words
//! (text or Markdown, escaped for terminals), `comment` puts them together into
//! the documents the commands print, under a size limit (`budget`).

mod apply;
pub mod budget;
pub mod cites;
pub mod comment;
pub mod compare;
pub mod conflicts;
pub mod matching;
pub mod merge;
pub mod personas;
pub mod render;
pub mod summary;

pub use apply::{ApplyError, apply};

use crate::model::{
    Confidence, Element as Recorded, Emotion, Evidence, JourneyMap, Lane, LaneDef, LaneItem,
    Metric, Optimization, PainPoint, Stage, Touchpoint, wording,
};
use matching::{Element, in_order, match_lists};
pub use personas::PersonaRef;

/// A stage as a change names it: by id (what matching uses) and by name (what a
/// reader recognises: the new name, or the old one for a removed stage).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageRef {
    pub id: String,
    pub name: String,
    /// For a stage added or removed whole, when its map lists its lanes: the
    /// lanes in the grid's order with their titles, to show it by. Empty
    /// otherwise (the seven, as they always read).
    pub lanes: Vec<(Lane, String)>,
}

/// Where a change happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The map's title, summary or framework (`Edit::Set`).
    Map,
    Objectives,
    /// A persona's id, name, role, quote or summary (`Edit::Set`).
    Persona(PersonaRef),
    /// One of a persona's lists: `goals`, `needs`, `frustrations`, `behaviors`, `traits`.
    PersonaList(PersonaRef, &'static str),
    /// The list of personas (format 7): a persona added, removed or moved
    /// (`Value::Persona`), matched by id (see `personas`).
    Personas(PersonaRef),
    /// The list of stages: a stage added, removed or moved.
    Stages(StageRef),
    /// A stage's name or goal (`Edit::Set`).
    Stage(StageRef),
    /// A stage's lane, with the lane's title as a reader knows it (the new
    /// map's, or the old one's for a lane that went): an extra lane is only an
    /// id without it.
    Lane(StageRef, Lane, String),
    /// One entry of the map's list of lanes (format 6), by id, with its title
    /// (the new one, or the old one for a lane that went): a lane added,
    /// removed or moved (`Added`, `Removed`, `Moved` of a `Value::Lane`), or its
    /// `title`, `kind` or `holds` set (`Set`).
    Lanes(String, String),
    /// One entry of the map's evidence, by id (entries are matched by id, which
    /// citations point at and which survives edits of the text).
    Evidence(String),
}

/// One element of any list in a map, as a change carries it: the elements a
/// recorded conflict can hold (`model::Element`), and those of format 6 the
/// record has no place for yet (an extra lane's item, a lane of the map's list).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Trait(String, String),
    Touchpoint(Touchpoint),
    Emotion(Emotion),
    PainPoint(PainPoint),
    Optimization(Optimization),
    Metric(Metric),
    Stage(Box<Stage>),
    LaneItem(LaneItem),
    Lane(LaneDef),
    Persona(Box<crate::model::Persona>),
}

impl Value {
    /// The element as one line of text, as the outline and the diff word it.
    pub fn describe(&self) -> String {
        match self {
            Value::LaneItem(i) => wording::lane_item(i),
            Value::Lane(d) => format!("lane {} ({})", lane_def_title(d), d.id),
            Value::Persona(p) if p.id.is_empty() => format!("persona {}", p.name),
            Value::Persona(p) => format!("persona {} ({})", p.name, p.id),
            other => other.recorded().map(|e| e.describe()).unwrap_or_default(),
        }
    }

    /// The element as a recorded conflict holds it; `None` for the elements
    /// of format 6 the record cannot hold.
    pub fn recorded(&self) -> Option<Recorded> {
        Some(match self {
            Value::Text(t) => Recorded::Text(t.clone()),
            Value::Trait(l, v) => Recorded::Trait(l.clone(), v.clone()),
            Value::Touchpoint(x) => Recorded::Touchpoint(x.clone()),
            Value::Emotion(x) => Recorded::Emotion(x.clone()),
            Value::PainPoint(x) => Recorded::PainPoint(x.clone()),
            Value::Optimization(x) => Recorded::Optimization(x.clone()),
            Value::Metric(x) => Recorded::Metric(x.clone()),
            Value::Stage(x) => Recorded::Stage(x.clone()),
            Value::LaneItem(_) | Value::Lane(_) | Value::Persona(_) => return None,
        })
    }
}

/// The title a lane of the map's list shows: its own, else a journey lane's usual.
pub fn lane_def_title(d: &LaneDef) -> String {
    if d.title.is_empty() {
        d.lane().title().to_string()
    } else {
        d.title.clone()
    }
}

/// What happened. List positions are 0-based: `from` in the old list, `to` in the new.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// A text field changed (an empty side means it was set or cleared).
    Set {
        field: &'static str,
        old: String,
        new: String,
    },
    Added {
        to: usize,
        value: Value,
    },
    Removed {
        from: usize,
        value: Value,
    },
    /// The same element with new content; `moved` when it also changed place.
    Changed {
        from: usize,
        to: usize,
        old: Value,
        new: Value,
        moved: bool,
    },
    Moved {
        from: usize,
        to: usize,
        value: Value,
    },
    /// A stage's own citations (what backs its actions and thoughts) changed.
    Cites {
        old: Vec<String>,
        new: Vec<String>,
    },
    /// An evidence entry arrived (`from` is `None`), left (`to` is `None`) or
    /// changed place; its field edits are `Set`s at the same `Place::Evidence`.
    Entry {
        from: Option<usize>,
        to: Option<usize>,
        evidence: Evidence,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub place: Place,
    pub edit: Edit,
    /// The element's confidence before and after, for an element that may cite
    /// evidence when either map holds some: what a reviewer weighs a citation
    /// change by. An added element was an assumption before; a removed one is
    /// one after. `None` when neither map holds evidence, so older maps' diffs
    /// read as before.
    pub confidence: Option<(Confidence, Confidence)>,
    /// Whose the element is before and after, in persona names (empty for
    /// every persona), for an item or emotion when either map has several
    /// personas (docs/format.md#format-7-personas); `None` otherwise, so the
    /// diffs of one-persona maps read as before.
    pub whose: Option<(Vec<String>, Vec<String>)>,
}

impl Change {
    fn new(place: Place, edit: Edit) -> Change {
        Change {
            place,
            edit,
            confidence: None,
            whose: None,
        }
    }
}

/// The two maps a diff compares, for the confidence of what their elements cite.
struct Maps<'a> {
    old: &'a JourneyMap,
    new: &'a JourneyMap,
}

impl Maps<'_> {
    fn on(&self) -> bool {
        self.old.has_evidence() || self.new.has_evidence()
    }

    /// Whose `old` and `new` are, when either map has several personas.
    fn whose(
        &self,
        old: Option<&Value>,
        new: Option<&Value>,
    ) -> Option<(Vec<String>, Vec<String>)> {
        if self.old.persona_count() < 2 && self.new.persona_count() < 2 {
            return None;
        }
        let a = old.and_then(|v| personas::whose(self.old, v));
        let b = new.and_then(|v| personas::whose(self.new, v));
        if a.is_none() && b.is_none() {
            return None;
        }
        Some((a.unwrap_or_default(), b.unwrap_or_default()))
    }

    fn confidence(&self, old: &[String], new: &[String]) -> Option<(Confidence, Confidence)> {
        self.on().then(|| {
            (
                self.old.confidence_of_citations(old),
                self.new.confidence_of_citations(new),
            )
        })
    }
}

/// The changes that turn `old` into `new`, in reading order: the map's fields, the
/// persona, then stage by stage in the new map's order (removed stages first).
pub fn diff(old: &JourneyMap, new: &JourneyMap) -> Vec<Change> {
    let maps = Maps { old, new };
    let mut out = Vec::new();
    for (field, a, b) in [
        ("title", &old.title, &new.title),
        ("summary", &old.summary, &new.summary),
        ("framework", &old.framework, &new.framework),
    ] {
        set(&mut out, Place::Map, field, a, b);
    }
    list(
        &mut out,
        &Place::Objectives,
        &old.objectives,
        &new.objectives,
        &maps,
    );
    personas::diff(&mut out, old, new, &maps);
    lanes(&mut out, old, new);
    stages(&mut out, &old.stages, &new.stages, &maps);
    cites::evidence(&mut out, &old.evidence, &new.evidence);
    out
}

fn persona_lists<'a>(
    p: &'a crate::model::Persona,
    q: &'a crate::model::Persona,
) -> [(&'static str, &'a Vec<String>, &'a Vec<String>); 4] {
    [
        ("goals", &p.goals, &q.goals),
        ("needs", &p.needs, &q.needs),
        ("frustrations", &p.frustrations, &q.frustrations),
        ("behaviors", &p.behaviors, &q.behaviors),
    ]
}

fn set(out: &mut Vec<Change>, place: Place, field: &'static str, old: &str, new: &str) {
    if old != new {
        out.push(Change::new(
            place,
            Edit::Set {
                field,
                old: old.to_string(),
                new: new.to_string(),
            },
        ));
    }
}

fn stage_ref(s: &Stage) -> StageRef {
    StageRef {
        id: s.id.clone(),
        name: s.name.clone(),
        lanes: Vec::new(),
    }
}

/// For each new index, whether its element kept its relative place (not moved).
/// An element still at its old index is preferred as one that stayed.
fn unmoved(matched: &[Option<usize>]) -> Vec<bool> {
    let (seq, same): (Vec<usize>, Vec<bool>) = matched
        .iter()
        .enumerate()
        .filter_map(|(j, m)| m.map(|i| (i, i == j)))
        .unzip();
    let keep = in_order(&seq, &same);
    let mut it = keep.into_iter();
    matched
        .iter()
        .map(|m| m.is_none() || it.next().unwrap_or(true))
        .collect()
}

fn removed_indices(matched: &[Option<usize>], old_len: usize) -> Vec<usize> {
    let mut taken = vec![false; old_len];
    for i in matched.iter().flatten() {
        if let Some(t) = taken.get_mut(*i) {
            *t = true;
        }
    }
    (0..old_len)
        .filter(|&i| taken.get(i) == Some(&false))
        .collect()
}

fn list<T: Element>(out: &mut Vec<Change>, place: &Place, old: &[T], new: &[T], maps: &Maps) {
    let conf = |a: Option<&T>, b: Option<&T>| {
        if !T::CITES {
            return None;
        }
        maps.confidence(
            a.map(Element::citations).unwrap_or_default(),
            b.map(Element::citations).unwrap_or_default(),
        )
    };
    let matched = match_lists(old, new);
    for i in removed_indices(&matched, old.len()) {
        if let Some(v) = old.get(i) {
            out.push(Change {
                place: place.clone(),
                edit: Edit::Removed {
                    from: i,
                    value: v.to_value(),
                },
                confidence: conf(Some(v), None),
                whose: maps.whose(Some(&v.to_value()), None),
            });
        }
    }
    let stay = unmoved(&matched);
    for (j, (b, (m, still))) in new.iter().zip(matched.iter().zip(stay)).enumerate() {
        let before = m.and_then(|i| old.get(i));
        let edit = match m.and_then(|i| old.get(i).map(|a| (i, a))) {
            None => Edit::Added {
                to: j,
                value: b.to_value(),
            },
            Some((i, a)) if a != b => Edit::Changed {
                from: i,
                to: j,
                old: a.to_value(),
                new: b.to_value(),
                moved: !still,
            },
            Some((i, _)) if !still => Edit::Moved {
                from: i,
                to: j,
                value: b.to_value(),
            },
            Some(_) => continue,
        };
        out.push(Change {
            place: place.clone(),
            edit,
            confidence: conf(before, Some(b)),
            whose: maps.whose(before.map(Element::to_value).as_ref(), Some(&b.to_value())),
        });
    }
}

fn stages(out: &mut Vec<Change>, old: &[Stage], new: &[Stage], maps: &Maps) {
    let matched = match_lists(old, new);
    let whole = |s: &Stage, map: &JourneyMap| StageRef {
        lanes: if map.has_lanes() {
            map.lane_sequence()
                .into_iter()
                .map(|l| (l, map.lane_title(l)))
                .collect()
        } else {
            Vec::new()
        },
        ..stage_ref(s)
    };
    for i in removed_indices(&matched, old.len()) {
        if let Some(s) = old.get(i) {
            out.push(Change::new(
                Place::Stages(whole(s, maps.old)),
                Edit::Removed {
                    from: i,
                    value: s.to_value(),
                },
            ));
        }
    }
    let stay = unmoved(&matched);
    for (j, (b, (m, still))) in new.iter().zip(matched.iter().zip(stay)).enumerate() {
        let r = stage_ref(b);
        let Some((i, a)) = m.and_then(|i| old.get(i).map(|a| (i, a))) else {
            out.push(Change::new(
                Place::Stages(whole(b, maps.new)),
                Edit::Added {
                    to: j,
                    value: b.to_value(),
                },
            ));
            continue;
        };
        if !still {
            out.push(Change::new(
                Place::Stages(r.clone()),
                Edit::Moved {
                    from: i,
                    to: j,
                    value: b.to_value(),
                },
            ));
        }
        set(out, Place::Stage(r.clone()), "name", &a.name, &b.name);
        set(out, Place::Stage(r.clone()), "goal", &a.goal, &b.goal);
        if a.evidence != b.evidence {
            out.push(Change {
                place: Place::Stage(r.clone()),
                edit: Edit::Cites {
                    old: a.evidence.clone(),
                    new: b.evidence.clone(),
                },
                confidence: maps.confidence(&a.evidence, &b.evidence),
                whose: None,
            });
        }
        for (lane, title) in lanes_of(maps, a, b) {
            let p = Place::Lane(r.clone(), lane, title);
            match lane {
                Lane::Actions => list(out, &p, &a.actions, &b.actions, maps),
                Lane::Thoughts => list(out, &p, &a.thoughts, &b.thoughts, maps),
                Lane::Touchpoints => list(out, &p, &a.touchpoints, &b.touchpoints, maps),
                Lane::Emotions => list(out, &p, &a.emotions, &b.emotions, maps),
                Lane::PainPoints => list(out, &p, &a.pain_points, &b.pain_points, maps),
                Lane::Optimizations => list(out, &p, &a.optimizations, &b.optimizations, maps),
                Lane::Metrics => list(out, &p, &a.metrics, &b.metrics, maps),
                Lane::Extra(id) => list(out, &p, a.extra.items(id), b.extra.items(id), maps),
            }
        }
    }
}

/// The map's lanes as a list: the seven in their usual order when it does not
/// list them, so that a map gaining its first extra lane differs only by it.
pub fn spelled_out(map: &JourneyMap) -> Vec<LaneDef> {
    if map.lanes.is_empty() {
        Lane::ALL.into_iter().map(LaneDef::journey).collect()
    } else {
        map.lanes.clone()
    }
}

/// The changes to the map's list of lanes, matched by id: lanes that went,
/// then the new list in order (added, moved, a field set). Nothing for two maps
/// without lanes of their own, so their diffs read as before.
fn lanes(out: &mut Vec<Change>, old: &JourneyMap, new: &JourneyMap) {
    if old.lanes == new.lanes {
        return;
    }
    let (a, b) = (spelled_out(old), spelled_out(new));
    let matched: Vec<Option<usize>> = b
        .iter()
        .map(|d| a.iter().position(|x| x.id == d.id))
        .collect();
    for i in removed_indices(&matched, a.len()) {
        if let Some(d) = a.get(i) {
            out.push(Change::new(
                Place::Lanes(d.id.clone(), lane_def_title(d)),
                Edit::Removed {
                    from: i,
                    value: Value::Lane(d.clone()),
                },
            ));
        }
    }
    let stay = unmoved(&matched);
    for (j, (d, (m, still))) in b.iter().zip(matched.iter().zip(stay)).enumerate() {
        let place = Place::Lanes(d.id.clone(), lane_def_title(d));
        let Some((i, x)) = m.and_then(|i| a.get(i).map(|x| (i, x))) else {
            out.push(Change::new(
                place,
                Edit::Added {
                    to: j,
                    value: Value::Lane(d.clone()),
                },
            ));
            continue;
        };
        if !still {
            out.push(Change::new(
                place.clone(),
                Edit::Moved {
                    from: i,
                    to: j,
                    value: Value::Lane(d.clone()),
                },
            ));
        }
        for ((field, v), (_, w)) in lane_fields(x).into_iter().zip(lane_fields(d)) {
            set(out, place.clone(), field, &v, &w);
        }
    }
}

/// The fields of a lane a change may set, as the file names their values.
pub fn lane_fields(d: &LaneDef) -> [(&'static str, String); 3] {
    [
        ("title", d.title.clone()),
        ("kind", d.kind.name().to_string()),
        ("holds", d.holds.name().to_string()),
    ]
}

/// The lanes to compare two versions of a stage in, with their titles: the
/// new map's lanes in its order, then lanes only the old map had (their items
/// went with them). A stage's items under an id neither map lists are compared
/// too, so nothing a stage holds escapes the diff.
fn lanes_of(maps: &Maps, a: &Stage, b: &Stage) -> Vec<(Lane, String)> {
    let mut out: Vec<(Lane, String)> = Vec::new();
    for (map, _) in [(maps.new, ()), (maps.old, ())] {
        for lane in map.lane_sequence() {
            if !out.iter().any(|(l, _)| *l == lane) {
                out.push((lane, map.lane_title(lane)));
            }
        }
    }
    for id in a.extra.0.keys().chain(b.extra.0.keys()) {
        let lane = Lane::Extra(crate::model::intern(id));
        if !out.iter().any(|(l, _)| *l == lane) {
            out.push((lane, id.clone()));
        }
    }
    out
}
