//! A single-line text editor that moves and deletes by grapheme and measures by
//! display width, so emoji, accents and CJK behave as one character each.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::keymap::Key;
use crate::text::{display, sanitize_input};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The key was used; keep editing.
    Edited,
    Commit,
    Cancel,
    /// Not a text-editing key: the caller may use it (Tab in a form, say).
    Ignored,
}

/// What a key does to the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Commit,
    Cancel,
    WordLeft,
    WordRight,
    Left,
    Right,
    Home,
    End,
    DeleteWord,
    DeleteBack,
    DeleteForward,
    DeleteToStart,
    DeleteToEnd,
}

impl Edit {
    fn deletes(self) -> bool {
        matches!(
            self,
            Edit::DeleteWord
                | Edit::DeleteBack
                | Edit::DeleteForward
                | Edit::DeleteToStart
                | Edit::DeleteToEnd
        )
    }
}

/// A text field's keys, as `Key::parse` reads them: the one table `handle`
/// looks keys up in. The dialogs that type text (inline typing, search, the
/// timer) name some of these in their footers; a unit test checks that each
/// key they name does here what their hint says.
pub const KEYS: &[(&str, Edit)] = &[
    ("enter", Edit::Commit),
    ("esc ctrl-c", Edit::Cancel),
    ("ctrl-left alt-left", Edit::WordLeft),
    ("ctrl-right alt-right", Edit::WordRight),
    ("left ctrl-b", Edit::Left),
    ("right ctrl-f", Edit::Right),
    ("home ctrl-a", Edit::Home),
    ("end ctrl-e", Edit::End),
    ("ctrl-w ctrl-backspace alt-backspace", Edit::DeleteWord),
    ("backspace", Edit::DeleteBack),
    ("delete ctrl-d", Edit::DeleteForward),
    ("ctrl-u", Edit::DeleteToStart),
    ("ctrl-k", Edit::DeleteToEnd),
];

/// What `e` does to a text field, from `KEYS` (shift is ignored, as a terminal
/// sends it with capitals).
pub fn lookup(e: KeyEvent) -> Option<Edit> {
    let k = Key::from_event(e);
    KEYS.iter()
        .find(|(keys, _)| keys.split(' ').filter_map(Key::parse).any(|p| p == k))
        .map(|(_, edit)| *edit)
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    /// Byte offset, always on a grapheme boundary.
    cursor: usize,
    /// The whole text is selected: typing or pasting replaces it, a deleting key
    /// clears it, a moving key lets it go.
    selected: bool,
}

impl TextInput {
    pub fn new(text: &str) -> TextInput {
        TextInput {
            text: text.to_string(),
            cursor: text.len(),
            selected: false,
        }
    }

    /// `text` with all of it selected, as search offers the previous query.
    pub fn selected(text: &str) -> TextInput {
        TextInput {
            selected: !text.is_empty(),
            ..TextInput::new(text)
        }
    }

    /// Whether the whole text is selected (the view shows it so).
    pub fn is_selected(&self) -> bool {
        self.selected
    }

    fn take_selection(&mut self) {
        if std::mem::take(&mut self.selected) {
            self.text.clear();
            self.cursor = 0;
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn into_text(self) -> String {
        self.text
    }

    /// Typed or pasted text, without control characters.
    pub fn insert_str(&mut self, s: &str) {
        self.take_selection();
        let clean = sanitize_input(s);
        if self.text.is_char_boundary(self.cursor) {
            self.text.insert_str(self.cursor, &clean);
            self.cursor += clean.len();
        }
    }

    fn prev_boundary(&self) -> usize {
        self.text
            .get(..self.cursor)
            .and_then(|s| s.grapheme_indices(true).next_back())
            .map(|(i, _)| i)
            .unwrap_or(0)
    }

    fn next_boundary(&self) -> usize {
        self.text
            .get(self.cursor..)
            .and_then(|s| s.graphemes(true).next())
            .map(|g| self.cursor + g.len())
            .unwrap_or(self.text.len())
    }

    /// Start of the word before the cursor (spaces skipped first), as Ctrl-W sees it.
    fn word_start(&self) -> usize {
        let before = self.text.get(..self.cursor).unwrap_or_default();
        let trimmed = before.trim_end();
        trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map(|(i, c)| i + c.len_utf8())
            .unwrap_or(0)
    }

    fn word_end(&self) -> usize {
        let after = self.text.get(self.cursor..).unwrap_or_default();
        let skip = after.len() - after.trim_start().len();
        let rest = after.get(skip..).unwrap_or_default();
        let word = rest.find(char::is_whitespace).unwrap_or(rest.len());
        self.cursor + skip + word
    }

    fn delete(&mut self, from: usize, to: usize) {
        if from < to && to <= self.text.len() {
            self.text.replace_range(from..to, "");
            self.cursor = from;
        }
    }

    pub fn handle(&mut self, key: KeyEvent) -> Outcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let edit = lookup(key);
        if self.selected {
            match edit {
                Some(Edit::Commit | Edit::Cancel) => {}
                Some(e) if e.deletes() => {
                    self.take_selection();
                    return Outcome::Edited;
                }
                None if matches!(key.code, KeyCode::Char(_)) && !ctrl && !alt => {}
                // Moving keys let the selection go and then move as usual.
                _ => self.selected = false,
            }
        }
        match edit {
            Some(Edit::Commit) => return Outcome::Commit,
            Some(Edit::Cancel) => return Outcome::Cancel,
            Some(Edit::WordLeft) => self.cursor = self.word_start(),
            Some(Edit::WordRight) => self.cursor = self.word_end(),
            Some(Edit::Left) => self.cursor = self.prev_boundary(),
            Some(Edit::Right) => self.cursor = self.next_boundary(),
            Some(Edit::Home) => self.cursor = 0,
            Some(Edit::End) => self.cursor = self.text.len(),
            Some(Edit::DeleteWord) => self.delete(self.word_start(), self.cursor),
            Some(Edit::DeleteBack) => self.delete(self.prev_boundary(), self.cursor),
            Some(Edit::DeleteForward) => self.delete(self.cursor, self.next_boundary()),
            Some(Edit::DeleteToStart) => self.delete(0, self.cursor),
            Some(Edit::DeleteToEnd) => self.delete(self.cursor, self.text.len()),
            None => match key.code {
                KeyCode::Char(c) if !ctrl && !alt => {
                    let mut buf = [0u8; 4];
                    self.insert_str(c.encode_utf8(&mut buf));
                }
                _ => return Outcome::Ignored,
            },
        }
        Outcome::Edited
    }

    /// What fits in `width` columns, scrolled so the cursor is visible, and the
    /// cursor's column in it. Control and bidi characters show as escapes.
    /// Measured outwards from the cursor, so a long paste costs the columns
    /// shown, not its length.
    pub fn view(&self, width: usize) -> (String, usize) {
        let width = width.max(1);
        let before = self.text.get(..self.cursor).unwrap_or_default();
        let after = self.text.get(self.cursor..).unwrap_or_default();
        // As much of the text before the cursor as fits with one cell for the
        // cursor itself.
        let mut left: Vec<String> = Vec::new();
        let mut used = 0;
        for g in before.graphemes(true).rev() {
            let shown = display(g).into_owned();
            let w = shown.width();
            if used + w + 1 > width {
                break;
            }
            used += w;
            left.push(shown);
        }
        let col = used;
        let mut out: String = left.into_iter().rev().collect();
        for g in after.graphemes(true) {
            let shown = display(g);
            let w = shown.width();
            if used + w > width {
                break;
            }
            out.push_str(&shown);
            used += w;
        }
        (out, col.min(width - 1))
    }

    /// The text around the cursor, escaped for the screen, and the cursor's
    /// display column in it: all of a text up to three `chunk`s long, else the
    /// chunk holding the cursor with the ones before and after it. The window
    /// moves a whole chunk at a time, so the lines an edit box wraps it into
    /// stay put while typing, and a key costs the window, not the text.
    pub fn view_around(&self, chunk: usize) -> (String, usize) {
        let (start, end) = self.window(chunk);
        let before = self.text.get(start..self.cursor).unwrap_or_default();
        let after = self.text.get(self.cursor..end).unwrap_or_default();
        let mut out = String::new();
        let mut col = 0;
        for g in before.graphemes(true) {
            let shown = display(g);
            col += shown.width();
            out.push_str(&shown);
        }
        for g in after.graphemes(true) {
            out.push_str(&display(g));
        }
        (out, col)
    }

    /// The byte range `view_around` shows.
    fn window(&self, chunk: usize) -> (usize, usize) {
        let chunk = chunk.max(1);
        let len = self.text.len();
        if len <= chunk.saturating_mul(3) {
            return (0, len);
        }
        let k = self.cursor / chunk;
        let start = self.char_floor(k.saturating_sub(1).saturating_mul(chunk));
        let end = self.char_floor(k.saturating_add(2).saturating_mul(chunk).min(len));
        (start.min(self.cursor), end.max(self.cursor))
    }

    /// The character boundary at or before byte `i`.
    fn char_floor(&self, i: usize) -> usize {
        let mut i = i.min(self.text.len());
        while !self.text.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_key_a_dialog_names_does_what_its_hint_says() {
        use crate::tui::keymap::{DIALOG_KEYS, Dialog, Reply};
        let mut checked = 0;
        for (d, keys, reply, what) in DIALOG_KEYS {
            if !matches!(d, Dialog::Insert | Dialog::Search | Dialog::Timer) {
                continue;
            }
            let want = match reply {
                Reply::Commit => Edit::Commit,
                Reply::Cancel => Edit::Cancel,
                Reply::Word => Edit::DeleteWord,
                Reply::Line => Edit::DeleteToStart,
                other => panic!("{d:?} names {other:?}, which a text field does not do"),
            };
            for k in keys.split(' ') {
                let key = Key::parse(k).unwrap();
                let mut m = KeyModifiers::NONE;
                if key.ctrl {
                    m |= KeyModifiers::CONTROL;
                }
                let e = KeyEvent::new(key.code, m);
                assert_eq!(lookup(e), Some(want), "{d:?}: `{k} {what}`");
                checked += 1;
            }
        }
        assert!(checked >= 8);
    }

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    /// A long paste with the cursor at its end shows the end, with the cursor in
    /// the last column; in the middle, the text around the cursor.
    #[test]
    fn a_long_text_shows_the_part_around_the_cursor() {
        let long: String = (0..40_000)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect();
        let t = TextInput::new(&long);
        let (shown, col) = t.view(20);
        assert_eq!(shown, long[long.len() - 19..]);
        assert_eq!(col, 19);
        let mut t = TextInput::new(&long);
        for _ in 0..20_000 {
            t.handle(key(KeyCode::Left));
        }
        let (shown, col) = t.view(20);
        assert_eq!(shown.len(), 20);
        assert!(long.contains(&shown));
        assert_eq!(col, 19);
    }

    /// The edit box's window on a long paste holds the cursor, is a few chunks
    /// long whatever the text's length, and does not move while typing.
    #[test]
    fn the_window_around_the_cursor_is_short_and_stays_put() {
        let long = "abc ".repeat(250_000);
        let mut t = TextInput::new(&long);
        let (shown, col) = t.view_around(4096);
        assert!(
            shown.len() > 4096 && shown.len() <= 3 * 4096,
            "{}",
            shown.len()
        );
        assert_eq!(col, shown.width(), "the cursor is at the end");
        t.handle(key(KeyCode::Char('x')));
        let (typed, typed_col) = t.view_around(4096);
        assert_eq!(typed, format!("{shown}x"));
        assert_eq!(typed_col, col + 1);
        t.handle(key(KeyCode::Home));
        let (start, col) = t.view_around(4096);
        assert!(long.starts_with(&start) && start.len() <= 2 * 4096);
        assert_eq!(col, 0);
        // A short text is shown whole.
        let mut t = TextInput::new("short");
        t.handle(key(KeyCode::Left));
        assert_eq!(t.view_around(4096), ("short".to_string(), 4));
    }

    #[test]
    fn graphemes_move_and_delete_as_one() {
        let mut t = TextInput::new("ae\u{301}🎉漢");
        t.handle(key(KeyCode::Backspace));
        assert_eq!(t.text(), "ae\u{301}🎉");
        t.handle(key(KeyCode::Left));
        t.handle(key(KeyCode::Backspace));
        assert_eq!(t.text(), "a🎉", "e + combining accent is one character");
        t.handle(key(KeyCode::Home));
        t.handle(key(KeyCode::Delete));
        assert_eq!(t.text(), "🎉");
        t.handle(key(KeyCode::Char('x')));
        assert_eq!(t.text(), "x🎉");
    }

    #[test]
    fn words_and_lines() {
        let mut t = TextInput::new("one two  three");
        t.handle(ctrl('w'));
        assert_eq!(t.text(), "one two  ");
        t.handle(ctrl('w'));
        assert_eq!(t.text(), "one ");
        t.handle(ctrl('a'));
        t.handle(key(KeyCode::Char('>')));
        t.handle(ctrl('e'));
        t.handle(key(KeyCode::Char('!')));
        assert_eq!(t.text(), ">one !");
        t.handle(key(KeyCode::Left));
        t.handle(ctrl('u'));
        assert_eq!(t.text(), "!");
        assert_eq!(t.handle(key(KeyCode::Enter)), Outcome::Commit);
        assert_eq!(t.handle(key(KeyCode::Esc)), Outcome::Cancel);
        assert_eq!(t.handle(key(KeyCode::Tab)), Outcome::Ignored);
    }

    #[test]
    fn a_selected_text_is_replaced_by_typing_and_kept_by_moving() {
        let mut t = TextInput::selected("old query");
        assert!(t.is_selected());
        t.handle(key(KeyCode::Char('n')));
        t.handle(key(KeyCode::Char('e')));
        assert_eq!(t.text(), "ne");
        assert!(!t.is_selected());
        let mut t = TextInput::selected("old");
        t.handle(key(KeyCode::Left));
        t.handle(key(KeyCode::Char('x')));
        assert_eq!(t.text(), "olxd", "a moving key lets the selection go");
        let mut t = TextInput::selected("old");
        t.handle(key(KeyCode::Backspace));
        assert_eq!(t.text(), "");
        let mut t = TextInput::selected("old");
        t.insert_str("pasted");
        assert_eq!(t.text(), "pasted");
        assert_eq!(
            TextInput::selected("old").handle(key(KeyCode::Enter)),
            Outcome::Commit
        );
    }

    #[test]
    fn paste_drops_control_characters() {
        let mut t = TextInput::new("");
        t.insert_str("a\u{1b}[2J\nb\u{7}");
        assert_eq!(t.text(), "a[2J b");
    }

    #[test]
    fn view_scrolls_to_the_cursor_and_measures_width() {
        let t = TextInput::new("漢字漢字漢字");
        let (shown, col) = t.view(5);
        assert_eq!(shown, "漢字");
        assert_eq!(col, 4, "the cursor sits after two double-width characters");
        let mut t = TextInput::new("abc");
        t.handle(key(KeyCode::Home));
        assert_eq!(t.view(10), ("abc".to_string(), 0));
        let t = TextInput::new("x\u{1b}y");
        assert_eq!(t.view(20).0, "x\\u{1b}y");
    }
}
