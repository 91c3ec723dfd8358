//! What an operation changes, in words a person reads in the footer ("add
//! touchpoint "Quote form" in Acquisition"), and which element it touches, so
//! that undo, redo and moves can name the change and bring it into view.

use unicode_segmentation::UnicodeSegmentation;

use super::{Item, Op};
use crate::model::{JourneyMap, Lane, item_noun};

/// The element an operation touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// An item (or, after a removal, the place it was: the index may be one past
    /// the end, and the caller clamps it).
    Item {
        stage: usize,
        lane: Lane,
        index: usize,
    },
    Stage(usize),
    Persona,
    /// The map's title, summary and objectives.
    Info,
    /// The whole map: nothing in particular to select.
    Map,
}

/// Long texts are cut so that the sentence fits a footer line.
const QUOTE_GRAPHEMES: usize = 40;

fn quote(s: &str) -> String {
    let g: Vec<&str> = s.graphemes(true).collect();
    if g.len() <= QUOTE_GRAPHEMES {
        format!("\"{s}\"")
    } else {
        format!(
            "\"{}…\"",
            g.iter()
                .take(QUOTE_GRAPHEMES - 1)
                .copied()
                .collect::<String>()
        )
    }
}

fn citations_word(n: usize) -> String {
    if n == 1 {
        "1 citation".to_string()
    } else {
        format!("{n} citations")
    }
}

fn stage_name(map: &JourneyMap, i: usize) -> String {
    map.stages
        .get(i)
        .map(|s| s.name.clone())
        .unwrap_or_else(|| format!("stage {}", i + 1))
}

fn item_text(map: &JourneyMap, stage: usize, lane: Lane, index: usize) -> String {
    map.stages
        .get(stage)
        .and_then(|s| Item::get(s, lane, index))
        .map(|i| i.text().to_string())
        .unwrap_or_default()
}

impl Op {
    /// The change in words, read against the map as it is before the operation
    /// is applied (a removal names what it removes).
    pub fn describe(&self, map: &JourneyMap) -> String {
        match self {
            Op::InsertItem {
                stage, lane, item, ..
            } => format!(
                "add {} {} in {}",
                item_noun(*lane),
                quote(item.text()),
                stage_name(map, *stage)
            ),
            Op::RemoveItem { stage, lane, index } => format!(
                "delete {} {} from {}",
                item_noun(*lane),
                quote(&item_text(map, *stage, *lane, *index)),
                stage_name(map, *stage)
            ),
            Op::SetItem {
                stage, lane, item, ..
            } => format!(
                "edit {} {} in {}",
                item_noun(*lane),
                quote(item.text()),
                stage_name(map, *stage)
            ),
            Op::MoveItem {
                stage,
                lane,
                from,
                to,
            } => format!(
                "move {} {} {} in {}",
                item_noun(*lane),
                quote(&item_text(map, *stage, *lane, *from)),
                if to > from { "down" } else { "up" },
                stage_name(map, *stage)
            ),
            Op::Relocate { from, to, .. } => {
                let what = format!(
                    "{} {}",
                    item_noun(from.lane),
                    quote(&item_text(map, from.stage, from.lane, from.index))
                );
                let lane = if from.lane == to.lane {
                    String::new()
                } else {
                    format!("{} in ", map.lane_title(to.lane))
                };
                if from.stage == to.stage {
                    format!("move {what} to {lane}{}", stage_name(map, to.stage))
                } else {
                    format!(
                        "move {what} from {} to {lane}{}",
                        stage_name(map, from.stage),
                        stage_name(map, to.stage)
                    )
                }
            }
            Op::InsertStage { stage, .. } => format!("add stage {}", quote(&stage.name)),
            Op::RemoveStage { index } => {
                let items = map.stages.get(*index).map(|s| s.item_count()).unwrap_or(0);
                let what = match items {
                    0 => String::new(),
                    1 => " and its 1 item".to_string(),
                    n => format!(" and its {n} items"),
                };
                format!("delete stage {}{what}", quote(&stage_name(map, *index)))
            }
            Op::MoveStage { from, to } => format!(
                "move stage {} {}",
                quote(&stage_name(map, *from)),
                if to > from { "right" } else { "left" }
            ),
            Op::SetStageInfo { index, name, .. } => {
                let old = stage_name(map, *index);
                if old == *name {
                    format!("edit the goal of stage {}", quote(name))
                } else {
                    format!("rename stage {} to {}", quote(&old), quote(name))
                }
            }
            Op::SetPersona(p) => format!("edit persona {}", quote(&p.name)),
            Op::SetInfo { .. } => "edit the map's title, summary and objectives".to_string(),
            Op::SetVotes {
                stage,
                lane,
                index,
                votes,
            } => format!(
                "set the votes on {} {} in {} to {votes}",
                item_noun(*lane),
                quote(&item_text(map, *stage, *lane, *index)),
                stage_name(map, *stage)
            ),
            Op::ReorderLane { stage, lane, .. } => format!(
                "sort {} in {} by votes",
                map.lane_title(*lane).to_lowercase(),
                stage_name(map, *stage)
            ),
            Op::ReplaceMap(_) => "replace the whole map".to_string(),
            Op::Merge(_) => "merge the changes saved by another session".to_string(),
            Op::Resolve { label, .. } => label.clone(),
            Op::InsertEvidence {
                evidence,
                citations,
                ..
            } => match citations.len() {
                0 => format!("add evidence `{}`", evidence.id),
                n => format!(
                    "add evidence `{}` back with its {}",
                    evidence.id,
                    citations_word(n)
                ),
            },
            Op::RemoveEvidence { index } => {
                let id = map
                    .evidence
                    .get(*index)
                    .map(|e| e.id.clone())
                    .unwrap_or_default();
                match map.cited_by(&id).len() {
                    0 => format!("delete evidence `{id}`"),
                    n => format!("delete evidence `{id}` and its {}", citations_word(n)),
                }
            }
            Op::SetEvidence { index, evidence } => {
                let old = map
                    .evidence
                    .get(*index)
                    .map(|e| e.id.clone())
                    .unwrap_or_default();
                if old == evidence.id {
                    format!("edit evidence `{old}`")
                } else {
                    format!("edit evidence `{old}` (now `{}`)", evidence.id)
                }
            }
            Op::SetCitations { at, ids } => {
                let (what, now) = match *at {
                    crate::model::Path::Stage(s) => (
                        format!("stage {}", quote(&stage_name(map, s))),
                        map.stages.get(s).map(|s| s.evidence.clone()),
                    ),
                    crate::model::Path::Item(s, lane, i) => (
                        format!(
                            "{} {} in {}",
                            item_noun(lane),
                            quote(&item_text(map, s, lane, i)),
                            stage_name(map, s)
                        ),
                        map.citations(s, lane, i).map(<[String]>::to_vec),
                    ),
                    _ => (String::new(), None),
                };
                let now = now.unwrap_or_default();
                let added: Vec<&String> = ids.iter().filter(|i| !now.contains(i)).collect();
                let gone: Vec<&String> = now.iter().filter(|i| !ids.contains(i)).collect();
                match (added.as_slice(), gone.as_slice()) {
                    ([id], []) => format!("cite `{id}` on {what}"),
                    ([], [id]) => format!("take the citation of `{id}` off {what}"),
                    _ => format!("set the evidence {what} cites"),
                }
            }
            Op::SetLanes { label, .. } | Op::SetPersonas { label, .. } => label.clone(),
            Op::Linked { main, .. } => main.describe(map),
        }
    }

    /// What undoing a change did, in words, read against the map before the
    /// undo: `self` is the undo operation and `label` the change's own words.
    /// Most changes are named as they were made ("Undone: add …"); a change
    /// that sets a number says the number it went back to, so the footer never
    /// names the value the card no longer shows.
    pub fn describe_undo(&self, map: &JourneyMap, label: &str) -> String {
        match self {
            Op::SetVotes {
                stage,
                lane,
                index,
                votes,
            } => format!(
                "the votes on {} {} in {} back to {votes}",
                item_noun(*lane),
                quote(&item_text(map, *stage, *lane, *index)),
                stage_name(map, *stage)
            ),
            Op::Linked { main, .. } => main.describe_undo(map, label),
            _ => label.to_string(),
        }
    }

    /// The element this operation leaves changed, once applied.
    pub fn focus(&self) -> Focus {
        match self {
            Op::InsertItem {
                stage, lane, index, ..
            }
            | Op::RemoveItem { stage, lane, index }
            | Op::SetItem {
                stage, lane, index, ..
            }
            | Op::SetVotes {
                stage, lane, index, ..
            } => Focus::Item {
                stage: *stage,
                lane: *lane,
                index: *index,
            },
            Op::MoveItem {
                stage, lane, to, ..
            } => Focus::Item {
                stage: *stage,
                lane: *lane,
                index: *to,
            },
            Op::Relocate { to, .. } => Focus::Item {
                stage: to.stage,
                lane: to.lane,
                index: to.index,
            },
            // The top of the lane: after a sort by votes, the most voted.
            Op::ReorderLane { stage, lane, .. } => Focus::Item {
                stage: *stage,
                lane: *lane,
                index: 0,
            },
            Op::InsertStage { index, .. } | Op::SetStageInfo { index, .. } => Focus::Stage(*index),
            // The stage that now stands where the removed one was.
            Op::RemoveStage { index } => Focus::Stage(*index),
            Op::MoveStage { to, .. } => Focus::Stage(*to),
            Op::Linked { main, .. } => main.focus(),
            Op::SetPersona(_) | Op::SetPersonas { .. } => Focus::Persona,
            Op::SetInfo { .. } => Focus::Info,
            Op::SetCitations {
                at: crate::model::Path::Stage(s),
                ..
            } => Focus::Stage(*s),
            Op::SetCitations {
                at: crate::model::Path::Item(stage, lane, index),
                ..
            } => Focus::Item {
                stage: *stage,
                lane: *lane,
                index: *index,
            },
            Op::ReplaceMap(_)
            | Op::Merge(_)
            | Op::Resolve { .. }
            | Op::InsertEvidence { .. }
            | Op::RemoveEvidence { .. }
            | Op::SetEvidence { .. }
            | Op::SetCitations { .. }
            | Op::SetLanes { .. } => Focus::Map,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Stage, Touchpoint};

    #[test]
    fn a_change_names_its_element_and_stage() {
        let mut m = JourneyMap::new("T", "P");
        m.stages.push(Stage::named("Acquisition"));
        let add = Op::InsertItem {
            stage: 0,
            lane: Lane::Touchpoints,
            index: 0,
            item: Item::Touchpoint(Touchpoint {
                name: "Quote form".into(),
                ..Touchpoint::default()
            }),
        };
        assert_eq!(
            add.describe(&m),
            "add touchpoint \"Quote form\" in Acquisition"
        );
        let undo = add.apply(&mut m).unwrap();
        assert_eq!(
            undo.describe(&m),
            "delete touchpoint \"Quote form\" from Acquisition"
        );
        assert_eq!(
            undo.focus(),
            Focus::Item {
                stage: 0,
                lane: Lane::Touchpoints,
                index: 0
            }
        );
        let long = "x".repeat(100);
        assert_eq!(quote(&long).chars().count(), QUOTE_GRAPHEMES + 2);
    }
}
