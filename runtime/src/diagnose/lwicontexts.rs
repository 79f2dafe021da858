//! The `lwicontexts` claim: a string holding a flat JSON object of primitive values, within
//! Omnichannel's limits, naming only the work stream's variables.

use crate::prelude::*;

use lwicontext_schema::Violation;
use lwicontext_schema::rules::LONE_SURROGATE;
use lwicontext_schema::rules::{check_count, check_name, check_value, unknown_variable};

use super::Rule;
use super::findings::Findings;
use crate::encoding::JsonContext;
use crate::json::read::{self, Json, Object};

/// Checks the claim; `known`, when given, names every variable the context may have.
pub(super) fn check_lwicontexts(
    findings: &mut Findings,
    claims: &Object<'_>,
    known: Option<&[&str]>,
) -> Option<JsonContext> {
    let value = claims.get("lwicontexts")?;
    let Some(text) = value.as_str() else {
        findings.error(
            Rule::ContextNotString,
            "lwicontexts is not a string: it must be a serialized JSON object (a string holding JSON), not the object itself",
        );
        return None;
    };
    let Ok(context) = JsonContext::read(text) else {
        findings.error(
            Rule::ContextNotObject,
            "lwicontexts is not a JSON object of context variables",
        );
        return None;
    };
    if let Err(violation) = check_count(context.entries().len()) {
        findings.error(violation.rule(), text![violation]);
    }
    if let Some(name) = context.repeated_name() {
        findings.error(
            Rule::RepeatedVariable,
            text![
                Violation::RepeatedVariable.at(name),
                "; which value counts is not defined"
            ],
        );
    }
    for (name, json) in context.entries() {
        let Ok(value) = read::parse(json) else {
            // JSON, but no Unicode text: a lone surrogate escape.
            let violation = Violation::NotPrimitive {
                found: LONE_SURROGATE,
            };
            findings.error_with(violation.rule(), || text![violation.at(name)]);
            continue;
        };
        if let Err(violation) = check_name(name) {
            findings.error_with(violation.rule(), || text![violation.at(name)]);
        }
        // The nested form, {"value": ..., "isDisplayable": ...}, wraps the value.
        let value = match &value {
            Json::Object(object) => object.get("value").unwrap_or(&value),
            other => other,
        };
        let violation = match value {
            Json::Array(_) => Err(Violation::NotPrimitive { found: "an array" }),
            Json::Object(_) => Err(Violation::NotPrimitive { found: "an object" }),
            Json::String(text) => check_value(text),
            _ => Ok(()),
        };
        if let Err(violation) = violation {
            findings.error_with(violation.rule(), || text![violation.at(name)]);
        }
        // The struct's few names, looked through in turn: a set would cost the page's module a
        // sort and a tree.
        if let Some(names) = known
            && !names.contains(&name)
        {
            findings.error_with(Rule::UnknownVariable, || {
                unknown_variable(name, names.iter().copied())
            });
        }
    }
    Some(context)
}
