//! A team's rules: `cjm.ron`, which sets the level of each rule `cjm check` knows
//! (docs/format.md#team-rules). It is read with the map reader's positioned
//! syntax, so an unknown rule or level is reported at its `LINE:COL` like any
//! mistake in a map, and a typo gets the same "did you mean" hint.

use std::collections::BTreeMap;

use super::error::{Pos, ReadError};
use super::read::nearest;
use super::syntax::{self, Node, Value};
use super::validate::{RULES, RuleLevel, rule};

/// The name of the file, looked for in a map's folder and then in each parent.
pub const FILE_NAME: &str = "cjm.ron";

/// The levels a `cjm.ron` sets; a rule it does not name keeps its default.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    levels: BTreeMap<&'static str, RuleLevel>,
    /// What participants who `cjm join` a map in this folder may do.
    pub participants: Participants,
}

/// What a participant (`cjm join`) may do besides looking: add cards, vote.
/// Both are on unless the team's `cjm.ron` turns them off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Participants {
    pub add: bool,
    pub vote: bool,
}

impl Default for Participants {
    fn default() -> Self {
        Participants {
            add: true,
            vote: true,
        }
    }
}

impl Config {
    /// The level of the rule with this id: the team's, else the rule's default.
    /// An id no rule has (which `check` never asks for) is denied.
    pub fn level(&self, id: &str) -> RuleLevel {
        self.levels
            .get(id)
            .copied()
            .or_else(|| rule(id).map(|r| r.default))
            .unwrap_or(RuleLevel::Deny)
    }
}

/// Reads a `cjm.ron`:
///
/// ```ron
/// Config(
///     rules: [
///         ("no-target", deny),
///         ("duplicate-item", allow),
///     ],
/// )
/// ```
///
/// An empty file changes nothing. Anything else that is not exactly this shape is
/// refused with its position: the team asked for rules, and checking under rules
/// it did not ask for would be a silent lie.
pub fn parse_config(bytes: &[u8]) -> Result<Config, ReadError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let before = bytes.get(..e.valid_up_to()).unwrap_or_default();
        let line = before.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
        ReadError::new(Pos { line, col: 1 }, "the file is not UTF-8 text", None)
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if syntax::content_start(text)?.is_none() {
        return Ok(Config::default());
    }
    let doc = syntax::parse(text)?;
    let Value::Struct { name, fields } = &doc.root.value else {
        return Err(expected(&doc.root, "`Config(rules: [ … ])`"));
    };
    if let Some(n) = name
        && *n != "Config"
    {
        return Err(ReadError::new(
            doc.root.pos,
            format!("expected `Config(…)`, found `{n}(…)`"),
            Some("a cjm.ron holds `Config(rules: [(\"RULE\", LEVEL), …])`"),
        ));
    }
    let mut config = Config::default();
    let mut set_at: BTreeMap<&'static str, Pos> = BTreeMap::new();
    let mut rules_at: Option<Pos> = None;
    for (field, value) in fields {
        if field.name == "rules"
            && let Some(first) = rules_at.replace(field.pos)
        {
            // A second list would silently replace or extend the first: refused, as
            // the map reader refuses a repeated field.
            return Err(ReadError::new(
                field.pos,
                format!("field `rules` appears twice in cjm.ron (first at {first})"),
                Some("put every rule in one `rules: [ … ]` list"),
            ));
        }
        if field.name == "participants" {
            config.participants = participants(value)?;
            continue;
        }
        if field.name != "rules" {
            let mut e = ReadError::new(
                field.pos,
                format!("unknown field `{}` in cjm.ron", field.name),
                None,
            );
            e.hint = Some(match nearest(field.name, &["rules", "participants"]) {
                Some(n) => format!("did you mean `{n}`?"),
                None => "cjm.ron has two fields, `rules` and `participants`".into(),
            });
            return Err(e);
        }
        let items = match &value.value {
            Value::List(items) => items,
            Value::Ident("None") => continue,
            _ => return Err(expected(value, "a list of `(\"RULE\", LEVEL)` pairs")),
        };
        for item in items {
            let (id_node, level_node) = match &item.value {
                Value::Tuple { name: None, items } if items.len() == 2 => {
                    match (items.first(), items.get(1)) {
                        (Some(a), Some(b)) => (a, b),
                        _ => return Err(expected(item, "a pair `(\"RULE\", LEVEL)`")),
                    }
                }
                _ => return Err(expected(item, "a pair `(\"RULE\", LEVEL)`")),
            };
            let id = rule_id(id_node)?;
            let level = level_of(level_node)?;
            let Some(r) = rule(id.as_str()) else {
                let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
                let hint = match nearest(&id, &ids) {
                    Some(n) => format!("did you mean `{n}`? `cjm check --explain` lists the rules"),
                    None => "`cjm check --explain` lists the rules".into(),
                };
                return Err(
                    ReadError::new(id_node.pos, format!("unknown rule `{id}`"), None)
                        .with_hint(hint),
                );
            };
            if r.fixed && level != RuleLevel::Deny {
                return Err(ReadError::new(
                    level_node.pos,
                    if r.invalidates {
                        format!(
                            "rule `{}` makes a map invalid, so it is always `deny`",
                            r.id
                        )
                    } else {
                        format!(
                            "rule `{}` is always `deny`: a map with a merge conflict is not done",
                            r.id
                        )
                    },
                    Some("only lints can be set to `warn` or `allow`"),
                ));
            }
            if let Some(first) = set_at.insert(r.id, id_node.pos) {
                return Err(ReadError::new(
                    id_node.pos,
                    format!("rule `{}` is set twice (first at {first})", r.id),
                    None,
                ));
            }
            config.levels.insert(r.id, level);
        }
    }
    Ok(config)
}

/// `participants: (add: true, vote: false)`: a field left out keeps its
/// default (on); anything else is refused at its position.
fn participants(node: &Node) -> Result<Participants, ReadError> {
    let shape = "`(add: true, vote: true)`";
    let Value::Struct { name: None, fields } = &node.value else {
        return Err(expected(node, shape));
    };
    let mut p = Participants::default();
    for (field, value) in fields {
        let slot = match field.name {
            "add" => &mut p.add,
            "vote" => &mut p.vote,
            other => {
                let hint = match nearest(other, &["add", "vote"]) {
                    Some(n) => format!("did you mean `{n}`?"),
                    None => "participants has `add` and `vote`".into(),
                };
                return Err(ReadError::new(
                    field.pos,
                    format!("unknown field `{other}` in participants"),
                    None,
                )
                .with_hint(hint));
            }
        };
        match value.value {
            Value::Bool(b) => *slot = b,
            _ => return Err(expected(value, "`true` or `false`")),
        }
    }
    Ok(p)
}

/// True when a file is team rules rather than a map: it is named `cjm.ron`, or
/// its text starts (after comments) with `Config(`. Every command that meets one
/// among maps (`fmt`, git's textconv, `report`) leaves it to `check` instead of
/// calling it a broken map.
pub fn is_rules_file(path: &std::path::Path, bytes: &[u8]) -> bool {
    if path.file_name().is_some_and(|n| n == FILE_NAME) {
        return true;
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Ok(Some(start)) = syntax::content_start(text) else {
        return false;
    };
    let Some(rest) = text.get(start..).and_then(|t| t.strip_prefix("Config")) else {
        return false;
    };
    matches!(syntax::content_start(rest), Ok(Some(i)) if rest.get(i..).is_some_and(|t| t.starts_with('(')))
}

fn expected(node: &Node<'_>, what: &str) -> ReadError {
    ReadError::new(
        node.pos,
        format!("expected {what}, found {}", node.value.kind()),
        None,
    )
}

fn rule_id(node: &Node<'_>) -> Result<String, ReadError> {
    match &node.value {
        Value::Str(s) => Ok(s.to_string()),
        _ => Err(expected(
            node,
            "a rule id in quotes, such as `\"no-owner\"`",
        )),
    }
}

/// A level is a bare word, as in the example; a quoted one is accepted too.
fn level_of(node: &Node<'_>) -> Result<RuleLevel, ReadError> {
    let word = match &node.value {
        Value::Ident(w) => (*w).to_string(),
        Value::Str(s) => s.to_string(),
        _ => return Err(expected(node, "a level: `allow`, `warn` or `deny`")),
    };
    RuleLevel::from_name(&word).ok_or_else(|| {
        let hint = match nearest(&word, &RuleLevel::NAMES) {
            Some(n) => format!("did you mean `{n}`?"),
            None => "the levels are `allow`, `warn` and `deny`".into(),
        };
        ReadError::new(node.pos, format!("unknown level `{word}`"), None).with_hint(hint)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_and_defaults() {
        let c = parse_config(b"Config(rules: [(\"no-target\", deny), (\"no-owner\", \"allow\")])")
            .unwrap();
        assert_eq!(c.level("no-target"), RuleLevel::Deny);
        assert_eq!(c.level("no-owner"), RuleLevel::Allow);
        assert_eq!(c.level("no-emotions"), RuleLevel::Warn);
        assert_eq!(c.level("empty-text"), RuleLevel::Deny);
        assert_eq!(parse_config(b"\n").unwrap(), Config::default());
    }

    #[test]
    fn mistakes_are_positioned() {
        let e =
            parse_config(b"Config(\n  rules: [\n    (\"no-targt\", deny),\n  ],\n)").unwrap_err();
        assert_eq!((e.pos.line, e.pos.col), (3, 6));
        assert!(e.hint.unwrap().contains("no-target"));
        let e = parse_config(b"(rules: [(\"no-owner\", dney)])").unwrap_err();
        assert_eq!((e.pos.line, e.pos.col), (1, 23));
        assert_eq!(e.message, "unknown level `dney`");
        let e = parse_config(b"(rules: [(\"empty-text\", warn)])").unwrap_err();
        assert!(e.message.contains("always `deny`"));
        let e = parse_config(b"(rule: [])").unwrap_err();
        assert!(e.hint.unwrap().contains("rules"));
        let e = parse_config(b"(rules: [(\"no-owner\", deny), (\"no-owner\", warn)])").unwrap_err();
        assert!(e.message.contains("set twice"));
        let e = parse_config(b"Config(\n  rules: [],\n  rules: [(\"no-owner\", deny)],\n)")
            .unwrap_err();
        assert_eq!((e.pos.line, e.pos.col), (3, 3));
        assert_eq!(
            e.message,
            "field `rules` appears twice in cjm.ron (first at 2:3)"
        );
    }

    #[test]
    fn only_comments_is_empty_team_rules() {
        for text in [
            "// our rules: none yet\n",
            "\u{feff}/* later */\n\n",
            "",
            "  \n",
        ] {
            assert_eq!(parse_config(text.as_bytes()).unwrap(), Config::default());
        }
        let e = parse_config(b"/* never closed").unwrap_err();
        assert!(e.message.contains("never closed"));
    }

    #[test]
    fn team_rules_are_recognised_by_name_or_content() {
        use std::path::Path;
        assert!(is_rules_file(Path::new("maps/cjm.ron"), b"JourneyMap("));
        assert!(is_rules_file(
            Path::new("team.ron"),
            b"\xef\xbb\xbf// rules\nConfig /* x */ (rules: [])"
        ));
        assert!(!is_rules_file(Path::new("m.ron"), b"JourneyMap(format: 1)"));
        assert!(!is_rules_file(Path::new("m.ron"), b"Configuration(x: 1)"));
        assert!(!is_rules_file(Path::new("m.ron"), b"\xff"));
        assert!(!is_rules_file(Path::new("m.ron"), b"// Config(\n"));
    }
}
