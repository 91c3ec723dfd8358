//! Every change to the map goes through here, so it can be undone: the update
//! loop, the session (a file restored from autosave) and the components (the
//! conflict resolver) all apply their operations with `apply`, which sits below
//! all of them.

use super::app::App;
use crate::edit::{Item, Op};

/// Applies an operation through the history. An operation that would change
/// nothing is not recorded, so it does not make the map dirty.
pub fn apply(app: &mut App, op: Op) -> bool {
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
        Op::SetStageInfo { index, name, goal } => app
            .doc
            .map
            .stages
            .get(*index)
            .is_some_and(|s| s.name == *name && s.goal == *goal),
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
        Op::MoveItem { from, to, .. } | Op::MoveStage { from, to } => from == to,
        _ => false,
    }
}
