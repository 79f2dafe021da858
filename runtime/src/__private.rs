//! What derived code calls. Not public API: reach it through `lwicontext::__private`.

use crate::value::LwiValue;
pub use crate::value::{Value, VariableKind};

pub use crate::context::{ContextVariable, LwiContext};
pub use crate::encoding::{ContextEncoder, Encoding, Key};
pub use crate::error::ContextError;
pub use crate::value::LwiValue as Primitive;
pub use std::option::Option;
pub use std::result::Result;

/// A type a context field may have: a primitive value, or an `Option` of one.
///
/// The derive asserts it for every field, with the field type's span, so the compiler itself
/// enforces "primitives only", through type aliases too. `Option<Option<T>>` is not one.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a context variable: lwicontexts allows only primitive values: string, number, boolean",
    label = "not a string, number or boolean",
    note = "use bool, char, a string type (String, &str, Box<str>, Cow<str>, Arc<str>), an integer or NonZero integer, f32 or f64, or an Option of one of these",
    note = "a fieldless enum or a newtype over a primitive can opt in with `#[derive(LwiValue)]`"
)]
pub trait ContextField {
    /// The work stream type the field needs.
    const KIND: VariableKind;
    /// Whether `None` can leave the variable out.
    const OPTIONAL: bool;
    /// The value to send, if any.
    fn field_value(&self) -> Option<Value<'_>>;
}

#[diagnostic::do_not_recommend]
impl<T: LwiValue> ContextField for T {
    const KIND: VariableKind = T::KIND;
    const OPTIONAL: bool = false;
    #[inline]
    fn field_value(&self) -> Option<Value<'_>> {
        Some(self.to_value())
    }
}

#[diagnostic::do_not_recommend]
impl<T: LwiValue> ContextField for Option<T> {
    const KIND: VariableKind = T::KIND;
    const OPTIONAL: bool = true;
    #[inline]
    fn field_value(&self) -> Option<Value<'_>> {
        self.as_ref().map(LwiValue::to_value)
    }
}

/// The type a `#[derive(LwiValue)]` newtype wraps: a primitive value, not an `Option`.
///
/// A trait of its own, rather than `LwiValue` itself, keeps the compiler's error to the point:
/// it names the rule instead of listing every primitive type.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a primitive value: lwicontexts allows only primitive values: string, number, boolean",
    label = "a newtype must wrap a string, number or boolean",
    note = "use bool, char, a string type (String, &str, Box<str>, Cow<str>, Arc<str>), an integer or NonZero integer, f32 or f64",
    note = "an optional value is an Option of the newtype in the context struct, not an Option inside it"
)]
pub trait NewtypeInner {
    /// The work stream type of the wrapped value.
    const KIND: VariableKind;
    /// The wrapped value.
    fn inner_value(&self) -> Value<'_>;
}

#[diagnostic::do_not_recommend]
impl<T: LwiValue> NewtypeInner for T {
    const KIND: VariableKind = T::KIND;
    #[inline]
    fn inner_value(&self) -> Value<'_> {
        self.to_value()
    }
}
