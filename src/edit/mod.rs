//! Every change to a map as an operation that can be applied and reversed, and the
//! undo history built from them (after helix-core's history: `apply` returns the
//! inverse; a saved-revision mark, not a flag, says whether there are unsaved
//! changes). The editor changes the map only through here.

mod describe;
mod evidence;
mod history;
mod item;
mod lanes;
mod personas;
mod resolve;

pub use describe::Focus;
pub use evidence::{citing_element, toggle_citation};
pub use history::{Change, History};
pub use item::{Item, Slot, relocation};
pub use lanes::{
    LaneCells, add_lane, lane_item_count, move_lane, relinked, remove_lane, rename_lane,
    set_lane_holds,
};
pub use personas::{add_persona, persona_card_count, remove_persona, set_persona};
pub use resolve::{Choice, Refusal, locate, resolve};

use crate::model::{Evidence, JourneyMap, Lane, Path, Persona, Stage};

#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    InsertItem {
        stage: usize,
        lane: Lane,
        index: usize,
        item: Item,
    },
    RemoveItem {
        stage: usize,
        lane: Lane,
        index: usize,
    },
    SetItem {
        stage: usize,
        lane: Lane,
        index: usize,
        item: Item,
    },
    MoveItem {
        stage: usize,
        lane: Lane,
        from: usize,
        to: usize,
    },
    /// An item taken from one place and put in another: another stage, another
    /// lane, or both. `item` is what lands at `to` (the item itself, or it
    /// made into the target lane's kind), so that the inverse, which carries
    /// the item as it was, restores it exactly. `to.index` counts in the lane
    /// as it is once the item has left `from`.
    Relocate {
        from: Slot,
        to: Slot,
        item: Item,
    },
    InsertStage {
        index: usize,
        stage: Box<Stage>,
    },
    RemoveStage {
        index: usize,
    },
    MoveStage {
        from: usize,
        to: usize,
    },
    /// Name and goal of a stage. Its id stays (ids are what diffs match on)
    /// unless `id` gives a new one: the editor does that only for a map never
    /// saved, whose ids nobody has matched on yet.
    SetStageInfo {
        index: usize,
        name: String,
        goal: String,
        id: Option<String>,
    },
    SetPersona(Box<Persona>),
    SetInfo {
        title: String,
        summary: String,
        objectives: Vec<String>,
    },
    /// The votes of a pain point or an optimization, set outright so that the
    /// inverse is exact (the editor's `v`/`V` add and take one).
    SetVotes {
        stage: usize,
        lane: Lane,
        index: usize,
        votes: u32,
    },
    /// A lane put in a new order: item `i` afterwards is the one that stood at
    /// `order[i]`. Sorting by votes is one of these, so it is one undo step.
    ReorderLane {
        stage: usize,
        lane: Lane,
        order: Vec<usize>,
    },
    /// The whole map at once: the `$EDITOR` round trip and restoring a recovery file.
    ReplaceMap(Box<JourneyMap>),
    /// The map merged with what another session saved: one step, so that undo
    /// takes the other session's changes out again in one go, and named so.
    Merge(Box<JourneyMap>),
    /// A merge conflict resolved: the map with the chosen version in place and
    /// the record gone (see `resolve`). Its inverse brings the conflict back.
    Resolve {
        map: Box<JourneyMap>,
        label: String,
    },
    /// A piece of evidence added at `index`, and (undoing its removal) the
    /// citations it had, each at its place in its element's list.
    InsertEvidence {
        index: usize,
        evidence: Box<Evidence>,
        citations: Vec<(Path, usize)>,
    },
    /// A piece of evidence removed with every citation of it: one step, so
    /// the map stays valid.
    RemoveEvidence {
        index: usize,
    },
    /// A piece of evidence edited; a new id is taken by its citations.
    SetEvidence {
        index: usize,
        evidence: Box<Evidence>,
    },
    /// What one element cites (a stage for its actions and thoughts, or an
    /// item), set outright so that the inverse is exact.
    SetCitations {
        at: Path,
        ids: Vec<String>,
    },
    /// The map's lanes set outright (a lane added, renamed, moved, removed, or
    /// what it holds), with the items of the cells listed in `items` (what a
    /// removed lane takes along, which its undo brings back). `label` names
    /// the change, read while the lane still has its old title.
    SetLanes {
        lanes: Vec<crate::model::LaneDef>,
        items: LaneCells,
        label: String,
    },
    /// The map's personas set outright, the first first (a persona added,
    /// edited, removed), with the stages when the change reaches into them
    /// (a removed persona's emotions and her name on items). `label` names
    /// the change.
    SetPersonas {
        personas: Vec<Persona>,
        stages: Option<Vec<Stage>>,
        label: String,
    },
    /// A change and the changes that follow from it on other elements (an
    /// action's new text taken along by the lane items that serve it): one
    /// undo step, named and focused as `main`.
    Linked {
        main: Box<Op>,
        then: Vec<Op>,
    },
}

/// An operation that does not fit the map (an index out of range): refused whole,
/// the map untouched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutOfRange;

impl Op {
    /// Applies the operation and returns the one that undoes it.
    pub fn apply(&self, map: &mut JourneyMap) -> Result<Op, OutOfRange> {
        match self.clone() {
            Op::InsertItem {
                stage,
                lane,
                index,
                item,
            } => {
                let s = map.stages.get_mut(stage).ok_or(OutOfRange)?;
                item.insert(s, lane, index)?;
                Ok(Op::RemoveItem { stage, lane, index })
            }
            Op::RemoveItem { stage, lane, index } => {
                let s = map.stages.get_mut(stage).ok_or(OutOfRange)?;
                let item = Item::remove(s, lane, index)?;
                Ok(Op::InsertItem {
                    stage,
                    lane,
                    index,
                    item,
                })
            }
            Op::SetItem {
                stage,
                lane,
                index,
                item,
            } => {
                let s = map.stages.get_mut(stage).ok_or(OutOfRange)?;
                let old = item.replace(s, lane, index)?;
                Ok(Op::SetItem {
                    stage,
                    lane,
                    index,
                    item: old,
                })
            }
            Op::MoveItem {
                stage,
                lane,
                from,
                to,
            } => {
                let s = map.stages.get_mut(stage).ok_or(OutOfRange)?;
                let len = s.lane_len(lane);
                if from >= len || to >= len {
                    return Err(OutOfRange);
                }
                let item = Item::remove(s, lane, from)?;
                item.insert(s, lane, to)?;
                Ok(Op::MoveItem {
                    stage,
                    lane,
                    from: to,
                    to: from,
                })
            }
            Op::Relocate { from, to, item } => {
                let old = Item::remove(
                    map.stages.get_mut(from.stage).ok_or(OutOfRange)?,
                    from.lane,
                    from.index,
                )?;
                let landed = map
                    .stages
                    .get_mut(to.stage)
                    .ok_or(OutOfRange)
                    .and_then(|s| item.insert(s, to.lane, to.index));
                if landed.is_err() {
                    // Put it back where it was: refused whole, the map untouched.
                    if let Some(s) = map.stages.get_mut(from.stage) {
                        let _ = old.insert(s, from.lane, from.index);
                    }
                    return Err(OutOfRange);
                }
                Ok(Op::Relocate {
                    from: to,
                    to: from,
                    item: old,
                })
            }
            Op::InsertStage { index, stage } => {
                if index > map.stages.len() {
                    return Err(OutOfRange);
                }
                map.stages.insert(index, *stage);
                Ok(Op::RemoveStage { index })
            }
            Op::RemoveStage { index } => {
                if index >= map.stages.len() {
                    return Err(OutOfRange);
                }
                let stage = map.stages.remove(index);
                Ok(Op::InsertStage {
                    index,
                    stage: Box::new(stage),
                })
            }
            Op::MoveStage { from, to } => {
                if from >= map.stages.len() || to >= map.stages.len() {
                    return Err(OutOfRange);
                }
                let s = map.stages.remove(from);
                map.stages.insert(to, s);
                Ok(Op::MoveStage { from: to, to: from })
            }
            Op::SetStageInfo {
                index,
                name,
                goal,
                id,
            } => {
                if let Some(id) = &id
                    && map
                        .stages
                        .iter()
                        .enumerate()
                        .any(|(i, s)| i != index && s.id == *id)
                {
                    return Err(OutOfRange);
                }
                let s = map.stages.get_mut(index).ok_or(OutOfRange)?;
                let old_name = std::mem::replace(&mut s.name, name);
                let old_goal = std::mem::replace(&mut s.goal, goal);
                let old_id = id.map(|id| std::mem::replace(&mut s.id, id));
                Ok(Op::SetStageInfo {
                    index,
                    name: old_name,
                    goal: old_goal,
                    id: old_id,
                })
            }
            Op::SetPersona(p) => Ok(Op::SetPersona(Box::new(std::mem::replace(
                &mut map.persona,
                *p,
            )))),
            Op::SetInfo {
                title,
                summary,
                objectives,
            } => Ok(Op::SetInfo {
                title: std::mem::replace(&mut map.title, title),
                summary: std::mem::replace(&mut map.summary, summary),
                objectives: std::mem::replace(&mut map.objectives, objectives),
            }),
            Op::SetVotes {
                stage,
                lane,
                index,
                votes,
            } => {
                let s = map.stages.get_mut(stage).ok_or(OutOfRange)?;
                let slot = votes_mut(s, lane, index).ok_or(OutOfRange)?;
                let old = std::mem::replace(slot, votes);
                Ok(Op::SetVotes {
                    stage,
                    lane,
                    index,
                    votes: old,
                })
            }
            Op::ReorderLane { stage, lane, order } => {
                let s = map.stages.get_mut(stage).ok_or(OutOfRange)?;
                let inverse = inverse_permutation(&order, s.lane_len(lane)).ok_or(OutOfRange)?;
                reorder(s, lane, &order);
                Ok(Op::ReorderLane {
                    stage,
                    lane,
                    order: inverse,
                })
            }
            Op::ReplaceMap(m) => Ok(Op::ReplaceMap(Box::new(std::mem::replace(map, *m)))),
            Op::Merge(m) => Ok(Op::Merge(Box::new(std::mem::replace(map, *m)))),
            Op::Resolve { map: m, label } => Ok(Op::Resolve {
                map: Box::new(std::mem::replace(map, *m)),
                label,
            }),
            Op::InsertEvidence {
                index,
                evidence,
                citations,
            } => evidence::insert(map, index, *evidence, citations),
            Op::RemoveEvidence { index } => evidence::remove(map, index),
            Op::SetEvidence { index, evidence } => evidence::set(map, index, *evidence),
            Op::SetCitations { at, ids } => evidence::set_citations(map, at, ids),
            Op::SetLanes {
                lanes,
                items,
                label,
            } => lanes::set(map, lanes, items, label),
            Op::SetPersonas {
                personas,
                stages,
                label,
            } => personas::set(map, personas, stages, label),
            Op::Linked { main, then } => lanes::linked(map, *main, then),
        }
    }
}

/// The votes of an item, for the lanes that carry them.
pub fn votes(stage: &Stage, lane: Lane, index: usize) -> Option<u32> {
    match lane {
        Lane::PainPoints => stage.pain_points.get(index).map(|p| p.votes),
        Lane::Optimizations => stage.optimizations.get(index).map(|o| o.votes),
        _ => None,
    }
}

fn votes_mut(stage: &mut Stage, lane: Lane, index: usize) -> Option<&mut u32> {
    match lane {
        Lane::PainPoints => stage.pain_points.get_mut(index).map(|p| &mut p.votes),
        Lane::Optimizations => stage.optimizations.get_mut(index).map(|o| &mut o.votes),
        _ => None,
    }
}

/// One more or one fewer vote on an item: `None` when the item carries no votes,
/// or when taking one away from none (votes never go below 0).
pub fn vote(map: &JourneyMap, stage: usize, lane: Lane, index: usize, up: bool) -> Option<Op> {
    let now = votes(map.stages.get(stage)?, lane, index)?;
    let votes = if up {
        now.saturating_add(1)
    } else {
        now.checked_sub(1)?
    };
    (votes != now).then_some(Op::SetVotes {
        stage,
        lane,
        index,
        votes,
    })
}

/// The lane sorted by votes, most first; items with equal votes keep their order.
/// `None` when the lane carries no votes or is already in that order.
pub fn sort_by_votes(map: &JourneyMap, stage: usize, lane: Lane) -> Option<Op> {
    let s = map.stages.get(stage)?;
    let counts: Vec<u32> = (0..s.lane_len(lane))
        .map(|i| votes(s, lane, i))
        .collect::<Option<_>>()?;
    if !matches!(lane, Lane::PainPoints | Lane::Optimizations) {
        return None;
    }
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(counts.get(i).copied().unwrap_or(0)));
    let unchanged = order.iter().enumerate().all(|(i, &o)| i == o);
    (!unchanged).then_some(Op::ReorderLane { stage, lane, order })
}

/// The inverse of `order` when it is a permutation of `0..len`.
fn inverse_permutation(order: &[usize], len: usize) -> Option<Vec<usize>> {
    if order.len() != len {
        return None;
    }
    let mut inverse = vec![usize::MAX; len];
    for (i, &o) in order.iter().enumerate() {
        let slot = inverse.get_mut(o)?;
        if *slot != usize::MAX {
            return None;
        }
        *slot = i;
    }
    Some(inverse)
}

/// Applies a permutation already checked by `inverse_permutation`.
fn reorder(stage: &mut Stage, lane: Lane, order: &[usize]) {
    fn permute<T: Clone>(v: &mut Vec<T>, order: &[usize]) {
        let new: Vec<T> = order.iter().filter_map(|&i| v.get(i).cloned()).collect();
        if new.len() == v.len() {
            *v = new;
        }
    }
    match lane {
        Lane::Actions => permute(&mut stage.actions, order),
        Lane::Thoughts => permute(&mut stage.thoughts, order),
        Lane::Touchpoints => permute(&mut stage.touchpoints, order),
        Lane::Emotions => permute(&mut stage.emotions, order),
        Lane::PainPoints => permute(&mut stage.pain_points, order),
        Lane::Optimizations => permute(&mut stage.optimizations, order),
        Lane::Metrics => permute(&mut stage.metrics, order),
        Lane::Extra(id) => {
            if let Some(items) = stage.extra.0.get_mut(id) {
                permute(items, order);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Emotion, PainPoint, Touchpoint};

    fn sample() -> JourneyMap {
        let mut m = JourneyMap::new("T", "P");
        m.stages.push(Stage::named("One"));
        m.stages.push(Stage::named("Two"));
        m.stages[0].actions = vec!["a".into(), "b".into(), "c".into()];
        m.stages[0].pain_points = [("slow", 1), ("dear", 3), ("rude", 3)]
            .map(|(t, votes)| PainPoint {
                text: t.into(),
                votes,
                ..PainPoint::default()
            })
            .to_vec();
        m
    }

    #[test]
    fn votes_go_up_and_down_but_never_below_zero() {
        let mut m = sample();
        let up = vote(&m, 0, Lane::PainPoints, 0, true).unwrap();
        up.apply(&mut m).unwrap();
        assert_eq!(m.stages[0].pain_points[0].votes, 2);
        for _ in 0..2 {
            vote(&m, 0, Lane::PainPoints, 0, false)
                .unwrap()
                .apply(&mut m)
                .unwrap();
        }
        assert_eq!(m.stages[0].pain_points[0].votes, 0);
        assert_eq!(vote(&m, 0, Lane::PainPoints, 0, false), None);
        assert_eq!(
            vote(&m, 0, Lane::Actions, 0, true),
            None,
            "no votes on actions"
        );
        assert_eq!(vote(&m, 0, Lane::PainPoints, 9, true), None);
    }

    #[test]
    fn sorting_by_votes_is_stable_and_undone_in_one_step() {
        let mut m = sample();
        let before = m.clone();
        let op = sort_by_votes(&m, 0, Lane::PainPoints).unwrap();
        let undo = op.apply(&mut m).unwrap();
        let texts: Vec<&str> = m.stages[0]
            .pain_points
            .iter()
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(texts, ["dear", "rude", "slow"]);
        assert_eq!(
            sort_by_votes(&m, 0, Lane::PainPoints),
            None,
            "already sorted"
        );
        assert_eq!(sort_by_votes(&m, 0, Lane::Actions), None);
        undo.apply(&mut m).unwrap();
        assert_eq!(m, before);
    }

    #[test]
    fn a_relocation_walks_an_item_keeps_it_whole_and_converts_between_lanes() {
        let mut m = sample();
        let from = Slot {
            stage: 0,
            lane: Lane::PainPoints,
            index: 2,
        };
        let op = relocation(&m, from, 1, Lane::PainPoints, false).unwrap();
        assert_eq!(op.describe(&m), "move pain point \"rude\" from One to Two");
        op.apply(&mut m).unwrap();
        assert_eq!(m.stages[1].pain_points[0].votes, 3, "votes go along");
        assert_eq!(m.stages[0].pain_points.len(), 2);
        // Into the other voted lane: text, votes and level kept.
        let from = Slot {
            stage: 1,
            lane: Lane::PainPoints,
            index: 0,
        };
        let op = relocation(&m, from, 1, Lane::Optimizations, false).unwrap();
        assert_eq!(
            op.describe(&m),
            "move pain point \"rude\" to Optimizations in Two"
        );
        op.apply(&mut m).unwrap();
        let o = &m.stages[1].optimizations[0];
        assert_eq!((o.text.as_str(), o.votes), ("rude", 3));
        // Nowhere to go: the same place, a stage that is not there.
        let at = Slot {
            stage: 1,
            lane: Lane::Optimizations,
            index: 0,
        };
        assert_eq!(relocation(&m, at, 1, Lane::Optimizations, false), None);
        assert_eq!(relocation(&m, at, 5, Lane::Optimizations, false), None);
        // A copy carries no votes and lands after the original in its own cell.
        let copy = relocation(&m, at, 1, Lane::Optimizations, true).unwrap();
        copy.apply(&mut m).unwrap();
        assert_eq!(m.stages[1].optimizations[1].votes, 0);
        assert_eq!(m.stages[1].optimizations[1].text, "rude");
    }

    #[test]
    fn a_reorder_that_is_not_a_permutation_is_refused() {
        let mut m = sample();
        let before = m.clone();
        for order in [vec![0, 0, 1], vec![0, 1], vec![0, 1, 5]] {
            let op = Op::ReorderLane {
                stage: 0,
                lane: Lane::Actions,
                order,
            };
            assert_eq!(op.apply(&mut m), Err(OutOfRange));
            assert_eq!(m, before);
        }
    }

    #[test]
    fn every_op_is_undone_by_its_inverse() {
        let ops = vec![
            Op::InsertItem {
                stage: 0,
                lane: Lane::Touchpoints,
                index: 0,
                item: Item::Touchpoint(Touchpoint {
                    name: "Web".into(),
                    ..Touchpoint::default()
                }),
            },
            Op::InsertItem {
                stage: 1,
                lane: Lane::Emotions,
                index: 0,
                item: Item::Emotion(Emotion::default()),
            },
            Op::RemoveItem {
                stage: 0,
                lane: Lane::Actions,
                index: 1,
            },
            Op::SetItem {
                stage: 0,
                lane: Lane::Actions,
                index: 2,
                item: Item::Text("z".into()),
            },
            Op::MoveItem {
                stage: 0,
                lane: Lane::Actions,
                from: 0,
                to: 2,
            },
            Op::InsertStage {
                index: 2,
                stage: Box::new(Stage::named("Three")),
            },
            Op::RemoveStage { index: 0 },
            Op::MoveStage { from: 0, to: 1 },
            Op::SetStageInfo {
                index: 1,
                name: "Uno".into(),
                goal: "g".into(),
                id: None,
            },
            Op::SetStageInfo {
                index: 1,
                name: "Uno".into(),
                goal: String::new(),
                id: Some("uno".into()),
            },
            Op::Relocate {
                from: Slot {
                    stage: 0,
                    lane: Lane::PainPoints,
                    index: 2,
                },
                to: Slot {
                    stage: 1,
                    lane: Lane::PainPoints,
                    index: 0,
                },
                item: Item::PainPoint(PainPoint {
                    text: "rude".into(),
                    votes: 3,
                    ..PainPoint::default()
                }),
            },
            Op::Relocate {
                from: Slot {
                    stage: 0,
                    lane: Lane::PainPoints,
                    index: 1,
                },
                to: Slot {
                    stage: 0,
                    lane: Lane::Optimizations,
                    index: 0,
                },
                item: Item::with_text(Lane::Optimizations, "dear".into()),
            },
            Op::SetPersona(Box::default()),
            Op::SetInfo {
                title: "New".into(),
                summary: "s".into(),
                objectives: vec!["o".into()],
            },
            Op::SetVotes {
                stage: 0,
                lane: Lane::PainPoints,
                index: 1,
                votes: 7,
            },
            Op::ReorderLane {
                stage: 0,
                lane: Lane::Actions,
                order: vec![2, 0, 1],
            },
            Op::ReplaceMap(Box::new(JourneyMap::new("X", "Y"))),
            Op::Merge(Box::new(JourneyMap::new("X", "Y"))),
        ];
        for op in ops {
            let mut m = sample();
            let before = m.clone();
            let inv = op.apply(&mut m).unwrap();
            assert_ne!(m, before, "{op:?} changed nothing");
            let again = inv.apply(&mut m).unwrap();
            assert_eq!(m, before, "{op:?}");
            // And the inverse of the inverse redoes the change.
            let mut m2 = before.clone();
            op.apply(&mut m2).unwrap();
            let mut m3 = before.clone();
            again.apply(&mut m3).unwrap();
            assert_eq!(m2, m3);
        }
    }

    #[test]
    fn out_of_range_is_refused_and_changes_nothing() {
        let mut m = sample();
        let before = m.clone();
        for op in [
            Op::RemoveItem {
                stage: 0,
                lane: Lane::Actions,
                index: 3,
            },
            Op::RemoveItem {
                stage: 5,
                lane: Lane::Actions,
                index: 0,
            },
            Op::MoveStage { from: 0, to: 2 },
            Op::InsertItem {
                stage: 0,
                lane: Lane::Actions,
                index: 9,
                item: Item::Text("x".into()),
            },
            Op::InsertItem {
                stage: 0,
                lane: Lane::Metrics,
                index: 0,
                item: Item::Text("wrong kind".into()),
            },
            // An item of the wrong kind for its target lane: the item it was
            // to replace goes back where it stood.
            Op::Relocate {
                from: Slot {
                    stage: 0,
                    lane: Lane::Actions,
                    index: 1,
                },
                to: Slot {
                    stage: 1,
                    lane: Lane::Metrics,
                    index: 0,
                },
                item: Item::Text("b".into()),
            },
            Op::Relocate {
                from: Slot {
                    stage: 0,
                    lane: Lane::Actions,
                    index: 0,
                },
                to: Slot {
                    stage: 7,
                    lane: Lane::Actions,
                    index: 0,
                },
                item: Item::Text("a".into()),
            },
            // Two stages never share an id.
            Op::SetStageInfo {
                index: 1,
                name: "One".into(),
                goal: String::new(),
                id: Some("one".into()),
            },
        ] {
            assert_eq!(op.apply(&mut m), Err(OutOfRange), "{op:?}");
            assert_eq!(m, before);
        }
    }
}
