//! A voting session: the facilitator starts it with `B` (votes each, minutes),
//! participants' votes go on their own ballots (never in the map, so nobody
//! sees them), and `B` again adds every ballot to the map's counts as one undo
//! step.

mod common;

use cjm::format::load_str;
use cjm::format::rules::Participants;
use cjm::tui::App;
use cjm::tui::app::Effect;
use cjm::tui::ballot_box;
use cjm::tui::role::Role;
use cjm::tui::voting::{self, Ballot, Round, Vote, parse_start, tally};
use common::keys::press;

const ESPRESSO: &str = include_str!("../maps/espresso.ron");

fn app_at(path: std::path::PathBuf) -> App {
    let mut a = App::new(load_str(ESPRESSO).unwrap().map, path);
    a.size = (120, 40);
    a
}

fn message(a: &App) -> String {
    a.message
        .as_ref()
        .map(|(m, _)| m.clone())
        .unwrap_or_default()
}

#[test]
fn b_asks_for_votes_each_and_minutes_and_starts_the_timer() {
    let mut a = app_at("map.ron".into());
    press(&mut a, &["B", "ctrl-u", "5 10", "enter"]);
    assert_eq!(a.voting.as_ref().map(|r| r.votes), Some(5));
    assert!(message(&a).contains("5 votes each"), "{}", message(&a));
    let t = a.timer.as_ref().expect("the timer runs");
    assert_eq!(t.activity, "Voting");
    assert_eq!(t.length.as_secs(), 600);
    // B again asks the runtime to end it.
    assert_eq!(press(&mut a, &["B"]), vec![Effect::EndVoting]);

    let mut a = app_at("map.ron".into());
    press(&mut a, &["B", "ctrl-u", "lots", "enter"]);
    assert!(a.voting.is_none());
    assert!(
        message(&a).contains("Voting not started"),
        "{}",
        message(&a)
    );
}

#[test]
fn what_b_takes_is_checked() {
    assert_eq!(parse_start("3"), Ok((3, None)));
    assert_eq!(parse_start(" 5 10 "), Ok((5, Some(10))));
    for bad in ["", "0", "100", "x", "5 0", "5 x", "5 10 2", "-1"] {
        assert!(parse_start(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_participants_votes_stay_on_their_ballot_and_run_out() {
    let mut a = app_at("map.ron".into());
    a.role = Role::Participant {
        may: Participants::default(),
        name: "Ana".into(),
    };
    a.voting = Some(Round {
        id: "1".into(),
        votes: 2,
        deadline: None,
    });
    let before = a.doc.map.clone();
    press(&mut a, &["'", "p", "v", "v"]);
    assert_eq!(a.doc.map, before, "nothing in the map until the reveal");
    assert_eq!(a.ballot.len(), 2);
    assert_eq!(voting::left_words(&a).as_deref(), Some("0 of 2 votes"));
    press(&mut a, &["j", "v"]);
    assert!(message(&a).contains("No votes left"), "{}", message(&a));
    assert_eq!(a.ballot.len(), 2);
    // V takes back only the participant's own vote, on this card.
    press(&mut a, &["V"]);
    assert!(
        message(&a).contains("None of your votes"),
        "{}",
        message(&a)
    );
    press(&mut a, &["k", "V"]);
    assert_eq!(a.ballot.len(), 1);
    assert!(
        cjm::tui::role::footer_hints(&a)
            .unwrap()
            .contains("1 of 2 votes left")
    );
    // Outside the votes' lanes nothing is cast.
    press(&mut a, &["'", "d", "v"]);
    assert_eq!(a.ballot.len(), 1);
    assert_eq!(a.doc.map, before);
}

#[test]
fn ending_adds_every_ballot_to_the_counts_as_one_undo_step_and_removes_the_ballots() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.ron");
    std::fs::write(&path, ESPRESSO).unwrap();
    let mut a = app_at(path.clone());
    a.voting = Some(Round {
        id: "77".into(),
        votes: 3,
        deadline: None,
    });
    let s = &a.doc.map.stages[1];
    let pain = s.pain_points[0].text.clone();
    let opt = s.optimizations[0].text.clone();
    let (p0, o0) = (s.pain_points[0].votes, s.optimizations[0].votes);
    let vote = |lane: &str, text: &str| Vote {
        stage: s.id.clone(),
        lane: lane.into(),
        text: text.into(),
    };
    let ballots = [
        (
            "1-1",
            Ballot {
                round: "77".into(),
                name: "Ana".into(),
                votes: vec![vote("pain-points", &pain), vote("pain-points", &pain)],
            },
        ),
        (
            "2-2",
            Ballot {
                round: "77".into(),
                name: "Ben".into(),
                votes: vec![vote("optimizations", &opt), vote("pain-points", "gone")],
            },
        ),
        (
            "3-3",
            Ballot {
                round: "an older round".into(),
                name: "Old".into(),
                votes: vec![vote("pain-points", &pain)],
            },
        ),
    ];
    for (session, b) in &ballots {
        ballot_box::write_ballot(&ballot_box::ballot_path(&path, session), b).unwrap();
    }
    let before = a.doc.map.clone();
    assert!(ballot_box::end(&mut a));
    assert!(a.voting.is_none());
    assert_eq!(a.doc.map.stages[1].pain_points[0].votes, p0 + 2);
    assert_eq!(a.doc.map.stages[1].optimizations[0].votes, o0 + 1);
    assert_eq!(
        message(&a),
        "Voting ended: 3 votes from 2 people (u undoes) · 1 for cards no longer on the map"
    );
    assert!(!ballot_box::ballot_path(&path, "1-1").exists());
    assert!(
        ballot_box::ballot_path(&path, "3-3").exists(),
        "another round's ballot is not this one's to remove"
    );
    press(&mut a, &["u"]);
    assert_eq!(a.doc.map, before, "one undo step");
}

#[test]
fn the_tally_counts_cards_by_stage_lane_and_text() {
    let map = load_str(ESPRESSO).unwrap().map;
    let s = &map.stages[0];
    let b = Ballot {
        round: "r".into(),
        name: "x".into(),
        votes: vec![
            Vote {
                stage: s.id.clone(),
                lane: "optimizations".into(),
                text: s.optimizations[0].text.clone(),
            },
            Vote {
                stage: "no-such-stage".into(),
                lane: "optimizations".into(),
                text: s.optimizations[0].text.clone(),
            },
        ],
    };
    let (out, counted, lost) = tally(&map, &[b]);
    assert_eq!((counted, lost), (1, 1));
    assert_eq!(
        out.stages[0].optimizations[0].votes,
        map.stages[0].optimizations[0].votes + 1
    );
}

#[test]
fn a_timed_vote_is_up_when_its_minutes_run_out_and_an_untimed_one_never() {
    let mut a = app_at("map.ron".into());
    let (clock, ms) = cjm::tui::timer::Clock::manual();
    a.clock = clock;
    ms.store(5_000, std::sync::atomic::Ordering::Relaxed);
    press(&mut a, &["B", "ctrl-u", "3 1", "enter"]);
    assert!(
        message(&a).contains("ends by itself in 1 min"),
        "{}",
        message(&a)
    );
    assert!(!voting::time_up(&a));
    ms.store(64_999, std::sync::atomic::Ordering::Relaxed);
    assert!(!voting::time_up(&a));
    ms.store(65_000, std::sync::atomic::Ordering::Relaxed);
    assert!(voting::time_up(&a), "the runtime ends the vote now");
    // Ending it (as the runtime then does) leaves nothing to end again.
    ballot_box::end(&mut a);
    assert!(!voting::time_up(&a));

    let mut a = app_at("map.ron".into());
    let (clock, ms) = cjm::tui::timer::Clock::manual();
    a.clock = clock;
    press(&mut a, &["B", "ctrl-u", "3", "enter"]);
    ms.store(100_000_000, std::sync::atomic::Ordering::Relaxed);
    assert!(!voting::time_up(&a), "only B ends an untimed vote");
}
