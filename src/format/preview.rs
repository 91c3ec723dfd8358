//! The first stages of a large map, read from the start of its file, so that the
//! editor can draw its first screen while the whole file is still being read and
//! validated. A preview is never a loaded map: nothing may be edited, saved or
//! acted on from it; it is only drawn, and replaced by the whole map (or by its
//! error) before the editor reads a key.
//!
//! Only a canonically written file gets a preview, and only when the stages read
//! are written back byte for byte as they stand: the bytes of a canonical file are
//! the map, so the stages shown are exactly the ones the whole load will keep.
//! Anything else (comments, hand-written layout, a map in a later format) gets no
//! preview and opens as before, whole.

use super::read::parse_text_with;
use super::{errors, write};
use crate::model::JourneyMap;

/// Where the list of stages starts in a canonical file.
const STAGES_OPEN: &str = "\n    stages: [\n";
/// The line that closes one stage of that list in a canonical file: deeper lines
/// are indented further, and strings never hold a line break (it is escaped).
const STAGE_CLOSE: &str = "\n        ),\n";
/// What closes the list and the map after the last stage read.
const TAIL: &str = "    ],\n)\n";

/// The map made of the title, the persona and the first `max_stages` stages of
/// `head`, the start of a canonical map file; `None` when `head` is not canonical,
/// holds fewer than one whole stage, or what it holds would not be valid.
pub fn preview(head: &[u8], max_stages: usize) -> Option<JourneyMap> {
    // The start may end in the middle of a character: what comes before is enough.
    let text = match std::str::from_utf8(head) {
        Ok(t) => t,
        Err(e) => std::str::from_utf8(head.get(..e.valid_up_to())?).ok()?,
    };
    let start = text.find(STAGES_OPEN)? + STAGES_OPEN.len();
    let mut cut = None;
    let mut from = start;
    for _ in 0..max_stages {
        let Some(at) = text.get(from..).and_then(|rest| rest.find(STAGE_CLOSE)) else {
            break;
        };
        from = from + at + STAGE_CLOSE.len();
        cut = Some(from);
    }
    let mut doc = String::with_capacity(cut? + TAIL.len());
    doc.push_str(text.get(..cut?)?);
    doc.push_str(TAIL);
    let parsed = parse_text_with(&doc, false).ok()?;
    if parsed.has_comments || write(&parsed.map) != doc || !errors(&parsed.map).is_empty() {
        return None;
    }
    Some(parsed.map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stage;

    fn map(stages: usize) -> JourneyMap {
        let mut m = JourneyMap::new("Big", "Pat");
        for i in 0..stages {
            let mut s = Stage::named(&format!("Stage {i}"));
            s.id = format!("s{i}");
            s.actions = vec![format!("Action {i}"), "Second, with ),\n inside".into()];
            m.stages.push(s);
        }
        m
    }

    #[test]
    fn the_first_stages_of_a_canonical_file_are_read_as_written() {
        let whole = map(30);
        let text = write(&whole);
        let head = text.as_bytes().get(..text.len() / 2).unwrap();
        let p = preview(head, 8).unwrap();
        assert_eq!(p.title, whole.title);
        assert_eq!(p.persona, whole.persona);
        assert_eq!(p.stages[..], whole.stages[..8]);
    }

    #[test]
    fn a_start_with_fewer_stages_gives_what_it_holds() {
        let whole = map(30);
        let text = write(&whole);
        let cut = text.find("Stage 3\"").unwrap();
        let p = preview(text.as_bytes().get(..cut).unwrap(), 8).unwrap();
        assert_eq!(p.stages[..], whole.stages[..3]);
    }

    #[test]
    fn no_preview_without_a_whole_stage_or_of_a_file_not_canonical() {
        let text = write(&map(5));
        let first_stage_end = text.find("Stage 1\"").unwrap();
        assert!(preview(text.as_bytes().get(..first_stage_end / 2).unwrap(), 8).is_none());
        // Comments, another layout, a cut in the middle of a character: no preview.
        let commented = text.replacen("    title:", "    // note\n    title:", 1);
        assert!(preview(commented.as_bytes(), 8).is_none());
        let spaced = text.replacen("title: ", "title:  ", 1);
        assert!(preview(spaced.as_bytes(), 8).is_none());
        let mut bytes = write(&map(3)).into_bytes();
        bytes.extend_from_slice("é".as_bytes().get(..1).unwrap());
        assert_eq!(preview(&bytes, 8).unwrap().stages.len(), 3);
        assert!(preview(b"", 8).is_none());
        assert!(preview(&[0xff, 0xfe, 0x00], 8).is_none());
    }

    #[test]
    fn every_start_of_a_file_gives_no_preview_or_the_stages_it_holds_whole() {
        let whole = map(6);
        let text = write(&whole);
        let mut previews = 0;
        for cut in 0..=text.len() {
            let Some(p) = preview(text.as_bytes().get(..cut).unwrap(), 4) else {
                continue;
            };
            previews += 1;
            assert_eq!((&p.title, &p.persona), (&whole.title, &whole.persona));
            assert!(!p.stages.is_empty() && p.stages.len() <= 4, "at {cut}");
            assert_eq!(p.stages[..], whole.stages[..p.stages.len()], "at {cut}");
            // Each stage it holds is in the start whole.
            let last = &p.stages[p.stages.len() - 1];
            assert!(text[..cut].contains(&format!("name: \"{}\"", last.name)));
        }
        assert!(previews > 0);
    }

    #[test]
    fn stages_that_would_not_be_valid_give_no_preview() {
        let mut m = map(4);
        if let Some(s) = m.stages.get_mut(1) {
            s.id = "s0".into();
        }
        let text = write(&m);
        assert!(preview(text.as_bytes(), 8).is_none());
    }
}
