//! The undo history: a list of revisions and a cursor into it, with the revision
//! that was last saved marked. "Unsaved changes" is `current != saved`, so undoing
//! back to the saved state makes the map clean again, as in helix.

use super::{Focus, Op, OutOfRange};
use crate::model::JourneyMap;

#[derive(Debug, Clone)]
struct Revision {
    redo: Op,
    undo: Op,
    /// The change in words, taken when it was made (a removal can only name
    /// what it removes while it is still there).
    label: String,
}

/// A step through the history: what it changed, in words, and the element to
/// bring into view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub label: String,
    pub focus: Focus,
}

#[derive(Debug, Clone, Default)]
pub struct History {
    revisions: Vec<Revision>,
    /// How many revisions are applied.
    current: usize,
    /// The value of `current` when the map was last saved (or loaded); `None` when
    /// that state can no longer be reached.
    saved: Option<usize>,
    /// Counts every change to the map (undo and redo included), so that watchers
    /// such as the crash snapshot know when to look again.
    version: u64,
}

impl History {
    pub fn new() -> History {
        History {
            revisions: Vec::new(),
            current: 0,
            saved: Some(0),
            version: 0,
        }
    }

    /// A history whose starting point was never saved (a map from a template or a
    /// recovery file): it is dirty from the start.
    pub fn unsaved() -> History {
        History {
            saved: None,
            ..History::new()
        }
    }

    /// Applies `op` as a new revision; later revisions (undone ones) are dropped.
    pub fn apply(&mut self, map: &mut JourneyMap, op: Op) -> Result<(), OutOfRange> {
        let label = op.describe(map);
        let undo = op.apply(map)?;
        self.revisions.truncate(self.current);
        if self.saved.is_some_and(|s| s > self.current) {
            self.saved = None;
        }
        self.revisions.push(Revision {
            redo: op,
            undo,
            label,
        });
        self.current += 1;
        self.version += 1;
        Ok(())
    }

    /// Undoes one revision; returns false when there is nothing to undo.
    pub fn undo(&mut self, map: &mut JourneyMap) -> bool {
        self.undo_change(map).is_some()
    }

    pub fn redo(&mut self, map: &mut JourneyMap) -> bool {
        self.redo_change(map).is_some()
    }

    /// Undoes one revision and says what it was and where.
    pub fn undo_change(&mut self, map: &mut JourneyMap) -> Option<Change> {
        let i = self.current.checked_sub(1)?;
        let rev = self.revisions.get(i)?;
        let label = rev.undo.describe_undo(map, &rev.label);
        rev.undo.apply(map).ok()?;
        let change = Change {
            label,
            focus: rev.undo.focus(),
        };
        self.current = i;
        self.version += 1;
        Some(change)
    }

    pub fn redo_change(&mut self, map: &mut JourneyMap) -> Option<Change> {
        let rev = self.revisions.get(self.current)?;
        rev.redo.apply(map).ok()?;
        let change = Change {
            label: rev.label.clone(),
            focus: rev.redo.focus(),
        };
        self.current += 1;
        self.version += 1;
        Some(change)
    }

    pub fn version(&self) -> u64 {
        self.version
    }

    pub fn mark_saved(&mut self) {
        self.saved = Some(self.current);
        self.version += 1;
    }

    /// The file no longer holds any state in the history (another session's
    /// save was merged in with unsaved work): unsaved until the next save.
    pub fn forget_saved(&mut self) {
        self.saved = None;
        self.version += 1;
    }

    pub fn is_dirty(&self) -> bool {
        self.saved != Some(self.current)
    }

    pub fn can_undo(&self) -> bool {
        self.current > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Item;
    use crate::model::{Lane, Stage};

    #[test]
    fn the_saved_mark_decides_dirtiness() {
        let mut m = JourneyMap::new("T", "P");
        m.stages.push(Stage::named("S"));
        let mut h = History::new();
        assert!(!h.is_dirty());
        let add = |i: usize| Op::InsertItem {
            stage: 0,
            lane: Lane::Actions,
            index: i,
            item: Item::Text(format!("a{i}")),
        };
        h.apply(&mut m, add(0)).unwrap();
        assert!(h.is_dirty());
        h.mark_saved();
        h.apply(&mut m, add(1)).unwrap();
        assert!(h.is_dirty());
        assert!(h.undo(&mut m));
        assert!(!h.is_dirty(), "undo back to the saved state is clean");
        assert!(h.undo(&mut m));
        assert!(h.is_dirty());
        assert!(!h.undo(&mut m));
        assert!(h.redo(&mut m));
        assert!(!h.is_dirty());
        // A new change after undoing drops the redo branch, and with it the saved
        // state if that was on the branch.
        assert!(h.undo(&mut m));
        h.apply(&mut m, add(0)).unwrap();
        assert!(!h.redo(&mut m), "nothing left to redo");
        assert!(h.is_dirty());
    }
}
