//! The editor's screen as text, drawn on ratatui's TestBackend: one line per row,
//! a wide character counted once, trailing blanks trimmed, so a test reads what a
//! person would.

use cjm::tui::App;
use cjm::tui::view::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub fn text(a: &App, w: u16, h: u16) -> String {
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
