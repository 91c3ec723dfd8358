//! The title bar, the stage heads and the lanes of items.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use unicode_width::UnicodeWidthStr;

use super::paint::{fill, fit, put};
use crate::edit::Item;
use crate::model::{Lane, Level, Status, item_noun, templates};
use crate::text::display;
use crate::tui::app::App;
use crate::tui::layout::{self, Grid, LABEL_WIDTH};
use crate::tui::theme::Theme;

pub fn header(app: &App, buf: &mut Buffer, r: Rect) {
    let t = &app.theme;
    let style = Style::default().bg(t.bar_bg).fg(t.bar_fg);
    fill(buf, r, style);
    let p = &app.map.persona;
    let mut persona = display(&p.name).into_owned();
    if !p.role.is_empty() {
        persona.push_str(&format!(" ({})", display(&p.role)));
    }
    let mark = if app.is_dirty() { " [+]" } else { "" };
    let right = format!("{}{mark} ", display(&app.file_name()));
    let left = format!(" {} — {}", display(&app.map.title), persona);
    let rw = right.width() as u16;
    let avail = r.width.saturating_sub(rw + 1);
    put(
        buf,
        r.x,
        r.y,
        &fit(&left, avail as usize),
        avail,
        style.add_modifier(Modifier::BOLD),
    );
    put(
        buf,
        r.x + r.width.saturating_sub(rw),
        r.y,
        &right,
        rw,
        style,
    );
}

pub fn stage_head(app: &App, buf: &mut Buffer, g: &Grid) {
    let t = &app.theme;
    let r = g.stage_head;
    let n = app.map.stages.len();
    let label = if n == 0 {
        "No stages".to_string()
    } else {
        let first = app.stage_offset + 1;
        let last = app.stage_offset + g.columns.len();
        format!("Stages {first}–{last}/{n}")
    };
    put(
        buf,
        r.x,
        r.y,
        &fit(&label, LABEL_WIDTH as usize - 1),
        LABEL_WIDTH - 1,
        t.muted(),
    );
    if app.stage_offset > 0 {
        put(buf, r.x, r.y + 1, "◂ more", LABEL_WIDTH - 1, t.notice());
    }
    if app.stage_offset + g.columns.len() < n {
        put(buf, r.x + 7, r.y + 1, "more ▸", 7, t.notice());
    }
    if n == 0 {
        put(
            buf,
            r.x + LABEL_WIDTH,
            r.y,
            "Press A to add the first stage",
            r.width.saturating_sub(LABEL_WIDTH),
            t.notice(),
        );
    }
    for c in &g.columns {
        let Some(s) = app.map.stages.get(c.stage) else {
            continue;
        };
        let selected = c.stage == app.cursor.stage;
        let style = if selected {
            t.selected().add_modifier(Modifier::BOLD)
        } else {
            t.bold()
        };
        let w = c.w.saturating_sub(1);
        fill(buf, Rect::new(c.x, r.y, w, 1), style);
        let name = format!("{} {}", c.stage + 1, display(&s.name));
        put(buf, c.x, r.y, &fit(&name, w as usize), w, style);
        put(
            buf,
            c.x,
            r.y + 1,
            &fit(&display(&s.goal), w as usize),
            w,
            t.muted().add_modifier(Modifier::ITALIC),
        );
    }
}

fn level_tag(l: Level) -> &'static str {
    match l {
        Level::Low => "L",
        Level::Medium => "M",
        Level::High => "H",
    }
}

/// One line of a cell: the item's text with its detail at a glance.
fn item_line(t: &Theme, item: &Item) -> (String, Option<(String, Color)>) {
    match item {
        Item::Text(s) => (format!("• {}", display(s)), None),
        Item::Touchpoint(tp) => {
            let mut s = display(&tp.name).into_owned();
            if !tp.channel.is_empty() {
                s.push_str(&format!(" · {}", display(&tp.channel)));
            }
            (s, None)
        }
        Item::Emotion(e) => (
            format!("{} {}", e.score, display(&e.label)),
            Some((e.score.to_string(), t.score(e.score as f64))),
        ),
        Item::PainPoint(p) => (
            format!("[{}] {}", level_tag(p.severity), display(&p.text)),
            Some((format!("[{}]", level_tag(p.severity)), t.level(p.severity))),
        ),
        Item::Optimization(o) => {
            let mut s = format!("[{}] {}", level_tag(o.priority), display(&o.text));
            let mut extra = Vec::new();
            if !o.owner.is_empty() {
                extra.push(display(&o.owner).into_owned());
            }
            if o.status != Status::Idea {
                extra.push(o.status.label().to_string());
            }
            if !extra.is_empty() {
                s.push_str(&format!(" ({})", extra.join(", ")));
            }
            (
                s,
                Some((format!("[{}]", level_tag(o.priority)), t.level(o.priority))),
            )
        }
        Item::Metric(m) => (
            display(&crate::model::wording::metric(m)).into_owned(),
            None,
        ),
    }
}

pub fn lanes(app: &App, buf: &mut Buffer, g: &Grid) {
    let t = &app.theme;
    for row in &g.rows {
        let lane_selected = row.lane == app.cursor.lane;
        let label_style = if lane_selected {
            t.accent_bold()
        } else {
            t.bold()
        };
        put(
            buf,
            g.lanes.x,
            row.y,
            row.lane.title(),
            LABEL_WIDTH - 1,
            label_style,
        );
        for c in &g.columns {
            cell(
                app,
                buf,
                c.stage,
                row.lane,
                Rect::new(c.x, row.y, c.w.saturating_sub(1), row.h),
            );
        }
    }
}

fn cell(app: &App, buf: &mut Buffer, stage: usize, lane: Lane, r: Rect) {
    let t = &app.theme;
    let Some(s) = app.map.stages.get(stage) else {
        return;
    };
    let cur = app.cursor;
    let cell_selected = cur.stage == stage && cur.lane == lane;
    let len = s.lane_len(lane);
    if cell_selected {
        fill(buf, r, t.cell());
    }
    if len == 0 {
        let prompt = templates::prompt(&app.map.framework, &s.name, lane)
            .map(str::to_string)
            .unwrap_or_else(|| format!("no {}s", item_noun(lane)));
        let style = if cell_selected {
            t.selected()
        } else {
            t.muted().add_modifier(Modifier::ITALIC)
        };
        put(
            buf,
            r.x,
            r.y,
            &fit(&prompt, r.width as usize),
            r.width,
            style,
        );
        return;
    }
    let offset = layout::item_offset(app, stage, lane, r.height);
    let shown = (r.height as usize).min(len.saturating_sub(offset));
    for line in 0..shown {
        let i = offset + line;
        let y = r.y + line as u16;
        // The last line of a cell that cannot show everything keeps its item and
        // says how many more there are: "+3".
        let more = len - i - 1;
        let suffix = if line + 1 == r.height as usize && more > 0 {
            format!(" +{more}")
        } else {
            String::new()
        };
        let text_w = r.width.saturating_sub(suffix.width() as u16);
        let Some(item) = Item::get(s, lane, i) else {
            continue;
        };
        let (text, tag) = item_line(t, &item);
        let selected = cell_selected && cur.item == i;
        let style = if selected { t.selected() } else { t.text() };
        if selected {
            fill(buf, Rect::new(r.x, y, r.width, 1), style);
        }
        put(buf, r.x, y, &fit(&text, text_w as usize), text_w, style);
        if !suffix.is_empty() {
            let more_style = t.notice().add_modifier(Modifier::BOLD);
            put(buf, r.x + text_w, y, &suffix, r.width - text_w, more_style);
        }
        if let Some((tag, color)) = tag
            && !selected
            && text.starts_with(&tag)
        {
            put(
                buf,
                r.x,
                y,
                &tag,
                r.width,
                Style::default().fg(color).add_modifier(Modifier::BOLD),
            );
        }
    }
}
