//! The report in each format. Every map text goes through `text` (terminal),
//! `text::markdown`, the exports' XML escape or the CSV formula guard, as the
//! single-map exports do.

use std::fmt::Write;

use super::{Action, FixFirst, Kpi, LaneCounts, Matrix, Pain, Report, Sureness};
use crate::export::csv::neutralise;
use crate::export::text::xml;
use crate::model::{Confidence, Quadrant, Status};
use crate::text::{display, markdown};

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Csv,
    Json,
    Html,
}

pub fn render(r: &Report, format: Format) -> String {
    match format {
        Format::Text => text(r),
        Format::Markdown => md(r),
        Format::Csv => csv(r),
        Format::Json => json(r),
        Format::Html => html(r),
    }
}

pub use crate::model::wording::sparkline;

/// A number as people read it: no trailing `.0`, and no binary noise from a
/// subtraction (`3 - 2.1` is shown `0.9`).
fn num(v: f64) -> String {
    let v = if v.abs() < 1e9 {
        (v * 1e6).round() / 1e6
    } else {
        v
    };
    let v = if v == 0.0 { 0.0 } else { v };
    format!("{v}")
}

/// A mean emotion, to two decimals at most.
fn mean(v: f64) -> String {
    num((v * 100.0).round() / 100.0)
}

fn with_unit(v: Option<f64>, unit: &str) -> String {
    match v {
        None => "—".into(),
        Some(v) if unit.is_empty() => num(v),
        Some(v) => format!("{} {unit}", num(v)),
    }
}

fn gap(k: &Kpi) -> String {
    match k.gap {
        None => "—".into(),
        Some(g) => {
            let sign = if g > 0.0 { "+" } else { "" };
            let g = format!("{sign}{}", num(g));
            if k.unit.is_empty() {
                g
            } else {
                format!("{g} {}", k.unit)
            }
        }
    }
}

fn votes(n: u32) -> String {
    if n == 1 {
        "1 vote".into()
    } else {
        format!("{n} votes")
    }
}

fn owner_name(o: &str) -> &str {
    if o.is_empty() { "(no owner)" } else { o }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn summary(r: &Report) -> String {
    let mut s = format!(
        "{}: {}, {}, {}",
        plural(r.maps, "map", "maps"),
        plural(
            r.actions.len() + r.hidden_done,
            "optimization",
            "optimizations"
        ),
        plural(r.pain_points.len(), "pain point", "pain points"),
        plural(r.kpis.len(), "KPI", "KPIs"),
    );
    if r.hidden_done > 0 {
        s.push_str(&format!(
            " ({} done, not listed; --all lists them)",
            r.hidden_done
        ));
    }
    if !r.failed.is_empty() {
        s.push_str(&format!(
            "; {} did not load",
            plural(r.failed.len(), "map", "maps")
        ));
    }
    if !r.skipped.is_empty() {
        s.push_str(&format!(
            "; {} skipped",
            plural(
                r.skipped.len(),
                "file that is not a map",
                "files that are not maps"
            )
        ));
    }
    s
}

/// The action plan as (owner, status, actions) groups, in report order.
fn groups(actions: &[Action]) -> Vec<(&str, Status, Vec<&Action>)> {
    let mut out: Vec<(&str, Status, Vec<&Action>)> = Vec::new();
    for a in actions {
        match out.last_mut() {
            Some((o, s, list)) if *o == a.owner && *s == a.status => list.push(a),
            _ => out.push((&a.owner, a.status, vec![a])),
        }
    }
    out
}

/// `47.5 %`: how far from target, in percent of the target.
fn percent(k: &Kpi) -> String {
    match k.off_target {
        Some(o) => format!("{} %", num((o * 10.0).round() / 10.0)),
        None => String::new(),
    }
}

/// `47.5 % off target`.
fn off_target(k: &Kpi) -> String {
    format!("{} off target", percent(k))
}

/// The three headings of "fix first", in the order they are shown.
const FIX_PAINS: &str =
    "High pain points with no optimization in their stage (by votes, then severity)";
const FIX_OPTIMIZATIONS: &str = "Open high-priority optimizations (by votes, then status)";
const FIX_KPIS: &str = "KPIs furthest from target";

/// A line each, for the terminal and Markdown (`text` makes map text safe for one
/// or the other).
fn fix_lines(f: &FixFirst, text: &dyn Fn(&str) -> String) -> [(&'static str, Vec<String>); 3] {
    let pain = |p: &Pain| {
        format!(
            "[{}] {}  ({}, {}, {})",
            p.severity.label(),
            text(&p.text),
            text(&p.map),
            text(&p.stage),
            votes(p.votes)
        )
    };
    let action = |a: &Action| {
        format!(
            "[{}] {} — {}  ({}, {}, {})",
            a.status.label(),
            text(&a.text),
            text(owner_name(&a.owner)),
            text(&a.map),
            text(&a.stage),
            votes(a.votes)
        )
    };
    let kpi = |k: &Kpi| {
        format!(
            "{}: {} → {}, {}  ({}, {})",
            text(&k.name),
            text(&with_unit(k.current, &k.unit)),
            text(&with_unit(k.target, &k.unit)),
            off_target(k),
            text(&k.map),
            text(&k.stage)
        )
    };
    [
        (FIX_PAINS, f.pain_points.iter().map(pain).collect()),
        (
            FIX_OPTIMIZATIONS,
            f.optimizations.iter().map(action).collect(),
        ),
        (FIX_KPIS, f.kpis.iter().map(kpi).collect()),
    ]
}

const FIX_QUICK_WINS: &str = "Quick wins: impact 4–5, effort 1–2 (most impact, then least effort)";

/// `I4 E2 ` before a scored optimization's text; nothing when unscored, so a
/// report without scores reads as before.
fn score_prefix(a: &Action) -> String {
    match (a.impact, a.effort) {
        (None, None) => String::new(),
        (i, e) => {
            let o = crate::model::Optimization {
                impact: i,
                effort: e,
                ..Default::default()
            };
            format!("{} ", o.score_label())
        }
    }
}

/// A quick win, or any scored optimization in the matrix, as one line.
fn matrix_line(a: &Action, text: &dyn Fn(&str) -> String) -> String {
    format!(
        "{}{} — {}  ({}, {}, {})",
        score_prefix(a),
        text(&a.text),
        text(owner_name(&a.owner)),
        text(&a.map),
        text(&a.stage),
        a.status.label()
    )
}

/// The matrix's two rows and columns, for the terminal and Markdown.
const MATRIX_ROWS: [(&str, [Quadrant; 2]); 2] = [
    ("impact 4–5", [Quadrant::QuickWin, Quadrant::BigBet]),
    ("impact 1–3", [Quadrant::Filler, Quadrant::MoneyPit]),
];
const MATRIX_COLUMNS: [&str; 2] = ["effort 1–2", "effort 3–5"];
const MATRIX_HEADING: &str = "Impact/effort matrix (open optimizations with both scores)";

fn text_matrix(o: &mut String, m: &Matrix) {
    let _ = writeln!(
        o,
        "\nIMPACT/EFFORT MATRIX (open optimizations with both scores)"
    );
    let _ = writeln!(
        o,
        "  {:<12}{:<20}{}",
        "", MATRIX_COLUMNS[0], MATRIX_COLUMNS[1]
    );
    for (row, qs) in MATRIX_ROWS {
        let cell = |q: Quadrant| format!("{}: {}", q.title(), m.quadrant(q).len());
        let _ = writeln!(o, "  {row:<12}{:<20}{}", cell(qs[0]), cell(qs[1]));
    }
    for q in Quadrant::ALL {
        let list = m.quadrant(q);
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(o, "  {} ({})", q.title(), q.hint());
        for (i, a) in list.iter().enumerate() {
            let line = matrix_line(a, &|t| display(t).into_owned());
            let _ = writeln!(o, "    {:>2}. {line}", i + 1);
        }
    }
}

fn md_matrix(o: &mut String, m: &Matrix, cell: &dyn Fn(&str) -> String) {
    let _ = writeln!(o, "## {MATRIX_HEADING}\n");
    let _ = writeln!(o, "| | {} | {} |", MATRIX_COLUMNS[0], MATRIX_COLUMNS[1]);
    let _ = writeln!(o, "| --- | --- | --- |");
    for (row, qs) in MATRIX_ROWS {
        let c = |q: Quadrant| format!("{}: {}", q.title(), m.quadrant(q).len());
        let _ = writeln!(o, "| **{row}** | {} | {} |", c(qs[0]), c(qs[1]));
    }
    let _ = writeln!(o);
    for q in Quadrant::ALL {
        let list = m.quadrant(q);
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(o, "### {} ({})\n\n*{}*\n", q.title(), list.len(), q.hint());
        for a in list {
            let _ = writeln!(o, "1. {}", matrix_line(a, cell));
        }
        let _ = writeln!(o);
    }
}

/// The scores before an optimization's text in the HTML, or nothing when unscored.
fn html_scores(a: &Action) -> String {
    let p = score_prefix(a);
    if p.is_empty() {
        p
    } else {
        format!("<span class=\"scores\">{}</span>", xml(p.trim_end()))
    }
}

fn html_matrix(o: &mut String, m: &Matrix) {
    let _ = writeln!(
        o,
        "<h2>{MATRIX_HEADING}</h2>\n<table class=\"matrix\"><thead><tr><th style=\"width:110px\"></th><th>{}</th><th>{}</th></tr></thead><tbody>",
        MATRIX_COLUMNS[0], MATRIX_COLUMNS[1]
    );
    for (row, qs) in MATRIX_ROWS {
        let _ = write!(o, "<tr><th>{row}</th>");
        for q in qs {
            let list = m.quadrant(q);
            let _ = write!(
                o,
                "<td class=\"quadrant q{}\"><h3>{} ({})</h3><p class=\"hint\">{}</p><ol>",
                q as usize,
                q.title(),
                list.len(),
                q.hint()
            );
            for a in list {
                let _ = write!(
                    o,
                    "<li>{}{} <span class=\"note\">— {}, {}, {}</span></li>",
                    html_scores(a),
                    xml(&a.text),
                    xml(owner_name(&a.owner)),
                    xml(&a.map),
                    xml(&a.stage)
                );
            }
            let _ = write!(o, "</ol></td>");
        }
        let _ = writeln!(o, "</tr>");
    }
    let _ = writeln!(o, "</tbody></table>");
}

const SURE_HEADING: &str = "How sure are we";

/// What the part counts, in words.
fn sure_intro(h: &Sureness) -> String {
    format!(
        "pain points by confidence, in {} that {} evidence",
        plural(h.maps, "map", "maps"),
        if h.maps == 1 { "holds" } else { "hold" }
    )
}

const TO_RESEARCH: &str = "To research (high severity, standing on assumption)";

/// A pain point to research, as one line: its text, then where and its votes.
fn research_line(p: &Pain, text: &dyn Fn(&str) -> String) -> String {
    format!(
        "{}  ({}, {}, {})",
        text(&p.text),
        text(&p.map),
        text(&p.stage),
        votes(p.votes)
    )
}

fn text_sure(o: &mut String, h: &Sureness) {
    let _ = writeln!(o, "\n{} ({})", SURE_HEADING.to_uppercase(), sure_intro(h));
    let _ = writeln!(o, "  {TO_RESEARCH}");
    if h.to_research.is_empty() {
        let _ = writeln!(o, "    none");
    }
    for (i, p) in h.to_research.iter().enumerate() {
        let line = research_line(p, &|t| display(t).into_owned());
        let _ = writeln!(o, "    {:>2}. {line}", i + 1);
    }
    let _ = writeln!(o, "  By confidence");
    for c in Confidence::ALL.iter().rev() {
        let _ = writeln!(
            o,
            "    {} {:<10} {:>4}  {:>3}%",
            c.glyph(),
            c.label(),
            h.count(*c),
            h.share(*c)
        );
    }
}

fn md_sure(o: &mut String, h: &Sureness) {
    let intro = crate::model::wording::capitalise(&sure_intro(h));
    let _ = writeln!(o, "## {SURE_HEADING}\n\n*{intro}.*\n");
    let _ = writeln!(o, "**{TO_RESEARCH}**\n");
    if h.to_research.is_empty() {
        let _ = writeln!(o, "None.\n");
    } else {
        for p in &h.to_research {
            let _ = writeln!(o, "1. {}", research_line(p, &|t| markdown(t)));
        }
        let _ = writeln!(o);
    }
    let _ = writeln!(
        o,
        "| confidence | pain points | share |\n| --- | ---: | ---: |"
    );
    for c in Confidence::ALL.iter().rev() {
        let _ = writeln!(
            o,
            "| {} {} | {} | {}% |",
            markdown(c.glyph()),
            c.label(),
            h.count(*c),
            h.share(*c)
        );
    }
    let _ = writeln!(o);
}

fn html_sure(o: &mut String, h: &Sureness) {
    let _ = writeln!(
        o,
        "<h2>{SURE_HEADING}</h2>\n<p class=\"summary\">{}.</p>\n<h3>{TO_RESEARCH}</h3>",
        xml(&crate::model::wording::capitalise(&sure_intro(h)))
    );
    if h.to_research.is_empty() {
        let _ = writeln!(o, "<p class=\"note\">None.</p>");
    } else {
        o.push_str("<ol>\n");
        for p in &h.to_research {
            let _ = writeln!(o, "<li>{}</li>", research_line(p, &|t| xml(t)));
        }
        o.push_str("</ol>\n");
    }
    o.push_str("<table><thead><tr><th scope=\"col\">confidence</th><th scope=\"col\" style=\"width:110px\">pain points</th><th scope=\"col\" style=\"width:90px\">share</th></tr></thead><tbody>\n");
    for c in Confidence::ALL.iter().rev() {
        let _ = writeln!(
            o,
            "<tr><th scope=\"row\" style=\"background:#f5f8fb;color:#1f2933\"><span aria-hidden=\"true\">{}</span> {}</th><td class=\"num\">{}</td><td class=\"num\">{}%</td></tr>",
            c.glyph(),
            c.label(),
            h.count(*c),
            h.share(*c)
        );
    }
    o.push_str("</tbody></table>\n");
}

const LANES_HEADING: &str = "Behind the journey";

/// What the part counts, in words.
fn lanes_intro(l: &LaneCounts) -> String {
    format!(
        "items of blueprint and custom lanes, in {} that {} them",
        plural(l.maps, "map", "maps"),
        if l.maps == 1 { "has" } else { "have" }
    )
}

fn text_lanes(o: &mut String, l: &LaneCounts) {
    let _ = writeln!(o, "\n{} ({})", LANES_HEADING.to_uppercase(), lanes_intro(l));
    for k in &l.kinds {
        let _ = writeln!(
            o,
            "  {:<18} {:>3} {}  {:>4} {}  {:>4} serving an action",
            k.kind,
            k.lanes,
            if k.lanes == 1 { "lane " } else { "lanes" },
            k.items,
            if k.items == 1 { "item " } else { "items" },
            k.serving
        );
    }
}

fn md_lanes(o: &mut String, l: &LaneCounts) {
    let intro = crate::model::wording::capitalise(&lanes_intro(l));
    let _ = writeln!(
        o,
        "## {LANES_HEADING}

*{intro}.*
"
    );
    let _ = writeln!(
        o,
        "| lane kind | lanes | items | serving an action |\n| --- | ---: | ---: | ---: |"
    );
    for k in &l.kinds {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} |",
            k.kind, k.lanes, k.items, k.serving
        );
    }
    let _ = writeln!(o);
}

fn html_lanes(o: &mut String, l: &LaneCounts) {
    let _ = writeln!(
        o,
        "<h2>{LANES_HEADING}</h2>\n<p class=\"summary\">{}.</p>",
        xml(&crate::model::wording::capitalise(&lanes_intro(l)))
    );
    o.push_str("<table><thead><tr><th scope=\"col\">lane kind</th><th scope=\"col\" style=\"width:90px\">lanes</th><th scope=\"col\" style=\"width:90px\">items</th><th scope=\"col\" style=\"width:160px\">serving an action</th></tr></thead><tbody>\n");
    for k in &l.kinds {
        let _ = writeln!(
            o,
            "<tr><th scope=\"row\" style=\"background:#f5f8fb;color:#1f2933\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            k.kind, k.lanes, k.items, k.serving
        );
    }
    o.push_str("</tbody></table>\n");
}

fn status_title(s: Status) -> String {
    crate::model::wording::capitalise(s.label())
}

fn text(r: &Report) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{}", summary(r));
    let _ = writeln!(o, "\nFIX FIRST");
    for (heading, lines) in fix_lines(&r.fix_first, &|t| display(t).into_owned()) {
        let _ = writeln!(o, "  {heading}");
        if lines.is_empty() {
            let _ = writeln!(o, "    none");
        }
        for (i, l) in lines.iter().enumerate() {
            let _ = writeln!(o, "    {:>2}. {l}", i + 1);
        }
    }
    if !r.fix_first.quick_wins.is_empty() {
        let _ = writeln!(o, "  {FIX_QUICK_WINS}");
        for (i, a) in r.fix_first.quick_wins.iter().enumerate() {
            let line = matrix_line(a, &|t| display(t).into_owned());
            let _ = writeln!(o, "    {:>2}. {line}", i + 1);
        }
    }
    if !r.matrix.is_empty() {
        text_matrix(&mut o, &r.matrix);
    }
    if let Some(h) = &r.how_sure {
        text_sure(&mut o, h);
    }
    if let Some(l) = &r.lanes {
        text_lanes(&mut o, l);
    }
    let _ = writeln!(o, "\nACTION PLAN (optimizations by owner, then status)");
    if r.actions.is_empty() {
        let _ = writeln!(o, "  none");
    }
    let mut last_owner: Option<&str> = None;
    for (owner, status, list) in groups(&r.actions) {
        if last_owner != Some(owner) {
            let _ = writeln!(o, "  {}", display(owner_name(owner)));
            last_owner = Some(owner);
        }
        let _ = writeln!(o, "    {}", status_title(status));
        for a in list {
            let _ = writeln!(
                o,
                "      [{}] {}{}  ({}, {}, {})",
                a.priority.label(),
                score_prefix(a),
                display(&a.text),
                display(&a.map),
                display(&a.stage),
                votes(a.votes)
            );
        }
    }
    let _ = writeln!(o, "\nPAIN POINTS (by votes, then severity)");
    if r.pain_points.is_empty() {
        let _ = writeln!(o, "  none");
    }
    for (i, p) in r.pain_points.iter().enumerate() {
        let _ = writeln!(
            o,
            "  {:>3}. [{}] {}  ({}, {}, {})",
            i + 1,
            p.severity.label(),
            display(&p.text),
            display(&p.map),
            display(&p.stage),
            votes(p.votes)
        );
    }
    let _ = writeln!(o, "\nKPIS (current → target, gap to target)");
    if r.kpis.is_empty() {
        let _ = writeln!(o, "  none");
    }
    for k in &r.kpis {
        let _ = writeln!(
            o,
            "  {}: {} → {}, gap {}  ({}, {})",
            display(&k.name),
            display(&with_unit(k.current, &k.unit)),
            display(&with_unit(k.target, &k.unit)),
            display(&gap(k)),
            display(&k.map),
            display(&k.stage)
        );
    }
    let _ = writeln!(
        o,
        "\nLOWEST MOMENTS (curve per stage: ▁ 1 very negative … █ 5 very positive, · no emotions)"
    );
    if r.moments.is_empty() {
        let _ = writeln!(o, "  none");
    }
    for m in &r.moments {
        let low = match &m.lowest {
            Some(l) => format!("{} ({})", display(&l.stage), mean(l.score)),
            None => "no emotions".into(),
        };
        let _ = writeln!(
            o,
            "  {}  {}  lowest: {low}",
            display(&m.label()),
            sparkline(&m.curve)
        );
    }
    for f in &r.failed {
        let _ = writeln!(
            o,
            "\nnot counted: {}{}: {}",
            display(&f.file),
            f.at(),
            display(&f.message)
        );
    }
    o
}

fn md(r: &Report) -> String {
    let cell = |s: &str| markdown(s).replace('|', "\\|");
    let mut o = String::new();
    let _ = writeln!(o, "# Report across maps\n\n{}\n", summary(r));
    let _ = writeln!(o, "## Fix first\n");
    for (heading, lines) in fix_lines(&r.fix_first, &|t| markdown(t)) {
        let _ = writeln!(o, "**{heading}**\n");
        if lines.is_empty() {
            let _ = writeln!(o, "None.\n");
            continue;
        }
        for l in &lines {
            let _ = writeln!(o, "1. {l}");
        }
        let _ = writeln!(o);
    }
    if !r.fix_first.quick_wins.is_empty() {
        let _ = writeln!(o, "**{FIX_QUICK_WINS}**\n");
        for a in &r.fix_first.quick_wins {
            let _ = writeln!(o, "1. {}", matrix_line(a, &|t| markdown(t)));
        }
        let _ = writeln!(o);
    }
    if !r.matrix.is_empty() {
        md_matrix(&mut o, &r.matrix, &cell);
    }
    if let Some(h) = &r.how_sure {
        md_sure(&mut o, h);
    }
    if let Some(l) = &r.lanes {
        md_lanes(&mut o, l);
    }
    let scored = r
        .actions
        .iter()
        .any(|a| a.impact.is_some() || a.effort.is_some());
    let _ = writeln!(o, "## Action plan\n");
    if r.actions.is_empty() {
        let _ = writeln!(o, "None.\n");
    }
    let mut last_owner: Option<&str> = None;
    for (owner, status, list) in groups(&r.actions) {
        if last_owner != Some(owner) {
            if last_owner.is_some() {
                let _ = writeln!(o);
            }
            let _ = writeln!(o, "### {}\n", cell(owner_name(owner)));
            if scored {
                let _ = writeln!(
                    o,
                    "| status | priority | impact/effort | optimization | map | stage | votes |"
                );
                let _ = writeln!(o, "| --- | --- | --- | --- | --- | --- | ---: |");
            } else {
                let _ = writeln!(
                    o,
                    "| status | priority | optimization | map | stage | votes |"
                );
                let _ = writeln!(o, "| --- | --- | --- | --- | --- | ---: |");
            }
            last_owner = Some(owner);
        }
        for a in list {
            let scores = if scored {
                format!(" {} |", score_prefix(a).trim_end())
            } else {
                String::new()
            };
            let _ = writeln!(
                o,
                "| {} | {} |{scores} {} | {} | {} | {} |",
                status_title(status),
                a.priority.label(),
                cell(&a.text),
                cell(&a.map),
                cell(&a.stage),
                a.votes
            );
        }
    }
    if last_owner.is_some() {
        let _ = writeln!(o);
    }
    let _ = writeln!(o, "## Pain points\n");
    let _ = writeln!(o, "| # | severity | pain point | map | stage | votes |");
    let _ = writeln!(o, "| ---: | --- | --- | --- | --- | ---: |");
    for (i, p) in r.pain_points.iter().enumerate() {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {} |",
            i + 1,
            p.severity.label(),
            cell(&p.text),
            cell(&p.map),
            cell(&p.stage),
            p.votes
        );
    }
    let _ = writeln!(o, "\n## KPIs\n");
    let _ = writeln!(o, "| KPI | current | target | gap | map | stage |");
    let _ = writeln!(o, "| --- | ---: | ---: | ---: | --- | --- |");
    for k in &r.kpis {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {} |",
            cell(&k.name),
            cell(&with_unit(k.current, &k.unit)),
            cell(&with_unit(k.target, &k.unit)),
            cell(&gap(k)),
            cell(&k.map),
            cell(&k.stage)
        );
    }
    let _ = writeln!(o, "\n## Lowest moments\n");
    let _ = writeln!(o, "| map | curve | lowest stage | mean emotion |");
    let _ = writeln!(o, "| --- | --- | --- | ---: |");
    for m in &r.moments {
        let (stage, score) = match &m.lowest {
            Some(l) => (cell(&l.stage), mean(l.score)),
            None => ("—".into(), "—".into()),
        };
        let _ = writeln!(
            o,
            "| {} | `{}` | {stage} | {score} |",
            cell(&m.label()),
            sparkline(&m.curve)
        );
    }
    if !r.failed.is_empty() {
        let _ = writeln!(o, "\n## Not counted\n");
        for f in &r.failed {
            let _ = writeln!(o, "- {}{}: {}", cell(&f.file), f.at(), cell(&f.message));
        }
    }
    o
}

/// One table: a `section` column says which part of the report a row belongs to
/// (`action`, `pain-point`, `kpi`, `moment`, `not-loaded`), so a spreadsheet can
/// filter it. `map` is the map's title, `file` the file it came from.
const CSV_COLUMNS: [&str; 16] = [
    "section", "map", "stage", "text", "owner", "status", "level", "votes", "current", "target",
    "gap", "unit", "curve", "file", "impact", "effort",
];

fn csv(r: &Report) -> String {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut rows: Vec<[String; 16]> = Vec::new();
    let n = |v: Option<f64>| v.map(num).unwrap_or_default();
    for a in &r.actions {
        rows.push([
            "action".into(),
            a.map.clone(),
            a.stage.clone(),
            a.text.clone(),
            a.owner.clone(),
            a.status.name().into(),
            a.priority.name().into(),
            a.votes.to_string(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            a.file.clone(),
            a.impact.map(|v| v.to_string()).unwrap_or_default(),
            a.effort.map(|v| v.to_string()).unwrap_or_default(),
        ]);
    }
    for p in &r.pain_points {
        rows.push([
            "pain-point".into(),
            p.map.clone(),
            p.stage.clone(),
            p.text.clone(),
            String::new(),
            String::new(),
            p.severity.name().into(),
            p.votes.to_string(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            p.file.clone(),
            String::new(),
            String::new(),
        ]);
    }
    for k in &r.kpis {
        rows.push([
            "kpi".into(),
            k.map.clone(),
            k.stage.clone(),
            k.name.clone(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            n(k.current),
            n(k.target),
            n(k.gap),
            k.unit.clone(),
            String::new(),
            k.file.clone(),
            String::new(),
            String::new(),
        ]);
    }
    for m in &r.moments {
        let (stage, score) = match &m.lowest {
            Some(l) => (l.stage.clone(), Some(l.score)),
            None => (String::new(), None),
        };
        rows.push([
            "moment".into(),
            m.label(),
            stage,
            m.title.clone(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            n(score),
            String::new(),
            String::new(),
            String::new(),
            sparkline(&m.curve),
            m.file.clone(),
            String::new(),
            String::new(),
        ]);
    }
    for f in &r.failed {
        rows.push([
            "not-loaded".into(),
            f.file.clone(),
            String::new(),
            match f.at().strip_prefix(':') {
                Some(at) => format!("{at}: {}", f.message),
                None => f.message.clone(),
            },
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            f.file.clone(),
            String::new(),
            String::new(),
        ]);
    }
    let _ = w.write_record(CSV_COLUMNS);
    for row in rows {
        let _ = w.write_record(row.iter().map(|c| neutralise(c)));
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The one JSON escaping of map text cjm has (`export::json::inert`): every
/// control (C0, DEL, C1) and bidi character as `\uXXXX`, the same text to a JSON
/// reader and inert on a terminal.
fn json(r: &Report) -> String {
    crate::export::json::inert(r)
}

const STYLE: &str = r#"
body { margin: 0; padding: 24px 28px; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: #1f2933; }
h1 { margin: 0 0 4px; font-size: 26px; color: #2f5d8a; }
h2 { margin: 24px 0 8px; font-size: 18px; color: #2f5d8a; }
h3 { margin: 12px 0 4px; font-size: 15px; }
p.summary { color: #616e7c; margin: 2px 0 12px; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 4px 0 8px; }
th, td { border: 1px solid #d9e2ec; padding: 4px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #2f5d8a; color: #fff; font-weight: 600; }
td.num { text-align: right; }
.status { color: #616e7c; font-weight: 600; }
tr.owner th { background: #e4ecf4; color: #1f2933; font-size: 15px; }
.badge { display: inline-block; border-radius: 4px; padding: 0 5px; font-size: 11px; font-weight: 600; color: #fff; }
.High { background: #c0392b; } .Medium { background: #d4a017; } .Low { background: #7b8794; }
.spark { font-size: 18px; letter-spacing: 1px; color: #2f5d8a; }
.failed { color: #c0392b; }
section.fix { border: 2px solid #2f5d8a; border-radius: 6px; padding: 4px 16px 8px; margin: 12px 0 24px; background: #f5f8fb; }
section.fix h2 { margin-top: 8px; }
section.fix h3 { color: #1f2933; }
td.none { color: #616e7c; font-style: italic; }
table.matrix td.quadrant h3 { margin: 2px 0; }
table.matrix p.hint { margin: 0 0 4px; color: #616e7c; font-size: 12px; }
table.matrix ol { margin: 0; padding-left: 20px; }
td.q0 { background: #e8f5e9; } td.q1 { background: #eef3fb; } td.q2 { background: #f5f7fa; } td.q3 { background: #fbeeee; }
.scores { font-weight: 600; color: #2f5d8a; white-space: nowrap; margin-right: 4px; }
.note { color: #616e7c; }
"#;

fn badge(l: crate::model::Level) -> String {
    format!("<span class=\"badge {}\">{}</span>", l.name(), l.label())
}

/// "Fix first": a framed section of three short tables above the full lists.
fn html_fix_first(o: &mut String, f: &FixFirst) {
    let _ = writeln!(o, "<section class=\"fix\">\n<h2>Fix first</h2>");
    let none = |o: &mut String, cols: usize| {
        let _ = writeln!(
            o,
            "<tr><td colspan=\"{cols}\" class=\"none\">None.</td></tr>"
        );
    };
    let _ = writeln!(
        o,
        "<h3>{FIX_PAINS}</h3>\n<table><thead><tr><th style=\"width:40px\">#</th><th style=\"width:70px\">votes</th><th style=\"width:90px\">severity</th><th>pain point</th><th>map</th><th>stage</th></tr></thead><tbody>"
    );
    if f.pain_points.is_empty() {
        none(o, 6);
    }
    for (i, p) in f.pain_points.iter().enumerate() {
        let _ = writeln!(
            o,
            "<tr><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            i + 1,
            p.votes,
            badge(p.severity),
            xml(&p.text),
            xml(&p.map),
            xml(&p.stage)
        );
    }
    let _ = writeln!(
        o,
        "</tbody></table>\n<h3>{FIX_OPTIMIZATIONS}</h3>\n<table><thead><tr><th style=\"width:40px\">#</th><th style=\"width:70px\">votes</th><th style=\"width:110px\">status</th><th>optimization</th><th>owner</th><th>map</th><th>stage</th></tr></thead><tbody>"
    );
    if f.optimizations.is_empty() {
        none(o, 7);
    }
    for (i, a) in f.optimizations.iter().enumerate() {
        let _ = writeln!(
            o,
            "<tr><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"status\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            i + 1,
            a.votes,
            status_title(a.status),
            xml(&a.text),
            xml(owner_name(&a.owner)),
            xml(&a.map),
            xml(&a.stage)
        );
    }
    let _ = writeln!(
        o,
        "</tbody></table>\n<h3>{FIX_KPIS}</h3>\n<table><thead><tr><th style=\"width:40px\">#</th><th>KPI</th><th>current</th><th>target</th><th>off target</th><th>map</th><th>stage</th></tr></thead><tbody>"
    );
    if f.kpis.is_empty() {
        none(o, 7);
    }
    for (i, k) in f.kpis.iter().enumerate() {
        let _ = writeln!(
            o,
            "<tr><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
            i + 1,
            xml(&k.name),
            xml(&with_unit(k.current, &k.unit)),
            xml(&with_unit(k.target, &k.unit)),
            xml(&percent(k)),
            xml(&k.map),
            xml(&k.stage)
        );
    }
    let _ = writeln!(o, "</tbody></table>");
    if !f.quick_wins.is_empty() {
        let _ = writeln!(
            o,
            "<h3>{FIX_QUICK_WINS}</h3>\n<table><thead><tr><th style=\"width:40px\">#</th><th style=\"width:90px\">scores</th><th>optimization</th><th>owner</th><th>map</th><th>stage</th></tr></thead><tbody>"
        );
        for (i, a) in f.quick_wins.iter().enumerate() {
            let _ = writeln!(
                o,
                "<tr><td class=\"num\">{}</td><td class=\"scores\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                i + 1,
                xml(score_prefix(a).trim_end()),
                xml(&a.text),
                xml(owner_name(&a.owner)),
                xml(&a.map),
                xml(&a.stage)
            );
        }
        let _ = writeln!(o, "</tbody></table>");
    }
    let _ = writeln!(o, "</section>");
}

/// One self-contained XHTML page, like the single-map HTML export: inline CSS,
/// no script, no network.
fn html(r: &Report) -> String {
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
         <title>Report across maps</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <h1>Report across maps</h1>\n<p class=\"summary\">{}</p>\n",
        xml(&summary(r))
    );
    html_fix_first(&mut o, &r.fix_first);
    if !r.matrix.is_empty() {
        html_matrix(&mut o, &r.matrix);
    }
    if let Some(h) = &r.how_sure {
        html_sure(&mut o, h);
    }
    if let Some(l) = &r.lanes {
        html_lanes(&mut o, l);
    }
    let _ = writeln!(
        o,
        "<h2>Action plan</h2>\n<table><thead><tr><th style=\"width:110px\">status</th><th style=\"width:90px\">priority</th><th>optimization</th><th>map</th><th>stage</th><th style=\"width:70px\">votes</th></tr></thead><tbody>"
    );
    let mut last_owner: Option<&str> = None;
    for (owner, status, list) in groups(&r.actions) {
        if last_owner != Some(owner) {
            let _ = writeln!(
                o,
                "<tr class=\"owner\"><th colspan=\"6\">{}</th></tr>",
                xml(owner_name(owner))
            );
            last_owner = Some(owner);
        }
        for a in list {
            let _ = writeln!(
                o,
                "<tr><td class=\"status\">{}</td><td>{}</td><td>{}{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
                status_title(status),
                badge(a.priority),
                html_scores(a),
                xml(&a.text),
                xml(&a.map),
                xml(&a.stage),
                a.votes
            );
        }
    }
    let _ = writeln!(o, "</tbody></table>");
    let _ = writeln!(
        o,
        "<h2>Pain points</h2>\n<table><thead><tr><th style=\"width:40px\">#</th><th style=\"width:90px\">severity</th><th>pain point</th><th>map</th><th>stage</th><th style=\"width:70px\">votes</th></tr></thead><tbody>"
    );
    for (i, p) in r.pain_points.iter().enumerate() {
        let _ = writeln!(
            o,
            "<tr><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
            i + 1,
            badge(p.severity),
            xml(&p.text),
            xml(&p.map),
            xml(&p.stage),
            p.votes
        );
    }
    let _ = writeln!(
        o,
        "</tbody></table>\n<h2>KPIs</h2>\n<table><thead><tr><th>KPI</th><th>current</th><th>target</th><th>gap</th><th>map</th><th>stage</th></tr></thead><tbody>"
    );
    for k in &r.kpis {
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
            xml(&k.name),
            xml(&with_unit(k.current, &k.unit)),
            xml(&with_unit(k.target, &k.unit)),
            xml(&gap(k)),
            xml(&k.map),
            xml(&k.stage)
        );
    }
    let _ = writeln!(
        o,
        "</tbody></table>\n<h2>Lowest moments</h2>\n<table><thead><tr><th>map</th><th>curve</th><th>lowest stage</th><th style=\"width:120px\">mean emotion</th></tr></thead><tbody>"
    );
    for m in &r.moments {
        let (stage, score) = match &m.lowest {
            Some(l) => (xml(&l.stage), mean(l.score)),
            None => ("—".into(), "—".into()),
        };
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td class=\"spark\">{}</td><td>{stage}</td><td class=\"num\">{score}</td></tr>",
            xml(&m.label()),
            sparkline(&m.curve)
        );
    }
    let _ = writeln!(o, "</tbody></table>");
    if !r.failed.is_empty() {
        let _ = writeln!(o, "<h2>Not counted</h2>\n<ul class=\"failed\">");
        for f in &r.failed {
            let _ = writeln!(
                o,
                "<li>{}{}: {}</li>",
                xml(&f.file),
                f.at(),
                xml(&f.message)
            );
        }
        let _ = writeln!(o, "</ul>");
    }
    let _ = writeln!(o, "</body>\n</html>");
    o
}

#[cfg(test)]
mod tests {
    use super::super::STATUS_ORDER;
    use super::*;

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(num(3.0 - 2.1), "0.9");
        assert_eq!(num(120000.0), "120000");
        assert_eq!(num(-0.0), "0");
        assert_eq!(num(1e20), "100000000000000000000");
        assert_eq!(sparkline(&[Some(1.0), None, Some(5.0), Some(3.0)]), "▁·█▅");
    }

    #[test]
    fn status_order_is_complete() {
        for s in Status::ALL {
            assert!(STATUS_ORDER.contains(&s));
        }
    }
}
