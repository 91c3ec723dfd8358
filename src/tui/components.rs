//! The overlays as components: each names its mode and its footer hints from the
//! table its keys are handled by. The footer asks the overlay on screen and
//! draws what it says.

use super::app::{Overlay, Prompt};
use super::component::{Component, Hint};
use super::keymap::{Dialog, dialog_rows};

impl Component for Prompt {
    fn mode(&self) -> &'static str {
        "PROMPT"
    }

    fn hints(&self) -> Vec<Hint> {
        dialog_rows(self.dialog())
    }
}

impl Component for Overlay {
    fn mode(&self) -> &'static str {
        match self {
            Overlay::None => "NORMAL",
            Overlay::Insert { .. } => "INSERT",
            Overlay::Form(_) => "FORM",
            Overlay::Search(_) => "SEARCH",
            Overlay::Help { .. } => "HELP",
            Overlay::Prompt(p) => p.mode(),
            Overlay::Templates { .. } => "NEW MAP",
            Overlay::Present(p) => p.mode(),
            Overlay::Timer(_) => "TIMER",
            Overlay::Conflict(r) => r.mode(),
            Overlay::MoveTo(m) => m.mode(),
        }
    }

    /// The grid's own hints come from the keymap (they may be rebound), so
    /// `Overlay::None` has none here.
    fn hints(&self) -> Vec<Hint> {
        match self {
            Overlay::None => Vec::new(),
            Overlay::Insert { .. } => dialog_rows(Dialog::Insert),
            Overlay::Form(f) if f.confirm_discard => dialog_rows(Dialog::FormDiscard),
            Overlay::Form(_) => dialog_rows(Dialog::Form),
            Overlay::Search(_) => dialog_rows(Dialog::Search),
            Overlay::Timer(_) => dialog_rows(Dialog::Timer),
            Overlay::Help { .. } => dialog_rows(Dialog::Help),
            Overlay::Prompt(p) => p.hints(),
            Overlay::Templates { .. } => dialog_rows(Dialog::Templates),
            Overlay::Conflict(r) => r.hints(),
            Overlay::Present(p) => p.hints(),
            Overlay::MoveTo(m) => m.hints(),
        }
    }
}
