//! Map text in the RON file: strings written as typed, with only what a reviewer
//! could misread escaped (docs/format.md#strings). Safe display text for terminals
//! and Markdown is `crate::text`.

use crate::text::escape_into;

/// Appends `s` as a canonical RON string literal, quotes included.
pub fn write_ron_string(out: &mut String, s: &str) {
    out.push('"');
    escape_into(out, s, true);
    out.push('"');
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
}
