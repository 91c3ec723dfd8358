//! Presentation mode (F5): the slides as a projector shows them, moving between
//! them, and the proof that nothing there changes the map and that leaving finds
//! the editor where it was.

mod common;

use cjm::format::{load_str, write};
use cjm::model::Lane;
use cjm::tui::app::{App, Cursor, Overlay};
use cjm::tui::present::Presentation;
use cjm::tui::update::update;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

const PHYSIO: &str = include_str!("data/physio-booking.ron");

fn app(text: &str, w: u16, h: u16) -> App {
    let mut a = App::new(load_str(text).unwrap().map, "physio-booking.ron".into());
    a.size = (w, h);
    a
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ch(c: char) -> Event {
    let m = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    Event::Key(KeyEvent::new(KeyCode::Char(c), m))
}

fn screen(a: &App, w: u16, h: u16) -> String {
    common::screen::text(a, w, h)
}

fn presenting(a: &App) -> Option<Presentation> {
    match &a.overlay {
        Overlay::Present(p) => Some(*p),
        _ => None,
    }
}

/// The screen of slide `slide` at w×h, scrolled to the end when it is taller.
fn slide(slide: usize, w: u16, h: u16) -> String {
    let mut a = app(PHYSIO, w, h);
    update(&mut a, key(KeyCode::F(5)));
    for _ in 0..slide {
        update(&mut a, key(KeyCode::Right));
    }
    screen(&a, w, h)
}

#[test]
fn snapshot_the_overview_and_a_stage_slide() {
    for (w, h) in [(80, 24), (120, 36), (200, 50), (240, 60)] {
        insta::assert_snapshot!(format!("present-overview-{w}x{h}"), slide(0, w, h));
        insta::assert_snapshot!(format!("present-stage-3-{w}x{h}"), slide(3, w, h));
    }
}

fn slide_no(a: &App) -> usize {
    presenting(a).expect("presenting").slide
}

#[test]
fn f5_opens_the_overview_and_the_keys_move_between_slides() {
    let mut a = app(PHYSIO, 120, 36);
    update(&mut a, key(KeyCode::F(5)));
    assert_eq!(slide_no(&a), 0);
    assert!(screen(&a, 120, 36).contains("Pain points · High"));
    update(&mut a, key(KeyCode::Right));
    assert_eq!(slide_no(&a), 1);
    let s = screen(&a, 120, 36);
    assert!(s.contains("Discover") && s.contains("Stage 1 of 5"), "{s}");
    update(&mut a, ch(' '));
    update(&mut a, key(KeyCode::PageDown));
    assert_eq!(slide_no(&a), 3);
    update(&mut a, key(KeyCode::Left));
    assert_eq!(slide_no(&a), 2);
    update(&mut a, key(KeyCode::PageUp));
    update(&mut a, key(KeyCode::PageUp));
    assert_eq!(slide_no(&a), 0, "back to the overview");
    update(&mut a, key(KeyCode::Left));
    assert_eq!(slide_no(&a), 0, "nothing before the overview");
    update(&mut a, key(KeyCode::End));
    assert_eq!(slide_no(&a), 5);
    update(&mut a, key(KeyCode::Right));
    assert_eq!(slide_no(&a), 5, "nothing after the last stage");
    assert!(screen(&a, 120, 36).contains("Recover and recommend"));
    update(&mut a, key(KeyCode::Home));
    assert_eq!(slide_no(&a), 0);
}

#[test]
fn a_number_jumps_to_that_stage_and_a_missing_one_stays_put() {
    let mut a = app(PHYSIO, 80, 24);
    update(&mut a, key(KeyCode::F(5)));
    update(&mut a, ch('3'));
    assert_eq!(slide_no(&a), 3);
    let s = screen(&a, 80, 24);
    assert!(
        s.contains("Book online\n") || s.contains("Book online"),
        "{s}"
    );
    assert!(s.contains("Stage 3 of 5"), "{s}");
    update(&mut a, ch('5'));
    assert_eq!(slide_no(&a), 5);
    update(&mut a, ch('9'));
    assert_eq!(slide_no(&a), 5, "there is no ninth stage");
    update(&mut a, ch('1'));
    assert_eq!(slide_no(&a), 1);
    assert!(screen(&a, 80, 24).contains("Stage 1 of 5"));
}

#[test]
fn a_slide_taller_than_the_screen_scrolls_to_its_last_lane_and_back() {
    let mut a = app(PHYSIO, 80, 24);
    update(&mut a, key(KeyCode::F(5)));
    update(&mut a, ch('3'));
    let first = screen(&a, 80, 24);
    assert!(first.contains("↓ more") && !first.contains("Calls about booking per week"));
    let mut pages = 0;
    while screen(&a, 80, 24).contains("↓ more") {
        update(&mut a, key(KeyCode::Down));
        pages += 1;
        assert!(pages < 20, "the slide never reaches its end");
    }
    let last = screen(&a, 80, 24);
    assert!(
        last.contains("Calls about booking per week: 63 calls (target 30 calls)"),
        "{last}"
    );
    // Every line of the slide was on screen on some page: nothing cut.
    for _ in 0..pages {
        update(&mut a, key(KeyCode::Up));
    }
    assert_eq!(screen(&a, 80, 24), first);
    assert_eq!(slide_no(&a), 3, "scrolling stays on the slide");
}

/// Every key a keyboard sends, with and without Ctrl and Alt: a superset of
/// every key the keymap binds, in the editor and in presentation mode.
fn every_key() -> Vec<Event> {
    let mut codes: Vec<KeyCode> = (' '..='~').map(KeyCode::Char).collect();
    codes.extend(['é', '🎉'].map(KeyCode::Char));
    codes.extend((1..=12).map(KeyCode::F));
    codes.extend([
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Insert,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
    ]);
    let mut events = Vec::new();
    for code in codes {
        for m in [
            KeyModifiers::NONE,
            KeyModifiers::SHIFT,
            KeyModifiers::CONTROL,
            KeyModifiers::ALT,
        ] {
            events.push(Event::Key(KeyEvent::new(code, m)));
        }
    }
    events.push(Event::Paste("pasted\n".into()));
    events
}

#[test]
fn no_key_in_presentation_mode_changes_the_map() {
    let mut a = app(PHYSIO, 80, 24);
    let before = write(&a.doc.map);
    let version = a.doc.history.version();
    for slide in 0..=5usize {
        for e in every_key() {
            if presenting(&a).is_none() {
                update(&mut a, key(KeyCode::F(5)));
            }
            if slide > 0 {
                update(&mut a, ch(char::from(b'0' + slide as u8)));
            }
            let effect = update(&mut a, e.clone());
            assert_eq!(effect, None, "{e:?} asked the runtime for something");
            assert!(
                write(&a.doc.map) == before,
                "{e:?} changed the map on slide {slide}"
            );
            assert_eq!(a.doc.history.version(), version, "{e:?} on slide {slide}");
            assert!(!a.doc.is_dirty(), "{e:?} on slide {slide}");
            screen(&a, 80, 24);
        }
    }
}

#[test]
fn esc_and_q_go_back_to_the_editor_exactly_where_it_was() {
    for leave in [key(KeyCode::Esc), ch('q')] {
        let mut a = app(PHYSIO, 80, 24);
        // Stage 5's second emotion, with the grid scrolled to show it.
        for k in [
            key(KeyCode::End),
            key(KeyCode::Tab),
            key(KeyCode::Tab),
            key(KeyCode::Tab),
            key(KeyCode::Down),
        ] {
            update(&mut a, k);
        }
        // The zoom and both panels away from their defaults.
        for k in [ch('z'), ch('P'), ch(' ')] {
            update(&mut a, k);
        }
        let (panels, zoom) = (a.panels, a.zoom);
        assert_ne!(panels, Default::default());
        let cursor = a.cursor;
        let offset = a.stage_offset;
        assert_ne!(cursor, Cursor::default());
        assert_eq!((cursor.lane, cursor.item), (Lane::Emotions, 1));
        assert!(offset > 0, "the grid is scrolled");
        let editor = screen(&a, 80, 24);
        update(&mut a, key(KeyCode::F(5)));
        for k in [key(KeyCode::Right), ch('2'), key(KeyCode::Down), ch('4')] {
            update(&mut a, k);
        }
        assert!(presenting(&a).is_some());
        assert_ne!(screen(&a, 80, 24), editor, "the slides replace the editor");
        update(&mut a, leave.clone());
        assert!(matches!(a.overlay, Overlay::None), "{leave:?}");
        assert_eq!(a.cursor, cursor);
        assert_eq!(a.stage_offset, offset);
        assert_eq!((a.panels, a.zoom), (panels, zoom));
        assert_eq!(screen(&a, 80, 24), editor, "{leave:?}");
    }
}

#[test]
fn the_help_lists_f5_and_the_keys_of_presentation_mode() {
    let a = app(PHYSIO, 80, 24);
    let rows = a.keymap.help_rows();
    let has = |keys: &str, doc: &str| {
        rows.iter()
            .any(|(k, _, d)| k.contains(keys) && d.contains(doc))
    };
    assert!(has("F5", "present"), "{rows:?}");
    assert!(has("→ Space", "next slide"), "{rows:?}");
    assert!(has("PageDown", "next slide"), "{rows:?}");
    assert!(has("←", "previous slide"), "{rows:?}");
    assert!(has("PageUp", "previous slide"), "{rows:?}");
    assert!(has("1–9", "stage"), "{rows:?}");
    assert!(has("Esc q", "back to the editor"), "{rows:?}");
}

#[test]
fn every_slide_draws_at_every_size_down_to_one_cell() {
    let mut a = app(PHYSIO, 80, 24);
    update(&mut a, key(KeyCode::F(5)));
    for _ in 0..=5 {
        for w in (1..=60).step_by(7).chain([80, 240]) {
            for h in (1..=30).step_by(3).chain([60]) {
                a.size = (w, h);
                let s = screen(&a, w, h);
                if w >= 40 && h >= 16 {
                    assert!(!s.contains("Too small"), "{w}x{h}\n{s}");
                }
                update(&mut a, key(KeyCode::Down));
            }
        }
        update(&mut a, key(KeyCode::Right));
    }
    assert!(screen(&a, 20, 6).contains("Too small"));
}

#[test]
fn map_text_reaches_the_slides_escaped_and_an_empty_map_presents() {
    let mut a = app(PHYSIO, 120, 36);
    a.doc.map.title = "Evil\u{1b}[2J title".into();
    a.doc.map.stages[0].name = "Disc\u{202e}over".into();
    update(&mut a, key(KeyCode::F(5)));
    let s = screen(&a, 120, 36);
    assert!(s.contains("Evil\\u{1b}[2J title"), "{s}");
    update(&mut a, key(KeyCode::Right));
    let s = screen(&a, 120, 36);
    assert!(s.contains("Disc\\u{202e}over"), "{s}");

    let mut empty = App::new(
        cjm::model::JourneyMap::new("Blank", "Nobody"),
        "b.ron".into(),
    );
    empty.size = (80, 24);
    update(&mut empty, key(KeyCode::F(5)));
    let s = screen(&empty, 80, 24);
    assert!(
        s.contains("Blank") && s.contains("Overview · 0 stages"),
        "{s}"
    );
    update(&mut empty, key(KeyCode::Right));
    update(&mut empty, ch('1'));
    assert_eq!(slide_no(&empty), 0);
}

/// The screen's text with every space and line break taken out, so that text
/// wrapped over several lines (or columns of CJK without spaces) reads as one.
fn squeezed(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn texts_of(stage: &cjm::model::Stage) -> Vec<String> {
    let mut out = Vec::new();
    out.extend(stage.actions.iter().cloned());
    out.extend(stage.thoughts.iter().cloned());
    for t in &stage.touchpoints {
        out.extend([t.name.clone(), t.channel.clone(), t.note.clone()]);
    }
    for e in &stage.emotions {
        out.extend([e.label.clone(), e.note.clone()]);
    }
    out.extend(stage.pain_points.iter().map(|p| p.text.clone()));
    for o in &stage.optimizations {
        out.extend([o.text.clone(), o.owner.clone()]);
    }
    out.extend(stage.metrics.iter().map(|m| m.name.clone()));
    out.extend([stage.name.clone(), stage.goal.clone()]);
    out.retain(|t| !t.is_empty());
    out
}

#[test]
fn every_item_of_every_example_map_is_on_its_slide_in_full() {
    let mut maps: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/maps"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    maps.push(PHYSIO.to_string());
    for text in maps {
        // Tall enough that nothing scrolls: what is checked is that nothing is cut.
        let mut a = app(&text, 80, 400);
        update(&mut a, key(KeyCode::F(5)));
        let overview = squeezed(&screen(&a, 80, 400));
        for s in &a.doc.map.stages {
            for p in &s.pain_points {
                assert!(overview.contains(&squeezed(&p.text)), "{}", p.text);
            }
        }
        for i in 0..a.doc.map.stages.len() {
            update(&mut a, key(KeyCode::Right));
            let shown = squeezed(&screen(&a, 80, 400));
            for t in texts_of(&a.doc.map.stages[i]) {
                assert!(
                    shown.contains(&squeezed(&t)),
                    "{t:?} not on slide {}",
                    i + 1
                );
            }
        }
    }
}

#[test]
fn cjk_and_emoji_wrap_by_display_width_and_are_never_cut() {
    let mut a = app(PHYSIO, 40, 400);
    let long = "患者はオンラインで理学療法の予約をしようとしたが医療問診票で諦めかけた🏃‍♀️🦵 and then 🎉🎉🎉 booked";
    a.doc.map.stages[0].actions = vec![long.to_string()];
    update(&mut a, key(KeyCode::F(5)));
    update(&mut a, key(KeyCode::Right));
    let s = screen(&a, 40, 400);
    assert!(squeezed(&s).contains(&squeezed(long)), "{s}");
    for line in s.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 40,
            "{line:?} is wider than the screen"
        );
    }
}

#[test]
fn with_many_stages_the_curve_still_names_every_one() {
    let mut a = app(PHYSIO, 80, 24);
    while a.doc.map.stages.len() < 14 {
        let n = a.doc.map.stages.len();
        let mut s = a.doc.map.stages[n % 5].clone();
        s.id = format!("extra-{n}");
        s.name = format!("Extra stage {n}");
        a.doc.map.stages.push(s);
    }
    update(&mut a, key(KeyCode::F(5)));
    update(&mut a, key(KeyCode::End));
    let s = screen(&a, 80, 24);
    let numbers = s
        .lines()
        .find(|l| l.trim_start().starts_with("1 "))
        .unwrap_or_else(|| panic!("no row of stage numbers:\n{s}"));
    let shown: Vec<&str> = numbers.split_whitespace().collect();
    let all: Vec<String> = (1..=14).map(|i| i.to_string()).collect();
    assert_eq!(shown, all, "{s}");
    insta::assert_snapshot!("present-stage-14-of-14-80x24", s);
}

#[test]
fn a_heading_too_long_to_pin_scrolls_with_the_slide_and_is_read_whole() {
    let mut a = app(PHYSIO, 80, 24);
    let sentences: Vec<String> = (1..=20)
        .map(|i| format!("Step {i} of booking takes ten seconds."))
        .collect();
    a.doc.map.stages[0].goal = sentences.join(" ");
    update(&mut a, key(KeyCode::F(5)));
    update(&mut a, ch('1'));
    let mut pages = vec![squeezed(&screen(&a, 80, 24))];
    while screen(&a, 80, 24).contains("↓ more") && pages.len() < 30 {
        update(&mut a, key(KeyCode::Down));
        pages.push(squeezed(&screen(&a, 80, 24)));
    }
    assert!(pages.len() > 1 && pages.len() < 30, "{} pages", pages.len());
    for s in &sentences {
        assert!(
            pages.iter().any(|p| p.contains(&squeezed(s))),
            "{s:?} is on no page"
        );
    }
    let last = screen(&a, 80, 24);
    assert!(last.contains("Share of new patients"), "{last}");
}

#[test]
fn a_template_map_projects_its_workshop_prompts_and_a_bare_stage_says_it_is_empty() {
    let map = cjm::model::templates::find("five-stage")
        .unwrap()
        .instantiate("Workshop", "Visitor");
    let mut a = App::new(map, "w.ron".into());
    a.size = (120, 36);
    a.doc.map.stages[0].name = "First contact".into();
    update(&mut a, key(KeyCode::F(5)));
    update(&mut a, ch('1'));
    let s = screen(&a, 120, 36);
    assert!(s.contains("First contact"), "{s}");
    for prompt in [
        "Where does the customer first meet the problem",
        "What question is on their mind?",
    ] {
        assert!(
            s.contains(prompt),
            "the prompts follow their stage through a rename:\n{s}"
        );
    }

    let mut bare = App::new(
        cjm::model::JourneyMap::new("Bare", "Nobody"),
        "b.ron".into(),
    );
    bare.doc.map.stages.push(cjm::model::Stage::named("Empty"));
    bare.size = (80, 24);
    update(&mut bare, key(KeyCode::F(5)));
    update(&mut bare, key(KeyCode::Right));
    let s = screen(&bare, 80, 24);
    assert!(s.contains("Nothing recorded for this stage yet"), "{s}");
    assert!(s.contains("Stage 1 of 1"), "{s}");
}

/// A stage taller than a terminal's line count can say (more than 65,535 lines
/// once laid out, which a map under the size limit can hold) is still presented
/// and scrolled: the line counts stop at the most they can hold instead of
/// overflowing. Stages of consecutive lengths up to the limit, so that one of
/// them lands on the count where the heading above it tips the sum over.
#[test]
fn a_stage_taller_than_sixty_five_thousand_lines_is_presented() {
    use cjm::model::{JourneyMap, Stage};
    let mut m = JourneyMap::new("Huge", "Pat");
    for i in 0..6 {
        let mut s = Stage::named(&format!("Stage {i}"));
        s.id = format!("s{i}");
        s.actions = (0..65_530 + i).map(|k| format!("step {k}")).collect();
        m.stages.push(s);
    }
    let mut a = App::new(m, "huge.ron".into());
    let (w, h) = (100, 40);
    a.size = (w, h);
    update(&mut a, key(KeyCode::F(5)));
    update(&mut a, key(KeyCode::End));
    let s = screen(&a, w, h);
    assert!(s.contains("step 0"), "{s}");
    update(&mut a, key(KeyCode::Down));
    let p = presenting(&a).expect("still presenting");
    assert_eq!(p.slide, 6);
    assert!(p.scroll > 0, "the tall slide scrolls");
    let s = screen(&a, w, h);
    assert!(!s.contains("step 0\n"), "{s}");
}

/// The line of the overview each text starts on, in screen order.
fn order_on(s: &str, texts: &[&str]) -> Vec<usize> {
    texts
        .iter()
        .map(|t| {
            s.lines()
                .position(|l| l.contains(t))
                .unwrap_or_else(|| panic!("{t} not on the overview:\n{s}"))
        })
        .collect()
}

#[test]
fn once_the_room_has_voted_the_overview_ranks_pain_points_by_votes_then_severity() {
    let mut map = load_str(PHYSIO).unwrap().map;
    // The last pain point made low with the most votes, the one before it
    // medium with one vote; the high ones have none.
    let mut all: Vec<&mut cjm::model::PainPoint> = map
        .stages
        .iter_mut()
        .flat_map(|s| s.pain_points.iter_mut())
        .collect();
    let n = all.len();
    assert!(n >= 3);
    all[n - 1].severity = cjm::model::Level::Low;
    all[n - 1].votes = 5;
    all[n - 2].severity = cjm::model::Level::Medium;
    all[n - 2].votes = 1;
    let names: (String, String) = (
        all[n - 1].text.chars().take(20).collect(),
        all[n - 2].text.chars().take(20).collect(),
    );
    let high = "No price for a first";
    let mut a = App::new(map, "physio-booking.ron".into());
    a.size = (120, 300);
    update(&mut a, key(KeyCode::F(5)));
    let s = screen(&a, 120, 300);
    assert!(s.contains("Pain points · by votes, then severity"), "{s}");
    let lines = order_on(&s, &[&names.0, &names.1, high]);
    assert!(
        lines[0] < lines[1] && lines[1] < lines[2],
        "5 votes, then 1 vote, then the high ones without votes: {lines:?}\n{s}"
    );
    assert!(s.contains("[Low] "), "severity in words, not only colour");
    // Without votes, by severity as before.
    let plain = screen(
        &{
            let mut a = app(PHYSIO, 120, 300);
            update(&mut a, key(KeyCode::F(5)));
            a
        },
        120,
        300,
    );
    assert!(plain.contains("Pain points · High"), "{plain}");
}

/// The slides' curve as read off the screen: the column of its axis and the
/// row of each label `1┤`..`5┤` (index 0 unused).
fn slide_axis(buf: &ratatui::buffer::Buffer) -> Option<(u16, [u16; 6])> {
    let a = buf.area;
    for x in 0..a.width.saturating_sub(1) {
        let mut rows = [0u16; 6];
        for y in 0..a.height {
            if buf[(x + 1, y)].symbol() == "┤"
                && let Ok(d) = buf[(x, y)].symbol().parse::<usize>()
                && (1..=5).contains(&d)
            {
                rows[d] = y;
            }
        }
        if rows[1..].iter().all(|&r| r > 0) {
            return Some((x, rows));
        }
    }
    None
}

/// Every point of the slides' curve: its column, row, and the score beside it.
fn slide_points(buf: &ratatui::buffer::Buffer, ax: u16, rows: &[u16; 6]) -> Vec<(u16, u16, f64)> {
    let mut out = Vec::new();
    for y in rows[5]..=rows[1] {
        for x in ax + 2..buf.area.width.saturating_sub(3) {
            if matches!(buf[(x, y)].symbol(), "●" | "✕") {
                let v: String = (1..4).map(|d| buf[(x + d, y)].symbol()).collect();
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
fn every_slide_s_curve_puts_each_point_on_its_labelled_row_and_names_every_stage() {
    use common::screen::{draw, text_of};
    use ratatui::layout::Rect;
    const HOTEL: &str = include_str!("data/hotel-sentences.ron");
    let mut checked = 0;
    for map in [PHYSIO, HOTEL] {
        for (w, h) in [(80, 24), (120, 36), (200, 50)] {
            let mut a = app(map, w, h);
            update(&mut a, key(KeyCode::F(5)));
            let stages = a.doc.map.stages.clone();
            for slide in 0..=stages.len() {
                let buf = draw(&a, w, h);
                let s = screen(&a, w, h);
                let what = format!("{w}×{h} slide {slide}");
                let (ax, rows) =
                    slide_axis(&buf).unwrap_or_else(|| panic!("{what}: no axis 5┤..1┤\n{s}"));
                // The scores evenly apart, 5 at the top.
                let step = rows[1] - rows[2];
                for l in 1..5 {
                    assert_eq!(rows[l] - rows[l + 1], step, "{what}\n{s}");
                }
                let pts = slide_points(&buf, ax, &rows);
                assert_eq!(pts.len(), stages.len(), "{what}: a point is missing\n{s}");
                for ((x, y, v), stage) in pts.iter().zip(&stages) {
                    let want = stage.curve_point().unwrap();
                    assert_eq!(format!("{v:.1}"), format!("{want:.1}"), "{what}\n{s}");
                    assert_eq!(
                        *y,
                        rows[v.round() as usize],
                        "{what}: {v} at {x} is not on the row labelled {}\n{s}",
                        v.round()
                    );
                }
                // A line leaves each point (after its score) for the next.
                for (x, y, _) in &pts[..pts.len() - 1] {
                    let after = buf[(x + 4, *y)].symbol();
                    assert!(
                        matches!(after, "─" | "╮" | "╯"),
                        "{what}: no line after the point at {x},{y}: {after:?}\n{s}"
                    );
                }
                // Every stage named under its point: its number and the start
                // of its name, read from halfway to its neighbours.
                let names_y = rows[1] + 1;
                let centre = |i: usize| pts[i].0 + 2;
                for (i, stage) in stages.iter().enumerate() {
                    let left = if i == 0 {
                        ax + 4
                    } else {
                        (centre(i - 1) + centre(i)) / 2
                    };
                    let right = match i + 1 < pts.len() {
                        true => (centre(i) + centre(i + 1)) / 2,
                        false => w,
                    };
                    let region = Rect::new(left, names_y, right - left, 2);
                    let label = text_of(&buf, region)
                        .iter()
                        .map(|l| l.trim().to_string())
                        .filter(|l| !l.is_empty())
                        .collect::<Vec<_>>()
                        .join(" ")
                        .replace("- ", "-");
                    let number = format!("{}", i + 1);
                    let rest = label
                        .strip_prefix(&number)
                        .unwrap_or_else(|| {
                            panic!("{what}: stage {number} unnumbered: {label:?}\n{s}")
                        })
                        .trim();
                    assert!(!rest.is_empty(), "{what}: stage {number} has no name\n{s}");
                    assert!(
                        stage.name.starts_with(rest.trim_end_matches('…')),
                        "{what}: stage {number} named {label:?}, not {:?}\n{s}",
                        stage.name
                    );
                }
                if stages
                    .iter()
                    .any(|st| st.curve_point().is_some_and(|v| v <= 2.5))
                {
                    assert!(s.contains("✕ low"), "{what}: no key to ✕\n{s}");
                }
                checked += 1;
                update(&mut a, key(KeyCode::Right));
            }
        }
    }
    assert_eq!(checked, 3 * (5 + 1) + 3 * (6 + 1));
}

#[test]
fn a_stage_without_a_score_is_a_gap_on_the_slides_curve_not_a_line() {
    let mut a = app(PHYSIO, 80, 24);
    a.doc.map.stages[1].emotions.clear();
    update(&mut a, key(KeyCode::F(5)));
    let buf = common::screen::draw(&a, 80, 24);
    let s = screen(&a, 80, 24);
    let (ax, rows) = slide_axis(&buf).unwrap_or_else(|| panic!("no axis\n{s}"));
    let pts = slide_points(&buf, ax, &rows);
    assert_eq!(pts.len(), 4, "{s}");
    assert!(
        common::screen::text_of(&buf, ratatui::layout::Rect::new(0, rows[3], 80, 1))[0]
            .contains("gap"),
        "{s}"
    );
    // No line runs on from stage 1 into the gap.
    let (x, y, _) = pts[0];
    assert_eq!(buf[(x + 4, y)].symbol(), " ", "{s}");
}

/// Slides of a map that holds evidence show each card's confidence glyph and
/// the key to them on the status line; a map without evidence shows neither.
#[test]
fn slides_show_the_confidence_glyphs_and_their_key_only_with_evidence() {
    const SAAS: &str = include_str!("../maps/saas-trial.ron");
    let mut a = app(SAAS, 120, 36);
    update(&mut a, key(KeyCode::F(5)));
    for _ in 0..3 {
        update(&mut a, key(KeyCode::Right));
    }
    let s = screen(&a, 120, 36);
    assert!(s.contains("? assumption · ◐ research · ● measured"), "{s}");
    assert!(s.contains("● [High] CSV import rejects"), "{s}");
    assert!(s.contains("◐ Tries to import 23 projects"), "{s}");
    for n in 0..=3 {
        let s = slide(n, 120, 36);
        assert!(!s.contains("assumption"), "{s}");
        assert!(!s.contains('◐'), "{s}");
    }
}
