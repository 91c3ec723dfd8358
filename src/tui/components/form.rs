//! A form as a component: the fields and what a key does to them are `Form`'s
//! (`tui::form`); here is what a finished form does to the editor, and its
//! drawing.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use crate::text::display;
use crate::tui::app::{App, EvidenceList, Overlay};
use crate::tui::component::{Component, Handled, Hint};
use crate::tui::edits::apply;
use crate::tui::form::{Form, FormOutcome, Target, Value};
use crate::tui::keymap::{Dialog, dialog_hints, dialog_rows};
use crate::tui::layout::Grid;
use crate::tui::paint::{boxed, centered, fill, fit, put, wrap_at_most};
use crate::tui::panels::edit_lines;
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
        let done = match Form::handle(self, k, &app.doc.map) {
            FormOutcome::Commit(op) => {
                if apply(app, *op) {
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
            FormOutcome::Editing => return Handled::stay(),
        };
        // Evidence is edited from its list, and goes back to it, on the
        // entry the form held (a new one is the last).
        match self.target {
            Target::Evidence { index } => {
                let last = app.doc.map.evidence.len().saturating_sub(1);
                Handled::replace(Overlay::Evidence(EvidenceList {
                    selected: index.unwrap_or(last).min(last),
                    confirm_delete: false,
                }))
            }
            _ => done,
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

/// The labels' column.
const LABEL_W: u16 = 14;
/// The most lines a field shows while another has the focus; the focused one
/// shows as many as the box holds, around its cursor.
const FIELD_LINES: usize = 4;

/// A field's lines in a value column `w` wide, and the cursor's row and column
/// when it is the focused one. Text wraps as everywhere in the editor: the field
/// being typed in as the edit box does (every character kept, for the cursor),
/// the others as a card does, so a long name is read whole, not scrolled away.
fn field_lines(
    value: &Value,
    w: usize,
    focused: bool,
    rows: usize,
) -> (Vec<String>, Option<(usize, usize)>) {
    match value {
        Value::Text(ti) if focused => {
            let (lines, (row, col)) = edit_lines(ti, w, rows);
            let rows = rows.max(1);
            let first = (row + 1).saturating_sub(rows);
            let lines: Vec<String> = lines.into_iter().skip(first).take(rows).collect();
            let lines = if lines.is_empty() {
                vec![String::new()]
            } else {
                lines
            };
            (lines, Some((row - first, col)))
        }
        Value::Text(ti) => {
            let lines = wrap_at_most(&display(ti.text()), w, w, FIELD_LINES);
            let lines = if lines.is_empty() {
                vec![String::new()]
            } else {
                lines
            };
            (lines, None)
        }
        Value::Choice { options, index } => {
            // A long choice (an action a lane card serves) wraps, its `▸`
            // at its end, as a text field's value does.
            let cur = options.get(*index).map(String::as_str).unwrap_or("");
            let lines = wrap_at_most(&format!("◂ {} ▸", display(cur)), w, w, FIELD_LINES);
            (lines, None)
        }
    }
}

fn draw_form(buf: &mut Buffer, t: &Theme, area: Rect, form: &Form) -> Option<(u16, u16)> {
    // As wide as `centered` makes it, less the borders.
    let vw = 72u16.min(area.width).saturating_sub(2 + LABEL_W).max(2) as usize;
    let most = area.height.saturating_sub(4).max(1) as usize;
    let fields: Vec<_> = form
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| field_lines(&f.value, vw, i == form.focus, most))
        .collect();
    let total: usize = fields.iter().map(|(l, _)| l.len()).sum();
    let h = u16::try_from(total.saturating_add(4))
        .unwrap_or(u16::MAX)
        .min(area.height);
    let r = centered(area, 72, h);
    let inner = boxed(buf, t, r, &form.title);
    let visible = inner.height.saturating_sub(2) as usize;
    // From the focused field back as far as the box holds, so the focused one
    // is always in view.
    let height = |i: usize| fields.get(i).map_or(0, |(l, _)| l.len());
    let mut first = form.focus.min(fields.len().saturating_sub(1));
    let mut used = height(first);
    while first > 0 && used + height(first - 1) <= visible {
        first -= 1;
        used += height(first);
    }
    let mut cursor = None;
    let mut row = 0usize;
    let vx = inner.x + LABEL_W;
    let vw = inner.width.saturating_sub(LABEL_W);
    for (i, (field, (lines, at))) in form.fields.iter().zip(&fields).enumerate().skip(first) {
        if row >= visible {
            break;
        }
        let focused = i == form.focus;
        let lstyle = if focused { t.accent_bold() } else { t.text() };
        let y = inner.y + row as u16;
        put(
            buf,
            inner.x,
            y,
            &fit(&field.label, LABEL_W as usize - 1),
            LABEL_W,
            lstyle,
        );
        let style = match (&field.value, focused) {
            (Value::Text(_), true) => t.cell(),
            (Value::Choice { .. }, true) => t.selected(),
            _ => t.text(),
        };
        for (k, l) in lines.iter().enumerate().take(visible - row) {
            let y = inner.y + (row + k) as u16;
            if matches!(field.value, Value::Text(_)) {
                fill(buf, Rect::new(vx, y, vw, 1), style);
            }
            put(buf, vx, y, l, vw, style);
        }
        if let Some((r, c)) = at
            && row + r < visible
        {
            cursor = Some((
                vx + (*c as u16).min(vw.saturating_sub(1)),
                inner.y + (row + r) as u16,
            ));
        }
        row += lines.len();
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
