//! Tokens minted by the library and by this CLI, verified by the npm package `jose` under node
//! (`tests/js/jose.test.mjs`). Needs `npm ci` in `tests/js`, which `scripts/test-all` runs.

use std::path::Path;
use std::process::Command;

use lwicontext::LwiContext;
use lwicontext::context::{Encoding, JsonContext};
use lwicontext::keys::{KeySet, Signer};
use lwicontext::token::TokenBuilder;
use serde_json::json;

#[derive(LwiContext)]
#[lwi(prefix = "msdyn_")]
struct ChatContext {
    cart_value: u32,
    is_vip: bool,
    tier: Option<String>,
    notes: String,
}

#[test]
fn jose_verifies_library_and_cli_tokens() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let js = root.join("tests/js");
    assert!(
        js.join("node_modules/jose").is_dir(),
        "jose is not installed: run `npm ci` in tests/js (scripts/test-all does)"
    );
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join("jose");
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();

    let (iss, sub, kid) = (
        "contosohelp.com",
        "87b4d06c-abc2-e811-a9b0-000d3a10e09e",
        "lib-1",
    );
    let signer = Signer::generate(2048).unwrap().with_kid(kid);
    let other = Signer::generate(2048).unwrap().with_kid("other");
    let context = ChatContext {
        cart_value: 10000,
        is_vip: true,
        tier: Some("gold".into()),
        notes: "said \"hi\" </script> 😀\u{2028}".into(),
    };
    let mut tokens = Vec::new();
    for encoding in [Encoding::String, Encoding::Native, Encoding::Nested] {
        let lwicontexts = context.to_lwicontexts_as(encoding).unwrap();
        let token = TokenBuilder::new(iss, sub)
            .lwicontexts(lwicontexts.clone())
            .claim("locale", "en-US")
            .sign(&signer)
            .unwrap();
        tokens.push(json!({ "token": token, "lwicontexts": lwicontexts }));
    }
    let from_json = JsonContext::parse(r#"{"msdyn_cartvalue": 5, "msdyn_isvip": false}"#)
        .unwrap()
        .to_lwicontexts(Encoding::String)
        .unwrap();
    let token = TokenBuilder::new(iss, sub)
        .lwicontexts(from_json.clone())
        .sign(&signer)
        .unwrap();
    tokens.push(json!({ "token": token, "lwicontexts": from_json }));

    let in_a_year = std::time::SystemTime::now() + std::time::Duration::from_hours(365 * 24);
    let mut keys = KeySet::new();
    keys.add_signer(&other, in_a_year).unwrap();
    keys.add_signer(&signer, in_a_year).unwrap();
    let fixtures = json!({
        "iss": iss,
        "sub": sub,
        "kid": kid,
        "tokens": tokens,
        "publicKeyPem": signer.public_key_pem(),
        "thumbprint": signer.public_key().thumbprint(),
        "otherPublicKeyPem": other.public_key_pem(),
        "jwks": keys.to_jwks(),
        "omnichannel": keys.to_omnichannel_json(),
    });
    let fixtures_path = tmp.join("library.json");
    std::fs::write(&fixtures_path, fixtures.to_string()).unwrap();

    let output = Command::new("node")
        .arg("--test")
        .arg(js.join("jose.test.mjs"))
        .env("LWICONTEXT_BIN", env!("CARGO_BIN_EXE_lwicontext"))
        .env("LWICONTEXT_FIXTURES", &fixtures_path)
        .env("LWICONTEXT_TMP", &tmp)
        .current_dir(&js)
        .output()
        .expect("node is needed for this test");
    let report = String::from_utf8_lossy(&output.stdout);
    println!("{report}{}", String::from_utf8_lossy(&output.stderr));
    assert!(
        output.status.success(),
        "jose refused a token: see the report above"
    );
    assert!(
        report.contains("# pass 6") && report.contains("# fail 0"),
        "{report}"
    );
}
