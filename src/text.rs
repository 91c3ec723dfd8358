//! Map text made safe for what reads it: a terminal (a hostile map must not be
//! able to retitle, clear or reorder the screen) and Markdown (map text must never
//! become markup, a link or a mention). Every command, export and the editor print
//! map text through here (docs/format.md#safe-display-text).

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

/// What the terminal and the canonical file both show as an escape.
fn needs_escape(c: char) -> bool {
    is_control(c) || is_bidi(c)
}

/// Map text made safe to print on a terminal: control and bidi characters become
/// visible escapes (`\n`, `\t`, `\u{1b}`); everything else is left as it is.
pub fn display(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    escape_into(&mut out, s, false);
    Cow::Owned(out)
}

/// Appends `s` with control and bidi characters as visible escapes (`\n`, `\t`,
/// `\r`, `\u{1b}`); with `quoted`, `"` and `\` are backslashed too, as inside a
/// RON string literal. The one escape loop of the terminal and the canonical
/// file, so a character that could mislead reads the same in both.
pub fn escape_into(out: &mut String, s: &str, quoted: bool) {
    for c in s.chars() {
        match c {
            '"' if quoted => out.push_str("\\\""),
            '\\' if quoted => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
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

/// Map text as inert Markdown on one line: terminal-safe first (control and bidi
/// characters as escapes), line breaks as `<br>`, every character that Markdown or
/// GitHub reads as inline syntax (emphasis, code, links, tables, HTML, entities,
/// headings, mentions, maths) backslash-escaped, and a start that would open a
/// list, a quote or a heading escaped too. The one escaper of the Markdown export
/// and the Markdown diff, so a text reads the same in both.
pub fn markdown(s: &str) -> String {
    let mut out = s
        .split('\n')
        .map(|line| markdown_inline(&display(line)))
        .collect::<Vec<_>>()
        .join("<br>");
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if matches!(out.chars().next(), Some('-' | '+' | '=')) {
        out.insert(0, '\\');
    } else if digits > 0 && matches!(out.chars().nth(digits), Some('.' | ')')) {
        out.insert(digits, '\\');
    }
    out
}

fn markdown_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '$' | '@'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_escapes_what_drives_a_terminal() {
        assert_eq!(display("plain"), "plain");
        assert_eq!(display("a\u{1b}]0;pwned\u{7}b"), "a\\u{1b}]0;pwned\\u{7}b");
        assert_eq!(display("x\u{2067}y"), "x\\u{2067}y");
    }

    #[test]
    fn markdown_syntax_is_escaped() {
        assert_eq!(
            markdown("# *a* [b](c) <i>"),
            "\\# \\*a\\* \\[b\\](c) \\<i\\>"
        );
        assert_eq!(markdown("a\nb|c"), "a<br>b\\|c");
        assert_eq!(markdown("\u{1b}[2J"), "\\\\u{1b}\\[2J");
        assert_eq!(markdown("- x"), "\\- x");
        assert_eq!(markdown("12. x"), "12\\. x");
        assert_eq!(markdown("a - b. c"), "a - b. c");
        // A mention would notify someone from a pull-request comment.
        assert_eq!(markdown("ask @design-team"), "ask \\@design-team");
    }
}
