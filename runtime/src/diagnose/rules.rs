//! The rules, one function per part of the token.

use std::collections::HashSet;

use base64::Engine as _;
use base64::alphabet;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use serde_json::{Map, Value as Json};

use lwicontext_schema::limits::{
    IDENTITY_CLAIMS, LONG_LIFETIME_SECONDS, MIN_RSA_BITS, REQUIRED_CLAIMS, is_milliseconds,
};
use lwicontext_schema::rules::{check_count, check_name, check_value, unknown_variable};
use lwicontext_schema::{PRIMITIVES_ONLY, Violation};

use super::{DiagnoseOptions, Diagnosis, Finding, Rule, Severity, Side, token_tail};
use crate::encoding::JsonContext;

pub(super) struct Findings(Vec<Finding>);

impl Findings {
    /// A warning or a note.
    pub(super) fn add(&mut self, severity: Severity, rule: Rule, message: impl Into<String>) {
        self.push(severity, None, rule, message.into());
    }

    /// An error, refused by the side that checks `rule`.
    pub(super) fn error(&mut self, rule: Rule, message: impl Into<String>) {
        self.push(Severity::Error, rule.refused_by(), rule, message.into());
    }

    /// An error that `side` refuses, whatever side usually checks `rule`.
    pub(super) fn error_by(&mut self, side: Side, rule: Rule, message: impl Into<String>) {
        self.push(Severity::Error, Some(side), rule, message.into());
    }

    fn push(&mut self, severity: Severity, refused_by: Option<Side>, rule: Rule, message: String) {
        self.0.push(Finding {
            severity,
            rule,
            refused_by,
            message,
        });
    }
}

pub(super) fn check(token: &str, options: &DiagnoseOptions) -> Diagnosis {
    let mut findings = Findings(Vec::new());
    let mut diagnosis = Diagnosis {
        error: None,
        findings: Vec::new(),
        header: None,
        claims: None,
        context: None,
        token_tail: token_tail(token.trim()),
    };
    // The widget calls only null, undefined and "" no token (error 3); any other text, even
    // "null", is a token, and an invalid one.
    if token.is_empty() {
        findings.error(
            Rule::Empty,
            "no token: the provider gave nothing (null, undefined or an empty string)",
        );
        diagnosis.findings = findings.0;
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
        diagnosis.findings = findings.0;
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
        diagnosis.findings = findings.0;
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
        check_claims(&mut findings, claims, options);
        diagnosis.context = check_context(&mut findings, claims, options);
    }
    if rs256 && signature_is_rsa(&mut findings, signature) {
        let signing_input = &token[..header.len() + 1 + payload.len()];
        super::signature::check(
            &mut findings,
            diagnosis.header.as_ref(),
            signing_input,
            signature,
            options,
        );
    }
    diagnosis.findings = findings.0;
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

/// A `NumericDate` claim as it was written, or a finding when it is not a number; a warning
/// when it has 13 digits.
fn numeric_date(findings: &mut Findings, claims: &Map<String, Json>, name: &str) -> Option<u64> {
    let value = claims.get(name)?;
    // A fractional NumericDate is legal; its whole seconds are what count.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let Some(date) = value.as_u64().or_else(|| {
        value
            .as_f64()
            .filter(|f| f.is_finite() && *f >= 0.0)
            .map(|f| f as u64)
    }) else {
        findings.error(
            Rule::MissingClaim,
            format!("{name} is {value}, not a NumericDate (seconds since 1970)"),
        );
        return None;
    };
    if is_milliseconds(date) {
        let reading = if name == "exp" {
            "the widget reads this exp as milliseconds and accepts the token, but wherever exp is read as seconds, as JWT times are, a leaked token stays valid for millennia"
        } else {
            "JWT times are in seconds, and a verifier reads it so"
        };
        findings.add(
            Severity::Warning,
            Rule::Milliseconds,
            format!(
                "{name} is {date}, 13 digits: a time in milliseconds ({} in seconds); {reading}",
                date / 1000
            ),
        );
    }
    Some(date)
}

fn check_claims(findings: &mut Findings, claims: &Map<String, Json>, options: &DiagnoseOptions) {
    for name in REQUIRED_CLAIMS {
        match claims.get(name) {
            None => findings.error(
                Rule::MissingClaim,
                format!("the {name} claim is missing; Omnichannel requires iss, sub, iat and exp"),
            ),
            Some(value) if matches!(name, "iss" | "sub") && !value.is_string() => findings.error(
                Rule::MissingClaim,
                format!("{name} is {value}, not a string"),
            ),
            Some(Json::String(s)) if s.is_empty() => {
                findings.error(Rule::MissingClaim, format!("{name} is empty"));
            }
            Some(_) => {}
        }
    }
    let now = options.clock.unix_seconds();
    let leeway = options.leeway.as_secs();
    let iat = numeric_date(findings, claims, "iat");
    // The widget reads a 13-digit exp as milliseconds; the other times read as seconds.
    let exp = numeric_date(findings, claims, "exp").map(|exp| {
        if is_milliseconds(exp) {
            exp / 1000
        } else {
            exp
        }
    });
    let nbf = numeric_date(findings, claims, "nbf");
    // The widget judges a token expired once now > exp: it is still good during second exp.
    if let Some(exp) = exp
        && now > exp.saturating_add(leeway)
    {
        findings.error(
            Rule::Expired,
            format!("expired {} ago (exp {exp}, now {now})", human(now - exp)),
        );
    }
    if let Some(nbf) = nbf
        && nbf > now.saturating_add(leeway)
    {
        findings.error(
            Rule::NotYetValid,
            format!(
                "not valid for another {} (nbf {nbf}, now {now})",
                human(nbf - now)
            ),
        );
    }
    if let Some(iat) = iat
        && iat > now.saturating_add(leeway)
    {
        findings.add(
            Severity::Warning,
            Rule::IssuedInFuture,
            format!(
                "issued {} in the future (iat {iat}, now {now}): is the server's clock right?",
                human(iat - now)
            ),
        );
    }
    if let (Some(iat), Some(exp)) = (iat, exp)
        && exp.saturating_sub(iat) > LONG_LIFETIME_SECONDS
    {
        findings.add(
            Severity::Warning,
            Rule::LongLifetime,
            format!(
                "valid for {}: a leaked token stays usable that long; minutes are enough, since a fresh one is fetched for each chat",
                human(exp - iat)
            ),
        );
    }
    let identity: Vec<&str> = IDENTITY_CLAIMS
        .into_iter()
        .filter(|name| claims.contains_key(*name))
        .collect();
    if !identity.is_empty() {
        findings.add(
            Severity::Warning,
            Rule::IdentityClaims,
            format!(
                "identity data as top-level claims ({}): it belongs in lwicontexts, as context variables",
                identity.join(", ")
            ),
        );
    }
}

/// A duration in the largest whole unit: "3 h", "15 min", "42 s".
pub(super) fn human(seconds: u64) -> String {
    match seconds {
        s if s >= 2 * 86_400 => format!("{} days", s / 86_400),
        s if s >= 2 * 3600 => format!("{} h", s / 3600),
        s if s >= 120 && s % 60 == 0 => format!("{} min", s / 60),
        s if s >= 120 => format!("{} min {} s", s / 60, s % 60),
        s => format!("{s} s"),
    }
}

fn check_context(
    findings: &mut Findings,
    claims: &Map<String, Json>,
    options: &DiagnoseOptions,
) -> Option<JsonContext> {
    let value = claims.get("lwicontexts")?;
    let Some(text) = value.as_str() else {
        findings.error(
            Rule::ContextNotString,
            "lwicontexts is not a string: it must be a serialized JSON object (a string holding JSON), not the object itself",
        );
        return None;
    };
    let Ok(context) = JsonContext::parse(text) else {
        findings.error(
            Rule::ContextNotObject,
            "lwicontexts is not a JSON object of context variables",
        );
        return None;
    };
    if let Err(violation) = check_count(context.entries().len()) {
        findings.error(violation.rule(), violation.to_string());
    }
    if let Some(name) = context.repeated_name() {
        findings.error(
            Rule::RepeatedVariable,
            format!(
                "{}; which value counts is not defined",
                Violation::RepeatedVariable.at(name)
            ),
        );
    }
    let schema: Option<HashSet<&str>> = options
        .schema
        .as_ref()
        .map(|names| names.iter().map(String::as_str).collect());
    for (name, json) in context.entries() {
        let Ok(value) = serde_json::from_str::<Json>(json) else {
            // JSON, but no Unicode text: a lone surrogate escape.
            findings.error(
                Rule::NotPrimitive,
                format!(
                    "context variable `{name}` holds a lone surrogate escape, which is not text, and {PRIMITIVES_ONLY}"
                ),
            );
            continue;
        };
        if let Err(violation) = check_name(name) {
            findings.error(violation.rule(), violation.at(name).to_string());
        }
        // The nested form, {"value": ..., "isDisplayable": ...}, wraps the value.
        let value = match &value {
            Json::Object(object) if object.contains_key("value") => &object["value"],
            other => other,
        };
        let violation = match value {
            Json::Array(_) => Err(Violation::NotPrimitive { found: "an array" }),
            Json::Object(_) => Err(Violation::NotPrimitive { found: "an object" }),
            Json::String(text) => check_value(text),
            _ => Ok(()),
        };
        if let Err(violation) = violation {
            findings.error(violation.rule(), violation.at(name).to_string());
        }
        if let (Some(schema), Some(names)) = (&schema, &options.schema)
            && !schema.contains(name)
        {
            findings.error(
                Rule::UnknownVariable,
                unknown_variable(name, names.iter().map(String::as_str)),
            );
        }
    }
    Some(context)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(human(42), "42 s");
        assert_eq!(human(900), "15 min");
        assert_eq!(human(3601), "60 min 1 s");
        assert_eq!(human(7200), "2 h");
        assert_eq!(human(3 * 86_400), "3 days");
    }
}
