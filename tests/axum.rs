//! The ready-made axum endpoints, called through `tower::ServiceExt::oneshot`: no sockets.

mod common;

use std::io::Write as _;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use axum::Router;
use axum::body::Body;
use axum::http::request::Parts;
use axum::http::{HeaderValue, Request, StatusCode, header};
use http_body_util::BodyExt as _;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use lwicontext::axum::{ChatEndpoints, ChatUser, SigningKeys};
use lwicontext::keys::{KeyError, KeySet, Signer};
use serde_json::Value;
use tower::ServiceExt as _;

use common::{ChatContext, key, signer};

/// The customer named by the `x-user` header; `x-user: nan` has a context that cannot be sent,
/// and `x-user: broken` makes the session store fail.
async fn customer(parts: Parts) -> Result<Option<ChatUser<ChatContext>>, std::io::Error> {
    let Some(user) = parts.headers.get("x-user").and_then(|v| v.to_str().ok()) else {
        return Ok(None);
    };
    if user == "broken" {
        return Err(std::io::Error::other("the session store is down"));
    }
    Ok(Some(ChatUser {
        sub: user.to_owned(),
        context: ChatContext {
            cart_value: 10000,
            is_vip: true,
            tier: Some("gold".into()),
            risk_score: Some(if user == "nan" { f64::NAN } else { 0.25 }),
            page: None,
        },
    }))
}

fn router(keys: SigningKeys) -> Router {
    // The defaults: tokens for 15 minutes, the glue named after the type, a 5-minute cache.
    Router::new().nest(
        "/chat",
        ChatEndpoints::new("contosohelp.com", keys, customer).router(),
    )
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

async fn get(router: &Router, path: &str, headers: &[(&str, &str)]) -> Answer {
    let mut request = Request::get(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = router
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        headers,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

fn validation() -> Validation {
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_issuer(&["contosohelp.com"]);
    validation
}

fn in_a_year() -> SystemTime {
    SystemTime::now() + Duration::from_hours(365 * 24)
}

#[tokio::test]
async fn token_statuses_and_headers() {
    let router = router(SigningKeys::one(signer().with_kid("k1")));

    let answer = get(&router, "/chat/token", &[("x-user", "ada")]).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.headers[header::CACHE_CONTROL], "no-store");
    assert_eq!(
        answer.headers[header::CONTENT_TYPE],
        "text/plain; charset=utf-8"
    );
    assert_eq!(answer.body.split('.').count(), 3);

    // No user: 401, and nothing to cache.
    let answer = get(&router, "/chat/token", &[]).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.headers[header::CACHE_CONTROL], "no-store");
    assert!(answer.body.is_empty());

    // A failing session store or a context that cannot be sent: 500, not to be cached.
    for user in ["broken", "nan"] {
        let answer = get(&router, "/chat/token", &[("x-user", user)]).await;
        assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR, "{user}");
        assert_eq!(answer.headers[header::CACHE_CONTROL], "no-store", "{user}");
        assert!(answer.body.is_empty(), "{user}: {}", answer.body);
    }
    // The public key's cache lifetime when the site sets none.
    let answer = get(&router, "/chat/publickey", &[]).await;
    assert_eq!(answer.headers[header::CACHE_CONTROL], "public, max-age=300");
}

#[tokio::test]
async fn public_keys_and_glue_carry_etags_and_cache_control() {
    let keys = SigningKeys::rotating([(signer().with_kid("k1"), in_a_year())], "k1").unwrap();
    let router = Router::new().nest(
        "/chat",
        ChatEndpoints::new("contosohelp.com", keys, customer)
            .cache_control(HeaderValue::from_static("public, max-age=60"))
            .router(),
    );
    for (path, content_type) in [
        ("/chat/publickey", "application/x-pem-file"),
        ("/chat/publickeys", "application/json"),
        ("/chat/chat_context.js", "text/javascript; charset=utf-8"),
        (
            "/chat/chat_context.d.ts",
            "application/typescript; charset=utf-8",
        ),
    ] {
        let answer = get(&router, path, &[]).await;
        assert_eq!(answer.status, StatusCode::OK, "{path}");
        assert_eq!(answer.headers[header::CONTENT_TYPE], content_type, "{path}");
        assert_eq!(
            answer.headers[header::CACHE_CONTROL],
            "public, max-age=60",
            "{path}"
        );
        let etag = answer.headers[header::ETAG].to_str().unwrap().to_owned();
        assert!(etag.starts_with('"') && etag.len() > 10, "{path}: {etag}");
        let again = get(&router, path, &[("if-none-match", &etag)]).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{path}");
        assert!(again.body.is_empty());
        let other = get(&router, path, &[("if-none-match", "\"other\"")]).await;
        assert_eq!(other.status, StatusCode::OK, "{path}");
    }
    let js = get(&router, "/chat/chat_context.js", &[]).await.body;
    assert_eq!(
        js,
        lwicontext::glue::render::<ChatContext>(&lwicontext::glue::GlueOptions::default()).js()
    );
    assert_eq!(
        get(&router, "/chat/nothing", &[]).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_token_verifies_against_publickey_and_publickeys() {
    let keys = SigningKeys::rotating([(signer().with_kid("k1"), in_a_year())], "k1").unwrap();
    let router = router(keys);
    let token = get(&router, "/chat/token", &[("x-user", "ada")]).await.body;

    let pem = get(&router, "/chat/publickey", &[]).await.body;
    let claims = jsonwebtoken::decode::<Value>(
        &token,
        &DecodingKey::from_rsa_pem(pem.as_bytes()).unwrap(),
        &validation(),
    )
    .unwrap()
    .claims;
    assert_eq!(claims["sub"], "ada");
    let context: Value = serde_json::from_str(claims["lwicontexts"].as_str().unwrap()).unwrap();
    assert_eq!(context["msdyn_cartvalue"], "10000");

    let set = KeySet::parse(&get(&router, "/chat/publickeys", &[]).await.body).unwrap();
    let entry = set.get("k1").unwrap();
    let key = DecodingKey::from_rsa_raw_components(entry.key.modulus(), entry.key.exponent());
    jsonwebtoken::decode::<Value>(&token, &key, &validation()).unwrap();
}

#[tokio::test]
async fn rotation_is_a_change_of_kid() {
    let a = signer().with_kid("2026-11");
    let b = Signer::from_pem(&key("rsa3072.pkcs8.pem"))
        .unwrap()
        .with_kid("2027-02");
    let keys = |current| {
        SigningKeys::rotating(
            [(a.clone(), in_a_year()), (b.clone(), in_a_year())],
            current,
        )
        .unwrap()
    };
    for (current, signer) in [("2026-11", &a), ("2027-02", &b)] {
        let router = router(keys(current));
        let token = get(&router, "/chat/token", &[("x-user", "ada")]).await.body;
        let header = jsonwebtoken::decode_header(&token).unwrap();
        assert_eq!(header.kid.as_deref(), Some(current));
        // The Public key URL serves both keys, whichever signs.
        let set = KeySet::parse(&get(&router, "/chat/publickeys", &[]).await.body).unwrap();
        assert_eq!(set.entries().len(), 2);
        assert_eq!(
            get(&router, "/chat/publickey", &[]).await.body,
            signer.public_key_pem()
        );
        let entry = set.get(current).unwrap();
        let key = DecodingKey::from_rsa_raw_components(entry.key.modulus(), entry.key.exponent());
        jsonwebtoken::decode::<Value>(&token, &key, &validation()).unwrap();
    }
    assert_eq!(
        SigningKeys::rotating([(a.clone(), in_a_year())], "2099-01").unwrap_err(),
        KeyError::UnknownKid {
            kid: "2099-01".into()
        }
    );
    assert_eq!(
        SigningKeys::rotating([(signer(), in_a_year())], "x").unwrap_err(),
        KeyError::MissingKid
    );
}

/// One key is rotation-ready from the first day: `/publickeys` serves it as the multi-key
/// form's one entry, under the signer's `kid` or, without one, the key's thumbprint, which the
/// token's header then names; the entry has no expiry.
#[tokio::test]
async fn one_key_is_served_in_the_multi_key_form_too() {
    for (signer, kid) in [
        (signer().with_kid("2026-11"), "2026-11".to_owned()),
        (signer(), signer().public_key().thumbprint()),
    ] {
        let router = router(SigningKeys::one(signer));
        let token = get(&router, "/chat/token", &[("x-user", "ada")]).await.body;
        let header = jsonwebtoken::decode_header(&token).unwrap();
        assert_eq!(header.kid.as_deref(), Some(kid.as_str()));
        let response = get(&router, "/chat/publickeys", &[]).await;
        assert_eq!(response.status, StatusCode::OK);
        let set = KeySet::parse(&response.body).unwrap();
        assert_eq!(set.entries().len(), 1);
        let entry = set.get(&kid).unwrap();
        assert_eq!(entry.expiry, None);
        let key = DecodingKey::from_rsa_raw_components(entry.key.modulus(), entry.key.exponent());
        jsonwebtoken::decode::<Value>(&token, &key, &validation()).unwrap();
    }
}

/// What `tracing` writes, captured.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().write(bytes)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn errors_are_logged_and_tokens_never() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let router = router(SigningKeys::one(signer().with_kid("k1")));
    let mut tokens = Vec::new();
    for _ in 0..3 {
        tokens.push(get(&router, "/chat/token", &[("x-user", "ada")]).await.body);
    }
    get(&router, "/chat/token", &[("x-user", "broken")]).await;
    get(&router, "/chat/token", &[("x-user", "nan")]).await;
    tracing::info!("the test's own line");

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("the test's own line"), "{logs}");
    assert!(logs.contains("the session store is down"), "{logs}");
    assert!(logs.contains("contoso_riskscore"), "{logs}");
    for token in &tokens {
        let (signing_input, signature) = token.rsplit_once('.').unwrap();
        for secret in [token.as_str(), signing_input, signature] {
            assert!(!logs.contains(secret), "a token in the logs: {logs}");
        }
    }
    writeln!(std::io::stderr(), "{logs}").unwrap();
}

/// The endpoints and their keys show no key material, however they are printed.
#[test]
fn endpoints_and_keys_show_no_key_material() {
    let token = lwicontext::token::TokenBuilder::new("contosohelp.com", "87b4")
        .sign(&signer())
        .unwrap();
    let secrets = common::secrets::Secrets::new(&token);
    let mut set = KeySet::new();
    set.add_signer(&signer().with_kid("k1"), in_a_year())
        .unwrap();
    for keys in [
        SigningKeys::one(signer()),
        SigningKeys::rotating([(signer().with_kid("k1"), in_a_year())], "k1").unwrap(),
        SigningKeys::published(signer().with_kid("k1"), set).unwrap(),
    ] {
        secrets.assert_clean("SigningKeys' Debug", &format!("{keys:?} {keys:#?}"));
        let endpoints = ChatEndpoints::new("contosohelp.com", keys, customer);
        secrets.assert_clean("ChatEndpoints' Debug", &format!("{endpoints:?}"));
    }
}

#[test]
fn signers_from_a_file_or_the_environment() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("signers_from");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("key.pem");
    std::fs::write(&path, key("rsa2048.pkcs8.pem")).unwrap();
    assert_eq!(
        Signer::from_file(&path).unwrap().public_key(),
        signer().public_key()
    );
    let missing = Signer::from_file(dir.join("missing.pem")).unwrap_err();
    assert!(matches!(missing, KeyError::Unreadable { .. }), "{missing}");
    assert!(missing.to_string().contains("missing.pem"), "{missing}");
    std::fs::write(dir.join("public.pem"), signer().public_key_pem()).unwrap();
    let public = Signer::from_file(dir.join("public.pem"))
        .unwrap_err()
        .to_string();
    assert!(
        public.contains("public.pem") && public.contains("public key"),
        "{public}"
    );

    let name = "LWICONTEXT_TEST_SIGNING_KEY_UNSET";
    assert_eq!(
        Signer::from_env(name).unwrap_err(),
        KeyError::EnvNotSet { name: name.into() }
    );
}

/// The variable this file's test of `Signer::from_env` sets, in a copy of this test binary:
/// setting one in this process would race the other tests.
const KEY_VARIABLE: &str = "LWICONTEXT_TEST_SIGNING_KEY";

#[test]
fn signers_from_the_environment() {
    let Some(pem) = std::env::var_os(KEY_VARIABLE) else {
        // Run this test again, alone, in a child with the variable set: once to a key, once
        // to something else.
        for (value, expected) in [
            (String::from_utf8(key("rsa2048.pkcs8.pem")).unwrap(), "read"),
            (signer().public_key_pem().to_owned(), "refused"),
        ] {
            let output = std::process::Command::new(std::env::current_exe().unwrap())
                .args(["--exact", "signers_from_the_environment", "--nocapture"])
                .env(KEY_VARIABLE, value)
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&output.stdout);
            assert!(output.status.success(), "{stdout}");
            assert!(stdout.contains(&format!("key {expected}")), "{stdout}");
        }
        return;
    };
    match Signer::from_env(KEY_VARIABLE) {
        Ok(read) => {
            assert_eq!(read.public_key(), signer().public_key());
            assert!(pem.to_string_lossy().contains("PRIVATE KEY"));
            println!("key read");
        }
        Err(error) => {
            let shown = error.to_string();
            assert!(
                shown.contains(KEY_VARIABLE) && shown.contains("public key"),
                "{shown}"
            );
            assert!(matches!(error, KeyError::From { .. }), "{error:?}");
            println!("key refused");
        }
    }
}
