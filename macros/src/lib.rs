//! Derive macros of [lwicontext](https://docs.rs/lwicontext): `#[derive(LwiContext)]` and
//! `#[derive(LwiValue)]`. Use them through the `lwicontext` crate, which documents them.

mod context;
mod decode;
mod dummy;
mod internals;
mod value;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Implements `lwicontext::LwiContext` for a struct whose fields are context variables.
#[proc_macro_derive(LwiContext, attributes(lwi))]
pub fn derive_lwi_context(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    context::expand(&input).into()
}

/// Implements `lwicontext::LwiValue` for a fieldless enum or a newtype over a primitive.
#[proc_macro_derive(LwiValue, attributes(lwi))]
pub fn derive_lwi_value(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    value::expand(&input).into()
}
