//! Route 1: `install_auth_token_provider` against the stand-in of the hosted widget script.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use js_sys::{Function, Reflect};
use lwicontext::diagnose::ErrorCode;
use lwicontext::wasm::{AuthTokenError, install_auth_token_provider};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::Event;

use crate::standin::StandIn;
use crate::support::{NOW, Reply, ScriptedFetch, VALID_EXP, settle, sleep, source_at, token};

/// Every error `on_error` got.
fn collect_errors() -> (
    Rc<RefCell<Vec<AuthTokenError>>>,
    impl Fn(AuthTokenError) + 'static,
) {
    let errors: Rc<RefCell<Vec<AuthTokenError>>> = Rc::default();
    let into = Rc::clone(&errors);
    (errors, move |error| into.borrow_mut().push(error))
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

    // What is thrown is described in the generated glue's words: an Error by its name and
    // message, anything else as JavaScript's String() of it.
    let nameless = js_sys::Error::new("");
    nameless.set_name("TypeError");
    let bare: js_sys::Object = js_sys::Object::create(&JsValue::NULL.unchecked_into());
    for (thrown, described) in [
        (
            js_sys::Error::new("widget broke").into(),
            "Error: widget broke",
        ),
        (JsValue::from(nameless), "TypeError"),
        (JsValue::from_str("nope"), "nope"),
        (JsValue::from_f64(42.0), "42"),
        (JsValue::UNDEFINED, "undefined"),
        (JsValue::from(bare), "an object with no text"),
    ] {
        let throwing: Function =
            Closure::<dyn Fn() -> Result<(), JsValue>>::new(move || Err(thrown.clone()))
                .into_js_value()
                .unchecked_into();
        widget.load(Some(throwing));
        let (errors, on_error) = collect_errors();
        let provider = install_auth_token_provider(&source, on_error);
        provider.ready().await;
        let error = errors.borrow()[0].clone();
        assert_eq!(error.code, ErrorCode::ProviderFailed);
        assert_eq!(
            error.reason,
            format!("setAuthTokenProvider threw: {described}")
        );
        provider.stop();
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
