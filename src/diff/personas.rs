//! Personas in the diff wing (docs/format.md#format-7-personas): personas are
//! matched by id, as evidence and lanes are, since items and emotions point at
//! them by id. The one exception is a map's only persona that never had a
//! second: she has no id yet, and is the same person as the persona of the
//! other version with her name (or, failing that, its first), so a map gaining
//! a second persona differs by that persona and nothing else.
//!
//! Here: the matching, the changes to the list of personas and to each one's
//! fields, their replay, and what the merge needs to treat an item's
//! `personas` as a set and an emotion's `persona` as a plain id.

use super::apply::{apply_list, apply_set};
use super::matching::Element;
use super::{ApplyError, Change, Edit, Place, Value};
use crate::model::{JourneyMap, Persona, slugify};

/// A persona as a change names her: by the id she had in the old map (what a
/// replay finds her by; empty for a map's only persona without one) and by
/// her new id and name, for the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonaRef {
    /// Her id in the old map (the new one for a persona added).
    pub old_id: String,
    /// Her id as the reader sees it: the new one (the old one for a removed persona).
    pub id: String,
    pub name: String,
    /// Either map has several personas: the reader needs her name to tell
    /// whose change it is. False for two maps of one persona, whose diffs read
    /// as they always did ("persona").
    pub several: bool,
    /// She is the first persona of the new map (of the old one, when removed):
    /// the one the map's record of conflicts can name (`persona.role`).
    pub first: bool,
}

impl Element for Persona {
    const BY_KEY_ONLY: bool = true;
    fn key(&self) -> &str {
        &self.id
    }
    fn name(&self) -> &str {
        self.name.trim()
    }
    fn to_value(&self) -> Value {
        Value::Persona(Box::new(self.clone()))
    }
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Persona(p) => Some((**p).clone()),
            _ => None,
        }
    }
    fn sort_key(&self) -> String {
        self.id.clone()
    }
    fn with_key(&self, key: &str) -> Self {
        Persona {
            id: key.to_string(),
            ..self.clone()
        }
    }
}

/// True when `p` (without an id) is the persona `q` names: same name, or an
/// id made from her name.
fn same_person(p: &Persona, q: &Persona) -> bool {
    p.name.trim().eq_ignore_ascii_case(q.name.trim()) || slugify(&p.name) == q.id
}

/// For each persona of `new` (in `personas()` order), the place of the same
/// persona in `old`: equal ids, then a persona without an id to the other
/// map's persona of her name, else to its first.
pub fn match_personas(old: &JourneyMap, new: &JourneyMap) -> Vec<Option<usize>> {
    let a: Vec<&Persona> = old.personas().collect();
    let b: Vec<&Persona> = new.personas().collect();
    let mut of_new: Vec<Option<usize>> = b
        .iter()
        .map(|q| {
            (!q.id.is_empty())
                .then(|| a.iter().position(|p| p.id == q.id))
                .flatten()
        })
        .collect();
    let taken = |of_new: &[Option<usize>], i: usize| of_new.contains(&Some(i));
    // A persona without an id is alone in her map: at most one each side.
    if let Some(i) = a.iter().position(|p| p.id.is_empty())
        && !taken(&of_new, i)
    {
        let p = a.get(i).copied();
        let j = (0..b.len())
            .filter(|j| of_new.get(*j) == Some(&None))
            .find(|j| b.get(*j).zip(p).is_some_and(|(q, p)| same_person(p, q)))
            .or_else(|| (of_new.first() == Some(&None)).then_some(0));
        if let Some(slot) = j.and_then(|j| of_new.get_mut(j)) {
            *slot = Some(i);
        }
    }
    if let Some(j) = b.iter().position(|q| q.id.is_empty())
        && of_new.get(j) == Some(&None)
    {
        let q = b.get(j).copied();
        let i = (0..a.len())
            .filter(|i| !taken(&of_new, *i))
            .find(|i| a.get(*i).zip(q).is_some_and(|(p, q)| same_person(q, p)))
            .or_else(|| (!taken(&of_new, 0) && !a.is_empty()).then_some(0));
        if let (Some(slot), Some(i)) = (of_new.get_mut(j), i) {
            *slot = Some(i);
        }
    }
    of_new
}

/// The fields of a persona a change may set, in the file's order.
fn fields(p: &Persona) -> [(&'static str, &String); 5] {
    [
        ("id", &p.id),
        ("name", &p.name),
        ("role", &p.role),
        ("quote", &p.quote),
        ("summary", &p.summary),
    ]
}

/// The changes to the personas: those that went, then the new map's in order
/// (added, moved, their fields and lists). Two maps of one persona give the
/// changes to her fields alone, as they always did.
pub(super) fn diff(out: &mut Vec<Change>, old: &JourneyMap, new: &JourneyMap, maps: &super::Maps) {
    let several = old.persona_count() > 1 || new.persona_count() > 1;
    let a: Vec<&Persona> = old.personas().collect();
    let b: Vec<&Persona> = new.personas().collect();
    let matched = match_personas(old, new);
    let r = |p: &Persona, old_id: &str, first: bool| PersonaRef {
        old_id: old_id.to_string(),
        id: p.id.clone(),
        name: p.name.clone(),
        several,
        first,
    };
    for i in super::removed_indices(&matched, a.len()) {
        if let Some(p) = a.get(i) {
            out.push(Change::new(
                Place::Personas(r(p, &p.id, i == 0)),
                Edit::Removed {
                    from: i,
                    value: p.to_value(),
                },
            ));
        }
    }
    let stay = super::unmoved(&matched);
    for (j, (q, (m, still))) in b.iter().zip(matched.iter().zip(stay)).enumerate() {
        let Some((i, p)) = m.and_then(|i| a.get(i).map(|p| (i, p))) else {
            out.push(Change::new(
                Place::Personas(r(q, &q.id, j == 0)),
                Edit::Added {
                    to: j,
                    value: q.to_value(),
                },
            ));
            continue;
        };
        let me = r(q, &p.id, j == 0);
        if !still {
            out.push(Change::new(
                Place::Personas(me.clone()),
                Edit::Moved {
                    from: i,
                    to: j,
                    value: q.to_value(),
                },
            ));
        }
        for ((field, x), (_, y)) in fields(p).into_iter().zip(fields(q)) {
            super::set(out, Place::Persona(me.clone()), field, x, y);
        }
        for (key, x, y) in super::persona_lists(p, q) {
            super::list(out, &Place::PersonaList(me.clone(), key), x, y, maps);
        }
        super::list(
            out,
            &Place::PersonaList(me, "traits"),
            &p.traits,
            &q.traits,
            maps,
        );
    }
}

/// Replays the persona changes (see `apply`): each persona's fields and lists
/// by the id she had, then the list of personas (added, removed, moved).
pub(super) fn apply(m: &mut JourneyMap, changes: &[Change]) -> Result<(), ApplyError> {
    let mut all: Vec<Persona> = m.personas().cloned().collect();
    for p in &mut all {
        let id = p.id.clone();
        let mine = |c: &&Change| matches!(&c.place, Place::Persona(r) if r.old_id == id);
        for c in changes.iter().filter(mine) {
            let [i, n, r, q, s] = [
                &mut p.id,
                &mut p.name,
                &mut p.role,
                &mut p.quote,
                &mut p.summary,
            ];
            apply_set(
                &c.edit,
                &mut [
                    ("id", i),
                    ("name", n),
                    ("role", r),
                    ("quote", q),
                    ("summary", s),
                ],
            )?;
        }
        let edits = |key: &str| -> Vec<&Edit> {
            changes
                .iter()
                .filter(
                    |c| matches!(&c.place, Place::PersonaList(r, k) if r.old_id == id && *k == key),
                )
                .map(|c| &c.edit)
                .collect()
        };
        p.goals = apply_list(&p.goals, &edits("goals"))?;
        p.needs = apply_list(&p.needs, &edits("needs"))?;
        p.frustrations = apply_list(&p.frustrations, &edits("frustrations"))?;
        p.behaviors = apply_list(&p.behaviors, &edits("behaviors"))?;
        p.traits = apply_list(&p.traits, &edits("traits"))?;
    }
    let moves: Vec<&Edit> = changes
        .iter()
        .filter(|c| matches!(c.place, Place::Personas(_)))
        .map(|c| &c.edit)
        .collect();
    let mut all = apply_list(&all, &moves)?.into_iter();
    m.persona = all
        .next()
        .ok_or_else(|| ApplyError("no persona left".into()))?;
    m.other_personas = all.collect();
    Ok(())
}

/// The names of the personas an item belongs to, in the map's order (its
/// ids the map does not hold as they are); empty for every persona.
pub fn names(map: &JourneyMap, ids: &[String]) -> Vec<String> {
    let mut out: Vec<String> = map
        .personas()
        .filter(|p| !p.id.is_empty() && ids.contains(&p.id))
        .map(|p| p.name.clone())
        .collect();
    out.extend(
        ids.iter()
            .filter(|id| !map.personas().any(|p| p.id == **id))
            .cloned(),
    );
    out
}

/// Whose an element is, in names, when the map has several personas: an
/// item's personas (empty for everyone), an emotion's one persona. `None`
/// for elements that cannot name personas.
pub fn whose(map: &JourneyMap, v: &Value) -> Option<Vec<String>> {
    let ids = match v {
        Value::Touchpoint(x) => &x.personas,
        Value::PainPoint(x) => &x.personas,
        Value::Optimization(x) => &x.personas,
        Value::Metric(x) => &x.personas,
        Value::LaneItem(x) => &x.personas,
        Value::Emotion(e) => {
            let name = match map.emotion_persona(e).and_then(|i| map.persona_at(i)) {
                Some(p) => p.name.clone(),
                None => e.persona.clone(),
            };
            return Some(vec![name]);
        }
        _ => return None,
    };
    Some(names(map, ids))
}

/// The element without whose it is: to tell a change of personas alone from
/// an edit.
pub fn without_personas(v: &Value) -> Value {
    let mut v = v.clone();
    match &mut v {
        Value::Touchpoint(x) => x.personas.clear(),
        Value::PainPoint(x) => x.personas.clear(),
        Value::Optimization(x) => x.personas.clear(),
        Value::Metric(x) => x.personas.clear(),
        Value::LaneItem(x) => x.personas.clear(),
        Value::Emotion(x) => x.persona.clear(),
        _ => {}
    }
    v
}

/// The three sides of a merge with every persona named by id: a side's
/// persona without an id takes the id the other sides give the same person,
/// and its emotions without a persona name the first one's id. So the lists
/// merge by id and an emotion stays with the person who felt it even when the
/// first persona changes. `None` when no side has personas to tell apart,
/// so such merges run exactly as before.
pub(super) fn normalized(sides: [&JourneyMap; 3]) -> Option<[JourneyMap; 3]> {
    if !sides.iter().any(|m| m.has_personas()) {
        return None;
    }
    let mut out = sides.map(JourneyMap::clone);
    for k in 0..out.len() {
        let Some(m) = out.get(k) else { continue };
        if m.persona.id.is_empty() {
            let id = sides
                .iter()
                .filter(|o| o.persona_count() > 1 || !o.persona.id.is_empty())
                .find_map(|o| {
                    let at = match_personas(o, m);
                    at.first()
                        .copied()
                        .flatten()
                        .and_then(|i| o.persona_at(i))
                        .map(|p| p.id.clone())
                        .filter(|id| !id.is_empty())
                });
            if let (Some(id), Some(m)) = (id, out.get_mut(k)) {
                m.persona.id = id;
            }
        }
        if let Some(m) = out.get_mut(k) {
            let first = m.persona.id.clone();
            for s in &mut m.stages {
                for e in s.emotions.iter_mut().filter(|e| e.persona.is_empty()) {
                    e.persona.clone_from(&first);
                }
            }
        }
    }
    Some(out)
}

/// The merged map as the file writes it: the first persona's emotions name
/// no persona, and a persona left alone goes without the id only the
/// normalization gave her when the sides (merged as a field) say so and
/// nothing names her.
pub(super) fn denormalize(map: &mut JourneyMap, [base, ours, theirs]: [&JourneyMap; 3]) {
    let first = map.persona.id.clone();
    for s in &mut map.stages {
        for e in s.emotions.iter_mut().filter(|e| e.persona == first) {
            e.persona.clear();
        }
    }
    let bare = |m: &JourneyMap| m.persona.id.is_empty() && m.other_personas.is_empty();
    let (b, o, t) = (bare(base), bare(ours), bare(theirs));
    let merged = if o == b { t } else { o };
    if merged && map.other_personas.is_empty() && !named(&map.stages).contains(&first) {
        map.persona.id.clear();
    }
}

/// A stage or emotion a conflict holds, as the file writes it: emotions of
/// the first persona (`first`) name none.
pub(super) fn denormalize_value(v: &mut Value, first: &str) {
    let clear = |e: &mut crate::model::Emotion| {
        if e.persona == first {
            e.persona.clear();
        }
    };
    match v {
        Value::Emotion(e) => clear(e),
        Value::Stage(s) => s.emotions.iter_mut().for_each(clear),
        _ => {}
    }
}

/// Every item and emotion of `map` that names `from` names `to` instead.
pub(super) fn rename(map: &mut JourneyMap, from: &str, to: &str) {
    let swap = |ids: &mut Vec<String>| {
        for id in ids.iter_mut().filter(|id| *id == from) {
            *id = to.to_string();
        }
    };
    for p in map.other_personas.iter_mut().chain([&mut map.persona]) {
        if p.id == from {
            p.id = to.to_string();
        }
    }
    for s in &mut map.stages {
        s.touchpoints.iter_mut().for_each(|x| swap(&mut x.personas));
        s.pain_points.iter_mut().for_each(|x| swap(&mut x.personas));
        s.optimizations
            .iter_mut()
            .for_each(|x| swap(&mut x.personas));
        s.metrics.iter_mut().for_each(|x| swap(&mut x.personas));
        for items in s.extra.0.values_mut() {
            items.iter_mut().for_each(|x| swap(&mut x.personas));
        }
        for e in s.emotions.iter_mut().filter(|e| e.persona == from) {
            e.persona = to.to_string();
        }
    }
}

/// The ids both sides added for different people (other names): theirs is
/// renamed, with everything of theirs that names her, so both are kept.
/// Returns `(id, theirs_as, her)` for each.
pub(super) fn rename_clashing(
    base: &JourneyMap,
    ours: &JourneyMap,
    theirs: &mut JourneyMap,
) -> Vec<(String, String, Persona)> {
    let mut out = Vec::new();
    let clashing: Vec<(String, Persona)> = theirs
        .personas()
        .filter(|t| !t.id.is_empty() && !base.personas().any(|b| b.id == t.id))
        .filter(|t| {
            ours.personas()
                .any(|o| o.id == t.id && !o.name.trim().eq_ignore_ascii_case(t.name.trim()))
        })
        .map(|t| (t.id.clone(), t.clone()))
        .collect();
    for (id, her) in clashing {
        let taken = |s: &str| {
            [base, ours].iter().any(|m| m.personas().any(|p| p.id == s))
                || theirs.personas().any(|p| p.id == s)
        };
        let to = crate::model::unique_slug(&id, taken);
        rename(theirs, &id, &to);
        out.push((id, to.clone(), Persona { id: to, ..her }));
    }
    out
}

/// The ids of the personas the stages' items and emotions name.
pub(super) fn named(stages: &[crate::model::Stage]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |ids: &[String]| {
        for id in ids {
            if !out.contains(id) {
                out.push(id.clone());
            }
        }
    };
    for s in stages {
        s.touchpoints.iter().for_each(|x| add(&x.personas));
        s.pain_points.iter().for_each(|x| add(&x.personas));
        s.optimizations.iter().for_each(|x| add(&x.personas));
        s.metrics.iter().for_each(|x| add(&x.personas));
        for items in s.extra.0.values() {
            items.iter().for_each(|x| add(&x.personas));
        }
        for e in s.emotions.iter().filter(|e| !e.persona.is_empty()) {
            add(std::slice::from_ref(&e.persona));
        }
    }
    out
}

/// An item's personas merged as a set against the base, where an empty set
/// is every persona (`all`, the merged map's ids): one side naming Jonas and
/// the other Marta is both; one side narrowing to Jonas while the other left
/// it alone is Jonas; a set that ends as everyone is empty again.
pub(super) fn merge_set(
    base: &[String],
    ours: &[String],
    theirs: &[String],
    all: &[String],
) -> Vec<String> {
    if base == ours {
        return theirs.to_vec();
    }
    if base == theirs || ours == theirs {
        return ours.to_vec();
    }
    let full = |s: &[String]| -> Vec<String> {
        if s.is_empty() {
            all.to_vec()
        } else {
            s.to_vec()
        }
    };
    let merged = super::cites::merge_ids(&full(base), &full(ours), &full(theirs));
    if !all.is_empty() && all.iter().all(|id| merged.contains(id)) {
        Vec::new()
    } else {
        merged
    }
}
