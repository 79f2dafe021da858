//! Runtime of [lwicontext](https://docs.rs/lwicontext): context values, the `lwicontexts`
//! encoding and its errors.
//!
//! Depend on the `lwicontext` crate, which re-exports all of this together with the derive
//! macros; this crate is what derived code calls.

mod context;
mod diagnose;
mod encoding;
mod error;
mod error_code;
mod keys;
pub mod limits;
mod token;
mod value;

pub use context::{ContextVariable, LwiContext};
pub use diagnose::{DiagnoseOptions, Diagnosis, Finding, Rule, Severity, diagnose, token_tail};
pub use encoding::{ContextEncoder, Encoding, JsonContext};
pub use error::ContextError;
pub use error_code::ErrorCode;
pub use keys::{KeyError, KeySet, KeySetEntry, MIN_RSA_BITS, PublicKey, Signer};
pub use token::{
    Clock, DEFAULT_LIFETIME, FixedClock, RESERVED_CLAIMS, SystemClock, TokenBuilder, TokenError,
};
pub use value::{LwiValue, Value, VariableKind};

#[doc(hidden)]
pub mod __private;
