//! Generated maps of a given size for the benchmarks: `items` items spread over
//! stages of about 50 items each, every lane used, realistic text lengths.
#![allow(dead_code)]

use cjm::model::*;

pub fn map_with_items(items: usize) -> JourneyMap {
    let stages = items.div_ceil(50).max(1);
    map_with_stages(stages, items)
}

pub fn map_with_stages(stages: usize, items: usize) -> JourneyMap {
    let mut m = JourneyMap::new("Generated journey for benchmarks", "Bench persona");
    m.persona.goals = vec!["Get things done quickly".into()];
    let per = items / stages.max(1);
    for s in 0..stages {
        let mut st = Stage::named(&format!("Stage {s} — ëxample"));
        st.goal = "Keep the customer moving".into();
        for i in 0..per {
            match i % 7 {
                0 => st
                    .actions
                    .push(format!("Customer does thing number {i} on the website")),
                1 => st
                    .thoughts
                    .push(format!("Is option {i} really worth the money?")),
                2 => st.touchpoints.push(Touchpoint {
                    personas: Vec::new(),
                    name: format!("Touchpoint {i}"),
                    channel: "Email".into(),
                    note: String::new(),
                    evidence: Vec::new(),
                }),
                3 => st.emotions.push(Emotion {
                    persona: String::new(),
                    score: (i % 5) as i64 + 1,
                    label: format!("Feeling {i}"),
                    note: String::new(),
                    evidence: Vec::new(),
                }),
                4 => st.pain_points.push(PainPoint {
                    personas: Vec::new(),
                    text: format!("Pain point {i}: \"slow\" checkout"),
                    severity: Level::High,
                    votes: 0,
                    evidence: Vec::new(),
                }),
                5 => st.optimizations.push(Optimization {
                    personas: Vec::new(),
                    text: format!("Fix number {i}"),
                    owner: "Team".into(),
                    priority: Level::Low,
                    status: Status::Planned,
                    votes: 0,
                    impact: None,
                    effort: None,
                    evidence: Vec::new(),
                }),
                _ => st.metrics.push(Metric {
                    personas: Vec::new(),
                    name: format!("KPI {i}"),
                    current: Some(i as f64 * 1.5),
                    target: Some(i as f64 * 2.0),
                    unit: "%".into(),
                    evidence: Vec::new(),
                }),
            }
        }
        m.stages.push(st);
    }
    m
}
