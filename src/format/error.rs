//! Positioned errors. A map is rejected with one message a person can act on:
//! `PATH:LINE:COL: what is wrong`, plus a hint where one helps.

use std::fmt;

/// A 1-based line and column; columns count characters, not bytes, so that they
/// match what an editor shows for accented or CJK text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub const START: Pos = Pos { line: 1, col: 1 };
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReadError {
    pub pos: Pos,
    pub message: String,
    pub hint: Option<String>,
}

impl ReadError {
    pub fn new(pos: Pos, message: impl Into<String>, hint: Option<&str>) -> ReadError {
        ReadError {
            pos,
            message: message.into(),
            hint: hint.map(str::to_string),
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> ReadError {
        self.hint = Some(hint.into());
        self
    }

    /// The one-line report, `PATH:LINE:COL: message (hint)`, safe to print to a
    /// terminal whatever the file held.
    pub fn located(&self, path: &str) -> String {
        let mut s = format!(
            "{}:{}: {}",
            crate::text::display(path),
            self.pos,
            crate::text::display(&self.message)
        );
        if let Some(h) = &self.hint {
            s.push_str(&format!(" (hint: {})", crate::text::display(h)));
        }
        s
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.pos, self.message)?;
        if let Some(h) = &self.hint {
            write!(f, " (hint: {h})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ReadError {}
