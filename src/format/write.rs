//! The canonical writer: exactly one text per map (docs/format.md#canonical-form), so that diffs are
//! small and stable and `fmt` has one answer. Everything that writes a map uses it.

use super::escape::write_ron_string;
use crate::model::{
    Conflict, Element, Emotion, Evidence, JourneyMap, Lane, LaneDef, LaneItem, LaneKind, Level,
    Metric, Optimization, PainPoint, Persona, Side, Stage, Status, Touchpoint,
};

pub fn write(map: &JourneyMap) -> String {
    let mut w = Writer::default();
    w.open("JourneyMap");
    // The lowest version that holds the map, so a map without anything new stays
    // byte-identical to what older builds wrote (docs/format.md#versioning).
    w.raw("format", &map.format_version().to_string());
    w.text("title", &map.title);
    w.opt_text("summary", &map.summary);
    w.opt_text("framework", &map.framework);
    w.text_list("objectives", &map.objectives);
    // A persona with an id means there are, or were, several: then all of
    // them go in `personas`, each with her id (docs/format.md#format-7-personas).
    if map.persona.id.is_empty() && map.other_personas.is_empty() {
        persona(&mut w, Some("persona"), &map.persona);
    } else {
        w.open_list("personas");
        for p in map.personas() {
            persona(&mut w, None, p);
        }
        w.close_list();
    }
    w.structs("lanes", &map.lanes, lane_def);
    let extra = map.extra_lanes();
    if !map.stages.is_empty() {
        w.open_list("stages");
        for s in &map.stages {
            stage(&mut w, None, s, &extra);
        }
        w.close_list();
    }
    w.structs("evidence", &map.evidence, evidence);
    w.structs("conflicts", &map.conflicts, conflict);
    w.close();
    w.out
}

fn persona(w: &mut Writer, field: Option<&str>, p: &Persona) {
    open_as(w, field, "Persona");
    w.opt_text("id", &p.id);
    w.text("name", &p.name);
    w.opt_text("role", &p.role);
    w.opt_text("quote", &p.quote);
    w.opt_text("summary", &p.summary);
    w.text_list("goals", &p.goals);
    w.text_list("needs", &p.needs);
    w.text_list("frustrations", &p.frustrations);
    w.text_list("behaviors", &p.behaviors);
    if !p.traits.is_empty() {
        w.open_list("traits");
        for (label, value) in &p.traits {
            trait_pair(w, None, label, value);
        }
        w.close_list();
    }
    w.close();
}

/// `("Age", "34"),` as a list element, or `field: ("Age", "34"),`.
fn trait_pair(w: &mut Writer, field: Option<&str>, label: &str, value: &str) {
    w.indent();
    if let Some(f) = field {
        w.out.push_str(f);
        w.out.push_str(": ");
    }
    w.out.push('(');
    write_ron_string(&mut w.out, label);
    w.out.push_str(", ");
    write_ron_string(&mut w.out, value);
    w.out.push_str("),\n");
}

/// Opens `Name(` as a list element, or `field: Name(` as a conflict's side.
fn open_as(w: &mut Writer, field: Option<&str>, name: &str) {
    match field {
        Some(f) => w.open_field(f, name),
        None => w.open(name),
    }
}

/// One entry of `lanes` (docs/format.md#format-6-lanes): a journey lane by its
/// id alone (with its title when the team gave it one), an extra lane with
/// everything spelled out, so a reader of the file need not know the defaults.
fn lane_def(w: &mut Writer, d: &LaneDef) {
    w.open("Lane");
    w.text("id", &d.id);
    w.opt_text("title", &d.title);
    if d.kind != LaneKind::Journey {
        w.raw("kind", d.kind.name());
        w.raw("holds", d.holds.name());
    }
    w.close();
}

/// A stage's items in the extra lanes, in the grid's order of the lanes;
/// `extra` lists the map's extra lanes. Items of a lane the map does not list
/// (a map built in code, or a conflict's stage; a file cannot hold them, the
/// reader refuses them) are still written, after the others, so that nothing
/// is lost.
fn stage_lanes(w: &mut Writer, s: &Stage, extra: &[Lane]) {
    if s.extra.is_empty() {
        return;
    }
    let mut order: Vec<&str> = extra.iter().map(|l| l.key()).collect();
    for id in s.extra.0.keys() {
        if !order.contains(&id.as_str()) {
            order.push(id);
        }
    }
    w.indent();
    w.out.push_str("lanes: {\n");
    w.depth += 1;
    for id in order {
        let items = s.extra.items(id);
        if items.is_empty() {
            continue;
        }
        w.indent();
        write_ron_string(&mut w.out, id);
        w.out.push_str(": [\n");
        w.depth += 1;
        for i in items {
            lane_item(w, None, i);
        }
        w.close_list();
    }
    w.depth = w.depth.saturating_sub(1);
    w.indent();
    w.out.push_str("},\n");
}

fn lane_item(w: &mut Writer, field: Option<&str>, i: &LaneItem) {
    open_as(w, field, "LaneItem");
    w.text("text", &i.text);
    w.opt_text("owner", &i.owner);
    w.opt_text("channel", &i.channel);
    w.opt_text("serves", &i.serves);
    w.text_list("evidence", &i.evidence);
    w.text_list("personas", &i.personas);
    w.close();
}

fn stage(w: &mut Writer, field: Option<&str>, s: &Stage, extra: &[Lane]) {
    open_as(w, field, "Stage");
    w.text("id", &s.id);
    w.text("name", &s.name);
    w.opt_text("goal", &s.goal);
    w.text_list("actions", &s.actions);
    w.text_list("thoughts", &s.thoughts);
    w.structs("touchpoints", &s.touchpoints, |w, t| touchpoint(w, None, t));
    w.structs("emotions", &s.emotions, |w, e| emotion(w, None, e));
    w.structs("pain_points", &s.pain_points, |w, p| pain_point(w, None, p));
    w.structs("optimizations", &s.optimizations, |w, o| {
        optimization(w, None, o)
    });
    w.structs("metrics", &s.metrics, |w, m| metric(w, None, m));
    stage_lanes(w, s, extra);
    w.text_list("evidence", &s.evidence);
    w.close();
}

fn touchpoint(w: &mut Writer, field: Option<&str>, t: &Touchpoint) {
    open_as(w, field, "Touchpoint");
    w.text("name", &t.name);
    w.opt_text("channel", &t.channel);
    w.opt_text("note", &t.note);
    w.text_list("evidence", &t.evidence);
    w.text_list("personas", &t.personas);
    w.close();
}

fn emotion(w: &mut Writer, field: Option<&str>, e: &Emotion) {
    open_as(w, field, "Emotion");
    w.raw("score", &e.score.to_string());
    w.text("label", &e.label);
    w.opt_text("note", &e.note);
    w.text_list("evidence", &e.evidence);
    w.opt_text("persona", &e.persona);
    w.close();
}

fn pain_point(w: &mut Writer, field: Option<&str>, p: &PainPoint) {
    open_as(w, field, "PainPoint");
    w.text("text", &p.text);
    w.level("severity", p.severity);
    w.votes(p.votes);
    w.text_list("evidence", &p.evidence);
    w.text_list("personas", &p.personas);
    w.close();
}

fn optimization(w: &mut Writer, field: Option<&str>, o: &Optimization) {
    open_as(w, field, "Optimization");
    w.text("text", &o.text);
    w.opt_text("owner", &o.owner);
    w.level("priority", o.priority);
    if o.status != Status::default() {
        w.raw("status", o.status.name());
    }
    w.votes(o.votes);
    for (key, rating) in [("impact", o.impact), ("effort", o.effort)] {
        if let Some(r) = rating {
            w.raw(key, &r.to_string());
        }
    }
    w.text_list("evidence", &o.evidence);
    w.text_list("personas", &o.personas);
    w.close();
}

fn metric(w: &mut Writer, field: Option<&str>, m: &Metric) {
    open_as(w, field, "Metric");
    w.text("name", &m.name);
    if let Some(c) = m.current {
        w.raw("current", &number(c));
    }
    if let Some(t) = m.target {
        w.raw("target", &number(t));
    }
    w.opt_text("unit", &m.unit);
    w.text_list("evidence", &m.evidence);
    w.text_list("personas", &m.personas);
    w.close();
}

/// One entry of the map's research (docs/format.md#format-5-evidence). The
/// source is always written: it decides a citing card's confidence, so a
/// reader of the file should not have to know the default.
fn evidence(w: &mut Writer, e: &Evidence) {
    w.open("Evidence");
    w.text("id", &e.id);
    w.text("text", &e.text);
    w.raw("source", e.source.name());
    w.opt_text("from", &e.from);
    w.opt_text("date", &e.date);
    w.opt_text("link", &e.link);
    w.close();
}

/// A recorded merge conflict (docs/format.md#format-3-conflicts). A side the
/// element is missing from is left out; a text side is written even when empty,
/// since an empty text and a missing element are different answers.
fn conflict(w: &mut Writer, c: &Conflict) {
    w.open("Conflict");
    w.opt_text("stage", &c.stage);
    w.text("field", &c.field);
    w.opt_text("what", &c.what);
    for side in Side::ALL {
        if let Some(e) = c.side(side) {
            element(w, side.word(), e);
        }
    }
    w.indent();
    w.out.push_str("labels: (");
    for (i, l) in c.labels.iter().enumerate() {
        if i > 0 {
            w.out.push_str(", ");
        }
        write_ron_string(&mut w.out, l);
    }
    w.out.push_str("),\n");
    w.close();
}

fn element(w: &mut Writer, field: &str, e: &Element) {
    let f = Some(field);
    match e {
        Element::Text(t) => w.text(field, t),
        Element::Trait(l, v) => trait_pair(w, f, l, v),
        Element::Touchpoint(t) => touchpoint(w, f, t),
        Element::Emotion(x) => emotion(w, f, x),
        Element::PainPoint(p) => pain_point(w, f, p),
        Element::Optimization(o) => optimization(w, f, o),
        Element::Metric(m) => metric(w, f, m),
        Element::Stage(s) => stage(w, f, s, &[]),
    }
}

/// Shortest text that reads back as the same `f64`, always with a `.` or an
/// exponent so that it reads as a float (`120000.0`, `1e21`, `0.5`).
pub fn number(v: f64) -> String {
    let s = format!("{v:?}");
    if s.contains(['.', 'e', 'E']) || !v.is_finite() {
        s
    } else {
        format!("{s}.0")
    }
}

#[derive(Default)]
struct Writer {
    out: String,
    depth: usize,
}

impl Writer {
    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("    ");
        }
    }

    /// A struct as a list element or the root: `Name(`.
    fn open(&mut self, name: &str) {
        self.indent();
        self.out.push_str(name);
        self.out.push_str("(\n");
        self.depth += 1;
    }

    fn open_field(&mut self, field: &str, name: &str) {
        self.indent();
        self.out.push_str(field);
        self.out.push_str(": ");
        self.out.push_str(name);
        self.out.push_str("(\n");
        self.depth += 1;
    }

    fn close(&mut self) {
        self.depth = self.depth.saturating_sub(1);
        self.indent();
        self.out
            .push_str(if self.depth == 0 { ")\n" } else { "),\n" });
    }

    fn open_list(&mut self, field: &str) {
        self.indent();
        self.out.push_str(field);
        self.out.push_str(": [\n");
        self.depth += 1;
    }

    fn close_list(&mut self) {
        self.depth = self.depth.saturating_sub(1);
        self.indent();
        self.out.push_str("],\n");
    }

    fn raw(&mut self, field: &str, value: &str) {
        self.indent();
        self.out.push_str(field);
        self.out.push_str(": ");
        self.out.push_str(value);
        self.out.push_str(",\n");
    }

    fn text(&mut self, field: &str, value: &str) {
        self.indent();
        self.out.push_str(field);
        self.out.push_str(": ");
        write_ron_string(&mut self.out, value);
        self.out.push_str(",\n");
    }

    fn opt_text(&mut self, field: &str, value: &str) {
        if !value.is_empty() {
            self.text(field, value);
        }
    }

    fn level(&mut self, field: &str, value: Level) {
        if value != Level::default() {
            self.raw(field, value.name());
        }
    }

    fn votes(&mut self, votes: u32) {
        if votes > 0 {
            self.raw("votes", &votes.to_string());
        }
    }

    fn text_list(&mut self, field: &str, items: &[String]) {
        if items.is_empty() {
            return;
        }
        self.open_list(field);
        for item in items {
            self.indent();
            write_ron_string(&mut self.out, item);
            self.out.push_str(",\n");
        }
        self.close_list();
    }

    fn structs<T>(&mut self, field: &str, items: &[T], each: impl Fn(&mut Writer, &T)) {
        if items.is_empty() {
            return;
        }
        self.open_list(field);
        for item in items {
            each(self, item);
        }
        self.close_list();
    }
}

#[cfg(test)]
mod tests {
    use super::number;

    #[test]
    fn numbers_read_back_as_floats() {
        assert_eq!(number(120000.0), "120000.0");
        assert_eq!(number(0.5), "0.5");
        assert_eq!(number(-3.0), "-3.0");
        assert_eq!(number(1e21), "1e21");
    }
}
