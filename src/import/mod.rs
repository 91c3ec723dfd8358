//! Imports (docs/architecture.md#outline-exports-and-imports): other formats turned into a map. Each reader is positioned like the
//! RON reader (docs/format.md): bad input is rejected whole with one
//! `LINE:COL: message` (a workbook's `Sheet!C7: message`), never half-imported, and what had to be adjusted to fit a
//! map is reported as positioned warnings. The result always passes
//! `format::errors`.

pub mod csv;
pub mod ems;
pub mod mermaid;
pub mod xlsx;

use crate::format::{self, Pos, ReadError};
use crate::model::JourneyMap;
use crate::text::display;

/// The formats `cjm import --from` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum From {
    Mermaid,
    Csv,
    Xlsx,
    // Enablement Map Studio's YAML (a journey and its service blueprint).
    Ems,
}

impl From {
    /// The format a file's extension names, for `cjm import FILE` without
    /// `--from`.
    pub fn by_extension(path: &std::path::Path) -> Option<From> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "mmd" | "mermaid" => Some(From::Mermaid),
            "csv" => Some(From::Csv),
            "xlsx" => Some(From::Xlsx),
            "yaml" | "yml" => Some(From::Ems),
            _ => None,
        }
    }
}

/// What a format cannot say is filled with these, as `cjm new` does.
pub const DEFAULT_TITLE: &str = "Imported journey";
pub const DEFAULT_PERSONA: &str = "Primary persona";

/// Something the import adjusted to fit the map (a Mermaid score clamped to 1–5,
/// say): the map is made, and the user is told where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub pos: Pos,
    /// What the input says that a map cannot ("task score `7` is not …").
    pub problem: String,
    /// What the import did about it ("clamped to 5").
    pub adjustment: String,
}

impl Warning {
    pub fn message(&self) -> String {
        format!("{}: {}", self.problem, self.adjustment)
    }

    /// `PATH:LINE:COL: warning: message`, safe to print to a terminal.
    pub fn located(&self, path: &str) -> String {
        format!(
            "{}:{}: warning: {}",
            display(path),
            self.pos,
            display(&self.message())
        )
    }
}

/// An imported map and what was adjusted to make it.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub map: JourneyMap,
    pub warnings: Vec<Warning>,
}

impl Imported {
    /// The map only if nothing had to be adjusted: the first adjustment is the
    /// error (`cjm import --strict`).
    pub fn strict(self) -> Result<JourneyMap, ReadError> {
        match self.warnings.into_iter().next() {
            None => Ok(self.map),
            Some(w) => Err(ReadError::new(w.pos, w.problem, None).with_hint(format!(
                "without --strict it is imported with a warning: {}",
                w.adjustment
            ))),
        }
    }
}

/// Reads `bytes` as `from` and checks the result like a map file.
pub fn import(bytes: &[u8], from: From) -> Result<Imported, ReadError> {
    let mut warnings = Vec::new();
    let map = match from {
        From::Mermaid => mermaid::parse(utf8(bytes)?, &mut warnings)?,
        From::Csv => csv::parse(utf8(bytes)?)?,
        From::Xlsx => xlsx::parse(bytes)?,
        From::Ems => ems::parse(utf8(bytes)?, &mut warnings)?,
    };
    if let Some(e) = format::errors(&map).into_iter().next() {
        return Err(ReadError::new(Pos::START, e.message, None));
    }
    Ok(Imported { map, warnings })
}

/// The text without a byte-order mark; not UTF-8 is an error at the first bad byte.
fn utf8(bytes: &[u8]) -> Result<&str, ReadError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let good = bytes.get(..e.valid_up_to()).unwrap_or_default();
        let text = String::from_utf8_lossy(good);
        ReadError::new(
            pos_at(&text, text.len()),
            "the file is not UTF-8 text",
            Some("save it as UTF-8"),
        )
    })
}

/// Line and column (in characters, 1-based) of byte `offset` in `text`.
pub(crate) fn pos_at(text: &str, offset: usize) -> Pos {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Pos {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        col: u32::try_from(col).unwrap_or(u32::MAX),
    }
}
