//! Several sessions on one map: what another session saved is merged into
//! this one's map, live and before every save, with the same three-way merge
//! as `cjm merge` (base: the file as this session last loaded, saved or
//! merged it; ours: the map in this editor, unsaved work included; theirs:
//! the file now). Nothing is a silent win for either side: what cannot merge
//! is recorded in the map as a conflict, which the header counts and `x`
//! resolves.
//!
//! A merge is one undo step, "merge the changes saved by another session":
//! `u` takes the other session's changes out of this map again in one go (and
//! a save then writes the map without them, as asked), and the steps before
//! it undo as they did, on the map as it was before the merge. The selection
//! follows the selected stage and item by identity.
//!
//! The file is watched by its size, time and inode (a save by rename always
//! gives a new inode, even within one tick of a coarse clock), a few times a
//! second; no server, no socket. A merge waits while something is being typed
//! or asked (a form, an inline edit, a prompt, the conflict resolver), whose
//! positions a merge could shift, and happens as soon as it closes.

use std::time::{Duration, Instant, SystemTime};

use super::app::{App, Overlay};
use super::edits::apply;
use crate::diff;
use crate::edit::{Item, Op};
use crate::files::Fingerprint;
use crate::model::{JourneyMap, Lane};

/// How often the file is looked at.
pub const POLL: Duration = Duration::from_millis(250);

/// What the conflicts a live merge records call the three sides.
fn labels() -> [String; 3] {
    [
        "as last read".to_string(),
        "this session".to_string(),
        "another session".to_string(),
    ]
}

/// The file on disk next to what this session last read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Disk {
    /// Unchanged (or it cannot be read: the save says why).
    Same,
    /// Another session's save, merged in: `changes` as `cjm diff` counts
    /// them, `conflicts` that could not merge and are now recorded.
    Merged { changes: usize, conflicts: usize },
    /// Changed, but not mergeable (it does not load, it is gone, or this
    /// session does not know the version its work started from): why.
    Unmergeable(String),
}

/// Merges into the editor's map what was saved to its file since this session
/// last read it.
pub fn catch_up(app: &mut App) -> Disk {
    let path = app.doc.path.clone();
    match crate::store::changed(&path, app.doc.fingerprint.as_ref()) {
        Ok(true) => {}
        Ok(false) | Err(_) => return Disk::Same,
    }
    let (loaded, _, fp) = match crate::files::load(&path) {
        Ok(l) => l,
        Err(e) => {
            return Disk::Unmergeable(e.about(std::path::Path::new(&app.file_name())).to_string());
        }
    };
    let Some(base) = app.doc.base.take() else {
        return Disk::Unmergeable(
            "this session's work started from another version of the file".to_string(),
        );
    };
    app.doc.has_comments = loaded.has_comments;
    merge_in(app, &base, loaded.map, fp)
}

/// Merges `theirs` (the file, read with fingerprint `fp`) into the map as one
/// undo step, and makes it the base of the next merge.
pub fn merge_in(app: &mut App, base: &JourneyMap, theirs: JourneyMap, fp: Fingerprint) -> Disk {
    let changes = diff::render::count(&diff::diff(base, &theirs));
    let selected = Selected::of(app);
    let (merged, found) = diff::merge::merge_recorded(base, &app.doc.map, &theirs, &labels());
    let arrived = super::room::arrivals(&app.doc.map, &merged);
    if !arrived.is_empty() {
        app.room.arrived = Some((app.clock.now(), arrived));
    }
    apply(app, Op::Merge(Box::new(merged)));
    if app.doc.map == theirs {
        app.doc.history.mark_saved();
    } else {
        // No state in the history is the file any more: unsaved until saved.
        app.doc.history.forget_saved();
    }
    app.doc.base = Some(theirs);
    app.doc.fingerprint = Some(fp);
    selected.restore(app);
    Disk::Merged {
        changes,
        conflicts: found.len(),
    }
}

/// "Merged 3 changes saved by another session", with the conflicts it left.
pub fn merged_words(changes: usize, conflicts: usize) -> String {
    let what = match changes {
        1 => "1 change".to_string(),
        n => format!("{n} changes"),
    };
    let mut s = format!("{what} saved by another session");
    if conflicts > 0 {
        let c = match conflicts {
            1 => "1 conflict".to_string(),
            n => format!("{n} conflicts"),
        };
        s.push_str(&format!(", {c} recorded — x resolves"));
    }
    s
}

/// The selection by identity: the stage's id and the item itself.
struct Selected {
    stage: Option<String>,
    lane: Lane,
    item: Option<Item>,
}

impl Selected {
    fn of(app: &App) -> Selected {
        let stage = app.doc.map.stages.get(app.cursor.stage);
        Selected {
            stage: stage.map(|s| s.id.clone()),
            lane: app.cursor.lane,
            item: stage.and_then(|s| Item::get(s, app.cursor.lane, app.cursor.item)),
        }
    }

    fn restore(self, app: &mut App) {
        let stages = &app.doc.map.stages;
        if let Some(i) = self
            .stage
            .and_then(|id| stages.iter().position(|s| s.id == id))
        {
            app.cursor.stage = i;
            if let Some(s) = stages.get(i)
                && let Some(item) = self.item
                && let Some(j) = (0..s.lane_len(self.lane))
                    .find(|&j| Item::get(s, self.lane, j).as_ref() == Some(&item))
            {
                app.cursor.item = j;
            }
        }
        app.clamp_cursor();
    }
}

/// Size, modification time and inode: what changes when any save lands.
type Stamp = (u64, Option<SystemTime>, u64);

fn stamp(path: &std::path::Path) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let ino = std::os::unix::fs::MetadataExt::ino(&m);
    #[cfg(not(unix))]
    let ino = 0;
    Some((m.len(), m.modified().ok(), ino))
}

/// Watches the map file and merges what other sessions save.
pub struct Watch {
    stamp: Option<Stamp>,
    last: Option<Instant>,
}

impl Watch {
    pub fn new(app: &App) -> Watch {
        Watch {
            stamp: stamp(&app.doc.path),
            last: None,
        }
    }

    /// Looks at the file when due; returns true when the map changed.
    pub fn tick(&mut self, app: &mut App) -> bool {
        if self.last.is_some_and(|t| t.elapsed() < POLL) {
            return false;
        }
        self.last = Some(Instant::now());
        let now = stamp(&app.doc.path);
        if now == self.stamp || !settled(app) {
            return false;
        }
        self.stamp = now;
        match catch_up(app) {
            Disk::Same => false,
            Disk::Merged { changes, conflicts } => {
                let words = format!("Merged {}", merged_words(changes, conflicts));
                if conflicts > 0 {
                    app.error(words);
                } else if changes > 0 {
                    app.info(words);
                }
                true
            }
            Disk::Unmergeable(why) => {
                app.error(format!(
                    "The map was changed on disk and is not merged ({why}); Ctrl-S asks what to do"
                ));
                false
            }
        }
    }
}

/// Nothing is being typed or asked whose positions a merge could shift.
fn settled(app: &App) -> bool {
    matches!(
        app.overlay,
        Overlay::None
            | Overlay::Help { .. }
            | Overlay::Present(_)
            | Overlay::Search(_)
            | Overlay::Timer(_)
    )
}
