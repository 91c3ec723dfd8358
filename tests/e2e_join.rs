//! A workshop in pseudo-terminals: the facilitator's editor and a participant
//! who ran `cjm join` on the same map. The participant's selection follows the
//! facilitator's stage, a card it adds is saved at once and shows in the
//! facilitator's editor, and what a participant may not do is refused.
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
