//! The three ways values are written into the `lwicontexts` JSON object, and their names.

use crate::prelude::*;
use core::fmt;

use crate::VariableKind;

/// How values are written into the `lwicontexts` JSON object.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// Every value is a JSON string, as in Microsoft's reference sample:
    /// `{"msdyn_cartvalue":"10000","msdyn_isvip":"false"}`. Omnichannel stores every context
    /// value as a string, so this is the safe default.
    #[default]
    String,
    /// Numbers as JSON numbers and booleans as JSON booleans:
    /// `{"msdyn_cartvalue":10000,"msdyn_isvip":false}`. A number JavaScript would change (an
    /// integer outside ±(2^53 − 1)) is refused, never sent silently wrong.
    Native,
    /// Each value as an object with its string form and whether agents see it, the form
    /// Microsoft's widget tests use:
    /// `{"msdyn_cartvalue":{"value":"10000","isDisplayable":true}}`.
    Nested,
}

impl Encoding {
    /// Every encoding, the default first.
    pub const ALL: [Self; 3] = [Self::String, Self::Native, Self::Nested];

    /// The name used in `#[lwi(encoding = "...")]` and on the command line.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::String => "string",
            Self::Native => "native",
            Self::Nested => "nested",
        }
    }

    /// What the encoding does, in a few words, for help texts and error messages.
    pub const fn summary(self) -> &'static str {
        match self {
            Self::String => {
                "every value a JSON string, as Microsoft's reference sample; the default"
            }
            Self::Native => "numbers and booleans as themselves",
            Self::Nested => "{\"value\": \"...\", \"isDisplayable\": true} per variable",
        }
    }

    /// The encoding with that name, if any: `"string"`, `"native"` or `"nested"`.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|encoding| encoding.as_str() == name)
    }
}

/// The JSON type a value is written as: what JavaScript finds after `JSON.parse`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum JsonType {
    /// A JSON string.
    String,
    /// A JSON number.
    Number,
    /// `true` or `false`.
    Boolean,
}

impl JsonType {
    /// The JSON type the `native` encoding writes for a value of this kind, booleans aside.
    pub const fn of_kind(kind: VariableKind) -> Self {
        match kind {
            VariableKind::Text => Self::String,
            VariableKind::Number => Self::Number,
        }
    }

    /// Its name in TypeScript: `string`, `number` or `boolean`.
    pub const fn typescript(self) -> &'static str {
        match self {
            Self::String => "string",
            Self::Number => "number",
            Self::Boolean => "boolean",
        }
    }
}

impl Encoding {
    /// The JSON type a value arrives as, given the type `native` writes it as: every value is a
    /// string in the `string` encoding, and in the `nested` one (its `value`).
    pub const fn json_type(self, native: JsonType) -> JsonType {
        match self {
            Self::String | Self::Nested => JsonType::String,
            Self::Native => native,
        }
    }
}

/// A name that is not one of the three encodings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownEncoding {
    /// The name given.
    pub name: String,
}

impl fmt::Display for UnknownEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown encoding `{}`; expected ", self.name)?;
        for (i, encoding) in Encoding::ALL.into_iter().enumerate() {
            let separator = match i {
                0 => "",
                _ if i + 1 == Encoding::ALL.len() => " or ",
                _ => ", ",
            };
            write!(f, "{separator}\"{encoding}\" ({})", encoding.summary())?;
        }
        Ok(())
    }
}

impl core::error::Error for UnknownEncoding {}

impl core::str::FromStr for Encoding {
    type Err = UnknownEncoding;

    /// `"string"`, `"native"` or `"nested"`.
    fn from_str(name: &str) -> Result<Self, UnknownEncoding> {
        Self::from_name(name).ok_or_else(|| UnknownEncoding {
            name: name.to_owned(),
        })
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::prelude::rust_2024::*;

    #[test]
    fn names_round_trip() {
        for encoding in Encoding::ALL {
            assert_eq!(encoding.as_str().parse::<Encoding>(), Ok(encoding));
        }
        let error = "xml".parse::<Encoding>().unwrap_err().to_string();
        assert!(
            error.starts_with("unknown encoding `xml`; expected \"string\" (every value")
                && error.contains(", \"native\" (")
                && error.contains(" or \"nested\" ("),
            "{error}"
        );
    }
}
