//! The two places where map text meets something that could misread it: the RON
//! file (a reviewer must read strings as typed) and the terminal (a hostile map
//! must not be able to drive it).

use std::borrow::Cow;
use std::fmt::Write;

/// Characters that reorder text on screen (Trojan Source): shown and written as
/// escapes so a reviewer sees them.
pub fn is_bidi(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// C0, DEL and C1.
pub fn is_control(c: char) -> bool {
    c.is_control()
}

fn needs_escape(c: char) -> bool {
    is_control(c) || is_bidi(c)
}

/// Appends `s` as a canonical RON string literal, quotes included.
pub fn write_ron_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Map text made safe to print on a terminal: control and bidi characters become
/// visible escapes (`\n`, `\t`, `\u{1b}`); everything else is left as it is.
pub fn display(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Removes control characters from typed or pasted text before it reaches the model
/// (newlines and tabs become spaces); bidi marks stay, since they are text and are
/// escaped on the way out.
pub fn sanitize_input(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\n' | '\t' | '\r' => Some(' '),
            c if is_control(c) => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ron_strings_keep_text_as_typed() {
        let mut s = String::new();
        write_ron_string(
            &mut s,
            "l'été \"ok\" \\ 🎉 e\u{301} 漢\n\u{1b}[2J\u{202e}\u{85}\u{7f}",
        );
        assert_eq!(
            s,
            "\"l'été \\\"ok\\\" \\\\ 🎉 e\u{301} 漢\\n\\u{1b}[2J\\u{202e}\\u{85}\\u{7f}\""
        );
    }

    #[test]
    fn display_escapes_what_drives_a_terminal() {
        assert_eq!(display("plain"), "plain");
        assert_eq!(display("a\u{1b}]0;pwned\u{7}b"), "a\\u{1b}]0;pwned\\u{7}b");
        assert_eq!(display("x\u{2067}y"), "x\\u{2067}y");
    }
}
