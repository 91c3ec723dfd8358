//! Excel: a formatted workbook for people who live in spreadsheets, and that
//! `import::xlsx` reads back whole.
//!
//! - `Map`: the journey as a grid, stages as columns and lanes as rows, for
//!   reading (the import leaves it alone);
//! - one sheet per lane (`Doing` … `KPIs`), a table with the lane's columns:
//!   exactly the rows and columns of the CSV export (`export::csv::rows` and
//!   `export::csv::columns`), so the two never disagree on where a field goes;
//!   the `KPIs` sheet has each KPI's current value and target;
//! - `Stages`: every stage with its goal, in order (so an empty stage survives);
//! - `About`: the map's own fields (title, persona…), one per row;
//! - `Evidence` (only for a map that holds evidence): each piece of research
//!   with its fields and, for reading, what cites it; the lane sheets and
//!   `Stages` then gain an `Evidence` column of cited ids.
//!
//! Text is written as text cells, which a spreadsheet never runs; a text that
//! would read as a formula when typed (`=`, `+`, `-`, `@`…, as the CSV guards) is
//! also given Excel's quote prefix, so editing the cell keeps it text. Numbers
//! (position, score, votes, current, target) are number cells.
//!
//! The workbook's creation date is fixed, so the same map gives the same bytes.

use rust_xlsxwriter::{
    Color, DataValidation, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder,
    Workbook, Worksheet, XlsxError,
};

use super::csv::{self, EVIDENCE_LANE, GOAL_LANE, LANE_DEF_LANE, MAP_LANES, Row, Value};
use crate::model::{JourneyMap, Lane, Level, Stage, Status};

/// The sheets the import reads, besides one per lane (named by `Lane::title`).
pub const STAGES_SHEET: &str = "Stages";
pub const ABOUT_SHEET: &str = "About";
/// The grid, for reading only.
pub const MAP_SHEET: &str = "Map";
/// The map's evidence, written only when it holds some.
pub const EVIDENCE_SHEET: &str = "Evidence";
/// The `Evidence` sheet's last column: what cites each piece, for reading (the
/// citations themselves are on the citing rows; the import skips this column).
pub const CITED_BY: &str = "cited_by";
/// The map's lanes (format 6), one row each in the grid's order: only in the
/// workbook of a map that lists them.
pub const LANES_SHEET: &str = "Lanes";
/// Every item of the extra lanes, its `Lane` column naming the lane by id:
/// one sheet, since a lane's title may be too long or too odd for a sheet name.
pub const LANE_ITEMS_SHEET: &str = "Lane items";
/// What the headings of the `Lane items` sheet are keyed by (no row has it).
pub const LANE_ITEMS_KEY: &str = "lane items";

/// The columns of the `Lane items` sheet, in order.
pub fn lane_item_columns(evidence: bool, personas: bool) -> Vec<&'static str> {
    let mut c = vec![
        "stage_id", "stage", "lane", "position", "text", "owner", "channel", "serves",
    ];
    if evidence {
        c.push("evidence");
    }
    if personas {
        c.push("personas");
    }
    c
}

/// The heading of `column` (a CSV column name) on a sheet: the text column is
/// named for what it holds (`Pain point`, `Goal`, `Value`), the others read as
/// words (`stage_id` is `Stage id`). The import takes either form, in any case.
pub fn heading(column: &str, lane: &str) -> String {
    match column {
        "text" => text_heading(lane).to_string(),
        "lane" if lane == LANE_ITEMS_KEY => "Lane".to_string(),
        "lane" => "Field".to_string(),
        "lane_id" => "Id".to_string(),
        "evidence_id" => "Id".to_string(),
        other => crate::model::wording::capitalise(&other.replace('_', " ")),
    }
}

/// What the text column of `lane`'s sheet holds.
pub fn text_heading(lane: &str) -> &'static str {
    match Lane::from_key(lane) {
        Some(Lane::Actions) => "Action",
        Some(Lane::Thoughts) => "Thought",
        Some(Lane::Touchpoints) => "Touchpoint",
        Some(Lane::Emotions) => "Emotion",
        Some(Lane::PainPoints) => "Pain point",
        Some(Lane::Optimizations) => "Optimization",
        Some(Lane::Metrics) => "KPI",
        Some(Lane::Extra(_)) => "Text",
        None if lane == GOAL_LANE => "Goal",
        None if lane == EVIDENCE_LANE || lane == LANE_ITEMS_KEY => "Text",
        None if lane == LANE_DEF_LANE => "Title",
        None => "Value",
    }
}

/// The columns of `lane`'s sheet, in order: where the item is, then its text,
/// then its other fields (evidence: its fields, then the quote). The `evidence`
/// column of cited ids only when `evidence` (the map holds some), and the
/// `persona` and `personas` columns only when `personas` (the map names
/// personas by id), so a workbook of a map without them is as before.
pub fn sheet_columns(lane: &str, evidence: bool, personas: bool) -> Vec<&'static str> {
    let fields = csv::columns(lane).iter().filter(|c| match **c {
        "evidence" => evidence,
        "persona" | "personas" => personas,
        _ => true,
    });
    let (place, rest): (Vec<&str>, Vec<&str>) =
        fields.partition(|c| matches!(**c, "stage_id" | "stage" | "position"));
    let mut out = place;
    if lane == EVIDENCE_LANE {
        out.extend(rest);
        out.push("text");
    } else {
        out.push("text");
        out.extend(rest);
    }
    out
}

/// The columns of the `About` sheet: which field, its place in a list, its text
/// and a trait's value.
pub const ABOUT_COLUMNS: [&str; 4] = ["lane", "position", "text", "note"];

/// The `About` sheet's columns: `ABOUT_COLUMNS`, then whose field a row is
/// when `personas` (the map names personas by id).
pub fn about_columns(personas: bool) -> Vec<&'static str> {
    let mut c = ABOUT_COLUMNS.to_vec();
    if personas {
        c.push("persona");
    }
    c
}

pub fn export(map: &JourneyMap) -> Vec<u8> {
    // Building in memory fails only on a bug in the sheet layout (a bad name or
    // cell); an empty file then says "not a workbook" rather than a panic.
    build(map).unwrap_or_default()
}

struct Styles {
    title: Format,
    header: Format,
    lane: Format,
    cell: Format,
    guarded: Format,
    number: Format,
}

fn styles() -> Styles {
    let border = |f: Format| f.set_border(FormatBorder::Thin).set_border_color(0xd9e2ec);
    Styles {
        title: Format::new()
            .set_bold()
            .set_font_size(16)
            .set_font_color(0x2f5d8a),
        header: border(
            Format::new()
                .set_bold()
                .set_font_color(Color::White)
                .set_background_color(0x2f5d8a)
                .set_text_wrap()
                .set_align(FormatAlign::Top),
        ),
        lane: border(
            Format::new()
                .set_bold()
                .set_background_color(0xe4ecf4)
                .set_text_wrap()
                .set_align(FormatAlign::Top),
        ),
        cell: border(Format::new().set_text_wrap().set_align(FormatAlign::Top)),
        guarded: border(
            Format::new()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_quote_prefix(),
        ),
        number: border(Format::new().set_align(FormatAlign::Top)),
    }
}

fn build(map: &JourneyMap) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(map.title.as_str())
            .set_creation_datetime(&created),
    );
    let st = styles();
    let rows = csv::rows(map);
    let ev = csv::carries_evidence(map);
    let ps = csv::carries_personas(map);
    grid(wb.add_worksheet().set_name(MAP_SHEET)?, map, &st)?;
    for lane in Lane::ALL {
        let mine: Vec<&Row> = rows.iter().filter(|r| r.lane() == lane.key()).collect();
        let sheet = wb.add_worksheet().set_name(lane.title())?;
        table(
            sheet,
            lane.key(),
            &sheet_columns(lane.key(), ev, ps),
            &mine,
            &st,
        )?;
    }
    let goals: Vec<&Row> = rows.iter().filter(|r| r.lane() == GOAL_LANE).collect();
    let sheet = wb.add_worksheet().set_name(STAGES_SHEET)?;
    table(
        sheet,
        GOAL_LANE,
        &sheet_columns(GOAL_LANE, ev, ps),
        &goals,
        &st,
    )?;
    let about: Vec<&Row> = rows
        .iter()
        .filter(|r| MAP_LANES.contains(&r.lane()))
        .collect();
    let sheet = wb.add_worksheet().set_name(ABOUT_SHEET)?;
    table(sheet, "", &about_columns(ps), &about, &st)?;
    if map.has_lanes() {
        let defs: Vec<&Row> = rows.iter().filter(|r| r.lane() == LANE_DEF_LANE).collect();
        let sheet = wb.add_worksheet().set_name(LANES_SHEET)?;
        let columns = sheet_columns(LANE_DEF_LANE, ev, ps);
        table(sheet, LANE_DEF_LANE, &columns, &defs, &st)?;
        let ids: Vec<&str> = map.extra_lanes().iter().map(|l| l.key()).collect();
        let items: Vec<&Row> = rows
            .iter()
            .filter(|r| ids.contains(&r.lane()) && !matches!(r.get("stage_id"), Value::Empty))
            .collect();
        let sheet = wb.add_worksheet().set_name(LANE_ITEMS_SHEET)?;
        table(
            sheet,
            LANE_ITEMS_KEY,
            &lane_item_columns(ev, ps),
            &items,
            &st,
        )?;
    }
    if ev {
        let evidence: Vec<&Row> = rows.iter().filter(|r| r.lane() == EVIDENCE_LANE).collect();
        let sheet = wb.add_worksheet().set_name(EVIDENCE_SHEET)?;
        let columns = sheet_columns(EVIDENCE_LANE, true, ps);
        table(sheet, EVIDENCE_LANE, &columns, &evidence, &st)?;
        let c = u16::try_from(columns.len()).unwrap_or(u16::MAX);
        sheet.write_string_with_format(0, c, heading(CITED_BY, EVIDENCE_LANE), &st.header)?;
        sheet.set_column_width(c, 40.0)?;
        for (r, e) in (1u32..).zip(&map.evidence) {
            text(
                sheet,
                r,
                c,
                &super::evidence::cited_by(map, &e.id).join("\n"),
                &st,
            )?;
        }
    }
    wb.save_to_buffer()
}

/// A text cell, with the quote prefix when it would read as a formula.
fn text(ws: &mut Worksheet, row: u32, col: u16, s: &str, st: &Styles) -> Result<(), XlsxError> {
    let f = if csv::formula_like(s) {
        &st.guarded
    } else {
        &st.cell
    };
    ws.write_string_with_format(row, col, s, f)?;
    Ok(())
}

/// One sheet of rows: a header row, frozen and filtered, then a row per item.
fn table(
    ws: &mut Worksheet,
    lane: &str,
    columns: &[&str],
    rows: &[&Row],
    st: &Styles,
) -> Result<(), XlsxError> {
    for (c, column) in (0u16..).zip(columns) {
        ws.write_string_with_format(0, c, heading(column, lane), &st.header)?;
        let width = match *column {
            "text" => 60.0,
            "note" | "stage" | "owner" | "from" | "link" | "evidence" => 28.0,
            "lane" => 22.0,
            _ => 12.0,
        };
        ws.set_column_width(c, width)?;
    }
    for (r, row) in (1u32..).zip(rows) {
        for (c, column) in (0u16..).zip(columns) {
            match row.get(column) {
                Value::Empty => {}
                Value::Text(s) => text(ws, r, c, s, st)?,
                Value::Number(v) => {
                    ws.write_number_with_format(r, c, *v, &st.number)?;
                }
            }
        }
    }
    choices(ws, columns, rows.len())?;
    ws.set_freeze_panes(1, 0)?;
    let last_col = u16::try_from(columns.len().saturating_sub(1)).unwrap_or(0);
    let last_row = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    ws.autofilter(0, 0, last_row, last_col)?;
    Ok(())
}

/// Rows below the last item that still offer the lists, for items a client adds.
const ROOM: u32 = 500;

/// A drop-down of the values cjm reads in the severity, priority and status
/// columns, so a hand-filled cell cannot be misspelt; the list is a hint (Excel
/// still takes another value after a warning), and the import checks anyway.
fn choices(ws: &mut Worksheet, columns: &[&str], rows: usize) -> Result<(), XlsxError> {
    let levels: Vec<&str> = Level::ALL.iter().map(|l| l.name()).collect();
    let statuses: Vec<&str> = Status::ALL.iter().map(|s| s.name()).collect();
    let last = u32::try_from(rows).unwrap_or(u32::MAX).saturating_add(ROOM);
    for (c, column) in (0u16..).zip(columns) {
        let list = match *column {
            "severity" | "priority" => &levels,
            "status" => &statuses,
            _ => continue,
        };
        let v = DataValidation::new()
            .allow_list_strings(list)?
            .set_error_style(rust_xlsxwriter::DataValidationErrorStyle::Warning)
            .set_error_message(format!("cjm reads {}", list.join(", ")))?;
        ws.add_data_validation(1, c, last, c, &v)?;
    }
    Ok(())
}

/// The journey as a grid: the title, then a row of stages, their goals and one
/// row per lane, each cell the lane's items one per line.
fn grid(ws: &mut Worksheet, map: &JourneyMap, st: &Styles) -> Result<(), XlsxError> {
    ws.write_string_with_format(0, 0, &map.title, &st.title)?;
    let who = |p: &crate::model::Persona| {
        if p.role.is_empty() {
            p.name.clone()
        } else {
            format!("{} — {}", p.name, p.role)
        }
    };
    let persona = if super::personas::several(map) {
        let all: Vec<String> = map.personas().map(who).collect();
        format!("Personas: {}", all.join("; "))
    } else {
        who(&map.persona)
    };
    text(ws, 1, 0, &persona, st)?;
    let top = 3;
    ws.write_string_with_format(top, 0, "Stage", &st.header)?;
    ws.set_column_width(0, 18.0)?;
    let lanes = map.lane_sequence();
    let mut labels: Vec<String> = vec!["Goal".to_string()];
    labels.extend(lanes.iter().map(|l| map.lane_title(*l)));
    let curves = map.curves();
    if super::personas::several(map) {
        for (_, p, _) in &curves {
            labels.push(format!("Emotion (mean): {}", p.name));
        }
    } else {
        labels.push("Emotion (mean)".to_string());
    }
    for (r, label) in (top + 1..).zip(&labels) {
        ws.write_string_with_format(r, 0, label.as_str(), &st.lane)?;
    }
    for (c, stage) in (1u16..).zip(&map.stages) {
        ws.set_column_width(c, 36.0)?;
        ws.write_string_with_format(top, c, &stage.name, &st.header)?;
        text(ws, top + 1, c, &stage.goal, st)?;
        for (r, lane) in (top + 2..).zip(&lanes) {
            text(ws, r, c, &cell(map, stage, *lane), st)?;
        }
        let first_mean = top + 2 + u32::try_from(lanes.len()).unwrap_or(0);
        for (mean_row, (_, _, curve)) in (first_mean..).zip(&curves) {
            match curve.get(usize::from(c) - 1).copied().flatten() {
                Some(v) => ws.write_number_with_format(
                    mean_row,
                    c,
                    (v * 100.0).round() / 100.0,
                    &st.number,
                )?,
                None => ws.write_string_with_format(mean_row, c, "", &st.cell)?,
            };
        }
    }
    ws.set_freeze_panes(top + 1, 1)?;
    Ok(())
}

/// A lane of a stage as one cell: an item per line, with the fields a reader
/// needs beside it (`[high] text (2 votes)`); on a map of several personas,
/// whose an emotion is and which personas an item is for.
fn cell(map: &JourneyMap, s: &Stage, lane: Lane) -> String {
    let mut lines = lines(s, lane);
    for (line, ids) in lines.iter_mut().zip(s.persona_sets(lane)) {
        if let Some(tag) = super::personas::item_tag(map, ids) {
            line.push_str(&format!(" [{tag}]"));
        }
    }
    if lane == Lane::Emotions {
        for (line, e) in lines.iter_mut().zip(&s.emotions) {
            if let Some((_, who)) = super::personas::emotion_owner(map, e) {
                *line = format!("{who}: {line}");
            }
        }
    }
    lines.join("\n")
}

/// Each item of a lane of a stage as a line of its cell.
fn lines(s: &Stage, lane: Lane) -> Vec<String> {
    let votes = |n: u32| match n {
        0 => String::new(),
        1 => " (1 vote)".to_string(),
        n => format!(" ({n} votes)"),
    };
    let lines: Vec<String> = match lane {
        Lane::Actions | Lane::Thoughts => s.text_lane(lane).unwrap_or_default().to_vec(),
        Lane::Touchpoints => s
            .touchpoints
            .iter()
            .map(|t| match t.channel.as_str() {
                "" => t.name.clone(),
                ch => format!("{} ({ch})", t.name),
            })
            .collect(),
        Lane::Emotions => s
            .emotions
            .iter()
            .map(|e| format!("{} ({})", e.label, e.score))
            .collect(),
        Lane::PainPoints => s
            .pain_points
            .iter()
            .map(|p| format!("[{}] {}{}", p.severity.label(), p.text, votes(p.votes)))
            .collect(),
        Lane::Optimizations => s
            .optimizations
            .iter()
            .map(|o| {
                let owner = if o.owner.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", o.owner)
                };
                let scores = o.score_label();
                let scores = if scores.is_empty() {
                    scores
                } else {
                    format!(" ({scores})")
                };
                format!(
                    "[{}, {}] {}{owner}{scores}{}",
                    o.priority.label(),
                    o.status.label(),
                    o.text,
                    votes(o.votes)
                )
            })
            .collect(),
        Lane::Metrics => s
            .metrics
            .iter()
            .map(|m| {
                let v = |x: Option<f64>| x.map_or("—".to_string(), |x| x.to_string());
                let unit = if m.unit.is_empty() {
                    String::new()
                } else {
                    format!(" {}", m.unit)
                };
                format!("{}: {}{unit} → {}{unit}", m.name, v(m.current), v(m.target))
            })
            .collect(),
        Lane::Extra(_) => s
            .extra_items(lane)
            .iter()
            .map(crate::model::wording::lane_item)
            .collect(),
    };
    lines
}
