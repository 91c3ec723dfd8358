//! `cjm diff --git [BASE [HEAD]]`, or a range `A...B` or `A..B`: every map that
//! changed between two revisions, for a reviewer. Maps are found by content: a
//! changed `.ron` file is a map when one of its sides loads as one, or looks like
//! one (starts as a `JourneyMap`), so another tool's `.ron` configuration is left
//! out while a map broken on one side is still reported. A map that does not load
//! is said with the revision and `PATH:LINE:COL`, the rest of the review is still
//! produced, and the exit is 2 —
//! except when only the base is broken and the head loads (or has no such map):
//! that branch fixes the map, which is reviewed as a fix (the base's error, then
//! the map whole) or a removal, a change.

use std::fmt::Write;
use std::path::Path;

use crate::diff::comment::{self, Details, Limit, MapDiff};
use crate::diff::render::{Format, md};
use crate::diff::summary::{self, EmotionDelta, Summary};
use crate::diff::{Change, diff};
use crate::files::{FileError, Problem};
use crate::format;
use crate::git::{FileChange, Object, Repo};
use crate::model::JourneyMap;
use crate::text::display;

/// One side of the review: a commit, or the work tree.
struct Side {
    /// What the user calls it: the revision as typed, or "the work tree".
    label: String,
    commit: Option<String>,
}

enum Kind {
    Added,
    Removed,
    Renamed,
    Changed,
}

impl Kind {
    fn word(&self) -> &'static str {
        match self {
            Kind::Added => "added",
            Kind::Removed => "removed",
            Kind::Renamed => "renamed",
            Kind::Changed => "changed",
        }
    }
}

struct Entry {
    old_path: Option<String>,
    new_path: Option<String>,
    kind: Kind,
    outcome: Result<Compared, Vec<String>>,
    /// Why the base did not load (`PATH:LINE:COL: …`, safe to print), when the
    /// head does: the branch fixes the map, which is shown whole (against
    /// nothing) and is no trouble.
    base_error: Option<String>,
}

struct Compared {
    /// The merge conflicts the new side records, in words (unescaped).
    conflicts: Vec<String>,
    /// How the record of conflicts changed, when it did.
    record: Option<String>,
    changes: Vec<Change>,
    summary: Summary,
    emotions: Vec<EmotionDelta>,
}

impl Entry {
    /// "fixed" for a map that did not load at the base and does now.
    fn word(&self) -> &'static str {
        match (&self.base_error, &self.kind) {
            (Some(_), Kind::Removed) | (None, _) => self.kind.word(),
            (Some(_), _) => "fixed",
        }
    }

    fn name(&self) -> String {
        match (&self.old_path, &self.new_path) {
            (Some(a), Some(b)) if a != b => format!("{a} → {b}"),
            (_, Some(p)) | (Some(p), None) => p.clone(),
            (None, None) => String::new(),
        }
    }

    /// True when the map itself changed (a rename counts: the reviewer must see it).
    fn changed(&self) -> bool {
        match (&self.kind, &self.outcome) {
            (Kind::Changed, Ok(c)) => !c.changes.is_empty() || c.record.is_some(),
            _ => true,
        }
    }
}

/// Runs the review and prints it; the exit code is `cjm diff`'s.
pub fn run(
    revs: &[std::ffi::OsString],
    f: Format,
    limit: &Limit,
    out: &super::output::Output,
) -> anyhow::Result<u8> {
    let cwd = std::env::current_dir()
        .map_err(|e| anyhow::anyhow!("the current folder: {}", super::io_reason(&e)))?;
    let repo = Repo::discover(&cwd)?;
    let revs: Vec<String> = revs
        .iter()
        .map(|r| r.to_string_lossy().into_owned())
        .collect();
    let (base, head) = match revs.as_slice() {
        [] => (
            Side {
                label: "the merge base with the main branch".into(),
                commit: Some(repo.default_base()?),
            },
            work_tree(),
        ),
        [r] => sides(&repo, &spec(r))?,
        [b, h] => {
            if let Some(r) = [b, h]
                .into_iter()
                .find(|r| !matches!(spec(r), Spec::One(_)))
            {
                anyhow::bail!(
                    "{}: a range names both sides; give no second revision",
                    display(r)
                );
            }
            (side(&repo, b)?, side(&repo, h)?)
        }
        _ => anyhow::bail!("diff --git takes at most two revisions: BASE and HEAD"),
    };
    let base_commit = base.commit.clone().unwrap_or_default();
    let changes = repo.changes(&base_commit, head.commit.as_deref())?;
    let entries = entries(&repo, &changes, &base, &head)?;
    // A map that still records merge conflicts is not done: the review says so
    // first and, like a map that does not load, ends with 2 so CI fails.
    // The notes take at most a quarter of the size budget; the review the rest.
    let room = limit.max.map(|m| m / 4);
    let conflicted = conflict_notes(&entries, &head, f, room);
    let rest = Limit {
        max: limit
            .max
            .map(|m| m.saturating_sub(conflicted.len()).max(500)),
        see_all: limit.see_all,
    };
    let limit = &rest;
    let trouble = entries.iter().any(|e| e.outcome.is_err()) || !conflicted.is_empty();
    for e in &entries {
        if let Err(msgs) = &e.outcome {
            for m in msgs {
                eprintln!("cjm: {m}");
            }
        }
    }
    out.write(conflicted + &rendered(&entries, &base, &head, f, limit))?;
    Ok(if trouble {
        2
    } else {
        u8::from(entries.iter().any(Entry::changed))
    })
}

fn work_tree() -> Side {
    Side {
        label: "the work tree".into(),
        commit: None,
    }
}

fn side(repo: &Repo, rev: &str) -> anyhow::Result<Side> {
    Ok(Side {
        label: rev.to_string(),
        commit: Some(repo.commit(rev)?),
    })
}

/// A revision argument as `git diff` reads it.
#[derive(Debug, PartialEq, Eq)]
enum Spec<'a> {
    One(&'a str),
    /// `A..B`: A against B (for a diff, git means the two tips, not a log range).
    Tips(&'a str, &'a str),
    /// `A...B`: B against its merge base with A, i.e. what B's branch changed
    /// since it left A, whatever A did after.
    Branch(&'a str, &'a str),
}

/// Splits `A...B` and `A..B`; an empty side is HEAD, as in git. Git allows no
/// `..` in a branch or tag name, so a name cannot be split by mistake.
fn spec(arg: &str) -> Spec<'_> {
    fn head(r: &str) -> &str {
        if r.is_empty() { "HEAD" } else { r }
    }
    if let Some((a, b)) = arg.split_once("...") {
        Spec::Branch(head(a), head(b))
    } else if let Some((a, b)) = arg.split_once("..") {
        Spec::Tips(head(a), head(b))
    } else {
        Spec::One(arg)
    }
}

/// Both sides of one revision argument: a lone revision is compared with the
/// work tree; the base of `A...B` is found by `git merge-base`.
fn sides(repo: &Repo, range: &Spec<'_>) -> anyhow::Result<(Side, Side)> {
    Ok(match *range {
        Spec::One(b) => (side(repo, b)?, work_tree()),
        Spec::Tips(a, b) => (side(repo, a)?, side(repo, b)?),
        Spec::Branch(a, b) => {
            let base = repo.merge_base(a, b)?;
            (
                Side {
                    label: format!("the merge base with {a}"),
                    commit: Some(base),
                },
                side(repo, b)?,
            )
        }
    })
}

fn entries(
    repo: &Repo,
    changes: &[FileChange],
    base: &Side,
    head: &Side,
) -> anyhow::Result<Vec<Entry>> {
    let candidates: Vec<&FileChange> = changes
        .iter()
        .filter(|c| {
            [&c.old_path, &c.new_path]
                .into_iter()
                .flatten()
                .any(|p| p.ends_with(".ron"))
        })
        .collect();
    let mut names = Vec::new();
    for c in &candidates {
        names.extend(c.old_blob.clone());
        names.extend(c.new_blob.clone());
    }
    let mut blobs = repo.objects(&names, crate::files::MAX_INPUT)?.into_iter();
    let paths: Vec<&str> = candidates
        .iter()
        .flat_map(|c| [c.old_path.as_deref(), c.new_path.as_deref()])
        .flatten()
        .collect();
    let filtered = repo.filtered(&paths)?;
    // A filtered file's blob (a Git LFS pointer) is read as a checkout would. A
    // side git names but cannot give (too large, missing) is said, never taken
    // for an absent map.
    let content = |blob: Option<Object>, path: &str, side: &Side| -> anyhow::Result<Read> {
        let got = match &side.commit {
            Some(rev) if filtered.iter().any(|f| f == path) => {
                repo.smudged(rev, path, crate::files::MAX_INPUT)?
            }
            _ => blob.unwrap_or(Object::Missing),
        };
        Ok(match got {
            Object::Blob(b) => Read::Bytes(b),
            Object::TooLarge => {
                Read::Unreadable(FileError::new(Path::new(path), Problem::TooLarge).reason())
            }
            Object::Missing => Read::Unreadable("git cannot give its content".into()),
        })
    };
    let mut out = Vec::new();
    for c in candidates {
        let old = match (&c.old_path, &c.old_blob) {
            (Some(p), Some(_)) => content(blobs.next(), p, base)?,
            _ => Read::Absent,
        };
        let new = match (&c.new_path, &c.new_blob) {
            (Some(p), Some(_)) => content(blobs.next(), p, head)?,
            (Some(p), None) => read_work_tree(&repo.root, p),
            _ => Read::Absent,
        };
        let load = |r: &Read| match r {
            Read::Bytes(b) => Some(Ok(format::load(b).map(|l| l.map))),
            Read::Unreadable(why) => Some(Err(why.clone())),
            Read::Absent => None,
        };
        let (lo, ln) = (load(&old), load(&new));
        let base_broken = match &lo {
            Some(Ok(Err(e))) => Some(e.located(c.old_path.as_deref().unwrap_or_default())),
            _ => None,
        };
        let readable = [&old, &new]
            .into_iter()
            .any(|r| matches!(r, Read::Bytes(_)));
        let unreadable = [&old, &new]
            .into_iter()
            .any(|r| matches!(r, Read::Unreadable(_)));
        let is_map = matches!(lo, Some(Ok(Ok(_))))
            || matches!(ln, Some(Ok(Ok(_))))
            || old.bytes().is_some_and(super::looks_like_map)
            || new.bytes().is_some_and(super::looks_like_map)
            || (unreadable && !readable);
        if !is_map {
            continue;
        }
        let kind = match (&c.old_path, &c.new_path) {
            (None, _) => Kind::Added,
            (_, None) => Kind::Removed,
            (Some(a), Some(b)) if a != b => Kind::Renamed,
            _ => Kind::Changed,
        };
        let mut errors = Vec::new();
        let mut take = |r: Option<Result<Result<JourneyMap, format::ReadError>, String>>,
                        path: &Option<String>,
                        side: &Side| {
            let p = path.clone().unwrap_or_default();
            let why = match r {
                None => return Some(JourneyMap::default()),
                Some(Ok(Ok(m))) => return Some(m),
                Some(Ok(Err(e))) => e.located(&p),
                Some(Err(why)) => why,
            };
            errors.push(format!(
                "{} at {}: {}",
                display(&p),
                display(&side.label),
                why
            ));
            None
        };
        let om = take(lo, &c.old_path, base);
        let nm = take(ln, &c.new_path, head);
        let compared = |a: &JourneyMap, b: &JourneyMap| {
            let changes = diff(a, b);
            Compared {
                conflicts: b.conflicts.iter().map(|c| c.line()).collect(),
                record: crate::diff::conflicts::record_change(a, b),
                summary: summary::summarise(&changes),
                emotions: summary::emotions(a, b),
                changes,
            }
        };
        let mut base_error = None;
        let outcome = match (om, nm) {
            (Some(a), Some(b)) => Ok(compared(&a, &b)),
            (None, Some(b)) if base_broken.is_some() => {
                base_error = base_broken;
                Ok(compared(&JourneyMap::default(), &b))
            }
            _ => Err(errors),
        };
        out.push(Entry {
            old_path: c.old_path.clone(),
            new_path: c.new_path.clone(),
            kind,
            outcome,
            base_error,
        });
    }
    Ok(out)
}

/// One side of a changed file as read.
enum Read {
    /// Not on this side (added or removed).
    Absent,
    Bytes(Vec<u8>),
    /// There, but it cannot be read: why, safe to print.
    Unreadable(String),
}

impl Read {
    fn bytes(&self) -> Option<&[u8]> {
        match self {
            Read::Bytes(b) => Some(b),
            _ => None,
        }
    }
}

/// A work-tree file through `files` (its size limit). A file gone since git
/// listed it is absent; one that cannot be read is said.
fn read_work_tree(root: &Path, rel: &str) -> Read {
    match crate::files::read(&root.join(rel)) {
        Ok((b, _)) => Read::Bytes(b),
        Err(e) if matches!(&e.problem, Problem::Io(io) if io.kind() == std::io::ErrorKind::NotFound) => {
            Read::Absent
        }
        Err(e) => Read::Unreadable(e.reason()),
    }
}

/// The maps whose new side records unresolved merge conflicts, each conflict on
/// its own line (also on stderr), ahead of the review. Empty when there are none.
/// Within `room` bytes when given: the conflicts past it are counted, not listed
/// (stderr and `cjm check` list them all).
fn conflict_notes(entries: &[Entry], head: &Side, f: Format, room: Option<usize>) -> String {
    let mut o = String::new();
    let mut left_out = 0usize;
    // Room kept for the line that says how many were left out.
    let fits = |o: &String, line: &str| room.is_none_or(|r| o.len() + line.len() + 200 <= r);
    for e in entries {
        let Ok(c) = &e.outcome else { continue };
        if c.conflicts.is_empty() {
            continue;
        }
        let name = e.new_path.clone().unwrap_or_else(|| e.name());
        let n = c.conflicts.len();
        let head_line = format!(
            "{name} at {} holds {n} unresolved merge conflict{}; cjm check fails until {} resolved (open the map in cjm and press x)",
            head.label,
            if n == 1 { "" } else { "s" },
            if n == 1 { "it is" } else { "they are" }
        );
        eprintln!("cjm: {}", display(&head_line));
        let head_text = match f {
            Format::Text => format!("!! {}\n", display(&head_line)),
            Format::Markdown => format!("> [!WARNING]\n> {}\n", md(&head_line)),
        };
        if !fits(&o, &head_text) {
            left_out += n;
            for line in &c.conflicts {
                eprintln!("cjm:   {}", display(line));
            }
            continue;
        }
        o.push_str(&head_text);
        for line in &c.conflicts {
            eprintln!("cjm:   {}", display(line));
            let text = match f {
                Format::Text => format!("!!   {}\n", display(line)),
                Format::Markdown => format!("> - {}\n", md(line)),
            };
            if fits(&o, &text) {
                o.push_str(&text);
            } else {
                left_out += 1;
            }
        }
        o.push('\n');
    }
    if left_out > 0 {
        let more = format!(
            "{left_out} more conflict{} not listed here; `cjm check` on each map lists them all",
            if left_out == 1 { "" } else { "s" }
        );
        match f {
            Format::Text => {
                let _ = writeln!(o, "!! {more}\n");
            }
            Format::Markdown => {
                let _ = writeln!(o, "> [!WARNING]\n> {}\n", md(&more));
            }
        }
    }
    o
}

/// The maps that changed, handed to `comment` for the document.
fn rendered(entries: &[Entry], base: &Side, head: &Side, f: Format, limit: &Limit) -> String {
    let maps: Vec<MapDiff> = entries
        .iter()
        .filter(|e| e.changed())
        .map(|e| MapDiff {
            name: e.name(),
            kind: e.word(),
            base_error: e.base_error.clone(),
            record: e.outcome.as_ref().ok().and_then(|c| c.record.clone()),
            outcome: match &e.outcome {
                Ok(c) => Ok(Details {
                    changes: &c.changes,
                    summary: &c.summary,
                    emotions: &c.emotions,
                }),
                Err(msgs) => Err(msgs),
            },
        })
        .collect();
    match f {
        Format::Text => comment::review_text(&maps, &base.label, &head.label, limit),
        Format::Markdown => comment::review_markdown(&maps, &base.label, &head.label, limit),
    }
}

#[cfg(test)]
mod tests {
    use super::{super::looks_like_map, Spec, spec};

    #[test]
    fn ranges_are_split_as_git_diff_splits_them() {
        assert_eq!(spec("main...feature"), Spec::Branch("main", "feature"));
        assert_eq!(spec("origin/main..HEAD"), Spec::Tips("origin/main", "HEAD"));
        assert_eq!(spec("main..."), Spec::Branch("main", "HEAD"));
        assert_eq!(spec("..feature"), Spec::Tips("HEAD", "feature"));
        assert_eq!(spec("..."), Spec::Branch("HEAD", "HEAD"));
        assert_eq!(spec("v1.2"), Spec::One("v1.2"));
        assert_eq!(spec("HEAD~2"), Spec::One("HEAD~2"));
    }

    #[test]
    fn a_map_is_known_by_its_start_even_when_it_does_not_load() {
        assert!(looks_like_map(
            b"// the journey\nJourneyMap(\n  format: 1,\n  title: ,"
        ));
        assert!(looks_like_map(b"#![enable(implicit_some)]\nJourneyMap("));
        assert!(!looks_like_map(b"(name: \"ci\", jobs: [\"lint\"])\n"));
        assert!(!looks_like_map(b""));
        assert!(!looks_like_map(&[0xff, 0xfe, 0x00]));
    }
}
