//! Reading a git repository through the user's own `git` command, so that their
//! configuration, worktrees, alternates and LFS filters all apply and cjm carries
//! no git library. Ground floor next to `files` (docs/architecture.md): it runs
//! processes and returns bytes and plain data; what the bytes mean is for the
//! layers above.
//!
//! Every git error comes back as a `GitError` whose text names what was asked
//! (the revision, the path) and git's own first line of complaint, made safe to
//! print. Blobs are read in one `git cat-file --batch` process, never one `git
//! show` per file: a review of hundreds of maps must not start hundreds of
//! processes.

use std::fmt;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

use crate::text::display;

/// A failed git command, or a question git cannot answer, in words.
#[derive(Debug)]
pub struct GitError(pub String);

impl fmt::Display for GitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for GitError {}

type Result<T> = std::result::Result<T, GitError>;

/// A repository found from a folder inside it; every command runs at its top.
#[derive(Debug, Clone)]
pub struct Repo {
    pub root: PathBuf,
}

/// What happened to one file between two revisions. Paths are relative to the
/// top of the repository, with `/` between folders, as git writes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    pub old_path: Option<String>,
    pub new_path: Option<String>,
    /// The blob on each side; `None` for a side that is the work tree (read the
    /// file) or absent.
    pub old_blob: Option<String>,
    pub new_blob: Option<String>,
}

/// One commit as `git log` describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    pub hash: String,
    pub short: String,
    /// `YYYY-MM-DD`, the author date.
    pub date: String,
    pub author: String,
    pub subject: String,
    /// The file's path at this commit (it changes across renames).
    pub path: String,
}

/// Who last changed each line of a file, as `git blame` says: the commit of
/// every line, so a command can take the newest among an element's lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Blame {
    /// One entry a line, line 1 first: an index into `commits`.
    pub lines: Vec<usize>,
    pub commits: Vec<BlameCommit>,
}

/// One commit `git blame` names, or the work tree's lines not committed yet
/// (git's all-zero id).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BlameCommit {
    pub hash: String,
    /// As `git log --format=%h` abbreviates it (long enough to be unique).
    pub short: String,
    pub author: String,
    pub email: String,
    /// Seconds since 1970, as git records them: which commit is newer.
    pub author_time: i64,
    pub committer_time: i64,
    /// The author date in the author's zone, ISO 8601 as git writes it (`%aI`:
    /// `2026-11-02T14:05:00+01:00`); empty for lines not committed.
    pub date: String,
    pub summary: String,
}

impl BlameCommit {
    /// False for lines changed in the work tree (or staged) and not committed.
    pub fn committed(&self) -> bool {
        !no_blob(&self.hash)
    }

    /// The author day, `YYYY-MM-DD`, as `git log --format=%as` gives it.
    pub fn day(&self) -> &str {
        self.date.get(..10).unwrap_or(&self.date)
    }
}

/// What git holds under one name, as `objects` and `smudged` read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Object {
    Blob(Vec<u8>),
    /// No such object, or not a file's content (a folder).
    Missing,
    /// Larger than the limit asked for: skipped, never held in memory.
    TooLarge,
}

/// Git writes an all-zero id for "no blob" (the work tree, or an absent side):
/// 40 zeros in a SHA-1 repository, 64 in a SHA-256 one.
fn no_blob(id: &str) -> bool {
    id.bytes().all(|b| b == b'0')
}

/// A full commit id: 40 (SHA-1) or 64 (SHA-256) hex digits.
fn full_hash(s: &str) -> bool {
    matches!(s.len(), 40 | 64) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

impl Repo {
    /// The repository that holds `dir`, or a clear error when there is none (or
    /// git cannot run at all).
    pub fn discover(dir: &Path) -> Result<Repo> {
        let out = raw(dir, &["rev-parse", "--show-toplevel"])?;
        if !out.status.success() {
            return Err(GitError(format!(
                "{}: not inside a git repository ({})",
                display(&dir.to_string_lossy()),
                first_line(&out.stderr)
            )));
        }
        let top = String::from_utf8_lossy(&out.stdout).trim_end().to_string();
        Ok(Repo {
            root: PathBuf::from(top),
        })
    }

    /// Runs `git ARGS` at the top of the repository and returns its standard
    /// output; a failure says what was asked and git's complaint.
    pub fn run(&self, args: &[&str], what: &str) -> Result<Vec<u8>> {
        let out = raw(&self.root, args)?;
        if out.status.success() {
            Ok(out.stdout)
        } else {
            Err(GitError(format!("{what}: {}", first_line(&out.stderr))))
        }
    }

    /// The full commit id of a revision, or "no such revision".
    pub fn commit(&self, rev: &str) -> Result<String> {
        if rev.starts_with('-') {
            return Err(GitError(format!("{}: not a revision", display(rev))));
        }
        let spec = format!("{rev}^{{commit}}");
        let out = raw(&self.root, &["rev-parse", "--verify", "--quiet", &spec])?;
        if !out.status.success() {
            return Err(GitError(format!(
                "{}: no such revision in {}",
                display(rev),
                display(&self.root.to_string_lossy())
            )));
        }
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
    }

    /// The default base of a review: where HEAD left the main branch (the remote's
    /// default branch when known, else `main`, `master`, or their `origin/` copies).
    pub fn default_base(&self) -> Result<String> {
        let mut candidates = Vec::new();
        if let Ok(o) = self.run(
            &["symbolic-ref", "--quiet", "refs/remotes/origin/HEAD"],
            "origin/HEAD",
        ) {
            let r = String::from_utf8_lossy(&o).trim().to_string();
            if !r.is_empty() {
                candidates.push(r);
            }
        }
        for c in ["main", "master", "origin/main", "origin/master"] {
            candidates.push(c.to_string());
        }
        for c in &candidates {
            if self.commit(c).is_ok() {
                return self.merge_base(c, "HEAD");
            }
        }
        Err(GitError(
            "no main branch to compare with (tried origin/HEAD, main, master); name the base revision"
                .into(),
        ))
    }

    /// What `git diff A...B` compares B with: the best common ancestor of two
    /// revisions (`git merge-base`). An unknown revision is named; two histories
    /// that share no commit are said as such.
    pub fn merge_base(&self, a: &str, b: &str) -> Result<String> {
        let (ca, cb) = (self.commit(a)?, self.commit(b)?);
        let out = raw(&self.root, &["merge-base", &ca, &cb])?;
        let base = String::from_utf8_lossy(&out.stdout).trim().to_string();
        if out.status.success() && !base.is_empty() {
            return Ok(base);
        }
        // Exit 1 and no complaint is git's "no common ancestor".
        if out.status.code() == Some(1) && out.stderr.trim_ascii().is_empty() {
            return Err(GitError(format!(
                "{}...{}: {} and {} have no commit in common",
                display(a),
                display(b),
                display(a),
                display(b)
            )));
        }
        Err(GitError(format!(
            "merge base of {} and {}: {}",
            display(a),
            display(b),
            first_line(&out.stderr)
        )))
    }

    /// The files that differ between `base` and `head` (the work tree when
    /// `None`, untracked files included), renames detected as git does.
    pub fn changes(&self, base: &str, head: Option<&str>) -> Result<Vec<FileChange>> {
        let mut args = vec![
            "diff",
            "--raw",
            "-z",
            "-M",
            "--no-abbrev",
            "--no-ext-diff",
            "--no-textconv",
            base,
        ];
        if let Some(h) = head {
            args.push(h);
        }
        args.push("--");
        let out = self.run(&args, "git diff")?;
        let mut changes = parse_raw(&out);
        if head.is_none() {
            let untracked = self.run(
                &["ls-files", "-z", "--others", "--exclude-standard"],
                "git ls-files",
            )?;
            for p in untracked.split(|b| *b == 0).filter(|p| !p.is_empty()) {
                changes.push(FileChange {
                    old_path: None,
                    new_path: Some(String::from_utf8_lossy(p).into_owned()),
                    old_blob: None,
                    new_blob: None,
                });
            }
        }
        Ok(changes)
    }

    /// `REV:PATH`'s object id, asked as an argument (which may hold any byte).
    fn object_id(&self, name: &str) -> Option<String> {
        let out = raw(&self.root, &["rev-parse", "--verify", "--quiet", name]).ok()?;
        let id = String::from_utf8(out.stdout).ok()?;
        let id = id.trim();
        (out.status.success() && !id.is_empty()).then(|| id.to_string())
    }

    /// The content of each object (`<blob id>` or `<rev>:<path>`), in order,
    /// each read only within `limit`. One `git cat-file --batch` process.
    pub fn objects(&self, names: &[String], limit: u64) -> Result<Vec<Object>> {
        if names.is_empty() {
            return Ok(Vec::new());
        }
        let mut child = Command::new("git")
            .args(["cat-file", "--batch"])
            .current_dir(&self.root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| cannot_run(&e))?;
        let mut stdin = child
            .stdin
            .take()
            .ok_or_else(|| GitError("git cat-file: no input".into()))?;
        // The batch protocol is one name a line: a name holding a line feed (a
        // file named so) is asked for by its object id, found beforehand.
        let request: String = names
            .iter()
            .map(|n| {
                if n.contains('\n') {
                    format!(
                        "{}\n",
                        self.object_id(n).unwrap_or_else(|| n.replace('\n', " "))
                    )
                } else {
                    format!("{n}\n")
                }
            })
            .collect();
        // Written from a thread: git answers while we still ask, and a full pipe
        // each way would otherwise stop both processes.
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(request.as_bytes());
        });
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| GitError("git cat-file: no output".into()))?;
        let mut r = BufReader::new(stdout);
        let mut out = Vec::with_capacity(names.len());
        for name in names {
            let mut header = String::new();
            r.read_line(&mut header)
                .map_err(|e| GitError(format!("git cat-file: {e}")))?;
            let header = header.trim_end_matches('\n');
            // The name comes back first and may hold spaces ("my map.ron"): read
            // the answer from the right.
            if header.is_empty() {
                return Err(GitError(format!(
                    "git cat-file: no answer for {}",
                    display(name)
                )));
            }
            if header.ends_with(" missing") || header.ends_with(" ambiguous") {
                out.push(Object::Missing);
                continue;
            }
            let mut fields = header.rsplitn(3, ' ');
            let (Some(size), Some(kind), Some(_)) = (fields.next(), fields.next(), fields.next())
            else {
                return Err(GitError(format!(
                    "git cat-file: bad header {}",
                    display(header)
                )));
            };
            let size: u64 = size
                .parse()
                .map_err(|_| GitError(format!("git cat-file: bad header {}", display(header))))?;
            // A folder (tree) or anything else that is not a file's content is
            // skipped, like an oversized blob.
            if size > limit || kind != "blob" {
                std::io::copy(&mut (&mut r).take(size + 1), &mut std::io::sink())
                    .map_err(|e| GitError(format!("git cat-file: {e}")))?;
                out.push(if kind == "blob" {
                    Object::TooLarge
                } else {
                    Object::Missing
                });
                continue;
            }
            let mut body = Vec::new();
            (&mut r)
                .take(size)
                .read_to_end(&mut body)
                .map_err(|e| GitError(format!("git cat-file: {e}")))?;
            if body.len() as u64 != size {
                return Err(GitError(format!(
                    "git cat-file: {} ended early",
                    display(name)
                )));
            }
            let mut nl = [0u8; 1];
            let _ = r.read_exact(&mut nl);
            out.push(Object::Blob(body));
        }
        let _ = writer.join();
        let _ = child.wait();
        Ok(out)
    }

    /// The paths (relative to the top) that have a `filter` attribute, such as
    /// Git LFS's: their blobs are not the file's content until git's smudge
    /// filter has run. One `git check-attr` for all of them.
    pub fn filtered(&self, paths: &[&str]) -> Result<Vec<String>> {
        let mut todo: Vec<&str> = paths.iter().copied().filter(|p| !p.is_empty()).collect();
        todo.sort_unstable();
        todo.dedup();
        if todo.is_empty() {
            return Ok(Vec::new());
        }
        let mut args = vec!["check-attr", "-z", "filter", "--"];
        args.extend(todo);
        let out = self.run(&args, "git check-attr")?;
        let fields: Vec<String> = out
            .split(|b| *b == 0)
            .map(|f| String::from_utf8_lossy(f).into_owned())
            .collect();
        Ok(fields
            .chunks(3)
            .filter_map(|c| match c {
                [path, _, value] if value != "unspecified" && value != "unset" => {
                    Some(path.clone())
                }
                _ => None,
            })
            .collect())
    }

    /// A file's content at a revision as a checkout would write it (`REV:PATH`,
    /// smudge filters applied), read only within `limit`.
    pub fn smudged(&self, rev: &str, path: &str, limit: u64) -> Result<Object> {
        checked_out(&self.root, &format!("{rev}:{path}"), limit)
    }

    /// The commits that changed `path` (relative to the top), newest first,
    /// following renames, merges included; after `since` when given
    /// (`since..HEAD`); with `first_parent`, the main line only (`--first-parent`).
    pub fn log_follow(
        &self,
        path: &str,
        since: Option<&str>,
        first_parent: bool,
    ) -> Result<Vec<Commit>> {
        let range = match since {
            Some(s) => format!("{}..HEAD", self.commit(s)?),
            None => "HEAD".to_string(),
        };
        let out = self.run(
            &[
                "log",
                "--follow",
                // A merge is a row when it changed the file against its first
                // parent: the state the main line got.
                "--diff-merges=first-parent",
                "--no-show-signature",
                "-z",
                "--name-only",
                "--no-ext-diff",
                // NUL between fields: git lets no NUL into a subject or a name.
                "--format=%H%x00%h%x00%as%x00%an%x00%s",
                // Or a repeat of the line above, which changes nothing.
                if first_parent {
                    "--first-parent"
                } else {
                    "--no-ext-diff"
                },
                &range,
                "--",
                path,
            ],
            "git log",
        )?;
        // A merge lists no names; it holds the file under the name it has in the
        // next newer commit.
        let mut commits = parse_log(&out);
        let mut known = path.to_string();
        for c in &mut commits {
            if c.path.is_empty() {
                c.path = known.clone();
            } else {
                known = c.path.clone();
            }
        }
        Ok(commits)
    }

    /// True when git tracks `path` (relative to the top): committed or staged.
    /// The path is taken literally, never as a pattern (`*`, `:` in a name).
    pub fn tracked(&self, path: &str) -> Result<bool> {
        let out = self.run(
            &["--literal-pathspecs", "ls-files", "-z", "--", path],
            "git ls-files",
        )?;
        Ok(out.split(|b| *b == 0).any(|p| p == path.as_bytes()))
    }

    /// Who last changed each line of `path` (relative to the top): in the work
    /// tree, or as of `rev`. Renames are followed (git's default), and lines
    /// moved within the file or from another file changed in the same commit
    /// keep the commit that wrote them (`-M -C`), so reordering stages or
    /// splitting a map does not make the mover their author. Lines of the
    /// file, never of its textconv (`cjm git-setup` sets `cjm show` as one,
    /// and git blame would otherwise number the outline's lines).
    pub fn blame(&self, path: &str, rev: Option<&str>) -> Result<Blame> {
        let mut args = vec!["blame", "--porcelain", "--no-textconv", "-M", "-C"];
        let commit;
        if let Some(r) = rev {
            commit = self.commit(r)?;
            args.push(&commit);
        }
        args.extend(["--", path]);
        let out = raw(&self.root, &args)?;
        if !out.status.success() {
            if rev.is_none() && self.commit("HEAD").is_err() {
                return Err(GitError(format!(
                    "{}: the repository has no commit yet; commit the map first",
                    display(path)
                )));
            }
            return Err(GitError(format!(
                "git blame {}: {}",
                display(path),
                first_line(&out.stderr)
            )));
        }
        let mut blame = parse_blame(&out.stdout);
        // Abbreviated and dated as `git log` does, in one process for every
        // commit: git's own words for its dates, in the author's zone.
        let committed: Vec<String> = blame
            .commits
            .iter()
            .filter(|c| c.committed())
            .map(|c| c.hash.clone())
            .collect();
        let mut known: std::collections::HashMap<String, (String, String)> =
            std::collections::HashMap::new();
        if !committed.is_empty() {
            let mut args = vec![
                "log",
                "--no-walk=unsorted",
                "--no-show-signature",
                "--format=%H%x00%h%x00%aI",
            ];
            args.extend(committed.iter().map(String::as_str));
            let out = self.run(&args, "git log")?;
            known = String::from_utf8_lossy(&out)
                .lines()
                .filter_map(|l| {
                    let mut f = l.split('\0');
                    let hash = f.next()?.to_string();
                    Some((hash, (f.next()?.to_string(), f.next()?.to_string())))
                })
                .collect();
        }
        for c in &mut blame.commits {
            match known.get(&c.hash) {
                Some((short, date)) => {
                    c.short = short.clone();
                    c.date = date.clone();
                }
                None => c.short = c.hash.chars().take(7).collect(),
            }
        }
        Ok(blame)
    }

    /// `path` (absolute or relative to `cwd`) as git names it: relative to the
    /// top, `/` between folders. A path outside the repository is an error.
    pub fn relative(&self, cwd: &Path, path: &Path) -> Result<String> {
        let abs = normalise(&cwd.join(path));
        let root = self
            .root
            .canonicalize()
            .unwrap_or_else(|_| self.root.clone());
        let real = real_prefix(&abs);
        let rel = real.strip_prefix(&root).map_err(|_| {
            GitError(format!(
                "{}: outside the repository at {}",
                display(&path.to_string_lossy()),
                display(&root.to_string_lossy())
            ))
        })?;
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if parts.is_empty() {
            return Err(GitError(format!(
                "{}: the top of the repository, not a file",
                display(&path.to_string_lossy())
            )));
        }
        Ok(parts.join("/"))
    }
}

/// `git cat-file --filters SPEC` run in `dir`: a blob as a checkout would write
/// it. The filter's output is streamed and refused one byte past `limit`, so a
/// filter that writes without end cannot fill the memory.
pub fn checked_out(dir: &Path, spec: &str, limit: u64) -> Result<Object> {
    let mut child = Command::new("git")
        .args(["cat-file", "--filters", spec])
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| cannot_run(&e))?;
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| GitError("git cat-file: no output".into()))?;
    let mut body = Vec::new();
    let read = stdout.take(limit.saturating_add(1)).read_to_end(&mut body);
    if body.len() as u64 > limit {
        let _ = child.kill();
        let _ = child.wait();
        return Ok(Object::TooLarge);
    }
    let status = child
        .wait()
        .map_err(|e| GitError(format!("git cat-file: {e}")))?;
    read.map_err(|e| GitError(format!("git cat-file {}: {e}", display(spec))))?;
    Ok(if status.success() {
        Object::Blob(body)
    } else {
        Object::Missing
    })
}

/// What kind of object `spec` names (`blob`, `tree`, `commit`), run in `dir`, if
/// git knows it.
pub fn object_type(dir: &Path, spec: &str) -> Option<String> {
    let out = Command::new("git")
        .args(["cat-file", "-t", spec])
        .current_dir(dir)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Why `show` gave no bytes: git could not start, or git said why (its first
/// line of complaint).
#[derive(Debug)]
pub enum ShowError {
    CannotRun(std::io::Error),
    Refused(String),
}

/// `git show --no-textconv SPEC` run in `dir`: the fallback when
/// `checked_out` cannot read an object, so git's own words say what is wrong.
pub fn show(dir: &Path, spec: &str) -> std::result::Result<Vec<u8>, ShowError> {
    let out = Command::new("git")
        .args(["show", "--no-textconv", spec])
        .current_dir(dir)
        .output()
        .map_err(ShowError::CannotRun)?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(ShowError::Refused(
            err.lines()
                .next()
                .unwrap_or("git show failed")
                .trim()
                .to_string(),
        ));
    }
    Ok(out.stdout)
}

/// `git merge-file` with these conflict labels (ours, base, theirs): git writes
/// the line merge into `ours` itself, as git's own merge does. The exit code is
/// the number of conflicts; the caller reads it.
pub fn merge_file(
    marker_size: impl fmt::Display,
    labels: [&str; 3],
    ours: &Path,
    base: &Path,
    theirs: &Path,
) -> std::io::Result<std::process::Output> {
    Command::new("git")
        .arg("merge-file")
        .arg(format!("--marker-size={marker_size}"))
        .args(["-L", labels[0], "-L", labels[1], "-L", labels[2]])
        .arg(ours)
        .arg(base)
        .arg(theirs)
        .output()
}

/// Runs git with `args` in `dir` for a command that reports git's own failure
/// itself (`cjm git-setup` reading and writing configuration).
pub fn output(dir: &Path, args: &[&str]) -> std::io::Result<std::process::Output> {
    Command::new("git").args(args).current_dir(dir).output()
}

/// Runs git in `dir`; only a git that cannot start at all is an error here.
fn raw(dir: &Path, args: &[&str]) -> Result<std::process::Output> {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| cannot_run(&e))
}

/// Why git did not start; the usual reason, no git at all, said plainly.
fn cannot_run(e: &std::io::Error) -> GitError {
    if e.kind() == std::io::ErrorKind::NotFound {
        GitError("git could not run: no `git` command found (is git installed and on PATH?)".into())
    } else {
        GitError(format!("git could not run: {e}"))
    }
}

fn first_line(stderr: &[u8]) -> String {
    let s = String::from_utf8_lossy(stderr);
    let line = s
        .lines()
        .map(|l| l.trim())
        .find(|l| !l.is_empty())
        .unwrap_or("git failed");
    display(line.trim_start_matches("fatal: ")).into_owned()
}

/// `..` and `.` removed without touching the disk.
fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The path with its longest existing ancestor resolved through symlinks, so
/// `/tmp/x` and `/private/tmp/x` compare equal; the missing rest is kept as typed.
fn real_prefix(p: &Path) -> PathBuf {
    let mut missing = Vec::new();
    let mut cur = p.to_path_buf();
    loop {
        if let Ok(real) = cur.canonicalize() {
            let mut out = real;
            for m in missing.iter().rev() {
                out.push(m);
            }
            return out;
        }
        match (cur.file_name().map(|f| f.to_os_string()), cur.parent()) {
            (Some(name), Some(parent)) => {
                missing.push(name);
                cur = parent.to_path_buf();
            }
            _ => return p.to_path_buf(),
        }
    }
}

/// `git diff --raw -z`: `:MODE MODE OLD NEW STATUS\0PATH\0[PATH\0]`.
fn parse_raw(out: &[u8]) -> Vec<FileChange> {
    let mut fields = out.split(|b| *b == 0).map(|f| String::from_utf8_lossy(f));
    let mut changes = Vec::new();
    while let Some(meta) = fields.next() {
        let parts: Vec<&str> = meta.trim_start_matches(':').split(' ').collect();
        let [_, _, old, new, status] = parts.as_slice() else {
            continue;
        };
        let blob = |b: &str| (!no_blob(b)).then(|| b.to_string());
        let kind = status.chars().next().unwrap_or('M');
        let Some(first) = fields.next().map(|f| f.into_owned()) else {
            break;
        };
        let (old_path, new_path) = match kind {
            'R' | 'C' => {
                let second = fields.next().map(|f| f.into_owned());
                (Some(first), second)
            }
            'A' => (None, Some(first)),
            'D' => (Some(first), None),
            _ => (Some(first.clone()), Some(first)),
        };
        changes.push(FileChange {
            old_blob: old_path.as_ref().and_then(|_| blob(old)),
            new_blob: new_path.as_ref().and_then(|_| blob(new)),
            old_path,
            new_path,
        });
    }
    changes
}

/// `git log -z --name-only` with `%H\0%h\0%as\0%an\0%s`: five NUL-separated
/// fields, then (after a NUL) the file's name starting with a newline, then the
/// next commit. NUL cannot occur in a subject or a name, so a subject cannot make
/// a row of its own; a record whose hash is not a full id ends the reading.
fn parse_log(out: &[u8]) -> Vec<Commit> {
    let text = String::from_utf8_lossy(out);
    let mut fields = text.split('\0').peekable();
    let mut commits = Vec::new();
    loop {
        // Empty fields between records are separators.
        while fields.next_if(|f| f.is_empty()).is_some() {}
        let Some(hash) = fields.next() else { break };
        if !full_hash(hash) {
            break;
        }
        let (Some(short), Some(date), Some(author), Some(subject)) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            break;
        };
        while fields.next_if(|f| f.is_empty()).is_some() {}
        // A merge may list no name: the next field is then the next commit.
        let path = fields
            .next_if(|f| f.starts_with('\n'))
            .map(|f| f.strip_prefix('\n').unwrap_or(f))
            .unwrap_or_default();
        commits.push(Commit {
            hash: hash.to_string(),
            short: short.to_string(),
            date: date.to_string(),
            author: author.to_string(),
            subject: subject.to_string(),
            path: path.to_string(),
        });
    }
    commits
}

/// `git blame --porcelain`: for every line a header `HASH ORIG FINAL [COUNT]`,
/// the commit's `key value` lines the first time it appears, then the line's
/// content after a tab. Only headers and keys are read; the content is the
/// caller's file. A header that is not a full hash is skipped, never a panic.
fn parse_blame(out: &[u8]) -> Blame {
    const MAX_BLAME_GAP: usize = 1 << 16;
    let mut blame = Blame::default();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut current: Option<usize> = None;
    for line in out.split(|b| *b == b'\n') {
        if line.first() == Some(&b'\t') {
            continue;
        }
        let line = String::from_utf8_lossy(line);
        let mut words = line.split(' ');
        let first = words.next().unwrap_or_default();
        if full_hash(first) {
            let Some(fin) = words.nth(1).and_then(|w| w.parse::<usize>().ok()) else {
                current = None;
                continue;
            };
            let at = *index.entry(first.to_string()).or_insert_with(|| {
                blame.commits.push(BlameCommit {
                    hash: first.to_string(),
                    ..BlameCommit::default()
                });
                blame.commits.len() - 1
            });
            current = Some(at);
            // Git writes lines in order; a number far past the end is not git's.
            if (1..=blame.lines.len() + MAX_BLAME_GAP).contains(&fin) {
                if blame.lines.len() < fin {
                    blame.lines.resize(fin, at);
                }
                if let Some(slot) = blame.lines.get_mut(fin - 1) {
                    *slot = at;
                }
            }
            continue;
        }
        let Some(c) = current.and_then(|i| blame.commits.get_mut(i)) else {
            continue;
        };
        let (key, value) = line.split_once(' ').unwrap_or((&line, ""));
        match key {
            "author" => c.author = value.to_string(),
            "author-mail" => {
                c.email = value
                    .strip_prefix('<')
                    .and_then(|v| v.strip_suffix('>'))
                    .unwrap_or(value)
                    .to_string();
            }
            "author-time" => c.author_time = value.parse().unwrap_or(0),
            "committer-time" => c.committer_time = value.parse().unwrap_or(0),
            "summary" => c.summary = value.to_string(),
            _ => {}
        }
    }
    blame
}

#[cfg(test)]
mod tests {
    use super::*;

    const NO_BLOB: &str = "0000000000000000000000000000000000000000";

    #[test]
    fn raw_diff_with_a_rename_an_add_and_a_change() {
        let a = "1111111111111111111111111111111111111111";
        let b = "2222222222222222222222222222222222222222";
        let raw = format!(
            ":100644 100644 {a} {b} R087\0old.ron\0new.ron\0:000000 100644 {NO_BLOB} {b} A\0x.ron\0:100644 100644 {a} {NO_BLOB} M\0y.ron\0"
        );
        let c = parse_raw(raw.as_bytes());
        assert_eq!(c.len(), 3);
        assert_eq!(c[0].old_path.as_deref(), Some("old.ron"));
        assert_eq!(c[0].new_path.as_deref(), Some("new.ron"));
        assert_eq!(c[1].old_path, None);
        assert_eq!(c[1].new_blob.as_deref(), Some(b));
        assert_eq!(c[2].new_blob, None, "the work tree side has no blob");
    }

    #[test]
    fn garbage_from_git_gives_nothing_rather_than_a_panic() {
        assert!(parse_raw(b":1 2\0\0\0x").is_empty());
        assert!(parse_log(b"\x1eabc\x1f\0\n").is_empty());
        assert!(parse_log(b"abc\0def\0\0\n").is_empty());
    }

    #[test]
    fn sha256_null_id_is_no_blob_too() {
        let a = "1".repeat(64);
        let zero = "0".repeat(64);
        let raw = format!(":100644 100644 {a} {zero} M\0m.ron\0");
        let c = parse_raw(raw.as_bytes());
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].old_blob.as_deref(), Some(a.as_str()));
        assert_eq!(c[0].new_blob, None, "the work tree side has no blob");
    }

    /// A subject may hold any byte but NUL; the separators of old (`\x1e`,
    /// `\x1f`) in it must neither forge a row nor lose the commit.
    #[test]
    fn a_subject_cannot_forge_or_hide_a_commit() {
        let h1 = "a".repeat(40);
        let h2 = "b".repeat(40);
        let forged =
            format!("tweak title\x1e{h2}\x1fdeadbee\x1f1999-12-31\x1fCEO\x1fApproved by legal");
        let out = format!(
            "{h1}\0aaaaaaa\02026-01-02\0Ada\0{forged}\0\nm.ron\0{h2}\0bbbbbbb\02026-01-01\0Bo\0one\x1ftwo\0\nold map.ron\0"
        );
        let c = parse_log(out.as_bytes());
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[0].hash, h1);
        assert_eq!(c[0].subject, forged);
        assert_eq!(c[0].path, "m.ron");
        assert_eq!(c[1].author, "Bo");
        assert_eq!(c[1].subject, "one\x1ftwo");
        assert_eq!(c[1].path, "old map.ron");
        // A merge with no name in between.
        let out = format!("{h1}\0a\0d\0A\0merge\0{h2}\0b\0d\0B\0s\0\nm.ron\0");
        let c = parse_log(out.as_bytes());
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[0].path, "");
        assert_eq!(c[1].path, "m.ron");
    }

    #[test]
    fn porcelain_blame_gives_each_line_its_commit() {
        let a = "a".repeat(40);
        let out = format!(
            "{a} 1 1 2\nauthor Ana Silva\nauthor-mail <ana@example.com>\nauthor-time 1796000000\ncommitter Ana Silva\ncommitter-time 1796000100\nsummary Start the map\nfilename m.ron\n\tJourneyMap(\n{a} 2 2\n\t    format: 1,\n{NO_BLOB} 3 3 1\nauthor Not Committed Yet\nauthor-mail <not.committed.yet>\nauthor-time 1796000200\nsummary Version of m.ron from m.ron\n\t{a} 9 9 is content, not a header\n"
        );
        let b = parse_blame(out.as_bytes());
        assert_eq!(b.lines, vec![0, 0, 1]);
        assert_eq!(b.commits[0].author, "Ana Silva");
        assert_eq!(b.commits[0].email, "ana@example.com");
        assert_eq!(b.commits[0].committer_time, 1_796_000_100);
        assert_eq!(b.commits[0].summary, "Start the map");
        assert!(b.commits[0].committed());
        assert!(!b.commits[1].committed());
        assert!(parse_blame(b"garbage\n\tline\n1 2 3\n").lines.is_empty());
    }

    #[test]
    fn dot_dot_is_resolved_before_the_repository_check() {
        assert_eq!(
            normalise(Path::new("/a/b/../c/./d")),
            PathBuf::from("/a/c/d")
        );
    }
}
