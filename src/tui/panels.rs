//! The detail panel (the selected element in full), the persona panel (who the
//! journey is for and what the map is for) and the wrapping inline edit box.
//!
//! A wall-projected canvas cuts cards short; these panels are where a sentence is
//! read whole. Their content is built by pure functions (`detail_sections`,
//! `persona_sections`, `rows`) so tests can read it without a terminal; drawing
//! only places those rows. Where the panels go is decided once, by `panels`, which
//! the layout calls, so the mouse hits what is drawn.

use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use super::app::App;
use super::paint::fit;
pub use super::state::PanelState;
use super::text_input::TextInput;
use super::wrap::{cursor_in, edit_pieces, wrap};
use crate::edit::Item;
use crate::model::wording::capitalise;
use crate::model::{JourneyMap, Lane, Level, Stage, Status, item_noun, templates};
use crate::text::display;

/// One labelled field; several values make a list (a persona's goals). An
/// empty value is shown as a dash, so a person sees the field exists.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub label: &'static str,
    pub values: Vec<String>,
}

/// A titled group of fields: the selected item, its stage, the persona, the map.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub title: String,
    pub fields: Vec<Field>,
}

/// The most of one value a panel shows: pages of it in any panel, and a frame
/// costs no more for a pasted megabyte (the edit box shows all of it).
const VALUE_BUDGET: usize = 16 * 1024;

/// A value made safe to show, cut after `VALUE_BUDGET` bytes with a word on
/// how long it is.
fn shown_value(v: &str) -> String {
    let (start, cut) = crate::tui::paint::head(v, VALUE_BUDGET);
    let mut out = display(start).into_owned();
    if cut {
        out.push_str(&format!("… ({} KB in all)", v.len() / 1024));
    }
    out
}

fn field(label: &'static str, value: &str) -> Field {
    Field {
        label,
        values: vec![shown_value(value)],
    }
}

fn list(label: &'static str, values: &[String]) -> Field {
    Field {
        label,
        values: values.iter().map(|v| shown_value(v)).collect(),
    }
}

fn number(v: Option<f64>) -> String {
    v.map(|v| format!("{v}")).unwrap_or_default()
}

/// "In progress", not the file's `InProgress`.
fn status_words(s: Status) -> String {
    capitalise(s.label())
}

/// A "Votes ●●● 3" line once a workshop has voted; before that the panel stays
/// as it was (no "Votes —" on every item of a map nobody voted on).
fn with_votes(mut fields: Vec<Field>, votes: u32) -> Vec<Field> {
    if votes > 0 {
        let dots = crate::model::wording::dots(votes);
        fields.push(field("Votes", &format!("{dots} {votes}")));
    }
    fields
}

fn level_words(l: Level) -> String {
    l.name().to_string()
}

/// The fields of one item, labelled as its form labels them.
pub fn item_fields(item: &Item) -> Vec<Field> {
    match item {
        Item::Text(t) => vec![field("Text", t)],
        Item::Touchpoint(t) => vec![
            field("Name", &t.name),
            field("Channel", &t.channel),
            field("Note", &t.note),
        ],
        Item::Emotion(e) => vec![
            field("Label", &e.label),
            field("Score", &format!("{} of 5", e.score)),
            field("Note", &e.note),
        ],
        Item::PainPoint(p) => with_votes(
            vec![
                field("Text", &p.text),
                field("Severity", &level_words(p.severity)),
            ],
            p.votes,
        ),
        Item::Optimization(o) => {
            let mut fields = vec![
                field("Text", &o.text),
                field("Owner", &o.owner),
                field("Priority", &level_words(o.priority)),
                field("Status", &status_words(o.status)),
            ];
            // Only a scored optimization has these rows, as only a voted one has votes.
            for (label, r) in [("Impact", o.impact), ("Effort", o.effort)] {
                if let Some(r) = r {
                    fields.push(field(label, &format!("{r} of 5")));
                }
            }
            with_votes(fields, o.votes)
        }
        Item::Metric(m) => vec![
            field("Name", &m.name),
            field("Current", &number(m.current)),
            field("Target", &number(m.target)),
            field("Unit", &m.unit),
        ],
        Item::Lane(l) => vec![
            field("Text", &l.text),
            field("Owner", &l.owner),
            field("Channel", &l.channel),
            field("Serves action", &l.serves),
        ],
    }
}

/// The stage's own fields: what its header shows cut short.
pub fn stage_section(index: usize, stage: &Stage) -> Section {
    Section {
        title: format!("Stage {} · {}", index + 1, display(&stage.name)),
        fields: vec![
            field("Name", &stage.name),
            field("Id", &stage.id),
            field("Goal", &stage.goal),
        ],
    }
}

/// The workshop prompt of an empty cell, where the map's framework has one.
pub fn cell_prompt(
    map: &JourneyMap,
    stage: usize,
    lane: Lane,
) -> Option<std::borrow::Cow<'static, str>> {
    templates::stage_prompt(map, stage, lane)
}

/// "an action", "a KPI".
fn with_article(noun: &str) -> String {
    let vowel = noun.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {noun}", if vowel { "an" } else { "a" })
}

/// The evidence an element cites, one section each (id and source, then the
/// quote whole, who it came from, when, and the link), for the detail panel.
/// An id the map does not hold is said as such rather than dropped.
pub fn evidence_sections(map: &JourneyMap, ids: &[String]) -> Vec<Section> {
    ids.iter()
        .map(|id| match map.evidence_by_id(id) {
            Some(e) => {
                let mut fields = vec![field("Quote", &e.text)];
                for (label, v) in [("From", &e.from), ("Date", &e.date), ("Link", &e.link)] {
                    if !v.is_empty() {
                        fields.push(field(label, v));
                    }
                }
                Section {
                    title: format!(
                        "{} Evidence {} · {}",
                        e.source.confidence().glyph(),
                        display(&e.id),
                        e.source.label()
                    ),
                    fields,
                }
            }
            None => Section {
                title: format!("Evidence {}", display(id)),
                fields: vec![field("Quote", "not in the map")],
            },
        })
        .collect()
}

/// The selected card's confidence in words, with what backs it: `◐ research
/// (2 cited)`; actions and thoughts say it is their stage's.
fn confidence_field(map: &JourneyMap, stage: usize, lane: Lane, index: usize) -> Option<Field> {
    let c = map.confidence_of(stage, lane, index)?;
    let n = map.citations(stage, lane, index).map_or(0, <[String]>::len);
    let whose = if matches!(lane, Lane::Actions | Lane::Thoughts) {
        ", the stage's"
    } else {
        ""
    };
    let cited = match n {
        0 => format!("nothing cited{whose}"),
        n => format!("{n} cited{whose}"),
    };
    Some(field(
        "Confidence",
        &format!("{} {} ({cited})", c.glyph(), c.label()),
    ))
}

/// What the detail panel shows for the selection: the item (or the empty cell
/// and its prompt), the evidence it cites when the map holds any, then the
/// stage it belongs to (always last).
pub fn detail_sections(app: &App) -> Vec<Section> {
    let c = app.cursor;
    let Some(stage) = app.doc.map.stages.get(c.stage) else {
        return vec![Section {
            title: "No stages yet".into(),
            fields: vec![field("Next", "A adds the first stage")],
        }];
    };
    let noun = item_noun(c.lane);
    let len = stage.lane_len(c.lane);
    let mut out = Vec::new();
    let map = &app.doc.map;
    match Item::get(stage, c.lane, c.item) {
        Some(item) => {
            let mut fields = item_fields(&item);
            // What the blueprint's lanes do for this action.
            if c.lane == Lane::Actions {
                let serving: Vec<String> = map
                    .serving(c.stage, item.text())
                    .into_iter()
                    .map(|(l, i)| format!("{}: {}", map.lane_title(l), i.text))
                    .collect();
                if !serving.is_empty() {
                    fields.push(list("Served by", &serving));
                }
            }
            fields.extend(confidence_field(map, c.stage, c.lane, c.item));
            // A card of a lane of the map's own says which lane it is in.
            let lane = if c.lane.is_extra() {
                format!(" in {}", display(&map.lane_title(c.lane)))
            } else {
                String::new()
            };
            out.push(Section {
                title: format!(
                    "{} {} of {}{lane} · {}",
                    capitalise(noun),
                    c.item + 1,
                    len,
                    display(&stage.name)
                ),
                fields,
            });
            if map.has_evidence()
                && let Some(ids) = map.citations(c.stage, c.lane, c.item)
            {
                out.extend(evidence_sections(map, ids));
            }
        }
        None => {
            let fields = match cell_prompt(&app.doc.map, c.stage, c.lane) {
                Some(p) => vec![field("Prompt", &p), field("Next", "a adds an answer")],
                None => vec![field("Next", &format!("a adds {}", with_article(noun)))],
            };
            out.push(Section {
                title: format!(
                    "{} · {} · empty",
                    display(&stage.name),
                    display(&map.lane_title(c.lane))
                ),
                fields,
            });
        }
    }
    out.push(stage_section(c.stage, stage));
    out
}

/// The persona, then what the map is for.
pub fn persona_sections(map: &JourneyMap) -> Vec<Section> {
    personas_sections(map, None)
}

/// Every persona (each titled with her marker and place on a map of
/// several), or only the one whose journey the filter shows, then what the
/// map is for.
pub fn personas_sections(map: &JourneyMap, filter: Option<usize>) -> Vec<Section> {
    let n = map.persona_count();
    let mut out: Vec<Section> = map
        .personas()
        .enumerate()
        .filter(|(i, _)| filter.is_none_or(|f| f == *i))
        .map(|(i, p)| {
            let title = if n > 1 {
                let marker = crate::model::persona_style(i).marker;
                format!("{marker} Persona {} of {n} · {}", i + 1, display(&p.name))
            } else {
                format!("Persona · {}", display(&p.name))
            };
            persona_section(title, p)
        })
        .collect();
    out.push(Section {
        title: "The map".into(),
        fields: vec![
            field("Summary", &map.summary),
            list("Objectives", &map.objectives),
        ],
    });
    out
}

fn persona_section(title: String, p: &crate::model::Persona) -> Section {
    let traits: Vec<String> = p.traits.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    Section {
        title,
        fields: vec![
            field("Name", &p.name),
            field("Role", &p.role),
            field("Quote", &p.quote),
            field("Summary", &p.summary),
            list("Goals", &p.goals),
            list("Needs", &p.needs),
            list("Frustrations", &p.frustrations),
            list("Behaviors", &p.behaviors),
            list("Traits", &traits),
        ],
    }
}

/// What a row of a panel is, for its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Title,
    Text,
    /// A missing value's dash.
    Empty,
}

/// One screen line of a panel: a label (on a field's first line, or empty) and
/// the text, which starts `indent` columns in.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub label: String,
    pub text: String,
    pub indent: u16,
    pub kind: Kind,
}

/// How fields are laid out: labels in a column beside their values, or (for
/// narrow panels) each value after its label and wrapped under it, lists
/// under their label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Beside,
    Under,
}

fn label_width(sections: &[Section]) -> usize {
    sections
        .iter()
        .flat_map(|s| &s.fields)
        .map(|f| f.label.width())
        .max()
        .unwrap_or(0)
        + 1
}

fn row(label: String, text: String, indent: usize, kind: Kind) -> Row {
    Row {
        label,
        text,
        indent: indent.min(u16::MAX as usize) as u16,
        kind,
    }
}

/// The sections wrapped to `width` columns, as screen rows.
pub fn rows(sections: &[Section], width: usize, shape: Shape) -> Vec<Row> {
    let lw = label_width(sections);
    let mut out = Vec::new();
    for (i, s) in sections.iter().enumerate() {
        if i > 0 {
            out.push(row(String::new(), String::new(), 0, Kind::Text));
        }
        out.push(row(String::new(), fit(&s.title, width), 0, Kind::Title));
        for f in &s.fields {
            let list = f.values.len() > 1;
            let mut label = f.label.to_string();
            // Where the first line's text starts, and the other lines'.
            let (first, rest) = match shape {
                Shape::Beside => (lw, lw),
                Shape::Under if list => {
                    out.push(row(
                        std::mem::take(&mut label),
                        String::new(),
                        0,
                        Kind::Text,
                    ));
                    (2, 2)
                }
                Shape::Under => (f.label.width() + 1, 2),
            };
            let values: Vec<&str> = if f.values.is_empty() {
                vec![""]
            } else {
                f.values.iter().map(String::as_str).collect()
            };
            for v in values {
                if v.trim().is_empty() {
                    out.push(row(
                        std::mem::take(&mut label),
                        "—".into(),
                        first,
                        Kind::Empty,
                    ));
                    continue;
                }
                let bullet = if list { 2 } else { 0 };
                // Wrapped as a card wraps it, so a sentence breaks in the
                // panel where it breaks on the grid.
                let lines = wrap(
                    v,
                    width.saturating_sub(first + bullet),
                    width.saturating_sub(rest + bullet),
                );
                for (n, line) in lines.into_iter().enumerate() {
                    let at = if n == 0 { first } else { rest };
                    let text = match (list, n) {
                        (true, 0) => format!("• {line}"),
                        (true, _) => format!("  {line}"),
                        _ => line,
                    };
                    out.push(row(std::mem::take(&mut label), text, at, Kind::Text));
                }
            }
        }
    }
    out
}

/// The text being typed, wrapped to `width` (escaped as everywhere on screen),
/// and the cursor's row and column in it. A box `rows` tall shows the text
/// around the cursor: a text far longer than the box (a pasted page) is
/// wrapped from a little before the cursor only, so that each key costs what
/// the box shows.
pub fn edit_lines(input: &TextInput, width: usize, rows: usize) -> (Vec<String>, (usize, usize)) {
    let width = width.max(2);
    // Four bytes a column for every line of the box, and the lines above it.
    let chunk = (width + 1)
        .saturating_mul(rows.saturating_add(1))
        .saturating_mul(4)
        .max(4096);
    let (shown, col) = input.view_around(chunk);
    // A column is kept free at the right for the cursor after the last character.
    let pieces = edit_pieces(&shown, width - 1);
    let cursor = cursor_in(&pieces, col, width);
    (pieces.into_iter().map(|p| p.text).collect(), cursor)
}

/// The detail panel's rows in columns (x offset, width, rows) for a panel
/// `width` wide inside: wide panels put the stage beside the element, narrow
/// ones under it. Also how many rows the element alone takes.
pub fn detail_columns(app: &App, width: u16) -> (Vec<(u16, u16, Vec<Row>)>, usize) {
    let shape = |w: u16| {
        if w >= 40 { Shape::Beside } else { Shape::Under }
    };
    let mut sections = detail_sections(app);
    if width >= 100 && sections.len() >= 2 {
        let stage = sections.split_off(sections.len() - 1);
        let right_w = two_fifths(width);
        let left_w = width - right_w - 2;
        let left = rows(&sections, left_w as usize, shape(left_w));
        let right = rows(&stage, right_w as usize, shape(right_w));
        // The element alone (not the evidence it cites) is what the panel
        // grows to show whole: the evidence takes what room is left, so the
        // grid keeps the rows it had.
        let element = sections
            .first()
            .map(|s| rows(std::slice::from_ref(s), left_w as usize, shape(left_w)).len())
            .unwrap_or(0);
        (
            vec![(0, left_w, left), (width - right_w, right_w, right)],
            element,
        )
    } else {
        let element = sections
            .first()
            .map(|s| rows(std::slice::from_ref(s), width as usize, shape(width)).len())
            .unwrap_or(0);
        (
            vec![(0, width, rows(&sections, width as usize, shape(width)))],
            element,
        )
    }
}

/// Rows the detail panel needs (with its rule) for the element alone and for
/// everything, in a panel `width` wide.
pub fn detail_needs(app: &App, width: u16) -> (u16, u16) {
    let (columns, element) = detail_columns(app, width.saturating_sub(2));
    let all = columns.iter().map(|c| c.2.len()).max().unwrap_or(0);
    let h = |n: usize| (n.min(u16::MAX as usize - 1) as u16).saturating_add(1);
    (h(element), h(all))
}

/// The persona panel's inside and its rows, for a panel at `r`.
pub fn persona_rows(app: &App, r: Rect) -> (Rect, Vec<Row>) {
    let left = if r.x > 0 { 2 } else { 1 };
    let inner = Rect::new(r.x + left, r.y, r.width.saturating_sub(left + 1), r.height);
    let shape = if inner.width >= 60 {
        Shape::Beside
    } else {
        Shape::Under
    };
    let sections = personas_sections(&app.doc.map, app.filter());
    let rows = rows(&sections, inner.width as usize, shape);
    (inner, rows)
}

/// Two fifths of a length, without overflowing `u16` on a terminal tens of
/// thousands of cells tall or wide (`u16 * 2` would).
pub fn two_fifths(n: u16) -> u16 {
    u16::try_from(u32::from(n) * 2 / 5).unwrap_or(u16::MAX)
}
