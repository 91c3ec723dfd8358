//! Load (parse + validate), validate alone, and canonical write on maps of 100,
//! 1,000 and 10,000 items. The cost must grow linearly with the size.

mod r#gen;

use divan::Bencher;

fn main() {
    divan::main();
}

const SIZES: [usize; 3] = [100, 1_000, 10_000];

#[divan::bench(args = SIZES)]
fn load(b: Bencher, items: usize) {
    let text = cjm::format::write(&r#gen::map_with_items(items));
    b.counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| cjm::format::load_str(divan::black_box(&text)).map(|l| l.map.stages.len()));
}

#[divan::bench(args = SIZES)]
fn validate(b: Bencher, items: usize) {
    let map = r#gen::map_with_items(items);
    b.bench(|| cjm::format::diagnostics(divan::black_box(&map)).len());
}

#[divan::bench(args = SIZES)]
fn write(b: Bencher, items: usize) {
    let map = r#gen::map_with_items(items);
    b.bench(|| cjm::format::write(divan::black_box(&map)).len());
}
