//! Routes 2 and 3: the functions the page hands to the widget's code, the chat settings'
//! "JavaScript client function" and `getAuthToken` for the chat SDK and the React widget.

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;

use super::source::TokenSource;
use super::time::{First, promise, race, sleep_ms, spawn};
use crate::diagnose::error_code::ErrorCode;
use lwicontext_schema::limits::AUTH_CALLBACK_SECONDS;

/// The client function answers `null` this long after it is called: a second before the
/// widget's own limit.
#[allow(clippy::cast_precision_loss)]
const CALLBACK_LIMIT_MS: f64 = (AUTH_CALLBACK_SECONDS - 1) as f64 * 1000.0;

/// The function to put on `window` under the name the chat authentication settings give as
/// the "JavaScript client function": it calls `callback(token)`, or `callback(null)` when
/// there is no token or none within 9 s, exactly once and within the widget's 10 s.
///
/// ```no_run
/// # #[cfg(feature = "wasm")]
/// # fn main() -> Result<(), wasm_bindgen::JsValue> {
/// # use lwicontext::LwiContext;
/// use lwicontext::wasm::{TokenSource, auth_client_function};
/// # #[derive(LwiContext)]
/// # struct ChatContext {
/// #     #[lwi(rename = "msdyn_cartvalue")]
/// #     cart_value: u32,
/// # }
///
/// let source = TokenSource::from_url::<ChatContext>("/chat/token");
/// let window = js_sys::global();
/// js_sys::Reflect::set(&window, &"getAuthenticationToken".into(), &auth_client_function(&source))?;
/// # Ok(())
/// # }
/// # #[cfg(not(feature = "wasm"))]
/// # fn main() {}
/// ```
#[wasm_bindgen(
    js_name = authClientFunction,
    unchecked_return_type = "(callback: (token: string | null) => void) => void"
)]
pub fn auth_client_function(source: &TokenSource) -> Function {
    let source = source.clone();
    Closure::<dyn Fn(JsValue) -> Result<(), JsValue>>::new(move |callback: JsValue| {
        let callback: Function = callback.dyn_into().map_err(|_| {
            js_sys::TypeError::new("the JavaScript client function is called with a callback")
        })?;
        let source = source.clone();
        spawn(async move {
            let token = match race(source.token(), sleep_ms(CALLBACK_LIMIT_MS)).await {
                First::Left(Ok(token)) => JsValue::from(token),
                First::Left(Err(_)) | First::Right(()) => JsValue::NULL,
            };
            // What the widget's callback throws is the widget's; it must not stop us.
            let _ = callback.call1(&JsValue::NULL, &token);
        });
        Ok(())
    })
    .into_js_value()
    .unchecked_into()
}

/// `getAuthToken` for `@microsoft/omnichannel-chat-sdk`'s config and the React widget's prop:
/// a function returning a Promise that resolves the token, or `null` when no one is signed in
/// (code 3), and rejects with the `AuthTokenError` otherwise (codes 2 and 4), which the chat
/// SDK reports as `GetAuthTokenFailed`. Arguments are ignored.
#[wasm_bindgen(
    js_name = chatSdkGetAuthToken,
    unchecked_return_type = "(...ignored: unknown[]) => Promise<string | null>"
)]
pub fn chat_sdk_get_auth_token(source: &TokenSource) -> Function {
    let source = source.clone();
    Closure::<dyn Fn() -> Promise>::new(move || {
        let source = source.clone();
        promise(async move {
            match source.token().await {
                Ok(token) => Ok(token.into()),
                Err(error) if error.code == ErrorCode::NoToken => Ok(JsValue::NULL),
                Err(error) => Err(error.into()),
            }
        })
    })
    .into_js_value()
    .unchecked_into()
}
