//! Replaying a diff: `apply(a, &diff(a, b)) == b`, which the property tests use to
//! prove that the changes a reviewer reads are all the changes there are.

use super::matching::Element;
use super::{Change, Edit, Place};
use crate::model::{JourneyMap, Lane, LaneDef};

/// Why a list of changes does not fit the map it is applied to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplyError(pub String);

impl std::fmt::Display for ApplyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ApplyError {}

/// Replays `changes` (as `diff(map, new)` made them) on `map`, giving back `new`.
pub fn apply(map: &JourneyMap, changes: &[Change]) -> Result<JourneyMap, ApplyError> {
    let mut m = map.clone();
    let edits = |want: &dyn Fn(&Place) -> bool| -> Vec<&Edit> {
        changes
            .iter()
            .filter(|c| want(&c.place))
            .map(|c| &c.edit)
            .collect()
    };
    for e in edits(&|p| *p == Place::Map) {
        apply_set(
            e,
            &mut [
                ("title", &mut m.title),
                ("summary", &mut m.summary),
                ("framework", &mut m.framework),
            ],
        )?;
    }
    m.objectives = apply_list(&m.objectives, &edits(&|p| *p == Place::Objectives))?;
    super::personas::apply(&mut m, changes)?;
    m.lanes = apply_lanes(&m, changes)?;
    for s in &mut m.stages {
        let id = s.id.clone();
        let here = |x: &Place| matches!(x, Place::Stage(r) if r.id == id);
        for e in edits(&here) {
            if let Edit::Cites { new, .. } = e {
                s.evidence = new.clone();
                continue;
            }
            apply_set(e, &mut [("name", &mut s.name), ("goal", &mut s.goal)])?;
        }
        let mut lanes: Vec<Lane> = Vec::new();
        for c in changes {
            if let Place::Lane(r, l, _) = &c.place
                && r.id == id
                && !lanes.contains(l)
            {
                lanes.push(*l);
            }
        }
        for lane in lanes {
            let es =
                edits(&|x: &Place| matches!(x, Place::Lane(r, l, _) if r.id == id && *l == lane));
            if es.is_empty() {
                continue;
            }
            match lane {
                Lane::Actions => s.actions = apply_list(&s.actions, &es)?,
                Lane::Thoughts => s.thoughts = apply_list(&s.thoughts, &es)?,
                Lane::Touchpoints => s.touchpoints = apply_list(&s.touchpoints, &es)?,
                Lane::Emotions => s.emotions = apply_list(&s.emotions, &es)?,
                Lane::PainPoints => s.pain_points = apply_list(&s.pain_points, &es)?,
                Lane::Optimizations => s.optimizations = apply_list(&s.optimizations, &es)?,
                Lane::Metrics => s.metrics = apply_list(&s.metrics, &es)?,
                Lane::Extra(l) => {
                    let items = apply_list(s.extra.items(l), &es)?;
                    *s.extra.items_mut(l) = items;
                }
            }
        }
        s.extra.prune();
    }
    m.stages = apply_list(&m.stages, &edits(&|x| matches!(x, Place::Stages(_))))?;
    m.evidence = super::cites::apply(&m.evidence, changes).map_err(ApplyError)?;
    Ok(m)
}

/// The map's list of lanes with the changes to it replayed: fields set by id,
/// then lanes added, removed and moved. A list that ends as the seven in their
/// usual order is no list, as the map keeps it.
fn apply_lanes(m: &JourneyMap, changes: &[Change]) -> Result<Vec<LaneDef>, ApplyError> {
    let mine: Vec<&Change> = changes
        .iter()
        .filter(|c| matches!(c.place, Place::Lanes(..)))
        .collect();
    if mine.is_empty() {
        return Ok(m.lanes.clone());
    }
    let mut list = super::spelled_out(m);
    let mut moves: Vec<&Edit> = Vec::new();
    for c in mine {
        let Place::Lanes(id, _) = &c.place else {
            continue;
        };
        let Edit::Set { field, new, .. } = &c.edit else {
            moves.push(&c.edit);
            continue;
        };
        let d = list
            .iter_mut()
            .find(|d| d.id == *id)
            .ok_or_else(|| ApplyError(format!("no lane `{id}` to change")))?;
        set_lane_field(d, field, new)
            .ok_or_else(|| ApplyError(format!("no lane field `{field}` of `{new}`")))?;
    }
    let list = apply_list(&list, &moves)?;
    let default: Vec<LaneDef> = Lane::ALL.into_iter().map(LaneDef::journey).collect();
    Ok(if list == default { Vec::new() } else { list })
}

/// Sets one field of a lane as `diff::lane_fields` names it.
pub(super) fn set_lane_field(d: &mut LaneDef, field: &str, value: &str) -> Option<()> {
    match field {
        "title" => d.title = value.to_string(),
        "kind" => d.kind = crate::model::LaneKind::from_name(value)?,
        "holds" => d.holds = crate::model::Holds::from_name(value)?,
        _ => return None,
    }
    Some(())
}

pub(super) fn apply_set(
    e: &Edit,
    fields: &mut [(&'static str, &mut String)],
) -> Result<(), ApplyError> {
    let Edit::Set { field, new, .. } = e else {
        return Err(ApplyError("a list edit where a field was expected".into()));
    };
    match fields.iter_mut().find(|(k, _)| k == field) {
        Some((_, slot)) => {
            **slot = new.clone();
            Ok(())
        }
        None => Err(ApplyError(format!("no field `{field}` here"))),
    }
}

/// Rebuilds a list: explicitly placed elements (added, changed, moved) go to their
/// new positions, and the untouched ones fill the remaining slots in their old order.
pub(super) fn apply_list<T: Element>(old: &[T], edits: &[&Edit]) -> Result<Vec<T>, ApplyError> {
    if edits.is_empty() {
        return Ok(old.to_vec());
    }
    let bad = |what: &str| ApplyError(format!("{what} does not fit the list"));
    let mut consumed = vec![false; old.len()];
    let mut placed: Vec<(usize, T)> = Vec::new();
    let mut consume = |i: usize| match consumed.get_mut(i) {
        Some(c) if !*c => {
            *c = true;
            Ok(())
        }
        _ => Err(bad("an old position")),
    };
    for e in edits {
        match e {
            Edit::Removed { from, .. } => consume(*from)?,
            Edit::Added { to, value } | Edit::Changed { to, new: value, .. } => {
                if let Edit::Changed { from, .. } = e {
                    consume(*from)?;
                }
                placed.push((*to, T::from_value(value).ok_or_else(|| bad("a value"))?));
            }
            Edit::Moved { from, to, .. } => {
                consume(*from)?;
                let v = old.get(*from).cloned().ok_or_else(|| bad("a move"))?;
                placed.push((*to, v));
            }
            Edit::Set { .. } | Edit::Cites { .. } | Edit::Entry { .. } => {
                return Err(bad("a field edit"));
            }
        }
    }
    let kept = old
        .iter()
        .zip(&consumed)
        .filter(|(_, c)| !**c)
        .map(|(v, _)| v.clone());
    let len = kept.clone().count() + placed.len();
    let mut slots: Vec<Option<T>> = vec![None; len];
    for (to, v) in placed {
        match slots.get_mut(to) {
            Some(s @ None) => *s = Some(v),
            _ => return Err(bad("a new position")),
        }
    }
    let mut kept = kept;
    slots
        .into_iter()
        .map(|s| s.or_else(|| kept.next()).ok_or_else(|| bad("the length")))
        .collect()
}
