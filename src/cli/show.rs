//! `cjm show`: the outline of a map on stdout.

use std::path::PathBuf;

use super::load_file;
use crate::outline::outline;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The map file (`-` reads standard input).
    pub file: PathBuf,
}

pub fn run(a: Args) -> anyhow::Result<u8> {
    let (loaded, _, _) = load_file(&a.file)?;
    print!("{}", outline(&loaded.map));
    Ok(0)
}
