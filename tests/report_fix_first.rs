//! `cjm report` opens with what to fix first: on two maps with dot votes, done
//! and dropped optimizations and KPIs off target, the first section lists the
//! unaddressed high pain points by votes, the open high-priority optimizations
//! and the KPIs furthest from target, in that order; the full pain-point list
//! ranks by votes, then severity; done work is hidden unless `--all`; maps are
//! named by their titles. The HTML is rendered by headless Chromium and kept in
//! `target/report-render/fix-first.png` for a person to look at.

mod common;

use std::path::Path;

use cjm::model::{JourneyMap, Level, Metric, Optimization, PainPoint, Stage, Status};

fn pain(text: &str, severity: Level, votes: u32) -> PainPoint {
    PainPoint {
        personas: Vec::new(),
        text: text.into(),
        severity,
        votes,
        evidence: Vec::new(),
    }
}

fn opt(text: &str, priority: Level, status: Status, votes: u32) -> Optimization {
    Optimization {
        personas: Vec::new(),
        text: text.into(),
        owner: "Front office".into(),
        priority,
        status,
        votes,
        impact: None,
        effort: None,
        evidence: Vec::new(),
    }
}

fn kpi(name: &str, current: f64, target: f64) -> Metric {
    Metric {
        personas: Vec::new(),
        name: name.into(),
        current: Some(current),
        target: Some(target),
        unit: String::new(),
        evidence: Vec::new(),
    }
}

/// `hotel.ron` ("Business traveller hotel stay") and `events.ron` ("Conference
/// booking") in `maps/`.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut hotel = JourneyMap::new("Business traveller hotel stay", "Road warrior");
    let mut book = Stage::named("Book");
    // No optimization here: both pain points are unaddressed.
    book.pain_points = vec![
        pain("Card declined twice at checkout", Level::High, 1),
        pain("Room photos are years old", Level::Medium, 5),
    ];
    let mut check_in = Stage::named("Check-in");
    // A done optimization addresses its stage's pain points.
    check_in.pain_points = vec![
        pain("Queue at the desk after a red-eye", Level::High, 4),
        pain("Lift out of order", Level::High, 0),
    ];
    check_in.optimizations = vec![
        opt("Mobile key in the app", Level::High, Status::Done, 2),
        opt("Self-serve late checkout", Level::High, Status::Planned, 3),
        opt("Welcome drink voucher", Level::Low, Status::Idea, 6),
    ];
    let mut stay = Stage::named("Stay");
    // Only a dropped optimization: still unaddressed.
    stay.pain_points = vec![pain("Wi-Fi drops during video calls", Level::High, 2)];
    stay.optimizations = vec![opt("Replace the routers", Level::High, Status::Dropped, 0)];
    stay.metrics = vec![
        kpi("Check-in minutes", 12.0, 3.0),
        kpi("Occupancy", 80.0, 80.0),
    ];
    hotel.stages = vec![book, check_in, stay];

    let mut events = JourneyMap::new("Conference booking", "Event planner");
    let mut quote = Stage::named("Quote");
    quote.pain_points = vec![pain("Invoice does not match the quote", Level::High, 0)];
    let mut deliver = Stage::named("Deliver");
    deliver.optimizations = vec![opt(
        "Invoice preview before sending",
        Level::High,
        Status::InProgress,
        0,
    )];
    deliver.metrics = vec![kpi("NPS", 20.0, 50.0)];
    events.stages = vec![quote, deliver];

    let maps = dir.path().join("maps");
    std::fs::create_dir_all(&maps).unwrap();
    std::fs::write(maps.join("hotel.ron"), cjm::format::write(&hotel)).unwrap();
    std::fs::write(maps.join("events.ron"), cjm::format::write(&events)).unwrap();
    dir
}

fn report(dir: &Path, args: &[&str]) -> String {
    let out = common::cjm()
        .current_dir(dir)
        .arg("report")
        .args(args)
        .arg("maps")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The text between `from` and the next occurrence of `to`.
fn between<'a>(s: &'a str, from: &str, to: &str) -> &'a str {
    let rest = s
        .split_once(from)
        .unwrap_or_else(|| panic!("no {from:?} in {s}"))
        .1;
    rest.split_once(to).map_or(rest, |(a, _)| a)
}

#[test]
fn the_text_report_opens_with_what_to_fix_first() {
    let dir = workspace();
    let text = report(dir.path(), &[]);
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "2 maps: 5 optimizations, 6 pain points, 3 KPIs (1 done, not listed; --all lists them)"
    );
    assert_eq!(lines.next().unwrap(), "");
    let fix: Vec<&str> = lines.take_while(|l| !l.is_empty()).collect();
    assert_eq!(
        fix,
        [
            "FIX FIRST",
            "  High pain points with no optimization in their stage (by votes, then severity)",
            "     1. [high] Wi-Fi drops during video calls  (Business traveller hotel stay, Stay, 2 votes)",
            "     2. [high] Card declined twice at checkout  (Business traveller hotel stay, Book, 1 vote)",
            "     3. [high] Invoice does not match the quote  (Conference booking, Quote, 0 votes)",
            "  Open high-priority optimizations (by votes, then status)",
            "     1. [planned] Self-serve late checkout — Front office  (Business traveller hotel stay, Check-in, 3 votes)",
            "     2. [in progress] Invoice preview before sending — Front office  (Conference booking, Deliver, 0 votes)",
            "  KPIs furthest from target",
            "     1. Check-in minutes: 12 → 3, 300 % off target  (Business traveller hotel stay, Stay)",
            "     2. NPS: 20 → 50, 60 % off target  (Conference booking, Deliver)",
        ]
    );
    // The full list ranks by votes, then severity: the 5-vote medium pain point
    // first, the 0-vote high ones after every voted one.
    let pains: Vec<&str> = between(&text, "PAIN POINTS (by votes, then severity)\n", "\n\n")
        .lines()
        .map(|l| l.split_once(". ").unwrap().1)
        .collect();
    assert_eq!(
        pains,
        [
            "[medium] Room photos are years old  (Business traveller hotel stay, Book, 5 votes)",
            "[high] Queue at the desk after a red-eye  (Business traveller hotel stay, Check-in, 4 votes)",
            "[high] Wi-Fi drops during video calls  (Business traveller hotel stay, Stay, 2 votes)",
            "[high] Card declined twice at checkout  (Business traveller hotel stay, Book, 1 vote)",
            "[high] Invoice does not match the quote  (Conference booking, Quote, 0 votes)",
            "[high] Lift out of order  (Business traveller hotel stay, Check-in, 0 votes)",
        ]
    );
    // Maps by title, never by file; done work hidden.
    assert!(
        !text.contains("hotel.ron") && !text.contains("events.ron"),
        "{text}"
    );
    assert!(!text.contains("Mobile key"), "{text}");
}

#[test]
fn all_lists_done_work_too() {
    let dir = workspace();
    let text = report(dir.path(), &["--all"]);
    assert!(
        text.starts_with("2 maps: 5 optimizations, 6 pain points, 3 KPIs\n"),
        "{text}"
    );
    let plan = between(&text, "ACTION PLAN", "PAIN POINTS");
    assert!(
        plan.contains("    Done\n      [high] Mobile key in the app"),
        "{plan}"
    );
    // Done work is never something to fix first.
    assert!(!between(&text, "FIX FIRST", "ACTION PLAN").contains("Mobile key"));
    // `--status done` asks for it by name.
    let done = report(dir.path(), &["--status", "done"]);
    assert!(between(&done, "ACTION PLAN", "PAIN POINTS").contains("Mobile key in the app"));
}

#[test]
fn markdown_and_html_open_with_fix_first_too() {
    let dir = workspace();
    let md = report(dir.path(), &["--format", "markdown"]);
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## Fix first",
            "## Action plan",
            "## Pain points",
            "## KPIs",
            "## Lowest moments"
        ]
    );
    let fix = between(&md, "## Fix first\n", "\n## ");
    let first = fix.lines().find(|l| l.starts_with("1. ")).unwrap();
    assert_eq!(
        first,
        "1. [high] Wi-Fi drops during video calls  (Business traveller hotel stay, Stay, 2 votes)"
    );
    assert!(!md.contains("Mobile key"));

    let html = report(dir.path(), &["--format", "html"]);
    let doc = roxmltree::Document::parse_with_options(
        &html,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .expect("well-formed XHTML");
    let h2: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("h2"))
        .map(|n| n.text().unwrap_or_default().to_string())
        .collect();
    assert_eq!(h2[0], "Fix first");
    let section = doc
        .descendants()
        .find(|n| n.has_tag_name("section"))
        .unwrap();
    let rows: Vec<String> = section
        .descendants()
        .filter(|n| n.has_tag_name("tr"))
        .filter(|n| n.children().any(|c| c.has_tag_name("td")))
        .map(|n| {
            n.descendants()
                .filter(|d| d.is_text())
                .map(|d| d.text().unwrap())
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect();
    assert_eq!(
        rows[0],
        "1|2|high|Wi-Fi drops during video calls|Business traveller hotel stay|Stay"
    );
    assert_eq!(rows.len(), 3 + 2 + 2, "{rows:#?}");
    assert!(!html.contains("Mobile key") && !html.contains("hotel.ron"));

    // Rendered, for a person to look at.
    let out = common::root().join("target/report-render");
    std::fs::create_dir_all(&out).unwrap();
    let page = out.join("fix-first.html");
    std::fs::write(&page, &html).unwrap();
    let (inked, counts) = common::chromium::pixels(
        &page,
        &out.join("fix-first.png"),
        "1280,1400",
        &[[0x2f, 0x5d, 0x8a]],
        12,
    );
    assert!(inked > 0.04, "looks blank");
    assert!(counts[0] > 2000, "no table headers drawn");
}

#[test]
fn two_maps_with_one_title_are_told_apart_by_file() {
    let m = JourneyMap::new("Same", "P");
    let sources = vec![
        cjm::report::Source {
            name: "b.ron".into(),
            map: m.clone(),
        },
        cjm::report::Source {
            name: "a.ron".into(),
            map: m,
        },
    ];
    let r = cjm::report::build(&sources, &Default::default(), vec![], vec![]);
    let names: Vec<&str> = r.moments.iter().map(|m| m.map.as_str()).collect();
    assert_eq!(names, ["Same (a.ron)", "Same (b.ron)"]);
}
