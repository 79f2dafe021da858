//! A context given as a JSON object rather than a derived struct: what the CLI's `mint` takes,
//! and what a token's `lwicontexts` claim decodes to.

use std::fmt;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use lwicontext_schema::Violation;
use lwicontext_schema::rules::{LONE_SURROGATE, check_count, check_name, first_repeated};

use super::{ContextEncoder, Encoding};
use crate::context::error::ContextError;
use crate::context::value::Value;
use crate::named_values;

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
    entries: Vec<(String, Box<RawValue>)>,
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
    /// The parser's error when `text` is not a JSON object.
    pub fn parse(text: &str) -> Result<Self, serde_json::Error> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let context = deserializer.deserialize_map(ObjectInOrder)?;
        deserializer.end()?;
        Ok(context)
    }

    /// Sets a variable to a JSON value given as text (`10000`, `false`, `"gold"`), replacing
    /// one of the same name.
    ///
    /// # Errors
    /// The parser's error when `json` is not one JSON value.
    pub fn set_json(
        &mut self,
        name: impl Into<String>,
        json: &str,
    ) -> Result<(), serde_json::Error> {
        let raw = RawValue::from_string(json.trim().to_owned())?;
        named_values::set(&mut self.entries, name.into(), raw);
        Ok(())
    }

    /// Sets a variable to a string, replacing one of the same name.
    pub fn set_text(&mut self, name: impl Into<String>, text: &str) {
        let quoted = serde_json::to_string(text).unwrap_or_default();
        if let Ok(raw) = RawValue::from_string(quoted) {
            named_values::set(&mut self.entries, name.into(), raw);
        }
    }

    /// The variables in order, each with its value's JSON text.
    pub fn entries(&self) -> impl ExactSizeIterator<Item = (&str, &str)> + Clone {
        self.entries
            .iter()
            .map(|(name, raw)| (name.as_str(), raw.get()))
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
                    text = serde_json::from_str::<String>(json)
                        .map_err(|_| not_primitive(name, LONE_SURROGATE))?;
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

/// Reads a JSON object into [`JsonContext`] keeping its order and each value's text
/// (`serde_json`'s own map sorts names and turns big numbers into floats).
struct ObjectInOrder;

impl<'de> Visitor<'de> for ObjectInOrder {
    type Value = JsonContext;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object of context variables")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<JsonContext, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry::<String, Box<RawValue>>()? {
            entries.push(entry);
        }
        Ok(JsonContext { entries })
    }
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
            .chain(std::iter::once(r#""gone": null"#.to_owned()))
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
