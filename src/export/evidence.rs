//! What every drawn export (Markdown, HTML, SVG, the text view) says about
//! evidence (docs/exports.md): a card's confidence as a glyph and a word, never
//! colour alone, and its citations as footnote-style ids that point into the
//! export's evidence list. One wording, so the formats agree.

use crate::model::{Confidence, JourneyMap, Path, item_noun};

/// `◐ research`: the shape reads without colour, the word without the legend.
pub fn mark(c: Confidence) -> String {
    format!("{} {}", c.glyph(), c.label())
}

/// What each confidence means, for a legend.
pub fn meaning(c: Confidence) -> &'static str {
    match c {
        Confidence::Assumption => "cites no evidence",
        Confidence::Researched => {
            "cites interviews, support tickets, observations or other research"
        }
        Confidence::Measured => "cites analytics or a survey",
    }
}

/// `[int-03] [srv-01]`: the ids a card cites, as footnote marks.
pub fn refs(ids: &[String]) -> String {
    let marks: Vec<String> = ids.iter().map(|id| format!("[{id}]")).collect();
    marks.join(" ")
}

/// True for a link that an export may make clickable: a web or mail address or
/// a path without a scheme. Anything else (`javascript:`, `data:`) stays text,
/// since a map's text is not trusted.
pub fn is_safe_link(link: &str) -> bool {
    let lower = link.trim().to_ascii_lowercase();
    if ["http://", "https://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return true;
    }
    // A scheme is letters, digits, `+`, `-`, `.` before the first `:`; a path
    // has a `/` (or nothing) there first.
    match lower.find(':') {
        None => !lower.is_empty(),
        Some(i) => lower.get(..i).is_some_and(|before| before.contains('/')),
    }
}

/// What cites `id`, one entry per stage or card: `Trial: pain point “…”`.
pub fn cited_by(map: &JourneyMap, id: &str) -> Vec<String> {
    map.cited_by(id)
        .into_iter()
        .filter_map(|p| match p {
            Path::Stage(s) => Some(format!("{} (stage)", map.stages.get(s)?.name)),
            Path::Item(s, lane, i) => {
                let stage = map.stages.get(s)?;
                let text = stage.lane_texts(lane).get(i).copied()?;
                Some(format!("{}: {} “{text}”", stage.name, item_noun(lane)))
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_mail_and_plain_paths_become_links() {
        for ok in [
            "https://x.example/a",
            "HTTP://x",
            "mailto:a@b",
            "research/p4.mp3",
            "../a:b",
        ] {
            assert!(is_safe_link(ok), "{ok}");
        }
        for bad in ["javascript:alert(1)", "data:text/html,x", " vbscript:x", ""] {
            assert!(!is_safe_link(bad), "{bad}");
        }
    }
}
