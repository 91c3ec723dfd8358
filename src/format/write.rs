//! The canonical writer: exactly one text per map (docs/format.md#canonical-form), so that diffs are
//! small and stable and `fmt` has one answer. Everything that writes a map uses it.

use super::escape::write_ron_string;
use crate::model::{JourneyMap, Level, Persona, Stage, Status};

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
    persona(&mut w, &map.persona);
    if !map.stages.is_empty() {
        w.open_list("stages");
        for s in &map.stages {
            stage(&mut w, s);
        }
        w.close_list();
    }
    w.close();
    w.out
}

fn persona(w: &mut Writer, p: &Persona) {
    w.open_field("persona", "Persona");
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
            w.indent();
            w.out.push('(');
            write_ron_string(&mut w.out, label);
            w.out.push_str(", ");
            write_ron_string(&mut w.out, value);
            w.out.push_str("),\n");
        }
        w.close_list();
    }
    w.close();
}

fn stage(w: &mut Writer, s: &Stage) {
    w.open("Stage");
    w.text("id", &s.id);
    w.text("name", &s.name);
    w.opt_text("goal", &s.goal);
    w.text_list("actions", &s.actions);
    w.text_list("thoughts", &s.thoughts);
    w.structs("touchpoints", &s.touchpoints, |w, t| {
        w.open("Touchpoint");
        w.text("name", &t.name);
        w.opt_text("channel", &t.channel);
        w.opt_text("note", &t.note);
        w.close();
    });
    w.structs("emotions", &s.emotions, |w, e| {
        w.open("Emotion");
        w.raw("score", &e.score.to_string());
        w.text("label", &e.label);
        w.opt_text("note", &e.note);
        w.close();
    });
    w.structs("pain_points", &s.pain_points, |w, p| {
        w.open("PainPoint");
        w.text("text", &p.text);
        w.level("severity", p.severity);
        w.votes(p.votes);
        w.close();
    });
    w.structs("optimizations", &s.optimizations, |w, o| {
        w.open("Optimization");
        w.text("text", &o.text);
        w.opt_text("owner", &o.owner);
        w.level("priority", o.priority);
        if o.status != Status::default() {
            w.raw("status", o.status.name());
        }
        w.votes(o.votes);
        w.close();
    });
    w.structs("metrics", &s.metrics, |w, m| {
        w.open("Metric");
        w.text("name", &m.name);
        if let Some(c) = m.current {
            w.raw("current", &number(c));
        }
        if let Some(t) = m.target {
            w.raw("target", &number(t));
        }
        w.opt_text("unit", &m.unit);
        w.close();
    });
    w.close();
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
