//! `cjm new`: a map from a template, written through the canonical writer.

use std::path::PathBuf;

use anyhow::bail;

use super::shown;
use crate::format;
use crate::model::templates;
use crate::store;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The map file to create.
    pub file: PathBuf,
    /// Stage framework (see `cjm templates`).
    #[arg(short, long, default_value = "five-stage", value_parser = clap::builder::PossibleValuesParser::new(templates::names()))]
    pub template: String,
    /// The map's title (default: from the file name).
    #[arg(long)]
    pub title: Option<String>,
    /// The persona's name; give it again for each further persona (a map of
    /// several personas is format 7).
    #[arg(long, default_value = "Primary persona")]
    pub persona: Vec<String>,
    /// Overwrite an existing file (only ever a regular file).
    #[arg(short, long)]
    pub force: bool,
}

pub fn run(a: Args) -> anyhow::Result<u8> {
    let Some(template) = templates::find(&a.template) else {
        bail!("unknown template `{}`; see `cjm templates`", a.template);
    };
    // `exists` follows symlinks: a link to a missing file would "not exist",
    // and the save would replace the link itself.
    if let Ok(meta) = std::fs::symlink_metadata(&a.file)
        && !a.force
    {
        let what = if meta.file_type().is_symlink() && !a.file.exists() {
            " (a symlink to a file that does not exist)"
        } else {
            ""
        };
        bail!(
            "{} already exists{what}; nothing written (use --force to overwrite it)",
            shown(&a.file)
        );
    }
    let title = a.title.unwrap_or_else(|| title_from(&a.file));
    let mut names = a.persona.iter().map(|p| crate::text::sanitize_input(p));
    let first = names.next().unwrap_or_default();
    let mut map = template.instantiate(&crate::text::sanitize_input(&title), &first);
    for name in names {
        map.add_persona(&name);
    }
    if let Some(e) = format::errors(&map).first() {
        bail!("{}", crate::text::display(&e.message));
    }
    store::save(&a.file, format::write(&map).as_bytes())
        .map_err(|e| crate::files::FileError::io(&a.file, e))?;
    let stages: Vec<_> = map.stages.iter().map(|s| s.name.as_str()).collect();
    println!(
        "wrote {} ({}: {})",
        shown(&a.file),
        template.name,
        stages.join(" → ")
    );
    Ok(0)
}

fn title_from(path: &std::path::Path) -> String {
    templates::title_from_stem(
        &path
            .file_stem()
            .map(|s| s.to_string_lossy())
            .unwrap_or_default(),
    )
}
