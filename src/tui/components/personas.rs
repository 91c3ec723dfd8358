//! `W`: the map's personas in a box, to add one (her name typed), edit one
//! (the persona form: name, role, goals, …), remove one (asking first when
//! she has emotions or cards of her own) and show one's journey (`f`, as the
//! grid's `F` does). Every change is one `edit::Op::SetPersonas`, so `u`
//! takes it back.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::edit::{self, Op};
use crate::model::persona_style;
use crate::model::wording::capitalise;
use crate::text::display;
use crate::tui::app::{App, Overlay, PersonaMenu, PersonaStep};
use crate::tui::component::{Component, Handled, Hint};
use crate::tui::edits::apply;
use crate::tui::form::Form;
use crate::tui::keymap::{self, Dialog, Reply, dialog_hints, dialog_rows};
use crate::tui::layout::Grid;
use crate::tui::paint::{boxed, centered, fit, put};
use crate::tui::text_input::{Outcome, TextInput};

/// `W` on the grid: the menu, on the persona whose journey is shown (else
/// the first).
pub fn open(app: &mut App) {
    app.overlay = Overlay::Personas(PersonaMenu {
        selected: app.filter().unwrap_or(0),
        step: PersonaStep::List,
    });
}

impl PersonaMenu {
    fn dialog(&self) -> Dialog {
        match self.step {
            PersonaStep::List => Dialog::Personas,
            PersonaStep::Name(_) => Dialog::PersonaName,
            PersonaStep::Remove => Dialog::PersonaRemove,
        }
    }
}

impl Component for PersonaMenu {
    fn mode(&self) -> &'static str {
        "PERSONAS"
    }

    fn hints(&self) -> Vec<Hint> {
        dialog_rows(self.dialog())
    }

    fn handle(&mut self, app: &mut App, k: KeyEvent) -> Handled {
        if let PersonaStep::Name(input) = &mut self.step {
            return match input.handle(k) {
                Outcome::Commit => {
                    let name = input.text().trim().to_string();
                    self.step = PersonaStep::List;
                    if name.is_empty() {
                        app.error("A persona needs a name");
                    } else {
                        let (op, index) = edit::add_persona(&app.doc.map, &name);
                        if applied(app, op) {
                            self.selected = index;
                        }
                    }
                    Handled::stay()
                }
                Outcome::Cancel => {
                    self.step = PersonaStep::List;
                    Handled::stay()
                }
                Outcome::Edited | Outcome::Ignored => Handled::stay(),
            };
        }
        let n = app.doc.map.persona_count().max(1);
        match (&self.step, keymap::reply(self.dialog(), k)) {
            // No wrapping round: with two personas, down and up would be one key.
            (PersonaStep::List, Some(Reply::Next)) => {
                self.selected = (self.selected + 1).min(n - 1)
            }
            (PersonaStep::List, Some(Reply::Prev)) => {
                self.selected = self.selected.saturating_sub(1)
            }
            (PersonaStep::List, Some(Reply::Add)) => {
                self.step = PersonaStep::Name(TextInput::new(""));
            }
            (PersonaStep::List, Some(Reply::Edit)) => {
                if let Some(f) = Form::for_persona_at(&app.doc.map, self.selected) {
                    return Handled::replace(Overlay::Form(Box::new(f)));
                }
            }
            (PersonaStep::List, Some(Reply::Delete)) => {
                if n < 2 {
                    app.info("A map keeps at least one persona: e edits her");
                } else if edit::persona_card_count(&app.doc.map, self.selected) > 0 {
                    self.step = PersonaStep::Remove;
                } else {
                    remove(app, self);
                }
            }
            (PersonaStep::List, Some(Reply::Toggle)) => {
                if n < 2 {
                    app.info("One persona: the grid shows her journey already");
                } else {
                    app.persona_filter = Some(self.selected);
                    if let Some(b) = crate::tui::filter::banner(&app.doc.map, app.persona_filter) {
                        app.info(format!("{b}: only this journey"));
                    }
                    return Handled::close();
                }
            }
            (PersonaStep::List, Some(Reply::Cancel)) => return Handled::close(),
            (PersonaStep::Remove, Some(Reply::Yes)) => {
                self.step = PersonaStep::List;
                remove(app, self);
            }
            (PersonaStep::Remove, Some(Reply::No)) => {
                self.step = PersonaStep::List;
                app.info("Persona kept");
            }
            _ => {}
        }
        Handled::stay()
    }

    fn paste(&mut self, text: &str) {
        if let PersonaStep::Name(input) = &mut self.step {
            input.insert_str(text);
        }
    }

    fn draw(&self, app: &App, f: &mut Frame, g: Option<&Grid>) {
        let area = f.area();
        draw_box(app, self, f.buffer_mut(), area);
        if let (PersonaStep::Name(input), Some(g)) = (&self.step, g) {
            super::message_line(f, &app.theme, g, "Name of the new persona: ", input);
        }
    }
}

/// Applies a persona change and names it in the footer.
fn applied(app: &mut App, op: Op) -> bool {
    let label = op.describe(&app.doc.map);
    let done = apply(app, op);
    if done {
        app.info(format!("{} (u undoes)", capitalise(&label)));
    }
    done
}

/// The selected persona removed; the filter on her (or on one after her)
/// follows the list as it now is.
fn remove(app: &mut App, m: &mut PersonaMenu) {
    let gone = m.selected;
    if let Some(op) = edit::remove_persona(&app.doc.map, gone)
        && applied(app, op)
    {
        app.persona_filter = match app.persona_filter {
            Some(f) if f == gone => None,
            Some(f) if f > gone => Some(f - 1),
            f => f,
        };
        m.selected = m
            .selected
            .min(app.doc.map.persona_count().saturating_sub(1));
    }
}

fn draw_box(app: &App, m: &PersonaMenu, buf: &mut Buffer, area: Rect) {
    let t = &app.theme;
    let map = &app.doc.map;
    let question = m.step == PersonaStep::Remove;
    let n = map.persona_count() as u16;
    let h = (n + 2 + 2 * u16::from(question)).min(area.height.saturating_sub(2));
    let r = centered(area, 72.min(area.width.saturating_sub(2)), h);
    let title = format!("Personas — {}", dialog_hints(Dialog::Personas));
    let inner = boxed(buf, t, r, &title);
    let iw = inner.width as usize;
    let visible = inner.height.saturating_sub(2 * u16::from(question)).max(1) as usize;
    let first = (m.selected + 1).saturating_sub(visible);
    for (row, (i, p)) in map
        .personas()
        .enumerate()
        .skip(first)
        .take(visible)
        .enumerate()
    {
        let y = inner.y + row as u16;
        let selected = i == m.selected;
        let style = if selected {
            t.selected().add_modifier(Modifier::BOLD)
        } else {
            t.text()
        };
        let s = persona_style(i);
        let shown = if app.filter() == Some(i) {
            " · shown"
        } else {
            ""
        };
        let cards = edit::persona_card_count(map, i);
        let about = match (display(&p.role), cards) {
            (role, 0) => format!("{role}{shown}"),
            (role, c) => format!("{role} · {c} cards of their own{shown}"),
        };
        let line = format!("{} {}", s.marker, display(&p.name));
        // As wide as the longest name, so the role and counts keep room.
        let longest = map
            .personas()
            .map(|p| unicode_width::UnicodeWidthStr::width(display(&p.name).as_ref()))
            .max()
            .unwrap_or(0);
        let nw = (longest + 3).min(iw.saturating_sub(2) / 2);
        let marker_style = if selected || n < 2 {
            style
        } else {
            Style::default()
                .fg(t.persona(i))
                .add_modifier(Modifier::BOLD)
        };
        put(
            buf,
            inner.x,
            y,
            &format!("{:<nw$}", fit(&line, nw)),
            inner.width,
            style,
        );
        put(buf, inner.x, y, &s.marker.to_string(), 1, marker_style);
        put(
            buf,
            inner.x + nw as u16 + 1,
            y,
            &fit(&about, iw.saturating_sub(nw + 1)),
            inner.width.saturating_sub(nw as u16 + 1),
            if selected { style } else { t.muted() },
        );
    }
    if question && let Some(p) = map.persona_at(m.selected) {
        let cards = edit::persona_card_count(map, m.selected);
        let ask = format!(
            "Remove {} and the {cards} card{} only they have? {}",
            display(&p.name),
            if cards == 1 { "" } else { "s" },
            dialog_hints(Dialog::PersonaRemove)
        );
        put(
            buf,
            inner.x,
            inner.y + inner.height.saturating_sub(1),
            &fit(&ask, iw),
            inner.width,
            t.error().add_modifier(Modifier::BOLD),
        );
    }
}
