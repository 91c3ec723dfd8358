//! `cjm report PATH…`: one report across many maps. Finds the maps (folders are
//! searched recursively for `*.ron`), loads them in parallel through `files`, and
//! hands them to `report`, which orders everything itself: the output never
//! depends on which thread finished first.

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::files;
use crate::format;
use crate::format::rules::FILE_NAME as RULES_FILE;
use crate::model::Status;
use crate::report::{self, Failure, Filter, Format, Source};
use crate::text::display;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Map files and folders (searched recursively for `*.ron`); `-` reads a map
    /// from standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// List only this owner's optimizations in the action plan (`""`: those
    /// without an owner).
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,
    /// List only optimizations with this status in the action plan: idea,
    /// planned, in-progress, done or dropped.
    #[arg(long, value_name = "S", value_parser = parse_status)]
    pub status: Option<Status>,
    /// List done optimizations in the action plan too (without it they are
    /// counted in the summary, not listed, unless `--status done` asks for them).
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub persona: super::persona::PersonaArg,
    #[command(flatten)]
    pub out: super::output::Output,
}

/// Accepts the file's names (`InProgress`) and the spoken ones (`in-progress`,
/// `in progress`), in any case.
fn parse_status(s: &str) -> Result<Status, String> {
    let key = |t: &str| {
        t.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase()
    };
    Status::ALL
        .into_iter()
        .find(|st| key(st.name()) == key(s))
        .ok_or_else(|| "expected idea, planned, in-progress, done or dropped".to_string())
}

/// What became of one file.
enum Outcome {
    Map(Box<Source>),
    Failed(Failure),
    NotAMap(String),
    /// A team's `cjm.ron` (by name or by its `Config(` root): `check`'s business,
    /// neither a map nor a failure.
    Rules,
    /// Could not be read at all: listed with the failures (without a position),
    /// and the run exits 2.
    Trouble(Failure),
}

pub fn run(a: Args) -> anyhow::Result<u8> {
    let mut trouble = Vec::new();
    let mut passed_over = Vec::new();
    let found = find(&a.paths, &mut trouble, &mut passed_over);
    for p in &passed_over {
        eprintln!(
            "cjm: {}: not a regular file, skipped",
            display(&p.to_string_lossy())
        );
    }
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(8);
    let outcomes = report::par_map(&found, threads, |p| load(p));
    let mut sources = Vec::new();
    let mut failed = Vec::new();
    let mut skipped = Vec::new();
    let mut unreadable = 0;
    for o in outcomes {
        match o {
            Outcome::Map(s) => sources.push(*s),
            Outcome::Failed(f) => failed.push(f),
            Outcome::NotAMap(f) => skipped.push(f),
            Outcome::Rules => {}
            Outcome::Trouble(f) => {
                unreadable += 1;
                failed.push(f);
            }
        }
    }
    let sources = one_persona(&a.persona, sources)?;
    let filter = Filter {
        owner: a.owner.clone(),
        status: a.status,
        all: a.all,
    };
    let r = report::build(&sources, &filter, failed, skipped);
    for f in &r.skipped {
        eprintln!("cjm: warning: {}: not a journey map, skipped", display(f));
    }
    for f in &r.failed {
        eprintln!(
            "cjm: {}{}: {}",
            display(&f.file),
            f.at(),
            display(&f.message)
        );
    }
    for t in &trouble {
        eprintln!("cjm: {}", display(t));
    }
    let mut text = report::render(&r, a.format);
    if a.format == Format::Csv
        && a.out.to_stdout()
        && std::io::stdout().is_terminal()
        && let Some(safe) = crate::export::csv::for_terminal(&text)
    {
        text = safe;
        eprintln!(
            "cjm: note: control and bidi characters in the maps are shown as escapes on this terminal; `-o FILE` or a pipe gives the exact bytes"
        );
    }
    a.out.write(text)?;
    Ok(if !trouble.is_empty() || unreadable > 0 {
        2
    } else if !r.failed.is_empty() {
        1
    } else {
        0
    })
}

/// Each map as `--persona` asks: one map without that persona is trouble
/// that lists hers; among several, the maps without her are left out with a
/// warning, and trouble only when none has her.
fn one_persona(
    arg: &super::persona::PersonaArg,
    sources: Vec<Source>,
) -> anyhow::Result<Vec<Source>> {
    if arg.persona.is_none() {
        return Ok(sources);
    }
    if let [only] = sources.as_slice() {
        let map = arg.apply(only.map.clone(), &only.name)?;
        let name = only.name.clone();
        return Ok(vec![Source { name, map }]);
    }
    let total = sources.len();
    let mut kept = Vec::new();
    for s in sources {
        match arg.apply(s.map, &s.name) {
            Ok(map) => kept.push(Source { name: s.name, map }),
            Err(e) => eprintln!("cjm: warning: {e}; left out"),
        }
    }
    if kept.is_empty() && total > 0 {
        anyhow::bail!(
            "no map has the persona `{}`",
            display(arg.persona.as_deref().unwrap_or_default())
        );
    }
    Ok(kept)
}

/// The files to read, each folder's in name order, each file once however many
/// times the paths name it (`maps maps/x.ron`, a linked folder): by its real path.
/// Hidden folders (`.git`) and symbolic links to folders are not entered (no
/// loops), a team's `cjm.ron` is not a map to report on, and a FIFO, socket or
/// device found in a folder is passed over unopened (opening a FIFO would wait
/// for a writer forever). A path named on the command line that does not exist
/// is read anyway, so that it is listed with the maps that did not load.
fn find(
    paths: &[PathBuf],
    trouble: &mut Vec<String>,
    passed_over: &mut Vec<PathBuf>,
) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(p.clone());
            continue;
        }
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, &mut out, trouble, passed_over),
            _ => out.push(p.clone()),
        }
    }
    let mut seen = HashSet::new();
    let mut first = |p: &PathBuf| {
        p.as_os_str() == "-" || seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()))
    };
    out.retain(&mut first);
    passed_over.retain(&mut first);
    out
}

fn walk(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    trouble: &mut Vec<String>,
    passed_over: &mut Vec<PathBuf>,
) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            trouble.push(format!(
                "{}: {}",
                dir.to_string_lossy(),
                files::io_reason(&e)
            ));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Ok(meta) = std::fs::symlink_metadata(&p) else {
            continue;
        };
        if meta.is_dir() {
            if !name.starts_with('.') {
                walk(&p, out, trouble, passed_over);
            }
            continue;
        }
        if !name.ends_with(".ron") || name == RULES_FILE {
            continue;
        }
        // Through a symbolic link: what it points at decides. A broken link is
        // kept, to be listed as a file that could not be read.
        match std::fs::metadata(&p) {
            Ok(m) if !m.is_file() => passed_over.push(p),
            _ => out.push(p),
        }
    }
}

/// Loads one file. A file that does not load, does not say `JourneyMap`
/// anywhere and does not read as a map either is taken for another tool's `.ron`
/// and skipped; one that does is a broken map, reported with the reader's
/// position.
fn load(path: &Path) -> Outcome {
    let name = path.to_string_lossy().into_owned();
    if path.file_name().is_some_and(|n| n == RULES_FILE) {
        return Outcome::Rules;
    }
    let bytes = match files::read(path) {
        Ok((b, _)) => b,
        Err(e) => {
            return Outcome::Trouble(Failure {
                file: name,
                line: 0,
                col: 0,
                message: e.reason(),
            });
        }
    };
    match format::load(&bytes) {
        Ok(loaded) => Outcome::Map(Box::new(Source {
            name,
            map: loaded.map,
        })),
        Err(_) if format::rules::is_rules_file(path, &bytes) => Outcome::Rules,
        // A map written with an unnamed root that reads but breaks a validation
        // rule is a broken map, not another tool's file.
        Err(_)
            if !bytes.windows(10).any(|w| w == b"JourneyMap")
                && format::parse_bytes(&bytes).is_err() =>
        {
            Outcome::NotAMap(name)
        }
        Err(e) => {
            let mut message = e.message;
            if let Some(h) = &e.hint {
                message.push_str(&format!(" (hint: {h})"));
            }
            Outcome::Failed(Failure {
                file: name,
                line: e.pos.line,
                col: e.pos.col,
                message,
            })
        }
    }
}
