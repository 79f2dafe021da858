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
//!
//! Without its `std` feature (and so without `sign`), this crate is `no_std` with `alloc`, for a
//! page's wasm module that does without the standard library.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![no_std]

extern crate alloc;

// The system clock is the standard library's, or JavaScript's in a page.
#[cfg(not(any(feature = "std", all(feature = "wasm", target_arch = "wasm32"))))]
compile_error!(
    "lwicontext needs its `std` feature, or its `wasm` feature on wasm32-unknown-unknown (for a page's module without the standard library)"
);
#[cfg(any(feature = "std", test))]
extern crate std;

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

/// What the standard library's prelude would bring, for a `no_std` crate.
mod prelude {
    pub(crate) use alloc::borrow::ToOwned;
    pub(crate) use alloc::boxed::Box;
    pub(crate) use alloc::format;
    pub(crate) use alloc::string::{String, ToString};
    pub(crate) use alloc::vec::Vec;
    pub(crate) use lwicontext_schema::text::Piece;
    pub(crate) use lwicontext_schema::{put, text};
}
