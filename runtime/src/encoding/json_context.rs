//! A context given as a JSON object rather than a derived struct: what the CLI's `mint` takes,
//! and what a token's `lwicontexts` claim decodes to.

use crate::prelude::*;
use lwicontext_schema::Violation;
use lwicontext_schema::rules::{LONE_SURROGATE, check_count, check_name, first_repeated};

use super::{ContextEncoder, Encoding};
use crate::context::error::ContextError;
use crate::context::value::Value;
use crate::json::read::{self, Reader, SyntaxError};
use crate::{json, named_values};

/// Context variables from a JSON object, in the object's own order, each value kept as the
/// exact JSON text it was written as: `1.10` stays `1.10`, and an integer of any size keeps all
/// its digits.
///
/// ```
/// use lwicontext::context::{Encoding, JsonContext};
///
/// let context = JsonContext::parse(r#"{"msdyn_cartvalue": 10000, "msdyn_isvip": false}"#)?;
/// assert_eq!(
///     context.to_lwicontexts(Encoding::String)?,
///     r#"{"msdyn_cartvalue":"10000","msdyn_isvip":"false"}"#
/// );
/// assert!(JsonContext::parse(r#"{"msdyn_tags": ["a"]}"#)?.to_lwicontexts(Encoding::String).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct JsonContext {
    /// Each name with its value's JSON text.
    entries: Vec<(String, Box<str>)>,
}

impl PartialEq for JsonContext {
    fn eq(&self, other: &Self) -> bool {
        self.entries().eq(other.entries())
    }
}

impl JsonContext {
    /// Reads a JSON object. Repeated names are kept, so that
    /// [`to_lwicontexts`](Self::to_lwicontexts) and `diagnose` can refuse them.
    ///
    /// # Errors
    /// When `text` is not a JSON object: what is wrong, at which line and column.
    pub fn parse(text: &str) -> Result<Self, serde_json::Error> {
        Self::read(text).map_err(|error| syntax_error(text, error))
    }

    /// [`parse`](Self::parse), with the reader's own error: what the signing-free core calls.
    pub(crate) fn read(text: &str) -> Result<Self, SyntaxError> {
        let mut reader = Reader::new(text);
        let mut entries = Vec::new();
        reader.open_object(|reader, name| {
            let start = reader.position();
            reader.skip()?;
            entries.push((name.into_owned(), reader.since(start).into()));
            Ok(())
        })?;
        reader.end()?;
        Ok(Self { entries })
    }

    /// Sets a variable to a JSON value given as text (`10000`, `false`, `"gold"`), replacing
    /// one of the same name.
    ///
    /// # Errors
    /// When `json` is not one JSON value: what is wrong, at which line and column.
    pub fn set_json(
        &mut self,
        name: impl Into<String>,
        json: &str,
    ) -> Result<(), serde_json::Error> {
        let json = json.trim();
        let mut reader = Reader::new(json);
        reader
            .skip()
            .and_then(|()| reader.end())
            .map_err(|error| syntax_error(json, error))?;
        named_values::set(&mut self.entries, name.into(), json.into());
        Ok(())
    }

    /// Sets a variable to a string, replacing one of the same name.
    pub fn set_text(&mut self, name: impl Into<String>, text: &str) {
        let mut quoted = String::with_capacity(text.len() + 2);
        json::push_str(&mut quoted, text);
        named_values::set(&mut self.entries, name.into(), quoted.into());
    }

    /// The variables in order, each with its value's JSON text.
    pub fn entries(&self) -> impl ExactSizeIterator<Item = (&str, &str)> + Clone {
        self.entries
            .iter()
            .map(|(name, json)| (name.as_str(), &**json))
    }

    /// The first name that appears more than once.
    pub fn repeated_name(&self) -> Option<&str> {
        first_repeated(self.entries().map(|(name, _)| name))
    }

    /// The `lwicontexts` claim, after the same checks a derived context gets at compile time.
    /// Numbers keep their digits: the `string` and `nested` encodings send them as written, and
    /// `native` refuses an integer outside ±(2^53 − 1). `null` leaves a variable out, as `None`
    /// does.
    ///
    /// # Errors
    /// A [`ContextError`] naming the variable: an array or object value
    /// ([`ContextError::NotPrimitive`]), a name given twice, an empty or over-long name, more
    /// than [`MAX_VARIABLES`](crate::limits::MAX_VARIABLES) variables, and the run-time errors of
    /// any context.
    pub fn to_lwicontexts(&self, encoding: Encoding) -> Result<String, ContextError> {
        let sent = self.entries().filter(|(_, json)| *json != "null").count();
        check_count(sent).map_err(|violation| ContextError::from_violation("", violation))?;
        if let Some(name) = self.repeated_name() {
            return Err(ContextError::from_violation(
                name,
                Violation::RepeatedVariable,
            ));
        }
        let mut out = String::with_capacity(64 * self.entries.len() + 2);
        let mut encoder = ContextEncoder::new(&mut out, encoding);
        for (name, json) in self.entries() {
            check_name(name).map_err(|violation| ContextError::from_violation(name, violation))?;
            let text;
            let value = match json.as_bytes().first() {
                Some(b'n') => None,
                Some(b't') => Some(Value::Bool(true)),
                Some(b'f') => Some(Value::Bool(false)),
                Some(b'"') => {
                    // A lone surrogate escape (`"\ud800"`) is JSON, but no Unicode text.
                    text = read::string(json).ok_or_else(|| not_primitive(name, LONE_SURROGATE))?;
                    Some(Value::Str(&text))
                }
                Some(b'[') => return Err(not_primitive(name, "an array")),
                Some(b'{') => return Err(not_primitive(name, "an object")),
                _ => Some(Value::Decimal(json)),
            };
            encoder.variable(name, true, value)?;
        }
        encoder.finish();
        Ok(out)
    }
}

fn not_primitive(name: &str, found: &'static str) -> ContextError {
    ContextError::from_violation(name, Violation::NotPrimitive { found })
}

/// The reader's error as `serde_json`'s, which [`JsonContext::parse`] has always returned: its
/// message, at the line and column where reading stopped.
fn syntax_error(text: &str, error: SyntaxError) -> serde_json::Error {
    let (line, column) = error.line_column(text);
    <serde_json::Error as serde::de::Error>::custom(format_args!(
        "{} at line {line} column {column}",
        error.what
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_digits() {
        let context = JsonContext::parse(
            r#"{"big": 123456789012345678901234, "version": 1.10, "small": -3}"#,
        )
        .unwrap();
        assert_eq!(
            context.to_lwicontexts(Encoding::String).unwrap(),
            r#"{"big":"123456789012345678901234","version":"1.10","small":"-3"}"#
        );
        let error = context.to_lwicontexts(Encoding::Native).unwrap_err();
        assert_eq!(
            error,
            ContextError::UnsafeNumber {
                variable: "big".into(),
                value: "123456789012345678901234".into()
            }
        );
        let fits = JsonContext::parse(r#"{"v": 1.10, "n": -9007199254740991}"#).unwrap();
        assert_eq!(
            fits.to_lwicontexts(Encoding::Native).unwrap(),
            r#"{"v":1.10,"n":-9007199254740991}"#
        );
        // More digits than a JavaScript number holds, or longer than a value may be.
        for text in [
            "12345678901234567.0",
            "9007199254740993e0",
            "0.12345678901234567",
        ] {
            let imprecise = JsonContext::parse(&format!(r#"{{"v": {text}}}"#)).unwrap();
            assert!(
                matches!(
                    imprecise.to_lwicontexts(Encoding::Native),
                    Err(ContextError::UnsafeNumber { .. })
                ),
                "{text}"
            );
            assert!(imprecise.to_lwicontexts(Encoding::String).is_ok());
        }
        let long = JsonContext::parse(&format!(r#"{{"v": {}}}"#, "1".repeat(4001))).unwrap();
        assert!(matches!(
            long.to_lwicontexts(Encoding::String),
            Err(ContextError::ValueTooLong { length: 4001, .. })
        ));
        let nulls = (0..100)
            .map(|i| format!(r#""v{i}": 1"#))
            .chain(core::iter::once(r#""gone": null"#.to_owned()))
            .collect::<Vec<_>>()
            .join(",");
        let nulls = JsonContext::parse(&format!("{{{nulls}}}")).unwrap();
        assert!(nulls.to_lwicontexts(Encoding::String).is_ok());
        let infinite = JsonContext::parse(r#"{"v": 1e400}"#).unwrap();
        assert!(matches!(
            infinite.to_lwicontexts(Encoding::Native),
            Err(ContextError::NotFinite { .. })
        ));
    }

    #[test]
    fn text_must_be_unicode() {
        let lone = JsonContext::parse(r#"{"a": "\ud800x"}"#).unwrap();
        assert_eq!(
            lone.to_lwicontexts(Encoding::String)
                .unwrap_err()
                .variable(),
            Some("a")
        );
    }

    #[test]
    fn repeated_names_are_kept_and_refused() {
        let context = JsonContext::parse(r#"{"a": "1", "b": 2, "a": "3"}"#).unwrap();
        assert_eq!(context.entries().len(), 3);
        assert_eq!(context.repeated_name(), Some("a"));
        assert_eq!(
            context.to_lwicontexts(Encoding::String).unwrap_err(),
            ContextError::RepeatedVariable {
                variable: "a".into()
            }
        );
    }

    #[test]
    fn set_replaces_in_place() {
        let mut context = JsonContext::parse(r#"{"a": 1, "b": 2}"#).unwrap();
        context.set_json("a", " 7 ").unwrap();
        context.set_text("c", "say \"hi\"");
        assert!(context.set_json("d", "[1").is_err());
        assert_eq!(
            context.to_lwicontexts(Encoding::String).unwrap(),
            r#"{"a":"7","b":"2","c":"say \"hi\""}"#
        );
    }
}
