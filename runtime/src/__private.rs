//! What derived code calls. Not public API: reach it through `lwicontext::__private`.

pub use crate::value::{ContextField, NewtypeInner, Value, VariableKind};
pub use lwicontext_schema::JsonType;

pub use crate::context::{ContextVariable, LwiContext};
pub use crate::context_error::ContextError;
pub use crate::decode::{
    ContextReader, FieldFromLwi, FromLwiContexts, FromLwiValue, Mismatch, Received,
};
pub use crate::encoding::{ContextEncoder, Encoding, Key};
pub use crate::value::LwiValue as Primitive;
pub use std::option::Option;
pub use std::result::Result;
