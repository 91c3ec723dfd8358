//! Presentation mode (F5): the slides as a projector shows them, moving between
//! them, and the proof that nothing there changes the map and that leaving finds
//! the editor where it was.

use cjm::format::{load_str, write};
use cjm::model::Lane;
use cjm::tui::app::{App, Cursor, Overlay};
use cjm::tui::present::Presentation;
use cjm::tui::update::update;
use cjm::tui::view::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

const PHYSIO: &str = include_str!("data/physio-booking.ron");

fn app(text: &str, w: u16, h: u16) -> App {
    let mut a = App::new(load_str(text).unwrap().map, "physio-booking.ron".into());
    a.size = (w, h);
    a
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ch(c: char) -> Event {
    let m = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    Event::Key(KeyEvent::new(KeyCode::Char(c), m))
}

fn screen(a: &App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| view(a, f)).unwrap();
    let buf = term.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..w {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let s = buf[(x, y)].symbol();
            line.push_str(s);
            skip = unicode_width::UnicodeWidthStr::width(s).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn presenting(a: &App) -> Option<Presentation> {
    match &a.overlay {
        Overlay::Present(p) => Some(*p),
        _ => None,
    }
}

/// The screen of slide `slide` at w×h, scrolled to the end when it is taller.
fn slide(slide: usize, w: u16, h: u16) -> String {
    let mut a = app(PHYSIO, w, h);
    update(&mut a, key(KeyCode::F(5)));
    for _ in 0..slide {
        update(&mut a, key(KeyCode::Right));
    }
    screen(&a, w, h)
}

#[test]
fn snapshot_the_overview_and_a_stage_slide() {
    for (w, h) in [(80, 24), (120, 36), (200, 50), (240, 60)] {
        insta::assert_snapshot!(format!("present-overview-{w}x{h}"), slide(0, w, h));
        insta::assert_snapshot!(format!("present-stage-3-{w}x{h}"), slide(3, w, h));
    }
}
