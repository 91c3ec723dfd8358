//! The map as a readable outline, one item per line: what `cjm show` prints and git
//! uses as textconv (a diff of two outlines reads like the change), and the item
//! wording the editor's cells share.

use std::fmt::Write;

use crate::model::{JourneyMap, Side, Stage, wording};
use crate::text::display;

/// The outline; every map text goes through `display`, so it is safe to print.
pub fn outline(map: &JourneyMap) -> String {
    let mut o = String::new();
    let d = |s: &str| display(s).into_owned();
    conflicts(&mut o, map);
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
    let shown = |l: String| display(&l).into_owned();
    lines(
        o,
        "Touchpoints",
        s.touchpoints
            .iter()
            .map(|t| shown(wording::touchpoint(t)))
            .collect(),
    );
    lines(
        o,
        "Emotions",
        s.emotions
            .iter()
            .map(|e| shown(wording::emotion(e)))
            .collect(),
    );
    lines(
        o,
        "Pain points",
        s.pain_points
            .iter()
            .map(|p| shown(wording::pain_point(p)))
            .collect(),
    );
    lines(
        o,
        "Optimizations",
        s.optimizations
            .iter()
            .map(|x| shown(wording::optimization(x)))
            .collect(),
    );
    lines(
        o,
        "KPIs",
        s.metrics
            .iter()
            .map(|m| shown(wording::metric(m)))
            .collect(),
    );
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

/// Recorded merge conflicts come first, marked on every line, so neither
/// `cjm show` nor a `git diff` of the map can be read without seeing them.
fn conflicts(o: &mut String, map: &JourneyMap) {
    let n = map.conflicts.len();
    if n == 0 {
        return;
    }
    let _ = writeln!(
        o,
        "!! {n} UNRESOLVED MERGE CONFLICT{}: open the map in cjm to resolve {}",
        if n == 1 { "" } else { "S" },
        if n == 1 { "it" } else { "them" }
    );
    for c in &map.conflicts {
        let mut head = c.place();
        if !c.what.is_empty() {
            head.push_str(": ");
            head.push_str(&c.what);
        }
        let _ = writeln!(o, "!! {}", display(&head));
        for side in Side::ALL {
            let _ = writeln!(
                o,
                "!!   {}: {}",
                display(&c.side_name(side)),
                display(&c.side_text(side))
            );
        }
    }
    o.push('\n');
}
