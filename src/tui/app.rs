//! The editor's state: the map, its history, the selection, the overlay on top of
//! the grid and the message in the footer. `update` changes it; `view` draws it.

use std::path::PathBuf;

use super::document::Document;
use super::keymap::{Key, Keymap};
pub use super::overlay::{
    CitePicker, EvidenceList, Help, InsertBox, InsertTarget, LaneMenu, LaneStep, Offer, Offered,
    Overlay, PersonaMenu, PersonaStep, Prompt, SearchLine, Templates, TimerLine,
};
use super::search::Search;
pub use super::state::{Cursor, left_words};
use super::state::{PanelState, Zoom};
use super::theme::Theme;
use super::timer::{Clock, DEFAULT_MINUTES, Timer};
use crate::model::{JourneyMap, Lane};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Error,
}

/// What `update` asks the runtime to do: things that need the terminal or that
/// the runtime owns.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Save {
        force: bool,
        then_quit: bool,
    },
    Reload,
    /// Open `$VISUAL`/`$EDITOR` on this RON text.
    ExternalEdit(String),
    /// Take this recovery file's work into the editor.
    Restore(Box<Offer>),
    /// Delete this recovery file.
    Discard(Box<Offer>),
    Quit,
    /// End the voting session: add everyone's ballots to the map and save.
    EndVoting,
}

pub struct App {
    /// The map and everything about its file; the rest of `App` is how it is
    /// shown and worked on.
    pub doc: Document,
    pub cursor: Cursor,
    /// First stage column on screen.
    pub stage_offset: usize,
    pub overlay: Overlay,
    pub message: Option<(String, Tone)>,
    pub keymap: Keymap,
    /// The first key of a two-key binding, typed and waiting for the second.
    pub pending_keys: Vec<Key>,
    pub search: Search,
    /// The terminal size at the last draw, for keeping the selection visible.
    pub size: (u16, u16),
    /// Which of the detail and persona panels are shown.
    pub panels: PanelState,
    /// The colours, from settings.ron's `theme`.
    pub theme: Theme,
    /// How wide the stage columns are (`z`).
    pub zoom: Zoom,
    /// The workshop timer, when one runs (`t`). Not part of the map.
    pub timer: Option<Timer>,
    /// What `t` offers, from settings.ron's `timer_minutes`.
    pub timer_minutes: u64,
    /// Where the timer reads the time: the system's, or a hand-set one in tests.
    pub clock: Clock,
    /// The map given with `--compare`, drawn dimmed under the live curve.
    pub compare: Option<Comparison>,
    /// Who else has the map open, and what their saves just brought.
    pub room: super::room::Room,
    /// The facilitator, or a participant (`cjm join`) with fewer keys.
    pub role: super::state::Role,
    /// The voting session that is on (`B`), if any: the facilitator's own, or
    /// for a participant the one the facilitator's live file announces.
    pub voting: Option<super::state::Round>,
    /// What participants may do as the facilitator set it with `O`
    /// (`None`: what `cjm.ron` says); for a participant, what the
    /// facilitator's live file says. Only ever narrows `cjm.ron`.
    pub allow: Option<crate::format::rules::Participants>,
    /// A participant's private votes in that session (their ballot file).
    pub ballot: Vec<super::state::Vote>,
    /// The persona whose journey the grid shows (`F`), by her place in the
    /// map's personas; `None` shows every persona's.
    pub persona_filter: Option<usize>,
}

/// Another version of the map (`cjm FILE --compare OTHER`): the to-be against the
/// as-is, or the map against an older revision, so a workshop sees the gap as it
/// types. It is never edited; the live map pairs with it by stage id.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// OTHER as the user named it (`HEAD~1:maps/x.ron`), for the legend.
    pub label: String,
    pub map: JourneyMap,
    /// Shown or hidden (`c`).
    pub shown: bool,
}

impl Comparison {
    pub fn new(label: impl Into<String>, map: JourneyMap) -> Comparison {
        Comparison {
            label: label.into(),
            map,
            shown: true,
        }
    }
}

impl App {
    pub fn new(map: JourneyMap, path: PathBuf) -> App {
        let conflicts = map.conflicts.len();
        let mut app = App {
            doc: Document::new(map, path),
            cursor: Cursor::default(),
            stage_offset: 0,
            overlay: Overlay::None,
            message: None,
            keymap: Keymap::default(),
            pending_keys: Vec::new(),
            search: Search::default(),
            size: (120, 40),
            panels: PanelState::default(),
            theme: Theme::default(),
            zoom: Zoom::default(),
            timer: None,
            timer_minutes: DEFAULT_MINUTES,
            clock: Clock::default(),
            compare: None,
            room: Default::default(),
            role: super::state::Role::default(),
            voting: None,
            allow: None,
            ballot: Vec::new(),
            persona_filter: None,
        };
        if conflicts > 0 {
            app.error(format!(
                "This map holds {} from a merge — x steps through them",
                left_words(conflicts).replace(" left", "")
            ));
        }
        app
    }

    pub fn info(&mut self, msg: impl Into<String>) {
        self.message = Some((msg.into(), Tone::Info));
    }

    pub fn error(&mut self, msg: impl Into<String>) {
        self.message = Some((msg.into(), Tone::Error));
    }

    /// True while the offer to restore a recovery file is on screen: nothing may
    /// write the recovery file then, or the work it offers would be overwritten.
    pub fn restore_pending(&self) -> bool {
        matches!(self.overlay, Overlay::Prompt(Prompt::Restore { .. }))
    }

    pub fn file_name(&self) -> String {
        self.doc
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.doc.path.to_string_lossy().into_owned())
    }

    pub fn lane_len(&self, stage: usize, lane: Lane) -> usize {
        self.doc
            .map
            .stages
            .get(stage)
            .map(|s| s.lane_len(lane))
            .unwrap_or(0)
    }

    /// The persona whose journey is shown, if the filter is on.
    pub fn filter(&self) -> Option<usize> {
        super::filter::active(&self.doc.map, self.persona_filter)
    }

    /// The places of the items of a cell that are on screen (all of them
    /// unless the persona filter hides some).
    pub fn shown(&self, stage: usize, lane: Lane) -> Vec<usize> {
        super::filter::shown(&self.doc.map, self.persona_filter, stage, lane)
    }

    /// True when the selection is on an item on screen, not on an empty cell
    /// or a card the persona filter hides.
    pub fn on_item(&self) -> bool {
        let c = self.cursor;
        c.item < self.lane_len(c.stage, c.lane)
            && (self.filter().is_none() || self.shown(c.stage, c.lane).contains(&c.item))
    }

    /// The lane after `lane` in the map's order (extra lanes included).
    pub fn next_lane(&self, lane: Lane) -> Option<Lane> {
        let order = self.doc.map.lane_sequence();
        let i = order.iter().position(|l| *l == lane)?;
        order.get(i + 1).copied()
    }

    /// The lane before `lane` in the map's order.
    pub fn prev_lane(&self, lane: Lane) -> Option<Lane> {
        let order = self.doc.map.lane_sequence();
        let i = order.iter().position(|l| *l == lane)?;
        order.get(i.checked_sub(1)?).copied()
    }

    /// Brings the cursor back inside the map after any change: a lane taken
    /// out (an undone add, a removal) leaves the selection on the first lane.
    pub fn clamp_cursor(&mut self) {
        if let Lane::Extra(_) = self.cursor.lane
            && self.doc.map.lane_def(self.cursor.lane).is_none()
        {
            self.cursor.lane = self
                .doc
                .map
                .lane_sequence()
                .first()
                .copied()
                .unwrap_or_default();
            self.cursor.item = 0;
        }
        let n = self.doc.map.stages.len();
        self.cursor.stage = self.cursor.stage.min(n.saturating_sub(1));
        let len = self.lane_len(self.cursor.stage, self.cursor.lane);
        self.cursor.item = self.cursor.item.min(len.saturating_sub(1));
        if self.filter().is_some() {
            let shown = self.shown(self.cursor.stage, self.cursor.lane);
            if !shown.contains(&self.cursor.item) {
                // The nearest card on screen after the selection, else before.
                let c = self.cursor.item;
                self.cursor.item = shown
                    .iter()
                    .find(|i| **i > c)
                    .or(shown.last())
                    .copied()
                    .unwrap_or(0);
            }
        }
        self.stage_offset = self.stage_offset.min(self.cursor.stage);
    }
}
