//! `cjm diff`, `cjm merge` and `cjm git-setup` from the outside: every exit code,
//! and the real `git` binary in temporary repositories using the built `cjm` as
//! textconv, external diff and merge driver.

mod common;

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};

const EXAMPLE: &str = include_str!("data/design-example.ron");

fn bin() -> PathBuf {
    PathBuf::from(common::bin::BIN)
}

/// A scratch repository with its own HOME, so no user or system git config leaks in.
struct Repo {
    dir: tempfile::TempDir,
    home: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        let r = Repo {
            dir: tempfile::tempdir().unwrap(),
            home: tempfile::tempdir().unwrap(),
        };
        r.ok(&["init", "-q", "-b", "main"]);
        r.ok(&["config", "user.name", "Test"]);
        r.ok(&["config", "user.email", "test@example.com"]);
        r
    }

    fn path(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
    }

    fn env(&self, c: &mut Command) {
        let bin_dir = bin().parent().unwrap().to_path_buf();
        let path = std::env::var_os("PATH").unwrap_or_default();
        let mut dirs = vec![bin_dir];
        dirs.extend(std::env::split_paths(&path));
        c.current_dir(self.dir.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.home.path())
            .env("XDG_CONFIG_HOME", self.home.path())
            .env("PATH", std::env::join_paths(dirs).unwrap())
            .env_remove("GIT_EXTERNAL_DIFF")
            .env("GIT_PAGER", "cat")
            .env("LC_ALL", "C");
    }

    fn git(&self, args: &[&str]) -> Output {
        let mut c = Command::new("git");
        c.args(args);
        self.env(&mut c);
        c.output().unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let o = self.git(args);
        assert!(
            o.status.success(),
            "git {args:?}: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap()
    }

    fn cjm(&self, args: &[&str]) -> Output {
        let mut c = common::cjm();
        c.args(args);
        self.env(&mut c);
        c.output().unwrap()
    }

    fn write(&self, p: &str, text: &str) {
        fs::write(self.path(p), text).unwrap();
    }

    fn commit(&self, msg: &str) {
        self.ok(&["add", "-A"]);
        self.ok(&["commit", "-q", "-m", msg]);
    }

    /// The driver and textconv configured with the built binary's full path.
    fn configure(&self) {
        let b = bin().display().to_string();
        self.write(".gitattributes", "*.ron diff=cjm merge=cjm\n");
        self.ok(&[
            "config",
            "diff.cjm.textconv",
            &format!("'{b}' show --textconv"),
        ]);
        self.ok(&["config", "merge.cjm.name", "cjm journey map merge"]);
        self.ok(&[
            "config",
            "merge.cjm.driver",
            &format!(
                "'{b}' merge %O %A %B --path %P --marker-size %L --base-label %S --ours-label %X --theirs-label %Y"
            ),
        ]);
    }
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn edited(from: &str, to: &str) -> String {
    assert!(EXAMPLE.contains(from), "{from}");
    EXAMPLE.replacen(from, to, 1)
}

/// The example with one more touchpoint at the end of the awareness lane.
fn with_touchpoint(name: &str) -> String {
    edited(
        "                    channel: \"Social\",\n                ),\n",
        &format!(
            "                    channel: \"Social\",\n                ),\n                Touchpoint(\n                    name: \"{name}\",\n                ),\n"
        ),
    )
}

fn check(repo: &Repo, file: &str) {
    let o = repo.cjm(&["check", file]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
}

/// The map loads (the editor can open it) but `check` fails on its recorded
/// conflicts, naming each with both sides; returns check's output.
fn check_conflicted(repo: &Repo, file: &str, conflicts: usize) -> String {
    let o = repo.cjm(&["check", file]);
    let out = stdout(&o);
    assert_eq!(code(&o), 1, "{out}{}", stderr(&o));
    assert_eq!(out.matches("error[conflict]").count(), conflicts, "{out}");
    assert!(
        out.contains("valid, but holds unresolved merge conflicts"),
        "{out}"
    );
    out
}

// ------------------------------------------------------------------ git-setup

#[test]
fn git_setup_prints_the_design_block() {
    let r = Repo::new();
    let o = r.cjm(&["git-setup"]);
    assert_eq!(code(&o), 0);
    assert_eq!(
        stdout(&o),
        "# .gitattributes\n*.ron diff=cjm merge=cjm\n# git config\n\
         git config diff.cjm.textconv \"cjm show --textconv\"\n\
         git config merge.cjm.name \"cjm journey map merge\"\n\
         git config merge.cjm.driver \"cjm merge %O %A %B --path %P --marker-size %L --base-label %S --ours-label %X --theirs-label %Y\"\n"
    );
}

#[test]
fn git_setup_write_outside_a_repository_is_trouble() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let o = common::cjm()
        .args(["git-setup", "--write"])
        .current_dir(dir.path())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", home.path())
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .output()
        .unwrap();
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).starts_with("cjm: "));
    assert!(!dir.path().join(".gitattributes").exists());
}

#[test]
fn git_setup_write_is_idempotent_and_keeps_existing_lines() {
    let r = Repo::new();
    r.write(".gitattributes", "*.png binary");
    fs::create_dir(r.path("maps")).unwrap();
    let mut c = common::cjm();
    c.args(["git-setup", "--write"]);
    r.env(&mut c);
    let o = c.current_dir(r.path("maps")).output().unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let want = "*.png binary\n*.ron diff=cjm merge=cjm\n";
    assert_eq!(fs::read_to_string(r.path(".gitattributes")).unwrap(), want);
    let o = r.cjm(&["git-setup", "--write"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("already has"));
    assert_eq!(fs::read_to_string(r.path(".gitattributes")).unwrap(), want);
    assert_eq!(
        r.ok(&["config", "--get-all", "diff.cjm.textconv"]),
        "cjm show --textconv\n"
    );
    assert_eq!(
        r.ok(&["config", "--get-all", "merge.cjm.driver"]),
        "cjm merge %O %A %B --path %P --marker-size %L --base-label %S --ours-label %X --theirs-label %Y\n"
    );
    assert_eq!(
        r.ok(&["config", "--get-all", "merge.cjm.name"]),
        "cjm journey map merge\n"
    );
}

/// The exact setup `git-setup --write` makes (with `cjm` found on PATH) drives
/// `git diff` and `git log -p` through the outline.
#[test]
fn textconv_makes_git_diff_and_log_read_like_the_change() {
    let r = Repo::new();
    assert_eq!(code(&r.cjm(&["git-setup", "--write"])), 0);
    r.write("map.ron", EXAMPLE);
    r.commit("first");
    r.write("map.ron", &edited("Instagram reel", "Instagram story"));
    let d = r.ok(&["diff"]);
    assert!(d.contains("-    - Instagram reel (Social)\n"), "{d}");
    assert!(d.contains("+    - Instagram story (Social)\n"), "{d}");
    assert!(!d.contains("Touchpoint("), "textconv not used:\n{d}");
    r.commit("second");
    let log = r.ok(&["log", "-p"]);
    assert!(log.contains("+    - Instagram story (Social)\n"), "{log}");
    assert!(
        log.contains("+Stage 1: Awareness [awareness]\n"),
        "first commit shown whole:\n{log}"
    );
}

// ------------------------------------------------------------------ diff

#[test]
fn diff_exit_codes() {
    let r = Repo::new();
    r.write("a.ron", EXAMPLE);
    r.write("b.ron", &edited("Instagram reel", "Instagram story"));
    r.write("bad.ron", &edited("score: 4", "score: 9"));
    let o = r.cjm(&["diff", "a.ron", "a.ron"]);
    assert_eq!((code(&o), stdout(&o)), (0, String::new()));
    let o = r.cjm(&["diff", "a.ron", "b.ron"]);
    assert_eq!(code(&o), 1);
    assert_eq!(
        stdout(&o),
        "stage Awareness [awareness]\n  Touchpoints\n    ~ Instagram reel (Social) → Instagram story (Social)\n"
    );
    let o = r.cjm(&["diff", "--format", "markdown", "a.ron", "b.ron"]);
    assert_eq!(code(&o), 1);
    let md = stdout(&o);
    assert!(
        md.starts_with("**Stages**: – · **Items**: 1 changed ·"),
        "{md}"
    );
    assert!(
        md.contains("\n\n- **Stage Awareness** `awareness`\n"),
        "{md}"
    );
    let o = r.cjm(&["diff", "a.ron", "missing.ron"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).starts_with("cjm: missing.ron: "),
        "{}",
        stderr(&o)
    );
    let o = r.cjm(&["diff", "a.ron", "bad.ron"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).starts_with("cjm: bad.ron:"), "{}", stderr(&o));
    let pos = stderr(&o);
    let mut parts = pos.trim_start_matches("cjm: bad.ron:").split(':');
    assert!(
        parts.next().unwrap().parse::<u32>().is_ok()
            && parts.next().unwrap().parse::<u32>().is_ok()
    );
    let o = r.cjm(&["diff", "a.ron"]);
    assert_eq!(code(&o), 2);
    let o = r.cjm(&["diff", "--format", "html", "a.ron", "b.ron"]);
    assert_eq!(code(&o), 2);
}

#[test]
fn diff_reads_stdin_and_git_blobs() {
    let r = Repo::new();
    r.write("map.ron", EXAMPLE);
    r.commit("first");
    r.write("map.ron", &edited("Curious", "Intrigued"));
    let mut c = common::cjm();
    c.args(["diff", "HEAD:map.ron", "-"]);
    r.env(&mut c);
    let o = common::bin::output_with_stdin(&mut c, fs::read(r.path("map.ron")).unwrap());
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("~ 4/5 Curious → 4/5 Intrigued"),
        "{}",
        stdout(&o)
    );
    let o = r.cjm(&["diff", "HEAD:nope.ron", "map.ron"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).starts_with("cjm: HEAD:nope.ron: "),
        "{}",
        stderr(&o)
    );
}

#[test]
fn diff_prints_hostile_text_escaped() {
    let r = Repo::new();
    r.write("a.ron", EXAMPLE);
    r.write("b.ron", &edited("Curious", "Curious\\u{1b}]0;pwned\\u{7}"));
    for fmt in ["text", "markdown"] {
        let o = r.cjm(&["diff", "--format", fmt, "a.ron", "b.ron"]);
        assert_eq!(code(&o), 1);
        let out = stdout(&o);
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
        assert!(out.contains("pwned"));
    }
}

#[test]
fn git_external_diff_shows_the_semantic_diff_and_exits_zero() {
    let r = Repo::new();
    r.write("map.ron", EXAMPLE);
    r.commit("first");
    r.write("map.ron", &edited("\"Awareness\"", "\"Discovery\""));
    r.write("new.ron", EXAMPLE);
    r.ok(&["add", "new.ron"]);
    let ext = format!("diff.external='{}' diff", bin().display());
    let d = r.ok(&["-c", &ext, "diff", "HEAD"]);
    assert!(d.contains("diff --cjm a/map.ron b/map.ron\n"), "{d}");
    assert!(
        d.contains("stage Discovery [awareness]\n  ~ name: \"Awareness\" → \"Discovery\"\n"),
        "{d}"
    );
    // An added file: git passes /dev/null as the old side.
    assert!(
        d.contains(
            "diff --cjm a/new.ron b/new.ron\n+ title: \"Buying a first espresso machine\"\n"
        ),
        "{d}"
    );
    assert!(d.contains("+ stage Awareness [awareness]\n"), "{d}");
    // A removed file, in Markdown.
    fs::remove_file(r.path("map.ron")).unwrap();
    let ext = format!("diff.external='{}' diff --format markdown", bin().display());
    let d = r.ok(&["-c", &ext, "diff", "HEAD", "--", "map.ron"]);
    assert!(d.starts_with("#### map.ron\n\n"), "{d}");
    assert!(
        d.contains("- **Stage Awareness** `awareness` (removed)\n"),
        "{d}"
    );
}

#[test]
fn external_diff_arguments_from_the_command_line() {
    let r = Repo::new();
    r.write("a.ron", EXAMPLE);
    let o = r.cjm(&[
        "diff", "x.ron", "a.ron", "0000", "100644", "a.ron", "0000", "100644",
    ]);
    assert_eq!(code(&o), 0);
    assert!(
        stdout(&o).contains("(no change to the map"),
        "{}",
        stdout(&o)
    );
    let o = r.cjm(&[
        "diff", "x.ron", "missing", "0000", "100644", "a.ron", "0000", "100644",
    ]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("(cannot compare: "));
    assert!(stderr(&o).starts_with("cjm: "));
    // Git passes the path alone for an unmerged file.
    let mut c = common::cjm();
    c.args(["diff", "map.ron"]);
    r.env(&mut c);
    let o = c.env("GIT_DIFF_PATH_TOTAL", "1").output().unwrap();
    assert_eq!(
        (code(&o), stdout(&o)),
        (0, "* Unmerged path map.ron\n".to_string())
    );
}

#[test]
fn merge_with_an_empty_base_merges_two_additions() {
    let r = Repo::new();
    r.write("base.ron", "");
    r.write("ours.ron", &with_touchpoint("Podcast"));
    r.write("theirs.ron", &edited("Curious", "Intrigued"));
    let o = r.cjm(&["merge", "base.ron", "ours.ron", "theirs.ron"]);
    // Both added the same stage with different items: ours is kept, theirs is
    // recorded beside it.
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let merged = fs::read_to_string(r.path("ours.ron")).unwrap();
    assert!(
        merged.starts_with(&with_touchpoint("Podcast").replace("format: 1,", "format: 3,")[..40])
    );
    assert!(merged.contains("Intrigued"), "theirs is kept in the record");
    check_conflicted(&r, "ours.ron", 1);
}

// ------------------------------------------------------------------ merge

#[test]
fn merge_exit_codes() {
    let r = Repo::new();
    r.write("base.ron", EXAMPLE);
    r.write("ours.ron", &with_touchpoint("Podcast"));
    r.write("theirs.ron", &edited("Curious", "Intrigued"));
    let o = r.cjm(&["merge", "base.ron", "ours.ron", "theirs.ron"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let merged = fs::read_to_string(r.path("ours.ron")).unwrap();
    assert!(merged.contains("Podcast") && merged.contains("Intrigued"));
    check(&r, "ours.ron");

    r.write("ours.ron", &edited("Curious", "Excited"));
    let o = r.cjm(&["merge", "base.ron", "ours.ron", "theirs.ron"]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(
        err.contains(
            "CONFLICT (cjm): stage `awareness`, emotions: both changed it; ours: 4/5 Excited; theirs: 4/5 Intrigued"
        ),
        "{err}"
    );
    let merged = fs::read_to_string(r.path("ours.ron")).unwrap();
    assert!(merged.contains("label: \"Excited\"") && merged.contains("label: \"Intrigued\""));
    check_conflicted(&r, "ours.ron", 1);

    r.write("bad.ron", "JourneyMap(");
    let before = fs::read_to_string(r.path("ours.ron")).unwrap();
    for args in [
        ["merge", "base.ron", "ours.ron", "bad.ron"],
        ["merge", "bad.ron", "ours.ron", "theirs.ron"],
        ["merge", "base.ron", "missing.ron", "theirs.ron"],
    ] {
        let o = r.cjm(&args);
        assert_eq!(code(&o), 2, "{args:?}");
        assert!(stderr(&o).starts_with("cjm: "));
        assert_eq!(fs::read_to_string(r.path("ours.ron")).unwrap(), before);
    }
    let o = r.cjm(&["merge", "base.ron", "ours.ron"]);
    assert_eq!(code(&o), 2);
}

fn branch_setup(ours: &str, theirs: &str) -> Repo {
    let r = Repo::new();
    r.configure();
    r.write("map.ron", EXAMPLE);
    r.commit("base");
    r.ok(&["checkout", "-q", "-b", "other"]);
    r.write("map.ron", theirs);
    r.commit("theirs");
    r.ok(&["checkout", "-q", "main"]);
    r.write("map.ron", ours);
    r.commit("ours");
    r
}

#[test]
fn git_merge_keeps_both_adjacent_appends() {
    let r = branch_setup(
        &with_touchpoint("Podcast ad"),
        &with_touchpoint("Billboard"),
    );
    let o = r.git(&["merge", "-q", "--no-edit", "other"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let merged = fs::read_to_string(r.path("map.ron")).unwrap();
    let (a, b) = (
        merged.find("Billboard").unwrap(),
        merged.find("Podcast ad").unwrap(),
    );
    assert!(a < b && merged.find("Instagram reel").unwrap() < a);
    check(&r, "map.ron");
}

#[test]
fn git_merge_conflict_keeps_ours_and_the_file_loads() {
    let r = branch_setup(
        &edited("Cannot tell machines apart", "Cannot compare machines"),
        &edited("Cannot tell machines apart", "Too many machines"),
    );
    let o = r.git(&["merge", "--no-edit", "other"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("CONFLICT (cjm): stage `awareness`, pain points: both changed it"),
        "{err}"
    );
    let merged = fs::read_to_string(r.path("map.ron")).unwrap();
    assert!(merged.contains("Cannot compare machines") && merged.contains("Too many machines"));
    assert!(!merged.contains("<<<<<<<"));
    let out = check_conflicted(&r, "map.ron", 1);
    assert!(
        out.contains(
            "ours (HEAD): [high] Cannot compare machines; theirs (other): [high] Too many machines"
        ),
        "{out}"
    );
}

// ------------------------------------------------ git's other .ron files

/// A `.ron` file that is not a map: a tool's configuration.
fn config(lines: &[(usize, &str)]) -> String {
    let mut rows: Vec<String> = (1..=12).map(|i| format!("    key{i}: {i},")).collect();
    for (n, text) in lines {
        rows[*n - 1] = text.to_string();
    }
    format!("(\n{}\n)\n", rows.join("\n"))
}

/// A repository set up by `cjm git-setup --write` itself (cjm found on PATH).
fn setup_repo() -> Repo {
    let r = Repo::new();
    let o = r.cjm(&["git-setup", "--write"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    r
}

#[test]
fn git_diff_and_log_show_non_maps_and_broken_maps_as_text() {
    let r = setup_repo();
    r.write("config.ron", &config(&[]));
    r.write("map.ron", EXAMPLE);
    r.commit("first");
    r.write("config.ron", &config(&[(3, "    key3: 33,")]));
    let typo = edited("Instagram reel", "Instagram reel\"");
    r.write("map.ron", &typo);
    let d = r.git(&["diff"]);
    assert!(d.status.success(), "git diff aborted: {}", stderr(&d));
    let out = stdout(&d);
    assert!(out.contains("-    key3: 3,\n+    key3: 33,\n"), "{out}");
    assert!(
        out.contains("+                    name: \"Instagram reel\"\",\n"),
        "the broken map's text is shown:\n{out}"
    );
    assert!(stderr(&d).contains("shown as plain text"), "{}", stderr(&d));
    r.commit("second");
    let log = r.git(&["log", "-p"]);
    assert!(log.status.success(), "git log -p aborted: {}", stderr(&log));
    let log = stdout(&log);
    assert!(log.contains("+    key3: 33,\n"), "{log}");
    assert!(
        log.contains("+    key12: 12,\n"),
        "first commit shown whole:\n{log}"
    );
}

#[test]
fn show_textconv_prints_a_file_it_cannot_load_while_plain_show_still_fails() {
    let r = Repo::new();
    let text = "JourneyMap(\n  title: \"half an edit\n";
    r.write("bad.ron", text);
    let o = r.cjm(&["show", "bad.ron"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).starts_with("cjm: bad.ron:"), "{}", stderr(&o));
    let o = r.cjm(&["show", "--textconv", "bad.ron"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), text);
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("cjm: warning: bad.ron:"), "{err}");
    // A map still shows as its outline.
    r.write("good.ron", EXAMPLE);
    let o = r.cjm(&["show", "--textconv", "good.ron"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("Stage 1: Awareness"), "{}", stdout(&o));
    assert_eq!(stderr(&o), "");
}

fn config_branches(ours: &str, theirs: &str) -> Repo {
    let r = setup_repo();
    r.write("config.ron", &config(&[]));
    r.commit("base");
    r.ok(&["checkout", "-q", "-b", "other"]);
    r.write("config.ron", theirs);
    r.commit("theirs");
    r.ok(&["checkout", "-q", "main"]);
    r.write("config.ron", ours);
    r.commit("ours");
    r
}

#[test]
fn a_non_map_edited_in_distant_lines_merges_cleanly_as_git_would() {
    let r = config_branches(
        &config(&[(2, "    key2: 22,")]),
        &config(&[(11, "    key11: 1111,")]),
    );
    let o = r.git(&["merge", "--no-edit", "other"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(
        fs::read_to_string(r.path("config.ron")).unwrap(),
        config(&[(2, "    key2: 22,"), (11, "    key11: 1111,")])
    );
    let err = stderr(&o);
    assert!(err.contains("cjm: warning: config.ron:"), "{err}");
    assert!(
        !err.contains(".merge_file"),
        "git's temporary name leaked: {err}"
    );
}

#[test]
fn a_conflicting_non_map_gets_git_conflict_markers_naming_the_real_path() {
    let r = config_branches(
        &config(&[(5, "    key5: \"ours\",")]),
        &config(&[(5, "    key5: \"theirs\",")]),
    );
    let o = r.git(&["merge", "--no-edit", "other"]);
    assert!(!o.status.success());
    let merged = fs::read_to_string(r.path("config.ron")).unwrap();
    assert!(
        merged.contains(
            "<<<<<<< ours (config.ron)\n    key5: \"ours\",\n=======\n    key5: \"theirs\",\n>>>>>>> theirs (config.ron)\n"
        ),
        "{merged}"
    );
    assert!(
        merged.contains("    key12: 12,\n"),
        "the rest is kept:\n{merged}"
    );
    let all = format!("{}{}", stdout(&o), stderr(&o));
    assert!(all.contains("cjm: 1 conflict(s) in config.ron"), "{all}");
    assert!(
        !all.contains(".merge_file"),
        "git's temporary name leaked: {all}"
    );
    // git knows the file is unmerged.
    assert!(r.ok(&["status", "--porcelain"]).contains("UU config.ron"));
}

#[test]
fn a_map_with_a_typo_on_one_side_falls_back_to_the_line_merge() {
    let r = setup_repo();
    r.write("map.ron", EXAMPLE);
    r.commit("base");
    r.ok(&["checkout", "-q", "-b", "other"]);
    let typo = edited("Instagram reel", "Instagram reel\"");
    r.write("map.ron", &typo);
    r.commit("theirs: a typo");
    r.ok(&["checkout", "-q", "main"]);
    r.write("map.ron", &edited("Curious", "Excited"));
    r.commit("ours");
    let o = r.git(&["merge", "--no-edit", "other"]);
    // Distant lines: git's own merge takes both, typo included, as it would without cjm.
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let merged = fs::read_to_string(r.path("map.ron")).unwrap();
    assert!(merged.contains("Excited") && merged.contains("name: \"Instagram reel\"\","));
    let err = stderr(&o);
    assert!(err.contains("cjm: warning: map.ron:"), "{err}");
    assert!(err.contains("(their version)"), "{err}");
}

#[test]
fn map_merge_messages_name_the_real_path() {
    let r = branch_setup(
        &edited("Cannot tell machines apart", "Cannot compare machines"),
        &edited("Cannot tell machines apart", "Too many machines"),
    );
    let o = r.git(&["merge", "--no-edit", "other"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("cjm: 1 conflict(s) recorded in map.ron:"),
        "{err}"
    );
    assert!(!err.contains(".merge_file"), "{err}");
}

#[test]
fn git_setup_write_upgrades_a_setup_from_an_older_cjm() {
    let r = Repo::new();
    // What cjm wrote before textconv and the driver knew about non-maps.
    r.write(".gitattributes", "*.ron diff=cjm merge=cjm\n");
    r.ok(&["config", "diff.cjm.textconv", "cjm show"]);
    r.ok(&["config", "merge.cjm.name", "cjm journey map merge"]);
    r.ok(&["config", "merge.cjm.driver", "cjm merge %O %A %B"]);
    r.write("config.ron", &config(&[]));
    r.commit("old setup");
    r.write("config.ron", &config(&[(1, "    key1: 0,")]));
    assert!(
        !r.git(&["diff"]).status.success(),
        "the old setup aborts git diff"
    );

    let o = r.cjm(&["git-setup", "--write"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("diff.cjm.textconv \"cjm show --textconv\" (upgraded from \"cjm show\")"),
        "{out}"
    );
    assert!(
        out.contains("(upgraded from \"cjm merge %O %A %B\")"),
        "{out}"
    );
    assert_eq!(
        r.ok(&["config", "--get-all", "diff.cjm.textconv"]),
        "cjm show --textconv\n"
    );
    assert_eq!(
        r.ok(&["config", "--get-all", "merge.cjm.driver"]),
        "cjm merge %O %A %B --path %P --marker-size %L --base-label %S --ours-label %X --theirs-label %Y\n"
    );
    let d = r.git(&["diff"]);
    assert!(d.status.success(), "{}", stderr(&d));
    assert!(stdout(&d).contains("+    key1: 0,\n"), "{}", stdout(&d));
    // Run again: nothing left to change.
    let o = r.cjm(&["git-setup", "--write"]);
    assert!(!stdout(&o).contains("upgraded"), "{}", stdout(&o));
    assert_eq!(
        fs::read_to_string(r.path(".gitattributes")).unwrap(),
        "*.ron diff=cjm merge=cjm\n"
    );
}

/// A filter (such as Git LFS's) may write without end: `cjm diff REV:PATH` reads
/// its output only up to the size limit and says so.
#[test]
fn diff_refuses_a_git_blob_whose_filter_output_is_too_large() {
    let r = Repo::new();
    r.ok(&["config", "filter.big.clean", "cat"]);
    r.ok(&[
        "config",
        "filter.big.smudge",
        "cat >/dev/null; head -c 280000000 /dev/zero",
    ]);
    r.write(".gitattributes", "big.ron filter=big\n");
    r.write("big.ron", EXAMPLE);
    r.write("map.ron", EXAMPLE);
    r.commit("first");
    let o = r.cjm(&["diff", "HEAD:big.ron", "map.ron"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("HEAD:big.ron: larger than 256 MB"),
        "{}",
        stderr(&o)
    );
}

/// `.gitattributes` need not be UTF-8: its lines are kept byte for byte.
#[test]
fn git_setup_write_keeps_a_non_utf8_attributes_line() {
    let r = Repo::new();
    let before = b"caf\xe9 \xff.png binary\n".to_vec();
    fs::write(r.path(".gitattributes"), &before).unwrap();
    let o = r.cjm(&["git-setup", "--write"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let mut want = before;
    want.extend_from_slice(b"*.ron diff=cjm merge=cjm\n");
    assert_eq!(fs::read(r.path(".gitattributes")).unwrap(), want);
}

/// The `-`/`+` lines of a patch, without the `---`/`+++` file headers.
fn changed_lines(patch: &str) -> Vec<&str> {
    patch
        .lines()
        .filter(|l| {
            (l.starts_with('-') || l.starts_with('+'))
                && !l.starts_with("---")
                && !l.starts_with("+++")
        })
        .collect()
}

/// No warning may name git's temporary copy (`/tmp/git-blob-XXXXXX/map.ron`, or
/// `XXXXXX_map.ron` from older gits): the user never saw that file.
fn assert_no_temp_name(err: &str) {
    let tmp = std::env::temp_dir().display().to_string();
    assert!(
        !err.contains("git-blob") && !err.contains(&tmp) && !err.contains("_map.ron"),
        "a temporary file named in:\n{err}"
    );
}

#[test]
fn textconv_shows_a_map_that_fails_validation_as_its_outline_with_the_value_flagged() {
    let r = setup_repo();
    r.write("map.ron", EXAMPLE);
    r.commit("first");
    // One character: a score of 7.
    r.write("map.ron", &edited("score: 4,", "score: 7,"));
    r.commit("score out of range");
    let o = r.git(&["show", "HEAD"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        !out.contains("JourneyMap("),
        "raw RON against an outline:\n{out}"
    );
    let changed = changed_lines(&out);
    let flagged = "+    - 7/5 Curious  ⚠ score-range: emotion score 7 is outside 1–5";
    assert!(
        changed.iter().any(|l| l.starts_with(flagged)),
        "{changed:#?}\n{out}"
    );
    // The emotion line, and the stage's mean on the curve line it moves: the
    // same two lines a valid score change shows, nothing else.
    assert_eq!(changed.len(), 4, "{changed:#?}");
    assert!(
        changed
            .iter()
            .filter(|l| l.contains("Emotion curve:"))
            .count()
            == 2,
        "{changed:#?}"
    );
    let err = stderr(&o);
    assert_no_temp_name(&err);
    assert!(err.contains("map.ron:"), "{err}");

    // An empty title is a one-line diff, the title line flagged.
    r.write("map.ron", EXAMPLE);
    r.commit("score fixed");
    r.write(
        "map.ron",
        &edited("title: \"Buying a first espresso machine\"", "title: \"\""),
    );
    let o = r.git(&["diff"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(
        changed_lines(&out),
        [
            "-Buying a first espresso machine",
            "+  ⚠ empty-text: the title is empty"
        ],
        "{out}"
    );
    assert_no_temp_name(&stderr(&o));
}

#[test]
fn show_textconv_flags_every_invalid_value_and_names_the_file_as_git_knows_it() {
    let r = Repo::new();
    r.write("map.ron", &edited("score: 4,", "score: 0,"));
    let o = r.cjm(&["show", "--textconv", "map.ron"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("    - 0/5 Curious  ⚠ score-range: emotion score 0 is outside 1–5"),
        "{out}"
    );
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("cjm: warning: map.ron:50:"), "{err}");
    // Git's temporary copy of a blob is named by the file's own name.
    let tmp = tempfile::Builder::new()
        .prefix("git-blob-")
        .tempdir()
        .unwrap();
    let copy = tmp.path().join("map.ron");
    fs::copy(r.path("map.ron"), &copy).unwrap();
    let o = r.cjm(&["show", "--textconv", copy.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.starts_with("cjm: warning: map.ron:50:"), "{err}");
    assert_no_temp_name(&err);
    // Plain `show` still refuses the map.
    let o = r.cjm(&["show", "map.ron"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
}

#[test]
fn a_branch_that_fixes_a_map_broken_on_the_base_is_reviewed_as_a_fix() {
    let r = Repo::new();
    r.write("map.ron", &edited("score: 4,", "score: 7,"));
    r.commit("broken on main");
    r.ok(&["checkout", "-q", "-b", "feature"]);
    r.write("map.ron", EXAMPLE);
    r.commit("fixed");
    let o = r.cjm(&["diff", "--git", "main", "feature"]);
    let out = stdout(&o);
    assert_eq!(
        code(&o),
        1,
        "a fix is a change, not trouble:\n{out}{}",
        stderr(&o)
    );
    assert!(
        out.starts_with("1 map changed between main and feature\n"),
        "{out}"
    );
    assert!(
        out.contains("\nfixed map.ron\n  did not load at main: map.ron:50:"),
        "{out}"
    );
    assert!(out.contains("emotion score 7 is outside 1–5"), "{out}");
    // The fixed map is shown whole.
    assert!(out.contains("+ stage Awareness [awareness]"), "{out}");
    let o = r.cjm(&["diff", "--git", "main", "feature", "--format", "markdown"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let md = stdout(&o);
    assert!(md.contains("| map.ron | fixed |"), "{md}");
    assert!(md.contains("**Did not load at main**: map.ron:50:"), "{md}");
    // Broken the other way round (the branch breaks it) is still trouble.
    let o = r.cjm(&["diff", "--git", "feature", "main"]);
    assert_eq!(code(&o), 2, "{}", stdout(&o));
    // A branch that removes the broken map is a removal, not trouble either.
    r.ok(&["checkout", "-q", "-b", "gone", "main"]);
    r.ok(&["rm", "-q", "map.ron"]);
    r.commit("removed");
    let o = r.cjm(&["diff", "--git", "main", "gone"]);
    let out = stdout(&o);
    assert_eq!(code(&o), 1, "{out}{}", stderr(&o));
    assert!(
        out.contains("\nremoved map.ron\n  did not load at main: map.ron:50:"),
        "{out}"
    );
    assert!(!out.contains("no change"), "{out}");
}

#[test]
fn external_diff_names_both_paths_of_a_renamed_map() {
    let r = Repo::new();
    r.write("map.ron", EXAMPLE);
    r.commit("first");
    r.ok(&["mv", "map.ron", "espresso.ron"]);
    r.write("espresso.ron", &edited("\"Awareness\"", "\"Discovery\""));
    r.ok(&["add", "-A"]);
    let ext = format!("diff.external='{}' diff", bin().display());
    let o = r.git(&["-c", &ext, "diff", "-M", "--cached"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let d = stdout(&o);
    assert!(
        d.starts_with("diff --cjm a/map.ron b/espresso.ron\nrenamed map.ron → espresso.ron"),
        "{d}"
    );
    assert!(d.contains("~ name: \"Awareness\" → \"Discovery\""), "{d}");
    assert_eq!(stderr(&o), "");
    let ext = format!("diff.external='{}' diff --format markdown", bin().display());
    let d = r.ok(&["-c", &ext, "diff", "-M", "--cached"]);
    assert!(d.starts_with("#### map.ron → espresso.ron\n\n"), "{d}");
    // The same through GIT_EXTERNAL_DIFF.
    let mut c = Command::new("git");
    c.args(["diff", "-M", "--cached"]);
    r.env(&mut c);
    let o = c
        .env("GIT_EXTERNAL_DIFF", format!("'{}' diff", bin().display()))
        .output()
        .unwrap();
    assert!(
        stdout(&o)
            .starts_with("diff --cjm a/map.ron b/espresso.ron\nrenamed map.ron → espresso.ron"),
        "{}{}",
        stdout(&o),
        stderr(&o)
    );
}

#[test]
fn external_diff_of_a_ron_file_that_is_not_a_map_is_a_text_diff() {
    let r = Repo::new();
    r.write("config.ron", &config(&[]));
    r.commit("first");
    r.write("config.ron", &config(&[(3, "    key3: 33,")]));
    let ext = format!("diff.external='{}' diff", bin().display());
    let o = r.git(&["-c", &ext, "diff"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let d = stdout(&o);
    assert!(
        d.starts_with(
            "diff --cjm a/config.ron b/config.ron\n--- a/config.ron\n+++ b/config.ron\n@@ "
        ),
        "{d}"
    );
    assert!(d.contains("\n-    key3: 3,\n+    key3: 33,\n"), "{d}");
    assert!(!d.contains("cannot compare"), "{d}");
    assert_eq!(stderr(&o), "", "not a map is not a problem");
    // A map broken on one side: why, naming the real path, then its text diff.
    r.write("map.ron", EXAMPLE);
    r.commit("map");
    r.write("map.ron", &edited("Instagram reel", "Instagram reel\""));
    let o = r.git(&["-c", &ext, "diff", "--", "map.ron"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let d = stdout(&o);
    assert!(
        d.contains("(map.ron does not load as a map on the new side: map.ron:"),
        "{d}"
    );
    assert!(
        d.contains("+                    name: \"Instagram reel\"\",\n"),
        "{d}"
    );
    assert_no_temp_name(&stderr(&o));
    // In Markdown the text diff is a fenced block.
    let ext = format!("diff.external='{}' diff --format markdown", bin().display());
    let d = r.ok(&["-c", &ext, "diff", "HEAD~1", "--", "config.ron"]);
    assert!(
        d.starts_with("#### config.ron\n\n```diff\n--- a/config.ron\n"),
        "{d}"
    );
    assert!(d.ends_with("```\n"), "{d}");
}
