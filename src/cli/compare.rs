//! `cjm compare AS_IS TO_BE`: today's journey against the one being built. Each
//! side is a file or a git blob (`main:maps/x.ron`), read as `cjm diff` reads
//! them. The terminal gets both emotion curves in one chart with a legend and
//! the delta per stage, the pain points addressed, re-rated, gone with a dropped
//! stage and new, and the optimizations with their status; Markdown, SVG, HTML
//! and JSON say the same.

use std::ffi::OsString;
use std::fmt::Write;

use crate::diff::compare::{Comparison, compare};
use crate::diff::render::md;
use crate::export::curve::{Series, overlay};
use crate::export::text::xml;
use crate::model::wording::one_decimal as value;
use crate::model::{Confidence, JourneyMap, Optimization, PainPoint};
use crate::text::display;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Svg,
    Html,
    Json,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Today's journey: a map file, `-`, or a git blob such as `main:maps/x.ron`.
    pub as_is: OsString,
    /// The journey being designed, read the same way.
    pub to_be: OsString,
    /// `text` for a terminal, `markdown` for a document, `svg` or `html` for a
    /// picture with both curves, `json` for the numbers.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    #[command(flatten)]
    pub persona: super::persona::PersonaArg,
    #[command(flatten)]
    pub out: super::output::Output,
}

const AS_IS_COLOUR: &str = "#8e44ad";
const TO_BE_COLOUR: &str = "#2f5d8a";

struct Sides<'a> {
    as_is: (&'a str, &'a JourneyMap),
    to_be: (&'a str, &'a JourneyMap),
}

pub fn run(a: Args) -> anyhow::Result<u8> {
    let (an, tn) = (a.as_is.to_string_lossy(), a.to_be.to_string_lossy());
    let as_is = a.persona.apply(super::diff::side(&a.as_is)?, &an)?;
    let to_be = a.persona.apply(super::diff::side(&a.to_be)?, &tn)?;
    let sides = Sides {
        as_is: (&an, &as_is),
        to_be: (&tn, &to_be),
    };
    let c = compare(&as_is, &to_be);
    let out = match a.format {
        Format::Text => text(&sides, &c),
        Format::Markdown => markdown(&sides, &c),
        Format::Svg => format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}",
            chart(&sides, &c)
        ),
        Format::Html => html(&sides, &c),
        Format::Json => json(&sides, &c),
    };
    a.out.write(out)?;
    Ok(0)
}

/// `▲0.4`, `▼1.0`, `=` or empty, as the editor's `--compare` words it.
fn delta(a: Option<f64>, b: Option<f64>) -> String {
    crate::model::wording::emotion_move(a, b)
}

/// `Decision went from 2.3 to 2.7 for Jonas Weber`; the names go through
/// `esc` (`display` or `md`).
pub fn went(d: &crate::diff::summary::EmotionDelta, esc: impl Fn(&str) -> String) -> String {
    format!(
        "{} went from {} to {} for {}",
        esc(&d.name),
        value(d.old),
        value(d.new),
        esc(&d.persona)
    )
}

fn pain(p: &PainPoint) -> String {
    format!("[{}] {}", p.severity.label(), p.text)
}

/// `Cannot tell machines apart: medium → high`, as `cjm diff` words a severity
/// change (the text is the to-be one).
fn severity(a: &PainPoint, b: &PainPoint) -> String {
    format!(
        "{}: {} → {}",
        b.text,
        a.severity.label(),
        b.severity.label()
    )
}

/// An optimization's status across the two maps: `done (as-is: idea)`,
/// `planned (new)`, `idea (dropped from to-be)`.
fn status(a: &Option<Optimization>, b: &Option<Optimization>) -> (String, String) {
    match (a, b) {
        (Some(a), Some(b)) if a.status != b.status => (
            format!("[{}] {}", b.priority.label(), b.text),
            format!("{} (as-is: {})", b.status.label(), a.status.label()),
        ),
        (_, Some(b)) => (
            format!("[{}] {}", b.priority.label(), b.text),
            format!(
                "{}{}",
                b.status.label(),
                if a.is_none() { " (new)" } else { "" }
            ),
        ),
        (Some(a), None) => (
            format!("[{}] {}", a.priority.label(), a.text),
            format!("{} (not in to-be)", a.status.label()),
        ),
        (None, None) => (String::new(), String::new()),
    }
}

/// The two curves in a character grid: one row per half point from 5 down to 1,
/// one column per stage; `●` as-is, `○` to-be, `◉` both.
fn terminal_chart(c: &Comparison) -> String {
    let mut o = String::new();
    let half = |v: Option<f64>| {
        v.filter(|v| v.is_finite())
            .map(|v| (v.clamp(1.0, 5.0) * 2.0).round() as i64)
    };
    for row in (2..=10).rev() {
        let label = if row % 2 == 0 {
            format!("{:>3}", row / 2)
        } else {
            "   ".to_string()
        };
        let _ = write!(o, "  {label} │");
        for s in &c.stages {
            let mark = match (half(s.as_is) == Some(row), half(s.to_be) == Some(row)) {
                (true, true) => '◉',
                (true, false) => '●',
                (false, true) => '○',
                _ => ' ',
            };
            let _ = write!(o, "  {mark} ");
        }
        o.push('\n');
    }
    let _ = write!(o, "      └");
    for _ in &c.stages {
        o.push_str("────");
    }
    o.push_str("\n       ");
    for i in 1..=c.stages.len() {
        let _ = write!(o, "{i:>3} ");
    }
    o.push('\n');
    o
}

/// `2 assumption, 5 research, 1 measured`: what a map's pain points stand on.
fn standing(n: &[usize; 3]) -> String {
    Confidence::ALL
        .iter()
        .zip(n)
        .map(|(c, n)| format!("{n} {}", c.label()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn text(s: &Sides, c: &Comparison) -> String {
    let mut o = format!(
        "● as-is  {} ({})\n○ to-be  {} ({})\n◉ both\n\n",
        display(&s.as_is.1.title),
        display(s.as_is.0),
        display(&s.to_be.1.title),
        display(s.to_be.0)
    );
    o.push_str(&terminal_chart(c));
    let names: Vec<String> = c
        .stages
        .iter()
        .enumerate()
        .map(|(i, r)| format!("{}. {}", i + 1, display(&r.name)))
        .collect();
    let w = names
        .iter()
        .map(|n| unicode_width::UnicodeWidthStr::width(n.as_str()))
        .max()
        .unwrap_or(0)
        .max(5);
    let _ = writeln!(o, "\n  {:w$}  as-is  to-be  delta", "stage");
    for (n, r) in names.iter().zip(&c.stages) {
        let pad = w.saturating_sub(unicode_width::UnicodeWidthStr::width(n.as_str()));
        let _ = writeln!(
            o,
            "  {n}{}  {:>5}  {:>5}  {}",
            " ".repeat(pad),
            value(r.as_is),
            value(r.to_be),
            delta(r.as_is, r.to_be)
        );
    }
    if !c.personas.is_empty() {
        let _ = writeln!(o, "\nemotion by persona:");
        for d in &c.personas {
            let _ = writeln!(o, "  {}", went(d, |t| display(t).into_owned()));
        }
    }
    let list = |o: &mut String, title: &str, sign: char, v: &[(String, PainPoint)]| {
        let _ = writeln!(o, "\n{title}: {}", v.len());
        for (stage, p) in v {
            let _ = writeln!(o, "  {sign} {} ({})", display(&pain(p)), display(stage));
        }
    };
    list(
        &mut o,
        "pain points addressed (in as-is, not in to-be)",
        '-',
        &c.addressed,
    );
    if !c.severity_changed.is_empty() {
        let _ = writeln!(
            o,
            "\npain point severity changed: {}",
            c.severity_changed.len()
        );
        for (stage, a, b) in &c.severity_changed {
            let _ = writeln!(o, "  ~ {} ({})", display(&severity(a, b)), display(stage));
        }
    }
    if !c.removed_with_stage.is_empty() {
        list(
            &mut o,
            "pain points removed with their stage (stage not in to-be)",
            '-',
            &c.removed_with_stage,
        );
    }
    list(&mut o, "new pain points (in to-be only)", '+', &c.new_pains);
    if let Some([a, b]) = &c.confidence {
        let _ = writeln!(
            o,
            "\npain points stand on:\n  as-is  {}\n  to-be  {}",
            standing(a),
            standing(b)
        );
    }
    let _ = writeln!(o, "\noptimizations: {}", c.optimizations.len());
    for (stage, a, b) in &c.optimizations {
        let (what, st) = status(a, b);
        let _ = writeln!(o, "  {} — {} ({})", display(&what), st, display(stage));
    }
    if !c.lanes.is_empty() {
        let _ = writeln!(o, "\ncards by lane (as-is → to-be):");
        for l in &c.lanes {
            let _ = writeln!(o, "  {}: {} → {}", display(&l.title), l.as_is, l.to_be);
        }
    }
    o
}

fn markdown(s: &Sides, c: &Comparison) -> String {
    let mut o = format!(
        "## As-is against to-be\n\n- **As-is**: {} ({})\n- **To-be**: {} ({})\n\n| Stage | As-is | To-be | Delta |\n| --- | ---: | ---: | --- |\n",
        md(&s.as_is.1.title),
        md(s.as_is.0),
        md(&s.to_be.1.title),
        md(s.to_be.0)
    );
    for r in &c.stages {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} |",
            md(&r.name),
            value(r.as_is),
            value(r.to_be),
            delta(r.as_is, r.to_be)
        );
    }
    if !c.personas.is_empty() {
        o.push_str("\n### Emotion by persona\n\n");
        for d in &c.personas {
            let _ = writeln!(o, "- {}", went(d, md));
        }
    }
    let list = |o: &mut String, title: &str, v: &[(String, PainPoint)]| {
        let _ = writeln!(o, "\n### {title} ({})\n", v.len());
        for (stage, p) in v {
            let _ = writeln!(o, "- {} ({})", md(&pain(p)), md(stage));
        }
    };
    list(&mut o, "Pain points addressed", &c.addressed);
    if !c.severity_changed.is_empty() {
        let _ = writeln!(
            o,
            "\n### Pain point severity changed ({})\n",
            c.severity_changed.len()
        );
        for (stage, a, b) in &c.severity_changed {
            let _ = writeln!(o, "- {} ({})", md(&severity(a, b)), md(stage));
        }
    }
    if !c.removed_with_stage.is_empty() {
        list(
            &mut o,
            "Pain points removed with their stage",
            &c.removed_with_stage,
        );
    }
    list(&mut o, "New pain points", &c.new_pains);
    if let Some([a, b]) = &c.confidence {
        let _ = writeln!(
            o,
            "\n### What the pain points stand on\n\n| Map | Assumption | Research | Measured |\n| --- | ---: | ---: | ---: |"
        );
        for (name, n) in [("As-is", a), ("To-be", b)] {
            let [x, y, z] = n;
            let _ = writeln!(o, "| {name} | {x} | {y} | {z} |");
        }
    }
    let _ = writeln!(
        o,
        "\n### Optimizations ({})\n\n| Stage | Optimization | Status |\n| --- | --- | --- |",
        c.optimizations.len()
    );
    for (stage, a, b) in &c.optimizations {
        let (what, st) = status(a, b);
        let _ = writeln!(o, "| {} | {} | {} |", md(stage), md(&what), md(&st));
    }
    if !c.lanes.is_empty() {
        o.push_str("\n### Cards by lane\n\n| Lane | As-is | To-be |\n| --- | ---: | ---: |\n");
        for l in &c.lanes {
            let _ = writeln!(o, "| {} | {} | {} |", md(&l.title), l.as_is, l.to_be);
        }
    }
    o
}

fn chart(s: &Sides, c: &Comparison) -> String {
    let names: Vec<String> = c.stages.iter().map(|r| r.name.clone()).collect();
    let a: Vec<Option<f64>> = c.stages.iter().map(|r| r.as_is).collect();
    let b: Vec<Option<f64>> = c.stages.iter().map(|r| r.to_be).collect();
    let la = format!("As-is: {}", s.as_is.1.title);
    let lb = format!("To-be: {}", s.to_be.1.title);
    overlay(
        &names,
        &[
            Series {
                label: &la,
                colour: AS_IS_COLOUR,
                dashed: true,
                points: &a,
            },
            Series {
                label: &lb,
                colour: TO_BE_COLOUR,
                dashed: false,
                points: &b,
            },
        ],
    )
}

const STYLE: &str = "body { margin: 0; padding: 24px 28px; font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif; color: #1f2933; }
h1 { color: #2f5d8a; font-size: 24px; margin: 0 0 8px; }
h2 { font-size: 16px; margin: 20px 0 6px; }
table { border-collapse: collapse; }
th, td { border: 1px solid #d9e2ec; padding: 4px 8px; text-align: left; }
th { background: #f5f7fa; }
td.num { text-align: right; }
.up { color: #2e8b57; } .down { color: #c0392b; }
svg { max-width: 100%; height: auto; }";

/// One self-contained page, no script and no network (as the HTML export), and
/// well-formed XML.
fn html(s: &Sides, c: &Comparison) -> String {
    let mut o = String::from(
        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"/>\n",
    );
    let _ = writeln!(
        o,
        "<title>As-is against to-be: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>As-is against to-be</h1>",
        xml(&s.to_be.1.title)
    );
    let _ = writeln!(
        o,
        "<p>As-is: <strong>{}</strong> ({})<br/>To-be: <strong>{}</strong> ({})</p>",
        xml(&s.as_is.1.title),
        xml(s.as_is.0),
        xml(&s.to_be.1.title),
        xml(s.to_be.0)
    );
    o.push_str(&chart(s, c));
    o.push_str("<h2>Emotion by stage</h2>\n<table><tr><th>Stage</th><th>As-is</th><th>To-be</th><th>Delta</th></tr>\n");
    for r in &c.stages {
        let d = delta(r.as_is, r.to_be);
        let class = if d.starts_with('▲') {
            "up"
        } else if d.starts_with('▼') {
            "down"
        } else {
            ""
        };
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"{class}\">{d}</td></tr>",
            xml(&r.name),
            value(r.as_is),
            value(r.to_be)
        );
    }
    o.push_str("</table>\n");
    let list = |o: &mut String, title: &str, v: &[(String, PainPoint)]| {
        let _ = writeln!(o, "<h2>{title} ({})</h2>\n<ul>", v.len());
        for (stage, p) in v {
            let _ = writeln!(o, "<li>{} ({})</li>", xml(&pain(p)), xml(stage));
        }
        o.push_str("</ul>\n");
    };
    list(&mut o, "Pain points addressed", &c.addressed);
    if !c.severity_changed.is_empty() {
        let _ = writeln!(
            o,
            "<h2>Pain point severity changed ({})</h2>\n<ul>",
            c.severity_changed.len()
        );
        for (stage, a, b) in &c.severity_changed {
            let _ = writeln!(o, "<li>{} ({})</li>", xml(&severity(a, b)), xml(stage));
        }
        o.push_str("</ul>\n");
    }
    if !c.removed_with_stage.is_empty() {
        list(
            &mut o,
            "Pain points removed with their stage",
            &c.removed_with_stage,
        );
    }
    list(&mut o, "New pain points", &c.new_pains);
    if let Some([a, b]) = &c.confidence {
        o.push_str("<h2>What the pain points stand on</h2>\n<table><tr><th scope=\"col\">Map</th><th scope=\"col\">Assumption</th><th scope=\"col\">Research</th><th scope=\"col\">Measured</th></tr>\n");
        for (name, [x, y, z]) in [("As-is", a), ("To-be", b)] {
            let _ = writeln!(
                o,
                "<tr><th scope=\"row\">{name}</th><td class=\"num\">{x}</td><td class=\"num\">{y}</td><td class=\"num\">{z}</td></tr>"
            );
        }
        o.push_str("</table>\n");
    }
    let _ = writeln!(
        o,
        "<h2>Optimizations ({})</h2>\n<table><tr><th>Stage</th><th>Optimization</th><th>Status</th></tr>",
        c.optimizations.len()
    );
    for (stage, a, b) in &c.optimizations {
        let (what, st) = status(a, b);
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            xml(stage),
            xml(&what),
            xml(&st)
        );
    }
    o.push_str("</table>\n");
    if !c.lanes.is_empty() {
        o.push_str(
            "<h2>Cards by lane</h2>\n<table><tr><th>Lane</th><th>As-is</th><th>To-be</th></tr>\n",
        );
        for l in &c.lanes {
            let _ = writeln!(
                o,
                "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                xml(&l.title),
                l.as_is,
                l.to_be
            );
        }
        o.push_str("</table>\n");
    }
    o.push_str("</body>\n</html>\n");
    o
}

fn json(s: &Sides, c: &Comparison) -> String {
    use serde_json::{Value, json};
    let side = |(src, m): (&str, &JourneyMap)| json!({"source": src, "title": m.title});
    let pains = |v: &[(String, PainPoint)]| -> Vec<Value> {
        v.iter()
            .map(|(st, p)| json!({"stage": st, "text": p.text, "severity": p.severity.name()}))
            .collect()
    };
    let stages: Vec<Value> = c
        .stages
        .iter()
        .map(|r| {
            let d = match (r.as_is, r.to_be) {
                (Some(a), Some(b)) => Some(((b - a) * 10.0).round() / 10.0),
                _ => None,
            };
            json!({"id": r.id, "name": r.name, "as_is": r.as_is, "to_be": r.to_be, "delta": d})
        })
        .collect();
    let opts: Vec<Value> = c
        .optimizations
        .iter()
        .map(|(st, a, b)| {
            let o = b.as_ref().or(a.as_ref());
            json!({
                "stage": st,
                "text": o.map(|o| o.text.clone()),
                "priority": o.map(|o| o.priority.name()),
                "as_is_status": a.as_ref().map(|o| o.status.name()),
                "to_be_status": b.as_ref().map(|o| o.status.name()),
            })
        })
        .collect();
    let doc = json!({
        "as_is": side(s.as_is),
        "to_be": side(s.to_be),
        "stages": stages,
        "addressed": pains(&c.addressed),
        "severity_changed": c.severity_changed.iter().map(|(st, a, b)| json!({
            "stage": st,
            "text": b.text,
            "as_is_severity": a.severity.name(),
            "to_be_severity": b.severity.name(),
        })).collect::<Vec<Value>>(),
        "removed_with_stage": pains(&c.removed_with_stage),
        "new_pain_points": pains(&c.new_pains),
        "optimizations": opts,
    });
    let mut doc = doc;
    if let (Some([a, b]), Some(o)) = (&c.confidence, doc.as_object_mut()) {
        let side = |&[x, y, z]: &[usize; 3]| json!({"assumption": x, "research": y, "measured": z});
        o.insert(
            "pain_points_stand_on".into(),
            json!({"as_is": side(a), "to_be": side(b)}),
        );
    }
    if let (false, Some(o)) = (c.lanes.is_empty(), doc.as_object_mut()) {
        let lanes: Vec<Value> = c
            .lanes
            .iter()
            .map(|l| json!({"id": l.id, "title": l.title, "as_is": l.as_is, "to_be": l.to_be}))
            .collect();
        o.insert("lanes".into(), Value::Array(lanes));
    }
    crate::export::json::inert(&doc)
}

#[cfg(test)]
mod tests {
    use super::value;

    /// A score that is not a finite number never reads as one, and no score reads
    /// `-0.0`: the same words in `cjm history`, `cjm compare` and the diff.
    #[test]
    fn scores_that_are_not_numbers_read_as_none() {
        for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(value(Some(v)), "–", "{v}");
        }
        assert_eq!(value(Some(-0.0)), "0.0");
        assert_eq!(value(Some(3.25)), "3.2");
        assert_eq!(value(None), "–");
    }
}
