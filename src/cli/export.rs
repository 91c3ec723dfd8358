//! `cjm export`: the map in another format, on stdout or into a file. JSON always
//! escapes control and bidi characters; CSV cannot, so on a terminal it shows them
//! as visible escapes and says that a file or a pipe gets the exact bytes.

use std::io::IsTerminal;
use std::path::PathBuf;

use super::write_output;
use crate::export::{self, Format};
use crate::files;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The map file (`-` reads standard input).
    pub file: PathBuf,
    /// The format to write.
    #[arg(short, long, value_enum)]
    pub format: Format,
    /// Write here instead of standard output (atomically); `-` is standard output.
    /// Only a regular file is ever replaced.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Overwrite OUTPUT when it exists.
    #[arg(long)]
    pub force: bool,
}

pub fn run(a: Args) -> anyhow::Result<u8> {
    let (loaded, _, _) = files::load(&a.file)?;
    // A deliverable made from a map that is not done must not pass unnoticed.
    if !loaded.map.conflicts.is_empty() {
        eprintln!(
            "cjm: warning: {} holds {} unresolved merge conflict(s); the export shows the version in place (ours) — resolve them in the editor first (x)",
            super::shown(&a.file),
            loaded.map.conflicts.len()
        );
    }
    let to_stdout = a.output.as_deref().is_none_or(|o| o.as_os_str() == "-");
    // A workbook is bytes a terminal would show as garbage (and could be driven by).
    if a.format.is_binary() && to_stdout && std::io::stdout().is_terminal() {
        anyhow::bail!(
            "--format {} is a binary file; write it with -o FILE (or pipe it)",
            clap::ValueEnum::to_possible_value(&a.format)
                .map(|v| v.get_name().to_string())
                .unwrap_or_default()
        );
    }
    let mut text = export::export(&loaded.map, a.format);
    if a.format == Format::Csv
        && to_stdout
        && std::io::stdout().is_terminal()
        && let Some(safe) = std::str::from_utf8(&text)
            .ok()
            .and_then(export::csv::for_terminal)
    {
        text = safe.into_bytes();
        eprintln!(
            "cjm: note: control and bidi characters in the map are shown as escapes on this terminal; `-o FILE` or a pipe gives the exact bytes"
        );
    }
    write_output(a.output.as_deref(), a.force, &text)?;
    Ok(0)
}
