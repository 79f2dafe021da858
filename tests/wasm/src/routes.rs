//! The three routes: `install_auth_token_provider` against a STAND-IN of the hosted widget
//! script's `setAuthTokenProvider` (Microsoft's script is hosted and closed source, so it cannot
//! run here), `auth_client_function` and `chat_sdk_get_auth_token`.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use js_sys::{Function, Object, Reflect};
use lwicontext::ErrorCode;
use lwicontext::wasm::{
    AuthTokenError, TokenSource, auth_client_function, chat_sdk_get_auth_token,
    install_auth_token_provider,
};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{CustomEvent, Event, EventTarget};

use crate::chat_context::ChatContext;
use crate::support::{NOW, Reply, ScriptedFetch, TestClock, VALID_EXP, settle, sleep, token};

/// STAND-IN of `window.Microsoft.Omnichannel.LiveChatWidget.SDK`, as documented:
/// `setAuthTokenProvider(provider)` throws unless `provider` is a function, calls it at once, and
/// keeps only what its callback received in that same tick; a later callback is lost.
struct StandIn {
    window: EventTarget,
    /// What each provider set handed over in time: the token, or None.
    kept: Rc<RefCell<Vec<Option<String>>>>,
    /// Callbacks made after the provider returned.
    late: Rc<Cell<u32>>,
    /// Every `lcw:error` raised on the window: (errorCode, errorDescription).
    errors: Rc<RefCell<Vec<(f64, String)>>>,
    _listener: Closure<dyn FnMut(Event)>,
}

impl StandIn {
    /// A window, without the widget's SDK until `load()`.
    fn window() -> Self {
        let window = EventTarget::new().unwrap();
        let errors = Rc::new(RefCell::new(Vec::new()));
        let raised = Rc::clone(&errors);
        let listener = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
            let detail = event.unchecked_into::<CustomEvent>().detail();
            let get = |name: &str| Reflect::get(&detail, &name.into()).unwrap();
            raised.borrow_mut().push((
                get("errorCode").as_f64().unwrap(),
                get("errorDescription").as_string().unwrap(),
            ));
        });
        window
            .add_event_listener_with_callback("lcw:error", listener.as_ref().unchecked_ref())
            .unwrap();
        Reflect::set(&js_sys::global(), &"window".into(), &window).unwrap();
        Self {
            window,
            kept: Rc::default(),
            late: Rc::default(),
            errors,
            _listener: listener,
        }
    }

    /// The hosted script has loaded: the SDK is there, and `lcw:ready` is raised.
    fn load(&self, set_auth_token_provider: Option<Function>) {
        let set = set_auth_token_provider.unwrap_or_else(|| self.set_auth_token_provider());
        let sdk = Object::new();
        Reflect::set(&sdk, &"setAuthTokenProvider".into(), &set).unwrap();
        let mut at = JsValue::from(sdk);
        for name in ["SDK", "LiveChatWidget", "Omnichannel", "Microsoft"] {
            let outer = Object::new();
            Reflect::set(&outer, &name.into(), &at).unwrap();
            at = outer.into();
        }
        let microsoft = Reflect::get(&at, &"Microsoft".into()).unwrap();
        Reflect::set(&self.window, &"Microsoft".into(), &microsoft).unwrap();
        self.window
            .dispatch_event(&Event::new("lcw:ready").unwrap())
            .unwrap();
    }

    fn set_auth_token_provider(&self) -> Function {
        let (kept, late) = (Rc::clone(&self.kept), Rc::clone(&self.late));
        Closure::<dyn Fn(JsValue) -> Result<(), JsValue>>::new(move |provider: JsValue| {
            let provider: Function = provider
                .dyn_into()
                .map_err(|_| js_sys::Error::new("authTokenProvider is not a function"))?;
            let open = Rc::new(Cell::new(true));
            let received: Rc<RefCell<Option<Option<String>>>> = Rc::default();
            let (is_open, into, late) = (Rc::clone(&open), Rc::clone(&received), Rc::clone(&late));
            let callback = Closure::<dyn Fn(JsValue)>::new(move |token: JsValue| {
                if is_open.get() {
                    into.borrow_mut().get_or_insert(token.as_string());
                } else {
                    late.set(late.get() + 1);
                }
            })
            .into_js_value();
            provider.call1(&JsValue::NULL, &callback)?;
            open.set(false);
            kept.borrow_mut()
                .push(received.borrow_mut().take().flatten());
            Ok(())
        })
        .into_js_value()
        .unchecked_into()
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        let _ = Reflect::delete_property(&js_sys::global(), &"window".into());
    }
}

/// Every error `on_error` got.
fn collect_errors() -> (
    Rc<RefCell<Vec<AuthTokenError>>>,
    impl Fn(AuthTokenError) + 'static,
) {
    let errors: Rc<RefCell<Vec<AuthTokenError>>> = Rc::default();
    let into = Rc::clone(&errors);
    (errors, move |error| into.borrow_mut().push(error))
}

fn source_at(seconds: u64) -> (TokenSource, TestClock) {
    let clock = TestClock::at(seconds);
    (
        TokenSource::from_url::<ChatContext>("/chat/token").clock(clock.clone()),
        clock,
    )
}

#[wasm_bindgen_test]
async fn the_provider_waits_for_lcw_ready_and_calls_back_at_once() {
    let fetch = ScriptedFetch::new(Reply::Answer(200, token("valid")));
    let widget = StandIn::window();
    let (source, _clock) = source_at(NOW);
    let (errors, on_error) = collect_errors();
    let provider = install_auth_token_provider(&source, on_error);
    settle().await;
    assert_eq!(
        fetch.count(),
        1,
        "the token is fetched while the widget loads"
    );
    assert!(
        widget.kept.borrow().is_empty(),
        "nothing is set before lcw:ready"
    );
    widget.load(None);
    provider.ready().await;
    assert_eq!(*widget.kept.borrow(), [Some(token("valid"))]);
    assert_eq!(widget.late.get(), 0);
    assert_eq!(
        fetch.count(),
        1,
        "the token fetched early is the one handed over"
    );
    assert!(errors.borrow().is_empty());
    provider.stop();
}

#[wasm_bindgen_test]
async fn with_the_sdk_there_the_provider_is_set_at_once_and_again_before_expiry() {
    let fetch = ScriptedFetch::new(Reply::Answer(200, token("valid")));
    let widget = StandIn::window();
    widget.load(None);
    // 2 s before exp: kept for half of that, so due in 1 s.
    let (source, clock) = source_at(VALID_EXP - 2);
    let source = source.refresh_margin(Duration::from_mins(1));
    let provider = install_auth_token_provider(&source, |_| {});
    provider.ready().await;
    assert_eq!(widget.kept.borrow().len(), 1);
    clock.set(VALID_EXP - 1);
    sleep(1300).await;
    assert_eq!(
        *widget.kept.borrow(),
        [Some(token("valid")), Some(token("valid"))]
    );
    assert_eq!(
        fetch.count(),
        2,
        "a fresh token was fetched for the second provider"
    );
    provider.stop();
    sleep(1300).await;
    assert_eq!(widget.kept.borrow().len(), 2, "stop() ends the refreshes");
}

#[wasm_bindgen_test]
async fn a_failure_goes_to_on_error_and_to_lcw_error_and_refresh_tries_again() {
    let fetch = ScriptedFetch::new(Reply::Answer(401, String::new()));
    let widget = StandIn::window();
    widget.load(None);
    let (source, _clock) = source_at(NOW);
    let (errors, on_error) = collect_errors();
    let provider = install_auth_token_provider(&source, on_error);
    provider.ready().await;
    assert!(
        widget.kept.borrow().is_empty(),
        "no provider without a token"
    );
    assert_eq!(
        errors.borrow().iter().map(|e| e.code).collect::<Vec<_>>(),
        [ErrorCode::NoToken]
    );
    assert_eq!(
        *widget.errors.borrow(),
        [(3.0, ErrorCode::NoToken.message().to_owned())]
    );
    // The user signs in; the page asks for a refresh.
    fetch.answer(Reply::Answer(200, token("valid")));
    provider.refresh().await;
    assert_eq!(*widget.kept.borrow(), [Some(token("valid"))]);
    assert_eq!(errors.borrow().len(), 1);
    provider.stop();
}

#[wasm_bindgen_test]
async fn a_refresh_that_fails_with_code_2_is_tried_again_after_a_second() {
    let fetch = ScriptedFetch::new(Reply::Answer(200, token("valid")));
    let widget = StandIn::window();
    widget.load(None);
    let (source, clock) = source_at(VALID_EXP - 2);
    let (errors, on_error) = collect_errors();
    let provider = install_auth_token_provider(&source, on_error);
    provider.ready().await;
    // Due in 1 s; then the network fails once.
    clock.set(VALID_EXP - 1);
    fetch.answer(Reply::Fail);
    sleep(1200).await;
    assert_eq!(
        errors.borrow().iter().map(|e| e.code).collect::<Vec<_>>(),
        [ErrorCode::ProviderFailed]
    );
    fetch.answer(Reply::Answer(200, token("valid")));
    sleep(1200).await;
    assert_eq!(widget.kept.borrow().len(), 2, "set again after the retry");
    assert_eq!(errors.borrow().len(), 1);
    provider.stop();
}

#[wasm_bindgen_test]
async fn a_missing_sdk_or_a_throwing_one_is_code_2() {
    let _fetch = ScriptedFetch::new(Reply::Answer(200, token("valid")));
    let widget = StandIn::window();
    let (source, _clock) = source_at(NOW);
    let (errors, on_error) = collect_errors();
    let provider = install_auth_token_provider(&source, on_error);
    // lcw:ready without the SDK.
    widget
        .window
        .dispatch_event(&Event::new("lcw:ready").unwrap())
        .unwrap();
    provider.ready().await;
    assert!(
        errors.borrow()[0]
            .reason
            .contains("setAuthTokenProvider is not there")
    );
    provider.stop();

    let throwing: Function = Closure::<dyn Fn() -> Result<(), JsValue>>::new(|| {
        Err(js_sys::Error::new("widget broke").into())
    })
    .into_js_value()
    .unchecked_into();
    widget.load(Some(throwing));
    let (errors, on_error) = collect_errors();
    let provider = install_auth_token_provider(&source, on_error);
    provider.ready().await;
    let error = &errors.borrow()[0];
    assert_eq!(error.code, ErrorCode::ProviderFailed);
    assert!(
        error
            .reason
            .contains("setAuthTokenProvider threw: widget broke"),
        "{error}"
    );
    provider.stop();
}

/// Calls `function(callback)` and waits for the callback: what it was given, and how often.
async fn client_function_answer(function: &Function) -> (JsValue, u32) {
    let given: Rc<RefCell<Vec<JsValue>>> = Rc::default();
    let into = Rc::clone(&given);
    let (promise, resolve) = {
        let mut opened = None;
        let promise = js_sys::Promise::new(&mut |resolve, _| opened = Some(resolve));
        (promise, opened.unwrap())
    };
    let callback = Closure::<dyn Fn(JsValue)>::new(move |token: JsValue| {
        into.borrow_mut().push(token.clone());
        resolve.call0(&JsValue::NULL).unwrap();
    });
    function.call1(&JsValue::NULL, callback.as_ref()).unwrap();
    JsFuture::from(promise).await.unwrap();
    sleep(20).await;
    let given = given.borrow();
    (given[0].clone(), u32::try_from(given.len()).unwrap())
}

#[wasm_bindgen_test]
async fn the_client_function_calls_back_once_with_the_token_or_null() {
    let fetch = ScriptedFetch::new(Reply::Answer(200, token("valid")));
    let (source, _clock) = source_at(NOW);
    let function = auth_client_function(&source);
    assert_eq!(
        client_function_answer(&function).await,
        (token("valid").into(), 1)
    );
    source.clear();
    fetch.answer(Reply::Answer(500, String::new()));
    assert_eq!(client_function_answer(&function).await, (JsValue::NULL, 1));
    // Called without a callback, it throws a TypeError.
    let thrown = function
        .call1(&JsValue::NULL, &"not a function".into())
        .unwrap_err();
    assert!(thrown.is_instance_of::<js_sys::TypeError>());
}

#[wasm_bindgen_test]
async fn the_client_function_answers_null_before_the_widgets_ten_seconds() {
    let _fetch = ScriptedFetch::new(Reply::Hang);
    let (source, _clock) = source_at(NOW);
    let source = source.timeout(Duration::from_mins(1));
    let started = js_sys::Date::now();
    let answer = client_function_answer(&auth_client_function(&source)).await;
    let waited = js_sys::Date::now() - started;
    assert_eq!(answer, (JsValue::NULL, 1));
    assert!(
        (8_900.0..10_000.0).contains(&waited),
        "answered after {waited} ms"
    );
}

#[wasm_bindgen_test]
async fn get_auth_token_resolves_the_token_or_null_and_rejects_otherwise() {
    let fetch = ScriptedFetch::new(Reply::Answer(200, token("valid")));
    let (source, _clock) = source_at(NOW);
    let get_auth_token = chat_sdk_get_auth_token(&source);
    let call = || {
        JsFuture::from(js_sys::Promise::from(
            get_auth_token.call0(&JsValue::NULL).unwrap(),
        ))
    };
    assert_eq!(call().await.unwrap().as_string(), Some(token("valid")));
    for (reply, outcome) in [
        (Reply::Answer(401, String::new()), None),
        (Reply::Answer(200, String::new()), None),
        (Reply::Fail, Some(2.0)),
        (Reply::Answer(200, token("one_second_after_exp")), Some(4.0)),
    ] {
        source.clear();
        fetch.answer(reply);
        match (call().await, outcome) {
            (Ok(token), None) => assert!(token.is_null()),
            (Err(error), Some(code)) => {
                assert_eq!(
                    Reflect::get(&error, &"code".into()).unwrap().as_f64(),
                    Some(code)
                );
                assert_eq!(
                    Reflect::get(&error, &"name".into())
                        .unwrap()
                        .as_string()
                        .as_deref(),
                    Some("AuthTokenError")
                );
            }
            (answer, outcome) => panic!("{answer:?} where {outcome:?} was expected"),
        }
    }
}

#[wasm_bindgen_test]
async fn stop_ends_the_waits_of_ready_and_refresh() {
    let _fetch = ScriptedFetch::new(Reply::Answer(200, token("valid")));
    // No SDK and no lcw:ready: nothing would ever settle.
    let widget = StandIn::window();
    let (source, _clock) = source_at(NOW);
    let provider = install_auth_token_provider(&source, |_| {});
    let waits: js_sys::Array = [provider.ready_promise(), provider.refresh_promise()]
        .into_iter()
        .map(JsValue::from)
        .collect();
    // Both are waiting by now.
    settle().await;
    provider.stop();
    let timeout = js_sys::Promise::new(&mut |resolve, _| {
        let set_timeout: Function = Reflect::get(&js_sys::global(), &"setTimeout".into())
            .unwrap()
            .unchecked_into();
        set_timeout
            .call3(&JsValue::NULL, &resolve, &500.into(), &"timed out".into())
            .unwrap();
    });
    let all = js_sys::Promise::all(&waits);
    let raced: js_sys::Array = [JsValue::from(all), JsValue::from(timeout)]
        .into_iter()
        .collect();
    let first = JsFuture::from(js_sys::Promise::race(&raced)).await.unwrap();
    assert_ne!(first.as_string().as_deref(), Some("timed out"));
    assert!(widget.kept.borrow().is_empty());
}
