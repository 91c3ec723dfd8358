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
use crate::model::{Confidence, Lane, Stage};
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
#[derive(Default)]
struct Line {
    sign: char,
    /// What Markdown calls the change when `added`/`removed`/`changed`/`moved`
    /// would mislead ("severity changed"); the text output says it in `label`.
    word: Option<String>,
    label: String,
    text: Option<String>,
    old_new: Option<(String, String)>,
    quoted: bool,
    note: String,
    /// An item that left one stage for another: `("to", stage name)` on its
    /// removal, `("from", stage name)` on its arrival. The name is map text,
    /// escaped for each format on output.
    elsewhere: Option<(&'static str, String)>,
    /// The field of an evidence entry a line is about, said before its value.
    field: Option<&'static str>,
    /// Where an evidence entry came from, in brackets after the label (map
    /// text, escaped for each format on output).
    origin: Option<String>,
    /// What changed about an item, said after its text: `("now serves",
    /// "Checks in")`. The words are ours, the second part map text (quoted
    /// and escaped for each format on output).
    then: Vec<(&'static str, String)>,
    /// Whose an added or removed item is (`Jonas Weber`), in brackets after
    /// it: map text, escaped on output.
    whose: Option<String>,
    /// Whose a changed item now is (`now belongs to Jonas Weber only`), after
    /// its text: our words around map text, escaped on output.
    belongs: Option<String>,
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
    Persona(super::PersonaRef),
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
                Title::Persona(r) if r.several => format!(
                    "{pad}{sign}persona {} ({})\n",
                    display(&r.name),
                    display(&r.id)
                ),
                Title::Persona(_) => format!("{pad}{sign}persona\n"),
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
    if let Some(o) = &l.origin {
        let _ = write!(s, " ({})", display(o));
    }
    if let Some(f) = l.field {
        sep(&mut s, &l.label);
        let _ = write!(s, "{f} ");
    }
    let sep = |s: &mut String, label: &str| {
        if l.field.is_none() {
            sep(s, label);
        }
    };
    if let Some(t) = &l.text {
        sep(&mut s, &l.label);
        s.push_str(&q(t));
    }
    if let Some((a, b)) = &l.old_new {
        sep(&mut s, &l.label);
        let _ = write!(s, "{} → {}", q(a), q(b));
    }
    let then: Vec<String> = l
        .then
        .iter()
        .map(|(w, t)| format!("{w} \"{}\"", display(t)))
        .collect();
    if !then.is_empty() {
        let _ = write!(s, " {}", then.join(", "));
    }
    if let Some(w) = &l.whose {
        let _ = write!(s, " [{}]", display(w));
    }
    if let Some(b) = &l.belongs {
        let _ = write!(s, " {}", display(b));
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
                Title::Persona(r) if r.several => {
                    format!("- **Persona {}** `{}`\n", md(&r.name), code(&r.id))
                }
                Title::Persona(_) => "- **Persona**\n".to_string(),
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
    let word = match (l.word.as_deref(), l.sign) {
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
    if let Some(o) = &l.origin {
        let _ = write!(s, " ({})", md(o));
    }
    let q = |t: &str| {
        if l.quoted {
            format!("“{}”", md(t))
        } else {
            md(t)
        }
    };
    let colon = match l.field {
        Some(f) => format!(": {f} "),
        None => ": ".to_string(),
    };
    if let Some(t) = &l.text {
        let _ = write!(s, "{colon}{}", q(t));
    }
    if let Some((a, b)) = &l.old_new {
        let _ = write!(s, "{colon}~~{}~~ → {}", q(a), q(b));
    }
    let then: Vec<String> = l
        .then
        .iter()
        .map(|(w, t)| format!("{w} “{}”", md(t)))
        .collect();
    if !then.is_empty() {
        let _ = write!(s, " {}", then.join(", "));
    }
    if let Some(w) = &l.whose {
        let _ = write!(s, " \\[{}\\]", md(w));
    }
    if let Some(b) = &l.belongs {
        let _ = write!(s, " {}", md(b));
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
        if quiet(c) {
            continue;
        }
        let title = match &c.place {
            Place::Map
            | Place::Objectives
            | Place::Lanes(..)
            | Place::Evidence(_)
            | Place::Personas(_) => None,
            Place::Persona(r) | Place::PersonaList(r, _) => Some(Title::Persona(r.clone())),
            Place::Stages(r) | Place::Stage(r) | Place::Lane(r, ..) => {
                Some(Title::Stage(r.clone()))
            }
        };
        let same = |g: &Group| match (&g.title, &title) {
            (None, None) => true,
            (Some(Title::Persona(a)), Some(Title::Persona(b))) => a.old_id == b.old_id,
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
                Place::Stages(r),
                Edit::Added {
                    value: Value::Stage(s),
                    ..
                },
            ) => {
                g.sign = Some('+');
                whole_stage(g, r, s, '+');
            }
            (
                Place::Stages(r),
                Edit::Removed {
                    value: Value::Stage(s),
                    ..
                },
            ) => {
                g.sign = Some('-');
                whole_stage(g, r, s, '-');
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
                field: None,
                origin: None,
                then: Vec::new(),
                whose: None,
                belongs: None,
            }),
            (Place::Evidence(id), e) => g.lines.push(evidence_line(id, e)),
            (Place::Lanes(id, title), e) => g.lines.push(lane_line(id, title, e)),
            (Place::Personas(_), e) => g.lines.push(persona_line(e)),
            (Place::Stage(_), Edit::Cites { old, new }) => g.lines.push(Line {
                sign: '~',
                word: Some(cites_words(old, new)),
                label: cites_words(old, new),
                text: None,
                old_new: None,
                quoted: false,
                note: c.confidence.map(confidence_move).unwrap_or_default(),
                elsewhere: None,
                field: None,
                origin: None,
                then: Vec::new(),
                whose: None,
                belongs: None,
            }),
            (Place::Lane(_, _, title), e) => {
                let title = display(title).into_owned();
                let mut line = item_line("", e, c.confidence);
                line.elsewhere = moves.get(&i).cloned();
                whose_words(&mut line, e, c.whose.as_ref());
                match g.lanes.last_mut() {
                    Some((t, lines)) if *t == title => lines.push(line),
                    _ => g.lanes.push((title, vec![line])),
                }
            }
            (Place::Objectives, e) => g.lines.push(item_line("objective", e, None)),
            (Place::PersonaList(_, key), e) => g.lines.push(item_line(singular(key), e, None)),
            (_, e) => g.lines.push(item_line("", e, None)),
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
        if let (Place::Lane(_, lane, _), Edit::Added { value, .. }) = (&c.place, &c.edit) {
            added.entry((*lane, describe(value))).or_default().push(i);
        }
    }
    let mut out = HashMap::new();
    for (i, c) in changes.iter().enumerate() {
        let (Place::Lane(from, lane, _), Edit::Removed { value, .. }) = (&c.place, &c.edit) else {
            continue;
        };
        let Some(candidates) = added.get_mut(&(*lane, describe(value))) else {
            continue;
        };
        let found = candidates.iter().position(|&j| {
            changes.get(j).is_some_and(|a| match (&a.place, &a.edit) {
                (Place::Lane(to, ..), Edit::Added { value: v, .. }) => {
                    to.id != from.id && v == value
                }
                _ => false,
            })
        });
        if let Some(k) = found {
            let j = candidates.remove(k);
            if let Some(Place::Lane(to, ..)) = changes.get(j).map(|a| &a.place) {
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

/// A change the reader has no use for: a persona's id set where she had
/// none (the map gained a second persona) or cleared (it went back to one).
/// `apply` still replays it.
fn quiet(c: &Change) -> bool {
    matches!(
        (&c.place, &c.edit),
        (Place::Persona(_), Edit::Set { field: "id", old, new }) if old.is_empty() || new.is_empty()
    )
}

/// A persona added, removed or moved: `+ persona Jonas Weber (jonas) — Business guest`.
fn persona_line(e: &Edit) -> Line {
    let mut l = Line {
        sign: '~',
        ..Line::default()
    };
    let role = |v: &Value| match v {
        Value::Persona(p) if !p.role.is_empty() => format!(" — {}", p.role),
        _ => String::new(),
    };
    match e {
        Edit::Added { value, .. } => {
            l.sign = '+';
            l.text = Some(describe(value) + &role(value));
        }
        Edit::Removed { value, .. } => {
            l.sign = '-';
            l.text = Some(describe(value));
        }
        Edit::Moved { from, to, value } => {
            l.text = Some(describe(value));
            l.note = format!("moved: position {} → {}", from + 1, to + 1);
        }
        _ => {}
    }
    l
}

/// Who an item or emotion belongs to, when the maps have several personas:
/// `[Jonas Weber]` after one that names personas (an emotion always names
/// hers), and a change of personas alone said as one:
/// `"…" now belongs to Jonas Weber only`, `… now belongs to every persona`,
/// `"Hopeful" now felt by Jonas Weber`.
fn whose_words(l: &mut Line, e: &Edit, whose: Option<&(Vec<String>, Vec<String>)>) {
    let Some((before, after)) = whose else {
        return;
    };
    let list = |names: &[String]| names.join(", ");
    match e {
        Edit::Added { .. } if !after.is_empty() => l.whose = Some(list(after)),
        Edit::Removed { .. } if !before.is_empty() => l.whose = Some(list(before)),
        Edit::Changed { .. } | Edit::Moved { .. } if before == after && !after.is_empty() => {
            l.whose = Some(list(after));
        }
        Edit::Changed { old, new, .. } if before != after => {
            let emotion = matches!(new, Value::Emotion(_));
            let words = if emotion {
                format!("now felt by {}", list(after))
            } else if after.is_empty() {
                "now belongs to every persona".to_string()
            } else {
                format!("now belongs to {} only", and_list(after))
            };
            if super::personas::without_personas(old) == super::personas::without_personas(new) {
                // Only whose it is changed: the item once, and that.
                *l = Line {
                    sign: '~',
                    text: Some(main_text(new)),
                    quoted: true,
                    belongs: Some(words),
                    note: l.note.clone(),
                    elsewhere: l.elsewhere.clone(),
                    ..Line::default()
                };
            } else {
                l.belongs = Some(words);
            }
        }
        _ => {}
    }
}

/// `Marta Silva and Jonas Weber`, `A, B and C`.
fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// An added or removed stage is shown whole, so that a new file reads in full,
/// in its map's lanes (`r.lanes`) when the map lists them.
fn whole_stage(g: &mut Group, r: &StageRef, s: &Stage, sign: char) {
    let field = |label: &str, v: &str| Line {
        sign,
        word: None,
        label: label.into(),
        text: Some(v.to_string()),
        old_new: None,
        quoted: true,
        note: String::new(),
        elsewhere: None,
        field: None,
        origin: None,
        then: Vec::new(),
        whose: None,
        belongs: None,
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
        field: None,
        origin: None,
        then: Vec::new(),
        whose: None,
        belongs: None,
    };
    let lanes: Vec<(Lane, String)> = if r.lanes.is_empty() {
        Lane::ALL
            .into_iter()
            .map(|l| (l, l.title().to_string()))
            .collect()
    } else {
        r.lanes.clone()
    };
    for (lane, title) in lanes {
        use super::matching::Element;
        let lines: Vec<Line> = match lane {
            Lane::Actions => s.actions.iter().map(|x| item(x.to_value())).collect(),
            Lane::Thoughts => s.thoughts.iter().map(|x| item(x.to_value())).collect(),
            Lane::Touchpoints => s.touchpoints.iter().map(|x| item(x.to_value())).collect(),
            Lane::Emotions => s.emotions.iter().map(|x| item(x.to_value())).collect(),
            Lane::PainPoints => s.pain_points.iter().map(|x| item(x.to_value())).collect(),
            Lane::Optimizations => s.optimizations.iter().map(|x| item(x.to_value())).collect(),
            Lane::Metrics => s.metrics.iter().map(|x| item(x.to_value())).collect(),
            Lane::Extra(id) => s
                .extra
                .items(id)
                .iter()
                .map(|x| item(x.to_value()))
                .collect(),
        };
        if !lines.is_empty() {
            g.lanes.push((display(&title).into_owned(), lines));
        }
    }
}

/// `now cites int-03`, `no longer cites int-01`, both, or a new order.
fn cites_words(old: &[String], new: &[String]) -> String {
    let added: Vec<&str> = new
        .iter()
        .filter(|id| !old.contains(id))
        .map(String::as_str)
        .collect();
    let removed: Vec<&str> = old
        .iter()
        .filter(|id| !new.contains(id))
        .map(String::as_str)
        .collect();
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(format!("now cites {}", added.join(", ")));
    }
    if !removed.is_empty() {
        parts.push(format!("no longer cites {}", removed.join(", ")));
    }
    if parts.is_empty() {
        "cites the same evidence in another order".to_string()
    } else {
        parts.join(", ")
    }
}

/// `assumption → research`, or `still research` when a citation change left
/// the confidence where it was.
fn confidence_move((a, b): (Confidence, Confidence)) -> String {
    if a == b {
        format!("still {}", a.label())
    } else {
        format!("{} → {}", a.label(), b.label())
    }
}

/// What an item cites, and the item without its citations (to tell a change of
/// citations alone from an edit).
fn citations(v: &Value) -> (&[String], Value) {
    let mut plain = v.clone();
    let ids: &[String] = match v {
        Value::Touchpoint(x) => &x.evidence,
        Value::Emotion(x) => &x.evidence,
        Value::PainPoint(x) => &x.evidence,
        Value::Optimization(x) => &x.evidence,
        Value::Metric(x) => &x.evidence,
        Value::LaneItem(x) => &x.evidence,
        _ => &[],
    };
    match &mut plain {
        Value::Touchpoint(x) => x.evidence.clear(),
        Value::Emotion(x) => x.evidence.clear(),
        Value::PainPoint(x) => x.evidence.clear(),
        Value::Optimization(x) => x.evidence.clear(),
        Value::Metric(x) => x.evidence.clear(),
        Value::LaneItem(x) => x.evidence.clear(),
        _ => {}
    }
    (ids, plain)
}

/// The text a person knows an item by (a pain point's text, a KPI's name).
fn main_text(v: &Value) -> String {
    match v {
        Value::Touchpoint(x) => x.name.clone(),
        Value::Emotion(x) => x.label.clone(),
        Value::PainPoint(x) => x.text.clone(),
        Value::Optimization(x) => x.text.clone(),
        Value::Metric(x) => x.name.clone(),
        Value::LaneItem(x) => x.text.clone(),
        other => describe(other),
    }
}

/// A change to the map's evidence: `+ evidence int-03 (interview · P4): "…"`,
/// `~ evidence int-03: date 2026-10-01 → 2026-10-14`.
fn evidence_line(id: &str, e: &Edit) -> Line {
    let mut l = Line {
        sign: '~',
        label: format!("evidence {}", display(id)),
        ..Line::default()
    };
    match e {
        Edit::Entry {
            from: None,
            evidence,
            ..
        }
        | Edit::Entry {
            to: None, evidence, ..
        } => {
            l.sign = if matches!(e, Edit::Entry { from: None, .. }) {
                '+'
            } else {
                '-'
            };
            l.origin = Some(super::cites::origin(evidence));
            l.text = Some(evidence.text.clone());
            l.quoted = true;
        }
        Edit::Entry {
            from: Some(a),
            to: Some(b),
            ..
        } => l.note = format!("moved: position {} → {}", a + 1, b + 1),
        Edit::Set { field, old, new } => {
            l.field = Some(field);
            l.quoted = matches!(*field, "text" | "from" | "link");
            set_words(&mut l, old, new);
        }
        _ => {}
    }
    l
}

/// A change to the map's list of lanes: `+ lane Frontstage (frontstage)`,
/// `~ lane Doing is now titled Customer actions`, `~ lane … (moved: position
/// 3 → 5)`. Lane titles and ids are map text: they go in `text`, escaped on
/// output.
fn lane_line(id: &str, title: &str, e: &Edit) -> Line {
    let mut l = Line {
        sign: '~',
        ..Line::default()
    };
    match e {
        Edit::Added { value, .. } | Edit::Removed { value, .. } => {
            l.sign = if matches!(e, Edit::Added { .. }) {
                '+'
            } else {
                '-'
            };
            l.text = Some(describe(value));
        }
        Edit::Moved { from, to, value } => {
            l.text = Some(describe(value));
            l.note = format!("moved: position {} → {}", from + 1, to + 1);
        }
        Edit::Set { field, old, new } => {
            let journey = crate::model::Lane::from_key(id).map(Lane::title);
            let shown = |t: &str| match (t.is_empty(), journey) {
                (true, Some(j)) => j.to_string(),
                _ => t.to_string(),
            };
            let kind = crate::model::LaneKind::from_name(new).map_or(new.as_str(), |k| k.label());
            let holds = crate::model::Holds::from_name(new).map_or(new.as_str(), |h| h.label());
            l.text = Some(match *field {
                "title" => format!("lane {} is now titled {}", shown(old), shown(new)),
                "kind" => format!("lane {title} is now a {kind} lane"),
                _ => format!("lane {title} now holds {holds}"),
            });
        }
        _ => {}
    }
    l
}

/// A field set, cleared or changed: `+ new`, `- old`, or `old → new`.
fn set_words(l: &mut Line, old: &str, new: &str) {
    if old.is_empty() {
        l.sign = '+';
        l.text = Some(new.to_string());
    } else if new.is_empty() {
        l.sign = '-';
        l.text = Some(old.to_string());
    } else {
        l.old_new = Some((old.to_string(), new.to_string()));
    }
}

fn item_line(noun: &str, e: &Edit, conf: Option<(Confidence, Confidence)>) -> Line {
    let mut l = Line {
        sign: '~',
        label: String::new(),
        ..Line::default()
    };
    match e {
        Edit::Set { field, old, new } => {
            l.label = (*field).to_string();
            l.quoted = true;
            set_words(&mut l, old, new);
        }
        Edit::Added { value, .. } => {
            l.sign = '+';
            l.label = noun.to_string();
            l.text = Some(describe(value));
            let (ids, _) = citations(value);
            if let (false, Some((_, c))) = (ids.is_empty(), conf) {
                l.note = format!("cites {}; {}", ids.join(", "), c.label());
            }
        }
        Edit::Removed { value, .. } => {
            l.sign = '-';
            l.label = noun.to_string();
            l.text = Some(describe(value));
        }
        Edit::Changed {
            from,
            to,
            old,
            new,
            moved,
        } if citations(old).1 == citations(new).1 => {
            // The same item, citing other research: say which, and what that
            // did to how far it can be trusted.
            let words = cites_words(citations(old).0, citations(new).0);
            l.word = Some(words.clone());
            l.label = words;
            l.text = Some(main_text(new));
            l.quoted = true;
            l.note = conf.map(confidence_move).unwrap_or_default();
            if *moved {
                let _ = write!(l.note, "; moved: position {} → {}", from + 1, to + 1);
            }
        }
        Edit::Changed {
            from,
            to,
            old: Value::PainPoint(a),
            new: Value::PainPoint(b),
            moved,
        } if a.severity != b.severity && a.text == b.text && a.votes == b.votes => {
            // The same pain point, rated again: not one closed and another opened.
            l.word = Some("severity changed".into());
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
            old: Value::LaneItem(a),
            new: Value::LaneItem(b),
            moved,
        } if a.text == b.text && a.evidence == b.evidence => {
            // The same piece of work, done by someone else or for another
            // action: say what moved, not the whole item twice.
            l.text = Some(a.text.clone());
            l.quoted = true;
            for (now, no_longer, x, y) in [
                ("now serves", "no longer serves", &a.serves, &b.serves),
                ("now owned by", "no longer owned by", &a.owner, &b.owner),
                ("now via", "no longer via", &a.channel, &b.channel),
            ] {
                if x == y {
                    continue;
                }
                if y.is_empty() {
                    l.then.push((no_longer, x.clone()));
                } else {
                    l.then.push((now, y.clone()));
                }
            }
            if *moved {
                l.note = format!("moved: position {} → {}", from + 1, to + 1);
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
            l.word = Some("rescored".into());
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
            let mut notes = Vec::new();
            let (a, b) = (citations(old).0, citations(new).0);
            if a != b {
                let mut n = cites_words(a, b);
                if let Some(c) = conf {
                    let _ = write!(n, "; {}", confidence_move(c));
                }
                notes.push(n);
            }
            if *moved {
                notes.push(format!("moved: position {} → {}", from + 1, to + 1));
            }
            l.note = notes.join("; ");
        }
        Edit::Moved { from, to, value } => {
            l.label = noun.to_string();
            l.text = Some(describe(value));
            l.note = format!("moved: position {} → {}", from + 1, to + 1);
        }
        Edit::Cites { old, new } => {
            l.label = cites_words(old, new);
            l.note = conf.map(confidence_move).unwrap_or_default();
        }
        Edit::Entry { .. } => {}
    }
    l
}

/// Where a change or conflict is, in words (unescaped: escape on output).
fn place(p: &Place) -> String {
    let stage = |r: &StageRef| format!("stage `{}` ({})", r.id, r.name);
    match p {
        Place::Map => "map".into(),
        Place::Objectives => "objectives".into(),
        Place::Persona(r) | Place::Personas(r) if r.several => format!("persona {}", r.name),
        Place::Persona(_) | Place::Personas(_) => "persona".into(),
        Place::PersonaList(r, k) if r.several => format!("persona {}, {k}", r.name),
        Place::PersonaList(_, k) => format!("persona {k}"),
        Place::Stages(r) | Place::Stage(r) => stage(r),
        Place::Lane(r, _, title) => format!("{}, {}", stage(r), title.to_lowercase()),
        Place::Lanes(id, title) => format!("lane {title} ({id})"),
        Place::Evidence(id) => format!("evidence `{id}`"),
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
pub(super) fn clash(c: &Clash) -> String {
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
        Clash::BothSetKeptAs { field, theirs_as } => format!(
            "both changed the {field}; ours stays, theirs is kept beside it as `{theirs_as}`"
        ),
        Clash::RemovedByUsChangedByThemKept => {
            "removed by us, changed by them; kept as they changed it".into()
        }
        Clash::SameEvidenceId { id, theirs_as } => format!(
            "both added different evidence with id `{id}`; both are kept, theirs as `{theirs_as}`"
        ),
        Clash::BothChangedKeptBoth => "both changed it; both are kept, theirs after ours".into(),
        Clash::LaneKeptForItems { by_us: true } => {
            "removed by us, but they gave it cards; the lane is kept with them".into()
        }
        Clash::LaneKeptForItems { by_us: false } => {
            "removed by them, but we gave it cards; the lane is kept with them".into()
        }
        Clash::SamePersonaId { id, theirs_as } => format!(
            "both added a different persona with id `{id}`; both are kept, theirs as `{theirs_as}`"
        ),
        Clash::PersonaKeptForItems { by_us: true } => {
            "removed by us, but they gave her items or emotions; she is kept with them".into()
        }
        Clash::PersonaKeptForItems { by_us: false } => {
            "removed by them, but we gave her items or emotions; she is kept with them".into()
        }
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

/// One stage's emotion move, `Decision 2.3 → 2.7 ▲0.4`, or with several
/// personas `Decision went from 2.3 to 2.7 for Jonas Weber ▲0.4`; a side
/// without emotions reads `–`. Map text goes through `esc` (`display` or `md`).
fn emotion_delta(d: &super::summary::EmotionDelta, esc: impl Fn(&str) -> String) -> String {
    let v = crate::model::wording::one_decimal;
    let mut s = if d.persona.is_empty() {
        format!("{} {} → {}", esc(&d.name), v(d.old), v(d.new))
    } else {
        format!(
            "{} went from {} to {} for {}",
            esc(&d.name),
            v(d.old),
            v(d.new),
            esc(&d.persona)
        )
    };
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

/// The evidence cell of the summary: entries added, removed, changed, and how
/// many items' confidence rose or fell; `None` when nothing of the kind moved,
/// so a diff of maps without evidence reads as it always did.
pub fn evidence_cell(s: &super::summary::Summary) -> Option<String> {
    let part = |parts: &[(usize, &str)]| -> Vec<String> {
        parts
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, w)| format!("{n} {w}"))
            .collect()
    };
    let entries = part(&[
        (s.evidence_added, "added"),
        (s.evidence_removed, "removed"),
        (s.evidence_changed, "changed"),
    ]);
    let confidence = part(&[(s.confidence_rose, "rose"), (s.confidence_fell, "fell")]);
    let mut out = Vec::new();
    if !entries.is_empty() {
        out.push(entries.join(", "));
    }
    if !confidence.is_empty() {
        out.push(format!("confidence: {}", confidence.join(", ")));
    }
    (!out.is_empty()).then(|| out.join("; "))
}

/// The lanes cell of the summary: lanes of the map's list added, removed,
/// renamed or changed, moved; `None` when none did, so a diff of maps without
/// lanes of their own reads as it always did.
pub fn lanes_cell(s: &super::summary::Summary) -> Option<String> {
    let parts: Vec<String> = [
        (s.lanes_added, "added"),
        (s.lanes_removed, "removed"),
        (s.lanes_changed, "changed"),
        (s.lanes_moved, "moved"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, w)| format!("{n} {w}"))
    .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The personas cell of the summary: personas added, removed, changed;
/// `None` when none was, so a diff of one-persona maps reads as it always did.
pub fn personas_cell(s: &super::summary::Summary) -> Option<String> {
    let parts: Vec<String> = [
        (s.personas_added, "added"),
        (s.personas_removed, "removed"),
        (s.personas_changed, "changed"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, w)| format!("{n} {w}"))
    .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
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
