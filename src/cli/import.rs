//! `cjm import`: a Mermaid journey, a cjm CSV, an Excel workbook or an Enablement Map Studio
//! YAML file turned into a map, written through
//! the canonical writer. Bad input is `Invalid` (exit 1) and nothing is written;
//! what the import adjusted is one `PATH:LINE:COL: warning:` line each on stderr,
//! or with `--strict` the first of them refuses the input.

use std::path::PathBuf;

use super::write_output;
use crate::files::{self, FileError, Problem};
use crate::format;
use crate::import::{self, From};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The file to read (`-` reads standard input).
    pub file: PathBuf,
    /// Its format; without it, the file's extension says (.mmd, .csv, .xlsx,
    /// .yaml or .yml for Enablement Map Studio).
    #[arg(long, value_enum)]
    pub from: Option<From>,
    /// Write the map here instead of standard output (atomically); `-` is standard
    /// output. Only a regular file is ever replaced.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Overwrite OUTPUT when it exists.
    #[arg(long)]
    pub force: bool,
    /// Refuse input that needs adjusting to fit a map (a Mermaid score outside
    /// 1–5, a task before any section…) instead of importing it with warnings.
    #[arg(long)]
    pub strict: bool,
}

pub fn run(a: Args) -> anyhow::Result<u8> {
    let Some(from) = a.from.or_else(|| From::by_extension(&a.file)) else {
        anyhow::bail!(
            "cannot tell the format of {} from its name: say --from mermaid, csv, xlsx or ems",
            crate::text::display(&a.file.to_string_lossy())
        );
    };
    let (bytes, _) = files::read(&a.file)?;
    let invalid = |e| FileError::new(&a.file, Problem::Invalid(e));
    let imported = import::import(&bytes, from).map_err(invalid)?;
    let map = if a.strict {
        imported.strict().map_err(invalid)?
    } else {
        let name = if a.file.as_os_str() == "-" {
            "<stdin>".into()
        } else {
            a.file.to_string_lossy()
        };
        for w in &imported.warnings {
            eprintln!("{}", w.located(&name));
        }
        imported.map
    };
    write_output(a.output.as_deref(), a.force, format::write(&map))?;
    Ok(0)
}
