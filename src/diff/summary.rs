//! What a reviewer reads first: the counts behind a diff (stages added, removed,
//! renamed, moved; items added, removed, changed; pain points opened and closed by
//! severity, with a severity change and a removed stage's pain points counted apart;
//! optimizations whose status changed; evidence added, removed and changed, and
//! the cards whose confidence rose or fell) and the emotion curve's move per stage.
//! Counted from the same `Change`s the details are rendered from, so the summary
//! and the details never disagree.

use super::{Change, Edit, Place, Value};
use crate::model::{JourneyMap, Level, Status};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    pub stages_added: usize,
    pub stages_removed: usize,
    pub stages_renamed: usize,
    pub stages_moved: usize,
    pub items_added: usize,
    pub items_removed: usize,
    pub items_changed: usize,
    /// Indexed by `Level::ALL` (low, medium, high).
    pub pains_opened: [usize; 3],
    pub pains_closed: [usize; 3],
    /// Pain points kept with another severity: neither opened nor closed.
    pub pains_severity_changed: usize,
    /// Pain points of a removed stage: gone with it, which is not a fix.
    pub pains_removed_with_stage: usize,
    /// Optimization text, old status, new status.
    pub status_changes: Vec<(String, Status, Status)>,
    /// Evidence entries added, removed, and changed in a field.
    pub evidence_added: usize,
    pub evidence_removed: usize,
    pub evidence_changed: usize,
    /// Items (and stages) that cite other research and so are now more, or
    /// less, trusted: `assumption` < `research` < `measured`.
    pub confidence_rose: usize,
    pub confidence_fell: usize,
    /// Lanes of the map's list (format 6) added, removed, moved, and renamed
    /// or otherwise changed (each lane counted once).
    pub lanes_added: usize,
    pub lanes_removed: usize,
    pub lanes_moved: usize,
    pub lanes_changed: usize,
    /// Personas (format 7) added, removed, and changed in a field or list
    /// (each persona counted once).
    pub personas_added: usize,
    pub personas_removed: usize,
    pub personas_changed: usize,
}

/// One more at `l` in a (low, medium, high) count.
fn bump(counts: &mut [usize; 3], l: Level) {
    let [low, medium, high] = counts;
    match l {
        Level::Low => *low += 1,
        Level::Medium => *medium += 1,
        Level::High => *high += 1,
    }
}

/// Counts the changes. A pain point in an added stage is opened with it; one in a
/// removed stage is removed with the stage (dropping a stage as out of scope
/// does not address its pain points); one whose severity changed is the same pain
/// point, neither opened nor closed.
pub fn summarise(changes: &[Change]) -> Summary {
    let mut s = Summary::default();
    let mut edited: Vec<&str> = Vec::new();
    let mut lanes_edited: Vec<&str> = Vec::new();
    let mut personas_edited: Vec<&str> = Vec::new();
    for c in changes {
        if let (Edit::Changed { .. } | Edit::Cites { .. }, Some((a, b))) = (&c.edit, c.confidence) {
            if b > a {
                s.confidence_rose += 1;
            } else if b < a {
                s.confidence_fell += 1;
            }
        }
        match (&c.place, &c.edit) {
            (Place::Evidence(_), Edit::Entry { from: None, .. }) => s.evidence_added += 1,
            (Place::Evidence(_), Edit::Entry { to: None, .. }) => s.evidence_removed += 1,
            (Place::Lanes(..), Edit::Added { .. }) => s.lanes_added += 1,
            (Place::Lanes(..), Edit::Removed { .. }) => s.lanes_removed += 1,
            (Place::Lanes(..), Edit::Moved { .. }) => s.lanes_moved += 1,
            (Place::Lanes(id, _), Edit::Set { .. }) if !lanes_edited.contains(&id.as_str()) => {
                lanes_edited.push(id);
                s.lanes_changed += 1;
            }
            (Place::Personas(_), Edit::Added { .. }) => s.personas_added += 1,
            (Place::Personas(_), Edit::Removed { .. }) => s.personas_removed += 1,
            (
                Place::Persona(_),
                Edit::Set {
                    field: "id",
                    old,
                    new,
                },
            ) if old.is_empty() || new.is_empty() => {}
            (Place::Persona(r) | Place::PersonaList(r, _), _)
                if r.several && !personas_edited.contains(&r.old_id.as_str()) =>
            {
                personas_edited.push(&r.old_id);
                s.personas_changed += 1;
            }
            (Place::Evidence(id), Edit::Set { .. }) if !edited.contains(&id.as_str()) => {
                edited.push(id);
                s.evidence_changed += 1;
            }
            (Place::Stages(_), Edit::Added { value, .. }) => {
                s.stages_added += 1;
                if let Value::Stage(st) = value {
                    for p in &st.pain_points {
                        bump(&mut s.pains_opened, p.severity);
                    }
                }
            }
            (Place::Stages(_), Edit::Removed { value, .. }) => {
                s.stages_removed += 1;
                if let Value::Stage(st) = value {
                    s.pains_removed_with_stage += st.pain_points.len();
                }
            }
            (Place::Stages(_), Edit::Moved { .. } | Edit::Changed { .. }) => s.stages_moved += 1,
            (Place::Stage(_), Edit::Set { field: "name", .. }) => s.stages_renamed += 1,
            (Place::Lane(..), e) => lane_item(&mut s, e),
            _ => {}
        }
    }
    s
}

fn lane_item(s: &mut Summary, e: &Edit) {
    match e {
        Edit::Added { value, .. } => {
            s.items_added += 1;
            if let Value::PainPoint(p) = value {
                bump(&mut s.pains_opened, p.severity);
            }
        }
        Edit::Removed { value, .. } => {
            s.items_removed += 1;
            if let Value::PainPoint(p) = value {
                bump(&mut s.pains_closed, p.severity);
            }
        }
        Edit::Changed { old, new, .. } => {
            s.items_changed += 1;
            match (old, new) {
                (Value::PainPoint(a), Value::PainPoint(b)) if a.severity != b.severity => {
                    s.pains_severity_changed += 1;
                }
                (Value::Optimization(a), Value::Optimization(b)) if a.status != b.status => {
                    s.status_changes.push((b.text.clone(), a.status, b.status));
                }
                _ => {}
            }
        }
        Edit::Moved { .. } => s.items_changed += 1,
        Edit::Set { .. } | Edit::Cites { .. } | Edit::Entry { .. } => {}
    }
}

/// One stage's mean emotion before and after, rounded to the tenth shown, so that
/// `2.3 → 2.7` always reads `▲0.4`.
#[derive(Debug, Clone, PartialEq)]
pub struct EmotionDelta {
    pub id: String,
    pub name: String,
    /// Whose curve moved, by name, when either map has several personas
    /// (docs/format.md#format-7-personas); empty otherwise.
    pub persona: String,
    pub old: Option<f64>,
    pub new: Option<f64>,
}

impl EmotionDelta {
    /// New minus old, in tenths; `None` when a side has no emotions.
    pub fn tenths(&self) -> Option<i64> {
        Some(tenths(self.new?) - tenths(self.old?))
    }
}

fn tenths(v: f64) -> i64 {
    (v * 10.0).round() as i64
}

/// The stages (matched by id, as the diff matches them) whose shown mean emotion
/// differs, in the new map's order, then stages only the old map has. With
/// several personas, each persona's curve (personas matched as the diff
/// matches them), stage by stage in persona order; a persona only one map has
/// has no move to show.
pub fn emotions(old: &JourneyMap, new: &JourneyMap) -> Vec<EmotionDelta> {
    let several = old.persona_count() > 1 || new.persona_count() > 1;
    let matched = super::personas::match_personas(old, new);
    let mut out = Vec::new();
    let shown = |v: Option<f64>| v.filter(|x| x.is_finite()).map(tenths);
    for s in &new.stages {
        let before = old.stages.iter().find(|o| o.id == s.id);
        let Some(before) = before else { continue };
        for (j, m) in matched.iter().enumerate() {
            let (Some(i), Some(p)) = (m, new.persona_at(j)) else {
                continue;
            };
            if !several && j > 0 {
                break;
            }
            let a = before.curve_point_of(old.emotion_key(*i));
            let b = s.curve_point_of(new.emotion_key(j));
            if shown(a) != shown(b) {
                out.push(EmotionDelta {
                    id: s.id.clone(),
                    name: s.name.clone(),
                    persona: if several {
                        p.name.clone()
                    } else {
                        String::new()
                    },
                    old: a,
                    new: b,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Emotion, Stage};

    fn stage(id: &str, scores: &[i64]) -> Stage {
        Stage {
            id: id.into(),
            name: id.into(),
            emotions: scores
                .iter()
                .map(|s| Emotion {
                    score: *s,
                    ..Emotion::default()
                })
                .collect(),
            ..Stage::default()
        }
    }

    #[test]
    fn delta_is_the_difference_of_what_is_shown() {
        let old = JourneyMap {
            stages: vec![stage("a", &[2, 2, 3]), stage("b", &[3])],
            ..JourneyMap::default()
        };
        let new = JourneyMap {
            stages: vec![stage("a", &[3, 3, 2]), stage("b", &[3]), stage("c", &[5])],
            ..JourneyMap::default()
        };
        let d = emotions(&old, &new);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].id, "a");
        assert_eq!(d[0].tenths(), Some(4), "2.3 → 2.7");
    }
}
