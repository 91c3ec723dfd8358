//! A voting session, as workshop boards run one: the facilitator starts it
//! (`B`: votes per person, and minutes on the workshop timer if wanted), each
//! participant places their votes privately, and the facilitator ends it
//! (`B` again, or the timer running out when the vote was timed), which adds everyone's votes to the map's counts as one undo
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

use super::app::App;
pub use super::state::{Ballot, Round, Vote};
use super::timer::{MAX_MINUTES, Timer};
use crate::edit::Item;
use crate::model::{JourneyMap, Lane};

/// The most votes per person a session hands out.
pub const MAX_VOTES: u32 = 99;

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
    let mut words = format!("Voting: {votes} votes each, kept private until B ends it");
    let mut deadline = None;
    if let Some(m) = minutes {
        let timer = Timer {
            activity: "Voting".to_string(),
            length: std::time::Duration::from_secs(m * 60),
            started: app.clock.now(),
        };
        deadline = Some(timer.started + timer.length);
        app.timer = Some(timer);
        words = format!(
            "Voting: {votes} votes each, kept private; it ends by itself in {m} min, or when B ends it"
        );
    }
    app.voting = Some(Round {
        id: round,
        votes,
        deadline,
    });
    app.info(words);
}

/// True when a timed vote's time is up: the facilitator's editor then ends
/// it as `B` would, so the room sees the result when the timer says so.
pub fn time_up(app: &App) -> bool {
    app.voting
        .as_ref()
        .and_then(|r| r.deadline)
        .is_some_and(|d| app.clock.now() >= d)
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
