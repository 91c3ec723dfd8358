//! Mermaid `journey` diagrams: stages as sections, touchpoints as tasks scored by
//! the stage's emotion, channels as actors.
//!
//! Mermaid's journey grammar has no quoting or escapes, so text it cannot hold is
//! replaced, never passed through (the rules are in `clean`). `tests/export.rs`
//! runs Mermaid's own parser over exports of hostile maps to prove it.

use std::fmt::Write;

use crate::model::{JourneyMap, Stage};
use crate::text::is_bidi;

/// Where a piece of text goes decides what it may not contain.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    Title,
    Section,
    Task,
    Actor,
}

/// Words that start a statement in the journey grammar: a task that begins with one
/// would be read as that statement.
const KEYWORDS: [&str; 5] = ["journey", "title", "section", "acctitle", "accdescr"];

/// Zero-width space: put before a task that would otherwise read as a keyword. It
/// is not whitespace to Mermaid's lexer, so the task stays a task, and it is
/// invisible in the drawing. `import::mermaid` removes it again.
pub const KEYWORD_GUARD: char = '\u{200b}';

pub fn export(map: &JourneyMap) -> String {
    let mut o = String::from("journey\n");
    let title = clean(&map.title, Slot::Title);
    if !title.is_empty() {
        let _ = writeln!(o, "    title {title}");
        // For screen readers: the diagram's accessible name and description.
        let _ = writeln!(o, "    accTitle: {title}");
    }
    let summary = clean(&map.summary, Slot::Title);
    if !summary.is_empty() {
        let _ = writeln!(o, "    accDescr: {summary}");
    }
    for s in &map.stages {
        stage(&mut o, s);
    }
    o
}

fn stage(o: &mut String, s: &Stage) {
    let mut name = clean(&s.name, Slot::Section);
    if name.is_empty() {
        name = s.id.clone();
    }
    let _ = writeln!(o, "    section {name}");
    let score = score(s);
    if s.touchpoints.is_empty() {
        let _ = writeln!(o, "        {}: {score}", task(&s.name, &s.id));
    }
    for (i, t) in s.touchpoints.iter().enumerate() {
        let name = task(&t.name, &format!("Touchpoint {}", i + 1));
        let actor = clean(&t.channel, Slot::Actor);
        if actor.is_empty() {
            let _ = writeln!(o, "        {name}: {score}");
        } else {
            let _ = writeln!(o, "        {name}: {score}: {actor}");
        }
    }
}

/// The stage's emotion as one journey score: the rounded mean, 3 (neutral) when the
/// stage records none, kept within Mermaid's 1–5.
pub fn score(s: &Stage) -> i64 {
    match s.curve_point() {
        Some(v) if v.is_finite() => (v.round() as i64).clamp(1, 5),
        _ => 3,
    }
}

fn task(text: &str, fallback: &str) -> String {
    let t = clean(text, Slot::Task);
    let t = if t.is_empty() {
        clean(fallback, Slot::Task)
    } else {
        t
    };
    if starts_with_keyword(&t) {
        format!("{KEYWORD_GUARD}{t}")
    } else {
        t
    }
}

/// True when a task named `t` would read as a statement without the guard.
pub fn starts_with_keyword(t: &str) -> bool {
    let lower = t.to_lowercase();
    KEYWORDS.iter().any(|k| lower.starts_with(k))
}

/// Text as the journey grammar can hold it in `slot`:
/// - line breaks and tabs become spaces, runs of spaces one space, ends trimmed;
/// - other control characters and bidi controls are dropped;
/// - `#` and `;` (they end a statement) become `＃` and `；` everywhere; `:` (it
///   separates a task from its score) becomes `：` in sections, tasks and actors
///   (a title may keep it); `,` (it separates actors) becomes `，` in actors;
/// - a `%` next to another `%` (a comment or `%%{…}%%` directive to Mermaid) or at
///   the start of a task (a comment) becomes `％`.
fn clean(s: &str, slot: Slot) -> String {
    let chars: Vec<char> = s
        .chars()
        .filter_map(|c| match c {
            c if js_space(c) || c == '\u{85}' => Some(' '),
            c if c.is_control() || is_bidi(c) => None,
            c => Some(c),
        })
        .collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let next = chars.get(i + 1).copied();
        let r = match c {
            '#' => '＃',
            ';' => '；',
            ':' if slot != Slot::Title => '：',
            ',' if slot == Slot::Actor => '，',
            '%' if prev == Some('%') || next == Some('%') => '％',
            '%' if slot == Slot::Task && chars.iter().take(i).all(|&c| js_space(c)) => '％',
            c => c,
        };
        if js_space(r) {
            if !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        out.push(r);
    }
    out.trim_matches(js_space).to_string()
}

/// Whitespace as Mermaid's lexer (JavaScript's `\s`) sees it: Unicode White_Space
/// plus U+FEFF. Leading whitespace is skipped before a keyword is matched.
fn js_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statement_breakers_are_replaced() {
        assert_eq!(clean("a: b # c; d", Slot::Task), "a： b ＃ c； d");
        assert_eq!(clean("a: b", Slot::Title), "a: b");
        assert_eq!(clean("Web, app", Slot::Actor), "Web， app");
        assert_eq!(clean("x\n\u{1b}[2Jy\u{202e}", Slot::Section), "x [2Jy");
        assert_eq!(clean("%%{init}%% 50%", Slot::Title), "％％{init}％％ 50%");
        assert_eq!(clean(" %x", Slot::Task), "％x");
        assert_eq!(task("Title search", "t"), "\u{200b}Title search");
        assert_eq!(task("\u{1b}", "Touchpoint 1"), "Touchpoint 1");
    }
}
