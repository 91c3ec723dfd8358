//! The CI recipes in docs/ci.md, run. Every multi-line shell block of the GitHub
//! workflow (`run: |`) and of the GitLab jobs (`- |`) is taken out of the document
//! as YAML reads a literal block (the lines indented under it) and runs under
//! `bash -eo pipefail`, as both CI services run them, in a real clone with an
//! `origin` (in some tests one whose main moved on after the branch left it). The
//! one-line install steps are not run: the built `cjm` is on PATH instead. `gh`
//! and `curl` are stand-ins that keep the pull request's comments (GitHub) and
//! notes (GitLab) in a file, so a second run shows whether the job updated its
//! own comment or added another; the stand-in `gh` applies the workflow's `--jq`
//! filter with the real jq. `.pre-commit-hooks.yaml` is checked to name the
//! commands the doc promises.

mod common;
mod gitrepo;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Command, Output};

use gitrepo::{Repo, example, stderr, stdout};

/// The fenced YAML block under a heading of docs/ci.md.
fn fenced(heading: &str) -> String {
    let doc = std::fs::read_to_string(gitrepo::root().join("docs/ci.md")).unwrap();
    let part = doc.split_once(heading).unwrap().1;
    let body = part.split_once("```yaml\n").unwrap().1;
    body.split_once("```").unwrap().0.to_string()
}

fn indent(l: &str) -> usize {
    l.len() - l.trim_start().len()
}

/// YAML literal blocks (`KEY: |` or `- |`) whose opening line trims to `opener`:
/// the lines indented deeper than the opener, dedented, with the name of the
/// step they belong to (the nearest `- name:` above).
fn literal_blocks(yaml: &str, opener: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = yaml.lines().collect();
    let mut out = Vec::new();
    let mut name = String::new();
    for (i, l) in lines.iter().enumerate() {
        if let Some(n) = l.trim().strip_prefix("- name: ") {
            name = n.to_string();
        }
        if l.trim() != opener {
            continue;
        }
        let body: Vec<&str> = lines[i + 1..]
            .iter()
            .take_while(|b| b.trim().is_empty() || indent(b) > indent(l))
            .copied()
            .collect();
        let cut = body
            .iter()
            .filter(|b| !b.trim().is_empty())
            .map(|b| indent(b))
            .min()
            .unwrap_or(0);
        let text: Vec<&str> = body.iter().map(|b| b.get(cut..).unwrap_or("")).collect();
        out.push((name.clone(), text.join("\n").trim_end().to_string() + "\n"));
    }
    out
}

/// The shell blocks of the GitHub workflow's steps (by step name) and of the
/// GitLab job's script, in order.
fn blocks() -> (Vec<(String, String)>, Vec<String>) {
    let github = literal_blocks(&fenced("## GitHub Actions"), "run: |");
    let gitlab = literal_blocks(&fenced("## GitLab CI"), "- |")
        .into_iter()
        .map(|(_, b)| b)
        .collect();
    (github, gitlab)
}

/// A pull request as CI checks it out: `origin` has main, HEAD is the branch.
struct Ci {
    repo: Repo,
    _origin: tempfile::TempDir,
    tools: tempfile::TempDir,
    log: tempfile::TempDir,
    temp: tempfile::TempDir,
}

/// A stand-in `gh` for `gh api`: the pull request's comments are kept in
/// `comments.json`; a GET applies the workflow's own `--jq` filter with jq (as gh
/// does, page by page: here one page), POST adds a comment as the workflow's
/// token (`github-actions[bot]`), PATCH replaces one by id. Anything else fails
/// loudly, so a recipe that calls gh differently fails the test.
const GH: &str = r#"#!/bin/bash
set -eo pipefail
log='LOG'
printf '%s\n' "$*" >> "$log/gh.args"
[ "$1" = api ] || { echo "stand-in gh: only 'gh api' is known: $*" >&2; exit 1; }
shift
method=""; filter=""; body=""; path=""
while [ $# -gt 0 ]; do
  case "$1" in
    --method|-X) method="$2"; shift 2;;
    --paginate) shift;;
    --jq|-q) filter="$2"; shift 2;;
    -F|--field) case "$2" in body=@*) body="${2#body=@}";; *) echo "stand-in gh: field $2" >&2; exit 1;; esac; shift 2;;
    -*) echo "stand-in gh: unknown flag $1" >&2; exit 1;;
    *) path="$1"; shift;;
  esac
done
[ -n "$method" ] || { if [ -n "$body" ]; then method=POST; else method=GET; fi; }
store="$log/comments.json"
[ -f "$store" ] || echo '[]' > "$store"
comments="repos/$GITHUB_REPOSITORY/issues/$PR/comments"
case "$method $path" in
  "GET $comments" | "GET $comments?"*)
    if [ -n "$filter" ]; then jq -r "$filter" "$store"; else cat "$store"; fi;;
  "POST $comments")
    cp "$body" "$log/body.md"
    jq --rawfile b "$body" '. + [{id: ((map(.id) | max // 100) + 1), user: {login: "github-actions[bot]", type: "Bot"}, body: $b}]' "$store" > "$store.new"
    mv "$store.new" "$store";;
  "PATCH repos/$GITHUB_REPOSITORY/issues/comments/"*)
    id="${path##*/}"
    jq -e --argjson id "$id" 'any(.[]; .id == $id)' "$store" > /dev/null || { echo "gh: Not Found (HTTP 404)" >&2; exit 1; }
    cp "$body" "$log/body.md"
    jq --rawfile b "$body" --argjson id "$id" 'map(if .id == $id then .body = $b else . end)' "$store" > "$store.new"
    mv "$store.new" "$store";;
  *) echo "stand-in gh: unknown call: $method $path" >&2; exit 1;;
esac
"#;

/// A stand-in `curl` for GitLab's API: the token's user is id 99; the merge
/// request's notes are kept in `notes.json` (page 1 holds them all, later pages
/// are empty); POST adds a note as user 99, PUT replaces one by id. Every call
/// must carry the token.
const CURL: &str = r#"#!/bin/bash
set -eo pipefail
log='LOG'
printf '%s\n' "$*" >> "$log/curl.args"
method=GET; body=""; url=""; token=""
while [ $# -gt 0 ]; do
  case "$1" in
    --request|-X) method="$2"; shift 2;;
    --header|-H) case "$2" in "PRIVATE-TOKEN: "*) token="${2#PRIVATE-TOKEN: }";; esac; shift 2;;
    --data-urlencode) case "$2" in body@*) body="${2#body@}";; *) echo "stand-in curl: data $2" >&2; exit 1;; esac; shift 2;;
    --fail|--silent|--show-error|-sS|-f|-s|-S) shift;;
    -*) echo "stand-in curl: unknown flag $1" >&2; exit 1;;
    *) url="$1"; shift;;
  esac
done
[ -n "$body" ] && [ "$method" = GET ] && method=POST
[ -n "$token" ] || { echo "curl: (22) The requested URL returned error: 401" >&2; exit 22; }
store="$log/notes.json"
[ -f "$store" ] || echo '[]' > "$store"
notes="$CI_API_V4_URL/projects/$CI_PROJECT_ID/merge_requests/$CI_MERGE_REQUEST_IID/notes"
case "$method $url" in
  "GET $CI_API_V4_URL/user") echo '{"id": 99, "username": "project_7_bot_cjm"}';;
  "GET $notes" | "GET $notes?"*)
    case "$url" in *"page=1&"* | *"page=1") cat "$store";; *"page="*) echo '[]';; *) cat "$store";; esac;;
  "POST $notes")
    cp "$body" "$log/body.md"
    jq --rawfile b "$body" '. + [{id: ((map(.id) | max // 500) + 1), author: {id: 99, username: "project_7_bot_cjm"}, body: $b}]' "$store" > "$store.new"
    mv "$store.new" "$store"; echo '{}';;
  "PUT $notes/"*)
    id="${url##*/}"
    jq -e --argjson id "$id" 'any(.[]; .id == $id)' "$store" > /dev/null || { echo "curl: (22) The requested URL returned error: 404" >&2; exit 22; }
    cp "$body" "$log/body.md"
    jq --rawfile b "$body" --argjson id "$id" 'map(if .id == $id then .body = $b else . end)' "$store" > "$store.new"
    mv "$store.new" "$store"; echo '{}';;
  *) echo "stand-in curl: unknown call: $method $url" >&2; exit 1;;
esac
"#;

impl Ci {
    /// main with two maps and a config; branch `feature` with `change`.
    fn new(change: impl Fn(&Repo)) -> Ci {
        Ci::moved(change, |_| {})
    }

    /// As `new`, and then main moves on with `later` (pushed to `origin`) after
    /// the branch left it, as it does while a pull request waits for review.
    fn moved(change: impl Fn(&Repo), later: impl Fn(&Repo)) -> Ci {
        common::tools::ensure(&gitrepo::root().join(".ci/setup-jq.sh"), || {
            Command::new("jq").arg("--version").output().is_ok()
        });
        let repo = Repo::new();
        repo.write_map("maps/hospital.ron", &example("hospital-visit.ron"));
        repo.write_map("maps/saas.ron", &example("saas-trial.ron"));
        repo.write("tools/config.ron", "(jobs: 2)\n");
        repo.commit("Maps");
        let origin = tempfile::tempdir().unwrap();
        let bare = origin.path().to_str().unwrap();
        repo.ok(&["init", "-q", "--bare", "-b", "main", bare]);
        repo.ok(&["remote", "add", "origin", bare]);
        repo.ok(&["push", "-q", "origin", "main"]);
        repo.ok(&["checkout", "-q", "-b", "feature"]);
        change(&repo);
        repo.commit("The branch");
        repo.ok(&["checkout", "-q", "main"]);
        later(&repo);
        if !repo.ok(&["status", "--porcelain"]).is_empty() {
            repo.commit("Later work on main");
            repo.ok(&["push", "-q", "origin", "main"]);
        }
        repo.ok(&["checkout", "-q", "feature"]);
        repo.ok(&["fetch", "-q", "origin"]);
        let ci = Ci {
            repo,
            _origin: origin,
            tools: tempfile::tempdir().unwrap(),
            log: tempfile::tempdir().unwrap(),
            temp: tempfile::tempdir().unwrap(),
        };
        let log = ci.log.path().display().to_string();
        ci.tool("gh", &GH.replace("LOG", &log));
        ci.tool("curl", &CURL.replace("LOG", &log));
        ci
    }

    fn tool(&self, name: &str, text: &str) {
        use std::os::unix::fs::PermissionsExt;
        let p = self.tools.path().join(name);
        std::fs::write(&p, text).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }

    fn run(&self, script: &str, env: &BTreeMap<&str, String>) -> Output {
        let mut c = Command::new("bash");
        c.args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script]);
        self.repo.env(&mut c);
        let cjm_dir = std::path::PathBuf::from(common::bin::BIN)
            .parent()
            .unwrap()
            .to_path_buf();
        let mut dirs: Vec<PathBuf> = vec![self.tools.path().to_path_buf(), cjm_dir];
        dirs.extend(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        ));
        c.env("PATH", std::env::join_paths(dirs).unwrap());
        c.env("RUNNER_TEMP", self.temp.path());
        c.env("TMPDIR", self.temp.path());
        for (k, v) in env {
            c.env(k, v);
        }
        c.output().unwrap()
    }

    /// Runs the named steps of the GitHub workflow in order, as one job does;
    /// the output of the last.
    fn github(&self, steps: &[(String, String)], names: &[&str]) -> Output {
        let mut last = None;
        for n in names {
            last = Some(self.run(step(steps, n), &github_env()));
        }
        last.unwrap()
    }

    fn logged(&self, name: &str) -> Option<String> {
        std::fs::read_to_string(self.log.path().join(name)).ok()
    }

    /// The comments (GitHub) or notes (GitLab) on the pull request now.
    fn thread(&self, name: &str) -> Vec<serde_json::Value> {
        match self.logged(name) {
            Some(t) => serde_json::from_str(&t).unwrap(),
            None => Vec::new(),
        }
    }

    fn seed(&self, name: &str, json: &str) {
        std::fs::write(self.log.path().join(name), json).unwrap();
    }
}

fn github_env() -> BTreeMap<&'static str, String> {
    BTreeMap::from([
        ("BASE", "main".to_string()),
        ("PR", "42".to_string()),
        ("GH_TOKEN", "test-token".to_string()),
        ("GITHUB_ACTIONS", "true".to_string()),
        ("GITHUB_REPOSITORY", "acme/journeys".to_string()),
    ])
}

fn gitlab_env() -> BTreeMap<&'static str, String> {
    BTreeMap::from([
        ("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main".to_string()),
        ("CI_API_V4_URL", "https://gitlab.example/api/v4".to_string()),
        ("CI_PROJECT_ID", "7".to_string()),
        ("CI_MERGE_REQUEST_IID", "3".to_string()),
        ("CJM_GITLAB_TOKEN", "glpat-test".to_string()),
    ])
}

fn raise_referral(r: &Repo) {
    let mut h = r.read_map("maps/hospital.ron");
    h.stages[0].emotions[1].score = 4;
    h.stages[0].pain_points.remove(0);
    r.write_map("maps/hospital.ron", &h);
    r.write("tools/config.ron", "(jobs: 4)\n");
}

/// main's later work on the other map, which the branch never touched.
fn rename_saas_stage(r: &Repo) {
    let mut s = r.read_map("maps/saas.ron");
    s.stages[0].name = "Heard of it".into();
    r.write_map("maps/saas.ron", &s);
}

fn step<'a>(steps: &'a [(String, String)], name: &str) -> &'a str {
    &steps
        .iter()
        .find(|(n, _)| n.contains(name))
        .unwrap_or_else(|| panic!("no step named {name}: {steps:?}"))
        .1
}

const MARKER: &str = "<!-- cjm-review -->";

#[test]
fn github_workflow_checks_the_maps_and_posts_the_review() {
    let (steps, _) = blocks();
    let names: Vec<&str> = steps.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Find the maps",
            "Check and format-check the maps",
            "Findings for code scanning",
            "Review the maps"
        ]
    );
    let ci = Ci::new(raise_referral);
    let o = ci.github(&steps, &["Find", "Check"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("maps/hospital.ron: valid"),
        "{}",
        stdout(&o)
    );
    assert!(!stdout(&o).contains("config"), "not a map: {}", stdout(&o));

    let o = ci.run(step(&steps, "Review"), &github_env());
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let args = ci.logged("gh.args").expect("a comment was posted");
    assert!(
        args.ends_with(&format!(
            "api --method POST repos/acme/journeys/issues/42/comments -F body=@{}/review.md\n",
            ci.temp.path().display()
        )),
        "{args}"
    );
    let body = ci.logged("body.md").unwrap();
    assert!(
        body.contains("1 map changed between the merge base with origin/main and HEAD"),
        "{body}"
    );
    assert!(
        body.contains(
            "| maps/hospital.ron | changed | – | 1 removed, 1 changed | 1 closed (high) | – |"
        ),
        "{body}"
    );
    assert!(body.contains("- Referral 2.5 → 3.5 ▲1.0"), "{body}");
    assert!(!body.contains("config"), "{body}");
    assert!(body.contains(MARKER), "{body}");
}

/// main changed the other map after the branch left it: the review names only
/// what the branch changed, as `origin/main...HEAD` means.
#[test]
fn the_review_is_against_the_merge_base_when_main_moved_on() {
    let (steps, script) = blocks();
    let ci = Ci::moved(raise_referral, rename_saas_stage);
    // origin/main's tip did change the other map.
    let tips = ci
        .repo
        .ok(&["diff", "--name-only", "origin/main", "HEAD", "--", "maps"]);
    assert_eq!(tips, "maps/hospital.ron\nmaps/saas.ron\n");

    let o = ci.run(step(&steps, "Review"), &github_env());
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let body = ci.logged("body.md").expect("a comment was posted");
    assert!(body.contains("| maps/hospital.ron | changed |"), "{body}");
    assert!(
        !body.contains("saas"),
        "main's work is not the branch's: {body}"
    );
    assert!(!body.contains("Heard of it"), "{body}");

    let o = ci.run(&script[1], &gitlab_env());
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let notes = ci.thread("notes.json");
    assert_eq!(notes.len(), 1, "{notes:?}");
    let note = notes[0]["body"].as_str().unwrap();
    assert!(note.contains("| maps/hospital.ron | changed |"), "{note}");
    assert!(!note.contains("saas"), "{note}");
}

#[test]
fn github_workflow_fails_on_a_map_that_is_not_canonical_or_not_valid() {
    let (steps, _) = blocks();
    let ci = Ci::new(|r| {
        let text = std::fs::read_to_string(r.path("maps/saas.ron")).unwrap();
        r.write(
            "maps/saas.ron",
            &text.replacen("    format: ", "  format:   ", 1),
        );
    });
    let o = ci.github(&steps, &["Find", "Check"]);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    let said = stdout(&o) + &stderr(&o);
    assert!(said.contains("maps/saas.ron: not formatted"), "{said}");

    let ci = Ci::new(|r| {
        let text = std::fs::read_to_string(r.path("maps/saas.ron")).unwrap();
        r.write("maps/saas.ron", &text.replacen("score: 2,", "score: 7,", 1));
    });
    let o = ci.github(&steps, &["Find", "Check"]);
    assert!(!o.status.success());
    // The review of a map that does not load is still posted, and the job fails.
    let o = ci.run(step(&steps, "Review"), &github_env());
    assert_eq!(o.status.code(), Some(2), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stderr(&o).contains("maps/saas.ron at HEAD: maps/saas.ron:"),
        "{}",
        stderr(&o)
    );
    let body = ci.logged("body.md").expect("the review is posted");
    assert!(
        body.contains("| maps/saas.ron | changed | does not load |"),
        "{body}"
    );
}

/// A failing `cjm check` fails the step with its own exit status (not xargs'
/// 123), and `cjm fmt --check` still runs and says what it found.
#[test]
fn a_failing_check_fails_the_step_and_fmt_still_runs() {
    let (steps, script) = blocks();
    let ci = Ci::new(|r| {
        let text = std::fs::read_to_string(r.path("maps/saas.ron")).unwrap();
        r.write("maps/saas.ron", &text.replacen("score: 2,", "score: 7,", 1));
        let text = std::fs::read_to_string(r.path("maps/hospital.ron")).unwrap();
        r.write(
            "maps/hospital.ron",
            &text.replacen("    format: ", "  format:   ", 1),
        );
    });
    for (ci_name, o) in [
        ("GitHub", ci.github(&steps, &["Find", "Check"])),
        ("GitLab", ci.run(&script[0], &gitlab_env())),
    ] {
        let said = stdout(&o) + &stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{ci_name}: {said}");
        assert!(said.contains("error[score-range]"), "{ci_name}: {said}");
        assert!(
            said.contains("maps/hospital.ron: not formatted"),
            "{ci_name}: fmt --check ran after the failed check: {said}"
        );
        assert!(
            said.contains("cjm check exited 1, cjm fmt --check exited 1"),
            "{ci_name}: {said}"
        );
    }
    // Only fmt failing: its status is the step's.
    let ci = Ci::new(|r| {
        let text = std::fs::read_to_string(r.path("maps/hospital.ron")).unwrap();
        r.write(
            "maps/hospital.ron",
            &text.replacen("    format: ", "  format:   ", 1),
        );
    });
    let o = ci.run(&script[0], &gitlab_env());
    let said = stdout(&o) + &stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{said}");
    assert!(
        said.contains("cjm check exited 0, cjm fmt --check exited 1"),
        "{said}"
    );
}

/// The findings go to GitHub code scanning as SARIF, even when the check failed.
#[test]
fn github_workflow_writes_sarif_and_uploads_it_always() {
    let (steps, _) = blocks();
    let ci = Ci::new(|r| {
        let text = std::fs::read_to_string(r.path("maps/saas.ron")).unwrap();
        r.write("maps/saas.ron", &text.replacen("score: 2,", "score: 7,", 1));
    });
    let o = ci.github(&steps, &["Find", "Findings"]);
    assert!(
        o.status.success(),
        "findings are not trouble: {}",
        stderr(&o)
    );
    let sarif: serde_json::Value =
        serde_json::from_slice(&std::fs::read(ci.repo.path("cjm.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0", "{sarif}");
    assert!(
        sarif.to_string().contains("score-range"),
        "the finding is in the SARIF: {sarif}"
    );
    let yaml = fenced("## GitHub Actions");
    let upload = yaml
        .split_once("uses: github/codeql-action/upload-sarif@")
        .expect("an upload-sarif step")
        .1;
    let upload: String = upload.lines().take(5).collect::<Vec<_>>().join("\n");
    assert!(upload.contains("if: always()"), "{upload}");
    assert!(upload.contains("sarif_file: cjm.sarif"), "{upload}");
    assert!(yaml.contains("security-events: write"), "{yaml}");
}

/// Every push runs the job again: the review updates the job's own comment, and
/// never anyone else's (a person quoting the marker, another bot).
#[test]
fn running_the_github_job_twice_updates_its_one_comment() {
    let (steps, _) = blocks();
    let ci = Ci::new(raise_referral);
    let others = format!(
        r#"[{{"id": 5, "user": {{"login": "ada", "type": "User"}}, "body": "Why is {MARKER} in the comment?"}},
            {{"id": 6, "user": {{"login": "github-actions[bot]", "type": "Bot"}}, "body": "Coverage: 80%"}}]"#
    );
    ci.seed("comments.json", &others);
    let o = ci.run(step(&steps, "Review"), &github_env());
    assert!(o.status.success(), "{}", stderr(&o));
    // A second push changes the other map too.
    let mut s = ci.repo.read_map("maps/saas.ron");
    s.stages[0].name = "Heard of it".into();
    ci.repo.write_map("maps/saas.ron", &s);
    ci.repo.commit("Second push");
    let o = ci.run(step(&steps, "Review"), &github_env());
    assert!(o.status.success(), "{}", stderr(&o));

    let thread = ci.thread("comments.json");
    assert_eq!(thread.len(), 3, "one comment of ours, not two: {thread:#?}");
    assert_eq!(
        thread[0]["body"],
        format!("Why is {MARKER} in the comment?")
    );
    assert_eq!(thread[1]["body"], "Coverage: 80%");
    let ours = thread[2]["body"].as_str().unwrap();
    assert!(ours.contains("2 maps changed"), "the second review: {ours}");
    let args = ci.logged("gh.args").unwrap();
    assert_eq!(args.matches("--method POST").count(), 1, "{args}");
    assert_eq!(
        args.matches("--method PATCH repos/acme/journeys/issues/comments/7 ")
            .count(),
        1,
        "{args}"
    );

    // The branch undoes its map changes: the comment no longer claims any.
    ci.repo.ok(&["checkout", "-q", "origin/main", "--", "maps"]);
    ci.repo.commit("Back out");
    let o = ci.run(step(&steps, "Review"), &github_env());
    assert!(o.status.success(), "{}", stderr(&o));
    let thread = ci.thread("comments.json");
    assert_eq!(thread.len(), 3, "{thread:#?}");
    let ours = thread[2]["body"].as_str().unwrap();
    assert!(ours.starts_with("No journey map changed"), "{ours}");
}

#[test]
fn github_workflow_posts_nothing_when_no_map_changed() {
    let (steps, _) = blocks();
    let ci = Ci::new(|r| r.write("tools/config.ron", "(jobs: 8)\n"));
    let o = ci.run(step(&steps, "Review"), &github_env());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(ci.thread("comments.json").is_empty());
    assert_eq!(ci.logged("body.md"), None);
}

#[test]
fn gitlab_job_checks_the_maps_and_posts_the_review() {
    let (_, script) = blocks();
    assert_eq!(script.len(), 2, "{script:?}");
    let ci = Ci::new(raise_referral);
    let o = ci.run(&script[0], &gitlab_env());
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let o = ci.run(&script[1], &gitlab_env());
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let args = ci.logged("curl.args").expect("a note was posted");
    assert!(args.contains("PRIVATE-TOKEN: glpat-test"), "{args}");
    assert!(
        args.contains("--request POST")
            && args.contains("https://gitlab.example/api/v4/projects/7/merge_requests/3/notes"),
        "{args}"
    );
    let body = ci.logged("body.md").unwrap();
    assert!(body.contains("- Referral 2.5 → 3.5 ▲1.0"), "{body}");
    assert!(body.contains(MARKER), "{body}");
}

/// Every pipeline updates the job's one note (found by the marker and the
/// token's own user), never a note someone else wrote.
#[test]
fn running_the_gitlab_job_twice_updates_its_one_note() {
    let (_, script) = blocks();
    let ci = Ci::new(raise_referral);
    ci.seed(
        "notes.json",
        &format!(
            r#"[{{"id": 11, "author": {{"id": 4, "username": "ada"}}, "body": "Quoting: {MARKER}"}}]"#
        ),
    );
    let o = ci.run(&script[1], &gitlab_env());
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let mut s = ci.repo.read_map("maps/saas.ron");
    s.stages[0].name = "Heard of it".into();
    ci.repo.write_map("maps/saas.ron", &s);
    ci.repo.commit("Second push");
    let o = ci.run(&script[1], &gitlab_env());
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));

    let notes = ci.thread("notes.json");
    assert_eq!(notes.len(), 2, "one note of ours, not two: {notes:#?}");
    assert_eq!(notes[0]["body"], format!("Quoting: {MARKER}"));
    let ours = notes[1]["body"].as_str().unwrap();
    assert!(ours.contains("2 maps changed"), "the second review: {ours}");
    let args = ci.logged("curl.args").unwrap();
    assert_eq!(args.matches("--request POST").count(), 1, "{args}");
    assert!(
        args.contains("--request PUT")
            && args.contains("https://gitlab.example/api/v4/projects/7/merge_requests/3/notes/12"),
        "{args}"
    );
}

/// The recipes promise nothing that does not exist: no release to download, no
/// tag to pin, and they say where cjm's merge driver cannot help.
#[test]
fn the_doc_names_no_release_and_says_where_the_merge_driver_runs() {
    let doc = std::fs::read_to_string(gitrepo::root().join("docs/ci.md")).unwrap();
    assert!(!doc.contains("release binary"), "no release exists");
    assert!(!doc.contains("rev: v"), "no tag exists to pin");
    assert!(doc.contains("merge queue"), "server-side merges said");
    for (_, b) in blocks().0 {
        assert!(!b.contains("xargs"), "xargs hides exit codes: {b}");
    }
}

#[test]
fn pre_commit_hooks_name_the_documented_commands() {
    let hooks = std::fs::read_to_string(gitrepo::root().join(".pre-commit-hooks.yaml")).unwrap();
    let entries: Vec<&str> = hooks.split("\n- ").skip(1).collect();
    assert_eq!(entries.len(), 2, "{hooks}");
    for (entry, (id, command)) in entries.iter().zip([
        ("cjm-check", "cjm check --deny-warnings"),
        ("cjm-fmt", "cjm fmt --check"),
    ]) {
        let field = |key: &str| {
            entry
                .lines()
                .map(str::trim)
                .find_map(|l| l.strip_prefix(&format!("{key}: ")))
                .unwrap_or_else(|| panic!("{id}: no {key}"))
                .to_string()
        };
        assert_eq!(entry.lines().next(), Some(format!("id: {id}").as_str()));
        assert_eq!(field("entry"), command);
        assert_eq!(field("language"), "rust");
        assert_eq!(field("files"), "\\.ron$");
    }
    // The hooks' commands do what they say on a real map, with the file pre-commit
    // passes.
    let r = Repo::new();
    r.write_map("a.ron", &example("espresso.ron"));
    for entry in ["cjm check --deny-warnings", "cjm fmt --check"] {
        let mut args: Vec<&str> = entry.split(' ').skip(1).collect();
        args.push("a.ron");
        let o = r.cjm(&args);
        assert_eq!(o.status.code(), Some(0), "{entry}: {}", stderr(&o));
    }
}

#[test]
fn github_workflow_reviews_a_branch_that_fixes_a_broken_base_and_passes() {
    let (steps, _) = blocks();
    let ci = Ci::new(|r| {
        // The base branch got a broken map; this branch fixes it.
        let good = std::fs::read_to_string(r.path("maps/saas.ron")).unwrap();
        r.write("maps/saas.ron", &good.replacen("score: 2,", "score: 7,", 1));
        r.commit("Broken on main");
        r.ok(&["push", "-q", "origin", "HEAD:main"]);
        r.write("maps/saas.ron", &good);
    });
    let o = ci.run(step(&steps, "Review"), &github_env());
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let body = ci.logged("body.md").expect("the review is posted");
    assert!(body.contains("| maps/saas.ron | fixed |"), "{body}");
    assert!(
        body.contains("**Did not load at the merge base with origin/main**: maps/saas.ron:"),
        "{body}"
    );
}
