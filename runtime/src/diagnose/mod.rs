#![doc = include_str!("../docs/diagnose.md")]

use crate::prelude::*;
mod base64;
pub(crate) mod check_token;
mod claims;
pub(crate) mod error_code;
mod findings;
mod format;
mod lwicontexts;
pub(crate) mod report;
mod signature;

use alloc::sync::Arc;
use core::fmt;
use core::time::Duration;

use serde_json::{Map, Value as Json};

pub use check_token::{CheckedToken, TokenRefused, check_token};
pub use error_code::ErrorCode;

use lwicontext_schema::{Rule, Side};

use crate::context::{ContextVariable, LwiContext};
use crate::encoding::JsonContext;
use crate::json::read;
#[cfg(feature = "sign")]
use crate::keys::{KeySet, PublicKey};
use crate::token::clock::{Clock, SystemClock};
use crate::token::tail;

/// How sure a finding is to break the chat.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The token would be refused, by the widget or by Omnichannel's server: error 3 or 4.
    Error,
    /// Legal, but risky.
    Warning,
    /// Worth knowing: what was not checked, for example.
    Note,
}

/// One thing [`diagnose`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Finding {
    /// How sure it is to break the chat.
    pub severity: Severity,
    /// The rule.
    pub rule: Rule,
    /// Who refuses the token for this finding: the widget's page script, before anything is
    /// sent, or Omnichannel's server; `None` for warnings and notes.
    pub refused_by: Option<Side>,
    /// What was found, in plain words. Never holds the whole token.
    pub message: String,
}

/// The keys a token's signature is checked against.
#[cfg(feature = "sign")]
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
    #[cfg(feature = "sign")]
    keys: Keys,
    schema: Option<Vec<String>>,
    clock: Arc<dyn Clock>,
    leeway: Duration,
}

impl Default for DiagnoseOptions {
    fn default() -> Self {
        Self {
            #[cfg(feature = "sign")]
            keys: Keys::None,
            schema: None,
            clock: Arc::new(SystemClock),
            leeway: Duration::ZERO,
        }
    }
}

impl fmt::Debug for DiagnoseOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("DiagnoseOptions");
        #[cfg(feature = "sign")]
        debug.field("keys", &self.keys);
        debug
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
    #[cfg(feature = "sign")]
    #[must_use]
    pub fn public_key(mut self, key: PublicKey) -> Self {
        self.keys = Keys::One(key);
        self
    }

    /// Checks the signature against the key of the header's `kid` in this set.
    #[cfg(feature = "sign")]
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

    /// "Now" by the options' clock, in Unix seconds.
    #[cfg_attr(not(feature = "fetch"), allow(dead_code))]
    pub(crate) fn now_unix_seconds(&self) -> u64 {
        self.clock.unix_seconds()
    }

    /// How far past `exp` (or before `nbf`) a token still counts as valid; zero by default, so
    /// that a token is expired once the clock is past its `exp` second (`now > exp`), as the
    /// widget judges it: during second `exp` itself it is still accepted.
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
    /// The widget error the token would cause, whichever side refuses it; `None` when it would
    /// be accepted.
    pub error: Option<ErrorCode>,
    /// Every finding, errors first.
    pub findings: Vec<Finding>,
    /// The decoded header, when it decodes.
    pub header: Option<Map<String, Json>>,
    /// The decoded claims, when they decode.
    pub claims: Option<Map<String, Json>>,
    /// The decoded `lwicontexts`, when it is a JSON object.
    pub context: Option<JsonContext>,
    /// When the token expires, in Unix seconds, as the widget reads `exp` (a 13-digit one as
    /// milliseconds); the server's reading when the widget reads no expiry in it.
    pub expires_at: Option<u64>,
    /// The token's last three characters, to tell tokens apart without showing one.
    pub token_tail: String,
}

impl Diagnosis {
    /// Whether the widget and Omnichannel would accept the token (without a key: if its
    /// signature verifies).
    pub fn is_accepted(&self) -> bool {
        self.error.is_none()
    }
}

/// Which widget error code `token` would cause, if any, and why.
///
/// The widget's page script checks a token's format and `exp` itself; Omnichannel's server
/// checks the rest (the algorithm, the signature and `kid`, the claims, the context) and the
/// widget reports the same code 4. Each error finding says which side refuses
/// ([`Finding::refused_by`]; a token the widget refuses never reaches the server). Without the `sign` feature the signature's shape is checked, but
/// not the signature itself.
///
/// Never panics, whatever the input, and never puts the whole token in a finding.
///
/// ```
/// use lwicontext::diagnose::{DiagnoseOptions, ErrorCode, diagnose};
/// use lwicontext::rules::Rule;
///
/// let diagnosis = diagnose("", &DiagnoseOptions::new());
/// assert_eq!(diagnosis.error, Some(ErrorCode::NoToken));
/// assert_eq!(diagnosis.findings[0].rule, Rule::Empty);
///
/// let diagnosis = diagnose("not.a.token", &DiagnoseOptions::new());
/// assert_eq!(diagnosis.error, Some(ErrorCode::InvalidToken));
/// ```
pub fn diagnose(token: &str, options: &DiagnoseOptions) -> Diagnosis {
    let known: Option<Vec<&str>> = options
        .schema
        .as_ref()
        .map(|names| names.iter().map(String::as_str).collect());
    let (examined, (header, claims)) =
        format::examine(token, options, known.as_deref(), |header, claims| {
            (
                header.map(read::object_to_serde),
                claims.map(read::object_to_serde),
            )
        });
    let (error, findings) = verdict(examined.findings);
    Diagnosis {
        error,
        findings,
        header,
        claims,
        context: examined.context,
        expires_at: examined.expires_at,
        token_tail: tail(token.trim()),
    }
}

/// The findings in [`diagnose`]'s order, errors first and among them the widget's, since it
/// refuses before the server sees anything; and the widget error the first error causes.
pub(crate) fn verdict(mut findings: Vec<Finding>) -> (Option<ErrorCode>, Vec<Finding>) {
    // A stable sort into six classes, by severity and then the widget's first: an insertion
    // sort, which costs the page's wasm module none of a sort's 4 KB. Each rule reports at most
    // MAX_FINDINGS_PER_RULE findings and one more that counts the rest, so there are a few
    // hundred at most.
    let class = |finding: &Finding| {
        2 * finding.severity as usize + usize::from(finding.refused_by != Some(Side::Widget))
    };
    for sorted in 1..findings.len() {
        // Each finding moves back past those of a later class. A pattern on the pair, not
        // indexing: no bounds-check panic in the page's module.
        for at in (1..=sorted).rev() {
            match findings.get_mut(at - 1..=at) {
                Some([before, current]) if class(before) > class(current) => {
                    core::mem::swap(before, current);
                }
                _ => break,
            }
        }
    }
    let error = findings
        .iter()
        .find(|finding| finding.severity == Severity::Error)
        .map(|finding| {
            if finding.rule == Rule::Empty {
                ErrorCode::NoToken
            } else {
                ErrorCode::InvalidToken
            }
        });
    (error, findings)
}

#[cfg(test)]
mod tests {
    use super::{ErrorCode, Finding, Rule, Severity, Side, verdict};
    use proptest::prelude::*;
    use std::prelude::rust_2024::*;

    fn finding() -> impl Strategy<Value = Finding> {
        (
            prop_oneof![
                Just(Severity::Error),
                Just(Severity::Warning),
                Just(Severity::Note)
            ],
            prop_oneof![
                Just(None),
                Just(Some(Side::Widget)),
                Just(Some(Side::Server))
            ],
            prop_oneof![
                Just(Rule::Empty),
                Just(Rule::Expired),
                Just(Rule::LongLifetime)
            ],
            0..1000_u32,
        )
            .prop_map(|(severity, refused_by, rule, n)| Finding {
                severity,
                rule,
                refused_by,
                message: n.to_string(),
            })
    }

    proptest! {
        /// The insertion sort gives what the standard library's stable sort gives, and the code
        /// is the first error's.
        #[test]
        fn verdict_sorts_stably_by_severity_then_the_widget_first(
            findings in prop::collection::vec(finding(), 0..60)
        ) {
            let mut expected = findings.clone();
            expected.sort_by_key(|finding| {
                (finding.severity as usize, finding.refused_by != Some(Side::Widget))
            });
            let (error, sorted) = verdict(findings);
            let code = expected.iter().find(|f| f.severity == Severity::Error).map(|f| {
                if f.rule == Rule::Empty { ErrorCode::NoToken } else { ErrorCode::InvalidToken }
            });
            prop_assert_eq!(sorted, expected);
            prop_assert_eq!(error, code);
        }
    }
}
