//! `cjm history`: a map followed over 20 commits on a real repository, renamed
//! half way, with commits that do not touch it in between. The sparklines, the
//! per-commit rows and the CSV values (emotion per stage, pain points, statuses,
//! KPI `current`) are checked, and so is bad input.

mod common;
mod gitrepo;

use cjm::model::{JourneyMap, Status};
use gitrepo::{Repo, example, stderr, stdout};

/// The score every emotion of the first stage has at commit `n` (1-based):
/// four commits at each level, 1 to 5.
fn score(n: u32) -> i64 {
    1 + i64::from((n - 1) / 4)
}

fn at(n: u32) -> JourneyMap {
    let mut m = example("saas-trial.ron");
    for e in &mut m.stages[0].emotions {
        e.score = score(n);
    }
    m.stages[0].metrics[0].current = Some(1000.0 + f64::from(n) * 50.5);
    // A pain point closed at commit 8, an optimization done at commit 12.
    if n >= 8 {
        m.stages[1].pain_points.remove(0);
    }
    if n >= 12 {
        m.stages[0].optimizations[0].status = Status::Done;
    }
    m
}

/// 20 commits of the map (renamed at commit 10) and 3 unrelated ones; returns
/// the repository and each map commit's short hash.
fn followed() -> (Repo, Vec<String>) {
    let r = Repo::new();
    let mut hashes = Vec::new();
    for n in 1..=20 {
        let path = if n < 10 {
            "maps/journey.ron"
        } else {
            "maps/trial.ron"
        };
        if n == 10 {
            r.ok(&["mv", "maps/journey.ron", "maps/trial.ron"]);
        }
        r.write_map(path, &at(n));
        hashes.push(r.commit(&format!("Journey update {n}")));
        if n % 7 == 0 {
            r.write("notes.md", &format!("notes {n}\n"));
            r.commit("Notes only");
        }
    }
    (r, hashes)
}

#[test]
fn text_history_has_a_row_per_commit_and_a_sparkline_per_stage() {
    let (r, hashes) = followed();
    let o = r.cjm(&["history", "maps/trial.ron"]);
    let t = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{t}{}", stderr(&o));
    assert!(
        t.starts_with("maps/trial.ron: 20 commits, oldest first\n"),
        "{t}"
    );
    assert!(!t.contains("Notes only"), "{t}");
    // Oldest first, the commits before the rename included.
    let first = t.find(&format!(
        "{}  2026-01-02  Ada Reviewer  Journey update 1\n",
        hashes[0]
    ));
    let last = t.find(&format!(
        "{}  2026-01-23  Ada Reviewer  Journey update 20\n",
        hashes[19]
    ));
    assert!(first.is_some() && last.is_some() && first < last, "{t}");
    assert!(
        t.contains("Journey update 1\n  emotion: Awareness 1.0 · Acquisition 3.5 · Onboarding 2.3"),
        "{t}"
    );
    assert!(
        t.contains("  open pain points: 6 high, 5 medium, 2 low\n"),
        "before commit 8: {t}"
    );
    assert!(
        t.contains("Journey update 20\n  emotion: Awareness 5.0"),
        "{t}"
    );
    assert!(
        t.contains("  optimizations: 2 idea, 6 planned, 2 in progress, 3 done\n"),
        "after commit 12: {t}"
    );
    // 1 → ▁, 2 → ▃, 3 → ▅, 4 → ▆, 5 → █; stages that did not change stay flat.
    assert!(t.contains("emotion by stage, oldest → newest\n"), "{t}");
    assert!(
        t.contains("  Awareness    ▁▁▁▁▃▃▃▃▅▅▅▅▆▆▆▆████  1.0 → 5.0\n"),
        "{t}"
    );
    assert!(
        t.contains("  Acquisition  ▅▅▅▅▅▅▅▅▅▅▅▅▅▅▅▅▅▅▅▅  3.5 → 3.5\n"),
        "{t}"
    );
}

#[test]
fn csv_has_emotions_counts_and_kpi_values_per_commit() {
    let (r, hashes) = followed();
    let o = r.cjm(&["history", "maps/trial.ron", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut rd = csv::Reader::from_reader(o.stdout.as_slice());
    let header: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
    };
    let (c_commit, c_path, c_aw, c_high, c_done, c_kpi) = (
        col("commit"),
        col("path"),
        col("emotion:awareness"),
        col("pain_points:high"),
        col("optimizations:Done"),
        col("kpi:awareness:G2 profile views from agency segment"),
    );
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 20);
    let pains_high_before = rows[0][c_high].parse::<usize>().unwrap();
    for (i, row) in rows.iter().enumerate() {
        let n = i as u32 + 1;
        assert!(row[c_commit].starts_with(&hashes[i]), "row {n}: {row:?}");
        assert_eq!(row[c_aw], format!("{}.00", score(n)), "row {n}");
        assert_eq!(
            row[c_kpi],
            format!("{}", 1000.0 + f64::from(n) * 50.5),
            "row {n}"
        );
        let expected_path = if n < 10 {
            "maps/journey.ron"
        } else {
            "maps/trial.ron"
        };
        assert_eq!(&row[c_path], expected_path, "row {n}");
        let done: usize = row[c_done].parse().unwrap();
        assert_eq!(done, if n >= 12 { 3 } else { 2 }, "row {n}");
        let high: usize = row[c_high].parse().unwrap();
        // The first pain point of the second stage is a high one.
        let closed = usize::from(n >= 8);
        assert_eq!(high, pains_high_before - closed, "row {n}");
    }
}

#[test]
fn json_and_markdown_say_the_same() {
    let (r, _) = followed();
    let o = r.cjm(&["history", "maps/trial.ron", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let commits = v["commits"].as_array().unwrap();
    assert_eq!(commits.len(), 20);
    let last = &commits[19];
    assert_eq!(last["stages"][0]["emotion"], 5.0);
    assert_eq!(last["stages"][0]["kpis"][0]["current"], 2010.0);
    assert_eq!(last["optimizations"]["Done"], 3);
    assert_eq!(commits[0]["path"], "maps/journey.ron");

    let o = r.cjm(&["history", "maps/trial.ron", "--format", "markdown"]);
    let md = stdout(&o);
    assert!(
        md.starts_with(
            "## History of maps/trial.ron\n\n| Commit | Date | Author | Subject | Awareness |"
        ),
        "{md}"
    );
    assert_eq!(md.matches("\n| `").count(), 20, "{md}");
    assert!(md.contains("- Awareness: `▁▁▁▁▃▃▃▃▅▅▅▅▆▆▆▆████`"), "{md}");
}

#[test]
fn since_a_revision_and_from_a_subfolder() {
    let (r, hashes) = followed();
    let o = r.cjm_in(
        &r.path("maps"),
        &["history", "trial.ron", "--since", &hashes[14]],
    );
    let t = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        t.starts_with("maps/trial.ron: 5 commits, oldest first\n"),
        "{t}"
    );
    assert!(t.contains("  Awareness    ▆████  4.0 → 5.0\n"), "{t}");
}

#[test]
fn bad_input_is_trouble_with_a_clear_message() {
    let (r, _) = followed();
    let o = r.cjm(&["history", "maps/trial.ron", "--since", "v9.9"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("v9.9: no such revision"),
        "{}",
        stderr(&o)
    );

    let outside = tempfile::tempdir().unwrap();
    let elsewhere = outside.path().join("x.ron");
    std::fs::write(&elsewhere, "").unwrap();
    let o = r.cjm(&["history", elsewhere.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("outside the repository"),
        "{}",
        stderr(&o)
    );
    let o = r.cjm(&["history", "../../x.ron"]);
    assert_eq!(o.status.code(), Some(2));

    let o = r.cjm_in(outside.path(), &["history", "x.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("not inside a git repository"),
        "{}",
        stderr(&o)
    );

    let o = r.cjm(&["history", "maps/never.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("maps/never.ron: no commit changed this file"),
        "{}",
        stderr(&o)
    );
    assert_eq!(r.ok(&["status", "--porcelain"]), "");
}

#[test]
fn a_commit_where_the_map_does_not_load_is_said_and_the_rest_shown() {
    let (r, _) = followed();
    let text = std::fs::read_to_string(r.path("maps/trial.ron")).unwrap();
    let broken = text.replacen("title:", "titel:", 1);
    std::fs::write(r.path("maps/trial.ron"), &broken).unwrap();
    let bad = r.commit("Typo");
    r.write_map("maps/trial.ron", &at(20));
    r.commit("Typo fixed");
    let o = r.cjm(&["history", "maps/trial.ron"]);
    let t = stdout(&o);
    // A broken commit in the past is history, not trouble: only the newest
    // revision not loading is.
    assert_eq!(o.status.code(), Some(0), "{t}{}", stderr(&o));
    let line = broken.lines().position(|l| l.contains("titel:")).unwrap() + 1;
    assert!(
        t.contains(&format!(
            "{bad}  2026-01-24  Ada Reviewer  Typo\n  map did not load: maps/trial.ron:{line}:"
        )),
        "{t}"
    );
    assert!(t.starts_with("maps/trial.ron: 22 commits"), "{t}");
    assert!(t.contains("Typo fixed\n  emotion: Awareness 5.0"), "{t}");
    // The broken commit is a gap in every sparkline, not a removed stage.
    assert!(
        t.contains("  Awareness    ▁▁▁▁▃▃▃▃▅▅▅▅▆▆▆▆████·█  1.0 → 5.0\n"),
        "{t}"
    );
    assert!(!t.contains("removed"), "{t}");

    // The newest revision not loading is trouble.
    std::fs::write(r.path("maps/trial.ron"), &broken).unwrap();
    r.commit("Typo again");
    let o = r.cjm(&["history", "maps/trial.ron"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let again = r.ok(&["rev-parse", "--short", "HEAD"]);
    assert!(
        stderr(&o).contains(&format!(
            "maps/trial.ron at {}: maps/trial.ron:{line}:",
            again.trim()
        )),
        "{}",
        stderr(&o)
    );
}

#[test]
fn first_parent_follows_only_the_main_line_of_a_merge() {
    let r = Repo::new();
    r.write_map("m.ron", &at(1));
    r.commit("Start");
    r.ok(&["checkout", "-q", "-b", "side"]);
    let mut m = at(1);
    m.stages[5].emotions[0].score = 1;
    r.write_map("m.ron", &m);
    r.commit("On the side branch");
    r.ok(&["checkout", "-q", "main"]);
    r.write_map("m.ron", &at(20));
    r.commit("On main");
    let o = r.git(&["merge", "-q", "--no-edit", "side"]);
    assert!(o.status.success(), "{}", stderr(&o));

    let o = r.cjm(&["history", "m.ron"]);
    let all = stdout(&o);
    assert!(all.contains("On the side branch"), "{all}");
    assert!(all.starts_with("m.ron: 4 commits"), "{all}");
    let o = r.cjm(&["history", "m.ron", "--first-parent"]);
    let t = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{t}{}", stderr(&o));
    assert!(t.starts_with("m.ron: 3 commits"), "{t}");
    assert!(!t.contains("On the side branch"), "{t}");
    assert!(
        t.contains("On main") && t.contains("Merge branch 'side'"),
        "{t}"
    );
}

#[test]
fn a_deleted_stage_is_shown_as_gone_once() {
    let r = Repo::new();
    r.write_map("m.ron", &at(1));
    r.commit("Start");
    let mut m = at(1);
    let gone = m.stages.pop().unwrap();
    r.write_map("m.ron", &m);
    r.commit("Advocacy dropped");
    for n in [5, 9] {
        let mut m = at(n);
        m.stages.pop();
        r.write_map("m.ron", &m);
        r.commit(&format!("Update {n}"));
    }
    let o = r.cjm(&["history", "m.ron"]);
    let t = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{t}{}", stderr(&o));
    let said = format!("  stage removed: {}\n", gone.name);
    assert_eq!(t.matches(&said).count(), 1, "{t}");
    assert!(t.contains(&format!("Advocacy dropped\n{said}")), "{t}");
    // In the sparkline: its last score, the commit that removed it, then nothing.
    assert!(
        t.contains(&format!("  {}     ▇×    4.5 → removed\n", gone.name)),
        "{t}"
    );

    let o = r.cjm(&["history", "m.ron", "--format", "markdown"]);
    let md = stdout(&o);
    assert_eq!(md.matches(" removed |").count(), 1, "{md}");
    assert!(
        md.contains(&format!("- {}: `▇×  ` (removed)", gone.name)),
        "{md}"
    );
}

#[test]
fn a_merge_that_combines_two_branches_is_a_row_with_the_merged_map() {
    let r = Repo::new();
    r.write_map("maps/journey.ron", &at(1));
    r.commit("Start");
    r.ok(&["checkout", "-q", "-b", "side"]);
    let mut m = at(1);
    m.stages[5].emotions[0].score = 1;
    r.write_map("maps/journey.ron", &m);
    r.commit("Advocacy got worse");
    r.ok(&["checkout", "-q", "main"]);
    r.write_map("maps/journey.ron", &at(20));
    r.commit("Awareness fixed");
    let o = r.git(&["merge", "-q", "--no-edit", "side"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let merged = r.read_map("maps/journey.ron");
    assert_eq!(merged.stages[0].emotions[0].score, 5);
    assert_eq!(merged.stages[5].emotions[0].score, 1);

    let o = r.cjm(&["history", "maps/journey.ron", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let commits = v["commits"].as_array().unwrap();
    let last = commits.last().unwrap();
    assert!(
        last["subject"].as_str().unwrap().starts_with("Merge"),
        "{v}"
    );
    assert_eq!(last["path"], "maps/journey.ron");
    assert!(last.get("error").is_none(), "{last}");
    assert_eq!(last["stages"][0]["emotion"], 5.0);
}

/// A subject holding the old field and record separators neither forges a row
/// nor hides its commit.
#[test]
fn a_subject_cannot_forge_a_row_or_hide_a_commit() {
    let r = Repo::new();
    r.write_map("m.ron", &at(1));
    let real = r.commit("One\x1ftwo");
    let full = r.ok(&["rev-parse", "HEAD"]).trim().to_string();
    r.write_map("m.ron", &at(5));
    let forged =
        format!("tweak title\x1e{full}\x1fdeadbee\x1f1999-12-31\x1fCEO\x1fApproved by legal");
    r.commit(&forged);
    let o = r.cjm(&["history", "m.ron"]);
    let t = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{t}{}", stderr(&o));
    assert!(t.starts_with("m.ron: 2 commits, oldest first\n"), "{t}");
    assert!(t.contains(&real), "{t}");
    assert!(!t.contains("\ndeadbee  1999-12-31  CEO"), "{t}");
    assert!(
        t.contains("tweak title\\u{1e}"),
        "the subject is shown whole: {t}"
    );
}

/// `git cat-file` answers "NAME missing" for the commit that deleted a file; a
/// name with spaces must read as that, not as a bad answer.
#[test]
fn a_deleted_file_with_spaces_in_its_name_has_its_history() {
    let r = Repo::new();
    r.write_map("my map.ron", &at(1));
    r.commit("Added");
    r.write_map("my map.ron", &at(5));
    r.commit("Changed");
    r.ok(&["rm", "-q", "my map.ron"]);
    r.commit("Deleted");
    let o = r.cjm(&["history", "my map.ron"]);
    let t = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{t}{}", stderr(&o));
    assert!(
        t.starts_with("my map.ron: 2 commits, oldest first\n"),
        "{t}"
    );
}

/// A commit whose map is over the size limit is said, not dropped as if it had
/// deleted the file.
#[test]
fn an_oversized_commit_is_said() {
    let r = Repo::new();
    r.write_map("m.ron", &at(1));
    r.commit("Added");
    let big = std::fs::OpenOptions::new()
        .write(true)
        .open(r.path("m.ron"))
        .unwrap();
    big.set_len(300 * 1024 * 1024).unwrap();
    drop(big);
    let short = r.commit("Oversized");
    let o = r.cjm(&["history", "m.ron"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{}{err}", stdout(&o));
    assert!(
        err.contains(&format!("m.ron at {short}: larger than 256 MB")),
        "{err}"
    );
    assert!(
        stdout(&o).contains("  map did not load: larger than 256 MB"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_file_whose_name_holds_a_line_feed_has_its_history() {
    let r = Repo::new();
    let name = "maps/first\nsecond.ron";
    r.write_map(name, &at(1));
    r.commit("one");
    r.write_map(name, &at(2));
    r.commit("two");
    let o = r.cjm(&["history", name]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let t = stdout(&o);
    assert!(t.starts_with("maps/first\\nsecond.ron: 2 commits"), "{t}");
}
