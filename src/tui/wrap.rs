//! Text shaped to columns, one way for the whole editor: cards, the detail and
//! persona panels, slides, the conflict resolver and forms all wrap a sentence
//! with `wrap`, so it breaks in the same places wherever it is read. Widths are
//! display widths and breaks fall between graphemes, so an emoji, an accented
//! letter or a CJK character is never split or mismeasured. Text being typed
//! (the edit box, a form's focused field) needs every character kept (the
//! cursor maps onto them): `edit_pieces` breaks after spaces too, keeping them.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

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
/// `rest` for the others: broken at spaces where it can be; a word that fits
/// a line is never split (it moves to the next line whole, leaving the first
/// empty if the first is the narrower); a word longer than a line breaks after
/// a hyphen, else between graphemes (CJK runs have no spaces), never inside a
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
        let (sw, ww) = (spaces.width(), word.width());
        if used + sw + ww <= limit(lines.len()) {
            line.push_str(spaces);
            line.push_str(word);
            used += sw + ww;
            continue;
        }
        // A word that fits a line whole goes to the next line whole, even from
        // a first line narrower than the rest (a card's marker): a word is
        // split only when no line could hold it.
        if !word.is_empty() && ww <= limit(lines.len() + 1) {
            lines.push(std::mem::take(&mut line));
            if lines.len() >= max {
                cut = true;
                break 'text;
            }
            line.push_str(word);
            used = ww;
            continue;
        }
        // A word longer than a line breaks after a hyphen where it has one:
        // "Running-" "club".
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
            // The `…` after the last whole word that leaves room for it, so
            // that no word is shown cut; within the word when it is alone.
            let w = limit(n);
            let mut kept = last.as_str();
            while kept.width() + 1 > w {
                match kept.trim_end().rfind(' ') {
                    Some(i) => kept = kept.get(..i).unwrap_or_default().trim_end(),
                    None => break,
                }
            }
            *last = fit(&format!("{kept}…"), w);
        }
    } else if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A piece of wrapped text and the display column it starts at in the whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub start: usize,
    pub width: usize,
}

fn is_space(g: &str) -> bool {
    g.chars().all(char::is_whitespace)
}

fn str_width(s: &str) -> usize {
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// For an edit box: `s` cut into lines of at most `width` display columns, by grapheme (an emoji
/// or an accented letter is never split), breaking after spaces where it can.
/// Nothing is dropped: the pieces put end to end are `s`, so a cursor's column
/// maps onto them. One space may hang past the width at a line's end, where an
/// edit box keeps a column free for the cursor.
pub fn edit_pieces(s: &str, width: usize) -> Vec<Piece> {
    edit_pieces_by(s, |_| width)
}

fn edit_pieces_by(s: &str, width_of: impl Fn(usize) -> usize) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut line = String::new();
    let mut line_w = 0;
    let mut start = 0;
    // Byte offset in `line` just after its last space.
    let mut brk: Option<usize> = None;
    for g in s.graphemes(true) {
        let width = width_of(out.len()).max(1);
        let w = g.width();
        let space = is_space(g);
        let hangs = space && line_w + w <= width + 1;
        if line_w + w > width && !line.is_empty() && !hangs {
            match brk.filter(|b| *b < line.len() && !space) {
                Some(b) => {
                    let rest = line.split_off(b);
                    let rest_w = str_width(&rest);
                    let done = line_w - rest_w;
                    out.push(Piece {
                        text: std::mem::replace(&mut line, rest),
                        start,
                        width: done,
                    });
                    start += done;
                    line_w = rest_w;
                }
                None => {
                    out.push(Piece {
                        text: std::mem::take(&mut line),
                        start,
                        width: line_w,
                    });
                    start += line_w;
                    line_w = 0;
                }
            }
            brk = None;
        }
        line.push_str(g);
        line_w += w;
        if space {
            brk = Some(line.len());
        }
    }
    out.push(Piece {
        text: line,
        start,
        width: line_w,
    });
    out
}

/// The row and column of display column `col` of the text wrapped into `pieces`,
/// inside a box `width` wide. A column on a break is at the start of the next line.
pub fn cursor_in(pieces: &[Piece], col: usize, width: usize) -> (usize, usize) {
    let row = pieces
        .iter()
        .rposition(|p| p.start <= col)
        .unwrap_or_default();
    let start = pieces.get(row).map(|p| p.start).unwrap_or_default();
    (row, (col - start.min(col)).min(width.saturating_sub(1)))
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
        // The cut falls between words where it can.
        assert_eq!(
            wrap_at_most("studio opens every Monday morning", 25, 25, 1),
            ["studio opens every…"]
        );
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
        assert_eq!(
            wrap("5 Check-out & invoice", 10, 10),
            ["5", "Check-out", "& invoice"]
        );
    }

    /// Short words in a narrow column (fit zoom): each whole on its line, the
    /// first line left empty rather than a word split when only the lines
    /// after it are wide enough.
    #[test]
    fn a_word_that_fits_a_line_is_never_split() {
        assert_eq!(wrap("Receives a", 7, 9), ["", "Receives", "a"]);
        assert_eq!(wrap("Connects", 7, 9), ["", "Connects"]);
        assert_eq!(wrap("tomorrow's plan", 10, 10), ["tomorrow's", "plan"]);
        assert_eq!(wrap("a tomorrow's", 10, 10), ["a", "tomorrow's"]);
        // Only a word longer than every line is split.
        assert_eq!(
            wrap("a Superlongword", 5, 5),
            ["a", "Super", "longw", "ord"]
        );
    }

    fn joined(p: &[Piece]) -> String {
        p.iter().map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn wrap_keeps_every_grapheme_and_breaks_after_spaces() {
        let s = "Searches physio near me on her phone";
        let p = edit_pieces(s, 12);
        assert_eq!(joined(&p), s);
        assert!(p.iter().all(|p| p.text.trim_end().width() <= 12), "{p:?}");
        assert_eq!(
            wrap(s, 12, 12),
            vec!["Searches", "physio near", "me on her", "phone"]
        );
    }

    #[test]
    fn wrap_measures_wide_characters_and_never_splits_a_grapheme() {
        let s = "漢字漢字漢字 e\u{301}🎉🎉";
        let p = edit_pieces(s, 5);
        assert_eq!(joined(&p), s);
        for piece in &p {
            assert!(piece.text.trim_end().width() <= 5, "{p:?}");
        }
        assert!(p.iter().any(|p| p.text.contains("e\u{301}")));
        // A word longer than the line is cut where it must be.
        assert_eq!(wrap("abcdefgh", 3, 3), vec!["abc", "def", "gh"]);
    }

    #[test]
    fn the_cursor_lands_on_its_wrapped_line() {
        let p = edit_pieces("one two three", 6);
        assert_eq!(wrap("one two three", 6, 6), vec!["one", "two", "three"]);
        assert_eq!(cursor_in(&p, 0, 7), (0, 0));
        assert_eq!(cursor_in(&p, 4, 7), (1, 0), "the start of 'two'");
        assert_eq!(cursor_in(&p, 13, 7), (2, 5), "after the last letter");
        let p = edit_pieces("漢字漢字", 4);
        assert_eq!(cursor_in(&p, 6, 5), (1, 2));
    }
}
