//! The map as a readable outline, one item per line: what `cjm show` prints and git
//! uses as textconv (a diff of two outlines reads like the change), and the item
//! wording the editor's cells share.

use std::fmt::Write;

use crate::format::escape::display;
use crate::model::{JourneyMap, Level, Metric, Stage};

/// The outline; every map text goes through `display`, so it is safe to print.
pub fn outline(map: &JourneyMap) -> String {
    let mut o = String::new();
    let d = |s: &str| display(s).into_owned();
    let _ = writeln!(o, "{}", d(&map.title));
    if !map.summary.is_empty() {
        let _ = writeln!(o, "{}", d(&map.summary));
    }
    if !map.framework.is_empty() {
        let _ = writeln!(o, "Framework: {}", d(&map.framework));
    }
    list(&mut o, "Objectives", &map.objectives, 0);

    let p = &map.persona;
    o.push('\n');
    let _ = write!(o, "Persona: {}", d(&p.name));
    if !p.role.is_empty() {
        let _ = write!(o, " — {}", d(&p.role));
    }
    o.push('\n');
    if !p.quote.is_empty() {
        let _ = writeln!(o, "  \"{}\"", d(&p.quote));
    }
    if !p.summary.is_empty() {
        let _ = writeln!(o, "  {}", d(&p.summary));
    }
    list(&mut o, "Goals", &p.goals, 2);
    list(&mut o, "Needs", &p.needs, 2);
    list(&mut o, "Frustrations", &p.frustrations, 2);
    list(&mut o, "Behaviors", &p.behaviors, 2);
    if !p.traits.is_empty() {
        let _ = writeln!(o, "  Traits:");
        for (l, v) in &p.traits {
            let _ = writeln!(o, "    - {}: {}", d(l), d(v));
        }
    }

    if !map.stages.is_empty() {
        o.push('\n');
        let curve: Vec<String> = map
            .stages
            .iter()
            .map(|s| match s.curve_point() {
                Some(v) => format!("{} {v:.1}", d(&s.name)),
                None => format!("{} –", d(&s.name)),
            })
            .collect();
        let _ = writeln!(o, "Emotion curve: {}", curve.join(" → "));
    }
    for (i, s) in map.stages.iter().enumerate() {
        o.push('\n');
        stage(&mut o, i, s);
    }
    o
}

fn stage(o: &mut String, i: usize, s: &Stage) {
    let d = |s: &str| display(s).into_owned();
    let _ = writeln!(o, "Stage {}: {} [{}]", i + 1, d(&s.name), d(&s.id));
    if !s.goal.is_empty() {
        let _ = writeln!(o, "  Goal: {}", d(&s.goal));
    }
    list(o, "Doing", &s.actions, 2);
    list(o, "Thinking", &s.thoughts, 2);
    let lines = |o: &mut String, title: &str, items: Vec<String>| {
        if !items.is_empty() {
            let _ = writeln!(o, "  {title}:");
            for it in items {
                let _ = writeln!(o, "    - {it}");
            }
        }
    };
    lines(
        o,
        "Touchpoints",
        s.touchpoints
            .iter()
            .map(|t| {
                let mut l = d(&t.name);
                if !t.channel.is_empty() {
                    l.push_str(&format!(" ({})", d(&t.channel)));
                }
                if !t.note.is_empty() {
                    l.push_str(&format!(" — {}", d(&t.note)));
                }
                l
            })
            .collect(),
    );
    lines(
        o,
        "Emotions",
        s.emotions
            .iter()
            .map(|e| {
                let mut l = format!("{}/5 {}", e.score, d(&e.label));
                if !e.note.is_empty() {
                    l.push_str(&format!(" — {}", d(&e.note)));
                }
                l
            })
            .collect(),
    );
    lines(
        o,
        "Pain points",
        s.pain_points
            .iter()
            .map(|p| format!("[{}] {}", level(p.severity), d(&p.text)))
            .collect(),
    );
    lines(
        o,
        "Optimizations",
        s.optimizations
            .iter()
            .map(|x| {
                let mut l = format!(
                    "[{}] {} — {}",
                    level(x.priority),
                    d(&x.text),
                    x.status.label()
                );
                if !x.owner.is_empty() {
                    l.push_str(&format!(", owner: {}", d(&x.owner)));
                }
                l
            })
            .collect(),
    );
    lines(o, "KPIs", s.metrics.iter().map(metric).collect());
}

fn level(l: Level) -> &'static str {
    l.label()
}

/// "Conversion rate: 2.1 % → 3 %", "Reel reach: → 150000".
pub fn metric(m: &Metric) -> String {
    let unit = display(&m.unit);
    let val = |v: f64| {
        if unit.is_empty() {
            format!("{v}")
        } else {
            format!("{v} {unit}")
        }
    };
    let mut l = display(&m.name).into_owned();
    match (m.current, m.target) {
        (Some(c), Some(t)) => l.push_str(&format!(": {} → {}", val(c), val(t))),
        (Some(c), None) => l.push_str(&format!(": {}", val(c))),
        (None, Some(t)) => l.push_str(&format!(": target {}", val(t))),
        (None, None) => {}
    }
    l
}

fn list(o: &mut String, title: &str, items: &[String], indent: usize) {
    if items.is_empty() {
        return;
    }
    let pad = " ".repeat(indent);
    let _ = writeln!(o, "{pad}{title}:");
    for it in items {
        let _ = writeln!(o, "{pad}  - {}", display(it));
    }
}
