//! The Excel workbook both ways: a round trip gives the same map (golden,
//! hostile, examples, generated), the file is the same bytes every time, text
//! that reads as a formula stays text, a table a client made by hand imports
//! (headings in any order and case, a title row, blank rows), and a bad cell is
//! refused by sheet and cell with nothing written.

mod common;

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use cjm::export::{self, Format};
use cjm::import::{self, From};
use cjm::model::{JourneyMap, Level};
use proptest::prelude::*;
use rust_xlsxwriter::Workbook;

fn round_trip(m: &JourneyMap) -> JourneyMap {
    let bytes = export::export(m, Format::Xlsx);
    import::import(&bytes, From::Xlsx).unwrap().map
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes.to_vec())).unwrap()
}

fn example(name: &str) -> JourneyMap {
    let bytes = std::fs::read(common::root().join("maps").join(name)).unwrap();
    cjm::format::load(&bytes).unwrap().map
}

#[test]
fn round_trips_the_golden_hostile_and_example_maps() {
    let mut maps = vec![common::golden(), common::hostile()];
    for n in [
        "espresso.ron",
        "hospital-visit.ron",
        "magazine-subscription.ron",
        "saas-trial.ron",
    ] {
        maps.push(example(n));
    }
    for m in maps {
        assert_eq!(round_trip(&m), m, "{}", m.title);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn round_trips_generated_maps(m in common::map()) {
        prop_assert_eq!(round_trip(&m), m);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// A damaged workbook: an error or a valid map, never a panic.
    #[test]
    fn damaged_workbooks_never_panic(
        hits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
    ) {
        let good = export::export(&common::golden(), Format::Xlsx);
        let mut bad = good.clone();
        for (i, b) in &hits {
            let at = i.index(bad.len());
            bad[at] = *b;
        }
        for input in [&bad[..], &good[..cut.index(good.len())]] {
            if let Ok(i) = import::import(input, From::Xlsx) {
                prop_assert!(cjm::format::errors(&i.map).is_empty());
            }
        }
    }
}

#[test]
fn the_same_map_gives_the_same_bytes() {
    let m = common::golden();
    assert_eq!(
        export::export(&m, Format::Xlsx),
        export::export(&m, Format::Xlsx)
    );
}

#[test]
fn the_workbook_has_the_grid_a_sheet_per_lane_and_the_kpis() {
    let m = common::golden();
    let mut book = open(&export::export(&m, Format::Xlsx));
    assert_eq!(
        book.sheet_names(),
        [
            "Map",
            "Doing",
            "Thinking",
            "Touchpoints",
            "Emotions",
            "Pain points",
            "Optimizations",
            "KPIs",
            "Stages",
            "About"
        ]
    );
    // The grid: stages across, lanes down.
    let grid = book.worksheet_range("Map").unwrap();
    assert_eq!(grid.get_value((0, 0)), Some(&Data::String(m.title.clone())));
    assert_eq!(
        grid.get_value((3, 1)),
        Some(&Data::String(m.stages[0].name.clone()))
    );
    assert_eq!(
        grid.get_value((9, 0)),
        Some(&Data::String("Pain points".into()))
    );
    let pains = match grid.get_value((9, 1)) {
        Some(Data::String(s)) => s.clone(),
        other => panic!("{other:?}"),
    };
    for p in &m.stages[0].pain_points {
        assert!(pains.contains(&p.text), "{pains}");
    }
    // The KPIs with current and target as numbers.
    let kpis = book.worksheet_range("KPIs").unwrap();
    let head: Vec<String> = kpis
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert_eq!(
        head,
        [
            "Stage id", "Stage", "Position", "KPI", "Current", "Target", "Unit"
        ]
    );
    let metric = &m.stages[0].metrics[0];
    let row = kpis.rows().nth(1).unwrap();
    assert_eq!(row[3], Data::String(metric.name.clone()));
    assert_eq!(row[4], Data::Float(metric.current.unwrap()));
    assert_eq!(row[5], Data::Float(metric.target.unwrap()));
    // Every field of a pain point.
    let pp = book.worksheet_range("Pain points").unwrap();
    let head: Vec<String> = pp
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert_eq!(
        head,
        [
            "Stage id",
            "Stage",
            "Position",
            "Pain point",
            "Severity",
            "Votes"
        ]
    );
    // A drop-down of what the import reads, for a client filling it in.
    let bytes = export::export(&m, Format::Xlsx);
    let sheet = unzip(&bytes, "xl/worksheets/sheet6.xml");
    assert!(
        sheet.contains("<formula1>\"Low,Medium,High\"</formula1>"),
        "{sheet}"
    );
    let sheet = unzip(&bytes, "xl/worksheets/sheet7.xml");
    assert!(
        sheet.contains("<formula1>\"Low,Medium,High\"</formula1>")
            && sheet.contains("<formula1>\"Idea,Planned,InProgress,Done,Dropped\"</formula1>"),
        "{sheet}"
    );
}

#[test]
fn text_that_reads_as_a_formula_stays_text() {
    let mut m = common::golden();
    let texts = [
        "=HYPERLINK(\"http://x\",\"click\")",
        "+1",
        "-2",
        "@SUM(A1)",
        "'quoted",
    ];
    for t in texts {
        m.stages[0].pain_points.push(cjm::model::PainPoint {
            personas: Vec::new(),
            text: t.into(),
            severity: Level::High,
            votes: 1,
            evidence: Vec::new(),
        });
    }
    let bytes = export::export(&m, Format::Xlsx);
    let mut book = open(&bytes);
    // No cell is a formula, and each text is there exactly, without a guard added.
    for name in book.sheet_names() {
        let f = book.worksheet_formula(&name).unwrap();
        assert!(
            f.used_cells().all(|(_, _, s)| s.is_empty()),
            "{name}: a formula"
        );
    }
    let pp = book.worksheet_range("Pain points").unwrap();
    let cells: Vec<String> = pp.rows().map(|r| r[3].to_string()).collect();
    for t in texts {
        assert!(cells.iter().any(|c| c == t), "{t} not in {cells:?}");
    }
    // Excel's quote prefix keeps a re-edited cell text: it is in the styles.
    let styles = unzip(&bytes, "xl/styles.xml");
    assert!(styles.contains("quotePrefix=\"1\""), "{styles}");
    assert_eq!(round_trip(&m), m);
}

#[test]
fn evidence_has_its_sheet_and_citations_a_column_only_when_the_map_holds_some() {
    let m = example("saas-trial.ron");
    let mut book = open(&export::export(&m, Format::Xlsx));
    assert_eq!(
        book.sheet_names().last().map(String::as_str),
        Some("Evidence")
    );
    let ev = book.worksheet_range("Evidence").unwrap();
    let head: Vec<String> = ev
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert_eq!(
        head,
        [
            "Position", "Id", "Source", "From", "Date", "Link", "Text", "Cited by"
        ]
    );
    for (row, e) in ev.rows().skip(1).zip(&m.evidence) {
        assert_eq!(row[1], Data::String(e.id.clone()));
        assert_eq!(row[6], Data::String(e.text.clone()));
        let cited_by = row[7].to_string();
        for path in m.cited_by(&e.id) {
            if let cjm::model::Path::Item(s, _, _) = path {
                assert!(cited_by.contains(&m.stages[s].name), "{cited_by}");
            }
        }
    }
    let pp = book.worksheet_range("Pain points").unwrap();
    let head: Vec<String> = pp
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert_eq!(head.last().map(String::as_str), Some("Evidence"));
    // Without evidence: no sheet, no column (the golden test above).
    let golden = open(&export::export(&common::golden(), Format::Xlsx));
    assert!(!golden.sheet_names().iter().any(|n| n == "Evidence"));
}

#[test]
fn a_citation_of_evidence_the_workbook_lacks_is_named_by_sheet_and_cell() {
    let mut m = example("saas-trial.ron");
    let (s, i) = m
        .stages
        .iter()
        .enumerate()
        .find_map(|(s, st)| {
            st.pain_points
                .iter()
                .position(|p| !p.evidence.is_empty())
                .map(|i| (s, i))
        })
        .unwrap();
    m.stages[s].pain_points[i].evidence = vec!["int-99".into()];
    let bytes = export::export(&m, Format::Xlsx);
    let e = import::import(&bytes, From::Xlsx).unwrap_err().to_string();
    let row = 2
        + m.stages[..s]
            .iter()
            .map(|st| st.pain_points.len())
            .sum::<usize>()
        + i;
    assert!(
        e.starts_with(&format!(
            "Pain points!G{row}: pain point cites evidence `int-99`, which the map does not hold"
        )),
        "{e}"
    );
}

#[test]
fn an_evidence_date_typed_as_a_spreadsheet_date_imports_as_that_day() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Evidence").unwrap();
    for (c, h) in ["Id", "Source", "Date", "Text"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "int-01").unwrap();
    ws.write_string(1, 1, "support ticket").unwrap();
    let day = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 3, 12).unwrap();
    let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    ws.write_datetime_with_format(1, 2, &day, &format).unwrap();
    ws.write_string(1, 3, "Invites land in spam").unwrap();
    let m = import::import(&wb.save_to_buffer().unwrap(), From::Xlsx)
        .unwrap()
        .map;
    assert_eq!(m.evidence.len(), 1);
    assert_eq!(m.evidence[0].date, "2026-03-12");
    assert_eq!(m.evidence[0].source, cjm::model::Source::SupportTicket);
}

/// One file of the workbook (a zip).
fn unzip(bytes: &[u8], member: &str) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).unwrap();
    let mut f = z.by_name(member).unwrap();
    let mut out = String::new();
    std::io::Read::read_to_string(&mut f, &mut out).unwrap();
    out
}

// ------------------------------------------------------- a hand-made workbook

/// A client's `Pain points` table: a title row, a blank row, headings in their
/// own order and case, blank rows between the data; and one cell typed wrong
/// when `severity_c7` is given (the severity column is C, the 7th row).
fn hand_made(severity_c7: &str, extra_sheet: Option<&str>) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Pain points").unwrap();
    ws.write_string(0, 0, "Pain points from the March workshop")
        .unwrap();
    for (c, h) in ["STAGE", "pain point", "Severity", "votes"]
        .iter()
        .enumerate()
    {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let rows: [(&str, &str, &str, f64); 3] = [
        ("Book", "Card declined twice", "high", 3.0),
        ("Check-in", "Queue at the desk", "Medium", 0.0),
        ("Book", "Photos are old", "low", 1.0),
    ];
    let mut r = 3;
    for (stage, text, sev, votes) in rows {
        ws.write_string(r, 0, stage).unwrap();
        ws.write_string(r, 1, text).unwrap();
        ws.write_string(r, 2, sev).unwrap();
        ws.write_number(r, 3, votes).unwrap();
        r += 1;
    }
    // Row 7 (0-based 6), after a blank row.
    r += 1;
    assert_eq!(r, 7);
    ws.write_string(6, 0, "Stay").unwrap();
    ws.write_string(6, 1, "Wi-Fi drops").unwrap();
    ws.write_string(6, 2, severity_c7).unwrap();
    if let Some(name) = extra_sheet {
        wb.add_worksheet().set_name(name).unwrap();
    }
    wb.save_to_buffer().unwrap()
}

/// A pain point as the test compares it: text, severity, votes.
type Pain = (String, Level, u32);

#[test]
fn a_hand_made_table_imports() {
    let m = import::import(&hand_made("HIGH", Some("Notes")), From::Xlsx)
        .unwrap()
        .map;
    let got: Vec<(String, Vec<Pain>)> = m
        .stages
        .iter()
        .map(|s| {
            (
                s.name.clone(),
                s.pain_points
                    .iter()
                    .map(|p| (p.text.clone(), p.severity, p.votes))
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "Book".to_string(),
                vec![
                    ("Card declined twice".to_string(), Level::High, 3),
                    ("Photos are old".to_string(), Level::Low, 1)
                ]
            ),
            (
                "Check-in".to_string(),
                vec![("Queue at the desk".to_string(), Level::Medium, 0)]
            ),
            (
                "Stay".to_string(),
                vec![("Wi-Fi drops".to_string(), Level::High, 0)]
            ),
        ]
    );
    assert_eq!(m.title, import::DEFAULT_TITLE);
    assert!(cjm::format::errors(&m).is_empty());
}

#[test]
fn a_bad_cell_is_named_by_sheet_and_cell() {
    let e = import::import(&hand_made("hihg", None), From::Xlsx).unwrap_err();
    assert_eq!(
        e.to_string(),
        "Pain points!C7: severity `hihg` is not one of Low, Medium, High"
    );
    let e = import::import(&hand_made("high", Some("Pain pionts")), From::Xlsx).unwrap_err();
    assert!(
        e.to_string()
            .contains("sheet Pain pionts is not one cjm reads"),
        "{e}"
    );
    assert!(e.to_string().contains("did you mean Pain points?"), "{e}");
    // A heading cjm does not know, at its cell.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("KPIs").unwrap();
    for (c, h) in ["Stage", "KPI", "Current", "Goal value"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let e = import::import(&wb.save_to_buffer().unwrap(), From::Xlsx).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("KPIs!D1: unknown column `Goal value` on sheet KPIs"),
        "{e}"
    );
    assert!(e.to_string().contains("Target"), "{e}");
    // Not a workbook at all.
    let e = import::import(b"stage,lane,text\n", From::Xlsx).unwrap_err();
    assert!(
        e.to_string().contains("not an Excel workbook (.xlsx)"),
        "{e}"
    );
}

#[test]
fn a_workbook_claiming_a_vast_sheet_costs_only_its_cells() {
    // A1 and the last cell Excel has: a dense grid would be 17 billion cells.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Pain points").unwrap();
    ws.write_string(0, 0, "Stage").unwrap();
    ws.write_string(0, 1, "Pain point").unwrap();
    ws.write_string(1, 0, "Book").unwrap();
    ws.write_string(1, 1, "Slow").unwrap();
    ws.write_string(1_048_575, 16_383, "far away").unwrap();
    let e = import::import(&wb.save_to_buffer().unwrap(), From::Xlsx).unwrap_err();
    assert_eq!(
        e.to_string(),
        "Pain points!XFD1048576: this cell (`far away`) is in a column with no heading"
    );
}

// ---------------------------------------------------------------- the command

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    common::cjm().current_dir(dir).args(args).output().unwrap()
}

#[test]
fn export_then_import_on_the_command_line_gives_the_canonical_map() {
    let dir = tempfile::tempdir().unwrap();
    let src = common::root().join("tests/data/design-example.ron");
    let src = src.to_str().unwrap();
    let o = run(
        dir.path(),
        &["export", src, "--format", "xlsx", "-o", "m.xlsx"],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.stdout.is_empty());
    let o = run(
        dir.path(),
        &["import", "m.xlsx", "--from", "xlsx", "-o", "m.ron"],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let back = std::fs::read_to_string(dir.path().join("m.ron")).unwrap();
    assert_eq!(back, cjm::format::write(&common::golden()));
    // Through a pipe too: the bytes on standard output are the workbook.
    let o = run(dir.path(), &["export", src, "--format", "xlsx"]);
    assert_eq!(o.stdout, std::fs::read(dir.path().join("m.xlsx")).unwrap());
}

#[test]
fn a_bad_workbook_is_refused_whole_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("hand.xlsx"), hand_made("hihg", None)).unwrap();
    let o = run(
        dir.path(),
        &["import", "hand.xlsx", "--from", "xlsx", "-o", "out.ron"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "cjm: hand.xlsx: Pain points!C7: severity `hihg` is not one of Low, Medium, High\n"
    );
    assert!(!dir.path().join("out.ron").exists());
    assert!(o.stdout.is_empty());
}

#[test]
fn a_service_blueprint_round_trips_with_a_lanes_sheet_and_a_lane_items_sheet() {
    let m = example("hotel-blueprint.ron");
    assert_eq!(round_trip(&m), m);
    let bytes = export::export(&m, Format::Xlsx);
    let mut book = open(&bytes);
    let names = book.sheet_names();
    assert!(names.contains(&"Lanes".to_string()), "{names:?}");
    assert!(names.contains(&"Lane items".to_string()), "{names:?}");
    let lanes = book.worksheet_range("Lanes").unwrap();
    let heads: Vec<String> = lanes
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert_eq!(heads, ["Position", "Title", "Id", "Kind", "Holds"]);
    let items = book.worksheet_range("Lane items").unwrap();
    let rows: Vec<Vec<String>> = items
        .rows()
        .map(|r| r.iter().map(|d| d.to_string()).collect())
        .collect();
    assert_eq!(
        rows[0],
        [
            "Stage id", "Stage", "Lane", "Position", "Text", "Owner", "Channel", "Serves",
            "Evidence", "Personas"
        ]
    );
    assert!(rows.iter().any(|r| r[2] == "frontstage"
        && r[4] == "Receptionist checks the guest in and offers to store the luggage"
        && r[5] == "Front desk"
        && r[7] == "Checks in at the front desk"));
    // The grid shows every lane under its title, in the map's order.
    let grid = book.worksheet_range("Map").unwrap();
    let labels: Vec<String> = grid
        .rows()
        .filter_map(|r| r.first().map(|d| d.to_string()))
        .collect();
    let titles: Vec<String> = m.lane_sequence().iter().map(|l| m.lane_title(*l)).collect();
    let at = labels.iter().position(|l| *l == titles[0]).unwrap();
    assert_eq!(labels[at..at + titles.len()], titles[..]);
    // A map without lanes has neither sheet.
    let plain = open(&export::export(&common::golden(), Format::Xlsx)).sheet_names();
    assert!(!plain.iter().any(|n| n.starts_with("Lane")), "{plain:?}");
}

/// A sheet's rows as text.
fn sheet(bytes: &[u8], name: &str) -> Vec<Vec<String>> {
    open(bytes)
        .worksheet_range(name)
        .unwrap()
        .rows()
        .map(|r| r.iter().map(|d| d.to_string()).collect())
        .collect()
}

#[test]
fn a_workbook_of_several_personas_says_whose_each_row_is() {
    let m = example("hotel-blueprint.ron");
    let bytes = export::export(&m, Format::Xlsx);
    let about = sheet(&bytes, "About");
    assert_eq!(about[0], ["Field", "Position", "Value", "Note", "Persona"]);
    assert!(
        about
            .iter()
            .any(|r| r[0] == "persona.name" && r[2] == "Jonas Weber" && r[4] == "jonas")
    );
    assert!(
        about
            .iter()
            .any(|r| r[0] == "persona.name" && r[1] == "1" && r[2] == "Marta Silva")
    );
    let emotions = sheet(&bytes, "Emotions");
    let persona = emotions[0].iter().position(|h| h == "Persona").unwrap();
    assert!(emotions.iter().any(|r| r[persona] == "jonas"));
    let pains = sheet(&bytes, "Pain points");
    let personas = pains[0].iter().position(|h| h == "Personas").unwrap();
    assert!(
        pains
            .iter()
            .any(|r| r[personas] == "jonas" && r[3].contains("corporate rate"))
    );
    // The grid names both personas and a mean emotion row for each.
    let grid = sheet(&bytes, "Map");
    let all: Vec<String> = grid.concat();
    assert!(all.iter().any(|c| c.starts_with("Personas: Marta Silva")));
    assert!(all.iter().any(|c| c == "Emotion (mean): Jonas Weber"));
    assert!(all.iter().any(|c| c.contains("[Jonas Weber only]")));
    // A workbook of one persona has no persona columns.
    let plain = export::export(&common::golden(), Format::Xlsx);
    assert_eq!(
        sheet(&plain, "About")[0],
        ["Field", "Position", "Value", "Note"]
    );
}

#[test]
fn an_item_of_a_lane_the_lanes_sheet_lacks_is_named_by_sheet_and_cell() {
    let mut wb = Workbook::new();
    let lanes = wb.add_worksheet().set_name("Lanes").unwrap();
    for (c, h) in ["Id", "Title", "Kind"].iter().enumerate() {
        lanes.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["front-desk", "Front desk", "Frontstage"]
        .iter()
        .enumerate()
    {
        lanes.write_string(1, c as u16, *v).unwrap();
    }
    let items = wb.add_worksheet().set_name("Lane items").unwrap();
    for (c, h) in ["Stage", "Lane", "Text", "Owner"].iter().enumerate() {
        items.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in [
        "Arrival",
        "front-desk",
        "Hands over the key",
        "Receptionist",
    ]
    .iter()
    .enumerate()
    {
        items.write_string(1, c as u16, *v).unwrap();
    }
    for (c, v) in ["Arrival", "frontdesk", "Smiles", ""].iter().enumerate() {
        items.write_string(2, c as u16, *v).unwrap();
    }
    let bytes = wb.save_to_buffer().unwrap();
    let e = import::import(&bytes, From::Xlsx).unwrap_err().to_string();
    assert!(e.contains("Lane items!B3"), "{e}");
    assert!(
        e.contains("unknown lane `frontdesk`") && e.contains("front-desk"),
        "{e}"
    );
}
