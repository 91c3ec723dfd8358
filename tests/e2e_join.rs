//! A workshop in pseudo-terminals: the facilitator's editor and a participant
//! who ran `cjm join` on the same map. The participant's selection follows the
//! facilitator's stage, a card it adds is saved at once and shows in the
//! facilitator's editor, the facilitator's header names the participant, and
//! what a participant may not do (or what the facilitator closed) is refused.
#![cfg(unix)]

mod common;

use std::ffi::OsStr;

use common::pty::*;

fn stage_actions(file: &std::path::Path, stage: usize) -> Vec<String> {
    let text = std::fs::read_to_string(file).unwrap();
    let map = cjm::format::load_str(&text).unwrap().map;
    map.stages[stage].actions.clone()
}

#[test]
fn a_participant_adds_a_card_to_the_facilitators_stage_and_it_reaches_the_facilitator() {
    let env = Env::new();
    let file = env.file("map.ron", ESPRESSO);
    let mut host = env.open(&file, &[]);
    host.wait_for("Awareness");
    // The facilitator is on the third stage.
    host.send("l");
    host.send("l");

    let mut ana = env.open_args(
        &[
            OsStr::new("join"),
            file.as_os_str(),
            OsStr::new("--name"),
            OsStr::new("Ana"),
        ],
        &[],
    );
    ana.wait_for("The facilitator is on Decision");
    assert!(ana.screen().contains("a add a card"), "{}", ana.screen());
    // The facilitator's header names the participant who joined.
    host.wait_for("with Ana");
    ana.add_action("Card from Ana");
    wait_until("the card is saved in the facilitator's stage", || {
        stage_actions(&file, 2).contains(&"Card from Ana".to_string())
    });
    host.wait_for("Card from Ana");

    // Deleting is the facilitator's: refused, the file unchanged.
    let before = std::fs::read_to_string(&file).unwrap();
    ana.send("d");
    ana.wait_for("the facilitator does the rest");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);

    // The facilitator moves on; the participant follows.
    host.send("l");
    ana.wait_for("The facilitator is on");
    ana.add_action("Second card");
    wait_until("the second card lands in the fourth stage", || {
        stage_actions(&file, 3).contains(&"Second card".to_string())
    });

    // The facilitator closes adding (O: add only, then vote only): the
    // participant is told, and its `a` is refused, the file unchanged.
    host.wait_for("Second card");
    host.send("O");
    host.send("O");
    ana.wait_for("The facilitator changed what you may do: vote, not add cards");
    let before = std::fs::read_to_string(&file).unwrap();
    ana.send("a");
    ana.wait_for("Adding cards is not open");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);

    // The participant's window closes: it exits on its own (checked on drop).
    ana.close_terminal();
    ana.wait_exit_within(EXIT_AFTER_HANGUP);
    host.wait_for("Second card");
    host.send("q");
    assert_eq!(
        host.wait_exit(),
        0,
        "the facilitator holds exactly the file"
    );
}

#[test]
fn join_refuses_a_missing_map_and_a_broken_cjm_ron_before_taking_the_terminal() {
    let env = Env::new();
    let out = std::process::Command::new(common::bin::BIN)
        .args(["join", "nope.ron"])
        .current_dir(env.dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    env.file("map.ron", ESPRESSO);
    env.file("cjm.ron", "Config(participants: (ad: false))");
    let out = std::process::Command::new(common::bin::BIN)
        .args(["join", "map.ron"])
        .current_dir(env.dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0));
    assert!(err.contains("unknown field `ad` in participants"), "{err}");
}

fn pain_votes(file: &std::path::Path) -> Vec<u32> {
    let text = std::fs::read_to_string(file).unwrap();
    let map = cjm::format::load_str(&text).unwrap().map;
    map.stages[0].pain_points.iter().map(|p| p.votes).collect()
}

fn ballots(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir.join(".cjm-live"))
        .map(|rd| {
            rd.flatten()
                .filter(|e| e.file_name().to_string_lossy().ends_with(".ballot"))
                .filter(|e| std::fs::read_to_string(e.path()).is_ok_and(|t| t.contains("\"text\"")))
                .count()
        })
        .unwrap_or(0)
}

fn join(env: &Env, file: &std::path::Path, name: &str) -> Session {
    env.open_args(
        &[
            OsStr::new("join"),
            file.as_os_str(),
            OsStr::new("--name"),
            OsStr::new(name),
        ],
        &[],
    )
}

#[test]
fn a_private_vote_two_participants_vote_unseen_and_the_end_adds_the_counts() {
    let env = Env::new();
    let file = env.file("map.ron", ESPRESSO);
    let before = pain_votes(&file);
    let mut host = env.open(&file, &[]);
    host.wait_for("Awareness");
    host.send("B");
    host.wait_for("Votes each");
    host.send("\x15"); // Ctrl-U clears the proposed number
    host.type_text("2");
    host.send(ENTER);
    host.wait_for("Voting: 2 votes each");

    let mut ana = join(&env, &file, "Ana");
    let mut ben = join(&env, &file, "Ben");
    for p in [&mut ana, &mut ben] {
        p.wait_for("Voting: 2 votes each");
        p.send("'");
        p.send("p");
    }
    ana.send("v");
    ana.send("v");
    ana.wait_for("0 of 2 votes left");
    ben.send("v");
    ben.wait_for("1 of 2 votes left");
    wait_until("both ballots are written", || ballots(env.dir.path()) == 2);
    // Private: nothing in the file, nothing in the facilitator's map.
    holds_for(
        "no vote reaches the map",
        std::time::Duration::from_millis(600),
        || pain_votes(&file) == before,
    );

    host.send("B");
    host.wait_for("Voting ended: 3 votes from 2 people");
    wait_until("the counts are saved", || {
        pain_votes(&file).first() == before.first().map(|n| n + 3).as_ref()
    });
    assert_eq!(ballots(env.dir.path()), 0, "the ballots are gone");
    for p in [&ana, &ben] {
        p.wait_for("Voting ended");
    }
    for mut p in [ana, ben] {
        p.close_terminal();
        p.wait_exit_within(EXIT_AFTER_HANGUP);
    }
    host.send("q");
    assert_eq!(host.wait_exit(), 0);
}
