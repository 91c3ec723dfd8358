//! Where everything goes on screen, computed from the state and the terminal size
//! alone, so that drawing and mouse hit-testing agree on it.

use ratatui::layout::Rect;

use super::app::{App, Cursor};
use super::panels;
use crate::model::Lane;

pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;
/// The lane titles on the left.
pub const LABEL_WIDTH: u16 = 14;
const MIN_COLUMN: u16 = 22;
const MAX_COLUMN: u16 = 44;

pub fn too_small(w: u16, h: u16) -> bool {
    w < MIN_WIDTH || h < MIN_HEIGHT
}

/// How many stage columns fit in a terminal `width` wide.
pub fn visible_stage_count(width: u16, stages: usize) -> usize {
    let avail = width.saturating_sub(LABEL_WIDTH);
    let fit = (avail / MIN_COLUMN).max(1) as usize;
    fit.min(stages.max(1))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub stage: usize,
    pub x: u16,
    pub w: u16,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub lane: Lane,
    pub y: u16,
    pub h: u16,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    pub header: Rect,
    /// Stage names and goals above the lanes.
    pub stage_head: Rect,
    pub lanes: Rect,
    pub curve: Rect,
    pub footer: Rect,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// The detail panel under the curve and the persona panel on the right.
    pub detail: Option<Rect>,
    pub persona: Option<Rect>,
}

impl Grid {
    pub fn column(&self, stage: usize) -> Option<&Column> {
        self.columns.iter().find(|c| c.stage == stage)
    }
}

/// The whole screen: the grid in what the panels leave of it.
pub fn grid(app: &App, screen: Rect) -> Grid {
    let areas = panels::panels(screen, app);
    let mut g = grid_in(app, areas.grid);
    areas.frame(&mut g, screen);
    g
}

fn grid_in(app: &App, area: Rect) -> Grid {
    let header_h = 1;
    let stage_head_h = 2;
    let footer_h = 2;
    let curve_h: u16 = if area.height >= 30 {
        7
    } else if area.height >= 20 {
        5
    } else {
        3
    };
    let lanes_h = area
        .height
        .saturating_sub(header_h + stage_head_h + footer_h + curve_h);
    let y0 = area.y;
    let header = Rect::new(area.x, y0, area.width, header_h);
    let stage_head = Rect::new(area.x, y0 + header_h, area.width, stage_head_h);
    let lanes = Rect::new(area.x, stage_head.y + stage_head_h, area.width, lanes_h);
    let curve = Rect::new(area.x, lanes.y + lanes_h, area.width, curve_h);
    let footer = Rect::new(area.x, curve.y + curve_h, area.width, footer_h);

    let n = app.map.stages.len();
    let count = visible_stage_count(area.width, n);
    let avail = area.width.saturating_sub(LABEL_WIDTH);
    let col_w = if count == 0 {
        avail
    } else {
        (avail / count as u16).min(MAX_COLUMN)
    };
    let columns = (app.stage_offset..n.min(app.stage_offset + count))
        .enumerate()
        .map(|(i, stage)| Column {
            stage,
            x: area.x + LABEL_WIDTH + i as u16 * col_w,
            w: col_w,
        })
        .collect::<Vec<_>>();

    // Each lane as tall as its fullest visible cell, shrunk from the tallest
    // down while they do not fit; if even one line each is too much, a window of
    // lanes around the selected one.
    let mut heights: Vec<u16> = Lane::ALL
        .iter()
        .map(|&l| {
            columns
                .iter()
                .map(|c| app.lane_len(c.stage, l))
                .max()
                .unwrap_or(0)
                .clamp(1, 50) as u16
        })
        .collect();
    // The other lanes give up lines first, so the lane being worked on keeps
    // showing its items.
    let cur = app.cursor.lane.index();
    while heights.iter().sum::<u16>() > lanes_h {
        let other = heights
            .iter()
            .enumerate()
            .filter(|(i, h)| *i != cur && **h > 1)
            .max_by_key(|(_, h)| **h)
            .map(|(i, _)| i);
        let pick = other.or_else(|| heights.get(cur).filter(|h| **h > 1).map(|_| cur));
        let Some(h) = pick.and_then(|i| heights.get_mut(i)) else {
            break;
        };
        *h -= 1;
    }
    // Spare lines are shared out from the first lane down.
    let mut spare = lanes_h.saturating_sub(heights.iter().sum::<u16>());
    let mut i = 0;
    while spare > 0 && !heights.is_empty() {
        if let Some(h) = heights.get_mut(i % 7) {
            *h += 1;
        }
        spare -= 1;
        i += 1;
    }
    let fit = (lanes_h as usize).min(7);
    let first = if heights.iter().sum::<u16>() > lanes_h {
        (cur + 1).saturating_sub(fit.max(1))
    } else {
        0
    };
    let mut rows = Vec::new();
    let mut y = lanes.y;
    for (i, lane) in Lane::ALL.iter().enumerate().skip(first) {
        let h = heights.get(i).copied().unwrap_or(1);
        if y + h > lanes.y + lanes_h {
            break;
        }
        rows.push(Row { lane: *lane, y, h });
        y += h;
    }
    Grid {
        header,
        stage_head,
        lanes,
        curve,
        footer,
        columns,
        rows,
        detail: None,
        persona: None,
    }
}

/// The first item shown in a cell: the selected cell scrolls to keep its item
/// visible, the others show from the top.
pub fn item_offset(app: &App, stage: usize, lane: Lane, h: u16) -> usize {
    let c = app.cursor;
    if c.stage == stage && c.lane == lane && c.item >= h as usize {
        c.item + 1 - h as usize
    } else {
        0
    }
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
    let offset = item_offset(app, col.stage, row.lane, row.h);
    let item = offset + (y - row.y) as usize;
    let len = app.lane_len(col.stage, row.lane);
    Some(Cursor {
        stage: col.stage,
        lane: row.lane,
        item: item.min(len.saturating_sub(1)),
    })
}
