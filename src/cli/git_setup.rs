//! `cjm git-setup`: the `.gitattributes` line and git config that make `git diff`
//! show outlines (textconv) and `git merge` use `cjm merge`. It prints them by
//! default, so a cautious user sees what would change; `--write` applies them, and
//! running it twice changes nothing the second time. A setup written by an older
//! cjm (textconv `cjm show`, driver without `--path %P`, which made git fail on
//! `.ron` files that are not maps) is upgraded in place.

use std::path::{Path, PathBuf};

use super::{io_reason, shown};
use crate::files::{self, Problem};
use crate::store;
use crate::text::display;

/// The line `.gitattributes` needs.
const ATTRIBUTES: &str = "*.ron diff=cjm merge=cjm";

/// The git config `--write` sets, as `(key, value)`.
pub const CONFIG: [(&str, &str); 3] = [
    ("diff.cjm.textconv", "cjm show --textconv"),
    ("merge.cjm.name", "cjm journey map merge"),
    (
        "merge.cjm.driver",
        "cjm merge %O %A %B --path %P --marker-size %L --base-label %S --ours-label %X --theirs-label %Y",
    ),
];

/// Values earlier versions of cjm wrote, which `--write` replaces.
const OLD: [(&str, &str); 3] = [
    ("diff.cjm.textconv", "cjm show"),
    ("merge.cjm.driver", "cjm merge %O %A %B"),
    (
        "merge.cjm.driver",
        "cjm merge %O %A %B --path %P --marker-size %L",
    ),
];

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Append the line to `.gitattributes` at the repository root and run the git
    /// config commands (both idempotent).
    #[arg(long)]
    pub write: bool,
}

pub fn run(a: Args) -> anyhow::Result<u8> {
    if !a.write {
        print!("{}", block());
        return Ok(0);
    }
    let root = repo_root()?;
    let attrs = root.join(".gitattributes");
    if add_attributes(&attrs)? {
        println!("added `{ATTRIBUTES}` to {}", shown(&attrs));
    } else {
        println!("{} already has `{ATTRIBUTES}`", shown(&attrs));
    }
    for (key, value) in CONFIG {
        let before = git(&root, &["config", "--get", key]).ok();
        let before = before.as_deref().map(|b| b.trim_end_matches(['\n', '\r']));
        if before == Some(value) {
            println!("git config {key} is already \"{value}\"");
            continue;
        }
        git(&root, &["config", key, value])?;
        match before {
            Some(old) if OLD.contains(&(key, old)) => {
                println!("git config {key} \"{value}\" (upgraded from \"{old}\")");
            }
            Some(old) => println!("git config {key} \"{value}\" (was \"{}\")", display(old)),
            None => println!("git config {key} \"{value}\""),
        }
    }
    Ok(0)
}

/// What `--write` sets up, as a user would type it.
pub fn block() -> String {
    let mut s = format!("# .gitattributes\n{ATTRIBUTES}\n# git config\n");
    for (key, value) in CONFIG {
        s.push_str(&format!("git config {key} \"{value}\"\n"));
    }
    s
}

/// Appends the line unless it is already there; other lines are kept as they are.
fn add_attributes(path: &Path) -> anyhow::Result<bool> {
    // Kept as bytes: a pattern line need not be UTF-8, and is saved back as it was.
    let mut bytes = match files::read(path) {
        Ok((bytes, _)) => bytes,
        Err(e) if matches!(&e.problem, Problem::Io(io) if io.kind() == std::io::ErrorKind::NotFound) => {
            Vec::new()
        }
        Err(e) => return Err(e.into()),
    };
    if bytes
        .split(|b| *b == b'\n')
        .any(|l| l.trim_ascii() == ATTRIBUTES.as_bytes())
    {
        return Ok(false);
    }
    if !bytes.is_empty() && !bytes.ends_with(b"\n") {
        bytes.push(b'\n');
    }
    bytes.extend_from_slice(ATTRIBUTES.as_bytes());
    bytes.push(b'\n');
    store::save(path, &bytes).map_err(|e| files::FileError::io(path, e))?;
    Ok(true)
}

fn repo_root() -> anyhow::Result<PathBuf> {
    let out = git(Path::new("."), &["rev-parse", "--show-toplevel"])?;
    let root = out.trim_end_matches(['\n', '\r']);
    if root.is_empty() {
        anyhow::bail!("not inside a git work tree");
    }
    Ok(PathBuf::from(root))
}

/// Runs git and returns its standard output; a failure is trouble (exit 2).
fn git(dir: &Path, args: &[&str]) -> anyhow::Result<String> {
    let out = crate::git::output(dir, args)
        .map_err(|e| anyhow::anyhow!("cannot run git: {}", io_reason(&e)))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        anyhow::bail!(
            "git {} failed: {}",
            args.first().copied().unwrap_or(""),
            display(err.lines().next().unwrap_or("").trim())
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
