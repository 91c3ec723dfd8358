//! The editor's modules import each other in one direction only: state in
//! leaves, geometry above state, drawing above geometry, and the update loop
//! on top. A circle makes every change ripple through the files in it, so this
//! test reads the `use` lines (and inline `super::`/`crate::tui::` paths) of
//! every file under src/tui and fails on any circle, between files or between
//! folders, and on any drawing module that reaches into `update`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The module path of a file under src/tui, e.g. `["view", "card"]`.
fn module_of(root: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(root).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file without its unit tests (they sit at the end, after
/// `#[cfg(test)]`, and `use super::*` there names the file itself) and without
/// comments.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// Every path this code names, relative to the editor's root, as a list of
/// segments (only the segments that could be modules).
fn paths(module: &[String], code: &str, children: &BTreeSet<String>) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < code.len() {
        if !code.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let rest = &code[i..];
        let prev_ok = i == 0
            || !(bytes[i - 1].is_ascii_alphanumeric()
                || bytes[i - 1] == b'_'
                || bytes[i - 1] == b':');
        if !prev_ok {
            i += 1;
            continue;
        }
        let (base, skip): (Option<Vec<String>>, usize) = if rest.starts_with("crate::tui::") {
            (Some(Vec::new()), "crate::tui::".len())
        } else if rest.starts_with("super::") {
            // A file `a/b.rs` is module a::b; its super is a. A `mod.rs` is the
            // module of its folder; its super is the folder's parent.
            let mut base = module.to_vec();
            let mut skip = 0;
            let mut r = rest;
            while r.starts_with("super::") {
                base.pop();
                skip += "super::".len();
                r = &r["super::".len()..];
            }
            (Some(base), skip)
        } else if let Some(used) = rest.strip_prefix("use ") {
            // `use child::...` inside a folder's mod.rs.
            let name = ident_at(used);
            if children.contains(name) && used[name.len()..].starts_with("::") {
                let mut p = module.to_vec();
                p.push(name.to_string());
                out.push(p);
            }
            i += 4;
            continue;
        } else {
            i += 1;
            continue;
        };
        let base = base.unwrap();
        let after = &rest[skip..];
        if after.starts_with('{') {
            // A group: `{a, b::c, d::{e}}` — each first segment.
            let mut depth = 0;
            let mut start = true;
            for (j, c) in after.char_indices() {
                match c {
                    '{' => {
                        depth += 1;
                        start = depth == 1;
                    }
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => start = true,
                    c if start && depth == 1 && (c.is_ascii_alphabetic() || c == '_') => {
                        let name = ident_at(&after[j..]);
                        let mut p = base.clone();
                        p.push(name.to_string());
                        out.push(p);
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            let mut p = base.clone();
            let mut r = after;
            loop {
                let name = ident_at(r);
                if name.is_empty() {
                    break;
                }
                p.push(name.to_string());
                r = &r[name.len()..];
                if let Some(n) = r.strip_prefix("::") {
                    r = n;
                } else {
                    break;
                }
            }
            out.push(p);
        }
        i += skip.max(1);
    }
    out
}

/// The module graph: each file's module → the modules it names.
fn graph() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
    let mut list = Vec::new();
    files(&root, &mut list);
    let modules: BTreeSet<Vec<String>> = list.iter().map(|f| module_of(&root, f)).collect();
    let mut g = BTreeMap::new();
    for f in &list {
        let m = module_of(&root, f);
        let children: BTreeSet<String> = modules
            .iter()
            .filter(|c| c.len() == m.len() + 1 && c.starts_with(&m))
            .map(|c| c[m.len()].clone())
            .collect();
        let text = std::fs::read_to_string(f).unwrap();
        let mut deps = BTreeSet::new();
        for p in paths(&m, &code(&text), &children) {
            // The longest prefix that is a module of the editor.
            let target = (1..=p.len())
                .rev()
                .map(|n| p[..n].to_vec())
                .find(|q| modules.contains(q));
            if let Some(t) = target.filter(|t| *t != m && !m.starts_with(t)) {
                deps.insert(t);
            }
        }
        g.insert(m, deps);
    }
    g
}

fn cycle(g: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Option<Vec<Vec<String>>> {
    fn visit(
        n: &Vec<String>,
        g: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        state: &mut BTreeMap<Vec<String>, u8>,
        stack: &mut Vec<Vec<String>>,
    ) -> Option<Vec<Vec<String>>> {
        match state.get(n) {
            Some(2) => return None,
            Some(1) => {
                let at = stack.iter().position(|s| s == n).unwrap_or(0);
                let mut c = stack[at..].to_vec();
                c.push(n.clone());
                return Some(c);
            }
            _ => {}
        }
        state.insert(n.clone(), 1);
        stack.push(n.clone());
        for d in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(d, g, state, stack) {
                return Some(c);
            }
        }
        stack.pop();
        state.insert(n.clone(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in g.keys() {
        if let Some(c) = visit(n, g, &mut state, &mut Vec::new()) {
            return Some(c);
        }
    }
    None
}

fn show(c: &[Vec<String>]) -> String {
    c.iter()
        .map(|m| m.join("/"))
        .collect::<Vec<_>>()
        .join(" → ")
}

#[test]
fn no_file_of_the_editor_imports_itself_through_a_circle() {
    let g = graph();
    assert!(g.len() > 10, "the test found the editor's files: {g:?}");
    if let Some(c) = cycle(&g) {
        panic!("import circle: {}", show(&c));
    }
}

#[test]
fn no_folder_of_the_editor_imports_itself_through_a_circle() {
    // Each folder under src/tui counts as one node (its files together).
    let top = |m: &Vec<String>| m.iter().take(1).cloned().collect::<Vec<_>>();
    let mut folders: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (m, deps) in graph() {
        let from = top(&m);
        let entry = folders.entry(from.clone()).or_default();
        for d in deps {
            let to = top(&d);
            if to != from {
                entry.insert(to);
            }
        }
    }
    if let Some(c) = cycle(&folders) {
        panic!("import circle between folders: {}", show(&c));
    }
}

#[test]
fn drawing_never_reaches_into_the_update_loop() {
    for (m, deps) in graph() {
        if m.first().is_some_and(|f| f == "view") {
            for d in deps {
                assert!(
                    d.first().is_none_or(|f| f != "update" && f != "run"),
                    "{} imports {}: drawing must not change state",
                    m.join("/"),
                    d.join("/")
                );
            }
        }
    }
}

#[test]
fn the_graph_reader_sees_grouped_and_inline_paths() {
    let children = BTreeSet::new();
    let m = vec!["view".to_string(), "card".to_string()];
    let p = paths(
        &m,
        "use super::{paint::{a, b}, grid};\nlet x = crate::tui::app::App::new();\nsuper::super::layout::grid(a);",
        &children,
    );
    let want: Vec<Vec<String>> = vec![
        vec!["view".into(), "paint".into()],
        vec!["view".into(), "grid".into()],
        vec!["app".into(), "App".into(), "new".into()],
        vec!["layout".into(), "grid".into()],
    ];
    assert_eq!(p, want);
}

/// Prints the editor's module graph, for a person rearranging it:
/// `cargo test --test tui_imports print_graph -- --ignored --nocapture`.
#[test]
#[ignore]
fn print_graph() {
    for (m, d) in graph() {
        println!(
            "{} -> {}",
            m.join("/"),
            d.iter().map(|x| x.join("/")).collect::<Vec<_>>().join(", ")
        );
    }
}
