//! The whole map as one SVG poster (header, persona, grid, emotion curve), for
//! slides and walls. SVG has no text layout, so text is wrapped here with a width
//! estimate (`text::wrap`), with some slack for wider fonts; rows grow to fit
//! their longest cell, so nothing is cut.

use std::fmt::Write;

use super::curve;
use super::text::{metric, wrap, xml};
use crate::model::wording::{level_tag, touchpoint, with_note, with_votes};
use crate::model::{JourneyMap, Lane, Level, Stage};

const MARGIN: f64 = 32.0;
const LANE_W: f64 = 130.0;
/// Narrowest stage column; fewer stages get wider columns so the grid spans
/// the poster's minimum width.
const MIN_COL_W: f64 = 230.0;
const MIN_WIDTH: f64 = 1200.0;
const PAD: f64 = 10.0;
const FONT: f64 = 13.0;
const LINE: f64 = 17.0;
const CURVE_H: f64 = 130.0;
/// Share of a box's width that wrapped text may fill: the estimate is rough.
const SLACK: f64 = 0.9;

/// One piece of text to draw: lines of at most a width, an optional coloured tag
/// at the start of the first line.
struct Block {
    tag: Option<(String, &'static str)>,
    lines: Vec<String>,
}

impl Block {
    fn new(tag: Option<(String, &'static str)>, text: &str, width: f64) -> Block {
        let full = match &tag {
            Some((t, _)) => format!("{t} {text}"),
            None => text.to_string(),
        };
        Block {
            tag,
            lines: wrap(&full, width * SLACK / FONT),
        }
    }

    fn height(&self) -> f64 {
        self.lines.len() as f64 * LINE
    }
}

/// Accumulates the SVG body.
struct Canvas {
    out: String,
}

impl Canvas {
    /// A rectangle at `(x, y, width, height)`.
    fn rect(&mut self, (x, y, w, h): (f64, f64, f64, f64), fill: &str, stroke: &str, r: f64) {
        let _ = writeln!(
            self.out,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" rx=\"{r}\" fill=\"{fill}\" stroke=\"{stroke}\"/>"
        );
    }

    /// One line of text; `text` is raw map text, escaped here.
    /// A row's name in the left column, in small capitals: the emotion curve's
    /// and each lane's, drawn alike.
    fn row_heading(&mut self, y: f64, title: &str) {
        let t = title.to_uppercase();
        self.text(MARGIN + PAD, y + PAD + FONT, 11.0, "700", "#616e7c", &t);
    }

    fn text(&mut self, x: f64, y: f64, size: f64, weight: &str, fill: &str, text: &str) {
        let _ = writeln!(
            self.out,
            "<text x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"{size}\" font-weight=\"{weight}\" fill=\"{fill}\">{}</text>",
            xml(text)
        );
    }

    /// A block with its first line at baseline `y`; returns the height drawn.
    fn block(&mut self, x: f64, y: f64, b: &Block, fill: &str) -> f64 {
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
                    let _ = writeln!(
                        self.out,
                        "<text x=\"{x:.1}\" y=\"{by:.1}\" font-size=\"{FONT}\" fill=\"{fill}\"><tspan font-weight=\"700\" fill=\"{colour}\">{}</tspan>{}</text>",
                        xml(t),
                        xml(rest)
                    );
                }
                None => self.text(x, by, FONT, "400", fill, line),
            }
        }
        b.height()
    }
}

pub fn export(map: &JourneyMap) -> String {
    let n = map.stages.len();
    let width = 2.0 * MARGIN + LANE_W + n as f64 * col_w(map);
    let mut c = Canvas { out: String::new() };
    let mut y = MARGIN;

    // Header.
    for line in wrap(&map.title, (width - 2.0 * MARGIN) * SLACK / 28.0) {
        c.text(MARGIN, y + 28.0, 28.0, "700", "#2f5d8a", &line);
        y += 34.0;
    }
    y += 8.0;
    if !map.summary.is_empty() {
        let b = Block::new(None, &map.summary, width - 2.0 * MARGIN);
        y += c.block(MARGIN, y + FONT, &b, "#616e7c");
    }
    let mut meta = super::text::stages(n);
    if let Some(f) = super::chosen_framework(map) {
        meta = format!("Framework: {} · {meta}", f);
    }
    c.text(MARGIN, y + FONT, 12.0, "400", "#616e7c", &meta);
    y += LINE + 12.0;

    y += persona(&mut c, map, y, width) + 16.0;
    grid(&mut c, map, y);
    let height = y + grid_height(map) + MARGIN;

    let mut o = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif\">\n"
    );
    let _ = writeln!(o, "<title>{}</title>", xml(&map.title));
    let _ = writeln!(
        o,
        "<rect x=\"0\" y=\"0\" width=\"{width:.0}\" height=\"{height:.0}\" fill=\"#ffffff\"/>"
    );
    o.push_str(&c.out);
    o.push_str("</svg>\n");
    o
}

/// The persona card (and objectives); returns its height.
fn persona(c: &mut Canvas, map: &JourneyMap, top: f64, width: f64) -> f64 {
    let p = &map.persona;
    let inner = width - 2.0 * MARGIN;
    let left_w = (inner * 0.32).min(420.0);
    let mut columns: Vec<(&str, &[String])> = vec![
        ("GOALS", &p.goals),
        ("NEEDS", &p.needs),
        ("FRUSTRATIONS", &p.frustrations),
        ("BEHAVIORS", &p.behaviors),
    ];
    if !map.objectives.is_empty() {
        columns.push(("OBJECTIVES", &map.objectives));
    }
    columns.retain(|(_, items)| !items.is_empty());
    let col_w = if columns.is_empty() {
        0.0
    } else {
        (inner - left_w - PAD) / columns.len() as f64
    };

    // Measure first, then draw the card behind the text.
    let mut left = Vec::new();
    left.push((
        Block::new(None, &p.name, left_w - 2.0 * PAD),
        "#1f2933",
        true,
    ));
    if !p.role.is_empty() {
        left.push((
            Block::new(None, &p.role, left_w - 2.0 * PAD),
            "#616e7c",
            false,
        ));
    }
    if !p.quote.is_empty() {
        let q = format!("“{}”", p.quote);
        left.push((Block::new(None, &q, left_w - 2.0 * PAD), "#1f2933", false));
    }
    if !p.summary.is_empty() {
        left.push((
            Block::new(None, &p.summary, left_w - 2.0 * PAD),
            "#616e7c",
            false,
        ));
    }
    for (l, v) in &p.traits {
        let t = format!("{l}: {v}");
        left.push((Block::new(None, &t, left_w - 2.0 * PAD), "#1f2933", false));
    }
    let left_h: f64 = left.iter().map(|(b, _, _)| b.height() + 4.0).sum::<f64>() + 6.0;
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

    c.rect((MARGIN, top, inner, h), "#f5f7fa", "#d9e2ec", 8.0);
    let mut y = top + PAD + FONT;
    for (i, (b, fill, bold)) in left.iter().enumerate() {
        if *bold && i == 0 {
            for (j, line) in b.lines.iter().enumerate() {
                c.text(
                    MARGIN + PAD,
                    y + 3.0 + j as f64 * LINE,
                    17.0,
                    "700",
                    fill,
                    line,
                );
            }
            y += b.height() + 8.0;
        } else {
            y += c.block(MARGIN + PAD, y, b, fill) + 4.0;
        }
    }
    for (k, ((title, _), bs)) in columns.iter().zip(&blocks).enumerate() {
        let x = MARGIN + left_w + PAD + k as f64 * col_w;
        let mut y = top + PAD + FONT;
        c.text(x + PAD, y, 11.0, "700", "#616e7c", title);
        y += LINE + 4.0;
        for b in bs {
            y += c.block(x + PAD, y, b, "#1f2933") + 3.0;
        }
    }
    h
}

/// The width of every stage column.
fn col_w(map: &JourneyMap) -> f64 {
    let n = map.stages.len().max(1) as f64;
    ((MIN_WIDTH - 2.0 * MARGIN - LANE_W) / n).max(MIN_COL_W)
}

fn stage_header(s: &Stage, i: usize, col_w: f64) -> (Block, Option<Block>) {
    let name = Block::new(None, &format!("{}. {}", i + 1, s.name), col_w - 2.0 * PAD);
    let goal = (!s.goal.is_empty()).then(|| Block::new(None, &s.goal, col_w - 2.0 * PAD));
    (name, goal)
}

fn header_height(map: &JourneyMap) -> f64 {
    map.stages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (n, g) = stage_header(s, i, col_w(map));
            n.height() + g.map_or(0.0, |g| g.height() + 2.0)
        })
        .fold(LINE, f64::max)
        + 2.0 * PAD
}

fn lane_blocks(s: &Stage, lane: Lane, col_w: f64) -> Vec<Block> {
    let w = col_w - 2.0 * PAD;
    match lane {
        Lane::Actions => s
            .actions
            .iter()
            .map(|t| Block::new(None, &format!("• {t}"), w))
            .collect(),
        Lane::Thoughts => s
            .thoughts
            .iter()
            .map(|t| Block::new(None, &format!("• {t}"), w))
            .collect(),
        Lane::Touchpoints => s
            .touchpoints
            .iter()
            .map(|t| Block::new(None, &format!("• {}", touchpoint(t)), w))
            .collect(),
        Lane::Emotions => s
            .emotions
            .iter()
            .map(|e| {
                let tag = (format!("{}/5", e.score), curve::colour(e.score as f64));
                Block::new(Some(tag), &with_note(e.label.clone(), &e.note), w)
            })
            .collect(),
        Lane::PainPoints => s
            .pain_points
            .iter()
            .map(|p| {
                Block::new(
                    Some(tag(p.severity)),
                    &with_votes(p.text.clone(), p.votes),
                    w,
                )
            })
            .collect(),
        Lane::Optimizations => s
            .optimizations
            .iter()
            .map(|x| {
                let mut t = format!("{} ({})", x.text, x.status.label());
                if !x.owner.is_empty() {
                    t = format!("{t} — {}", x.owner);
                }
                Block::new(Some(tag(x.priority)), &with_votes(t, x.votes), w)
            })
            .collect(),
        Lane::Metrics => s
            .metrics
            .iter()
            .map(|m| Block::new(None, &format!("• {}", metric(m)), w))
            .collect(),
    }
}

/// The level's marker as every view draws it, in the level's colour.
fn tag(l: Level) -> (String, &'static str) {
    let colour = match l {
        Level::High => "#c0392b",
        Level::Medium => "#b7860b",
        Level::Low => "#7b8794",
    };
    (level_tag(l).to_string(), colour)
}

fn lane_height(map: &JourneyMap, lane: Lane) -> f64 {
    map.stages
        .iter()
        .map(|s| {
            lane_blocks(s, lane, col_w(map))
                .iter()
                .map(|b| b.height() + 4.0)
                .sum::<f64>()
        })
        .fold(LINE, f64::max)
        + 2.0 * PAD
}

fn grid_height(map: &JourneyMap) -> f64 {
    if map.stages.is_empty() {
        return LINE;
    }
    header_height(map) + CURVE_H + Lane::ALL.iter().map(|&l| lane_height(map, l)).sum::<f64>()
}

fn grid(c: &mut Canvas, map: &JourneyMap, top: f64) {
    if map.stages.is_empty() {
        c.text(
            MARGIN,
            top + FONT,
            FONT,
            "400",
            "#9aa5b1",
            "This map has no stages yet.",
        );
        return;
    }
    let x0 = MARGIN + LANE_W;
    let cw = col_w(map);
    let total_w = LANE_W + map.stages.len() as f64 * cw;
    // Stage headers.
    let hh = header_height(map);
    c.rect((MARGIN, top, total_w, hh), "#2f5d8a", "#2f5d8a", 0.0);
    c.text(
        MARGIN + PAD,
        top + PAD + FONT,
        11.0,
        "700",
        "#ffffff",
        "STAGE",
    );
    for (i, s) in map.stages.iter().enumerate() {
        let x = x0 + i as f64 * cw + PAD;
        let (name, goal) = stage_header(s, i, cw);
        let mut y = top + PAD + FONT;
        for (j, line) in name.lines.iter().enumerate() {
            c.text(x, y + j as f64 * LINE, 14.0, "700", "#ffffff", line);
        }
        y += name.height() + 2.0;
        if let Some(g) = goal {
            c.block(x, y, &g, "#dbe7f3");
        }
    }
    let mut y = top + hh;

    // Emotion curve.
    c.rect((MARGIN, y, total_w, CURVE_H), "#ffffff", "#d9e2ec", 0.0);
    c.rect((MARGIN, y, LANE_W, CURVE_H), "#f5f7fa", "#d9e2ec", 0.0);
    c.row_heading(y, "Emotion curve");
    c.text(
        MARGIN + PAD,
        y + PAD + FONT + LINE,
        11.0,
        "400",
        "#9aa5b1",
        "1 very negative",
    );
    c.text(
        MARGIN + PAD,
        y + PAD + FONT + 2.0 * LINE,
        11.0,
        "400",
        "#9aa5b1",
        "5 very positive",
    );
    let cy = |v: f64| y + 15.0 + (5.0 - v.clamp(1.0, 5.0)) * (CURVE_H - 30.0) / 4.0;
    for level in [1.0, 3.0, 5.0] {
        let _ = writeln!(
            c.out,
            "<path d=\"M{x0:.1} {yy:.1} H{:.1}\" stroke=\"#d9e2ec\" stroke-dasharray=\"4 4\"/>",
            MARGIN + total_w,
            yy = cy(level)
        );
    }
    let (paths, dots) = curve::runs(&map.curve(), |i| x0 + (i as f64 + 0.5) * cw, cy);
    for d in paths {
        let _ = writeln!(
            c.out,
            "<path d=\"{d}\" fill=\"none\" stroke=\"#2f5d8a\" stroke-width=\"3\"/>"
        );
    }
    for (x, yy, v) in dots {
        let _ = writeln!(
            c.out,
            "<circle cx=\"{x:.1}\" cy=\"{yy:.1}\" r=\"7\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"2\"/>",
            curve::colour(v)
        );
        c.text(
            x + 11.0,
            yy + 4.0,
            12.0,
            "700",
            "#1f2933",
            &format!("{v:.1}"),
        );
    }
    for (i, s) in map.stages.iter().enumerate() {
        if s.curve_point().is_none() {
            let x = x0 + (i as f64 + 0.5) * cw;
            let _ = writeln!(
                c.out,
                "<text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#9aa5b1\" text-anchor=\"middle\">no emotions</text>",
                y + CURVE_H / 2.0
            );
        }
    }
    y += CURVE_H;

    // Lanes.
    for lane in Lane::ALL {
        let h = lane_height(map, lane);
        c.rect((MARGIN, y, LANE_W, h), "#f5f7fa", "#d9e2ec", 0.0);
        c.row_heading(y, lane.title());
        for (i, s) in map.stages.iter().enumerate() {
            let x = x0 + i as f64 * cw;
            c.rect((x, y, cw, h), "#ffffff", "#d9e2ec", 0.0);
            let blocks = lane_blocks(s, lane, cw);
            if blocks.is_empty() {
                c.text(x + PAD, y + PAD + FONT, FONT, "400", "#bcccdc", "—");
            }
            let mut by = y + PAD + FONT;
            for b in &blocks {
                by += c.block(x + PAD, by, b, "#1f2933") + 4.0;
            }
        }
        y += h;
    }
}
