//! `cjm show`: the outline of a map on stdout. With `--textconv` (git's textconv,
//! set by `cjm git-setup`), git sends every `.ron` file here, maps or not: a file
//! that does not load is printed as it is, so `git diff` and `git log -p` show
//! its text instead of aborting.

use std::fs::File;
use std::io::Write;
use std::path::PathBuf;

use crate::files::{self, FileError, Problem};
use crate::format;
use crate::outline::outline;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The map file (`-` reads standard input).
    pub file: PathBuf,
    /// Behave as git's textconv: a file that is not a map is printed unchanged
    /// (exit 0, one warning on stderr) instead of failing.
    #[arg(long)]
    pub textconv: bool,
}

pub fn run(a: Args) -> anyhow::Result<u8> {
    let bytes = match files::read(&a.file) {
        Ok((bytes, _)) => bytes,
        // Too large to load as a map: git still gets the bytes, streamed.
        Err(e)
            if a.textconv
                && matches!(e.problem, Problem::TooLarge)
                && a.file.as_os_str() != "-" =>
        {
            eprintln!(
                "cjm: warning: {}: too large to load as a map; shown as plain text",
                files::shown(&a.file)
            );
            let mut f = File::open(&a.file).map_err(|io| FileError::io(&a.file, io))?;
            let mut out = std::io::stdout().lock();
            std::io::copy(&mut f, &mut out)?;
            out.flush()?;
            return Ok(0);
        }
        Err(e) => return Err(e.into()),
    };
    match format::load(&bytes) {
        Ok(loaded) => print!("{}", outline(&loaded.map)),
        // A team's `cjm.ron` is shown to git as it is, quietly: it is not a map
        // gone wrong.
        Err(_) if a.textconv && format::rules::is_rules_file(&a.file, &bytes) => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes).and_then(|()| out.flush())?;
        }
        Err(re) => {
            let e = FileError::new(&a.file, Problem::Invalid(re));
            if !a.textconv {
                return Err(e.into());
            }
            eprintln!("cjm: warning: {e}; shown as plain text");
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes).and_then(|()| out.flush())?;
        }
    }
    Ok(0)
}
