//! # lwicontext
//!
//! One Rust struct mirrors the context variables of a Dynamics 365 Omnichannel work stream, and
//! the compiler refuses anything Omnichannel would not accept. `#[derive(LwiContext)]` turns it
//! into the `lwicontexts` claim of an authenticated chat token.
//!
//! ```
//! use lwicontext::LwiContext;
//!
//! #[derive(LwiContext)]
//! struct ChatContext {
//!     /// Cart value in cents.
//!     #[lwi(rename = "msdyn_cartvalue")]
//!     cart_value: u32,
//!     #[lwi(rename = "msdyn_isvip")]
//!     is_vip: bool,
//!     #[lwi(rename = "msdyn_tier")]
//!     tier: Option<String>, // None: the key is left out
//! }
//!
//! let ctx = ChatContext { cart_value: 10000, is_vip: false, tier: None };
//! let json: String = ctx.to_lwicontexts()?;
//! assert_eq!(json, r#"{"msdyn_cartvalue":"10000","msdyn_isvip":"false"}"#);
//! # Ok::<(), lwicontext::ContextError>(())
//! ```
//!
//! ## The derive
//!
//! Container attributes, `#[lwi(...)]` on the struct:
//! - `rename_all = "..."`: serde's case names (`"camelCase"`, `"SCREAMING_SNAKE_CASE"`, ...),
//!   applied to every field name not given by `rename`.
//! - `prefix = "msdyn_"`: prepended to every field name not given by `rename`.
//! - `encoding = "string" | "native" | "nested"`: see [`Encoding`]; `"string"` by default.
//! - `crate = "..."`: the path to this crate, for a crate that re-exports it.
//! - `workstream = "contextvariables.json"`: check every name and type against the work stream's
//!   export (a Dataverse Web API answer saved next to `Cargo.toml`) at compile time; with
//!   `partial` (a subset on purpose) or `exhaustive` (every variable must be sent).
//!
//! Field attributes:
//! - `rename = "..."`: the exact context variable name.
//! - `skip`: the field is neither sent nor checked.
//! - `displayable = false`: agents do not see it (sent by the `nested` encoding; default true).
//!
//! Field types must be primitive values: `bool`, `char`, `String`, `&str`, `Box<str>`,
//! `Cow<str>`, `Arc<str>`, `Rc<str>`, every integer and `NonZero` integer, `f32`, `f64`, an
//! `Option` of one of these (`None` leaves the variable out), or a type that derives
//! [`LwiValue`](derive@LwiValue). Anything else is a compile error on the field's type, type
//! aliases included:
//!
//! ```compile_fail
//! type Tags = Vec<String>;
//!
//! #[derive(lwicontext::LwiContext)]
//! struct ChatContext {
//!     tags: Tags, // error: `Vec<String>` is not a primitive value
//! }
//! ```
//!
//! Fieldless enums and newtypes opt in with `#[derive(LwiValue)]`: an enum is sent as its
//! variant's name (`rename` and `rename_all` apply), a newtype as its inner value.
//!
//! ```
//! use lwicontext::{LwiContext, LwiValue, VariableKind};
//!
//! #[derive(LwiValue)]
//! #[lwi(rename_all = "lowercase")]
//! enum Tier { Gold, Silver }
//!
//! #[derive(LwiValue)]
//! struct Cents(u64);
//!
//! #[derive(LwiContext)]
//! #[lwi(prefix = "msdyn_", encoding = "native")]
//! struct ChatContext {
//!     tier: Tier,
//!     cart_value: Cents,
//! }
//!
//! let ctx = ChatContext { tier: Tier::Gold, cart_value: Cents(1999) };
//! assert_eq!(ctx.to_lwicontexts()?, r#"{"msdyn_tier":"gold","msdyn_cart_value":1999}"#);
//! assert_eq!(ChatContext::VARIABLES[1].kind, VariableKind::Number);
//! # Ok::<(), lwicontext::ContextError>(())
//! ```

//!
//! ## Tokens, the public key URL, and why the widget would refuse a token
//!
//! ```
//! use lwicontext::{DiagnoseOptions, LwiContext, Signer, TokenBuilder, diagnose};
//!
//! #[derive(LwiContext)]
//! struct ChatContext {
//!     #[lwi(rename = "msdyn_cartvalue")]
//!     cart_value: u32,
//! }
//!
//! let signer = Signer::generate(2048)?.with_kid("2026-11"); // or Signer::from_pem(...)
//! let jwt = TokenBuilder::new("contosohelp.com", "87b4d06c-abc2-e811-a9b0-000d3a10e09e")
//!     .context(&ChatContext { cart_value: 10000 })
//!     .sign(&signer)?;
//! let public_key_url_body: &str = signer.public_key_pem();
//!
//! let options = DiagnoseOptions::new()
//!     .public_key(signer.public_key().clone())
//!     .schema_of::<ChatContext>();
//! assert!(diagnose(&jwt, &options).is_accepted());
//! # assert!(public_key_url_body.starts_with("-----BEGIN PUBLIC KEY-----"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`KeySet`] serves several keys for rotation, and [`ErrorCode`] names the widget's error codes.
//! Omnichannel's limits and rules, each with its one name and sentence, are in [`limits`] and
//! [`rules`]. The README has the whole picture, and the `lwicontext` command does the same by
//! hand (`lwicontext codegen` writes a context struct from a work stream export).
//!
//! ## Features
//!
//! - `sign` (on by default): [`Signer`], [`PublicKey`], [`KeySet`], [`TokenBuilder::sign`] and
//!   signature checks in [`diagnose`], with aws-lc-rs. Without it (`default-features = false`)
//!   the crate has both derives, the three encodings, [`JsonContext`], [`ErrorCode`] and
//!   [`diagnose`] without signature checks, and builds for `wasm32-unknown-unknown`.

pub use lwicontext_macros::{LwiContext, LwiValue};
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
