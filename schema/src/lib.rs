//! Omnichannel's contract, in one place, for [lwicontext](https://docs.rs/lwicontext): the limits
//! on context variables and token times ([`limits`]), each rule with its one name, check and
//! sentence ([`rules`]), the three [`Encoding`]s and their names, variable kinds, the Dataverse
//! export of a work stream's variables, and "did you mean" suggestions.
//!
//! The derive, the runtime (JSON contexts, `diagnose`), the CLI (codegen) and the generated glue
//! all take their rules from here. Small on purpose: it depends only on `serde_json`, so the
//! derive reads work stream exports at compile time without the signing stack. Use it through
//! the `lwicontext` crate.
//!
//! It is `no_std` (with `alloc`), so that a page's wasm module that uses it can do without the
//! standard library.
#![no_std]

extern crate alloc;
#[cfg(test)]
extern crate std;

mod encoding;
mod kind;
pub mod limits;
pub mod rules;
mod suggest;
#[doc(hidden)]
pub mod text;
mod workstream;

pub use encoding::{Encoding, JsonType, UnknownEncoding};
pub use kind::VariableKind;
pub use rules::{PRIMITIVES_ONLY, Rule, Side, Violation};
pub use suggest::closest;
pub use workstream::{DataType, SchemaError, Workstream, WorkstreamVariable};

/// What the standard library's prelude would bring, for a `no_std` crate.
mod prelude {
    pub(crate) use alloc::borrow::ToOwned;
    pub(crate) use alloc::format;
    pub(crate) use alloc::string::String;
    pub(crate) use alloc::vec;
    pub(crate) use alloc::vec::Vec;
}
