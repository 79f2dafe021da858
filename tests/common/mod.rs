//! What several test files share.

use lwicontext::{LwiContext, Signer};

/// The reference page's sample: `{"msdyn_cartvalue":"10000", "msdyn_isvip":"false"}`.
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
