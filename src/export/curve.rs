//! The emotion curve as SVG path data, shared by the HTML and SVG exports: one
//! segment per run of consecutive stages that have emotions, so a stage without
//! emotions is a gap in the line, never a drop to zero.

use std::fmt::Write;

use crate::model::JourneyMap;

/// Path data (`M x y L x y …`) of each unbroken run of points, and the points
/// themselves, with `x(stage index)` and `y(score)` placing them.
pub fn runs(
    curve: &[Option<f64>],
    x: impl Fn(usize) -> f64,
    y: impl Fn(f64) -> f64,
) -> (Vec<String>, Vec<(f64, f64, f64)>) {
    let mut paths = Vec::new();
    let mut dots = Vec::new();
    let mut current = String::new();
    for (i, p) in curve.iter().enumerate() {
        match p {
            Some(v) if v.is_finite() => {
                let (px, py) = (x(i), y(*v));
                let cmd = if current.is_empty() { 'M' } else { 'L' };
                let _ = write!(current, "{cmd}{px:.1} {py:.1} ");
                dots.push((px, py, *v));
            }
            _ => {
                if current.contains('L') {
                    paths.push(current.trim_end().to_string());
                }
                current.clear();
            }
        }
    }
    if current.contains('L') {
        paths.push(current.trim_end().to_string());
    }
    (paths, dots)
}

/// A score's colour, from the palette (vermillion at 1 through grey at 3 to
/// bluish green at 5).
pub fn colour(score: f64) -> &'static str {
    super::palette::score(score)
}

/// One curve of an overlay: its legend, colour, whether it is drawn dashed (the
/// reference, e.g. the as-is journey), and a point per stage.
pub struct Series<'a> {
    pub label: &'a str,
    pub colour: &'a str,
    pub dashed: bool,
    pub points: &'a [Option<f64>],
}

/// Several emotion curves over one row of stages, as a standalone SVG (with its
/// own `xmlns`, so it can be embedded in HTML as is): a legend on top, the 1–5
/// scale, one column per stage named below, each curve in its colour with its
/// dots. Map text goes through `text::xml`.
pub fn overlay(stages: &[String], series: &[Series<'_>]) -> String {
    use super::text::{wrap, xml};
    const COL: f64 = 150.0;
    const LEFT: f64 = 60.0;
    const TOP: f64 = 60.0;
    const PLOT_H: f64 = 240.0;
    let n = stages.len().max(1);
    let width = LEFT + n as f64 * COL + 20.0;
    let height = TOP + PLOT_H + 70.0;
    let y = |v: f64| TOP + (5.0 - v.clamp(1.0, 5.0)) / 4.0 * PLOT_H;
    let x = |i: usize| LEFT + i as f64 * COL + COL / 2.0;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif\" role=\"img\" aria-label=\"Emotion curves from 1 (very negative) to 5 (very positive)\">\n<rect x=\"0\" y=\"0\" width=\"{width:.0}\" height=\"{height:.0}\" fill=\"#ffffff\"/>\n"
    );
    let mut lx = LEFT;
    for se in series {
        let dash = if se.dashed {
            " stroke-dasharray=\"8 5\""
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "<path d=\"M{lx:.1} 24 h28\" stroke=\"{}\" stroke-width=\"4\"{dash}/><text x=\"{:.1}\" y=\"29\" font-size=\"14\" fill=\"#1f2933\">{}</text>",
            se.colour,
            lx + 36.0,
            xml(se.label)
        );
        lx += 56.0 + super::text::width_em(se.label) * 14.0;
    }
    for level in 1..=5 {
        let ly = y(level as f64);
        let _ = writeln!(
            s,
            "<path d=\"M{LEFT} {ly:.1} H{:.1}\" stroke=\"#d9e2ec\" stroke-dasharray=\"4 4\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"#616e7c\" text-anchor=\"end\">{level}</text>",
            width - 20.0,
            LEFT - 10.0,
            ly + 4.0
        );
    }
    for (i, name) in stages.iter().enumerate() {
        for (k, line) in wrap(name, COL * 0.85 / 12.0).iter().take(3).enumerate() {
            let _ = writeln!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"#1f2933\" text-anchor=\"middle\">{}</text>",
                x(i),
                TOP + PLOT_H + 24.0 + k as f64 * 15.0,
                xml(line)
            );
        }
    }
    // Dashed reference curves go on top, thinner, so that where both curves agree
    // both stay visible.
    let solid = series.iter().filter(|se| !se.dashed);
    for se in solid.chain(series.iter().filter(|se| se.dashed)) {
        let (width, radius) = if se.dashed { (3, 4.5) } else { (4, 7.0) };
        let (paths, dots) = runs(se.points, x, y);
        let dash = if se.dashed {
            " stroke-dasharray=\"8 5\""
        } else {
            ""
        };
        for d in paths {
            let _ = writeln!(
                s,
                "<path d=\"{d}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{width}\"{dash}/>",
                se.colour
            );
        }
        for (px, py, v) in dots {
            let _ = writeln!(
                s,
                "<circle cx=\"{px:.1}\" cy=\"{py:.1}\" r=\"{radius}\" fill=\"{}\"><title>{}: {v:.1}</title></circle>",
                se.colour,
                xml(se.label)
            );
        }
    }
    s.push_str("</svg>\n");
    s
}

/// The curve in words, for a reader who cannot see it (the HTML's text
/// alternative, the SVG's `<desc>`): each stage's mean, or that it has none.
/// `None` for a map without stages. A map of several personas gets each
/// persona's curve in turn, named.
pub fn in_words(map: &JourneyMap) -> Option<String> {
    if super::personas::several(map) && !map.stages.is_empty() {
        let curves: Vec<String> = map
            .curves()
            .into_iter()
            .map(|(_, p, points)| {
                let at: Vec<String> = map
                    .stages
                    .iter()
                    .zip(points)
                    .map(|(s, v)| match v {
                        Some(v) => format!("{} {v:.1}", s.name),
                        None => format!("{} no emotions", s.name),
                    })
                    .collect();
                format!("{}: {}", p.name, at.join(", "))
            })
            .collect();
        return Some(format!(
            "Emotion curves from 1 (very negative) to 5 (very positive), one per persona. {}",
            curves.join(". ")
        ));
    }
    let points: Vec<String> = map
        .stages
        .iter()
        .map(|s| match s.curve_point() {
            Some(v) => format!("{} {v:.1}", s.name),
            None => format!("{} no emotions", s.name),
        })
        .collect();
    (!points.is_empty()).then(|| {
        format!(
            "Emotion curve from 1 (very negative) to 5 (very positive): {}",
            points.join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_split_the_line() {
        let (paths, dots) = runs(
            &[
                Some(4.0),
                Some(2.0),
                None,
                Some(3.0),
                Some(5.0),
                None,
                Some(1.0),
            ],
            |i| i as f64,
            |v| v,
        );
        assert_eq!(paths, vec!["M0.0 4.0 L1.0 2.0", "M3.0 3.0 L4.0 5.0"]);
        assert_eq!(dots.len(), 5);
    }
}
