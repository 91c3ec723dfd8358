//! `cjm blame FILE`: for every element of a map (title, summary, objectives,
//! the persona's fields and entries, each stage's name and goal, every item of
//! every lane), the commit, author and date that last changed it, so "who made
//! this pain point high, and when?" has an answer.
//!
//! Git blames lines; the positioned reader says which lines each element spans
//! (`SourceMap::lines`), and the element gets the newest commit among them (by
//! author time, then committer time; lines not committed yet are newest of
//! all). Lines that hold only brackets, commas and a struct's name
//! (`PainPoint(`, `),`) are left out when the element has others: they are
//! alike in every item, so git's diff may hand one item's bracket to the next
//! item inserted beside it, which would make an untouched item look changed.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use crate::files::{self, FileError, Problem};
use crate::format;
use crate::git::{Blame, BlameCommit, Object, Repo};
use crate::model::{JourneyMap, Lane, Path as At, Stage, wording};
use crate::text::display;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The map file, in a git repository (tracked: committed or staged).
    pub file: PathBuf,
    /// Blame the map as it was at this revision instead of the work tree
    /// (FILE is then its path at that revision).
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
    /// `text` grouped by stage and lane for a person, `json` (one object per
    /// element) for tools.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    #[command(flatten)]
    pub out: super::output::Output,
}

/// Where an element sits, said for a person and for a tool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The stage's index and id; `None` for the map and the persona.
    pub stage: Option<(usize, String)>,
    pub lane: Option<Lane>,
    /// `title`, `name`, `goals`, …; `None` for an item of a lane.
    pub field: Option<&'static str>,
    pub index: Option<usize>,
    /// A persona after the first (format 7): her place in the map's personas
    /// and her id. The first persona's elements are the map's `persona`, as
    /// they always were.
    pub persona: Option<(usize, String)>,
}

/// One element of the map and who last changed it.
pub struct Entry {
    pub at: At,
    pub place: Place,
    /// The element as it reads on one line (`[high] Cannot tell …`), unescaped.
    pub text: String,
    /// Its lines in the file, first and last.
    pub lines: (u32, u32),
    /// An index into the blame's commits.
    pub commit: usize,
}

pub fn run(a: Args) -> anyhow::Result<u8> {
    let cwd = std::env::current_dir()
        .map_err(|e| anyhow::anyhow!("the current folder: {}", super::io_reason(&e)))?;
    let shown = display(&a.file.to_string_lossy()).into_owned();
    if a.file.as_os_str() == "-" {
        anyhow::bail!("blame needs a map file in a git repository, not standard input");
    }
    let (repo, rel, bytes) = match &a.rev {
        None => {
            // The file first: a map that does not load is the answer (exit 1),
            // whatever git would say.
            let (_, bytes, _) = files::load(&a.file)?;
            let folder = cwd
                .join(&a.file)
                .parent()
                .map_or_else(|| cwd.clone(), Path::to_path_buf);
            let repo = Repo::discover(&folder)
                .map_err(|e| anyhow::anyhow!("{shown}: not in a git repository ({e})"))?;
            let rel = repo.relative(&cwd, &a.file)?;
            if !repo.tracked(&rel)? {
                anyhow::bail!(
                    "{shown}: not tracked by git, so it has no history to blame (`git add` it, and commit it)"
                );
            }
            (repo, rel, bytes)
        }
        Some(rev) => {
            let repo = Repo::discover(&cwd)
                .map_err(|e| anyhow::anyhow!("{shown}: not in a git repository ({e})"))?;
            let rel = repo.relative(&cwd, &a.file)?;
            let bytes = at_revision(&repo, rev, &rel)?;
            (repo, rel, bytes)
        }
    };
    let blame = repo.blame(&rel, a.rev.as_deref())?;
    let parsed = format::parse_bytes(&bytes).map_err(|e| anyhow::anyhow!(e.located(&rel)))?;
    let entries = entries(&parsed.map, &parsed.source, &bytes, &blame);
    let out = match a.format {
        Format::Text => text(&rel, &parsed.map, &entries, &blame),
        Format::Json => json(&entries, &blame),
    };
    a.out.write(out)?;
    Ok(0)
}

/// The map's bytes at `rev`, loaded to check that they are a map: a blob that
/// is not is reported as the reader says (exit 1), a missing one as trouble.
fn at_revision(repo: &Repo, rev: &str, rel: &str) -> anyhow::Result<Vec<u8>> {
    let hash = repo.commit(rev)?;
    let name = format!("{hash}:{rel}");
    let mut object = repo
        .objects(std::slice::from_ref(&name), files::MAX_INPUT)?
        .into_iter()
        .next()
        .unwrap_or(Object::Missing);
    // A filtered file's blob (a Git LFS pointer) is read as a checkout would.
    if !repo.filtered(&[rel])?.is_empty() {
        object = repo.smudged(&hash, rel, files::MAX_INPUT)?;
    }
    let shown = format!("{rel} at {rev}");
    let bytes = match object {
        Object::Blob(b) => b,
        Object::TooLarge => {
            return Err(FileError::new(Path::new(&shown), Problem::TooLarge).into());
        }
        Object::Missing => anyhow::bail!("{}: no such file at {}", display(rel), display(rev)),
    };
    if let Err(e) = format::load(&bytes) {
        return Err(FileError::new(Path::new(&shown), Problem::Invalid(e)).into());
    }
    Ok(bytes)
}

/// Every element the file writes, in the order a reader meets them, each with
/// the newest commit among its lines.
pub fn entries(
    map: &JourneyMap,
    source: &format::SourceMap,
    bytes: &[u8],
    blame: &Blame,
) -> Vec<Entry> {
    let lines: Vec<&[u8]> = bytes.split(|b| *b == b'\n').collect();
    let mut out = Vec::new();
    let mut push = |at: At, place: Place, text: String| {
        let Some(span) = source.lines(at) else {
            return;
        };
        if let Some(commit) = newest(span, &lines, blame) {
            out.push(Entry {
                at,
                place,
                text,
                lines: span,
                commit,
            });
        }
    };
    let top = |field: &'static str, index: Option<usize>| Place {
        stage: None,
        lane: None,
        field: Some(field),
        index,
        persona: None,
    };
    for (field, value) in [
        ("title", &map.title),
        ("summary", &map.summary),
        ("framework", &map.framework),
    ] {
        push(At::MapField(field), top(field, None), value.clone());
    }
    for (i, o) in map.objectives.iter().enumerate() {
        push(At::Objective(i), top("objectives", Some(i)), o.clone());
    }
    let p = &map.persona;
    for (field, value) in [
        ("name", &p.name),
        ("role", &p.role),
        ("quote", &p.quote),
        ("summary", &p.summary),
    ] {
        push(At::PersonaField(field), top(field, None), value.clone());
    }
    for (field, list) in [
        ("goals", &p.goals),
        ("needs", &p.needs),
        ("frustrations", &p.frustrations),
        ("behaviors", &p.behaviors),
    ] {
        for (i, v) in list.iter().enumerate() {
            push(At::PersonaItem(field, i), top(field, Some(i)), v.clone());
        }
    }
    for (i, (label, value)) in p.traits.iter().enumerate() {
        push(
            At::PersonaItem("traits", i),
            top("traits", Some(i)),
            format!("{label}: {value}"),
        );
    }
    // The personas after the first: each field, and each list whole (the
    // reader places a list of theirs, not its entries).
    for (i, p) in map.personas().enumerate().skip(1) {
        let hers = |field: &'static str| Place {
            stage: None,
            lane: None,
            field: Some(field),
            index: None,
            persona: Some((i, p.id.clone())),
        };
        for (field, value) in [
            ("id", &p.id),
            ("name", &p.name),
            ("role", &p.role),
            ("quote", &p.quote),
            ("summary", &p.summary),
        ] {
            push(At::OtherPersonaField(i, field), hers(field), value.clone());
        }
        for (field, list) in [
            ("goals", &p.goals),
            ("needs", &p.needs),
            ("frustrations", &p.frustrations),
            ("behaviors", &p.behaviors),
        ] {
            if !list.is_empty() {
                push(
                    At::OtherPersonaField(i, field),
                    hers(field),
                    list.join("; "),
                );
            }
        }
        if !p.traits.is_empty() {
            let t: Vec<String> = p.traits.iter().map(|(l, v)| format!("{l}: {v}")).collect();
            push(
                At::OtherPersonaField(i, "traits"),
                hers("traits"),
                t.join("; "),
            );
        }
    }
    // The map's own lanes: "who added the backstage lane, who renamed Doing?"
    for (i, d) in map.lanes.iter().enumerate() {
        let words = if d.kind == crate::model::LaneKind::Journey {
            format!("{} [{}]", map.lane_title(d.lane()), d.id)
        } else {
            format!("{} [{}] ({})", d.title, d.id, d.kind.label())
        };
        push(At::LaneDef(i), top("lanes", Some(i)), words);
    }
    for (s, stage) in map.stages.iter().enumerate() {
        let here = |lane: Option<Lane>, field: Option<&'static str>, index: Option<usize>| Place {
            stage: Some((s, stage.id.clone())),
            lane,
            field,
            index,
            persona: None,
        };
        for (field, value) in [("name", &stage.name), ("goal", &stage.goal)] {
            push(
                At::StageField(s, field),
                here(None, Some(field), None),
                value.clone(),
            );
        }
        for lane in map.lane_sequence() {
            for i in 0..stage.lane_len(lane) {
                push(
                    At::Item(s, lane, i),
                    here(Some(lane), None, Some(i)),
                    item_text(stage, lane, i),
                );
            }
        }
    }
    // The research behind the cards: "who added this quote, and when?"
    for (i, e) in map.evidence.iter().enumerate() {
        push(
            At::Evidence(i),
            top("evidence", Some(i)),
            format!("{} ({}): {}", e.id, e.source.label(), e.text),
        );
    }
    out
}

/// An item as it reads on one line everywhere else (the outline, the diff).
fn item_text(stage: &Stage, lane: Lane, i: usize) -> String {
    let t = match lane {
        Lane::Actions => stage.actions.get(i).cloned(),
        Lane::Thoughts => stage.thoughts.get(i).cloned(),
        Lane::Touchpoints => stage.touchpoints.get(i).map(wording::touchpoint),
        Lane::Emotions => stage.emotions.get(i).map(wording::emotion),
        Lane::PainPoints => stage.pain_points.get(i).map(wording::pain_point),
        Lane::Optimizations => stage.optimizations.get(i).map(wording::optimization),
        Lane::Metrics => stage.metrics.get(i).map(wording::metric),
        Lane::Extra(id) => stage.extra.items(id).get(i).map(wording::lane_item),
    };
    t.unwrap_or_default()
}

/// A line every item has alike: brackets, commas and at most a struct's name
/// before its `(`.
fn structural(line: &[u8]) -> bool {
    let rest: Vec<u8> = line
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace() && !b"()[]{},".contains(b))
        .collect();
    rest.is_empty()
        || (line.contains(&b'(') && rest.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'_'))
}

/// The newest commit among the lines `first..=last` (1-based), brackets left
/// out when the element has other lines. `None` when git said nothing about
/// them (a file changed between the read and the blame).
fn newest((first, last): (u32, u32), lines: &[&[u8]], blame: &Blame) -> Option<usize> {
    let span = (first as usize)..=(last as usize);
    let content: Vec<usize> = span
        .clone()
        .filter(|n| {
            n.checked_sub(1)
                .and_then(|i| lines.get(i))
                .is_some_and(|l| !structural(l))
        })
        .collect();
    let chosen: Vec<usize> = if content.is_empty() {
        span.collect()
    } else {
        content
    };
    chosen
        .into_iter()
        .filter_map(|n| n.checked_sub(1).and_then(|i| blame.lines.get(i)).copied())
        .max_by_key(|&c| blame.commits.get(c).map(age_key))
}

/// The order of "newer": not committed first, then author time, then
/// committer time.
fn age_key(c: &BlameCommit) -> (bool, i64, i64) {
    (!c.committed(), c.author_time, c.committer_time)
}

/// The text column's width: room for the element, then who changed it.
const TEXT_WIDTH: usize = 48;
/// A commit's summary is cut here, and its author's name, so that a row stays
/// one line.
const SUMMARY_WIDTH: usize = 40;
const AUTHOR_WIDTH: usize = 24;

/// `text` cut to `width` columns on a character boundary, `…` where it was
/// cut; line breaks read as spaces, so each element stays one line.
fn clip(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let flat: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    let safe = display(&flat).into_owned();
    let total = unicode_width::UnicodeWidthStr::width(safe.as_str());
    if total <= width {
        return safe;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in safe.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// `abc1234 Ana Silva 2026-11-02 "summary"`, or "not committed yet".
fn who(c: Option<&BlameCommit>) -> String {
    match c {
        Some(c) if c.committed() => format!(
            "{} {} {} \"{}\"",
            display(&c.short),
            clip(&c.author, AUTHOR_WIDTH),
            c.day(),
            clip(&c.summary, SUMMARY_WIDTH)
        ),
        _ => "not committed yet".into(),
    }
}

/// The label before an element's text in the text output.
fn label(e: &Entry) -> String {
    let noun = match e.at {
        At::Objective(_) => "objective",
        At::PersonaItem(f, _) => match f {
            "goals" => "goal",
            "needs" => "need",
            "frustrations" => "frustration",
            "behaviors" => "behavior",
            _ => "trait",
        },
        At::Item(..) | At::Evidence(_) | At::LaneDef(_) => return String::new(),
        _ => e.place.field.unwrap_or_default(),
    };
    format!("{noun}: ")
}

fn text(rel: &str, map: &JourneyMap, entries: &[Entry], blame: &Blame) -> String {
    let mut o = format!("{}: who last changed each element\n", display(rel));
    // The section an element is in: the map, the persona, or a stage by its
    // place (two stages may share a name).
    let mut section: Option<(u8, usize)> = None;
    let mut lane: Option<Lane> = None;
    for e in entries {
        let (key, heading) = match (&e.at, &e.place.stage) {
            (At::PersonaField(_) | At::PersonaItem(..), _) if map.persona_count() > 1 => (
                (1, 0),
                format!("Persona: {}", clip(&map.persona.name, TEXT_WIDTH)),
            ),
            (At::PersonaField(_) | At::PersonaItem(..), _) => ((1, 0), "Persona".to_string()),
            (At::OtherPersonaField(i, _), _) => (
                (1, *i),
                format!(
                    "Persona: {}",
                    clip(
                        map.persona_at(*i).map_or("", |p| p.name.as_str()),
                        TEXT_WIDTH
                    )
                ),
            ),
            (At::Evidence(_), _) => ((3, 0), "Evidence".to_string()),
            (At::LaneDef(_), _) => ((1, usize::MAX), "Lanes".to_string()),
            (_, Some((s, _))) => (
                (2, *s),
                format!(
                    "Stage: {}",
                    clip(
                        map.stages.get(*s).map_or("", |s| s.name.as_str()),
                        TEXT_WIDTH
                    )
                ),
            ),
            _ => ((0, 0), "Map".to_string()),
        };
        if section != Some(key) {
            let _ = writeln!(o, "\n{heading}");
            section = Some(key);
            lane = None;
        }
        let mut indent = 2;
        if let Some(l) = e.place.lane {
            if lane != Some(l) {
                let _ = writeln!(o, "  {}", display(&map.lane_title(l)));
                lane = Some(l);
            }
            indent = 4;
        }
        let room = TEXT_WIDTH.saturating_sub(indent);
        let body = clip(&format!("{}{}", label(e), e.text), room);
        let pad = room.saturating_sub(unicode_width::UnicodeWidthStr::width(body.as_str()));
        let _ = writeln!(
            o,
            "{}{body}{}  {}",
            " ".repeat(indent),
            " ".repeat(pad),
            who(blame.commits.get(e.commit))
        );
    }
    if entries.is_empty() {
        o.push_str("\n(no elements)\n");
    }
    o
}

fn json(entries: &[Entry], blame: &Blame) -> String {
    use serde_json::{Value, json};
    let rows: Vec<Value> = entries
        .iter()
        .map(|e| {
            let p = &e.place;
            let mut address: Vec<String> = Vec::new();
            if let Some((_, id)) = &p.stage {
                address.extend(["stages".to_string(), id.clone()]);
            } else if let Some((_, id)) = &p.persona {
                address.extend(["personas".to_string(), id.clone()]);
            } else if matches!(e.at, At::PersonaField(_) | At::PersonaItem(..)) {
                address.push("persona".into());
            }
            if let Some(l) = p.lane {
                address.push(l.key().into());
            }
            if let Some(f) = p.field {
                address.push(f.into());
            }
            if let Some(i) = p.index {
                address.push(i.to_string());
            }
            let c = blame.commits.get(e.commit).filter(|c| c.committed());
            json!({
                "address": address.join("/"),
                "stage": p.stage.as_ref().map(|(_, id)| id),
                "lane": p.lane.map(Lane::key),
                "field": p.field,
                "index": p.index,
                "text": e.text,
                "lines": [e.lines.0, e.lines.1],
                "committed": c.is_some(),
                "commit": c.map(|c| &c.hash),
                "short": c.map(|c| &c.short),
                "author": c.map(|c| &c.author),
                "email": c.map(|c| &c.email),
                "date": c.map(|c| &c.date),
                "summary": c.map(|c| &c.summary),
            })
        })
        .collect();
    crate::export::json::inert(&rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_and_struct_names_are_structural() {
        for l in [
            "    PainPoint(",
            "    ),",
            "  ],",
            "(",
            ")",
            "        Stage(",
        ] {
            assert!(structural(l.as_bytes()), "{l}");
        }
        for l in [
            "    severity: High,",
            "  \"Cannot tell\",",
            "    High,",
            "4,",
            "PainPoint(text: \"x\"),",
        ] {
            assert!(!structural(l.as_bytes()), "{l}");
        }
    }

    #[test]
    fn long_text_is_cut_on_one_line() {
        assert_eq!(clip("short", 10), "short");
        assert_eq!(clip("a\nb", 10), "a b");
        let c = clip("Cannot tell machines apart: every listing", 20);
        assert_eq!(c, "Cannot tell machine…");
        assert!(unicode_width::UnicodeWidthStr::width(clip("咖啡咖啡咖啡咖啡", 7).as_str()) <= 7);
        assert_eq!(clip("x\u{1b}[31m", 40), "x\\u{1b}[31m");
    }

    #[test]
    fn the_newest_line_wins_and_brackets_do_not_count() {
        let c = |hash: &str, t: i64, ct: i64| BlameCommit {
            hash: hash.repeat(40),
            author_time: t,
            committer_time: ct,
            ..BlameCommit::default()
        };
        let blame = Blame {
            lines: vec![0, 1, 2, 3],
            commits: vec![
                c("a", 10, 10),
                c("b", 20, 20),
                c("c", 20, 30),
                c("d", 99, 99),
            ],
        };
        let lines: Vec<&[u8]> = vec![b"PainPoint(", b"text: \"x\",", b"severity: High,", b"),"];
        assert_eq!(
            newest((1, 4), &lines, &blame),
            Some(2),
            "ties go by committer time"
        );
        assert_eq!(
            newest((4, 4), &lines, &blame),
            Some(3),
            "only brackets: they count"
        );
        assert_eq!(newest((9, 9), &lines, &blame), None);
        let mut open = blame.clone();
        open.commits[0].hash = "0".repeat(40);
        assert_eq!(
            newest((1, 3), &[b"a", b"b", b"c"], &open),
            Some(0),
            "uncommitted is newest"
        );
    }
}
