//! `cjm diff`: the semantic diff on the command line and as git's external diff.
//!
//! Exit codes follow `diff(1)`: 0 equal, 1 different, 2 trouble. A map that does not
//! load is trouble here (2), not a "no": the question was "do they differ?". Called
//! by git with its seven (or, for renames, nine) external-diff arguments, it always
//! exits 0, because git treats any other code as a failed diff and stops.

use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::path::Path;
use std::process::Command;

use super::{io_reason, shown};
use crate::diff::{diff, render};
use crate::format;
use crate::model::JourneyMap;
use crate::text::display;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// OLD and NEW: map files, `-` for standard input, `/dev/null` for no map, or a
    /// git blob such as `HEAD:maps/x.ron`. Git's external-diff arguments
    /// (`path old-file old-hex old-mode new-file new-hex new-mode`) work too.
    /// With `--git`: BASE and HEAD revisions.
    #[arg(required_unless_present = "git", num_args = 0..=9, value_name = "OLD NEW")]
    pub args: Vec<OsString>,
    /// Review every map that changed between two revisions: `--git` alone is the
    /// merge base with the main branch against the work tree, `--git BASE` is BASE
    /// against the work tree, `--git BASE HEAD` two revisions. Maps are found by
    /// content; other `.ron` files are left out.
    #[arg(long)]
    pub git: bool,
    /// `text` for a terminal, `markdown` for a pull-request comment.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub fn run(a: Args) -> anyhow::Result<u8> {
    if a.git {
        return super::review::run(&a.args, a.format);
    }
    match a.args.as_slice() {
        [old, new] => {
            let old_map = side(old)?;
            let new_map = side(new)?;
            let changes = diff(&old_map, &new_map);
            print!("{}", rendered(&old_map, &new_map, &changes, a.format));
            Ok(u8::from(!changes.is_empty()))
        }
        [path, old, _, _, new, _, _] | [path, old, _, _, new, _, _, _, _] => {
            external(path, old, new, a.format);
            Ok(0)
        }
        // Git calls the external diff with the path alone for an unmerged file.
        [path] if std::env::var_os("GIT_DIFF_PATH_TOTAL").is_some() => {
            println!("* Unmerged path {}", shown(Path::new(path)));
            Ok(0)
        }
        _ => anyhow::bail!(
            "diff takes OLD NEW (or git's seven external-diff arguments); got {} argument(s)",
            a.args.len()
        ),
    }
}

/// The emotion moves per stage, then the details.
fn rendered(
    old: &JourneyMap,
    new: &JourneyMap,
    changes: &[crate::diff::Change],
    f: Format,
) -> String {
    let moves = crate::diff::summary::emotions(old, new);
    match f {
        Format::Text => render::emotions_text(&moves) + &render::text(changes),
        Format::Markdown => render::emotions_markdown(&moves) + &render::markdown(changes),
    }
}

/// Git's external diff: a header naming the path, then the changes. Trouble is
/// reported (stderr and in the output) but never fails git's own command.
fn external(path: &OsStr, old: &OsStr, new: &OsStr, f: Format) {
    let name = shown(Path::new(path));
    let mut out = match f {
        Format::Text => format!("diff --cjm a/{name} b/{name}\n"),
        Format::Markdown => format!("#### {}\n\n", render::md(&path.to_string_lossy())),
    };
    match side(old).and_then(|o| Ok((o, side(new)?))) {
        Ok((o, n)) => {
            let changes = diff(&o, &n);
            if changes.is_empty() {
                out.push_str("(no change to the map: formatting or comments only)\n");
            } else {
                out.push_str(&rendered(&o, &n, &changes, f));
            }
        }
        Err(e) => {
            eprintln!("cjm: {e:#}");
            out.push_str(&format!(
                "(cannot compare: {})\n",
                display(&format!("{e:#}"))
            ));
        }
    }
    let _ = std::io::stdout().write_all(out.as_bytes());
}

/// One side of a diff; `/dev/null` (git's "no file") is an empty map, so that an
/// added or removed file shows everything added or removed.
pub(super) fn side(spec: &OsStr) -> anyhow::Result<JourneyMap> {
    if spec == "/dev/null" {
        return Ok(JourneyMap::default());
    }
    let path = Path::new(spec);
    if spec != "-" && !path.exists() {
        let s = spec.to_string_lossy();
        if s.contains(':') && !s.starts_with('-') {
            let bytes = git_show(&s)?;
            return format::load(&bytes)
                .map(|l| l.map)
                .map_err(|e| anyhow::anyhow!(e.located(&s)));
        }
    }
    load_any(path)
}

/// What kind of git object `spec` names (`blob`, `tree`, `commit`), if git
/// knows it.
fn git_type(spec: &str) -> Option<String> {
    let out = Command::new("git")
        .args(["cat-file", "-t", spec])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Reads and loads a map; an invalid map is plain trouble (exit 2) here, unlike in
/// `check`, where it is the answer.
fn load_any(path: &Path) -> anyhow::Result<JourneyMap> {
    let (loaded, _, _) = crate::files::load(path).map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(loaded.map)
}

/// The content of a git blob (`REV:PATH`), for `cjm diff HEAD:maps/x.ron maps/x.ron`,
/// as a checkout would write it (smudge filters such as Git LFS applied); when
/// that fails, `git show` says why. A folder (`HEAD:maps`) or a commit is named
/// for what it is: git would hand over its raw listing, which is no map.
fn git_show(spec: &str) -> anyhow::Result<Vec<u8>> {
    if let Some(kind) = git_type(spec).filter(|t| t != "blob") {
        let what = match kind.as_str() {
            "tree" => "a folder (a git tree)".to_string(),
            "commit" => "a commit (name a file in it: REV:path/to/map.ron)".to_string(),
            other => format!("a git {}", display(other)),
        };
        anyhow::bail!("{}: is {what}, not a map file", display(spec));
    }
    match crate::git::checked_out(Path::new("."), spec, crate::files::MAX_INPUT) {
        Ok(crate::git::Object::Blob(b)) => return Ok(b),
        Ok(crate::git::Object::TooLarge) => {
            return Err(crate::files::FileError::new(
                Path::new(spec),
                crate::files::Problem::TooLarge,
            )
            .into());
        }
        _ => {}
    }
    let out = Command::new("git")
        .args(["show", "--no-textconv", spec])
        .output()
        .map_err(|e| {
            anyhow::anyhow!(
                "{}: no such file, and git could not run: {}",
                display(spec),
                io_reason(&e)
            )
        })?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        anyhow::bail!(
            "{}: no such file or git object ({})",
            display(spec),
            display(err.lines().next().unwrap_or("git show failed").trim())
        );
    }
    Ok(out.stdout)
}
