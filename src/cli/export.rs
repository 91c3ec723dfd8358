//! `cjm export`: the map in another format, on stdout or into a file.

use std::path::PathBuf;

use super::{load_file, write_output};
use crate::export::{self, Format};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The map file (`-` reads standard input).
    pub file: PathBuf,
    /// The format to write.
    #[arg(short, long, value_enum)]
    pub format: Format,
    /// Write here instead of standard output (atomically).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Overwrite OUTPUT when it exists.
    #[arg(long)]
    pub force: bool,
}

pub fn run(a: Args) -> anyhow::Result<u8> {
    let (loaded, _, _) = load_file(&a.file)?;
    let text = export::export(&loaded.map, a.format);
    write_output(a.output.as_deref(), a.force, &text)?;
    Ok(0)
}
