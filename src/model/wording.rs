//! How one item reads on one line, unescaped: the outline (`cjm show`, git's
//! textconv), the semantic diff, the exports and the editor all word an item the
//! same way, so a reviewer recognises it wherever it appears. Callers escape the
//! result for where it goes (`text::display`, `text::markdown`, XML).

use super::{Emotion, Metric, Optimization, PainPoint, Touchpoint};

/// "Instagram reel (Social) — note".
pub fn touchpoint(t: &Touchpoint) -> String {
    let mut s = t.name.clone();
    if !t.channel.is_empty() {
        s.push_str(&format!(" ({})", t.channel));
    }
    with_note(s, &t.note)
}

/// "4/5 Curious — note".
pub fn emotion(e: &Emotion) -> String {
    with_note(format!("{}/5 {}", e.score, e.label), &e.note)
}

/// "[high] Cannot tell machines apart", "[high] Cannot tell machines apart ●●●".
pub fn pain_point(p: &PainPoint) -> String {
    with_votes(format!("[{}] {}", p.severity.label(), p.text), p.votes)
}

/// "[high] Comparison page — planned, owner: Web team ●●".
pub fn optimization(o: &Optimization) -> String {
    let mut s = format!("[{}] {} — {}", o.priority.label(), o.text, o.status.label());
    if !o.owner.is_empty() {
        s.push_str(&format!(", owner: {}", o.owner));
    }
    with_votes(s, o.votes)
}

/// The most votes drawn as single dots; more read as a count, so a card or a cell
/// keeps its width however keen the workshop was.
pub const MAX_DOTS: u32 = 10;

/// Votes as dots: "" for none, "●●●" for three, "●×12" above [`MAX_DOTS`]. Every
/// place that shows votes to a person (editor, outline, diff, Markdown, HTML, SVG)
/// uses this, so they read the same everywhere.
pub fn dots(votes: u32) -> String {
    if votes > MAX_DOTS {
        format!("●×{votes}")
    } else {
        "●".repeat(votes as usize)
    }
}

fn with_votes(mut s: String, votes: u32) -> String {
    if votes > 0 {
        s.push(' ');
        s.push_str(&dots(votes));
    }
    s
}

/// "Conversion rate: 2.1 % (target 3 %)", "Reach: target 5". No arrow: a diff
/// shows an edited KPI as old → new, and an arrow inside either side would read
/// as one more step.
pub fn metric(m: &Metric) -> String {
    let val = |v: f64| {
        if m.unit.is_empty() {
            format!("{v}")
        } else {
            format!("{v} {}", m.unit)
        }
    };
    match (m.current, m.target) {
        (Some(c), Some(t)) => format!("{}: {} (target {})", m.name, val(c), val(t)),
        (Some(c), None) => format!("{}: {}", m.name, val(c)),
        (None, Some(t)) => format!("{}: target {}", m.name, val(t)),
        (None, None) => m.name.clone(),
    }
}

/// How a stage's mean emotion moved from `old` to `new`: `▲0.4`, `▼1.0`, `=`, or
/// empty when a side has no emotions. Counted on the tenths shown, so `2.3 → 2.7`
/// always reads `▲0.4`.
pub fn emotion_move(old: Option<f64>, new: Option<f64>) -> String {
    let tenths = |v: f64| (v * 10.0).round() as i64;
    match (old.filter(|v| v.is_finite()), new.filter(|v| v.is_finite())) {
        (Some(a), Some(b)) => {
            let d = tenths(b) - tenths(a);
            let arrow = match d {
                0 => return "=".into(),
                d if d > 0 => '▲',
                _ => '▼',
            };
            format!("{arrow}{}.{}", d.abs() / 10, d.abs() % 10)
        }
        _ => String::new(),
    }
}

fn with_note(mut s: String, note: &str) -> String {
    if !note.is_empty() {
        s.push_str(" — ");
        s.push_str(note);
    }
    s
}

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Emotion means as one character each: `▁` for 1 (very negative) up to `█` for
/// 5, `·` where there is no value (a stage without emotions, or one that did not
/// exist yet). `cjm history` draws a stage across commits with it, `cjm report` a
/// map across its stages.
pub fn sparkline(values: &[Option<f64>]) -> String {
    values
        .iter()
        .map(|v| match v {
            Some(v) => {
                let i = ((v.clamp(1.0, 5.0) - 1.0) * 7.0 / 4.0).round() as usize;
                BARS.get(i).copied().unwrap_or('·')
            }
            None => '·',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes_read_as_dots_and_none_adds_nothing() {
        assert_eq!(dots(0), "");
        assert_eq!(dots(3), "●●●");
        assert_eq!(dots(MAX_DOTS).chars().count(), MAX_DOTS as usize);
        assert_eq!(dots(12), "●×12");
        let mut p = PainPoint {
            text: "Slow".into(),
            ..PainPoint::default()
        };
        assert_eq!(pain_point(&p), "[medium] Slow");
        p.votes = 2;
        assert_eq!(pain_point(&p), "[medium] Slow ●●");
    }
}
