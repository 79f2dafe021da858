//! Keys, tokens and key sets, checked against `jsonwebtoken` (a verifier no one here wrote).

mod common;

use std::time::{Duration, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use lwicontext::{
    ContextError, FixedClock, KeyError, KeySet, LwiContext, PublicKey, Signer, TokenBuilder,
    TokenError,
};
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
fn pkcs1_and_pkcs8_read_as_the_same_key_and_print_openssls_public_pem() {
    let pkcs8 = Signer::from_pem(&key("rsa2048.pkcs8.pem")).unwrap();
    let pkcs1 = Signer::from_pem(&key("rsa2048.pkcs1.pem")).unwrap();
    let openssl = String::from_utf8(key("rsa2048.public.pem")).unwrap();
    assert_eq!(pkcs8.public_key_pem(), openssl);
    assert_eq!(pkcs1.public_key_pem(), openssl);
    // A certificate before the key does not hide it.
    let bundle = [key("certificate.pem"), key("rsa2048.pkcs8.pem")].concat();
    assert_eq!(Signer::from_pem(&bundle).unwrap().public_key_pem(), openssl);
    // Public keys read back, from either PEM form.
    assert_eq!(
        PublicKey::from_pem(openssl.as_bytes()).unwrap(),
        *pkcs8.public_key()
    );
    assert_eq!(
        PublicKey::from_pem(&key("rsa2048.pkcs1-public.pem")).unwrap(),
        *pkcs8.public_key()
    );
    // A stored private key reads back as the same key.
    let stored = pkcs1.private_key_pem().unwrap();
    assert!(stored.starts_with("-----BEGIN PRIVATE KEY-----\n"));
    let again = Signer::from_pem(stored.as_bytes()).unwrap();
    assert_eq!(again.public_key_pem(), openssl);
}

#[test]
fn malformed_keys_are_refused_with_the_reason() {
    let damaged = b"-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n";
    let truncated = {
        let text = String::from_utf8(key("rsa2048.pkcs8.pem")).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        format!(
            "{}\n{}\n{}\n",
            lines[0],
            lines[1..8].join("\n"),
            lines[lines.len() - 1]
        )
    };
    let cases: Vec<(&str, Vec<u8>, KeyError)> = vec![
        (
            "1024-bit PKCS#8",
            key("rsa1024.pkcs8.pem"),
            KeyError::TooSmall { bits: 1024 },
        ),
        (
            "1024-bit PKCS#1",
            key("rsa1024.pkcs1.pem"),
            KeyError::TooSmall { bits: 1024 },
        ),
        (
            "EC PKCS#8",
            key("ec.pkcs8.pem"),
            KeyError::NotRsa { algorithm: "EC" },
        ),
        (
            "EC SEC1",
            key("ec.sec1.pem"),
            KeyError::NotRsa { algorithm: "EC" },
        ),
        (
            "Ed25519",
            key("ed25519.pem"),
            KeyError::NotRsa {
                algorithm: "Ed25519",
            },
        ),
        (
            "RSA-PSS",
            key("rsa-pss.pem"),
            KeyError::NotRsa {
                algorithm: "RSA-PSS",
            },
        ),
        (
            "public key",
            key("rsa2048.public.pem"),
            KeyError::PublicKeyGiven,
        ),
        (
            "PKCS#1 public key",
            key("rsa2048.pkcs1-public.pem"),
            KeyError::PublicKeyGiven,
        ),
        (
            "encrypted PKCS#8",
            key("rsa2048.encrypted.pem"),
            KeyError::Encrypted,
        ),
        (
            "encrypted PKCS#1",
            key("rsa2048.encrypted-pkcs1.pem"),
            KeyError::Encrypted,
        ),
        (
            "certificate",
            key("certificate.pem"),
            KeyError::NotAKey {
                label: "CERTIFICATE".into(),
            },
        ),
        ("garbage", b"not a key".to_vec(), KeyError::NotPem),
        ("empty", Vec::new(), KeyError::NotPem),
        ("binary", vec![0xff, 0xfe, 0x00, 0x80], KeyError::NotPem),
    ];
    for (what, input, expected) in cases {
        let error = Signer::from_pem(&input).unwrap_err();
        assert_eq!(error, expected, "{what}");
        assert!(!error.to_string().is_empty());
    }
    for (what, input) in [
        ("damaged", damaged.to_vec()),
        ("truncated", truncated.into_bytes()),
    ] {
        let error = Signer::from_pem(&input).unwrap_err();
        assert!(
            matches!(error, KeyError::Invalid { .. }),
            "{what}: {error:?}"
        );
    }
}

#[test]
fn malformed_public_keys_are_refused_with_the_reason() {
    assert_eq!(
        PublicKey::from_pem(&key("rsa1024.public.pem")).unwrap_err(),
        KeyError::TooSmall { bits: 1024 }
    );
    assert_eq!(
        PublicKey::from_pem(&key("ec.public.pem")).unwrap_err(),
        KeyError::NotRsa { algorithm: "EC" }
    );
    assert_eq!(
        PublicKey::from_pem(&key("rsa2048.pkcs8.pem")).unwrap_err(),
        KeyError::PrivateKeyGiven
    );
    assert_eq!(PublicKey::from_pem(b"").unwrap_err(), KeyError::NotPem);
}

#[test]
fn key_sets_render_both_forms_and_read_them_back() {
    let a = Signer::from_pem(&key("rsa2048.pkcs8.pem"))
        .unwrap()
        .with_kid("a");
    let b = Signer::from_pem(&key("rsa3072.pkcs8.pem"))
        .unwrap()
        .with_kid("b");
    let expiry = UNIX_EPOCH + Duration::from_secs(NOW);
    let mut keys = KeySet::new();
    keys.add_signer(&a, expiry)
        .unwrap()
        .add_signer(&b, expiry)
        .unwrap();

    let omnichannel: Value = serde_json::from_str(&keys.to_omnichannel_json()).unwrap();
    let first = &omnichannel[0];
    assert_eq!(first["kid"], "a");
    assert_eq!(first["expiry"], NOW);
    let pem = STANDARD
        .decode(first["publicKey"].as_str().unwrap())
        .unwrap();
    assert_eq!(String::from_utf8(pem).unwrap(), a.public_key_pem());
    assert_eq!(omnichannel.as_array().unwrap().len(), 2);

    let jwks: Value = serde_json::from_str(&keys.to_jwks()).unwrap();
    let jwk = &jwks["keys"][1];
    assert_eq!(
        (
            jwk["kty"].as_str(),
            jwk["use"].as_str(),
            jwk["alg"].as_str()
        ),
        (Some("RSA"), Some("sig"), Some("RS256"))
    );
    assert_eq!(jwk["kid"], "b");
    assert_eq!(jwk["e"], "AQAB");

    assert_eq!(KeySet::parse(&keys.to_omnichannel_json()).unwrap(), keys);
    let from_jwks = KeySet::parse(&keys.to_jwks()).unwrap();
    assert_eq!(from_jwks.get("b").unwrap().key, *b.public_key());

    assert_eq!(
        keys.add_signer(&a, expiry).unwrap_err(),
        KeyError::DuplicateKid { kid: "a".into() }
    );
    let no_kid = Signer::from_pem(&key("rsa2048.pkcs1.pem")).unwrap();
    assert_eq!(
        KeySet::new().add_signer(&no_kid, expiry).unwrap_err(),
        KeyError::MissingKid
    );
    assert!(matches!(
        KeySet::parse("{}").unwrap_err(),
        KeyError::InvalidKeySet { .. }
    ));
    assert!(matches!(
        KeySet::parse(r#"[{"kid":"x","publicKey":"!!","expiry":1}]"#).unwrap_err(),
        KeyError::InvalidKeySet { .. }
    ));
}

#[test]
fn key_sets_read_from_a_jwks_take_rs256_keys_and_name_bad_ones() {
    let a = Signer::from_pem(&key("rsa2048.pkcs8.pem")).unwrap();
    let mut keys = KeySet::new();
    keys.add(
        "a",
        a.public_key().clone(),
        UNIX_EPOCH + Duration::from_secs(NOW),
    )
    .unwrap();
    let mut jwks: Value = serde_json::from_str(&keys.to_jwks()).unwrap();
    // A leading zero byte in `n` is the same key.
    let n = URL_SAFE_NO_PAD
        .decode(jwks["keys"][0]["n"].as_str().unwrap())
        .unwrap();
    jwks["keys"][0]["n"] = json!(URL_SAFE_NO_PAD.encode([&[0u8][..], &n].concat()));
    // Keys for other algorithms or uses are passed over.
    let keys_array = jwks["keys"].as_array_mut().unwrap();
    keys_array.push(json!({"kty": "EC", "kid": "ec", "crv": "P-256", "x": "AA", "y": "AA"}));
    keys_array.push(json!({"kty": "RSA", "kid": "enc", "use": "enc", "n": "AA", "e": "AQAB"}));
    keys_array.push(json!({"kty": "RSA", "kid": "rs512", "alg": "RS512", "n": "AA", "e": "AQAB"}));
    let read = KeySet::parse(&jwks.to_string()).unwrap();
    assert_eq!(read.entries().len(), 1);
    // And its Omnichannel form, without expiry, reads back too.
    assert_eq!(KeySet::parse(&read.to_omnichannel_json()).unwrap(), read);
    assert_eq!(read.get("a").unwrap().key, *a.public_key());
    assert_eq!(read.get("a").unwrap().expiry, None);
    // Without an expiry, the Omnichannel form leaves it out.
    let omnichannel: Value = serde_json::from_str(&read.to_omnichannel_json()).unwrap();
    assert!(omnichannel[0].get("expiry").is_none());

    // An unusable key names its kid.
    let small = json!({"keys": [{"kty": "RSA", "kid": "tiny", "n": "AQAB", "e": "AQAB"}]});
    let error = KeySet::parse(&small.to_string()).unwrap_err().to_string();
    assert!(
        error.contains("`tiny`") && error.contains("bits"),
        "{error}"
    );
    let wrong_pem = json!([{"kid": "priv", "expiry": 1, "publicKey": STANDARD.encode(key("rsa2048.pkcs8.pem"))}]);
    let error = KeySet::parse(&wrong_pem.to_string())
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("`priv`") && error.contains("private key"),
        "{error}"
    );
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
    for lifetime in [Duration::ZERO, Duration::from_secs(40_000_000 * 86_400)] {
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
