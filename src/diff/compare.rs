//! As-is against to-be: two maps of one journey side by side, today's and the one
//! being built. Stages line up by id and pain points and optimizations by the same
//! matching the diff uses, so "addressed" means exactly "the diff removes it from
//! a stage both maps have", and a severity change is one the diff reports too. A
//! stage the to-be map drops takes its pain points with it: that is not a fix, so
//! they are listed apart. When either map holds evidence, each side's pain points
//! are counted by what they stand on (assumption, research, measured).

use super::matching::match_lists;
use crate::model::{JourneyMap, Optimization, PainPoint};

/// One stage of either map, in the to-be map's order, then stages only the as-is
/// map has.
#[derive(Debug, Clone, PartialEq)]
pub struct StageRow {
    pub id: String,
    pub name: String,
    pub as_is: Option<f64>,
    pub to_be: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub stages: Vec<StageRow>,
    /// Pain points of an as-is stage the to-be map keeps, with no counterpart in it.
    pub addressed: Vec<(String, PainPoint)>,
    /// Pain points both maps have, with another severity: stage, as-is, to-be.
    pub severity_changed: Vec<(String, PainPoint, PainPoint)>,
    /// Pain points of an as-is stage the to-be map does not have.
    pub removed_with_stage: Vec<(String, PainPoint)>,
    /// Pain points of the to-be map with no counterpart in the as-is map.
    pub new_pains: Vec<(String, PainPoint)>,
    /// Every optimization of either map: its stage name, the as-is and the to-be
    /// version (one side `None` when only one map has it).
    pub optimizations: Vec<(String, Option<Optimization>, Option<Optimization>)>,
    /// How many pain points of the as-is and of the to-be map stand on an
    /// assumption, on research, on a measure (indexed by `Confidence::ALL`);
    /// `None` when neither map holds evidence, so older comparisons read as before.
    pub confidence: Option<[[usize; 3]; 2]>,
    /// The cards in each extra lane (format 6) of either map, by lane id: the
    /// to-be map's lanes in its order, then lanes only the as-is map has. Empty
    /// when neither map has one, so older comparisons read as before.
    pub lanes: Vec<LaneRow>,
    /// Each persona's curve where it moved, stage by stage, when either map
    /// has several personas (docs/format.md#format-7-personas); empty
    /// otherwise, so one-persona comparisons read as before. The stage rows
    /// above are the first persona's curve.
    pub personas: Vec<super::summary::EmotionDelta>,
}

/// An extra lane of either map and how many cards it holds in each.
#[derive(Debug, Clone, PartialEq)]
pub struct LaneRow {
    pub id: String,
    /// As the to-be map titles it (the as-is map for a lane it alone has).
    pub title: String,
    pub as_is: usize,
    pub to_be: usize,
}

/// Cards per extra lane of both maps, matched by lane id.
fn lanes(as_is: &JourneyMap, to_be: &JourneyMap) -> Vec<LaneRow> {
    let cards = |m: &JourneyMap, id: &str| -> usize {
        m.stages.iter().map(|s| s.extra.items(id).len()).sum()
    };
    let mut out: Vec<LaneRow> = Vec::new();
    for m in [to_be, as_is] {
        for l in m.extra_lanes() {
            if out.iter().any(|r| r.id == l.key()) {
                continue;
            }
            out.push(LaneRow {
                id: l.key().to_string(),
                title: m.lane_title(l),
                as_is: cards(as_is, l.key()),
                to_be: cards(to_be, l.key()),
            });
        }
    }
    out
}

pub fn compare(as_is: &JourneyMap, to_be: &JourneyMap) -> Comparison {
    let mut c = Comparison {
        stages: Vec::new(),
        addressed: Vec::new(),
        severity_changed: Vec::new(),
        removed_with_stage: Vec::new(),
        new_pains: Vec::new(),
        optimizations: Vec::new(),
        lanes: lanes(as_is, to_be),
        personas: if as_is.persona_count() > 1 || to_be.persona_count() > 1 {
            super::summary::emotions(as_is, to_be)
        } else {
            Vec::new()
        },
        confidence: (as_is.has_evidence() || to_be.has_evidence()).then(|| {
            [
                as_is.pain_points_by_confidence(),
                to_be.pain_points_by_confidence(),
            ]
        }),
    };
    let points = to_be.curve_against(as_is);
    for (t, (to_be_point, as_is_point)) in to_be.stages.iter().zip(points) {
        let a = as_is.stages.iter().find(|a| a.id == t.id);
        c.stages.push(StageRow {
            id: t.id.clone(),
            name: t.name.clone(),
            as_is: as_is_point,
            to_be: to_be_point,
        });
        let (old_pains, old_opts) = a
            .map(|a| (a.pain_points.as_slice(), a.optimizations.as_slice()))
            .unwrap_or_default();
        let m = match_lists(old_pains, &t.pain_points);
        for (p, matched) in t.pain_points.iter().zip(&m) {
            match matched.and_then(|i| old_pains.get(i)) {
                None => c.new_pains.push((t.name.clone(), p.clone())),
                Some(o) if o.severity != p.severity => {
                    c.severity_changed
                        .push((t.name.clone(), o.clone(), p.clone()));
                }
                Some(_) => {}
            }
        }
        for (i, p) in old_pains.iter().enumerate() {
            if !m.contains(&Some(i)) {
                c.addressed.push((t.name.clone(), p.clone()));
            }
        }
        let m = match_lists(old_opts, &t.optimizations);
        for (o, matched) in t.optimizations.iter().zip(&m) {
            let before = matched.and_then(|i| old_opts.get(i)).cloned();
            c.optimizations
                .push((t.name.clone(), before, Some(o.clone())));
        }
        for (i, o) in old_opts.iter().enumerate() {
            if !m.contains(&Some(i)) {
                c.optimizations
                    .push((t.name.clone(), Some(o.clone()), None));
            }
        }
    }
    for a in &as_is.stages {
        if to_be.stages.iter().any(|t| t.id == a.id) {
            continue;
        }
        c.stages.push(StageRow {
            id: a.id.clone(),
            name: a.name.clone(),
            as_is: a.curve_point(),
            to_be: None,
        });
        for p in &a.pain_points {
            c.removed_with_stage.push((a.name.clone(), p.clone()));
        }
        for o in &a.optimizations {
            c.optimizations
                .push((a.name.clone(), Some(o.clone()), None));
        }
    }
    c
}
