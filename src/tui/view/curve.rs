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
use ratatui::style::Style;

use crate::model::wording::emotion_move;
use crate::text::display;
use crate::tui::app::App;
use crate::tui::layout::{CURVE_LEVELS, Column, Grid, LABEL_WIDTH, curve_name};
use crate::tui::paint::{fit, put};
use crate::tui::plot::{self, Glyphs, LOW_KEY, Plot};

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
    match Plot::new(Rect::new(r.x, r.y, r.width, plot_h.min(CURVE_LEVELS))) {
        Some(plot) => {
            plot::axis(buf, &plot, plot.x + LABEL_WIDTH - 3, t.muted());
            if let Some(c) = comparison {
                legend(app, buf, &plot, &c.label);
                let other: Vec<(u16, Option<f64>)> = g
                    .columns
                    .iter()
                    .map(|c| (point_x(c), theirs(c.stage)))
                    .collect();
                let dim = t.muted();
                plot::line(buf, &plot, &other, Glyphs::DASHED, 0, dim);
                for (x, v) in &other {
                    if let Some(v) = v {
                        put(buf, *x, plot.row(*v), "○", 1, dim);
                    }
                }
            }
            if plot::any_low(&ours) {
                put(buf, r.x, plot.level_row(1), LOW_KEY, 8, t.muted());
            }
            plot::curve(buf, t, &plot, &ours, true);
        }
        None => {
            // Too short for a plot: the scores on one line, each under its stage.
            for (x, v) in &ours {
                match v {
                    Some(v) => plot::point(buf, t, *x, r.y, *v, true),
                    None => put(buf, x.saturating_sub(1), r.y, "gap", 3, t.muted()),
                }
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
    c.x + c.w.saturating_sub(plot::POINT_WIDTH) / 2
}

/// A stage's number and name under its point, on as many lines as `area`
/// has, and its move against the compared map at the end.
fn stage_name(app: &App, buf: &mut Buffer, c: &Column, moved: &str, area: Rect) {
    let t = &app.theme;
    let style = if c.stage == app.cursor.stage {
        t.accent_bold()
    } else {
        t.muted()
    };
    let colour = if moved.contains('▲') {
        t.good
    } else if moved.contains('▼') {
        t.bad
    } else {
        t.muted
    };
    let named = curve_name(app, c.stage);
    let suffix = (moved, Style::default().fg(colour));
    plot::name(buf, (c.x, c.w), &named, suffix, style, area);
}

/// The key to the two curves, in the label column under "Emotion": the live
/// curve, then the other map by a short name (its revision for a git blob,
/// its file name for a file); the footer names it in full.
fn legend(app: &App, buf: &mut Buffer, plot: &Plot, label: &str) {
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
