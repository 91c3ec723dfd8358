//! Several editor sessions on one map file, without a terminal: a save merges
//! what another session saved since (never overwrites it), and an open editor
//! merges another session's save into its own state, unsaved work, selection
//! and undo included. Conflicts are recorded, never a silent win.

mod common;

use std::path::Path;
use std::time::Duration;

use cjm::edit::{Item, Op};
use cjm::format::load_str;
use cjm::model::Lane;
use cjm::tui::app::{App, Overlay, Prompt};
use cjm::tui::edits::apply;
use cjm::tui::session::save;
use cjm::tui::sync::Watch;
use common::keys::press;

const GOLDEN: &str = include_str!("../maps/espresso.ron");

fn open(path: &Path) -> App {
    let mut a = cjm::tui::run::open(path).unwrap();
    a.size = (120, 40);
    a
}

fn add_action(a: &mut App, stage: usize, index: usize, text: &str) {
    assert!(apply(
        a,
        Op::InsertItem {
            stage,
            lane: Lane::Actions,
            index,
            item: Item::Text(text.into()),
        }
    ));
}

fn actions(a: &App, stage: usize) -> Vec<String> {
    a.doc.map.stages[stage].actions.clone()
}

fn on_disk(path: &Path) -> cjm::model::JourneyMap {
    load_str(&std::fs::read_to_string(path).unwrap())
        .unwrap()
        .map
}

fn message(a: &App) -> String {
    a.message.clone().map(|(m, _)| m).unwrap_or_default()
}

/// A poll that is due: the watch looks at most every `POLL`.
fn tick(w: &mut Watch, a: &mut App) -> bool {
    std::thread::sleep(cjm::tui::sync::POLL + Duration::from_millis(20));
    w.tick(a)
}

fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.ron");
    std::fs::write(&path, GOLDEN).unwrap();
    (dir, path)
}

#[test]
fn a_save_merges_another_sessions_save_instead_of_overwriting_it() {
    let (_dir, path) = setup();
    let mut a = open(&path);
    let mut b = open(&path);
    add_action(&mut a, 0, 0, "Card from A");
    assert!(save(&mut a, false));
    add_action(&mut b, 1, 0, "Card from B");
    assert!(save(&mut b, false), "{}", message(&b));
    assert!(
        message(&b).contains("merged with 1 change saved by another session"),
        "{}",
        message(&b)
    );
    let disk = on_disk(&path);
    assert!(disk.stages[0].actions.contains(&"Card from A".into()));
    assert!(disk.stages[1].actions.contains(&"Card from B".into()));
    assert!(disk.conflicts.is_empty());
    assert_eq!(b.doc.map, disk, "B shows what it saved");
    assert!(!b.doc.is_dirty());
    // A saves again: B's card is merged into A too, nothing lost either way.
    add_action(&mut a, 2, 0, "Second card from A");
    assert!(save(&mut a, false));
    let disk = on_disk(&path);
    for (stage, text) in [
        (0, "Card from A"),
        (1, "Card from B"),
        (2, "Second card from A"),
    ] {
        assert!(disk.stages[stage].actions.contains(&text.into()), "{text}");
    }
}

#[test]
fn a_conflicting_edit_is_recorded_as_a_conflict_never_a_silent_win() {
    let (_dir, path) = setup();
    let mut a = open(&path);
    let mut b = open(&path);
    let retitle = |a: &mut App, title: &str| {
        let m = a.doc.map.clone();
        assert!(apply(
            a,
            Op::SetInfo {
                title: title.into(),
                summary: m.summary,
                objectives: m.objectives,
            }
        ));
    };
    retitle(&mut a, "Title from A");
    assert!(save(&mut a, false));
    retitle(&mut b, "Title from B");
    assert!(save(&mut b, false));
    assert!(
        message(&b).contains("1 merge conflict left"),
        "{}",
        message(&b)
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("Title from A") && text.contains("Title from B"));
    let disk = on_disk(&path);
    assert_eq!(disk.conflicts.len(), 1);
    assert_eq!(b.doc.map.conflicts.len(), 1, "the header counts it");
}

#[test]
fn an_open_editor_merges_another_sessions_save_as_one_undo_step() {
    let (_dir, path) = setup();
    let mut a = open(&path);
    let mut watch = Watch::new(&a);
    assert!(!tick(&mut watch, &mut a), "nothing saved yet");
    let mut b = open(&path);
    add_action(&mut b, 0, 0, "Card from B");
    assert!(save(&mut b, false));
    assert!(tick(&mut watch, &mut a));
    assert_eq!(
        message(&a),
        "Merged 1 change saved by another session",
        "the footer says what was merged"
    );
    assert_eq!(actions(&a, 0)[0], "Card from B");
    assert!(!a.doc.is_dirty(), "A holds exactly the file");
    press(&mut a, &["u"]);
    assert!(
        message(&a).contains("merge the changes saved by another session"),
        "{}",
        message(&a)
    );
    assert!(!actions(&a, 0).contains(&"Card from B".to_string()));
    assert!(a.doc.is_dirty(), "the file has the card, A does not");
    press(&mut a, &["ctrl-r"]);
    assert_eq!(actions(&a, 0)[0], "Card from B");
    assert!(!a.doc.is_dirty());
    assert!(!tick(&mut watch, &mut a), "merged once");
}

#[test]
fn unsaved_work_and_the_selection_survive_a_live_merge() {
    let (_dir, path) = setup();
    let mut a = open(&path);
    let mut watch = Watch::new(&a);
    let mut b = open(&path);
    // A's unsaved card, selected.
    let n = actions(&a, 0).len();
    add_action(&mut a, 0, n, "Unsaved card from A");
    a.cursor.stage = 0;
    a.cursor.lane = Lane::Actions;
    a.cursor.item = n;
    // B puts a card in front of it, and saves.
    add_action(&mut b, 0, 0, "Card from B");
    assert!(save(&mut b, false));
    assert!(tick(&mut watch, &mut a));
    let got = actions(&a, 0);
    assert!(got.contains(&"Card from B".to_string()));
    assert_eq!(
        got[a.cursor.item], "Unsaved card from A",
        "the selection follows the item"
    );
    assert!(a.doc.is_dirty(), "A's card is not on disk yet");
    // Undo takes the merge back, then A's own card: the history still makes sense.
    press(&mut a, &["u"]);
    assert!(!actions(&a, 0).contains(&"Card from B".to_string()));
    assert!(actions(&a, 0).contains(&"Unsaved card from A".to_string()));
    press(&mut a, &["u"]);
    assert!(!actions(&a, 0).contains(&"Unsaved card from A".to_string()));
    press(&mut a, &["ctrl-r", "ctrl-r"]);
    assert!(save(&mut a, false));
    let disk = on_disk(&path);
    assert!(disk.stages[0].actions.contains(&"Card from B".into()));
    assert!(
        disk.stages[0]
            .actions
            .contains(&"Unsaved card from A".into())
    );
}

#[test]
fn a_merge_waits_while_something_is_typed() {
    let (_dir, path) = setup();
    let mut a = open(&path);
    let mut watch = Watch::new(&a);
    let mut b = open(&path);
    add_action(&mut b, 0, 0, "Card from B");
    assert!(save(&mut b, false));
    press(&mut a, &["a", "half typed"]);
    assert!(matches!(a.overlay, Overlay::Insert { .. }));
    assert!(!tick(&mut watch, &mut a));
    assert!(!actions(&a, 0).contains(&"Card from B".to_string()));
    press(&mut a, &["enter"]);
    assert!(tick(&mut watch, &mut a));
    assert!(actions(&a, 0).contains(&"Card from B".to_string()));
    assert!(actions(&a, 0).contains(&"half typed".to_string()));
}

#[test]
fn a_file_that_does_not_load_is_not_merged_and_saving_asks() {
    let (_dir, path) = setup();
    let mut a = open(&path);
    let mut watch = Watch::new(&a);
    let before = a.doc.map.clone();
    std::fs::write(&path, "JourneyMap(").unwrap();
    assert!(!tick(&mut watch, &mut a));
    assert_eq!(a.doc.map, before);
    assert!(message(&a).contains("not merged"), "{}", message(&a));
    add_action(&mut a, 0, 0, "Mine");
    assert!(!save(&mut a, false));
    assert!(matches!(
        a.overlay,
        Overlay::Prompt(Prompt::ChangedOnDisk { .. })
    ));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "JourneyMap(");
}

#[test]
fn a_live_merge_that_cannot_merge_records_a_conflict_and_keeps_ours() {
    let (_dir, path) = setup();
    let mut a = open(&path);
    let mut watch = Watch::new(&a);
    let mut b = open(&path);
    let retitle = |a: &mut App, title: &str| {
        let m = a.doc.map.clone();
        assert!(apply(
            a,
            Op::SetInfo {
                title: title.into(),
                summary: m.summary,
                objectives: m.objectives,
            }
        ));
    };
    retitle(&mut a, "Unsaved title from A");
    retitle(&mut b, "Saved title from B");
    assert!(save(&mut b, false));
    assert!(tick(&mut watch, &mut a));
    assert_eq!(a.doc.map.title, "Unsaved title from A");
    assert_eq!(a.doc.map.conflicts.len(), 1, "recorded, not lost");
    assert!(
        message(&a).contains("1 conflict recorded — x resolves"),
        "{}",
        message(&a)
    );
    assert!(a.doc.is_dirty());
    // Saved, the conflict reaches B too.
    let mut watch_b = Watch::new(&b);
    assert!(save(&mut a, false));
    assert!(tick(&mut watch_b, &mut b));
    assert_eq!(b.doc.map.conflicts.len(), 1);
    assert_eq!(b.doc.map, on_disk(&path));
}

/// Both sessions save, A first; then each catches up with the file, so all
/// three hold one map.
fn both_save_and_agree(a: &mut App, b: &mut App, path: &Path) -> cjm::model::JourneyMap {
    let mut watch_a = Watch::new(a);
    assert!(save(a, false), "{}", message(a));
    assert!(save(b, false), "{}", message(b));
    assert!(tick(&mut watch_a, a));
    let disk = on_disk(path);
    assert_eq!(a.doc.map, disk, "A shows the file");
    assert_eq!(b.doc.map, disk, "B shows the file");
    disk
}

#[test]
fn both_adding_to_the_same_lane_keep_both_cards_in_a_deterministic_order() {
    let mut orders = Vec::new();
    for _ in 0..2 {
        let (_dir, path) = setup();
        let mut a = open(&path);
        let mut b = open(&path);
        add_action(&mut a, 0, 0, "From A");
        add_action(&mut b, 0, 0, "From B");
        let disk = both_save_and_agree(&mut a, &mut b, &path);
        assert!(disk.conflicts.is_empty(), "{:?}", disk.conflicts);
        let got = disk.stages[0].actions.clone();
        assert_eq!(got.iter().filter(|t| *t == "From A").count(), 1);
        assert_eq!(got.iter().filter(|t| *t == "From B").count(), 1);
        assert_eq!(got.len(), on_disk_golden_actions() + 2);
        orders.push(got);
    }
    assert_eq!(orders[0], orders[1], "the same saves give the same order");
    // The card saved first comes first.
    let pos = |t: &str| orders[0].iter().position(|x| x == t).unwrap();
    assert!(pos("From A") < pos("From B"), "{:?}", orders[0]);
}

fn on_disk_golden_actions() -> usize {
    load_str(GOLDEN).unwrap().map.stages[0].actions.len()
}

#[test]
fn an_item_one_edits_and_another_deletes_is_a_recorded_conflict_not_a_loss() {
    let (_dir, path) = setup();
    let mut a = open(&path);
    let mut b = open(&path);
    let first = actions(&a, 0)[0].clone();
    assert!(apply(
        &mut a,
        Op::SetItem {
            stage: 0,
            lane: Lane::Actions,
            index: 0,
            item: Item::Text(format!("{first}, edited by A")),
        }
    ));
    assert!(apply(
        &mut b,
        Op::RemoveItem {
            stage: 0,
            lane: Lane::Actions,
            index: 0,
        }
    ));
    let disk = both_save_and_agree(&mut a, &mut b, &path);
    let edited = format!("{first}, edited by A");
    let kept = disk.stages[0].actions.contains(&edited);
    let recorded = format!("{:?}", disk.conflicts).contains(&edited);
    assert!(
        recorded,
        "the edit is in a recorded conflict (kept in the lane: {kept}): {:?}",
        disk.conflicts
    );
    assert!(!disk.conflicts.is_empty());
}

#[test]
fn a_card_added_to_a_stage_another_moves_ends_in_the_moved_stage() {
    let (_dir, path) = setup();
    let mut a = open(&path);
    let mut b = open(&path);
    let id = a.doc.map.stages[0].id.clone();
    assert!(apply(&mut a, Op::MoveStage { from: 0, to: 2 }));
    add_action(&mut b, 0, 0, "Added while it moved");
    let disk = both_save_and_agree(&mut a, &mut b, &path);
    assert!(disk.conflicts.is_empty(), "{:?}", disk.conflicts);
    assert_eq!(disk.stages[2].id, id, "the move is kept");
    assert!(
        disk.stages[2]
            .actions
            .contains(&"Added while it moved".to_string())
    );
    let everywhere: usize = disk
        .stages
        .iter()
        .map(|s| {
            s.actions
                .iter()
                .filter(|t| *t == "Added while it moved")
                .count()
        })
        .sum();
    assert_eq!(everywhere, 1, "once, in the moved stage");
}

#[test]
fn cards_another_sessions_save_brings_are_marked_for_a_few_seconds() {
    let (_dir, path) = setup();
    let mut a = open(&path);
    let (clock, ms) = cjm::tui::timer::Clock::manual();
    a.clock = clock;
    let mut watch = Watch::new(&a);
    let mut b = open(&path);
    add_action(&mut a, 1, 0, "Mine");
    add_action(&mut b, 0, 0, "From B");
    assert!(save(&mut b, false));
    assert!(tick(&mut watch, &mut a));
    let stage0 = a.doc.map.stages[0].id.clone();
    let stage1 = a.doc.map.stages[1].id.clone();
    let from_b = Item::Text("From B".into());
    let mine = Item::Text("Mine".into());
    let now = || Duration::from_millis(ms.load(std::sync::atomic::Ordering::Relaxed));
    assert!(a.room.is_new(now(), &stage0, Lane::Actions, &from_b));
    assert!(!a.room.is_new(now(), &stage1, Lane::Actions, &mine));
    // On screen: the mark beside the new card, gone once it is old.
    let marks = |a: &App| {
        let screen = common::screen::text(a, 120, 40);
        let line = screen
            .lines()
            .find(|l| l.contains("From B"))
            .unwrap()
            .to_string();
        line.matches(cjm::tui::room::MARK).count()
    };
    let fresh = marks(&a);
    ms.store(
        cjm::tui::room::FRESH.as_millis() as u64,
        std::sync::atomic::Ordering::Relaxed,
    );
    assert!(!a.room.is_new(now(), &stage0, Lane::Actions, &from_b));
    assert_eq!(marks(&a) + 1, fresh, "the mark fades");
}

#[test]
fn the_header_names_the_others_and_the_alarm_stays_on_the_timer() {
    let (_dir, path) = setup();
    let mut a = open(&path);
    let (clock, ms) = cjm::tui::timer::Clock::manual();
    a.clock = clock;
    a.room
        .set_others(["Ben", "Ana", "Cleo", "Dmitri", "Eve"].into_iter());
    a.timer = Some(cjm::tui::timer::Timer {
        activity: "Decide".into(),
        length: Duration::from_secs(60),
        started: Duration::ZERO,
    });
    ms.store(61_000, std::sync::atomic::Ordering::Relaxed);
    let buf = common::screen::draw(&a, 80, 24);
    let top = common::screen::text_of(&buf, ratatui::layout::Rect::new(0, 0, 80, 1)).remove(0);
    assert!(top.contains("with Ana, Ben, Cleo, +2"), "{top}");
    assert!(
        top.contains(&a.doc.map.title[..10]),
        "the title keeps its room: {top}"
    );
    // Time is up: the alarm is drawn on the timer, not on the names.
    let at = top.find("⏱").map(|b| top[..b].chars().count()).unwrap() as u16;
    let alarm = buf[(at, 0)].modifier;
    assert!(alarm.contains(ratatui::style::Modifier::REVERSED), "{top}");
    let names = top.find("with").map(|b| top[..b].chars().count()).unwrap() as u16;
    assert!(
        !buf[(names, 0)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    );
}
