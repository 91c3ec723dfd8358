//! A form as a component: the fields and what a key does to them are `Form`'s
//! (`tui::form`); here is what a finished form does to the editor, and its
//! drawing.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use crate::text::display;
use crate::tui::app::App;
use crate::tui::component::{Component, Handled, Hint};
use crate::tui::edits::apply;
use crate::tui::form::{Form, FormOutcome, Value};
use crate::tui::keymap::{Dialog, dialog_hints, dialog_rows};
use crate::tui::layout::Grid;
use crate::tui::paint::{boxed, centered, fill, fit, put};
use crate::tui::theme::Theme;

impl Component for Form {
    fn mode(&self) -> &'static str {
        "FORM"
    }

    fn hints(&self) -> Vec<Hint> {
        dialog_rows(if self.confirm_discard {
            Dialog::FormDiscard
        } else {
            Dialog::Form
        })
    }

    fn handle(&mut self, app: &mut App, k: KeyEvent) -> Handled {
        match Form::handle(self, k, &app.doc.map) {
            FormOutcome::Commit(op) => {
                if apply(app, op) {
                    app.info("Saved in the map (Ctrl-S writes the file)");
                }
                Handled::close()
            }
            FormOutcome::Cancel if self.is_changed() => {
                app.info("Changes discarded");
                Handled::close()
            }
            FormOutcome::Cancel => {
                app.info("Cancelled");
                Handled::close()
            }
            FormOutcome::Editing => Handled::stay(),
        }
    }

    fn paste(&mut self, text: &str) {
        Form::paste(self, text);
    }

    fn draw(&self, app: &App, f: &mut Frame, _: Option<&Grid>) {
        let area = f.area();
        if let Some(pos) = draw_form(f.buffer_mut(), &app.theme, area, self) {
            f.set_cursor_position(pos);
        }
    }
}

fn draw_form(buf: &mut Buffer, t: &Theme, area: Rect, form: &Form) -> Option<(u16, u16)> {
    let h = (form.fields.len() as u16 + 4).min(area.height);
    let r = centered(area, 72, h);
    let inner = boxed(buf, t, r, &form.title);
    let label_w = 14u16;
    let visible = inner.height.saturating_sub(2) as usize;
    let first = (form.focus + 1).saturating_sub(visible.max(1));
    let mut cursor = None;
    for (row, (i, field)) in form
        .fields
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .enumerate()
    {
        let y = inner.y + row as u16;
        let focused = i == form.focus;
        let lstyle = if focused { t.accent_bold() } else { t.text() };
        put(
            buf,
            inner.x,
            y,
            &fit(&field.label, label_w as usize - 1),
            label_w,
            lstyle,
        );
        let vx = inner.x + label_w;
        let vw = inner.width.saturating_sub(label_w);
        match &field.value {
            Value::Text(ti) => {
                // Only the field being typed in follows its cursor; the others
                // show their beginning, as a person reads them.
                let (shown, col) = if focused {
                    ti.view(vw as usize)
                } else {
                    (fit(&display(ti.text()), vw as usize), 0)
                };
                let style = if focused { t.cell() } else { t.text() };
                fill(buf, Rect::new(vx, y, vw, 1), style);
                put(buf, vx, y, &shown, vw, style);
                if focused {
                    cursor = Some((vx + col as u16, y));
                }
            }
            Value::Choice { options, index } => {
                let cur = options.get(*index).copied().unwrap_or("");
                let s = format!("◂ {cur} ▸");
                let style = if focused { t.selected() } else { t.text() };
                put(buf, vx, y, &s, vw, style);
            }
        }
    }
    let hint_y = inner.y + inner.height.saturating_sub(1);
    if form.confirm_discard {
        let q = format!(
            "Discard your changes? {}",
            dialog_hints(Dialog::FormDiscard)
        );
        fill(buf, Rect::new(inner.x, hint_y, inner.width, 1), t.notice());
        put(
            buf,
            inner.x,
            hint_y,
            &fit(&q, inner.width as usize),
            inner.width,
            t.notice().add_modifier(Modifier::BOLD),
        );
        return cursor;
    }
    match &form.error {
        Some(e) => put(
            buf,
            inner.x,
            hint_y,
            &fit(&display(e), inner.width as usize),
            inner.width,
            t.error(),
        ),
        None => put(
            buf,
            inner.x,
            hint_y,
            &fit(&dialog_hints(Dialog::Form), inner.width as usize),
            inner.width,
            t.muted(),
        ),
    }
    cursor
}
