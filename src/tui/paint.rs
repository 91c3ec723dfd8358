//! The small painting toolkit every screen area draws with: text cut or placed
//! so that it never leaves the buffer, filled rectangles, boxes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::text::display;
use crate::tui::search;
use crate::tui::theme::Theme;

/// Resets every cell of `area` (inside the buffer) to blank.
pub fn clear(buf: &mut Buffer, area: Rect) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if let Some(c) = buf.cell_mut((x, y)) {
                c.reset();
            }
        }
    }
}

/// Writes `s` at (x, y) in at most `w` columns, never outside the buffer.
pub fn put(buf: &mut Buffer, x: u16, y: u16, s: &str, w: u16, style: Style) {
    let a = buf.area;
    if y < a.y || y >= a.bottom() || x < a.x || x >= a.right() {
        return;
    }
    let w = w.min(a.right() - x);
    buf.set_stringn(x, y, s, w as usize, style);
}

/// `s` cut to `w` display columns, with `…` where it was cut. Looks no further
/// into `s` than the columns it fills, so a 1 MB text costs what is shown.
pub fn fit(s: &str, w: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    // How much of `out` stays when the text is cut: what leaves a column for `…`.
    let mut keep = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw > w {
            out.truncate(keep);
            if w > 0 {
                out.push('…');
            }
            return out;
        }
        out.push(c);
        used += cw;
        if used < w {
            keep = out.len();
        }
    }
    out
}

/// The most lines `wrap` makes of one text: far more than a screen shows, few
/// enough that a pasted megabyte costs a frame no more than a screenful does.
pub const MAX_WRAPPED_LINES: usize = 1_000;

/// The start of `s`, at most `max_bytes` long (cut on a character boundary),
/// and whether anything was cut: drawing looks no further into a text than a
/// screen could show of it.
pub fn head(s: &str, max_bytes: usize) -> (&str, bool) {
    if s.len() <= max_bytes {
        return (s, false);
    }
    let mut end = max_bytes;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    (s.get(..end).unwrap_or_default(), true)
}

/// `s` in lines of at most `first` display columns for the first line and
/// `rest` for the others: broken at spaces where it can be, between graphemes
/// or after a hyphen, between graphemes inside a word longer than a line (CJK
/// runs have no spaces), never inside a
/// grapheme, so an emoji or an accented letter stays whole. Nothing is dropped
/// but the spaces where a line breaks, up to `MAX_WRAPPED_LINES` lines.
pub fn wrap(s: &str, first: usize, rest: usize) -> Vec<String> {
    wrap_at_most(s, first, rest, MAX_WRAPPED_LINES)
}

/// `wrap`, stopping after `max` lines, the last of them ending in `…` when text
/// was left out. The work is that of the lines made, whatever the length of `s`.
pub fn wrap_at_most(s: &str, first: usize, rest: usize, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut used = 0usize;
    let limit = |n: usize| if n == 0 { first.max(1) } else { rest.max(1) };
    let mut cut = false;
    // Words with the spaces before them: "a  b" is ["a", "  b"], taken one at a
    // time so that nothing past the last line is looked at.
    let mut rest_of = s;
    'text: while !rest_of.is_empty() {
        let lead = rest_of.len() - rest_of.trim_start_matches(' ').len();
        let (spaces, tail) = rest_of.split_at(lead);
        let end = tail.find(' ').unwrap_or(tail.len());
        let (word, next) = tail.split_at(end);
        rest_of = next;
        // A line may also break after a hyphen: "Running-" "club".
        let empty = word.is_empty().then_some("");
        for (k, word) in word.split_inclusive('-').chain(empty).enumerate() {
            let spaces = if k == 0 { spaces } else { "" };
            let sw = spaces.width();
            let ww = word.width();
            let max_w = limit(lines.len());
            if used + sw + ww <= max_w {
                line.push_str(spaces);
                line.push_str(word);
                used += sw + ww;
                continue;
            }
            // The word goes on the next line, whole if it fits there.
            if used > 0 && ww <= limit(lines.len() + 1) {
                lines.push(std::mem::take(&mut line));
                if lines.len() >= max {
                    // Spaces at the very end are all that is left when the
                    // word is empty: nothing is cut.
                    cut = !word.is_empty();
                    break 'text;
                }
                line.push_str(word);
                used = ww;
                continue;
            }
            // A word longer than any line starts on a line of its own, then
            // breaks where the line ends.
            if used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
                if lines.len() >= max {
                    cut = true;
                    break 'text;
                }
            }
            for g in word.graphemes(true) {
                let gw = g.width();
                if used > 0 && used + gw > limit(lines.len()) {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                    if lines.len() >= max {
                        cut = true;
                        break 'text;
                    }
                }
                line.push_str(g);
                used += gw;
            }
        }
    }
    if cut {
        let n = lines.len().saturating_sub(1);
        if let Some(last) = lines.last_mut() {
            *last = fit(&format!("{last}…"), limit(n));
        }
    } else if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

pub fn fill(buf: &mut Buffer, r: Rect, style: Style) {
    let r = r.intersection(buf.area);
    for y in r.top()..r.bottom() {
        for x in r.left()..r.right() {
            if let Some(c) = buf.cell_mut((x, y)) {
                c.set_style(style);
            }
        }
    }
}

/// Draws a bordered, cleared box and returns its inside.
pub fn boxed(buf: &mut Buffer, theme: &Theme, r: Rect, title: &str) -> Rect {
    let r = r.intersection(buf.area);
    clear(buf, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(Style::default().fg(theme.accent))
        .title(fit(&display(title), r.width.saturating_sub(4) as usize));
    let inner = block.inner(r);
    ratatui::widgets::Widget::render(block, r, buf);
    inner
}

pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Marks every match of `query` in `line`, which is already drawn at (x, y) in
/// at most `w` columns (search results, highlighted where they are shown).
pub fn highlight(buf: &mut Buffer, theme: &Theme, x: u16, y: u16, w: u16, line: &str, query: &str) {
    let style = Style::default()
        .fg(theme.select_fg)
        .bg(theme.notice)
        .add_modifier(ratatui::style::Modifier::BOLD);
    for r in search::ranges(line, query) {
        let from = line.get(..r.start).map(|s| s.width()).unwrap_or(0) as u16;
        let to = line.get(..r.end).map(|s| s.width()).unwrap_or(0) as u16;
        let to = to.min(w);
        if from < to {
            fill(buf, Rect::new(x + from, y, to - from, 1), style);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_and_keeps_every_word() {
        let w = wrap("Reads the three most recent reviews", 12, 12);
        assert_eq!(w, ["Reads the", "three most", "recent", "reviews"]);
    }

    #[test]
    fn wrap_breaks_long_words_and_cjk_by_grapheme_and_width() {
        let w = wrap("予約フォームが長すぎる", 7, 7);
        assert!(w.iter().all(|l| l.width() <= 7), "{w:?}");
        assert_eq!(w.concat(), "予約フォームが長すぎる");
        let e = wrap("👩‍⚕️👩‍⚕️👩‍⚕️ ok", 4, 4);
        assert!(e.iter().all(|l| l.width() <= 4), "{e:?}");
        assert_eq!(e.concat().replace(' ', ""), "👩‍⚕️👩‍⚕️👩‍⚕️ok");
    }

    #[test]
    fn wrap_at_most_stops_after_its_lines_and_marks_the_cut() {
        let long = "word ".repeat(200_000);
        let w = wrap_at_most(&long, 10, 10, 3);
        assert_eq!(w.len(), 3);
        assert!(w[2].ends_with('…') && w[2].width() <= 10, "{w:?}");
        assert_eq!(wrap(&long, 10, 10).len(), MAX_WRAPPED_LINES);
        let unbroken = "x".repeat(1_000_000);
        assert_eq!(wrap_at_most(&unbroken, 5, 5, 2), ["xxxxx", "xxxx…"]);
        // Text that fits in the lines given is not cut.
        assert_eq!(wrap_at_most("one two", 3, 3, 2), ["one", "two"]);
        assert_eq!(wrap_at_most("one two ", 3, 3, 2), ["one", "two"]);
        assert_eq!(wrap("one two ", 3, 3), ["one", "two"]);
    }

    #[test]
    fn fit_cuts_where_the_columns_end() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 3), "abc");
        assert_eq!(fit("漢字", 3), "漢…");
        assert_eq!(fit("漢字", 4), "漢字");
        assert_eq!(fit("ab", 0), "");
        assert_eq!(fit(&"y".repeat(1_000_000), 3), "yy…");
    }

    #[test]
    fn wrap_of_a_first_line_narrower_than_the_rest() {
        let w = wrap("aaaa bbbb cccc", 4, 9);
        assert_eq!(w, ["aaaa", "bbbb cccc"]);
        assert_eq!(wrap("", 5, 5), [""]);
        assert_eq!(
            wrap("a Running-club group", 9, 9),
            ["a", "Running-", "club", "group"]
        );
    }
}
