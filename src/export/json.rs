//! JSON for other tools: the model with its own field names, plus the `format`
//! version of the RON file so a consumer can tell which contract it reads.
//! `SCHEMA` describes it (printed by `cjm schema`).

use serde::Serialize;

use crate::model::{FORMAT_VERSION, JourneyMap};

#[derive(Serialize)]
struct Versioned<'a> {
    format: u64,
    #[serde(flatten)]
    map: &'a JourneyMap,
}

/// Pretty-printed, with a final newline. Non-finite KPI numbers (which a valid map
/// never holds) come out as `null`, as serde_json writes them.
pub fn export(map: &JourneyMap) -> String {
    let v = Versioned {
        format: FORMAT_VERSION,
        map,
    };
    // Serializing plain structs of strings and numbers cannot fail; an empty object
    // is still valid JSON should it ever do so.
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// JSON Schema (draft 2020-12) of `export`'s output, written by hand to say what
/// each field means.
pub const SCHEMA: &str = include_str!("journey-map.schema.json");
