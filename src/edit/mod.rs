//! Every change to a map as an operation that can be applied and reversed, and the
//! undo history built from them (after helix-core's history: `apply` returns the
//! inverse; a saved-revision mark, not a flag, says whether there are unsaved
//! changes). The editor changes the map only through here.

mod describe;
mod history;
mod item;

pub use describe::Focus;
pub use history::{Change, History};
pub use item::Item;

use crate::model::{JourneyMap, Lane, Persona, Stage};

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
    /// Name and goal of a stage (its id stays: ids are what diffs match on).
    SetStageInfo {
        index: usize,
        name: String,
        goal: String,
    },
    SetPersona(Box<Persona>),
    SetInfo {
        title: String,
        summary: String,
        objectives: Vec<String>,
    },
    /// The whole map at once: the `$EDITOR` round trip and restoring a recovery file.
    ReplaceMap(Box<JourneyMap>),
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
            Op::SetStageInfo { index, name, goal } => {
                let s = map.stages.get_mut(index).ok_or(OutOfRange)?;
                let old_name = std::mem::replace(&mut s.name, name);
                let old_goal = std::mem::replace(&mut s.goal, goal);
                Ok(Op::SetStageInfo {
                    index,
                    name: old_name,
                    goal: old_goal,
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
            Op::ReplaceMap(m) => Ok(Op::ReplaceMap(Box::new(std::mem::replace(map, *m)))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Emotion, Touchpoint};

    fn sample() -> JourneyMap {
        let mut m = JourneyMap::new("T", "P");
        m.stages.push(Stage::named("One"));
        m.stages.push(Stage::named("Two"));
        m.stages[0].actions = vec!["a".into(), "b".into(), "c".into()];
        m
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
            },
            Op::SetPersona(Box::default()),
            Op::SetInfo {
                title: "New".into(),
                summary: "s".into(),
                objectives: vec!["o".into()],
            },
            Op::ReplaceMap(Box::new(JourneyMap::new("X", "Y"))),
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
        ] {
            assert_eq!(op.apply(&mut m), Err(OutOfRange), "{op:?}");
            assert_eq!(m, before);
        }
    }
}
