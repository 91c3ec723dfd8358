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
pub mod render;
pub mod summary;

pub use apply::{ApplyError, apply};

use crate::model::{Confidence, Evidence, JourneyMap, Lane, Stage};
use matching::{Element, in_order, match_lists};

/// A stage as a change names it: by id (what matching uses) and by name (what a
/// reader recognises: the new name, or the old one for a removed stage).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageRef {
    pub id: String,
    pub name: String,
}

/// Where a change happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The map's title, summary or framework (`Edit::Set`).
    Map,
    Objectives,
    /// The persona's name, role, quote or summary (`Edit::Set`).
    Persona,
    /// One of the persona's lists: `goals`, `needs`, `frustrations`, `behaviors`, `traits`.
    PersonaList(&'static str),
    /// The list of stages: a stage added, removed or moved.
    Stages(StageRef),
    /// A stage's name or goal (`Edit::Set`).
    Stage(StageRef),
    Lane(StageRef, Lane),
    /// One entry of the map's evidence, by id (entries are matched by id, which
    /// citations point at and which survives edits of the text).
    Evidence(String),
}

/// One element of any list in a map, as a change carries it (the same type a
/// recorded conflict holds each side in).
pub use crate::model::Element as Value;

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
}

impl Change {
    fn new(place: Place, edit: Edit) -> Change {
        Change {
            place,
            edit,
            confidence: None,
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
    let (p, q) = (&old.persona, &new.persona);
    for (field, a, b) in [
        ("name", &p.name, &q.name),
        ("role", &p.role, &q.role),
        ("quote", &p.quote, &q.quote),
        ("summary", &p.summary, &q.summary),
    ] {
        set(&mut out, Place::Persona, field, a, b);
    }
    for (key, a, b) in persona_lists(p, q) {
        list(&mut out, &Place::PersonaList(key), a, b, &maps);
    }
    list(
        &mut out,
        &Place::PersonaList("traits"),
        &p.traits,
        &q.traits,
        &maps,
    );
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
        });
    }
}

fn stages(out: &mut Vec<Change>, old: &[Stage], new: &[Stage], maps: &Maps) {
    let matched = match_lists(old, new);
    for i in removed_indices(&matched, old.len()) {
        if let Some(s) = old.get(i) {
            out.push(Change::new(
                Place::Stages(stage_ref(s)),
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
                Place::Stages(r),
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
            });
        }
        for lane in Lane::ALL {
            let p = Place::Lane(r.clone(), lane);
            match lane {
                Lane::Actions => list(out, &p, &a.actions, &b.actions, maps),
                Lane::Thoughts => list(out, &p, &a.thoughts, &b.thoughts, maps),
                Lane::Touchpoints => list(out, &p, &a.touchpoints, &b.touchpoints, maps),
                Lane::Emotions => list(out, &p, &a.emotions, &b.emotions, maps),
                Lane::PainPoints => list(out, &p, &a.pain_points, &b.pain_points, maps),
                Lane::Optimizations => list(out, &p, &a.optimizations, &b.optimizations, maps),
                Lane::Metrics => list(out, &p, &a.metrics, &b.metrics, maps),
                // LANES-TODO
                Lane::Extra(_) => {}
            }
        }
    }
}
