//! Generators of valid maps with hostile text, shared by the property tests.
#![allow(dead_code)]

use cjm::model::*;
use proptest::collection::vec;
use proptest::prelude::*;

/// Any Unicode, control and bidi characters included.
pub fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z '\"\\\\\n\t\r\u{1b}\u{7f}\u{85}\u{202e}\u{2066}é🎉漢\u{301}]{0,12}",
    ]
}

/// Text that validation accepts where a value is required (not blank).
pub fn required_text() -> impl Strategy<Value = String> {
    any_text().prop_map(|s| format!("x{s}"))
}

fn number() -> impl Strategy<Value = Option<f64>> {
    proptest::option::of(any::<f64>().prop_filter("finite", |v| v.is_finite()))
}

fn level() -> impl Strategy<Value = Level> {
    prop::sample::select(Level::ALL.to_vec())
}

fn status() -> impl Strategy<Value = Status> {
    prop::sample::select(Status::ALL.to_vec())
}

fn stage() -> impl Strategy<Value = Stage> {
    stage_with(
        required_text().boxed(),
        any_text().boxed(),
        number().boxed(),
    )
}

/// A valid stage (id left empty for the caller) from strategies for required
/// text, optional text and optional numbers, so each suite can choose how
/// hostile its text is.
pub fn stage_with(
    required: BoxedStrategy<String>,
    optional: BoxedStrategy<String>,
    number: BoxedStrategy<Option<f64>>,
) -> impl Strategy<Value = Stage> {
    let (r, o, n) = (required, optional, number);
    (
        (
            r.clone(),
            o.clone(),
            vec(r.clone(), 0..3),
            vec(r.clone(), 0..3),
        ),
        vec((r.clone(), o.clone(), o.clone()), 0..3),
        vec((1i64..=5, r.clone(), o.clone()), 0..3),
        vec((r.clone(), level()), 0..3),
        vec((r.clone(), o.clone(), level(), status()), 0..3),
        vec((r, n.clone(), n, o), 0..3),
    )
        .prop_map(
            |((name, goal, actions, thoughts), tps, ems, pains, opts, mets)| Stage {
                id: String::new(),
                name,
                goal,
                actions,
                thoughts,
                touchpoints: tps
                    .into_iter()
                    .map(|(name, channel, note)| Touchpoint {
                        name,
                        channel,
                        note,
                    })
                    .collect(),
                emotions: ems
                    .into_iter()
                    .map(|(score, label, note)| Emotion { score, label, note })
                    .collect(),
                pain_points: pains
                    .into_iter()
                    .map(|(text, severity)| PainPoint { text, severity })
                    .collect(),
                optimizations: opts
                    .into_iter()
                    .map(|(text, owner, priority, status)| Optimization {
                        text,
                        owner,
                        priority,
                        status,
                    })
                    .collect(),
                metrics: mets
                    .into_iter()
                    .map(|(name, current, target, unit)| Metric {
                        name,
                        current,
                        target,
                        unit,
                    })
                    .collect(),
            },
        )
}

pub fn persona() -> impl Strategy<Value = Persona> {
    (
        (required_text(), any_text(), any_text(), any_text()),
        (
            vec(required_text(), 0..3),
            vec(required_text(), 0..3),
            vec(required_text(), 0..2),
            vec(required_text(), 0..2),
        ),
        vec((required_text(), any_text()), 0..3),
    )
        .prop_map(
            |((name, role, quote, summary), (goals, needs, frustrations, behaviors), traits)| {
                Persona {
                    name,
                    role,
                    quote,
                    summary,
                    goals,
                    needs,
                    frustrations,
                    behaviors,
                    traits,
                }
            },
        )
}

/// A valid map: unique slug ids, scores 1–5, no blank required text.
pub fn map() -> impl Strategy<Value = JourneyMap> {
    (
        (
            required_text(),
            any_text(),
            any_text(),
            vec(required_text(), 0..3),
        ),
        persona(),
        vec(stage(), 0..5),
    )
        .prop_map(
            |((title, summary, framework, objectives), persona, mut stages)| {
                for (i, s) in stages.iter_mut().enumerate() {
                    s.id = format!("{}-{i}", slugify(&s.name));
                }
                JourneyMap {
                    title,
                    summary,
                    framework,
                    objectives,
                    persona,
                    stages,
                }
            },
        )
}
