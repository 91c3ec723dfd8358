//! What every export says about a map's several personas
//! (docs/format.md#format-7-personas), in one wording: whose an item or an
//! emotion is, and each persona's curve style. A map with one persona gets
//! nothing from here, so its exports keep their bytes.

use crate::model::{Emotion, JourneyMap, PersonaStyle, persona_style};

/// True when the exports tell personas apart: the map has more than one.
pub fn several(map: &JourneyMap) -> bool {
    map.persona_count() > 1
}

/// A persona's name by id (the id itself for one the map does not hold).
pub fn name_of<'a>(map: &'a JourneyMap, id: &'a str) -> &'a str {
    map.personas()
        .find(|p| p.id == id)
        .map_or(id, |p| p.name.as_str())
}

/// "Jonas Weber only", "Marta Silva and Jonas Weber only" for an item that
/// belongs to some personas of a map with several; `None` for an item of
/// every persona (or any item of a one-persona map).
pub fn item_tag(map: &JourneyMap, ids: &[String]) -> Option<String> {
    if ids.is_empty() || !several(map) {
        return None;
    }
    let names: Vec<&str> = ids.iter().map(|id| name_of(map, id)).collect();
    let list = match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    Some(format!("{list} only"))
}

/// Whose an emotion is, on a map with several personas: her place and name.
pub fn emotion_owner<'a>(map: &'a JourneyMap, e: &Emotion) -> Option<(usize, &'a str)> {
    if !several(map) {
        return None;
    }
    let i = map.emotion_persona(e)?;
    Some((i, map.persona_at(i)?.name.as_str()))
}

/// The curve style of the persona at `index` with its palette colour.
pub fn style(index: usize) -> (PersonaStyle, &'static str) {
    (persona_style(index), super::palette::persona(index))
}

/// "● solid" / "■ dashed": how a legend tells a curve apart in words.
pub fn style_words(index: usize) -> String {
    let s = persona_style(index);
    format!("{} {}, {} line", s.marker, s.marker_name, s.line_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_name_the_personas_an_item_belongs_to() {
        let mut m = JourneyMap::new("T", "Marta Silva");
        assert_eq!(item_tag(&m, &["x".into()]), None);
        m.add_persona("Jonas Weber");
        m.add_persona("Ola");
        assert_eq!(item_tag(&m, &[]), None);
        assert_eq!(
            item_tag(&m, &["jonas-weber".into()]).as_deref(),
            Some("Jonas Weber only")
        );
        assert_eq!(
            item_tag(
                &m,
                &["marta-silva".into(), "jonas-weber".into(), "ola".into()]
            )
            .as_deref(),
            Some("Marta Silva, Jonas Weber and Ola only")
        );
    }
}
