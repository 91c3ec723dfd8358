//! The template picker of a new file: the frameworks to start from, one of
//! them chosen. Esc quits, since a new file has nothing to go back to.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use crate::edit::Op;
use crate::model::templates;
use crate::tui::app::{App, Cursor, Effect, Templates};
use crate::tui::component::{Component, Handled, Hint};
use crate::tui::edits::apply;
use crate::tui::keymap::{self, Dialog, Reply, dialog_hints, dialog_rows};
use crate::tui::layout::Grid;
use crate::tui::paint::{boxed, centered, fit, put};
use crate::tui::theme::Theme;

impl Component for Templates {
    fn mode(&self) -> &'static str {
        "NEW MAP"
    }

    fn hints(&self) -> Vec<Hint> {
        dialog_rows(Dialog::Templates)
    }

    fn handle(&mut self, app: &mut App, k: KeyEvent) -> Handled {
        let n = templates::TEMPLATES.len().max(1);
        match keymap::reply(Dialog::Templates, k) {
            Some(Reply::Next) => self.selected = (self.selected + 1) % n,
            Some(Reply::Prev) => self.selected = (self.selected + n - 1) % n,
            Some(Reply::Yes) => {
                if let Some(t) = templates::TEMPLATES.get(self.selected) {
                    let title = app.doc.map.title.clone();
                    let persona = app.doc.map.persona.name.clone();
                    // Through the history like every change: undo goes back
                    // to the blank map. A new file is dirty until saved anyway.
                    apply(
                        app,
                        Op::ReplaceMap(Box::new(t.instantiate(&title, &persona))),
                    );
                    app.cursor = Cursor::default();
                    app.info(format!(
                        "New map from `{}` — Ctrl-S creates {}",
                        t.name,
                        app.file_name()
                    ));
                }
                return Handled::close();
            }
            Some(Reply::Cancel) => return Handled::close().with(Some(Effect::Quit)),
            _ => {}
        }
        Handled::stay()
    }

    fn draw(&self, app: &App, f: &mut Frame, _: Option<&Grid>) {
        let area = f.area();
        template_picker(f.buffer_mut(), &app.theme, area, self.selected);
    }
}

fn template_picker(buf: &mut Buffer, t: &Theme, area: Rect, selected: usize) {
    let n = templates::TEMPLATES.len() as u16;
    let r = centered(area, 90, n * 2 + 3);
    let inner = boxed(
        buf,
        t,
        r,
        &format!(
            "New map — pick a framework: {}",
            dialog_hints(Dialog::Templates)
        ),
    );
    for (i, tpl) in templates::TEMPLATES.iter().enumerate() {
        let y = inner.y + i as u16 * 2;
        let style = if i == selected {
            t.selected().add_modifier(Modifier::BOLD)
        } else {
            t.bold()
        };
        put(
            buf,
            inner.x,
            y,
            &fit(
                &format!("{:<14} {}", tpl.name, tpl.about),
                inner.width as usize,
            ),
            inner.width,
            style,
        );
        let stages: Vec<_> = tpl.stages.iter().map(|s| s.name).collect();
        put(
            buf,
            inner.x + 2,
            y + 1,
            &fit(&stages.join(" → "), inner.width.saturating_sub(2) as usize),
            inner.width.saturating_sub(2),
            t.muted(),
        );
    }
}
