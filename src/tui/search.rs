//! Search over all the map's text: title, summary, objectives, every persona's
//! fields, stage names and goals, and every field of every item. A hit is one
//! element (an item, a stage, the persona, the map's info) with the fields that
//! match and where in them, so the view can highlight the match and a panel can
//! show persona or map text that has no cell on the grid.

use std::ops::Range;

use super::state::Cursor;
use crate::edit::Item;
use crate::model::{JourneyMap, Lane, wording};

/// Where a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// The map's title, summary and objectives.
    Info,
    Persona,
    /// A stage's name, goal or id.
    Stage(usize),
    Item(Cursor),
}

/// One field of the element that matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldHit {
    /// The field as a person names it: "goal", "channel", "frustration".
    pub field: &'static str,
    pub text: String,
    /// Byte ranges of every match in `text`.
    pub ranges: Vec<Range<usize>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub at: At,
    pub fields: Vec<FieldHit>,
}

/// The search as the editor keeps it between `/` and `n`/`N`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// The last query (empty: none yet). `/` offers it again, selected.
    pub query: String,
    /// Whether matches are highlighted (Esc on the grid turns it off).
    pub highlight: bool,
    /// The hit last moved to, as an index into `hits` and where it was.
    pub current: Option<(usize, At)>,
}

impl Search {
    /// The query whose matches are highlighted now, if any.
    pub fn active(&self) -> Option<&str> {
        (self.highlight && !self.query.is_empty()).then_some(self.query.as_str())
    }
}

/// Every match of `query` in `text`, ignoring case, as byte ranges of `text`.
pub fn ranges(text: &str, query: &str) -> Vec<Range<usize>> {
    let q: Vec<char> = query.chars().flat_map(char::to_lowercase).collect();
    if q.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut from = 0;
    for (start, _) in text.char_indices() {
        if start < from {
            continue;
        }
        let mut lowered = Vec::new();
        let mut end = start;
        for c in text.get(start..).unwrap_or_default().chars() {
            if lowered.len() >= q.len() {
                break;
            }
            lowered.extend(c.to_lowercase());
            end += c.len_utf8();
        }
        if lowered == q {
            out.push(start..end);
            from = end;
        }
    }
    out
}

struct Collect<'q> {
    query: &'q str,
    fields: Vec<FieldHit>,
}

impl Collect<'_> {
    fn check(&mut self, field: &'static str, text: &str) {
        let r = ranges(text, self.query);
        if !r.is_empty() {
            self.fields.push(FieldHit {
                field,
                text: text.to_string(),
                ranges: r,
            });
        }
    }

    fn done(&mut self, at: At, out: &mut Vec<Hit>) {
        let fields = std::mem::take(&mut self.fields);
        if !fields.is_empty() {
            out.push(Hit { at, fields });
        }
    }
}

/// Every element the query matches, in reading order: the map's info, the
/// persona, then the stages, each stage's header before its lanes.
pub fn hits(map: &JourneyMap, query: &str) -> Vec<Hit> {
    let mut out = Vec::new();
    if query.is_empty() {
        return out;
    }
    let mut c = Collect {
        query,
        fields: Vec::new(),
    };
    c.check("title", &map.title);
    c.check("summary", &map.summary);
    for o in &map.objectives {
        c.check("objective", o);
    }
    c.done(At::Info, &mut out);
    // Every persona's fields: one hit, as the persona panel shows them all.
    for p in map.personas() {
        c.check("name", &p.name);
        c.check("role", &p.role);
        c.check("quote", &p.quote);
        c.check("summary", &p.summary);
        for (field, list) in [
            ("goal", &p.goals),
            ("need", &p.needs),
            ("frustration", &p.frustrations),
            ("behaviour", &p.behaviors),
        ] {
            for t in list {
                c.check(field, t);
            }
        }
        for (label, value) in &p.traits {
            c.check("trait", &format!("{label}: {value}"));
        }
    }
    c.done(At::Persona, &mut out);
    for (si, s) in map.stages.iter().enumerate() {
        c.check("name", &s.name);
        c.check("goal", &s.goal);
        c.check("id", &s.id);
        c.done(At::Stage(si), &mut out);
        for lane in map.lane_sequence() {
            for i in 0..s.lane_len(lane) {
                match Item::get(s, lane, i) {
                    Some(Item::Text(t)) => c.check("text", &t),
                    Some(Item::Touchpoint(t)) => {
                        c.check("name", &t.name);
                        c.check("channel", &t.channel);
                        c.check("note", &t.note);
                    }
                    Some(Item::Emotion(e)) => {
                        c.check("label", &e.label);
                        c.check("note", &e.note);
                    }
                    Some(Item::PainPoint(p)) => {
                        c.check("text", &p.text);
                        c.check("severity", p.severity.label());
                    }
                    Some(Item::Optimization(o)) => {
                        c.check("text", &o.text);
                        c.check("owner", &o.owner);
                        c.check("priority", o.priority.label());
                        c.check("status", o.status.label());
                    }
                    Some(Item::Metric(m)) => {
                        c.check("name", &m.name);
                        c.check("unit", &m.unit);
                        c.check("values", &wording::metric(&m));
                    }
                    Some(Item::Lane(l)) => {
                        c.check("text", &l.text);
                        c.check("owner", &l.owner);
                        c.check("channel", &l.channel);
                        c.check("serves", &l.serves);
                    }
                    None => {}
                }
                let at = At::Item(Cursor {
                    stage: si,
                    lane,
                    item: i,
                });
                c.done(at, &mut out);
            }
        }
    }
    out
}

/// Where a hit stands in reading order, to find the one after the selection.
/// Info and persona come before every stage; a stage's lanes in `lanes`, the
/// map's order.
pub fn order(at: &At, lanes: &[Lane]) -> (usize, usize, usize, usize) {
    match at {
        At::Info => (0, 0, 0, 0),
        At::Persona => (1, 0, 0, 0),
        At::Stage(s) => (2, *s, 0, 0),
        At::Item(c) => {
            let lane = lanes
                .iter()
                .position(|l| *l == c.lane)
                .unwrap_or(lanes.len());
            (2, c.stage, 1 + lane, c.item)
        }
    }
}

/// A short piece of `text` around its first match, for a footer message.
pub fn snippet(hit: &FieldHit, width: usize) -> String {
    let start = hit.ranges.first().map(|r| r.start).unwrap_or(0);
    let chars: Vec<(usize, char)> = hit.text.char_indices().collect();
    let at = chars.iter().position(|(i, _)| *i >= start).unwrap_or(0);
    let from = at.saturating_sub(width / 3);
    let piece: String = chars
        .iter()
        .skip(from)
        .take(width)
        .map(|(_, c)| *c)
        .collect();
    let before = if from > 0 { "…" } else { "" };
    let after = if from + width < chars.len() {
        "…"
    } else {
        ""
    };
    format!("{before}{piece}{after}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_ignore_case_and_keep_byte_positions() {
        assert_eq!(ranges("Über über", "ÜBER"), vec![0..5, 6..11]);
        assert_eq!(ranges("aaa", "aa"), vec![0..2]);
        assert!(ranges("abc", "").is_empty());
        assert!(ranges("", "x").is_empty());
    }

    #[test]
    fn persona_and_map_text_are_found() {
        let mut m = JourneyMap::new("Booking", "Sam");
        m.persona.frustrations.push("Phone queues at 8am".into());
        m.objectives.push("Fewer phone calls".into());
        let h = hits(&m, "phone");
        assert_eq!(h.len(), 2);
        assert_eq!(h[0].at, At::Info);
        assert_eq!(h[1].at, At::Persona);
        assert_eq!(h[1].fields[0].field, "frustration");
    }
}
