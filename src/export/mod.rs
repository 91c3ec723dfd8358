//! Exports (docs/architecture.md#outline-exports-and-imports): the map in the formats of people who never open a
//! terminal. Each format is one module with one pure function from a map to text;
//! `cli::export` does the files.

pub mod csv;
pub mod curve;
pub mod html;
pub mod json;
pub mod markdown;
pub mod mermaid;
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
}

impl Format {
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
