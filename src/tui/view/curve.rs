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
    let legend_h = g.curve_legend.min(g.curve.height);
    if legend_h > 0 {
        personas_legend(app, buf, g.curve);
    }
    // Below the legend: the plot and the stages' names, as on a map of one.
    let r = Rect {
        y: g.curve.y + legend_h,
        height: g.curve.height - legend_h,
        ..g.curve
    };
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
    // The first persona's curve, or the one whose journey is shown.
    let key = app.doc.map.emotion_key(app.filter().unwrap_or(0));
    let ours: Vec<(u16, Option<f64>)> = g
        .columns
        .iter()
        .map(|c| {
            let v = app
                .doc
                .map
                .stages
                .get(c.stage)
                .and_then(|s| s.curve_point_of(key));
            (point_x(c), v)
        })
        .collect();
    let t = &app.theme;
    if legend_h == 0 {
        put(buf, r.x, r.y, "Emotion", LABEL_WIDTH - 3, t.bold());
    }
    let several = app.doc.map.persona_count() > 1;
    match Plot::new(Rect::new(r.x, r.y, r.width, plot_h.min(CURVE_LEVELS))) {
        Some(plot) if several => {
            plot::axis(buf, &plot, plot.x + LABEL_WIDTH - 3, t.muted());
            if legend_h == 0 {
                label_legend(app, buf, &plot);
            }
            personas_curves(app, buf, g, &plot);
        }
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

/// The personas whose curves are drawn: the one whose journey is shown, or
/// all of them.
fn drawn(app: &App) -> Vec<usize> {
    match app.filter() {
        Some(f) => vec![f],
        None => (0..app.doc.map.persona_count()).collect(),
    }
}

/// One curve per persona, side by side in each stage's column (so two equal
/// scores do not hide each other), every line before any point.
fn personas_curves(app: &App, buf: &mut Buffer, g: &Grid, plot: &Plot) {
    let t = &app.theme;
    let map = &app.doc.map;
    let who = drawn(app);
    let n = who.len() as u16;
    let narrowest = g.columns.iter().map(|c| c.w).min().unwrap_or(0);
    let values = narrowest > n * (plot::POINT_WIDTH + 1);
    let step = if values { plot::POINT_WIDTH + 1 } else { 2 };
    let curves: Vec<(usize, plot::Points)> = who
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let key = map.emotion_key(i);
            let points = g
                .columns
                .iter()
                .map(|c| {
                    let x = c.x + c.w.saturating_sub(n * step) / 2 + k as u16 * step;
                    let v = map.stages.get(c.stage).and_then(|s| s.curve_point_of(key));
                    (x, v)
                })
                .collect();
            (i, points)
        })
        .collect();
    plot::persona_curves(buf, t, plot, &curves, values);
}

/// The line above the curve: "Emotion", then each persona's marker, name
/// and line, so the curves read without colour; with the filter on, only
/// hers and how to see the others.
fn personas_legend(app: &App, buf: &mut Buffer, r: Rect) {
    let t = &app.theme;
    let map = &app.doc.map;
    put(buf, r.x, r.y, "Emotion", LABEL_WIDTH - 3, t.bold());
    let mut x = r.x + LABEL_WIDTH;
    let end = r.x + r.width;
    for i in drawn(app) {
        let Some(p) = map.persona_at(i) else {
            continue;
        };
        let s = crate::model::persona_style(i);
        let colour = ratatui::style::Style::default().fg(t.persona(i));
        let name = format!(" {} ", display(&p.name));
        let line = Glyphs::of(s.line_name).sample();
        for (text, style) in [
            (
                s.marker.to_string(),
                colour.add_modifier(ratatui::style::Modifier::BOLD),
            ),
            (name, t.text()),
            (line, colour),
            ("   ".to_string(), t.text()),
        ] {
            let w = unicode_width::UnicodeWidthStr::width(text.as_str()) as u16;
            let room = end.saturating_sub(x);
            put(buf, x, r.y, &fit(&text, room as usize), room, style);
            x = x.saturating_add(w);
        }
    }
    if app.filter().is_some() {
        let k = app
            .keymap
            .key_for(crate::tui::keymap::Action::PersonaFilter)
            .unwrap_or_default();
        let more = format!("this persona's curve only — {k} shows the next");
        let room = end.saturating_sub(x);
        put(buf, x, r.y, &fit(&more, room as usize), room, t.muted());
    }
}

/// On a short screen, the legend in the label column under "Emotion": a
/// row per persona drawn (three at most, the rows the plot has beside it),
/// each her marker and as much of her name as fits.
fn label_legend(app: &App, buf: &mut Buffer, plot: &Plot) {
    let t = &app.theme;
    let w = LABEL_WIDTH - 3;
    for (row, i) in drawn(app).into_iter().take(3).enumerate() {
        let Some(p) = app.doc.map.persona_at(i) else {
            continue;
        };
        let s = crate::model::persona_style(i);
        let y = plot.y + 1 + row as u16;
        let colour = ratatui::style::Style::default()
            .fg(t.persona(i))
            .add_modifier(ratatui::style::Modifier::BOLD);
        put(buf, plot.x, y, &s.marker.to_string(), 1, colour);
        let name = display(&p.name).into_owned();
        put(
            buf,
            plot.x + 2,
            y,
            &fit(&name, w as usize - 2),
            w - 2,
            t.text(),
        );
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
