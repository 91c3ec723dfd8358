//! An Enablement Map Studio file (docs/exports.md#enablement-map-studio) read
//! into one map with blueprint lanes. Its YAML holds up to four documents
//! separated by `---`, told apart by `kind`: the customer journey (`cjm`:
//! persona, phases, actions), the service blueprint (`sbp`: lanes, tasks that
//! link to the journey's actions, connections), the outcome (`outcome`: a KGI,
//! a CSF and a KPI) and the enablement map (`em`: skills, knowledge, tools).
//!
//! The journey becomes the map's stages and journey lanes; the blueprint's
//! lanes become frontstage, backstage and support lanes (a `human` lane is the
//! staff the customer meets, a `team` works out of sight, a `system` supports
//! them), and each task an item of its lane in the stage of the action it
//! serves. What a map cannot hold is dropped with a warning, so `--strict`
//! refuses a file that would lose something.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use super::{DEFAULT_PERSONA, DEFAULT_TITLE, Warning, pos_at};
use crate::format::{Pos, ReadError};
use crate::model::{
    Emotion, JourneyMap, Lane, LaneDef, LaneItem, LaneKind, Metric, Stage, Touchpoint, unique_slug,
};

#[derive(Deserialize, Default)]
struct Cjm {
    #[serde(default)]
    id: String,
    persona: Option<Persona>,
    #[serde(default)]
    phases: Vec<Phase>,
    #[serde(default)]
    actions: Vec<Action>,
}

#[derive(Deserialize)]
struct Persona {
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
}

#[derive(Deserialize)]
struct Phase {
    id: String,
    name: String,
}

#[derive(Deserialize)]
struct Action {
    id: String,
    name: String,
    phase: String,
    #[serde(default)]
    touchpoints: Vec<String>,
    #[serde(default)]
    thoughts_feelings: Vec<String>,
    emotion_score: Option<i64>,
}

#[derive(Deserialize, Default)]
struct Sbp {
    #[serde(default)]
    lanes: Vec<SbpLane>,
    #[serde(default)]
    tasks: Vec<Task>,
    #[serde(default)]
    connections: Vec<Connection>,
}

#[derive(Deserialize)]
struct SbpLane {
    id: String,
    name: String,
    kind: String,
    #[serde(default)]
    description: String,
    position: Option<Xy>,
}

#[derive(Deserialize, Clone, Copy)]
struct Xy {
    x: f64,
    y: f64,
}

#[derive(Deserialize)]
struct Task {
    id: String,
    lane: String,
    name: String,
    #[serde(default)]
    description: String,
    source_id: Option<String>,
    #[serde(default)]
    readonly: bool,
    position: Option<Xy>,
}

#[derive(Deserialize)]
struct Connection {
    source: String,
    target: String,
}

#[derive(Deserialize, Default)]
struct Outcome {
    kgi: Option<Named>,
    primary_csf: Option<Csf>,
    primary_kpi: Option<Kpi>,
}

#[derive(Deserialize)]
struct Named {
    #[serde(default)]
    name: String,
}

#[derive(Deserialize)]
struct Csf {
    source_id: Option<String>,
}

#[derive(Deserialize)]
struct Kpi {
    #[serde(default)]
    name: String,
    #[serde(default)]
    unit: String,
    target: Option<f64>,
}

/// The documents of the file, each with the line it starts on.
#[derive(Default)]
struct Documents {
    cjm: Option<(Cjm, Pos)>,
    sbp: Option<(Sbp, Pos)>,
    outcome: Option<(Outcome, Pos)>,
    em: Option<Pos>,
}

pub fn parse(text: &str, warnings: &mut Vec<Warning>) -> Result<JourneyMap, ReadError> {
    let docs = documents(text)?;
    let Some((cjm, cjm_at)) = docs.cjm else {
        return Err(ReadError::new(
            Pos::START,
            "no `kind: cjm` document: an Enablement Map Studio file starts with its customer journey",
            Some(
                "cjm import reads the YAML that Enablement Map Studio exports (kind: cjm, sbp, outcome, em)",
            ),
        ));
    };
    let mut b = Builder::new(text, &cjm, cjm_at, warnings)?;
    if let Some((sbp, at)) = &docs.sbp {
        b.blueprint(sbp, *at)?;
    }
    if let Some((outcome, at)) = &docs.outcome {
        b.outcome(outcome, *at);
    }
    if let Some(at) = docs.em {
        b.warnings.push(Warning {
            pos: at,
            problem: "the `em` document (skills, knowledge, tools) has no place in a map".into(),
            adjustment: "left out".into(),
        });
    }
    Ok(b.map)
}

/// Splits the file into its documents and reads each by its `kind`.
fn documents(text: &str) -> Result<Documents, ReadError> {
    let starts = document_starts(text);
    let mut docs = Documents::default();
    for (n, doc) in serde_yaml_ng::Deserializer::from_str(text).enumerate() {
        let at = starts.get(n).copied().unwrap_or(Pos::START);
        let value = serde_yaml_ng::Value::deserialize(doc).map_err(|e| yaml_error(text, &e))?;
        if value.is_null() {
            continue;
        }
        let kind = value
            .get("kind")
            .and_then(serde_yaml_ng::Value::as_str)
            .unwrap_or("")
            .to_string();
        let twice = |what: &str| {
            ReadError::new(
                at,
                format!("a second `kind: {what}` document"),
                Some("an Enablement Map Studio file holds one document of each kind"),
            )
        };
        match kind.as_str() {
            "cjm" => {
                if docs.cjm.is_some() {
                    return Err(twice("cjm"));
                }
                docs.cjm = Some((typed(value, "cjm", at)?, at));
            }
            "sbp" => {
                if docs.sbp.is_some() {
                    return Err(twice("sbp"));
                }
                docs.sbp = Some((typed(value, "sbp", at)?, at));
            }
            "outcome" => docs.outcome = Some((typed(value, "outcome", at)?, at)),
            "em" => docs.em = Some(at),
            "" => {
                return Err(ReadError::new(
                    at,
                    "this YAML document has no `kind`",
                    Some(
                        "Enablement Map Studio documents say `kind: cjm`, `sbp`, `outcome` or `em`",
                    ),
                ));
            }
            other => {
                return Err(ReadError::new(
                    at,
                    format!("unknown document kind `{other}`"),
                    Some(
                        "Enablement Map Studio documents say `kind: cjm`, `sbp`, `outcome` or `em`",
                    ),
                ));
            }
        }
    }
    Ok(docs)
}

/// A document's fields, or what is wrong with them, at the document's start
/// (serde's message names the field).
fn typed<T: for<'de> Deserialize<'de>>(
    value: serde_yaml_ng::Value,
    kind: &str,
    at: Pos,
) -> Result<T, ReadError> {
    serde_yaml_ng::from_value(value)
        .map_err(|e| ReadError::new(at, format!("the `{kind}` document: {e}"), None))
}

fn yaml_error(text: &str, e: &serde_yaml_ng::Error) -> ReadError {
    let pos = e
        .location()
        .map_or(Pos::START, |l| pos_at(text, l.index().min(text.len())));
    let message = e.to_string();
    // serde_yaml_ng appends " at line L column C": the position says it.
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_string();
    ReadError::new(pos, format!("not YAML: {message}"), None)
}

/// Where each document starts: line 1, then after each `---` line.
fn document_starts(text: &str) -> Vec<Pos> {
    let mut starts = Vec::new();
    let mut first_content = true;
    for (i, line) in text.lines().enumerate() {
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if line.trim_end() == "---" || line.starts_with("--- ") {
            starts.push(Pos {
                line: n.saturating_add(1),
                col: 1,
            });
            first_content = false;
        } else if first_content && !line.trim().is_empty() && !line.trim_start().starts_with('#') {
            starts.push(Pos { line: n, col: 1 });
            first_content = false;
        }
    }
    starts
}

/// The map being made, with what points back into the file.
struct Builder<'a> {
    text: &'a str,
    map: JourneyMap,
    warnings: &'a mut Vec<Warning>,
    /// Each journey action by id: its stage and its text (what a task serves).
    actions: HashMap<String, (usize, String)>,
    /// Each blueprint task by id: the stage it went to.
    task_stage: HashMap<String, usize>,
}

/// Where `needle` first appears in the text, else `fallback`: an id in an
/// error points at the element that has it.
fn pos_of(text: &str, needle: &str, fallback: Pos) -> Pos {
    if needle.is_empty() {
        return fallback;
    }
    text.find(needle).map_or(fallback, |i| pos_at(text, i))
}

/// A readable id from a name, or from an element's id when the name has no
/// Latin letters or digits (Japanese, say): `cjm:phase:requirement` gives
/// `requirement`.
fn base_name<'s>(name: &'s str, id: &'s str) -> &'s str {
    if name.chars().any(|c| c.is_ascii_alphanumeric()) {
        name
    } else {
        id.rsplit(':').next().unwrap_or(id)
    }
}

impl<'a> Builder<'a> {
    fn new(
        text: &'a str,
        cjm: &Cjm,
        at: Pos,
        warnings: &'a mut Vec<Warning>,
    ) -> Result<Builder<'a>, ReadError> {
        if cjm.phases.is_empty() {
            return Err(ReadError::new(
                at,
                "the `cjm` document has no phases",
                Some("each phase becomes a stage of the map"),
            ));
        }
        let persona = cjm
            .persona
            .as_ref()
            .map(|p| p.name.trim())
            .filter(|n| !n.is_empty())
            .unwrap_or(DEFAULT_PERSONA);
        let title = cjm.id.strip_prefix("cjm:").unwrap_or(&cjm.id).trim();
        let title = if title.is_empty() {
            DEFAULT_TITLE
        } else {
            title
        };
        let mut map = JourneyMap::new(title, persona);
        if let Some(p) = &cjm.persona {
            map.persona.summary = p.description.trim().to_string();
        }
        let mut taken: HashSet<String> = HashSet::new();
        let mut phase_index: HashMap<&str, usize> = HashMap::new();
        for phase in &cjm.phases {
            if phase_index.contains_key(phase.id.as_str()) {
                return Err(ReadError::new(
                    pos_of(text, &phase.id, at),
                    format!("phase id `{}` is used twice", phase.id),
                    None,
                ));
            }
            let name = phase.name.trim();
            if name.is_empty() {
                return Err(ReadError::new(
                    pos_of(text, &phase.id, at),
                    format!("phase `{}` has no name", phase.id),
                    None,
                ));
            }
            let id = unique_slug(base_name(name, &phase.id), |s| taken.contains(s));
            taken.insert(id.clone());
            phase_index.insert(&phase.id, map.stages.len());
            map.stages.push(Stage {
                id,
                name: name.to_string(),
                ..Stage::default()
            });
        }
        let mut actions = HashMap::new();
        let mut warnings_out = Vec::new();
        for a in &cjm.actions {
            let here = pos_of(text, &a.id, at);
            let Some(&s) = phase_index.get(a.phase.as_str()) else {
                return Err(ReadError::new(
                    here,
                    format!(
                        "action `{}` is in phase `{}`, which the cjm document does not have",
                        a.id, a.phase
                    ),
                    None,
                ));
            };
            let name = a.name.trim().to_string();
            if name.is_empty() {
                return Err(ReadError::new(
                    here,
                    format!("action `{}` has no name", a.id),
                    None,
                ));
            }
            if actions.insert(a.id.clone(), (s, name.clone())).is_some() {
                return Err(ReadError::new(
                    here,
                    format!("action id `{}` is used twice", a.id),
                    None,
                ));
            }
            let Some(stage) = map.stages.get_mut(s) else {
                continue;
            };
            stage.actions.push(name.clone());
            for t in a.thoughts_feelings.iter().map(|t| t.trim()) {
                if !t.is_empty() {
                    stage.thoughts.push(t.to_string());
                }
            }
            for t in a.touchpoints.iter().map(|t| t.trim()) {
                if !t.is_empty() && !stage.touchpoints.iter().any(|x| x.name == t) {
                    stage.touchpoints.push(Touchpoint {
                        name: t.to_string(),
                        ..Touchpoint::default()
                    });
                }
            }
            if let Some(score) = a.emotion_score {
                let clamped = score.clamp(-2, 2);
                if clamped != score {
                    warnings_out.push(Warning {
                        pos: here,
                        problem: format!(
                            "emotion score `{score}` of action `{}` is not from -2 to 2",
                            a.id
                        ),
                        adjustment: format!("read as {clamped}"),
                    });
                }
                stage.emotions.push(Emotion {
                    score: clamped + 3,
                    label: name,
                    ..Emotion::default()
                });
            }
        }
        warnings.extend(warnings_out);
        Ok(Builder {
            text,
            map,
            warnings,
            actions,
            task_stage: HashMap::new(),
        })
    }

    /// The blueprint's lanes and tasks.
    fn blueprint(&mut self, sbp: &Sbp, at: Pos) -> Result<(), ReadError> {
        // Lanes top to bottom as the studio draws them (by `position.y` when
        // every lane has one), else in the file's order.
        let mut order: Vec<&SbpLane> = sbp.lanes.iter().collect();
        if order.iter().all(|l| l.position.is_some()) {
            order.sort_by(|a, b| {
                let y = |l: &SbpLane| l.position.map_or(0.0, |p| p.y);
                y(a).total_cmp(&y(b))
            });
        }
        let mut lanes: Vec<LaneDef> = Vec::new();
        let mut by_id: HashMap<&str, Option<Lane>> = HashMap::new();
        let mut taken: HashSet<String> = HashSet::new();
        let mut customer_seen = false;
        for l in order {
            let here = pos_of(self.text, &l.id, at);
            if by_id.contains_key(l.id.as_str()) {
                return Err(ReadError::new(
                    here,
                    format!("lane id `{}` is used twice", l.id),
                    None,
                ));
            }
            let kind = match l.kind.as_str() {
                "cjm" => {
                    by_id.insert(&l.id, None);
                    if !customer_seen {
                        lanes.push(LaneDef::journey(Lane::Actions));
                        customer_seen = true;
                    }
                    continue;
                }
                "human" => LaneKind::Frontstage,
                "team" => LaneKind::Backstage,
                "system" => LaneKind::Support,
                other => {
                    self.warnings.push(Warning {
                        pos: here,
                        problem: format!(
                            "lane kind `{other}` is not one of cjm, human, team, system"
                        ),
                        adjustment: "made a custom lane".into(),
                    });
                    LaneKind::Custom
                }
            };
            let title = l.name.trim();
            let title = if title.is_empty() {
                kind.default_title()
            } else {
                title
            };
            let id = unique_slug(base_name(title, &l.id), |s| {
                taken.contains(s) || Lane::from_key(s).is_some() || s == "lane"
            });
            taken.insert(id.clone());
            if !l.description.trim().is_empty() {
                self.warnings.push(Warning {
                    pos: here,
                    problem: format!("the description of lane `{}` has no place in a map", l.id),
                    adjustment: "left out".into(),
                });
            }
            let def = LaneDef {
                id,
                title: title.to_string(),
                kind,
                holds: kind.default_holds(),
            };
            by_id.insert(&l.id, Some(def.lane()));
            lanes.push(def);
        }
        if !customer_seen {
            lanes.insert(0, LaneDef::journey(Lane::Actions));
        }
        lanes.extend(
            Lane::ALL
                .into_iter()
                .filter(|l| *l != Lane::Actions)
                .map(LaneDef::journey),
        );
        self.map.lanes = lanes;
        self.tasks(sbp, &by_id, at)?;
        self.map.normalize_lanes();
        Ok(())
    }

    /// Each task into its lane, in the stage of the action it serves; a task
    /// linked to no action goes where its connections or its place on the
    /// studio's canvas say.
    fn tasks(
        &mut self,
        sbp: &Sbp,
        lanes: &HashMap<&str, Option<Lane>>,
        at: Pos,
    ) -> Result<(), ReadError> {
        let mut placed: HashMap<&str, (usize, String)> = HashMap::new();
        // The journey's actions are nodes of the canvas too (a readonly task
        // in the customer lane has the action's id).
        for (id, (s, _)) in &self.actions {
            placed.insert(id.as_str(), (*s, String::new()));
        }
        let mut open: Vec<&Task> = Vec::new();
        for t in &sbp.tasks {
            let here = pos_of(self.text, &t.id, at);
            if !lanes.contains_key(t.lane.as_str()) {
                return Err(ReadError::new(
                    here,
                    format!(
                        "task `{}` is in lane `{}`, which the sbp document does not have",
                        t.id, t.lane
                    ),
                    None,
                ));
            }
            if t.name.trim().is_empty() {
                return Err(ReadError::new(
                    here,
                    format!("task `{}` has no name", t.id),
                    None,
                ));
            }
            if let Some(src) = t.source_id.as_deref().filter(|s| !s.is_empty()) {
                let Some((s, action)) = self.actions.get(src) else {
                    return Err(ReadError::new(
                        here,
                        format!(
                            "task `{}` links to `{src}`, which is no action of the cjm document",
                            t.id
                        ),
                        None,
                    ));
                };
                placed.insert(&t.id, (*s, action.clone()));
            } else if !placed.contains_key(t.id.as_str()) {
                open.push(t);
            }
        }
        // Linked by connections to a placed task or action: the same stage.
        loop {
            let before = open.len();
            open.retain(|t| {
                let near = sbp.connections.iter().find_map(|c| {
                    let other = if c.source == t.id {
                        &c.target
                    } else if c.target == t.id {
                        &c.source
                    } else {
                        return None;
                    };
                    placed.get(other.as_str()).map(|(s, _)| *s)
                });
                match near {
                    Some(s) => {
                        placed.insert(&t.id, (s, String::new()));
                        false
                    }
                    None => true,
                }
            });
            if open.len() == before {
                break;
            }
        }
        // Else the nearest action across the canvas.
        let lane_x: HashMap<&str, f64> = sbp
            .lanes
            .iter()
            .map(|l| (l.id.as_str(), l.position.map_or(0.0, |p| p.x)))
            .collect();
        let x_of = |t: &Task| {
            t.position
                .map(|p| p.x + lane_x.get(t.lane.as_str()).copied().unwrap_or(0.0))
        };
        let anchors: Vec<(f64, usize)> = sbp
            .tasks
            .iter()
            .filter_map(|t| {
                let (s, _) = self.actions.get(&t.id)?;
                Some((x_of(t)?, *s))
            })
            .collect();
        for t in open {
            let here = pos_of(self.text, &t.id, at);
            let nearest = x_of(t).and_then(|x| {
                anchors
                    .iter()
                    .min_by(|a, b| (a.0 - x).abs().total_cmp(&(b.0 - x).abs()))
                    .map(|(_, s)| *s)
            });
            let s = nearest.unwrap_or(0);
            let stage = self.map.stages.get(s).map_or("", |st| st.name.as_str());
            self.warnings.push(Warning {
                pos: here,
                problem: format!("task `{}` is linked to no action", t.id),
                adjustment: match nearest {
                    Some(_) => format!("put in stage `{stage}`, under the nearest action"),
                    None => format!("put in the first stage, `{stage}`"),
                },
            });
            placed.insert(&t.id, (s, String::new()));
        }
        for t in &sbp.tasks {
            let Some(Some(lane)) = lanes.get(t.lane.as_str()) else {
                // A task of the customer lane: a readonly copy of an action,
                // or an action drawn on the blueprint only.
                if !t.readonly
                    && !self.actions.contains_key(&t.id)
                    && let Some((s, _)) = placed.get(t.id.as_str())
                    && let Some(stage) = self.map.stages.get_mut(*s)
                {
                    stage.actions.push(t.name.trim().to_string());
                }
                continue;
            };
            let Some((s, serves)) = placed.get(t.id.as_str()) else {
                continue;
            };
            self.task_stage.insert(t.id.clone(), *s);
            let mut text = t.name.trim().to_string();
            if !t.description.trim().is_empty() {
                text = format!("{text}\n{}", t.description.trim());
            }
            if let Some(items) = self
                .map
                .stages
                .get_mut(*s)
                .and_then(|st| st.extra_items_mut(*lane))
            {
                items.push(LaneItem {
                    text,
                    serves: serves.clone(),
                    ..LaneItem::default()
                });
            }
        }
        if !sbp.connections.is_empty() {
            self.warnings.push(Warning {
                pos: pos_of(self.text, "connections:", at),
                problem: format!(
                    "{} connection{} between tasks cannot be drawn in a map",
                    sbp.connections.len(),
                    if sbp.connections.len() == 1 { "" } else { "s" }
                ),
                adjustment: "used only to place unlinked tasks".into(),
            });
        }
        Ok(())
    }

    /// The KGI as an objective, the KPI as a KPI of the stage whose task is
    /// the critical success factor.
    fn outcome(&mut self, o: &Outcome, at: Pos) {
        if let Some(kgi) = &o.kgi
            && !kgi.name.trim().is_empty()
        {
            self.map.objectives.push(kgi.name.trim().to_string());
        }
        let Some(kpi) = o.primary_kpi.as_ref().filter(|k| !k.name.trim().is_empty()) else {
            return;
        };
        let stage = o
            .primary_csf
            .as_ref()
            .and_then(|c| c.source_id.as_deref())
            .and_then(|id| self.task_stage.get(id).copied());
        match stage.and_then(|s| self.map.stages.get_mut(s)) {
            Some(st) => st.metrics.push(Metric {
                personas: Vec::new(),
                name: kpi.name.trim().to_string(),
                current: None,
                target: kpi.target.filter(|t| t.is_finite()),
                unit: kpi.unit.trim().to_string(),
                evidence: Vec::new(),
            }),
            None => self.warnings.push(Warning {
                pos: pos_of(self.text, "primary_kpi", at),
                problem: format!(
                    "KPI `{}` measures a task of no stage (its CSF names no blueprint task)",
                    kpi.name.trim()
                ),
                adjustment: "left out".into(),
            }),
        }
    }
}
