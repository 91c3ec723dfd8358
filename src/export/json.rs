//! JSON for other tools: the model with its own field names, plus the `format`
//! version of the RON file so a consumer can tell which contract it reads: the
//! same number the map file is written with, so `votes` (format 2) appears only
//! in a format 2 export, `impact` and `effort` (format 4) only when scored, and
//! `evidence` and citations (format 5) only when a map has them.
//! `SCHEMA` describes it (printed by `cjm schema`).

use std::io;

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use crate::text::is_bidi;

use crate::model::JourneyMap;

#[derive(Serialize)]
struct Versioned<'a> {
    format: u64,
    #[serde(flatten)]
    map: &'a JourneyMap,
}

/// Pretty-printed, with a final newline. Non-finite KPI numbers (which a valid map
/// never holds) come out as `null`, as serde_json writes them. Every control
/// character (C0, DEL, C1) and bidi mark in map text is written as `\uXXXX`:
/// the same data to any JSON reader, and inert on a terminal.
pub fn export(map: &JourneyMap) -> String {
    // The record of merge conflicts is left out of the JSON (it is not part of
    // the journey), so the version is the one the map has without it.
    let format = if map.conflicts.is_empty() {
        map.format_version()
    } else {
        JourneyMap {
            conflicts: Vec::new(),
            ..map.clone()
        }
        .format_version()
    };
    let v = Versioned { format, map };
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Inert::default());
    // Serializing plain structs of strings and numbers cannot fail; an empty object
    // is still valid JSON should it ever do so.
    let mut s = match v.serialize(&mut ser) {
        Ok(()) => String::from_utf8(out).unwrap_or_else(|_| "{}".into()),
        Err(_) => "{}".into(),
    };
    s.push('\n');
    s
}

/// Any value as pretty JSON with the same inert strings as the export, and a
/// final newline: for the commands' own JSON (`history`, `compare`), so one
/// escaping of map text serves every JSON cjm prints.
pub fn inert<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Inert::default());
    let mut s = match value.serialize(&mut ser) {
        Ok(()) => String::from_utf8(out).unwrap_or_else(|_| "{}".into()),
        Err(_) => "{}".into(),
    };
    s.push('\n');
    s
}

/// serde_json's pretty layout, with the string escapes it leaves out (it escapes
/// only C0, `"` and `\\`) added for DEL, C1 and bidi marks.
#[derive(Default)]
struct Inert(PrettyFormatter<'static>);

impl Formatter for Inert {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if c.is_control() || is_bidi(c) {
                w.write_all(fragment.get(start..i).unwrap_or_default().as_bytes())?;
                write!(w, "\\u{:04x}", c as u32)?;
                start = i + c.len_utf8();
            }
        }
        w.write_all(fragment.get(start..).unwrap_or_default().as_bytes())
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// JSON Schema (draft 2020-12) of `export`'s output, written by hand to say what
/// each field means.
pub const SCHEMA: &str = include_str!("journey-map.schema.json");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_escaped_and_reads_back_the_same() {
        let hostile = "a\u{1b}]0;x\u{7}b\rc\u{7f}d\u{85}e\u{9b}f\u{202e}g\u{2066}h";
        let map = JourneyMap::new(hostile, "P");
        let out = export(&map);
        assert!(
            out.contains(r#""a\u001b]0;x\u0007b\rc\u007fd\u0085e\u009bf\u202eg\u2066h""#),
            "{out}"
        );
        assert!(
            !out.chars()
                .any(|c| c.is_control() && c != '\n' || is_bidi(c))
        );
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back["title"], hostile);
    }
}
