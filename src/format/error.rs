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
    /// A spreadsheet cell (`Pain points!C7`) where the input is a workbook, which
    /// has cells rather than lines: said instead of `pos`. Boxed, so that the
    /// errors every command passes around stay small.
    pub cell: Option<Box<str>>,
}

impl ReadError {
    pub fn new(pos: Pos, message: impl Into<String>, hint: Option<&str>) -> ReadError {
        ReadError {
            pos,
            message: message.into(),
            hint: hint.map(str::to_string),
            cell: None,
        }
    }

    /// The same error at a workbook's cell (`Sheet!C7`).
    pub fn at_cell(mut self, cell: impl Into<String>) -> ReadError {
        self.cell = Some(cell.into().into_boxed_str());
        self
    }

    /// `LINE:COL`, or the cell for a workbook.
    pub fn place(&self) -> String {
        match &self.cell {
            Some(c) => c.to_string(),
            None => self.pos.to_string(),
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
            "{}{}{}: {}",
            crate::text::display(path),
            if self.cell.is_some() { ": " } else { ":" },
            crate::text::display(&self.place()),
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
        write!(f, "{}: {}", self.place(), self.message)?;
        if let Some(h) = &self.hint {
            write!(f, " (hint: {h})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ReadError {}
