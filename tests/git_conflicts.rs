//! A conflict `cjm merge` cannot resolve lasts in the file until a person
//! resolves it, in every way git runs the driver: a rebase (where "ours" is the
//! upstream and the user's own change is "theirs"), a cherry-pick and a merge.
//! The user does what git tells them (`git add`, continue), and their side is
//! still in the committed file, and `cjm check` fails until it is resolved.

mod common;

mod gitrepo;

use cjm::edit::{Choice, resolve};
use cjm::model::{Element, JourneyMap, Side};
use gitrepo::{Repo, example, stdout};

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn with_score(score: i64) -> JourneyMap {
    let mut m = example("espresso.ron");
    m.stages[0].emotions[0].score = score;
    m
}

/// base 2; `main` sets 3, `feature` sets 4; `cjm git-setup --write` as users do.
fn diverged() -> Repo {
    let r = Repo::new();
    let o = r.cjm(&["git-setup", "--write"]);
    assert!(o.status.success(), "{}", stderr(&o));
    r.write_map("maps/client one/journey.ron", &with_score(2));
    r.commit("base");
    r.ok(&["checkout", "-q", "-b", "feature"]);
    r.write_map("maps/client one/journey.ron", &with_score(4));
    r.commit("feature: the first reel delights her");
    r.ok(&["checkout", "-q", "main"]);
    r.write_map("maps/client one/journey.ron", &with_score(3));
    r.commit("main: the reel is only fine");
    r
}

const MAP: &str = "maps/client one/journey.ron";

fn continue_env(r: &Repo, args: &[&str]) -> std::process::Output {
    let mut c = std::process::Command::new("git");
    c.args(args);
    r.env(&mut c);
    c.env("GIT_EDITOR", "true").output().unwrap()
}

/// The recorded conflict in a committed or working map: the score on each side.
fn scores(m: &JourneyMap) -> Vec<(Option<i64>, Option<i64>, Option<i64>)> {
    let s = |e: Option<&Element>| match e {
        Some(Element::Emotion(e)) => Some(e.score),
        _ => None,
    };
    m.conflicts
        .iter()
        .map(|c| {
            (
                s(c.side(Side::Base)),
                s(c.side(Side::Ours)),
                s(c.side(Side::Theirs)),
            )
        })
        .collect()
}

fn check_fails_naming_both(r: &Repo, path: &str, ours: &str, theirs: &str) {
    let o = r.cjm(&["check", path]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}{}", stderr(&o));
    let line = out
        .lines()
        .find(|l| l.contains("error[conflict]"))
        .unwrap_or_else(|| panic!("no conflict line: {out}"));
    // PATH:LINE:COL: error[conflict]: the element and both values.
    assert!(line.starts_with(&format!("{path}:")), "{line}");
    assert!(line.contains("stage `awareness`, emotions"), "{line}");
    assert!(line.contains(ours) && line.contains(theirs), "{line}");
    let o = r.cjm(&["fmt", "--check", path]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "fmt --check lets a conflicted map through"
    );
}

#[test]
fn a_rebase_keeps_the_users_change_after_git_add_and_continue() {
    let r = diverged();
    r.ok(&["checkout", "-q", "feature"]);
    let o = r.git(&["rebase", "main"]);
    assert!(!o.status.success(), "the rebase must stop on the conflict");
    let err = stderr(&o);
    // Every conflict is listed, with git's names for the sides.
    assert!(
        err.contains("CONFLICT (cjm): stage `awareness`, emotions: both changed it"),
        "{err}"
    );
    assert!(
        err.contains("theirs (") && err.contains("feature: the first reel delights her"),
        "{err}"
    );
    let m = r.read_map(MAP);
    assert_eq!(scores(&m), [(Some(2), Some(3), Some(4))]);
    check_fails_naming_both(&r, MAP, "3/5 Curious", "4/5 Curious");

    // What git tells the user to do, done without reading the map.
    r.ok(&["add", MAP]);
    let o = continue_env(&r, &["rebase", "--continue"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let committed = r.ok(&["show", &format!("HEAD:{MAP}")]);
    let m = cjm::format::load(committed.as_bytes()).unwrap().map;
    assert_eq!(
        scores(&m),
        [(Some(2), Some(3), Some(4))],
        "the 4 survived the rebase"
    );
    check_fails_naming_both(&r, MAP, "3/5 Curious", "4/5 Curious");

    // Resolved by taking the user's side, the map is done and holds the 4.
    let fixed = resolve(&m, 0, Choice::Take(Side::Theirs)).unwrap();
    assert_eq!(fixed.stages[0].emotions[0].score, 4);
    r.write_map(MAP, &fixed);
    let o = r.cjm(&["check", MAP]);
    assert!(o.status.success(), "{}", stdout(&o));
    assert!(
        !std::fs::read_to_string(r.path(MAP))
            .unwrap()
            .contains("conflicts:")
    );
}

#[test]
fn a_cherry_pick_keeps_the_picked_change_until_resolved() {
    let r = diverged();
    let o = r.git(&["cherry-pick", "feature"]);
    assert!(!o.status.success());
    r.ok(&["add", MAP]);
    let o = continue_env(&r, &["cherry-pick", "--continue"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let m = cjm::format::load(r.ok(&["show", &format!("HEAD:{MAP}")]).as_bytes())
        .unwrap()
        .map;
    assert_eq!(scores(&m), [(Some(2), Some(3), Some(4))]);
    assert_eq!(m.conflicts[0].label(Side::Ours), "HEAD");
    check_fails_naming_both(&r, MAP, "ours (HEAD): 3/5 Curious", "4/5 Curious");
}

#[test]
fn a_merge_keeps_theirs_visible_in_show_and_git_show() {
    let r = diverged();
    let o = r.git(&["merge", "--no-edit", "feature"]);
    assert!(!o.status.success());
    r.ok(&["add", MAP]);
    let o = continue_env(&r, &["commit", "--no-edit"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let m = r.read_map(MAP);
    assert_eq!(m.conflicts[0].label(Side::Theirs), "feature");
    check_fails_naming_both(
        &r,
        MAP,
        "ours (HEAD): 3/5 Curious",
        "theirs (feature): 4/5 Curious",
    );
    // `cjm show`, and git's textconv through it, put the conflict first.
    let shown = stdout(&r.cjm(&["show", MAP]));
    assert!(
        shown.starts_with("!! 1 UNRESOLVED MERGE CONFLICT"),
        "{shown}"
    );
    assert!(
        shown.contains("!!   theirs (feature): 4/5 Curious"),
        "{shown}"
    );
    let log = r.ok(&["show", "HEAD", "--", MAP]);
    assert!(log.contains("+!! 1 UNRESOLVED MERGE CONFLICT"), "{log}");
}

#[test]
fn a_driver_set_up_before_labels_falls_back_to_ours_and_theirs() {
    let r = diverged();
    let bin = std::path::PathBuf::from(common::bin::BIN);
    r.ok(&[
        "config",
        "merge.cjm.driver",
        &format!(
            "'{}' merge %O %A %B --path %P --marker-size %L",
            bin.display()
        ),
    ]);
    let o = r.git(&["merge", "--no-edit", "feature"]);
    assert!(!o.status.success());
    let m = r.read_map(MAP);
    assert_eq!(m.conflicts[0].labels, ["base", "ours", "theirs"]);
    // A git older than 2.44 passes the placeholders themselves.
    assert_eq!(
        cjm::diff::conflicts::labels(Some("%S"), Some("%X"), Some("")),
        ["base", "ours", "theirs"]
    );
}

#[test]
fn merging_again_keeps_conflicts_a_side_still_has_and_drops_resolved_ones() {
    let base = with_score(2);
    let (mut ours, theirs) = (with_score(3), with_score(4));
    let labels = cjm::model::Conflict::plain_labels();
    let (first, _) = cjm::diff::merge::merge_recorded(&base, &ours, &theirs, &labels);
    assert_eq!(first.conflicts.len(), 1);
    // Our branch carries the conflict on; a later merge of an unrelated change
    // keeps it, and once resolved on one side it stays resolved.
    ours.conflicts = first.conflicts.clone();
    let mut other = ours.clone();
    other.title.push_str(" (v2)");
    let (again, _) = cjm::diff::merge::merge_recorded(&ours, &ours, &other, &labels);
    assert_eq!(again.conflicts, first.conflicts);
    let resolved = resolve(&ours, 0, Choice::Take(Side::Theirs)).unwrap();
    let (after, _) = cjm::diff::merge::merge_recorded(&ours, &resolved, &other, &labels);
    assert!(after.conflicts.is_empty());
    assert!(after.title.ends_with("(v2)"));
}

#[test]
fn a_review_of_a_branch_that_committed_a_conflict_says_so_and_fails() {
    let r = diverged();
    r.ok(&["checkout", "-q", "feature"]);
    assert!(!r.git(&["rebase", "main"]).status.success());
    r.ok(&["add", MAP]);
    assert!(continue_env(&r, &["rebase", "--continue"]).status.success());
    for format in ["text", "markdown"] {
        let o = r.cjm(&["diff", "--git", "main...feature", "--format", format]);
        let out = stdout(&o);
        assert_eq!(o.status.code(), Some(2), "{out}");
        let top: String = out.lines().take(2).collect();
        assert!(top.contains("holds 1 unresolved merge conflict"), "{out}");
        assert!(out.contains("4/5 Curious"), "{out}");
        assert!(
            stderr(&o).contains("unresolved merge conflict"),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn an_export_of_a_conflicted_map_warns_and_leaves_the_record_out_of_json() {
    let r = diverged();
    assert!(!r.git(&["merge", "--no-edit", "feature"]).status.success());
    let o = r.cjm(&["export", MAP, "--format", "json"]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("holds 1 unresolved merge conflict"),
        "{}",
        stderr(&o)
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(json.get("conflicts").is_none());
    assert_eq!(json["format"], 1, "the version of what the JSON holds");
}

#[test]
fn votes_that_add_up_past_what_a_map_holds_are_a_conflict_not_a_silent_cap() {
    let voted = |n: u32| {
        let mut m = with_score(2);
        m.stages[0].pain_points[0].votes = n;
        m
    };
    let (base, ours, theirs) = (voted(0), voted(u32::MAX), voted(2));
    let (m, _) = cjm::diff::merge::merge_recorded(
        &base,
        &ours,
        &theirs,
        &cjm::model::Conflict::plain_labels(),
    );
    assert_eq!(m.conflicts.len(), 1, "{:?}", m.conflicts);
    assert!(
        m.conflicts[0]
            .what
            .contains("4294967297, more than cjm can count"),
        "{}",
        m.conflicts[0].what
    );
    assert_eq!(
        m.stages[0].pain_points[0].votes,
        u32::MAX,
        "ours stays in place"
    );
}

#[test]
fn a_failed_line_merge_names_the_file_not_gits_temporary_copy() {
    let r = Repo::new();
    assert!(r.cjm(&["git-setup", "--write"]).status.success());
    std::fs::write(r.path("blob.ron"), b"JourneyMap(\0base").unwrap();
    r.commit("base");
    r.ok(&["checkout", "-q", "-b", "feature"]);
    std::fs::write(r.path("blob.ron"), b"JourneyMap(\0theirs").unwrap();
    r.commit("feature");
    r.ok(&["checkout", "-q", "main"]);
    std::fs::write(r.path("blob.ron"), b"JourneyMap(\0ours").unwrap();
    r.commit("main");
    let o = r.git(&["merge", "--no-edit", "feature"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("blob.ron"), "{err}");
    assert!(!err.contains(".merge_file"), "{err}");
}

// ---- resolving each kind of record, as found in review ----

fn merged(base: &JourneyMap, ours: &JourneyMap, theirs: &JourneyMap) -> JourneyMap {
    cjm::diff::merge::merge_recorded(base, ours, theirs, &cjm::model::Conflict::plain_labels()).0
}

#[test]
fn a_stage_both_added_differently_takes_the_chosen_sides_content() {
    let base = with_score(2);
    let stage = |what: &str| {
        let mut s = cjm::model::Stage::named("New");
        s.actions = vec![format!("{what} work")];
        s
    };
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.stages.push(stage("ours"));
    theirs.stages.push(stage("their"));
    let m = merged(&base, &ours, &theirs);
    assert_eq!(m.conflicts.len(), 1);
    // The two versions read differently wherever they are shown.
    let line = m.conflicts[0].line();
    assert!(
        line.contains("ours work") && line.contains("their work"),
        "{line}"
    );
    let t = resolve(&m, 0, Choice::Take(Side::Theirs)).unwrap();
    assert_eq!(t.stages.last().unwrap().actions, ["their work"]);
    assert_eq!(t.stages.len(), m.stages.len());
    let b = resolve(&m, 0, Choice::Take(Side::Base)).unwrap();
    assert_eq!(b.stages.len(), base.stages.len(), "base had no such stage");
    // Edited since the merge: taking a side would throw the edit away.
    let mut edited = m.clone();
    edited
        .stages
        .last_mut()
        .unwrap()
        .actions
        .push("more".into());
    assert!(resolve(&edited, 0, Choice::Take(Side::Theirs)).is_err());
    assert!(resolve(&edited, 0, Choice::AsIs).is_ok());
}

#[test]
fn a_changed_stage_the_other_side_removed_can_be_taken_from_base() {
    let base = with_score(2);
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.stages[1].actions.push("ours added this".into());
    theirs.stages.remove(1);
    let m = merged(&base, &ours, &theirs);
    assert_eq!(m.conflicts.len(), 1);
    let b = resolve(&m, 0, Choice::Take(Side::Base)).unwrap();
    assert_eq!(b.stages[1], base.stages[1]);
    let t = resolve(&m, 0, Choice::Take(Side::Theirs)).unwrap();
    assert_eq!(t.stages.len(), base.stages.len() - 1);
}

#[test]
fn a_voted_item_both_changed_resolves_to_any_side_keeping_all_votes() {
    let base = with_score(2);
    let set = |sev: cjm::model::Level, votes: u32| {
        let mut m = base.clone();
        m.stages[0].pain_points[0].severity = sev;
        m.stages[0].pain_points[0].votes = votes;
        m
    };
    use cjm::model::Level::{High, Low, Medium};
    let (b, o, t) = (set(Low, 1), set(High, 2), set(Medium, 3));
    let m = merged(&b, &o, &t);
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(m.stages[0].pain_points[0].votes, 4);
    for (side, sev) in [
        (Side::Ours, High),
        (Side::Theirs, Medium),
        (Side::Base, Low),
    ] {
        let r = resolve(&m, 0, Choice::Take(side)).unwrap();
        assert_eq!(r.stages[0].pain_points[0].severity, sev);
        assert_eq!(r.stages[0].pain_points[0].votes, 4, "everyone's votes kept");
    }
}

#[test]
fn a_text_edited_since_the_merge_is_not_overwritten() {
    let base = with_score(2);
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.title = "Ours".into();
    theirs.title = "Theirs".into();
    let mut m = merged(&base, &ours, &theirs);
    m.title = "Hand-made".into();
    assert!(resolve(&m, 0, Choice::Take(Side::Theirs)).is_err());
    assert_eq!(resolve(&m, 0, Choice::AsIs).unwrap().title, "Hand-made");
}

#[test]
fn diff_and_fmt_see_the_record_of_conflicts() {
    let r = diverged();
    assert!(!r.git(&["merge", "--no-edit", "feature"]).status.success());
    r.ok(&["add", MAP]);
    assert!(continue_env(&r, &["commit", "--no-edit"]).status.success());
    let resolved = resolve(&r.read_map(MAP), 0, Choice::Take(Side::Theirs)).unwrap();
    r.write_map("resolved.ron", &resolved);
    // The record alone changed between the two: the diff says so and exits 1.
    let mut ours = r.read_map(MAP);
    ours.stages[0].emotions[0].score = 4;
    r.write_map("same-but-recorded.ron", &ours);
    let o = r.cjm(&["diff", "same-but-recorded.ron", "resolved.ron"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("unresolved merge conflicts: 1 → 0 (all resolved)"),
        "{}",
        stdout(&o)
    );
    // fmt: --check on standard input fails too; a rewrite says what is left.
    let mut c = common::cjm();
    c.args(["fmt", "--check", "-"]);
    r.env(&mut c);
    let o = c
        .stdin(std::fs::File::open(r.path(MAP)).unwrap())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("error[conflict]"));
    let o = r.cjm(&["fmt", MAP]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains("holds 1 unresolved merge conflict"),
        "{}",
        stderr(&o)
    );
    // The review of a commit that resolved them lists the map as changed.
    std::fs::remove_file(r.path("same-but-recorded.ron")).unwrap();
    std::fs::remove_file(r.path("resolved.ron")).unwrap();
    r.write_map(MAP, &resolved);
    let o = r.cjm(&["diff", "--git", "HEAD"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("unresolved merge conflicts: 1 → 0 (all resolved)"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn many_recorded_conflicts_still_fit_the_review_budget() {
    let r = diverged();
    let base = with_score(2);
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    for i in 0..600 {
        ours.stages[0].actions.push(format!("action {i}"));
        theirs.stages[0].actions.push(format!("action {i}"));
    }
    r.write_map("big.ron", &base);
    r.commit("big");
    let (mut o2, mut t2) = (ours.clone(), theirs.clone());
    for i in 0..600 {
        o2.stages[0].actions[i + 3] = format!("ours rewrote action {i} at length, as people do");
        t2.stages[0].actions[i + 3] =
            format!("theirs rewrote action {i} differently, also at length");
    }
    let m = merged(&ours, &o2, &t2);
    assert!(m.conflicts.len() >= 500, "{}", m.conflicts.len());
    r.write_map("big.ron", &m);
    r.commit("conflicted");
    for max in ["5000", "60000"] {
        let o = r.cjm(&[
            "diff",
            "--git",
            "HEAD~1",
            "HEAD",
            "--format",
            "markdown",
            "--max-chars",
            max,
        ]);
        let out = stdout(&o);
        assert_eq!(o.status.code(), Some(2));
        assert!(
            out.len() <= max.parse::<usize>().unwrap(),
            "{} > {max}",
            out.len()
        );
        assert!(out.contains("more conflicts not listed here"), "{out}");
    }
}
