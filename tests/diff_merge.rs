//! Laws of the semantic diff and the three-way merge, on generated small valid maps
//! edited in every lane and every persona and stage field, plus the behaviour
//! reviewers rely on.

mod common;

use cjm::diff::merge::{Clash, Version, merge};
use cjm::diff::{self, Edit, Place, apply, diff};
use cjm::format;
use cjm::model::{
    Emotion, Holds, JourneyMap, Lane, LaneItem, LaneKind, Level, Metric, Optimization, PainPoint,
    Persona, Stage, Status, Touchpoint,
};
use proptest::prelude::*;

mod bigmaps;
mod gfm;

// ---------------------------------------------------------------- generators

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "Reel", "Newsletter", "Store visit", "Call centre", "Checkout", "Reviews",
            "Price page", "Demo", "Chat", "Invoice",
        ])
        .prop_map(str::to_string),
        2 => "[a-z]{1,6}( [a-z]{1,6}){0,2}",
        1 => "[a-zé漢🎉\u{1b}]{1,4}",
    ]
}

fn level() -> impl Strategy<Value = Level> {
    prop::sample::select(Level::ALL.to_vec())
}

fn touchpoint() -> impl Strategy<Value = Touchpoint> {
    (
        text(),
        prop::sample::select(vec!["", "Social", "Email", "Store"]),
        prop::option::of(text()),
    )
        .prop_map(|(name, channel, note)| Touchpoint {
            personas: Vec::new(),
            name,
            channel: channel.into(),
            note: note.unwrap_or_default(),
            evidence: Vec::new(),
        })
}

fn emotion() -> impl Strategy<Value = Emotion> {
    (1i64..=5, text()).prop_map(|(score, label)| Emotion {
        persona: String::new(),
        score,
        label,
        note: String::new(),
        evidence: Vec::new(),
    })
}

/// Mostly none, as in `tests/common`'s generator (not shared: this file stands alone).
fn votes() -> impl Strategy<Value = u32> {
    prop_oneof![8 => Just(0u32), 2 => 1u32..12, 1 => Just(u32::MAX)]
}

fn pain() -> impl Strategy<Value = PainPoint> {
    (text(), level(), votes()).prop_map(|(text, severity, votes)| PainPoint {
        personas: Vec::new(),
        text,
        severity,
        votes,
        evidence: Vec::new(),
    })
}

fn optimization() -> impl Strategy<Value = Optimization> {
    (
        text(),
        prop::option::of(text()),
        level(),
        prop::sample::select(Status::ALL.to_vec()),
        votes(),
    )
        .prop_map(|(text, owner, priority, status, votes)| Optimization {
            personas: Vec::new(),
            text,
            owner: owner.unwrap_or_default(),
            priority,
            status,
            votes,
            impact: None,
            effort: None,
            evidence: Vec::new(),
        })
}

fn metric() -> impl Strategy<Value = Metric> {
    (
        text(),
        prop::option::of(0u32..1000),
        prop::option::of(0u32..1000),
    )
        .prop_map(|(name, c, t)| Metric {
            personas: Vec::new(),
            name,
            current: c.map(f64::from),
            target: t.map(f64::from),
            unit: String::new(),
            evidence: Vec::new(),
        })
}

/// A card of an extra lane; `serves` names one of the generator's actions or
/// none.
fn lane_item() -> impl Strategy<Value = LaneItem> {
    (
        text(),
        prop::sample::select(vec!["", "Front desk", "Housekeeping"]),
        prop::sample::select(vec!["", "In person", "SMS"]),
        prop::sample::select(vec!["", "Reel", "Checkout"]),
    )
        .prop_map(|(text, owner, channel, serves)| LaneItem {
            personas: Vec::new(),
            text,
            owner: owner.into(),
            channel: channel.into(),
            serves: serves.into(),
            evidence: Vec::new(),
        })
}

/// The extra lanes a generated map may have, as `add_lane` names them: two
/// branches adding the same one get the same id, as people using cjm do.
const EXTRA: [(&str, LaneKind); 4] = [
    ("Frontstage", LaneKind::Frontstage),
    ("Backstage", LaneKind::Backstage),
    ("Moments of truth", LaneKind::Custom),
    ("Physical evidence", LaneKind::PhysicalEvidence),
];

fn texts(n: usize) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), 0..n)
}

fn stage(id: &'static str) -> impl Strategy<Value = Stage> {
    (
        text(),
        prop::option::of(text()),
        texts(3),
        texts(3),
        prop::collection::vec(touchpoint(), 0..3),
        prop::collection::vec(emotion(), 0..3),
        prop::collection::vec(pain(), 0..3),
        prop::collection::vec(optimization(), 0..3),
        prop::collection::vec(metric(), 0..2),
        prop::collection::vec((0usize..4, lane_item()), 0..3),
    )
        .prop_map(
            move |(name, goal, actions, thoughts, tps, emos, pains, opts, mets, cards)| Stage {
                // Filed by slot; `map` moves them to the lanes the map has.
                extra: cjm::model::Cells(
                    cards
                        .into_iter()
                        .map(|(slot, item)| (format!("slot-{slot}"), vec![item]))
                        .collect(),
                ),
                id: id.to_string(),
                name,
                goal: goal.unwrap_or_default(),
                actions,
                thoughts,
                touchpoints: tps,
                emotions: emos,
                pain_points: pains,
                optimizations: opts,
                metrics: mets,
                evidence: Vec::new(),
            },
        )
}

const IDS: [&str; 6] = [
    "awareness",
    "consideration",
    "decision",
    "retention",
    "advocacy",
    "x-2",
];

fn stages() -> impl Strategy<Value = Vec<Stage>> {
    prop::sample::subsequence(IDS.to_vec(), 0..=4)
        .prop_shuffle()
        .prop_flat_map(|ids| ids.into_iter().map(stage).collect::<Vec<_>>())
}

fn map() -> impl Strategy<Value = JourneyMap> {
    (
        text(),
        prop::option::of(text()),
        texts(3),
        text(),
        prop::option::of(text()),
        texts(3),
        texts(2),
        prop::collection::vec((text(), text()), 0..3),
        stages(),
        prop_oneof![2 => Just(Vec::new()), 1 => prop::sample::subsequence(vec![0usize, 1, 2, 3], 1..=3)],
        prop::option::of(text()),
        prop::bool::weighted(0.3),
    )
        .prop_map(
            |(title, summary, objectives, name, role, goals, needs, traits, stages, extra, retitled, two)| {
                let mut m = JourneyMap { other_personas: Vec::new(),
                lanes: Vec::new(),
                title,
                summary: summary.unwrap_or_default(),
                framework: String::new(),
                objectives,
                persona: Persona {
                    name,
                    role: role.unwrap_or_default(),
                    goals,
                    needs,
                    traits,
                    ..Persona::default()
                },
                stages,
                conflicts: Vec::new(),
                evidence: Vec::new(),
            };
            // Sometimes extra lanes (and a journey lane of another title),
            // and the stages' cards in them; without lanes the cards go.
            let mut after = Some(Lane::Actions);
            let mut lanes = Vec::new();
            for i in &extra {
                let (title, kind) = EXTRA[*i];
                let lane = m.add_lane(title, kind, after);
                after = Some(lane);
                lanes.push(lane);
            }
            if let (false, Some(t)) = (lanes.is_empty(), retitled) {
                m.rename_lane(Lane::Actions, &t);
            }
            for s in &mut m.stages {
                file_cards(s, &lanes);
            }
            // Sometimes a second persona (format 7), with an emotion and
            // items of hers and one of the first persona's.
            if two {
                m.add_persona("Jon");
                let first = m.persona.id.clone();
                for s in &mut m.stages {
                    if let Some(e) = s.emotions.get_mut(1) {
                        e.persona = "jon".into();
                    }
                    if let Some(p) = s.pain_points.first_mut() {
                        p.personas = vec!["jon".into()];
                    }
                    if let Some(t) = s.touchpoints.get_mut(1) {
                        t.personas = vec![first.clone()];
                    }
                }
            }
            m
        })
}

/// Moves a generated stage's cards from their slots to the map's extra lanes
/// (`slot % lanes`); without extra lanes they go.
fn file_cards(s: &mut Stage, lanes: &[Lane]) {
    let cards = std::mem::take(&mut s.extra.0);
    for (slot, items) in cards {
        let n: usize = slot.trim_start_matches("slot-").parse().unwrap_or(0);
        if let Some(lane) = lanes.get(n % lanes.len().max(1)) {
            s.extra_items_mut(*lane).unwrap().extend(items);
        }
    }
}

/// An edit to one list (a lane, the objectives, a persona list); indices wrap
/// around whatever is there.
#[derive(Debug, Clone)]
enum ListOp {
    Add(usize, String),
    Remove(usize),
    /// The main text edited.
    Edit(usize, String),
    /// Another field edited: channel, score, severity, status, KPI value, trait value.
    Detail(usize),
    Move(usize, usize),
}

/// An edit a person makes in one branch; indices wrap around whatever is there.
#[derive(Debug, Clone)]
enum Op {
    /// Stage, lane (any of the seven), the edit.
    Item(usize, usize, ListOp),
    Rename(usize, String),
    /// A stage's goal set (or cleared).
    Goal(usize, Option<String>),
    MoveStage(usize, usize),
    RemoveStage(usize),
    AddStage(usize, Box<Stage>),
    Title(String),
    Summary(Option<String>),
    Objective(ListOp),
    /// The persona's name, role, quote or summary (only the name cannot be cleared).
    Persona(usize, Option<String>),
    /// Goals, needs, frustrations, behaviors or traits.
    PersonaList(usize, ListOp),
    /// One of `EXTRA`, added after the lane at this place.
    AddLane(usize, usize),
    /// The extra lane at this place (of the extra lanes) removed.
    RemoveLane(usize),
    /// The lane at this place (of all) retitled.
    RenameLane(usize, String),
    /// The lane at this place moved up or down.
    MoveLane(usize, bool),
    /// What the extra lane at this place holds switched.
    LaneHolds(usize),
}

fn list_op() -> impl Strategy<Value = ListOp> {
    let n = 0usize..8;
    prop_oneof![
        (n.clone(), text()).prop_map(|(i, t)| ListOp::Add(i, t)),
        n.clone().prop_map(ListOp::Remove),
        (n.clone(), "[a-z]{1,3}").prop_map(|(i, t)| ListOp::Edit(i, t)),
        n.clone().prop_map(ListOp::Detail),
        (n.clone(), n.clone()).prop_map(|(i, j)| ListOp::Move(i, j)),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let n = 0usize..8;
    prop_oneof![
        4 => (n.clone(), 0usize..12, list_op()).prop_map(|(s, l, o)| Op::Item(s, l, o)),
        1 => (n.clone(), text()).prop_map(|(s, t)| Op::Rename(s, t)),
        1 => (n.clone(), prop::option::of(text())).prop_map(|(s, t)| Op::Goal(s, t)),
        1 => (n.clone(), n.clone()).prop_map(|(a, b)| Op::MoveStage(a, b)),
        1 => n.clone().prop_map(Op::RemoveStage),
        1 => (
            n.clone(),
            prop::sample::select(vec!["new-one", "new-two"]).prop_flat_map(stage)
        )
            .prop_map(|(at, s)| Op::AddStage(at, Box::new(s))),
        1 => text().prop_map(Op::Title),
        1 => prop::option::of(text()).prop_map(Op::Summary),
        1 => list_op().prop_map(Op::Objective),
        1 => (0usize..4, prop::option::of(text())).prop_map(|(f, t)| Op::Persona(f, t)),
        1 => (0usize..5, list_op()).prop_map(|(l, o)| Op::PersonaList(l, o)),
        1 => (0usize..4, n.clone()).prop_map(|(k, at)| Op::AddLane(k, at)),
        1 => n.clone().prop_map(Op::RemoveLane),
        1 => (n.clone(), text()).prop_map(|(l, t)| Op::RenameLane(l, t)),
        1 => (n.clone(), any::<bool>()).prop_map(|(l, up)| Op::MoveLane(l, up)),
        1 => n.clone().prop_map(Op::LaneHolds),
    ]
}

/// What the ops need of a list element.
trait Item: Clone {
    fn fresh(text: String) -> Self;
    fn append(&mut self, text: &str);
    fn detail(&mut self);
}

fn next<T: Copy + PartialEq>(all: &[T], v: T) -> T {
    let at = all.iter().position(|x| *x == v).unwrap_or(0);
    all[(at + 1) % all.len()]
}

impl Item for String {
    fn fresh(text: String) -> Self {
        text
    }
    fn append(&mut self, text: &str) {
        self.push_str(text);
    }
    fn detail(&mut self) {
        self.push('.');
    }
}

impl Item for (String, String) {
    fn fresh(text: String) -> Self {
        (text, "value".into())
    }
    fn append(&mut self, text: &str) {
        self.0.push_str(text);
    }
    fn detail(&mut self) {
        self.1.push('+');
    }
}

impl Item for Touchpoint {
    fn fresh(name: String) -> Self {
        Touchpoint {
            personas: Vec::new(),
            name,
            channel: "Email".into(),
            note: String::new(),
            evidence: Vec::new(),
        }
    }
    fn append(&mut self, text: &str) {
        self.name.push_str(text);
    }
    fn detail(&mut self) {
        self.channel = if self.channel == "Store" {
            "Web"
        } else {
            "Store"
        }
        .into();
    }
}

impl Item for Emotion {
    fn fresh(label: String) -> Self {
        Emotion {
            persona: String::new(),
            score: 3,
            label,
            note: String::new(),
            evidence: Vec::new(),
        }
    }
    fn append(&mut self, text: &str) {
        self.label.push_str(text);
    }
    fn detail(&mut self) {
        self.score = self.score % 5 + 1;
    }
}

impl Item for PainPoint {
    fn fresh(text: String) -> Self {
        PainPoint {
            personas: Vec::new(),
            text,
            severity: Level::High,
            votes: 0,
            evidence: Vec::new(),
        }
    }
    fn append(&mut self, text: &str) {
        self.text.push_str(text);
    }
    fn detail(&mut self) {
        self.severity = next(&Level::ALL, self.severity);
    }
}

impl Item for Optimization {
    fn fresh(text: String) -> Self {
        Optimization {
            personas: Vec::new(),
            text,
            owner: String::new(),
            priority: Level::Low,
            status: Status::Idea,
            votes: 0,
            impact: None,
            effort: None,
            evidence: Vec::new(),
        }
    }
    fn append(&mut self, text: &str) {
        self.text.push_str(text);
    }
    fn detail(&mut self) {
        self.status = next(&Status::ALL, self.status);
    }
}

impl Item for LaneItem {
    fn fresh(text: String) -> Self {
        LaneItem {
            text,
            owner: "Front desk".into(),
            ..LaneItem::default()
        }
    }
    fn append(&mut self, text: &str) {
        self.text.push_str(text);
    }
    fn detail(&mut self) {
        self.serves = if self.serves == "Reel" { "" } else { "Reel" }.into();
    }
}

impl Item for Metric {
    fn fresh(name: String) -> Self {
        Metric {
            personas: Vec::new(),
            name,
            current: None,
            target: Some(10.0),
            unit: String::new(),
            evidence: Vec::new(),
        }
    }
    fn append(&mut self, text: &str) {
        self.name.push_str(text);
    }
    fn detail(&mut self) {
        self.current = Some(self.current.unwrap_or(0.0) + 1.0);
    }
}

fn list<T: Item>(v: &mut Vec<T>, op: &ListOp) {
    match op.clone() {
        ListOp::Add(i, t) => {
            let at = i % (v.len() + 1);
            v.insert(at, T::fresh(t));
        }
        _ if v.is_empty() => {}
        ListOp::Remove(i) => {
            let at = i % v.len();
            v.remove(at);
        }
        ListOp::Edit(i, t) => {
            let at = i % v.len();
            v[at].append(&t);
        }
        ListOp::Detail(i) => {
            let at = i % v.len();
            v[at].detail();
        }
        ListOp::Move(i, j) => {
            let x = v.remove(i % v.len());
            let at = j % (v.len() + 1);
            v.insert(at, x);
        }
    }
}

/// Applies a list edit to one of the map's lanes.
fn lane_op(s: &mut Stage, lane: Lane, op: &ListOp) {
    match lane {
        Lane::Actions => list(&mut s.actions, op),
        Lane::Thoughts => list(&mut s.thoughts, op),
        Lane::Touchpoints => list(&mut s.touchpoints, op),
        Lane::Emotions => list(&mut s.emotions, op),
        Lane::PainPoints => list(&mut s.pain_points, op),
        Lane::Optimizations => list(&mut s.optimizations, op),
        Lane::Metrics => list(&mut s.metrics, op),
        Lane::Extra(_) => list(s.extra_items_mut(lane).unwrap(), op),
    }
}

fn run(map: &JourneyMap, ops: &[Op]) -> JourneyMap {
    let mut m = map.clone();
    for op in ops {
        let n = m.stages.len();
        match op.clone() {
            Op::Title(t) => m.title = t,
            Op::Summary(t) => m.summary = t.unwrap_or_default(),
            Op::Objective(o) => list(&mut m.objectives, &o),
            Op::Persona(f, t) => {
                let p = &mut m.persona;
                match f {
                    0 => p.name = t.unwrap_or_else(|| "Someone".into()),
                    1 => p.role = t.unwrap_or_default(),
                    2 => p.quote = t.unwrap_or_default(),
                    _ => p.summary = t.unwrap_or_default(),
                }
            }
            Op::PersonaList(l, o) => {
                let p = &mut m.persona;
                match l {
                    0 => list(&mut p.goals, &o),
                    1 => list(&mut p.needs, &o),
                    2 => list(&mut p.frustrations, &o),
                    3 => list(&mut p.behaviors, &o),
                    _ => list(&mut p.traits, &o),
                }
            }
            Op::AddLane(k, at) => {
                let (title, kind) = EXTRA[k];
                let lanes = m.lane_sequence();
                let after = lanes.get(at % lanes.len()).copied();
                if m.lane_by_id(&cjm::model::slugify(title)).is_none() {
                    m.add_lane(title, kind, after);
                }
            }
            Op::RemoveLane(i) => {
                let extra = m.extra_lanes();
                if !extra.is_empty() {
                    m.remove_lane(extra[i % extra.len()]);
                }
            }
            Op::RenameLane(i, t) => {
                let lanes = m.lane_sequence();
                m.rename_lane(lanes[i % lanes.len()], &t);
            }
            Op::MoveLane(i, up) => {
                let lanes = m.lane_sequence();
                m.move_lane(lanes[i % lanes.len()], if up { -1 } else { 1 });
            }
            Op::LaneHolds(i) => {
                let extra = m.extra_lanes();
                if !extra.is_empty() {
                    let lane = extra[i % extra.len()];
                    let holds = match m.lane_holds(lane) {
                        Holds::Text => Holds::Owned,
                        Holds::Owned => Holds::Text,
                    };
                    m.set_lane_holds(lane, holds);
                }
            }
            Op::AddStage(at, s) => {
                if m.stage_index(&s.id).is_none() {
                    let mut s = *s;
                    file_cards(&mut s, &m.extra_lanes());
                    m.stages.insert(at % (n + 1), s);
                }
            }
            _ if n == 0 => {}
            Op::RemoveStage(s) => {
                m.stages.remove(s % n);
            }
            Op::MoveStage(a, b) => {
                let s = m.stages.remove(a % n);
                m.stages.insert(b % n, s);
            }
            Op::Rename(s, t) => m.stages[s % n].name = t,
            Op::Goal(s, t) => m.stages[s % n].goal = t.unwrap_or_default(),
            Op::Item(s, l, o) => {
                let lanes = m.lane_sequence();
                lane_op(&mut m.stages[s % n], lanes[l % lanes.len()], &o);
                m.normalize_lanes();
            }
        }
    }
    m
}

/// 200 by default; `PROPTEST_CASES=5000 cargo test --release` for a deeper run.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200)
}

fn valid(m: &JourneyMap) -> bool {
    format::errors(m).is_empty()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn generated_maps_are_valid(a in map()) {
        prop_assert!(valid(&a), "{:?}", format::errors(&a));
    }

    #[test]
    fn a_map_has_no_diff_with_itself(a in map()) {
        prop_assert!(diff(&a, &a).is_empty());
    }

    #[test]
    fn applying_the_diff_gives_the_new_map(a in map(), b in map()) {
        prop_assert_eq!(apply(&a, &diff(&a, &b)).unwrap(), b);
    }

    #[test]
    fn applying_the_diff_of_an_edit_gives_the_edited_map(
        a in map(), ops in prop::collection::vec(op(), 0..6)
    ) {
        let b = run(&a, &ops);
        prop_assert_eq!(apply(&a, &diff(&a, &b)).unwrap(), b);
    }

    #[test]
    fn merging_with_an_unchanged_side_takes_the_other(b in map(), x in map()) {
        let (m, c) = merge(&b, &x, &b);
        prop_assert!(c.is_empty());
        prop_assert_eq!(m, x.clone());
        let (m, c) = merge(&b, &b, &x);
        prop_assert!(c.is_empty());
        prop_assert_eq!(m, x.clone());
        let (m, c) = merge(&b, &x, &x);
        prop_assert!(c.is_empty());
        prop_assert_eq!(m, x);
    }

    #[test]
    fn merge_laws_hold_for_edits(
        b in map(), ops in prop::collection::vec(op(), 0..6)
    ) {
        let x = run(&b, &ops);
        prop_assert_eq!(merge(&b, &x, &b).0, x.clone());
        prop_assert_eq!(merge(&b, &b, &x).0, x.clone());
        prop_assert_eq!(merge(&b, &x, &x).0, x);
    }

    #[test]
    fn merge_is_valid_and_symmetric_without_conflicts(
        b in map(),
        xo in prop::collection::vec(op(), 0..5),
        yo in prop::collection::vec(op(), 0..5),
    ) {
        let x = run(&b, &xo);
        let y = run(&b, &yo);
        let (m1, c1) = merge(&b, &x, &y);
        let (m2, c2) = merge(&b, &y, &x);
        prop_assert!(valid(&m1), "{:?}", format::errors(&m1));
        prop_assert!(valid(&m2));
        prop_assert_eq!(c1.is_empty(), c2.is_empty());
        if c1.is_empty() {
            prop_assert_eq!(m1, m2);
        }
    }

    #[test]
    fn merge_of_unrelated_maps_is_valid(b in map(), x in map(), y in map()) {
        let (m, _) = merge(&b, &x, &y);
        prop_assert!(valid(&m), "{:?}", format::errors(&m));
    }

    /// Every conflict the merge finds that the record can hold is recorded, the file it writes reads back
    /// as the same map, and resolving every conflict (any side) keeps it valid.
    #[test]
    fn recorded_conflicts_round_trip_and_resolve_to_valid_maps(
        b in map(),
        xo in prop::collection::vec(op(), 0..5),
        yo in prop::collection::vec(op(), 0..5),
        side in 0usize..4,
    ) {
        use cjm::edit::{Choice, resolve};
        use cjm::model::{Conflict, Side};
        let x = run(&b, &xo);
        let y = run(&b, &yo);
        let labels = Conflict::plain_labels();
        let (m, found) = cjm::diff::merge::merge_recorded(&b, &x, &y, &labels);
        // Those about lanes the record cannot hold: the merge keeps every
        // version in the map instead, and the command prints them.
        let recordable = found.iter().filter(|c| c.is_recorded()).count();
        prop_assert_eq!(m.conflicts.len(), recordable);
        let text = format::write(&m);
        let back = format::load_str(&text).unwrap().map;
        prop_assert_eq!(&back, &m);
        prop_assert_eq!(format::write(&back), text);
        let choice = match side {
            0 => Choice::Take(Side::Base),
            1 => Choice::Take(Side::Ours),
            2 => Choice::Take(Side::Theirs),
            _ => Choice::AsIs,
        };
        let mut cur = m;
        while !cur.conflicts.is_empty() {
            let before = cur.conflicts.len();
            match resolve(&cur, 0, choice) {
                Ok(next) if valid(&next) => cur = next,
                // A side that cannot be taken is kept as it is instead.
                _ => cur = resolve(&cur, 0, Choice::AsIs).unwrap(),
            }
            prop_assert_eq!(cur.conflicts.len(), before - 1);
        }
        prop_assert!(valid(&cur));
    }
}

// ---------------------------------------------------------------- examples

fn example() -> JourneyMap {
    let text = std::fs::read_to_string("tests/data/design-example.ron").unwrap();
    format::load_str(&text).unwrap().map
}

#[test]
fn a_renamed_stage_is_one_rename() {
    let a = example();
    let mut b = a.clone();
    b.stages[0].name = "Discovery".into();
    let d = diff(&a, &b);
    assert_eq!(d.len(), 1);
    assert!(matches!(&d[0].place, Place::Stage(r) if r.id == "awareness"));
    assert!(matches!(&d[0].edit, Edit::Set { field: "name", .. }));
}

#[test]
fn a_moved_stage_is_one_move() {
    let mut a = example();
    a.stages.push(Stage::named("Decision"));
    a.stages.push(Stage::named("Retention"));
    let mut b = a.clone();
    let s = b.stages.remove(0);
    b.stages.push(s);
    let d = diff(&a, &b);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(matches!(d[0].edit, Edit::Moved { from: 0, to: 2, .. }));
}

#[test]
fn an_edited_item_is_one_change() {
    let a = example();
    let mut b = a.clone();
    b.stages[0].touchpoints[0].name = "Instagram story".into();
    b.stages[0].pain_points[0].severity = Level::Low;
    let d = diff(&a, &b);
    assert_eq!(d.len(), 2, "{d:#?}");
    let t = diff::render::text(&d);
    assert!(
        t.contains("~ Instagram reel (Social) → Instagram story (Social)"),
        "{t}"
    );
    // A severity change is said as one, not as one pain point for another.
    assert!(
        t.contains("~ severity changed: Cannot tell machines apart (high → low)"),
        "{t}"
    );
}

#[test]
fn text_and_markdown_group_by_stage_and_lane() {
    let a = example();
    let mut b = a.clone();
    b.title = "Buying an espresso machine".into();
    b.stages[0].touchpoints.push(Touchpoint {
        personas: Vec::new(),
        name: "YouTube review".into(),
        channel: "Video".into(),
        note: String::new(),
        evidence: Vec::new(),
    });
    b.stages[0].actions.clear();
    let d = diff(&a, &b);
    let t = diff::render::text(&d);
    assert_eq!(
        t,
        "~ title: \"Buying a first espresso machine\" → \"Buying an espresso machine\"\n\
         stage Awareness [awareness]\n  \
           Doing\n    \
             - Watches a latte-art reel\n  \
           Touchpoints\n    \
             + YouTube review (Video)\n"
    );
    let md = diff::render::markdown(&d);
    assert!(md.contains("- **Stage Awareness** `awareness`\n"), "{md}");
    assert!(
        md.contains("  - *Touchpoints*\n    - **added**: YouTube review (Video)\n"),
        "{md}"
    );
    assert!(md.contains("**removed**: Watches a latte-art reel"), "{md}");
}

#[test]
fn escape_sequences_in_map_text_are_printed_escaped() {
    let a = example();
    let mut b = a.clone();
    b.stages[0].thoughts.push("\u{1b}]0;pwned\u{7}".into());
    b.title = "x\u{1b}[2Jy".into();
    let d = diff(&a, &b);
    let text = diff::render::text(&d);
    let md = diff::render::markdown(&d);
    for out in [&text, &md] {
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    }
    assert!(text.contains("+ \\u{1b}]0;pwned\\u{7}"), "{text}");
    assert!(md.contains("\\\\u{1b}\\]0;pwned"), "{md}");
}

#[test]
fn markdown_cannot_inject_links_or_mentions() {
    let md = diff::render::md("[click](http://x) <b>@team</b> *x*");
    assert_eq!(md, "\\[click\\](http://x) \\<b\\>\\@team\\</b\\> \\*x\\*");
}

#[test]
fn appends_to_the_same_lane_on_both_sides_are_both_kept() {
    let b = example();
    let mut x = b.clone();
    let mut y = b.clone();
    let tp = |n: &str| Touchpoint {
        personas: Vec::new(),
        name: n.into(),
        channel: String::new(),
        note: String::new(),
        evidence: Vec::new(),
    };
    x.stages[0].touchpoints.push(tp("Podcast ad"));
    y.stages[0].touchpoints.push(tp("Billboard"));
    let (m, c) = merge(&b, &x, &y);
    assert!(c.is_empty());
    let names: Vec<&str> = m.stages[0]
        .touchpoints
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(names, ["Instagram reel", "Billboard", "Podcast ad"]);
}

#[test]
fn both_changing_one_item_keeps_ours_and_reports() {
    let b = example();
    let mut x = b.clone();
    let mut y = b.clone();
    x.stages[0].pain_points[0].severity = Level::Low;
    y.stages[0].pain_points[0].text = "Cannot compare machines".into();
    let (m, c) = merge(&b, &x, &y);
    assert_eq!(m, x);
    assert_eq!(c.len(), 1);
    assert!(matches!(&c[0].place, Place::Lane(r, Lane::PainPoints, _) if r.id == "awareness"));
    let (ours, theirs) = (
        diff::render::version(&c[0].ours),
        diff::render::version(&c[0].theirs),
    );
    assert!(ours.contains("[low]") && theirs.contains("compare"));
}

// ------------------------------------------------- stage ids, moves, duplicates

fn stage_with(id: &str, name: &str, action: &str) -> Stage {
    Stage {
        id: id.into(),
        name: name.into(),
        actions: vec![action.into()],
        ..Stage::default()
    }
}

fn ids(m: &JourneyMap) -> Vec<&str> {
    m.stages.iter().map(|s| s.id.as_str()).collect()
}

#[test]
fn two_different_stages_with_one_id_are_both_kept_and_the_conflict_names_both() {
    let b = example();
    let mut x = b.clone();
    let mut y = b.clone();
    x.stages
        .push(stage_with("checkout", "Checkout", "Pays by card"));
    y.stages
        .push(stage_with("checkout", "Payment", "Pays by invoice"));
    for (ours, theirs, kept, renamed) in [
        (&x, &y, "Checkout", "Payment"),
        (&y, &x, "Payment", "Checkout"),
    ] {
        let (m, c) = merge(&b, ours, theirs);
        assert!(valid(&m), "{:?}", format::errors(&m));
        assert_eq!(ids(&m), ["awareness", "checkout", "checkout-2"]);
        assert_eq!(m.stages[1].name, kept);
        assert_eq!(m.stages[2].name, renamed);
        assert_eq!(m.stages[2].actions.len(), 1, "their stage arrives whole");
        assert_eq!(c.len(), 1, "{c:#?}");
        assert_eq!(
            c[0].clash,
            Clash::SameStageId {
                id: "checkout".into(),
                theirs_as: "checkout-2".into()
            }
        );
        let note = diff::render::conflict(&c[0]);
        assert!(
            note.starts_with("CONFLICT (cjm): stage `checkout`"),
            "{note}"
        );
        assert!(
            note.contains(&format!("ours:   stage {kept} [checkout]")),
            "{note}"
        );
        assert!(
            note.contains(&format!("theirs: stage {renamed} [checkout-2]")),
            "{note}"
        );
    }
    // The same stage added on both sides is one stage, no conflict.
    let (m, c) = merge(&b, &x, &x);
    assert!(c.is_empty());
    assert_eq!(ids(&m), ["awareness", "checkout"]);
    // Added under one id and one name, it is one stage: different content is a
    // conflict, ours kept (as git does for a file both sides added).
    let mut same_name = b.clone();
    same_name
        .stages
        .push(stage_with("checkout", "Checkout", "Pays in cash"));
    let (m, c) = merge(&b, &x, &same_name);
    assert_eq!(ids(&m), ["awareness", "checkout"]);
    assert_eq!(m.stages[1].actions, ["Pays by card"]);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].clash, Clash::AddedDifferently);
    // A new id never takes one that is already used.
    let mut x2 = x.clone();
    x2.stages
        .push(stage_with("checkout-2", "Receipt", "Gets a mail"));
    let (m, c) = merge(&b, &x2, &y);
    assert!(valid(&m));
    assert_eq!(
        ids(&m),
        ["awareness", "checkout", "checkout-2", "checkout-3"]
    );
    assert_eq!(c.len(), 1);
}

fn three_stages() -> JourneyMap {
    let mut b = example();
    b.stages
        .push(stage_with("decision", "Decision", "Compares"));
    b.stages.push(stage_with("purchase", "Purchase", "Buys"));
    b
}

#[test]
fn a_stage_moved_on_one_side_and_removed_on_the_other_is_a_conflict() {
    let b = three_stages();
    let mut moved = b.clone();
    let s = moved.stages.remove(0);
    moved.stages.push(s);
    let mut removed = b.clone();
    removed.stages.remove(0);

    // Ours moved it: kept where we put it, as git keeps the modified side.
    let (m, c) = merge(&b, &moved, &removed);
    assert_eq!(ids(&m), ["decision", "purchase", "awareness"]);
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].clash, Clash::MovedByUsRemovedByThem);
    assert_eq!(c[0].theirs, Version::Removed);
    let note = diff::render::conflict(&c[0]);
    assert!(
        note.starts_with(
            "CONFLICT (cjm): stage `awareness` (Awareness): moved by us, removed by them"
        ),
        "{note}"
    );
    // Ours removed it: gone, and still a conflict.
    let (m, c) = merge(&b, &removed, &moved);
    assert_eq!(ids(&m), ["decision", "purchase"]);
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].clash, Clash::RemovedByUsMovedByThem);
    // A removal against a side that did not touch the stage merges cleanly.
    let (m, c) = merge(&b, &removed, &b);
    assert!(c.is_empty());
    assert_eq!(ids(&m), ["decision", "purchase"]);
    // Another stage moved on one side, this one removed on the other: clean.
    let mut other = b.clone();
    let s = other.stages.remove(2);
    other.stages.insert(0, s);
    let (m, c) = merge(&b, &other, &removed);
    assert!(c.is_empty(), "{c:#?}");
    assert_eq!(ids(&m), ["purchase", "decision"]);
}

#[test]
fn moving_duplicates_around_an_item_does_not_report_it_moved_to_its_own_position() {
    let mut a = example();
    a.stages[0].actions = ["c", "c", "b", "a", "a"].map(String::from).to_vec();
    let mut b = a.clone();
    b.stages[0].actions = ["a", "a", "b", "c", "c"].map(String::from).to_vec();
    let d = diff(&a, &b);
    let t = diff::render::text(&d);
    assert!(!t.contains("3 → 3"), "{t}");
    assert!(!t.contains("~ b"), "b did not move: {t}");
    assert_eq!(apply(&a, &d).unwrap(), b);
    // Three reversed items: the middle one stays.
    a.stages[0].actions = ["x", "y", "z"].map(String::from).to_vec();
    b.stages[0].actions = ["z", "y", "x"].map(String::from).to_vec();
    let t = diff::render::text(&diff(&a, &b));
    assert!(!t.contains("2 → 2") && !t.contains("~ y"), "{t}");
}

/// Positions of a move, as the diff reports them, never name the same place twice.
fn no_move_in_place(d: &[diff::Change]) -> bool {
    d.iter().all(|c| match c.edit {
        Edit::Moved { from, to, .. }
        | Edit::Changed {
            from,
            to,
            moved: true,
            ..
        } => from != to,
        _ => true,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn no_move_is_reported_to_the_position_it_came_from(
        a in map(), ops in prop::collection::vec(op(), 0..8), b in map()
    ) {
        let edited = run(&a, &ops);
        prop_assert!(no_move_in_place(&diff(&a, &edited)));
        prop_assert!(no_move_in_place(&diff(&a, &b)));
    }

    #[test]
    fn merged_stage_ids_stay_unique_and_no_added_stage_is_lost(
        b in map(),
        xo in prop::collection::vec(op(), 0..5),
        yo in prop::collection::vec(op(), 0..5),
    ) {
        let x = run(&b, &xo);
        let y = run(&b, &yo);
        let (m, found) = merge(&b, &x, &y);
        prop_assert!(valid(&m), "{:?}", format::errors(&m));
        // A card added to an extra lane on either side is in the merge, in
        // its lane, wherever its stage still is (a stage both added
        // differently is a recorded conflict, the card in the record): a
        // lane's clashes are never recorded, so the merge must not drop one.
        let whole = |id: &str| {
            found
                .iter()
                .any(|c| matches!(&c.place, Place::Stages(r) if r.id == id))
        };
        for side in [&x, &y] {
            for st in side.stages.iter().filter(|s| !whole(&s.id)) {
                let (Some(merged), before) = (
                    m.stages.iter().find(|s| s.id == st.id),
                    b.stages.iter().find(|s| s.id == st.id),
                ) else {
                    continue;
                };
                for (id, items) in &st.extra.0 {
                    let had = before.map(|s| s.extra.items(id)).unwrap_or_default();
                    for item in items.iter().filter(|i| !had.iter().any(|h| h.text == i.text)) {
                        prop_assert!(
                            merged.extra.items(id).iter().any(|i| i.text == item.text),
                            "card {:?} of lane {id} lost in stage {}", item.text, st.id
                        );
                    }
                }
            }
        }
        // A stage added on either side is in the merge (perhaps under a new id;
        // added on both sides under one name, it is one stage).
        let base: Vec<&str> = ids(&b);
        for side in [&x, &y] {
            for s in side.stages.iter().filter(|s| !base.contains(&s.id.as_str())) {
                prop_assert!(
                    m.stages.iter().any(|t| t.name.trim() == s.name.trim()),
                    "stage {} ({}) lost", s.id, s.name
                );
            }
        }
    }
}

#[test]
fn cjm_merge_keeps_both_stages_of_one_id_and_prints_the_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let b = example();
    let mut x = b.clone();
    let mut y = b.clone();
    x.stages
        .push(stage_with("checkout", "Checkout", "Pays by card"));
    y.stages
        .push(stage_with("checkout", "Payment", "Pays by invoice"));
    let path = |n: &str, m: &JourneyMap| {
        let p = dir.path().join(n);
        std::fs::write(&p, format::write(m)).unwrap();
        p
    };
    let (base, ours, theirs) = (
        path("base.ron", &b),
        path("ours.ron", &x),
        path("theirs.ron", &y),
    );
    let out = common::cjm()
        .arg("merge")
        .args([&base, &ours, &theirs])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "both added a different stage with id `checkout`; both are kept, the one from theirs as `checkout-2`"
        ),
        "{err}"
    );
    assert!(err.contains("theirs: stage Payment [checkout-2]"), "{err}");
    let merged = format::load(&std::fs::read(&ours).unwrap()).unwrap().map;
    assert_eq!(ids(&merged), ["awareness", "checkout", "checkout-2"]);
    // The conflict lasts in the file, with both stages, until someone resolves it.
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(merged.conflicts[0].field, "stages");
}

// ------------------------------------------ the diff as a pull-request comment

/// Writes both maps to a temporary folder; their paths as strings.
fn two_files(a: &JourneyMap, b: &JourneyMap) -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let write = |n: &str, m: &JourneyMap| {
        let p = dir.path().join(n);
        std::fs::write(&p, format::write(m)).unwrap();
        p.to_str().unwrap().to_string()
    };
    let (pa, pb) = (write("old.ron", a), write("new.ron", b));
    (dir, pa, pb)
}

/// `cjm ARGS`: its standard output (the exit code is checked by the caller's
/// assertions on the output).
fn cjm(args: &[&str]) -> String {
    let out = common::cjm().args(args).output().unwrap();
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn markdown_lists_nest_as_github_renders_them() {
    let a = example();
    let mut b = a.clone();
    for e in &mut b.stages[0].emotions {
        e.score = if e.score == 5 { 1 } else { 5 };
    }
    b.stages[0].touchpoints.push(Touchpoint {
        personas: Vec::new(),
        name: "YouTube review".into(),
        channel: "Video".into(),
        note: String::new(),
        evidence: Vec::new(),
    });
    b.stages[0].actions.clear();
    let (_dir, pa, pb) = two_files(&a, &b);
    let md = cjm(&["diff", &pa, &pb, "--format", "markdown"]);
    let html = gfm::html(&md);
    let doc = gfm::tree(&html);
    let root = doc.root_element();

    // The emotion moves are a list of their own, not the start of the stages'.
    let moves: Vec<_> = gfm::all(root, "li")
        .filter(|li| gfm::text(*li).contains("▲") || gfm::text(*li).contains("▼"))
        .collect();
    assert_eq!(moves.len(), 1, "{html}");
    let emotion_list = moves[0].parent().unwrap();
    assert!(
        gfm::children(emotion_list, "li").all(|li| !gfm::text(li).contains("Stage")),
        "the emotion bullets and the stage bullets are one list:\n{html}"
    );

    // Stage > lane > change, each a list inside the item above it.
    let stage = gfm::all(root, "li")
        .find(|li| gfm::own_text(*li).starts_with("Stage Awareness"))
        .unwrap_or_else(|| panic!("no stage item:\n{html}"));
    let lanes: Vec<_> = gfm::children(stage, "ul")
        .flat_map(|ul| gfm::children(ul, "li"))
        .collect();
    let lane = |title: &str| {
        lanes
            .iter()
            .find(|li| gfm::own_text(**li).trim() == title)
            .unwrap_or_else(|| panic!("no lane {title} inside the stage item:\n{html}"))
            .to_owned()
    };
    let items = |li: roxmltree::Node| -> Vec<String> {
        gfm::children(li, "ul")
            .flat_map(|ul| gfm::children(ul, "li"))
            .map(gfm::text)
            .collect()
    };
    assert_eq!(
        items(lane("Touchpoints")),
        ["added: YouTube review (Video)"]
    );
    assert_eq!(items(lane("Doing")), ["removed: Watches a latte-art reel"]);
    assert!(!items(lane("Emotions")).is_empty(), "{html}");
}

#[test]
fn a_severity_change_is_one_change_and_compare_agrees() {
    let a = example();
    let mut b = a.clone();
    assert_eq!(b.stages[0].pain_points[0].severity, Level::High);
    b.stages[0].pain_points[0].severity = Level::Low;
    let (_dir, pa, pb) = two_files(&a, &b);

    let t = cjm(&["diff", &pa, &pb]);
    assert!(
        t.contains("~ severity changed: Cannot tell machines apart (high → low)"),
        "{t}"
    );
    let md = cjm(&["diff", &pa, &pb, "--format", "markdown"]);
    assert!(md.contains("**Pain points**: 1 severity changed ·"), "{md}");
    assert!(!md.contains("opened") && !md.contains("closed"), "{md}");
    assert!(
        md.contains("- **severity changed**: Cannot tell machines apart (high → low)\n"),
        "{md}"
    );

    // compare says the same: one pain point re-rated, none addressed, none new.
    let v: serde_json::Value =
        serde_json::from_str(&cjm(&["compare", &pa, &pb, "--format", "json"])).unwrap();
    assert_eq!(
        v["severity_changed"],
        serde_json::json!([{
            "stage": "Awareness",
            "text": "Cannot tell machines apart",
            "as_is_severity": "High",
            "to_be_severity": "Low",
        }])
    );
    assert_eq!(v["addressed"], serde_json::json!([]));
    assert_eq!(v["new_pain_points"], serde_json::json!([]));
    let md = cjm(&["compare", &pa, &pb, "--format", "markdown"]);
    assert!(
        md.contains("### Pain point severity changed (1)\n\n- Cannot tell machines apart: high → low (Awareness)\n"),
        "{md}"
    );
    assert!(md.contains("### Pain points addressed (0)"), "{md}");
    let t = cjm(&["compare", &pa, &pb]);
    assert!(
        t.contains("pain point severity changed: 1\n  ~ Cannot tell machines apart: high → low (Awareness)\n"),
        "{t}"
    );
}

#[test]
fn a_dropped_stage_takes_its_pain_points_without_addressing_them() {
    let b = example();
    let mut a = b.clone();
    let mut dropped = Stage::named("Out of scope");
    for (text, severity) in [
        ("Long hold times", Level::High),
        ("No status", Level::Medium),
    ] {
        dropped.pain_points.push(PainPoint {
            text: text.into(),
            severity,
            ..PainPoint::default()
        });
    }
    a.stages.push(dropped);
    let (_dir, pa, pb) = two_files(&a, &b);

    let html = cjm(&["compare", &pa, &pb, "--format", "html"]);
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(&html, opts).unwrap();
    assert!(
        html.contains("<h2>Pain points removed with their stage (2)</h2>"),
        "{html}"
    );
    let md = cjm(&["compare", &pa, &pb, "--format", "markdown"]);
    assert!(md.contains("### Pain points addressed (0)"), "{md}");
    assert!(
        md.contains("### Pain points removed with their stage (2)\n\n- \\[high\\] Long hold times (Out of scope)\n"),
        "{md}"
    );
    let v: serde_json::Value =
        serde_json::from_str(&cjm(&["compare", &pa, &pb, "--format", "json"])).unwrap();
    assert_eq!(v["addressed"].as_array().unwrap().len(), 0);
    assert_eq!(v["removed_with_stage"].as_array().unwrap().len(), 2);
    let t = cjm(&["compare", &pa, &pb]);
    assert!(
        t.contains("pain points removed with their stage (stage not in to-be): 2\n"),
        "{t}"
    );

    let md = cjm(&["diff", &pa, &pb, "--format", "markdown"]);
    assert!(
        md.contains(
            "**Stages**: 1 removed · **Items**: – · **Pain points**: 2 removed with the stage ·"
        ),
        "{md}"
    );
    assert!(!md.contains("closed") && !md.contains("addressed"), "{md}");
}

#[test]
fn a_kpi_change_has_one_arrow_old_to_new() {
    let mut a = example();
    a.stages[0].metrics = vec![Metric {
        personas: Vec::new(),
        name: "Conversion rate".into(),
        current: Some(2.1),
        target: Some(3.0),
        unit: "%".into(),
        evidence: Vec::new(),
    }];
    let mut b = a.clone();
    b.stages[0].metrics[0].current = Some(2.5);
    let (_dir, pa, pb) = two_files(&a, &b);
    let t = cjm(&["diff", &pa, &pb]);
    let line = t.lines().find(|l| l.contains("Conversion rate")).unwrap();
    assert_eq!(
        line.trim(),
        "~ Conversion rate: 2.1 % (target 3 %) → Conversion rate: 2.5 % (target 3 %)"
    );
    let md = cjm(&["diff", &pa, &pb, "--format", "markdown"]);
    let line = md.lines().find(|l| l.contains("Conversion rate")).unwrap();
    assert_eq!(line.matches('→').count(), 1, "{line}");
    // The outline (and so git's textconv diff) words a KPI the same way.
    let shown = cjm(&["show", &pb]);
    assert!(
        shown.contains("Conversion rate: 2.5 % (target 3 %)"),
        "{shown}"
    );
}

/// Change lines in `cjm diff`'s text: every `+`, `-` or `~` line.
fn change_lines(t: &str) -> usize {
    t.lines()
        .filter(|l| {
            let l = l.trim_start();
            ["+ ", "- ", "~ "].iter().any(|p| l.starts_with(p))
        })
        .count()
}

/// The count in the cut line `N changes left out; run `…` to see them all.`.
fn left_out(out: &str, see_all: &str) -> usize {
    let last = out.lines().last().unwrap_or_default();
    assert!(
        last.ends_with(&format!(
            "changes left out**; run `{see_all}` to see them all."
        )) || last.ends_with(&format!(
            "changes left out; run `{see_all}` to see them all."
        )),
        "{last}"
    );
    last.trim_start_matches("**")
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn a_thousand_changes_fit_a_comment_and_say_what_was_left_out() {
    let (_dir, pa, pb) = two_files(&bigmaps::map(false), &bigmaps::map(true));
    let see_all = format!("cjm diff {pa} {pb}");
    // The same maps: nothing to say, in either format.
    for f in ["text", "markdown"] {
        assert_eq!(cjm(&["diff", &pa, &pa, "--format", f]), "");
    }
    let full = cjm(&["diff", &pa, &pb]);
    let total = change_lines(&full);
    assert_eq!(total, bigmaps::ITEMS, "text has no limit unless told");
    assert!(full.len() > 200_000);

    for (extra, max) in [(&[][..], 60_000), (&["--max-chars", "5000"][..], 5_000)] {
        let mut args = vec!["diff", &pa, &pb, "--format", "markdown"];
        args.extend(extra);
        let md = cjm(&args);
        assert!(md.len() <= max && md.chars().count() <= max, "{}", md.len());
        assert!(md.len() > max - 1_000, "the budget is used: {}", md.len());
        let left = left_out(&md, &see_all);

        let html = gfm::html(&md);
        let doc = gfm::tree(&html);
        let root = doc.root_element();
        let details: Vec<_> = gfm::all(root, "details").collect();
        assert_eq!(details.len(), 1, "{html}");
        let summary = gfm::children(details[0], "summary").next().unwrap();
        assert_eq!(gfm::text(summary), format!("{total} changes"));
        // Every change shown is a bullet under its lane, under its stage.
        let shown = gfm::all(details[0], "li")
            .filter(|li| gfm::children(*li, "ul").next().is_none())
            .inspect(|li| {
                let lane = li.parent().and_then(|ul| ul.parent()).unwrap();
                let stage = lane.parent().and_then(|ul| ul.parent()).unwrap();
                assert!(
                    lane.has_tag_name("li") && stage.has_tag_name("li"),
                    "{html}"
                );
                assert!(gfm::own_text(stage).starts_with("Stage "), "{html}");
            })
            .count();
        assert!(shown > 0, "{html}");
        assert_eq!(shown + left, total, "every change is shown or counted");
    }

    let t = cjm(&["diff", &pa, &pb, "--max-chars", "5000"]);
    assert!(t.len() <= 5_000, "{}", t.len());
    assert_eq!(change_lines(&t) + left_out(&t, &see_all), total);
}

#[test]
fn a_limit_too_small_for_the_cut_line_is_refused() {
    let (_dir, pa, pb) = two_files(&example(), &bigmaps::map(true));
    let out = common::cjm()
        .args(["diff", &pa, &pb, "--max-chars", "100"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("100 is too small to hold the line saying what was left out"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn an_item_moved_to_another_stage_reads_as_a_move_in_the_diff() {
    use cjm::edit::{Slot, relocation};
    let old = cjm::format::load_str(include_str!("../maps/espresso.ron"))
        .unwrap()
        .map;
    let mut new = old.clone();
    let from = Slot {
        stage: 0,
        lane: cjm::model::Lane::PainPoints,
        index: 1,
    };
    relocation(&old, from, 1, from.lane, false)
        .unwrap()
        .apply(&mut new)
        .unwrap();
    let changes = cjm::diff::diff(&old, &new);
    let text = cjm::diff::render::text(&changes);
    assert!(
        text.contains(
            "- [medium] Our name never appears in the reels she saves (moved to Consideration)"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "+ [medium] Our name never appears in the reels she saves (moved from Awareness)"
        ),
        "{text}"
    );
    let md = cjm::diff::render::markdown(&changes);
    assert!(md.contains("(moved to Consideration)"), "{md}");
    assert!(md.contains("(moved from Awareness)"), "{md}");
    // Still a removal and an addition underneath: replayed, they give the new map.
    assert_eq!(cjm::diff::apply(&old, &changes).unwrap(), new);
}
