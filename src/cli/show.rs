//! `cjm show`: the outline of a map on stdout. With `--textconv` (git's textconv,
//! set by `cjm git-setup`), git sends every `.ron` file here, maps or not: a map
//! that reads but breaks a rule (a score of 7, an empty title) is its outline with
//! the bad values flagged, so a one-character mistake is a one-line diff; a file
//! that does not read at all is printed as it is, so `git diff` and `git log -p`
//! show its text instead of aborting.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::files::{self, FileError, Problem};
use crate::format;
use crate::outline::{Flag, flagged, outline};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The map file (`-` reads standard input).
    pub file: PathBuf,
    /// Behave as git's textconv: a map that breaks a rule is shown with the bad
    /// values flagged, a file that is not a map is printed unchanged (exit 0, one
    /// warning on stderr) instead of failing.
    #[arg(long)]
    pub textconv: bool,
    #[command(flatten)]
    pub persona: super::persona::PersonaArg,
}

pub fn run(a: Args) -> anyhow::Result<u8> {
    // What messages call the file: as textconv, never git's temporary copy.
    let name = if a.textconv {
        as_git_names(&a.file)
    } else {
        a.file.clone()
    };
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
                files::shown(&name)
            );
            let mut f = File::open(&a.file).map_err(|io| FileError::io(&name, io))?;
            let mut out = std::io::stdout().lock();
            std::io::copy(&mut f, &mut out)?;
            out.flush()?;
            return Ok(0);
        }
        Err(e) => return Err(e.about(&name).into()),
    };
    match format::load(&bytes) {
        Ok(loaded) => {
            let map = a.persona.apply(loaded.map, &name.to_string_lossy())?;
            print!("{}", outline(&map));
        }
        // A team's `cjm.ron` is shown to git as it is, quietly: it is not a map
        // gone wrong.
        Err(_) if a.textconv && format::rules::is_rules_file(&a.file, &bytes) => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes).and_then(|()| out.flush())?;
        }
        Err(re) => {
            let e = FileError::new(&name, Problem::Invalid(re));
            if !a.textconv {
                return Err(e.into());
            }
            let mut out = std::io::stdout().lock();
            match invalid_outline(&bytes) {
                Some((text, n)) => {
                    let more = match n {
                        0 | 1 => String::new(),
                        n => format!(" and {} more", n - 1),
                    };
                    eprintln!(
                        "cjm: warning: {e}{more}; not a valid map: shown as its outline, flagged ⚠"
                    );
                    out.write_all(text.as_bytes())?;
                }
                None => {
                    eprintln!("cjm: warning: {e}; shown as plain text");
                    out.write_all(&bytes)?;
                }
            }
            out.flush()?;
        }
    }
    Ok(0)
}

/// The outline of a map that reads but fails validation, every broken rule
/// flagged on its line, and how many there are; `None` when it does not read.
fn invalid_outline(bytes: &[u8]) -> Option<(String, usize)> {
    let parsed = format::parse_bytes_unpositioned(bytes).ok()?;
    let errors = format::errors(&parsed.map);
    let flags: Vec<Flag> = errors
        .iter()
        .map(|d| Flag {
            path: d.path,
            rule: d.code,
            message: &d.message,
        })
        .collect();
    Some((flagged(&parsed.map, &flags), errors.len()))
}

/// The name git knows the file by. Git gives textconv nothing but a file: the
/// work-tree file itself (its path, relative to the top) or, for any other
/// version, a temporary copy (`$TMPDIR/git-blob-XXXXXX/map.ron`; gits before
/// 2.37 `$TMPDIR/XXXXXX_map.ron`) that the user never saw and that is gone when
/// they look. Such a copy is named by the file's own name; there is no way to
/// learn its folder (git sets no variable for textconv).
fn as_git_names(path: &Path) -> PathBuf {
    let (Some(file), Some(parent)) = (path.file_name(), path.parent()) else {
        return path.to_path_buf();
    };
    let in_blob_dir = parent
        .file_name()
        .is_some_and(|d| d.to_string_lossy().starts_with("git-blob-"));
    if in_blob_dir {
        return PathBuf::from(file);
    }
    let f = file.to_string_lossy();
    let prefixed = f.len() > 7
        && f.bytes().take(6).all(|b| b.is_ascii_alphanumeric())
        && f.as_bytes().get(6) == Some(&b'_');
    let in_tmp = parent.is_absolute()
        && same_dir(parent, &std::env::temp_dir())
        && !std::env::current_dir().is_ok_and(|cwd| same_dir(parent, &cwd));
    match f.get(7..) {
        Some(rest) if prefixed && in_tmp => PathBuf::from(rest),
        _ => path.to_path_buf(),
    }
}

fn same_dir(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn git_temporary_copies_are_named_by_the_file_s_own_name() {
        let tmp = std::env::temp_dir();
        assert_eq!(
            as_git_names(&tmp.join("git-blob-a1B2c3").join("map.ron")),
            PathBuf::from("map.ron")
        );
        assert_eq!(
            as_git_names(&tmp.join("Xy12Zq_map.ron")),
            PathBuf::from("map.ron")
        );
        assert_eq!(
            as_git_names(Path::new("maps/ab12cd_map.ron")),
            PathBuf::from("maps/ab12cd_map.ron")
        );
        assert_eq!(
            as_git_names(Path::new("maps/map.ron")),
            PathBuf::from("maps/map.ron")
        );
        assert_eq!(as_git_names(Path::new("-")), PathBuf::from("-"));
    }
}
