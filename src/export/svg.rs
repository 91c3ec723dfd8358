//! The whole map as one SVG poster (header, persona, grid, emotion curve), for
//! slides and walls. SVG has no text layout, so text is wrapped here with a width
//! estimate (`text::wrap`), with some slack for wider fonts; rows grow to fit
//! their longest cell, so nothing is cut.
//!
//! A map that holds evidence shows each card's confidence as a glyph and a word
//! (`◐ research`) with the ids it cites (`[int-07]`), a stage's own citations
//! under its goal, and ends with an evidence list those ids point into, with a
//! legend of the marks.
//!
//! The PDF and PNG exports draw with the same pieces (`Grid`, `persona`), a part
//! of the grid per page, so a page shows exactly what the poster shows.

use std::fmt::Write;
use std::ops::Range;

use super::curve;
use super::palette::{self as pal, ACCENT, CARD, INK, MUTED, ON_ACCENT_SOFT, PAPER, RULE};
use super::text::{metric, wrap, xml};
use crate::model::wording::{level_tag, touchpoint, with_note, with_votes};
use crate::model::{BlueprintLine, JourneyMap, Lane, LaneItem, Level, Persona, Stage};

pub(super) const MARGIN: f64 = 32.0;
pub(super) const LANE_W: f64 = 130.0;
/// Narrowest stage column; fewer stages get wider columns so the grid spans
/// the poster's minimum width.
pub(super) const MIN_COL_W: f64 = 230.0;
const MIN_WIDTH: f64 = 1200.0;
pub(super) const PAD: f64 = 10.0;
pub(super) const FONT: f64 = 13.0;
pub(super) const LINE: f64 = 17.0;
pub(super) const CURVE_H: f64 = 130.0;
/// Share of a box's width that wrapped text may fill: the estimate is rough.
const SLACK: f64 = 0.9;
/// Space below each card in a lane.
const GAP: f64 = 4.0;
/// The fonts asked for: the reader's own in a browser; the PDF and PNG exports
/// resolve `sans-serif` to the font cjm bundles.
pub(super) const FONTS: &str =
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif";

/// One piece of text to draw: lines of at most a width, an optional coloured tag
/// at the start of the first line.
pub(super) struct Block {
    tag: Option<(String, &'static str)>,
    pub(super) lines: Vec<String>,
}

impl Block {
    pub(super) fn new(tag: Option<(String, &'static str)>, text: &str, width: f64) -> Block {
        Block::sized(tag, text, width, FONT)
    }

    /// A block of text at another font size.
    pub(super) fn sized(
        tag: Option<(String, &'static str)>,
        text: &str,
        width: f64,
        size: f64,
    ) -> Block {
        let full = match &tag {
            Some((t, _)) => format!("{t} {text}"),
            None => text.to_string(),
        };
        Block {
            tag,
            lines: wrap(&full, width * SLACK / size),
        }
    }

    pub(super) fn height(&self) -> f64 {
        self.lines.len() as f64 * LINE
    }
}

/// Accumulates the SVG body.
#[derive(Default)]
pub(super) struct Canvas {
    pub(super) out: String,
}

impl Canvas {
    /// A rectangle at `(x, y, width, height)`.
    pub(super) fn rect(
        &mut self,
        (x, y, w, h): (f64, f64, f64, f64),
        fill: &str,
        stroke: &str,
        r: f64,
    ) {
        let _ = writeln!(
            self.out,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" rx=\"{r}\" fill=\"{fill}\" stroke=\"{stroke}\"/>"
        );
    }

    /// A row's name in the left column, in small capitals: the emotion curve's
    /// and each lane's, drawn alike.
    fn row_heading(&mut self, x: f64, y: f64, title: &str) {
        let t = title.to_uppercase();
        self.text(x + PAD, y + PAD + FONT, 11.0, "700", MUTED, &t);
    }

    /// A lane's name in the left column, in small capitals, wrapped to the
    /// column: a team's own titles ("Support processes (systems, suppliers)")
    /// are longer than the seven's.
    fn lane_heading(&mut self, x: f64, y: f64, title: &str) {
        for (i, line) in heading_lines(title).iter().enumerate() {
            self.text(
                x + PAD,
                y + PAD + FONT + i as f64 * LINE,
                11.0,
                "700",
                MUTED,
                line,
            );
        }
    }

    /// One line of text; `text` is raw map text, escaped here.
    pub(super) fn text(&mut self, x: f64, y: f64, size: f64, weight: &str, fill: &str, text: &str) {
        let _ = writeln!(
            self.out,
            "<text x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"{size}\" font-weight=\"{weight}\" fill=\"{fill}\">{}</text>",
            xml(text)
        );
    }

    /// A block with its first line at baseline `y`; returns the height drawn.
    /// A tag is a badge (white on the tag's colour) and the text starts after
    /// it: two `<text>` elements, never a `<tspan>` in another font, since usvg
    /// can panic merging two shapings of one line (combining marks).
    pub(super) fn block(&mut self, x: f64, y: f64, b: &Block, fill: &str) -> f64 {
        for (i, line) in b.lines.iter().enumerate() {
            let by = y + i as f64 * LINE;
            let tagged = match &b.tag {
                Some((t, colour)) if i == 0 => {
                    line.strip_prefix(t.as_str()).map(|rest| (t, *colour, rest))
                }
                _ => None,
            };
            match tagged {
                Some((t, colour, rest)) => {
                    self.rect((x, by - 11.0, BADGE_W, 14.0), colour, colour, 3.0);
                    let _ = writeln!(
                        self.out,
                        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" font-weight=\"700\" fill=\"{PAPER}\" text-anchor=\"middle\">{}</text>",
                        x + BADGE_W / 2.0,
                        by - 0.5,
                        xml(t)
                    );
                    self.text(x + BADGE_W + 5.0, by, FONT, "400", fill, rest.trim_start());
                }
                None => self.text(x, by, FONT, "400", fill, line),
            }
        }
        b.height()
    }
}

/// A lane heading's lines: the seven journey lanes' titles fit on one.
fn heading_lines(title: &str) -> Vec<String> {
    wrap(&title.to_uppercase(), (LANE_W - 2.0 * PAD) * SLACK / 11.0)
}

/// The height of a blueprint line's band between two lanes.
pub(super) const BLUEPRINT_LINE_H: f64 = 22.0;

/// The width of a tag's badge: "[H]" or "4/5" in 10 px bold, with room for any
/// font's widths.
const BADGE_W: f64 = 28.0;

/// The SVG document around a body: `<title>` and `<desc>` first, so a screen
/// reader announces the map by name and says what the picture holds.
pub(super) fn document(width: f64, height: f64, title: &str, desc: &str, body: &str) -> String {
    let mut o = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.2}\" height=\"{height:.2}\" viewBox=\"0 0 {width:.2} {height:.2}\" font-family=\"{FONTS}\" role=\"img\" aria-labelledby=\"title desc\">\n"
    );
    let _ = writeln!(o, "<title id=\"title\">{}</title>", xml(title));
    let _ = writeln!(o, "<desc id=\"desc\">{}</desc>", xml(desc));
    let _ = writeln!(
        o,
        "<rect x=\"0\" y=\"0\" width=\"{width:.2}\" height=\"{height:.2}\" fill=\"{PAPER}\"/>"
    );
    o.push_str(body);
    o.push_str("</svg>\n");
    o
}

/// What the picture holds, in words, for `<desc>`: the summary, the persona and
/// the curve's mean per stage, so the curve is not only a line.
pub(super) fn description(map: &JourneyMap) -> String {
    let mut d = format!(
        "Customer journey map with {}",
        super::text::stages(map.stages.len())
    );
    if super::personas::several(map) {
        let names: Vec<&str> = map.personas().map(|p| p.name.as_str()).collect();
        let _ = write!(d, " for the personas {}", names.join(", "));
    } else if !map.persona.name.is_empty() {
        let _ = write!(d, " for the persona {}", map.persona.name);
    }
    d.push('.');
    if !map.summary.is_empty() {
        let _ = write!(d, " {}", map.summary);
    }
    if let Some(words) = super::curve::in_words(map) {
        let _ = write!(d, " {words}.");
    }
    if map.has_evidence() {
        let n = map.evidence.len();
        let _ = write!(
            d,
            " Each card shows its confidence (? assumption, ◐ research, ● measured) and the evidence it cites; {n} piece{} of evidence listed at the end.",
            if n == 1 { "" } else { "s" }
        );
    }
    d
}

pub fn export(map: &JourneyMap) -> String {
    let n = map.stages.len();
    let width = 2.0 * MARGIN + LANE_W + n as f64 * col_w(map);
    let mut c = Canvas::default();
    let mut y = MARGIN;
    y += heading(&mut c, map, MARGIN, y, width - 2.0 * MARGIN);
    y += persona(&mut c, map, MARGIN, y, width - 2.0 * MARGIN) + 16.0;
    let grid = Grid::new(map, 0..n, MARGIN, col_w(map));
    y += grid.draw_all(&mut c, y, None);
    if map.has_evidence() {
        y += 16.0;
        y += evidence(&mut c, map, MARGIN, y, width - 2.0 * MARGIN);
    }
    let height = y + MARGIN;
    document(width, height, &map.title, &description(map), &c.out)
}

/// The evidence list under the grid: a legend of the confidence marks, then
/// each entry with its source, who, when, link and quote. Returns the height.
pub(super) fn evidence(c: &mut Canvas, map: &JourneyMap, left: f64, top: f64, inner: f64) -> f64 {
    use super::evidence::{mark, meaning};
    let mut y = top;
    c.text(left, y + 18.0, 18.0, "700", ACCENT, "Evidence");
    y += 28.0;
    let legend: Vec<String> = crate::model::Confidence::ALL
        .iter()
        .map(|k| format!("{} ({})", mark(*k), meaning(*k)))
        .collect();
    let b = Block::new(None, &format!("Confidence: {}", legend.join(" · ")), inner);
    y += c.block(left, y + FONT, &b, MUTED) + 6.0;
    for e in &map.evidence {
        let mut about = vec![e.source.label().to_string()];
        for f in [&e.from, &e.date, &e.link] {
            if !f.is_empty() {
                about.push(f.clone());
            }
        }
        let line = format!("[{}] {} — “{}”", e.id, about.join(" · "), e.text);
        let b = Block::new(None, &line, inner);
        y += c.block(left, y + FONT, &b, INK) + GAP;
    }
    y - top
}

/// ` — ◐ research [int-07]` after a card of a map that holds evidence, nothing
/// otherwise (actions and thoughts: their stage shows it).
fn confidence(map: &JourneyMap, stage: usize, lane: Lane, n: usize) -> String {
    match (lane, map.confidence_of(stage, lane, n)) {
        (Lane::Actions | Lane::Thoughts, _) | (_, None) => String::new(),
        (_, Some(c)) => {
            let refs = super::evidence::refs(map.citations(stage, lane, n).unwrap_or_default());
            let mut t = format!(" — {}", super::evidence::mark(c));
            if !refs.is_empty() {
                t = format!("{t} {refs}");
            }
            t
        }
    }
}

/// The title, summary and framework line; returns the height drawn.
pub(super) fn heading(c: &mut Canvas, map: &JourneyMap, left: f64, top: f64, inner: f64) -> f64 {
    let mut y = top;
    for line in wrap(&map.title, inner * SLACK / 28.0) {
        c.text(left, y + 28.0, 28.0, "700", ACCENT, &line);
        y += 34.0;
    }
    y += 8.0;
    if !map.summary.is_empty() {
        let b = Block::new(None, &map.summary, inner);
        y += c.block(left, y + FONT, &b, MUTED);
    }
    let mut meta = super::text::stages(map.stages.len());
    if let Some(f) = super::chosen_framework(map) {
        meta = format!("Framework: {} · {meta}", f);
    }
    c.text(left, y + FONT, 12.0, "400", MUTED, &meta);
    y += LINE + 12.0;
    y - top
}

/// The persona card (and objectives), one card per persona of a map with
/// several, each headed with her curve's marker and line; returns the height.
pub(super) fn persona(c: &mut Canvas, map: &JourneyMap, left: f64, top: f64, inner: f64) -> f64 {
    if !super::personas::several(map) {
        return persona_card(c, &map.persona, &map.objectives, None, left, top, inner);
    }
    let mut y = top;
    for (i, p) in map.personas().enumerate() {
        let objectives: &[String] = if i == 0 { &map.objectives } else { &[] };
        y += persona_card(c, p, objectives, Some(i), left, y, inner) + 8.0;
    }
    y - top - 8.0
}

/// One persona's card; `style` (her place on a map of several) draws her
/// curve's line and marker before her name, the legend the curve refers to.
fn persona_card(
    c: &mut Canvas,
    p: &Persona,
    objectives: &[String],
    style: Option<usize>,
    left: f64,
    top: f64,
    inner: f64,
) -> f64 {
    let left_w = (inner * 0.32).min(420.0);
    let mut columns: Vec<(&str, &[String])> = vec![
        ("GOALS", &p.goals),
        ("NEEDS", &p.needs),
        ("FRUSTRATIONS", &p.frustrations),
        ("BEHAVIORS", &p.behaviors),
    ];
    if !objectives.is_empty() {
        columns.push(("OBJECTIVES", objectives));
    }
    columns.retain(|(_, items)| !items.is_empty());
    let col_w = if columns.is_empty() {
        0.0
    } else {
        (inner - left_w - PAD) / columns.len() as f64
    };

    // Measure first, then draw the card behind the text.
    // Room for the curve sample before a persona's name on a map of several.
    let sample_w = if style.is_some() { 44.0 } else { 0.0 };
    let mut who = Vec::new();
    who.push((
        Block::new(None, &p.name, left_w - 2.0 * PAD - sample_w),
        INK,
        true,
    ));
    if !p.role.is_empty() {
        who.push((Block::new(None, &p.role, left_w - 2.0 * PAD), MUTED, false));
    }
    if !p.quote.is_empty() {
        let q = format!("“{}”", p.quote);
        who.push((Block::new(None, &q, left_w - 2.0 * PAD), INK, false));
    }
    if !p.summary.is_empty() {
        who.push((
            Block::new(None, &p.summary, left_w - 2.0 * PAD),
            MUTED,
            false,
        ));
    }
    for (l, v) in &p.traits {
        let t = format!("{l}: {v}");
        who.push((Block::new(None, &t, left_w - 2.0 * PAD), INK, false));
    }
    let left_h: f64 = who.iter().map(|(b, _, _)| b.height() + 4.0).sum::<f64>() + 6.0;
    let blocks: Vec<Vec<Block>> = columns
        .iter()
        .map(|(_, items)| {
            items
                .iter()
                .map(|t| Block::new(None, &format!("• {t}"), col_w - 2.0 * PAD))
                .collect()
        })
        .collect();
    let cols_h = blocks
        .iter()
        .map(|bs| LINE + 4.0 + bs.iter().map(|b| b.height() + 3.0).sum::<f64>())
        .fold(0.0, f64::max);
    let h = left_h.max(cols_h) + 2.0 * PAD;

    c.rect((left, top, inner, h), CARD, RULE, 8.0);
    let mut y = top + PAD + FONT;
    if let Some(k) = style {
        sample(c, k, left + PAD, y - 2.0, 36.0);
    }
    for (i, (b, fill, bold)) in who.iter().enumerate() {
        if *bold && i == 0 {
            for (j, line) in b.lines.iter().enumerate() {
                c.text(
                    left + PAD + sample_w,
                    y + 3.0 + j as f64 * LINE,
                    17.0,
                    "700",
                    fill,
                    line,
                );
            }
            y += b.height() + 8.0;
        } else {
            y += c.block(left + PAD, y, b, fill) + 4.0;
        }
    }
    for (k, ((title, _), bs)) in columns.iter().zip(&blocks).enumerate() {
        let x = left + left_w + PAD + k as f64 * col_w;
        let mut y = top + PAD + FONT;
        c.text(x + PAD, y, 11.0, "700", MUTED, title);
        y += LINE + 4.0;
        for b in bs {
            y += c.block(x + PAD, y, b, INK) + 3.0;
        }
    }
    h
}

/// A persona's curve as a legend shows it: a short line in her colour and
/// dash with her marker in the middle, `width` wide from `x` at height `y`.
pub(super) fn sample(c: &mut Canvas, index: usize, x: f64, y: f64, width: f64) {
    let (st, colour) = super::personas::style(index);
    let _ = writeln!(
        c.out,
        "<path d=\"M{x:.1} {y:.1} h{width:.1}\" stroke=\"{colour}\" stroke-width=\"3\"{}/>",
        dash_attr(st.dash)
    );
    c.out
        .push_str(&persona_marker(index, x + width / 2.0, y, 6.0, colour));
    c.out.push('\n');
}

/// ` stroke-dasharray="8 5"`, or nothing for a solid line.
pub(super) fn dash_attr(dash: &str) -> String {
    if dash.is_empty() {
        String::new()
    } else {
        format!(" stroke-dasharray=\"{dash}\"")
    }
}

/// A persona's marker (circle, square, triangle, diamond, star, cross) of
/// radius `r` centred on `(x, y)`.
pub(super) fn persona_marker(index: usize, x: f64, y: f64, r: f64, fill: &str) -> String {
    let st = crate::model::persona_style(index);
    let shape = match st.marker_name {
        "square" => pal::Marker::Square,
        "triangle" => pal::Marker::TriangleUp,
        "diamond" => pal::Marker::Diamond,
        "circle" => pal::Marker::Circle,
        other => {
            let stroke = format!("fill=\"{fill}\" stroke=\"{PAPER}\" stroke-width=\"1.5\"");
            let points: Vec<(f64, f64)> = if other == "star" {
                (0..10)
                    .map(|k| {
                        let a =
                            std::f64::consts::PI * (k as f64) / 5.0 - std::f64::consts::FRAC_PI_2;
                        let rr = if k % 2 == 0 { r * 1.35 } else { r * 0.6 };
                        (x + rr * a.cos(), y + rr * a.sin())
                    })
                    .collect()
            } else {
                let (a, b) = (r * 1.2, r * 0.45);
                vec![
                    (x - b, y - a),
                    (x + b, y - a),
                    (x + b, y - b),
                    (x + a, y - b),
                    (x + a, y + b),
                    (x + b, y + b),
                    (x + b, y + a),
                    (x - b, y + a),
                    (x - b, y + b),
                    (x - a, y + b),
                    (x - a, y - b),
                    (x - b, y - b),
                ]
            };
            let d: Vec<String> = points
                .iter()
                .enumerate()
                .map(|(k, (px, py))| format!("{}{px:.1} {py:.1}", if k == 0 { 'M' } else { 'L' }))
                .collect();
            return format!("<path d=\"{} Z\" {stroke}/>", d.join(" "));
        }
    };
    pal::marker_svg(shape, x, y, r, fill)
}

/// The width of every stage column of the poster.
fn col_w(map: &JourneyMap) -> f64 {
    let n = map.stages.len().max(1) as f64;
    ((MIN_WIDTH - 2.0 * MARGIN - LANE_W) / n).max(MIN_COL_W)
}

/// Cards of one lane, one list per stage column.
pub(super) struct LaneCards(pub(super) Vec<Vec<Block>>);

impl std::ops::Deref for LaneCards {
    type Target = [Vec<Block>];
    fn deref(&self) -> &[Vec<Block>] {
        &self.0
    }
}

impl LaneCards {
    /// Which columns have no cards at all.
    pub(super) fn nones(&self) -> Vec<bool> {
        self.0.iter().map(Vec::is_empty).collect()
    }

    /// Every column's cards, as slices.
    pub(super) fn columns(&self) -> Vec<&[Block]> {
        self.0.iter().map(Vec::as_slice).collect()
    }
}

/// A run of stage columns of the grid: the poster draws all of them, a PDF page
/// the ones that fit its width, a slide one.
pub(super) struct Grid<'a> {
    map: &'a JourneyMap,
    stages: Range<usize>,
    left: f64,
    cw: f64,
}

impl<'a> Grid<'a> {
    /// Stages `stages` of `map`, the lane headings' column at `left`, each stage
    /// column `cw` wide.
    pub(super) fn new(map: &'a JourneyMap, stages: Range<usize>, left: f64, cw: f64) -> Grid<'a> {
        let stages = stages.start.min(map.stages.len())..stages.end.min(map.stages.len());
        Grid {
            map,
            stages,
            left,
            cw,
        }
    }

    pub(super) fn map(&self) -> &'a JourneyMap {
        self.map
    }

    fn shown(&self) -> impl Iterator<Item = (usize, &'a Stage)> + '_ {
        self.map
            .stages
            .iter()
            .enumerate()
            .skip(self.stages.start)
            .take(self.stages.len())
    }

    pub(super) fn width(&self) -> f64 {
        LANE_W + self.stages.len() as f64 * self.cw
    }

    fn x0(&self) -> f64 {
        self.left + LANE_W
    }

    /// The header band, curve and every lane in full; returns the height drawn.
    pub(super) fn draw_all(&self, c: &mut Canvas, top: f64, mark: Option<usize>) -> f64 {
        if self.stages.is_empty() {
            c.text(
                self.left,
                top + FONT,
                FONT,
                "400",
                MUTED,
                "This map has no stages yet.",
            );
            return LINE;
        }
        let mut y = top;
        y += self.draw_all_but_lanes(c, y, mark);
        for lane in self.map.lane_sequence() {
            if let Some(line) = self.map.line_above(lane) {
                y += self.draw_blueprint_line(c, y, line);
            }
            let cards = self.cards(lane);
            let title = self.map.lane_title(lane);
            y += self.draw_lane(c, y, &title, &cards.columns(), false, &cards.nones());
        }
        y - top
    }

    /// A blueprint's line between two lanes: dashed across the whole grid,
    /// its name written on it at the left. Returns the height of its band.
    pub(super) fn draw_blueprint_line(&self, c: &mut Canvas, top: f64, line: BlueprintLine) -> f64 {
        let mid = top + BLUEPRINT_LINE_H / 2.0;
        let label = line.label().to_uppercase();
        let label_w = super::text::width_em(&label) * 10.0 + 2.0 * PAD;
        let _ = writeln!(
            c.out,
            "<path d=\"M{:.1} {mid:.1} H{:.1}\" stroke=\"{ACCENT}\" stroke-width=\"2\" stroke-dasharray=\"8 5\"/>",
            self.left,
            self.left + self.width()
        );
        c.rect(
            (self.left + PAD, mid - 8.0, label_w, 16.0),
            PAPER,
            PAPER,
            0.0,
        );
        c.text(
            self.left + 2.0 * PAD,
            mid + 4.0,
            10.0,
            "700",
            ACCENT,
            &label,
        );
        BLUEPRINT_LINE_H
    }

    /// The height a lane's heading needs: one line for the seven's titles.
    pub(super) fn heading_height(title: &str, continued: bool) -> f64 {
        let n = heading_lines(title).len();
        let n = if continued && n > 1 { n + 1 } else { n };
        n as f64 * LINE + 2.0 * PAD
    }

    /// The header band and the curve; returns the height drawn.
    pub(super) fn draw_all_but_lanes(&self, c: &mut Canvas, top: f64, mark: Option<usize>) -> f64 {
        let h = self.draw_header(c, top, mark);
        h + self.draw_curve(c, top + h, mark)
    }

    fn stage_header(&self, i: usize, s: &Stage) -> (Block, Option<Block>) {
        let w = self.cw - 2.0 * PAD;
        let name = Block::sized(None, &format!("{}. {}", i + 1, s.name), w, 14.0);
        let mut goal = s.goal.clone();
        if let Some(c) = self.map.stage_confidence(i) {
            let refs = super::evidence::refs(&s.evidence);
            let conf = format!("Doing and thinking: {} {refs}", super::evidence::mark(c));
            goal = if goal.is_empty() {
                conf.trim_end().to_string()
            } else {
                format!("{goal} — {}", conf.trim_end())
            };
        }
        let goal = (!goal.is_empty()).then(|| Block::new(None, &goal, w));
        (name, goal)
    }

    pub(super) fn header_height(&self) -> f64 {
        self.shown()
            .map(|(i, s)| {
                let (n, g) = self.stage_header(i, s);
                n.height() + g.map_or(0.0, |g| g.height() + 2.0)
            })
            .fold(LINE, f64::max)
            + 2.0 * PAD
    }

    /// The stage names and goals on the accent band; the stage `mark` (a slide's
    /// own) on Okabe–Ito blue. Returns the height.
    pub(super) fn draw_header(&self, c: &mut Canvas, top: f64, mark: Option<usize>) -> f64 {
        let hh = self.header_height();
        c.rect((self.left, top, self.width(), hh), ACCENT, ACCENT, 0.0);
        c.text(
            self.left + PAD,
            top + PAD + FONT,
            11.0,
            "700",
            PAPER,
            "STAGE",
        );
        for (k, (i, s)) in self.shown().enumerate() {
            let x = self.x0() + k as f64 * self.cw;
            if mark == Some(i) {
                c.rect((x, top, self.cw, hh), pal::MARK, pal::MARK, 0.0);
            }
            let (name, goal) = self.stage_header(i, s);
            let mut y = top + PAD + FONT;
            for (j, line) in name.lines.iter().enumerate() {
                c.text(x + PAD, y + j as f64 * LINE, 14.0, "700", PAPER, line);
            }
            y += name.height() + 2.0;
            if let Some(g) = goal {
                let fill = if mark == Some(i) {
                    PAPER
                } else {
                    ON_ACCENT_SOFT
                };
                c.block(x + PAD, y, &g, fill);
            }
        }
        hh
    }

    /// The height of the curve's row: taller on a map of several personas,
    /// whose legend sits above the curves.
    pub(super) fn curve_height(&self) -> f64 {
        if super::personas::several(self.map) {
            CURVE_H + self.legend_height()
        } else {
            CURVE_H
        }
    }

    /// The legend's rows: as many persona entries on a row as the grid's
    /// width holds.
    fn legend_rows(&self) -> Vec<Vec<(usize, String, f64)>> {
        let room = (self.width() - LANE_W - 2.0 * PAD).max(200.0);
        let mut rows: Vec<Vec<(usize, String, f64)>> = vec![Vec::new()];
        let mut used = 0.0;
        for (i, p) in self.map.personas().enumerate() {
            let label = format!("{} ({})", p.name, super::personas::style_words(i));
            let w = 52.0 + super::text::width_em(&label) * 12.0 + 18.0;
            if used + w > room && used > 0.0 {
                rows.push(Vec::new());
                used = 0.0;
            }
            if let Some(r) = rows.last_mut() {
                r.push((i, label, w));
            }
            used += w;
        }
        rows
    }

    fn legend_height(&self) -> f64 {
        self.legend_rows().len() as f64 * 20.0 + 8.0
    }

    /// The emotion curve over these stages, each point in its band's colour and
    /// shape with its value written beside it; the stage `mark` gets a ring and
    /// the words "this stage". A map of several personas draws one curve per
    /// persona in her colour, line style and marker, under a legend naming
    /// them. Returns the height.
    pub(super) fn draw_curve(&self, c: &mut Canvas, top: f64, mark: Option<usize>) -> f64 {
        if super::personas::several(self.map) {
            return self.draw_curves(c, top, mark);
        }
        let (left, x0, cw) = (self.left, self.x0(), self.cw);
        let total_w = self.width();
        let y = top;
        c.rect((left, y, total_w, CURVE_H), PAPER, RULE, 0.0);
        c.rect((left, y, LANE_W, CURVE_H), CARD, RULE, 0.0);
        c.row_heading(left, y, "Emotion curve");
        let legend = [
            (PAD + FONT + LINE, "5 very positive"),
            (PAD + FONT + 2.0 * LINE, "1 very negative"),
        ];
        for (dy, t) in legend {
            c.text(left + PAD, y + dy, 11.0, "400", MUTED, t);
        }
        let cy = |v: f64| y + 15.0 + (5.0 - v.clamp(1.0, 5.0)) * (CURVE_H - 30.0) / 4.0;
        for level in [1.0, 3.0, 5.0] {
            let _ = writeln!(
                c.out,
                "<path d=\"M{x0:.1} {yy:.1} H{:.1}\" stroke=\"{RULE}\" stroke-dasharray=\"4 4\"/>",
                left + total_w,
                yy = cy(level)
            );
        }
        let points: Vec<Option<f64>> = self.shown().map(|(_, s)| s.curve_point()).collect();
        let (paths, dots) = curve::runs(&points, |k| x0 + (k as f64 + 0.5) * cw, cy);
        for d in paths {
            let _ = writeln!(
                c.out,
                "<path d=\"{d}\" fill=\"none\" stroke=\"{}\" stroke-width=\"3\"/>",
                pal::CURVE
            );
        }
        for (x, yy, v) in dots {
            c.out
                .push_str(&pal::marker_svg(pal::marker(v), x, yy, 7.0, pal::score(v)));
            c.out.push('\n');
            // The value above its marker, clear of the line (below it near the top).
            let ly = if yy - 17.0 - 12.0 < y {
                yy + 26.0
            } else {
                yy - 17.0
            };
            let _ = writeln!(
                c.out,
                "<text x=\"{x:.1}\" y=\"{ly:.1}\" font-size=\"12\" font-weight=\"700\" fill=\"{INK}\" text-anchor=\"middle\">{v:.1}</text>"
            );
        }
        for (k, (i, s)) in self.shown().enumerate() {
            let x = x0 + (k as f64 + 0.5) * cw;
            if s.curve_point().is_none() {
                let _ = writeln!(
                    c.out,
                    "<text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"{MUTED}\" text-anchor=\"middle\">no emotions</text>",
                    y + CURVE_H / 2.0
                );
            }
            if mark == Some(i) {
                if let Some(v) = s.curve_point() {
                    let _ = writeln!(
                        c.out,
                        "<circle cx=\"{x:.1}\" cy=\"{:.1}\" r=\"13\" fill=\"none\" stroke=\"{}\" stroke-width=\"3\"/>",
                        cy(v),
                        pal::MARK
                    );
                }
                let _ = writeln!(
                    c.out,
                    "<text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"11\" font-weight=\"700\" fill=\"{}\" text-anchor=\"middle\">this stage</text>",
                    y + CURVE_H - 4.0,
                    pal::MARK
                );
            }
        }
        CURVE_H
    }

    /// `draw_curve` for a map of several personas.
    fn draw_curves(&self, c: &mut Canvas, top: f64, mark: Option<usize>) -> f64 {
        let (left, x0, cw) = (self.left, self.x0(), self.cw);
        let total_w = self.width();
        let legend_h = self.legend_height();
        let h = CURVE_H + legend_h;
        c.rect((left, top, total_w, h), PAPER, RULE, 0.0);
        c.rect((left, top, LANE_W, h), CARD, RULE, 0.0);
        c.row_heading(left, top, "Emotion curves");
        for (dy, t) in [
            (legend_h + 15.0 + 4.0, "5 very positive"),
            (legend_h + CURVE_H - 15.0 + 4.0, "1 very negative"),
        ] {
            c.text(left + PAD, top + dy, 11.0, "400", MUTED, t);
        }
        for (r, row) in self.legend_rows().iter().enumerate() {
            let ly = top + 14.0 + r as f64 * 20.0;
            let mut lx = x0 + PAD;
            for (i, label, w) in row {
                sample(c, *i, lx, ly, 40.0);
                c.text(lx + 48.0, ly + 4.0, 12.0, "400", INK, label);
                lx += w;
            }
        }
        let y = top + legend_h;
        let cy = |v: f64| y + 15.0 + (5.0 - v.clamp(1.0, 5.0)) * (CURVE_H - 30.0) / 4.0;
        for level in [1.0, 3.0, 5.0] {
            let _ = writeln!(
                c.out,
                "<path d=\"M{x0:.1} {yy:.1} H{:.1}\" stroke=\"{RULE}\" stroke-dasharray=\"4 4\"/>",
                left + total_w,
                yy = cy(level)
            );
        }
        let curves = self.map.curves();
        let n = curves.len().max(1) as f64;
        for (i, p, points) in &curves {
            let (st, colour) = super::personas::style(*i);
            let shown: Vec<Option<f64>> = self
                .shown()
                .map(|(k, _)| points.get(k).copied().flatten())
                .collect();
            // Each persona's points a little apart, so equal scores stay visible.
            let shift = (*i as f64 - (n - 1.0) / 2.0) * 6.0;
            let (paths, dots) = curve::runs(&shown, |k| x0 + (k as f64 + 0.5) * cw + shift, cy);
            for d in paths {
                let _ = writeln!(
                    c.out,
                    "<path d=\"{d}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"3\"{}/>",
                    dash_attr(st.dash)
                );
            }
            for (x, yy, v) in dots {
                let _ = writeln!(c.out, "<g><title>{}: {v:.1}</title>", xml(&p.name));
                c.out.push_str(&persona_marker(*i, x, yy, 6.5, colour));
                c.out.push_str("\n</g>\n");
                let _ = writeln!(
                    c.out,
                    "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" font-weight=\"700\" fill=\"{colour}\" stroke=\"{PAPER}\" stroke-width=\"3\" paint-order=\"stroke\">{v:.1}</text>",
                    x + 10.0,
                    yy + 4.0
                );
            }
        }
        for (k, (i, _)) in self.shown().enumerate() {
            let x = x0 + (k as f64 + 0.5) * cw;
            let here: Vec<f64> = curves
                .iter()
                .filter_map(|(_, _, pts)| pts.get(i).copied().flatten())
                .collect();
            if here.is_empty() {
                let _ = writeln!(
                    c.out,
                    "<text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"{MUTED}\" text-anchor=\"middle\">no emotions</text>",
                    y + CURVE_H / 2.0
                );
            }
            if mark == Some(i) {
                let _ = writeln!(
                    c.out,
                    "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"none\" stroke=\"{}\" stroke-width=\"3\"/>",
                    x - cw / 2.0 + 3.0,
                    y + 3.0,
                    cw - 6.0,
                    CURVE_H - 6.0,
                    pal::MARK
                );
                let _ = writeln!(
                    c.out,
                    "<text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"11\" font-weight=\"700\" fill=\"{}\" text-anchor=\"middle\">this stage</text>",
                    y + CURVE_H - 8.0,
                    pal::MARK
                );
            }
        }
        h
    }

    /// The cards of `lane`, one list per stage column.
    pub(super) fn cards(&self, lane: Lane) -> LaneCards {
        LaneCards(
            self.shown()
                .map(|(i, s)| {
                    let sets = s.persona_sets(lane);
                    let conf = |n: usize| {
                        let mut t = confidence(self.map, i, lane, n);
                        let ids = sets.get(n).copied().unwrap_or_default();
                        if let Some(tag) = super::personas::item_tag(self.map, ids) {
                            t = format!("{t} — {tag}");
                        }
                        t
                    };
                    lane_blocks(self.map, s, lane, self.cw, &conf)
                })
                .collect(),
        )
    }

    /// The height a lane row needs for `cards`.
    pub(super) fn lane_height(cards: &[&[Block]]) -> f64 {
        cards
            .iter()
            .map(|bs| bs.iter().map(|b| b.height() + GAP).sum::<f64>())
            .fold(LINE, f64::max)
            + 2.0 * PAD
    }

    /// How many of `cards` (from the first) fit in `height`, never part of one.
    pub(super) fn fitting(cards: &[Block], height: f64) -> usize {
        let mut used = 2.0 * PAD;
        cards
            .iter()
            .take_while(|b| {
                used += b.height() + GAP;
                used <= height
            })
            .count()
    }

    /// One lane row headed `title`, with `cards` per stage column; returns its
    /// height. A row `continued` from the page before says so under its
    /// heading. An empty column shows "—" only where `none[k]` says the stage
    /// has no cards in this lane at all (not where they are on another page).
    pub(super) fn draw_lane(
        &self,
        c: &mut Canvas,
        top: f64,
        title: &str,
        cards: &[&[Block]],
        continued: bool,
        none: &[bool],
    ) -> f64 {
        let h = Self::lane_height(cards).max(Self::heading_height(title, continued));
        c.rect((self.left, top, LANE_W, h), CARD, RULE, 0.0);
        c.lane_heading(self.left, top, title);
        if continued {
            c.text(
                self.left + PAD,
                top + PAD + FONT + heading_lines(title).len() as f64 * LINE,
                11.0,
                "400",
                MUTED,
                "(continued)",
            );
        }
        for k in 0..self.stages.len() {
            let x = self.x0() + k as f64 * self.cw;
            c.rect((x, top, self.cw, h), PAPER, RULE, 0.0);
            let blocks = cards.get(k).copied().unwrap_or_default();
            if blocks.is_empty() && none.get(k).copied().unwrap_or(true) {
                c.text(x + PAD, top + PAD + FONT, FONT, "400", MUTED, "—");
            }
            let mut by = top + PAD + FONT;
            for b in blocks {
                by += c.block(x + PAD, by, b, INK) + GAP;
            }
        }
        h
    }
}

fn lane_blocks(
    map: &JourneyMap,
    s: &Stage,
    lane: Lane,
    col_w: f64,
    conf: &dyn Fn(usize) -> String,
) -> Vec<Block> {
    let w = col_w - 2.0 * PAD;
    let bullets = |items: &[String]| -> Vec<Block> {
        items
            .iter()
            .map(|t| Block::new(None, &format!("• {t}"), w))
            .collect()
    };
    match lane {
        Lane::Actions => bullets(&s.actions),
        Lane::Thoughts => bullets(&s.thoughts),
        Lane::Touchpoints => s
            .touchpoints
            .iter()
            .enumerate()
            .map(|(n, t)| Block::new(None, &format!("• {}{}", touchpoint(t), conf(n)), w))
            .collect(),
        Lane::Emotions => s
            .emotions
            .iter()
            .enumerate()
            .map(|(n, e)| {
                let tag = (format!("{}/5", e.score), pal::score(e.score as f64));
                let mut t = format!("{}{}", with_note(e.label.clone(), &e.note), conf(n));
                if let Some((_, who)) = super::personas::emotion_owner(map, e) {
                    t = format!("{who}: {t}");
                }
                Block::new(Some(tag), &t, w)
            })
            .collect(),
        Lane::PainPoints => s
            .pain_points
            .iter()
            .enumerate()
            .map(|(n, p)| {
                Block::new(
                    Some(tag(p.severity)),
                    &format!("{}{}", with_votes(p.text.clone(), p.votes), conf(n)),
                    w,
                )
            })
            .collect(),
        Lane::Optimizations => s
            .optimizations
            .iter()
            .enumerate()
            .map(|(n, x)| {
                let mut t = format!("{} ({})", x.text, x.status.label());
                if !x.owner.is_empty() {
                    t = format!("{t} — {}", x.owner);
                }
                let label = x.score_label();
                if !label.is_empty() {
                    t = format!("{t} {label}");
                }
                let t = format!("{}{}", with_votes(t, x.votes), conf(n));
                Block::new(Some(tag(x.priority)), &t, w)
            })
            .collect(),
        Lane::Metrics => s
            .metrics
            .iter()
            .enumerate()
            .map(|(n, m)| Block::new(None, &format!("• {}{}", metric(m), conf(n)), w))
            .collect(),
        Lane::Extra(_) => s
            .extra_items(lane)
            .iter()
            .enumerate()
            .map(|(n, i)| Block::new(None, &format!("• {}{}", lane_item(i), conf(n)), w))
            .collect(),
    }
}

/// An extra lane's card: the text, then who does it and how, then the action
/// it serves, as the other exports word it.
fn lane_item(i: &LaneItem) -> String {
    let mut t = i.text.clone();
    let who: Vec<&str> = [i.owner.as_str(), i.channel.as_str()]
        .into_iter()
        .filter(|x| !x.is_empty())
        .collect();
    if !who.is_empty() {
        t = format!("{t} — {}", who.join(", "));
    }
    if !i.serves.is_empty() {
        t = format!("{t} → serves: {}", i.serves);
    }
    t
}

/// The level's marker as every view draws it, in the level's colour.
fn tag(l: Level) -> (String, &'static str) {
    (level_tag(l).to_string(), pal::level(l))
}
