//! The grid as a room reads it: cards wrapped whole (CJK and emoji included),
//! details on their own line, lanes as tall as their tallest cell, vertical
//! scrolling that keeps the selection in view under a fixed header and curve,
//! `z` zoom, the emotion curve naming every stage, and the colour theme chosen
//! in settings.ron.

mod common;

use cjm::format::load_str;
use cjm::model::{JourneyMap, Lane, Level};
use cjm::tui::App;
use cjm::tui::app::Cursor;
use cjm::tui::layout::{self, Zoom};
use cjm::tui::theme::Theme;
use cjm::tui::update::ensure_visible;
use ratatui::layout::Rect;
use ratatui::style::Color;

const PHYSIO: &str = include_str!("data/physio-booking.ron");

fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sized(text: &str, w: u16, h: u16) -> App {
    let mut a = App::new(load_str(text).unwrap().map, "physio-booking.ron".into());
    a.size = (w, h);
    a
}

use common::keys::press;
use common::screen::{draw, text as screen, text_of};

/// The lanes of one stage's column, without the line that says what is
/// scrolled out of view.
fn column_region(g: &layout::Grid, stage: usize) -> Rect {
    let c = g
        .column(stage)
        .unwrap_or_else(|| panic!("stage {stage} not on screen"));
    let h = g.scroll_bar.map_or(g.lanes.height, |y| y - g.lanes.y);
    Rect::new(c.x, g.lanes.y, c.w, h)
}

/// The text without spaces and without the thin rules fit zoom draws between
/// stages.
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '│')
        .collect()
}

fn zoomed(a: &mut App, zoom: Zoom) {
    while a.zoom != zoom {
        press(a, &["z"]);
    }
}

// ---- snapshots ----

#[test]
fn snapshot_physio_at_three_sizes_in_every_zoom() {
    for (w, h) in [(80, 24), (120, 36), (200, 50)] {
        for zoom in [Zoom::Fit, Zoom::Normal, Zoom::Wide] {
            let mut a = sized(PHYSIO, w, h);
            zoomed(&mut a, zoom);
            a.message = None;
            insta::assert_snapshot!(
                format!("canvas-physio-{}-{w}x{h}", zoom.label()),
                screen(&a, w, h)
            );
        }
    }
}

// ---- what it must show ----

/// What a person must be able to read of an item, each as it is worded on its
/// card: its text, and every field.
fn fields(a: &App, c: Cursor) -> Vec<String> {
    let s = &a.doc.map.stages[c.stage];
    let i = c.item;
    let tag = |l: Level| match l {
        Level::Low => "[L]",
        Level::Medium => "[M]",
        Level::High => "[H]",
    };
    let cap = |s: &str| {
        let mut ch = s.chars();
        ch.next()
            .map(|f| f.to_uppercase().chain(ch).collect::<String>())
            .unwrap_or_default()
    };
    let num = |v: f64, unit: &str| {
        if unit.is_empty() {
            format!("{v}")
        } else {
            format!("{v} {unit}")
        }
    };
    let mut out = match c.lane {
        Lane::Extra(_) => {
            let l = &s.extra_items(c.lane)[i];
            vec![l.text.clone(), l.owner.clone(), l.channel.clone()]
        }
        Lane::Actions => vec![s.actions[i].clone()],
        Lane::Thoughts => vec![s.thoughts[i].clone()],
        Lane::Touchpoints => {
            let t = &s.touchpoints[i];
            vec![t.name.clone(), t.channel.clone(), t.note.clone()]
        }
        Lane::Emotions => {
            let e = &s.emotions[i];
            vec![format!("{} {}", e.score, e.label), e.note.clone()]
        }
        Lane::PainPoints => {
            let p = &s.pain_points[i];
            vec![format!("{} {}", tag(p.severity), p.text)]
        }
        Lane::Optimizations => {
            let o = &s.optimizations[i];
            vec![
                format!("{} {}", tag(o.priority), o.text),
                o.owner.clone(),
                cap(o.status.label()),
                cap(o.priority.label()),
            ]
        }
        Lane::Metrics => {
            let m = &s.metrics[i];
            let mut v = vec![m.name.clone()];
            match (m.current, m.target) {
                (Some(c), Some(t)) => {
                    v.push(format!("{} (target {})", num(c, &m.unit), num(t, &m.unit)))
                }
                (Some(c), None) => v.push(num(c, &m.unit)),
                (None, Some(t)) => v.push(format!("target {}", num(t, &m.unit))),
                (None, None) => {}
            }
            v
        }
    };
    out.retain(|f| !f.is_empty());
    out
}

/// Walks the selection with `j` over every item of every stage, and checks at
/// each step that the selected item's text and every field are on screen, in
/// its stage's column.
fn every_item_readable(name: &str, text: &str, w: u16, h: u16) -> usize {
    let mut a = sized(text, w, h);
    let mut checked = 0;
    for stage in 0..a.doc.map.stages.len() {
        a.cursor = Cursor {
            stage,
            lane: Lane::Actions,
            item: 0,
        };
        ensure_visible(&mut a);
        let mut seen = Vec::new();
        loop {
            let c = a.cursor;
            if c.stage != stage || seen.contains(&c) {
                break;
            }
            seen.push(c);
            if a.lane_len(c.stage, c.lane) > c.item {
                let buf = draw(&a, w, h);
                let g = layout::grid(&a, Rect::new(0, 0, w, h));
                let region = column_region(&g, c.stage);
                let shown = squeeze(&text_of(&buf, region).join(""));
                for f in fields(&a, c) {
                    assert!(
                        shown.contains(&squeeze(&f)),
                        "{name} {w}×{h} at {c:?}: {f:?} is not on screen:\n{}",
                        screen(&a, w, h)
                    );
                }
                checked += 1;
            }
            press(&mut a, &["j"]);
        }
        let items: usize = Lane::ALL.iter().map(|&l| a.lane_len(stage, l)).sum();
        let visited = seen
            .iter()
            .filter(|c| a.lane_len(c.stage, c.lane) > c.item)
            .count();
        assert_eq!(visited, items, "{name}: `j` skipped items of stage {stage}");
    }
    checked
}

#[test]
fn at_120x36_every_item_of_every_map_shows_its_full_text_and_fields() {
    let mut total = 0;
    for name in [
        "espresso",
        "saas-trial",
        "magazine-subscription",
        "hospital-visit",
    ] {
        let text = std::fs::read_to_string(root().join(format!("maps/{name}.ron"))).unwrap();
        total += every_item_readable(name, &text, 120, 36);
    }
    total += every_item_readable("physio-booking", PHYSIO, 120, 36);
    assert!(total > 200, "only {total} items checked");
}

#[test]
fn the_long_sentences_read_whole_at_80x24_and_200x50_too() {
    every_item_readable("physio-booking 80x24", PHYSIO, 80, 24);
    every_item_readable("physio-booking 200x50", PHYSIO, 200, 50);
}

#[test]
fn cjk_and_emoji_wrap_by_display_width_and_stay_whole() {
    let cjk = "予約フォームの医療質問票が長すぎて、スマートフォンでは最後まで入力できない";
    let emoji = "Sends 👩‍⚕️ and 🏃‍♀️ emoji to the running club 🎉 after every session";
    let text = PHYSIO
        .replace(
            "Searches 'physio near me open Saturday' on her phone during a lunch break at the office",
            cjk,
        )
        .replace(
            "Asks two friends from her running club which physiotherapist helped them after an injury",
            emoji,
        );
    for (w, h) in [(80, 24), (120, 36)] {
        for zoom in [Zoom::Fit, Zoom::Normal, Zoom::Wide] {
            let mut a = sized(&text, w, h);
            zoomed(&mut a, zoom);
            let buf = draw(&a, w, h);
            let g = layout::grid(&a, Rect::new(0, 0, w, h));
            let col = g.column(0).unwrap();
            let region = column_region(&g, 0);
            // The rules between lanes span the grid, and fit zoom draws a
            // thin one between stages in the last column; the text must not
            // reach either.
            let lines: Vec<String> = text_of(&buf, region)
                .into_iter()
                .filter(|l| !l.chars().all(|c| c == '─'))
                .map(|l| l.trim_end_matches('│').trim_end().to_string())
                .collect();
            for l in &lines {
                assert!(
                    unicode_width::UnicodeWidthStr::width(l.as_str()) < col.w as usize,
                    "{w}×{h} {zoom:?}: {l:?} runs into the next column"
                );
            }
            let shown = squeeze(&lines.join(""));
            assert!(
                shown.contains(&squeeze(cjk)),
                "{w}×{h} {zoom:?}:\n{lines:#?}"
            );
            // The second action may be below the fold: select it.
            a.cursor.item = 1;
            let buf = draw(&a, w, h);
            let g = layout::grid(&a, Rect::new(0, 0, w, h));
            let shown = squeeze(&text_of(&buf, column_region(&g, 0)).join(""));
            assert!(shown.contains(&squeeze(emoji)), "{w}×{h} {zoom:?}: {shown}");
        }
    }
}

#[test]
fn details_have_their_own_dim_line_under_the_text() {
    let mut a = sized(PHYSIO, 200, 50);
    // The grid's whole width, without the persona panel (on from 160 columns).
    a.panels.persona = Some(false);
    a.cursor = Cursor {
        stage: 1,
        lane: Lane::Optimizations,
        item: 0,
    };
    let buf = draw(&a, 200, 50);
    let lines = text_of(&buf, Rect::new(0, 0, 200, 50));
    // "Web team · Planned · High" under the first optimization of Discover: the
    // same column as its text, on a line of its own, in the muted colour.
    let (y, line) = lines
        .iter()
        .enumerate()
        .find(|(_, l)| l.contains("Web team · Planned · High"))
        .expect("the optimization's details are on screen");
    let x = line.find("Web team").unwrap() as u16;
    let cell = &buf[(x, y as u16)];
    assert_eq!(cell.fg, Theme::dark().muted, "details are dim");
    let above = &lines[y - 1];
    assert!(
        !above.contains("Web team")
            && lines[y][x as usize..].starts_with("Web team · Planned · High"),
        "{above}\n{line}"
    );
    let g = layout::grid(&a, Rect::new(0, 0, 200, 50));
    let col = g.column(0).unwrap();
    let card_x = col.x + 4; // under "[H] "
    assert_eq!(x, card_x, "details line up with the item's text");
    // A metric's numbers.
    assert!(
        lines.iter().any(|l| l.contains("  2.1 % (target 4 %)")),
        "{lines:#?}"
    );
}

#[test]
fn lanes_are_as_tall_as_their_tallest_cell_and_nothing_is_cut() {
    let a = sized(PHYSIO, 200, 50);
    let g = layout::grid(&a, Rect::new(0, 0, 200, 50));
    for row in &g.rows {
        if row.skip > 0 || row.y + row.h >= g.lanes.bottom() - 1 {
            continue;
        }
        let tallest = g
            .columns
            .iter()
            .map(|c| layout::cell_lines(&a, c.stage, row.lane, c.w).len())
            .max()
            .unwrap();
        assert_eq!(row.h as usize, tallest, "{:?}", row.lane);
    }
    // Nothing in the lanes is cut short.
    let buf = draw(&a, 200, 50);
    let lanes = text_of(&buf, g.lanes).join("\n");
    assert!(!lanes.contains('…'), "{lanes}");
}

#[test]
fn scrolling_keeps_the_selection_in_view_and_the_header_and_curve_in_place() {
    for (w, h) in [(80, 24), (120, 36)] {
        let mut a = sized(PHYSIO, w, h);
        let top = screen(&a, w, h);
        let fixed = |s: &str| {
            let l: Vec<&str> = s.lines().collect();
            let curve_at = l.iter().position(|x| x.starts_with("Emotion")).unwrap();
            (l[0].to_string(), l[1].to_string(), curve_at)
        };
        let (title, heads, curve_at) = fixed(&top);
        // Down to the last KPI of the first stage.
        for _ in 0..40 {
            press(&mut a, &["j"]);
        }
        assert_eq!(a.cursor.lane, Lane::Metrics, "{:?}", a.cursor);
        let s = screen(&a, w, h);
        let last = a.doc.map.stages[0].metrics.last().unwrap().name.clone();
        let g = layout::grid(&a, Rect::new(0, 0, w, h));
        let column = text_of(&draw(&a, w, h), column_region(&g, 0)).join("");
        assert!(
            squeeze(&column).contains(&squeeze(&last)),
            "{w}×{h}: the selected KPI is not on screen:\n{s}"
        );
        assert!(s.contains("▲ more above"), "{s}");
        assert!(s.contains("KPIs"), "the lane title stays on screen:\n{s}");
        let (t2, h2, c2) = fixed(&s);
        assert_eq!((t2, c2), (title.clone(), curve_at), "{s}");
        assert_eq!(h2, heads);
        // And back up to the top.
        for _ in 0..40 {
            press(&mut a, &["k"]);
        }
        assert_eq!(screen(&a, w, h), top);
    }
}

#[test]
fn below_the_fold_is_named() {
    let a = sized(PHYSIO, 120, 36);
    let s = screen(&a, 120, 36);
    assert!(s.contains("▼ more below: "), "{s}");
    assert!(s.contains("KPIs"), "{s}");
}

#[test]
fn z_cycles_fit_normal_wide_and_the_footer_says_which() {
    let mut a = sized(PHYSIO, 120, 36);
    assert_eq!(a.zoom, Zoom::Normal);
    assert!(screen(&a, 120, 36).contains("z zoom: normal"));
    let mut seen = Vec::new();
    for _ in 0..3 {
        press(&mut a, &["z"]);
        seen.push(a.zoom);
        let s = screen(&a, 120, 36);
        let footer: Vec<&str> = s.lines().rev().take(2).collect();
        assert!(
            footer
                .iter()
                .any(|l| l.contains(&format!("zoom: {}", a.zoom.label()))),
            "{footer:?}"
        );
    }
    assert_eq!(seen, [Zoom::Wide, Zoom::Fit, Zoom::Normal]);
}

#[test]
fn fit_shows_every_stage_and_wide_gives_three_stages_all_of_200_columns() {
    let mut a = sized(PHYSIO, 120, 36);
    zoomed(&mut a, Zoom::Fit);
    let g = layout::grid(&a, Rect::new(0, 0, 120, 36));
    assert_eq!(g.columns.len(), 5);
    let s = screen(&a, 120, 36);
    for n in 1..=5 {
        assert!(s.lines().nth(1).unwrap().contains(&format!("{n} ")), "{s}");
    }

    let mut a = sized(PHYSIO, 200, 50);
    // All 200 columns to the grid: the persona panel (on from 160) hidden.
    a.panels.persona = Some(false);
    zoomed(&mut a, Zoom::Wide);
    let g = layout::grid(&a, Rect::new(0, 0, 200, 50));
    assert_eq!(g.columns.len(), 3);
    let last = g.columns.last().unwrap();
    assert!(last.x + last.w >= 200 - 2, "{:?}", g.columns);
    // At 300 columns as at 200, wide columns take all the width.
    let mut b = sized(PHYSIO, 300, 50);
    b.panels.persona = Some(false);
    zoomed(&mut b, Zoom::Wide);
    let g3 = layout::grid(&b, Rect::new(0, 0, 300, 50));
    let last = g3.columns.last().unwrap();
    assert!(
        last.x + last.w >= 300 - g3.columns.len() as u16,
        "{:?}",
        g3.columns
    );
    assert!(g3.columns.iter().all(|c| c.w >= 50), "{:?}", g3.columns);

    // Moving in fit zoom never scrolls the stages.
    let mut a = sized(PHYSIO, 120, 36);
    zoomed(&mut a, Zoom::Fit);
    for _ in 0..5 {
        press(&mut a, &["l"]);
    }
    assert_eq!(a.stage_offset, 0);
}

#[test]
fn the_curve_names_every_stage_under_its_point_and_spans_every_stage_in_fit() {
    for (w, h) in [(80, 24), (120, 36), (200, 50)] {
        for zoom in [Zoom::Fit, Zoom::Normal, Zoom::Wide] {
            let mut a = sized(PHYSIO, w, h);
            zoomed(&mut a, zoom);
            let buf = draw(&a, w, h);
            let g = layout::grid(&a, Rect::new(0, 0, w, h));
            // The names start under the plot (and may take two lines).
            let names_y = g.curve.y + g.curve_plot;
            let names = &text_of(&buf, Rect::new(0, names_y, w, 1))[0];
            if zoom == Zoom::Fit {
                assert_eq!(g.columns.len(), a.doc.map.stages.len(), "{w}×{h}");
            }
            for c in &g.columns {
                let label = &text_of(&buf, Rect::new(c.x, names_y, c.w, 1))[0];
                let number = format!("{}", c.stage + 1);
                assert!(
                    label.trim_start().starts_with(&number),
                    "{w}×{h} {zoom:?}: stage {number} is not named under its column: {names:?}"
                );
                // Its point is above it, in the same column.
                let point = (g.curve.y..names_y)
                    .any(|y| (c.x..c.x + c.w).any(|x| matches!(buf[(x, y)].symbol(), "●" | "✕")));
                assert!(point, "{w}×{h} {zoom:?}: no point for stage {number}");
            }
        }
    }
    // Low, neutral, high in their colours.
    let a = sized(PHYSIO, 200, 50);
    let buf = draw(&a, 200, 50);
    let g = layout::grid(&a, Rect::new(0, 0, 200, 50));
    let mut colours = Vec::new();
    for y in g.curve.y..g.curve.bottom() {
        for x in 0..200 {
            if matches!(buf[(x, y)].symbol(), "●" | "✕") {
                colours.push(buf[(x, y)].fg);
            }
        }
    }
    let t = Theme::dark();
    assert!(
        colours.contains(&t.bad) && colours.contains(&t.good),
        "{colours:?}"
    );
}

#[test]
fn a_click_selects_the_card_under_it_in_a_scrolled_grid() {
    let mut a = sized(PHYSIO, 120, 36);
    for _ in 0..12 {
        press(&mut a, &["j"]);
    }
    let g = layout::grid(&a, Rect::new(0, 0, 120, 36));
    assert!(g.hidden_above > 0, "scrolled");
    let buf = draw(&a, 120, 36);
    let col = g.column(1).unwrap();
    // Click on the second line of some card's text in column 2.
    let region = Rect::new(col.x, g.lanes.y, col.w, g.lanes.height);
    let lines = text_of(&buf, region);
    let y = lines
        .iter()
        .position(|l| l.starts_with("• ") || l.starts_with("[") || l.starts_with("2 "))
        .unwrap();
    let before = a.cursor;
    let hit = layout::hit(&a, col.x + 3, g.lanes.y + y as u16).unwrap();
    assert_eq!(hit.stage, 1);
    a.cursor = hit;
    let s = screen(&a, 120, 36);
    assert_ne!(before, a.cursor, "{s}");
}

/// What a screen of any size shows: the selected stage's name, or, below the
/// smallest size, as much of "Terminal too small" as fits.
fn shows_the_map_or_says_too_small(a: &App, s: &str, w: u16, h: u16) {
    let first = s.lines().map(str::trim).find(|l| !l.is_empty());
    if layout::too_small(w, h) {
        let first = first.expect("something is drawn");
        assert!(
            "Terminal too small".contains(first),
            "{w}×{h}: {first:?}\n{s}"
        );
    } else {
        let name = &a.doc.map.stages[a.cursor.stage].name;
        let start: String = name.chars().take(6).collect();
        assert!(s.contains(&start), "{w}×{h}: no {name:?}\n{s}");
    }
}

#[test]
fn tiny_terminals_and_huge_maps_do_not_panic() {
    let text = PHYSIO;
    let original = load_str(text).unwrap().map;
    for zoom in [Zoom::Fit, Zoom::Normal, Zoom::Wide] {
        for (w, h) in [
            (40, 12),
            (41, 13),
            (1, 1),
            (39, 11),
            (25, 4),
            (300, 12),
            (40, 100),
        ] {
            let mut a = sized(text, w, h);
            zoomed(&mut a, zoom);
            for _ in 0..60 {
                press(&mut a, &["j"]);
                let s = screen(&a, w, h);
                shows_the_map_or_says_too_small(&a, &s, w, h);
            }
            assert_eq!(a.doc.map, original, "moving changes nothing");
            let c = a.cursor;
            let stage = &a.doc.map.stages[c.stage];
            assert!(c.item <= stage.lane_len(c.lane), "{c:?}");
        }
    }
    let mut m: JourneyMap = load_str(PHYSIO).unwrap().map;
    let base = m.stages.clone();
    for round in 0..60 {
        for s in &base {
            let mut s = s.clone();
            s.id = format!("{}-{round}", s.id);
            m.stages.push(s);
        }
    }
    let mut a = App::new(m, "big.ron".into());
    a.size = (200, 50);
    zoomed(&mut a, Zoom::Fit);
    press(&mut a, &["G"]);
    let s = screen(&a, 200, 50);
    assert!(s.contains("305"), "{s}");
}

// ---- the theme ----

/// Settings from a config folder of the test's own.
#[test]
fn settings_pick_the_light_theme_and_report_an_unknown_one() {
    let Some(config) =
        common::folders::own_folders("settings_pick_the_light_theme_and_report_an_unknown_one")
    else {
        return;
    };
    let config = config.config;
    let maps = tempfile::tempdir().unwrap();
    let map = maps.path().join("physio.ron");
    std::fs::write(&map, PHYSIO).unwrap();

    let a = cjm::tui::run::open(&map).unwrap();
    assert_eq!(a.theme, Theme::dark());
    assert!(a.message.is_none());

    std::fs::write(config.as_path().join("settings.ron"), r#"(theme: "light")"#).unwrap();
    let mut a = cjm::tui::run::open(&map).unwrap();
    a.size = (120, 36);
    assert_eq!(a.theme, Theme::light());
    assert!(a.message.is_none(), "{:?}", a.message);
    // The selected stage head is drawn in the light theme's colours.
    let buf = draw(&a, 120, 36);
    let g = layout::grid(&a, Rect::new(0, 0, 120, 36));
    let head = &buf[(g.columns[0].x, g.stage_head.y)];
    assert_eq!(head.bg, Theme::light().select_bg);
    assert_ne!(head.bg, Color::Cyan);

    std::fs::write(
        config.as_path().join("settings.ron"),
        r#"(theme: "solarized", autosave_seconds: 7)"#,
    )
    .unwrap();
    let mut a = cjm::tui::run::open(&map).unwrap();
    a.size = (120, 36);
    assert_eq!(a.theme, Theme::dark());
    let s = screen(&a, 120, 36);
    assert!(
        s.contains("Unknown theme \"solarized\" in settings.ron (known: dark, light)"),
        "{s}"
    );
    // Nothing was lost: the map is as it was on disk.
    assert_eq!(std::fs::read_to_string(&map).unwrap(), PHYSIO);
}

/// On a terminal tall enough for the lanes to hold more than 65,535 lines
/// between them, the count of lines out of view stops at the most it can say
/// instead of wrapping round to a small number (or to none, which would hide
/// the "more below" hint).
#[test]
fn lines_out_of_view_past_what_a_screen_counts_do_not_wrap() {
    use cjm::model::{PainPoint, Stage, Touchpoint};
    let mut m = JourneyMap::new("Tall", "Pat");
    let mut s = Stage::named("Only");
    s.id = "only".into();
    let n = 25_000;
    s.actions = (0..n).map(|k| format!("act {k}")).collect();
    s.thoughts = (0..n).map(|k| format!("thought {k}")).collect();
    s.pain_points = (0..n)
        .map(|k| PainPoint {
            personas: Vec::new(),
            text: format!("pain {k}"),
            severity: Level::Low,
            votes: 0,
            evidence: Vec::new(),
        })
        .collect();
    s.touchpoints = (0..n)
        .map(|k| Touchpoint {
            personas: Vec::new(),
            name: format!("touch {k}"),
            channel: String::new(),
            note: String::new(),
            evidence: Vec::new(),
        })
        .collect();
    m.stages.push(s);
    let a = App::new(m, "tall.ron".into());
    let g = layout::grid(&a, Rect::new(0, 0, 80, 20_000));
    assert_eq!(g.hidden_above, 0);
    assert_eq!(g.hidden_below, u16::MAX, "more below than a u16 counts");
}
