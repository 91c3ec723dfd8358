//! Changes to the map's personas (add one, edit one, remove one) as
//! operations. A persona change sets the list of personas outright, and the
//! stages too when it reaches into them (a persona removed takes her emotions
//! and her name on every item along), so its inverse is the map's personas
//! and stages exactly as they were, whatever the model's tidying did.

use super::{Op, OutOfRange};
use crate::model::{JourneyMap, Lane, Persona, Stage};

/// Applies an `Op::SetPersonas`: the list swapped in (the first is the map's
/// main persona), and the stages when given; refused when the list is empty.
pub(super) fn set(
    map: &mut JourneyMap,
    personas: Vec<Persona>,
    stages: Option<Vec<Stage>>,
    label: String,
) -> Result<Op, OutOfRange> {
    let mut list = personas.into_iter();
    let first = list.next().ok_or(OutOfRange)?;
    let old_first = std::mem::replace(&mut map.persona, first);
    let old_others = std::mem::replace(&mut map.other_personas, list.collect());
    let old_stages = stages.map(|s| std::mem::replace(&mut map.stages, s));
    Ok(Op::SetPersonas {
        personas: std::iter::once(old_first).chain(old_others).collect(),
        stages: old_stages,
        label,
    })
}

fn quote(s: &str) -> String {
    format!("\"{s}\"")
}

/// The map's personas alone, for the model's persona functions to work on
/// without copying the stages.
fn personas_of(map: &JourneyMap) -> JourneyMap {
    JourneyMap {
        persona: map.persona.clone(),
        other_personas: map.other_personas.clone(),
        ..JourneyMap::default()
    }
}

fn list(map: &JourneyMap) -> Vec<Persona> {
    map.personas().cloned().collect()
}

/// A new persona named `name` after the others, and her place. The first
/// persona gets an id now, so items and emotions can tell the two apart.
pub fn add_persona(map: &JourneyMap, name: &str) -> (Op, usize) {
    let mut m = personas_of(map);
    let name = name.trim();
    let index = m.add_persona(name);
    (
        Op::SetPersonas {
            personas: list(&m),
            stages: None,
            label: format!("add persona {}", quote(name)),
        },
        index,
    )
}

/// The persona at `index` edited (her name, role, goals, …); her id stays,
/// since items and emotions name her by it. `None` for no such persona or
/// no change.
pub fn set_persona(map: &JourneyMap, index: usize, persona: Persona) -> Option<Op> {
    let old = map.persona_at(index)?;
    let persona = Persona {
        id: old.id.clone(),
        ..persona
    };
    if *old == persona {
        return None;
    }
    let label = if old.name == persona.name {
        format!("edit persona {}", quote(&persona.name))
    } else {
        format!(
            "rename persona {} to {}",
            quote(&old.name),
            quote(&persona.name)
        )
    };
    let mut personas = list(map);
    *personas.get_mut(index)? = persona;
    Some(Op::SetPersonas {
        personas,
        stages: None,
        label,
    })
}

/// The persona at `index` taken out with her emotions and her name on every
/// item (an item only she had goes too); undo brings all of it back. `None`
/// for the last persona left, which every map keeps.
pub fn remove_persona(map: &JourneyMap, index: usize) -> Option<Op> {
    let name = map.persona_at(index)?.name.clone();
    let mut m = map.clone();
    if !m.remove_persona(index) {
        return None;
    }
    let n = persona_card_count(map, index);
    let what = match n {
        0 => String::new(),
        1 => " and her 1 card".to_string(),
        n => format!(" and her {n} cards"),
    };
    Some(Op::SetPersonas {
        personas: list(&m),
        stages: Some(m.stages),
        label: format!("remove persona {}{what}", quote(&name)),
    })
}

/// How many emotions and items are the persona's alone (an item naming her
/// and nobody else): what goes with her when she is removed.
pub fn persona_card_count(map: &JourneyMap, index: usize) -> usize {
    let Some(p) = map.persona_at(index) else {
        return 0;
    };
    let mut n = 0;
    for s in &map.stages {
        n += s
            .emotions
            .iter()
            .filter(|e| map.emotion_persona(e) == Some(index))
            .count();
        let lanes = Lane::ALL.into_iter().chain(map.extra_lanes());
        for lane in lanes {
            n += s
                .persona_sets(lane)
                .iter()
                .filter(|set| matches!(set, [only] if *only == p.id))
                .count();
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Emotion, PainPoint};

    fn map() -> JourneyMap {
        let mut m = JourneyMap::new("Trip", "Marta");
        let mut s = Stage::named("Book");
        s.emotions.push(Emotion {
            score: 2,
            ..Emotion::default()
        });
        m.stages.push(s);
        m
    }

    #[test]
    fn adding_editing_and_removing_a_persona_each_undo_exactly() {
        let mut m = map();
        let before = m.clone();
        let (add, i) = add_persona(&m, "Jon");
        assert_eq!(i, 1);
        assert_eq!(add.describe(&m), "add persona \"Jon\"");
        let undo_add = add.apply(&mut m).unwrap();
        assert_eq!(m.persona.id, "marta");
        assert_eq!(m.persona_count(), 2);
        m.stages[0].emotions.push(Emotion {
            score: 4,
            persona: "jon".into(),
            ..Emotion::default()
        });
        m.stages[0].pain_points.push(PainPoint {
            text: "his".into(),
            personas: vec!["jon".into()],
            ..PainPoint::default()
        });
        let with = m.clone();
        let renamed = Persona {
            name: "Jonas".into(),
            ..Persona::default()
        };
        let edit = set_persona(&m, 1, renamed).unwrap();
        assert_eq!(edit.describe(&m), "rename persona \"Jon\" to \"Jonas\"");
        let undo_edit = edit.apply(&mut m).unwrap();
        assert_eq!(m.other_personas[0].id, "jon", "the id stays");
        undo_edit.apply(&mut m).unwrap();
        assert_eq!(m, with);
        assert_eq!(persona_card_count(&m, 1), 2);
        let rm = remove_persona(&m, 1).unwrap();
        assert_eq!(rm.describe(&m), "remove persona \"Jon\" and her 2 cards");
        let undo_rm = rm.apply(&mut m).unwrap();
        assert_eq!(m.persona_count(), 1);
        assert_eq!(m.stages[0].emotions.len(), 1);
        assert!(m.stages[0].pain_points.is_empty());
        undo_rm.apply(&mut m).unwrap();
        assert_eq!(m, with);
        m.stages[0].emotions.pop();
        m.stages[0].pain_points.clear();
        undo_add.apply(&mut m).unwrap();
        assert_eq!(m, before);
        assert_eq!(remove_persona(&m, 0), None, "the last persona stays");
    }
}
