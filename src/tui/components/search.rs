//! `/`: the search line, and moving between its matches (`n`/`N` on the grid
//! go on from where Enter left off).

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;

use crate::tui::app::{App, SearchLine};
use crate::tui::component::{Component, Handled, Hint};
use crate::tui::keymap::{Dialog, dialog_rows};
use crate::tui::layout::Grid;
use crate::tui::search::{self, At};
use crate::tui::text_input::Outcome;

impl Component for SearchLine {
    fn mode(&self) -> &'static str {
        "SEARCH"
    }

    fn hints(&self) -> Vec<Hint> {
        dialog_rows(Dialog::Search)
    }

    fn handle(&mut self, app: &mut App, k: KeyEvent) -> Handled {
        match self.input.handle(k) {
            Outcome::Commit => {
                app.search.query = self.input.text().to_string();
                app.search.current = None;
                app.search.highlight = !app.search.query.is_empty();
                if app.search.highlight {
                    step(app, true, true);
                }
                Handled::close()
            }
            Outcome::Cancel => Handled::close(),
            Outcome::Edited | Outcome::Ignored => Handled::stay(),
        }
    }

    fn paste(&mut self, text: &str) {
        self.input.insert_str(text);
    }

    /// On the message line, under the footer.
    fn draw(&self, app: &App, f: &mut Frame, g: Option<&Grid>) {
        if let Some(g) = g {
            super::message_line(f, &app.theme, g, "/", &self.input);
        }
    }
}

/// Where the selection stands among the hits: on the hit last moved to while
/// it is still selected, otherwise at the selected cell.
fn position(app: &App, at: &At) -> bool {
    match at {
        At::Item(c) => *c == app.cursor,
        At::Stage(s) => *s == app.cursor.stage,
        At::Info | At::Persona => true,
    }
}

/// Moves to the next (or previous) hit. A new search starts at the selection
/// itself; `n`/`N` go on from the hit last moved to, and say when they wrap.
pub fn step(app: &mut App, forward: bool, fresh: bool) {
    let q = app.search.query.clone();
    if q.is_empty() {
        app.info("No search yet — / searches");
        return;
    }
    // With the persona filter on, the cards it hides are not stepped to.
    let all: Vec<search::Hit> = search::hits(&app.doc.map, &q)
        .into_iter()
        .filter(|h| match h.at {
            search::At::Item(c) => {
                app.filter().is_none() || app.shown(c.stage, c.lane).contains(&c.item)
            }
            _ => true,
        })
        .collect();
    let Some(last) = all.len().checked_sub(1) else {
        app.search.current = None;
        app.info(format!("No match for \"{q}\""));
        return;
    };
    app.search.highlight = true;
    let lanes = app.doc.map.lane_sequence();
    let here = search::order(&At::Item(app.cursor), &lanes);
    let current = app
        .search
        .current
        .filter(|(i, at)| !fresh && all.get(*i).is_some_and(|h| h.at == *at) && position(app, at))
        .map(|(i, _)| i);
    let (pick, wrapped) = match (current, forward) {
        (Some(i), true) if i < last => (i + 1, false),
        (Some(_), true) => (0, true),
        (Some(i), false) if i > 0 => (i - 1, false),
        (Some(_), false) => (last, true),
        (None, true) => {
            let after = all.iter().position(|h| {
                let o = search::order(&h.at, &lanes);
                if fresh { o >= here } else { o > here }
            });
            match after {
                Some(i) => (i, false),
                None => (0, !fresh),
            }
        }
        (None, false) => match all
            .iter()
            .rposition(|h| search::order(&h.at, &lanes) < here)
        {
            Some(i) => (i, false),
            None => (last, true),
        },
    };
    let Some(hit) = all.get(pick) else {
        return;
    };
    app.search.current = Some((pick, hit.at));
    let count = format!("{} of {}", pick + 1, all.len());
    let wrap = match (wrapped, forward) {
        (false, _) => String::new(),
        (true, true) => " — wrapped to the top".to_string(),
        (true, false) => " — wrapped to the bottom".to_string(),
    };
    match hit.at {
        At::Item(c) => app.cursor = c,
        At::Stage(stage) => {
            app.cursor.stage = stage;
            app.cursor.item = 0;
        }
        At::Info | At::Persona => {}
    }
    // Text with no cell on the grid is shown in the message itself.
    let shown = match hit.at {
        At::Info | At::Persona => {
            let whose = if hit.at == At::Info { "map" } else { "persona" };
            hit.fields
                .first()
                .map(|f| format!(" · {whose} {}: {}", f.field, search::snippet(f, 60)))
                .unwrap_or_default()
        }
        _ => String::new(),
    };
    app.info(format!("Match {count} for \"{q}\"{wrap}{shown}"));
}
