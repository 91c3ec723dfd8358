//! The editor (docs/architecture.md#the-editor), after The Elm Architecture: events become actions
//! through the keymap, `update` applies them (every change to the map through
//! `edit`, so it can be undone), `view` draws the state. Only this module
//! touches the terminal.

pub mod app;
pub mod ballot_box;
pub mod card;
pub mod component;
pub mod components;
pub mod conflicts;
pub mod contrast;
pub mod document;
pub mod edits;
pub mod filter;
pub mod follow;
pub mod form;
pub mod hangup;
pub mod keymap;
pub mod layout;
pub mod lead;
pub mod move_to;
pub mod overlay;
pub mod paint;
pub mod panels;
pub mod plot;
pub mod present;
pub mod publish;
pub mod role;
pub mod room;
pub mod run;
pub mod search;
pub mod session;
pub mod state;
pub mod sync;
pub mod text_input;
pub mod theme;
pub mod timer;
pub mod update;
pub mod view;
pub mod voting;
pub mod wrap;

pub use app::App;
pub use run::run;
