//! The emotion curve under the lanes: one point per stage column, each named
//! under its point by the stage's name (or number, when the column is narrow),
//! so the journey reads at a glance; in fit zoom it spans every stage. With
//! `--compare`, the other map's curve is drawn dimmed underneath, paired by
//! stage id, with a legend and each stage's move beside its name.

use ratatui::buffer::Buffer;
use ratatui::style::{Modifier, Style};
use unicode_width::UnicodeWidthStr;

use crate::model::wording::emotion_move;
use crate::text::display;
use crate::tui::app::App;
use crate::tui::layout::{Column, Grid, LABEL_WIDTH};
use crate::tui::paint::{fit, put};

pub fn curve(app: &App, buf: &mut Buffer, g: &Grid) {
    let r = g.curve;
    if r.height < 2 {
        return;
    }
    // The points above, the stages' names on the last line.
    let plot_h = r.height - 1;
    axis(app, buf, r, plot_h);
    let rows = plot_h.saturating_sub(1).max(1) as f64;
    let row_of = |v: f64| r.y + ((5.0 - v.clamp(1.0, 5.0)) / 4.0 * rows).round() as u16;
    // The other map's points, by stage index of the live map (empty: none shown).
    let comparison = app.compare.as_ref().filter(|c| c.shown);
    let pairs = comparison
        .map(|c| app.doc.map.curve_against(&c.map))
        .unwrap_or_default();
    let theirs = |stage: usize| pairs.get(stage).and_then(|p| p.1);
    if let Some(c) = comparison {
        legend(app, buf, r.x, r.y, plot_h, &c.label);
        other_points(app, buf, g, &theirs, &row_of);
    }
    own_points(app, buf, g, plot_h, &row_of);
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
        stage_name(app, buf, c, &s.name, moved, r.y + plot_h);
    }
}

/// The curve's title and its 5, 3 and 1 marks.
fn axis(app: &App, buf: &mut Buffer, r: ratatui::layout::Rect, plot_h: u16) {
    let t = &app.theme;
    put(buf, r.x, r.y, "Emotion", LABEL_WIDTH - 3, t.bold());
    let axis = t.muted();
    let ax = r.x + LABEL_WIDTH - 3;
    put(buf, ax, r.y, "5┤", 2, axis);
    put(buf, ax, r.y + plot_h - 1, "1┤", 2, axis);
    if plot_h > 2 {
        put(buf, ax, r.y + plot_h / 2, "3┤", 2, axis);
    }
}

/// The compared map's curve, dimmed, under the live one.
fn other_points(
    app: &App,
    buf: &mut Buffer,
    g: &Grid,
    theirs: &dyn Fn(usize) -> Option<f64>,
    row_of: &dyn Fn(f64) -> u16,
) {
    let points: Vec<(u16, Option<f64>)> = g
        .columns
        .iter()
        .map(|c| (c.x + c.w / 2, theirs(c.stage)))
        .collect();
    let dim = app.theme.muted();
    line(buf, &points, "┄", row_of, |_| dim);
    for (x, v) in &points {
        if let Some(v) = v {
            put(buf, *x, row_of(*v), "○", 1, dim);
        }
    }
}

/// The live map's curve: a point and its score for each stage, "gap" where a
/// stage has no emotion.
fn own_points(app: &App, buf: &mut Buffer, g: &Grid, plot_h: u16, row_of: &dyn Fn(f64) -> u16) {
    let t = &app.theme;
    let points: Vec<(u16, Option<f64>)> = g
        .columns
        .iter()
        .map(|c| {
            let v = app
                .doc
                .map
                .stages
                .get(c.stage)
                .and_then(|s| s.curve_point());
            (c.x + c.w / 2, v)
        })
        .collect();
    line(buf, &points, "·", row_of, |v| {
        Style::default().fg(t.score(v))
    });
    for (x, v) in &points {
        let x = *x;
        match v {
            Some(v) => {
                let y = row_of(*v);
                let style = Style::default()
                    .fg(t.score(*v))
                    .add_modifier(Modifier::BOLD);
                put(buf, x, y, "●", 1, style);
                put(buf, x + 1, y, &format!("{v:.1}"), 3, style);
            }
            None => {
                put(
                    buf,
                    x.saturating_sub(1),
                    g.curve.y + plot_h / 2,
                    "gap",
                    3,
                    t.muted(),
                );
            }
        }
    }
}

/// A stage's name (or number) under its point, and its move against the
/// compared map.
fn stage_name(app: &App, buf: &mut Buffer, c: &Column, name: &str, moved: String, y: u16) {
    let t = &app.theme;
    let w = c.w.saturating_sub(1).max(1);
    let number = format!("{}", c.stage + 1);
    let named = format!("{number} {}", display(name));
    let fits = |l: &str| l.width() + moved.width() <= w as usize;
    // The name when the column holds it whole, else the number: a cut name
    // reads worse than a number the stage heads explain. The move is kept
    // before the name, since it is what a comparison is for.
    let (label, moved) = if fits(&named) {
        (named, moved)
    } else if fits(&number) {
        (number, moved)
    } else {
        (fit(&number, w as usize), String::new())
    };
    let lw = (label.width() + moved.width()) as u16;
    let mid = c.x + c.w / 2;
    let x = mid
        .saturating_sub(lw / 2)
        .max(c.x)
        .min((c.x + w).saturating_sub(lw));
    let style = if c.stage == app.cursor.stage {
        t.accent_bold()
    } else {
        t.muted()
    };
    put(buf, x, y, &label, w, style);
    let nw = label.width() as u16;
    let move_colour = if moved.contains('▲') {
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
        &moved,
        w.saturating_sub(nw),
        Style::default().fg(move_colour),
    );
}

/// Joins neighbouring points with `glyph`, one cell per column between them; a
/// stage without a point leaves a gap on both sides.
fn line(
    buf: &mut Buffer,
    points: &[(u16, Option<f64>)],
    glyph: &str,
    row_of: &dyn Fn(f64) -> u16,
    style: impl Fn(f64) -> Style,
) {
    for pair in points.windows(2) {
        if let [(x1, Some(v1)), (x2, Some(v2))] = pair {
            let span = (*x2 - *x1).max(1) as f64;
            for x in (*x1 + 1)..*x2 {
                let f = (x - *x1) as f64 / span;
                let v = v1 + f * (v2 - v1);
                put(buf, x, row_of(v), glyph, 1, style(v));
            }
        }
    }
}

/// The key to the two curves, in the label column under "Emotion": the live
/// curve, then the other map by a short name (its revision for a git blob,
/// its file name for a file); the footer names it in full.
fn legend(app: &App, buf: &mut Buffer, x: u16, y: u16, plot_h: u16, label: &str) {
    let t = &app.theme;
    let w = LABEL_WIDTH - 3;
    let short = display(short_name(label)).into_owned();
    let other = format!("○ {}", fit(&short, w as usize - 2));
    if plot_h >= 3 {
        put(buf, x, y + 1, "● live", w, t.text());
        put(buf, x, y + 2, &other, w, t.muted());
    } else if plot_h == 2 {
        put(buf, x, y + 1, &other, w, t.muted());
    }
}

/// `HEAD~1` of `HEAD~1:maps/x.ron`, `to-be.ron` of `maps/to-be.ron`.
pub(super) fn short_name(label: &str) -> &str {
    match label.split_once(':') {
        Some((rev, _)) if !rev.is_empty() => rev,
        _ => label.rsplit('/').next().unwrap_or(label),
    }
}
