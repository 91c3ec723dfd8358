//! `cjm diff --git` and `cjm history` end to end, as a reviewer or CI runs them:
//! the built binary on a real repository, git processes included. Repositories
//! are built with `git fast-import` (seconds, not minutes, for 500 commits):
//! a review where 50, 200 or 500 maps changed between two commits, and a map with
//! 50, 200 or 500 commits of history. Output goes to /dev/null.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use cjm::model::JourneyMap;
use divan::Bencher;

fn main() {
    divan::main();
}

const SIZES: [usize; 3] = [50, 200, 500];

fn example() -> JourneyMap {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(root.join("maps/saas-trial.ron")).unwrap();
    cjm::format::load(&bytes).unwrap().map
}

fn git(dir: &Path, args: &[&str]) {
    let s = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(s.success(), "git {args:?}");
}

/// A repository whose commits are `commits`, each a list of (path, content),
/// on `main`, one after the other.
fn repo(commits: &[Vec<(String, String)>]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q", "-b", "main"]);
    let mut stream = String::new();
    for (n, files) in commits.iter().enumerate() {
        let t = 1_767_268_800 + n as u64 * 86_400;
        stream.push_str(&format!(
            "commit refs/heads/main\nmark :{}\ncommitter Bench <bench@example.com> {t} +0000\ndata 11\ncommit {n:>4}\n",
            n + 1
        ));
        if n > 0 {
            stream.push_str(&format!("from :{n}\n"));
        }
        for (path, text) in files {
            stream.push_str(&format!(
                "M 100644 inline {path}\ndata {}\n{text}\n",
                text.len()
            ));
        }
    }
    let mut child = Command::new("git")
        .args(["fast-import", "--quiet"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stream.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
    git(dir.path(), &["checkout", "-q", "-f", "main"]);
    dir
}

fn cjm(dir: &Path, args: &[&str]) {
    let s = Command::new(env!("CARGO_BIN_EXE_cjm"))
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(
        s.code() == Some(0) || s.code() == Some(1),
        "cjm {args:?}: {s}"
    );
}

/// `maps` maps, every one changed between the two commits: an emotion raised,
/// a pain point closed, a stage renamed.
#[divan::bench(args = SIZES, sample_count = 10)]
fn diff_git_maps_changed(b: Bencher, maps: usize) {
    let base = example();
    let mut head = base.clone();
    head.stages[2].emotions[0].score = 5;
    head.stages[1].pain_points.remove(0);
    head.stages[4].name = "Staying on".into();
    let (a, z) = (cjm::format::write(&base), cjm::format::write(&head));
    let files = |text: &str| -> Vec<(String, String)> {
        (0..maps)
            .map(|i| (format!("maps/m{i:03}.ron"), text.to_string()))
            .collect()
    };
    let dir = repo(&[files(&a), files(&z)]);
    b.bench_local(|| {
        cjm(
            dir.path(),
            &["diff", "--git", "HEAD~1", "HEAD", "--format", "markdown"],
        )
    });
}

/// One map with `commits` commits of history, an emotion and a KPI changing in
/// each.
#[divan::bench(args = SIZES, sample_count = 10)]
fn history_commits(b: Bencher, commits: usize) {
    let mut m = example();
    let history: Vec<Vec<(String, String)>> = (0..commits)
        .map(|n| {
            m.stages[0].emotions[0].score = (n % 5) as i64 + 1;
            m.stages[0].metrics[0].current = Some(n as f64);
            vec![("maps/journey.ron".to_string(), cjm::format::write(&m))]
        })
        .collect();
    let dir = repo(&history);
    b.bench_local(|| {
        cjm(
            dir.path(),
            &["history", "maps/journey.ron", "--format", "csv"],
        )
    });
}
