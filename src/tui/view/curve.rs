//! The emotion curve under the lanes: one row for each score from 5 to 1, each
//! labelled, so a point sits on the row its label names at every size; a line
//! joins the points; each point has its score beside it, and a low one is a
//! `✕`, not only red. Every stage is named under its point (on two lines when
//! its column is narrow, cut with `…` past that). In fit zoom it spans every
//! stage. With `--compare`, the other map's curve is drawn dimmed underneath,
//! paired by stage id, with a legend and each stage's move beside its name.
//! A screen too short for the plot gets one line of scores instead: no axis,
//! so nothing on it can be misread.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use unicode_width::UnicodeWidthStr;

use crate::model::wording::emotion_move;
use crate::text::display;
use crate::tui::app::App;
use crate::tui::layout::{CURVE_LEVELS, Column, Grid, LABEL_WIDTH, curve_name};
use crate::tui::paint::{fit, put, wrap_at_most};
use crate::tui::theme::LOW_SCORE as LOW;

pub fn curve(app: &App, buf: &mut Buffer, g: &Grid) {
    let r = g.curve;
    let plot_h = g.curve_plot.min(r.height);
    if plot_h == 0 {
        return;
    }
    // The other map's points, by stage index of the live map (empty: none shown).
    let comparison = app.compare.as_ref().filter(|c| c.shown);
    let pairs = comparison
        .map(|c| app.doc.map.curve_against(&c.map))
        .unwrap_or_default();
    let theirs = |stage: usize| pairs.get(stage).and_then(|p| p.1);
    let ours: Vec<(u16, Option<f64>)> = g
        .columns
        .iter()
        .map(|c| {
            let v = app
                .doc
                .map
                .stages
                .get(c.stage)
                .and_then(|s| s.curve_point());
            (point_x(c), v)
        })
        .collect();
    let t = &app.theme;
    put(buf, r.x, r.y, "Emotion", LABEL_WIDTH - 3, t.bold());
    if plot_h >= CURVE_LEVELS {
        let plot = Rect::new(r.x, r.y, r.width, CURVE_LEVELS);
        axis(app, buf, plot);
        if let Some(c) = comparison {
            legend(app, buf, plot, &c.label);
            let other: Vec<(u16, Option<f64>)> = g
                .columns
                .iter()
                .map(|c| (point_x(c), theirs(c.stage)))
                .collect();
            let dim = t.muted();
            line(buf, plot, &other, Glyphs::DASHED, 0, dim);
            for (x, v) in &other {
                if let Some(v) = v {
                    put(buf, *x, row_of(plot, *v), "○", 1, dim);
                }
            }
        }
        if ours.iter().any(|(_, v)| v.is_some_and(|v| v <= LOW)) {
            put(buf, r.x, r.y + CURVE_LEVELS - 1, "✕ low", 8, t.muted());
        }
        line(buf, plot, &ours, Glyphs::SOLID, 4, t.text());
        for (x, v) in &ours {
            match v {
                Some(v) => point(app, buf, *x, row_of(plot, *v), *v),
                None => put(buf, x.saturating_sub(1), r.y + 2, "gap", 3, t.muted()),
            }
        }
    } else {
        // Too short for a plot: the scores on one line, each under its stage.
        for (x, v) in &ours {
            match v {
                Some(v) => point(app, buf, *x, r.y, *v),
                None => put(buf, x.saturating_sub(1), r.y, "gap", 3, t.muted()),
            }
        }
    }
    let names = Rect::new(r.x, r.y + plot_h, r.width, r.height - plot_h);
    for c in &g.columns {
        let Some(s) = app.doc.map.stages.get(c.stage) else {
            continue;
        };
        // How the stage moved against the other map: ` ▲0.4`, or nothing.
        let moved = match comparison {
            Some(_) => {
                let m = emotion_move(theirs(c.stage), s.curve_point());
                if m.is_empty() { m } else { format!(" {m}") }
            }
            None => String::new(),
        };
        stage_name(app, buf, c, &moved, names);
    }
}

/// Where a stage's point goes: its mark and score centred in its column.
fn point_x(c: &Column) -> u16 {
    c.x + c.w.saturating_sub(4) / 2
}

/// The row of score `v` (rounded to the nearest whole score) in `plot`.
fn row_of(plot: Rect, v: f64) -> u16 {
    let level = v.clamp(1.0, 5.0).round() as u16;
    plot.y + (CURVE_LEVELS - level.min(CURVE_LEVELS))
}

/// A point and its score: `●4.0`, or `✕1.5` for a low one, in the score's
/// colour.
fn point(app: &App, buf: &mut Buffer, x: u16, y: u16, v: f64) {
    let style = Style::default()
        .fg(app.theme.score(v))
        .add_modifier(Modifier::BOLD);
    let mark = if v <= LOW { "✕" } else { "●" };
    put(buf, x, y, mark, 1, style);
    put(buf, x + 1, y, &format!("{v:.1}"), 3, style);
}

/// A label for every row, 5 at the top to 1 at the bottom.
fn axis(app: &App, buf: &mut Buffer, plot: Rect) {
    let ax = plot.x + LABEL_WIDTH - 3;
    for level in 1..=CURVE_LEVELS {
        let y = plot.y + CURVE_LEVELS - level;
        put(buf, ax, y, &format!("{level}┤"), 2, app.theme.muted());
    }
}

/// The pieces a line between two points is drawn with.
struct Glyphs {
    across: &'static str,
    down: &'static str,
}

impl Glyphs {
    const SOLID: Glyphs = Glyphs {
        across: "─",
        down: "│",
    };
    const DASHED: Glyphs = Glyphs {
        across: "┄",
        down: "┆",
    };
}

/// Joins neighbouring points with a line: across from the first (after `skip`
/// columns, its score), down or up halfway to the next, across to it. A stage
/// without a point leaves a gap on both sides.
fn line(
    buf: &mut Buffer,
    plot: Rect,
    points: &[(u16, Option<f64>)],
    g: Glyphs,
    skip: u16,
    style: Style,
) {
    for pair in points.windows(2) {
        let [(x1, Some(v1)), (x2, Some(v2))] = pair else {
            continue;
        };
        let (from, to) = (*x1 + skip, x2.saturating_sub(1));
        if from > to {
            continue;
        }
        let (r1, r2) = (row_of(plot, *v1), row_of(plot, *v2));
        let mid = from + (to - from) / 2;
        for x in from..=to {
            let y = if x < mid { r1 } else { r2 };
            put(buf, x, y, g.across, 1, style);
        }
        if r1 != r2 {
            let (top, bottom) = (r1.min(r2), r1.max(r2));
            for y in top + 1..bottom {
                put(buf, mid, y, g.down, 1, style);
            }
            // Down: ╮ then ╰; up: ╯ then ╭.
            let (leave, arrive) = if r2 > r1 {
                ("╮", "╰")
            } else {
                ("╯", "╭")
            };
            put(buf, mid, r1, leave, 1, style);
            put(buf, mid, r2, arrive, 1, style);
        }
    }
}

/// A stage's number and name under its point, on as many lines as `area`
/// has (cut with `…` past them), and its move against the compared map at
/// the end.
fn stage_name(app: &App, buf: &mut Buffer, c: &Column, moved: &str, area: Rect) {
    let t = &app.theme;
    let w = c.w.saturating_sub(1).max(1) as usize;
    let named = curve_name(app, c.stage);
    let mw = moved.width();
    let rows = area.height.max(1) as usize;
    let mut lines = if named.width() + mw <= w {
        vec![named]
    } else {
        wrap_at_most(&named, w, w.saturating_sub(mw).max(1), rows)
    };
    // The move goes on the last line, or on a line of its own when the name
    // fills the first.
    let on_last = lines.len() > 1 || lines.first().is_some_and(|l| l.width() + mw <= w);
    if !moved.is_empty() && !on_last && lines.len() < rows {
        lines.push(String::new());
    }
    let style = if c.stage == app.cursor.stage {
        t.accent_bold()
    } else {
        t.muted()
    };
    let last = lines.len().saturating_sub(1);
    for (i, l) in lines.iter().enumerate() {
        let y = area.y + i as u16;
        let with_move = if i == last { mw } else { 0 };
        let lw = (l.width() + with_move).min(w) as u16;
        let mid = c.x + c.w / 2;
        let x = mid
            .saturating_sub(lw / 2)
            .max(c.x)
            .min((c.x + w as u16).saturating_sub(lw));
        put(buf, x, y, l, w as u16, style);
        if i == last && !moved.is_empty() {
            let nw = l.width() as u16;
            let colour = if moved.contains('▲') {
                t.good
            } else if moved.contains('▼') {
                t.bad
            } else {
                t.muted
            };
            put(
                buf,
                x + nw,
                y,
                moved,
                (w as u16).saturating_sub(nw),
                Style::default().fg(colour),
            );
        }
    }
}

/// The key to the two curves, in the label column under "Emotion": the live
/// curve, then the other map by a short name (its revision for a git blob,
/// its file name for a file); the footer names it in full.
fn legend(app: &App, buf: &mut Buffer, plot: Rect, label: &str) {
    let t = &app.theme;
    let w = LABEL_WIDTH - 3;
    let short = display(short_name(label)).into_owned();
    let other = format!("○ {}", fit(&short, w as usize - 2));
    put(buf, plot.x, plot.y + 1, "● live", w, t.text());
    put(buf, plot.x, plot.y + 2, &other, w, t.muted());
}

/// `HEAD~1` of `HEAD~1:maps/x.ron`, `to-be.ron` of `maps/to-be.ron`.
pub(super) fn short_name(label: &str) -> &str {
    match label.split_once(':') {
        Some((rev, _)) if !rev.is_empty() => rev,
        _ => label.rsplit('/').next().unwrap_or(label),
    }
}
