//! Exports (docs/architecture.md#outline-exports-and-imports): the map in the formats of people who never open a
//! terminal. Each format is one module with one pure function from a map to text;
//! `cli::export` does the files.

pub mod binary;
pub mod csv;
pub mod curve;
pub mod html;
pub mod json;
pub mod markdown;
pub mod mermaid;
pub mod pages;
pub mod palette;
pub mod pdf;
pub mod raster;
pub mod svg;
pub mod text;

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
    Pdf, // bytes, not text: `binary`
    Png, // bytes, not text: `binary`
}

impl Format {
    /// The text formats, each one pure function from a map to text.
    pub const ALL: [Format; 6] = [
        Format::Markdown,
        Format::Mermaid,
        Format::Csv,
        Format::Html,
        Format::Svg,
        Format::Json,
    ];
}

/// The map as text in `format`.
pub fn export(map: &JourneyMap, format: Format) -> String {
    match format {
        Format::Markdown => markdown::export(map),
        Format::Mermaid => mermaid::export(map),
        Format::Csv => csv::export(map),
        Format::Html => html::export(map),
        Format::Svg => svg::export(map),
        Format::Json => json::export(map),
        // Drawn from the SVG; `binary` makes their bytes.
        Format::Pdf | Format::Png => svg::export(map),
    }
}
