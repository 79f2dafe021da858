//! No artifact a user sees holds key material or a whole token: the `Debug` and `Display` of
//! every public type that touches a key or a token, the errors of the key readers on damaged
//! keys, the diagnosis as text and JSON, and the generated glue. The CLI's output
//! (`cli/tests/cli.rs`), the axum endpoints' logs (`tests/axum.rs`), the demo server's log
//! over a browser run (`tests/js/browser.test.mjs`) and the wasm module
//! (`tests/js/wasm-module.test.mjs`) are scanned by their own tests.

mod common;

use std::time::{Duration, UNIX_EPOCH};

use lwicontext::context::JsonContext;
use lwicontext::diagnose::{DiagnoseOptions, check_token, diagnose};
use lwicontext::glue::{self, GlueOptions};
use lwicontext::keys::{KeySet, PublicKey, Signer};
use lwicontext::token::{FixedClock, TokenBuilder};

use common::secrets::Secrets;
use common::{ChatContext, ReferenceSample, key, signer};

fn minted() -> String {
    TokenBuilder::new("contosohelp.com", "87b4")
        .context(&ReferenceSample {
            cart_value: 10_000,
            is_vip: true,
        })
        .clock(FixedClock::at_unix_seconds(1_800_000_000))
        .sign(&signer())
        .unwrap()
}

/// The scan finds what it looks for: a private key as `keygen` writes it, and the token.
#[test]
fn the_scan_finds_a_key_and_a_token() {
    let token = minted();
    let secrets = Secrets::new(&token);
    let pem = signer().private_key_pem().unwrap();
    for shown in [
        pem.as_str(),
        &pem[pem.len() / 2..],
        &token,
        &format!("token: {token}"),
    ] {
        assert!(secrets.leak(shown).is_some(), "not found in {shown}");
    }
}

#[test]
fn keys_and_their_errors_show_no_key_material() {
    let token = minted();
    let secrets = Secrets::new(&token);
    let signer = signer().with_kid("k1");
    secrets.assert_clean("Signer's Debug", &format!("{signer:?} {signer:#?}"));
    secrets.assert_clean("PublicKey's Debug", &format!("{:?}", signer.public_key()));
    let mut set = KeySet::new();
    set.add_signer(&signer, UNIX_EPOCH + Duration::from_secs(1_900_000_000))
        .unwrap();
    secrets.assert_clean("KeySet's Debug", &format!("{set:?}"));
    secrets.assert_clean(
        "KeySet's bodies",
        &(set.to_omnichannel_json() + &set.to_jwks()),
    );

    // Damaged private keys: a body line changed, cut short, doubled.
    let pem = String::from_utf8(key("rsa2048.pkcs8.pem")).unwrap();
    let lines: Vec<&str> = pem.lines().collect();
    let damaged = [
        pem.replacen(&lines[5][..8], "AAAAAAAA", 1),
        lines[..lines.len() / 2].join("\n"),
        pem.replace(lines[3], &lines[3].repeat(2)),
        pem.replace("-----END PRIVATE KEY-----", ""),
    ];
    let mut refused = 0;
    for text in &damaged {
        if let Err(error) = Signer::from_pem(text.as_bytes()) {
            secrets.assert_clean("a key error", &format!("{error} {error:?}"));
            refused += 1;
        }
        if let Err(error) = PublicKey::from_pem(text.as_bytes()) {
            secrets.assert_clean("a public key error", &format!("{error} {error:?}"));
        }
        if let Err(error) = KeySet::parse(text) {
            secrets.assert_clean("a key set error", &format!("{error} {error:?}"));
        }
    }
    assert!(refused >= 3, "{refused} damaged keys refused");
    let file = std::env::temp_dir().join(format!("lwicontext-secrets-{}.pem", std::process::id()));
    std::fs::write(&file, &damaged[0]).unwrap();
    let error = Signer::from_file(&file).unwrap_err();
    std::fs::remove_file(&file).unwrap();
    secrets.assert_clean("from_file's error", &format!("{error} {error:?}"));
}

#[test]
fn tokens_builders_and_diagnoses_show_no_whole_token() {
    let token = minted();
    let secrets = Secrets::new(&token);
    let builder = TokenBuilder::new("contosohelp.com", "87b4").context(&ReferenceSample {
        cart_value: 10_000,
        is_vip: true,
    });
    secrets.assert_clean("TokenBuilder's Debug", &format!("{builder:?}"));
    let options = DiagnoseOptions::new()
        .public_key(signer().public_key().clone())
        .clock(FixedClock::at_unix_seconds(1_800_000_000));
    secrets.assert_clean("DiagnoseOptions' Debug", &format!("{options:?}"));
    // Accepted, and refused for a bad signature, expiry and a context the struct lacks.
    let tampered = format!("{}A", &token[..token.len() - 1]);
    let late = DiagnoseOptions::new().clock(FixedClock::at_unix_seconds(1_900_000_000));
    for (token, options) in [(&token, &options), (&tampered, &options), (&token, &late)] {
        let diagnosis = diagnose(token, options);
        secrets.assert_clean(
            "a diagnosis",
            &format!("{diagnosis} {diagnosis:?} {}", diagnosis.to_json()),
        );
        match check_token::<ChatContext>(token, options) {
            Ok(checked) => secrets.assert_clean("a checked token", &format!("{checked:?}")),
            Err(refused) => {
                secrets.assert_clean("a refusal", &format!("{refused} {refused:?}"));
            }
        }
    }
    // A token's claims are not secret, but a JSON context read from one shows none of it.
    let context = JsonContext::parse(r#"{"msdyn_cartvalue":"10000"}"#).unwrap();
    secrets.assert_clean("JsonContext's Debug", &format!("{context:?}"));
}

#[test]
fn the_generated_glue_holds_no_key_material() {
    let token = minted();
    let secrets = Secrets::new(&token);
    let glue = glue::render::<ChatContext>(&GlueOptions::default());
    secrets.assert_clean("the generated JavaScript", glue.js());
    secrets.assert_clean("the generated declarations", glue.dts());
}
