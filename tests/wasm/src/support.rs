//! What the wasm tests share: a movable clock, a scripted `fetch`, the table's tokens.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use js_sys::{Function, Promise, Reflect};
use lwicontext::token::Clock;
use lwicontext::wasm::TokenSource;

use crate::chat_context::ChatContext;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use web_sys::{AbortSignal, Response, ResponseInit};

/// The table's tokens and the second they were judged at.
pub(crate) fn table() -> Value {
    serde_json::from_str(include_str!("../../cases/tokens.json")).unwrap()
}

/// The table's token called `name`.
pub(crate) fn token(name: &str) -> String {
    table()["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|case| case["name"] == name)
        .and_then(|case| case["token"].as_str())
        .unwrap_or_else(|| panic!("no case {name}"))
        .to_owned()
}

/// The second the table's cases are judged at.
pub(crate) const NOW: u64 = 1_800_000_000;
/// When the table's `valid` token expires.
pub(crate) const VALID_EXP: u64 = NOW + 840;

/// A clock the test moves.
#[derive(Clone)]
pub(crate) struct TestClock(Arc<AtomicU64>);

impl TestClock {
    pub(crate) fn at(seconds: u64) -> Self {
        Self(Arc::new(AtomicU64::new(seconds)))
    }

    pub(crate) fn set(&self, seconds: u64) {
        self.0.store(seconds, Ordering::SeqCst);
    }
}

impl Clock for TestClock {
    fn since_epoch(&self) -> Duration {
        Duration::from_secs(self.0.load(Ordering::SeqCst))
    }
}

/// What the scripted `fetch` answers.
#[derive(Clone)]
pub(crate) enum Reply {
    /// An answer with this status and body.
    Answer(u16, String),
    /// A network failure: the promise rejects.
    Fail,
    /// No answer, ever (unless aborted).
    Hang,
}

/// One call the scripted `fetch` saw.
pub(crate) struct Call {
    pub(crate) url: String,
    pub(crate) signal: Option<AbortSignal>,
    pub(crate) credentials: JsValue,
    pub(crate) cache: JsValue,
}

/// `globalThis.fetch`, replaced for a test by one that answers `reply` and records each call;
/// the real one is put back when this is dropped.
pub(crate) struct ScriptedFetch {
    pub(crate) calls: Rc<RefCell<Vec<Call>>>,
    reply: Rc<RefCell<Reply>>,
    original: JsValue,
    _closure: Closure<dyn FnMut(JsValue, JsValue) -> Promise>,
}

impl ScriptedFetch {
    pub(crate) fn new(reply: Reply) -> Self {
        let calls = Rc::new(RefCell::new(Vec::new()));
        let reply = Rc::new(RefCell::new(reply));
        let (seen, answer) = (Rc::clone(&calls), Rc::clone(&reply));
        let closure = Closure::<dyn FnMut(JsValue, JsValue) -> Promise>::new(
            move |url: JsValue, init: JsValue| {
                let get =
                    |name: &str| Reflect::get(&init, &name.into()).unwrap_or(JsValue::UNDEFINED);
                seen.borrow_mut().push(Call {
                    url: url.as_string().unwrap_or_default(),
                    signal: get("signal").dyn_into().ok(),
                    credentials: get("credentials"),
                    cache: get("cache"),
                });
                match answer.borrow().clone() {
                    Reply::Answer(status, body) => {
                        let init = ResponseInit::new();
                        init.set_status(status);
                        let body = (!body.is_empty() || status != 204).then_some(body);
                        let response =
                            Response::new_with_opt_str_and_init(body.as_deref(), &init).unwrap();
                        Promise::resolve(&JsValue::from(response))
                    }
                    Reply::Fail => Promise::reject(&js_sys::TypeError::new("fetch failed").into()),
                    Reply::Hang => Promise::new(&mut |_, _| {}),
                }
            },
        );
        let global = js_sys::global();
        let original = Reflect::get(&global, &"fetch".into()).unwrap();
        Reflect::set(&global, &"fetch".into(), closure.as_ref()).unwrap();
        Self {
            calls,
            reply,
            original,
            _closure: closure,
        }
    }

    /// Answers `reply` from now on.
    pub(crate) fn answer(&self, reply: Reply) {
        *self.reply.borrow_mut() = reply;
    }

    pub(crate) fn count(&self) -> usize {
        self.calls.borrow().len()
    }
}

impl Drop for ScriptedFetch {
    fn drop(&mut self) {
        let _ = Reflect::set(&js_sys::global(), &"fetch".into(), &self.original);
    }
}

/// Waits for the next turns of the event loop.
pub(crate) async fn settle() {
    sleep(0).await;
}

/// Waits `milliseconds` on a real timer.
pub(crate) async fn sleep(milliseconds: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        let set_timeout: Function = Reflect::get(&js_sys::global(), &"setTimeout".into())
            .unwrap()
            .unchecked_into();
        set_timeout
            .call2(&JsValue::NULL, &resolve, &milliseconds.into())
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// A token shaped as the library mints them, issued at `iat` for `exp`, with a signature of the
/// right length that no key made: what a page, which has no key, accepts.
pub(crate) fn unsigned_token(iat: u64, exp: u64, lwicontexts: &str) -> String {
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    let header = r#"{"alg":"RS256","typ":"JWT"}"#;
    let claims = serde_json::json!({
        "iss": "contosohelp.com",
        "sub": "87b4d06c-abc2-e811-a9b0-000d3a10e09e",
        "iat": iat,
        "exp": exp,
        "lwicontexts": lwicontexts,
    });
    format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(claims.to_string()),
        URL_SAFE_NO_PAD.encode([7u8; 256])
    )
}

/// The current Unix second, from `Date.now()`.
pub(crate) fn date_now() -> u64 {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let seconds = (js_sys::Date::now() / 1000.0) as u64;
    seconds
}

/// A source of `/chat/token`, checked against the table's struct, at a clock the test moves.
pub(crate) fn source_at(seconds: u64) -> (TokenSource, TestClock) {
    let clock = TestClock::at(seconds);
    (
        TokenSource::from_url::<ChatContext>("/chat/token").clock(clock.clone()),
        clock,
    )
}
