//! The editor as a room reads it on a projector: an emotion curve whose every
//! point sits on the row its label names, at every size and with every panel;
//! every stage named under it; words whole in fit zoom; secondary text with
//! enough contrast in both themes; no colour at all under `NO_COLOR`; lane
//! rules while scrolled; goals that show a search match; one scroll marker;
//! a new item's box beside, not over, the card above it.

mod common;

use cjm::format::load_str;
use cjm::model::Lane;
use cjm::tui::App;
use cjm::tui::contrast;
use cjm::tui::layout::{self, LABEL_WIDTH, Zoom};
use cjm::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

use common::keys::press;
use common::screen::{draw, text as screen, text_of};

/// maps/saas-trial.ron with a hotel stay's six stage names (long, some
/// hyphenated), a longer first goal and action; sentence-length notes
/// throughout; stage 1 scores 2.0 and the curve rises from 2 to 4.5.
const HOTEL: &str = include_str!("data/hotel-sentences.ron");

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 36), (200, 50)];

fn sized(w: u16, h: u16) -> App {
    let mut a = App::new(load_str(HOTEL).unwrap().map, "hotel.ron".into());
    a.size = (w, h);
    a
}

fn zoomed(a: &mut App, zoom: Zoom) {
    while a.zoom != zoom {
        press(a, &["z"]);
    }
}

/// The app at `w`×`h` in `zoom` with the detail and persona panels as asked.
fn shown(w: u16, h: u16, zoom: Zoom, detail: bool, persona: bool) -> App {
    let mut a = sized(w, h);
    zoomed(&mut a, zoom);
    if a.panels.detail_shown(a.size) != detail {
        press(&mut a, &["space"]);
    }
    if a.panels.persona_shown(a.size) != persona {
        press(&mut a, &["P"]);
    }
    assert_eq!(a.panels.detail_shown(a.size), detail);
    assert_eq!(a.panels.persona_shown(a.size), persona);
    a.message = None;
    a
}

fn sym(buf: &Buffer, x: u16, y: u16) -> &str {
    buf[(x, y)].symbol()
}

/// The curve's axis as read off the screen: the row of each label `1┤`..`5┤`.
fn axis_rows(buf: &Buffer, curve: Rect) -> [Option<u16>; 6] {
    let mut rows = [None; 6];
    for y in curve.y..curve.bottom() {
        let label = &text_of(buf, Rect::new(LABEL_WIDTH - 3, y, 2, 1))[0];
        if let Some(d) = label
            .strip_suffix('┤')
            .and_then(|d| d.parse::<usize>().ok())
            && d <= 5
        {
            rows[d] = Some(y);
        }
    }
    rows
}

/// Every point on the curve as read off the screen: its column, row and the
/// score printed beside it.
fn points(buf: &Buffer, curve: Rect) -> Vec<(u16, u16, f64)> {
    let mut out = Vec::new();
    for y in curve.y..curve.bottom() {
        for x in LABEL_WIDTH..curve.right().saturating_sub(3) {
            if matches!(sym(buf, x, y), "●" | "✕") {
                let v = &text_of(buf, Rect::new(x + 1, y, 3, 1))[0];
                let v: f64 = v
                    .parse()
                    .unwrap_or_else(|_| panic!("no score beside the point at {x},{y}: {v:?}"));
                out.push((x, y, v));
            }
        }
    }
    out.sort_by_key(|p| p.0);
    out
}

#[test]
fn every_point_sits_on_the_row_its_label_names_at_every_size_and_panel() {
    let mut checked = 0;
    for (w, h) in SIZES {
        for zoom in [Zoom::Fit, Zoom::Normal, Zoom::Wide] {
            for (detail, persona) in [(false, false), (true, false), (false, true), (true, true)] {
                let a = shown(w, h, zoom, detail, persona);
                let buf = draw(&a, w, h);
                let g = layout::grid(&a, Rect::new(0, 0, w, h));
                let what = format!("{w}×{h} {zoom:?} detail {detail} persona {persona}");
                if g.columns.is_empty() {
                    // The persona is read instead of the grid on a narrow screen.
                    assert!(w < 120, "{what}");
                    continue;
                }
                let s = screen(&a, w, h);
                let rows = axis_rows(&buf, g.curve);
                for (level, row) in rows.iter().enumerate().skip(1) {
                    assert!(row.is_some(), "{what}: no row labelled {level}\n{s}");
                }
                // One row per level, 5 at the top.
                for level in 1..5 {
                    assert_eq!(
                        rows[level].unwrap(),
                        rows[level + 1].unwrap() + 1,
                        "{what}\n{s}"
                    );
                }
                let pts = points(&buf, g.curve);
                let with_points = g
                    .columns
                    .iter()
                    .filter(|c| a.doc.map.stages[c.stage].curve_point().is_some())
                    .count();
                assert_eq!(pts.len(), with_points, "{what}: a point is missing\n{s}");
                for (x, y, v) in &pts {
                    let level = v.round() as usize;
                    assert_eq!(
                        Some(*y),
                        rows[level],
                        "{what}: {v} is drawn on the row labelled {}\n{s}",
                        (1..=5).find(|l| rows[*l] == Some(*y)).unwrap_or(0)
                    );
                    // And it is the score of the stage whose column it is in.
                    let c = g
                        .columns
                        .iter()
                        .find(|c| *x >= c.x && *x < c.x + c.w)
                        .unwrap();
                    let expected = a.doc.map.stages[c.stage].curve_point().unwrap();
                    assert_eq!(format!("{expected:.1}"), format!("{v:.1}"), "{what}");
                }
                // Every stage is named under the curve: its number and the
                // start of its name, whole words, never the number alone.
                let names = Rect::new(
                    0,
                    rows[1].unwrap() + 1,
                    w,
                    g.curve.bottom() - rows[1].unwrap() - 1,
                );
                for c in &g.columns {
                    let region = Rect::new(c.x, names.y, c.w, names.height);
                    // Lines joined as read: a line ending in a hyphen runs on.
                    let label = text_of(&buf, region)
                        .iter()
                        .map(|l| l.trim().to_string())
                        .filter(|l| !l.is_empty())
                        .collect::<Vec<_>>()
                        .join(" ")
                        .replace("- ", "-");
                    let number = format!("{}", c.stage + 1);
                    let name = &a.doc.map.stages[c.stage].name;
                    let rest = label
                        .strip_prefix(&number)
                        .unwrap_or_else(|| panic!("{what}: stage {number} unnumbered: {label:?}"))
                        .trim();
                    assert!(
                        !rest.is_empty(),
                        "{what}: stage {number} has no name: {label:?}\n{s}"
                    );
                    assert!(
                        name.starts_with(rest.trim_end_matches('…')),
                        "{what}: stage {number} named {label:?}, not {name:?}\n{s}"
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 30, "{checked}");
}

/// The line joins each point to the next: across, then down or up halfway.
#[test]
fn a_line_joins_the_points_and_a_low_point_is_marked_without_colour() {
    for (w, h) in SIZES {
        let mut a = sized(w, h);
        zoomed(&mut a, Zoom::Fit);
        let buf = draw(&a, w, h);
        let g = layout::grid(&a, Rect::new(0, 0, w, h));
        let pts = points(&buf, g.curve);
        assert_eq!(pts.len(), 6, "{}", screen(&a, w, h));
        let line = |x: u16, y: u16| matches!(sym(&buf, x, y), "─" | "│" | "╮" | "╯" | "╭" | "╰");
        for pair in pts.windows(2) {
            let [(x1, y1, _), (x2, y2, _)] = pair else {
                unreachable!()
            };
            let mid = (x1 + 4..*x2).find(|x| {
                line(*x, *y1) && line(*x, *y2) && (y1 == y2 || sym(&buf, *x, *y1) != "─")
            });
            assert!(
                mid.is_some(),
                "{w}×{h}: no line from {x1},{y1} to {x2},{y2}\n{}",
                screen(&a, w, h)
            );
            let (top, bottom) = (*y1.min(y2), *y1.max(y2));
            let x = mid.unwrap();
            for y in top + 1..bottom {
                assert_eq!(sym(&buf, x, y), "│", "{w}×{h}: the line breaks at {x},{y}");
            }
        }
        // Low scores read as low with no colour: their own mark, and a key.
        for (x, y, v) in &pts {
            let mark = sym(&buf, *x, *y);
            assert_eq!(mark == "✕", *v <= 2.5, "{v} is marked {mark}");
        }
        assert!(screen(&a, w, h).contains("✕ low"));
    }
}

/// Fit zoom at 80×24 breaks lines between words: a word that fits a line is
/// never split (`Receive`/`s`), on cards or in stage names.
#[test]
fn fit_zoom_keeps_short_words_whole() {
    let mut a = sized(80, 24);
    zoomed(&mut a, Zoom::Fit);
    let g = layout::grid(&a, Rect::new(0, 0, 80, 24));
    let mut words = 0;
    for c in &g.columns {
        let text_w = layout::text_width(Zoom::Fit, c.w) as usize;
        for lane in Lane::ALL {
            let lines = g.cell(c.stage, lane);
            let items: std::collections::BTreeSet<usize> =
                lines.iter().filter_map(|l| l.item).collect();
            for i in items {
                let mine: Vec<&str> = lines
                    .iter()
                    .filter(|l| l.item == Some(i))
                    .map(|l| l.text.as_str())
                    .collect();
                if mine.iter().any(|l| l.ends_with('…')) {
                    continue;
                }
                let tokens: Vec<&str> = mine.iter().flat_map(|l| l.split_whitespace()).collect();
                for word in mine.join(" ").split_whitespace() {
                    if word.width() <= text_w {
                        words += 1;
                        assert!(tokens.contains(&word), "{word:?} split in {mine:?}");
                    }
                }
                for l in &mine {
                    assert!(l.width() <= text_w, "{l:?} wider than {text_w}");
                }
            }
        }
    }
    assert!(words > 100, "{words}");
    // The very words the room saw split.
    let s = screen(&a, 80, 24);
    for whole in ["Receives", "connects", "tomorrow's"] {
        assert!(
            s.split(|c: char| c.is_whitespace() || c == '│')
                .any(|t| t == whole),
            "{whole} split:\n{s}"
        );
    }
    // Stage names: `Check-out` whole.
    let buf = draw(&a, 80, 24);
    // One column of space between stages, with a thin rule in it, so that
    // one stage's words do not read on into the next's.
    let row = &g.rows[0];
    for c in &g.columns[..g.columns.len() - 1] {
        assert_eq!(sym(&buf, c.x + c.w - 1, row.y), "│");
    }
    let head = text_of(&buf, g.stage_head).join("\n");
    assert!(head.contains("Check-out"), "{head}");
    assert!(!head.contains("Check-\n"), "{head}");
}

/// Every text on screen against its background, both themes, from the
/// palette: at least 4.5:1.
#[test]
fn every_text_keeps_its_contrast_in_both_themes() {
    for theme in [Theme::dark(), Theme::light()] {
        for (w, h) in SIZES {
            for zoom in [Zoom::Fit, Zoom::Normal] {
                for keys in [
                    &[][..],
                    &["j", "l"][..],
                    &["/", "the", "enter"][..],
                    &["space", "P"][..],
                ] {
                    let mut a = sized(w, h);
                    a.theme = theme;
                    zoomed(&mut a, zoom);
                    press(&mut a, keys);
                    let buf = draw(&a, w, h);
                    for y in 0..h {
                        for x in 0..w {
                            let c = &buf[(x, y)];
                            if c.symbol().trim().is_empty() {
                                continue;
                            }
                            let (fg, bg) = if c.modifier.contains(Modifier::REVERSED) {
                                (c.bg, c.fg)
                            } else {
                                (c.fg, c.bg)
                            };
                            let r = contrast::of(&theme, fg, bg);
                            assert!(
                                r >= contrast::MIN_TEXT,
                                "{w}×{h} {keys:?}: {:?} in {fg:?} on {bg:?} at {x},{y}: {r:.2}\n{}",
                                c.symbol(),
                                screen(&a, w, h)
                            );
                        }
                    }
                }
            }
        }
        // Secondary text in particular, on the background and on the
        // selected cell.
        let (_, bg) = contrast::ground(&theme);
        let muted = contrast::rgb(theme.muted, (0, 0, 0));
        assert!(contrast::ratio(muted, bg) >= 4.5);
        assert!(contrast::of(&theme, theme.muted, theme.cell_bg) >= 4.5);
        // The confidence glyphs of a map with evidence, in the accent colour,
        // on the background and on the selected cell.
        assert!(contrast::of(&theme, theme.accent, Color::Reset) >= 4.5);
        assert!(contrast::of(&theme, theme.accent, theme.cell_bg) >= 4.5);
    }
    assert_ne!(Theme::dark().muted, Color::DarkGray);
}

/// Under `NO_COLOR` no cell has a colour, on any screen, and the selection,
/// the title bar and search matches still show, in attributes.
#[test]
fn no_color_draws_no_colour_and_keeps_the_meaning_in_attributes() {
    assert!(Theme::no_color(Some(std::ffi::OsStr::new("1"))));
    assert!(Theme::no_color(Some(std::ffi::OsStr::new("false"))));
    assert!(!Theme::no_color(Some(std::ffi::OsStr::new(""))));
    assert!(!Theme::no_color(None));
    let screens: [&[&str]; 7] = [
        &[],
        &["space", "P"],
        &["/", "the", "enter"],
        &["?"],
        &["tab", "tab", "e"],
        &["a", "Typing"],
        &["f5"],
    ];
    for (w, h) in SIZES {
        for keys in screens {
            let mut a = sized(w, h);
            a.theme = Theme::plain();
            press(&mut a, keys);
            let buf = draw(&a, w, h);
            for y in 0..h {
                for x in 0..w {
                    let c = &buf[(x, y)];
                    assert!(
                        c.fg == Color::Reset && c.bg == Color::Reset,
                        "{w}×{h} {keys:?}: {:?} at {x},{y} is {:?} on {:?}",
                        c.symbol(),
                        c.fg,
                        c.bg
                    );
                }
            }
        }
        let a = {
            let mut a = sized(w, h);
            a.theme = Theme::plain();
            a
        };
        let buf = draw(&a, w, h);
        let g = layout::grid(&a, Rect::new(0, 0, w, h));
        // The title bar and the selected stage and item are in reverse video.
        assert!(buf[(0, 0)].modifier.contains(Modifier::REVERSED));
        let c = &g.columns[0];
        assert!(
            buf[(c.x, g.stage_head.y)]
                .modifier
                .contains(Modifier::REVERSED)
        );
        let row = &g.rows[0];
        assert!(buf[(c.x + 2, row.y)].modifier.contains(Modifier::REVERSED));
        assert!(
            !buf[(g.columns[1].x + 2, row.y)]
                .modifier
                .contains(Modifier::REVERSED)
        );
    }
}

/// The binary reads `NO_COLOR`: set, its screen has no colour; unset or
/// empty, it has.
#[test]
fn the_binary_reads_no_color() {
    let env = common::pty::Env::new();
    let file = env.file("hotel.ron", HOTEL);
    let coloured = |extra: &[(&str, &str)]| {
        let mut s = env.open(&file, extra);
        s.wait_for("Emotion");
        s.wait_for("zoom");
        let parser = s.parser.lock().unwrap();
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        let mut any = 0;
        for r in 0..rows {
            for c in 0..cols {
                if let Some(cell) = screen.cell(r, c)
                    && (cell.fgcolor() != vt100::Color::Default
                        || cell.bgcolor() != vt100::Color::Default)
                {
                    any += 1;
                }
            }
        }
        drop(parser);
        s.send("q");
        s.wait_exit();
        any
    };
    assert_eq!(coloured(&[("NO_COLOR", "1")]), 0);
    assert!(coloured(&[]) > 0);
    assert!(coloured(&[("NO_COLOR", "")]) > 0);
}

/// The rules between lanes stay when the grid scrolls.
#[test]
fn lane_rules_stay_while_the_grid_scrolls() {
    for (w, h) in SIZES {
        let mut a = sized(w, h);
        let mut seen = 0;
        for _ in 0..40 {
            press(&mut a, &["j"]);
            let g = layout::grid(&a, Rect::new(0, 0, w, h));
            if g.hidden_above == 0 || g.rows.len() < 2 {
                continue;
            }
            // Two lanes in view, scrolled: a rule between each two.
            let buf = draw(&a, w, h);
            let lanes = text_of(&buf, g.lanes);
            let rules = lanes.iter().filter(|l| l.starts_with("──────────")).count();
            assert_eq!(
                rules,
                g.rows.len() - 1,
                "{w}×{h}: rules lost while scrolled\n{}",
                lanes.join("\n")
            );
            seen += 1;
        }
        assert!(seen > 0, "{w}×{h}: never scrolled with two lanes in view");
    }
}

/// A goal longer than its head shows more than one line's worth, and a
/// search match in the part cut off is brought into view.
#[test]
fn long_goals_wrap_and_a_search_match_in_them_shows() {
    let goal = "Be on the shortlist when the spreadsheet finally breaks";
    for (w, h) in SIZES {
        for zoom in [Zoom::Normal, Zoom::Wide] {
            let mut a = sized(w, h);
            zoomed(&mut a, zoom);
            let buf = draw(&a, w, h);
            let g = layout::grid(&a, Rect::new(0, 0, w, h));
            let c = &g.columns[0];
            let head = text_of(
                &buf,
                Rect::new(c.x, g.stage_head.y, c.w, g.stage_head.height),
            )
            .join(" ");
            let head = head.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(head.contains(&goal[..40]), "{w}×{h} {zoom:?}: {head:?}");
            if head.contains("resourcing") {
                continue;
            }
            press(&mut a, &["/", "resourcing", "enter"]);
            let buf = draw(&a, w, h);
            let g = layout::grid(&a, Rect::new(0, 0, w, h));
            let c = g.column(0).unwrap();
            let region = Rect::new(c.x, g.stage_head.y, c.w, g.stage_head.height);
            let head = text_of(&buf, region).join(" ");
            assert!(
                head.contains("resourcing"),
                "{w}×{h} {zoom:?}: {head:?}\n{}",
                screen(&a, w, h)
            );
            assert!(head.contains('…'), "{head:?}");
        }
    }
}

/// Stages hidden on both sides are said once: `◂ more ▸`.
#[test]
fn one_scroll_marker_for_stages_on_both_sides() {
    let mut a = sized(80, 24);
    press(&mut a, &["l", "l", "l"]);
    assert!(a.stage_offset > 0);
    let s = screen(&a, 80, 24);
    let marker = s.lines().nth(2).unwrap();
    assert!(marker.starts_with("◂ more ▸"), "{s}");
    assert!(!s.contains("more more"), "{s}");
    press(&mut a, &["l", "l"]);
    let s = screen(&a, 80, 24);
    assert!(s.lines().nth(2).unwrap().starts_with("◂ more "), "{s}");
    assert!(!s.contains("▸"), "{s}");
}

/// A new item's box opens under the card it follows: that card stays whole
/// on screen.
#[test]
fn the_new_item_box_leaves_the_card_above_it_in_view() {
    for (w, h) in [(120, 36), (200, 50)] {
        let mut a = sized(w, h);
        let before = layout::grid(&a, Rect::new(0, 0, w, h));
        let card: Vec<String> = before
            .cell(0, Lane::Actions)
            .iter()
            .filter(|l| l.item == Some(0))
            .map(|l| l.text.clone())
            .collect();
        assert!(card.len() > 1);
        press(&mut a, &["a", "Typing"]);
        let s = screen(&a, w, h);
        assert!(s.contains("Typing"), "{s}");
        for l in &card {
            assert!(s.contains(l.trim()), "{w}×{h}: {l:?} covered\n{s}");
        }
    }
}

/// In presentation too a low point is a `✕`, so it reads as low without
/// colour.
#[test]
fn the_slides_curve_marks_a_low_point_without_colour() {
    let mut a = sized(120, 36);
    a.theme = Theme::plain();
    press(&mut a, &["f5"]);
    let s = screen(&a, 120, 36);
    assert!(s.contains("✕2.0"), "{s}");
    assert!(s.contains("●4.5"), "{s}");
}
