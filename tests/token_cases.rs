//! One table of token cases that `diagnose` and Microsoft's own widget code judge alike.
//!
//! Each case says what the widget's page script decides (Microsoft's
//! `@microsoft/omnichannel-chat-widget` 1.8.3: only the format and `exp`), and which error code
//! the chat ends with once Omnichannel's server has checked the rest. This test checks that
//! `diagnose` agrees case by case, and writes the table to `tests/cases/tokens.json`, a golden
//! file (`UPDATE_GOLDEN=1` writes it anew: review the diff). `tests/js/widget.test.mjs` runs the
//! widget's code from the npm package over the same file, so the three agree.

mod common;

use aws_lc_rs::hmac;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use lwicontext::LwiContext;
use lwicontext::context::Encoding;
use lwicontext::diagnose::{
    DiagnoseOptions, Diagnosis, ErrorCode, Severity, check_token, diagnose,
};
use lwicontext::keys::Signer;
use lwicontext::rules::Side;
use lwicontext::token::{FixedClock, TokenBuilder};
use serde_json::{Value, json};

use common::{ChatContext, ReferenceSample, key, sign_forged, signer};

/// When every case is judged: 2027-01-15, Unix seconds.
const NOW: u64 = 1_800_000_000;

/// What the widget's page script does with a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Widget {
    Accepts,
    Refuses,
}

struct Case {
    name: &'static str,
    token: String,
    widget: Widget,
    /// The error code the chat ends with, from the widget or the server.
    code: Option<u8>,
}

fn case(name: &'static str, token: impl Into<String>, widget: Widget, code: Option<u8>) -> Case {
    Case {
        name,
        token: token.into(),
        widget,
        code,
    }
}

fn claims() -> Value {
    json!({"iss": "contosohelp.com", "sub": "87b4d06c-abc2-e811-a9b0-000d3a10e09e",
           "iat": NOW - 60, "nbf": NOW - 60, "exp": NOW + 840,
           "lwicontexts": r#"{"msdyn_cartvalue":"10000","msdyn_isvip":"false"}"#})
}

fn rs256() -> Value {
    json!({"alg": "RS256", "typ": "JWT"})
}

/// `claims` with `name` set to `value`, or removed for `Value::Null`.
fn with(name: &str, value: Value) -> Value {
    let mut claims = claims();
    match value {
        Value::Null => drop(claims.as_object_mut().unwrap().remove(name)),
        value => claims[name] = value,
    }
    claims
}

/// A token as the library mints it, at `NOW`.
fn minted(encoding: Encoding) -> String {
    let context = ReferenceSample {
        cart_value: 10000,
        is_vip: false,
    };
    TokenBuilder::new("contosohelp.com", "87b4d06c-abc2-e811-a9b0-000d3a10e09e")
        .lwicontexts(context.to_lwicontexts_as(encoding).unwrap())
        .clock(FixedClock::at_unix_seconds(NOW))
        .sign(&signer())
        .unwrap()
}

/// An HS256 token, like the placeholder on Microsoft's setAuthTokenProvider page, with valid
/// times.
fn hs256() -> String {
    let header = URL_SAFE_NO_PAD.encode(json!({"alg": "HS256", "typ": "JWT"}).to_string());
    let payload = URL_SAFE_NO_PAD.encode(claims().to_string());
    let input = format!("{header}.{payload}");
    let tag = hmac::sign(
        &hmac::Key::new(hmac::HMAC_SHA256, b"a shared secret"),
        input.as_bytes(),
    );
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(tag.as_ref()))
}

/// A `lwicontexts` with `count` variables, all of the schema's names and more.
fn many_variables(count: usize) -> String {
    let entries: Vec<String> = (0..count)
        .map(|i| format!(r#""msdyn_v{i}":"{i}""#))
        .collect();
    format!("{{{}}}", entries.join(","))
}

/// `header.payload.signature` with parts given as text, the payload base64url-encoded.
fn parts(header: &Value, payload: &str, signature: &str) -> String {
    format!(
        "{}.{}.{signature}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(payload)
    )
}

#[allow(clippy::too_many_lines, reason = "a table, one case after another")]
fn cases() -> Vec<Case> {
    use Widget::{Accepts, Refuses};
    let valid = sign_forged(&rs256(), &claims());
    let signature = valid.rsplit('.').next().unwrap().to_owned();
    let other = Signer::from_pem(&key("rsa3072.pkcs8.pem")).unwrap();
    let wrong_key = TokenBuilder::new("contosohelp.com", "87b4")
        .clock(FixedClock::at_unix_seconds(NOW))
        .sign(&other)
        .unwrap();
    vec![
        case("minted_string", minted(Encoding::String), Accepts, None),
        case("minted_native", minted(Encoding::Native), Accepts, None),
        case("minted_nested", minted(Encoding::Nested), Accepts, None),
        case("valid", valid.clone(), Accepts, None),
        // The widget: expired once now > exp, so still good during second exp.
        case(
            "at_exp_second",
            sign_forged(&rs256(), &with("exp", json!(NOW))),
            Accepts,
            None,
        ),
        case(
            "one_second_after_exp",
            sign_forged(&rs256(), &with("exp", json!(NOW - 1))),
            Refuses,
            Some(4),
        ),
        // 13 digits: the widget reads milliseconds, and accepts; a warning, no error.
        case(
            "exp_in_milliseconds",
            sign_forged(&rs256(), &with("exp", json!((NOW + 840) * 1000))),
            Accepts,
            None,
        ),
        case(
            "exp_in_milliseconds_past",
            sign_forged(&rs256(), &with("exp", json!((NOW - 60) * 1000))),
            Refuses,
            Some(4),
        ),
        // The widget reads 13 characters as milliseconds, even with a fraction: long expired.
        case(
            "exp_with_13_characters",
            sign_forged(&rs256(), &with("exp", json!(1_800_000_840.25))),
            Refuses,
            Some(4),
        ),
        // 16 digits are seconds to everyone: far off, a warning only.
        case(
            "exp_in_microseconds",
            sign_forged(&rs256(), &with("exp", json!((NOW + 840) * 1_000_000))),
            Accepts,
            None,
        ),
        // A falsy exp is "no expiry" to the widget; the server reads 1970.
        case(
            "exp_zero",
            sign_forged(&rs256(), &with("exp", json!(0))),
            Accepts,
            Some(4),
        ),
        // The widget compares a string as the number it holds; the server wants a number.
        case(
            "exp_string_in_past",
            sign_forged(&rs256(), &with("exp", json!((NOW - 60).to_string()))),
            Refuses,
            Some(4),
        ),
        // The widget reads neither alg nor signature; Omnichannel's server refuses.
        case("hs256_valid_times", hs256(), Accepts, Some(4)),
        case(
            "unsigned",
            format!("{}.", &valid[..valid.rfind('.').unwrap()]),
            Accepts,
            Some(4),
        ),
        case("wrong_key", wrong_key, Accepts, Some(4)),
        case(
            "no_exp",
            sign_forged(&rs256(), &with("exp", Value::Null)),
            Accepts,
            Some(4),
        ),
        case(
            "nbf_in_future",
            sign_forged(&rs256(), &with("nbf", json!(NOW + 600))),
            Accepts,
            Some(4),
        ),
        case(
            "lwicontexts_not_a_string",
            sign_forged(
                &rs256(),
                &with("lwicontexts", json!({"msdyn_cartvalue": "10000"})),
            ),
            Accepts,
            Some(4),
        ),
        case(
            "context_value_is_an_array",
            sign_forged(
                &rs256(),
                &with("lwicontexts", json!(r#"{"msdyn_tags":["a","b"]}"#)),
            ),
            Accepts,
            Some(4),
        ),
        case(
            "header_not_json",
            format!("bm90IGpzb24{}", &valid[valid.find('.').unwrap()..]),
            Accepts,
            Some(4),
        ),
        case(
            "payload_json_number",
            parts(&rs256(), "42", &signature),
            Accepts,
            Some(4),
        ),
        case(
            "payload_json_null",
            parts(&rs256(), "null", &signature),
            Refuses,
            Some(4),
        ),
        case(
            "payload_not_json",
            parts(&rs256(), "not json", &signature),
            Refuses,
            Some(4),
        ),
        case(
            "payload_not_base64",
            format!("{}.!!!.{signature}", &valid[..valid.find('.').unwrap()]),
            Refuses,
            Some(4),
        ),
        case("two_parts", "eyJhbGciOiJSUzI1NiJ9.e30", Refuses, Some(4)),
        case("empty", "", Refuses, Some(3)),
        // Text is a token, even the word: only null, undefined and "" are no token.
        case("the_word_null", "null", Refuses, Some(4)),
        case("the_word_undefined", "undefined", Refuses, Some(4)),
        case("white_space", "   ", Refuses, Some(4)),
        // The context against the schema and Omnichannel's limits.
        case(
            "unknown_variable",
            sign_forged(
                &rs256(),
                &with("lwicontexts", json!(r#"{"msdyn_cartvalu":"1"}"#)),
            ),
            Accepts,
            Some(4),
        ),
        case(
            "repeated_variable",
            sign_forged(
                &rs256(),
                &with(
                    "lwicontexts",
                    json!(r#"{"msdyn_cartvalue":"1","msdyn_cartvalue":"2"}"#),
                ),
            ),
            Accepts,
            Some(4),
        ),
        case(
            "too_many_variables",
            sign_forged(&rs256(), &with("lwicontexts", json!(many_variables(101)))),
            Accepts,
            Some(4),
        ),
        case(
            "value_too_long",
            sign_forged(
                &rs256(),
                &with(
                    "lwicontexts",
                    json!(format!(r#"{{"msdyn_tier":"{}"}}"#, "x".repeat(4001))),
                ),
            ),
            Accepts,
            Some(4),
        ),
        // At the limit, counted in UTF-16 code units as Dataverse counts: 4000 fit, 4002 do not.
        case(
            "value_at_the_limit",
            sign_forged(
                &rs256(),
                &with(
                    "lwicontexts",
                    json!(format!(r#"{{"msdyn_tier":"{}"}}"#, "😀".repeat(2000))),
                ),
            ),
            Accepts,
            None,
        ),
        case(
            "value_over_the_limit_in_utf16",
            sign_forged(
                &rs256(),
                &with(
                    "lwicontexts",
                    json!(format!(r#"{{"msdyn_tier":"{}"}}"#, "😀".repeat(2001))),
                ),
            ),
            Accepts,
            Some(4),
        ),
        // A name of 101 characters: one over the limit (and so not the work stream's).
        case(
            "name_over_the_limit",
            sign_forged(
                &rs256(),
                &with(
                    "lwicontexts",
                    json!(format!(r#"{{"{}":"1"}}"#, "n".repeat(101))),
                ),
            ),
            Accepts,
            Some(4),
        ),
        case(
            "empty_name",
            sign_forged(&rs256(), &with("lwicontexts", json!(r#"{"":"1"}"#))),
            Accepts,
            Some(4),
        ),
        case(
            "context_not_an_object",
            sign_forged(&rs256(), &with("lwicontexts", json!("[1,2]"))),
            Accepts,
            Some(4),
        ),
        case(
            "nested_value_is_an_object",
            sign_forged(
                &rs256(),
                &with(
                    "lwicontexts",
                    json!(r#"{"msdyn_tier":{"value":{"a":1},"isDisplayable":true}}"#),
                ),
            ),
            Accepts,
            Some(4),
        ),
        case(
            "missing_iss",
            sign_forged(&rs256(), &with("iss", Value::Null)),
            Accepts,
            Some(4),
        ),
        // Legal: warnings only.
        case(
            "issued_in_future",
            sign_forged(&rs256(), &with("iat", json!(NOW + 60))),
            Accepts,
            None,
        ),
        case(
            "long_lifetime",
            sign_forged(&rs256(), &with("exp", json!(NOW + 7200))),
            Accepts,
            None,
        ),
        case(
            "identity_claims",
            sign_forged(&rs256(), &with("email", json!("ada@contoso.com"))),
            Accepts,
            None,
        ),
    ]
}

/// The rule names of `diagnosis`'s findings of `severity`, in order.
fn rules(diagnosis: &Diagnosis, severity: Severity) -> Vec<&'static str> {
    diagnosis
        .findings
        .iter()
        .filter(|finding| finding.severity == severity)
        .map(|finding| finding.rule.as_str())
        .collect()
}

/// The typed `check_token` says what `diagnose` says without the key (`keyless`), and reads the
/// context into the struct; whether it did read it.
fn check_token_agrees(case: &Case, keyless: &Diagnosis, page: &DiagnoseOptions) -> bool {
    match check_token::<ChatContext>(&case.token, page) {
        Ok(checked) => {
            assert_eq!(keyless.error, None, "{}", case.name);
            if case.name == "valid" {
                assert_eq!(
                    (checked.context.cart_value, checked.context.is_vip),
                    (10000, false)
                );
            }
            assert_eq!(checked.expires_at, keyless.expires_at, "{}", case.name);
            let rules: Vec<_> = checked.warnings.iter().map(|w| w.rule).collect();
            let expected: Vec<_> = keyless
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Warning)
                .map(|f| f.rule)
                .collect();
            assert_eq!(rules, expected, "{}", case.name);
            true
        }
        Err(refused) if refused.errors.is_empty() => {
            // Accepted by diagnose, but the struct needs what this context lacks.
            assert_eq!(keyless.error, None, "{}", case.name);
            assert!(refused.context.is_some(), "{}: {refused}", case.name);
            false
        }
        Err(refused) => {
            assert_eq!(Some(refused.code), keyless.error, "{}", case.name);
            assert_eq!(
                refused
                    .errors
                    .iter()
                    .map(|f| f.rule.as_str())
                    .collect::<Vec<_>>(),
                rules(keyless, Severity::Error),
                "{}",
                case.name
            );
            false
        }
    }
}

#[test]
fn diagnose_agrees_with_the_widget_on_every_case() {
    let at_now = DiagnoseOptions::new()
        .clock(FixedClock::at_unix_seconds(NOW))
        .schema_of::<ChatContext>();
    // What Omnichannel's server has: the key. What the page has: no key.
    let server = at_now.clone().public_key(signer().public_key().clone());
    let page = at_now;
    let mut rows = Vec::new();
    let mut typed = 0;
    for case in cases() {
        let diagnosis = diagnose(&case.token, &server);
        let refused_by = |side| {
            diagnosis
                .findings
                .iter()
                .any(|finding| finding.refused_by == Some(side))
        };
        let widget = if refused_by(Side::Widget) {
            Widget::Refuses
        } else {
            Widget::Accepts
        };
        assert_eq!(widget, case.widget, "{}: {diagnosis}", case.name);
        let code = diagnosis.error.map(ErrorCode::code);
        assert_eq!(code, case.code, "{}: {diagnosis}", case.name);
        // Without the key, only the signature's own checks can tell: checkToken's column.
        let keyless = diagnose(&case.token, &page);
        // The typed check_token says what diagnose says, and reads the context into the struct.
        if check_token_agrees(&case, &keyless, &page) {
            typed += 1;
        }
        let signature_only = matches!(case.name, "wrong_key");
        assert_eq!(
            keyless.error.map(ErrorCode::code),
            if signature_only { None } else { code },
            "{}: {keyless}",
            case.name
        );
        let first_side = [Side::Widget, Side::Server]
            .into_iter()
            .find(|&side| refused_by(side))
            .map(Side::as_str);
        rows.push(json!({
            "name": case.name,
            "token": case.token,
            "now": NOW,
            "widget": match widget { Widget::Accepts => "accepts", Widget::Refuses => "refuses" },
            "errorCode": code,
            "refusedBy": first_side,
            "rules": diagnosis.findings.iter().map(|f| f.rule.as_str()).collect::<Vec<_>>(),
            "checkToken": {
                "errorCode": keyless.error.map(ErrorCode::code),
                "errors": rules(&keyless, Severity::Error),
                "reasons": keyless
                    .findings
                    .iter()
                    .filter(|f| f.severity == Severity::Error)
                    .map(|f| f.message.as_str())
                    .collect::<Vec<_>>(),
                "warnings": rules(&keyless, Severity::Warning),
            },
        }));
    }
    assert!(typed >= 10, "only {typed} tokens read back into the struct");
    for name in ["exp_in_milliseconds", "at_exp_second", "hs256_valid_times"] {
        assert!(rows.iter().any(|row| row["name"] == name), "{name}");
    }

    let table = json!({
        "about": "Token cases judged alike by lwicontext's diagnose (tests/token_cases.rs, which writes this file), by Microsoft's widget code (tests/js/widget.test.mjs) and by the generated glue's checkToken (tests/js/glue.test.mjs), at Unix second `now`, against the variables of tests/glue/chat_context.js. widget: what the widget's page script decides; errorCode: what the chat ends with, the server holding the key; refusedBy: who refuses first; rules: diagnose's findings with the key; checkToken: diagnose's verdict without the key (the page has none), its error rules in order and its warnings.",
        "variables": ChatContext::VARIABLES.iter().map(|v| v.name).collect::<Vec<_>>(),
        "cases": rows,
    });
    let text = serde_json::to_string_pretty(&table).unwrap() + "\n";
    let golden = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases/tokens.json");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(golden, &text).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(golden).unwrap_or_default(),
        text,
        "tests/cases/tokens.json is not what diagnose says now: UPDATE_GOLDEN=1 writes it anew"
    );
}
