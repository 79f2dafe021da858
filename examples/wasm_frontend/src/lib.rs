//! A Rust front end's side of authenticated chat, with lwicontext's wasm glue: the context
//! struct the server signs (here, the demo's), and the three ways to hand its token to the
//! widget. Copy what your page needs into a Leptos, Yew or Dioxus app; nothing here depends on
//! a framework.
//!
//! Built by `scripts/build-wasm` (cargo for `wasm32-unknown-unknown`, then `wasm-bindgen
//! --target web`); `cargo run --example chat_server` serves the result at `/wasm/`, and its page
//! at `/?glue=wasm` hands the token over through [`hand_over`] instead of the generated
//! JavaScript.
//!
//! In a Leptos component, the hosted widget's route is one call at start-up:
//!
//! ```ignore
//! let source = TokenSource::from_url::<ChatContext>("/chat/token");
//! let provider = install_auth_token_provider(&source, move |error| set_chat_error.set(Some(error)));
//! on_cleanup(move || provider.stop());
//! ```
//!
//! The module does without the standard library: lwicontext without its `std` feature is
//! `no_std`, and so are wasm-bindgen and js-sys without theirs, so that the module carries no
//! panic messages, their locations nor the code that formats them. A panic stops the module
//! with a trap (see [`panic`]). An app that links the standard library anyway keeps it, and
//! drops these three lines.
#![cfg_attr(all(target_arch = "wasm32", not(test)), no_std)]

extern crate alloc;

use alloc::rc::Rc;
use alloc::string::String;
use core::cell::Cell;
use js_sys::{Function, Promise, Reflect};
use lwicontext::LwiContext;
use lwicontext::wasm::{
    AuthTokenError, TokenSource, auth_client_function, chat_sdk_get_auth_token,
    install_auth_token_provider, promise,
};
use wasm_bindgen::prelude::*;

/// The work stream's context variables, as the server fills them (the demo's own struct): the
/// token source checks every token against them before the widget gets it.
#[derive(LwiContext, Debug)]
pub struct ChatContext {
    /// Cart value in cents.
    #[lwi(rename = "msdyn_cartvalue")]
    pub cart_value: u32,
    /// Whether the customer is a VIP.
    #[lwi(rename = "msdyn_isvip")]
    pub is_vip: bool,
    /// The loyalty tier, when the customer has one.
    #[lwi(rename = "msdyn_tier")]
    pub tier: Option<String>,
    /// An internal risk score: agents do not see it.
    #[lwi(rename = "contoso_riskscore", displayable = false)]
    pub risk_score: f64,
}

/// Route 1, the hosted widget: fetches the token from `token_url`, checks it against
/// [`ChatContext`], and hands it to `setAuthTokenProvider` once the widget is ready, again
/// before it expires. Resolves with the running provider (stop it on sign-out), or rejects with
/// the `AuthTokenError` of the first hand-over (code 2, 3 or 4), as `lcw:error` reports it too;
/// the provider is stopped then.
// A Promise made by `promise`, not a `#[wasm_bindgen] async fn`: every Promise of the module is
// then of one future type, and js-sys's code for Promises is in it once (1,400 bytes less).
#[wasm_bindgen(js_name = handOver, unchecked_return_type = "Promise<AuthTokenProvider>")]
pub fn hand_over(#[wasm_bindgen(js_name = tokenUrl)] token_url: String) -> Promise {
    promise(async move {
        let source = TokenSource::from_url::<ChatContext>(token_url);
        let failed: Rc<Cell<Option<AuthTokenError>>> = Rc::default();
        let first = Rc::clone(&failed);
        let provider = install_auth_token_provider(&source, move |error| {
            // The first failure is the one the Promise rejects with.
            let kept = first.take().unwrap_or(error);
            first.set(Some(kept));
        });
        provider.ready().await;
        match failed.take() {
            Some(error) => {
                provider.stop();
                Err(error.into())
            }
            None => Ok(provider.into()),
        }
    })
}

/// Route 2, the chat settings' "JavaScript client function": puts it on `window` under `name`,
/// the name those settings give.
///
/// # Errors
/// When there is no `window` to put it on.
#[wasm_bindgen(js_name = installClientFunction)]
pub fn install_client_function(
    #[wasm_bindgen(js_name = tokenUrl)] token_url: String,
    name: &str,
) -> Result<(), JsValue> {
    let source = TokenSource::from_url::<ChatContext>(token_url);
    let window = Reflect::get(&js_sys::global(), &"window".into())?;
    Reflect::set(&window, &name.into(), &auth_client_function(&source))?;
    Ok(())
}

/// Route 3, `@microsoft/omnichannel-chat-sdk` or the React widget: the `getAuthToken` function
/// for their config.
#[wasm_bindgen(
    js_name = getAuthToken,
    unchecked_return_type = "(...ignored: unknown[]) => Promise<string | null>"
)]
pub fn get_auth_token(#[wasm_bindgen(js_name = tokenUrl)] token_url: String) -> Function {
    chat_sdk_get_auth_token(&TokenSource::from_url::<ChatContext>(token_url))
}

/// The page's allocator: talc's for single-threaded wasm, which grows the module's memory as
/// the standard library's `dlmalloc` does, in about 7 KB less of the module.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// What a panic does in the page's module: the `unreachable` instruction, a trap that throws a
/// `RuntimeError` in JavaScript, where the standard library would format a message first. No
/// code of the module panics on what it is given: tokens, answers and JavaScript values are
/// checked, and what fails is an `AuthTokenError`.
#[cfg(all(target_arch = "wasm32", not(test)))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}
