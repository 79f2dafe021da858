//! [`ContextError`]: a context value that cannot be sent, named by its variable.

use crate::prelude::*;
use core::fmt;

use lwicontext_schema::limits::{MAX_SAFE_DIGITS, MAX_SAFE_INTEGER};
use lwicontext_schema::{Rule, Violation};

/// A context value that cannot be sent, naming the variable it belongs to.
///
/// Types are checked at compile time; what is left are values only known at run time. Each
/// variant is named after the [`Rule`] it breaks ([`ContextError::rule`]).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ContextError {
    /// A float that is NaN or infinite: JSON has no such number, and a work stream Number
    /// variable cannot hold one.
    NotFinite {
        /// The context variable's name.
        variable: String,
        /// The offending value.
        value: f64,
    },
    /// A value longer than the [`MAX_VALUE_CHARS`](crate::limits::MAX_VALUE_CHARS) characters a
    /// context variable holds.
    ValueTooLong {
        /// The context variable's name.
        variable: String,
        /// The value's length in UTF-16 code units, as Dataverse counts characters.
        length: usize,
    },
    /// In the `native` encoding, a number JavaScript cannot hold exactly: an integer outside
    /// ±(2^53 − 1), or a number written with more than 15 significant digits; the widget would
    /// silently change it.
    UnsafeNumber {
        /// The context variable's name.
        variable: String,
        /// The offending value, in decimal.
        value: String,
    },
    /// A value that is not a string, number or boolean (from a JSON context; a derived context
    /// is checked at compile time).
    NotPrimitive {
        /// The context variable's name.
        variable: String,
        /// What it is instead: "an array", "an object".
        found: &'static str,
    },
    /// A name that is empty or over [`MAX_NAME_CHARS`](crate::limits::MAX_NAME_CHARS) characters
    /// (from a JSON context).
    InvalidName {
        /// The context variable's name.
        variable: String,
        /// Its length in UTF-16 code units.
        length: usize,
    },
    /// A name given twice (from a JSON context).
    RepeatedVariable {
        /// The context variable's name.
        variable: String,
    },
    /// A [`Value::Decimal`](crate::context::Value::Decimal) that is not a JSON number.
    NotANumber {
        /// The context variable's name.
        variable: String,
        /// The text given as a number.
        value: String,
    },
    /// More than [`MAX_VARIABLES`](crate::limits::MAX_VARIABLES) variables (from a JSON context).
    TooManyVariables {
        /// How many there are.
        count: usize,
    },
    /// Reading back: `lwicontexts` is not a JSON object of variables.
    ContextNotObject,
    /// Reading back: a variable the context does not have.
    UnknownVariable {
        /// The context variable's name.
        variable: String,
    },
    /// Reading back: a variable the context needs (its field is not an `Option`) is not there.
    MissingVariable {
        /// The context variable's name.
        variable: String,
    },
    /// Reading back: a value of another kind than its field's (text where a number is needed).
    WrongKind {
        /// The context variable's name.
        variable: String,
        /// What the field takes: "an integer", "a boolean", ...
        expected: &'static str,
        /// The value as it came, shortened.
        found: String,
    },
    /// Reading back: a value its field's type cannot hold (300 for a `u8`).
    OutOfRange {
        /// The context variable's name.
        variable: String,
        /// The field's type.
        ty: &'static str,
        /// The value as it came, shortened.
        value: String,
    },
}

impl ContextError {
    /// The error for `variable` breaking a limit that [`lwicontext_schema::rules`] checks.
    pub fn from_violation(variable: &str, violation: Violation) -> Self {
        let variable = variable.to_owned();
        match violation {
            Violation::InvalidName { length } => Self::InvalidName { variable, length },
            Violation::ValueTooLong { length } => Self::ValueTooLong { variable, length },
            Violation::TooManyVariables { count } => Self::TooManyVariables { count },
            Violation::NotPrimitive { found } => Self::NotPrimitive { variable, found },
            Violation::RepeatedVariable => Self::RepeatedVariable { variable },
        }
    }

    /// The limit it breaks, when it is one of those [`lwicontext_schema::rules`] checks.
    pub fn violation(&self) -> Option<Violation> {
        match *self {
            Self::InvalidName { length, .. } => Some(Violation::InvalidName { length }),
            Self::ValueTooLong { length, .. } => Some(Violation::ValueTooLong { length }),
            Self::TooManyVariables { count } => Some(Violation::TooManyVariables { count }),
            Self::RepeatedVariable { .. } => Some(Violation::RepeatedVariable),
            Self::NotPrimitive { found, .. } => Some(Violation::NotPrimitive { found }),
            Self::NotFinite { .. }
            | Self::UnsafeNumber { .. }
            | Self::NotANumber { .. }
            | Self::ContextNotObject
            | Self::UnknownVariable { .. }
            | Self::MissingVariable { .. }
            | Self::WrongKind { .. }
            | Self::OutOfRange { .. } => None,
        }
    }

    /// The rule the value breaks.
    pub fn rule(&self) -> Rule {
        match self {
            Self::NotFinite { .. } => Rule::NotFinite,
            Self::UnsafeNumber { .. } => Rule::UnsafeNumber,
            Self::NotANumber { .. } => Rule::NotANumber,
            Self::ContextNotObject => Rule::ContextNotObject,
            Self::UnknownVariable { .. } => Rule::UnknownVariable,
            Self::MissingVariable { .. } => Rule::MissingVariable,
            Self::WrongKind { .. } => Rule::WrongKind,
            Self::OutOfRange { .. } => Rule::OutOfRange,
            other => other
                .violation()
                .map_or(Rule::NotPrimitive, Violation::rule),
        }
    }

    /// The name of the context variable whose value was refused.
    pub fn variable(&self) -> Option<&str> {
        match self {
            Self::NotFinite { variable, .. }
            | Self::ValueTooLong { variable, .. }
            | Self::UnsafeNumber { variable, .. }
            | Self::NotPrimitive { variable, .. }
            | Self::InvalidName { variable, .. }
            | Self::RepeatedVariable { variable }
            | Self::NotANumber { variable, .. }
            | Self::UnknownVariable { variable }
            | Self::MissingVariable { variable }
            | Self::WrongKind { variable, .. }
            | Self::OutOfRange { variable, .. } => Some(variable),
            Self::TooManyVariables { .. } | Self::ContextNotObject => None,
        }
    }
}

/// The sentence users read, written by the pieces the page's wasm module has anyway (see
/// `lwicontext_schema::text`).
impl Piece for ContextError {
    fn put(&self, out: &mut String) {
        match (self.variable(), self.violation()) {
            (Some(variable), Some(violation)) => return violation.at(variable).put(out),
            (None, Some(violation)) => return violation.put(out),
            _ => {}
        }
        match self {
            Self::NotFinite { variable, value } => put![
                out,
                "context variable `",
                variable,
                "`: ",
                float_text(*value),
                " is not a finite number, and lwicontexts can carry only finite numbers"
            ],
            Self::UnsafeNumber { variable, value } => put![
                out,
                "context variable `",
                variable,
                "`: JavaScript would change ",
                value,
                " as a JSON number (it holds integers within ±",
                MAX_SAFE_INTEGER,
                " and ",
                MAX_SAFE_DIGITS,
                " significant digits); use the `string` encoding or a narrower value"
            ],
            Self::NotANumber { variable, value } => put![
                out,
                "context variable `",
                variable,
                "`: ",
                crate::json::quoted_for_people(value),
                " is not a JSON number"
            ],
            Self::ContextNotObject => {
                put![out, "lwicontexts is not a JSON object of context variables"];
            }
            Self::UnknownVariable { variable } => put![
                out,
                "context variable `",
                variable,
                "` is not one of the context's (names are exact and case-sensitive)"
            ],
            Self::MissingVariable { variable } => put![
                out,
                "context variable `",
                variable,
                "` is missing, and its field is not an Option"
            ],
            Self::WrongKind {
                variable,
                expected,
                found,
            } => {
                put![
                    out,
                    "context variable `",
                    variable,
                    "`: ",
                    found,
                    " is not ",
                    expected
                ];
            }
            Self::OutOfRange {
                variable,
                ty,
                value,
            } => {
                put![
                    out,
                    "context variable `",
                    variable,
                    "`: a ",
                    ty,
                    " cannot hold ",
                    value
                ];
            }
            _ => {}
        }
    }
}

impl fmt::Display for ContextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&text![self])
    }
}

impl core::error::Error for ContextError {}

/// `NaN`, `inf` or `-inf`, as Rust writes them; a finite value (which no encoder reports) as
/// JavaScript writes it. Not `f64`'s `Display`, whose machinery would cost the page's wasm
/// module some 20 KB for this one message.
fn float_text(value: f64) -> String {
    if value.is_nan() {
        "NaN".to_owned()
    } else if value.is_infinite() {
        if value > 0.0 { "inf" } else { "-inf" }.to_owned()
    } else {
        crate::encoding::js_number_text(value)
    }
}
