//! The canvas end to end: the real binary in a pseudo-terminal, read back as a
//! person sees it. Each area's tests are grouped under its own heading.
#![cfg(unix)]

mod common;

use common::pty::*;

const PHYSIO: &str = include_str!("data/physio-booking.ron");

// ---- answers: search, undo ----

#[test]
fn search_finds_persona_text_and_a_second_search_replaces_the_first() {
    let env = Env::new();
    let file = env.file("physio.ron", PHYSIO);
    let mut s = env.open(&file, &[]);
    s.wait_for("1 Discover");
    // Only the persona's frustrations say this: the message shows the text.
    s.send("/");
    s.type_text("waiting rooms");
    s.send(ENTER);
    s.wait_for("Match 1 of 1 for \"waiting rooms\"");
    s.wait_for("persona frustration: Waiting rooms where nobody");
    // `/` offers the last query selected: typing replaces it.
    s.send("/");
    s.wait_for("/waiting rooms");
    s.type_text("Saturday");
    s.send(ENTER);
    s.wait_for("for \"Saturday\"");
    assert!(
        !s.screen().contains("waiting roomsSaturday"),
        "{}",
        s.screen()
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn undo_after_moving_away_brings_the_undone_item_back_into_view() {
    let env = Env::new();
    let file = env.file("espresso.ron", ESPRESSO);
    let mut s = env.open(&file, &[]);
    s.wait_for("1 Awareness");
    s.send("d");
    s.wait_for("Deleted action");
    // The last stage: the first one scrolls out of view at 120 columns.
    s.send("G");
    s.wait_gone("1 Awareness");
    s.send("u");
    s.wait_for("Undone: delete action \"Watches a latte-art reel");
    s.wait_for("1 Awareness");
    let screen = s.screen();
    let doing = screen
        .lines()
        .find(|l| l.starts_with("Doing"))
        .unwrap_or_default();
    assert!(doing.contains("• Watches a latte-art"), "{screen}");
    s.send("q");
    assert_eq!(s.wait_exit(), 0, "undone back to the file: nothing to save");
}
