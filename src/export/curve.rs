//! The emotion curve as SVG path data, shared by the HTML and SVG exports: one
//! segment per run of consecutive stages that have emotions, so a stage without
//! emotions is a gap in the line, never a drop to zero.

use std::fmt::Write;

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

/// A colour from red (1, very negative) through amber (3) to green (5).
pub fn colour(score: f64) -> &'static str {
    match score {
        s if s < 1.5 => "#c0392b",
        s if s < 2.5 => "#e67e22",
        s if s < 3.5 => "#d4a017",
        s if s < 4.5 => "#7cb342",
        _ => "#2e8b57",
    }
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
