//! Imports (docs/architecture.md#outline-exports-and-imports): other formats turned into a map. Each reader is strict
//! and positioned like the RON reader: bad input is rejected whole with one
//! `LINE:COL: message`, never half-imported. The result always passes
//! `format::errors`.

pub mod csv;
pub mod mermaid;

use crate::format::{self, Pos, ReadError};
use crate::model::JourneyMap;

/// The formats `cjm import --from` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum From {
    Mermaid,
    Csv,
}

/// What a format cannot say is filled with these, as `cjm new` does.
pub const DEFAULT_TITLE: &str = "Imported journey";
pub const DEFAULT_PERSONA: &str = "Primary persona";

/// Reads `bytes` as `from` and checks the result like a map file.
pub fn import(bytes: &[u8], from: From) -> Result<JourneyMap, ReadError> {
    let text = utf8(bytes)?;
    let map = match from {
        From::Mermaid => mermaid::parse(text)?,
        From::Csv => csv::parse(text)?,
    };
    if let Some(e) = format::errors(&map).into_iter().next() {
        return Err(ReadError::new(Pos::START, e.message, None));
    }
    Ok(map)
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
