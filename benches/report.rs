//! `cjm report` over many maps of 300 items each (`benches/gen.rs`): 100, 300 and
//! 1,000 maps. In-process on one thread and on two, for the speed-up of loading
//! in parallel (what `cli::report` does: `report::par_map` over `files::load`,
//! then `report::build` and the text rendering); and end to end, the built
//! binary on a folder, as a person runs it, with output to /dev/null.

mod r#gen;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use cjm::report::{self, Filter, Format, Source};
use divan::Bencher;

fn main() {
    divan::main();
}

const MAPS: [usize; 3] = [100, 300, 1_000];

/// One folder per size, written once per run: the maps differ in title and
/// owners, so the report has groups to sort.
type Folder = (tempfile::TempDir, Vec<PathBuf>);

fn folder(maps: usize) -> &'static Folder {
    static DIRS: OnceLock<Vec<(usize, Folder)>> = OnceLock::new();
    let all = DIRS.get_or_init(|| {
        MAPS.iter()
            .map(|&n| {
                let dir = tempfile::tempdir().unwrap();
                let mut paths = Vec::new();
                for i in 0..n {
                    let mut m = r#gen::map_with_items(300);
                    m.title = format!("Journey {i}");
                    for (s, st) in m.stages.iter_mut().enumerate() {
                        for o in &mut st.optimizations {
                            o.owner = format!("Team {}", (i + s) % 12);
                        }
                    }
                    let p = dir.path().join(format!("map-{i:04}.ron"));
                    std::fs::write(&p, cjm::format::write(&m)).unwrap();
                    paths.push(p);
                }
                (n, (dir, paths))
            })
            .collect()
    });
    &all.iter().find(|(n, _)| *n == maps).unwrap().1
}

fn report(paths: &[PathBuf], threads: usize) -> usize {
    let loaded = report::par_map(paths, threads, |p: &PathBuf| {
        cjm::files::load(p).ok().map(|(l, _, _)| Source {
            name: p.to_string_lossy().into_owned(),
            map: l.map,
        })
    });
    let sources: Vec<Source> = loaded.into_iter().flatten().collect();
    let r = report::build(&sources, &Filter::default(), vec![], vec![]);
    report::render(&r, Format::Text).len()
}

#[divan::bench(args = MAPS, sample_count = 10)]
fn one_thread(b: Bencher, maps: usize) {
    let (_, paths) = folder(maps);
    b.bench(|| report(paths, 1));
}

#[divan::bench(args = MAPS, sample_count = 10)]
fn two_threads(b: Bencher, maps: usize) {
    let (_, paths) = folder(maps);
    b.bench(|| report(paths, 2));
}

fn cjm_report(dir: &Path) {
    let s = Command::new(env!("CARGO_BIN_EXE_cjm"))
        .arg("report")
        .arg(dir)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(s.success(), "cjm report: {s}");
}

#[divan::bench(args = MAPS, sample_count = 10)]
fn end_to_end(b: Bencher, maps: usize) {
    let (dir, _) = folder(maps);
    b.bench(|| cjm_report(dir.path()));
}
