//! Resolving a merge conflict recorded in the map: the chosen side's version of the
//! element takes the place of what the merge left there, and the record goes. The
//! result is one `Op::Resolve`, so a resolution is one undo step, and undoing it
//! brings back the conflict with all three versions.

use crate::model::{Conflict, Element, JourneyMap, Lane, Side, Stage};

/// How a person resolves a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Take(Side),
    /// Keep the map as it is now: the person edited the element by hand.
    AsIs,
}

/// Why a side cannot simply be taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    NoSuchConflict,
    /// The element was edited (or its stage removed) since the merge, so it cannot
    /// be found to replace: the person edits it by hand, then keeps it as is.
    Changed(String),
}

/// The map with conflict `index` resolved by `choice`, not yet checked for
/// validity (the caller runs the map's rules: taking an empty base title, say,
/// must be refused like any edit).
pub fn resolve(map: &JourneyMap, index: usize, choice: Choice) -> Result<JourneyMap, Refusal> {
    let c = map.conflicts.get(index).ok_or(Refusal::NoSuchConflict)?;
    let mut out = map.clone();
    out.conflicts.remove(index);
    let Choice::Take(side) = choice else {
        return Ok(out);
    };
    // An order conflict holds the same element on every side: nothing to take,
    // the element stays where the merge put it (the person moves it by hand).
    if c.is_placement() {
        return Ok(out);
    }
    let sides = [c.side(Side::Base), c.side(Side::Ours), c.side(Side::Theirs)];
    let chosen = c.side(side);
    if c.stage.is_empty() {
        map_field(&mut out, c, sides, chosen)?;
    } else {
        let s = out
            .stages
            .iter_mut()
            .find(|s| s.id == c.stage)
            .ok_or_else(|| {
                Refusal::Changed(format!("stage `{}` is no longer in the map", c.stage))
            })?;
        stage_field(s, c, sides, chosen)?;
    }
    Ok(out)
}

type Sides<'a> = [Option<&'a Element>; 3];

fn text_of(e: Option<&Element>) -> String {
    match e {
        Some(Element::Text(t)) => t.clone(),
        _ => String::new(),
    }
}

/// A text field takes the chosen side only while it still holds ours: a hand
/// edit made since the merge is not overwritten.
fn set_text(slot: &mut String, sides: Sides, chosen: Option<&Element>) -> Result<(), Refusal> {
    if *slot != text_of(sides[1]) {
        return Err(Refusal::Changed(
            "the text was edited since the merge".to_string(),
        ));
    }
    *slot = text_of(chosen);
    Ok(())
}

fn map_field(
    m: &mut JourneyMap,
    c: &Conflict,
    sides: Sides,
    chosen: Option<&Element>,
) -> Result<(), Refusal> {
    let p = &mut m.persona;
    let text = match c.field.as_str() {
        "title" => Some(&mut m.title),
        "summary" => Some(&mut m.summary),
        "framework" => Some(&mut m.framework),
        "persona.name" => Some(&mut p.name),
        "persona.role" => Some(&mut p.role),
        "persona.quote" => Some(&mut p.quote),
        "persona.summary" => Some(&mut p.summary),
        _ => None,
    };
    if let Some(slot) = text {
        return set_text(slot, sides, chosen);
    }
    let texts = |e: &Element| match e {
        Element::Text(t) => Some(t.clone()),
        _ => None,
    };
    match c.field.as_str() {
        "objectives" => take(&mut m.objectives, sides, chosen, texts, PartialEq::eq),
        "persona.goals" => take(&mut p.goals, sides, chosen, texts, PartialEq::eq),
        "persona.needs" => take(&mut p.needs, sides, chosen, texts, PartialEq::eq),
        "persona.frustrations" => take(&mut p.frustrations, sides, chosen, texts, PartialEq::eq),
        "persona.behaviors" => take(&mut p.behaviors, sides, chosen, texts, PartialEq::eq),
        "persona.traits" => take(
            &mut p.traits,
            sides,
            chosen,
            |e| match e {
                Element::Trait(l, v) => Some((l.clone(), v.clone())),
                _ => None,
            },
            PartialEq::eq,
        ),
        "stages" => stages(&mut m.stages, sides, chosen),
        other => Err(Refusal::Changed(format!("unknown field `{other}`"))),
    }
}

fn stage_field(
    s: &mut Stage,
    c: &Conflict,
    sides: Sides,
    chosen: Option<&Element>,
) -> Result<(), Refusal> {
    match c.field.as_str() {
        "name" => return set_text(&mut s.name, sides, chosen),
        "goal" => return set_text(&mut s.goal, sides, chosen),
        _ => {}
    }
    let lane = Lane::ALL
        .into_iter()
        .find(|l| l.key() == c.field)
        .ok_or_else(|| Refusal::Changed(format!("unknown field `{}`", c.field)))?;
    macro_rules! lane {
        ($list:expr, $variant:ident) => {
            take(
                $list,
                sides,
                chosen,
                |e| match e {
                    Element::$variant(x) => Some(x.clone()),
                    _ => None,
                },
                PartialEq::eq,
            )
        };
    }
    match lane {
        Lane::Actions => lane!(&mut s.actions, Text),
        Lane::Thoughts => lane!(&mut s.thoughts, Text),
        Lane::Touchpoints => lane!(&mut s.touchpoints, Touchpoint),
        Lane::Emotions => lane!(&mut s.emotions, Emotion),
        Lane::PainPoints => lane!(&mut s.pain_points, PainPoint),
        Lane::Optimizations => lane!(&mut s.optimizations, Optimization),
        Lane::Metrics => lane!(&mut s.metrics, Metric),
        Lane::Extra(_) => Err(Refusal::Changed(format!("unknown field `{}`", c.field))),
    }
}

/// A whole stage. Stages are found by id: what the merge left in place must still
/// be exactly ours (and, when both sides added a stage with one id, theirs under
/// its new id beside it); the chosen side's stage then takes their place, or
/// none does when the chosen side has no such stage.
fn stages(list: &mut Vec<Stage>, sides: Sides, chosen: Option<&Element>) -> Result<(), Refusal> {
    let stage = |e: Option<&Element>| match e {
        Some(Element::Stage(s)) => Some((**s).clone()),
        _ => None,
    };
    let (ours, theirs, chosen) = (stage(sides[1]), stage(sides[2]), stage(chosen));
    let mut in_place: Vec<Stage> = ours.iter().cloned().collect();
    // Both added a stage with one id: theirs was kept too, under a new id.
    if let (Some(o), Some(t)) = (&ours, &theirs)
        && o.id != t.id
    {
        in_place.push(t.clone());
    }
    let mut at = None;
    for s in &in_place {
        let i = list
            .iter()
            .position(|x| x.id == s.id)
            .ok_or_else(|| Refusal::Changed(format!("stage `{}` is no longer in the map", s.id)))?;
        if list.get(i) != Some(s) {
            return Err(Refusal::Changed(format!(
                "stage `{}` was edited since the merge",
                s.id
            )));
        }
    }
    for s in &in_place {
        if let Some(i) = list.iter().position(|x| x.id == s.id) {
            list.remove(i);
            at.get_or_insert(i);
        }
    }
    if let Some(c) = chosen {
        let i = at.unwrap_or(list.len()).min(list.len());
        list.insert(i, c);
    }
    Ok(())
}

/// In one list: every side's version that the merge left in it and that was not
/// chosen goes; the chosen one takes the place of the first that went (or the end
/// of the list). Nothing of the sides found in the list, and a side to put back,
/// means the element was edited since the merge.
fn take<T: Clone>(
    list: &mut Vec<T>,
    sides: Sides,
    chosen: Option<&Element>,
    of: impl Fn(&Element) -> Option<T>,
    same: impl Fn(&T, &T) -> bool,
) -> Result<(), Refusal> {
    let chosen: Option<T> = chosen.and_then(&of);
    let mut at = None;
    let mut found_any = false;
    for side in sides.iter().flatten() {
        let Some(v) = of(side) else { continue };
        if let Some(i) = list.iter().position(|x| same(x, &v)) {
            found_any = true;
            if chosen.as_ref().is_some_and(|c| same(c, &v)) {
                continue;
            }
            list.remove(i);
            at.get_or_insert(i);
        }
    }
    let Some(c) = chosen else {
        return Ok(());
    };
    if list.iter().any(|x| same(x, &c)) {
        return Ok(());
    }
    let ours_in_place = sides.get(1).copied().flatten().is_some();
    if !found_any && ours_in_place {
        return Err(Refusal::Changed(
            "the element was edited since the merge".to_string(),
        ));
    }
    let i = at.unwrap_or(list.len()).min(list.len());
    list.insert(i, c);
    Ok(())
}

/// The conflict's element as the map holds it now, for the editor to select:
/// the stage, lane and index of our version (`None` for a map or persona field).
pub fn locate(map: &JourneyMap, c: &Conflict) -> Option<(usize, Option<(Lane, usize)>)> {
    if c.stage.is_empty() {
        if c.field == "stages" {
            let id = match c.ours.as_ref().or(c.theirs.as_ref()) {
                Some(Element::Stage(s)) => s.id.clone(),
                _ => return None,
            };
            return map.stage_index(&id).map(|s| (s, None));
        }
        return None;
    }
    let s = map.stage_index(&c.stage)?;
    let stage = map.stages.get(s)?;
    let Some(lane) = Lane::ALL.into_iter().find(|l| l.key() == c.field) else {
        return Some((s, None));
    };
    let index = c
        .ours
        .as_ref()
        .and_then(|o| position(stage, lane, o))
        .unwrap_or(0);
    Some((s, Some((lane, index))))
}

fn position(stage: &Stage, lane: Lane, e: &Element) -> Option<usize> {
    match (lane, e) {
        (Lane::Actions, Element::Text(t)) => stage.actions.iter().position(|x| x == t),
        (Lane::Thoughts, Element::Text(t)) => stage.thoughts.iter().position(|x| x == t),
        (Lane::Touchpoints, Element::Touchpoint(t)) => {
            stage.touchpoints.iter().position(|x| x == t)
        }
        (Lane::Emotions, Element::Emotion(t)) => stage.emotions.iter().position(|x| x == t),
        (Lane::PainPoints, Element::PainPoint(t)) => stage.pain_points.iter().position(|x| x == t),
        (Lane::Optimizations, Element::Optimization(t)) => {
            stage.optimizations.iter().position(|x| x == t)
        }
        (Lane::Metrics, Element::Metric(t)) => stage.metrics.iter().position(|x| x == t),
        _ => None,
    }
}
