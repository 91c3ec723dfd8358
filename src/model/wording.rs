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

/// "[high] Cannot tell machines apart".
pub fn pain_point(p: &PainPoint) -> String {
    format!("[{}] {}", p.severity.label(), p.text)
}

/// "[high] Comparison page — planned, owner: Web team".
pub fn optimization(o: &Optimization) -> String {
    let mut s = format!("[{}] {} — {}", o.priority.label(), o.text, o.status.label());
    if !o.owner.is_empty() {
        s.push_str(&format!(", owner: {}", o.owner));
    }
    s
}

/// "Conversion rate: 2.1 % → 3 %" (current → target), "Reach: target 5".
pub fn metric(m: &Metric) -> String {
    let val = |v: f64| {
        if m.unit.is_empty() {
            format!("{v}")
        } else {
            format!("{v} {}", m.unit)
        }
    };
    match (m.current, m.target) {
        (Some(c), Some(t)) => format!("{}: {} → {}", m.name, val(c), val(t)),
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
