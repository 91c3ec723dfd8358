//! Map text on its way into markup. Control and bidi characters become visible
//! escapes (`\u{1b}`) as on the terminal, so an export can neither carry a live
//! escape sequence nor reorder what a reader sees, and XML stays well-formed (XML
//! 1.0 cannot hold most control characters even as character references).

use crate::text::display;

pub use crate::model::wording::metric;

/// "1 stage", "6 stages".
pub fn stages(n: usize) -> String {
    if n == 1 {
        "1 stage".into()
    } else {
        format!("{n} stages")
    }
}

/// Text for an XML or HTML text node or attribute value, on one line: a line break
/// shows as `\n`.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in display(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Noncharacters that XML 1.0 excludes.
            '\u{fffe}' => out.push_str("\\u{fffe}"),
            '\u{ffff}' => out.push_str("\\u{ffff}"),
            c => out.push(c),
        }
    }
    out
}

/// `xml` for text whose line breaks matter: each line escaped, joined with `<br/>`.
pub fn xml_lines(s: &str) -> String {
    s.split('\n').map(xml).collect::<Vec<_>>().join("<br/>")
}

/// Rough display width in ems of the text as `xml` will show it: enough to wrap
/// text in an SVG, which has no text layout of its own. Wide (CJK, emoji) characters
/// count double.
pub fn width_em(s: &str) -> f64 {
    display(s).chars().map(char_em).sum()
}

fn char_em(c: char) -> f64 {
    match c as u32 {
        0x1100..=0x115f | 0x2e80..=0xa4cf | 0xac00..=0xd7a3 | 0xf900..=0xfaff | 0xfe30..=0xfe4f => {
            1.0
        }
        0xff00..=0xff60 | 0xffe0..=0xffe6 | 0x1f000..=0x1faff | 0x20000..=0x3fffd => 1.0,
        0x300..=0x36f | 0x200b..=0x200d | 0xfe00..=0xfe0f => 0.0,
        _ if c.is_ascii_uppercase() || matches!(c, 'm' | 'w' | '@' | '%') => 0.68,
        _ if matches!(
            c,
            'i' | 'l' | 'j' | '.' | ',' | '\'' | '!' | '|' | ':' | ';'
        ) =>
        {
            0.28
        }
        _ => 0.52,
    }
}

/// Greedy word wrap to lines of at most `max_em` ems (as `width_em` measures);
/// a word longer than a line is cut. Line breaks in the text are kept.
pub fn wrap(s: &str, max_em: f64) -> Vec<String> {
    let mut lines = Vec::new();
    for para in s.split('\n') {
        let mut line = String::new();
        let mut w = 0.0;
        for word in para.split(' ') {
            let ww = width_em(word);
            let space = if line.is_empty() { 0.0 } else { char_em(' ') };
            if w + space + ww <= max_em {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
                w += space + ww;
                continue;
            }
            if ww <= max_em {
                // The word fits on a line of its own: start one.
                lines.push(std::mem::take(&mut line));
                w = 0.0;
            } else if !line.is_empty() {
                // Too long for any line: cut it, starting right here.
                line.push(' ');
                w += space;
            }
            for c in word.chars() {
                let cw = width_em(c.encode_utf8(&mut [0; 4]));
                if w + cw > max_em && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    w = 0.0;
                }
                line.push(c);
                w += cw;
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_controls_are_inert() {
        assert_eq!(
            xml("<b>&\"'\u{1b}[2J\u{202e}"),
            "&lt;b&gt;&amp;&quot;&#39;\\u{1b}[2J\\u{202e}"
        );
        assert_eq!(xml_lines("a\n<b>"), "a<br/>&lt;b&gt;");
    }

    #[test]
    fn wrap_keeps_words_and_cuts_long_ones() {
        assert_eq!(wrap("aa bb cc", 3.0), vec!["aa bb", "cc"]);
        assert!(
            wrap(&"x".repeat(50), 5.0)
                .iter()
                .all(|l| width_em(l) <= 5.0)
        );
        assert_eq!(wrap("a\nb", 10.0), vec!["a", "b"]);
    }
}
