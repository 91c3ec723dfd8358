//! The overlays as components, one module each: the inline edit box, forms,
//! the search and timer lines, the help, the prompts (the recovery offer among
//! them), the template picker, the evidence list and citation picker, the lane menu and the persona menu here; the conflict resolver in `conflicts`, the
//! move question in `move_to` and the slides in `present`. Each keeps its keys, its drawing and its hints
//! together; this module only finds the one on top, so `update` and `view`
//! talk to it without knowing which it is.

pub mod evidence;
mod form;
mod help;
mod insert;
pub mod lanes;
pub mod personas;
mod prompt;
pub mod search;
mod templates;
mod timer;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::app::Overlay;
use super::component::{Component, Hint};
use super::layout::Grid;
use super::paint::{clear, put};
use super::text_input::TextInput;
use super::theme::Theme;

pub use prompt::request_save;

impl Overlay {
    /// The component on top; `None` when the grid has the keys.
    pub fn component(&self) -> Option<&dyn Component> {
        match self {
            Overlay::None => None,
            Overlay::Insert(c) => Some(c),
            Overlay::Form(c) => Some(c.as_ref()),
            Overlay::Search(c) => Some(c),
            Overlay::Help(c) => Some(c),
            Overlay::Prompt(c) => Some(c),
            Overlay::Templates(c) => Some(c),
            Overlay::Present(c) => Some(c),
            Overlay::Timer(c) => Some(c),
            Overlay::Conflict(c) => Some(c),
            Overlay::MoveTo(c) => Some(c),
            Overlay::Evidence(c) => Some(c),
            Overlay::Cite(c) => Some(c),
            Overlay::Lanes(c) => Some(c),
            Overlay::Personas(c) => Some(c),
        }
    }

    pub fn component_mut(&mut self) -> Option<&mut dyn Component> {
        match self {
            Overlay::None => None,
            Overlay::Insert(c) => Some(c),
            Overlay::Form(c) => Some(c.as_mut()),
            Overlay::Search(c) => Some(c),
            Overlay::Help(c) => Some(c),
            Overlay::Prompt(c) => Some(c),
            Overlay::Templates(c) => Some(c),
            Overlay::Present(c) => Some(c),
            Overlay::Timer(c) => Some(c),
            Overlay::Conflict(c) => Some(c),
            Overlay::MoveTo(c) => Some(c),
            Overlay::Evidence(c) => Some(c),
            Overlay::Cite(c) => Some(c),
            Overlay::Lanes(c) => Some(c),
            Overlay::Personas(c) => Some(c),
        }
    }

    /// The mode the footer names: the component's, or the grid's.
    pub fn mode(&self) -> &'static str {
        self.component().map_or("NORMAL", |c| c.mode())
    }

    /// The component's hints. The grid's own hints come from the keymap (they
    /// may be rebound), so the grid has none here.
    pub fn hints(&self) -> Vec<Hint> {
        self.component().map(|c| c.hints()).unwrap_or_default()
    }
}

/// A one-line text field on the message line under the footer, after its
/// `label`, with the terminal cursor where typing goes. Text still selected
/// (a previous query, a default) is shown selected: typing replaces it.
fn message_line(f: &mut Frame, t: &Theme, g: &Grid, label: &str, input: &TextInput) {
    let width = f.area().width;
    let y = g.footer.y + 1;
    let buf = f.buffer_mut();
    clear(buf, Rect::new(0, y, width, 1));
    let lw = u16::try_from(unicode_width::UnicodeWidthStr::width(label)).unwrap_or(u16::MAX);
    put(buf, 0, y, label, lw, t.bold());
    let (shown, col) = input.view(width.saturating_sub(lw.saturating_add(1)) as usize);
    let style = if input.is_selected() {
        t.selected()
    } else {
        t.text()
    };
    put(buf, lw, y, &shown, width.saturating_sub(lw), style);
    let col = u16::try_from(col).unwrap_or(u16::MAX);
    f.set_cursor_position((lw.saturating_add(col), y));
}
