//! The footer: the mode, the keys that matter now, and the last message.

use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use super::paint::{fit, put};
use crate::text::display;
use crate::tui::app::{App, Overlay, Tone};
use crate::tui::keymap::Action;
use crate::tui::layout::Grid;

fn mode(app: &App) -> &'static str {
    match app.overlay {
        Overlay::None => "NORMAL",
        Overlay::Insert { .. } => "INSERT",
        Overlay::Form(_) => "FORM",
        Overlay::Search(_) => "SEARCH",
        Overlay::Help { .. } => "HELP",
        Overlay::Prompt(_) => "PROMPT",
        Overlay::Templates { .. } => "NEW MAP",
        Overlay::Present(_) => "PRESENT",
    }
}

pub fn footer(app: &App, buf: &mut Buffer, g: &Grid) {
    let t = &app.theme;
    let r = g.footer;
    let m = format!(" {} ", mode(app));
    let mstyle = Style::default()
        .fg(t.mode_fg)
        .bg(t.mode_bg)
        .add_modifier(Modifier::BOLD);
    put(buf, r.x, r.y, &m, r.width, mstyle);
    let k = |a: Action| app.keymap.key_for(a).unwrap_or_default();
    let hints = match app.overlay {
        Overlay::Insert { .. } => "Enter keep · Esc drop · Ctrl-W word · Ctrl-U line".to_string(),
        Overlay::Form(_) => "Tab/↑↓ field · ←→ choose · Enter save · Esc cancel".to_string(),
        Overlay::Search(_) => "Enter search · Esc cancel".to_string(),
        _ => format!(
            "{} add · {} edit · {} delete · {} stage · {} score · {} search · {} undo · {} save · {} help · {} quit",
            k(Action::AddItem),
            k(Action::Edit),
            k(Action::DeleteItem),
            k(Action::AddStage),
            "+/-/1-5",
            k(Action::Search),
            k(Action::Undo),
            k(Action::Save),
            k(Action::Help),
            k(Action::Quit),
        ),
    };
    let x = r.x + m.width() as u16 + 1;
    put(
        buf,
        x,
        r.y,
        &fit(&hints, r.width.saturating_sub(x) as usize),
        r.width.saturating_sub(x),
        t.muted(),
    );
    if let Some((msg, tone)) = &app.message {
        let style = match tone {
            Tone::Info => t.notice(),
            Tone::Error => t.error(),
        };
        put(
            buf,
            r.x + 1,
            r.y + 1,
            &fit(&display(msg), r.width.saturating_sub(2) as usize),
            r.width.saturating_sub(1),
            style,
        );
    }
}
