//! `update`: one event in, and at most one effect out for the runtime. Every
//! change to the map is an `edit::Op` applied through `edits::apply`, so it can
//! be undone; the rest of the state (the selection, the overlay, the message,
//! the document's answers to questions) is set directly. A key goes to the
//! component on top, or to the grid's actions here. No terminal and no files.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};

use super::app::{
    App, Cursor, Effect, Help, InsertBox, InsertTarget, Overlay, Prompt, SearchLine, TimerLine,
};
use super::component::{Handled, Next};
use super::components::{request_save, search};
pub use super::edits::apply;
use super::form::Form;
use super::keymap::{Action, Resolved};
use super::layout;
use super::search::{At, hits};
use super::text_input::TextInput;
use crate::edit::{Change, Focus, Item, Op};
use crate::format;
use crate::model::wording::capitalise;
use crate::model::{Lane, item_noun};

pub fn update(app: &mut App, event: Event) -> Option<Effect> {
    let effect = match event {
        Event::Key(k) if k.kind == KeyEventKind::Press => key(app, k),
        Event::Paste(s) => {
            paste(app, &s);
            None
        }
        Event::Mouse(m) => {
            mouse(app, m);
            None
        }
        Event::Resize(w, h) => {
            app.size = (w, h);
            None
        }
        _ => None,
    };
    app.clamp_cursor();
    ensure_visible(app);
    effect
}

/// Scrolls the stage columns so the selected stage is on screen.
pub fn ensure_visible(app: &mut App) {
    let width = layout::grid_size(app).0;
    let count = layout::visible_stage_count(width, app.doc.map.stages.len(), app.zoom).max(1);
    if app.cursor.stage < app.stage_offset {
        app.stage_offset = app.cursor.stage;
    } else if app.cursor.stage >= app.stage_offset + count {
        app.stage_offset = app.cursor.stage + 1 - count;
    }
    let max_offset = app.doc.map.stages.len().saturating_sub(count);
    app.stage_offset = app.stage_offset.min(max_offset);
}

/// A paste goes to the text field of the component on top, if it has one.
fn paste(app: &mut App, s: &str) {
    if let Some(c) = app.overlay.component_mut() {
        c.paste(s);
    }
}

fn mouse(app: &mut App, m: MouseEvent) {
    if !matches!(app.overlay, Overlay::None) {
        return;
    }
    match m.kind {
        MouseEventKind::Down(MouseButton::Left) => {
            if let Some(c) = layout::hit(app, m.column, m.row) {
                app.cursor = c;
            }
        }
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp
            if layout::over_persona(app, m.column, m.row) =>
        {
            scroll_persona(app, m.kind == MouseEventKind::ScrollDown);
        }
        MouseEventKind::ScrollDown => {
            action(app, Action::Down);
        }
        MouseEventKind::ScrollUp => {
            action(app, Action::Up);
        }
        MouseEventKind::ScrollRight => {
            action(app, Action::Right);
        }
        MouseEventKind::ScrollLeft => {
            action(app, Action::Left);
        }
        _ => {}
    }
}

/// A key goes to the component on top, taken out of `app` while it handles it
/// (so both can be changed), or to the grid when there is none.
fn key(app: &mut App, k: KeyEvent) -> Option<Effect> {
    let mut top = std::mem::replace(&mut app.overlay, Overlay::None);
    let Some(c) = top.component_mut() else {
        return grid_key(app, k);
    };
    let Handled { next, effect } = c.handle(app, k);
    app.overlay = match next {
        Next::Stay => top,
        Next::Close => Overlay::None,
        Next::Replace(o) => o,
    };
    effect
}

/// A key on the grid: an action through the keymap, or the start of a two-key binding.
fn grid_key(app: &mut App, k: KeyEvent) -> Option<Effect> {
    app.message = None;
    let pending = std::mem::take(&mut app.pending_keys);
    match app.keymap.resolve(&pending, k) {
        Resolved::Action(a) => action(app, a),
        Resolved::Prefix(keys) => {
            app.pending_keys = keys;
            None
        }
        Resolved::Unbound if !pending.is_empty() => {
            // The map's own lanes have keys of the map's, not the table's.
            let key = super::keymap::Key::from_event(k);
            if pending.len() == 1
                && pending.first().copied() == app.keymap.lane_prefix()
                && let Some((_, lane)) = app
                    .keymap
                    .lane_keys_for(&app.doc.map)
                    .into_iter()
                    .find(|(lk, l)| *lk == key && l.is_extra())
            {
                return action(app, Action::JumpLane(lane));
            }
            if k.code != KeyCode::Esc {
                app.info("No lane on that key — ? lists the keys");
            }
            None
        }
        Resolved::Unbound => {
            if k.code == KeyCode::Esc {
                app.search.highlight = false;
            } else {
                app.info("Unbound key — ? lists the keys");
            }
            None
        }
    }
}

/// Ctrl-S: saved by the runtime, unless a question comes first.
fn save(app: &mut App) -> Option<Effect> {
    let Handled { next, effect } = request_save(app, false);
    if let Next::Replace(o) = next {
        app.overlay = o;
    }
    effect
}

/// Says what an undo or redo changed and selects it, so that it is in view.
fn show_change(app: &mut App, what: &str, change: Change) {
    match change.focus {
        Focus::Item { stage, lane, index } => {
            app.cursor = Cursor {
                stage,
                lane,
                item: index,
            }
        }
        Focus::Stage(stage) => {
            app.cursor.stage = stage;
            app.cursor.item = 0;
        }
        Focus::Persona | Focus::Info | Focus::Map => {}
    }
    app.info(format!("{what}: {}", change.label));
}

/// `apply`, with the change named in the footer ("Moved touchpoint …").
fn apply_named(app: &mut App, op: Op) -> bool {
    let label = op.describe(&app.doc.map);
    let done = apply(app, op);
    if done {
        app.info(format!("{} (u undoes)", capitalise(&label)));
    }
    done
}

fn need_stage(app: &mut App) -> bool {
    if app.doc.map.stages.is_empty() {
        app.info("No stages yet — A adds one");
        false
    } else {
        true
    }
}

/// One action, by the job it does.
pub fn action(app: &mut App, a: Action) -> Option<Effect> {
    if let Some(why) = app.role.refusal(app, a) {
        app.info(why);
        return None;
    }
    if app.role.is_participant()
        && app.voting.is_some()
        && matches!(a, Action::Vote | Action::Unvote)
    {
        super::voting::cast(app, a == Action::Vote);
        return None;
    }
    match a {
        Action::ParticipantRights => {
            super::role::step_rights(app);
            None
        }
        Action::Voting if app.voting.is_some() => Some(Effect::EndVoting),
        Action::Voting => {
            app.overlay = Overlay::Timer(TimerLine {
                voting: true,
                input: TextInput::selected("3"),
            });
            None
        }
        Action::Left
        | Action::Right
        | Action::Up
        | Action::Down
        | Action::NextLane
        | Action::PrevLane
        | Action::FirstStage
        | Action::LastStage
        | Action::JumpLane(_) => move_selection(app, a),
        Action::Edit
        | Action::AddItem
        | Action::AddStage
        | Action::DeleteStage
        | Action::RenameStage
        | Action::EditPersona
        | Action::EditInfo
        | Action::Search
        | Action::Help
        | Action::Present
        | Action::Timer
        | Action::Conflicts
        | Action::Evidence
        | Action::Cite
        | Action::Lanes
        | Action::Personas
        | Action::MoveItemTo
        | Action::CopyItemTo => open_overlay(app, a),
        Action::DeleteItem
        | Action::MoveItemDown
        | Action::MoveItemUp
        | Action::MoveStageLeft
        | Action::MoveStageRight
        | Action::MoveItemNext
        | Action::MoveItemPrev
        | Action::Raise
        | Action::Lower
        | Action::Score(_)
        | Action::Vote
        | Action::Unvote
        | Action::SortByVotes => change_map(app, a),
        Action::ExternalEdit | Action::Undo | Action::Redo | Action::Save | Action::Quit => {
            history_and_file(app, a)
        }
        Action::NextMatch
        | Action::PrevMatch
        | Action::ToggleDetail
        | Action::TogglePersona
        | Action::ScrollPersonaDown
        | Action::ScrollPersonaUp
        | Action::Zoom
        | Action::PersonaFilter
        | Action::ToggleCompare => show(app, a),
    }
}

/// Moves the selection; the map is untouched.
fn move_selection(app: &mut App, a: Action) -> Option<Effect> {
    let c = app.cursor;
    let shown = app.shown(c.stage, c.lane);
    match a {
        Action::Left | Action::Right => {
            let to = if a == Action::Right {
                (c.stage + 1).min(app.doc.map.stages.len().saturating_sub(1))
            } else {
                c.stage.saturating_sub(1)
            };
            to_stage(app, to);
        }
        // Over the cards on screen: the persona filter's hidden ones are
        // stepped over.
        Action::Up => {
            if let Some(i) = shown.iter().rev().find(|i| **i < c.item) {
                app.cursor.item = *i;
            } else if let Some(l) = app.prev_lane(c.lane) {
                app.cursor.lane = l;
                app.cursor.item = app.shown(c.stage, l).last().copied().unwrap_or(0);
            }
        }
        Action::Down => {
            if let Some(i) = shown.iter().find(|i| **i > c.item) {
                app.cursor.item = *i;
            } else if let Some(l) = app.next_lane(c.lane) {
                app.cursor.lane = l;
                app.cursor.item = app.shown(c.stage, l).first().copied().unwrap_or(0);
            }
        }
        Action::NextLane => {
            if let Some(l) = app.next_lane(c.lane) {
                app.cursor.lane = l;
                app.cursor.item = 0;
            }
        }
        Action::PrevLane => {
            if let Some(l) = app.prev_lane(c.lane) {
                app.cursor.lane = l;
                app.cursor.item = 0;
            }
        }
        Action::FirstStage => to_stage(app, 0),
        Action::LastStage => to_stage(app, app.doc.map.stages.len().saturating_sub(1)),
        Action::JumpLane(lane) => {
            app.cursor.lane = lane;
            app.cursor.item = 0;
        }
        _ => {}
    }
    None
}

/// Selects stage `to`, in the same lane, on the item nearest the one selected
/// (the same place in the lane, or its last item when the lane is shorter).
/// When that lane is empty there, the footer says so: the selection is on the
/// empty cell, not on some other lane's item.
fn to_stage(app: &mut App, to: usize) {
    let c = app.cursor;
    if to == c.stage {
        return;
    }
    // The same place among the cards on screen.
    let at = app
        .shown(c.stage, c.lane)
        .iter()
        .position(|i| *i == c.item)
        .unwrap_or(c.item);
    let there = app.shown(to, c.lane);
    app.cursor.stage = to;
    app.cursor.item = there
        .get(at.min(there.len().saturating_sub(1)))
        .copied()
        .unwrap_or(0);
    if there.is_empty() {
        app.info(format!(
            "{} in {} is empty — the selection is on its empty cell",
            app.doc.map.lane_title(c.lane),
            stage_name(app, to)
        ));
    }
}

/// The length of the selected lane, or 0 when the selection is on no card on
/// screen (an empty cell, or one whose cards the persona filter hides): what
/// `e`, `d` and the moves act on is always a card the user sees.
fn selected_len(app: &App) -> usize {
    if app.on_item() {
        app.lane_len(app.cursor.stage, app.cursor.lane)
    } else {
        0
    }
}

/// Opens the overlay an action works in (a form, typing, a prompt, the help, slides).
fn open_overlay(app: &mut App, a: Action) -> Option<Effect> {
    let c = app.cursor;
    let len = selected_len(app);
    match a {
        Action::Edit => {
            if !need_stage(app) {
                return None;
            }
            if len == 0 {
                return action(app, Action::AddItem);
            }
            match c.lane {
                Lane::Actions | Lane::Thoughts => {
                    let text = app
                        .doc
                        .map
                        .stages
                        .get(c.stage)
                        .and_then(|s| Item::get(s, c.lane, c.item))
                        .map(|i| i.text().to_string())
                        .unwrap_or_default();
                    app.overlay = Overlay::Insert(InsertBox::new(
                        &text,
                        InsertTarget::EditItem {
                            stage: c.stage,
                            lane: c.lane,
                            index: c.item,
                        },
                    ));
                }
                _ => {
                    if let Some(f) = Form::for_item(&app.doc.map, c.stage, c.lane, c.item) {
                        app.overlay = Overlay::Form(Box::new(f));
                    }
                }
            }
        }
        Action::AddItem => {
            if !need_stage(app) {
                return None;
            }
            let index = if len == 0 { 0 } else { c.item + 1 };
            app.overlay = Overlay::Insert(InsertBox::new(
                "",
                InsertTarget::NewItem {
                    stage: c.stage,
                    lane: c.lane,
                    index,
                },
            ));
        }
        Action::AddStage => {
            let index = if app.doc.map.stages.is_empty() {
                0
            } else {
                c.stage + 1
            };
            app.overlay = Overlay::Insert(InsertBox::new("", InsertTarget::NewStage { index }));
        }
        Action::DeleteStage if need_stage(app) => {
            app.overlay = Overlay::Prompt(Prompt::DeleteStage(c.stage));
        }
        Action::RenameStage => {
            if need_stage(app)
                && let Some(f) = Form::for_stage(&app.doc.map, c.stage)
            {
                app.overlay = Overlay::Form(Box::new(f));
            }
        }
        Action::EditPersona => {
            // The persona whose journey is shown, else the first.
            let index = app.filter().unwrap_or(0);
            if let Some(f) = Form::for_persona_at(&app.doc.map, index) {
                app.overlay = Overlay::Form(Box::new(f));
            }
        }
        Action::EditInfo => app.overlay = Overlay::Form(Box::new(Form::for_info(&app.doc.map))),
        Action::Search => {
            app.overlay = Overlay::Search(SearchLine {
                input: TextInput::selected(&app.search.query),
            })
        }
        Action::Help => app.overlay = Overlay::Help(Help::default()),
        Action::Present => app.overlay = Overlay::Present(Default::default()),
        Action::Timer => {
            if app.timer.take().is_some() {
                app.info("Timer stopped");
            } else {
                let minutes = app.timer_minutes.to_string();
                app.overlay = Overlay::Timer(TimerLine {
                    voting: false,
                    input: TextInput::selected(&minutes),
                });
            }
        }
        Action::Conflicts => super::conflicts::open(app, None),
        Action::Evidence => super::components::evidence::open_list(app),
        Action::Cite => super::components::evidence::open_picker(app),
        Action::Lanes => super::components::lanes::open(app),
        Action::Personas => super::components::personas::open(app),
        Action::MoveItemTo | Action::CopyItemTo if need_stage(app) => {
            super::move_to::open(app, a == Action::CopyItemTo)
        }
        _ => {}
    }
    None
}

/// Changes the map, each change one undoable step.
fn change_map(app: &mut App, a: Action) -> Option<Effect> {
    let c = app.cursor;
    let len = selected_len(app);
    match a {
        Action::DeleteItem => {
            if len == 0 {
                app.info("Nothing to delete here");
            } else if apply(
                app,
                Op::RemoveItem {
                    stage: c.stage,
                    lane: c.lane,
                    index: c.item,
                },
            ) {
                app.info(format!("Deleted {} (u undoes)", item_noun(c.lane)));
            }
        }
        Action::MoveItemDown | Action::MoveItemUp => {
            // Past the next card on screen: the persona filter's hidden
            // ones keep their places.
            let shown = app.shown(c.stage, c.lane);
            let to = if a == Action::MoveItemDown {
                shown.iter().find(|i| **i > c.item).copied()
            } else {
                shown.iter().rev().find(|i| **i < c.item).copied()
            };
            if len == 0 {
                app.info(format!("No {} here to move", item_noun(c.lane)));
            } else if let Some(to) = to.filter(|to| *to < len) {
                if apply_named(
                    app,
                    Op::MoveItem {
                        stage: c.stage,
                        lane: c.lane,
                        from: c.item,
                        to,
                    },
                ) {
                    app.cursor.item = to;
                }
            } else {
                app.info(end_of_lane(app, a == Action::MoveItemDown));
            }
        }
        Action::MoveItemNext | Action::MoveItemPrev => {
            move_to_stage(app, a == Action::MoveItemNext);
        }
        Action::MoveStageLeft | Action::MoveStageRight => {
            let to = if a == Action::MoveStageRight {
                c.stage + 1
            } else {
                c.stage.wrapping_sub(1)
            };
            if to < app.doc.map.stages.len()
                && apply_named(app, Op::MoveStage { from: c.stage, to })
            {
                app.cursor.stage = to;
            }
        }
        // A card the persona filter hides is never changed from the grid.
        Action::Raise
        | Action::Lower
        | Action::Score(_)
        | Action::Vote
        | Action::Unvote
        | Action::SortByVotes
            if app.filter().is_some() && !app.on_item() =>
        {
            app.info(format!("No {} of this persona's here", item_noun(c.lane)));
        }
        Action::Raise | Action::Lower => step(app, a == Action::Raise, None),
        Action::Score(n) => step(app, true, Some(n)),
        Action::Vote | Action::Unvote => vote(app, a == Action::Vote),
        Action::SortByVotes => sort_by_votes(app),
        _ => {}
    }
    None
}

/// Why `J` or `K` moved nothing: the item is already at that end of its lane.
fn end_of_lane(app: &App, down: bool) -> String {
    let c = app.cursor;
    let noun = item_noun(c.lane);
    let stage = stage_name(app, c.stage);
    match (down, app.lane_len(c.stage, c.lane)) {
        (_, 1) => format!("The only {noun} in {stage}: nowhere to move it in this lane"),
        (true, _) => format!("Already the last {noun} in {stage}"),
        (false, _) => format!("Already the first {noun} in {stage}"),
    }
}

fn stage_name(app: &App, stage: usize) -> String {
    app.doc
        .map
        .stages
        .get(stage)
        .map(|s| s.name.clone())
        .unwrap_or_default()
}

/// `>` and `<`: the item to the same lane of the next (previous) stage, as one
/// undo step; the selection goes with it, so pressing again walks it along.
fn move_to_stage(app: &mut App, next: bool) {
    let c = app.cursor;
    if !app.on_item() {
        app.info(format!("No {} here to move", item_noun(c.lane)));
        return;
    }
    let to = if next {
        c.stage + 1
    } else {
        c.stage.wrapping_sub(1)
    };
    if to >= app.doc.map.stages.len() {
        let (which, way) = if next {
            ("last", "after")
        } else {
            ("first", "before")
        };
        app.info(format!(
            "{} is the {which} stage: no stage {way} it to move the {} to",
            stage_name(app, c.stage),
            item_noun(c.lane)
        ));
        return;
    }
    let from = crate::edit::Slot {
        stage: c.stage,
        lane: c.lane,
        index: c.item,
    };
    let Some(op) = crate::edit::relocation(&app.doc.map, from, to, c.lane, false) else {
        return;
    };
    let focus = op.focus();
    if apply_named(app, op)
        && let Focus::Item { stage, lane, index } = focus
    {
        app.cursor = Cursor {
            stage,
            lane,
            item: index,
        };
    }
}

/// Undo and redo, and what needs the runtime: saving, quitting, `$EDITOR`.
fn history_and_file(app: &mut App, a: Action) -> Option<Effect> {
    match a {
        Action::ExternalEdit => return Some(Effect::ExternalEdit(format::write(&app.doc.map))),
        Action::Undo => match app.doc.history.undo_change(&mut app.doc.map) {
            Some(change) => show_change(app, "Undone", change),
            None => app.info("Nothing to undo"),
        },
        Action::Redo => match app.doc.history.redo_change(&mut app.doc.map) {
            Some(change) => show_change(app, "Redone", change),
            None => app.info("Nothing to redo"),
        },
        Action::Save => return save(app),
        Action::Quit => {
            if app.doc.is_dirty() {
                app.overlay = Overlay::Prompt(Prompt::Quit);
            } else {
                return Some(Effect::Quit);
            }
        }
        _ => {}
    }
    None
}

/// How the map is shown: panels, zoom, the comparison, search matches.
fn show(app: &mut App, a: Action) -> Option<Effect> {
    match a {
        Action::NextMatch => search::step(app, true, false),
        Action::PrevMatch => search::step(app, false, false),
        Action::ToggleDetail => app.panels.toggle_detail(app.size),
        Action::TogglePersona => app.panels.toggle_persona(app.size),
        Action::ScrollPersonaDown => scroll_persona(app, true),
        Action::ScrollPersonaUp => scroll_persona(app, false),
        Action::PersonaFilter => {
            let k = app.keymap.key_for(a).unwrap_or_default();
            app.persona_filter = super::filter::next(&app.doc.map, app.persona_filter);
            match super::filter::banner(&app.doc.map, app.persona_filter) {
                Some(b) => app.info(format!("{b}: only this journey — {k} shows the next")),
                None if app.doc.map.persona_count() > 1 => {
                    app.info(format!("Every persona's journey — {k} shows one"))
                }
                None => app.info(format!(
                    "This map has one persona — {} adds another",
                    app.keymap.key_for(Action::Personas).unwrap_or_default()
                )),
            }
        }
        Action::Zoom => {
            app.zoom = app.zoom.next();
            app.info(format!("Zoom: {}", app.zoom.about()));
        }
        Action::ToggleCompare => match &mut app.compare {
            Some(c) => {
                c.shown = !c.shown;
                let what = if c.shown { "shown" } else { "hidden" };
                let label = c.label.clone();
                app.info(format!("Comparison with {label}: {what}"));
            }
            None => app.info("No comparison: open the map with cjm FILE --compare OTHER"),
        },
        _ => {}
    }
    None
}

/// `+`/`-` and `1`–`5` on the selected item.
/// `v` and `V`: one vote more or less on the selected pain point or optimization.
fn vote(app: &mut App, up: bool) {
    let c = app.cursor;
    let Some(votes) = app
        .doc
        .map
        .stages
        .get(c.stage)
        .and_then(|s| crate::edit::votes(s, c.lane, c.item))
    else {
        let lanes = |l: Lane| app.keymap.key_for(Action::JumpLane(l)).unwrap_or_default();
        let msg = if matches!(c.lane, Lane::PainPoints | Lane::Optimizations) {
            format!(
                "No {} here to vote on in {}",
                item_noun(c.lane),
                stage_name(app, c.stage)
            )
        } else {
            format!(
                "{} takes no votes: votes go on pain points ({}) and optimizations ({})",
                app.doc.map.lane_title(c.lane),
                lanes(Lane::PainPoints),
                lanes(Lane::Optimizations)
            )
        };
        app.info(msg);
        return;
    };
    let Some(op) = crate::edit::vote(&app.doc.map, c.stage, c.lane, c.item, up) else {
        app.info(if up {
            "That is as many votes as cjm counts"
        } else {
            "No votes to take away"
        });
        return;
    };
    let text = app
        .doc
        .map
        .stages
        .get(c.stage)
        .and_then(|s| Item::get(s, c.lane, c.item))
        .map(|i| i.text().to_string())
        .unwrap_or_default();
    if apply(app, op) {
        let now = if up {
            votes.saturating_add(1)
        } else {
            votes.saturating_sub(1)
        };
        let dots = crate::model::wording::dots(now);
        let n = if now == 1 { "vote" } else { "votes" };
        app.info(format!(
            "{now} {n} {dots} on {} \"{}\" (u undoes)",
            item_noun(c.lane),
            crate::tui::paint::fit(&text, 40)
        ));
    }
}

/// `S`: the lane sorted by votes, most first, as one undo step. The selection
/// stays on the item it was on.
fn sort_by_votes(app: &mut App) {
    let c = app.cursor;
    if !matches!(c.lane, Lane::PainPoints | Lane::Optimizations) {
        app.info("Sorting by votes works in the pain point and optimization lanes");
        return;
    }
    match crate::edit::sort_by_votes(&app.doc.map, c.stage, c.lane) {
        Some(op) => {
            let to = match &op {
                Op::ReorderLane { order, .. } => order.iter().position(|&i| i == c.item),
                _ => None,
            };
            if apply_named(app, op)
                && let Some(to) = to
            {
                app.cursor.item = to;
            }
        }
        None => app.info("Already sorted by votes"),
    }
}

fn step(app: &mut App, up: bool, set: Option<u8>) {
    let c = app.cursor;
    let Some(mut item) = app
        .doc
        .map
        .stages
        .get(c.stage)
        .and_then(|s| Item::get(s, c.lane, c.item))
    else {
        app.info("Select an emotion, pain point or optimization first");
        return;
    };
    match (&mut item, set) {
        (Item::Emotion(e), Some(n)) => e.score = i64::from(n),
        (Item::Emotion(e), None) => e.score = (e.score + if up { 1 } else { -1 }).clamp(1, 5),
        (Item::PainPoint(p), None) => {
            p.severity = if up {
                p.severity.raised()
            } else {
                p.severity.lowered()
            }
        }
        (Item::Optimization(o), None) => {
            o.priority = if up {
                o.priority.raised()
            } else {
                o.priority.lowered()
            }
        }
        (_, Some(_)) => {
            app.info("1–5 set the score of an emotion");
            return;
        }
        _ => {
            app.info("+ and - change scores, severities and priorities");
            return;
        }
    }
    apply(
        app,
        Op::SetItem {
            stage: c.stage,
            lane: c.lane,
            index: c.item,
            item,
        },
    );
}

/// Every place the query matches on the grid, in grid order.
pub fn matches(app: &App, query: &str) -> Vec<Cursor> {
    hits(&app.doc.map, query)
        .into_iter()
        .filter_map(|h| match h.at {
            At::Item(c) => Some(c),
            At::Stage(stage) => Some(Cursor {
                stage,
                lane: Lane::Actions,
                item: 0,
            }),
            At::Info | At::Persona => None,
        })
        .collect()
}

/// Scrolls the persona panel by a few rows, no further than its end.
fn scroll_persona(app: &mut App, down: bool) {
    let (w, h) = app.size;
    let max = if layout::too_small(w, h) {
        0
    } else {
        layout::grid(app, ratatui::layout::Rect::new(0, 0, w, h))
            .persona
            .map(|r| {
                let (inner, rows) = super::panels::persona_rows(app, r);
                rows.len()
                    .saturating_sub(inner.height.saturating_sub(1) as usize)
            })
            .unwrap_or(0)
    };
    let step = 3;
    let now = app
        .panels
        .persona_scroll
        .min(max.min(u16::MAX as usize) as u16);
    app.panels.persona_scroll = if down {
        now.saturating_add(step)
            .min(max.min(u16::MAX as usize) as u16)
    } else {
        now.saturating_sub(step)
    };
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

    use super::update;
    use crate::model::JourneyMap;
    use crate::recovery::{Found, Kind};
    use crate::tui::app::{App, Effect, Offer, Offered, Overlay, Prompt};

    fn offer(title: &str) -> Offer {
        let map = JourneyMap::new(title, "Persona");
        Offer {
            found: Found {
                path: format!("{title}.ron").into(),
                kind: Kind::Autosave,
                session: "1-2".into(),
                text: crate::format::write(&map),
                written: std::time::SystemTime::now(),
                older: false,
            },
            when: "now".into(),
            content: Offered::Map(Box::new(map)),
        }
    }

    fn press(app: &mut App, code: KeyCode) -> Option<Effect> {
        update(app, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    }

    fn offering(titles: &[&str]) -> App {
        let mut app = App::new(JourneyMap::new("On disk", "Persona"), "m.ron".into());
        app.doc.fingerprint = Some(crate::store::Fingerprint::of(b"", None));
        app.overlay = Overlay::Prompt(Prompt::Restore {
            offers: titles.iter().map(|t| offer(t)).collect(),
            selected: 0,
        });
        app
    }

    fn offered(app: &App) -> Vec<String> {
        match &app.overlay {
            Overlay::Prompt(Prompt::Restore { offers, .. }) => offers
                .iter()
                .map(|o| o.found.path.to_string_lossy().into_owned())
                .collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn the_chosen_offer_is_restored_and_the_others_are_left_alone() {
        let mut app = offering(&["Newest", "Older", "Oldest"]);
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Up);
        let effect = press(&mut app, KeyCode::Char('y'));
        assert_eq!(app.doc.map.title, "Older");
        assert!(matches!(app.overlay, Overlay::None));
        match effect {
            Some(Effect::Restore(o)) => assert_eq!(o.found.path.to_string_lossy(), "Older.ron"),
            e => panic!("{e:?}"),
        }
    }

    #[test]
    fn n_discards_only_the_chosen_offer_and_esc_keeps_the_rest() {
        let mut app = offering(&["Newest", "Older"]);
        press(&mut app, KeyCode::Down);
        match press(&mut app, KeyCode::Char('n')) {
            Some(Effect::Discard(o)) => assert_eq!(o.found.path.to_string_lossy(), "Older.ron"),
            e => panic!("{e:?}"),
        }
        assert_eq!(offered(&app), ["Newest.ron"]);
        assert_eq!(press(&mut app, KeyCode::Esc), None);
        assert!(matches!(app.overlay, Overlay::None));
        assert_eq!(app.doc.map.title, "On disk");
    }

    #[test]
    fn a_new_file_goes_back_to_the_template_picker_when_nothing_is_restored() {
        let mut app = offering(&["Crashed"]);
        app.doc.fingerprint = None;
        press(&mut app, KeyCode::Char('x'));
        assert_eq!(offered(&app), ["Crashed.ron"], "other keys change nothing");
        press(&mut app, KeyCode::Esc);
        assert!(matches!(app.overlay, Overlay::Templates(_)));
    }
}
