//! Opening a map in the editor, from the file on disk to the first frame drawn:
//! read, parse, validate, build the editor's state, draw a 120×40 screen. Maps of
//! 1,000, 10,000 and 100,000 items (about 130 KB, 1.3 MB and 13 MB of canonical
//! RON). The pseudo-terminal figures against vim in BENCHMARKS.md measure the same
//! path from process start.

mod r#gen;

use cjm::tui::view::view;
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

const ITEMS: [usize; 3] = [1_000, 10_000, 100_000];

#[divan::bench(args = ITEMS, sample_count = 20)]
fn open_to_first_frame(b: Bencher, items: usize) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    std::fs::write(&path, cjm::format::write(&r#gen::map_with_items(items))).unwrap();
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    b.bench_local(|| {
        let mut app = cjm::tui::run::open(&path).unwrap();
        app.size = (120, 40);
        term.draw(|f| view(&app, f)).unwrap();
        app
    });
}

#[divan::bench(args = ITEMS, sample_count = 20)]
fn load_only(b: Bencher, items: usize) {
    let text = cjm::format::write(&r#gen::map_with_items(items));
    b.bench_local(|| cjm::format::load(text.as_bytes()).unwrap());
}

/// What the editor draws first for a large map: the start of the file read, its
/// first stages read back (and checked by writing them again), the first frame
/// drawn from them. The whole file is loaded meanwhile on another thread.
#[divan::bench(args = ITEMS, sample_count = 20)]
fn preview_to_first_frame(b: Bencher, items: usize) {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    std::fs::write(&path, cjm::format::write(&r#gen::map_with_items(items))).unwrap();
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    b.bench_local(|| {
        let mut head = Vec::with_capacity(256 * 1024);
        std::fs::File::open(&path)
            .unwrap()
            .take(256 * 1024)
            .read_to_end(&mut head)
            .unwrap();
        let mut app = cjm::tui::run::preview(&path, &head, 120).unwrap();
        app.size = (120, 40);
        term.draw(|f| view(&app, f)).unwrap();
        app
    });
}
