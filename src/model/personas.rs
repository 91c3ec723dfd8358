//! Several personas on one map (docs/format.md#format-7-personas): a traveller
//! and the assistant who books for her, a patient and the carer beside him.
//!
//! The first persona stays in `JourneyMap::persona`, the others follow in
//! `other_personas`. An item belongs to every persona unless it names some in
//! its `personas`; an emotion belongs to one persona, the first when it names
//! none. So a map with one persona is exactly what it always was, and adding a
//! second persona changes nothing already written.
//!
//! Each persona's journey is a map of its own ([`JourneyMap::for_persona`]):
//! every command that shows one persona's journey filters first and then does
//! what it always did.

use super::{Emotion, JourneyMap, Lane, LaneItem, Persona, Stage, intern, slugify, unique_slug};

/// How one persona's emotion curve is told apart from the others without
/// relying on colour alone: a marker shape and a line style, plus a colour
/// index into a colour-blind-safe palette the surface owns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PersonaStyle {
    /// A marker a terminal can draw: ●, ■, ▲, ◆, ★, ✚.
    pub marker: char,
    /// The marker's name, for text that cannot show the glyph ("circle").
    pub marker_name: &'static str,
    /// An SVG `stroke-dasharray` ("" for a solid line).
    pub dash: &'static str,
    /// The line style in words, for a legend ("solid", "dashed", …).
    pub line_name: &'static str,
    /// Which colour of the surface's palette: 0 for the first persona.
    pub colour: usize,
}

const MARKERS: [(char, &str); 6] = [
    ('●', "circle"),
    ('■', "square"),
    ('▲', "triangle"),
    ('◆', "diamond"),
    ('★', "star"),
    ('✚', "cross"),
];
const LINES: [(&str, &str); 4] = [
    ("", "solid"),
    ("8 5", "dashed"),
    ("2 4", "dotted"),
    ("10 4 2 4", "dash-dot"),
];

/// The style of the persona at `index` in [`JourneyMap::personas`]. Styles
/// cycle, so a map with more personas than styles still draws every curve.
pub fn persona_style(index: usize) -> PersonaStyle {
    let (marker, marker_name) = MARKERS[index % MARKERS.len()];
    let (dash, line_name) = LINES[index % LINES.len()];
    PersonaStyle {
        marker,
        marker_name,
        dash,
        line_name,
        colour: index,
    }
}

impl Persona {
    /// True when the item with these persona ids is part of this persona's
    /// journey: an item naming nobody belongs to everyone.
    pub fn has(&self, personas: &[String]) -> bool {
        personas.is_empty() || personas.contains(&self.id)
    }
}

impl Stage {
    /// The `personas` of each item of a lane, in order: empty for the lanes
    /// whose items cannot name personas (actions, thoughts and emotions, which
    /// name one persona each).
    pub fn persona_sets(&self, lane: Lane) -> Vec<&[String]> {
        fn sets<T>(items: &[T], f: impl Fn(&T) -> &[String]) -> Vec<&[String]> {
            items.iter().map(f).collect()
        }
        match lane {
            Lane::Actions | Lane::Thoughts | Lane::Emotions => Vec::new(),
            Lane::Touchpoints => sets(&self.touchpoints, |x| &x.personas),
            Lane::PainPoints => sets(&self.pain_points, |x| &x.personas),
            Lane::Optimizations => sets(&self.optimizations, |x| &x.personas),
            Lane::Metrics => sets(&self.metrics, |x| &x.personas),
            Lane::Extra(id) => sets(self.extra.items(id), |x: &LaneItem| &x.personas),
        }
    }

    fn extra_lane_ids(&self) -> impl Iterator<Item = Lane> + '_ {
        self.extra.0.keys().map(|k| Lane::Extra(intern(k)))
    }
}

impl JourneyMap {
    /// Every persona, the first first.
    pub fn personas(&self) -> impl Iterator<Item = &Persona> {
        std::iter::once(&self.persona).chain(&self.other_personas)
    }

    pub fn persona_count(&self) -> usize {
        1 + self.other_personas.len()
    }

    pub fn persona_at(&self, index: usize) -> Option<&Persona> {
        match index {
            0 => Some(&self.persona),
            i => self.other_personas.get(i - 1),
        }
    }

    pub fn persona_at_mut(&mut self, index: usize) -> Option<&mut Persona> {
        match index {
            0 => Some(&mut self.persona),
            i => self.other_personas.get_mut(i - 1),
        }
    }

    /// The key an emotion of the persona at `index` carries: empty for the
    /// first persona, the id for the others.
    pub fn emotion_key(&self, index: usize) -> &str {
        match index {
            0 => "",
            i => self.other_personas.get(i - 1).map_or("", |p| p.id.as_str()),
        }
    }

    /// Which persona feels an emotion: its place in [`JourneyMap::personas`];
    /// `None` for an id the map does not hold.
    pub fn emotion_persona(&self, e: &Emotion) -> Option<usize> {
        if e.persona.is_empty() {
            return Some(0);
        }
        self.other_personas
            .iter()
            .position(|p| p.id == e.persona)
            .map(|i| i + 1)
    }

    /// The persona a user means by `query`: an id, or a name in any case, or
    /// the start of one when only one persona's name starts so. What
    /// `--persona NAME` and the editor's filter accept.
    pub fn find_persona(&self, query: &str) -> Option<usize> {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return None;
        }
        let all: Vec<&Persona> = self.personas().collect();
        if let Some(i) = all
            .iter()
            .position(|p| p.id == q || p.name.to_lowercase() == q || slugify(&p.name) == q)
        {
            return Some(i);
        }
        let starts: Vec<usize> = all
            .iter()
            .enumerate()
            .filter(|(_, p)| p.name.to_lowercase().starts_with(&q))
            .map(|(i, _)| i)
            .collect();
        match starts.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// True when the map needs format 7: a persona has an id (so there are,
    /// or were, several), or an item or emotion names a persona.
    pub fn has_personas(&self) -> bool {
        !self.other_personas.is_empty()
            || !self.persona.id.is_empty()
            || self.stages.iter().any(|s| {
                s.emotions.iter().any(|e| !e.persona.is_empty())
                    || s.extra_lane_ids()
                        .chain(Lane::ALL)
                        .any(|l| s.persona_sets(l).iter().any(|p| !p.is_empty()))
            })
    }

    /// One emotion curve per persona, in persona order: the persona's place,
    /// the persona, and one point per stage (`None` where the stage records no
    /// emotion of hers).
    pub fn curves(&self) -> Vec<(usize, &Persona, Vec<Option<f64>>)> {
        self.personas()
            .enumerate()
            .map(|(i, p)| {
                let key = self.emotion_key(i);
                let points = self.stages.iter().map(|s| s.curve_point_of(key)).collect();
                (i, p, points)
            })
            .collect()
    }

    /// The journey of the persona at `index` as a one-persona map: her
    /// persona, the items of everyone and hers, and her emotions. Evidence,
    /// lanes and conflicts stay, so a filtered map is still a whole map that
    /// every command can read, show and export. `None` for an index the map
    /// does not have.
    pub fn for_persona(&self, index: usize) -> Option<JourneyMap> {
        let persona = self.persona_at(index)?.clone();
        let key = self.emotion_key(index).to_string();
        let mut out = self.clone();
        out.other_personas.clear();
        out.persona = Persona {
            id: String::new(),
            ..persona.clone()
        };
        fn keep<T>(items: &mut Vec<T>, p: &Persona, sets: impl Fn(&mut T) -> &mut Vec<String>) {
            items.retain_mut(|x| {
                let set = sets(x);
                let mine = p.has(set);
                set.clear();
                mine
            });
        }
        for s in &mut out.stages {
            keep(&mut s.touchpoints, &persona, |x| &mut x.personas);
            keep(&mut s.pain_points, &persona, |x| &mut x.personas);
            keep(&mut s.optimizations, &persona, |x| &mut x.personas);
            keep(&mut s.metrics, &persona, |x| &mut x.personas);
            for items in s.extra.0.values_mut() {
                keep(items, &persona, |x| &mut x.personas);
            }
            s.emotions.retain(|e| e.persona == key);
            for e in &mut s.emotions {
                e.persona.clear();
            }
        }
        Some(out)
    }

    /// Adds a persona after the others and returns its place. The first
    /// persona gets an id now if she had none, since items and emotions can
    /// only tell personas apart by id once there are two.
    pub fn add_persona(&mut self, name: &str) -> usize {
        if self.persona.id.is_empty() {
            self.persona.id = unique_slug(&self.persona.name, |_| false);
        }
        let id = unique_slug(name, |s| self.personas().any(|p| p.id == s));
        self.other_personas.push(Persona {
            id,
            name: name.to_string(),
            ..Persona::default()
        });
        self.other_personas.len()
    }

    /// Removes the persona at `index` (not the last one left) with her
    /// emotions and her name on every item; an item that named only her goes
    /// with her. When the first persona goes, the next one becomes first and
    /// her emotions take the first persona's empty key.
    pub fn remove_persona(&mut self, index: usize) -> bool {
        if self.other_personas.is_empty() || index >= self.persona_count() {
            return false;
        }
        let gone = self
            .persona_at(index)
            .map(|p| p.id.clone())
            .unwrap_or_default();
        let key = self.emotion_key(index).to_string();
        let next_first = if index == 0 {
            self.other_personas.first().map(|p| p.id.clone())
        } else {
            None
        };
        for s in &mut self.stages {
            s.emotions.retain(|e| e.persona != key);
            if let Some(first) = &next_first {
                for e in &mut s.emotions {
                    if e.persona == *first {
                        e.persona.clear();
                    }
                }
            }
            fn drop_from<T>(
                items: &mut Vec<T>,
                id: &str,
                sets: impl Fn(&mut T) -> &mut Vec<String>,
            ) {
                items.retain_mut(|x| {
                    let set = sets(x);
                    let had = set.len();
                    set.retain(|p| p != id);
                    had == 0 || !set.is_empty()
                });
            }
            drop_from(&mut s.touchpoints, &gone, |x| &mut x.personas);
            drop_from(&mut s.pain_points, &gone, |x| &mut x.personas);
            drop_from(&mut s.optimizations, &gone, |x| &mut x.personas);
            drop_from(&mut s.metrics, &gone, |x| &mut x.personas);
            for items in s.extra.0.values_mut() {
                drop_from(items, &gone, |x| &mut x.personas);
            }
        }
        if index == 0 {
            self.persona = self.other_personas.remove(0);
        } else {
            self.other_personas.remove(index - 1);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PainPoint, Stage};

    fn two() -> JourneyMap {
        let mut m = JourneyMap::new("Trip", "Marta");
        m.add_persona("Jon");
        let mut s = Stage::named("Book");
        s.emotions = vec![
            Emotion {
                score: 2,
                ..Emotion::default()
            },
            Emotion {
                score: 4,
                persona: "jon".into(),
                ..Emotion::default()
            },
        ];
        s.pain_points = vec![
            PainPoint {
                text: "all".into(),
                ..PainPoint::default()
            },
            PainPoint {
                text: "jon's".into(),
                personas: vec!["jon".into()],
                ..PainPoint::default()
            },
        ];
        m.stages.push(s);
        m
    }

    #[test]
    fn adding_a_persona_gives_both_ids_and_needs_format_7() {
        let m = two();
        assert_eq!(m.persona.id, "marta");
        assert_eq!(m.other_personas[0].id, "jon");
        assert_eq!(m.format_version(), 7);
        assert!(!JourneyMap::new("T", "P").has_personas());
    }

    #[test]
    fn each_persona_has_her_own_curve() {
        let m = two();
        let curves = m.curves();
        assert_eq!(curves[0].2, vec![Some(2.0)]);
        assert_eq!(curves[1].2, vec![Some(4.0)]);
        assert_eq!(m.curve(), vec![Some(2.0)]);
    }

    #[test]
    fn a_persona_filter_keeps_shared_items_and_hers() {
        let m = two();
        let jon = m
            .find_persona("jon")
            .and_then(|i| m.for_persona(i))
            .unwrap_or_default();
        assert_eq!(jon.persona.name, "Jon");
        assert_eq!(jon.stages[0].pain_points.len(), 2);
        assert_eq!(jon.curve(), vec![Some(4.0)]);
        assert!(!jon.has_personas());
        let marta = m.for_persona(0).unwrap_or_default();
        assert_eq!(marta.stages[0].pain_points.len(), 1);
        assert_eq!(marta.curve(), vec![Some(2.0)]);
        assert_eq!(m.find_persona("J"), Some(1));
        assert_eq!(m.find_persona("nobody"), None);
    }

    #[test]
    fn removing_the_first_persona_hands_her_key_to_the_next() {
        let mut m = two();
        assert!(m.remove_persona(0));
        assert_eq!(m.persona.name, "Jon");
        assert_eq!(m.stages[0].emotions.len(), 1);
        assert_eq!(m.curve(), vec![Some(4.0)]);
        // Jon's own pain point no longer names anyone but stays.
        assert_eq!(m.stages[0].pain_points.len(), 2);
        assert!(!m.remove_persona(0), "the last persona stays");
    }

    #[test]
    fn styles_differ_in_shape_and_line_not_only_colour() {
        let a = persona_style(0);
        let b = persona_style(1);
        assert_ne!(a.marker, b.marker);
        assert_ne!(a.dash, b.dash);
    }
}
