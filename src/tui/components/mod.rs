//! The overlays as components, one module each: the inline edit box, forms,
//! the search and timer lines, the help, the prompts (the recovery offer among
//! them) and the template picker here; the conflict resolver in `conflicts`, the
//! move question in `move_to` and the slides in `present`. Each keeps its keys, its drawing and its hints
//! together; this module only finds the one on top, so `update` and `view`
//! talk to it without knowing which it is.

mod form;
mod help;
mod insert;
mod prompt;
pub mod search;
mod templates;
mod timer;

use super::app::Overlay;
use super::component::{Component, Hint};

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
