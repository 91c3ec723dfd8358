//! The title bar, the stage heads and the lanes of items.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use unicode_width::UnicodeWidthStr;

use crate::text::display;
use crate::tui::app::App;
use crate::tui::card::{CardLine, Kind};
use crate::tui::layout::{Grid, LABEL_WIDTH, Row, stage_head_lines, text_width};
use crate::tui::paint::{fill, fit, highlight, put, wrap, wrap_at_most};
use crate::tui::search;

pub fn header(app: &App, buf: &mut Buffer, r: Rect) {
    let t = &app.theme;
    let style = t.bar();
    fill(buf, r, style);
    let map = &app.doc.map;
    let p = &map.persona;
    let mut persona = display(&p.name).into_owned();
    if !p.role.is_empty() {
        persona.push_str(&format!(" ({})", display(&p.role)));
    }
    // Several personas: each by her marker; one persona's journey shown:
    // hers, in the badge's colours, so the back of the room can tell.
    let banner = crate::tui::filter::banner(map, app.persona_filter);
    if banner.is_some() {
        persona.clear();
    } else if map.persona_count() > 1 {
        let names: Vec<String> = map
            .personas()
            .enumerate()
            .map(|(i, p)| {
                let marker = crate::model::persona_style(i).marker;
                format!("{marker} {}", display(&p.name))
            })
            .collect();
        persona = names.join("  ");
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
    // Who else has the map open: at most a third of the bar, so the title
    // keeps its room on an 80-column terminal.
    let with = app.room.with((r.width as usize / 3).min(48));
    let with = if with.is_empty() {
        with
    } else {
        format!("{with}   ")
    };
    let right = format!(
        "{with}{conflicts}{timer}{}{mark} ",
        display(&app.file_name())
    );
    let left = format!(" {} — {}", display(&app.doc.map.title), persona);
    let rw = right.width() as u16;
    let avail = r.width.saturating_sub(rw + 1);
    // The filter's banner keeps its room: the title gives way to it.
    let banner = banner.map(|b| format!(" {b} "));
    let bw = banner.as_ref().map_or(0, |b| b.width() as u16).min(avail);
    let left_avail = avail - bw;
    put(
        buf,
        r.x,
        r.y,
        &fit(&left, left_avail as usize),
        left_avail,
        style.add_modifier(Modifier::BOLD),
    );
    if let Some(b) = banner {
        let x = r.x + (left.width() as u16).min(left_avail);
        put(buf, x, r.y, &fit(&b, bw as usize), bw, t.mode());
    }
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
        let skip = (with.width() + conflicts.width()) as u16;
        put(
            buf,
            r.x + r.width.saturating_sub(rw) + skip.min(rw),
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
    // Stages out of view on either side, said once: `◂ more`, `more ▸` or
    // `◂ more ▸`.
    let left = app.stage_offset > 0;
    let right = app.stage_offset + g.columns.len() < n;
    let more = match (left, right) {
        (true, true) => "◂ more ▸",
        (true, false) => "◂ more",
        (false, true) => "more ▸",
        (false, false) => "",
    };
    put(buf, r.x, r.y + 1, more, LABEL_WIDTH - 1, t.notice());
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
        let head = stage_head_lines(app, c, r.height);
        let query = app.search.active();
        for (i, line) in head.name.iter().enumerate() {
            let y = r.y + i as u16;
            fill(buf, Rect::new(c.x, y, w, 1), style);
            put(buf, c.x, y, line, w, style);
            if let Some(q) = query {
                highlight(buf, t, c.x, y, w, line, q);
            }
        }
        let goal = match query {
            Some(q) if head.goal_cut => {
                goal_around(&display(&s.goal), q, w as usize, head.goal.len()).unwrap_or(head.goal)
            }
            _ => head.goal,
        };
        let top = r.y + head.name.len() as u16;
        for (i, line) in goal.iter().enumerate() {
            let y = top + i as u16;
            put(
                buf,
                c.x,
                y,
                line,
                w,
                t.muted().add_modifier(Modifier::ITALIC),
            );
            if let Some(q) = query {
                highlight(buf, t, c.x, y, w, line, q);
            }
        }
    }
}

/// The lines of a goal too long for its head that show the first match of
/// `query` in it, when the first `rows` lines do not: the goal from a few
/// lines before the match, starting with `…`. `None` when the match is
/// already in view (or there is none).
fn goal_around(goal: &str, query: &str, w: usize, rows: usize) -> Option<Vec<String>> {
    if rows == 0 {
        return None;
    }
    let lines = wrap(goal, w, w);
    let hit = lines
        .iter()
        .position(|l| !search::ranges(l, query).is_empty())?;
    // In view already: on a line before the last shown, or on the last when
    // nothing follows it (else the `…` of the cut may hide it).
    if hit + 1 < rows || (hit + 1 == rows && lines.len() == rows) {
        return None;
    }
    let from = (hit + 1).saturating_sub(rows);
    let mut shown: Vec<String> = lines.get(from..=hit)?.to_vec();
    if from > 0
        && let Some(first) = shown.first_mut()
    {
        // Room for the `…` that says the goal starts before: the line's
        // first letter gives way when the line is full.
        let rest: String = if first.width() < w {
            first.clone()
        } else {
            first.chars().skip(1).collect()
        };
        *first = format!("…{rest}");
    }
    if hit + 1 < lines.len()
        && let Some(last) = shown.last_mut()
        && last.width() < w
    {
        last.push('…');
    }
    Some(shown)
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
    // The blueprint's lines, dashed and named at the left, so the room sees
    // where the customer's view ends.
    for &(y, line) in &g.lines {
        let label = format!("╌╌ {} ", line.label());
        let rest = (g.lanes.width as usize).saturating_sub(label.width());
        put(
            buf,
            g.lanes.x,
            y,
            &fit(
                &format!("{label}{}", "╌".repeat(rest)),
                g.lanes.width as usize,
            ),
            g.lanes.width,
            t.notice(),
        );
    }
    // Fit zoom keeps one column of space between stages, not two: a thin
    // rule there keeps one stage's words from reading on into the next's.
    if app.zoom == crate::tui::layout::Zoom::Fit {
        let inner = g.columns.iter().rev().skip(1);
        for c in inner {
            let x = c.x + c.w.saturating_sub(1);
            for row in &g.rows {
                for y in row.y..row.y + row.h {
                    put(buf, x, y, "│", 1, t.muted());
                }
            }
        }
    }
    // While `'` waits for its lane, each lane's title starts with its key.
    // (A map without lanes of its own looks as it always did.)
    let jump = if app.doc.map.has_lanes()
        && app.pending_keys.len() == 1
        && app.pending_keys.first() == app.keymap.lane_prefix().as_ref()
    {
        app.keymap.lane_keys_for(&app.doc.map)
    } else {
        Vec::new()
    };
    for row in &g.rows {
        let lane_selected = row.lane == app.cursor.lane;
        let label_style = if lane_selected {
            t.accent_bold()
        } else {
            t.bold()
        };
        // The title stays on the lane's first line on screen, even scrolled;
        // a long one wraps over the lane's lines, cut with `…` at its last.
        let mut title = display(&app.doc.map.lane_title(row.lane)).into_owned();
        if let Some((k, _)) = jump.iter().find(|(_, l)| *l == row.lane) {
            title = format!("{} {title}", k.label());
        }
        let w = (LABEL_WIDTH - 1) as usize;
        for (i, line) in wrap_at_most(&title, w, w, row.h.max(1) as usize)
            .iter()
            .enumerate()
        {
            put(
                buf,
                g.lanes.x,
                row.y + i as u16,
                line,
                LABEL_WIDTH - 1,
                label_style,
            );
        }
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
            let names: Vec<String> = g
                .lanes_below
                .iter()
                .map(|l| display(&app.doc.map.lane_title(*l)).into_owned())
                .collect();
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
    let text_w = text_width(app.zoom, r.width.saturating_add(1));
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
        // A card another session's save just brought: marked at the cell's
        // right edge for a few seconds.
        if line.kind == (Kind::Text { first: true })
            && let Some(i) = line.item
            && let Some(s) = app.doc.map.stages.get(stage)
            && let Some(item) = crate::edit::Item::get(s, row.lane, i)
            && app.room.is_new(app.clock.now(), &s.id, row.lane, &item)
            && r.width > 1
        {
            put(
                buf,
                r.x + r.width - 1,
                y,
                crate::tui::room::MARK,
                1,
                t.notice().add_modifier(Modifier::BOLD),
            );
        }
        for &(from, n, color) in line.tags.iter().filter(|_| !selected) {
            let before: String = line.text.chars().take(from).collect();
            let tag: String = line.text.chars().skip(from).take(n).collect();
            let x = r.x.saturating_add(before.width() as u16);
            put(
                buf,
                x,
                y,
                &tag,
                r.width.saturating_sub(x - r.x),
                Style::default().fg(color).add_modifier(Modifier::BOLD),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::goal_around;

    const GOAL: &str =
        "Be on the shortlist when the spreadsheet finally breaks and the partners ask";

    #[test]
    fn a_match_in_view_keeps_the_goal_as_it_is() {
        assert_eq!(goal_around(GOAL, "shortlist", 25, 2), None);
        assert_eq!(goal_around(GOAL, "nowhere", 25, 2), None);
    }

    #[test]
    fn a_match_past_the_lines_shown_is_brought_into_them() {
        let shown = goal_around(GOAL, "partners", 25, 2).unwrap();
        assert_eq!(shown.len(), 2);
        assert!(shown[0].starts_with('…'), "{shown:?}");
        assert!(shown.iter().any(|l| l.contains("partners")), "{shown:?}");
        // On the last line shown, where the cut's `…` could hide it.
        let shown = goal_around(GOAL, "spreadsheet", 25, 2).unwrap();
        assert!(shown.iter().any(|l| l.contains("spreadsheet")), "{shown:?}");
        assert!(!shown[0].starts_with('…'), "{shown:?}");
    }
}
