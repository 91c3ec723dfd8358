//! `cjm fmt`: rewrite maps in canonical form (atomically), or with `--check` list
//! the ones that are not. A file with comments is never rewritten silently.

use std::io::Write;
use std::path::PathBuf;

use super::{io_reason, shown};
use crate::files::{self, FileError, Problem};
use crate::format;
use crate::store::{self, SaveError};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Map files (`-` formats standard input to standard output).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Change nothing; list the files that are not canonical and exit 1 if any.
    #[arg(long)]
    pub check: bool,
    /// Rewrite files that hold comments, dropping the comments.
    #[arg(long)]
    pub drop_comments: bool,
}

const COMMENTS: &str = "has comments, which fmt would drop; nothing written (use --drop-comments to rewrite it without them)";

pub fn run(a: Args) -> anyhow::Result<u8> {
    let mut code = 0u8;
    for path in &a.files {
        let r = one(&a, path);
        let c = match r {
            Ok(c) => c,
            Err(e) => {
                eprintln!("cjm: {e:#}");
                files::exit_code(&e)
            }
        };
        code = code.max(c);
    }
    Ok(code)
}

fn one(a: &Args, path: &std::path::Path) -> anyhow::Result<u8> {
    let (bytes, fp) = files::read(path)?;
    // A team's `cjm.ron` staged with the maps is not a map to rewrite (nor a
    // failure of `fmt --check`): it is left exactly as written.
    if format::rules::is_rules_file(path, &bytes) {
        if path.as_os_str() == "-" {
            std::io::stdout().write_all(&bytes)?;
        } else if !a.check {
            eprintln!(
                "cjm: note: {}: team rules (`cjm check` validates them), not a map; left as it is",
                shown(path)
            );
        }
        return Ok(0);
    }
    let loaded = format::load(&bytes).map_err(|e| FileError::new(path, Problem::Invalid(e)))?;
    let canonical = format::write(&loaded.map);
    // A map with recorded merge conflicts is not done, formatted or not: the
    // pre-commit hook and CI run `fmt --check` too, and must not let it through.
    // Formatting it is fine, and says so.
    let conflicts = super::conflict_lines(path, &bytes, &loaded.map);
    if a.check {
        for line in &conflicts {
            println!("{line}");
        }
    } else if !conflicts.is_empty() {
        eprintln!(
            "cjm: warning: {} holds {} unresolved merge conflict(s); `cjm check` fails until they are resolved",
            shown(path),
            conflicts.len()
        );
    }
    let not_done = u8::from(a.check && !conflicts.is_empty());
    if path.as_os_str() == "-" && !a.check {
        if loaded.has_comments && !a.drop_comments {
            return Err(FileError::new(path, Problem::Refused(COMMENTS.into())).into());
        }
        std::io::stdout().write_all(canonical.as_bytes())?;
        return Ok(0);
    }
    if canonical.as_bytes() == bytes.as_slice() {
        return Ok(not_done);
    }
    if a.check {
        let why = if loaded.has_comments {
            " (has comments)"
        } else {
            ""
        };
        println!("{}: not formatted{why}", shown(path));
        return Ok(1);
    }
    if loaded.has_comments && !a.drop_comments {
        return Err(FileError::new(path, Problem::Refused(COMMENTS.into())).into());
    }
    match store::save_checked(path, canonical.as_bytes(), Some(&fp)) {
        Ok(_) => {
            println!("{}: formatted", shown(path));
            Ok(0)
        }
        Err(SaveError::ChangedOnDisk) => anyhow::bail!(
            "{}: changed on disk while formatting; nothing written",
            shown(path)
        ),
        Err(SaveError::Io(e)) => anyhow::bail!("{}: {}", shown(path), io_reason(&e)),
    }
}
