//! A diagnosis for people (`Display`) and for machines (`to_json`).

use std::fmt;

use serde_json::{Value as Json, json};

use super::{Diagnosis, Severity};
use crate::error_code::ErrorCode;

impl Severity {
    /// `"error"`, `"warning"` or `"note"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Note => "note",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl super::Rule {
    /// The rule's name in `snake_case`, as [`Diagnosis::to_json`] writes it: stable across
    /// releases.
    pub const fn as_str(self) -> &'static str {
        use super::Rule::{
            BadHeader, BadName, BadPayload, BadSignature, ContextNotObject, ContextNotString,
            Empty, Expired, IdentityClaims, IssuedInFuture, KeyExpired, LongLifetime, Milliseconds,
            MissingClaim, MissingKid, NonPrimitive, NotRs256, NotThreeParts, NotYetValid,
            RepeatedVariable, SignatureNotChecked, TooManyVariables, UnknownKid, UnknownVariable,
            ValueTooLong,
        };
        match self {
            Empty => "empty",
            NotThreeParts => "not_three_parts",
            BadHeader => "bad_header",
            NotRs256 => "not_rs256",
            BadPayload => "bad_payload",
            MissingClaim => "missing_claim",
            Milliseconds => "milliseconds",
            Expired => "expired",
            NotYetValid => "not_yet_valid",
            IssuedInFuture => "issued_in_future",
            LongLifetime => "long_lifetime",
            IdentityClaims => "identity_claims",
            ContextNotString => "context_not_string",
            ContextNotObject => "context_not_object",
            NonPrimitive => "non_primitive",
            BadName => "bad_name",
            ValueTooLong => "value_too_long",
            TooManyVariables => "too_many_variables",
            RepeatedVariable => "repeated_variable",
            UnknownVariable => "unknown_variable",
            SignatureNotChecked => "signature_not_checked",
            BadSignature => "bad_signature",
            MissingKid => "missing_kid",
            UnknownKid => "unknown_kid",
            KeyExpired => "key_expired",
        }
    }
}

impl Diagnosis {
    /// The diagnosis as JSON, for machines: `accepted`, `errorCode`, `errorMessage`, `findings`,
    /// `header`, `claims`, `context` and `tokenTail`.
    pub fn to_json(&self) -> Json {
        json!({
            "accepted": self.is_accepted(),
            "errorCode": self.error.map(ErrorCode::code),
            "errorMessage": self.error.map(ErrorCode::message),
            "findings": self.findings.iter().map(|finding| json!({
                "severity": finding.severity.as_str(),
                "rule": finding.rule.as_str(),
                "message": finding.message,
            })).collect::<Vec<_>>(),
            "header": self.header,
            "claims": self.claims,
            // Each variable with its value, and the value's JSON text as sent (a number keeps all
            // its digits there).
            "context": self.context.as_ref().map(|context| {
                context
                    .entries()
                    .map(|(name, json)| json!({
                        "name": name,
                        "value": serde_json::from_str::<Json>(json).unwrap_or(Json::Null),
                        "json": json,
                    }))
                    .collect::<Vec<_>>()
            }),
            "tokenTail": self.token_tail,
        })
    }
}

/// Header, claims, the context as a table, then the findings.
impl fmt::Display for Diagnosis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.error {
            Some(error) => writeln!(
                f,
                "token …{}: the widget would refuse it with {error}",
                printable(&self.token_tail)
            )?,
            None if self
                .findings
                .iter()
                .any(|finding| finding.rule == super::Rule::SignatureNotChecked) =>
            {
                writeln!(
                    f,
                    "token …{}: the widget would accept it if the signature verifies against the site's key (not checked: no key given)",
                    printable(&self.token_tail)
                )?;
            }
            None => writeln!(
                f,
                "token …{}: the widget would accept it",
                printable(&self.token_tail)
            )?,
        }
        if let Some(header) = &self.header {
            let header = Json::Object(header.clone()).to_string();
            writeln!(f, "\nheader: {}", printable(&header))?;
        }
        if let Some(claims) = &self.claims {
            writeln!(f, "\nclaims:")?;
            let width = claims
                .keys()
                .map(|name| printable(name).chars().count())
                .max()
                .unwrap_or(0);
            for (name, value) in claims {
                let shown = match value {
                    Json::String(s) => s.clone(),
                    other => other.to_string(),
                };
                writeln!(f, "  {:<width$}  {}", printable(name), printable(&shown))?;
            }
        }
        if let Some(context) = &self.context {
            writeln!(f, "\ncontext variables (lwicontexts):")?;
            let width = context
                .entries()
                .map(|(name, _)| printable(name).chars().count())
                .max()
                .unwrap_or(0);
            for (name, json) in context.entries() {
                writeln!(f, "  {:<width$}  {}", printable(name), printable(json))?;
            }
        }
        if !self.findings.is_empty() {
            writeln!(f, "\nfindings:")?;
            for finding in &self.findings {
                writeln!(
                    f,
                    "  {:<7}  {}",
                    finding.severity,
                    printable(&finding.message)
                )?;
            }
        }
        Ok(())
    }
}

/// `text` with control characters escaped, so that a token cannot drive the terminal that shows
/// its diagnosis.
fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}
