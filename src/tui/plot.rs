//! The emotion curve's drawing, shared by the editor's curve and the slides',
//! so both read the same way: a labelled row for every score from 5 to 1 (one
//! row apart, or evenly further apart on a tall plot, the axis joining them), a
//! point on the row of its score rounded to the nearest whole one with the
//! score beside it, a line of box characters between neighbouring points, a
//! low point drawn `✕` rather than only red, and each stage's name under its
//! point. Each caller decides where the stages go; this draws them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use unicode_width::UnicodeWidthStr;

use crate::tui::paint::{put, wrap_at_most};
use crate::tui::theme::{LOW_SCORE as LOW, Theme};

/// One row per whole score: fewer rows than this would put two scores on one.
pub const LEVELS: u16 = 5;

/// The key beside a curve with a low point, so `✕` reads without colour.
pub const LOW_KEY: &str = "✕ low";

/// The columns a point and its score take: `●4.0`.
pub const POINT_WIDTH: u16 = 4;

/// Where the scores' rows are: the row of 5 at `y`, each lower score `step`
/// rows further down, the row of 1 at the bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plot {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub step: u16,
}

impl Plot {
    /// The plot that fills as much of `rows` rows as keeps the scores evenly
    /// apart (5, 9, 13, … rows); `None` when there are fewer than `LEVELS`.
    pub fn new(area: Rect) -> Option<Plot> {
        (area.height >= LEVELS).then(|| Plot {
            x: area.x,
            y: area.y,
            width: area.width,
            step: (area.height - 1) / (LEVELS - 1),
        })
    }

    /// The rows it takes, from the row of 5 to the row of 1.
    pub fn height(&self) -> u16 {
        rows(self.step)
    }

    /// The row of whole score `level` (1 to 5).
    pub fn level_row(&self, level: u16) -> u16 {
        self.y + (LEVELS - level.clamp(1, LEVELS)) * self.step
    }

    /// The row of score `v`, rounded to the nearest whole score.
    pub fn row(&self, v: f64) -> u16 {
        self.level_row(v.clamp(1.0, 5.0).round() as u16)
    }
}

/// The rows of a plot whose scores are `step` rows apart.
pub fn rows(step: u16) -> u16 {
    (LEVELS - 1) * step.max(1) + 1
}

/// The tallest plot that fits in `rows` rows with its scores evenly apart (at
/// least `LEVELS`).
pub fn fitted(rows_available: u16) -> u16 {
    rows(rows_available.saturating_sub(1) / (LEVELS - 1))
}

/// A label for every score, `5┤` at the top to `1┤` at the bottom, at column
/// `x`; on a tall plot the axis runs on between them, so the eye follows a
/// point's row to its label.
pub fn axis(buf: &mut Buffer, plot: &Plot, x: u16, style: Style) {
    for level in 1..=LEVELS {
        let y = plot.level_row(level);
        put(buf, x, y, &format!("{level}┤"), 2, style);
        if level < LEVELS {
            for between in plot.level_row(level + 1) + 1..y {
                put(buf, x + 1, between, "│", 1, style);
            }
        }
    }
}

/// The pieces a line between two points is drawn with.
pub struct Glyphs {
    across: &'static str,
    down: &'static str,
}

impl Glyphs {
    pub const SOLID: Glyphs = Glyphs {
        across: "─",
        down: "│",
    };
    pub const DASHED: Glyphs = Glyphs {
        across: "┄",
        down: "┆",
    };
    pub const DOTTED: Glyphs = Glyphs {
        across: "┈",
        down: "┊",
    };
    pub const DASH_DOT: Glyphs = Glyphs {
        across: "╌",
        down: "╎",
    };

    /// The glyphs of a persona's line style, as `persona_style` names it.
    pub fn of(line_name: &str) -> Glyphs {
        match line_name {
            "dashed" => Glyphs::DASHED,
            "dotted" => Glyphs::DOTTED,
            "dash-dot" => Glyphs::DASH_DOT,
            _ => Glyphs::SOLID,
        }
    }

    /// Two of the line across, for a legend.
    pub fn sample(&self) -> String {
        self.across.repeat(2)
    }
}

/// Joins neighbouring points, each `(column, score)`, with a line: across from
/// the first (after `skip` columns, its mark and score), down or up halfway to
/// the next, across to it. A stage without a point leaves a gap on both sides.
pub fn line(
    buf: &mut Buffer,
    plot: &Plot,
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
        let (r1, r2) = (plot.row(*v1), plot.row(*v2));
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

/// The curve itself: the line, then each point with its score (`●4.0`, or
/// `✕1.5` for a low one, in the score's colour), and `gap` on the middle row
/// where a stage has no score. With `values` off (columns too narrow for
/// them) only the marks are drawn, and the axis says the score.
pub fn curve(
    buf: &mut Buffer,
    t: &Theme,
    plot: &Plot,
    points: &[(u16, Option<f64>)],
    values: bool,
) {
    let skip = if values { POINT_WIDTH } else { 1 };
    line(buf, plot, points, Glyphs::SOLID, skip, t.text());
    for (x, v) in points {
        match v {
            Some(v) => point(buf, t, *x, plot.row(*v), *v, values),
            None => put(
                buf,
                x.saturating_sub(1),
                plot.level_row(3),
                "gap",
                3,
                t.muted(),
            ),
        }
    }
}

/// A curve's points: each stage's column and score.
pub type Points = Vec<(u16, Option<f64>)>;

/// Several personas' curves, each `(her place, her points)`: every line
/// first, in her style and colour, then every point, so no other persona's
/// line runs over a point. Shape and line style tell the curves apart
/// without colour.
pub fn persona_curves(
    buf: &mut Buffer,
    t: &Theme,
    plot: &Plot,
    curves: &[(usize, Points)],
    values: bool,
) {
    let skip = if values { POINT_WIDTH } else { 1 };
    for (i, points) in curves {
        let s = crate::model::persona_style(*i);
        let colour = Style::default().fg(t.persona(*i));
        line(buf, plot, points, Glyphs::of(s.line_name), skip, colour);
    }
    for (i, points) in curves {
        persona_points(buf, t, plot, points, values, *i);
    }
}

/// One persona's points among several: her marker in her colour and, with
/// `values`, the score in the score's colour; `gap` where she has none.
pub fn persona_points(
    buf: &mut Buffer,
    t: &Theme,
    plot: &Plot,
    points: &[(u16, Option<f64>)],
    values: bool,
    index: usize,
) {
    let s = crate::model::persona_style(index);
    let mark = Style::default()
        .fg(t.persona(index))
        .add_modifier(Modifier::BOLD);
    for (x, v) in points {
        match v {
            Some(v) => {
                let y = plot.row(*v);
                put(buf, *x, y, &s.marker.to_string(), 1, mark);
                if values {
                    let score = Style::default()
                        .fg(t.score(*v))
                        .add_modifier(Modifier::BOLD);
                    put(buf, x + 1, y, &format!("{v:.1}"), POINT_WIDTH - 1, score);
                }
            }
            None => put(
                buf,
                x.saturating_sub(1),
                plot.level_row(3),
                "gap",
                3,
                t.muted(),
            ),
        }
    }
}

/// Whether any of these scores is low, so the key `✕ low` is wanted.
pub fn any_low(points: &[(u16, Option<f64>)]) -> bool {
    points.iter().any(|(_, v)| v.is_some_and(|v| v <= LOW))
}

/// A point and, with `value`, its score: `●4.0`, or `✕1.5` for a low one.
pub fn point(buf: &mut Buffer, t: &Theme, x: u16, y: u16, v: f64, value: bool) {
    let style = Style::default().fg(t.score(v)).add_modifier(Modifier::BOLD);
    let mark = if v <= LOW { "✕" } else { "●" };
    put(buf, x, y, mark, 1, style);
    if value {
        put(buf, x + 1, y, &format!("{v:.1}"), POINT_WIDTH - 1, style);
    }
}

/// A stage's name under its point, centred in its column (`x`, `w` wide), on as
/// many lines as `area` has (cut with `…` past them), then `suffix` (a
/// comparison's move) at the end of the last line in its own style.
pub fn name(
    buf: &mut Buffer,
    (x, w): (u16, u16),
    named: &str,
    (suffix, suffix_style): (&str, Style),
    style: Style,
    area: Rect,
) {
    let cw = w;
    let w = w.saturating_sub(1).max(1) as usize;
    let mw = suffix.width();
    let rows = area.height.max(1) as usize;
    let mut lines = if named.width() + mw <= w {
        vec![named.to_string()]
    } else {
        wrap_at_most(named, w, w.saturating_sub(mw).max(1), rows)
    };
    // The suffix goes on the last line, or on a line of its own when the name
    // fills the first.
    let on_last = lines.len() > 1 || lines.first().is_some_and(|l| l.width() + mw <= w);
    if !suffix.is_empty() && !on_last && lines.len() < rows {
        lines.push(String::new());
    }
    let last = lines.len().saturating_sub(1);
    for (i, l) in lines.iter().enumerate() {
        let y = area.y + i as u16;
        let with_suffix = if i == last { mw } else { 0 };
        let lw = (l.width() + with_suffix).min(w) as u16;
        let mid = x + cw / 2;
        let lx = mid
            .saturating_sub(lw / 2)
            .max(x)
            .min((x + w as u16).saturating_sub(lw));
        put(buf, lx, y, l, w as u16, style);
        if i == last && !suffix.is_empty() {
            let nw = l.width() as u16;
            put(
                buf,
                lx + nw,
                y,
                suffix,
                (w as u16).saturating_sub(nw),
                suffix_style,
            );
        }
    }
}
