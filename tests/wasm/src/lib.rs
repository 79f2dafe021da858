//! The wasm glue's tests, run by `wasm-bindgen-test` under node (`scripts/test-all`): the
//! token source's every path, the three routes against a labelled stand-in of the hosted
//! script's `setAuthTokenProvider`, and the shared table of token cases
//! (`tests/cases/tokens.json`), on which Rust native, the JavaScript glue and this wasm build
//! agree case by case.
#![cfg(target_arch = "wasm32")]
#![cfg(test)]

#[path = "../../common/chat_context.rs"]
mod chat_context;
mod functions;
mod numbers;
mod provider;
mod source;
mod standin;
mod support;
mod table;
