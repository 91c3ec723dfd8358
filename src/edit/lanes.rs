//! Changes to the map's lanes (add, rename, move, remove, what one holds) as
//! operations, and an action's new text taken along by the lane items that
//! serve it. A lane change sets the map's list of lanes outright, so its
//! inverse is the list as it was, exactly, whatever the model's tidying
//! (spelling the seven out, forgetting a list that says nothing) did.

use super::{Item, Op, OutOfRange};
use crate::model::{Holds, JourneyMap, Lane, LaneDef, LaneItem, LaneKind};

/// The items of one extra lane in one stage: `(stage, lane id, items)`.
pub type LaneCells = Vec<(usize, String, Vec<LaneItem>)>;

/// Applies an `Op::SetLanes`: the list swapped in, and each listed cell's
/// items; refused whole when a stage is not there.
pub(super) fn set(
    map: &mut JourneyMap,
    lanes: Vec<LaneDef>,
    items: LaneCells,
    label: String,
) -> Result<Op, OutOfRange> {
    if items.iter().any(|(s, _, _)| *s >= map.stages.len()) {
        return Err(OutOfRange);
    }
    let old_lanes = std::mem::replace(&mut map.lanes, lanes);
    let mut old_items = Vec::with_capacity(items.len());
    for (s, id, list) in items {
        if let Some(stage) = map.stages.get_mut(s) {
            let old = std::mem::replace(stage.extra.items_mut(&id), list);
            stage.extra.prune();
            old_items.push((s, id, old));
        }
    }
    Ok(Op::SetLanes {
        lanes: old_lanes,
        items: old_items,
        label,
    })
}

fn quote(s: &str) -> String {
    format!("\"{s}\"")
}

/// The map's lanes alone, for the model's lane functions to work on without
/// copying the stages.
fn lanes_of(map: &JourneyMap) -> JourneyMap {
    JourneyMap {
        lanes: map.lanes.clone(),
        ..JourneyMap::default()
    }
}

/// A new lane of `kind` titled `title` after `after`, and the lane it will be.
pub fn add_lane(map: &JourneyMap, title: &str, kind: LaneKind, after: Option<Lane>) -> (Op, Lane) {
    let mut m = lanes_of(map);
    let lane = m.add_lane(title.trim(), kind, after);
    let label = format!("add lane {}", quote(&m.lane_title(lane)));
    (
        Op::SetLanes {
            lanes: m.lanes,
            items: Vec::new(),
            label,
        },
        lane,
    )
}

/// A lane's new title; `None` when nothing would change or the title is
/// refused (an extra lane needs one).
pub fn rename_lane(map: &JourneyMap, lane: Lane, title: &str) -> Option<Op> {
    let mut m = lanes_of(map);
    let old = map.lane_title(lane);
    let title = title.trim();
    if !m.rename_lane(lane, title) || m.lanes == map.lanes {
        return None;
    }
    Some(Op::SetLanes {
        label: format!(
            "rename lane {} to {}",
            quote(&old),
            quote(&m.lane_title(lane))
        ),
        lanes: m.lanes,
        items: Vec::new(),
    })
}

/// A lane one place up (`-1`) or down (`1`) the grid; `None` at an end.
pub fn move_lane(map: &JourneyMap, lane: Lane, delta: isize) -> Option<Op> {
    let mut m = lanes_of(map);
    if !m.move_lane(lane, delta) {
        return None;
    }
    let way = if delta < 0 { "up" } else { "down" };
    Some(Op::SetLanes {
        label: format!("move lane {} {way}", quote(&map.lane_title(lane))),
        lanes: m.lanes,
        items: Vec::new(),
    })
}

/// An extra lane taken out with its items (its undo brings both back);
/// `None` for a journey lane, which every map keeps.
pub fn remove_lane(map: &JourneyMap, lane: Lane) -> Option<Op> {
    let Lane::Extra(id) = lane else {
        return None;
    };
    map.lane_def(lane)?;
    let mut m = lanes_of(map);
    m.remove_lane(lane);
    let items: LaneCells = map
        .stages
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.extra.items(id).is_empty())
        .map(|(i, _)| (i, id.to_string(), Vec::new()))
        .collect();
    let n = lane_item_count(map, lane);
    let what = match n {
        0 => String::new(),
        1 => " and its 1 card".to_string(),
        n => format!(" and its {n} cards"),
    };
    Some(Op::SetLanes {
        label: format!("delete lane {}{what}", quote(&map.lane_title(lane))),
        lanes: m.lanes,
        items,
    })
}

/// What an extra lane's items hold; `None` for a journey lane or no change.
pub fn set_lane_holds(map: &JourneyMap, lane: Lane, holds: Holds) -> Option<Op> {
    let mut m = lanes_of(map);
    if !m.set_lane_holds(lane, holds) || m.lanes == map.lanes {
        return None;
    }
    Some(Op::SetLanes {
        label: format!(
            "lane {} now holds {}",
            quote(&map.lane_title(lane)),
            holds.label()
        ),
        lanes: m.lanes,
        items: Vec::new(),
    })
}

/// How many items a lane holds across the stages.
pub fn lane_item_count(map: &JourneyMap, lane: Lane) -> usize {
    map.stages.iter().map(|s| s.lane_len(lane)).sum()
}

/// An action's text changed: the same change, with the lane items that
/// served the old text serving the new one, as one step (undo takes both
/// back). Any other operation comes back as it was.
pub fn relinked(map: &JourneyMap, op: Op) -> Op {
    let Op::SetItem {
        stage,
        lane: Lane::Actions,
        index,
        item: Item::Text(new),
    } = &op
    else {
        return op;
    };
    let Some(s) = map.stages.get(*stage) else {
        return op;
    };
    let Some(old) = s.actions.get(*index) else {
        return op;
    };
    if old == new || old.is_empty() {
        return op;
    }
    let mut then = Vec::new();
    for lane in map.extra_lanes() {
        for (i, item) in s.extra_items(lane).iter().enumerate() {
            if item.serves == *old {
                then.push(Op::SetItem {
                    stage: *stage,
                    lane,
                    index: i,
                    item: Item::Lane(LaneItem {
                        serves: new.clone(),
                        ..item.clone()
                    }),
                });
            }
        }
    }
    if then.is_empty() {
        return op;
    }
    Op::Linked {
        main: Box::new(op),
        then,
    }
}

/// Applies an `Op::Linked`: the main change, then the ones that follow from
/// it; refused whole (what was applied taken back) when one does not fit.
pub(super) fn linked(map: &mut JourneyMap, main: Op, then: Vec<Op>) -> Result<Op, OutOfRange> {
    let main_undo = main.apply(map)?;
    let mut undo: Vec<Op> = Vec::with_capacity(then.len());
    for op in then {
        match op.apply(map) {
            Ok(u) => undo.push(u),
            Err(e) => {
                for u in undo.into_iter().rev() {
                    let _ = u.apply(map);
                }
                let _ = main_undo.apply(map);
                return Err(e);
            }
        }
    }
    undo.reverse();
    Ok(Op::Linked {
        main: Box::new(main_undo),
        then: undo,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stage;

    fn map() -> JourneyMap {
        let mut m = JourneyMap::new("T", "P");
        let mut s = Stage::named("Arrival");
        s.actions.push("Checks in".into());
        m.stages.push(s);
        m
    }

    /// The map with a frontstage lane "Front" holding one card that serves
    /// the stage's action.
    fn with_front_card() -> (JourneyMap, Lane) {
        let mut m = map();
        let (op, lane) = add_lane(&m, "Front", LaneKind::Frontstage, None);
        op.apply(&mut m).unwrap();
        m.stages[0].extra.items_mut(lane.key()).push(LaneItem {
            text: "Greets".into(),
            serves: "Checks in".into(),
            ..LaneItem::default()
        });
        (m, lane)
    }

    #[test]
    fn adding_and_undoing_a_lane_leaves_the_map_as_it_was() {
        let mut m = map();
        let before = m.clone();
        let (op, lane) = add_lane(&m, "Front desk", LaneKind::Frontstage, Some(Lane::Actions));
        let undo = op.apply(&mut m).unwrap();
        assert_eq!(m.lane_sequence().get(1), Some(&lane));
        assert_eq!(m.lane_title(lane), "Front desk");
        undo.apply(&mut m).unwrap();
        assert_eq!(m, before);
    }

    #[test]
    fn removing_a_lane_takes_its_items_and_undo_brings_them_back() {
        let (mut m, lane) = with_front_card();
        let with = m.clone();
        let rm = remove_lane(&m, lane).unwrap();
        assert_eq!(rm.describe(&m), "delete lane \"Front\" and its 1 card");
        let undo = rm.apply(&mut m).unwrap();
        assert!(!m.has_lanes());
        assert_eq!(m.stages[0].item_count(), 1);
        undo.apply(&mut m).unwrap();
        assert_eq!(m, with);
        assert_eq!(remove_lane(&m, Lane::Actions), None);
    }

    #[test]
    fn an_action_edit_takes_the_items_serving_it_along_and_back() {
        let (mut m, lane) = with_front_card();
        let before = m.clone();
        let edit = relinked(
            &m,
            Op::SetItem {
                stage: 0,
                lane: Lane::Actions,
                index: 0,
                item: Item::Text("Checks in at the desk".into()),
            },
        );
        assert!(matches!(edit, Op::Linked { .. }));
        let undo = edit.apply(&mut m).unwrap();
        assert_eq!(
            m.stages[0].extra_items(lane)[0].serves,
            "Checks in at the desk"
        );
        assert!(m.dangling_serves().is_empty());
        undo.apply(&mut m).unwrap();
        assert_eq!(m, before);
    }
}
