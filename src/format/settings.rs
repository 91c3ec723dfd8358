//! The editor's `settings.ron`, read with the same positioned reader as a map
//! and a team's `cjm.ron`, so a typo in any of them is reported the same way:
//! `PATH:LINE:COL: message (hint: did you mean …?)`.
//!
//! The editor keeps its settings as a plain `serde` struct (fields, defaults and
//! `deny_unknown_fields` where it declares them); [`from_str`] fills it from the
//! positioned syntax tree instead of the `ron` crate, whose errors carry neither
//! the file's line nor a hint.

use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};

use super::error::{Pos, ReadError};
use super::read::nearest;
use super::syntax::{self, Node, Value};

/// Reads settings text into `T`. An empty file (or one with only comments)
/// reads as `()`, so a struct with `#[serde(default)]` gets its defaults.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, ReadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let empty = syntax::content_start(text)?.is_none();
    let doc = syntax::parse(if empty { "()" } else { text })?;
    T::deserialize(NodeDe(&doc.root)).map_err(|e| e.into_read_error(doc.root.pos))
}

/// A serde error with the position of the value it is about, once known.
#[derive(Debug)]
pub struct Error {
    pos: Option<Pos>,
    message: String,
    hint: Option<String>,
}

impl Error {
    fn at(mut self, pos: Pos) -> Error {
        self.pos.get_or_insert(pos);
        self
    }

    fn into_read_error(self, fallback: Pos) -> ReadError {
        let e = ReadError::new(self.pos.unwrap_or(fallback), self.message, None);
        match self.hint {
            Some(h) => e.with_hint(h),
            None => e,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<M: fmt::Display>(msg: M) -> Error {
        Error {
            pos: None,
            message: msg.to_string(),
            hint: None,
        }
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Error {
        let hint = match nearest(field, expected) {
            Some(n) => format!("did you mean `{n}`?"),
            None => format!(
                "the fields are {}",
                expected
                    .iter()
                    .map(|f| format!("`{f}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        Error {
            pos: None,
            message: format!("unknown field `{field}`"),
            hint: Some(hint),
        }
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Error {
        let mut e = <Error as de::Error>::custom(format!("unknown value `{variant}`"));
        e.hint = nearest(variant, expected).map(|n| format!("did you mean `{n}`?"));
        e
    }
}

struct NodeDe<'n, 'a>(&'n Node<'a>);

impl<'de> de::Deserializer<'de> for NodeDe<'_, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        let node = self.0;
        let r = match &node.value {
            Value::Str(s) => v.visit_str(s),
            Value::Int(i) => v.visit_i64(*i),
            Value::Float(f) => v.visit_f64(*f),
            Value::Bool(b) => v.visit_bool(*b),
            Value::Ident("None") => v.visit_none(),
            Value::Ident(w) => v.visit_str(w),
            Value::Struct { fields, .. } => v.visit_map(Fields {
                fields: fields.iter(),
                value: None,
            }),
            Value::Tuple { items, .. } | Value::List(items) => v.visit_seq(Items(items.iter())),
            Value::Map(entries) => v.visit_map(Entries {
                entries: entries.iter(),
                value: None,
            }),
        };
        r.map_err(|e| e.at(node.pos))
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        let node = self.0;
        match &node.value {
            Value::Ident("None") => v.visit_none(),
            Value::Tuple {
                name: Some("Some"),
                items,
            } if items.len() == 1 => match items.first() {
                Some(inner) => v.visit_some(NodeDe(inner)),
                None => v.visit_none(),
            },
            _ => v.visit_some(self),
        }
        .map_err(|e| e.at(node.pos))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        // Unit variants only, as bare words: `theme: light` as well as `"light"`.
        let node = self.0;
        match &node.value {
            Value::Ident(w) => v.visit_enum((*w).into_deserializer()),
            Value::Str(s) => v.visit_enum(s.as_ref().into_deserializer()),
            _ => Err(<Error as de::Error>::custom(format!(
                "expected a word, found {}",
                node.value.kind()
            ))),
        }
        .map_err(|e: Error| e.at(node.pos))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

/// A struct's fields: the key is the field's name at its position, so an
/// unknown field is reported where it is written.
struct Fields<'n, 'a> {
    fields: std::slice::Iter<'n, (syntax::Field<'a>, Node<'a>)>,
    value: Option<&'n Node<'a>>,
}

impl<'de> de::MapAccess<'de> for Fields<'_, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((field, value)) = self.fields.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(field.name.into_deserializer())
            .map(Some)
            .map_err(|e: Error| e.at(field.pos))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            Some(node) => seed.deserialize(NodeDe(node)),
            None => Err(<Error as de::Error>::custom("a field without a value")),
        }
    }
}

/// `{ key: value }` entries.
struct Entries<'n, 'a> {
    entries: std::slice::Iter<'n, (Node<'a>, Node<'a>)>,
    value: Option<&'n Node<'a>>,
}

impl<'de> de::MapAccess<'de> for Entries<'_, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(NodeDe(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            Some(node) => seed.deserialize(NodeDe(node)),
            None => Err(<Error as de::Error>::custom("an entry without a value")),
        }
    }
}

struct Items<'n, 'a>(std::slice::Iter<'n, Node<'a>>);

impl<'de> de::SeqAccess<'de> for Items<'_, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.0.next() {
            Some(node) => seed.deserialize(NodeDe(node)).map(Some),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(default, deny_unknown_fields)]
    struct S {
        autosave_seconds: u64,
        keys: HashMap<String, String>,
        theme: String,
        limit: Option<u32>,
    }

    impl Default for S {
        fn default() -> S {
            S {
                autosave_seconds: 5,
                keys: HashMap::new(),
                theme: "dark".into(),
                limit: None,
            }
        }
    }

    #[test]
    fn fields_maps_and_defaults() {
        let s: S =
            from_str("// mine\n(autosave_seconds: 9, keys: {\"w\": \"up\"}, limit: Some(3))")
                .unwrap();
        assert_eq!(s.autosave_seconds, 9);
        assert_eq!(s.keys.get("w").map(String::as_str), Some("up"));
        assert_eq!(s.theme, "dark");
        assert_eq!(s.limit, Some(3));
        assert_eq!(from_str::<S>("").unwrap(), S::default());
        assert_eq!(from_str::<S>("// nothing yet\n").unwrap(), S::default());
    }

    #[test]
    fn a_typo_is_positioned_with_a_hint() {
        let e = from_str::<S>("(\n  autosave_secs: 3,\n)").unwrap_err();
        assert_eq!(
            e.located("settings.ron"),
            "settings.ron:2:3: unknown field `autosave_secs` (hint: did you mean `autosave_seconds`?)"
        );
        let e = from_str::<S>("(theme: \"light\", autosave_seconds: \"ten\")").unwrap_err();
        assert_eq!(e.pos, Pos { line: 1, col: 36 });
        assert!(e.message.contains("expected u64"), "{}", e.message);
        let e = from_str::<S>("(theme: \"light\"").unwrap_err();
        assert_eq!(e.pos.line, 1);
    }
}
