//! Mermaid `journey` diagrams: stages as sections, touchpoints as tasks scored by
//! the stage's emotion, channels as actors.
//!
//! Mermaid's journey grammar has no quoting or escapes, so text it cannot hold is
//! replaced, never passed through (the rules are in `clean`). `tests/export.rs`
//! runs Mermaid's own parser over exports of hostile maps to prove it.
//!
//! What a journey cannot draw by itself is reached through an `%%{init}%%`
//! directive where Mermaid supports it (`directive`): long task and section names
//! wrap at `<br>` (drawn as separate lines with `textPlacement: tspan`; Mermaid
//! never wraps them itself), or else each section is filled by its stage's
//! emotion through the theme's `fillType` variables (Mermaid has no per-section
//! colour in the diagram text). Not both: with `tspan` text those variables paint
//! the section titles in their box's colour, hiding them. The emotion curve as a
//! line, and every lane but touchpoints and emotions, stay out of reach
//! (docs/exports.md says so).
//!
//! A map of several personas (format 7) writes each touchpoint once per
//! persona it belongs to, scored by her emotion at the stage, with her name as
//! the task's actor: Mermaid draws each persona's face under each task and a
//! legend of the actors. The channels are not written then (an actor is a
//! persona), and the section fills follow the first persona.

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
    let mut body = String::new();
    if map.persona_count() > 1 {
        for (i, s) in map.stages.iter().enumerate() {
            persona_stage(&mut body, map, i, s);
        }
    } else {
        for s in &map.stages {
            stage(&mut body, s);
        }
    }
    // Map text cannot hold a `<br>` here (`clean`): every one is a wrap.
    let mut o = directive(map, body.contains(LINE_BREAK));
    o.push_str("journey\n");
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
    o.push_str(&body);
    o
}

fn stage(o: &mut String, s: &Stage) {
    let tasks = s.touchpoints.len().max(1);
    let _ = writeln!(
        o,
        "    section {}",
        wrap(&section_name(s), section_chars(tasks))
    );
    let score = score(s);
    if s.touchpoints.is_empty() {
        let _ = writeln!(
            o,
            "        {}: {score}",
            wrap(&task(&s.name, &s.id), TASK_CHARS)
        );
    }
    for (i, t) in s.touchpoints.iter().enumerate() {
        let name = wrap(&task(&t.name, &format!("Touchpoint {}", i + 1)), TASK_CHARS);
        let actor = clean(&t.channel, Slot::Actor);
        if actor.is_empty() {
            let _ = writeln!(o, "        {name}: {score}");
        } else {
            let _ = writeln!(o, "        {name}: {score}: {actor}");
        }
    }
}

/// A stage of a map of several personas: each touchpoint (or the stage, when
/// it has none) once per persona it belongs to, scored by her emotion there.
fn persona_stage(o: &mut String, map: &JourneyMap, index: usize, s: &Stage) {
    let curves = map.curves();
    let score_of = |k: usize| -> i64 {
        match curves
            .get(k)
            .and_then(|(_, _, pts)| pts.get(index).copied().flatten())
        {
            Some(v) if v.is_finite() => (v.round() as i64).clamp(1, 5),
            _ => 3,
        }
    };
    let mut tasks: Vec<(String, usize)> = Vec::new();
    if s.touchpoints.is_empty() {
        for k in 0..map.persona_count() {
            tasks.push((wrap(&task(&s.name, &s.id), TASK_CHARS), k));
        }
    }
    for (i, t) in s.touchpoints.iter().enumerate() {
        let name = wrap(&task(&t.name, &format!("Touchpoint {}", i + 1)), TASK_CHARS);
        for (k, p) in map.personas().enumerate() {
            if p.has(&t.personas) {
                tasks.push((name.clone(), k));
            }
        }
    }
    let _ = writeln!(
        o,
        "    section {}",
        wrap(&section_name(s), section_chars(tasks.len().max(1)))
    );
    for (name, k) in tasks {
        let who = map
            .persona_at(k)
            .map(|p| clean(&p.name, Slot::Actor))
            .unwrap_or_default();
        if who.is_empty() {
            let _ = writeln!(o, "        {name}: {}", score_of(k));
        } else {
            let _ = writeln!(o, "        {name}: {}: {who}", score_of(k));
        }
    }
}

fn section_name(s: &Stage) -> String {
    let name = clean(&s.name, Slot::Section);
    if name.is_empty() { s.id.clone() } else { name }
}

/// The line break Mermaid draws in a task or section name (with `tspan` text).
pub const LINE_BREAK: &str = "<br>";

/// About how many characters fit on a line of a task box: Mermaid draws tasks
/// 150 px wide in 14 px type.
const TASK_CHARS: usize = 18;

/// Characters per line of a section's box, which spans its tasks (150 px each,
/// 50 px apart).
fn section_chars(tasks: usize) -> usize {
    TASK_CHARS * tasks + 6 * tasks.saturating_sub(1)
}

/// `text` with `<br>` between words so that no line passes `width` characters
/// (a longer word keeps its own line): Mermaid never wraps a task or a section.
fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ') {
        match lines.last_mut() {
            Some(l) if l.chars().count() + 1 + word.chars().count() <= width => {
                l.push(' ');
                l.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines.join(LINE_BREAK)
}

/// Fills for a section by its stage's score (`score`, 1 to 5): a red–grey–blue
/// scale, which colour-blind readers tell apart, each light enough for the dark
/// text (`#333`) of the `base` theme (contrast 4.9:1 or more). The faces Mermaid
/// draws at each task's score say the same without colour.
pub const EMOTION_FILLS: [&str; 5] = ["#ef8a62", "#fddbc7", "#e4e7eb", "#a6cee3", "#67a9cf"];
/// Mermaid colours section `n` with the theme variable `fillType{n % 7}` (it
/// cycles through as many fills as its default `sectionFills` has).
const SECTION_FILL_SLOTS: usize = 7;

/// A stage without emotions scores 3 (neutral), and is filled so.
fn fill(s: &Stage) -> &'static str {
    let i = usize::try_from(score(s) - 1).unwrap_or(2);
    EMOTION_FILLS.get(i).copied().unwrap_or("#e4e7eb")
}

/// The `%%{init}%%` line, on the `base` theme (the one whose variables Mermaid
/// lets a diagram set). When a name wraps: `tspan` text, and `fillType0` empty,
/// which turns Mermaid's section-colour rules off so that section titles show
/// (white on its own fills). Otherwise the section fills by emotion, left out
/// when sections that share a slot would need two colours (more than 7 stages),
/// since a wrong colour would mislead. Nothing to say gives no line.
fn directive(map: &JourneyMap, wraps: bool) -> String {
    if wraps {
        return "%%{init: {\"theme\": \"base\", \"themeVariables\": {\"fillType0\": \"\"}, \"journey\": {\"textPlacement\": \"tspan\"}}}%%\n".to_string();
    }
    let mut slots: [Option<&str>; SECTION_FILL_SLOTS] = [None; SECTION_FILL_SLOTS];
    let mut fills_hold = !map.stages.is_empty();
    for (i, s) in map.stages.iter().enumerate() {
        let f = fill(s);
        if let Some(slot) = slots.get_mut(i % SECTION_FILL_SLOTS) {
            match slot {
                None => *slot = Some(f),
                Some(had) if *had == f => {}
                Some(_) => fills_hold = false,
            }
        }
    }
    if !fills_hold {
        return String::new();
    }
    let vars: Vec<String> = slots
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.map(|f| format!("\"fillType{i}\": \"{f}\"")))
        .collect();
    format!(
        "%%{{init: {{\"theme\": \"base\", \"themeVariables\": {{{}}}}}}}%%\n",
        vars.join(", ")
    )
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
            // Mermaid breaks a line at `<br>` in a task or section: only the
            // export's own wrapping may say that.
            '<' if slot != Slot::Title && breaks_line(chars.get(i..).unwrap_or_default()) => '＜',
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

/// True when `chars` start with a `<br>` Mermaid would break a line at
/// (`<br>`, `<br/>`, `<br />`, any case).
fn breaks_line(chars: &[char]) -> bool {
    let rest: String = chars.iter().take(8).collect::<String>().to_lowercase();
    let Some(after) = rest.strip_prefix("<br") else {
        return false;
    };
    let after = after.trim_start_matches(js_space);
    after.starts_with('>') || after.starts_with("/>")
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
