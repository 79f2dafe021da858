//! What several test files share.

mod chat_context;
#[allow(dead_code, reason = "not every test file scans for secrets")]
pub(crate) mod secrets;

#[allow(unused_imports, reason = "not every test file makes a context")]
pub(crate) use chat_context::ChatContext;
use lwicontext::LwiContext;
use lwicontext::keys::Signer;

/// The reference page's sample: `{"msdyn_cartvalue":"10000", "msdyn_isvip":"false"}`.
#[allow(dead_code, reason = "not every test file makes a context")]
#[derive(LwiContext)]
pub(crate) struct ReferenceSample {
    #[lwi(rename = "msdyn_cartvalue")]
    pub(crate) cart_value: u32,
    #[lwi(rename = "msdyn_isvip")]
    pub(crate) is_vip: bool,
}

/// A test-only key from `tests/keys/`.
pub(crate) fn key(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/keys/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The signer of `tests/keys/rsa2048.pkcs8.pem`.
#[allow(dead_code, reason = "not every test file signs")]
pub(crate) fn signer() -> Signer {
    Signer::from_pem(&key("rsa2048.pkcs8.pem")).unwrap()
}

/// `header.payload.signature` for these header and claims, signed for real with RS256 by the key
/// of `signer()`, whatever the header says: the tokens a careless or hostile site could send.
#[allow(dead_code, reason = "not every test file forges tokens")]
pub(crate) fn sign_forged(header: &serde_json::Value, claims: &serde_json::Value) -> String {
    use aws_lc_rs::rsa::KeyPair;
    use aws_lc_rs::signature::RSA_PKCS1_SHA256;
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let pem = pem::parse(key("rsa2048.pkcs8.pem")).unwrap();
    let key_pair = KeyPair::from_pkcs8(pem.contents()).unwrap();
    let mut signature = vec![0; key_pair.public_modulus_len()];
    key_pair
        .sign(
            &RSA_PKCS1_SHA256,
            &aws_lc_rs::rand::SystemRandom::new(),
            input.as_bytes(),
            &mut signature,
        )
        .unwrap();
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature))
}
