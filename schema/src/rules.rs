//! Omnichannel's rules, each with one name, one check and one sentence.
//!
//! [`Rule`] names every rule the derive, JSON contexts, `diagnose`, codegen and the CLI enforce,
//! with a stable `snake_case` name ([`Rule::as_str`]). The checks that need no more than a name,
//! a value or a count ([`check_name`], [`check_value`], [`check_count`], [`first_repeated`])
//! return a typed [`Violation`], whose `Display` is the sentence users read.

use crate::prelude::*;
use core::fmt;

use crate::text::Piece;
use crate::{put, text};

use crate::limits::{MAX_NAME_CHARS, MAX_VALUE_CHARS, MAX_VARIABLES, char_count};

/// Omnichannel's rule on values, word for word as users read it everywhere.
pub const PRIMITIVES_ONLY: &str =
    "lwicontexts allows only primitive values: string, number, boolean";

/// What a string with a lone surrogate escape (`"\ud800"`) is, for [`Violation::NotPrimitive`]:
/// JSON, but no Unicode text.
pub const LONE_SURROGATE: &str = "text with a lone surrogate escape";

/// What the glue, in JavaScript and in wasm, calls a thrown value that cannot become text
/// (`Object.create(null)`, whose `String()` throws) when it says why a route failed.
pub const NO_TEXT: &str = "an object with no text";

/// Who refuses a token that breaks a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    /// The widget's page script, before anything is sent: it reads only the token's format and
    /// `exp`.
    Widget,
    /// Omnichannel's server, which checks the algorithm, the signature, the `kid`, the claims and
    /// the context; the widget then reports the same error code 4.
    Server,
}

impl Side {
    /// `"widget"` or `"server"`: how JSON output names the side.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Widget => "widget",
            Self::Server => "server",
        }
    }

    /// "the widget refuses" / "Omnichannel's server refuses": how findings say it.
    pub const fn refuses(self) -> &'static str {
        match self {
            Self::Widget => "the widget refuses",
            Self::Server => "Omnichannel's server refuses",
        }
    }
}

macro_rules! rules {
    ($($(#[$doc:meta])* $rule:ident = $name:literal, $side:expr;)*) => {
        /// A rule of Omnichannel's about tokens and context variables, with one name everywhere:
        /// the Rust enums, [`Rule::as_str`] and the CLI's output.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Rule {
            $($(#[$doc])* $rule,)*
        }

        impl Rule {
            /// Every rule, in the order a token is read.
            pub const ALL: &[Self] = &[$(Self::$rule),*];

            /// The rule's name in `snake_case`: stable across releases.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$rule => $name,)*
                }
            }

            /// The variant's name, as generated JavaScript names the rule too:
            /// `"NotThreeParts"`.
            pub const fn variant_name(self) -> &'static str {
                match self {
                    $(Self::$rule => stringify!($rule),)*
                }
            }

            /// Who refuses a token that breaks the rule, as a rule: `diagnose` may say otherwise
            /// for one token (a payload the widget reads but the server does not). `None` for
            /// the rules whose findings are warnings or notes, and for the rules about minting.
            pub const fn refused_by(self) -> Option<Side> {
                match self {
                    $(Self::$rule => $side,)*
                }
            }
        }
    };
}

const WIDGET: Option<Side> = Some(Side::Widget);
const SERVER: Option<Side> = Some(Side::Server);

rules! {
    /// No token: `null`, `undefined` or `""` (error 3).
    Empty = "empty", WIDGET;
    /// Not three dot-separated parts.
    NotThreeParts = "not_three_parts", WIDGET;
    /// The header is not base64url JSON.
    BadHeader = "bad_header", SERVER;
    /// `alg` is not RS256.
    NotRs256 = "not_rs256", SERVER;
    /// The payload is not base64url JSON.
    BadPayload = "bad_payload", WIDGET;
    /// A required claim (`iss`, `sub`, `iat`, `exp`) is missing or of the wrong type.
    MissingClaim = "missing_claim", SERVER;
    /// A time of 13 digits: the widget reads an `exp` so as milliseconds, a standard verifier
    /// reads seconds.
    Milliseconds = "milliseconds", None;
    /// Past `exp`.
    Expired = "expired", WIDGET;
    /// Before `nbf`.
    NotYetValid = "not_yet_valid", SERVER;
    /// `iat` in the future.
    IssuedInFuture = "issued_in_future", None;
    /// Valid for more than an hour.
    LongLifetime = "long_lifetime", None;
    /// Identity data (email, names, phone) as top-level claims.
    IdentityClaims = "identity_claims", None;
    /// `lwicontexts` is not a string.
    ContextNotString = "context_not_string", SERVER;
    /// `lwicontexts` is not a JSON object.
    ContextNotObject = "context_not_object", SERVER;
    /// A context value that is not a string, number or boolean.
    NotPrimitive = "not_primitive", SERVER;
    /// A context variable name that is empty or over [`MAX_NAME_CHARS`] characters.
    InvalidName = "invalid_name", SERVER;
    /// A context value over [`MAX_VALUE_CHARS`] characters.
    ValueTooLong = "value_too_long", SERVER;
    /// More than [`MAX_VARIABLES`] context variables.
    TooManyVariables = "too_many_variables", SERVER;
    /// A context variable given twice.
    RepeatedVariable = "repeated_variable", SERVER;
    /// A context variable the work stream does not have.
    UnknownVariable = "unknown_variable", SERVER;
    /// A variable the context needs that the `lwicontexts` read back lacks.
    MissingVariable = "missing_variable", None;
    /// A value read back of another kind than its field's: text where a number is needed.
    WrongKind = "wrong_kind", None;
    /// A value read back that its field's type cannot hold: 300 for a `u8`, 0 for a `NonZero`.
    OutOfRange = "out_of_range", None;
    /// A float that is NaN or infinite, which JSON cannot carry.
    NotFinite = "not_finite", None;
    /// In the `native` encoding, a number JavaScript would change.
    UnsafeNumber = "unsafe_number", None;
    /// Text given as a number that is not a JSON number.
    NotANumber = "not_a_number", None;
    /// No key to check the signature with: not checked.
    SignatureNotChecked = "signature_not_checked", None;
    /// No signature, or one that does not verify against the key.
    BadSignature = "bad_signature", SERVER;
    /// The header has no `kid`, and the key set needs one.
    MissingKid = "missing_kid", SERVER;
    /// No key in the key set has the header's `kid`.
    UnknownKid = "unknown_kid", SERVER;
    /// The key set's key for this `kid` has expired.
    KeyExpired = "key_expired", SERVER;
    /// The Public key URL is `http:`, not `https:`.
    KeyUrlNotHttps = "key_url_not_https", None;
    /// The Public key URL redirects: whether Omnichannel's server follows a redirect is not
    /// documented.
    KeyUrlRedirect = "key_url_redirect", None;
    /// The Public key URL answers a status other than 2xx.
    KeyUrlStatus = "key_url_status", SERVER;
    /// The Public key URL's body is over the size a key body needs.
    KeyUrlTooLarge = "key_url_too_large", SERVER;
    /// The Public key URL's body is neither a PEM public key nor Omnichannel's multi-key JSON:
    /// an HTML page, say.
    KeyUrlNotKey = "key_url_not_key", SERVER;
    /// The key that verifies the token expires before the token does, or within days.
    KeyExpiresSoon = "key_expires_soon", None;
    /// The token endpoint answers a status other than 2xx, a redirect, or a body over the size a
    /// token needs.
    TokenEndpoint = "token_endpoint", None;
    /// The token endpoint's answer may be cached: one person's token served to another, or an
    /// expired one served again.
    TokenCacheable = "token_cacheable", None;
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// A context that breaks one of Omnichannel's limits. Its `Display` is the sentence users read,
/// written to follow "context variable `name`: " (see [`Violation::at`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Violation {
    /// A name that is empty or over [`MAX_NAME_CHARS`]: [`Rule::InvalidName`].
    InvalidName {
        /// The name's length in UTF-16 code units.
        length: usize,
    },
    /// A value over [`MAX_VALUE_CHARS`]: [`Rule::ValueTooLong`].
    ValueTooLong {
        /// The value's length in UTF-16 code units.
        length: usize,
    },
    /// More than [`MAX_VARIABLES`] variables: [`Rule::TooManyVariables`].
    TooManyVariables {
        /// How many there are.
        count: usize,
    },
    /// A name given twice: [`Rule::RepeatedVariable`].
    RepeatedVariable,
    /// A value that is not a string, number or boolean: [`Rule::NotPrimitive`].
    NotPrimitive {
        /// What it is instead: "an array", "an object".
        found: &'static str,
    },
}

impl Violation {
    /// The rule it breaks.
    pub const fn rule(self) -> Rule {
        match self {
            Self::InvalidName { .. } => Rule::InvalidName,
            Self::ValueTooLong { .. } => Rule::ValueTooLong,
            Self::TooManyVariables { .. } => Rule::TooManyVariables,
            Self::RepeatedVariable => Rule::RepeatedVariable,
            Self::NotPrimitive { .. } => Rule::NotPrimitive,
        }
    }

    /// The sentence about the context variable `name`: "context variable `name`: ...".
    ///
    /// ```
    /// use lwicontext::rules::check_name;
    ///
    /// let violation = check_name("").unwrap_err();
    /// assert_eq!(
    ///     violation.at("").to_string(),
    ///     "context variable ``: its name has 0 characters; a name has 1 to 100"
    /// );
    /// ```
    pub fn at(self, name: &str) -> impl fmt::Display + Piece + '_ {
        AtVariable {
            name,
            violation: self,
        }
    }
}

struct AtVariable<'a> {
    name: &'a str,
    violation: Violation,
}

impl Piece for AtVariable<'_> {
    fn put(&self, out: &mut String) {
        put![out, "context variable `", self.name, "`: ", self.violation];
    }
}

impl fmt::Display for AtVariable<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&text![self])
    }
}

/// The sentence, written by the same pieces as everywhere: see [`crate::text`].
impl Piece for Violation {
    fn put(&self, out: &mut String) {
        match *self {
            Self::InvalidName { length } => put![
                out,
                "its name has ",
                length,
                " characters; a name has 1 to ",
                MAX_NAME_CHARS
            ],
            Self::ValueTooLong { length } => put![
                out,
                "its value has ",
                length,
                " characters; a value holds at most ",
                MAX_VALUE_CHARS
            ],
            Self::TooManyVariables { count } => put![
                out,
                count,
                " context variables; Omnichannel takes at most ",
                MAX_VARIABLES,
                " in one chat session"
            ],
            Self::RepeatedVariable => {
                put![out, "given more than once; each variable is sent once"];
            }
            Self::NotPrimitive { found } => {
                put![out, "its value is ", found, ", and ", PRIMITIVES_ONLY];
            }
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&text![self])
    }
}

impl core::error::Error for Violation {}

/// A name Omnichannel takes: 1 to [`MAX_NAME_CHARS`] characters.
///
/// # Errors
/// [`Violation::InvalidName`] with the name's length.
pub fn check_name(name: &str) -> Result<(), Violation> {
    // UTF-16 never takes more code units than UTF-8 takes bytes: short names need no count.
    if !name.is_empty() && name.len() <= MAX_NAME_CHARS {
        return Ok(());
    }
    let length = char_count(name);
    if (1..=MAX_NAME_CHARS).contains(&length) {
        Ok(())
    } else {
        Err(Violation::InvalidName { length })
    }
}

/// A value a context variable holds: at most [`MAX_VALUE_CHARS`] characters.
///
/// # Errors
/// [`Violation::ValueTooLong`] with the value's length.
#[inline]
pub fn check_value(text: &str) -> Result<(), Violation> {
    // UTF-16 never takes more code units than UTF-8 takes bytes: short values need no count.
    if text.len() <= MAX_VALUE_CHARS {
        return Ok(());
    }
    let length = char_count(text);
    if length <= MAX_VALUE_CHARS {
        Ok(())
    } else {
        Err(Violation::ValueTooLong { length })
    }
}

/// A number of variables one chat takes: at most [`MAX_VARIABLES`].
///
/// # Errors
/// [`Violation::TooManyVariables`] with the count.
pub fn check_count(count: usize) -> Result<(), Violation> {
    if count <= MAX_VARIABLES {
        Ok(())
    } else {
        Err(Violation::TooManyVariables { count })
    }
}

/// The sentence for a context variable the work stream does not have ([`Rule::UnknownVariable`]),
/// with a "did you mean" when one of `known` is close.
///
/// ```
/// use lwicontext::rules::unknown_variable;
///
/// assert_eq!(
///     unknown_variable("msdyn_cartvalu", ["msdyn_cartvalue", "msdyn_isvip"]),
///     "context variable `msdyn_cartvalu` is not one of the work stream's (names are exact and case-sensitive); did you mean `msdyn_cartvalue`?"
/// );
/// ```
pub fn unknown_variable<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    let mut sentence = text![
        "context variable `",
        name,
        "` is not one of the work stream's (names are exact and case-sensitive)"
    ];
    if let Some(close) = crate::closest(name, known) {
        put![&mut sentence, "; did you mean `", close, "`?"];
    }
    sentence
}

/// The first name that appears a second time, found in one pass.
///
/// ```
/// use lwicontext::rules::first_repeated;
///
/// assert_eq!(first_repeated(["a", "b", "b", "a"]), Some("b"));
/// assert_eq!(first_repeated(["a", "b"]), None);
/// ```
///
/// The names go into a hash table of its own: open addressing with linear probing, FNV-1a, twice
/// as many slots as names. That is a few hundred bytes of a page's wasm module, where a
/// `HashSet` (with its `SipHash`) or a `BTreeSet` is 3 to 5 KB. The time is linear in the names'
/// length; names made to collide in FNV-1a make it quadratic in their number, and a token's
/// names are its own site's.
pub fn first_repeated<'a>(names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let names: Vec<&str> = names.into_iter().collect();
    let mask = names.len().saturating_mul(2).next_power_of_two() - 1;
    // A name's position plus one; 0 for an empty slot.
    let mut slots = vec![0_usize; mask + 1];
    for (at, &name) in names.iter().enumerate() {
        let mut slot = fnv1a(name) & mask;
        // `get`: the page's module then holds no bounds-check panic (a slot is at most `mask`,
        // and a seen position at most `at`).
        while let Some(entry) = slots.get_mut(slot) {
            match *entry {
                0 => {
                    *entry = at + 1;
                    break;
                }
                seen if names.get(seen - 1) == Some(&name) => return Some(name),
                _ => slot = (slot + 1) & mask,
            }
        }
    }
    None
}

/// The 64-bit FNV-1a hash of `text`, in a `usize` (its low bits on a 32-bit target).
#[allow(clippy::cast_possible_truncation)]
fn fnv1a(text: &str) -> usize {
    text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    }) as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::prelude::rust_2024::*;

    #[test]
    fn names_are_unique_and_snake_case() {
        let names: Vec<&str> = Rule::ALL.iter().map(|rule| rule.as_str()).collect();
        assert_eq!(first_repeated(names.iter().copied()), None);
        for name in names {
            assert!(
                name.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{name}"
            );
        }
    }

    #[test]
    fn first_repeated_finds_the_earliest_second_appearance() {
        // Against the plain quadratic search, on names from a small alphabet, so that many
        // repeat and many share a hash slot.
        fn naive<'a>(names: &[&'a str]) -> Option<&'a str> {
            (1..names.len())
                .find(|&at| names[..at].contains(&names[at]))
                .map(|at| names[at])
        }
        let alphabet = ["", "a", "b", "ab", "ba", "é", "a\u{0}", "msdyn_cartvalue"];
        let mut state = 0x2545_f491_u32;
        for length in 0..40 {
            for _ in 0..50 {
                let names: Vec<&str> = (0..length)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 17;
                        state ^= state << 5;
                        alphabet[state as usize % alphabet.len()]
                    })
                    .collect();
                assert_eq!(
                    first_repeated(names.iter().copied()),
                    naive(&names),
                    "{names:?}"
                );
            }
        }
        let distinct: Vec<String> = (0..10_000).map(|n| format!("v{n}")).collect();
        assert_eq!(first_repeated(distinct.iter().map(String::as_str)), None);
        let mut repeated = distinct.clone();
        repeated.push("v9876".to_owned());
        assert_eq!(
            first_repeated(repeated.iter().map(String::as_str)),
            Some("v9876")
        );
    }

    #[test]
    fn checks_hold_the_limits() {
        assert_eq!(check_name("a"), Ok(()));
        assert_eq!(check_name(&"a".repeat(100)), Ok(()));
        assert_eq!(
            check_name(&"a".repeat(101)),
            Err(Violation::InvalidName { length: 101 })
        );
        // Characters, not bytes: 100 two-byte characters fit.
        assert_eq!(check_name(&"é".repeat(100)), Ok(()));
        assert_eq!(check_value(&"é".repeat(4000)), Ok(()));
        assert_eq!(
            check_value(&"😀".repeat(2001)),
            Err(Violation::ValueTooLong { length: 4002 })
        );
        assert_eq!(check_count(100), Ok(()));
        assert_eq!(
            check_count(101).unwrap_err().to_string(),
            "101 context variables; Omnichannel takes at most 100 in one chat session"
        );
    }

    #[test]
    fn sentences_name_the_variable_and_the_rule() {
        let violation = Violation::NotPrimitive { found: "an array" };
        assert_eq!(violation.rule(), Rule::NotPrimitive);
        assert_eq!(
            violation.at("msdyn_tags").to_string(),
            format!("context variable `msdyn_tags`: its value is an array, and {PRIMITIVES_ONLY}")
        );
    }
}
