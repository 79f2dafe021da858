//! Primitive values: the only values `lwicontexts` may carry.

use std::borrow::Cow;
use std::num::NonZero;
use std::rc::Rc;
use std::sync::Arc;

pub use lwicontext_schema::VariableKind;

/// One primitive value, borrowed from the context struct that holds it.
///
/// This is what an [`LwiValue`] hands to the encoder. Integers keep their full width so that the
/// `native` encoding can refuse the ones JavaScript would silently round.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum Value<'a> {
    /// A string.
    Str(&'a str),
    /// A single character, sent as a one-character string.
    Char(char),
    /// A boolean: `"true"` / `"false"` in the `string` encoding.
    Bool(bool),
    /// A signed integer of at most 64 bits.
    I64(i64),
    /// An unsigned integer of at most 64 bits.
    U64(u64),
    /// A 128-bit signed integer.
    I128(i128),
    /// A 128-bit unsigned integer.
    U128(u128),
    /// A 32-bit float, written in its own shortest round-trip form (`1.1f32` is `1.1`).
    F32(f32),
    /// A 64-bit float, written in its shortest round-trip form.
    F64(f64),
    /// A number as JSON text (`1.10`, `123456789012345678901234`), sent with its digits as
    /// written; a context read from JSON keeps its numbers so.
    Decimal(&'a str),
}

/// A primitive value that may be sent in `lwicontexts`: a string, a number or a boolean.
///
/// Implemented for `bool`, `char`, `String`, `&str`, `Box<str>`, `Cow<str>`, `Arc<str>`,
/// `Rc<str>`, every integer type, every `NonZero` integer, `f32` and `f64`. Fieldless enums and
/// newtypes over a primitive implement it with `#[derive(LwiValue)]`. A context field may also be
/// an `Option` of any of these; `None` leaves the variable out.
///
/// ```
/// use lwicontext_runtime::{LwiValue, Value, VariableKind};
///
/// assert_eq!(42u8.to_value(), Value::U64(42));
/// assert_eq!(<f64 as LwiValue>::KIND, VariableKind::Number);
/// assert_eq!(<bool as LwiValue>::KIND, VariableKind::Text);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a primitive value: lwicontexts allows only primitive values: string, number, boolean",
    label = "not a string, number or boolean",
    note = "use bool, char, a string type (String, &str, Box<str>, Cow<str>, Arc<str>), an integer or NonZero integer, f32 or f64",
    note = "a fieldless enum or a newtype over a primitive can opt in with `#[derive(LwiValue)]`"
)]
pub trait LwiValue {
    /// The work stream type this value needs: [`VariableKind::Number`] for integers and floats,
    /// [`VariableKind::Text`] for everything else.
    const KIND: VariableKind;

    /// The value as the encoder sees it.
    fn to_value(&self) -> Value<'_>;
}

impl LwiValue for bool {
    const KIND: VariableKind = VariableKind::Text;
    #[inline]
    fn to_value(&self) -> Value<'_> {
        Value::Bool(*self)
    }
}

impl LwiValue for char {
    const KIND: VariableKind = VariableKind::Text;
    #[inline]
    fn to_value(&self) -> Value<'_> {
        Value::Char(*self)
    }
}

/// Strings of every ownership: all are Text.
macro_rules! impl_str {
    ($($ty:ty),*) => {$(
        impl LwiValue for $ty {
            const KIND: VariableKind = VariableKind::Text;
            #[inline]
            fn to_value(&self) -> Value<'_> {
                Value::Str(self)
            }
        }
    )*};
}
impl_str!(String, &str, Box<str>, Cow<'_, str>, Arc<str>, Rc<str>);

/// Integers and floats (and their `NonZero` forms): all are Number. Each arm says how the value
/// widens, losslessly, into the [`Value`] variant that holds it.
macro_rules! impl_number {
    ($($ty:ty => |$v:ident| $value:expr),* $(,)?) => {$(
        impl LwiValue for $ty {
            const KIND: VariableKind = VariableKind::Number;
            #[inline]
            // Pointer-sized integers are at most 64 bits on every Rust target: `as` is lossless.
            #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)]
            fn to_value(&self) -> Value<'_> {
                let $v = *self;
                $value
            }
        }
    )*};
}
impl_number!(
    i8 => |v| Value::I64(v.into()), i16 => |v| Value::I64(v.into()),
    i32 => |v| Value::I64(v.into()), i64 => |v| Value::I64(v),
    isize => |v| Value::I64(v as i64), i128 => |v| Value::I128(v),
    u8 => |v| Value::U64(v.into()), u16 => |v| Value::U64(v.into()),
    u32 => |v| Value::U64(v.into()), u64 => |v| Value::U64(v),
    usize => |v| Value::U64(v as u64), u128 => |v| Value::U128(v),
    f32 => |v| Value::F32(v), f64 => |v| Value::F64(v),
    NonZero<i8> => |v| Value::I64(v.get().into()), NonZero<i16> => |v| Value::I64(v.get().into()),
    NonZero<i32> => |v| Value::I64(v.get().into()), NonZero<i64> => |v| Value::I64(v.get()),
    NonZero<isize> => |v| Value::I64(v.get() as i64), NonZero<i128> => |v| Value::I128(v.get()),
    NonZero<u8> => |v| Value::U64(v.get().into()), NonZero<u16> => |v| Value::U64(v.get().into()),
    NonZero<u32> => |v| Value::U64(v.get().into()), NonZero<u64> => |v| Value::U64(v.get()),
    NonZero<usize> => |v| Value::U64(v.get() as u64), NonZero<u128> => |v| Value::U128(v.get()),
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_follow_the_work_stream_types() {
        assert_eq!(<String as LwiValue>::KIND, VariableKind::Text);
        assert_eq!(<char as LwiValue>::KIND, VariableKind::Text);
        assert_eq!(<bool as LwiValue>::KIND, VariableKind::Text);
        assert_eq!(<u128 as LwiValue>::KIND, VariableKind::Number);
        assert_eq!(<NonZero<u16> as LwiValue>::KIND, VariableKind::Number);
        assert_eq!(<f32 as LwiValue>::KIND, VariableKind::Number);
    }

    #[test]
    fn values_keep_their_width() {
        assert_eq!(i64::MIN.to_value(), Value::I64(i64::MIN));
        assert_eq!(u64::MAX.to_value(), Value::U64(u64::MAX));
        assert_eq!(usize::MAX.to_value(), Value::U64(usize::MAX as u64));
        assert_eq!(isize::MIN.to_value(), Value::I64(isize::MIN as i64));
        assert_eq!(u128::MAX.to_value(), Value::U128(u128::MAX));
        assert_eq!(NonZero::new(7u8).unwrap().to_value(), Value::U64(7));
        assert_eq!(Arc::<str>::from("a").to_value(), Value::Str("a"));
        assert_eq!(Cow::Borrowed("b").to_value(), Value::Str("b"));
    }
}
