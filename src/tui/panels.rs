//! The detail panel (the selected element in full), the persona panel (who the
//! journey is for and what the map is for) and the wrapping inline edit box.
//!
//! A wall-projected canvas cuts cards short; these panels are where a sentence is
//! read whole. Their content is built by pure functions (`detail_sections`,
//! `persona_sections`, `rows`) so tests can read it without a terminal; drawing
//! only places those rows. Where the panels go is decided once, by `panels`, which
//! the layout calls, so the mouse hits what is drawn.

use ratatui::layout::Rect;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::app::App;
use super::paint::fit;
pub use super::state::PanelState;
use super::text_input::TextInput;
use crate::edit::Item;
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
    let l = s.label();
    let mut cs = l.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
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
        Item::Optimization(o) => with_votes(
            vec![
                field("Text", &o.text),
                field("Owner", &o.owner),
                field("Priority", &level_words(o.priority)),
                field("Status", &status_words(o.status)),
            ],
            o.votes,
        ),
        Item::Metric(m) => vec![
            field("Name", &m.name),
            field("Current", &number(m.current)),
            field("Target", &number(m.target)),
            field("Unit", &m.unit),
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
pub fn cell_prompt(map: &JourneyMap, stage: usize, lane: Lane) -> Option<&'static str> {
    templates::stage_prompt(map, stage, lane)
}

/// "an action", "a KPI".
fn with_article(noun: &str) -> String {
    let vowel = noun.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {noun}", if vowel { "an" } else { "a" })
}

fn capitalised(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// What the detail panel shows for the selection: the item (or the empty cell
/// and its prompt), then the stage it belongs to.
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
    match Item::get(stage, c.lane, c.item) {
        Some(item) => out.push(Section {
            title: format!(
                "{} {} of {} · {}",
                capitalised(noun),
                c.item + 1,
                len,
                display(&stage.name)
            ),
            fields: item_fields(&item),
        }),
        None => {
            let fields = match cell_prompt(&app.doc.map, c.stage, c.lane) {
                Some(p) => vec![field("Prompt", p), field("Next", "a adds an answer")],
                None => vec![field("Next", &format!("a adds {}", with_article(noun)))],
            };
            out.push(Section {
                title: format!("{} · {} · empty", display(&stage.name), c.lane.title()),
                fields,
            });
        }
    }
    out.push(stage_section(c.stage, stage));
    out
}

/// The persona, then what the map is for.
pub fn persona_sections(map: &JourneyMap) -> Vec<Section> {
    let p = &map.persona;
    let traits: Vec<String> = p.traits.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    vec![
        Section {
            title: format!("Persona · {}", display(&p.name)),
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
        },
        Section {
            title: "The map".into(),
            fields: vec![
                field("Summary", &map.summary),
                list("Objectives", &map.objectives),
            ],
        },
    ]
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
                let lines = wrap_words_by(v, |n| {
                    let at = if n == 0 { first } else { rest };
                    width.saturating_sub(at + bullet)
                });
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

/// A piece of wrapped text and the display column it starts at in the whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub start: usize,
    pub width: usize,
}

fn is_space(g: &str) -> bool {
    g.chars().all(char::is_whitespace)
}

fn str_width(s: &str) -> usize {
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// `s` cut into lines of at most `width` display columns, by grapheme (an emoji
/// or an accented letter is never split), breaking after spaces where it can.
/// Nothing is dropped: the pieces put end to end are `s`, so a cursor's column
/// maps onto them. One space may hang past the width at a line's end, where an
/// edit box keeps a column free for the cursor.
pub fn wrap(s: &str, width: usize) -> Vec<Piece> {
    wrap_by(s, |_| width)
}

/// `wrap` with a width for each line (a first line that starts after a label).
pub fn wrap_by(s: &str, width_of: impl Fn(usize) -> usize) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut line = String::new();
    let mut line_w = 0;
    let mut start = 0;
    // Byte offset in `line` just after its last space.
    let mut brk: Option<usize> = None;
    for g in s.graphemes(true) {
        let width = width_of(out.len()).max(1);
        let w = g.width();
        let space = is_space(g);
        let hangs = space && line_w + w <= width + 1;
        if line_w + w > width && !line.is_empty() && !hangs {
            match brk.filter(|b| *b < line.len() && !space) {
                Some(b) => {
                    let rest = line.split_off(b);
                    let rest_w = str_width(&rest);
                    let done = line_w - rest_w;
                    out.push(Piece {
                        text: std::mem::replace(&mut line, rest),
                        start,
                        width: done,
                    });
                    start += done;
                    line_w = rest_w;
                }
                None => {
                    out.push(Piece {
                        text: std::mem::take(&mut line),
                        start,
                        width: line_w,
                    });
                    start += line_w;
                    line_w = 0;
                }
            }
            brk = None;
        }
        line.push_str(g);
        line_w += w;
        if space {
            brk = Some(line.len());
        }
    }
    out.push(Piece {
        text: line,
        start,
        width: line_w,
    });
    out
}

/// `s` wrapped for reading: the spaces at the breaks are not shown.
pub fn wrap_words(s: &str, width: usize) -> Vec<String> {
    wrap_words_by(s, |_| width)
}

fn wrap_words_by(s: &str, width_of: impl Fn(usize) -> usize) -> Vec<String> {
    let mut lines: Vec<String> = wrap_by(s, width_of)
        .into_iter()
        .map(|p| p.text.trim_end().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// The row and column of display column `col` of the text wrapped into `pieces`,
/// inside a box `width` wide. A column on a break is at the start of the next line.
pub fn cursor_in(pieces: &[Piece], col: usize, width: usize) -> (usize, usize) {
    let row = pieces
        .iter()
        .rposition(|p| p.start <= col)
        .unwrap_or_default();
    let start = pieces.get(row).map(|p| p.start).unwrap_or_default();
    (row, (col - start.min(col)).min(width.saturating_sub(1)))
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
    let pieces = wrap(&shown, width - 1);
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
    if width >= 100 && sections.len() == 2 {
        let stage = sections.split_off(1);
        let right_w = two_fifths(width);
        let left_w = width - right_w - 2;
        let left = rows(&sections, left_w as usize, shape(left_w));
        let right = rows(&stage, right_w as usize, shape(right_w));
        let element = left.len();
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
    let rows = rows(&persona_sections(&app.doc.map), inner.width as usize, shape);
    (inner, rows)
}

/// Two fifths of a length, without overflowing `u16` on a terminal tens of
/// thousands of cells tall or wide (`u16 * 2` would).
pub fn two_fifths(n: u16) -> u16 {
    u16::try_from(u32::from(n) * 2 / 5).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(p: &[Piece]) -> String {
        p.iter().map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn wrap_keeps_every_grapheme_and_breaks_after_spaces() {
        let s = "Searches physio near me on her phone";
        let p = wrap(s, 12);
        assert_eq!(joined(&p), s);
        assert!(p.iter().all(|p| p.text.trim_end().width() <= 12), "{p:?}");
        assert_eq!(
            wrap_words(s, 12),
            vec!["Searches", "physio near", "me on her", "phone"]
        );
    }

    #[test]
    fn wrap_measures_wide_characters_and_never_splits_a_grapheme() {
        let s = "漢字漢字漢字 e\u{301}🎉🎉";
        let p = wrap(s, 5);
        assert_eq!(joined(&p), s);
        for piece in &p {
            assert!(piece.text.trim_end().width() <= 5, "{p:?}");
        }
        assert!(p.iter().any(|p| p.text.contains("e\u{301}")));
        // A word longer than the line is cut where it must be.
        assert_eq!(wrap_words("abcdefgh", 3), vec!["abc", "def", "gh"]);
    }

    #[test]
    fn the_cursor_lands_on_its_wrapped_line() {
        let p = wrap("one two three", 6);
        assert_eq!(wrap_words("one two three", 6), vec!["one", "two", "three"]);
        assert_eq!(cursor_in(&p, 0, 7), (0, 0));
        assert_eq!(cursor_in(&p, 4, 7), (1, 0), "the start of 'two'");
        assert_eq!(cursor_in(&p, 13, 7), (2, 5), "after the last letter");
        let p = wrap("漢字漢字", 4);
        assert_eq!(cursor_in(&p, 6, 5), (1, 2));
    }
}
