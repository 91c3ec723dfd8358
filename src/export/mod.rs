//! Exports (docs/architecture.md#outline-exports-and-imports): the map in the formats of people who never open a
//! terminal. Each format is one module with one pure function from a map to text
//! (or, for a workbook, to bytes); `cli::export` does the files.

pub mod binary;
pub mod csv;
pub mod curve;
pub mod evidence;
pub mod html;
pub mod json;
pub mod markdown;
pub mod mermaid;
pub mod pages;
pub mod palette;
pub mod pdf;
pub mod personas;
pub mod raster;
pub mod svg;
pub mod text;
pub mod xlsx;

use crate::model::JourneyMap;

/// The formats `cjm export --format` offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Markdown,
    Mermaid,
    Csv,
    Html,
    Svg,
    Json,
    Xlsx,
    Pdf, // drawn from the SVG: `binary`
    Png, // drawn from the SVG: `binary`
}

impl Format {
    /// The text formats (UTF-8, safe on a terminal): every format but the binary
    /// ones, which `is_binary` names.
    pub const ALL: [Format; 6] = [
        Format::Markdown,
        Format::Mermaid,
        Format::Csv,
        Format::Html,
        Format::Svg,
        Format::Json,
    ];

    /// True for a format whose file is not text (a workbook, a PDF, a PNG).
    pub fn is_binary(self) -> bool {
        !Format::ALL.contains(&self)
    }
}

/// The map as a file in `format`: UTF-8 text, or a binary format's bytes.
pub fn export(map: &JourneyMap, format: Format) -> Vec<u8> {
    match format {
        Format::Markdown => markdown::export(map).into_bytes(),
        Format::Mermaid => mermaid::export(map).into_bytes(),
        Format::Csv => csv::export(map).into_bytes(),
        Format::Html => html::export(map).into_bytes(),
        Format::Svg => svg::export(map).into_bytes(),
        Format::Json => json::export(map).into_bytes(),
        Format::Xlsx => xlsx::export(map),
        // Their pages need options (paper, slides, author, logo): `binary`
        // makes their bytes from this SVG.
        Format::Pdf | Format::Png => svg::export(map).into_bytes(),
    }
}

/// The framework a reader of a client export is told about: one a person
/// wrote into the map. The name of the template the map started from (which
/// `cjm new` and the editor record, so that the editor can show its prompts)
/// is cjm's bookkeeping, which nobody chose to show a client.
pub fn chosen_framework(map: &JourneyMap) -> Option<&str> {
    let f = map.framework.as_str();
    (!f.is_empty() && !crate::model::templates::is_template(f)).then_some(f)
}
