//! Keys and key sets: the PEM forms `Signer` and `PublicKey` read and the ones they refuse (the
//! fixtures in `tests/keys/`), and `KeySet` in Omnichannel's form and as a JWKS.

mod common;

use std::time::{Duration, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use lwicontext::keys::{KeyError, KeySet, PublicKey, Signer};
use serde_json::{Value, json};

use common::key;

/// The expiry the key sets here are given: an instant in November 2018.
const EXPIRY: u64 = 1_542_622_071;

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
    let expiry = UNIX_EPOCH + Duration::from_secs(EXPIRY);
    let mut keys = KeySet::new();
    keys.add_signer(&a, expiry)
        .unwrap()
        .add_signer(&b, expiry)
        .unwrap();

    let omnichannel: Value = serde_json::from_str(&keys.to_omnichannel_json()).unwrap();
    let first = &omnichannel[0];
    assert_eq!(first["kid"], "a");
    assert_eq!(first["expiry"], EXPIRY);
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
        UNIX_EPOCH + Duration::from_secs(EXPIRY),
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
