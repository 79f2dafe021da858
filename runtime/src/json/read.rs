//! Reading JSON: the one reader of the signing-free core, behind `diagnose`, [`JsonContext`] and
//! reading a context back.
//!
//! It takes exactly the text `serde_json` takes (RFC 8259: no comments, no trailing commas, no
//! byte order mark), and judges it as `serde_json` does: a value read whole ([`parse`]) may nest
//! 127 levels of arrays and objects, and refuses a number too large for a double and a lone
//! surrogate escape in a string; a value only stepped over ([`Reader::skip`]) is checked for its
//! syntax alone, at any depth. The generated JavaScript's reader (`glue/json.js`) follows the
//! same rules, so that a token is judged alike in Rust, in wasm and in JavaScript.
//!
//! What it gives back keeps what a token's checks need and nothing more: a number as the text it
//! was written as, an object's members in their order with repeated names kept, and a string
//! borrowed from the text unless it has escapes. It needs no float formatting and none of
//! serde's machinery, which keeps the page's wasm module small.
//!
//! [`JsonContext`]: crate::context::JsonContext

use crate::prelude::*;
use alloc::borrow::Cow;

use crate::encoding::number::parse_f64;

/// The most arrays and objects one value read whole may nest, as in `serde_json`.
const MAX_DEPTH: usize = 127;

/// Why a text is not JSON: what was found, and where reading stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    /// The byte offset in the text.
    pub(crate) at: usize,
    /// What is wrong there, in `serde_json`'s words where it has them.
    pub(crate) what: &'static str,
}

impl SyntaxError {
    /// The 1-based line and column (in bytes, as `serde_json` counts them) of the error in
    /// `text`, the text it was read from.
    pub(crate) fn line_column(self, text: &str) -> (usize, usize) {
        let before = text.as_bytes().get(..self.at).unwrap_or(text.as_bytes());
        let line = before.split(|&b| b == b'\n').count();
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |newline| newline + 1);
        (line, self.at - line_start + 1)
    }
}

/// What reading gives: the value, or where and why the text is not JSON.
pub(crate) type Read<T> = Result<T, SyntaxError>;

/// A JSON value, borrowing from the text it was read from.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Json<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as it was written: `1.10` stays `1.10`, and an integer keeps all its digits.
    Number(&'a str),
    /// A string's text, its escapes undone.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Json<'a>>),
    /// An object.
    Object(Object<'a>),
}

impl Json<'_> {
    /// The text of a string.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Self::String(text) => Some(text),
            _ => None,
        }
    }
}

/// A JSON object's members, in their order, a repeated name kept as often as it is given.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Object<'a> {
    members: Vec<(Cow<'a, str>, Json<'a>)>,
}

impl<'a> Object<'a> {
    /// The value of `name`: where the name is repeated, the last one, which is the one
    /// `JSON.parse` and `serde_json` keep.
    pub(crate) fn get(&self, name: &str) -> Option<&Json<'a>> {
        self.members
            .iter()
            .rev()
            .find(|(member, _)| member == name)
            .map(|(_, value)| value)
    }

    /// Whether the object has a member `name`.
    pub(crate) fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The members, in their order, repeated names included.
    pub(crate) fn members(&self) -> impl Iterator<Item = (&str, &Json<'a>)> {
        self.members
            .iter()
            .map(|(name, value)| (name.as_ref(), value))
    }
}

/// `text` as one JSON value and nothing after it, read whole: what `serde_json` reads into a
/// `Value`.
pub(crate) fn parse(text: &str) -> Read<Json<'_>> {
    let mut reader = Reader::new(text);
    let value = reader.value()?;
    reader.end()?;
    Ok(value)
}

/// Whether `text` is one JSON number and nothing else, by the reader's own grammar: what a
/// number given as text (`Value::Decimal`) must be.
pub(crate) fn is_number(text: &str) -> bool {
    let mut reader = Reader::new(text);
    reader.number(false).is_ok() && reader.at == text.len()
}

/// The text of `json`, one JSON string read whole; `None` when it is another value, or not
/// Unicode text (a lone surrogate escape).
pub(crate) fn string(json: &str) -> Option<String> {
    match parse(json).ok()? {
        Json::String(text) => Some(text.into_owned()),
        _ => None,
    }
}

/// A cursor over JSON text.
pub(crate) struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `text`.
    pub(crate) fn new(text: &'a str) -> Self {
        Self { text, at: 0 }
    }

    /// The byte offset reached.
    pub(crate) fn position(&self) -> usize {
        self.at
    }

    /// The text from `start` to the offset reached.
    pub(crate) fn since(&self, start: usize) -> &'a str {
        self.slice(start, self.at)
    }

    /// Only ever called at offsets the reader stopped at, after an ASCII byte or at the ends:
    /// character boundaries. `get` keeps a mistake from panicking.
    fn slice(&self, from: usize, to: usize) -> &'a str {
        self.text.get(from..to).unwrap_or_default()
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn fail<T>(&self, what: &'static str) -> Read<T> {
        Err(SyntaxError { at: self.at, what })
    }

    /// Steps over white space, as JSON has it: space, tab, line feed, carriage return.
    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Reads `byte` after any white space.
    fn expect(&mut self, byte: u8, what: &'static str) -> Read<()> {
        self.space();
        if self.peek() != Some(byte) {
            return self.fail(what);
        }
        self.at += 1;
        Ok(())
    }

    /// Nothing but white space is left.
    pub(crate) fn end(&mut self) -> Read<()> {
        self.space();
        if self.at == self.text.len() {
            Ok(())
        } else {
            self.fail("trailing characters")
        }
    }

    /// One value, read whole.
    pub(crate) fn value(&mut self) -> Read<Json<'a>> {
        self.nested(0)
    }

    /// One value inside `depth` arrays and objects.
    fn nested(&mut self, depth: usize) -> Read<Json<'a>> {
        self.space();
        match self.peek() {
            Some(open @ (b'[' | b'{')) => {
                if depth >= MAX_DEPTH {
                    return self.fail("recursion limit exceeded");
                }
                if open == b'[' {
                    let mut items = Vec::new();
                    self.array(|reader| {
                        items.push(reader.nested(depth + 1)?);
                        Ok(())
                    })?;
                    Ok(Json::Array(items))
                } else {
                    let mut members = Vec::new();
                    self.object(true, |reader, name| {
                        members.push((name, reader.nested(depth + 1)?));
                        Ok(())
                    })?;
                    Ok(Json::Object(Object { members }))
                }
            }
            _ => self.scalar(true),
        }
    }

    /// A string, number, boolean or `null`; `strict` as for [`Self::string`] and
    /// [`Self::number`].
    fn scalar(&mut self, strict: bool) -> Read<Json<'a>> {
        match self.peek() {
            Some(b'"') => self.string(strict).map(Json::String),
            Some(b'-' | b'0'..=b'9') => self.number(strict).map(Json::Number),
            Some(b't') => self.word("true").map(|()| Json::Bool(true)),
            Some(b'f') => self.word("false").map(|()| Json::Bool(false)),
            Some(b'n') => self.word("null").map(|()| Json::Null),
            Some(_) => self.fail("expected value"),
            None => self.fail("EOF while parsing a value"),
        }
    }

    fn word(&mut self, word: &'static str) -> Read<()> {
        let rest = self.text.as_bytes().get(self.at..).unwrap_or_default();
        if rest.starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(())
        } else {
            self.fail("expected ident")
        }
    }

    /// The items of an array at its `[`, up to and with its `]`, each read by `item`.
    fn array(&mut self, item: impl FnMut(&mut Self) -> Read<()>) -> Read<()> {
        self.items(b']', "expected `,` or `]`", item)
    }

    /// The members of an object at its `{`, up to and with its `}`: each name is read (`strict`
    /// as for [`Self::string`]), then `member(reader, name)` reads the value.
    pub(crate) fn object(
        &mut self,
        strict: bool,
        mut member: impl FnMut(&mut Self, Cow<'a, str>) -> Read<()>,
    ) -> Read<()> {
        self.items(b'}', "expected `,` or `}`", |reader| {
            let name = reader.name(strict)?;
            reader.space();
            member(reader, name)
        })
    }

    /// What an array and an object share: items after the opening bracket, separated by commas,
    /// up to and with `close`; `what` when something else follows an item.
    fn items(
        &mut self,
        close: u8,
        what: &'static str,
        mut item: impl FnMut(&mut Self) -> Read<()>,
    ) -> Read<()> {
        self.at += 1;
        self.space();
        if self.peek() == Some(close) {
            self.at += 1;
            return Ok(());
        }
        loop {
            item(self)?;
            self.space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(byte) if byte == close => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return self.fail(what),
            }
        }
    }

    /// A member's name and the `:` after it.
    fn name(&mut self, strict: bool) -> Read<Cow<'a, str>> {
        self.space();
        if self.peek() != Some(b'"') {
            return self.fail("key must be a string");
        }
        let name = self.string(strict)?;
        self.expect(b':', "expected `:`")?;
        Ok(name)
    }

    /// Reads an object at its `{` after any white space; an error when the value there is not
    /// an object.
    pub(crate) fn open_object(
        &mut self,
        member: impl FnMut(&mut Self, Cow<'a, str>) -> Read<()>,
    ) -> Read<()> {
        self.space();
        if self.peek() != Some(b'{') {
            return self.fail("expected an object");
        }
        self.object(true, member)
    }

    /// A string at its opening quote. `strict`: its text, a lone surrogate escape refused, as
    /// `serde_json` reads a string it keeps; otherwise only its syntax is checked, as
    /// `serde_json` steps over a value it does not keep, and the text is the raw one.
    fn string(&mut self, strict: bool) -> Read<Cow<'a, str>> {
        self.at += 1;
        let start = self.at;
        // The text so far, once there is an escape to undo; `run`: where the unescaped text
        // after the last escape starts.
        let mut decoded: Option<String> = None;
        let mut run = start;
        loop {
            match self.peek() {
                None => return self.fail("EOF while parsing a string"),
                Some(b'"') => {
                    let text = match decoded {
                        None => Cow::Borrowed(self.slice(start, self.at)),
                        Some(mut text) => {
                            text.push_str(self.slice(run, self.at));
                            Cow::Owned(text)
                        }
                    };
                    self.at += 1;
                    return Ok(text);
                }
                Some(b'\\') => {
                    let before = self.slice(run, self.at);
                    self.at += 1;
                    let unescaped = self.escape(strict)?;
                    if let Some(c) = unescaped {
                        let text = decoded.get_or_insert_with(String::new);
                        text.push_str(before);
                        text.push(c);
                    }
                    run = self.at;
                }
                Some(0..0x20) => {
                    return self
                        .fail("control character (\\u0000-\\u001F) found while parsing a string");
                }
                // Plain text up to the next quote, backslash or control character, at once.
                Some(_) => {
                    let rest = self.text.as_bytes().get(self.at..).unwrap_or_default();
                    self.at += rest
                        .iter()
                        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                        .unwrap_or(rest.len());
                }
            }
        }
    }

    /// The escape after a backslash: the character it stands for when `strict`.
    fn escape(&mut self, strict: bool) -> Read<Option<char>> {
        let Some(letter) = self.peek() else {
            return self.fail("EOF while parsing a string");
        };
        self.at += 1;
        let c = match letter {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = self.hex()?;
                if !strict {
                    return Ok(None);
                }
                return self.code_point(unit).map(Some);
            }
            _ => {
                self.at -= 1;
                return self.fail("invalid escape");
            }
        };
        Ok(Some(c))
    }

    /// The character of a `\u` escape whose four digits were `unit`: a surrogate pair takes the
    /// next escape too.
    fn code_point(&mut self, unit: u16) -> Read<char> {
        let high = match unit {
            0xd800..=0xdbff => u32::from(unit),
            0xdc00..=0xdfff => return self.fail("lone leading surrogate in hex escape"),
            _ => {
                return char::from_u32(u32::from(unit))
                    .map_or_else(|| self.fail("invalid escape"), Ok);
            }
        };
        if self.peek() != Some(b'\\') || self.text.as_bytes().get(self.at + 1) != Some(&b'u') {
            return self.fail("lone leading surrogate in hex escape");
        }
        self.at += 2;
        let low = u32::from(self.hex()?);
        if !(0xdc00..=0xdfff).contains(&low) {
            return self.fail("lone leading surrogate in hex escape");
        }
        let c = 0x1_0000 + ((high - 0xd800) << 10) + (low - 0xdc00);
        char::from_u32(c).map_or_else(|| self.fail("invalid escape"), Ok)
    }

    /// The four hex digits of a `\u` escape.
    fn hex(&mut self) -> Read<u16> {
        let mut unit = 0u16;
        for _ in 0..4 {
            let digit = match self.peek() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                None => return self.fail("EOF while parsing a string"),
                Some(_) => return self.fail("invalid escape"),
            };
            unit = unit << 4 | u16::from(digit);
            self.at += 1;
        }
        Ok(unit)
    }

    /// A number, as written. `strict`: one too large for a double is refused, as `serde_json`
    /// refuses it in a value it keeps.
    fn number(&mut self, strict: bool) -> Read<&'a str> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let integer_digits = match self.peek() {
            Some(b'0') => {
                self.at += 1;
                1
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return self.fail("invalid number"),
        };
        let mut plain_integer = true;
        if self.peek() == Some(b'.') {
            self.at += 1;
            plain_integer = false;
            if self.digits() == 0 {
                return self.fail("invalid number");
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            plain_integer = false;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return self.fail("invalid number");
            }
        }
        let text = self.slice(start, self.at);
        // An integer of up to 308 digits is below f64::MAX: only longer ones, fractions and
        // exponents need a look at their value.
        let may_overflow = !plain_integer || integer_digits > 308;
        if strict && may_overflow && !parse_f64(text).is_some_and(f64::is_finite) {
            self.at = start;
            return self.fail("number out of range");
        }
        Ok(text)
    }

    /// Steps over decimal digits; how many there were.
    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    /// Steps over one value, checking only its syntax, at any depth: as `serde_json` steps over
    /// a value it keeps as text. Its own stack, not recursion, so that no depth of nesting
    /// overflows the call stack.
    pub(crate) fn skip(&mut self) -> Read<()> {
        // The `]` or `}` of each array and object open around the reader.
        let mut open: Vec<u8> = Vec::new();
        loop {
            self.space();
            if let Some(opening @ (b'[' | b'{')) = self.peek() {
                let close = if opening == b'[' { b']' } else { b'}' };
                self.at += 1;
                self.space();
                if self.peek() == Some(close) {
                    self.at += 1;
                } else {
                    open.push(close);
                    if close == b'}' {
                        self.name(false)?;
                    }
                    continue;
                }
            } else {
                self.scalar(false)?;
            }
            // A value ended: close what it ended, or go on to the next item or member.
            loop {
                let Some(&close) = open.last() else {
                    return Ok(());
                };
                self.space();
                match self.peek() {
                    Some(b',') => {
                        self.at += 1;
                        if close == b'}' {
                            self.name(false)?;
                        }
                        break;
                    }
                    Some(byte) if byte == close => {
                        self.at += 1;
                        open.pop();
                    }
                    _ if close == b'}' => return self.fail("expected `,` or `}`"),
                    _ => return self.fail("expected `,` or `]`"),
                }
            }
        }
    }
}

/// `serde_json`'s reading of a value: for a `Diagnosis`, whose header and claims are
/// `serde_json` maps. Numbers become what `serde_json` makes of them: an integer a `u64` or
/// `i64` when it fits one (`-0` a float, as there), any other number the nearest double.
pub(crate) fn to_serde(value: &Json<'_>) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(text) => number_to_serde(text),
        Json::String(text) => Value::String(text.clone().into_owned()),
        Json::Array(items) => Value::Array(items.iter().map(to_serde).collect()),
        Json::Object(object) => Value::Object(object_to_serde(object)),
    }
}

/// An object as a `serde_json` map: a repeated name keeps its last value.
pub(crate) fn object_to_serde(object: &Object<'_>) -> serde_json::Map<String, serde_json::Value> {
    object
        .members()
        .map(|(name, value)| (name.to_owned(), to_serde(value)))
        .collect()
}

fn number_to_serde(text: &str) -> serde_json::Value {
    let integer = !text.contains(['.', 'e', 'E']);
    let number = if integer && text != "-0" {
        text.parse::<u64>()
            .map(serde_json::Number::from)
            .or_else(|_| text.parse::<i64>().map(serde_json::Number::from))
            .ok()
    } else {
        None
    };
    // Read whole, every number is finite: `from_f64` refuses only NaN and the infinities.
    number
        .or_else(|| parse_f64(text).and_then(serde_json::Number::from_f64))
        .map_or(serde_json::Value::Null, serde_json::Value::Number)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use proptest::prelude::*;

    /// What `serde_json` makes of `text` read whole into a `Value`.
    fn serde_value(text: &str) -> Option<serde_json::Value> {
        serde_json::from_str(text).ok()
    }

    /// Whether `serde_json` takes `text` as one object whose values it steps over, as
    /// `JsonContext` once read it.
    fn serde_skims(text: &str) -> bool {
        // serde's map reading takes a repeated name, as JsonContext's did.
        serde_json::from_str::<HashMap<String, Box<serde_json::value::RawValue>>>(text).is_ok()
    }

    fn skims(text: &str) -> bool {
        let mut reader = Reader::new(text);
        reader
            .open_object(|reader, _| reader.skip())
            .and_then(|()| reader.end())
            .is_ok()
    }

    fn agrees(text: &str) {
        let ours = parse(text).ok().map(|value| to_serde(&value));
        assert_eq!(ours, serde_value(text), "read whole: {text:?}");
        assert_eq!(skims(text), serde_skims(text), "stepped over: {text:?}");
    }

    #[test]
    fn takes_what_serde_json_takes() {
        for text in [
            "null",
            "true",
            "false",
            "0",
            "-0",
            "1",
            "-1",
            "1.5",
            "1e3",
            "1E+3",
            "1e-3",
            "-0.0",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "1e308",
            "1e309",
            "-1e309",
            "0e999999",
            "1.7976931348623157e308",
            "1.7976931348623159e308",
            "\"\"",
            "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"",
            "\"\\u00e9\"",
            "\"\\ud83d\\ude00\"",
            "\"\\ud83d\"",
            "\"\\ude00\"",
            "\"\\ud83dx\"",
            "\"\\ud83d\\u0041\"",
            "\"\\u12\"",
            "\"\\x\"",
            "\"a\nb\"",
            "\"\u{7f}\"",
            "\"é😀\"",
            "[]",
            "[1,2]",
            "[1,]",
            "[,1]",
            "{}",
            "{\"a\":1}",
            "{\"a\":1,}",
            "{a:1}",
            "{\"a\" 1}",
            "{\"a\":1,\"a\":2}",
            " \t\n\r{ \"a\" : [ 1 , { } ] } \r\n",
            "01",
            "-",
            "1.",
            ".5",
            "+1",
            "1e",
            "1e+",
            "--1",
            "nul",
            "truex",
            "[1] [2]",
            "\u{feff}{}",
            "",
            " ",
            "{\"a\":\"\\ud800\"}",
            "{\"a\":1e400}",
            "{\"\\ud800\":1}",
            "[\"\\ud800\"]",
            "{\"a\":[\"\\ud800\"]}",
            "{\"a\":{\"b\":\"\\u0041\"}}",
            "{\"a\":tru}",
            "{\"a\":[1,]}",
        ] {
            agrees(text);
        }
    }

    #[test]
    fn nests_as_deep_as_serde_json() {
        for depth in [126, 127, 128, 129, 1000] {
            let array = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            agrees(&array);
            agrees(&format!("{{\"a\":{array}}}"));
            let objects = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
            agrees(&objects);
        }
        // Stepped over, any depth: no recursion to overflow the stack.
        let deep = format!("{{\"a\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(skims(&deep));
    }

    #[test]
    fn keeps_numbers_as_written_and_members_in_order() {
        let value = parse(r#"{"b": 1.10, "a": 123456789012345678901234, "b": -0}"#).unwrap();
        let Json::Object(object) = value else {
            panic!("an object: {value:?}")
        };
        let members: Vec<_> = object.members().collect();
        assert_eq!(
            members,
            [
                ("b", &Json::Number("1.10")),
                ("a", &Json::Number("123456789012345678901234")),
                ("b", &Json::Number("-0")),
            ]
        );
        assert_eq!(object.get("b"), Some(&Json::Number("-0")));
        assert!(!object.contains("c"));
        assert!(matches!(
            parse(r#""plain""#).unwrap(),
            Json::String(Cow::Borrowed("plain"))
        ));
    }

    #[test]
    fn json_numbers() {
        for good in [
            "0",
            "-0",
            "10",
            "1.10",
            "-2.5e-7",
            "1E+21",
            "123456789012345678901234",
        ] {
            assert!(is_number(good), "{good}");
        }
        for bad in [
            "", "-", "01", "1.", ".5", "1e", "1e+", "+1", "NaN", "1 ", "0x10", "\"1\"",
        ] {
            assert!(!is_number(bad), "{bad}");
        }
    }

    #[test]
    fn names_where_reading_stopped() {
        let text = "{\n  \"a\": 1,\n  \"b\" 2\n}";
        let error = parse(text).unwrap_err();
        assert_eq!(error.what, "expected `:`");
        assert_eq!(error.line_column(text), (3, 7));
        assert_eq!(parse("[1] x").unwrap_err().what, "trailing characters");
        assert_eq!(parse("1e999").unwrap_err().what, "number out of range");
    }

    /// Text that is JSON or nearly: pieces of JSON put together at random, so that both valid
    /// and broken texts of every kind come up.
    fn jsonish() -> impl Strategy<Value = String> {
        let fixed = prop::sample::select(
            &[
                "{", "}", "[", "]", ",", ":", " ", "\"a\"", "\"a\":", "null", "true", "\\", "\"",
            ][..],
        )
        .prop_map(str::to_owned);
        let piece = prop_oneof![
            10 => fixed,
            2 => prop::string::string_regex(r#""([a-z€😀]|\\[nrt"\\/bfu]|\\u[0-9a-fA-F]{4}|\\u[dD][89abAB][0-9a-f]{2}|\\u[dD][c-fC-F][0-9a-f]{2}){0,4}""#).unwrap(),
            2 => prop::string::string_regex(r"-?(0|[1-9][0-9]{0,3})(\.[0-9]{1,3})?([eE][+-]?[0-9]{1,3})?").unwrap(),
            1 => prop::string::string_regex("(?s).").unwrap(),
        ];
        prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
    }

    /// Valid JSON values of any shape, to be sure most random texts are not simply refused.
    fn json_value() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::Bool),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<u64>().prop_map(serde_json::Value::from),
            any::<f64>().prop_map(serde_json::Value::from),
            any::<String>().prop_map(serde_json::Value::String),
        ];
        leaf.prop_recursive(4, 32, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
                prop::collection::vec((any::<String>(), inner), 0..6)
                    .prop_map(|members| serde_json::Value::Object(members.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn agrees_with_serde_json_on_any_text(text in jsonish()) {
            agrees(&text);
        }

        #[test]
        fn reads_what_serde_json_writes(value in json_value()) {
            let text = serde_json::to_string(&value).unwrap();
            prop_assert_eq!(parse(&text).ok().map(|read| to_serde(&read)), Some(value.clone()));
            let pretty = serde_json::to_string_pretty(&value).unwrap();
            prop_assert_eq!(parse(&pretty).ok().map(|read| to_serde(&read)), Some(value));
        }
    }
}
