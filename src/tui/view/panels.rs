//! Draws the detail and persona panels where the layout placed them. What the
//! panels say is built in `panels`; this module only places its rows.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::tui::app::App;
use crate::tui::keymap::Action;
use crate::tui::layout::Grid;
use crate::tui::paint::{clear, put};
use crate::tui::panels::{Kind, Row, detail_columns, persona_rows};
use crate::tui::theme::Theme;

/// Draws the panels the layout placed.
pub fn draw(app: &App, buf: &mut Buffer, g: &Grid) {
    if let Some(r) = g.detail {
        draw_detail(app, buf, r);
    }
    if let Some(r) = g.persona {
        draw_persona(app, buf, r);
    }
}

/// The detail panel: the selected element in full.
pub fn draw_detail(app: &App, buf: &mut Buffer, r: Rect) {
    let key = app.keymap.key_for(Action::ToggleDetail).unwrap_or_default();
    let inner = ruled(buf, &app.theme, r, &format!("Detail — {key} hides"));
    let inner = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        inner.height,
    );
    for (x, w, rows) in detail_columns(app, inner.width).0 {
        let r = Rect::new(inner.x + x, inner.y, w, inner.height);
        draw_rows(buf, &app.theme, r, &rows, 0);
    }
}

/// The persona panel, scrolled by `persona_scroll` when taller than its space.
pub fn draw_persona(app: &App, buf: &mut Buffer, r: Rect) {
    let t = &app.theme;
    clear(buf, r);
    // Beside the grid, a rule divides them; over it, none is needed.
    let beside = r.x > 0;
    if beside {
        for y in r.top()..r.bottom() {
            put(buf, r.x, y, "│", 1, Style::default().fg(t.accent));
        }
    }
    let key = app
        .keymap
        .key_for(Action::TogglePersona)
        .unwrap_or_default();
    let (inner, rows) = persona_rows(app, r);
    let body = Rect::new(
        inner.x,
        inner.y + 1,
        inner.width,
        inner.height.saturating_sub(1),
    );
    let max_first = rows.len().saturating_sub(body.height as usize);
    let first = (app.panels.persona_scroll as usize).min(max_first);
    let hint = if max_first > 0 {
        // The keys as bound (settings may change them), written short.
        let scroll = |a| {
            app.keymap
                .key_for(a)
                .unwrap_or_default()
                .replace("PageUp", "PgUp")
                .replace("PageDown", "PgDn")
        };
        let up = scroll(Action::ScrollPersonaUp);
        let down = scroll(Action::ScrollPersonaDown);
        format!("{key} hides · {up}/{down} scroll")
    } else {
        format!("{key} hides")
    };
    put(
        buf,
        inner.x,
        inner.y,
        &hint,
        inner.width,
        Style::default().fg(t.muted),
    );
    draw_rows(buf, t, body, &rows, first);
}

/// Draws `rows` from `first` in `r`; the last line says how many more there are.
fn draw_rows(buf: &mut Buffer, t: &Theme, r: Rect, rows: &[Row], first: usize) {
    let visible = r.height as usize;
    let more = rows.len() > first + visible;
    for (i, row) in rows.iter().skip(first).take(visible).enumerate() {
        let y = r.y + i as u16;
        if more && i + 1 == visible {
            let left = rows.len() - first - i;
            put(
                buf,
                r.x,
                y,
                &format!("… {left} more lines"),
                r.width,
                Style::default().fg(t.notice),
            );
            break;
        }
        let style = match row.kind {
            Kind::Title => Style::default().fg(t.notice).add_modifier(Modifier::BOLD),
            Kind::Text => t.text(),
            Kind::Empty => Style::default().fg(t.muted),
        };
        let label = Style::default().fg(t.accent).add_modifier(Modifier::BOLD);
        put(buf, r.x, y, &row.label, r.width, label);
        let x = r.x.saturating_add(row.indent);
        put(
            buf,
            x,
            y,
            &row.text,
            r.width.saturating_sub(row.indent),
            style,
        );
    }
}

/// A rule across the top of `r` with `title` in it; returns what is under it.
fn ruled(buf: &mut Buffer, t: &Theme, r: Rect, title: &str) -> Rect {
    clear(buf, r);
    let rule: String = "─".repeat(r.width as usize);
    put(buf, r.x, r.y, &rule, r.width, Style::default().fg(t.accent));
    put(
        buf,
        r.x + 1,
        r.y,
        &format!(" {title} "),
        r.width.saturating_sub(2),
        Style::default().fg(t.accent).add_modifier(Modifier::BOLD),
    );
    Rect::new(
        r.x,
        r.y.saturating_add(1),
        r.width,
        r.height.saturating_sub(1),
    )
}
