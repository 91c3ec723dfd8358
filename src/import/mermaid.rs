//! Mermaid `journey` diagrams: sections become stages, tasks touchpoints (their
//! actors the channel), and each section's task scores one emotion per distinct
//! score, labelled by what the score means and noting the tasks that had it.
//!
//! Takes what Mermaid itself renders: comments, `%%{init}%%` directives (on one
//! line or several), front matter, `accTitle` and `accDescr` (one line or a
//! `{ … }` block), tasks before any section, and task scores that are not whole
//! numbers from 1 to 5; a `<br>` in a task or section name (a line break in the
//! drawing, as the export wraps long names) is the space it stands for. Where the map cannot say what the diagram says, the
//! import adjusts and reports one positioned `Warning` per adjustment: a score
//! rounded and clamped to 1–5, a task whose score is not a number kept without an
//! emotion, a first stage made for tasks before any section. What Mermaid's
//! grammar rejects (a task without `:`, a `;`) is rejected with its position.
//!
//! The title is the `title` statement, else the front matter's `title`, else
//! `accTitle` (what a reader of the drawing sees first); `accDescr` is the summary.

use std::collections::HashSet;

use super::{DEFAULT_PERSONA, DEFAULT_TITLE, Warning};
use crate::export::mermaid::{KEYWORD_GUARD, starts_with_keyword};
use crate::format::{Pos, ReadError};
use crate::model::{Emotion, JourneyMap, Stage, Touchpoint, unique_slug};

/// Name of the stage that holds tasks written before any `section`.
const NO_SECTION: &str = "Journey";

struct Task {
    name: String,
    /// `None` when the diagram's score is not a number: no emotion for it.
    score: Option<i64>,
    actors: Vec<String>,
}

struct Section {
    name: String,
    tasks: Vec<Task>,
}

/// What the diagram says besides its sections.
#[derive(Default)]
struct Texts {
    title: Option<String>,
    front_title: Option<String>,
    acc_title: Option<String>,
    acc_descr: Option<String>,
}

pub fn parse(text: &str, warnings: &mut Vec<Warning>) -> Result<JourneyMap, ReadError> {
    let mut lines = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
        .peekable();
    let mut texts = Texts::default();
    let mut sections: Vec<Section> = Vec::new();
    let mut seen_journey = false;

    while let Some((n, raw)) = lines.next() {
        let at = |col: usize| pos(n, col);
        let lead = raw.chars().count() - raw.trim_start().chars().count();
        // Directives: `%%{init: …}%%`, possibly over several lines.
        if raw.trim_start().starts_with("%%{") {
            let mut closed = raw.contains("}%%");
            while !closed {
                match lines.next() {
                    Some((_, l)) => closed = l.contains("}%%"),
                    None => {
                        return Err(ReadError::new(
                            at(lead + 1),
                            "directive `%%{` is never closed with `}%%`",
                            None,
                        ));
                    }
                }
            }
            continue;
        }
        // Front matter, before the diagram.
        if !seen_journey && raw.trim() == "---" {
            let mut closed = false;
            for (_, l) in lines.by_ref() {
                if l.trim() == "---" {
                    closed = true;
                    break;
                }
                if let Some(v) = l.strip_prefix("title:") {
                    texts.front_title = Some(unquote(v.trim()).to_string());
                }
            }
            if !closed {
                return Err(ReadError::new(
                    at(1),
                    "front matter `---` is never closed",
                    None,
                ));
            }
            continue;
        }
        if raw.trim_start().starts_with("%%") {
            continue;
        }
        // Accessibility texts run to the end of the line (or the `}`), `#` and `;`
        // included, as in Mermaid's lexer.
        if seen_journey {
            let t = raw.trim();
            if let Some(v) = after_colon(t, "acctitle") {
                texts.acc_title = Some(v.trim().to_string());
                continue;
            }
            if let Some(v) = after_colon(t, "accdescr") {
                texts.acc_descr = Some(v.trim().to_string());
                continue;
            }
            if let Some(rest) = t
                .get(..8)
                .filter(|h| h.eq_ignore_ascii_case("accdescr"))
                .and_then(|_| t.get(8..))
                .and_then(|r| r.trim_start().strip_prefix('{'))
            {
                let mut body: Vec<String> = Vec::new();
                let mut chunk = rest.to_string();
                loop {
                    if let Some((inside, _)) = chunk.split_once('}') {
                        body.push(inside.trim().to_string());
                        break;
                    }
                    body.push(chunk.trim().to_string());
                    match lines.next() {
                        Some((_, l)) => chunk = l.to_string(),
                        None => {
                            return Err(ReadError::new(
                                at(lead + 1),
                                "`accDescr {` is never closed",
                                None,
                            ));
                        }
                    }
                }
                body.retain(|l| !l.is_empty());
                texts.acc_descr = Some(body.join(" "));
                continue;
            }
        }
        let line = strip_comment(raw);
        let trimmed = line.trim_start();
        let indent = line.chars().count() - trimmed.chars().count();
        let trimmed = trimmed.trim_end();
        if trimmed.is_empty() {
            continue;
        }
        if let Some((before, _)) = trimmed.split_once(';') {
            return Err(ReadError::new(
                at(indent + before.chars().count() + 1),
                "`;` cannot appear in a journey diagram",
                None,
            ));
        }
        let lower = trimmed.to_lowercase();
        if !seen_journey {
            if lower == "journey" || lower.starts_with("journey ") {
                seen_journey = true;
                continue;
            }
            return Err(ReadError::new(
                at(indent + 1),
                "expected `journey`: this reads Mermaid journey diagrams",
                Some("the first statement of the diagram must be `journey`"),
            ));
        }
        if let Some(rest) = keyword(trimmed, "title") {
            texts.title = Some(rest.trim().to_string());
        } else if let Some(rest) = keyword(trimmed, "section") {
            let name = rest.trim();
            if let Some((before, _)) = trimmed.split_once(':') {
                let col = indent + before.chars().count() + 1;
                return Err(ReadError::new(
                    at(col),
                    "a section name cannot hold `:`",
                    None,
                ));
            }
            sections.push(Section {
                name: unwrap_lines(name),
                tasks: Vec::new(),
            });
        } else {
            let task = task(trimmed, n, indent, warnings)?;
            if sections.is_empty() {
                warnings.push(Warning {
                    pos: at(indent + 1),
                    problem: "a task before any `section`".into(),
                    adjustment: format!("a first stage `{NO_SECTION}` is made for it"),
                });
                sections.push(Section {
                    name: NO_SECTION.into(),
                    tasks: Vec::new(),
                });
            }
            if let Some(s) = sections.last_mut() {
                s.tasks.push(task);
            }
        }
    }
    if !seen_journey {
        return Err(ReadError::new(
            Pos::START,
            "no `journey` diagram in the file",
            Some("the first statement of the diagram must be `journey`"),
        ));
    }
    Ok(build(texts, sections))
}

/// A front matter value without its YAML quotes.
fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner;
        }
    }
    v
}

/// The text after `word` (any case) and a `:`, as in `accTitle: Trip`.
fn after_colon<'a>(line: &'a str, word: &str) -> Option<&'a str> {
    let head = line.get(..word.len())?;
    if !head.eq_ignore_ascii_case(word) {
        return None;
    }
    line.get(word.len()..)?.trim_start().strip_prefix(':')
}

fn pos(line: usize, col: usize) -> Pos {
    Pos {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        col: u32::try_from(col).unwrap_or(u32::MAX),
    }
}

/// The line up to a `#`, which starts a comment for Mermaid's lexer.
fn strip_comment(line: &str) -> &str {
    line.split('#').next().unwrap_or(line)
}

/// A task or section name with each `<br>` (`<br/>`, `<br />`, any case) that
/// Mermaid draws as a line break read as the space it stands for: the export
/// wraps long names with it, and people write it by hand to the same end.
fn unwrap_lines(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(at) = rest.to_ascii_lowercase().find("<br") {
        let before = rest.get(..at).unwrap_or("");
        let after = rest.get(at + 3..).unwrap_or("");
        let trimmed = after.trim_start();
        let end = if let Some(r) = trimmed.strip_prefix("/>") {
            Some(r)
        } else {
            trimmed.strip_prefix('>')
        };
        match end {
            // One space for the break, however it was spaced around.
            Some(r) => {
                out.push_str(before.trim_end());
                out.push(' ');
                rest = r.trim_start();
            }
            None => {
                out.push_str(before);
                out.push_str("<br");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.trim().to_string()
}

/// `rest` when `line` is `word` (any case) followed by whitespace.
fn keyword<'a>(line: &'a str, word: &str) -> Option<&'a str> {
    let head = line.get(..word.len())?;
    let rest = line.get(word.len()..)?;
    (head.eq_ignore_ascii_case(word) && rest.starts_with(char::is_whitespace)).then_some(rest)
}

/// `Name: score: actor, actor` (the actors may be left out).
fn task(
    line: &str,
    n: usize,
    indent: usize,
    warnings: &mut Vec<Warning>,
) -> Result<Task, ReadError> {
    let col_of = |byte: usize| indent + line.get(..byte).map_or(0, |s| s.chars().count()) + 1;
    let Some((head, data)) = line.split_once(':') else {
        return Err(ReadError::new(
            pos(n, indent + 1),
            format!("task `{line}` has no score"),
            Some("write a task as `Task name: 5: Actor`"),
        ));
    };
    let name = head.trim();
    // The export's guard before a task that would read as a keyword, and only that.
    let name = match name.strip_prefix(KEYWORD_GUARD) {
        Some(rest) if starts_with_keyword(rest) => rest,
        _ => name,
    };
    if name.is_empty() {
        return Err(ReadError::new(
            pos(n, indent + 1),
            "a task has no name",
            None,
        ));
    }
    let colon = head.len();
    let mut pieces = data.splitn(3, ':');
    let score_text = pieces.next().unwrap_or("");
    let score_at = col_of(colon + 1 + (score_text.len() - score_text.trim_start().len()));
    let score = score(score_text.trim(), name, pos(n, score_at), warnings);
    let actors = pieces
        .next()
        .map(|a| {
            a.split(',')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    Ok(Task {
        name: unwrap_lines(name),
        score,
        actors,
    })
}

/// The emotion score Mermaid draws for a task's score text (it reads it as a
/// JavaScript number), made a whole number from 1 to 5; `None` when it is not a
/// number at all. Every adjustment is a warning at the score.
fn score(text: &str, task: &str, at: Pos, warnings: &mut Vec<Warning>) -> Option<i64> {
    let mut warn = |problem: String, adjustment: String| {
        warnings.push(Warning {
            pos: at,
            problem,
            adjustment,
        })
    };
    let Some(v) = text.parse::<f64>().ok().filter(|v| v.is_finite()) else {
        let problem = if text.is_empty() {
            format!("task `{task}` has no score")
        } else {
            format!("task score `{text}` is not a number")
        };
        warn(problem, "the task is kept without an emotion".into());
        return None;
    };
    let rounded = v.round();
    // In range after the clamp, so the conversion is exact.
    let clamped = rounded.clamp(1.0, 5.0) as i64;
    let problem = format!("task score `{text}` is not a whole number from 1 to 5");
    if !(1.0..=5.0).contains(&rounded) {
        warn(problem, format!("clamped to {clamped}"));
    } else if rounded != v {
        warn(problem, format!("rounded to {clamped}"));
    }
    Some(clamped)
}

fn build(texts: Texts, sections: Vec<Section>) -> JourneyMap {
    let title = [texts.title, texts.front_title, texts.acc_title]
        .into_iter()
        .flatten()
        .find(|t| !t.is_empty())
        .unwrap_or_else(|| DEFAULT_TITLE.into());
    let mut map = JourneyMap::new(&title, DEFAULT_PERSONA);
    map.summary = texts.acc_descr.unwrap_or_default();
    let mut taken = HashSet::new();
    for sec in sections {
        let id = unique_slug(&sec.name, |s| taken.contains(s));
        taken.insert(id.clone());
        let mut stage = Stage {
            id,
            name: sec.name,
            ..Stage::default()
        };
        let mut scores: Vec<i64> = Vec::new();
        for score in sec.tasks.iter().filter_map(|t| t.score) {
            if !scores.contains(&score) {
                scores.push(score);
            }
        }
        stage.emotions = scores
            .into_iter()
            .map(|score| Emotion {
                persona: String::new(),
                score,
                label: meaning(score).into(),
                note: sec
                    .tasks
                    .iter()
                    .filter(|t| t.score == Some(score))
                    .map(|t| t.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                evidence: Vec::new(),
            })
            .collect();
        stage.touchpoints = sec
            .tasks
            .into_iter()
            .map(|t| Touchpoint {
                personas: Vec::new(),
                name: t.name,
                channel: t.actors.join(", "),
                note: String::new(),
                evidence: Vec::new(),
            })
            .collect();
        map.stages.push(stage);
    }
    map
}

/// What a journey score means, as the emotion's label.
fn meaning(score: i64) -> &'static str {
    match score {
        1 => "Very negative",
        2 => "Negative",
        3 => "Neutral",
        4 => "Positive",
        _ => "Very positive",
    }
}
