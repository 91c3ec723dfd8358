//! One self-contained HTML file for clients: inline CSS and an inline SVG emotion
//! curve, no script and no network (a Content-Security-Policy says so to the
//! browser too), printable on one A3 landscape page. The output is also well-formed
//! XML (XHTML syntax), so tests check it with a strict XML parser.
//!
//! A map that holds evidence also shows each card's confidence (glyph and word,
//! with the meaning in a `title` and a legend, never colour alone), the ids it
//! cites as links into an `Evidence` table at the end, and each stage's own
//! citations under its name.
//!
//! The grid is a fixed-layout table at 100% width with equal stage columns and
//! text that wraps anywhere: it fits the page width by construction.

use std::fmt::Write;

use super::curve;
use super::evidence::{is_safe_link, mark, meaning};
use super::palette as pal;
use super::text::{metric, xml, xml_lines};
use crate::model::wording::dots;
use crate::model::{Confidence, JourneyMap, Lane, Level, Persona, Stage, Status};

const STYLE: &str = r#"
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 28px; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: var(--ink); background: #ffffff; }
header h1 { margin: 0 0 4px; font-size: 26px; color: var(--accent); }
header p { margin: 2px 0; color: var(--muted); }
.top { display: flex; gap: 16px; margin: 16px 0; align-items: flex-start; }
.card { border: 1px solid var(--line); border-radius: 8px; background: var(--bg); padding: 12px 16px; }
.persona { flex: 2; display: flex; gap: 16px; }
.persona .who { flex: 1; min-width: 0; }
.persona .avatar { width: 56px; height: 56px; border-radius: 50%; background: var(--accent); color: #ffffff; font-size: 26px; line-height: 56px; text-align: center; flex: none; }
.persona h2 { margin: 0; font-size: 18px; }
.persona .role { color: var(--muted); margin: 0 0 6px; }
.persona blockquote { margin: 6px 0; font-style: italic; }
.persona .lists { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 8px; margin-top: 8px; }
.objectives { flex: 1; }
h3 { margin: 0 0 4px; font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
ul { margin: 0; padding-left: 16px; }
li { margin: 2px 0; }
dl.traits { margin: 8px 0 0; display: flex; flex-wrap: wrap; gap: 4px 20px; }
dl.traits div { display: flex; gap: 6px; }
dl.traits dt { font-weight: 600; }
dl.traits dt::after { content: ":"; }
dl.traits dd { margin: 0; }
table.grid { width: 100%; table-layout: fixed; border-collapse: collapse; margin-top: 8px; }
table.grid col.lane { width: 150px; }
table.grid th, table.grid td { border: 1px solid var(--line); padding: 6px 8px; vertical-align: top; text-align: left; overflow-wrap: anywhere; word-break: break-word; }
table.grid thead th { background: var(--accent); color: #ffffff; }
table.grid thead th .goal { font-weight: normal; font-size: 12px; opacity: .9; margin-top: 2px; }
table.grid tbody th { background: var(--bg); font-size: 11px; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); overflow-wrap: normal; word-break: normal; }
table.grid tbody th .legend { display: block; text-transform: none; letter-spacing: 0; font-weight: normal; margin-top: 4px; color: var(--muted); }
tr.curve td { padding: 4px 0; }
tr.curve svg { display: block; width: 100%; height: 110px; }
.badge { display: inline-block; border-radius: 4px; padding: 0 5px; font-size: 11px; font-weight: 600; color: #ffffff; vertical-align: 1px; }
.chan, .status { color: var(--muted); font-size: 12px; }
.votes { color: var(--votes); letter-spacing: 1px; white-space: nowrap; }
.scores { color: var(--muted); font-size: 0.85em; white-space: nowrap; }
.note { color: var(--muted); font-size: 12px; display: block; }
.score { display: inline-block; min-width: 18px; text-align: center; border-radius: 9px; color: #ffffff; font-size: 11px; font-weight: 700; }
.empty { color: var(--muted); }
tr.means td { font-weight: 600; }
.marker { font-size: 13px; }
footer { margin-top: 12px; font-size: 11px; color: var(--muted); }
@page { size: A3 landscape; margin: 10mm; }
@media print {
  body { padding: 0; font-size: 11px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  header h1 { font-size: 20px; }
  table.grid col.lane { width: 110px; }
  tr { break-inside: avoid; }
}
"#;

/// Added only for a map that holds evidence, so other maps keep their bytes.
const EVIDENCE_STYLE: &str = r#"
.conf { display: inline-block; font-size: 11px; color: var(--muted); white-space: nowrap; }
.conf .glyph { font-size: 13px; color: var(--ink); }
.refs { font-size: 11px; white-space: nowrap; }
.refs a { color: var(--accent); }
thead .conf, thead .conf .glyph, thead .refs a { color: #ffffff; }
thead .stage-conf { font-weight: normal; font-size: 12px; margin-top: 2px; }
section.evidence { margin-top: 16px; }
section.evidence h2 { font-size: 18px; margin: 0 0 4px; color: var(--accent); }
section.evidence .legend { margin: 0 0 8px; color: var(--muted); }
table.evidence { width: 100%; border-collapse: collapse; }
table.evidence th, table.evidence td { border: 1px solid var(--line); padding: 4px 8px; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
table.evidence thead th { background: var(--bg); }
table.evidence td.quote { width: 40%; }
table.evidence .nowrap { white-space: nowrap; overflow-wrap: normal; }
"#;

/// Added only for a map of several personas: their cards side by side, the
/// legend of their curves, and whose an item or an emotion is.
const PERSONA_STYLE: &str = r#"
.personas { flex: 2; display: flex; flex-direction: column; gap: 12px; }
.sample { vertical-align: middle; margin-right: 6px; }
.legend-entry { display: inline-block; margin-right: 18px; white-space: nowrap; }
.legend-entry .how { color: var(--muted); font-size: 12px; }
.who { font-weight: 600; }
.only { display: inline-block; font-size: 11px; color: var(--muted); border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; margin-left: 4px; white-space: nowrap; }
tr.curve svg.curves { height: 130px; }
"#;

/// Added only for a blueprint: the lines between its lanes, a dashed rule
/// across the grid with its name on it.
const BLUEPRINT_STYLE: &str = r#"
tr.bp-line td { border: none; border-top: 2px dashed var(--accent); padding: 0 8px 2px; height: 18px; }
tr.bp-line span { font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: .05em; color: var(--accent); }
"#;

pub fn export(map: &JourneyMap) -> String {
    let mut o = String::new();
    o.push_str("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
    o.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"/>\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
    let _ = writeln!(o, "<title>{}</title>", xml(&map.title));
    let _ = writeln!(
        o,
        "<style>{}{STYLE}</style>\n</head>\n<body>",
        palette_css()
    );
    if map.has_evidence() {
        let _ = writeln!(o, "<style>{EVIDENCE_STYLE}</style>");
    }
    if map.is_blueprint() {
        let _ = writeln!(o, "<style>{BLUEPRINT_STYLE}</style>");
    }
    if several(map) {
        let _ = writeln!(o, "<style>{PERSONA_STYLE}</style>");
    }
    header(&mut o, map);
    top(&mut o, map);
    grid(&mut o, map);
    if map.has_evidence() {
        evidence(&mut o, map);
    }
    o.push_str("<footer>Customer journey map exported by cjm.</footer>\n</body>\n</html>\n");
    o
}

/// The palette's colours as CSS: one definition for every export.
fn palette_css() -> String {
    let mut css = format!(
        "\n:root {{ --ink: {}; --muted: {}; --line: {}; --bg: {}; --accent: {}; --votes: {}; }}\n",
        pal::INK,
        pal::MUTED,
        pal::RULE,
        pal::CARD,
        pal::ACCENT,
        pal::VOTES
    );
    for l in Level::ALL {
        let _ = writeln!(css, ".{} {{ background: {}; }}", l.name(), pal::level(l));
    }
    for st in Status::ALL {
        let _ = writeln!(
            css,
            ".status.{} {{ color: {}; }}",
            status_class(st),
            pal::status(st)
        );
    }
    css
}

fn status_class(s: Status) -> String {
    s.label().replace(' ', "-")
}

fn header(o: &mut String, map: &JourneyMap) {
    let _ = writeln!(o, "<header>\n<h1>{}</h1>", xml(&map.title));
    if !map.summary.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", xml_lines(&map.summary));
    }
    let mut meta = super::text::stages(map.stages.len());
    if let Some(f) = super::chosen_framework(map) {
        meta = format!("Framework: {} · {meta}", xml(f));
    }
    let _ = writeln!(o, "<p>{meta}</p>\n</header>");
}

fn list(o: &mut String, title: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(o, "<div><h3>{title}</h3><ul>");
    for t in items {
        let _ = writeln!(o, "<li>{}</li>", xml_lines(t));
    }
    o.push_str("</ul></div>\n");
}

fn top(o: &mut String, map: &JourneyMap) {
    o.push_str("<section class=\"top\">\n");
    if several(map) {
        o.push_str("<div class=\"personas\">\n");
        for (i, p) in map.personas().enumerate() {
            persona_card(o, p, Some(i));
        }
        o.push_str("</div>\n");
    } else {
        persona_card(o, &map.persona, None);
    }
    if !map.objectives.is_empty() {
        o.push_str("<div class=\"card objectives\">\n");
        list(o, "Objectives", &map.objectives);
        o.push_str("</div>\n");
    }
    o.push_str("</section>\n");
}

/// One persona's card; on a map of several (`style` is her place) her name
/// follows her curve's line and marker, as in the legend.
fn persona_card(o: &mut String, p: &Persona, style: Option<usize>) {
    let initial: String = p
        .name
        .chars()
        .find(|c| c.is_alphanumeric())
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_else(|| "?".into());
    o.push_str("<div class=\"card persona\">\n");
    let sample = style.map(sample_svg).unwrap_or_default();
    let _ = writeln!(
        o,
        "<div class=\"avatar\" aria-hidden=\"true\">{}</div>\n<div class=\"who\">\n<h2>{sample}{}</h2>",
        xml(&initial),
        xml(&p.name)
    );
    if !p.role.is_empty() {
        let _ = writeln!(o, "<p class=\"role\">{}</p>", xml(&p.role));
    }
    if !p.quote.is_empty() {
        let _ = writeln!(o, "<blockquote>“{}”</blockquote>", xml_lines(&p.quote));
    }
    if !p.summary.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", xml_lines(&p.summary));
    }
    o.push_str("<div class=\"lists\">\n");
    list(o, "Goals", &p.goals);
    list(o, "Needs", &p.needs);
    list(o, "Frustrations", &p.frustrations);
    list(o, "Behaviors", &p.behaviors);
    o.push_str("</div>\n");
    if !p.traits.is_empty() {
        o.push_str("<dl class=\"traits\">");
        for (l, v) in &p.traits {
            let _ = write!(o, "<div><dt>{}</dt><dd>{}</dd></div>", xml(l), xml(v));
        }
        o.push_str("</dl>\n");
    }
    o.push_str("</div>\n</div>\n");
}

fn several(map: &JourneyMap) -> bool {
    super::personas::several(map)
}

/// A persona's curve in small, as the legend shows it: her colour, line
/// style and marker (a fixed-size SVG, so the marker keeps its shape).
fn sample_svg(index: usize) -> String {
    let (st, colour) = super::personas::style(index);
    format!(
        "<svg class=\"sample\" xmlns=\"http://www.w3.org/2000/svg\" width=\"44\" height=\"16\" viewBox=\"0 0 44 16\" aria-hidden=\"true\"><path d=\"M2 8 h40\" stroke=\"{colour}\" stroke-width=\"3\"{}/>{}</svg>",
        super::svg::dash_attr(st.dash),
        super::svg::persona_marker(index, 22.0, 8.0, 5.5, colour)
    )
}

/// The legend of a map of several personas' curves: each persona's sample,
/// name, and marker and line in words.
fn legend(map: &JourneyMap) -> String {
    map.personas()
        .enumerate()
        .map(|(i, p)| {
            format!(
                "<span class=\"legend-entry\">{}{} <span class=\"how\">({})</span></span>",
                sample_svg(i),
                xml(&p.name),
                xml(&super::personas::style_words(i))
            )
        })
        .collect()
}

/// One curve per persona over the stage columns. Points sit at percentages
/// of the width (lines and nested SVGs take them), so the curves stretch with
/// the table while each marker keeps its shape.
fn curves_svg(map: &JourneyMap) -> String {
    let n = map.stages.len().max(1) as f64;
    let h = 130.0;
    let y = |v: f64| 14.0 + (5.0 - v.clamp(1.0, 5.0)) * 25.5;
    let x = |i: usize| (i as f64 + 0.5) * 100.0 / n;
    let mut s = format!(
        "<svg class=\"curves\" xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" height=\"{h}\" role=\"img\" aria-label=\"{}\">",
        xml(&curve::in_words(map).unwrap_or_default())
    );
    for level in [1.0, 3.0, 5.0] {
        let _ = write!(
            s,
            "<line x1=\"0\" y1=\"{y:.1}\" x2=\"100%\" y2=\"{y:.1}\" stroke=\"{}\" stroke-dasharray=\"4 4\"/>",
            pal::RULE,
            y = y(level)
        );
    }
    for (i, p, points) in map.curves() {
        let (st, colour) = super::personas::style(i);
        let dash = super::svg::dash_attr(st.dash);
        for (k, pair) in points.windows(2).enumerate() {
            if let [Some(a), Some(b)] = pair {
                let _ = write!(
                    s,
                    "<line x1=\"{:.2}%\" y1=\"{:.1}\" x2=\"{:.2}%\" y2=\"{:.1}\" stroke=\"{colour}\" stroke-width=\"3\"{dash}/>",
                    x(k),
                    y(*a),
                    x(k + 1),
                    y(*b)
                );
            }
        }
        for (k, v) in points.iter().enumerate() {
            if let Some(v) = v {
                let _ = write!(
                    s,
                    "<svg x=\"{:.2}%\" y=\"{:.1}\" overflow=\"visible\"><title>{}: {v:.1}</title>{}</svg>",
                    x(k),
                    y(*v),
                    xml(&p.name),
                    super::svg::persona_marker(i, 0.0, 0.0, 6.5, colour)
                );
            }
        }
    }
    s.push_str("</svg>");
    s
}

fn grid(o: &mut String, map: &JourneyMap) {
    if map.stages.is_empty() {
        o.push_str("<p class=\"empty\">This map has no stages yet.</p>\n");
        return;
    }
    o.push_str("<table class=\"grid\">\n<colgroup><col class=\"lane\"/>");
    for _ in &map.stages {
        o.push_str("<col/>");
    }
    o.push_str("</colgroup>\n<thead><tr><th scope=\"col\">Stage</th>");
    for (i, s) in map.stages.iter().enumerate() {
        let _ = write!(o, "<th scope=\"col\">{}. {}", i + 1, xml(&s.name));
        if !s.goal.is_empty() {
            let _ = write!(o, "<div class=\"goal\">{}</div>", xml_lines(&s.goal));
        }
        if let Some(c) = map.stage_confidence(i) {
            let _ = write!(
                o,
                "<div class=\"stage-conf\">Doing and thinking: {}</div>",
                confidence(c, &s.evidence)
            );
        }
        o.push_str("</th>");
    }
    o.push_str("</tr></thead>\n<tbody>\n");
    if several(map) {
        curve_rows(o, map);
    } else {
        curve_row(o, map);
    }
    for lane in map.lane_sequence() {
        if let Some(line) = map.line_above(lane) {
            let _ = writeln!(
                o,
                "<tr class=\"bp-line\"><td colspan=\"{}\"><span>{}</span></td></tr>",
                map.stages.len() + 1,
                line.label()
            );
        }
        let _ = write!(
            o,
            "<tr><th scope=\"row\">{}</th>",
            xml(&map.lane_title(lane))
        );
        for (i, s) in map.stages.iter().enumerate() {
            o.push_str("<td>");
            let sets = s.persona_sets(lane);
            let conf = |n: usize| {
                let mut t = match (lane, map.confidence_of(i, lane, n)) {
                    (Lane::Actions | Lane::Thoughts, _) | (_, None) => String::new(),
                    (_, Some(c)) => format!(
                        " {}",
                        confidence(c, map.citations(i, lane, n).unwrap_or_default())
                    ),
                };
                let ids = sets.get(n).copied().unwrap_or_default();
                if let Some(tag) = super::personas::item_tag(map, ids) {
                    let _ = write!(t, " <span class=\"only\">{}</span>", xml(&tag));
                }
                t
            };
            cell(o, map, s, lane, &conf);
            o.push_str("</td>");
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody>\n</table>\n");
}

/// The curve row and the means row of a one-persona map.
fn curve_row(o: &mut String, map: &JourneyMap) {
    let _ = writeln!(
        o,
        "<tr class=\"curve\"><th scope=\"row\">Emotion curve<span class=\"legend\">top: 5 very positive<br/>bottom: 1 very negative</span></th><td colspan=\"{}\">{}</td></tr>",
        map.stages.len(),
        curve_svg(map)
    );
    // The curve's values in words and shapes, so that nothing rests on colour
    // or on seeing the line.
    o.push_str("<tr class=\"means\"><th scope=\"row\">Mean emotion</th>");
    for s in &map.stages {
        match s.curve_point() {
            Some(v) => {
                let _ = write!(
                    o,
                    "<td><span class=\"marker\" style=\"color:{}\" aria-hidden=\"true\">{}</span> {v:.1} {}</td>",
                    pal::score(v),
                    marker_glyph(v),
                    band_word(v)
                );
            }
            None => o.push_str("<td><span class=\"empty\">no emotions</span></td>"),
        }
    }
    o.push_str("</tr>\n");
}

/// A map of several personas: the legend, the curves, and a means row per
/// persona with her marker, so nothing rests on colour or on the lines.
fn curve_rows(o: &mut String, map: &JourneyMap) {
    let n = map.stages.len();
    let _ = writeln!(
        o,
        "<tr class=\"legend\"><th scope=\"row\">Personas</th><td colspan=\"{n}\">{}</td></tr>",
        legend(map)
    );
    let _ = writeln!(
        o,
        "<tr class=\"curve\"><th scope=\"row\">Emotion curves<span class=\"legend\">top: 5 very positive<br/>bottom: 1 very negative</span></th><td colspan=\"{n}\">{}</td></tr>",
        curves_svg(map)
    );
    for (i, p, points) in map.curves() {
        let (st, colour) = super::personas::style(i);
        let _ = write!(
            o,
            "<tr class=\"means\"><th scope=\"row\">Mean emotion: {}</th>",
            xml(&p.name)
        );
        for v in &points {
            match v {
                Some(v) => {
                    let _ = write!(
                        o,
                        "<td><span class=\"marker\" style=\"color:{colour}\" aria-hidden=\"true\">{}</span> {v:.1} {}</td>",
                        st.marker,
                        band_word(*v)
                    );
                }
                None => o.push_str("<td><span class=\"empty\">no emotions</span></td>"),
            }
        }
        o.push_str("</tr>\n");
    }
}

/// The curve stretched over the stage columns. The drawing is scaled to the cell
/// (`preserveAspectRatio="none"`), so strokes are non-scaling and the dots are
/// zero-length round-capped strokes, which stay round at any stretch.
fn curve_svg(map: &JourneyMap) -> String {
    let n = map.stages.len().max(1) as f64;
    let (w, h) = (n * 100.0, 110.0);
    let y = |v: f64| 10.0 + (5.0 - v.clamp(1.0, 5.0)) * 22.5;
    let (paths, dots) = curve::runs(&map.curve(), |i| i as f64 * 100.0 + 50.0, y);
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{}\">",
        xml(&curve::in_words(map).unwrap_or_default())
    );
    for level in [1.0, 3.0, 5.0] {
        let _ = write!(
            s,
            "<path d=\"M0 {y:.1} H{w}\" stroke=\"{}\" stroke-dasharray=\"4 4\" vector-effect=\"non-scaling-stroke\"/>",
            pal::RULE,
            y = y(level)
        );
    }
    for d in paths {
        let _ = write!(
            s,
            "<path d=\"{d}\" fill=\"none\" stroke=\"{}\" stroke-width=\"3\" vector-effect=\"non-scaling-stroke\"/>",
            pal::CURVE
        );
    }
    for (x, yy, v) in dots {
        let _ = write!(
            s,
            "<path d=\"M{x:.1} {yy:.1} h0\" stroke=\"{}\" stroke-width=\"14\" stroke-linecap=\"round\" vector-effect=\"non-scaling-stroke\"><title>{v:.1}</title></path>",
            curve::colour(v)
        );
    }
    s.push_str("</svg>");
    s
}

/// A card's confidence: glyph and word, its meaning as a tooltip, then the ids
/// it cites as links to their rows of the evidence table.
fn confidence(c: Confidence, ids: &[String]) -> String {
    let mut out = format!(
        "<span class=\"conf {}\" title=\"{}: {}\"><span class=\"glyph\" aria-hidden=\"true\">{}</span> {}</span>",
        c.label(),
        c.label(),
        meaning(c),
        c.glyph(),
        c.label()
    );
    if !ids.is_empty() {
        out.push_str(" <span class=\"refs\">");
        let links: Vec<String> = ids
            .iter()
            .map(|id| format!("<a href=\"#ev-{0}\">[{0}]</a>", xml(id)))
            .collect();
        out.push_str(&links.join(" "));
        out.push_str("</span>");
    }
    out
}

/// Every piece of evidence, in the map's order, with a legend of the marks.
fn evidence(o: &mut String, map: &JourneyMap) {
    o.push_str("<section class=\"evidence\" aria-labelledby=\"evidence\">\n<h2 id=\"evidence\">Evidence</h2>\n<p class=\"legend\">Confidence: ");
    let legend: Vec<String> = Confidence::ALL
        .iter()
        .map(|c| {
            format!(
                "<span aria-hidden=\"true\">{}</span> {} ({})",
                c.glyph(),
                c.label(),
                meaning(*c)
            )
        })
        .collect();
    o.push_str(&legend.join(" · "));
    o.push_str("</p>\n<table class=\"evidence\">\n<thead><tr><th scope=\"col\">Id</th><th scope=\"col\">Source</th><th scope=\"col\">From</th><th scope=\"col\">Date</th><th scope=\"col\">Evidence</th><th scope=\"col\">Link</th><th scope=\"col\">Cited by</th></tr></thead>\n<tbody>\n");
    for e in &map.evidence {
        let link = if e.link.is_empty() {
            String::new()
        } else if is_safe_link(&e.link) {
            format!("<a href=\"{0}\">{0}</a>", xml(e.link.trim()))
        } else {
            xml(&e.link)
        };
        let cited: Vec<String> = super::evidence::cited_by(map, &e.id)
            .iter()
            .map(|c| xml(c))
            .collect();
        let _ = writeln!(
            o,
            "<tr id=\"ev-{id}\"><th scope=\"row\" class=\"nowrap\">[{id}]</th><td class=\"nowrap\">{}<br/>{}</td><td>{}</td><td class=\"nowrap\">{}</td><td class=\"quote\">“{}”</td><td>{link}</td><td>{}</td></tr>",
            e.source.label(),
            mark(e.source.confidence()),
            xml(&e.from),
            xml(&e.date),
            xml_lines(&e.text),
            if cited.is_empty() {
                "<span class=\"empty\">nothing yet</span>".to_string()
            } else {
                cited.join("<br/>")
            },
            id = xml(&e.id),
        );
    }
    o.push_str("</tbody>\n</table>\n</section>\n");
}

fn cell(o: &mut String, map: &JourneyMap, s: &Stage, lane: Lane, conf: &dyn Fn(usize) -> String) {
    if s.lane_len(lane) == 0 {
        o.push_str("<span class=\"empty\">—</span>");
        return;
    }
    o.push_str("<ul>");
    let note = |n: &str| {
        if n.is_empty() {
            String::new()
        } else {
            format!("<span class=\"note\">{}</span>", xml_lines(n))
        }
    };
    match lane {
        Lane::Actions | Lane::Thoughts => {
            let items = s.text_lane(lane).unwrap_or_default();
            for t in items {
                let _ = write!(o, "<li>{}</li>", xml_lines(t));
            }
        }
        Lane::Touchpoints => {
            for (n, t) in s.touchpoints.iter().enumerate() {
                let _ = write!(o, "<li>{}", xml_lines(&t.name));
                if !t.channel.is_empty() {
                    let _ = write!(o, " <span class=\"chan\">({})</span>", xml(&t.channel));
                }
                let _ = write!(o, "{}{}</li>", conf(n), note(&t.note));
            }
        }
        Lane::Emotions => {
            for (n, e) in s.emotions.iter().enumerate() {
                let who = match super::personas::emotion_owner(map, e) {
                    Some((_, name)) => format!("<span class=\"who\">{}:</span> ", xml(name)),
                    None => String::new(),
                };
                let _ = write!(
                    o,
                    "<li><span class=\"score\" style=\"background:{}\">{}</span> {who}{}{}{}</li>",
                    curve::colour(e.score as f64),
                    e.score,
                    xml_lines(&e.label),
                    conf(n),
                    note(&e.note)
                );
            }
        }
        Lane::PainPoints => {
            for (n, p) in s.pain_points.iter().enumerate() {
                let _ = write!(
                    o,
                    "<li>{} {}{}{}</li>",
                    badge(p.severity),
                    xml_lines(&p.text),
                    votes(p.votes),
                    conf(n)
                );
            }
        }
        Lane::Optimizations => {
            for (n, x) in s.optimizations.iter().enumerate() {
                let _ = write!(
                    o,
                    "<li>{} {} <span class=\"status {}\">({})</span>",
                    badge(x.priority),
                    xml_lines(&x.text),
                    status_class(x.status),
                    x.status.label()
                );
                let label = x.score_label();
                if !label.is_empty() {
                    let _ = write!(
                        o,
                        " <span class=\"scores\" title=\"impact and effort, 1 to 5\">{label}</span>"
                    );
                }
                o.push_str(&votes(x.votes));
                o.push_str(&conf(n));
                if !x.owner.is_empty() {
                    let _ = write!(o, "<span class=\"note\">Owner: {}</span>", xml(&x.owner));
                }
                o.push_str("</li>");
            }
        }
        Lane::Metrics => {
            for (n, m) in s.metrics.iter().enumerate() {
                let _ = write!(o, "<li>{}{}</li>", xml(&metric(m)), conf(n));
            }
        }
        Lane::Extra(_) => {
            for (n, i) in s.extra_items(lane).iter().enumerate() {
                let _ = write!(o, "<li>{}", xml_lines(&i.text));
                if !i.channel.is_empty() {
                    let _ = write!(o, " <span class=\"chan\">({})</span>", xml(&i.channel));
                }
                o.push_str(&conf(n));
                if !i.owner.is_empty() {
                    let _ = write!(o, "<span class=\"note\">Owner: {}</span>", xml(&i.owner));
                }
                if !i.serves.is_empty() {
                    let _ = write!(
                        o,
                        "<span class=\"note\">Serves: {}</span>",
                        xml_lines(&i.serves)
                    );
                }
                o.push_str("</li>");
            }
        }
    }
    o.push_str("</ul>");
}

/// The dots, with the count for screen readers and tooltips.
fn votes(n: u32) -> String {
    match n {
        0 => String::new(),
        1 => format!(" <span class=\"votes\" title=\"1 vote\">{}</span>", dots(1)),
        n => format!(
            " <span class=\"votes\" title=\"{n} votes\">{}</span>",
            dots(n)
        ),
    }
}

fn badge(l: Level) -> String {
    format!("<span class=\"badge {0}\">{0}</span>", l.name())
}

/// The curve's marker shape of a score as a character (the SVG's shapes).
fn marker_glyph(v: f64) -> &'static str {
    match pal::marker(v) {
        pal::Marker::TriangleDown => "▼",
        pal::Marker::Diamond => "◆",
        pal::Marker::Circle => "●",
        pal::Marker::Square => "■",
        pal::Marker::TriangleUp => "▲",
    }
}

/// What a score's band means, in words.
fn band_word(v: f64) -> &'static str {
    const WORDS: [&str; 5] = [
        "very negative",
        "negative",
        "neutral",
        "positive",
        "very positive",
    ];
    WORDS
        .get(crate::model::wording::score_band(v))
        .copied()
        .unwrap_or("neutral")
}
