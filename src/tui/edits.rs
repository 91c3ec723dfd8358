//! Every change to the map goes through here, so it can be undone: the update
//! loop, the session (a file restored from autosave) and the components (the
//! conflict resolver) all apply their operations with `apply`, which sits below
//! all of them.

use super::app::App;
use crate::edit::{Item, Op};
use crate::model::unique_slug;

/// Applies an operation through the history. An operation that would change
/// nothing is not recorded, so it does not make the map dirty.
/// An action's new text is taken along by the lane items that serve it, in
/// the same step.
pub fn apply(app: &mut App, op: Op) -> bool {
    let op = ids_follow_names(app, op);
    let op = crate::edit::relinked(&app.doc.map, op);
    if is_noop(app, &op) {
        return false;
    }
    match app.doc.history.apply(&mut app.doc.map, op) {
        Ok(()) => true,
        Err(_) => {
            app.error("That change does not fit the map any more");
            false
        }
    }
}

/// A stage renamed on a map never saved takes the new name's id: nothing has
/// matched on the old one yet, and a template's id (`awareness` under "Search &
/// book") would only puzzle whoever reads the file. Once the file exists, ids
/// stay, so that diffs see renames as renames.
fn ids_follow_names(app: &App, op: Op) -> Op {
    match op {
        Op::SetStageInfo {
            index,
            name,
            goal,
            id: None,
        } if app.doc.new_map
            && app
                .doc
                .map
                .stages
                .get(index)
                .is_some_and(|s| s.name != name) =>
        {
            let stages = &app.doc.map.stages;
            let id = unique_slug(&name, |c| {
                stages
                    .iter()
                    .enumerate()
                    .any(|(i, s)| i != index && s.id == c)
            });
            Op::SetStageInfo {
                index,
                name,
                goal,
                id: Some(id),
            }
        }
        op => op,
    }
}

fn is_noop(app: &App, op: &Op) -> bool {
    match op {
        Op::SetItem {
            stage,
            lane,
            index,
            item,
        } => app
            .doc
            .map
            .stages
            .get(*stage)
            .and_then(|s| Item::get(s, *lane, *index))
            .is_some_and(|cur| cur == *item),
        Op::SetStageInfo {
            index,
            name,
            goal,
            id,
        } => app.doc.map.stages.get(*index).is_some_and(|s| {
            s.name == *name && s.goal == *goal && id.as_ref().is_none_or(|id| s.id == *id)
        }),
        Op::SetPersona(p) => app.doc.map.persona == **p,
        Op::SetInfo {
            title,
            summary,
            objectives,
        } => {
            app.doc.map.title == *title
                && app.doc.map.summary == *summary
                && app.doc.map.objectives == *objectives
        }
        Op::ReplaceMap(m) | Op::Merge(m) => app.doc.map == **m,
        Op::SetLanes { lanes, items, .. } => {
            app.doc.map.lanes == *lanes
                && items.iter().all(|(s, id, list)| {
                    app.doc
                        .map
                        .stages
                        .get(*s)
                        .is_some_and(|s| s.extra.items(id) == list.as_slice())
                })
        }
        Op::SetPersonas {
            personas, stages, ..
        } => {
            app.doc.map.personas().eq(personas.iter())
                && stages.as_ref().is_none_or(|s| app.doc.map.stages == *s)
        }
        Op::MoveItem { from, to, .. } | Op::MoveStage { from, to } => from == to,
        Op::SetCitations { at, ids } => {
            let now = match *at {
                crate::model::Path::Stage(s) => app.doc.map.stages.get(s).map(|s| &s.evidence[..]),
                crate::model::Path::Item(s, lane, i) => app.doc.map.citations(s, lane, i),
                _ => None,
            };
            now.is_some_and(|n| n == ids.as_slice())
        }
        Op::SetEvidence { index, evidence } => {
            app.doc.map.evidence.get(*index) == Some(evidence.as_ref())
        }
        _ => false,
    }
}
