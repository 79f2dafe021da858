#![doc = include_str!("../docs/wasm.md")]

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
pub use time::promise;

use crate::context::decode::FromLwiContexts;
use crate::diagnose::DiagnoseOptions;
use crate::diagnose::check_token::{CheckedToken, accept};

/// Checks `jwt` as the page's widget checks it, at `Date.now()`, against the variables of `C`,
/// and reads its context back into `C`: [`check_token`](crate::diagnose::check_token) with no key, the same rules as
/// [`diagnose`](crate::diagnose) and the generated JavaScript's `checkToken`.
///
/// # Errors
/// An [`AuthTokenError`] with the widget's code: 3 when there is no token, 4 otherwise, with
/// every rule broken.
pub fn check_token<C: FromLwiContexts>(jwt: &str) -> Result<CheckedToken<C>, AuthTokenError> {
    crate::diagnose::check_token::<C>(jwt, &DiagnoseOptions::new())
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
    let accepted = accept(jwt, &DiagnoseOptions::new(), None)
        .map_err(|refused| AuthTokenError::from(refused).of_token(jwt))?;
    let checked = Object::new();
    // The claim was read as JSON by the check, so it parses.
    let context = JSON::parse(&accepted.context.text).unwrap_or_else(|_| Object::new().into());
    #[allow(clippy::cast_precision_loss)]
    let expires_at = accepted
        .expires_at
        .map_or(JsValue::NULL, |seconds| JsValue::from_f64(seconds as f64));
    let warnings = Array::new();
    for finding in &accepted.warnings {
        let warning = Object::new();
        let _ = Reflect::set(&warning, &"rule".into(), &finding.rule.as_str().into());
        let _ = Reflect::set(&warning, &"reason".into(), &finding.message.as_str().into());
        warnings.push(&warning);
    }
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
