//! One item of any lane, so that operations can carry, insert and remove items
//! without a variant per lane.

use super::{Op, OutOfRange};
use crate::model::{
    Emotion, JourneyMap, Lane, LaneItem, Metric, Optimization, PainPoint, Stage, Touchpoint,
};

/// Where an item stands: its stage, its lane and its place in that lane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub stage: usize,
    pub lane: Lane,
    pub index: usize,
}

/// The item at `from` moved (or, with `copy`, copied) to another stage or lane,
/// as one operation. It lands at its own place in the target lane, or at the
/// lane's end when that lane is shorter, so a card walked along the stages
/// keeps its row. A copy in its own cell lands right after the original; a
/// copy carries no votes (the room voted for the original). `None` when
/// nothing is at `from`, the target stage does not exist, or a move would not
/// move it.
pub fn relocation(
    map: &JourneyMap,
    from: Slot,
    stage: usize,
    lane: Lane,
    copy: bool,
) -> Option<Op> {
    let item = Item::get(map.stages.get(from.stage)?, from.lane, from.index)?;
    let target = map.stages.get(stage)?;
    let here = from.stage == stage && from.lane == lane;
    let mut item = item.into_lane(lane);
    if copy {
        item.clear_votes();
        let index = if here {
            from.index + 1
        } else {
            from.index.min(target.lane_len(lane))
        };
        return Some(Op::InsertItem {
            stage,
            lane,
            index,
            item,
        });
    }
    if here {
        return None;
    }
    let len = target.lane_len(lane);
    let index = from.index.min(len);
    Some(Op::Relocate {
        from,
        to: Slot { stage, lane, index },
        item,
    })
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// An action or a thought.
    Text(String),
    Touchpoint(Touchpoint),
    Emotion(Emotion),
    PainPoint(PainPoint),
    Optimization(Optimization),
    Metric(Metric),
    /// An item of a blueprint or custom lane.
    Lane(LaneItem),
}

impl Item {
    /// A new item of the lane with `text` as its main text and defaults elsewhere
    /// (an emotion starts neutral, at 3).
    pub fn with_text(lane: Lane, text: String) -> Item {
        match lane {
            Lane::Actions | Lane::Thoughts => Item::Text(text),
            Lane::Touchpoints => Item::Touchpoint(Touchpoint {
                name: text,
                ..Touchpoint::default()
            }),
            Lane::Emotions => Item::Emotion(Emotion {
                label: text,
                ..Emotion::default()
            }),
            Lane::PainPoints => Item::PainPoint(PainPoint {
                text,
                ..PainPoint::default()
            }),
            Lane::Optimizations => Item::Optimization(Optimization {
                text,
                ..Optimization::default()
            }),
            Lane::Metrics => Item::Metric(Metric {
                name: text,
                ..Metric::default()
            }),
            Lane::Extra(_) => Item::Lane(LaneItem {
                text,
                ..LaneItem::default()
            }),
        }
    }

    /// The item made into one of `lane`'s kind: itself when it already is. Its
    /// main text goes along; a pain point and an optimization also keep their
    /// votes and their level (severity becomes priority and back), and every item
    /// the personas it belongs to; fields the
    /// other kind has no place for stay behind (an undo brings them back).
    pub fn into_lane(self, lane: Lane) -> Item {
        match (self, lane) {
            (Item::Text(t), Lane::Actions | Lane::Thoughts) => Item::Text(t),
            (i @ Item::Touchpoint(_), Lane::Touchpoints)
            | (i @ Item::Emotion(_), Lane::Emotions)
            | (i @ Item::PainPoint(_), Lane::PainPoints)
            | (i @ Item::Optimization(_), Lane::Optimizations)
            | (i @ Item::Metric(_), Lane::Metrics)
            | (i @ Item::Lane(_), Lane::Extra(_)) => i,
            (Item::Touchpoint(t), Lane::Extra(_)) => Item::Lane(LaneItem {
                text: t.name,
                channel: t.channel,
                evidence: t.evidence,
                personas: t.personas,
                ..LaneItem::default()
            }),
            (Item::Optimization(o), Lane::Extra(_)) => Item::Lane(LaneItem {
                text: o.text,
                owner: o.owner,
                evidence: o.evidence,
                personas: o.personas,
                ..LaneItem::default()
            }),
            (Item::Lane(l), Lane::Touchpoints) => Item::Touchpoint(Touchpoint {
                name: l.text,
                channel: l.channel,
                evidence: l.evidence,
                personas: l.personas,
                ..Touchpoint::default()
            }),
            (Item::Lane(l), Lane::Optimizations) => Item::Optimization(Optimization {
                text: l.text,
                owner: l.owner,
                evidence: l.evidence,
                personas: l.personas,
                ..Optimization::default()
            }),
            (Item::PainPoint(p), Lane::Optimizations) => Item::Optimization(Optimization {
                text: p.text,
                priority: p.severity,
                votes: p.votes,
                evidence: p.evidence,
                personas: p.personas,
                ..Optimization::default()
            }),
            (Item::Optimization(o), Lane::PainPoints) => Item::PainPoint(PainPoint {
                text: o.text,
                severity: o.priority,
                votes: o.votes,
                evidence: o.evidence,
                personas: o.personas,
            }),
            (i, lane) => {
                let text = i.text().to_string();
                Item::with_text(lane, text)
            }
        }
    }

    /// Whose item it is: the ids of the personas it names (none: every
    /// persona's), or for an emotion its one persona's key ("" for the first).
    pub fn personas(&self) -> Vec<String> {
        match self {
            Item::Text(_) => Vec::new(),
            Item::Emotion(e) => vec![e.persona.clone()],
            Item::Touchpoint(x) => x.personas.clone(),
            Item::PainPoint(x) => x.personas.clone(),
            Item::Optimization(x) => x.personas.clone(),
            Item::Metric(x) => x.personas.clone(),
            Item::Lane(x) => x.personas.clone(),
        }
    }

    /// The item made the personas' own (`ids` empty: everyone's); an
    /// emotion takes the first key, as it belongs to one persona. Actions
    /// and thoughts belong to everyone and stay as they are.
    pub fn with_personas(mut self, ids: Vec<String>) -> Item {
        match &mut self {
            Item::Text(_) => {}
            Item::Emotion(e) => e.persona = ids.into_iter().next().unwrap_or_default(),
            Item::Touchpoint(x) => x.personas = ids,
            Item::PainPoint(x) => x.personas = ids,
            Item::Optimization(x) => x.personas = ids,
            Item::Metric(x) => x.personas = ids,
            Item::Lane(x) => x.personas = ids,
        }
        self
    }

    /// A copy's votes: none.
    fn clear_votes(&mut self) {
        match self {
            Item::PainPoint(p) => p.votes = 0,
            Item::Optimization(o) => o.votes = 0,
            _ => {}
        }
    }

    pub fn get(stage: &Stage, lane: Lane, index: usize) -> Option<Item> {
        Some(match lane {
            Lane::Actions => Item::Text(stage.actions.get(index)?.clone()),
            Lane::Thoughts => Item::Text(stage.thoughts.get(index)?.clone()),
            Lane::Touchpoints => Item::Touchpoint(stage.touchpoints.get(index)?.clone()),
            Lane::Emotions => Item::Emotion(stage.emotions.get(index)?.clone()),
            Lane::PainPoints => Item::PainPoint(stage.pain_points.get(index)?.clone()),
            Lane::Optimizations => Item::Optimization(stage.optimizations.get(index)?.clone()),
            Lane::Metrics => Item::Metric(stage.metrics.get(index)?.clone()),
            Lane::Extra(id) => Item::Lane(stage.extra.items(id).get(index)?.clone()),
        })
    }

    /// The text a person reads first: what inline editing changes.
    pub fn text(&self) -> &str {
        match self {
            Item::Text(t) => t,
            Item::Touchpoint(t) => &t.name,
            Item::Emotion(e) => &e.label,
            Item::PainPoint(p) => &p.text,
            Item::Optimization(o) => &o.text,
            Item::Metric(m) => &m.name,
            Item::Lane(l) => &l.text,
        }
    }

    pub fn set_text(&mut self, text: String) {
        match self {
            Item::Text(t) => *t = text,
            Item::Touchpoint(t) => t.name = text,
            Item::Emotion(e) => e.label = text,
            Item::PainPoint(p) => p.text = text,
            Item::Optimization(o) => o.text = text,
            Item::Metric(m) => m.name = text,
            Item::Lane(l) => l.text = text,
        }
    }

    pub(super) fn insert(
        self,
        stage: &mut Stage,
        lane: Lane,
        index: usize,
    ) -> Result<(), OutOfRange> {
        fn ins<T>(v: &mut Vec<T>, i: usize, x: T) -> Result<(), OutOfRange> {
            if i > v.len() {
                return Err(OutOfRange);
            }
            v.insert(i, x);
            Ok(())
        }
        match (lane, self) {
            (Lane::Actions, Item::Text(t)) => ins(&mut stage.actions, index, t),
            (Lane::Thoughts, Item::Text(t)) => ins(&mut stage.thoughts, index, t),
            (Lane::Touchpoints, Item::Touchpoint(t)) => ins(&mut stage.touchpoints, index, t),
            (Lane::Emotions, Item::Emotion(e)) => ins(&mut stage.emotions, index, e),
            (Lane::PainPoints, Item::PainPoint(p)) => ins(&mut stage.pain_points, index, p),
            (Lane::Optimizations, Item::Optimization(o)) => ins(&mut stage.optimizations, index, o),
            (Lane::Metrics, Item::Metric(m)) => ins(&mut stage.metrics, index, m),
            (Lane::Extra(id), Item::Lane(l)) => ins(stage.extra.items_mut(id), index, l),
            _ => Err(OutOfRange),
        }
    }

    pub(super) fn remove(stage: &mut Stage, lane: Lane, index: usize) -> Result<Item, OutOfRange> {
        fn rm<T>(v: &mut Vec<T>, i: usize) -> Result<T, OutOfRange> {
            if i >= v.len() {
                return Err(OutOfRange);
            }
            Ok(v.remove(i))
        }
        Ok(match lane {
            Lane::Actions => Item::Text(rm(&mut stage.actions, index)?),
            Lane::Thoughts => Item::Text(rm(&mut stage.thoughts, index)?),
            Lane::Touchpoints => Item::Touchpoint(rm(&mut stage.touchpoints, index)?),
            Lane::Emotions => Item::Emotion(rm(&mut stage.emotions, index)?),
            Lane::PainPoints => Item::PainPoint(rm(&mut stage.pain_points, index)?),
            Lane::Optimizations => Item::Optimization(rm(&mut stage.optimizations, index)?),
            Lane::Metrics => Item::Metric(rm(&mut stage.metrics, index)?),
            Lane::Extra(id) => {
                let items = stage.extra.items_mut(id);
                let item = rm(items, index);
                stage.extra.prune();
                Item::Lane(item?)
            }
        })
    }

    /// Puts `self` at `index` and returns what was there.
    pub(super) fn replace(
        self,
        stage: &mut Stage,
        lane: Lane,
        index: usize,
    ) -> Result<Item, OutOfRange> {
        fn set<T>(v: &mut [T], i: usize, x: T) -> Result<T, OutOfRange> {
            let slot = v.get_mut(i).ok_or(OutOfRange)?;
            Ok(std::mem::replace(slot, x))
        }
        Ok(match (lane, self) {
            (Lane::Actions, Item::Text(t)) => Item::Text(set(&mut stage.actions, index, t)?),
            (Lane::Thoughts, Item::Text(t)) => Item::Text(set(&mut stage.thoughts, index, t)?),
            (Lane::Touchpoints, Item::Touchpoint(t)) => {
                Item::Touchpoint(set(&mut stage.touchpoints, index, t)?)
            }
            (Lane::Emotions, Item::Emotion(e)) => {
                Item::Emotion(set(&mut stage.emotions, index, e)?)
            }
            (Lane::PainPoints, Item::PainPoint(p)) => {
                Item::PainPoint(set(&mut stage.pain_points, index, p)?)
            }
            (Lane::Optimizations, Item::Optimization(o)) => {
                Item::Optimization(set(&mut stage.optimizations, index, o)?)
            }
            (Lane::Metrics, Item::Metric(m)) => Item::Metric(set(&mut stage.metrics, index, m)?),
            (Lane::Extra(id), Item::Lane(l)) => {
                let items = stage.extra.items_mut(id);
                let old = set(items, index, l);
                stage.extra.prune();
                Item::Lane(old?)
            }
            _ => return Err(OutOfRange),
        })
    }
}
