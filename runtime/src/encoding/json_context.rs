//! A context given as a JSON object rather than a derived struct: what the CLI's `mint` takes,
//! and what a token's `lwicontexts` claim decodes to.

use std::fmt;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::Value as Json;

use super::{ContextEncoder, Encoding};
use crate::error::ContextError;
use crate::limits::{MAX_NAME_CHARS, MAX_VARIABLES, char_count};
use crate::value::Value;

/// Context variables from a JSON object, in the object's own order.
///
/// ```
/// use lwicontext::{Encoding, JsonContext};
///
/// let context = JsonContext::parse(r#"{"msdyn_cartvalue": 10000, "msdyn_isvip": false}"#)?;
/// assert_eq!(
///     context.to_lwicontexts(Encoding::String)?,
///     r#"{"msdyn_cartvalue":"10000","msdyn_isvip":"false"}"#
/// );
/// assert!(JsonContext::parse(r#"{"msdyn_tags": ["a"]}"#)?.to_lwicontexts(Encoding::String).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct JsonContext {
    entries: Vec<(String, Json)>,
}

impl JsonContext {
    /// Reads a JSON object.
    ///
    /// # Errors
    /// The parser's error when `text` is not a JSON object.
    pub fn parse(text: &str) -> Result<Self, serde_json::Error> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let context = deserializer.deserialize_map(ObjectInOrder)?;
        deserializer.end()?;
        Ok(context)
    }

    /// Adds a variable, replacing one of the same name.
    pub fn insert(&mut self, name: impl Into<String>, value: Json) {
        let name = name.into();
        match self
            .entries
            .iter_mut()
            .find(|(existing, _)| *existing == name)
        {
            Some((_, old)) => *old = value,
            None => self.entries.push((name, value)),
        }
    }

    /// The variables, in order.
    pub fn entries(&self) -> &[(String, Json)] {
        &self.entries
    }

    /// The `lwicontexts` claim, after the same checks a derived context gets at compile time.
    ///
    /// `null` leaves a variable out, as `None` does.
    ///
    /// # Errors
    /// A [`ContextError`] naming the variable: an array or object value
    /// ([`ContextError::NotPrimitive`]), an empty or over-long name, more than 100 variables, and
    /// the run-time errors of any context.
    pub fn to_lwicontexts(&self, encoding: Encoding) -> Result<String, ContextError> {
        if self.entries.len() > MAX_VARIABLES {
            return Err(ContextError::TooManyVariables {
                count: self.entries.len(),
            });
        }
        let mut out = String::with_capacity(64 * self.entries.len() + 2);
        let mut encoder = ContextEncoder::new(&mut out, encoding);
        for (name, value) in &self.entries {
            let length = char_count(name);
            if length == 0 || length > MAX_NAME_CHARS {
                return Err(ContextError::InvalidName {
                    variable: name.clone(),
                    length,
                });
            }
            encoder.variable(name, true, primitive(name, value)?)?;
        }
        encoder.finish();
        Ok(out)
    }
}

/// The primitive in a JSON value; `None` for `null`.
fn primitive<'a>(name: &str, value: &'a Json) -> Result<Option<Value<'a>>, ContextError> {
    let not_primitive = |found: &'static str| ContextError::NotPrimitive {
        variable: name.to_owned(),
        found,
    };
    Ok(match value {
        Json::Null => None,
        Json::Bool(b) => Some(Value::Bool(*b)),
        Json::String(s) => Some(Value::Str(s)),
        Json::Number(n) => Some(match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => Value::I64(i),
            (None, Some(u), _) => Value::U64(u),
            (None, None, Some(f)) => Value::F64(f),
            (None, None, None) => return Err(not_primitive("a number out of range")),
        }),
        Json::Array(_) => return Err(not_primitive("an array")),
        Json::Object(_) => return Err(not_primitive("an object")),
    })
}

/// Reads a JSON object into [`JsonContext`] keeping its order (`serde_json`'s own map sorts it).
struct ObjectInOrder;

impl<'de> Visitor<'de> for ObjectInOrder {
    type Value = JsonContext;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object of context variables")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<JsonContext, A::Error> {
        let mut context = JsonContext::default();
        while let Some((name, value)) = map.next_entry::<String, Json>()? {
            context.insert(name, value);
        }
        Ok(context)
    }
}
