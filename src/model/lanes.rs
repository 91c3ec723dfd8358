//! Lanes beyond the seven (docs/format.md#format-6-lanes): the service-blueprint
//! lanes after Shostack and the Nielsen Norman Group, and lanes a team defines.
//!
//! A map that uses none keeps `lanes` empty and shows the seven journey lanes in
//! their fixed order, so it reads and writes exactly as before. Once a map has a
//! lane of its own, `lanes` lists every lane in the order the grid shows them,
//! the seven included, so a team can put "Frontstage" right under "Doing".
//!
//! An extra lane is addressed as [`Lane::Extra`] with its id interned to a
//! `&'static str`: a lane stays a small `Copy` value that paths, cursors and
//! diffs can hold, and a stage finds its items by id without asking the map.

use std::collections::{BTreeMap, HashSet};
use std::sync::Mutex;

use serde::{Serialize, Serializer};

use super::{JourneyMap, Lane, Stage};

/// What kind of row a lane is. The four blueprint kinds decide where the
/// blueprint's lines are drawn; `Journey` marks one of the seven lanes every
/// map has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub enum LaneKind {
    /// One of the seven journey lanes (its id is the lane's key).
    Journey,
    /// Things the customer sees and touches: a receipt, a room key, an email.
    PhysicalEvidence,
    /// What employees do where the customer can see it.
    Frontstage,
    /// What employees do out of the customer's sight.
    Backstage,
    /// Systems and other teams the front and back stage rely on.
    Support,
    /// A lane a team made up: "Feelings at the desk", "Regulation".
    #[default]
    Custom,
}

impl LaneKind {
    pub const ALL: [LaneKind; 6] = [
        LaneKind::Journey,
        LaneKind::PhysicalEvidence,
        LaneKind::Frontstage,
        LaneKind::Backstage,
        LaneKind::Support,
        LaneKind::Custom,
    ];
    /// The kinds a team can add (a journey lane cannot be added twice).
    pub const ADDABLE: [LaneKind; 5] = [
        LaneKind::PhysicalEvidence,
        LaneKind::Frontstage,
        LaneKind::Backstage,
        LaneKind::Support,
        LaneKind::Custom,
    ];
    /// The names the file uses, in order (see `Level::NAMES`).
    pub const NAMES: [&'static str; 6] = [
        "Journey",
        "PhysicalEvidence",
        "Frontstage",
        "Backstage",
        "Support",
        "Custom",
    ];

    pub fn name(self) -> &'static str {
        match self {
            LaneKind::Journey => "Journey",
            LaneKind::PhysicalEvidence => "PhysicalEvidence",
            LaneKind::Frontstage => "Frontstage",
            LaneKind::Backstage => "Backstage",
            LaneKind::Support => "Support",
            LaneKind::Custom => "Custom",
        }
    }

    pub fn from_name(name: &str) -> Option<LaneKind> {
        LaneKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Human wording ("physical evidence").
    pub fn label(self) -> &'static str {
        match self {
            LaneKind::Journey => "journey",
            LaneKind::PhysicalEvidence => "physical evidence",
            LaneKind::Frontstage => "frontstage",
            LaneKind::Backstage => "backstage",
            LaneKind::Support => "support processes",
            LaneKind::Custom => "custom",
        }
    }

    /// The title and id a new lane of this kind starts with.
    pub fn default_title(self) -> &'static str {
        match self {
            LaneKind::Journey => "",
            LaneKind::PhysicalEvidence => "Physical evidence",
            LaneKind::Frontstage => "Frontstage",
            LaneKind::Backstage => "Backstage",
            LaneKind::Support => "Support processes",
            LaneKind::Custom => "New lane",
        }
    }

    /// Blueprint lanes name who does the work, so their items carry an owner
    /// and a channel; physical evidence and custom lanes hold plain text.
    pub fn default_holds(self) -> Holds {
        match self {
            LaneKind::Frontstage | LaneKind::Backstage | LaneKind::Support => Holds::Owned,
            _ => Holds::Text,
        }
    }

    pub fn is_blueprint(self) -> bool {
        matches!(
            self,
            LaneKind::PhysicalEvidence
                | LaneKind::Frontstage
                | LaneKind::Backstage
                | LaneKind::Support
        )
    }

    /// The blueprint line drawn above the first lane of this kind: the line of
    /// interaction between the customer and the frontstage, the line of
    /// visibility between what the customer sees and what not, the line of
    /// internal interaction above the support processes.
    pub fn line_above(self) -> Option<BlueprintLine> {
        match self {
            LaneKind::Frontstage => Some(BlueprintLine::Interaction),
            LaneKind::Backstage => Some(BlueprintLine::Visibility),
            LaneKind::Support => Some(BlueprintLine::InternalInteraction),
            _ => None,
        }
    }
}

/// The three lines of a service blueprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlueprintLine {
    Interaction,
    Visibility,
    InternalInteraction,
}

impl BlueprintLine {
    pub fn label(self) -> &'static str {
        match self {
            BlueprintLine::Interaction => "line of interaction",
            BlueprintLine::Visibility => "line of visibility",
            BlueprintLine::InternalInteraction => "line of internal interaction",
        }
    }
}

/// What the items of an extra lane hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub enum Holds {
    /// A sentence.
    #[default]
    Text,
    /// A sentence with who does it (`owner`) and how (`channel`).
    Owned,
}

impl Holds {
    pub const ALL: [Holds; 2] = [Holds::Text, Holds::Owned];
    pub const NAMES: [&'static str; 2] = ["Text", "Owned"];

    pub fn name(self) -> &'static str {
        match self {
            Holds::Text => "Text",
            Holds::Owned => "Owned",
        }
    }

    pub fn from_name(name: &str) -> Option<Holds> {
        Holds::ALL.into_iter().find(|h| h.name() == name)
    }

    pub fn label(self) -> &'static str {
        match self {
            Holds::Text => "plain text",
            Holds::Owned => "text with an owner and a channel",
        }
    }
}

/// One entry of the map's `lanes`: a journey lane (by its key, with an
/// optional title of the team's own, such as "Customer actions" for Doing) or
/// an extra lane.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct LaneDef {
    pub id: String,
    /// Empty on a journey lane that keeps its usual title.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub title: String,
    pub kind: LaneKind,
    pub holds: Holds,
}

impl LaneDef {
    /// The entry of a journey lane that keeps its title.
    pub fn journey(lane: Lane) -> LaneDef {
        LaneDef {
            id: lane.key().to_string(),
            title: String::new(),
            kind: LaneKind::Journey,
            holds: Holds::Text,
        }
    }

    /// The lane this entry defines: a journey lane by its key, else an extra one.
    pub fn lane(&self) -> Lane {
        if self.kind == LaneKind::Journey
            && let Some(l) = Lane::from_key(&self.id)
        {
            return l;
        }
        Lane::Extra(intern(&self.id))
    }
}

/// An item of an extra lane. `serves` names the customer action (an action of
/// the same stage, by its text) the work is done for, as Enablement Map Studio
/// links a blueprint's tasks to the journey's actions; `check` reports one that
/// names no action.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct LaneItem {
    pub text: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub channel: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub serves: String,
    /// Ids of the map's evidence this item cites.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// Ids of the personas this item belongs to; empty for every persona.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub personas: Vec<String>,
}

/// A stage's items in the extra lanes, by lane id. An empty lane and a missing
/// one are the same thing, so equality ignores empty entries: a stage read back
/// from its file equals the stage that was written.
#[derive(Debug, Clone, Default)]
pub struct Cells(pub BTreeMap<String, Vec<LaneItem>>);

impl PartialEq for Cells {
    fn eq(&self, other: &Cells) -> bool {
        // Compared in place: the editor asks this of every stage on each key.
        fn full(c: &Cells) -> impl Iterator<Item = (&String, &Vec<LaneItem>)> {
            c.0.iter().filter(|(_, v)| !v.is_empty())
        }
        full(self).eq(full(other))
    }
}

impl Serialize for Cells {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let full: BTreeMap<&String, &Vec<LaneItem>> =
            self.0.iter().filter(|(_, v)| !v.is_empty()).collect();
        full.serialize(s)
    }
}

impl Cells {
    pub fn is_empty(&self) -> bool {
        self.0.values().all(Vec::is_empty)
    }

    pub fn items(&self, id: &str) -> &[LaneItem] {
        self.0.get(id).map(Vec::as_slice).unwrap_or_default()
    }

    pub fn items_mut(&mut self, id: &str) -> &mut Vec<LaneItem> {
        self.0.entry(id.to_string()).or_default()
    }

    /// Drops empty entries, so the writer and the JSON never see them.
    pub fn prune(&mut self) {
        self.0.retain(|_, v| !v.is_empty());
    }
}

/// The one place an extra lane's id becomes a `&'static str`. Ids are few (a
/// map has a handful of lanes), so keeping each distinct one for the life of
/// the process costs little and lets [`Lane`] stay `Copy`.
pub fn intern(id: &str) -> &'static str {
    static IDS: Mutex<Option<HashSet<&'static str>>> = Mutex::new(None);
    let Ok(mut guard) = IDS.lock() else {
        return Box::leak(id.to_string().into_boxed_str());
    };
    let set = guard.get_or_insert_with(HashSet::new);
    if let Some(s) = set.get(id) {
        return s;
    }
    let s: &'static str = Box::leak(id.to_string().into_boxed_str());
    set.insert(s);
    s
}

impl Stage {
    /// The items of an extra lane (empty for a journey lane).
    pub fn extra_items(&self, lane: Lane) -> &[LaneItem] {
        match lane {
            Lane::Extra(id) => self.extra.items(id),
            _ => &[],
        }
    }

    /// The items of an extra lane, to change; `None` for a journey lane.
    pub fn extra_items_mut(&mut self, lane: Lane) -> Option<&mut Vec<LaneItem>> {
        match lane {
            Lane::Extra(id) => Some(self.extra.items_mut(id)),
            _ => None,
        }
    }
}

impl JourneyMap {
    /// True when the map lists its lanes (it has an extra lane, a journey lane
    /// with a title of its own, or an order of its own): format 6.
    pub fn has_lanes(&self) -> bool {
        !self.lanes.is_empty()
    }

    /// Every lane in the order the grid shows them.
    pub fn lane_sequence(&self) -> Vec<Lane> {
        if self.lanes.is_empty() {
            return Lane::ALL.to_vec();
        }
        self.lanes.iter().map(LaneDef::lane).collect()
    }

    /// The extra lanes, in order.
    pub fn extra_lanes(&self) -> Vec<Lane> {
        self.lane_sequence()
            .into_iter()
            .filter(|l| matches!(l, Lane::Extra(_)))
            .collect()
    }

    /// The entry that defines a lane; `None` for a journey lane of a map that
    /// does not list its lanes, or an id the map does not have.
    pub fn lane_def(&self, lane: Lane) -> Option<&LaneDef> {
        let id = lane.key();
        self.lanes.iter().find(|d| d.id == id)
    }

    /// The lane of an id in the file: a journey lane's key or an extra lane's id.
    pub fn lane_by_id(&self, id: &str) -> Option<Lane> {
        self.lane_sequence().into_iter().find(|l| l.key() == id)
    }

    /// The row heading: the team's title, else the journey lane's own.
    pub fn lane_title(&self, lane: Lane) -> String {
        match self.lane_def(lane) {
            Some(d) if !d.title.is_empty() => d.title.clone(),
            _ => lane.title().to_string(),
        }
    }

    pub fn lane_kind(&self, lane: Lane) -> LaneKind {
        match lane {
            Lane::Extra(_) => self.lane_def(lane).map(|d| d.kind).unwrap_or_default(),
            _ => LaneKind::Journey,
        }
    }

    pub fn lane_holds(&self, lane: Lane) -> Holds {
        self.lane_def(lane).map(|d| d.holds).unwrap_or_default()
    }

    /// True when the map has a blueprint lane: its views draw the blueprint's lines.
    pub fn is_blueprint(&self) -> bool {
        self.lanes.iter().any(|d| d.kind.is_blueprint())
    }

    /// The blueprint line drawn just above `lane`: above the first lane (in the
    /// grid's order) of the kind the line sits over.
    pub fn line_above(&self, lane: Lane) -> Option<BlueprintLine> {
        let kind = self.lane_kind(lane);
        let line = kind.line_above()?;
        let first = self
            .lane_sequence()
            .into_iter()
            .find(|l| self.lane_kind(*l) == kind)?;
        (first == lane).then_some(line)
    }

    /// Lists the lanes explicitly, so one can be added or moved.
    fn spell_out_lanes(&mut self) {
        if self.lanes.is_empty() {
            self.lanes = Lane::ALL.into_iter().map(LaneDef::journey).collect();
        }
    }

    /// Forgets the list when it says nothing the default does not, so a map
    /// whose last extra lane was removed is written as it was before.
    pub fn normalize_lanes(&mut self) {
        let default: Vec<LaneDef> = Lane::ALL.into_iter().map(LaneDef::journey).collect();
        if self.lanes == default {
            self.lanes.clear();
        }
        for s in &mut self.stages {
            s.extra.prune();
        }
    }

    /// Adds an extra lane after `after` (at the end when `None` or not found);
    /// its id is derived from the title, unique among the lanes.
    pub fn add_lane(&mut self, title: &str, kind: LaneKind, after: Option<Lane>) -> Lane {
        self.spell_out_lanes();
        let taken: HashSet<String> = self.lanes.iter().map(|d| d.id.clone()).collect();
        let base = if title.trim().is_empty() {
            kind.default_title()
        } else {
            title
        };
        let id = super::unique_slug(base, |c| {
            taken.contains(c) || Lane::from_key(c).is_some() || c == "lane"
        });
        let def = LaneDef {
            id,
            title: base.to_string(),
            kind,
            holds: kind.default_holds(),
        };
        let lane = def.lane();
        let at = after
            .and_then(|a| self.lanes.iter().position(|d| d.lane() == a))
            .map(|i| i + 1)
            .unwrap_or(self.lanes.len());
        self.lanes.insert(at.min(self.lanes.len()), def);
        lane
    }

    /// Removes an extra lane and its items; a journey lane cannot be removed.
    pub fn remove_lane(&mut self, lane: Lane) -> bool {
        let Lane::Extra(id) = lane else {
            return false;
        };
        let before = self.lanes.len();
        self.lanes.retain(|d| d.id != id);
        for s in &mut self.stages {
            s.extra.0.remove(id);
        }
        self.normalize_lanes();
        before != self.lanes.len()
    }

    /// Renames a lane's title; a journey lane's title of its own is cleared by
    /// an empty title or its usual one.
    pub fn rename_lane(&mut self, lane: Lane, title: &str) -> bool {
        if matches!(lane, Lane::Extra(_)) && title.trim().is_empty() {
            return false;
        }
        self.spell_out_lanes();
        let usual = lane.title();
        let Some(d) = self.lanes.iter_mut().find(|d| d.lane() == lane) else {
            return false;
        };
        d.title = if d.kind == LaneKind::Journey && title == usual {
            String::new()
        } else {
            title.to_string()
        };
        self.normalize_lanes();
        true
    }

    /// Moves a lane one place up (`-1`) or down (`1`) in the grid.
    pub fn move_lane(&mut self, lane: Lane, delta: isize) -> bool {
        self.spell_out_lanes();
        let Some(i) = self.lanes.iter().position(|d| d.lane() == lane) else {
            return false;
        };
        let Some(j) = i
            .checked_add_signed(delta)
            .filter(|j| *j < self.lanes.len())
        else {
            self.normalize_lanes();
            return false;
        };
        self.lanes.swap(i, j);
        self.normalize_lanes();
        true
    }

    /// Changes what an extra lane's items hold.
    pub fn set_lane_holds(&mut self, lane: Lane, holds: Holds) -> bool {
        match self.lanes.iter_mut().find(|d| d.lane() == lane) {
            Some(d) if d.kind != LaneKind::Journey => {
                d.holds = holds;
                true
            }
            _ => false,
        }
    }

    /// Extra-lane items whose `serves` names no action of their stage:
    /// `(stage, lane, index)`.
    pub fn dangling_serves(&self) -> Vec<(usize, Lane, usize)> {
        let mut out = Vec::new();
        for (s, stage) in self.stages.iter().enumerate() {
            for lane in self.extra_lanes() {
                for (i, item) in stage.extra_items(lane).iter().enumerate() {
                    if !item.serves.is_empty() && !stage.actions.contains(&item.serves) {
                        out.push((s, lane, i));
                    }
                }
            }
        }
        out
    }

    /// Keeps `serves` links pointing at an action whose text changed.
    pub fn relink_serves(&mut self, stage: usize, old: &str, new: &str) {
        if old == new || old.is_empty() {
            return;
        }
        if let Some(s) = self.stages.get_mut(stage) {
            for items in s.extra.0.values_mut() {
                for item in items.iter_mut().filter(|i| i.serves == old) {
                    item.serves = new.to_string();
                }
            }
        }
    }

    /// The items of an extra lane that serve an action, with their lane.
    pub fn serving(&self, stage: usize, action: &str) -> Vec<(Lane, &LaneItem)> {
        let Some(s) = self.stages.get(stage) else {
            return Vec::new();
        };
        self.extra_lanes()
            .into_iter()
            .flat_map(|l| {
                s.extra_items(l)
                    .iter()
                    .filter(move |i| i.serves == action)
                    .map(move |i| (l, i))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_map_without_lanes_has_the_seven_in_order() {
        let m = JourneyMap::new("T", "P");
        assert_eq!(m.lane_sequence(), Lane::ALL.to_vec());
        assert!(!m.has_lanes());
    }

    #[test]
    fn adding_then_removing_a_lane_leaves_the_map_as_it_was() {
        let mut m = JourneyMap::new("T", "P");
        m.stages.push(Stage::named("A"));
        let before = m.clone();
        let lane = m.add_lane("Frontstage", LaneKind::Frontstage, Some(Lane::Actions));
        assert_eq!(lane, Lane::Extra("frontstage"));
        assert_eq!(m.lane_sequence().get(1), Some(&lane));
        if let Some(items) = m.stages.get_mut(0).and_then(|s| s.extra_items_mut(lane)) {
            items.push(LaneItem {
                text: "Greets".into(),
                ..LaneItem::default()
            });
        }
        assert_eq!(m.stages.first().map(|s| s.lane_len(lane)), Some(1));
        assert!(m.remove_lane(lane));
        assert_eq!(m, before);
        assert!(!m.remove_lane(Lane::Actions));
    }

    #[test]
    fn lines_sit_above_the_first_lane_of_their_kind() {
        let mut m = JourneyMap::new("T", "P");
        let front = m.add_lane("Front desk", LaneKind::Frontstage, Some(Lane::Actions));
        let front2 = m.add_lane("Concierge", LaneKind::Frontstage, Some(front));
        let back = m.add_lane("Back", LaneKind::Backstage, Some(front2));
        assert_eq!(m.line_above(front), Some(BlueprintLine::Interaction));
        assert_eq!(m.line_above(front2), None);
        assert_eq!(m.line_above(back), Some(BlueprintLine::Visibility));
        assert_eq!(m.line_above(Lane::Thoughts), None);
        assert!(m.is_blueprint());
    }

    #[test]
    fn ids_never_take_a_journey_key_or_repeat() {
        let mut m = JourneyMap::new("T", "P");
        let a = m.add_lane("Actions", LaneKind::Custom, None);
        let b = m.add_lane("Actions", LaneKind::Custom, None);
        assert_ne!(a, Lane::Actions);
        assert_ne!(a, b);
    }

    #[test]
    fn renaming_a_journey_lane_back_forgets_the_title() {
        let mut m = JourneyMap::new("T", "P");
        assert!(m.rename_lane(Lane::Actions, "Customer actions"));
        assert_eq!(m.lane_title(Lane::Actions), "Customer actions");
        assert!(m.has_lanes());
        assert!(m.rename_lane(Lane::Actions, "Doing"));
        assert!(!m.has_lanes());
    }

    #[test]
    fn moving_lanes_and_back_is_no_change() {
        let mut m = JourneyMap::new("T", "P");
        assert!(m.move_lane(Lane::Thoughts, -1));
        assert_eq!(m.lane_sequence().first(), Some(&Lane::Thoughts));
        assert!(m.move_lane(Lane::Thoughts, 1));
        assert!(!m.has_lanes());
        assert!(!m.move_lane(Lane::Actions, -1));
        assert!(!m.has_lanes());
    }

    #[test]
    fn serves_links_follow_an_edited_action_and_dangle_when_gone() {
        let mut m = JourneyMap::new("T", "P");
        let mut s = Stage::named("A");
        s.actions.push("Checks in".into());
        m.stages.push(s);
        let lane = m.add_lane("Front", LaneKind::Frontstage, None);
        if let Some(items) = m.stages.get_mut(0).and_then(|s| s.extra_items_mut(lane)) {
            items.push(LaneItem {
                text: "Hands over the key".into(),
                serves: "Checks in".into(),
                ..LaneItem::default()
            });
        }
        assert!(m.dangling_serves().is_empty());
        assert_eq!(m.serving(0, "Checks in").len(), 1);
        m.relink_serves(0, "Checks in", "Checks in at the desk");
        if let Some(a) = m.stages.get_mut(0).and_then(|s| s.actions.get_mut(0)) {
            *a = "Checks in at the desk".into();
        }
        assert!(m.dangling_serves().is_empty());
        if let Some(s) = m.stages.get_mut(0) {
            s.actions.clear();
        }
        assert_eq!(m.dangling_serves(), vec![(0, lane, 0)]);
    }
}
