//! One redraw and one keystroke's update on maps of 10, 100 and 1,000 stages (20
//! items each). A redraw draws only what is on screen, so its cost must stay flat
//! as the map grows.

mod r#gen;

use cjm::tui::App;
use cjm::tui::layout::Zoom;
use cjm::tui::update::update;
use cjm::tui::view::view;
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn main() {
    divan::main();
}

const STAGES: [usize; 3] = [10, 100, 1_000];

fn app(stages: usize) -> App {
    let mut a = App::new(
        r#gen::map_with_stages(stages, stages * 20),
        "bench.ron".into(),
    );
    a.size = (120, 40);
    // Somewhere in the middle, so that scrolling is involved.
    a.cursor.stage = stages / 2;
    cjm::tui::update::ensure_visible(&mut a);
    a
}

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

#[divan::bench(args = STAGES)]
fn redraw(b: Bencher, stages: usize) {
    let a = app(stages);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    b.bench_local(|| {
        term.draw(|f| view(&a, f)).unwrap();
    });
}

/// The generated map with workshop-length sentences (about 100 characters)
/// in every text lane, so that every card wraps over several lines.
fn long_app(stages: usize, zoom: Zoom) -> App {
    let mut a = app(stages);
    for s in &mut a.doc.map.stages {
        for t in s.actions.iter_mut().chain(s.thoughts.iter_mut()) {
            t.push_str(" while comparing three clinics on her phone during a short lunch break");
        }
        for p in &mut s.pain_points {
            p.text
                .push_str(", and nobody says how long the wait will be");
        }
    }
    a.size = (200, 50);
    a.zoom = zoom;
    cjm::tui::update::ensure_visible(&mut a);
    a
}

/// A redraw at 200×50 with every card wrapped, normal zoom.
#[divan::bench(args = STAGES)]
fn redraw_wrapped_200x50(b: Bencher, stages: usize) {
    let mut a = long_app(stages, Zoom::Normal);
    // The grid alone (the panels are on by default at this size).
    a.panels.detail = Some(false);
    a.panels.persona = Some(false);
    cjm::tui::update::ensure_visible(&mut a);
    let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
    b.bench_local(|| {
        term.draw(|f| view(&a, f)).unwrap();
    });
}

/// The same in fit zoom, where the most columns are on screen.
#[divan::bench(args = STAGES)]
fn redraw_wrapped_200x50_fit(b: Bencher, stages: usize) {
    let mut a = long_app(stages, Zoom::Fit);
    a.panels.detail = Some(false);
    a.panels.persona = Some(false);
    cjm::tui::update::ensure_visible(&mut a);
    let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
    b.bench_local(|| {
        term.draw(|f| view(&a, f)).unwrap();
    });
}

#[divan::bench(args = STAGES)]
fn keystroke_move(b: Bencher, stages: usize) {
    let mut a = app(stages);
    let mut flip = false;
    b.bench_local(|| {
        flip = !flip;
        update(&mut a, key(if flip { 'l' } else { 'h' }))
    });
}

#[divan::bench(args = STAGES)]
fn keystroke_edit_and_undo(b: Bencher, stages: usize) {
    let mut a = app(stages);
    b.bench_local(|| {
        update(&mut a, key('d'));
        update(&mut a, key('u'))
    });
}

/// A projected workshop screen: 200×50, cards wrapped, with the detail panel
/// (the selected item in full) and the persona panel beside the grid. The
/// panels read only the selection and the persona, so this too must not grow
/// with the map.
#[divan::bench(args = STAGES)]
fn redraw_200x50_with_panels(b: Bencher, stages: usize) {
    let mut a = long_app(stages, Zoom::Normal);
    a.panels.detail = Some(true);
    a.panels.persona = Some(true);
    cjm::tui::update::ensure_visible(&mut a);
    let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
    b.bench_local(|| {
        term.draw(|f| view(&a, f)).unwrap();
    });
}

/// Drawing a text field holding a long paste, the cursor at its end: one pass
/// over the text, so a 40,000-character note or query does not freeze the form.
#[divan::bench(args = [1_000, 10_000, 40_000])]
fn text_field_view(b: Bencher, chars: usize) {
    let text: String = (0..chars)
        .map(|i| if i % 7 == 0 { ' ' } else { 'é' })
        .collect();
    let input = cjm::tui::text_input::TextInput::new(&text);
    b.bench_local(|| input.view(80));
}

/// A map whose selected action is one pasted paragraph of 1 MB (a long paste),
/// at 200×50 with the detail panel on.
fn huge_item_app() -> App {
    let mut a = app(10);
    let words: String = "while comparing three clinics on her phone "
        .chars()
        .cycle()
        .take(1_000_000)
        .collect();
    let stage = a.cursor.stage;
    if let Some(s) = a.doc.map.stages.get_mut(stage) {
        s.actions.insert(0, words);
    }
    a.cursor.lane = cjm::model::Lane::Actions;
    a.cursor.item = 0;
    a.size = (200, 50);
    a.panels.detail = Some(true);
    cjm::tui::update::ensure_visible(&mut a);
    a
}

/// A redraw with a 1 MB item selected on screen: drawing costs what is on
/// screen, so this stays near the wrapped-card redraws above.
#[divan::bench]
fn redraw_with_1mb_item(b: Bencher) {
    let a = huge_item_app();
    let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
    b.bench_local(|| {
        term.draw(|f| view(&a, f)).unwrap();
    });
}

/// Editing the 1 MB item: one typed key and the redraw of the edit box that
/// follows it, with the cursor at the end of the text.
#[divan::bench]
fn keystroke_in_1mb_item_and_redraw(b: Bencher) {
    let mut a = huge_item_app();
    update(&mut a, key('e'));
    let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
    let mut flip = false;
    b.bench_local(|| {
        flip = !flip;
        let ev = if flip {
            key('x')
        } else {
            Event::Key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE))
        };
        update(&mut a, ev);
        term.draw(|f| view(&a, f)).unwrap();
    });
}
