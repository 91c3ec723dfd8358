//! `cjm merge BASE OURS THEIRS`: git's merge driver (`cjm merge %O %A %B`). The
//! merged map replaces OURS through the canonical writer and an atomic save; on a
//! conflict ours is kept for that element, the conflicts go to stderr and the exit
//! code is 1, so git stops the merge while the file still loads (never conflict
//! markers). If any side does not load, OURS is left untouched (exit 2).

use std::path::{Path, PathBuf};

use super::diff::load_any;
use super::shown;
use crate::diff::merge::merge;
use crate::diff::render;
use crate::format;
use crate::model::JourneyMap;
use crate::store;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The common ancestor (`%O`); an empty file means both sides added the map.
    pub base: PathBuf,
    /// Our version (`%A`); the merged map is written here.
    pub ours: PathBuf,
    /// Their version (`%B`).
    pub theirs: PathBuf,
}

pub fn run(a: Args) -> anyhow::Result<u8> {
    if [&a.base, &a.ours, &a.theirs]
        .iter()
        .any(|p| p.as_os_str() == "-")
    {
        anyhow::bail!("merge works on files (OURS is rewritten); `-` is not accepted");
    }
    let base = load_base(&a.base)?;
    let (ours, fp) = load_any(&a.ours)?;
    let (theirs, _) = load_any(&a.theirs)?;
    let (merged, conflicts) = merge(&base, &ours.map, &theirs.map);
    let text = format::write(&merged);
    // The merge keeps every side valid; if that ever failed, OURS must not suffer.
    if let Err(e) = format::load_str(&text) {
        anyhow::bail!(
            "the merged map would not load ({e}); {} left as it was",
            shown(&a.ours)
        );
    }
    if ours.has_comments || theirs.has_comments {
        eprintln!("cjm: note: comments are not part of the map and are not kept by the merge");
    }
    store::save_checked(&a.ours, text.as_bytes(), Some(&fp))
        .map_err(|e| anyhow::anyhow!("{}: {e}", shown(&a.ours)))?;
    for c in &conflicts {
        eprintln!("{}", render::conflict(c));
    }
    if conflicts.is_empty() {
        Ok(0)
    } else {
        eprintln!(
            "cjm: {} conflict(s) in {}; our version was kept for each (the file still loads)",
            conflicts.len(),
            shown(&a.ours)
        );
        Ok(1)
    }
}

/// Git passes an empty base when both branches added the file.
fn load_base(path: &Path) -> anyhow::Result<JourneyMap> {
    if let Ok((bytes, _)) = store::read(path)
        && bytes.iter().all(u8::is_ascii_whitespace)
    {
        return Ok(JourneyMap::default());
    }
    Ok(load_any(path)?.0.map)
}
