//! `cjm check`: validation errors and lints with their positions, for people and CI,
//! at the levels the team's `cjm.ron` sets (docs/format.md#team-rules).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::files;
use crate::format::rules::{self, Config};
use crate::format::{self, RULES, RuleLevel, Severity};
use crate::text::display;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Map files to check (`-` reads standard input).
    #[arg(required_unless_present = "explain")]
    pub files: Vec<PathBuf>,
    /// Output format: `sarif` is SARIF 2.1.0, for GitHub code scanning.
    #[arg(long, value_enum, default_value_t = Output::Text)]
    pub format: Output,
    /// Exit 1 on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Say why a rule exists and its default level; without RULE, list every rule.
    #[arg(long, value_name = "RULE", num_args = 0..=1, default_missing_value = "")]
    pub explain: Option<String>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    Text,
    Json,
    Sarif,
}

#[derive(Serialize)]
struct FileReport {
    file: String,
    /// False when the file could not be read at all (I/O trouble).
    readable: bool,
    /// The map loads: no validation error and no read error.
    valid: bool,
    /// Errors count the findings of rules at `deny`, validation errors included.
    errors: usize,
    warnings: usize,
    /// The `cjm.ron` whose levels applied, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    rules_file: Option<String>,
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
    if let Some(id) = &a.explain {
        return explain(id);
    }
    let mut configs = Configs::default();
    let mut reports = Vec::new();
    let mut bad_config = false;
    for f in &a.files {
        match configs.for_map(f) {
            Ok((config, rules_file)) => {
                let mut r = check_file(f, &config);
                r.rules_file = rules_file;
                reports.push(r);
            }
            Err(message) => {
                if !configs.reported(&message) {
                    eprintln!("cjm: {message}");
                }
                bad_config = true;
            }
        }
    }
    let trouble = bad_config || reports.iter().any(|r| !r.readable);
    let errors: usize = reports.iter().map(|r| r.errors).sum();
    let warnings: usize = reports.iter().map(|r| r.warnings).sum();
    match a.format {
        Output::Json => println!("{}", json_safe(&serde_json::to_string_pretty(&reports)?)),
        Output::Sarif => {
            let log = sarif(&reports, &configs);
            println!("{}", json_safe(&serde_json::to_string_pretty(&log)?));
            for r in reports.iter().filter(|r| !r.readable) {
                for d in &r.diagnostics {
                    eprintln!("cjm: {}", display(&format!("{}: {}", r.file, d.message)));
                }
            }
        }
        Output::Text => text(&reports),
    }
    Ok(if trouble {
        2
    } else if errors > 0 || (a.deny_warnings && warnings > 0) {
        1
    } else {
        0
    })
}

fn text(reports: &[FileReport]) {
    for r in reports {
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
            let verdict = if !r.valid {
                "invalid"
            } else if r
                .diagnostics
                .iter()
                .any(|d| d.code == format::CONFLICT_RULE)
            {
                "valid, but holds unresolved merge conflicts"
            } else if r.errors > 0 {
                "valid, but breaks the team's rules"
            } else {
                "valid"
            };
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

/// `--explain RULE`: the rationale and the default level; `--explain` alone lists
/// every rule. An unknown id is a usage mistake (exit 2) with the nearest id.
fn explain(id: &str) -> anyhow::Result<u8> {
    if id.is_empty() {
        for r in RULES {
            println!("{:<28} {:<5} {}", r.id, r.default.name(), r.rationale);
        }
        return Ok(0);
    }
    let Some(r) = format::rule(id) else {
        let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        let hint = format::nearest(id, &ids)
            .map(|n| format!(" (did you mean `{n}`?)"))
            .unwrap_or_default();
        anyhow::bail!(
            "unknown rule `{}`{hint}; `cjm check --explain` lists the rules",
            display(id)
        );
    };
    println!("{}: {}", r.id, r.rationale);
    if r.invalidates {
        println!("level: deny, always: a map that breaks it is invalid and does not load");
    } else if r.fixed {
        println!("level: deny, always: the map loads, but is not done until it is resolved");
    } else {
        println!(
            "level: {} by default; set it in cjm.ron: Config(rules: [(\"{}\", deny)])",
            r.default.name(),
            r.id
        );
    }
    Ok(0)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The `cjm.ron` files found so far, by folder, so that checking many maps in one
/// folder reads its rules once.
#[derive(Default)]
struct Configs {
    by_dir: HashMap<PathBuf, Result<(Config, Option<String>), String>>,
    printed: Vec<String>,
}

impl Configs {
    /// The rules for a map: the nearest `cjm.ron` in its folder or a parent (the
    /// current folder for standard input). Err is the positioned message of a
    /// `cjm.ron` that cannot be used.
    fn for_map(&mut self, map: &Path) -> Result<(Config, Option<String>), String> {
        let dir = if map.as_os_str() == "-" {
            PathBuf::from(".")
        } else {
            match map.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            }
        };
        let dir = std::path::absolute(&dir).unwrap_or(dir);
        if let Some(found) = self.by_dir.get(&dir) {
            return found.clone();
        }
        let found = find_config(&dir);
        self.by_dir.insert(dir, found.clone());
        found
    }

    /// True when this message was printed already (one bad `cjm.ron` shared by
    /// many maps is reported once).
    fn reported(&mut self, message: &str) -> bool {
        if self.printed.iter().any(|m| m == message) {
            return true;
        }
        self.printed.push(message.to_string());
        false
    }

    fn any_rules_file(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .by_dir
            .values()
            .filter_map(|f| f.as_ref().ok().and_then(|(_, p)| p.clone()))
            .collect();
        v.sort();
        v.dedup();
        v
    }
}

fn find_config(dir: &Path) -> Result<(Config, Option<String>), String> {
    for d in dir.ancestors() {
        let path = d.join(rules::FILE_NAME);
        if !path.is_file() {
            continue;
        }
        let shown = path.to_string_lossy().into_owned();
        let bytes = files::read(&path).map_err(|e| e.to_string())?.0;
        return match rules::parse_config(&bytes) {
            Ok(c) => Ok((c, Some(shown))),
            Err(e) => Err(e.located(&shown)),
        };
    }
    Ok((Config::default(), None))
}

fn check_file(path: &Path, config: &Config) -> FileReport {
    let file = path.to_string_lossy().into_owned();
    let mut report = FileReport {
        file,
        readable: true,
        valid: false,
        errors: 0,
        warnings: 0,
        rules_file: None,
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
            let mut invalid = false;
            for d in format::diagnostics(&parsed.map) {
                invalid |= d.severity == Severity::Error;
                let severity = match (d.severity, config.level(d.code)) {
                    (Severity::Error, _) | (_, RuleLevel::Deny) => Severity::Error,
                    (_, RuleLevel::Warn) => Severity::Warning,
                    (_, RuleLevel::Allow) => continue,
                };
                let pos = parsed.source.pos(d.path);
                match severity {
                    Severity::Error => report.errors += 1,
                    Severity::Warning => report.warnings += 1,
                }
                report.diagnostics.push(Item {
                    severity,
                    code: d.code,
                    line: pos.line,
                    col: pos.col,
                    message: d.message,
                });
            }
            report.valid = !invalid;
        }
    }
    report
}

/// SARIF 2.1.0 (one run, every rule described, one result per finding), which
/// GitHub code scanning turns into annotations on a pull request's lines.
/// Columns count characters, as `check`'s do, and the run says so.
fn sarif(reports: &[FileReport], configs: &Configs) -> serde_json::Value {
    use serde_json::json;
    let rules: Vec<serde_json::Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.id,
                "shortDescription": { "text": r.rationale },
                "fullDescription": { "text": r.rationale },
                "help": { "text": format!("cjm check --explain {}", r.id) },
                "defaultConfiguration": { "level": sarif_level(r.default) },
            })
        })
        .collect();
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for r in reports {
        for d in &r.diagnostics {
            let message = json!({ "text": d.message });
            if !r.readable {
                notifications.push(json!({
                    "level": "error",
                    "message": { "text": format!("{}: {}", r.file, d.message) },
                    "locations": [{ "physicalLocation": { "artifactLocation": artifact(&r.file) } }],
                }));
                continue;
            }
            let index = RULES.iter().position(|x| x.id == d.code);
            let mut result = json!({
                "ruleId": d.code,
                "level": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
                "message": message,
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": artifact(&r.file),
                        "region": { "startLine": d.line.max(1), "startColumn": d.col.max(1) },
                    }
                }],
            });
            if let (Some(i), Some(obj)) = (index, result.as_object_mut()) {
                obj.insert("ruleIndex".into(), json!(i));
            }
            results.push(result);
        }
    }
    let config_files: Vec<serde_json::Value> = configs
        .any_rules_file()
        .iter()
        .map(|f| artifact(f))
        .collect();
    let mut invocation = json!({
        "executionSuccessful": notifications.is_empty(),
        "toolExecutionNotifications": notifications,
    });
    if !config_files.is_empty()
        && let Some(obj) = invocation.as_object_mut()
    {
        obj.insert(
            "properties".into(),
            json!({ "cjmRulesFiles": config_files }),
        );
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "cjm",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

fn sarif_level(l: RuleLevel) -> &'static str {
    match l {
        RuleLevel::Allow => "none",
        RuleLevel::Warn => "warning",
        RuleLevel::Deny => "error",
    }
}

/// A relative path stays relative to the folder `check` ran in (GitHub resolves it
/// against the repository root, where CI runs); an absolute one becomes a
/// `file://` URI. Both are percent-encoded.
fn artifact(path: &str) -> serde_json::Value {
    let encoded = uri_encode(path);
    if path.starts_with('/') {
        serde_json::json!({ "uri": format!("file://{encoded}") })
    } else {
        let rel = encoded.strip_prefix("./").unwrap_or(&encoded).to_string();
        serde_json::json!({ "uri": rel, "uriBaseId": "%SRCROOT%" })
    }
}

fn uri_encode(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
