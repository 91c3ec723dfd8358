//! Presentation mode (F5): the map as slides for a projector, with none of the
//! editor's chrome. First an overview (title, persona, the whole journey's
//! curve, the pain points by severity), then one slide per stage with every
//! lane's items in full.
//!
//! Nothing here can change the map: `key` only reads the `App` and returns the
//! next slide, so leaving finds the editor exactly as it was. A slide taller than
//! the screen scrolls (↓/↑) rather than splitting, so a stage stays one slide and
//! a number key always lands on it.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::app::App;
use super::component::{Component, Handled, Hint};
use super::keymap::{Slide, slide_hints, slide_lookup};
use super::layout::Grid;
use super::paint;
use super::plot::{self, Plot};
pub use super::state::Presentation;
use super::theme::{LOW_SCORE, Theme};
use crate::edit::Item;
use crate::model::{Confidence, JourneyMap, Lane, Level, PainPoint, Stage, templates, wording};

/// The key to the confidence glyphs, on the status line of a map that holds
/// evidence, so the room reads `◐` without being told.
pub const CONFIDENCE_KEY: &str = "? assumption · ◐ research · ● measured";

/// A card's prefix on a slide: the confidence glyph in place of a plain
/// bullet, or before a marker that means something (`[High] `, `4/5 `).
fn with_glyph(conf: Option<Confidence>, prefix: &str) -> String {
    match conf {
        None => prefix.to_string(),
        Some(c) if prefix == "• " => format!("{} ", c.glyph()),
        Some(c) => format!("{} {prefix}", c.glyph()),
    }
}
use crate::text::display;

/// Below this the slides cannot be read; a message says so instead.
const MIN_WIDTH: u16 = 24;
const MIN_HEIGHT: u16 = 8;
/// Columns narrower than this are hard to read from the back of a room.
const MIN_COLUMN: u16 = 56;
const MAX_COLUMNS: usize = 3;
/// Lines longer than this are hard to follow across a wall: wider screens get
/// more columns instead.
const MAX_MEASURE: u16 = 100;
/// The tallest the curve grows on a big screen, in rows: its scores four
/// rows apart.
const MAX_PLOT: u16 = 17;
/// Beyond this many stages (or below 40 rows, where nothing is spare) the curve
/// keeps its size rather than measure every slide on each frame.
const GROW_LIMIT: usize = 20;

/// A projected slide shows no key hints (the room reads the slide); its keys
/// are in the help, from `SLIDE_KEYS`, the table `slide_lookup` reads.
impl Component for Presentation {
    fn mode(&self) -> &'static str {
        "PRESENT"
    }

    fn hints(&self) -> Vec<Hint> {
        slide_hints()
    }

    fn handle(&mut self, app: &mut App, k: KeyEvent) -> Handled {
        match key(app, *self, k) {
            Some(p) => {
                *self = p;
                Handled::stay()
            }
            None => Handled::close(),
        }
    }

    fn fills_screen(&self) -> bool {
        true
    }

    fn draw(&self, app: &App, f: &mut Frame, _: Option<&Grid>) {
        let area = f.area();
        draw(app, self, f.buffer_mut(), area);
    }
}

/// The presentation after key `k`, or `None` when it ends (back to the editor).
pub fn key(app: &App, p: Presentation, k: KeyEvent) -> Option<Presentation> {
    let Some(action) = slide_lookup(k) else {
        return Some(p);
    };
    let last = app.doc.map.stages.len();
    let go = |slide: usize| {
        if slide == p.slide {
            p
        } else {
            Presentation { slide, scroll: 0 }
        }
    };
    Some(match action {
        Slide::Leave => return None,
        Slide::Next => go((p.slide + 1).min(last)),
        Slide::Prev => go(p.slide.saturating_sub(1)),
        Slide::First => go(0),
        Slide::Last => go(last),
        Slide::Stage(n) if (n as usize) <= last => go(n as usize),
        Slide::Stage(_) => p,
        Slide::ScrollDown | Slide::ScrollUp => {
            let area = Rect::new(0, 0, app.size.0, app.size.1);
            let shown = shown_map(app);
            let map = shown.as_ref().unwrap_or(&app.doc.map);
            let (max, page, starts) = scroll_room(map, &app.theme, p.slide, area);
            let from = p.scroll.min(max);
            // A page ends where a lane starts when one is in reach, so that
            // each screenful opens on a heading.
            let scroll = if action == Slide::ScrollDown {
                let to = from.saturating_add(page);
                let lane = starts.iter().filter(|&&s| s > from && s <= to).max();
                lane.copied().unwrap_or(to).min(max)
            } else {
                let to = from.saturating_sub(page);
                let lane = starts.iter().filter(|&&s| s >= to && s < from).min();
                lane.copied().unwrap_or(to)
            };
            Presentation { scroll, ..p }
        }
    })
}

/// The journey the slides show while the persona filter is on: hers, as a
/// map of one persona (her name on the overview, her cards, her curve);
/// `None` shows the whole map.
fn shown_map(app: &App) -> Option<JourneyMap> {
    app.filter().and_then(|f| app.doc.map.for_persona(f))
}

/// Draws slide `p` over the whole of `area`.
pub fn draw(app: &App, p: &Presentation, buf: &mut Buffer, area: Rect) {
    let area = area.intersection(buf.area);
    clear(buf, area);
    let shown = shown_map(app);
    let map = shown.as_ref().unwrap_or(&app.doc.map);
    let t = &app.theme;
    let Some(parts) = deck(map, t, area) else {
        let msg = "Too small to present — Esc goes back";
        let lines = wrap(msg, area.width as usize);
        for (i, l) in lines.iter().enumerate() {
            let y = area.y + (area.height / 2).saturating_sub(1) + i as u16;
            let x = area.x + area.width.saturating_sub(l.width() as u16) / 2;
            put(
                buf,
                x,
                y,
                &Line::styled(l.clone(), Style::default().bold()),
                area,
            );
        }
        return;
    };
    let slide = p.slide.min(map.stages.len());
    let laid = lay_out(map, t, slide, &parts);
    for (i, l) in laid.pinned.iter().enumerate() {
        put(buf, parts.body.x, parts.body.y + i as u16, l, parts.body);
    }
    let body = laid.body;
    let max = laid.height().saturating_sub(body.height);
    let scroll = p.scroll.min(max);
    for row in 0..body.height {
        let y = body.y + row;
        let v = (scroll + row) as usize;
        match v.checked_sub(laid.flowing.len()) {
            None => {
                if let Some(l) = laid.flowing.get(v) {
                    put(buf, body.x, y, l, body);
                }
            }
            Some(v) => {
                for c in &laid.columns {
                    if let Some(l) = c.lines.get(v) {
                        let r = Rect {
                            x: c.x,
                            width: c.width,
                            ..body
                        };
                        put(buf, c.x, y, l, r);
                    }
                }
            }
        }
    }
    if let Some(r) = parts.curve {
        curve(map, t, (slide > 0).then(|| slide - 1), buf, r);
    }
    let mut page = match slide {
        0 => format!("Overview · {} stages", map.stages.len()),
        n => format!("Stage {n} of {}", map.stages.len()),
    };
    // The key to the curve's `✕`, so a low point reads as low without colour.
    let low = map
        .stages
        .iter()
        .any(|s| s.curve_point().is_some_and(|v| v <= LOW_SCORE));
    if parts.curve.is_some() && map.persona_count() > 1 {
        // Which curve is whose: marker, name and line, without colour too.
        let key: Vec<String> = map
            .personas()
            .enumerate()
            .map(|(i, p)| {
                let s = crate::model::persona_style(i);
                let line = plot::Glyphs::of(s.line_name).sample();
                format!("{} {} {line}", s.marker, display(&p.name))
            })
            .collect();
        page = format!("{} · {page}", key.join("  "));
    } else if parts.curve.is_some() && low {
        page = format!("{} · {page}", plot::LOW_KEY);
    }
    if map.has_evidence() {
        page = format!("{CONFIDENCE_KEY} · {page}");
    }
    status(buf, t, parts.status, &page, scroll, max);
    timer(app, buf, parts.status);
}

/// The workshop timer, centred on the status line, so the room sees it on the
/// projector too.
fn timer(app: &App, buf: &mut Buffer, r: Rect) {
    let Some(timer) = &app.timer else {
        return;
    };
    let now = app.clock.now();
    let label = timer.label(now);
    let style = if timer.is_up(now) {
        app.theme.error()
    } else {
        app.theme.accent_bold()
    };
    let w = label.width() as u16;
    put_str(
        buf,
        r.x + r.width.saturating_sub(w) / 2,
        r.y,
        &label,
        style,
        r,
    );
}

/// How far a slide can scroll at this size (how much taller its body is than
/// the room it has), and how far one key scrolls it: a screenful less a line
/// to read on from, so the room is never lost in a crawl of single lines), and
/// the lines where its blocks start.
fn scroll_room(map: &JourneyMap, t: &Theme, slide: usize, area: Rect) -> (u16, u16, Vec<u16>) {
    let Some(parts) = deck(map, t, area) else {
        return (0, 1, Vec::new());
    };
    let slide = slide.min(map.stages.len());
    let laid = lay_out(map, t, slide, &parts);
    let lead = lines(laid.flowing.len());
    let starts = laid
        .columns
        .iter()
        .flat_map(|c| c.starts.iter().map(|&s| lines(s).saturating_add(lead)))
        .collect();
    let body = laid.body;
    let max = laid.height().saturating_sub(body.height);
    (max, body.height.saturating_sub(1).max(1), starts)
}

/// A slide placed: its heading, pinned above the body when it is short and
/// scrolling with the body when it would crowd it out (a long title or goal on
/// a small screen), then the body in columns.
struct Laid {
    pinned: Vec<Line<'static>>,
    flowing: Vec<Line<'static>>,
    /// The room below the pinned heading.
    body: Rect,
    columns: Vec<Column>,
}

impl Laid {
    /// Lines that scroll: the flowing heading, then the tallest column.
    fn height(&self) -> u16 {
        let tallest = self.columns.iter().map(|c| c.lines.len()).max();
        lines(self.flowing.len() + tallest.unwrap_or(0))
    }
}

/// A count of lines as a screen position: a stage can hold more lines than a
/// `u16` counts, and scrolling then stops at the most it can say rather than
/// wrapping round to a small number.
fn lines(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

fn lay_out(map: &JourneyMap, t: &Theme, slide: usize, parts: &Parts) -> Laid {
    let (head, _) = content(map, t, slide, parts.body.width);
    let (pinned, flowing) = if head.len() as u16 <= parts.body.height / 2 {
        (head, Vec::new())
    } else {
        (Vec::new(), head)
    };
    let body = Rect {
        y: parts.body.y + pinned.len() as u16,
        height: parts.body.height.saturating_sub(pinned.len() as u16),
        ..parts.body
    };
    let room = Rect {
        height: body.height.saturating_sub(flowing.len() as u16),
        ..body
    };
    let columns = columns(|w| content(map, t, slide, w).1, room);
    Laid {
        pinned,
        flowing,
        body,
        columns,
    }
}

/// The parts of every slide at this size. On a big screen the curve grows into
/// the rows that even the tallest slide leaves empty: the same on every slide,
/// so it stays put while the slides change.
fn deck(map: &JourneyMap, t: &Theme, area: Rect) -> Option<Parts> {
    let mut parts = parts(area)?;
    let Some(mut curve) = parts.curve else {
        return Some(parts);
    };
    if area.height < 40 || map.stages.len() > GROW_LIMIT {
        return Some(parts);
    }
    let need = (0..=map.stages.len())
        .map(|slide| {
            let laid = lay_out(map, t, slide, &parts);
            lines(laid.pinned.len()).saturating_add(laid.height())
        })
        .max()
        .unwrap_or(0);
    let spare = parts.body.height.saturating_sub(need.saturating_add(1));
    // Grown only as far as keeps the scores' rows evenly apart.
    let plot = curve.height.saturating_sub(NAME_ROWS);
    let grown = plot::fitted(plot.saturating_add(spare).min(MAX_PLOT));
    let extra = grown.saturating_sub(plot);
    curve.y -= extra;
    curve.height += extra;
    parts.curve = Some(curve);
    parts.body.height -= extra;
    Some(parts)
}

struct Parts {
    body: Rect,
    curve: Option<Rect>,
    status: Rect,
}

/// Margins, the body, the curve along the bottom and a status line under it.
fn parts(area: Rect) -> Option<Parts> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let mx = match area.width {
        160.. => 6,
        100.. => 4,
        _ => 2,
    };
    let top = match area.height {
        40.. => 2,
        20.. => 1,
        _ => 0,
    };
    let inner_x = area.x + mx;
    let inner_w = area.width.saturating_sub(2 * mx);
    let status = Rect::new(inner_x, area.bottom() - 1, inner_w, 1);
    // Plot rows grow with the screen, then two rows of stage names.
    // Five rows at least, one per score, or the means blur into a flat line.
    let plot = plot::fitted((area.height.saturating_sub(9) / 5).clamp(5, 9));
    let curve_h = plot + NAME_ROWS;
    let body_top = area.y + top;
    let room = status.y.saturating_sub(body_top);
    let (body_h, curve) = if room >= curve_h + 1 + 6 {
        let y = status.y - curve_h;
        (
            room - curve_h - 1,
            Some(Rect::new(inner_x, y, inner_w, curve_h)),
        )
    } else {
        (room, None)
    };
    Some(Parts {
        body: Rect::new(inner_x, body_top, inner_w, body_h),
        curve,
        status,
    })
}

/// One unit of a slide's body that is never split across columns.
type Block = Vec<Line<'static>>;

/// A slide's heading (full width, never scrolled) and its body's blocks.
fn content(
    map: &JourneyMap,
    t: &Theme,
    slide: usize,
    width: u16,
) -> (Vec<Line<'static>>, Vec<Block>) {
    match slide
        .checked_sub(1)
        .and_then(|i| map.stages.get(i).map(|s| (i, s)))
    {
        Some((i, s)) => stage_slide(map, t, i, s, width),
        None => overview(map, t, width),
    }
}

fn overview(map: &JourneyMap, t: &Theme, width: u16) -> (Vec<Line<'static>>, Vec<Block>) {
    let w = width as usize;
    let mut head = Vec::new();
    let title = if map.title.is_empty() {
        "Untitled journey".to_string()
    } else {
        display(&map.title).into_owned()
    };
    heading(&mut head, t, &title, w);
    head.push(Line::default());

    let mut blocks = Vec::new();
    let p = &map.persona;
    let mut who = Vec::new();
    if !p.name.is_empty() {
        let name = display(&p.name);
        let bold = Style::default().bold().fg(t.accent);
        para(&mut who, w, "", bold, &name, bold);
    }
    if !p.role.is_empty() {
        para(
            &mut who,
            w,
            "",
            Style::default(),
            &display(&p.role),
            Style::default(),
        );
    }
    if !p.quote.is_empty() {
        who.push(Line::default());
        let quote = format!("“{}”", display(&p.quote));
        para(
            &mut who,
            w,
            "  ",
            Style::default(),
            &quote,
            Style::default().italic(),
        );
    }
    if !who.is_empty() {
        blocks.push(who);
    }

    let voted = map
        .stages
        .iter()
        .any(|s| s.pain_points.iter().any(|p| p.votes > 0));
    if voted {
        blocks.push(ranked_by_votes(map, t, w));
        return (head, blocks);
    }
    let mut any = false;
    for level in [Level::High, Level::Medium, Level::Low] {
        let mut block = Vec::new();
        for (si, s) in map.stages.iter().enumerate() {
            for (pi, pp) in s
                .pain_points
                .iter()
                .enumerate()
                .filter(|(_, pp)| pp.severity == level)
            {
                if block.is_empty() {
                    let title = format!("Pain points · {}", level.name());
                    block.push(Line::styled(
                        title,
                        Style::default().bold().fg(t.level(level)),
                    ));
                }
                let mut text = format!("{} ({})", display(&pp.text), display(&s.name));
                if pp.votes > 0 {
                    text = format!("{text} {}", wording::dots(pp.votes));
                }
                let conf = map.confidence_of(si, Lane::PainPoints, pi);
                para(
                    &mut block,
                    w,
                    &with_glyph(conf, "• "),
                    Style::default().fg(t.level(level)),
                    &text,
                    Style::default(),
                );
            }
        }
        if !block.is_empty() {
            any = true;
            blocks.push(block);
        }
    }
    if !any {
        blocks.push(vec![Line::styled(
            "No pain points recorded",
            Style::default().fg(t.muted).italic(),
        )]);
    }
    (head, blocks)
}

/// Once the room has voted, the pain points in one list: most votes first, then
/// the most severe, then in the map's order. Each names its severity in words,
/// so the ranking reads without colour.
fn ranked_by_votes(map: &JourneyMap, t: &Theme, w: usize) -> Block {
    let mut all: Vec<(&PainPoint, &str, Option<Confidence>)> = map
        .stages
        .iter()
        .enumerate()
        .flat_map(|(si, s)| {
            s.pain_points.iter().enumerate().map(move |(pi, p)| {
                let conf = map.confidence_of(si, Lane::PainPoints, pi);
                (p, s.name.as_str(), conf)
            })
        })
        .collect();
    all.sort_by_key(|(p, _, _)| std::cmp::Reverse((p.votes, p.severity)));
    let mut block = vec![Line::styled(
        "Pain points · by votes, then severity",
        Style::default().bold(),
    )];
    for (p, stage, conf) in all {
        let mut text = format!(
            "{} {} ({})",
            level_tag(p.severity),
            display(&p.text),
            display(stage)
        );
        if p.votes > 0 {
            text = format!("{text} {}", wording::dots(p.votes));
        }
        para(
            &mut block,
            w,
            &with_glyph(conf, "• "),
            Style::default().fg(t.level(p.severity)),
            &text,
            Style::default(),
        );
    }
    block
}

fn stage_slide(
    map: &JourneyMap,
    t: &Theme,
    index: usize,
    s: &Stage,
    width: u16,
) -> (Vec<Line<'static>>, Vec<Block>) {
    let w = width as usize;
    let mut head = Vec::new();
    let name = if s.name.is_empty() {
        display(&s.id).into_owned()
    } else {
        display(&s.name).into_owned()
    };
    heading(&mut head, t, &name, w);
    if !s.goal.is_empty() {
        para(
            &mut head,
            w,
            "Goal: ",
            Style::default().fg(t.muted),
            &display(&s.goal),
            Style::default().italic(),
        );
    }
    head.push(Line::default());

    let mut blocks = Vec::new();
    for lane in map.lane_sequence() {
        let mut block = vec![Line::styled(
            display(&map.lane_title(lane)).into_owned(),
            Style::default().bold().fg(t.accent),
        )];
        let len = s.lane_len(lane);
        if len == 0 {
            // A template's workshop prompt is worth projecting; an empty lane
            // of a finished map is not.
            match templates::stage_prompt(map, index, lane) {
                Some(prompt) => para(
                    &mut block,
                    w,
                    "",
                    Style::default(),
                    &display(&prompt),
                    Style::default().fg(t.muted).italic(),
                ),
                None => continue,
            }
        }
        for i in 0..len {
            if let Some(item) = Item::get(s, lane, i) {
                let conf = map.confidence_of(index, lane, i);
                item_lines(&mut block, t, w, &item, conf);
            }
        }
        blocks.push(block);
    }
    if blocks.is_empty() {
        blocks.push(vec![Line::styled(
            "Nothing recorded for this stage yet",
            Style::default().fg(t.muted).italic(),
        )]);
    }
    (head, blocks)
}

/// An item in full: its text, wrapped, then its details on a dim line.
fn item_lines(out: &mut Block, t: &Theme, w: usize, item: &Item, conf: Option<Confidence>) {
    let plain = Style::default();
    let g = |prefix: &str| with_glyph(conf, prefix);
    // Details line up under the text they belong to.
    let detail = |out: &mut Block, under: &str, parts: Vec<String>| {
        let parts: Vec<String> = parts.into_iter().filter(|p| !p.is_empty()).collect();
        if !parts.is_empty() {
            para(
                out,
                w,
                &" ".repeat(under.width()),
                plain,
                &parts.join(" · "),
                Style::default().fg(t.muted),
            );
        }
    };
    match item {
        Item::Text(t) => para(out, w, &g("• "), plain, &display(t), plain),
        Item::Touchpoint(t) => {
            para(out, w, &g("• "), plain, &display(&t.name), plain);
            detail(
                out,
                &g("• "),
                vec![
                    display(&t.channel).into_owned(),
                    display(&t.note).into_owned(),
                ],
            );
        }
        Item::Emotion(e) => {
            let tag = g(&format!("{}/5 ", e.score));
            let style = Style::default().bold().fg(t.score(e.score as f64));
            para(out, w, &tag, style, &display(&e.label), plain);
            detail(out, &tag, vec![display(&e.note).into_owned()]);
        }
        Item::PainPoint(p) => {
            let tag = g(&format!("{} ", level_tag(p.severity)));
            let style = Style::default().bold().fg(t.level(p.severity));
            para(out, w, &tag, style, &display(&p.text), plain);
            detail(out, &tag, vec![wording::dots(p.votes)]);
        }
        Item::Optimization(o) => {
            let tag = g(&format!("{} ", level_tag(o.priority)));
            // An optimization's priority is a wish, not a warning: no alarm colour.
            let style = Style::default().bold().fg(t.accent);
            para(out, w, &tag, style, &display(&o.text), plain);
            detail(
                out,
                &tag,
                vec![
                    display(&o.owner).into_owned(),
                    crate::model::wording::capitalise(o.status.label()),
                    wording::dots(o.votes),
                ],
            );
        }
        Item::Metric(m) => {
            // "4 %" stays on one line: a unit alone at the start of a line reads as noise.
            let text = wording::metric(m).replace(" %", "\u{a0}%");
            para(out, w, &g("• "), plain, &display(&text), plain)
        }
        Item::Lane(l) => {
            para(out, w, &g("• "), plain, &display(&l.text), plain);
            let serves = if l.serves.is_empty() {
                String::new()
            } else {
                format!("serves: {}", display(&l.serves))
            };
            detail(
                out,
                &g("• "),
                vec![
                    display(&l.owner).into_owned(),
                    display(&l.channel).into_owned(),
                    serves,
                ],
            );
        }
    }
}

fn level_tag(l: Level) -> &'static str {
    match l {
        Level::Low => "[Low]",
        Level::Medium => "[Medium]",
        Level::High => "[High]",
    }
}

/// A slide's title: bold, wrapped, underlined by a rule as long as its text.
fn heading(out: &mut Vec<Line<'static>>, t: &Theme, text: &str, w: usize) {
    let lines = wrap(text, w);
    let rule = lines.iter().map(|l| l.width()).max().unwrap_or(0).min(w);
    for l in lines {
        out.push(Line::styled(l, Style::default().bold()));
    }
    out.push(Line::styled(
        "━".repeat(rule),
        Style::default().fg(t.accent),
    ));
}

/// `text` wrapped to `w` columns after `prefix`; the lines after the first are
/// indented as far as the prefix is wide.
fn para(out: &mut Block, w: usize, prefix: &str, pstyle: Style, text: &str, style: Style) {
    let mut pw = prefix.width();
    let mut prefix = prefix;
    if pw * 2 > w {
        // No room to hang the text under a wide prefix: the prefix gets a line.
        for l in wrap(prefix, w) {
            out.push(Line::styled(l, pstyle));
        }
        (pw, prefix) = (0, "");
    }
    for (i, l) in wrap(text, w.saturating_sub(pw)).into_iter().enumerate() {
        let lead = if i == 0 {
            Span::styled(prefix.to_string(), pstyle)
        } else {
            Span::raw(" ".repeat(pw))
        };
        out.push(Line::from(vec![lead, Span::styled(l, style)]));
    }
}

/// Lines of at most `w` columns, wrapped as the editor's cards are.
fn wrap(text: &str, w: usize) -> Vec<String> {
    paint::wrap(text, w, w)
}

struct Column {
    x: u16,
    width: u16,
    lines: Vec<Line<'static>>,
    /// Where each of its blocks starts.
    starts: Vec<usize>,
}

/// Lays blocks out in as few columns as let the body fit on screen (at most
/// three, none narrower than `MIN_COLUMN` nor wider than `MAX_MEASURE` when it
/// can help it), in order, balanced by height.
/// `blocks` builds the blocks for a column width.
fn columns(blocks: impl Fn(u16) -> Vec<Block>, body: Rect) -> Vec<Column> {
    let most = ((body.width / MIN_COLUMN) as usize).clamp(1, MAX_COLUMNS);
    let most = most.min(blocks(body.width).len().max(1));
    let least = (body.width.div_ceil(MAX_MEASURE) as usize).clamp(1, most);
    let mut chosen = Vec::new();
    for n in least..=most {
        let gap = 4u16;
        let width = body.width.saturating_sub(gap * (n as u16 - 1)) / n as u16;
        let cols = balance(blocks(width), n);
        let tallest = cols.iter().map(|(l, _)| l.len()).max().unwrap_or(0);
        chosen = cols
            .into_iter()
            .enumerate()
            .map(|(i, (lines, starts))| Column {
                x: body.x + i as u16 * (width + gap),
                width,
                lines,
                starts,
            })
            .collect();
        if tallest <= body.height as usize {
            break;
        }
    }
    chosen
}

/// Splits blocks, in order, into `n` columns of about the same height, one
/// blank line between blocks; each column with the lines its blocks start on.
fn balance(blocks: Vec<Block>, n: usize) -> Vec<(Vec<Line<'static>>, Vec<usize>)> {
    let total: usize = blocks.iter().map(|b| b.len() + 1).sum();
    let target = total.div_ceil(n.max(1));
    let count = blocks.len();
    let mut cols: Vec<(Vec<Line<'static>>, Vec<usize>)> = vec![(Vec::new(), Vec::new())];
    for (i, b) in blocks.into_iter().enumerate() {
        let left_after = count - i;
        let full = cols
            .last()
            .is_some_and(|(c, _)| !c.is_empty() && c.len() + b.len() > target);
        if full && cols.len() < n && left_after >= 1 {
            cols.push((Vec::new(), Vec::new()));
        }
        if let Some((c, starts)) = cols.last_mut() {
            if !c.is_empty() {
                c.push(Line::default());
            }
            starts.push(c.len());
            c.extend(b);
        }
    }
    cols
}

/// Left of the curve: the axis's labels and a blank column. (The key `✕ low`
/// is on the status line, so every column it would take goes to the names.)
const GUTTER: u16 = 3;
/// Under the curve: two lines for each stage's name.
const NAME_ROWS: u16 = 2;

/// The emotion curve across the whole journey, drawn as the editor draws it
/// (a labelled row per score, a line between points, each score beside its
/// point, `✕` for a low one), every stage named under its point; `mark`
/// singles out one stage with a rule through its column and its name in
/// reverse.
fn curve(map: &JourneyMap, t: &Theme, mark: Option<usize>, buf: &mut Buffer, r: Rect) {
    let n = map.stages.len();
    let inner = Rect::new(
        r.x + GUTTER,
        r.y,
        r.width.saturating_sub(GUTTER),
        r.height.saturating_sub(NAME_ROWS),
    );
    let Some(plot) = Plot::new(inner).filter(|_| n > 0 && inner.width > 0) else {
        return;
    };
    let slot = |i: usize| -> (u16, u16) {
        let x0 = inner.x as usize + i * inner.width as usize / n;
        let x1 = inner.x as usize + (i + 1) * inner.width as usize / n;
        (x0 as u16, (x1 - x0) as u16)
    };
    // Scores beside the points when every column has room for one and a bit
    // of line; else the marks alone, read against the axis.
    let values = slot(0).1.min(slot(n - 1).1) > plot::POINT_WIDTH + 1;
    let width = if values { plot::POINT_WIDTH } else { 1 };
    let points: Vec<(u16, Option<f64>)> = map
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (x, w) = slot(i);
            (x + w.saturating_sub(width) / 2, s.curve_point())
        })
        .collect();
    let muted = Style::default().fg(t.muted);
    plot::axis(buf, &plot, r.x + GUTTER - 3, muted);
    if let Some((x, _)) = mark.and_then(|m| points.get(m)) {
        for y in plot.y..plot.y + plot.height() {
            paint::put(buf, *x, y, "┊", 1, muted);
        }
    }
    if map.persona_count() > 1 {
        personas_curves(map, t, &plot, n, &slot, buf);
    } else {
        plot::curve(buf, t, &plot, &points, values);
    }
    let names = Rect::new(r.x, plot.y + plot.height(), r.width, NAME_ROWS);
    for (i, s) in map.stages.iter().enumerate() {
        let style = if mark == Some(i) {
            t.selected().bold()
        } else {
            Style::default().bold()
        };
        let named = format!("{} {}", i + 1, display(&s.name));
        // Two blank columns between neighbours' names where a column is wide
        // enough to spare one, so the room sees where one name ends.
        let (x, w) = slot(i);
        let w = if w > 14 { w - 1 } else { w };
        plot::name(buf, (x, w), &named, ("", style), style, names);
    }
}

/// Every persona's curve, as the editor draws them: side by side in each
/// stage's slot, each with her marker, line style and colour, every line
/// before any point.
fn personas_curves(
    map: &JourneyMap,
    t: &Theme,
    plot: &Plot,
    n: usize,
    slot: &dyn Fn(usize) -> (u16, u16),
    buf: &mut Buffer,
) {
    let count = map.persona_count() as u16;
    let narrowest = (0..n).map(|i| slot(i).1).min().unwrap_or(0);
    let values = narrowest > count * (plot::POINT_WIDTH + 1);
    let step = if values { plot::POINT_WIDTH + 1 } else { 2 };
    let curves: Vec<(usize, plot::Points)> = (0..map.persona_count())
        .map(|i| {
            let key = map.emotion_key(i);
            let points = map
                .stages
                .iter()
                .enumerate()
                .map(|(j, s)| {
                    let (x, w) = slot(j);
                    let x = x + w.saturating_sub(count * step) / 2 + i as u16 * step;
                    (x, s.curve_point_of(key))
                })
                .collect();
            (i, points)
        })
        .collect();
    plot::persona_curves(buf, t, plot, &curves, values);
}

fn status(buf: &mut Buffer, t: &Theme, r: Rect, page: &str, scroll: u16, max: u16) {
    let style = Style::default().fg(t.muted);
    let pw = page.width() as u16;
    put_str(buf, r.right().saturating_sub(pw), r.y, page, style, r);
    let hint = if scroll < max {
        "↓ more"
    } else if scroll > 0 {
        "↑ back to the top"
    } else {
        ""
    };
    put_str(buf, r.x, r.y, hint, style.add_modifier(Modifier::BOLD), r);
}

fn clear(buf: &mut Buffer, r: Rect) {
    for y in r.top()..r.bottom() {
        for x in r.left()..r.right() {
            if let Some(c) = buf.cell_mut((x, y)) {
                c.reset();
            }
        }
    }
}

/// Writes `line` at (x, y), clipped to `clip`.
fn put(buf: &mut Buffer, x: u16, y: u16, line: &Line, clip: Rect) {
    let clip = clip.intersection(buf.area);
    if y < clip.y || y >= clip.bottom() || x < clip.x || x >= clip.right() {
        return;
    }
    buf.set_line(x, y, line, clip.right() - x);
}

fn put_str(buf: &mut Buffer, x: u16, y: u16, s: &str, style: Style, clip: Rect) {
    put(buf, x, y, &Line::styled(s.to_string(), style), clip);
}
