//! The CI recipes in docs/ci.md, run. Every multi-line shell block of the GitHub
//! workflow (`run: |`) and of the GitLab job (`- |`) is taken out of the document
//! as YAML reads a literal block (the lines indented under it) and runs under
//! `bash -eo pipefail`, as both CI services run them, in a real clone with an `origin`. The
//! one-line install steps are not run: the built `cjm` is on PATH instead. `gh`
//! and `curl` are stand-ins that record what would be posted.
//! `.pre-commit-hooks.yaml` is checked to name the commands the doc promises.

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

impl Ci {
    fn new(change: impl Fn(&Repo)) -> Ci {
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
        repo.ok(&["fetch", "-q", "origin"]);
        let ci = Ci {
            repo,
            _origin: origin,
            tools: tempfile::tempdir().unwrap(),
            log: tempfile::tempdir().unwrap(),
            temp: tempfile::tempdir().unwrap(),
        };
        let log = ci.log.path().display().to_string();
        ci.tool(
            "gh",
            &format!(
                "#!/bin/bash\nprintf '%s\\n' \"$*\" >> '{log}/gh.args'\nwhile [ $# -gt 0 ]; do\n  if [ \"$1\" = --body-file ]; then cp \"$2\" '{log}/body.md'; fi\n  shift\ndone\n"
            ),
        );
        ci.tool(
            "curl",
            &format!(
                "#!/bin/bash\nprintf '%s\\n' \"$*\" >> '{log}/curl.args'\nfor a in \"$@\"; do\n  case \"$a\" in body@*) cp \"${{a#body@}}\" '{log}/body.md';; esac\ndone\n"
            ),
        );
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
        let cjm_dir = assert_cmd::cargo::cargo_bin("cjm")
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

    fn logged(&self, name: &str) -> Option<String> {
        std::fs::read_to_string(self.log.path().join(name)).ok()
    }
}

fn github_env() -> BTreeMap<&'static str, String> {
    BTreeMap::from([
        ("BASE", "main".to_string()),
        ("PR", "42".to_string()),
        ("GH_TOKEN", "test-token".to_string()),
        ("GITHUB_ACTIONS", "true".to_string()),
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

fn step<'a>(steps: &'a [(String, String)], name: &str) -> &'a str {
    &steps
        .iter()
        .find(|(n, _)| n.contains(name))
        .unwrap_or_else(|| panic!("no step named {name}: {steps:?}"))
        .1
}

#[test]
fn github_workflow_checks_the_maps_and_posts_the_review() {
    let (steps, _) = blocks();
    assert_eq!(steps.len(), 2, "{steps:?}");
    let ci = Ci::new(raise_referral);
    let o = ci.run(step(&steps, "Check"), &github_env());
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
        args.starts_with("pr comment 42 --edit-last --body-file "),
        "{args}"
    );
    let body = ci.logged("body.md").unwrap();
    assert!(
        body.contains("1 map changed between origin/main and HEAD"),
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
}

#[test]
fn github_workflow_fails_on_a_map_that_is_not_canonical_or_not_valid() {
    let (steps, _) = blocks();
    let ci = Ci::new(|r| {
        let text = std::fs::read_to_string(r.path("maps/saas.ron")).unwrap();
        r.write(
            "maps/saas.ron",
            &text.replacen("    format: 1,", "  format:   1,", 1),
        );
    });
    let o = ci.run(step(&steps, "Check"), &github_env());
    assert!(!o.status.success());
    let said = stdout(&o) + &stderr(&o);
    assert!(said.contains("maps/saas.ron: not formatted"), "{said}");

    let ci = Ci::new(|r| {
        let text = std::fs::read_to_string(r.path("maps/saas.ron")).unwrap();
        r.write("maps/saas.ron", &text.replacen("score: 2,", "score: 7,", 1));
    });
    let o = ci.run(step(&steps, "Check"), &github_env());
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

#[test]
fn github_workflow_posts_nothing_when_no_map_changed() {
    let (steps, _) = blocks();
    let ci = Ci::new(|r| r.write("tools/config.ron", "(jobs: 8)\n"));
    let o = ci.run(step(&steps, "Review"), &github_env());
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(ci.logged("gh.args"), None);
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
        args.contains("https://gitlab.example/api/v4/projects/7/merge_requests/3/notes"),
        "{args}"
    );
    let body = ci.logged("body.md").unwrap();
    assert!(body.contains("- Referral 2.5 → 3.5 ▲1.0"), "{body}");
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
