//! Reading a context back from `lwicontexts`: [`FromLwiContexts`], which the derive implements,
//! and [`FromLwiValue`], each primitive's side of it.
//!
//! A value is read the same whichever of the three encodings wrote it: a JSON string (every
//! value in `string`; the text of `nested`'s `{"value": ...}`), or, in `native`, a JSON number
//! or boolean.

use crate::prelude::*;
use alloc::borrow::Cow;
use alloc::rc::Rc;
use alloc::sync::Arc;
use core::num::NonZero;

use lwicontext_schema::rules::first_repeated;

use crate::context::error::ContextError;
use crate::context::{ContextVariable, LwiContext};
use crate::encoding::JsonContext;
use crate::encoding::number::ParseDecimal;
use crate::json::{self, read};

/// One value as `lwicontexts` carries it back.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Received<'a> {
    /// A JSON string's text.
    Text(Cow<'a, str>),
    /// A JSON number's text, as written.
    Number(Cow<'a, str>),
    /// A JSON boolean.
    Bool(bool),
}

impl Received<'_> {
    /// The value as it came, shortened for an error.
    fn shown(&self) -> String {
        let text = match self {
            Self::Text(text) => json::quoted_for_people(text),
            Self::Number(text) => text.clone().into_owned(),
            Self::Bool(b) => if *b { "true" } else { "false" }.to_owned(),
        };
        // The first 40 characters, and an ellipsis when there are more.
        match text.char_indices().nth(40) {
            Some((cut, _)) => text![text.get(..cut).unwrap_or_default(), "…"],
            None => text,
        }
    }

    /// The text of a string, or of a number or boolean (as the `string` encoding writes them).
    fn text(&self) -> Cow<'_, str> {
        match self {
            Self::Text(text) | Self::Number(text) => Cow::Borrowed(text),
            Self::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
        }
    }
}

/// Why a value cannot be read into its field's type, before the variable's name is attached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mismatch {
    /// Another kind of value: what the type takes.
    Kind(&'static str),
    /// A value of the right kind the type cannot hold: the type's name.
    Range(&'static str),
}

/// A primitive value that can be read back from `lwicontexts`: implemented for the owned
/// primitives (`&str` borrows, so a field of that type cannot be read back), and by
/// `#[derive(LwiValue)]` for fieldless enums and newtypes.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be read back from lwicontexts",
    label = "not an owned primitive value",
    note = "a context read back owns its values: use String for &str"
)]
pub trait FromLwiValue: Sized {
    /// The value, or why it does not fit.
    ///
    /// # Errors
    /// A [`Mismatch`]: another kind of value, or one out of the type's range.
    fn from_received(value: &Received<'_>) -> Result<Self, Mismatch>;
}

macro_rules! from_text {
    ($($ty:ty => |$text:ident| $make:expr),* $(,)?) => {$(
        impl FromLwiValue for $ty {
            fn from_received(value: &Received<'_>) -> Result<Self, Mismatch> {
                match value {
                    Received::Text($text) => Ok($make),
                    _ => Err(Mismatch::Kind("text")),
                }
            }
        }
    )*};
}
from_text!(
    String => |text| text.clone().into_owned(),
    Box<str> => |text| text.as_ref().into(),
    Arc<str> => |text| text.as_ref().into(),
    Rc<str> => |text| text.as_ref().into(),
    Cow<'_, str> => |text| Cow::Owned(text.clone().into_owned()),
);

impl FromLwiValue for char {
    fn from_received(value: &Received<'_>) -> Result<Self, Mismatch> {
        let Received::Text(text) = value else {
            return Err(Mismatch::Kind("one character"));
        };
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(c),
            _ => Err(Mismatch::Kind("one character")),
        }
    }
}

impl FromLwiValue for bool {
    fn from_received(value: &Received<'_>) -> Result<Self, Mismatch> {
        match value {
            Received::Bool(b) => Ok(*b),
            Received::Text(text) if text == "true" => Ok(true),
            Received::Text(text) if text == "false" => Ok(false),
            _ => Err(Mismatch::Kind("a boolean (true or false)")),
        }
    }
}

/// The digits of an integer, from a JSON number or the text the `string` encoding writes.
fn integer_text<'v>(value: &'v Received<'_>) -> Result<Cow<'v, str>, Mismatch> {
    match value {
        Received::Bool(_) => Err(Mismatch::Kind("an integer")),
        other => {
            let text = other.text();
            let digits = text.strip_prefix('-').unwrap_or(&text);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                Err(Mismatch::Kind("an integer"))
            } else {
                Ok(text)
            }
        }
    }
}

macro_rules! from_integer {
    ($($ty:ty),*) => {$(
        impl FromLwiValue for $ty {
            fn from_received(value: &Received<'_>) -> Result<Self, Mismatch> {
                integer_text(value)?
                    .parse()
                    .map_err(|_| Mismatch::Range(stringify!($ty)))
            }
        }

        impl FromLwiValue for NonZero<$ty> {
            fn from_received(value: &Received<'_>) -> Result<Self, Mismatch> {
                let number = <$ty>::from_received(value)?;
                NonZero::new(number).ok_or(Mismatch::Range(concat!("NonZero<", stringify!($ty), ">")))
            }
        }
    )*};
}
from_integer!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize
);

macro_rules! from_float {
    ($($ty:ty),*) => {$(
        impl FromLwiValue for $ty {
            fn from_received(value: &Received<'_>) -> Result<Self, Mismatch> {
                let text = match value {
                    Received::Bool(_) => return Err(Mismatch::Kind("a number")),
                    other => other.text(),
                };
                // Decimal text only: Rust also reads "inf" and "NaN", which no JSON number is.
                let number = <$ty as ParseDecimal>::parse_decimal(&text)
                    .ok_or(Mismatch::Kind("a number"))?;
                if number.is_finite() {
                    Ok(number)
                } else {
                    Err(Mismatch::Range(stringify!($ty)))
                }
            }
        }
    )*};
}
from_float!(f32, f64);

/// A context field's side of reading back: a value, or an `Option` of one.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be read back from lwicontexts",
    label = "not an owned primitive value",
    note = "a context read back owns its values: use String for &str"
)]
pub trait FieldFromLwi: Sized {
    /// The field from the variable's value, `None` when the variable is not there.
    ///
    /// # Errors
    /// [`ContextError::MissingVariable`], [`ContextError::WrongKind`] or
    /// [`ContextError::OutOfRange`], naming `name`.
    fn from_field(name: &str, value: Option<Received<'_>>) -> Result<Self, ContextError>;
}

fn mismatch(name: &str, value: &Received<'_>, mismatch: Mismatch) -> ContextError {
    let variable = name.to_owned();
    match mismatch {
        Mismatch::Kind(expected) => ContextError::WrongKind {
            variable,
            expected,
            found: value.shown(),
        },
        Mismatch::Range(ty) => ContextError::OutOfRange {
            variable,
            ty,
            value: value.shown(),
        },
    }
}

impl<T: FromLwiValue> FieldFromLwi for T {
    fn from_field(name: &str, value: Option<Received<'_>>) -> Result<Self, ContextError> {
        let value = value.ok_or_else(|| ContextError::MissingVariable {
            variable: name.to_owned(),
        })?;
        T::from_received(&value).map_err(|why| mismatch(name, &value, why))
    }
}

impl<T: FromLwiValue> FieldFromLwi for Option<T> {
    fn from_field(name: &str, value: Option<Received<'_>>) -> Result<Self, ContextError> {
        value
            .map(|value| T::from_received(&value).map_err(|why| mismatch(name, &value, why)))
            .transpose()
    }
}

/// A context that can be read back from `lwicontexts`: `#[derive(LwiContext)]` implements it
/// when every field's type can be ([`FromLwiValue`]; a skipped field takes its `Default`). It
/// gives [`LwiContext::from_lwicontexts`], which needs no import of this trait; name it in a
/// bound, as `T: FromLwiContexts`, to read any such context.
///
/// ```
/// use lwicontext::context::Encoding;
/// use lwicontext::{FromLwiContexts, LwiContext};
///
/// #[derive(LwiContext, Debug, PartialEq)]
/// struct ChatContext {
///     #[lwi(rename = "msdyn_cartvalue")]
///     cart_value: u32,
///     #[lwi(rename = "msdyn_tier")]
///     tier: Option<String>,
/// }
///
/// /// Every encoding of `context` reads back to it.
/// fn round_trips<C: FromLwiContexts + PartialEq>(context: &C) -> Result<bool, lwicontext::ContextError> {
///     for encoding in Encoding::ALL {
///         if C::from_lwicontexts(&context.to_lwicontexts_as(encoding)?)? != *context {
///             return Ok(false);
///         }
///     }
///     Ok(true)
/// }
///
/// assert!(round_trips(&ChatContext { cart_value: 10000, tier: None })?);
/// # Ok::<(), lwicontext::ContextError>(())
/// ```
pub trait FromLwiContexts: LwiContext + Sized {
    /// The context from its variables, read once by [`LwiContext::from_lwicontexts`]. The
    /// derive writes it.
    ///
    /// # Errors
    /// As [`LwiContext::from_lwicontexts`].
    #[doc(hidden)]
    fn from_variables(variables: &ContextReader) -> Result<Self, ContextError>;
}

/// The variables of one `lwicontexts` claim, which derived `from_variables` reads its fields from.
#[doc(hidden)]
#[derive(Debug)]
pub struct ContextReader {
    context: JsonContext,
}

impl ContextReader {
    /// Reads `lwicontexts`, refusing a repeated name and one `variables` lacks.
    ///
    /// # Errors
    /// As [`LwiContext::from_lwicontexts`].
    pub fn new(lwicontexts: &str, variables: &[ContextVariable]) -> Result<Self, ContextError> {
        let context = JsonContext::read(lwicontexts).map_err(|_| ContextError::ContextNotObject)?;
        if let Some(name) = first_repeated(context.entries().map(|(name, _)| name)) {
            return Err(ContextError::RepeatedVariable {
                variable: name.to_owned(),
            });
        }
        if let Some((name, _)) = context
            .entries()
            .find(|(name, _)| !variables.iter().any(|variable| variable.name == *name))
        {
            return Err(ContextError::UnknownVariable {
                variable: name.to_owned(),
            });
        }
        Ok(Self { context })
    }

    /// The variables of a context `diagnose` has read and checked against the struct's names:
    /// no name repeated, none the struct lacks.
    pub(crate) fn checked(context: JsonContext) -> Self {
        Self { context }
    }

    /// The field of the variable `name`.
    ///
    /// # Errors
    /// As [`FieldFromLwi::from_field`], and [`ContextError::NotPrimitive`] for an array or
    /// object.
    pub fn field<T: FieldFromLwi>(&self, name: &str) -> Result<T, ContextError> {
        T::from_field(name, self.value(name)?)
    }

    /// The value of the variable `name`, if it has one. Out of line, so that a struct's fields
    /// share it: inlined, it would be copied into `from_variables` once per field.
    #[inline(never)]
    fn value(&self, name: &str) -> Result<Option<Received<'_>>, ContextError> {
        let json = self
            .context
            .entries()
            .find(|(entry, _)| *entry == name)
            .map(|(_, json)| json);
        received(name, json)
    }
}

/// A variable's JSON text as a value; `None` for none, or `null`.
fn received<'a>(name: &str, json: Option<&'a str>) -> Result<Option<Received<'a>>, ContextError> {
    let Some(json) = json else {
        return Ok(None);
    };
    let not_primitive = |found| ContextError::NotPrimitive {
        variable: name.to_owned(),
        found,
    };
    let value = match json.as_bytes().first() {
        Some(b'n') => return Ok(None),
        Some(b't') => Received::Bool(true),
        Some(b'f') => Received::Bool(false),
        Some(b'"') => {
            Received::Text(Cow::Owned(read::string(json).ok_or_else(|| {
                not_primitive(lwicontext_schema::rules::LONE_SURROGATE)
            })?))
        }
        Some(b'[') => return Err(not_primitive("an array")),
        // The nested encoding: {"value": ..., "isDisplayable": ...}.
        Some(b'{') => {
            let nested = JsonContext::read(json).map_err(|_| not_primitive("an object"))?;
            let inner = nested
                .entries()
                .find(|(key, _)| *key == "value")
                .map(|(_, inner)| inner.to_owned())
                .ok_or_else(|| not_primitive("an object"))?;
            if inner.starts_with(['{', '[']) {
                return Err(not_primitive("an object"));
            }
            return received(name, Some(&inner)).map(|value| value.map(owned));
        }
        _ => Received::Number(Cow::Borrowed(json)),
    };
    Ok(Some(value))
}

/// A value that borrows nothing from a temporary.
fn owned(value: Received<'_>) -> Received<'static> {
    match value {
        Received::Text(text) => Received::Text(Cow::Owned(text.into_owned())),
        Received::Number(text) => Received::Number(Cow::Owned(text.into_owned())),
        Received::Bool(b) => Received::Bool(b),
    }
}
