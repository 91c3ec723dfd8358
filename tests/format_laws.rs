//! The laws of the canonical form (docs/format.md), as property tests over generated
//! maps with arbitrary Unicode and control characters, plus the golden example.
//! The generated maps come in both formats: format 2 when an item carries votes.

mod common;

use cjm::format::{load_str, write};
use proptest::prelude::*;

const GOLDEN: &str = include_str!("data/design-example.ron");

#[test]
fn the_design_example_reads_and_writes_back_byte_for_byte() {
    let loaded = load_str(GOLDEN).unwrap();
    assert_eq!(write(&loaded.map), GOLDEN);
    assert_eq!(
        loaded.map.persona.traits[1],
        ("Budget".into(), "up to 500 EUR".into())
    );
    assert_eq!(loaded.map.stages[0].metrics[0].current, Some(120000.0));
}

#[test]
fn every_example_map_is_valid_and_canonical() {
    let mut n = 0;
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/maps")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ron") {
            let text = std::fs::read_to_string(&path).unwrap();
            let loaded = load_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(
                write(&loaded.map),
                text,
                "{} is not canonical",
                path.display()
            );
            n += 1;
        }
    }
    assert!(n >= 3, "expected at least three example maps, found {n}");
}

#[test]
fn strings_are_written_as_typed() {
    let mut m = load_str(GOLDEN).unwrap().map;
    m.title = "l'été — café \"crème\" \\ 🎉 e\u{301} 漢字\n\t\r\u{1b}[2J\u{202e}\u{85}".into();
    let text = write(&m);
    assert!(text.contains(r#"title: "l'été — café \"crème\" \\ 🎉 e"#.to_owned().as_str()));
    assert!(text.contains("e\u{301} 漢字\\n\\t\\r\\u{1b}[2J\\u{202e}\\u{85}\",\n"));
    assert!(!text.contains("Some("));
    assert!(!text.contains("#!["));
    assert_eq!(load_str(&text).unwrap().map, m);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn load_of_write_is_identity(m in common::unicode_map()) {
        let text = write(&m);
        let back = load_str(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(back.map, m);
    }

    #[test]
    fn write_of_load_is_identity_for_canonical_text(m in common::unicode_map()) {
        let canonical = write(&m);
        let again = write(&load_str(&canonical).unwrap().map);
        prop_assert_eq!(again, canonical);
    }

    #[test]
    fn fmt_is_idempotent_on_hand_written_variants(m in common::unicode_map()) {
        // A hand-edited variant: comments, extra spaces, Some(...), no struct names.
        // Indentation is halved line by line, so text inside strings is untouched.
        let text: String = write(&m)
            .lines()
            .map(|l| {
                let body = l.trim_start_matches(' ');
                let indent = (l.len() - body.len()) / 2;
                format!("{}{body} \n", " ".repeat(indent))
            })
            .collect::<String>()
            .replace("Touchpoint(", "(");
        let text = format!("// a comment\n{text}");
        let once = write(&load_str(&text).unwrap().map);
        let twice = write(&load_str(&once).unwrap().map);
        prop_assert_eq!(&once, &twice);
        prop_assert_eq!(once, write(&m));
    }

    #[test]
    fn canonical_output_is_ron_to_the_reference_parser(m in common::unicode_map()) {
        let text = write(&m);
        let parsed: Result<ron::Value, _> = ron::from_str(&text);
        prop_assert!(parsed.is_ok(), "{:?}\n{}", parsed.err(), text);
    }

    #[test]
    fn one_changed_element_changes_only_its_lines(m in common::unicode_map(), new_text in common::required_text()) {
        prop_assume!(!m.stages.is_empty() && !m.stages[0].actions.is_empty());
        let mut m2 = m.clone();
        m2.stages[0].actions[0] = new_text;
        let (a, b) = (write(&m), write(&m2));
        let (la, lb): (Vec<_>, Vec<_>) = (a.lines().collect(), b.lines().collect());
        prop_assert_eq!(la.len(), lb.len());
        let changed = la.iter().zip(&lb).filter(|(x, y)| x != y).count();
        prop_assert!(changed <= 1);
    }

    #[test]
    fn the_format_written_is_the_lowest_that_holds_the_map(m in common::unicode_map()) {
        let text = write(&m);
        let voted = m.stages.iter().any(|s| {
            s.pain_points.iter().any(|p| p.votes > 0) || s.optimizations.iter().any(|o| o.votes > 0)
        });
        let expected = if voted { "format: 2," } else { "format: 1," };
        prop_assert_eq!(text.lines().nth(1).map(str::trim), Some(expected));
        // Read as format 2 whatever it says, it is written back the same.
        let as_2 = text.replacen("format: 1,", "format: 2,", 1);
        prop_assert_eq!(write(&load_str(&as_2).unwrap().map), text);
    }

    #[test]
    fn a_vote_changes_only_its_item_and_the_format_line(
        m in common::unicode_map(), votes in common::votes()
    ) {
        prop_assume!(m.stages.iter().any(|s| !s.pain_points.is_empty()));
        let mut m2 = m.clone();
        let s = m2.stages.iter_mut().find(|s| !s.pain_points.is_empty()).unwrap();
        s.pain_points[0].votes = votes;
        let (a, b) = (write(&m), write(&m2));
        let (la, lb): (Vec<_>, Vec<_>) = (a.lines().collect(), b.lines().collect());
        // Line by line after the item's own `votes:` line is taken out of both.
        let strip = |l: &Vec<&str>| -> Vec<String> {
            l.iter().filter(|x| !x.trim_start().starts_with("votes: ")).map(|x| x.to_string()).collect()
        };
        let (sa, sb) = (strip(&la), strip(&lb));
        prop_assert_eq!(sa.len(), sb.len());
        let changed: Vec<usize> = (0..sa.len()).filter(|&i| sa[i] != sb[i]).collect();
        prop_assert!(changed.is_empty() || changed == vec![1], "{:?}", changed);
        prop_assert!(la.len().abs_diff(lb.len()) <= 1);
        prop_assert_eq!(load_str(&b).unwrap().map, m2);
    }
}
