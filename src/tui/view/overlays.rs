//! The notice shown instead of everything when the terminal is too small.
//! What sits on top of the grid draws itself (`component::Component::draw`).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use crate::tui::layout;
use crate::tui::paint::put;
use crate::tui::theme::Theme;

pub fn too_small(buf: &mut Buffer, t: &Theme, area: Rect) {
    let lines = [
        "Terminal too small".to_string(),
        format!(
            "{}×{}, need {}×{}",
            area.width,
            area.height,
            layout::MIN_WIDTH,
            layout::MIN_HEIGHT
        ),
    ];
    for (i, l) in lines.iter().enumerate() {
        let w = l.width() as u16;
        let x = area.x + area.width.saturating_sub(w) / 2;
        let y = area.y + (area.height / 2).saturating_sub(1) + i as u16;
        put(buf, x, y, l, area.width, t.bold());
    }
}
