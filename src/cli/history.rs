//! `cjm history FILE`: one row per commit that changed a map, following renames
//! (`git log --follow`), with each stage's mean emotion, the open pain points by
//! severity and the optimizations by status; in the terminal a sparkline per
//! stage shows which moments got better. CSV and JSON add every KPI's `current`
//! per commit, for a spreadsheet chart. Rows run oldest first, as a chart reads.
//!
//! A commit where the file does not load as a map is a row that says so
//! (`map did not load: PATH:LINE:COL …`) and a gap in the sparklines. That is
//! history, not trouble: the exit is 2 only when the newest revision does not
//! load, so one bad commit in the past does not fail every later run. A stage
//! removed along the way is said once, in the commit that removed it, as is
//! evidence that arrived or left and a move in cards' confidence. A map with
//! extra lanes (format 6) adds its cards per lane, and the lanes a commit added
//! or removed; a map without reads as before.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use crate::diff::render::md;
use crate::export::csv::neutralise;
use crate::files::{FileError, Problem};
use crate::format;
use crate::git::{Commit, Object, Repo};
use crate::model::wording::one_decimal as value;
use crate::model::{Confidence, JourneyMap, Level, Status};
use crate::text::display;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Csv,
    Json,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The map file, in the current repository.
    pub file: PathBuf,
    /// Only the commits after this revision (`REV..HEAD`).
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,
    /// Only the main line: a merged branch's own commits are left out, the merge
    /// is one row (`git log --first-parent`).
    #[arg(long)]
    pub first_parent: bool,
    /// `text` with sparklines for a terminal, `markdown` for a document, `csv` and
    /// `json` with every KPI's `current` per commit for a chart.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    #[command(flatten)]
    pub persona: super::persona::PersonaArg,
    #[command(flatten)]
    pub out: super::output::Output,
}

/// One commit's row: the map as it was, or why it could not be read
/// (`PATH:LINE:COL: …` or the size limit, safe to print).
pub struct Row {
    pub commit: Commit,
    pub map: Result<JourneyMap, String>,
}

/// A stage as a column: by id (it survives renames), named as it is last called.
pub struct Column {
    pub id: String,
    pub name: String,
}

pub fn run(a: Args) -> anyhow::Result<u8> {
    let cwd = std::env::current_dir()
        .map_err(|e| anyhow::anyhow!("the current folder: {}", super::io_reason(&e)))?;
    let repo = Repo::discover(&cwd)?;
    let rel = repo.relative(&cwd, &a.file)?;
    let mut rows = rows(&repo, &rel, a.since.as_deref(), a.first_parent)?;
    if let Some(query) = &a.persona.persona {
        // Named as the newest map that loads names her (so a persona not
        // there is an error listing those who are), then found in each
        // revision by her id.
        if let Some(newest) = rows.iter().rev().find_map(|r| r.map.as_ref().ok()) {
            let one = a.persona.apply(newest.clone(), &rel)?;
            let id = newest
                .find_persona(query)
                .and_then(|i| newest.persona_at(i))
                .map(|p| p.id.clone())
                .unwrap_or_default();
            rows = of_persona(&rows, &id, &one.persona.name);
        }
    }
    if rows.is_empty() {
        anyhow::bail!(
            "{}: no commit {}changed this file",
            display(&rel),
            if a.since.is_some() {
                "since that revision "
            } else {
                ""
            }
        );
    }
    let newest_broken = rows
        .last()
        .and_then(|r| r.map.as_ref().err().map(|e| (r, e)));
    if let Some((r, e)) = newest_broken {
        eprintln!(
            "cjm: {} at {}: {e}",
            display(&r.commit.path),
            display(&r.commit.short)
        );
    }
    let mut out = render(&rel, &rows, a.format);
    // CSV has no escapes: a terminal gets visible ones, a pipe or a file the exact bytes,
    // as with `cjm export --format csv`.
    if a.format == Format::Csv
        && a.out.to_stdout()
        && std::io::IsTerminal::is_terminal(&std::io::stdout())
        && let Some(safe) = crate::export::csv::for_terminal(&out)
    {
        out = safe;
        eprintln!(
            "cjm: note: control and bidi characters in the map are shown as escapes on this terminal; `-o FILE` or a pipe gives the exact bytes"
        );
    }
    a.out.write(out)?;
    Ok(if newest_broken.is_some() { 2 } else { 0 })
}

/// The commits that changed `rel`, oldest first, each with its map.
pub fn rows(
    repo: &Repo,
    rel: &str,
    since: Option<&str>,
    first_parent: bool,
) -> anyhow::Result<Vec<Row>> {
    let mut commits = repo.log_follow(rel, since, first_parent)?;
    commits.reverse();
    let names: Vec<String> = commits
        .iter()
        .map(|c| format!("{}:{}", c.hash, c.path))
        .collect();
    let mut blobs = repo.objects(&names, crate::files::MAX_INPUT)?;
    let paths: Vec<&str> = commits.iter().map(|c| c.path.as_str()).collect();
    let filtered = repo.filtered(&paths)?;
    // A filtered file's blob (a Git LFS pointer) is read as a checkout would.
    for (c, b) in commits.iter().zip(blobs.iter_mut()) {
        if filtered.contains(&c.path) {
            *b = repo.smudged(&c.hash, &c.path, crate::files::MAX_INPUT)?;
        }
    }
    Ok(commits
        .into_iter()
        .zip(blobs)
        .filter_map(|(c, b)| {
            let map = match b {
                Object::Blob(bytes) => format::load(&bytes)
                    .map(|l| l.map)
                    .map_err(|e| e.located(&c.path)),
                // Too large is said, never taken for the commit that deleted it.
                Object::TooLarge => {
                    Err(FileError::new(Path::new(&c.path), Problem::TooLarge).reason())
                }
                // The commit that deleted the file has nothing to show.
                Object::Missing => return None,
            };
            Some(Row { commit: c, map })
        })
        .collect())
}

/// Each commit's map as one persona's journey (docs/format.md#format-7-personas):
/// found by `id`, or by `name` in a revision from before she had one; a
/// revision without her keeps the items of every persona and no emotions, so
/// her curve has a gap there.
pub fn of_persona(rows: &[Row], id: &str, name: &str) -> Vec<Row> {
    rows.iter()
        .map(|r| Row {
            commit: r.commit.clone(),
            map: r.map.as_ref().map_err(Clone::clone).map(|m| {
                let at = m
                    .personas()
                    .position(|p| !id.is_empty() && p.id == id)
                    .or_else(|| m.find_persona(name));
                at.and_then(|i| m.for_persona(i)).unwrap_or_else(|| {
                    let mut none = m.for_persona(0).unwrap_or_else(|| m.clone());
                    for s in &mut none.stages {
                        s.emotions.clear();
                    }
                    none
                })
            }),
        })
        .collect()
}

/// The personas of the newest map that loads, as `(id, name)`, when it has
/// several: each gets her own emotion by stage.
fn personas(rows: &[Row]) -> Vec<(String, String)> {
    let newest = rows.iter().rev().find_map(|r| r.map.as_ref().ok());
    match newest {
        Some(m) if m.persona_count() > 1 => m
            .personas()
            .map(|p| (p.id.clone(), p.name.clone()))
            .collect(),
        _ => Vec::new(),
    }
}

/// Every stage that appears in any commit: the newest map's order first, then
/// stages that were removed along the way, newest first.
pub fn columns(rows: &[Row]) -> Vec<Column> {
    let mut cols: Vec<Column> = Vec::new();
    for r in rows.iter().rev() {
        if let Ok(m) = &r.map {
            for s in &m.stages {
                if !cols.iter().any(|c| c.id == s.id) {
                    cols.push(Column {
                        id: s.id.clone(),
                        name: s.name.clone(),
                    });
                }
            }
        }
    }
    cols
}

fn mean(m: &JourneyMap, id: &str) -> Option<f64> {
    m.stages
        .iter()
        .find(|s| s.id == id)
        .and_then(|s| s.curve_point())
        .filter(|v| v.is_finite())
}

fn pains(m: &JourneyMap) -> [(Level, usize); 3] {
    let n = |l: Level| {
        m.stages
            .iter()
            .flat_map(|s| &s.pain_points)
            .filter(|p| p.severity == l)
            .count()
    };
    [
        (Level::High, n(Level::High)),
        (Level::Medium, n(Level::Medium)),
        (Level::Low, n(Level::Low)),
    ]
}

fn statuses(m: &JourneyMap) -> Vec<(Status, usize)> {
    Status::ALL
        .iter()
        .map(|st| {
            let n = m
                .stages
                .iter()
                .flat_map(|s| &s.optimizations)
                .filter(|o| o.status == *st)
                .count();
            (*st, n)
        })
        .collect()
}

fn counted<T: Copy>(v: &[(T, usize)], label: impl Fn(T) -> &'static str) -> String {
    let parts: Vec<String> = v
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(t, n)| format!("{n} {}", label(*t)))
        .collect();
    if parts.is_empty() {
        "none".into()
    } else {
        parts.join(", ")
    }
}

pub use crate::model::wording::sparkline;

/// A stage at one commit.
#[derive(Clone, Copy, PartialEq)]
enum Cell {
    /// There, with its mean emotion (none without emotions).
    Score(Option<f64>),
    /// The map did not load at this commit; the stage was there before.
    Unknown,
    /// Removed by this commit.
    Gone,
    /// Not in the map: not added yet, or removed earlier.
    Absent,
}

/// The stage `id` at every commit, compared with the last map that loaded, so
/// a removal is one `Gone` and a broken commit is not taken for one.
fn cells(rows: &[Row], id: &str) -> Vec<Cell> {
    let mut was_there = false;
    rows.iter()
        .map(|r| match &r.map {
            Ok(m) => {
                let here = m.stages.iter().any(|s| s.id == id);
                let cell = match (here, was_there) {
                    (true, _) => Cell::Score(mean(m, id)),
                    (false, true) => Cell::Gone,
                    (false, false) => Cell::Absent,
                };
                was_there = here;
                cell
            }
            Err(_) if was_there => Cell::Unknown,
            Err(_) => Cell::Absent,
        })
        .collect()
}

/// One character per commit: the score's bar, `·` no score (no emotions, or
/// the map did not load), `×` the commit that removed the stage, blank where
/// the stage was not.
fn spark(cells: &[Cell]) -> String {
    cells
        .iter()
        .map(|c| match c {
            Cell::Score(v) => sparkline(&[*v]),
            Cell::Unknown => sparkline(&[None]),
            Cell::Gone => "×".into(),
            Cell::Absent => " ".into(),
        })
        .collect()
}

/// The first score and the last, or "removed" for a stage the newest map that
/// loaded does not have.
fn ends(rows: &[Row], cells: &[Cell]) -> (String, String) {
    let scores = || {
        cells.iter().filter_map(|c| match c {
            Cell::Score(v) => *v,
            _ => None,
        })
    };
    let first = value(scores().next());
    let removed = rows
        .iter()
        .zip(cells)
        .rev()
        .find(|(r, _)| r.map.is_ok())
        .is_some_and(|(_, c)| matches!(c, Cell::Gone | Cell::Absent));
    let last = if removed {
        "removed".into()
    } else {
        value(scores().next_back())
    };
    (first, last)
}

/// The stages a commit removed and added, against the last map before it that
/// loaded; nothing for the first.
fn stage_moves<'a>(
    prev: Option<&'a JourneyMap>,
    m: &'a JourneyMap,
) -> (Vec<&'a str>, Vec<&'a str>) {
    let Some(p) = prev else {
        return (Vec::new(), Vec::new());
    };
    let removed = p
        .stages
        .iter()
        .filter(|s| !m.stages.iter().any(|n| n.id == s.id))
        .map(|s| s.name.as_str())
        .collect();
    let added = m
        .stages
        .iter()
        .filter(|s| !p.stages.iter().any(|o| o.id == s.id))
        .map(|s| s.name.as_str())
        .collect();
    (removed, added)
}

/// The cards in each of the map's extra lanes (format 6), by id and title, in
/// the grid's order; empty for a map without extra lanes, whose history reads
/// as before.
fn lane_cards(m: &JourneyMap) -> Vec<(String, String, usize)> {
    m.extra_lanes()
        .into_iter()
        .map(|l| {
            let n = m.stages.iter().map(|s| s.lane_len(l)).sum();
            (l.key().to_string(), m.lane_title(l), n)
        })
        .collect()
}

/// `Frontstage 7 · Moments of truth 1`.
fn lane_line(m: &JourneyMap) -> String {
    lane_cards(m)
        .iter()
        .map(|(_, t, n)| format!("{t} {n}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The extra lanes a commit added and removed (by id, named by title).
fn lane_moves(prev: Option<&JourneyMap>, m: &JourneyMap) -> Vec<String> {
    let Some(p) = prev else {
        return Vec::new();
    };
    let gone = |a: &JourneyMap, b: &JourneyMap| -> Vec<String> {
        a.extra_lanes()
            .into_iter()
            .filter(|l| b.lane_def(*l).is_none())
            .map(|l| a.lane_title(l))
            .collect()
    };
    let mut out = Vec::new();
    for t in gone(p, m) {
        out.push(format!("lane removed: {t}"));
    }
    for t in gone(m, p) {
        out.push(format!("lane added: {t}"));
    }
    out
}

/// Every extra lane of any commit's map, by id, in order of first appearance
/// (newest map first), so each gets one CSV column.
fn all_lanes(rows: &[Row]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in rows.iter().rev() {
        if let Ok(m) = &r.map {
            for l in m.extra_lanes() {
                if !out.iter().any(|id| id == l.key()) {
                    out.push(l.key().to_string());
                }
            }
        }
    }
    out
}

/// True when some commit's map has an extra lane.
fn has_extra_lanes(rows: &[Row]) -> bool {
    rows.iter()
        .any(|r| r.map.as_ref().is_ok_and(|m| !m.extra_lanes().is_empty()))
}

/// What a commit did to the research, against the last map before it that
/// loaded: the entries it added and removed, and how many cards' confidence it
/// raised or lowered (as `cjm diff` counts them). Nothing for the first commit,
/// nor for maps that hold no evidence on either side.
fn evidence_moves(prev: Option<&JourneyMap>, m: &JourneyMap) -> Vec<String> {
    let Some(p) = prev else {
        return Vec::new();
    };
    if !p.has_evidence() && !m.has_evidence() {
        return Vec::new();
    }
    let ids = |a: &JourneyMap, b: &JourneyMap| -> Vec<String> {
        a.evidence
            .iter()
            .filter(|e| b.evidence_by_id(&e.id).is_none())
            .map(|e| format!("{} ({})", e.id, e.source.label()))
            .collect()
    };
    let mut out = Vec::new();
    let (added, removed) = (ids(m, p), ids(p, m));
    if !added.is_empty() {
        out.push(format!("evidence added: {}", added.join(", ")));
    }
    if !removed.is_empty() {
        out.push(format!("evidence removed: {}", removed.join(", ")));
    }
    let s = crate::diff::summary::summarise(&crate::diff::diff(p, m));
    let moved: Vec<String> = [(s.confidence_rose, "rose"), (s.confidence_fell, "fell")]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| format!("{n} {w}"))
        .collect();
    if !moved.is_empty() {
        out.push(format!("confidence: {}", moved.join(", ")));
    }
    out
}

pub fn render(rel: &str, rows: &[Row], f: Format) -> String {
    match f {
        Format::Text => text(rel, rows),
        Format::Markdown => markdown(rel, rows),
        Format::Csv => csv(rows),
        Format::Json => json(rel, rows),
    }
}

fn text(rel: &str, rows: &[Row]) -> String {
    let cols = columns(rows);
    let n = rows.len();
    let mut o = format!(
        "{}: {n} commit{}, oldest first\n",
        display(rel),
        if n == 1 { "" } else { "s" }
    );
    let mut prev: Option<&JourneyMap> = None;
    for r in rows {
        let c = &r.commit;
        let _ = writeln!(
            o,
            "\n{}  {}  {}  {}",
            display(&c.short),
            display(&c.date),
            display(&c.author),
            display(&c.subject)
        );
        match &r.map {
            Ok(m) => {
                let (removed, added) = stage_moves(prev, m);
                for s in removed {
                    let _ = writeln!(o, "  stage removed: {}", display(s));
                }
                for s in added {
                    let _ = writeln!(o, "  stage added: {}", display(s));
                }
                for line in lane_moves(prev, m) {
                    let _ = writeln!(o, "  {}", display(&line));
                }
                for line in evidence_moves(prev, m) {
                    let _ = writeln!(o, "  {}", display(&line));
                }
                prev = Some(m);
                if m.persona_count() > 1 {
                    for (_, p, points) in m.curves() {
                        let em: Vec<String> = m
                            .stages
                            .iter()
                            .zip(points)
                            .map(|(s, v)| {
                                format!(
                                    "{} {}",
                                    display(&s.name),
                                    value(v.filter(|v| v.is_finite()))
                                )
                            })
                            .collect();
                        let _ =
                            writeln!(o, "  emotion of {}: {}", display(&p.name), em.join(" · "));
                    }
                } else {
                    let em: Vec<String> = m
                        .stages
                        .iter()
                        .map(|s| format!("{} {}", display(&s.name), value(mean(m, &s.id))))
                        .collect();
                    let _ = writeln!(o, "  emotion: {}", em.join(" · "));
                }
                let _ = writeln!(
                    o,
                    "  open pain points: {}",
                    counted(&pains(m), Level::label)
                );
                let _ = writeln!(
                    o,
                    "  optimizations: {}",
                    counted(&statuses(m), Status::label)
                );
                if !m.extra_lanes().is_empty() {
                    let _ = writeln!(o, "  cards by lane: {}", display(&lane_line(m)));
                }
            }
            Err(e) => {
                let _ = writeln!(o, "  map did not load: {e}");
            }
        }
    }
    let people = personas(rows);
    if people.is_empty() {
        o.push_str("\nemotion by stage, oldest → newest\n");
        sparks(&mut o, rows, &cols);
    }
    for (id, name) in &people {
        let _ = writeln!(
            o,
            "\nemotion of {} by stage, oldest → newest",
            display(name)
        );
        sparks(&mut o, &of_persona(rows, id, name), &cols);
    }
    o
}

/// One sparkline per stage with its first and last score.
fn sparks(o: &mut String, rows: &[Row], cols: &[Column]) {
    let width = cols
        .iter()
        .map(|c| unicode_width::UnicodeWidthStr::width(display(&c.name).as_ref()))
        .max()
        .unwrap_or(0);
    for c in cols {
        let cells = cells(rows, &c.id);
        let name = display(&c.name);
        let pad = width.saturating_sub(unicode_width::UnicodeWidthStr::width(name.as_ref()));
        let (first, last) = ends(rows, &cells);
        let _ = writeln!(
            o,
            "  {name}{}  {}  {first} → {last}",
            " ".repeat(pad),
            spark(&cells),
        );
    }
}

fn markdown(rel: &str, rows: &[Row]) -> String {
    let cols = columns(rows);
    let mut o = format!(
        "## History of {}\n\n| Commit | Date | Author | Subject |",
        md(rel)
    );
    for c in &cols {
        let _ = write!(o, " {} |", md(&c.name));
    }
    o.push_str(" Open pain points | Optimizations |");
    // A column for the extra lanes' cards only when some commit's map has one.
    let lanes = has_extra_lanes(rows);
    if lanes {
        o.push_str(" Cards by lane |");
    }
    // A column for the research only when some commit's map holds any.
    let research = holds_evidence(rows);
    if research {
        o.push_str(" Evidence |");
    }
    o.push_str("\n|");
    for _ in 0..cols.len() + 6 + usize::from(research) + usize::from(lanes) {
        o.push_str(" --- |");
    }
    o.push('\n');
    let mut prev: Option<&JourneyMap> = None;
    let per_stage: Vec<Vec<Cell>> = cols.iter().map(|c| cells(rows, &c.id)).collect();
    for (i, r) in rows.iter().enumerate() {
        let c = &r.commit;
        let _ = write!(
            o,
            "| `{}` | {} | {} | {} |",
            display(&c.short).replace('`', "'"),
            md(&c.date),
            md(&c.author),
            md(&c.subject)
        );
        match &r.map {
            Ok(m) => {
                for cells in &per_stage {
                    let cell = match cells.get(i) {
                        Some(Cell::Score(v)) => value(*v),
                        Some(Cell::Gone) => "removed".into(),
                        _ => String::new(),
                    };
                    let _ = write!(o, " {cell} |");
                }
                let _ = write!(
                    o,
                    " {} | {} |",
                    counted(&pains(m), Level::label),
                    counted(&statuses(m), Status::label)
                );
                if lanes {
                    let line = lane_line(m);
                    let _ = write!(
                        o,
                        " {} |",
                        if line.is_empty() {
                            "–".into()
                        } else {
                            md(&line)
                        }
                    );
                }
                if research {
                    let moves = evidence_moves(prev, m);
                    let cell = if moves.is_empty() {
                        "–".to_string()
                    } else {
                        md(&moves.join("; "))
                    };
                    let _ = write!(o, " {cell} |");
                }
                o.push('\n');
                prev = Some(m);
            }
            Err(e) => {
                for _ in &cols {
                    o.push_str(" – |");
                }
                let _ = write!(o, " map did not load: {} | – |", md(e));
                if lanes {
                    o.push_str(" – |");
                }
                if research {
                    o.push_str(" – |");
                }
                o.push('\n');
            }
        }
    }
    let people = personas(rows);
    if people.is_empty() {
        o.push_str("\n**Emotion by stage**, oldest → newest\n\n");
        md_sparks(&mut o, rows, &cols, &per_stage);
    }
    for (id, name) in &people {
        let _ = write!(
            o,
            "\n**Emotion of {} by stage**, oldest → newest\n\n",
            md(name)
        );
        let theirs = of_persona(rows, id, name);
        let cells: Vec<Vec<Cell>> = cols.iter().map(|c| cells(&theirs, &c.id)).collect();
        md_sparks(&mut o, &theirs, &cols, &cells);
    }
    o
}

fn md_sparks(o: &mut String, rows: &[Row], cols: &[Column], per_stage: &[Vec<Cell>]) {
    for (c, cells) in cols.iter().zip(per_stage) {
        let gone = if ends(rows, cells).1 == "removed" {
            " (removed)"
        } else {
            ""
        };
        let _ = writeln!(o, "- {}: `{}`{gone}", md(&c.name), spark(cells));
    }
}

/// Every KPI by stage id and name, in order of first appearance (newest map
/// first), so each gets one column.
fn kpis(rows: &[Row]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for r in rows.iter().rev() {
        if let Ok(m) = &r.map {
            for s in &m.stages {
                for k in &s.metrics {
                    let key = (s.id.clone(), k.name.clone());
                    if !out.contains(&key) {
                        out.push(key);
                    }
                }
            }
        }
    }
    out
}

fn kpi(m: &JourneyMap, stage: &str, name: &str) -> Option<f64> {
    m.stages
        .iter()
        .find(|s| s.id == stage)
        .and_then(|s| s.metrics.iter().find(|k| k.name == name))
        .and_then(|k| k.current)
}

/// Wide CSV, one row per commit: emotion per stage (`emotion:ID`), open pain
/// points per severity, optimizations per status, KPI `current` per metric
/// (`kpi:ID:NAME`). Text cells a spreadsheet would run are neutralised.
fn csv(rows: &[Row]) -> String {
    let cols = columns(rows);
    let ks = kpis(rows);
    let mut header: Vec<String> = ["commit", "date", "author", "subject", "path"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    header.extend(cols.iter().map(|c| format!("emotion:{}", c.id)));
    header.extend(
        Level::ALL
            .iter()
            .rev()
            .map(|l| format!("pain_points:{}", l.label())),
    );
    header.extend(
        Status::ALL
            .iter()
            .map(|s| format!("optimizations:{}", s.name())),
    );
    header.extend(ks.iter().map(|(s, k)| format!("kpi:{s}:{k}")));
    // Cards per extra lane (`lane:ID`) only when some commit's map has one.
    let lanes = all_lanes(rows);
    header.extend(lanes.iter().map(|id| format!("lane:{id}")));
    // The research columns only when some commit's map holds evidence, so a
    // history without research keeps its columns.
    let research = holds_evidence(rows);
    if research {
        header.push("evidence".into());
        header.extend(
            Confidence::ALL
                .iter()
                .map(|c| format!("pain_points:{}", c.label())),
        );
    }
    header.push("error".into());
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(header.iter().map(|h| neutralise(h)));
    for r in rows {
        let c = &r.commit;
        let mut rec: Vec<String> = [&c.hash, &c.date, &c.author, &c.subject, &c.path]
            .iter()
            .map(|s| neutralise(s))
            .collect();
        match &r.map {
            Ok(m) => {
                let num = |v: Option<f64>| v.map(|v| format!("{v:.2}")).unwrap_or_default();
                rec.extend(cols.iter().map(|col| num(mean(m, &col.id))));
                rec.extend(pains(m).iter().map(|(_, n)| n.to_string()));
                rec.extend(statuses(m).iter().map(|(_, n)| n.to_string()));
                rec.extend(
                    ks.iter()
                        .map(|(s, k)| kpi(m, s, k).map(|v| v.to_string()).unwrap_or_default()),
                );
                rec.extend(lanes.iter().map(|id| {
                    let n: usize = m.stages.iter().map(|s| s.extra.items(id).len()).sum();
                    if m.lanes.iter().any(|d| d.id == *id) {
                        n.to_string()
                    } else {
                        String::new()
                    }
                }));
                if research {
                    rec.push(m.evidence.len().to_string());
                    rec.extend(m.pain_points_by_confidence().iter().map(|n| n.to_string()));
                }
                rec.push(String::new());
            }
            Err(e) => {
                let research_cells = if research {
                    1 + Confidence::ALL.len()
                } else {
                    0
                };
                let blanks =
                    cols.len() + 3 + Status::ALL.len() + ks.len() + lanes.len() + research_cells;
                rec.extend(std::iter::repeat_n(String::new(), blanks));
                rec.push(neutralise(e));
            }
        }
        let _ = w.write_record(&rec);
    }
    w.into_inner()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

/// True when some commit's map holds evidence.
fn holds_evidence(rows: &[Row]) -> bool {
    rows.iter()
        .any(|r| r.map.as_ref().is_ok_and(JourneyMap::has_evidence))
}

fn json(rel: &str, rows: &[Row]) -> String {
    use serde_json::{Map, Value, json};
    let commits: Vec<Value> = rows
        .iter()
        .map(|r| {
            let c = &r.commit;
            let mut o = Map::new();
            o.insert("commit".into(), json!(c.hash));
            o.insert("short".into(), json!(c.short));
            o.insert("date".into(), json!(c.date));
            o.insert("author".into(), json!(c.author));
            o.insert("subject".into(), json!(c.subject));
            o.insert("path".into(), json!(c.path));
            match &r.map {
                Ok(m) => {
                    let stages: Vec<Value> = m
                        .stages
                        .iter()
                        .map(|s| {
                            let kpis: Vec<Value> = s
                                .metrics
                                .iter()
                                .map(|k| {
                                    json!({"name": k.name, "current": k.current,
                                           "target": k.target, "unit": k.unit})
                                })
                                .collect();
                            json!({"id": s.id, "name": s.name,
                                   "emotion": mean(m, &s.id), "kpis": kpis})
                        })
                        .collect();
                    let p: Map<String, Value> = pains(m)
                        .iter()
                        .map(|(l, n)| (l.label().to_string(), json!(n)))
                        .collect();
                    let st: Map<String, Value> = statuses(m)
                        .iter()
                        .map(|(s, n)| (s.name().to_string(), json!(n)))
                        .collect();
                    o.insert("stages".into(), Value::Array(stages));
                    o.insert("pain_points".into(), Value::Object(p));
                    o.insert("optimizations".into(), Value::Object(st));
                    let lanes: Vec<Value> = lane_cards(m)
                        .into_iter()
                        .map(|(id, title, n)| json!({"id": id, "title": title, "cards": n}))
                        .collect();
                    if !lanes.is_empty() {
                        o.insert("lanes".into(), Value::Array(lanes));
                    }
                    if m.has_evidence() {
                        let by: Map<String, Value> = Confidence::ALL
                            .iter()
                            .zip(m.pain_points_by_confidence())
                            .map(|(c, n)| (c.label().to_string(), json!(n)))
                            .collect();
                        o.insert("evidence".into(), json!(m.evidence.len()));
                        o.insert("pain_points_by_confidence".into(), Value::Object(by));
                    }
                }
                Err(e) => {
                    o.insert("error".into(), json!(e));
                }
            }
            Value::Object(o)
        })
        .collect();
    let doc = json!({"path": rel, "commits": commits});
    crate::export::json::inert(&doc)
}

#[cfg(test)]
mod tests {
    use super::value;

    /// A score that is not a finite number never reads as one, and no score reads
    /// `-0.0`: the same words in `cjm history`, `cjm compare` and the diff.
    #[test]
    fn scores_that_are_not_numbers_read_as_none() {
        for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(value(Some(v)), "–", "{v}");
        }
        assert_eq!(value(Some(-0.0)), "0.0");
        assert_eq!(value(Some(3.25)), "3.2");
        assert_eq!(value(None), "–");
    }
}
