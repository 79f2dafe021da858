//! Primitive values: the only values `lwicontexts` may carry.

use crate::prelude::*;
use alloc::borrow::Cow;
use alloc::rc::Rc;
use alloc::sync::Arc;
use core::num::NonZero;

pub use lwicontext_schema::VariableKind;
use lwicontext_schema::{JsonType, PRIMITIVES_ONLY};

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

/// The compiler's messages for a type that is not a primitive value, written once for the three
/// traits that refuse one: the same message, the same list of accepted types, and a label and a
/// note of each trait's own. The message ends with Omnichannel's sentence, which a const
/// assertion holds equal to [`PRIMITIVES_ONLY`].
macro_rules! refuse_non_primitives {
    (
        message = $message:tt,
        accepted = $accepted:tt;
        $($(#[$meta:meta])* label = $label:tt, note = $note:tt, $item:item)*
    ) => {
        const _: () = assert!(ends_with($message.as_bytes(), PRIMITIVES_ONLY.as_bytes()));

        /// The types a primitive value can have, as the compiler's notes name them.
        #[cfg(test)]
        const ACCEPTED: &str = $accepted;

        $(
            $(#[$meta])*
            #[diagnostic::on_unimplemented(
                message = $message,
                label = $label,
                note = $accepted,
                note = $note
            )]
            $item
        )*
    };
}

/// Whether `text` ends with `end`, at compile time.
const fn ends_with(text: &[u8], end: &[u8]) -> bool {
    if end.len() > text.len() {
        return false;
    }
    let offset = text.len() - end.len();
    let mut i = 0;
    while i < end.len() {
        if text[offset + i] != end[i] {
            return false;
        }
        i += 1;
    }
    true
}

refuse_non_primitives! {
    message = "`{Self}` is not a primitive value: lwicontexts allows only primitive values: string, number, boolean",
    accepted = "a primitive value is a bool, a char, a string (String, &str, Box<str>, Cow<str>, Arc<str>, Rc<str>), an integer or NonZero integer, an f32 or an f64";

    /// A primitive value that may be sent in `lwicontexts`: a string, a number or a boolean.
    ///
    /// Implemented for `bool`, `char`, `String`, `&str`, `Box<str>`, `Cow<str>`, `Arc<str>`,
    /// `Rc<str>`, every integer type, every `NonZero` integer, `f32` and `f64`. Fieldless enums
    /// and newtypes over a primitive implement it with `#[derive(LwiValue)]`. A context field may
    /// also be an `Option` of any of these; `None` leaves the variable out.
    ///
    /// ```
    /// use lwicontext::context::{Value, VariableKind};
    /// use lwicontext::LwiValue;
    ///
    /// assert_eq!(42u8.to_value(), Value::U64(42));
    /// assert_eq!(<f64 as LwiValue>::KIND, VariableKind::Number);
    /// assert_eq!(<bool as LwiValue>::KIND, VariableKind::Text);
    /// ```
    label = "not a string, number or boolean",
    note = "a fieldless enum or a newtype over a primitive can opt in with `#[derive(LwiValue)]`",
    pub trait LwiValue {
        /// The work stream type this value needs: [`VariableKind::Number`] for integers and
        /// floats, [`VariableKind::Text`] for everything else.
        const KIND: VariableKind;

        /// The JSON type the `native` encoding writes it as: a boolean for `bool`, otherwise
        /// what its kind says.
        const JSON_TYPE: JsonType = JsonType::of_kind(Self::KIND);

        /// The value as the encoder sees it.
        fn to_value(&self) -> Value<'_>;
    }

    /// A type a context field may have: a primitive value, or an `Option` of one.
    ///
    /// The derive asserts it for every field, with the field type's span, so the compiler itself
    /// enforces "primitives only", through type aliases too. `Option<Option<T>>` is not one.
    #[doc(hidden)]
    label = "not a string, number or boolean",
    note = "a field may also be an Option of one; a fieldless enum or a newtype over a primitive can opt in with `#[derive(LwiValue)]`",
    pub trait ContextField {
        /// The work stream type the field needs.
        const KIND: VariableKind;
        /// The JSON type the `native` encoding writes it as.
        const JSON_TYPE: JsonType;
        /// Whether `None` can leave the variable out.
        const OPTIONAL: bool;
        /// The value to send, if any.
        fn field_value(&self) -> Option<Value<'_>>;
    }

    /// The type a `#[derive(LwiValue)]` newtype wraps: a primitive value, not an `Option`.
    ///
    /// A trait of its own, rather than `LwiValue` itself, keeps the compiler's error to the
    /// point: it names the rule instead of listing every primitive type.
    #[doc(hidden)]
    label = "a newtype must wrap a string, number or boolean",
    note = "an optional value is an Option of the newtype in the context struct, not an Option inside it",
    pub trait NewtypeInner {
        /// The work stream type of the wrapped value.
        const KIND: VariableKind;
        /// The JSON type the `native` encoding writes the wrapped value as.
        const JSON_TYPE: JsonType;
        /// The wrapped value.
        fn inner_value(&self) -> Value<'_>;
    }
}

#[diagnostic::do_not_recommend]
impl<T: LwiValue> ContextField for T {
    const KIND: VariableKind = T::KIND;
    const JSON_TYPE: JsonType = T::JSON_TYPE;
    const OPTIONAL: bool = false;
    #[inline]
    fn field_value(&self) -> Option<Value<'_>> {
        Some(self.to_value())
    }
}

#[diagnostic::do_not_recommend]
impl<T: LwiValue> ContextField for Option<T> {
    const KIND: VariableKind = T::KIND;
    const JSON_TYPE: JsonType = T::JSON_TYPE;
    const OPTIONAL: bool = true;
    #[inline]
    fn field_value(&self) -> Option<Value<'_>> {
        self.as_ref().map(LwiValue::to_value)
    }
}

#[diagnostic::do_not_recommend]
impl<T: LwiValue> NewtypeInner for T {
    const KIND: VariableKind = T::KIND;
    const JSON_TYPE: JsonType = T::JSON_TYPE;
    #[inline]
    fn inner_value(&self) -> Value<'_> {
        self.to_value()
    }
}

impl LwiValue for bool {
    const KIND: VariableKind = VariableKind::Text;
    const JSON_TYPE: JsonType = JsonType::Boolean;
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
    ($($ty:ty),*) => {
        $(
            impl LwiValue for $ty {
                const KIND: VariableKind = VariableKind::Text;
                #[inline]
                fn to_value(&self) -> Value<'_> {
                    Value::Str(self)
                }
            }
        )*

        /// The string types, for the test that the compiler's notes name each.
        #[cfg(test)]
        const STRING_TYPES: &[&str] = &[$(stringify!($ty)),*];
    };
}
impl_str!(String, &str, Box<str>, Cow<'_, str>, Arc<str>, Rc<str>);

/// Integers and floats (and their `NonZero` forms): all are Number. Each arm says how the value
/// widens, losslessly, into the [`Value`] variant that holds it.
macro_rules! impl_number {
    ($($ty:ty => |$v:ident| $value:expr),* $(,)?) => {
        $(
            impl LwiValue for $ty {
                const KIND: VariableKind = VariableKind::Number;
                #[inline]
                // Pointer-sized integers are at most 64 bits on every Rust target: `as` is
                // lossless.
                #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)]
                fn to_value(&self) -> Value<'_> {
                    let $v = *self;
                    $value
                }
            }
        )*

        /// The number types, for the test that the compiler's notes name each.
        #[cfg(test)]
        const NUMBER_TYPES: &[&str] = &[$(stringify!($ty)),*];
    };
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
    fn the_compilers_notes_name_every_type_implemented() {
        let named = |what: &str| assert!(ACCEPTED.contains(what), "{what} is not in: {ACCEPTED}");
        for ty in STRING_TYPES {
            named(&ty.replace("'_, ", ""));
        }
        for ty in NUMBER_TYPES {
            match *ty {
                "f32" | "f64" => named(ty),
                nonzero if nonzero.starts_with("NonZero") => named("NonZero integer"),
                _ => named("an integer"),
            }
        }
        assert_eq!(NUMBER_TYPES.len(), 26);
        named("a bool");
        named("a char");
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
