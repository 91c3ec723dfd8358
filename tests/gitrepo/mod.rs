//! Real git repositories built in a test, for `cjm diff --git`, `cjm history`,
//! `cjm compare` and the CI recipe: each with its own HOME so no user or system
//! configuration leaks in, and the built `cjm` first on PATH.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::bin;
use cjm::model::JourneyMap;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// An example map from `maps/`, loaded.
pub fn example(name: &str) -> JourneyMap {
    let bytes = fs::read(root().join("maps").join(name)).unwrap();
    cjm::format::load(&bytes).unwrap().map
}

pub struct Repo {
    pub dir: tempfile::TempDir,
    home: tempfile::TempDir,
    /// Commits made so far, for distinct, increasing dates.
    commits: std::cell::Cell<u32>,
}

impl Repo {
    pub fn new() -> Repo {
        let r = Repo {
            dir: tempfile::tempdir().unwrap(),
            home: tempfile::tempdir().unwrap(),
            commits: std::cell::Cell::new(0),
        };
        r.ok(&["init", "-q", "-b", "main"]);
        r.ok(&["config", "user.name", "Ada Reviewer"]);
        r.ok(&["config", "user.email", "ada@example.com"]);
        r
    }

    pub fn path(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
    }

    pub fn env(&self, c: &mut Command) {
        let bin_dir = Path::new(bin::BIN).parent().unwrap().to_path_buf();
        let path = std::env::var_os("PATH").unwrap_or_default();
        let mut dirs = vec![bin_dir];
        dirs.extend(std::env::split_paths(&path));
        c.current_dir(self.dir.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.home.path())
            .env("XDG_CONFIG_HOME", self.home.path())
            .env("PATH", std::env::join_paths(dirs).unwrap())
            .env_remove("GIT_EXTERNAL_DIFF")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env("GIT_PAGER", "cat")
            .env("LC_ALL", "C");
    }

    pub fn git(&self, args: &[&str]) -> Output {
        let mut c = Command::new("git");
        c.args(args);
        self.env(&mut c);
        c.output().unwrap()
    }

    pub fn ok(&self, args: &[&str]) -> String {
        let o = self.git(args);
        assert!(
            o.status.success(),
            "git {args:?}: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap()
    }

    /// Runs the built `cjm` at the top of the repository.
    pub fn cjm(&self, args: &[&str]) -> Output {
        self.cjm_in(self.dir.path(), args)
    }

    pub fn cjm_in(&self, dir: &Path, args: &[&str]) -> Output {
        let mut c = bin::cjm();
        c.args(args);
        self.env(&mut c);
        c.current_dir(dir);
        c.output().unwrap()
    }

    pub fn write(&self, p: &str, text: &str) {
        let path = self.path(p);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    /// Writes `map` in canonical form.
    pub fn write_map(&self, p: &str, map: &JourneyMap) {
        self.write(p, &cjm::format::write(map));
    }

    pub fn read_map(&self, p: &str) -> JourneyMap {
        cjm::format::load(&fs::read(self.path(p)).unwrap())
            .unwrap()
            .map
    }

    /// Stages everything and commits with `message`, one day after the last commit.
    pub fn commit(&self, message: &str) -> String {
        self.commit_by(message, "Ada Reviewer", "ada@example.com")
    }

    /// `commit` with another author (the committer stays the repository's user).
    pub fn commit_by(&self, message: &str, author: &str, email: &str) -> String {
        let n = self.commits.get() + 1;
        self.commits.set(n);
        let date = day(n);
        self.ok(&["add", "-A"]);
        let mut c = Command::new("git");
        c.args(["commit", "-q", "-m", message]);
        self.env(&mut c);
        c.env("GIT_AUTHOR_DATE", &date)
            .env("GIT_COMMITTER_DATE", &date)
            .env("GIT_AUTHOR_NAME", author)
            .env("GIT_AUTHOR_EMAIL", email);
        let o = c.output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        self.ok(&["rev-parse", "--short", "HEAD"])
            .trim()
            .to_string()
    }
}

/// Noon, `n` days after 2026-01-01 (git accepts `@UNIXTIME ZONE`).
pub fn day(n: u32) -> String {
    let t = 1_767_268_800u64 + u64::from(n) * 86_400;
    format!("@{t} +0000")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}
