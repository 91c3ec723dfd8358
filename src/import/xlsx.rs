//! A workbook read back into a map: what `export::xlsx` writes, and the tables a
//! client fills in by hand, one sheet per lane (`Pain points`, `KPIs`…).
//!
//! Each sheet's rows become the rows of the CSV import (`import::csv`), with the
//! sheet's lane added, and go through its one set of rules: a bad cell is
//! refused whole, named by sheet and cell (`Pain points!C7: …`), and nothing is
//! half-imported. What is tolerated is what a hand-made table does: columns in
//! any order, headings in any case, with spaces or underscores, the text column
//! called `Text` or after what it holds (`Pain point`), rows above the heading
//! row (a title), blank rows, and sheets cjm does not know (a client's notes).
//! A sheet whose name is close to one cjm reads is refused with the name it
//! meant, so a typo does not drop a lane. The `Map` grid is for reading only.

use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::csv::{MapDraft, Origin, Row, Stages, cell_name, finish, read_row};
use crate::export::csv::{COLUMNS, EVIDENCE_LANE, GOAL_LANE, LANE_DEF_LANE};
use crate::export::xlsx::{
    ABOUT_SHEET, CITED_BY, EVIDENCE_SHEET, LANE_ITEMS_KEY, LANE_ITEMS_SHEET, LANES_SHEET,
    MAP_SHEET, STAGES_SHEET, text_heading,
};
use crate::format::{Pos, ReadError, nearest};
use crate::model::{JourneyMap, Lane};

/// What a sheet holds, by its name.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    About,
    Stages,
    Lane(Lane),
    Evidence,
    /// The map's lanes (format 6), one per row.
    Lanes,
    /// The extra lanes' items; each row names its lane.
    LaneItems,
    Grid,
}

impl Kind {
    /// The `lane` of its rows: the sheet stands for it (`About` rows say theirs).
    fn lane(self) -> Option<&'static str> {
        match self {
            Kind::Stages => Some(GOAL_LANE),
            Kind::Lane(l) => Some(l.key()),
            Kind::Evidence => Some(EVIDENCE_LANE),
            Kind::Lanes => Some(LANE_DEF_LANE),
            Kind::About | Kind::LaneItems | Kind::Grid => None,
        }
    }

    /// What its headings are keyed by (`export::xlsx::heading`).
    fn heading_key(self) -> &'static str {
        match self {
            Kind::LaneItems => LANE_ITEMS_KEY,
            k => k.lane().unwrap_or(""),
        }
    }

    /// The columns its heading row may name.
    fn columns(self) -> Vec<&'static str> {
        match self {
            Kind::About => crate::export::xlsx::about_columns(true),
            Kind::Stages => crate::export::xlsx::sheet_columns(GOAL_LANE, true, true),
            Kind::Lane(l) => crate::export::xlsx::sheet_columns(l.key(), true, true),
            Kind::Evidence => {
                let mut c = crate::export::xlsx::sheet_columns(EVIDENCE_LANE, true, true);
                c.push(CITED_BY);
                c
            }
            Kind::Lanes => crate::export::xlsx::sheet_columns(LANE_DEF_LANE, true, true),
            Kind::LaneItems => crate::export::xlsx::lane_item_columns(true, true),
            Kind::Grid => Vec::new(),
        }
    }
}

/// Lower case, spaces, `-` and `_` alike, surrounding spaces gone.
fn key(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The sheet names cjm reads and what each holds: a lane by its title
/// (`Pain points`) or its key (`pain_points`).
fn kinds() -> Vec<(String, Kind)> {
    let mut v = vec![
        (key(ABOUT_SHEET), Kind::About),
        (key(STAGES_SHEET), Kind::Stages),
        (key(MAP_SHEET), Kind::Grid),
        (key(EVIDENCE_SHEET), Kind::Evidence),
        (key(LANES_SHEET), Kind::Lanes),
        (key(LANE_ITEMS_SHEET), Kind::LaneItems),
    ];
    for l in Lane::ALL {
        v.push((key(l.title()), Kind::Lane(l)));
        v.push((key(l.key()), Kind::Lane(l)));
    }
    v
}

pub fn parse(bytes: &[u8]) -> Result<JourneyMap, ReadError> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        ReadError::new(
            Pos::START,
            format!("not an Excel workbook (.xlsx): {e}"),
            Some("save it from the spreadsheet as an Excel workbook (.xlsx)"),
        )
    })?;
    let sheets = sorted_sheets(&book.sheet_names())?;
    if sheets.is_empty() {
        let mut names: Vec<&str> = Lane::ALL.iter().map(|l| l.title()).collect();
        names.extend([STAGES_SHEET, ABOUT_SHEET]);
        return Err(
            ReadError::new(Pos::START, "the workbook has no sheet cjm reads", None).with_hint(
                format!("name a sheet after what it holds: {}", names.join(", ")),
            ),
        );
    }
    let mut tables = Vec::new();
    for (name, kind) in sheets {
        let cells = cells(&mut book, &name)?;
        tables.push(table(&name, kind, &cells)?);
    }
    let mut map = MapDraft::default();
    let mut stages = Stages::default();
    for t in &tables {
        for (at, record) in &t.rows {
            let row = Row {
                record: record.clone(),
                columns: &t.columns,
                origin: Origin::Sheet {
                    name: &t.name,
                    cols: &t.cols,
                },
                at: *at,
            };
            read_row(&row, &mut map, &mut stages)?;
        }
    }
    finish(map, stages)
}

/// A sheet's cells that hold something, by row and column (0-based). Read cell
/// by cell: a workbook that claims a vast sheet (a cell at A1 and one at
/// XFD1048576) costs only the cells it has, where a dense grid would not fit in
/// memory.
type Cells = BTreeMap<u32, BTreeMap<u32, Data>>;

/// The most filled cells a sheet may have: far above any map (the largest test
/// map is a few thousand items of a handful of cells), far below what would hurt
/// a laptop when a small file unpacks into a vast sheet.
const MAX_CELLS: usize = 4_000_000;

fn cells(book: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<Cells, ReadError> {
    let unreadable = |e: calamine::XlsxError| {
        ReadError::new(
            Pos::START,
            format!("sheet {name} cannot be read: {e}"),
            None,
        )
    };
    let mut reader = book.worksheet_cells_reader(name).map_err(unreadable)?;
    let mut out = Cells::new();
    let mut count = 0usize;
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        let value = Data::from(cell.get_value().clone());
        if value == Data::Empty {
            continue;
        }
        let (row, col) = cell.get_position();
        out.entry(row).or_default().insert(col, value);
        count += 1;
        if count > MAX_CELLS {
            return Err(ReadError::new(
                Pos::START,
                format!("sheet {name} has more than {MAX_CELLS} filled cells, more than cjm reads"),
                None,
            ));
        }
    }
    Ok(out)
}

/// The sheets to read, in the order that keeps stages in order: `About`, then
/// `Stages`, then the lanes in the map's order. A name close to a known one is a
/// typo, refused; two sheets for one lane are refused too.
fn sorted_sheets(names: &[String]) -> Result<Vec<(String, Kind)>, ReadError> {
    let known = kinds();
    let known_keys: Vec<&str> = known.iter().map(|(k, _)| k.as_str()).collect();
    let mut found: Vec<(String, Kind)> = Vec::new();
    for name in names {
        let k = key(name);
        match known.iter().find(|(n, _)| *n == k) {
            Some((_, Kind::Grid)) => {}
            Some((_, kind)) => {
                if let Some((other, _)) = found.iter().find(|(_, f)| f == kind) {
                    return Err(ReadError::new(
                        Pos::START,
                        format!("sheets {other} and {name} hold the same lane"),
                        Some("keep one of them"),
                    ));
                }
                found.push((name.clone(), *kind));
            }
            None => {
                if let Some(near) = nearest(&k, &known_keys)
                    && let Some((_, kind)) = known.iter().find(|(n, _)| n == near)
                {
                    let meant = match kind {
                        Kind::Lane(l) => l.title(),
                        Kind::About => ABOUT_SHEET,
                        Kind::Stages => STAGES_SHEET,
                        Kind::Evidence => EVIDENCE_SHEET,
                        Kind::Lanes => LANES_SHEET,
                        Kind::LaneItems => LANE_ITEMS_SHEET,
                        Kind::Grid => MAP_SHEET,
                    };
                    return Err(ReadError::new(
                        Pos::START,
                        format!("sheet {name} is not one cjm reads"),
                        None,
                    )
                    .with_hint(format!("did you mean {meant}?")));
                }
            }
        }
    }
    // The lanes first: an item's row names its lane by id.
    let rank = |k: &Kind| match k {
        Kind::Lanes => 0,
        Kind::About => 1,
        Kind::Stages => 2,
        Kind::Lane(l) => 3 + l.index(),
        Kind::LaneItems => 3 + Lane::ALL.len(),
        Kind::Evidence => 4 + Lane::ALL.len(),
        Kind::Grid => usize::MAX,
    };
    found.sort_by_key(|(_, k)| rank(k));
    Ok(found)
}

/// A sheet's rows as the CSV reader takes them: each record holds the cells
/// under the sheet's headings as text, then the sheet's lane.
struct Table {
    name: String,
    /// The sheet column of each record cell but the lane.
    cols: Vec<u32>,
    columns: HashMap<&'static str, usize>,
    /// Each data row's 0-based number on the sheet, with its cells.
    rows: Vec<(usize, csv::StringRecord)>,
}

fn table(name: &str, kind: Kind, cells: &Cells) -> Result<Table, ReadError> {
    let allowed = kind.columns();
    let at = |r: u32| usize::try_from(r).unwrap_or(usize::MAX);
    let as_text = |r: u32, c: u32, d: &Data| text(d).map_err(|m| cell_error(name, at(r), c, m));
    let mut rows = cells.iter();
    // The heading row: the first that names a column this sheet takes.
    let mut columns = HashMap::new();
    let mut cols = Vec::new();
    let mut heading_row = None;
    for (&r, row) in rows.by_ref() {
        let mut heads = Vec::new();
        for (&c, d) in row {
            heads.push((c, as_text(r, c, d)?));
        }
        if !heads
            .iter()
            .any(|(_, h)| column(h, kind, &allowed).is_some())
        {
            continue;
        }
        for (c, h) in heads {
            if h.trim().is_empty() {
                continue;
            }
            let Some(known) = column(&h, kind, &allowed) else {
                let names: Vec<String> = allowed.iter().map(|c| heading(c, kind)).collect();
                return Err(cell_error(
                    name,
                    at(r),
                    c,
                    format!("unknown column `{}` on sheet {name}", h.trim()),
                )
                .with_hint(format!("its columns are {}", names.join(", "))));
            };
            if columns.insert(known, cols.len()).is_some() {
                return Err(cell_error(
                    name,
                    at(r),
                    c,
                    format!("column `{}` appears twice", heading(known, kind)),
                ));
            }
            cols.push(c);
        }
        heading_row = Some(r);
        break;
    }
    let Some(heading_row) = heading_row else {
        // An empty sheet (a lane nobody filled) says nothing; a sheet with
        // cells but no heading row is refused rather than skipped.
        let Some((&r, row)) = cells.iter().next() else {
            return Ok(Table {
                name: name.to_string(),
                cols,
                columns,
                rows: Vec::new(),
            });
        };
        let c = row.keys().next().copied().unwrap_or(0);
        let names: Vec<String> = allowed.iter().map(|c| heading(c, kind)).collect();
        return Err(
            cell_error(name, at(r), c, format!("sheet {name} has no heading row")).with_hint(
                format!("put the column names above the table: {}", names.join(", ")),
            ),
        );
    };
    if !columns.contains_key("text") {
        let c = cols.first().copied().unwrap_or(0);
        return Err(cell_error(
            name,
            at(heading_row),
            c,
            format!("sheet {name} has no `{}` column", heading("text", kind)),
        ));
    }
    let width = cols.len();
    if kind.lane().is_some() {
        columns.insert("lane", width);
    }
    let mut out = Vec::new();
    for (&r, row) in rows {
        let mut record = vec![String::new(); width];
        for (&c, d) in row {
            let t = as_text(r, c, d)?;
            match cols.iter().position(|&h| h == c) {
                Some(i) => {
                    if let Some(slot) = record.get_mut(i) {
                        *slot = t;
                    }
                }
                // A filled cell under no heading would be lost: refused.
                None if !t.trim().is_empty() => {
                    return Err(cell_error(
                        name,
                        at(r),
                        c,
                        format!("this cell (`{}`) is in a column with no heading", t.trim()),
                    ));
                }
                None => {}
            }
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if let Some(lane) = kind.lane() {
            record.push(lane.to_string());
        }
        out.push((at(r), csv::StringRecord::from(record)));
    }
    Ok(Table {
        name: name.to_string(),
        cols,
        columns,
        rows: out,
    })
}

/// The heading of `column` on a sheet of `kind`.
fn heading(column: &str, kind: Kind) -> String {
    crate::export::xlsx::heading(column, kind.heading_key())
}

/// The CSV column a heading names on a sheet of `kind`: its CSV name or its
/// heading in any case, or `Text` for the text column.
fn column(h: &str, kind: Kind, allowed: &[&'static str]) -> Option<&'static str> {
    let k = key(h);
    if k.is_empty() {
        return None;
    }
    let text = key(text_heading(kind.heading_key()));
    if k == "text" || k == text {
        return allowed.iter().find(|c| **c == "text").copied();
    }
    allowed
        .iter()
        .find(|c| key(c) == k || key(&heading(c, kind)) == k)
        .copied()
        .filter(|c| COLUMNS.contains(c) || *c == CITED_BY)
}

/// A cell's value as the CSV reader takes it. A formula's result is read (what
/// the spreadsheet shows); an error value is refused.
fn text(d: &Data) -> Result<String, String> {
    Ok(match d {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Float(v) => v.to_string(),
        Data::Int(v) => v.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        // A day typed into a date cell (an evidence `Date`) reads as the
        // `YYYY-MM-DD` a map holds; a time or a duration stays its number.
        Data::DateTime(v) => match v.to_ymd_hms_milli() {
            (y, m, d, 0, 0, 0, 0) if v.is_datetime() => format!("{y:04}-{m:02}-{d:02}"),
            _ => v.as_f64().to_string(),
        },
        Data::Error(e) => return Err(format!("the cell holds the error {e}")),
    })
}

fn cell_error(sheet: &str, row: usize, col: u32, message: impl Into<String>) -> ReadError {
    ReadError::new(Pos::START, message, None).at_cell(cell_name(sheet, row, col))
}
