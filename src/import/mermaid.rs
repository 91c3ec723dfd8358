//! Mermaid `journey` diagrams: sections become stages, tasks touchpoints (their
//! actors the channel), and each section's task scores one emotion per distinct
//! score, labelled by what the score means and noting the tasks that had it.
//! Accepts what Mermaid's journey grammar accepts (comments, `accTitle`,
//! `accDescr`, front matter), and rejects with a position what it rejects.

use std::collections::HashSet;

use super::{DEFAULT_PERSONA, DEFAULT_TITLE};
use crate::export::mermaid::{KEYWORD_GUARD, starts_with_keyword};
use crate::format::{Pos, ReadError};
use crate::model::{Emotion, JourneyMap, Stage, Touchpoint, unique_slug};

/// Name of the stage that holds tasks written before any `section`.
const NO_SECTION: &str = "Journey";

struct Task {
    name: String,
    score: i64,
    actors: Vec<String>,
}

struct Section {
    name: String,
    tasks: Vec<Task>,
}

pub fn parse(text: &str) -> Result<JourneyMap, ReadError> {
    let mut lines = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
        .peekable();
    let mut title = None;
    let mut sections: Vec<Section> = Vec::new();
    let mut seen_journey = false;
    let mut first = true;

    while let Some((n, raw)) = lines.next() {
        let at = |col: usize| pos(n, col);
        // Front matter: only as the very first line.
        if first && raw.trim() == "---" {
            first = false;
            let mut closed = false;
            for (_, l) in lines.by_ref() {
                if l.trim() == "---" {
                    closed = true;
                    break;
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
        first = false;
        let line = strip_comment(raw);
        let trimmed = line.trim_start();
        let indent = line.chars().count() - trimmed.chars().count();
        let trimmed = trimmed.trim_end();
        if trimmed.is_empty() || trimmed.starts_with("%%") {
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
            title = Some(rest.trim().to_string());
        } else if keyword_colon(trimmed, "acctitle") || keyword_colon(trimmed, "accdescr") {
            // Accessibility texts have no place in a map.
        } else if lower
            .strip_prefix("accdescr")
            .is_some_and(|r| r.trim_start().starts_with('{'))
        {
            let mut closed = trimmed.contains('}');
            while !closed {
                match lines.next() {
                    Some((_, l)) => closed = l.contains('}'),
                    None => {
                        return Err(ReadError::new(
                            at(indent + 1),
                            "`accDescr {` is never closed",
                            None,
                        ));
                    }
                }
            }
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
                name: name.to_string(),
                tasks: Vec::new(),
            });
        } else {
            let task = task(trimmed, n, indent)?;
            if sections.is_empty() {
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
    Ok(build(title, sections))
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

/// `rest` when `line` is `word` (any case) followed by whitespace.
fn keyword<'a>(line: &'a str, word: &str) -> Option<&'a str> {
    let head = line.get(..word.len())?;
    let rest = line.get(word.len()..)?;
    (head.eq_ignore_ascii_case(word) && rest.starts_with(char::is_whitespace)).then_some(rest)
}

fn keyword_colon(line: &str, word: &str) -> bool {
    line.get(..word.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(word))
        && line
            .get(word.len()..)
            .is_some_and(|r| r.trim_start().starts_with(':'))
}

/// `Name: score: actor, actor` (the actors may be left out).
fn task(line: &str, n: usize, indent: usize) -> Result<Task, ReadError> {
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
    let score = score_text
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|s| (1..=5).contains(s))
        .ok_or_else(|| {
            ReadError::new(
                pos(n, score_at),
                format!(
                    "task score `{}` is not a whole number from 1 to 5",
                    score_text.trim()
                ),
                Some("1 is very negative, 3 neutral, 5 very positive"),
            )
        })?;
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
        name: name.to_string(),
        score,
        actors,
    })
}

fn build(title: Option<String>, sections: Vec<Section>) -> JourneyMap {
    let title = title
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| DEFAULT_TITLE.into());
    let mut map = JourneyMap::new(&title, DEFAULT_PERSONA);
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
        for t in &sec.tasks {
            if !scores.contains(&t.score) {
                scores.push(t.score);
            }
        }
        stage.emotions = scores
            .into_iter()
            .map(|score| Emotion {
                score,
                label: meaning(score).into(),
                note: sec
                    .tasks
                    .iter()
                    .filter(|t| t.score == score)
                    .map(|t| t.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
            .collect();
        stage.touchpoints = sec
            .tasks
            .into_iter()
            .map(|t| Touchpoint {
                name: t.name,
                channel: t.actors.join(", "),
                note: String::new(),
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
