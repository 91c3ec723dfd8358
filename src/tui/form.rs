//! Small forms with one field per line: structured items (touchpoint, emotion, pain
//! point, optimization, KPI), a stage's name and goal, the persona and the map's
//! title, summary and objectives. A form edits a copy; committing it becomes one
//! undoable operation.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::keymap::{self, Dialog, Reply};
use super::text_input::TextInput;
use crate::edit::{Item, Op};
use crate::model::wording::capitalise;
use crate::model::{
    Emotion, Evidence, Holds, JourneyMap, Lane, LaneItem, Level, Metric, Optimization, PainPoint,
    Persona, Source, Status, Touchpoint, is_calendar_date, is_slug, item_noun, slugify,
    unique_slug,
};

/// Choices read as words (`In progress`, not the file's `InProgress`); `words`
/// below turns them back into the model's values.
const LEVELS: &[&str] = &["Low", "Medium", "High"];
const STATUSES: &[&str] = &["Idea", "Planned", "In progress", "Done", "Dropped"];
const SCORES: &[&str] = &["1", "2", "3", "4", "5"];
/// An optimization's impact and effort: unscored first, since most start so.
const RATINGS: &[&str] = &["Not scored", "1", "2", "3", "4", "5"];
/// Evidence sources as words (`Support ticket`), in `Source::ALL`'s order.
const SOURCES: &[&str] = &[
    "Interview",
    "Survey",
    "Analytics",
    "Support ticket",
    "Observation",
    "Other",
];

fn rating_word(r: Option<u8>) -> String {
    r.map_or_else(|| "Not scored".to_string(), |r| r.to_string())
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(TextInput),
    /// One of `options` (the file's words, or a stage's actions for what a
    /// lane item serves).
    Choice {
        options: Vec<String>,
        index: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub label: String,
    /// Which part of the element the field holds (`name`, `goals`, …); list fields
    /// share a key and keep their order.
    pub key: &'static str,
    pub value: Value,
    /// A list field: an empty one at the end is where a new element is typed.
    pub list: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Item {
        stage: usize,
        lane: Lane,
        index: usize,
    },
    Stage {
        index: usize,
    },
    /// The persona at this place in the map's personas.
    Persona(usize),
    Info,
    /// An entry of the map's evidence; `None` adds one at the end.
    Evidence {
        index: Option<usize>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub title: String,
    pub target: Target,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub error: Option<String>,
    /// Esc on a form with changes asks first: this is the question on screen.
    pub confirm_discard: bool,
    /// The fields as the form opened, to tell whether anything changed.
    initial: Vec<(&'static str, String)>,
}

pub enum FormOutcome {
    Editing,
    Cancel,
    Commit(Box<Op>),
}

fn text(label: &str, key: &'static str, value: &str) -> Field {
    Field {
        label: label.to_string(),
        key,
        value: Value::Text(TextInput::new(value)),
        list: false,
    }
}

fn choice(
    label: &str,
    key: &'static str,
    options: &'static [&'static str],
    current: &str,
) -> Field {
    Field {
        label: label.to_string(),
        key,
        value: Value::Choice {
            index: options.iter().position(|o| *o == current).unwrap_or(0),
            options: options.iter().map(|o| o.to_string()).collect(),
        },
        list: false,
    }
}

fn list(fields: &mut Vec<Field>, label: &str, key: &'static str, items: &[String]) {
    for it in items.iter().chain(std::iter::once(&String::new())) {
        fields.push(Field {
            label: label.to_string(),
            key,
            value: Value::Text(TextInput::new(it)),
            list: true,
        });
    }
}

/// The first choice of what a lane item serves: nothing.
const SERVES_NONE: &str = "(none)";

/// What a lane item serves, picked among its stage's actions (a text naming
/// none of them stays on offer, so opening the form loses nothing).
fn serves(stage: &crate::model::Stage, current: &str) -> Field {
    let mut options = vec![SERVES_NONE.to_string()];
    options.extend(stage.actions.iter().cloned());
    if !current.is_empty() && !stage.actions.iter().any(|a| a == current) {
        options.push(current.to_string());
    }
    Field {
        label: "Serves action".to_string(),
        key: "serves",
        value: Value::Choice {
            index: options.iter().position(|o| o == current).unwrap_or(0),
            options,
        },
        list: false,
    }
}

/// The first choice of whose an item is: every persona's.
const EVERYONE: &str = "Everyone";

/// On a map of several personas, whose the item is: an emotion is one
/// persona's; an item is everyone's or one persona's (an item naming some of
/// three keeps that set on offer, so opening the form loses nothing).
/// Actions and thoughts belong to everyone and have no such field.
fn whose(map: &JourneyMap, item: &Item) -> Option<Field> {
    let names = map.personas().map(|p| p.name.clone());
    let (label, key, options, index) = match item {
        Item::Text(_) => return None,
        Item::Emotion(e) => (
            "Persona",
            "persona",
            names.collect::<Vec<_>>(),
            map.emotion_persona(e).unwrap_or(0),
        ),
        _ => {
            let set = item.personas();
            let mut options = vec![EVERYONE.to_string()];
            options.extend(names);
            let one = match set.as_slice() {
                [] => Some(0),
                [id] => map.personas().position(|p| p.id == *id).map(|i| i + 1),
                _ => None,
            };
            let index = one.unwrap_or_else(|| {
                let named: Vec<String> = map
                    .personas()
                    .filter(|p| set.contains(&p.id))
                    .map(|p| p.name.clone())
                    .collect();
                options.push(named.join(", "));
                options.len() - 1
            });
            ("Personas", "personas", options, index)
        }
    };
    Some(Field {
        label: label.to_string(),
        key,
        value: Value::Choice { options, index },
        list: false,
    })
}

fn number(v: Option<f64>) -> String {
    v.map(|v| format!("{v}")).unwrap_or_default()
}

impl Form {
    pub fn for_item(map: &JourneyMap, stage: usize, lane: Lane, index: usize) -> Option<Form> {
        let st = map.stages.get(stage)?;
        let item = Item::get(st, lane, index)?;
        let fields = match &item {
            Item::Text(t) => vec![text("Text", "text", t)],
            Item::Touchpoint(t) => vec![
                text("Name", "name", &t.name),
                text("Channel", "channel", &t.channel),
                text("Note", "note", &t.note),
            ],
            Item::Emotion(e) => vec![
                text("Label", "label", &e.label),
                choice("Score", "score", SCORES, &e.score.to_string()),
                text("Note", "note", &e.note),
            ],
            Item::PainPoint(p) => vec![
                text("Text", "text", &p.text),
                choice(
                    "Severity",
                    "severity",
                    LEVELS,
                    &capitalise(p.severity.label()),
                ),
            ],
            Item::Optimization(o) => vec![
                text("Text", "text", &o.text),
                text("Owner", "owner", &o.owner),
                choice(
                    "Priority",
                    "priority",
                    LEVELS,
                    &capitalise(o.priority.label()),
                ),
                choice("Status", "status", STATUSES, &capitalise(o.status.label())),
                choice("Impact", "impact", RATINGS, &rating_word(o.impact)),
                choice("Effort", "effort", RATINGS, &rating_word(o.effort)),
            ],
            Item::Metric(m) => vec![
                text("Name", "name", &m.name),
                text("Current", "current", &number(m.current)),
                text("Target", "target", &number(m.target)),
                text("Unit", "unit", &m.unit),
            ],
            Item::Lane(l) => {
                let mut f = vec![text("Text", "text", &l.text)];
                if map.lane_holds(lane) == Holds::Owned || !l.owner.is_empty() {
                    f.push(text("Owner", "owner", &l.owner));
                    f.push(text("Channel", "channel", &l.channel));
                }
                f.push(serves(st, &l.serves));
                f
            }
        };
        let mut fields = fields;
        if map.persona_count() > 1 {
            fields.extend(whose(map, &item));
        }
        // A card of a lane of the map's own is named by its lane.
        let what = if lane.is_extra() {
            format!("Card of {}", map.lane_title(lane))
        } else {
            capitalise(item_noun(lane))
        };
        Some(Form::new(
            format!("{what} in {}", st.name),
            Target::Item { stage, lane, index },
            fields,
        ))
    }

    pub fn for_stage(map: &JourneyMap, index: usize) -> Option<Form> {
        let st = map.stages.get(index)?;
        Some(Form::new(
            format!("Stage `{}`", st.id),
            Target::Stage { index },
            vec![
                text("Name", "name", &st.name),
                text("Goal", "goal", &st.goal),
            ],
        ))
    }

    /// The persona at `index`; `None` for a place the map does not have.
    pub fn for_persona_at(map: &JourneyMap, index: usize) -> Option<Form> {
        let p = map.persona_at(index)?;
        let mut f = Form::for_persona(p);
        f.target = Target::Persona(index);
        if map.persona_count() > 1 {
            f.title = format!(
                "Persona {} of {} (traits as `Label: value`)",
                index + 1,
                map.persona_count()
            );
        }
        Some(f)
    }

    pub fn for_persona(p: &Persona) -> Form {
        let mut fields = vec![
            text("Name", "name", &p.name),
            text("Role", "role", &p.role),
            text("Quote", "quote", &p.quote),
            text("Summary", "summary", &p.summary),
        ];
        list(&mut fields, "Goal", "goals", &p.goals);
        list(&mut fields, "Need", "needs", &p.needs);
        list(&mut fields, "Frustration", "frustrations", &p.frustrations);
        list(&mut fields, "Behavior", "behaviors", &p.behaviors);
        let traits: Vec<String> = p.traits.iter().map(|(l, v)| format!("{l}: {v}")).collect();
        list(&mut fields, "Trait", "traits", &traits);
        Form::new(
            "Persona (traits as `Label: value`)".into(),
            Target::Persona(0),
            fields,
        )
    }

    pub fn for_info(map: &JourneyMap) -> Form {
        let mut fields = vec![
            text("Title", "title", &map.title),
            text("Summary", "summary", &map.summary),
        ];
        list(&mut fields, "Objective", "objectives", &map.objectives);
        Form::new("Map".into(), Target::Info, fields)
    }

    /// Evidence: an entry to edit, or (`None`) a new one, whose id may be
    /// left blank to be made from its text.
    pub fn for_evidence(map: &JourneyMap, index: Option<usize>) -> Option<Form> {
        let e = match index {
            Some(i) => map.evidence.get(i)?.clone(),
            None => Evidence::default(),
        };
        let title = match index {
            Some(_) => format!("Evidence `{}`", e.id),
            None => "New evidence (a blank id is made from the text)".to_string(),
        };
        Some(Form::new(
            title,
            Target::Evidence { index },
            vec![
                text("Id", "id", &e.id),
                text("Text", "text", &e.text),
                choice("Source", "source", SOURCES, &capitalise(e.source.label())),
                text("From", "from", &e.from),
                text("Date", "date", &e.date),
                text("Link", "link", &e.link),
            ],
        ))
    }

    fn new(title: String, target: Target, fields: Vec<Field>) -> Form {
        let mut f = Form {
            title,
            target,
            fields,
            focus: 0,
            error: None,
            confirm_discard: false,
            initial: Vec::new(),
        };
        f.initial = f.values();
        f
    }

    /// Every field's key and value; empty list fields (the place to type a new
    /// element) do not count.
    fn values(&self) -> Vec<(&'static str, String)> {
        self.fields
            .iter()
            .map(|f| {
                let v = match &f.value {
                    Value::Text(t) => t.text().to_string(),
                    Value::Choice { options, index } => {
                        options.get(*index).cloned().unwrap_or_default()
                    }
                };
                (f.key, v, f.list)
            })
            .filter(|(_, v, list)| !(*list && v.is_empty()))
            .map(|(k, v, _)| (k, v))
            .collect()
    }

    /// Whether any field differs from what the form opened with.
    pub fn is_changed(&self) -> bool {
        self.values() != self.initial
    }

    pub fn paste(&mut self, s: &str) {
        if let Some(Field {
            value: Value::Text(t),
            ..
        }) = self.fields.get_mut(self.focus)
        {
            t.insert_str(s);
        }
        self.grow_lists();
    }

    /// Esc: closes a form with no changes; one with changes asks first.
    fn cancel(&mut self) -> FormOutcome {
        if self.is_changed() {
            self.confirm_discard = true;
            return FormOutcome::Editing;
        }
        FormOutcome::Cancel
    }

    pub fn handle(&mut self, key: KeyEvent, map: &JourneyMap) -> FormOutcome {
        let last = self.fields.len().saturating_sub(1);
        if self.confirm_discard {
            match keymap::reply(Dialog::FormDiscard, key) {
                Some(Reply::Yes) => return FormOutcome::Cancel,
                Some(_) => self.confirm_discard = false,
                None => {}
            }
            return FormOutcome::Editing;
        }
        // The form's own keys come from its rows of the dialog table, the rows
        // its footer is written from, modifiers and all (Alt-Enter is not
        // Enter); the rest go to the focused field.
        match keymap::reply(Dialog::Form, key) {
            Some(Reply::Cancel) => return self.cancel(),
            Some(Reply::Field) => {
                // One row, both ways: Tab and ↓ go down, Shift-Tab and ↑ up.
                let down = matches!(key.code, KeyCode::Tab | KeyCode::Down);
                self.focus = match (down, self.focus) {
                    (true, f) if f >= last => 0,
                    (true, f) => f + 1,
                    (false, 0) => last,
                    (false, f) => f - 1,
                };
                return FormOutcome::Editing;
            }
            Some(Reply::Commit) => return self.commit(map),
            _ => {}
        }
        let Some(field) = self.fields.get_mut(self.focus) else {
            return FormOutcome::Editing;
        };
        match &mut field.value {
            Value::Text(t) => {
                t.handle(key);
            }
            Value::Choice { options, index } => {
                let n = options.len().max(1);
                match key.code {
                    KeyCode::Right | KeyCode::Char(' ') | KeyCode::Char('+') => {
                        *index = (*index + 1) % n
                    }
                    KeyCode::Left | KeyCode::Char('-') => *index = (*index + n - 1) % n,
                    KeyCode::Char(c) => {
                        // A digit or a first letter picks directly; pressing it
                        // again moves on to the next option with that letter
                        // (`i`: Idea, then In progress).
                        let lc = c.to_ascii_lowercase();
                        let starts = |o: &String| {
                            o.chars().next().map(|f| f.to_ascii_lowercase()) == Some(lc)
                        };
                        let next = (1..=n)
                            .map(|k| (*index + k) % n)
                            .find(|i| options.get(*i).is_some_and(starts));
                        if let Some(i) = next {
                            *index = i;
                        }
                    }
                    _ => {}
                }
            }
        }
        self.grow_lists();
        FormOutcome::Editing
    }

    /// Keeps one empty field at the end of each list, so there is always a place
    /// to type the next element.
    fn grow_lists(&mut self) {
        let mut i = 0;
        while i < self.fields.len() {
            let is_last_of_list = self.fields.get(i).is_some_and(|f| f.list)
                && self.fields.get(i + 1).is_none_or(|n| {
                    !n.list || n.key != self.fields.get(i).map(|f| f.key).unwrap_or("")
                });
            if is_last_of_list
                && let Some(f) = self.fields.get(i)
                && let Value::Text(t) = &f.value
                && !t.text().is_empty()
            {
                let mut new = f.clone();
                new.value = Value::Text(TextInput::new(""));
                self.fields.insert(i + 1, new);
            }
            i += 1;
        }
    }

    fn text(&self, key: &str) -> String {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .map(|f| match &f.value {
                Value::Text(t) => t.text().to_string(),
                Value::Choice { options, index } => {
                    options.get(*index).cloned().unwrap_or_default()
                }
            })
            .unwrap_or_default()
    }

    fn texts(&self, key: &str) -> Vec<String> {
        self.fields
            .iter()
            .filter(|f| f.key == key)
            .filter_map(|f| match &f.value {
                Value::Text(t) if !t.text().trim().is_empty() => Some(t.text().to_string()),
                _ => None,
            })
            .collect()
    }

    fn commit(&mut self, map: &JourneyMap) -> FormOutcome {
        match self.build(map) {
            Ok(op) => FormOutcome::Commit(Box::new(op)),
            Err(e) => {
                self.error = Some(e);
                FormOutcome::Editing
            }
        }
    }

    fn required(&self, key: &str, what: &str) -> Result<String, String> {
        let t = self.text(key);
        if t.trim().is_empty() {
            Err(format!("{what} cannot be empty"))
        } else {
            Ok(t)
        }
    }

    /// The chosen place of a choice field, if the form has it.
    fn chosen(&self, key: &str) -> Option<usize> {
        self.fields.iter().find_map(|f| match &f.value {
            Value::Choice { index, .. } if f.key == key => Some(*index),
            _ => None,
        })
    }

    /// Whose the item is once the form is saved: the choice of its
    /// "Personas" or "Persona" field, else what it was (`current`).
    fn personas(&self, map: &JourneyMap, current: Vec<String>) -> Vec<String> {
        if let Some(i) = self.chosen("persona") {
            return vec![map.emotion_key(i).to_string()];
        }
        match self.chosen("personas") {
            Some(0) => Vec::new(),
            Some(i) => map
                .persona_at(i - 1)
                .map_or(current, |p| vec![p.id.clone()]),
            None => current,
        }
    }

    fn number(&self, key: &str) -> Result<Option<f64>, String> {
        let t = self.text(key);
        let t = t.trim();
        if t.is_empty() {
            return Ok(None);
        }
        parse_number(t)
            .map(Some)
            .ok_or_else(|| format!("{key} must be a number, like 1500 or 3.5 (or 3,5)"))
    }

    fn build(&self, map: &JourneyMap) -> Result<Op, String> {
        let level = |k: &str| {
            let t = self.text(k);
            Level::ALL
                .into_iter()
                .find(|l| capitalise(l.label()) == t)
                .unwrap_or_default()
        };
        match &self.target {
            Target::Item { stage, lane, index } => {
                // The form does not show votes; editing an item keeps them.
                let votes = map
                    .stages
                    .get(*stage)
                    .and_then(|s| crate::edit::votes(s, *lane, *index))
                    .unwrap_or(0);
                // Nor does it show citations yet; editing an item keeps them.
                let evidence = map
                    .citations(*stage, *lane, *index)
                    .map(<[String]>::to_vec)
                    .unwrap_or_default();
                // Whose it is: the form's choice, else as it was.
                let current = map
                    .stages
                    .get(*stage)
                    .and_then(|s| Item::get(s, *lane, *index))
                    .map(|i| i.personas())
                    .unwrap_or_default();
                let personas = self.personas(map, current);
                let persona = personas.first().cloned().unwrap_or_default();
                let item = match lane {
                    Lane::Actions | Lane::Thoughts => {
                        Item::Text(self.required("text", "The text")?)
                    }
                    Lane::Touchpoints => Item::Touchpoint(Touchpoint {
                        personas: personas.clone(),
                        name: self.required("name", "The name")?,
                        channel: self.text("channel"),
                        note: self.text("note"),
                        evidence,
                    }),
                    Lane::Emotions => Item::Emotion(Emotion {
                        persona,
                        score: self.text("score").parse().unwrap_or(3),
                        label: self.required("label", "The label")?,
                        note: self.text("note"),
                        evidence,
                    }),
                    Lane::PainPoints => Item::PainPoint(PainPoint {
                        personas: personas.clone(),
                        text: self.required("text", "The text")?,
                        severity: level("severity"),
                        votes,
                        evidence,
                    }),
                    Lane::Optimizations => Item::Optimization(Optimization {
                        personas: personas.clone(),
                        text: self.required("text", "The text")?,
                        owner: self.text("owner"),
                        priority: level("priority"),
                        status: {
                            let t = self.text("status");
                            Status::ALL
                                .into_iter()
                                .find(|s| capitalise(s.label()) == t)
                                .unwrap_or_default()
                        },
                        votes,
                        impact: self.text("impact").parse().ok(),
                        effort: self.text("effort").parse().ok(),
                        evidence,
                    }),
                    Lane::Metrics => Item::Metric(Metric {
                        personas: personas.clone(),
                        name: self.required("name", "The name")?,
                        current: self.number("current")?,
                        target: self.number("target")?,
                        unit: self.text("unit"),
                        evidence,
                    }),
                    Lane::Extra(_) => Item::Lane(LaneItem {
                        personas: personas.clone(),
                        text: self.required("text", "The text")?,
                        owner: self.text("owner"),
                        channel: self.text("channel"),
                        serves: Some(self.text("serves"))
                            .filter(|s| s != SERVES_NONE)
                            .unwrap_or_default(),
                        evidence,
                    }),
                };
                Ok(Op::SetItem {
                    stage: *stage,
                    lane: *lane,
                    index: *index,
                    item,
                })
            }
            Target::Stage { index } => Ok(Op::SetStageInfo {
                index: *index,
                name: self.required("name", "The stage name")?,
                goal: self.text("goal"),
                id: None,
            }),
            Target::Persona(index) => {
                let traits: Vec<(String, String)> = self
                    .texts("traits")
                    .into_iter()
                    .map(|t| match t.split_once(':') {
                        Some((l, v)) => (l.trim().to_string(), v.trim().to_string()),
                        None => (t.trim().to_string(), String::new()),
                    })
                    .collect();
                if traits.iter().any(|(l, _)| l.is_empty()) {
                    return Err("A trait needs a label before the colon, like `Age: 34`".into());
                }
                let persona = Persona {
                    id: String::new(),
                    name: self.required("name", "The persona's name")?,
                    role: self.text("role"),
                    quote: self.text("quote"),
                    summary: self.text("summary"),
                    goals: self.texts("goals"),
                    needs: self.texts("needs"),
                    frustrations: self.texts("frustrations"),
                    behaviors: self.texts("behaviors"),
                    traits,
                };
                // A map of one persona, as it always was; of several, the
                // persona at her place, her id kept.
                if map.persona_count() == 1 && *index == 0 {
                    return Ok(Op::SetPersona(Box::new(Persona {
                        id: map.persona.id.clone(),
                        ..persona
                    })));
                }
                // Nothing changed: the list as it is, which is no step.
                Ok(
                    crate::edit::set_persona(map, *index, persona).unwrap_or_else(|| {
                        Op::SetPersonas {
                            personas: map.personas().cloned().collect(),
                            stages: None,
                            label: String::new(),
                        }
                    }),
                )
            }
            Target::Evidence { index } => self.evidence(map, *index),
            Target::Info => {
                let _ = map;
                Ok(Op::SetInfo {
                    title: self.required("title", "The title")?,
                    summary: self.text("summary"),
                    objectives: self.texts("objectives"),
                })
            }
        }
    }
}

impl Form {
    /// The evidence entry the form holds, checked as validation would check
    /// it, so a bad date or id is said here rather than refused by the map.
    fn evidence(&self, map: &JourneyMap, index: Option<usize>) -> Result<Op, String> {
        let text = self.required("text", "The text")?;
        let taken = |id: &str| {
            map.evidence
                .iter()
                .enumerate()
                .any(|(i, e)| Some(i) != index && e.id == id)
        };
        let typed = self.text("id").trim().to_string();
        let id = if typed.is_empty() {
            let words: Vec<&str> = text.split_whitespace().take(4).collect();
            unique_slug(&words.join(" "), taken)
        } else if !is_slug(&typed) {
            return Err(format!(
                "Id `{typed}` is not a slug (a–z, 0–9, -): try `{}`",
                slugify(&typed)
            ));
        } else if taken(&typed) {
            return Err(format!("Id `{typed}` is already another entry's"));
        } else {
            typed
        };
        let date = self.text("date").trim().to_string();
        if !date.is_empty() && !is_calendar_date(&date) {
            return Err(format!(
                "Date `{date}` is not a calendar date: write YYYY-MM-DD"
            ));
        }
        let source = {
            let t = self.text("source");
            Source::ALL
                .into_iter()
                .find(|s| capitalise(s.label()) == t)
                .unwrap_or_default()
        };
        let evidence = Box::new(Evidence {
            id,
            text,
            source,
            from: self.text("from").trim().to_string(),
            date,
            link: self.text("link").trim().to_string(),
        });
        Ok(match index {
            Some(index) => Op::SetEvidence { index, evidence },
            None => Op::InsertEvidence {
                index: map.evidence.len(),
                evidence,
                citations: Vec::new(),
            },
        })
    }
}

/// A number as people type it: `1500`, `3.5`, or `3,5` with a decimal comma. A
/// comma that could be a thousands separator (`1,000`) is refused rather than
/// guessed, since reading it wrongly would silently store 1.
fn parse_number(t: &str) -> Option<f64> {
    let t = t.replace([' ', '_'], "");
    let t = match (t.matches(',').count(), t.contains('.')) {
        (0, _) => t,
        (1, false) => {
            let after = t.rsplit(',').next().unwrap_or("");
            if after.len() == 3 && after.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            t.replace(',', ".")
        }
        _ => return None,
    };
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::{LEVELS, STATUSES, capitalise, parse_number};
    use crate::model::{Level, Status};

    #[test]
    fn sources_are_the_models_labels_as_words() {
        assert_eq!(
            crate::model::Source::ALL
                .map(|s| capitalise(s.label()))
                .to_vec(),
            super::SOURCES.to_vec()
        );
    }

    #[test]
    fn choices_are_the_models_labels_as_words() {
        assert_eq!(
            Level::ALL.map(|l| capitalise(l.label())).to_vec(),
            LEVELS.to_vec()
        );
        assert_eq!(
            Status::ALL.map(|s| capitalise(s.label())).to_vec(),
            STATUSES.to_vec()
        );
    }

    /// The form shows neither whose item it is nor the persona's id; saving it
    /// must keep both, or Jonas's pain point would become everyone's.
    #[test]
    fn saving_a_form_keeps_whose_item_it_is() {
        use super::{Form, FormOutcome};
        use crate::edit::{Item, Op};
        use crate::model::Lane;
        use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let map = crate::format::load_str(include_str!("../../maps/hotel-blueprint.ron"))
            .map(|l| l.map)
            .unwrap_or_default();
        let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
        let commit = |mut f: Form| match f.handle(enter, &map) {
            FormOutcome::Commit(op) => Some(*op),
            _ => None,
        };
        let pain = Form::for_item(&map, 1, Lane::PainPoints, 1).and_then(commit);
        let Some(Op::SetItem {
            item: Item::PainPoint(p),
            ..
        }) = pain
        else {
            panic!("{pain:?}");
        };
        assert_eq!(p.personas, ["jonas"]);
        let feel = Form::for_item(&map, 0, Lane::Emotions, 1).and_then(commit);
        let Some(Op::SetItem {
            item: Item::Emotion(e),
            ..
        }) = feel
        else {
            panic!("{feel:?}");
        };
        assert_eq!(e.persona, "jonas");
    }

    #[test]
    fn numbers_as_typed() {
        assert_eq!(parse_number("1500"), Some(1500.0));
        assert_eq!(parse_number("3,5"), Some(3.5));
        assert_eq!(parse_number("1 500.25"), Some(1500.25));
        assert_eq!(
            parse_number("1,000"),
            None,
            "ambiguous: refused, not read as 1"
        );
        assert_eq!(parse_number("1,000.5"), None);
        assert_eq!(parse_number("lots"), None);
        assert_eq!(parse_number("inf"), None);
    }
}
