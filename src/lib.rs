#![doc = include_str!("docs/lib.md")]
#![doc = include_str!("docs/cli.md")]
// The feature-gated modules' links: the module where it is built, docs.rs where it is not.
#![doc = ""]
#![cfg_attr(feature = "axum", doc = "[`axum`]: crate::axum")]
#![cfg_attr(
    not(feature = "axum"),
    doc = "[`axum`]: https://docs.rs/lwicontext/latest/lwicontext/axum/index.html"
)]
#![cfg_attr(feature = "fetch", doc = "[`doctor`]: crate::doctor")]
#![cfg_attr(
    not(feature = "fetch"),
    doc = "[`doctor`]: https://docs.rs/lwicontext/latest/lwicontext/doctor/index.html"
)]
#![cfg_attr(feature = "wasm", doc = "[`wasm`]: crate::wasm")]
#![cfg_attr(
    not(feature = "wasm"),
    doc = "[`wasm`]: https://docs.rs/lwicontext/latest/lwicontext/wasm/index.html"
)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![no_std]

#[doc = include_str!("docs/derive.md")]
pub use lwicontext_macros::LwiContext;
#[doc = include_str!("docs/value.md")]
pub use lwicontext_macros::LwiValue;
// The root and the modules are the runtime's: see the rule in the crate docs.
pub use lwicontext_runtime::*;

/// What derived code calls. Not public API.
#[doc(hidden)]
pub mod __private {
    pub use lwicontext_runtime::__private::*;
}

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
