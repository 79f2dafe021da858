//! `diagnose` on any text, with a schema and a key, as `inspect` and a server run it on a token
//! from outside; then its report, as text and as JSON.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use lwicontext::diagnose::{DiagnoseOptions, diagnose};
use lwicontext::keys::PublicKey;
use lwicontext::token::FixedClock;

static OPTIONS: LazyLock<DiagnoseOptions> = LazyLock::new(|| {
    let key = PublicKey::from_pem(include_bytes!("../../tests/keys/rsa2048.public.pem")).unwrap();
    DiagnoseOptions::new()
        .public_key(key)
        .clock(FixedClock::at_unix_seconds(1_800_000_000))
        .variable_names(["msdyn_cartvalue", "msdyn_isvip", "msdyn_tier"])
});

fuzz_target!(|token: &str| {
    let diagnosis = diagnose(token, &OPTIONS);
    let text = diagnosis.to_string();
    let json = diagnosis.to_json().to_string();
    // Never the whole token back, however it was made (a short one is all tail). A token is
    // base64url parts and dots; other text may be one of the report's own sentences, as
    // `not a JWT: 1 dot-separated part instead of three (header` is (fuzz/regressions).
    let token = token.trim();
    if token.len() > 40 && token.bytes().all(is_token_byte) {
        assert!(!text.contains(token) && !json.contains(token));
    }
});

/// A byte of a JWT: base64url, the dots between the parts, and padding.
fn is_token_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'=')
}
