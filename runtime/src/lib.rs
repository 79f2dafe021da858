//! Runtime of [lwicontext](https://docs.rs/lwicontext): what derived contexts call (values, the
//! [`LwiContext`] trait, the `lwicontexts` encoder and [`JsonContext`]), the token builder, the
//! widget's error codes and [`diagnose`]; with the `sign` feature (on by default), the RSA keys
//! that sign and check tokens ([`Signer`], [`PublicKey`], [`KeySet`]) and
//! [`TokenBuilder::sign`]. Omnichannel's rules themselves live in `lwicontext-schema`, re-exported
//! here.
//!
//! Depend on the `lwicontext` crate, which re-exports all of this together with the derive
//! macros.

#[cfg(feature = "axum")]
pub mod axum;
mod check_token;
mod clock;
mod context;
mod context_error;
mod decode;
mod diagnose;
mod encoding;
mod error_code;
pub mod glue;
mod json;
#[cfg(feature = "sign")]
mod keys;
mod named_values;
mod token;
mod value;
#[cfg(feature = "wasm")]
pub mod wasm;

/// Omnichannel's limits on context variables and token times.
pub mod limits {
    pub use lwicontext_schema::limits::*;
}

/// Omnichannel's rules, each with one name, one check and one sentence.
pub mod rules {
    pub use lwicontext_schema::rules::*;
}

pub use check_token::{CheckedToken, TokenRefused, check_token};
pub use clock::{Clock, FixedClock, SystemClock};
pub use context::{ContextVariable, LwiContext};
pub use context_error::ContextError;
pub use decode::{FromLwiContexts, FromLwiValue, Mismatch, Received};
pub use diagnose::{
    DiagnoseOptions, Diagnosis, Finding, Rule, Severity, Side, diagnose, token_tail,
};
pub use encoding::{ContextEncoder, Encoding, JsonContext};
pub use error_code::ErrorCode;
#[cfg(feature = "sign")]
pub use keys::{KeyError, KeySet, KeySetEntry, MIN_RSA_BITS, PublicKey, Signer};
pub use lwicontext_schema::{
    DataType, JsonType, PRIMITIVES_ONLY, SchemaError, UnknownEncoding, VariableKind, Violation,
    Workstream, WorkstreamVariable,
};
pub use token::{DEFAULT_LIFETIME, RESERVED_CLAIMS, TokenBuilder, TokenError};
pub use value::{LwiValue, Value};

#[doc(hidden)]
pub mod __private;
