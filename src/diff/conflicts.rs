//! Conflicts as the map records them (`model::Conflict`): made from what the merge
//! found, carried over from the sides' own unresolved conflicts, and worded for
//! `check`, `show`, the review and the merge's summary, so they all say the same.

use super::Place;
use super::merge::{Clash, Conflict as Found, Version};
use crate::model::{Conflict, Element, JourneyMap, Side};

/// Labels as git hands them to the driver (`%S`, `%X`, `%Y`), or the plain words
/// when git is older than 2.44 (it then passes the placeholder itself) or gave
/// nothing.
pub fn labels(base: Option<&str>, ours: Option<&str>, theirs: Option<&str>) -> [String; 3] {
    // An unexpanded placeholder is two characters, `%S`.
    let placeholder = |l: &str| l.len() == 2 && l.starts_with('%');
    let pick = |given: Option<&str>, side: Side| match given.map(str::trim) {
        Some(l) if !l.is_empty() && !placeholder(l) => l.to_string(),
        _ => side.word().to_string(),
    };
    [
        pick(base, Side::Base),
        pick(ours, Side::Ours),
        pick(theirs, Side::Theirs),
    ]
}

/// The record a merge writes into the map for one conflict it found.
pub fn record(c: &Found, labels: &[String; 3]) -> Conflict {
    let (stage, field) = address(c);
    let side = |v: &Version| match v {
        Version::Text(t) => Some(Element::Text(t.clone())),
        Version::Value(v) => v.recorded(),
        Version::Removed | Version::After(_) => None,
    };
    let [_, o, t] = labels;
    let (base, ours, theirs) = match (&c.clash, &c.base) {
        // An order conflict: every side holds the same element, the words say where.
        (Clash::PlacedDifferently, Version::Value(v)) => (v.recorded(), v.recorded(), v.recorded()),
        _ => (side(&c.base), side(&c.ours), side(&c.theirs)),
    };
    let what = match &c.clash {
        Clash::BothSet(_) | Clash::BothChanged => "both changed it".to_string(),
        Clash::ChangedByUsRemovedByThem => format!("changed by {o}, removed by {t}"),
        Clash::RemovedByUsChangedByThem => format!("removed by {o}, changed by {t}"),
        Clash::MovedByUsRemovedByThem => format!("moved by {o}, removed by {t}"),
        Clash::RemovedByUsMovedByThem => format!("removed by {o}, moved by {t}"),
        Clash::AddedDifferently => "added on both sides, differently".to_string(),
        Clash::TooManyVotes(n) => format!(
            "the votes of both sides add up to {n}, more than cjm can count (at most {})",
            u32::MAX
        ),
        Clash::PlacedDifferently => format!(
            "placed differently: {o} put it {}, {t} {}",
            super::render::version(&c.ours),
            super::render::version(&c.theirs)
        ),
        Clash::SameStageId { id, theirs_as } => format!(
            "both added a different stage with id `{id}`; both are kept, the one from {t} as `{theirs_as}`"
        ),
        // Not recorded (`merge_recorded` leaves evidence and lanes out);
        // worded all the same.
        Clash::BothSetKeptAs { .. }
        | Clash::RemovedByUsChangedByThemKept
        | Clash::SameEvidenceId { .. }
        | Clash::BothChangedKeptBoth
        | Clash::LaneKeptForItems { .. }
        | Clash::SamePersonaId { .. }
        | Clash::PersonaKeptForItems { .. } => super::render::clash(&c.clash),
    };
    Conflict {
        stage,
        field,
        what,
        base,
        ours,
        theirs,
        labels: labels.clone(),
    }
}

/// How the record of merge conflicts changed between two versions of a map
/// (a merge that recorded some, a resolution that cleared them), in words; `None`
/// when it did not. The semantic diff is about the journey and does not see the
/// record, so the commands say this beside it.
pub fn record_change(old: &JourneyMap, new: &JourneyMap) -> Option<String> {
    if old.conflicts == new.conflicts {
        return None;
    }
    let (a, b) = (old.conflicts.len(), new.conflicts.len());
    let what = match (a, b) {
        (_, 0) => "all resolved",
        (0, _) => "recorded by a merge",
        (a, b) if b < a => "some resolved",
        _ => "changed",
    };
    Some(format!("unresolved merge conflicts: {a} → {b} ({what})"))
}

/// The stage id and field a conflict is about, as the file names them.
fn address(c: &Found) -> (String, String) {
    let set = |prefix: &str| match &c.clash {
        Clash::BothSet(f) => format!("{prefix}{f}"),
        _ => prefix.trim_end_matches('.').to_string(),
    };
    match &c.place {
        Place::Map => (String::new(), set("")),
        Place::Objectives => (String::new(), "objectives".into()),
        Place::Persona(_) => (String::new(), set("persona.")),
        Place::PersonaList(_, k) => (String::new(), format!("persona.{k}")),
        Place::Personas(_) => (String::new(), "personas".into()),
        Place::Stages(_) => (String::new(), "stages".into()),
        Place::Stage(r) => (r.id.clone(), set("")),
        Place::Lane(r, lane, _) => (r.id.clone(), lane.key().to_string()),
        Place::Lanes(..) => (String::new(), "lanes".into()),
        Place::Evidence(_) => (String::new(), "evidence".into()),
    }
}

/// The conflicts a merged map keeps from its sides: a conflict either side still
/// has and the base did not (it arose on that branch), or that both still have.
/// One the base had and a side no longer has was resolved there.
pub fn carried(base: &JourneyMap, ours: &JourneyMap, theirs: &JourneyMap) -> Vec<Conflict> {
    let mut out: Vec<Conflict> = Vec::new();
    let mut push = |c: &Conflict| {
        if !out.contains(c) {
            out.push(c.clone());
        }
    };
    for c in &ours.conflicts {
        if !base.conflicts.contains(c) || theirs.conflicts.contains(c) {
            push(c);
        }
    }
    for c in &theirs.conflicts {
        if !base.conflicts.contains(c) {
            push(c);
        }
    }
    out
}
