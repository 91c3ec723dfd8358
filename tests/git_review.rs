//! `cjm diff --git`: a pull request's maps reviewed on a real repository. A branch
//! renames one map, renames and moves a stage in another, closes pain points and
//! raises an emotion in a third, and changes a `.ron` file that is not a map; the
//! Markdown comment must have one row per map with the right counts, the emotion
//! delta, the details, and no word about the other file.

mod bigmaps;
mod common;
mod gfm;
mod gitrepo;

use cjm::model::Status;
use gitrepo::{Repo, example, stderr, stdout};

const CONFIG: &str = "(name: \"ci\", jobs: [\"lint\"])\n";

/// main: three maps, an unrelated config and a map nobody touches; branch
/// `feature` with the three changes.
fn pull_request() -> Repo {
    let r = Repo::new();
    r.write_map("maps/espresso.ron", &example("espresso.ron"));
    r.write_map("maps/saas.ron", &example("saas-trial.ron"));
    r.write_map("maps/hospital.ron", &example("hospital-visit.ron"));
    r.write_map("maps/untouched.ron", &example("magazine-subscription.ron"));
    r.write("config.ron", CONFIG);
    r.commit("Maps from the workshop");
    r.ok(&["checkout", "-q", "-b", "feature"]);

    r.ok(&["mv", "maps/espresso.ron", "maps/home-espresso.ron"]);

    let mut saas = r.read_map("maps/saas.ron");
    let mut onboarding = saas.stages.remove(2);
    assert_eq!(onboarding.name, "Onboarding");
    onboarding.name = "First week".into();
    saas.stages.push(onboarding);
    r.write_map("maps/saas.ron", &saas);

    let mut h = r.read_map("maps/hospital.ron");
    let referral = &mut h.stages[0];
    assert_eq!(referral.name, "Referral");
    assert_eq!(referral.pain_points.len(), 2);
    referral.pain_points.clear();
    assert_eq!(referral.emotions[1].score, 2);
    referral.emotions[1].score = 4;
    assert_eq!(referral.optimizations[0].status, Status::InProgress);
    referral.optimizations[0].status = Status::Done;
    r.write_map("maps/hospital.ron", &h);

    r.write("config.ron", "(name: \"ci\", jobs: [\"lint\", \"test\"])\n");
    r.commit("Journey after the referral fixes");
    r
}

const TABLE: &str = "\
| Map | Change | Stages | Items | Pain points | Optimizations |
| --- | --- | --- | --- | --- | --- |
";

#[test]
fn markdown_comment_has_a_row_per_map_the_deltas_and_the_details() {
    let r = pull_request();
    let o = r.cjm(&["diff", "--git", "main", "HEAD", "--format", "markdown"]);
    let md = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{md}{}", stderr(&o));
    assert!(md.contains("3 maps changed between main and HEAD"), "{md}");
    assert!(md.contains(TABLE), "{md}");
    for row in [
        "| maps/espresso.ron → maps/home-espresso.ron | renamed | – | – | – | – |",
        "| maps/hospital.ron | changed | – | 2 removed, 2 changed | 2 closed (1 high, 1 medium) | 1 status changed |",
        "| maps/saas.ron | changed | 1 renamed, 1 moved | – | – |",
    ] {
        assert!(md.contains(row), "missing row\n{row}\nin\n{md}");
    }
    assert_eq!(md.matches("\n| maps/").count(), 3, "one row per map:\n{md}");
    // The emotion delta, then the details as `cjm diff` gives them.
    assert!(
        md.contains("**Emotion**\n\n- Referral 2.5 → 3.5 ▲1.0\n"),
        "{md}"
    );
    // Each map's details folded, saying how many changes they hold.
    assert!(
        md.contains("### maps/saas.ron (changed)\n\n<details><summary>2 changes</summary>\n\n- **Stage First week**"),
        "{md}"
    );
    assert_eq!(md.matches("<details>").count(), 2, "{md}");
    assert_eq!(md.matches("\n\n</details>\n").count(), 2, "{md}");
    assert!(
        md.contains("**changed** name: ~~“Onboarding”~~ → “First week”"),
        "{md}"
    );
    assert!(md.contains("**changed** moved (position 3 → 6)"), "{md}");
    assert!(
        md.contains("**removed**: \\[high\\] No confirmation"),
        "{md}"
    );
    assert!(
        md.contains(
            "### maps/espresso.ron → maps/home-espresso.ron (renamed)\n\nNo change to the map."
        ),
        "{md}"
    );
    // Neither the unrelated .ron file nor the untouched map.
    assert!(!md.contains("config"), "{md}");
    assert!(!md.contains("untouched"), "{md}");
}

#[test]
fn text_review_says_the_same() {
    let r = pull_request();
    let o = r.cjm(&["diff", "--git", "main", "HEAD"]);
    let t = stdout(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        t.contains("renamed maps/espresso.ron → maps/home-espresso.ron"),
        "{t}"
    );
    assert!(t.contains("changed maps/hospital.ron\n  stages: – · items: 2 removed, 2 changed · pain points: 2 closed (1 high, 1 medium) · optimizations: 1 status changed\n"), "{t}");
    assert!(
        t.contains("  emotion\n    Referral 2.5 → 3.5 ▲1.0\n"),
        "{t}"
    );
    assert!(t.contains("stages: 1 renamed, 1 moved"), "{t}");
    assert!(!t.contains("config"), "{t}");
    // The same review from a subfolder: paths stay the repository's.
    let o = r.cjm_in(&r.path("maps"), &["diff", "--git", "main", "HEAD"]);
    assert_eq!(stdout(&o), t);
}

#[test]
fn defaults_are_the_merge_base_with_main_against_the_work_tree() {
    let r = pull_request();
    // main moves on after the branch point: not part of this branch's review.
    r.ok(&["checkout", "-q", "main"]);
    let mut m = r.read_map("maps/untouched.ron");
    m.title = "Changed on main later".into();
    r.write_map("maps/untouched.ron", &m);
    r.commit("Unrelated work on main");
    r.ok(&["checkout", "-q", "feature"]);
    // An uncommitted change and a new, untracked map in the work tree.
    let mut s = r.read_map("maps/saas.ron");
    for e in &mut s.stages[0].emotions {
        e.score = 4;
    }
    r.write_map("maps/saas.ron", &s);
    r.write_map("maps/new.ron", &example("espresso.ron"));

    let o = r.cjm(&["diff", "--git"]);
    let t = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{t}{}", stderr(&o));
    assert!(
        t.starts_with(
            "4 maps changed between the merge base with the main branch and the work tree"
        ),
        "{t}"
    );
    assert!(t.contains("added maps/new.ron"), "{t}");
    assert!(t.contains("Awareness 2.5 → 4.0 ▲1.5"), "{t}");
    assert!(
        !t.contains("untouched"),
        "main's later work is not this branch's: {t}"
    );

    // One revision: that revision against the work tree.
    let o = r.cjm(&["diff", "--git", "HEAD"]);
    let t = stdout(&o);
    assert!(
        t.starts_with("2 maps changed between HEAD and the work tree"),
        "{t}"
    );
}

#[test]
fn no_change_exits_0() {
    let r = pull_request();
    let o = r.cjm(&["diff", "--git", "HEAD", "HEAD"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "no map changed between HEAD and HEAD\n");
    // Only the config changed: still no map.
    r.write("config.ron", "(name: \"other\")\n");
    let o = r.cjm(&["diff", "--git", "HEAD", "--format", "markdown"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "No journey map changed between HEAD and the work tree.\n"
    );
}

#[test]
fn a_map_that_does_not_load_at_one_revision_is_said_and_the_rest_reviewed() {
    let r = pull_request();
    let text = std::fs::read_to_string(r.path("maps/saas.ron")).unwrap();
    let broken = text.replacen("score: 2,", "score: 9,", 1);
    assert_ne!(broken, text);
    std::fs::write(r.path("maps/saas.ron"), &broken).unwrap();
    r.commit("A typo");
    let o = r.cjm(&["diff", "--git", "main", "HEAD", "--format", "markdown"]);
    let md = stdout(&o);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{md}{err}");
    let line = broken.lines().position(|l| l.contains("score: 9")).unwrap() + 1;
    let said = format!("maps/saas.ron at HEAD: maps/saas.ron:{line}:");
    assert!(err.contains(&format!("cjm: {said}")), "{err}");
    assert!(
        md.contains("| maps/saas.ron | changed | does not load |"),
        "{md}"
    );
    assert!(md.contains("**Cannot compare**"), "{md}");
    // The other maps are still reviewed.
    assert!(md.contains("| maps/hospital.ron | changed |"), "{md}");
    assert!(md.contains("Referral 2.5 → 3.5 ▲1.0"), "{md}");
}

#[test]
fn bad_input_is_trouble_with_a_clear_message() {
    let r = pull_request();
    let o = r.cjm(&["diff", "--git", "no-such-branch"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no-such-branch: no such revision"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty());

    let o = r.cjm(&["diff", "--git", "main", "HEAD", "extra"]);
    assert_eq!(o.status.code(), Some(2));

    let not_a_repo = tempfile::tempdir().unwrap();
    let o = r.cjm_in(not_a_repo.path(), &["diff", "--git"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("not inside a git repository"),
        "{}",
        stderr(&o)
    );

    // Nothing was touched by any of it.
    assert_eq!(r.ok(&["status", "--porcelain"]), "");
}

#[test]
fn two_file_diff_shows_the_emotion_delta_too() {
    let r = pull_request();
    let o = r.cjm(&["diff", "main:maps/hospital.ron", "maps/hospital.ron"]);
    let t = stdout(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(t.starts_with("emotion\n  Referral 2.5 → 3.5 ▲1.0\n"), "{t}");
    let o = r.cjm(&[
        "diff",
        "maps/hospital.ron",
        "main:maps/hospital.ron",
        "--format",
        "markdown",
    ]);
    assert!(
        stdout(&o).starts_with(
            "**Stages**: – · **Items**: 2 added, 2 changed · **Pain points**: 2 opened (1 high, 1 medium) · **Optimizations**: 1 status changed\n\n**Emotion**\n\n- Referral 3.5 → 2.5 ▼1.0\n\n<details><summary>4 changes</summary>\n\n"
        ),
        "{}",
        stdout(&o)
    );
}

/// Maps behind a clean/smudge filter (as Git LFS stores them): the blobs are not
/// maps until git's filter has run, and the review and the history read them as
/// a checkout would.
#[test]
fn maps_behind_a_filter_such_as_lfs_are_read_as_checked_out() {
    let r = Repo::new();
    r.ok(&["config", "filter.b64.clean", "base64 -w0"]);
    r.ok(&["config", "filter.b64.smudge", "base64 -d"]);
    r.ok(&["config", "filter.b64.required", "true"]);
    r.write(".gitattributes", "vault/*.ron filter=b64\n");
    r.write_map("vault/journey.ron", &example("hospital-visit.ron"));
    r.commit("Stored encoded");
    let stored = r.ok(&["cat-file", "-p", "HEAD:vault/journey.ron"]);
    assert!(
        !stored.contains("JourneyMap"),
        "the blob is not a map: {stored}"
    );
    let mut h = r.read_map("vault/journey.ron");
    h.stages[0].emotions[1].score = 4;
    r.write_map("vault/journey.ron", &h);
    r.commit("Referral better");

    let o = r.cjm(&["diff", "--git", "HEAD~1", "HEAD"]);
    let t = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{t}{}", stderr(&o));
    assert!(t.contains("changed vault/journey.ron"), "{t}");
    assert!(t.contains("Referral 2.5 → 3.5 ▲1.0"), "{t}");

    let o = r.cjm(&["history", "vault/journey.ron"]);
    let t = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{t}{}", stderr(&o));
    assert!(
        t.contains("  Referral                            ▄▅  2.5 → 3.5\n"),
        "{t}"
    );
}

/// A map side that cannot be read (the work-tree file or the blob over the size
/// limit) is said with the revision and the path and the exit is 2; it is never
/// taken for an absent map ("5 stages removed").
#[test]
fn a_side_too_large_to_read_is_said_not_taken_for_a_removed_map() {
    let r = pull_request();
    let big = std::fs::OpenOptions::new()
        .write(true)
        .open(r.path("maps/saas.ron"))
        .unwrap();
    big.set_len(300 * 1024 * 1024).unwrap();
    drop(big);
    let o = r.cjm(&["diff", "--git", "HEAD"]);
    let (t, err) = (stdout(&o), stderr(&o));
    assert_eq!(o.status.code(), Some(2), "{t}{err}");
    assert!(
        err.contains("cjm: maps/saas.ron at the work tree: larger than 256 MB"),
        "{err}"
    );
    assert!(t.contains("cannot compare"), "{t}");
    assert!(!t.contains("removed"), "{t}");

    r.commit("Oversized");
    let o = r.cjm(&["diff", "--git", "HEAD~1", "HEAD"]);
    let (t, err) = (stdout(&o), stderr(&o));
    assert_eq!(o.status.code(), Some(2), "{t}{err}");
    assert!(
        err.contains("cjm: maps/saas.ron at HEAD: larger than 256 MB"),
        "{err}"
    );
    assert!(!t.contains("removed"), "{t}");
}

/// In a SHA-256 repository git's "no blob" id is 64 zeros: the work-tree side
/// must still be read from the work tree.
#[test]
fn a_sha256_repository_reviews_the_work_tree() {
    let r = Repo::new();
    std::fs::remove_dir_all(r.path(".git")).unwrap();
    r.ok(&["init", "-q", "-b", "main", "--object-format=sha256"]);
    r.ok(&["config", "user.name", "Ada Reviewer"]);
    r.ok(&["config", "user.email", "ada@example.com"]);
    r.write_map("maps/hospital.ron", &example("hospital-visit.ron"));
    r.commit("Map");
    let mut h = r.read_map("maps/hospital.ron");
    h.stages[0].emotions[1].score = 4;
    r.write_map("maps/hospital.ron", &h);
    let o = r.cjm(&["diff", "--git", "HEAD"]);
    let t = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{t}{}", stderr(&o));
    assert!(t.contains("Referral 2.5 → 3.5 ▲1.0"), "{t}");
    assert!(!t.contains("removed"), "{t}");
}

/// A filter (such as Git LFS's) may write without end: the review and the
/// history read its output only up to the size limit and say so.
#[test]
fn a_filter_writing_past_the_size_limit_is_said() {
    let r = Repo::new();
    r.ok(&["config", "filter.big.clean", "cat"]);
    r.ok(&[
        "config",
        "filter.big.smudge",
        "cat >/dev/null; head -c 280000000 /dev/zero",
    ]);
    r.write(".gitattributes", "vault/*.ron filter=big\n");
    r.write_map("vault/journey.ron", &example("hospital-visit.ron"));
    r.write_map("maps/hospital.ron", &example("hospital-visit.ron"));
    r.commit("Stored");
    let mut h = r.read_map("maps/hospital.ron");
    h.stages[0].emotions[1].score = 4;
    r.write_map("vault/journey.ron", &h);
    r.write_map("maps/hospital.ron", &h);
    let short = r.commit("Referral better");

    let o = r.cjm(&["diff", "--git", "HEAD~1", "HEAD"]);
    let (t, err) = (stdout(&o), stderr(&o));
    assert_eq!(o.status.code(), Some(2), "{t}{err}");
    assert!(
        err.contains("cjm: vault/journey.ron at HEAD~1: larger than 256 MB"),
        "{err}"
    );
    assert!(
        t.contains("Referral 2.5 → 3.5 ▲1.0"),
        "the rest reviewed: {t}"
    );

    let o = r.cjm(&["history", "vault/journey.ron"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{}{err}", stdout(&o));
    assert!(
        err.contains(&format!("vault/journey.ron at {short}: larger than 256 MB")),
        "{err}"
    );
}

/// A pull request changing 1,000 long items of one map (and a small change to
/// another): the comment fits GitHub's limit, or `--max-chars`, keeps the table
/// whole, folds each map's details, and ends by saying what it left out and how
/// to see it.
#[test]
fn a_thousand_changes_fit_one_comment() {
    let r = Repo::new();
    r.write_map("maps/big.ron", &bigmaps::map(false));
    r.write_map("maps/hospital.ron", &example("hospital-visit.ron"));
    r.commit("Maps");
    r.ok(&["checkout", "-q", "-b", "huge"]);
    r.write_map("maps/big.ron", &bigmaps::map(true));
    let mut h = r.read_map("maps/hospital.ron");
    h.stages[0].pain_points[0].severity = cjm::model::Level::Low;
    r.write_map("maps/hospital.ron", &h);
    r.commit("Everything changed");

    let see_all = "cjm diff --git main huge";
    for (extra, max) in [(&[][..], 60_000), (&["--max-chars", "5000"][..], 5_000)] {
        let mut args = vec!["diff", "--git", "main", "huge", "--format", "markdown"];
        args.extend(extra);
        let o = r.cjm(&args);
        let md = stdout(&o);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(md.len() <= max, "{} > {max}", md.len());
        let last = md.lines().last().unwrap();
        assert!(
            last.ends_with(&format!(
                "changes left out**; run `{see_all}` to see them all."
            )),
            "{last}"
        );
        let left: usize = last
            .trim_start_matches("**")
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();

        let html = gfm::html(&md);
        let doc = gfm::tree(&html);
        let root = doc.root_element();
        // The table is whole and holds counts, never an item's text.
        let rows: Vec<String> = gfm::all(root, "tr")
            .map(|tr| gfm::text(tr).trim().replace('\n', " | "))
            .collect();
        assert_eq!(rows.len(), 3, "{html}");
        assert!(
            rows[1]
                == "maps/big.ron | changed | – | 1000 changed | 250 severity changed | 250 status changed",
            "{rows:?}"
        );
        assert!(!rows.iter().any(|r| r.contains("sticky notes")), "{rows:?}");
        // Folds: the big map's details, cut inside and closed.
        let details: Vec<_> = gfm::all(root, "details").collect();
        assert_eq!(details.len(), 1, "{html}");
        let summary = gfm::children(details[0], "summary").next().unwrap();
        assert_eq!(gfm::text(summary), format!("{} changes", bigmaps::ITEMS));
        let shown = gfm::all(details[0], "li")
            .filter(|li| gfm::children(*li, "ul").next().is_none())
            .count();
        assert!(shown > 0);
        // What is not shown is counted: the rest of the big map, and the
        // hospital map's one change.
        assert_eq!(shown + left, bigmaps::ITEMS + 1, "{md}");
    }

    // Text has no limit unless told; told, it stops the same way.
    let o = r.cjm(&["diff", "--git", "main", "huge", "--max-chars", "5000"]);
    let t = stdout(&o);
    assert!(t.len() <= 5_000, "{}", t.len());
    assert!(
        t.ends_with(&format!(
            "changes left out; run `{see_all}` to see them all.\n"
        )),
        "{t}"
    );
    let o = r.cjm(&["diff", "--git", "main", "huge"]);
    assert!(stdout(&o).len() > 200_000);
    assert!(!stdout(&o).contains("left out"));
}

/// The review counts a re-rated pain point once and a dropped stage's pain
/// points as gone with it, never as closed.
#[test]
fn review_counts_severity_changes_and_dropped_stages_apart() {
    let r = Repo::new();
    r.write_map("maps/hospital.ron", &example("hospital-visit.ron"));
    r.commit("Map");
    let mut h = r.read_map("maps/hospital.ron");
    assert_eq!(h.stages[0].pain_points.len(), 2);
    h.stages[0].pain_points[0].severity = cjm::model::Level::Low;
    let dropped = h.stages.remove(3);
    r.write_map("maps/hospital.ron", &h);
    let o = r.cjm(&["diff", "--git", "HEAD", "--format", "markdown"]);
    let md = stdout(&o);
    let pains = dropped.pain_points.len();
    assert!(pains > 0);
    assert!(
        md.contains(&format!(
            "| maps/hospital.ron | changed | 1 removed | 1 changed | 1 severity changed; {pains} removed with the stage | – |"
        )),
        "{md}"
    );
    assert!(!md.contains("closed"), "{md}");
    let o = r.cjm(&["diff", "--git", "HEAD"]);
    assert!(
        stdout(&o).contains(&format!(
            "pain points: 1 severity changed; {pains} removed with the stage"
        )),
        "{}",
        stdout(&o)
    );
}

/// `pull_request()`, then main moves on after the branch point: it changes
/// `maps/untouched.ron`, a map the branch never touched.
fn main_moved_on() -> Repo {
    let r = pull_request();
    r.ok(&["checkout", "-q", "main"]);
    let mut m = r.read_map("maps/untouched.ron");
    m.title = "Changed on main later".into();
    r.write_map("maps/untouched.ron", &m);
    r.commit("Unrelated work on main");
    r.ok(&["checkout", "-q", "feature"]);
    r
}

/// Which maps a text review names, in order.
fn named(t: &str) -> Vec<String> {
    t.lines()
        .filter_map(|l| {
            ["added ", "removed ", "renamed ", "changed "]
                .iter()
                .find_map(|w| l.strip_prefix(w))
        })
        .map(str::to_string)
        .collect()
}

/// `A...B` is what the branch changed: B against its merge base with A, so main's
/// later work on another map is not in the review.
#[test]
fn three_dots_review_only_what_the_branch_changed() {
    let r = main_moved_on();
    let branch_only = vec![
        "maps/espresso.ron → maps/home-espresso.ron".to_string(),
        "maps/hospital.ron".into(),
        "maps/saas.ron".into(),
    ];
    let o = r.cjm(&["diff", "--git", "main...feature"]);
    let t = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{t}{}", stderr(&o));
    assert_eq!(named(&t), branch_only, "{t}");
    assert!(
        t.starts_with("3 maps changed between the merge base with main and feature\n"),
        "{t}"
    );
    // An empty side is HEAD, as in git.
    let o = r.cjm(&["diff", "--git", "main..."]);
    assert_eq!(named(&stdout(&o)), branch_only, "{}", stderr(&o));
    // From main's side: only main's later work.
    let o = r.cjm(&["diff", "--git", "feature...main"]);
    assert_eq!(named(&stdout(&o)), ["maps/untouched.ron"], "{}", stderr(&o));
    // The Markdown comment says the same.
    let o = r.cjm(&["diff", "--git", "main...HEAD", "--format", "markdown"]);
    let md = stdout(&o);
    assert!(
        md.contains("3 maps changed between the merge base with main and HEAD."),
        "{md}"
    );
    assert!(!md.contains("untouched"), "{md}");
}

/// `A..B` in a diff is A against B, as `git diff A..B`: main's later work shows
/// too, undone.
#[test]
fn two_dots_are_the_two_tips_as_git_diff_has_them() {
    let r = main_moved_on();
    let o = r.cjm(&["diff", "--git", "main..feature"]);
    let t = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{t}{}", stderr(&o));
    let git = r.ok(&["diff", "--name-only", "main..feature"]);
    let mut by_git: Vec<&str> = git.lines().filter(|p| *p != "config.ron").collect();
    by_git.sort_unstable();
    assert_eq!(
        by_git,
        [
            "maps/home-espresso.ron",
            "maps/hospital.ron",
            "maps/saas.ron",
            "maps/untouched.ron"
        ],
        "git's own diff of main..feature has main's later work too"
    );
    assert_eq!(
        named(&t),
        [
            "maps/espresso.ron → maps/home-espresso.ron",
            "maps/hospital.ron",
            "maps/saas.ron",
            "maps/untouched.ron"
        ],
        "{t}"
    );
    assert!(
        t.starts_with("4 maps changed between main and feature\n"),
        "{t}"
    );
    // The same as the two revisions given apart.
    let o = r.cjm(&["diff", "--git", "main", "feature"]);
    assert_eq!(stdout(&o), t);
    // `main..` is main against HEAD.
    let o = r.cjm(&["diff", "--git", "main.."]);
    assert!(
        stdout(&o).starts_with("4 maps changed between main and HEAD\n"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_bad_range_names_the_bad_revision() {
    let r = main_moved_on();
    for (args, said) in [
        (vec!["main...nope"], "nope: no such revision"),
        (vec!["nope...feature"], "nope: no such revision"),
        (vec!["main..nope"], "nope: no such revision"),
        (vec!["nope.."], "nope: no such revision"),
        (
            vec!["main...feature", "HEAD"],
            "main...feature: a range names both sides; give no second revision",
        ),
        (
            vec!["main", "main..feature"],
            "main..feature: a range names both sides; give no second revision",
        ),
    ] {
        let mut all = vec!["diff", "--git"];
        all.extend(&args);
        let o = r.cjm(&all);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stdout(&o));
        assert!(stderr(&o).contains(said), "{args:?}: {}", stderr(&o));
        assert!(stdout(&o).is_empty(), "{args:?}");
    }
    // Two histories with no commit in common have no merge base.
    r.ok(&["checkout", "-q", "--orphan", "lonely"]);
    r.ok(&["rm", "-rq", "--cached", "."]);
    r.write_map("maps/other.ron", &example("espresso.ron"));
    r.ok(&["add", "maps/other.ron"]);
    r.commit("Another history");
    let o = r.cjm(&["diff", "--git", "main...lonely"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("main...lonely: main and lonely have no commit in common"),
        "{}",
        stderr(&o)
    );
}
