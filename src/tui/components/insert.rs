//! The inline edit box: typing an item's text or a new stage's name where it
//! will go on the grid. Enter keeps the text as one undoable change.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::edit::{Item, Op};
use crate::model::{Lane, Stage, item_noun, unique_slug};
use crate::text::display;
use crate::tui::app::{App, Cursor, InsertBox, InsertTarget};
use crate::tui::component::{Component, Handled, Hint};
use crate::tui::edits::apply;
use crate::tui::keymap::{self, Dialog, Reply, dialog_hints, dialog_rows, hint_line};
use crate::tui::layout::{Grid, LABEL_WIDTH};
use crate::tui::paint::{clear, fit, put};
use crate::tui::panels::edit_lines;
use crate::tui::text_input::{Outcome, TextInput};
use crate::tui::theme::Theme;

/// The question on screen, or the typing.
fn dialog(b: &InsertBox) -> Dialog {
    if b.confirm_discard {
        Dialog::InsertDiscard
    } else {
        Dialog::Insert
    }
}

impl Component for InsertBox {
    fn mode(&self) -> &'static str {
        "INSERT"
    }

    fn hints(&self) -> Vec<Hint> {
        dialog_rows(dialog(self))
    }

    /// Esc with text typed asks first, as a form with changes does, so a
    /// sentence is never lost to one key.
    fn handle(&mut self, app: &mut App, k: KeyEvent) -> Handled {
        if self.confirm_discard {
            match keymap::reply(Dialog::InsertDiscard, k) {
                Some(Reply::Yes) => {
                    app.info("Text discarded");
                    return Handled::close();
                }
                Some(_) => self.confirm_discard = false,
                None => {}
            }
            return Handled::stay();
        }
        match self.input.handle(k) {
            Outcome::Commit => {
                commit(app, self.input.text().to_string(), &self.target);
                Handled::close()
            }
            Outcome::Cancel if self.is_changed() => {
                self.confirm_discard = true;
                Handled::stay()
            }
            Outcome::Cancel => {
                app.info("Cancelled");
                Handled::close()
            }
            Outcome::Edited | Outcome::Ignored => Handled::stay(),
        }
    }

    /// A paste while the question is on screen is not typing: it is dropped,
    /// as any key the question does not take.
    fn paste(&mut self, text: &str) {
        if !self.confirm_discard {
            self.input.insert_str(text);
        }
    }

    fn draw(&self, app: &App, f: &mut Frame, g: Option<&Grid>) {
        let Some(g) = g else { return };
        let area = f.area();
        let (x, y, mut title) = place(app, g, &self.target);
        if self.confirm_discard {
            title = format!(
                "Discard what you typed? {}",
                dialog_hints(Dialog::InsertDiscard)
            );
        }
        let col_w = g.columns.first().map(|c| c.w).unwrap_or(0);
        let pos = draw_edit_box(
            f.buffer_mut(),
            &app.theme,
            area,
            (x, y),
            col_w,
            &title,
            &self.input,
        );
        f.set_cursor_position(pos);
    }
}

fn commit(app: &mut App, text: String, target: &InsertTarget) {
    if text.trim().is_empty() {
        app.info("Empty text dropped");
        return;
    }
    match *target {
        InsertTarget::NewItem { stage, lane, index } => {
            let mut item = Item::with_text(lane, text);
            // Added while one persona's journey is shown: hers.
            if let Some(ids) = crate::tui::filter::owner(&app.doc.map, app.persona_filter, lane) {
                item = item.with_personas(ids);
            }
            if apply(
                app,
                Op::InsertItem {
                    stage,
                    lane,
                    index,
                    item,
                },
            ) {
                app.cursor = Cursor {
                    stage,
                    lane,
                    item: index,
                };
                let hint = if matches!(lane, Lane::Actions | Lane::Thoughts) {
                    ""
                } else {
                    " — e for details"
                };
                app.info(format!("Added {}{hint}", item_noun(lane)));
            }
        }
        InsertTarget::EditItem { stage, lane, index } => {
            let Some(mut item) = app
                .doc
                .map
                .stages
                .get(stage)
                .and_then(|s| Item::get(s, lane, index))
            else {
                return;
            };
            item.set_text(text);
            apply(
                app,
                Op::SetItem {
                    stage,
                    lane,
                    index,
                    item,
                },
            );
        }
        InsertTarget::NewStage { index } => {
            let id = unique_slug(&text, |c| app.doc.map.stages.iter().any(|s| s.id == c));
            let stage = Stage {
                id,
                name: text,
                ..Stage::default()
            };
            if apply(
                app,
                Op::InsertStage {
                    index,
                    stage: Box::new(stage),
                },
            ) {
                app.cursor = Cursor {
                    stage: index,
                    lane: app.cursor.lane,
                    item: 0,
                };
                app.info("Added stage");
            }
        }
    }
}

/// Where the box goes: on the selected lane of the stage it adds to, with a
/// title that says what the text becomes.
fn place(app: &App, g: &Grid, target: &InsertTarget) -> (u16, u16, String) {
    let (stage, title) = match target {
        InsertTarget::NewItem { stage, lane, .. } => (
            *stage,
            // The box's first keys, from the table its keys are read from.
            format!(
                "New {} — {}",
                item_noun(*lane),
                hint_line(
                    &dialog_rows(Dialog::Insert)
                        .into_iter()
                        .take(2)
                        .collect::<Vec<_>>()
                )
            ),
        ),
        InsertTarget::EditItem { stage, lane, .. } => {
            (*stage, format!("Edit {}", item_noun(*lane)))
        }
        InsertTarget::NewStage { index } => (index.saturating_sub(1), "New stage name".to_string()),
    };
    let x = g.column(stage).map(|c| c.x).unwrap_or(LABEL_WIDTH);
    let row = g.rows.iter().find(|r| r.lane == app.cursor.lane);
    let mut y = row.map(|r| r.y).unwrap_or(g.lanes.y);
    // A new item's box opens under the card it follows, not over it.
    if let (InsertTarget::NewItem { lane, index, .. }, Some(row)) = (target, row)
        && *index > 0
        && let Some(end) = g
            .cell(stage, *lane)
            .iter()
            .rposition(|l| l.item == Some(index - 1))
    {
        y = row.y + (end as u16 + 1).saturating_sub(row.skip);
    }
    (x, y, title)
}

/// The inline edit box: as wide as the cell it edits (at least 40 columns) and
/// as tall as the text, so a long sentence is seen whole while it is typed.
/// Returns where the terminal's cursor goes.
pub fn draw_edit_box(
    buf: &mut Buffer,
    t: &Theme,
    screen: Rect,
    at: (u16, u16),
    min_w: u16,
    title: &str,
    input: &TextInput,
) -> (u16, u16) {
    let w = min_w.max(40).min(screen.width.saturating_sub(2)).max(10);
    let inner_w = w.saturating_sub(2) as usize;
    let max_h = screen.height.saturating_sub(2).max(3);
    let (lines, (row, col)) = edit_lines(input, inner_w, max_h as usize);
    let h = (lines.len().min(u16::MAX as usize) as u16)
        .saturating_add(2)
        .clamp(3, max_h);
    let x = at.0.min(screen.right().saturating_sub(w));
    let y = at.1.min(screen.bottom().saturating_sub(h));
    let r = Rect::new(x, y, w, h).intersection(buf.area);
    clear(buf, r);
    let block = ratatui::widgets::Block::default()
        .borders(ratatui::widgets::Borders::ALL)
        .border_style(Style::default().fg(t.accent))
        .title(fit(&display(title), r.width.saturating_sub(4) as usize));
    let inner = block.inner(r);
    ratatui::widgets::Widget::render(block, r, buf);
    // Lines that do not fit scroll so the cursor's line stays in the box.
    let visible = inner.height.max(1) as usize;
    let first = (row + 1).saturating_sub(visible);
    for (i, l) in lines.iter().skip(first).take(visible).enumerate() {
        put(buf, inner.x, inner.y + i as u16, l, inner.width, t.text());
    }
    (
        inner.x + (col as u16).min(inner.width.saturating_sub(1)),
        inner.y + (row - first) as u16,
    )
}
