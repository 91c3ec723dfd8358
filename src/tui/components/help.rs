//! `?`: every key of the grid, from the keymap the event loop uses. Its own
//! keys scroll it; any other key closes it.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use unicode_width::UnicodeWidthStr;

use crate::tui::app::{App, Help};
use crate::tui::component::{Component, Handled, Hint};
use crate::tui::keymap::{self, Dialog, Reply, dialog_hints, dialog_rows};
use crate::tui::layout::Grid;
use crate::tui::paint::{boxed, centered, fit, put};

impl Component for Help {
    fn mode(&self) -> &'static str {
        "HELP"
    }

    fn hints(&self) -> Vec<Hint> {
        dialog_rows(Dialog::Help)
    }

    fn handle(&mut self, _app: &mut App, k: KeyEvent) -> Handled {
        // Any key the table does not give the help closes it.
        match keymap::reply(Dialog::Help, k) {
            Some(Reply::Next) => self.scroll = self.scroll.saturating_add(1),
            Some(Reply::Prev) => self.scroll = self.scroll.saturating_sub(1),
            _ => return Handled::close(),
        }
        Handled::stay()
    }

    fn draw(&self, app: &App, f: &mut Frame, _: Option<&Grid>) {
        let area = f.area();
        let buf = f.buffer_mut();
        let scroll = self.scroll;

        let t = &app.theme;
        let rows = app.keymap.help_rows_where(|a| app.role.offers(a));
        let r = centered(area, 96, rows.len() as u16 + 4);
        let title = format!("Keys — {}", dialog_hints(Dialog::Help));
        let inner = boxed(buf, t, r, &title);
        let visible = inner.height as usize;
        let first = (scroll as usize).min(rows.len().saturating_sub(visible));
        // Columns as wide as what they hold, each cut to its own width so that none
        // runs into the next; the action's name (what settings.ron binds keys to)
        // goes first when the box is narrow.
        let widest = |f: fn(&(String, &str, &str)) -> usize| rows.iter().map(f).max().unwrap_or(0);
        let kw = (widest(|r| r.0.width()) as u16 + 2)
            .min(inner.width / 3)
            .max(1);
        let name_w = widest(|r| r.1.width()) as u16 + 1;
        let nw = if inner.width >= kw + name_w + 24 {
            name_w
        } else {
            0
        };
        let dw = inner.width.saturating_sub(kw + nw);
        for (i, (keys, name, doc)) in rows.iter().skip(first).take(visible).enumerate() {
            let y = inner.y + i as u16;
            put(
                buf,
                inner.x,
                y,
                &fit(keys, kw.saturating_sub(1) as usize),
                kw.saturating_sub(1),
                t.accent_bold(),
            );
            put(
                buf,
                inner.x + kw,
                y,
                &fit(doc, dw.saturating_sub(1) as usize),
                dw.saturating_sub(1),
                t.text(),
            );
            if nw > 0 {
                put(
                    buf,
                    inner.x + kw + dw,
                    y,
                    &fit(name, nw as usize),
                    nw,
                    t.muted(),
                );
            }
        }
    }
}
