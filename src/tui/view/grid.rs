//! The title bar, the stage heads and the lanes of items.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use unicode_width::UnicodeWidthStr;

use crate::text::display;
use crate::tui::app::App;
use crate::tui::card::{CardLine, Kind};
use crate::tui::layout::{Grid, LABEL_WIDTH, Row};
use crate::tui::paint::{fill, fit, highlight, put, wrap};

pub fn header(app: &App, buf: &mut Buffer, r: Rect) {
    let t = &app.theme;
    let style = Style::default().bg(t.bar_bg).fg(t.bar_fg);
    fill(buf, r, style);
    let p = &app.doc.map.persona;
    let mut persona = display(&p.name).into_owned();
    if !p.role.is_empty() {
        persona.push_str(&format!(" ({})", display(&p.role)));
    }
    let mark = if app.doc.is_dirty() { " [+]" } else { "" };
    let now = app.clock.now();
    // The activity is map text (a stage name): escaped like all map text.
    let timer = app
        .timer
        .as_ref()
        .map(|t| format!("{}   ", display(&t.label(now))))
        .unwrap_or_default();
    let time_is_up = app.timer.as_ref().is_some_and(|t| t.is_up(now));
    // Unresolved merge conflicts, in words as well as colour: the map is not done.
    // and the key that resolves them, as the keymap binds it.
    let key = app
        .keymap
        .key_for(crate::tui::keymap::Action::Conflicts)
        .map(|k| format!(" ({k})"))
        .unwrap_or_default();
    let conflicts = match app.doc.map.conflicts.len() {
        0 => String::new(),
        1 => format!("⚠ 1 CONFLICT{key}   "),
        n => format!("⚠ {n} CONFLICTS{key}   "),
    };
    let right = format!("{conflicts}{timer}{}{mark} ", display(&app.file_name()));
    let left = format!(" {} — {}", display(&app.doc.map.title), persona);
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
    // Run out: the room must see it from the back, so it stands out from the bar.
    if time_is_up {
        let tw = (timer.trim_end().width() as u16).min(rw);
        put(
            buf,
            r.x + r.width.saturating_sub(rw),
            r.y,
            timer.trim_end(),
            tw,
            t.error().add_modifier(Modifier::BOLD | Modifier::REVERSED),
        );
    }
}

pub fn stage_head(app: &App, buf: &mut Buffer, g: &Grid) {
    let t = &app.theme;
    let r = g.stage_head;
    let n = app.doc.map.stages.len();
    let label = if n == 0 {
        "No stages".to_string()
    } else {
        let first = app.stage_offset + 1;
        let last = app.stage_offset + g.columns.len();
        // A preview holds the first stages only: the count comes with the rest.
        let n = if app.doc.preview {
            "…".to_string()
        } else {
            n.to_string()
        };
        if first == last {
            format!("Stage {first}/{n}")
        } else {
            format!("Stages {first}–{last}/{n}")
        }
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
        let Some(s) = app.doc.map.stages.get(c.stage) else {
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
        // A name too long for its column takes the goal's line too (fit zoom).
        let lines = wrap(&name, w as usize, w as usize);
        if lines.len() > 1 {
            fill(buf, Rect::new(c.x, r.y + 1, w, 1), style);
            let first = lines.first().map_or("", |l| l);
            put(buf, c.x, r.y, first, w, style);
            let rest = fit(&lines.get(1..).unwrap_or_default().join(" "), w as usize);
            put(buf, c.x, r.y + 1, &rest, w, style);
            if let Some(q) = app.search.active() {
                highlight(buf, t, c.x, r.y, w, first, q);
                highlight(buf, t, c.x, r.y + 1, w, &rest, q);
            }
            continue;
        }
        put(buf, c.x, r.y, &name, w, style);
        let goal = fit(&display(&s.goal), w as usize);
        put(
            buf,
            c.x,
            r.y + 1,
            &goal,
            w,
            t.muted().add_modifier(Modifier::ITALIC),
        );
        // Search matches, highlighted where they are shown.
        if let Some(q) = app.search.active() {
            highlight(buf, t, c.x, r.y, w, &name, q);
            highlight(buf, t, c.x, r.y + 1, w, &goal, q);
        }
    }
}

pub fn lanes(app: &App, buf: &mut Buffer, g: &Grid) {
    let t = &app.theme;
    for &y in &g.rules {
        put(
            buf,
            g.lanes.x,
            y,
            &"─".repeat(g.lanes.width as usize),
            g.lanes.width,
            t.muted(),
        );
    }
    for row in &g.rows {
        let lane_selected = row.lane == app.cursor.lane;
        let label_style = if lane_selected {
            t.accent_bold()
        } else {
            t.bold()
        };
        // The title stays on the lane's first line on screen, even scrolled.
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
                g.cell(c.stage, row.lane),
                c.stage,
                row,
                Rect::new(c.x, row.y, c.w.saturating_sub(1), row.h),
            );
        }
    }
    // What is scrolled out of view, in words.
    if let Some(y) = g.scroll_bar {
        let mut parts = Vec::new();
        if g.hidden_above > 0 {
            parts.push("▲ more above".to_string());
        }
        if g.hidden_below > 0 {
            let names: Vec<&str> = g.lanes_below.iter().map(|l| l.title()).collect();
            parts.push(if names.is_empty() {
                "▼ more below".to_string()
            } else {
                format!("▼ more below: {}", names.join(", "))
            });
        }
        let text = parts.join("   ");
        put(
            buf,
            g.lanes.x,
            y,
            &fit(&text, g.lanes.width as usize),
            g.lanes.width,
            t.notice().add_modifier(Modifier::BOLD),
        );
    }
}

fn cell(app: &App, buf: &mut Buffer, lines: &[CardLine], stage: usize, row: &Row, r: Rect) {
    let t = &app.theme;
    let cur = app.cursor;
    let cell_selected = cur.stage == stage && cur.lane == row.lane;
    if cell_selected {
        fill(buf, r, t.cell());
    }
    let text_w = r.width.saturating_sub(1).max(1);
    for (n, line) in lines
        .iter()
        .skip(row.skip as usize)
        .take(r.height as usize)
        .enumerate()
    {
        let y = r.y + n as u16;
        let selected = cell_selected && line.item == Some(cur.item);
        let style = match line.kind {
            _ if selected => t.selected(),
            Kind::Text { .. } => t.text(),
            Kind::Detail => t.muted(),
            Kind::Prompt if cell_selected => t.selected(),
            Kind::Prompt => t.muted().add_modifier(Modifier::ITALIC),
        };
        if selected || (cell_selected && line.kind == Kind::Prompt) {
            fill(buf, Rect::new(r.x, y, r.width, 1), style);
        }
        put(buf, r.x, y, &line.text, text_w, style);
        if let Some(q) = app.search.active() {
            highlight(buf, t, r.x, y, text_w, &line.text, q);
        }
        if let Some((w, color)) = line.tag
            && !selected
        {
            let tag: String = line.text.chars().take(w).collect();
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
