//! What derived code calls. Not public API: reach it through `lwicontext::__private`.

pub use crate::context::value::{ContextField, NewtypeInner, Value, VariableKind};
pub use lwicontext_schema::JsonType;

pub use crate::context::decode::{
    ContextReader, FieldFromLwi, FromLwiContexts, FromLwiValue, Mismatch, Received,
};
pub use crate::context::error::ContextError;
pub use crate::context::value::LwiValue as Primitive;
pub use crate::context::{ContextVariable, LwiContext};
pub use crate::encoding::{ContextEncoder, Encoding, Key};
pub use core::option::Option;
pub use core::result::Result;
