//! The emotion curve under the lanes: one point per stage column.

use ratatui::buffer::Buffer;
use ratatui::style::{Modifier, Style};

use super::paint::put;
use crate::tui::app::App;
use crate::tui::layout::{Grid, LABEL_WIDTH};

pub fn curve(app: &App, buf: &mut Buffer, g: &Grid) {
    let t = &app.theme;
    let r = g.curve;
    if r.height == 0 {
        return;
    }
    put(buf, r.x, r.y, "Emotion", LABEL_WIDTH - 3, t.bold());
    let axis = t.muted();
    put(buf, r.x + LABEL_WIDTH - 3, r.y, "5┤", 2, axis);
    put(
        buf,
        r.x + LABEL_WIDTH - 3,
        r.y + r.height - 1,
        "1┤",
        2,
        axis,
    );
    if r.height > 2 {
        put(
            buf,
            r.x + LABEL_WIDTH - 3,
            r.y + r.height / 2,
            "3┤",
            2,
            axis,
        );
    }
    let rows = r.height.saturating_sub(1).max(1) as f64;
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
    for (x, v) in points {
        match v {
            Some(v) => {
                let y = row_of(v);
                let style = Style::default().fg(t.score(v)).add_modifier(Modifier::BOLD);
                put(buf, x, y, "●", 1, style);
                put(buf, x + 1, y, &format!("{v:.1}"), 3, style);
            }
            None => {
                put(
                    buf,
                    x.saturating_sub(1),
                    r.y + r.height / 2,
                    "gap",
                    3,
                    t.muted(),
                );
            }
        }
    }
}
