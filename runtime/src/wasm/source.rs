//! [`TokenSource`]: fetches, checks and caches the token, with the JavaScript glue's
//! `createTokenSource` semantics.

use crate::prelude::*;
use alloc::rc::Rc;
use alloc::sync::Arc;
use core::cell::{Cell, RefCell};
use core::error::Error;
use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::time::Duration;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestCache, RequestCredentials, RequestInit, Response};

use super::error::AuthTokenError;
use super::time::{First, Watched, promise, race, sleep, spawn};
use crate::context::decode::FromLwiContexts;
use crate::diagnose::DiagnoseOptions;
use crate::diagnose::check_token::check_token;
use crate::token::clock::{Clock, SystemClock};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch)]
    fn fetch_with_init(url: &str, init: &RequestInit) -> Promise;
}

/// What a [`TokenSource::from_fn`] closure fails with: any error, which becomes code 2.
pub type FetchError = Box<dyn Error>;

/// The closure's answer, its error already in words: described where its type is known, so that
/// a module whose sources never take a closure holds no `core::fmt` for it.
type TokenFuture = Pin<Box<dyn Future<Output = Result<Option<String>, String>>>>;

/// Where the token comes from.
enum Origin {
    /// A URL whose answer's body is the token.
    Url(String),
    /// The page's own async closure.
    Function(Rc<dyn Fn() -> TokenFuture>),
}

/// Checks a token against a context struct's variables: its expiry, or why it is refused.
type Check = fn(&str, &DiagnoseOptions) -> Result<Option<u64>, Failure>;

/// An [`AuthTokenError`] on its way through the source's futures: boxed, so that moving it from
/// state to state moves a pointer.
type Failure = Box<AuthTokenError>;

fn check_as<C: FromLwiContexts>(
    jwt: &str,
    options: &DiagnoseOptions,
) -> Result<Option<u64>, Failure> {
    check_token::<C>(jwt, options)
        .map(|checked| checked.expires_at)
        .map_err(|refused| Box::new(AuthTokenError::from(refused).of_token(jwt)))
}

/// The token held, as checked.
#[derive(Clone)]
struct Held {
    token: String,
    refresh_at: f64,
}

/// One fetch that every caller waits on: its outcome, once there is one.
type SharedFlight = Rc<Watched<Option<Result<String, Failure>>>>;

#[derive(Default)]
struct State {
    held: Option<Held>,
    pending: Option<SharedFlight>,
    /// Raised by `clear()`: a fetch started before it is not kept.
    generation: u64,
}

struct Inner {
    origin: Origin,
    check: Check,
    refresh_margin: Cell<Duration>,
    timeout: Cell<Duration>,
    clock: RefCell<Arc<dyn Clock>>,
    state: RefCell<State>,
}

/// Fetches, checks and caches the token for the widget, as the JavaScript glue's
/// `createTokenSource` does:
///
/// - from a URL (the answer's body is the token) or from an async closure of the page's;
/// - the token is checked against the context struct's variables by the rules of
///   [`diagnose`](crate::diagnose), and kept until `refresh_margin` before it expires (a token
///   that lives less than twice the margin, for half of what it has left);
/// - callers that ask while a fetch is under way share it;
/// - a timeout or a failure is code 2, HTTP 401 or 403 or an empty answer code 3 (no one is
///   signed in), a token the widget would refuse code 4;
/// - [`clear`](Self::clear) forgets the token, for sign-out.
///
/// Cloning gives another handle on the same source. In JavaScript it is the class
/// `TokenSource`, with `getToken()` and `clear()`.
#[wasm_bindgen]
#[derive(Clone)]
pub struct TokenSource {
    inner: Rc<Inner>,
}

impl fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let origin = match &self.inner.origin {
            Origin::Url(url) => url.as_str(),
            Origin::Function(_) => "a closure",
        };
        // The token itself is not shown.
        f.debug_struct("TokenSource")
            .field("from", &origin)
            .field("refresh_margin", &self.inner.refresh_margin.get())
            .field("timeout", &self.inner.timeout.get())
            .field("holds_token", &self.inner.state.borrow().held.is_some())
            .finish_non_exhaustive()
    }
}

impl TokenSource {
    /// The margin before expiry at which a held token is fetched anew, unless set otherwise.
    pub const DEFAULT_REFRESH_MARGIN: Duration = Duration::from_mins(1);
    /// How long a fetch may take before it fails with code 2, unless set otherwise.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(8);

    fn new<C: FromLwiContexts>(origin: Origin) -> Self {
        Self {
            inner: Rc::new(Inner {
                origin,
                check: check_as::<C>,
                refresh_margin: Cell::new(Self::DEFAULT_REFRESH_MARGIN),
                timeout: Cell::new(Self::DEFAULT_TIMEOUT),
                clock: RefCell::new(Arc::new(SystemClock)),
                state: RefCell::default(),
            }),
        }
    }

    /// A source that fetches the token from `url` (same-origin credentials, no cache), whose
    /// answer's body is the token, checked against the variables of `C`.
    pub fn from_url<C: FromLwiContexts>(url: impl Into<String>) -> Self {
        Self::new::<C>(Origin::Url(url.into()))
    }

    /// A source that asks `fetch` for the token, checked against the variables of `C`:
    /// `Ok(Some(token))`, or `Ok(None)` (or an empty token) when no one is signed in; an error
    /// is code 2.
    pub fn from_fn<C: FromLwiContexts>(
        fetch: impl AsyncFn() -> Result<Option<String>, FetchError> + 'static,
    ) -> Self {
        let fetch = Rc::new(fetch);
        Self::new::<C>(Origin::Function(Rc::new(move || {
            let fetch = Rc::clone(&fetch);
            Box::pin(async move { fetch().await.map_err(|error| error.to_string()) })
        })))
    }

    /// Fetch anew this long before the held token expires (60 s unless set).
    #[must_use]
    pub fn refresh_margin(self, margin: Duration) -> Self {
        self.inner.refresh_margin.set(margin);
        self
    }

    /// Fail with code 2 when a fetch takes longer than this (8 s unless set).
    #[must_use]
    pub fn timeout(self, timeout: Duration) -> Self {
        self.inner.timeout.set(timeout);
        self
    }

    /// Where "now" comes from (the system clock, `Date.now()`, unless set).
    #[must_use]
    pub fn clock(self, clock: impl Clock + 'static) -> Self {
        *self.inner.clock.borrow_mut() = Arc::new(clock);
        self
    }

    fn now(&self) -> f64 {
        self.inner.clock.borrow().since_epoch().as_secs_f64()
    }

    /// The token: the one held while it is fresh, or a fetched and checked one.
    ///
    /// # Errors
    /// An [`AuthTokenError`] with code 2 (the fetch failed or timed out), 3 (no one is signed
    /// in) or 4 (the token would be refused).
    pub async fn token(&self) -> Result<String, AuthTokenError> {
        let flight = {
            let mut state = self.inner.state.borrow_mut();
            if let Some(held) = state
                .held
                .as_ref()
                .filter(|held| self.now() < held.refresh_at)
            {
                return Ok(held.token.clone());
            }
            if let Some(flight) = &state.pending {
                Rc::clone(flight)
            } else {
                let flight = SharedFlight::default();
                state.pending = Some(Rc::clone(&flight));
                spawn(self.clone().fly(Rc::clone(&flight), state.generation));
                flight
            }
        };
        // Each waiter gets its own copy of the outcome, the error out of its box.
        flight
            .until(|outcome| {
                outcome.as_ref().map(|outcome| match outcome {
                    Ok(token) => Ok(token.clone()),
                    Err(failure) => Err(AuthTokenError::clone(failure)),
                })
            })
            .await
    }

    /// Runs the one fetch of `flight` and hands its outcome to every waiter.
    async fn fly(self, flight: SharedFlight, generation: u64) {
        let outcome = self.fetch_checked().await;
        {
            let mut state = self.inner.state.borrow_mut();
            if state.generation == generation {
                if let Ok(held) = &outcome {
                    state.held = Some(held.clone());
                }
                state.pending = None;
            }
        }
        flight.update(|slot| *slot = Some(outcome.map(|held| held.token)));
    }

    /// In how many seconds the held `token` is due to be fetched anew; `None` when `token` is
    /// not the one held.
    pub(crate) fn refresh_in(&self, token: &str) -> Option<f64> {
        let state = self.inner.state.borrow();
        let held = state.held.as_ref().filter(|held| held.token == token)?;
        Some((held.refresh_at - self.now()).max(0.0))
    }

    async fn fetch_checked(&self) -> Result<Held, Failure> {
        let timeout = self.inner.timeout.get();
        let controller = AbortController::new().ok();
        let answer = match race(self.obtain(controller.as_ref()), sleep(timeout)).await {
            First::Left(answer) => answer?,
            First::Right(()) => {
                if let Some(controller) = &controller {
                    controller.abort();
                }
                // In u64, without `as_millis`'s u128: a time-out of 584 million years is as good
                // as none.
                let seconds = timeout.as_secs();
                let milliseconds = if seconds > u64::MAX / 1000 {
                    u64::MAX
                } else {
                    seconds * 1000 + u64::from(timeout.subsec_millis())
                };
                return Err(Failure::new(AuthTokenError::failed(text![
                    "no token within ",
                    milliseconds,
                    " ms"
                ])));
            }
        };
        let Some(answer) = answer.filter(|answer| !answer.is_empty()) else {
            return Err(Failure::new(AuthTokenError::no_token(
                match self.inner.origin {
                    Origin::Url(_) => "the token URL's answer was empty: no one is signed in",
                    Origin::Function(_) => "the token closure gave no token: no one is signed in",
                },
            )));
        };
        let checked_at = self.now();
        let options = DiagnoseOptions::new().clock(ClockAt(Arc::clone(&self.inner.clock.borrow())));
        let expires_at = (self.inner.check)(&answer, &options)?;
        // A token without `exp` (which diagnose refuses) is not kept.
        #[allow(clippy::cast_precision_loss)]
        let expires_at = expires_at.map_or(checked_at, |seconds| seconds as f64);
        // A token that lives less than twice the margin is kept for half of what it has left.
        let margin = self
            .inner
            .refresh_margin
            .get()
            .as_secs_f64()
            .min(((expires_at - checked_at) / 2.0).max(0.0));
        Ok(Held {
            token: answer.trim().to_owned(),
            refresh_at: expires_at - margin,
        })
    }

    /// The answer of the URL or the closure, before it is checked.
    async fn obtain(
        &self,
        controller: Option<&AbortController>,
    ) -> Result<Option<String>, Failure> {
        match &self.inner.origin {
            Origin::Function(fetch) => fetch().await.map_err(|error| {
                Box::new(AuthTokenError::failed(text![
                    "the token closure failed: ",
                    error
                ]))
            }),
            Origin::Url(url) => fetch_url(url, controller).await.map(Some),
        }
    }
}

/// `GET url`, as the JavaScript glue fetches it: the body, without the line end after it.
async fn fetch_url(url: &str, controller: Option<&AbortController>) -> Result<String, Failure> {
    let failed = |what: &str, error: &JsValue| {
        Box::new(AuthTokenError::failed(text![
            what,
            " failed: ",
            AuthTokenError::describe(error)
        ]))
    };
    let init = RequestInit::new();
    init.set_credentials(RequestCredentials::SameOrigin);
    init.set_cache(RequestCache::NoStore);
    if let Some(controller) = controller {
        init.set_signal(Some(&controller.signal()));
    }
    let response: Response = JsFuture::from(fetch_with_init(url, &init))
        .await
        .map_err(|error| failed("fetching the token", &error))?
        .unchecked_into();
    let status = response.status();
    if status == 401 || status == 403 {
        return Err(Failure::new(AuthTokenError::no_token(text![
            "the token URL answered HTTP ",
            status,
            ": no one is signed in"
        ])));
    }
    if !(200..=299).contains(&status) {
        return Err(Failure::new(AuthTokenError::failed(text![
            "the token URL answered HTTP ",
            status
        ])));
    }
    let text = response
        .text()
        .map_err(|error| failed("reading the token URL's answer", &error))?;
    let body = JsFuture::from(text)
        .await
        .map_err(|error| failed("reading the token URL's answer", &error))?
        .as_string()
        .unwrap_or_default();
    // The line end after the token is not part of it.
    Ok(body.trim_end_matches(['\r', '\n']).to_owned())
}

/// The source's clock, shared with the check.
struct ClockAt(Arc<dyn Clock>);

impl Clock for ClockAt {
    fn since_epoch(&self) -> Duration {
        self.0.since_epoch()
    }
}

#[wasm_bindgen]
impl TokenSource {
    /// The token, as a Promise: JavaScript's view of [`token`](Self::token). It rejects with an
    /// `AuthTokenError`.
    #[wasm_bindgen(js_name = getToken, unchecked_return_type = "Promise<string>")]
    pub fn get_token(&self) -> Promise {
        let source = self.clone();
        promise(async move {
            source
                .token()
                .await
                .map(JsValue::from)
                .map_err(JsValue::from)
        })
    }

    /// Forgets the held token and any fetch under way (its answer is not kept): for sign-out.
    pub fn clear(&self) {
        let mut state = self.inner.state.borrow_mut();
        state.held = None;
        state.pending = None;
        state.generation += 1;
    }
}
