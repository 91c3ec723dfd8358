//! Laws of the semantic diff and the three-way merge (DESIGN.md §4 and §6), on
//! generated small valid maps, plus the behaviour reviewers rely on.

use cjm::diff::{self, Edit, Place, apply, diff};
use cjm::format;
use cjm::diff::merge::merge;
use cjm::model::{
    Emotion, JourneyMap, Lane, Level, Metric, Optimization, PainPoint, Persona, Stage, Status,
    Touchpoint,
};
use proptest::prelude::*;

// ---------------------------------------------------------------- generators

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "Reel", "Newsletter", "Store visit", "Call centre", "Checkout", "Reviews",
            "Price page", "Demo", "Chat", "Invoice",
        ])
        .prop_map(str::to_string),
        2 => "[a-z]{1,6}( [a-z]{1,6}){0,2}",
        1 => "[a-zé漢🎉\u{1b}]{1,4}",
    ]
}

fn level() -> impl Strategy<Value = Level> {
    prop::sample::select(Level::ALL.to_vec())
}

fn touchpoint() -> impl Strategy<Value = Touchpoint> {
    (
        text(),
        prop::sample::select(vec!["", "Social", "Email", "Store"]),
        prop::option::of(text()),
    )
        .prop_map(|(name, channel, note)| Touchpoint {
            name,
            channel: channel.into(),
            note: note.unwrap_or_default(),
        })
}

fn emotion() -> impl Strategy<Value = Emotion> {
    (1i64..=5, text()).prop_map(|(score, label)| Emotion {
        score,
        label,
        note: String::new(),
    })
}

fn pain() -> impl Strategy<Value = PainPoint> {
    (text(), level()).prop_map(|(text, severity)| PainPoint { text, severity })
}

fn optimization() -> impl Strategy<Value = Optimization> {
    (
        text(),
        prop::option::of(text()),
        level(),
        prop::sample::select(Status::ALL.to_vec()),
    )
        .prop_map(|(text, owner, priority, status)| Optimization {
            text,
            owner: owner.unwrap_or_default(),
            priority,
            status,
        })
}

fn metric() -> impl Strategy<Value = Metric> {
    (
        text(),
        prop::option::of(0u32..1000),
        prop::option::of(0u32..1000),
    )
        .prop_map(|(name, c, t)| Metric {
            name,
            current: c.map(f64::from),
            target: t.map(f64::from),
            unit: String::new(),
        })
}

fn texts(n: usize) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), 0..n)
}

fn stage(id: &'static str) -> impl Strategy<Value = Stage> {
    (
        text(),
        prop::option::of(text()),
        texts(3),
        texts(3),
        prop::collection::vec(touchpoint(), 0..3),
        prop::collection::vec(emotion(), 0..3),
        prop::collection::vec(pain(), 0..3),
        prop::collection::vec(optimization(), 0..3),
        prop::collection::vec(metric(), 0..2),
    )
        .prop_map(
            move |(name, goal, actions, thoughts, tps, emos, pains, opts, mets)| Stage {
                id: id.to_string(),
                name,
                goal: goal.unwrap_or_default(),
                actions,
                thoughts,
                touchpoints: tps,
                emotions: emos,
                pain_points: pains,
                optimizations: opts,
                metrics: mets,
            },
        )
}

const IDS: [&str; 6] = [
    "awareness",
    "consideration",
    "decision",
    "retention",
    "advocacy",
    "x-2",
];

fn stages() -> impl Strategy<Value = Vec<Stage>> {
    prop::sample::subsequence(IDS.to_vec(), 0..=4)
        .prop_shuffle()
        .prop_flat_map(|ids| ids.into_iter().map(stage).collect::<Vec<_>>())
}

fn map() -> impl Strategy<Value = JourneyMap> {
    (
        text(),
        prop::option::of(text()),
        texts(3),
        text(),
        prop::option::of(text()),
        texts(3),
        texts(2),
        prop::collection::vec((text(), text()), 0..3),
        stages(),
    )
        .prop_map(
            |(title, summary, objectives, name, role, goals, needs, traits, stages)| JourneyMap {
                title,
                summary: summary.unwrap_or_default(),
                framework: String::new(),
                objectives,
                persona: Persona {
                    name,
                    role: role.unwrap_or_default(),
                    goals,
                    needs,
                    traits,
                    ..Persona::default()
                },
                stages,
            },
        )
}

/// An edit a person makes in one branch; indices wrap around whatever is there.
#[derive(Debug, Clone)]
enum Op {
    AddItem(usize, usize, usize, String),
    RemoveItem(usize, usize, usize),
    EditItem(usize, usize, usize, String),
    MoveItem(usize, usize, usize, usize),
    Rename(usize, String),
    MoveStage(usize, usize),
    RemoveStage(usize),
    AddStage(usize, Stage),
    Title(String),
    AddGoal(String),
}

fn op() -> impl Strategy<Value = Op> {
    let n = 0usize..8;
    prop_oneof![
        (n.clone(), n.clone(), n.clone(), text()).prop_map(|(s, l, i, t)| Op::AddItem(s, l, i, t)),
        (n.clone(), n.clone(), n.clone()).prop_map(|(s, l, i)| Op::RemoveItem(s, l, i)),
        (n.clone(), n.clone(), n.clone(), "[a-z]{1,3}")
            .prop_map(|(s, l, i, t)| Op::EditItem(s, l, i, t)),
        (n.clone(), n.clone(), n.clone(), n.clone())
            .prop_map(|(s, l, i, j)| Op::MoveItem(s, l, i, j)),
        (n.clone(), text()).prop_map(|(s, t)| Op::Rename(s, t)),
        (n.clone(), n.clone()).prop_map(|(a, b)| Op::MoveStage(a, b)),
        n.clone().prop_map(Op::RemoveStage),
        (
            n.clone(),
            prop::sample::select(vec!["new-one", "new-two"]).prop_flat_map(stage)
        )
            .prop_map(|(at, s)| Op::AddStage(at, s)),
        text().prop_map(Op::Title),
        text().prop_map(Op::AddGoal),
    ]
}

/// Applies an op to the action, thought or pain point lanes (strings and a struct).
fn lane_op(s: &mut Stage, lane: usize, f: &mut dyn FnMut(&mut Vec<String>)) {
    match lane % 3 {
        0 => f(&mut s.actions),
        1 => f(&mut s.thoughts),
        _ => {
            let mut v: Vec<String> = s.pain_points.iter().map(|p| p.text.clone()).collect();
            let sev: Vec<Level> = s.pain_points.iter().map(|p| p.severity).collect();
            f(&mut v);
            s.pain_points = v
                .into_iter()
                .enumerate()
                .map(|(k, text)| PainPoint {
                    text,
                    severity: sev.get(k).copied().unwrap_or_default(),
                })
                .collect();
        }
    }
}

fn run(map: &JourneyMap, ops: &[Op]) -> JourneyMap {
    let mut m = map.clone();
    for op in ops {
        let n = m.stages.len();
        match op.clone() {
            Op::Title(t) => m.title = t,
            Op::AddGoal(t) => m.persona.goals.push(t),
            Op::AddStage(at, s) => {
                if m.stage_index(&s.id).is_none() {
                    m.stages.insert(at % (n + 1), s);
                }
            }
            _ if n == 0 => {}
            Op::RemoveStage(s) => {
                m.stages.remove(s % n);
            }
            Op::MoveStage(a, b) => {
                let s = m.stages.remove(a % n);
                m.stages.insert(b % n, s);
            }
            Op::Rename(s, t) => m.stages[s % n].name = t,
            Op::AddItem(s, l, i, t) => lane_op(&mut m.stages[s % n], l, &mut |v| {
                let at = i % (v.len() + 1);
                v.insert(at, t.clone());
            }),
            Op::RemoveItem(s, l, i) => lane_op(&mut m.stages[s % n], l, &mut |v| {
                if !v.is_empty() {
                    let at = i % v.len();
                    v.remove(at);
                }
            }),
            Op::EditItem(s, l, i, t) => lane_op(&mut m.stages[s % n], l, &mut |v| {
                let len = v.len();
                if let Some(x) = v.get_mut(i % len.max(1)) {
                    x.push_str(&t);
                }
            }),
            Op::MoveItem(s, l, i, j) => lane_op(&mut m.stages[s % n], l, &mut |v| {
                if !v.is_empty() {
                    let x = v.remove(i % v.len());
                    let at = j % (v.len() + 1);
                    v.insert(at, x);
                }
            }),
        }
    }
    m
}

/// 200 by default; `PROPTEST_CASES=5000 cargo test --release` for a deeper run.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200)
}

fn valid(m: &JourneyMap) -> bool {
    format::errors(m).is_empty()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn generated_maps_are_valid(a in map()) {
        prop_assert!(valid(&a), "{:?}", format::errors(&a));
    }

    #[test]
    fn a_map_has_no_diff_with_itself(a in map()) {
        prop_assert!(diff(&a, &a).is_empty());
    }

    #[test]
    fn applying_the_diff_gives_the_new_map(a in map(), b in map()) {
        prop_assert_eq!(apply(&a, &diff(&a, &b)).unwrap(), b);
    }

    #[test]
    fn applying_the_diff_of_an_edit_gives_the_edited_map(
        a in map(), ops in prop::collection::vec(op(), 0..6)
    ) {
        let b = run(&a, &ops);
        prop_assert_eq!(apply(&a, &diff(&a, &b)).unwrap(), b);
    }

    #[test]
    fn merging_with_an_unchanged_side_takes_the_other(b in map(), x in map()) {
        let (m, c) = merge(&b, &x, &b);
        prop_assert!(c.is_empty());
        prop_assert_eq!(m, x.clone());
        let (m, c) = merge(&b, &b, &x);
        prop_assert!(c.is_empty());
        prop_assert_eq!(m, x.clone());
        let (m, c) = merge(&b, &x, &x);
        prop_assert!(c.is_empty());
        prop_assert_eq!(m, x);
    }

    #[test]
    fn merge_laws_hold_for_edits(
        b in map(), ops in prop::collection::vec(op(), 0..6)
    ) {
        let x = run(&b, &ops);
        prop_assert_eq!(merge(&b, &x, &b).0, x.clone());
        prop_assert_eq!(merge(&b, &b, &x).0, x.clone());
        prop_assert_eq!(merge(&b, &x, &x).0, x);
    }

    #[test]
    fn merge_is_valid_and_symmetric_without_conflicts(
        b in map(),
        xo in prop::collection::vec(op(), 0..5),
        yo in prop::collection::vec(op(), 0..5),
    ) {
        let x = run(&b, &xo);
        let y = run(&b, &yo);
        let (m1, c1) = merge(&b, &x, &y);
        let (m2, c2) = merge(&b, &y, &x);
        prop_assert!(valid(&m1), "{:?}", format::errors(&m1));
        prop_assert!(valid(&m2));
        prop_assert_eq!(c1.is_empty(), c2.is_empty());
        if c1.is_empty() {
            prop_assert_eq!(m1, m2);
        }
    }

    #[test]
    fn merge_of_unrelated_maps_is_valid(b in map(), x in map(), y in map()) {
        let (m, _) = merge(&b, &x, &y);
        prop_assert!(valid(&m), "{:?}", format::errors(&m));
    }
}

// ---------------------------------------------------------------- examples

fn example() -> JourneyMap {
    let text = std::fs::read_to_string("tests/data/design-example.ron").unwrap();
    format::load_str(&text).unwrap().map
}

#[test]
fn a_renamed_stage_is_one_rename() {
    let a = example();
    let mut b = a.clone();
    b.stages[0].name = "Discovery".into();
    let d = diff(&a, &b);
    assert_eq!(d.len(), 1);
    assert!(matches!(&d[0].place, Place::Stage(r) if r.id == "awareness"));
    assert!(matches!(&d[0].edit, Edit::Set { field: "name", .. }));
}

#[test]
fn a_moved_stage_is_one_move() {
    let mut a = example();
    a.stages.push(Stage::named("Decision"));
    a.stages.push(Stage::named("Retention"));
    let mut b = a.clone();
    let s = b.stages.remove(0);
    b.stages.push(s);
    let d = diff(&a, &b);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(matches!(d[0].edit, Edit::Moved { from: 0, to: 2, .. }));
}

#[test]
fn an_edited_item_is_one_change() {
    let a = example();
    let mut b = a.clone();
    b.stages[0].touchpoints[0].name = "Instagram story".into();
    b.stages[0].pain_points[0].severity = Level::Low;
    let d = diff(&a, &b);
    assert_eq!(d.len(), 2, "{d:#?}");
    let t = diff::render::text(&d);
    assert!(
        t.contains("~ Instagram reel (Social) → Instagram story (Social)"),
        "{t}"
    );
    assert!(
        t.contains("~ [high] Cannot tell machines apart → [low] Cannot tell machines apart"),
        "{t}"
    );
}

#[test]
fn text_and_markdown_group_by_stage_and_lane() {
    let a = example();
    let mut b = a.clone();
    b.title = "Buying an espresso machine".into();
    b.stages[0].touchpoints.push(Touchpoint {
        name: "YouTube review".into(),
        channel: "Video".into(),
        note: String::new(),
    });
    b.stages[0].actions.clear();
    let d = diff(&a, &b);
    let t = diff::render::text(&d);
    assert_eq!(
        t,
        "~ title: \"Buying a first espresso machine\" → \"Buying an espresso machine\"\n\
         stage Awareness [awareness]\n  \
           Doing\n    \
             - Watches a latte-art reel\n  \
           Touchpoints\n    \
             + YouTube review (Video)\n"
    );
    let md = diff::render::markdown(&d);
    assert!(md.contains("- **Stage Awareness** `awareness`\n"), "{md}");
    assert!(
        md.contains("  - *Touchpoints*\n    - **added**: YouTube review \\(Video\\)\n"),
        "{md}"
    );
    assert!(
        md.contains("**removed**: Watches a latte\\-art reel"),
        "{md}"
    );
}

#[test]
fn escape_sequences_in_map_text_are_printed_escaped() {
    let a = example();
    let mut b = a.clone();
    b.stages[0].thoughts.push("\u{1b}]0;pwned\u{7}".into());
    b.title = "x\u{1b}[2Jy".into();
    let d = diff(&a, &b);
    let text = diff::render::text(&d);
    let md = diff::render::markdown(&d);
    for out in [&text, &md] {
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    }
    assert!(text.contains("+ \\u{1b}]0;pwned\\u{7}"), "{text}");
    assert!(md.contains("\\\\u\\{1b\\}\\]0;pwned"), "{md}");
}

#[test]
fn markdown_cannot_inject_links_or_mentions() {
    let md = diff::render::md("[click](http://x) <b>@team</b> *x*");
    assert_eq!(
        md,
        "\\[click\\]\\(http\\:\\/\\/x\\) \\<b\\>\\@team\\<\\/b\\> \\*x\\*".replace("\\/", "/")
    );
}

#[test]
fn appends_to_the_same_lane_on_both_sides_are_both_kept() {
    let b = example();
    let mut x = b.clone();
    let mut y = b.clone();
    let tp = |n: &str| Touchpoint {
        name: n.into(),
        channel: String::new(),
        note: String::new(),
    };
    x.stages[0].touchpoints.push(tp("Podcast ad"));
    y.stages[0].touchpoints.push(tp("Billboard"));
    let (m, c) = merge(&b, &x, &y);
    assert!(c.is_empty());
    let names: Vec<&str> = m.stages[0]
        .touchpoints
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(names, ["Instagram reel", "Billboard", "Podcast ad"]);
}

#[test]
fn both_changing_one_item_keeps_ours_and_reports() {
    let b = example();
    let mut x = b.clone();
    let mut y = b.clone();
    x.stages[0].pain_points[0].severity = Level::Low;
    y.stages[0].pain_points[0].text = "Cannot compare machines".into();
    let (m, c) = merge(&b, &x, &y);
    assert_eq!(m, x);
    assert_eq!(c.len(), 1);
    assert!(matches!(&c[0].place, Place::Lane(r, Lane::PainPoints) if r.id == "awareness"));
    assert!(c[0].ours.contains("[low]") && c[0].theirs.contains("compare"));
}
