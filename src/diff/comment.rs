//! The diff as a whole document: `cjm diff OLD NEW` and the review of
//! `cjm diff --git`, as terminal text or as a Markdown pull-request comment.
//!
//! A comment has to be read on GitHub and accepted by it: the summary table holds
//! counts only, each map's details fold into a `<details>` block (blank lines
//! around the Markdown inside it, or GitHub shows it raw), and the whole stays
//! under a size limit (`budget`), ending with how many changes were left out and
//! the command that shows them all.

use std::fmt::Write;

use super::Change;
use super::budget::Budget;
use super::render::{self, md};
use super::summary::{EmotionDelta, Summary};
use crate::text::display;

/// How much may be written, and the command that shows everything when it is cut.
pub struct Limit<'a> {
    /// In bytes; `None` for no limit.
    pub max: Option<usize>,
    /// The command to run for the whole diff, as the user would type it.
    pub see_all: &'a str,
}

/// One map's diff, as the documents need it.
pub struct Details<'a> {
    pub changes: &'a [Change],
    pub summary: &'a Summary,
    pub emotions: &'a [EmotionDelta],
}

/// One map of a review: its name (a path, or `old → new`), what happened to the
/// file, and its diff or why it could not be compared.
pub struct MapDiff<'a> {
    pub name: String,
    pub kind: &'static str,
    pub outcome: Result<Details<'a>, &'a [String]>,
    /// Why the map did not load at the base, when this side fixes (or removes) it.
    pub base_error: Option<String>,
    /// How its record of merge conflicts changed, when it did.
    pub record: Option<String>,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `950 changes left out; run `cjm diff …` to see them all.` (or, when what was
/// left out holds no change line, that the output was cut short). The command is
/// escaped for a terminal and kept inside a code span for Markdown.
fn cut_line<'a>(see_all: &'a str, markdown: bool) -> impl Fn(usize) -> String + 'a {
    move |n| {
        let cmd = display(see_all).replace('`', "'");
        let (what, all) = match n {
            0 => ("Output cut short".to_string(), "it all"),
            n => (
                format!("{} left out", plural(n, "change", "changes")),
                "them all",
            ),
        };
        if markdown {
            format!("**{what}**; run `{cmd}` to see {all}.\n")
        } else {
            format!("{what}; run `{cmd}` to see {all}.\n")
        }
    }
}

/// The summary in one line: `stages: … · items: … · pain points: … · optimizations: …`.
fn summary_line(s: &Summary) -> String {
    let [stages, items, pains, opts] = render::summary_cells(s);
    let mut line =
        format!("stages: {stages} · items: {items} · pain points: {pains} · optimizations: {opts}");
    if let Some(p) = render::personas_cell(s) {
        let _ = write!(line, " · personas: {p}");
    }
    if let Some(l) = render::lanes_cell(s) {
        let _ = write!(line, " · lanes: {l}");
    }
    if let Some(e) = render::evidence_cell(s) {
        let _ = write!(line, " · evidence: {e}");
    }
    line
}

/// The summary as a Markdown paragraph, the same words as the review's table.
fn md_summary(s: &Summary) -> String {
    let [stages, items, pains, opts] = render::summary_cells(s);
    let mut line = format!(
        "**Stages**: {stages} · **Items**: {items} · **Pain points**: {pains} · **Optimizations**: {opts}"
    );
    if let Some(p) = render::personas_cell(s) {
        let _ = write!(line, " · **Personas**: {p}");
    }
    if let Some(l) = render::lanes_cell(s) {
        let _ = write!(line, " · **Lanes**: {l}");
    }
    if let Some(e) = render::evidence_cell(s) {
        let _ = write!(line, " · **Evidence**: {e}");
    }
    line
}

/// `cjm diff OLD NEW`: the emotion moves, then the changes.
pub fn diff_text(d: &Details, limit: &Limit) -> String {
    let mut b = Budget::new(limit.max, cut_line(limit.see_all, false));
    render::emotions_text_into(&mut b, d.emotions, "");
    render::text_into(&mut b, d.changes, "");
    b.finish()
}

/// `cjm diff OLD NEW --format markdown`: the counts, the emotion moves, then the
/// changes folded; nothing when the maps are the same, as `diff(1)` says nothing.
pub fn diff_markdown(d: &Details, limit: &Limit) -> String {
    if d.changes.is_empty() {
        return String::new();
    }
    let mut b = Budget::new(limit.max, cut_line(limit.see_all, true));
    b.push(&format!("{}\n\n", md_summary(d.summary)), 0);
    details_markdown(&mut b, d);
    b.finish()
}

/// The emotion moves, then the changes in a fold that says how many there are.
fn details_markdown(b: &mut Budget, d: &Details) {
    render::emotions_markdown_into(b, d.emotions);
    if d.changes.is_empty() {
        b.push("No change to the map.\n", 0);
        return;
    }
    let n = render::count(d.changes);
    b.open(
        format!(
            "<details><summary>{}</summary>\n\n",
            plural(n, "change", "changes")
        ),
        "\n</details>\n",
    );
    render::markdown_into(b, d.changes);
    b.close();
}

fn header(base: &str, head: &str, n: usize) -> String {
    format!(
        "{} changed between {} and {}",
        plural(n, "map", "maps"),
        display(base),
        display(head)
    )
}

/// `cjm diff --git` for a terminal: a line per map with its counts, the emotion
/// moves and the changes, indented under it.
pub fn review_text(maps: &[MapDiff], base: &str, head: &str, limit: &Limit) -> String {
    if maps.is_empty() {
        return format!(
            "no map changed between {} and {}\n",
            display(base),
            display(head)
        );
    }
    let mut b = Budget::new(limit.max, cut_line(limit.see_all, false));
    b.push(&format!("{}\n", header(base, head, maps.len())), 0);
    for m in maps {
        b.open(format!("\n{} {}\n", m.kind, display(&m.name)), "");
        if let Some(why) = &m.base_error {
            b.push(&format!("  did not load at {}: {why}\n", display(base)), 0);
        }
        if let Some(r) = &m.record {
            b.push(&format!("  {}\n", display(r)), 0);
        }
        match &m.outcome {
            Ok(d) => {
                b.push(&format!("  {}\n", summary_line(d.summary)), 0);
                render::emotions_text_into(&mut b, d.emotions, "  ");
                if d.changes.is_empty() && m.base_error.is_none() && m.record.is_none() {
                    b.push("  (no change to the map)\n", 0);
                }
                render::text_into(&mut b, d.changes, "  ");
            }
            Err(msgs) => {
                for msg in *msgs {
                    b.push(&format!("  cannot compare: {msg}\n"), 0);
                }
            }
        }
        b.close();
    }
    b.finish()
}

/// `cjm diff --git --format markdown`: a table of counts, one row per map, then
/// each map under its heading with its details folded.
pub fn review_markdown(maps: &[MapDiff], base: &str, head: &str, limit: &Limit) -> String {
    if maps.is_empty() {
        return format!(
            "No journey map changed between {} and {}.\n",
            md(base),
            md(head)
        );
    }
    let mut b = Budget::new(limit.max, cut_line(limit.see_all, true));
    b.push(
        &format!(
            "## Journey maps\n\n{}.\n\n",
            md(&header(base, head, maps.len()))
        ),
        0,
    );
    // The evidence column only when some map's evidence or confidence moved,
    // so a review of maps without research reads as it always did.
    let evidence_column = maps.iter().any(|m| {
        m.outcome
            .as_ref()
            .is_ok_and(|d| render::evidence_cell(d.summary).is_some())
    });
    // The personas column likewise only when some map's personas changed.
    let personas_column = maps.iter().any(|m| {
        m.outcome
            .as_ref()
            .is_ok_and(|d| render::personas_cell(d.summary).is_some())
    });
    // The lanes column likewise only when some map's list of lanes changed.
    let lanes_column = maps.iter().any(|m| {
        m.outcome
            .as_ref()
            .is_ok_and(|d| render::lanes_cell(d.summary).is_some())
    });
    let mut head = vec![
        "Map",
        "Change",
        "Stages",
        "Items",
        "Pain points",
        "Optimizations",
    ];
    if personas_column {
        head.push("Personas");
    }
    if lanes_column {
        head.push("Lanes");
    }
    if evidence_column {
        head.push("Evidence");
    }
    let rule: Vec<&str> = head.iter().map(|_| "---").collect();
    b.open(
        format!("| {} |\n| {} |\n", head.join(" | "), rule.join(" | ")),
        "",
    );
    for m in maps {
        let mut cells = match &m.outcome {
            Ok(d) => render::summary_cells(d.summary).to_vec(),
            Err(_) => vec![
                "does not load".to_string(),
                "–".into(),
                "–".into(),
                "–".into(),
            ],
        };
        if personas_column {
            cells.push(match &m.outcome {
                Ok(d) => render::personas_cell(d.summary).unwrap_or_else(|| "–".into()),
                Err(_) => "–".into(),
            });
        }
        if lanes_column {
            cells.push(match &m.outcome {
                Ok(d) => render::lanes_cell(d.summary).unwrap_or_else(|| "–".into()),
                Err(_) => "–".into(),
            });
        }
        if evidence_column {
            cells.push(match &m.outcome {
                Ok(d) => render::evidence_cell(d.summary).unwrap_or_else(|| "–".into()),
                Err(_) => "–".into(),
            });
        }
        let mut row = String::new();
        let _ = writeln!(
            row,
            "| {} | {} | {} |",
            md(&m.name),
            m.kind,
            cells.join(" | ")
        );
        b.push(&row, 0);
    }
    b.close();
    for m in maps {
        b.open(format!("\n### {} ({})\n\n", md(&m.name), m.kind), "");
        if let Some(why) = &m.base_error {
            b.push(
                &format!("**Did not load at {}**: {}\n\n", md(base), md(why)),
                0,
            );
        }
        if let Some(r) = &m.record {
            b.push(&format!("**{}**\n\n", md(r)), 0);
        }
        match &m.outcome {
            Ok(d) => details_markdown(&mut b, d),
            Err(msgs) => {
                for msg in *msgs {
                    b.push(&format!("**Cannot compare**: {}\n\n", md(msg)), 0);
                }
            }
        }
        b.close();
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_with_no_change_line_left_out_says_the_output_was_cut_short() {
        let summary = Summary::default();
        let maps: Vec<MapDiff> = (0..100)
            .map(|i| MapDiff {
                name: format!("maps/old-{i}.ron → maps/new-{i}.ron"),
                kind: "renamed",
                outcome: Ok(Details {
                    changes: &[],
                    summary: &summary,
                    emotions: &[],
                }),
                base_error: None,
                record: None,
            })
            .collect();
        let limit = Limit {
            max: Some(1_000),
            see_all: "cjm diff --git main HEAD",
        };
        let md = review_markdown(&maps, "main", "HEAD", &limit);
        assert!(md.len() <= 1_000, "{}", md.len());
        assert!(
            md.ends_with(
                "\n\n**Output cut short**; run `cjm diff --git main HEAD` to see it all.\n"
            ),
            "{md}"
        );
        // Whole rows only, and the table ended before the line.
        assert!(md.contains("| maps/old-0.ron → maps/new-0.ron | renamed | – | – | – | – |\n"));
        let t = review_text(&maps, "main", "HEAD", &limit);
        assert!(t.len() <= 1_000 && t.ends_with("to see it all.\n"), "{t}");
    }
}
