//! The token source's every path: fetched and cached, shared, refreshed at the margin, each
//! failure's code, the timeout, the closure, `clear()`.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use js_sys::{Array, Function, Promise, Reflect};
use lwicontext::diagnose::ErrorCode;
use lwicontext::wasm::{AuthTokenError, TokenSource};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::chat_context::ChatContext;
use crate::support::{
    NOW, Reply, ScriptedFetch, TestClock, VALID_EXP, settle, token, unsigned_token,
};

fn url_source(clock: &TestClock) -> TokenSource {
    TokenSource::from_url::<ChatContext>("/chat/token").clock(clock.clone())
}

async fn code_of(source: &TokenSource) -> (ErrorCode, AuthTokenError) {
    let error = source.token().await.unwrap_err();
    (error.code, error)
}

#[wasm_bindgen_test]
async fn a_url_token_is_fetched_checked_and_kept() {
    let fetch = ScriptedFetch::new(Reply::Answer(200, format!("{}\r\n", token("valid"))));
    let source = url_source(&TestClock::at(NOW));
    assert_eq!(source.token().await.unwrap(), token("valid"));
    assert_eq!(source.token().await.unwrap(), token("valid"));
    assert_eq!(
        fetch.count(),
        1,
        "the second call is answered from the cache"
    );
    let calls = fetch.calls.borrow();
    assert_eq!(calls[0].url, "/chat/token");
    assert_eq!(
        calls[0].credentials.as_string().as_deref(),
        Some("same-origin")
    );
    assert_eq!(calls[0].cache.as_string().as_deref(), Some("no-store"));
}

#[wasm_bindgen_test]
async fn concurrent_callers_share_one_fetch() {
    let fetch = ScriptedFetch::new(Reply::Answer(200, token("valid")));
    let source = url_source(&TestClock::at(NOW));
    let asked: Array = (0..3).map(|_| JsValue::from(source.get_token())).collect();
    let answers = Array::from(&JsFuture::from(Promise::all(&asked)).await.unwrap());
    assert_eq!(fetch.count(), 1);
    for answer in answers {
        assert_eq!(answer.as_string(), Some(token("valid")));
    }
}

#[wasm_bindgen_test]
async fn the_token_is_fetched_anew_at_the_refresh_margin() {
    let fetch = ScriptedFetch::new(Reply::Answer(200, token("valid")));
    let clock = TestClock::at(NOW);
    let source = url_source(&clock).refresh_margin(Duration::from_mins(1));
    source.token().await.unwrap();
    clock.set(VALID_EXP - 61);
    source.token().await.unwrap();
    assert_eq!(fetch.count(), 1, "kept until 60 s before exp");
    clock.set(VALID_EXP - 60);
    source.token().await.unwrap();
    assert_eq!(fetch.count(), 2, "fetched anew 60 s before exp");
}

#[wasm_bindgen_test]
async fn a_short_lived_token_is_kept_for_half_of_what_it_has_left() {
    let fetch = ScriptedFetch::new(Reply::Answer(200, token("valid")));
    let clock = TestClock::at(NOW);
    // 840 s left, a margin of 600 s: kept for 420 s.
    let source = url_source(&clock).refresh_margin(Duration::from_mins(10));
    source.token().await.unwrap();
    clock.set(NOW + 419);
    source.token().await.unwrap();
    assert_eq!(fetch.count(), 1);
    clock.set(NOW + 420);
    source.token().await.unwrap();
    assert_eq!(fetch.count(), 2);
}

#[wasm_bindgen_test]
async fn each_answer_of_the_url_gives_its_code() {
    let fetch = ScriptedFetch::new(Reply::Fail);
    let source = url_source(&TestClock::at(NOW));
    let cases = [
        (
            Reply::Answer(401, "no session".into()),
            ErrorCode::NoToken,
            "HTTP 401",
        ),
        (
            Reply::Answer(403, String::new()),
            ErrorCode::NoToken,
            "HTTP 403",
        ),
        (
            Reply::Answer(500, token("valid")),
            ErrorCode::ProviderFailed,
            "HTTP 500",
        ),
        (
            Reply::Answer(200, String::new()),
            ErrorCode::NoToken,
            "empty",
        ),
        (Reply::Answer(200, "\n".into()), ErrorCode::NoToken, "empty"),
        (Reply::Fail, ErrorCode::ProviderFailed, "fetch failed"),
        (
            Reply::Answer(200, token("one_second_after_exp")),
            ErrorCode::InvalidToken,
            "expired",
        ),
        (
            Reply::Answer(200, "null".into()),
            ErrorCode::InvalidToken,
            "is not a token",
        ),
    ];
    for (reply, expected, words) in cases {
        fetch.answer(reply);
        let (code, error) = code_of(&source).await;
        assert_eq!(code, expected, "{error}");
        assert!(error.to_string().contains(words), "{error}");
        if code == ErrorCode::NoToken {
            assert_eq!(
                error.rule.map(lwicontext::rules::Rule::as_str),
                Some("empty")
            );
        }
    }
    // A failure is not kept: the next call fetches again.
    let before = fetch.count();
    fetch.answer(Reply::Answer(200, token("valid")));
    assert_eq!(source.token().await.unwrap(), token("valid"));
    assert_eq!(fetch.count(), before + 1);
}

#[wasm_bindgen_test]
async fn an_expired_token_names_only_its_tail() {
    let _fetch = ScriptedFetch::new(Reply::Answer(200, token("one_second_after_exp")));
    let (_, error) = code_of(&url_source(&TestClock::at(NOW))).await;
    let whole = token("one_second_after_exp");
    assert_eq!(error.token_tail, whole[whole.len() - 3..]);
    assert!(!error.to_string().contains(&whole[..40]));
    assert!(!format!("{error:?}").contains(&whole[..40]));
}

#[wasm_bindgen_test]
async fn a_token_the_struct_cannot_hold_is_code_4() {
    let _fetch = ScriptedFetch::new(Reply::Answer(
        200,
        unsigned_token(NOW, NOW + 900, r#"{"msdyn_isvip":"true"}"#),
    ));
    let (code, error) = code_of(&url_source(&TestClock::at(NOW))).await;
    assert_eq!(code, ErrorCode::InvalidToken);
    assert_eq!(
        error.rule.map(lwicontext::rules::Rule::as_str),
        Some("missing_variable"),
        "{error}"
    );
    assert!(error.reason.contains("msdyn_cartvalue"), "{error}");
}

#[wasm_bindgen_test]
async fn no_answer_in_time_is_code_2_and_the_fetch_is_aborted() {
    let fetch = ScriptedFetch::new(Reply::Hang);
    let source = url_source(&TestClock::at(NOW)).timeout(Duration::from_millis(30));
    let (code, error) = code_of(&source).await;
    assert_eq!(code, ErrorCode::ProviderFailed);
    assert!(error.reason.contains("no token within 30 ms"), "{error}");
    let calls = fetch.calls.borrow();
    assert!(
        calls[0]
            .signal
            .as_ref()
            .is_some_and(web_sys::AbortSignal::aborted)
    );
}

#[wasm_bindgen_test]
async fn a_closure_gives_the_token_nothing_or_an_error() {
    let answer: Rc<RefCell<Result<Option<String>, String>>> = Rc::new(RefCell::new(Ok(None)));
    let given = Rc::clone(&answer);
    let calls = Rc::new(RefCell::new(0));
    let counted = Rc::clone(&calls);
    let source = TokenSource::from_fn::<ChatContext>(async move || {
        *counted.borrow_mut() += 1;
        given.borrow().clone().map_err(Into::into)
    })
    .clock(TestClock::at(NOW));
    assert_eq!(code_of(&source).await.0, ErrorCode::NoToken);
    *answer.borrow_mut() = Ok(Some(String::new()));
    assert_eq!(code_of(&source).await.0, ErrorCode::NoToken);
    *answer.borrow_mut() = Err("the session store is down".into());
    let (code, error) = code_of(&source).await;
    assert_eq!(code, ErrorCode::ProviderFailed);
    // The closure's own error, in its own words (its Display).
    assert_eq!(
        error.reason,
        "the token closure failed: the session store is down"
    );
    *answer.borrow_mut() = Ok(Some(token("valid")));
    assert_eq!(source.token().await.unwrap(), token("valid"));
    source.token().await.unwrap();
    assert_eq!(*calls.borrow(), 4);
}

/// A promise and what resolves it.
fn gate() -> (Promise, Function) {
    let mut open = None;
    let promise = Promise::new(&mut |resolve, _| open = Some(resolve));
    (promise, open.unwrap())
}

#[wasm_bindgen_test]
async fn clear_forgets_the_token_and_the_fetch_under_way() {
    let fetch = ScriptedFetch::new(Reply::Answer(200, token("valid")));
    let source = url_source(&TestClock::at(NOW));
    source.token().await.unwrap();
    source.clear();
    source.token().await.unwrap();
    assert_eq!(fetch.count(), 2, "fetched again after clear()");

    // A fetch under way when clear() is called is answered, but not kept.
    let (opened, open) = gate();
    let calls = Rc::new(RefCell::new(0));
    let counted = Rc::clone(&calls);
    let source = TokenSource::from_fn::<ChatContext>(async move || {
        *counted.borrow_mut() += 1;
        let answer = JsFuture::from(opened.clone()).await.map_err(|_| "gate")?;
        Ok(answer.as_string())
    })
    .clock(TestClock::at(NOW));
    let asked = source.get_token();
    settle().await;
    source.clear();
    open.call1(&JsValue::NULL, &token("valid").into()).unwrap();
    assert_eq!(
        JsFuture::from(asked).await.unwrap().as_string(),
        Some(token("valid"))
    );
    source.token().await.unwrap();
    assert_eq!(
        *calls.borrow(),
        2,
        "the answer from before clear() was not kept"
    );
}

#[wasm_bindgen_test]
async fn get_token_rejects_with_an_auth_token_error() {
    let _fetch = ScriptedFetch::new(Reply::Answer(401, String::new()));
    let source = url_source(&TestClock::at(NOW));
    let rejected = JsFuture::from(source.get_token()).await.unwrap_err();
    let get = |name: &str| Reflect::get(&rejected, &name.into()).unwrap();
    assert_eq!(get("name").as_string().as_deref(), Some("AuthTokenError"));
    assert_eq!(get("code").as_f64(), Some(3.0));
}
