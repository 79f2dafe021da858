//! Routes 2 and 3: `auth_client_function` and `chat_sdk_get_auth_token`.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use js_sys::{Function, Reflect};
use lwicontext::wasm::{auth_client_function, chat_sdk_get_auth_token, promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{NOW, Reply, ScriptedFetch, sleep, source_at, token};

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
async fn promise_resolves_and_rejects_with_the_futures_outcome() {
    let resolved = promise(async {
        sleep(5).await;
        Ok(JsValue::from_str("done"))
    });
    assert_eq!(JsFuture::from(resolved).await.unwrap(), "done");
    let rejected = promise(async { Err(JsValue::from_f64(4.0)) });
    assert_eq!(JsFuture::from(rejected).await.unwrap_err(), 4.0);
}
