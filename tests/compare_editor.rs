//! The editor with `--compare OTHER`: OTHER's emotion curve drawn dimmed under
//! the live one, paired by stage id, with a legend, each stage's move under its
//! name, the footer naming OTHER, and `c` to show or hide it. Driven through the
//! library: the app opened with a comparison map, keys through `update`, the
//! screen drawn on ratatui's `TestBackend`.

mod common;

use cjm::format::load_str;
use cjm::model::{JourneyMap, Stage};
use cjm::tui::App;
use cjm::tui::app::Comparison;
use cjm::tui::layout;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

const ESPRESSO: &str = include_str!("../maps/espresso.ron");
const OTHER: &str = "HEAD~1:maps/espresso.ron";

/// Today's espresso journey (the as-is), with a stage the live map no longer has.
fn as_is() -> JourneyMap {
    let mut m = load_str(ESPRESSO).unwrap().map;
    let mut gone = Stage::named("Only in the old map");
    gone.id = "only-there".into();
    gone.emotions = m.stages[0].emotions.clone();
    m.stages.insert(1, gone);
    m
}

/// The journey being designed (the to-be): Consideration raised to 4 and
/// Retention lowered to 1, the rest as today.
fn to_be() -> JourneyMap {
    let mut m = load_str(ESPRESSO).unwrap().map;
    for e in &mut m.stages[1].emotions {
        e.score = 4;
    }
    for e in &mut m.stages[3].emotions {
        e.score = 1;
    }
    m
}

fn app(w: u16, h: u16) -> App {
    let mut a = App::new(to_be(), "espresso.ron".into());
    a.compare = Some(Comparison::new(OTHER, as_is()));
    a.size = (w, h);
    a
}

fn type_text(a: &mut App, text: &str) {
    for c in text.chars() {
        press(a, &[&c.to_string()]);
    }
}

use common::keys::press;
use common::screen::{draw, text as screen, text_of};

/// The curve's area, with its last line (the stages' names).
fn curve_area(a: &App, w: u16, h: u16) -> (layout::Grid, Buffer) {
    let g = layout::grid(a, Rect::new(0, 0, w, h));
    (g, draw(a, w, h))
}

/// The rows of `glyph` in stage `stage`'s column of the curve (`●`: a live
/// point, which is `✕` when low).
fn rows_of(a: &App, w: u16, h: u16, stage: usize, glyph: &str) -> Vec<u16> {
    let (g, buf) = curve_area(a, w, h);
    let c = g.column(stage).unwrap();
    let is = |s: &str| s == glyph || (glyph == "●" && s == "✕");
    (g.curve.y..g.curve.y + g.curve_plot)
        .filter(|&y| (c.x..c.x + c.w).any(|x| is(buf[(x, y)].symbol())))
        .collect()
}

/// The names under the curve, stage by stage, each read across its lines.
fn names_line(a: &App, w: u16, h: u16) -> String {
    let (g, buf) = curve_area(a, w, h);
    let y = g.curve.y + g.curve_plot;
    g.columns
        .iter()
        .map(|c| {
            text_of(&buf, Rect::new(c.x, y, c.w, g.curve.bottom() - y))
                .iter()
                .map(|l| l.trim())
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("   ")
}

/// How many `glyph`s the plot holds (the legend left of it not counted).
fn count(a: &App, w: u16, h: u16, glyph: &str) -> usize {
    let (g, buf) = curve_area(a, w, h);
    let mut n = 0;
    for y in g.curve.y..g.curve.bottom() {
        for x in g.curve.x + layout::LABEL_WIDTH..g.curve.right() {
            n += usize::from(buf[(x, y)].symbol() == glyph);
        }
    }
    n
}

#[test]
fn the_dimmed_curve_at_120x36() {
    let a = app(120, 36);
    insta::assert_snapshot!("compare-editor-120x36", screen(&a, 120, 36));
}

#[test]
fn the_dimmed_curve_at_80x24() {
    let a = app(80, 24);
    insta::assert_snapshot!("compare-editor-80x24", screen(&a, 80, 24));
}

#[test]
fn the_dimmed_curve_in_fit_zoom_at_80x24() {
    let mut a = app(80, 24);
    press(&mut a, &["z"]);
    press(&mut a, &["z"]);
    insta::assert_snapshot!("compare-editor-fit-80x24", screen(&a, 80, 24));
}

#[test]
fn legend_moves_and_footer_say_what_is_compared() {
    let a = app(120, 36);
    let s = screen(&a, 120, 36);
    assert!(s.contains("● live"), "{s}");
    assert!(s.contains("○ HEAD~1"), "{s}");
    assert!(s.contains("vs HEAD~1:maps/espresso.ron"), "{s}");
    // Awareness as today, Consideration 2.0 → 4.0, Decision as today,
    // Retention 2.5 → 1.0.
    let names = names_line(&a, 120, 36);
    for moved in [
        "1 Awareness =",
        "2 Consideration ▲2.0",
        "3 Decision =",
        "4 Retention ▼1.5",
    ] {
        assert!(names.contains(moved), "{moved}: {names}");
    }
}

#[test]
fn the_other_curve_is_dimmed_and_drawn_under_the_live_one() {
    let a = app(120, 36);
    let (g, buf) = curve_area(&a, 120, 36);
    let mut dimmed = 0;
    for y in g.curve.y..g.curve.bottom() {
        for x in g.curve.x + layout::LABEL_WIDTH..g.curve.right() {
            let cell = &buf[(x, y)];
            if ["○", "┄"].contains(&cell.symbol()) {
                dimmed += 1;
                assert_eq!(cell.fg, a.theme.muted, "({x}, {y}) is not dimmed");
            }
            if matches!(cell.symbol(), "●" | "✕") {
                assert_ne!(
                    cell.fg, a.theme.muted,
                    "({x}, {y}): the live point is dimmed"
                );
            }
        }
    }
    assert!(dimmed > 10, "the dimmed curve is drawn");
    // Consideration: the live point at 4, the other's at 2, lower down.
    let live = rows_of(&a, 120, 36, 1, "●");
    let theirs = rows_of(&a, 120, 36, 1, "○");
    assert_eq!((live.len(), theirs.len()), (1, 1));
    assert!(
        live[0] < theirs[0],
        "live {live:?} above the other {theirs:?}"
    );
    // Where both agree (Awareness), the live point is drawn over the other's.
    assert_eq!(rows_of(&a, 120, 36, 0, "○"), Vec::<u16>::new());
    assert_eq!(rows_of(&a, 120, 36, 0, "●").len(), 1);
}

#[test]
fn a_stage_only_the_other_map_has_is_not_drawn() {
    let mut a = app(200, 50);
    press(&mut a, &["z"]);
    press(&mut a, &["z"]);
    let s = screen(&a, 200, 50);
    assert!(!s.contains("Only in the old map"), "{s}");
    // One dimmed point per stage with a different score (Consideration,
    // Retention): Awareness, Decision and Advocacy lie under the live points.
    assert_eq!(count(&a, 200, 50, "○"), 2, "{s}");
}

#[test]
fn editing_a_score_moves_the_live_curve_and_the_dimmed_one_stays() {
    let mut a = app(120, 36);
    let theirs = rows_of(&a, 120, 36, 1, "○");
    let before = rows_of(&a, 120, 36, 1, "●");
    // Both of Consideration's emotions to 5.
    press(&mut a, &["l"]);
    press(&mut a, &["'"]);
    press(&mut a, &["e"]);
    press(&mut a, &["5"]);
    press(&mut a, &["j"]);
    press(&mut a, &["5"]);
    let after = rows_of(&a, 120, 36, 1, "●");
    assert!(
        after < before,
        "the live point rose: {before:?} → {after:?}"
    );
    assert_eq!(
        rows_of(&a, 120, 36, 1, "○"),
        theirs,
        "the dimmed point stays"
    );
    let names = names_line(&a, 120, 36);
    assert!(names.contains("2 Consideration ▲3.0"), "{names}");
    // Undo puts it back.
    press(&mut a, &["u"]);
    press(&mut a, &["u"]);
    assert_eq!(rows_of(&a, 120, 36, 1, "●"), before);
    assert!(names_line(&a, 120, 36).contains("2 Consideration ▲2.0"));
}

#[test]
fn a_renamed_stage_keeps_its_comparison_and_a_new_stage_has_none() {
    let mut a = app(200, 50);
    press(&mut a, &["l"]);
    press(&mut a, &["r"]);
    press(&mut a, &["ctrl-u"]);
    type_text(&mut a, "Choosing");
    press(&mut a, &["enter"]);
    assert_eq!(a.doc.map.stages[1].name, "Choosing");
    let names = names_line(&a, 200, 50);
    assert!(names.contains("2 Choosing ▲2.0"), "{names}");
    // A new stage after it, with an emotion: no comparison point, no move.
    press(&mut a, &["A"]);
    type_text(&mut a, "Second thoughts");
    press(&mut a, &["enter"]);
    assert_eq!(a.doc.map.stages[2].name, "Second thoughts");
    press(&mut a, &["'"]);
    press(&mut a, &["e"]);
    press(&mut a, &["a"]);
    type_text(&mut a, "Unsure");
    press(&mut a, &["enter"]);
    assert_eq!(a.doc.map.stages[2].emotions.len(), 1, "{:?}", a.message);
    let names = names_line(&a, 200, 50);
    assert!(names.contains("3 Second thoughts"), "{names}");
    assert!(!names.contains("3 Second thoughts ▲"), "{names}");
    assert!(!names.contains("3 Second thoughts ▼"), "{names}");
    assert!(!names.contains("3 Second thoughts ="), "{names}");
    assert_eq!(rows_of(&a, 200, 50, 2, "●").len(), 1, "its live point");
    assert_eq!(rows_of(&a, 200, 50, 2, "○"), Vec::<u16>::new());
    // The stages after it keep theirs.
    assert!(names.contains("5 Retention ▼1.5"), "{names}");
}

#[test]
fn c_hides_and_shows_the_comparison() {
    let mut a = app(120, 36);
    press(&mut a, &["c"]);
    let s = screen(&a, 120, 36);
    assert_eq!(count(&a, 120, 36, "○"), 0, "{s}");
    assert!(!s.contains("● live"), "{s}");
    assert!(!names_line(&a, 120, 36).contains('▲'), "{s}");
    assert!(s.contains("c compare: hidden"), "{s}");
    assert!(
        s.contains("Comparison with HEAD~1:maps/espresso.ron: hidden"),
        "{s}"
    );
    press(&mut a, &["c"]);
    let s = screen(&a, 120, 36);
    assert!(count(&a, 120, 36, "○") > 0, "{s}");
    assert!(s.contains("● live"), "{s}");
    assert!(s.contains("vs HEAD~1:maps/espresso.ron"), "{s}");
}

#[test]
fn c_without_a_comparison_says_how_to_get_one() {
    let mut a = App::new(to_be(), "espresso.ron".into());
    press(&mut a, &["c"]);
    let s = screen(&a, 120, 36);
    assert!(
        s.contains("No comparison: open the map with cjm FILE --compare OTHER"),
        "{s}"
    );
    assert_eq!(count(&a, 120, 36, "○"), 0);
}

#[test]
fn the_help_lists_the_toggle() {
    let a = App::new(to_be(), "espresso.ron".into());
    let row = a
        .keymap
        .help_rows()
        .into_iter()
        .find(|(_, name, _)| *name == "toggle-compare");
    assert_eq!(
        row.map(|(k, _, doc)| (k, doc)),
        Some(("c".to_string(), "show or hide the --compare map's curve"))
    );
}

#[test]
fn hostile_text_in_the_label_is_shown_escaped() {
    let mut a = app(120, 36);
    if let Some(c) = &mut a.compare {
        c.label = "evil\u{1b}[2J\u{202e}:x.ron".into();
    }
    let s = screen(&a, 120, 36);
    assert!(!s.contains('\u{1b}') && !s.contains('\u{202e}'), "{s}");
    assert!(s.contains("vs evil\\u{1b}"), "{s}");
}

#[test]
fn tiny_terminals_with_a_comparison_do_not_panic() {
    for w in 1..60 {
        for h in [1, 5, 8, 10, 12, 15, 19, 20, 29, 30] {
            let a = app(w, h);
            let s = screen(&a, w, h);
            // Below the smallest size, as much of the notice as fits; above it,
            // the map.
            let first = s.lines().map(str::trim).find(|l| !l.is_empty());
            if cjm::tui::layout::too_small(w, h) {
                let first = first.expect("something is drawn");
                assert!("Terminal too small".contains(first), "{w}×{h}:\n{s}");
            } else {
                let stage: String = a.doc.map.stages[0].name.chars().take(6).collect();
                assert!(s.contains(&stage), "{w}×{h}: no {stage:?}\n{s}");
            }
            assert_eq!(a.doc.map, to_be(), "drawing changes nothing");
        }
    }
}

#[test]
fn the_footer_names_the_comparison_without_cutting_help() {
    for w in 40..=200 {
        let mut a = app(w, 24);
        let footer = |a: &App| screen(a, w, 24).lines().nth(22).unwrap().to_string();
        let f = footer(&a);
        assert!(f.starts_with(" NORMAL  ? help"), "{w}: {f}");
        if w >= 80 {
            assert!(f.contains("vs HEAD~1:maps/espresso.ron"), "{w}: {f}");
        } else if w >= 60 {
            assert!(f.contains("vs HEAD~1"), "{w}: {f}");
        }
        press(&mut a, &["c"]);
        let f = footer(&a);
        assert!(f.starts_with(" NORMAL  ? help"), "{w}: {f}");
        if w >= 80 {
            assert!(f.contains("c compare: hidden"), "{w}: {f}");
        }
    }
}

/// `cjm edit FILE --compare OTHER` reads OTHER before the editor starts, so a
/// bad one is said without a terminal at all, and the map is left alone.
#[test]
fn edit_with_a_bad_compare_says_why_and_exits_2_without_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("espresso.ron");
    std::fs::write(&file, ESPRESSO).unwrap();
    std::fs::write(dir.path().join("notes.ron"), "(just: 1)\n").unwrap();
    for (args, said) in [
        (
            vec!["edit", "espresso.ron", "--compare", "missing.ron"],
            "cjm: --compare: missing.ron: no such file",
        ),
        (
            vec!["espresso.ron", "--compare", "notes.ron"],
            "cjm: --compare: notes.ron:1:1",
        ),
        (
            vec!["espresso.ron", "--compare", "-"],
            "cjm: --compare -: give a map file or a git blob",
        ),
    ] {
        let o = common::cjm()
            .args(&args)
            .current_dir(dir.path())
            .env("CJM_DATA_DIR", dir.path().join("data"))
            .env("CJM_CONFIG_DIR", dir.path().join("config"))
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.starts_with(said), "{args:?}: {err}");
        assert!(o.stdout.is_empty(), "{args:?}");
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), ESPRESSO);
}
