//! Actions and the keys bound to them, as data (after helix-term and television):
//! one registry gives every action a name and a one-line doc; the default table
//! binds keys to names; a settings file may rebind them; the help overlay is
//! generated from the same table the event loop uses. Dialogs have their own
//! table (`DIALOG_KEYS`): their keys are looked up in it and their footers are
//! written from it, so a footer never lists a key the dialog does not take.

use std::collections::{HashMap, HashSet};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::model::Lane;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Left,
    Right,
    Up,
    Down,
    NextLane,
    PrevLane,
    FirstStage,
    LastStage,
    Edit,
    AddItem,
    AddStage,
    DeleteItem,
    DeleteStage,
    MoveItemDown,
    MoveItemUp,
    MoveStageLeft,
    MoveStageRight,
    /// The item to the same lane of the next stage, and the selection with it.
    MoveItemNext,
    MoveItemPrev,
    /// Asks for a stage and a lane, and moves the item there.
    MoveItemTo,
    /// Asks for a stage and a lane, and puts a copy of the item there.
    CopyItemTo,
    Raise,
    Lower,
    Score(u8),
    ExternalEdit,
    RenameStage,
    EditPersona,
    EditInfo,
    Undo,
    Redo,
    Search,
    NextMatch,
    PrevMatch,
    Save,
    Quit,
    Help,
    Present,
    ToggleDetail,
    TogglePersona,
    ScrollPersonaDown,
    ScrollPersonaUp,
    Vote,
    Unvote,
    SortByVotes,
    Timer,
    /// Select the first item of this lane, in the same stage.
    JumpLane(Lane),
    Zoom,
    ToggleCompare,
    Conflicts,
    /// Starts a voting session (votes per person, minutes) or ends it.
    Voting,
    /// Steps through what participants may do: add and vote, add only,
    /// vote only, only look.
    ParticipantRights,
    /// The map's evidence: add, edit, delete.
    Evidence,
    /// Cite evidence on the selected card, or take a citation off.
    Cite,
    /// The map's lanes: add a blueprint or custom lane, rename, move, remove.
    Lanes,
    /// Shows one persona's journey, then the next's, then everyone's again.
    PersonaFilter,
    /// The map's personas: add, edit, remove.
    Personas,
}

/// Every action with its name (used in settings files) and what it does.
pub const ACTIONS: &[(Action, &str, &str)] = &[
    (Action::Left, "left", "previous stage"),
    (Action::Right, "right", "next stage"),
    (Action::Up, "up", "previous item (or lane)"),
    (Action::Down, "down", "next item (or lane)"),
    (Action::NextLane, "next-lane", "next lane"),
    (Action::PrevLane, "prev-lane", "previous lane"),
    (Action::FirstStage, "first-stage", "first stage"),
    (Action::LastStage, "last-stage", "last stage"),
    (
        Action::Edit,
        "edit",
        "edit the item (text inline, details in a form)",
    ),
    (
        Action::AddItem,
        "add-item",
        "add an item after the selection and type its text",
    ),
    (
        Action::AddStage,
        "add-stage",
        "add a stage after this one and type its name",
    ),
    (
        Action::DeleteItem,
        "delete-item",
        "delete the item (undoable)",
    ),
    (
        Action::DeleteStage,
        "delete-stage",
        "delete the stage (asks first; undoable)",
    ),
    (Action::MoveItemDown, "move-item-down", "move the item down"),
    (Action::MoveItemUp, "move-item-up", "move the item up"),
    (
        Action::MoveStageLeft,
        "move-stage-left",
        "move the stage left",
    ),
    (
        Action::MoveStageRight,
        "move-stage-right",
        "move the stage right",
    ),
    (
        Action::MoveItemNext,
        "move-item-next-stage",
        "move the item to the next stage (same lane)",
    ),
    (
        Action::MoveItemPrev,
        "move-item-prev-stage",
        "move the item to the previous stage (same lane)",
    ),
    (
        Action::MoveItemTo,
        "move-item-to",
        "move the item to any stage and lane (asks which)",
    ),
    (
        Action::CopyItemTo,
        "copy-item-to",
        "copy the item to any stage and lane (asks which)",
    ),
    (Action::Raise, "raise", "raise score, severity or priority"),
    (Action::Lower, "lower", "lower score, severity or priority"),
    (
        Action::Score(1),
        "score-1",
        "set the emotion's score to 1 (very negative)",
    ),
    (Action::Score(2), "score-2", "set the emotion's score to 2"),
    (
        Action::Score(3),
        "score-3",
        "set the emotion's score to 3 (neutral)",
    ),
    (Action::Score(4), "score-4", "set the emotion's score to 4"),
    (
        Action::Score(5),
        "score-5",
        "set the emotion's score to 5 (very positive)",
    ),
    (
        Action::ExternalEdit,
        "external-edit",
        "edit the whole map as RON in $VISUAL/$EDITOR",
    ),
    (
        Action::RenameStage,
        "rename-stage",
        "rename the stage (and edit its goal)",
    ),
    (Action::EditPersona, "edit-persona", "edit the persona"),
    (
        Action::EditInfo,
        "edit-info",
        "edit title, summary and objectives",
    ),
    (Action::Undo, "undo", "undo"),
    (Action::Redo, "redo", "redo"),
    (Action::Search, "search", "search all text"),
    (Action::NextMatch, "next-match", "next match"),
    (Action::PrevMatch, "prev-match", "previous match"),
    (Action::Save, "save", "save"),
    (
        Action::Quit,
        "quit",
        "quit (asks when there are unsaved changes)",
    ),
    (Action::Help, "help", "this help"),
    (
        Action::ToggleDetail,
        "toggle-detail",
        "show or hide the detail panel (the selection in full)",
    ),
    (
        Action::TogglePersona,
        "toggle-persona",
        "show or hide the persona panel",
    ),
    (
        Action::ScrollPersonaDown,
        "scroll-persona-down",
        "scroll the persona panel down",
    ),
    (
        Action::ScrollPersonaUp,
        "scroll-persona-up",
        "scroll the persona panel up",
    ),
    (
        Action::Present,
        "present",
        "present the map as slides (Esc comes back here)",
    ),
    (
        Action::JumpLane(Lane::Actions),
        "lane-doing",
        "jump to the Doing lane",
    ),
    (
        Action::JumpLane(Lane::Thoughts),
        "lane-thinking",
        "jump to the Thinking lane",
    ),
    (
        Action::JumpLane(Lane::Touchpoints),
        "lane-touchpoints",
        "jump to the Touchpoints lane",
    ),
    (
        Action::JumpLane(Lane::Emotions),
        "lane-emotions",
        "jump to the Emotions lane",
    ),
    (
        Action::JumpLane(Lane::PainPoints),
        "lane-pain-points",
        "jump to the Pain points lane",
    ),
    (
        Action::JumpLane(Lane::Optimizations),
        "lane-optimizations",
        "jump to the Optimizations lane",
    ),
    (
        Action::JumpLane(Lane::Metrics),
        "lane-kpis",
        "jump to the KPIs lane",
    ),
    (
        Action::Zoom,
        "zoom",
        "column width: fit every stage, normal, wide",
    ),
    (
        Action::Vote,
        "vote",
        "add a vote to the pain point or optimization (●)",
    ),
    (Action::Unvote, "unvote", "take a vote away from it"),
    (
        Action::SortByVotes,
        "sort-by-votes",
        "sort the lane by votes, most first",
    ),
    (
        Action::Timer,
        "timer",
        "start the workshop timer (minutes asked), or stop it",
    ),
    (
        Action::ToggleCompare,
        "toggle-compare",
        "show or hide the --compare map's curve",
    ),
    (
        Action::Voting,
        "voting",
        "start a private voting session for cjm join participants (votes each, minutes), or end it and add the votes",
    ),
    (
        Action::ParticipantRights,
        "participant-rights",
        "open or close adding and voting for cjm join participants: add and vote, add only, vote only, look only",
    ),
    (
        Action::Conflicts,
        "conflicts",
        "step through the merge conflicts: take ours, theirs or base",
    ),
    (
        Action::Evidence,
        "evidence",
        "the map's evidence (research behind the cards): add, edit, delete",
    ),
    (
        Action::Lanes,
        "lanes",
        "the map's lanes: add a service-blueprint or custom lane, rename, move, remove, what it holds",
    ),
    (
        Action::Cite,
        "cite",
        "cite evidence on the card (on its stage for actions and thoughts), or take it off",
    ),
    (
        Action::PersonaFilter,
        "persona-filter",
        "show one persona's journey (their cards and curve), the next one's, then everyone's again",
    ),
    (
        Action::Personas,
        "personas",
        "the map's personas: add one, edit one, remove one",
    ),
];

fn action_by_name(name: &str) -> Option<Action> {
    ACTIONS
        .iter()
        .find(|(_, n, _)| *n == name)
        .map(|(a, _, _)| *a)
}

/// A key as written in the table and in settings: `j`, `J`, `ctrl-s`, `shift-tab`,
/// `left`, `enter`, `?`; two keys one after the other are written with a space
/// between them: `' d`.
const DEFAULT_KEYS: &[(&str, &str)] = &[
    ("left", "left"),
    ("h", "left"),
    ("right", "right"),
    ("l", "right"),
    ("up", "up"),
    ("k", "up"),
    ("down", "down"),
    ("j", "down"),
    ("tab", "next-lane"),
    ("shift-tab", "prev-lane"),
    ("home", "first-stage"),
    ("g", "first-stage"),
    ("end", "last-stage"),
    ("G", "last-stage"),
    ("enter", "edit"),
    ("e", "edit"),
    ("a", "add-item"),
    ("A", "add-stage"),
    ("d", "delete-item"),
    ("D", "delete-stage"),
    ("J", "move-item-down"),
    ("K", "move-item-up"),
    ("H", "move-stage-left"),
    ("L", "move-stage-right"),
    (">", "move-item-next-stage"),
    ("<", "move-item-prev-stage"),
    ("m", "move-item-to"),
    ("y", "copy-item-to"),
    ("+", "raise"),
    ("=", "raise"),
    ("-", "lower"),
    ("1", "score-1"),
    ("2", "score-2"),
    ("3", "score-3"),
    ("4", "score-4"),
    ("5", "score-5"),
    ("E", "external-edit"),
    ("r", "rename-stage"),
    ("p", "edit-persona"),
    ("i", "edit-info"),
    ("u", "undo"),
    ("ctrl-z", "undo"),
    ("ctrl-r", "redo"),
    ("ctrl-y", "redo"),
    ("/", "search"),
    ("n", "next-match"),
    ("N", "prev-match"),
    ("ctrl-s", "save"),
    ("q", "quit"),
    ("ctrl-c", "quit"),
    ("?", "help"),
    ("f5", "present"),
    ("space", "toggle-detail"),
    ("P", "toggle-persona"),
    ("pagedown", "scroll-persona-down"),
    ("pageup", "scroll-persona-up"),
    // `'` then the lane's letter (or its number) jumps straight to a lane.
    ("' d", "lane-doing"),
    ("' 1", "lane-doing"),
    ("' t", "lane-thinking"),
    ("' 2", "lane-thinking"),
    ("' c", "lane-touchpoints"),
    ("' 3", "lane-touchpoints"),
    ("' e", "lane-emotions"),
    ("' 4", "lane-emotions"),
    ("' p", "lane-pain-points"),
    ("' 5", "lane-pain-points"),
    ("' o", "lane-optimizations"),
    ("' 6", "lane-optimizations"),
    ("' k", "lane-kpis"),
    ("' 7", "lane-kpis"),
    ("z", "zoom"),
    ("v", "vote"),
    ("V", "unvote"),
    ("S", "sort-by-votes"),
    ("t", "timer"),
    ("c", "toggle-compare"),
    ("x", "conflicts"),
    ("B", "voting"),
    ("O", "participant-rights"),
    ("R", "evidence"),
    ("C", "cite"),
    ("b", "lanes"),
    ("F", "persona-filter"),
    ("W", "personas"),
];

/// A run of one or two keys, as bound in the table.
pub type Keys = Vec<Key>;

fn parse_keys(s: &str) -> Option<Keys> {
    let keys: Option<Keys> = s.split(' ').map(Key::parse).collect();
    keys.filter(|k| (1..=2).contains(&k.len()))
}

fn keys_label(keys: &[Key]) -> String {
    keys.iter().map(Key::label).collect()
}

/// What a key means, given the keys pressed before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    Action(Action),
    /// The start of a longer binding: wait for the next key.
    Prefix(Keys),
    Unbound,
}

/// What a key does in presentation mode. None of the editor's keys apply there,
/// so nothing in it can change the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slide {
    Next,
    Prev,
    First,
    Last,
    /// The slide of stage N (1–9).
    Stage(u8),
    /// Scrolls a slide taller than the screen.
    ScrollDown,
    ScrollUp,
    /// Back to the editor, exactly where it was.
    Leave,
}

/// Presentation mode's keys, in the order the help lists them.
const SLIDE_KEYS: &[(&str, Slide, &str)] = &[
    ("right", Slide::Next, "next slide"),
    ("space", Slide::Next, "next slide"),
    (
        "pagedown",
        Slide::Next,
        "next slide (a presenter remote's key)",
    ),
    ("l", Slide::Next, "next slide"),
    ("left", Slide::Prev, "previous slide"),
    (
        "pageup",
        Slide::Prev,
        "previous slide (a presenter remote's key)",
    ),
    ("h", Slide::Prev, "previous slide"),
    ("1", Slide::Stage(1), "stage N's slide"),
    ("2", Slide::Stage(2), "stage N's slide"),
    ("3", Slide::Stage(3), "stage N's slide"),
    ("4", Slide::Stage(4), "stage N's slide"),
    ("5", Slide::Stage(5), "stage N's slide"),
    ("6", Slide::Stage(6), "stage N's slide"),
    ("7", Slide::Stage(7), "stage N's slide"),
    ("8", Slide::Stage(8), "stage N's slide"),
    ("9", Slide::Stage(9), "stage N's slide"),
    ("home", Slide::First, "the overview"),
    ("g", Slide::First, "the overview"),
    ("end", Slide::Last, "the last slide"),
    ("G", Slide::Last, "the last slide"),
    ("down", Slide::ScrollDown, "scroll a tall slide"),
    ("j", Slide::ScrollDown, "scroll a tall slide"),
    ("up", Slide::ScrollUp, "scroll a tall slide back"),
    ("k", Slide::ScrollUp, "scroll a tall slide back"),
    ("esc", Slide::Leave, "back to the editor, where it was"),
    ("q", Slide::Leave, "back to the editor, where it was"),
    ("ctrl-c", Slide::Leave, "back to the editor, where it was"),
];

/// The presentation key pressed, if any.
pub fn slide_lookup(e: KeyEvent) -> Option<Slide> {
    let k = Key::from_event(e);
    SLIDE_KEYS
        .iter()
        .find(|(s, _, _)| Key::parse(s) == Some(k))
        .map(|(_, a, _)| *a)
}

/// Presentation mode's keys as hints, one per thing they do, from `SLIDE_KEYS`
/// (the table `slide_lookup` reads).
pub fn slide_hints() -> Vec<Hint> {
    let mut hints: Vec<Hint> = Vec::new();
    for (k, _, doc) in SLIDE_KEYS {
        let Some(key) = Key::parse(k) else { continue };
        match hints.iter_mut().find(|h| h.what == *doc) {
            Some(h) => h.keys.push(key),
            None => hints.push(Hint {
                keys: vec![key],
                what: (*doc).to_string(),
            }),
        }
    }
    hints
}

/// Presentation mode's rows for the help: keys that do the same thing share a row,
/// and `presenting` stands where an editor key has its action's name.
fn slide_help_rows() -> Vec<(String, &'static str, &'static str)> {
    let mut rows: Vec<(String, &'static str, &'static str)> = Vec::new();
    for (k, a, doc) in SLIDE_KEYS {
        let label = match a {
            Slide::Stage(_) => "1–9".to_string(),
            _ => Key::parse(k).map(|k| k.label()).unwrap_or_default(),
        };
        match rows.iter_mut().find(|(_, _, d)| d == doc) {
            Some((keys, _, _)) if !keys.split(' ').any(|l| l == label) => {
                keys.push(' ');
                keys.push_str(&label);
            }
            Some(_) => {}
            None => rows.push((label, "presenting", doc)),
        }
    }
    rows
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    /// Shift is folded into the character (`J` is shift-j), so it only counts for
    /// keys without a character of their own.
    pub fn from_event(e: KeyEvent) -> Key {
        let code = match e.code {
            KeyCode::Char(c) if e.modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            KeyCode::Tab if e.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            c => c,
        };
        Key {
            code,
            ctrl: e.modifiers.contains(KeyModifiers::CONTROL),
            alt: e.modifiers.contains(KeyModifiers::ALT),
        }
    }

    pub fn parse(s: &str) -> Option<Key> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = s;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "tab" => KeyCode::Tab,
            "shift-tab" => KeyCode::BackTab,
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            "delete" => KeyCode::Delete,
            "backspace" => KeyCode::Backspace,
            "space" => KeyCode::Char(' '),
            s if s.len() > 1 && s.starts_with('f') => KeyCode::F(s[1..].parse().ok()?),
            s => {
                let mut cs = s.chars();
                let c = cs.next()?;
                if cs.next().is_some() {
                    return None;
                }
                KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c })
            }
        };
        Some(Key { code, ctrl, alt })
    }

    /// How the help overlay writes the key.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Char(' ') => "Space".into(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Char(c) if self.ctrl => c.to_ascii_uppercase().to_string(),
            KeyCode::Char(c) => c.to_string(),
            other => format!("{other:?}"),
        };
        let mut s = String::new();
        if self.ctrl {
            s.push_str("Ctrl-");
        }
        if self.alt {
            s.push_str("Alt-");
        }
        s + &base
    }
}

#[derive(Debug, Clone)]
pub struct Keymap {
    /// In table order, so the help lists keys the way the table does.
    bindings: Vec<(Keys, Action)>,
    index: HashMap<Keys, Action>,
    /// First keys of two-key bindings.
    prefixes: HashSet<Key>,
}

impl Default for Keymap {
    fn default() -> Self {
        let mut km = Keymap {
            bindings: Vec::new(),
            index: HashMap::new(),
            prefixes: HashSet::new(),
        };
        for (k, a) in DEFAULT_KEYS {
            if let (Some(k), Some(a)) = (parse_keys(k), action_by_name(a)) {
                km.bind_keys(k, a);
            }
        }
        km
    }
}

impl Keymap {
    pub fn bind(&mut self, key: Key, action: Action) {
        self.bind_keys(vec![key], action);
    }

    /// Binds a run of keys. A single key that starts a longer binding would
    /// hide it, so binding one takes the other's place.
    pub fn bind_keys(&mut self, keys: Keys, action: Action) {
        let clash =
            |k: &Keys| *k == keys || k.first() == keys.first() && (k.len() == 1 || keys.len() == 1);
        self.bindings.retain(|(k, _)| !clash(k));
        self.bindings.push((keys, action));
        self.reindex();
    }

    fn reindex(&mut self) {
        self.index = self.bindings.iter().cloned().collect();
        self.prefixes = self
            .bindings
            .iter()
            .filter(|(k, _)| k.len() > 1)
            .filter_map(|(k, _)| k.first().copied())
            .collect();
    }

    /// The action for `e` after the keys in `pending` (empty: a fresh key).
    pub fn resolve(&self, pending: &[Key], e: KeyEvent) -> Resolved {
        let key = Key::from_event(e);
        let mut keys = pending.to_vec();
        keys.push(key);
        if let Some(a) = self.index.get(&keys) {
            return Resolved::Action(*a);
        }
        if pending.is_empty() && self.prefixes.contains(&key) {
            return Resolved::Prefix(keys);
        }
        Resolved::Unbound
    }

    /// The keys that may follow `prefix`, with what they do: the footer's hint
    /// while a two-key binding is half typed.
    pub fn continuations(&self, prefix: &[Key]) -> Vec<(String, Action, &'static str)> {
        let mut out: Vec<(String, Action, &'static str)> = Vec::new();
        for (a, _, doc) in ACTIONS {
            let keys: Vec<String> = self
                .bindings
                .iter()
                .filter(|(k, b)| b == a && k.len() > 1 && k.starts_with(prefix))
                .filter_map(|(k, _)| k.get(prefix.len()).map(Key::label))
                .collect();
            if !keys.is_empty() {
                out.push((keys.join("/"), *a, doc));
            }
        }
        out
    }

    /// Applies `key name → action name` overrides from the settings file; returns
    /// the entries it could not understand, to report them.
    pub fn apply_overrides(&mut self, overrides: &HashMap<String, String>) -> Vec<String> {
        let mut bad = Vec::new();
        let mut entries: Vec<_> = overrides.iter().collect();
        entries.sort();
        for (k, a) in entries {
            match (parse_keys(k), action_by_name(a)) {
                (Some(k), Some(a)) => self.bind_keys(k, a),
                _ => bad.push(format!("{k} = {a}")),
            }
        }
        bad
    }

    /// The action of a single key.
    pub fn lookup(&self, e: KeyEvent) -> Option<Action> {
        match self.resolve(&[], e) {
            Resolved::Action(a) => Some(a),
            _ => None,
        }
    }

    /// The keys bound to each action, in registry order: the help overlay's rows.
    /// Presentation mode's keys follow the key that starts it.
    pub fn help_rows(&self) -> Vec<(String, &'static str, &'static str)> {
        self.help_rows_where(|_| true)
    }

    /// The help's rows for the actions `keep` lets through.
    pub fn help_rows_where(
        &self,
        keep: impl Fn(Action) -> bool,
    ) -> Vec<(String, &'static str, &'static str)> {
        ACTIONS
            .iter()
            .filter(|(a, _, _)| keep(*a))
            .flat_map(|(a, name, doc)| {
                let keys: Vec<String> = self
                    .bindings
                    .iter()
                    .filter(|(_, b)| b == a)
                    .map(|(k, _)| keys_label(k))
                    .collect();
                let row = (!keys.is_empty()).then(|| (keys.join(" "), *name, *doc));
                let slides = if *a == Action::Present {
                    slide_help_rows()
                } else {
                    Vec::new()
                };
                row.into_iter().chain(slides)
            })
            .collect()
    }

    /// The key that picks each lane: the last key of its lane-jump binding
    /// (`d` of `' d`), so that a prompt asking for a lane takes the keys the
    /// `'` jump takes, rebound or not. The first binding of each lane wins.
    pub fn lane_keys(&self) -> Vec<(Key, Lane)> {
        let mut out: Vec<(Key, Lane)> = Vec::new();
        for lane in Lane::ALL {
            for (k, a) in &self.bindings {
                if *a == Action::JumpLane(lane)
                    && let Some(last) = k.last()
                    && !out.iter().any(|(o, _)| o == last)
                {
                    out.push((*last, lane));
                }
            }
        }
        out
    }

    /// The key that starts the `'` lane jump (the first of a two-key lane
    /// binding), if the lanes are bound that way.
    pub fn lane_prefix(&self) -> Option<Key> {
        self.bindings
            .iter()
            .find(|(k, a)| matches!(a, Action::JumpLane(_)) && k.len() == 2)
            .and_then(|(k, _)| k.first().copied())
    }

    /// The keys that pick each lane of `map`, in the map's order: the seven
    /// journey lanes' from the table (`lane_keys`), and for each extra lane
    /// one made up here, since a map's lanes are its own: the first letter of
    /// a word of its title not taken yet, else 8, 9 or 0, else another letter
    /// of its title, else any free letter.
    pub fn lane_keys_for(&self, map: &crate::model::JourneyMap) -> Vec<(Key, Lane)> {
        let journey = self.lane_keys();
        let mut taken: Vec<Key> = journey.iter().map(|(k, _)| *k).collect();
        // A key bound after the prefix to something else is not free either.
        taken.extend(
            self.bindings
                .iter()
                .filter(|(k, _)| k.len() == 2)
                .filter_map(|(k, _)| k.get(1).copied()),
        );
        let mut out = Vec::new();
        for lane in map.lane_sequence() {
            if !lane.is_extra() {
                out.extend(journey.iter().filter(|(_, l)| *l == lane).copied());
                continue;
            }
            let title = map.lane_title(lane).to_lowercase();
            let initials = title
                .split(|c: char| !c.is_alphanumeric())
                .filter_map(|w| w.chars().next());
            let letters = title.chars();
            let key = initials
                .chain(['8', '9', '0'])
                .chain(letters)
                .chain('a'..='z')
                .filter(|c| c.is_ascii_alphanumeric())
                .map(|c| Key {
                    code: KeyCode::Char(c),
                    ctrl: false,
                    alt: false,
                })
                .find(|k| !taken.contains(k));
            if let Some(k) = key {
                taken.push(k);
                out.push((k, lane));
            }
        }
        out
    }

    /// The first key bound to an action, for footer hints.
    pub fn key_for(&self, action: Action) -> Option<String> {
        self.bindings
            .iter()
            .find(|(_, a)| *a == action)
            .map(|(k, _)| keys_label(k))
    }

    /// The grid's footer: `? help` first, so that it is the one hint that is
    /// never cut, then the keys a new user needs most.
    pub fn footer_hints(&self) -> String {
        let k = |a: Action| self.key_for(a).unwrap_or_default();
        let lanes = self
            .key_for(Action::JumpLane(Lane::Actions))
            .and_then(|l| l.chars().next())
            .map(|p| format!("{p}… lane · "))
            .unwrap_or_default();
        format!(
            "{} help · {} add · {} edit · {} delete · {} stage · {} search · {lanes}{} undo · {} save · {} quit · +/-/1-5 score",
            k(Action::Help),
            k(Action::AddItem),
            k(Action::Edit),
            k(Action::DeleteItem),
            k(Action::AddStage),
            k(Action::Search),
            k(Action::Undo),
            k(Action::Save),
            k(Action::Quit),
        )
    }
}

/// The dialogs, each with its own keys in `DIALOG_KEYS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialog {
    /// Typing an item's text or a stage's name on the grid.
    Insert,
    /// Esc in the edit box with text typed: throw it away?
    InsertDiscard,
    Search,
    Form,
    /// Esc on a form with changes: throw them away?
    FormDiscard,
    Help,
    Quit,
    DeleteStage,
    ChangedOnDisk,
    DropComments,
    /// One recovery file on offer.
    RestoreOne,
    /// Several recovery files on offer.
    Restore,
    ExternalError,
    Templates,
    /// `t`: the timer's minutes.
    Timer,
    /// `R`: the map's evidence.
    Evidence,
    /// Deleting evidence that cards cite: delete it and its citations?
    EvidenceDelete,
    /// `C`: the evidence to cite on the selected card.
    Cite,
    /// `b`: the map's lanes.
    Lanes,
    /// A new lane's kind.
    LaneKind,
    /// A lane's title being typed.
    LaneTitle,
    /// Removing a lane that holds cards: remove it and them?
    LaneRemove,
    /// `W`: the map's personas.
    Personas,
    /// A new persona's name being typed.
    PersonaName,
    /// Removing a persona with cards of her own: remove her and them?
    PersonaRemove,
}

/// What a key does in a dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    Yes,
    No,
    Cancel,
    Overwrite,
    Reload,
    EditAgain,
    Discard,
    Prev,
    Next,
    /// Keys a text field handles itself; listed so the footer names them.
    Commit,
    Word,
    Line,
    Field,
    Choose,
    Add,
    Edit,
    Delete,
    /// Cite or take off the citation of the selected evidence.
    Toggle,
    /// Move the selected entry up or down the list.
    Earlier,
    Later,
}

/// Every dialog's keys: (dialog, keys separated by spaces, reply, what it does).
/// The first key of each row is the one its footer shows.
pub const DIALOG_KEYS: &[(Dialog, &str, Reply, &str)] = &[
    (Dialog::Insert, "enter", Reply::Commit, "keep"),
    (Dialog::Insert, "esc", Reply::Cancel, "drop"),
    (Dialog::Insert, "ctrl-w", Reply::Word, "delete word"),
    (Dialog::Insert, "ctrl-u", Reply::Line, "delete to start"),
    (Dialog::InsertDiscard, "y", Reply::Yes, "discard the text"),
    (Dialog::InsertDiscard, "n esc", Reply::No, "keep typing"),
    (Dialog::Search, "enter", Reply::Commit, "search"),
    (Dialog::Search, "esc", Reply::Cancel, "cancel"),
    (Dialog::Search, "ctrl-u", Reply::Line, "clear"),
    (Dialog::Timer, "enter", Reply::Commit, "start"),
    (Dialog::Timer, "esc", Reply::Cancel, "cancel"),
    (Dialog::Form, "tab up shift-tab down", Reply::Field, "field"),
    (Dialog::Form, "left right", Reply::Choose, "choose"),
    (Dialog::Form, "enter ctrl-s", Reply::Commit, "save"),
    (Dialog::Form, "esc ctrl-c", Reply::Cancel, "cancel"),
    (Dialog::FormDiscard, "y", Reply::Yes, "discard the changes"),
    (Dialog::FormDiscard, "n esc", Reply::No, "keep editing"),
    (Dialog::Help, "up k", Reply::Prev, "scroll"),
    (Dialog::Help, "down j", Reply::Next, "scroll"),
    (Dialog::Help, "esc ?", Reply::Cancel, "close"),
    (Dialog::Quit, "y", Reply::Yes, "save and quit"),
    (Dialog::Quit, "n", Reply::No, "quit without saving"),
    (Dialog::Quit, "esc ctrl-c", Reply::Cancel, "stay"),
    (Dialog::DeleteStage, "y", Reply::Yes, "delete (u undoes)"),
    (Dialog::DeleteStage, "n esc ctrl-c", Reply::No, "keep"),
    (Dialog::ChangedOnDisk, "o", Reply::Overwrite, "overwrite it"),
    (
        Dialog::ChangedOnDisk,
        "r",
        Reply::Reload,
        "reload it (your version stays in undo)",
    ),
    (
        Dialog::ChangedOnDisk,
        "esc c ctrl-c",
        Reply::Cancel,
        "cancel",
    ),
    (Dialog::DropComments, "y", Reply::Yes, "save anyway"),
    (Dialog::DropComments, "n esc ctrl-c", Reply::No, "cancel"),
    (Dialog::RestoreOne, "y enter", Reply::Yes, "restore it"),
    (Dialog::RestoreOne, "n", Reply::Discard, "discard it"),
    (
        Dialog::RestoreOne,
        "esc ctrl-c",
        Reply::Cancel,
        "keep it for later",
    ),
    (Dialog::Restore, "up k", Reply::Prev, "choose"),
    (Dialog::Restore, "down j", Reply::Next, "choose"),
    (Dialog::Restore, "y enter", Reply::Yes, "restore"),
    (Dialog::Restore, "n", Reply::Discard, "discard"),
    (
        Dialog::Restore,
        "esc ctrl-c",
        Reply::Cancel,
        "keep them all for later",
    ),
    (
        Dialog::ExternalError,
        "e",
        Reply::EditAgain,
        "edit again (your text is kept)",
    ),
    (
        Dialog::ExternalError,
        "d",
        Reply::Discard,
        "discard the edit",
    ),
    (Dialog::Templates, "down j tab", Reply::Next, "choose"),
    (Dialog::Templates, "up k shift-tab", Reply::Prev, "choose"),
    (Dialog::Templates, "enter", Reply::Yes, "start from it"),
    (Dialog::Templates, "esc q ctrl-c", Reply::Cancel, "quit"),
    (Dialog::Evidence, "down j", Reply::Next, "choose"),
    (Dialog::Evidence, "up k", Reply::Prev, "choose"),
    (Dialog::Evidence, "a", Reply::Add, "add"),
    (Dialog::Evidence, "e enter", Reply::Edit, "edit"),
    (Dialog::Evidence, "d", Reply::Delete, "delete"),
    (Dialog::Evidence, "esc q ctrl-c", Reply::Cancel, "close"),
    (Dialog::EvidenceDelete, "y", Reply::Yes, "delete (u undoes)"),
    (Dialog::EvidenceDelete, "n esc ctrl-c", Reply::No, "keep it"),
    (Dialog::Cite, "down j", Reply::Next, "choose"),
    (Dialog::Cite, "up k", Reply::Prev, "choose"),
    (
        Dialog::Cite,
        "space enter",
        Reply::Toggle,
        "cite or take off",
    ),
    (Dialog::Cite, "esc q ctrl-c", Reply::Cancel, "done"),
    (Dialog::Lanes, "down j", Reply::Next, "choose"),
    (Dialog::Lanes, "up k", Reply::Prev, "choose"),
    (Dialog::Lanes, "a", Reply::Add, "add"),
    (Dialog::Lanes, "r enter", Reply::Edit, "rename"),
    (Dialog::Lanes, "[", Reply::Earlier, "up"),
    (Dialog::Lanes, "]", Reply::Later, "down"),
    (Dialog::Lanes, "d", Reply::Delete, "remove"),
    (
        Dialog::Lanes,
        "o",
        Reply::Toggle,
        "owner and channel or not",
    ),
    (Dialog::Lanes, "esc q ctrl-c", Reply::Cancel, "close"),
    (Dialog::LaneKind, "down j", Reply::Next, "choose"),
    (Dialog::LaneKind, "up k", Reply::Prev, "choose"),
    (Dialog::LaneKind, "enter", Reply::Yes, "this kind"),
    (Dialog::LaneKind, "esc ctrl-c", Reply::Cancel, "back"),
    (Dialog::LaneTitle, "enter", Reply::Commit, "keep"),
    (Dialog::LaneTitle, "esc", Reply::Cancel, "back"),
    (
        Dialog::LaneRemove,
        "y",
        Reply::Yes,
        "remove it and its cards (u undoes)",
    ),
    (Dialog::LaneRemove, "n esc ctrl-c", Reply::No, "keep it"),
    (Dialog::Personas, "down j", Reply::Next, "choose"),
    (Dialog::Personas, "up k", Reply::Prev, "choose"),
    (Dialog::Personas, "a", Reply::Add, "add"),
    (Dialog::Personas, "e enter", Reply::Edit, "edit"),
    (Dialog::Personas, "d", Reply::Delete, "remove"),
    (Dialog::Personas, "f", Reply::Toggle, "show their journey"),
    (Dialog::Personas, "esc q ctrl-c", Reply::Cancel, "close"),
    (Dialog::PersonaName, "enter", Reply::Commit, "add"),
    (Dialog::PersonaName, "esc", Reply::Cancel, "back"),
    (
        Dialog::PersonaRemove,
        "y",
        Reply::Yes,
        "remove them and their cards (u undoes)",
    ),
    (
        Dialog::PersonaRemove,
        "n esc ctrl-c",
        Reply::No,
        "keep them",
    ),
];

/// A key as a dialog compares it: letters without case (`Y` is `y`).
fn dialog_key(e: KeyEvent) -> Key {
    let mut k = Key::from_event(e);
    if let KeyCode::Char(c) = k.code
        && !k.ctrl
    {
        k.code = KeyCode::Char(c.to_ascii_lowercase());
    }
    k
}

/// What `e` does in dialog `d`, from the table.
pub fn reply(d: Dialog, e: KeyEvent) -> Option<Reply> {
    let key = dialog_key(e);
    DIALOG_KEYS
        .iter()
        .filter(|(dd, ..)| *dd == d)
        .find(|(_, keys, ..)| keys.split(' ').filter_map(Key::parse).any(|k| k == key))
        .map(|(_, _, r, _)| *r)
}

/// One footer hint: every key of one table row, and what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub keys: Vec<Key>,
    pub what: String,
}

/// A dialog's hints, from its rows of `DIALOG_KEYS` (the table `reply` reads).
pub fn dialog_rows(d: Dialog) -> Vec<Hint> {
    DIALOG_KEYS
        .iter()
        .filter(|(dd, ..)| *dd == d)
        .map(|(_, keys, _, what)| Hint {
            keys: keys.split(' ').filter_map(Key::parse).collect(),
            what: (*what).to_string(),
        })
        .collect()
}

/// A dialog's footer, from the table: `y save and quit · n quit without saving · Esc stay`.
pub fn dialog_hints(d: Dialog) -> String {
    hint_line(&dialog_rows(d))
}

/// Hints as a footer writes them: each row's first key, and any arrows besides
/// it (`Tab/↓↑`, `←→`); rows that do the same thing share one hint (`↑↓ choose`).
pub fn hint_line(hints: &[Hint]) -> String {
    let mut rows: Vec<(String, &str)> = Vec::new();
    for h in hints {
        let labels: Vec<String> = h.keys.iter().map(Key::label).collect();
        let is_arrow = |l: &String| ["←", "→", "↑", "↓"].contains(&l.as_str());
        let mut label = labels.first().cloned().unwrap_or_default();
        let arrows: String = labels
            .iter()
            .skip(1)
            .filter(|l| is_arrow(l))
            .map(String::as_str)
            .collect();
        if !arrows.is_empty() {
            if !labels.first().is_some_and(is_arrow) {
                label.push('/');
            }
            label.push_str(&arrows);
        }
        match rows.last_mut() {
            Some((l, last_doc)) if *last_doc == h.what => l.push_str(&label),
            _ => rows.push((label, &h.what)),
        }
    }
    rows.iter()
        .map(|(k, doc)| format!("{k} {doc}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_table_is_all_known() {
        for (k, a) in DEFAULT_KEYS {
            assert!(parse_keys(k).is_some(), "{k}");
            assert!(action_by_name(a).is_some(), "{a}");
        }
        let km = Keymap::default();
        let shift_j = KeyEvent::new(KeyCode::Char('J'), KeyModifiers::SHIFT);
        assert_eq!(km.lookup(shift_j), Some(Action::MoveItemDown));
        let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(km.lookup(ctrl_s), Some(Action::Save));
        assert_eq!(
            km.lookup(KeyEvent::new(KeyCode::Tab, KeyModifiers::SHIFT)),
            Some(Action::PrevLane)
        );
    }

    #[test]
    fn a_lane_is_two_keys_away_and_the_help_lists_it() {
        let km = Keymap::default();
        let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        let Resolved::Prefix(p) = km.resolve(&[], key('\'')) else {
            panic!("' starts a lane jump");
        };
        assert_eq!(
            km.resolve(&p, key('p')),
            Resolved::Action(Action::JumpLane(Lane::PainPoints))
        );
        assert_eq!(km.resolve(&p, key('z')), Resolved::Unbound);
        for lane in Lane::ALL {
            let row = km
                .help_rows()
                .into_iter()
                .find(|(_, _, doc)| doc.contains(lane.title()));
            assert!(row.is_some_and(|(k, _, _)| k.starts_with('\'')), "{lane:?}");
        }
        // No two-key binding hides a single key, nor the other way round.
        let singles: Vec<Key> = DEFAULT_KEYS
            .iter()
            .filter_map(|(k, _)| parse_keys(k))
            .filter(|k| k.len() == 1)
            .map(|k| k[0])
            .collect();
        for p in &km.prefixes {
            assert!(!singles.contains(p), "{p:?} is both a key and a prefix");
        }
    }

    #[test]
    fn every_dialog_footer_comes_from_its_table_and_its_keys_work() {
        assert_eq!(
            dialog_hints(Dialog::Quit),
            "y save and quit · n quit without saving · Esc stay"
        );
        assert_eq!(
            dialog_hints(Dialog::Form),
            "Tab/↑↓ field · ←→ choose · Enter save · Esc cancel"
        );
        assert_eq!(
            dialog_hints(Dialog::Restore),
            "↑↓ choose · y restore · n discard · Esc keep them all for later"
        );
        for (d, keys, r, _) in DIALOG_KEYS {
            for k in keys.split(' ') {
                let key = Key::parse(k).unwrap_or_else(|| panic!("{k}"));
                let mut m = KeyModifiers::NONE;
                if key.ctrl {
                    m |= KeyModifiers::CONTROL;
                }
                let code = if key.code == KeyCode::BackTab {
                    m |= KeyModifiers::SHIFT;
                    KeyCode::Tab
                } else {
                    key.code
                };
                assert_eq!(reply(*d, KeyEvent::new(code, m)), Some(*r), "{d:?} {k}");
            }
        }
    }

    #[test]
    fn overrides_rebind_and_report_nonsense() {
        let mut km = Keymap::default();
        let o: HashMap<String, String> = [
            ("w".to_string(), "up".to_string()),
            ("zz".to_string(), "up".to_string()),
        ]
        .into();
        assert_eq!(km.apply_overrides(&o), vec!["zz = up".to_string()]);
        assert_eq!(
            km.lookup(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::NONE)),
            Some(Action::Up)
        );
        assert!(
            km.help_rows()
                .iter()
                .any(|(k, n, _)| *n == "up" && k.contains('w'))
        );
    }
}
