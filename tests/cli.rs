//! The command line against the built binary: every command and its exit codes.

mod common;

use common::bin::output_with_stdin;
use common::cjm;

const GOLDEN: &str = include_str!("data/design-example.ron");

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let out = cjm().args(args).output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

#[test]
fn new_writes_a_valid_canonical_map_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("first-espresso.ron");
    let f = f.to_str().unwrap();
    let r = run(&["new", f, "--template", "six-stage", "--persona", "Priya"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Awareness → Acquisition → Onboarding"));
    let text = std::fs::read_to_string(f).unwrap();
    let map = cjm::format::load_str(&text).unwrap().map;
    assert_eq!(map.title, "First espresso");
    assert_eq!(map.persona.name, "Priya");
    assert_eq!(map.framework, "six-stage");
    assert_eq!(map.stages.len(), 6);
    // The example KPIs are prompts in the editor, never items to delete.
    assert_eq!(map.item_count(), 0);
    assert!(!map.stages[0].goal.is_empty());
    assert_eq!(run(&["fmt", "--check", f]).code, 0);

    let again = run(&["new", f, "--title", "Other"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert_eq!(std::fs::read_to_string(f).unwrap(), text);
    let forced = run(&[
        "new",
        f,
        "--title",
        "Other",
        "--template",
        "blank",
        "--force",
    ]);
    assert_eq!(forced.code, 0);
    let map = cjm::format::load_str(&std::fs::read_to_string(f).unwrap())
        .unwrap()
        .map;
    assert_eq!((map.title.as_str(), map.stages.len()), ("Other", 1));

    assert_eq!(run(&["new", f, "--template", "nine-stage"]).code, 2);
}

#[test]
fn new_with_several_personas_writes_format_7_with_an_id_each() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("trip.ron");
    let f = f.to_str().unwrap();
    let r = run(&[
        "new",
        f,
        "--persona",
        "Marta Silva",
        "--persona",
        "Jonas Weber",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(f).unwrap();
    assert!(text.starts_with("JourneyMap(\n    format: 7,\n"), "{text}");
    let map = cjm::format::load_str(&text).unwrap().map;
    let ids: Vec<&str> = map.personas().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["marta-silva", "jonas-weber"]);
    assert_eq!(run(&["fmt", "--check", f]).code, 0);
    // One persona stays format 1 with no id.
    let g = dir.path().join("one.ron");
    let g = g.to_str().unwrap();
    assert_eq!(run(&["new", g, "--persona", "Marta"]).code, 0);
    assert!(
        std::fs::read_to_string(g)
            .unwrap()
            .contains("    format: 1,\n")
    );
}

#[test]
fn every_template_makes_a_valid_map() {
    let dir = tempfile::tempdir().unwrap();
    for t in [
        "five-stage",
        "six-stage",
        "value-journey",
        "four-phase",
        "service-blueprint",
        "blank",
    ] {
        let f = dir.path().join(format!("{t}.ron"));
        let f = f.to_str().unwrap();
        assert_eq!(run(&["new", f, "--template", t]).code, 0);
        assert_eq!(run(&["check", f]).code, 0, "{t}");
    }
}

#[test]
fn templates_lists_every_framework() {
    let r = run(&["templates"]);
    assert_eq!(r.code, 0);
    for t in [
        "five-stage",
        "six-stage",
        "value-journey",
        "four-phase",
        "service-blueprint",
        "blank",
    ] {
        assert!(r.stdout.contains(t));
    }
    assert!(
        r.stdout.contains(
            "Aware → Engage → Subscribe → Convert → Excite → Ascend → Advocate → Promote"
        )
    );
    let v = run(&["templates", "-v"]);
    assert!(v.stdout.contains("KPIs: Net Promoter Score, Referrals"));
    // A blueprint's prompts under its lanes' own titles.
    assert!(
        v.stdout
            .contains("Frontstage: Who answers their questions, and how?"),
        "{}",
        v.stdout
    );
    assert!(v.stdout.contains("Customer actions: How does the customer"));
}

fn temp_map(text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("m.ron");
    std::fs::write(&f, text).unwrap();
    let s = f.to_str().unwrap().to_string();
    (dir, s)
}

#[test]
fn check_reports_lints_as_warnings() {
    let lint = GOLDEN.replace("                    owner: \"Content team\",\n", "");
    let (_d, f) = temp_map(&lint);
    let r = run(&["check", &f]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains(&format!("{f}:61:17: warning[no-owner]: optimization \"Beginner's comparison guide\" in stage `awareness` has no owner")), "{}", r.stdout);
    assert!(r.stdout.contains("valid (0 errors, 1 warning)"));
    assert_eq!(run(&["check", "--deny-warnings", &f]).code, 1);

    let j = run(&["check", "--format", "json", &f]);
    assert_eq!(j.code, 0);
    let v: serde_json::Value = serde_json::from_str(&j.stdout).unwrap();
    assert_eq!(v[0]["valid"], true);
    assert_eq!(v[0]["warnings"], 1);
    assert_eq!(v[0]["diagnostics"][0]["code"], "no-owner");
    assert_eq!(v[0]["diagnostics"][0]["line"], 61);
    assert_eq!(v[0]["diagnostics"][0]["severity"], "warning");
}

/// A map that breaks rule `id`, as a file, or `None` for a rule the reader
/// cannot break (it never produces a number that is not finite).
fn breaking(id: &str) -> Option<String> {
    use cjm::model::{Conflict, Level};
    let golden = || cjm::format::load_str(GOLDEN).unwrap().map;
    let write = |m: &cjm::model::JourneyMap| cjm::format::write(m);
    let mut m = golden();
    let s = &mut m.stages[0];
    Some(match id {
        "read" => GOLDEN.replacen("title:", "titel:", 1),
        "empty-text" => {
            m.title = " ".into();
            write(&m)
        }
        "bad-id" => {
            let id = &m.stages[0].id;
            GOLDEN.replacen(&format!("id: \"{id}\""), "id: \"Not A Slug\"", 1)
        }
        "duplicate-id" => {
            let again = s.clone();
            m.stages.push(again);
            write(&m)
        }
        "score-range" => GOLDEN.replacen("score: 4", "score: 9", 1),
        "bad-number" => return None,
        "conflict" => {
            let (mut o, mut t) = (golden(), golden());
            o.title = "Ours".into();
            t.title = "Theirs".into();
            let (merged, _) =
                cjm::diff::merge::merge_recorded(&m, &o, &t, &Conflict::plain_labels());
            assert!(!merged.conflicts.is_empty());
            write(&merged)
        }
        "no-touchpoints" => {
            s.touchpoints.clear();
            write(&m)
        }
        "no-emotions" => {
            s.emotions.clear();
            write(&m)
        }
        "unaddressed-pain-point" | "unaddressed-high-pain-point" => {
            s.optimizations.clear();
            for p in &mut s.pain_points {
                p.severity = if id.contains("high") {
                    Level::High
                } else {
                    Level::Low
                };
            }
            write(&m)
        }
        "no-owner" => {
            s.optimizations[0].owner.clear();
            write(&m)
        }
        "no-target" => {
            s.metrics[0].target = None;
            write(&m)
        }
        "duplicate-item" => {
            s.actions.push(s.actions[0].clone());
            write(&m)
        }
        "target-without-current" => {
            s.metrics[0].current = None;
            s.metrics[0].target = Some(1.0);
            write(&m)
        }
        "unknown-evidence" | "bad-date" | "uncited-evidence" | "unsupported-high-pain-point" => {
            let date = if id == "bad-date" {
                "2026-02-30"
            } else {
                "2026-02-28"
            };
            if id != "uncited-evidence" {
                s.evidence = vec!["int-01".into()];
            }
            if id == "unknown-evidence" {
                s.pain_points[0].evidence = vec!["int-09".into()];
            }
            if id == "unsupported-high-pain-point" {
                s.pain_points[0].severity = Level::High;
            }
            m.evidence = vec![cjm::model::Evidence {
                id: "int-01".into(),
                text: "Said so in the interview".into(),
                date: date.into(),
                ..Default::default()
            }];
            write(&m)
        }
        "unknown-action" => {
            let lane = m.add_lane("Front", cjm::model::LaneKind::Frontstage, None);
            if let Some(items) = m.stages[0].extra_items_mut(lane) {
                items.push(cjm::model::LaneItem {
                    text: "Answers the phone".into(),
                    serves: "An action nobody wrote".into(),
                    ..Default::default()
                });
            }
            write(&m)
        }
        "unknown-persona" => {
            m.add_persona("Jon");
            s_pain(&mut m).personas = vec!["jonn".into()];
            write(&m)
        }
        other => panic!("no map breaks the new rule {other:?}: add one here"),
    })
}

/// `check` reports every rule the format has, each under its own code, from a
/// map that breaks it (rules allowed by default raised to warnings in the
/// team's cjm.ron); the one the reader cannot break is checked on the model.
#[test]
fn check_lints_each_rule() {
    use cjm::format::{RULES, RuleLevel};
    let raised: Vec<String> = RULES
        .iter()
        .filter(|r| r.default == RuleLevel::Allow)
        .map(|r| format!("(\"{}\", warn)", r.id))
        .collect();
    for rule in RULES.iter() {
        let id = rule.id;
        let Some(text) = breaking(id) else {
            let mut m = cjm::format::load_str(GOLDEN).unwrap().map;
            m.stages[0].metrics[0].target = Some(f64::NAN);
            let found = cjm::format::errors(&m);
            assert!(found.iter().any(|d| d.code == id), "{id}: {found:?}");
            continue;
        };
        let (d, _f) = temp_map(&text);
        std::fs::write(
            d.path().join("cjm.ron"),
            format!("Config(rules: [{}])\n", raised.join(", ")),
        )
        .unwrap();
        let out = cjm()
            .current_dir(d.path())
            .args(["check", "m.ron"])
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        let level = if rule.invalidates || rule.default == RuleLevel::Deny {
            "error"
        } else {
            "warning"
        };
        assert!(
            stdout.contains(&format!("{level}[{id}]")),
            "{id}: {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let fails = level == "error";
        assert_eq!(out.status.code(), Some(i32::from(fails)), "{id}: {stdout}");
    }
}

#[test]
fn check_json_reports_errors_with_positions() {
    let (_d, f) = temp_map(&GOLDEN.replace("score: 4", "score: 0"));
    let j = run(&["check", "--format", "json", &f]);
    assert_eq!(j.code, 1);
    let v: serde_json::Value = serde_json::from_str(&j.stdout).unwrap();
    assert_eq!(v[0]["valid"], false);
    assert_eq!(v[0]["diagnostics"][0]["code"], "score-range");
    assert_eq!(v[0]["diagnostics"][0]["line"], 50);
}

#[test]
fn check_many_files_exits_with_the_worst() {
    let (_a, good) = temp_map(GOLDEN);
    let (_b, bad) = temp_map("JourneyMap(");
    assert_eq!(run(&["check", &good]).code, 0);
    assert_eq!(run(&["check", &good, &bad]).code, 1);
    assert_eq!(run(&["check", &good, &bad, "/nope.ron"]).code, 2);
}

#[test]
fn fmt_rewrites_to_canonical_and_check_lists_the_rest() {
    let messy = GOLDEN
        .replace("    ", "  ")
        .replace("Touchpoint(", "(")
        .replace("score: 4", "score: Some(4)")
        .replace("    stages", "\n\n    stages");
    let (_d, f) = temp_map(&messy);
    let r = run(&["fmt", "--check", &f]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout, format!("{f}: not formatted\n"));
    assert_eq!(std::fs::read_to_string(&f).unwrap(), messy);

    let r = run(&["fmt", &f]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&f).unwrap(), GOLDEN);
    assert_eq!(run(&["fmt", "--check", &f]).code, 0);
    let r = run(&["fmt", &f]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "idempotent and quiet");
}

#[test]
fn fmt_derives_missing_stage_ids() {
    let (_d, f) = temp_map(&GOLDEN.replace("            id: \"awareness\",\n", ""));
    assert_eq!(run(&["fmt", &f]).code, 0);
    assert_eq!(std::fs::read_to_string(&f).unwrap(), GOLDEN);
}

#[test]
fn fmt_keeps_comments_unless_told() {
    let commented = GOLDEN.replace("    stages: [", "    // the journey itself\n    stages: [");
    let (_d, f) = temp_map(&commented);
    assert_eq!(run(&["check", &f]).code, 0, "comments load");
    let r = run(&["fmt", &f]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("has comments"), "{}", r.stderr);
    assert!(r.stderr.contains("--drop-comments"));
    assert_eq!(std::fs::read_to_string(&f).unwrap(), commented);
    let r = run(&["fmt", "--check", &f]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("(has comments)"));
    let r = run(&["fmt", "--drop-comments", &f]);
    assert_eq!(r.code, 0);
    assert_eq!(std::fs::read_to_string(&f).unwrap(), GOLDEN);
}

#[test]
fn fmt_reads_stdin_and_writes_stdout() {
    let out = output_with_stdin(cjm().args(["fmt", "-"]), GOLDEN.replace("    ", "\t"));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), GOLDEN);
}

#[cfg(unix)]
#[test]
fn fmt_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let (_d, f) = temp_map(&GOLDEN.replace("    ", "  "));
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(run(&["fmt", &f]).code, 0);
    assert_eq!(
        std::fs::metadata(&f).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn fmt_into_a_missing_folder_is_trouble() {
    let r = run(&["fmt", "/nonexistent-dir/m.ron"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("cjm: /nonexistent-dir/m.ron: no such file")
    );
}

#[test]
fn show_outlines_the_map() {
    let (_d, f) = temp_map(GOLDEN);
    let r = run(&["show", &f]);
    assert_eq!(r.code, 0);
    for needle in [
        "Buying a first espresso machine",
        "Persona: Maya Ortiz — First-time home barista",
        "    - Age: 34",
        "Emotion curve: Awareness 4.0",
        "Stage 1: Awareness [awareness]",
        "    - Instagram reel (Social)",
        "    - 4/5 Curious",
        "    - [high] Cannot tell machines apart",
        "    - [high] Beginner's comparison guide — planned, owner: Content team",
        "    - Reel reach: 120000 (target 150000)",
    ] {
        assert!(
            r.stdout.contains(needle),
            "missing {needle:?} in\n{}",
            r.stdout
        );
    }
    let stdin = output_with_stdin(cjm().args(["show", "-"]), GOLDEN);
    assert_eq!(String::from_utf8(stdin.stdout).unwrap(), r.stdout);
}

/// Each shell's completions offer every subcommand and its flags (one flag per
/// subcommand that has any, and the top-level `--help`), taken from the
/// command line's own definition so a new subcommand is checked too.
#[test]
fn completions_for_each_shell() {
    use clap::CommandFactory;
    let cli = cjm::cli::Cli::command();
    let subs: Vec<&clap::Command> = cli.get_subcommands().filter(|c| !c.is_hide_set()).collect();
    assert!(subs.len() > 5);
    for sh in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let r = run(&["completions", sh]);
        assert_eq!(r.code, 0);
        assert!(r.stdout.contains("help"), "{sh}");
        for sub in &subs {
            let name = sub.get_name();
            assert!(r.stdout.contains(name), "{sh} lacks the subcommand {name}");
            if let Some(flag) = sub
                .get_arguments()
                .filter(|a| !a.is_hide_set())
                .find_map(|a| a.get_long())
            {
                assert!(
                    r.stdout.contains(&format!("--{flag}"))
                        || sh == "fish" && r.stdout.contains(&format!("-l {flag}")),
                    "{sh} lacks {name}'s flag --{flag}"
                );
            }
        }
    }
    assert_eq!(run(&["completions", "tcsh"]).code, 2);
}

#[test]
fn the_editor_refuses_an_invalid_map_before_touching_the_terminal() {
    let bad = GOLDEN.replace("score: 4", "score: 9");
    let (dir, f) = temp_map(&bad);
    for args in [vec![f.as_str()], vec!["edit", f.as_str()]] {
        let r = run(&args);
        assert_eq!(r.code, 1, "{args:?}");
        assert!(
            r.stderr
                .starts_with(&format!("cjm: {f}:50:28: emotion score 9")),
            "{}",
            r.stderr
        );
        assert!(r.stdout.is_empty(), "nothing drawn");
    }
    assert_eq!(std::fs::read_to_string(&f).unwrap(), bad);
    let r = run(&["edit", dir.path().to_str().unwrap()]);
    assert_eq!(
        r.code, 2,
        "a folder is trouble, not a bad map: {}",
        r.stderr
    );
}

/// `cjm show big.ron | head -1`: when the reader of its output goes away, a
/// command ends quietly, like any Unix filter, instead of panicking on the next
/// write ("failed printing to stdout: Broken pipe", exit 101).
#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_a_command_quietly() {
    use std::io::Read;
    use std::os::unix::process::ExitStatusExt;
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let mut map = cjm::model::JourneyMap::new("Long", "P");
    for s in 0..400 {
        let mut st = cjm::model::Stage::named(&format!("Stage {s}"));
        st.actions = (0..50)
            .map(|i| format!("Action {i} of stage {s}"))
            .collect();
        map.stages.push(st);
    }
    let path = dir.path().join("long.ron");
    std::fs::write(&path, cjm::format::write(&map)).unwrap();
    for args in [&["show"][..], &["export", "--format", "markdown"][..]] {
        let mut child = common::cjm()
            .args(args)
            .arg(&path)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read one chunk, then hang up, as `head -1` does.
        let mut out = child.stdout.take().unwrap();
        let mut first = [0u8; 64];
        out.read_exact(&mut first).unwrap();
        drop(out);
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let status = child.wait().unwrap();
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(
            status.success() || status.signal() == Some(libc::SIGPIPE),
            "{args:?}: {status:?} {err}"
        );
    }
}

/// The first pain point of the first stage, adding one if the map has none.
fn s_pain(m: &mut cjm::model::JourneyMap) -> &mut cjm::model::PainPoint {
    let st = &mut m.stages[0];
    if st.pain_points.is_empty() {
        st.pain_points.push(cjm::model::PainPoint {
            text: "Slow".into(),
            ..Default::default()
        });
    }
    &mut st.pain_points[0]
}
