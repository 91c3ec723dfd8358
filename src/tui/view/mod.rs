//! `view`: draws the state and nothing else, one module per screen area (after
//! gitui), all painting through `paint` and every colour from the app's
//! `Theme`. Every map text goes through `display`, so control and bidi
//! characters reach the terminal as visible escapes, never raw.

mod curve;
mod footer;
mod grid;
mod overlays;
mod panels;

use ratatui::Frame;

use super::app::App;
use super::layout;

pub use super::paint::fit;

pub fn view(app: &App, f: &mut Frame) {
    let area = f.area();
    let top = app.overlay.component();
    if let Some(c) = top.filter(|c| c.fills_screen()) {
        c.draw(app, f, None);
        return uncolour(app, f);
    }
    let buf = f.buffer_mut();
    if layout::too_small(area.width, area.height) {
        overlays::too_small(buf, &app.theme, area);
        return;
    }
    let g = layout::grid(app, area);
    grid::header(app, buf, g.header);
    grid::stage_head(app, buf, &g);
    grid::lanes(app, buf, &g);
    curve::curve(app, buf, &g);
    footer::footer(app, buf, &g);
    panels::draw(app, buf, &g);
    if let Some(c) = top {
        c.draw(app, f, Some(&g));
    }
    uncolour(app, f);
}

/// Without colour (`NO_COLOR`), no cell keeps one, whoever drew it: the plain
/// theme has none to give, and this makes sure of the rest.
fn uncolour(app: &App, f: &mut Frame) {
    if !app.theme.plain {
        return;
    }
    let buf = f.buffer_mut();
    let area = buf.area;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if let Some(c) = buf.cell_mut((x, y)) {
                c.fg = ratatui::style::Color::Reset;
                c.bg = ratatui::style::Color::Reset;
            }
        }
    }
}
