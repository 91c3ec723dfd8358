//! From bytes to a `JourneyMap`: checks that come before parsing (UTF-8, conflict
//! markers), the positioned syntax tree, and the conversion into the model that
//! remembers where every element stood so validation can point at it.

use foldhash::{HashMap, HashSet};

use super::error::{Pos, ReadError};
use super::syntax::{self, Field, Node, Value};
use crate::model::{
    CONFLICTS_FORMAT, Cells, Conflict, EVIDENCE_FORMAT, Element, Emotion, Evidence, FORMAT_VERSION,
    Holds, JourneyMap, LANES_FORMAT, Lane, LaneDef, LaneItem, LaneKind, Level, MAP_FIELD_KEYS,
    Metric, Optimization, PERSONAS_FORMAT, PainPoint, Path, Persona, RATING_RANGE, SCORES_FORMAT,
    STAGE_CONFLICT_FIELDS, Side, Source, Stage, Status, Touchpoint, VOTES_FORMAT, intern,
    is_map_conflict_field, slugify, unique_slug,
};

/// Where each element of a loaded map stood in its file. Recording is optional:
/// opening a map needs positions only when validation fails, and recording one per
/// element was most of the cost of opening a large map.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    /// Where each element starts, and the line of its last character.
    positions: HashMap<Path, (Pos, u32)>,
    recording: bool,
}

impl SourceMap {
    /// The position of `path`, or of the nearest enclosing element that has one.
    pub fn pos(&self, path: Path) -> Pos {
        let mut p = Some(path);
        while let Some(cur) = p {
            if let Some((pos, _)) = self.positions.get(&cur) {
                return *pos;
            }
            p = cur.parent();
        }
        Pos::START
    }

    /// The first and last line of `path` itself (no enclosing element stands in
    /// for it): what `cjm blame` asks git about. `None` for an element the file
    /// does not write (a field left out, a derived id).
    pub fn lines(&self, path: Path) -> Option<(u32, u32)> {
        self.positions
            .get(&path)
            .map(|(pos, end)| (pos.line, (*end).max(pos.line)))
    }

    fn set(&mut self, path: Path, node: &Node) {
        if self.recording {
            self.positions.insert(path, (node.pos, node.end_line));
        }
    }
}

/// A map read from text, before validation.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub map: JourneyMap,
    pub source: SourceMap,
    /// Comments are not part of the model: a rewrite would drop them.
    pub has_comments: bool,
}

/// Parses and records where every element stood (for `check`, which points at
/// each warning).
pub fn parse_bytes(bytes: &[u8]) -> Result<Parsed, ReadError> {
    parse_bytes_with(bytes, true)
}

/// Parses without recording positions: the fast path for opening a map, where
/// only an invalid map needs them (and is parsed again to find them).
pub fn parse_bytes_unpositioned(bytes: &[u8]) -> Result<Parsed, ReadError> {
    parse_bytes_with(bytes, false)
}

fn parse_bytes_with(bytes: &[u8], record: bool) -> Result<Parsed, ReadError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = bytes.get(..e.valid_up_to()).unwrap_or_default();
            let prefix = String::from_utf8_lossy(good);
            let bad = bytes.get(e.valid_up_to()).copied().unwrap_or(0);
            return Err(ReadError::new(
                end_pos(&prefix),
                format!("the file is not UTF-8 (byte 0x{bad:02x})"),
                Some("save it as UTF-8"),
            ));
        }
    };
    parse_text_with(text, record)
}

pub fn parse_text(text: &str) -> Result<Parsed, ReadError> {
    parse_text_with(text, true)
}

pub(super) fn parse_text_with(text: &str, record: bool) -> Result<Parsed, ReadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc = syntax::parse(text);
    // A marker stands at the start of a line, and no RON value starts with `<`,
    // `>`, `|` or `=`: in a file that parses, it can only sit in a comment or in a
    // string that spans lines. Only those files (and the ones that fail) are
    // scanned line by line, which was a tenth of the time of a load.
    let may_hold_marker = doc
        .as_ref()
        .map_or(true, |d| d.has_comments || d.multiline_text);
    if may_hold_marker && let Some(line) = conflict_marker_line(text) {
        return Err(ReadError::new(
            Pos { line, col: 1 },
            format!("unresolved merge conflict at line {line}"),
            Some(
                "resolve the conflict, or set up `cjm merge` as git's merge driver (`cjm git-setup`)",
            ),
        ));
    }
    let doc = doc?;
    let mut conv = Conv::default();
    conv.source.recording = record;
    let map = conv.map(&doc.root)?;
    Ok(Parsed {
        map,
        source: conv.source,
        has_comments: doc.has_comments,
    })
}

/// The line of the first git conflict marker, if the file holds one.
fn conflict_marker_line(text: &str) -> Option<u32> {
    text.lines().zip(1u32..).find_map(|(l, n)| {
        let marker = ["<<<<<<<", ">>>>>>>", "|||||||"]
            .iter()
            .any(|m| l.starts_with(m) && l.get(7..8).is_none_or(|c| c == " "))
            || l.trim_end() == "=======";
        marker.then_some(n)
    })
}

fn end_pos(prefix: &str) -> Pos {
    let mut pos = Pos::START;
    for c in prefix.chars() {
        if c == '\n' {
            pos.line += 1;
            pos.col = 1;
        } else {
            pos.col += 1;
        }
    }
    pos
}

const MAP_FIELDS: &[&str] = &[
    "format",
    "title",
    "summary",
    "framework",
    "objectives",
    "persona",
    "personas",
    "lanes",
    "stages",
    "evidence",
    "conflicts",
];
const PERSONA_FIELDS: &[&str] = &[
    "id",
    "name",
    "role",
    "quote",
    "summary",
    "goals",
    "needs",
    "frustrations",
    "behaviors",
    "traits",
];
const STAGE_FIELDS: &[&str] = &[
    "id",
    "name",
    "goal",
    "actions",
    "thoughts",
    "touchpoints",
    "emotions",
    "pain_points",
    "optimizations",
    "metrics",
    "lanes",
    "evidence",
];
const LANE_FIELDS: &[&str] = &["id", "title", "kind", "holds"];
const LANE_ITEM_FIELDS: &[&str] = &["text", "owner", "channel", "serves", "evidence", "personas"];
const TOUCHPOINT_FIELDS: &[&str] = &["name", "channel", "note", "evidence", "personas"];
const EMOTION_FIELDS: &[&str] = &["score", "label", "note", "evidence", "persona"];
const PAIN_FIELDS: &[&str] = &["text", "severity", "votes", "evidence", "personas"];
const OPTIMIZATION_FIELDS: &[&str] = &[
    "text", "owner", "priority", "status", "votes", "impact", "effort", "evidence", "personas",
];
const METRIC_FIELDS: &[&str] = &["name", "current", "target", "unit", "evidence", "personas"];
const EVIDENCE_FIELDS: &[&str] = &["id", "text", "source", "from", "date", "link"];
const CONFLICT_FIELDS: &[&str] = &["stage", "field", "what", "base", "ours", "theirs", "labels"];

/// The fields of one struct in the file, checked against what the element allows.
struct Fields<'a> {
    owner: &'static str,
    pos: Pos,
    /// Borrowed from the tree: one struct per item, so no copy of its fields.
    list: &'a [(Field<'a>, Node<'a>)],
}

impl<'a> Fields<'a> {
    fn get(&self, name: &str) -> Option<&'a Node<'a>> {
        self.list
            .iter()
            .find(|(f, _)| f.name == name)
            .map(|(_, n)| n)
            .filter(|n| !matches!(&n.value, Value::Ident("None")))
    }

    fn required(&self, name: &str) -> Result<&'a Node<'a>, ReadError> {
        self.get(name).ok_or_else(|| {
            ReadError::new(
                self.pos,
                format!("{} is missing its required field `{name}`", self.owner),
                None,
            )
        })
    }

    /// Unknown and repeated fields are errors: a typo must not silently lose data.
    fn check_known(&self, allowed: &[&str]) -> Result<(), ReadError> {
        for (k, (f, _)) in self.list.iter().enumerate() {
            if !allowed.contains(&f.name) {
                let mut err = ReadError::new(
                    f.pos,
                    format!(
                        "unknown field `{}` in {}; expected one of: {}",
                        f.name,
                        self.owner,
                        allowed.join(", ")
                    ),
                    None,
                );
                if let Some(near) = nearest(f.name, allowed) {
                    err = err.with_hint(format!("did you mean `{near}`?"));
                }
                return Err(err);
            }
            let earlier = self.list.get(..k).unwrap_or_default();
            if earlier.iter().any(|(g, _)| g.name == f.name) {
                return Err(ReadError::new(
                    f.pos,
                    format!("field `{}` appears twice in {}", f.name, self.owner),
                    None,
                ));
            }
        }
        Ok(())
    }
}

/// The closest candidate by edit distance, when it is close enough to be a typo.
pub fn nearest<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    candidates
        .iter()
        .map(|c| {
            (
                strsim::damerau_levenshtein(&word.to_lowercase(), &c.to_lowercase()),
                *c,
            )
        })
        .filter(|(d, c)| *d <= (c.len() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn open<'a>(
    node: &'a Node<'a>,
    owner: &'static str,
    allowed: &[&str],
) -> Result<Fields<'a>, ReadError> {
    let fields = open_unchecked(node, owner)?;
    fields.check_known(allowed)?;
    Ok(fields)
}

fn open_unchecked<'a>(node: &'a Node<'a>, owner: &'static str) -> Result<Fields<'a>, ReadError> {
    let wrong = |found: String| {
        ReadError::new(
            node.pos,
            format!("expected {owner}(…), found {found}"),
            None,
        )
    };
    match &node.value {
        Value::Struct { name, fields } => {
            if let Some(n) = name
                && *n != owner
            {
                return Err(wrong(format!("{n}(…)")));
            }
            Ok(Fields {
                owner,
                pos: node.pos,
                list: fields,
            })
        }
        Value::Tuple { name, items } if items.is_empty() => {
            if let Some(n) = name
                && *n != owner
            {
                return Err(wrong(format!("{n}(…)")));
            }
            Ok(Fields {
                owner,
                pos: node.pos,
                list: &[],
            })
        }
        other => Err(wrong(other.kind())),
    }
}

/// `Some(x)` reads as `x` wherever a value is expected.
fn unwrap_some<'n, 'a>(node: &'n Node<'a>) -> &'n Node<'a> {
    match &node.value {
        Value::Tuple {
            name: Some(n),
            items,
        } if *n == "Some" && items.len() == 1 => items.first().map(unwrap_some).unwrap_or(node),
        _ => node,
    }
}

fn text(node: &Node, what: &str) -> Result<String, ReadError> {
    match &unwrap_some(node).value {
        Value::Str(s) => Ok(s.to_string()),
        other => Err(ReadError::new(
            node.pos,
            format!("expected a string for {what}, found {}", other.kind()),
            None,
        )),
    }
}

/// `text` for a named field; the message is built only when it is needed, since
/// this runs for every field of every item.
fn field_text(node: &Node, name: &str) -> Result<String, ReadError> {
    match &unwrap_some(node).value {
        Value::Str(s) => Ok(s.to_string()),
        _ => text(node, &format!("`{name}`")),
    }
}

fn field_list<'n, 'a>(node: &'n Node<'a>, name: &str) -> Result<&'n [Node<'a>], ReadError> {
    match &unwrap_some(node).value {
        Value::List(items) => Ok(items),
        _ => list(node, &format!("`{name}`")),
    }
}

fn list<'n, 'a>(node: &'n Node<'a>, what: &str) -> Result<&'n [Node<'a>], ReadError> {
    match &unwrap_some(node).value {
        Value::List(items) => Ok(items),
        other => Err(ReadError::new(
            node.pos,
            format!("expected a list `[…]` for {what}, found {}", other.kind()),
            None,
        )),
    }
}

fn number(node: &Node, what: &str) -> Result<f64, ReadError> {
    match &unwrap_some(node).value {
        Value::Int(i) => Ok(*i as f64),
        Value::Float(f) => Ok(*f),
        other => Err(ReadError::new(
            node.pos,
            format!("expected a number for {what}, found {}", other.kind()),
            None,
        )),
    }
}

fn integer(node: &Node, what: &str) -> Result<i64, ReadError> {
    match &unwrap_some(node).value {
        Value::Int(i) => Ok(*i),
        other => Err(ReadError::new(
            node.pos,
            format!("expected a whole number for {what}, found {}", other.kind()),
            None,
        )),
    }
}

fn variant<T: Copy>(
    node: &Node,
    what: &str,
    names: &[&'static str],
    from: impl Fn(&str) -> Option<T>,
) -> Result<T, ReadError> {
    let node = unwrap_some(node);
    let found = match &node.value {
        Value::Ident(i) => {
            if let Some(v) = from(i) {
                return Ok(v);
            }
            format!("`{i}`")
        }
        Value::Str(s) => format!("the string \"{s}\""),
        other => other.kind(),
    };
    let mut err = ReadError::new(
        node.pos,
        format!("expected {what} ({}), found {found}", names.join(", ")),
        None,
    );
    let word = match &node.value {
        Value::Ident(i) => Some(*i),
        Value::Str(s) => Some(s.as_ref()),
        _ => None,
    };
    if let Some(near) = word.and_then(|w| nearest(w, names)) {
        err = err.with_hint(format!("did you mean `{near}`?"));
    }
    Err(err)
}

const LEVEL_NAMES: &[&str] = &Level::NAMES;
const STATUS_NAMES: &[&str] = &Status::NAMES;
const SOURCE_NAMES: &[&str] = &Source::NAMES;
const KIND_NAMES: &[&str] = &LaneKind::NAMES;
const HOLDS_NAMES: &[&str] = &Holds::NAMES;

#[derive(Default)]
struct Conv {
    source: SourceMap,
    /// The file's `format`, read first: what a field may hold depends on it.
    version: u64,
    /// The ids of the map's extra lanes, read before the stages that fill them.
    extra: Vec<String>,
    /// The first persona's id, read before the emotions that may name her.
    first_persona: String,
}

impl Conv {
    fn opt_text(&mut self, f: &Fields, name: &str, path: Path) -> Result<String, ReadError> {
        match f.get(name) {
            Some(n) => {
                self.source.set(path, n);
                field_text(n, name)
            }
            None => Ok(String::new()),
        }
    }

    fn req_text(&mut self, f: &Fields, name: &str, path: Path) -> Result<String, ReadError> {
        let n = f.required(name)?;
        self.source.set(path, n);
        field_text(n, name)
    }

    fn text_list(
        &mut self,
        f: &Fields,
        name: &str,
        field_path: Path,
        item_path: impl Fn(usize) -> Path,
    ) -> Result<Vec<String>, ReadError> {
        let Some(n) = f.get(name) else {
            return Ok(Vec::new());
        };
        self.source.set(field_path, n);
        field_list(n, name)?
            .iter()
            .enumerate()
            .map(|(i, item)| {
                self.source.set(item_path(i), item);
                match &unwrap_some(item).value {
                    Value::Str(s) => Ok(s.to_string()),
                    _ => text(item, &format!("an element of `{name}`")),
                }
            })
            .collect()
    }

    fn map(&mut self, root: &Node) -> Result<JourneyMap, ReadError> {
        let f = open_unchecked(root, "JourneyMap")?;
        // The version comes first: a newer file may hold fields this build cannot know.
        let fmt = f
            .required("format")
            .map_err(|e| e.with_hint("add `format: 1,`"))?;
        self.source.set(Path::MapField("format"), fmt);
        let version = integer(fmt, "`format`")?;
        if version > FORMAT_VERSION as i64 {
            return Err(ReadError::new(
                fmt.pos,
                format!(
                    "written by a newer cjm (format {version}); this cjm reads format {FORMAT_VERSION}"
                ),
                Some("update cjm to open this map"),
            ));
        }
        if version < 1 {
            return Err(ReadError::new(
                fmt.pos,
                format!("unknown format {version}; this cjm reads format {FORMAT_VERSION}"),
                None,
            ));
        }
        self.version = version as u64;
        f.check_known(MAP_FIELDS)?;
        let title = self.req_text(&f, "title", Path::MapField("title"))?;
        let summary = self.opt_text(&f, "summary", Path::MapField("summary"))?;
        let framework = self.opt_text(&f, "framework", Path::MapField("framework"))?;
        let objectives = self.text_list(
            &f,
            "objectives",
            Path::MapField("objectives"),
            Path::Objective,
        )?;
        let (persona, other_personas) = self.personas(&f)?;
        self.first_persona = persona.id.clone();
        let lanes = self.lanes(&f)?;
        self.extra = lanes
            .iter()
            .filter(|d| d.kind != LaneKind::Journey)
            .map(|d| d.id.clone())
            .collect();
        let mut stages = Vec::new();
        let mut explicit_ids = Vec::new();
        if let Some(n) = f.get("stages") {
            self.source.set(Path::MapField("stages"), n);
            for (i, s) in list(n, "`stages`")?.iter().enumerate() {
                let (stage, had_id) = self.stage(i, s)?;
                explicit_ids.push(had_id);
                stages.push(stage);
            }
        }
        derive_missing_ids(&mut stages, &explicit_ids);
        let evidence = self.evidence(&f)?;
        let conflicts = self.conflicts(&f)?;
        Ok(JourneyMap {
            title,
            summary,
            framework,
            objectives,
            persona,
            other_personas,
            lanes,
            stages,
            evidence,
            conflicts,
        })
    }

    /// `persona: Persona(…)` for a map of one persona, or `personas: [Persona(id:
    /// …), …]` (format 7) for several; exactly one of the two. A persona of
    /// the list without an id gets one from her name, as a stage does.
    fn personas(&mut self, f: &Fields) -> Result<(Persona, Vec<Persona>), ReadError> {
        let Some(n) = f.get("personas") else {
            let node = f.required("persona").map_err(|e| {
                e.with_hint(
                    "add `persona: Persona(name: \"…\"),` (or `personas: [...]` for several)",
                )
            })?;
            return Ok((self.persona(node, None)?, Vec::new()));
        };
        self.source.set(Path::MapField("personas"), n);
        self.needs_format(n, "personas", PERSONAS_FORMAT)?;
        if let Some(single) = f.get("persona") {
            return Err(ReadError::new(
                single.pos,
                "a map has either `persona` or `personas`, not both".to_string(),
                Some("move this persona into the `personas` list"),
            ));
        }
        let nodes = list(n, "`personas`")?;
        let mut all: Vec<Persona> = Vec::new();
        for (i, node) in nodes.iter().enumerate() {
            let mut p = self.persona(node, Some(i))?;
            if p.id.is_empty() {
                p.id = unique_slug(&p.name, |s| all.iter().any(|q| q.id == s));
            } else if let Some(earlier) = all.iter().position(|q| q.id == p.id) {
                return Err(ReadError::new(
                    node.pos,
                    format!(
                        "the persona id `{}` is used twice (also by persona {})",
                        p.id,
                        earlier + 1
                    ),
                    None,
                ));
            }
            all.push(p);
        }
        if all.is_empty() {
            return Err(ReadError::new(
                n.pos,
                "`personas` is empty; a map needs at least one persona".to_string(),
                Some("add `Persona(id: \"…\", name: \"…\")` to the list"),
            ));
        }
        let first = all.remove(0);
        Ok((first, all))
    }

    /// One persona: the map's only one (`at` is `None`), or the one at `at`
    /// in `personas`. Paths of the first persona are the ones a one-persona
    /// map has always had, so positions and blame read the same either way.
    fn persona(&mut self, node: &Node, at: Option<usize>) -> Result<Persona, ReadError> {
        let (whole, field): (Path, Box<dyn Fn(&'static str) -> Path>) = match at {
            None | Some(0) => (Path::Persona, Box::new(Path::PersonaField)),
            Some(i) => (
                Path::OtherPersona(i),
                Box::new(move |k| Path::OtherPersonaField(i, k)),
            ),
        };
        self.source.set(whole, node);
        let f = open(node, "Persona", PERSONA_FIELDS)?;
        let id = match (f.get("id"), at) {
            (Some(n), None) => {
                return Err(ReadError::new(
                    n.pos,
                    "a map's only persona has no id; ids are for the `personas` list".to_string(),
                    Some("leave `id` out, or list the personas in `personas` (format 7)"),
                ));
            }
            (Some(_), Some(_)) => self.req_text(&f, "id", field("id"))?,
            (None, _) => String::new(),
        };
        let name = self.req_text(&f, "name", field("name"))?;
        let role = self.opt_text(&f, "role", field("role"))?;
        let quote = self.opt_text(&f, "quote", field("quote"))?;
        let summary = self.opt_text(&f, "summary", field("summary"))?;
        let first = at.unwrap_or(0) == 0;
        let mut lists = Vec::new();
        for key in ["goals", "needs", "frustrations", "behaviors"] {
            let own = field(key);
            lists.push(self.text_list(&f, key, own, |i| {
                if first {
                    Path::PersonaItem(key, i)
                } else {
                    own
                }
            })?);
        }
        let mut traits = Vec::new();
        if let Some(n) = f.get("traits") {
            self.source.set(field("traits"), n);
            for (i, t) in list(n, "`traits`")?.iter().enumerate() {
                if first {
                    self.source.set(Path::PersonaItem("traits", i), t);
                }
                match &unwrap_some(t).value {
                    Value::Tuple { name: None, items } if items.len() == 2 => {
                        let label = items.first().map(|n| text(n, "a trait's label"));
                        let value = items.get(1).map(|n| text(n, "a trait's value"));
                        if let (Some(l), Some(v)) = (label, value) {
                            traits.push((l?, v?));
                        }
                    }
                    other => {
                        return Err(ReadError::new(
                            t.pos,
                            format!(
                                "expected a trait as a (label, value) pair such as (\"Age\", \"34\"), found {}",
                                other.kind()
                            ),
                            None,
                        ));
                    }
                }
            }
        }
        let mut lists = lists.into_iter();
        Ok(Persona {
            id,
            name,
            role,
            quote,
            summary,
            goals: lists.next().unwrap_or_default(),
            needs: lists.next().unwrap_or_default(),
            frustrations: lists.next().unwrap_or_default(),
            behaviors: lists.next().unwrap_or_default(),
            traits,
        })
    }

    fn stage(&mut self, s: usize, node: &Node) -> Result<(Stage, bool), ReadError> {
        self.source.set(Path::Stage(s), node);
        let f = open(node, "Stage", STAGE_FIELDS)?;
        let had_id = f.get("id").is_some();
        let id = self.opt_text(&f, "id", Path::StageField(s, "id"))?;
        let name = self.req_text(&f, "name", Path::StageField(s, "name"))?;
        let goal = self.opt_text(&f, "goal", Path::StageField(s, "goal"))?;
        let actions = self.text_list(&f, "actions", Path::StageField(s, "actions"), |i| {
            Path::Item(s, Lane::Actions, i)
        })?;
        let thoughts = self.text_list(&f, "thoughts", Path::StageField(s, "thoughts"), |i| {
            Path::Item(s, Lane::Thoughts, i)
        })?;
        let touchpoints = self.items(&f, s, Lane::Touchpoints, touchpoint)?;
        let emotions = self.items(&f, s, Lane::Emotions, emotion)?;
        let pain_points = self.items(&f, s, Lane::PainPoints, pain_point)?;
        let optimizations = self.items(&f, s, Lane::Optimizations, optimization)?;
        let metrics = self.items(&f, s, Lane::Metrics, metric)?;
        let evidence = self.citations(&f, Path::StageField(s, "evidence"))?;
        let extra = self.stage_lanes(&f, s)?;
        Ok((
            Stage {
                extra,
                id,
                name,
                goal,
                actions,
                thoughts,
                touchpoints,
                emotions,
                pain_points,
                optimizations,
                metrics,
                evidence,
            },
            had_id,
        ))
    }

    fn level(&mut self, f: &Fields, key: &'static str, path: Path) -> Result<Level, ReadError> {
        match f.get(key) {
            Some(n) => {
                self.source.set(path, n);
                variant(n, &format!("a {key}"), LEVEL_NAMES, Level::from_name)
            }
            None => Ok(Level::default()),
        }
    }

    /// `votes` is new in format 2: a file that says format 1 and holds votes would
    /// give an older build "unknown field" instead of "written by a newer cjm", so
    /// it is refused here too, with the fix.
    fn votes(&mut self, f: &Fields, path: Path) -> Result<u32, ReadError> {
        let Some(n) = f.get("votes") else {
            return Ok(0);
        };
        self.source.set(path, n);
        if self.version < VOTES_FORMAT {
            return Err(ReadError::new(
                n.pos,
                format!(
                    "`votes` needs format {VOTES_FORMAT}; this map says format {}",
                    self.version
                ),
                Some(&format!(
                    "write `format: {VOTES_FORMAT},` at the top of the map"
                )),
            ));
        }
        let v = integer(n, "`votes`")?;
        u32::try_from(v).map_err(|_| {
            let msg = if v < 0 {
                format!("votes cannot be negative, found {v}")
            } else {
                format!(
                    "{v} votes is more than cjm can count (at most {})",
                    u32::MAX
                )
            };
            ReadError::new(n.pos, msg, None)
        })
    }

    /// An optimization's `impact` or `effort` (docs/format.md#format-4-impact-and-effort):
    /// new in format 4, so refused in an older-format file like `votes`, and
    /// refused outside 1–5 at the value, because a score off the scale would
    /// place the item nowhere on the matrix.
    fn rating(
        &mut self,
        f: &Fields,
        key: &'static str,
        path: Path,
    ) -> Result<Option<u8>, ReadError> {
        let Some(n) = f.get(key) else {
            return Ok(None);
        };
        self.source.set(path, n);
        if self.version < SCORES_FORMAT {
            return Err(ReadError::new(
                n.pos,
                format!(
                    "`{key}` needs format {SCORES_FORMAT}; this map says format {}",
                    self.version
                ),
                Some(&format!(
                    "write `format: {SCORES_FORMAT},` at the top of the map"
                )),
            ));
        }
        let v = integer(n, &format!("`{key}`"))?;
        match u8::try_from(v) {
            Ok(r) if RATING_RANGE.contains(&r) => Ok(Some(r)),
            _ => Err(ReadError::new(
                n.pos,
                format!("{key} {v} is outside 1–5 (1 least, 5 most)"),
                Some(&format!("leave `{key}` out while it is not scored")),
            )),
        }
    }

    /// The map's `lanes` (docs/format.md#format-6-lanes). A journey lane the
    /// list leaves out comes after the listed ones, in its usual order, so a
    /// hand-written list of only the new lanes still shows every lane.
    fn lanes(&mut self, f: &Fields) -> Result<Vec<LaneDef>, ReadError> {
        let Some(n) = f.get("lanes") else {
            return Ok(Vec::new());
        };
        self.source.set(Path::MapField("lanes"), n);
        self.needs_format(n, "lanes", LANES_FORMAT)?;
        let mut out: Vec<LaneDef> = Vec::new();
        for (i, node) in list(n, "`lanes`")?.iter().enumerate() {
            self.source.set(Path::LaneDef(i), node);
            let f = open(node, "Lane", LANE_FIELDS)?;
            let p = |key| Path::LaneField(i, key);
            let id = self.req_text(&f, "id", p("id"))?;
            let title = self.opt_text(&f, "title", p("title"))?;
            let journey = Lane::from_key(&id).filter(|l| !l.is_extra());
            let kind = match f.get("kind") {
                Some(k) => {
                    self.source.set(p("kind"), k);
                    variant(k, "a lane kind", KIND_NAMES, LaneKind::from_name)?
                }
                // Without a kind the id must be a journey lane's: a typo of
                // `thoughts` is refused, not read as a new lane.
                None => LaneKind::Journey,
            };
            let holds = match f.get("holds") {
                Some(h) => {
                    self.source.set(p("holds"), h);
                    if kind == LaneKind::Journey {
                        return Err(ReadError::new(
                            h.pos,
                            format!(
                                "the journey lane `{id}` holds its own items; `holds` is for a lane of the map's own"
                            ),
                            Some("leave `holds` out"),
                        ));
                    }
                    variant(h, "what a lane holds", HOLDS_NAMES, Holds::from_name)?
                }
                None => kind.default_holds(),
            };
            let keys: Vec<&str> = Lane::ALL.iter().map(|l| l.key()).collect();
            match (kind, journey) {
                (LaneKind::Journey, None) => {
                    let mut err = ReadError::new(
                        node.pos,
                        format!(
                            "`{id}` is not a journey lane ({}); a lane of the map's own needs a `kind`",
                            keys.join(", ")
                        ),
                        None,
                    );
                    if let Some(near) = nearest(&id, &keys) {
                        err = err.with_hint(format!("did you mean `{near}`?"));
                    }
                    return Err(err);
                }
                (k, Some(_)) if k != LaneKind::Journey => {
                    return Err(ReadError::new(
                        node.pos,
                        format!(
                            "the lane id `{id}` is a journey lane's; give the {} lane another id",
                            k.label()
                        ),
                        None,
                    ));
                }
                _ => {}
            }
            if let Some(earlier) = out.iter().position(|d| d.id == id) {
                return Err(ReadError::new(
                    node.pos,
                    format!(
                        "the lane `{id}` is listed twice (also as lane {})",
                        earlier + 1
                    ),
                    None,
                ));
            }
            out.push(LaneDef {
                id,
                title,
                kind,
                holds,
            });
        }
        for lane in Lane::ALL {
            if !out.iter().any(|d| d.id == lane.key()) {
                out.push(LaneDef::journey(lane));
            }
        }
        Ok(out)
    }

    /// A stage's `lanes: {"frontstage": [LaneItem(…), …], …}`: items of the
    /// map's extra lanes, by lane id.
    fn stage_lanes(&mut self, f: &Fields, s: usize) -> Result<Cells, ReadError> {
        let mut cells = Cells::default();
        let Some(n) = f.get("lanes") else {
            return Ok(cells);
        };
        self.source.set(Path::StageField(s, "lanes"), n);
        self.needs_format(n, "lanes", LANES_FORMAT)?;
        let Value::Map(entries) = &unwrap_some(n).value else {
            return Err(ReadError::new(
                n.pos,
                format!(
                    "expected a stage's `lanes` as {{\"lane-id\": [LaneItem(…), …]}}, found {}",
                    n.value.kind()
                ),
                None,
            ));
        };
        for (key, value) in entries {
            let id = text(key, "a lane id")?;
            if !self.extra.contains(&id) {
                let known: Vec<&str> = self.extra.iter().map(String::as_str).collect();
                let mut err = ReadError::new(
                    key.pos,
                    if known.is_empty() {
                        format!("unknown lane `{id}`: the map lists no lanes of its own in `lanes`")
                    } else {
                        format!(
                            "unknown lane `{id}`; the map's own lanes are: {}",
                            known.join(", ")
                        )
                    },
                    None,
                );
                if let Some(near) = nearest(&id, &known) {
                    err = err.with_hint(format!("did you mean `{near}`?"));
                }
                return Err(err);
            }
            if cells.0.contains_key(&id) {
                return Err(ReadError::new(
                    key.pos,
                    format!("the lane `{id}` appears twice in this stage"),
                    None,
                ));
            }
            let lane = Lane::Extra(intern(&id));
            let mut items = Vec::new();
            for (i, item) in field_list(value, &id)?.iter().enumerate() {
                self.source.set(Path::Item(s, lane, i), item);
                let f = open(item, "LaneItem", LANE_ITEM_FIELDS)?;
                let p = |field| Path::ItemField(s, lane, i, field);
                items.push(LaneItem {
                    text: self.req_text(&f, "text", p("text"))?,
                    owner: self.opt_text(&f, "owner", p("owner"))?,
                    channel: self.opt_text(&f, "channel", p("channel"))?,
                    serves: self.opt_text(&f, "serves", p("serves"))?,
                    evidence: self.citations(&f, p("evidence"))?,
                    personas: self.persona_ids(&f, p("personas"))?,
                });
            }
            cells.0.insert(id, items);
        }
        Ok(cells)
    }

    /// An item's `personas: ["jon", …]` (format 7): the ids of the personas it
    /// belongs to. Whether each id names a persona is validation's to say, so
    /// `check` can list every unknown one.
    fn persona_ids(&mut self, f: &Fields, path: Path) -> Result<Vec<String>, ReadError> {
        let Some(n) = f.get("personas") else {
            return Ok(Vec::new());
        };
        self.source.set(path, n);
        self.needs_format(n, "personas", PERSONAS_FORMAT)?;
        field_list(n, "personas")?
            .iter()
            .map(|item| match &unwrap_some(item).value {
                Value::Str(s) => Ok(s.to_string()),
                _ => text(item, "an element of `personas`"),
            })
            .collect()
    }

    /// An emotion's `persona: "jon"` (format 7). The first persona's id reads
    /// as empty, the way her emotions are written, so there is one way to say
    /// "hers" and a diff never shows the two spellings as a change.
    fn emotion_persona(&mut self, f: &Fields, path: Path) -> Result<String, ReadError> {
        let Some(n) = f.get("persona") else {
            return Ok(String::new());
        };
        self.source.set(path, n);
        self.needs_format(n, "persona", PERSONAS_FORMAT)?;
        let id = text(n, "an emotion's `persona`")?;
        Ok(if id == self.first_persona {
            String::new()
        } else {
            id
        })
    }

    /// Refuses a field of a newer format in an older-format file, like
    /// `votes`: an older build would call it unknown rather than "newer".
    fn needs_format(&self, n: &Node, field: &str, format: u64) -> Result<(), ReadError> {
        if self.version < format {
            return Err(ReadError::new(
                n.pos,
                format!(
                    "`{field}` needs format {format}; this map says format {}",
                    self.version
                ),
                Some(&format!("write `format: {format},` at the top of the map")),
            ));
        }
        Ok(())
    }

    /// Refuses a format-5 field in an older-format file, like `votes`: an
    /// older build would call it an unknown field instead of "newer".
    fn needs_evidence_format(&self, n: &Node) -> Result<(), ReadError> {
        if self.version < EVIDENCE_FORMAT {
            return Err(ReadError::new(
                n.pos,
                format!(
                    "`evidence` needs format {EVIDENCE_FORMAT}; this map says format {}",
                    self.version
                ),
                Some(&format!(
                    "write `format: {EVIDENCE_FORMAT},` at the top of the map"
                )),
            ));
        }
        Ok(())
    }

    /// An element's `evidence: ["id", …]` (docs/format.md#format-5-evidence).
    /// Whether each id is held, and cited once, is validation's to say.
    fn citations(&mut self, f: &Fields, path: Path) -> Result<Vec<String>, ReadError> {
        let Some(n) = f.get("evidence") else {
            return Ok(Vec::new());
        };
        self.source.set(path, n);
        self.needs_evidence_format(n)?;
        field_list(n, "evidence")?
            .iter()
            .map(|item| match &unwrap_some(item).value {
                Value::Str(s) => Ok(s.to_string()),
                _ => text(item, "an element of `evidence`"),
            })
            .collect()
    }

    /// The map's `evidence: [Evidence(…), …]`.
    fn evidence(&mut self, f: &Fields) -> Result<Vec<Evidence>, ReadError> {
        let Some(n) = f.get("evidence") else {
            return Ok(Vec::new());
        };
        self.source.set(Path::MapField("evidence"), n);
        self.needs_evidence_format(n)?;
        let mut out = Vec::new();
        for (i, node) in list(n, "`evidence`")?.iter().enumerate() {
            self.source.set(Path::Evidence(i), node);
            let f = open(node, "Evidence", EVIDENCE_FIELDS)?;
            let p = |key| Path::EvidenceField(i, key);
            let id = self.req_text(&f, "id", p("id"))?;
            let text = self.req_text(&f, "text", p("text"))?;
            let source = match f.get("source") {
                Some(n) => {
                    self.source.set(p("source"), n);
                    variant(n, "a source", SOURCE_NAMES, Source::from_name)?
                }
                None => Source::default(),
            };
            out.push(Evidence {
                id,
                text,
                source,
                from: self.opt_text(&f, "from", p("from"))?,
                date: self.opt_text(&f, "date", p("date"))?,
                link: self.opt_text(&f, "link", p("link"))?,
            });
        }
        Ok(out)
    }

    /// Recorded merge conflicts (docs/format.md#format-3-conflicts). Like `votes`,
    /// they need the version that introduced them, so an older build says "newer".
    fn conflicts(&mut self, f: &Fields) -> Result<Vec<Conflict>, ReadError> {
        let Some(n) = f.get("conflicts") else {
            return Ok(Vec::new());
        };
        self.source.set(Path::MapField("conflicts"), n);
        if self.version < CONFLICTS_FORMAT {
            return Err(ReadError::new(
                n.pos,
                format!(
                    "`conflicts` needs format {CONFLICTS_FORMAT}; this map says format {}",
                    self.version
                ),
                Some(&format!(
                    "write `format: {CONFLICTS_FORMAT},` at the top of the map"
                )),
            ));
        }
        let mut out = Vec::new();
        for (i, node) in list(n, "`conflicts`")?.iter().enumerate() {
            self.source.set(Path::Conflict(i), node);
            out.push(self.conflict(node)?);
        }
        Ok(out)
    }

    fn conflict(&mut self, node: &Node) -> Result<Conflict, ReadError> {
        let f = open(node, "Conflict", CONFLICT_FIELDS)?;
        let stage = match f.get("stage") {
            Some(n) => field_text(n, "stage")?,
            None => String::new(),
        };
        let fnode = f.required("field")?;
        let field = field_text(fnode, "field")?;
        let Some(kind) = side_kind(&stage, &field) else {
            let known: Vec<&str> = if stage.is_empty() {
                MAP_FIELD_KEYS.iter().copied().chain(["stages"]).collect()
            } else {
                STAGE_CONFLICT_FIELDS
                    .iter()
                    .copied()
                    .chain(Lane::ALL.iter().map(|l| l.key()))
                    .collect()
            };
            return Err(ReadError::new(
                fnode.pos,
                format!(
                    "a conflict cannot be about `{field}`{}; expected one of: {}",
                    if stage.is_empty() { "" } else { " in a stage" },
                    known.join(", ")
                ),
                None,
            ));
        };
        let what = match f.get("what") {
            Some(n) => field_text(n, "what")?,
            None => String::new(),
        };
        // Positions inside a side are not recorded: they would overwrite the
        // positions of the map's own stages and items.
        let recording = std::mem::replace(&mut self.source.recording, false);
        let mut sides = Vec::new();
        for side in Side::ALL {
            sides.push(match f.get(side.word()) {
                Some(n) => Some(self.element(n, kind, side.word()).inspect_err(|_| {
                    self.source.recording = recording;
                })?),
                None => None,
            });
        }
        self.source.recording = recording;
        let mut sides = sides.into_iter();
        let labels = match f.get("labels") {
            Some(n) => labels(n)?,
            None => Conflict::plain_labels(),
        };
        Ok(Conflict {
            stage,
            field,
            what,
            base: sides.next().flatten(),
            ours: sides.next().flatten(),
            theirs: sides.next().flatten(),
            labels,
        })
    }

    /// One side of a conflict, of the kind its field holds.
    fn element(&mut self, node: &Node, kind: SideKind, side: &str) -> Result<Element, ReadError> {
        let here = |_: &'static str| Path::Map;
        let item = |c: &mut Conv, lane: Lane| -> Result<Element, ReadError> {
            let (owner, allowed) = item_shape(lane);
            let f = open(unwrap_some(node), owner, allowed)?;
            Ok(match lane {
                Lane::Touchpoints => Element::Touchpoint(touchpoint(c, &f, &here)?),
                Lane::Emotions => Element::Emotion(emotion(c, &f, &here)?),
                Lane::PainPoints => Element::PainPoint(pain_point(c, &f, &here)?),
                Lane::Optimizations => Element::Optimization(optimization(c, &f, &here)?),
                Lane::Metrics => Element::Metric(metric(c, &f, &here)?),
                Lane::Actions | Lane::Thoughts | Lane::Extra(_) => Element::Text(text(node, side)?),
            })
        };
        match kind {
            SideKind::Text => Ok(Element::Text(text(node, &format!("`{side}`"))?)),
            SideKind::Trait => match &unwrap_some(node).value {
                Value::Tuple { name: None, items } if items.len() == 2 => {
                    let mut it = items.iter();
                    let label = it.next().map(|n| text(n, "a trait's label"));
                    let value = it.next().map(|n| text(n, "a trait's value"));
                    match (label, value) {
                        (Some(l), Some(v)) => Ok(Element::Trait(l?, v?)),
                        _ => Err(ReadError::new(
                            node.pos,
                            "expected a trait pair".to_string(),
                            None,
                        )),
                    }
                }
                other => Err(ReadError::new(
                    node.pos,
                    format!(
                        "expected a trait as a (label, value) pair for `{side}`, found {}",
                        other.kind()
                    ),
                    None,
                )),
            },
            SideKind::Item(lane) => item(self, lane),
            SideKind::Stage => {
                let (mut stage, had_id) = self.stage(0, unwrap_some(node))?;
                if !had_id {
                    stage.id = slugify(&stage.name);
                }
                Ok(Element::Stage(Box::new(stage)))
            }
        }
    }

    /// One lane of structured items: each element must be the lane's struct.
    fn items<T>(
        &mut self,
        f: &Fields,
        s: usize,
        lane: Lane,
        read: impl Fn(&mut Conv, &Fields, FieldPath) -> Result<T, ReadError>,
    ) -> Result<Vec<T>, ReadError> {
        let key = lane.key();
        let Some(n) = f.get(key) else {
            return Ok(Vec::new());
        };
        self.source.set(Path::StageField(s, key), n);
        let (owner, allowed) = item_shape(lane);
        let mut out = Vec::new();
        for (i, item) in field_list(n, key)?.iter().enumerate() {
            self.source.set(Path::Item(s, lane, i), item);
            let fields = open(item, owner, allowed)?;
            out.push(read(self, &fields, &|field| {
                Path::ItemField(s, lane, i, field)
            })?);
        }
        Ok(out)
    }
}

/// What a conflict's sides hold, from the field it is about.
#[derive(Clone, Copy)]
enum SideKind {
    Text,
    Trait,
    Item(Lane),
    Stage,
}

fn side_kind(stage: &str, field: &str) -> Option<SideKind> {
    if stage.is_empty() {
        if !is_map_conflict_field(field) {
            return None;
        }
        return Some(match field {
            "persona.traits" => SideKind::Trait,
            "stages" => SideKind::Stage,
            _ => SideKind::Text,
        });
    }
    if STAGE_CONFLICT_FIELDS.contains(&field) {
        return Some(SideKind::Text);
    }
    Lane::ALL
        .into_iter()
        .find(|l| l.key() == field)
        .map(|l| match l {
            Lane::Actions | Lane::Thoughts => SideKind::Text,
            lane => SideKind::Item(lane),
        })
}

/// `labels: ("base", "ours", "theirs")`: what git called each side.
fn labels(node: &Node) -> Result<[String; 3], ReadError> {
    match &unwrap_some(node).value {
        Value::Tuple { name: None, items } if items.len() == 3 => {
            let mut out = Conflict::plain_labels();
            for (slot, n) in out.iter_mut().zip(items) {
                *slot = text(n, "a conflict's label")?;
            }
            Ok(out)
        }
        other => Err(ReadError::new(
            node.pos,
            format!(
                "expected `labels` as three strings (\"base\", \"ours\", \"theirs\"), found {}",
                other.kind()
            ),
            None,
        )),
    }
}

/// Where a field of the item being read is recorded.
type FieldPath<'p> = &'p dyn Fn(&'static str) -> Path;

fn touchpoint(c: &mut Conv, f: &Fields, p: FieldPath) -> Result<Touchpoint, ReadError> {
    Ok(Touchpoint {
        name: c.req_text(f, "name", p("name"))?,
        channel: c.opt_text(f, "channel", p("channel"))?,
        note: c.opt_text(f, "note", p("note"))?,
        evidence: c.citations(f, p("evidence"))?,
        personas: c.persona_ids(f, p("personas"))?,
    })
}

fn emotion(c: &mut Conv, f: &Fields, p: FieldPath) -> Result<Emotion, ReadError> {
    let score = f.required("score")?;
    c.source.set(p("score"), score);
    Ok(Emotion {
        score: integer(score, "`score`")?,
        label: c.req_text(f, "label", p("label"))?,
        note: c.opt_text(f, "note", p("note"))?,
        evidence: c.citations(f, p("evidence"))?,
        persona: c.emotion_persona(f, p("persona"))?,
    })
}

fn pain_point(c: &mut Conv, f: &Fields, p: FieldPath) -> Result<PainPoint, ReadError> {
    Ok(PainPoint {
        text: c.req_text(f, "text", p("text"))?,
        severity: c.level(f, "severity", p("severity"))?,
        votes: c.votes(f, p("votes"))?,
        evidence: c.citations(f, p("evidence"))?,
        personas: c.persona_ids(f, p("personas"))?,
    })
}

fn optimization(c: &mut Conv, f: &Fields, p: FieldPath) -> Result<Optimization, ReadError> {
    let status = match f.get("status") {
        Some(n) => {
            c.source.set(p("status"), n);
            variant(n, "a status", STATUS_NAMES, Status::from_name)?
        }
        None => Status::default(),
    };
    Ok(Optimization {
        text: c.req_text(f, "text", p("text"))?,
        owner: c.opt_text(f, "owner", p("owner"))?,
        priority: c.level(f, "priority", p("priority"))?,
        status,
        votes: c.votes(f, p("votes"))?,
        impact: c.rating(f, "impact", p("impact"))?,
        effort: c.rating(f, "effort", p("effort"))?,
        evidence: c.citations(f, p("evidence"))?,
        personas: c.persona_ids(f, p("personas"))?,
    })
}

fn metric(c: &mut Conv, f: &Fields, p: FieldPath) -> Result<Metric, ReadError> {
    let mut num = |key: &'static str| -> Result<Option<f64>, ReadError> {
        f.get(key)
            .map(|n| {
                c.source.set(p(key), n);
                number(n, &format!("`{key}`"))
            })
            .transpose()
    };
    let current = num("current")?;
    let target = num("target")?;
    Ok(Metric {
        name: c.req_text(f, "name", p("name"))?,
        current,
        target,
        unit: c.opt_text(f, "unit", p("unit"))?,
        evidence: c.citations(f, p("evidence"))?,
        personas: c.persona_ids(f, p("personas"))?,
    })
}

/// The struct name and fields of each lane's items.
fn item_shape(lane: Lane) -> (&'static str, &'static [&'static str]) {
    match lane {
        Lane::Touchpoints => ("Touchpoint", TOUCHPOINT_FIELDS),
        Lane::Emotions => ("Emotion", EMOTION_FIELDS),
        Lane::PainPoints => ("PainPoint", PAIN_FIELDS),
        Lane::Optimizations => ("Optimization", OPTIMIZATION_FIELDS),
        Lane::Metrics => ("Metric", METRIC_FIELDS),
        Lane::Extra(_) => ("LaneItem", LANE_ITEM_FIELDS),
        Lane::Actions | Lane::Thoughts => ("", &[]),
    }
}

/// A stage written without an `id` gets one from its name, unique among the ids the
/// file does give, so that `fmt` can write it down once and for all.
fn derive_missing_ids(stages: &mut [Stage], explicit: &[bool]) {
    let mut taken: HashSet<String> = stages
        .iter()
        .zip(explicit)
        .filter(|(_, e)| **e)
        .map(|(s, _)| s.id.clone())
        .collect();
    for (stage, had) in stages.iter_mut().zip(explicit) {
        if !had {
            stage.id = unique_slug(&stage.name, |c| taken.contains(c));
            taken.insert(stage.id.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each element spans its own lines: a struct to its `)`, a bare word not
    /// into the blank lines after it, a string across its line breaks.
    #[test]
    fn elements_know_the_lines_they_span() {
        let text = "JourneyMap(\n  format: 1,\n  title: \"T\",\n  objectives: [\"one\\\n  two\", \"three\"],\n  persona: Persona(name: \"P\"),\n  stages: [\n    Stage(\n      name: \"S\",\n      pain_points: [\n        PainPoint(\n          text: \"x\",\n          severity: High\n\n        ),\n      ],\n    ),\n  ],\n)\n";
        let p = parse_text(text).unwrap();
        let lines = |path| p.source.lines(path);
        assert_eq!(lines(Path::MapField("title")), Some((3, 3)));
        assert_eq!(lines(Path::Objective(0)), Some((4, 5)));
        assert_eq!(lines(Path::Objective(1)), Some((5, 5)));
        assert_eq!(lines(Path::Item(0, Lane::PainPoints, 0)), Some((11, 15)));
        assert_eq!(
            lines(Path::ItemField(0, Lane::PainPoints, 0, "severity")),
            Some((13, 13))
        );
        assert_eq!(lines(Path::Stage(0)), Some((8, 17)));
        assert_eq!(lines(Path::MapField("summary")), None, "not in the file");
        assert_eq!(lines(Path::StageField(0, "id")), None, "derived");
    }

    fn rejected_at(text: &str) -> (Pos, String) {
        let e = parse_text(text).err().unwrap();
        (e.pos, e.message)
    }

    /// The line scan for conflict markers runs only on files that could hide one
    /// from the parser: a marker inside a block comment or a multi-line string is
    /// still found.
    #[test]
    fn markers_in_comments_and_multiline_strings_are_found() {
        let golden = crate::format::write(&JourneyMap::new("T", "P"));
        let commented = golden.replacen("JourneyMap(", "/*\n=======\n*/\nJourneyMap(", 1);
        let (pos, msg) = rejected_at(&commented);
        assert_eq!((pos.line, pos.col), (2, 1));
        assert_eq!(msg, "unresolved merge conflict at line 2");
        let in_string = golden.replacen("title: \"T\"", "title: \"a\n<<<<<<< ours\nb\"", 1);
        assert_ne!(in_string, golden);
        let (pos, _) = rejected_at(&in_string);
        assert_eq!(pos.line, 4);
        let raw = golden.replacen("title: \"T\"", "title: r\"a\n>>>>>>> theirs\"", 1);
        assert_eq!(rejected_at(&raw).0.line, 4);
        let continued = golden.replacen("title: \"T\"", "title: \"a\\\n||||||| base\"", 1);
        assert_eq!(rejected_at(&continued).0.line, 4);
        assert!(parse_text(&golden).is_ok());
    }
}
