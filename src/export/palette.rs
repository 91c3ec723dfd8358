//! The one set of colours the HTML, SVG, PDF and PNG exports draw with, so that a
//! reader with a colour-vision deficiency reads the same map as anyone else.
//!
//! The hues are Okabe and Ito's colour-blind-safe set (vermillion, orange, blue,
//! bluish green, reddish purple, black), darkened where the original is too pale to
//! reach WCAG's contrast on white: every colour that carries text reaches 4.5:1
//! against the backgrounds it is drawn on, every mark (a curve dot, a badge) 3:1.
//! Colour is never the only cue: levels and statuses are written out, and each
//! score band has its own marker shape on the curve. [`TEXT`] and [`MARKS`] list
//! every pairing the exports use; a test computes their ratios.

use crate::model::{Level, Status};

/// Body text (Okabe–Ito's black, softened to the ink of the rest of cjm).
pub const INK: &str = "#1f2933";
/// Secondary text: roles, notes, legends, "no emotions".
pub const MUTED: &str = "#616e7c";
/// The page.
pub const PAPER: &str = "#ffffff";
/// Cards and the lane headings' column.
pub const CARD: &str = "#f5f7fa";
/// Hairlines between cells and the curve's guides: decoration only, nothing is
/// read from them, so they are exempt from the 3:1 of meaningful graphics.
pub const RULE: &str = "#d9e2ec";
/// The title and the stage header band (white text on it).
pub const ACCENT: &str = "#2f5d8a";
/// A stage's goal inside the header band.
pub const ON_ACCENT_SOFT: &str = "#dbe7f3";
/// The emotion curve's line: Okabe–Ito black, as ink.
pub const CURVE: &str = INK;
/// The stage a slide is about, marked on the curve of that slide.
pub const MARK: &str = "#0072b2";
/// Vote dots.
pub const VOTES: &str = "#0062a0";

/// Vermillion, darkened.
const VERMILLION: &str = "#b35000";
/// Orange, darkened.
const ORANGE: &str = "#8a6d00";
/// Okabe–Ito's blue as it is.
const BLUE: &str = "#0072b2";
/// Bluish green, darkened.
const GREEN: &str = "#007a5a";
/// Reddish purple, darkened.
const PURPLE: &str = "#9e4f7d";

/// The five score bands' colours, 1 (very negative) to 5 (very positive):
/// vermillion, orange, neutral grey, blue, bluish green.
pub const SCORES: [&str; 5] = [VERMILLION, ORANGE, MUTED, BLUE, GREEN];

/// A marker shape per score band, the cue that does not need colour: the curve
/// draws each stage's point in its band's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// Pointing down: very negative.
    TriangleDown,
    Diamond,
    Circle,
    Square,
    /// Pointing up: very positive.
    TriangleUp,
}

pub const MARKERS: [Marker; 5] = [
    Marker::TriangleDown,
    Marker::Diamond,
    Marker::Circle,
    Marker::Square,
    Marker::TriangleUp,
];

/// The colour of a score (1–5, a mean may fall between).
pub fn score(v: f64) -> &'static str {
    SCORES
        .get(crate::model::wording::score_band(v))
        .copied()
        .unwrap_or(MUTED)
}

/// The marker of a score.
pub fn marker(v: f64) -> Marker {
    MARKERS
        .get(crate::model::wording::score_band(v))
        .copied()
        .unwrap_or(Marker::Circle)
}

/// SVG for a marker of radius `r` centred on `(x, y)`.
pub fn marker_svg(m: Marker, x: f64, y: f64, r: f64, fill: &str) -> String {
    let stroke = format!("fill=\"{fill}\" stroke=\"{PAPER}\" stroke-width=\"2\"");
    match m {
        Marker::Circle => format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" {stroke}/>"),
        Marker::Square => {
            let s = r * 0.9;
            format!(
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" {stroke}/>",
                x - s,
                y - s,
                2.0 * s,
                2.0 * s
            )
        }
        Marker::Diamond => {
            let s = r * 1.2;
            format!(
                "<path d=\"M{x:.1} {:.1} L{:.1} {y:.1} L{x:.1} {:.1} L{:.1} {y:.1} Z\" {stroke}/>",
                y - s,
                x + s,
                y + s,
                x - s
            )
        }
        Marker::TriangleUp | Marker::TriangleDown => {
            let s = r * 1.25;
            let d = if m == Marker::TriangleUp { 1.0 } else { -1.0 };
            format!(
                "<path d=\"M{x:.1} {:.1} L{:.1} {:.1} L{:.1} {:.1} Z\" {stroke}/>",
                y - d * s,
                x + s,
                y + d * s * 0.8,
                x - s,
                y + d * s * 0.8
            )
        }
    }
}

/// Each persona's curve colour, the first's the curve's usual ink: Okabe–Ito's
/// hues in an order that keeps neighbours far apart. The colour is the third
/// cue: each persona's curve also has its own marker shape and line style
/// (`model::persona_style`).
pub const PERSONAS: [&str; 6] = [CURVE, BLUE, VERMILLION, GREEN, PURPLE, ORANGE];

/// The curve colour of the persona at `index` (cycling past six).
pub fn persona(index: usize) -> &'static str {
    PERSONAS
        .get(index % PERSONAS.len())
        .copied()
        .unwrap_or(CURVE)
}

/// The colour of a severity or priority.
pub fn level(l: Level) -> &'static str {
    match l {
        Level::High => VERMILLION,
        Level::Medium => ORANGE,
        Level::Low => MUTED,
    }
}

/// The colour of an optimization's status (always shown with its name).
pub fn status(s: Status) -> &'static str {
    match s {
        Status::Idea => MUTED,
        Status::Planned => PURPLE,
        Status::InProgress => BLUE,
        Status::Done => GREEN,
        Status::Dropped => MUTED,
    }
}

/// Every text colour with the backgrounds it is drawn on (4.5:1 needed).
pub const TEXT: &[(&str, &[&str])] = &[
    (INK, &[PAPER, CARD]),
    (MUTED, &[PAPER, CARD]),
    (ACCENT, &[PAPER, CARD]),
    (
        PAPER,
        &[ACCENT, VERMILLION, ORANGE, MUTED, BLUE, GREEN, PURPLE],
    ),
    (ON_ACCENT_SOFT, &[ACCENT]),
    (VERMILLION, &[PAPER, CARD]),
    (ORANGE, &[PAPER, CARD]),
    (BLUE, &[PAPER, CARD]),
    (GREEN, &[PAPER, CARD]),
    (PURPLE, &[PAPER, CARD]),
    (VOTES, &[PAPER, CARD]),
];

/// Every meaningful mark with its background (3:1 needed): the curve, its
/// markers, the slide's stage mark.
pub const MARKS: &[(&str, &[&str])] = &[
    (CURVE, &[PAPER]),
    (MARK, &[PAPER]),
    (VERMILLION, &[PAPER]),
    (ORANGE, &[PAPER]),
    (MUTED, &[PAPER]),
    (BLUE, &[PAPER]),
    (GREEN, &[PAPER]),
    (PURPLE, &[PAPER]),
];

/// WCAG 2 contrast ratio of two `#rrggbb` colours (1 to 21); `None` for a
/// colour that is not `#rrggbb`.
pub fn contrast(a: &str, b: &str) -> Option<f64> {
    let (la, lb) = (luminance(a)?, luminance(b)?);
    let (hi, lo) = if la >= lb { (la, lb) } else { (lb, la) };
    Some((hi + 0.05) / (lo + 0.05))
}

fn luminance(hex: &str) -> Option<f64> {
    let h = hex.strip_prefix('#')?;
    if h.len() != 6 {
        return None;
    }
    let channel = |i: usize| -> Option<f64> {
        let c = f64::from(u8::from_str_radix(h.get(i..i + 2)?, 16).ok()?) / 255.0;
        Some(if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        })
    };
    Some(0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?)
}

/// Every colour the palette holds, for tests that check an export draws with
/// nothing else.
pub fn all() -> Vec<&'static str> {
    let mut v = vec![
        INK,
        MUTED,
        PAPER,
        CARD,
        RULE,
        ACCENT,
        ON_ACCENT_SOFT,
        CURVE,
        MARK,
        VOTES,
        VERMILLION,
        ORANGE,
        BLUE,
        GREEN,
        PURPLE,
    ];
    v.sort_unstable();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn black_on_white_is_21() {
        let r = contrast("#000000", "#ffffff").unwrap();
        assert!((r - 21.0).abs() < 1e-9);
        assert_eq!(contrast("nope", "#ffffff"), None);
    }
}
