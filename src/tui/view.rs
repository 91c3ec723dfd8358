//! `view`: draws the state and nothing else, one function per screen area (after
//! gitui). Every map text goes through `display`, so control and bidi characters
//! reach the terminal as visible escapes, never raw.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, Borders, Clear};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::app::{App, InsertTarget, Offer, Offered, Overlay, Prompt, Tone};
use super::form::{Form, Value};
use super::keymap::Action;
use super::layout::{self, Grid, LABEL_WIDTH};
use crate::edit::Item;
use crate::model::{Lane, Level, Status, item_noun, templates};
use crate::recovery::Session;
use crate::text::display;

pub fn view(app: &App, f: &mut Frame) {
    let area = f.area();
    let buf = f.buffer_mut();
    if let Overlay::Present(p) = &app.overlay {
        return super::present::draw(app, p, buf, area);
    }
    if layout::too_small(area.width, area.height) {
        too_small(buf, area);
        return;
    }
    let g = layout::grid(app, area);
    header(app, buf, g.header);
    stage_head(app, buf, &g);
    lanes(app, buf, &g);
    curve(app, buf, &g);
    footer(app, buf, &g);
    match &app.overlay {
        Overlay::None => {}
        Overlay::Insert { input, target } => {
            let (x, y, title) = insert_place(app, &g, target);
            let w = 40.min(area.width.saturating_sub(2)).max(10);
            let x = x.min(area.width.saturating_sub(w));
            let y = y.min(area.height.saturating_sub(3));
            let r = Rect::new(x, y, w, 3);
            let inner = boxed(buf, r, &title);
            let (shown, col) = input.view(inner.width as usize);
            put(buf, inner.x, inner.y, &shown, inner.width, Style::default());
            f.set_cursor_position((inner.x + col as u16, inner.y));
        }
        Overlay::Form(form) => {
            if let Some(pos) = draw_form(buf, area, form) {
                f.set_cursor_position(pos);
            }
        }
        Overlay::Search(input) => {
            let y = g.footer.y + 1;
            let row = Rect::new(0, y, area.width, 1);
            Clear.render_ref(row, buf);
            put(
                buf,
                0,
                y,
                "/",
                1,
                Style::default().add_modifier(Modifier::BOLD),
            );
            let (shown, col) = input.view(area.width.saturating_sub(2) as usize);
            put(
                buf,
                1,
                y,
                &shown,
                area.width.saturating_sub(1),
                Style::default(),
            );
            f.set_cursor_position((1 + col as u16, y));
        }
        Overlay::Help { scroll } => help(app, buf, area, *scroll),
        Overlay::Prompt(Prompt::Restore { offers, selected }) => {
            restore_prompt(buf, area, offers, *selected)
        }
        Overlay::Prompt(p) => prompt(buf, area, p),
        Overlay::Templates { selected } => template_picker(buf, area, *selected),
        Overlay::Present(_) => {}
    }
}

trait RenderRef {
    fn render_ref(&self, area: Rect, buf: &mut Buffer);
}

impl RenderRef for Clear {
    fn render_ref(&self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        for y in area.top()..area.bottom() {
            for x in area.left()..area.right() {
                if let Some(c) = buf.cell_mut((x, y)) {
                    c.reset();
                }
            }
        }
    }
}

/// Writes `s` at (x, y) in at most `w` columns, never outside the buffer.
fn put(buf: &mut Buffer, x: u16, y: u16, s: &str, w: u16, style: Style) {
    let a = buf.area;
    if y < a.y || y >= a.bottom() || x < a.x || x >= a.right() {
        return;
    }
    let w = w.min(a.right() - x);
    buf.set_stringn(x, y, s, w as usize, style);
}

/// `s` cut to `w` display columns, with `…` where it was cut.
pub fn fit(s: &str, w: usize) -> String {
    if s.width() <= w {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw + 1 > w {
            break;
        }
        out.push(c);
        used += cw;
    }
    if w > 0 {
        out.push('…');
    }
    out
}

fn fill(buf: &mut Buffer, r: Rect, style: Style) {
    let r = r.intersection(buf.area);
    for y in r.top()..r.bottom() {
        for x in r.left()..r.right() {
            if let Some(c) = buf.cell_mut((x, y)) {
                c.set_style(style);
            }
        }
    }
}

fn too_small(buf: &mut Buffer, area: Rect) {
    let lines = [
        "Terminal too small".to_string(),
        format!(
            "{}×{}, need {}×{}",
            area.width,
            area.height,
            layout::MIN_WIDTH,
            layout::MIN_HEIGHT
        ),
    ];
    for (i, l) in lines.iter().enumerate() {
        let w = l.width() as u16;
        let x = area.x + area.width.saturating_sub(w) / 2;
        let y = area.y + (area.height / 2).saturating_sub(1) + i as u16;
        put(
            buf,
            x,
            y,
            l,
            area.width,
            Style::default().add_modifier(Modifier::BOLD),
        );
    }
}

fn header(app: &App, buf: &mut Buffer, r: Rect) {
    let style = Style::default().bg(Color::Blue).fg(Color::White);
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

fn stage_head(app: &App, buf: &mut Buffer, g: &Grid) {
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
        Style::default().fg(Color::DarkGray),
    );
    if app.stage_offset > 0 {
        put(
            buf,
            r.x,
            r.y + 1,
            "◂ more",
            LABEL_WIDTH - 1,
            Style::default().fg(Color::Yellow),
        );
    }
    if app.stage_offset + g.columns.len() < n {
        put(
            buf,
            r.x + 7,
            r.y + 1,
            "more ▸",
            7,
            Style::default().fg(Color::Yellow),
        );
    }
    if n == 0 {
        put(
            buf,
            r.x + LABEL_WIDTH,
            r.y,
            "Press A to add the first stage",
            r.width.saturating_sub(LABEL_WIDTH),
            Style::default().fg(Color::Yellow),
        );
    }
    for c in &g.columns {
        let Some(s) = app.map.stages.get(c.stage) else {
            continue;
        };
        let selected = c.stage == app.cursor.stage;
        let style = if selected {
            Style::default()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
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
            Style::default()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::ITALIC),
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

fn level_color(l: Level) -> Color {
    match l {
        Level::Low => Color::Green,
        Level::Medium => Color::Yellow,
        Level::High => Color::Red,
    }
}

fn score_color(v: f64) -> Color {
    if v >= 3.5 {
        Color::Green
    } else if v <= 2.5 {
        Color::Red
    } else {
        Color::Yellow
    }
}

/// One line of a cell: the item's text with its detail at a glance.
fn item_line(item: &Item) -> (String, Option<(String, Color)>) {
    match item {
        Item::Text(t) => (format!("• {}", display(t)), None),
        Item::Touchpoint(t) => {
            let mut s = display(&t.name).into_owned();
            if !t.channel.is_empty() {
                s.push_str(&format!(" · {}", display(&t.channel)));
            }
            (s, None)
        }
        Item::Emotion(e) => (
            format!("{} {}", e.score, display(&e.label)),
            Some((e.score.to_string(), score_color(e.score as f64))),
        ),
        Item::PainPoint(p) => (
            format!("[{}] {}", level_tag(p.severity), display(&p.text)),
            Some((
                format!("[{}]", level_tag(p.severity)),
                level_color(p.severity),
            )),
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
                Some((
                    format!("[{}]", level_tag(o.priority)),
                    level_color(o.priority),
                )),
            )
        }
        Item::Metric(m) => (
            display(&crate::model::wording::metric(m)).into_owned(),
            None,
        ),
    }
}

fn lanes(app: &App, buf: &mut Buffer, g: &Grid) {
    for row in &g.rows {
        let lane_selected = row.lane == app.cursor.lane;
        let label_style = if lane_selected {
            Style::default()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
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
    let Some(s) = app.map.stages.get(stage) else {
        return;
    };
    let cur = app.cursor;
    let cell_selected = cur.stage == stage && cur.lane == lane;
    let len = s.lane_len(lane);
    if cell_selected {
        fill(buf, r, Style::default().bg(Color::Rgb(40, 40, 60)));
    }
    if len == 0 {
        let prompt = templates::prompt(&app.map.framework, &s.name, lane)
            .map(str::to_string)
            .unwrap_or_else(|| format!("no {}s", item_noun(lane)));
        let style = if cell_selected {
            Style::default().fg(Color::Black).bg(Color::Cyan)
        } else {
            Style::default()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::ITALIC)
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
        let (text, tag) = item_line(&item);
        let selected = cell_selected && cur.item == i;
        let style = if selected {
            Style::default().fg(Color::Black).bg(Color::Cyan)
        } else {
            Style::default()
        };
        if selected {
            fill(buf, Rect::new(r.x, y, r.width, 1), style);
        }
        put(buf, r.x, y, &fit(&text, text_w as usize), text_w, style);
        if !suffix.is_empty() {
            let more_style = Style::default()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD);
            put(buf, r.x + text_w, y, &suffix, r.width - text_w, more_style);
        }
        if let Some((t, color)) = tag
            && !selected
            && text.starts_with(&t)
        {
            put(
                buf,
                r.x,
                y,
                &t,
                r.width,
                Style::default().fg(color).add_modifier(Modifier::BOLD),
            );
        }
    }
}

fn curve(app: &App, buf: &mut Buffer, g: &Grid) {
    let r = g.curve;
    if r.height == 0 {
        return;
    }
    put(
        buf,
        r.x,
        r.y,
        "Emotion",
        LABEL_WIDTH - 3,
        Style::default().add_modifier(Modifier::BOLD),
    );
    let axis = Style::default().fg(Color::DarkGray);
    put(buf, r.x + LABEL_WIDTH - 3, r.y, "5┤", 2, axis);
    put(
        buf,
        r.x + LABEL_WIDTH - 3,
        r.y + r.height - 1,
        "1┤",
        2,
        axis,
    );
    if r.height > 2 {
        put(
            buf,
            r.x + LABEL_WIDTH - 3,
            r.y + r.height / 2,
            "3┤",
            2,
            axis,
        );
    }
    let rows = r.height.saturating_sub(1).max(1) as f64;
    let row_of = |v: f64| r.y + ((5.0 - v.clamp(1.0, 5.0)) / 4.0 * rows).round() as u16;
    let points: Vec<(u16, Option<f64>)> = g
        .columns
        .iter()
        .map(|c| {
            let v = app.map.stages.get(c.stage).and_then(|s| s.curve_point());
            (c.x + c.w / 2, v)
        })
        .collect();
    for pair in points.windows(2) {
        if let [(x1, Some(v1)), (x2, Some(v2))] = pair {
            let span = (*x2 - *x1).max(1) as f64;
            for x in (*x1 + 1)..*x2 {
                let t = (x - *x1) as f64 / span;
                let v = v1 + t * (v2 - v1);
                put(
                    buf,
                    x,
                    row_of(v),
                    "·",
                    1,
                    Style::default().fg(score_color(v)),
                );
            }
        }
    }
    for (x, v) in points {
        match v {
            Some(v) => {
                let y = row_of(v);
                let style = Style::default()
                    .fg(score_color(v))
                    .add_modifier(Modifier::BOLD);
                put(buf, x, y, "●", 1, style);
                put(buf, x + 1, y, &format!("{v:.1}"), 3, style);
            }
            None => {
                put(
                    buf,
                    x.saturating_sub(1),
                    r.y + r.height / 2,
                    "gap",
                    3,
                    Style::default().fg(Color::DarkGray),
                );
            }
        }
    }
}

fn mode(app: &App) -> &'static str {
    match app.overlay {
        Overlay::None => "NORMAL",
        Overlay::Insert { .. } => "INSERT",
        Overlay::Form(_) => "FORM",
        Overlay::Search(_) => "SEARCH",
        Overlay::Help { .. } => "HELP",
        Overlay::Prompt(_) => "PROMPT",
        Overlay::Templates { .. } => "NEW MAP",
        Overlay::Present(_) => "PRESENT",
    }
}

fn footer(app: &App, buf: &mut Buffer, g: &Grid) {
    let r = g.footer;
    let m = format!(" {} ", mode(app));
    let mstyle = Style::default()
        .fg(Color::Black)
        .bg(Color::Green)
        .add_modifier(Modifier::BOLD);
    put(buf, r.x, r.y, &m, r.width, mstyle);
    let k = |a: Action| app.keymap.key_for(a).unwrap_or_default();
    let hints = match app.overlay {
        Overlay::Insert { .. } => "Enter keep · Esc drop · Ctrl-W word · Ctrl-U line".to_string(),
        Overlay::Form(_) => "Tab/↑↓ field · ←→ choose · Enter save · Esc cancel".to_string(),
        Overlay::Search(_) => "Enter search · Esc cancel".to_string(),
        _ => format!(
            "{} add · {} edit · {} delete · {} stage · {} score · {} search · {} undo · {} save · {} help · {} quit",
            k(Action::AddItem),
            k(Action::Edit),
            k(Action::DeleteItem),
            k(Action::AddStage),
            "+/-/1-5",
            k(Action::Search),
            k(Action::Undo),
            k(Action::Save),
            k(Action::Help),
            k(Action::Quit),
        ),
    };
    let x = r.x + m.width() as u16 + 1;
    put(
        buf,
        x,
        r.y,
        &fit(&hints, r.width.saturating_sub(x) as usize),
        r.width.saturating_sub(x),
        Style::default().fg(Color::DarkGray),
    );
    if let Some((msg, tone)) = &app.message {
        let style = match tone {
            Tone::Info => Style::default().fg(Color::Yellow),
            Tone::Error => Style::default().fg(Color::White).bg(Color::Red),
        };
        put(
            buf,
            r.x + 1,
            r.y + 1,
            &fit(&display(msg), r.width.saturating_sub(2) as usize),
            r.width.saturating_sub(1),
            style,
        );
    }
}

/// Draws a bordered, cleared box and returns its inside.
fn boxed(buf: &mut Buffer, r: Rect, title: &str) -> Rect {
    let r = r.intersection(buf.area);
    Clear.render_ref(r, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(Style::default().fg(Color::Cyan))
        .title(fit(&display(title), r.width.saturating_sub(4) as usize));
    let inner = block.inner(r);
    ratatui::widgets::Widget::render(block, r, buf);
    inner
}

fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

fn insert_place(app: &App, g: &Grid, target: &InsertTarget) -> (u16, u16, String) {
    let (stage, title) = match target {
        InsertTarget::NewItem { stage, lane, .. } => (
            *stage,
            format!("New {} — Enter keeps, Esc drops", item_noun(*lane)),
        ),
        InsertTarget::EditItem { stage, lane, .. } => {
            (*stage, format!("Edit {}", item_noun(*lane)))
        }
        InsertTarget::NewStage { index } => (index.saturating_sub(1), "New stage name".to_string()),
    };
    let x = g.column(stage).map(|c| c.x).unwrap_or(LABEL_WIDTH);
    let y = g
        .rows
        .iter()
        .find(|r| r.lane == app.cursor.lane)
        .map(|r| r.y)
        .unwrap_or(g.lanes.y);
    (x, y, title)
}

fn draw_form(buf: &mut Buffer, area: Rect, form: &Form) -> Option<(u16, u16)> {
    let h = (form.fields.len() as u16 + 4).min(area.height);
    let r = centered(area, 72, h);
    let inner = boxed(buf, r, &form.title);
    let label_w = 14u16;
    let visible = inner.height.saturating_sub(2) as usize;
    let first = (form.focus + 1).saturating_sub(visible.max(1));
    let mut cursor = None;
    for (row, (i, field)) in form
        .fields
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .enumerate()
    {
        let y = inner.y + row as u16;
        let focused = i == form.focus;
        let lstyle = if focused {
            Style::default()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default()
        };
        put(
            buf,
            inner.x,
            y,
            &fit(&field.label, label_w as usize - 1),
            label_w,
            lstyle,
        );
        let vx = inner.x + label_w;
        let vw = inner.width.saturating_sub(label_w);
        match &field.value {
            Value::Text(t) => {
                // Only the field being typed in follows its cursor; the others
                // show their beginning, as a person reads them.
                let (shown, col) = if focused {
                    t.view(vw as usize)
                } else {
                    (fit(&display(t.text()), vw as usize), 0)
                };
                let style = if focused {
                    Style::default().bg(Color::Rgb(40, 40, 60))
                } else {
                    Style::default()
                };
                fill(buf, Rect::new(vx, y, vw, 1), style);
                put(buf, vx, y, &shown, vw, style);
                if focused {
                    cursor = Some((vx + col as u16, y));
                }
            }
            Value::Choice { options, index } => {
                let cur = options.get(*index).copied().unwrap_or("");
                let s = format!("◂ {cur} ▸");
                let style = if focused {
                    Style::default().fg(Color::Black).bg(Color::Cyan)
                } else {
                    Style::default()
                };
                put(buf, vx, y, &s, vw, style);
            }
        }
    }
    let hint_y = inner.y + inner.height.saturating_sub(1);
    match &form.error {
        Some(e) => put(
            buf,
            inner.x,
            hint_y,
            &fit(&display(e), inner.width as usize),
            inner.width,
            Style::default().fg(Color::White).bg(Color::Red),
        ),
        None => put(
            buf,
            inner.x,
            hint_y,
            "Tab/↑↓ field · ←→ choose · Enter save · Esc cancel",
            inner.width,
            Style::default().fg(Color::DarkGray),
        ),
    }
    cursor
}

fn help(app: &App, buf: &mut Buffer, area: Rect, scroll: u16) {
    let rows = app.keymap.help_rows();
    let r = centered(area, 96, rows.len() as u16 + 4);
    let inner = boxed(buf, r, "Keys — Esc closes, ↑↓ scroll");
    let kw = 22u16;
    let visible = inner.height as usize;
    let first = (scroll as usize).min(rows.len().saturating_sub(visible));
    // The action's name, in grey, is what settings.ron binds keys to.
    let nw = 18u16;
    let dw = inner.width.saturating_sub(kw + nw);
    for (i, (keys, name, doc)) in rows.iter().skip(first).take(visible).enumerate() {
        let y = inner.y + i as u16;
        let key_style = Style::default()
            .fg(Color::Cyan)
            .add_modifier(Modifier::BOLD);
        put(buf, inner.x, y, &fit(keys, kw as usize - 1), kw, key_style);
        put(
            buf,
            inner.x + kw,
            y,
            &fit(doc, dw as usize),
            dw,
            Style::default(),
        );
        put(
            buf,
            inner.x + kw + dw,
            y,
            name,
            nw,
            Style::default().fg(Color::DarkGray),
        );
    }
}

fn prompt(buf: &mut Buffer, area: Rect, p: &Prompt) {
    let (title, lines): (&str, Vec<String>) = match p {
        Prompt::Quit => (
            "Unsaved changes",
            vec![
                "Save before quitting?".into(),
                "y save and quit · n quit without saving · Esc stay".into(),
            ],
        ),
        Prompt::DeleteStage(_) => (
            "Delete stage",
            vec![
                "Delete this stage and everything in it?".into(),
                "y delete (u undoes) · n keep".into(),
            ],
        ),
        Prompt::ChangedOnDisk { .. } => (
            "File changed on disk",
            vec![
                "Someone changed the file since it was loaded.".into(),
                "o overwrite it · r reload it (your version stays in undo) · Esc cancel".into(),
            ],
        ),
        Prompt::DropComments { .. } => (
            "The file has comments",
            vec![
                "Saving writes the canonical form, without its comments.".into(),
                "y save anyway · n cancel".into(),
            ],
        ),
        // Drawn by `restore_prompt`; never reached.
        Prompt::Restore { .. } => ("Unsaved work found", Vec::new()),
        Prompt::ExternalError { error, .. } => (
            "The edited map does not load",
            vec![
                display(error).into_owned(),
                "e edit again (your text is kept) · d discard the edit".into(),
            ],
        ),
    };
    let w = lines
        .iter()
        .map(|l| l.width())
        .max()
        .unwrap_or(20)
        .max(title.width() + 4) as u16
        + 4;
    let r = centered(area, w.min(area.width), lines.len() as u16 + 2);
    let inner = boxed(buf, r, title);
    for (i, l) in lines.iter().enumerate() {
        put(
            buf,
            inner.x + 1,
            inner.y + i as u16,
            &fit(l, inner.width.saturating_sub(1) as usize),
            inner.width.saturating_sub(1),
            Style::default(),
        );
    }
}

/// The recovery files other sessions left, newest first, one line each: when,
/// what it holds, and which editor (process) wrote it.
fn restore_prompt(buf: &mut Buffer, area: Rect, offers: &[Offer], selected: usize) {
    let intro = match offers.len() {
        1 => "A recovery file holds work that is not in the map file.".to_string(),
        n => format!("{n} recovery files hold work that is not in the map file."),
    };
    let hint = if offers.len() == 1 {
        "y restore it · n discard it · Esc keep it for later"
    } else {
        "↑↓ choose · y restore · n discard · Esc keep them all for later"
    };
    let items: Vec<String> = offers
        .iter()
        .map(|o| {
            let what = match &o.content {
                Offered::Map(_) if o.found.older => {
                    "unsaved work, older than the map file (changed since)".to_string()
                }
                Offered::Map(_) => "unsaved work".to_string(),
                Offered::Text { error } => format!(
                    "an edit that does not load (y opens it in $EDITOR): {}",
                    display(error)
                ),
            };
            let pid = Session::pid(&o.found.session)
                .map(|p| format!(" (editor pid {p})"))
                .unwrap_or_default();
            format!("{} · {what}{pid}", o.when)
        })
        .collect();
    let rows = (area.height.saturating_sub(8).max(1) as usize).min(items.len().max(1));
    let first = selected.saturating_sub(rows - 1);
    let w = items
        .iter()
        .map(|l| l.width() + 2)
        .chain([intro.width(), hint.width()])
        .max()
        .unwrap_or(20) as u16
        + 4;
    let r = centered(area, w.min(area.width), rows as u16 + 6);
    let inner = boxed(buf, r, "Unsaved work found");
    let width = inner.width.saturating_sub(1);
    let text = |buf: &mut Buffer, y: u16, s: &str, style: Style| {
        put(buf, inner.x + 1, y, &fit(s, width as usize), width, style);
    };
    text(buf, inner.y, &intro, Style::default());
    for (row, (i, item)) in items.iter().enumerate().skip(first).take(rows).enumerate() {
        let (mark, style) = if i == selected {
            ("▶ ", Style::default().fg(Color::Black).bg(Color::Cyan))
        } else {
            ("  ", Style::default())
        };
        text(
            buf,
            inner.y + 2 + row as u16,
            &format!("{mark}{item}"),
            style,
        );
    }
    text(
        buf,
        inner.y + 3 + rows as u16,
        hint,
        Style::default().fg(Color::DarkGray),
    );
}

fn template_picker(buf: &mut Buffer, area: Rect, selected: usize) {
    let n = templates::TEMPLATES.len() as u16;
    let r = centered(area, 90, n * 2 + 3);
    let inner = boxed(buf, r, "New map — pick a framework (↑↓, Enter; Esc quits)");
    for (i, t) in templates::TEMPLATES.iter().enumerate() {
        let y = inner.y + i as u16 * 2;
        let style = if i == selected {
            Style::default()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        };
        put(
            buf,
            inner.x,
            y,
            &fit(&format!("{:<14} {}", t.name, t.about), inner.width as usize),
            inner.width,
            style,
        );
        let stages: Vec<_> = t.stages.iter().map(|s| s.name).collect();
        put(
            buf,
            inner.x + 2,
            y + 1,
            &fit(&stages.join(" → "), inner.width.saturating_sub(2) as usize),
            inner.width.saturating_sub(2),
            Style::default().fg(Color::DarkGray),
        );
    }
}
