//! The claims: the required ones, the times as the widget and as Omnichannel's server read them,
//! and identity data where it does not belong.

use serde_json::{Map, Value as Json};

use lwicontext_schema::limits::{
    IDENTITY_CLAIMS, LONG_LIFETIME_SECONDS, REQUIRED_CLAIMS, is_milliseconds,
};

use super::findings::Findings;
use super::report::human;
use super::{DiagnoseOptions, Rule, Severity, Side};

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

/// When the widget's page script takes the token to expire, in seconds, reading `exp` as its
/// `setToken` and `convertExpiration` do: no expiry for a missing or falsy `exp` (`0`, `""`,
/// `false`, `null`), milliseconds when its JavaScript text has 13 characters (`1800000840.25`
/// too), and JavaScript's conversion to a number for the rest (a string is compared as the
/// number it holds). `None`: the widget never takes it to expire.
fn widget_expiration(exp: Option<&Json>) -> Option<f64> {
    let (text_length, number) = match exp? {
        Json::Number(n) => {
            let number = n.as_f64()?;
            let text = match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => u.to_string(),
                (None, Some(i)) => i.to_string(),
                (None, None) => crate::encoding::js_number_text(number),
            };
            (text.len(), number)
        }
        Json::String(s) => (s.encode_utf16().count(), js_number(s)),
        Json::Bool(true) => ("true".len(), 1.0),
        // Falsy (null, false), or no number at all (arrays, objects: compared as NaN).
        Json::Null | Json::Bool(false) | Json::Array(_) | Json::Object(_) => return None,
    };
    let expiration = if text_length == 13 {
        (number / 1000.0).floor()
    } else {
        number
    };
    // `expiration > 0` is false for 0 and NaN: no expiry.
    (expiration > 0.0).then_some(expiration)
}

/// JavaScript's `Number(text)` for the decimal forms a JWT could hold; anything else is NaN.
fn js_number(text: &str) -> f64 {
    let text = text.trim();
    match text {
        "" => 0.0,
        "Infinity" | "+Infinity" => f64::INFINITY,
        "-Infinity" => f64::NEG_INFINITY,
        // Rust reads "inf" and "nan", JavaScript does not.
        _ if text
            .bytes()
            .any(|b| b.is_ascii_alphabetic() && !matches!(b, b'e' | b'E')) =>
        {
            f64::NAN
        }
        _ => text.parse().unwrap_or(f64::NAN),
    }
}

/// Checks the claims; returns when the token expires, as the widget reads `exp` (the server's
/// reading when the widget reads no expiry in it).
pub(super) fn check_claims(
    findings: &mut Findings,
    claims: &Map<String, Json>,
    options: &DiagnoseOptions,
) -> Option<u64> {
    check_required(findings, claims);
    let now = options.clock.unix_seconds();
    let leeway = options.leeway.as_secs();
    let iat = numeric_date(findings, claims, "iat");
    // Omnichannel's server reads exp as seconds; the widget's page script reads it its own way.
    let exp = numeric_date(findings, claims, "exp");
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    // A float to integer cast saturates: a far-off time stays far off.
    let widget_exp = widget_expiration(claims.get("exp")).map(|at| at as u64);
    let nbf = numeric_date(findings, claims, "nbf");
    // Expired once now > exp: still good during second exp itself.
    let past = |at: u64| now > at.saturating_add(leeway);
    if let Some(at) = widget_exp.filter(|&at| past(at)) {
        let written = claims
            .get("exp")
            .map(ToString::to_string)
            .unwrap_or_default();
        let reading = if exp == Some(at) {
            String::new()
        } else {
            format!(", read by the widget as {at}")
        };
        findings.error(
            Rule::Expired,
            format!(
                "expired {} ago (exp {written}{reading}, now {now})",
                human(now - at)
            ),
        );
    } else if let Some(at) = exp.filter(|&at| past(at)) {
        findings.error_by(
            Side::Server,
            Rule::Expired,
            format!(
                "expired {} ago for Omnichannel's server, which reads exp {at} as seconds (now {now}); the widget reads no expiry in it",
                human(now - at)
            ),
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
    if let (Some(iat), Some(exp)) = (iat, widget_exp.or(exp))
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
    check_identity(findings, claims);
    widget_exp.or(exp)
}

/// The claims Omnichannel requires "at a minimum", and `iss` and `sub` as strings.
fn check_required(findings: &mut Findings, claims: &Map<String, Json>) {
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
}

/// Identity data belongs in lwicontexts, not in top-level claims.
fn check_identity(findings: &mut Findings, claims: &Map<String, Json>) {
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
