//! The command line: one module per subcommand. Exit codes: 0 yes, 1 the answer
//! is "no" (invalid map, not formatted, differs), 2 usage or I/O trouble; a
//! `files::FileError` carries which of 1 or 2 it is (`files::exit_code`).

mod blame;
mod check;
mod compare;
mod completions;
mod diff;
mod export;
mod fmt;
mod git_setup;
mod history;
mod import;
mod join;
mod merge;
mod new;
mod output;
pub mod persona;
mod present;
mod report;
mod review;
mod schema;
mod show;
mod templates;

/// The exit code for an error `run` returns: 1 when the answer is "no" (a map that
/// does not load), 2 for trouble. `main` asks here, so it imports `cli` only.
pub use crate::files::exit_code;

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::files::{FileError, io_reason, shown};
use crate::store;
use crate::text::display;

#[derive(Parser, Debug)]
#[command(
    name = "cjm",
    version,
    about = "Customer journey maps in the terminal, saved as canonical RON for git",
    args_conflicts_with_subcommands = true,
    arg_required_else_help = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Open this map in the editor (same as `cjm edit FILE`).
    pub file: Option<PathBuf>,
    /// Draw OTHER's emotion curve dimmed under the live one: a map file or a git
    /// blob such as `main:maps/x.ron` (`c` shows or hides it).
    #[arg(long, value_name = "OTHER", requires = "file")]
    pub compare: Option<OsString>,
    /// The name other sessions on the same map show for this one (default:
    /// `name` in settings.ron, else the login name).
    #[arg(long, value_name = "NAME", requires = "file")]
    pub name: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Open a map in the editor; a missing file is offered a template.
    Edit {
        /// The map file; when it does not exist, the editor offers to start it from
        /// a template.
        file: PathBuf,
        /// Draw OTHER's emotion curve dimmed under the live one: a map file or a
        /// git blob such as `main:maps/x.ron` (`c` shows or hides it).
        #[arg(long, value_name = "OTHER")]
        compare: Option<OsString>,
        /// The name other sessions on the same map show for this one (default:
        /// `name` in settings.ron, else the login name).
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
    },
    /// Write a new map from a template.
    New(new::Args),
    /// List the templates and their stages.
    Templates(templates::Args),
    /// Validate maps and report lints.
    Check(check::Args),
    /// Rewrite maps in canonical form, or report the ones that are not.
    Fmt(fmt::Args),
    /// Print a readable outline of a map (also git's textconv).
    Show(show::Args),
    /// Semantic diff of two maps (also git's external diff).
    Diff(diff::Args),
    /// A map's history in git: emotion per stage, pain points and optimizations per commit.
    History(history::Args),
    /// Who last changed each element of a map in git: commit, author, date.
    Blame(blame::Args),
    /// As-is against to-be: two maps' emotion curves, pain points and optimizations.
    Compare(compare::Args),
    /// Three-way merge into OURS (git's merge driver: `cjm merge %O %A %B`).
    Merge(merge::Args),
    /// Print, or with --write add, the git configuration for diff and merge.
    GitSetup(git_setup::Args),
    /// Show a map as slides, read-only: with --follow, live from the editor that has it open.
    Present(present::Args),
    /// Join a workshop on a map: add cards to the facilitator's stage and vote, live.
    Join(join::Args),
    /// Write a map as Markdown, Mermaid, CSV, HTML, SVG, JSON, PDF, PNG or an Excel workbook.
    Export(export::Args),
    /// Turn a Mermaid journey, a cjm CSV, an Excel workbook or an Enablement Map Studio file into a map.
    Import(import::Args),
    /// One report across many maps: action plan, pain points, KPIs, lowest moments.
    Report(report::Args),
    /// Print the JSON Schema of `export --format json`.
    Schema(schema::Args),
    /// Print shell completions.
    Completions(completions::Args),
}

impl Cli {
    /// True when this command line starts a full-screen program (the editor or
    /// the audience view), which notices a terminal that is gone by itself.
    pub fn opens_the_editor(&self) -> bool {
        matches!(
            (&self.command, &self.file),
            (
                Some(Command::Edit { .. } | Command::Present(_) | Command::Join(_)),
                _
            ) | (None, Some(_))
        )
    }
}

/// Runs the command and returns the exit code; errors are reported by `main`.
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    match (cli.command, cli.file) {
        (
            Some(Command::Edit {
                file,
                compare,
                name,
            }),
            _,
        ) => edit(&file, compare.as_deref(), name),
        (None, Some(file)) => edit(&file, cli.compare.as_deref(), cli.name),
        (Some(Command::New(a)), _) => new::run(a),
        (Some(Command::Templates(a)), _) => templates::run(a),
        (Some(Command::Check(a)), _) => check::run(a),
        (Some(Command::Fmt(a)), _) => fmt::run(a),
        (Some(Command::Show(a)), _) => show::run(a),
        (Some(Command::Diff(a)), _) => diff::run(a),
        (Some(Command::History(a)), _) => history::run(a),
        (Some(Command::Blame(a)), _) => blame::run(a),
        (Some(Command::Compare(a)), _) => compare::run(a),
        (Some(Command::Merge(a)), _) => merge::run(a),
        (Some(Command::GitSetup(a)), _) => git_setup::run(a),
        (Some(Command::Present(a)), _) => present::run(a),
        (Some(Command::Join(a)), _) => join::run(a),
        (Some(Command::Export(a)), _) => export::run(a),
        (Some(Command::Import(a)), _) => import::run(a),
        (Some(Command::Report(a)), _) => report::run(a),
        (Some(Command::Schema(a)), _) => schema::run(a),
        (Some(Command::Completions(a)), _) => completions::run(a),
        (None, None) => Ok(2),
    }
}

/// Starts the editor. The `--compare` map is loaded first, so that a bad OTHER
/// is reported (exit 2) before the terminal is touched.
fn edit(file: &Path, compare: Option<&OsStr>, name: Option<String>) -> anyhow::Result<u8> {
    let compare = match compare {
        Some(spec) => Some(comparison(spec)?),
        None => None,
    };
    crate::tui::run(file, compare, name)
}

/// OTHER of `--compare`, read as `cjm diff` and `cjm compare` read a side.
fn comparison(spec: &OsStr) -> anyhow::Result<crate::tui::app::Comparison> {
    let label = spec.to_string_lossy().into_owned();
    // Standard input is where a person types; `/dev/null` has no curve to show.
    if spec == "-" || spec == "/dev/null" {
        anyhow::bail!(
            "--compare {}: give a map file or a git blob such as HEAD:maps/x.ron",
            display(&label)
        );
    }
    // The reader's message names OTHER already (`PATH:LINE:COL`, the revision).
    let map = diff::side(spec).map_err(|e| anyhow::anyhow!("--compare: {e:#}"))?;
    Ok(crate::tui::app::Comparison::new(label, map))
}

/// Prints `bytes` to stdout (no `out`, or `-`), or saves it atomically to `out`.
/// An existing `out` is left untouched unless `force`, and even then only a
/// regular file is replaced (exit 2: the user asked for something unsafe).
pub fn write_output(
    out: Option<&Path>,
    force: bool,
    bytes: impl AsRef<[u8]>,
) -> anyhow::Result<()> {
    let bytes = bytes.as_ref();
    let Some(out) = out.filter(|o| o.as_os_str() != "-") else {
        use std::io::Write;
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(bytes)
            .and_then(|()| stdout.flush())
            .map_err(|e| anyhow::anyhow!("standard output: {}", io_reason(&e)))?;
        return Ok(());
    };
    if !force && (out.exists() || out.is_symlink()) {
        anyhow::bail!(
            "{} already exists; nothing written (use --force to overwrite it)",
            shown(out)
        );
    }
    store::save(out, bytes).map_err(|e| FileError::io(out, e))?;
    Ok(())
}

/// `PATH:LINE:COL: error[conflict]: …` for each merge conflict recorded in a map,
/// as `check` prints them, for the commands that refuse a map that is not done.
pub fn conflict_lines(name: &Path, bytes: &[u8], map: &crate::model::JourneyMap) -> Vec<String> {
    if map.conflicts.is_empty() {
        return Vec::new();
    }
    let source = crate::format::parse_bytes(bytes)
        .map(|p| p.source)
        .unwrap_or_default();
    crate::format::conflicts(map)
        .into_iter()
        .map(|d| {
            let pos = source.pos(d.path);
            display(&format!(
                "{}:{}:{}: error[{}]: {}",
                name.to_string_lossy(),
                pos.line,
                pos.col,
                d.code,
                d.message
            ))
            .into_owned()
        })
        .collect()
}

/// True for text that starts as a map does (after comments and attributes), so
/// a broken map is still reviewed while other `.ron` files are not.
pub(super) fn looks_like_map(bytes: &[u8]) -> bool {
    let head = bytes.get(..4096).unwrap_or(bytes);
    let text = String::from_utf8_lossy(head);
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//") && !l.starts_with("#!"))
        .map(|l| l.starts_with("JourneyMap"))
        .next()
        .unwrap_or(false)
}
