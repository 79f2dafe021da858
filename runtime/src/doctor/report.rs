//! [`Report`] for people (`Display`) and for machines (`to_json`).

use crate::prelude::*;
use std::fmt;

use serde_json::{Value as Json, json};

use super::{Outcome, Report};
use crate::diagnose::ErrorCode;
use crate::diagnose::report::{finding_json, finding_line, printable};

impl Report {
    /// The report as one JSON document: `exitCode`, `errorCode` and `errorMessage` (the first
    /// failure's), `tokenTail`, and `steps`, each with `step`, `outcome`, `errorCode`,
    /// `summary`, `unreachable` (`{url, kind, cause}` or `null`) and `findings` (as
    /// [`Diagnosis::to_json`](crate::diagnose::Diagnosis::to_json) gives them).
    pub fn to_json(&self) -> Json {
        json!({
            "exitCode": self.exit_code(),
            "errorCode": self.error().map(ErrorCode::code),
            "errorMessage": self.error().map(ErrorCode::message),
            "tokenTail": self.token_tail,
            "steps": self.steps.iter().map(|step| json!({
                "step": step.kind.as_str(),
                "outcome": step.outcome.as_str(),
                "errorCode": step.code.map(ErrorCode::code),
                "summary": step.summary,
                "unreachable": step.unreachable.as_ref().map(|error| json!({
                    "url": error.url,
                    "kind": error.kind.as_str(),
                    "cause": error.cause,
                })),
                "findings": step.findings.iter().map(finding_json).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })
    }
}

/// A verdict line, then one line a step with its findings below it.
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.first_failure(), self.exit_code()) {
            (None, _) if self.steps.iter().any(|s| s.outcome == Outcome::Warning) => {
                writeln!(f, "doctor: the chat would work, with the warnings below")?;
            }
            (None, _) => writeln!(f, "doctor: the chat would work")?,
            (Some(step), super::EXIT_UNAVAILABLE) if step.unreachable.is_some() => {
                writeln!(f, "doctor: the {} cannot be fetched", step.kind.title())?;
            }
            (Some(_), super::EXIT_UNAVAILABLE) => {
                writeln!(f, "doctor: a URL cannot be fetched")?;
            }
            (Some(step), _) => match step.code {
                Some(code) => writeln!(
                    f,
                    "doctor: fails at the {}; the widget would report {code}",
                    step.kind.title()
                )?,
                None => writeln!(f, "doctor: fails at the {}", step.kind.title())?,
            },
        }
        for (number, step) in self.steps.iter().enumerate() {
            let code = step
                .code
                .filter(|_| step.outcome == Outcome::Failure)
                .map(|code| format!(" (code {})", code.code()))
                .unwrap_or_default();
            writeln!(
                f,
                "\n{}. {:<15} {}{code}\n   {}",
                number + 1,
                step.kind.title(),
                step.outcome.as_str(),
                printable(&step.summary)
            )?;
            if let Some(error) = &step.unreachable {
                writeln!(f, "   error    {}", printable(&error.to_string()))?;
            }
            for finding in &step.findings {
                writeln!(f, "   {}", finding_line(finding))?;
            }
        }
        Ok(())
    }
}
