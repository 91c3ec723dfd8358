//! What every overlay of the editor is, after helix's compositor
//! (`Component::handle_event` → `EventResult`) and gitui's components
//! (`commands()` for hints): a piece of state that takes the keys while it is
//! on top, draws itself, and names its mode and its keys for the footer from the
//! same table its handling reads. A hint is then a key that works, never a note
//! beside the code.
//!
//! `update` takes the overlay out of `App` while it handles a key, so the
//! component and the rest of the editor are borrowed apart; the component says
//! what it becomes next (`Next`) and what the runtime must do (`Effect`).

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;

use super::app::{App, Effect, Overlay};
pub use super::keymap::Hint;
use super::layout::Grid;

pub trait Component {
    /// The mode the footer names while this component is on screen.
    fn mode(&self) -> &'static str;

    /// The keys this component takes, as its footer names them, from its own
    /// table. A test presses each one and sees the component act on it.
    fn hints(&self) -> Vec<Hint>;

    /// One key, while the component is on top. The component is out of `app`
    /// meanwhile (`app.overlay` is `None`); what it returns decides what is on
    /// top afterwards. A key it has no use for is dropped, never passed on.
    fn handle(&mut self, app: &mut App, key: KeyEvent) -> Handled;

    /// Pasted text, for a component with a text field.
    fn paste(&mut self, _text: &str) {}

    /// Slides and the like draw instead of the grid, not over it.
    fn fills_screen(&self) -> bool {
        false
    }

    /// Draws the component: over the grid `g`, or (`fills_screen`) over the
    /// whole frame with no grid. Drawing never changes state.
    fn draw(&self, app: &App, f: &mut Frame, g: Option<&Grid>);
}

/// What is on top after a key.
#[derive(Debug)]
pub enum Next {
    /// The component, as the key left it.
    Stay,
    /// Back to the grid.
    Close,
    /// Another overlay in its place (a question, the template picker).
    Replace(Overlay),
}

/// A component's answer to a key: what comes next, and what the runtime does.
#[derive(Debug)]
pub struct Handled {
    pub next: Next,
    pub effect: Option<Effect>,
}

impl Handled {
    pub fn stay() -> Handled {
        Handled {
            next: Next::Stay,
            effect: None,
        }
    }

    pub fn close() -> Handled {
        Handled {
            next: Next::Close,
            effect: None,
        }
    }

    pub fn replace(o: Overlay) -> Handled {
        Handled {
            next: Next::Replace(o),
            effect: None,
        }
    }

    /// The same answer, and the runtime asked to do `e`.
    pub fn with(self, e: Option<Effect>) -> Handled {
        Handled { effect: e, ..self }
    }
}
