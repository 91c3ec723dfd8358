//! `cjm merge BASE OURS THEIRS`: git's merge driver (`cjm merge %O %A %B`). The
//! merged map replaces OURS through the canonical writer and an atomic save; on a
//! conflict ours is kept for that element and the conflict, with all three
//! versions, is recorded in the map itself (docs/format.md#format-3-conflicts):
//! the file still loads, but `check` fails until a person resolves it, so a
//! `git add` during a rebase cannot silently drop one side. Every conflict is also
//! listed on stderr and the exit code is 1, so git stops. If any side does not load, OURS is left untouched (exit 2) — except
//! when called by git with `--path %P`: git sends every `.ron` file here, and one
//! that is not a map (a `config.ron`, a map with a typo) then gets git's own line
//! merge from `git merge-file`, conflict markers and all, as if cjm were not set up.

use std::path::{Path, PathBuf};

use super::{io_reason, shown};
use crate::diff::conflicts;
use crate::diff::merge::merge_recorded;
use crate::diff::render;
use crate::files::{self, FileError, Problem};
use crate::format;
use crate::model::JourneyMap;
use crate::store;
use crate::text::display;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The common ancestor (`%O`); an empty file means both sides added the map.
    pub base: PathBuf,
    /// Our version (`%A`); the merged map is written here.
    pub ours: PathBuf,
    /// Their version (`%B`).
    pub theirs: PathBuf,
    /// The file's path in the work tree (git's `%P`): messages name it instead of
    /// git's temporary files, and a side that is not a map is merged line by line
    /// by `git merge-file` instead of failing the merge.
    #[arg(long, value_name = "PATH")]
    pub path: Option<PathBuf>,
    /// Length of conflict markers in a line merge (git's `%L`).
    #[arg(long, value_name = "N", default_value_t = 7)]
    pub marker_size: u32,
    /// What git calls the common ancestor (`%S`, git 2.44 and later).
    #[arg(long, value_name = "LABEL")]
    pub base_label: Option<String>,
    /// What git calls our side (`%X`: `HEAD`, or the upstream during a rebase).
    #[arg(long, value_name = "LABEL")]
    pub ours_label: Option<String>,
    /// What git calls their side (`%Y`: the branch or commit being merged in).
    #[arg(long, value_name = "LABEL")]
    pub theirs_label: Option<String>,
}

pub fn run(a: Args) -> anyhow::Result<u8> {
    if [&a.base, &a.ours, &a.theirs]
        .iter()
        .any(|p| p.as_os_str() == "-")
    {
        anyhow::bail!("merge works on files (OURS is rewritten); `-` is not accepted");
    }
    // What messages call the file: its real path when git gave it.
    let name = a.path.as_deref().unwrap_or(&a.ours);
    let sides = (|| {
        let base = load_base(&a.base).map_err(|e| named(e, &a.path, "the common ancestor"))?;
        let (ours, _, fp) = files::load(&a.ours).map_err(|e| named(e, &a.path, "our version"))?;
        let (theirs, _, _) =
            files::load(&a.theirs).map_err(|e| named(e, &a.path, "their version"))?;
        Ok::<_, FileError>((base, ours, fp, theirs))
    })();
    let (base, ours, fp, theirs) = match sides {
        Ok(s) => s,
        Err(e)
            if a.path.is_some() && matches!(e.problem, Problem::Invalid(_) | Problem::TooLarge) =>
        {
            eprintln!(
                "cjm: warning: {e}; not a map cjm can merge, so git merge-file merges it line by line"
            );
            return line_merge(&a, name);
        }
        // Outside git an unloadable side is trouble (2), not the answer "no".
        Err(e) => anyhow::bail!("{e}"),
    };
    let labels = conflicts::labels(
        a.base_label.as_deref(),
        a.ours_label.as_deref(),
        a.theirs_label.as_deref(),
    );
    let (merged, found) = merge_recorded(&base, &ours.map, &theirs.map, &labels);
    let text = format::write(&merged);
    // The merge keeps every side valid; if that ever failed, OURS must not suffer.
    if let Err(e) = format::load_str(&text) {
        anyhow::bail!(
            "the merged map would not load ({}); {} left as it was",
            e.located("merged map"),
            shown(name)
        );
    }
    if ours.has_comments || theirs.has_comments {
        eprintln!(
            "cjm: note: {}: comments are not part of the map and are not kept by the merge",
            shown(name)
        );
    }
    store::save_checked(&a.ours, text.as_bytes(), Some(&fp))
        .map_err(|e| anyhow::anyhow!("{}: {e}", shown(name)))?;
    let recorded = &merged.conflicts;
    for c in recorded {
        eprintln!("CONFLICT (cjm): {}", display(&c.line()));
    }
    // Conflicts about evidence, lanes and personas after the first have no
    // place in the map's record; every version is in the map, and git stops
    // so that a person looks before committing.
    let unrecorded: Vec<_> = found.iter().filter(|c| !c.is_recorded()).collect();
    for c in &unrecorded {
        eprintln!("{}", render::conflict(c));
    }
    let evidence = unrecorded
        .iter()
        .filter(|c| matches!(c.place, crate::diff::Place::Evidence(_)))
        .count();
    let personas = unrecorded
        .iter()
        .filter(|c| {
            matches!(
                c.place,
                crate::diff::Place::Personas(_)
                    | crate::diff::Place::Persona(_)
                    | crate::diff::Place::PersonaList(..)
            )
        })
        .count();
    let lanes = unrecorded.len() - evidence - personas;
    if evidence > 0 {
        eprintln!(
            "cjm: {evidence} evidence conflict(s) in {}: both versions are kept in the map (theirs \
             under a new id where both edited one entry); keep the right one, then `git add`",
            shown(name)
        );
    }
    if lanes > 0 {
        eprintln!(
            "cjm: {lanes} lane conflict(s) in {}: the map cannot record them, so the merge kept \
             both cards where both edited one, a removed lane that still has cards, and our \
             title where both retitled a lane; keep the right one, then `git add`",
            shown(name)
        );
    }
    if personas > 0 {
        eprintln!(
            "cjm: {personas} persona conflict(s) in {}: the map cannot record them, so the merge \
             kept a removed persona who still has items or emotions, both personas added under one \
             id (theirs under a new id), and our version of a field both changed; keep the right \
             one, then `git add`",
            shown(name)
        );
    }
    if recorded.is_empty() {
        Ok(u8::from(!unrecorded.is_empty()))
    } else {
        eprintln!(
            "cjm: {} conflict(s) recorded in {}: it still opens, with the version from {} in \
             place, but `cjm check` fails until each is resolved (`cjm {}` steps through them)",
            recorded.len(),
            shown(name),
            display(labels.get(1).map_or("ours", String::as_str)),
            shown(name)
        );
        Ok(1)
    }
}

/// An error about one of git's temporary files, told about the real path.
fn named(e: FileError, real: &Option<PathBuf>, which: &str) -> FileError {
    match real {
        Some(p) => e.about(p).with_advice(which.to_string()),
        None => e,
    }
}

/// Git passes an empty base when both branches added the file.
fn load_base(path: &Path) -> Result<JourneyMap, FileError> {
    if let Ok((bytes, _)) = files::read(path)
        && bytes.iter().all(u8::is_ascii_whitespace)
    {
        return Ok(JourneyMap::default());
    }
    Ok(files::load(path)?.0.map)
}

/// Git's message names the temporary files git handed the driver
/// (`.merge_file_a1b2c3`); a person knows the file by its path in the repository.
fn real_names(message: &str, a: &Args, name: &Path) -> String {
    let real = name.to_string_lossy();
    let mut out = message.to_string();
    for (tmp, side) in [(&a.ours, "ours"), (&a.base, "base"), (&a.theirs, "theirs")] {
        let tmp = tmp.to_string_lossy();
        if !tmp.is_empty() && tmp != real {
            out = out.replace(tmp.as_ref(), &format!("{real} ({side})"));
        }
    }
    out
}

/// What git does without cjm: `git merge-file` writes the merge into OURS, with
/// conflict markers where both sides changed the same lines. Exit 0 when clean, 1
/// with conflicts (git then stops the merge), 2 when git could not run.
fn line_merge(a: &Args, name: &Path) -> anyhow::Result<u8> {
    let label = |side: &str| format!("{side} ({})", name.to_string_lossy());
    let (ours, base, theirs) = (label("ours"), label("base"), label("theirs"));
    let out = crate::git::merge_file(
        a.marker_size,
        [&ours, &base, &theirs],
        &a.ours,
        &a.base,
        &a.theirs,
    )
    .map_err(|e| {
        anyhow::anyhow!(
            "{}: cannot run git merge-file: {}",
            shown(name),
            io_reason(&e)
        )
    })?;
    match out.status.code() {
        Some(0) => Ok(0),
        Some(n @ 1..=127) => {
            eprintln!(
                "cjm: {} conflict(s) in {}, marked by git merge-file",
                n,
                shown(name)
            );
            Ok(1)
        }
        _ => {
            let err = String::from_utf8_lossy(&out.stderr);
            let first = err.lines().next().unwrap_or("").trim();
            anyhow::bail!(
                "{}: git merge-file failed: {}",
                shown(name),
                display(&real_names(first, a, name))
            )
        }
    }
}
