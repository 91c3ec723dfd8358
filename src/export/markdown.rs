//! Markdown for a README, a wiki or a pull request: the persona as a card, the
//! objectives, the emotion curve as a small table and as a Mermaid journey (GitHub
//! draws ```mermaid blocks), then a section per stage with every lane. A map that
//! holds evidence also shows each card's confidence (glyph and word) with the
//! ids it cites, and ends with an `Evidence` table those ids point into.

use std::fmt::Write;

use super::evidence::{is_safe_link, mark, meaning, refs};
use super::text::metric;
use crate::model::wording::dots;
use crate::model::{Confidence, JourneyMap, Lane, LaneItem, Level, Persona, Stage};
use crate::text::markdown as md;

pub fn export(map: &JourneyMap) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", md(&map.title));
    if !map.summary.is_empty() {
        let _ = writeln!(o, "{}\n", md(&map.summary));
    }
    if let Some(f) = super::chosen_framework(map) {
        let _ = writeln!(o, "*Framework:* {}\n", md(f));
    }
    persona(&mut o, map);
    if !map.objectives.is_empty() {
        o.push_str("## Objectives\n\n");
        for t in &map.objectives {
            let _ = writeln!(o, "- {}", md(t));
        }
        o.push('\n');
    }
    if !map.stages.is_empty() {
        curve(&mut o, map);
    }
    for (i, s) in map.stages.iter().enumerate() {
        stage(&mut o, map, i, s);
    }
    if map.has_evidence() {
        evidence(&mut o, map);
    }
    while o.ends_with("\n\n") {
        o.pop();
    }
    o
}

fn persona(o: &mut String, map: &JourneyMap) {
    if !several(map) {
        return persona_card(o, &map.persona, None);
    }
    o.push_str("## Personas\n\n");
    for (i, p) in map.personas().enumerate() {
        persona_card(o, p, Some(i));
    }
}

fn several(map: &JourneyMap) -> bool {
    super::personas::several(map)
}

/// One persona's card; on a map of several (`style` is her place) her name
/// follows her curve's marker, as the curve table heads her column.
fn persona_card(o: &mut String, p: &Persona, style: Option<usize>) {
    let marker = style.map_or(String::new(), |i| {
        format!("{} ", crate::model::persona_style(i).marker)
    });
    let _ = writeln!(o, "> ### 👤 {marker}{}", md(&p.name));
    if !p.role.is_empty() {
        let _ = writeln!(o, "> *{}*", md(&p.role));
    }
    if !p.quote.is_empty() {
        let _ = writeln!(o, ">\n> “{}”", md(&p.quote));
    }
    if !p.summary.is_empty() {
        let _ = writeln!(o, ">\n> {}", md(&p.summary));
    }
    for (title, items) in [
        ("Goals", &p.goals),
        ("Needs", &p.needs),
        ("Frustrations", &p.frustrations),
        ("Behaviors", &p.behaviors),
    ] {
        if !items.is_empty() {
            let _ = writeln!(o, ">\n> **{title}**\n>");
            for t in items {
                let _ = writeln!(o, "> - {}", md(t));
            }
        }
    }
    if !p.traits.is_empty() {
        let traits: Vec<String> = p
            .traits
            .iter()
            .map(|(l, v)| format!("**{}:** {}", md(l), md(v)))
            .collect();
        let _ = writeln!(o, ">\n> {}", traits.join(" · "));
    }
    o.push('\n');
}

fn curve(o: &mut String, map: &JourneyMap) {
    if several(map) {
        return curves(o, map);
    }
    o.push_str("## Emotion curve\n\n| Stage | Score | |\n| --- | ---: | --- |\n");
    for s in &map.stages {
        match s.curve_point() {
            Some(v) => {
                let filled = (v.round() as i64).clamp(0, 5) as usize;
                let _ = writeln!(
                    o,
                    "| {} | {v:.1} | {} {}{} |",
                    md(&s.name),
                    face(v),
                    "●".repeat(filled),
                    "○".repeat(5 - filled)
                );
            }
            None => {
                let _ = writeln!(o, "| {} | – | no emotions recorded |", md(&s.name));
            }
        }
    }
    diagram(o, map);
}

/// The Mermaid journey after the curve table.
fn diagram(o: &mut String, map: &JourneyMap) {
    let diagram = super::mermaid::export(map);
    let fence = "`".repeat(longest_run(&diagram, '`').max(2) + 1);
    let _ = writeln!(o, "\n{fence}mermaid\n{diagram}{fence}\n");
}

/// A map of several personas: a column per persona, headed by her marker,
/// and a legend of the markers and the lines the drawn exports use.
fn curves(o: &mut String, map: &JourneyMap) {
    o.push_str("## Emotion curves\n\n");
    let legend: Vec<String> = map
        .personas()
        .enumerate()
        .map(|(i, p)| format!("{} ({})", md(&p.name), super::personas::style_words(i)))
        .collect();
    let _ = writeln!(o, "*One curve per persona:* {}\n", legend.join(" · "));
    let curves = map.curves();
    o.push_str("| Stage |");
    for (i, p, _) in &curves {
        let _ = write!(
            o,
            " {} {} |",
            crate::model::persona_style(*i).marker,
            md(&p.name)
        );
    }
    o.push_str("\n| --- |");
    for _ in &curves {
        o.push_str(" ---: |");
    }
    o.push('\n');
    for (k, s) in map.stages.iter().enumerate() {
        let _ = write!(o, "| {} |", md(&s.name));
        for (_, _, points) in &curves {
            match points.get(k).copied().flatten() {
                Some(v) => {
                    let _ = write!(o, " {v:.1} {} |", face(v));
                }
                None => o.push_str(" – |"),
            }
        }
        o.push('\n');
    }
    diagram(o, map);
}

fn face(v: f64) -> &'static str {
    const FACES: [&str; 5] = ["😞", "🙁", "😐", "🙂", "😄"];
    FACES
        .get(crate::model::wording::score_band(v))
        .copied()
        .unwrap_or("😐")
}

fn stage(o: &mut String, map: &JourneyMap, i: usize, s: &Stage) {
    let _ = writeln!(o, "## {}. {}\n", i + 1, md(&s.name));
    if !s.goal.is_empty() {
        let _ = writeln!(o, "*Goal:* {}\n", md(&s.goal));
    }
    if let Some(c) = map.stage_confidence(i) {
        let _ = writeln!(
            o,
            "*Doing and thinking:* {}\n",
            confidence(c, &s.evidence).trim_start_matches(" — ")
        );
    }
    for lane in map.lane_sequence() {
        if let Some(line) = map.line_above(lane) {
            let _ = writeln!(o, "*┄┄┄ {} ┄┄┄*\n", line.label());
        }
        let title = md(&map.lane_title(lane));
        let mut items = lane_items(s, lane);
        let sets = s.persona_sets(lane);
        for (it, ids) in items.iter_mut().zip(&sets) {
            if let Some(tag) = super::personas::item_tag(map, ids) {
                let _ = write!(it, " — *{}*", md(&tag));
            }
        }
        if lane == Lane::Emotions && several(map) {
            for (it, e) in items.iter_mut().zip(&s.emotions) {
                if let Some((_, who)) = super::personas::emotion_owner(map, e) {
                    *it = format!("**{}:** {it}", md(who));
                }
            }
        }
        if items.is_empty() {
            let _ = writeln!(o, "**{title}:** —\n");
            continue;
        }
        let _ = writeln!(o, "**{title}**\n");
        let own = !matches!(lane, Lane::Actions | Lane::Thoughts);
        for (n, it) in items.into_iter().enumerate() {
            let c = map.confidence_of(i, lane, n).filter(|_| own);
            let ids = map.citations(i, lane, n).unwrap_or_default();
            let suffix = c.map(|c| confidence(c, ids)).unwrap_or_default();
            let _ = writeln!(o, "- {it}{suffix}");
        }
        o.push('\n');
    }
}

/// ` — ◐ research \[int-03\]`: a card's confidence and what it cites.
fn confidence(c: Confidence, ids: &[String]) -> String {
    let r = refs(ids);
    if r.is_empty() {
        format!(" — {}", mark(c))
    } else {
        format!(" — {} {}", mark(c), md(&r))
    }
}

/// The evidence the cards cite, in the map's order, and what the marks mean.
fn evidence(o: &mut String, map: &JourneyMap) {
    o.push_str("## Evidence\n\n");
    let legend: Vec<String> = Confidence::ALL
        .iter()
        .map(|c| format!("{} ({})", mark(*c), meaning(*c)))
        .collect();
    let _ = writeln!(o, "*Confidence:* {}\n", md(&legend.join(" · ")));
    o.push_str(
        "| Id | Source | From | Date | Evidence | Link |\n| --- | --- | --- | --- | --- | --- |\n",
    );
    for e in &map.evidence {
        let link = if e.link.is_empty() {
            String::new()
        } else if is_safe_link(&e.link) {
            format!("[{}](<{}>)", md(&e.link), link_target(&e.link))
        } else {
            md(&e.link)
        };
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | “{}” | {link} |",
            md(&format!("[{}]", e.id)),
            e.source.label(),
            md(&e.from),
            md(&e.date),
            md(&e.text),
        );
    }
    o.push('\n');
}

/// A link's target inside `<…>`: what would end it or break the table escaped.
fn link_target(link: &str) -> String {
    link.trim()
        .chars()
        .map(|c| match c {
            '<' => "%3C".to_string(),
            '>' => "%3E".to_string(),
            '|' => "%7C".to_string(),
            ' ' => "%20".to_string(),
            c if crate::text::is_control(c) || crate::text::is_bidi(c) => String::new(),
            c => c.to_string(),
        })
        .collect()
}

/// Each item of the lane as one Markdown line (already escaped).
fn lane_items(s: &Stage, lane: Lane) -> Vec<String> {
    let note = |n: &str| {
        if n.is_empty() {
            String::new()
        } else {
            format!(" — {}", md(n))
        }
    };
    match lane {
        Lane::Actions => s.actions.iter().map(|t| md(t)).collect(),
        Lane::Thoughts => s.thoughts.iter().map(|t| md(t)).collect(),
        Lane::Touchpoints => s
            .touchpoints
            .iter()
            .map(|t| {
                let ch = if t.channel.is_empty() {
                    String::new()
                } else {
                    format!(" *({})*", md(&t.channel))
                };
                format!("{}{ch}{}", md(&t.name), note(&t.note))
            })
            .collect(),
        Lane::Emotions => s
            .emotions
            .iter()
            .map(|e| {
                format!(
                    "{} **{}/5** {}{}",
                    face(e.score as f64),
                    e.score,
                    md(&e.label),
                    note(&e.note)
                )
            })
            .collect(),
        Lane::PainPoints => s
            .pain_points
            .iter()
            .map(|p| {
                format!(
                    "**{}** {}{}",
                    level(p.severity),
                    md(&p.text),
                    votes(p.votes)
                )
            })
            .collect(),
        Lane::Optimizations => s
            .optimizations
            .iter()
            .map(|x| {
                let owner = if x.owner.is_empty() {
                    String::new()
                } else {
                    format!(" — owner: {}", md(&x.owner))
                };
                format!(
                    "**{}** {} *({})*{owner}{}{}",
                    level(x.priority),
                    md(&x.text),
                    x.status.label(),
                    scores(x),
                    votes(x.votes)
                )
            })
            .collect(),
        Lane::Metrics => s.metrics.iter().map(|m| md(&metric(m))).collect(),
        Lane::Extra(_) => s.extra_items(lane).iter().map(lane_item).collect(),
    }
}

/// `Greets the guest — **Front desk** *(In person)* — serves: Checks in`: who
/// does the work in bold, so a blueprint's owners stand out when skimming.
fn lane_item(i: &LaneItem) -> String {
    let mut t = md(&i.text);
    if !i.owner.is_empty() {
        let _ = write!(t, " — **{}**", md(&i.owner));
    }
    if !i.channel.is_empty() {
        let _ = write!(t, " *({})*", md(&i.channel));
    }
    if !i.serves.is_empty() {
        let _ = write!(t, " — serves: {}", md(&i.serves));
    }
    t
}

/// " — I4 E2" after a scored optimization: plain letters and digits, nothing to
/// escape.
fn scores(x: &crate::model::Optimization) -> String {
    let label = x.score_label();
    if label.is_empty() {
        label
    } else {
        format!(" — {label}")
    }
}

/// " ●●●" after an item with votes: dots are not Markdown syntax, so they need
/// no escaping.
fn votes(n: u32) -> String {
    if n == 0 {
        String::new()
    } else {
        format!(" {}", dots(n))
    }
}

fn level(l: Level) -> &'static str {
    l.name()
}

fn longest_run(s: &str, c: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for x in s.chars() {
        run = if x == c { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}
