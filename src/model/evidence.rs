//! Research behind the cards (docs/format.md#format-5-evidence): the map's
//! evidence, the citations that point at it, and the confidence a card earns
//! from what it cites. Confidence is derived, never stored, so it cannot drift
//! from the evidence a team actually holds.

use serde::Serialize;

use super::{JourneyMap, Lane, Path};

/// One piece of research: an interview quote, a survey result, a number from
/// analytics. Cards cite it by `id`, which survives edits of the text.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Evidence {
    pub id: String,
    pub text: String,
    pub source: Source,
    /// Who or what it came from ("P4, school business manager, Leeds").
    pub from: String,
    /// `YYYY-MM-DD`, or empty when unknown.
    pub date: String,
    /// A URL or a path to the recording, the survey, the dashboard.
    pub link: String,
}

/// Where a piece of evidence came from: it decides how much a citation of it
/// is worth ([`Source::confidence`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub enum Source {
    #[default]
    Interview,
    Survey,
    Analytics,
    SupportTicket,
    Observation,
    Other,
}

impl Source {
    pub const ALL: [Source; 6] = [
        Source::Interview,
        Source::Survey,
        Source::Analytics,
        Source::SupportTicket,
        Source::Observation,
        Source::Other,
    ];
    /// The names the file uses, in order (see `Level::NAMES`).
    pub const NAMES: [&'static str; 6] = [
        "Interview",
        "Survey",
        "Analytics",
        "SupportTicket",
        "Observation",
        "Other",
    ];

    pub fn name(self) -> &'static str {
        match self {
            Source::Interview => "Interview",
            Source::Survey => "Survey",
            Source::Analytics => "Analytics",
            Source::SupportTicket => "SupportTicket",
            Source::Observation => "Observation",
            Source::Other => "Other",
        }
    }

    pub fn from_name(name: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Human wording ("support ticket" rather than the identifier).
    pub fn label(self) -> &'static str {
        match self {
            Source::Interview => "interview",
            Source::Survey => "survey",
            Source::Analytics => "analytics",
            Source::SupportTicket => "support ticket",
            Source::Observation => "observation",
            Source::Other => "other",
        }
    }

    /// Counted sources (analytics, surveys) measure; the others are research
    /// that a few people said or showed.
    pub fn confidence(self) -> Confidence {
        match self {
            Source::Analytics | Source::Survey => Confidence::Measured,
            _ => Confidence::Researched,
        }
    }
}

/// How well a card is backed, weakest first so that `max` picks the best
/// citation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Confidence {
    /// Cites nothing: the team believes it.
    Assumption,
    /// Cites interviews, support tickets, observations or other research.
    Researched,
    /// Cites analytics or a survey.
    Measured,
}

impl Confidence {
    pub const ALL: [Confidence; 3] = [
        Confidence::Assumption,
        Confidence::Researched,
        Confidence::Measured,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Confidence::Assumption => "assumption",
            Confidence::Researched => "research",
            Confidence::Measured => "measured",
        }
    }

    /// A mark that reads without colour: shape carries the meaning.
    pub fn glyph(self) -> &'static str {
        match self {
            Confidence::Assumption => "?",
            Confidence::Researched => "◐",
            Confidence::Measured => "●",
        }
    }
}

/// True when `date` is a real calendar date written `YYYY-MM-DD`.
pub fn is_calendar_date(date: &str) -> bool {
    let b = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = date.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return false;
    }
    let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

impl JourneyMap {
    /// True when the map holds evidence: only then does any surface show a
    /// confidence, so maps without research look exactly as before.
    pub fn has_evidence(&self) -> bool {
        !self.evidence.is_empty()
    }

    pub fn evidence_by_id(&self, id: &str) -> Option<&Evidence> {
        self.evidence.iter().find(|e| e.id == id)
    }

    /// The confidence a list of citations earns: the best source cited. An id
    /// the map does not hold counts for nothing (validation refuses it anyway).
    pub fn confidence_of_citations(&self, ids: &[String]) -> Confidence {
        ids.iter()
            .filter_map(|id| self.evidence_by_id(id))
            .map(|e| e.source.confidence())
            .max()
            .unwrap_or(Confidence::Assumption)
    }

    /// How many pain points stand on an assumption, on research, on a measure
    /// (indexed as `Confidence::ALL`): what `compare` and `history` count.
    pub fn pain_points_by_confidence(&self) -> [usize; 3] {
        let mut n = [0; 3];
        for p in self.stages.iter().flat_map(|s| &s.pain_points) {
            let c = self.confidence_of_citations(&p.evidence);
            if let Some(slot) = Confidence::ALL
                .iter()
                .position(|x| *x == c)
                .and_then(|i| n.get_mut(i))
            {
                *slot += 1;
            }
        }
        n
    }

    /// What an element cites: a stage's own citations for the stage and for
    /// its actions and thoughts (plain strings, which cannot carry fields), the
    /// item's for the other lanes. `None` when there is no such element.
    pub fn citations(&self, stage: usize, lane: Lane, index: usize) -> Option<&[String]> {
        let s = self.stages.get(stage)?;
        Some(match lane {
            Lane::Actions | Lane::Thoughts => {
                s.text_lane(lane)?.get(index)?;
                &s.evidence
            }
            Lane::Touchpoints => &s.touchpoints.get(index)?.evidence,
            Lane::Emotions => &s.emotions.get(index)?.evidence,
            Lane::PainPoints => &s.pain_points.get(index)?.evidence,
            Lane::Optimizations => &s.optimizations.get(index)?.evidence,
            Lane::Metrics => &s.metrics.get(index)?.evidence,
            Lane::Extra(id) => &s.extra.items(id).get(index)?.evidence,
        })
    }

    /// The confidence of a card, or `None` when the map holds no evidence (so
    /// nothing shows one) or there is no such card.
    pub fn confidence_of(&self, stage: usize, lane: Lane, index: usize) -> Option<Confidence> {
        if !self.has_evidence() {
            return None;
        }
        Some(self.confidence_of_citations(self.citations(stage, lane, index)?))
    }

    /// The confidence of a stage from its own citations (what backs its actions
    /// and thoughts); `None` as for [`JourneyMap::confidence_of`].
    pub fn stage_confidence(&self, stage: usize) -> Option<Confidence> {
        if !self.has_evidence() {
            return None;
        }
        Some(self.confidence_of_citations(&self.stages.get(stage)?.evidence))
    }

    /// The confidence of the element at `path`: a stage, an item, or a field of
    /// either. Other paths (the persona, the evidence itself) have none.
    pub fn confidence_at(&self, path: Path) -> Option<Confidence> {
        match path {
            Path::Stage(s) | Path::StageField(s, _) => self.stage_confidence(s),
            Path::Item(s, lane, i) | Path::ItemField(s, lane, i, _) => {
                self.confidence_of(s, lane, i)
            }
            _ => None,
        }
    }

    /// Every element that cites `id`, in map order: a stage as `Path::Stage`,
    /// an item as `Path::Item`.
    pub fn cited_by(&self, id: &str) -> Vec<Path> {
        self.citing_elements()
            .into_iter()
            .filter(|(_, ids)| ids.iter().any(|c| c == id))
            .map(|(p, _)| p)
            .collect()
    }

    /// Each element that may cite evidence, with its citations, in map order.
    pub fn citing_elements(&self) -> Vec<(Path, &[String])> {
        let mut out = Vec::new();
        for (s, st) in self.stages.iter().enumerate() {
            out.push((Path::Stage(s), st.evidence.as_slice()));
            let lanes: [(Lane, Vec<&[String]>); 5] = [
                (
                    Lane::Touchpoints,
                    st.touchpoints
                        .iter()
                        .map(|x| x.evidence.as_slice())
                        .collect(),
                ),
                (
                    Lane::Emotions,
                    st.emotions.iter().map(|x| x.evidence.as_slice()).collect(),
                ),
                (
                    Lane::PainPoints,
                    st.pain_points
                        .iter()
                        .map(|x| x.evidence.as_slice())
                        .collect(),
                ),
                (
                    Lane::Optimizations,
                    st.optimizations
                        .iter()
                        .map(|x| x.evidence.as_slice())
                        .collect(),
                ),
                (
                    Lane::Metrics,
                    st.metrics.iter().map(|x| x.evidence.as_slice()).collect(),
                ),
            ];
            for (lane, lists) in lanes {
                for (i, ids) in lists.into_iter().enumerate() {
                    out.push((Path::Item(s, lane, i), ids));
                }
            }
            for lane in self.extra_lanes() {
                for (i, item) in st.extra_items(lane).iter().enumerate() {
                    out.push((Path::Item(s, lane, i), item.evidence.as_slice()));
                }
            }
        }
        out
    }

    /// True when any element cites evidence.
    pub fn has_citations(&self) -> bool {
        self.citing_elements()
            .into_iter()
            .any(|(_, ids)| !ids.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Emotion, Metric, PainPoint, Stage};

    fn ev(id: &str, source: Source) -> Evidence {
        Evidence {
            id: id.into(),
            text: "said so".into(),
            source,
            ..Evidence::default()
        }
    }

    fn cites(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    fn map() -> JourneyMap {
        let mut m = JourneyMap::new("T", "P");
        let mut s = Stage::named("Trial");
        s.actions = vec!["Signs up".into()];
        s.evidence = cites(&["int-1"]);
        s.pain_points = vec![
            PainPoint {
                text: "Nothing cited".into(),
                ..PainPoint::default()
            },
            PainPoint {
                text: "Interview and survey".into(),
                evidence: cites(&["int-1", "srv-1"]),
                ..PainPoint::default()
            },
        ];
        s.emotions = vec![Emotion {
            evidence: cites(&["tix-1"]),
            ..Emotion::default()
        }];
        s.metrics = vec![Metric {
            name: "Activation".into(),
            evidence: cites(&["ga-1"]),
            ..Metric::default()
        }];
        m.stages = vec![s];
        m.evidence = vec![
            ev("int-1", Source::Interview),
            ev("srv-1", Source::Survey),
            ev("tix-1", Source::SupportTicket),
            ev("ga-1", Source::Analytics),
        ];
        m
    }

    #[test]
    fn confidence_is_the_best_source_cited() {
        let m = map();
        assert_eq!(
            m.confidence_of(0, Lane::PainPoints, 0),
            Some(Confidence::Assumption)
        );
        assert_eq!(
            m.confidence_of(0, Lane::PainPoints, 1),
            Some(Confidence::Measured)
        );
        assert_eq!(
            m.confidence_of(0, Lane::Emotions, 0),
            Some(Confidence::Researched)
        );
        assert_eq!(
            m.confidence_of(0, Lane::Metrics, 0),
            Some(Confidence::Measured)
        );
        assert_eq!(m.confidence_of(0, Lane::PainPoints, 9), None);
    }

    #[test]
    fn actions_and_thoughts_take_their_stages_confidence() {
        let m = map();
        assert_eq!(m.stage_confidence(0), Some(Confidence::Researched));
        assert_eq!(
            m.confidence_of(0, Lane::Actions, 0),
            Some(Confidence::Researched)
        );
        assert_eq!(m.confidence_of(0, Lane::Thoughts, 0), None);
        assert_eq!(
            m.confidence_at(Path::ItemField(0, Lane::Actions, 0, "text")),
            Some(Confidence::Researched)
        );
    }

    #[test]
    fn a_map_without_evidence_shows_no_confidence() {
        let mut m = map();
        m.evidence.clear();
        assert_eq!(m.confidence_of(0, Lane::PainPoints, 1), None);
        assert_eq!(m.stage_confidence(0), None);
    }

    #[test]
    fn an_unknown_citation_counts_for_nothing() {
        let m = map();
        assert_eq!(
            m.confidence_of_citations(&cites(&["nope"])),
            Confidence::Assumption
        );
    }

    #[test]
    fn cited_by_lists_every_citing_element_in_map_order() {
        let m = map();
        assert_eq!(
            m.cited_by("int-1"),
            vec![Path::Stage(0), Path::Item(0, Lane::PainPoints, 1)]
        );
        assert!(m.cited_by("unused").is_empty());
    }

    #[test]
    fn labels_glyphs_and_names() {
        assert_eq!(
            Confidence::ALL.map(Confidence::label),
            ["assumption", "research", "measured"]
        );
        assert_eq!(Confidence::ALL.map(Confidence::glyph), ["?", "◐", "●"]);
        assert_eq!(Source::ALL.map(Source::name), Source::NAMES);
        assert_eq!(Source::SupportTicket.label(), "support ticket");
        for s in Source::ALL {
            assert_eq!(Source::from_name(s.name()), Some(s));
        }
    }

    #[test]
    fn calendar_dates() {
        for good in ["2026-02-28", "2024-02-29", "2000-02-29", "1999-12-31"] {
            assert!(is_calendar_date(good), "{good}");
        }
        for bad in [
            "2026-02-30",
            "2025-02-29",
            "1900-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-1-01",
            "26-01-01",
            "2026/01/01",
            "2026-01-1a",
            "",
            "2026-04-31",
            "+026-01-01",
        ] {
            assert!(!is_calendar_date(bad), "{bad}");
        }
    }
}
