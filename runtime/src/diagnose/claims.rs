//! The claims: the required ones, the times as the widget and as Omnichannel's server read them,
//! and identity data where it does not belong.

use crate::prelude::*;
use lwicontext_schema::limits::{
    IDENTITY_CLAIMS, LONG_LIFETIME_SECONDS, REQUIRED_CLAIMS, is_milliseconds,
};

use super::findings::Findings;
use super::report::human;
use super::{DiagnoseOptions, Rule, Severity, Side};
use crate::encoding::number::parse_f64;
use crate::json::read::{Json, Object};
use crate::json::shown;

/// A `NumericDate` claim as it was written, or a finding when it is not a number; a warning
/// when it has 13 digits.
fn numeric_date(findings: &mut Findings, claims: &Object<'_>, name: &str) -> Option<u64> {
    let value = claims.get(name)?;
    let Some(date) = (match value {
        Json::Number(text) => whole_seconds(text),
        _ => None,
    }) else {
        findings.error(
            Rule::MissingClaim,
            text![
                name,
                " is ",
                shown(value),
                ", not a NumericDate (seconds since 1970)"
            ],
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
            text![
                name,
                " is ",
                date,
                ", 13 digits: a time in milliseconds (",
                date / 1000,
                " in seconds); ",
                reading
            ],
        );
    }
    Some(date)
}

/// The whole seconds of a JSON number: an integer as it is (one too large for a `u64` becomes
/// `u64::MAX`), a fraction truncated; `None` for a negative number.
fn whole_seconds(number: &str) -> Option<u64> {
    // An integer within a u64, digit by digit: `parse::<u64>()` would check each step for
    // overflow in 128 bits, which the page's module carries as `__multi3`.
    if !number.starts_with('-') && integer_in_64_bits(number) {
        return Some(number.bytes().fold(0, |seconds: u64, digit| {
            seconds * 10 + u64::from(digit - b'0')
        }));
    }
    // A fractional NumericDate is legal; its whole seconds are what count. A float to integer
    // cast saturates: a far-off time stays far off.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    parse_f64(number)
        .filter(|f| f.is_finite() && *f >= 0.0)
        .map(|f| f as u64)
}

/// When the widget's page script takes the token to expire, in seconds, reading `exp` as its
/// `setToken` and `convertExpiration` do: no expiry for a missing or falsy `exp` (`0`, `""`,
/// `false`, `null`), milliseconds when its JavaScript text has 13 characters (`1800000840.25`
/// too), and JavaScript's conversion to a number for the rest (a string is compared as the
/// number it holds). `None`: the widget never takes it to expire.
fn widget_expiration(exp: Option<&Json<'_>>) -> Option<f64> {
    let (text_length, number) = match exp? {
        Json::Number(text) => {
            let number = parse_f64(text)?;
            // An integer within 64 bits is its digits, as JSON writes them; any other number
            // (`-0`, `1.5`, `1e3`, one of 21 digits) is its JavaScript text, String(number).
            let fits = *text != "-0" && integer_in_64_bits(text);
            let length = if fits {
                text.len()
            } else {
                crate::encoding::js_number_text(number).len()
            };
            (length, number)
        }
        Json::String(s) => (s.encode_utf16().count(), js_number(s)),
        Json::Bool(true) => ("true".len(), 1.0),
        // Falsy (null, false), or no number at all (arrays, objects: compared as NaN).
        Json::Null | Json::Bool(false) | Json::Array(_) | Json::Object(_) => return None,
    };
    let expiration = if text_length == 13 {
        floor(number / 1000.0)
    } else {
        number
    };
    // `expiration > 0` is false for 0 and NaN: no expiry.
    (expiration > 0.0).then_some(expiration)
}

/// `x` rounded down to a whole number, as `Math.floor` does (`f64::floor` needs the standard
/// library): a number of 2^52 or more, infinite or NaN is whole already, or stays NaN.
fn floor(x: f64) -> f64 {
    const WHOLE_FROM: f64 = 4_503_599_627_370_496.0;
    if x.is_nan() || x.abs() >= WHOLE_FROM {
        return x;
    }
    // Within ±2^52 the cast to an integer is exact after truncation toward zero.
    #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
    let truncated = x as i64 as f64;
    if truncated > x {
        truncated - 1.0
    } else {
        truncated
    }
}

/// Whether `number`, a JSON number, is an integer that a `u64` or an `i64` holds: what
/// `parse::<u64>()` or `parse::<i64>()` takes, without their overflow checks in 128 bits, which
/// the page's wasm module would carry twice. JSON writes no leading zero, so that a number of
/// fewer digits than the limit is within it, and one of as many is when it sorts before it.
fn integer_in_64_bits(number: &str) -> bool {
    let (digits, limit) = match number.strip_prefix('-') {
        Some(digits) => (digits, "9223372036854775808"),
        None => (number, "18446744073709551615"),
    };
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits.len() < limit.len() || digits.len() == limit.len() && digits <= limit)
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
        _ => parse_f64(text).unwrap_or(f64::NAN),
    }
}

/// Checks the claims; returns when the token expires, as the widget reads `exp` (the server's
/// reading when the widget reads no expiry in it).
pub(super) fn check_claims(
    findings: &mut Findings,
    claims: &Object<'_>,
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
        let written = claims.get("exp").map(shown).unwrap_or_default();
        let reading = if exp == Some(at) {
            String::new()
        } else {
            text![", read by the widget as ", at]
        };
        findings.error(
            Rule::Expired,
            text![
                "expired ",
                human(now - at),
                " ago (exp ",
                written,
                reading,
                ", now ",
                now,
                ")"
            ],
        );
    } else if let Some(at) = exp.filter(|&at| past(at)) {
        findings.error_by(
            Side::Server,
            Rule::Expired,
            text![
                "expired ",
                human(now - at),
                " ago for Omnichannel's server, which reads exp ",
                at,
                " as seconds (now ",
                now,
                "); the widget reads no expiry in it"
            ],
        );
    }
    if let Some(nbf) = nbf
        && nbf > now.saturating_add(leeway)
    {
        findings.error(
            Rule::NotYetValid,
            text![
                "not valid for another ",
                human(nbf - now),
                " (nbf ",
                nbf,
                ", now ",
                now,
                ")"
            ],
        );
    }
    if let Some(iat) = iat
        && iat > now.saturating_add(leeway)
    {
        findings.add(
            Severity::Warning,
            Rule::IssuedInFuture,
            text![
                "issued ",
                human(iat - now),
                " in the future (iat ",
                iat,
                ", now ",
                now,
                "): is the server's clock right?"
            ],
        );
    }
    if let (Some(iat), Some(exp)) = (iat, widget_exp.or(exp))
        && exp.saturating_sub(iat) > LONG_LIFETIME_SECONDS
    {
        findings.add(
            Severity::Warning,
            Rule::LongLifetime,
            text!["valid for ", human(exp - iat), ": a leaked token stays usable that long; minutes are enough, since a fresh one is fetched for each chat"],
        );
    }
    check_identity(findings, claims);
    widget_exp.or(exp)
}

/// The claims Omnichannel requires "at a minimum", and `iss` and `sub` as strings.
fn check_required(findings: &mut Findings, claims: &Object<'_>) {
    for name in REQUIRED_CLAIMS {
        match claims.get(name) {
            None => findings.error(
                Rule::MissingClaim,
                text![
                    "the ",
                    name,
                    " claim is missing; Omnichannel requires iss, sub, iat and exp"
                ],
            ),
            Some(value) if matches!(name, "iss" | "sub") && value.as_str().is_none() => findings
                .error(
                    Rule::MissingClaim,
                    text![name, " is ", shown(value), ", not a string"],
                ),
            Some(Json::String(s)) if s.is_empty() => {
                findings.error(Rule::MissingClaim, text![name, " is empty"]);
            }
            Some(_) => {}
        }
    }
}

/// Identity data belongs in lwicontexts, not in top-level claims.
fn check_identity(findings: &mut Findings, claims: &Object<'_>) {
    // Listed as `join(", ")` would, without its generic code.
    let mut identity = String::new();
    for name in IDENTITY_CLAIMS
        .into_iter()
        .filter(|name| claims.contains(name))
    {
        if !identity.is_empty() {
            identity.push_str(", ");
        }
        identity.push_str(name);
    }
    if !identity.is_empty() {
        findings.add(
            Severity::Warning,
            Rule::IdentityClaims,
            text![
                "identity data as top-level claims (",
                identity,
                "): it belongs in lwicontexts, as context variables"
            ],
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{floor, integer_in_64_bits, whole_seconds};
    use std::prelude::rust_2024::*;

    #[test]
    fn an_integer_in_64_bits_and_whole_seconds_are_what_the_parsers_read() {
        // The limits and either side of them, then a few that are no integer.
        let mut numbers: Vec<String> = [
            "18446744073709551615",
            "18446744073709551616",
            "99999999999999999999",
            "100000000000000000000",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "-18446744073709551615",
        ]
        .map(str::to_owned)
        .to_vec();
        numbers.extend(["1.5", "1e3", "-1.0", "-", "", "-0"].map(str::to_owned));
        // Around each power of ten and each limit, as JSON writes integers.
        for n in (0..=19).map(|power| 10_u64.pow(power)) {
            for near in [n - 1, n, n + 1] {
                numbers.push(near.to_string());
                numbers.push(format!("-{near}"));
            }
        }
        for near in [u64::MAX - 1, u64::MAX] {
            numbers.push(near.to_string());
        }
        numbers.extend(["1800000000.9", "1e30", "-5", "0.5"].map(str::to_owned));
        for number in &numbers {
            let parsed = number.parse::<u64>().is_ok() || number.parse::<i64>().is_ok();
            assert_eq!(integer_in_64_bits(number), parsed, "{number}");
            // Whole seconds as `parse::<u64>()` reads them, or the double's, saturated.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let seconds = number.parse::<u64>().ok().or_else(|| {
                number
                    .parse::<f64>()
                    .ok()
                    .filter(|f| f.is_finite() && *f >= 0.0)
                    .map(|f| f as u64)
            });
            assert_eq!(whole_seconds(number), seconds, "{number}");
        }
    }

    #[test]
    // The same double exactly, not a close one (0 and -0 count as equal).
    #[allow(clippy::float_cmp)]
    fn floor_is_the_standard_library_s() {
        let cases = [
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.0,
            -1.0,
            1_800_000_840.25,
            -1_800_000_840.25,
            4_503_599_627_370_495.5,
            4_503_599_627_370_496.0,
            -4_503_599_627_370_495.5,
            1e300,
            -1e300,
            f64::MIN_POSITIVE,
            -f64::MIN_POSITIVE,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        for x in cases {
            assert_eq!(floor(x), x.floor(), "floor({x})");
        }
        assert!(floor(f64::NAN).is_nan());
        // Every 1,000th of a second over an hour around a 13-digit exp.
        for step in 0..3_600_000_u32 {
            let x = (1_800_000_000_000.0 + f64::from(step) * 0.001) / 1000.0;
            assert_eq!(floor(x), x.floor(), "floor({x})");
        }
    }
}
