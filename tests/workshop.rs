//! The workshop's decision step in the editor: dot votes (`v`, `V`, sorting a
//! lane by votes with `S`) and the timer (`t`), through `update` and `view` on
//! TestBackend. The timer runs on a hand-set clock: no test sleeps.

mod common;

use std::sync::atomic::Ordering;

use cjm::format::{load_str, write};
use cjm::model::Lane;
use cjm::tui::app::{App, Overlay};
use cjm::tui::timer::Clock;
use cjm::tui::view::view;
use common::keys::press;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const ESPRESSO: &str = include_str!("../maps/espresso.ron");

fn app(text: &str) -> App {
    let mut a = App::new(load_str(text).unwrap().map, "map.ron".into());
    a.size = (120, 40);
    a
}

fn screen(a: &App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| view(a, f)).unwrap();
    let buf = term.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let mut skip = 0;
        for x in 0..w {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let s = buf[(x, y)].symbol();
            out.push_str(s);
            skip = unicode_width::UnicodeWidthStr::width(s).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}

fn message(a: &App) -> String {
    a.message
        .as_ref()
        .map(|(m, _)| m.clone())
        .unwrap_or_default()
}

fn votes(a: &App, stage: usize, lane: Lane) -> Vec<u32> {
    let s = &a.doc.map.stages[stage];
    match lane {
        Lane::PainPoints => s.pain_points.iter().map(|p| p.votes).collect(),
        _ => s.optimizations.iter().map(|o| o.votes).collect(),
    }
}

// ---------------------------------------------------------------- votes

#[test]
fn v_adds_a_vote_capital_v_takes_one_away_never_below_zero_and_u_undoes_each() {
    let mut a = app(ESPRESSO);
    press(&mut a, &["'", "p"]);
    assert_eq!(a.cursor.lane, Lane::PainPoints);
    press(&mut a, &["v", "v", "v"]);
    assert_eq!(votes(&a, 0, Lane::PainPoints), [3, 0]);
    assert!(message(&a).contains("3 votes ●●●"), "{}", message(&a));
    assert!(a.doc.is_dirty());
    press(&mut a, &["V"]);
    assert_eq!(votes(&a, 0, Lane::PainPoints), [2, 0]);
    press(&mut a, &["V", "V", "V"]);
    assert_eq!(votes(&a, 0, Lane::PainPoints), [0, 0]);
    assert_eq!(message(&a), "No votes to take away");
    // Six changes were made; the refused one is not in the history.
    press(&mut a, &["u"]);
    assert_eq!(votes(&a, 0, Lane::PainPoints), [1, 0]);
    press(&mut a, &["u", "u", "u", "u", "u"]);
    assert_eq!(votes(&a, 0, Lane::PainPoints), [0, 0]);
    assert!(
        !a.doc.is_dirty(),
        "undoing every vote gives back the saved map"
    );
    // On an optimization too, and the file says format 2 once there is a vote.
    press(&mut a, &["'", "o", "v"]);
    assert_eq!(votes(&a, 0, Lane::Optimizations)[0], 1);
    assert!(write(&a.doc.map).contains("    format: 2,\n"));
}

#[test]
fn votes_go_only_on_pain_points_and_optimizations() {
    let mut a = app(ESPRESSO);
    let before = a.doc.map.clone();
    press(&mut a, &["v"]);
    assert_eq!(a.doc.map, before);
    assert!(!a.doc.is_dirty());
    assert_eq!(
        message(&a),
        "Doing takes no votes: votes go on pain points ('p) and optimizations ('o)"
    );
    press(&mut a, &["S"]);
    assert_eq!(a.doc.map, before);
}

#[test]
fn the_card_and_the_detail_panel_show_the_dots() {
    let mut a = app(ESPRESSO);
    press(&mut a, &["'", "p", "v", "v", "v"]);
    cjm::tui::update::ensure_visible(&mut a);
    let s = screen(&a, 120, 40);
    assert!(
        s.lines()
            .any(|l| l.contains(" Votes ") && l.contains("●●● 3")),
        "the detail panel:\n{s}"
    );
    // The card: its dots on a line of their own under the text.
    assert!(
        s.lines()
            .any(|l| l.trim_start().starts_with("●●● ") || l.contains("  ●●●  ")),
        "the card:\n{s}"
    );
    // Without votes, no dots (the emotion curve's points are single ●).
    let mut plain = app(ESPRESSO);
    press(&mut plain, &["'", "p"]);
    cjm::tui::update::ensure_visible(&mut plain);
    assert!(!screen(&plain, 120, 40).contains("●●"));
}

#[test]
fn s_sorts_the_lane_by_votes_in_one_undo_step_and_keeps_the_selection() {
    let mut a = app(ESPRESSO);
    // Stage 2 has three pain points; vote for the last one twice, the second once.
    press(&mut a, &["l", "'", "p"]);
    let texts = |a: &App| -> Vec<String> {
        a.doc.map.stages[1]
            .pain_points
            .iter()
            .map(|p| p.text.clone())
            .collect()
    };
    let original = texts(&a);
    assert_eq!(original.len(), 3);
    press(&mut a, &["down", "v", "down", "v", "v"]);
    assert_eq!(votes(&a, 1, Lane::PainPoints), [0, 1, 2]);
    press(&mut a, &["S"]);
    assert_eq!(votes(&a, 1, Lane::PainPoints), [2, 1, 0]);
    assert_eq!(
        texts(&a),
        [&original[2], &original[1], &original[0]].map(String::clone)
    );
    assert_eq!(a.cursor.item, 0, "the selection moved with its item");
    assert!(message(&a).contains("by votes"), "{}", message(&a));
    press(&mut a, &["S"]);
    assert_eq!(message(&a), "Already sorted by votes");
    press(&mut a, &["u"]);
    assert_eq!(texts(&a), original);
    assert_eq!(votes(&a, 1, Lane::PainPoints), [0, 1, 2]);
}

#[test]
fn editing_an_item_in_its_form_keeps_its_votes() {
    let mut a = app(ESPRESSO);
    press(&mut a, &["'", "p", "v", "v", "e", "enter"]);
    assert!(matches!(a.overlay, Overlay::None), "{:?}", a.overlay);
    assert_eq!(votes(&a, 0, Lane::PainPoints)[0], 2);
}

#[test]
fn the_keys_help_lists_votes_sort_and_timer() {
    let mut a = app(ESPRESSO);
    press(&mut a, &["?"]);
    let s = screen(&a, 120, 80);
    for doc in [
        "add a vote to the pain point or optimization",
        "take a vote away",
        "sort the lane by votes",
        "start the workshop timer",
    ] {
        assert!(s.contains(doc), "{doc} missing:\n{s}");
    }
}

// ---------------------------------------------------------------- the timer

#[test]
fn t_starts_a_countdown_shown_in_the_header_that_runs_out_and_t_stops_it() {
    let mut a = app(ESPRESSO);
    let (clock, ms) = Clock::manual();
    a.clock = clock;
    ms.store(3_000, Ordering::Relaxed);
    let map = a.doc.map.clone();
    press(&mut a, &["l", "t"]);
    assert!(matches!(&a.overlay, Overlay::Timer(_)));
    assert!(screen(&a, 120, 40).contains("Timer minutes: 10"));
    press(&mut a, &["enter"]);
    let stage = a.doc.map.stages[1].name.clone();
    let header = |a: &App| screen(a, 120, 40).lines().next().unwrap().to_string();
    assert!(
        header(&a).contains(&format!("⏱ 10:00 {stage}")),
        "{}",
        header(&a)
    );
    ms.store(3_000 + 61_000, Ordering::Relaxed);
    assert!(header(&a).contains("⏱ 8:59"), "{}", header(&a));
    ms.store(3_000 + 600_000, Ordering::Relaxed);
    assert!(
        header(&a).contains(&format!("⏱ Time is up: {stage}")),
        "{}",
        header(&a)
    );
    // The map and its history are untouched by all of it.
    assert_eq!(a.doc.map, map);
    assert!(!a.doc.is_dirty());
    press(&mut a, &["u"]);
    assert_eq!(a.doc.map, map);
    press(&mut a, &["t"]);
    assert!(a.timer.is_none());
    assert_eq!(message(&a), "Timer stopped");
    assert!(!header(&a).contains('⏱'));
}

#[test]
fn the_length_is_typed_or_comes_from_the_settings() {
    let mut a = app(ESPRESSO);
    let (clock, _ms) = Clock::manual();
    a.clock = clock;
    // What settings.ron's `timer_minutes` sets.
    a.timer_minutes = 15;
    press(&mut a, &["t"]);
    assert!(screen(&a, 120, 40).contains("Timer minutes: 15"));
    press(&mut a, &["enter"]);
    assert!(screen(&a, 120, 40).contains("⏱ 15:00"));
    // Typing replaces the offered length.
    press(&mut a, &["t", "t", "5", "enter"]);
    assert!(screen(&a, 120, 40).contains("⏱ 5:00"));
    // A length that is not one starts nothing and says why.
    press(&mut a, &["t", "t", "0", "enter"]);
    assert!(a.timer.is_none());
    assert!(message(&a).contains("minutes are a whole number from 1"));
    press(&mut a, &["t", "esc"]);
    assert!(a.timer.is_none());
}

#[test]
fn presentation_mode_shows_the_timer_and_its_end() {
    let mut a = app(ESPRESSO);
    let (clock, ms) = Clock::manual();
    a.clock = clock;
    press(&mut a, &["t", "enter", "f5"]);
    assert!(matches!(a.overlay, Overlay::Present(_)));
    assert!(screen(&a, 120, 40).contains("⏱ 10:00"));
    ms.store(600_000, Ordering::Relaxed);
    assert!(screen(&a, 120, 40).contains("⏱ Time is up"));
}

#[test]
fn the_slides_show_the_dots_too() {
    let mut a = app(ESPRESSO);
    press(&mut a, &["'", "p", "v", "v", "f5"]);
    // The overview's pain points, then the first stage's slide.
    assert!(
        screen(&a, 120, 40).contains("●●"),
        "{}",
        screen(&a, 120, 40)
    );
    press(&mut a, &["1"]);
    assert!(
        screen(&a, 120, 40).contains("●●"),
        "{}",
        screen(&a, 120, 40)
    );
}

/// When time is up the header must be seen from the back of the room: the words
/// stand out from the bar (reversed, in the error colour), and the activity, a
/// stage name from the map, is escaped like all map text.
#[test]
fn time_up_stands_out_and_the_activity_is_escaped() {
    let mut a = app(ESPRESSO);
    a.doc.map.stages[0].name = "Aware\u{1b}]0;pwned\u{7}".into();
    let (clock, ms) = Clock::manual();
    a.clock = clock;
    press(&mut a, &["t", "enter"]);
    ms.store(600_000, Ordering::Relaxed);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    term.draw(|f| view(&a, f)).unwrap();
    let buf = term.backend().buffer().clone();
    let row: String = (0..120).map(|x| buf[(x, 0)].symbol().to_string()).collect();
    assert!(
        row.contains("⏱ Time is up: Aware\\u{1b}]0;pwned\\u{7}"),
        "{row}"
    );
    let x = (0..120u16)
        .find(|&x| buf[(x, 0)].symbol() == "⏱")
        .expect("the timer is in the header");
    let cell = &buf[(x + 2, 0)];
    assert!(
        cell.modifier.contains(ratatui::style::Modifier::REVERSED),
        "{cell:?}"
    );
    let bar = &buf[(1, 0)];
    assert_ne!(
        (cell.fg, cell.bg),
        (bar.fg, bar.bg),
        "time up looks like the rest of the bar"
    );
}
