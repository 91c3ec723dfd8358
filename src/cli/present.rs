//! `cjm present FILE [--follow]`: the audience view (`tui::follow`), the map's
//! slides on a screen of their own, read-only.

use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The map to present.
    pub file: PathBuf,
    /// Follow the editor that has FILE open, on this machine or another one sharing
    /// the folder: its unsaved edits and the stage it is on, live (the saved file
    /// while no editor runs).
    #[arg(long)]
    pub follow: bool,
}

/// Without `--follow` the file must load now, so a typo or a broken map is
/// said (exit 1 or 2) before the terminal is taken. With it, the view waits
/// for an editor or a saved file; only what can never be a map is refused.
pub fn run(a: Args) -> anyhow::Result<u8> {
    if !a.follow || a.file.exists() {
        match crate::files::load(&a.file) {
            Ok(_) => {}
            Err(e) if a.follow && e.is_invalid() => {}
            Err(e) => return Err(e.into()),
        }
    }
    crate::tui::follow::run(&a.file, a.follow)
}
