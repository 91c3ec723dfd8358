//! Evidence on the git-facing surfaces: `cjm diff` words a new entry, an edited
//! field and a citation change (with what it did to the confidence), the summary
//! counts them; `cjm merge` merges entries by id, field by field, and citations
//! as sets, never leaving a citation without its evidence; the review renders
//! on GitHub; the outline lists the evidence and each card's citations.

mod common;
mod gfm;
mod gitrepo;

use cjm::diff::{self, apply, diff};
use cjm::format::{load_str, write};
use cjm::model::{Evidence, JourneyMap, Source};
use gitrepo::{Repo, example, stderr, stdout};

const SAAS: &str = include_str!("../maps/saas-trial.ron");

fn saas() -> JourneyMap {
    load_str(SAAS).unwrap().map
}

fn interview(id: &str, text: &str) -> Evidence {
    Evidence {
        id: id.into(),
        text: text.into(),
        source: Source::Interview,
        from: "P14, founder, Leeds".into(),
        date: "2026-10-01".into(),
        link: String::new(),
    }
}

/// The onboarding stage's pain point that cites nothing in the example.
fn uncited(m: &mut JourneyMap) -> &mut cjm::model::PainPoint {
    let s = m.stages.iter_mut().find(|s| s.id == "onboarding").unwrap();
    let p = s
        .pain_points
        .iter_mut()
        .find(|p| p.text.starts_with("Human help"))
        .unwrap();
    assert!(p.evidence.is_empty());
    p
}

fn valid(m: &JourneyMap) {
    let text = write(m);
    load_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
}

/// int-14 added and cited by the uncited pain point, int-03's date moved.
fn cited_new() -> (JourneyMap, JourneyMap) {
    let old = saas();
    let mut new = old.clone();
    new.evidence
        .push(interview("int-14", "Nobody talked to us until day three."));
    uncited(&mut new).evidence.push("int-14".into());
    new.evidence[0].date = "2026-03-14".into();
    valid(&new);
    (old, new)
}

// ---------------------------------------------------------------- diff

#[test]
fn diff_words_new_evidence_a_field_and_a_citation_with_its_confidence_move() {
    let (old, new) = cited_new();
    let d = diff(&old, &new);
    let t = diff::render::text(&d);
    assert!(
        t.contains(
            "    ~ now cites int-14: \"Human help is offered only on day 3, after the worst night\" (assumption → research)\n"
        ),
        "{t}"
    );
    assert!(
        t.contains(
            "+ evidence int-14 (interview · P14, founder, Leeds · 2026-10-01): \"Nobody talked to us until day three.\"\n"
        ),
        "{t}"
    );
    assert!(
        t.contains("~ evidence int-03: date 2026-03-12 → 2026-03-14\n"),
        "{t}"
    );
    assert_eq!(apply(&old, &d).unwrap(), new, "the diff is all there is");
    // A citation removed reads the other way round.
    let t = diff::render::text(&diff(&new, &old));
    assert!(
        t.contains("~ no longer cites int-14: \"Human help")
            && t.contains("(research → assumption)"),
        "{t}"
    );
    assert!(t.contains("- evidence int-14 (interview"), "{t}");
}

#[test]
fn the_summary_counts_evidence_and_confidence_moves() {
    let (old, new) = cited_new();
    let s = diff::summary::summarise(&diff(&old, &new));
    assert_eq!((s.evidence_added, s.evidence_changed), (1, 1));
    assert_eq!((s.confidence_rose, s.confidence_fell), (1, 0));
    let s = diff::summary::summarise(&diff(&new, &old));
    assert_eq!((s.evidence_removed, s.confidence_fell), (1, 1));
    assert_eq!(
        diff::render::evidence_cell(&s).as_deref(),
        Some("1 removed, 1 changed; confidence: 1 fell")
    );
}

#[test]
fn a_stage_and_every_item_kind_word_a_citation_change_alone() {
    let old = saas();
    let mut new = old.clone();
    let s = new
        .stages
        .iter_mut()
        .find(|s| s.id == "onboarding")
        .unwrap();
    s.evidence.push("ga-import".into());
    s.touchpoints[0].evidence.push("int-03".into());
    s.metrics[0].evidence.push("ga-import".into());
    s.optimizations[1].evidence.push("tix-invites".into());
    s.emotions[1].evidence.push("int-03".into());
    valid(&new);
    let t = diff::render::text(&diff(&old, &new));
    // The stage backs its actions and thoughts: research → measured.
    assert!(
        t.contains(
            "stage Onboarding [onboarding]\n  ~ now cites ga-import (research → measured)\n"
        ),
        "{t}"
    );
    for line in [
        "~ now cites int-03: \"Alone\" (assumption → research)",
        "~ now cites ga-import: \"Time to first live project\" (assumption → measured)",
        "~ now cites tix-invites: \"Send invites",
    ] {
        assert!(t.contains(line), "{line}\n{t}");
    }
    assert_eq!(apply(&old, &diff(&old, &new)).unwrap(), new);
}

#[test]
fn an_edit_that_also_cites_says_both() {
    let old = saas();
    let mut new = old.clone();
    let p = uncited(&mut new);
    p.text = "Human help is offered only on day 3".into();
    p.evidence.push("int-07".into());
    let t = diff::render::text(&diff(&old, &new));
    assert!(
        t.contains(
            "Human help is offered only on day 3 (now cites int-07; assumption → research)\n"
        ),
        "{t}"
    );
}

#[test]
fn maps_without_evidence_diff_as_before() {
    let old = example("espresso.ron");
    let mut new = old.clone();
    new.stages[0].pain_points[0].text.push('!');
    let d = diff(&old, &new);
    assert!(d.iter().all(|c| c.confidence.is_none()));
    let s = diff::summary::summarise(&d);
    assert_eq!(diff::render::evidence_cell(&s), None);
    assert!(!diff::render::markdown(&d).contains("vidence"));
}

// ---------------------------------------------------------------- merge

fn merged(base: &JourneyMap, ours: &JourneyMap, theirs: &JourneyMap) -> (JourneyMap, usize) {
    let (m, found) = diff::merge::merge(base, ours, theirs);
    valid(&m);
    (m, found.len())
}

fn ids(m: &JourneyMap) -> Vec<&str> {
    m.evidence.iter().map(|e| e.id.as_str()).collect()
}

#[test]
fn both_sides_add_different_evidence_and_cite_it() {
    let base = saas();
    let mut ours = base.clone();
    ours.evidence
        .push(interview("int-14", "Nobody talked to us."));
    uncited(&mut ours).evidence.push("int-14".into());
    let mut theirs = base.clone();
    theirs
        .evidence
        .push(interview("int-15", "Day three is too late."));
    uncited(&mut theirs).evidence.push("int-15".into());
    let (mut m, n) = merged(&base, &ours, &theirs);
    assert_eq!(n, 0);
    assert!(ids(&m).ends_with(&["int-14", "int-15"]), "{:?}", ids(&m));
    assert_eq!(
        uncited_or_cited(&mut m),
        ["int-14", "int-15"],
        "citations merge as sets"
    );
}

#[test]
fn one_side_edits_evidence_the_other_cites() {
    let base = saas();
    let mut ours = base.clone();
    ours.evidence[0].text = "I gave up on the import at 1 a.m.".into();
    let mut theirs = base.clone();
    uncited(&mut theirs).evidence.push("int-03".into());
    let (mut m, n) = merged(&base, &ours, &theirs);
    assert_eq!(n, 0);
    assert_eq!(m.evidence[0].text, "I gave up on the import at 1 a.m.");
    assert_eq!(uncited_or_cited(&mut m), ["int-03"]);
}

fn uncited_or_cited(m: &mut JourneyMap) -> Vec<String> {
    let s = m.stages.iter().find(|s| s.id == "onboarding").unwrap();
    s.pain_points
        .iter()
        .find(|p| p.text.starts_with("Human help"))
        .unwrap()
        .evidence
        .clone()
}

#[test]
fn evidence_one_side_deleted_and_the_other_cites_is_kept() {
    let mut base = saas();
    base.evidence
        .push(interview("int-14", "Nobody talked to us."));
    let mut ours = base.clone();
    ours.evidence.retain(|e| e.id != "int-14");
    let mut theirs = base.clone();
    uncited(&mut theirs).evidence.push("int-14".into());
    let (mut m, _) = merged(&base, &ours, &theirs);
    assert!(ids(&m).contains(&"int-14"), "no dangling citation");
    assert_eq!(uncited_or_cited(&mut m), ["int-14"]);
    // Deleted on one side and cited by nobody: gone.
    let (m, n) = merged(&base, &ours, &base);
    assert_eq!((ids(&m).contains(&"int-14"), n), (false, 0));
}

#[test]
fn citations_added_on_both_sides_of_one_pain_point_are_both_kept_and_a_removal_stands() {
    let base = saas();
    fn onboarding(m: &mut JourneyMap) -> &mut Vec<String> {
        &mut m.stages[2].pain_points[0].evidence
    }
    assert_eq!(onboarding(&mut base.clone()), &["int-03", "ga-import"]);
    let mut ours = base.clone();
    onboarding(&mut ours).push("obs-setup".into());
    let mut theirs = base.clone();
    onboarding(&mut theirs).retain(|id| id != "int-03");
    theirs.stages[2].pain_points[0].votes = 2;
    let (mut m, n) = merged(&base, &ours, &theirs);
    assert_eq!(n, 0);
    assert_eq!(onboarding(&mut m), &["ga-import", "obs-setup"]);
    assert_eq!(m.stages[2].pain_points[0].votes, 2);
}

#[test]
fn a_field_both_changed_keeps_ours_and_theirs_beside_it() {
    let base = saas();
    let mut ours = base.clone();
    ours.evidence[0].date = "2026-03-13".into();
    ours.evidence[0].from = "P3, Lisbon".into();
    let mut theirs = base.clone();
    theirs.evidence[0].date = "2026-03-14".into();
    let (m, found) = diff::merge::merge(&base, &ours, &theirs);
    valid(&m);
    assert_eq!(found.len(), 1);
    let words = diff::render::conflict(&found[0]);
    assert!(
        words.contains("evidence `int-03`: both changed the date; ours stays, theirs is kept beside it as `int-03-2`"),
        "{words}"
    );
    assert_eq!(m.evidence[0].date, "2026-03-13");
    let copy = m.evidence_by_id("int-03-2").unwrap();
    assert_eq!(copy.date, "2026-03-14");
    // The map's record holds no evidence conflict (it has no place for one).
    let labels = cjm::model::Conflict::plain_labels();
    let (m, _) = diff::merge::merge_recorded(&base, &ours, &theirs, &labels);
    assert!(m.conflicts.is_empty());
}

#[test]
fn the_same_new_id_added_differently_keeps_both_and_their_citations_follow_theirs() {
    let base = saas();
    let mut ours = base.clone();
    ours.evidence.push(interview("int-14", "Ours."));
    uncited(&mut ours).evidence.push("int-14".into());
    let mut theirs = base.clone();
    theirs.evidence.push(interview("int-14", "Theirs."));
    theirs.stages[0].evidence.push("int-14".into());
    let (m, n) = merged(&base, &ours, &theirs);
    assert_eq!(n, 1);
    assert_eq!(m.evidence_by_id("int-14").unwrap().text, "Ours.");
    assert_eq!(m.evidence_by_id("int-14-2").unwrap().text, "Theirs.");
    assert!(m.stages[0].evidence.contains(&"int-14-2".to_string()));
}

/// A real merge in a repository, with cjm as git's merge driver.
#[test]
fn git_merges_evidence_through_the_driver() {
    let r = Repo::new();
    assert!(r.cjm(&["git-setup", "--write"]).status.success());
    let base = saas();
    r.write_map("maps/saas.ron", &base);
    r.commit("base");
    r.ok(&["checkout", "-q", "-b", "feature"]);
    let mut theirs = base.clone();
    theirs
        .evidence
        .push(interview("int-15", "Day three is too late."));
    uncited(&mut theirs).evidence.push("int-15".into());
    r.write_map("maps/saas.ron", &theirs);
    r.commit("feature: cite P15");
    r.ok(&["checkout", "-q", "main"]);
    let mut ours = base.clone();
    ours.evidence
        .push(interview("int-14", "Nobody talked to us."));
    uncited(&mut ours).evidence.push("int-14".into());
    r.write_map("maps/saas.ron", &ours);
    r.commit("main: cite P14");
    let o = r.git(&["merge", "-q", "--no-edit", "feature"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let mut m = r.read_map("maps/saas.ron");
    assert_eq!(uncited_or_cited(&mut m), ["int-14", "int-15"]);
    assert!(r.cjm(&["check", "maps/saas.ron"]).status.success());

    // Both dating one entry differently: git stops, both versions are kept.
    r.ok(&["checkout", "-q", "-b", "redate"]);
    let mut a = r.read_map("maps/saas.ron");
    a.evidence[0].date = "2026-03-14".into();
    r.write_map("maps/saas.ron", &a);
    r.commit("redate: P3 was the 14th");
    r.ok(&["checkout", "-q", "main"]);
    let mut b = r.read_map("maps/saas.ron");
    b.evidence[0].date = "2026-03-13".into();
    r.write_map("maps/saas.ron", &b);
    r.commit("main: P3 was the 13th");
    let o = r.git(&["merge", "-q", "--no-edit", "redate"]);
    assert!(!o.status.success());
    let err = stderr(&o) + &stdout(&o);
    assert!(
        err.contains("CONFLICT (cjm): evidence `int-03`: both changed the date"),
        "{err}"
    );
    let m = r.read_map("maps/saas.ron");
    assert_eq!(m.evidence[0].date, "2026-03-13");
    assert_eq!(m.evidence_by_id("int-03-2").unwrap().date, "2026-03-14");
}

// ---------------------------------------------------------------- review

#[test]
fn the_review_of_a_branch_that_cites_research_renders_on_github() {
    let r = Repo::new();
    let (old, new) = cited_new();
    r.write_map("maps/saas.ron", &old);
    r.write_map("maps/espresso.ron", &example("espresso.ron"));
    r.commit("maps");
    r.ok(&["checkout", "-q", "-b", "research"]);
    r.write_map("maps/saas.ron", &new);
    let mut e = example("espresso.ron");
    e.title.push('!');
    r.write_map("maps/espresso.ron", &e);
    r.commit("cite P14");
    let o = r.cjm(&["diff", "--git", "main", "HEAD", "--format", "markdown"]);
    let md = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{md}{}", stderr(&o));
    let html = gfm::html(&md);
    let doc = gfm::tree(&html);
    let root = doc.root_element();
    let rows: Vec<String> = gfm::all(root, "tr")
        .map(|tr| gfm::text(tr).trim().replace('\n', " | "))
        .collect();
    assert_eq!(
        rows[0],
        "Map | Change | Stages | Items | Pain points | Optimizations | Evidence"
    );
    assert!(
        rows.iter().any(|r| r.starts_with("maps/saas.ron | changed")
            && r.ends_with("1 added, 1 changed; confidence: 1 rose")),
        "{rows:?}"
    );
    assert!(
        rows.iter()
            .any(|r| r.starts_with("maps/espresso.ron") && r.ends_with("| –")),
        "{rows:?}"
    );
    let items: Vec<String> = gfm::all(root, "li").map(gfm::own_text).collect();
    for want in [
        "now cites int-14: “Human help is offered only on day 3, after the worst night” (assumption → research)",
        "added evidence int-14 (interview · P14, founder, Leeds · 2026-10-01): “Nobody talked to us until day three.”",
        "changed evidence int-03: date 2026-03-12 → 2026-03-14",
    ] {
        assert!(
            items.iter().any(|i| i.trim() == want),
            "{want}\n{items:#?}\n{md}"
        );
    }
}

// ---------------------------------------------------------------- outline

#[test]
fn the_outline_lists_evidence_and_each_cards_citations() {
    let o = cjm::outline::outline(&saas());
    assert!(
        o.contains("    - [high] CSV import rejects European date formats with an unhelpful error [int-03, ga-import]\n"),
        "{o}"
    );
    assert!(o.contains("  Goal: Reach the first live project with the real team inside 24 hours\n  Cites: [obs-setup]\n"), "{o}");
    assert!(o.contains("\nEvidence:\n  - int-03 (interview · P3, studio manager, 14-person agency, Lisbon · 2026-03-12): \"I gave up"), "{o}");
    assert!(
        o.contains("<https://analytics.example.com/dashboards/import-funnel>\n"),
        "{o}"
    );
    // A citation added is one changed line, as git's textconv shows it.
    let (_, new) = cited_new();
    let mut same_date = new.clone();
    same_date.evidence.retain(|e| e.id != "int-14");
    same_date.evidence[0].date = "2026-03-12".into();
    same_date
        .evidence
        .push(interview("int-14", "Nobody talked to us until day three."));
    let (a, b) = (o, cjm::outline::outline(&same_date));
    let changed: Vec<(&str, &str)> = a.lines().zip(b.lines()).filter(|(x, y)| x != y).collect();
    assert_eq!(
        changed,
        [(
            "    - [medium] Human help is offered only on day 3, after the worst night",
            "    - [medium] Human help is offered only on day 3, after the worst night [int-14]"
        )]
    );
    assert_eq!(
        b.lines().count(),
        a.lines().count() + 1,
        "and int-14's own line"
    );
}

#[test]
fn a_map_without_evidence_has_the_outline_it_always_had() {
    let m = example("espresso.ron");
    let o = cjm::outline::outline(&m);
    assert!(!o.contains("Evidence") && !o.contains("Cites"), "{o}");
}

// ---------------------------------------------------------------- history, compare

#[test]
fn history_says_when_evidence_came_and_confidence_moved() {
    let r = Repo::new();
    let (old, new) = cited_new();
    r.write_map("maps/saas.ron", &old);
    r.commit("the trial map");
    r.write_map("maps/saas.ron", &new);
    r.commit("cite P14");
    let mut later = new.clone();
    let s = later
        .stages
        .iter_mut()
        .find(|s| s.id == "onboarding")
        .unwrap();
    s.pain_points[0].evidence = vec!["int-03".into()];
    r.write_map("maps/saas.ron", &later);
    r.commit("the import numbers are not about this");
    let t = stdout(&r.cjm(&["history", "maps/saas.ron"]));
    let after = |subject: &str| {
        t.split(subject)
            .nth(1)
            .and_then(|rest| rest.split("\n\n").next())
            .unwrap_or_default()
            .to_string()
    };
    let cite = after("cite P14");
    assert!(
        cite.contains("\n  evidence added: int-14 (interview)\n"),
        "{t}"
    );
    assert!(cite.contains("\n  confidence: 1 rose\n"), "{t}");
    assert!(
        after("the import numbers").contains("\n  confidence: 1 fell\n"),
        "{t}"
    );
    assert!(!after("the trial map").contains("evidence"), "{t}");
    let md = stdout(&r.cjm(&["history", "maps/saas.ron", "--format", "markdown"]));
    assert!(md.contains(" Optimizations | Evidence |\n"), "{md}");
    assert!(
        md.contains("| evidence added: int-14 (interview); confidence: 1 rose |\n"),
        "{md}"
    );
    // CSV and JSON carry each commit's evidence and what its pain points stand on.
    let csv = stdout(&r.cjm(&["history", "maps/saas.ron", "--format", "csv"]));
    let header = csv.lines().next().unwrap_or_default();
    assert!(
        header.ends_with(
            ",evidence,pain_points:assumption,pain_points:research,pain_points:measured,error"
        ),
        "{csv}"
    );
    let counts = |m: &cjm::model::JourneyMap| {
        let [a, r, me] = m.pain_points_by_confidence();
        format!(",{},{a},{r},{me},", m.evidence.len())
    };
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 4, "{csv}");
    // Oldest commit first.
    assert!(lines[1].ends_with(&counts(&old)), "{csv}");
    assert!(lines[2].ends_with(&counts(&new)), "{csv}");
    assert!(lines[3].ends_with(&counts(&later)), "{csv}");
    assert_ne!(
        counts(&later),
        counts(&new),
        "the last commit moved a count"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&r.cjm(&[
        "history",
        "maps/saas.ron",
        "--format",
        "json",
    ])))
    .unwrap();
    let newest = &json["commits"][2];
    assert_eq!(newest["subject"], "the import numbers are not about this");
    assert_eq!(newest["evidence"], later.evidence.len());
    let [a, re, me] = later.pain_points_by_confidence();
    assert_eq!(
        newest["pain_points_by_confidence"],
        serde_json::json!({"assumption": a, "research": re, "measured": me})
    );
    // A map without evidence: the history it always had.
    let r = Repo::new();
    let mut e = example("espresso.ron");
    r.write_map("maps/e.ron", &e);
    r.commit("one");
    e.title.push('!');
    r.write_map("maps/e.ron", &e);
    r.commit("two");
    let t = stdout(&r.cjm(&["history", "maps/e.ron"]));
    let md = stdout(&r.cjm(&["history", "maps/e.ron", "--format", "markdown"]));
    assert!(!t.contains("evidence") && !t.contains("confidence"), "{t}");
    assert!(!md.contains("Evidence"), "{md}");
    let csv = stdout(&r.cjm(&["history", "maps/e.ron", "--format", "csv"]));
    let json = stdout(&r.cjm(&["history", "maps/e.ron", "--format", "json"]));
    assert!(
        !csv.contains("evidence") && !csv.contains("assumption"),
        "{csv}"
    );
    assert!(
        !json.contains("evidence") && !json.contains("confidence"),
        "{json}"
    );
}

#[test]
fn compare_counts_what_pain_points_stand_on_on_each_side() {
    let as_is = saas();
    let mut to_be = as_is.clone();
    uncited(&mut to_be).evidence.push("srv-trial".into());
    let c = cjm::diff::compare::compare(&as_is, &to_be);
    let [a, b] = c.confidence.unwrap();
    assert_eq!(a[0], b[0] + 1, "one assumption fewer");
    assert_eq!(a[2] + 1, b[2], "one more measured");
    let dir = tempfile::tempdir().unwrap();
    let (x, y) = (dir.path().join("as-is.ron"), dir.path().join("to-be.ron"));
    std::fs::write(&x, write(&as_is)).unwrap();
    std::fs::write(&y, write(&to_be)).unwrap();
    let o = common::bin::cjm_in(dir.path(), &["compare", "as-is.ron", "to-be.ron"]);
    let want = format!(
        "\npain points stand on:\n  as-is  {} assumption, {} research, {} measured\n  to-be  {} assumption, {} research, {} measured\n",
        a[0], a[1], a[2], b[0], b[1], b[2]
    );
    assert!(o.stdout.contains(&want), "{}", o.stdout);
    let html = common::bin::cjm_in(
        dir.path(),
        &["compare", "as-is.ron", "to-be.ron", "--format", "html"],
    );
    let row = |name: &str, n: &[usize; 3]| {
        format!(
            "<tr><th scope=\"row\">{name}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            n[0], n[1], n[2]
        )
    };
    assert!(
        html.stdout
            .contains("<h2>What the pain points stand on</h2>")
            && html.stdout.contains(&row("As-is", &a))
            && html.stdout.contains(&row("To-be", &b)),
        "{}",
        html.stdout
    );
    let plain = common::bin::cjm_in(
        dir.path(),
        &["compare", "as-is.ron", "as-is.ron", "--format", "html"],
    );
    assert!(
        plain.stdout.contains("stand on"),
        "the as-is map holds evidence"
    );
    // Without evidence on either side: nothing of the kind.
    let e = example("espresso.ron");
    assert_eq!(cjm::diff::compare::compare(&e, &e).confidence, None);
}

#[test]
fn evidence_text_cannot_become_markup_or_drive_a_terminal() {
    let old = saas();
    let mut new = old.clone();
    let mut e = interview("int-14", "<b>@team</b> said \u{1b}[31mred");
    e.from = "[click](http://x) *P14*".into();
    new.evidence.push(e);
    let d = diff(&old, &new);
    let md = diff::render::markdown(&d);
    assert!(
        !md.contains("[click](http://x)") && !md.contains("<b>"),
        "{md}"
    );
    let t = diff::render::text(&d);
    assert!(!t.contains('\u{1b}'), "{t}");
}

#[test]
fn a_merge_with_one_side_unchanged_is_the_other_side() {
    let (base, x) = cited_new();
    assert_eq!(diff::merge::merge(&base, &x, &base), (x.clone(), vec![]));
    assert_eq!(diff::merge::merge(&base, &base, &x), (x.clone(), vec![]));
    assert_eq!(diff::merge::merge(&x, &base, &x).0, base);
}
