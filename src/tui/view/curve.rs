//! The emotion curve under the lanes: one point per stage column, each named
//! under its point by the stage's name (or number, when the column is narrow),
//! so the journey reads at a glance; in fit zoom it spans every stage.

use ratatui::buffer::Buffer;
use ratatui::style::{Modifier, Style};
use unicode_width::UnicodeWidthStr;

use super::paint::{fit, put};
use crate::text::display;
use crate::tui::app::App;
use crate::tui::layout::{Grid, LABEL_WIDTH};

pub fn curve(app: &App, buf: &mut Buffer, g: &Grid) {
    let t = &app.theme;
    let r = g.curve;
    if r.height < 2 {
        return;
    }
    // The points above, the stages' names on the last line.
    let plot_h = r.height - 1;
    let names_y = r.y + plot_h;
    put(buf, r.x, r.y, "Emotion", LABEL_WIDTH - 3, t.bold());
    let axis = t.muted();
    let ax = r.x + LABEL_WIDTH - 3;
    put(buf, ax, r.y, "5┤", 2, axis);
    put(buf, ax, r.y + plot_h - 1, "1┤", 2, axis);
    if plot_h > 2 {
        put(buf, ax, r.y + plot_h / 2, "3┤", 2, axis);
    }
    let rows = plot_h.saturating_sub(1).max(1) as f64;
    let row_of = |v: f64| r.y + ((5.0 - v.clamp(1.0, 5.0)) / 4.0 * rows).round() as u16;
    let points: Vec<(u16, Option<f64>)> = g
        .columns
        .iter()
        .map(|c| {
            let v = app.map.stages.get(c.stage).and_then(|s| s.curve_point());
            (c.x + c.w / 2, v)
        })
        .collect();
    for pair in points.windows(2) {
        if let [(x1, Some(v1)), (x2, Some(v2))] = pair {
            let span = (*x2 - *x1).max(1) as f64;
            for x in (*x1 + 1)..*x2 {
                let f = (x - *x1) as f64 / span;
                let v = v1 + f * (v2 - v1);
                put(buf, x, row_of(v), "·", 1, Style::default().fg(t.score(v)));
            }
        }
    }
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
                    r.y + plot_h / 2,
                    "gap",
                    3,
                    t.muted(),
                );
            }
        }
    }
    for c in &g.columns {
        let Some(s) = app.map.stages.get(c.stage) else {
            continue;
        };
        let w = c.w.saturating_sub(1).max(1);
        let number = format!("{}", c.stage + 1);
        let named = format!("{number} {}", display(&s.name));
        // The name when the column holds it whole, else the number: a cut name
        // reads worse than a number the stage heads explain.
        let label = if named.width() <= w as usize {
            named
        } else {
            fit(&number, w as usize)
        };
        let lw = label.width() as u16;
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
        put(buf, x, names_y, &label, w, style);
    }
}
