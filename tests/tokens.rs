//! Tokens as `TokenBuilder` mints them, checked against `jsonwebtoken` (a verifier no one here
//! wrote): the exact header and claims, what minting refuses, and a `Signer` shared by threads.

mod common;

use std::time::{Duration, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use lwicontext::keys::{KeySet, Signer};
use lwicontext::token::{FixedClock, TokenBuilder, TokenError};
use lwicontext::{ContextError, LwiContext};
use serde_json::{Value, json};

use common::{ReferenceSample, key};

const ISS: &str = "contosohelp.com";
const SUB: &str = "87b4d06c-abc2-e811-a9b0-000d3a10e09e";
const NOW: u64 = 1_542_622_071;

fn decode_part(part: &str) -> Value {
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap()
}

fn validation() -> Validation {
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_issuer(&[ISS]);
    validation.set_required_spec_claims(&["iss", "sub", "iat", "exp", "nbf"]);
    validation.validate_nbf = true;
    validation
}

#[test]
fn mints_exactly_the_documented_token() {
    let signer = Signer::from_pem(&key("rsa2048.pkcs8.pem"))
        .unwrap()
        .with_kid("2026-11");
    let token = TokenBuilder::new(ISS, SUB)
        .lifetime(Duration::from_secs(3601))
        .context(&ReferenceSample {
            cart_value: 10000,
            is_vip: false,
        })
        .claim("locale", "fr-FR")
        .claim("locale", "en-US")
        .clock(FixedClock::at_unix_seconds(NOW))
        .sign(&signer)
        .unwrap();
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3);
    assert_eq!(
        decode_part(parts[0]),
        json!({"alg": "RS256", "typ": "JWT", "kid": "2026-11"})
    );
    assert_eq!(
        decode_part(parts[1]),
        json!({
            "iss": ISS,
            "sub": SUB,
            "iat": NOW,
            "nbf": NOW,
            "exp": NOW + 3601,
            "lwicontexts": r#"{"msdyn_cartvalue":"10000","msdyn_isvip":"false"}"#,
            "locale": "en-US",
        })
    );
    // The payload is compact and in a fixed order.
    let payload = String::from_utf8(URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    assert!(
        payload.starts_with(r#"{"iss":"contosohelp.com","sub":"87b4"#),
        "{payload}"
    );
    // A repeated extra claim is written once, with its last value.
    assert_eq!(payload.matches("locale").count(), 1);
    // RS256 with RSA-2048 gives a 256-byte signature.
    assert_eq!(URL_SAFE_NO_PAD.decode(parts[2]).unwrap().len(), 256);
}

#[test]
fn every_minted_token_verifies_with_jsonwebtoken() {
    for file in [
        "rsa2048.pkcs8.pem",
        "rsa2048.pkcs1.pem",
        "rsa3072.pkcs8.pem",
    ] {
        let signer = Signer::from_pem(&key(file)).unwrap();
        let token = TokenBuilder::new(ISS, SUB)
            .context(&ReferenceSample {
                cart_value: 1,
                is_vip: true,
            })
            .sign(&signer)
            .unwrap();
        let from_pem = DecodingKey::from_rsa_pem(signer.public_key_pem().as_bytes()).unwrap();
        let data = jsonwebtoken::decode::<Value>(&token, &from_pem, &validation()).unwrap();
        assert_eq!(data.claims["sub"], SUB, "{file}");
        assert_eq!(
            data.claims["exp"].as_u64().unwrap() - data.claims["iat"].as_u64().unwrap(),
            900
        );
        // And from the JWKS's components.
        let jwks: Value = {
            let mut keys = KeySet::new();
            keys.add(
                "k",
                signer.public_key().clone(),
                UNIX_EPOCH + Duration::from_secs(NOW),
            )
            .unwrap();
            serde_json::from_str(&keys.to_jwks()).unwrap()
        };
        let jwk = &jwks["keys"][0];
        let from_jwk = DecodingKey::from_rsa_components(
            jwk["n"].as_str().unwrap(),
            jwk["e"].as_str().unwrap(),
        )
        .unwrap();
        jsonwebtoken::decode::<Value>(&token, &from_jwk, &validation()).unwrap();
    }
}

#[test]
fn a_token_signed_by_another_key_does_not_verify() {
    let signer = Signer::from_pem(&key("rsa2048.pkcs8.pem")).unwrap();
    let other = Signer::from_pem(&key("rsa3072.pkcs8.pem")).unwrap();
    let token = TokenBuilder::new(ISS, SUB).sign(&signer).unwrap();
    let wrong = DecodingKey::from_rsa_pem(other.public_key_pem().as_bytes()).unwrap();
    assert!(jsonwebtoken::decode::<Value>(&token, &wrong, &validation()).is_err());
    // Tampering with the payload breaks the signature too.
    let parts: Vec<&str> = token.split('.').collect();
    let forged_payload = URL_SAFE_NO_PAD.encode(
        br#"{"iss":"contosohelp.com","sub":"someone else","iat":1,"nbf":1,"exp":99999999999}"#,
    );
    let forged = format!("{}.{forged_payload}.{}", parts[0], parts[2]);
    let right = DecodingKey::from_rsa_pem(signer.public_key_pem().as_bytes()).unwrap();
    assert!(jsonwebtoken::decode::<Value>(&forged, &right, &validation()).is_err());
}

#[test]
fn refuses_reserved_claims_bad_contexts_and_zero_lifetimes() {
    #[derive(LwiContext)]
    struct Float {
        ratio: f64,
    }
    let signer = Signer::from_pem(&key("rsa2048.pkcs8.pem")).unwrap();
    for reserved in ["iss", "sub", "iat", "nbf", "exp", "lwicontexts"] {
        let error = TokenBuilder::new(ISS, SUB)
            .claim(reserved, 1)
            .sign(&signer)
            .unwrap_err();
        assert!(
            matches!(&error, TokenError::ReservedClaim { name } if name == reserved),
            "{error}"
        );
    }
    let error = TokenBuilder::new(ISS, SUB)
        .context(&Float { ratio: f64::NAN })
        .sign(&signer)
        .unwrap_err();
    assert!(
        matches!(error, TokenError::Context(ContextError::NotFinite { .. })),
        "{error}"
    );
    for lifetime in [Duration::ZERO, Duration::from_hours(40_000_000 * 24)] {
        let error = TokenBuilder::new(ISS, SUB)
            .lifetime(lifetime)
            .sign(&signer)
            .unwrap_err();
        assert!(matches!(error, TokenError::InvalidLifetime(_)), "{error}");
    }
    for (iss, sub, name) in [("", SUB, "iss"), (ISS, "", "sub")] {
        let error = TokenBuilder::new(iss, sub).sign(&signer).unwrap_err();
        assert!(
            matches!(error, TokenError::EmptyClaim { name: n } if n == name),
            "{error}"
        );
    }
}

#[test]
fn a_builders_debug_shows_no_personal_data() {
    let builder = TokenBuilder::new(ISS, "sub-guid-1234")
        .context(&ReferenceSample {
            cart_value: 777,
            is_vip: true,
        })
        .claim("email_hash", "abc");
    let shown = format!("{builder:?}");
    assert!(
        !shown.contains("sub-guid") && !shown.contains("777") && !shown.contains("abc"),
        "{shown}"
    );
    assert!(
        shown.contains("email_hash") && shown.contains("bytes"),
        "{shown}"
    );
}

#[test]
fn a_signer_is_shared_across_threads() {
    fn assert_send_sync_clone<T: Send + Sync + Clone + 'static>() {}
    assert_send_sync_clone::<Signer>();
    let signer = Signer::from_pem(&key("rsa2048.pkcs8.pem")).unwrap();
    let tokens: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..2)
            .map(|i| {
                let signer = signer.clone();
                scope.spawn(move || {
                    TokenBuilder::new(ISS, format!("user-{i}"))
                        .sign(&signer)
                        .unwrap()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let decoding = DecodingKey::from_rsa_pem(signer.public_key_pem().as_bytes()).unwrap();
    for token in tokens {
        jsonwebtoken::decode::<Value>(&token, &decoding, &validation()).unwrap();
    }
}
