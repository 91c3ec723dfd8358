//! Contrast between two terminal colours as WCAG defines it, with the colours
//! read from xterm's default palette: how the themes are checked to stay
//! readable on a projector (4.5:1 for text, WCAG AA).

use ratatui::style::Color;

use super::theme::Theme;

/// The least contrast text keeps against its background.
pub const MIN_TEXT: f64 = 4.5;

/// xterm's default colours 0 to 15.
const XTERM_16: [(u8, u8, u8); 16] = [
    (0x00, 0x00, 0x00),
    (0xcd, 0x00, 0x00),
    (0x00, 0xcd, 0x00),
    (0xcd, 0xcd, 0x00),
    (0x00, 0x00, 0xee),
    (0xcd, 0x00, 0xcd),
    (0x00, 0xcd, 0xcd),
    (0xe5, 0xe5, 0xe5),
    (0x7f, 0x7f, 0x7f),
    (0xff, 0x00, 0x00),
    (0x00, 0xff, 0x00),
    (0xff, 0xff, 0x00),
    (0x5c, 0x5c, 0xff),
    (0xff, 0x00, 0xff),
    (0x00, 0xff, 0xff),
    (0xff, 0xff, 0xff),
];

/// xterm's colour `i` of 256: the 16 above, a 6×6×6 cube, 24 greys.
fn indexed(i: u8) -> (u8, u8, u8) {
    match i {
        0..=15 => XTERM_16[i as usize],
        16..=231 => {
            let n = i - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
            (level(n / 36), level(n / 6 % 6), level(n % 6))
        }
        _ => {
            let g = 8 + 10 * (i - 232);
            (g, g, g)
        }
    }
}

/// The red, green and blue of `c`, or of `default` (the terminal's own
/// foreground or background) for `Reset`.
pub fn rgb(c: Color, default: (u8, u8, u8)) -> (u8, u8, u8) {
    let named = |i: u8| indexed(i);
    match c {
        Color::Reset => default,
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => named(8),
        Color::LightRed => named(9),
        Color::LightGreen => named(10),
        Color::LightYellow => named(11),
        Color::LightBlue => named(12),
        Color::LightMagenta => named(13),
        Color::LightCyan => named(14),
        Color::White => named(15),
        Color::Indexed(i) => indexed(i),
        Color::Rgb(r, g, b) => (r, g, b),
    }
}

/// WCAG relative luminance.
pub fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let lin = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.039_28 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// The contrast ratio of two colours, from 1 (none) to 21 (black on white).
pub fn ratio(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// The terminal's own foreground and background a theme is made for: xterm's
/// white (colour 7) on black for the dark theme, black on white for the
/// light one.
pub fn ground(t: &Theme) -> ((u8, u8, u8), (u8, u8, u8)) {
    if *t == Theme::light() {
        ((0, 0, 0), (0xff, 0xff, 0xff))
    } else {
        (indexed(7), (0, 0, 0))
    }
}

/// The contrast of text in `fg` on `bg` in theme `t`, `Reset` meaning the
/// terminal's own colour.
pub fn of(t: &Theme, fg: Color, bg: Color) -> f64 {
    let (dfg, dbg) = ground(t);
    ratio(rgb(fg, dfg), rgb(bg, dbg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extremes_and_a_known_pair() {
        assert!((ratio((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((ratio((9, 9, 9), (9, 9, 9)) - 1.0).abs() < 1e-9);
        // xterm's colour 8 on the dark theme's selected cell: under 4.5.
        assert!(of(&Theme::dark(), Color::DarkGray, Color::Rgb(40, 40, 60)) < MIN_TEXT);
        assert_eq!(indexed(248), (168, 168, 168));
        assert_eq!(indexed(203), (255, 95, 95));
    }
}
