//! Properties of minted tokens over random contexts: any valid context signs into a token that
//! `jsonwebtoken` verifies and `diagnose` finds nothing wrong with; JavaScript's `JSON.parse`
//! and `jose` read the same values and verify the same tokens (`tests/js/properties.test.mjs`,
//! run from here); and no mutation of a valid token (a byte changed, a part dropped, a claim
//! changed and re-encoded without signing again) is judged valid by `diagnose` with the key.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use lwicontext::context::{Encoding, JsonContext};
use lwicontext::diagnose::{DiagnoseOptions, Severity, diagnose};
use lwicontext::token::{Clock as _, TokenBuilder};
use proptest::prelude::*;
use proptest::strategy::ValueTree as _;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{Value, json};

use common::signer;

/// One variable's value, as the page's code would see it in JavaScript.
#[derive(Clone, Debug)]
enum Primitive {
    Text(String),
    Integer(i64),
    /// A finite float that JavaScript holds exactly as written: at most 15 significant digits.
    Float(f64),
    Flag(bool),
}

impl Primitive {
    /// The value as JSON text, as `JsonContext::set_json` takes it.
    fn json(&self) -> String {
        match self {
            Self::Text(text) => serde_json::to_string(text).unwrap(),
            Self::Integer(number) => number.to_string(),
            Self::Float(number) => number.to_string(),
            Self::Flag(flag) => flag.to_string(),
        }
    }

    /// The value as its text: what the `string` encoding sends.
    fn text(&self) -> String {
        match self {
            Self::Text(text) => text.clone(),
            other => other.json(),
        }
    }
}

const SAFE: i64 = (1 << 53) - 1;

fn primitive() -> impl Strategy<Value = Primitive> {
    prop_oneof![
        // Any text, control characters and astral planes included, within the value limit.
        prop::string::string_regex("(?s).{0,80}")
            .unwrap()
            .prop_map(Primitive::Text),
        (-SAFE..=SAFE).prop_map(Primitive::Integer),
        (-999_999_999_999i64..=999_999_999_999, 0u32..=9).prop_map(|(mantissa, scale)| {
            #[allow(clippy::cast_precision_loss)]
            let value = mantissa as f64 / 10f64.powi(scale.cast_signed());
            Primitive::Float(value)
        }),
        any::<bool>().prop_map(Primitive::Flag),
    ]
}

/// Up to 30 variables with distinct names of 1 to 100 characters, any Unicode.
fn context() -> impl Strategy<Value = BTreeMap<String, Primitive>> {
    prop::collection::btree_map(
        prop::string::string_regex("(?s).{1,40}").unwrap(),
        primitive(),
        0..30,
    )
}

fn json_context(variables: &BTreeMap<String, Primitive>) -> JsonContext {
    let mut context = JsonContext::default();
    for (name, value) in variables {
        context.set_json(name.clone(), &value.json()).unwrap();
    }
    context
}

fn mint(lwicontexts: String) -> String {
    TokenBuilder::new("contosohelp.com", "87b4d06c-abc2-e811-a9b0-000d3a10e09e")
        .lwicontexts(lwicontexts)
        .sign(&signer())
        .unwrap()
}

fn with_key() -> DiagnoseOptions {
    DiagnoseOptions::new().public_key(signer().public_key().clone())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_valid_context_mints_a_token_that_verifies_and_diagnoses_clean(
        variables in context(),
        encoding in prop::sample::select(Encoding::ALL.to_vec()),
    ) {
        let lwicontexts = json_context(&variables).to_lwicontexts(encoding).unwrap();
        let token = mint(lwicontexts.clone());
        let key = DecodingKey::from_rsa_pem(signer().public_key_pem().as_bytes()).unwrap();
        let claims = jsonwebtoken::decode::<Value>(&token, &key, &Validation::new(Algorithm::RS256))
            .unwrap()
            .claims;
        prop_assert_eq!(claims["lwicontexts"].as_str(), Some(lwicontexts.as_str()));
        // Read back with serde_json: every variable, with its value.
        let parsed: serde_json::Map<String, Value> = serde_json::from_str(&lwicontexts).unwrap();
        prop_assert_eq!(parsed.len(), variables.len());
        for (name, value) in &variables {
            let sent = match encoding {
                Encoding::Nested => &parsed[name]["value"],
                _ => &parsed[name],
            };
            match (encoding, value) {
                (Encoding::Native, Primitive::Text(text)) => prop_assert_eq!(sent.as_str(), Some(text.as_str())),
                (Encoding::Native, Primitive::Integer(number)) => prop_assert_eq!(sent.as_i64(), Some(*number)),
                (Encoding::Native, Primitive::Float(number)) => prop_assert_eq!(sent.as_f64(), Some(*number)),
                (Encoding::Native, Primitive::Flag(flag)) => prop_assert_eq!(sent.as_bool(), Some(*flag)),
                (_, value) => {
                    let text = value.text();
                    prop_assert_eq!(sent.as_str(), Some(text.as_str()));
                }
            }
        }
        let diagnosis = diagnose(&token, &with_key());
        let wrong: Vec<_> = diagnosis
            .findings
            .iter()
            .filter(|finding| finding.severity != Severity::Note)
            .collect();
        prop_assert!(wrong.is_empty(), "{}", diagnosis);
    }
}

/// Ways to spoil a token without its key.
#[derive(Clone, Debug)]
enum Mutation {
    /// The character at this fraction of the token becomes this one.
    Byte(prop::sample::Index, char),
    /// One of the three parts goes.
    DropPart(usize),
    /// A claim changes, and the payload is encoded again; the signature stays.
    Claim(&'static str, Value),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let alphabet: Vec<char> =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ "
            .chars()
            .collect();
    prop_oneof![
        4 => (any::<prop::sample::Index>(), prop::sample::select(alphabet))
            .prop_map(|(at, to)| Mutation::Byte(at, to)),
        1 => (0usize..3).prop_map(Mutation::DropPart),
        2 => prop_oneof![
            Just(("sub", json!("someone-else"))),
            Just(("exp", json!(4_000_000_000u64))),
            Just(("iss", json!("attacker.example"))),
            Just(("lwicontexts", json!(r#"{"msdyn_isvip":"true"}"#))),
        ]
        .prop_map(|(claim, value)| Mutation::Claim(claim, value)),
    ]
}

fn mutate(token: &str, mutation: &Mutation) -> String {
    let parts: Vec<&str> = token.split('.').collect();
    match mutation {
        Mutation::Byte(at, to) => {
            let at = at.index(token.len());
            format!("{}{to}{}", &token[..at], &token[at + 1..])
        }
        Mutation::DropPart(part) => {
            let mut kept = parts.clone();
            kept.remove(*part);
            kept.join(".")
        }
        Mutation::Claim(claim, value) => {
            let mut claims: Value =
                serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
            claims[*claim] = value.clone();
            let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
            format!("{}.{payload}.{}", parts[0], parts[2])
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn no_mutation_of_a_valid_token_is_judged_valid_with_the_key(
        variables in context(),
        mutation in mutation(),
    ) {
        let token = mint(json_context(&variables).to_lwicontexts(Encoding::String).unwrap());
        prop_assert_eq!(diagnose(&token, &with_key()).error, None);
        let mutated = mutate(&token, &mutation);
        if mutated != token {
            let diagnosis = diagnose(&mutated, &with_key());
            prop_assert!(diagnosis.error.is_some(), "{:?} left a valid token: {}", mutation, diagnosis);
        }
    }
}

/// 200 random contexts, minted in the `native` and `string` encodings, handed to node:
/// `jose` verifies every token, and `JSON.parse(payload.lwicontexts)` gives each value as
/// Rust sent it. And 300 mutated tokens, on which the glue's `checkToken` says what `diagnose`
/// says without the key.
#[test]
fn javascript_reads_the_same_values_and_jose_verifies_every_token() {
    let js = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js");
    assert!(
        js.join("node_modules/jose").is_dir(),
        "jose is not installed: run `npm ci` in tests/js (scripts/test-all does)"
    );
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
    );
    let strategy = context();
    let mut cases = Vec::new();
    for _ in 0..200 {
        let variables = strategy.new_tree(&mut runner).unwrap().current();
        let expected: Vec<Value> = variables
            .iter()
            .map(|(name, value)| {
                let kind = match value {
                    Primitive::Text(_) => "string",
                    Primitive::Integer(_) | Primitive::Float(_) => "number",
                    Primitive::Flag(_) => "boolean",
                };
                json!({ "name": name, "kind": kind, "text": value.text() })
            })
            .collect();
        for encoding in [Encoding::Native, Encoding::String] {
            let token = mint(json_context(&variables).to_lwicontexts(encoding).unwrap());
            cases.push(
                json!({ "token": token, "encoding": encoding.as_str(), "variables": expected }),
            );
        }
    }
    // Mutated tokens, with what diagnose says of them without the key, as a page has none:
    // the glue's checkToken must say the same.
    let now = lwicontext::token::SystemClock.unix_seconds();
    let page = DiagnoseOptions::new()
        .clock(lwicontext::token::FixedClock::at_unix_seconds(now))
        .schema_of::<common::ChatContext>();
    let mutations = (context(), mutation());
    let mut mutated = Vec::new();
    for _ in 0..300 {
        let (variables, mutation) = mutations.new_tree(&mut runner).unwrap().current();
        let token = mint(
            json_context(&variables)
                .to_lwicontexts(Encoding::String)
                .unwrap(),
        );
        let spoiled = mutate(&token, &mutation);
        let diagnosis = diagnose(&spoiled, &page);
        let errors: Vec<&str> = diagnosis
            .findings
            .iter()
            .filter(|finding| finding.severity == Severity::Error)
            .map(|finding| finding.rule.as_str())
            .collect();
        mutated.push(json!({
            "token": spoiled,
            "errorCode": diagnosis.error.map(lwicontext::diagnose::ErrorCode::code),
            "errors": errors,
        }));
    }
    let fixtures = json!({
        "publicKeyPem": signer().public_key_pem(),
        "cases": cases,
        "now": now,
        "mutated": mutated,
    });
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("properties.json");
    std::fs::write(&path, fixtures.to_string()).unwrap();
    let output = Command::new("node")
        .arg("--test")
        .arg(js.join("properties.test.mjs"))
        .env("LWICONTEXT_FIXTURES", &path)
        .current_dir(&js)
        .output()
        .expect("node is needed for this test");
    let report = String::from_utf8_lossy(&output.stdout);
    println!("{report}{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "see node's report above");
    assert!(
        report.contains("# pass 3") && report.contains("# fail 0"),
        "{report}"
    );
}
