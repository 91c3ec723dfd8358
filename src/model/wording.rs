//! How one item reads on one line, unescaped: the outline (`cjm show`, git's
//! textconv), the semantic diff, the exports and the editor all word an item the
//! same way, so a reviewer recognises it wherever it appears. Callers escape the
//! result for where it goes (`text::display`, `text::markdown`, XML).

use super::{Emotion, LaneItem, Level, Metric, Optimization, PainPoint, Touchpoint};

/// "Instagram reel (Social) — note".
pub fn touchpoint(t: &Touchpoint) -> String {
    let mut s = t.name.clone();
    if !t.channel.is_empty() {
        s.push_str(&format!(" ({})", t.channel));
    }
    with_note(s, &t.note)
}

/// "Hands over the key card — Front desk, in person (serves: Checks in)".
pub fn lane_item(i: &LaneItem) -> String {
    let mut s = i.text.clone();
    let who: Vec<&str> = [i.owner.as_str(), i.channel.as_str()]
        .into_iter()
        .filter(|x| !x.is_empty())
        .collect();
    if !who.is_empty() {
        s.push_str(&format!(" — {}", who.join(", ")));
    }
    if !i.serves.is_empty() {
        s.push_str(&format!(" (serves: {})", i.serves));
    }
    s
}

/// "4/5 Curious — note".
pub fn emotion(e: &Emotion) -> String {
    with_note(format!("{}/5 {}", e.score, e.label), &e.note)
}

/// "[high] Cannot tell machines apart", "[high] Cannot tell machines apart ●●●".
pub fn pain_point(p: &PainPoint) -> String {
    with_votes(format!("[{}] {}", p.severity.label(), p.text), p.votes)
}

/// "[high] Comparison page — planned, owner: Web team, impact 4, effort 2 ●●".
pub fn optimization(o: &Optimization) -> String {
    let mut s = format!("[{}] {} — {}", o.priority.label(), o.text, o.status.label());
    if !o.owner.is_empty() {
        s.push_str(&format!(", owner: {}", o.owner));
    }
    for (key, r) in [("impact", o.impact), ("effort", o.effort)] {
        if let Some(r) = r {
            s.push_str(&format!(", {key} {r}"));
        }
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

/// "text ●●●", or the text alone without votes: dots follow the text, so they
/// wrap with it and a card grows rather than overflows.
pub fn with_votes(mut s: String, votes: u32) -> String {
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
    match metric_values(m) {
        v if v.is_empty() => m.name.clone(),
        v => format!("{}: {v}", m.name),
    }
}

/// A metric's numbers without its name, worded as `metric` words them:
/// "2.1 % (target 4 %)", "2.1 %", "target 4 %", or nothing. A card shows them
/// under the name.
pub fn metric_values(m: &Metric) -> String {
    let val = |v: f64| {
        if m.unit.is_empty() {
            format!("{v}")
        } else {
            format!("{v} {}", m.unit)
        }
    };
    match (m.current, m.target) {
        (Some(c), Some(t)) => format!("{} (target {})", val(c), val(t)),
        (Some(c), None) => val(c),
        (None, Some(t)) => format!("target {}", val(t)),
        (None, None) => String::new(),
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

/// `s` with its first letter capitalised, as a word reads when it opens a line
/// or a heading ("in progress" → "In progress"). The one capitaliser of the
/// exports, reports, commands and the editor, so a label opens a line the same
/// way in each; `""` stays empty.
pub fn capitalise(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// The marker that opens a pain point or an optimization where room is short
/// (an editor card, a slide, the SVG export): `[H]`, `[M]`, `[L]`. One letter
/// keeps a narrow column's width, and the same marker everywhere means a reader
/// learns it once; lines with room (outline, diff, Markdown) spell the level out
/// as `[high]` instead ([`pain_point`], [`optimization`]).
pub fn level_tag(l: Level) -> &'static str {
    match l {
        Level::Low => "[L]",
        Level::Medium => "[M]",
        Level::High => "[H]",
    }
}

/// A mean emotion or a KPI value shown to one decimal, `–` where there is none:
/// a side without emotions, or a value that is not a finite number (NaN or an
/// infinity never reads as a score). Negative zero reads `0.0`, as does a value
/// that rounds to it. The one formatter of `cjm history`, `cjm compare` and the
/// diff's emotion lines, so a score reads the same in each.
pub fn one_decimal(v: Option<f64>) -> String {
    match v.filter(|v| v.is_finite()) {
        Some(v) => {
            let s = format!("{v:.1}");
            // A value that rounds to zero from below would read "-0.0".
            if s == "-0.0" { "0.0".into() } else { s }
        }
        None => "–".into(),
    }
}

/// "text — note", or the text alone without a note.
pub fn with_note(mut s: String, note: &str) -> String {
    if !note.is_empty() {
        s.push_str(" — ");
        s.push_str(note);
    }
    s
}

/// Which of the five points on the emotion scale a score or a mean is nearest:
/// 0 for 1 (very negative) to 4 for 5 (very positive), halves rounding up, and
/// anything that is not a finite number counted as neutral (2). The one
/// banding of the SVG's colours and the Markdown's faces, so a stage that is
/// red in one is glum in the other.
pub fn score_band(v: f64) -> usize {
    match v {
        v if v.is_nan() => 2,
        v if v < 1.5 => 0,
        v if v < 2.5 => 1,
        v if v < 3.5 => 2,
        v if v < 4.5 => 3,
        _ => 4,
    }
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

    #[test]
    fn capitalise_opens_a_line() {
        assert_eq!(capitalise("in progress"), "In progress");
        assert_eq!(capitalise("été"), "Été");
        assert_eq!(capitalise("ßa"), "SSa");
        assert_eq!(capitalise(""), "");
    }

    #[test]
    fn level_tag_is_one_letter_in_brackets() {
        assert_eq!(level_tag(Level::High), "[H]");
        assert_eq!(level_tag(Level::Medium), "[M]");
        assert_eq!(level_tag(Level::Low), "[L]");
    }

    #[test]
    fn one_decimal_never_shows_nan_inf_or_negative_zero() {
        assert_eq!(one_decimal(Some(2.26)), "2.3");
        assert_eq!(one_decimal(Some(4.0)), "4.0");
        assert_eq!(one_decimal(None), "–");
        assert_eq!(one_decimal(Some(f64::NAN)), "–");
        assert_eq!(one_decimal(Some(f64::INFINITY)), "–");
        assert_eq!(one_decimal(Some(f64::NEG_INFINITY)), "–");
        assert_eq!(one_decimal(Some(-0.0)), "0.0");
        assert_eq!(one_decimal(Some(-0.04)), "0.0");
    }

    #[test]
    fn a_score_falls_in_the_band_of_its_nearest_point() {
        let bands: Vec<usize> = [1.0, 1.49, 1.5, 2.5, 3.49, 4.5, 5.0, f64::INFINITY]
            .into_iter()
            .map(score_band)
            .collect();
        assert_eq!(bands, [0, 0, 1, 2, 2, 4, 4, 4]);
        assert_eq!(score_band(f64::NAN), 2);
        assert_eq!(score_band(f64::NEG_INFINITY), 0);
    }
}
