//! The diff for people: plain text for a terminal (`+`, `-`, `~`, grouped by stage
//! and lane) and Markdown for a pull-request comment. Both are built from one
//! outline, so they always say the same thing. Every map text goes through
//! `text::display` (a hostile map must not drive the reviewer's terminal), and in
//! Markdown through `md` as well (it must not become links, mentions or markup).
//! Lines go into a `Budget` one whole change at a time, so a document that must
//! stay under a size limit is only ever cut between them.

use std::collections::HashMap;
use std::fmt::Write;

use super::budget::Budget;
use super::merge::{Clash, Conflict, Version};
use super::{Change, Edit, Place, StageRef, Value};
use crate::model::{Lane, Stage};
use crate::text::display;

/// How a diff is written: `text` for a terminal, `markdown` for a pull-request
/// comment. It sits with the renderer that writes both.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
}

/// One line of the outline. `old`/`new`/`text` hold map text (escaped on output);
/// `label` and `note` are ours.
struct Line {
    sign: char,
    /// What Markdown calls the change when `added`/`removed`/`changed`/`moved`
    /// would mislead ("severity changed"); the text output says it in `label`.
    word: Option<&'static str>,
    label: String,
    text: Option<String>,
    old_new: Option<(String, String)>,
    quoted: bool,
    note: String,
    /// An item that left one stage for another: `("to", stage name)` on its
    /// removal, `("from", stage name)` on its arrival. The name is map text,
    /// escaped for each format on output.
    elsewhere: Option<(&'static str, String)>,
}

struct Group {
    sign: Option<char>,
    /// `None` for the map itself.
    title: Option<Title>,
    lines: Vec<Line>,
    /// Sub-groups (a stage's lanes), each with its heading.
    lanes: Vec<(String, Vec<Line>)>,
}

impl Group {
    fn is_empty(&self) -> bool {
        self.lines.is_empty() && self.lanes.is_empty()
    }

    /// Change lines shown; a stage shown with nothing in it is one.
    fn shown(&self) -> usize {
        let n = self.lines.len() + self.lanes.iter().map(|(_, l)| l.len()).sum::<usize>();
        n.max(1)
    }
}

enum Title {
    Persona,
    Stage(StageRef),
}

/// The diff as terminal text; empty when there is no change.
pub fn text(changes: &[Change]) -> String {
    let mut b = Budget::unlimited();
    text_into(&mut b, changes, "");
    b.finish()
}

/// The diff as terminal text into `b`, every line led by `pad`: one piece per
/// change line, a stage's and a lane's heading written with its first line.
pub fn text_into(b: &mut Budget, changes: &[Change], pad: &str) {
    for g in outline(changes) {
        let mut inner = pad.to_string();
        if let Some(t) = &g.title {
            let sign = g.sign.map(|s| format!("{s} ")).unwrap_or_default();
            let head = match t {
                Title::Persona => format!("{pad}{sign}persona\n"),
                Title::Stage(r) => {
                    format!(
                        "{pad}{sign}stage {} [{}]\n",
                        display(&r.name),
                        display(&r.id)
                    )
                }
            };
            if g.is_empty() {
                b.push(&head, 1);
                continue;
            }
            b.open(head, "");
            inner.push_str("  ");
        }
        for l in &g.lines {
            b.push(&format!("{inner}{}\n", text_line(l)), 1);
        }
        for (lane, lines) in &g.lanes {
            b.open(format!("{inner}{lane}\n"), "");
            for l in lines {
                b.push(&format!("{inner}  {}\n", text_line(l)), 1);
            }
            b.close();
        }
        if g.title.is_some() {
            b.close();
        }
    }
}

/// How many changes a reader counts in the details: one per line shown (an added
/// stage shown whole counts its items; an empty one counts once).
pub fn count(changes: &[Change]) -> usize {
    outline(changes).iter().map(Group::shown).sum()
}

fn text_line(l: &Line) -> String {
    let q = |s: &str| {
        if l.quoted {
            format!("\"{}\"", display(s))
        } else {
            display(s).into_owned()
        }
    };
    let mut s = format!("{} {}", l.sign, l.label);
    if let Some(t) = &l.text {
        sep(&mut s, &l.label);
        s.push_str(&q(t));
    }
    if let Some((a, b)) = &l.old_new {
        sep(&mut s, &l.label);
        let _ = write!(s, "{} → {}", q(a), q(b));
    }
    if !l.note.is_empty() {
        let _ = write!(s, " ({})", l.note);
    }
    if let Some((way, stage)) = &l.elsewhere {
        let _ = write!(s, " (moved {way} {})", display(stage));
    }
    s
}

fn sep(s: &mut String, label: &str) {
    if !label.is_empty() {
        s.push_str(": ");
    }
}

/// The diff as a Markdown list for a pull-request comment; empty when no change.
pub fn markdown(changes: &[Change]) -> String {
    let mut b = Budget::unlimited();
    markdown_into(&mut b, changes);
    b.finish()
}

/// The diff as a Markdown list into `b`: one piece per change line, a stage's and
/// a lane's bullet written with its first line, nested by indentation as
/// CommonMark nests lists (a sub-list starts where its parent item's text does).
pub fn markdown_into(b: &mut Budget, changes: &[Change]) {
    for g in outline(changes) {
        let mut pad = "";
        if let Some(t) = &g.title {
            let what = match g.sign {
                Some('+') => " (added)",
                Some('-') => " (removed)",
                _ => "",
            };
            let head = match t {
                Title::Persona => "- **Persona**\n".to_string(),
                Title::Stage(r) => {
                    format!("- **Stage {}** `{}`{what}\n", md(&r.name), code(&r.id))
                }
            };
            if g.is_empty() {
                b.push(&head, 1);
                continue;
            }
            b.open(head, "");
            pad = "  ";
        }
        for l in &g.lines {
            b.push(&format!("{pad}- {}\n", md_line(l)), 1);
        }
        for (lane, lines) in &g.lanes {
            b.open(format!("{pad}- *{lane}*\n"), "");
            for l in lines {
                b.push(&format!("{pad}  - {}\n", md_line(l)), 1);
            }
            b.close();
        }
        if g.title.is_some() {
            b.close();
        }
    }
}

fn md_line(l: &Line) -> String {
    let word = match (l.word, l.sign) {
        (Some(w), _) => w,
        (None, '+') => "added",
        (None, '-') => "removed",
        _ if l.note.starts_with("moved") && l.old_new.is_none() => "moved",
        _ => "changed",
    };
    let mut s = format!("**{word}**");
    if !l.label.is_empty() && l.word.is_none() {
        let _ = write!(s, " {}", l.label);
    }
    let q = |t: &str| {
        if l.quoted {
            format!("“{}”", md(t))
        } else {
            md(t)
        }
    };
    if let Some(t) = &l.text {
        let _ = write!(s, ": {}", q(t));
    }
    if let Some((a, b)) = &l.old_new {
        let _ = write!(s, ": ~~{}~~ → {}", q(a), q(b));
    }
    if !l.note.is_empty() {
        let _ = write!(s, " ({})", l.note);
    }
    if let Some((way, stage)) = &l.elsewhere {
        let _ = write!(s, " (moved {way} {})", md(stage));
    }
    s
}

/// Map text made inert in Markdown: the one escaper the Markdown export uses too.
pub fn md(s: &str) -> String {
    crate::text::markdown(s)
}

/// Text inside a Markdown code span cannot be escaped; stage ids are slugs, but a
/// backtick is dropped all the same.
fn code(s: &str) -> String {
    display(s).replace('`', "'")
}

/// One line of map text for an element, unescaped (escape on output).
pub fn describe(v: &Value) -> String {
    v.describe()
}

/// Groups the changes: map fields, persona, then one group per stage in order.
fn outline(changes: &[Change]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let moves = moves_between_stages(changes);
    for (i, c) in changes.iter().enumerate() {
        let title = match &c.place {
            Place::Map | Place::Objectives => None,
            Place::Persona | Place::PersonaList(_) => Some(Title::Persona),
            Place::Stages(r) | Place::Stage(r) | Place::Lane(r, _) => Some(Title::Stage(r.clone())),
        };
        let same = |g: &Group| match (&g.title, &title) {
            (None, None) | (Some(Title::Persona), Some(Title::Persona)) => true,
            (Some(Title::Stage(a)), Some(Title::Stage(b))) => a.id == b.id,
            _ => false,
        };
        if !groups.last().is_some_and(same) {
            groups.push(Group {
                sign: None,
                title,
                lines: Vec::new(),
                lanes: Vec::new(),
            });
        }
        let Some(g) = groups.last_mut() else {
            continue;
        };
        match (&c.place, &c.edit) {
            (
                Place::Stages(_),
                Edit::Added {
                    value: Value::Stage(s),
                    ..
                },
            ) => {
                g.sign = Some('+');
                whole_stage(g, s, '+');
            }
            (
                Place::Stages(_),
                Edit::Removed {
                    value: Value::Stage(s),
                    ..
                },
            ) => {
                g.sign = Some('-');
                whole_stage(g, s, '-');
            }
            (Place::Stages(_), Edit::Moved { from, to, .. }) => g.lines.push(Line {
                sign: '~',
                word: None,
                label: "moved".into(),
                text: None,
                old_new: None,
                quoted: false,
                note: format!("position {} → {}", from + 1, to + 1),
                elsewhere: None,
            }),
            (Place::Lane(_, lane), e) => {
                let title = lane.title().to_string();
                let mut line = item_line("", e);
                line.elsewhere = moves.get(&i).cloned();
                match g.lanes.last_mut() {
                    Some((t, lines)) if *t == title => lines.push(line),
                    _ => g.lanes.push((title, vec![line])),
                }
            }
            (Place::Objectives, e) => g.lines.push(item_line("objective", e)),
            (Place::PersonaList(key), e) => g.lines.push(item_line(singular(key), e)),
            (_, e) => g.lines.push(item_line("", e)),
        }
    }
    groups
}

/// Items removed from one stage and added, the same, to the same lane of
/// another: an item moved between stages. Matching pairs items within a lane
/// of one stage, so the changes stay a removal and an addition (which `apply`
/// replays); their lines say where the item went and where it came from. Each
/// removal pairs with the first unpaired identical addition in another stage.
fn moves_between_stages(changes: &[Change]) -> HashMap<usize, (&'static str, String)> {
    let mut added: HashMap<(Lane, String), Vec<usize>> = HashMap::new();
    for (i, c) in changes.iter().enumerate() {
        if let (Place::Lane(_, lane), Edit::Added { value, .. }) = (&c.place, &c.edit) {
            added.entry((*lane, describe(value))).or_default().push(i);
        }
    }
    let mut out = HashMap::new();
    for (i, c) in changes.iter().enumerate() {
        let (Place::Lane(from, lane), Edit::Removed { value, .. }) = (&c.place, &c.edit) else {
            continue;
        };
        let Some(candidates) = added.get_mut(&(*lane, describe(value))) else {
            continue;
        };
        let found = candidates.iter().position(|&j| {
            changes.get(j).is_some_and(|a| match (&a.place, &a.edit) {
                (Place::Lane(to, _), Edit::Added { value: v, .. }) => {
                    to.id != from.id && v == value
                }
                _ => false,
            })
        });
        if let Some(k) = found {
            let j = candidates.remove(k);
            if let Some(Place::Lane(to, _)) = changes.get(j).map(|a| &a.place) {
                out.insert(i, ("to", to.name.clone()));
                out.insert(j, ("from", from.name.clone()));
            }
        }
    }
    out
}

fn singular(key: &str) -> &'static str {
    match key {
        "goals" => "goal",
        "needs" => "need",
        "frustrations" => "frustration",
        "behaviors" => "behavior",
        "traits" => "trait",
        _ => "item",
    }
}

/// An added or removed stage is shown whole, so that a new file reads in full.
fn whole_stage(g: &mut Group, s: &Stage, sign: char) {
    let field = |label: &str, v: &str| Line {
        sign,
        word: None,
        label: label.into(),
        text: Some(v.to_string()),
        old_new: None,
        quoted: true,
        note: String::new(),
        elsewhere: None,
    };
    if !s.goal.is_empty() {
        g.lines.push(field("goal", &s.goal));
    }
    let item = |v: Value| Line {
        sign,
        word: None,
        label: String::new(),
        text: Some(describe(&v)),
        old_new: None,
        quoted: false,
        note: String::new(),
        elsewhere: None,
    };
    for lane in Lane::ALL {
        use super::matching::Element;
        let lines: Vec<Line> = match lane {
            Lane::Actions => s.actions.iter().map(|x| item(x.to_value())).collect(),
            Lane::Thoughts => s.thoughts.iter().map(|x| item(x.to_value())).collect(),
            Lane::Touchpoints => s.touchpoints.iter().map(|x| item(x.to_value())).collect(),
            Lane::Emotions => s.emotions.iter().map(|x| item(x.to_value())).collect(),
            Lane::PainPoints => s.pain_points.iter().map(|x| item(x.to_value())).collect(),
            Lane::Optimizations => s.optimizations.iter().map(|x| item(x.to_value())).collect(),
            Lane::Metrics => s.metrics.iter().map(|x| item(x.to_value())).collect(),
        };
        if !lines.is_empty() {
            g.lanes.push((lane.title().to_string(), lines));
        }
    }
}

fn item_line(noun: &str, e: &Edit) -> Line {
    let mut l = Line {
        sign: '~',
        word: None,
        label: String::new(),
        text: None,
        old_new: None,
        quoted: false,
        note: String::new(),
        elsewhere: None,
    };
    match e {
        Edit::Set { field, old, new } => {
            l.label = (*field).to_string();
            l.quoted = true;
            if old.is_empty() {
                l.sign = '+';
                l.text = Some(new.clone());
            } else if new.is_empty() {
                l.sign = '-';
                l.text = Some(old.clone());
            } else {
                l.old_new = Some((old.clone(), new.clone()));
            }
        }
        Edit::Added { value, .. } => {
            l.sign = '+';
            l.label = noun.to_string();
            l.text = Some(describe(value));
        }
        Edit::Removed { value, .. } => {
            l.sign = '-';
            l.label = noun.to_string();
            l.text = Some(describe(value));
        }
        Edit::Changed {
            from,
            to,
            old: Value::PainPoint(a),
            new: Value::PainPoint(b),
            moved,
        } if a.severity != b.severity && a.text == b.text && a.votes == b.votes => {
            // The same pain point, rated again: not one closed and another opened.
            l.word = Some("severity changed");
            l.label = "severity changed".into();
            l.text = Some(a.text.clone());
            l.note = format!("{} → {}", a.severity.label(), b.severity.label());
            if *moved {
                let _ = write!(l.note, "; moved: position {} → {}", from + 1, to + 1);
            }
        }
        Edit::Changed {
            from,
            to,
            old: Value::Optimization(a),
            new: Value::Optimization(b),
            moved,
        } if a.scores_differ_only(b) => {
            // The same optimization, scored again: say which score moved.
            l.word = Some("rescored");
            l.label = "rescored".into();
            l.text = Some(a.text.clone());
            let rating =
                |r: Option<u8>| r.map_or_else(|| "unscored".to_string(), |r| r.to_string());
            let mut notes = Vec::new();
            for (key, x, y) in [
                ("impact", a.impact, b.impact),
                ("effort", a.effort, b.effort),
            ] {
                if x != y {
                    notes.push(format!("{key} {} → {}", rating(x), rating(y)));
                }
            }
            l.note = notes.join(", ");
            if *moved {
                let _ = write!(l.note, "; moved: position {} → {}", from + 1, to + 1);
            }
        }
        Edit::Changed {
            from,
            to,
            old,
            new,
            moved,
        } => {
            l.label = noun.to_string();
            l.old_new = Some((describe(old), describe(new)));
            if *moved {
                l.note = format!("moved: position {} → {}", from + 1, to + 1);
            }
        }
        Edit::Moved { from, to, value } => {
            l.label = noun.to_string();
            l.text = Some(describe(value));
            l.note = format!("moved: position {} → {}", from + 1, to + 1);
        }
    }
    l
}

/// Where a change or conflict is, in words (unescaped: escape on output).
fn place(p: &Place) -> String {
    let stage = |r: &StageRef| format!("stage `{}` ({})", r.id, r.name);
    match p {
        Place::Map => "map".into(),
        Place::Objectives => "objectives".into(),
        Place::Persona => "persona".into(),
        Place::PersonaList(k) => format!("persona {k}"),
        Place::Stages(r) | Place::Stage(r) => stage(r),
        Place::Lane(r, lane) => format!("{}, {}", stage(r), lane.title().to_lowercase()),
    }
}

/// One merge conflict, git-style, every map text escaped for a terminal:
/// `CONFLICT (cjm): PLACE: WHAT` then our and their version.
pub fn conflict(c: &Conflict) -> String {
    format!(
        "CONFLICT (cjm): {}: {}\n  ours:   {}\n  theirs: {}",
        display(&place(&c.place)),
        display(&clash(&c.clash)),
        display(&version(&c.ours)),
        display(&version(&c.theirs))
    )
}

/// What clashed, in words (unescaped: it may quote a stage id).
fn clash(c: &Clash) -> String {
    match c {
        Clash::BothSet(field) => format!("both changed the {field}"),
        Clash::BothChanged => "both changed".into(),
        Clash::ChangedByUsRemovedByThem => "changed by us, removed by them".into(),
        Clash::RemovedByUsChangedByThem => "removed by us, changed by them".into(),
        Clash::MovedByUsRemovedByThem => "moved by us, removed by them".into(),
        Clash::RemovedByUsMovedByThem => "removed by us, moved by them".into(),
        Clash::AddedDifferently => "added on both sides, differently".into(),
        Clash::PlacedDifferently => "placed differently on each side".into(),
        Clash::TooManyVotes(n) => format!(
            "both sides' votes add up to {n}, more than cjm can count (at most {})",
            u32::MAX
        ),
        Clash::SameStageId { id, theirs_as } => format!(
            "both added a different stage with id `{id}`; both are kept, theirs as `{theirs_as}`"
        ),
    }
}

/// One side's version as one line of map text (unescaped: escape on output).
pub fn version(v: &Version) -> String {
    match v {
        Version::Text(t) => t.clone(),
        Version::Value(v) => describe(v),
        Version::Removed => "(removed)".into(),
        Version::After(None) => "at the start".into(),
        Version::After(Some(v)) => format!("after {}", describe(v)),
    }
}

/// One stage's emotion move, `Decision 2.3 → 2.7 ▲0.4`; a side without emotions
/// reads `–`. The stage name goes through `esc` (`display` or `md`).
fn emotion_delta(d: &super::summary::EmotionDelta, esc: impl Fn(&str) -> String) -> String {
    let v = crate::model::wording::one_decimal;
    let mut s = format!("{} {} → {}", esc(&d.name), v(d.old), v(d.new));
    if let Some(t) = d.tenths() {
        let arrow = if t > 0 { '▲' } else { '▼' };
        let _ = write!(s, " {arrow}{}.{}", t.abs() / 10, t.abs() % 10);
    }
    s
}

/// The emotion moves into `b`, one piece per stage, the list closed by a blank
/// line so that a list after it starts anew.
pub fn emotions_markdown_into(b: &mut Budget, deltas: &[super::summary::EmotionDelta]) {
    if deltas.is_empty() {
        return;
    }
    b.open("**Emotion**\n\n", "\n");
    for d in deltas {
        b.push(&format!("- {}\n", emotion_delta(d, md)), 0);
    }
    b.close();
}

/// The emotion moves for a terminal into `b`, every line led by `pad`.
pub fn emotions_text_into(b: &mut Budget, deltas: &[super::summary::EmotionDelta], pad: &str) {
    if deltas.is_empty() {
        return;
    }
    b.open(format!("{pad}emotion\n"), "");
    for d in deltas {
        let line = emotion_delta(d, |t| display(t).into_owned());
        b.push(&format!("{pad}  {line}\n"), 0);
    }
    b.close();
}

/// The summary's cells in words, counts only (an item's text belongs in the
/// details, where it can be folded and cut): stages, items, pain points,
/// optimizations. `–` for nothing.
pub fn summary_cells(s: &super::summary::Summary) -> [String; 4] {
    let words = |parts: &[(usize, String)], sep: &str| {
        let v: Vec<String> = parts
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, w)| format!("{n} {w}"))
            .collect();
        if v.is_empty() {
            "–".to_string()
        } else {
            v.join(sep)
        }
    };
    let w = |parts: &[(usize, &str)]| -> Vec<(usize, String)> {
        parts.iter().map(|(n, t)| (*n, t.to_string())).collect()
    };
    // "2 closed (1 high, 1 medium)", "1 opened (high)".
    let by_level = |&[low, medium, high]: &[usize; 3], what: &str| {
        let levels = [(high, "high"), (medium, "medium"), (low, "low")];
        let some: Vec<&(usize, &str)> = levels.iter().filter(|(n, _)| *n > 0).collect();
        let detail = match some.as_slice() {
            [(_, one)] => (*one).to_string(),
            _ => words(&w(&levels), ", "),
        };
        (low + medium + high, format!("{what} ({detail})"))
    };
    [
        words(
            &w(&[
                (s.stages_added, "added"),
                (s.stages_removed, "removed"),
                (s.stages_renamed, "renamed"),
                (s.stages_moved, "moved"),
            ]),
            ", ",
        ),
        words(
            &w(&[
                (s.items_added, "added"),
                (s.items_removed, "removed"),
                (s.items_changed, "changed"),
            ]),
            ", ",
        ),
        words(
            &[
                by_level(&s.pains_opened, "opened"),
                by_level(&s.pains_closed, "closed"),
                (s.pains_severity_changed, "severity changed".into()),
                (s.pains_removed_with_stage, "removed with the stage".into()),
            ],
            "; ",
        ),
        words(&w(&[(s.status_changes.len(), "status changed")]), ", "),
    ]
}
