//! The real editor in a pseudo-terminal on a map that records merge conflicts:
//! it opens and says how many, `x` steps to them, a key takes a side, saving
//! with some left says so, and the resolved map is saved without the record.
#![cfg(unix)]

mod common;

use common::pty::*;

fn conflicted() -> String {
    let base = cjm::format::load_str(ESPRESSO).unwrap().map;
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.stages[0].emotions[0].score = 3;
    theirs.stages[0].emotions[0].score = 2;
    ours.stages[1].goal = "Our goal for consideration".into();
    theirs.stages[1].goal = "Their goal for consideration".into();
    let labels = [
        "base".to_string(),
        "HEAD".to_string(),
        "feature".to_string(),
    ];
    let (m, _) = cjm::diff::merge::merge_recorded(&base, &ours, &theirs, &labels);
    cjm::format::write(&m)
}

#[test]
fn resolve_one_save_with_one_left_then_resolve_the_last() {
    let env = Env::new();
    let file = env.file("map.ron", &conflicted());
    let mut s = env.open(&file, &[]);
    s.wait_for("2 CONFLICTS");
    s.wait_for("This map holds 2 merge conflicts");
    s.send("x");
    s.wait_for("Merge conflict 1 of 2");
    s.wait_for("theirs (feature)");
    s.send("t");
    s.wait_for("1 merge conflict left");
    // Esc alone, and seen to close the resolver: an Esc with the next key right
    // behind it reads as Alt and that key.
    s.send("\x1b");
    s.wait_gone("Merge conflict 1 of 1");
    s.send(CTRL_S);
    s.wait_for("with 1 merge conflict left");
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("format: 3,") && saved.contains("conflicts: ["));
    s.send("x");
    s.wait_for("Merge conflict 1 of 1");
    s.send("o");
    s.wait_for("All merge conflicts resolved");
    s.send(CTRL_S);
    s.wait_for("Saved map.ron");
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(
        saved.starts_with("JourneyMap(\n    format: 1,\n"),
        "{saved}"
    );
    assert!(!saved.contains("conflicts:"));
    let map = cjm::format::load_str(&saved).unwrap().map;
    assert_eq!(
        map.stages[0].emotions[0].score, 2,
        "theirs was taken for the emotion"
    );
    assert_eq!(map.stages[1].goal, "Our goal for consideration");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
