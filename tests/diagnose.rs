//! `diagnose`: one test per rule, the HS256 placeholder from Microsoft's reference page, and a
//! property test that no input makes it panic or print a whole token.

mod common;

use std::time::{Duration, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use lwicontext::diagnose::{DiagnoseOptions, ErrorCode, Severity, diagnose};
use lwicontext::keys::{KeySet, Signer};
use lwicontext::rules::{Rule, Side};
use lwicontext::token::{FixedClock, TokenBuilder};
use proptest::prelude::*;
use serde_json::{Value, json};

use common::{ReferenceSample, signer};

/// The token on Microsoft's setAuthTokenProvider page: HS256, a placeholder.
const REFERENCE_HS256: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI4N2I0ZDA2Yy1hYmMyLWU4MTEtYTliMC0wMDBkM2ExMGUwOWUiLCJsd2ljb250ZXh0cyI6IntcIm1zZHluX2NhcnR2YWx1ZVwiOlwiMTAwMDBcIiwgXCJtc2R5bl9pc3ZpcFwiOlwiZmFsc2VcIn0iLCJpYXQiOjE1NDI2MjIwNzEsImlzcyI6ImNvbnRvc29oZWxwLmNvbSIsImV4cCI6MTU0MjYyNTY3MiwibmJmIjoxNTQyNjIyMDcyfQ.r37z1M5rMyRYMOJ-rhyTRYFOgvl9N7KvTMueSFPkiuM";
const NOW: u64 = 1_542_622_100;

fn at_now() -> DiagnoseOptions {
    DiagnoseOptions::new().clock(FixedClock::at_unix_seconds(NOW))
}

fn rules(token: &str, options: &DiagnoseOptions) -> Vec<(Severity, Rule)> {
    diagnose(token, options)
        .findings
        .iter()
        .map(|finding| (finding.severity, finding.rule))
        .collect()
}

/// A token with these header and claims, signed by `signer()` whatever the header says.
fn forge(header: &Value, claims: &Value) -> String {
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    // Sign through a real token, then splice its signature: only RS256 signatures are needed.
    let real = TokenBuilder::new("x", "y").sign(&signer()).unwrap();
    let signature = real.rsplit('.').next().unwrap();
    format!("{input}.{signature}")
}

fn good_claims() -> Value {
    json!({"iss": "contosohelp.com", "sub": "87b4", "iat": NOW, "nbf": NOW, "exp": NOW + 900,
           "lwicontexts": r#"{"msdyn_cartvalue":"10000"}"#})
}

fn rs256() -> Value {
    json!({"alg": "RS256", "typ": "JWT"})
}

#[test]
fn a_minted_token_is_accepted() {
    let token = TokenBuilder::new("contosohelp.com", "87b4")
        .context(&ReferenceSample {
            cart_value: 10000,
            is_vip: false,
        })
        .clock(FixedClock::at_unix_seconds(NOW))
        .sign(&signer())
        .unwrap();
    let options = at_now()
        .public_key(signer().public_key().clone())
        .schema_of::<ReferenceSample>();
    let diagnosis = diagnose(&token, &options);
    assert_eq!(diagnosis.error, None, "{diagnosis}");
    assert!(diagnosis.findings.is_empty(), "{diagnosis}");
    assert_eq!(diagnosis.claims.as_ref().unwrap()["sub"], "87b4");
    let context = diagnosis.context.as_ref().unwrap();
    assert_eq!(
        context.entries().next(),
        Some(("msdyn_cartvalue", r#""10000""#))
    );
    assert!(
        diagnosis
            .to_string()
            .contains("the widget and Omnichannel would accept it\n")
    );
    // Without a key: accepted, with a note that the signature was not checked.
    assert_eq!(
        rules(&token, &at_now()),
        [(Severity::Note, Rule::SignatureNotChecked)]
    );
    assert!(
        diagnose(&token, &at_now())
            .to_string()
            .contains("if the signature verifies")
    );
    // But never unsigned, or with something that cannot be an RSA signature.
    let unsigned = &token[..=token.rfind('.').unwrap()];
    let short = format!("{unsigned}c2ln");
    let garbage = format!("{unsigned}!!!");
    for bad in [unsigned, &short, &garbage] {
        let diagnosis = diagnose(bad, &at_now());
        assert_eq!(
            diagnosis.error,
            Some(ErrorCode::InvalidToken),
            "{diagnosis}"
        );
        assert_eq!(
            diagnosis.findings[0].rule,
            Rule::BadSignature,
            "{diagnosis}"
        );
    }
}

#[test]
fn the_reference_pages_placeholder_is_refused_for_its_algorithm() {
    let options = DiagnoseOptions::new().clock(FixedClock::at_unix_seconds(1_542_622_072));
    let diagnosis = diagnose(REFERENCE_HS256, &options);
    assert_eq!(diagnosis.error, Some(ErrorCode::InvalidToken));
    // exp − iat is 3601 s there: a second over the hour the warning allows.
    assert_eq!(
        rules(REFERENCE_HS256, &options),
        [
            (Severity::Error, Rule::NotRs256),
            (Severity::Warning, Rule::LongLifetime)
        ]
    );
    assert!(
        diagnosis.findings[0].message.contains("HS256"),
        "{diagnosis}"
    );
    // Everything else about it is fine, and decodes.
    assert_eq!(diagnosis.claims.as_ref().unwrap()["iss"], "contosohelp.com");
    assert_eq!(diagnosis.context.as_ref().unwrap().entries().len(), 2);
    // Today it is also long expired.
    let today = rules(REFERENCE_HS256, &DiagnoseOptions::new());
    assert!(
        today.contains(&(Severity::Error, Rule::Expired)),
        "{today:?}"
    );
}

/// As the widget judges: only nothing (null, undefined, "") is no token; any text, even the
/// word `null`, is a token, and not one of three parts.
#[test]
fn only_nothing_is_error_3() {
    let diagnosis = diagnose("", &at_now());
    assert_eq!(diagnosis.error, Some(ErrorCode::NoToken));
    assert_eq!(diagnosis.findings[0].rule, Rule::Empty);
    assert_eq!(diagnosis.findings[0].refused_by, Some(Side::Widget));
    for text in ["   ", "null", "undefined", "null\n"] {
        let diagnosis = diagnose(text, &at_now());
        assert_eq!(diagnosis.error, Some(ErrorCode::InvalidToken), "{text:?}");
        assert_eq!(diagnosis.findings[0].rule, Rule::NotThreeParts, "{text:?}");
    }
    assert!(
        diagnose("null", &at_now()).findings[0]
            .message
            .contains("the word")
    );
}

#[test]
fn malformed_tokens_are_error_4() {
    let cases: [(&str, Rule); 6] = [
        ("abc", Rule::NotThreeParts),
        ("a.b", Rule::NotThreeParts),
        ("a.b.c.d", Rule::NotThreeParts),
        ("!!!.e30.sig", Rule::BadHeader),
        ("e30.e30.sig", Rule::NotRs256),
        ("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.sig", Rule::BadPayload),
    ];
    for (token, rule) in cases {
        let diagnosis = diagnose(token, &at_now());
        assert_eq!(diagnosis.error, Some(ErrorCode::InvalidToken), "{token}");
        assert!(
            diagnosis.findings.iter().any(|f| f.rule == rule),
            "{token}: {diagnosis}"
        );
    }
    let none = forge(&json!({"typ": "JWT"}), &good_claims());
    assert!(rules(&none, &at_now()).contains(&(Severity::Error, Rule::NotRs256)));
    let es256 = forge(&json!({"alg": "ES256"}), &good_claims());
    assert!(rules(&es256, &at_now()).contains(&(Severity::Error, Rule::NotRs256)));
}

#[test]
fn required_claims_and_times() {
    for missing in ["iss", "sub", "iat", "exp"] {
        let mut claims = good_claims();
        claims.as_object_mut().unwrap().remove(missing);
        let found = rules(&forge(&rs256(), &claims), &at_now());
        assert!(
            found.contains(&(Severity::Error, Rule::MissingClaim)),
            "{missing}: {found:?}"
        );
    }
    let mut claims = good_claims();
    claims["sub"] = json!(42);
    assert!(
        rules(&forge(&rs256(), &claims), &at_now())
            .contains(&(Severity::Error, Rule::MissingClaim))
    );

    // A 13-digit exp: the widget reads milliseconds and accepts the token; a warning names the
    // risk where exp is read as seconds. Read as milliseconds, it expires as the widget says.
    let mut claims = good_claims();
    claims["exp"] = json!((NOW + 900) * 1000);
    let diagnosis = diagnose(&forge(&rs256(), &claims), &at_now());
    assert_eq!(diagnosis.error, None, "{diagnosis}");
    assert_eq!(
        rules(&forge(&rs256(), &claims), &at_now()),
        [
            (Severity::Warning, Rule::Milliseconds),
            (Severity::Note, Rule::SignatureNotChecked)
        ]
    );
    assert!(
        diagnosis.findings[0].message.contains("millennia"),
        "{diagnosis}"
    );
    claims["exp"] = json!((NOW - 1) * 1000);
    assert!(
        rules(&forge(&rs256(), &claims), &at_now()).contains(&(Severity::Error, Rule::Expired))
    );

    // The widget judges expiry as now > exp: during second exp the token is still good, and
    // one second later it is expired unless the leeway covers it.
    let mut claims = good_claims();
    claims["exp"] = json!(NOW);
    let token = forge(&rs256(), &claims);
    assert!(!rules(&token, &at_now()).contains(&(Severity::Error, Rule::Expired)));
    claims["exp"] = json!(NOW - 1);
    let token = forge(&rs256(), &claims);
    assert!(rules(&token, &at_now()).contains(&(Severity::Error, Rule::Expired)));
    let lenient = at_now().leeway(Duration::from_secs(30));
    assert!(!rules(&token, &lenient).contains(&(Severity::Error, Rule::Expired)));

    let mut claims = good_claims();
    claims["nbf"] = json!(NOW + 60);
    assert!(
        rules(&forge(&rs256(), &claims), &at_now()).contains(&(Severity::Error, Rule::NotYetValid))
    );

    let mut claims = good_claims();
    claims["iat"] = json!(NOW + 60);
    assert!(
        rules(&forge(&rs256(), &claims), &at_now())
            .contains(&(Severity::Warning, Rule::IssuedInFuture))
    );
}

#[test]
fn warnings_do_not_refuse_the_token() {
    let mut claims = good_claims();
    claims["exp"] = json!(NOW + 2 * 3600);
    claims["email"] = json!("ada@contoso.com");
    claims["given_name"] = json!("Ada");
    let diagnosis = diagnose(&forge(&rs256(), &claims), &at_now());
    assert_eq!(diagnosis.error, None, "{diagnosis}");
    let warnings: Vec<Rule> = diagnosis
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .map(|f| f.rule)
        .collect();
    assert_eq!(warnings, [Rule::LongLifetime, Rule::IdentityClaims]);
    assert!(
        diagnosis.findings[1].message.contains("email, given_name"),
        "{diagnosis}"
    );
}

#[test]
fn lwicontexts_rules() {
    let with_context = |context: Value| {
        let mut claims = good_claims();
        claims["lwicontexts"] = context;
        forge(&rs256(), &claims)
    };
    let cases: Vec<(Value, Rule)> = vec![
        (json!({"msdyn_cartvalue": "1"}), Rule::ContextNotString),
        (json!("not json"), Rule::ContextNotObject),
        (json!(r#"["a"]"#), Rule::ContextNotObject),
        (json!(r#"{"msdyn_tags":["a","b"]}"#), Rule::NotPrimitive),
        (
            json!(r#"{"msdyn_address":{"city":"Oslo"}}"#),
            Rule::NotPrimitive,
        ),
        (
            json!(format!(r#"{{"{}":"1"}}"#, "n".repeat(101))),
            Rule::InvalidName,
        ),
        (json!(r#"{"":"1"}"#), Rule::InvalidName),
        (
            json!(r#"{"a":"1","b":"2","a":"3"}"#),
            Rule::RepeatedVariable,
        ),
        (json!(r#"{"a":"\ud800x"}"#), Rule::NotPrimitive),
        (
            json!(format!(r#"{{"msdyn_notes":"{}"}}"#, "x".repeat(4001))),
            Rule::ValueTooLong,
        ),
        (
            json!(format!(
                "{{{}}}",
                (0..101)
                    .map(|i| format!(r#""v{i}":1"#))
                    .collect::<Vec<_>>()
                    .join(",")
            )),
            Rule::TooManyVariables,
        ),
    ];
    for (context, rule) in cases {
        let found = rules(&with_context(context.clone()), &at_now());
        assert!(
            found.contains(&(Severity::Error, rule)),
            "{context}: {found:?}"
        );
    }
    // The nested form and native values are legal.
    let nested = with_context(json!(
        r#"{"msdyn_cartvalue":{"value":"1","isDisplayable":true},"msdyn_isvip":false}"#
    ));
    assert_eq!(diagnose(&nested, &at_now()).error, None);
}

#[test]
fn unknown_variables_are_named_with_a_suggestion() {
    let mut claims = good_claims();
    claims["lwicontexts"] = json!(r#"{"msdyn_cartvalu":"1","msdyn_isvip":"true"}"#);
    let options = at_now().schema_of::<ReferenceSample>();
    let diagnosis = diagnose(&forge(&rs256(), &claims), &options);
    assert_eq!(diagnosis.error, Some(ErrorCode::InvalidToken));
    let unknown: Vec<&str> = diagnosis
        .findings
        .iter()
        .filter(|f| f.rule == Rule::UnknownVariable)
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(unknown.len(), 1, "{diagnosis}");
    assert!(
        unknown[0].contains("`msdyn_cartvalu`")
            && unknown[0].contains("did you mean `msdyn_cartvalue`?"),
        "{}",
        unknown[0]
    );
}

#[test]
fn signatures_and_key_sets() {
    let a = signer().with_kid("a");
    let other = Signer::generate(2048).unwrap().with_kid("b");
    let token = TokenBuilder::new("i", "s")
        .clock(FixedClock::at_unix_seconds(NOW))
        .sign(&a)
        .unwrap();

    let wrong_key = at_now().public_key(other.public_key().clone());
    assert!(rules(&token, &wrong_key).contains(&(Severity::Error, Rule::BadSignature)));

    let later = UNIX_EPOCH + Duration::from_secs(NOW + 86_400);
    let mut set = KeySet::new();
    set.add_signer(&a, later)
        .unwrap()
        .add_signer(&other, later)
        .unwrap();
    assert_eq!(diagnose(&token, &at_now().key_set(set.clone())).error, None);

    let mut only_b = KeySet::new();
    only_b.add_signer(&other, later).unwrap();
    assert!(
        rules(&token, &at_now().key_set(only_b)).contains(&(Severity::Error, Rule::UnknownKid))
    );

    let no_kid = TokenBuilder::new("i", "s")
        .clock(FixedClock::at_unix_seconds(NOW))
        .sign(&signer())
        .unwrap();
    assert!(rules(&no_kid, &at_now().key_set(set)).contains(&(Severity::Error, Rule::MissingKid)));

    let mut expired = KeySet::new();
    expired
        .add_signer(&a, UNIX_EPOCH + Duration::from_secs(NOW - 1))
        .unwrap();
    assert!(
        rules(&token, &at_now().key_set(expired)).contains(&(Severity::Error, Rule::KeyExpired))
    );

    // A changed payload no longer verifies.
    let parts: Vec<&str> = token.split('.').collect();
    let mut claims: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    claims["sub"] = json!("someone else");
    let tampered = format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(claims.to_string()),
        parts[2]
    );
    let right_key = at_now().public_key(a.public_key().clone());
    assert!(rules(&tampered, &right_key).contains(&(Severity::Error, Rule::BadSignature)));
}

#[test]
fn the_report_escapes_control_characters() {
    let mut claims = good_claims();
    claims["iss"] = json!("\u{1b}[31mred\u{7}");
    claims["lwicontexts"] = json!("{\"\u{1b}]0;title\u{7}\":\"\u{1b}[2J\"}");
    let text = diagnose(&forge(&rs256(), &claims), &at_now()).to_string();
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(text.contains("\\u{1b}[31mred"), "{text}");
    // The token's tail too.
    let text = diagnose("a.b.c\u{1b}c", &at_now()).to_string();
    assert!(!text.contains('\u{1b}'), "{text:?}");
}

#[test]
fn the_report_shows_only_the_tokens_tail() {
    let token = TokenBuilder::new("i", "s").sign(&signer()).unwrap();
    let diagnosis = diagnose(&token, &DiagnoseOptions::new());
    let text = diagnosis.to_string();
    let json = diagnosis.to_json().to_string();
    let signature = token.rsplit('.').next().unwrap();
    assert!(!text.contains(signature) && !json.contains(signature));
    assert_eq!(diagnosis.token_tail, token[token.len() - 3..]);
    assert!(text.contains(&format!("…{}", &token[token.len() - 3..])));
    assert_eq!(diagnosis.to_json()["accepted"], true);
}

/// Any JSON value, small.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            proptest::collection::btree_map("[a-z]{1,4}", inner, 0..4)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// Claims drawn from the names the rules read, with any values, and a `lwicontexts` that is
/// any JSON text.
fn any_claims() -> impl Strategy<Value = Value> {
    const NAMES: [&str; 8] = [
        "iss",
        "sub",
        "iat",
        "nbf",
        "exp",
        "email",
        "lwicontexts",
        "aud",
    ];
    (
        proptest::collection::vec((proptest::sample::select(&NAMES[..]), any_json()), 0..8),
        proptest::option::of(any_json().prop_map(|json| Value::from(json.to_string()))),
    )
        .prop_map(|(pairs, context)| {
            let mut claims: serde_json::Map<String, Value> =
                pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
            if let Some(context) = context {
                claims.insert("lwicontexts".into(), context);
            }
            Value::Object(claims)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn never_panics_on_any_claims(
        alg in proptest::sample::select(vec!["RS256", "HS256", "none", ""]),
        kid in proptest::option::of("[a-c]"),
        claims in any_claims(),
    ) {
        let mut header = json!({"alg": alg, "typ": "JWT"});
        if let Some(kid) = kid {
            header["kid"] = json!(kid);
        }
        let token = forge(&header, &claims);
        let mut keys = KeySet::new();
        keys.add_signer(&signer().with_kid("a"), UNIX_EPOCH + Duration::from_secs(NOW + 60)).unwrap();
        for options in [at_now(), at_now().key_set(keys).schema_of::<ReferenceSample>()] {
            let diagnosis = diagnose(&token, &options);
            let refused = diagnosis.findings.iter().any(|f| f.severity == Severity::Error);
            prop_assert_eq!(diagnosis.error.is_some(), refused);
            let shown = format!("{diagnosis}{}", diagnosis.to_json());
            prop_assert!(!shown.contains(token.rsplit('.').next().unwrap()));
        }
    }

    #[test]
    fn never_panics_on_any_text(text in any::<String>()) {
        let diagnosis = diagnose(&text, &at_now());
        prop_assert!(diagnosis.error.is_some());
    }

    #[test]
    fn never_panics_on_any_three_parts(
        header in proptest::collection::vec(any::<u8>(), 0..64),
        payload in proptest::collection::vec(any::<u8>(), 0..128),
        signature in "[A-Za-z0-9_-]{0,50}",
    ) {
        let token = format!("{}.{}.{signature}", URL_SAFE_NO_PAD.encode(&header), URL_SAFE_NO_PAD.encode(&payload));
        let options = at_now().public_key(signer().public_key().clone());
        let diagnosis = diagnose(&token, &options);
        prop_assert_eq!(diagnosis.error, Some(ErrorCode::InvalidToken));
        let shown = format!("{diagnosis}{}", diagnosis.to_json());
        prop_assert!(token.len() < 8 || !shown.contains(&token));
    }
}

/// A hostile token: 100,000 variables that the schema lacks. Each rule reports its first five
/// cases and how many more, and the report lists what Omnichannel could take, then a count.
#[test]
fn a_token_with_100000_variables_gets_a_bounded_diagnosis() {
    let context: serde_json::Map<String, Value> = (0..100_000)
        .map(|i| (format!("v{i}"), Value::from("x")))
        .collect();
    let mut claims = good_claims();
    claims["lwicontexts"] = Value::from(Value::Object(context).to_string());
    let token = forge(&rs256(), &claims);
    let options = at_now().variable_names(["msdyn_cartvalue"]);
    let diagnosis = diagnose(&token, &options);
    let unknown: Vec<&str> = diagnosis
        .findings
        .iter()
        .filter(|finding| finding.rule == Rule::UnknownVariable)
        .map(|finding| finding.message.as_str())
        .collect();
    assert_eq!(unknown.len(), 6, "{unknown:?}");
    assert!(unknown[0].contains("`v0`"), "{}", unknown[0]);
    assert_eq!(
        unknown[5],
        "and 99995 more findings of rule `unknown_variable` (the first 5 are above)"
    );
    assert!(
        diagnosis.findings.len() < 20,
        "{}",
        diagnosis.findings.len()
    );
    let report = diagnosis.to_string();
    assert!(
        report.lines().count() < 160,
        "{} lines",
        report.lines().count()
    );
    assert!(report.contains("  … and 99900 more\n"), "{report}");
    assert!(report.len() < 20_000, "{} bytes", report.len());
}
