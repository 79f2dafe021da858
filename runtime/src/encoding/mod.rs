//! Writing a context as the `lwicontexts` JSON string.
//!
//! The encoder writes straight into one `String`: no intermediate map, no `serde_json::Value`.
//! Variables come out in field declaration order, as compact JSON without spaces.
//!
//! The per-variable path is `#[inline(always)]`: inlined into a derived `encode_variables`, the
//! match on the value's kind folds away, which `benches/encoding.rs` measures at about half the
//! time of the out-of-line call.
#![allow(clippy::inline_always)]

use crate::prelude::*;
mod json_context;
pub(crate) mod number;

pub use json_context::JsonContext;
pub use lwicontext_schema::Encoding;
pub(crate) use number::js_text as js_number_text;

use lwicontext_schema::Violation;
use lwicontext_schema::limits::{MAX_SAFE_DIGITS, MAX_SAFE_INTEGER};
use lwicontext_schema::rules::check_value;

use crate::context::error::ContextError;
use crate::context::value::Value;
use crate::json;

/// Writes one `lwicontexts` JSON object into a `String`, variable by variable.
///
/// Derived [`LwiContext`](crate::LwiContext) impls drive it; a hand-written impl can too.
///
/// ```
/// use lwicontext::context::{ContextEncoder, Encoding, Value};
///
/// let mut out = String::new();
/// let mut encoder = ContextEncoder::new(&mut out, Encoding::String);
/// encoder.variable("msdyn_cartvalue", true, Some(Value::U64(10000)))?;
/// encoder.variable("msdyn_tier", true, None)?; // left out
/// encoder.variable("msdyn_isvip", true, Some(Value::Bool(false)))?;
/// encoder.finish();
/// assert_eq!(out, r#"{"msdyn_cartvalue":"10000","msdyn_isvip":"false"}"#);
/// # Ok::<(), lwicontext_runtime::ContextError>(())
/// ```
///
/// On an error the encoder stops; what it wrote so far is left in the string, and
/// [`LwiContext::write_lwicontexts`](crate::LwiContext::write_lwicontexts) takes it out again.
#[derive(Debug)]
pub struct ContextEncoder<'a> {
    out: &'a mut String,
    encoding: Encoding,
    empty: bool,
}

impl<'a> ContextEncoder<'a> {
    /// Starts a JSON object at the end of `out`.
    #[inline]
    pub fn new(out: &'a mut String, encoding: Encoding) -> Self {
        out.push('{');
        Self {
            out,
            encoding,
            empty: true,
        }
    }

    /// The encoding this encoder writes.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// Writes one variable; `None` leaves it out. `displayable` is used by the `nested`
    /// encoding only.
    ///
    /// # Errors
    /// A [`ContextError`] naming `name` when the value cannot be sent: a NaN or infinite float,
    /// a value over 4000 characters, or (`native`) an integer JavaScript cannot hold exactly.
    #[inline]
    pub fn variable(
        &mut self,
        name: &str,
        displayable: bool,
        value: Option<Value<'_>>,
    ) -> Result<(), ContextError> {
        self.write(name, displayable, value)
    }

    /// [`variable`](Self::variable) for a name whose escaping was decided at compile time:
    /// what derived code calls.
    #[doc(hidden)]
    #[inline(always)]
    pub fn key_variable(
        &mut self,
        key: Key,
        displayable: bool,
        value: Option<Value<'_>>,
    ) -> Result<(), ContextError> {
        let Some(value) = value else {
            return Ok(());
        };
        // The string encoding quotes every value: `,"name":"` then holds the opening quote too.
        if self.encoding == Encoding::String
            && let Some(opened) = key.opened
        {
            self.out
                .push_str(if self.empty { &opened[1..] } else { opened });
            self.empty = false;
            return write_value(self.out, value, Form::Opened)
                .map_err(|refusal| refusal.for_variable(key.name, value));
        }
        match key.member {
            // `,"name":` written at compile time: one copy.
            Some(member) if self.empty => self.out.push_str(&member[1..]),
            Some(member) => self.out.push_str(member),
            None => self.member(key.name),
        }
        self.empty = false;
        self.write_value(key.name, displayable, value)
    }

    #[inline]
    fn write(
        &mut self,
        name: &str,
        displayable: bool,
        value: Option<Value<'_>>,
    ) -> Result<(), ContextError> {
        let Some(value) = value else {
            return Ok(());
        };
        self.member(name);
        self.empty = false;
        self.write_value(name, displayable, value)
    }

    /// Writes `,"name":`, escaping the name.
    fn member(&mut self, name: &str) {
        if !self.empty {
            self.out.push(',');
        }
        json::push_str(self.out, name);
        self.out.push(':');
    }

    #[inline(always)]
    fn write_value(
        &mut self,
        name: &str,
        displayable: bool,
        value: Value<'_>,
    ) -> Result<(), ContextError> {
        let written = match self.encoding {
            Encoding::String => write_value(self.out, value, Form::Quoted),
            Encoding::Native => write_value(self.out, value, Form::Native),
            Encoding::Nested => {
                self.out.push_str(r#"{"value":"#);
                let written = write_value(self.out, value, Form::Quoted);
                self.out.push_str(if displayable {
                    r#","isDisplayable":true}"#
                } else {
                    r#","isDisplayable":false}"#
                });
                written
            }
        };
        written.map_err(|refusal| refusal.for_variable(name, value))
    }

    /// Closes the JSON object.
    #[inline]
    pub fn finish(self) {
        self.out.push('}');
    }
}

/// A context variable's name as derived code passes it: the name, and `,"name":` and
/// `,"name":"` when the name needs no escaping (decided at compile time).
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct Key {
    name: &'static str,
    member: Option<&'static str>,
    opened: Option<&'static str>,
}

impl Key {
    /// The key for `name`, with `member` = `,"name":` and `opened` = `,"name":"`; meant for
    /// `const` evaluation.
    pub const fn new(name: &'static str, member: &'static str, opened: &'static str) -> Self {
        let plain = json::is_plain(name);
        Self {
            name,
            member: if plain { Some(member) } else { None },
            opened: if plain { Some(opened) } else { None },
        }
    }
}

/// How a value is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    /// Every value a JSON string: `"10000"`, `"false"`.
    Quoted,
    /// As `Quoted`, with the opening quote already written: `10000"`, `false"`.
    Opened,
    /// Numbers and booleans as themselves: `10000`, `false`.
    Native,
}

/// Why a value cannot be sent, before the variable's name is attached.
#[derive(Clone, Copy)]
enum Refusal {
    NotFinite(f64),
    ValueTooLong(usize),
    /// In the `native` form, a number JavaScript would change: an integer beyond ±(2^53 − 1),
    /// or a [`Value::Decimal`] with more significant digits than a JavaScript number holds.
    UnsafeNumber,
    /// A [`Value::Decimal`] that is not a JSON number.
    NotANumber,
}

impl Refusal {
    #[cold]
    fn for_variable(self, name: &str, value: Value<'_>) -> ContextError {
        let variable = name.to_owned();
        match self {
            Self::NotFinite(value) => ContextError::NotFinite { variable, value },
            Self::ValueTooLong(length) => ContextError::ValueTooLong { variable, length },
            Self::UnsafeNumber => ContextError::UnsafeNumber {
                variable,
                value: number_text(value),
            },
            Self::NotANumber => ContextError::NotANumber {
                variable,
                value: number_text(value),
            },
        }
    }
}

/// A number's text, for an error about it.
fn number_text(value: Value<'_>) -> String {
    match value {
        Value::I64(v) => v.to_string(),
        Value::U64(v) => v.to_string(),
        Value::I128(v) => v.to_string(),
        Value::U128(v) => v.to_string(),
        Value::Decimal(text) | Value::Str(text) => text.to_owned(),
        Value::F32(v) => js_number_text(v.into()),
        Value::F64(v) => js_number_text(v),
        Value::Char(c) => c.to_string(),
        Value::Bool(b) => b.to_string(),
    }
}

/// Writes one value in the given form, or says why it cannot be sent.
#[inline(always)]
fn write_value(out: &mut String, value: Value<'_>, form: Form) -> Result<(), Refusal> {
    let mut buffer = itoa::Buffer::new();
    let (digits, magnitude) = match value {
        Value::Str(s) => return write_text(out, s, form),
        Value::Char(c) => return write_text(out, c.encode_utf8(&mut [0; 4]), form),
        Value::Bool(b) => {
            out.push_str(match (form, b) {
                (Form::Quoted, true) => r#""true""#,
                (Form::Quoted, false) => r#""false""#,
                (Form::Opened, true) => r#"true""#,
                (Form::Opened, false) => r#"false""#,
                (Form::Native, true) => "true",
                (Form::Native, false) => "false",
            });
            return Ok(());
        }
        Value::F32(v) => return write_float(out, v, form),
        Value::F64(v) => return write_float(out, v, form),
        Value::Decimal(text) => return write_decimal(out, text, form),
        Value::I64(v) => (buffer.format(v), u128::from(v.unsigned_abs())),
        Value::U64(v) => (buffer.format(v), u128::from(v)),
        Value::I128(v) => (buffer.format(v), v.unsigned_abs()),
        Value::U128(v) => (buffer.format(v), v),
    };
    if form == Form::Native && magnitude > u128::from(MAX_SAFE_INTEGER.unsigned_abs()) {
        return Err(Refusal::UnsafeNumber);
    }
    push_number(out, form, |out| out.push_str(digits));
    Ok(())
}

/// Writes a number given as JSON text: as written, but never one JavaScript would change or
/// cannot hold in the `native` form.
fn write_decimal(out: &mut String, text: &str, form: Form) -> Result<(), Refusal> {
    if !crate::json::read::is_number(text) {
        return Err(Refusal::NotANumber);
    }
    if let Err(Violation::ValueTooLong { length }) = check_value(text) {
        return Err(Refusal::ValueTooLong(length));
    }
    if form == Form::Native {
        let integer = !text.contains(['.', 'e', 'E']);
        let magnitude = text.trim_start_matches('-');
        if integer {
            // More than 16 digits can only be beyond 2^53 − 1, and u64 holds 16 digits.
            let safe = magnitude.len() <= 16
                && magnitude
                    .parse::<u64>()
                    .is_ok_and(|m| m <= MAX_SAFE_INTEGER.unsigned_abs());
            if !safe {
                return Err(Refusal::UnsafeNumber);
            }
        } else if !number::parse_f64(text).is_some_and(f64::is_finite) {
            return Err(Refusal::NotFinite(f64::INFINITY));
        } else if number::significant_digits(text) > MAX_SAFE_DIGITS {
            // Up to 15 significant digits always survive a JavaScript number; more may not.
            return Err(Refusal::UnsafeNumber);
        }
    }
    push_number(out, form, |out| out.push_str(text));
    Ok(())
}

/// Writes a finite float, refusing NaN and infinities.
#[inline(always)]
fn write_float<F: number::Float>(out: &mut String, value: F, form: Form) -> Result<(), Refusal> {
    let wide: f64 = value.into();
    if !wide.is_finite() {
        return Err(Refusal::NotFinite(wide));
    }
    push_number(out, form, |out| number::push_float(out, value));
    Ok(())
}

/// Writes a number's digits, in quotes for the quoted forms.
#[inline(always)]
fn push_number(out: &mut String, form: Form, digits: impl FnOnce(&mut String)) {
    match form {
        Form::Quoted => {
            out.push('"');
            digits(out);
            out.push('"');
        }
        Form::Opened => {
            digits(out);
            out.push('"');
        }
        Form::Native => digits(out),
    }
}

/// Writes a string value, refusing one over the length limit.
#[inline(always)]
fn write_text(out: &mut String, text: &str, form: Form) -> Result<(), Refusal> {
    if let Err(Violation::ValueTooLong { length }) = check_value(text) {
        return Err(Refusal::ValueTooLong(length));
    }
    if form == Form::Opened {
        json::push_str_contents(out, text);
        out.push('"');
    } else {
        json::push_str(out, text);
    }
    Ok(())
}
