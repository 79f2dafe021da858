//! The shared table of token cases, judged by this wasm build: `check_token` with the table's
//! clock gives the `checkToken` column's code, rules, reasons and warnings, case by case, as
//! Rust native (`tests/token_cases.rs`) and the JavaScript glue (`tests/js/glue.test.mjs`) do.

use lwicontext::diagnose::{DiagnoseOptions, ErrorCode, check_token};
use lwicontext::token::FixedClock;
use lwicontext::wasm::AuthTokenError;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::chat_context::ChatContext;
use crate::support::table;

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item.as_str().unwrap())
        .collect()
}

#[wasm_bindgen_test]
fn check_token_agrees_with_the_table_on_every_case() {
    let table = table();
    let cases = table["cases"].as_array().unwrap();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    let (mut accepted, mut typed) = (0, 0);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let token = case["token"].as_str().unwrap();
        let expected = &case["checkToken"];
        let options = DiagnoseOptions::new()
            .clock(FixedClock::at_unix_seconds(case["now"].as_u64().unwrap()));
        match check_token::<ChatContext>(token, &options) {
            Ok(checked) => {
                assert_eq!(expected["errorCode"], Value::Null, "{name}");
                let warnings: Vec<&str> =
                    checked.warnings.iter().map(|w| w.rule.as_str()).collect();
                assert_eq!(warnings, strings(&expected["warnings"]), "{name}");
                accepted += 1;
                typed += 1;
            }
            Err(refused) if refused.errors.is_empty() => {
                // The widget takes it; this struct cannot hold its context.
                assert_eq!(expected["errorCode"], Value::Null, "{name}");
                assert!(refused.context.is_some(), "{name}");
                accepted += 1;
            }
            Err(refused) => {
                assert_eq!(
                    Some(u64::from(refused.code.code())),
                    expected["errorCode"].as_u64(),
                    "{name}"
                );
                let rules: Vec<&str> = refused.errors.iter().map(|f| f.rule.as_str()).collect();
                assert_eq!(rules, strings(&expected["errors"]), "{name}");
                // What a page sees: the same code, rules and reasons, word for word.
                let error = AuthTokenError::from(refused);
                let reasons: Vec<&str> = error.reasons.iter().map(String::as_str).collect();
                assert_eq!(reasons, strings(&expected["reasons"]), "{name}");
                assert_eq!(
                    error.rule.map(lwicontext::rules::Rule::as_str),
                    rules.first().copied(),
                    "{name}"
                );
            }
        }
    }
    assert!(
        accepted >= 12 && typed >= 10,
        "{accepted} accepted, {typed} read into the struct"
    );
}

#[wasm_bindgen_test]
fn the_valid_token_reads_back_into_the_struct() {
    let options = DiagnoseOptions::new().clock(FixedClock::at_unix_seconds(crate::support::NOW));
    let checked = check_token::<ChatContext>(&crate::support::token("valid"), &options).unwrap();
    assert_eq!(
        (checked.context.cart_value, checked.context.is_vip),
        (10_000, false)
    );
    assert_eq!(checked.expires_at, Some(crate::support::VALID_EXP));
}

/// `lwicontext::wasm::check_token` reads the time from `Date.now()`: the table's tokens, judged
/// at 2027-01-15, are long expired or not yet valid now, whichever today is.
#[wasm_bindgen_test]
fn wasm_check_token_reads_the_clock_of_the_page() {
    let now = js_sys::Date::now() / 1000.0;
    assert!(now > 1.7e9, "Date.now() gave {now}");
    let at_table = f64::from(u32::try_from(crate::support::NOW).unwrap());
    let error =
        lwicontext::wasm::check_token::<ChatContext>(&crate::support::token("valid")).unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidToken);
    let expected = if now < at_table {
        "not_yet_valid"
    } else {
        "expired"
    };
    assert!(
        error.rules.iter().any(|rule| rule.as_str() == expected),
        "{:?}",
        error.rules
    );
    // Only the token's last characters are named.
    assert_eq!(error.token_tail.chars().count(), 3, "{}", error.token_tail);
}

/// In JavaScript the error is an `Error` named `AuthTokenError`, with the glue's properties.
#[wasm_bindgen_test]
fn the_error_is_a_javascript_error_with_the_glues_properties() {
    let error = lwicontext::wasm::check_token::<ChatContext>("").unwrap_err();
    assert_eq!(error.code, ErrorCode::NoToken);
    let js = JsValue::from(error);
    let get = |name: &str| js_sys::Reflect::get(&js, &name.into()).unwrap();
    assert!(js.is_instance_of::<js_sys::Error>());
    assert_eq!(get("name").as_string().as_deref(), Some("AuthTokenError"));
    assert_eq!(
        get("message").as_string().as_deref(),
        Some(ErrorCode::NoToken.message())
    );
    assert_eq!(get("code").as_f64(), Some(3.0));
    assert_eq!(get("rule").as_string().as_deref(), Some("empty"));
    assert_eq!(js_sys::Array::from(&get("reasons")).length(), 1);
}

/// The exported `checkToken` (no struct: any variables) gives the context as an object, the
/// expiry and the warnings, or refuses with the rule.
#[wasm_bindgen_test]
fn exported_check_token_gives_the_context_as_an_object() {
    let now = crate::support::date_now();
    let token = crate::support::unsigned_token(
        now,
        now + 900,
        r#"{"msdyn_cartvalue":10000,"msdyn_isvip":"true"}"#,
    );
    let checked = lwicontext::wasm::check_token_js(&token).unwrap();
    let get = |at: &JsValue, name: &str| js_sys::Reflect::get(at, &name.into()).unwrap();
    let context = get(&checked, "context");
    assert_eq!(get(&context, "msdyn_cartvalue").as_f64(), Some(10_000.0));
    assert_eq!(
        get(&context, "msdyn_isvip").as_string().as_deref(),
        Some("true")
    );
    #[allow(clippy::cast_precision_loss)]
    let exp = (now + 900) as f64;
    assert_eq!(get(&checked, "expiresAt").as_f64(), Some(exp));

    let refused = lwicontext::wasm::check_token_js("eyJ.x").unwrap_err();
    assert_eq!(refused.code, ErrorCode::InvalidToken);
    assert_eq!(
        refused.rule.map(lwicontext::rules::Rule::as_str),
        Some("not_three_parts")
    );
}
