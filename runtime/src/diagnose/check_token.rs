//! [`check_token`]: a token checked as the page checks it, and its context read back into the
//! typed struct: what a Rust front end does with the token it is handed.

use crate::prelude::*;
use core::fmt;

use crate::context::decode::{ContextReader, FromLwiContexts};
use crate::context::error::ContextError;
use crate::diagnose::error_code::ErrorCode;
use crate::diagnose::{DiagnoseOptions, Finding, Severity};
use crate::encoding::JsonContext;
use crate::json::read::Json;
use crate::rules::Rule;

/// A token [`check_token`] accepts, with what it carries.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct CheckedToken<C> {
    /// The context, read back from `lwicontexts`.
    pub context: C,
    /// When the token expires, in Unix seconds, as the widget reads `exp`.
    pub expires_at: Option<u64>,
    /// Risks that do not stop the chat, in `diagnose`'s order.
    pub warnings: Vec<Finding>,
}

/// Why [`check_token`] refuses a token: the widget's error code and the reasons.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct TokenRefused {
    /// The code the widget reports: 3 for no token, 4 otherwise.
    pub code: ErrorCode,
    /// `diagnose`'s errors, in its order; empty when the token is good but its context cannot
    /// be read into the struct.
    pub errors: Vec<Finding>,
    /// Why the context cannot be read into the struct, when that is the reason.
    pub context: Option<ContextError>,
}

impl TokenRefused {
    /// The first rule the token breaks.
    pub fn rule(&self) -> Rule {
        self.errors
            .first()
            .map(|finding| finding.rule)
            .or_else(|| self.context.as_ref().map(ContextError::rule))
            .unwrap_or(Rule::BadPayload)
    }
}

impl fmt::Display for TokenRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code)?;
        match (self.errors.first(), &self.context) {
            (Some(finding), _) => write!(f, ": {}", finding.message),
            (None, Some(error)) => write!(f, ": {error}"),
            (None, None) => Ok(()),
        }
    }
}

impl core::error::Error for TokenRefused {}

/// Checks `jwt` by the rules [`diagnose`] checks, against the variables of `C`, and reads its
/// context back into `C`: the same verdict as `diagnose` (the code and the errors, in order)
/// and as the generated JavaScript's `checkToken`. Without a key in `options`, as on a page, the
/// signature's shape is checked and not the signature.
///
/// ```
/// use lwicontext::diagnose::{DiagnoseOptions, ErrorCode, check_token};
/// use lwicontext::LwiContext;
///
/// #[derive(LwiContext, Debug, PartialEq)]
/// struct ChatContext {
///     #[lwi(rename = "msdyn_cartvalue")]
///     cart_value: u32,
/// }
///
/// let refused = check_token::<ChatContext>("", &DiagnoseOptions::new()).unwrap_err();
/// assert_eq!(refused.code, ErrorCode::NoToken);
/// ```
///
/// # Errors
/// A [`TokenRefused`] with code 3 or 4: `diagnose`'s errors, or, for a token it accepts, why its
/// context cannot be read into `C` (a required variable missing, a value of another kind).
///
/// [`diagnose`]: super::diagnose()
pub fn check_token<C: FromLwiContexts>(
    jwt: &str,
    options: &DiagnoseOptions,
) -> Result<CheckedToken<C>, TokenRefused> {
    // The struct's variables, in place of any the options name.
    let known: Vec<&str> = C::VARIABLES.iter().map(|variable| variable.name).collect();
    let accepted = accept(jwt, options, Some(&known))?;
    // The check read the context and refused a repeated name or one `C` lacks: it is read into
    // `C` as it was read, not from its text again.
    let variables = ContextReader::checked(accepted.context.variables);
    let context = C::from_variables(&variables).map_err(|error| TokenRefused {
        code: ErrorCode::InvalidToken,
        errors: Vec::new(),
        context: Some(error),
    })?;
    Ok(CheckedToken {
        context,
        expires_at: accepted.expires_at,
        warnings: accepted.warnings,
    })
}

/// The context of a token [`accept`] accepts: the claim's text, and its variables as the check
/// read them.
pub(crate) struct Accepted {
    /// What the wasm glue's `checkToken` gives JavaScript, through `JSON.parse`.
    #[cfg_attr(not(feature = "wasm"), allow(dead_code))]
    pub(crate) text: String,
    pub(crate) variables: JsonContext,
}

/// [`diagnose`]'s verdict as the page sees it: a token it accepts, with its context, or the
/// refusal.
///
/// [`diagnose`]: super::diagnose()
pub(crate) fn accept(
    jwt: &str,
    options: &DiagnoseOptions,
    known: Option<&[&str]>,
) -> Result<CheckedToken<Accepted>, TokenRefused> {
    let (examined, lwicontexts) = super::format::examine(jwt, options, known, |_, claims| {
        claims
            .and_then(|claims| claims.get("lwicontexts"))
            .and_then(Json::as_str)
            .map(str::to_owned)
    });
    let (error, findings) = super::verdict(examined.findings);
    let (mut errors, mut warnings) = (Vec::new(), Vec::new());
    for finding in findings {
        match finding.severity {
            Severity::Error => errors.push(finding),
            Severity::Warning => warnings.push(finding),
            Severity::Note => {}
        }
    }
    if let Some(code) = error {
        return Err(TokenRefused {
            code,
            errors,
            context: None,
        });
    }
    Ok(CheckedToken {
        // No lwicontexts claim: a context with no variables, which a struct may not accept.
        context: Accepted {
            text: lwicontexts.unwrap_or_else(|| "{}".to_owned()),
            variables: examined.context.unwrap_or_default(),
        },
        expires_at: examined.expires_at,
        warnings,
    })
}
