//! The map's evidence (`R`) and the citation picker (`C`): the research
//! behind the cards, listed with its source and confidence, added and edited
//! in a form, deleted (asking first when cards cite it, whose citations go in
//! the same undo step), and cited from the grid one toggle at a time.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use crate::edit::{Op, citing_element, toggle_citation};
use crate::model::{Evidence, JourneyMap, Path, item_noun};
use crate::text::display;
use crate::tui::app::{App, CitePicker, EvidenceList, Overlay};
use crate::tui::component::{Component, Handled, Hint};
use crate::tui::edits::apply;
use crate::tui::form::Form;
use crate::tui::keymap::{self, Dialog, Reply, dialog_hints, dialog_rows};
use crate::tui::layout::Grid;
use crate::tui::paint::{boxed, centered, fill, fit, put, wrap_at_most};
use crate::tui::theme::Theme;

/// `R` on the grid.
pub fn open_list(app: &mut App) {
    app.overlay = Overlay::Evidence(EvidenceList::default());
}

/// `C` on the grid: the picker for the selected card, or why there is none.
pub fn open_picker(app: &mut App) {
    let c = app.cursor;
    if app.lane_len(c.stage, c.lane) == 0 {
        app.info(format!("No {} here to cite evidence on", item_noun(c.lane)));
        return;
    }
    if !app.doc.map.has_evidence() {
        let key = app
            .keymap
            .key_for(crate::tui::keymap::Action::Evidence)
            .unwrap_or_default();
        app.info(format!("The map holds no evidence yet — {key} adds some"));
        return;
    }
    app.overlay = Overlay::Cite(CitePicker {
        at: citing_element(c.stage, c.lane, c.item),
        selected: 0,
    });
}

/// The ids `at` cites.
fn cited(map: &JourneyMap, at: Path) -> Vec<String> {
    match at {
        Path::Stage(s) => map.stages.get(s).map(|s| s.evidence.clone()),
        Path::Item(s, lane, i) => map.citations(s, lane, i).map(<[String]>::to_vec),
        _ => None,
    }
    .unwrap_or_default()
}

fn step(selected: usize, len: usize, down: bool) -> usize {
    if down {
        (selected + 1).min(len.saturating_sub(1))
    } else {
        selected.saturating_sub(1)
    }
}

impl Component for EvidenceList {
    fn mode(&self) -> &'static str {
        "EVIDENCE"
    }

    fn hints(&self) -> Vec<Hint> {
        dialog_rows(if self.confirm_delete {
            Dialog::EvidenceDelete
        } else {
            Dialog::Evidence
        })
    }

    fn handle(&mut self, app: &mut App, k: KeyEvent) -> Handled {
        let len = app.doc.map.evidence.len();
        let id = app
            .doc
            .map
            .evidence
            .get(self.selected)
            .map(|e| e.id.clone());
        if self.confirm_delete {
            match keymap::reply(Dialog::EvidenceDelete, k) {
                Some(Reply::Yes) => {
                    self.confirm_delete = false;
                    delete(app, self.selected);
                    self.selected = self
                        .selected
                        .min(app.doc.map.evidence.len().saturating_sub(1));
                }
                Some(_) => {
                    self.confirm_delete = false;
                    app.info("Kept");
                }
                None => {}
            }
            return Handled::stay();
        }
        match keymap::reply(Dialog::Evidence, k) {
            Some(Reply::Next) => self.selected = step(self.selected, len, true),
            Some(Reply::Prev) => self.selected = step(self.selected, len, false),
            Some(Reply::Add) => {
                if let Some(f) = Form::for_evidence(&app.doc.map, None) {
                    return Handled::replace(Overlay::Form(Box::new(f)));
                }
            }
            Some(Reply::Edit) => {
                if let Some(f) = Form::for_evidence(&app.doc.map, Some(self.selected)) {
                    return Handled::replace(Overlay::Form(Box::new(f)));
                }
            }
            Some(Reply::Delete) => match id {
                Some(id) if !app.doc.map.cited_by(&id).is_empty() => self.confirm_delete = true,
                Some(_) => {
                    delete(app, self.selected);
                    self.selected = self
                        .selected
                        .min(app.doc.map.evidence.len().saturating_sub(1));
                }
                None => {}
            },
            Some(Reply::Cancel) => return Handled::close(),
            _ => {}
        }
        Handled::stay()
    }

    fn draw(&self, app: &App, f: &mut Frame, _: Option<&Grid>) {
        let area = f.area();
        let map = &app.doc.map;
        let question = self.confirm_delete.then(|| {
            let id = map
                .evidence
                .get(self.selected)
                .map(|e| e.id.as_str())
                .unwrap_or("");
            let n = map.cited_by(id).len();
            let cards = if n == 1 { "1 card cites" } else { "cards cite" };
            let n = if n == 1 {
                String::new()
            } else {
                format!("{n} ")
            };
            format!(
                "{n}{cards} `{}`. Delete it and its citations?\n{}",
                display(id),
                dialog_hints(Dialog::EvidenceDelete)
            )
        });
        let title = format!(
            "Evidence ({}) — {}",
            map.evidence.len(),
            dialog_hints(Dialog::Evidence)
        );
        draw_list(
            f.buffer_mut(),
            &app.theme,
            area,
            &title,
            map,
            self.selected,
            None,
            question.as_deref(),
        );
    }
}

fn delete(app: &mut App, index: usize) {
    let op = Op::RemoveEvidence { index };
    let label = op.describe(&app.doc.map);
    if apply(app, op) {
        app.info(format!(
            "{} (u undoes)",
            crate::model::wording::capitalise(&label)
        ));
    }
}

impl Component for CitePicker {
    fn mode(&self) -> &'static str {
        "CITE"
    }

    fn hints(&self) -> Vec<Hint> {
        dialog_rows(Dialog::Cite)
    }

    fn handle(&mut self, app: &mut App, k: KeyEvent) -> Handled {
        let len = app.doc.map.evidence.len();
        match keymap::reply(Dialog::Cite, k) {
            Some(Reply::Next) => self.selected = step(self.selected, len, true),
            Some(Reply::Prev) => self.selected = step(self.selected, len, false),
            Some(Reply::Toggle) => {
                let id = app
                    .doc
                    .map
                    .evidence
                    .get(self.selected)
                    .map(|e| e.id.clone());
                if let Some(op) = id.and_then(|id| toggle_citation(&app.doc.map, self.at, &id)) {
                    let label = op.describe(&app.doc.map);
                    if apply(app, op) {
                        app.info(format!(
                            "{} (u undoes)",
                            crate::model::wording::capitalise(&label)
                        ));
                    }
                }
            }
            Some(Reply::Cancel) => return Handled::close(),
            _ => {}
        }
        Handled::stay()
    }

    fn draw(&self, app: &App, f: &mut Frame, _: Option<&Grid>) {
        let area = f.area();
        let map = &app.doc.map;
        let ids = cited(map, self.at);
        let whom = match self.at {
            Path::Stage(s) => format!(
                "stage {} (its actions and thoughts)",
                map.stages.get(s).map(|s| s.name.as_str()).unwrap_or("")
            ),
            Path::Item(s, lane, i) => format!(
                "{} \"{}\"",
                item_noun(lane),
                fit(
                    &display(
                        &map.stages
                            .get(s)
                            .and_then(|st| crate::edit::Item::get(st, lane, i))
                            .map(|it| it.text().to_string())
                            .unwrap_or_default()
                    ),
                    32
                )
            ),
            _ => String::new(),
        };
        let title = format!("Cited by {whom} — {}", dialog_hints(Dialog::Cite));
        draw_list(
            f.buffer_mut(),
            &app.theme,
            area,
            &title,
            map,
            self.selected,
            Some(&ids),
            None,
        );
    }
}

/// One entry as a list line: `[x] ◐ int-03  interview · P3, studio… · 2026-03-12`.
fn head_line(e: &Evidence, mark: Option<bool>) -> String {
    let mut about = vec![e.source.label().to_string()];
    for v in [&e.from, &e.date] {
        if !v.is_empty() {
            about.push(display(v).into_owned());
        }
    }
    let mark = match mark {
        Some(true) => "[x] ",
        Some(false) => "[ ] ",
        None => "",
    };
    format!(
        "{mark}{} {}  {}",
        e.source.confidence().glyph(),
        display(&e.id),
        about.join(" · ")
    )
}

/// The evidence, two lines an entry (its id, source, who and when; then its
/// text, cut), the selected one in full below a rule: the quote wrapped and
/// its link. `cited` marks entries (the picker); `question` takes the last line.
#[allow(clippy::too_many_arguments)]
fn draw_list(
    buf: &mut Buffer,
    t: &Theme,
    area: Rect,
    title: &str,
    map: &JourneyMap,
    selected: usize,
    cited: Option<&[String]>,
    question: Option<&str>,
) {
    let picker = cited.is_some();
    let cited = cited.unwrap_or(&[]);
    let w = 100u16.min(area.width);
    // As tall as two lines an entry, the rule and the selected one in full
    // need, and no taller than the screen allows.
    let want = map.evidence.len().max(1) * 2 + 1 + 6 + 2 + 2 * usize::from(question.is_some());
    let h = u16::try_from(want)
        .unwrap_or(u16::MAX)
        .min(area.height.saturating_sub(2))
        .max(3);
    let r = centered(area, w, h);
    let inner = boxed(buf, t, r, title);
    let iw = inner.width as usize;
    if map.evidence.is_empty() {
        put(
            buf,
            inner.x,
            inner.y,
            "No evidence yet: a adds an interview quote, a survey result, a number from analytics",
            inner.width,
            t.muted(),
        );
        return;
    }
    // The selected entry in full takes the lower part; the list the rest.
    let bottom = inner.y + inner.height;
    let ask = 2 * u16::from(question.is_some());
    let full_h = (inner.height / 3)
        .clamp(2, 6)
        .min(inner.height.saturating_sub(3));
    let list_h = inner.height.saturating_sub(full_h + 1 + ask);
    let per = if list_h as usize >= map.evidence.len() * 2 {
        2
    } else {
        1
    };
    let rows = (list_h as usize / per).max(1);
    // Room the list does not need goes to the entry in full.
    let list_h = list_h.min(u16::try_from(map.evidence.len() * per).unwrap_or(u16::MAX));
    let full_h = inner.height.saturating_sub(list_h + 1 + ask);
    let first = (selected + 1).saturating_sub(rows);
    for (n, (i, e)) in map
        .evidence
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .enumerate()
    {
        let y = inner.y + (n * per) as u16;
        let sel = i == selected;
        let mark = picker.then(|| cited.contains(&e.id));
        let style = if sel { t.selected() } else { t.bold() };
        if sel {
            fill(buf, Rect::new(inner.x, y, inner.width, per as u16), style);
        }
        put(
            buf,
            inner.x,
            y,
            &fit(&head_line(e, mark), iw),
            inner.width,
            style,
        );
        if per == 2 {
            let style = if sel { t.selected() } else { t.muted() };
            let indent = if picker { 6 } else { 2 };
            put(
                buf,
                inner.x + indent,
                y + 1,
                &fit(&display(&e.text), iw.saturating_sub(indent as usize)),
                inner.width.saturating_sub(indent),
                style,
            );
        }
    }
    let rule_y = inner.y + list_h;
    put(
        buf,
        inner.x,
        rule_y,
        &"─".repeat(iw),
        inner.width,
        t.muted(),
    );
    if let Some(e) = map.evidence.get(selected) {
        let about: Vec<String> = [("From", &e.from), ("Date", &e.date), ("Link", &e.link)]
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(l, v)| fit(&format!("{l}: {}", display(v)), iw))
            .collect();
        let room = (full_h as usize).saturating_sub(about.len()).max(1);
        let mut lines = wrap_at_most(&format!("“{}”", display(&e.text)), iw, iw, room);
        let quoted = lines.len();
        lines.extend(about);
        for (k, l) in lines.iter().enumerate().take(full_h as usize) {
            let style = if k < quoted { t.text() } else { t.muted() };
            put(buf, inner.x, rule_y + 1 + k as u16, l, inner.width, style);
        }
    }
    if let Some(q) = question {
        // The question, then its keys, on the last two lines.
        for (k, l) in q.lines().enumerate().take(2) {
            let y = bottom.saturating_sub(2) + k as u16;
            put(
                buf,
                inner.x,
                y,
                &fit(l, iw),
                inner.width,
                t.notice().add_modifier(Modifier::BOLD),
            );
        }
    }
}
