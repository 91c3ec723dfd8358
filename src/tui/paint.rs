//! The small painting toolkit every screen area draws with: text cut or placed
//! so that it never leaves the buffer, filled rectangles, boxes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders};
use unicode_width::UnicodeWidthStr;

use crate::text::display;
use crate::tui::search;
use crate::tui::theme::Theme;
pub use crate::tui::wrap::{MAX_WRAPPED_LINES, fit, head, wrap, wrap_at_most};

/// Resets every cell of `area` (inside the buffer) to blank.
pub fn clear(buf: &mut Buffer, area: Rect) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if let Some(c) = buf.cell_mut((x, y)) {
                c.reset();
            }
        }
    }
}

/// Writes `s` at (x, y) in at most `w` columns, never outside the buffer.
pub fn put(buf: &mut Buffer, x: u16, y: u16, s: &str, w: u16, style: Style) {
    let a = buf.area;
    if y < a.y || y >= a.bottom() || x < a.x || x >= a.right() {
        return;
    }
    let w = w.min(a.right() - x);
    buf.set_stringn(x, y, s, w as usize, style);
}

pub fn fill(buf: &mut Buffer, r: Rect, style: Style) {
    let r = r.intersection(buf.area);
    for y in r.top()..r.bottom() {
        for x in r.left()..r.right() {
            if let Some(c) = buf.cell_mut((x, y)) {
                c.set_style(style);
            }
        }
    }
}

/// Draws a bordered, cleared box and returns its inside.
pub fn boxed(buf: &mut Buffer, theme: &Theme, r: Rect, title: &str) -> Rect {
    let r = r.intersection(buf.area);
    clear(buf, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(Style::default().fg(theme.accent))
        .title(fit(&display(title), r.width.saturating_sub(4) as usize));
    let inner = block.inner(r);
    ratatui::widgets::Widget::render(block, r, buf);
    inner
}

pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Marks every match of `query` in `line`, which is already drawn at (x, y) in
/// at most `w` columns (search results, highlighted where they are shown).
pub fn highlight(buf: &mut Buffer, theme: &Theme, x: u16, y: u16, w: u16, line: &str, query: &str) {
    let style = theme.hit();
    for r in search::ranges(line, query) {
        let from = line.get(..r.start).map(|s| s.width()).unwrap_or(0) as u16;
        let to = line.get(..r.end).map(|s| s.width()).unwrap_or(0) as u16;
        let to = to.min(w);
        if from < to {
            fill(buf, Rect::new(x + from, y, to - from, 1), style);
        }
    }
}
