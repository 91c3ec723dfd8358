//! The map file: reading with positioned errors, the canonical writer, validation
//! and lints. Pure functions over bytes and text; `store` does the file system.

mod error;
pub mod escape;
pub mod preview;
mod read;
pub mod rules;
pub mod settings;
mod syntax;
mod validate;
mod write;

pub use error::{Pos, ReadError};
pub use read::{Parsed, SourceMap, nearest, parse_bytes, parse_bytes_unpositioned, parse_text};
pub use validate::{
    CONFLICT_RULE, Diagnostic, RULES, RuleLevel, Severity, conflicts, diagnostics, errors, rule,
};
pub use write::write;

use crate::model::JourneyMap;

/// A map that read and validated: what every command and the editor work on.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub map: JourneyMap,
    pub has_comments: bool,
}

/// Reads and validates: a file is accepted whole or rejected with its first error,
/// never half-loaded. Positions are recorded only for a map that fails validation
/// (it is read a second time to point at the error), which keeps opening a large
/// valid map fast.
pub fn load(bytes: &[u8]) -> Result<Loaded, ReadError> {
    let parsed = parse_bytes_unpositioned(bytes)?;
    if let Some(e) = errors(&parsed.map).into_iter().next() {
        let pos = parse_bytes(bytes)
            .map(|p| p.source.pos(e.path))
            .unwrap_or(Pos::START);
        return Err(ReadError::new(pos, e.message, None));
    }
    Ok(Loaded {
        map: parsed.map,
        has_comments: parsed.has_comments,
    })
}

/// `load` for text already in memory (the editor's `$EDITOR` round trip, tests).
pub fn load_str(text: &str) -> Result<Loaded, ReadError> {
    load(text.as_bytes())
}
