//! What can sit on top of the grid, as plain data: the `Overlay` the editor
//! holds and the state of each component in it. The state sits here, in a leaf
//! below `app`, because `App` holds it while the components' keys, drawing and
//! hints (`components`, `conflicts`, `present`) need `App` themselves: the
//! components import this module and `app`, and neither imports them back.

use super::form::Form;
use super::keymap::Dialog;
use super::state::{MoveTo, Presentation, Resolver};
use super::text_input::TextInput;
use crate::model::{JourneyMap, Lane, Path};
use crate::recovery::Found;

#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    None,
    Insert(InsertBox),
    Form(Box<Form>),
    Search(SearchLine),
    Help(Help),
    Prompt(Prompt),
    /// A new file: pick the framework to start from.
    Templates(Templates),
    /// Presentation mode (F5): slides over the whole screen, nothing editable.
    Present(Presentation),
    /// `t`: the timer's length in minutes, prefilled with the default.
    Timer(TimerLine),
    /// `x`: the merge conflicts recorded in the map, one at a time.
    Conflict(Resolver),
    /// `m` or `y`: the stage and lane to move or copy the item to.
    MoveTo(MoveTo),
    /// `R`: the map's evidence, to add, edit and delete.
    Evidence(EvidenceList),
    /// `C`: the evidence the selected card cites, toggled one at a time.
    Cite(CitePicker),
    /// `b`: the map's lanes, to add, rename, move and remove.
    Lanes(LaneMenu),
    /// `W`: the map's personas, to add, edit and remove.
    Personas(PersonaMenu),
}

/// The persona menu: the persona selected (her place in the map's personas)
/// and the step on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonaMenu {
    pub selected: usize,
    pub step: PersonaStep,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PersonaStep {
    /// The personas, one selected.
    List,
    /// A new persona's name being typed.
    Name(TextInput),
    /// The selected persona has cards of her own: remove her with them?
    Remove,
}

/// The lane menu: the lane selected (its place in the map's order) and the
/// step on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct LaneMenu {
    pub selected: usize,
    pub step: LaneStep,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LaneStep {
    /// The lanes, one selected.
    List,
    /// A new lane: its kind, the one highlighted (`LaneKind::ADDABLE`).
    Kind(usize),
    /// A title typed: of a new lane of `kind` (added after the selected
    /// one), or the selected lane's new title.
    Title {
        kind: Option<crate::model::LaneKind>,
        input: TextInput,
    },
    /// The selected lane holds cards: remove it with them?
    Remove,
}

/// The evidence list: the entry selected, and whether the question "delete
/// it and its citations?" is on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EvidenceList {
    pub selected: usize,
    pub confirm_delete: bool,
}

/// The citation picker: the element whose citations change (a stage for its
/// actions and thoughts, else the item) and the entry selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CitePicker {
    pub at: Path,
    pub selected: usize,
}

/// Typing an item's text or a stage's name in a box on the grid.
#[derive(Debug, Clone, PartialEq)]
pub struct InsertBox {
    pub input: TextInput,
    pub target: InsertTarget,
    /// Esc with text typed asks first: this is the question on screen.
    pub confirm_discard: bool,
    /// The text the box opened with, to tell whether anything was typed.
    pub initial: String,
}

impl InsertBox {
    pub fn new(text: &str, target: InsertTarget) -> InsertBox {
        InsertBox {
            input: TextInput::new(text),
            target,
            confirm_discard: false,
            initial: text.to_string(),
        }
    }

    /// Whether Esc would throw away typing: text differs from what the box
    /// opened with (blanks typed into a new box are nothing to keep).
    pub fn is_changed(&self) -> bool {
        let text = self.input.text();
        text != self.initial && !(self.initial.is_empty() && text.trim().is_empty())
    }
}

/// What inline typing will become when Enter keeps it.
#[derive(Debug, Clone, PartialEq)]
pub enum InsertTarget {
    NewItem {
        stage: usize,
        lane: Lane,
        index: usize,
    },
    EditItem {
        stage: usize,
        lane: Lane,
        index: usize,
    },
    NewStage {
        index: usize,
    },
}

/// `/`: the search line, opened with the previous query selected.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchLine {
    pub input: TextInput,
}

/// `t`: the timer's minutes.
#[derive(Debug, Clone, PartialEq)]
pub struct TimerLine {
    pub input: TextInput,
    /// `B`: votes per person and minutes for a voting session, not the timer's.
    pub voting: bool,
}

/// `?`: the keys, scrolled this many rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Help {
    pub scroll: u16,
}

/// The template picker of a new file, on this framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Templates {
    pub selected: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Prompt {
    /// Unsaved changes on quit: y save and quit, n quit without saving, Esc stay.
    Quit,
    DeleteStage(usize),
    /// The file changed on disk since it was loaded: o overwrite, r reload, Esc cancel.
    ChangedOnDisk {
        then_quit: bool,
    },
    /// The file holds comments that saving drops: asked once per session.
    DropComments {
        then_quit: bool,
    },
    /// Recovery files left by other sessions on this map, newest first: y
    /// restore the selected one, n discard it, Esc keep them all for next time.
    Restore {
        offers: Vec<Offer>,
        selected: usize,
    },
    /// `$EDITOR` returned a map that does not load: e edit again, d discard.
    ExternalError {
        text: String,
        error: String,
    },
}

impl Prompt {
    /// The dialog a prompt is: the keys it takes and its footer come from the table.
    pub fn dialog(&self) -> Dialog {
        match self {
            Prompt::Quit => Dialog::Quit,
            Prompt::DeleteStage(_) => Dialog::DeleteStage,
            Prompt::ChangedOnDisk { .. } => Dialog::ChangedOnDisk,
            Prompt::DropComments { .. } => Dialog::DropComments,
            Prompt::Restore { offers, .. } if offers.len() == 1 => Dialog::RestoreOne,
            Prompt::Restore { .. } => Dialog::Restore,
            Prompt::ExternalError { .. } => Dialog::ExternalError,
        }
    }
}

/// One recovery file on offer.
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    pub found: Found,
    /// When it was written, for a person: "14:02:31 UTC, 3 minutes ago".
    pub when: String,
    pub content: Offered,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Offered {
    /// A map that differs from the one in the file.
    Map(Box<JourneyMap>),
    /// Text that does not load (a rejected `$EDITOR` edit, or a damaged file):
    /// offered for another round in `$EDITOR`.
    Text { error: String },
}
