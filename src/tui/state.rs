//! The editor's state types that more than one part of it reads: the
//! selection, the zoom, the panels, and what the presentation and the conflict
//! resolver have on screen. They sit in a leaf, below the modules that lay them
//! out, draw them and change them, so those modules import state and never each
//! other in a circle.

use crate::model::Lane;

/// The detail panel is on by default from this many rows up.
pub const DETAIL_MIN_ROWS: u16 = 30;
/// The persona panel is on by default from this many columns up.
pub const PERSONA_MIN_COLS: u16 = 160;
/// The selection: a stage column, a lane row and an item in that cell. `item` may
/// equal the lane's length only when the cell is empty (the cell itself selected).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cursor {
    pub stage: usize,
    pub lane: Lane,
    pub item: usize,
}

/// How wide the stage columns are: `z` cycles through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Zoom {
    /// Every stage shares the width: the whole journey on screen.
    Fit,
    #[default]
    Normal,
    /// Fewer, wider columns that grow with the terminal.
    Wide,
}

impl Zoom {
    pub fn next(self) -> Zoom {
        match self {
            Zoom::Fit => Zoom::Normal,
            Zoom::Normal => Zoom::Wide,
            Zoom::Wide => Zoom::Fit,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Zoom::Fit => "fit",
            Zoom::Normal => "normal",
            Zoom::Wide => "wide",
        }
    }

    /// What the zoom does, for the message when `z` picks it.
    pub fn about(self) -> &'static str {
        match self {
            Zoom::Fit => "fit — every stage shares the width",
            Zoom::Normal => "normal",
            Zoom::Wide => "wide — fewer, wider columns",
        }
    }
}

/// Whether each panel is shown: `None` follows the terminal's size (the default
/// for a fresh session), `Some` is what the user chose with Space or P.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PanelState {
    pub detail: Option<bool>,
    pub persona: Option<bool>,
    /// First persona row shown, when the persona is taller than its panel.
    pub persona_scroll: u16,
}

impl PanelState {
    pub fn detail_shown(&self, size: (u16, u16)) -> bool {
        self.detail.unwrap_or(size.1 >= DETAIL_MIN_ROWS)
    }

    pub fn persona_shown(&self, size: (u16, u16)) -> bool {
        self.persona.unwrap_or(size.0 >= PERSONA_MIN_COLS)
    }

    pub fn toggle_detail(&mut self, size: (u16, u16)) {
        self.detail = Some(!self.detail_shown(size));
    }

    pub fn toggle_persona(&mut self, size: (u16, u16)) {
        self.persona = Some(!self.persona_shown(size));
        self.persona_scroll = 0;
    }
}

/// Which slide is on screen: 0 is the overview, stage `i` is slide `i + 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Presentation {
    pub slide: usize,
    /// Lines of a tall slide's body scrolled off the top.
    pub scroll: u16,
}

/// The resolver's state: the conflict on screen, by its place in the map's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolver {
    pub index: usize,
}

/// "2 merge conflicts left".
pub fn left_words(n: usize) -> String {
    match n {
        1 => "1 merge conflict left".to_string(),
        n => format!("{n} merge conflicts left"),
    }
}

/// `m` and `y`: where to move (or copy) the selected item, asked in two steps —
/// a stage, then a lane — as the `'` lane jump asks for a lane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveTo {
    /// A copy rather than a move.
    pub copy: bool,
    /// The item, where it stands.
    pub from: Cursor,
    /// The stage chosen (or, while choosing, the one highlighted).
    pub stage: usize,
    /// The stage is chosen: the lane is asked now.
    pub lane_step: bool,
    /// The keys that pick each lane, from the `'` lane jump's bindings (and
    /// the keys it makes up for the map's own lanes).
    pub lanes: Vec<(super::keymap::Key, Lane)>,
    /// Every lane in the map's order, with its title.
    pub titles: Vec<(Lane, String)>,
    /// How many stages the map has, for the hints.
    pub stages: usize,
}

/// Who is at this editor.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Role {
    #[default]
    Facilitator,
    /// `name` is how the participant is shown to others (`--name`, else
    /// the user name).
    Participant {
        may: crate::format::rules::Participants,
        name: String,
    },
}

impl Role {
    pub fn is_participant(&self) -> bool {
        matches!(self, Role::Participant { .. })
    }
}

/// A voting session that is on: its id (when it started, ms since 1970) and
/// the votes each participant has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    pub id: String,
    pub votes: u32,
    /// When a timed vote ends by itself, on the facilitator's clock; a
    /// participant's copy of the round has none (the facilitator ends it).
    pub deadline: Option<std::time::Duration>,
}

/// One vote: the card, by its stage's id, its lane and its text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Vote {
    pub stage: String,
    /// `pain-points` or `optimizations`.
    pub lane: String,
    pub text: String,
}

/// A participant's ballot file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Ballot {
    pub round: String,
    pub name: String,
    pub votes: Vec<Vote>,
}
