//! CSV import of the export of maps with 1,000, 10,000 and 50,000 stages (one goal
//! row and two items each). The cost must grow linearly with the number of stages:
//! it used to be quadratic (8,000 stages took 13 s).

mod r#gen;

use divan::Bencher;

fn main() {
    divan::main();
}

const STAGES: [usize; 3] = [1_000, 10_000, 50_000];

#[divan::bench(args = STAGES, sample_count = 10, sample_size = 1)]
fn csv_import(b: Bencher, stages: usize) {
    let map = r#gen::map_with_stages(stages, 2 * stages);
    let text = cjm::export::csv::export(&map);
    b.counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| {
            cjm::import::import(divan::black_box(text.as_bytes()), cjm::import::From::Csv)
                .map(|i| i.map.stages.len())
        });
}
