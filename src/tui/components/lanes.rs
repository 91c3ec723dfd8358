//! `b`: the map's lanes in a box, to add a service-blueprint or custom lane
//! (its kind, then its title), rename one (a journey lane too: Doing as
//! "Customer actions"), move one up or down the grid, switch what an extra
//! lane's cards hold, and remove an extra lane (asking first when it holds
//! cards). Every change is one `edit::Op::SetLanes`, so `u` takes it back.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use crate::edit::{self, Op};
use crate::model::wording::capitalise;
use crate::model::{Holds, JourneyMap, Lane, LaneKind};
use crate::text::display;
use crate::tui::app::{App, LaneMenu, LaneStep, Overlay};
use crate::tui::component::{Component, Handled, Hint};
use crate::tui::edits::apply;
use crate::tui::keymap::{self, Dialog, Reply, dialog_hints, dialog_rows};
use crate::tui::layout::Grid;
use crate::tui::paint::{boxed, centered, fit, put};
use crate::tui::text_input::{Outcome, TextInput};

/// `b` on the grid: the menu, on the selected lane.
pub fn open(app: &mut App) {
    let selected = app
        .doc
        .map
        .lane_sequence()
        .iter()
        .position(|l| *l == app.cursor.lane)
        .unwrap_or(0);
    app.overlay = Overlay::Lanes(LaneMenu {
        selected,
        step: LaneStep::List,
    });
}

impl LaneMenu {
    fn dialog(&self) -> Dialog {
        match self.step {
            LaneStep::List => Dialog::Lanes,
            LaneStep::Kind(_) => Dialog::LaneKind,
            LaneStep::Title { .. } => Dialog::LaneTitle,
            LaneStep::Remove => Dialog::LaneRemove,
        }
    }

    fn lane(&self, map: &JourneyMap) -> Option<Lane> {
        map.lane_sequence().get(self.selected).copied()
    }

    /// Selects `lane` in the list, and on the grid behind it.
    fn select(&mut self, app: &mut App, lane: Lane) {
        if let Some(i) = app.doc.map.lane_sequence().iter().position(|l| *l == lane) {
            self.selected = i;
        }
        app.cursor.lane = lane;
        app.cursor.item = 0;
    }
}

impl Component for LaneMenu {
    fn mode(&self) -> &'static str {
        "LANES"
    }

    fn hints(&self) -> Vec<Hint> {
        dialog_rows(self.dialog())
    }

    fn handle(&mut self, app: &mut App, k: KeyEvent) -> Handled {
        if let LaneStep::Title { kind, input } = &mut self.step {
            let kind = *kind;
            return match input.handle(k) {
                Outcome::Commit => {
                    let title = input.text().to_string();
                    self.step = LaneStep::List;
                    title_typed(app, self, kind, &title);
                    Handled::stay()
                }
                Outcome::Cancel => {
                    self.step = match kind {
                        Some(kind) => LaneStep::Kind(
                            LaneKind::ADDABLE
                                .iter()
                                .position(|k| *k == kind)
                                .unwrap_or(0),
                        ),
                        None => LaneStep::List,
                    };
                    Handled::stay()
                }
                Outcome::Edited | Outcome::Ignored => Handled::stay(),
            };
        }
        let reply = keymap::reply(self.dialog(), k);
        let n = app.doc.map.lane_sequence().len().max(1);
        match (&self.step, reply) {
            (LaneStep::List, Some(Reply::Next)) => self.selected = (self.selected + 1) % n,
            (LaneStep::List, Some(Reply::Prev)) => self.selected = (self.selected + n - 1) % n,
            (LaneStep::List, Some(Reply::Add)) => self.step = LaneStep::Kind(0),
            (LaneStep::List, Some(Reply::Edit)) => {
                if let Some(lane) = self.lane(&app.doc.map) {
                    self.step = LaneStep::Title {
                        kind: None,
                        input: TextInput::selected(&app.doc.map.lane_title(lane)),
                    };
                }
            }
            (LaneStep::List, Some(r @ (Reply::Earlier | Reply::Later))) => {
                let delta = if r == Reply::Earlier { -1 } else { 1 };
                if let Some(lane) = self.lane(&app.doc.map) {
                    match edit::move_lane(&app.doc.map, lane, delta) {
                        Some(op) => {
                            if applied(app, op) {
                                self.select(app, lane);
                            }
                        }
                        None => app.info(if delta < 0 {
                            "It is the first lane already"
                        } else {
                            "It is the last lane already"
                        }),
                    }
                }
            }
            (LaneStep::List, Some(Reply::Toggle)) => toggle_holds(app, self),
            (LaneStep::List, Some(Reply::Delete)) => {
                if let Some(lane) = self.lane(&app.doc.map) {
                    if !lane.is_extra() {
                        app.info(format!(
                            "{} is one of the seven journey lanes every map keeps: r renames it",
                            app.doc.map.lane_title(lane)
                        ));
                    } else if edit::lane_item_count(&app.doc.map, lane) > 0 {
                        self.step = LaneStep::Remove;
                    } else {
                        remove(app, self, lane);
                    }
                }
            }
            (LaneStep::List, Some(Reply::Cancel)) => return Handled::close(),
            (LaneStep::Kind(i), Some(Reply::Next)) => {
                self.step = LaneStep::Kind((i + 1) % LaneKind::ADDABLE.len())
            }
            (LaneStep::Kind(i), Some(Reply::Prev)) => {
                let m = LaneKind::ADDABLE.len();
                self.step = LaneStep::Kind((i + m - 1) % m)
            }
            (LaneStep::Kind(i), Some(Reply::Yes)) => {
                let kind = LaneKind::ADDABLE
                    .get(*i)
                    .copied()
                    .unwrap_or(LaneKind::Custom);
                self.step = LaneStep::Title {
                    kind: Some(kind),
                    input: TextInput::selected(kind.default_title()),
                };
            }
            (LaneStep::Kind(_), Some(Reply::Cancel)) => self.step = LaneStep::List,
            (LaneStep::Remove, Some(Reply::Yes)) => {
                self.step = LaneStep::List;
                if let Some(lane) = self.lane(&app.doc.map) {
                    remove(app, self, lane);
                }
            }
            (LaneStep::Remove, Some(Reply::No)) => {
                self.step = LaneStep::List;
                app.info("Lane kept");
            }
            _ => {}
        }
        Handled::stay()
    }

    fn paste(&mut self, text: &str) {
        if let LaneStep::Title { input, .. } = &mut self.step {
            input.insert_str(text);
        }
    }

    fn draw(&self, app: &App, f: &mut Frame, g: Option<&Grid>) {
        let area = f.area();
        draw_box(app, self, f.buffer_mut(), area);
        if let (LaneStep::Title { kind, input }, Some(g)) = (&self.step, g) {
            let label = match kind {
                Some(k) => format!("Title of the new {} lane: ", k.label()),
                None => {
                    let lane = self.lane(&app.doc.map).unwrap_or_default();
                    if lane.is_extra() {
                        "New title: ".to_string()
                    } else {
                        format!("New title (empty: {}): ", lane.title())
                    }
                }
            };
            super::message_line(f, &app.theme, g, &label, input);
        }
    }
}

/// Applies a lane change and names it in the footer.
fn applied(app: &mut App, op: Op) -> bool {
    let label = op.describe(&app.doc.map);
    let done = apply(app, op);
    if done {
        app.info(format!("{} (u undoes)", capitalise(&label)));
    }
    done
}

/// Enter on a title: the new lane added after the selected one, or the
/// selected lane renamed.
fn title_typed(app: &mut App, m: &mut LaneMenu, kind: Option<LaneKind>, title: &str) {
    let Some(at) = m.lane(&app.doc.map) else {
        return;
    };
    match kind {
        Some(kind) => {
            let (op, lane) = edit::add_lane(&app.doc.map, title, kind, Some(at));
            if applied(app, op) {
                m.select(app, lane);
            }
        }
        None => {
            if at.is_extra() && title.trim().is_empty() {
                app.error("A lane of the map's own needs a title");
                return;
            }
            match edit::rename_lane(&app.doc.map, at, title) {
                Some(op) => {
                    applied(app, op);
                }
                None => app.info("The title is as it was"),
            }
        }
    }
}

/// `o`: an extra lane's cards hold plain text, or text with an owner and a
/// channel.
fn toggle_holds(app: &mut App, m: &LaneMenu) {
    let Some(lane) = m.lane(&app.doc.map) else {
        return;
    };
    if !lane.is_extra() {
        app.info(format!(
            "{} is a journey lane: its cards are what they always are",
            app.doc.map.lane_title(lane)
        ));
        return;
    }
    let holds = match app.doc.map.lane_holds(lane) {
        Holds::Text => Holds::Owned,
        Holds::Owned => Holds::Text,
    };
    if let Some(op) = edit::set_lane_holds(&app.doc.map, lane, holds) {
        applied(app, op);
    }
}

fn remove(app: &mut App, m: &mut LaneMenu, lane: Lane) {
    if let Some(op) = edit::remove_lane(&app.doc.map, lane)
        && applied(app, op)
    {
        let n = app.doc.map.lane_sequence().len();
        m.selected = m.selected.min(n.saturating_sub(1));
    }
}

/// What a lane is, in the list: its kind, and what an extra lane's cards hold.
fn about(map: &JourneyMap, lane: Lane) -> String {
    let cards = edit::lane_item_count(map, lane);
    let cards = match cards {
        0 => String::new(),
        1 => " · 1 card".to_string(),
        n => format!(" · {n} cards"),
    };
    if !lane.is_extra() {
        let own = if map.lane_title(lane) != lane.title() {
            format!(" ({})", lane.title())
        } else {
            String::new()
        };
        return format!("journey{own}{cards}");
    }
    let holds = match map.lane_holds(lane) {
        Holds::Text => "text",
        Holds::Owned => "owner, channel",
    };
    format!("{} · {holds}{cards}", map.lane_kind(lane).label())
}

fn draw_box(app: &App, m: &LaneMenu, buf: &mut Buffer, area: Rect) {
    let t = &app.theme;
    let map = &app.doc.map;
    let order = map.lane_sequence();
    let kinds = matches!(m.step, LaneStep::Kind(_));
    let rows = if kinds {
        LaneKind::ADDABLE.len()
    } else {
        order.len()
    };
    let question = matches!(m.step, LaneStep::Remove);
    let h = u16::try_from(rows + 2 + 2 * usize::from(question))
        .unwrap_or(u16::MAX)
        .min(area.height.saturating_sub(3))
        .max(3);
    let r = centered(area, 96, h);
    let title = match m.step {
        LaneStep::Kind(_) => format!("Add a lane — {}", dialog_hints(Dialog::LaneKind)),
        _ => format!("Lanes — {}", dialog_hints(Dialog::Lanes)),
    };
    let inner = boxed(buf, t, r, &title);
    let iw = inner.width as usize;
    let visible = inner.height.saturating_sub(2 * u16::from(question)).max(1) as usize;
    if let LaneStep::Kind(sel) = m.step {
        for (i, k) in LaneKind::ADDABLE.iter().enumerate().take(visible) {
            let style = if i == sel {
                t.selected().add_modifier(Modifier::BOLD)
            } else {
                t.text()
            };
            let line = format!("{:<20} {}", capitalise(k.label()), line_words(*k));
            put(
                buf,
                inner.x,
                inner.y + i as u16,
                &fit(&line, iw),
                inner.width,
                style,
            );
        }
        return;
    }
    let first = (m.selected + 1).saturating_sub(visible);
    for (n, (i, lane)) in order
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .enumerate()
    {
        let y = inner.y + n as u16;
        let style = if i == m.selected {
            t.selected().add_modifier(Modifier::BOLD)
        } else {
            t.text()
        };
        let title = display(&map.lane_title(*lane)).into_owned();
        let tw = iw.saturating_sub(2) / 2;
        put(
            buf,
            inner.x,
            y,
            &format!("{:<tw$}", fit(&title, tw)),
            inner.width,
            style,
        );
        let about_x = inner.x + tw as u16 + 1;
        put(
            buf,
            about_x,
            y,
            &fit(&about(map, *lane), iw.saturating_sub(tw + 1)),
            inner.width.saturating_sub(tw as u16 + 1),
            if i == m.selected { style } else { t.muted() },
        );
    }
    if question && let Some(lane) = m.lane(map) {
        let cards = edit::lane_item_count(map, lane);
        let ask = format!(
            "Remove {} and its {cards} card{}? {}",
            display(&map.lane_title(lane)),
            if cards == 1 { "" } else { "s" },
            dialog_hints(Dialog::LaneRemove)
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

/// What a lane of each kind is for, in the kind chooser.
fn line_words(k: LaneKind) -> &'static str {
    match k {
        LaneKind::PhysicalEvidence => "what the customer sees and touches",
        LaneKind::Frontstage => "staff the customer sees (line of interaction above)",
        LaneKind::Backstage => "staff out of sight (line of visibility above)",
        LaneKind::Support => "systems and suppliers (line of internal interaction above)",
        LaneKind::Custom => "a lane of your own: plain text",
        LaneKind::Journey => "",
    }
}
