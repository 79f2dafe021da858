//! The token's format, the way the widget reads it and the way Omnichannel's server reads it:
//! three parts, the header, the payload, the signature's shape. The claims and the context are
//! checked in `claims.rs` and `lwicontexts.rs`, the signature in `signature.rs`.

use crate::prelude::*;
use lwicontext_schema::limits::MIN_RSA_BITS;

use super::base64::{URL_SAFE_NO_PAD, WIDGET};
use super::findings::Findings;
use super::{DiagnoseOptions, Finding, Rule, Side, claims, lwicontexts};
use crate::encoding::JsonContext;
use crate::encoding::number::parse_f64;
use crate::json::read::{self, Json, Object};

/// What reading a token found, the findings in the order they were found.
pub(super) struct Examined {
    pub(super) findings: Vec<Finding>,
    pub(super) context: Option<JsonContext>,
    pub(super) expires_at: Option<u64>,
}

/// The token read part by part, the way the widget and then the server read it; the claims,
/// the context and the signature checked in turn. `known`, when given, names every variable
/// the context may have. `keep` is given the header and the claims as read, when they decode,
/// and returns what the caller keeps of them.
pub(super) fn examine<T>(
    token: &str,
    options: &DiagnoseOptions,
    known: Option<&[&str]>,
    keep: impl FnOnce(Option<&Object<'_>>, Option<&Object<'_>>) -> T,
) -> (Examined, T) {
    let mut findings = Findings::default();
    let mut examined = Examined {
        findings: Vec::new(),
        context: None,
        expires_at: None,
    };
    if let Some((rule, message)) = not_a_token(token) {
        findings.error(rule, message);
        examined.findings = findings.into_list();
        return (examined, keep(None, None));
    }
    // Line ends around a token pasted or read from a file are not part of it.
    let token = token.trim();
    let count = token.bytes().filter(|&b| b == b'.').count() + 1;
    let parts = split_at_dot(token)
        .and_then(|(header, rest)| Some((header, split_at_dot(rest)?)))
        .filter(|_| count == 3);
    let Some((header_part, (payload, signature))) = parts else {
        findings.error(
            Rule::NotThreeParts,
            text![
                "not a JWT: ",
                count,
                " dot-separated part",
                if count == 1 { "" } else { "s" },
                " instead of three (header.payload.signature)"
            ],
        );
        examined.findings = findings.into_list();
        return (examined, keep(None, None));
    };

    let header_text = decode_part(
        &mut findings,
        Side::Server,
        Rule::BadHeader,
        "header",
        header_part,
    );
    let header = header_text
        .as_deref()
        .and_then(|text| read_part(&mut findings, Side::Server, Rule::BadHeader, "header", text));
    let rs256 = header
        .as_ref()
        .is_some_and(|header| check_header(&mut findings, header));
    // A payload the widget can read (`42`, padded base64) reaches the server, which refuses it.
    let payload_side = if widget_reads_payload(payload) {
        Side::Server
    } else {
        Side::Widget
    };
    let claims_text = decode_part(
        &mut findings,
        payload_side,
        Rule::BadPayload,
        "payload",
        payload,
    );
    let claims = claims_text.as_deref().and_then(|text| {
        read_part(
            &mut findings,
            payload_side,
            Rule::BadPayload,
            "payload",
            text,
        )
    });
    if let Some(claims) = &claims {
        examined.expires_at = claims::check_claims(&mut findings, claims, options);
        examined.context = lwicontexts::check_lwicontexts(&mut findings, claims, known);
    }
    if rs256 && signature_is_rsa(&mut findings, signature) {
        let signing_input = token
            .get(..header_part.len() + 1 + payload.len())
            .unwrap_or_default();
        super::signature::check_signature(
            &mut findings,
            header.as_ref(),
            signing_input,
            signature,
            options,
        );
    }
    examined.findings = findings.into_list();
    let kept = keep(header.as_ref(), claims.as_ref());
    (examined, kept)
}

/// The text before the first `.` and after it: `split_once('.')`, without the page's wasm module
/// carrying the generic `char` search.
fn split_at_dot(text: &str) -> Option<(&str, &str)> {
    let at = text.bytes().position(|b| b == b'.')?;
    Some((text.get(..at)?, text.get(at + 1..)?))
}

/// Why `token` is no token at all, before its parts are looked at. The widget calls only null,
/// undefined and "" no token (error 3); any other text, even "null", is a token, and an invalid
/// one.
fn not_a_token(token: &str) -> Option<(Rule, String)> {
    if token.is_empty() {
        return Some((
            Rule::Empty,
            "no token: the provider gave nothing (null, undefined or an empty string)".to_owned(),
        ));
    }
    let what = match token.trim() {
        "" => "white space is not a token",
        "null" => {
            "the text `null` is not a token: the provider handed over the word, not the value null (an empty answer read as text?)"
        }
        "undefined" => {
            "the text `undefined` is not a token: the provider handed over the word, not the value undefined"
        }
        _ => return None,
    };
    Some((
        Rule::NotThreeParts,
        text![
            what,
            "; the widget calls only null, undefined and \"\" no token, and any text a token to check"
        ],
    ))
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
        None => findings.error(Rule::BadSignature, "the signature is not base64url"),
        Some(bytes) if bytes.len() < MIN_BYTES => findings.error(
            Rule::BadSignature,
            text![
                "the signature has ",
                bytes.len(),
                " bytes; an RS256 signature by a key of ",
                MIN_RSA_BITS,
                " bits or more has at least ",
                MIN_BYTES
            ],
        ),
        Some(_) => return true,
    }
    false
}

/// A part's base64url decoded, as UTF-8 text, or a finding that says why not. Bytes that are not
/// UTF-8 are not JSON either.
fn decode_part(
    findings: &mut Findings,
    side: Side,
    rule: Rule,
    what: &str,
    part: &str,
) -> Option<String> {
    let Some(bytes) = URL_SAFE_NO_PAD.decode(part.trim_end_matches('=')) else {
        findings.error_by(side, rule, text!["the ", what, " is not base64url"]);
        return None;
    };
    let text = String::from_utf8(bytes).ok();
    if text.is_none() {
        findings.error_by(side, rule, text!["the ", what, " is not JSON"]);
    }
    text
}

/// A decoded part as a JSON object, or a finding that says why not.
fn read_part<'a>(
    findings: &mut Findings,
    side: Side,
    rule: Rule,
    what: &str,
    text: &'a str,
) -> Option<Object<'a>> {
    match read::parse(text) {
        Ok(Json::Object(object)) => Some(object),
        Ok(_) => {
            findings.error_by(
                side,
                rule,
                text!["the ", what, " is JSON but not an object"],
            );
            None
        }
        Err(_) => {
            findings.error_by(side, rule, text!["the ", what, " is not JSON"]);
            None
        }
    }
}

/// Whether the widget's page script reads `payload`: base64 after `-_` → `+/`, padded or not,
/// then JSON that is not `null`, `false`, `0` or `""`. It looks at nothing else of a token but
/// `exp`.
fn widget_reads_payload(payload: &str) -> bool {
    let Some(text) = WIDGET
        .decode(payload)
        .and_then(|bytes| String::from_utf8(bytes).ok())
    else {
        return false;
    };
    match read::parse(&text) {
        Ok(Json::Null | Json::Bool(false)) | Err(_) => false,
        Ok(Json::Number(n)) => parse_f64(n).is_some_and(|n| n != 0.0),
        Ok(Json::String(s)) => !s.is_empty(),
        Ok(Json::Bool(true) | Json::Array(_) | Json::Object(_)) => true,
    }
}

/// Whether the header says RS256; a finding when not.
fn check_header(findings: &mut Findings, header: &Object<'_>) -> bool {
    match header.get("alg").and_then(Json::as_str) {
        Some("RS256") => true,
        Some(alg) if alg.starts_with("HS") => {
            findings.error(
                Rule::NotRs256,
                text!["alg is ", alg, ": a shared-secret token (like the placeholder on Microsoft's setAuthTokenProvider page) is not a working token; Omnichannel accepts only RS256, signed with the site's RSA private key"],
            );
            false
        }
        Some(alg) => {
            findings.error(
                Rule::NotRs256,
                text![
                    "alg is ",
                    alg,
                    "; Omnichannel accepts only RS256 (\"Only RSA256 keys are supported\")"
                ],
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
