//! Where everything goes on screen, computed from the state and the terminal size
//! alone, so that drawing and mouse hit-testing agree on it.

use ratatui::layout::Rect;

use super::app::{App, Cursor};
use super::card::{self, CardLine};
use super::panels;
pub use super::state::Zoom;
use crate::model::{BlueprintLine, Lane};

pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;
/// The lane titles on the left.
pub const LABEL_WIDTH: u16 = 14;
/// Normal zoom: as many columns as fit at this width, none wider than
/// `MAX_COLUMN`, so a line stays short enough to read.
const MIN_COLUMN: u16 = 22;
const MAX_COLUMN: u16 = 44;
/// Wide zoom: fewer columns that share all the width (three at 200 columns).
const WIDE_COLUMN: u16 = 50;
/// Fit zoom: every stage shares the width, down to this (eight letters of
/// text); a map with more stages than that scrolls.
const FIT_COLUMN: u16 = 10;

/// The narrowest a stage column gets at zoom `z`.
fn min_column(z: Zoom) -> u16 {
    match z {
        Zoom::Fit => FIT_COLUMN,
        Zoom::Normal => MIN_COLUMN,
        Zoom::Wide => WIDE_COLUMN,
    }
}

pub fn too_small(w: u16, h: u16) -> bool {
    w < MIN_WIDTH || h < MIN_HEIGHT
}

/// How many stage columns fit in a terminal `width` wide.
pub fn visible_stage_count(width: u16, stages: usize, zoom: Zoom) -> usize {
    let avail = width.saturating_sub(LABEL_WIDTH);
    let fit = (avail / min_column(zoom)).max(1) as usize;
    fit.min(stages.max(1))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub stage: usize,
    pub x: u16,
    pub w: u16,
}

/// The part of a lane on screen: from line `skip` of the lane, `h` lines at `y`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub lane: Lane,
    pub y: u16,
    pub h: u16,
    pub skip: u16,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    pub header: Rect,
    /// Stage names and goals above the lanes.
    pub stage_head: Rect,
    pub lanes: Rect,
    pub curve: Rect,
    /// Rows of the curve's plot: `CURVE_LEVELS`, or 1 (a line of values)
    /// where the screen is too short; the stages' names are under it.
    pub curve_plot: u16,
    /// Rows of the personas' legend above the plot (0 or 1).
    pub curve_legend: u16,
    pub footer: Rect,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Lines between lanes, when there is room for them.
    pub rules: Vec<u16>,
    /// The service blueprint's lines between lanes, labelled: always drawn
    /// (where on screen), since they say what the lanes below them are.
    pub lines: Vec<(u16, BlueprintLine)>,
    /// The lanes in the map's order: the rows of `cells`.
    pub order: Vec<Lane>,
    /// Lines of lanes scrolled out of view above and below.
    pub hidden_above: u16,
    pub hidden_below: u16,
    /// The line under the lanes that says what is scrolled out of view, when
    /// anything is: the lanes below by name.
    pub scroll_bar: Option<u16>,
    /// The lanes that start below the screen.
    pub lanes_below: Vec<Lane>,
    /// The lines of every cell on screen, lane by lane, column by column:
    /// wrapped once for sizing, drawing and hit-testing alike.
    pub cells: Vec<Vec<CardLine>>,
    /// The detail panel under the curve and the persona panel on the right.
    pub detail: Option<Rect>,
    pub persona: Option<Rect>,
}

impl Grid {
    pub fn column(&self, stage: usize) -> Option<&Column> {
        self.columns.iter().find(|c| c.stage == stage)
    }

    /// The lines of the cell of `lane` in the column of `stage`.
    pub fn cell(&self, stage: usize, lane: Lane) -> &[CardLine] {
        let n = self.columns.len();
        self.columns
            .iter()
            .position(|c| c.stage == stage)
            .zip(self.order.iter().position(|l| *l == lane))
            .and_then(|(i, row)| self.cells.get(row * n + i))
            .map_or(&[], Vec::as_slice)
    }
}

/// The columns of text in a stage column `w` wide: two columns of space keep
/// one column's text from running into the next's; in fit zoom, where every
/// column counts, one does, so that a word as long as the column less a space
/// is never split.
pub fn text_width(zoom: Zoom, w: u16) -> u16 {
    let gap = if zoom == Zoom::Fit { 1 } else { 2 };
    w.saturating_sub(gap).max(1)
}

/// The lines of the cell at (`stage`, `lane`) in a column `w` wide.
pub fn cell_lines(app: &App, stage: usize, lane: Lane, w: u16) -> Vec<CardLine> {
    cell_lines_at_most(app, stage, lane, w, super::paint::MAX_WRAPPED_LINES)
}

/// `cell_lines` with each card at most `max_lines` lines of text: the grid
/// never draws a card taller than its lanes, so it never wraps more of one.
pub fn cell_lines_at_most(
    app: &App,
    stage: usize,
    lane: Lane,
    w: u16,
    max_lines: usize,
) -> Vec<CardLine> {
    let map = &app.doc.map;
    let filter = app.filter();
    let shown = filter.map(|_| app.shown(stage, lane));
    // A cell whose cards the filter hides says so, rather than asking for one.
    let hidden = match (&shown, filter.and_then(|f| map.persona_at(f))) {
        (Some(v), Some(p)) if v.is_empty() && app.lane_len(stage, lane) > 0 => Some(format!(
            "no {}s for {}",
            crate::model::item_noun(lane),
            crate::text::display(&p.name)
        )),
        _ => None,
    };
    let view = card::CellView {
        conf: &|i| map.confidence_of(stage, lane, i),
        shown: shown.as_deref(),
        whose: &|i| super::filter::whose(map, stage, lane, i),
    };
    match map.stages.get(stage) {
        Some(s) => card::cell(
            &app.theme,
            hidden
                .map(std::borrow::Cow::Owned)
                .or_else(|| crate::model::templates::stage_prompt(map, stage, lane))
                .as_deref(),
            &view,
            s,
            lane,
            text_width(app.zoom, w) as usize,
            max_lines,
        ),
        None => Vec::new(),
    }
}

/// The whole screen: the grid in what the panels leave of it.
pub fn grid(app: &App, screen: Rect) -> Grid {
    let areas = panels(screen, app);
    let mut g = grid_in(app, areas.grid);
    areas.frame(&mut g, screen);
    g
}

fn grid_in(app: &App, area: Rect) -> Grid {
    let columns = columns(app, area);
    let b = bands(app, area, &columns);
    let lanes_h = b.lanes.height;
    // A line between lanes, scrolled or not, unless the lanes are too short
    // to spare one; a blueprint's lines are kept however short.
    let gap = usize::from(lanes_h >= MIN_RULED_ROWS);
    let m = measure(app, &columns, lanes_h, gap);
    let content = m.total;
    let overflow = content > lanes_h as usize;
    let view_h = lanes_h.saturating_sub(u16::from(overflow && lanes_h > 1)) as usize;
    let scroll = scroll_to(&m, content, view_h);
    let placed = place_lanes(&m, scroll, view_h, b.lanes.y);
    Grid {
        header: b.header,
        stage_head: b.stage_head,
        lanes: b.lanes,
        curve: b.curve,
        curve_plot: b.curve_plot,
        curve_legend: b.curve_legend,
        footer: b.footer,
        columns,
        rows: placed.rows,
        rules: placed.rules,
        lines: placed.lines,
        order: m.order,
        // A tall enough terminal can hide more lines than a u16 counts.
        hidden_above: u16::try_from(scroll).unwrap_or(u16::MAX),
        hidden_below: u16::try_from(content.saturating_sub(scroll + view_h)).unwrap_or(u16::MAX),
        scroll_bar: (overflow && lanes_h > 1).then(|| b.lanes.y + view_h as u16),
        lanes_below: placed.lanes_below,
        cells: m.cells,
        detail: None,
        persona: None,
    }
}

/// The grid's bands from top to bottom.
struct Bands {
    header: Rect,
    stage_head: Rect,
    lanes: Rect,
    curve: Rect,
    curve_plot: u16,
    curve_legend: u16,
    footer: Rect,
}

/// Rows of the emotion curve's plot: one for each score from 5 to 1, so a
/// point is always on the row its label names.
pub const CURVE_LEVELS: u16 = super::plot::LEVELS;
/// The lanes keep at least this many rows before the curve gives up its plot
/// for a line of values.
const MIN_LANE_ROWS: u16 = 4;

/// The lanes keep their rules from this many rows.
const MIN_RULED_ROWS: u16 = 6;

/// The header, the stage heads, the lanes, the curve and the footer, stacked in
/// `area`; the lanes take what the others leave.
fn bands(app: &App, area: Rect, columns: &[Column]) -> Bands {
    let header_h = 1;
    let footer_h = 2;
    let most_head = if area.height >= 30 { 4 } else { 3 };
    let stage_head_h = columns
        .iter()
        .map(|c| {
            let h = stage_head_lines(app, c, most_head);
            (h.name.len() + h.goal.len()) as u16
        })
        .max()
        .unwrap_or(0)
        .clamp(2, most_head);
    // The stages' names under the curve take one line, or two where one is
    // too long for its column.
    let names_h = curve_name_rows(app, columns);
    let legend_h = legend_rows(app, area.height);
    let fixed = header_h + stage_head_h + footer_h + names_h + legend_h;
    // The plot, one row per score, while the lanes keep room to be read;
    // else one line of values (no axis, so nothing on it can mislead).
    let plot_h = if area.height >= fixed + CURVE_LEVELS + MIN_LANE_ROWS {
        CURVE_LEVELS
    } else {
        1
    };
    let curve_h = legend_h + plot_h + names_h;
    let lanes_h = area
        .height
        .saturating_sub(header_h + stage_head_h + footer_h + curve_h);
    let y0 = area.y;
    let header = Rect::new(area.x, y0, area.width, header_h);
    let stage_head = Rect::new(area.x, y0 + header_h, area.width, stage_head_h);
    let lanes = Rect::new(area.x, stage_head.y + stage_head_h, area.width, lanes_h);
    let curve = Rect::new(area.x, lanes.y + lanes_h, area.width, curve_h);
    let footer = Rect::new(area.x, curve.y + curve_h, area.width, footer_h);
    Bands {
        header,
        stage_head,
        lanes,
        curve,
        curve_plot: plot_h,
        curve_legend: legend_h,
        footer,
    }
}

/// A stage's head: its number and name, then its goal in what is left of
/// `rows` lines.
pub struct StageHead {
    pub name: Vec<String>,
    pub goal: Vec<String>,
    /// The goal as a whole did not fit.
    pub goal_cut: bool,
}

/// The head of the stage in column `c`, in at most `rows` lines: the name
/// wrapped between words (cut with `…` past `rows`), then as much of the goal
/// as the lines left hold.
pub fn stage_head_lines(app: &App, c: &Column, rows: u16) -> StageHead {
    let Some(s) = app.doc.map.stages.get(c.stage) else {
        return StageHead {
            name: Vec::new(),
            goal: Vec::new(),
            goal_cut: false,
        };
    };
    let w = c.w.saturating_sub(1).max(1) as usize;
    let rows = rows.max(1) as usize;
    let name = format!("{} {}", c.stage + 1, crate::text::display(&s.name));
    let name = crate::tui::wrap::wrap_at_most(&name, w, w, rows);
    let left = rows.saturating_sub(name.len());
    let goal = crate::text::display(&s.goal);
    let (goal, goal_cut) = if goal.is_empty() || left == 0 {
        (Vec::new(), !goal.is_empty())
    } else {
        let cut = crate::tui::wrap::wrap_at_most(&goal, w, w, left + 1).len() > left;
        (crate::tui::wrap::wrap_at_most(&goal, w, w, left), cut)
    };
    StageHead {
        name,
        goal,
        goal_cut,
    }
}

/// The line above the curve naming each persona's curve: on a map of
/// several personas only, so a map of one looks as it always did, and from
/// this many rows; a shorter screen keeps the row for its lanes and names
/// the curves in the label column beside the plot.
const LEGEND_MIN_ROWS: u16 = 26;

fn legend_rows(app: &App, height: u16) -> u16 {
    u16::from(app.doc.map.persona_count() > 1 && height >= LEGEND_MIN_ROWS)
}

/// The most a comparison's move adds to a stage's name under the curve: ` ▲0.4`.
pub const MOVE_WIDTH: usize = 5;

/// The stage's number and name as shown under the curve.
pub fn curve_name(app: &App, stage: usize) -> String {
    match app.doc.map.stages.get(stage) {
        Some(s) => format!("{} {}", stage + 1, crate::text::display(&s.name)),
        None => String::new(),
    }
}

/// Lines for the stages' names under the curve: two when a name and the room
/// for its move (in a comparison) do not fit on one line of its column.
fn curve_name_rows(app: &App, columns: &[Column]) -> u16 {
    let moves = if app.compare.as_ref().is_some_and(|c| c.shown) {
        MOVE_WIDTH
    } else {
        0
    };
    let long = columns.iter().any(|c| {
        use unicode_width::UnicodeWidthStr;
        curve_name(app, c.stage).width() + moves > c.w.saturating_sub(1) as usize
    });
    if long { 2 } else { 1 }
}

/// The stage columns on screen, as wide as the zoom makes them.
fn columns(app: &App, area: Rect) -> Vec<Column> {
    let n = app.doc.map.stages.len();
    let count = visible_stage_count(area.width, n, app.zoom);
    let avail = area.width.saturating_sub(LABEL_WIDTH);
    let col_w = if count == 0 {
        avail
    } else if app.zoom == Zoom::Normal {
        (avail / count as u16).min(MAX_COLUMN)
    } else {
        avail / count as u16
    };
    (app.stage_offset..n.min(app.stage_offset + count))
        .enumerate()
        .map(|(i, stage)| Column {
            stage,
            x: area.x + LABEL_WIDTH + i as u16 * col_w,
            w: col_w,
        })
        .collect()
}

/// Every lane's height and wrapped cells, in lines from the top of the first
/// lane (the lines between lanes counted), and where the selected item starts
/// and ends.
struct Measured {
    order: Vec<Lane>,
    heights: Vec<usize>,
    /// Where each lane starts, the line above it counted.
    starts: Vec<usize>,
    /// The line above each lane (none above the first).
    above: Vec<Option<Above>>,
    total: usize,
    sel: Option<(usize, usize)>,
    /// Where the selected lane starts.
    sel_lane: usize,
    cells: Vec<Vec<CardLine>>,
}

/// What is drawn on the line above a lane.
#[derive(Clone, Copy)]
enum Above {
    Rule,
    Blueprint(BlueprintLine),
}

/// Each lane as tall as its tallest cell on screen, in the map's order.
fn measure(app: &App, columns: &[Column], lanes_h: u16, gap: usize) -> Measured {
    let cur = app.cursor;
    let map = &app.doc.map;
    let order = map.lane_sequence();
    let mut m = Measured {
        heights: Vec::with_capacity(order.len()),
        starts: Vec::with_capacity(order.len()),
        above: Vec::with_capacity(order.len()),
        total: 0,
        sel: None,
        sel_lane: 0,
        cells: Vec::with_capacity(order.len() * columns.len()),
        order: Vec::new(),
    };
    for (i, &lane) in order.iter().enumerate() {
        let above = match map.line_above(lane) {
            Some(line) if i > 0 => Some(Above::Blueprint(line)),
            _ if i > 0 && gap == 1 => Some(Above::Rule),
            _ => None,
        };
        // Scrolled to, a lane shows the blueprint line above it: the line
        // says what the lane is.
        if lane == cur.lane {
            m.sel_lane = m.total;
        }
        if above.is_some() {
            m.total += 1;
        }
        if lane == cur.lane && !matches!(above, Some(Above::Blueprint(_))) {
            m.sel_lane = m.total;
        }
        let mut h = 1usize;
        for c in columns {
            let lines = cell_lines_at_most(app, c.stage, lane, c.w, lanes_h.max(1) as usize);
            h = h.max(lines.len());
            if c.stage == cur.stage && lane == cur.lane {
                let first = lines.iter().position(|l| l.item == Some(cur.item));
                let last = lines.iter().rposition(|l| l.item == Some(cur.item));
                m.sel = Some(match (first, last) {
                    (Some(a), Some(b)) => (m.total + a, m.total + b + 1),
                    _ => (m.total, m.total + 1),
                });
            }
            m.cells.push(lines);
        }
        m.above.push(above);
        m.starts.push(m.total);
        m.heights.push(h);
        m.total += h;
    }
    m.order = order;
    m
}

/// The smallest scroll that shows the selected item whole (its top, when it
/// is taller than the screen); the title of its lane too when that fits.
fn scroll_to(m: &Measured, content: usize, view_h: usize) -> usize {
    let scroll = match m.sel {
        Some((a, b)) if content > view_h => {
            let lane_start = m.sel_lane;
            if b <= view_h {
                0
            } else if b - lane_start <= view_h {
                lane_start.max(b - view_h)
            } else if b - a <= view_h {
                b - view_h
            } else {
                a
            }
        }
        _ => 0,
    };
    scroll.min(content.saturating_sub(view_h))
}

/// The lanes' rows on screen, the lines between them, and the lanes below.
struct Placed {
    rows: Vec<Row>,
    rules: Vec<u16>,
    lines: Vec<(u16, BlueprintLine)>,
    lanes_below: Vec<Lane>,
}

fn place_lanes(m: &Measured, scroll: usize, view_h: usize, y: u16) -> Placed {
    let mut p = Placed {
        rows: Vec::new(),
        rules: Vec::new(),
        lines: Vec::new(),
        lanes_below: Vec::new(),
    };
    for (i, lane) in m.order.iter().enumerate() {
        let top = m.starts.get(i).copied().unwrap_or(0);
        let h = m.heights.get(i).copied().unwrap_or(1);
        if let Some(above) = m.above.get(i).copied().flatten() {
            let rule = top.saturating_sub(1);
            if rule >= scroll && rule < scroll + view_h {
                let at = y + (rule - scroll) as u16;
                match above {
                    Above::Rule => p.rules.push(at),
                    Above::Blueprint(line) => p.lines.push((at, line)),
                }
            }
        }
        let (from, to) = (top.max(scroll), (top + h).min(scroll + view_h));
        if from < to {
            p.rows.push(Row {
                lane: *lane,
                y: y + (from - scroll) as u16,
                h: (to - from) as u16,
                skip: (from - top) as u16,
            });
        }
        if top >= scroll + view_h {
            p.lanes_below.push(*lane);
        }
    }
    p
}

/// The cell and item under a mouse click.
pub fn hit(app: &App, x: u16, y: u16) -> Option<Cursor> {
    let (w, h) = app.size;
    if too_small(w, h) {
        return None;
    }
    let g = grid(app, Rect::new(0, 0, w, h));
    let col = g.columns.iter().find(|c| x >= c.x && x < c.x + c.w)?;
    if y >= g.stage_head.y && y < g.stage_head.y + g.stage_head.height {
        return Some(Cursor {
            stage: col.stage,
            lane: app.cursor.lane,
            item: 0,
        });
    }
    let row = g.rows.iter().find(|r| y >= r.y && y < r.y + r.h)?;
    let line = (row.skip + (y - row.y)) as usize;
    let lines = g.cell(col.stage, row.lane);
    let len = app.lane_len(col.stage, row.lane);
    let item = lines
        .get(line)
        .and_then(|l| l.item)
        .or_else(|| lines.last().and_then(|l| l.item))
        .unwrap_or(0);
    Some(Cursor {
        stage: col.stage,
        lane: row.lane,
        item: item.min(len.saturating_sub(1)),
    })
}

/// How much of the screen the panels take; `frame` places them once the grid
/// has been laid out in what is left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// What the grid (header to footer) is laid out in.
    pub grid: Rect,
    /// Rows of the detail panel (0: not shown).
    pub detail_h: u16,
    pub persona: Persona,
}

/// The persona panel takes a quarter of a wide screen on the right; the detail
/// panel a strip between the curve and the footer. Each gives way when the grid
/// would be left too small to use.
pub fn panels(screen: Rect, app: &App) -> Areas {
    let mut grid = screen;
    let mut persona = Persona::None;
    if app.panels.persona_shown(app.size) {
        let w = (screen.width / 4).clamp(30, 60);
        if screen.width >= w + 60 {
            persona = Persona::Side(w);
            grid.width = screen.width - w;
        } else {
            // Too narrow to share: the persona is read instead of the grid.
            persona = Persona::Full;
        }
    }
    let mut detail_h = 0;
    if app.panels.detail_shown(app.size) && persona != Persona::Full {
        let body = screen.height.saturating_sub(3);
        let (element, all) = panels::detail_needs(app, grid.width);
        // The selected element whole, its stage if there is room, and the same
        // height from one selection to the next where it can be.
        let h = (screen.height / 5)
            .clamp(5, 10)
            .max(all.min(panels::two_fifths(body)))
            .max(element.min(body / 2))
            .min(screen.height.saturating_sub(MIN_GRID_ROWS));
        if h >= 4 {
            detail_h = h;
            grid.height = screen.height - h;
        }
    }
    Areas {
        grid,
        detail_h,
        persona,
    }
}

/// Rows the grid keeps however much the detail panel would like.
const MIN_GRID_ROWS: u16 = 18;

/// Where the persona panel is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persona {
    None,
    /// On the right, this many columns wide.
    Side(u16),
    /// Over the whole grid, on a screen too narrow to share.
    Full,
}

impl Areas {
    /// Moves the footer back to the bottom of the screen (the detail panel goes
    /// above it), widens the header and the footer to the whole screen, and puts
    /// the panels in the grid's description, where drawing and the mouse read them.
    pub fn frame(&self, g: &mut Grid, screen: Rect) {
        g.header.width = screen.width;
        g.footer.width = screen.width;
        if self.detail_h > 0 {
            g.detail = Some(Rect::new(
                self.grid.x,
                g.footer.y,
                self.grid.width,
                self.detail_h,
            ));
            g.footer.y = g.footer.y.saturating_add(self.detail_h);
        }
        let top = g.header.bottom();
        let height = g.footer.y.saturating_sub(top);
        match self.persona {
            Persona::None => {}
            Persona::Side(w) => g.persona = Some(Rect::new(self.grid.right(), top, w, height)),
            Persona::Full => {
                g.persona = Some(Rect::new(screen.x, top, screen.width, height));
                // Nothing of the grid is seen, so nothing of it can be clicked.
                g.columns.clear();
                g.rows.clear();
                g.cells.clear();
            }
        }
    }
}

/// True when (x, y) is on the persona panel: the mouse wheel scrolls it there.
pub fn over_persona(app: &App, x: u16, y: u16) -> bool {
    let (w, h) = app.size;
    if too_small(w, h) {
        return false;
    }
    grid(app, Rect::new(0, 0, w, h))
        .persona
        .is_some_and(|r| r.contains(ratatui::layout::Position { x, y }))
}

/// The size of the grid's part of the screen, for keeping the selection in view.
pub fn grid_size(app: &App) -> (u16, u16) {
    let a = panels(Rect::new(0, 0, app.size.0, app.size.1), app);
    (a.grid.width, a.grid.height)
}
