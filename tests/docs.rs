//! The documents a newcomer reads stay true to the code and to each other: every
//! relative link in README.md and docs/*.md reaches a file that exists, every
//! `#anchor` a heading that exists (GitHub's anchor rules), and docs/editor.md's
//! key tables list exactly the keys and actions the editor's keymap binds.
//! Markdown is parsed with comrak (CommonMark with GitHub's extensions), so a
//! link inside a code block is not taken for one, as on GitHub.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use cjm::tui::keymap::{ACTIONS, Keymap};
use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options, parse_document};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// README.md and every Markdown file in docs/.
fn documents() -> Vec<PathBuf> {
    let mut docs = vec![root().join("README.md")];
    let mut in_docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    in_docs.sort();
    docs.extend(in_docs);
    docs
}

fn options() -> Options<'static> {
    let mut o = Options::default();
    o.extension.table = true;
    o.extension.strikethrough = true;
    o.extension.autolink = true;
    o
}

/// The text of a node as GitHub reads it for an anchor: text and inline code.
fn text<'a>(node: &'a AstNode<'a>) -> String {
    let mut out = String::new();
    for d in node.descendants() {
        match &d.data().value {
            NodeValue::Text(t) => out.push_str(t),
            NodeValue::Code(c) => out.push_str(&c.literal),
            _ => {}
        }
    }
    out
}

/// GitHub's anchor for a heading: lower case, spaces to `-`, punctuation other
/// than `-` and `_` removed; a repeated heading gets `-1`, `-2` …
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

struct Doc {
    anchors: BTreeSet<String>,
    /// (link destination, line) of every link and image.
    links: Vec<(String, usize)>,
}

fn read(path: &Path) -> Doc {
    let md = std::fs::read_to_string(path).unwrap();
    let arena = Arena::new();
    let root = parse_document(&arena, &md, &options());
    let mut anchors = BTreeSet::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut links = Vec::new();
    for node in root.descendants() {
        let data = node.data();
        match &data.value {
            NodeValue::Heading(_) => {
                let base = anchor(&text(node));
                let n = seen.entry(base.clone()).or_insert(0);
                anchors.insert(if *n == 0 {
                    base.clone()
                } else {
                    format!("{base}-{n}")
                });
                *n += 1;
            }
            NodeValue::Link(l) | NodeValue::Image(l) => {
                links.push((l.url.clone(), data.sourcepos.start.line));
            }
            _ => {}
        }
    }
    Doc { anchors, links }
}

/// Every broken relative link and anchor in the documents, as `FILE:LINE: …`.
fn broken_links() -> Vec<String> {
    let mut broken = Vec::new();
    for path in documents() {
        let doc = read(&path);
        let name = path.strip_prefix(root()).unwrap().display().to_string();
        for (url, line) in &doc.links {
            if url.contains("://") || url.starts_with("mailto:") {
                continue;
            }
            let (file, frag) = match url.split_once('#') {
                Some((f, a)) => (f, Some(a)),
                None => (url.as_str(), None),
            };
            let target = if file.is_empty() {
                path.clone()
            } else {
                path.parent().unwrap().join(file)
            };
            if !target.exists() {
                broken.push(format!(
                    "{name}:{line}: `{url}`: no file {}",
                    target.display()
                ));
                continue;
            }
            let Some(frag) = frag else { continue };
            if target.extension().is_none_or(|e| e != "md") {
                broken.push(format!(
                    "{name}:{line}: `{url}`: an anchor into a file that is not Markdown"
                ));
                continue;
            }
            if !read(&target).anchors.contains(frag) {
                broken.push(format!(
                    "{name}:{line}: `{url}`: no heading with the anchor #{frag}"
                ));
            }
        }
    }
    broken
}

#[test]
fn every_relative_link_and_anchor_in_the_readme_and_docs_resolves() {
    let broken = broken_links();
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn the_link_check_finds_a_missing_file_and_a_missing_heading() {
    let dir = std::env::temp_dir().join(format!("cjm-docs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let md = dir.join("a.md");
    std::fs::write(
        &md,
        "# A title, with `code`\n\n## Twice\n\n## Twice\n\n\
         [ok](#a-title-with-code) [ok](#twice-1) [gone](nope.md) [no](#nowhere)\n\n\
         ```\n[in code](not-a-link.md)\n```\n",
    )
    .unwrap();
    let doc = read(&md);
    assert!(doc.anchors.contains("a-title-with-code"));
    assert!(doc.anchors.contains("twice") && doc.anchors.contains("twice-1"));
    let urls: Vec<&str> = doc.links.iter().map(|(u, _)| u.as_str()).collect();
    assert_eq!(
        urls,
        ["#a-title-with-code", "#twice-1", "nope.md", "#nowhere"],
        "a link in a code block is no link"
    );
    assert!(!doc.anchors.contains("nowhere"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn github_anchors_drop_punctuation_and_keep_letters() {
    assert_eq!(
        anchor("Maps in git, reviews and history"),
        "maps-in-git-reviews-and-history"
    );
    assert_eq!(anchor("As-is against to-be"), "as-is-against-to-be");
    assert_eq!(
        anchor("cjm — customer journey maps in the terminal"),
        "cjm--customer-journey-maps-in-the-terminal"
    );
    assert_eq!(anchor("Format 3: conflicts"), "format-3-conflicts");
}

/// The rows of the table in `md` whose header's first cell is `first`: each row's
/// cells as the code spans they hold.
fn table(md: &str, first: &str) -> Vec<Vec<Vec<String>>> {
    let arena = Arena::new();
    let root = parse_document(&arena, md, &options());
    for t in root.descendants() {
        if !matches!(t.data().value, NodeValue::Table(_)) {
            continue;
        }
        let mut rows = t.children();
        let Some(header) = rows.next() else { continue };
        if header.first_child().map(|c| text(c)).as_deref() != Some(first) {
            continue;
        }
        return rows
            .map(|row| {
                row.children()
                    .map(|cell| {
                        cell.descendants()
                            .filter_map(|d| match &d.data().value {
                                NodeValue::Code(c) => Some(c.literal.clone()),
                                _ => None,
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
    }
    panic!("docs/editor.md has no table headed `{first}`");
}

fn editor_md() -> String {
    std::fs::read_to_string(root().join("docs/editor.md")).unwrap()
}

/// The keymap's help rows, as (action name → key labels), presentation mode apart.
fn help() -> (BTreeMap<String, BTreeSet<String>>, BTreeSet<String>) {
    let mut actions: BTreeMap<String, BTreeSet<String>> = ACTIONS
        .iter()
        .map(|(_, name, _)| (name.to_string(), BTreeSet::new()))
        .collect();
    let mut slides = BTreeSet::new();
    for (keys, name, _) in Keymap::default().help_rows() {
        let keys = keys.split(' ').map(str::to_string);
        if name == "presenting" {
            slides.extend(keys);
        } else {
            actions.entry(name.to_string()).or_default().extend(keys);
        }
    }
    (actions, slides)
}

#[test]
fn the_editors_key_table_lists_every_action_and_key_the_keymap_binds_and_no_other() {
    let mut documented: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for row in table(&editor_md(), "keys") {
        let [keys, action, ..] = row.as_slice() else {
            panic!("a row without keys and action: {row:?}")
        };
        let [action] = action.as_slice() else {
            panic!("a row must name one action: {row:?}")
        };
        assert!(
            documented
                .insert(action.clone(), keys.iter().cloned().collect())
                .is_none(),
            "`{action}` has two rows"
        );
    }
    let (bound, _) = help();
    for (action, keys) in &bound {
        match documented.get(action) {
            None => panic!("docs/editor.md's key table lacks the action `{action}` ({keys:?})"),
            Some(doc) => assert_eq!(
                doc, keys,
                "docs/editor.md's keys for `{action}` are not the keymap's"
            ),
        }
    }
    let extra: Vec<_> = documented
        .keys()
        .filter(|a| !bound.contains_key(*a))
        .collect();
    assert!(
        extra.is_empty(),
        "docs/editor.md documents actions the keymap lacks: {extra:?}"
    );
}

#[test]
fn the_presentation_key_table_lists_exactly_the_keys_presentation_mode_takes() {
    let documented: BTreeSet<String> = table(&editor_md(), "keys in presentation mode")
        .into_iter()
        .flat_map(|row| row.into_iter().next().unwrap_or_default())
        .collect();
    let (_, slides) = help();
    assert_eq!(documented, slides);
}

#[test]
fn the_readme_is_a_first_screen_and_a_tour_not_the_manual() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let lines = readme.lines().count();
    assert!(
        lines <= 300,
        "README.md has {lines} lines; guides belong in docs/"
    );
    for guide in [
        "docs/editor.md",
        "docs/workshop.md",
        "docs/git.md",
        "docs/exports.md",
    ] {
        assert!(
            readme.contains(&format!("]({guide})")),
            "README.md does not link {guide}"
        );
    }
    for command in ["cargo run -- maps/espresso.ron", "cargo test"] {
        assert!(readme.contains(command), "README.md lost `{command}`");
    }
    assert!(root().join("maps/espresso.ron").is_file());
}

#[test]
fn no_comment_or_document_points_at_an_issue_tracker() {
    let tracker = points_at_a_tracker;
    let mut found = Vec::new();
    let mut files = documents();
    for dir in ["src", "tests"] {
        collect(&root().join(dir), &mut files);
    }
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        for (i, line) in text.lines().enumerate() {
            if tracker(line) && !f.ends_with("tests/docs.rs") {
                found.push(format!("{}:{}: {line}", f.display(), i + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "say what the code does, not where it was asked for:\n{}",
        found.join("\n")
    );
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs" || e == "md") {
            out.push(p);
        }
    }
}

/// The ways a line points at an issue tracker: the word followed by a number, a
/// `#` number with `item`, a `#` number in brackets, or a helper tag such as an `H`
/// and a digit before a colon (the tests build the examples, so this file holds none).
fn points_at_a_tracker(line: &str) -> bool {
    let lower = line.to_lowercase();
    let after_digits = |s: &str| s.chars().next().is_some_and(|c| c.is_ascii_digit());
    lower
        .match_indices("issue ")
        .any(|(i, m)| after_digits(&lower[i + m.len()..]))
        || line
            .match_indices("(#")
            .any(|(i, m)| after_digits(&line[i + m.len()..]))
        || line.match_indices('#').any(|(i, _)| {
            let rest = &line[i + 1..];
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            digits > 0 && rest[digits..].starts_with(" item")
        })
        || line.char_indices().any(|(i, c)| {
            c == 'H'
                && line[..i]
                    .chars()
                    .last()
                    .is_none_or(|p| !p.is_alphanumeric())
                && {
                    let rest = &line[i + 1..];
                    let digits = rest.chars().take_while(char::is_ascii_digit).count();
                    digits > 0 && rest[digits..].starts_with(':')
                }
        })
}

#[test]
fn the_tracker_check_finds_each_form() {
    // Built from parts, so that this file does not itself point at a tracker.
    let (word, hash, tag) = ("issue", "#", "H");
    for line in [
        format!("// {word} 9: ids"),
        format!("// ({hash}9 item 8)"),
        format!("x // {tag}3: lane"),
        format!("see ({hash}12)"),
    ] {
        assert!(points_at_a_tracker(&line), "{line}");
    }
    for line in [
        "// an issue with ids",
        "# heading",
        "color: #fff",
        "SHA256: x",
        "width: H",
        "F5:",
    ] {
        assert!(!points_at_a_tracker(line), "{line}");
    }
}

#[test]
fn the_readmes_command_table_has_a_row_for_every_subcommand() {
    use clap::CommandFactory;
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let rows: Vec<&str> = readme.lines().filter(|l| l.starts_with("| `cjm")).collect();
    let cli = cjm::cli::Cli::command();
    let names: Vec<&str> = cli
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name())
        .collect();
    assert!(names.len() > 10, "{names:?}");
    for name in names {
        assert!(
            rows.iter().any(|r| r.contains(&format!("`cjm {name}"))),
            "README.md's command table has no row for `cjm {name}`"
        );
    }
}
