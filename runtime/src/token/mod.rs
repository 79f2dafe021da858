#![doc = include_str!("../docs/token.md")]

use crate::prelude::*;
pub(crate) mod clock;
#[cfg(feature = "sign")]
pub(crate) mod header;

pub use clock::{Clock, FixedClock, SystemClock};

use alloc::sync::Arc;
use core::fmt;
use core::time::Duration;

use lwicontext_schema::limits::MILLISECONDS_FROM;

use crate::context::LwiContext;
use crate::context::error::ContextError;
use crate::json::push_str as push_json_str;
#[cfg(feature = "sign")]
use crate::keys::Signer;
use crate::named_values;

/// The claims the builder writes itself, which extra claims may not override.
pub const RESERVED_CLAIMS: [&str; 6] = ["iss", "sub", "iat", "nbf", "exp", "lwicontexts"];

/// Fifteen minutes, like the tokens Power Pages issues.
pub const DEFAULT_LIFETIME: Duration = Duration::from_mins(15);

/// Why a token could not be minted.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum TokenError {
    /// A context value cannot be sent.
    Context(ContextError),
    /// An extra claim tried to replace one the builder writes.
    ReservedClaim {
        /// The claim's name.
        name: String,
    },
    /// A lifetime of zero, or one so long that `exp` would read as milliseconds.
    InvalidLifetime(Duration),
    /// `iss` or `sub` is empty: Omnichannel requires both.
    EmptyClaim {
        /// `"iss"` or `"sub"`.
        name: &'static str,
    },
    /// The RSA signature failed.
    Signing,
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Context(error) => error.fmt(f),
            Self::ReservedClaim { name } => write!(
                f,
                "the extra claim `{name}` would replace one the token builder writes ({})",
                RESERVED_CLAIMS.join(", ")
            ),
            Self::InvalidLifetime(lifetime) => write!(
                f,
                "a token lifetime of {} s is not usable: it must be at least a second, and end before the year 33658",
                lifetime.as_secs()
            ),
            Self::EmptyClaim { name } => write!(
                f,
                "the {name} claim is empty; Omnichannel requires iss and sub (sub: the contact's or account's id)"
            ),
            Self::Signing => f.write_str("the RSA signature failed"),
        }
    }
}

impl core::error::Error for TokenError {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            Self::Context(error) => Some(error),
            _ => None,
        }
    }
}

impl From<ContextError> for TokenError {
    fn from(error: ContextError) -> Self {
        Self::Context(error)
    }
}

/// Builds and signs an Omnichannel chat token.
///
/// ```
/// use std::time::Duration;
/// use lwicontext::keys::Signer;
/// use lwicontext::token::TokenBuilder;
/// use lwicontext::LwiContext;
///
/// #[derive(LwiContext)]
/// struct ChatContext {
///     #[lwi(rename = "msdyn_cartvalue")]
///     cart_value: u32,
/// }
///
/// let signer = Signer::generate(2048)?.with_kid("2026-11");
/// let jwt: String = TokenBuilder::new("contosohelp.com", "87b4d06c-abc2-e811-a9b0-000d3a10e09e")
///     .lifetime(Duration::from_mins(15))
///     .context(&ChatContext { cart_value: 10000 })
///     .sign(&signer)?;
/// assert_eq!(jwt.split('.').count(), 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// The header is `{"alg":"RS256","typ":"JWT"}` (with the signer's `kid`, if any). The claims
/// are `iss`, `sub`, `iat`, `nbf` (= `iat`), `exp` (= `iat` + lifetime, in seconds),
/// `lwicontexts` when a context is set, and any extra claims.
#[derive(Clone)]
#[must_use]
pub struct TokenBuilder {
    iss: String,
    sub: String,
    lifetime: Duration,
    lwicontexts: Option<Result<String, ContextError>>,
    extra: Vec<(String, serde_json::Value)>,
    clock: Option<Arc<dyn Clock>>,
}

/// Shows the claims' names, not their values: `sub` and the context carry personal data.
impl fmt::Debug for TokenBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let extra: Vec<&str> = self.extra.iter().map(|(name, _)| name.as_str()).collect();
        let context = match &self.lwicontexts {
            None => "none".to_owned(),
            Some(Ok(text)) => format!("{} bytes", text.len()),
            Some(Err(error)) => format!("refused for `{}`", error.variable().unwrap_or("?")),
        };
        f.debug_struct("TokenBuilder")
            .field("iss", &self.iss)
            .field("lifetime", &self.lifetime)
            .field("lwicontexts", &context)
            .field("extra_claims", &extra)
            .finish_non_exhaustive()
    }
}

impl TokenBuilder {
    /// A token for subject `sub` (the contact's or account's GUID: Omnichannel links the chat to
    /// it), issued by `iss`.
    pub fn new(iss: impl Into<String>, sub: impl Into<String>) -> Self {
        Self {
            iss: iss.into(),
            sub: sub.into(),
            lifetime: DEFAULT_LIFETIME,
            lwicontexts: None,
            extra: Vec::new(),
            clock: None,
        }
    }

    /// How long the token is valid: `exp` = `iat` + `lifetime`, rounded down to whole seconds.
    /// Fifteen minutes by default.
    pub fn lifetime(mut self, lifetime: Duration) -> Self {
        self.lifetime = lifetime;
        self
    }

    /// The chat's context variables, written as the `lwicontexts` claim in the context's own
    /// encoding. A value that cannot be sent makes [`sign`](Self::sign) fail.
    pub fn context<C: LwiContext + ?Sized>(mut self, context: &C) -> Self {
        self.lwicontexts = Some(context.to_lwicontexts());
        self
    }

    /// A `lwicontexts` claim already encoded, such as one
    /// [`JsonContext::to_lwicontexts`](crate::context::JsonContext::to_lwicontexts) writes.
    pub fn lwicontexts(mut self, lwicontexts: impl Into<String>) -> Self {
        self.lwicontexts = Some(Ok(lwicontexts.into()));
        self
    }

    /// An extra claim; a second one of the same name replaces the first. It may not be one of
    /// [`RESERVED_CLAIMS`].
    pub fn claim(mut self, name: impl Into<String>, value: impl Into<serde_json::Value>) -> Self {
        named_values::set(&mut self.extra, name.into(), value.into());
        self
    }

    /// Where `iat` comes from; the system clock by default.
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Some(Arc::new(clock));
        self
    }

    /// Signs the token with RS256.
    ///
    /// # Errors
    /// A [`TokenError`]: a context value that cannot be sent, an extra claim that would replace
    /// a reserved one, a zero lifetime, or a failed signature.
    #[cfg(feature = "sign")]
    pub fn sign(&self, signer: &Signer) -> Result<String, TokenError> {
        use base64::Engine as _;
        use base64::engine::general_purpose::URL_SAFE_NO_PAD;

        let payload = self.claims()?;
        let mut token = String::with_capacity(
            signer.header_prefix().len() + payload.len() * 4 / 3 + 8 + 1024 * 4 / 3,
        );
        token.push_str(signer.header_prefix());
        URL_SAFE_NO_PAD.encode_string(payload.as_bytes(), &mut token);
        signer
            .append_signature(&mut token)
            .map_err(|_| TokenError::Signing)?;
        Ok(token)
    }

    /// The claims as compact JSON: what [`sign`](Self::sign) encodes and signs, for a site
    /// that signs elsewhere (a key vault or an HSM) with the header `{"alg":"RS256","typ":"JWT"}`.
    ///
    /// # Errors
    /// As [`sign`](Self::sign), but for the signature.
    pub fn claims(&self) -> Result<String, TokenError> {
        if let Some((name, _)) = self
            .extra
            .iter()
            .find(|(name, _)| RESERVED_CLAIMS.contains(&name.as_str()))
        {
            return Err(TokenError::ReservedClaim { name: name.clone() });
        }
        for (name, value) in [("iss", &self.iss), ("sub", &self.sub)] {
            if value.is_empty() {
                return Err(TokenError::EmptyClaim { name });
            }
        }
        let lifetime = self.lifetime.as_secs();
        let iat = match &self.clock {
            Some(clock) => clock.unix_seconds(),
            None => SystemClock.unix_seconds(),
        };
        // A 13-digit exp reads as milliseconds to the widget and as seconds to a verifier.
        let exp = iat
            .checked_add(lifetime)
            .filter(|&exp| lifetime > 0 && exp < MILLISECONDS_FROM)
            .ok_or(TokenError::InvalidLifetime(self.lifetime))?;

        let mut json = String::with_capacity(128);
        json.push_str(r#"{"iss":"#);
        push_json_str(&mut json, &self.iss);
        json.push_str(r#","sub":"#);
        push_json_str(&mut json, &self.sub);
        let mut number = itoa::Buffer::new();
        for (name, value) in [
            (r#","iat":"#, iat),
            (r#","nbf":"#, iat),
            (r#","exp":"#, exp),
        ] {
            json.push_str(name);
            json.push_str(number.format(value));
        }
        if let Some(lwicontexts) = &self.lwicontexts {
            let lwicontexts = lwicontexts.as_ref().map_err(Clone::clone)?;
            json.push_str(r#","lwicontexts":"#);
            push_json_str(&mut json, lwicontexts);
        }
        for (name, value) in &self.extra {
            json.push(',');
            push_json_str(&mut json, name);
            json.push(':');
            json.push_str(&value.to_string());
        }
        json.push('}');
        Ok(json)
    }
}

/// The last three characters of `token`: all that a log line or a message may show of it.
///
/// ```
/// assert_eq!(lwicontext::token::tail("eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl"), "XJl");
/// ```
pub fn tail(token: &str) -> String {
    let start = token.char_indices().rev().nth(2).map_or(0, |(at, _)| at);
    token.get(start..).unwrap_or_default().to_owned()
}
