//! The merge-conflict resolver, one component: its state (which conflict is on
//! screen), its keys, its drawing and its footer hints live here together, so a
//! hint can never name a key the resolver does not take.
//!
//! A map merged by `cjm merge` holds its unresolved conflicts; the editor opens it
//! as it is (our version in place) and says how many there are. `x` steps through
//! them: the element is selected on the grid and the three versions are shown
//! below it, and one key takes ours, theirs or the base. Each resolution is one
//! undo step. Editing the element by hand and then keeping it as it is resolves
//! it too.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::app::{App, Overlay, left_words};
use super::component::{Component, Handled, Hint};
use super::edits::apply;
use super::keymap::{Key, hint_line};
use super::layout::Grid;
use super::paint::{boxed, clear, fit, put, wrap};
pub use super::state::Resolver;
use crate::edit::{self, Choice, Op, Refusal};
use crate::format;
use crate::model::Side;
use crate::text::display;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Do {
    Resolve(Choice),
    Next,
    Prev,
    Close,
}

/// The resolver's keys, and the words its footer shows for them.
const KEYS: &[(&str, Do, &str)] = &[
    ("o", Do::Resolve(Choice::Take(Side::Ours)), "take ours"),
    ("t", Do::Resolve(Choice::Take(Side::Theirs)), "take theirs"),
    ("b", Do::Resolve(Choice::Take(Side::Base)), "take base"),
    ("k", Do::Resolve(Choice::AsIs), "keep as edited"),
    ("x", Do::Next, "next"),
    ("n", Do::Next, "next"),
    ("X", Do::Prev, "previous"),
    ("N", Do::Prev, "previous"),
    ("esc", Do::Close, "close (edit by hand)"),
    ("q", Do::Close, "close (edit by hand)"),
];

/// The resolver names its mode and its keys from `KEYS`, the table `lookup`
/// reads: one hint per doing, every key that does it.
impl Component for Resolver {
    fn mode(&self) -> &'static str {
        "CONFLICT"
    }

    fn hints(&self) -> Vec<Hint> {
        let mut hints: Vec<(Do, Hint)> = Vec::new();
        for (k, d, what) in KEYS {
            let Some(key) = Key::parse(k) else { continue };
            match hints.iter_mut().find(|(dd, _)| dd == d) {
                Some((_, h)) => h.keys.push(key),
                None => hints.push((
                    *d,
                    Hint {
                        keys: vec![key],
                        what: (*what).to_string(),
                    },
                )),
            }
        }
        hints.into_iter().map(|(_, h)| h).collect()
    }

    fn handle(&mut self, app: &mut App, k: KeyEvent) -> Handled {
        key(self, app, k)
    }

    fn draw(&self, app: &App, f: &mut Frame, g: Option<&Grid>) {
        if let Some(g) = g {
            let area = f.area();
            draw(app, self, f.buffer_mut(), area, g);
        }
    }
}

fn lookup(e: KeyEvent) -> Option<Do> {
    let k = Key::from_event(e);
    KEYS.iter()
        .find(|(s, ..)| Key::parse(s) == Some(k))
        .map(|(_, d, _)| *d)
}

/// `x` on the grid: the next conflict after the one last shown (the first when
/// none was), its element selected. Says so when there are none.
pub fn open(app: &mut App, from: Option<usize>) {
    let n = app.doc.map.conflicts.len();
    if n == 0 {
        app.info("No merge conflicts in this map");
        return;
    }
    let index = from.map_or(0, |i| i % n);
    select(app, index);
    app.overlay = Overlay::Conflict(Resolver { index });
}

/// Selects the conflict's element on the grid, so the room sees where it is.
fn select(app: &mut App, index: usize) {
    let Some(c) = app.doc.map.conflicts.get(index) else {
        return;
    };
    if let Some((stage, at)) = edit::locate(&app.doc.map, c) {
        app.cursor.stage = stage;
        if let Some((lane, item)) = at {
            app.cursor.lane = lane;
            app.cursor.item = item;
        }
    }
}

/// A key while the resolver is open. It stays open on the next conflict after a
/// resolution, and closes when none is left.
fn key(r: &mut Resolver, app: &mut App, k: KeyEvent) -> Handled {
    let n = app.doc.map.conflicts.len();
    let go = |r: &mut Resolver, app: &mut App, index: usize| {
        if n == 0 {
            return Handled::close();
        }
        r.index = index % n;
        select(app, r.index);
        Handled::stay()
    };
    match lookup(k) {
        Some(Do::Resolve(choice)) => {
            if !resolve(app, r.index, choice) {
                return Handled::stay();
            }
            let left = app.doc.map.conflicts.len();
            if left == 0 {
                app.info("All merge conflicts resolved (u undoes; Ctrl-S saves)");
                return Handled::close();
            }
            r.index %= left;
            select(app, r.index);
            Handled::stay()
        }
        Some(Do::Next) => go(r, app, r.index + 1),
        Some(Do::Prev) => go(r, app, r.index + n.max(1) - 1),
        Some(Do::Close) => {
            app.info(format!(
                "{} — edit the element, then x and k keep it as edited",
                left_words(n)
            ));
            Handled::close()
        }
        None => Handled::stay(),
    }
}

/// Resolves one conflict as one undoable step; a choice that would leave the map
/// invalid (an empty base name) or whose element was edited since is refused
/// with the reason, and the conflict stays.
fn resolve(app: &mut App, index: usize, choice: Choice) -> bool {
    let Some(c) = app.doc.map.conflicts.get(index) else {
        return false;
    };
    let label = match choice {
        // An order conflict has one element on every side: it stays where it is.
        Choice::Take(_) if c.is_placement() => {
            format!(
                "keep {} in the order the merge gave it (J/K move it)",
                c.place()
            )
        }
        Choice::Take(side) => format!("take {} for {}", c.side_name(side), c.place()),
        Choice::AsIs => format!("keep {} as edited", c.place()),
    };
    let map = match edit::resolve(&app.doc.map, index, choice) {
        Ok(m) => m,
        Err(Refusal::NoSuchConflict) => return false,
        Err(Refusal::Changed(why)) => {
            app.error(format!(
                "Cannot take that side: {why}; edit it by hand, then k keeps it"
            ));
            return false;
        }
    };
    if let Some(e) = format::errors(&map).first() {
        app.error(format!("Cannot take that side: {}", e.message));
        return false;
    }
    let left = map.conflicts.len();
    let done = apply(
        app,
        Op::Resolve {
            map: Box::new(map),
            label: label.clone(),
        },
    );
    if done {
        let label = crate::model::wording::capitalise(&label);
        app.info(format!("{label} — {} (u undoes)", left_words(left)));
    }
    done
}

/// The three versions under the grid, the element selected above them.
fn draw(app: &App, r: &Resolver, buf: &mut Buffer, area: Rect, g: &Grid) {
    let footer_y = g.footer.y;
    let t = &app.theme;
    let n = app.doc.map.conflicts.len();
    let Some(c) = app.doc.map.conflicts.get(r.index) else {
        return;
    };
    let inner_w = area.width.saturating_sub(4) as usize;
    let mut lines: Vec<(String, bool)> = Vec::new();
    let mut head = c.place();
    if !c.what.is_empty() {
        head.push_str(": ");
        head.push_str(&c.what);
    }
    for l in wrap(&display(&head), inner_w, inner_w) {
        lines.push((l, true));
    }
    for side in [Side::Ours, Side::Theirs, Side::Base] {
        let mut name = display(&c.side_name(side)).into_owned();
        if side == Side::Ours {
            name.push_str(" — in the map now");
        }
        lines.push((name, true));
        let text = display(&c.side_text(side)).into_owned();
        for l in wrap(&text, inner_w.saturating_sub(2), inner_w.saturating_sub(2)) {
            lines.push((format!("  {l}"), false));
        }
    }
    // The keys wrap rather than being cut: at 80 columns they take two lines.
    let keys = wrap(&hint_line(&r.hints()), inner_w, inner_w);
    let room = footer_y.saturating_sub(g.lanes.y);
    let want = u16::try_from(lines.len() + keys.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let h = want.min(room.max(4)).min(area.height);
    // Above the footer, unless that would hide the selected element: then just
    // under the stage names, so the room sees both the element and its versions.
    let bottom = footer_y.saturating_sub(h).max(area.y);
    let selected = g
        .rows
        .iter()
        .find(|row| row.lane == app.cursor.lane)
        .map(|row| (row.y, row.y + row.h));
    let y = match selected {
        Some((top, end)) if end > bottom && top >= g.lanes.y + h => g.lanes.y,
        _ => bottom,
    };
    let rect = Rect::new(area.x, y, area.width, h);
    clear(buf, rect);
    let title = format!("Merge conflict {} of {n}", r.index + 1);
    let inner = boxed(buf, t, rect, &title);
    let body = (inner.height as usize).saturating_sub(keys.len()).max(1);
    let cut = lines.len() > body;
    for (i, (l, bold)) in lines.iter().take(body).enumerate() {
        let s = if cut && i + 1 == body {
            "…"
        } else {
            l.as_str()
        };
        let style = if *bold { t.bold() } else { t.text() };
        put(
            buf,
            inner.x + 1,
            inner.y + i as u16,
            &fit(s, inner_w),
            inner.width.saturating_sub(1),
            style,
        );
    }
    let hw = inner.width.saturating_sub(1);
    let first = inner.y + inner.height.saturating_sub(keys.len() as u16);
    for (i, k) in keys.iter().enumerate() {
        let y = first + i as u16;
        if y >= inner.y + inner.height {
            break;
        }
        put(buf, inner.x + 1, y, &fit(k, hw as usize), hw, t.muted());
    }
}
