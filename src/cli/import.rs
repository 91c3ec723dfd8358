//! `cjm import`: a Mermaid journey or a cjm CSV turned into a map, written through
//! the canonical writer. Bad input is `Invalid` (exit 1) and nothing is written.

use std::path::PathBuf;

use super::write_output;
use crate::files::{self, FileError, Problem};
use crate::format;
use crate::import::{self, From};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The file to read (`-` reads standard input).
    pub file: PathBuf,
    /// Its format.
    #[arg(long, value_enum)]
    pub from: From,
    /// Write the map here instead of standard output (atomically); `-` is standard
    /// output. Only a regular file is ever replaced.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Overwrite OUTPUT when it exists.
    #[arg(long)]
    pub force: bool,
}

pub fn run(a: Args) -> anyhow::Result<u8> {
    let (bytes, _) = files::read(&a.file)?;
    let map =
        import::import(&bytes, a.from).map_err(|e| FileError::new(&a.file, Problem::Invalid(e)))?;
    write_output(a.output.as_deref(), a.force, &format::write(&map))?;
    Ok(0)
}
