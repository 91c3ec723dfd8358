//! `cjm check`: validation errors and lints with their positions, for people and CI.

use std::path::PathBuf;

use serde::Serialize;

use crate::files;
use crate::format::{self, Severity};
use crate::text::display;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Map files to check (`-` reads standard input).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Output::Text)]
    pub format: Output,
    /// Exit 1 on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    Text,
    Json,
}

#[derive(Serialize)]
struct FileReport {
    file: String,
    /// False when the file could not be read at all (I/O trouble).
    readable: bool,
    valid: bool,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<Item>,
}

#[derive(Serialize)]
struct Item {
    severity: Severity,
    code: &'static str,
    line: u32,
    col: u32,
    message: String,
}

pub fn run(a: Args) -> anyhow::Result<u8> {
    let reports: Vec<FileReport> = a.files.iter().map(|f| check_file(f)).collect();
    let trouble = reports.iter().any(|r| !r.readable);
    let errors: usize = reports.iter().map(|r| r.errors).sum();
    let warnings: usize = reports.iter().map(|r| r.warnings).sum();
    match a.format {
        Output::Json => println!("{}", json_safe(&serde_json::to_string_pretty(&reports)?)),
        Output::Text => {
            for r in &reports {
                for d in &r.diagnostics {
                    let sev = match d.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                    };
                    let line = format!(
                        "{}:{}:{}: {sev}[{}]: {}",
                        r.file, d.line, d.col, d.code, d.message
                    );
                    if r.readable {
                        println!("{}", display(&line));
                    } else {
                        eprintln!("cjm: {}", display(&format!("{}: {}", r.file, d.message)));
                    }
                }
                if r.readable {
                    let verdict = if r.valid { "valid" } else { "invalid" };
                    println!(
                        "{}: {verdict} ({} error{}, {} warning{})",
                        display(&r.file),
                        r.errors,
                        plural(r.errors),
                        r.warnings,
                        plural(r.warnings)
                    );
                }
            }
        }
    }
    Ok(if trouble {
        2
    } else if errors > 0 || (a.deny_warnings && warnings > 0) {
        1
    } else {
        0
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn check_file(path: &std::path::Path) -> FileReport {
    let file = path.to_string_lossy().into_owned();
    let mut report = FileReport {
        file,
        readable: true,
        valid: false,
        errors: 0,
        warnings: 0,
        diagnostics: Vec::new(),
    };
    let bytes = match files::read(path) {
        Ok((b, _)) => b,
        Err(e) => {
            report.readable = false;
            report.errors = 1;
            let message = e.reason();
            report.diagnostics.push(Item {
                severity: Severity::Error,
                code: "io",
                line: 0,
                col: 0,
                message,
            });
            return report;
        }
    };
    match format::parse_bytes(&bytes) {
        Err(e) => {
            let mut message = e.message.clone();
            if let Some(h) = &e.hint {
                message.push_str(&format!(" (hint: {h})"));
            }
            report.errors = 1;
            report.diagnostics.push(Item {
                severity: Severity::Error,
                code: "read",
                line: e.pos.line,
                col: e.pos.col,
                message,
            });
        }
        Ok(parsed) => {
            for d in format::diagnostics(&parsed.map) {
                let pos = parsed.source.pos(d.path);
                match d.severity {
                    Severity::Error => report.errors += 1,
                    Severity::Warning => report.warnings += 1,
                }
                report.diagnostics.push(Item {
                    severity: d.severity,
                    code: d.code,
                    line: pos.line,
                    col: pos.col,
                    message: d.message,
                });
            }
            report.valid = report.errors == 0;
        }
    }
    report
}

/// serde_json escapes control characters but not bidi marks; escape those too so
/// that JSON printed to a terminal cannot reorder what the reader sees.
fn json_safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if crate::text::is_bidi(c) || c.is_control() && c != '\n' {
                format!("\\u{:04x}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}
