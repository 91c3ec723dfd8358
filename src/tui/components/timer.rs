//! `t`: the timer's minutes, typed on the message line; Enter starts the
//! countdown for the selected stage. The map and its history are left alone:
//! the timer is the workshop's, not the map's.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;

use crate::tui::app::{App, TimerLine};
use crate::tui::component::{Component, Handled, Hint};
use crate::tui::keymap::{Dialog, dialog_rows};
use crate::tui::layout::Grid;
use crate::tui::text_input::Outcome;
use crate::tui::timer::{Timer, parse_minutes};

impl Component for TimerLine {
    fn mode(&self) -> &'static str {
        if self.voting { "VOTING" } else { "TIMER" }
    }

    fn hints(&self) -> Vec<Hint> {
        dialog_rows(Dialog::Timer)
    }

    fn handle(&mut self, app: &mut App, k: KeyEvent) -> Handled {
        match self.input.handle(k) {
            Outcome::Commit if self.voting => {
                let round = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_millis().to_string())
                    .unwrap_or_default();
                crate::tui::voting::start(app, self.input.text(), round);
                Handled::close()
            }
            Outcome::Commit => {
                start(app, self.input.text());
                Handled::close()
            }
            Outcome::Cancel => {
                app.info(if self.voting {
                    "Voting not started"
                } else {
                    "Timer not started"
                });
                Handled::close()
            }
            Outcome::Edited | Outcome::Ignored => Handled::stay(),
        }
    }

    fn paste(&mut self, text: &str) {
        self.input.insert_str(text);
    }

    fn draw(&self, app: &App, f: &mut Frame, g: Option<&Grid>) {
        if let Some(g) = g {
            let label = if self.voting {
                "Votes each, then minutes (optional): "
            } else {
                "Timer minutes: "
            };
            super::message_line(f, &app.theme, g, label, &self.input);
        }
    }
}

/// Starts the countdown for the selected stage.
fn start(app: &mut App, typed: &str) {
    let minutes = match parse_minutes(typed) {
        Ok(m) => m,
        Err(e) => {
            app.error(e);
            return;
        }
    };
    let activity = app
        .doc
        .map
        .stages
        .get(app.cursor.stage)
        .map(|s| crate::text::display(&s.name).into_owned())
        .unwrap_or_else(|| "Workshop".to_string());
    app.timer = Some(Timer {
        activity,
        length: std::time::Duration::from_secs(minutes * 60),
        started: app.clock.now(),
    });
    app.info(format!("Timer: {minutes} min (t stops it)"));
}
