//! CSV: one row per item, for spreadsheets and scripts. Besides the stage lanes,
//! the map's own fields (title, objectives, persona…) are rows with an empty stage,
//! and every stage has a `goal` row (even with an empty goal, so an empty stage
//! survives), which makes `import::csv` give back the whole map.
//!
//! The rows (`rows`) are also the tables of the workbook export (`export::xlsx`),
//! which writes each lane's rows on a sheet of their own with the columns
//! `columns` gives for the lane: one definition of which field goes where.
//!
//! Formula injection: a text cell that a spreadsheet would run as a formula (it
//! starts with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a `'` in front.
//! So that the import can remove exactly what the export added, a text that really
//! starts with `'` gets one too: the import strips one leading `'` from every text
//! cell. Number cells (`position`, `score`, `current`, `target`, `votes`, `impact`,
//! `effort`) are written by cjm
//! from numbers and never neutralised, so spreadsheets can still compute with them.
//!
//! Evidence (format 5) adds six columns after `effort`, only when the map holds
//! evidence, so the CSV of a map without research keeps its exact bytes: an
//! `evidence` cell lists what a stage (on its `goal` row) or an item cites, and
//! each piece of evidence is a row of lane `evidence` whose `text` is the quote
//! and whose `evidence_id`, `source`, `from`, `date` and `link` are its fields.
//!
//! Lanes (format 6) add four columns after those, only when the map lists its
//! lanes: a row of lane `lane` per lane in the grid's order (`lane_id`, `kind`,
//! `holds`, the title in `text`), and an extra lane's items as rows whose `lane`
//! is the lane's id, with `owner`, `channel`, `serves` and `evidence`.
//!
//! Personas (format 7) add two columns after those, only when the map has
//! personas with ids: `persona` says whose a `persona.*` row or an emotion is
//! (every persona's fields are rows, her `persona.name` row with her place in
//! `position`), and `personas` lists the ids an item belongs to (empty for an
//! item of every persona).

use crate::model::{Evidence, JourneyMap, Lane, Level, Stage, Status};
use crate::text::{display, is_bidi, is_control};

/// The columns of a map without evidence, in order. `import::csv` looks columns
/// up by name (`COLUMNS`). `votes` came last, with format 2, and `impact` and
/// `effort` after it with format 4, so scripts that count columns still find the
/// others.
pub const HEADER: [&str; 18] = [
    "stage_id", "stage", "lane", "position", "text", "channel", "score", "severity", "owner",
    "priority", "status", "current", "target", "unit", "note", "votes", "impact", "effort",
];

/// The columns evidence (format 5) adds after `HEADER`, written only for a map
/// that holds evidence: what a row cites, then an evidence row's own fields.
pub const EVIDENCE_COLUMNS: [&str; 6] =
    ["evidence", "evidence_id", "source", "from", "date", "link"];

/// The columns lanes (format 6) add after `EVIDENCE_COLUMNS`, written only for
/// a map that lists its lanes (with the evidence columns, empty when the map
/// holds none): a `lane` row's id, kind and holds, and what an extra lane's
/// item serves.
pub const LANE_COLUMNS: [&str; 4] = ["lane_id", "kind", "holds", "serves"];

/// The columns personas (format 7) add after `LANE_COLUMNS`, written only for
/// a map with personas (with the columns before them, empty when unused):
/// whose a persona's row or an emotion is, and the personas of an item.
pub const PERSONA_COLUMNS: [&str; 2] = ["persona", "personas"];

/// True when the export carries the persona columns: the map names personas
/// by id (`JourneyMap::has_personas`).
pub fn carries_personas(map: &JourneyMap) -> bool {
    map.has_personas()
}

/// Every column the import knows: `HEADER`, `EVIDENCE_COLUMNS`, `LANE_COLUMNS`,
/// `PERSONA_COLUMNS`.
pub const COLUMNS: [&str; 30] = [
    "stage_id",
    "stage",
    "lane",
    "position",
    "text",
    "channel",
    "score",
    "severity",
    "owner",
    "priority",
    "status",
    "current",
    "target",
    "unit",
    "note",
    "votes",
    "impact",
    "effort",
    "evidence",
    "evidence_id",
    "source",
    "from",
    "date",
    "link",
    "lane_id",
    "kind",
    "holds",
    "serves",
    "persona",
    "personas",
];

/// The `lane` of a piece of evidence's row.
pub const EVIDENCE_LANE: &str = "evidence";

/// How the ids in an `evidence` or a `personas` cell are joined; the import
/// also takes `;` and spaces, as a person typing a list might.
pub const CITATION_SEPARATOR: &str = ", ";

/// True when the export carries the evidence columns: the map holds evidence
/// (or cites some, which validation refuses, but an export should not drop).
pub fn carries_evidence(map: &JourneyMap) -> bool {
    map.has_evidence() || map.has_citations()
}

/// The `lane` of a row that defines one of the map's lanes (format 6): its
/// `text` is the title, `position` its place in the grid.
pub const LANE_DEF_LANE: &str = "lane";

/// The columns a row of an extra lane's item fills besides `lane` and `text`:
/// its `lane` cell is the lane's id.
pub const LANE_ITEM_COLUMNS: [&str; 8] = [
    "stage_id", "stage", "position", "channel", "owner", "evidence", "serves", "personas",
];

/// The `lane` of a stage's own row, whose `text` is the stage's goal.
pub const GOAL_LANE: &str = "goal";

/// Lanes of the rows that hold the map's own fields (the stage columns are empty).
pub const MAP_LANES: [&str; 13] = crate::model::MAP_FIELD_KEYS;

/// True for text a spreadsheet would take for a formula when typed or read from a
/// CSV: it starts with `=`, `+`, `-`, `@`, a tab or a carriage return.
pub fn formula_like(s: &str) -> bool {
    matches!(s.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'))
}

/// The export's escape for a text cell (see the module docs).
pub fn neutralise(s: &str) -> String {
    if formula_like(s) || s.starts_with('\'') {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// The columns a row of `lane` fills besides `lane` and `text`, in `HEADER`
/// order; the import refuses a filled cell anywhere else, and the workbook's
/// sheet for the lane has exactly these columns.
pub fn columns(lane: &str) -> &'static [&'static str] {
    const STAGE: [&str; 3] = ["stage_id", "stage", "position"];
    match lane {
        "title" | "summary" | "framework" => &[],
        "persona.role" | "persona.quote" | "persona.summary" => &["persona"],
        "persona.name" => &["position", "persona"],
        "objectives" => &["position"],
        "persona.goals" | "persona.needs" | "persona.frustrations" | "persona.behaviors" => {
            &["position", "persona"]
        }
        "persona.traits" => &["position", "note", "persona"],
        GOAL_LANE => &["stage_id", "stage", "evidence"],
        "actions" | "thoughts" => &STAGE,
        "touchpoints" => &[
            "stage_id", "stage", "position", "channel", "note", "evidence", "personas",
        ],
        "emotions" => &[
            "stage_id", "stage", "position", "score", "note", "evidence", "persona",
        ],
        "pain_points" => &[
            "stage_id", "stage", "position", "severity", "votes", "evidence", "personas",
        ],
        "optimizations" => &[
            "stage_id", "stage", "position", "owner", "priority", "status", "votes", "impact",
            "effort", "evidence", "personas",
        ],
        "metrics" => &[
            "stage_id", "stage", "position", "current", "target", "unit", "evidence", "personas",
        ],
        EVIDENCE_LANE => &["position", "evidence_id", "source", "from", "date", "link"],
        LANE_DEF_LANE => &["position", "lane_id", "kind", "holds"],
        _ => &[],
    }
}

/// One cell of the table: text, a number cjm wrote (never neutralised, so a
/// spreadsheet computes with it), or nothing.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    #[default]
    Empty,
    Text(String),
    Number(f64),
}

impl Value {
    /// The CSV cell.
    fn csv(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(s) => neutralise(s),
            Value::Number(v) => v.to_string(),
        }
    }
}

/// The import's inverse of `neutralise`: one leading `'` removed.
pub fn restore(s: &str) -> &str {
    s.strip_prefix('\'').unwrap_or(s)
}

/// One row of the table, its cells in `COLUMNS` order: every cell empty until set.
#[derive(Debug, Default)]
pub struct Row {
    pub cells: [Value; 30],
}

impl Row {
    fn text(mut self, col: usize, s: &str) -> Row {
        if let Some(c) = self.cells.get_mut(col) {
            *c = Value::Text(s.to_string());
        }
        self
    }

    fn number(mut self, col: usize, v: impl Into<f64>) -> Row {
        if let Some(c) = self.cells.get_mut(col) {
            *c = Value::Number(v.into());
        }
        self
    }

    /// What an element cites, as one cell (empty when nothing).
    fn cites(self, ids: &[String]) -> Row {
        if ids.is_empty() {
            self
        } else {
            self.text(EVIDENCE, &ids.join(CITATION_SEPARATOR))
        }
    }

    /// The personas an item belongs to, as one cell (empty for every persona).
    fn personas(self, ids: &[String]) -> Row {
        if ids.is_empty() {
            self
        } else {
            self.text(PERSONAS, &ids.join(CITATION_SEPARATOR))
        }
    }

    /// Whose row it is: empty for the first persona's emotion (it has no key).
    fn persona(self, id: &str) -> Row {
        if id.is_empty() {
            self
        } else {
            self.text(PERSONA, id)
        }
    }

    /// The cell of `column` (a `COLUMNS` name).
    pub fn get(&self, column: &str) -> &Value {
        const EMPTY: &Value = &Value::Empty;
        COLUMNS
            .iter()
            .position(|h| *h == column)
            .and_then(|i| self.cells.get(i))
            .unwrap_or(EMPTY)
    }

    /// The row's `lane`.
    pub fn lane(&self) -> &str {
        match self.cells.get(LANE) {
            Some(Value::Text(s)) => s,
            _ => "",
        }
    }
}

/// A position in a list as the table writes it, from 1.
fn place(i: usize) -> f64 {
    // Exact for any list a map can hold (below 2^53 items).
    (i + 1) as f64
}

const STAGE_ID: usize = 0;
const STAGE: usize = 1;
const LANE: usize = 2;
const POSITION: usize = 3;
const TEXT: usize = 4;
const CHANNEL: usize = 5;
const SCORE: usize = 6;
const SEVERITY: usize = 7;
const OWNER: usize = 8;
const PRIORITY: usize = 9;
const STATUS: usize = 10;
const CURRENT: usize = 11;
const TARGET: usize = 12;
const UNIT: usize = 13;
const NOTE: usize = 14;
const VOTES: usize = 15;
const IMPACT: usize = 16;
const EFFORT: usize = 17;
const EVIDENCE: usize = 18;
const EVIDENCE_ID: usize = 19;
const SOURCE: usize = 20;
const FROM: usize = 21;
const DATE: usize = 22;
const LINK: usize = 23;
const LANE_ID: usize = 24;
const KIND: usize = 25;
const HOLDS: usize = 26;
const SERVES: usize = 27;
const PERSONA: usize = 28;
const PERSONAS: usize = 29;

/// The whole map as rows: the map's own fields, then each stage's goal and
/// items, then the evidence.
pub fn rows(map: &JourneyMap) -> Vec<Row> {
    let mut rows = Vec::new();
    map_rows(map, &mut rows);
    for (i, d) in map.lanes.iter().enumerate() {
        rows.push(
            Row::default()
                .text(LANE, LANE_DEF_LANE)
                .number(POSITION, place(i))
                .text(TEXT, &d.title)
                .text(LANE_ID, &d.id)
                .text(KIND, d.kind.name())
                .text(HOLDS, d.holds.name()),
        );
    }
    for s in &map.stages {
        stage_rows(map, s, &mut rows);
    }
    for (i, e) in map.evidence.iter().enumerate() {
        rows.push(evidence_row(i, e));
    }
    rows
}

fn evidence_row(i: usize, e: &Evidence) -> Row {
    Row::default()
        .text(LANE, EVIDENCE_LANE)
        .number(POSITION, place(i))
        .text(TEXT, &e.text)
        .text(EVIDENCE_ID, &e.id)
        .text(SOURCE, e.source.name())
        .text(FROM, &e.from)
        .text(DATE, &e.date)
        .text(LINK, &e.link)
}

pub fn export(map: &JourneyMap) -> String {
    let rows = rows(map);
    let width = if carries_personas(map) {
        COLUMNS.len()
    } else if map.has_lanes() {
        HEADER.len() + EVIDENCE_COLUMNS.len() + LANE_COLUMNS.len()
    } else if carries_evidence(map) {
        HEADER.len() + EVIDENCE_COLUMNS.len()
    } else {
        HEADER.len()
    };
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to memory does not fail; an error would only lose rows, never panic.
    let _ = w.write_record(COLUMNS.iter().take(width));
    for r in &rows {
        let _ = w.write_record(r.cells.iter().take(width).map(Value::csv));
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The export made safe to show on a terminal, or `None` when it already is. CSV
/// has no escape for control characters, so a terminal gets cjm's visible escapes
/// (`\u{1b}`, `\r`, as everywhere cjm prints map text) and the line breaks
/// between rows as they are; a file or a pipe gets the exact bytes.
pub fn for_terminal(csv: &str) -> Option<String> {
    let mut chars = csv.chars().peekable();
    let mut out = String::with_capacity(csv.len());
    let mut changed = false;
    while let Some(c) = chars.next() {
        let line_end = c == '\n' || (c == '\r' && chars.peek() == Some(&'\n'));
        if !line_end && (is_control(c) || is_bidi(c)) {
            out.push_str(&display(c.encode_utf8(&mut [0; 4])));
            changed = true;
        } else {
            out.push(c);
        }
    }
    changed.then_some(out)
}

fn map_rows(map: &JourneyMap, rows: &mut Vec<Row>) {
    let one = |lane: &str, text: &str| Row::default().text(LANE, lane).text(TEXT, text);
    let many = |rows: &mut Vec<Row>, lane: &str, items: &[String]| {
        for (i, t) in items.iter().enumerate() {
            rows.push(one(lane, t).number(POSITION, place(i)));
        }
    };
    rows.push(one("title", &map.title));
    if !map.summary.is_empty() {
        rows.push(one("summary", &map.summary));
    }
    if !map.framework.is_empty() {
        rows.push(one("framework", &map.framework));
    }
    many(rows, "objectives", &map.objectives);
    // A map with several personas numbers each one's `persona.name` row, so
    // a sorted sheet still says which persona is the first.
    let several = map.persona_count() > 1;
    for (k, p) in map.personas().enumerate() {
        let mut name = one("persona.name", &p.name).persona(&p.id);
        if several {
            name = name.number(POSITION, place(k));
        }
        rows.push(name);
        for (lane, v) in [
            ("persona.role", &p.role),
            ("persona.quote", &p.quote),
            ("persona.summary", &p.summary),
        ] {
            if !v.is_empty() {
                rows.push(one(lane, v).persona(&p.id));
            }
        }
        for (lane, items) in [
            ("persona.goals", &p.goals),
            ("persona.needs", &p.needs),
            ("persona.frustrations", &p.frustrations),
            ("persona.behaviors", &p.behaviors),
        ] {
            for (i, t) in items.iter().enumerate() {
                rows.push(one(lane, t).number(POSITION, place(i)).persona(&p.id));
            }
        }
        for (i, (label, value)) in p.traits.iter().enumerate() {
            rows.push(
                one("persona.traits", label)
                    .number(POSITION, place(i))
                    .text(NOTE, value)
                    .persona(&p.id),
            );
        }
    }
}

fn stage_rows(map: &JourneyMap, s: &Stage, rows: &mut Vec<Row>) {
    let row = |lane: &str, i: usize, text: &str| {
        Row::default()
            .text(STAGE_ID, &s.id)
            .text(STAGE, &s.name)
            .text(LANE, lane)
            .number(POSITION, place(i))
            .text(TEXT, text)
    };
    rows.push(
        Row::default()
            .text(STAGE_ID, &s.id)
            .text(STAGE, &s.name)
            .text(LANE, GOAL_LANE)
            .text(TEXT, &s.goal)
            .cites(&s.evidence),
    );
    for lane in map.lane_sequence() {
        let key = lane.key();
        match lane {
            Lane::Actions | Lane::Thoughts => {
                let items = s.text_lane(lane).unwrap_or_default();
                for (i, t) in items.iter().enumerate() {
                    rows.push(row(key, i, t));
                }
            }
            Lane::Touchpoints => {
                for (i, t) in s.touchpoints.iter().enumerate() {
                    rows.push(
                        row(key, i, &t.name)
                            .text(CHANNEL, &t.channel)
                            .text(NOTE, &t.note)
                            .cites(&t.evidence)
                            .personas(&t.personas),
                    );
                }
            }
            Lane::Emotions => {
                for (i, e) in s.emotions.iter().enumerate() {
                    rows.push(
                        row(key, i, &e.label)
                            .number(SCORE, score(e.score))
                            .text(NOTE, &e.note)
                            .cites(&e.evidence)
                            .persona(&e.persona),
                    );
                }
            }
            Lane::PainPoints => {
                for (i, p) in s.pain_points.iter().enumerate() {
                    rows.push(
                        row(key, i, &p.text)
                            .text(SEVERITY, level(p.severity))
                            .number(VOTES, p.votes)
                            .cites(&p.evidence)
                            .personas(&p.personas),
                    );
                }
            }
            Lane::Optimizations => {
                for (i, o) in s.optimizations.iter().enumerate() {
                    let mut r = row(key, i, &o.text)
                        .text(OWNER, &o.owner)
                        .text(PRIORITY, level(o.priority))
                        .text(STATUS, status(o.status))
                        .number(VOTES, o.votes);
                    // Unscored stays an empty cell, not 0, so it imports as unscored.
                    if let Some(v) = o.impact {
                        r = r.number(IMPACT, v);
                    }
                    if let Some(v) = o.effort {
                        r = r.number(EFFORT, v);
                    }
                    rows.push(r.cites(&o.evidence).personas(&o.personas));
                }
            }
            Lane::Metrics => {
                for (i, m) in s.metrics.iter().enumerate() {
                    let mut r = row(key, i, &m.name).text(UNIT, &m.unit);
                    if let Some(v) = m.current {
                        r = r.number(CURRENT, v);
                    }
                    if let Some(v) = m.target {
                        r = r.number(TARGET, v);
                    }
                    rows.push(r.cites(&m.evidence).personas(&m.personas));
                }
            }
            Lane::Extra(_) => {
                for (i, item) in s.extra_items(lane).iter().enumerate() {
                    rows.push(
                        row(key, i, &item.text)
                            .text(CHANNEL, &item.channel)
                            .text(OWNER, &item.owner)
                            .text(SERVES, &item.serves)
                            .cites(&item.evidence)
                            .personas(&item.personas),
                    );
                }
            }
        }
    }
}

/// An emotion score (1–5 in a valid map) as a number cell.
fn score(s: i64) -> f64 {
    // Exact for every score a map can hold; a score past 2^53 is invalid anyway.
    s as f64
}

fn level(l: Level) -> &'static str {
    l.name()
}

fn status(s: Status) -> &'static str {
    s.name()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralise_round_trips() {
        for s in [
            "=1+1", "+x", "-2", "@SUM(A1)", "\tx", "\rx", "'q", "''", "plain", "",
        ] {
            assert_eq!(restore(&neutralise(s)), s);
        }
        assert_eq!(neutralise("=HYPERLINK()"), "'=HYPERLINK()");
        assert_eq!(neutralise("ok"), "ok");
    }
}
