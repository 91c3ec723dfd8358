//! Opening a large map: its first screen is drawn from the first stages of the
//! file while the whole file is read and validated, and that screen is the one
//! the whole map draws; keys typed meanwhile wait and then act on the whole map;
//! a map refused whole shows its error, never a part of it.
#![cfg(unix)]

mod common;

use cjm::model::{Emotion, JourneyMap, Stage, Touchpoint};
use cjm::tui::view::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use common::pty::*;

/// About 7 KB of canonical text per stage: `stages` of them.
fn large(stages: usize) -> JourneyMap {
    let mut m = JourneyMap::new("A large journey", "Pat");
    let words = "checkout delivery renewal support invoice onboarding";
    for s in 0..stages {
        let mut st = Stage::named(&format!("Stage {s}"));
        st.goal = format!("Goal of stage {s}: {words}");
        st.actions = (0..12).map(|i| format!("Action {s}.{i} {words}")).collect();
        st.thoughts = (0..12)
            .map(|i| format!("Thought {s}.{i} {words}"))
            .collect();
        st.touchpoints = (0..12)
            .map(|i| Touchpoint {
                name: format!("Touchpoint {s}.{i} {words}"),
                channel: "Web".into(),
                ..Touchpoint::default()
            })
            .collect();
        st.emotions = vec![Emotion {
            score: i64::try_from(s % 5 + 1).unwrap(),
            label: format!("Feeling {s}"),
            ..Emotion::default()
        }];
        m.stages.push(st);
    }
    m
}

fn screen(app: &mut cjm::tui::app::App, size: (u16, u16)) -> ratatui::buffer::Buffer {
    app.size = size;
    let mut term = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    term.draw(|f| view(app, f)).unwrap();
    term.backend().buffer().clone()
}

/// The row of the "Stages 1–4/N" label, and the label.
fn stage_label(b: &ratatui::buffer::Buffer) -> (u16, String) {
    (0..b.area.height)
        .find_map(|y| {
            let row: String = (0..13).map(|x| b[(x, y)].symbol()).collect();
            row.starts_with("Stages ")
                .then(|| (y, row.trim_end().to_string()))
        })
        .unwrap()
}

/// The buffer with the label's cells blanked.
fn without_row(mut b: ratatui::buffer::Buffer, y: u16) -> ratatui::buffer::Buffer {
    for x in 0..13 {
        b[(x, y)].reset();
    }
    b
}

#[test]
fn the_preview_draws_the_screen_the_whole_map_draws() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.ron");
    let text = cjm::format::write(&large(300));
    assert!(text.len() > 1_000_000, "{}", text.len());
    std::fs::write(&path, &text).unwrap();
    let head = text.as_bytes().get(..256 * 1024).unwrap();
    for size in [(120, 40), (80, 24), (200, 50), (300, 80)] {
        let mut whole = cjm::tui::run::open(&path).unwrap();
        let mut first = cjm::tui::run::preview(&path, head, size.0)
            .unwrap_or_else(|| panic!("a preview at {size:?}"));
        assert!(first.doc.map.stages.len() < 300);
        let (first, whole) = (screen(&mut first, size), screen(&mut whole, size));
        // The one difference: the preview does not know how many stages follow.
        let (head, preview_label) = stage_label(&first);
        assert!(preview_label.ends_with("/…"), "{preview_label}");
        assert_eq!(
            without_row(first, head),
            without_row(whole, head),
            "at {size:?}"
        );
    }
    // A start that holds fewer stages than the screen shows gives no preview.
    let short = text.as_bytes().get(..20 * 1024).unwrap();
    assert!(cjm::tui::run::preview(&path, short, 120).is_none());
}

#[test]
fn keys_typed_while_a_large_map_loads_act_on_the_whole_map() {
    let env = Env::new();
    let whole = large(450);
    let text = cjm::format::write(&whole);
    assert!(text.len() > 2_000_000, "{}", text.len());
    let file = env.file("large.ron", &text);
    let mut s = env.open(&file, &[]);
    // Typed at once as soon as the first stages are on the screen, while the rest
    // is being read (in a debug build, for a good while): the last stage, a new
    // action in it, saved.
    s.wait_for("Stage 0");
    s.type_ahead("G");
    s.type_ahead("a");
    s.type_ahead("Typed ahead");
    s.type_ahead(ENTER);
    s.type_ahead(CTRL_S);
    s.wait_for("Saved large.ron");
    let saved = cjm::format::load_str(&std::fs::read_to_string(&file).unwrap())
        .unwrap()
        .map;
    // The action went into the last of all the stages, and nothing else changed.
    let mut without = saved.clone();
    let last = without.stages.last_mut().unwrap();
    let typed = last.actions.iter().position(|a| a == "Typed ahead");
    assert!(typed.is_some(), "{:?}", last.actions);
    last.actions.retain(|a| a != "Typed ahead");
    assert_eq!(saved.stages.len(), 450);
    assert!(without == whole, "every key, on the whole map");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_large_map_refused_whole_shows_its_error_and_is_left_alone() {
    let env = Env::new();
    let mut bad = large(450);
    // Far past the first screen: the preview reads well, the whole map does not.
    bad.stages.get_mut(400).unwrap().id = "stage-3".into();
    let text = cjm::format::write(&bad);
    let file = env.file("large.ron", &text);
    let mut s = env.open(&file, &[]);
    s.wait_for("Stage 0");
    s.type_ahead("G");
    s.type_ahead("d");
    s.type_ahead(CTRL_S);
    assert_eq!(s.wait_exit(), 1);
    s.wait_for("is used by an earlier stage");
    assert!(
        !s.screen().contains("Stage 0"),
        "the map is off the screen:\n{}",
        s.screen()
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    assert!(env.recovery_files().is_empty());
}
