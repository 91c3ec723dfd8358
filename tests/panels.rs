//! The detail and persona panels and the wrapping edit box: their content as
//! pure functions, snapshots of the long-sentence map, and the keys.

use cjm::format::load_str;
use cjm::tui::app::App;
use cjm::tui::update::update;
use cjm::tui::view::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

const PHYSIO: &str = include_str!("data/physio-booking.ron");

fn sized(text: &str, w: u16, h: u16) -> App {
    let mut a = App::new(load_str(text).unwrap().map, "physio-booking.ron".into());
    a.size = (w, h);
    a
}

fn screen(a: &App) -> String {
    let (w, h) = a.size;
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

fn press(a: &mut App, code: KeyCode) {
    let mods = match code {
        KeyCode::Char(c) if c.is_uppercase() => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    update(a, Event::Key(KeyEvent::new(code, mods)));
}

#[test]
fn look() {
    for (w, h) in [(80, 24), (120, 36), (200, 50)] {
        let mut a = sized(PHYSIO, w, h);
        press(&mut a, KeyCode::Tab);
        press(&mut a, KeyCode::Tab);
        println!("{}", screen(&a));
    }
}

#[test]
fn look_edit() {
    let mut a = sized(PHYSIO, 80, 24);
    press(&mut a, KeyCode::Char('e'));
    let (w, h) = a.size;
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| view(&a, f)).unwrap();
    println!("{}\n{:?}", screen(&a), term.get_cursor_position());
    press(&mut a, KeyCode::Home);
    for _ in 0..45 {
        press(&mut a, KeyCode::Right);
    }
    term.draw(|f| view(&a, f)).unwrap();
    println!("{:?}", term.get_cursor_position());
}
