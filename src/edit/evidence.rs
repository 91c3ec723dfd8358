//! The map's evidence and the citations that point at it, changed as
//! operations with exact inverses. Removing evidence takes its citations with
//! it in the same operation (and undoing puts each back where it stood), so a
//! map never cites what it does not hold, not even for one undo step.

use super::{Op, OutOfRange};
use crate::model::{Evidence, JourneyMap, Lane, Path};

/// Where one element's citation list is: a stage (which backs its actions
/// and thoughts) or an item of a lane whose items carry their own.
pub fn citations_mut(map: &mut JourneyMap, at: Path) -> Option<&mut Vec<String>> {
    match at {
        Path::Stage(s) => Some(&mut map.stages.get_mut(s)?.evidence),
        Path::Item(s, lane, i) => {
            let st = map.stages.get_mut(s)?;
            Some(match lane {
                Lane::Actions | Lane::Thoughts => return None,
                Lane::Touchpoints => &mut st.touchpoints.get_mut(i)?.evidence,
                Lane::Emotions => &mut st.emotions.get_mut(i)?.evidence,
                Lane::PainPoints => &mut st.pain_points.get_mut(i)?.evidence,
                Lane::Optimizations => &mut st.optimizations.get_mut(i)?.evidence,
                Lane::Metrics => &mut st.metrics.get_mut(i)?.evidence,
                Lane::Extra(id) => &mut st.extra.0.get_mut(id)?.get_mut(i)?.evidence,
            })
        }
        _ => None,
    }
}

/// The element whose citations back the card at (`stage`, `lane`, `index`):
/// the stage for actions and thoughts, the item itself otherwise.
pub fn citing_element(stage: usize, lane: Lane, index: usize) -> Path {
    match lane {
        Lane::Actions | Lane::Thoughts => Path::Stage(stage),
        _ => Path::Item(stage, lane, index),
    }
}

/// `id` cited or no longer cited by the element at `at`: one operation.
pub fn toggle_citation(map: &JourneyMap, at: Path, id: &str) -> Option<Op> {
    let now: Vec<String> = match at {
        Path::Stage(s) => map.stages.get(s)?.evidence.clone(),
        Path::Item(s, lane, i) => map.citations(s, lane, i)?.to_vec(),
        _ => return None,
    };
    let ids = if now.iter().any(|c| c == id) {
        now.into_iter().filter(|c| c != id).collect()
    } else {
        let mut v = now;
        v.push(id.to_string());
        v
    };
    Some(Op::SetCitations { at, ids })
}

pub(super) fn insert(
    map: &mut JourneyMap,
    index: usize,
    evidence: Evidence,
    citations: Vec<(Path, usize)>,
) -> Result<Op, OutOfRange> {
    if index > map.evidence.len() || map.evidence.iter().any(|e| e.id == evidence.id) {
        return Err(OutOfRange);
    }
    // Every citation must fit before anything changes: refused whole.
    let mut probe = map.clone();
    for (at, pos) in &citations {
        let list = citations_mut(&mut probe, *at).ok_or(OutOfRange)?;
        if *pos > list.len() {
            return Err(OutOfRange);
        }
        list.insert(*pos, evidence.id.clone());
    }
    *map = probe;
    map.evidence.insert(index, evidence);
    Ok(Op::RemoveEvidence { index })
}

pub(super) fn remove(map: &mut JourneyMap, index: usize) -> Result<Op, OutOfRange> {
    if index >= map.evidence.len() {
        return Err(OutOfRange);
    }
    let evidence = map.evidence.remove(index);
    let mut citations = Vec::new();
    for at in map.cited_by(&evidence.id) {
        if let Some(list) = citations_mut(map, at)
            && let Some(pos) = list.iter().position(|c| *c == evidence.id)
        {
            list.remove(pos);
            citations.push((at, pos));
        }
    }
    Ok(Op::InsertEvidence {
        index,
        evidence: Box::new(evidence),
        citations,
    })
}

/// Replaces an entry; a new id is taken by every citation of the old one, so
/// renaming evidence never leaves a card citing nothing.
pub(super) fn set(
    map: &mut JourneyMap,
    index: usize,
    evidence: Evidence,
) -> Result<Op, OutOfRange> {
    let clash = map
        .evidence
        .iter()
        .enumerate()
        .any(|(i, e)| i != index && e.id == evidence.id);
    if clash {
        return Err(OutOfRange);
    }
    let old_id = map.evidence.get(index).ok_or(OutOfRange)?.id.clone();
    if old_id != evidence.id {
        for at in map.cited_by(&old_id) {
            if let Some(list) = citations_mut(map, at) {
                for c in list.iter_mut().filter(|c| **c == old_id) {
                    *c = evidence.id.clone();
                }
            }
        }
    }
    let slot = map.evidence.get_mut(index).ok_or(OutOfRange)?;
    let old = std::mem::replace(slot, evidence);
    Ok(Op::SetEvidence {
        index,
        evidence: Box::new(old),
    })
}

pub(super) fn set_citations(
    map: &mut JourneyMap,
    at: Path,
    ids: Vec<String>,
) -> Result<Op, OutOfRange> {
    if ids.iter().any(|id| map.evidence_by_id(id).is_none()) {
        return Err(OutOfRange);
    }
    let list = citations_mut(map, at).ok_or(OutOfRange)?;
    let old = std::mem::replace(list, ids);
    Ok(Op::SetCitations { at, ids: old })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PainPoint, Source, Stage};

    fn map() -> JourneyMap {
        let mut m = JourneyMap::new("T", "P");
        let mut s = Stage::named("Trial");
        s.actions = vec!["Signs up".into()];
        s.evidence = vec!["a".into()];
        s.pain_points = vec![PainPoint {
            text: "Slow".into(),
            evidence: vec!["b".into(), "a".into()],
            ..PainPoint::default()
        }];
        m.stages = vec![s];
        for (id, source) in [("a", Source::Interview), ("b", Source::Analytics)] {
            m.evidence.push(Evidence {
                id: id.into(),
                text: "said".into(),
                source,
                ..Evidence::default()
            });
        }
        m
    }

    #[test]
    fn removing_evidence_takes_its_citations_and_undo_puts_them_back_in_place() {
        let mut m = map();
        let before = m.clone();
        let undo = Op::RemoveEvidence { index: 0 }.apply(&mut m).unwrap();
        assert!(m.cited_by("a").is_empty());
        assert_eq!(m.stages[0].pain_points[0].evidence, ["b"]);
        undo.apply(&mut m).unwrap();
        assert_eq!(m, before);
    }

    #[test]
    fn a_new_id_is_taken_by_every_citation() {
        let mut m = map();
        let before = m.clone();
        let mut e = m.evidence[0].clone();
        e.id = "int-1".into();
        let undo = Op::SetEvidence {
            index: 0,
            evidence: Box::new(e),
        }
        .apply(&mut m)
        .unwrap();
        assert_eq!(m.stages[0].evidence, ["int-1"]);
        assert_eq!(m.stages[0].pain_points[0].evidence, ["b", "int-1"]);
        undo.apply(&mut m).unwrap();
        assert_eq!(m, before);
    }

    #[test]
    fn citations_toggle_and_refuse_what_the_map_does_not_hold() {
        let mut m = map();
        let at = citing_element(0, Lane::Actions, 0);
        let op = toggle_citation(&m, at, "b").unwrap();
        op.apply(&mut m).unwrap();
        assert_eq!(m.stages[0].evidence, ["a", "b"]);
        let op = toggle_citation(&m, at, "a").unwrap();
        op.apply(&mut m).unwrap();
        assert_eq!(m.stages[0].evidence, ["b"]);
        let bad = Op::SetCitations {
            at,
            ids: vec!["nope".into()],
        };
        assert_eq!(bad.apply(&mut m), Err(OutOfRange));
        let dup = Op::InsertEvidence {
            index: 0,
            evidence: Box::new(m.evidence[0].clone()),
            citations: Vec::new(),
        };
        assert_eq!(dup.apply(&mut m), Err(OutOfRange));
    }
}
