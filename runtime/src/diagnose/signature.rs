//! The signature against the key or key set the "Public key URL" serves: what Omnichannel's
//! server checks.

use super::findings::Findings;
use super::{DiagnoseOptions, Rule, Severity};
use crate::json::read::Object;
#[cfg(feature = "sign")]
use crate::prelude::*;

/// Without the `sign` feature there is no key to check against.
#[cfg(not(feature = "sign"))]
pub(super) fn check_signature(
    findings: &mut Findings,
    _header: Option<&Object<'_>>,
    _signing_input: &str,
    _signature: &str,
    _options: &DiagnoseOptions,
) {
    findings.add(
        Severity::Note,
        Rule::SignatureNotChecked,
        "signature not checked: this build of lwicontext has no `sign` feature",
    );
}

/// Checks the signature, or notes that it was not checked.
#[cfg(feature = "sign")]
pub(super) fn check_signature(
    findings: &mut Findings,
    header: Option<&Object<'_>>,
    signing_input: &str,
    signature: &str,
    options: &DiagnoseOptions,
) {
    use super::Keys;
    use super::base64::URL_SAFE_NO_PAD;
    use super::report::human;
    use crate::keys::PublicKey;

    let kid = header
        .and_then(|h| h.get("kid"))
        .and_then(|kid| kid.as_str());
    let key: &PublicKey = match &options.keys {
        Keys::None => {
            findings.add(
                Severity::Note,
                Rule::SignatureNotChecked,
                "signature not checked: give the public key or key set the Public key URL serves",
            );
            return;
        }
        Keys::One(key) => key,
        Keys::Set(set) => {
            let Some(kid) = kid else {
                findings.error(
                    Rule::MissingKid,
                    "the header has no kid, so Omnichannel cannot pick a key from the multi-key Public key URL",
                );
                return;
            };
            let Some(entry) = set.get(kid) else {
                let known: Vec<&str> = set.entries().iter().map(|e| e.kid.as_str()).collect();
                findings.error(
                    Rule::UnknownKid,
                    text![
                        "no key has kid `",
                        kid,
                        "`; the key set has ",
                        known.join(", ")
                    ],
                );
                return;
            };
            let now = options.clock.unix_seconds();
            if let Some(expiry) = entry.expiry
                && expiry <= now
            {
                findings.error(
                    Rule::KeyExpired,
                    text![
                        "the key `",
                        kid,
                        "` expired ",
                        human(now - expiry),
                        " ago (expiry ",
                        expiry,
                        ")"
                    ],
                );
            }
            &entry.key
        }
    };
    let verified = URL_SAFE_NO_PAD
        .decode(signature)
        .is_some_and(|signature| key.verifies(signing_input.as_bytes(), &signature));
    if !verified {
        findings.error(
            Rule::BadSignature,
            text![
                "the signature does not verify against the ",
                key.bits(),
                "-bit public key",
                kid.map(|kid| text![" `", kid, "`"]).unwrap_or_default(),
                ": signed with another key, or changed after signing"
            ],
        );
    }
}

#[cfg(all(test, not(feature = "sign")))]
mod tests {
    use std::prelude::rust_2024::*;

    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    use crate::diagnose::{DiagnoseOptions, Severity, diagnose};
    use crate::rules::Rule;
    use crate::token::FixedClock;

    #[test]
    fn without_sign_the_signature_is_noted_not_checked() {
        let part = |json: &str| URL_SAFE_NO_PAD.encode(json);
        let token = format!(
            "{}.{}.{}",
            part(r#"{"alg":"RS256","typ":"JWT"}"#),
            part(r#"{"iss":"i","sub":"s","iat":100,"exp":200}"#),
            URL_SAFE_NO_PAD.encode([7u8; 256])
        );
        let options = DiagnoseOptions::new().clock(FixedClock::at_unix_seconds(150));
        let diagnosis = diagnose(&token, &options);
        assert!(diagnosis.is_accepted(), "{diagnosis}");
        let note = &diagnosis.findings[0];
        assert_eq!(
            (note.severity, note.rule),
            (Severity::Note, Rule::SignatureNotChecked)
        );
        assert!(
            note.message.contains("no `sign` feature"),
            "{}",
            note.message
        );
        // The signature's shape is still checked.
        let unsigned = format!("{}.", &token[..token.rfind('.').unwrap()]);
        assert_eq!(
            diagnose(&unsigned, &options).findings[0].rule,
            Rule::BadSignature
        );
    }
}
