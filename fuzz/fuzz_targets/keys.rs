//! The key readers on any bytes: `Signer::from_pem`, `PublicKey::from_pem`, `KeySet::parse`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lwicontext::keys::{KeySet, PublicKey, Signer};

fuzz_target!(|bytes: &[u8]| {
    if let Ok(signer) = Signer::from_pem(bytes) {
        // The key never shows in Debug.
        assert!(!format!("{signer:?}").contains("PRIVATE"));
    }
    if let Ok(key) = PublicKey::from_pem(bytes) {
        assert!(PublicKey::from_pem(key.pem().as_bytes()).is_ok());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        let _ = KeySet::parse(text);
    }
});
