//! Runtime of [lwicontext](https://docs.rs/lwicontext): context values and the `lwicontexts`
//! encoding, RS256 tokens and the keys that sign and check them, the widget's error codes, token
//! diagnosis, and Rust code generation from a work stream export.
//!
//! Depend on the `lwicontext` crate, which re-exports all of this together with the derive
//! macros; this crate is what derived code calls.

pub mod codegen;
mod context;
mod diagnose;
mod encoding;
mod error;
mod error_code;
mod keys;
mod named;
pub mod limits {
    //! Omnichannel's limits on context variables.
    //!
    //! The derive enforces the limits on names and on the number of variables at compile time;
    //! the encoder enforces the limit on values at run time. Lengths are counted in UTF-16 code
    //! units, as Dataverse counts characters, which is never fewer than Unicode characters: the
    //! safe side.
    pub use lwicontext_schema::limits::*;
}
mod token;
mod value;

pub use context::{ContextVariable, LwiContext};
pub use diagnose::{DiagnoseOptions, Diagnosis, Finding, Rule, Severity, diagnose, token_tail};
pub use encoding::{ContextEncoder, Encoding, JsonContext};
pub use error::ContextError;
pub use error_code::ErrorCode;
pub use keys::{KeyError, KeySet, KeySetEntry, MIN_RSA_BITS, PublicKey, Signer};
pub use lwicontext_schema::{DataType, SchemaError, VariableKind, Workstream, WorkstreamVariable};
pub use token::{
    Clock, DEFAULT_LIFETIME, FixedClock, RESERVED_CLAIMS, SystemClock, TokenBuilder, TokenError,
};
pub use value::{LwiValue, Value};

#[doc(hidden)]
pub mod __private;
