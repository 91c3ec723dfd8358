//! Evidence in the diff wing: entries matched by id (the id is what citations
//! point at, and it survives edits of the text), their fields compared one by
//! one, and citations merged as sets, so two people citing research for one pain
//! point in two branches both keep their citation.

use std::collections::HashSet;

use super::merge::{Clash, Conflict, Version};
use super::{Change, Edit, Place};
use crate::model::{Evidence, JourneyMap, Source, unique_slug};

/// The fields of an entry a change may name, in the file's order, as words:
/// the source by its label ("support ticket").
pub fn fields(e: &Evidence) -> [(&'static str, String); 5] {
    [
        ("text", e.text.clone()),
        ("source", e.source.label().to_string()),
        ("from", e.from.clone()),
        ("date", e.date.clone()),
        ("link", e.link.clone()),
    ]
}

/// Sets one field named as `fields` names it; false when the field or the
/// source's label is unknown.
pub fn set_field(e: &mut Evidence, field: &str, value: &str) -> bool {
    match field {
        "text" => e.text = value.to_string(),
        "from" => e.from = value.to_string(),
        "date" => e.date = value.to_string(),
        "link" => e.link = value.to_string(),
        "source" => match Source::ALL.into_iter().find(|s| s.label() == value) {
            Some(s) => e.source = s,
            None => return false,
        },
        _ => return false,
    }
    true
}

/// One entry in a line: `int-03 (interview · P4, Leeds · 2026-10-01): "…"`.
/// Unescaped map text.
pub fn words(e: &Evidence) -> String {
    format!("{} ({}): \"{}\"", e.id, origin(e), e.text)
}

/// Where an entry came from: `interview · P4, Leeds · 2026-10-01`.
pub fn origin(e: &Evidence) -> String {
    let mut parts = vec![e.source.label().to_string()];
    parts.extend(
        [&e.from, &e.date]
            .into_iter()
            .filter(|s| !s.is_empty())
            .cloned(),
    );
    parts.join(" · ")
}

/// The changes to the map's evidence: removed entries, then the new list's
/// entries in order (added, moved, or with fields set).
pub(super) fn evidence(out: &mut Vec<Change>, old: &[Evidence], new: &[Evidence]) {
    let at = |id: &str| old.iter().position(|e| e.id == id);
    for (i, e) in old.iter().enumerate() {
        if !new.iter().any(|n| n.id == e.id) {
            out.push(Change::new(
                Place::Evidence(e.id.clone()),
                Edit::Entry {
                    from: Some(i),
                    to: None,
                    evidence: e.clone(),
                },
            ));
        }
    }
    let matched: Vec<Option<usize>> = new.iter().map(|e| at(&e.id)).collect();
    let stay = super::unmoved(&matched);
    for (j, (e, (m, still))) in new.iter().zip(matched.iter().zip(stay)).enumerate() {
        let place = Place::Evidence(e.id.clone());
        let Some((i, a)) = m.and_then(|i| old.get(i).map(|a| (i, a))) else {
            out.push(Change::new(
                place,
                Edit::Entry {
                    from: None,
                    to: Some(j),
                    evidence: e.clone(),
                },
            ));
            continue;
        };
        if !still {
            out.push(Change::new(
                place.clone(),
                Edit::Entry {
                    from: Some(i),
                    to: Some(j),
                    evidence: e.clone(),
                },
            ));
        }
        for ((field, x), (_, y)) in fields(a).into_iter().zip(fields(e)) {
            if x != y {
                out.push(Change::new(
                    place.clone(),
                    Edit::Set {
                        field,
                        old: x,
                        new: y,
                    },
                ));
            }
        }
    }
}

/// Replays the evidence changes on `old` (see `apply`): fields set by id, then
/// entries placed where the new list has them, the untouched filling the rest.
pub(super) fn apply(old: &[Evidence], changes: &[Change]) -> Result<Vec<Evidence>, String> {
    let mut list = old.to_vec();
    let mut removed = vec![false; old.len()];
    let mut placed: Vec<(usize, String)> = Vec::new();
    let mut added: Vec<(usize, Evidence)> = Vec::new();
    for c in changes {
        let Place::Evidence(id) = &c.place else {
            continue;
        };
        match &c.edit {
            Edit::Set { field, new, .. } => {
                let e = list
                    .iter_mut()
                    .find(|e| e.id == *id)
                    .ok_or_else(|| format!("no evidence `{id}` to edit"))?;
                if !set_field(e, field, new) {
                    return Err(format!("no evidence field `{field}`"));
                }
            }
            Edit::Entry { from, to, evidence } => {
                if let Some(i) = from {
                    match removed.get_mut(*i) {
                        Some(r) if !*r => *r = true,
                        _ => return Err("an old evidence position does not fit".into()),
                    }
                }
                match (from, to) {
                    (None, Some(j)) => added.push((*j, evidence.clone())),
                    (Some(_), Some(j)) => placed.push((*j, id.clone())),
                    _ => {}
                }
            }
            _ => return Err("a change that does not fit evidence".into()),
        }
    }
    let mut slots: Vec<Option<Evidence>> =
        vec![None; old.len() - removed.iter().filter(|r| **r).count() + added.len()];
    let by_id = |id: &str, list: &[Evidence]| list.iter().find(|e| e.id == id).cloned();
    for (j, id) in placed {
        let e = by_id(&id, &list).ok_or_else(|| format!("no evidence `{id}` to move"))?;
        match slots.get_mut(j) {
            Some(s @ None) => *s = Some(e),
            _ => return Err("a new evidence position does not fit".into()),
        }
    }
    for (j, e) in added {
        match slots.get_mut(j) {
            Some(s @ None) => *s = Some(e),
            _ => return Err("a new evidence position does not fit".into()),
        }
    }
    // What neither moved nor left fills the free slots in its old order.
    let mut kept = list
        .drain(..)
        .zip(removed)
        .filter(|(_, r)| !r)
        .map(|(e, _)| e);
    slots
        .into_iter()
        .map(|s| s.or_else(|| kept.next()))
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| "the evidence list's length does not fit".into())
}

/// Citations merged as sets against the base: an id stays unless a side
/// dropped it, and an id either side added comes in (ours first, in our order).
pub fn merge_ids(base: &[String], ours: &[String], theirs: &[String]) -> Vec<String> {
    let keep = |id: &String| {
        let (b, o, t) = (base.contains(id), ours.contains(id), theirs.contains(id));
        if b { o && t } else { o || t }
    };
    let mut out: Vec<String> = Vec::new();
    for id in ours.iter().chain(theirs) {
        if keep(id) && !out.contains(id) {
            out.push(id.clone());
        }
    }
    out
}

/// The merged evidence, and the ids under which theirs' own additions are kept
/// when we added a different entry with the same id (their citations of it are
/// renamed before the rest merges). Entries merge field by field; what cannot
/// merge is never dropped: a field both sides set differently keeps ours in the
/// entry and their version whole beside it under a new id, and an entry one side
/// changed and the other removed stays, as changed. Each is a `Conflict` the
/// command prints, since the map's record of conflicts has no place for evidence.
pub(super) struct Merged {
    pub evidence: Vec<Evidence>,
    pub renamed: Vec<(String, String)>,
}

pub(super) fn merge(
    base: &[Evidence],
    ours: &[Evidence],
    theirs: &[Evidence],
    c: &mut Vec<Conflict>,
) -> Merged {
    let find = |list: &[Evidence], id: &str| list.iter().find(|e| e.id == id).cloned();
    let mut taken: HashSet<String> = base
        .iter()
        .chain(ours)
        .chain(theirs)
        .map(|e| e.id.clone())
        .collect();
    let mut fresh = |id: &str| {
        let n = unique_slug(id, |s| taken.contains(s));
        taken.insert(n.clone());
        n
    };
    let here = |id: &str| Place::Evidence(id.to_string());
    let whole = |e: &Evidence| Version::Text(words(e));
    let mut out: Vec<Evidence> = Vec::new();
    let mut extra: Vec<Evidence> = Vec::new();
    let mut renamed = Vec::new();
    for o in ours {
        let (b, t) = (find(base, &o.id), find(theirs, &o.id));
        match (b, t) {
            (Some(b), Some(t)) => {
                let mut m = o.clone();
                let mut clash = None;
                for (((field, bv), (_, ov)), (_, tv)) in
                    fields(&b).into_iter().zip(fields(o)).zip(fields(&t))
                {
                    if ov == bv {
                        set_field(&mut m, field, &tv);
                    } else if tv != bv && tv != ov && clash.is_none() {
                        clash = Some((field, bv, ov, tv));
                    }
                }
                out.push(m);
                if let Some((field, bv, ov, tv)) = clash {
                    let id = fresh(&o.id);
                    c.push(Conflict {
                        place: here(&o.id),
                        clash: Clash::BothSetKeptAs {
                            field,
                            theirs_as: id.clone(),
                        },
                        base: Version::Text(bv),
                        ours: Version::Text(ov),
                        theirs: Version::Text(tv),
                    });
                    extra.push(Evidence { id, ..t });
                }
            }
            (Some(b), None) => {
                // Removed by them: gone unless we changed it.
                if *o != b {
                    c.push(Conflict {
                        place: here(&o.id),
                        clash: Clash::ChangedByUsRemovedByThem,
                        base: whole(&b),
                        ours: whole(o),
                        theirs: Version::Removed,
                    });
                    out.push(o.clone());
                }
            }
            (None, Some(t)) if t != *o => {
                let id = fresh(&o.id);
                c.push(Conflict {
                    place: here(&o.id),
                    clash: Clash::SameEvidenceId {
                        id: o.id.clone(),
                        theirs_as: id.clone(),
                    },
                    base: Version::Removed,
                    ours: whole(o),
                    theirs: whole(&t),
                });
                renamed.push((o.id.clone(), id.clone()));
                out.push(o.clone());
                extra.push(Evidence { id, ..t });
            }
            (None, _) => out.push(o.clone()),
        }
    }
    for t in theirs {
        if find(ours, &t.id).is_some() {
            continue;
        }
        match find(base, &t.id) {
            None => out.push(t.clone()),
            Some(b) if b != *t => {
                // Removed by us, changed by them: kept, as they changed it.
                c.push(Conflict {
                    place: here(&t.id),
                    clash: Clash::RemovedByUsChangedByThemKept,
                    base: whole(&b),
                    ours: Version::Removed,
                    theirs: whole(t),
                });
                out.push(t.clone());
            }
            Some(_) => {}
        }
    }
    out.extend(extra);
    Merged {
        evidence: out,
        renamed,
    }
}

/// The map citing `to` wherever it cited `from`.
pub(super) fn rename(map: &mut JourneyMap, from: &str, to: &str) {
    let swap = |ids: &mut Vec<String>| {
        for id in ids.iter_mut().filter(|id| *id == from) {
            *id = to.to_string();
        }
    };
    for s in &mut map.stages {
        swap(&mut s.evidence);
        s.touchpoints.iter_mut().for_each(|x| swap(&mut x.evidence));
        s.emotions.iter_mut().for_each(|x| swap(&mut x.evidence));
        s.pain_points.iter_mut().for_each(|x| swap(&mut x.evidence));
        s.optimizations
            .iter_mut()
            .for_each(|x| swap(&mut x.evidence));
        s.metrics.iter_mut().for_each(|x| swap(&mut x.evidence));
        for items in s.extra.0.values_mut() {
            items.iter_mut().for_each(|x| swap(&mut x.evidence));
        }
    }
}

/// Brings back every entry the merged map cites but does not hold (one side
/// removed it while the other cited it): a citation never dangles.
pub(super) fn keep_cited(map: &mut JourneyMap, sides: [&[Evidence]; 3]) {
    let cited: Vec<String> = map
        .citing_elements()
        .into_iter()
        .flat_map(|(_, ids)| ids.to_vec())
        .collect();
    for id in cited {
        if map.evidence_by_id(&id).is_some() {
            continue;
        }
        if let Some(e) = sides.iter().find_map(|s| s.iter().find(|e| e.id == id)) {
            map.evidence.push(e.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn citations_merge_as_sets() {
        assert_eq!(
            merge_ids(&s(&["a"]), &s(&["a", "b"]), &s(&["a", "c"])),
            s(&["a", "b", "c"])
        );
        assert_eq!(
            merge_ids(&s(&["a", "b"]), &s(&["b"]), &s(&["a", "b"])),
            s(&["b"])
        );
        assert_eq!(merge_ids(&s(&[]), &s(&["x"]), &s(&["x"])), s(&["x"]));
    }
}
