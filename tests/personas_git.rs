//! The git-facing surfaces with several personas (format 7), on the hotel
//! blueprint and its two guests: `cjm show` (git's textconv) lists every
//! persona and says whose items and emotions are, `cjm diff` words persona
//! changes and an item's personas as a set, `cjm merge` as git's merge driver
//! merges personas by id through merges, rebases and cherry-picks, `history`,
//! `compare` and the review follow each persona's curve, and `blame` has the
//! second persona's fields.

mod common;

mod gitrepo;

#[path = "gfm/mod.rs"]
mod gfm;

use cjm::diff::diff;
use cjm::diff::merge::{Clash, merge};
use cjm::model::{Emotion, JourneyMap, PainPoint};
use gitrepo::{Repo, example, stderr, stdout};

const MAP: &str = "maps/hotel.ron";

fn hotel() -> JourneyMap {
    example("hotel-blueprint.ron")
}

fn jonas(m: &mut JourneyMap) -> &mut cjm::model::Persona {
    let i = m.find_persona("jonas").expect("Jonas");
    m.persona_at_mut(i).unwrap()
}

fn pain(text: &str, personas: &[&str]) -> PainPoint {
    PainPoint {
        text: text.into(),
        personas: personas.iter().map(|p| p.to_string()).collect(),
        ..PainPoint::default()
    }
}

fn text_diff(a: &JourneyMap, b: &JourneyMap) -> String {
    let (_dir, pa, pb) = two_files(a, b);
    stdout(&common::cjm().args(["diff", &pa, &pb]).output().unwrap())
}

// ------------------------------------------------------------------- show

#[test]
fn show_lists_every_persona_and_whose_items_and_emotions_are() {
    let (_dir, path) = one_file(&hotel());
    let o = common::cjm().args(["show", &path]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("\nPersona: Marta Silva (marta) — Leisure guest on a weekend city break\n"),
        "{out}"
    );
    assert!(
        out.contains("\nPersona: Jonas Weber (jonas) — Business guest on a one-night stay\n"),
        "{out}"
    );
    assert!(
        out.contains("Emotion curve of Jonas Weber: Booking 3.0 → Arrival 3.0 → Stay 2.0"),
        "{out}"
    );
    assert!(
        out.contains("    - 3/5 Gets his key, but only after the bar is served [Jonas Weber]\n"),
        "{out}"
    );
    assert!(
        out.contains("    - [high] Wi-Fi drops in the rooms at the far end of each corridor [Jonas Weber] [int-09]\n"),
        "{out}"
    );
    // One persona's journey: his items, everyone's, and his curve only.
    let o = common::cjm()
        .args(["show", &path, "--persona", "Jonas"])
        .output()
        .unwrap();
    let out = stdout(&o);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        out.contains("\nPersona: Jonas Weber — Business guest"),
        "{out}"
    );
    assert!(!out.contains("Marta Silva"), "{out}");
    assert!(!out.contains("Room not ready at the advertised"), "{out}");
    assert!(
        out.contains("Emotion curve: Booking 3.0 → Arrival 3.0"),
        "{out}"
    );
    let o = common::cjm()
        .args(["show", &path, "--persona", "ola"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).contains(
            "no persona `ola` in this map; it has Marta Silva (marta), Jonas Weber (jonas)"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_one_persona_map_shows_as_before() {
    let path = gitrepo::root().join("maps/espresso.ron");
    let out = stdout(&common::cjm().arg("show").arg(&path).output().unwrap());
    assert!(out.contains("\nEmotion curve: "), "{out}");
    assert!(!out.contains("Emotion curve of"), "{out}");
    assert_eq!(out.matches("\nPersona: ").count(), 1, "{out}");
}

// ------------------------------------------------------------------- diff

#[test]
fn diff_words_personas_added_removed_and_changed() {
    let a = hotel();
    let mut b = a.clone();
    jonas(&mut b).role = "Business guest on a two-night stay".into();
    let ola = b.add_persona("Ola Nordmann");
    b.persona_at_mut(ola).unwrap().role = "Travel desk assistant".into();
    let t = text_diff(&a, &b);
    assert!(
        t.contains("+ persona Ola Nordmann (ola-nordmann) — Travel desk assistant\n"),
        "{t}"
    );
    assert!(
        t.contains("persona Jonas Weber (jonas)\n  ~ role: \"Business guest on a one-night stay\" → \"Business guest on a two-night stay\"\n"),
        "{t}"
    );
    let mut c = a.clone();
    assert!(c.remove_persona(1));
    let t = text_diff(&a, &c);
    assert!(t.contains("- persona Jonas Weber (jonas)\n"), "{t}");
    // His items and emotions go with him, each said once.
    assert!(
        t.contains("    - 3/5 Gets his key, but only after the bar is served [Jonas Weber]\n"),
        "{t}"
    );
    // The property the review rests on: the changes are all there are.
    for (x, y) in [(&a, &b), (&a, &c), (&c, &a)] {
        assert_eq!(&cjm::diff::apply(x, &diff(x, y)).unwrap(), y);
    }
}

#[test]
fn diff_says_an_items_personas_as_a_set_and_an_emotion_moved() {
    let a = hotel();
    let mut b = a.clone();
    // Booking's corporate-rate pain point: Jonas's, now everyone's.
    let rate = b.stages[0]
        .pain_points
        .iter_mut()
        .find(|p| p.text.starts_with("The hotel's corporate rate"))
        .unwrap();
    rate.personas.clear();
    // Arrival's "room not ready": Marta's, now Jonas's only.
    b.stages[1].pain_points[0].personas = vec!["jonas".into()];
    // An emotion of Marta's at Arrival becomes Jonas's: his curve moves.
    b.stages[1].emotions[0].persona = "jonas".into();
    let t = text_diff(&a, &b);
    assert!(
        t.contains("~ \"The hotel's corporate rate is missing from the travel tool, so the desk books through an agency\" now belongs to every persona\n"),
        "{t}"
    );
    assert!(
        t.contains("~ \"Room not ready at the advertised check-in time on busy days\" now belongs to Jonas Weber only\n"),
        "{t}"
    );
    assert!(
        t.contains("~ \"Tired and kept waiting\" now felt by Jonas Weber\n"),
        "{t}"
    );
    assert!(
        t.contains("Arrival went from 3.0 to 2.5 for Jonas Weber ▼0.5\n"),
        "{t}"
    );
    assert!(
        t.contains("Arrival went from 2.0 to – for Marta Silva\n"),
        "{t}"
    );
    assert_eq!(cjm::diff::apply(&a, &diff(&a, &b)).unwrap(), b);
}

#[test]
fn a_map_gaining_a_second_persona_differs_by_her_alone() {
    let path = gitrepo::root().join("maps/espresso.ron");
    let a = cjm::format::load(&std::fs::read(&path).unwrap())
        .unwrap()
        .map;
    let mut b = a.clone();
    b.add_persona("Second Guest");
    let t = text_diff(&a, &b);
    assert_eq!(t, "+ persona Second Guest (second-guest)\n");
    assert_eq!(cjm::diff::apply(&a, &diff(&a, &b)).unwrap(), b);
}

// ------------------------------------------------------------------ merge

#[test]
fn merge_keeps_both_added_personas_and_merges_item_persona_sets() {
    let base = hotel();
    let mut ours = base.clone();
    ours.add_persona("Ola Nordmann");
    ours.stages[1].pain_points[0]
        .personas
        .push("ola-nordmann".into());
    let mut theirs = base.clone();
    theirs.add_persona("Kim Lee");
    theirs.stages[1].pain_points[0]
        .personas
        .push("kim-lee".into());
    jonas(&mut theirs).role = "Frequent business guest".into();
    let (m, c) = merge(&base, &ours, &theirs);
    assert!(c.is_empty(), "{c:?}");
    let names: Vec<&str> = m.personas().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["Marta Silva", "Jonas Weber", "Kim Lee", "Ola Nordmann"]
    );
    assert_eq!(
        m.stages[1].pain_points[0].personas,
        ["marta", "ola-nordmann", "kim-lee"]
    );
    assert_eq!(m.other_personas[0].role, "Frequent business guest");
    assert!(
        cjm::format::errors(&m).is_empty(),
        "{:?}",
        cjm::format::errors(&m)
    );
    // Symmetric: the other branch merging gets the same personas.
    let (n, _) = merge(&base, &theirs, &ours);
    let ids: Vec<&str> = n.personas().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["marta", "jonas", "kim-lee", "ola-nordmann"]);
}

#[test]
fn merge_renames_theirs_when_both_add_different_people_under_one_id() {
    let base = hotel();
    let mut ours = base.clone();
    ours.add_persona("Ola");
    let mut theirs = base.clone();
    let i = theirs.add_persona("Öla");
    assert_eq!(theirs.persona_at(i).unwrap().id, "ola");
    theirs.stages[2].emotions.push(Emotion {
        score: 5,
        label: "Sleeps well".into(),
        persona: "ola".into(),
        ..Emotion::default()
    });
    let (m, c) = merge(&base, &ours, &theirs);
    assert!(
        c.iter().any(|c| c.clash
            == Clash::SamePersonaId {
                id: "ola".into(),
                theirs_as: "ola-2".into()
            }),
        "{c:?}"
    );
    let e = m.stages[2].emotions.last().unwrap();
    assert_eq!(
        (e.label.as_str(), e.persona.as_str()),
        ("Sleeps well", "ola-2")
    );
    assert_eq!(
        m.persona_at(m.find_persona("ola-2").unwrap()).unwrap().name,
        "Öla"
    );
    assert!(
        cjm::format::errors(&m).is_empty(),
        "{:?}",
        cjm::format::errors(&m)
    );
}

#[test]
fn a_merge_of_a_one_persona_side_with_a_second_persona_keeps_emotions_with_their_person() {
    let path = gitrepo::root().join("maps/espresso.ron");
    let base = cjm::format::load(&std::fs::read(&path).unwrap())
        .unwrap()
        .map;
    let mut ours = base.clone();
    ours.add_persona("Second Guest");
    let mut theirs = base.clone();
    theirs.stages[0].emotions.push(Emotion {
        score: 1,
        label: "Lost".into(),
        ..Emotion::default()
    });
    let (m, c) = merge(&base, &ours, &theirs);
    assert!(c.is_empty(), "{c:?}");
    assert_eq!(m.persona_count(), 2);
    let e = m.stages[0].emotions.last().unwrap();
    assert_eq!((e.label.as_str(), e.persona.as_str()), ("Lost", ""));
    assert!(
        cjm::format::errors(&m).is_empty(),
        "{:?}",
        cjm::format::errors(&m)
    );
}

/// A repository with cjm's merge driver and the hotel on `main`, and a
/// `feature` branch from it.
fn repo() -> Repo {
    let r = Repo::new();
    let o = r.cjm(&["git-setup", "--write"]);
    assert!(o.status.success(), "{}", stderr(&o));
    r.write_map(MAP, &hotel());
    r.commit("base");
    r.ok(&["checkout", "-q", "-b", "feature"]);
    r
}

fn merge_feature(r: &Repo) -> std::process::Output {
    r.ok(&["checkout", "-q", "main"]);
    r.git(&["merge", "-q", "--no-edit", "feature"])
}

/// feature adds a persona; main adds items for the two there were.
fn persona_here_items_there(r: &Repo) {
    let mut f = r.read_map(MAP);
    let ola = f.add_persona("Ola Nordmann");
    f.persona_at_mut(ola).unwrap().role = "Travel desk assistant".into();
    f.stages[0].pain_points.push(pain(
        "The desk cannot see the room type booked",
        &["ola-nordmann"],
    ));
    r.write_map(MAP, &f);
    r.commit("feature: the travel desk assistant");
    r.ok(&["checkout", "-q", "main"]);
    let mut m = r.read_map(MAP);
    m.stages[2]
        .pain_points
        .push(pain("No desk lamp in the standard rooms", &["jonas"]));
    jonas(&mut m).role = "Business guest, two nights a month".into();
    r.write_map(MAP, &m);
    r.commit("main: a desk lamp for Jonas");
}

fn check_merged(m: &JourneyMap) {
    let names: Vec<&str> = m.personas().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Marta Silva", "Jonas Weber", "Ola Nordmann"]);
    assert_eq!(
        m.other_personas[0].role,
        "Business guest, two nights a month"
    );
    assert!(
        m.stages[0]
            .pain_points
            .iter()
            .any(|p| p.personas == ["ola-nordmann"])
    );
    assert!(
        m.stages[2]
            .pain_points
            .iter()
            .any(|p| p.text.contains("desk lamp"))
    );
    assert!(m.conflicts.is_empty());
    assert!(
        cjm::format::errors(m).is_empty(),
        "{:?}",
        cjm::format::errors(m)
    );
}

#[test]
fn git_merges_a_persona_added_on_one_branch_and_items_on_the_other() {
    let r = repo();
    persona_here_items_there(&r);
    let o = merge_feature(&r);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    check_merged(&r.read_map(MAP));
    let check = r.cjm(&["check", MAP]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
}

#[test]
fn git_rebases_and_cherry_picks_persona_changes_with_the_merge_driver() {
    let r = repo();
    persona_here_items_there(&r);
    r.ok(&["checkout", "-q", "feature"]);
    let o = r.git(&["rebase", "-q", "main"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    check_merged(&r.read_map(MAP));

    let r = repo();
    persona_here_items_there(&r);
    // main is checked out; pick feature's commit onto it.
    let o = r.git(&["cherry-pick", "feature"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    check_merged(&r.read_map(MAP));
}

#[test]
fn git_keeps_a_persona_removed_on_one_branch_who_got_items_on_the_other() {
    let r = repo();
    let mut f = r.read_map(MAP);
    f.stages[2]
        .pain_points
        .push(pain("No desk lamp in the standard rooms", &["jonas"]));
    r.write_map(MAP, &f);
    r.commit("feature: a desk lamp for Jonas");
    r.ok(&["checkout", "-q", "main"]);
    let mut m = r.read_map(MAP);
    assert!(m.remove_persona(1));
    r.write_map(MAP, &m);
    r.commit("main: Marta only");
    let o = merge_feature(&r);
    assert!(!o.status.success());
    let err = format!("{}{}", stdout(&o), stderr(&o));
    assert!(
        err.contains("persona Jonas Weber: removed by us, but they gave her items or emotions; she is kept with them"),
        "{err}"
    );
    assert!(err.contains("1 persona conflict(s)"), "{err}");
    let merged = r.read_map(MAP);
    assert_eq!(merged.persona_count(), 2);
    assert!(
        merged.stages[2]
            .pain_points
            .iter()
            .any(|p| p.personas == ["jonas"])
    );
    assert!(cjm::format::errors(&merged).is_empty());
}

// -------------------------------------------- history, compare, review, blame

/// main after two commits: Jonas's Arrival gets worse, Marta's better.
fn two_commits() -> Repo {
    let r = repo();
    r.ok(&["checkout", "-q", "main"]);
    let mut m = r.read_map(MAP);
    m.stages[1].emotions[1].score = 2;
    m.stages[1].emotions[0].score = 3;
    r.write_map(MAP, &m);
    r.commit("main: a slow night check-in");
    r
}

#[test]
fn history_follows_each_persona_and_one_with_persona() {
    let r = two_commits();
    let h = stdout(&r.cjm(&["history", MAP]));
    assert!(
        h.contains("  emotion of Jonas Weber: Booking 3.0 · Arrival 2.0"),
        "{h}"
    );
    assert!(
        h.contains("\nemotion of Jonas Weber by stage, oldest → newest\n"),
        "{h}"
    );
    let jonas = h.split("emotion of Jonas Weber by stage").nth(1).unwrap();
    assert!(jonas.contains("  3.0 → 2.0\n"), "{h}");
    let marta = h.split("emotion of Marta Silva by stage").nth(1).unwrap();
    assert!(marta.contains("  2.0 → 3.0\n"), "{h}");
    let one = stdout(&r.cjm(&["history", MAP, "--persona", "jonas"]));
    assert!(
        one.contains("\nemotion by stage, oldest → newest\n"),
        "{one}"
    );
    assert!(
        one.contains("  emotion: Booking 3.0 · Arrival 2.0"),
        "{one}"
    );
    let md = stdout(&r.cjm(&["history", MAP, "--format", "markdown"]));
    assert!(md.contains("**Emotion of Jonas Weber by stage**"), "{md}");
    let o = r.cjm(&["history", MAP, "--persona", "ola"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("it has Marta Silva (marta), Jonas Weber (jonas)"));
}

#[test]
fn compare_says_each_personas_move_and_one_with_persona() {
    let r = two_commits();
    let t = stdout(&r.cjm(&["compare", &format!("HEAD~1:{MAP}"), MAP]));
    assert!(t.contains("\nemotion by persona:\n"), "{t}");
    assert!(
        t.contains("  Arrival went from 3.0 to 2.0 for Jonas Weber\n"),
        "{t}"
    );
    assert!(
        t.contains("  Arrival went from 2.0 to 3.0 for Marta Silva\n"),
        "{t}"
    );
    let md = stdout(&r.cjm(&[
        "compare",
        &format!("HEAD~1:{MAP}"),
        MAP,
        "--format",
        "markdown",
    ]));
    assert!(
        md.contains("- Arrival went from 3.0 to 2.0 for Jonas Weber\n"),
        "{md}"
    );
    let one = stdout(&r.cjm(&[
        "compare",
        &format!("HEAD~1:{MAP}"),
        MAP,
        "--persona",
        "Jonas Weber",
    ]));
    assert!(!one.contains("emotion by persona"), "{one}");
    assert!(
        one.contains("  2. Arrival                3.0    2.0  ▼1.0\n"),
        "{one}"
    );
}

#[test]
fn the_review_comment_says_each_personas_move() {
    let r = two_commits();
    let mut m = r.read_map(MAP);
    let ola = m.add_persona("Ola Nordmann");
    m.persona_at_mut(ola).unwrap().role = "Travel desk assistant".into();
    m.stages[0].pain_points[0].personas = vec!["ola-nordmann".into()];
    r.write_map(MAP, &m);
    r.commit("main: the travel desk assistant");
    let md = stdout(&r.cjm(&["diff", "--git", "HEAD~2", "HEAD", "--format", "markdown"]));
    assert!(md.contains("**Emotion**\n\n"), "{md}");
    assert!(
        md.contains("- Arrival went from 2.0 to 3.0 for Marta Silva ▲1.0\n"),
        "{md}"
    );
    assert!(
        md.contains("- Arrival went from 3.0 to 2.0 for Jonas Weber ▼1.0\n"),
        "{md}"
    );
    // As GitHub shows it: a Personas column counting the new guest, her
    // line, and the pain point now hers alone.
    let html = gfm::html(&md);
    let doc = gfm::tree(&html);
    let root = doc.root_element();
    let rows: Vec<String> = gfm::all(root, "tr")
        .map(|tr| gfm::text(tr).trim().replace('\n', " | "))
        .collect();
    assert_eq!(
        rows[0],
        "Map | Change | Stages | Items | Pain points | Optimizations | Personas"
    );
    assert!(rows[1].ends_with("| 1 added"), "{rows:?}");
    let items: Vec<String> = gfm::all(root, "li").map(|li| gfm::text(li)).collect();
    assert!(
        items
            .iter()
            .any(|i| i == "added: persona Ola Nordmann (ola-nordmann) — Travel desk assistant"),
        "{items:?}"
    );
    assert!(
        items
            .iter()
            .any(|i| i.ends_with("” now belongs to Ola Nordmann only")),
        "{items:?}"
    );
    // Whose feeling moved, on its line.
    assert!(
        items.iter().any(|i| i
            == "changed: 3/5 Gets his key, but only after the bar is served → 2/5 Gets his key, but only after the bar is served [Jonas Weber]"),
        "{items:?}"
    );
}

#[test]
fn blame_names_who_changed_the_second_personas_fields() {
    let r = repo();
    r.ok(&["checkout", "-q", "main"]);
    let mut m = r.read_map(MAP);
    jonas(&mut m).role = "Business guest, two nights a month".into();
    r.write_map(MAP, &m);
    r.commit_by("Jonas's stays are longer", "Bea Blame", "bea@example.com");
    let o = r.cjm(&["blame", MAP]);
    assert!(o.status.success(), "{}", stderr(&o));
    let t = stdout(&o);
    let his = t
        .split("\nPersona: Jonas Weber\n")
        .nth(1)
        .expect("his section");
    let role = his.lines().find(|l| l.contains("role: ")).unwrap();
    assert!(role.contains("Bea Blame"), "{t}");
    let name = his
        .lines()
        .find(|l| l.contains("name: Jonas Weber"))
        .unwrap();
    assert!(!name.contains("Bea Blame"), "{t}");
    let j = stdout(&r.cjm(&["blame", MAP, "--format", "json"]));
    assert!(j.contains("\"address\": \"personas/jonas/role\""), "{j}");
}

// ---------------------------------------------------------------- helpers

fn one_file(m: &JourneyMap) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("map.ron");
    std::fs::write(&p, cjm::format::write(m)).unwrap();
    let s = p.to_str().unwrap().to_string();
    (dir, s)
}

fn two_files(a: &JourneyMap, b: &JourneyMap) -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let w = |n: &str, m: &JourneyMap| {
        let p = dir.path().join(n);
        std::fs::write(&p, cjm::format::write(m)).unwrap();
        p.to_str().unwrap().to_string()
    };
    let (pa, pb) = (w("a.ron", a), w("b.ron", b));
    (dir, pa, pb)
}
