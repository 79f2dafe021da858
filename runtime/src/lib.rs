//! Runtime of [lwicontext](https://docs.rs/lwicontext): the traits derived contexts implement,
//! and the modules of what a user does with a context: encode it and read it back
//! ([`context`]), check it against the work stream ([`workstream`]), mint its token
//! ([`token`]), sign and serve the keys (`keys`, with the `sign` feature), explain why the
//! widget would refuse a token ([`diagnose`]), check the live set-up (`doctor`, with the
//! `fetch` feature), and hand the token to the widget ([`glue`], and
//! `axum` and `wasm` with their features). Omnichannel's rules themselves live in
//! `lwicontext-schema`, re-exported here as [`limits`] and [`rules`].
//!
//! Depend on the `lwicontext` crate, which re-exports all of this together with the derive
//! macros: its root is this crate's root.
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "axum")]
pub mod axum;
pub mod context;
pub mod diagnose;
#[cfg(feature = "fetch")]
pub mod doctor;
mod encoding;
pub mod glue;
mod json;
#[cfg(feature = "sign")]
pub mod keys;
mod named_values;
pub mod token;
#[cfg(feature = "wasm")]
pub mod wasm;

pub use lwicontext_schema::{limits, rules};

pub mod workstream {
    #![doc = include_str!("docs/workstream.md")]
    pub use lwicontext_schema::{DataType, SchemaError, Workstream, WorkstreamVariable};
}

pub use context::LwiContext;
pub use context::decode::{FromLwiContexts, FromLwiValue};
pub use context::error::ContextError;
pub use context::value::LwiValue;

#[doc(hidden)]
pub mod __private;
