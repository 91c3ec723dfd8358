//! `cjm diff`: the semantic diff on the command line and as git's external diff.
//!
//! Exit codes follow `diff(1)`: 0 equal, 1 different, 2 trouble. A map that does not
//! load is trouble here (2), not a "no": the question was "do they differ?". Called
//! by git with its seven (or, for renames, nine) external-diff arguments, it always
//! exits 0, because git treats any other code as a failed diff and stops.

use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::path::Path;

use super::{io_reason, shown};
use crate::diff::comment::{self, Details, Limit};
use crate::diff::diff;
use crate::diff::render::{self, Format};
use crate::format;
use crate::model::JourneyMap;
use crate::text::display;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// OLD and NEW: map files, `-` for standard input, `/dev/null` for no map, or a
    /// git blob such as `HEAD:maps/x.ron`. Git's external-diff arguments
    /// (`path old-file old-hex old-mode new-file new-hex new-mode`) work too.
    /// With `--git`: BASE and HEAD revisions.
    #[arg(required_unless_present = "git", num_args = 0..=9, value_name = "OLD NEW")]
    pub args: Vec<OsString>,
    /// Review every map that changed between two revisions: `--git` alone is the
    /// merge base with the main branch against the work tree, `--git BASE` is BASE
    /// against the work tree, `--git BASE HEAD` two revisions; as in `git diff`,
    /// `--git A...B` is B against its merge base with A (what B's branch changed)
    /// and `--git A..B` is A against B. Maps are found by content; other `.ron`
    /// files are left out.
    #[arg(long)]
    pub git: bool,
    /// `text` for a terminal, `markdown` for a pull-request comment.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Stop the output before N characters (counted in UTF-8 bytes), ending it
    /// with how many changes were left out and the command that shows them all;
    /// 0 for no limit. Markdown stops before 60000 unless told (GitHub refuses a
    /// comment over 65536); text has no limit unless told.
    #[arg(long, value_name = "N", value_parser = parse_max_chars)]
    pub max_chars: Option<usize>,
    #[command(flatten)]
    pub out: super::output::Output,
}

/// The smallest limit that still holds a few lines and the line saying what was
/// left out.
const MIN_MAX_CHARS: usize = 500;

fn parse_max_chars(s: &str) -> Result<usize, String> {
    let n: usize = s
        .parse()
        .map_err(|_| format!("`{s}` is not a number of characters"))?;
    if n != 0 && n < MIN_MAX_CHARS {
        return Err(format!(
            "{n} is too small to hold the line saying what was left out; give {MIN_MAX_CHARS} or more, or 0 for no limit"
        ));
    }
    Ok(n)
}

/// The size limit in force: `--max-chars` (0 is none), else Markdown's default.
fn max_chars(a: &Args) -> Option<usize> {
    match (a.max_chars, a.format) {
        (Some(0), _) => None,
        (Some(n), _) => Some(n),
        (None, Format::Markdown) => Some(crate::diff::budget::MARKDOWN_LIMIT),
        (None, Format::Text) => None,
    }
}

/// The command that shows the whole diff in a terminal: this one, as text and
/// without a limit. An argument a shell would split or expand is single-quoted.
fn see_all(a: &Args) -> String {
    let quote = |s: &OsStr| {
        let s = s.to_string_lossy();
        let plain = !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "_-./:@^~+=,%".contains(c));
        if plain {
            s.into_owned()
        } else {
            format!("'{}'", s.replace('\'', "'\\''"))
        }
    };
    let mut cmd = String::from("cjm diff");
    if a.git {
        cmd.push_str(" --git");
    }
    for arg in &a.args {
        cmd.push(' ');
        cmd.push_str(&quote(arg));
    }
    cmd
}

pub fn run(a: Args) -> anyhow::Result<u8> {
    let cmd = see_all(&a);
    let limit = Limit {
        max: max_chars(&a),
        see_all: &cmd,
    };
    if a.git {
        return super::review::run(&a.args, a.format, &limit, &a.out);
    }
    // Git's external diff writes to git's pager; `-o` is for a person's OLD NEW.
    if a.out.output.is_some() && a.args.len() != 2 {
        anyhow::bail!(
            "-o is for `cjm diff OLD NEW` and `cjm diff --git`; git's external diff writes to standard output"
        );
    }
    match a.args.as_slice() {
        [old, new] => {
            let old_map = side(old)?;
            let new_map = side(new)?;
            let changes = diff(&old_map, &new_map);
            let record = crate::diff::conflicts::record_change(&old_map, &new_map);
            let mut text = record
                .as_deref()
                .map(|r| record_line(r, a.format))
                .unwrap_or_default();
            text.push_str(&rendered(&old_map, &new_map, &changes, a.format, &limit));
            a.out.write(text)?;
            Ok(u8::from(!changes.is_empty() || record.is_some()))
        }
        [path, old, _, _, new, _, _] => {
            external(path, path, old, new, a.format);
            Ok(0)
        }
        // A rename: git adds the new path and its "similarity index" lines.
        [path, old, _, _, new, _, _, new_path, _] => {
            external(path, new_path, old, new, a.format);
            Ok(0)
        }
        // Git calls the external diff with the path alone for an unmerged file.
        [path] if std::env::var_os("GIT_DIFF_PATH_TOTAL").is_some() => {
            println!("* Unmerged path {}", shown(Path::new(path)));
            Ok(0)
        }
        _ => anyhow::bail!(
            "diff takes OLD NEW (or git's seven external-diff arguments); got {} argument(s)",
            a.args.len()
        ),
    }
}

/// The change to a map's record of merge conflicts, as a line of its own.
fn record_line(words: &str, f: Format) -> String {
    match f {
        Format::Text => format!("!! {words}\n"),
        Format::Markdown => format!("**{}**\n\n", render::md(words)),
    }
}

/// The emotion moves per stage, then the details (in Markdown after the counts).
fn rendered(
    old: &JourneyMap,
    new: &JourneyMap,
    changes: &[crate::diff::Change],
    f: Format,
    limit: &Limit,
) -> String {
    let emotions = crate::diff::summary::emotions(old, new);
    let summary = crate::diff::summary::summarise(changes);
    let d = Details {
        changes,
        summary: &summary,
        emotions: &emotions,
    };
    match f {
        Format::Text => comment::diff_text(&d, limit),
        Format::Markdown => comment::diff_markdown(&d, limit),
    }
}

/// Git's external diff: a header naming the path (both paths for a rename), then
/// the changes. Git sends every `.ron` file here, maps or not: another tool's
/// `.ron` gets a plain text diff, a map that does not load on one side says why
/// (naming its real path, never git's temporary copy) and shows its text diff.
/// Trouble is reported but never fails git's own command.
fn external(old_path: &OsStr, new_path: &OsStr, old: &OsStr, new: &OsStr, f: Format) {
    let (a, b) = (shown(Path::new(old_path)), shown(Path::new(new_path)));
    let mut out = match f {
        Format::Text if a == b => format!("diff --cjm a/{a} b/{b}\n"),
        Format::Text => format!("diff --cjm a/{a} b/{b}\nrenamed {a} → {b}\n"),
        Format::Markdown if a == b => format!("#### {}\n\n", render::md(&a)),
        Format::Markdown => format!("#### {}\n\n", render::md(&format!("{a} → {b}"))),
    };
    out.push_str(&external_body((old_path, old), (new_path, new), f));
    let _ = std::io::stdout().write_all(out.as_bytes());
}

/// What follows the header: the semantic diff of two maps, or a text diff.
fn external_body(old: (&OsStr, &OsStr), new: (&OsStr, &OsStr), f: Format) -> String {
    let (old_bytes, new_bytes) = match (external_side(old), external_side(new)) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("cjm: {e}");
            return format!("(cannot compare: {e})\n");
        }
    };
    let load = |b: &Option<Vec<u8>>| b.as_deref().map(format::load);
    let (lo, ln) = (load(&old_bytes), load(&new_bytes));
    if let (Some(Ok(_)) | None, Some(Ok(_)) | None) = (&lo, &ln) {
        let map = |l: Option<Result<format::Loaded, _>>| l.and_then(Result::ok).map(|l| l.map);
        let (o, n) = (map(lo).unwrap_or_default(), map(ln).unwrap_or_default());
        let changes = diff(&o, &n);
        let record = crate::diff::conflicts::record_change(&o, &n)
            .map(|r| record_line(&r, f))
            .unwrap_or_default();
        return if changes.is_empty() && !record.is_empty() {
            record
        } else if changes.is_empty() {
            "(no change to the map: formatting or comments only)\n".into()
        } else {
            let mut out = record;
            // Git runs this once per file and joins the outputs: a limit per
            // file would not bound the whole, so none is applied here.
            let limit = Limit {
                max: None,
                see_all: "",
            };
            out.push_str(&rendered(&o, &n, &changes, f, &limit));
            out
        };
    }
    let a_map = |b: &Option<Vec<u8>>, l: &Option<Result<format::Loaded, format::ReadError>>| {
        matches!(l, Some(Ok(_))) || b.as_deref().is_some_and(super::looks_like_map)
    };
    let mut body = String::new();
    if a_map(&old_bytes, &lo) || a_map(&new_bytes, &ln) {
        for (side, (path, _), l) in [("old", old, &lo), ("new", new, &ln)] {
            if let Some(Err(e)) = l {
                let name = shown(Path::new(path));
                let why = e.located(&name);
                eprintln!("cjm: warning: {why}");
                body.push_str(&format!(
                    "({name} does not load as a map on the {side} side: {why}; its text diff follows)\n"
                ));
            }
        }
    }
    body.push_str(&text_diff(
        old_bytes.as_deref().unwrap_or_default(),
        new_bytes.as_deref().unwrap_or_default(),
        (&shown(Path::new(old.0)), &shown(Path::new(new.0))),
        f,
    ));
    body
}

/// One side as git gives it: `/dev/null` is no file; an error names the real
/// path, not the temporary file git wrote.
fn external_side((path, file): (&OsStr, &OsStr)) -> Result<Option<Vec<u8>>, String> {
    if file == "/dev/null" {
        return Ok(None);
    }
    crate::files::read(Path::new(file))
        .map(|(b, _)| Some(b))
        .map_err(|e| e.about(Path::new(path)).to_string())
}

/// A unified diff of two texts, every line made safe to print; in Markdown a
/// fenced `diff` block whose fence no line of the text can close.
fn text_diff(old: &[u8], new: &[u8], (a, b): (&str, &str), f: Format) -> String {
    let (old, new) = (String::from_utf8_lossy(old), String::from_utf8_lossy(new));
    let d = similar::TextDiff::configure()
        .timeout(std::time::Duration::from_secs(5))
        .diff_lines(old.as_ref(), new.as_ref());
    let udiff = d
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{a}"), &format!("b/{b}"))
        .to_string();
    let mut lines = String::with_capacity(udiff.len());
    for l in udiff.lines() {
        lines.push_str(&display(l));
        lines.push('\n');
    }
    if lines.is_empty() {
        lines.push_str("(no change to the text)\n");
    }
    match f {
        Format::Text => lines,
        Format::Markdown => {
            let longest = lines.split(|c| c != '`').map(str::len).max().unwrap_or(0);
            let fence = "`".repeat(longest.max(2) + 1);
            format!("{fence}diff\n{lines}{fence}\n")
        }
    }
}

/// One side of a diff; `/dev/null` (git's "no file") is an empty map, so that an
/// added or removed file shows everything added or removed.
pub(super) fn side(spec: &OsStr) -> anyhow::Result<JourneyMap> {
    if spec == "/dev/null" {
        return Ok(JourneyMap::default());
    }
    let path = Path::new(spec);
    if spec != "-" && !path.exists() {
        let s = spec.to_string_lossy();
        if s.contains(':') && !s.starts_with('-') {
            let bytes = git_show(&s)?;
            return format::load(&bytes)
                .map(|l| l.map)
                .map_err(|e| anyhow::anyhow!(e.located(&s)));
        }
    }
    load_any(path)
}

/// Reads and loads a map; an invalid map is plain trouble (exit 2) here, unlike in
/// `check`, where it is the answer.
fn load_any(path: &Path) -> anyhow::Result<JourneyMap> {
    let (loaded, _, _) = crate::files::load(path).map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(loaded.map)
}

/// The content of a git blob (`REV:PATH`), for `cjm diff HEAD:maps/x.ron maps/x.ron`,
/// as a checkout would write it (smudge filters such as Git LFS applied); when
/// that fails, `git show` says why. A folder (`HEAD:maps`) or a commit is named
/// for what it is: git would hand over its raw listing, which is no map.
fn git_show(spec: &str) -> anyhow::Result<Vec<u8>> {
    if let Some(kind) = crate::git::object_type(Path::new("."), spec).filter(|t| t != "blob") {
        let what = match kind.as_str() {
            "tree" => "a folder (a git tree)".to_string(),
            "commit" => "a commit (name a file in it: REV:path/to/map.ron)".to_string(),
            other => format!("a git {}", display(other)),
        };
        anyhow::bail!("{}: is {what}, not a map file", display(spec));
    }
    match crate::git::checked_out(Path::new("."), spec, crate::files::MAX_INPUT) {
        Ok(crate::git::Object::Blob(b)) => return Ok(b),
        Ok(crate::git::Object::TooLarge) => {
            return Err(crate::files::FileError::new(
                Path::new(spec),
                crate::files::Problem::TooLarge,
            )
            .into());
        }
        _ => {}
    }
    match crate::git::show(Path::new("."), spec) {
        Ok(bytes) => Ok(bytes),
        Err(crate::git::ShowError::CannotRun(e)) => anyhow::bail!(
            "{}: no such file, and git could not run: {}",
            display(spec),
            io_reason(&e)
        ),
        Err(crate::git::ShowError::Refused(why)) => anyhow::bail!(
            "{}: no such file or git object ({})",
            display(spec),
            display(&why)
        ),
    }
}
