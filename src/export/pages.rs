//! The map laid out on pages, as one SVG per page, for the PDF and PNG exports:
//! a title page, then the grid on landscape pages, or a slide deck. Every page
//! is drawn with the SVG poster's own pieces (`svg::Grid`, `svg::persona`), a
//! part of the grid per page, so a page shows what the poster shows. A map that
//! holds evidence ends with a page (or slide) listing it, as the poster does.
//!
//! The grid is split by stages (a page holds as many stage columns as fit its
//! width) and then by lanes; a lane too long for the rest of a page goes on
//! with its next card on the next page, so a page break never cuts a card. A
//! single card taller than a whole page is the one case that cannot be split:
//! that page is drawn smaller, never cut.

use std::fmt::Write;

use super::palette::{self as pal, INK, MUTED};
use super::svg::{self, BLUEPRINT_LINE_H, Block, Canvas, Grid, LANE_W, MIN_COL_W};
use super::text::xml;
use crate::model::JourneyMap;

/// The paper of a PDF, always landscape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Paper {
    A4,
    #[default]
    A3,
    Letter,
}

impl Paper {
    /// Width and height in points (1/72 inch).
    pub fn size(self) -> (f64, f64) {
        match self {
            Paper::A4 => (841.89, 595.28),
            Paper::A3 => (1190.55, 841.89),
            Paper::Letter => (792.0, 612.0),
        }
    }
}

/// A slide: 16:9, PowerPoint's widescreen size (13.33 × 7.5 inches).
pub const SLIDE: (f64, f64) = (960.0, 540.0);

/// What the title page says beyond the map itself.
#[derive(Debug, Clone, Default)]
pub struct Cover {
    pub author: String,
    pub date: String,
    /// Whether a logo will be drawn in [`Page::logo`]'s box.
    pub logo: bool,
}

/// One page: its SVG, its size in points, and where a logo goes (points from
/// the top left), drawn by the PDF or PNG writer itself.
#[derive(Debug, Clone)]
pub struct Page {
    pub svg: String,
    pub width: f64,
    pub height: f64,
    pub logo: Option<(f64, f64, f64, f64)>,
}

/// Page margin, points.
const MARGIN: f64 = 28.0;
/// The running head's height, points.
const HEAD: f64 = 22.0;
/// The footer's height, points.
const FOOT: f64 = 16.0;
/// Poster units to points on map pages: 13 px text becomes 9.4 pt.
const SCALE: f64 = 0.72;
/// How much taller than a page a run of stages may be and still be drawn on
/// one page, smaller (text at least 9.4 / 1.2 = 7.8 pt).
const SHRINK: f64 = 1.2;
/// The logo's box on a title page, points.
const LOGO: (f64, f64) = (150.0, 70.0);

/// The title page, then the grid on `paper`.
pub fn document(map: &JourneyMap, paper: Paper, cover: &Cover) -> Vec<Page> {
    let (w, h) = paper.size();
    let mut bodies = vec![title_page(map, cover, w, h)];
    let inner_w = (w - 2.0 * MARGIN) / SCALE;
    let inner_h = (h - 2.0 * MARGIN - HEAD - FOOT) / SCALE;
    let n = map.stages.len();
    if n == 0 {
        let mut c = Canvas::default();
        let used = Grid::new(map, 0..0, 0.0, MIN_COL_W).draw_all(&mut c, 0.0, None);
        bodies.push(Body::grid(c, used, String::new()));
    }
    let per_page = (((inner_w - LANE_W) / MIN_COL_W).floor() as usize).max(1);
    let chunks = n.div_ceil(per_page);
    let per = n.div_ceil(chunks.max(1)).max(1);
    let mut start = 0;
    while start < n {
        let end = (start + per).min(n);
        let cw = (inner_w - LANE_W) / (end - start) as f64;
        let grid = Grid::new(map, start..end, 0.0, cw);
        let what = if start + 1 == end {
            format!("Stage {} of {n}", start + 1)
        } else {
            format!("Stages {}–{end} of {n}", start + 1)
        };
        bodies.extend(grid_pages(&grid, inner_h, &what));
        start = end;
    }
    if map.has_evidence() {
        let mut c = Canvas::default();
        let used = svg::evidence(&mut c, map, 0.0, 0.0, inner_w);
        bodies.push(Body::grid(c, used, "Evidence".to_string()));
    }
    let total = bodies.len();
    bodies
        .into_iter()
        .enumerate()
        .map(|(i, b)| b.page(map, w, h, i + 1, total))
        .collect()
}

/// An overview slide (title, persona, the whole curve), then one slide per
/// stage with its cards and the curve with that stage marked.
pub fn slides(map: &JourneyMap, cover: &Cover) -> Vec<Page> {
    let (w, h) = SLIDE;
    let inner_w = (w - 2.0 * MARGIN) / SLIDE_SCALE;
    let n = map.stages.len();
    let mut bodies = Vec::with_capacity(n + 1);

    // The overview as large as its stage columns allow (each at least 150
    // units wide), so a short journey fills the slide.
    let scale = ((w - 2.0 * MARGIN) / (150.0 * n as f64 + LANE_W)).clamp(SLIDE_SCALE, 0.9);
    let wide = (w - 2.0 * MARGIN) / scale;
    let mut c = Canvas::default();
    let beside_logo = if cover.logo {
        wide - (LOGO.0 + 16.0) / scale
    } else {
        wide
    };
    let mut y = svg::heading(&mut c, map, 0.0, 0.0, beside_logo);
    y += meta_line(&mut c, map, cover, y, beside_logo);
    let cw = (wide - LANE_W) / n.max(1) as f64;
    y += Grid::new(map, 0..n, 0.0, cw).draw_all_but_lanes(&mut c, y, None);
    let mut first = Body::slide(c, y);
    first.scale = scale;
    first.logo = cover.logo;
    bodies.push(first);
    let cw = (inner_w - LANE_W) / n.max(1) as f64;

    for i in 0..n {
        let mut c = Canvas::default();
        let mut y = 0.0;
        if let Some(s) = map.stages.get(i) {
            let t = format!("{}. {}", i + 1, s.name);
            for line in super::text::wrap(&t, inner_w * 0.9 / 26.0) {
                c.text(0.0, y + 26.0, 26.0, "700", pal::ACCENT, &line);
                y += 32.0;
            }
            if !s.goal.is_empty() {
                let b = Block::new(None, &format!("Goal: {}", s.goal), inner_w);
                y += c.block(0.0, y + 16.0, &b, MUTED) + 6.0;
            }
            if let Some(k) = map.stage_confidence(i) {
                let refs = super::evidence::refs(&s.evidence);
                let t = format!("Doing and thinking: {} {refs}", super::evidence::mark(k));
                let b = Block::new(None, t.trim_end(), inner_w);
                y += c.block(0.0, y + 16.0, &b, MUTED) + 6.0;
            }
        }
        y += 8.0;
        y += Grid::new(map, 0..n, 0.0, cw).draw_curve(&mut c, y, Some(i));
        y += 12.0;
        let stage = Grid::new(map, i..i + 1, 0.0, inner_w - LANE_W);
        for lane in map.lane_sequence() {
            if let Some(line) = map.line_above(lane) {
                y += stage.draw_blueprint_line(&mut c, y, line);
            }
            let cards = stage.cards(lane);
            y += stage.draw_lane(
                &mut c,
                y,
                &map.lane_title(lane),
                &cards.columns(),
                false,
                &cards.nones(),
            );
        }
        bodies.push(Body::slide(c, y));
    }
    if map.has_evidence() {
        let mut c = Canvas::default();
        let used = svg::evidence(&mut c, map, 0.0, 0.0, inner_w);
        bodies.push(Body::slide(c, used));
    }
    let total = bodies.len();
    bodies
        .into_iter()
        .enumerate()
        .map(|(i, b)| b.page(map, w, h, i + 1, total))
        .collect()
}

/// Poster units to points on slides.
const SLIDE_SCALE: f64 = 0.62;

/// A page's content in poster units before it is placed on the paper.
struct Body {
    canvas: Canvas,
    height: f64,
    scale: f64,
    /// The running head's right-hand side ("Stages 1–4 of 8").
    what: String,
    /// A title page: no running head, a logo box.
    title: bool,
    logo: bool,
}

impl Body {
    fn grid(canvas: Canvas, height: f64, what: String) -> Body {
        Body {
            canvas,
            height,
            scale: SCALE,
            what,
            title: false,
            logo: false,
        }
    }

    fn slide(canvas: Canvas, height: f64) -> Body {
        Body {
            canvas,
            height,
            scale: SLIDE_SCALE,
            what: String::new(),
            title: true,
            logo: false,
        }
    }

    /// The SVG of the page: the body scaled onto the paper (smaller when it is
    /// taller than the page, never cut), the running head and the page number.
    fn page(self, map: &JourneyMap, w: f64, h: f64, number: usize, total: usize) -> Page {
        let head = if self.title { 0.0 } else { HEAD };
        let room = h - 2.0 * MARGIN - head - FOOT;
        let scale = if self.height * self.scale > room && self.height > 0.0 {
            room / self.height
        } else {
            self.scale
        };
        let mut body = String::new();
        if !self.title {
            let t = super::text::wrap(&map.title, (w - 2.0 * MARGIN) * 0.6 / 11.0);
            let first = t.first().map(String::as_str).unwrap_or_default();
            let _ = writeln!(
                body,
                "<text x=\"{MARGIN}\" y=\"{:.1}\" font-size=\"11\" font-weight=\"700\" fill=\"{}\">{}</text>",
                MARGIN + 11.0,
                pal::ACCENT,
                xml(first)
            );
            let _ = writeln!(
                body,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"{MUTED}\" text-anchor=\"end\">{}</text>",
                w - MARGIN,
                MARGIN + 11.0,
                xml(&self.what)
            );
        }
        let _ = writeln!(
            body,
            "<g transform=\"translate({MARGIN} {:.2}) scale({scale:.4})\">\n{}</g>",
            MARGIN + head,
            self.canvas.out
        );
        let _ = writeln!(
            body,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"9\" fill=\"{MUTED}\" text-anchor=\"end\">{number} / {total}</text>",
            w - MARGIN,
            h - MARGIN / 2.0
        );
        let logo = self
            .logo
            .then_some((w - MARGIN - LOGO.0, MARGIN, LOGO.0, LOGO.1));
        let desc = if number == 1 {
            svg::description(map)
        } else {
            format!("Page {number} of {total} of the journey map. {}", self.what)
        };
        Page {
            svg: svg::document(w, h, &map.title, &desc, &body),
            width: w,
            height: h,
            logo,
        }
    }
}

/// "Persona: … · Prepared by … · date"; returns the height drawn.
fn meta_line(c: &mut Canvas, map: &JourneyMap, cover: &Cover, top: f64, inner: f64) -> f64 {
    let mut parts = Vec::new();
    if !map.persona.name.is_empty() {
        let mut p = format!("Persona: {}", map.persona.name);
        if !map.persona.role.is_empty() {
            let _ = write!(p, " ({})", map.persona.role);
        }
        parts.push(p);
    }
    if !cover.author.is_empty() {
        parts.push(format!("Prepared by {}", cover.author));
    }
    if !cover.date.is_empty() {
        parts.push(cover.date.clone());
    }
    if parts.is_empty() {
        return 0.0;
    }
    let b = Block::new(None, &parts.join(" · "), inner);
    c.block(0.0, top + 14.0, &b, INK) + 12.0
}

/// The title page: the map's heading, the persona card, who made it and when.
fn title_page(map: &JourneyMap, cover: &Cover, w: f64, h: f64) -> Body {
    let scale = 1.0;
    let inner = (w - 2.0 * MARGIN) / scale;
    let mut c = Canvas::default();
    // Leave the logo's box free on the right of the heading.
    let heading_w = if cover.logo {
        inner - LOGO.0 - 16.0
    } else {
        inner
    };
    let mut y = h * 0.12;
    y += svg::heading(&mut c, map, 0.0, y, heading_w);
    y += meta_line(&mut c, map, cover, y, inner) + 8.0;
    y += svg::persona(&mut c, map, 0.0, y, inner) + 16.0;
    let stages: Vec<String> = map
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{}. {}", i + 1, s.name))
        .collect();
    if !stages.is_empty() {
        let b = Block::new(None, &format!("Stages: {}", stages.join(" → ")), inner);
        y += c.block(0.0, y + 13.0, &b, MUTED);
    }
    Body {
        canvas: c,
        height: y,
        scale,
        what: String::new(),
        title: true,
        logo: cover.logo,
    }
}

/// The pages of one run of stage columns: the header band on every page, the
/// curve once, then the lanes, a lane going on over a page break between two
/// cards.
fn grid_pages(grid: &Grid<'_>, room: f64, what: &str) -> Vec<Body> {
    // A grid only a little taller than the page goes on one page, a little
    // smaller, rather than leaving a lane alone overleaf.
    let mut whole = Canvas::default();
    let height = grid.draw_all(&mut whole, 0.0, None);
    if height <= room * SHRINK {
        return vec![Body::grid(whole, height, what.to_string())];
    }
    let mut pages = Vec::new();
    let hh = grid.header_height();
    let mut c = Canvas::default();
    let mut y = grid.draw_header(&mut c, 0.0, None);
    if y + grid.curve_height() > room && y > hh {
        pages.push(Body::grid(std::mem::take(&mut c), y, what.to_string()));
        y = grid.draw_header(&mut c, 0.0, None);
    }
    y += grid.draw_curve(&mut c, y, None);
    for lane in grid.map().lane_sequence() {
        if let Some(line) = grid.map().line_above(lane) {
            if y + BLUEPRINT_LINE_H > room && y > hh {
                pages.push(Body::grid(std::mem::take(&mut c), y, what.to_string()));
                y = grid.draw_header(&mut c, 0.0, None);
            }
            y += grid.draw_blueprint_line(&mut c, y, line);
        }
        let title = grid.map().lane_title(lane);
        let cards = grid.cards(lane);
        let mut from = vec![0usize; cards.len()];
        let mut continued = false;
        loop {
            let rest: Vec<&[Block]> = cards
                .iter()
                .zip(&from)
                .map(|(bs, &f)| bs.get(f..).unwrap_or_default())
                .collect();
            let whole = Grid::lane_height(&rest).max(Grid::heading_height(&title, continued));
            let take: Vec<usize> = if y + whole <= room {
                rest.iter().map(|r| r.len()).collect()
            } else {
                rest.iter().map(|r| Grid::fitting(r, room - y)).collect()
            };
            let progress = take.iter().any(|&t| t > 0);
            let left_over = rest.iter().zip(&take).any(|(r, &t)| t < r.len());
            if !progress && left_over {
                if y > hh {
                    // Nothing more fits on this page: the lane goes on overleaf.
                    pages.push(Body::grid(std::mem::take(&mut c), y, what.to_string()));
                    y = grid.draw_header(&mut c, 0.0, None);
                    continue;
                }
                // A card taller than a whole page: it gets the page to itself,
                // and the page is drawn smaller.
                let forced: Vec<usize> = rest.iter().map(|r| r.len().min(1)).collect();
                y += draw_part(
                    grid,
                    &mut c,
                    y,
                    &title,
                    &rest,
                    &forced,
                    continued,
                    &cards.nones(),
                );
                for (f, t) in from.iter_mut().zip(&forced) {
                    *f += t;
                }
            } else {
                y += draw_part(
                    grid,
                    &mut c,
                    y,
                    &title,
                    &rest,
                    &take,
                    continued,
                    &cards.nones(),
                );
                for (f, t) in from.iter_mut().zip(&take) {
                    *f += t;
                }
            }
            let done = cards.iter().zip(&from).all(|(bs, &f)| f >= bs.len());
            if done {
                break;
            }
            pages.push(Body::grid(std::mem::take(&mut c), y, what.to_string()));
            y = grid.draw_header(&mut c, 0.0, None);
            continued = true;
        }
    }
    pages.push(Body::grid(c, y, what.to_string()));
    pages
}

/// The first `take` cards of each column of `rest` as a lane row.
#[allow(clippy::too_many_arguments)]
fn draw_part(
    grid: &Grid<'_>,
    c: &mut Canvas,
    y: f64,
    title: &str,
    rest: &[&[Block]],
    take: &[usize],
    continued: bool,
    none: &[bool],
) -> f64 {
    let part: Vec<&[Block]> = rest
        .iter()
        .zip(take)
        .map(|(r, &t)| r.get(..t).unwrap_or(r))
        .collect();
    grid.draw_lane(c, y, title, &part, continued, none)
}
