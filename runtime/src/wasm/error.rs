//! [`AuthTokenError`]: why no token was handed over, with the widget's code, as the JavaScript
//! glue's `AuthTokenError` says it.

use crate::prelude::*;
use alloc::vec;
use core::fmt;

use js_sys::{Array, Error as JsError, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::diagnose::check_token::TokenRefused;
use crate::diagnose::error_code::ErrorCode;
use crate::rules::{NO_TEXT, Rule};
use crate::token::tail;

/// Why a token source, a route or [`check_token`](super::check_token) has no token to hand over:
/// the code the widget reports (2, 3 or 4) and the reasons in plain words. It never holds the
/// whole token, only its last characters.
///
/// In JavaScript it becomes an `Error` named `AuthTokenError`, with the properties of the
/// generated glue's: `code`, `reason`, `rule`, `rules`, `reasons` and `tokenTail`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct AuthTokenError {
    /// The widget's code: 2 when the provider failed, 3 when no one is signed in, 4 for a token
    /// it refuses.
    pub code: ErrorCode,
    /// Why, in plain words: the first of `reasons`.
    pub reason: String,
    /// The first rule broken, when a rule was.
    pub rule: Option<Rule>,
    /// Every rule broken, in `diagnose`'s order.
    pub rules: Vec<Rule>,
    /// Every reason, in the same order.
    pub reasons: Vec<String>,
    /// The last characters of the token refused, or empty.
    pub token_tail: String,
}

impl AuthTokenError {
    /// An error with one reason and no rule.
    pub fn new(code: ErrorCode, reason: impl Into<String>) -> Self {
        Self::of_reason(code, reason.into())
    }

    /// [`Self::new`] once the reason is a `String`: one copy whatever the reason's type.
    fn of_reason(code: ErrorCode, reason: String) -> Self {
        Self {
            code,
            reasons: vec![reason.clone()],
            reason,
            rule: None,
            rules: Vec::new(),
            token_tail: String::new(),
        }
    }

    /// The same error, for breaking `rule`.
    #[must_use]
    pub fn with_rule(mut self, rule: Rule) -> Self {
        self.rule = Some(rule);
        self.rules = vec![rule];
        self
    }

    /// No one is signed in (code 3): the token source's answer was empty.
    pub(crate) fn no_token(reason: impl Into<String>) -> Self {
        Self::new(ErrorCode::NoToken, reason).with_rule(Rule::Empty)
    }

    /// The token provider failed (code 2).
    pub(crate) fn failed(reason: impl Into<String>) -> Self {
        Self::new(ErrorCode::ProviderFailed, reason)
    }

    /// What `error`, thrown by JavaScript, says of itself, in the generated glue's words: an
    /// `Error` as `name: message` (its name alone without a message), anything else as
    /// JavaScript's `String(error)`.
    pub(crate) fn describe(error: &JsValue) -> String {
        if let Some(error) = error.dyn_ref::<JsError>() {
            let name = String::from(error.name());
            let message = String::from(error.message());
            return if message.is_empty() {
                name
            } else {
                text![name, ": ", message]
            };
        }
        // `String()` throws only for an object that cannot become text (`Object.create(null)`).
        js_string(error).unwrap_or_else(|_| NO_TEXT.to_owned())
    }
}

#[wasm_bindgen]
extern "C" {
    /// JavaScript's `String(value)`.
    #[wasm_bindgen(catch, js_name = String)]
    fn js_string(value: &JsValue) -> Result<String, JsValue>;
}

impl From<TokenRefused> for AuthTokenError {
    fn from(refused: TokenRefused) -> Self {
        let rule = refused.rule();
        // One loop, not two `collect`s: an in-place `collect` brings its own reallocation code.
        let mut rules = Vec::with_capacity(refused.errors.len() + 1);
        let mut reasons = Vec::with_capacity(refused.errors.len() + 1);
        for finding in refused.errors {
            rules.push(finding.rule);
            reasons.push(finding.message);
        }
        if let Some(context) = &refused.context {
            rules.push(context.rule());
            reasons.push(text![context]);
        }
        Self {
            code: refused.code,
            reason: reasons.first().cloned().unwrap_or_default(),
            rule: Some(rule),
            rules,
            reasons,
            token_tail: String::new(),
        }
    }
}

impl AuthTokenError {
    /// The same error, naming the token by its last characters.
    pub(crate) fn of_token(mut self, token: &str) -> Self {
        self.token_tail = tail(token.trim());
        self
    }
}

impl fmt::Display for AuthTokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.reason)
    }
}

impl core::error::Error for AuthTokenError {}

impl From<AuthTokenError> for JsValue {
    /// An `Error` named `AuthTokenError`, shaped as the generated glue's.
    fn from(error: AuthTokenError) -> Self {
        let js = JsError::new(error.code.message());
        js.set_name("AuthTokenError");
        // Pushed one by one: a `collect` through `dyn Iterator` brings each iterator's vtable.
        let (rules, reasons) = (Array::new(), Array::new());
        for rule in &error.rules {
            rules.push(&rule.as_str().into());
        }
        for reason in &error.reasons {
            reasons.push(&reason.as_str().into());
        }
        let rule = error.rule.map_or(Self::NULL, |rule| rule.as_str().into());
        let properties: [(&str, Self); 5] = [
            ("code", error.code.code().into()),
            ("reason", error.reason.as_str().into()),
            ("rule", rule),
            ("rules", rules.into()),
            ("reasons", reasons.into()),
        ];
        for (name, value) in properties {
            // Setting a property on a fresh Error cannot fail.
            let _ = Reflect::set(&js, &name.into(), &value);
        }
        let _ = Reflect::set(&js, &"tokenTail".into(), &error.token_tail.as_str().into());
        js.into()
    }
}
