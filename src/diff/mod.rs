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
pub mod comment;
pub mod compare;
pub mod conflicts;
pub mod matching;
pub mod merge;
pub mod render;
pub mod summary;

pub use apply::{ApplyError, apply};

use crate::model::{JourneyMap, Lane, Stage};
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
}

#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub place: Place,
    pub edit: Edit,
}

/// The changes that turn `old` into `new`, in reading order: the map's fields, the
/// persona, then stage by stage in the new map's order (removed stages first).
pub fn diff(old: &JourneyMap, new: &JourneyMap) -> Vec<Change> {
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
        list(&mut out, &Place::PersonaList(key), a, b);
    }
    list(
        &mut out,
        &Place::PersonaList("traits"),
        &p.traits,
        &q.traits,
    );
    stages(&mut out, &old.stages, &new.stages);
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
        out.push(Change {
            place,
            edit: Edit::Set {
                field,
                old: old.to_string(),
                new: new.to_string(),
            },
        });
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

fn list<T: Element>(out: &mut Vec<Change>, place: &Place, old: &[T], new: &[T]) {
    let matched = match_lists(old, new);
    for i in removed_indices(&matched, old.len()) {
        if let Some(v) = old.get(i) {
            out.push(Change {
                place: place.clone(),
                edit: Edit::Removed {
                    from: i,
                    value: v.to_value(),
                },
            });
        }
    }
    let stay = unmoved(&matched);
    for (j, (b, (m, still))) in new.iter().zip(matched.iter().zip(stay)).enumerate() {
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
        });
    }
}

fn stages(out: &mut Vec<Change>, old: &[Stage], new: &[Stage]) {
    let matched = match_lists(old, new);
    for i in removed_indices(&matched, old.len()) {
        if let Some(s) = old.get(i) {
            out.push(Change {
                place: Place::Stages(stage_ref(s)),
                edit: Edit::Removed {
                    from: i,
                    value: s.to_value(),
                },
            });
        }
    }
    let stay = unmoved(&matched);
    for (j, (b, (m, still))) in new.iter().zip(matched.iter().zip(stay)).enumerate() {
        let r = stage_ref(b);
        let Some((i, a)) = m.and_then(|i| old.get(i).map(|a| (i, a))) else {
            out.push(Change {
                place: Place::Stages(r),
                edit: Edit::Added {
                    to: j,
                    value: b.to_value(),
                },
            });
            continue;
        };
        if !still {
            out.push(Change {
                place: Place::Stages(r.clone()),
                edit: Edit::Moved {
                    from: i,
                    to: j,
                    value: b.to_value(),
                },
            });
        }
        set(out, Place::Stage(r.clone()), "name", &a.name, &b.name);
        set(out, Place::Stage(r.clone()), "goal", &a.goal, &b.goal);
        for lane in Lane::ALL {
            let p = Place::Lane(r.clone(), lane);
            match lane {
                Lane::Actions => list(out, &p, &a.actions, &b.actions),
                Lane::Thoughts => list(out, &p, &a.thoughts, &b.thoughts),
                Lane::Touchpoints => list(out, &p, &a.touchpoints, &b.touchpoints),
                Lane::Emotions => list(out, &p, &a.emotions, &b.emotions),
                Lane::PainPoints => list(out, &p, &a.pain_points, &b.pain_points),
                Lane::Optimizations => list(out, &p, &a.optimizations, &b.optimizations),
                Lane::Metrics => list(out, &p, &a.metrics, &b.metrics),
            }
        }
    }
}
