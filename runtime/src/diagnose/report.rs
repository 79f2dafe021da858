//! A diagnosis for people (`Display`) and for machines (`to_json`).

use crate::prelude::*;
use core::fmt;

use serde_json::{Value as Json, json};

use super::{Diagnosis, Finding, Severity, Side};
use crate::diagnose::error_code::ErrorCode;
use lwicontext_schema::limits::MAX_VARIABLES;

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

impl Diagnosis {
    /// The diagnosis as JSON, for machines: `accepted`, `errorCode`, `errorMessage`, `findings`
    /// (each with `severity`, `rule`, `refusedBy` and `message`), `header`, `claims`, `context`
    /// and `tokenTail`.
    pub fn to_json(&self) -> Json {
        json!({
            "accepted": self.is_accepted(),
            "errorCode": self.error.map(ErrorCode::code),
            "errorMessage": self.error.map(ErrorCode::message),
            "findings": self.findings.iter().map(finding_json).collect::<Vec<_>>(),
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

/// A finding as JSON: `severity`, `rule`, `refusedBy` and `message`.
pub(crate) fn finding_json(finding: &Finding) -> Json {
    json!({
        "severity": finding.severity.as_str(),
        "rule": finding.rule.as_str(),
        "refusedBy": finding.refused_by.map(Side::as_str),
        "message": finding.message,
    })
}

/// A finding as a line of a report: `  error    Omnichannel's server refuses: …`.
pub(crate) fn finding_line(finding: &Finding) -> String {
    let side = finding
        .refused_by
        .map(|side| format!("{}: ", side.refuses()))
        .unwrap_or_default();
    format!(
        "{:<7}  {side}{}",
        finding.severity.as_str(),
        printable(&finding.message)
    )
}

/// Header, claims, the context as a table, then the findings.
impl fmt::Display for Diagnosis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.error {
            Some(error) => writeln!(
                f,
                "token …{}: refused; the widget would report {error}",
                printable(&self.token_tail)
            )?,
            None if self
                .findings
                .iter()
                .any(|finding| finding.rule == super::Rule::SignatureNotChecked) =>
            {
                writeln!(
                    f,
                    "token …{}: the widget and Omnichannel would accept it if the signature verifies against the site's key (not checked)",
                    printable(&self.token_tail)
                )?;
            }
            None => writeln!(
                f,
                "token …{}: the widget and Omnichannel would accept it",
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
                writeln!(
                    f,
                    "  {:<width$}  {}",
                    printable(name),
                    printable(&shortened(&shown))
                )?;
            }
        }
        if let Some(context) = &self.context {
            writeln!(f, "\ncontext variables (lwicontexts):")?;
            let width = context
                .entries()
                .take(MAX_VARIABLES)
                .map(|(name, _)| printable(name).chars().count())
                .max()
                .unwrap_or(0);
            // All a token Omnichannel takes can hold; past that, how many more.
            for (name, json) in context.entries().take(MAX_VARIABLES) {
                writeln!(f, "  {:<width$}  {}", printable(name), printable(json))?;
            }
            let more = context.entries().len().saturating_sub(MAX_VARIABLES);
            if more > 0 {
                writeln!(f, "  … and {more} more")?;
            }
        }
        if !self.findings.is_empty() {
            writeln!(f, "\nfindings:")?;
            for finding in &self.findings {
                writeln!(f, "  {}", finding_line(finding))?;
            }
        }
        Ok(())
    }
}

/// A claim's text as the report shows it: whole up to [`SHOWN_CLAIM_CHARS`] characters, then
/// cut (the context variables are listed one by one below it).
fn shortened(text: &str) -> alloc::borrow::Cow<'_, str> {
    match text.char_indices().nth(SHOWN_CLAIM_CHARS) {
        None => text.into(),
        Some((at, _)) => format!("{}… ({} characters)", &text[..at], text.chars().count()).into(),
    }
}

/// How much of one claim the report shows.
const SHOWN_CLAIM_CHARS: usize = 400;

/// `text` with control characters escaped, so that a token cannot drive the terminal that shows
/// its diagnosis.
pub(crate) fn printable(text: &str) -> alloc::borrow::Cow<'_, str> {
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

/// A duration in the largest whole unit: "3 h", "15 min", "42 s".
pub(crate) fn human(seconds: u64) -> String {
    match seconds {
        s if s >= 2 * 86_400 => text![s / 86_400, " days"],
        s if s >= 2 * 3600 => text![s / 3600, " h"],
        s if s >= 120 && s % 60 == 0 => text![s / 60, " min"],
        s if s >= 120 => text![s / 60, " min ", s % 60, " s"],
        s => text![s, " s"],
    }
}

#[cfg(test)]
mod tests {
    use super::human;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(human(42), "42 s");
        assert_eq!(human(900), "15 min");
        assert_eq!(human(3601), "60 min 1 s");
        assert_eq!(human(7200), "2 h");
        assert_eq!(human(3 * 86_400), "3 days");
    }
}
