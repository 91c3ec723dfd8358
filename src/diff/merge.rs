//! Three-way merge of maps, element by element on the same matching as `diff`:
//! stages by id, items by content within their lane. Changes to different elements
//! merge cleanly even when they sit next to each other; when both sides change one
//! element differently, ours is kept and a `Conflict` says so. The result is always
//! a valid map (stage ids stay unique), never conflict markers.
//!
//! As git treats modify/delete, an element one side changed or moved and the other
//! removed is a conflict (ours wins: kept if we changed or moved it, gone if we
//! removed it). Stages added on both sides with one id are one stage when they
//! have the same name (a conflict if their content differs, ours kept); with
//! different names they are different stages, both kept, theirs under a new id,
//! and the conflict names both.
//!
//! The result is data: the merged map and the conflicts as values. Turning a
//! conflict into words is `render::conflict`, called by the command.
//!
//! Order within a list: elements neither side moved keep the base order and are the
//! anchors; elements a side added or moved follow the anchor they follow on that
//! side. When both sides put different runs after one anchor (two people appending
//! to the same lane), both are kept, ordered by content, so the result is the same
//! whichever branch merges the other.
//!
//! Votes on pain points and optimizations are counts, not values: both sides'
//! increments add up (see `voted`). Citations of evidence are sets: both sides'
//! additions and removals apply (see `cited`), and evidence itself merges by id,
//! field by field (`cites::merge`), keeping whatever the merged map still cites.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::matching::{Element, in_order, match_lists, unify_new};
use super::{PersonaRef, Place, StageRef, Value};
use crate::model::{
    JourneyMap, Lane, LaneDef, LaneItem, Optimization, PainPoint, Persona, Stage, unique_slug,
};

/// The sides could not both have their way with one element.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub place: Place,
    pub clash: Clash,
    /// The base, our and their version (map text, unescaped: `render::conflict`
    /// escapes it). For an element placed differently, `base` is the element itself.
    pub base: Version,
    pub ours: Version,
    pub theirs: Version,
}

/// What happened on each side. Ours is kept unless said otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clash {
    /// Both set this text field (`title`, `name` …) differently.
    BothSet(&'static str),
    BothChanged,
    ChangedByUsRemovedByThem,
    RemovedByUsChangedByThem,
    MovedByUsRemovedByThem,
    RemovedByUsMovedByThem,
    AddedDifferently,
    PlacedDifferently,
    /// Both sides' votes add up to more than a map can hold (this many).
    TooManyVotes(i64),
    /// Both added a different stage with id `id`: both are kept, theirs as `theirs_as`.
    SameStageId {
        id: String,
        theirs_as: String,
    },
    /// Both set one field of an evidence entry differently: ours stays in the
    /// entry, theirs is kept whole beside it as `theirs_as`.
    BothSetKeptAs {
        field: &'static str,
        theirs_as: String,
    },
    /// Evidence we removed and they changed: kept, as they changed it.
    RemovedByUsChangedByThemKept,
    /// Both added different evidence under `id`: both kept, theirs as `theirs_as`
    /// (and cited as that wherever they cited it).
    SameEvidenceId {
        id: String,
        theirs_as: String,
    },
    /// An item of an extra lane both changed: ours stays, theirs right after it.
    BothChangedKeptBoth,
    /// A lane one side removed while the other gave it cards: the lane stays,
    /// with them. `by_us` when we removed it.
    LaneKeptForItems {
        by_us: bool,
    },
    /// Both added a different persona (another name) with id `id`: both are
    /// kept, theirs as `theirs_as`, and whatever of theirs named her names
    /// `theirs_as`.
    SamePersonaId {
        id: String,
        theirs_as: String,
    },
    /// A persona one side removed while the other gave her items or emotions:
    /// she stays, with them. `by_us` when we removed her.
    PersonaKeptForItems {
        by_us: bool,
    },
}

impl Clash {
    /// A clash the map's record of conflicts cannot hold (it records stages,
    /// items and texts, not evidence): nothing was lost, both versions are in
    /// the map, and the command says so instead.
    pub fn is_about_evidence(&self) -> bool {
        matches!(
            self,
            Clash::BothSetKeptAs { .. }
                | Clash::RemovedByUsChangedByThemKept
                | Clash::SameEvidenceId { .. }
        )
    }
}

impl Conflict {
    /// Whether the map's record of conflicts (format 3) can hold this one. It
    /// holds stages, the seven lanes' items and texts; evidence, the list of
    /// lanes and the items of extra lanes (format 6) it cannot, so for those
    /// the merge keeps every version in the map and the command says so.
    pub fn is_recorded(&self) -> bool {
        match &self.place {
            Place::Evidence(_) | Place::Lanes(..) | Place::Personas(_) => false,
            // Only the first persona has an address in the record (`persona.role`).
            Place::Persona(r) | Place::PersonaList(r, _) => r.first,
            Place::Lane(_, lane, _) => !lane.is_extra(),
            _ => !self.clash.is_about_evidence(),
        }
    }
}

/// One side's version of the element in a conflict.
#[derive(Debug, Clone, PartialEq)]
pub enum Version {
    /// A text field's value.
    Text(String),
    Value(Value),
    Removed,
    /// Where the side put the element: after this base element, or at the start.
    After(Option<Value>),
}

/// Merges the sides and records every conflict in the merged map (with the sides'
/// own unresolved conflicts that still stand), so that it lasts until a person
/// resolves it. `labels` are what git calls base, ours and theirs.
pub fn merge_recorded(
    base: &JourneyMap,
    ours: &JourneyMap,
    theirs: &JourneyMap,
    labels: &[String; 3],
) -> (JourneyMap, Vec<Conflict>) {
    let (mut map, found) = merge(base, ours, theirs);
    let mut recorded = super::conflicts::carried(base, ours, theirs);
    for c in found.iter().filter(|c| c.is_recorded()) {
        let r = super::conflicts::record(c, labels);
        if !recorded.contains(&r) {
            recorded.push(r);
        }
    }
    map.conflicts = recorded;
    (map, found)
}

/// Merges `ours` and `theirs`, both descended from `base`. The result holds no
/// recorded conflicts: `merge_recorded` adds them.
pub fn merge(
    base: &JourneyMap,
    ours: &JourneyMap,
    theirs: &JourneyMap,
) -> (JourneyMap, Vec<Conflict>) {
    // Both sides the same is one change, not two: git never calls a merge driver
    // for identical sides, and without this the votes both sides hold would count
    // twice.
    if ours == theirs {
        return (ours.clone(), Vec::new());
    }
    let mut c = Vec::new();
    // Evidence first: an id both sides added differently is renamed on their
    // side, citations included, before the stages merge.
    let ev = super::cites::merge(&base.evidence, &ours.evidence, &theirs.evidence, &mut c);
    let renamed_theirs;
    let theirs = if ev.renamed.is_empty() {
        theirs
    } else {
        let mut t = theirs.clone();
        for (from, to) in &ev.renamed {
            super::cites::rename(&mut t, from, to);
        }
        renamed_theirs = t;
        &renamed_theirs
    };
    // Personas by id: a persona without one takes the id the other sides
    // give her, and theirs that clash with ours by id are renamed, so the
    // lists merge by id (see `personas`).
    let (base_in, ours_in, theirs_in) = (base, ours, theirs);
    let normal = super::personas::normalized([base, ours, theirs]);
    let (base, ours, mut theirs_n) = match &normal {
        Some([b, o, t]) => (b, o, Some(t.clone())),
        None => (base, ours, None),
    };
    let clashing = match theirs_n.as_mut() {
        Some(t) => super::personas::rename_clashing(base, ours, t),
        None => Vec::new(),
    };
    let theirs = theirs_n.as_ref().unwrap_or(theirs);
    let several = [base, ours, theirs].iter().any(|m| m.persona_count() > 1);
    for (id, theirs_as, her) in clashing {
        c.push(Conflict {
            place: Place::Personas(persona_ref(&her, several, false)),
            clash: Clash::SamePersonaId { id, theirs_as },
            base: Version::Removed,
            ours: Version::Removed,
            theirs: Version::Value(Value::Persona(Box::new(her))),
        });
    }
    let mut text = |field: &'static str, b: &str, o: &str, t: &str, place: Place| {
        scalar(b, o, t, || place, field, &mut c)
    };
    let title = text("title", &base.title, &ours.title, &theirs.title, Place::Map);
    let summary = text(
        "summary",
        &base.summary,
        &ours.summary,
        &theirs.summary,
        Place::Map,
    );
    let framework = text(
        "framework",
        &base.framework,
        &ours.framework,
        &theirs.framework,
        Place::Map,
    );
    let objectives = merge_list(
        &base.objectives,
        &ours.objectives,
        &theirs.objectives,
        &Place::Objectives,
        &mut c,
        &mut whole,
    );
    let mut personas = merge_list_keeping(
        &base.personas().cloned().collect::<Vec<_>>(),
        &ours.personas().cloned().collect::<Vec<_>>(),
        &theirs.personas().cloned().collect::<Vec<_>>(),
        &Place::Personas(persona_ref(&ours.persona, several, true)),
        &mut c,
        &mut |b: &Persona, o: &Persona, t: &Persona, c: &mut Vec<Conflict>, p: &Place| {
            let first = matches!(p, Place::Personas(r) if r.first);
            merge_persona(b, o, t, c, &persona_ref(o, several, first))
        },
        true,
    );
    let all: Vec<String> = personas
        .iter()
        .map(|p| p.id.clone())
        .filter(|id| !id.is_empty())
        .collect();
    let mut lanes = merge_lanes(base, ours, theirs, &mut c);
    let titled = JourneyMap {
        lanes: lanes.clone(),
        ..JourneyMap::default()
    };
    let titles: HashMap<Lane, String> = lanes
        .iter()
        .map(|d| (d.lane(), titled.lane_title(d.lane())))
        .collect();
    let mut stages = merge_list(
        &base.stages,
        &ours.stages,
        &theirs.stages,
        &Place::Stages(StageRef {
            id: String::new(),
            name: String::new(),
            lanes: Vec::new(),
        }),
        &mut c,
        &mut |b: &Stage, o: &Stage, t: &Stage, c: &mut Vec<Conflict>, p: &Place| {
            merge_stage(b, o, t, c, p, &titles, &all)
        },
    );
    keep_used_lanes(&mut lanes, &mut stages, [base, ours, theirs], &mut c);
    let default: Vec<LaneDef> = Lane::ALL.into_iter().map(LaneDef::journey).collect();
    if lanes == default {
        lanes.clear();
    }
    keep_named_personas(
        &mut personas,
        &stages,
        [base, ours, theirs],
        several,
        &mut c,
    );
    let mut personas = personas.into_iter();
    let persona = personas.next().unwrap_or_else(|| ours.persona.clone());
    let mut map = JourneyMap {
        lanes,
        title,
        summary,
        framework,
        objectives,
        persona,
        other_personas: personas.collect(),
        stages,
        evidence: ev.evidence,
        conflicts: Vec::new(),
    };
    if normal.is_some() {
        // The conflicts hold stages and emotions too, as the file writes them.
        let first = map.persona.id.clone();
        for found in &mut c {
            for v in [&mut found.base, &mut found.ours, &mut found.theirs] {
                if let Version::Value(x) = v {
                    super::personas::denormalize_value(x, &first);
                }
            }
        }
        super::personas::denormalize(&mut map, [base_in, ours_in, theirs_in]);
    }
    super::cites::keep_cited(&mut map, [&theirs.evidence, &ours.evidence, &base.evidence]);
    (map, c)
}

fn scalar(
    b: &str,
    o: &str,
    t: &str,
    place: impl FnOnce() -> Place,
    field: &'static str,
    out: &mut Vec<Conflict>,
) -> String {
    if o == b || o == t {
        return t.to_string();
    }
    if t != b {
        out.push(Conflict {
            place: place(),
            clash: Clash::BothSet(field),
            base: Version::Text(b.to_string()),
            ours: Version::Text(o.to_string()),
            theirs: Version::Text(t.to_string()),
        });
    }
    o.to_string()
}

/// A persona as the merge's conflicts name her.
fn persona_ref(p: &Persona, several: bool, first: bool) -> PersonaRef {
    PersonaRef {
        old_id: p.id.clone(),
        id: p.id.clone(),
        name: p.name.clone(),
        several,
        first,
    }
}

/// One persona merged field by field, each list as any list merges.
fn merge_persona(
    b: &Persona,
    o: &Persona,
    t: &Persona,
    c: &mut Vec<Conflict>,
    r: &PersonaRef,
) -> Persona {
    let mut f = |field: &'static str, b: &str, o: &str, t: &str| {
        scalar(b, o, t, || Place::Persona(r.clone()), field, c)
    };
    let name = f("name", &b.name, &o.name, &t.name);
    let role = f("role", &b.role, &o.role, &t.role);
    let quote = f("quote", &b.quote, &o.quote, &t.quote);
    let summary = f("summary", &b.summary, &o.summary, &t.summary);
    let mut l = |key: &'static str, b: &[String], o: &[String], t: &[String]| {
        merge_list(b, o, t, &Place::PersonaList(r.clone(), key), c, &mut whole)
    };
    let goals = l("goals", &b.goals, &o.goals, &t.goals);
    let needs = l("needs", &b.needs, &o.needs, &t.needs);
    let frustrations = l(
        "frustrations",
        &b.frustrations,
        &o.frustrations,
        &t.frustrations,
    );
    let behaviors = l("behaviors", &b.behaviors, &o.behaviors, &t.behaviors);
    let traits = merge_list(
        &b.traits,
        &o.traits,
        &t.traits,
        &Place::PersonaList(r.clone(), "traits"),
        c,
        &mut whole,
    );
    Persona {
        id: o.id.clone(),
        name,
        role,
        quote,
        summary,
        goals,
        needs,
        frustrations,
        behaviors,
        traits,
    }
}

/// The map's lists of lanes merged by id, in the order `merge_list` gives
/// any list (concurrent additions after one lane ordered by id, so either
/// branch may merge the other), each lane field by field. The map's record has
/// no place for a clash here, so none loses anything: a lane one side changed
/// and the other removed stays (see `keep_used_lanes` for one that still holds
/// cards), both renaming one lane keeps our title.
fn merge_lanes(
    base: &JourneyMap,
    ours: &JourneyMap,
    theirs: &JourneyMap,
    c: &mut Vec<Conflict>,
) -> Vec<LaneDef> {
    let spelled = super::spelled_out;
    let (b, o, t) = (spelled(base), spelled(ours), spelled(theirs));
    let mut lanes = merge_list_keeping(
        &b,
        &o,
        &t,
        &Place::Lanes(String::new(), String::new()),
        c,
        &mut merge_lane_def,
        true,
    );
    // Every map shows the seven: a list that lost one (only a hand-made map
    // could) gets it back at the end, as the reader does.
    for lane in Lane::ALL {
        if !lanes.iter().any(|d| d.id == lane.key()) {
            lanes.push(LaneDef::journey(lane));
        }
    }
    lanes
}

fn merge_lane_def(
    b: &LaneDef,
    o: &LaneDef,
    t: &LaneDef,
    c: &mut Vec<Conflict>,
    place: &Place,
) -> LaneDef {
    let mut m = o.clone();
    let fields = super::lane_fields;
    for (((field, bv), (_, ov)), (_, tv)) in fields(b).into_iter().zip(fields(o)).zip(fields(t)) {
        let v = scalar(&bv, &ov, &tv, || place.clone(), field, c);
        let _ = super::apply::set_lane_field(&mut m, field, &v);
    }
    m
}

/// A lane one side removed keeps its place when the merged stages (or a stage
/// kept whole in a recorded conflict) still hold cards of it (the other side
/// added or changed some): removing the lane would drop them. Said as a conflict the command prints. A stage's cards
/// under an id no side's list has (a hand-made map's) are dropped with it, as
/// the reader would refuse them.
fn keep_used_lanes(
    lanes: &mut Vec<LaneDef>,
    stages: &mut [Stage],
    [base, ours, theirs]: [&JourneyMap; 3],
    c: &mut Vec<Conflict>,
) {
    // A stage kept whole in a recorded conflict counts too: the record is
    // read back with the map, and a card in it needs its lane as much.
    let recorded: Vec<Stage> = c
        .iter()
        .filter(|x| x.is_recorded())
        .flat_map(|x| [&x.base, &x.ours, &x.theirs])
        .filter_map(|v| match v {
            Version::Value(Value::Stage(s)) => Some((**s).clone()),
            _ => None,
        })
        .collect();
    let mut used: Vec<String> = Vec::new();
    for s in stages.iter().chain(&recorded) {
        for (k, v) in &s.extra.0 {
            if !v.is_empty() && !used.contains(k) {
                used.push(k.clone());
            }
        }
    }
    for id in used {
        if lanes.iter().any(|d| d.id == id) {
            continue;
        }
        let index = |m: &JourneyMap| m.lanes.iter().position(|d| d.id == id);
        let found = [theirs, ours, base]
            .into_iter()
            .find_map(|m| index(m).map(|i| (m, i)));
        let Some((side, i)) = found else {
            for s in stages.iter_mut() {
                s.extra.0.remove(&id);
            }
            continue;
        };
        let Some(def) = side.lanes.get(i).cloned() else {
            continue;
        };
        // After the lane it follows on the side that has it, else at the end.
        let at = i
            .checked_sub(1)
            .and_then(|p| side.lanes.get(p))
            .and_then(|p| lanes.iter().position(|d| d.id == p.id))
            .map_or(lanes.len(), |p| p + 1);
        let by_us = index(ours).is_none();
        let value = Version::Value(Value::Lane(def.clone()));
        c.push(Conflict {
            place: Place::Lanes(def.id.clone(), super::lane_def_title(&def)),
            clash: Clash::LaneKeptForItems { by_us },
            base: value.clone(),
            ours: if by_us {
                Version::Removed
            } else {
                value.clone()
            },
            theirs: if by_us { value } else { Version::Removed },
        });
        lanes.insert(at.min(lanes.len()), def);
    }
    for s in stages.iter_mut() {
        s.extra.prune();
    }
}

fn merge_stage(
    b: &Stage,
    o: &Stage,
    t: &Stage,
    c: &mut Vec<Conflict>,
    _: &Place,
    titles: &HashMap<Lane, String>,
    all: &[String],
) -> Stage {
    let r = StageRef {
        id: o.id.clone(),
        name: o.name.clone(),
        lanes: Vec::new(),
    };
    let name = scalar(
        &b.name,
        &o.name,
        &t.name,
        || Place::Stage(r.clone()),
        "name",
        c,
    );
    let goal = scalar(
        &b.goal,
        &o.goal,
        &t.goal,
        || Place::Stage(r.clone()),
        "goal",
        c,
    );
    let mut s = Stage {
        id: o.id.clone(),
        name,
        goal,
        evidence: super::cites::merge_ids(&b.evidence, &o.evidence, &t.evidence),
        ..Stage::default()
    };
    let title = |lane: Lane| {
        titles
            .get(&lane)
            .cloned()
            .unwrap_or_else(|| lane.key().to_string())
    };
    for lane in Lane::ALL {
        let p = Place::Lane(r.clone(), lane, title(lane));
        match lane {
            Lane::Actions => {
                s.actions = merge_list(&b.actions, &o.actions, &t.actions, &p, c, &mut whole)
            }
            Lane::Thoughts => {
                s.thoughts = merge_list(&b.thoughts, &o.thoughts, &t.thoughts, &p, c, &mut whole)
            }
            Lane::Touchpoints => {
                s.touchpoints = merge_list(
                    &b.touchpoints,
                    &o.touchpoints,
                    &t.touchpoints,
                    &p,
                    c,
                    &mut tagged(cited(whole), all),
                )
            }
            Lane::Emotions => {
                s.emotions = merge_list(
                    &b.emotions,
                    &o.emotions,
                    &t.emotions,
                    &p,
                    c,
                    &mut cited(whole),
                )
            }
            Lane::PainPoints => {
                s.pain_points = merge_list(
                    &b.pain_points,
                    &o.pain_points,
                    &t.pain_points,
                    &p,
                    c,
                    &mut tagged(cited(voted), all),
                )
            }
            Lane::Optimizations => {
                s.optimizations = merge_list(
                    &b.optimizations,
                    &o.optimizations,
                    &t.optimizations,
                    &p,
                    c,
                    &mut tagged(cited(voted), all),
                )
            }
            Lane::Metrics => {
                s.metrics = merge_list(
                    &b.metrics,
                    &o.metrics,
                    &t.metrics,
                    &p,
                    c,
                    &mut tagged(cited(whole), all),
                )
            }
            Lane::Extra(_) => {}
        }
    }
    // The extra lanes' cards merge like the seven lanes' items, by content
    // within their lane, citations as sets; a clash keeps every version (the
    // map's record cannot hold one).
    let ids: std::collections::BTreeSet<&String> =
        [b, o, t].iter().flat_map(|x| x.extra.0.keys()).collect();
    for id in ids {
        let lane = Lane::Extra(crate::model::intern(id));
        let p = Place::Lane(r.clone(), lane, title(lane));
        let items: Vec<LaneItem> = merge_list_keeping(
            b.extra.items(id),
            o.extra.items(id),
            t.extra.items(id),
            &p,
            c,
            &mut tagged(cited(whole), all),
            true,
        );
        if !items.is_empty() {
            s.extra.0.insert(id.clone(), items);
        }
    }
    relink_serves(b, [o, t], &mut s);
    s
}

/// A card the other side added (or edited) still serving an action one side
/// reworded serves it under its new words: in the editor, rewording an action
/// carries the cards serving it along, and a merge keeps that promise across
/// branches. Cards of the side that reworded it are left as that side has them.
fn relink_serves(b: &Stage, sides: [&Stage; 2], s: &mut Stage) {
    for side in sides {
        let matched = match_lists(&b.actions, &side.actions);
        for (new, m) in side.actions.iter().zip(&matched) {
            let Some(old) = m.and_then(|i| b.actions.get(i)) else {
                continue;
            };
            if old == new || s.actions.contains(old) || !s.actions.contains(new) {
                continue;
            }
            for (id, items) in s.extra.0.iter_mut() {
                let own = side.extra.items(id);
                for item in items.iter_mut() {
                    if item.serves == *old && !own.contains(item) {
                        item.serves = new.clone();
                    }
                }
            }
        }
    }
}

/// Items that cite evidence: their citations merge as sets against the base
/// (one side citing `int-03`, the other `int-05`, is both), the rest as `inner`
/// merges it. Like votes, every side of a conflict found in the rest carries the
/// merged citations, so taking any side keeps everyone's.
fn cited<'a, T: Element + 'a>(
    inner: impl FnMut(&T, &T, &T, &mut Vec<Conflict>, &Place) -> T + 'a,
) -> impl FnMut(&T, &T, &T, &mut Vec<Conflict>, &Place) -> T + 'a {
    with_merged_set(
        inner,
        T::citations,
        T::with_citations,
        super::cites::merge_ids,
    )
}

/// Items that name personas: their personas merge as a set against the base
/// (`personas::merge_set`), the rest as `inner` merges it; like citations,
/// every side of a conflict found in the rest carries the merged set.
fn tagged<'a, T: Element + 'a>(
    inner: impl FnMut(&T, &T, &T, &mut Vec<Conflict>, &Place) -> T + 'a,
    all: &'a [String],
) -> impl FnMut(&T, &T, &T, &mut Vec<Conflict>, &Place) -> T + 'a {
    with_merged_set(inner, T::personas, T::with_personas, move |b, o, t| {
        super::personas::merge_set(b, o, t, all)
    })
}

/// An item's list of ids (`get`, written back by `set`) merged as a set by
/// `merge`, and the rest by `inner` with every side given the base's list, so
/// the list alone never makes a conflict; any conflict the rest makes carries
/// the merged list on every side.
fn with_merged_set<'a, T: Element + 'a>(
    mut inner: impl FnMut(&T, &T, &T, &mut Vec<Conflict>, &Place) -> T + 'a,
    get: impl Fn(&T) -> &[String] + 'a,
    set: impl Fn(&T, Vec<String>) -> T + 'a,
    merge: impl Fn(&[String], &[String], &[String]) -> Vec<String> + 'a,
) -> impl FnMut(&T, &T, &T, &mut Vec<Conflict>, &Place) -> T + 'a {
    move |b, o, t, c, place| {
        let ids = merge(get(b), get(o), get(t));
        let plain = |x: &T| set(x, get(b).to_vec());
        let before = c.len();
        let merged = inner(&plain(b), &plain(o), &plain(t), c, place);
        for found in c.iter_mut().skip(before) {
            for v in [&mut found.base, &mut found.ours, &mut found.theirs] {
                if let Version::Value(x) = v
                    && let Some(e) = T::from_value(x)
                {
                    *x = set(&e, ids.clone()).to_value();
                }
            }
        }
        set(&merged, ids)
    }
}

/// A persona one side removed comes back when the merged items or emotions
/// still name her (the other side gave her some): removing her would leave
/// them naming nobody. Said as a conflict the command prints, as for a lane.
fn keep_named_personas(
    personas: &mut Vec<Persona>,
    stages: &[Stage],
    [base, ours, theirs]: [&JourneyMap; 3],
    several: bool,
    c: &mut Vec<Conflict>,
) {
    for id in super::personas::named(stages) {
        if personas.iter().any(|p| p.id == id) {
            continue;
        }
        let Some(her) = [theirs, ours, base]
            .into_iter()
            .find_map(|m| m.personas().find(|p| p.id == id))
        else {
            continue;
        };
        let by_us = !ours.personas().any(|p| p.id == id);
        let value = Version::Value(Value::Persona(Box::new(her.clone())));
        c.push(Conflict {
            place: Place::Personas(persona_ref(her, several, false)),
            clash: Clash::PersonaKeptForItems { by_us },
            base: value.clone(),
            ours: if by_us {
                Version::Removed
            } else {
                value.clone()
            },
            theirs: if by_us { Version::Removed } else { value },
        });
        personas.push(her.clone());
    }
}

/// Items merge whole: a change to any of an item's fields is a change to the item.
fn whole<T: Element>(b: &T, o: &T, t: &T, c: &mut Vec<Conflict>, place: &Place) -> T {
    if o == b || o == t {
        return t.clone();
    }
    if t != b {
        c.push(Conflict {
            place: place.clone(),
            clash: Clash::BothChanged,
            base: Version::Value(b.to_value()),
            ours: Version::Value(o.to_value()),
            theirs: Version::Value(t.to_value()),
        });
    }
    o.clone()
}

/// Pain points and optimizations: votes are counts people add to, so each side's
/// increment (or decrement) is added to the base's count and two people voting on
/// one item in two branches is not a conflict (base 1, ours 3, theirs 2: 4). The
/// rest of the item merges whole, as for any item.
fn voted<T: Voted>(b: &T, o: &T, t: &T, c: &mut Vec<Conflict>, place: &Place) -> T {
    let base = i64::from(b.votes());
    let sum = i64::from(o.votes()) + i64::from(t.votes()) - base;
    let Ok(votes) = u32::try_from(sum.max(0)) else {
        // More votes than a map can hold: never capped silently. Ours stays and
        // the conflict, with both counts, is the person's to settle.
        c.push(Conflict {
            place: place.clone(),
            clash: Clash::TooManyVotes(sum),
            base: Version::Value(b.to_value()),
            ours: Version::Value(o.to_value()),
            theirs: Version::Value(t.to_value()),
        });
        return o.clone();
    };
    // Impact and effort merge field by field: one side scoring impact and the
    // other effort (or rewording the text) is two changes, not a clash. Only
    // both sides giving one score different values is; then the scores stay
    // with the rest of the item, which merges whole and so records the clash.
    let (bs, os, ts) = (b.scores(), o.scores(), t.scores());
    let mut scores = os;
    let mut scores_clash = false;
    for ((m, b), t) in scores.iter_mut().zip(bs).zip(ts) {
        if *m == b {
            *m = t;
        } else if t != b && t != *m {
            scores_clash = true;
        }
    }
    let rest = |x: &T| {
        let x = x.with_votes(b.votes());
        if scores_clash { x } else { x.with_scores(bs) }
    };
    let merged = |x: &T| {
        let x = x.with_votes(votes);
        if scores_clash {
            x
        } else {
            x.with_scores(scores)
        }
    };
    let (o_rest, t_rest) = (rest(o), rest(t));
    if o_rest == *b || o_rest == t_rest {
        return merged(&t_rest);
    }
    if t_rest != *b {
        // The votes merged; only the rest clashes. Every side carries the merged
        // count, so ours is exactly what stays in the map and taking any side
        // keeps everyone's votes.
        c.push(Conflict {
            place: place.clone(),
            clash: Clash::BothChanged,
            base: Version::Value(merged(b).to_value()),
            ours: Version::Value(merged(o).to_value()),
            theirs: Version::Value(merged(t).to_value()),
        });
    }
    merged(&o_rest)
}

/// The items that carry votes.
trait Voted: Element {
    fn votes(&self) -> u32;
    fn with_votes(&self, votes: u32) -> Self;
    /// Impact and effort, where the item has them (only optimizations do).
    fn scores(&self) -> [Option<u8>; 2] {
        [None, None]
    }
    fn with_scores(&self, _scores: [Option<u8>; 2]) -> Self {
        self.clone()
    }
}

impl Voted for PainPoint {
    fn votes(&self) -> u32 {
        self.votes
    }
    fn with_votes(&self, votes: u32) -> Self {
        PainPoint {
            votes,
            ..self.clone()
        }
    }
}

impl Voted for Optimization {
    fn votes(&self) -> u32 {
        self.votes
    }
    fn with_votes(&self, votes: u32) -> Self {
        Optimization {
            votes,
            ..self.clone()
        }
    }
    fn scores(&self) -> [Option<u8>; 2] {
        [self.impact, self.effort]
    }
    fn with_scores(&self, [impact, effort]: [Option<u8>; 2]) -> Self {
        Optimization {
            impact,
            effort,
            ..self.clone()
        }
    }
}

/// A list element's identity during a merge: a base element, or one added by a side
/// (an addition made identically on both sides is `Ours`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Id {
    Base(usize),
    Ours(usize),
    Theirs(usize),
}

/// The runs of elements a side added or moved, keyed by the anchor they follow
/// (`None`: the start of the list).
type Runs = HashMap<Option<usize>, Vec<Id>>;

fn merge_list<T: Element, F>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    place: &Place,
    c: &mut Vec<Conflict>,
    merge_value: &mut F,
) -> Vec<T>
where
    F: FnMut(&T, &T, &T, &mut Vec<Conflict>, &Place) -> T,
{
    merge_list_keeping(base, ours, theirs, place, c, merge_value, false)
}

/// `merge_list`, and with `keep_all` for a list whose conflicts the map's
/// record cannot hold (extra lanes, the list of lanes): nothing a side wrote
/// is lost. An element we removed and they changed stays as they changed it;
/// one both changed stays as ours with theirs right after it.
fn merge_list_keeping<T: Element, F>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    place: &Place,
    c: &mut Vec<Conflict>,
    merge_value: &mut F,
    keep_all: bool,
) -> Vec<T>
where
    F: FnMut(&T, &T, &T, &mut Vec<Conflict>, &Place) -> T,
{
    let mo = match_lists(base, ours);
    let mt = match_lists(base, theirs);
    let in_o = invert(&mo, base.len());
    let in_t = invert(&mt, base.len());
    let mut t_as_o = unify_new(ours, &mo, theirs, &mt);
    let moved_raw_o = moved_base(&mo);
    let moved_raw_t = moved_base(&mt);
    let here = |v: &T| match place {
        Place::Stages(_) => match T::to_value(v) {
            Value::Stage(s) => Place::Stages(StageRef {
                id: s.id.clone(),
                name: s.name.clone(),
                lanes: Vec::new(),
            }),
            _ => place.clone(),
        },
        Place::Lanes(..) => match T::to_value(v) {
            Value::Lane(d) => Place::Lanes(d.id.clone(), super::lane_def_title(&d)),
            _ => place.clone(),
        },
        Place::Personas(r) => match T::to_value(v) {
            Value::Persona(p) => Place::Personas(PersonaRef {
                old_id: p.id.clone(),
                id: p.id.clone(),
                name: p.name.clone(),
                several: r.several,
                first: p.id == r.id,
            }),
            _ => place.clone(),
        },
        _ => place.clone(),
    };
    let mut twins: HashMap<usize, T> = HashMap::new();

    let mut values: BTreeMap<Id, T> = BTreeMap::new();
    for (i, b) in base.iter().enumerate() {
        let o = in_o.get(i).copied().flatten().and_then(|j| ours.get(j));
        let t = in_t.get(i).copied().flatten().and_then(|k| theirs.get(k));
        match (o, t) {
            (None, None) => {}
            (Some(o), None) => {
                let clash = if o != b {
                    Clash::ChangedByUsRemovedByThem
                } else if moved_raw_o.contains(&i) {
                    Clash::MovedByUsRemovedByThem
                } else {
                    continue;
                };
                c.push(Conflict {
                    place: here(o),
                    clash,
                    base: Version::Value(b.to_value()),
                    ours: Version::Value(o.to_value()),
                    theirs: Version::Removed,
                });
                values.insert(Id::Base(i), o.clone());
            }
            (None, Some(t)) => {
                let clash = if t != b && keep_all {
                    values.insert(Id::Base(i), t.clone());
                    Clash::RemovedByUsChangedByThemKept
                } else if t != b {
                    Clash::RemovedByUsChangedByThem
                } else if moved_raw_t.contains(&i) {
                    Clash::RemovedByUsMovedByThem
                } else {
                    continue;
                };
                c.push(Conflict {
                    place: here(t),
                    clash,
                    base: Version::Value(b.to_value()),
                    ours: Version::Removed,
                    theirs: Version::Value(t.to_value()),
                });
            }
            (Some(o), Some(t)) => {
                let p = here(o);
                let before = c.len();
                values.insert(Id::Base(i), merge_value(b, o, t, c, &p));
                if keep_all {
                    for found in c.iter_mut().skip(before) {
                        if found.clash != Clash::BothChanged {
                            continue;
                        }
                        found.clash = Clash::BothChangedKeptBoth;
                        if let Version::Value(v) = &found.theirs
                            && let Some(x) = T::from_value(v)
                        {
                            twins.insert(i, x);
                        }
                    }
                }
            }
        }
    }
    for (j, (o, m)) in ours.iter().zip(&mo).enumerate() {
        if m.is_none() {
            values.insert(Id::Ours(j), o.clone());
        }
    }
    let mut keys: Option<HashSet<String>> = None;
    for (k, (t, m)) in theirs.iter().zip(&mt).enumerate() {
        if m.is_some() {
            continue;
        }
        match t_as_o.get(k).copied().flatten() {
            None => {
                values.insert(Id::Theirs(k), t.clone());
            }
            Some(j) => {
                let Some(o) = ours.get(j).filter(|o| *o != t) else {
                    continue;
                };
                if T::BY_KEY_ONLY && o.name() != t.name() {
                    // Two different stages with one id: both stay, theirs renamed.
                    let taken = keys.get_or_insert_with(|| {
                        base.iter()
                            .chain(ours)
                            .chain(theirs)
                            .map(|e| e.key().to_string())
                            .collect()
                    });
                    let key = unique_slug(t.key(), |s| taken.contains(s));
                    taken.insert(key.clone());
                    let renamed = t.with_key(&key);
                    c.push(Conflict {
                        place: here(o),
                        clash: Clash::SameStageId {
                            id: t.key().to_string(),
                            theirs_as: key,
                        },
                        base: Version::Removed,
                        ours: Version::Value(o.to_value()),
                        theirs: Version::Value(renamed.to_value()),
                    });
                    values.insert(Id::Theirs(k), renamed);
                    if let Some(slot) = t_as_o.get_mut(k) {
                        *slot = None;
                    }
                    continue;
                }
                c.push(Conflict {
                    place: here(o),
                    clash: Clash::AddedDifferently,
                    base: Version::Removed,
                    ours: Version::Value(o.to_value()),
                    theirs: Version::Value(t.to_value()),
                });
            }
        }
    }

    let seq_o: Vec<Id> = mo
        .iter()
        .enumerate()
        .filter_map(|(j, m)| match m {
            Some(i) => values.contains_key(&Id::Base(*i)).then_some(Id::Base(*i)),
            None => Some(Id::Ours(j)),
        })
        .collect();
    let seq_t: Vec<Id> = mt
        .iter()
        .enumerate()
        .filter_map(|(k, m)| match m {
            Some(i) => values.contains_key(&Id::Base(*i)).then_some(Id::Base(*i)),
            None => Some(match t_as_o.get(k).copied().flatten() {
                Some(j) => Id::Ours(j),
                None => Id::Theirs(k),
            }),
        })
        .collect();
    let moved_o = moved(&seq_o);
    let moved_t = moved(&seq_t);
    let skeleton: Vec<usize> = (0..base.len())
        .filter(|&i| {
            let id = Id::Base(i);
            values.contains_key(&id) && !moved_o.contains(&id) && !moved_t.contains(&id)
        })
        .collect();
    let anchors: HashSet<usize> = skeleton.iter().copied().collect();
    let mut runs_o = runs(&seq_o, &moved_o, &anchors);
    let mut runs_t = runs(&seq_t, &moved_t, &anchors);

    // An element both sides added or moved goes where ours put it; if theirs put it
    // elsewhere (or in a different company), that is a conflict.
    let where_o = locate(&runs_o);
    let where_t = locate(&runs_t);
    let mut drop_t = HashSet::new();
    for (id, (anchor_t, _)) in &where_t {
        let Some((anchor_o, _)) = where_o.get(id) else {
            continue;
        };
        if anchor_o != anchor_t || runs_o.get(anchor_o) != runs_t.get(anchor_t) {
            drop_t.insert(*id);
            if let Some(v) = values.get(id) {
                c.push(Conflict {
                    place: here(v),
                    clash: Clash::PlacedDifferently,
                    base: Version::Value(v.to_value()),
                    ours: after(*anchor_o, base),
                    theirs: after(*anchor_t, base),
                });
            }
        }
    }
    for run in runs_t.values_mut() {
        run.retain(|id| !drop_t.contains(id));
    }

    let mut order: Vec<Id> = Vec::new();
    let mut emit = |anchor: Option<usize>, order: &mut Vec<Id>| {
        let o = runs_o.remove(&anchor).unwrap_or_default();
        let t = runs_t.remove(&anchor).unwrap_or_default();
        if o == t {
            order.extend(o);
            return;
        }
        let key = |run: &[Id]| -> Vec<String> {
            run.iter()
                .filter_map(|id| values.get(id).map(Element::sort_key))
                .collect()
        };
        if key(&t) < key(&o) {
            order.extend(t);
            order.extend(o);
        } else {
            order.extend(o);
            order.extend(t);
        }
    };
    emit(None, &mut order);
    for i in skeleton {
        order.push(Id::Base(i));
        emit(Some(i), &mut order);
    }
    let mut out: Vec<T> = Vec::with_capacity(order.len());
    for id in &order {
        if let Some(v) = values.remove(id) {
            out.push(v);
        }
        if let Id::Base(i) = id
            && let Some(t) = twins.remove(i)
        {
            out.push(t);
        }
    }
    // Nothing is ever lost: anything not placed above (there should be nothing) goes last.
    out.extend(values.into_values());
    out.extend(twins.into_values());
    out
}

fn invert(m: &[Option<usize>], len: usize) -> Vec<Option<usize>> {
    let mut inv = vec![None; len];
    for (j, i) in m.iter().enumerate() {
        if let Some(slot) = i.and_then(|i| inv.get_mut(i)) {
            *slot = Some(j);
        }
    }
    inv
}

/// The base elements of a side's sequence that left the base order.
fn moved(seq: &[Id]) -> HashSet<Id> {
    let base: Vec<usize> = seq
        .iter()
        .filter_map(|id| match id {
            Id::Base(i) => Some(*i),
            _ => None,
        })
        .collect();
    base.iter()
        .zip(in_order(&base, &[]))
        .filter(|(_, kept)| !kept)
        .map(|(i, _)| Id::Base(*i))
        .collect()
}

/// Splits a side's sequence into runs of the elements it added or moved, each after
/// the nearest anchor before it. Elements only the other side moved are left to it.
fn runs(seq: &[Id], moved: &HashSet<Id>, anchors: &HashSet<usize>) -> Runs {
    let mut out: Runs = HashMap::new();
    let mut anchor = None;
    for id in seq {
        match id {
            Id::Base(i) if anchors.contains(i) => anchor = Some(*i),
            Id::Base(_) if !moved.contains(id) => {}
            _ => out.entry(anchor).or_default().push(*id),
        }
    }
    out
}

fn locate(runs: &Runs) -> HashMap<Id, (Option<usize>, usize)> {
    let mut at = HashMap::new();
    for (anchor, run) in runs {
        for (k, id) in run.iter().enumerate() {
            at.insert(*id, (*anchor, k));
        }
    }
    at
}

fn after<T: Element>(anchor: Option<usize>, base: &[T]) -> Version {
    Version::After(anchor.and_then(|i| base.get(i)).map(Element::to_value))
}

/// The base elements (by index) that a side moved: those outside the longest run
/// it kept in base order, before any merging filters the sequence.
fn moved_base(matched: &[Option<usize>]) -> HashSet<usize> {
    let seq: Vec<usize> = matched.iter().flatten().copied().collect();
    seq.iter()
        .zip(in_order(&seq, &[]))
        .filter(|(_, kept)| !kept)
        .map(|(i, _)| *i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    fn m(b: &[&str], o: &[&str], t: &[&str]) -> (Vec<String>, usize) {
        let mut c = Vec::new();
        let r = merge_list(&s(b), &s(o), &s(t), &Place::Objectives, &mut c, &mut whole);
        (r, c.len())
    }

    #[test]
    fn appends_on_both_sides_are_both_kept() {
        assert_eq!(
            m(&["a"], &["a", "x"], &["a", "y"]),
            (s(&["a", "x", "y"]), 0)
        );
        assert_eq!(
            m(&["a"], &["a", "y"], &["a", "x"]),
            (s(&["a", "x", "y"]), 0)
        );
    }

    #[test]
    fn moves_and_edits_on_different_items_combine() {
        assert_eq!(
            m(&["a", "b", "c"], &["c", "a", "b"], &["a", "b!", "c"]),
            (s(&["c", "a", "b!"]), 0)
        );
    }

    #[test]
    fn both_editing_one_item_keeps_ours() {
        assert_eq!(
            m(&["apple"], &["apples"], &["apple pie"]),
            (s(&["apples"]), 1)
        );
    }
}
