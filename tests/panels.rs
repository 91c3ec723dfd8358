//! The detail and persona panels and the wrapping edit box: their content as
//! pure functions, snapshots of the long-sentence map, and the keys.

mod common;

use cjm::edit::Item;
use cjm::format::load_str;
use cjm::model::{
    Emotion, JourneyMap, Lane, Level, Metric, Optimization, PainPoint, Stage, Status, Touchpoint,
    templates,
};
use cjm::tui::app::{App, Cursor};
use cjm::tui::panels::{self, Kind, Section, Shape};
use cjm::tui::update::update;
use cjm::tui::view::view;
use common::keys::press;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

const PHYSIO: &str = include_str!("data/physio-booking.ron");

fn sized(text: &str, w: u16, h: u16) -> App {
    let mut a = App::new(load_str(text).unwrap().map, "physio-booking.ron".into());
    a.size = (w, h);
    a
}

fn screen(a: &App) -> String {
    screen_and_cursor(a).0
}

/// The screen as text, and where the terminal's cursor was put.
fn screen_and_cursor(a: &App) -> (String, (u16, u16)) {
    let (w, h) = a.size;
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| view(a, f)).unwrap();
    let pos = term.get_cursor_position().unwrap();
    let buf = term.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..w {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let s = buf[(x, y)].symbol();
            line.push_str(s);
            skip = unicode_width::UnicodeWidthStr::width(s).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    (out, (pos.x, pos.y))
}

fn typed(a: &mut App, s: &str) {
    for c in s.chars() {
        update(
            a,
            Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        );
    }
}

fn select(a: &mut App, stage: usize, lane: Lane, item: usize) {
    a.cursor = Cursor { stage, lane, item };
    cjm::tui::update::ensure_visible(a);
}

/// The panel's rows as a person reads them: wrapped lines joined back up, so a
/// sentence cut over three lines is found whole.
fn read(rows: &[panels::Row]) -> String {
    let mut out = String::new();
    for r in rows {
        if !r.label.is_empty() || r.kind == Kind::Title {
            out.push('\n');
            out.push_str(&r.label);
            out.push_str(": ");
        } else {
            out.push(' ');
        }
        out.push_str(r.text.trim_start_matches("• ").trim());
    }
    out
}

/// The text inside `r` on the screen, folded like `folded`. The map's text
/// here is narrow, one column per character.
fn region(screen: &str, r: ratatui::layout::Rect) -> String {
    let lines: Vec<String> = screen
        .lines()
        .skip(r.y as usize)
        .take(r.height as usize)
        .map(|l| {
            l.chars()
                .skip(r.x as usize)
                .take(r.width as usize)
                .collect::<String>()
        })
        .collect();
    folded(&lines.join("\n"))
}

fn panel_areas(a: &App) -> cjm::tui::layout::Grid {
    cjm::tui::layout::grid(a, ratatui::layout::Rect::new(0, 0, a.size.0, a.size.1))
}

/// What the inline edit box holds: the text between its borders.
fn edit_box_text(screen: &str) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    let top = lines.iter().position(|l| l.contains('┌')).unwrap();
    let x = lines[top].chars().position(|c| c == '┌').unwrap();
    let mut out = Vec::new();
    for l in &lines[top + 1..] {
        let inside: String = l.chars().skip(x + 1).take_while(|c| *c != '│').collect();
        if l.chars().nth(x) == Some('└') {
            break;
        }
        out.push(inside);
    }
    folded(&out.join("\n"))
}

/// The screen's text with line breaks and the gaps they leave folded to single
/// spaces, to look for a wrapped sentence.
fn folded(screen: &str) -> String {
    screen.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---- content, without a terminal ----

const LONG: &str = "Publishes the price of a first assessment and what it includes on the home page, in the Maps listing and at the front desk";

fn every_item_type() -> JourneyMap {
    let mut m = JourneyMap::new("Every field", "Léa");
    m.stages.push(Stage {
        extra: Default::default(),
        id: "s".into(),
        name: "Everything".into(),
        goal: "A goal long enough to wrap over more than one line of a narrow detail panel".into(),
        actions: vec![LONG.into()],
        thoughts: vec![format!("Thinking: {LONG}")],
        touchpoints: vec![Touchpoint {
            personas: Vec::new(),
            name: format!("Touchpoint {LONG}"),
            channel: "Word of mouth".into(),
            note: "A note that is a full sentence about the touchpoint".into(),
            evidence: Vec::new(),
        }],
        emotions: vec![Emotion {
            persona: String::new(),
            score: 2,
            label: "Worried about the knee".into(),
            note: "Pain for three weeks".into(),
            evidence: Vec::new(),
        }],
        pain_points: vec![PainPoint {
            personas: Vec::new(),
            text: format!("Pain {LONG}"),
            severity: Level::High,
            votes: 0,
            evidence: Vec::new(),
        }],
        optimizations: vec![Optimization {
            personas: Vec::new(),
            text: format!("Fix {LONG}"),
            owner: "Web team".into(),
            priority: Level::Low,
            status: Status::InProgress,
            votes: 0,
            impact: None,
            effort: None,
            evidence: Vec::new(),
        }],
        metrics: vec![Metric {
            personas: Vec::new(),
            name: "Online booking completion rate on mobile".into(),
            current: Some(2.1),
            target: Some(4.0),
            unit: "%".into(),
            evidence: Vec::new(),
        }],
        evidence: Vec::new(),
    });
    m
}

/// What each lane's item must show, label by label.
fn expected(lane: Lane) -> Vec<(&'static str, String)> {
    match lane {
        // Not in this map (it has no lanes of its own).
        Lane::Extra(_) => Vec::new(),
        Lane::Actions => vec![("Text", LONG.into())],
        Lane::Thoughts => vec![("Text", format!("Thinking: {LONG}"))],
        Lane::Touchpoints => vec![
            ("Name", format!("Touchpoint {LONG}")),
            ("Channel", "Word of mouth".into()),
            (
                "Note",
                "A note that is a full sentence about the touchpoint".into(),
            ),
        ],
        Lane::Emotions => vec![
            ("Label", "Worried about the knee".into()),
            ("Score", "2 of 5".into()),
            ("Note", "Pain for three weeks".into()),
        ],
        Lane::PainPoints => vec![
            ("Text", format!("Pain {LONG}")),
            ("Severity", "High".into()),
        ],
        Lane::Optimizations => vec![
            ("Text", format!("Fix {LONG}")),
            ("Owner", "Web team".into()),
            ("Priority", "Low".into()),
            ("Status", "In progress".into()),
        ],
        Lane::Metrics => vec![
            ("Name", "Online booking completion rate on mobile".into()),
            ("Current", "2.1".into()),
            ("Target", "4".into()),
            ("Unit", "%".into()),
        ],
    }
}

#[test]
fn every_field_of_every_item_type_is_labelled_in_full() {
    let mut a = App::new(every_item_type(), "m.ron".into());
    for lane in Lane::ALL {
        a.cursor = Cursor {
            stage: 0,
            lane,
            item: 0,
        };
        let sections = panels::detail_sections(&a);
        let item = &sections[0];
        let want = expected(lane);
        let labels: Vec<&str> = item.fields.iter().map(|f| f.label).collect();
        assert_eq!(
            labels,
            want.iter().map(|(l, _)| *l).collect::<Vec<_>>(),
            "{lane:?}"
        );
        // Wrapped narrow and wide, beside and under their labels, every value
        // reads whole after its label.
        for (width, shape) in [
            (30, Shape::Under),
            (44, Shape::Beside),
            (120, Shape::Beside),
        ] {
            let shown = read(&panels::rows(&sections, width, shape));
            for (label, value) in &want {
                assert!(
                    shown.contains(&format!("\n{label}: {value}")),
                    "{lane:?} at {width}: {label} = {value} not in\n{shown}"
                );
            }
            for r in panels::rows(&sections, width, shape) {
                let w = r.indent as usize + unicode_width::UnicodeWidthStr::width(r.text.as_str());
                assert!(w <= width, "{lane:?}: {r:?} is wider than {width}");
            }
        }
        assert!(item.title.contains("1 of 1"), "{}", item.title);
    }
    // Every item type's own fields, as `Item` has them, are in the panel.
    let s = &a.doc.map.stages[0];
    for lane in Lane::ALL {
        let item = Item::get(s, lane, 0).unwrap();
        assert!(!panels::item_fields(&item).is_empty());
    }
}

#[test]
fn an_empty_field_is_shown_as_a_dash_not_left_out() {
    let mut m = every_item_type();
    m.stages[0].touchpoints[0].channel.clear();
    let mut a = App::new(m, "m.ron".into());
    a.cursor.lane = Lane::Touchpoints;
    let rows = panels::rows(&panels::detail_sections(&a), 60, Shape::Beside);
    let channel = rows.iter().find(|r| r.label == "Channel").unwrap();
    assert_eq!((channel.text.as_str(), channel.kind), ("—", Kind::Empty));
}

#[test]
fn the_stage_header_is_shown_with_name_id_and_goal() {
    let mut a = App::new(load_str(PHYSIO).unwrap().map, "p.ron".into());
    a.cursor.stage = 2;
    let sections = panels::detail_sections(&a);
    let stage: &Section = sections.last().unwrap();
    assert_eq!(stage.title, "Stage 3 · Book online");
    let shown = read(&panels::rows(&sections, 50, Shape::Beside));
    let goal = &a.doc.map.stages[2].goal;
    assert!(goal.len() > 60, "a goal long enough to wrap");
    for want in [
        "\nName: Book online".to_string(),
        "\nId: book".to_string(),
        format!("\nGoal: {goal}"),
    ] {
        assert!(shown.contains(&want), "{want} not in {shown}");
    }
}

fn template_map() -> JourneyMap {
    templates::find("five-stage")
        .unwrap()
        .instantiate("Booking a physiotherapy appointment", "Léa Martin")
}

/// The longest prompt of the five-stage framework, with its stage and lane.
fn longest_prompt(m: &JourneyMap) -> (usize, Lane, String) {
    let mut best = (0, Lane::Actions, String::new());
    for (i, _) in m.stages.iter().enumerate() {
        for lane in Lane::ALL {
            if let Some(p) = panels::cell_prompt(m, i, lane)
                && p.len() > best.2.len()
                && m.stages[i].lane_len(lane) == 0
            {
                best = (i, lane, p.into_owned());
            }
        }
    }
    best
}

#[test]
fn an_empty_cell_of_a_template_map_shows_its_prompt_in_full() {
    let m = template_map();
    let (stage, lane, prompt) = longest_prompt(&m);
    assert!(prompt.len() > 40, "{prompt}");
    let mut a = App::new(m, "t.ron".into());
    a.size = (80, 30);
    select(&mut a, stage, lane, 0);
    let sections = panels::detail_sections(&a);
    assert!(
        sections[0].title.ends_with("empty"),
        "{}",
        sections[0].title
    );
    let shown = read(&panels::rows(&sections, 30, Shape::Under));
    assert!(shown.contains(&format!("\nPrompt: {prompt}")), "{shown}");
    // On screen, where the cell itself cuts it short.
    let s = screen(&a);
    assert!(folded(&s).contains(&prompt), "{s}");
}

#[test]
fn the_persona_panel_has_every_field_then_the_map() {
    let m = load_str(PHYSIO).unwrap().map;
    let sections = panels::persona_sections(&m);
    let shown = read(&panels::rows(&sections, 40, Shape::Under));
    let p = &m.persona;
    let mut want = vec![
        format!("\nName: {}", p.name),
        format!("\nRole: {}", p.role),
        format!("\nQuote: {}", p.quote),
        format!("\nSummary: {}", p.summary),
    ];
    for (label, list) in [
        ("Goals", &p.goals),
        ("Needs", &p.needs),
        ("Frustrations", &p.frustrations),
        ("Behaviors", &p.behaviors),
    ] {
        want.push(format!("\n{label}: "));
        want.extend(list.iter().cloned());
    }
    want.push("\nTraits: ".into());
    want.extend(p.traits.iter().map(|(k, v)| format!("{k}: {v}")));
    want.push(format!("\nSummary: {}", m.summary));
    want.push("\nObjectives: ".into());
    want.extend(m.objectives.iter().cloned());
    let mut at = 0;
    for w in &want {
        let found = shown[at..].find(w.as_str());
        assert!(found.is_some(), "{w:?} not in order in\n{shown}");
        at += found.unwrap();
    }
}

#[test]
fn wrapping_is_by_grapheme_and_display_width() {
    let s = "Réserver 予約 🧘‍♀️ физиотерапия";
    for w in 1..20 {
        let pieces = cjm::tui::wrap::edit_pieces(s, w);
        let whole: String = pieces.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(whole, s, "nothing lost at width {w}");
        for p in &pieces {
            let shown = unicode_width::UnicodeWidthStr::width(p.text.trim_end());
            assert!(shown <= w.max(2), "{p:?} wider than {w}");
        }
    }
}

// ---- on screen ----

#[test]
fn hostile_text_in_the_panels_is_escaped() {
    let mut m = every_item_type();
    m.stages[0].actions[0] = "Clears\u{1b}[2J the screen \u{202e}reversed".into();
    m.persona.quote = "Rings\u{7} the bell".into();
    let mut a = App::new(m, "m.ron".into());
    a.size = (200, 50);
    let s = screen(&a);
    assert!(
        s.contains("Clears\\u{1b}[2J the screen \\u{202e}reversed"),
        "{s}"
    );
    assert!(s.contains("Rings\\u{7} the bell"), "{s}");
    assert!(!s.contains('\u{1b}') && !s.contains('\u{7}') && !s.contains('\u{202e}'));
}

#[test]
fn a_huge_paste_in_the_edit_box_draws_without_panicking() {
    let mut a = sized(PHYSIO, 80, 24);
    press(&mut a, &["a"]);
    // At 80 columns the box holds 19 "w " a line: 65,534 lines, two short of
    // what a u16 counts, once the box's borders are added.
    update(&mut a, Event::Paste("w ".repeat(19 * 65_534)));
    let (s, (_, y)) = screen_and_cursor(&a);
    assert!(s.contains("w w w"), "{s}");
    assert!(y < 24);
}

#[test]
fn the_detail_panel_is_on_from_30_rows_and_the_persona_panel_from_160_columns() {
    for (w, h, detail, persona) in [
        (80, 24, false, false),
        (80, 29, false, false),
        (80, 30, true, false),
        (159, 40, true, false),
        (160, 40, true, true),
        (200, 50, true, true),
        (200, 24, false, true),
    ] {
        let a = sized(PHYSIO, w, h);
        let s = screen(&a);
        assert_eq!(s.contains("Detail — Space hides"), detail, "{w}×{h}\n{s}");
        assert_eq!(s.contains("Persona · Léa Martin"), persona, "{w}×{h}\n{s}");
    }
}

#[test]
fn space_and_p_toggle_the_panels() {
    let mut a = sized(PHYSIO, 120, 36);
    assert!(screen(&a).contains("Detail — Space hides"));
    press(&mut a, &["space"]);
    assert!(!screen(&a).contains("Detail —"));
    press(&mut a, &["space"]);
    assert!(screen(&a).contains("Detail — Space hides"));
    press(&mut a, &["P"]);
    let s = screen(&a);
    assert!(s.contains("Persona · Léa Martin"), "{s}");
    press(&mut a, &["P"]);
    assert!(!screen(&a).contains("Persona ·"));
    // At 80×24 both start hidden and both keys bring them up.
    let mut a = sized(PHYSIO, 80, 24);
    press(&mut a, &["space"]);
    press(&mut a, &["P"]);
    let s = screen(&a);
    // 80 columns leave no room beside the grid: the persona is read instead of
    // it, until P again.
    assert!(s.contains("Persona · Léa Martin"), "{s}");
    assert!(!s.contains("Doing"), "{s}");
    press(&mut a, &["P"]);
    let s = screen(&a);
    assert!(s.contains("Detail — Space hides"), "{s}");
    assert!(s.contains("Doing"), "{s}");
}

#[test]
fn the_detail_panel_shows_the_selected_item_whole_on_screen() {
    let m = load_str(PHYSIO).unwrap().map;
    for (w, h) in [(120, 36), (200, 50)] {
        let mut a = sized(PHYSIO, w, h);
        for (si, stage) in m.stages.iter().enumerate() {
            for lane in Lane::ALL {
                for i in 0..stage.lane_len(lane) {
                    select(&mut a, si, lane, i);
                    let item = Item::get(stage, lane, i).unwrap();
                    let mut detail = panel_areas(&a).detail.unwrap();
                    // Wide panels put the stage on the right: the item is on the left.
                    if detail.width >= 102 {
                        detail.width = detail.width * 3 / 5 - 2;
                    }
                    // A line may break after a hyphen, as on a card.
                    let shown = region(&screen(&a), detail).replace("- ", "-");
                    assert!(
                        shown.contains(&item.text().replace("- ", "-")),
                        "{w}×{h}: {}\n{shown}",
                        item.text()
                    );
                }
            }
        }
    }
}

#[test]
fn the_mouse_hits_the_grid_beside_the_panels() {
    let mut a = sized(PHYSIO, 200, 50);
    let click = |a: &mut App, x: u16, y: u16| {
        update(
            a,
            Event::Mouse(MouseEvent {
                kind: MouseEventKind::Down(MouseButton::Left),
                column: x,
                row: y,
                modifiers: KeyModifiers::NONE,
            }),
        )
    };
    let s = screen(&a);
    // The fifth stage's column, beside the persona panel.
    let line = s.lines().nth(1).unwrap();
    let col = line.find("5 Recover").unwrap();
    let x = unicode_width::UnicodeWidthStr::width(&line[..col]) as u16 + 2;
    click(&mut a, x, 3);
    assert_eq!((a.cursor.stage, a.cursor.lane), (4, Lane::Actions));
    // A click on the persona panel or on the detail panel selects nothing.
    let before = a.cursor;
    click(&mut a, 199, 3);
    click(&mut a, 20, 44);
    assert_eq!(a.cursor, before);
    // The wheel over the persona panel scrolls it, not the selection.
    let wheel = |a: &mut App| {
        update(
            a,
            Event::Mouse(MouseEvent {
                kind: MouseEventKind::ScrollDown,
                column: 190,
                row: 10,
                modifiers: KeyModifiers::NONE,
            }),
        )
    };
    wheel(&mut a);
    assert_eq!(a.cursor, before);
    assert!(a.panels.persona_scroll > 0);
}

#[test]
fn the_persona_panel_scrolls_to_its_end() {
    let mut a = sized(PHYSIO, 160, 36);
    let s = screen(&a);
    assert!(s.contains("more lines"), "{s}");
    assert!(!s.contains("Halve the number"), "{s}");
    for _ in 0..30 {
        update(
            &mut a,
            Event::Key(KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE)),
        );
    }
    let mut persona = panel_areas(&a).persona.unwrap();
    // Past the rule that divides it from the grid.
    persona.x += 2;
    persona.width -= 2;
    let s = region(&screen(&a), persona);
    assert!(s.contains(&a.doc.map.objectives[1]), "{s}");
    // However far PgDn went past the end, PgUp scrolls back at once.
    update(
        &mut a,
        Event::Key(KeyEvent::new(KeyCode::PageUp, KeyModifiers::NONE)),
    );
    assert!(folded(&screen(&a)).contains("more lines"));
    for _ in 0..30 {
        update(
            &mut a,
            Event::Key(KeyEvent::new(KeyCode::PageUp, KeyModifiers::NONE)),
        );
    }
    assert!(screen(&a).contains("Name Léa Martin"));
}

#[test]
fn with_the_persona_panel_the_selected_stage_stays_on_screen() {
    let mut a = sized(PHYSIO, 160, 40);
    press(&mut a, &["G"]);
    let s = screen(&a);
    assert!(s.contains("5 Recover and recommend"), "{s}");
}

#[test]
fn the_edit_box_wraps_a_long_sentence_and_its_cursor_follows() {
    let mut a = sized(PHYSIO, 80, 24);
    let first = a.doc.map.stages[0].actions[0].clone();
    assert!(first.len() > 80);
    press(&mut a, &["e"]);
    let (s, (x, y)) = screen_and_cursor(&a);
    assert_eq!(edit_box_text(&s), first, "the whole sentence is seen:\n{s}");
    // The cursor sits right after the last character, on the box's last line.
    let row = s.lines().nth(y as usize).unwrap();
    let before: String = row.chars().take(x as usize).collect();
    assert!(before.ends_with("office"), "{before:?}");
    // Home, then along: the cursor goes down a line when the text does.
    press(&mut a, &["home"]);
    let (_, (x0, y0)) = screen_and_cursor(&a);
    assert_eq!(y0 + 2, y);
    for _ in 0..first.chars().count() {
        press(&mut a, &["right"]);
    }
    assert_eq!(screen_and_cursor(&a).1, (x, y));
    let _ = x0;
}

#[test]
fn the_edit_box_places_the_cursor_by_display_width() {
    let mut a = sized(PHYSIO, 80, 24);
    press(&mut a, &["a"]);
    // 60 double-width characters: 120 columns, three lines of the box.
    typed(&mut a, &"予約".repeat(30));
    let (s, (x, y)) = screen_and_cursor(&a);
    let row: String = s.lines().nth(y as usize).unwrap().to_string();
    let mut col = 0;
    let mut before = String::new();
    for c in row.chars() {
        if col >= x as usize {
            break;
        }
        col += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        before.push(c);
    }
    assert!(before.ends_with('約'), "{before:?} in {row:?}");
    assert_eq!(edit_box_text(&s).replace(' ', ""), "予約".repeat(30), "{s}");
    // An emoji with a joiner is one character: one Left puts the cursor before it.
    typed(&mut a, " 🧘‍♀️");
    let (_, (x1, _)) = screen_and_cursor(&a);
    press(&mut a, &["left"]);
    let (_, (x2, _)) = screen_and_cursor(&a);
    assert_eq!(x1 - x2, 2, "one grapheme, two columns");
}

// ---- snapshots of the long-sentence map ----

fn snap(name: &str, a: &App) {
    let (w, h) = a.size;
    insta::assert_snapshot!(format!("panels-{name}-{w}x{h}"), screen(a));
}

#[test]
fn snapshot_the_detail_panel_on_an_item() {
    for (w, h) in [(80, 24), (120, 36), (200, 50)] {
        let mut a = sized(PHYSIO, w, h);
        a.panels.detail = Some(true);
        a.panels.persona = Some(false);
        select(&mut a, 2, Lane::Optimizations, 0);
        snap("detail-item", &a);
    }
}

#[test]
fn snapshot_the_detail_panel_on_a_stage() {
    for (w, h) in [(80, 24), (120, 36), (200, 50)] {
        let mut m = load_str(PHYSIO).unwrap().map;
        // An empty cell: the stage is what there is to show.
        m.stages[1].optimizations.clear();
        let mut a = App::new(m, "physio-booking.ron".into());
        a.size = (w, h);
        a.panels.detail = Some(true);
        a.panels.persona = Some(false);
        select(&mut a, 1, Lane::Optimizations, 0);
        snap("detail-stage", &a);
    }
}

#[test]
fn snapshot_the_detail_panel_on_a_prompt() {
    for (w, h) in [(80, 24), (120, 36), (200, 50)] {
        let m = template_map();
        let (stage, lane, _) = longest_prompt(&m);
        let mut a = App::new(m, "physio-booking.ron".into());
        a.size = (w, h);
        a.panels.detail = Some(true);
        a.panels.persona = Some(false);
        select(&mut a, stage, lane, 0);
        snap("detail-prompt", &a);
    }
}

#[test]
fn snapshot_the_persona_panel() {
    for (w, h) in [(80, 24), (120, 36), (200, 50)] {
        let mut a = sized(PHYSIO, w, h);
        a.panels.persona = Some(true);
        snap("persona", &a);
    }
}

#[test]
fn snapshot_the_edit_box() {
    for (w, h) in [(80, 24), (120, 36), (200, 50)] {
        let mut a = sized(PHYSIO, w, h);
        select(&mut a, 2, Lane::PainPoints, 0);
        press(&mut a, &["e"]);
        snap("edit-box", &a);
    }
}

/// Terminals tens of thousands of cells tall or wide (a tiling window manager, a
/// test harness, a bogus size report) must not overflow the panels' arithmetic:
/// the first key used to panic in `two fifths of the height`.
#[test]
fn huge_terminal_sizes_do_not_overflow_the_panel_layout() {
    for (w, h) in [(65535, 30), (60000, 45), (300, 65535), (65535, 65535)] {
        let mut a = sized(PHYSIO, w, h);
        update(
            &mut a,
            Event::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE)),
        );
        update(
            &mut a,
            Event::Key(KeyEvent::new(KeyCode::Char('P'), KeyModifiers::SHIFT)),
        );
        let (gw, gh) = cjm::tui::layout::grid_size(&a);
        assert!(gw <= w && gh <= h, "{w}x{h}: grid {gw}x{gh}");
    }
}

#[test]
fn a_sentence_breaks_in_the_detail_panel_where_it_breaks_on_its_card() {
    let text = "Compares the Running-club group rates with a café's loyalty-card offer";
    let sections = vec![Section {
        title: "Action".into(),
        fields: vec![cjm::tui::panels::Field {
            label: "Text",
            values: vec![text.into()],
        }],
    }];
    // Under its label the value has the whole width, as a card's text does.
    let rows = panels::rows(&sections, 20, Shape::Under);
    let panel: Vec<String> = rows
        .iter()
        .filter(|r| r.kind == Kind::Text)
        .map(|r| r.text.trim().to_string())
        .collect();
    let card = cjm::tui::wrap::wrap(text, 20 - 2, 20 - 2);
    assert_eq!(panel, card, "the panel wraps as the card does");
    // A hyphenated word that fits a line is not split at its hyphen.
    for word in ["Running-club", "loyalty-card"] {
        assert!(
            panel.iter().any(|l| l.split(' ').any(|w| w == word)),
            "{word} kept whole: {panel:?}"
        );
    }
}
