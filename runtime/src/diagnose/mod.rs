//! Why would the widget refuse this token? [`diagnose`] answers with the widget error code it
//! would cause, if any, and every finding in plain words.

mod report;
mod rules;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Map, Value as Json};

use crate::context::{ContextVariable, LwiContext};
use crate::encoding::JsonContext;
use crate::error_code::ErrorCode;
use crate::keys::{KeySet, PublicKey};
use crate::token::{Clock, SystemClock};

/// How sure a finding is to break the chat.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The widget would refuse the token: error 3 or 4.
    Error,
    /// Legal, but risky.
    Warning,
    /// Worth knowing: what was not checked, for example.
    Note,
}

/// Which rule a finding is about, so that code can match on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// Nothing, or only white space.
    Empty,
    /// Not three dot-separated parts.
    NotThreeParts,
    /// The header is not base64url JSON.
    BadHeader,
    /// `alg` is not RS256.
    NotRs256,
    /// The payload is not base64url JSON.
    BadPayload,
    /// A required claim (`iss`, `sub`, `iat`, `exp`) is missing or of the wrong type.
    MissingClaim,
    /// `exp` (or `iat`, `nbf`) looks like milliseconds, not seconds.
    Milliseconds,
    /// Past `exp`.
    Expired,
    /// Before `nbf`.
    NotYetValid,
    /// `iat` in the future.
    IssuedInFuture,
    /// Valid for more than an hour.
    LongLifetime,
    /// Identity data (email, names, phone) as top-level claims.
    IdentityClaims,
    /// `lwicontexts` is not a string.
    ContextNotString,
    /// `lwicontexts` is not a JSON object.
    ContextNotObject,
    /// A context value that is not a string, number or boolean.
    NonPrimitive,
    /// A context variable name that is empty or over 100 characters.
    BadName,
    /// A context value over 4000 characters.
    ValueTooLong,
    /// More than 100 context variables.
    TooManyVariables,
    /// A context variable named twice.
    RepeatedVariable,
    /// A context variable the expected schema does not have.
    UnknownVariable,
    /// No key to check the signature with: not checked.
    SignatureNotChecked,
    /// The signature does not verify against the key.
    BadSignature,
    /// The header has no `kid`, and the key set needs one.
    MissingKid,
    /// No key in the key set has the header's `kid`.
    UnknownKid,
    /// The key set's key for this `kid` has expired.
    KeyExpired,
}

/// One thing [`diagnose`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Finding {
    /// How sure it is to break the chat.
    pub severity: Severity,
    /// The rule.
    pub rule: Rule,
    /// What was found, in plain words. Never holds the whole token.
    pub message: String,
}

/// The keys a token's signature is checked against.
#[derive(Clone, Debug, Default)]
enum Keys {
    #[default]
    None,
    One(PublicKey),
    Set(KeySet),
}

/// What [`diagnose`] checks the token against.
#[derive(Clone)]
pub struct DiagnoseOptions {
    keys: Keys,
    schema: Option<Vec<String>>,
    clock: Arc<dyn Clock>,
    leeway: Duration,
}

impl Default for DiagnoseOptions {
    fn default() -> Self {
        Self {
            keys: Keys::None,
            schema: None,
            clock: Arc::new(SystemClock),
            leeway: Duration::ZERO,
        }
    }
}

impl fmt::Debug for DiagnoseOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DiagnoseOptions")
            .field("keys", &self.keys)
            .field("schema", &self.schema)
            .field("leeway", &self.leeway)
            .finish_non_exhaustive()
    }
}

impl DiagnoseOptions {
    /// No key, no schema, the system clock, no leeway.
    pub fn new() -> Self {
        Self::default()
    }

    /// Checks the signature against this public key.
    #[must_use]
    pub fn public_key(mut self, key: PublicKey) -> Self {
        self.keys = Keys::One(key);
        self
    }

    /// Checks the signature against the key of the header's `kid` in this set.
    #[must_use]
    pub fn key_set(mut self, keys: KeySet) -> Self {
        self.keys = Keys::Set(keys);
        self
    }

    /// Refuses context variables that these do not name.
    #[must_use]
    pub fn schema(mut self, variables: &[ContextVariable]) -> Self {
        self.schema = Some(variables.iter().map(|v| v.name.to_owned()).collect());
        self
    }

    /// Refuses context variables that `C` does not have.
    #[must_use]
    pub fn schema_of<C: LwiContext + ?Sized>(self) -> Self {
        self.schema(C::VARIABLES)
    }

    /// Refuses context variables other than these names.
    #[must_use]
    pub fn variable_names<I: IntoIterator<Item = S>, S: Into<String>>(mut self, names: I) -> Self {
        self.schema = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// Where "now" comes from.
    #[must_use]
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// How far past `exp` (or before `nbf`) a token still counts as valid; zero by default, so
    /// that a token past its `exp` is expired, as the widget judges it.
    #[must_use]
    pub fn leeway(mut self, leeway: Duration) -> Self {
        self.leeway = leeway;
        self
    }
}

/// What [`diagnose`] found about one token.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Diagnosis {
    /// The widget error the token would cause; `None` when it would be accepted.
    pub error: Option<ErrorCode>,
    /// Every finding, errors first.
    pub findings: Vec<Finding>,
    /// The decoded header, when it decodes.
    pub header: Option<Map<String, Json>>,
    /// The decoded claims, when they decode.
    pub claims: Option<Map<String, Json>>,
    /// The decoded `lwicontexts`, when it is a JSON object.
    pub context: Option<JsonContext>,
    /// The token's last three characters, to tell tokens apart without showing one.
    pub token_tail: String,
}

impl Diagnosis {
    /// Whether the widget would accept the token.
    pub fn is_accepted(&self) -> bool {
        self.error.is_none()
    }
}

/// Which widget error code `token` would cause, if any, and why.
///
/// Never panics, whatever the input, and never puts the whole token in a finding.
///
/// ```
/// use lwicontext::{DiagnoseOptions, ErrorCode, Rule, diagnose};
///
/// let diagnosis = diagnose("", &DiagnoseOptions::new());
/// assert_eq!(diagnosis.error, Some(ErrorCode::NoToken));
/// assert_eq!(diagnosis.findings[0].rule, Rule::Empty);
///
/// let diagnosis = diagnose("not.a.token", &DiagnoseOptions::new());
/// assert_eq!(diagnosis.error, Some(ErrorCode::InvalidToken));
/// ```
pub fn diagnose(token: &str, options: &DiagnoseOptions) -> Diagnosis {
    let mut diagnosis = rules::check(token.trim(), options);
    diagnosis.findings.sort_by_key(|finding| finding.severity);
    diagnosis.error = diagnosis
        .findings
        .iter()
        .find(|finding| finding.severity == Severity::Error)
        .map(|finding| {
            if finding.rule == Rule::Empty {
                ErrorCode::NoToken
            } else {
                ErrorCode::InvalidToken
            }
        });
    diagnosis
}

/// The last three characters of `token`, which is all a message may show of it.
pub fn token_tail(token: &str) -> String {
    let count = token.chars().count();
    token.chars().skip(count.saturating_sub(3)).collect()
}
