//! The editor's screen as text, drawn on ratatui's TestBackend: one line per row,
//! a wide character counted once, trailing blanks trimmed, so a test reads what a
//! person would.

use cjm::tui::App;
use cjm::tui::view::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// One frame of the editor at `w`×`h`.
pub fn draw(a: &App, w: u16, h: u16) -> Buffer {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| view(a, f)).unwrap();
    term.backend().buffer().clone()
}

/// The text of `r` on screen, one string per line, wide characters once.
pub fn text_of(buf: &Buffer, r: Rect) -> Vec<String> {
    (r.y..r.bottom())
        .map(|y| {
            let mut line = String::new();
            let mut skip = 0;
            for x in r.x..r.right() {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let s = buf[(x, y)].symbol();
                line.push_str(s);
                skip = unicode_width::UnicodeWidthStr::width(s).saturating_sub(1);
            }
            line.trim_end().to_string()
        })
        .collect()
}

/// The whole screen, each line ending in a newline.
pub fn text(a: &App, w: u16, h: u16) -> String {
    text_of(&draw(a, w, h), Rect::new(0, 0, w, h)).join("\n") + "\n"
}
