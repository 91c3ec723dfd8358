//! The document: the map and everything the editor knows about its file — the
//! undo history, where it lives, what the file looked like when it was read, and
//! this session's recovery files. The rest of `App` (selection, scroll, overlays,
//! panels, zoom, theme) is how the document is shown and worked on, so a second
//! view of one document, or a document with no view (the tests, the crash
//! handler), needs nothing of the screen.

use std::path::PathBuf;

use crate::edit::History;
use crate::model::JourneyMap;
use crate::recovery::Session;
use crate::store::Fingerprint;

pub struct Document {
    pub map: JourneyMap,
    pub history: History,
    pub path: PathBuf,
    /// The file as loaded (`None`: not on disk yet).
    pub fingerprint: Option<Fingerprint>,
    /// A new map this session started (from a template), not saved yet: until
    /// its first save, a renamed stage takes its new name's id. Once the file
    /// exists, ids stay, so that diffs see renames.
    pub new_map: bool,
    /// The map as the file held it when this session last loaded, saved or
    /// merged it: the base of the three-way merge with a change another
    /// session saved since. `None` when that is not known (work restored from
    /// a recovery file read against another version of the file, a new file):
    /// a change on disk is then asked about, never merged.
    pub base: Option<JourneyMap>,
    pub has_comments: bool,
    /// The user agreed to save without the file's comments.
    pub comments_ok: bool,
    /// This editor session: its recovery files are its own, never another's.
    pub session: Session,
    /// The text this session's recovery file holds (`None`: it has none).
    pub recovery_written: Option<String>,
    /// An `$EDITOR` edit that does not load, until the user edits it again into
    /// a map or discards it. The runtime keeps it in a recovery file meanwhile.
    pub rejected_edit: Option<String>,
    /// Only the first stages of a large map, drawn while the whole file is
    /// still being read: how many stages there are is not known yet.
    pub preview: bool,
}

impl Document {
    pub fn new(map: JourneyMap, path: PathBuf) -> Document {
        Document {
            map,
            history: History::new(),
            path,
            fingerprint: None,
            new_map: false,
            base: None,
            has_comments: false,
            comments_ok: false,
            session: Session::new(),
            recovery_written: None,
            rejected_edit: None,
            preview: false,
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }
}
