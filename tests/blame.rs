//! `cjm blame`: who last changed each element of a map, on real repositories
//! with several authors, a rename, a folder with spaces in its name and work
//! not committed yet; the JSON's fields; and the clear errors (no repository,
//! an untracked file, a file that is not a map, no git at all).

mod common;
mod gitrepo;

use cjm::model::{JourneyMap, Level, PainPoint};
use gitrepo::{Repo, example, stderr, stdout};
use serde_json::Value;

fn espresso() -> JourneyMap {
    example("espresso.ron")
}

/// The JSON rows of `cjm blame --format json`, run at the top of `r`.
fn rows(r: &Repo, file: &str) -> Vec<Value> {
    let o = r.cjm(&["blame", "--format", "json", file]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    serde_json::from_str::<Vec<Value>>(&stdout(&o)).unwrap()
}

/// The row at `address`.
fn row<'a>(rows: &'a [Value], address: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["address"] == address)
        .unwrap_or_else(|| panic!("no row {address} in {rows:#?}"))
}

/// Ana writes the map, Ben raises the second awareness pain point to high.
fn raised() -> (Repo, String, String) {
    let r = Repo::new();
    let mut m = espresso();
    r.write_map("maps/espresso.ron", &m);
    let ana = r.commit_by("Start the map", "Ana Silva", "ana@example.com");
    m.stages[0].pain_points[1].severity = Level::High;
    r.write_map("maps/espresso.ron", &m);
    let ben = r.commit_by("Reels matter more", "Ben Okoro", "ben@example.com");
    (r, ana, ben)
}

#[test]
fn a_raised_severity_names_who_raised_it_and_the_rest_keep_theirs() {
    let (r, ana, ben) = raised();
    let o = r.cjm(&["blame", "maps/espresso.ron"]);
    let t = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{t}{}", stderr(&o));
    let line = |needle: &str| {
        t.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no line with {needle}: {t}"))
            .to_string()
    };
    let raised = line("[high] Our name never appears");
    assert!(
        raised.ends_with(&format!("{ben} Ben Okoro 2026-01-03 \"Reels matter more\"")),
        "{raised}"
    );
    let kept = line("[high] Cannot tell machines apart");
    assert!(
        kept.ends_with(&format!("{ana} Ana Silva 2026-01-02 \"Start the map\"")),
        "{kept}"
    );
    assert!(line("title: Buying a first espresso machine").contains(&ana));
    // Grouped: the stage, then its lane, then the item.
    let stage = t.find("\nStage: Awareness\n").unwrap();
    let lane = t[stage..].find("\n  Pain points\n").unwrap();
    assert!(
        t[stage + lane..].starts_with("\n  Pain points\n    [high] Cannot tell"),
        "{t}"
    );
    // Every element is one line: the long summary is cut.
    let summary = line("summary: How a first-time");
    assert!(summary.contains('…'), "{summary}");

    let rows = rows(&r, "maps/espresso.ron");
    let p = row(&rows, "stages/awareness/pain_points/1");
    assert_eq!(p["author"], "Ben Okoro");
    assert_eq!(
        p["text"],
        "[high] Our name never appears in the reels she saves"
    );
    assert_eq!(
        row(&rows, "stages/awareness/pain_points/0")["author"],
        "Ana Silva"
    );
    assert_eq!(
        row(&rows, "stages/consideration/name")["author"],
        "Ana Silva"
    );
}

#[test]
fn json_has_the_address_the_commit_and_an_iso_date() {
    let (r, ana, _) = raised();
    let full = r.ok(&["rev-parse", &ana]).trim().to_string();
    let rows = rows(&r, "maps/espresso.ron");
    let m = espresso();
    // Every element: 3 map fields, objectives, 4 persona fields and entries,
    // each stage's name and goal, every item.
    let p = &m.persona;
    let persona = p.goals.len() + p.needs.len() + p.frustrations.len();
    let persona = persona + p.behaviors.len() + p.traits.len() + 4;
    let stages: usize = m.stages.iter().map(|s| 2 + s.item_count()).sum();
    assert_eq!(rows.len(), 3 + m.objectives.len() + persona + stages);
    let k = row(&rows, "stages/awareness/metrics/0");
    assert_eq!(k["stage"], "awareness");
    assert_eq!(k["lane"], "metrics");
    assert_eq!(k["index"], 0);
    assert_eq!(k["field"], Value::Null);
    assert_eq!(k["commit"], full.as_str());
    assert_eq!(k["short"], ana.as_str());
    assert_eq!(k["author"], "Ana Silva");
    assert_eq!(k["email"], "ana@example.com");
    // Git's strict ISO 8601 (`%aI`); newer gits write UTC as `Z`.
    let date = k["date"].as_str().unwrap();
    assert!(
        ["2026-01-02T12:00:00Z", "2026-01-02T12:00:00+00:00"].contains(&date),
        "{date}"
    );
    assert_eq!(k["summary"], "Start the map");
    assert_eq!(k["committed"], true);
    assert!(k["lines"][0].as_u64().unwrap() <= k["lines"][1].as_u64().unwrap());
    let t = row(&rows, "title");
    assert_eq!(
        (&t["field"], &t["stage"]),
        (&Value::from("title"), &Value::Null)
    );
    assert_eq!(row(&rows, "persona/goals/2")["index"], 2);
    assert_eq!(row(&rows, "objectives/0")["field"], "objectives");
    assert_eq!(row(&rows, "stages/decision/goal")["field"], "goal");
}

/// A new item beside old ones: git may give it the old item's bracket lines,
/// which must not make the old item look changed.
#[test]
fn an_added_item_leaves_its_neighbours_alone() {
    let r = Repo::new();
    let mut m = espresso();
    r.write_map("m.ron", &m);
    r.commit_by("Start", "Ana Silva", "ana@example.com");
    for (s, at) in [(0, 0), (1, 1), (2, 2)] {
        let at = at.min(m.stages[s].pain_points.len());
        m.stages[s].pain_points.insert(
            at,
            PainPoint {
                personas: Vec::new(),
                text: format!("New pain {s}"),
                severity: Level::Low,
                votes: 0,
                evidence: Vec::new(),
            },
        );
    }
    r.write_map("m.ron", &m);
    r.commit_by("More pains", "Ben Okoro", "ben@example.com");
    for r in rows(&r, "m.ron") {
        let expected = if r["text"].as_str().unwrap().contains("New pain") {
            "Ben Okoro"
        } else {
            "Ana Silva"
        };
        assert_eq!(r["author"], expected, "{r}");
    }
}

/// Stages put in another order: their items keep the commits that wrote them.
#[test]
fn a_reordered_stage_keeps_its_authors() {
    let r = Repo::new();
    let mut m = espresso();
    r.write_map("m.ron", &m);
    r.commit_by("Start", "Ana Silva", "ana@example.com");
    m.stages.swap(0, 2);
    r.write_map("m.ron", &m);
    r.commit_by("Reorder", "Ben Okoro", "ben@example.com");
    let rows = rows(&r, "m.ron");
    for a in [
        "stages/awareness/pain_points/0",
        "stages/awareness/metrics/1",
    ] {
        assert_eq!(row(&rows, a)["author"], "Ana Silva", "{a}");
    }
}

#[test]
fn a_renamed_map_in_a_folder_with_spaces_keeps_its_history() {
    let r = Repo::new();
    let mut m = espresso();
    r.write_map("drafts/espresso.ron", &m);
    let ana = r.commit_by("Start", "Ana Silva", "ana@example.com");
    std::fs::create_dir_all(r.path("Client work/maps")).unwrap();
    r.ok(&[
        "mv",
        "drafts/espresso.ron",
        "Client work/maps/espresso map.ron",
    ]);
    r.commit_by(
        "Move into the client folder",
        "Ben Okoro",
        "ben@example.com",
    );
    m.stages[1].pain_points[0].text = "Spec sheets read like a physics exam".into();
    r.write_map("Client work/maps/espresso map.ron", &m);
    let carla = r.commit_by("Reword", "Carla Díaz", "carla@example.com");
    // Run from inside the folder, with a path relative to it.
    let o = r.cjm_in(
        &r.path("Client work"),
        &["blame", "--format", "json", "maps/espresso map.ron"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows: Vec<Value> = serde_json::from_str(&stdout(&o)).unwrap();
    let edited = row(&rows, "stages/consideration/pain_points/0");
    assert_eq!(edited["short"], carla.as_str());
    assert_eq!(edited["author"], "Carla Díaz");
    for a in [
        "title",
        "stages/consideration/pain_points/1",
        "stages/awareness/name",
    ] {
        assert_eq!(row(&rows, a)["short"], ana.as_str(), "{a}");
    }
    assert!(
        rows.iter().all(|r| r["author"] != "Ben Okoro"),
        "a move changes no element"
    );
}

#[test]
fn work_not_committed_yet_says_so() {
    let (r, _, ben) = raised();
    let mut m = r.read_map("maps/espresso.ron");
    m.stages[0].pain_points[0].severity = Level::Low;
    r.write_map("maps/espresso.ron", &m);
    let o = r.cjm(&["blame", "maps/espresso.ron"]);
    let t = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{t}{}", stderr(&o));
    let lowered = t
        .lines()
        .find(|l| l.contains("[low] Cannot tell machines apart"))
        .unwrap();
    assert!(lowered.ends_with("  not committed yet"), "{lowered}");
    assert!(t.contains(&format!("{ben} Ben Okoro")), "{t}");
    let now = rows(&r, "maps/espresso.ron");
    let p = row(&now, "stages/awareness/pain_points/0");
    assert_eq!(p["committed"], false);
    assert_eq!(p["commit"], Value::Null);
    assert_eq!(p["author"], Value::Null);
    // Staged but never committed: every element is waiting.
    r.write_map("new.ron", &espresso());
    r.ok(&["add", "new.ron"]);
    assert!(rows(&r, "new.ron").iter().all(|r| r["committed"] == false));
}

#[test]
fn rev_blames_the_map_as_it_was() {
    let (r, ana, _) = raised();
    let o = r.cjm(&["blame", "--rev", "HEAD~1", "maps/espresso.ron"]);
    let t = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{t}{}", stderr(&o));
    let line = t
        .lines()
        .find(|l| l.contains("Our name never appears"))
        .unwrap();
    assert!(line.contains("[medium]") && line.contains(&ana), "{line}");
    let o = r.cjm(&["blame", "--rev", "nope", "maps/espresso.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("nope: no such revision"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn output_goes_to_a_file_and_is_not_overwritten_without_force() {
    let (r, _, _) = raised();
    let o = r.cjm(&["blame", "maps/espresso.ron", "-o", "who.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let first = std::fs::read_to_string(r.path("who.txt")).unwrap();
    assert!(first.contains("Ben Okoro"));
    let o = r.cjm(&["blame", "maps/espresso.ron", "-o", "who.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    let o = r.cjm(&["blame", "maps/espresso.ron", "-o", "who.txt", "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn a_file_outside_any_repository_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("m.ron"), cjm::format::write(&espresso())).unwrap();
    let o = common::bin::cjm()
        .args(["blame", "m.ron"])
        .current_dir(dir.path())
        .env("GIT_CEILING_DIRECTORIES", dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.starts_with("cjm: m.ron: not in a git repository"),
        "{err}"
    );
    assert!(stdout(&o).is_empty());
}

#[test]
fn an_untracked_file_is_refused_with_what_to_do() {
    let (r, _, _) = raised();
    r.write_map("draft.ron", &espresso());
    let o = r.cjm(&["blame", "draft.ron"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("draft.ron: not tracked by git") && err.contains("`git add`"),
        "{err}"
    );
}

#[test]
fn a_file_that_is_not_a_map_gets_the_readers_message() {
    let (r, _, _) = raised();
    let text = std::fs::read_to_string(r.path("maps/espresso.ron")).unwrap();
    r.write(
        "maps/espresso.ron",
        &text.replacen("severity: High", "severity: Hgh", 1),
    );
    let o = r.cjm(&["blame", "maps/espresso.ron"]);
    assert_eq!(o.status.code(), Some(1), "an invalid map is a \"no\"");
    let err = stderr(&o);
    assert!(err.starts_with("cjm: maps/espresso.ron:"), "{err}");
    assert!(err.contains("did you mean `High`?"), "{err}");
    let o = r.cjm(&["blame", "missing.ron"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = r.cjm(&["blame", "-"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("not standard input"), "{}", stderr(&o));
}

#[test]
fn no_git_is_said_plainly() {
    let (r, _, _) = raised();
    let empty = tempfile::tempdir().unwrap();
    let o = common::bin::cjm()
        .args(["blame", "maps/espresso.ron"])
        .current_dir(r.dir.path())
        .env("PATH", empty.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("no `git` command found"), "{err}");
}

/// The research behind the cards is blamed too: who added a quote, and the
/// card that cites it names the commit that added the citation.
#[test]
fn evidence_and_the_cards_citing_it_name_who_added_them() {
    let r = Repo::new();
    let mut m = espresso();
    r.write_map("maps/espresso.ron", &m);
    let ana = r.commit_by("Start the map", "Ana Silva", "ana@example.com");
    m.evidence.push(cjm::model::Evidence {
        id: "int-03".into(),
        text: "I saved the reel but could not find the brand again".into(),
        from: "P3, first-time buyer".into(),
        ..Default::default()
    });
    m.stages[0].pain_points[1].evidence = vec!["int-03".into()];
    r.write_map("maps/espresso.ron", &m);
    let cy = r.commit_by("Cite the interviews", "Cy Ndlovu", "cy@example.com");
    let rows = rows(&r, "maps/espresso.ron");
    let e = row(&rows, "evidence/0");
    assert_eq!(e["author"], "Cy Ndlovu");
    assert!(
        e["text"]
            .as_str()
            .unwrap()
            .starts_with("int-03 (interview): I saved")
    );
    assert_eq!(
        row(&rows, "stages/awareness/pain_points/1")["author"],
        "Cy Ndlovu"
    );
    assert_eq!(
        row(&rows, "stages/awareness/pain_points/0")["author"],
        "Ana Silva"
    );
    let t = stdout(&r.cjm(&["blame", "maps/espresso.ron"]));
    let heading = t.find("\nEvidence\n").expect(&t);
    let line = t[heading..].lines().nth(2).unwrap_or_default();
    assert!(line.starts_with("  int-03 (interview): I saved"), "{t}");
    assert!(line.contains(&cy) && !line.contains(&ana), "{line}");
}

#[test]
fn a_blueprint_lane_and_its_items_name_who_added_them_after_a_move() {
    let r = Repo::new();
    let mut m = example("hotel-blueprint.ron");
    r.write_map("maps/hotel.ron", &m);
    let ana = r.commit_by("Start the blueprint", "Ana Silva", "ana@example.com");
    // Dee renames the backstage lane and adds a housekeeping task, and moves
    // the map into a folder with a space in its name.
    let back = cjm::model::Lane::Extra("backstage");
    assert!(m.rename_lane(back, "Backstage (housekeeping)"));
    let arrival = m.stage_index("arrival").unwrap();
    m.stages[arrival]
        .extra_items_mut(back)
        .unwrap()
        .push(cjm::model::LaneItem {
            text: "Supervisor inspects arrival rooms first".into(),
            owner: "Housekeeping supervisor".into(),
            serves: "Waits in the lobby for the room".into(),
            ..Default::default()
        });
    r.git(&["rm", "-q", "maps/hotel.ron"]);
    r.write_map("client maps/hotel.ron", &m);
    let dee = r.commit_by(
        "Housekeeping works arrivals first",
        "Dee Park",
        "dee@example.com",
    );
    let rows = rows(&r, "client maps/hotel.ron");
    let lane = rows
        .iter()
        .find(|x| x["field"] == "lanes" && x["text"].as_str().unwrap_or("").contains("[backstage]"))
        .expect("a row for the backstage lane");
    assert_eq!(lane["author"], "Dee Park", "{lane:#}");
    assert_eq!(
        row(&rows, "stages/arrival/backstage/1")["author"],
        "Dee Park"
    );
    assert_eq!(
        row(&rows, "stages/arrival/backstage/0")["author"],
        "Ana Silva"
    );
    assert_eq!(
        row(&rows, "stages/arrival/frontstage/0")["author"],
        "Ana Silva"
    );
    let t = stdout(&r.cjm(&["blame", "client maps/hotel.ron"]));
    assert!(t.contains("\nLanes\n"), "{t}");
    let stage = t.find("\nStage: Arrival\n").expect(&t);
    let heading = stage + t[stage..].find("  Backstage (housekeeping)\n").expect(&t);
    let task = t[heading..].lines().nth(2).unwrap_or_default();
    assert!(
        task.contains("Supervisor inspects") && task.contains(&dee) && !task.contains(&ana),
        "{t}"
    );
}
