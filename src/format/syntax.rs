//! A RON reader that keeps positions. ron's own deserializer reports where a syntax
//! error is, but not where each element stood, and every rejection — validation
//! errors included — must point at the offending line (docs/format.md#rejections,
//! #positions). So the text is first
//! read into a small tree of positioned nodes, which `read` then turns into the model.

use std::borrow::Cow;

use super::error::{Pos, ReadError};

/// Deeper than any map needs (a map is at most six levels deep); deep enough that a
/// hostile file is refused long before the recursion could exhaust the stack.
pub const MAX_DEPTH: usize = 32;

/// A file holds at most one value (string, number, list, struct…) for every
/// this many bytes of text. Real maps hold one for every 40 to 60 bytes (20 to
/// 35 written without spaces), so none comes near it; a file of `0,0,0,…`
/// holds one for every two, and would take some thirty times its size in
/// memory as a tree of values. The budget keeps a load within a few times the
/// size of the file, whatever the file.
pub const BYTES_PER_VALUE: usize = 8;

/// Values any file may hold, however short: a map written on one line.
const MIN_VALUES: usize = 4096;

/// Nodes borrow from the text they were read from: names and plain strings are
/// not copied until the model takes them, which halves the allocations of a load.
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'a> {
    pub pos: Pos,
    /// The line of the value's last character: with `pos`, the lines it spans,
    /// which `cjm blame` maps git's line-by-line answer onto.
    pub end_line: u32,
    pub value: Value<'a>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Str(Cow<'a, str>),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// A bare identifier: an enum variant such as `High`, or `None`.
    Ident(&'a str),
    /// `Name(field: value, …)` or `(field: value, …)`.
    Struct {
        name: Option<&'a str>,
        fields: Vec<(Field<'a>, Node<'a>)>,
    },
    /// `Name(a, b)` or `(a, b)`; `Some(x)` and trait pairs are tuples.
    Tuple {
        name: Option<&'a str>,
        items: Vec<Node<'a>>,
    },
    List(Vec<Node<'a>>),
    /// `{ key: value }`: valid RON, never part of a map file; the editor's
    /// settings hold their key overrides in one.
    Map(Vec<(Node<'a>, Node<'a>)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field<'a> {
    pub name: &'a str,
    pub pos: Pos,
}

impl Value<'_> {
    /// How the value is named in "expected …, found …" messages.
    pub fn kind(&self) -> String {
        match self {
            Value::Str(_) => "a string".into(),
            Value::Int(_) => "an integer".into(),
            Value::Float(_) => "a number".into(),
            Value::Bool(_) => "a boolean".into(),
            Value::Ident(i) => format!("`{i}`"),
            Value::Struct { name: Some(n), .. } | Value::Tuple { name: Some(n), .. } => {
                format!("{n}(…)")
            }
            Value::Struct { .. } => "a struct".into(),
            Value::Tuple { .. } => "a tuple".into(),
            Value::List(_) => "a list".into(),
            Value::Map(_) => "a map `{…}`".into(),
        }
    }
}

/// The parsed document: the root node and whether the text held comments (which a
/// rewrite would drop) or an extension header.
pub struct Document<'a> {
    pub root: Node<'a>,
    pub has_comments: bool,
    /// A string held a line break: text that starts a line without being RON.
    pub multiline_text: bool,
}

pub fn parse(text: &str) -> Result<Document<'_>, ReadError> {
    let mut p = Parser::new(text);
    p.skip_ws()?;
    if p.peek().is_none() {
        return Err(ReadError::new(
            p.pos(),
            "the file is empty",
            Some("a map starts with `JourneyMap(`; `cjm new FILE` writes one"),
        ));
    }
    p.extension_header()?;
    let root = p.value(0)?;
    p.skip_ws()?;
    if p.peek().is_some() {
        return Err(ReadError::new(
            p.pos(),
            "unexpected text after the end of the map",
            None,
        ));
    }
    Ok(Document {
        root,
        has_comments: p.has_comments,
        multiline_text: p.multiline_text,
    })
}

/// Where the first thing that is neither whitespace nor a comment starts (a byte
/// offset), or `None` for a text of only those: a `cjm.ron` holding a comment is
/// empty team rules, not an empty map.
pub fn content_start(text: &str) -> Result<Option<usize>, ReadError> {
    let mut p = Parser::new(text);
    p.skip_ws()?;
    Ok(p.peek().map(|_| p.i))
}

struct Parser<'a> {
    src: &'a str,
    i: usize,
    line: u32,
    col: u32,
    has_comments: bool,
    multiline_text: bool,
    /// The items and fields of the lists and structs being read, innermost last:
    /// each is moved out into a vector of its exact size when it closes, one
    /// allocation per list instead of one for every doubling.
    items: Vec<Node<'a>>,
    fields: Vec<(Field<'a>, Node<'a>)>,
    /// How many more values the file may hold (`BYTES_PER_VALUE`).
    values_left: usize,
}

impl<'a> Parser<'a> {
    fn new(src: &'a str) -> Parser<'a> {
        Parser {
            src,
            i: 0,
            line: 1,
            col: 1,
            has_comments: false,
            multiline_text: false,
            items: Vec::new(),
            fields: Vec::new(),
            values_left: src.len() / BYTES_PER_VALUE + MIN_VALUES,
        }
    }
}

/// Where the next `"`, `\` or line break is: what ends the plain run of a string.
/// Strings are most of a map's bytes, so they are scanned eight bytes at a time
/// (a word holding none of the three is skipped whole), then byte by byte.
fn string_stop(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has = |w: u64, b: u8| {
        let x = w ^ (ONES * u64::from(b));
        x.wrapping_sub(ONES) & !x & HIGHS != 0
    };
    let mut start = 0;
    for chunk in bytes.chunks_exact(8) {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let w = u64::from_le_bytes(word);
        if has(w, b'"') || has(w, b'\\') || has(w, b'\n') {
            break;
        }
        start += 8;
    }
    bytes
        .get(start..)?
        .iter()
        .position(|&b| matches!(b, b'"' | b'\\' | b'\n'))
        .map(|p| p + start)
}

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

impl<'a> Parser<'a> {
    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            col: self.col,
        }
    }

    fn peek(&self) -> Option<char> {
        match self.src.as_bytes().get(self.i) {
            Some(&b) if b.is_ascii() => Some(b as char),
            Some(_) => self.src.get(self.i..)?.chars().next(),
            None => None,
        }
    }

    fn peek2(&self) -> Option<char> {
        let bytes = self.src.as_bytes();
        match (bytes.get(self.i), bytes.get(self.i + 1)) {
            (Some(a), Some(&b)) if a.is_ascii() && b.is_ascii() => Some(b as char),
            (Some(_), Some(_)) => {
                let mut it = self.src.get(self.i..)?.chars();
                it.next();
                it.next()
            }
            _ => None,
        }
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    /// Moves over `len` bytes of text that hold no line break, counting columns in
    /// characters as every position does.
    fn advance_in_line(&mut self, len: usize) {
        let chunk = self.src.get(self.i..self.i + len).unwrap_or_default();
        let chars = if chunk.is_ascii() {
            chunk.len()
        } else {
            chunk.chars().count()
        };
        self.col = self
            .col
            .saturating_add(u32::try_from(chars).unwrap_or(u32::MAX));
        self.i += len;
    }

    fn err<T>(&self, msg: impl Into<String>) -> Result<T, ReadError> {
        Err(ReadError::new(self.pos(), msg, None))
    }

    fn describe_next(&self) -> String {
        match self.peek() {
            None => "the end of the file".into(),
            Some(c) if c.is_control() => format!("`\\u{{{:x}}}`", c as u32),
            Some(c) => format!("`{c}`"),
        }
    }

    /// Whitespace and comments (`// …` and nested `/* … */`).
    fn skip_ws(&mut self) -> Result<(), ReadError> {
        loop {
            // Indentation and line breaks are most of a canonical file: a tight loop
            // over bytes first, the general (Unicode, comments) cases after.
            let bytes = self.src.as_bytes();
            let (mut i, mut line, mut col) = (self.i, self.line, self.col);
            loop {
                // Indentation eight spaces at a time.
                if let Some(chunk) = bytes.get(i..i + 8)
                    && chunk == b"        "
                {
                    i += 8;
                    col += 8;
                    continue;
                }
                let Some(&b) = bytes.get(i) else { break };
                match b {
                    b' ' | b'\t' | b'\r' => col += 1,
                    b'\n' => {
                        line += 1;
                        col = 1;
                    }
                    _ => break,
                }
                i += 1;
            }
            (self.i, self.line, self.col) = (i, line, col);
            match bytes.get(i) {
                Some(b) if b.is_ascii() && *b != b'/' && !b.is_ascii_whitespace() => return Ok(()),
                None => return Ok(()),
                _ => {}
            }
            match (self.peek(), self.peek2()) {
                (Some(c), _) if c.is_whitespace() => {
                    self.bump();
                }
                (Some('/'), Some('/')) => {
                    self.has_comments = true;
                    while let Some(c) = self.peek() {
                        if c == '\n' {
                            break;
                        }
                        self.bump();
                    }
                }
                (Some('/'), Some('*')) => {
                    self.has_comments = true;
                    let start = self.pos();
                    self.bump();
                    self.bump();
                    let mut depth = 1usize;
                    while depth > 0 {
                        match (self.peek(), self.peek2()) {
                            (None, _) => {
                                return Err(ReadError::new(
                                    start,
                                    "this block comment is never closed",
                                    Some("close it with `*/`"),
                                ));
                            }
                            (Some('*'), Some('/')) => {
                                self.bump();
                                self.bump();
                                depth -= 1;
                            }
                            (Some('/'), Some('*')) => {
                                self.bump();
                                self.bump();
                                depth += 1;
                            }
                            _ => {
                                self.bump();
                            }
                        }
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    fn expect(&mut self, c: char) -> Result<(), ReadError> {
        self.skip_ws()?;
        if self.peek() == Some(c) {
            self.bump();
            Ok(())
        } else {
            self.err(format!("expected `{c}`, found {}", self.describe_next()))
        }
    }

    /// `#![enable(implicit_some, …)]` headers are accepted and have no effect: every
    /// optional field already takes a bare value.
    fn extension_header(&mut self) -> Result<(), ReadError> {
        while self.peek() == Some('#') {
            self.bump();
            self.expect('!')?;
            self.expect('[')?;
            self.skip_ws()?;
            let name = self.ident();
            if name != "enable" {
                return self.err("expected `enable` in the `#![…]` header");
            }
            self.expect('(')?;
            loop {
                self.skip_ws()?;
                if self.peek() == Some(')') {
                    self.bump();
                    break;
                }
                if self.ident().is_empty() {
                    return self.err(format!(
                        "expected an extension name, found {}",
                        self.describe_next()
                    ));
                }
                self.skip_ws()?;
                if self.peek() == Some(',') {
                    self.bump();
                }
            }
            self.expect(']')?;
            self.skip_ws()?;
        }
        Ok(())
    }

    fn ident(&mut self) -> &'a str {
        let start = self.i;
        let bytes = self.src.as_bytes();
        if bytes.get(start).is_some_and(|&b| is_ident_start(b as char)) {
            let len = bytes
                .get(start..)
                .unwrap_or_default()
                .iter()
                .take_while(|&&b| is_ident_char(b as char))
                .count();
            // Identifier characters are ASCII: one column each.
            self.advance_in_line(len);
        }
        self.src.get(start..self.i).unwrap_or_default()
    }

    fn value(&mut self, depth: usize) -> Result<Node<'a>, ReadError> {
        self.skip_ws()?;
        let pos = self.pos();
        if depth > MAX_DEPTH {
            return Err(ReadError::new(
                pos,
                format!("nested too deeply (more than {MAX_DEPTH} levels)"),
                None,
            ));
        }
        let Some(left) = self.values_left.checked_sub(1) else {
            return Err(ReadError::new(
                pos,
                format!(
                    "too many values for a file of this size: a map holds at most one for every \
                     {BYTES_PER_VALUE} bytes, and real maps one for every 40 or so; nothing was loaded"
                ),
                None,
            ));
        };
        self.values_left = left;
        let value = match self.peek() {
            None => return self.err("unexpected end of the file: a value is missing"),
            Some('"') => Value::Str(self.string()?),
            Some('r') if matches!(self.peek2(), Some('"' | '#')) => {
                Value::Str(Cow::Owned(self.raw_string()?))
            }
            Some('[') => {
                self.bump();
                Value::List(self.seq(']', depth)?)
            }
            Some('{') => {
                self.bump();
                Value::Map(self.seq_map(depth)?)
            }
            Some('(') => {
                self.bump();
                self.compound(None, depth)?
            }
            Some(c) if c.is_ascii_digit() || c == '-' || c == '+' || c == '.' => self.number()?,
            Some(c) if is_ident_start(c) => {
                let name = self.ident();
                // A bare word ends here, before the whitespace that may follow it.
                let word_end = self.line;
                self.skip_ws()?;
                let value = match name {
                    "true" => Value::Bool(true),
                    "false" => Value::Bool(false),
                    _ if self.peek() == Some('(') => {
                        self.bump();
                        self.compound(Some(name), depth)?
                    }
                    _ => Value::Ident(name),
                };
                let end_line = match value {
                    Value::Struct { .. } | Value::Tuple { .. } => self.line,
                    _ => word_end,
                };
                return Ok(Node {
                    pos,
                    end_line,
                    value,
                });
            }
            Some('\'') => {
                return self.err("expected a value; strings take double quotes (`\"…\"`)");
            }
            Some(_) => {
                return self.err(format!("expected a value, found {}", self.describe_next()));
            }
        };
        Ok(Node {
            pos,
            end_line: self.line,
            value,
        })
    }

    /// After `(`: a struct when the first thing inside is `name:`, a tuple otherwise.
    fn compound(&mut self, name: Option<&'a str>, depth: usize) -> Result<Value<'a>, ReadError> {
        self.skip_ws()?;
        let save = (self.i, self.line, self.col);
        let is_struct = if self.peek().is_some_and(is_ident_start) {
            self.ident();
            self.skip_ws()?;
            let colon = self.peek() == Some(':');
            (self.i, self.line, self.col) = save;
            colon
        } else {
            false
        };
        if !is_struct {
            let items = self.seq(')', depth)?;
            return Ok(Value::Tuple { name, items });
        }
        let start = self.fields.len();
        loop {
            self.skip_ws()?;
            if self.peek() == Some(')') {
                self.bump();
                break;
            }
            let fpos = self.pos();
            let fname = self.ident();
            if fname.is_empty() {
                return self.err(format!(
                    "expected a field name or `)`, found {}",
                    self.describe_next()
                ));
            }
            self.expect(':')?;
            let v = self.value(depth + 1)?;
            self.fields.push((
                Field {
                    name: fname,
                    pos: fpos,
                },
                v,
            ));
            self.skip_ws()?;
            match self.peek() {
                Some(',') => {
                    self.bump();
                }
                Some(')') => {}
                _ => {
                    return self.err(format!(
                        "expected `,` or `)` after a field, found {}",
                        self.describe_next()
                    ));
                }
            }
        }
        let fields = self.fields.split_off(start);
        Ok(Value::Struct { name, fields })
    }

    fn seq(&mut self, close: char, depth: usize) -> Result<Vec<Node<'a>>, ReadError> {
        let start = self.items.len();
        loop {
            self.skip_ws()?;
            if self.peek() == Some(close) {
                self.bump();
                return Ok(self.items.split_off(start));
            }
            let item = self.value(depth + 1)?;
            self.items.push(item);
            self.skip_ws()?;
            match self.peek() {
                Some(',') => {
                    self.bump();
                }
                Some(c) if c == close => {}
                _ => {
                    return self.err(format!(
                        "expected `,` or `{close}`, found {}",
                        self.describe_next()
                    ));
                }
            }
        }
    }

    fn seq_map(&mut self, depth: usize) -> Result<Vec<(Node<'a>, Node<'a>)>, ReadError> {
        let mut entries = Vec::new();
        loop {
            self.skip_ws()?;
            if self.peek() == Some('}') {
                self.bump();
                return Ok(entries);
            }
            let key = self.value(depth + 1)?;
            self.expect(':')?;
            entries.push((key, self.value(depth + 1)?));
            self.skip_ws()?;
            match self.peek() {
                Some(',') => {
                    self.bump();
                }
                Some('}') => {}
                _ => {
                    return self.err(format!(
                        "expected `,` or `}}`, found {}",
                        self.describe_next()
                    ));
                }
            }
        }
    }

    fn string(&mut self) -> Result<Cow<'a, str>, ReadError> {
        let start = self.pos();
        self.bump();
        // Most strings hold no escape and no line break: borrowed as they stand.
        let rest = self.src.as_bytes().get(self.i..).unwrap_or_default();
        if let Some(end) = string_stop(rest).filter(|&end| rest.get(end) == Some(&b'"')) {
            let body = self.src.get(self.i..self.i + end).unwrap_or_default();
            self.advance_in_line(end + 1);
            return Ok(Cow::Borrowed(body));
        }
        let mut out = String::new();
        loop {
            // Plain text up to the next quote, backslash or line break is copied whole.
            let rest = self.src.as_bytes().get(self.i..).unwrap_or_default();
            let plain = string_stop(rest).unwrap_or(rest.len());
            if plain > 0 {
                out.push_str(self.src.get(self.i..self.i + plain).unwrap_or_default());
                self.advance_in_line(plain);
            }
            match self.bump() {
                None => {
                    return Err(ReadError::new(
                        start,
                        "this string is never closed",
                        Some("add the closing `\"`"),
                    ));
                }
                Some('"') => return Ok(Cow::Owned(out)),
                Some('\n') => {
                    self.multiline_text = true;
                    out.push('\n');
                }
                Some('\\') => {
                    let epos = self.pos();
                    let c = match self.bump() {
                        Some('n') => '\n',
                        Some('t') => '\t',
                        Some('r') => '\r',
                        Some('0') => '\0',
                        Some('\\') => '\\',
                        Some('"') => '"',
                        Some('\'') => '\'',
                        Some('u') => self.unicode_escape(epos)?,
                        Some('x') => {
                            let h = self.hex_digits(2, epos)?;
                            if h > 0x7f {
                                return Err(ReadError::new(
                                    epos,
                                    "`\\x` escapes go up to `\\x7f`; use `\\u{…}`",
                                    None,
                                ));
                            }
                            char::from_u32(h).unwrap_or('\u{fffd}')
                        }
                        Some('\n') => {
                            self.multiline_text = true;
                            // A backslash at the end of a line continues the string.
                            while self.peek().is_some_and(|c| c == ' ' || c == '\t') {
                                self.bump();
                            }
                            continue;
                        }
                        _ => {
                            return Err(ReadError::new(
                                epos,
                                "unknown escape in a string",
                                Some("write a backslash as `\\\\`"),
                            ));
                        }
                    };
                    out.push(c);
                }
                Some(c) => out.push(c),
            }
        }
    }

    fn hex_digits(&mut self, n: usize, pos: Pos) -> Result<u32, ReadError> {
        let mut v = 0u32;
        for _ in 0..n {
            let d = self
                .bump()
                .and_then(|c| c.to_digit(16))
                .ok_or_else(|| ReadError::new(pos, "bad hexadecimal escape in a string", None))?;
            v = v * 16 + d;
        }
        Ok(v)
    }

    /// `\u{1b}` (Rust style, what the writer produces) or `\u001b` (JSON style).
    fn unicode_escape(&mut self, pos: Pos) -> Result<char, ReadError> {
        let code = if self.peek() == Some('{') {
            self.bump();
            let mut v = 0u32;
            let mut n = 0;
            loop {
                match self.bump() {
                    Some('}') if n > 0 => break,
                    Some(c) if n < 6 && c.is_ascii_hexdigit() => {
                        v = v * 16 + c.to_digit(16).unwrap_or(0);
                        n += 1;
                    }
                    _ => {
                        return Err(ReadError::new(
                            pos,
                            "bad `\\u{…}` escape: expected 1 to 6 hex digits and `}`",
                            None,
                        ));
                    }
                }
            }
            v
        } else {
            self.hex_digits(4, pos)?
        };
        char::from_u32(code).ok_or_else(|| {
            ReadError::new(
                pos,
                format!("`\\u{{{code:x}}}` is not a Unicode character"),
                None,
            )
        })
    }

    fn raw_string(&mut self) -> Result<String, ReadError> {
        let start = self.pos();
        self.bump(); // r
        let mut hashes = 0;
        while self.peek() == Some('#') {
            self.bump();
            hashes += 1;
        }
        if self.bump() != Some('"') {
            return Err(ReadError::new(start, "bad raw string: expected `\"`", None));
        }
        let close: String = std::iter::once('"')
            .chain(std::iter::repeat_n('#', hashes))
            .collect();
        let rest = self.src.get(self.i..).unwrap_or_default();
        let Some(end) = rest.find(&close) else {
            return Err(ReadError::new(
                start,
                "this raw string is never closed",
                None,
            ));
        };
        let body = rest.get(..end).unwrap_or_default().to_string();
        self.multiline_text |= body.contains('\n');
        for _ in body.chars().chain(close.chars()) {
            self.bump();
        }
        Ok(body)
    }

    fn number(&mut self) -> Result<Value<'a>, ReadError> {
        let start_pos = self.pos();
        let start = self.i;
        if matches!(self.peek(), Some('+' | '-')) {
            self.bump();
        }
        let radix = match (self.peek(), self.peek2()) {
            (Some('0'), Some('x')) => 16,
            (Some('0'), Some('o')) => 8,
            (Some('0'), Some('b')) => 2,
            _ => 10,
        };
        if radix != 10 {
            let sign = self.src.get(start..self.i).unwrap_or_default() == "-";
            self.bump();
            self.bump();
            let ds = self.i;
            while self
                .peek()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
            {
                self.bump();
            }
            let digits: String = self
                .src
                .get(ds..self.i)
                .unwrap_or_default()
                .chars()
                .filter(|&c| c != '_')
                .collect();
            let v = i64::from_str_radix(&digits, radix)
                .map_err(|_| ReadError::new(start_pos, "not a valid integer", None))?;
            return Ok(Value::Int(if sign { -v } else { v }));
        }
        let mut float = false;
        while let Some(c) = self.peek() {
            if c.is_ascii_digit() || c == '_' {
                self.bump();
            } else if c == '.' && !float {
                float = true;
                self.bump();
            } else if c == 'e' || c == 'E' {
                float = true;
                self.bump();
                if matches!(self.peek(), Some('+' | '-')) {
                    self.bump();
                }
            } else {
                break;
            }
        }
        if self.peek().is_some_and(is_ident_char) {
            return Err(ReadError::new(
                start_pos,
                "not a valid number",
                Some("numbers are written like `42` or `0.75`"),
            ));
        }
        let text: String = self
            .src
            .get(start..self.i)
            .unwrap_or_default()
            .chars()
            .filter(|&c| c != '_')
            .collect();
        if !float {
            if let Ok(v) = text.parse::<i64>() {
                return Ok(Value::Int(v));
            }
            if text
                .trim_start_matches(['+', '-'])
                .chars()
                .all(|c| c.is_ascii_digit())
                && text.len() > 1
            {
                return Err(ReadError::new(start_pos, "integer too large", None));
            }
        }
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(Value::Float(v)),
            Ok(_) => Err(ReadError::new(start_pos, "number too large", None)),
            Err(_) => Err(ReadError::new(
                start_pos,
                "not a valid number",
                Some("numbers are written like `42` or `0.75`"),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    /// The word-at-a-time scan finds the same stop as a byte-by-byte one, wherever
    /// the stop falls in a word and whatever bytes (non-ASCII included) surround it.
    #[test]
    fn string_stop_matches_a_byte_scan() {
        let naive = |b: &[u8]| b.iter().position(|&c| matches!(c, b'"' | b'\\' | b'\n'));
        let fill = "aé€\x7f\x01 ~#".as_bytes();
        for len in 0..40 {
            for at in 0..=len {
                for stop in [b'"', b'\\', b'\n', b'x'] {
                    let mut v: Vec<u8> = fill.iter().copied().cycle().take(len).collect();
                    if let Some(slot) = v.get_mut(at) {
                        *slot = stop;
                    }
                    assert_eq!(super::string_stop(&v), naive(&v), "{v:?}");
                }
            }
        }
    }

    use super::*;

    #[test]
    fn structs_tuples_lists_and_comments() {
        let d =
            parse("// hi\nA(x: [1, 2.5, \"s\\u{1b}\"], t: (\"a\", \"b\"), e: High, o: Some(3),)")
                .unwrap();
        assert!(d.has_comments);
        let Value::Struct { name, fields } = d.root.value else {
            panic!()
        };
        assert_eq!(name, Some("A"));
        assert_eq!(fields.len(), 4);
        assert_eq!(fields[0].0.pos, Pos { line: 2, col: 3 });
        assert_eq!(
            fields[0].1.value,
            Value::List(vec![
                Node {
                    pos: Pos { line: 2, col: 7 },
                    end_line: 2,
                    value: Value::Int(1)
                },
                Node {
                    pos: Pos { line: 2, col: 10 },
                    end_line: 2,
                    value: Value::Float(2.5)
                },
                Node {
                    pos: Pos { line: 2, col: 15 },
                    end_line: 2,
                    value: Value::Str("s\u{1b}".into())
                },
            ])
        );
    }

    /// The fast paths (plain strings borrowed whole, whitespace runs) count columns
    /// in characters, as the slow path does.
    #[test]
    fn positions_after_non_ascii_text_and_escapes() {
        let d = parse("A(x: \"héllo 🙂\", y: \"a\\n\\u{1b}é\",\n\t z: 1)").unwrap();
        let Value::Struct { fields, .. } = d.root.value else {
            panic!()
        };
        let pos: Vec<Pos> = fields.iter().map(|(f, _)| f.pos).collect();
        assert_eq!(
            pos,
            vec![
                Pos { line: 1, col: 3 },
                Pos { line: 1, col: 17 },
                Pos { line: 2, col: 3 },
            ]
        );
        assert_eq!(fields[0].1.value, Value::Str("héllo 🙂".into()));
        assert_eq!(fields[1].1.value, Value::Str("a\n\u{1b}é".into()));
    }

    #[test]
    fn raw_strings_and_depth() {
        let d = parse("r#\"a \"quoted\" b\"#").unwrap();
        assert_eq!(d.root.value, Value::Str("a \"quoted\" b".into()));
        let deep = "[".repeat(100);
        let e = parse(&deep).err().unwrap();
        assert!(e.message.contains("nested too deeply"), "{e:?}");
    }
}
