//! `--help` on the built binary: every subcommand answers it with its own usage and
//! a sentence for each argument, and the top-level help lists them all.

mod common;

use clap::CommandFactory;

/// Every subcommand a user can type, from the command line's own definition,
/// so a new one has its help checked without anyone listing it here.
fn subcommands() -> Vec<String> {
    let names: Vec<String> = cjm::cli::Cli::command()
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name().to_string())
        .filter(|n| n != "help")
        .collect();
    assert!(names.len() > 10, "{names:?}");
    names
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let out = common::cjm().args(args).output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

#[test]
fn every_subcommand_explains_itself_and_each_of_its_arguments() {
    let cli = cjm::cli::Cli::command();
    for sub in subcommands() {
        let sub = sub.as_str();
        let h = run(&[sub, "--help"]);
        assert_eq!(h.code, 0, "{sub} --help: {}", h.stderr);
        assert!(h.stderr.is_empty(), "{sub} --help: {}", h.stderr);
        let spec = cli.find_subcommand(sub).unwrap();
        let about = spec.get_about().unwrap().to_string();
        assert!(
            h.stdout.starts_with(&about),
            "{sub} --help does not start with {about:?}:\n{}",
            h.stdout
        );
        assert!(
            h.stdout.contains(&format!("Usage: cjm {sub}")),
            "{sub}:\n{}",
            h.stdout
        );
        for arg in spec.get_arguments() {
            let id = arg.get_id().as_str();
            if id == "help" {
                continue;
            }
            let help = arg
                .get_help()
                .unwrap_or_else(|| panic!("{sub}: {id} has no help text"))
                .to_string();
            let first_words: String = help
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ");
            let shown = h.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                shown.contains(&first_words),
                "{sub} --help does not explain {id} ({first_words:?}):\n{}",
                h.stdout
            );
            if let Some(long) = arg.get_long() {
                assert!(
                    h.stdout.contains(&format!("--{long}")),
                    "{sub} --help misses --{long}"
                );
            }
        }
        // The short flag and `cjm help SUB` print the same page.
        assert_eq!(run(&[sub, "-h"]).stdout, h.stdout, "{sub} -h");
        assert_eq!(run(&["help", sub]).stdout, h.stdout, "help {sub}");
    }
}

#[test]
fn the_top_level_help_lists_every_subcommand() {
    let h = run(&["--help"]);
    assert_eq!(h.code, 0);
    assert!(h.stdout.contains("Usage: cjm"));
    for sub in subcommands() {
        let sub = sub.as_str();
        assert!(
            h.stdout.lines().any(|l| l.trim_start().starts_with(sub)),
            "cjm --help does not list {sub}:\n{}",
            h.stdout
        );
    }
}

#[test]
fn version_and_usage_errors() {
    let v = run(&["--version"]);
    assert_eq!(v.code, 0);
    assert!(v.stdout.starts_with("cjm "));
    let none = run(&[]);
    assert_eq!(none.code, 2);
    assert!(none.stderr.contains("Usage"));
    assert_eq!(run(&["frobnicate", "--what"]).code, 2);
}
