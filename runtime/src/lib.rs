//! Runtime of [lwicontext](https://docs.rs/lwicontext): context values, the `lwicontexts`
//! encoding and its errors.
//!
//! Depend on the `lwicontext` crate, which re-exports all of this together with the derive
//! macros; this crate is what derived code calls.

mod context;
mod encoding;
mod error;
pub mod limits;
mod value;

pub use context::{ContextVariable, LwiContext};
pub use encoding::{ContextEncoder, Encoding};
pub use error::ContextError;
pub use value::{LwiValue, Value, VariableKind};

#[doc(hidden)]
pub mod __private;
