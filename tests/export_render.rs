//! The HTML and SVG exports as a browser draws them: headless Chromium (installed
//! by `.ci/setup-chromium.sh`, run here when missing; the test fails, never skips,
//! when it cannot be had) renders them to PNG, and the pictures must not be blank.
//! Whether the HTML grid fits the page width is measured in the browser: a copy of
//! the export gets a tiny script (the export itself has none, and its CSP forbids
//! one) that compares the table's right edge and every cell's content width with
//! the viewport, at the width of an A3 landscape page and at two screen widths.
//! The screenshots stay in `target/export-render/` for a person to look at.

mod common;

use std::path::{Path, PathBuf};

use cjm::export;
use cjm::model::{
    Emotion, JourneyMap, Level, Metric, Optimization, PainPoint, Touchpoint, templates,
};

use common::chromium::{headless, pixels};

fn url(p: &Path) -> String {
    format!("file://{}", p.display())
}

fn out_dir() -> PathBuf {
    let d = common::root().join("target/export-render");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Renders `page` to `png` and returns (share of non-white pixels, pixels of the
/// grid's header blue).
fn screenshot(page: &Path, png: &Path, size: &str) -> (f64, usize) {
    let (inked, counts) = pixels(page, png, size, &[[0x2f, 0x5d, 0x8a]], 12);
    (inked, counts.first().copied().unwrap_or(0))
}

/// A six-stage map as a workshop fills it, with long words and long items.
fn six_stage() -> JourneyMap {
    let mut m = templates::find("six-stage")
        .unwrap()
        .instantiate("SaaS trial to paid: the whole journey", "Priya Raman");
    m.persona.role = "Operations lead at a 40-person logistics company".into();
    m.persona.quote = "If setup takes more than an afternoon, we will not switch.".into();
    m.persona.goals = vec!["Replace three spreadsheets with one tool".into()];
    m.persona.traits = vec![
        ("Team".into(), "40".into()),
        ("Budget".into(), "2k EUR / month".into()),
    ];
    m.objectives = vec!["Trial-to-paid conversion from 9% to 14%".into()];
    for (i, s) in m.stages.iter_mut().enumerate() {
        s.actions = vec![
            format!(
                "Compares {} vendors on a review site and reads the pricing page twice",
                i + 3
            ),
            "Supercalifragilisticexpialidociousworkflowautomationplatformcomparison".into(),
        ];
        s.thoughts = vec!["Will this work with our warehouse scanners?".into()];
        s.touchpoints = vec![
            Touchpoint {
                personas: Vec::new(),
                name: "Pricing page".into(),
                channel: "Web".into(),
                note: String::new(),
                evidence: Vec::new(),
            },
            Touchpoint {
                personas: Vec::new(),
                name: "Onboarding email #2".into(),
                channel: "Email".into(),
                note: "sent on day 3".into(),
                evidence: Vec::new(),
            },
        ];
        if i != 3 {
            s.emotions = vec![Emotion {
                persona: String::new(),
                score: [4, 2, 3, 0, 5, 4][i],
                label: "Hopeful but wary".into(),
                note: String::new(),
                evidence: Vec::new(),
            }];
        }
        s.pain_points = vec![PainPoint {
            personas: Vec::new(),
            text: "Import of the existing spreadsheets fails silently on dates".into(),
            severity: Level::High,
            votes: 0,
            evidence: Vec::new(),
        }];
        s.optimizations = vec![Optimization {
            personas: Vec::new(),
            text: "Guided import with a preview of every row".into(),
            owner: "Onboarding squad".into(),
            priority: Level::Medium,
            status: cjm::model::Status::InProgress,
            votes: 0,
            impact: None,
            effort: None,
            evidence: Vec::new(),
        }];
        s.metrics.push(Metric {
            personas: Vec::new(),
            name: "Activation rate".into(),
            current: Some(31.5),
            target: Some(45.0),
            unit: "%".into(),
            evidence: Vec::new(),
        });
    }
    assert!(cjm::format::errors(&m).is_empty());
    m
}

#[test]
fn html_and_svg_render_to_pictures_that_are_not_blank() {
    let dir = out_dir();
    for (name, map) in [
        ("golden", common::golden()),
        ("six-stage", six_stage()),
        ("hostile", common::hostile()),
    ] {
        for (ext, text) in [
            ("html", export::html::export(&map)),
            ("svg", export::svg::export(&map)),
        ] {
            let page = dir.join(format!("{name}.{ext}"));
            std::fs::write(&page, text).unwrap();
            let png = dir.join(format!("{name}-{ext}.png"));
            let _ = std::fs::remove_file(&png);
            let (inked, blue) = screenshot(&page, &png, "1600,1000");
            assert!(
                inked > 0.01,
                "{name}.{ext} looks blank: {:.1}% inked",
                inked * 100.0
            );
            if name != "hostile" {
                // The hostile map's huge header pushes its grid below the window.
                assert!(
                    inked > 0.04,
                    "{name}.{ext} looks blank: {:.1}% inked",
                    inked * 100.0
                );
                assert!(
                    blue > 2000,
                    "{name}.{ext}: no stage header drawn ({blue} blue pixels)"
                );
            }
        }
    }
}

#[derive(Debug)]
struct Fit {
    right: f64,
    viewport: f64,
    scroll: f64,
    overflowing: u64,
}

/// Lays out a copy of the HTML export with a measuring script at `width`.
fn measure(html: &str, width: u32) -> Fit {
    let dir = tempfile::tempdir().unwrap();
    let probe = r#"<script>
const t = document.querySelector('table.grid');
const over = [...t.querySelectorAll('th, td')].filter(c => c.scrollWidth > c.clientWidth + 1).length;
document.body.setAttribute('data-fit', [t.getBoundingClientRect().right, document.documentElement.clientWidth, document.documentElement.scrollWidth, over].join(' '));
</script></body>"#;
    let page = html
        .lines()
        .filter(|l| !l.contains("Content-Security-Policy"))
        .collect::<Vec<_>>()
        .join("\n")
        .replace("</body>", probe);
    let path = common::write(dir.path(), "fit.html", &page);
    let out = headless(dir.path())
        .arg("--dump-dom")
        .arg(format!("--window-size={width},1000"))
        .arg(url(&path))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    let attr = dom
        .split("data-fit=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_else(|| {
            panic!(
                "no measurement in the DOM: {}",
                String::from_utf8_lossy(&out.stderr)
            )
        });
    let v: Vec<f64> = attr.split(' ').map(|x| x.parse().unwrap()).collect();
    Fit {
        right: v[0],
        viewport: v[1],
        scroll: v[2],
        overflowing: v[3] as u64,
    }
}

#[test]
fn the_html_grid_of_a_six_stage_map_fits_the_page_width() {
    let html = export::html::export(&six_stage());
    // 1511 px: an A3 landscape page (420 mm) less the 10 mm print margins, at 96 dpi.
    for width in [1511, 1600, 1024] {
        let fit = measure(&html, width);
        assert!(
            fit.right <= fit.viewport,
            "{width}: grid wider than the page: {fit:?}"
        );
        assert!(
            fit.scroll <= fit.viewport,
            "{width}: page scrolls sideways: {fit:?}"
        );
        assert_eq!(fit.overflowing, 0, "{width}: cells overflow: {fit:?}");
    }
}

#[test]
fn every_svg_shape_lies_inside_the_poster() {
    for map in [common::golden(), six_stage(), common::hostile()] {
        let svg = export::svg::export(&map);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let root = doc.root_element();
        let width: f64 = root.attribute("width").unwrap().parse().unwrap();
        let height: f64 = root.attribute("height").unwrap().parse().unwrap();
        for r in doc.descendants().filter(|n| n.has_tag_name("rect")) {
            let n = |a: &str| r.attribute(a).unwrap().parse::<f64>().unwrap();
            assert!(
                n("x") + n("width") <= width + 0.5,
                "rect past the right edge"
            );
            assert!(n("y") + n("height") <= height + 0.5, "rect past the bottom");
        }
    }
}

/// The render tests ask for Chromium at once, each in its own thread: the
/// installer must run once, not once per test (two `apt-get install` at once
/// fail). A stand-in installer counts its runs and takes a while, as apt does.
#[test]
fn a_tool_asked_for_by_many_tests_at_once_is_installed_once() {
    let dir = tempfile::tempdir().unwrap();
    let (runs, tool) = (dir.path().join("runs"), dir.path().join("tool"));
    let script = common::write(
        dir.path(),
        "setup-stand-in.sh",
        &format!(
            "echo run >> '{}'\nsleep 0.3\ntouch '{}'\n",
            runs.display(),
            tool.display()
        ),
    );
    std::thread::scope(|s| {
        for _ in 0..8 {
            s.spawn(|| common::tools::ensure(&script, || tool.exists()));
        }
    });
    assert!(tool.exists());
    assert_eq!(std::fs::read_to_string(&runs).unwrap(), "run\n");
    // Asked for again, it is already there: the installer does not run.
    common::tools::ensure(&script, || tool.exists());
    assert_eq!(std::fs::read_to_string(&runs).unwrap(), "run\n");
}

/// An installer that fails fails every test that asked for its tool, and runs
/// once: the tests after the first do not try again.
#[test]
fn a_failing_installer_fails_every_test_that_asked_and_runs_once() {
    let dir = tempfile::tempdir().unwrap();
    let runs = dir.path().join("runs");
    let script = common::write(
        dir.path(),
        "setup-broken.sh",
        &format!("echo run >> '{}'\nsleep 0.2\nexit 3\n", runs.display()),
    );
    let messages: Vec<String> = std::thread::scope(|s| {
        let askers: Vec<_> = (0..4)
            .map(|_| s.spawn(|| common::tools::ensure(&script, || false)))
            .collect();
        askers
            .into_iter()
            .map(|a| {
                let e = a.join().unwrap_err();
                e.downcast_ref::<String>().cloned().unwrap_or_default()
            })
            .collect()
    });
    for m in &messages {
        assert!(m.contains("setup-broken.sh failed"), "{m}");
    }
    assert_eq!(std::fs::read_to_string(&runs).unwrap(), "run\n");
}
