//! `cjm compare AS_IS TO_BE`: two example maps side by side, an as-is map against
//! the to-be version a team designed, and a map against an older git revision of
//! itself; the SVG and HTML drawn by headless Chromium (installed by
//! `.ci/setup-chromium.sh` when missing: the test fails, never skips) must show
//! both curves.

mod common;
mod gitrepo;

use std::path::Path;

use cjm::model::{Level, PainPoint, Status};
use gitrepo::{Repo, example, stderr, stdout};

/// The SaaS trial as it is, and as the team wants it: the onboarding's first pain
/// point fixed, its emotion raised, one new pain point, one optimization done.
fn as_is_and_to_be(r: &Repo) {
    let as_is = example("saas-trial.ron");
    let mut to_be = as_is.clone();
    to_be.title = "Plano trial, after the onboarding fixes".into();
    let onb = &mut to_be.stages[2];
    assert_eq!(onb.name, "Onboarding");
    let fixed = onb.pain_points.remove(0);
    assert!(fixed.text.starts_with("CSV import"), "{}", fixed.text);
    for e in &mut onb.emotions {
        e.score = 4;
    }
    onb.pain_points.push(PainPoint {
        personas: Vec::new(),
        text: "The new import preview is slow on 10k rows".into(),
        severity: Level::Low,
        votes: 0,
        evidence: Vec::new(),
    });
    assert_eq!(onb.optimizations[0].status, Status::InProgress);
    onb.optimizations[0].status = Status::Done;
    r.write_map("as-is.ron", &as_is);
    r.write_map("to-be.ron", &to_be);
}

#[test]
fn terminal_shows_both_curves_a_legend_deltas_pains_and_optimizations() {
    let r = Repo::new();
    as_is_and_to_be(&r);
    let o = r.cjm(&["compare", "as-is.ron", "to-be.ron"]);
    let t = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{t}{}", stderr(&o));
    assert!(t.starts_with("● as-is  Plano: from 14-day trial to paid team plan (as-is.ron)\n○ to-be  Plano trial, after the onboarding fixes (to-be.ron)\n◉ both\n"), "{t}");
    // The chart: onboarding's as-is point at 2.5 (●), its to-be point at 4 (○);
    // the other stages are the same on both sides (◉).
    let rows: Vec<&str> = t.lines().filter(|l| l.contains('│')).collect();
    assert_eq!(rows.len(), 9, "{t}");
    let cell = |row: &str, stage: usize| row.chars().nth(9 + stage * 4).unwrap_or(' ');
    let four = rows.iter().find(|l| l.starts_with("    4 │")).unwrap();
    assert_eq!(cell(four, 2), '○', "{t}");
    let two_half = rows[5];
    assert_eq!(cell(two_half, 2), '●', "{t}");
    assert!(t.contains("◉"), "{t}");
    assert!(t.contains("  3. Onboarding     2.3    4.0  ▲1.7\n"), "{t}");
    assert!(t.contains("  2. Acquisition    3.5    3.5  =\n"), "{t}");
    assert!(
        t.contains("pain points addressed (in as-is, not in to-be): 1\n  - [high] CSV import"),
        "{t}"
    );
    assert!(t.contains("new pain points (in to-be only): 1\n  + [low] The new import preview is slow on 10k rows (Onboarding)\n"), "{t}");
    assert!(
        t.contains("— done (as-is: in progress) (Onboarding)"),
        "{t}"
    );
}

#[test]
fn two_example_maps_of_different_journeys() {
    let r = Repo::new();
    let root = gitrepo::root();
    let a = root.join("maps/espresso.ron");
    let b = root.join("maps/magazine-subscription.ron");
    let o = r.cjm(&[
        "compare",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let (ea, eb) = (
        example("espresso.ron"),
        example("magazine-subscription.ron"),
    );
    let shared = eb
        .stages
        .iter()
        .filter(|s| ea.stages.iter().any(|x| x.id == s.id))
        .count();
    let all_ids = ea.stages.len() + eb.stages.len() - shared;
    assert_eq!(v["stages"].as_array().unwrap().len(), all_ids);
    // Every stage of either map, each curve point where that map has the stage.
    for s in v["stages"].as_array().unwrap() {
        let id = s["id"].as_str().unwrap();
        assert_eq!(
            s["as_is"].is_null(),
            !ea.stages
                .iter()
                .any(|x| x.id == id && !x.emotions.is_empty()),
            "{s}"
        );
        assert_eq!(
            s["to_be"].is_null(),
            !eb.stages
                .iter()
                .any(|x| x.id == id && !x.emotions.is_empty()),
            "{s}"
        );
    }
    let pains_b: usize = eb.stages.iter().map(|s| s.pain_points.len()).sum();
    // Different journeys share no pain point: those of a stage the to-be map also
    // has are addressed, those of a stage it drops went with the stage; all of
    // the to-be map's are new.
    let (kept, dropped): (Vec<_>, Vec<_>) = ea
        .stages
        .iter()
        .partition(|s| eb.stages.iter().any(|x| x.id == s.id));
    let count = |v: &[&cjm::model::Stage]| v.iter().map(|s| s.pain_points.len()).sum::<usize>();
    let (addressed, with_stage) = (count(&kept), count(&dropped));
    assert!(with_stage > 0, "the example maps have stages of their own");
    assert_eq!(v["addressed"].as_array().unwrap().len(), addressed);
    assert_eq!(
        v["removed_with_stage"].as_array().unwrap().len(),
        with_stage
    );
    assert_eq!(v["new_pain_points"].as_array().unwrap().len(), pains_b);

    let o = r.cjm(&[
        "compare",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--format",
        "markdown",
    ]);
    let md = stdout(&o);
    assert!(md.starts_with("## As-is against to-be\n"), "{md}");
    assert!(md.contains("| Stage | As-is | To-be | Delta |"), "{md}");
    assert!(
        md.contains(&format!("### Pain points addressed ({addressed})")),
        "{md}"
    );
    assert!(
        md.contains(&format!(
            "### Pain points removed with their stage ({with_stage})"
        )),
        "{md}"
    );
}

#[test]
fn a_map_against_an_older_revision_of_itself() {
    let r = Repo::new();
    r.write_map("maps/trial.ron", &example("saas-trial.ron"));
    r.commit("As found in the workshop");
    let mut m = r.read_map("maps/trial.ron");
    m.stages[5].pain_points.clear();
    for e in &mut m.stages[4].emotions {
        e.score = 2;
    }
    r.write_map("maps/trial.ron", &m);
    r.commit("Retention got worse, advocacy fixed");
    let o = r.cjm(&[
        "compare",
        "HEAD~1:maps/trial.ron",
        "maps/trial.ron",
        "--format",
        "markdown",
    ]);
    let md = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(md.contains("| Retention | 3.5 | 2.0 | ▼1.5 |"), "{md}");
    assert!(md.contains("| Advocacy | 4.5 | 4.5 | = |"), "{md}");
    assert!(md.contains("### Pain points addressed (2)"), "{md}");
    assert!(md.contains("### New pain points (0)"), "{md}");
}

#[test]
fn bad_sides_are_trouble() {
    let r = Repo::new();
    as_is_and_to_be(&r);
    r.commit("maps");
    let o = r.cjm(&["compare", "nope:as-is.ron", "to-be.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("nope:as-is.ron: no such file or git object"),
        "{}",
        stderr(&o)
    );
    let o = r.cjm(&["compare", "HEAD:../outside.ron", "to-be.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("outside repository"), "{}", stderr(&o));
    let o = r.cjm(&["compare", "as-is.ron", "missing.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("missing.ron"), "{}", stderr(&o));
    let not_a_repo = tempfile::tempdir().unwrap();
    let o = r.cjm_in(
        not_a_repo.path(),
        &["compare", "HEAD:as-is.ron", "HEAD:to-be.ron"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty());
    std::fs::write(r.path("broken.ron"), "JourneyMap(format: 1, title: )").unwrap();
    let o = r.cjm(&["compare", "as-is.ron", "broken.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("broken.ron:1:"), "{}", stderr(&o));
}

/// Pixels near each colour in a headless screenshot of `page`.
fn pixels(page: &Path, png: &Path, size: &str, colours: &[[u8; 3]]) -> (f64, Vec<usize>) {
    common::chromium::pixels(page, png, size, colours, 14)
}

#[test]
fn svg_and_html_draw_both_curves_in_a_browser() {
    let r = Repo::new();
    as_is_and_to_be(&r);
    let dir = common::root().join("target/export-render");
    std::fs::create_dir_all(&dir).unwrap();
    for (ext, size) in [("svg", "1000,380"), ("html", "1400,1000")] {
        let o = r.cjm(&["compare", "as-is.ron", "to-be.ron", "--format", ext]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let text = stdout(&o);
        let opts = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..roxmltree::ParsingOptions::default()
        };
        roxmltree::Document::parse_with_options(&text, opts)
            .unwrap_or_else(|e| panic!("{ext} is not well-formed: {e}"));
        let page = dir.join(format!("compare.{ext}"));
        std::fs::write(&page, &text).unwrap();
        let (inked, counts) = pixels(
            &page,
            &dir.join(format!("compare-{ext}.png")),
            size,
            &[[0x8e, 0x44, 0xad], [0x2f, 0x5d, 0x8a]],
        );
        assert!(
            inked > 0.02,
            "compare.{ext} looks blank: {:.1}% inked",
            inked * 100.0
        );
        assert!(
            counts[0] > 800,
            "compare.{ext}: the as-is curve is missing ({} px)",
            counts[0]
        );
        assert!(
            counts[1] > 800,
            "compare.{ext}: the to-be curve is missing ({} px)",
            counts[1]
        );
    }
}
