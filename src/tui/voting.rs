//! A voting session, as workshop boards run one: the facilitator starts it
//! (`B`: votes per person, and minutes on the workshop timer if wanted), each
//! participant places their votes privately, and the facilitator ends it
//! (`B` again), which adds everyone's votes to the map's counts as one undo
//! step and saves. Until then nobody's votes are in the map, so nobody sees
//! (or follows) how the others voted.
//!
//! The round is announced in the facilitator's live file (`voting: ROUND
//! VOTES`); a participant keeps their votes in a ballot file of their own,
//! `NAME.SESSION.ballot` in `.cjm-live` beside the map (JSON: the round and
//! the cards voted for, each named by its stage id, lane and text, so a card
//! that moved within its stage still counts). Ballots never touch the map
//! file, and the map keeps plain vote counts (format 2): maps from voting
//! sessions diff, merge and report as any others.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::app::App;
use super::edits::apply;
use super::timer::{MAX_MINUTES, Timer};
use crate::edit::{Item, Op};
use crate::model::{JourneyMap, Lane};

/// The most votes per person a session hands out.
pub const MAX_VOTES: u32 = 99;
const SUFFIX: &str = ".ballot";

/// A voting session that is on: its id (when it started, ms since 1970) and
/// the votes each participant has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    pub id: String,
    pub votes: u32,
}

/// One vote: the card, by its stage's id, its lane and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vote {
    pub stage: String,
    /// `pain-points` or `optimizations`.
    pub lane: String,
    pub text: String,
}

/// A participant's ballot file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ballot {
    pub round: String,
    pub name: String,
    pub votes: Vec<Vote>,
}

fn lane_name(lane: Lane) -> Option<&'static str> {
    match lane {
        Lane::PainPoints => Some("pain-points"),
        Lane::Optimizations => Some("optimizations"),
        _ => None,
    }
}

/// What `B` takes: votes per person, then minutes if the time is limited
/// (`5` or `5 10`).
pub fn parse_start(typed: &str) -> Result<(u32, Option<u64>), String> {
    let bad = || {
        format!(
            "Voting not started: type the votes per person (1 to {MAX_VOTES}), then minutes if the time is limited, e.g. 5 10"
        )
    };
    let mut words = typed.split_whitespace();
    let votes = words
        .next()
        .and_then(|w| w.parse::<u32>().ok())
        .filter(|v| (1..=MAX_VOTES).contains(v))
        .ok_or_else(bad)?;
    let minutes = match words.next() {
        None => None,
        Some(w) => Some(
            w.parse::<u64>()
                .ok()
                .filter(|m| (1..=MAX_MINUTES).contains(m))
                .ok_or_else(bad)?,
        ),
    };
    if words.next().is_some() {
        return Err(bad());
    }
    Ok((votes, minutes))
}

/// The facilitator starts a session: `round` is its id.
pub fn start(app: &mut App, typed: &str, round: String) {
    let (votes, minutes) = match parse_start(typed) {
        Ok(v) => v,
        Err(e) => {
            app.error(e);
            return;
        }
    };
    app.voting = Some(Round { id: round, votes });
    let mut words = format!("Voting: {votes} votes each, kept private until B ends it");
    if let Some(m) = minutes {
        app.timer = Some(Timer {
            activity: "Voting".to_string(),
            length: std::time::Duration::from_secs(m * 60),
            started: app.clock.now(),
        });
        words.push_str(&format!(" (timer {m} min)"));
    }
    app.info(words);
}

/// A participant's `v` (`up`) or `V` during a session: the vote goes on their
/// own ballot, not in the map.
pub fn cast(app: &mut App, up: bool) {
    let Some(round) = app.voting.clone() else {
        return;
    };
    let c = app.cursor;
    let Some(lane) = lane_name(c.lane) else {
        app.info("Votes go on pain points and optimizations");
        return;
    };
    let Some(stage) = app.doc.map.stages.get(c.stage) else {
        return;
    };
    let Some(item) = Item::get(stage, c.lane, c.item) else {
        app.info("No card here to vote on");
        return;
    };
    let vote = Vote {
        stage: stage.id.clone(),
        lane: lane.to_string(),
        text: item.text().to_string(),
    };
    let used = app.ballot.len() as u32;
    if up {
        if used >= round.votes {
            app.info(format!(
                "No votes left ({} of {}) — V takes one back",
                round.votes, round.votes
            ));
            return;
        }
        app.ballot.push(vote);
    } else {
        match app.ballot.iter().rposition(|v| *v == vote) {
            Some(i) => {
                app.ballot.remove(i);
            }
            None => {
                app.info("None of your votes is on this card");
                return;
            }
        }
    }
    let mine = app.ballot.iter().filter(|v| **v == vote_of(app)).count();
    app.info(format!(
        "Your votes here: {mine} · {} left (private until the facilitator ends the vote)",
        left_words(app).unwrap_or_default()
    ));
}

/// The vote the selection would be.
fn vote_of(app: &App) -> Vote {
    let c = app.cursor;
    let stage = app.doc.map.stages.get(c.stage);
    Vote {
        stage: stage.map(|s| s.id.clone()).unwrap_or_default(),
        lane: lane_name(c.lane).unwrap_or_default().to_string(),
        text: stage
            .and_then(|s| Item::get(s, c.lane, c.item))
            .map(|i| i.text().to_string())
            .unwrap_or_default(),
    }
}

/// "3 of 5 votes", what a participant has left; `None` outside a session.
pub fn left_words(app: &App) -> Option<String> {
    let r = app.voting.as_ref()?;
    let left = r.votes.saturating_sub(app.ballot.len() as u32);
    Some(format!("{left} of {} votes", r.votes))
}

/// The map with every ballot's votes added to its counts; also how many votes
/// were counted and how many were for cards no longer on the map.
pub fn tally(map: &JourneyMap, ballots: &[Ballot]) -> (JourneyMap, u32, u32) {
    let mut out = map.clone();
    let (mut counted, mut lost) = (0, 0);
    for v in ballots.iter().flat_map(|b| &b.votes) {
        let stage = out.stages.iter_mut().find(|s| s.id == v.stage);
        let slot = stage.and_then(|s| match v.lane.as_str() {
            "pain-points" => s
                .pain_points
                .iter_mut()
                .find(|p| p.text == v.text)
                .map(|p| &mut p.votes),
            "optimizations" => s
                .optimizations
                .iter_mut()
                .find(|o| o.text == v.text)
                .map(|o| &mut o.votes),
            _ => None,
        });
        match slot {
            Some(n) => {
                *n = n.saturating_add(1);
                counted += 1;
            }
            None => lost += 1,
        }
    }
    (out, counted, lost)
}

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
            super::role::Role::Participant { name, .. } => name.clone(),
            super::role::Role::Facilitator => String::new(),
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
