//! The persona filter (`F`): on a map of several personas, the grid can show
//! one persona's journey (the items of everyone and hers, her emotions, her
//! curve) so that a room looks at one guest's stay at a time. The other
//! personas' cards are hidden, not removed: the selection steps over them and
//! every change still lands at its place in the whole map. A leaf below the
//! modules that lay out, draw and change the grid, so each asks it the same
//! question.

use crate::model::{JourneyMap, Lane, persona_style};

/// The persona whose journey is shown: `filter` when the map has that
/// persona and another (a filter left over from a persona removed, or on a
/// map of one, shows everything).
pub fn active(map: &JourneyMap, filter: Option<usize>) -> Option<usize> {
    filter.filter(|i| *i < map.persona_count() && map.persona_count() > 1)
}

/// The places of the items of a cell that the filter shows, in order: all
/// of them with no filter; with one, the items of everyone and hers, and
/// only her emotions.
pub fn shown(map: &JourneyMap, filter: Option<usize>, stage: usize, lane: Lane) -> Vec<usize> {
    let Some(s) = map.stages.get(stage) else {
        return Vec::new();
    };
    let all = 0..s.lane_len(lane);
    let (Some(f), Some(p)) = (
        active(map, filter),
        active(map, filter).and_then(|f| map.persona_at(f)),
    ) else {
        return all.collect();
    };
    match lane {
        Lane::Emotions => s
            .emotions
            .iter()
            .enumerate()
            .filter(|(_, e)| map.emotion_persona(e) == Some(f))
            .map(|(i, _)| i)
            .collect(),
        Lane::Actions | Lane::Thoughts => all.collect(),
        _ => s
            .persona_sets(lane)
            .iter()
            .enumerate()
            .filter(|(_, set)| p.has(set))
            .map(|(i, _)| i)
            .collect(),
    }
}

/// Who a card is for, on a map of several personas: the persona's marker
/// for an emotion (`●`), the markers and names of the personas an item names
/// (`■ Jonas Weber`); `None` for an item of everyone or a map of one.
pub fn whose(map: &JourneyMap, stage: usize, lane: Lane, index: usize) -> Option<String> {
    if map.persona_count() < 2 {
        return None;
    }
    let s = map.stages.get(stage)?;
    if lane == Lane::Emotions {
        let e = s.emotions.get(index)?;
        let i = map.emotion_persona(e)?;
        return Some(persona_style(i).marker.to_string());
    }
    let sets = s.persona_sets(lane);
    let set = sets.get(index)?;
    if set.is_empty() {
        return None;
    }
    let names: Vec<String> = map
        .personas()
        .enumerate()
        .filter(|(_, p)| set.contains(&p.id))
        .map(|(i, p)| format!("{} {}", persona_style(i).marker, p.name))
        .collect();
    Some(names.join(", "))
}

/// The words for the filter in the header and the footer: "Persona: Jonas
/// Weber", so the back of the room knows whose journey is on the wall.
pub fn banner(map: &JourneyMap, filter: Option<usize>) -> Option<String> {
    let f = active(map, filter)?;
    let p = map.persona_at(f)?;
    Some(format!(
        "{} Persona: {} ({} of {})",
        persona_style(f).marker,
        crate::text::display(&p.name),
        f + 1,
        map.persona_count()
    ))
}

/// The filter after `F`: every persona, then each in turn, then every one
/// again.
pub fn next(map: &JourneyMap, filter: Option<usize>) -> Option<usize> {
    match active(map, filter) {
        None if map.persona_count() > 1 => Some(0),
        Some(i) if i + 1 < map.persona_count() => Some(i + 1),
        _ => None,
    }
}

/// What a card added while the filter is on belongs to: the filtered
/// persona's id for an item (her key for an emotion), so that it stays in
/// the journey it was added to; `None` with no filter.
pub fn owner(map: &JourneyMap, filter: Option<usize>, lane: Lane) -> Option<Vec<String>> {
    let f = active(map, filter)?;
    Some(match lane {
        Lane::Emotions => vec![map.emotion_key(f).to_string()],
        _ => vec![map.persona_at(f)?.id.clone()],
    })
}
