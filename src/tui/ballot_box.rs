//! The files of a voting session, for the runtime: a participant's ballot,
//! written whenever their votes change, and the facilitator reading every
//! ballot of the round when the vote ends. Apart from `voting` (what a key
//! does to the session) so that `update` never reaches a file.

use std::path::{Path, PathBuf};

use super::app::App;
use super::edits::apply;
use super::voting::{Ballot, Vote, tally};
use crate::edit::Op;

const SUFFIX: &str = ".ballot";

/// This session's ballot file.
pub fn ballot_path(map: &Path, session: &str) -> PathBuf {
    let name = map
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "map".into());
    let session: String = session
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '-')
        .collect();
    crate::live::folder(map).join(format!("{name}.{session}{SUFFIX}"))
}

/// Writes a ballot (by rename, so the facilitator never reads half of one).
pub fn write_ballot(path: &Path, ballot: &Ballot) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let text = serde_json::to_string(ballot).map_err(std::io::Error::other)?;
    crate::store::save(path, text.as_bytes())
}

/// Every ballot of round `round` for `map`, with their files.
pub fn read_ballots(map: &Path, round: &str) -> Vec<(PathBuf, Ballot)> {
    let folder = crate::live::folder(map);
    let name = map
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        let ours = file
            .strip_suffix(SUFFIX)
            .and_then(|s| s.rsplit_once('.'))
            .is_some_and(|(n, _)| n == name);
        if !ours || !e.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let Ok((bytes, _)) = crate::files::read(&e.path()) else {
            continue;
        };
        if let Ok(b) = serde_json::from_slice::<Ballot>(&bytes)
            && b.round == round
        {
            out.push((e.path(), b));
        }
    }
    out
}

/// The facilitator ends the session: every ballot's votes added to the map as
/// one undo step, the ballots removed. True when the map changed (and wants
/// saving).
pub fn end(app: &mut App) -> bool {
    let Some(round) = app.voting.take() else {
        return false;
    };
    let ballots = read_ballots(&app.doc.path, &round.id);
    let people = ballots.len();
    let list: Vec<Ballot> = ballots.iter().map(|(_, b)| b.clone()).collect();
    let (map, counted, lost) = tally(&app.doc.map, &list);
    let changed = counted > 0 && apply(app, Op::ReplaceMap(Box::new(map)));
    for (p, _) in &ballots {
        let _ = std::fs::remove_file(p);
    }
    let mut words = format!(
        "Voting ended: {counted} {} from {people} {} (u undoes)",
        if counted == 1 { "vote" } else { "votes" },
        if people == 1 { "person" } else { "people" }
    );
    if lost > 0 {
        words.push_str(&format!(" · {lost} for cards no longer on the map"));
    }
    app.info(words);
    changed
}

/// A participant's ballot file, written whenever their votes change.
pub struct BallotKeeper {
    path: PathBuf,
    written: Option<(String, Vec<Vote>)>,
}

impl BallotKeeper {
    pub fn new(app: &App) -> BallotKeeper {
        BallotKeeper {
            path: ballot_path(&app.doc.path, app.doc.session.id()),
            written: None,
        }
    }

    pub fn tick(&mut self, app: &mut App) {
        let Some(round) = &app.voting else {
            return;
        };
        let now = (round.id.clone(), app.ballot.clone());
        if self.written.as_ref() == Some(&now) {
            return;
        }
        let name = match &app.role {
            super::state::Role::Participant { name, .. } => name.clone(),
            super::state::Role::Facilitator => String::new(),
        };
        let ballot = Ballot {
            round: now.0.clone(),
            name,
            votes: now.1.clone(),
        };
        match write_ballot(&self.path, &ballot) {
            Ok(()) => self.written = Some(now),
            Err(e) => app.error(format!(
                "Your votes cannot be kept for the facilitator: {} ({})",
                crate::files::shown(&self.path),
                crate::files::io_reason(&e)
            )),
        }
    }
}
