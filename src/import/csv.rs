//! The CSV that `export::csv` writes, read back into a map: `import(export(m)) ==
//! m`. Columns are found by their header names (any order; only `lane` and `text`
//! are required), rows are grouped by stage in order of first appearance and
//! ordered within a lane by `position`, so a spreadsheet that sorted the rows still
//! imports. One leading `'` is removed from every cell (the export's formula
//! guard). Rows for the map's own fields are optional: a missing title or persona
//! gets the defaults `cjm new` uses.
//!
//! A cell in a column that means nothing for its row's lane (a score on a
//! touchpoint, a position on a title) is an error at that cell rather than data
//! silently dropped; the export only ever fills the columns `export::csv::columns`
//! lists for the lane.
//!
//! Evidence (format 5) comes as rows of lane `evidence` and as the `evidence`
//! cell of a stage's `goal` row or an item's row; a citation of an id no
//! evidence row holds is refused at the citing cell, wherever the evidence rows
//! are in the file.
//!
//! Lanes (format 6) come as rows of lane `lane`, read before every other row
//! (a sorted sheet may put them anywhere), so that an item's row can name its
//! extra lane by id.
//!
//! Personas (format 7): a `persona.*` row's `persona` cell says whose field it
//! is; the personas come in the order of their `persona.name` rows' positions
//! (of first appearance without one), the first the map's main persona. An
//! emotion's `persona` and an item's `personas` name personas by id, checked
//! once every row is read, as citations are.
//!
//! The reader is linear in the size of the file: stages are found through an
//! index, and positions (which count lines from the start) are only worked out for
//! the one error that is reported.

use std::collections::{HashMap, HashSet};

use super::{DEFAULT_PERSONA, DEFAULT_TITLE, pos_at};
use crate::export::csv::{
    COLUMNS, EVIDENCE_LANE, GOAL_LANE, LANE_DEF_LANE, LANE_ITEM_COLUMNS, MAP_LANES,
    columns as columns_of, restore,
};
use crate::format::{Pos, ReadError, nearest};
use crate::model::{
    Cells, Emotion, Evidence, Holds, JourneyMap, Lane, LaneDef, LaneItem, LaneKind, Level, Metric,
    Optimization, PainPoint, Persona, Source, Stage, Status, Touchpoint, is_calendar_date, is_slug,
    item_noun, unique_slug,
};

/// Where rows come from, to point at a cell in an error. The same reader takes
/// the rows of a CSV file and those of a workbook's sheets (`import::xlsx`), so
/// both are checked by one set of rules.
#[derive(Clone, Copy)]
pub(super) enum Origin<'a> {
    /// A CSV text: a row is its byte offset, a cell `LINE:COL`.
    Csv(&'a str),
    /// A sheet: a row is its 0-based number, a cell `Sheet!C7`; the record's
    /// cell `i` is in the sheet's column `cols[i]` (0-based).
    Sheet { name: &'a str, cols: &'a [u32] },
}

/// One cell, found again only when an error names it.
#[derive(Clone, Copy)]
pub(super) struct Cell<'a> {
    origin: Origin<'a>,
    row: usize,
    field: usize,
}

impl Cell<'_> {
    pub(super) fn error(self, message: impl Into<String>) -> ReadError {
        match self.origin {
            Origin::Csv(text) => {
                ReadError::new(field_pos(text, self.row, self.field), message, None)
            }
            Origin::Sheet { .. } => ReadError::new(Pos::START, message, None).at_cell(self.name()),
        }
    }

    /// `LINE:COL` or `Sheet!C7`.
    fn name(self) -> String {
        match self.origin {
            Origin::Csv(text) => field_pos(text, self.row, self.field).to_string(),
            Origin::Sheet { name, cols } => {
                cell_name(name, self.row, cols.get(self.field).copied().unwrap_or(0))
            }
        }
    }
}

/// `Sheet!C7` for 0-based `row` and `col`.
pub(super) fn cell_name(sheet: &str, row: usize, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = u64::from(col) + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    let col: String = letters.into_iter().rev().collect();
    format!("{sheet}!{col}{}", row.saturating_add(1))
}

/// One data row with what is needed to point at its cells.
pub(super) struct Row<'a> {
    pub(super) record: csv::StringRecord,
    pub(super) columns: &'a HashMap<&'static str, usize>,
    pub(super) origin: Origin<'a>,
    /// The row's byte offset (CSV) or number (sheet).
    pub(super) at: usize,
}

impl<'a> Row<'a> {
    /// The cell of `column`, with the export's `'` guard removed; empty when the
    /// file has no such column.
    fn get(&self, column: &str) -> &str {
        let cell = self
            .columns
            .get(column)
            .and_then(|&i| self.record.get(i))
            .unwrap_or("");
        match self.origin {
            Origin::Csv(_) => restore(cell),
            // A sheet's text cells are typed: nothing was added to remove.
            Origin::Sheet { .. } => cell,
        }
    }

    /// The cell of `column` (the row's first cell when there is no such column).
    fn cell(&self, column: &str) -> Cell<'a> {
        Cell {
            origin: self.origin,
            row: self.at,
            field: self.columns.get(column).copied().unwrap_or(0),
        }
    }

    fn err(&self, column: &str, message: impl Into<String>) -> ReadError {
        self.cell(column).error(message)
    }
}

/// Byte offset where field `field` of the record starting at `start` begins,
/// as a position: a small quote-aware scan, since the csv crate gives only the
/// record's start.
fn field_pos(text: &str, start: usize, field: usize) -> Pos {
    let mut in_quotes = false;
    let mut seen = 0;
    let rest = text.get(start..).unwrap_or("");
    for (i, c) in rest.char_indices() {
        if seen == field {
            return pos_at(text, start + i);
        }
        match c {
            '"' => in_quotes = !in_quotes,
            ',' if !in_quotes => seen += 1,
            '\n' if !in_quotes => break,
            _ => {}
        }
    }
    pos_at(text, start)
}

/// Items of one lane with the position they asked for, sorted when the stage is done.
#[derive(Default)]
struct Lanes {
    actions: Vec<(u64, String)>,
    thoughts: Vec<(u64, String)>,
    touchpoints: Vec<(u64, Touchpoint)>,
    emotions: Vec<(u64, Emotion)>,
    pain_points: Vec<(u64, PainPoint)>,
    optimizations: Vec<(u64, Optimization)>,
    metrics: Vec<(u64, Metric)>,
    /// Items of the extra lanes, by lane id.
    extra: HashMap<String, Vec<(u64, LaneItem)>>,
}

struct StageDraft<'a> {
    id: String,
    name: String,
    /// The `stage` cell that gave the name, for an error.
    name_at: Cell<'a>,
    goal: String,
    /// The stage's own citations, from its `goal` row.
    evidence: Vec<String>,
    lanes: Lanes,
}

fn sorted<T>(mut v: Vec<(u64, T)>) -> Vec<T> {
    v.sort_by_key(|(p, _)| *p);
    v.into_iter().map(|(_, t)| t).collect()
}

#[derive(Default)]
pub(super) struct MapDraft<'a> {
    /// The `lane` rows (format 6), with the cell of each id for an error.
    lanes: Vec<(u64, LaneDef, Cell<'a>)>,
    evidence: Vec<(u64, Evidence)>,
    /// Each evidence id with the cell that gave it, for a duplicate.
    evidence_ids: HashMap<String, Cell<'a>>,
    /// Each non-empty `evidence` cell: where, what cites, and the ids, checked
    /// once every evidence row is read.
    citations: Vec<(Cell<'a>, &'static str, Vec<String>)>,
    title: Option<String>,
    summary: String,
    framework: String,
    objectives: Vec<(u64, String)>,
    /// The personas by the id their rows carry (empty for a map of one), in
    /// order of first appearance.
    personas: Vec<PersonaDraft<'a>>,
    /// Each non-empty `persona` or `personas` cell of an emotion or an item,
    /// with the ids it names, checked once every persona row is read.
    persona_refs: Vec<(Cell<'a>, Vec<String>)>,
}

/// One persona's rows.
#[derive(Default)]
struct PersonaDraft<'a> {
    id: String,
    /// The `persona.name` row's position: the persona's place among several.
    place: u64,
    name: Option<String>,
    /// The `persona.name` cell, for a name given twice.
    name_at: Option<Cell<'a>>,
    role: String,
    quote: String,
    summary: String,
    goals: Vec<(u64, String)>,
    needs: Vec<(u64, String)>,
    frustrations: Vec<(u64, String)>,
    behaviors: Vec<(u64, String)>,
    traits: Vec<(u64, (String, String))>,
}

pub fn parse(text: &str) -> Result<JourneyMap, ReadError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| csv_error(text, &e))?.clone();
    let columns = columns(text, &header)?;
    let mut map = MapDraft::default();
    let mut stages = Stages::default();
    let mut record = csv::StringRecord::new();
    let origin = Origin::Csv(text);
    let mut rows = Vec::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(csv_error(text, &e)),
        }
        let byte = record.position().map_or(0, |p| p.byte() as usize);
        let row = Row {
            record: std::mem::take(&mut record),
            columns: &columns,
            origin,
            at: byte,
        };
        if row.record.iter().all(str::is_empty) {
            continue;
        }
        rows.push(row);
    }
    // The lanes first, wherever a sorted spreadsheet put their rows: an item's
    // row names its lane by id.
    let (defs, items): (Vec<_>, Vec<_>) = rows.iter().partition(|r| is_lane_def(r));
    for row in defs.into_iter().chain(items) {
        read_row(row, &mut map, &mut stages)?;
    }
    finish(map, stages)
}

/// A row that defines one of the map's lanes: read before the others.
pub(super) fn is_lane_def(row: &Row) -> bool {
    row.get("lane").trim() == LANE_DEF_LANE
}

fn csv_error(text: &str, e: &csv::Error) -> ReadError {
    let at = e
        .position()
        .map_or(Pos::START, |p| pos_at(text, p.byte() as usize));
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("this row has {len} cells, the header has {expected_len}"),
        _ => format!("not CSV: {e}"),
    };
    ReadError::new(at, message, None)
}

fn columns(
    text: &str,
    header: &csv::StringRecord,
) -> Result<HashMap<&'static str, usize>, ReadError> {
    let mut columns = HashMap::new();
    for (i, name) in header.iter().enumerate() {
        let at = || field_pos(text, 0, i);
        let Some(&known) = COLUMNS.iter().find(|h| **h == name.trim()) else {
            let mut e = ReadError::new(at(), format!("unknown column `{name}`"), None);
            if let Some(n) = nearest(name.trim(), &COLUMNS) {
                e = e.with_hint(format!("did you mean `{n}`?"));
            } else {
                e = e.with_hint(format!("the columns are {}", COLUMNS.join(", ")));
            }
            return Err(e);
        };
        if columns.insert(known, i).is_some() {
            return Err(ReadError::new(
                at(),
                format!("column `{known}` appears twice"),
                None,
            ));
        }
    }
    for required in ["lane", "text"] {
        if !columns.contains_key(required) {
            return Err(ReadError::new(
                Pos::START,
                format!("the header has no `{required}` column"),
                Some(&format!("the columns are {}", COLUMNS.join(", "))),
            ));
        }
    }
    Ok(columns)
}

/// Reads one row into the map being made: the one set of rules for a CSV row and
/// a sheet's row (`import::xlsx` adds the `lane` its sheet stands for).
pub(super) fn read_row<'a>(
    row: &Row<'a>,
    map: &mut MapDraft<'a>,
    stages: &mut Stages<'a>,
) -> Result<(), ReadError> {
    let lane = row.get("lane").trim();
    let position = position(row)?;
    let text = row.get("text").to_string();
    let in_stage = !row.get("stage_id").is_empty() || !row.get("stage").is_empty();
    // An extra lane's item: its lane is an id a `lane` row declared (a stage's
    // `goal` row has no position, so a lane with the id `goal` is still told apart).
    if in_stage
        && map.extra_lane(lane)
        && !(lane == GOAL_LANE && row.get("position").trim().is_empty())
    {
        return lane_item_row(row, map, stages, lane, position, text);
    }
    if lane == LANE_DEF_LANE {
        only_applicable(row, lane)?;
        return lane_def_row(row, map, position, text);
    }
    if lane == EVIDENCE_LANE {
        only_applicable(row, lane)?;
        return evidence_row(row, map, position, text);
    }
    if MAP_LANES.contains(&lane) {
        only_applicable(row, lane)?;
        if !row.get("stage_id").is_empty() || !row.get("stage").is_empty() {
            return Err(row.err(
                "stage",
                format!("a `{lane}` row belongs to the map, not to a stage"),
            ));
        }
        return map_row(row, map, lane, position, text);
    }
    let stage_lane = Lane::from_key(lane);
    if stage_lane.is_none() && lane != GOAL_LANE {
        let mut known: Vec<&str> = MAP_LANES.to_vec();
        known.extend([GOAL_LANE, EVIDENCE_LANE, LANE_DEF_LANE]);
        known.extend(Lane::ALL.iter().map(|l| l.key()));
        known.extend(map.lanes.iter().map(|(_, d, _)| d.id.as_str()));
        let mut e = row.err("lane", format!("unknown lane `{lane}`"));
        if let Some(n) = nearest(lane, &known) {
            e = e.with_hint(format!("did you mean `{n}`?"));
        }
        return Err(e);
    }
    only_applicable(row, lane)?;
    let noun = stage_lane.map_or("stage", item_noun);
    let evidence = citations(row, map, noun)?;
    let personas = persona_ids(row, map, "personas")?;
    let s = stages.row(row)?;
    let Some(lane) = stage_lane else {
        s.goal = text;
        s.evidence = evidence;
        return Ok(());
    };
    if text.trim().is_empty() {
        return Err(row.err("text", format!("a `{}` row has no text", lane.key())));
    }
    let l = &mut s.lanes;
    match lane {
        Lane::Actions => l.actions.push((position, text)),
        Lane::Thoughts => l.thoughts.push((position, text)),
        Lane::Touchpoints => l.touchpoints.push((
            position,
            Touchpoint {
                personas: personas.clone(),
                name: text,
                channel: row.get("channel").into(),
                note: row.get("note").into(),
                evidence,
            },
        )),
        Lane::Emotions => l.emotions.push((
            position,
            Emotion {
                persona: persona_ids(row, map, "persona")?
                    .into_iter()
                    .next()
                    .unwrap_or_default(),
                score: score(row)?,
                label: text,
                note: row.get("note").into(),
                evidence,
            },
        )),
        Lane::PainPoints => l.pain_points.push((
            position,
            PainPoint {
                personas: personas.clone(),
                text,
                severity: level(row, "severity")?,
                votes: votes(row)?,
                evidence,
            },
        )),
        Lane::Optimizations => l.optimizations.push((
            position,
            Optimization {
                personas: personas.clone(),
                text,
                owner: row.get("owner").into(),
                priority: level(row, "priority")?,
                status: status(row)?,
                votes: votes(row)?,
                impact: rating(row, "impact")?,
                effort: rating(row, "effort")?,
                evidence,
            },
        )),
        Lane::Metrics => l.metrics.push((
            position,
            Metric {
                personas: personas.clone(),
                name: text,
                current: number(row, "current")?,
                target: number(row, "target")?,
                unit: row.get("unit").into(),
                evidence,
            },
        )),
        // Read by `lane_item_row`: an extra lane's id is never a journey key.
        Lane::Extra(_) => {}
    }
    Ok(())
}

impl MapDraft<'_> {
    /// True when a `lane` row declared an extra lane of this id.
    fn extra_lane(&self, id: &str) -> bool {
        self.lanes
            .iter()
            .any(|(_, d, _)| d.kind != LaneKind::Journey && d.id == id)
    }
}

/// A row of lane `lane`: one of the map's lanes, in the grid's order. A
/// journey lane is named by its key and keeps its usual title when `text` is
/// empty; an extra lane needs a slug id, a title and a kind.
fn lane_def_row<'a>(
    row: &Row<'a>,
    m: &mut MapDraft<'a>,
    position: u64,
    title: String,
) -> Result<(), ReadError> {
    let id = row.get("lane_id").trim().to_string();
    if id.is_empty() {
        return Err(row.err("lane_id", "a `lane` row needs a `lane_id`"));
    }
    if let Some((_, _, first)) = m.lanes.iter().find(|(_, d, _)| d.id == id) {
        return Err(row.err(
            "lane_id",
            format!("lane id `{id}` is used twice (first at {})", first.name()),
        ));
    }
    let journey = Lane::from_key(&id).is_some();
    let kind_cell = row.get("kind").trim();
    let kind = if kind_cell.is_empty() && journey {
        LaneKind::Journey
    } else {
        LaneKind::ALL
            .into_iter()
            .find(|k| {
                k.name().eq_ignore_ascii_case(kind_cell)
                    || k.label().eq_ignore_ascii_case(kind_cell)
            })
            .ok_or_else(|| {
                let mut e = row.err(
                    "kind",
                    format!(
                        "lane kind `{kind_cell}` is not one of {}",
                        LaneKind::NAMES.join(", ")
                    ),
                );
                if let Some(n) = nearest(kind_cell, &LaneKind::NAMES) {
                    e = e.with_hint(format!("did you mean `{n}`?"));
                }
                e
            })?
    };
    if journey != (kind == LaneKind::Journey) {
        let message = if journey {
            format!("`{id}` is a journey lane's key: its kind is Journey")
        } else {
            format!("kind Journey is only for the seven journey lanes, not `{id}`")
        };
        return Err(row.err(if journey { "kind" } else { "lane_id" }, message));
    }
    if !journey {
        if !is_slug(&id) {
            return Err(row.err(
                "lane_id",
                format!("lane id `{id}` is not a slug (lowercase letters, digits and `-`)"),
            ));
        }
        if title.trim().is_empty() {
            return Err(row.err("text", format!("the lane `{id}` has no title")));
        }
    }
    let holds_cell = row.get("holds").trim();
    let holds = if holds_cell.is_empty() {
        kind.default_holds()
    } else {
        Holds::ALL
            .into_iter()
            .find(|h| h.name().eq_ignore_ascii_case(holds_cell))
            .ok_or_else(|| {
                row.err(
                    "holds",
                    format!(
                        "holds `{holds_cell}` is not one of {}",
                        Holds::NAMES.join(", ")
                    ),
                )
            })?
    };
    let holds = if journey { Holds::Text } else { holds };
    m.lanes.push((
        position,
        LaneDef {
            id,
            title,
            kind,
            holds,
        },
        row.cell("lane_id"),
    ));
    Ok(())
}

/// A row of an extra lane's item: text, owner, channel, the action it serves
/// and what it cites.
fn lane_item_row<'a>(
    row: &Row<'a>,
    m: &mut MapDraft<'a>,
    stages: &mut Stages<'a>,
    lane: &str,
    position: u64,
    text: String,
) -> Result<(), ReadError> {
    only_applicable_to(row, lane, &LANE_ITEM_COLUMNS)?;
    let evidence = citations(row, m, "card")?;
    let personas = persona_ids(row, m, "personas")?;
    if text.trim().is_empty() {
        return Err(row.err("text", format!("a `{lane}` row has no text")));
    }
    let s = stages.row(row)?;
    s.lanes.extra.entry(lane.to_string()).or_default().push((
        position,
        LaneItem {
            personas,
            text,
            owner: row.get("owner").into(),
            channel: row.get("channel").into(),
            serves: row.get("serves").into(),
            evidence,
        },
    ));
    Ok(())
}

/// The ids of a row's `evidence` cell, noted for the check in `finish`; an id
/// listed twice is refused here, as the map file refuses it.
fn citations<'a>(
    row: &Row<'a>,
    m: &mut MapDraft<'a>,
    noun: &'static str,
) -> Result<Vec<String>, ReadError> {
    let mut ids: Vec<String> = Vec::new();
    for id in row
        .get("evidence")
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|s| !s.is_empty())
    {
        if ids.iter().any(|i| i == id) {
            return Err(row.err("evidence", format!("`{id}` is cited twice")));
        }
        ids.push(id.to_string());
    }
    if !ids.is_empty() {
        m.citations.push((row.cell("evidence"), noun, ids.clone()));
    }
    Ok(ids)
}

/// The persona ids of a row's `persona` (one) or `personas` (a list) cell,
/// noted for the check in `finish`; an id listed twice is refused here.
fn persona_ids<'a>(
    row: &Row<'a>,
    m: &mut MapDraft<'a>,
    column: &str,
) -> Result<Vec<String>, ReadError> {
    let mut ids: Vec<String> = Vec::new();
    for id in row
        .get(column)
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|s| !s.is_empty())
    {
        if ids.iter().any(|i| i == id) {
            return Err(row.err(column, format!("persona `{id}` is named twice")));
        }
        ids.push(id.to_string());
    }
    if column == "persona" && ids.len() > 1 {
        return Err(row
            .err(column, "an emotion is one persona's")
            .with_hint("give each persona's feeling a row of its own"));
    }
    if !ids.is_empty() {
        m.persona_refs.push((row.cell(column), ids.clone()));
    }
    Ok(ids)
}

/// A row of lane `evidence`: one piece of research, checked as the map file
/// checks it (a slug id used once, a text, a known source, a calendar date).
fn evidence_row<'a>(
    row: &Row<'a>,
    m: &mut MapDraft<'a>,
    position: u64,
    text: String,
) -> Result<(), ReadError> {
    let id = row.get("evidence_id").trim().to_string();
    if id.is_empty() {
        return Err(row.err("evidence_id", "an `evidence` row needs an `evidence_id`"));
    }
    if !is_slug(&id) {
        return Err(row.err(
            "evidence_id",
            format!("evidence id `{id}` is not a slug (lowercase letters, digits and `-`)"),
        ));
    }
    if let Some(first) = m.evidence_ids.get(&id) {
        return Err(row.err(
            "evidence_id",
            format!(
                "evidence id `{id}` is used twice (first at {})",
                first.name()
            ),
        ));
    }
    if text.trim().is_empty() {
        return Err(row.err("text", "an `evidence` row has no text"));
    }
    let date = row.get("date").trim().to_string();
    if !date.is_empty() && !is_calendar_date(&date) {
        return Err(row.err(
            "date",
            format!("date `{date}` is not a calendar date (YYYY-MM-DD)"),
        ));
    }
    m.evidence_ids.insert(id.clone(), row.cell("evidence_id"));
    m.evidence.push((
        position,
        Evidence {
            id,
            text,
            source: source(row)?,
            from: row.get("from").into(),
            date,
            link: row.get("link").into(),
        },
    ));
    Ok(())
}

/// A source by its name (`SupportTicket`) or its words (`support ticket`), in
/// any case; empty is the default, as in the map file.
fn source(row: &Row) -> Result<Source, ReadError> {
    let v = row.get("source").trim();
    if v.is_empty() {
        return Ok(Source::default());
    }
    Source::ALL
        .into_iter()
        .find(|s| s.name().eq_ignore_ascii_case(v) || s.label().eq_ignore_ascii_case(v))
        .ok_or_else(|| {
            let mut e = row.err(
                "source",
                format!("source `{v}` is not one of {}", Source::NAMES.join(", ")),
            );
            if let Some(n) = nearest(v, &Source::NAMES) {
                e = e.with_hint(format!("did you mean `{n}`?"));
            }
            e
        })
}

fn map_row<'a>(
    row: &Row<'a>,
    m: &mut MapDraft<'a>,
    lane: &str,
    p: u64,
    text: String,
) -> Result<(), ReadError> {
    let single = |slot: &mut String, text: String| {
        *slot = text;
    };
    match lane {
        "title" => m.title = Some(text),
        "summary" => single(&mut m.summary, text),
        "framework" => single(&mut m.framework, text),
        "objectives" => m.objectives.push((p, text)),
        _ => return persona_row(row, m, lane, p, text),
    }
    Ok(())
}

/// A `persona.*` row, into the draft of the persona its `persona` cell names.
fn persona_row<'a>(
    row: &Row<'a>,
    m: &mut MapDraft<'a>,
    lane: &str,
    p: u64,
    text: String,
) -> Result<(), ReadError> {
    let id = row.get("persona").trim().to_string();
    if !id.is_empty() && !is_slug(&id) {
        return Err(row.err(
            "persona",
            format!("persona id `{id}` is not a slug (lowercase letters, digits and `-`)"),
        ));
    }
    let at = match m.personas.iter().position(|d| d.id == id) {
        Some(i) => i,
        None => {
            m.personas.push(PersonaDraft {
                id,
                place: u64::MAX,
                ..PersonaDraft::default()
            });
            m.personas.len() - 1
        }
    };
    let Some(d) = m.personas.get_mut(at) else {
        return Err(row.err("persona", "internal error: persona lost"));
    };
    match lane {
        "persona.name" => {
            if let Some(first) = d.name_at {
                let who = if d.id.is_empty() {
                    "the persona"
                } else {
                    &d.id
                };
                return Err(row.err(
                    "text",
                    format!("{who} is named twice (first at {})", first.name()),
                ));
            }
            d.name = Some(text);
            d.name_at = Some(row.cell("text"));
            d.place = p;
        }
        "persona.role" => d.role = text,
        "persona.quote" => d.quote = text,
        "persona.summary" => d.summary = text,
        "persona.goals" => d.goals.push((p, text)),
        "persona.needs" => d.needs.push((p, text)),
        "persona.frustrations" => d.frustrations.push((p, text)),
        "persona.behaviors" => d.behaviors.push((p, text)),
        _ => d.traits.push((p, (text, row.get("note").into()))),
    }
    Ok(())
}

impl PersonaDraft<'_> {
    fn persona(self) -> Persona {
        Persona {
            id: self.id,
            name: self.name.unwrap_or_else(|| DEFAULT_PERSONA.into()),
            role: self.role,
            quote: self.quote,
            summary: self.summary,
            goals: sorted(self.goals),
            needs: sorted(self.needs),
            frustrations: sorted(self.frustrations),
            behaviors: sorted(self.behaviors),
            traits: sorted(self.traits),
        }
    }
}

/// The personas the rows gave, the first first; a persona whose rows carry
/// no id gets one from her name when there are several, as in the map file.
fn personas(drafts: Vec<PersonaDraft>) -> Vec<Persona> {
    let mut drafts = drafts;
    drafts.sort_by_key(|d| d.place);
    let mut out: Vec<Persona> = drafts.into_iter().map(PersonaDraft::persona).collect();
    if out.len() > 1 {
        for i in 0..out.len() {
            let needs_id = out.get(i).is_some_and(|p| p.id.is_empty());
            if needs_id {
                let name = out.get(i).map(|p| p.name.clone()).unwrap_or_default();
                let id = unique_slug(&name, |s| out.iter().any(|p| p.id == s));
                if let Some(p) = out.get_mut(i) {
                    p.id = id;
                }
            }
        }
    }
    out
}

/// Refuses a filled cell in a column that means nothing for the row's lane.
fn only_applicable(row: &Row, lane: &str) -> Result<(), ReadError> {
    only_applicable_to(row, lane, columns_of(lane))
}

/// `only_applicable` with the lane's columns given (an extra lane's id is not
/// one `columns_of` knows).
fn only_applicable_to(row: &Row, lane: &str, ok: &[&str]) -> Result<(), ReadError> {
    for &column in &COLUMNS {
        if matches!(column, "lane" | "text") || ok.contains(&column) {
            continue;
        }
        let cell = row.get(column).trim();
        if cell.is_empty() {
            continue;
        }
        let list: Vec<String> = ["lane", "text"]
            .iter()
            .chain(ok)
            .map(|c| format!("`{c}`"))
            .collect();
        let uses = format!("lane `{lane}` uses the columns {}", list.join(", "));
        return Err(row
            .err(
                column,
                format!(
                    "column `{column}` does not apply to lane `{lane}` (the cell holds `{cell}`)"
                ),
            )
            .with_hint(format!(
                "{uses}; empty the cell or move it to the right row"
            )));
    }
    Ok(())
}

/// A stage is found by its `stage_id`, or by its name when the id is empty.
#[derive(PartialEq, Eq, Hash)]
enum StageKey {
    Id(String),
    Name(String),
}

/// The stages in order of first appearance, with an index so that finding a
/// row's stage does not walk the list.
#[derive(Default)]
pub(super) struct Stages<'a> {
    list: Vec<StageDraft<'a>>,
    index: HashMap<StageKey, usize>,
}

impl<'a> Stages<'a> {
    /// The stage a row belongs to, created on its first row.
    fn row(&mut self, row: &Row<'a>) -> Result<&mut StageDraft<'a>, ReadError> {
        let id = row.get("stage_id").trim().to_string();
        let name = row.get("stage").to_string();
        if id.is_empty() && name.trim().is_empty() {
            return Err(row.err(
                "stage_id",
                "a stage row needs a `stage_id` or a `stage` name",
            ));
        }
        if !id.is_empty() && !is_slug(&id) {
            return Err(row.err(
                "stage_id",
                format!("stage id `{id}` is not a slug (lowercase letters, digits and `-`)"),
            ));
        }
        let key = if id.is_empty() {
            StageKey::Name(name.clone())
        } else {
            StageKey::Id(id.clone())
        };
        let next = self.list.len();
        let index = *self.index.entry(key).or_insert(next);
        if index == next {
            self.list.push(StageDraft {
                id,
                name: name.clone(),
                name_at: row.cell("stage"),
                goal: String::new(),
                evidence: Vec::new(),
                lanes: Lanes::default(),
            });
        }
        let Some(s) = self.list.get_mut(index) else {
            return Err(row.err("stage_id", "internal error: stage lost"));
        };
        if s.name.is_empty() {
            s.name = name;
            s.name_at = row.cell("stage");
        } else if !name.is_empty() && name != s.name {
            return Err(row.err(
                "stage",
                format!(
                    "stage `{}` is named `{}` at {} and `{name}` here",
                    s.id,
                    s.name,
                    s.name_at.name()
                ),
            ));
        }
        Ok(s)
    }
}

fn position(row: &Row) -> Result<u64, ReadError> {
    let p = row.get("position").trim();
    if p.is_empty() {
        return Ok(u64::MAX);
    }
    p.parse::<u64>().ok().filter(|&p| p >= 1).ok_or_else(|| {
        row.err(
            "position",
            format!("position `{p}` is not a whole number from 1"),
        )
    })
}

fn score(row: &Row) -> Result<i64, ReadError> {
    let s = row.get("score").trim();
    s.parse::<i64>()
        .ok()
        .filter(|s| (1..=5).contains(s))
        .ok_or_else(|| {
            row.err(
                "score",
                format!("emotion score `{s}` is not a whole number from 1 to 5"),
            )
            .with_hint("1 is very negative, 3 neutral, 5 very positive")
        })
}

fn level(row: &Row, column: &str) -> Result<Level, ReadError> {
    let v = row.get(column).trim();
    if v.is_empty() {
        return Ok(Level::default());
    }
    Level::ALL
        .into_iter()
        .find(|l| l.name().eq_ignore_ascii_case(v))
        .ok_or_else(|| {
            row.err(
                column,
                format!("{column} `{v}` is not one of Low, Medium, High"),
            )
        })
}

fn status(row: &Row) -> Result<Status, ReadError> {
    let v = row.get("status").trim();
    if v.is_empty() {
        return Ok(Status::default());
    }
    Status::ALL
        .into_iter()
        .find(|s| s.name().eq_ignore_ascii_case(v) || s.label().eq_ignore_ascii_case(v))
        .ok_or_else(|| {
            row.err(
                "status",
                format!("status `{v}` is not one of Idea, Planned, InProgress, Done, Dropped"),
            )
        })
}

/// An empty cell is no votes, as a spreadsheet user who never voted leaves it.
fn votes(row: &Row) -> Result<u32, ReadError> {
    let v = row.get("votes").trim();
    if v.is_empty() {
        return Ok(0);
    }
    v.parse::<u32>().map_err(|_| {
        row.err(
            "votes",
            format!(
                "votes `{v}` is not a whole number from 0, at most {}",
                u32::MAX
            ),
        )
    })
}

/// An optimization's impact or effort: empty is unscored, else a whole number
/// 1–5, refused at its cell like the map file refuses it.
fn rating(row: &Row, column: &str) -> Result<Option<u8>, ReadError> {
    let v = row.get(column).trim();
    if v.is_empty() {
        return Ok(None);
    }
    match v.parse::<u8>() {
        Ok(r) if crate::model::RATING_RANGE.contains(&r) => Ok(Some(r)),
        _ => Err(row.err(
            column,
            format!("{column} `{v}` is not a whole number from 1 to 5"),
        )),
    }
}

fn number(row: &Row, column: &str) -> Result<Option<f64>, ReadError> {
    let v = row.get(column).trim();
    if v.is_empty() {
        return Ok(None);
    }
    v.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(Some)
        .ok_or_else(|| row.err(column, format!("{column} `{v}` is not a number")))
}

/// The map from what the rows said.
pub(super) fn finish(m: MapDraft, stages: Stages) -> Result<JourneyMap, ReadError> {
    let ids: Vec<&str> = m.evidence.iter().map(|(_, e)| e.id.as_str()).collect();
    for (cell, noun, cited) in &m.citations {
        for id in cited {
            if !ids.contains(&id.as_str()) {
                let mut e = cell.error(format!(
                    "{noun} cites evidence `{id}`, which the map does not hold"
                ));
                e = match nearest(id, &ids) {
                    Some(n) => e.with_hint(format!("did you mean `{n}`?")),
                    None => e.with_hint("add a row of lane `evidence` with this `evidence_id`"),
                };
                return Err(e);
            }
        }
    }
    let drafts = stages.list;
    let mut people = personas(m.personas).into_iter();
    let mut map = JourneyMap::new(&m.title.unwrap_or_else(|| DEFAULT_TITLE.into()), "");
    map.persona = people.next().unwrap_or_else(|| Persona {
        name: DEFAULT_PERSONA.into(),
        ..Persona::default()
    });
    map.other_personas = people.collect();
    let ids: Vec<&str> = map.personas().map(|p| p.id.as_str()).collect();
    for (cell, named) in &m.persona_refs {
        for id in named {
            if id.is_empty() || !ids.contains(&id.as_str()) {
                let mut e = cell.error(format!("no persona `{id}` in this map"));
                e = match nearest(id, &ids) {
                    Some(n) => e.with_hint(format!("did you mean `{n}`?")),
                    None => e.with_hint(
                        "add her rows (`persona.name` with this id in `persona`) or empty the cell",
                    ),
                };
                return Err(e);
            }
        }
    }
    let first = map.persona.id.clone();
    map.summary = m.summary;
    map.framework = m.framework;
    map.objectives = sorted(m.objectives);
    map.evidence = sorted(m.evidence);
    map.lanes = lane_list(m.lanes);
    let explicit: HashSet<String> = drafts.iter().map(|d| d.id.clone()).collect();
    let mut taken: HashSet<String> = HashSet::new();
    for d in drafts {
        let id = if d.id.is_empty() {
            unique_slug(&d.name, |s| explicit.contains(s) || taken.contains(s))
        } else {
            d.id
        };
        if d.name.trim().is_empty() {
            return Err(d.name_at.error(format!("stage `{id}` has no name")));
        }
        taken.insert(id.clone());
        let l = d.lanes;
        map.stages.push(Stage {
            id,
            name: d.name,
            goal: d.goal,
            actions: sorted(l.actions),
            thoughts: sorted(l.thoughts),
            touchpoints: sorted(l.touchpoints),
            emotions: sorted(l.emotions)
                .into_iter()
                .map(|mut e| {
                    if !first.is_empty() && e.persona == first {
                        e.persona.clear();
                    }
                    e
                })
                .collect(),
            pain_points: sorted(l.pain_points),
            optimizations: sorted(l.optimizations),
            metrics: sorted(l.metrics),
            extra: Cells(
                l.extra
                    .into_iter()
                    .map(|(id, items)| (id, sorted(items)))
                    .collect(),
            ),
            evidence: d.evidence,
        });
    }
    map.normalize_lanes();
    Ok(map)
}

/// The map's lanes in the rows' order. A journey lane no row lists goes in
/// after the journey lane before it (first when none is), so a hand-made table
/// that lists only its own lanes still has all seven.
fn lane_list(rows: Vec<(u64, LaneDef, Cell)>) -> Vec<LaneDef> {
    if rows.is_empty() {
        return Vec::new();
    }
    let mut lanes = sorted(rows.into_iter().map(|(p, d, _)| (p, d)).collect());
    for (k, lane) in Lane::ALL.into_iter().enumerate() {
        if lanes.iter().any(|d| d.id == lane.key()) {
            continue;
        }
        let before = Lane::ALL.get(..k).unwrap_or_default();
        let at = lanes
            .iter()
            .rposition(|d| before.iter().any(|b| b.key() == d.id))
            .map_or(0, |i| i + 1);
        lanes.insert(at, LaneDef::journey(lane));
    }
    lanes
}

#[cfg(test)]
mod tests {
    #[test]
    fn votes_past_the_largest_count_are_refused_with_the_largest_named() {
        let mut m = crate::format::load_str(include_str!("../../tests/data/design-example.ron"))
            .unwrap()
            .map;
        m.stages[0].pain_points[0].votes = 3;
        let csv = crate::export::csv::export(&m);
        assert!(super::parse(&csv).is_ok());
        let bad = csv.replacen(",3,,\r\n", ",4294967296,,\r\n", 1);
        assert_ne!(bad, csv);
        let e = super::parse(&bad).unwrap_err().to_string();
        assert!(
            e.contains("votes `4294967296` is not a whole number from 0, at most 4294967295"),
            "{e}"
        );
    }
}
