//! The glue for Rust front ends (Leptos, Yew, Dioxus, or plain `wasm-bindgen`) built for
//! `wasm32-unknown-unknown`, with the `wasm` feature: the same semantics as the generated
//! JavaScript glue, on the signing-free core, without writing JavaScript.
//!
//! - [`TokenSource`] fetches the token from a URL or an async closure, checks it against the
//!   context struct's variables, caches it until shortly before it expires, shares one fetch
//!   among concurrent callers, and maps failures to the widget's codes 2, 3 and 4.
//! - The three hand-over routes: [`install_auth_token_provider`] (the hosted widget's
//!   `setAuthTokenProvider`), [`auth_client_function`] (the chat settings' "JavaScript client
//!   function") and [`chat_sdk_get_auth_token`] (`@microsoft/omnichannel-chat-sdk` and the React
//!   widget).
//! - [`check_token`]: a token checked by the rules of [`diagnose`](crate::diagnose) and read
//!   back into the context struct, at `Date.now()`.
//!
//! The JavaScript-facing items are exported through `wasm-bindgen`, and their TypeScript
//! declarations land in its `.d.ts`: the classes `TokenSource` (`getToken()`, `clear()`) and
//! `AuthTokenProvider` (`ready()`, `refresh()`, `stop()`), and the functions
//! `installAuthTokenProvider`, `authClientFunction`, `chatSdkGetAuthToken` and `checkToken`.
//!
//! ```ignore
//! use lwicontext::LwiContext;
//! use lwicontext::wasm::{TokenSource, install_auth_token_provider};
//!
//! #[derive(LwiContext)]
//! struct ChatContext {
//!     #[lwi(rename = "msdyn_cartvalue")]
//!     cart_value: u32,
//! }
//!
//! let source = TokenSource::from_url::<ChatContext>("/token");
//! let provider = install_auth_token_provider(&source, |error| {
//!     web_sys::console::warn_1(&error.to_string().into());
//! });
//! // On sign-out:
//! source.clear();
//! provider.stop();
//! ```

mod error;
mod functions;
mod provider;
mod source;
mod time;

use js_sys::{Array, JSON, Object, Reflect};
use wasm_bindgen::prelude::*;

pub use error::AuthTokenError;
pub use functions::{auth_client_function, chat_sdk_get_auth_token};
pub use provider::{
    AuthTokenProvider, install_auth_token_provider, install_auth_token_provider_js,
};
pub use source::{FetchError, TokenSource};

use crate::check_token::{CheckedToken, accept};
use crate::decode::FromLwiContexts;
use crate::diagnose::DiagnoseOptions;

/// Checks `jwt` as the page's widget checks it, at `Date.now()`, against the variables of `C`,
/// and reads its context back into `C`: [`crate::check_token`] with no key, the same rules as
/// [`diagnose`](crate::diagnose) and the generated JavaScript's `checkToken`.
///
/// # Errors
/// An [`AuthTokenError`] with the widget's code: 3 when there is no token, 4 otherwise, with
/// every rule broken.
pub fn check_token<C: FromLwiContexts>(jwt: &str) -> Result<CheckedToken<C>, AuthTokenError> {
    crate::check_token::<C>(jwt, &DiagnoseOptions::new())
        .map_err(|refused| AuthTokenError::from(refused).of_token(jwt))
}

/// `checkToken` for JavaScript: the token checked by the same rules, at `Date.now()`, against
/// no variable list (a JavaScript caller has no struct). Returns `{ context, expiresAt,
/// warnings }`, the context as an object and each warning as `{ rule, reason }`; throws an
/// `AuthTokenError`.
///
/// # Errors
/// The `AuthTokenError` with code 3 or 4.
#[wasm_bindgen(js_name = checkToken, unchecked_return_type = "CheckedToken")]
pub fn check_token_js(jwt: &str) -> Result<Object, AuthTokenError> {
    let accepted = accept(jwt, &DiagnoseOptions::new())
        .map_err(|refused| AuthTokenError::from(refused).of_token(jwt))?;
    let checked = Object::new();
    // The claim was read as JSON by the check, so it parses.
    let context = JSON::parse(&accepted.context).unwrap_or_else(|_| Object::new().into());
    #[allow(clippy::cast_precision_loss)]
    let expires_at = accepted
        .expires_at
        .map_or(JsValue::NULL, |seconds| JsValue::from_f64(seconds as f64));
    let warnings: Array = accepted
        .warnings
        .iter()
        .map(|finding| {
            let warning = Object::new();
            let _ = Reflect::set(&warning, &"rule".into(), &finding.rule.as_str().into());
            let _ = Reflect::set(&warning, &"reason".into(), &finding.message.as_str().into());
            JsValue::from(warning)
        })
        .collect();
    for (name, value) in [
        ("context", context),
        ("expiresAt", expires_at),
        ("warnings", warnings.into()),
    ] {
        let _ = Reflect::set(&checked, &name.into(), &value);
    }
    Ok(checked)
}

#[wasm_bindgen(typescript_custom_section)]
const AUTH_TOKEN_ERROR_TS: &str = r#"
/** Why no token was handed over: an Error named "AuthTokenError" with the widget's code. */
export interface AuthTokenError extends Error {
  name: "AuthTokenError";
  /** 2: the provider failed; 3: no one is signed in; 4: a token the widget refuses. */
  code: 2 | 3 | 4;
  /** Why, in plain words. */
  reason: string;
  /** The first rule broken, in snake_case, or null. */
  rule: string | null;
  rules: string[];
  reasons: string[];
  /** The token's last characters, never the whole token. */
  tokenTail: string;
}

/** What checkToken returns for a token the widget accepts. */
export interface CheckedToken {
  context: Record<string, string | number | boolean>;
  /** Unix seconds, as the widget reads exp. */
  expiresAt: number | null;
  warnings: { rule: string; reason: string }[];
}
"#;
