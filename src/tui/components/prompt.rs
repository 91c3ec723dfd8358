//! The questions the editor asks (quit with unsaved changes, delete a stage,
//! the file changed on disk, saving drops comments, a bad `$EDITOR` edit) and
//! the offer of recovery files: one line of text and one key per answer, from
//! the dialog table their footers are written from.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use crate::edit::Op;
use crate::recovery::Session;
use crate::text::display;
use crate::tui::app::{App, Effect, Offer, Offered, Overlay, Prompt, Templates};
use crate::tui::component::{Component, Handled, Hint};
use crate::tui::edits::apply;
use crate::tui::keymap::{self, Dialog, Reply, dialog_hints, dialog_rows};
use crate::tui::layout::Grid;
use crate::tui::paint::{boxed, centered, fit, put};
use crate::tui::theme::Theme;

impl Component for Prompt {
    fn mode(&self) -> &'static str {
        "PROMPT"
    }

    fn hints(&self) -> Vec<Hint> {
        dialog_rows(self.dialog())
    }

    fn handle(&mut self, app: &mut App, k: KeyEvent) -> Handled {
        let reply = keymap::reply(self.dialog(), k);
        if let Prompt::Restore { offers, selected } = self {
            return restore(app, offers, selected, reply);
        }
        let effect = match (&*self, reply) {
            (Prompt::Quit, Some(Reply::Yes)) => return request_save(app, true),
            (Prompt::Quit, Some(Reply::No)) => Some(Effect::Quit),
            (Prompt::Quit, Some(Reply::Cancel)) => None,
            (Prompt::DeleteStage(i), Some(Reply::Yes)) => {
                let i = *i;
                let name = app
                    .doc
                    .map
                    .stages
                    .get(i)
                    .map(|s| s.name.clone())
                    .unwrap_or_default();
                if apply(app, Op::RemoveStage { index: i }) {
                    app.info(format!("Deleted stage {name} (u undoes)"));
                }
                None
            }
            (Prompt::DeleteStage(_), Some(Reply::No)) => None,
            (Prompt::ChangedOnDisk { then_quit }, Some(Reply::Overwrite)) => Some(Effect::Save {
                force: true,
                then_quit: *then_quit,
            }),
            (Prompt::ChangedOnDisk { .. }, Some(Reply::Reload)) => Some(Effect::Reload),
            (Prompt::ChangedOnDisk { .. }, Some(Reply::Cancel)) => {
                app.info("Not saved");
                None
            }
            (Prompt::DropComments { then_quit }, Some(Reply::Yes)) => {
                app.doc.comments_ok = true;
                Some(Effect::Save {
                    force: false,
                    then_quit: *then_quit,
                })
            }
            (Prompt::DropComments { .. }, Some(Reply::No)) => {
                app.info("Not saved; the file keeps its comments");
                None
            }
            (Prompt::ExternalError { text, .. }, Some(Reply::EditAgain)) => {
                Some(Effect::ExternalEdit(text.clone()))
            }
            (Prompt::ExternalError { .. }, Some(Reply::Discard)) => {
                app.doc.rejected_edit = None;
                app.info("External edit discarded; the map is as it was");
                None
            }
            _ => return Handled::stay(),
        };
        Handled::close().with(effect)
    }

    fn draw(&self, app: &App, f: &mut Frame, _: Option<&Grid>) {
        let area = f.area();
        let buf = f.buffer_mut();
        match self {
            Prompt::Restore { offers, selected } => {
                restore_prompt(buf, &app.theme, area, offers, *selected)
            }
            p => prompt(app, buf, area, p),
        }
    }
}

/// Saving a file with comments asks first, once.
pub fn request_save(app: &mut App, then_quit: bool) -> Handled {
    if app.doc.has_comments && !app.doc.comments_ok {
        return Handled::replace(Overlay::Prompt(Prompt::DropComments { then_quit }));
    }
    Handled::close().with(Some(Effect::Save {
        force: false,
        then_quit,
    }))
}

/// The recovery files on offer: ↑↓ choose, y or Enter restore the chosen one, n
/// discard it, Esc keep them all for next time. The files not chosen stay.
fn restore(
    app: &mut App,
    offers: &mut Vec<Offer>,
    selected: &mut usize,
    reply: Option<Reply>,
) -> Handled {
    let last = offers.len().saturating_sub(1);
    *selected = (*selected).min(last);
    match reply {
        _ if offers.is_empty() => after_offers(app),
        Some(Reply::Cancel) => {
            app.info("Recovery files kept; they are offered again next time");
            after_offers(app)
        }
        Some(Reply::Prev) => {
            *selected = selected.saturating_sub(1);
            Handled::stay()
        }
        Some(Reply::Next) => {
            *selected = (*selected + 1).min(last);
            Handled::stay()
        }
        Some(Reply::Yes) => {
            let offer = offers.remove(*selected);
            match &offer.content {
                Offered::Map(map) => {
                    if apply(app, Op::ReplaceMap(map.clone())) {
                        app.info("Restored unsaved work from the recovery file (u undoes)");
                    }
                }
                Offered::Text { .. } => app.doc.rejected_edit = Some(offer.found.text.clone()),
            }
            // The runtime takes the file over, and opens `$EDITOR` on text.
            Handled::close().with(Some(Effect::Restore(Box::new(offer))))
        }
        Some(Reply::Discard) => {
            let offer = offers.remove(*selected);
            let next = if offers.is_empty() {
                after_offers(app)
            } else {
                *selected = (*selected).min(offers.len() - 1);
                Handled::stay()
            };
            next.with(Some(Effect::Discard(Box::new(offer))))
        }
        _ => Handled::stay(),
    }
}

/// Once the offers are settled without a restore, a new file (offers come only
/// at opening, so one not on disk yet) goes back to the template picker.
fn after_offers(app: &App) -> Handled {
    if app.doc.fingerprint.is_none() {
        Handled::replace(Overlay::Templates(Templates::default()))
    } else {
        Handled::close()
    }
}

fn prompt(app: &App, buf: &mut Buffer, area: Rect, p: &Prompt) {
    let t = &app.theme;
    let (title, mut lines): (&str, Vec<String>) = match p {
        Prompt::Quit => ("Unsaved changes", vec!["Save before quitting?".into()]),
        Prompt::DeleteStage(i) => {
            let (name, items) = app
                .doc
                .map
                .stages
                .get(*i)
                .map(|s| (display(&s.name).into_owned(), s.item_count()))
                .unwrap_or_default();
            let holding = match items {
                0 => "It holds no items.".to_string(),
                1 => "It holds 1 item.".to_string(),
                n => format!("It holds {n} items."),
            };
            (
                "Delete stage",
                vec![format!("Delete stage {} \"{name}\"?", i + 1), holding],
            )
        }
        Prompt::ChangedOnDisk { .. } => (
            "File changed on disk",
            vec!["Someone changed the file since it was loaded, and it cannot be merged.".into()],
        ),
        Prompt::DropComments { .. } => (
            "The file has comments",
            vec!["Saving writes the canonical form, without its comments.".into()],
        ),
        // Drawn by `restore_prompt`; never reached.
        Prompt::Restore { .. } => ("Unsaved work found", Vec::new()),
        Prompt::ExternalError { error, .. } => (
            "The edited map does not load",
            vec![display(error).into_owned()],
        ),
    };
    lines.push(dialog_hints(p.dialog()));
    let w = lines
        .iter()
        .map(|l| l.width())
        .max()
        .unwrap_or(20)
        .max(title.width() + 4) as u16
        + 4;
    let r = centered(area, w.min(area.width), lines.len() as u16 + 2);
    let inner = boxed(buf, t, r, title);
    for (i, l) in lines.iter().enumerate() {
        put(
            buf,
            inner.x + 1,
            inner.y + i as u16,
            &fit(l, inner.width.saturating_sub(1) as usize),
            inner.width.saturating_sub(1),
            t.text(),
        );
    }
}

/// The recovery files other sessions left, newest first, one line each: when,
/// what it holds, and which editor (process) wrote it.
fn restore_prompt(buf: &mut Buffer, t: &Theme, area: Rect, offers: &[Offer], selected: usize) {
    let intro = match offers.len() {
        1 => "A recovery file holds work that is not in the map file.".to_string(),
        n => format!("{n} recovery files hold work that is not in the map file."),
    };
    let hint = dialog_hints(if offers.len() == 1 {
        Dialog::RestoreOne
    } else {
        Dialog::Restore
    });
    let hint = hint.as_str();
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
    let inner = boxed(buf, t, r, "Unsaved work found");
    let width = inner.width.saturating_sub(1);
    let text = |buf: &mut Buffer, y: u16, s: &str, style| {
        put(buf, inner.x + 1, y, &fit(s, width as usize), width, style);
    };
    text(buf, inner.y, &intro, t.text());
    for (row, (i, item)) in items.iter().enumerate().skip(first).take(rows).enumerate() {
        let (mark, style) = if i == selected {
            ("▶ ", t.selected())
        } else {
            ("  ", t.text())
        };
        text(
            buf,
            inner.y + 2 + row as u16,
            &format!("{mark}{item}"),
            style,
        );
    }
    text(buf, inner.y + 3 + rows as u16, hint, t.muted());
}
