//! What is drawn on top of the grid: the inline edit box, forms, the search
//! line, help, questions, the recovery offer and the template picker; and the
//! notice shown instead of everything when the terminal is too small.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use unicode_width::UnicodeWidthStr;

use crate::model::{item_noun, templates};
use crate::recovery::Session;
use crate::text::display;
use crate::tui::app::{App, InsertTarget, Offer, Offered, Overlay, Prompt};
use crate::tui::form::{Form, Value};
use crate::tui::keymap::{Dialog, dialog_hints};
use crate::tui::layout::{self, Grid, LABEL_WIDTH};
use crate::tui::paint::{boxed, centered, clear, fill, fit, put};
use crate::tui::theme::Theme;

/// Draws the overlay on top of the grid, and places the terminal cursor where
/// typing goes.
pub fn overlay(app: &App, f: &mut Frame, g: &Grid) {
    let area = f.area();
    let t = &app.theme;
    let buf = f.buffer_mut();
    match &app.overlay {
        Overlay::None => {}
        Overlay::Insert { input, target } => {
            let (x, y, title) = insert_place(app, g, target);
            let col_w = g.columns.first().map(|c| c.w).unwrap_or(0);
            let pos = super::panels::draw_edit_box(buf, t, area, (x, y), col_w, &title, input);
            f.set_cursor_position(pos);
        }
        Overlay::Form(form) => {
            if let Some(pos) = draw_form(buf, t, area, form) {
                f.set_cursor_position(pos);
            }
        }
        Overlay::Search(input) => {
            let y = g.footer.y + 1;
            let row = Rect::new(0, y, area.width, 1);
            clear(buf, row);
            put(buf, 0, y, "/", 1, t.bold());
            let (shown, col) = input.view(area.width.saturating_sub(2) as usize);
            // The previous query, selected: typing replaces it.
            let style = if input.is_selected() {
                t.selected()
            } else {
                t.text()
            };
            put(buf, 1, y, &shown, area.width.saturating_sub(1), style);
            f.set_cursor_position((1 + col as u16, y));
        }
        Overlay::Timer(input) => {
            let y = g.footer.y + 1;
            let row = Rect::new(0, y, area.width, 1);
            clear(buf, row);
            let label = "Timer minutes: ";
            let lw = label.len() as u16;
            put(buf, 0, y, label, lw, t.bold());
            let (shown, col) = input.view(area.width.saturating_sub(lw + 1) as usize);
            let style = if input.is_selected() {
                t.selected()
            } else {
                t.text()
            };
            put(buf, lw, y, &shown, area.width.saturating_sub(lw), style);
            f.set_cursor_position((lw + col as u16, y));
        }
        Overlay::Help { scroll } => help(app, buf, area, *scroll),
        Overlay::Prompt(Prompt::Restore { offers, selected }) => {
            restore_prompt(buf, t, area, offers, *selected)
        }
        Overlay::Prompt(p) => prompt(app, buf, area, p),
        Overlay::Templates { selected } => template_picker(buf, t, area, *selected),
        Overlay::Present(_) => {}
        Overlay::Conflict(r) => crate::tui::conflicts::draw(app, r, buf, area, g),
    }
}

pub fn too_small(buf: &mut Buffer, t: &Theme, area: Rect) {
    let lines = [
        "Terminal too small".to_string(),
        format!(
            "{}×{}, need {}×{}",
            area.width,
            area.height,
            layout::MIN_WIDTH,
            layout::MIN_HEIGHT
        ),
    ];
    for (i, l) in lines.iter().enumerate() {
        let w = l.width() as u16;
        let x = area.x + area.width.saturating_sub(w) / 2;
        let y = area.y + (area.height / 2).saturating_sub(1) + i as u16;
        put(buf, x, y, l, area.width, t.bold());
    }
}

fn insert_place(app: &App, g: &Grid, target: &InsertTarget) -> (u16, u16, String) {
    let (stage, title) = match target {
        InsertTarget::NewItem { stage, lane, .. } => (
            *stage,
            format!("New {} — Enter keeps, Esc drops", item_noun(*lane)),
        ),
        InsertTarget::EditItem { stage, lane, .. } => {
            (*stage, format!("Edit {}", item_noun(*lane)))
        }
        InsertTarget::NewStage { index } => (index.saturating_sub(1), "New stage name".to_string()),
    };
    let x = g.column(stage).map(|c| c.x).unwrap_or(LABEL_WIDTH);
    let y = g
        .rows
        .iter()
        .find(|r| r.lane == app.cursor.lane)
        .map(|r| r.y)
        .unwrap_or(g.lanes.y);
    (x, y, title)
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

fn help(app: &App, buf: &mut Buffer, area: Rect, scroll: u16) {
    let t = &app.theme;
    let rows = app.keymap.help_rows();
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

fn prompt(app: &App, buf: &mut Buffer, area: Rect, p: &Prompt) {
    let t = &app.theme;
    let (title, mut lines): (&str, Vec<String>) = match p {
        Prompt::Quit => ("Unsaved changes", vec!["Save before quitting?".into()]),
        Prompt::DeleteStage(i) => {
            let (name, items) = app
                .doc
                .map
                .stages
                .get(*i)
                .map(|s| (display(&s.name).into_owned(), s.item_count()))
                .unwrap_or_default();
            let holding = match items {
                0 => "It holds no items.".to_string(),
                1 => "It holds 1 item.".to_string(),
                n => format!("It holds {n} items."),
            };
            (
                "Delete stage",
                vec![format!("Delete stage {} \"{name}\"?", i + 1), holding],
            )
        }
        Prompt::ChangedOnDisk { .. } => (
            "File changed on disk",
            vec!["Someone changed the file since it was loaded, and it cannot be merged.".into()],
        ),
        Prompt::DropComments { .. } => (
            "The file has comments",
            vec!["Saving writes the canonical form, without its comments.".into()],
        ),
        // Drawn by `restore_prompt`; never reached.
        Prompt::Restore { .. } => ("Unsaved work found", Vec::new()),
        Prompt::ExternalError { error, .. } => (
            "The edited map does not load",
            vec![display(error).into_owned()],
        ),
    };
    lines.push(dialog_hints(p.dialog()));
    let w = lines
        .iter()
        .map(|l| l.width())
        .max()
        .unwrap_or(20)
        .max(title.width() + 4) as u16
        + 4;
    let r = centered(area, w.min(area.width), lines.len() as u16 + 2);
    let inner = boxed(buf, t, r, title);
    for (i, l) in lines.iter().enumerate() {
        put(
            buf,
            inner.x + 1,
            inner.y + i as u16,
            &fit(l, inner.width.saturating_sub(1) as usize),
            inner.width.saturating_sub(1),
            t.text(),
        );
    }
}

/// The recovery files other sessions left, newest first, one line each: when,
/// what it holds, and which editor (process) wrote it.
fn restore_prompt(buf: &mut Buffer, t: &Theme, area: Rect, offers: &[Offer], selected: usize) {
    let intro = match offers.len() {
        1 => "A recovery file holds work that is not in the map file.".to_string(),
        n => format!("{n} recovery files hold work that is not in the map file."),
    };
    let hint = dialog_hints(if offers.len() == 1 {
        Dialog::RestoreOne
    } else {
        Dialog::Restore
    });
    let hint = hint.as_str();
    let items: Vec<String> = offers
        .iter()
        .map(|o| {
            let what = match &o.content {
                Offered::Map(_) if o.found.older => {
                    "unsaved work, older than the map file (changed since)".to_string()
                }
                Offered::Map(_) => "unsaved work".to_string(),
                Offered::Text { error } => format!(
                    "an edit that does not load (y opens it in $EDITOR): {}",
                    display(error)
                ),
            };
            let pid = Session::pid(&o.found.session)
                .map(|p| format!(" (editor pid {p})"))
                .unwrap_or_default();
            format!("{} · {what}{pid}", o.when)
        })
        .collect();
    let rows = (area.height.saturating_sub(8).max(1) as usize).min(items.len().max(1));
    let first = selected.saturating_sub(rows - 1);
    let w = items
        .iter()
        .map(|l| l.width() + 2)
        .chain([intro.width(), hint.width()])
        .max()
        .unwrap_or(20) as u16
        + 4;
    let r = centered(area, w.min(area.width), rows as u16 + 6);
    let inner = boxed(buf, t, r, "Unsaved work found");
    let width = inner.width.saturating_sub(1);
    let text = |buf: &mut Buffer, y: u16, s: &str, style| {
        put(buf, inner.x + 1, y, &fit(s, width as usize), width, style);
    };
    text(buf, inner.y, &intro, t.text());
    for (row, (i, item)) in items.iter().enumerate().skip(first).take(rows).enumerate() {
        let (mark, style) = if i == selected {
            ("▶ ", t.selected())
        } else {
            ("  ", t.text())
        };
        text(
            buf,
            inner.y + 2 + row as u16,
            &format!("{mark}{item}"),
            style,
        );
    }
    text(buf, inner.y + 3 + rows as u16, hint, t.muted());
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
