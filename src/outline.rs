//! The map as a readable outline, one item per line: what `cjm show` prints and git
//! uses as textconv (a diff of two outlines reads like the change), and the item
//! wording the editor's cells share.

use std::fmt::Write;

use crate::model::{JourneyMap, Lane, Path, Side, Stage, wording};
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

    // Every persona, with her id when there are several: items and emotions
    // name them by it.
    let several = map.persona_count() > 1;
    for p in map.personas() {
        o.push('\n');
        let _ = write!(o, "Persona: {}", d(&p.name));
        if several && !p.id.is_empty() {
            let _ = write!(o, " ({})", d(&p.id));
        }
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
    }

    lanes(&mut o, map);

    if !map.stages.is_empty() {
        o.push('\n');
        for (_, p, points) in map.curves() {
            let curve: Vec<String> = map
                .stages
                .iter()
                .zip(points)
                .map(|(s, v)| match v {
                    Some(v) => format!("{} {v:.1}", d(&s.name)),
                    None => format!("{} –", d(&s.name)),
                })
                .collect();
            if several {
                let _ = writeln!(o, "Emotion curve of {}: {}", d(&p.name), curve.join(" → "));
            } else {
                let _ = writeln!(o, "Emotion curve: {}", curve.join(" → "));
                break;
            }
        }
    }
    // Citations only when the map holds research, so older maps' outlines
    // (and git's textconv of them) keep every byte.
    let cites = map.has_evidence() || map.has_citations();
    for (i, s) in map.stages.iter().enumerate() {
        o.push('\n');
        stage(&mut o, map, i, s, cites);
    }
    evidence(&mut o, map);
    o
}

/// `[int-03, ga-import]` after a card that cites research: a citation added or
/// dropped is a change of that one line in `git diff`.
fn cited(ids: &[String], on: bool) -> String {
    if !on || ids.is_empty() {
        return String::new();
    }
    let ids: Vec<String> = ids.iter().map(|id| display(id).into_owned()).collect();
    format!(" [{}]", ids.join(", "))
}

/// The research at the end, one entry a line: id, where it came from (source,
/// who, when), the quote, the link.
fn evidence(o: &mut String, map: &JourneyMap) {
    if map.evidence.is_empty() {
        return;
    }
    let _ = writeln!(o, "\nEvidence:");
    for e in &map.evidence {
        let mut origin = vec![e.source.label().to_string()];
        for part in [&e.from, &e.date] {
            if !part.is_empty() {
                origin.push(display(part).into_owned());
            }
        }
        let _ = write!(
            o,
            "  - {} ({}): \"{}\"",
            display(&e.id),
            origin.join(" · "),
            display(&e.text)
        );
        if !e.link.is_empty() {
            let _ = write!(o, " <{}>", display(&e.link));
        }
        o.push('\n');
    }
}

/// The map's own list of lanes, when it has one (format 6): each lane's title,
/// id, kind and what it holds, and the blueprint's lines where they fall, so
/// that a lane added, retitled or moved is a line of `git diff`. Maps without
/// one show nothing here and keep every byte of their outline.
fn lanes(o: &mut String, map: &JourneyMap) {
    if !map.has_lanes() {
        return;
    }
    let _ = writeln!(o, "\nLanes:");
    for lane in map.lane_sequence() {
        if let Some(line) = map.line_above(lane) {
            let _ = writeln!(o, "  ── {} ──", line.label());
        }
        let _ = write!(
            o,
            "  - {} [{}]",
            display(&map.lane_title(lane)),
            display(lane.key())
        );
        if lane.is_extra() {
            let _ = write!(
                o,
                ": {}, {}",
                map.lane_kind(lane).label(),
                map.lane_holds(lane).label()
            );
        }
        o.push('\n');
    }
}

fn stage(o: &mut String, map: &JourneyMap, i: usize, s: &Stage, cites: bool) {
    let d = |s: &str| display(s).into_owned();
    let _ = writeln!(o, "Stage {}: {} [{}]", i + 1, d(&s.name), d(&s.id));
    if !s.goal.is_empty() {
        let _ = writeln!(o, "  Goal: {}", d(&s.goal));
    }
    if cites && !s.evidence.is_empty() {
        // What backs the stage's actions and thoughts.
        let _ = writeln!(o, "  Cites:{}", cited(&s.evidence, cites));
    }
    let lines = |o: &mut String, title: &str, items: Vec<String>| {
        if !items.is_empty() {
            let _ = writeln!(o, "  {}:", display(title));
            for it in items {
                let _ = writeln!(o, "    - {it}");
            }
        }
    };
    let shown = |l: String| display(&l).into_owned();
    // Whose an item is, when the map has several personas: `[Jonas Weber]`
    // after one that names some, and after every emotion.
    let several = map.persona_count() > 1;
    let whose = |ids: &[String]| {
        if !several || ids.is_empty() {
            return String::new();
        }
        let names: Vec<&str> = ids
            .iter()
            .map(|id| {
                map.personas()
                    .find(|p| p.id == *id)
                    .map_or(id.as_str(), |p| p.name.as_str())
            })
            .collect();
        format!(" [{}]", display(&names.join(", ")))
    };
    let felt_by = |e: &crate::model::Emotion| {
        if !several {
            return String::new();
        }
        let name = match map.emotion_persona(e).and_then(|i| map.persona_at(i)) {
            Some(p) => p.name.clone(),
            None => e.persona.clone(),
        };
        format!(" [{}]", display(&name))
    };
    let sequence = map.lane_sequence();
    for (k, lane) in sequence.iter().copied().enumerate() {
        // A blueprint line shows where lanes below it hold something.
        if let Some(line) = map.line_above(lane)
            && sequence
                .get(k..)
                .unwrap_or_default()
                .iter()
                .any(|l| s.lane_len(*l) > 0)
        {
            let _ = writeln!(o, "  ── {} ──", line.label());
        }
        let items: Vec<String> = match lane {
            Lane::Actions => s.actions.iter().map(|a| shown(a.clone())).collect(),
            Lane::Thoughts => s.thoughts.iter().map(|a| shown(a.clone())).collect(),
            Lane::Touchpoints => s
                .touchpoints
                .iter()
                .map(|t| {
                    shown(wording::touchpoint(t)) + &whose(&t.personas) + &cited(&t.evidence, cites)
                })
                .collect(),
            Lane::Emotions => s
                .emotions
                .iter()
                .map(|e| shown(wording::emotion(e)) + &felt_by(e) + &cited(&e.evidence, cites))
                .collect(),
            Lane::PainPoints => s
                .pain_points
                .iter()
                .map(|p| {
                    shown(wording::pain_point(p)) + &whose(&p.personas) + &cited(&p.evidence, cites)
                })
                .collect(),
            Lane::Optimizations => s
                .optimizations
                .iter()
                .map(|x| {
                    shown(wording::optimization(x))
                        + &whose(&x.personas)
                        + &cited(&x.evidence, cites)
                })
                .collect(),
            Lane::Metrics => s
                .metrics
                .iter()
                .map(|m| {
                    shown(wording::metric(m)) + &whose(&m.personas) + &cited(&m.evidence, cites)
                })
                .collect(),
            Lane::Extra(_) => s
                .extra_items(lane)
                .iter()
                .map(|x| {
                    shown(wording::lane_item(x)) + &whose(&x.personas) + &cited(&x.evidence, cites)
                })
                .collect(),
        };
        lines(o, &map.lane_title(lane), items);
    }
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

/// A rule a map breaks, to be flagged on its line of the outline: where, the
/// rule's id and why (the validator's words).
pub struct Flag<'a> {
    pub path: Path,
    pub rule: &'a str,
    pub message: &'a str,
}

/// The outline of a map that reads but breaks a rule of the format (a score of 7,
/// an empty title), each bad value flagged at the end of its own line
/// (`- 7/5 Excited  ⚠ score-range: …`). Git's textconv shows this instead of the
/// raw file, so a one-character mistake is a one-line diff against the outline of
/// the version before.
///
/// The lines are found without a second copy of the outline code: the outline is
/// made again from a copy of the map with a unique mark added to the text that
/// stands on each flagged element's line (its title, name, id or main text), and
/// a flag goes to the line where its mark appears. A flag whose line cannot be
/// found is listed under the title, never dropped.
pub fn flagged(map: &JourneyMap, flags: &[Flag]) -> String {
    let plain = outline(map);
    let mut marked = map.clone();
    let marks: Vec<String> = (0..flags.len()).map(|n| format!("⟦⚠{n}⟧")).collect();
    for (f, mark) in flags.iter().zip(&marks) {
        if let Some(text) = anchor(&mut marked, f.path) {
            text.push_str(mark);
        }
    }
    let marked = outline(&marked);
    let lines: Vec<&str> = plain.lines().collect();
    let marked_lines: Vec<&str> = marked.lines().collect();
    let mut on_line: Vec<Vec<usize>> = vec![Vec::new(); lines.len()];
    let mut placed = vec![false; flags.len()];
    if marked_lines.len() == lines.len() {
        for (i, (a, b)) in lines.iter().zip(&marked_lines).enumerate() {
            if a == b {
                continue;
            }
            // Only the marks on this line are looked at, so a map with
            // thousands of flags is not searched thousands of times per line.
            let mut here: Vec<usize> = mark_numbers(b).collect();
            here.sort_unstable();
            here.dedup();
            for n in here {
                let Some(mark) = marks.get(n) else { continue };
                if !placed.get(n).copied().unwrap_or(true)
                    && b.matches(mark.as_str()).count() > a.matches(mark.as_str()).count()
                {
                    if let Some(l) = on_line.get_mut(i) {
                        l.push(n);
                    }
                    if let Some(p) = placed.get_mut(n) {
                        *p = true;
                    }
                }
            }
        }
    }
    let flag = |n: usize| {
        flags
            .get(n)
            .map(|f| format!("⚠ {}: {}", display(f.rule), display(f.message)))
            .unwrap_or_default()
    };
    let mut o = String::with_capacity(plain.len() + flags.len() * 80);
    for (i, line) in lines.iter().enumerate() {
        o.push_str(line);
        for n in on_line.get(i).map(Vec::as_slice).unwrap_or_default() {
            o.push_str("  ");
            o.push_str(&flag(*n));
        }
        o.push('\n');
        if i == 0 {
            for (n, _) in placed.iter().enumerate().filter(|(_, p)| !**p) {
                let _ = writeln!(o, "{}", flag(n));
            }
        }
    }
    o
}

/// The numbers of the `⟦⚠N⟧` marks in a line.
fn mark_numbers(line: &str) -> impl Iterator<Item = usize> + '_ {
    line.split("⟦⚠").skip(1).filter_map(|rest| {
        let (n, _) = rest.split_once('⟧')?;
        n.parse().ok()
    })
}

/// The text that stands on the outline line of the element at `path`: a stage's
/// id (its name is on the emotion-curve line too), an item's main text.
fn anchor(map: &mut JourneyMap, path: Path) -> Option<&mut String> {
    match path {
        Path::Map | Path::MapField(_) => Some(&mut map.title),
        Path::Objective(i) => map.objectives.get_mut(i),
        Path::Persona | Path::PersonaField(_) => Some(&mut map.persona.name),
        Path::PersonaItem(key, i) => {
            let p = &mut map.persona;
            match key {
                "goals" => p.goals.get_mut(i),
                "needs" => p.needs.get_mut(i),
                "frustrations" => p.frustrations.get_mut(i),
                "behaviors" => p.behaviors.get_mut(i),
                "traits" => p.traits.get_mut(i).map(|(label, _)| label),
                _ => Some(&mut p.name),
            }
        }
        Path::OtherPersona(i) | Path::OtherPersonaField(i, _) => {
            map.persona_at_mut(i).map(|p| &mut p.name)
        }
        Path::Stage(s) | Path::StageField(s, _) => map.stages.get_mut(s).map(|st| &mut st.id),
        Path::Item(s, lane, i) | Path::ItemField(s, lane, i, _) => {
            let st = map.stages.get_mut(s)?;
            match lane {
                Lane::Actions => st.actions.get_mut(i),
                Lane::Thoughts => st.thoughts.get_mut(i),
                Lane::Touchpoints => st.touchpoints.get_mut(i).map(|t| &mut t.name),
                Lane::Emotions => st.emotions.get_mut(i).map(|e| &mut e.label),
                Lane::PainPoints => st.pain_points.get_mut(i).map(|p| &mut p.text),
                Lane::Optimizations => st.optimizations.get_mut(i).map(|x| &mut x.text),
                Lane::Metrics => st.metrics.get_mut(i).map(|m| &mut m.name),
                Lane::Extra(id) => st.extra.0.get_mut(id)?.get_mut(i).map(|x| &mut x.text),
            }
        }
        // Recorded conflicts have their own block at the top of the outline.
        Path::Conflict(_) => None,
        // An entry's line starts with its id.
        Path::Evidence(i) | Path::EvidenceField(i, _) => map.evidence.get_mut(i).map(|e| &mut e.id),
        // A lane's line starts with its title (its id would file the
        // stages' cards elsewhere and move every line below).
        Path::LaneDef(i) | Path::LaneField(i, _) => map.lanes.get_mut(i).map(|d| &mut d.title),
    }
}

#[cfg(test)]
mod flag_tests {
    use super::*;
    use crate::model::{Emotion, Persona, Stage};

    #[test]
    fn each_flag_is_on_its_own_line_and_nothing_else_moves() {
        let m = JourneyMap {
            title: "T".into(),
            persona: Persona {
                name: "P".into(),
                ..Persona::default()
            },
            objectives: vec!["one".into(), " ".into()],
            stages: vec![
                Stage {
                    id: "Bad Id".into(),
                    name: "Look".into(),
                    emotions: vec![Emotion {
                        score: 9,
                        label: "Glad".into(),
                        ..Emotion::default()
                    }],
                    ..Stage::default()
                },
                Stage {
                    id: "buy".into(),
                    name: "".into(),
                    ..Stage::default()
                },
            ],
            ..JourneyMap::default()
        };
        let flags = [
            Flag {
                path: Path::Objective(1),
                rule: "empty-text",
                message: "objective 2 is empty",
            },
            Flag {
                path: Path::StageField(0, "id"),
                rule: "bad-id",
                message: "not a slug",
            },
            Flag {
                path: Path::ItemField(0, Lane::Emotions, 0, "score"),
                rule: "score-range",
                message: "9",
            },
            Flag {
                path: Path::StageField(1, "name"),
                rule: "empty-text",
                message: "no name",
            },
            Flag {
                path: Path::Item(7, Lane::Actions, 0),
                rule: "x",
                message: "nowhere",
            },
        ];
        let o = flagged(&m, &flags);
        assert!(
            o.contains("\n  -    ⚠ empty-text: objective 2 is empty\n"),
            "{o}"
        );
        assert!(
            o.contains("Stage 1: Look [Bad Id]  ⚠ bad-id: not a slug\n"),
            "{o}"
        );
        assert!(o.contains("    - 9/5 Glad  ⚠ score-range: 9\n"), "{o}");
        assert!(
            o.contains("Stage 2:  [buy]  ⚠ empty-text: no name\n"),
            "{o}"
        );
        // A flag without a line is listed under the title.
        assert!(o.starts_with("T\n⚠ x: nowhere\n"), "{o}");
        let without: String = o
            .lines()
            .filter(|l| !l.starts_with('⚠'))
            .map(|l| l.split("  ⚠").next().unwrap_or(l).to_string() + "\n")
            .collect();
        assert_eq!(without, outline(&m));
    }

    #[test]
    fn a_lane_flag_sits_on_the_lane_list_line_and_nothing_moves() {
        let mut m = JourneyMap::new("T", "P");
        let mut s = Stage::named("Arrive");
        s.actions.push("Checks in".into());
        m.stages.push(s);
        let lane = m.add_lane("Front", crate::model::LaneKind::Frontstage, None);
        if let Some(items) = m.stages.get_mut(0).and_then(|s| s.extra_items_mut(lane)) {
            items.push(crate::model::LaneItem {
                text: "Greets".into(),
                ..Default::default()
            });
        }
        let i = m.lanes.iter().position(|d| d.id == "front").unwrap_or(0);
        if let Some(d) = m.lanes.get_mut(i) {
            d.title = String::new();
        }
        let flags = [Flag {
            path: Path::LaneField(i, "title"),
            rule: "empty-text",
            message: "the lane `front` has no title",
        }];
        let o = flagged(&m, &flags);
        assert!(
            o.contains(
                "  - Lane [front]: frontstage, text with an owner and a channel  ⚠ empty-text"
            ),
            "{o}"
        );
        assert!(
            o.contains("  ── line of interaction ──\n  Lane:\n    - Greets\n"),
            "{o}"
        );
    }
}
