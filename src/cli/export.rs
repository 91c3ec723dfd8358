//! `cjm export`: the map in another format, on stdout or into a file. JSON always
//! escapes control and bidi characters; CSV cannot, so on a terminal it shows them
//! as visible escapes and says that a file or a pipe gets the exact bytes. PDF
//! and PNG are bytes: never printed on a terminal, and a deck of PNG slides is
//! one file per slide.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::write_output;
use crate::export::binary::{self, Options};
use crate::export::pages::Paper;
use crate::export::raster::Logo;
use crate::export::{self, Format};
use crate::files;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The map file (`-` reads standard input).
    pub file: PathBuf,
    /// The format to write.
    #[arg(short, long, value_enum)]
    pub format: Format,
    /// Write here instead of standard output (atomically); `-` is standard output.
    /// Only a regular file is ever replaced. PNG slides: `-o deck.png` writes
    /// deck-01.png, deck-02.png, …
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Overwrite OUTPUT when it exists.
    #[arg(long)]
    pub force: bool,
    /// PDF: the paper, landscape (default a3).
    #[arg(long, value_enum, value_name = "SIZE")]
    pub page: Option<Paper>,
    /// PDF or PNG: a slide deck (16:9), an overview then one slide per stage.
    #[arg(long)]
    pub slides: bool,
    /// PDF or PNG: who prepared the map, on the title page (default: settings.ron's `author`).
    #[arg(long)]
    pub author: Option<String>,
    #[command(flatten)]
    pub persona: super::persona::PersonaArg,
}

pub fn run(a: Args) -> anyhow::Result<u8> {
    let binary = matches!(a.format, Format::Pdf | Format::Png);
    if !binary && (a.slides || a.page.is_some() || a.author.is_some()) {
        anyhow::bail!("--page, --slides and --author apply to --format pdf or png");
    }
    if a.page.is_some() && (a.slides || a.format == Format::Png) {
        anyhow::bail!("--page sets the paper of a PDF of the map; slides are always 16:9");
    }
    let (mut loaded, _, _) = files::load(&a.file)?;
    loaded.map = a.persona.apply(loaded.map, &a.file.to_string_lossy())?;
    // A deliverable made from a map that is not done must not pass unnoticed.
    if !loaded.map.conflicts.is_empty() {
        eprintln!(
            "cjm: warning: {} holds {} unresolved merge conflict(s); the export shows the version in place (ours) — resolve them in the editor first (x)",
            super::shown(&a.file),
            loaded.map.conflicts.len()
        );
    }
    if binary {
        return run_binary(&a, &loaded.map);
    }
    let to_stdout = a.output.as_deref().is_none_or(|o| o.as_os_str() == "-");
    // A workbook is bytes a terminal would show as garbage (and could be driven by).
    if a.format.is_binary() && to_stdout && std::io::stdout().is_terminal() {
        anyhow::bail!(
            "--format {} is a binary file; write it with -o FILE (or pipe it)",
            clap::ValueEnum::to_possible_value(&a.format)
                .map(|v| v.get_name().to_string())
                .unwrap_or_default()
        );
    }
    let mut text = export::export(&loaded.map, a.format);
    if a.format == Format::Csv
        && to_stdout
        && std::io::stdout().is_terminal()
        && let Some(safe) = std::str::from_utf8(&text)
            .ok()
            .and_then(export::csv::for_terminal)
    {
        text = safe.into_bytes();
        eprintln!(
            "cjm: note: control and bidi characters in the map are shown as escapes on this terminal; `-o FILE` or a pipe gives the exact bytes"
        );
    }
    write_output(a.output.as_deref(), a.force, &text)?;
    Ok(0)
}

fn run_binary(a: &Args, map: &crate::model::JourneyMap) -> anyhow::Result<u8> {
    let out = a.output.as_deref().filter(|o| o.as_os_str() != "-");
    let name = if a.format == Format::Pdf {
        "PDF"
    } else {
        "PNG"
    };
    if out.is_none() && std::io::stdout().is_terminal() {
        anyhow::bail!("{name} is binary: give -o FILE, or pipe it");
    }
    let (settings, warning) = crate::tui::session::Settings::load();
    if let Some(w) = warning {
        eprintln!("cjm: warning: {w}");
    }
    let options = Options {
        paper: a.page.unwrap_or_default(),
        slides: a.slides,
        author: a.author.clone().unwrap_or(settings.author),
        date: today(),
        logo: logo(&settings.logo),
    };
    if a.format == Format::Pdf {
        let bytes = binary::pdf(map, &options).map_err(|e| anyhow::anyhow!(e))?;
        write_output(out, a.force, &bytes)?;
        return Ok(0);
    }
    let images = binary::png(map, &options).map_err(|e| anyhow::anyhow!(e))?;
    if !a.slides {
        let image = images.first().map(Vec::as_slice).unwrap_or_default();
        write_output(out, a.force, image)?;
        return Ok(0);
    }
    let Some(out) = out else {
        anyhow::bail!(
            "PNG slides are one file per slide: give -o NAME.png (it writes NAME-01.png, NAME-02.png, …)"
        );
    };
    let names = slide_names(out, images.len());
    if !a.force
        && let Some(taken) = names.iter().find(|p| p.exists() || p.is_symlink())
    {
        anyhow::bail!(
            "{} already exists; nothing written (use --force to overwrite it)",
            super::shown(taken)
        );
    }
    for (path, image) in names.iter().zip(&images) {
        write_output(Some(path), a.force, image)?;
    }
    eprintln!(
        "cjm: wrote {} slides: {} … {}",
        names.len(),
        names.first().map(|p| super::shown(p)).unwrap_or_default(),
        names.last().map(|p| super::shown(p)).unwrap_or_default()
    );
    Ok(0)
}

/// `deck.png` → `deck-01.png`, `deck-02.png` …: numbered from 1, zero-padded to
/// two digits (more for a deck of 100 slides or more), so they sort in order.
pub fn slide_names(out: &Path, n: usize) -> Vec<PathBuf> {
    let stem = out
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "slide".into());
    let digits = n.to_string().len().max(2);
    (1..=n)
        .map(|i| out.with_file_name(format!("{stem}-{i:0digits$}.png")))
        .collect()
}

/// The logo named in the settings, read now; a logo that cannot be used is
/// named on stderr and the title page goes without it.
fn logo(setting: &str) -> Option<Logo> {
    if setting.is_empty() {
        return None;
    }
    let path = crate::store::config_dir()
        .map(|d| d.join(setting))
        .unwrap_or_else(|| PathBuf::from(setting));
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let read = || match std::fs::metadata(&path) {
        Ok(m) if m.is_file() && m.len() <= 16 * 1024 * 1024 => std::fs::read(&path).ok(),
        _ => None,
    };
    let logo = match ext.as_str() {
        "png" => read().map(Logo::Png),
        "svg" => read().map(Logo::Svg),
        _ => {
            eprintln!(
                "cjm: warning: logo {}: not a .png or .svg file; the title page has none",
                super::shown(&path)
            );
            return None;
        }
    };
    if logo.is_none() {
        eprintln!(
            "cjm: warning: logo {}: not a readable file of at most 16 MiB; the title page has none",
            super::shown(&path)
        );
    }
    logo
}

/// Today as `YYYY-MM-DD` (UTC), or the day of `SOURCE_DATE_EPOCH` when it is set,
/// so a build can make the same PDF twice.
fn today() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        });
    let (y, m, d) = civil(secs.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
/// `civil_from_days`).
fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(civil(19_723), (2024, 1, 1));
        assert_eq!(civil(11_016), (2000, 2, 29));
    }

    #[test]
    fn slide_names_sort() {
        let n = slide_names(Path::new("out/deck.png"), 3);
        assert_eq!(n[0], Path::new("out/deck-01.png"));
        assert_eq!(n[2], Path::new("out/deck-03.png"));
        assert_eq!(
            slide_names(Path::new("d.png"), 120)[0],
            Path::new("d-001.png")
        );
    }
}
