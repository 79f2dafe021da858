//! Errors found while encoding a context.

use std::fmt;

use crate::limits::{MAX_NAME_CHARS, MAX_SAFE_INTEGER, MAX_VALUE_CHARS, MAX_VARIABLES};

/// A context value that cannot be sent, naming the variable it belongs to.
///
/// Types are checked at compile time; what is left are values only known at run time.
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
    /// A value longer than the 4000 characters a context variable holds.
    TooLong {
        /// The context variable's name.
        variable: String,
        /// The value's length in UTF-16 code units, as Dataverse counts characters.
        length: usize,
    },
    /// In the `native` encoding, a number JavaScript cannot hold exactly: an integer outside
    /// ±(2^53 − 1), or a number written with more than 15 significant digits; the widget would
    /// silently change it.
    UnsafeInteger {
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
    /// A name that is empty or over 100 characters (from a JSON context).
    InvalidName {
        /// The context variable's name.
        variable: String,
        /// Its length in UTF-16 code units.
        length: usize,
    },
    /// A name given twice (from a JSON context).
    Repeated {
        /// The context variable's name.
        variable: String,
    },
    /// A [`Value::Decimal`](crate::Value::Decimal) that is not a JSON number.
    NotANumber {
        /// The context variable's name.
        variable: String,
        /// The text given as a number.
        value: String,
    },
    /// More than 100 variables (from a JSON context).
    TooManyVariables {
        /// How many there are.
        count: usize,
    },
}

impl ContextError {
    /// The name of the context variable whose value was refused.
    pub fn variable(&self) -> Option<&str> {
        match self {
            Self::NotFinite { variable, .. }
            | Self::TooLong { variable, .. }
            | Self::UnsafeInteger { variable, .. }
            | Self::NotPrimitive { variable, .. }
            | Self::InvalidName { variable, .. }
            | Self::Repeated { variable }
            | Self::NotANumber { variable, .. } => Some(variable),
            Self::TooManyVariables { .. } => None,
        }
    }
}

impl fmt::Display for ContextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotFinite { variable, value } => write!(
                f,
                "context variable `{variable}`: {value} is not a finite number, and lwicontexts can carry only finite numbers"
            ),
            Self::TooLong { variable, length } => write!(
                f,
                "context variable `{variable}`: the value has {length} characters, over the {MAX_VALUE_CHARS} a context variable holds"
            ),
            Self::UnsafeInteger { variable, value } => write!(
                f,
                "context variable `{variable}`: JavaScript would change {value} as a JSON number (it holds integers within ±{MAX_SAFE_INTEGER} and about 15 significant digits); use the `string` encoding or a narrower value"
            ),
            Self::NotPrimitive { variable, found } => write!(
                f,
                "context variable `{variable}`: the value is {found}, and lwicontexts allows only primitive values: string, number, boolean"
            ),
            Self::InvalidName { variable, length } => write!(
                f,
                "context variable `{variable}`: a name needs 1 to {MAX_NAME_CHARS} characters, this one has {length}"
            ),
            Self::Repeated { variable } => write!(
                f,
                "context variable `{variable}` is given twice; each variable is sent once"
            ),
            Self::NotANumber { variable, value } => {
                write!(
                    f,
                    "context variable `{variable}`: {value:?} is not a JSON number"
                )
            }
            Self::TooManyVariables { count } => write!(
                f,
                "{count} context variables; Omnichannel takes at most {MAX_VARIABLES} in one chat session"
            ),
        }
    }
}

impl std::error::Error for ContextError {}
