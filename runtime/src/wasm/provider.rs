//! Route 1, the hosted live chat widget: `setAuthTokenProvider`, as the JavaScript glue's
//! `installAuthTokenProvider` hands the token over.

use crate::prelude::*;
use alloc::rc::Rc;
use core::cell::RefCell;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AddEventListenerOptions, CustomEvent, CustomEventInit, EventTarget};

use super::error::AuthTokenError;
use super::source::TokenSource;
use super::time::{Cancel, First, Watched, promise, race, spawn};
use crate::diagnose::error_code::ErrorCode;

/// A refresh that failed with code 2 is tried again after this long, doubling each time…
const RETRY_FIRST_MS: f64 = 1000.0;
/// …up to this.
const RETRY_MAX_MS: f64 = 30_000.0;
/// A fresh provider is set at least this long after the last one, so that a token due at once
/// cannot make it spin.
const MIN_REFRESH_MS: f64 = 1000.0;

/// `globalThis.window`, when there is one.
fn window() -> Option<EventTarget> {
    Reflect::get(&js_sys::global(), &"window".into())
        .ok()
        .and_then(|window| window.dyn_into::<EventTarget>().ok())
}

/// `window.Microsoft.Omnichannel.LiveChatWidget.SDK`, when it has `setAuthTokenProvider`.
fn widget_sdk(window: &JsValue) -> Option<Object> {
    let mut at = window.clone();
    for name in ["Microsoft", "Omnichannel", "LiveChatWidget", "SDK"] {
        at = Reflect::get(&at, &name.into()).ok()?;
        if !at.is_object() {
            return None;
        }
    }
    let set = Reflect::get(&at, &"setAuthTokenProvider".into()).ok()?;
    set.is_function().then(|| at.unchecked_into())
}

struct Provider {
    source: TokenSource,
    on_error: Box<dyn Fn(AuthTokenError)>,
    window: Option<EventTarget>,
    stop: Cancel,
    /// Raised by `refresh()` to cut the current wait short; replaced after each wait.
    nudge: RefCell<Cancel>,
    /// How many hand-overs have finished, for `ready()` and `refresh()` to wait on.
    settled: Watched<u64>,
}

impl Provider {
    /// Tells the page: `on_error`, then the `lcw:error` event the widget raises for its own.
    fn report(&self, error: AuthTokenError) {
        if self.stop.is_raised() {
            return;
        }
        if let Some(window) = &self.window {
            let detail = Object::new();
            let _ = Reflect::set(&detail, &"errorCode".into(), &error.code.code().into());
            let _ = Reflect::set(
                &detail,
                &"errorDescription".into(),
                &error.code.message().into(),
            );
            let init = CustomEventInit::new();
            init.set_detail(&detail);
            if let Ok(event) = CustomEvent::new_with_event_init_dict("lcw:error", &init) {
                let _ = window.dispatch_event(&event);
            }
        }
        (self.on_error)(error);
    }

    fn settle(&self) {
        self.settled.update(|count| *count += 1);
    }

    /// Finishes once more than `count` hand-overs have finished, or it stopped.
    async fn settled_after(&self, count: u64) {
        self.settled
            .until(|&settled| (settled > count || self.stop.is_raised()).then_some(()))
            .await;
    }

    /// Waits `milliseconds`, cut short by `refresh()`; false once stopped.
    async fn wait(&self, milliseconds: f64) -> bool {
        let nudge = self.nudge.borrow().clone();
        let _ = race(nudge.sleep_ms(milliseconds), self.stop.raised()).await;
        *self.nudge.borrow_mut() = Cancel::default();
        !self.stop.is_raised()
    }

    /// Fetches the token and sets a provider that calls back with it at once; again before it
    /// expires; a failed refresh (code 2) again soon after.
    async fn run(self: Rc<Self>) {
        let mut provider_set = false;
        let mut retry_ms: f64 = 0.0;
        loop {
            let wait_ms = match self.window.as_ref().and_then(|window| widget_sdk(window)) {
                None => {
                    self.report(AuthTokenError::failed(
                        "Microsoft.Omnichannel.LiveChatWidget.SDK.setAuthTokenProvider is not there",
                    ));
                    f64::INFINITY
                }
                Some(sdk) => match self.source.token().await {
                    Err(error) => {
                        let code = error.code;
                        self.report(error);
                        // A refresh that failed for a passing reason (code 2) is tried again
                        // before the held token expires; no user (3) or a bad token (4) waits
                        // for refresh().
                        if provider_set && code == ErrorCode::ProviderFailed {
                            retry_ms = (retry_ms * 2.0).clamp(RETRY_FIRST_MS, RETRY_MAX_MS);
                            retry_ms
                        } else {
                            f64::INFINITY
                        }
                    }
                    Ok(_) if self.stop.is_raised() => return,
                    Ok(token) => {
                        retry_ms = 0.0;
                        match set_provider(&sdk, &token) {
                            Ok(()) => {
                                provider_set = true;
                                let seconds = self.source.refresh_in(&token).unwrap_or(0.0);
                                (seconds * 1000.0).max(MIN_REFRESH_MS)
                            }
                            Err(error) => {
                                self.report(error);
                                f64::INFINITY
                            }
                        }
                    }
                },
            };
            self.settle();
            if !self.wait(wait_ms).await {
                return;
            }
        }
    }
}

/// `sdk.setAuthTokenProvider(callback => callback(token))`: the widget keeps only what it is
/// given in the same tick, so the provider calls back at once.
fn set_provider(sdk: &Object, token: &str) -> Result<(), AuthTokenError> {
    let token = JsValue::from_str(token);
    let provider =
        Closure::<dyn Fn(JsValue) -> Result<(), JsValue>>::new(move |callback: JsValue| {
            let callback: Function = callback.dyn_into().map_err(|_| {
                js_sys::TypeError::new("the auth token provider is called with a callback")
            })?;
            callback.call1(&JsValue::NULL, &token).map(drop)
        })
        .into_js_value();
    let set: Function = Reflect::get(sdk, &"setAuthTokenProvider".into())
        .and_then(JsCast::dyn_into)
        .map_err(|_| AuthTokenError::failed("setAuthTokenProvider is not a function"))?;
    set.call1(sdk, &provider).map(drop).map_err(|error| {
        AuthTokenError::failed(text![
            "setAuthTokenProvider threw: ",
            AuthTokenError::describe(&error)
        ])
    })
}

/// Hands the source's token to the hosted live chat widget through
/// `Microsoft.Omnichannel.LiveChatWidget.SDK.setAuthTokenProvider`, as the JavaScript glue's
/// `installAuthTokenProvider` does:
///
/// - it fetches at once, and waits for `lcw:ready` unless the SDK is already there;
/// - it sets a provider that calls back synchronously with the token (the widget keeps only
///   what it gets in the same tick);
/// - it sets a fresh one before the token expires, and tries a refresh that failed with code 2
///   again after 1 s, doubling up to 30 s;
/// - it reports each failure to `on_error` and as the `lcw:error` window event, as the widget
///   reports its own.
///
/// Dropping the returned handle does not stop it; [`AuthTokenProvider::stop`] does.
pub fn install_auth_token_provider(
    source: &TokenSource,
    on_error: impl Fn(AuthTokenError) + 'static,
) -> AuthTokenProvider {
    install(source, Box::new(on_error))
}

/// [`install_auth_token_provider`] once for every callback type: the module holds one copy.
fn install(source: &TokenSource, on_error: Box<dyn Fn(AuthTokenError)>) -> AuthTokenProvider {
    let window = window();
    let provider = Rc::new(Provider {
        source: source.clone(),
        on_error,
        window: window.clone(),
        stop: Cancel::default(),
        nudge: RefCell::default(),
        settled: Watched::default(),
    });
    let waiting = window.filter(|window| widget_sdk(window).is_none());
    match waiting {
        None => spawn(Rc::clone(&provider).run()),
        Some(window) => {
            // Fetch while the widget loads; a failure is reported after lcw:ready, when the
            // token is asked for again.
            let prefetch = source.clone();
            spawn(async move {
                let _ = prefetch.token().await;
            });
            // Listening from now on: the event may come before the task below first runs.
            let ready = lcw_ready(&window);
            let running = Rc::clone(&provider);
            spawn(async move {
                if let First::Left(_) = race(ready, running.stop.raised()).await {
                    running.run().await;
                }
            });
        }
    }
    AuthTokenProvider { provider }
}

/// Finishes at the next `lcw:ready` event on `window`, listened for from the call on.
fn lcw_ready(window: &EventTarget) -> JsFuture {
    let promise = Promise::new(&mut |resolve, _reject| {
        let options = AddEventListenerOptions::new();
        options.set_once(true);
        let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
            "lcw:ready",
            &resolve,
            &options,
        );
    });
    JsFuture::from(promise)
}

/// What [`install_auth_token_provider`] started: wait for it, refresh it, stop it. In
/// JavaScript, the class `AuthTokenProvider`.
#[wasm_bindgen]
pub struct AuthTokenProvider {
    provider: Rc<Provider>,
}

impl core::fmt::Debug for AuthTokenProvider {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("AuthTokenProvider")
            .field("source", &self.provider.source)
            .field("hand_overs", &self.provider.settled.get(|count| *count))
            .field("stopped", &self.provider.stop.is_raised())
            .finish_non_exhaustive()
    }
}

impl AuthTokenProvider {
    /// Finishes when the first hand-over has (the provider set, or the failure reported).
    pub async fn ready(&self) {
        self.provider.settled_after(0).await;
    }

    /// Fetches the token now (for a user who just signed in) and sets a fresh provider;
    /// finishes when that hand-over has.
    pub async fn refresh(&self) {
        let count = self.provider.settled.get(|count| *count);
        self.provider.nudge.borrow().raise();
        self.provider.settled_after(count).await;
    }
}

#[wasm_bindgen]
impl AuthTokenProvider {
    /// Stops: no more fetches, refreshes or reports; `ready()` and `refresh()` finish.
    pub fn stop(&self) {
        self.provider.stop.raise();
        // Whoever waits in ready() or refresh() looks again, and finds it stopped.
        self.provider.settled.update(|_| ());
    }

    /// JavaScript's view of [`ready`](Self::ready): a Promise.
    #[wasm_bindgen(js_name = ready, unchecked_return_type = "Promise<void>")]
    pub fn ready_promise(&self) -> Promise {
        let provider = Rc::clone(&self.provider);
        promise(async move {
            provider.settled_after(0).await;
            Ok(JsValue::UNDEFINED)
        })
    }

    /// JavaScript's view of [`refresh`](Self::refresh): a Promise.
    #[wasm_bindgen(js_name = refresh, unchecked_return_type = "Promise<void>")]
    pub fn refresh_promise(&self) -> Promise {
        let handle = Self {
            provider: Rc::clone(&self.provider),
        };
        promise(async move {
            handle.refresh().await;
            Ok(JsValue::UNDEFINED)
        })
    }
}

/// [`install_auth_token_provider`] for JavaScript: `onError` is called with each
/// `AuthTokenError`.
#[wasm_bindgen(js_name = installAuthTokenProvider)]
pub fn install_auth_token_provider_js(
    source: &TokenSource,
    #[wasm_bindgen(js_name = onError, unchecked_param_type = "((error: AuthTokenError) => void) | null | undefined")]
    on_error: Option<Function>,
) -> AuthTokenProvider {
    install_auth_token_provider(source, move |error| {
        if let Some(on_error) = &on_error {
            let _ = on_error.call1(&JsValue::NULL, &error.into());
        }
    })
}
