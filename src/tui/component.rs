//! What every overlay of the editor is, after helix's compositor and gitui's
//! components: a piece of state that names the mode it puts the editor in and
//! the keys it takes, for its footer, from the same table its handling reads.
//! A hint is then a key that works, never a note beside the code.

pub use super::keymap::Hint;

pub trait Component {
    /// The mode the footer names while this component is on screen.
    fn mode(&self) -> &'static str;
    /// The keys this component takes, as its footer names them, from its own
    /// table. A test presses each one and sees the component act on it.
    fn hints(&self) -> Vec<Hint>;
}
