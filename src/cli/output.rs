//! `-o OUT [--force]`, shared by every command that writes a document (`export`,
//! `import`, `compare`, `diff`, `history`, `blame`, `report`, `schema`), so that all of them
//! follow one set of rules: standard output unless told, an atomic save, only a
//! regular file ever replaced, and never an existing file without `--force`.

use std::path::{Path, PathBuf};

/// The flags, flattened into each command's arguments.
#[derive(clap::Args, Debug, Default, Clone)]
pub struct Output {
    /// Write here instead of standard output (atomically); `-` is standard
    /// output. Only a regular file is ever replaced.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Overwrite OUT when it exists.
    #[arg(long)]
    pub force: bool,
}

impl Output {
    /// True when the document goes to standard output, where a terminal may need
    /// its control characters shown as escapes.
    pub fn to_stdout(&self) -> bool {
        self.file().is_none()
    }

    /// The file to write, or `None` for standard output.
    pub fn file(&self) -> Option<&Path> {
        self.output.as_deref().filter(|o| o.as_os_str() != "-")
    }

    /// Writes the document where the user asked (see `super::write_output`).
    pub fn write(&self, bytes: impl AsRef<[u8]>) -> anyhow::Result<()> {
        super::write_output(self.output.as_deref(), self.force, bytes)
    }
}
