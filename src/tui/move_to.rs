//! Sending the selected item to any stage and lane (`m`), or a copy of it
//! (`y`), one component: its state, keys, drawing and hints live here together.
//! It asks in two steps, as the `'` lane jump does: a stage (its number, or
//! ←→ and Enter), then a lane (the lane jump's letter or number, or Enter for
//! the item's own lane). The change is one undo step, and the selection goes
//! with the item.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;

use super::app::{App, Overlay};
use super::component::{Component, Handled, Hint};
use super::edits::apply;
use super::keymap::{Key, hint_line};
use super::layout::Grid;
use super::paint::{boxed, fit, put};
pub use super::state::MoveTo;
use crate::edit::{self, Focus, Item, Slot};
use crate::model::wording::capitalise;
use crate::model::{Lane, item_noun};
use crate::text::display;

/// The stages a single digit reaches; ←→ reach the rest.
const DIGITS: usize = 9;

impl MoveTo {
    fn verb(&self) -> &'static str {
        if self.copy { "Copy" } else { "Move" }
    }
}

impl Component for MoveTo {
    fn mode(&self) -> &'static str {
        if self.copy { "COPY TO" } else { "MOVE TO" }
    }

    fn hints(&self) -> Vec<Hint> {
        let keys = |s: &[&str]| s.iter().filter_map(|k| Key::parse(k)).collect();
        let mut out = Vec::new();
        if self.lane_step {
            for (lane, title) in &self.titles {
                let lane = *lane;
                let lane_keys: Vec<Key> = self
                    .lanes
                    .iter()
                    .filter(|(_, l)| *l == lane)
                    .map(|(k, _)| *k)
                    .collect();
                if !lane_keys.is_empty() {
                    out.push(Hint {
                        keys: lane_keys,
                        what: display(title).into_owned(),
                    });
                }
            }
            out.push(Hint {
                keys: keys(&["enter"]),
                what: "same lane".into(),
            });
            out.push(Hint {
                keys: keys(&["backspace", "left"]),
                what: "back to the stages".into(),
            });
        } else {
            let n = self.stages.clamp(1, DIGITS);
            let digits: Vec<String> = (1..=n).map(|d| d.to_string()).collect();
            let digits: Vec<&str> = digits.iter().map(String::as_str).collect();
            out.push(Hint {
                keys: keys(&digits),
                what: if n == 1 {
                    "the stage".to_string()
                } else {
                    format!("to {n} pick a stage")
                },
            });
            out.push(Hint {
                keys: keys(&["left", "right", "h", "l"]),
                what: "choose".into(),
            });
            out.push(Hint {
                keys: keys(&["enter"]),
                what: "this stage".into(),
            });
        }
        out.push(Hint {
            keys: keys(&["esc", "ctrl-c"]),
            what: "cancel".into(),
        });
        out
    }

    fn handle(&mut self, app: &mut App, k: KeyEvent) -> Handled {
        key(app, self, k)
    }

    fn draw(&self, app: &App, f: &mut Frame, g: Option<&Grid>) {
        if let Some(g) = g {
            let area = f.area();
            draw(app, self, f.buffer_mut(), area, g);
        }
    }
}

/// `m` (or `y` with `copy`) on the grid: asks where, when there is an item.
pub fn open(app: &mut App, copy: bool) {
    let c = app.cursor;
    if app.lane_len(c.stage, c.lane) == 0 {
        let verb = if copy { "copy" } else { "move" };
        app.info(format!(
            "No {} here to {verb} — select an item first",
            item_noun(c.lane)
        ));
        return;
    }
    app.overlay = Overlay::MoveTo(MoveTo {
        copy,
        from: c,
        stage: c.stage,
        lane_step: false,
        lanes: app.keymap.lane_keys_for(&app.doc.map),
        titles: app
            .doc
            .map
            .lane_sequence()
            .into_iter()
            .map(|l| (l, app.doc.map.lane_title(l)))
            .collect(),
        stages: app.doc.map.stages.len(),
    });
}

/// A key while the question is open: the question stays until a lane is
/// chosen or it is cancelled.
fn key(app: &mut App, m: &mut MoveTo, k: KeyEvent) -> Handled {
    let key = Key::from_event(k);
    let cancel = key.code == KeyCode::Esc || (key.ctrl && key.code == KeyCode::Char('c'));
    if cancel {
        app.info(if m.copy { "Not copied" } else { "Not moved" });
        return Handled::close();
    }
    // Only the plain keys the hints name: Alt or Ctrl with one of them is another key.
    if key.alt || key.ctrl {
        return Handled::stay();
    }
    let last = app.doc.map.stages.len().saturating_sub(1);
    if m.lane_step {
        let lane = match key.code {
            KeyCode::Enter => Some(m.from.lane),
            KeyCode::Backspace | KeyCode::Left => {
                m.lane_step = false;
                None
            }
            _ => m
                .lanes
                .iter()
                .find(|(l, _)| *l == key)
                .map(|(_, lane)| *lane),
        };
        return match lane {
            Some(lane) => {
                finish(app, m, lane);
                Handled::close()
            }
            None => Handled::stay(),
        };
    }
    match key.code {
        KeyCode::Char(d @ '1'..='9') => {
            let n = d as usize - '0' as usize;
            // A number past the last stage is not on the list the box shows,
            // nor in its hints: it does nothing, as every unlisted key.
            if n - 1 <= last && !app.doc.map.stages.is_empty() {
                m.stage = n - 1;
                m.lane_step = true;
            }
        }
        // Round the ends, so that either arrow reaches every stage.
        KeyCode::Left | KeyCode::Char('h') => {
            m.stage = m.stage.checked_sub(1).unwrap_or(last).min(last)
        }
        KeyCode::Right | KeyCode::Char('l') => {
            m.stage = if m.stage >= last { 0 } else { m.stage + 1 }
        }
        KeyCode::Enter => m.lane_step = true,
        _ => {}
    }
    Handled::stay()
}

/// Moves or copies the item to the chosen stage and `lane`, and selects it there.
fn finish(app: &mut App, m: &MoveTo, lane: Lane) {
    let from = Slot {
        stage: m.from.stage,
        lane: m.from.lane,
        index: m.from.item,
    };
    let Some(op) = edit::relocation(&app.doc.map, from, m.stage, lane, m.copy) else {
        app.info("It is already there");
        return;
    };
    let focus = op.focus();
    let label = op.describe(&app.doc.map);
    let text = app
        .doc
        .map
        .stages
        .get(from.stage)
        .and_then(|s| Item::get(s, from.lane, from.index))
        .map(|i| i.text().to_string())
        .unwrap_or_default();
    if !apply(app, op) {
        return;
    }
    if let Focus::Item { stage, lane, index } = focus {
        app.cursor = super::app::Cursor {
            stage,
            lane,
            item: index,
        };
    }
    let stage = app
        .doc
        .map
        .stages
        .get(m.stage)
        .map(|s| s.name.clone())
        .unwrap_or_default();
    let said = if m.copy {
        let lane_words = if lane == m.from.lane {
            String::new()
        } else {
            format!("{} in ", app.doc.map.lane_title(lane))
        };
        format!(
            "Copied {} \"{}\" to {lane_words}{stage}",
            item_noun(m.from.lane),
            fit(&text, 40)
        )
    } else {
        capitalise(&label)
    };
    app.info(format!("{said} (u undoes)"));
}

/// The question above the footer: the stages by number, then the lanes by key.
fn draw(app: &App, m: &MoveTo, buf: &mut Buffer, area: Rect, g: &Grid) {
    let t = &app.theme;
    let map = &app.doc.map;
    let what = map
        .stages
        .get(m.from.stage)
        .and_then(|s| Item::get(s, m.from.lane, m.from.item))
        .map(|i| i.text().to_string())
        .unwrap_or_default();
    let w = area.width.min(72);
    let inner_w = w.saturating_sub(4) as usize;
    let mut lines: Vec<(String, bool)> = Vec::new();
    if m.lane_step {
        let stage = map.stages.get(m.stage).map(|s| s.name.as_str());
        lines.push((
            format!("To which lane of {}?", display(stage.unwrap_or_default())),
            false,
        ));
        for (lane, title) in &m.titles {
            let lane = *lane;
            let keys: Vec<String> = m
                .lanes
                .iter()
                .filter(|(_, l)| *l == lane)
                .map(|(k, _)| k.label())
                .collect();
            let own = if lane == m.from.lane { "  (Enter)" } else { "" };
            lines.push((
                format!("{:<5} {}{own}", keys.join(" "), display(title)),
                lane == m.from.lane,
            ));
        }
    } else {
        lines.push(("To which stage?".to_string(), false));
        let room = footer_room(area, g).saturating_sub(lines.len() + 3).max(1);
        let first = m.stage.saturating_sub(room.saturating_sub(1));
        for (i, s) in map.stages.iter().enumerate().skip(first).take(room) {
            let n = if i < DIGITS {
                (i + 1).to_string()
            } else {
                String::new()
            };
            let here = if i == m.from.stage {
                "  (here now)"
            } else {
                ""
            };
            lines.push((format!("{n:>2} {}{here}", display(&s.name)), i == m.stage));
        }
    }
    // The lanes are listed above with their keys: the last line says the rest.
    let rest: Vec<Hint> = m
        .hints()
        .into_iter()
        .filter(|h| !m.titles.iter().any(|(_, t)| display(t) == h.what))
        .collect();
    let keys = hint_line(&rest);
    let h = u16::try_from(lines.len() + 3)
        .unwrap_or(u16::MAX)
        .min(footer_room(area, g) as u16)
        .max(3);
    let y = g.footer.y.saturating_sub(h).max(area.y);
    let rect = Rect::new(area.x, y, w, h);
    let title = format!(
        "{} {} \"{}\"",
        m.verb(),
        item_noun(m.from.lane),
        fit(&display(&what), 30)
    );
    let inner = boxed(buf, t, rect, &title);
    let body = inner.height.saturating_sub(1) as usize;
    for (i, (l, on)) in lines.iter().take(body).enumerate() {
        let style = if *on { t.selected() } else { t.text() };
        put(
            buf,
            inner.x + 1,
            inner.y + i as u16,
            &fit(l, inner_w),
            inner.width.saturating_sub(1),
            style,
        );
    }
    if inner.height > 0 {
        put(
            buf,
            inner.x + 1,
            inner.y + inner.height - 1,
            &fit(&keys, inner_w),
            inner.width.saturating_sub(1),
            t.muted(),
        );
    }
}

/// Rows between the top of the screen and the footer.
fn footer_room(area: Rect, g: &Grid) -> usize {
    g.footer.y.saturating_sub(area.y) as usize
}
