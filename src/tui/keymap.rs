//! Actions and the keys bound to them, as data (after helix-term and television):
//! one registry gives every action a name and a one-line doc; the default table
//! binds keys to names; a settings file may rebind them; the help overlay is
//! generated from the same table the event loop uses.

use std::collections::HashMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
        Action::Present,
        "present",
        "present the map as slides (Esc comes back here)",
    ),
];

fn action_by_name(name: &str) -> Option<Action> {
    ACTIONS
        .iter()
        .find(|(_, n, _)| *n == name)
        .map(|(a, _, _)| *a)
}

/// A key as written in the table and in settings: `j`, `J`, `ctrl-s`, `shift-tab`,
/// `left`, `enter`, `?`.
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
];

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
    ("pagedown", Slide::Next, "next slide"),
    ("l", Slide::Next, "next slide"),
    ("left", Slide::Prev, "previous slide"),
    ("pageup", Slide::Prev, "previous slide"),
    ("h", Slide::Prev, "previous slide"),
    ("1", Slide::Stage(1), "that stage's slide (1–9)"),
    ("2", Slide::Stage(2), "that stage's slide (1–9)"),
    ("3", Slide::Stage(3), "that stage's slide (1–9)"),
    ("4", Slide::Stage(4), "that stage's slide (1–9)"),
    ("5", Slide::Stage(5), "that stage's slide (1–9)"),
    ("6", Slide::Stage(6), "that stage's slide (1–9)"),
    ("7", Slide::Stage(7), "that stage's slide (1–9)"),
    ("8", Slide::Stage(8), "that stage's slide (1–9)"),
    ("9", Slide::Stage(9), "that stage's slide (1–9)"),
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
    fn from_event(e: KeyEvent) -> Key {
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
    bindings: Vec<(Key, Action)>,
    index: HashMap<Key, Action>,
}

impl Default for Keymap {
    fn default() -> Self {
        let mut km = Keymap {
            bindings: Vec::new(),
            index: HashMap::new(),
        };
        for (k, a) in DEFAULT_KEYS {
            if let (Some(k), Some(a)) = (Key::parse(k), action_by_name(a)) {
                km.bind(k, a);
            }
        }
        km
    }
}

impl Keymap {
    pub fn bind(&mut self, key: Key, action: Action) {
        self.bindings.retain(|(k, _)| *k != key);
        self.bindings.push((key, action));
        self.index.insert(key, action);
    }

    /// Applies `key name → action name` overrides from the settings file; returns
    /// the entries it could not understand, to report them.
    pub fn apply_overrides(&mut self, overrides: &HashMap<String, String>) -> Vec<String> {
        let mut bad = Vec::new();
        let mut entries: Vec<_> = overrides.iter().collect();
        entries.sort();
        for (k, a) in entries {
            match (Key::parse(k), action_by_name(a)) {
                (Some(k), Some(a)) => self.bind(k, a),
                _ => bad.push(format!("{k} = {a}")),
            }
        }
        bad
    }

    pub fn lookup(&self, e: KeyEvent) -> Option<Action> {
        self.index.get(&Key::from_event(e)).copied()
    }

    /// The keys bound to each action, in registry order: the help overlay's rows.
    pub fn help_rows(&self) -> Vec<(String, &'static str, &'static str)> {
        ACTIONS
            .iter()
            .filter_map(|(a, name, doc)| {
                let keys: Vec<String> = self
                    .bindings
                    .iter()
                    .filter(|(_, b)| b == a)
                    .map(|(k, _)| k.label())
                    .collect();
                (!keys.is_empty()).then(|| (keys.join(" "), *name, *doc))
            })
            .chain(slide_help_rows())
            .collect()
    }

    /// The first key bound to an action, for footer hints.
    pub fn key_for(&self, action: Action) -> Option<String> {
        self.bindings
            .iter()
            .find(|(_, a)| *a == action)
            .map(|(k, _)| k.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_table_is_all_known() {
        for (k, a) in DEFAULT_KEYS {
            assert!(Key::parse(k).is_some(), "{k}");
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
