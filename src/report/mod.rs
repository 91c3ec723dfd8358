//! A report across many maps: what a team decided and where it hurts, read from
//! every map at once (`cjm report`). Pure: maps in, a `Report` out, rendered by
//! `render`; reading the files is `cli::report`'s, through `files`.
//!
//! Every ordering here is total (ties broken by the map's file, then the
//! element's place in its map), so the output is the same however the maps were
//! loaded, in parallel or not.
//!
//! A team lead reads it top down, so it opens with what to fix first (`FixFirst`)
//! and keeps the full lists below; maps are named by their titles, which is what
//! the team calls them, and finished work is left out unless asked for.

mod render;

use std::cmp::Reverse;

use serde::Serialize;

use crate::model::{
    Confidence, JourneyMap, Lane, LaneKind, Level, Optimization, PainPoint, Quadrant, Status,
};

pub use render::{Format, render};

/// A pain point's dot votes (format 2): what the room ranked first, so the
/// pain points are ordered by votes, then severity.
fn pain_point_votes(p: &PainPoint) -> u32 {
    p.votes
}

/// An optimization's dot votes, shown in the action plan.
fn optimization_votes(o: &Optimization) -> u32 {
    o.votes
}

/// A map that loaded, under its file's name (its path as given), which orders
/// the maps; the report shows the map's title.
pub struct Source {
    pub name: String,
    pub map: JourneyMap,
}

/// A file that is a map but did not load, with the reader's position; line and
/// column are 0 for a file that could not be read at all (the message says why).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Failure {
    pub file: String,
    pub line: u32,
    pub col: u32,
    pub message: String,
}

impl Failure {
    /// `:LINE:COL` after the file's name, or nothing when there is no position.
    pub fn at(&self) -> String {
        if self.line == 0 {
            String::new()
        } else {
            format!(":{}:{}", self.line, self.col)
        }
    }
}

/// Which optimizations the action plan lists. Pain points, KPIs and moments have
/// neither owner nor status and are always listed whole.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Matched whole, ignoring case and surrounding spaces; an empty name matches
    /// the optimizations without an owner.
    pub owner: Option<String>,
    pub status: Option<Status>,
    /// List done optimizations too; without it they are counted but hidden, unless
    /// `status` asks for them.
    pub all: bool,
}

/// How many items each part of "fix first" lists; the full lists follow.
pub const FIX_FIRST_LIMIT: usize = 10;

/// What to fix first, across every map: the few lines a team lead reads before
/// the full lists.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct FixFirst {
    /// High pain points in a stage with no optimization (other than dropped
    /// ones), by votes, then severity.
    pub pain_points: Vec<Pain>,
    /// High-priority optimizations not done or dropped, by votes, then status
    /// (work under way first).
    pub optimizations: Vec<Action>,
    /// KPIs with both numbers, furthest from their target first, as a
    /// percentage of the target.
    pub kpis: Vec<Kpi>,
    /// Open quick wins (impact 4–5, effort 1–2), most impact and least effort
    /// first; empty, and left out of the JSON, while nothing is scored.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quick_wins: Vec<Action>,
}

/// The impact/effort matrix across maps: every open optimization with both
/// scores, in its quadrant, most impact and least effort first. Done and
/// dropped work is not a choice any more, so it is left out.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Matrix {
    pub quick_wins: Vec<Action>,
    pub big_bets: Vec<Action>,
    pub fillers: Vec<Action>,
    pub money_pits: Vec<Action>,
}

impl Matrix {
    pub fn is_empty(&self) -> bool {
        Quadrant::ALL.iter().all(|q| self.quadrant(*q).is_empty())
    }

    /// The quadrant's optimizations.
    pub fn quadrant(&self, q: Quadrant) -> &[Action] {
        match q {
            Quadrant::QuickWin => &self.quick_wins,
            Quadrant::BigBet => &self.big_bets,
            Quadrant::Filler => &self.fillers,
            Quadrant::MoneyPit => &self.money_pits,
        }
    }

    fn push(&mut self, q: Quadrant, a: Action) {
        match q {
            Quadrant::QuickWin => self.quick_wins.push(a),
            Quadrant::BigBet => self.big_bets.push(a),
            Quadrant::Filler => self.fillers.push(a),
            Quadrant::MoneyPit => self.money_pits.push(a),
        }
    }
}

/// "How sure are we": the pain points of the maps that hold evidence, by how
/// well they are backed, and the high ones nobody has researched yet. A map
/// without evidence shows no confidence anywhere, so it is not counted here.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Sureness {
    /// Maps that hold evidence.
    pub maps: usize,
    /// Their pain points by confidence.
    pub assumption: usize,
    pub research: usize,
    pub measured: usize,
    /// High-severity pain points that cite nothing, in the pain points' order:
    /// where research would change most what the team believes.
    pub to_research: Vec<Pain>,
}

impl Sureness {
    pub fn count(&self, c: Confidence) -> usize {
        match c {
            Confidence::Assumption => self.assumption,
            Confidence::Researched => self.research,
            Confidence::Measured => self.measured,
        }
    }

    pub fn total(&self) -> usize {
        self.assumption + self.research + self.measured
    }

    /// `c`'s share of the counted pain points, in whole percent.
    pub fn share(&self, c: Confidence) -> usize {
        match self.total() {
            0 => 0,
            t => (self.count(c) * 100 + t / 2) / t,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Maps that loaded and are counted below.
    pub maps: usize,
    pub fix_first: FixFirst,
    /// Left out of the JSON while no optimization is scored.
    #[serde(skip_serializing_if = "Matrix::is_empty")]
    pub matrix: Matrix,
    pub actions: Vec<Action>,
    /// Done optimizations left out of `actions` (no `--all`).
    pub hidden_done: usize,
    pub pain_points: Vec<Pain>,
    pub kpis: Vec<Kpi>,
    pub moments: Vec<Moment>,
    /// Only when a map holds evidence, so other reports keep their bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub how_sure: Option<Sureness>,
    /// Only when a map has lanes of its own (format 6), so other reports keep
    /// their bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lanes: Option<LaneCounts>,
    /// Maps that did not load, in the order of their names.
    pub failed: Vec<Failure>,
    /// `.ron` files that are not maps, skipped.
    pub skipped: Vec<String>,
}

/// The items of the maps' blueprint and custom lanes, by kind of lane: how
/// much of the service behind the journey the maps describe, and how much of
/// it is tied to what the customer does.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct LaneCounts {
    /// Maps that have a lane beyond the seven.
    pub maps: usize,
    /// One entry per kind that some map has, in the blueprint's order.
    pub kinds: Vec<KindCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KindCount {
    /// The kind's words: "frontstage", "support processes", "custom".
    pub kind: String,
    /// Lanes of this kind across the maps.
    pub lanes: usize,
    pub items: usize,
    /// Items that name the customer action they serve.
    pub serving: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Action {
    pub owner: String,
    pub status: Status,
    pub priority: Level,
    pub votes: u32,
    /// Impact and effort, 1–5, when the team scored them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub impact: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effort: Option<u8>,
    pub text: String,
    /// The map's title (with its file when two maps share a title).
    pub map: String,
    /// The map's file, as given.
    pub file: String,
    pub stage: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pain {
    pub severity: Level,
    pub votes: u32,
    pub text: String,
    pub map: String,
    pub file: String,
    pub stage: String,
    /// True when its stage has an optimization that is not dropped.
    pub addressed: bool,
    /// How well it is backed, when its map holds evidence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Kpi {
    pub name: String,
    pub current: Option<f64>,
    pub target: Option<f64>,
    /// Target minus current, when both are known: what is left to gain (negative
    /// when the KPI is one to bring down).
    pub gap: Option<f64>,
    /// How far current is from target, in percent of the target (0 on target);
    /// none without both numbers or with a target of 0.
    pub off_target: Option<f64>,
    pub unit: String,
    pub map: String,
    pub file: String,
    pub stage: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Moment {
    pub map: String,
    pub file: String,
    pub title: String,
    /// The stage with the lowest mean emotion (the first such stage on a tie);
    /// none when no stage has emotions.
    pub lowest: Option<Lowest>,
    /// Each stage's mean emotion, in stage order; `None` is a stage without emotions.
    pub curve: Vec<Option<f64>>,
    /// Whose curve it is on a map of several personas (one moment each);
    /// empty, and left out of the JSON, on a map of one.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub persona: String,
}

impl Moment {
    /// The map's name, with the persona's on a map of several.
    pub fn label(&self) -> String {
        if self.persona.is_empty() {
            self.map.clone()
        } else {
            format!("{} · {}", self.map, self.persona)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lowest {
    pub stage: String,
    pub score: f64,
}

/// The order of the action plan's status groups: work under way first, then what
/// is next, then what is settled.
pub const STATUS_ORDER: [Status; 5] = [
    Status::InProgress,
    Status::Planned,
    Status::Idea,
    Status::Done,
    Status::Dropped,
];

fn status_rank(s: Status) -> usize {
    STATUS_ORDER.iter().position(|x| *x == s).unwrap_or(0)
}

/// Builds the report. `sources` may come in any order; `failed` and `skipped`
/// are sorted too.
pub fn build(
    sources: &[Source],
    filter: &Filter,
    mut failed: Vec<Failure>,
    mut skipped: Vec<String>,
) -> Report {
    let mut order: Vec<&Source> = sources.iter().collect();
    order.sort_by(|a, b| a.name.cmp(&b.name));
    let titles = titles(&order);
    let mut actions = Vec::new();
    let mut hidden_done = 0;
    let mut pains = Vec::new();
    let mut kpis = Vec::new();
    let mut moments = Vec::new();
    for (src, title) in order.iter().zip(&titles) {
        for (si, stage) in src.map.stages.iter().enumerate() {
            for o in &stage.optimizations {
                if !keeps(filter, o) {
                    continue;
                }
                if o.status == Status::Done && !filter.all && filter.status.is_none() {
                    hidden_done += 1;
                    continue;
                }
                actions.push(Action {
                    owner: o.owner.trim().to_string(),
                    status: o.status,
                    priority: o.priority,
                    votes: optimization_votes(o),
                    impact: o.impact,
                    effort: o.effort,
                    text: o.text.clone(),
                    map: title.clone(),
                    file: src.name.clone(),
                    stage: stage.name.clone(),
                });
            }
            let addressed = stage
                .optimizations
                .iter()
                .any(|o| o.status != Status::Dropped);
            for (pi, p) in stage.pain_points.iter().enumerate() {
                pains.push(Pain {
                    confidence: src.map.confidence_of(si, Lane::PainPoints, pi),
                    severity: p.severity,
                    votes: pain_point_votes(p),
                    text: p.text.clone(),
                    map: title.clone(),
                    file: src.name.clone(),
                    stage: stage.name.clone(),
                    addressed,
                });
            }
            for m in &stage.metrics {
                kpis.push(Kpi {
                    name: m.name.clone(),
                    current: m.current,
                    target: m.target,
                    gap: m.current.zip(m.target).map(|(c, t)| t - c),
                    off_target: off_target(m.current, m.target),
                    unit: m.unit.clone(),
                    map: title.clone(),
                    file: src.name.clone(),
                    stage: stage.name.clone(),
                });
            }
        }
        let several = src.map.persona_count() > 1;
        for (_, persona, curve) in src.map.curves() {
            let lowest = src
                .map
                .stages
                .iter()
                .zip(&curve)
                .filter_map(|(s, v)| v.map(|v| (s, v)))
                .fold(
                    None::<(&crate::model::Stage, f64)>,
                    |low, (s, v)| match low {
                        Some((_, l)) if l <= v => low,
                        _ => Some((s, v)),
                    },
                )
                .map(|(s, v)| Lowest {
                    stage: s.name.clone(),
                    score: v,
                });
            moments.push(Moment {
                map: title.clone(),
                file: src.name.clone(),
                title: src.map.title.clone(),
                lowest,
                curve,
                persona: if several {
                    persona.name.clone()
                } else {
                    String::new()
                },
            });
        }
    }
    // Stable sorts over lists already in (map, stage, item) order: a tie keeps
    // the maps' order and the order within each map.
    actions.sort_by(|a, b| {
        owner_key(&a.owner)
            .cmp(&owner_key(&b.owner))
            .then(status_rank(a.status).cmp(&status_rank(b.status)))
            .then(a.score_rank().cmp(&b.score_rank()))
            .then(Reverse(a.priority).cmp(&Reverse(b.priority)))
            .then(Reverse(a.votes).cmp(&Reverse(b.votes)))
    });
    // Votes first: what the room chose outranks a severity one person set. Without
    // votes this is the order by severity.
    pains.sort_by(|a, b| {
        Reverse(a.votes)
            .cmp(&Reverse(b.votes))
            .then(Reverse(a.severity).cmp(&Reverse(b.severity)))
    });
    failed.sort_by(|a, b| a.file.cmp(&b.file));
    skipped.sort();
    let matrix = matrix(&actions);
    let how_sure = how_sure(&order, &pains);
    let mut fix = fix_first(&actions, &pains, &kpis);
    fix.quick_wins = matrix
        .quick_wins
        .iter()
        .take(FIX_FIRST_LIMIT)
        .cloned()
        .collect();
    Report {
        maps: sources.len(),
        fix_first: fix,
        matrix,
        actions,
        hidden_done,
        pain_points: pains,
        kpis,
        moments,
        how_sure,
        lanes: lane_counts(&order),
        failed,
        skipped,
    }
}

/// The extra lanes' items by kind; `None` when no map has an extra lane.
fn lane_counts(order: &[&Source]) -> Option<LaneCounts> {
    let with: Vec<&JourneyMap> = order
        .iter()
        .map(|s| &s.map)
        .filter(|m| !m.extra_lanes().is_empty())
        .collect();
    if with.is_empty() {
        return None;
    }
    let kinds = LaneKind::ADDABLE
        .into_iter()
        .filter_map(|kind| {
            let mut c = KindCount {
                kind: kind.label().to_string(),
                lanes: 0,
                items: 0,
                serving: 0,
            };
            for m in &with {
                for lane in m
                    .extra_lanes()
                    .into_iter()
                    .filter(|l| m.lane_kind(*l) == kind)
                {
                    c.lanes += 1;
                    for s in &m.stages {
                        let items = s.extra_items(lane);
                        c.items += items.len();
                        c.serving += items.iter().filter(|i| !i.serves.is_empty()).count();
                    }
                }
            }
            (c.lanes > 0).then_some(c)
        })
        .collect();
    Some(LaneCounts {
        maps: with.len(),
        kinds,
    })
}

/// The pain points of maps with evidence by confidence; `None` when no map
/// holds evidence.
fn how_sure(order: &[&Source], pains: &[Pain]) -> Option<Sureness> {
    let maps = order.iter().filter(|s| s.map.has_evidence()).count();
    if maps == 0 {
        return None;
    }
    let mut s = Sureness {
        maps,
        ..Sureness::default()
    };
    for p in pains {
        match p.confidence {
            Some(Confidence::Assumption) => s.assumption += 1,
            Some(Confidence::Researched) => s.research += 1,
            Some(Confidence::Measured) => s.measured += 1,
            None => {}
        }
    }
    s.to_research = pains
        .iter()
        .filter(|p| p.severity == Level::High && p.confidence == Some(Confidence::Assumption))
        .cloned()
        .collect();
    Some(s)
}

impl Action {
    pub fn quadrant(&self) -> Option<Quadrant> {
        Some(Quadrant::of(self.impact?, self.effort?))
    }

    /// Where the action plan puts a scored optimization among its owner's work
    /// of one status: by quadrant (quick wins first), then more impact, then
    /// less effort; unscored work follows, in its old order by priority and votes.
    fn score_rank(&self) -> (usize, Reverse<u8>, u8) {
        match (self.quadrant(), self.impact, self.effort) {
            (Some(q), Some(i), Some(e)) => (q as usize, Reverse(i), e),
            _ => (Quadrant::ALL.len(), Reverse(0), 0),
        }
    }
}

/// The open scored optimizations by quadrant, from the action plan (so its
/// filters apply), most impact and least effort first; ties keep the plan's order.
fn matrix(actions: &[Action]) -> Matrix {
    let mut open: Vec<&Action> = actions
        .iter()
        .filter(|a| !matches!(a.status, Status::Done | Status::Dropped))
        .filter(|a| a.quadrant().is_some())
        .collect();
    open.sort_by(|a, b| {
        a.score_rank()
            .cmp(&b.score_rank())
            .then(Reverse(a.votes).cmp(&Reverse(b.votes)))
    });
    let mut m = Matrix::default();
    for a in open {
        if let Some(q) = a.quadrant() {
            m.push(q, a.clone());
        }
    }
    m
}

/// Each map's name in the report: its title, trimmed; its file when the title
/// is empty, and the title with the file when two maps share it, so that no two
/// maps read alike.
fn titles(order: &[&Source]) -> Vec<String> {
    let key = |s: &Source| s.map.title.trim().to_string();
    order
        .iter()
        .map(|s| {
            let title = key(s);
            let shared = order.iter().filter(|o| key(o) == title).count() > 1;
            if title.is_empty() {
                s.name.clone()
            } else if shared {
                format!("{title} ({})", s.name)
            } else {
                title
            }
        })
        .collect()
}

/// `|target - current|` in percent of `|target|`.
fn off_target(current: Option<f64>, target: Option<f64>) -> Option<f64> {
    let (c, t) = current.zip(target)?;
    let off = ((t - c) / t).abs() * 100.0;
    (t != 0.0 && off.is_finite()).then_some(off)
}

/// The top of each list, from the full lists already in report order.
fn fix_first(actions: &[Action], pains: &[Pain], kpis: &[Kpi]) -> FixFirst {
    let pain_points = pains
        .iter()
        .filter(|p| p.severity == Level::High && !p.addressed)
        .take(FIX_FIRST_LIMIT)
        .cloned()
        .collect();
    let mut optimizations: Vec<Action> = actions
        .iter()
        .filter(|a| {
            a.priority == Level::High && !matches!(a.status, Status::Done | Status::Dropped)
        })
        .cloned()
        .collect();
    // Stable: ties keep the action plan's order.
    optimizations.sort_by(|a, b| {
        Reverse(a.votes)
            .cmp(&Reverse(b.votes))
            .then(status_rank(a.status).cmp(&status_rank(b.status)))
    });
    optimizations.truncate(FIX_FIRST_LIMIT);
    let mut off: Vec<&Kpi> = kpis
        .iter()
        .filter(|k| k.off_target.is_some_and(|o| o > 0.0))
        .collect();
    off.sort_by(|a, b| {
        let o = |k: &Kpi| k.off_target.unwrap_or(0.0);
        o(b).total_cmp(&o(a))
    });
    FixFirst {
        pain_points,
        optimizations,
        kpis: off.into_iter().take(FIX_FIRST_LIMIT).cloned().collect(),
        quick_wins: Vec::new(),
    }
}

/// Owners in alphabetical order ignoring case; the optimizations nobody owns
/// come last, where a reader looks for what is left to hand out.
fn owner_key(owner: &str) -> (bool, String, String) {
    (owner.is_empty(), owner.to_lowercase(), owner.to_string())
}

fn keeps(filter: &Filter, o: &Optimization) -> bool {
    let owner_ok = filter
        .owner
        .as_ref()
        .is_none_or(|want| want.trim().to_lowercase() == o.owner.trim().to_lowercase());
    owner_ok && filter.status.is_none_or(|s| s == o.status)
}

/// Runs `f` on every item on up to `threads` threads and returns the results in
/// the items' order, whatever order the threads finish in. Loading maps is
/// independent per file, so plain scoped threads over shared chunks are enough.
pub fn par_map<T, R, F>(items: &[T], threads: usize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk.max(1))
            .map(|part| scope.spawn(|| part.iter().map(&f).collect::<Vec<R>>()))
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for h in handles {
            match h.join() {
                Ok(part) => out.extend(part),
                // A panic in `f` is a bug; pass it on rather than lose results.
                Err(p) => std::panic::resume_unwind(p),
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn par_map_keeps_the_order() {
        let items: Vec<u64> = (0..1000).collect();
        for threads in [1, 2, 3, 7, 2000] {
            let out = par_map(&items, threads, |i| {
                // Uneven work, so that threads finish out of order.
                if i % 3 == 0 {
                    std::thread::yield_now();
                }
                i * 2
            });
            assert_eq!(out, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        }
        assert!(par_map(&[] as &[u8], 4, |x| *x).is_empty());
    }
}
