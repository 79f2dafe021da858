//! The token's format, the way the widget reads it and the way Omnichannel's server reads it:
//! three parts, the header, the payload, the signature's shape. The claims and the context are
//! checked in `claims.rs` and `lwicontexts.rs`, the signature in `signature.rs`.

use base64::Engine as _;
use base64::alphabet;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use serde_json::{Map, Value as Json};

use lwicontext_schema::limits::MIN_RSA_BITS;

use super::findings::Findings;
use super::{DiagnoseOptions, Diagnosis, Rule, Side, claims, lwicontexts};
use crate::token::tail;

/// The token read part by part, the way the widget and then the server read it; the claims,
/// the context and the signature checked in turn.
pub(super) fn examine(token: &str, options: &DiagnoseOptions) -> Diagnosis {
    let mut findings = Findings::default();
    let mut diagnosis = Diagnosis {
        error: None,
        findings: Vec::new(),
        header: None,
        claims: None,
        context: None,
        expires_at: None,
        token_tail: tail(token.trim()),
    };
    // The widget calls only null, undefined and "" no token (error 3); any other text, even
    // "null", is a token, and an invalid one.
    if token.is_empty() {
        findings.error(
            Rule::Empty,
            "no token: the provider gave nothing (null, undefined or an empty string)",
        );
        diagnosis.findings = findings.into_list();
        return diagnosis;
    }
    let not_a_token = match token.trim() {
        "" => Some("white space is not a token"),
        "null" => Some(
            "the text `null` is not a token: the provider handed over the word, not the value null (an empty answer read as text?)",
        ),
        "undefined" => Some(
            "the text `undefined` is not a token: the provider handed over the word, not the value undefined",
        ),
        _ => None,
    };
    if let Some(what) = not_a_token {
        findings.error(
            Rule::NotThreeParts,
            format!("{what}; the widget calls only null, undefined and \"\" no token, and any text a token to check"),
        );
        diagnosis.findings = findings.into_list();
        return diagnosis;
    }
    // Line ends around a token pasted or read from a file are not part of it.
    let token = token.trim();
    let parts: Vec<&str> = token.split('.').collect();
    let [header, payload, signature] = parts[..] else {
        findings.error(
            Rule::NotThreeParts,
            format!(
                "not a JWT: {} dot-separated part{} instead of three (header.payload.signature)",
                parts.len(),
                if parts.len() == 1 { "" } else { "s" }
            ),
        );
        diagnosis.findings = findings.into_list();
        return diagnosis;
    };

    diagnosis.header = decode_part(
        &mut findings,
        Side::Server,
        Rule::BadHeader,
        "header",
        header,
    );
    let rs256 = diagnosis
        .header
        .as_ref()
        .is_some_and(|header| check_header(&mut findings, header));
    // A payload the widget can read (`42`, padded base64) reaches the server, which refuses it.
    let payload_side = if widget_reads_payload(payload) {
        Side::Server
    } else {
        Side::Widget
    };
    diagnosis.claims = decode_part(
        &mut findings,
        payload_side,
        Rule::BadPayload,
        "payload",
        payload,
    );
    if let Some(claims) = &diagnosis.claims {
        diagnosis.expires_at = claims::check_claims(&mut findings, claims, options);
        diagnosis.context = lwicontexts::check_lwicontexts(&mut findings, claims, options);
    }
    if rs256 && signature_is_rsa(&mut findings, signature) {
        let signing_input = &token[..header.len() + 1 + payload.len()];
        super::signature::check_signature(
            &mut findings,
            diagnosis.header.as_ref(),
            signing_input,
            signature,
            options,
        );
    }
    diagnosis.findings = findings.into_list();
    diagnosis
}

/// Whether the signature part could be an RS256 signature; a finding when not.
fn signature_is_rsa(findings: &mut Findings, signature: &str) -> bool {
    /// The signature of an RSA key of 2048 bits or more has at least 256 bytes.
    const MIN_BYTES: usize = MIN_RSA_BITS / 8;
    match URL_SAFE_NO_PAD.decode(signature) {
        _ if signature.is_empty() => findings.error(
            Rule::BadSignature,
            "no signature: the token is unsigned, and Omnichannel refuses unsigned tokens",
        ),
        Err(_) => findings.error(Rule::BadSignature, "the signature is not base64url"),
        Ok(bytes) if bytes.len() < MIN_BYTES => findings.error(
            Rule::BadSignature,
            format!(
                "the signature has {} bytes; an RS256 signature by a key of {} bits or more has at least {MIN_BYTES}",
                bytes.len(),
                MIN_RSA_BITS
            ),
        ),
        Ok(_) => return true,
    }
    false
}

/// A base64url JSON object, or a finding that says why not.
fn decode_part(
    findings: &mut Findings,
    side: Side,
    rule: Rule,
    what: &str,
    part: &str,
) -> Option<Map<String, Json>> {
    let Ok(bytes) = URL_SAFE_NO_PAD.decode(part.trim_end_matches('=')) else {
        findings.error_by(side, rule, format!("the {what} is not base64url"));
        return None;
    };
    match serde_json::from_slice::<Json>(&bytes) {
        Ok(Json::Object(object)) => Some(object),
        Ok(_) => {
            findings.error_by(side, rule, format!("the {what} is JSON but not an object"));
            None
        }
        Err(_) => {
            findings.error_by(side, rule, format!("the {what} is not JSON"));
            None
        }
    }
}

/// Whether the widget's page script reads `payload`: base64 after `-_` → `+/`, padded or not,
/// then JSON that is not `null`, `false`, `0` or `""`. It looks at nothing else of a token but
/// `exp`.
fn widget_reads_payload(payload: &str) -> bool {
    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    let standard = payload.replace('-', "+").replace('_', "/");
    let Ok(bytes) = LENIENT.decode(standard) else {
        return false;
    };
    match serde_json::from_slice::<Json>(&bytes) {
        Ok(Json::Null | Json::Bool(false)) | Err(_) => false,
        Ok(Json::Number(n)) => n.as_f64() != Some(0.0),
        Ok(Json::String(s)) => !s.is_empty(),
        Ok(Json::Bool(true) | Json::Array(_) | Json::Object(_)) => true,
    }
}

/// Whether the header says RS256; a finding when not.
fn check_header(findings: &mut Findings, header: &Map<String, Json>) -> bool {
    match header.get("alg").and_then(Json::as_str) {
        Some("RS256") => true,
        Some(alg) if alg.starts_with("HS") => {
            findings.error(
                Rule::NotRs256,
                format!(
                    "alg is {alg}: a shared-secret token (like the placeholder on Microsoft's setAuthTokenProvider page) is not a working token; Omnichannel accepts only RS256, signed with the site's RSA private key"
                ),
            );
            false
        }
        Some(alg) => {
            findings.error(
                Rule::NotRs256,
                format!("alg is {alg}; Omnichannel accepts only RS256 (\"Only RSA256 keys are supported\")"),
            );
            false
        }
        None => {
            findings.error(
                Rule::NotRs256,
                "the header has no alg; Omnichannel needs RS256",
            );
            false
        }
    }
}
