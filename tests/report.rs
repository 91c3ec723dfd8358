//! `cjm report` over a folder of the example maps plus a broken map and another
//! tool's `.ron` (tests/data/report/): every format read back, the filters, the
//! order independent of threads and arguments, and the HTML rendered by headless
//! Chromium (installed by `.ci/setup-chromium.sh` when missing; the test fails,
//! never skips, when it cannot be had). Screenshots stay in
//! `target/report-render/` for a person to look at.

mod common;

use cjm::model::{JourneyMap, Level};
use common::bin::{Run, cjm_in, cjm_within};

/// `maps/` holds the example maps, `maps/more/` the broken map and the other
/// tool's file, so the folder is searched recursively.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let maps = dir.path().join("maps");
    std::fs::create_dir_all(maps.join("more")).unwrap();
    for name in example_names() {
        std::fs::copy(common::root().join("maps").join(&name), maps.join(&name)).unwrap();
    }
    for name in ["broken.ron", "other-tool.ron"] {
        std::fs::copy(
            common::root().join("tests/data/report").join(name),
            maps.join("more").join(name),
        )
        .unwrap();
    }
    // Not a map to report on, and not reported as "not a map" either.
    std::fs::write(maps.join("cjm.ron"), "Config(rules: [])\n").unwrap();
    std::fs::write(maps.join("notes.txt"), "not a .ron file").unwrap();
    dir
}

fn example_names() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(common::root().join("maps"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ron"))
        .collect();
    v.sort();
    v
}

fn examples() -> Vec<JourneyMap> {
    example_names()
        .iter()
        .map(|n| {
            let bytes = std::fs::read(common::root().join("maps").join(n)).unwrap();
            cjm::format::load(&bytes).unwrap().map
        })
        .collect()
}

fn count(f: impl Fn(&cjm::model::Stage) -> usize) -> usize {
    examples().iter().flat_map(|m| &m.stages).map(f).sum()
}

/// Done optimizations in the examples: counted, not listed without `--all`.
fn done() -> usize {
    count(|s| {
        s.optimizations
            .iter()
            .filter(|o| o.status == cjm::model::Status::Done)
            .count()
    })
}

const BROKEN: &str = "maps/more/broken.ron:14:28: emotion score 7 is outside 1–5";
const SKIPPED: &str = "cjm: warning: maps/more/other-tool.ron: not a journey map, skipped\n";

#[test]
fn text_report_counts_every_map_that_loads_and_names_the_rest() {
    let dir = workspace();
    let r = cjm_in(dir.path(), &["report", "maps"]);
    assert_eq!(r.code, 1, "a map did not load: {}", r.stderr);
    // One warning line for the other tool's file, the broken map at its position.
    assert!(r.stderr.starts_with(SKIPPED), "{}", r.stderr);
    assert!(r.stderr.contains(&format!("cjm: {BROKEN}")), "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 2, "{}", r.stderr);
    let maps = example_names().len();
    let first = r.stdout.lines().next().unwrap();
    assert_eq!(
        first,
        format!(
            "{maps} maps: {} optimizations, {} pain points, {} KPIs ({} done, not listed; --all lists them); 1 map did not load; 1 file that is not a map skipped",
            count(|s| s.optimizations.len()),
            count(|s| s.pain_points.len()),
            count(|s| s.metrics.len()),
            done(),
        )
    );
    for heading in [
        "FIX FIRST",
        "ACTION PLAN (optimizations by owner, then status)",
        "PAIN POINTS (by votes, then severity)",
        "KPIS (current → target, gap to target)",
        "LOWEST MOMENTS",
    ] {
        assert!(r.stdout.contains(heading), "{heading}");
    }
    assert!(r.stdout.contains(&format!("not counted: {BROKEN}")));
    // The espresso map's curve and its lowest stage.
    assert!(
        r.stdout
            .contains("Buying a first espresso machine  ▆▃▃▄▇  lowest: Consideration (2)"),
        "{}",
        r.stdout
    );
    // A KPI with its gap, without binary noise.
    assert!(r.stdout.contains(
        "Guide click-through from search: 2.1 % → 4 %, gap +1.9 %  (Buying a first espresso machine, Awareness)"
    ));
    // Pain points (no votes in the examples): every high one before every
    // medium one before every low one.
    let sev: Vec<&str> = r
        .stdout
        .split("PAIN POINTS")
        .nth(1)
        .unwrap()
        .split("\nKPIS")
        .next()
        .unwrap()
        .lines()
        .filter_map(|l| l.trim_start().split_once(". [").map(|(_, r)| r))
        .filter_map(|r| r.split(']').next())
        .collect();
    assert_eq!(sev.len(), count(|s| s.pain_points.len()));
    let rank = |s: &str| {
        ["high", "medium", "low"]
            .iter()
            .position(|x| *x == s)
            .unwrap()
    };
    assert!(sev.windows(2).all(|w| rank(w[0]) <= rank(w[1])), "{sev:?}");
}

#[test]
fn every_format_says_the_same() {
    let dir = workspace();
    let json = cjm_in(dir.path(), &["report", "--format", "json", "maps"]);
    assert_eq!(json.code, 1);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let n = |k: &str| v[k].as_array().unwrap().len();
    assert_eq!(v["maps"], example_names().len());
    assert!(done() > 0);
    assert_eq!(n("actions"), count(|s| s.optimizations.len()) - done());
    assert_eq!(v["hidden_done"], done());
    assert_eq!(n("pain_points"), count(|s| s.pain_points.len()));
    assert_eq!(n("kpis"), count(|s| s.metrics.len()));
    // One lowest moment per persona of each map.
    let personas: usize = examples().iter().map(|m| m.persona_count()).sum();
    assert!(personas > example_names().len());
    assert_eq!(n("moments"), personas);
    assert_eq!(v["failed"][0]["file"], "maps/more/broken.ron");
    assert_eq!(
        (
            v["failed"][0]["line"].clone(),
            v["failed"][0]["col"].clone()
        ),
        (14.into(), 28.into())
    );
    assert_eq!(v["skipped"][0], "maps/more/other-tool.ron");
    assert_eq!(v["pain_points"][0]["severity"], "High");
    assert_eq!(v["pain_points"][0]["votes"], 0);
    assert_eq!(v["actions"][0]["votes"], 0);
    // The action plan is grouped: an owner's optimizations are together.
    let owners: Vec<&str> = v["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["owner"].as_str().unwrap())
        .collect();
    let mut seen: Vec<&str> = owners.clone();
    seen.dedup();
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(seen.len(), unique.len(), "owners not grouped: {seen:?}");
    let gap = v["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["name"] == "Guide click-through from search")
        .unwrap()["gap"]
        .as_f64()
        .unwrap();
    assert!((gap - 1.9).abs() < 1e-9);

    let md = cjm_in(dir.path(), &["report", "--format", "markdown", "maps"]);
    assert_eq!(md.code, 1);
    for h in [
        "# Report across maps",
        "## Action plan",
        "## Pain points",
        "## KPIs",
        "## Lowest moments",
        "## Not counted",
    ] {
        assert!(md.stdout.lines().any(|l| l == h), "{h}");
    }
    let rows = |section: &str| {
        md.stdout
            .split(section)
            .nth(1)
            .unwrap()
            .split("\n## ")
            .next()
            .unwrap()
            .lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| ---"))
            .count()
            - 1
    };
    assert_eq!(rows("## Pain points"), n("pain_points"));
    assert_eq!(rows("## KPIs"), n("kpis"));
    assert_eq!(rows("## Lowest moments"), n("moments"));

    let csv = cjm_in(dir.path(), &["report", "--format", "csv", "maps"]);
    assert_eq!(csv.code, 1);
    let mut rd = csv::Reader::from_reader(csv.stdout.as_bytes());
    let header: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[0], "section");
    let mut sections = std::collections::BTreeMap::<String, usize>::new();
    for rec in rd.records() {
        let rec = rec.unwrap();
        assert_eq!(rec.len(), header.len());
        *sections.entry(rec[0].to_string()).or_default() += 1;
    }
    assert_eq!(sections["action"], n("actions"));
    assert_eq!(sections["pain-point"], n("pain_points"));
    assert_eq!(sections["kpi"], n("kpis"));
    assert_eq!(sections["moment"], n("moments"));
    assert_eq!(sections["not-loaded"], 1);

    let html = cjm_in(dir.path(), &["report", "--format", "html", "maps"]);
    assert_eq!(html.code, 1);
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc =
        roxmltree::Document::parse_with_options(&html.stdout, opts).expect("well-formed XHTML");
    let cells = doc.descendants().filter(|n| n.has_tag_name("tr")).count();
    // One header row per table and one row per action, pain point, KPI and map.
    assert!(cells > n("actions") + n("pain_points") + n("kpis") + n("moments"));
    assert!(!html.stdout.contains("<script"));
}

#[test]
fn the_filters_narrow_the_action_plan() {
    let dir = workspace();
    let all = examples();
    let opts = || {
        all.iter()
            .flat_map(|m| &m.stages)
            .flat_map(|s| &s.optimizations)
    };
    let json = |args: &[&str]| {
        let mut a = vec!["report", "--format", "json"];
        a.extend_from_slice(args);
        a.push("maps");
        let r = cjm_in(dir.path(), &a);
        assert_eq!(r.code, 1, "{}", r.stderr);
        serde_json::from_str::<serde_json::Value>(&r.stdout).unwrap()
    };
    let v = json(&["--owner", "web TEAM"]);
    let want = opts()
        .filter(|o| o.owner == "Web team" && o.status != cjm::model::Status::Done)
        .count();
    assert!(want > 0);
    assert_eq!(v["actions"].as_array().unwrap().len(), want);
    assert!(
        v["actions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["owner"] == "Web team")
    );
    // Pain points are not filtered.
    assert_eq!(
        v["pain_points"].as_array().unwrap().len(),
        count(|s| s.pain_points.len())
    );
    let v = json(&["--status", "in-progress"]);
    let want = opts()
        .filter(|o| o.status == cjm::model::Status::InProgress)
        .count();
    assert_eq!(v["actions"].as_array().unwrap().len(), want);
    let v = json(&["--status", "InProgress", "--owner", "Subscriptions lead"]);
    assert_eq!(v["actions"].as_array().unwrap().len(), 2);
    let r = cjm_in(dir.path(), &["report", "--status", "later", "maps"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("expected idea, planned, in-progress, done or dropped")
    );
}

#[test]
fn the_order_never_depends_on_threads_or_arguments() {
    let dir = workspace();
    let a = cjm_in(dir.path(), &["report", "maps"]);
    let mut args = vec!["report".to_string()];
    for n in example_names().iter().rev() {
        args.push(format!("maps/{n}"));
    }
    args.push("maps/more".into());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    for _ in 0..5 {
        let b = cjm_in(dir.path(), &args);
        assert_eq!(a.stdout, b.stdout);
        assert_eq!(a.stderr, b.stderr);
    }
}

#[test]
fn ties_are_broken_by_map_then_place_and_levels_first() {
    let mut one = JourneyMap::new("One", "P");
    let mut st = cjm::model::Stage::named("S");
    for (t, sev) in [
        ("b low", Level::Low),
        ("a high", Level::High),
        ("c high", Level::High),
    ] {
        st.pain_points.push(cjm::model::PainPoint {
            personas: Vec::new(),
            text: t.into(),
            severity: sev,
            votes: 0,
            evidence: Vec::new(),
        });
    }
    one.stages.push(st);
    let two = one.clone();
    let sources = vec![
        cjm::report::Source {
            name: "z.ron".into(),
            map: two,
        },
        cjm::report::Source {
            name: "a.ron".into(),
            map: one,
        },
    ];
    let r = cjm::report::build(&sources, &Default::default(), vec![], vec![]);
    let got: Vec<String> = r
        .pain_points
        .iter()
        .map(|p| format!("{} {}", p.file, p.text))
        .collect();
    assert_eq!(
        got,
        [
            "a.ron a high",
            "a.ron c high",
            "z.ron a high",
            "z.ron c high",
            "a.ron b low",
            "z.ron b low"
        ]
    );
}

#[test]
fn hostile_text_cannot_drive_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let map = common::hostile();
    std::fs::write(dir.path().join("h.ron"), cjm::format::write(&map)).unwrap();
    // CSV has no escapes: a pipe gets the exact bytes (a terminal gets cjm's
    // visible escapes, as with `export`), so it is read back instead.
    let r = cjm_in(dir.path(), &["report", "--format", "csv", "h.ron"]);
    assert_eq!(r.code, 0);
    let texts: Vec<String> = csv::Reader::from_reader(r.stdout.as_bytes())
        .records()
        .map(|r| r.unwrap()[3].to_string())
        .collect();
    let p = &map.stages[0].pain_points[0].text;
    assert!(
        texts.iter().any(|t| cjm::export::csv::restore(t) == p),
        "{p:?} not in {texts:?}"
    );
    for f in ["text", "markdown", "json", "html"] {
        let r = cjm_in(dir.path(), &["report", "--format", f, "h.ron"]);
        assert_eq!(r.code, 0, "{f}: {}", r.stderr);
        assert!(!r.stdout.contains('\u{1b}'), "{f}: raw escape");
        assert!(!r.stdout.contains('\u{202e}'), "{f}: raw bidi");
    }
}

#[test]
fn a_map_on_standard_input_is_counted_too() {
    let dir = workspace();
    let out = common::bin::output_with_stdin(
        common::cjm()
            .current_dir(dir.path())
            .args(["report", "-", "maps/espresso.ron"]),
        std::fs::read(dir.path().join("maps/saas-trial.ron")).unwrap(),
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("2 maps: "), "{text}");
    assert!(
        text.contains(
            "\n  Plano: from 14-day trial to paid team plan  ▄▅▃▅▅▇  lowest: Onboarding (2.33)\n"
        ),
        "{text}"
    );
}

#[test]
fn unreadable_paths_are_trouble_and_the_rest_still_counted() {
    let dir = workspace();
    let r = cjm_in(dir.path(), &["report", "maps/espresso.ron", "nope"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cjm: nope: "), "{}", r.stderr);
    assert!(r.stdout.starts_with("1 map: "), "{}", r.stdout);
    // Nothing in the folder was touched.
    for n in example_names() {
        assert_eq!(
            std::fs::read(dir.path().join("maps").join(&n)).unwrap(),
            std::fs::read(common::root().join("maps").join(&n)).unwrap()
        );
    }
}

use common::chromium::headless;

#[test]
fn the_html_report_renders_headless_and_fits_the_width() {
    let dir = workspace();
    let html = cjm_in(dir.path(), &["report", "--format", "html", "maps"]).stdout;
    let out = common::root().join("target/report-render");
    std::fs::create_dir_all(&out).unwrap();
    let page = out.join("report.html");
    std::fs::write(&page, &html).unwrap();
    let png = out.join("report.png");
    let (inked, counts) =
        common::chromium::pixels(&page, &png, "1280,1600", &[[0x2f, 0x5d, 0x8a]], 12);
    let blue = counts.first().copied().unwrap_or(0);
    assert!(inked > 0.04, "looks blank");
    assert!(blue > 2000, "no table headers drawn ({blue} blue pixels)");

    // Laid out at a laptop's width, the page does not scroll sideways.
    let probe = "<script>document.body.setAttribute('data-fit', [document.documentElement.clientWidth, document.documentElement.scrollWidth].join(' '));</script></body>";
    let probed = html
        .lines()
        .filter(|l| !l.contains("Content-Security-Policy"))
        .collect::<Vec<_>>()
        .join("\n")
        .replace("</body>", probe);
    let profile = tempfile::tempdir().unwrap();
    let fit = profile.path().join("fit.html");
    std::fs::write(&fit, probed).unwrap();
    let run = headless(profile.path())
        .arg("--dump-dom")
        .arg("--window-size=1024,800")
        .arg(format!("file://{}", fit.display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&run.stdout);
    let attr = dom
        .split("data-fit=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_else(|| panic!("no measurement: {}", String::from_utf8_lossy(&run.stderr)));
    let v: Vec<f64> = attr.split(' ').map(|x| x.parse().unwrap()).collect();
    assert!(v[1] <= v[0], "page scrolls sideways: {v:?}");
}

fn report_json(r: &Run) -> serde_json::Value {
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout))
}

#[cfg(unix)]
#[test]
fn a_fifo_in_a_folder_is_passed_over_unopened() {
    let dir = workspace();
    let fifo = dir.path().join("maps/more/pipe.ron");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    // Through a symbolic link too.
    std::os::unix::fs::symlink("pipe.ron", dir.path().join("maps/more/link.ron")).unwrap();
    let r = cjm_within(dir.path(), &["report", "--format", "json", "maps"]);
    assert_eq!(r.code, 1, "only the broken map fails: {}", r.stderr);
    // Said once: the link and the FIFO are one file (the first name in the walk).
    assert!(
        r.stderr
            .contains("cjm: maps/more/link.ron: not a regular file, skipped\n"),
        "{}",
        r.stderr
    );
    assert_eq!(
        r.stderr.matches("not a regular file").count(),
        1,
        "{}",
        r.stderr
    );
    let v = report_json(&r);
    assert_eq!(v["maps"], example_names().len());
    // Alone, it is named as it is.
    std::fs::remove_file(dir.path().join("maps/more/link.ron")).unwrap();
    let r = cjm_within(dir.path(), &["report", "maps"]);
    assert!(
        r.stderr
            .contains("cjm: maps/more/pipe.ron: not a regular file, skipped\n"),
        "{}",
        r.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_map_named_twice_is_counted_once() {
    let dir = workspace();
    std::os::unix::fs::symlink("maps", dir.path().join("same")).unwrap();
    let once = report_json(&cjm_in(dir.path(), &["report", "--format", "json", "maps"]));
    for args in [
        &["maps", "maps/espresso.ron"][..],
        &["maps/espresso.ron", "maps"],
        &["maps", "same"],
        &["maps", "./maps/", "same/espresso.ron"],
    ] {
        let mut all = vec!["report", "--format", "json"];
        all.extend(args);
        let v = report_json(&cjm_in(dir.path(), &all));
        assert_eq!(v["maps"], once["maps"], "{args:?}");
        assert_eq!(
            v["pain_points"].as_array().unwrap().len(),
            once["pain_points"].as_array().unwrap().len(),
            "{args:?}"
        );
        assert_eq!(v["failed"].as_array().unwrap().len(), 1, "{args:?}");
    }
}

#[test]
fn every_map_that_does_not_load_is_in_the_failed_list() {
    let dir = workspace();
    let maps = dir.path().join("maps/more");
    // Written without the `JourneyMap` name (the reader accepts an unnamed root),
    // and breaking a validation rule: a broken map, not another tool's file.
    let unnamed = std::fs::read_to_string(common::root().join("maps/espresso.ron"))
        .unwrap()
        .replacen("JourneyMap(", "(", 1)
        .replace("score: 4,", "score: 9,");
    assert!(!unnamed.contains("JourneyMap"));
    std::fs::write(maps.join("unnamed.ron"), unnamed).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("gone.ron", maps.join("dangling.ron")).unwrap();
    let r = cjm_in(
        dir.path(),
        &["report", "--format", "json", "maps", "missing.ron"],
    );
    assert_eq!(r.code, 2, "a file could not be read: {}", r.stderr);
    let v = report_json(&r);
    let failed: Vec<String> = v["failed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {}:{} {}",
                f["file"].as_str().unwrap(),
                f["line"],
                f["col"],
                f["message"].as_str().unwrap()
            )
        })
        .collect();
    let mut want = vec![
        "maps/more/broken.ron 14:28 emotion score 7 is outside 1–5 (1 very negative, 3 neutral, 5 very positive)",
        "maps/more/unnamed.ron 75:28 emotion score 9 is outside 1–5 (1 very negative, 3 neutral, 5 very positive)",
        "missing.ron 0:0 no such file",
    ];
    if cfg!(unix) {
        want.insert(1, "maps/more/dangling.ron 0:0 no such file");
    }
    assert_eq!(failed, want);
    assert_eq!(
        v["skipped"],
        serde_json::json!(["maps/more/other-tool.ron"])
    );
    // The text report names them the same way.
    let r = cjm_in(dir.path(), &["report", "maps", "missing.ron"]);
    assert!(
        r.stdout
            .contains("\nnot counted: missing.ron: no such file\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr.contains("cjm: missing.ron: no such file\n"),
        "{}",
        r.stderr
    );
}

/// A team's `cjm.ron`, named in a glob or found in a folder, and a rules file
/// under another name: neither a map nor a failure, and no warning either.
#[test]
fn team_rules_are_neither_a_map_nor_a_failure() {
    let dir = workspace();
    std::fs::write(
        dir.path().join("maps/team-rules.ron"),
        "// also rules\nConfig(rules: [(\"no-target\", deny)])\n",
    )
    .unwrap();
    let mut args = vec!["report".to_string(), "--format".into(), "json".into()];
    for n in std::fs::read_dir(dir.path().join("maps")).unwrap() {
        let n = n.unwrap().file_name().to_string_lossy().into_owned();
        if n.ends_with(".ron") {
            args.push(format!("maps/{n}"));
        }
    }
    assert!(args.contains(&"maps/cjm.ron".to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    for args in [&args[..], &["report", "--format", "json", "maps"]] {
        let r = cjm_in(dir.path(), args);
        assert!(!r.stderr.contains("cjm.ron"), "{}", r.stderr);
        assert!(!r.stderr.contains("team-rules.ron"), "{}", r.stderr);
        let v = report_json(&r);
        assert_eq!(v["maps"], example_names().len());
        let listed = format!("{} {}", v["failed"], v["skipped"]);
        assert!(
            !listed.contains("cjm.ron") && !listed.contains("team-rules"),
            "{listed}"
        );
    }
}

/// DEL, C1 and bidi characters in map text (and in a file's name) come out of
/// every JSON cjm prints as `\uXXXX`: the same text to a JSON reader, inert
/// on a terminal.
#[test]
fn hostile_text_is_escaped_in_every_json_output() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = "pain\u{7f}\u{85}\u{9b}\u{202e}\u{2066}\u{1b}[2J\u{7}end";
    let mut map = common::hostile();
    map.title = hostile.into();
    map.stages[0].optimizations.clear();
    map.stages[0].pain_points[0].text = hostile.into();
    let name = "m\u{7f}\u{85}\u{202e}.ron";
    std::fs::write(dir.path().join(name), cjm::format::write(&map)).unwrap();
    for args in [
        &["check", "--format", "json", name][..],
        &["check", "--format", "sarif", name],
        &["export", name, "--format", "json"],
        &["report", "--format", "json", name],
    ] {
        let out = common::cjm()
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let raw: Vec<char> = text
            .chars()
            .filter(|&c| c != '\n' && (c.is_control() || cjm::text::is_bidi(c)))
            .collect();
        assert!(raw.is_empty(), "{args:?}: raw {raw:?}");
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let all = v.to_string();
        // The text itself is all there, decoded.
        let decoded = serde_json::to_string(hostile).unwrap();
        let decoded = decoded.trim_matches('"');
        assert!(
            all.contains(decoded),
            "{args:?}: {hostile:?} not in the output"
        );
        // The file's name, which is map text's neighbour in every line, too.
        let file = match (args[0], args[2]) {
            ("check", "json") => v[0]["file"].clone(),
            ("report", _) => v["moments"][0]["file"].clone(),
            _ => serde_json::Value::from(name),
        };
        assert_eq!(file, name, "{args:?}");
    }
}

// ------------------------------------------------------------ how sure are we

fn load(name: &str) -> JourneyMap {
    let bytes = std::fs::read(common::root().join("maps").join(name)).unwrap();
    cjm::format::load(&bytes).unwrap().map
}

#[test]
fn maps_with_evidence_get_how_sure_are_we_with_high_assumptions_to_research() {
    use cjm::model::Confidence;
    use cjm::report::{Format, Source, build, render};
    let mut saas = load("saas-trial.ron");
    // A high pain point that cites nothing: the one to research.
    let (s, i) = saas
        .stages
        .iter()
        .enumerate()
        .find_map(|(s, st)| {
            st.pain_points
                .iter()
                .position(|p| p.evidence.is_empty())
                .map(|i| (s, i))
        })
        .unwrap();
    saas.stages[s].pain_points[i].severity = Level::High;
    let guess = saas.stages[s].pain_points[i].text.clone();
    let sources = [
        Source {
            name: "a.ron".into(),
            map: load("espresso.ron"),
        },
        Source {
            name: "b.ron".into(),
            map: saas.clone(),
        },
    ];
    let r = build(&sources, &Default::default(), vec![], vec![]);
    let h = r.how_sure.clone().unwrap();
    assert_eq!(h.maps, 1);
    let pains: usize = saas.stages.iter().map(|s| s.pain_points.len()).sum();
    assert_eq!(h.total(), pains, "only the map with evidence is counted");
    let cited = |c: Confidence| {
        (0..saas.stages.len())
            .flat_map(|s| (0..saas.stages[s].pain_points.len()).map(move |i| (s, i)))
            .filter(|&(s, i)| saas.confidence_of(s, cjm::model::Lane::PainPoints, i) == Some(c))
            .count()
    };
    for c in Confidence::ALL {
        assert_eq!(h.count(c), cited(c), "{c:?}");
    }
    assert_eq!(
        Confidence::ALL.iter().map(|c| h.share(*c)).sum::<usize>(),
        100
    );
    assert_eq!(
        h.to_research.first().map(|p| p.text.as_str()),
        Some(guess.as_str())
    );
    let text = render(&r, Format::Text);
    let part = text
        .split("HOW SURE ARE WE (pain points by confidence, in 1 map that holds evidence)\n")
        .nth(1)
        .unwrap();
    assert!(
        part.starts_with(&format!(
            "  To research (high severity, standing on assumption)\n     1. {guess}  (Plano"
        )),
        "{part}"
    );
    assert!(part.contains(&format!(
        "    ? assumption {:>4}  {:>3}%",
        h.assumption,
        h.share(Confidence::Assumption)
    )));
    let md = render(&r, Format::Markdown);
    assert!(md.contains("## How sure are we\n"));
    assert!(md.contains(&format!("| ● measured | {} |", h.measured)));
    let html = render(&r, Format::Html);
    assert!(html.contains("<h2>How sure are we</h2>"));
    assert!(html.contains("<th scope=\"row\" style=\"background:#f5f8fb;color:#1f2933\"><span aria-hidden=\"true\">◐</span> research</th>"));
    roxmltree::Document::parse_with_options(
        &html,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .unwrap();
    // Without evidence: no part, and no confidence in the JSON.
    let plain = build(&sources[..1], &Default::default(), vec![], vec![]);
    assert!(plain.how_sure.is_none());
    for f in [Format::Text, Format::Markdown, Format::Html, Format::Json] {
        let out = render(&plain, f);
        assert!(
            !out.to_lowercase().contains("how sure") && !out.contains("confidence"),
            "{f:?}"
        );
    }
}

#[test]
fn maps_with_blueprint_lanes_get_their_items_counted_by_kind() {
    use cjm::report::{Format, Source, build, render};
    let sources = [
        Source {
            name: "a.ron".into(),
            map: load("espresso.ron"),
        },
        Source {
            name: "b.ron".into(),
            map: load("hotel-blueprint.ron"),
        },
    ];
    let r = build(&sources, &Default::default(), vec![], vec![]);
    let l = r.lanes.clone().unwrap();
    assert_eq!(l.maps, 1);
    let kinds: Vec<(&str, usize, usize, usize)> = l
        .kinds
        .iter()
        .map(|k| (k.kind.as_str(), k.lanes, k.items, k.serving))
        .collect();
    assert_eq!(
        kinds,
        [
            ("physical evidence", 1, 4, 0),
            ("frontstage", 1, 6, 6),
            ("backstage", 1, 3, 1),
            ("support processes", 1, 3, 3),
            ("custom", 1, 1, 0)
        ]
    );
    let text = render(&r, Format::Text);
    assert!(text.contains(
        "BEHIND THE JOURNEY (items of blueprint and custom lanes, in 1 map that has them)\n  physical evidence    1 lane      4 items     0 serving an action\n"
    ), "{text}");
    assert!(render(&r, Format::Markdown).contains("| frontstage | 1 | 6 | 6 |"));
    let html = render(&r, Format::Html);
    assert!(html.contains("<h2>Behind the journey</h2>"));
    roxmltree::Document::parse_with_options(
        &html,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .unwrap();
    let json: serde_json::Value = serde_json::from_str(&render(&r, Format::Json)).unwrap();
    assert_eq!(json["lanes"]["kinds"][1]["items"], 6);
    // Maps without lanes: no part in any format.
    let plain = build(&sources[..1], &Default::default(), vec![], vec![]);
    assert!(plain.lanes.is_none());
    for f in [Format::Text, Format::Markdown, Format::Html, Format::Json] {
        let out = render(&plain, f);
        assert!(!out.to_lowercase().contains("behind the journey"), "{f:?}");
        assert!(!out.contains("\"lanes\""), "{f:?}");
    }
}

#[test]
fn a_map_of_several_personas_has_a_lowest_moment_per_persona() {
    use cjm::report::{Format, Source, build, render};
    let sources = [Source {
        name: "hotel.ron".into(),
        map: load("hotel-blueprint.ron"),
    }];
    let r = build(&sources, &Default::default(), vec![], vec![]);
    let who: Vec<&str> = r.moments.iter().map(|m| m.persona.as_str()).collect();
    assert_eq!(who, ["Marta Silva", "Jonas Weber"]);
    assert_ne!(r.moments[0].curve, r.moments[1].curve);
    let text = render(&r, Format::Text);
    assert!(
        text.contains("city break, as a service blueprint · Jonas Weber"),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_str(&render(&r, Format::Json)).unwrap();
    assert_eq!(json["moments"][1]["persona"], "Jonas Weber");
    // A map of one persona keeps one moment without a persona.
    let one = build(
        &[Source {
            name: "e.ron".into(),
            map: load("espresso.ron"),
        }],
        &Default::default(),
        vec![],
        vec![],
    );
    let json: serde_json::Value = serde_json::from_str(&render(&one, Format::Json)).unwrap();
    assert!(json["moments"][0].get("persona").is_none());
}

#[test]
fn report_persona_keeps_one_persona_s_journey_or_names_the_ones_there_are() {
    let hotel = common::root().join("maps/hotel-blueprint.ron");
    let out = common::cjm()
        .args(["report", "--format", "json", "--persona", "jonas"])
        .arg(&hotel)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let moments = json["moments"].as_array().unwrap();
    assert_eq!(moments.len(), 1, "one persona's journey: one curve");
    assert!(moments[0].get("persona").is_none());
    let out = common::cjm()
        .args(["report", "--persona", "ola"])
        .arg(&hotel)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("it has Marta Silva (marta), Jonas Weber (jonas)"),
        "{err}"
    );
    // Among several maps, those without her are left out with a warning.
    let out = common::cjm()
        .args(["report", "--persona", "jonas"])
        .arg(&hotel)
        .arg(common::root().join("maps/espresso.ron"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("warning:") && err.contains("left out"),
        "{err}"
    );
}
