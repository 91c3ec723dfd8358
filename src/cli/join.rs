//! `cjm join FILE [--name NAME]`: the participant's view of a workshop map,
//! the editor with a participant's keys (`tui::role`): it follows the
//! facilitator's stage, adds cards and votes, and saves each change at once
//! (merged with everyone else's under the save lock).

use std::path::{Path, PathBuf};

use crate::files::shown;
use crate::format::rules::{self, Participants};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The workshop's map (it must exist: the facilitator starts it).
    pub file: PathBuf,
    /// How others see this participant (default: the user name).
    #[arg(long)]
    pub name: Option<String>,
}

/// The map must load before the terminal is taken, so a typo or a broken map
/// is said (exit 1 or 2) first; so is a `cjm.ron` that cannot be read, since
/// joining under rights the team did not set would be a silent lie.
pub fn run(a: Args) -> anyhow::Result<u8> {
    crate::files::load(&a.file)?;
    let may = participants(&a.file)?;
    // One name for the room's header and the ballot: --name, else the user's.
    let name = a
        .name
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(crate::tui::room::default_name);
    let role = crate::tui::role::Role::Participant {
        may,
        name: name.clone(),
    };
    crate::tui::run::run_as(&a.file, None, Some(name), role)
}

/// What the nearest `cjm.ron` at or above the map's folder lets participants
/// do; everything (add, vote) when there is none.
pub fn participants(map: &Path) -> anyhow::Result<Participants> {
    let dir = std::fs::canonicalize(map)
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("."));
    for d in dir.ancestors() {
        let path = d.join(rules::FILE_NAME);
        if std::fs::symlink_metadata(&path).is_err() {
            continue;
        }
        let (bytes, _) = crate::files::read(&path)?;
        return rules::parse_config(&bytes)
            .map(|c| c.participants)
            .map_err(|e| anyhow::anyhow!("{}", e.located(&shown(&path))));
    }
    Ok(Participants::default())
}
