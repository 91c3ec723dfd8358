//! The git-facing surfaces with lanes beyond the seven (format 6), on the hotel
//! blueprint: `cjm show` (git's textconv) names every lane and the blueprint's
//! lines, `cjm diff` words changes to lanes and their cards, and `cjm merge`
//! as git's merge driver merges cards and lanes changed on two branches. Maps
//! without lanes read as they always did.

mod common;

mod gitrepo;

use cjm::diff::merge::{Clash, merge};
use cjm::diff::{self, diff};
use cjm::model::{BlueprintLine, JourneyMap, Lane, LaneItem, LaneKind};
use gitrepo::{Repo, example, stderr, stdout};

const MAP: &str = "maps/hotel.ron";

fn hotel() -> JourneyMap {
    example("hotel-blueprint.ron")
}

fn card(text: &str, owner: &str) -> LaneItem {
    LaneItem {
        text: text.into(),
        owner: owner.into(),
        ..LaneItem::default()
    }
}

fn lane(m: &JourneyMap, id: &str) -> Lane {
    m.lane_by_id(id).unwrap_or_else(|| panic!("no lane {id}"))
}

/// An extra lane by id, for a map being edited.
fn ex(id: &str) -> Lane {
    Lane::Extra(cjm::model::intern(id))
}

/// The cards of lane `id` in stage `s`, by text.
fn cards<'a>(m: &'a JourneyMap, s: usize, id: &str) -> Vec<&'a str> {
    m.stages[s]
        .extra
        .items(id)
        .iter()
        .map(|i| i.text.as_str())
        .collect()
}

// ------------------------------------------------------------------- show

#[test]
fn show_names_every_lane_in_order_and_draws_the_lines() {
    let m = hotel();
    let (_dir, path) = one_file(&m);
    let o = common::cjm().args(["show", &path]).output().unwrap();
    let out = stdout(&o);
    assert!(o.status.success(), "{}", stderr(&o));
    // The list near the top: every lane with its id, in the grid's order.
    let list = out.split("\nLanes:\n").nth(1).expect("a lane list");
    let mut at = 0;
    for l in m.lane_sequence() {
        let line = format!("  - {} [{}]", m.lane_title(l), l.key());
        let found = list[at..]
            .find(&line)
            .unwrap_or_else(|| panic!("{line} not in order:\n{out}"));
        at += found;
    }
    assert!(list.contains("  - Moments of truth [moments]: custom, plain text\n"));
    // Each stage shows its cards under the lane's title, owner, channel and
    // the action they serve, and the lines between the lanes.
    let arrival = out.split("Stage 2: Arrival [arrival]\n").nth(1).unwrap();
    let arrival = arrival.split("\nStage 3").next().unwrap();
    for line in [
        BlueprintLine::Interaction,
        BlueprintLine::Visibility,
        BlueprintLine::InternalInteraction,
    ] {
        assert!(
            arrival.contains(&format!("  ── {} ──\n", line.label())),
            "{arrival}"
        );
    }
    assert!(
        arrival.contains(
            "  Frontstage (front desk, concierge):\n    - Receptionist checks the guest in and offers to store the luggage — Front desk, In person (serves: Checks in at the front desk)\n"
        ),
        "{arrival}"
    );
    assert!(arrival.contains("  Customer actions:\n"), "{arrival}");
    assert!(
        arrival.contains("  Moments of truth:\n    - The first five minutes"),
        "{arrival}"
    );
    // In the grid's order: evidence, actions, the line, frontstage.
    let pos = |s: &str| arrival.find(s).unwrap_or_else(|| panic!("{s}: {arrival}"));
    assert!(pos("  Physical evidence:") < pos("  Customer actions:"));
    assert!(pos("  Customer actions:") < pos("── line of interaction"));
    assert!(pos("── line of interaction") < pos("  Frontstage"));
}

#[test]
fn maps_without_lanes_show_and_diff_as_before() {
    for name in ["espresso.ron", "saas-trial.ron", "hospital-visit.ron"] {
        let path = gitrepo::root().join("maps").join(name);
        let bytes = std::fs::read(&path).unwrap();
        let m = cjm::format::load(&bytes).unwrap().map;
        assert!(!m.has_lanes());
        let out = stdout(&common::cjm().arg("show").arg(&path).output().unwrap());
        assert!(!out.contains("Lanes:") && !out.contains("──"), "{out}");
        // The journey lanes keep their titles and order.
        let titles: Vec<&str> = out
            .split("\nStage 1")
            .nth(1)
            .unwrap_or_default()
            .split("\nStage 2")
            .next()
            .unwrap_or_default()
            .lines()
            .filter(|l| l.starts_with("  ") && !l.starts_with("   ") && l.ends_with(':'))
            .collect();
        let order: Vec<usize> = titles
            .iter()
            .filter_map(|t| {
                Lane::ALL
                    .iter()
                    .position(|l| format!("  {}:", l.title()) == *t)
            })
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{titles:?}");
        let mut b = m.clone();
        b.stages[0].actions.push("Asks a friend".into());
        let d = diff(&m, &b);
        assert_eq!(d.len(), 1);
        let md = cjm::diff::comment::diff_markdown(
            &cjm::diff::comment::Details {
                changes: &d,
                summary: &cjm::diff::summary::summarise(&d),
                emotions: &[],
            },
            &cjm::diff::comment::Limit {
                max: None,
                see_all: "cjm diff",
            },
        );
        assert!(!md.contains("Lanes"), "{md}");
    }
}

// ------------------------------------------------------------------- diff

#[test]
fn cards_and_lanes_changes_read_in_words() {
    let a = hotel();
    let mut b = a.clone();
    let front = lane(&b, "frontstage");
    // A card now serves another action: one line, not the card twice.
    b.stages[1].extra_items_mut(front).unwrap()[0].serves =
        "Arrives at 15:10 after a four-hour train ride".into();
    b.stages[1]
        .extra_items_mut(ex("moments"))
        .unwrap()
        .push(card("The bill explained before she asks", ""));
    b.rename_lane(Lane::Actions, "Doing");
    let feel = b.add_lane("Feelings at the desk", LaneKind::Custom, Some(front));
    b.stages[1]
        .extra_items_mut(feel)
        .unwrap()
        .push(card("Relief when the bag is taken", ""));
    b.move_lane(lane(&b, "moments"), -1);
    let d = diff(&a, &b);
    let t = diff::render::text(&d);
    for want in [
        "~ lane Customer actions is now titled Doing\n",
        "+ lane Feelings at the desk (feelings-at-the-desk)\n",
        "  Frontstage (front desk, concierge)\n    ~ \"Receptionist checks the guest in and offers to store the luggage\" now serves \"Arrives at 15:10 after a four-hour train ride\"\n",
        "  Moments of truth\n    + The bill explained before she asks\n",
        "  Feelings at the desk\n    + Relief when the bag is taken\n",
    ] {
        assert!(t.contains(want), "{want}\n---\n{t}");
    }
    // Two lanes that swapped places: one of them moved.
    assert_eq!(t.matches("(moved: position").count(), 1, "{t}");
    assert_eq!(cjm::diff::apply(&a, &d).unwrap(), b);

    let (_dir, pa, pb) = two_files(&a, &b);
    let md = stdout(
        &common::cjm()
            .args(["diff", &pa, &pb, "--format", "markdown"])
            .output()
            .unwrap(),
    );
    assert!(
        md.contains("**Items**: 2 added, 1 changed · **Pain points**: – · **Optimizations**: – · **Lanes**: 1 added, 1 changed, 1 moved"),
        "{md}"
    );
    assert!(
        md.contains("**changed**: “Receptionist checks the guest in and offers to store the luggage” now serves “Arrives at 15:10 after a four-hour train ride”"),
        "{md}"
    );
    // A removed lane says so, and its cards go with it.
    let mut c = a.clone();
    c.remove_lane(lane(&c, "moments"));
    let t = diff::render::text(&diff(&a, &c));
    assert!(t.contains("- lane Moments of truth (moments)\n"), "{t}");
    assert!(
        t.contains(
            "  Moments of truth\n    - The first five minutes at the desk decide the review\n"
        ),
        "{t}"
    );
}

#[test]
fn an_added_stage_shows_its_cards_under_the_lanes_titles_in_order() {
    let b = hotel();
    let mut a = b.clone();
    a.stages.remove(2);
    let t = diff::render::text(&diff(&a, &b));
    assert!(
        t.starts_with(
            "+ stage Stay [stay]\n  + goal: \"Sleep well and enjoy the city\"\n  Physical evidence\n    + Room, printed city guide, breakfast room\n  Customer actions\n"
        ),
        "{t}"
    );
    assert!(
        t.contains("  Backstage (housekeeping, night audit)\n    + Night audit closes the day's accounts — Night auditor\n  Touchpoints\n"),
        "{t}"
    );
}

// ------------------------------------------------------------------ merge

#[test]
fn a_lane_removed_on_one_side_and_filled_on_the_other_is_kept_with_its_cards() {
    let b = hotel();
    let mut removed = b.clone();
    removed.remove_lane(lane(&removed, "moments"));
    let mut filled = b.clone();
    filled.stages[0]
        .extra_items_mut(ex("moments"))
        .unwrap()
        .push(card("The price she sees first is the price she pays", ""));
    for (ours, theirs, by_us) in [(&removed, &filled, true), (&filled, &removed, false)] {
        let (m, c) = merge(&b, ours, theirs);
        assert!(m.lane_def(Lane::Extra("moments")).is_some(), "{c:#?}");
        assert_eq!(
            cards(&m, 0, "moments"),
            ["The price she sees first is the price she pays"]
        );
        // The card the base had and nobody changed went with the removal.
        assert!(cards(&m, 1, "moments").is_empty());
        assert!(
            c.iter()
                .any(|c| c.clash == Clash::LaneKeptForItems { by_us }),
            "{c:#?}"
        );
        assert!(c.iter().all(|c| !c.is_recorded()));
        assert!(cjm::format::errors(&m).is_empty());
    }
}

#[test]
fn a_card_both_sides_changed_is_kept_twice() {
    let b = hotel();
    let front = lane(&b, "frontstage");
    let mut x = b.clone();
    let mut y = b.clone();
    x.stages[1].extra_items_mut(front).unwrap()[0].owner = "Night manager".into();
    y.stages[1].extra_items_mut(front).unwrap()[0].owner = "Concierge".into();
    let (m, c) = merge(&b, &x, &y);
    let owners: Vec<&str> = m.stages[1]
        .extra
        .items("frontstage")
        .iter()
        .map(|i| i.owner.as_str())
        .collect();
    assert_eq!(
        owners,
        [
            "Night manager",
            "Concierge",
            "Front desk",
            "Night receptionist"
        ]
    );
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].clash, Clash::BothChangedKeptBoth);
    let note = diff::render::conflict(&c[0]);
    assert!(
        note.starts_with("CONFLICT (cjm): stage `arrival` (Arrival), frontstage (front desk, concierge): both changed it; both are kept"),
        "{note}"
    );
}

#[test]
fn a_card_added_for_an_action_the_other_side_reworded_follows_the_new_words() {
    let b = hotel();
    let old = "Checks in at the front desk";
    let new = "Checks in at the desk or by phone";
    let mut reworded = b.clone();
    let at = reworded.stages[1]
        .actions
        .iter()
        .position(|a| a == old)
        .unwrap();
    reworded.stages[1].actions[at] = new.into();
    reworded.relink_serves(1, old, new);
    let mut added = b.clone();
    added.stages[1]
        .extra_items_mut(ex("backstage"))
        .unwrap()
        .push(LaneItem {
            serves: old.into(),
            ..card("Night audit pre-assigns rooms", "Night auditor")
        });
    for (x, y) in [(&reworded, &added), (&added, &reworded)] {
        let (m, c) = merge(&b, x, y);
        assert!(c.is_empty(), "{c:#?}");
        assert!(m.dangling_serves().is_empty(), "{:?}", m.dangling_serves());
        let card = m.stages[1].extra.items("backstage").last().unwrap();
        assert_eq!(card.serves, new);
    }
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

#[test]
fn git_merges_cards_changed_on_both_branches_in_custom_and_blueprint_lanes() {
    let r = repo();
    let mut f = r.read_map(MAP);
    let front = lane(&f, "frontstage");
    f.stages[1].extra_items_mut(front).unwrap()[1].channel = "WhatsApp".into();
    f.stages[2]
        .extra_items_mut(ex("moments"))
        .unwrap()
        .push(card("A quiet room on the first night", ""));
    r.write_map(MAP, &f);
    r.commit("feature: WhatsApp, and a moment of truth");
    r.ok(&["checkout", "-q", "main"]);
    let mut m = r.read_map(MAP);
    m.stages[1]
        .extra_items_mut(ex("backstage"))
        .unwrap()
        .push(card(
            "Housekeeping gets the arrival list at 11:00",
            "Head of housekeeping",
        ));
    m.stages[1].extra_items_mut(front).unwrap()[0].serves =
        "Arrives at 15:10 after a four-hour train ride".into();
    r.write_map(MAP, &m);
    r.commit("main: arrival list");
    let o = merge_feature(&r);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let merged = r.read_map(MAP);
    assert!(merged.conflicts.is_empty());
    let front_items = merged.stages[1].extra.items("frontstage");
    assert_eq!(front_items[1].channel, "WhatsApp");
    assert_eq!(
        front_items[0].serves,
        "Arrives at 15:10 after a four-hour train ride"
    );
    assert_eq!(
        cards(&merged, 1, "backstage").last(),
        Some(&"Housekeeping gets the arrival list at 11:00")
    );
    assert_eq!(
        cards(&merged, 2, "moments"),
        ["A quiet room on the first night"]
    );
    let check = r.cjm(&["check", MAP]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    // The review of the merge names the lanes' cards and counts them.
    let md = stdout(&r.cjm(&["diff", "--git", "HEAD~2", "HEAD", "--format", "markdown"]));
    assert!(md.contains("*Moments of truth*"), "{md}");
    assert!(
        md.contains("*Backstage (housekeeping, night audit)*"),
        "{md}"
    );
}

#[test]
fn git_merges_a_lane_added_on_both_branches_with_cards_on_one_and_a_rename_with_cards() {
    let r = repo();
    // feature adds the lane and its cards, and cards to "moments".
    let mut f = r.read_map(MAP);
    let reg = f.add_lane("Regulation", LaneKind::Custom, None);
    f.stages[3]
        .extra_items_mut(reg)
        .unwrap()
        .push(card("City tax shown on the bill by law", ""));
    f.stages[0]
        .extra_items_mut(ex("moments"))
        .unwrap()
        .push(card("The first price she sees", ""));
    r.write_map(MAP, &f);
    r.commit("feature: regulation lane");
    // main adds the same lane (no cards) and retitles "moments".
    r.ok(&["checkout", "-q", "main"]);
    let mut m = r.read_map(MAP);
    m.add_lane("Regulation", LaneKind::Custom, None);
    m.rename_lane(lane(&m, "moments"), "Moments that matter");
    r.write_map(MAP, &m);
    r.commit("main: regulation lane, moments retitled");
    let o = merge_feature(&r);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let merged = r.read_map(MAP);
    assert_eq!(
        merged
            .extra_lanes()
            .iter()
            .filter(|l| l.key() == "regulation")
            .count(),
        1
    );
    assert_eq!(
        cards(&merged, 3, "regulation"),
        ["City tax shown on the bill by law"]
    );
    assert_eq!(
        merged.lane_title(lane(&merged, "moments")),
        "Moments that matter"
    );
    assert_eq!(cards(&merged, 0, "moments"), ["The first price she sees"]);
    let shown = stdout(&r.cjm(&["show", MAP]));
    assert!(
        shown.contains("  - Regulation [regulation]: custom, plain text\n"),
        "{shown}"
    );
    assert!(
        shown.contains("  Moments that matter:\n    - The first price she sees\n"),
        "{shown}"
    );
    // The pull-request comment's table gets a Lanes column, counting them.
    let md = stdout(&r.cjm(&["diff", "--git", "HEAD~2", "HEAD", "--format", "markdown"]));
    assert!(
        md.contains("| Map | Change | Stages | Items | Pain points | Optimizations | Lanes |"),
        "{md}"
    );
    assert!(md.contains("| 1 added, 1 changed |"), "{md}");
    assert!(
        md.contains("- **added**: lane Regulation (regulation)"),
        "{md}"
    );
}

#[test]
fn git_merges_two_different_lanes_added_on_each_branch_in_one_order() {
    let r = repo();
    let mut f = r.read_map(MAP);
    f.add_lane("Regulation", LaneKind::Custom, None);
    r.write_map(MAP, &f);
    r.commit("feature: regulation");
    r.ok(&["checkout", "-q", "main"]);
    let mut m = r.read_map(MAP);
    m.add_lane("Accessibility", LaneKind::Custom, None);
    r.write_map(MAP, &m);
    r.commit("main: accessibility");
    let o = merge_feature(&r);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let merged = r.read_map(MAP);
    let ids: Vec<&str> = merged.extra_lanes().iter().map(|l| l.key()).collect();
    // Both, after the lane both followed, ordered by id whichever side merges.
    assert!(ids.ends_with(&["accessibility", "regulation"]), "{ids:?}");
}

#[test]
fn git_stops_when_a_lane_removed_on_one_branch_got_cards_on_the_other() {
    let r = repo();
    let mut f = r.read_map(MAP);
    f.stages[0]
        .extra_items_mut(ex("moments"))
        .unwrap()
        .push(card("The first price she sees", ""));
    r.write_map(MAP, &f);
    r.commit("feature: a moment of truth");
    r.ok(&["checkout", "-q", "main"]);
    let mut m = r.read_map(MAP);
    m.remove_lane(lane(&m, "moments"));
    r.write_map(MAP, &m);
    r.commit("main: no moments lane");
    let o = merge_feature(&r);
    assert!(!o.status.success());
    let err = format!("{}{}", stdout(&o), stderr(&o));
    assert!(err.contains("lane Moments of truth (moments): removed by us, but they gave it cards; the lane is kept with them"), "{err}");
    assert!(err.contains("1 lane conflict(s)"), "{err}");
    // The file loads, with the lane and the card, and nothing recorded.
    let merged = r.read_map(MAP);
    assert!(merged.conflicts.is_empty());
    assert_eq!(cards(&merged, 0, "moments"), ["The first price she sees"]);
    assert!(merged.lane_def(Lane::Extra("moments")).is_some());
}

#[test]
fn history_and_compare_count_cards_per_lane() {
    let r = repo();
    let mut f = r.read_map(MAP);
    f.stages[0]
        .extra_items_mut(ex("moments"))
        .unwrap()
        .push(card("The first price she sees", ""));
    r.write_map(MAP, &f);
    r.commit("feature: a moment of truth");
    let h = stdout(&r.cjm(&["history", MAP]));
    assert!(
        h.contains("  cards by lane: Physical evidence 4 · Frontstage (front desk, concierge) 6 · Backstage (housekeeping, night audit) 3 · Support processes (systems, suppliers) 3 · Moments of truth 2\n"),
        "{h}"
    );
    let csv = stdout(&r.cjm(&["history", MAP, "--format", "csv"]));
    let head = csv.lines().next().unwrap();
    assert!(
        head.contains(
            "lane:physical-evidence,lane:frontstage,lane:backstage,lane:support,lane:moments"
        ),
        "{head}"
    );
    assert!(csv.lines().nth(2).unwrap().contains(",4,6,3,3,2,"), "{csv}");
    let (_dir, pa, pb) = two_files(&hotel(), &f);
    let t = stdout(&common::cjm().args(["compare", &pa, &pb]).output().unwrap());
    assert!(t.contains("cards by lane (as-is → to-be):\n"), "{t}");
    assert!(t.contains("  Moments of truth: 1 → 2\n"), "{t}");
    let plain = gitrepo::root().join("maps/espresso.ron");
    let t = stdout(
        &common::cjm()
            .arg("compare")
            .arg(&plain)
            .arg(&plain)
            .output()
            .unwrap(),
    );
    assert!(!t.contains("cards by lane"), "{t}");
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
    let (pa, pb) = (w("old.ron", a), w("new.ron", b));
    (dir, pa, pb)
}
