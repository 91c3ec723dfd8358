//! A change too big for one pull-request comment: a map of 1,000 items with long
//! text, and a second version in which every one of them changed (a touchpoint's
//! note, a pain point's severity, an optimization's status, a KPI's value, an
//! emotion's score), so that each item is one change line in the diff.
#![allow(dead_code)]

use cjm::model::{
    Emotion, JourneyMap, Level, Metric, Optimization, PainPoint, Stage, Status, Touchpoint,
};

pub const STAGES: usize = 10;
/// Items per stage: 24 touchpoints, 25 pain points, 25 optimizations, 25 KPIs
/// and one emotion.
pub const PER_STAGE: usize = 100;
pub const ITEMS: usize = STAGES * PER_STAGE;

fn long(what: &str, s: usize, i: usize) -> String {
    format!(
        "{what} {s}.{i}: {}",
        "a long sentence from the workshop wall, as people write them on sticky notes \
         when the discussion runs over, with every detail they did not want to lose "
            .repeat(2)
            .trim_end()
    )
}

/// The map before (`after == false`) or after the change.
pub fn map(after: bool) -> JourneyMap {
    let mut m = JourneyMap {
        title: "A very large journey".into(),
        ..JourneyMap::default()
    };
    m.persona.name = "Sam".into();
    for s in 0..STAGES {
        let mut st = Stage::named(&format!("Stage {s}"));
        st.touchpoints = (0..24)
            .map(|i| Touchpoint {
                personas: Vec::new(),
                name: long("Touchpoint", s, i),
                channel: "Web".into(),
                note: if after { "seen again" } else { "seen once" }.into(),
                evidence: Vec::new(),
            })
            .collect();
        st.pain_points = (0..25)
            .map(|i| PainPoint {
                text: long("Pain point", s, i),
                severity: if after { Level::High } else { Level::Medium },
                ..PainPoint::default()
            })
            .collect();
        st.optimizations = (0..25)
            .map(|i| Optimization {
                text: long("Optimization", s, i),
                status: if after { Status::Done } else { Status::Idea },
                ..Optimization::default()
            })
            .collect();
        st.metrics = (0..25)
            .map(|i| Metric {
                personas: Vec::new(),
                name: long("KPI", s, i),
                current: Some(if after { 2.5 } else { 2.1 }),
                target: Some(3.0),
                unit: "%".into(),
                evidence: Vec::new(),
            })
            .collect();
        st.emotions = vec![Emotion {
            score: if after { 4 } else { 2 },
            label: "Waiting".into(),
            ..Emotion::default()
        }];
        m.stages.push(st);
    }
    m
}
