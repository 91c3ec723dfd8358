//! `cjm check`: validation errors and lints with their positions, for people and CI,
//! at the levels the team's `cjm.ron` sets (docs/format.md#team-rules).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::export::json::inert;
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
    /// `map`, or `rules` for a team's `cjm.ron` named among the maps (its own
    /// mistakes are listed like a map's, with the rule id `read`).
    kind: &'static str,
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

/// A `cjm.ron` that cannot be used: the maps under it are not checked (exit 2),
/// and a SARIF run says it did not finish rather than "no findings".
#[derive(Clone, Debug, PartialEq)]
struct BadRules {
    /// The file as shown to the user.
    file: String,
    /// 0 when the trouble has no position (the file could not be read).
    line: u32,
    col: u32,
    /// The whole line for standard error: `PATH:LINE:COL: message` or `PATH: reason`.
    message: String,
}

pub fn run(a: Args) -> anyhow::Result<u8> {
    if let Some(id) = &a.explain {
        return explain(id);
    }
    let mut configs = Configs::default();
    let mut reports = Vec::new();
    let mut bad_rules: Vec<BadRules> = Vec::new();
    // Lines already on standard error: a `cjm.ron` that cannot be read, named
    // among the maps and found above them, is told once.
    let mut said: Vec<String> = Vec::new();
    let mut say = |line: String| {
        if !said.contains(&line) {
            eprintln!("cjm: {}", display(&line));
            said.push(line);
        }
    };
    for f in &a.files {
        match check_one(f, &mut configs) {
            Ok(r) => {
                if !r.readable {
                    for d in &r.diagnostics {
                        say(format!("{}: {}", r.file, d.message));
                    }
                }
                reports.push(r);
            }
            Err(bad) => {
                if !bad_rules.contains(&bad) {
                    say(bad.message.clone());
                    bad_rules.push(bad);
                }
            }
        }
    }
    let trouble = !bad_rules.is_empty() || reports.iter().any(|r| !r.readable);
    let errors: usize = reports.iter().map(|r| r.errors).sum();
    let warnings: usize = reports.iter().map(|r| r.warnings).sum();
    match a.format {
        Output::Json => print!("{}", inert(&reports)),
        Output::Sarif => {
            let log = sarif(&reports, &bad_rules, &configs);
            print!("{}", inert(&log));
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

/// One file named on the command line: a team's rules (by its name, or by a
/// `Config(` root) are validated as rules; anything else is a map, checked at the
/// levels of the nearest `cjm.ron`. Err is a `cjm.ron` that cannot be used, so
/// the map was not checked.
fn check_one(path: &Path, configs: &mut Configs) -> Result<FileReport, BadRules> {
    let file = path.to_string_lossy().into_owned();
    if path.as_os_str() != "-" && path.file_name().is_some_and(|n| n == rules::FILE_NAME) {
        // Read as `check` reads the rules it applies: never a FIFO or a folder.
        return Ok(match read_rules(path, &file) {
            Ok(_) => rules_report(file, None),
            Err(bad) if bad.line == 0 => unreadable(file, "rules", bad_reason(&bad)),
            Err(bad) => rules_report(file, Some(bad)),
        });
    }
    let bytes = match files::read(path) {
        Ok((b, _)) => b,
        Err(e) => return Ok(unreadable(file, "map", e.reason())),
    };
    if rules::is_rules_file(path, &bytes) {
        let verdict = rules::parse_config(&bytes).err().map(|e| BadRules {
            file: file.clone(),
            line: e.pos.line,
            col: e.pos.col,
            message: e.located(&file),
        });
        return Ok(rules_report(file, verdict));
    }
    let (config, rules_file) = configs.for_map(path)?;
    let mut r = check_map(file, &bytes, &config);
    r.rules_file = rules_file;
    Ok(r)
}

/// The reason part of an unpositioned `PATH: reason`.
fn bad_reason(bad: &BadRules) -> String {
    bad.message
        .strip_prefix(&format!("{}: ", bad.file))
        .unwrap_or(&bad.message)
        .to_string()
}

fn unreadable(file: String, kind: &'static str, message: String) -> FileReport {
    FileReport {
        file,
        kind,
        readable: false,
        valid: false,
        errors: 1,
        warnings: 0,
        rules_file: None,
        diagnostics: vec![Item {
            severity: Severity::Error,
            code: "io",
            line: 0,
            col: 0,
            message,
        }],
    }
}

/// A team's rules named among the maps: valid, or its first mistake at its
/// position under the rule id `read`, as a map that does not read.
fn rules_report(file: String, mistake: Option<BadRules>) -> FileReport {
    let diagnostics: Vec<Item> = mistake
        .iter()
        .map(|bad| Item {
            severity: Severity::Error,
            code: "read",
            line: bad.line,
            col: bad.col,
            message: bad
                .message
                .strip_prefix(&format!("{}:{}:{}: ", bad.file, bad.line, bad.col))
                .unwrap_or(&bad.message)
                .to_string(),
        })
        .collect();
    FileReport {
        file,
        kind: "rules",
        readable: true,
        valid: diagnostics.is_empty(),
        errors: diagnostics.len(),
        warnings: 0,
        rules_file: None,
        diagnostics,
    }
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
            // An unreadable file was told on standard error as it was met.
            if r.readable {
                println!("{}", display(&line));
            }
        }
        if r.readable && r.kind == "rules" {
            let verdict = if r.valid {
                "valid team rules"
            } else {
                "invalid team rules (1 error)"
            };
            println!("{}: {verdict}", display(&r.file));
        } else if r.readable {
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
    by_dir: HashMap<PathBuf, Result<(Config, Option<String>), BadRules>>,
}

impl Configs {
    /// The rules for a map: the nearest `cjm.ron` in its folder or a parent (the
    /// current folder for standard input). Err is a `cjm.ron` that cannot be used.
    fn for_map(&mut self, map: &Path) -> Result<(Config, Option<String>), BadRules> {
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

/// The nearest `cjm.ron` at or above `dir`. Anything under that name counts as
/// found, so a folder, a FIFO, a device or a broken symbolic link there is an
/// error rather than a silent fall back to the defaults (or a parent's rules).
fn find_config(dir: &Path) -> Result<(Config, Option<String>), BadRules> {
    for d in dir.ancestors() {
        let path = d.join(rules::FILE_NAME);
        let shown = shown_rules_path(&path);
        match std::fs::symlink_metadata(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(unpositioned(&shown, &files::io_reason(&e))),
            Ok(_) => {}
        }
        return read_rules(&path, &shown).map(|c| (c, Some(shown)));
    }
    Ok((Config::default(), None))
}

/// A `cjm.ron` under the current folder is named relative to it, as the maps
/// usually are; one above it by its absolute path, so a person can open it.
fn shown_rules_path(path: &Path) -> String {
    let rel = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
    rel.unwrap_or_else(|| path.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

fn unpositioned(shown: &str, reason: &str) -> BadRules {
    BadRules {
        file: shown.to_string(),
        line: 0,
        col: 0,
        message: format!("{shown}: {reason}"),
    }
}

/// Reads a team's rules. The file type is looked at before anything is opened:
/// opening a FIFO would wait for a writer forever.
fn read_rules(path: &Path, shown: &str) -> Result<Config, BadRules> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let reason = if std::fs::symlink_metadata(path).is_ok() {
                "a symbolic link to nothing; team rules are not read from it"
            } else {
                "no such file"
            };
            return Err(unpositioned(shown, reason));
        }
        Err(e) => {
            let reason = if is_loop(&e) {
                "a loop of symbolic links".to_string()
            } else {
                files::io_reason(&e)
            };
            return Err(unpositioned(
                shown,
                &format!("{reason}; team rules are not read from it"),
            ));
        }
    };
    if let Some(kind) = files::not_a_file(&meta) {
        return Err(unpositioned(
            shown,
            &format!("is {kind}, not a regular file; team rules are not read from it"),
        ));
    }
    let bytes = files::read(path)
        .map_err(|e| unpositioned(shown, &e.reason()))?
        .0;
    rules::parse_config(&bytes).map_err(|e| BadRules {
        file: shown.to_string(),
        line: e.pos.line,
        col: e.pos.col,
        message: e.located(shown),
    })
}

fn is_loop(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

fn check_map(file: String, bytes: &[u8], config: &Config) -> FileReport {
    let mut report = FileReport {
        file,
        kind: "map",
        readable: true,
        valid: false,
        errors: 0,
        warnings: 0,
        rules_file: None,
        diagnostics: Vec::new(),
    };
    match format::parse_bytes(bytes) {
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
            for d in one_alert_each(format::diagnostics(&parsed.map), config) {
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

/// A high-severity pain point without an optimization breaks two rules, but it is
/// one problem: when the team has switched the high rule on, it alone reports
/// that pain point (one line, one SARIF alert), and the general rule keeps
/// reporting the others (docs/format.md#lints).
fn one_alert_each(all: Vec<format::Diagnostic>, config: &Config) -> Vec<format::Diagnostic> {
    const GENERAL: &str = "unaddressed-pain-point";
    const HIGH: &str = "unaddressed-high-pain-point";
    if config.level(HIGH) == RuleLevel::Allow {
        return all;
    }
    let high: Vec<_> = all
        .iter()
        .filter(|d| d.code == HIGH)
        .map(|d| d.path)
        .collect();
    all.into_iter()
        .filter(|d| !(d.code == GENERAL && high.contains(&d.path)))
        .collect()
}

/// SARIF 2.1.0 (one run, every rule described, one result per finding), which
/// GitHub code scanning turns into annotations on a pull request's lines.
/// Columns count characters, as `check`'s do, and the run says so. A run that
/// could not check everything says `executionSuccessful: false` and why: an
/// upload of "no results, all fine" would close every open alert.
fn sarif(reports: &[FileReport], bad_rules: &[BadRules], configs: &Configs) -> serde_json::Value {
    use serde_json::json;
    let root = SourceRoot::find();
    let rules: Vec<serde_json::Value> = RULES
        .iter()
        .map(|r| {
            let level = if r.invalidates {
                "always deny (the map does not load)".to_string()
            } else {
                format!("{} by default; set it in cjm.ron", r.default.name())
            };
            json!({
                "id": r.id,
                "name": r.id,
                "shortDescription": { "text": r.rationale },
                "fullDescription": { "text": r.rationale },
                "help": {
                    "text": format!("{} Level: {level}. `cjm check --explain {}` says the same.", r.rationale, r.id),
                    "markdown": format!("{}\n\nLevel: {level}. `cjm check --explain {}` says the same.", r.rationale, r.id),
                },
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
                    "message": { "text": format!("{}: {}; not checked", r.file, d.message) },
                    "locations": [{ "physicalLocation": { "artifactLocation": root.artifact(&r.file) } }],
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
                        "artifactLocation": root.artifact(&r.file),
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
    for bad in bad_rules {
        let mut location = json!({ "artifactLocation": root.artifact(&bad.file) });
        if bad.line > 0
            && let Some(obj) = location.as_object_mut()
        {
            obj.insert(
                "region".into(),
                json!({ "startLine": bad.line, "startColumn": bad.col.max(1) }),
            );
        }
        notifications.push(json!({
            "level": "error",
            "message": { "text": format!("{}; the maps under it were not checked", bad.message) },
            "locations": [{ "physicalLocation": location }],
        }));
    }
    let config_files: Vec<serde_json::Value> = configs
        .any_rules_file()
        .iter()
        .map(|f| root.artifact(f))
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
            "originalUriBaseIds": {
                "%SRCROOT%": { "uri": root.uri },
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

/// What SARIF's `%SRCROOT%` stands for: the top of the git repository the
/// current folder is in (where code scanning resolves paths), or the current
/// folder outside a repository. Every file under it is named relative to it,
/// whatever folder `check` ran in and however the file was named.
struct SourceRoot {
    cwd: PathBuf,
    /// Real path (symbolic links resolved), so that it compares with the files'.
    dir: PathBuf,
    /// `file:///…/`, with the final slash a base URI needs.
    uri: String,
}

impl SourceRoot {
    fn find() -> SourceRoot {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
        let top = crate::git::Repo::discover(&cwd)
            .map(|r| r.root)
            .unwrap_or_else(|_| cwd.clone());
        let dir = top.canonicalize().unwrap_or(top);
        let mut uri = format!("file://{}", uri_encode(&dir.to_string_lossy()));
        if !uri.ends_with('/') {
            uri.push('/');
        }
        SourceRoot { cwd, dir, uri }
    }

    /// A file under the root is `{"uri": "maps/x.ron", "uriBaseId": "%SRCROOT%"}`;
    /// one outside it (or standard input) keeps an absolute `file://` URI.
    fn artifact(&self, file: &str) -> serde_json::Value {
        if file == "-" {
            return serde_json::json!({ "uri": "stdin" });
        }
        let real = real_path(&self.cwd.join(file));
        match real.strip_prefix(&self.dir) {
            Ok(rel) => {
                let parts: Vec<String> = rel
                    .components()
                    .map(|c| uri_encode(&c.as_os_str().to_string_lossy()))
                    .collect();
                serde_json::json!({ "uri": parts.join("/"), "uriBaseId": "%SRCROOT%" })
            }
            Err(_) => serde_json::json!({
                "uri": format!("file://{}", uri_encode(&real.to_string_lossy()))
            }),
        }
    }
}

/// The path without `.` and `..`, its folder's symbolic links resolved (the file
/// itself keeps its own name: a linked map is reported where it is named).
fn real_path(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    match (out.parent(), out.file_name()) {
        (Some(dir), Some(name)) => dir
            .canonicalize()
            .map(|d| d.join(name))
            .unwrap_or(out.clone()),
        _ => out,
    }
}

fn sarif_level(l: RuleLevel) -> &'static str {
    match l {
        RuleLevel::Allow => "none",
        RuleLevel::Warn => "warning",
        RuleLevel::Deny => "error",
    }
}

/// What a path keeps as it is in a URI: RFC 3986's unreserved characters and the
/// separator; every other byte is percent-encoded.
const URI_PATH: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

fn uri_encode(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, URI_PATH).to_string()
}

#[cfg(test)]
mod tests {
    use super::uri_encode;

    #[test]
    fn sarif_uris_percent_encode_every_byte_but_the_unreserved() {
        assert_eq!(
            uri_encode("/home/a b/café #1/x~y_z-1.ron"),
            "/home/a%20b/caf%C3%A9%20%231/x~y_z-1.ron"
        );
        assert_eq!(uri_encode("100%"), "100%25");
    }
}
